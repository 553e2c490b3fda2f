//! A yearly CCHC plan and the rows of its appendix table.
//!
//! The table is an ordered outline kept as a flat list of rows, each with a depth:
//! an area (lĩnh vực) at depth 0; a group or a task directly in an area at depth 1;
//! a task in a group, or a sub-task under a task, at depth 2. A row's *block* is the row
//! and every deeper row that follows it; moving, deleting and duplicating act on blocks.
//!
//! Rows sit behind [`Arc`], so cloning a plan (for undo) copies pointers, not text.
//!
//! ```
//! use cchc_plan::domain::plan::Plan;
//! let mut plan = Plan::new("p1", "Đắk Nông", 2021);
//! let area = plan.add_area(None);
//! let group = plan.add_group(Some(area));
//! let task = plan.add_task(Some(group));
//! assert_eq!(plan.numbers(), ["I", "1", "1.1"]);
//! assert_eq!(plan.row(task).unwrap().depth, 2);
//! ```
//!
//! The work is split by job: `row` (what a row is, the outline rules), `editing`
//! (adding, editing, moving), `totals` (budgets), `stored` (serde), [`history`]
//! (undo and redo), `index` (finding a row by id).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::document_sections::PlanDocument;
use super::numbering::number_rows;
use index::RowIndex;

mod editing;
pub mod history;
mod index;
mod inserting;
mod row;
mod stored;
#[cfg(test)]
mod tests;
mod totals;

pub use row::{check_structure, Item, Row, RowId, RowKind, StructureError, Task};
pub use totals::BudgetTotals;

/// The default title of a plan for a year.
pub fn default_title(year: i32) -> String {
    format!("Kế hoạch cải cách hành chính năm {year}")
}

/// A yearly CCHC plan: its header and the rows of its appendix.
///
/// Serialised as [`PlanData`] (written straight from the plan, without copying it).
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "PlanData")]
pub struct Plan {
    pub id: String,
    pub province: String,
    pub year: i32,
    pub title: String,
    /// Issuing document number, e.g. "271/KH-UBND"; empty in a draft (printed as dots).
    pub document_number: String,
    /// Issuing date as written, e.g. "16/12/2021"; empty in a draft.
    pub document_date: String,
    /// The sections of the plan document the drafter edited (the rest follow the plan).
    pub document: PlanDocument,
    rows: Vec<Arc<Row>>,
    index: Arc<RowIndex>,
    next_id: RowId,
}

/// The serialised form of a plan: its header and its rows, checked on the way in.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PlanData {
    pub id: String,
    pub province: String,
    pub year: i32,
    pub title: String,
    #[serde(default)]
    pub document_number: String,
    #[serde(default)]
    pub document_date: String,
    #[serde(default)]
    pub document: PlanDocument,
    pub rows: Vec<Row>,
}

impl PartialEq for Plan {
    fn eq(&self, other: &Plan) -> bool {
        self.id == other.id
            && self.province == other.province
            && self.year == other.year
            && self.title == other.title
            && self.document_number == other.document_number
            && self.document_date == other.document_date
            && self.document == other.document
            && self.rows.len() == other.rows.len()
            && self
                .rows
                .iter()
                .zip(&other.rows)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
    }
}

impl Plan {
    /// An empty plan for a province and year, with the default title.
    pub fn new(id: impl Into<String>, province: impl Into<String>, year: i32) -> Plan {
        Plan {
            id: id.into(),
            province: province.into(),
            year,
            title: default_title(year),
            document_number: String::new(),
            document_date: String::new(),
            document: PlanDocument::default(),
            rows: Vec::new(),
            index: Arc::new(RowIndex::default()),
            next_id: 1,
        }
    }

    pub fn rows(&self) -> &[Arc<Row>] {
        &self.rows
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn row(&self, id: RowId) -> Option<&Arc<Row>> {
        self.position(id).map(|pos| &self.rows[pos])
    }

    pub fn position(&self, id: RowId) -> Option<usize> {
        self.index.get(id)
    }

    /// Number of task rows.
    pub fn task_count(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.kind() == RowKind::Task)
            .count()
    }

    /// Replaces every row, checking the outline; ids are kept.
    ///
    /// # Errors
    /// [`StructureError`] when the rows break the outline rules ([`check_structure`]); the
    /// plan is then left as it was.
    pub fn replace_rows(&mut self, rows: Vec<Row>) -> Result<(), StructureError> {
        check_structure(&rows)?;
        self.next_id = rows.iter().map(|r| r.id).max().unwrap_or(0) + 1;
        self.rows = rows.into_iter().map(Arc::new).collect();
        self.index = Arc::new(RowIndex::build(&self.rows));
        Ok(())
    }

    /// Row ids in table order, with their depth and kind: what numbering and layout depend on.
    pub fn outline(&self) -> Vec<(RowId, u8, RowKind)> {
        self.rows
            .iter()
            .map(|r| (r.id, r.depth, r.kind()))
            .collect()
    }

    /// The TT of every row, in table order.
    pub fn numbers(&self) -> Vec<String> {
        number_rows(self.rows.iter().map(|r| r.depth))
    }

    /// The nearest row above `id` that contains it (its area, group or parent task).
    pub fn parent(&self, id: RowId) -> Option<RowId> {
        let pos = self.position(id)?;
        let depth = self.rows[pos].depth;
        self.rows[..pos]
            .iter()
            .rev()
            .find(|r| r.depth < depth)
            .map(|r| r.id)
    }

    /// The area that contains `id` (an area contains itself).
    pub fn area_of(&self, id: RowId) -> Option<RowId> {
        let pos = self.position(id)?;
        self.rows[..=pos]
            .iter()
            .rev()
            .find(|r| r.depth == 0)
            .map(|r| r.id)
    }
}
