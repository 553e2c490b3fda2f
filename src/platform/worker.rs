//! The app's side of the documents worker (`src/bin/worker.rs`): starts it on first use or
//! when the browser is idle after the first render ([`prefetch_when_idle`]), posts it
//! requests, and gives each request its own answer ([`request`]). Knows nothing of the UI.
//!
//! The worker says "ready" once its wasm runs; requests made before are held here until
//! then. A worker that cannot load (offline, a missing file) or that dies (a panic aborts its
//! wasm) fails every request it had with a [`WorkerError`] and is dropped: the next request
//! starts a new one.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::documents::{Job, Request, RequestId, Response};

/// The script that starts the worker (copied to dist/ by Trunk, see index.html).
const LOADER: &str = "./worker_loader.js";
/// The worker's wasm (Trunk's name for a `data-type="worker"` binary), compiled by the page.
const WORKER_WASM: &str = "./worker_bg.wasm";

/// A response and the bytes that came beside it (still in JS memory, ready for a Blob).
pub struct Answer {
    pub response: Response,
    pub bytes: js_sys::Uint8Array,
}

/// Why the worker gave no answer; [`fmt::Display`] gives the Vietnamese message.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerError {
    /// The worker could not be loaded (offline before it was ever fetched, a missing file).
    Unavailable(String),
    /// The worker stopped while working (a panic); the next request starts a new one.
    Crashed(String),
    /// The worker answered something the app cannot read.
    Garbled(String),
}

impl fmt::Display for WorkerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkerError::Unavailable(detail) => write!(
                f,
                "Không tải được bộ xử lý tệp (Excel, Word) của ứng dụng: kiểm tra kết nối mạng rồi thử lại. Kế hoạch không bị thay đổi. ({detail})"
            ),
            WorkerError::Crashed(detail) => write!(
                f,
                "Bộ xử lý tệp gặp lỗi và đã dừng; hãy thử lại (bộ xử lý sẽ được khởi động lại). Kế hoạch không bị thay đổi. ({detail})"
            ),
            WorkerError::Garbled(detail) => write!(
                f,
                "Bộ xử lý tệp trả lời không đúng định dạng; hãy tải lại trang. Kế hoạch không bị thay đổi. ({detail})"
            ),
        }
    }
}

impl std::error::Error for WorkerError {}

/// A request as posted: its head and the bytes of its file (empty for jobs without one),
/// both transferred to the worker.
struct Outgoing {
    head: js_sys::Uint8Array,
    file: js_sys::Uint8Array,
}

/// A request waiting for its answer: the two ends of its promise.
struct Pending {
    resolve: js_sys::Function,
    reject: js_sys::Function,
}

/// A started worker and what it owes.
struct Live {
    worker: web_sys::Worker,
    /// Which start this is: events of an older, dropped worker are ignored.
    generation: u32,
    ready: bool,
    /// Requests (head and file bytes) posted before "ready", in order.
    waiting: Vec<Outgoing>,
    pending: HashMap<RequestId, Pending>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

#[derive(Default)]
struct Client {
    live: Option<Live>,
    generations: u32,
    last_id: RequestId,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::default();
}

/// Starts the worker if none runs; returns whether one runs now.
fn ensure_started(client: &mut Client) -> Result<(), WorkerError> {
    if client.live.is_some() {
        return Ok(());
    }
    client.generations += 1;
    let generation = client.generations;
    let worker =
        web_sys::Worker::new(LOADER).map_err(|e| WorkerError::Unavailable(describe(&e)))?;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            on_message(generation, event.data());
        });
    let on_error =
        Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            // Handled here: not reported again as an uncaught error of the page.
            event.prevent_default();
            let detail = match event.message() {
                message if message.is_empty() => "worker error".to_string(),
                message => message,
            };
            on_failure(generation, detail);
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    wasm_bindgen_futures::spawn_local(send_module(worker.clone(), generation));
    client.live = Some(Live {
        worker,
        generation,
        ready: false,
        waiting: Vec::new(),
        pending: HashMap::new(),
        _on_message: on_message,
        _on_error: on_error,
    });
    mark("loading");
    Ok(())
}

/// Compiles the worker's wasm here in the page and posts the `WebAssembly.Module` to the
/// worker, whose loader instantiates it. Not compiled in the worker: WebKit applies the page's
/// Content-Security-Policy to a dedicated worker but honours `'wasm-unsafe-eval'` only in the
/// page, so a compile in the worker is refused there; instantiating a compiled module is not.
/// A module travels to a worker of the same page without a copy.
async fn send_module(worker: web_sys::Worker, generation: u32) {
    match compile_worker_wasm().await {
        Ok(module) => {
            if let Err(error) = worker.post_message(&module) {
                on_failure(generation, describe(&error));
            }
        }
        Err(error) => on_failure(generation, describe(&error)),
    }
}

async fn compile_worker_wasm() -> Result<JsValue, JsValue> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(WORKER_WASM))
        .await?
        .dyn_into()?;
    if !response.ok() {
        return Err(JsValue::from_str(&format!(
            "{WORKER_WASM}: HTTP {}",
            response.status()
        )));
    }
    let bytes = JsFuture::from(response.array_buffer()?).await?;
    JsFuture::from(js_sys::WebAssembly::compile(&bytes)).await
}

/// Says on `<html data-documents-worker>` whether the worker is "loading", "ready" or
/// "failed", for whoever must not cut its start short (the browser tests wait for it to
/// settle before they reload: Chromium can stall the next page for seconds when a worker's
/// start is cut by a navigation).
fn mark(state: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-documents-worker", state);
    }
}

/// A message from the worker of this generation.
fn on_message(generation: u32, data: JsValue) {
    if let Some(text) = data.as_string() {
        if text == "ready" {
            CLIENT.with_borrow_mut(|client| {
                let Some(live) = client.live.as_mut().filter(|l| l.generation == generation) else {
                    return;
                };
                live.ready = true;
                mark("ready");
                for outgoing in std::mem::take(&mut live.waiting) {
                    post(&live.worker, &outgoing);
                }
            });
        } else {
            let detail = text.strip_prefix("failed: ").unwrap_or(&text).to_string();
            on_failure(generation, detail);
        }
        return;
    }
    let Some((head, bytes)) = split_answer(&data) else {
        on_failure(generation, "a message without a head".into());
        return;
    };
    let head_bytes = head.to_vec();
    let response = match Response::decode(&head_bytes) {
        Ok(response) => response,
        Err(error) => {
            // Whose answer it was cannot be known: every request of this worker fails.
            fail_all(generation, &WorkerError::Garbled(error));
            return;
        }
    };
    let pending = CLIENT.with_borrow_mut(|client| {
        let live = client
            .live
            .as_mut()
            .filter(|l| l.generation == generation)?;
        live.pending.remove(&response.id)
    });
    // An answer nobody waits for (its worker was dropped) is dropped too.
    if let Some(pending) = pending {
        let answer = js_sys::Array::of2(&head, &bytes);
        let _ = pending.resolve.call1(&JsValue::NULL, &answer);
    }
}

/// `[head, bytes]` as the worker posts them.
fn split_answer(data: &JsValue) -> Option<(js_sys::Uint8Array, js_sys::Uint8Array)> {
    let array = data.dyn_ref::<js_sys::Array>()?;
    let head = array.get(0).dyn_into::<js_sys::Uint8Array>().ok()?;
    let bytes = array.get(1).dyn_into::<js_sys::Uint8Array>().ok()?;
    Some((head, bytes))
}

/// The worker of this generation could not load or died: fail its requests, drop it.
fn on_failure(generation: u32, detail: String) {
    let ready = CLIENT.with_borrow(|client| {
        client
            .live
            .as_ref()
            .filter(|l| l.generation == generation)
            .map(|l| l.ready)
    });
    match ready {
        Some(true) => fail_all(generation, &WorkerError::Crashed(detail)),
        Some(false) => fail_all(generation, &WorkerError::Unavailable(detail)),
        None => {}
    }
}

fn fail_all(generation: u32, error: &WorkerError) {
    let live = CLIENT.with_borrow_mut(|client| {
        if client.live.as_ref().map(|l| l.generation) == Some(generation) {
            client.live.take()
        } else {
            None
        }
    });
    let Some(live) = live else { return };
    // Detached before their closures are dropped with `live`: an event the worker had
    // already queued would otherwise call a dropped closure ("closure invoked recursively
    // or after being dropped", seen once in CI when the worker could not load).
    live.worker.set_onmessage(None);
    live.worker.set_onerror(None);
    live.worker.terminate();
    mark("failed");
    let reason = JsValue::from_str(&encode_error(error));
    for (_, pending) in live.pending {
        let _ = pending.reject.call1(&JsValue::NULL, &reason);
    }
}

fn post(worker: &web_sys::Worker, outgoing: &Outgoing) {
    let message = js_sys::Array::of2(&outgoing.head, &outgoing.file);
    let transfer = js_sys::Array::of1(&outgoing.head.buffer());
    // A file's buffer is transferred once; a view of part of a buffer is sent as a copy.
    let file_buffer = outgoing.file.buffer();
    if outgoing.file.byte_length() > 0 && outgoing.file.byte_length() == file_buffer.byte_length() {
        transfer.push(&file_buffer);
    }
    if let Err(error) = worker.post_message_with_transfer(&message, &transfer) {
        // Cannot happen for a live worker and a fresh buffer; say so rather than hang.
        let detail = describe(&error);
        let generation = CLIENT.with_borrow(|c| c.live.as_ref().map(|l| l.generation));
        if let Some(generation) = generation {
            fail_all(generation, &WorkerError::Crashed(detail));
        }
    }
}

/// Rejections carry the error as "kind\ndetail".
fn encode_error(error: &WorkerError) -> String {
    match error {
        WorkerError::Unavailable(d) => format!("unavailable\n{d}"),
        WorkerError::Crashed(d) => format!("crashed\n{d}"),
        WorkerError::Garbled(d) => format!("garbled\n{d}"),
    }
}

fn decode_error(value: &JsValue) -> WorkerError {
    let text = value.as_string().unwrap_or_else(|| describe(value));
    match text.split_once('\n') {
        Some(("unavailable", d)) => WorkerError::Unavailable(d.into()),
        Some(("crashed", d)) => WorkerError::Crashed(d.into()),
        _ => WorkerError::Garbled(text),
    }
}

fn describe(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// Sends a job to the worker (starting it if needed) and waits for its answer.
///
/// # Errors
/// [`WorkerError::Unavailable`] when the worker cannot be loaded, [`WorkerError::Crashed`]
/// when it stops before answering, [`WorkerError::Garbled`] for an unreadable answer. The
/// worker's own refusals (a failed export) are an `Ok` answer with `Outcome::Failed`.
pub async fn request(job: Job) -> Result<Answer, WorkerError> {
    request_with_file(job, js_sys::Uint8Array::new_with_length(0)).await
}

/// As [`request`], for a job about a file (`Job::ReadOffice`): the file's bytes travel
/// beside the request head and are transferred to the worker, never copied into the app's
/// memory; `file` is unusable (detached) afterwards.
///
/// # Errors
/// As [`request`].
pub async fn request_with_file(job: Job, file: js_sys::Uint8Array) -> Result<Answer, WorkerError> {
    let (promise, to_post) = CLIENT.with_borrow_mut(|client| {
        ensure_started(client)?;
        client.last_id = client.last_id.wrapping_add(1).max(1);
        let id = client.last_id;
        let head = js_sys::Uint8Array::from(Request { id, job }.encode().as_slice());
        let outgoing = Outgoing { head, file };
        let live = client.live.as_mut().expect("started above");
        let mut pending = None;
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            pending = Some(Pending { resolve, reject });
        });
        live.pending
            .insert(id, pending.expect("the executor runs at once"));
        if live.ready {
            Ok((promise, Some((live.worker.clone(), outgoing))))
        } else {
            live.waiting.push(outgoing);
            Ok((promise, None))
        }
    })?;
    // Posted once the client is no longer borrowed: a failed post fails the worker.
    if let Some((worker, outgoing)) = to_post {
        post(&worker, &outgoing);
    }
    let value = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| decode_error(&e))?;
    let (head, bytes) =
        split_answer(&value).ok_or_else(|| WorkerError::Garbled("no head".into()))?;
    let response = Response::decode(&head.to_vec()).map_err(WorkerError::Garbled)?;
    Ok(Answer { response, bytes })
}

/// Starts the worker when the browser is next idle (or in a second where it cannot say), so
/// that the first export does not wait for its download. A worker that fails to load then
/// is retried by the next request.
pub fn prefetch_when_idle() {
    let start = Closure::once_into_js(|| {
        CLIENT.with_borrow_mut(|client| {
            let _ = ensure_started(client);
        });
    });
    let window = web_sys::window().expect("a window");
    let function: &js_sys::Function = start.unchecked_ref();
    if window.request_idle_callback(function).is_err() {
        // WebKit has no requestIdleCallback.
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(function, 1_000);
    }
}
