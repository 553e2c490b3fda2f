//! Phụ lục III in Word: the budget by area and by lead agency ([`BudgetSummary`], as the
//! Excel sheet lays it out), two tables in one landscape section, each with its header row
//! repeated and its "Tổng cộng" line; the amount in words under the first, the note under
//! the second.

use crate::domain::workbook::{BudgetSummary, BudgetTable, BUDGET_WIDTHS, TOTAL_LABEL};

use super::builder::DocxBuilder;
use super::heading;
use super::page::PageSetup;
use super::paragraph::{Align, Para, ParaStyle, Run};
use super::table::{Cell, Table, TableRow};
use super::task_table::{header_row, text_cell, widths_mm};
use super::totals::{total_row, words_line};

fn write_table(doc: &mut DocxBuilder, table: &BudgetTable, text_width: f32) {
    heading::part_title(doc, table.title);
    let mut out = Table::new(widths_mm(&BUDGET_WIDTHS, text_width), true);
    out.rows.push(header_row(&table.headers));
    for line in &table.lines {
        out.rows.push(TableRow::new(vec![
            text_cell(line.number.clone(), Align::Center, false),
            text_cell(line.name.clone(), Align::Left, false),
            text_cell(line.tasks.to_string(), Align::Center, false),
            line.budget.map_or_else(Cell::empty, |budget| {
                text_cell(budget.to_string(), Align::Right, false)
            }),
        ]));
    }
    out.rows
        .push(total_row(TOTAL_LABEL, 4, 3, Some(table.tasks), table.total));
    doc.push_table(&out);
}

/// Writes Phụ lục III and ends its section.
pub(crate) fn write(doc: &mut DocxBuilder, summary: &BudgetSummary) {
    let page = PageSetup::appendix();
    let text_width = page.text_width_mm();
    heading::write(doc, &summary.heading, text_width);
    write_table(doc, &summary.by_area, text_width);
    words_line(doc, &summary.words);
    write_table(doc, &summary.by_lead, text_width);
    doc.push_paragraph(
        Para::new(Align::Left)
            .style(ParaStyle::Table)
            .run(Run::new(summary.note).italic())
            .space_before(6.0),
    );
    doc.end_section(page);
}
