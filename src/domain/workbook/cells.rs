//! Writing cells safely: text is always text, totals are formulas with their values.
//!
//! Every piece of user text goes through [`text`], which calls `write_string`, so a task
//! whose content starts with "=", "+", "-" or "@" is never read as a formula. Totals go
//! through [`total`]: a SUM formula over the cells it adds up, with the exact value
//! computed by the domain stored as its result, so viewers that do not recalculate (and
//! calamine) still show the right number.
//!
//! The table cells are written through a [`Sheet`], which applies their formats by runs.

use std::ops::{Deref, DerefMut};

use rust_xlsxwriter::{column_number_to_name, ColNum, Format, Formula, RowNum, Worksheet};

use crate::domain::money::Money;

use super::measure;
use super::styles::TABLE_SIZE;
use super::WorkbookError;

/// Excel's limit on the length of a cell's text, in UTF-16 units.
const MAX_CELL_TEXT: usize = 32_767;
/// Excel's limit on the number of arguments of one function call.
const MAX_ARGUMENTS: usize = 255;

/// A worksheet whose table cells get their formats by runs.
///
/// rust_xlsxwriter hashes the whole [`Format`] (fonts, borders, alignment: its name
/// strings too) on every formatted write, about a seventh of the export's time. Here a
/// cell is written plain and [`Sheet::format`] notes its format; a run of cells down one
/// column with the same format gets it in one `set_range_format` call, which hashes once.
/// The formats are borrowed for the sheet's whole life (`'f`), so two distinct formats
/// never share an address and identity is a pointer comparison. Every other worksheet
/// call goes through `Deref` unchanged. Call [`Sheet::finish`] at the end.
pub(crate) struct Sheet<'s, 'f> {
    sheet: &'s mut Worksheet,
    formats: Vec<&'f Format>,
    /// For each column, its open run: (index in `formats`, first row, last row).
    runs: Vec<Option<(usize, RowNum, RowNum)>>,
}

impl<'s, 'f> Sheet<'s, 'f> {
    pub(crate) fn new(sheet: &'s mut Worksheet) -> Sheet<'s, 'f> {
        Sheet {
            sheet,
            formats: Vec::new(),
            runs: Vec::new(),
        }
    }

    /// Gives the cell at `row`, `col` (written or not) the format, extending the column's
    /// run when the cell is just below it with the same format.
    pub(crate) fn format(
        &mut self,
        row: RowNum,
        col: ColNum,
        format: &'f Format,
    ) -> Result<(), WorkbookError> {
        let slot = match self.formats.iter().position(|f| std::ptr::eq(*f, format)) {
            Some(slot) => slot,
            None => {
                self.formats.push(format);
                self.formats.len() - 1
            }
        };
        let c = usize::from(col);
        if self.runs.len() <= c {
            self.runs.resize(c + 1, None);
        }
        match self.runs[c] {
            Some((open, first, last)) if open == slot && last.checked_add(1) == Some(row) => {
                self.runs[c] = Some((open, first, row));
            }
            open => {
                if let Some(run) = open {
                    self.apply(col, run)?;
                }
                self.runs[c] = Some((slot, row, row));
            }
        }
        Ok(())
    }

    fn apply(
        &mut self,
        col: ColNum,
        (slot, first, last): (usize, RowNum, RowNum),
    ) -> Result<(), WorkbookError> {
        self.sheet
            .set_range_format(first, col, last, col, self.formats[slot])?;
        Ok(())
    }

    /// Applies the runs still open.
    pub(crate) fn finish(mut self) -> Result<(), WorkbookError> {
        for c in 0..self.runs.len() {
            if let Some(run) = self.runs[c].take() {
                self.apply(c as ColNum, run)?;
            }
        }
        Ok(())
    }
}

impl Deref for Sheet<'_, '_> {
    type Target = Worksheet;
    fn deref(&self) -> &Worksheet {
        self.sheet
    }
}

impl DerefMut for Sheet<'_, '_> {
    fn deref_mut(&mut self) -> &mut Worksheet {
        self.sheet
    }
}

/// Writes user text as a string cell (an empty text gives a formatted blank cell).
/// Text beyond Excel's limit of 32.767 characters is cut, ending with "…".
pub(crate) fn text<'f>(
    sheet: &mut Sheet<'_, 'f>,
    row: RowNum,
    col: ColNum,
    value: &str,
    format: &'f Format,
) -> Result<(), WorkbookError> {
    sheet.write_string(row, col, clip(value))?;
    sheet.format(row, col, format)
}

/// A blank cell with a format (borders).
pub(crate) fn blank<'f>(
    sheet: &mut Sheet<'_, 'f>,
    row: RowNum,
    col: ColNum,
    format: &'f Format,
) -> Result<(), WorkbookError> {
    sheet.format(row, col, format)
}

/// Merges a range of one row and writes text into it; a single cell is just written.
pub(crate) fn merged_text(
    sheet: &mut Worksheet,
    row: RowNum,
    first_col: ColNum,
    last_col: ColNum,
    value: &str,
    format: &Format,
) -> Result<(), WorkbookError> {
    if last_col > first_col {
        sheet.merge_range(row, first_col, row, last_col, &clip(value), format)?;
    } else {
        sheet.write_string_with_format(row, first_col, clip(value), format)?;
    }
    Ok(())
}

/// Writes a line of table-size text merged across columns `0..=last_col` (of total
/// `width`), and fits the row's height to it.
pub(crate) fn merged_line(
    sheet: &mut Worksheet,
    row: RowNum,
    last_col: ColNum,
    width: f64,
    value: &str,
    format: &Format,
) -> Result<(), WorkbookError> {
    merged_text(sheet, row, 0, last_col, value, format)?;
    let lines = measure::lines(value, TABLE_SIZE, false, width);
    sheet.set_row_height(row, measure::height(lines, TABLE_SIZE))?;
    Ok(())
}

/// Writes a section's heading inside a table: bold table-size text merged across the
/// columns `0..=last_col` of `(row, last_col, total width)`, the row's height fitted to it.
pub(crate) fn section_line(
    sheet: &mut Worksheet,
    (row, last_col, width): (RowNum, ColNum, f64),
    value: &str,
    format: &Format,
) -> Result<(), WorkbookError> {
    merged_text(sheet, row, 0, last_col, value, format)?;
    let height = measure::height(measure::lines(value, TABLE_SIZE, true, width), TABLE_SIZE);
    sheet.set_row_height(row, height)?;
    Ok(())
}

/// Writes a row of text cells, each in its column's format (`format_of` gets the column's
/// position), and fits the row's height to them.
pub(crate) fn text_row<'f>(
    sheet: &mut Sheet<'_, 'f>,
    row: RowNum,
    values: &[String],
    widths: &[f64],
    format_of: impl Fn(usize) -> &'f Format,
) -> Result<(), WorkbookError> {
    let mut cells = Vec::with_capacity(values.len());
    for (col, value) in values.iter().enumerate() {
        text(sheet, row, col as ColNum, value, format_of(col))?;
        cells.push((value.as_str(), false, widths[col]));
    }
    sheet.set_row_height(row, measure::row_height(cells, TABLE_SIZE))?;
    Ok(())
}

/// Writes a table's header row (bold, centred) and fits its height.
pub(crate) fn header_row<'f>(
    sheet: &mut Sheet<'_, 'f>,
    row: RowNum,
    headers: &[&str],
    widths: &[f64],
    format: &'f Format,
) -> Result<(), WorkbookError> {
    for (col, header) in headers.iter().enumerate() {
        text(sheet, row, col as ColNum, header, format)?;
    }
    let cells = headers.iter().zip(widths).map(|(h, w)| (*h, true, *w));
    sheet.set_row_height(row, measure::row_height(cells, TABLE_SIZE))?;
    Ok(())
}

/// Writes an amount as a number.
pub(crate) fn amount<'f>(
    sheet: &mut Sheet<'_, 'f>,
    row: RowNum,
    col: ColNum,
    value: Money,
    format: &'f Format,
) -> Result<(), WorkbookError> {
    sheet.write_number(row, col, value.to_f64())?;
    sheet.format(row, col, format)
}

/// Writes a count as a number.
pub(crate) fn integer<'f>(
    sheet: &mut Sheet<'_, 'f>,
    row: RowNum,
    col: ColNum,
    value: usize,
    format: &'f Format,
) -> Result<(), WorkbookError> {
    sheet.write_number(row, col, value as f64)?;
    sheet.format(row, col, format)
}

/// Writes a formula whose value the domain already knows, stored as its result.
pub(crate) fn total<'f>(
    sheet: &mut Sheet<'_, 'f>,
    row: RowNum,
    col: ColNum,
    formula: &str,
    value: &str,
    format: &'f Format,
) -> Result<(), WorkbookError> {
    let formula = Formula::new(formula).set_result(value);
    sheet.write_formula(row, col, formula)?;
    sheet.format(row, col, format)
}

/// Cuts text to Excel's cell limit on a character boundary.
fn clip(value: &str) -> String {
    if value.len() <= MAX_CELL_TEXT {
        // At most 32.767 bytes is at most 32.767 UTF-16 units.
        return value.to_string();
    }
    let mut units = 0;
    let mut out = String::new();
    for c in value.chars() {
        units += c.len_utf16();
        if units > MAX_CELL_TEXT - 1 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A SUM formula (without "=") over the cells of column `col` at the given rows, merging
/// consecutive rows into ranges, plus an optional constant (a task's own budget above its
/// sub-tasks). Past 255 arguments the SUM nests. With no rows, just the constant.
pub(crate) fn sum_formula(col: ColNum, rows: &[RowNum], plus: Option<Money>) -> String {
    let letter = column_number_to_name(col);
    let mut args: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let start = rows[i];
        let mut end = start;
        while i + 1 < rows.len() && rows[i + 1] == end + 1 {
            end += 1;
            i += 1;
        }
        args.push(if start == end {
            format!("{letter}{}", start + 1)
        } else {
            format!("{letter}{}:{letter}{}", start + 1, end + 1)
        });
        i += 1;
    }
    let mut formula = if args.is_empty() {
        String::new()
    } else {
        nested_sum(args)
    };
    if let Some(extra) = plus {
        if formula.is_empty() {
            formula = extra.to_plain();
        } else {
            formula = format!("{formula}+{}", extra.to_plain());
        }
    }
    formula
}

fn nested_sum(mut args: Vec<String>) -> String {
    while args.len() > MAX_ARGUMENTS {
        args = args
            .chunks(MAX_ARGUMENTS)
            .map(|chunk| format!("SUM({})", chunk.join(",")))
            .collect();
    }
    format!("SUM({})", args.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_merge_consecutive_rows() {
        assert_eq!(sum_formula(6, &[4, 5, 6, 9], None), "SUM(G5:G7,G10)");
        assert_eq!(sum_formula(0, &[0], None), "SUM(A1)");
        assert_eq!(
            sum_formula(6, &[4], Some(Money::parse("12,5").unwrap())),
            "SUM(G5)+12.5"
        );
        assert_eq!(sum_formula(6, &[], Some(Money::from_trieu(3))), "3");
    }

    #[test]
    fn long_sums_nest_under_the_argument_limit() {
        let rows: Vec<RowNum> = (0..600).map(|i| i * 2).collect();
        let formula = sum_formula(1, &rows, None);
        assert!(formula.starts_with("SUM(SUM(B1,B3,"), "{}", &formula[..40]);
        assert_eq!(formula.matches("SUM(").count(), 4);
        for part in formula.split("SUM(").skip(2) {
            let inner = part.split(')').next().unwrap();
            assert!(inner.split(',').count() <= MAX_ARGUMENTS);
        }
    }

    #[test]
    fn long_text_is_clipped_to_the_cell_limit() {
        let long = "ệ".repeat(40_000);
        let clipped = clip(&long);
        assert_eq!(clipped.encode_utf16().count(), MAX_CELL_TEXT);
        assert!(clipped.ends_with('…'));
        assert_eq!(clip("=SUM(A1)"), "=SUM(A1)");
    }
}
