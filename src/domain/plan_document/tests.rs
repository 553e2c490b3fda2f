//! Tests of the plan document: the paragraph parser, the default wording, and the edited
//! sections stored with the plan (plan files and the browser store).

use super::defaults::sentence_case_for_tests;
use super::*;
use crate::domain::file_format::{read_plan, write_plan};
use crate::domain::money::Money;
use crate::domain::plan::Task;
use crate::domain::storage::blob::{decode_plan, encode_plan};

const WORDS: WordsStyle = WordsStyle {
    zero_tens: crate::domain::words::ZeroTens::Linh,
    units_four: crate::domain::words::UnitsFour::Tu,
};

fn task(content: &str, lead: &[&str], budget: Option<u64>) -> Task {
    Task {
        content: content.into(),
        lead: lead.iter().map(|a| a.to_string()).collect(),
        budget: budget.map(|b| Money::from_trieu(b as i64)),
        ..Task::default()
    }
}

/// Two areas, three lead agencies (Sở Nội vụ not first in the table), 936 in budgets.
fn sample() -> Plan {
    let mut plan = Plan::new("p", "Lào Cai", 2027);
    plan.document_number = "15/KH-UBND".into();
    let first = plan.add_area_titled(None, "CẢI CÁCH THỂ CHẾ VÀ TTHC".into());
    plan.add_task_with(
        Some(first),
        task("Rà soát QPPL", &["Sở Tư pháp"], Some(900)),
    );
    plan.add_task_with(
        Some(first),
        task("Kiểm tra", &["Sở Nội vụ", "Sở Tư pháp"], Some(36)),
    );
    let second = plan.add_area_titled(Some(first), "Cải cách chế độ công vụ".into());
    plan.add_task_with(Some(second), task("Tuyển dụng", &["Sở Nội vụ"], None));
    plan.add_task_with(Some(second), task("Đào tạo", &[" Sở Y tế "], None));
    plan
}

#[test]
fn lines_become_typed_paragraphs() {
    let text = "  Căn cứ Luật Tổ chức chính quyền địa phương;\n\n\
                1. Mục đích\n\
                - Nâng cao chất lượng;\n\
                – Dấu gạch dài\n\
                1.2. Yêu cầu cụ thể\n\
                a) Tuyên truyền\n\
                đ)\n\
                2021. Năm không phải đề mục\n\
                1.500 cán bộ được tập huấn\n\
                A) Chữ hoa không phải đề mục\n\
                -không cách";
    let paragraphs = parse(text);
    let heading = |level, label: &str, text: &str| Paragraph::Heading {
        level,
        label: label.into(),
        text: text.into(),
    };
    assert_eq!(
        paragraphs,
        [
            Paragraph::Text("Căn cứ Luật Tổ chức chính quyền địa phương;".into()),
            heading(HeadingLevel::Numbered(1), "1.", "Mục đích"),
            Paragraph::Dash("Nâng cao chất lượng;".into()),
            Paragraph::Dash("Dấu gạch dài".into()),
            heading(HeadingLevel::Numbered(2), "1.2.", "Yêu cầu cụ thể"),
            heading(HeadingLevel::Lettered, "a)", "Tuyên truyền"),
            heading(HeadingLevel::Lettered, "đ)", ""),
            Paragraph::Text("2021. Năm không phải đề mục".into()),
            Paragraph::Text("1.500 cán bộ được tập huấn".into()),
            Paragraph::Text("A) Chữ hoa không phải đề mục".into()),
            Paragraph::Text("-không cách".into()),
        ]
    );
    assert_eq!(paragraphs[1].line(), "1. Mục đích");
    assert_eq!(paragraphs[2].line(), "- Nâng cao chất lượng;");
    assert!(parse(" \n\n ").is_empty());
}

#[test]
fn defaults_fill_in_province_year_and_number() {
    let plan = sample();
    let text = |s| default_text(&plan, s, WORDS);
    assert_eq!(
        text(Section::Subject),
        "Cải cách hành chính nhà nước tỉnh Lào Cai năm 2027"
    );
    assert_eq!(
        text(Section::PlaceDate),
        "Lào Cai, ngày ... tháng ... năm 2026"
    );
    assert!(text(Section::Basis).ends_with(
        "Ủy ban nhân dân tỉnh Lào Cai ban hành Kế hoạch cải cách hành chính nhà nước năm 2027 như sau:"
    ));
    assert!(text(Section::Purpose).contains("của tỉnh Lào Cai năm 2027"));
    // A city is a "thành phố", and the place line has its name alone.
    let city = Plan::new("c", "TP Hải Phòng", 2027);
    assert!(default_text(&city, Section::Subject, WORDS).contains("thành phố Hải Phòng"));
    assert!(default_text(&city, Section::PlaceDate, WORDS).starts_with("Hải Phòng, ngày"));
    // A former province is still a province; an empty one stays dots.
    let former = Plan::new("f", "Đắk Nông", 2021);
    assert!(default_text(&former, Section::Subject, WORDS).contains("tỉnh Đắk Nông năm 2021"));
    assert_eq!(province_short_name(""), "...");
    // The issuing date, when written dd/mm/yyyy, fills the place line.
    let mut dated = plan.clone();
    dated.document_date = "5/1/2027".into();
    assert_eq!(
        default_text(&dated, Section::PlaceDate, WORDS),
        "Lào Cai, ngày 05 tháng 01 năm 2027"
    );
}

#[test]
fn tasks_default_has_one_heading_per_area_with_the_appendix() {
    let plan = sample();
    let paragraphs = parse(&default_text(&plan, Section::Tasks, WORDS));
    let headings: Vec<String> = paragraphs
        .iter()
        .filter(|p| matches!(p, Paragraph::Heading { .. }))
        .map(Paragraph::line)
        .collect();
    assert_eq!(
        headings,
        ["1. Cải cách thể chế và TTHC", "2. Cải cách chế độ công vụ"]
    );
    let text = default_text(&plan, Section::Tasks, WORDS);
    assert!(text.contains("Gồm 2 nhiệm vụ. Chi tiết tại Phụ lục I."));
    assert_eq!(text.matches("Chi tiết tại Phụ lục I.").count(), 2);
    assert_eq!(
        sentence_case_for_tests("XÂY DỰNG CHÍNH QUYỀN SỐ, CCHC"),
        "Xây dựng chính quyền số, CCHC"
    );
}

#[test]
fn budget_default_has_the_total_and_its_words() {
    let plan = sample();
    let text = default_text(&plan, Section::Budget, WORDS);
    assert!(
        text.contains("là 936 triệu đồng (Bằng chữ: Chín trăm ba mươi sáu triệu đồng)."),
        "{text}"
    );
    // The reading follows the style asked for.
    let mut small = Plan::new("s", "Lào Cai", 2027);
    small.add_task_with(None, task("Một việc", &[], Some(105)));
    let le = WordsStyle {
        zero_tens: crate::domain::words::ZeroTens::Le,
        ..WORDS
    };
    assert!(default_text(&small, Section::Budget, le).contains("Một trăm lẻ năm triệu đồng"));
    // No budget at all: no total sentence, only the funding clause.
    let none = Plan::new("n", "Lào Cai", 2027);
    let text = default_text(&none, Section::Budget, WORDS);
    assert!(!text.contains("Tổng kinh phí"));
    assert!(text.contains("ngân sách nhà nước"));
}

#[test]
fn organisation_default_has_a_paragraph_per_lead_agency() {
    let plan = sample();
    let paragraphs = parse(&default_text(&plan, Section::Organisation, WORDS));
    let headings: Vec<String> = paragraphs
        .iter()
        .filter(|p| matches!(p, Paragraph::Heading { .. }))
        .map(Paragraph::line)
        .collect();
    assert_eq!(headings, ["1. Sở Nội vụ", "2. Sở Tư pháp", "3. Sở Y tế"]);
    let text = default_text(&plan, Section::Organisation, WORDS);
    assert!(text.contains("Là cơ quan thường trực về công tác CCHC"));
    assert!(text.contains("tổ chức thực hiện 2 nhiệm vụ được giao"));
    assert!(text.contains("tổ chức thực hiện 1 nhiệm vụ được giao"));
    assert!(text.trim_end().ends_with("./."));
}

#[test]
fn unedited_sections_follow_the_plan_and_edited_ones_are_kept() {
    let mut plan = sample();
    plan.document
        .set(Section::Purpose, "1. Mục đích\n- Riêng của tỉnh".into());
    assert!(!plan
        .document
        .set(Section::Purpose, "1. Mục đích\n- Riêng của tỉnh".into()));
    plan.province = "Tuyên Quang".into();
    plan.year = 2028;
    let basis = section_text(&plan, Section::Basis, WORDS);
    assert!(
        basis.contains("tỉnh Tuyên Quang ban hành Kế hoạch cải cách hành chính nhà nước năm 2028")
    );
    assert_eq!(
        section_text(&plan, Section::Purpose, WORDS),
        "1. Mục đích\n- Riêng của tỉnh"
    );
    assert!(plan.document.reset(Section::Purpose));
    assert!(!plan.document.reset(Section::Purpose));
    assert!(section_text(&plan, Section::Purpose, WORDS).contains("tỉnh Tuyên Quang năm 2028"));
    assert!(plan.document.is_empty());
    // Every section has a title and a key of its own.
    let keys: std::collections::BTreeSet<_> = Section::ALL.iter().map(|s| s.key()).collect();
    assert_eq!(keys.len(), Section::ALL.len());
    assert_eq!(Section::from_key("signature"), Some(Section::Signature));
    assert_eq!(Section::Purpose.title(), "I. Mục đích, yêu cầu");
}

fn edited() -> Plan {
    let mut plan = sample();
    plan.document.set(
        Section::Basis,
        "Căn cứ Luật Tổ chức chính quyền địa phương;\n- có “ngoặc” và \\ gạch".into(),
    );
    plan.document.set(
        Section::Signature,
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A".into(),
    );
    plan
}

#[test]
fn edited_sections_round_trip_through_plan_files_and_storage() {
    let plan = edited();
    let file = write_plan(&plan);
    assert!(file.contains("\"document\""), "{file}");
    assert!(file.contains("\"signature\""));
    let read = read_plan(&file).unwrap();
    assert_eq!(read, plan);
    assert_eq!(
        read.document.edited(Section::Signature),
        plan.document.edited(Section::Signature)
    );
    let blob = encode_plan(&plan, 3, 1.0);
    let loaded = decode_plan(&blob).unwrap();
    assert_eq!(loaded.plan, plan);
    assert_eq!(
        loaded.plan.document.edited(Section::Basis),
        Some("Căn cứ Luật Tổ chức chính quyền địa phương;\n- có “ngoặc” và \\ gạch")
    );
    // A plan without edits writes no "document" field at all.
    assert!(!write_plan(&sample()).contains("\"document\""));
}

#[test]
fn a_plan_file_without_the_document_field_loads() {
    let old = r#"{
      "format": "cchc-plan", "version": 1, "kind": "plan",
      "plan": {
        "id": "p", "province": "Lào Cai", "year": 2027, "title": "Kế hoạch",
        "rows": [ { "id": 1, "depth": 0, "kind": "area", "title": "Cải cách thể chế" } ]
      }
    }"#;
    let plan = read_plan(old).unwrap();
    assert!(plan.document.is_empty());
    assert!(section_text(&plan, Section::Tasks, WORDS).contains("1. Cải cách thể chế"));
    let stored = r#"{"schema":1,"revision":2,"saved_at":5.0,"plan":{"id":"p","province":"Lào Cai",
        "year":2027,"title":"Kế hoạch","document_number":"","document_date":"","rows":[]}}"#;
    assert!(decode_plan(stored).unwrap().plan.document.is_empty());
}

#[test]
fn sections_of_a_newer_version_are_kept() {
    let file = write_plan(&edited()).replace(
        "\"signature\":",
        "\"annex_note\": \"Ghi chú của bản mới\",\n      \"signature\":",
    );
    let plan = read_plan(&file).unwrap();
    assert!(!plan.document.is_empty());
    let again = write_plan(&plan);
    assert!(
        again.contains("\"annex_note\": \"Ghi chú của bản mới\""),
        "{again}"
    );
    // A section of the wrong type is refused with its place.
    let broken =
        write_plan(&edited()).replace("\"TM. ỦY BAN NHÂN DÂN\\nCHỦ TỊCH\\n\\nNguyễn Văn A\"", "5");
    let error = read_plan(&broken).unwrap_err().to_string();
    assert!(error.contains("document"), "{error}");
}
