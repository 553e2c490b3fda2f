//! Phụ lục III laid out once for every output (only when some task has a budget and the
//! budget column is exported): the budget by area and by lead agency, each table with its
//! "Tổng cộng" line. The "Phụ lục III" sheet writes it with formulas; the Word export as
//! two tables.
//!
//! The agency table counts each task once, under the agencies that lead it together
//! ("Sở Nội vụ; Đài PTTH tỉnh"), so both tables add up to the plan's total.

use std::collections::HashMap;

use crate::domain::money::{Money, MoneyError};
use crate::domain::numbering::roman;
use crate::domain::plan::{BudgetTotals, Plan, RowKind};

use super::agency_table::{agency_key, NO_LEAD};
use super::heading::{attachment_line, Heading};
use super::settings::{Column, ExportSettings};
use super::task_table::{join_agencies, words_line};

/// The heading of the table by area.
pub const BY_AREA: &str = "1. Kinh phí theo lĩnh vực";
/// The heading of the table by lead agency.
pub const BY_LEAD: &str = "2. Kinh phí theo cơ quan chủ trì";
/// The note under the agency table.
pub const BY_LEAD_NOTE: &str =
    "Ghi chú: Nhiệm vụ do nhiều cơ quan cùng chủ trì được tính một lần, cho cả nhóm cơ quan đó.";
/// Column widths (Excel character units): TT, name, count, budget.
pub const BUDGET_WIDTHS: [f64; 4] = [7.0, 75.0, 22.0, 24.0];

/// One line: an area, or a lead agency (or agencies leading together).
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetLine {
    pub number: String,
    pub name: String,
    pub tasks: usize,
    /// `None` for an area without budgets.
    pub budget: Option<Money>,
    /// The plan row of an area (its subtotal in Phụ lục I).
    pub row: Option<usize>,
}

/// One of the two tables.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetTable {
    /// "1. Kinh phí theo lĩnh vực".
    pub title: &'static str,
    /// TT, name, count, budget.
    pub headers: [String; 4],
    pub lines: Vec<BudgetLine>,
    /// The tasks counted in the "Tổng cộng" line.
    pub tasks: usize,
    pub total: Money,
}

/// Phụ lục III.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetSummary {
    pub heading: Heading,
    pub by_area: BudgetTable,
    /// "(Bằng chữ: …)" under the area table.
    pub words: String,
    pub by_lead: BudgetTable,
    pub note: &'static str,
}

/// One line of the agency table.
#[derive(Clone, Debug, PartialEq)]
struct LeadBudget {
    name: String,
    tasks: usize,
    budget: Money,
}

/// Budgets by lead agency (or group of co-leading agencies), largest first; each task's
/// own budget counts once.
fn by_lead(plan: &Plan) -> Result<Vec<LeadBudget>, MoneyError> {
    let mut lines: Vec<LeadBudget> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for row in plan.rows() {
        let Some(task) = row.task() else { continue };
        let Some(budget) = task.budget else { continue };
        let name = join_agencies(&task.lead);
        let key = agency_key(&name);
        let at = *index.entry(key).or_insert_with(|| {
            lines.push(LeadBudget {
                name: if name.is_empty() {
                    NO_LEAD.to_string()
                } else {
                    name
                },
                tasks: 0,
                budget: Money::ZERO,
            });
            lines.len() - 1
        });
        lines[at].tasks += 1;
        lines[at].budget = lines[at].budget.checked_add(budget)?;
    }
    lines.sort_by_key(|line| std::cmp::Reverse(line.budget));
    Ok(lines)
}

impl BudgetSummary {
    /// Lays out Phụ lục III; `None` when the budget column is left out or no task has a
    /// budget (there is then no Phụ lục III).
    ///
    /// # Errors
    /// [`MoneyError::TotalTooLarge`] when an agency's budgets do not add up to a figure that
    /// fits (they cannot once the plan's total did).
    pub fn new(
        plan: &Plan,
        settings: &ExportSettings,
        numbers: &[String],
        totals: &BudgetTotals,
    ) -> Result<Option<BudgetSummary>, MoneyError> {
        if !settings.includes(Column::Budget) || !totals.any {
            return Ok(None);
        }
        let headers = |name: &str, count: &str| {
            [
                settings.header(Column::Number).to_string(),
                name.to_string(),
                count.to_string(),
                settings.header(Column::Budget).to_string(),
            ]
        };
        let rows = plan.rows();
        let mut areas = Vec::new();
        let mut all_tasks = 0;
        for (i, row) in rows.iter().enumerate() {
            if row.depth != 0 {
                continue;
            }
            let count = rows[i + 1..]
                .iter()
                .take_while(|r| r.depth > 0)
                .filter(|r| r.kind() == RowKind::Task)
                .count();
            all_tasks += count;
            areas.push(BudgetLine {
                number: numbers[i].clone(),
                name: row.text().to_string(),
                tasks: count,
                budget: totals.by_row.get(&row.id).copied(),
                row: Some(i),
            });
        }
        let leads: Vec<BudgetLine> = by_lead(plan)?
            .into_iter()
            .enumerate()
            .map(|(k, line)| BudgetLine {
                number: roman(k as u32 + 1),
                name: line.name,
                tasks: line.tasks,
                budget: Some(line.budget),
                row: None,
            })
            .collect();
        let budget_tasks = leads.iter().map(|l| l.tasks).sum();
        Ok(Some(BudgetSummary {
            heading: Heading {
                label: settings.label.label("III"),
                title: format!(
                    "KINH PHÍ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {}",
                    plan.year
                ),
                attachment: attachment_line(plan),
                unit: true,
            },
            by_area: BudgetTable {
                title: BY_AREA,
                headers: headers("Lĩnh vực", "Số nhiệm vụ"),
                lines: areas,
                tasks: all_tasks,
                total: totals.grand,
            },
            words: words_line(totals.grand, settings.words),
            by_lead: BudgetTable {
                title: BY_LEAD,
                headers: headers("Cơ quan chủ trì", "Số nhiệm vụ có kinh phí"),
                lines: leads,
                tasks: budget_tasks,
                total: totals.grand,
            },
            note: BY_LEAD_NOTE,
        }))
    }
}
