//! Reads a .docx back for the tests: the package's parts (zip), and the body parsed with
//! an XML reader into sections of paragraphs and tables, with the properties the tests
//! check (page size and orientation, header rows, bold, alignment).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// A paragraph's text (runs joined, "\n" for a line break) and how it is set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Paragraph {
    pub text: String,
    /// Some run with text is bold / italic.
    pub bold: bool,
    pub italic: bool,
    /// `w:jc`, when set.
    pub align: Option<String>,
    pub style: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    pub paragraphs: Vec<Paragraph>,
    pub span: usize,
}

impl Cell {
    pub fn text(&self) -> String {
        self.paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn bold(&self) -> bool {
        self.paragraphs.iter().any(|p| p.bold)
    }

    pub fn align(&self) -> Option<&str> {
        self.paragraphs.first().and_then(|p| p.align.as_deref())
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub header: bool,
    pub cant_split: bool,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn texts(&self) -> Vec<String> {
        self.cells.iter().map(Cell::text).collect()
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Column widths in twips.
    pub grid: Vec<u32>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// A section: its blocks and its `w:sectPr` attributes, by element ("pgSz" → {"w": ..}).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Section {
    pub blocks: Vec<Block>,
    pub properties: HashMap<String, HashMap<String, String>>,
    /// `w:headerReference`s: type → relationship id.
    pub headers: HashMap<String, String>,
}

impl Section {
    pub fn property(&self, element: &str, attribute: &str) -> Option<&str> {
        self.properties
            .get(element)
            .and_then(|a| a.get(attribute))
            .map(String::as_str)
    }

    pub fn paragraphs(&self) -> Vec<&Paragraph> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p),
                Block::Table(_) => None,
            })
            .collect()
    }

    pub fn tables(&self) -> Vec<&Table> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Paragraph(_) => None,
            })
            .collect()
    }
}

pub struct Docx {
    pub parts: HashMap<String, String>,
    pub sections: Vec<Section>,
}

/// Opens a .docx: every part as text, the body parsed.
pub fn read_docx(bytes: &[u8]) -> Docx {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    let mut parts = HashMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).expect("parts are UTF-8 XML");
        parts.insert(file.name().unwrap().to_string(), text);
    }
    let sections = parse_body(&parts["word/document.xml"]);
    Docx { parts, sections }
}

fn attributes(e: &BytesStart) -> HashMap<String, String> {
    e.attributes()
        .map(|a| {
            let a = a.expect("well-formed attributes");
            let key = a.key.local_name().as_ref().to_string();
            (
                key,
                a.normalized_value(XmlVersion::Implicit1_0)
                    .expect("escaped values")
                    .to_string(),
            )
        })
        .collect()
}

fn name(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// Parses word/document.xml (panics on XML that is not well formed).
pub fn parse_body(xml: &str) -> Vec<Section> {
    let mut reader = Reader::from_str(xml);
    let mut sections = Vec::new();
    let mut current = Section::default();
    let mut stack: Vec<String> = Vec::new();
    let mut para: Option<Paragraph> = None;
    let mut tables: Vec<Table> = Vec::new();
    let mut run_bold = false;
    let mut run_italic = false;
    let mut in_sect: Option<Section> = None;
    let mut pending: Option<Section> = None;
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let (e, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = e {
            let n = name(&e);
            let attrs = attributes(&e);
            if let Some(sect) = in_sect.as_mut() {
                if n == "headerReference" {
                    sect.headers
                        .insert(attrs["type"].clone(), attrs["id"].clone());
                } else if n != "sectPr" {
                    sect.properties.insert(n.clone(), attrs);
                }
                if !empty {
                    stack.push(n);
                }
                continue;
            }
            match n.as_str() {
                "p" => {
                    para = Some(Paragraph::default());
                }
                "r" => {
                    run_bold = false;
                    run_italic = false;
                }
                "b" if stack.last().is_some_and(|s| s == "rPr") => {
                    run_bold = attrs.get("val").is_none_or(|v| v != "0" && v != "false");
                }
                "i" if stack.last().is_some_and(|s| s == "rPr") => {
                    run_italic = attrs.get("val").is_none_or(|v| v != "0" && v != "false");
                }
                "jc" if stack.last().is_some_and(|s| s == "pPr") => {
                    if let Some(p) = para.as_mut() {
                        p.align = attrs.get("val").cloned();
                    }
                }
                "pStyle" => {
                    if let Some(p) = para.as_mut() {
                        p.style = attrs.get("val").cloned();
                    }
                }
                "br" | "tab" if stack.last().is_some_and(|s| s == "r") => {
                    if let Some(p) = para.as_mut() {
                        p.text.push(if n == "br" { '\n' } else { '\t' });
                    }
                }
                "tbl" => tables.push(Table::default()),
                "gridCol" => {
                    if let Some(t) = tables.last_mut() {
                        t.grid.push(attrs["w"].parse().unwrap());
                    }
                }
                "tr" => tables.last_mut().unwrap().rows.push(Row::default()),
                "cantSplit" => last_row(&mut tables).cant_split = true,
                "tblHeader" => last_row(&mut tables).header = true,
                "tc" => last_row(&mut tables).cells.push(Cell {
                    span: 1,
                    ..Cell::default()
                }),
                "gridSpan" => {
                    let cell = last_row(&mut tables).cells.last_mut().unwrap();
                    cell.span = attrs["val"].parse().unwrap();
                }
                "sectPr" => {
                    in_sect = Some(Section::default());
                    if !empty {
                        stack.push(n);
                    }
                    continue;
                }
                _ => {}
            }
            if empty {
                if n == "p" {
                    finish_paragraph(&mut para, &mut tables, &mut current);
                }
            } else {
                stack.push(n);
            }
            continue;
        }
        match event {
            Event::Text(t) if stack.last().is_some_and(|s| s == "t") => {
                push_run_text(&mut para, &t, run_bold, run_italic);
            }
            Event::GeneralRef(r) if stack.last().is_some_and(|s| s == "t") => {
                let c = match &*r {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => r.resolve_char_ref().unwrap().expect("a known reference"),
                };
                push_run_text(&mut para, &c.to_string(), run_bold, run_italic);
            }
            Event::End(e) => {
                let n = e.local_name().as_ref().to_string();
                assert_eq!(stack.pop().as_deref(), Some(n.as_str()), "nesting");
                if in_sect.is_some() {
                    if n == "sectPr" {
                        let props = in_sect.take().unwrap();
                        if para.is_some() {
                            // A paragraph carrying a sectPr ends its section after itself.
                            pending = Some(props);
                        } else {
                            close_section(&mut sections, &mut current, props);
                        }
                    }
                    continue;
                }
                match n.as_str() {
                    "p" => {
                        finish_paragraph(&mut para, &mut tables, &mut current);
                        if let Some(props) = pending.take() {
                            close_section(&mut sections, &mut current, props);
                        }
                    }
                    "tbl" => {
                        let table = tables.pop().unwrap();
                        assert!(tables.is_empty(), "no nested tables");
                        current.blocks.push(Block::Table(table));
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(current.blocks.is_empty(), "content after the last section");
    sections
}

fn close_section(sections: &mut Vec<Section>, current: &mut Section, props: Section) {
    current.properties = props.properties;
    current.headers = props.headers;
    sections.push(std::mem::take(current));
}

fn push_run_text(para: &mut Option<Paragraph>, text: &str, bold: bool, italic: bool) {
    let p = para.as_mut().expect("text inside a paragraph");
    p.text.push_str(text);
    if !text.trim().is_empty() {
        p.bold |= bold;
        p.italic |= italic;
    }
}

/// The row being read.
fn last_row(tables: &mut [Table]) -> &mut Row {
    tables.last_mut().unwrap().rows.last_mut().unwrap()
}

fn finish_paragraph(para: &mut Option<Paragraph>, tables: &mut [Table], current: &mut Section) {
    let Some(p) = para.take() else { return };
    if tables.is_empty() {
        current.blocks.push(Block::Paragraph(p));
    } else {
        last_row(tables)
            .cells
            .last_mut()
            .unwrap()
            .paragraphs
            .push(p);
    }
}
