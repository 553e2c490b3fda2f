//! The documents worker: the second wasm of the app, run in a dedicated web worker, which
//! alone links the office codecs (see `cchc_plan::documents`). Trunk builds it
//! (index.html, `data-type="worker"`); `worker_loader.js` starts it and tells the app
//! "ready" or why it could not load. Natively the binary is an empty main.
//!
//! Each message is `[head, bytes]`: the request head (JSON bytes) and the bytes of the file
//! it is about (empty for jobs without one), both transferred from the app; a bare head is
//! read as a request without a file. The answer is `[head, bytes]`, both buffers
//! transferred to the app. A panic aborts the worker's wasm: the app sees the
//! worker's `error` event and starts a new worker for the next request.

/// The allocator, as in the app (talc; single-threaded wasm).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            let (head, file) = match data.dyn_ref::<js_sys::Array>() {
                Some(parts) => (
                    js_sys::Uint8Array::new(&parts.get(0)).to_vec(),
                    js_sys::Uint8Array::new(&parts.get(1)).to_vec(),
                ),
                None => (js_sys::Uint8Array::new(&data).to_vec(), Vec::new()),
            };
            let (response, bytes) = cchc_plan::documents::handle_with_file(&head, &file);
            let head = js_sys::Uint8Array::from(response.encode().as_slice());
            let body = js_sys::Uint8Array::from(bytes.as_slice());
            let message = js_sys::Array::of2(&head, &body);
            let transfer = js_sys::Array::of2(&head.buffer(), &body.buffer());
            // A refused post throws in the worker: the app sees its `error` event.
            if let Err(error) = reply_scope.post_message_with_transfer(&message, &transfer) {
                wasm_bindgen::throw_val(error);
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
