//! A table laid out on its grid: each row as wide as the table, a cell spanning columns
//! placed at its first column (the columns it covers left empty), and a vertically merged
//! cell's text repeated on every row it spans, as the drafter sees it.

use super::source::SourceTable;

/// One position of the grid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GridCell {
    /// The cell's lines joined by '\n' (repeated from above for a merge's continuation).
    pub text: String,
    pub bold: bool,
    /// Columns the cell covers; 0 where a cell to the left covers this one.
    pub span: usize,
    /// The grid row where the vertical merge this cell continues starts, if it does.
    pub merged_from: Option<usize>,
}

/// The table on its grid, rows padded to the widest.
pub fn grid(table: &SourceTable) -> Vec<Vec<GridCell>> {
    let width = table.width();
    let mut out: Vec<Vec<GridCell>> = Vec::with_capacity(table.rows.len());
    for (r, row) in table.rows.iter().enumerate() {
        let mut cells = vec![GridCell::default(); width];
        let mut col = 0;
        for cell in row {
            let span = cell.col_span.max(1);
            if col >= width {
                break;
            }
            let mut g = GridCell {
                text: cell.joined(),
                bold: cell.bold,
                span: span.min(width - col),
                merged_from: None,
            };
            if cell.continues_above && r > 0 {
                let above = &out[r - 1][col];
                g.text.clone_from(&above.text);
                g.bold = above.bold;
                g.merged_from = Some(above.merged_from.unwrap_or(r - 1));
            }
            cells[col] = g;
            col += span;
        }
        out.push(cells);
    }
    out
}

#[cfg(test)]
fn texts(row: &[GridCell]) -> Vec<String> {
    row.iter().map(|c| c.text.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::source::SourceCell;

    #[test]
    fn spans_and_merges() {
        let merged = SourceCell {
            continues_above: true,
            ..SourceCell::default()
        };
        let wide = SourceCell {
            col_span: 2,
            ..SourceCell::text("Nhóm")
        };
        let table = SourceTable {
            rows: vec![
                vec![wide, SourceCell::text("10")],
                vec![SourceCell::text("a"), SourceCell::text("b"), merged],
            ],
            caption: None,
        };
        let g = grid(&table);
        assert_eq!(texts(&g[0]), ["Nhóm", "", "10"]);
        assert_eq!((g[0][0].span, g[0][1].span), (2, 0));
        assert_eq!(texts(&g[1]), ["a", "b", "10"]);
        assert_eq!(g[1][2].merged_from, Some(0));
    }
}
