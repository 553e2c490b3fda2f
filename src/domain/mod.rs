//! The domain: everything the app knows about CCHC plans, free of any browser API.

pub mod file_format;
pub mod history;
pub mod money;
pub mod numbering;
pub mod plan;
pub mod text;
pub mod words;
pub mod workbook;
