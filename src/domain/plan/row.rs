//! The rows of a plan's appendix table: what a row is (an area, a group or a task), and the
//! rules an outline of rows must follow. How rows are stored is in [`super::stored`].

use serde::{Deserialize, Serialize};

use crate::domain::money::Money;
use crate::domain::progress::Progress;

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
/// `stored::RowIn`) rather than with `#[serde(flatten)]` over an internally tagged enum, which
/// buffers every row before reading it: saving and loading a plan are about twice as fast.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "super::stored::RowIn")]
pub struct Row {
    pub id: RowId,
    /// 0 for areas, 1 for what sits in an area, 2 for what sits in a group or under a task.
    pub depth: u8,
    pub item: Item,
}

/// The content of a row: a heading (area or group) or a task.
///
/// A heading is much smaller than a task; the difference is allowed rather than boxing the
/// task: every row is its own allocation (`Arc<Row>`), so only the few headings carry the
/// unused bytes, and tasks are read far more often than headings are made.
#[allow(clippy::large_enum_variant)]
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
    /// Where the task stands during the year (empty until the drafter records something).
    pub progress: Progress,
    /// The PAR INDEX criteria the task answers, by code ("3.2.1"), in the order tagged
    /// (see [`crate::domain::par_index`]). Empty for most tasks; files leave it out then.
    pub criteria: Vec<String>,
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

/// Checks the outline rules: unique ids, areas at 0, groups at 1, tasks at 1 or 2, and
/// every row below the first inside an area, every depth-2 row under a group or task.
///
/// # Errors
/// [`StructureError`] naming the first row that breaks a rule.
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
