//! Reading a Word .docx: the tables of its main part (rows, cells with their paragraphs,
//! `w:gridSpan`, `w:vMerge`, bold runs; nested tables' text kept in their cell) and the
//! paragraphs outside tables, in order, as a [`SourceDocument`].

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::error::{ImportError, MAX_ROWS};
use super::source::{SourceCell, SourceDocument, SourceTable};
use super::zipped::{entry, Archive};
use crate::domain::text::fold_key;

/// WordprocessingML's main namespace (and the ISO strict one).
const W_NS: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Reads the main document part of an opened package.
///
/// # Errors
/// [`ImportError::NotWordprocessing`] when there is no `word/document.xml` or it is not a
/// `w:document`, [`ImportError::TooManyRows`] past [`MAX_ROWS`], and the package's errors.
pub fn read_docx(archive: &mut Archive<'_>) -> Result<SourceDocument, ImportError> {
    let xml = entry(archive, "word/document.xml")?.ok_or(ImportError::NotWordprocessing)?;
    parse_document(&xml)
}

/// A cell being read.
#[derive(Default)]
struct CellState {
    cell: SourceCell,
    line: String,
    /// Runs with text: all bold?
    runs: usize,
    bold_runs: usize,
}

/// Parses `word/document.xml`.
///
/// # Errors
/// As [`read_docx`].
pub fn parse_document(xml: &[u8]) -> Result<SourceDocument, ImportError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut doc = SourceDocument::default();
    let mut seen_root = false;
    // Nesting of w:tbl; only the outermost table makes rows and cells.
    let mut table_depth = 0usize;
    let mut table: Option<SourceTable> = None;
    let mut row: Option<Vec<SourceCell>> = None;
    let mut cell: Option<CellState> = None;
    let mut paragraph = String::new();
    let mut in_text = false;
    let mut run_bold = false;
    let mut in_rpr = false;
    let mut in_ppr = false;
    let mut rows_read = 0usize;
    let mut caption: Option<String> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|_| ImportError::NotWordprocessing)?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if !seen_root {
                    if name != "document" || !has_w_namespace(&e) {
                        return Err(ImportError::NotWordprocessing);
                    }
                    seen_root = true;
                    continue;
                }
                match name {
                    "tbl" if !empty => {
                        table_depth += 1;
                        if table_depth == 1 {
                            table = Some(SourceTable {
                                rows: Vec::new(),
                                caption: caption.take(),
                            });
                        }
                    }
                    "tr" if table_depth == 1 => {
                        rows_read += 1;
                        if rows_read > MAX_ROWS {
                            return Err(ImportError::TooManyRows);
                        }
                        row = Some(Vec::new());
                        if empty {
                            if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                                t.rows.push(r);
                            }
                        }
                    }
                    "tc" if table_depth == 1 => {
                        cell = Some(CellState::default());
                        if empty {
                            finish_cell(&mut row, &mut cell);
                        }
                    }
                    "gridSpan" if table_depth == 1 => {
                        if let Some(c) = cell.as_mut() {
                            let span = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1);
                            c.cell.col_span = span.clamp(1, 64);
                        }
                    }
                    "vMerge" if table_depth == 1 => {
                        if let Some(c) = cell.as_mut() {
                            c.cell.continues_above =
                                attr(&e, "val").is_none_or(|v| v == "continue");
                        }
                    }
                    "p" if empty => end_paragraph(
                        &mut paragraph,
                        &mut cell,
                        &mut doc,
                        table_depth,
                        &mut caption,
                    ),
                    "pPr" if !empty => in_ppr = true,
                    "rPr" if !empty => in_rpr = true,
                    "r" => run_bold = false,
                    "b" if in_rpr && !in_ppr => {
                        run_bold = attr(&e, "val").is_none_or(|v| v != "0" && v != "false");
                    }
                    "t" if !empty => in_text = true,
                    "tab" if !in_ppr => paragraph.push(' '),
                    "br" | "cr" => paragraph.push('\n'),
                    _ => {}
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    "t" => in_text = false,
                    "rPr" => in_rpr = false,
                    "pPr" => in_ppr = false,
                    "p" => end_paragraph(
                        &mut paragraph,
                        &mut cell,
                        &mut doc,
                        table_depth,
                        &mut caption,
                    ),
                    "tc" if table_depth == 1 => finish_cell(&mut row, &mut cell),
                    "tr" if table_depth == 1 => {
                        finish_cell(&mut row, &mut cell);
                        if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                            t.rows.push(r);
                        }
                    }
                    "tbl" => {
                        if table_depth == 1 {
                            if let Some(t) = table.take() {
                                doc.tables.push(t);
                            }
                        }
                        table_depth = table_depth.saturating_sub(1);
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let text = t.xml10_content();
                push_run(&mut paragraph, &mut cell, &text, run_bold);
            }
            Event::CData(t) if in_text => {
                let text = t.xml10_content();
                push_run(&mut paragraph, &mut cell, &text, run_bold);
            }
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push_run(
                        &mut paragraph,
                        &mut cell,
                        c.encode_utf8(&mut [0; 4]),
                        run_bold,
                    );
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !seen_root {
        return Err(ImportError::NotWordprocessing);
    }
    // A table left open by a damaged document still counts.
    if let Some(t) = table.take() {
        doc.tables.push(t);
    }
    Ok(doc)
}

fn has_w_namespace(e: &BytesStart<'_>) -> bool {
    e.attributes().flatten().any(|a| {
        a.key.as_ref().starts_with("xmlns") && W_NS.iter().any(|ns| a.value.as_ref() == *ns)
    })
}

fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == local).then(|| a.value.as_ref().to_string()))
}

fn push_run(paragraph: &mut String, cell: &mut Option<CellState>, text: &str, bold: bool) {
    paragraph.push_str(text);
    if let Some(c) = cell.as_mut() {
        if !text.trim().is_empty() {
            c.runs += 1;
            if bold {
                c.bold_runs += 1;
            }
        }
    }
}

fn end_paragraph(
    paragraph: &mut String,
    cell: &mut Option<CellState>,
    doc: &mut SourceDocument,
    table_depth: usize,
    caption: &mut Option<String>,
) {
    let text = std::mem::take(paragraph);
    if table_depth > 0 {
        if let Some(c) = cell.as_mut() {
            // A line break inside a paragraph makes lines too.
            for line in text.split('\n') {
                c.cell.lines.push(line.trim().to_string());
            }
        }
        return;
    }
    let text = text.trim().to_string();
    if text.is_empty() {
        return;
    }
    if fold_key(&text).starts_with("phu luc") {
        *caption = Some(text.clone());
    }
    doc.paragraphs.push(text);
}

fn finish_cell(row: &mut Option<Vec<SourceCell>>, cell: &mut Option<CellState>) {
    if let Some(mut c) = cell.take() {
        if !c.line.is_empty() {
            c.cell.lines.push(std::mem::take(&mut c.line));
        }
        // Drop empty lines at the ends, keep the ones between.
        while c.cell.lines.last().is_some_and(String::is_empty) {
            c.cell.lines.pop();
        }
        while c.cell.lines.first().is_some_and(String::is_empty) {
            c.cell.lines.remove(0);
        }
        c.cell.bold = c.runs > 0 && c.bold_runs == c.runs;
        row.get_or_insert_with(Vec::new).push(c.cell);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn doc(body: &str) -> String {
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>")
    }

    fn cell(text: &str) -> String {
        format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn tables_paragraphs_spans_merges_and_bold() {
        let body = format!(
            "<w:p><w:r><w:t>ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG</w:t></w:r></w:p>\
             <w:p><w:r><w:t>Phụ lục I</w:t></w:r></w:p>\
             <w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}</w:tr>\
             <w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>I. THỂ CHẾ</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>A &amp; B</w:t></w:r></w:p><w:p><w:r><w:t>dòng 2</w:t></w:r></w:p></w:tc>{}</w:tr>\
             <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tbl><w:tr>{}</w:tr></w:tbl><w:p/></w:tc></w:tr>\
             </w:tbl><w:p><w:r><w:t>Sau bảng</w:t></w:r></w:p>",
            cell("TT"),
            cell("Nội dung"),
            cell("x"),
            cell("lồng")
        );
        let d = parse_document(doc(&body).as_bytes()).unwrap();
        assert_eq!(
            d.paragraphs,
            ["ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "Phụ lục I", "Sau bảng"]
        );
        let t = &d.tables[0];
        assert_eq!(t.caption.as_deref(), Some("Phụ lục I"));
        assert_eq!(t.rows.len(), 4);
        assert_eq!((t.rows[1][0].col_span, t.rows[1][0].bold), (2, true));
        assert_eq!(t.rows[2][0].lines, ["A & B", "dòng 2"]);
        assert!(!t.rows[2][0].continues_above && t.rows[3][0].continues_above);
        assert_eq!(t.rows[3][1].joined(), "lồng");
    }

    #[test]
    fn not_wordprocessing() {
        assert_eq!(parse_document(b"<a/>"), Err(ImportError::NotWordprocessing));
        assert_eq!(
            parse_document(b"<w:document xmlns:w=\"urn:other\"/>"),
            Err(ImportError::NotWordprocessing)
        );
        assert_eq!(parse_document(b""), Err(ImportError::NotWordprocessing));
    }
}
