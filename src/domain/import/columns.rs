//! Finding the header of a table (one row, or two: a merged "Cơ quan thực hiện" above
//! "Chủ trì | Phối hợp") and the field of each column.

use serde::{Deserialize, Serialize};

use super::grid::GridCell;
use super::header::{header_score, recognise, Field};
use crate::domain::text::fold_key;

/// How far down a table the header is looked for.
const HEADER_SCAN: usize = 40;

/// One column of the source table and the field it goes to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// Grid column, from 0.
    pub index: usize,
    /// Its header as written ("Chủ trì", or "Cơ quan thực hiện" over several columns).
    pub header: String,
    pub field: Field,
}

/// Where the header is: its first row and how many rows it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderAt {
    pub row: usize,
    pub rows: usize,
}

/// The header of a grid: the first row naming the content and another field, or three
/// fields; `None` when no row within the first rows does.
pub fn find_header(grid: &[Vec<GridCell>]) -> Option<(HeaderAt, Vec<String>)> {
    for (r, row) in grid.iter().enumerate().take(HEADER_SCAN) {
        let titles: Vec<String> = row.iter().map(|c| c.text.clone()).collect();
        let (fields, content) = header_score(&titles);
        if !(fields >= 3 || (fields >= 2 && content)) {
            continue;
        }
        let mut titles = spread(row);
        let mut rows = 1;
        if let Some(next) = grid.get(r + 1) {
            if is_sub_header(row, next) {
                rows = 2;
                for (c, cell) in next.iter().enumerate() {
                    let sub = cell.text.trim();
                    if !sub.is_empty() && cell.merged_from.is_none() {
                        titles[c] = sub.to_string();
                    }
                }
            }
        }
        return Some((HeaderAt { row: r, rows }, titles));
    }
    None
}

/// Each column's title, a spanning title given to every column it covers.
fn spread(row: &[GridCell]) -> Vec<String> {
    let mut out = Vec::with_capacity(row.len());
    let mut current = String::new();
    for cell in row {
        if cell.span > 0 {
            current.clone_from(&cell.text);
        }
        out.push(current.clone());
    }
    out
}

/// Whether `next` is the second row of a two-row header: some cell under a spanning
/// title, or a recognised title, with no row number in it.
fn is_sub_header(header: &[GridCell], next: &[GridCell]) -> bool {
    let spans = header.iter().any(|c| c.span > 1);
    let recognised = next
        .iter()
        .filter(|c| c.merged_from.is_none() && c.text.chars().count() <= 60)
        .filter_map(|c| recognise(&c.text))
        .count();
    let numbered = next
        .iter()
        .any(|c| super::levels::number_style(&c.text).is_some());
    !numbered && recognised >= 1 && (spans || recognised >= 2)
}

/// The field each column goes to: the first column naming a field takes it; a later one,
/// and any column naming none, goes to Ghi chú (with its header name).
pub fn default_columns(titles: &[String]) -> Vec<Column> {
    let mut taken: Vec<Field> = Vec::new();
    titles
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let field = match recognise(header) {
                Some(f) if f != Field::Note && taken.contains(&f) => Field::Note,
                Some(f) => f,
                None => Field::Note,
            };
            taken.push(field);
            Column {
                index,
                header: header.clone(),
                field,
            }
        })
        .collect()
}

/// Whether a row repeats the header (a table crossing a page).
pub fn repeats_header(row: &[GridCell], titles: &[String]) -> bool {
    let mut same = 0;
    let mut filled = 0;
    for (cell, title) in row.iter().zip(titles) {
        if cell.text.trim().is_empty() {
            continue;
        }
        filled += 1;
        if fold_key(&cell.text) == fold_key(title)
            || recognise(&cell.text).is_some() && cell.text.chars().count() <= 40
        {
            same += 1;
        }
    }
    filled >= 2 && same * 2 > filled
}

/// Whether a row numbers the columns ("(1) (2) (3)" or "1 2 3") under the header.
pub fn numbers_columns(row: &[GridCell]) -> bool {
    let mut expected = 1;
    let mut count = 0;
    for cell in row {
        let t = cell
            .text
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')');
        if t.is_empty() {
            continue;
        }
        match t.parse::<usize>() {
            Ok(n) if n >= expected => {
                expected = n + 1;
                count += 1;
            }
            _ => return false,
        }
    }
    count >= 3
}
