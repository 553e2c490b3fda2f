//! The page itself: focus and scrolling by CSS selector, whether it is being hidden, and
//! whether a test harness opened it.

use wasm_bindgen::JsCast;

use super::{document, window};

/// The first element matching `selector` that can take focus.
fn element(selector: &str) -> Option<web_sys::HtmlElement> {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Moves keyboard focus to the first element matching `selector`; `false` when there is none.
pub fn focus(selector: &str) -> bool {
    element(selector).is_some_and(|e| e.focus().is_ok())
}

/// Scrolls the first element matching `selector` to the middle of the screen.
pub fn scroll_to_center(selector: &str) {
    let Some(element) = element(selector) else {
        return;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

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
