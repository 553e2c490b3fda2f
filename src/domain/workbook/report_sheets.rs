//! "Báo cáo tiến độ" as sheets: the [`ReportLayout`] of a period, with the fonts, borders
//! and page set-up of the appendices, each sheet printed and numbered on its own:
//! - "Tổng hợp": the heading, then the counts by area and by lead agency;
//! - "Quá hạn, kỳ tới": the overdue tasks and the tasks due next period;
//! - "Chi tiết": the whole table, its header row repeated on every page.
//!
//! Counts are numbers; the share done on time is text with a decimal comma ("83,3"), as
//! the report prints it whatever the reader's regional settings.

use rust_xlsxwriter::{ColNum, RowNum};

use super::cells::{header_row, integer, merged_line, merged_text, text, Sheet};
use super::heading;
use super::measure::{height, row_height};
use super::page;
use super::report_layout::{
    CountTable, ReportLayout, TaskList, COUNT_WIDTHS, LIST_HEADERS, LIST_WIDTHS, REPORT_HEADERS,
    REPORT_WIDTHS,
};
use super::styles::{Level, Styles, HEADING_SIZE, TABLE_SIZE};
use super::WorkbookError;

/// Sets the columns' widths.
fn widths(sheet: &mut Sheet<'_, '_>, widths: &[f64]) -> Result<(), WorkbookError> {
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as ColNum, *width)?;
    }
    Ok(())
}

/// A bold section title over the table's columns; returns the next row.
fn section<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    row: RowNum,
    columns: usize,
    title: &str,
) -> Result<RowNum, WorkbookError> {
    merged_text(
        sheet,
        row,
        0,
        (columns - 1) as ColNum,
        title,
        &styles.section,
    )?;
    sheet.set_row_height(row, height(1, HEADING_SIZE))?;
    Ok(row + 1)
}

/// A row of texts (TT centred, and the `centred` columns), its height fitted.
fn text_row<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    row: RowNum,
    cells: &[String],
    widths: &[f64],
    level: Level,
    centred: &[usize],
) -> Result<(), WorkbookError> {
    for (col, value) in cells.iter().enumerate() {
        let format = if col == 0 {
            styles.number(level)
        } else if centred.contains(&col) {
            styles.centred(level)
        } else {
            styles.text(level)
        };
        text(sheet, row, col as ColNum, value, format)?;
    }
    let bold = level != Level::Item;
    let measured = cells
        .iter()
        .zip(widths)
        .map(|(v, w)| (v.as_str(), bold, *w));
    sheet.set_row_height(row, row_height(measured, TABLE_SIZE))?;
    Ok(())
}

/// One line of a count table, bold for the total.
fn count_line<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    row: RowNum,
    line: &super::report_layout::CountLine,
    level: Level,
) -> Result<(), WorkbookError> {
    text(sheet, row, 0, &line.number, styles.number(level))?;
    text(sheet, row, 1, &line.name, styles.text(level))?;
    for (i, figure) in line.figures().into_iter().enumerate() {
        integer(sheet, row, 2 + i as ColNum, figure, styles.integer(level))?;
    }
    text(sheet, row, 9, &line.percent(), styles.centred(level))?;
    let cells = [(line.name.as_str(), level != Level::Item, COUNT_WIDTHS[1])];
    sheet.set_row_height(row, row_height(cells, TABLE_SIZE))?;
    Ok(())
}

/// Writes a count table from `row` on; returns the row after it.
fn count_table<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    mut row: RowNum,
    table: &CountTable,
) -> Result<RowNum, WorkbookError> {
    row = section(sheet, styles, row, COUNT_WIDTHS.len(), &table.title)?;
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    header_row(sheet, row, &headers, &COUNT_WIDTHS, &styles.header)?;
    row += 1;
    for line in &table.lines {
        count_line(sheet, styles, row, line, Level::Item)?;
        row += 1;
    }
    count_line(sheet, styles, row, &table.total, Level::Heading)?;
    row += 1;
    if let Some(note) = table.note {
        let width = COUNT_WIDTHS.iter().sum();
        merged_line(sheet, row, 9, width, note, &styles.note)?;
        row += 1;
    }
    Ok(row)
}

/// Writes a task list from `row` on; returns the row after it.
fn task_list<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    mut row: RowNum,
    list: &TaskList,
) -> Result<RowNum, WorkbookError> {
    row = section(sheet, styles, row, LIST_WIDTHS.len(), &list.title)?;
    header_row(sheet, row, &LIST_HEADERS, &LIST_WIDTHS, &styles.header)?;
    row += 1;
    if list.rows.is_empty() {
        let last = (LIST_WIDTHS.len() - 1) as ColNum;
        merged_text(sheet, row, 0, last, list.empty, styles.text(Level::Item))?;
        sheet.set_row_height(row, height(1, TABLE_SIZE))?;
        return Ok(row + 1);
    }
    for cells in &list.rows {
        text_row(sheet, styles, row, cells, &LIST_WIDTHS, Level::Item, &[3])?;
        row += 1;
    }
    Ok(row)
}

/// "Tổng hợp": the heading and the two count tables.
pub(crate) fn write_summary<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    layout: &ReportLayout,
) -> Result<(), WorkbookError> {
    widths(sheet, &COUNT_WIDTHS)?;
    let row = heading::write(sheet, styles, &COUNT_WIDTHS, &layout.heading)?;
    page::set_up(sheet, None)?;
    let row = count_table(sheet, styles, row, &layout.by_area)?;
    count_table(sheet, styles, row + 1, &layout.by_lead)?;
    Ok(())
}

/// "Quá hạn, kỳ tới": the overdue tasks and those due next period.
pub(crate) fn write_lists<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    layout: &ReportLayout,
) -> Result<(), WorkbookError> {
    widths(sheet, &LIST_WIDTHS)?;
    page::set_up(sheet, None)?;
    let row = task_list(sheet, styles, 0, &layout.overdue)?;
    task_list(sheet, styles, row + 1, &layout.due_next)?;
    Ok(())
}

/// "Chi tiết": the whole table, areas and groups bold, the header row repeated.
pub(crate) fn write_table<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    layout: &ReportLayout,
) -> Result<(), WorkbookError> {
    widths(sheet, &REPORT_WIDTHS)?;
    let header = section(sheet, styles, 0, REPORT_WIDTHS.len(), layout.table_title)?;
    header_row(
        sheet,
        header,
        &REPORT_HEADERS,
        &REPORT_WIDTHS,
        &styles.header,
    )?;
    page::set_up(sheet, Some(header))?;
    for (row, line) in (header + 1..).zip(&layout.table) {
        let level = if line.bold {
            Level::Heading
        } else {
            Level::Item
        };
        text_row(
            sheet,
            styles,
            row,
            &line.cells,
            &REPORT_WIDTHS,
            level,
            &[3, 5],
        )?;
    }
    Ok(())
}
