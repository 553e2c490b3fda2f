//! Phụ lục I as a table of text and amounts, laid out once for every output: the "Phụ lục I"
//! sheet writes it (adding the SUM formulas and formats) and the app's print view shows it.
//!
//! ```
//! use cchc_plan::domain::plan::{Plan, Task};
//! use cchc_plan::domain::money::Money;
//! use cchc_plan::domain::workbook::{Column, ExportSettings, TableCell, TaskTable};
//! let mut plan = Plan::new("p1", "Hưng Yên", 2027);
//! let area = plan.add_area_titled(None, "CẢI CÁCH THỂ CHẾ".into());
//! let budget = Some(Money::from_trieu(936));
//! plan.add_task_with(Some(area), Task { content: "Rà soát văn bản".into(), budget, ..Task::default() });
//! let mut settings = ExportSettings::default();
//! settings.set_included(Column::Note, false);
//! let table = TaskTable::new(&plan, &settings);
//! assert_eq!(table.heading.title, "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2027");
//! assert_eq!(table.headers.len(), 7);
//! assert_eq!(table.rows[1].cells[1], TableCell::Text("Rà soát văn bản".into()));
//! let total = table.total.unwrap();
//! assert_eq!(total.amount.to_string(), "936");
//! assert_eq!(total.words, "(Bằng chữ: Chín trăm ba mươi sáu triệu đồng)");
//! ```

use crate::domain::money::Money;
use crate::domain::plan::{BudgetTotals, Plan, RowId, RowKind, Task};
use crate::domain::words::{amount_in_words, WordsStyle};

use super::heading::{attachment_line, Heading};
use super::settings::{Column, ExportSettings};

/// The label of the grand total row.
pub const TOTAL_LABEL: &str = "Tổng cộng";

/// The title of Phụ lục I: "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2027".
pub fn tasks_title(year: i32) -> String {
    format!("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {year}")
}

/// The line under a total: "(Bằng chữ: Chín trăm ba mươi sáu triệu đồng)".
pub fn words_line(amount: Money, style: WordsStyle) -> String {
    format!("(Bằng chữ: {})", amount_in_words(amount, style))
}

/// Agencies as one cell: "Sở Nội vụ; Đài PTTH tỉnh".
pub fn join_agencies(names: &[String]) -> String {
    if let [name] = names {
        // Most tasks have one agency: no list to build.
        return name.trim().to_string();
    }
    names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// One cell of the table.
#[derive(Clone, Debug, PartialEq)]
pub enum TableCell {
    /// Text as printed (the TT, the task text, agencies joined with "; " …).
    Text(String),
    /// The budget column: the row's budget, or the subtotal of an area, a group or a task
    /// with sub-tasks; `None` when nothing under the row has a budget.
    Budget(Option<Money>),
}

/// One plan row of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub id: RowId,
    /// Areas and groups print bold, tasks plain.
    pub kind: RowKind,
    pub depth: u8,
    /// One cell per column of [`TaskTable::columns`].
    pub cells: Vec<TableCell>,
}

impl TableRow {
    /// Whether the row prints bold (areas and groups).
    pub fn bold(&self) -> bool {
        self.kind != RowKind::Task
    }
}

/// The "Tổng cộng" row and the amount in words under it.
#[derive(Clone, Debug, PartialEq)]
pub struct TableTotal {
    pub label: &'static str,
    pub amount: Money,
    /// "(Bằng chữ: …)".
    pub words: String,
}

/// Phụ lục I: heading, headers, rows and total, for the chosen columns.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskTable {
    pub heading: Heading,
    /// The included columns, in table order.
    pub columns: Vec<Column>,
    /// The header of each column (the user's name, else the default).
    pub headers: Vec<String>,
    pub rows: Vec<TableRow>,
    /// Only when the budget column is included and some task has a budget.
    pub total: Option<TableTotal>,
}

impl TaskTable {
    /// Lays out a plan's Phụ lục I with these settings.
    pub fn new(plan: &Plan, settings: &ExportSettings) -> TaskTable {
        TaskTable::with(plan, settings, &plan.numbers(), &plan.budget_totals())
    }

    /// Like [`TaskTable::new`], with the plan's numbers and totals already computed.
    pub fn with(
        plan: &Plan,
        settings: &ExportSettings,
        numbers: &[String],
        totals: &BudgetTotals,
    ) -> TaskTable {
        let columns = settings.columns();
        let headers = columns
            .iter()
            .map(|c| settings.header(*c).to_string())
            .collect();
        let budget = columns.contains(&Column::Budget);
        let rows = plan
            .rows()
            .iter()
            .zip(numbers)
            .map(|(row, number)| {
                let task = row.task();
                let text =
                    |f: fn(&Task) -> String| TableCell::Text(task.map(f).unwrap_or_default());
                let cells = columns
                    .iter()
                    .map(|column| match column {
                        Column::Number => TableCell::Text(number.clone()),
                        Column::Content => TableCell::Text(row.text().to_string()),
                        Column::Product => text(|t| t.product.clone()),
                        Column::Lead => text(|t| join_agencies(&t.lead)),
                        Column::Partners => text(|t| join_agencies(&t.partners)),
                        Column::Deadline => text(|t| t.deadline.clone()),
                        Column::Note => text(|t| t.note.clone()),
                        Column::Budget => TableCell::Budget(totals.by_row.get(&row.id).copied()),
                    })
                    .collect();
                TableRow {
                    id: row.id,
                    kind: row.kind(),
                    depth: row.depth,
                    cells,
                }
            })
            .collect();
        let total = (budget && totals.any).then(|| TableTotal {
            label: TOTAL_LABEL,
            amount: totals.grand,
            words: words_line(totals.grand, settings.words),
        });
        TaskTable {
            heading: Heading {
                label: settings.label.label("I"),
                title: tasks_title(plan.year),
                attachment: attachment_line(plan),
                unit: budget,
            },
            columns,
            headers,
            rows,
            total,
        }
    }

    /// The position of the budget column, when included.
    pub fn budget_column(&self) -> Option<usize> {
        self.columns.iter().position(|c| *c == Column::Budget)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workbook::LabelStyle;

    fn plan() -> Plan {
        let mut plan = Plan::new("p", "Đắk Nông", 2021);
        let area = plan.add_area_titled(None, "CÔNG TÁC CHỈ ĐẠO".into());
        let group = plan.add_group_titled(Some(area), "Hội nghị".into());
        plan.add_task_with(
            Some(group),
            Task {
                content: "Hội nghị tổng kết".into(),
                lead: vec!["Sở Nội vụ".into(), " ".into(), "Văn phòng UBND tỉnh".into()],
                partners: vec!["Các sở".into()],
                budget: Some(Money::from_trieu(10)),
                ..Task::default()
            },
        );
        plan.add_task_with(
            Some(group),
            Task {
                content: "Kiện toàn Ban chỉ đạo".into(),
                ..Task::default()
            },
        );
        plan
    }

    #[test]
    fn rows_follow_the_plan_with_subtotals() {
        let table = TaskTable::new(&plan(), &ExportSettings::default());
        assert_eq!(table.heading.label, "Phụ lục I");
        assert!(table.heading.unit);
        assert_eq!(table.budget_column(), Some(6));
        let cells: Vec<_> = table.rows.iter().map(|r| r.cells[6].clone()).collect();
        let ten = TableCell::Budget(Some(Money::from_trieu(10)));
        assert_eq!(
            cells,
            [ten.clone(), ten.clone(), ten, TableCell::Budget(None)]
        );
        assert_eq!(table.rows[2].cells[0], TableCell::Text("1.1".into()));
        assert_eq!(
            table.rows[2].cells[3],
            TableCell::Text("Sở Nội vụ; Văn phòng UBND tỉnh".into())
        );
        assert!(table.rows[0].bold() && table.rows[1].bold() && !table.rows[2].bold());
        assert_eq!(table.total.unwrap().label, "Tổng cộng");
    }

    #[test]
    fn without_the_budget_column_there_is_no_unit_nor_total() {
        let mut settings = ExportSettings {
            label: LabelStyle::Capitals,
            ..ExportSettings::default()
        };
        settings.set_included(Column::Budget, false);
        settings.set_included(Column::Partners, false);
        settings.set_header(Column::Lead, "Chủ trì");
        let table = TaskTable::new(&plan(), &settings);
        assert_eq!(table.heading.label, "PHỤ LỤC I");
        assert!(!table.heading.unit);
        assert!(table.total.is_none());
        assert_eq!(table.budget_column(), None);
        assert_eq!(
            table.headers,
            [
                "TT",
                "Nội dung, nhiệm vụ",
                "Sản phẩm",
                "Chủ trì",
                "Thời gian thực hiện",
                "Ghi chú"
            ]
        );
        assert!(table.rows.iter().all(|r| r.cells.len() == 6));
    }

    #[test]
    fn no_budget_anywhere_means_no_total() {
        let mut plan = Plan::new("p", "Hưng Yên", 2027);
        let area = plan.add_area(None);
        plan.add_task(Some(area));
        let table = TaskTable::new(&plan, &ExportSettings::default());
        assert!(table.heading.unit);
        assert!(table.total.is_none());
    }
}
