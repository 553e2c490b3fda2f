//! Rows from the clipboard: tab-separated text as Excel and LibreOffice Calc put it, and the
//! `text/html` table Word, Excel and browsers put beside it. A small tolerant reader, so the
//! app's wasm links no HTML crate.

use super::source::{split_lines, SourceCell, SourceTable};

/// Tab-separated rows; a quoted cell ("...") may hold tabs, line breaks and doubled quotes,
/// as Excel writes a cell with several lines.
pub fn from_tsv(text: &str) -> SourceTable {
    let mut rows = Vec::new();
    let mut row: Vec<SourceCell> = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                // A quoted cell, up to the closing quote.
                while let Some(q) = chars.next() {
                    if q == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            break;
                        }
                    } else {
                        cell.push(q);
                    }
                }
                at_cell_start = false;
            }
            '\t' => {
                row.push(SourceCell::text(&cell));
                cell.clear();
                at_cell_start = true;
            }
            '\r' => {}
            '\n' => {
                row.push(SourceCell::text(&cell));
                cell.clear();
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            _ => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(SourceCell::text(&cell));
        rows.push(row);
    }
    SourceTable {
        rows,
        caption: None,
    }
}

/// The first `<table>` of an HTML fragment, with `colspan`, `rowspan` (as
/// [`SourceCell::continues_above`] cells), line breaks (`<br>`, `<p>`, `<li>`) and bold
/// (`<b>`, `<strong>`, `font-weight: bold`/`700`); `None` when there is no table.
pub fn from_html(html: &str) -> Option<SourceTable> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<table")?;
    let mut rows: Vec<Vec<SourceCell>> = Vec::new();
    // Vertical merges still open: (grid column, rows left, span).
    let mut pending: Vec<(usize, usize, usize)> = Vec::new();
    let mut cell: Option<(SourceCell, String, usize)> = None;
    let mut row: Option<Vec<SourceCell>> = None;
    let mut grid_col = 0;
    let mut bold_depth = 0usize;
    let mut depth = 0usize;
    let mut pos = start;
    let bytes = html.as_bytes();
    while pos < html.len() {
        if bytes[pos] == b'<' {
            let Some(end) = lower[pos..].find('>').map(|e| pos + e) else {
                break;
            };
            let tag = &lower[pos + 1..end];
            let raw_tag = &html[pos + 1..end];
            pos = end + 1;
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            match (name.as_str(), closing) {
                ("table", false) => depth += 1,
                ("table", true) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                ("tr", false) if depth == 1 => {
                    finish_row(&mut rows, &mut row, &mut cell, &mut pending);
                    row = Some(Vec::new());
                    grid_col = 0;
                }
                ("tr", true) if depth == 1 => {
                    finish_row(&mut rows, &mut row, &mut cell, &mut pending)
                }
                ("td" | "th", false) if depth == 1 => {
                    let current = row.get_or_insert_with(Vec::new);
                    if let Some((c, text, _)) = cell.take() {
                        current.push(finish_cell(c, &text));
                    }
                    // Cells continuing a vertical merge from above come first.
                    fill_pending(current, &mut pending, &mut grid_col);
                    let span = attribute(raw_tag, "colspan").unwrap_or(1).clamp(1, 1000);
                    let row_span = attribute(raw_tag, "rowspan").unwrap_or(1).clamp(1, 100_000);
                    if row_span > 1 {
                        pending.push((grid_col, row_span - 1, span));
                    }
                    let bold = name == "th" || is_bold_style(tag);
                    let c = SourceCell {
                        bold,
                        col_span: span,
                        ..SourceCell::default()
                    };
                    grid_col += span;
                    cell = Some((c, String::new(), bold_depth));
                }
                ("td" | "th", true) if depth == 1 => {
                    if let (Some((c, text, _)), Some(current)) = (cell.take(), row.as_mut()) {
                        current.push(finish_cell(c, &text));
                    }
                }
                ("b" | "strong", false) => {
                    bold_depth += 1;
                    mark_bold(&mut cell);
                }
                ("b" | "strong", true) => bold_depth = bold_depth.saturating_sub(1),
                ("span" | "p" | "font", false) if is_bold_style(tag) => mark_bold(&mut cell),
                ("br", _) | ("p" | "div" | "li", true) => {
                    if let Some((_, text, _)) = cell.as_mut() {
                        text.push('\n');
                    }
                }
                _ => {}
            }
        } else {
            let next = lower[pos..].find('<').map_or(html.len(), |n| pos + n);
            if let Some((_, text, _)) = cell.as_mut() {
                text.push_str(&html[pos..next]);
            }
            pos = next;
        }
    }
    finish_row(&mut rows, &mut row, &mut cell, &mut pending);
    Some(SourceTable {
        rows,
        caption: None,
    })
}

fn mark_bold(cell: &mut Option<(SourceCell, String, usize)>) {
    if let Some((c, text, _)) = cell.as_mut() {
        // Bold when the bold run starts the cell's text (a bold title).
        if text.trim().is_empty() {
            c.bold = true;
        }
    }
}

fn fill_pending(row: &mut Vec<SourceCell>, pending: &mut [(usize, usize, usize)], col: &mut usize) {
    while let Some(p) = pending.iter_mut().find(|p| p.0 == *col && p.1 > 0) {
        p.1 -= 1;
        row.push(SourceCell {
            col_span: p.2,
            continues_above: true,
            ..SourceCell::default()
        });
        *col += p.2;
    }
}

fn finish_row(
    rows: &mut Vec<Vec<SourceCell>>,
    row: &mut Option<Vec<SourceCell>>,
    cell: &mut Option<(SourceCell, String, usize)>,
    pending: &mut Vec<(usize, usize, usize)>,
) {
    let Some(mut current) = row.take() else {
        return;
    };
    if let Some((c, text, _)) = cell.take() {
        current.push(finish_cell(c, &text));
    }
    // Merges still open at the end of the row.
    let mut col: usize = current.iter().map(|c| c.col_span).sum();
    let width = pending.iter().map(|p| p.0 + p.2).max().unwrap_or(0);
    while col < width {
        let before = col;
        fill_pending(&mut current, pending, &mut col);
        if col == before {
            break;
        }
    }
    pending.retain(|p| p.1 > 0);
    rows.push(current);
}

fn finish_cell(mut cell: SourceCell, text: &str) -> SourceCell {
    let decoded = decode_entities(text);
    let collapsed: Vec<String> = split_lines(&decoded)
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    cell.lines = collapsed;
    cell
}

fn is_bold_style(tag: &str) -> bool {
    let squeezed: String = tag.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed.contains("font-weight:bold")
        || squeezed.contains("font-weight:700")
        || squeezed.contains("font-weight:800")
        || squeezed.contains("font-weight:900")
}

/// A numeric attribute: `colspan="2"`, `colspan=2`.
fn attribute(tag: &str, name: &str) -> Option<usize> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let digits: String = lower[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(char::is_ascii_digit)
        .take(7)
        .collect();
    digits.parse().ok()
}

/// Decodes the entities a clipboard table uses.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.replace('\u{a0}', " ");
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace('\u{a0}', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(table: &SourceTable) -> Vec<Vec<String>> {
        table
            .rows
            .iter()
            .map(|r| r.iter().map(SourceCell::joined).collect())
            .collect()
    }

    #[test]
    fn tsv_as_excel_copies_it() {
        let table = from_tsv(
            "1\tRà soát\t\"Sở Nội vụ\nSở Tư pháp\"\t10\r\n2\tTập huấn \"\"CCHC\"\"\t\t\r\n",
        );
        assert_eq!(
            texts(&table),
            [
                vec!["1", "Rà soát", "Sở Nội vụ\nSở Tư pháp", "10"],
                vec!["2", "Tập huấn \"\"CCHC\"\"", "", ""],
            ]
        );
    }

    #[test]
    fn html_table_with_spans_and_bold() {
        let html = r#"<html><body><p>x</p><table><tr><th>TT</th><th>Nội dung</th><th>Kinh phí</th></tr>
            <tr><td colspan="3"><b>I. CẢI CÁCH THỂ CHẾ</b></td></tr>
            <tr><td>1</td><td>Rà soát<br>văn bản &amp; quy định</td><td rowspan=2>10</td></tr>
            <tr><td>2</td><td><p>Tập huấn</p><p>- lớp 1</p></td></tr></table><table><tr><td>z</td></tr></table>"#;
        let table = from_html(html).unwrap();
        assert_eq!(
            texts(&table),
            [
                vec!["TT", "Nội dung", "Kinh phí"],
                vec!["I. CẢI CÁCH THỂ CHẾ"],
                vec!["1", "Rà soát\nvăn bản & quy định", "10"],
                vec!["2", "Tập huấn\n- lớp 1", ""],
            ]
        );
        assert!(table.rows[1][0].bold && table.rows[1][0].col_span == 3);
        assert!(!table.rows[2][1].bold);
        assert!(table.rows[3][2].continues_above);
        assert_eq!(from_html("<p>no table</p>"), None);
    }
}
