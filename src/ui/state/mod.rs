//! The UI's state that is not a component: signals and the code that decides when to call the
//! domain (autosave timing, the drafter's library as one memo). Anything here that needs no
//! browser belongs in [`crate::domain`] instead, with native tests.

pub mod agencies;
pub mod persistence;
pub mod progress;
pub mod review;
pub mod user_library;

use std::cell::Cell;

use super::files::Files;
use super::EditorState;

/// Code that must reach the app's state once it exists, registered by the program (`main.rs`
/// registers the test hooks' installer, `crate::test_hooks::install`). The UI runs it without
/// knowing what it is, so no arrow points from `ui` to the hooks.
pub type StartHook = fn(EditorState, Files);

thread_local! {
    static START_HOOK: Cell<Option<StartHook>> = const { Cell::new(None) };
}

/// Registers `hook` to run once when `App` has made its state; call before mounting.
pub fn on_start(hook: StartHook) {
    START_HOOK.with(|h| h.set(Some(hook)));
}

/// Runs the registered hook, if any; `App` calls it once.
pub(crate) fn started(state: EditorState, files: Files) {
    if let Some(hook) = START_HOOK.with(Cell::get) {
        hook(state, files);
    }
}
