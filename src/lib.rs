//! CCHC plan builder.
//!
//! [`domain`] is plain Rust (no web-sys) and holds almost everything: plans, money, numbering,
//! the template library, the file format and the Excel workbook. It is tested natively.
//! [`ui`] (wasm32 only) is a thin layer of Leptos components over it, and [`browser`] is the
//! small module of browser glue (storage, downloads, file input). [`documents`] is the protocol
//! between the app and the documents worker (the second wasm, which alone links the office
//! codecs: the `documents` feature); `platform::worker` is the app's side of it.

pub mod documents;
pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
