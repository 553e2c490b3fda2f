use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::*;
use crate::domain::money::Money;
use crate::domain::plan::Task;
use crate::domain::workbook::Column;

fn part(docx: &[u8], name: &str) -> String {
    let mut archive = ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn plan() -> Plan {
    let mut plan = Plan::new("p", "Hưng Yên", 2027);
    let area = plan.add_area_titled(None, "CẢI CÁCH THỂ CHẾ".into());
    plan.add_task_with(
        Some(area),
        Task {
            content: "Rà soát { PAGE } <b> & \u{1}".into(),
            lead: vec!["Sở Tư pháp".into()],
            budget: Some(Money::from_trieu(1600)),
            ..Task::default()
        },
    );
    plan
}

#[test]
fn phu_luc_i_is_a_landscape_section_with_its_heading_and_total() {
    let docx = build_appendices_docx(&plan(), &ExportSettings::default()).unwrap();
    let body = part(&docx, "word/document.xml");
    assert!(body.contains(">Phụ lục I<"));
    assert!(body.contains(">NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2027<"));
    assert!(body.contains(">ĐVT: triệu đồng<"));
    assert!(body.contains(">1.600<"), "Vietnamese grouping");
    assert!(body.contains(">Tổng cộng<"));
    assert!(
        body.contains("(Bằng chữ: Một tỷ sáu trăm triệu đồng)"),
        "{body}"
    );
    assert!(body.contains("w:orient=\"landscape\""));
    // Field-looking text is text; markup is escaped, control characters dropped.
    assert!(
        body.contains(">Rà soát { PAGE } &lt;b&gt; &amp; <"),
        "{body}"
    );
    assert!(!body.contains("fldChar"));
    assert!(part(&docx, "word/header1.xml").contains(" PAGE "));
    assert!(part(&docx, "docProps/app.xml").contains("UBND tỉnh Hưng Yên"));
}

#[test]
fn without_the_budget_column_no_unit_nor_total() {
    let mut settings = ExportSettings::default();
    settings.set_included(Column::Budget, false);
    settings.set_header(Column::Lead, "Chủ trì");
    let docx = build_appendices_docx(&plan(), &settings).unwrap();
    let body = part(&docx, "word/document.xml");
    assert!(!body.contains("ĐVT") && !body.contains("Tổng cộng") && !body.contains("Bằng chữ"));
    assert!(body.contains(">Chủ trì<"));
}

#[test]
fn budgets_that_do_not_add_up_are_refused() {
    let mut plan = Plan::new("p", "Hưng Yên", 2027);
    for _ in 0..10 {
        plan.add_task_with(
            None,
            Task {
                budget: Some(Money::from_thousandths(i64::MAX / 4)),
                ..Task::default()
            },
        );
    }
    let error = build_appendices_docx(&plan, &ExportSettings::default()).unwrap_err();
    assert!(matches!(
        error,
        DocxError::Budget(MoneyError::TotalTooLarge)
    ));
    assert!(
        error.to_string().starts_with("Không tạo được tệp Word"),
        "{error}"
    );
}

#[test]
fn file_names_match_the_excel_ones() {
    let plan = Plan::new("p", "Bà Rịa - Vũng Tàu", 2022);
    assert_eq!(
        docx_file_name(&plan),
        "Phu-luc-KH-CCHC-Ba-Ria-Vung-Tau-2022.docx"
    );
    assert_eq!(
        crate::domain::workbook::file_name(&plan).replace(".xlsx", ".docx"),
        docx_file_name(&plan)
    );
}
