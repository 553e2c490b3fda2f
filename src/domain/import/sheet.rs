//! Reading spreadsheets through calamine: every sheet of an .xlsx (streamed cell by cell,
//! rows counted as they come, bold from the cell's style, merged regions as spans and
//! vertical merges) or of an .ods, as the tables of a [`SourceDocument`].

use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Ods, Reader, Xlsx, XlsxError};

use super::error::{ImportError, MAX_ROWS};
use super::source::{split_lines, SourceCell, SourceDocument, SourceTable};

/// Columns past this are not read: no plan table is that wide, and the grid of a
/// 100.000-row table must stay small.
pub const MAX_COLUMNS: u32 = 40;

/// A sheet's cells by position: (row, column, text, bold).
type Cells = Vec<(u32, u32, String, bool)>;

/// Reads every sheet of an .xlsx.
///
/// # Errors
/// [`ImportError::NotSpreadsheet`] when the package is not a workbook,
/// [`ImportError::TooManyRows`] past [`MAX_ROWS`].
pub fn read_xlsx(bytes: &[u8]) -> Result<SourceDocument, ImportError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let names = book.sheet_names();
    let mut doc = SourceDocument::default();
    let mut rows_seen = 0usize;
    for name in names {
        let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        let mut reader = book.worksheet_cells_reader(&name).map_err(xlsx_error)?;
        let mut cells: Cells = Vec::new();
        while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(xlsx_error)? {
            let (row, col) = cell.get_position();
            if row as usize >= MAX_ROWS {
                return Err(ImportError::TooManyRows);
            }
            if col >= MAX_COLUMNS {
                continue;
            }
            let text = data_ref_text(cell.get_value());
            if text.trim().is_empty() {
                continue;
            }
            let bold = reader
                .styles()
                .get(style)
                .and_then(|s| s.font.as_ref())
                .is_some_and(|f| f.is_bold());
            cells.push((row, col, text, bold));
        }
        let table = build_table(cells, &merges, Some(name));
        rows_seen += table.rows.len();
        if rows_seen > MAX_ROWS {
            return Err(ImportError::TooManyRows);
        }
        doc.tables.push(table);
    }
    Ok(doc)
}

fn xlsx_error(error: XlsxError) -> ImportError {
    match error {
        XlsxError::Zip(_) | XlsxError::Io(_) => ImportError::DamagedZip,
        _ => ImportError::NotSpreadsheet,
    }
}

/// Reads every sheet of an .ods (no merged regions: calamine does not give them).
///
/// # Errors
/// [`ImportError::NotSpreadsheet`] when the package is not a spreadsheet,
/// [`ImportError::TooManyRows`] past [`MAX_ROWS`].
pub fn read_ods(bytes: &[u8]) -> Result<SourceDocument, ImportError> {
    let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|_| ImportError::NotSpreadsheet)?;
    let mut doc = SourceDocument::default();
    let mut rows_seen = 0usize;
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|_| ImportError::NotSpreadsheet)?;
        let Some((r0, c0)) = range.start() else {
            doc.tables.push(SourceTable {
                rows: Vec::new(),
                caption: Some(name),
            });
            continue;
        };
        let mut cells: Cells = Vec::new();
        for (r, row) in range.rows().enumerate() {
            let row_at = r0 as usize + r;
            if row_at >= MAX_ROWS {
                return Err(ImportError::TooManyRows);
            }
            for (c, value) in row.iter().enumerate() {
                let col = c0 as usize + c;
                if col >= MAX_COLUMNS as usize {
                    break;
                }
                let text = data_text(value);
                if !text.trim().is_empty() {
                    cells.push((row_at as u32, col as u32, text, false));
                }
            }
        }
        let table = build_table(cells, &[], Some(name));
        rows_seen += table.rows.len();
        if rows_seen > MAX_ROWS {
            return Err(ImportError::TooManyRows);
        }
        doc.tables.push(table);
    }
    Ok(doc)
}

/// Lays cells out as rows, from the sheet's first row, with the merged regions.
fn build_table(mut cells: Cells, merges: &[Dimensions], caption: Option<String>) -> SourceTable {
    cells.sort_by_key(|c| (c.0, c.1));
    let Some(last) = cells.iter().map(|c| c.0).max() else {
        return SourceTable {
            rows: Vec::new(),
            caption,
        };
    };
    let height = last as usize + 1;
    let width = cells.iter().map(|c| c.1).max().unwrap_or(0) as usize + 1;
    // Per row: each column's cell, `None` where a merge covers it.
    let mut grid: Vec<Vec<Option<SourceCell>>> = Vec::with_capacity(height);
    let mut row_cells = cells.into_iter().peekable();
    for r in 0..height as u32 {
        let mut row: Vec<Option<SourceCell>> = Vec::new();
        while let Some((_, col, text, bold)) = row_cells.next_if(|c| c.0 == r) {
            let col = col as usize;
            if row.len() <= col {
                row.resize_with(col + 1, || Some(SourceCell::default()));
            }
            row[col] = Some(SourceCell {
                lines: split_lines(&text),
                bold,
                ..SourceCell::default()
            });
        }
        grid.push(row);
    }
    for m in merges {
        let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
        let (r1, c1) = (m.end.0 as usize, m.end.1 as usize);
        if r0 >= height || c0 >= width || r1 < r0 || c1 < c0 {
            continue;
        }
        let (r1, c1) = (r1.min(height - 1), c1.min(width - 1));
        let span = c1 - c0 + 1;
        for (r, row) in grid.iter_mut().enumerate().take(r1 + 1).skip(r0) {
            if row.len() <= c1 {
                row.resize_with(c1 + 1, || Some(SourceCell::default()));
            }
            let mut first = row[c0].take().unwrap_or_default();
            first.col_span = span;
            first.continues_above = r > r0;
            if r > r0 {
                first.lines.clear();
            }
            row[c0] = Some(first);
            for covered in &mut row[c0 + 1..=c1] {
                *covered = None;
            }
        }
    }
    SourceTable {
        rows: grid
            .into_iter()
            .map(|row| row.into_iter().flatten().collect())
            .collect(),
        caption,
    }
}

fn data_ref_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => date_text(d.as_f64()),
        DataRef::Error(e) => e.to_string(),
    }
}

fn data_text(value: &Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => date_text(d.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

/// A number as a Vietnamese reader writes it, without grouping: "936", "12,5".
fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let s = format!("{f:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

/// A spreadsheet date serial as "dd/mm/yyyy".
fn date_text(serial: f64) -> String {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return number_text(serial);
    }
    // Days from 1970-01-01: serial 25569 is that day.
    let days = serial.floor() as i64 - 25_569;
    let (y, m, d) = civil_from_days(days);
    format!("{d:02}/{m:02}/{y}")
}

/// The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates() {
        assert_eq!(number_text(936.0), "936");
        assert_eq!(number_text(12.5), "12,5");
        assert_eq!(number_text(0.1 + 0.2), "0,3");
        assert_eq!(date_text(44926.0), "31/12/2022");
    }

    #[test]
    fn merges_become_spans_and_continuations() {
        let cells = vec![
            (0, 0, "Nhóm".to_string(), true),
            (1, 0, "a".to_string(), false),
            (1, 2, "10".to_string(), false),
            (2, 0, "b".to_string(), false),
        ];
        let merges = [
            Dimensions::new((0, 0), (0, 2)),
            Dimensions::new((1, 2), (2, 2)),
        ];
        let t = build_table(cells, &merges, None);
        assert_eq!(t.rows[0].len(), 1);
        assert_eq!((t.rows[0][0].col_span, t.rows[0][0].bold), (3, true));
        assert_eq!(t.rows[2].len(), 3);
        assert!(t.rows[2][2].continues_above && t.rows[2][2].lines.is_empty());
        assert_eq!(t.rows[1][2].joined(), "10");
    }
}
