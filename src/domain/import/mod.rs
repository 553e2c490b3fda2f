//! Bringing last year's plan in: a table from a Word, Excel or LibreOffice file, or rows
//! pasted from the clipboard, analysed into the rows of a plan.
//!
//! Readers give a [`SourceDocument`] (tables of text cells, and the paragraphs around
//! them); [`ImportDraft::analyse`] finds the task table's header, maps its columns to the
//! plan's fields, places each row on a level and reads its budget; the drafter may change
//! the mapping ([`ImportDraft::set_field`]) before [`ImportDraft::to_plan`]. The office
//! readers ([`read_file`]) exist only with the `documents` feature (the worker and the CLI);
//! the clipboard readers are small and always there.
//!
//! One job per module: `source` (what readers give), `grid` (spans and merges laid out),
//! `header` (column titles), `columns` (the header row and the mapping), `levels` (TT
//! numbers), `budget` (amounts and units), `heading` (province, year, number, date),
//! `rows` (data rows into plan rows), `draft` (the draft and its plan), `clipboard`,
//! `error`, and behind the feature `zipped`, `docx`, `sheet`, `read`.

mod budget;
pub mod clipboard;
mod columns;
#[cfg(feature = "documents")]
mod docx;
mod draft;
mod error;
mod grid;
mod header;
mod heading;
mod levels;
#[cfg(feature = "documents")]
mod read;
mod rows;
#[cfg(feature = "documents")]
mod sheet;
mod source;
#[cfg(test)]
mod tests;
#[cfg(feature = "documents")]
mod zipped;

pub use columns::Column;
pub use draft::{
    paste_rows, ImportCounts, ImportDraft, PreviewRow, TableChoice, DEFAULT_AREA, FALLBACK_YEAR,
};
pub use error::{ImportError, OtherFormat, MAX_ROWS, MAX_UNPACKED};
pub use header::Field;
pub use heading::PlanMeta;
#[cfg(feature = "documents")]
pub use read::read_file;
pub use rows::{DraftKind, DraftRow};
pub use source::{SourceCell, SourceDocument, SourceTable};
