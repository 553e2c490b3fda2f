//! Hooks for `examples/browser_bench.rs` (scripts/bench): the domain's heavy operations,
//! timed in the page with `performance.now()`. They change nothing the user sees; the one
//! that stores writes its own key and removes it again.

use std::cell::OnceCell;

use wasm_bindgen::prelude::*;

use super::{add, set};
use crate::documents::{Job, Outcome};
use crate::domain::file_format;
use crate::domain::library::repeated_builtin;
use crate::domain::search::{Filter, SearchIndex};
use crate::domain::storage::blob::{decode_plan, encode_plan};
use crate::domain::storage::KeyValueStore;
use crate::domain::workbook::ExportSettings;
use crate::platform::{performance_now as now, LocalStore};

/// How many templates the search hooks search: the built-in library repeated.
const SEARCH_TEMPLATES: usize = 25_000;
/// The localStorage key the storage hook writes (and removes again).
const STORE_KEY: &str = "cchc-bench-blob";
/// The IndexedDB bench's key: a plan's, so that each save takes the guarded write the app's
/// plans take (the stored text read and compared in the same transaction, `mirror::Guard`).
const INDEXED_STORE_KEY: &str = "cchc.plan.cchc-bench";

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
/// the workbook's bytes through the documents worker (the file is read first, untimed; the
/// worker is started by the first call), or of a string with the error.
fn export(text: String) -> JsValue {
    export_as(text, false)
}

/// `benchExportDocx(planFile)`: as `benchExport`, for the Word appendices (`Job::ExportDocx`).
fn export_docx(text: String) -> JsValue {
    export_as(text, true)
}

fn export_as(text: String, word: bool) -> JsValue {
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
        let job = if word {
            Job::ExportDocx { plan, settings }
        } else {
            Job::ExportXlsx { plan, settings }
        };
        let answer = crate::platform::worker::request(job)
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
/// (`top` = 0: every hit, else the first `top`), and the hit count, as `{ ms, hits }`. The
/// index is built on the first call, which also returns `indexMs`.
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

/// `benchStore(planFile, runs)`: `runs` saves and loads of the plan as the app stores it, as
/// `{ encode, set, get, decode }` arrays of ms: the blob written (`encode_plan`), put into
/// and read back from localStorage, and read (`decode_plan`).
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
            let _ = store.remove(STORE_KEY);
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

/// `benchIndexedStore(planFile, runs)`: a promise of `{ encode, issue, committed, read,
/// decode }` arrays of ms for `runs` saves and loads through IndexedDB: the blob written, put
/// into the mirror and its transaction issued (the page's own work), the wait until the
/// browser committed it (off the page's thread), read back from the database, and decoded.
fn indexed_store(text: String, runs: usize) -> js_sys::Promise {
    use crate::platform::indexed::IndexedStore;
    wasm_bindgen_futures::future_to_promise(async move {
        let plan = file_format::read_plan(&text).map_err(|e| JsValue::from(e.to_string()))?;
        let mut store = IndexedStore::open()
            .await
            .map_err(|e| JsValue::from(e.to_string()))?;
        let key = INDEXED_STORE_KEY.to_string();
        let mut times = [const { Vec::new() }; 5];
        for run in 0..runs.max(1) {
            let t0 = now();
            let blob = encode_plan(&plan, run as u64 + 1, 0.0);
            let t1 = now();
            store
                .set(INDEXED_STORE_KEY, &blob)
                .map_err(|e| JsValue::from(e.to_string()))?;
            store.flush_now();
            let t2 = now();
            store
                .settled()
                .await
                .map_err(|e| JsValue::from(e.to_string()))?;
            let t3 = now();
            let back = store
                .read_back(std::slice::from_ref(&key))
                .await
                .map_err(|e| JsValue::from(e.to_string()))?;
            let t4 = now();
            let loaded = decode_plan(back[0].as_deref().unwrap_or_default());
            let t5 = now();
            if loaded.map(|l| l.plan.len()).ok() != Some(plan.len()) {
                return Err("the stored plan did not read back".into());
            }
            for (i, ms) in [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4]
                .into_iter()
                .enumerate()
            {
                times[i].push(ms);
            }
        }
        let _ = store.remove(INDEXED_STORE_KEY);
        let _ = store.settled().await;
        let result = js_sys::Object::new();
        let names = ["encode", "issue", "committed", "read", "decode"];
        for (name, times) in names.iter().zip(&times) {
            set(&result, name, samples(times));
        }
        Ok(result.into())
    })
}

/// `benchReport(planFile, runs)`: the times of `runs` progress reports of the plan (Quý I,
/// `build_report`, then laid out as the panel and print view show it, `ReportLayout`), as
/// an array of ms, or a string with the error.
fn report(text: String, runs: usize) -> JsValue {
    use crate::domain::progress::{ReportPeriod, ReportingRules};
    use crate::domain::progress_report::build_report;
    use crate::domain::workbook::ReportLayout;
    let plan = match file_format::read_plan(&text) {
        Ok(plan) => plan,
        Err(error) => return error.to_string().into(),
    };
    let rules = ReportingRules::default();
    let times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let start = now();
            let report = build_report(&plan, &rules, ReportPeriod::Q1, None);
            let layout = ReportLayout::new(&report, &plan.province);
            std::hint::black_box(layout);
            now() - start
        })
        .collect();
    samples(&times)
}

/// Adds `benchExport`, `benchExportDocx`, `benchSearch`, `benchStore`, `benchIndexedStore`
/// and `benchReport`.
pub(super) fn add_hooks(hooks: &js_sys::Object) {
    add(
        hooks,
        "benchReport",
        Closure::<dyn Fn(String, usize) -> JsValue>::new(report),
    );
    add(
        hooks,
        "benchExport",
        Closure::<dyn Fn(String) -> JsValue>::new(export),
    );
    add(
        hooks,
        "benchExportDocx",
        Closure::<dyn Fn(String) -> JsValue>::new(export_docx),
    );
    add(
        hooks,
        "benchSearch",
        Closure::<dyn Fn(String, usize, usize) -> JsValue>::new(search),
    );
    add(
        hooks,
        "benchStore",
        Closure::<dyn Fn(String, usize) -> JsValue>::new(store),
    );
    add(
        hooks,
        "benchIndexedStore",
        Closure::<dyn Fn(String, usize) -> js_sys::Promise>::new(indexed_store),
    );
}
