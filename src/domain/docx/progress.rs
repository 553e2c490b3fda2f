//! "Tiến độ" in Word: the tasks by quarter ([`ProgressTable`], as the Excel sheet lays it
//! out), in its own landscape section: a bold line spanning the table per quarter, then its
//! tasks.

use crate::domain::workbook::{ProgressColumn, ProgressTable};

use super::builder::DocxBuilder;
use super::heading;
use super::page::PageSetup;
use super::paragraph::Align;
use super::table::{Table, TableRow};
use super::task_table::{header_row, text_cell, widths_mm};

/// Writes "Tiến độ" and ends its section.
pub(crate) fn write(doc: &mut DocxBuilder, table: ProgressTable) {
    let page = PageSetup::appendix();
    let text_width = page.text_width_mm();
    heading::write(doc, &table.heading, text_width);
    let weights: Vec<f64> = table.columns.iter().map(|c| c.width()).collect();
    let mut out = Table::new(widths_mm(&weights, text_width), true);
    out.rows.push(header_row(&table.headers));
    let columns = table.columns;
    for section in table.sections {
        out.rows.push(TableRow::new(vec![text_cell(
            section.title,
            Align::Left,
            true,
        )
        .span(columns.len())]));
        for values in section.rows {
            let cells = columns
                .iter()
                .zip(values)
                .map(|(column, text)| {
                    let align = match column {
                        ProgressColumn::Number | ProgressColumn::Deadline => Align::Center,
                        _ => Align::Left,
                    };
                    text_cell(text, align, false)
                })
                .collect();
            out.rows.push(TableRow::new(cells));
        }
    }
    doc.push_table(&out);
    doc.end_section(page);
}
