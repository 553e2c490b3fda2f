//! Helpers shared by the workbook, PDF and CLI tests.
#![allow(dead_code)]

pub mod docx;

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

/// The TT column of seed 002's appendix, as printed.
pub const SEED_TT: &str =
    "I 1 1.1 1.2 1.3 1.4 2 2.1 2.2 2.3 2.4 3 3.1 3.2 4 4.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 \
    II 1 2 3 4 5 6 7 8 9 10 11 12 \
    III 1 1.1 1.2 1.3 2 2.1 2.2 2.3 2.4 2.5 3 3.1 3.2 3.3 3.4 3.5 4 4.1 4.2 \
    IV 1 1.1 1.2 2 2.1 2.2 3 3.1 3.2 \
    V 1 1.1 1.2 2 2.1 2.2 2.3 2.4 2.5 \
    VI 1 2 3 4 5 6 7 \
    VII 1 2 3 4 5 6 7 8 9 10 11";

/// The budget column: the 18 budgets of the seed and the subtotals above them, by area
/// and TT; every other row is empty.
pub const SEED_BUDGETS: [(&str, &str, f64); 26] = [
    ("I", "I", 811.0),
    ("I", "1", 15.0),
    ("I", "1.3", 10.0),
    ("I", "1.4", 5.0),
    ("I", "2", 95.0),
    ("I", "2.1", 10.0),
    ("I", "2.2", 5.0),
    ("I", "2.4", 80.0),
    ("I", "3", 65.0),
    ("I", "3.1", 40.0),
    ("I", "3.2", 25.0),
    ("I", "4", 636.0),
    ("I", "4.1", 90.0),
    ("I", "4.2", 120.0),
    ("I", "4.3", 240.0),
    ("I", "4.4", 60.0),
    ("I", "4.5", 36.0),
    ("I", "4.6", 30.0),
    ("I", "4.7", 40.0),
    ("I", "4.8", 20.0),
    ("II", "II", 90.0),
    ("II", "11", 55.0),
    ("II", "12", 35.0),
    ("III", "III", 35.0),
    ("III", "3", 35.0),
    ("III", "3.5", 35.0),
];

/// The headers of Phụ lục I with the default settings.
pub const PHU_LUC_I_HEADERS: [&str; 8] = [
    "TT",
    "Nội dung, nhiệm vụ",
    "Sản phẩm",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian thực hiện",
    "Kinh phí (triệu đồng)",
    "Ghi chú",
];

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
