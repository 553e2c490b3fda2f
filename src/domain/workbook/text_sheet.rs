//! A sheet of text in sections, as "Tiến độ" and "Khắc phục Chỉ số CCHC" are: the heading
//! block and header row, then per section a bold line across the table and its rows, every
//! cell text in its column's format.

use rust_xlsxwriter::{ColNum, Format};

use super::cells::{section_line, text_row, Sheet};
use super::heading::{self, Heading};
use super::styles::{Level, Styles};
use super::WorkbookError;

/// One section: its line and its rows, one text per column.
pub(crate) struct TextSection<'a> {
    pub line: String,
    pub rows: Vec<&'a [String]>,
}

/// Writes the table: columns of `widths` headed by `headers`, the cell at column `c` in
/// `format_of(c)`.
pub(crate) fn write<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    (widths, heading, headers): (&[f64], &Heading, &[String]),
    sections: &[TextSection<'_>],
    format_of: impl Fn(usize) -> &'f Format + Copy,
) -> Result<(), WorkbookError> {
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let header_row_at = heading::table_top(sheet, styles, widths, heading, &headers)?;
    let last = (widths.len().max(1) - 1) as ColNum;
    let total: f64 = widths.iter().sum();
    let mut r = header_row_at + 1;
    for section in sections {
        let bold = styles.text(Level::Heading);
        section_line(sheet, (r, last, total), &section.line, bold)?;
        r += 1;
        for row in &section.rows {
            text_row(sheet, r, row, widths, format_of)?;
            r += 1;
        }
    }
    Ok(())
}
