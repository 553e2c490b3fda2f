//! The rows a table becomes: each data row read through the column mapping, placed on a
//! level by its number (see `levels`), its budget read (see `budget`), and every cell's
//! text kept somewhere, with a warning for anything moved, merged or skipped.

use serde::{Deserialize, Serialize};

use super::budget::{looks_like_dong, read_budget, to_money, AmountProblem, BudgetCell};
use super::columns::{numbers_columns, repeats_header, Column};
use super::grid::GridCell;
use super::header::{budget_unit, BudgetUnit, Field};
use super::levels::{leading_number, number_style, Nesting, Style};
use crate::domain::agency::split_agencies;
use crate::domain::money::Money;
use crate::domain::plan::{RowKind, Task};
use crate::domain::text::fold_key;

/// One row as it will be in the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftRow {
    /// The source table's row, from 1 (as warnings name it).
    pub line: usize,
    /// The number as the source wrote it ("III", "1.1", "a", "-"), or empty.
    pub source_number: String,
    pub kind: DraftKind,
    /// 0 area, 1 in an area, 2 in a group or under a task (the plan's depths).
    pub depth: u8,
    /// The area's or group's title in `content`; a task's fields.
    pub task: Task,
}

/// What a draft row becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftKind {
    Area,
    Group,
    Task,
}

impl DraftKind {
    pub fn row_kind(self) -> RowKind {
        match self {
            DraftKind::Area => RowKind::Area,
            DraftKind::Group => RowKind::Group,
            DraftKind::Task => RowKind::Task,
        }
    }
}

/// The rows of a table from its first data row, and the warnings, and whether the budget
/// column was in đồng.
pub struct Derived {
    pub rows: Vec<DraftRow>,
    pub warnings: Vec<String>,
    pub budget_in_dong: bool,
}

/// A data row read through the mapping, before its level is known.
struct Read {
    line: usize,
    number: String,
    style: Style,
    title_only: bool,
    /// Some text cell of the row is bold.
    bold: bool,
    task: Task,
    /// The budget as shown (a subtotal on a heading row), when it is an amount.
    shown: Option<Money>,
    /// Text of the row that has no place if the row is a heading.
    extra: Vec<String>,
}

/// Reads the data rows `grid[first..]` through `columns`; `titles` are the header's (to skip
/// repeats).
pub fn derive(
    grid: &[Vec<GridCell>],
    first: usize,
    columns: &[Column],
    titles: &[String],
) -> Derived {
    let mut warnings = Vec::new();
    let field_of = |c: usize| columns.get(c).map_or(Field::Note, |col| col.field);
    let budget_col = columns.iter().find(|c| c.field == Field::Budget);
    // The budget unit: from the header, else from the amounts' size.
    let budget_in_dong = budget_col.is_some_and(|col| match budget_unit(&col.header) {
        BudgetUnit::Dong => true,
        BudgetUnit::Trieu => false,
        BudgetUnit::Unstated => {
            let amounts: Vec<_> = grid
                .iter()
                .skip(first)
                .filter_map(|r| r.get(col.index))
                .filter_map(|c| match read_budget(&c.text) {
                    BudgetCell::Amount(a) => Some(a),
                    _ => None,
                })
                .collect();
            looks_like_dong(&amounts)
        }
    });

    let mut reads: Vec<Read> = Vec::new();
    for (r, row) in grid.iter().enumerate().skip(first) {
        let line = r + 1;
        if row.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        if repeats_header(row, titles) {
            warnings.push(format!(
                "Dòng {line}: dòng tiêu đề lặp lại (bảng sang trang), bỏ qua."
            ));
            continue;
        }
        if numbers_columns(row) {
            continue;
        }
        let first_text = row
            .iter()
            .map(|c| c.text.trim())
            .find(|t| !t.is_empty())
            .unwrap_or("");
        let first_key = fold_key(first_text);
        if first_key == "tong"
            || first_key.starts_with("tong cong")
            || first_key.starts_with("bang chu")
        {
            warnings.push(format!(
                "Dòng {line}: dòng \"{}\" không nhập (tổng được tính lại từ các nhiệm vụ).",
                first_text.lines().next().unwrap_or("")
            ));
            continue;
        }
        let read = read_row(row, line, &field_of, columns, budget_in_dong, &mut warnings);
        // A row split across pages: no number, starting in lower case, after a row whose
        // content does not end its sentence.
        if let Some(prev) = reads.last_mut() {
            if read.number.is_empty()
                && read.style == Style::Plain
                && starts_lower(&read.task.content)
                && !prev.task.content.is_empty()
                && !prev
                    .task
                    .content
                    .trim_end()
                    .ends_with(['.', ';', ':', '!', '?'])
                && read.shown.is_none()
            {
                warnings.push(format!(
                    "Dòng {line}: nối vào dòng {} (dòng bị tách khi sang trang).",
                    prev.line
                ));
                join_into(&mut prev.task, &read.task);
                continue;
            }
        }
        reads.push(read);
    }
    // Whether the source says which rows are bold at all (a pasted text does not).
    let any_bold = grid.iter().skip(first).flatten().any(|c| c.bold);
    let rows = place(reads, any_bold, &mut warnings);
    Derived {
        rows,
        warnings,
        budget_in_dong,
    }
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

fn join_into(task: &mut Task, more: &Task) {
    let join = |a: &mut String, b: &str| {
        if !b.is_empty() {
            if !a.is_empty() {
                a.push('\n');
            }
            a.push_str(b);
        }
    };
    join(&mut task.content, &more.content);
    join(&mut task.product, &more.product);
    join(&mut task.deadline, &more.deadline);
    join(&mut task.note, &more.note);
    task.lead.extend(more.lead.iter().cloned());
    task.partners.extend(more.partners.iter().cloned());
}

fn read_row(
    row: &[GridCell],
    line: usize,
    field_of: &dyn Fn(usize) -> Field,
    columns: &[Column],
    in_dong: bool,
    warnings: &mut Vec<String>,
) -> Read {
    let mut task = Task::default();
    let mut number = String::new();
    let mut shown = None;
    let mut notes: Vec<String> = Vec::new();
    let mut extra = Vec::new();
    let mut filled = 0;
    let mut spanning = false;
    let mut bold = false;
    let mut other_text = None;
    let mut first_note = true;
    for (c, cell) in row.iter().enumerate() {
        let text = cell.text.trim();
        if text.is_empty() || cell.span == 0 {
            continue;
        }
        let mut field = field_of(c);
        // A title written across the TT column (a merged group row), or words typed in
        // it: text, not a number.
        if field == Field::Number
            && (cell.span > 1 || number_style(text).is_none() && text.chars().count() > 8)
        {
            field = Field::Content;
        }
        if field != Field::Number {
            filled += 1;
            spanning |= cell.span > 1;
            bold |= cell.bold;
        }
        let header = columns.get(c).map_or("", |col| col.header.as_str());
        match field {
            Field::Number => number = tt_text(text),
            Field::Content if !task.content.is_empty() => {
                task.content = format!("{}\n{text}", task.content);
            }
            Field::Content => task.content = text.to_string(),
            Field::Output => task.product = text.to_string(),
            Field::Lead => task.lead = agencies(text),
            Field::Partners => task.partners = agencies(text),
            Field::Deadline => task.deadline = text.to_string(),
            Field::Budget => {
                if let Some(from) = cell.merged_from {
                    notes.push(format!("Kinh phí chung với dòng {}", from + 1));
                    continue;
                }
                match read_budget(text) {
                    BudgetCell::Empty => {}
                    BudgetCell::Amount(a) => match to_money(a, in_dong) {
                        Ok((money, rounded)) => {
                            if rounded {
                                warnings.push(format!("Dòng {line}: kinh phí {text} đồng được làm tròn đến nghìn đồng."));
                            }
                            shown = Some(money);
                        }
                        Err(AmountProblem::TooLarge) => {
                            warnings.push(format!(
                                "Dòng {line}: kinh phí \"{text}\" quá lớn, chuyển vào Ghi chú."
                            ));
                            notes.push(format!("Kinh phí: {text}"));
                        }
                    },
                    BudgetCell::Text(t) => {
                        warnings.push(format!(
                            "Dòng {line}: kinh phí \"{t}\" không phải số, chuyển vào Ghi chú."
                        ));
                        notes.push(format!("Kinh phí: {t}"));
                    }
                }
                continue;
            }
            Field::Note if first_note && recognise_note(header) => {
                first_note = false;
                notes.insert(0, text.to_string());
            }
            Field::Note => {
                let label = if header.trim().is_empty() {
                    format!("Cột {}", c + 1)
                } else {
                    header.trim().replace('\n', " ")
                };
                notes.push(format!("{label}: {text}"));
            }
            Field::Ignore => {}
        }
        if !matches!(field, Field::Number | Field::Content | Field::Ignore) {
            other_text = Some(text.to_string());
            extra.push(format!(
                "{}: {text}",
                if header.is_empty() { "?" } else { header }
            ));
        }
    }
    task.note = notes.join("\n");
    // A title typed in another column than the content.
    if task.content.is_empty() && filled == 1 {
        if let Some(t) = other_text.take() {
            task = Task {
                content: t,
                ..Task::default()
            };
            extra.clear();
        }
    }
    let title_only = task.lead.is_empty()
        && task.partners.is_empty()
        && task.deadline.is_empty()
        && task.product.is_empty()
        && task.note.is_empty();
    // The number: the TT cell, else one written at the start of the text.
    let mut style = number_style(&number);
    if style.is_none() && !number.is_empty() {
        // Words in the TT column: keep them visibly.
        task.content = format!("{number} {}", task.content).trim().to_string();
        number.clear();
    }
    if style.is_none() {
        if let Some((n, s, rest)) = leading_number(&task.content) {
            let rest = rest.to_string();
            number = n;
            style = Some(s);
            task.content = rest;
        }
    }
    let is_title = title_only
        && (spanning
            || bold
            || filled == 1
                && task.content.chars().any(char::is_uppercase)
                && is_upper(&task.content));
    let style = style.unwrap_or(if is_title { Style::Title } else { Style::Plain });
    Read {
        line,
        number,
        style,
        title_only,
        bold,
        task,
        shown,
        extra,
    }
}

/// A TT cell's text: "1.1" typed into a spreadsheet is the number 1,1 (read as "1,1").
fn tt_text(text: &str) -> String {
    let text = text.trim_end_matches('.');
    match text.split_once(',') {
        Some((a, b))
            if !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit()) =>
        {
            format!("{a}.{b}")
        }
        _ => text.to_string(),
    }
}

fn recognise_note(header: &str) -> bool {
    super::header::recognise(header) == Some(Field::Note)
}

fn is_upper(text: &str) -> bool {
    text.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
}

/// Agencies of a cell: one a line (bullets dropped), several on a line between ";" as the
/// editor splits them.
pub fn agencies(text: &str) -> Vec<String> {
    text.lines()
        .flat_map(|line| split_agencies(line.trim().trim_start_matches(['-', '–', '+', '•'])))
        .map(|a| a.trim_end_matches([',', '.']).trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

/// A text with its original number kept in front: "5.1.1. Rà soát", "a) Rà soát", "- Rà soát".
fn numbered(number: &str, text: &str) -> String {
    if number.ends_with(')') || number.chars().all(|c| !c.is_alphanumeric()) {
        format!("{number} {text}")
    } else {
        format!("{number}. {text}")
    }
}

/// Places read rows on the plan's levels.
fn place(reads: Vec<Read>, any_bold: bool, warnings: &mut Vec<String>) -> Vec<DraftRow> {
    let mut nesting = Nesting::default();
    let depths: Vec<usize> = reads.iter().map(|r| nesting.place(r.style)).collect();
    let area_level: Option<usize> = reads
        .iter()
        .zip(&depths)
        .filter(|(r, _)| r.style == Style::Roman)
        .map(|(_, &d)| d)
        .min()
        .or_else(|| {
            // No Roman numbers: the outermost rows are areas if they are all titles.
            let top: Vec<&Read> = reads
                .iter()
                .zip(&depths)
                .filter(|(_, &d)| d == 0)
                .map(|(r, _)| r)
                .collect();
            let has_children = depths.iter().any(|&d| d > 0);
            (has_children && top.iter().all(|r| r.title_only)).then_some(0)
        });
    let mut rows: Vec<DraftRow> = Vec::with_capacity(reads.len());
    let mut parents: Vec<(usize, DraftKind)> = Vec::new(); // (depth, kind) stack of source rows
    for (i, read) in reads.iter().enumerate() {
        let depth = depths[i];
        let has_children = depths.get(i + 1).is_some_and(|&d| d > depth);
        let rel = match area_level {
            Some(a) => depth as isize - a as isize,
            None => depth as isize + 1,
        };
        while parents.last().is_some_and(|&(d, _)| d >= depth) {
            parents.pop();
        }
        let mut task = read.task.clone();
        let (kind, plan_depth) = if rel <= 0 {
            if rel < 0 && !read.number.is_empty() {
                task.content = numbered(&read.number, &task.content);
                warnings.push(format!(
                    "Dòng {}: cấp \"{}\" trên lĩnh vực, giữ thành một lĩnh vực.",
                    read.line, read.number
                ));
            }
            (DraftKind::Area, 0)
        } else if rel == 1 {
            // A title over rows is a group, unless the source prints groups bold and this
            // row is not (a task with sub-tasks and nothing else filled in); without bold
            // in the source, unless it ends a sentence as a task does (titles take no ".").
            let heading_look =
                read.bold || !any_bold && !read.task.content.trim_end().ends_with('.');
            if read.title_only && (read.style == Style::Title || has_children && heading_look) {
                (DraftKind::Group, 1)
            } else {
                (DraftKind::Task, 1)
            }
        } else if rel == 2 && parents.last().is_none_or(|&(_, k)| k != DraftKind::Area) {
            (DraftKind::Task, 2)
        } else if rel == 2 {
            (DraftKind::Task, 1)
        } else {
            if !read.number.is_empty() {
                task.content = numbered(&read.number, &task.content);
            }
            warnings.push(format!(
                "Dòng {}: cấp sâu hơn nhiệm vụ con, giữ số gốc trong nội dung và đặt làm nhiệm vụ con.",
                read.line
            ));
            (DraftKind::Task, 2)
        };
        if kind != DraftKind::Task && !read.extra.is_empty() {
            warnings.push(format!(
                "Dòng {}: dòng tiêu đề có thêm nội dung, chuyển thành nhiệm vụ: {}",
                read.line,
                read.extra.join("; ")
            ));
        }
        let kind = if kind != DraftKind::Task && !read.extra.is_empty() {
            DraftKind::Task
        } else {
            kind
        };
        let plan_depth = if kind == DraftKind::Task && plan_depth == 0 {
            1
        } else {
            plan_depth
        };
        if kind == DraftKind::Task {
            task.budget = read.shown;
        }
        parents.push((depth, kind));
        rows.push(DraftRow {
            line: read.line,
            source_number: read.number.clone(),
            kind,
            depth: plan_depth,
            task,
        });
    }
    subtotals(&mut rows, &depths, &reads, warnings);
    rows
}

/// Budgets shown on a row with rows under it are subtotals: a heading keeps none, a task
/// keeps what is left after its sub-rows (its own budget).
fn subtotals(rows: &mut [DraftRow], depths: &[usize], reads: &[Read], warnings: &mut Vec<String>) {
    for i in 0..rows.len() {
        let Some(shown) = reads[i].shown else {
            continue;
        };
        let depth = depths[i];
        let mut under = Money::ZERO;
        let mut any = false;
        for j in i + 1..rows.len() {
            if depths[j] <= depth {
                break;
            }
            if depths[j] == depth + 1 {
                if let Some(s) = reads[j].shown {
                    under = under.checked_add(s).unwrap_or(Money::MAX_INPUT);
                    any = true;
                }
            }
        }
        match rows[i].kind {
            DraftKind::Task if any => {
                if shown >= under {
                    let own = shown.thousandths() - under.thousandths();
                    rows[i].task.budget = (own > 0).then(|| Money::from_thousandths(own));
                } else {
                    rows[i].task.budget = None;
                    warnings.push(format!(
                        "Dòng {}: kinh phí {shown} nhỏ hơn tổng các dòng con ({under}), không tính.",
                        rows[i].line
                    ));
                }
            }
            DraftKind::Task => {}
            _ if any && shown != under => warnings.push(format!(
                "Dòng {}: kinh phí ghi ở dòng tiêu đề ({shown}) khác tổng các nhiệm vụ ({under}); tổng được tính lại.",
                rows[i].line
            )),
            _ if !any => warnings.push(format!(
                "Dòng {}: kinh phí {shown} ghi ở dòng tiêu đề, không có nhiệm vụ nào mang kinh phí này.",
                rows[i].line
            )),
            _ => {}
        }
    }
}
