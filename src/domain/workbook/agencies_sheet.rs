//! "Phụ lục II" as a sheet: the [`AgencyTable`] (tasks by lead agency), each agency's budget
//! a SUM formula over its tasks' cells.

use rust_xlsxwriter::ColNum;

use super::agency_table::{AgencyColumn, AgencyTable};
use super::cells::{amount, blank, merged_line, sum_formula, text, total, Sheet};
use super::heading;
use super::measure::row_height;
use super::styles::{Level, TABLE_SIZE};
use super::task_table::TableCell;
use super::{Export, WorkbookError};

pub(crate) fn write<'f>(
    sheet: &mut Sheet<'_, 'f>,
    export: &'f Export,
) -> Result<(), WorkbookError> {
    let styles = &export.styles;
    let table = AgencyTable::new(export.plan, export.settings, &export.numbers)?;
    let columns = &table.columns;
    let widths: Vec<f64> = columns.iter().map(|c| c.width()).collect();
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    let header_row_at = heading::table_top(sheet, styles, &widths, &table.heading, &headers)?;

    let mut r = header_row_at + 1;
    for group in &table.groups {
        let agency_row = r;
        r += 1;
        let mut budget_rows = Vec::new();
        let item = Level::Item;
        for task in &group.tasks {
            let mut cells = Vec::with_capacity(columns.len());
            for (col, (column, cell)) in columns.iter().zip(&task.cells).enumerate() {
                let width = widths[col];
                let col = col as ColNum;
                match cell {
                    TableCell::Text(value) => {
                        let format = match column {
                            AgencyColumn::Number => styles.number(item),
                            AgencyColumn::Deadline => styles.centred(item),
                            _ => styles.text(item),
                        };
                        text(sheet, r, col, value, format)?;
                        cells.push((value.as_str(), false, width));
                    }
                    &TableCell::Budget(Some(m)) => {
                        amount(sheet, r, col, m, styles.budget(item, m))?;
                        budget_rows.push(r);
                    }
                    TableCell::Budget(None) => {
                        blank(sheet, r, col, styles.budget_blank(item))?;
                    }
                }
            }
            sheet.set_row_height(r, row_height(cells, TABLE_SIZE))?;
            r += 1;
        }
        let level = Level::Heading;
        for (col, column) in columns.iter().enumerate() {
            let col = col as ColNum;
            match (column, group.budget) {
                (AgencyColumn::Number, _) => {
                    text(sheet, agency_row, col, &group.number, styles.number(level))?
                }
                (AgencyColumn::Content, _) => {
                    text(sheet, agency_row, col, &group.title, styles.text(level))?
                }
                (AgencyColumn::Budget, Some(budget)) => {
                    let formula = sum_formula(col, &budget_rows, None);
                    total(
                        sheet,
                        agency_row,
                        col,
                        &formula,
                        &budget.to_plain(),
                        styles.budget(level, budget),
                    )?
                }
                _ => {
                    blank(sheet, agency_row, col, styles.text(level))?;
                }
            }
        }
        let content_width = widths[1];
        sheet.set_row_height(
            agency_row,
            row_height([(group.title.as_str(), true, content_width)], TABLE_SIZE),
        )?;
    }
    if let Some(note) = table.note {
        let last = (columns.len() - 1) as ColNum;
        r += 1;
        merged_line(sheet, r, last, widths.iter().sum(), note, &styles.note)?;
    }
    Ok(())
}
