//! The clock: wall time for stored plans, the page's monotonic clock for measurements.

use wasm_bindgen::JsValue;

use super::window;

thread_local! {
    /// Added to the wall clock; only the test hooks change it (to see a week pass).
    static SHIFT: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Milliseconds since the epoch.
#[must_use]
pub fn now() -> f64 {
    js_sys::Date::now() + SHIFT.with(std::cell::Cell::get)
}

/// Test hooks only: moves [`now`] by `ms` from the wall clock.
pub fn shift_clock(ms: f64) {
    SHIFT.with(|s| s.set(ms));
}

/// Milliseconds from the page's `performance.now()` (or [`now`] without it).
#[must_use]
pub fn performance_now() -> f64 {
    window().performance().map_or_else(now, |p| p.now())
}

/// "22/11/2026 14:05" for a time in ms since the epoch, in the browser's time zone.
#[must_use]
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

/// Today in the browser's time zone, as (year, month 1-12, day 1-31), by [`now`] (so the
/// test hooks' clock shift moves it too).
#[must_use]
pub fn today_ymd() -> (i32, u8, u8) {
    let date = js_sys::Date::new(&JsValue::from_f64(now()));
    (
        date.get_full_year() as i32,
        (date.get_month() + 1) as u8,
        date.get_date() as u8,
    )
}
