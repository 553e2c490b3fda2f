//! What a reader hands to the analysis: the tables and paragraphs of a document, as text.
//!
//! Readers (Word, Excel, OpenDocument, the clipboard) all produce a [`SourceDocument`]; it
//! crosses the documents worker's boundary as JSON, so it holds nothing but text and flags.

use serde::{Deserialize, Serialize};

/// A document's content as the import sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceDocument {
    pub tables: Vec<SourceTable>,
    /// Text outside tables, in order (the heading: "ỦY BAN NHÂN DÂN TỈNH ...", "Số: ...").
    pub paragraphs: Vec<String>,
}

/// One table, row by row; a row lists its cells left to right.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceTable {
    pub rows: Vec<Vec<SourceCell>>,
    /// The nearest "Phụ lục ..." paragraph above the table, if any.
    #[serde(default)]
    pub caption: Option<String>,
}

/// One cell: its paragraphs (lines), whether it is bold, how many grid columns it spans,
/// and whether it continues a vertically merged cell from the row above.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceCell {
    pub lines: Vec<String>,
    #[serde(default)]
    pub bold: bool,
    /// At least 1.
    #[serde(default = "one")]
    pub col_span: usize,
    /// A continuation of a vertically merged cell: its text is the text of the cell above.
    #[serde(default)]
    pub continues_above: bool,
}

fn one() -> usize {
    1
}

impl Default for SourceCell {
    fn default() -> SourceCell {
        SourceCell {
            lines: Vec::new(),
            bold: false,
            col_span: 1,
            continues_above: false,
        }
    }
}

impl SourceCell {
    /// A plain cell of one or more lines (split at '\n').
    pub fn text(text: &str) -> SourceCell {
        SourceCell {
            lines: split_lines(text),
            ..SourceCell::default()
        }
    }

    /// The cell's text, its lines joined by '\n', each trimmed, empty lines dropped.
    pub fn joined(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line);
        }
        out
    }

    /// Whether the cell holds no visible text.
    pub fn is_blank(&self) -> bool {
        self.lines.iter().all(|l| l.trim().is_empty())
    }
}

/// Lines of a text, cut at "\n" (and "\r\n").
pub fn split_lines(text: &str) -> Vec<String> {
    text.split('\n')
        .map(|l| l.trim_end_matches('\r').to_string())
        .collect()
}

impl SourceTable {
    /// The number of grid columns: the widest row, counting spans.
    pub fn width(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.iter().map(|c| c.col_span.max(1)).sum::<usize>())
            .max()
            .unwrap_or(0)
    }
}
