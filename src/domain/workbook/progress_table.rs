//! "Tiến độ" laid out once for every output: the tasks by quarter — what is due when, and
//! who leads it. The "Tiến độ" sheet and the Word export both write it.
//!
//! One bold section line per quarter bucket ("Quý I (4 nhiệm vụ)", ..., "Cả năm / thường
//! xuyên", "Không rõ thời gian"), from [`crate::domain::timeline::by_quarter`], then its tasks
//! in deadline order: TT as in Phụ lục I with its area ("II.3.1"), content, product (when
//! exported), lead agencies, deadline.

use crate::domain::plan::Plan;
use crate::domain::timeline::{by_quarter, full_numbers, heading as section_heading};

use super::heading::{attachment_line, Heading};
use super::settings::{Column, ExportSettings, LabelStyle};
use super::task_table::join_agencies;

/// The label above the title.
pub(crate) fn label(style: LabelStyle) -> String {
    match style {
        LabelStyle::Numbered => "Biểu tiến độ".to_string(),
        LabelStyle::Capitals => "BIỂU TIẾN ĐỘ".to_string(),
    }
}

/// The title of the table.
pub(crate) fn title(year: i32) -> String {
    format!("TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {year} THEO QUÝ")
}

/// The columns of "Tiến độ".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgressColumn {
    Number,
    Content,
    Product,
    Lead,
    Deadline,
}

impl ProgressColumn {
    /// Width in Excel character units.
    pub fn width(self) -> f64 {
        match self {
            ProgressColumn::Number => 9.0,
            ProgressColumn::Content => 58.0,
            ProgressColumn::Product => 34.0,
            ProgressColumn::Lead => 30.0,
            ProgressColumn::Deadline => 18.0,
        }
    }
}

/// A quarter and its tasks.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressSection {
    /// "Quý I (4 nhiệm vụ)".
    pub title: String,
    /// One text per column of [`ProgressTable::columns`], for each task.
    pub rows: Vec<Vec<String>>,
}

/// "Tiến độ": heading, columns, headers, and the tasks by quarter.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressTable {
    pub heading: Heading,
    pub columns: Vec<ProgressColumn>,
    pub headers: Vec<String>,
    pub sections: Vec<ProgressSection>,
}

impl ProgressTable {
    /// Lays out "Tiến độ" of a plan with these settings; `numbers` are the plan's TT.
    pub fn new(plan: &Plan, settings: &ExportSettings, numbers: &[String]) -> ProgressTable {
        let mut columns = vec![ProgressColumn::Number, ProgressColumn::Content];
        if settings.includes(Column::Product) {
            columns.push(ProgressColumn::Product);
        }
        columns.extend([ProgressColumn::Lead, ProgressColumn::Deadline]);
        let headers = columns
            .iter()
            .map(|c| match c {
                ProgressColumn::Number => settings.header(Column::Number),
                ProgressColumn::Content => settings.header(Column::Content),
                ProgressColumn::Product => settings.header(Column::Product),
                ProgressColumn::Lead => settings.header(Column::Lead),
                ProgressColumn::Deadline => settings.header(Column::Deadline),
            })
            .map(str::to_string)
            .collect();
        let rows = plan.rows();
        let numbers = full_numbers(numbers, rows.iter().map(|r| r.depth));
        let sections = by_quarter(plan)
            .iter()
            .map(|section| ProgressSection {
                title: section_heading(section),
                rows: section
                    .tasks
                    .iter()
                    .map(|&i| {
                        let task = rows[i].task().expect("by_quarter lists tasks");
                        columns
                            .iter()
                            .map(|column| match column {
                                ProgressColumn::Number => numbers[i].clone(),
                                ProgressColumn::Content => task.content.clone(),
                                ProgressColumn::Product => task.product.clone(),
                                ProgressColumn::Lead => join_agencies(&task.lead),
                                ProgressColumn::Deadline => task.deadline.clone(),
                            })
                            .collect()
                    })
                    .collect(),
            })
            .collect();
        ProgressTable {
            heading: Heading {
                label: label(settings.label),
                title: title(plan.year),
                attachment: attachment_line(plan),
                unit: false,
            },
            columns,
            headers,
            sections,
        }
    }
}
