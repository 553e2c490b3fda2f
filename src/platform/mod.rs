//! Browser glue the UI calls: localStorage as the domain's key-value store, downloads, reading
//! a picked file, the clock, and the page (focus, scrolling, visibility). One small file per
//! job.
//!
//! It knows nothing of the UI (no `crate::ui` here) and decides nothing: the rules are in
//! [`crate::domain`], the components in `crate::ui`.

mod download;
pub mod file_access;
mod file_input;
pub mod indexed;
pub mod offline;
pub use indexed::{request_persistence, storage_estimate};
mod page;
mod storage;
mod time;
pub mod worker;

pub use download::{download_array, download_bytes, download_text};
pub use file_input::{read_file, read_file_buffer, read_text, take_picked_file};
pub use page::{
    after_next_frame, focus_in_view, focus_soon, page_hidden, test_marker, HeightTracker, Placement,
};
pub use storage::{prepare_store, take_prepared_store, BrowserStore, LocalStore, BACKEND_KEY};
pub use time::{format_time, now, performance_now, shift_clock, today_ymd};

use wasm_bindgen::{JsCast, JsValue};

/// The page's `window` (the app only runs in a page, never in a worker).
fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a browser window")
}

/// The page's `document`.
fn document() -> web_sys::Document {
    window().document().expect("the window has a document")
}

/// A thrown JavaScript value as text: an `Error`'s message, a string, or its debug form.
pub fn describe(value: JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}
