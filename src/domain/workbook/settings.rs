//! What the user chooses for an export: columns, their headers, the appendix label and
//! how the total reads in words. Serde-friendly, so the UI can keep it in storage.
//!
//! ```
//! use cchc_plan::domain::workbook::{Column, ExportSettings};
//! let mut settings = ExportSettings::default();
//! assert!(settings.includes(Column::Note));
//! settings.set_included(Column::Note, false);
//! settings.set_included(Column::Content, false); // always included
//! assert_eq!(settings.columns().len(), 7);
//! settings.set_header(Column::Deadline, "Thời gian hoàn thành");
//! assert_eq!(settings.header(Column::Deadline), "Thời gian hoàn thành");
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::domain::words::WordsStyle;

/// A column of the task table (Phụ lục I), in table order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// "TT": always included.
    Number,
    /// "Nội dung, nhiệm vụ": always included.
    Content,
    Product,
    Lead,
    Partners,
    Deadline,
    Budget,
    Note,
}

impl Column {
    /// Every column, in table order.
    pub const ALL: [Column; 8] = [
        Column::Number,
        Column::Content,
        Column::Product,
        Column::Lead,
        Column::Partners,
        Column::Deadline,
        Column::Budget,
        Column::Note,
    ];

    /// The header printed when the user has not renamed it.
    pub fn default_header(self) -> &'static str {
        match self {
            Column::Number => "TT",
            Column::Content => "Nội dung, nhiệm vụ",
            Column::Product => "Sản phẩm",
            Column::Lead => "Cơ quan chủ trì",
            Column::Partners => "Cơ quan phối hợp",
            Column::Deadline => "Thời gian thực hiện",
            Column::Budget => "Kinh phí (triệu đồng)",
            Column::Note => "Ghi chú",
        }
    }

    /// Whether the column can be left out (TT and the task text cannot).
    pub fn optional(self) -> bool {
        !matches!(self, Column::Number | Column::Content)
    }

    /// Width in Excel character units, per `formatting.md` (A4 landscape practice).
    pub fn width(self) -> f64 {
        match self {
            Column::Number => 6.0,
            Column::Content => 48.0,
            Column::Product => 32.0,
            Column::Lead => 22.0,
            Column::Partners => 22.0,
            Column::Deadline => 15.0,
            Column::Budget => 12.0,
            Column::Note => 14.0,
        }
    }
}

/// How each appendix is labelled above its title.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelStyle {
    /// "Phụ lục I", "Phụ lục II", ... (Nghị định 30/2020/NĐ-CP).
    #[default]
    Numbered,
    /// "PHỤ LỤC I", "PHỤ LỤC II", ... in capitals, as many provinces print it.
    Capitals,
}

impl LabelStyle {
    /// The label of the appendix with this Roman numeral.
    pub fn label(self, roman: &str) -> String {
        match self {
            LabelStyle::Numbered => format!("Phụ lục {roman}"),
            LabelStyle::Capitals => format!("PHỤ LỤC {roman}"),
        }
    }
}

/// Everything the user can choose for an Excel export. The default includes every column
/// with its standard header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportSettings {
    /// Optional columns left out; kept as exclusions so a column added in a later version
    /// shows up in stored settings.
    pub excluded: BTreeSet<Column>,
    /// Headers the user renamed; a blank name means the default header.
    pub headers: BTreeMap<Column, String>,
    pub label: LabelStyle,
    pub words: WordsStyle,
}

impl ExportSettings {
    pub fn includes(&self, column: Column) -> bool {
        !column.optional() || !self.excluded.contains(&column)
    }

    /// Includes or leaves out a column; TT and the task text stay whatever is asked.
    pub fn set_included(&mut self, column: Column, included: bool) {
        if !column.optional() || included {
            self.excluded.remove(&column);
        } else {
            self.excluded.insert(column);
        }
    }

    /// The included columns, in table order.
    pub fn columns(&self) -> Vec<Column> {
        Column::ALL
            .into_iter()
            .filter(|c| self.includes(*c))
            .collect()
    }

    /// The header to print: the user's name for the column, else the default.
    pub fn header(&self, column: Column) -> &str {
        match self.headers.get(&column).map(|h| h.trim()) {
            Some(h) if !h.is_empty() => h,
            _ => column.default_header(),
        }
    }

    /// Renames a column's header; a blank name restores the default.
    pub fn set_header(&mut self, column: Column, header: &str) {
        if header.trim().is_empty() {
            self.headers.remove(&column);
        } else {
            self.headers.insert(column, header.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::words::ZeroTens;

    #[test]
    fn default_includes_every_column_in_order() {
        let settings = ExportSettings::default();
        assert_eq!(settings.columns(), Column::ALL);
        let headers: Vec<&str> = Column::ALL.iter().map(|c| settings.header(*c)).collect();
        assert_eq!(
            headers,
            [
                "TT",
                "Nội dung, nhiệm vụ",
                "Sản phẩm",
                "Cơ quan chủ trì",
                "Cơ quan phối hợp",
                "Thời gian thực hiện",
                "Kinh phí (triệu đồng)",
                "Ghi chú"
            ]
        );
    }

    #[test]
    fn tt_and_content_cannot_be_left_out() {
        let mut settings = ExportSettings::default();
        settings.set_included(Column::Number, false);
        settings.set_included(Column::Content, false);
        settings.excluded.insert(Column::Content); // even when stored by hand
        assert!(settings.includes(Column::Number) && settings.includes(Column::Content));
        settings.set_included(Column::Partners, false);
        settings.set_included(Column::Budget, false);
        assert_eq!(
            settings.columns(),
            [
                Column::Number,
                Column::Content,
                Column::Product,
                Column::Lead,
                Column::Deadline,
                Column::Note
            ]
        );
        settings.set_included(Column::Budget, true);
        assert!(settings.includes(Column::Budget));
    }

    #[test]
    fn blank_header_means_default() {
        let mut settings = ExportSettings::default();
        settings.set_header(Column::Content, "Nhiệm vụ cụ thể");
        assert_eq!(settings.header(Column::Content), "Nhiệm vụ cụ thể");
        settings.set_header(Column::Content, "  ");
        assert_eq!(settings.header(Column::Content), "Nội dung, nhiệm vụ");
        settings.headers.insert(Column::Note, " ".into());
        assert_eq!(settings.header(Column::Note), "Ghi chú");
    }

    #[test]
    fn serialises_for_storage() {
        let mut settings = ExportSettings {
            label: LabelStyle::Capitals,
            ..ExportSettings::default()
        };
        settings.words.zero_tens = ZeroTens::Le;
        settings.set_included(Column::Note, false);
        settings.set_header(Column::Product, "Hoạt động, sản phẩm");
        let json = serde_json::to_string(&settings).unwrap();
        assert!(
            json.contains("\"note\"") && json.contains("\"capitals\""),
            "{json}"
        );
        let back: ExportSettings = serde_json::from_str(&json).unwrap();
        assert_eq!(back, settings);
        // Old or partial stored settings still read.
        let partial: ExportSettings = serde_json::from_str("{}").unwrap();
        assert_eq!(partial, ExportSettings::default());
        assert_eq!(LabelStyle::Capitals.label("II"), "PHỤ LỤC II");
        assert_eq!(LabelStyle::Numbered.label("I"), "Phụ lục I");
    }
}
