//! "Tiến độ" in Word: the tasks by quarter ([`ProgressTable`], as the Excel sheet lays it
//! out), in its own landscape section: a bold line spanning the table per quarter, then its
//! tasks.

use crate::domain::workbook::{ProgressColumn, ProgressTable};

use super::builder::DocxBuilder;
use super::paragraph::Align;
use super::table::TableRow;
use super::task_table::{open_appendix, text_cell};

/// Writes "Tiến độ" and ends its section.
pub(crate) fn write(doc: &mut DocxBuilder, table: ProgressTable) {
    let weights = table.columns.iter().map(|c| c.width());
    let (page, mut out) = open_appendix(doc, &table.heading, weights, &table.headers);
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
