//! "Phụ lục III" as a sheet: the [`BudgetSummary`] (budget by area and by lead agency).
//!
//! The area table refers to the area subtotals of Phụ lục I (`='Phụ lục I'!G5`), so a
//! budget changed there flows through. Both totals are formulas with their values stored.

use rust_xlsxwriter::{column_number_to_name, quote_sheet_name, ColNum, RowNum};

use super::budget_summary::{BudgetSummary, BudgetTable, BUDGET_WIDTHS as WIDTHS};
use super::cells::{
    amount, blank, header_row, integer, merged_line, merged_text, sum_formula, text, total, Sheet,
};
use super::heading;
use super::measure::{height, row_height};
use super::page;
use super::styles::{Level, TABLE_SIZE};
use super::tasks_sheet::{TasksLayout, TOTAL_LABEL};
use super::{Export, WorkbookError, SHEET_TASKS};

const COUNT_COL: ColNum = 2;
const BUDGET_COL: ColNum = 3;

/// The "Tổng cộng" line of a table whose lines are `lines`.
fn total_line<'f>(
    sheet: &mut Sheet<'_, 'f>,
    export: &'f Export,
    row: RowNum,
    lines: &[RowNum],
    table: &BudgetTable,
) -> Result<(), WorkbookError> {
    let styles = &export.styles;
    merged_text(
        sheet,
        row,
        0,
        1,
        TOTAL_LABEL,
        styles.centred(Level::Heading),
    )?;
    sheet.set_row_height(row, height(1, TABLE_SIZE))?;
    let count = sum_formula(COUNT_COL, lines, None);
    total(
        sheet,
        row,
        COUNT_COL,
        &count,
        &table.tasks.to_string(),
        styles.integer(Level::Heading),
    )?;
    let sum = sum_formula(BUDGET_COL, lines, None);
    total(
        sheet,
        row,
        BUDGET_COL,
        &sum,
        &table.total.to_plain(),
        styles.budget(Level::Heading, table.total),
    )
}

/// Writes one table from row `r` on (its title, header, lines and total); returns the row
/// of its total.
fn write_table<'f>(
    sheet: &mut Sheet<'_, 'f>,
    export: &'f Export,
    mut r: RowNum,
    table: &BudgetTable,
    area_formula: &dyn Fn(usize) -> String,
) -> Result<RowNum, WorkbookError> {
    let styles = &export.styles;
    let item = Level::Item;
    merged_text(sheet, r, 0, 3, table.title, &styles.section)?;
    sheet.set_row_height(r, height(1, TABLE_SIZE))?;
    r += 1;
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    header_row(sheet, r, &headers, &WIDTHS, &styles.header)?;
    r += 1;
    let mut lines = Vec::new();
    for line in &table.lines {
        text(sheet, r, 0, &line.number, styles.number(item))?;
        text(sheet, r, 1, &line.name, styles.text(item))?;
        sheet.set_row_height(
            r,
            row_height([(line.name.as_str(), false, WIDTHS[1])], TABLE_SIZE),
        )?;
        integer(sheet, r, COUNT_COL, line.tasks, styles.integer(item))?;
        match (line.budget, line.row) {
            // An area: its subtotal in Phụ lục I.
            (Some(budget), Some(row)) => total(
                sheet,
                r,
                BUDGET_COL,
                &area_formula(row),
                &budget.to_plain(),
                styles.budget(item, budget),
            )?,
            (Some(budget), None) => {
                amount(sheet, r, BUDGET_COL, budget, styles.budget(item, budget))?
            }
            (None, _) => {
                blank(sheet, r, BUDGET_COL, styles.budget_blank(item))?;
            }
        }
        lines.push(r);
        r += 1;
    }
    total_line(sheet, export, r, &lines, table)?;
    Ok(r)
}

pub(crate) fn write<'f>(
    sheet: &mut Sheet<'_, 'f>,
    export: &'f Export,
    summary: &BudgetSummary,
    tasks: &TasksLayout,
    tasks_budget_col: ColNum,
) -> Result<(), WorkbookError> {
    let styles = &export.styles;
    for (col, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as ColNum, *width)?;
    }
    let r = heading::write(sheet, styles, &WIDTHS, &summary.heading)?;
    page::set_up(sheet, None)?;
    let width: f64 = WIDTHS.iter().sum();

    // 1. By area.
    let source = quote_sheet_name(SHEET_TASKS);
    let letter = column_number_to_name(tasks_budget_col);
    let area_formula = |row: usize| format!("{source}!{letter}{}", tasks.rows[row] + 1);
    let r = write_table(sheet, export, r, &summary.by_area, &area_formula)?;
    merged_line(sheet, r + 1, 3, width, &summary.words, &styles.words)?;

    // 2. By lead agency.
    let r = write_table(sheet, export, r + 3, &summary.by_lead, &area_formula)?;
    merged_line(sheet, r + 1, 3, width, summary.note, &styles.note)?;
    Ok(())
}
