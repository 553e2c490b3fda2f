//! Recognising a table's header row: which column holds what, by its title in any order,
//! ignoring case and diacritics (through the project's one folding, [`fold_key`]).

use serde::{Deserialize, Serialize};

use crate::domain::text::fold_key;

/// What a column of the source table becomes in the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Number,
    Content,
    Output,
    Lead,
    Partners,
    Deadline,
    Budget,
    Note,
    /// Not imported (chosen by the drafter; unrecognised columns go to [`Field::Note`]).
    Ignore,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Number,
        Field::Content,
        Field::Output,
        Field::Lead,
        Field::Partners,
        Field::Deadline,
        Field::Budget,
        Field::Note,
        Field::Ignore,
    ];

    /// The Vietnamese name shown in the column mapping.
    pub fn label(self) -> &'static str {
        match self {
            Field::Number => "Số TT",
            Field::Content => "Nội dung nhiệm vụ",
            Field::Output => "Sản phẩm",
            Field::Lead => "Cơ quan chủ trì",
            Field::Partners => "Cơ quan phối hợp",
            Field::Deadline => "Thời gian hoàn thành",
            Field::Budget => "Kinh phí",
            Field::Note => "Ghi chú",
            Field::Ignore => "Không nhập",
        }
    }
}

/// The unit a budget column's header names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BudgetUnit {
    Trieu,
    Dong,
    Unstated,
}

/// The field a header title names, if any ("STT", "Nội dung nhiệm vụ", "Chủ trì", ...).
pub fn recognise(title: &str) -> Option<Field> {
    let key = fold_key(title);
    if key.is_empty() {
        return None;
    }
    let has = |phrase: &str| contains_words(&key, phrase);
    let field = if matches!(
        key.as_str(),
        "tt" | "stt" | "so tt" | "so thu tu" | "thu tu" | "s tt"
    ) {
        Field::Number
    } else if has("ghi chu") {
        Field::Note
    } else if has("kinh phi") || has("du toan") || has("nguon kinh phi") {
        Field::Budget
    } else if has("phoi hop") {
        Field::Partners
    } else if has("chu tri") || has("don vi thuc hien") || has("co quan thuc hien") {
        Field::Lead
    } else if has("thoi gian") || has("thoi han") || has("tien do") || has("hoan thanh") {
        Field::Deadline
    } else if has("thuc hien") {
        Field::Lead
    } else if has("san pham") || has("ket qua") {
        Field::Output
    } else if has("noi dung") || has("nhiem vu") || has("cong viec") || has("hoat dong") {
        Field::Content
    } else {
        return None;
    };
    Some(field)
}

/// The unit of a budget header: "(triệu đồng)", "(đồng)" or none.
pub fn budget_unit(title: &str) -> BudgetUnit {
    let key = fold_key(title);
    if contains_words(&key, "trieu") || contains_words(&key, "tr d") {
        BudgetUnit::Trieu
    } else if contains_words(&key, "dong") || contains_words(&key, "vnd") {
        BudgetUnit::Dong
    } else {
        BudgetUnit::Unstated
    }
}

/// Whether the folded words of `phrase` occur in `key` as whole words.
fn contains_words(key: &str, phrase: &str) -> bool {
    let padded = format!(" {key} ");
    padded.contains(&format!(" {phrase} "))
}

/// How much a row looks like a header: the distinct fields its cells name, and whether
/// one of them is the content.
pub fn header_score(titles: &[String]) -> (usize, bool) {
    let mut seen: Vec<Field> = Vec::new();
    for title in titles {
        // A header cell is short: a long text that mentions "nhiệm vụ" is a task.
        if title.chars().count() > 60 {
            continue;
        }
        if let Some(field) = recognise(title) {
            if !seen.contains(&field) {
                seen.push(field);
            }
        }
    }
    let content = seen.contains(&Field::Content);
    (seen.len(), content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordings_provinces_use() {
        let cases = [
            ("TT", Field::Number),
            ("STT", Field::Number),
            ("Số TT", Field::Number),
            ("Nội dung", Field::Content),
            ("Nhiệm vụ", Field::Content),
            ("NỘI DUNG NHIỆM VỤ", Field::Content),
            ("Nhiệm vụ cụ thể", Field::Content),
            ("Sản phẩm", Field::Output),
            ("Kết quả", Field::Output),
            ("Hoạt động, sản phẩm", Field::Output),
            ("Cơ quan chủ trì", Field::Lead),
            ("Chủ trì", Field::Lead),
            ("Đơn vị chủ trì", Field::Lead),
            ("Đơn vị thực hiện", Field::Lead),
            ("Cơ quan phối hợp", Field::Partners),
            ("Phối hợp", Field::Partners),
            ("Thời gian thực hiện", Field::Deadline),
            ("Thời gian hoàn thành", Field::Deadline),
            ("Thời hạn", Field::Deadline),
            ("Tiến độ", Field::Deadline),
            ("Kinh phí (triệu đồng)", Field::Budget),
            ("Kinh phí (đồng)", Field::Budget),
            ("Ghi chú", Field::Note),
            ("ghi chu", Field::Note),
        ];
        for (title, field) in cases {
            assert_eq!(recognise(title), Some(field), "{title}");
        }
        assert_eq!(recognise("Người chịu trách nhiệm"), None);
        assert_eq!(recognise(""), None);
    }

    #[test]
    fn budget_units() {
        assert_eq!(budget_unit("Kinh phí (triệu đồng)"), BudgetUnit::Trieu);
        assert_eq!(budget_unit("Kinh phí (đồng)"), BudgetUnit::Dong);
        assert_eq!(budget_unit("Kinh phí"), BudgetUnit::Unstated);
    }

    #[test]
    fn labels_are_distinct() {
        let labels: std::collections::HashSet<_> = Field::ALL.iter().map(|f| f.label()).collect();
        assert_eq!(labels.len(), Field::ALL.len());
    }
}
