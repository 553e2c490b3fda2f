//! Browser glue: the one place that touches storage, downloads and file input.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::domain::file_format;
use crate::ui::EditorState;

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
                state.editor.update(|e| e.replace(plan));
                state.current.set(None);
                state.epoch.update(|n| *n += 1);
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
