//! "Phụ lục I": the task table, as the plan's appendix is printed.
//!
//! Areas are bold with Roman numerals, groups bold, tasks plain. The budget of an area, a
//! group or a task with sub-tasks is a SUM formula over its children's cells, with the
//! exact total stored as the formula's result; "Tổng cộng" adds up the areas, and the
//! amount in words follows.

use rust_xlsxwriter::{ColNum, RowNum};

use crate::domain::plan::{Row, RowKind};

use super::cells::{amount, blank, merged_line, merged_text, sum_formula, text, total, Sheet};
use super::heading;
use super::measure::{height, lines};
use super::settings::Column;
use super::styles::{Level, TABLE_SIZE};
pub(crate) use super::task_table::TOTAL_LABEL;
use super::task_table::{TableCell, TaskTable};
use super::{Export, WorkbookError};

/// Where the table landed, for the sheets that refer to it.
pub(crate) struct TasksLayout {
    /// The budget column, when exported.
    pub budget_col: Option<ColNum>,
    /// The sheet row of every plan row, in table order.
    pub rows: Vec<RowNum>,
}

/// The level (bold or not) of a plan row.
pub(crate) fn level(kind: RowKind) -> Level {
    match kind {
        RowKind::Area => Level::Heading,
        RowKind::Group => Level::Group,
        RowKind::Task => Level::Item,
    }
}

/// The children of every row (rows directly under it), by position.
fn children(rows: &[std::sync::Arc<Row>]) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); rows.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&top| rows[top].depth >= row.depth)
        {
            stack.pop();
        }
        if let Some(&parent) = stack.last() {
            children[parent].push(i);
        }
        stack.push(i);
    }
    children
}

pub(crate) fn write<'f>(
    sheet: &mut Sheet<'_, 'f>,
    export: &'f Export,
) -> Result<TasksLayout, WorkbookError> {
    let styles = &export.styles;
    let table = TaskTable::with(
        export.plan,
        export.settings,
        &export.numbers,
        &export.totals,
    );
    let columns = &table.columns;
    let widths: Vec<f64> = columns.iter().map(|c| c.width()).collect();
    let budget_col = table.budget_column().map(|i| i as ColNum);
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    let header_row_at = heading::table_top(sheet, styles, &widths, &table.heading, &headers)?;

    let first = header_row_at + 1;
    let rows = export.plan.rows();
    let sheet_rows: Vec<RowNum> = (0..rows.len()).map(|i| first + i as RowNum).collect();
    let children = children(rows);
    let by_row = &export.totals.by_row;
    for (i, (row, line)) in rows.iter().zip(&table.rows).enumerate() {
        let r = sheet_rows[i];
        let level = level(line.kind);
        let bold = line.bold();
        let mut tallest = 1;
        for (col, (column, cell)) in columns.iter().zip(&line.cells).enumerate() {
            let col = col as ColNum;
            match cell {
                TableCell::Text(value) => {
                    let format = match column {
                        Column::Number => styles.number(level),
                        Column::Deadline => styles.centred(level),
                        _ => styles.text(level),
                    };
                    text(sheet, r, col, value, format)?;
                    if !value.is_empty() {
                        tallest = tallest.max(lines(value, TABLE_SIZE, bold, widths[col as usize]));
                    }
                }
                TableCell::Budget(None) => {
                    blank(sheet, r, col, styles.budget_blank(level))?;
                }
                &TableCell::Budget(Some(sum)) => {
                    let parts: Vec<RowNum> = children[i]
                        .iter()
                        .filter(|&&k| by_row.contains_key(&rows[k].id))
                        .map(|&k| sheet_rows[k])
                        .collect();
                    let format = styles.budget(level, sum);
                    if parts.is_empty() {
                        amount(sheet, r, col, sum, format)?;
                    } else {
                        let own = row.task().and_then(|t| t.budget).filter(|m| !m.is_zero());
                        let formula = sum_formula(col, &parts, own);
                        total(sheet, r, col, &formula, &sum.to_plain(), format)?;
                    }
                }
            }
        }
        sheet.set_row_height(r, height(tallest, TABLE_SIZE))?;
    }

    if let (Some(bc), Some(grand)) = (budget_col, &table.total) {
        let r = first + rows.len() as RowNum;
        let last = (columns.len() - 1) as ColNum;
        let areas: Vec<RowNum> = rows
            .iter()
            .enumerate()
            .filter(|(_, row)| row.depth == 0 && by_row.contains_key(&row.id))
            .map(|(i, _)| sheet_rows[i])
            .collect();
        merged_text(
            sheet,
            r,
            0,
            bc - 1,
            grand.label,
            styles.centred(Level::Heading),
        )?;
        let formula = sum_formula(bc, &areas, None);
        total(
            sheet,
            r,
            bc,
            &formula,
            &grand.amount.to_plain(),
            styles.budget(Level::Heading, grand.amount),
        )?;
        for col in bc + 1..=last {
            blank(sheet, r, col, styles.text(Level::Heading))?;
        }
        sheet.set_row_height(r, height(1, TABLE_SIZE))?;
        merged_line(
            sheet,
            r + 1,
            last,
            widths.iter().sum(),
            &grand.words,
            &styles.words,
        )?;
    }

    Ok(TasksLayout {
        budget_col,
        rows: sheet_rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::{Item, Task};
    use std::sync::Arc;

    #[test]
    fn children_follow_depth() {
        let row = |id, depth, item| Arc::new(Row { id, depth, item });
        let area = || Item::Area { title: "a".into() };
        let task = || Item::Task(Task::default());
        let rows = vec![
            row(1, 0, area()),
            row(2, 1, Item::Group { title: "g".into() }),
            row(3, 2, task()),
            row(4, 2, task()),
            row(5, 1, task()),
            row(6, 2, task()),
            row(7, 0, area()),
            row(8, 1, task()),
        ];
        let kids = children(&rows);
        assert_eq!(kids[0], [1, 4]);
        assert_eq!(kids[1], [2, 3]);
        assert_eq!(kids[4], [5]);
        assert_eq!(kids[6], [7]);
        assert!(kids[2].is_empty());
    }
}
