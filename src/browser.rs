//! Browser glue: the one place that touches localStorage, downloads, file input and the
//! page's test hooks.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::file_format;
use crate::domain::storage::{KeyValueStore, StoreError};
use crate::ui::EditorState;

/// `window.localStorage` as the domain's [`KeyValueStore`]. A browser that blocks storage
/// (policy, sandbox) gives `Unavailable`; a full store gives `QuotaExceeded`.
pub struct LocalStore {
    storage: Option<web_sys::Storage>,
}

impl LocalStore {
    pub fn new() -> LocalStore {
        LocalStore {
            storage: window().local_storage().ok().flatten(),
        }
    }

    fn storage(&self) -> Result<&web_sys::Storage, StoreError> {
        self.storage.as_ref().ok_or(StoreError::Unavailable)
    }
}

impl Default for LocalStore {
    fn default() -> LocalStore {
        LocalStore::new()
    }
}

fn store_error(value: JsValue) -> StoreError {
    match value.dyn_ref::<web_sys::DomException>() {
        Some(e) if e.name() == "QuotaExceededError" || e.code() == 22 => StoreError::QuotaExceeded,
        Some(e) if e.name() == "SecurityError" => StoreError::Unavailable,
        _ => StoreError::Other(describe(value)),
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage()?.get_item(key).map_err(store_error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage()?.set_item(key, value).map_err(store_error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.storage()?.remove_item(key).map_err(store_error)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = self.storage()?;
        let count = storage.length().map_err(store_error)?;
        Ok((0..count)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect())
    }
}

/// Milliseconds since the epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// "22/11/2026 14:05" for a time in ms since the epoch, in the browser's time zone.
pub fn format_time(ms: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        date.get_date(),
        date.get_month() + 1,
        date.get_full_year(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// Whether the page is being hidden (tab switched, window closed).
pub fn page_hidden() -> bool {
    document().visibility_state() == web_sys::VisibilityState::Hidden
}

/// Offers `bytes` to the user as a downloaded file called `name`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download_array(name, mime, &js_sys::Uint8Array::from(bytes))
}

/// Offers bytes already in JS memory (a file from the documents worker) as a download.
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
    bench::add_hooks(&hooks);
    let _ = js_sys::Reflect::set(&window(), &"cchcApp".into(), &hooks);
    open.forget();
    save.forget();
}

/// Milliseconds from the page's `performance.now()`.
pub fn performance_now() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or_else(now)
}

fn set(object: &js_sys::Object, key: &str, value: impl Into<JsValue>) {
    let _ = js_sys::Reflect::set(object, &key.into(), &value.into());
}

fn merge_object(object: &js_sys::Object, merge: &crate::domain::sharing::MergePreview) {
    set(object, "new", merge.new as f64);
    set(object, "identical", merge.identical as f64);
    set(object, "similar", merge.similar as f64);
}

/// Adds the file hooks to `window.cchcApp` (tests and benchmarks):
/// - `previewFile(text, name)`: opens a file's text as "Mở tệp" does, up to the preview;
///   returns `{ error }` or `{ readMs, new, identical, similar }` (counts for template files);
/// - `importTemplates(text)`: reads a template file and merges it into the drafter's library
///   at once, stored; returns `{ error }` or `{ readMs, mergeMs, saveMs, stored, new, … }`;
/// - `userTemplateCount()`, `resetUserTemplates()`: the drafter's library, for set-ups.
pub fn expose_file_hooks(files: crate::ui::files::Files) {
    let hooks = js_sys::Reflect::get(&window(), &"cchcApp".into())
        .ok()
        .and_then(|h| h.dyn_into::<js_sys::Object>().ok())
        .unwrap_or_default();
    let preview = Closure::<dyn Fn(String, Option<String>) -> JsValue>::new(
        move |text: String, name: Option<String>| {
            let out = js_sys::Object::new();
            let t0 = performance_now();
            let name = name.unwrap_or_else(|| "tệp.json".into());
            match files.open_bytes(&name, text.as_bytes()) {
                Ok(merge) => {
                    set(&out, "readMs", performance_now() - t0);
                    if let Some(merge) = merge {
                        merge_object(&out, &merge);
                    }
                }
                Err(error) => set(&out, "error", error),
            }
            out.into()
        },
    );
    let import = Closure::<dyn Fn(String) -> JsValue>::new(move |text: String| {
        let out = js_sys::Object::new();
        let t0 = performance_now();
        let set_of = match file_format::read_file(text.as_bytes()) {
            Ok(file_format::OpenedFile::Templates(set)) => set,
            Ok(file_format::OpenedFile::Plan(_)) => {
                set(&out, "error", "not a template file");
                return out.into();
            }
            Err(error) => {
                set(&out, "error", error.to_string());
                return out.into();
            }
        };
        let t1 = performance_now();
        let merged = std::cell::Cell::new(0.0);
        let mut done = crate::domain::sharing::MergePreview::default();
        let stored = files
            .user
            .plans
            .update_user_templates(files.state(), |user| {
                done = crate::ui::user_library::merge_into(user, set_of);
                merged.set(performance_now());
            });
        let t2 = performance_now();
        set(&out, "readMs", t1 - t0);
        set(&out, "mergeMs", merged.get() - t1);
        set(&out, "saveMs", t2 - merged.get());
        set(&out, "stored", stored);
        merge_object(&out, &done);
        out.into()
    });
    let count = Closure::<dyn Fn() -> f64>::new(move || {
        files
            .user
            .plans
            .user_templates
            .with_untracked(|s| s.templates.len() as f64)
    });
    let reset = Closure::<dyn Fn()>::new(move || {
        files
            .user
            .plans
            .set_user_templates(files.state(), Default::default());
    });
    set(&hooks, "previewFile", preview.as_ref().clone());
    set(&hooks, "importTemplates", import.as_ref().clone());
    set(&hooks, "userTemplateCount", count.as_ref().clone());
    set(&hooks, "resetUserTemplates", reset.as_ref().clone());
    set(&window(), "cchcApp", hooks);
    preview.forget();
    import.forget();
    count.forget();
    reset.forget();
}

/// Hooks for `examples/browser_bench.rs` (scripts/bench): the domain's heavy operations,
/// timed in the page with `performance.now()`. They change nothing the user sees.
mod bench {
    use std::cell::OnceCell;

    use wasm_bindgen::prelude::*;

    use super::{performance_now as now, set, LocalStore};
    use crate::documents::{Job, Outcome};
    use crate::domain::file_format;
    use crate::domain::library::repeated_builtin;
    use crate::domain::search::{Filter, SearchIndex};
    use crate::domain::storage::blob::{decode_plan, encode_plan};
    use crate::domain::storage::KeyValueStore;
    use crate::domain::workbook::ExportSettings;

    /// How many templates the search hooks search: the built-in library repeated.
    const SEARCH_TEMPLATES: usize = 25_000;
    /// The localStorage key the storage hook writes (and removes again).
    const STORE_KEY: &str = "cchc-bench-blob";

    thread_local! {
        static INDEX: OnceCell<SearchIndex> = const { OnceCell::new() };
    }

    fn samples(times: &[f64]) -> JsValue {
        times
            .iter()
            .map(|&t| JsValue::from_f64(t))
            .collect::<js_sys::Array>()
            .into()
    }

    /// `benchExport(planFile)`: a promise of `{ ms, start, bytes }`, the time from the request to
    /// the workbook's bytes through the documents worker (the file is read first, untimed;
    /// the worker is started by the first call), or of a string with the error.
    fn export(text: String) -> JsValue {
        let plan = match file_format::read_plan(&text) {
            Ok(plan) => plan,
            Err(error) => return error.to_string().into(),
        };
        let settings = ExportSettings::default();
        wasm_bindgen_futures::future_to_promise(async move {
            // The timed part runs in a task of its own, after the untimed read (so that a
            // PerformanceObserver can tell their long tasks apart by `start`).
            let next_task = js_sys::Promise::new(&mut |resolve, _| {
                let _ = web_sys::window()
                    .expect("a window")
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            });
            let _ = wasm_bindgen_futures::JsFuture::from(next_task).await;
            let start = now();
            let answer = crate::platform::worker::request(Job::ExportXlsx { plan, settings })
                .await
                .map_err(|e| JsValue::from(e.to_string()))?;
            let ms = now() - start;
            if let Outcome::Failed { message, .. } = answer.response.outcome {
                return Ok(message.into());
            }
            let result = js_sys::Object::new();
            set(&result, "ms", ms);
            set(&result, "start", start);
            set(&result, "bytes", answer.bytes);
            Ok(result.into())
        })
        .into()
    }

    /// `benchSearch(query, top, runs)`: the times of `runs` searches over 25.000 templates
    /// (`top` = 0: every hit, else the first `top`), and the hit count, as `{ ms, hits }`.
    /// The index is built on the first call, which also returns `indexMs`.
    fn search(query: String, top: usize, runs: usize) -> JsValue {
        let result = js_sys::Object::new();
        let start = now();
        INDEX.with(|cell| {
            let index = cell.get_or_init(|| {
                let templates = repeated_builtin(SEARCH_TEMPLATES);
                let index = SearchIndex::new(&templates);
                set(&result, "indexMs", now() - start);
                index
            });
            let filter = Filter::default();
            let mut hits = 0;
            let times: Vec<f64> = (0..runs.max(1))
                .map(|_| {
                    let start = now();
                    hits = if top == 0 {
                        index.search_filtered(&query, &filter).len()
                    } else {
                        index.search_top(&query, &filter, top).len()
                    };
                    now() - start
                })
                .collect();
            set(&result, "ms", samples(&times));
            set(&result, "hits", hits as f64);
        });
        result.into()
    }

    /// `benchStore(planFile, runs)`: `runs` saves and loads of the plan as the app stores
    /// it, as `{ encode, set, get, decode }` arrays of ms: the blob written
    /// (`encode_plan`), put into and read back from localStorage, and read (`decode_plan`).
    fn store(text: String, runs: usize) -> JsValue {
        let plan = match file_format::read_plan(&text) {
            Ok(plan) => plan,
            Err(error) => return error.to_string().into(),
        };
        let mut store = LocalStore::new();
        let mut times = [const { Vec::new() }; 4];
        for run in 0..runs.max(1) {
            let t0 = now();
            let blob = encode_plan(&plan, run as u64 + 1, 0.0);
            let t1 = now();
            if let Err(error) = store.set(STORE_KEY, &blob) {
                return format!("{error:?}").into();
            }
            let t2 = now();
            let back = store.get(STORE_KEY).ok().flatten().unwrap_or_default();
            let t3 = now();
            let loaded = decode_plan(&back);
            let t4 = now();
            if loaded.map(|l| l.plan.len()).ok() != Some(plan.len()) {
                return "the stored plan did not read back".into();
            }
            for (i, ms) in [t1 - t0, t2 - t1, t3 - t2, t4 - t3].into_iter().enumerate() {
                times[i].push(ms);
            }
        }
        let _ = store.remove(STORE_KEY);
        let result = js_sys::Object::new();
        for (name, times) in ["encode", "set", "get", "decode"].iter().zip(&times) {
            set(&result, name, samples(times));
        }
        result.into()
    }

    pub(super) fn add_hooks(hooks: &js_sys::Object) {
        let export = Closure::<dyn Fn(String) -> JsValue>::new(export);
        let search = Closure::<dyn Fn(String, usize, usize) -> JsValue>::new(search);
        let store = Closure::<dyn Fn(String, usize) -> JsValue>::new(store);
        set(hooks, "benchExport", export.as_ref().clone());
        set(hooks, "benchSearch", search.as_ref().clone());
        set(hooks, "benchStore", store.as_ref().clone());
        export.forget();
        search.forget();
        store.forget();
    }
}
