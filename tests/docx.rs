//! The Word export read back: seed 002's appendices (tests/fixtures/seed-002-plan.json)
//! written as .docx, unzipped, and the body parsed with an XML reader.

mod common;

use cchc_plan::domain::docx::{build_appendices_docx, docx_file_name};
use cchc_plan::domain::plan::Plan;
use cchc_plan::domain::workbook::{Column, ExportSettings, LabelStyle};
use common::docx::{read_docx, Block, Docx, Section};
use common::*;

fn seed_docx(settings: &ExportSettings) -> (Plan, Docx) {
    let plan = seed_002_plan();
    let docx = read_docx(&build_appendices_docx(&plan, settings).unwrap());
    (plan, docx)
}

/// The texts of a section's paragraphs outside tables, in order.
fn lines(section: &Section) -> Vec<String> {
    section
        .paragraphs()
        .iter()
        .map(|p| p.text.clone())
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn the_file_is_named_like_the_workbook() {
    assert_eq!(
        docx_file_name(&seed_002_plan()),
        "Phu-luc-KH-CCHC-Dak-Nong-2021.docx"
    );
}

#[test]
fn phu_luc_i_heading_in_its_own_landscape_a4_section() {
    let (_, docx) = seed_docx(&ExportSettings::default());
    let first = &docx.sections[0];
    // A4 landscape (297 x 210 mm in twips), margins of formatting.md.
    assert_eq!(first.property("pgSz", "w"), Some("16838"));
    assert_eq!(first.property("pgSz", "h"), Some("11906"));
    assert_eq!(first.property("pgSz", "orient"), Some("landscape"));
    assert_eq!(first.property("pgMar", "left"), Some("1701"));
    assert_eq!(first.property("pgMar", "right"), Some("850"));
    assert_eq!(first.property("pgMar", "top"), Some("1134"));
    assert_eq!(first.property("pgMar", "bottom"), Some("1134"));
    // Numbered from 1, the number centred at the top, none on the first page.
    assert_eq!(first.property("pgNumType", "start"), Some("1"));
    assert!(first.properties.contains_key("titlePg"));
    let numbered = &first.headers["default"];
    let blank = &first.headers["first"];
    let rels = &docx.parts["word/_rels/document.xml.rels"];
    let target = |id: &str| {
        let at = rels.find(&format!("Id=\"{id}\"")).unwrap();
        let rest = &rels[at..];
        let t = rest.find("Target=\"").unwrap() + 8;
        rest[t..t + rest[t..].find('"').unwrap()].to_string()
    };
    let header = &docx.parts[&format!("word/{}", target(numbered))];
    assert!(header.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
    assert!(header.contains("<w:jc w:val=\"center\"/>"));
    let empty = &docx.parts[&format!("word/{}", target(blank))];
    assert!(!empty.contains("PAGE") && !empty.contains("<w:t"));

    let paragraphs = first.paragraphs();
    assert_eq!(
        lines(first)[..4],
        [
            "Phụ lục I",
            "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021",
            "(Kèm theo Quyết định số 1887/QĐ-UBND ngày 18 tháng 12 năm 2020 của Ủy ban nhân dân tỉnh Đắk Nông)",
            "ĐVT: triệu đồng",
        ]
    );
    assert!(paragraphs[0].bold && paragraphs[1].bold && paragraphs[2].italic);
    assert_eq!(paragraphs[0].align.as_deref(), Some("center"));
    assert_eq!(paragraphs[3].text, "", "the short rule");
    assert_eq!(paragraphs[4].align.as_deref(), Some("right"), "unit line");
    assert!(paragraphs[4].italic);
    // Heading block, then the table, then the words.
    assert!(matches!(first.blocks[5], Block::Table(_)));
}

#[test]
fn every_cell_of_phu_luc_i_matches_the_plan() {
    let (plan, docx) = seed_docx(&ExportSettings::default());
    let table = docx.sections[0].tables()[0].clone();
    // One page wide: the columns fill the 252 mm between the margins.
    let width: u32 = table.grid.iter().sum();
    assert!((14280..=14290).contains(&width), "{width}");
    let header = &table.rows[0];
    assert!(header.header && header.cant_split);
    assert_eq!(header.texts(), PHU_LUC_I_HEADERS);
    assert!(header.cells.iter().all(|c| c.bold()));
    assert_eq!(table.rows.iter().filter(|r| r.header).count(), 1);
    assert!(table.rows.iter().all(|r| r.cant_split), "no row splits");

    let tt: Vec<&str> = SEED_TT.split_whitespace().collect();
    let numbers = plan.numbers();
    let mut area = String::new();
    for (i, row) in plan.rows().iter().enumerate() {
        let cells = table.rows[1 + i].texts();
        let r = &table.rows[1 + i];
        assert_eq!(cells[0], tt[i], "TT of row {i}");
        assert_eq!(cells[1], row.text(), "content of row {i}");
        let bold = row.task().is_none();
        assert_eq!(r.cells[1].bold(), bold, "areas and groups bold: row {i}");
        match row.task() {
            Some(task) => {
                assert_eq!(cells[2], task.product, "product of row {i}");
                assert_eq!(cells[3], task.lead.join("; "), "lead of row {i}");
                assert_eq!(cells[4], task.partners.join("; "), "partners of row {i}");
                assert_eq!(cells[5], task.deadline, "deadline of row {i}");
                assert_eq!(cells[7], task.note);
            }
            None => {
                for c in [2, 3, 4, 5, 7] {
                    assert_eq!(cells[c], "", "heading row {i} column {c}");
                }
            }
        }
        if row.depth == 0 {
            area = numbers[i].clone();
        }
        let expected = SEED_BUDGETS
            .iter()
            .find(|(a, tt, _)| *a == area && *tt == numbers[i])
            .map(|(_, _, v)| format!("{v}"));
        assert_eq!(
            (!cells[6].is_empty()).then(|| cells[6].clone()),
            expected,
            "budget of {area} {}",
            numbers[i]
        );
        if expected.is_some() {
            assert_eq!(r.cells[6].align(), Some("right"));
        }
        assert_eq!(r.cells[0].align(), Some("center"));
        assert_eq!(
            r.cells[5].align().filter(|_| !cells[5].is_empty()),
            (!cells[5].is_empty()).then_some("center")
        );
    }
    let spot = |area: &str, number: &str| {
        let mut current = "";
        let i = (0..numbers.len())
            .find(|&i| {
                if plan.rows()[i].depth == 0 {
                    current = &numbers[i];
                }
                current == area && numbers[i] == number
            })
            .unwrap();
        table.rows[1 + i].texts()
    };
    let row = spot("I", "4.2");
    assert_eq!(
        row[1],
        "Chuyên mục CCHC trên sóng Đài Phát thanh và Truyền hình tỉnh"
    );
    assert_eq!(row[3], "Sở Nội vụ; Đài PTTH tỉnh");
    assert_eq!(row[5], "Định kỳ hàng tháng");
    assert_eq!(spot("VI", "7")[3], "Sở Kế hoạch và Đầu tư");
    assert_eq!(spot("I", "4")[6], "636");

    // "Tổng cộng" with 936, bold, then the amount in words.
    let total = &table.rows[1 + plan.len()];
    assert_eq!(table.rows.len(), plan.len() + 2);
    assert_eq!(total.cells[0].text(), "Tổng cộng");
    assert_eq!(total.cells[0].span, 6);
    assert_eq!(total.cells[1].text(), "936");
    assert!(total.cells[0].bold() && total.cells[1].bold());
    let after: Vec<String> = lines(&docx.sections[0]);
    assert_eq!(
        after.last().unwrap(),
        "(Bằng chữ: Chín trăm ba mươi sáu triệu đồng)"
    );
}

#[test]
fn times_new_roman_in_every_script() {
    let (_, docx) = seed_docx(&ExportSettings::default());
    let styles = &docx.parts["word/styles.xml"];
    let defaults = styles.split("<w:rPrDefault>").nth(1).unwrap();
    let fonts = defaults.split("<w:rFonts").nth(1).unwrap();
    let fonts = &fonts[..fonts.find("/>").unwrap()];
    for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
        assert!(
            fonts.contains(&format!("w:{slot}=\"Times New Roman\"")),
            "{slot}: {fonts}"
        );
    }
    // No other font anywhere, and no theme fonts to fall back to.
    for (name, part) in &docx.parts {
        for font in part.split("w:ascii=\"").skip(1) {
            assert!(font.starts_with("Times New Roman\""), "{name}");
        }
        assert!(!part.contains("Theme=\""), "{name} refers to a theme font");
    }
    assert!(docx.parts["word/fontTable.xml"].contains("w:name=\"Times New Roman\""));
}

#[test]
fn options_of_the_excel_export_apply() {
    let mut settings = ExportSettings {
        label: LabelStyle::Capitals,
        ..ExportSettings::default()
    };
    settings.set_included(Column::Budget, false);
    settings.set_included(Column::Partners, false);
    settings.set_header(Column::Deadline, "Thời gian hoàn thành");
    let (_, docx) = seed_docx(&settings);
    let first = &docx.sections[0];
    assert_eq!(lines(first)[0], "PHỤ LỤC I");
    assert!(!lines(first)
        .iter()
        .any(|l| l.contains("ĐVT") || l.contains("Bằng chữ")));
    let table = first.tables()[0];
    assert_eq!(
        table.rows[0].texts(),
        [
            "TT",
            "Nội dung, nhiệm vụ",
            "Sản phẩm",
            "Cơ quan chủ trì",
            "Thời gian hoàn thành",
            "Ghi chú"
        ]
    );
    assert!(!table.rows.iter().any(|r| r.texts()[0] == "Tổng cộng"));
}

/// The texts of a sheet's rows from `from` on, `n` columns each, numbers as the docx prints
/// them (Vietnamese grouping).
fn sheet_rows(xlsx: &[u8], name: &str, from: usize, n: usize) -> Vec<Vec<String>> {
    let mut book = open(xlsx);
    let s = sheet(&mut book, name);
    let end = s.end().unwrap().0 as usize;
    (from..=end)
        .map(|r| {
            (0..n)
                .map(|c| match number(&s, r, c) {
                    Some(v) => cchc_plan::domain::money::Money::from_thousandths(
                        (v * 1000.0).round() as i64,
                    )
                    .to_string(),
                    None => cell(&s, r, c),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_same_four_appendices_as_the_workbook_each_its_own_landscape_section() {
    let plan = seed_002_plan();
    let settings = ExportSettings::default();
    let (_, docx) = seed_docx(&settings);
    let xlsx = cchc_plan::domain::workbook::build_workbook(&plan, &settings).unwrap();
    assert_eq!(docx.sections.len(), 4);
    let labels: Vec<String> = docx.sections.iter().map(|s| lines(s)[0].clone()).collect();
    assert_eq!(
        labels,
        ["Phụ lục I", "Phụ lục II", "Phụ lục III", "Biểu tiến độ"]
    );
    for section in &docx.sections {
        assert_eq!(section.property("pgSz", "orient"), Some("landscape"));
        assert_eq!(section.property("pgSz", "w"), Some("16838"));
        assert_eq!(
            section.property("pgNumType", "start"),
            Some("1"),
            "numbered on its own"
        );
        assert!(section.properties.contains_key("titlePg"));
        for table in section.tables() {
            assert!(table.rows[0].header, "{:?}", table.rows[0].texts());
            assert!(table.rows.iter().all(|r| r.cant_split));
        }
    }

    // Phụ lục II: row for row the sheet's (its header at row 5, after the unit line).
    let agencies = docx.sections[1].tables()[0];
    let width = agencies.rows[0].cells.len();
    assert_eq!(width, 6);
    let expected = sheet_rows(&xlsx, "Phụ lục II", 5, width);
    let got: Vec<Vec<String>> = agencies.rows.iter().map(|r| r.texts()).collect();
    assert_eq!(got, expected[..got.len()]);
    assert!(agencies.rows[1].cells[1].bold(), "agency lines are bold");
    assert!(!agencies.rows[2].cells[1].bold());
    // Every task under at least one agency (the header row is bold too).
    let listed = agencies.rows.iter().filter(|r| !r.cells[1].bold()).count();
    assert!(listed >= plan.task_count());

    // Phụ lục III: both tables total 936, the words under the first.
    let budget = &docx.sections[2];
    let tables = budget.tables();
    assert_eq!(tables.len(), 2);
    for table in &tables {
        let total = table.rows.last().unwrap().texts();
        assert_eq!(total[0], "Tổng cộng");
        assert_eq!(total.last().unwrap(), "936");
    }
    assert_eq!(tables[0].rows[0].texts()[1], "Lĩnh vực");
    assert!(lines(budget).contains(&"(Bằng chữ: Chín trăm ba mươi sáu triệu đồng)".to_string()));
    assert!(lines(budget).contains(&"1. Kinh phí theo lĩnh vực".to_string()));

    // Tiến độ: row for row the sheet's (header at row 4: no unit line); every task once.
    let progress = docx.sections[3].tables()[0];
    let width = progress.rows[0].cells.len();
    let expected = sheet_rows(&xlsx, "Tiến độ", 4, width);
    let got: Vec<Vec<String>> = progress
        .rows
        .iter()
        .map(|r| {
            let mut texts = r.texts();
            texts.resize(width, String::new());
            texts
        })
        .collect();
    assert_eq!(got, expected);
    let quarters = progress.rows.iter().filter(|r| r.cells.len() == 1).count();
    assert_eq!(progress.rows.len() - 1 - quarters, plan.task_count());
}
