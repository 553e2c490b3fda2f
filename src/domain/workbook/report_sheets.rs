//! "Báo cáo tiến độ" as sheets: the [`ReportLayout`] of a period, with the fonts, borders
//! and page set-up of the appendices. One table a sheet, so that each prints with its
//! header row repeated on every page, each sheet numbered on its own ([`SHEETS`]):
//! - "Tổng hợp": the heading, then 1. the counts by area;
//! - "Theo cơ quan chủ trì": 2. the counts by lead agency, and the note under them;
//! - "Quá hạn": 3. the overdue tasks;
//! - "Kỳ tới": 4. the tasks due next period;
//! - "Chi tiết": 5. the whole table, areas and groups bold.
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
use super::{
    WorkbookError, SHEET_REPORT_BY_LEAD, SHEET_REPORT_DUE_NEXT, SHEET_REPORT_OVERDUE,
    SHEET_REPORT_SUMMARY, SHEET_REPORT_TABLE,
};

/// The report's sheets, in order.
pub(crate) const SHEETS: [&str; 5] = [
    SHEET_REPORT_SUMMARY,
    SHEET_REPORT_BY_LEAD,
    SHEET_REPORT_OVERDUE,
    SHEET_REPORT_DUE_NEXT,
    SHEET_REPORT_TABLE,
];

/// Sets the columns' widths.
fn set_widths(sheet: &mut Sheet<'_, '_>, widths: &[f64]) -> Result<(), WorkbookError> {
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as ColNum, *width)?;
    }
    Ok(())
}

/// A bold section title over the table's columns at `row`, then the header row under it,
/// repeated on every printed page; returns the row after the header.
fn table_top<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    row: RowNum,
    title: &str,
    headers: &[&str],
    widths: &[f64],
) -> Result<RowNum, WorkbookError> {
    let header = section(sheet, styles, row, widths.len(), title)?;
    header_row(sheet, header, headers, widths, &styles.header)?;
    page::set_up(sheet, Some(header))?;
    Ok(header + 1)
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

/// Writes a count table from `row` on, the sheet's only table.
fn count_table<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    mut row: RowNum,
    table: &CountTable,
) -> Result<(), WorkbookError> {
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    row = table_top(sheet, styles, row, &table.title, &headers, &COUNT_WIDTHS)?;
    for line in &table.lines {
        count_line(sheet, styles, row, line, Level::Item)?;
        row += 1;
    }
    count_line(sheet, styles, row, &table.total, Level::Heading)?;
    row += 1;
    if let Some(note) = table.note {
        let width = COUNT_WIDTHS.iter().sum();
        merged_line(sheet, row, 9, width, note, &styles.note)?;
    }
    Ok(())
}

/// Writes a task list, the sheet's only table.
fn task_list<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    list: &TaskList,
) -> Result<(), WorkbookError> {
    let first = table_top(sheet, styles, 0, &list.title, &LIST_HEADERS, &LIST_WIDTHS)?;
    if list.rows.is_empty() {
        let last = (LIST_WIDTHS.len() - 1) as ColNum;
        merged_text(sheet, first, 0, last, list.empty, styles.text(Level::Item))?;
        sheet.set_row_height(first, height(1, TABLE_SIZE))?;
    }
    for (row, cells) in (first..).zip(&list.rows) {
        text_row(sheet, styles, row, cells, &LIST_WIDTHS, Level::Item, &[3])?;
    }
    Ok(())
}

/// Writes the report's sheet `SHEETS[index]`.
pub(crate) fn write<'f>(
    index: usize,
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    layout: &ReportLayout,
) -> Result<(), WorkbookError> {
    match index {
        0 => {
            set_widths(sheet, &COUNT_WIDTHS)?;
            let row = heading::write(sheet, styles, &COUNT_WIDTHS, &layout.heading)?;
            count_table(sheet, styles, row, &layout.by_area)
        }
        1 => {
            set_widths(sheet, &COUNT_WIDTHS)?;
            count_table(sheet, styles, 0, &layout.by_lead)
        }
        2 | 3 => {
            set_widths(sheet, &LIST_WIDTHS)?;
            let list = if index == 2 {
                &layout.overdue
            } else {
                &layout.due_next
            };
            task_list(sheet, styles, list)
        }
        _ => write_table(sheet, styles, layout),
    }
}

/// "Chi tiết": the whole table, areas and groups bold, the header row repeated.
fn write_table<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    layout: &ReportLayout,
) -> Result<(), WorkbookError> {
    set_widths(sheet, &REPORT_WIDTHS)?;
    let first = table_top(
        sheet,
        styles,
        0,
        layout.table_title,
        &REPORT_HEADERS,
        &REPORT_WIDTHS,
    )?;
    for (row, line) in (first..).zip(&layout.table) {
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
