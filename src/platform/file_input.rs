//! Reading a file the user picked ("Mở tệp") or dropped on the page.

use super::describe;

/// Reads a file the user picked or dropped, as bytes.
///
/// # Errors
///
/// The browser's message when it cannot read the file (removed, unreadable, too large for
/// memory).
pub async fn read_file(file: web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(describe)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Reads a file the user picked or dropped into a buffer of its own, left in JavaScript's
/// memory (for [`super::worker::request_with_file`], which transfers it to the worker).
///
/// # Errors
///
/// As [`read_file`].
pub async fn read_file_buffer(file: web_sys::File) -> Result<js_sys::Uint8Array, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(describe)?;
    Ok(js_sys::Uint8Array::new(&buffer))
}

/// The file picked in the `<input type="file">` an event came from, if any; the input is
/// cleared so that the same file can be picked again.
pub fn take_picked_file(event: &web_sys::Event) -> Option<web_sys::File> {
    use wasm_bindgen::JsCast;
    let input = event
        .target()?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?;
    let file = input.files().and_then(|list| list.get(0));
    input.set_value("");
    file
}

/// Reads a picked file as UTF-8 text.
///
/// # Errors
/// The browser's message when it cannot read the file, or that the file is not UTF-8 text
/// (Vietnamese).
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let bytes = read_file(file).await?;
    String::from_utf8(bytes).map_err(|_| "tệp không phải văn bản UTF-8".to_string())
}
