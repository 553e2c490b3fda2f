//! The page itself: whether it is being hidden, and whether a test harness opened it.

use super::{document, window};

/// The global a test harness sets before the page's own scripts run (the browser tests and
/// `examples/browser_bench.rs` do it with `Page.addScriptToEvaluateOnNewDocument`).
pub const TEST_MARKER: &str = "__cchcTestHooks";

/// Whether the page is being hidden (tab switched, window closed).
#[must_use]
pub fn page_hidden() -> bool {
    document().visibility_state() == web_sys::VisibilityState::Hidden
}

/// Whether a test harness opened the page: `window.__cchcTestHooks === true`. A drafter's
/// page never has it (nothing in the app or on the site sets it).
#[must_use]
pub fn test_marker() -> bool {
    js_sys::Reflect::get(&window(), &TEST_MARKER.into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
