//! The plan document (Dự thảo kế hoạch) read back: seed 002's plan written as one .docx,
//! unzipped, and its body parsed with an XML reader: the heading, the body's sections, the
//! signature block, an edited section's text, 14 pt in the body, then the appendices in
//! landscape sections.

mod common;

use cchc_plan::domain::docx::{build_plan_document, plan_document_file_name};
use cchc_plan::domain::plan::Plan;
use cchc_plan::domain::plan_document::Section;
use cchc_plan::domain::workbook::ExportSettings;
use common::docx::{read_docx, Block, Docx};
use common::seed_002_plan;

fn document(plan: &Plan) -> Docx {
    read_docx(&build_plan_document(plan, &ExportSettings::default()).unwrap())
}

/// Every text of the first section, tables' cells included, in order.
fn body_texts(docx: &Docx) -> Vec<String> {
    let mut out = Vec::new();
    for block in &docx.sections[0].blocks {
        match block {
            Block::Paragraph(p) => out.push(p.text.clone()),
            Block::Table(t) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        out.extend(cell.paragraphs.iter().map(|p| p.text.clone()));
                    }
                }
            }
        }
    }
    out.retain(|t| !t.is_empty());
    out
}

fn edited_plan() -> Plan {
    let mut plan = seed_002_plan();
    plan.document.set(
        Section::Purpose,
        "1. Mục đích riêng của Đắk Nông\n- Đoạn đã sửa { PAGE } <b> & \u{1}cuối\na) Điểm một"
            .into(),
    );
    plan.document.set(
        Section::Signature,
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Thử".into(),
    );
    plan
}

#[test]
fn the_file_is_named_for_the_province_and_year() {
    assert_eq!(
        plan_document_file_name(&seed_002_plan()),
        "Du-thao-KH-CCHC-Dak-Nong-2021.docx"
    );
    assert_eq!(
        plan_document_file_name(&Plan::new("p", "", 2027)),
        "Du-thao-KH-CCHC-2027.docx"
    );
}

#[test]
fn heading_title_and_body_sections_in_order() {
    let docx = document(&seed_002_plan());
    let texts = body_texts(&docx);
    let position = |needle: &str| {
        texts
            .iter()
            .position(|t| t == needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {texts:#?}"))
    };
    // The two-column heading: a layout table without borders.
    let first = &docx.sections[0];
    let Block::Table(heading) = &first.blocks[0] else {
        panic!("the document starts with the heading table");
    };
    assert_eq!(
        heading.rows[0]
            .texts()
            .iter()
            .map(|t| t.trim_end())
            .collect::<Vec<_>>(),
        [
            "ỦY BAN NHÂN DÂN\nTỈNH ĐẮK NÔNG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        ]
    );
    assert!(heading.rows[0].cells.iter().all(|c| c.bold()));
    // The plan's number and date as the header has them.
    assert_eq!(
        heading.rows[1].texts(),
        ["Số: 1887/QĐ-UBND", "Đắk Nông, ngày 18 tháng 12 năm 2020"]
    );
    assert!(heading.rows[1].cells[1].paragraphs[0].italic);
    // A draft without them keeps dots, in the year before the plan's.
    let mut draft = seed_002_plan();
    draft.document_number.clear();
    draft.document_date.clear();
    let Block::Table(draft_heading) = &document(&draft).sections[0].blocks[0] else {
        panic!("the document starts with the heading table");
    };
    assert_eq!(
        draft_heading.rows[1].texts(),
        ["Số: .../KH-UBND", "Đắk Nông, ngày ... tháng ... năm 2020"]
    );
    let body = &docx.parts["word/document.xml"];
    let first_table = &body[..body.find("</w:tbl>").unwrap()];
    assert!(!first_table.contains("<w:tblBorders>") || first_table.contains("w:val=\"nil\""));
    // The short rules under the body's name and the tiêu ngữ.
    assert_eq!(first_table.matches("<w:pBdr><w:bottom").count(), 2);
    // Title, subject line, then the sections in order.
    let title = position("KẾ HOẠCH");
    assert_eq!(
        texts[title + 1],
        "Cải cách hành chính nhà nước tỉnh Đắk Nông năm 2021"
    );
    let order = [
        position("I. MỤC ĐÍCH, YÊU CẦU"),
        position("II. NHIỆM VỤ"),
        position("1. Công tác chỉ đạo điều hành"),
        position("III. KINH PHÍ"),
        position("IV. TỔ CHỨC THỰC HIỆN"),
        position("Nơi nhận:"),
        position("TM. ỦY BAN NHÂN DÂN"),
        position("KT. CHỦ TỊCH"),
        position("PHÓ CHỦ TỊCH"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(texts
        .iter()
        .any(|t| t.contains("là 936 triệu đồng (Bằng chữ: Chín trăm ba mươi sáu triệu đồng)")));
    assert!(texts.contains(&"1. Sở Nội vụ".to_string()));
    assert!(texts.contains(&"- Bộ Nội vụ;".to_string()));
    // Headings are bold, body paragraphs justified with a first-line indent.
    let paragraphs = first.paragraphs();
    let heading = paragraphs
        .iter()
        .find(|p| p.text == "I. MỤC ĐÍCH, YÊU CẦU")
        .unwrap();
    assert!(heading.bold);
    let basis = paragraphs
        .iter()
        .find(|p| p.text.starts_with("Thực hiện Nghị quyết số 76/NQ-CP"))
        .unwrap();
    assert_eq!(basis.align.as_deref(), Some("both"));
    assert!(body.contains("<w:ind w:firstLine=\"567\"/>"));
}

#[test]
fn body_is_a4_portrait_at_14_pt_and_appendices_are_landscape() {
    let plan = seed_002_plan();
    let docx = document(&plan);
    let body = &docx.sections[0];
    assert_eq!(body.property("pgSz", "w"), Some("11906"));
    assert_eq!(body.property("pgSz", "h"), Some("16838"));
    assert_ne!(body.property("pgSz", "orient"), Some("landscape"));
    assert_eq!(body.property("pgMar", "left"), Some("1701"));
    // Then one landscape section per appendix, each numbered from 1.
    assert!(docx.sections.len() >= 2);
    for section in &docx.sections[1..] {
        assert_eq!(section.property("pgSz", "orient"), Some("landscape"));
        assert_eq!(section.property("pgSz", "w"), Some("16838"));
        assert_eq!(section.property("pgNumType", "start"), Some("1"));
    }
    let appendix = &docx.sections[1];
    assert!(appendix.paragraphs().iter().any(|p| p.text == "Phụ lục I"));
    // Every run of the body outside the two layout tables is 14 pt (the rules' marks, 2 pt,
    // carry no text).
    let xml = &docx.parts["word/document.xml"];
    let after_heading = xml.find("</w:tbl>").unwrap();
    let before_closing = after_heading + xml[after_heading..].find("<w:tbl>").unwrap();
    let middle = &xml[after_heading..before_closing];
    let sizes: Vec<&str> = middle
        .split("<w:sz w:val=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .filter(|size| *size != "4")
        .collect();
    assert!(sizes.len() > 20, "{sizes:?}");
    assert!(sizes.iter().all(|s| *s == "28"), "{sizes:?}");
    // Nơi nhận: the label at 12 pt, its lines at 11 pt.
    let closing = &xml[before_closing..];
    let label = closing.find(">Nơi nhận:<").unwrap();
    assert!(closing[..label].ends_with(
        "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr><w:t xml:space=\"preserve\""
    ));
    let line = closing.find(">- Bộ Nội vụ;<").unwrap();
    assert!(closing[..line].contains("<w:sz w:val=\"22\"/>"));
}

#[test]
fn edited_sections_and_the_signature_are_written_as_typed() {
    let docx = document(&edited_plan());
    let texts = body_texts(&docx);
    assert!(texts.contains(&"1. Mục đích riêng của Đắk Nông".to_string()));
    assert!(texts.contains(&"a) Điểm một".to_string()));
    // Field-looking text stays text; markup is escaped; a control character is dropped.
    assert!(
        texts.contains(&"- Đoạn đã sửa { PAGE } <b> & cuối".to_string()),
        "{texts:#?}"
    );
    let xml = &docx.parts["word/document.xml"];
    let body_end = xml.find("<w:sectPr").unwrap();
    assert!(!xml[..body_end].contains("fldChar"));
    assert!(!xml[..body_end].contains("instrText"));
    assert!(!xml.contains("fldSimple"));
    // The default purpose is gone, the other sections still follow the plan.
    assert!(!texts.iter().any(|t| t.contains("PAR INDEX")));
    assert!(texts.iter().any(|t| t.contains("936 triệu đồng")));
    // The signature as edited: titles, then the name, all bold.
    let chair = texts.iter().position(|t| t == "CHỦ TỊCH").unwrap();
    assert_eq!(texts[chair - 1], "TM. ỦY BAN NHÂN DÂN");
    assert_eq!(texts[chair + 1], "Nguyễn Văn Thử");
    assert!(!texts.contains(&"KT. CHỦ TỊCH".to_string()));
    let closing = docx.sections[0]
        .tables()
        .pop()
        .expect("nơi nhận and the signature");
    let signature = &closing.rows[0].cells[1];
    assert!(signature
        .paragraphs
        .iter()
        .filter(|p| !p.text.is_empty())
        .all(|p| p.bold));
}
