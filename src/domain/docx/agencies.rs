//! Phụ lục II in Word: the tasks by lead agency ([`AgencyTable`], as the Excel sheet lays
//! it out), in its own landscape section: a bold line per agency with its budget, then its
//! tasks; the note under the table when a task has several lead agencies.

use crate::domain::workbook::{AgencyColumn, AgencyTable, TableCell};

use super::builder::DocxBuilder;
use super::paragraph::Align;
use super::table::{Cell, TableRow};
use super::task_table::{open_appendix, text_cell};
use super::totals::note_line;

fn align(column: AgencyColumn) -> Align {
    match column {
        AgencyColumn::Number | AgencyColumn::Deadline => Align::Center,
        AgencyColumn::Budget => Align::Right,
        _ => Align::Left,
    }
}

/// Writes Phụ lục II and ends its section.
pub(crate) fn write(doc: &mut DocxBuilder, table: AgencyTable) {
    let weights = table.columns.iter().map(|c| c.width());
    let (page, mut out) = open_appendix(doc, &table.heading, weights, &table.headers);
    let columns = table.columns;
    for group in table.groups {
        let agency = columns
            .iter()
            .map(|column| match column {
                AgencyColumn::Number => text_cell(group.number.clone(), Align::Center, true),
                AgencyColumn::Content => text_cell(group.title.clone(), Align::Left, true),
                AgencyColumn::Budget => group.budget.map_or_else(Cell::empty, |budget| {
                    text_cell(budget.to_string(), Align::Right, true)
                }),
                _ => Cell::empty(),
            })
            .collect();
        out.rows.push(TableRow::new(agency));
        for task in group.tasks {
            let cells = columns
                .iter()
                .zip(task.cells)
                .map(|(column, cell)| match cell {
                    TableCell::Text(text) => text_cell(text, align(*column), false),
                    TableCell::Budget(Some(amount)) => {
                        text_cell(amount.to_string(), Align::Right, false)
                    }
                    TableCell::Budget(None) => Cell::empty(),
                })
                .collect();
            out.rows.push(TableRow::new(cells));
        }
    }
    doc.push_table(&out);
    if let Some(note) = table.note {
        note_line(doc, note);
    }
    doc.end_section(page);
}
