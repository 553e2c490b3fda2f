//! `window.cchcApp`: hooks the browser tests and `examples/browser_bench.rs` drive the release
//! build through (open a large plan at once, read the open plan back, import a template file,
//! time the domain's heavy operations in the page).
//!
//! The only module that knows both [`crate::ui`] and [`crate::platform`]; the UI does not know
//! it (`main.rs` registers [`install`] with `ui::state::on_start`). The hooks ship in the
//! release build (the tests drive `dist/` itself), but [`install`] adds them only to a page a
//! test harness opened ([`platform::test_marker`]): in a drafter's page `window.cchcApp` does
//! not exist, so nothing can change their data through it.

mod bench;

use leptos::prelude::WithUntracked;
use wasm_bindgen::closure::WasmClosure;
use wasm_bindgen::prelude::*;

use crate::domain::file_format;
use crate::domain::sharing::MergePreview;
use crate::domain::user_library;
use crate::platform::{self, performance_now};
use crate::ui::files::Files;
use crate::ui::EditorState;

/// The name of the hooks object on `window`.
const HOOKS: &str = "cchcApp";

/// Installs `window.cchcApp` when a test harness opened the page, else does nothing.
pub fn install(state: EditorState, files: Files) {
    if !platform::test_marker() {
        return;
    }
    let hooks = js_sys::Object::new();
    add_plan_hooks(&hooks, state);
    add_file_hooks(&hooks, files);
    bench::add_hooks(&hooks);
    if let Some(window) = web_sys::window() {
        set(&window, HOOKS, hooks);
    }
}

/// Sets `object[key] = value`, ignoring failure (a frozen object is a test set-up error the
/// test itself then reports).
fn set(object: &JsValue, key: &str, value: impl Into<JsValue>) {
    let _ = js_sys::Reflect::set(object, &key.into(), &value.into());
}

/// Puts a closure on `hooks` under `key`; the page keeps it for its whole life.
fn add<T: ?Sized + WasmClosure>(hooks: &js_sys::Object, key: &str, closure: Closure<T>) {
    set(hooks, key, closure.as_ref().clone());
    closure.forget();
}

/// - `openPlanFile(text)` opens a plan file as the drafter's "Mở tệp" does (returns "" or
///   the Vietnamese error);
/// - `planFile()` returns the open plan as a plan file.
fn add_plan_hooks(hooks: &js_sys::Object, state: EditorState) {
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
    let save = Closure::<dyn Fn() -> String>::new(move || state.read_plan(file_format::write_plan));
    add(hooks, "openPlanFile", open);
    add(hooks, "planFile", save);
    add_storage_hooks(hooks, state);
}

/// `storageBackend()` ("indexeddb" or "localStorage") and `storageFault(kind)`: makes the
/// IndexedDB writes fail as the browser would ("quota", "aborted", "versionchange",
/// "unavailable"; null stops); returns false when the plans are not in IndexedDB.
fn add_storage_hooks(hooks: &js_sys::Object, state: EditorState) {
    use crate::domain::storage::FlushFault;
    let backend = Closure::<dyn Fn() -> String>::new(move || {
        if state.plans.in_indexed_db() {
            "indexeddb"
        } else {
            "localStorage"
        }
        .to_string()
    });
    let fault = Closure::<dyn Fn(Option<String>) -> bool>::new(move |kind: Option<String>| {
        let fault = kind.map(|kind| match kind.as_str() {
            "quota" => FlushFault::Quota,
            "aborted" => FlushFault::Aborted("AbortError".into()),
            "versionchange" => FlushFault::VersionChange,
            "unavailable" => FlushFault::Unavailable,
            other => FlushFault::Other(other.to_string()),
        });
        state.plans.inject_storage_fault(fault)
    });
    let shift = Closure::<dyn Fn(f64)>::new(platform::shift_clock);
    add(hooks, "shiftClock", shift);
    add(hooks, "storageBackend", backend);
    add(hooks, "storageFault", fault);
}

fn merge_object(object: &js_sys::Object, merge: &MergePreview) {
    set(object, "new", merge.new as f64);
    set(object, "identical", merge.identical as f64);
    set(object, "similar", merge.similar as f64);
}

/// - `previewFile(text, name)`: opens a file's text as "Mở tệp" does, up to the preview;
///   returns `{ error }` or `{ readMs, new, identical, similar }` (counts for template files);
/// - `importTemplates(text)`: reads a template file and merges it into the drafter's library
///   at once, stored; returns `{ error }` or `{ readMs, mergeMs, saveMs, stored, new, … }`;
/// - `userTemplateCount()`, `resetUserTemplates()`: the drafter's library, for set-ups.
fn add_file_hooks(hooks: &js_sys::Object, files: Files) {
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
        import_templates(files, &text).into()
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
    add(hooks, "previewFile", preview);
    add(hooks, "importTemplates", import);
    add(hooks, "userTemplateCount", count);
    add(hooks, "resetUserTemplates", reset);
}

/// `importTemplates(text)`: read, merge and store, each timed.
fn import_templates(files: Files, text: &str) -> js_sys::Object {
    let out = js_sys::Object::new();
    let t0 = performance_now();
    let incoming = match file_format::read_file(text.as_bytes()) {
        Ok(file_format::OpenedFile::Templates(set)) => set,
        Ok(file_format::OpenedFile::Plan(_) | file_format::OpenedFile::UpdateForm(_)) => {
            set(&out, "error", "not a template file");
            return out;
        }
        Err(error) => {
            set(&out, "error", error.to_string());
            return out;
        }
    };
    let t1 = performance_now();
    let merged = std::cell::Cell::new(0.0);
    let mut done = MergePreview::default();
    let stored = files
        .user
        .plans
        .update_user_templates(files.state(), |user| {
            done = user_library::merge_into(user, incoming);
            merged.set(performance_now());
        });
    let t2 = performance_now();
    set(&out, "readMs", t1 - t0);
    set(&out, "mergeMs", merged.get() - t1);
    set(&out, "saveMs", t2 - merged.get());
    set(&out, "stored", stored);
    merge_object(&out, &done);
    out
}
