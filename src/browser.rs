//! Browser glue: the one place that touches downloads, file input and the page's test hooks.
//! (Storage glue lives here too once plans are kept in localStorage.)

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::file_format;
use crate::ui::EditorState;

/// Offers `bytes` to the user as a downloaded file called `name`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
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
    // The browser has taken its own reference to the blob once the download started.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    Ok(())
}

/// Offers UTF-8 text as a downloaded file.
pub fn download_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_bytes(name, mime, text.as_bytes())
}

/// Reads a file the user picked or dropped, as bytes.
pub async fn read_file(file: web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(describe)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn describe(value: JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// `window.cchcApp`: `openPlanFile(text)` opens a plan file as the drafter's "Mở tệp" does
/// (returns "" or the Vietnamese error) and `planFile()` returns the open plan as a file.
/// Tests and benchmarks use it to set up large plans quickly.
pub fn expose_test_hooks(state: EditorState) {
    let hooks = js_sys::Object::new();
    let open =
        Closure::<dyn Fn(String) -> String>::new(move |text: String| match file_format::read_plan(
            &text,
        ) {
            Ok(plan) => {
                state.open(plan);
                String::new()
            }
            Err(error) => error.to_string(),
        });
    let save = Closure::<dyn Fn() -> String>::new(move || {
        state
            .editor
            .with_untracked(|e| file_format::write_plan(e.plan()))
    });
    let _ = js_sys::Reflect::set(&hooks, &"openPlanFile".into(), open.as_ref());
    let _ = js_sys::Reflect::set(&hooks, &"planFile".into(), save.as_ref());
    let _ = js_sys::Reflect::set(&window(), &"cchcApp".into(), &hooks);
    open.forget();
    save.forget();
}
