//! Importing tables back: the app's own Excel export of the recreated seeds 000, 002 and
//! 004 read through the import (every row, level, text field and budget), and the
//! LibreOffice fixtures under tests/fixtures/import/, row for row.

use cchc_plan::domain::import::{read_file, Field, ImportDraft};
use cchc_plan::domain::library::{builtin, plan_from_source};
use cchc_plan::domain::money::Money;
use cchc_plan::domain::plan::{Plan, RowKind};
use cchc_plan::domain::workbook::{build_workbook, ExportSettings};

/// What a row is, for comparing plans: kind, depth, text fields, budget.
fn rows_of(plan: &Plan) -> Vec<String> {
    plan.rows()
        .iter()
        .map(|r| match r.task() {
            Some(t) => format!(
                "{:?} {} | {} | {} | {} | {} | {} | {:?} | {}",
                r.kind(),
                r.depth,
                t.content,
                t.product,
                t.lead.join("; "),
                t.partners.join("; "),
                t.deadline,
                t.budget.map(|b| b.to_string()),
                t.note
            ),
            None => format!("{:?} {} | {}", r.kind(), r.depth, r.text()),
        })
        .collect()
}

fn round_trip(seed: &str) -> (Plan, Plan, ImportDraft) {
    let plan = plan_from_source(builtin(), seed, "p").unwrap_or_else(|| panic!("{seed}"));
    let xlsx = build_workbook(&plan, &ExportSettings::default()).unwrap();
    let doc = read_file("ke-hoach.xlsx", &xlsx).unwrap();
    let draft = ImportDraft::analyse(&doc, None).unwrap();
    let back = draft.to_plan("p");
    // The only warnings: the total row and its amount in words, left out.
    for w in &draft.warnings {
        assert!(
            w.contains("Tổng cộng") || w.contains("Bằng chữ"),
            "{seed}: {w}"
        );
    }
    (plan, back, draft)
}

fn assert_same_rows(seed: &str, plan: &Plan, back: &Plan) {
    assert_eq!(back.province, plan.province, "{seed}: province");
    assert_eq!(back.year, plan.year, "{seed}: year");
    assert_eq!(back.document_number, plan.document_number, "{seed}: number");
    let (a, b) = (rows_of(plan), rows_of(back));
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(x, y, "{seed}: row {} differs", i + 1);
    }
    assert_eq!(a.len(), b.len(), "{seed}: row count");
}

#[test]
fn seed_002_export_imports_back_to_the_same_plan() {
    let (plan, back, draft) = round_trip("seed-002");
    assert_same_rows("seed-002", &plan, &back);
    assert_eq!(draft.counts().total, Money::from_trieu(936));
    assert_eq!(back.province, plan.province);
    assert_eq!(back.year, plan.year);
    assert_eq!(
        plan.rows()
            .iter()
            .filter(|r| r.kind() == RowKind::Area)
            .count(),
        7
    );
}

#[test]
fn seed_000_export_imports_back_to_the_same_plan() {
    let (plan, back, _) = round_trip("seed-000");
    assert_same_rows("seed-000", &plan, &back);
}

#[test]
fn seed_004_export_imports_back_to_the_same_plan() {
    let (plan, back, _) = round_trip("seed-004");
    assert_same_rows("seed-004", &plan, &back);
}

fn fixture(name: &str) -> ImportDraft {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = read_file(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    ImportDraft::analyse(&doc, None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn seed_fixture(seed: &str, ext: &str) {
    let plan = plan_from_source(builtin(), seed, "p").unwrap();
    let draft = fixture(&format!("{seed}.{ext}"));
    let back = draft.to_plan("p");
    let (a, b) = (rows_of(&plan), rows_of(&back));
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(
            x,
            y,
            "{seed}.{ext}: row {} differs; warnings {:#?}",
            i + 1,
            draft.warnings
        );
    }
    assert_eq!(a.len(), b.len(), "{seed}.{ext}: row count");
    assert_eq!(back.province, plan.province, "{seed}.{ext}");
    assert_eq!(back.document_number, plan.document_number, "{seed}.{ext}");
}

#[test]
fn seed_fixtures_import_row_for_row() {
    for seed in ["seed-000", "seed-002", "seed-004"] {
        for ext in ["docx", "xlsx", "ods"] {
            seed_fixture(seed, ext);
        }
    }
}

/// The preview of a fixture, one line a row: TT, level, content | lead | deadline | budget.
fn outline(draft: &ImportDraft) -> Vec<String> {
    draft
        .preview_rows(usize::MAX)
        .into_iter()
        .map(|r| {
            format!(
                "{} {} {} | {} | {} | {}",
                r.number, r.level, r.content, r.lead, r.deadline, r.budget
            )
        })
        .collect()
}

#[test]
fn a_table_crossing_pages_skips_its_repeated_headers() {
    let draft = fixture("pages.docx");
    let rows = outline(&draft);
    assert_eq!(rows.len(), 63);
    assert_eq!(rows[0], "I Lĩnh vực LĨNH VỰC 1 |  |  | ");
    assert_eq!(rows[5], "5 Nhiệm vụ Nhiệm vụ 1.5 | Sở Nội vụ | Quý 2 | 10");
    assert_eq!(rows[42], "III Lĩnh vực LĨNH VỰC 3 |  |  | ");
    assert_eq!(
        rows[62],
        "20 Nhiệm vụ Nhiệm vụ 3.20 | Sở Nội vụ | Quý 1 | 10"
    );
    let counts = draft.counts();
    assert_eq!((counts.areas, counts.tasks, counts.budgets), (3, 60, 12));
    assert_eq!(counts.total, Money::from_trieu(120));
    assert_eq!(draft.warnings.len(), 3, "{:?}", draft.warnings);
    assert!(draft.warnings.iter().all(|w| w.contains("tiêu đề lặp lại")));
    assert_eq!(draft.meta.province.as_deref(), Some("Lào Cai"));
    assert_eq!(draft.meta.year, Some(2026));
}

const MERGES: [&str; 9] = [
    "I Lĩnh vực CẢI CÁCH THỂ CHẾ |  |  | ",
    "1 Nhóm Rà soát, hệ thống hóa văn bản |  |  | ",
    "1.1 Nhiệm vụ Rà soát văn bản quy phạm pháp luật | Sở Tư pháp | Quý II | 30",
    "1.2 Nhiệm vụ Hệ thống hóa văn bản | Sở Tư pháp | Quý III | ",
    "1.3 Nhiệm vụ Kiểm tra văn bản | Sở Tư pháp | Quý IV | 5",
    "II Lĩnh vực CẢI CÁCH THỦ TỤC HÀNH CHÍNH |  |  | ",
    "1 Nhiệm vụ Công bố thủ tục hành chính | Văn phòng UBND tỉnh | Thường xuyên | ",
    "2 Nhóm Nhóm số hóa hồ sơ |  |  | ",
    "2.1 Nhiệm vụ Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính | Sở Thông tin và Truyền thông | Năm 2026 | 1.250,5",
];

#[test]
fn merged_group_rows_and_vertical_merges() {
    for name in ["merges.docx", "merges.xlsx"] {
        let draft = fixture(name);
        assert_eq!(outline(&draft), MERGES, "{name}");
        let plan = draft.to_plan("p");
        let notes: Vec<&str> = plan
            .rows()
            .iter()
            .filter_map(|r| r.task())
            .map(|t| t.note.as_str())
            .collect();
        // The merged budget counts once (on its first row), the other row says so.
        assert!(
            notes[1].starts_with("Kinh phí chung với dòng "),
            "{name}: {notes:?}"
        );
        assert_eq!(notes[2], "Ngân sách tỉnh", "{name}");
        assert_eq!(notes[3], "Kinh phí: Trong dự toán", "{name}");
        assert_eq!(
            draft.counts().total,
            Money::from_thousandths(1_285_500),
            "{name}"
        );
        assert_eq!(draft.warnings.len(), 1, "{name}: {:?}", draft.warnings);
    }
}

#[test]
fn a_two_row_header_maps_lead_and_partners() {
    let draft = fixture("two-row-header.docx");
    let headers: Vec<(&str, Field)> = draft
        .columns
        .iter()
        .map(|c| (c.header.as_str(), c.field))
        .collect();
    assert_eq!(
        headers,
        [
            ("TT", Field::Number),
            ("Nội dung công việc", Field::Content),
            ("Chủ trì", Field::Lead),
            ("Phối hợp", Field::Partners),
            ("Thời gian", Field::Deadline),
            ("Người chịu trách nhiệm", Field::Note),
        ]
    );
    let plan = draft.to_plan("p");
    let tasks: Vec<_> = plan.rows().iter().filter_map(|r| r.task()).collect();
    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[0].partners, ["Các sở, ngành"]);
    assert_eq!(tasks[0].note, "Người chịu trách nhiệm: Giám đốc Sở Nội vụ");
    assert_eq!(tasks[1].partners, ["Sở Tài chính", "Sở Tư pháp"]);
    assert_eq!(draft.unknown_agencies, Vec::<String>::new());
}

#[test]
fn four_levels_keep_their_numbers_and_every_row() {
    let draft = fixture("four-levels.docx");
    assert_eq!(
        outline(&draft),
        [
            "I Lĩnh vực CẢI CÁCH HÀNH CHÍNH CÔNG |  |  | ",
            "1 Nhóm Nâng cao chất lượng phục vụ |  |  | ",
            "1.1 Nhiệm vụ Khảo sát sự hài lòng | Sở Nội vụ |  | ",
            "1.2 Nhiệm vụ 1.1.1. Khảo sát cấp tỉnh | Sở Nội vụ |  | 25",
            "1.3 Nhiệm vụ 1.1.2. Khảo sát cấp xã | Sở Nội vụ |  | 15",
            "1.4 Nhiệm vụ Tập huấn kỹ năng giao tiếp | Sở Nội vụ |  | 20",
            "1.5 Nhiệm vụ a) Lớp cho công chức một cửa | Sở Nội vụ |  | ",
            "1.6 Nhiệm vụ - Lớp cho cán bộ cấp xã | Sở Nội vụ |  | ",
            "2 Nhóm Công khai, minh bạch |  |  | ",
            "2.1 Nhiệm vụ Niêm yết thủ tục hành chính | Văn phòng UBND tỉnh |  | ",
        ]
    );
    assert_eq!(draft.counts().total, Money::from_trieu(60));
    assert_eq!(draft.warnings.len(), 4, "{:?}", draft.warnings);
}
