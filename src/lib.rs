//! CCHC plan builder.
//!
//! [`domain`] is plain Rust (no web-sys) and holds almost everything: plans, money, numbering,
//! the template library, the file format and the Excel workbook. It is tested natively.
//! The rest is wasm32 only: `ui` is a thin layer of Leptos components over the domain,
//! `platform` the browser glue it calls (storage, downloads, file input, the clock), which
//! knows nothing of the UI, and `test_hooks` the `window.cchcApp` hooks the browser tests and
//! the browser benchmark drive the release build through (installed only in a page a test
//! harness opened).
//! [`documents`] is the protocol between the app and the documents worker (the second wasm,
//! which alone links the office codecs: the `documents` feature); `platform::worker` is the
//! app's side of it.

pub mod documents;
pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod test_hooks;
#[cfg(target_arch = "wasm32")]
pub mod ui;
