//! Helpers shared by the workbook, PDF and CLI tests.
#![allow(dead_code)]

use std::io::{Cursor, Read};
use std::path::PathBuf;

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use cchc_plan::domain::file_format::read_plan;
use cchc_plan::domain::plan::Plan;

/// The path of a file under tests/fixtures.
pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The plan of seed 002's appendix (Đắk Nông 2021): 7 areas, 77 tasks, 18 budgets, 936.
pub fn seed_002_plan() -> Plan {
    let text = std::fs::read_to_string(fixture_path("seed-002-plan.json")).unwrap();
    read_plan(&text).unwrap()
}

pub type Book = Xlsx<Cursor<Vec<u8>>>;

pub fn open(xlsx: &[u8]) -> Book {
    open_workbook_from_rs(Cursor::new(xlsx.to_vec())).unwrap()
}

/// A sheet's values.
pub fn sheet(book: &mut Book, name: &str) -> Range<Data> {
    book.worksheet_range(name).unwrap()
}

/// A cell's value as text ("" when empty; numbers as Rust prints them).
pub fn cell(range: &Range<Data>, row: usize, col: usize) -> String {
    match range.get_value((row as u32, col as u32)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(other) => format!("{other:?}"),
    }
}

/// A cell's number, if it holds one.
pub fn number(range: &Range<Data>, row: usize, col: usize) -> Option<f64> {
    match range.get_value((row as u32, col as u32)) {
        Some(Data::Float(f)) => Some(*f),
        Some(Data::Int(i)) => Some(*i as f64),
        _ => None,
    }
}

/// The first row (0-based) whose cell in `col` reads `text`.
pub fn find_row(range: &Range<Data>, col: usize, text: &str) -> Option<usize> {
    (0..range.end().map_or(0, |e| e.0 as usize + 1)).find(|&r| cell(range, r, col) == text)
}

/// The text of a part of the xlsx package, e.g. "xl/worksheets/sheet1.xml".
pub fn part(xlsx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx.to_vec())).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}
