//! The import draft: the chosen table, its column mapping and the rows it becomes, with
//! counts, warnings and the plan it makes.

use serde::{Deserialize, Serialize};

use super::columns::{default_columns, find_header, Column, HeaderAt};
use super::error::ImportError;
use super::grid::{grid, GridCell};
use super::header::{header_score, Field};
use super::heading::{read_meta, PlanMeta};
use super::rows::{derive, DraftKind, DraftRow};
use super::source::{SourceDocument, SourceTable};
use crate::domain::agency::Directory;
use crate::domain::money::Money;
use crate::domain::numbering::number_rows;
use crate::domain::plan::{Item, Plan, Row, RowId};
use crate::domain::workbook::join_agencies;

/// A table of the document, for choosing which to import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableChoice {
    pub index: usize,
    /// Its caption ("Phụ lục I ..."), else "Bảng N".
    pub title: String,
    pub rows: usize,
    /// Whether its header was recognised.
    pub recognised: bool,
}

/// A row of the preview, as it will be in the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// The TT the plan will give it.
    pub number: String,
    /// "Lĩnh vực", "Nhóm", "Nhiệm vụ", "Nhiệm vụ con".
    pub level: String,
    pub content: String,
    pub lead: String,
    pub deadline: String,
    /// In triệu đồng, Vietnamese form; empty without a budget.
    pub budget: String,
}

/// What the draft holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    pub areas: usize,
    pub groups: usize,
    pub tasks: usize,
    /// Tasks with a budget.
    pub budgets: usize,
    pub total: Money,
}

/// A table analysed for import: mapping, rows, particulars and warnings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportDraft {
    /// Which [`SourceTable`] of the document.
    pub table: usize,
    pub tables: Vec<TableChoice>,
    pub columns: Vec<Column>,
    /// The budget column is in đồng and was converted to triệu đồng.
    pub budget_in_dong: bool,
    pub meta: PlanMeta,
    /// Vietnamese, each naming its row ("Dòng 14: ...").
    pub warnings: Vec<String>,
    pub unknown_agencies: Vec<String>,
    source: SourceTable,
    header: HeaderAt,
    titles: Vec<String>,
    rows: Vec<DraftRow>,
}

/// The default title of a table: its caption, else "Bảng N".
fn table_title(table: &SourceTable, index: usize) -> String {
    table
        .caption
        .clone()
        .unwrap_or_else(|| format!("Bảng {}", index + 1))
}

impl ImportDraft {
    /// Analyses a document's table: `table` when given, else the first whose header is
    /// recognised.
    ///
    /// # Errors
    /// [`ImportError::NoTable`] when the document has no table (or `table` is past the last),
    /// [`ImportError::NoHeader`] when the table's header is not recognised.
    pub fn analyse(doc: &SourceDocument, table: Option<usize>) -> Result<ImportDraft, ImportError> {
        if doc.tables.is_empty() {
            return Err(ImportError::NoTable);
        }
        let grids: Vec<Vec<Vec<GridCell>>> = doc.tables.iter().map(grid).collect();
        let headers: Vec<_> = grids.iter().map(|g| find_header(g)).collect();
        let tables = doc
            .tables
            .iter()
            .enumerate()
            .map(|(index, t)| TableChoice {
                index,
                title: table_title(t, index),
                rows: t.rows.len(),
                recognised: headers[index].is_some(),
            })
            .collect();
        let index = match table {
            Some(i) if i < doc.tables.len() => i,
            Some(_) => return Err(ImportError::NoTable),
            None => headers
                .iter()
                .position(Option::is_some)
                .ok_or(ImportError::NoHeader)?,
        };
        let (header, titles) = headers[index].clone().ok_or(ImportError::NoHeader)?;
        let source = doc.tables[index].clone();
        // The particulars: paragraphs, the caption, and rows above the header.
        let above: Vec<String> = grids[index][..header.row]
            .iter()
            .flat_map(|r| r.iter().map(|c| c.text.clone()))
            .collect();
        let meta = read_meta(
            doc.paragraphs
                .iter()
                .chain(source.caption.iter())
                .chain(above.iter())
                .map(String::as_str),
        );
        let columns = default_columns(&titles);
        let mut draft = ImportDraft {
            table: index,
            tables,
            columns,
            budget_in_dong: false,
            meta,
            warnings: Vec::new(),
            unknown_agencies: Vec::new(),
            source,
            header,
            titles,
            rows: Vec::new(),
        };
        draft.derive();
        Ok(draft)
    }

    /// Maps a column to another field and re-derives the rows, counts and warnings.
    pub fn set_field(&mut self, column: usize, field: Field) {
        if let Some(c) = self.columns.iter_mut().find(|c| c.index == column) {
            c.field = field;
            self.derive();
        }
    }

    fn derive(&mut self) {
        let g = grid(&self.source);
        let first = self.header.row + self.header.rows;
        let derived = derive(&g, first, &self.columns, &self.titles);
        self.rows = derived.rows;
        self.budget_in_dong = derived.budget_in_dong;
        self.warnings = derived.warnings;
        if self.budget_in_dong {
            self.warnings.insert(
                0,
                "Cột kinh phí ghi bằng đồng: đã đổi sang triệu đồng.".to_string(),
            );
        }
        if !self.rows.is_empty() && self.rows[0].depth > 0 && !self.is_paste() {
            self.warnings.push(format!(
                "Bảng không có lĩnh vực (I, II, ...): các nhiệm vụ được đặt vào lĩnh vực \"{DEFAULT_AREA}\"."
            ));
        }
        self.unknown_agencies = unknown_agencies(&self.rows);
    }

    fn is_paste(&self) -> bool {
        self.tables.is_empty()
    }

    /// The rows as they will be in the plan.
    pub fn rows(&self) -> &[DraftRow] {
        &self.rows
    }

    /// The first `n` rows as the preview shows them.
    pub fn preview_rows(&self, n: usize) -> Vec<PreviewRow> {
        let numbers = number_rows(self.rows.iter().map(|r| r.depth));
        let mut parent_is_task = false;
        self.rows
            .iter()
            .zip(numbers)
            .take(n)
            .map(|(row, number)| {
                let level = match (row.kind, row.depth) {
                    (DraftKind::Area, _) => "Lĩnh vực",
                    (DraftKind::Group, _) => "Nhóm",
                    (DraftKind::Task, 2) if parent_is_task => "Nhiệm vụ con",
                    (DraftKind::Task, _) => "Nhiệm vụ",
                };
                if row.depth < 2 {
                    parent_is_task = row.kind == DraftKind::Task;
                }
                PreviewRow {
                    number,
                    level: level.to_string(),
                    content: row.task.content.clone(),
                    lead: join_agencies(&row.task.lead),
                    deadline: row.task.deadline.clone(),
                    budget: row.task.budget.map(|b| b.to_string()).unwrap_or_default(),
                }
            })
            .collect()
    }

    /// How many areas, groups, tasks and budgets, and the total.
    pub fn counts(&self) -> ImportCounts {
        let mut counts = ImportCounts::default();
        for row in &self.rows {
            match row.kind {
                DraftKind::Area => counts.areas += 1,
                DraftKind::Group => counts.groups += 1,
                DraftKind::Task => {
                    counts.tasks += 1;
                    if let Some(b) = row.task.budget {
                        counts.budgets += 1;
                        counts.total = counts.total.checked_add(b).unwrap_or(Money::ZERO);
                    }
                }
            }
        }
        counts
    }

    /// The plan rows: `(depth, item)` in order, an area first when the table has none.
    pub fn plan_items(&self) -> Vec<(u8, Item)> {
        let mut items = Vec::with_capacity(self.rows.len() + 1);
        if self.rows.first().is_some_and(|r| r.depth > 0) {
            items.push((
                0,
                Item::Area {
                    title: DEFAULT_AREA.to_string(),
                },
            ));
        }
        items.extend(self.rows.iter().map(|r| (r.depth, item_of(r))));
        items
    }

    /// A new plan with these rows: province, year, number and date from [`ImportDraft::meta`]
    /// (as the drafter edited it); without a year, [`FALLBACK_YEAR`].
    pub fn to_plan(&self, id: &str) -> Plan {
        let province = self.meta.province.clone().unwrap_or_default();
        let year = self.meta.year.unwrap_or(FALLBACK_YEAR);
        let mut plan = Plan::new(id, province, year);
        plan.document_number = self.meta.number.clone().unwrap_or_default();
        plan.document_date = self.meta.date.clone().unwrap_or_default();
        let rows: Vec<Row> = self
            .plan_items()
            .into_iter()
            .enumerate()
            .map(|(i, (depth, item))| Row {
                id: i as RowId + 1,
                depth,
                item,
            })
            .collect();
        plan.replace_rows(rows)
            .expect("draft rows follow the outline rules");
        plan
    }
}

impl Plan {
    /// Pastes a draft's rows after `anchor` (see [`Plan::insert_rows_after`]): one edit,
    /// which the editor records as one undo step. Into an empty plan, tasks come under a new
    /// area ([`DEFAULT_AREA`]). Returns the new rows' ids (none when nothing was inserted).
    pub fn insert_imported_after(
        &mut self,
        anchor: Option<RowId>,
        draft: &ImportDraft,
    ) -> Vec<RowId> {
        let mut items: Vec<(u8, Item)> = draft.rows.iter().map(|r| (r.depth, item_of(r))).collect();
        if self.is_empty() && items.first().is_some_and(|(d, _)| *d > 0) {
            items.insert(
                0,
                (
                    0,
                    Item::Area {
                        title: DEFAULT_AREA.to_string(),
                    },
                ),
            );
        }
        self.insert_rows_after(anchor, items)
    }
}

/// The year of a plan whose heading names none.
pub const FALLBACK_YEAR: i32 = 2026;

/// The area of tasks imported from a table without areas.
pub const DEFAULT_AREA: &str = "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH";

fn item_of(row: &DraftRow) -> Item {
    match row.kind {
        DraftKind::Area => Item::Area {
            title: row.task.content.clone(),
        },
        DraftKind::Group => Item::Group {
            title: row.task.content.clone(),
        },
        DraftKind::Task => Item::Task(row.task.clone()),
    }
}

/// Agencies the directory does not know, each once, in order of first use.
fn unknown_agencies(rows: &[DraftRow]) -> Vec<String> {
    let directory = Directory::builtin();
    let mut out: Vec<String> = Vec::new();
    for row in rows {
        for name in row.task.lead.iter().chain(&row.task.partners) {
            if directory.lookup(name).is_none() && !out.contains(name) {
                out.push(name.clone());
            }
        }
    }
    out
}

/// Pasted rows: a first row that reads as a header maps the columns; otherwise columns map
/// in the table's visible order (`visible_order[i]` for the i-th column, Ghi chú past it).
///
/// # Errors
/// [`ImportError::NoTable`] when there is no row to paste.
pub fn paste_rows(
    table: &SourceTable,
    visible_order: &[Field],
) -> Result<ImportDraft, ImportError> {
    if table.rows.iter().all(|r| r.iter().all(|c| c.is_blank())) {
        return Err(ImportError::NoTable);
    }
    let g = grid(table);
    let first_titles: Vec<String> = g[0].iter().map(|c| c.text.clone()).collect();
    let (fields, content) = header_score(&first_titles);
    let (header, titles, columns) = if fields >= 3 || (fields >= 2 && content) {
        let (header, titles) =
            find_header(&g[..1]).unwrap_or((HeaderAt { row: 0, rows: 1 }, first_titles));
        let columns = default_columns(&titles);
        (header, titles, columns)
    } else {
        let width = table.width();
        let columns: Vec<Column> = (0..width)
            .map(|index| {
                let field = visible_order.get(index).copied().unwrap_or(Field::Note);
                Column {
                    index,
                    header: field.label().to_string(),
                    field,
                }
            })
            .collect();
        // No header row: data starts at row 0.
        (HeaderAt { row: 0, rows: 0 }, Vec::new(), columns)
    };
    let mut draft = ImportDraft {
        table: 0,
        tables: Vec::new(),
        columns,
        budget_in_dong: false,
        meta: PlanMeta::default(),
        warnings: Vec::new(),
        unknown_agencies: Vec::new(),
        source: table.clone(),
        header,
        titles,
        rows: Vec::new(),
    };
    draft.derive();
    Ok(draft)
}
