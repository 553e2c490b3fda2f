//! Offering bytes to the user as a downloaded file (a blob URL on a hidden link).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{describe, document, window};

/// How long the blob URL of a download is kept: the browser holds its own reference once the
/// download started.
const REVOKE_AFTER_MS: i32 = 10_000;

/// Offers `bytes` to the user as a downloaded file called `name`.
///
/// # Errors
///
/// The browser's message when it refuses to make the blob, its URL or the link, or when the
/// page has no body yet.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download_array(name, mime, &js_sys::Uint8Array::from(bytes))
}

/// Offers bytes already in JS memory (a file from the documents worker) as a download.
///
/// # Errors
///
/// As [`download_bytes`].
pub fn download_array(name: &str, mime: &str, array: &js_sys::Uint8Array) -> Result<(), String> {
    let parts = js_sys::Array::of1(array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let anchor: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(describe)?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_attribute("hidden", "").map_err(describe)?;
    let body = document().body().ok_or("trang chưa sẵn sàng")?;
    body.append_child(&anchor).map_err(describe)?;
    anchor.click();
    anchor.remove();
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
        revoke.unchecked_ref(),
        REVOKE_AFTER_MS,
    );
    Ok(())
}

/// Offers UTF-8 text as a downloaded file.
///
/// # Errors
///
/// As [`download_bytes`].
pub fn download_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_bytes(name, mime, text.as_bytes())
}
