//! Phụ lục I in Word: the task table as the Excel appendix lays it out ([`TaskTable`]: the
//! same columns, headers, TT, texts, subtotals and total), in its own landscape section.
//! Areas and groups are bold; TT and deadlines centred; budgets right-aligned with
//! Vietnamese grouping ("1.600", "12,5"); the header row repeats on every page and no row
//! splits across pages.

use crate::domain::workbook::{Column, Heading, TableCell, TaskTable};

use super::builder::DocxBuilder;
use super::heading;
use super::page::PageSetup;
use super::paragraph::{Align, Para, Run};
use super::table::{Cell, Table, TableRow};
use super::totals::{total_row, words_line};

/// Column widths in millimetres: the Excel widths scaled to the text width, so the table
/// is one page wide.
pub(crate) fn widths_mm(weights: &[f64], text_width_mm: f32) -> Vec<f32> {
    let total: f64 = weights.iter().sum();
    weights
        .iter()
        .map(|w| (w / total) as f32 * text_width_mm)
        .collect()
}

/// The header row: bold and centred, repeated on every page.
pub(crate) fn header_row<S: AsRef<str>>(headers: &[S]) -> TableRow {
    TableRow::header(
        headers
            .iter()
            .map(|h| Cell::new(Para::cell(Run::new(h.as_ref()).bold(), Align::Center)))
            .collect(),
    )
}

/// A text cell, bold or plain.
pub(crate) fn text_cell(text: String, align: Align, bold: bool) -> Cell {
    if text.is_empty() {
        return Cell::empty();
    }
    let run = Run {
        text,
        bold,
        ..Run::default()
    };
    Cell::new(Para::cell(run, align))
}

fn align(column: Column) -> Align {
    match column {
        Column::Number | Column::Deadline => Align::Center,
        Column::Budget => Align::Right,
        _ => Align::Left,
    }
}

/// Starts an appendix: its heading block, and its table (columns of these Excel widths
/// fitted to the page, the header row repeated on every page). Returns the page setup that
/// ends its section, and the table to fill.
pub(crate) fn open_appendix<S: AsRef<str>>(
    doc: &mut DocxBuilder,
    heading: &Heading,
    weights: impl IntoIterator<Item = f64>,
    headers: &[S],
) -> (PageSetup, Table) {
    let page = PageSetup::appendix();
    let text_width = page.text_width_mm();
    heading::write(doc, heading, text_width);
    let weights: Vec<f64> = weights.into_iter().collect();
    let mut table = Table::new(widths_mm(&weights, text_width), true);
    table.rows.push(header_row(headers));
    (page, table)
}

/// Writes Phụ lục I and ends its section.
pub(crate) fn write(doc: &mut DocxBuilder, table: TaskTable) {
    let weights = table.columns.iter().map(|c| c.width());
    let (page, mut out) = open_appendix(doc, &table.heading, weights, &table.headers);
    out.rows.reserve(table.rows.len() + 1);
    let budget_column = table.budget_column();
    let columns = table.columns;
    for row in table.rows {
        let bold = row.bold();
        let cells = columns
            .iter()
            .zip(row.cells)
            .map(|(column, cell)| match cell {
                TableCell::Text(text) => text_cell(text, align(*column), bold),
                TableCell::Budget(Some(amount)) => {
                    text_cell(amount.to_string(), Align::Right, bold)
                }
                TableCell::Budget(None) => Cell::empty(),
            })
            .collect();
        out.rows.push(TableRow::new(cells));
    }
    if let (Some(at), Some(total)) = (budget_column, &table.total) {
        out.rows.push(total_row(
            total.label,
            columns.len(),
            at,
            None,
            total.amount,
        ));
    }
    doc.reserve(out.rows.len() * columns.len() * 260);
    doc.push_table(&out);
    if let Some(total) = &table.total {
        words_line(doc, &total.words);
    }
    doc.end_section(page);
}
