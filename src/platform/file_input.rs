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
