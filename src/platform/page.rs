//! The page itself: focus and scrolling by CSS selector, the height of sticky parts, whether
//! it is being hidden, and whether a test harness opened it.

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

/// Moves keyboard focus to `element` and makes sure it is in view: `focus()` scrolls only an
/// element off screen, one under the sticky toolbar or column header is brought out too
/// (`scrollIntoView` honours the page's scroll padding).
pub fn focus_in_view(element: &web_sys::HtmlElement) {
    let _ = element.focus();
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Where [`focus_soon`] scrolls the element it focuses.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Just into view (below the sticky toolbar and header).
    Nearest,
    /// To the middle of the screen.
    Center,
}

/// Moves keyboard focus to the first element matching `selector` once what was just changed
/// is on the page (a timer: the app renders in microtasks before it runs; an animation frame
/// can come late, as in WebKit without a display), and scrolls it into view. Skipped when
/// the focus moved to another element meanwhile (the drafter clicked or tabbed on first): a
/// late focus must never take typing away from where it goes.
pub fn focus_soon(selector: String, placement: Placement) {
    let before = document().active_element();
    let later = wasm_bindgen::closure::Closure::once_into_js(move || {
        let now = document().active_element();
        let body = document().body().map(web_sys::Element::from);
        if now.is_some() && now != before && now != body {
            return;
        }
        let Some(element) = element(&selector) else {
            return;
        };
        focus_in_view(&element);
        if placement == Placement::Center {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            element.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    let _ =
        window().set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
}

/// Runs `run` once, in a task of its own after the next animation frame (the frame is
/// painted first), or after 100 ms if no frame comes by then (WebKit without a display).
pub fn after_next_frame(run: impl FnOnce() + 'static) {
    use std::cell::RefCell;
    use std::rc::Rc;
    let run = Rc::new(RefCell::new(Some(run)));
    let once = move || {
        if let Some(run) = run.borrow_mut().take() {
            run();
        }
    };
    let in_task = {
        let once = once.clone();
        wasm_bindgen::closure::Closure::once_into_js(move || {
            let later = wasm_bindgen::closure::Closure::once_into_js(once);
            let _ = window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
        })
    };
    let _ = window().request_animation_frame(in_task.unchecked_ref());
    let fallback = wasm_bindgen::closure::Closure::once_into_js(once);
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(fallback.unchecked_ref(), 100);
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

/// Keeps the CSS custom property `name` (e.g. `--command-bar-height`) on the page's root equal
/// to `element`'s height in pixels while the tracker lives, updated whenever the element
/// changes size (a toolbar wrapping to a second line, column titles wrapping): the sticky
/// parts below it and the scroll padding are laid out with it. Dropping the tracker stops it.
pub struct HeightTracker {
    observer: web_sys::ResizeObserver,
    _on_resize: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl HeightTracker {
    /// Starts tracking; none when the browser has no `ResizeObserver` (the CSS fallbacks
    /// apply then).
    pub fn new(element: &web_sys::Element, name: &'static str) -> Option<Self> {
        let root = document()
            .document_element()?
            .dyn_into::<web_sys::HtmlElement>()
            .ok()?;
        let target = element.clone();
        let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            let height = target.get_bounding_client_rect().height().ceil();
            // An element not shown (display: none) keeps the last height it had.
            if height > 0.0 {
                let _ = root.style().set_property(name, &format!("{height}px"));
            }
        });
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
        observer.observe(element);
        Some(Self {
            observer,
            _on_resize: on_resize,
        })
    }
}

impl Drop for HeightTracker {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
