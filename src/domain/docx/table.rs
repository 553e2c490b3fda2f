//! Tables: a grid of fixed column widths, thin borders (or none), header rows that Word
//! and LibreOffice repeat at the top of every page (`w:tblHeader`), and rows that do not
//! split across pages (`w:cantSplit`).
//!
//! ```
//! use cchc_plan::domain::docx::{Align, Cell, Para, Run, Table, TableRow};
//! let mut table = Table::new(vec![15.0, 120.0], true);
//! table.rows.push(TableRow::header(vec![
//!     Cell::new(Para::cell(Run::new("TT").bold(), Align::Center)),
//!     Cell::new(Para::cell(Run::new("Nội dung").bold(), Align::Center)),
//! ]));
//! assert!(table.rows[0].header && table.rows[0].cant_split);
//! ```

use std::fmt::Write;

use super::page::twips;
use super::paragraph::{self, Para};

/// Vertical alignment of a cell's content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum VAlign {
    Top,
    #[default]
    Center,
    Bottom,
}

/// One cell: its paragraphs (at least one is written), spanning `span` grid columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub paras: Vec<Para>,
    pub span: usize,
    pub v_align: VAlign,
}

impl Cell {
    pub fn new(para: Para) -> Cell {
        Cell {
            paras: vec![para],
            span: 1,
            v_align: VAlign::Center,
        }
    }

    /// A cell with no text.
    pub fn empty() -> Cell {
        Cell {
            paras: Vec::new(),
            span: 1,
            v_align: VAlign::Center,
        }
    }

    pub fn span(mut self, columns: usize) -> Cell {
        self.span = columns.max(1);
        self
    }

    pub fn v_align(mut self, v_align: VAlign) -> Cell {
        self.v_align = v_align;
        self
    }
}

/// One row.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub cells: Vec<Cell>,
    /// Repeated at the top of every page (only a table's leading rows can be).
    pub header: bool,
    /// Kept whole on one page.
    pub cant_split: bool,
}

impl TableRow {
    /// A row kept whole on one page.
    pub fn new(cells: Vec<Cell>) -> TableRow {
        TableRow {
            cells,
            header: false,
            cant_split: true,
        }
    }

    /// A header row: repeated on every page, kept whole.
    pub fn header(cells: Vec<Cell>) -> TableRow {
        TableRow {
            header: true,
            ..TableRow::new(cells)
        }
    }
}

/// A table of fixed column widths (millimetres), centred between the margins.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub widths_mm: Vec<f32>,
    /// Thin borders around and between every cell; `false` for a layout table.
    pub borders: bool,
    pub rows: Vec<TableRow>,
}

impl Table {
    pub fn new(widths_mm: Vec<f32>, borders: bool) -> Table {
        Table {
            widths_mm,
            borders,
            rows: Vec::new(),
        }
    }
}

/// Writes `<w:tbl>`.
pub(crate) fn write(out: &mut String, table: &Table) {
    let widths: Vec<i32> = table.widths_mm.iter().map(|w| twips(*w)).collect();
    let total: i32 = widths.iter().sum();
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
    );
    let border = if table.borders { "single" } else { "nil" };
    out.push_str("<w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        if table.borders {
            let _ = write!(
                out,
                "<w:{side} w:val=\"{border}\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            );
        } else {
            let _ = write!(out, "<w:{side} w:val=\"{border}\"/>");
        }
    }
    out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/>");
    out.push_str(
        "<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/>\
         </w:tblCellMar><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>",
    );
    for width in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{width}\"/>");
    }
    out.push_str("</w:tblGrid>");
    for row in &table.rows {
        write_row(out, row, &widths);
    }
    out.push_str("</w:tbl>");
}

fn write_row(out: &mut String, row: &TableRow, widths: &[i32]) {
    out.push_str("<w:tr>");
    if row.cant_split || row.header {
        out.push_str("<w:trPr>");
        if row.cant_split {
            out.push_str("<w:cantSplit/>");
        }
        if row.header {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
    }
    let mut col = 0;
    for cell in &row.cells {
        let end = (col + cell.span).min(widths.len());
        let width: i32 = widths[col.min(end)..end].iter().sum();
        let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
        if cell.span > 1 {
            let _ = write!(out, "<w:gridSpan w:val=\"{}\"/>", cell.span);
        }
        match cell.v_align {
            VAlign::Top => {}
            VAlign::Center => out.push_str("<w:vAlign w:val=\"center\"/>"),
            VAlign::Bottom => out.push_str("<w:vAlign w:val=\"bottom\"/>"),
        }
        out.push_str("</w:tcPr>");
        if cell.paras.is_empty() {
            out.push_str("<w:p><w:pPr><w:pStyle w:val=\"Bang\"/></w:pPr></w:p>");
        }
        for para in &cell.paras {
            paragraph::write(out, para);
        }
        out.push_str("</w:tc>");
        col = end;
    }
    out.push_str("</w:tr>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::docx::{Align, Run};

    #[test]
    fn header_rows_repeat_and_rows_do_not_split() {
        let mut table = Table::new(vec![10.0, 20.0, 30.0], true);
        table.rows.push(TableRow::header(vec![
            Cell::new(Para::cell(Run::new("TT"), Align::Center)),
            Cell::new(Para::cell(Run::new("Nội dung"), Align::Center)).span(2),
        ]));
        table.rows.push(TableRow::new(vec![Cell::empty(); 3]));
        let mut out = String::new();
        write(&mut out, &table);
        assert!(
            out.contains("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"),
            "{out}"
        );
        assert_eq!(out.matches("<w:tblHeader/>").count(), 1);
        assert_eq!(out.matches("<w:cantSplit/>").count(), 2);
        assert!(out.contains("<w:tcW w:w=\"2835\" w:type=\"dxa\"/><w:gridSpan w:val=\"2\"/>"));
        assert!(out.contains("<w:gridCol w:w=\"567\"/><w:gridCol w:w=\"1134\"/>"));
        assert_eq!(
            out.matches("<w:p>").count(),
            5,
            "every cell has a paragraph"
        );
    }
}
