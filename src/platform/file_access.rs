//! The File System Access API (Chromium): a file the drafter picks once, written again after
//! each autosave ("Tự động lưu vào tệp"). Elsewhere [`supported`] is false and nothing is
//! offered. Calls go through `js_sys::Reflect`, as web-sys keeps these APIs unstable.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{describe, window};

/// Whether the browser can keep writing a picked file (`showSaveFilePicker`).
#[must_use]
pub fn supported() -> bool {
    js_sys::Reflect::has(&window(), &JsValue::from_str("showSaveFilePicker")).unwrap_or(false)
}

fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let function = js_sys::Reflect::get(target, &JsValue::from_str(name))
        .map_err(describe)?
        .dyn_into::<js_sys::Function>()
        .map_err(|_| format!("trình duyệt không có {name}"))?;
    let args: js_sys::Array = args.iter().collect();
    function.apply(target, &args).map_err(describe)
}

async fn awaited(value: JsValue) -> Result<JsValue, String> {
    match value.dyn_into::<js_sys::Promise>() {
        Ok(promise) => JsFuture::from(promise).await.map_err(describe),
        Err(value) => Ok(value),
    }
}

/// Asks the drafter for a file to keep the plan in; returns its handle and name.
///
/// # Errors
/// The browser's text when the drafter cancels or the picker fails.
pub async fn pick_file(suggested_name: &str) -> Result<(JsValue, String), String> {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &options,
        &"suggestedName".into(),
        &JsValue::from_str(suggested_name),
    );
    let handle = awaited(call(&window(), "showSaveFilePicker", &[options.into()])?).await?;
    let name = js_sys::Reflect::get(&handle, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| suggested_name.to_string());
    Ok((handle, name))
}

/// Replaces the content of the picked file with `text`.
///
/// # Errors
/// The browser's text when the file cannot be written (permission withdrawn, disk full).
pub async fn write_file(handle: &JsValue, text: &str) -> Result<(), String> {
    let writable = awaited(call(handle, "createWritable", &[])?).await?;
    awaited(call(&writable, "write", &[JsValue::from_str(text)])?).await?;
    awaited(call(&writable, "close", &[])?).await?;
    Ok(())
}
