//! The domain: everything the app knows about CCHC plans, free of any browser API.

pub mod agency;
pub mod deadline;
pub mod document_sections;
#[cfg(feature = "documents")]
pub mod docx;
pub mod file_format;
pub mod import;
pub mod library;
pub mod money;
pub mod numbering;
pub mod par_index;
pub mod plan;
pub mod plan_document;
pub mod progress;
pub mod progress_report;
pub mod province;
pub mod review;
pub mod rollover;
pub mod search;
pub mod sharing;
pub mod storage;
pub mod template;
pub mod text;
pub mod timeline;
pub mod update_form;
pub mod user_library;
pub mod words;
pub mod workbook;

/// Undo and redo, at their old path (they live in [`plan::history`]).
pub use plan::history;
