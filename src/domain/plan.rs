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

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::money::{Money, MoneyError};
use super::numbering::number_rows;

/// A row's id: stable for the life of the plan, never reused within it.
pub type RowId = u64;

/// What a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowKind {
    Area,
    Group,
    Task,
}

/// One row of the appendix table.
///
/// Stored as one object: `id`, `depth`, `kind` ("area", "group", "task") and the item's
/// fields beside them (`title`, or the task's fields). Written and read by hand (see
/// [`RowIn`]) rather than with `#[serde(flatten)]` over an internally tagged enum, which
/// buffers every row before reading it: saving and loading a plan are about twice as fast.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "RowIn")]
pub struct Row {
    pub id: RowId,
    /// 0 for areas, 1 for what sits in an area, 2 for what sits in a group or under a task.
    pub depth: u8,
    pub item: Item,
}

impl Serialize for Row {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (kind, fields) = match &self.item {
            Item::Area { .. } => ("area", 4),
            Item::Group { .. } => ("group", 4),
            Item::Task(_) => ("task", 11),
        };
        let mut out = serializer.serialize_struct("Row", fields)?;
        out.serialize_field("id", &self.id)?;
        out.serialize_field("depth", &self.depth)?;
        out.serialize_field("kind", kind)?;
        match &self.item {
            Item::Area { title } | Item::Group { title } => out.serialize_field("title", title)?,
            Item::Task(task) => {
                out.serialize_field("content", &task.content)?;
                out.serialize_field("product", &task.product)?;
                out.serialize_field("lead", &task.lead)?;
                out.serialize_field("partners", &task.partners)?;
                out.serialize_field("deadline", &task.deadline)?;
                out.serialize_field("budget", &task.budget)?;
                out.serialize_field("note", &task.note)?;
                out.serialize_field("template", &task.template)?;
            }
        }
        out.end()
    }
}

/// The kinds of row, as stored.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindIn {
    Area,
    Group,
    Task,
}

/// A stored row as read: every field a row of any kind may have. Fields of other kinds
/// are read and dropped; a heading without `title` is refused.
#[derive(Deserialize)]
struct RowIn {
    id: RowId,
    depth: u8,
    kind: KindIn,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    content: String,
    #[serde(default)]
    product: String,
    #[serde(default)]
    lead: Vec<String>,
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    budget: Option<Money>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    template: Option<String>,
}

impl TryFrom<RowIn> for Row {
    type Error = &'static str;

    fn try_from(row: RowIn) -> Result<Row, &'static str> {
        let heading = |title: Option<String>| title.ok_or("missing field `title`");
        let item = match row.kind {
            KindIn::Area => Item::Area {
                title: heading(row.title)?,
            },
            KindIn::Group => Item::Group {
                title: heading(row.title)?,
            },
            KindIn::Task => Item::Task(Task {
                content: row.content,
                product: row.product,
                lead: row.lead,
                partners: row.partners,
                deadline: row.deadline,
                budget: row.budget,
                note: row.note,
                template: row.template,
            }),
        };
        Ok(Row {
            id: row.id,
            depth: row.depth,
            item,
        })
    }
}

/// The content of a row: a heading (area or group) or a task.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    Area { title: String },
    Group { title: String },
    Task(Task),
}

/// A task: one line of work with its output, agencies, deadline and budget.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Task {
    /// "Nội dung, nhiệm vụ".
    pub content: String,
    /// "Sản phẩm".
    pub product: String,
    /// "Cơ quan chủ trì".
    pub lead: Vec<String>,
    /// "Cơ quan phối hợp".
    pub partners: Vec<String>,
    /// "Thời gian thực hiện", exactly as the drafter wrote it.
    pub deadline: String,
    /// "Kinh phí (triệu đồng)"; none when the task has no budget line.
    pub budget: Option<Money>,
    /// "Ghi chú".
    pub note: String,
    /// The template this task came from, if any.
    pub template: Option<String>,
}

impl Row {
    pub fn kind(&self) -> RowKind {
        match self.item {
            Item::Area { .. } => RowKind::Area,
            Item::Group { .. } => RowKind::Group,
            Item::Task(_) => RowKind::Task,
        }
    }

    /// The title of an area or group, the content of a task.
    pub fn text(&self) -> &str {
        match &self.item {
            Item::Area { title } | Item::Group { title } => title,
            Item::Task(task) => &task.content,
        }
    }

    pub fn task(&self) -> Option<&Task> {
        match &self.item {
            Item::Task(task) => Some(task),
            _ => None,
        }
    }
}

/// Why a list of rows is not a valid plan outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StructureError {
    DuplicateId(RowId),
    BadDepth { id: RowId },
    NoParent { id: RowId },
}

impl std::fmt::Display for StructureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StructureError::DuplicateId(id) => write!(f, "mã dòng {id} bị lặp"),
            StructureError::BadDepth { id } => write!(f, "dòng {id} có cấp không hợp lệ"),
            StructureError::NoParent { id } => {
                write!(f, "dòng {id} không nằm trong lĩnh vực hoặc nhóm nào")
            }
        }
    }
}

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
    rows: Vec<Arc<Row>>,
    index: Arc<HashMap<RowId, usize>>,
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
    pub rows: Vec<Row>,
}

impl TryFrom<PlanData> for Plan {
    type Error = StructureError;
    fn try_from(data: PlanData) -> Result<Plan, StructureError> {
        let mut plan = Plan::new(data.id, data.province, data.year);
        plan.title = data.title;
        plan.document_number = data.document_number;
        plan.document_date = data.document_date;
        plan.replace_rows(data.rows)?;
        Ok(plan)
    }
}

impl Serialize for Plan {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // The fields of PlanData, in its order.
        let mut out = serializer.serialize_struct("PlanData", 7)?;
        out.serialize_field("id", &self.id)?;
        out.serialize_field("province", &self.province)?;
        out.serialize_field("year", &self.year)?;
        out.serialize_field("title", &self.title)?;
        out.serialize_field("document_number", &self.document_number)?;
        out.serialize_field("document_date", &self.document_date)?;
        out.serialize_field("rows", &self.rows)?;
        out.end()
    }
}

impl From<Plan> for PlanData {
    fn from(plan: Plan) -> PlanData {
        PlanData {
            rows: plan.rows.iter().map(|r| Row::clone(r)).collect(),
            id: plan.id,
            province: plan.province,
            year: plan.year,
            title: plan.title,
            document_number: plan.document_number,
            document_date: plan.document_date,
        }
    }
}

impl PartialEq for Plan {
    fn eq(&self, other: &Plan) -> bool {
        self.id == other.id
            && self.province == other.province
            && self.year == other.year
            && self.title == other.title
            && self.document_number == other.document_number
            && self.document_date == other.document_date
            && self.rows.len() == other.rows.len()
            && self
                .rows
                .iter()
                .zip(&other.rows)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
    }
}

/// Budget subtotals of every row that has a budget under it, and the grand total.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BudgetTotals {
    pub by_row: HashMap<RowId, Money>,
    pub grand: Money,
    /// Whether any task carries a budget at all.
    pub any: bool,
    /// Set when a sum did not fit ([`MoneyError::TotalTooLarge`], whose text is the
    /// Vietnamese message to show); then `by_row` is empty and `grand` is zero, so no
    /// wrong figure is ever shown or exported.
    pub overflow: Option<MoneyError>,
}

impl BudgetTotals {
    /// The totals, or the error when a sum did not fit.
    ///
    /// # Errors
    /// [`MoneyError::TotalTooLarge`] when a subtotal or the grand total did not fit.
    pub fn checked(&self) -> Result<&BudgetTotals, MoneyError> {
        match &self.overflow {
            Some(error) => Err(error.clone()),
            None => Ok(self),
        }
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
            rows: Vec::new(),
            index: Arc::new(HashMap::new()),
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
        self.index.get(&id).copied()
    }

    /// Number of task rows.
    pub fn task_count(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.kind() == RowKind::Task)
            .count()
    }

    /// Replaces every row, checking the outline; ids are kept.
    pub fn replace_rows(&mut self, rows: Vec<Row>) -> Result<(), StructureError> {
        check_structure(&rows)?;
        self.next_id = rows.iter().map(|r| r.id).max().unwrap_or(0) + 1;
        self.rows = rows.into_iter().map(Arc::new).collect();
        self.reindex();
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

    /// Budget subtotals for areas, groups and tasks with sub-tasks, and the grand total.
    /// Each task counts its own budget once; containers add up what they contain. A sum
    /// that does not fit sets [`BudgetTotals::overflow`] instead of any figure.
    pub fn budget_totals(&self) -> BudgetTotals {
        self.try_budget_totals()
            .unwrap_or_else(|error| BudgetTotals {
                any: true,
                overflow: Some(error),
                ..BudgetTotals::default()
            })
    }

    /// [`Plan::budget_totals`], with every sum checked.
    ///
    /// # Errors
    /// [`MoneyError::TotalTooLarge`] when a subtotal or the grand total does not fit.
    pub fn try_budget_totals(&self) -> Result<BudgetTotals, MoneyError> {
        let mut totals = BudgetTotals::default();
        let mut parents: [Option<RowId>; 2] = [None, None];
        for row in &self.rows {
            let depth = usize::from(row.depth.min(2));
            if depth < 2 {
                parents[depth] = Some(row.id);
                if depth == 0 {
                    parents[1] = None;
                }
            }
            let Some(budget) = row.task().and_then(|t| t.budget) else {
                continue;
            };
            totals.any = true;
            totals.grand = totals.grand.checked_add(budget)?;
            for id in parents.iter().take(depth).flatten().chain([&row.id]) {
                let sum = totals.by_row.entry(*id).or_default();
                *sum = sum.checked_add(budget)?;
            }
        }
        Ok(totals)
    }

    // ----- building -----

    fn fresh_id(&mut self) -> RowId {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn insert(&mut self, pos: usize, depth: u8, item: Item) -> RowId {
        let id = self.fresh_id();
        self.rows.insert(pos, Arc::new(Row { id, depth, item }));
        self.reindex();
        id
    }

    fn reindex(&mut self) {
        self.index = Arc::new(
            self.rows
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id, i))
                .collect(),
        );
    }

    /// One past the last row of the block that starts at `pos`.
    fn block_end(&self, pos: usize) -> usize {
        let depth = self.rows[pos].depth;
        self.rows[pos + 1..]
            .iter()
            .position(|r| r.depth <= depth)
            .map_or(self.rows.len(), |n| pos + 1 + n)
    }

    /// Adds an empty area after the area that contains `context`, or at the end.
    pub fn add_area(&mut self, context: Option<RowId>) -> RowId {
        self.add_area_titled(context, String::new())
    }

    /// Adds an area with a title after the area that contains `context`, or at the end.
    pub fn add_area_titled(&mut self, context: Option<RowId>, title: String) -> RowId {
        let pos = match context
            .and_then(|c| self.area_of(c))
            .and_then(|a| self.position(a))
        {
            Some(area_pos) => self.block_end(area_pos),
            None => self.rows.len(),
        };
        self.insert(pos, 0, Item::Area { title })
    }

    /// The area to add into: the one containing `context`, else the last, else a new one.
    fn target_area(&mut self, context: Option<RowId>) -> usize {
        let area = context
            .and_then(|c| self.area_of(c))
            .or_else(|| self.rows.iter().rev().find(|r| r.depth == 0).map(|r| r.id));
        match area {
            Some(id) => self.position(id).expect("area is in the plan"),
            None => {
                let id = self.add_area(None);
                self.position(id).expect("new area")
            }
        }
    }

    /// Adds an empty group at the end of the area that contains `context`.
    pub fn add_group(&mut self, context: Option<RowId>) -> RowId {
        self.add_group_titled(context, String::new())
    }

    /// Adds a titled group at the end of the area that contains `context`.
    pub fn add_group_titled(&mut self, context: Option<RowId>, title: String) -> RowId {
        let area_pos = self.target_area(context);
        let pos = self.block_end(area_pos);
        self.insert(pos, 1, Item::Group { title })
    }

    /// Adds an empty task next to `context`: at the end of an area or group, or after a task
    /// (and its sub-tasks) at the same level. With no context, at the end of the last area.
    pub fn add_task(&mut self, context: Option<RowId>) -> RowId {
        self.add_task_with(context, Task::default())
    }

    /// Adds a task with content next to `context`, as [`Plan::add_task`] places it.
    pub fn add_task_with(&mut self, context: Option<RowId>, task: Task) -> RowId {
        match context.and_then(|c| self.position(c)) {
            Some(pos) => {
                let row = &self.rows[pos];
                let (depth, kind) = (row.depth, row.kind());
                let end = self.block_end(pos);
                let task_depth = match kind {
                    RowKind::Area => 1,
                    RowKind::Group => 2,
                    RowKind::Task => depth,
                };
                self.insert(end, task_depth, Item::Task(task))
            }
            None => {
                let area_pos = self.target_area(None);
                let end = self.block_end(area_pos);
                self.insert(end, 1, Item::Task(task))
            }
        }
    }

    // ----- editing -----

    /// Sets the title of an area or group. Returns whether anything changed.
    pub fn set_title(&mut self, id: RowId, title: &str) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        let row = Arc::make_mut(&mut self.rows[pos]);
        match &mut row.item {
            Item::Area { title: t } | Item::Group { title: t } if t != title => {
                *t = title.to_string();
                true
            }
            _ => false,
        }
    }

    /// Changes a task in place. Returns whether anything changed.
    pub fn update_task(&mut self, id: RowId, change: impl FnOnce(&mut Task)) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        let Item::Task(task) = &self.rows[pos].item else {
            return false;
        };
        let mut edited = task.clone();
        change(&mut edited);
        if &edited == task {
            return false;
        }
        Arc::make_mut(&mut self.rows[pos]).item = Item::Task(edited);
        true
    }

    /// Deletes a row and everything under it. Returns whether anything changed.
    pub fn delete(&mut self, id: RowId) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        let end = self.block_end(pos);
        self.rows.drain(pos..end);
        self.reindex();
        true
    }

    /// Copies a row and everything under it, right below; returns the copy's id.
    pub fn duplicate(&mut self, id: RowId) -> Option<RowId> {
        let pos = self.position(id)?;
        let end = self.block_end(pos);
        let mut copies: Vec<Arc<Row>> = Vec::with_capacity(end - pos);
        for i in pos..end {
            let mut row = Row::clone(&self.rows[i]);
            row.id = self.fresh_id();
            copies.push(Arc::new(row));
        }
        let first = copies[0].id;
        self.rows.splice(end..end, copies);
        self.reindex();
        Some(first)
    }

    /// Whether a block of depth `depth` may start at `pos` (rows before it unchanged).
    fn may_start_at(&self, pos: usize, depth: u8) -> bool {
        match depth {
            0 => true,
            d => pos > 0 && self.rows[pos - 1].depth + 1 >= d,
        }
    }

    /// Moves a block so that it starts at `to` in the list without it.
    fn relocate(&mut self, pos: usize, end: usize, to: usize) {
        let block: Vec<Arc<Row>> = self.rows.drain(pos..end).collect();
        self.rows.splice(to..to, block);
        self.reindex();
    }

    /// Moves a row (with what is under it) above its previous sibling, or to the end of the
    /// previous area or group when it is first in its own. Returns whether it moved.
    pub fn move_up(&mut self, id: RowId) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        let depth = self.rows[pos].depth;
        let end = self.block_end(pos);
        let Some(prev) = self.rows[..pos].iter().rposition(|r| r.depth <= depth) else {
            return false;
        };
        if self.rows[prev].depth == depth {
            self.relocate(pos, end, prev);
            return true;
        }
        // `prev` is the parent: go to the end of the parent's previous sibling.
        if self.may_start_at(prev, depth) {
            self.relocate(pos, end, prev);
            return true;
        }
        false
    }

    /// Moves a row (with what is under it) below its next sibling, or to the start of the
    /// next area or group when it is last in its own. Returns whether it moved.
    pub fn move_down(&mut self, id: RowId) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        let depth = self.rows[pos].depth;
        let end = self.block_end(pos);
        if end >= self.rows.len() {
            return false;
        }
        let next_depth = self.rows[end].depth;
        if next_depth == depth {
            let next_end = self.block_end(end);
            let len = end - pos;
            self.relocate(pos, end, next_end - len);
            return true;
        }
        // The next row is a parent-level row: become its first child.
        if next_depth + 1 == depth {
            self.relocate(pos, end, end + 1 - (end - pos));
            return true;
        }
        false
    }

    /// Makes a task a sub-task of the row above it (a group or task in the same area).
    pub fn indent(&mut self, id: RowId) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        let row = &self.rows[pos];
        if row.kind() != RowKind::Task || row.depth != 1 || self.block_end(pos) != pos + 1 {
            return false;
        }
        if pos == 0 || self.rows[pos - 1].depth < 1 {
            return false;
        }
        Arc::make_mut(&mut self.rows[pos]).depth = 2;
        true
    }

    /// Makes a sub-task a task of its area, placed after the group or task it was under.
    pub fn outdent(&mut self, id: RowId) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        if self.rows[pos].depth != 2 {
            return false;
        }
        let parent = self.rows[..pos]
            .iter()
            .rposition(|r| r.depth < 2)
            .expect("valid outline");
        let parent_end = self.block_end(parent);
        Arc::make_mut(&mut self.rows[pos]).depth = 1;
        self.relocate(pos, pos + 1, parent_end - 1);
        true
    }
}

/// Checks the outline rules: unique ids, areas at 0, groups at 1, tasks at 1 or 2, and
/// every row below the first inside an area, every depth-2 row under a group or task.
pub fn check_structure(rows: &[Row]) -> Result<(), StructureError> {
    let mut seen = std::collections::HashSet::new();
    let mut previous_depth: Option<u8> = None;
    for row in rows {
        if !seen.insert(row.id) {
            return Err(StructureError::DuplicateId(row.id));
        }
        let depth_ok = match row.kind() {
            RowKind::Area => row.depth == 0,
            RowKind::Group => row.depth == 1,
            RowKind::Task => row.depth == 1 || row.depth == 2,
        };
        if !depth_ok {
            return Err(StructureError::BadDepth { id: row.id });
        }
        if row.depth > 0 && previous_depth.is_none_or(|d| d + 1 < row.depth) {
            return Err(StructureError::NoParent { id: row.id });
        }
        previous_depth = Some(row.depth);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(content: &str, budget: Option<i64>) -> Task {
        Task {
            content: content.into(),
            budget: budget.map(Money::from_trieu),
            ..Task::default()
        }
    }

    /// Area I with a group of two tasks, a task with a sub-task; area II with a task.
    fn sample() -> (Plan, Vec<RowId>) {
        let mut p = Plan::new("p", "Hưng Yên", 2027);
        let a1 = p.add_area_titled(None, "Công tác chỉ đạo".into());
        let g = p.add_group_titled(Some(a1), "Kiện toàn".into());
        let t1 = p.add_task_with(Some(g), task("t1", Some(10)));
        let t2 = p.add_task_with(Some(t1), task("t2", Some(5)));
        let t3 = p.add_task_with(Some(a1), task("t3", None));
        let t4 = p.add_task_with(Some(t3), task("t4", Some(1)));
        assert!(p.indent(t4));
        let a2 = p.add_area_titled(Some(a1), "Cải cách thể chế".into());
        let t5 = p.add_task_with(Some(a2), task("t5", Some(100)));
        (p, vec![a1, g, t1, t2, t3, t4, a2, t5])
    }

    fn texts(p: &Plan) -> Vec<String> {
        p.rows().iter().map(|r| r.text().to_string()).collect()
    }

    #[test]
    fn numbering_follows_the_outline() {
        let (p, _) = sample();
        assert_eq!(p.numbers(), ["I", "1", "1.1", "1.2", "2", "2.1", "II", "1"]);
        assert_eq!(p.title, "Kế hoạch cải cách hành chính năm 2027");
    }

    #[test]
    fn totals_count_each_budget_once() {
        let (p, ids) = sample();
        let totals = p.budget_totals();
        assert_eq!(totals.grand, Money::from_trieu(116));
        assert_eq!(totals.by_row[&ids[0]], Money::from_trieu(16));
        assert_eq!(totals.by_row[&ids[1]], Money::from_trieu(15));
        assert_eq!(totals.by_row[&ids[4]], Money::from_trieu(1));
        assert_eq!(totals.by_row[&ids[6]], Money::from_trieu(100));
        assert!(totals.any);
        assert!(!Plan::new("x", "", 2027).budget_totals().any);
    }

    /// Ten tasks of a shared plan file, each far past what a drafter may type: the file is
    /// refused with a Vietnamese message (it used to load and wrap or panic in the total).
    #[test]
    fn plan_files_with_budgets_past_the_cap_are_refused() {
        let (mut p, ids) = sample();
        for i in 0..10 {
            p.add_task_with(Some(ids[6]), task(&format!("x{i}"), Some(1)));
        }
        let json = serde_json::to_string(&p)
            .unwrap()
            .replace("\"budget\":\"1\"", "\"budget\":\"999999999999999\"");
        let error = serde_json::from_str::<Plan>(&json).unwrap_err();
        assert!(error.to_string().contains("quá lớn"), "{error}");
    }

    /// Amounts the code builds past the cap still never wrap or panic in a total.
    #[test]
    fn totals_that_do_not_fit_are_an_error() {
        let mut p = Plan::new("p", "Hưng Yên", 2027);
        let area = p.add_area(None);
        for _ in 0..10 {
            p.add_task_with(
                Some(area),
                Task {
                    budget: Some(Money::from_thousandths(i64::MAX / 4)),
                    ..Task::default()
                },
            );
        }
        let totals = p.budget_totals();
        assert_eq!(totals.overflow, Some(MoneyError::TotalTooLarge));
        assert_eq!(totals.grand, Money::ZERO);
        assert!(totals.by_row.is_empty());
        assert!(totals.checked().is_err());
        assert_eq!(p.try_budget_totals(), Err(MoneyError::TotalTooLarge));
    }

    #[test]
    fn delete_removes_the_block() {
        let (mut p, ids) = sample();
        assert!(p.delete(ids[1]));
        assert_eq!(
            texts(&p),
            ["Công tác chỉ đạo", "t3", "t4", "Cải cách thể chế", "t5"]
        );
        assert!(!p.delete(ids[1]));
        assert!(p.delete(ids[0]));
        assert_eq!(texts(&p), ["Cải cách thể chế", "t5"]);
        assert_eq!(p.numbers(), ["I", "1"]);
    }

    #[test]
    fn moves_swap_sibling_blocks() {
        let (mut p, ids) = sample();
        assert!(p.move_up(ids[4])); // t3 (with t4) above the group
        assert_eq!(
            texts(&p),
            [
                "Công tác chỉ đạo",
                "t3",
                "t4",
                "Kiện toàn",
                "t1",
                "t2",
                "Cải cách thể chế",
                "t5"
            ]
        );
        assert!(p.move_down(ids[4]));
        assert_eq!(texts(&p)[1..6], ["Kiện toàn", "t1", "t2", "t3", "t4"]);
        assert!(p.move_down(ids[2])); // t1 below t2
        assert_eq!(texts(&p)[2..4], ["t2", "t1"]);
        assert!(p.move_up(ids[6])); // area II above area I
        assert_eq!(texts(&p)[..2], ["Cải cách thể chế", "t5"]);
        assert_eq!(p.numbers()[..3], ["I", "1", "II"]);
        check_structure(&p.rows().iter().map(|r| Row::clone(r)).collect::<Vec<_>>()).unwrap();
    }

    #[test]
    fn moves_cross_into_the_neighbouring_parent() {
        let (mut p, ids) = sample();
        // t5 is first in area II: moving up puts it at the end of area I.
        assert!(p.move_up(ids[7]));
        assert_eq!(texts(&p)[6..], ["t5", "Cải cách thể chế"]);
        // and down again, to the start of area II.
        assert!(p.move_down(ids[7]));
        assert_eq!(texts(&p)[6..], ["Cải cách thể chế", "t5"]);
        // t4 is the last sub-task of t3, the last in area I: it cannot leave for an area.
        assert!(!p.move_down(ids[5]));
        // t1 is first in the group; the group is first in the area: it cannot go up.
        assert!(!p.move_up(ids[2]));
        // t4 first under t3: up goes to the end of the group above.
        assert!(p.move_up(ids[5]));
        assert_eq!(texts(&p)[1..6], ["Kiện toàn", "t1", "t2", "t4", "t3"]);
        assert!(!p.move_up(ids[0]));
        assert!(!p.move_down(ids[7]));
    }

    #[test]
    fn indent_and_outdent() {
        let (mut p, ids) = sample();
        assert!(!p.indent(ids[4]), "t3 has a sub-task");
        assert!(!p.indent(ids[1]), "groups do not indent");
        assert!(p.outdent(ids[2])); // t1 leaves the group, after t2
        assert_eq!(texts(&p)[1..5], ["Kiện toàn", "t2", "t1", "t3"]);
        assert_eq!(p.numbers()[1..5], ["1", "1.1", "2", "3"]);
        assert!(p.indent(ids[2])); // back under the group
        assert_eq!(p.numbers()[1..4], ["1", "1.1", "1.2"]);
        assert!(!p.outdent(ids[4]));
        assert!(
            !p.indent(ids[7]),
            "first task of an area has nothing above to go under"
        );
    }

    #[test]
    fn duplicate_copies_the_block_with_new_ids() {
        let (mut p, ids) = sample();
        let copy = p.duplicate(ids[4]).unwrap();
        assert_eq!(texts(&p)[4..8], ["t3", "t4", "t3", "t4"]);
        assert_ne!(copy, ids[4]);
        assert_eq!(p.numbers()[4..8], ["2", "2.1", "3", "3.1"]);
        let mut all: Vec<_> = p.rows().iter().map(|r| r.id).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), p.len());
    }

    #[test]
    fn edits_report_changes() {
        let (mut p, ids) = sample();
        assert!(p.update_task(ids[2], |t| t.product = "Quyết định".into()));
        assert!(!p.update_task(ids[2], |t| t.product = "Quyết định".into()));
        assert!(!p.update_task(ids[0], |t| t.product = "x".into()));
        assert!(p.set_title(ids[1], "Hội nghị"));
        assert!(!p.set_title(ids[2], "x"));
    }

    #[test]
    fn adding_without_an_area_creates_one() {
        let mut p = Plan::new("p", "Hưng Yên", 2027);
        let t = p.add_task(None);
        assert_eq!(p.numbers(), ["I", "1"]);
        let g = p.add_group(Some(t));
        let t2 = p.add_task(Some(g));
        assert_eq!(p.numbers(), ["I", "1", "2", "2.1"]);
        assert_eq!(p.parent(t2), Some(g));
    }

    #[test]
    fn serialises_and_checks_structure() {
        let (p, _) = sample();
        let json = serde_json::to_string(&p).unwrap();
        let back: Plan = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
        let bad = json.replacen("\"depth\":0", "\"depth\":2", 1);
        assert!(serde_json::from_str::<Plan>(&bad).is_err());
        let mut rows: Vec<Row> = p.rows().iter().map(|r| Row::clone(r)).collect();
        rows.remove(0);
        assert_eq!(
            check_structure(&rows),
            Err(StructureError::NoParent { id: rows[0].id })
        );
    }
}
