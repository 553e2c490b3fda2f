//! Fuzzing the import's readers: mutated .docx and .xlsx files (bytes of the whole file, and
//! bytes of the XML inside, re-zipped) go through `read_file`, the analysis and the plan it
//! makes; none may panic. Every failure must be one of the import's own errors.
//!
//! By default each of the four properties runs 128 cases (the suite stays fast). The full
//! run of 100.000 cases is opt-in (README, "Tests"):
//!
//! ```text
//! IMPORT_FUZZ_CASES=25000 cargo test --release --test import_fuzz
//! ```
//!
//! (4 properties × 25.000 = 100.000 mutated files.)

use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use cchc_plan::domain::import::{read_file, ImportDraft};
use proptest::prelude::*;
use proptest::test_runner::Config;

fn cases() -> u32 {
    std::env::var("IMPORT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(128)
}

fn config() -> Config {
    Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    }
}

/// A fixture's bytes and its entries (name, bytes).
struct Fixture {
    name: &'static str,
    bytes: Vec<u8>,
    entries: Vec<(String, Vec<u8>)>,
}

fn load(name: &'static str) -> Fixture {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
    let entries = (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().unwrap().to_string(), data)
        })
        .collect();
    Fixture {
        name,
        bytes,
        entries,
    }
}

fn docx() -> &'static [Fixture] {
    static F: OnceLock<Vec<Fixture>> = OnceLock::new();
    F.get_or_init(|| {
        [
            "merges.docx",
            "four-levels.docx",
            "two-row-header.docx",
            "seed-002.docx",
        ]
        .into_iter()
        .map(load)
        .collect()
    })
}

fn xlsx() -> &'static [Fixture] {
    static F: OnceLock<Vec<Fixture>> = OnceLock::new();
    F.get_or_init(|| {
        ["merges.xlsx", "seed-000.xlsx"]
            .into_iter()
            .map(load)
            .collect()
    })
}

/// Snippets that stress the readers where they count: spans, merges, numbers, bold, text.
const SNIPPETS: &[&[u8]] = &[
    b"<w:gridSpan w:val=\"99999\"/>",
    b"<w:gridSpan w:val=\"0\"/>",
    b"<w:vMerge/>",
    b"<w:vMerge w:val=\"restart\"/>",
    b"</w:tc>",
    b"<w:tc>",
    b"</w:tr><w:tr>",
    b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    b"<w:b/>",
    b"&amp;#0;",
    b"&#xFFFF;",
    b"<mergeCell ref=\"A1:XFD1048576\"/>",
    b"<mergeCell ref=\"B2:A1\"/>",
    b"<c r=\"XFD1048576\"><v>1</v></c>",
    b"<c r=\"A99999\" t=\"s\"><v>99999</v></c>",
    b"<v>1e308</v>",
    b"<v>-1</v>",
    b"I.1.1.1.1.1",
    b"1.600.000.000.000.000.000",
    b"T\xE1\xBB\x95ng c\xE1\xBB\x99ng",
    b"\xFF\xFE",
];

/// One mutation of a byte string.
#[derive(Clone, Debug)]
enum Mutation {
    Set(usize, u8),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Insert(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Set(p, b)),
        2 => (any::<usize>(), 1usize..200).prop_map(|(p, n)| Mutation::Delete(p, n)),
        2 => (any::<usize>(), 1usize..400).prop_map(|(p, n)| Mutation::Duplicate(p, n)),
        3 => (any::<usize>(), 0..SNIPPETS.len()).prop_map(|(p, s)| Mutation::Insert(p, s)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(data: &mut Vec<u8>, mutations: &[Mutation]) {
    for m in mutations {
        if data.is_empty() {
            return;
        }
        let len = data.len();
        match *m {
            Mutation::Set(p, b) => data[p % len] = b,
            Mutation::Delete(p, n) => {
                let p = p % len;
                data.drain(p..(p + n).min(len));
            }
            Mutation::Duplicate(p, n) => {
                let p = p % len;
                let copy = data[p..(p + n).min(len)].to_vec();
                data.splice(p..p, copy);
            }
            Mutation::Insert(p, s) => {
                let p = p % (len + 1);
                data.splice(p..p, SNIPPETS[s].iter().copied());
            }
            Mutation::Truncate(p) => data.truncate(p % len),
        }
    }
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Reads and analyses a file the way the app does; nothing may panic.
fn import(name: &str, bytes: &[u8]) {
    let Ok(doc) = read_file(name, bytes) else {
        return;
    };
    for table in 0..doc.tables.len().min(3) {
        if let Ok(mut draft) = ImportDraft::analyse(&doc, Some(table)) {
            let plan = draft.to_plan("p");
            assert_eq!(plan.len(), draft.plan_items().len());
            let _ = draft.preview_rows(20);
            let _ = draft.counts();
            if let Some(column) = draft.columns.first().map(|c| c.index) {
                draft.set_field(column, cchc_plan::domain::import::Field::Content);
                let _ = draft.to_plan("q");
            }
        }
    }
}

/// The XML parts worth mutating: the main part, sheets, shared strings, the workbook.
fn xml_entry(entries: &[(String, Vec<u8>)], pick: usize) -> usize {
    let xml: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| {
            n.ends_with("document.xml")
                || n.contains("worksheets/")
                || n.ends_with("sharedStrings.xml")
                || n.ends_with("workbook.xml")
                || n.ends_with("styles.xml")
        })
        .map(|(i, _)| i)
        .collect();
    xml[pick % xml.len()]
}

fn file_bytes(fixtures: &'static [Fixture]) -> impl Strategy<Value = (usize, Vec<Mutation>)> {
    (0..fixtures.len(), prop::collection::vec(mutation(), 1..6))
}

fn xml_parts(fixtures: &'static [Fixture]) -> impl Strategy<Value = (usize, usize, Vec<Mutation>)> {
    (
        0..fixtures.len(),
        any::<usize>(),
        prop::collection::vec(mutation(), 1..10),
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_docx_files_never_panic((f, muts) in file_bytes(docx())) {
        let fixture = &docx()[f];
        let mut bytes = fixture.bytes.clone();
        apply(&mut bytes, &muts);
        import(fixture.name, &bytes);
    }

    #[test]
    fn mutated_docx_xml_never_panics((f, pick, muts) in xml_parts(docx())) {
        let fixture = &docx()[f];
        let mut entries = fixture.entries.clone();
        let i = xml_entry(&entries, pick);
        apply(&mut entries[i].1, &muts);
        import(fixture.name, &rezip(&entries));
    }

    #[test]
    fn mutated_xlsx_files_never_panic((f, muts) in file_bytes(xlsx())) {
        let fixture = &xlsx()[f];
        let mut bytes = fixture.bytes.clone();
        apply(&mut bytes, &muts);
        import(fixture.name, &bytes);
    }

    #[test]
    fn mutated_xlsx_xml_never_panics((f, pick, muts) in xml_parts(xlsx())) {
        let fixture = &xlsx()[f];
        let mut entries = fixture.entries.clone();
        let i = xml_entry(&entries, pick);
        apply(&mut entries[i].1, &muts);
        import(fixture.name, &rezip(&entries));
    }
}

#[test]
fn the_fixtures_themselves_import() {
    for fixture in docx().iter().chain(xlsx()) {
        let doc = read_file(fixture.name, &fixture.bytes).unwrap();
        assert!(ImportDraft::analyse(&doc, None).is_ok(), "{}", fixture.name);
        // Re-zipped unchanged, they still import.
        let doc = read_file(fixture.name, &rezip(&fixture.entries)).unwrap();
        assert!(ImportDraft::analyse(&doc, None).is_ok(), "{}", fixture.name);
    }
}
