//! The Excel export read back: seed 002's appendix (tests/fixtures/seed-002-plan.json)
//! exported and read with calamine, the print settings read from the package's XML.

mod common;

use calamine::{Data, Reader};
use cchc_plan::domain::money::Money;
use cchc_plan::domain::plan::{Plan, Task};
use cchc_plan::domain::words::ZeroTens;
use cchc_plan::domain::workbook::{
    build_workbook, file_name, Column, ExportSettings, LabelStyle, SHEET_AGENCIES, SHEET_BUDGET,
    SHEET_PROGRESS, SHEET_TASKS,
};
use common::*;

/// Row of the header in Phụ lục I (label, title, "Kèm theo", rule, unit line above it).
const HEADER: usize = 5;
const FIRST: usize = HEADER + 1;

fn export(plan: &Plan, settings: &ExportSettings) -> Vec<u8> {
    build_workbook(plan, settings).unwrap()
}

fn seed_export() -> (Plan, Vec<u8>) {
    let plan = seed_002_plan();
    let xlsx = export(&plan, &ExportSettings::default());
    (plan, xlsx)
}

#[test]
fn the_fixture_is_seed_002() {
    let plan = seed_002_plan();
    assert_eq!(plan.len(), 97);
    assert_eq!(plan.task_count(), 77);
    assert_eq!(
        plan.numbers().join(" "),
        SEED_TT.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    let budgets: Vec<Money> = plan
        .rows()
        .iter()
        .filter_map(|r| r.task()?.budget)
        .collect();
    assert_eq!(budgets.len(), 18);
    assert_eq!(plan.budget_totals().grand, Money::from_trieu(936));
    assert_eq!(file_name(&plan), "Phu-luc-KH-CCHC-Dak-Nong-2021.xlsx");
}

#[test]
fn sheets_and_heading() {
    let (_, xlsx) = seed_export();
    let mut book = open(&xlsx);
    assert_eq!(
        book.sheet_names(),
        [SHEET_TASKS, SHEET_AGENCIES, SHEET_BUDGET, SHEET_PROGRESS]
    );
    assert_eq!(SHEET_TASKS, "Phụ lục I");
    let s = sheet(&mut book, SHEET_TASKS);
    assert_eq!(cell(&s, 0, 0), "Phụ lục I");
    assert_eq!(cell(&s, 1, 0), "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021");
    assert_eq!(
        cell(&s, 2, 0),
        "(Kèm theo Quyết định số 1887/QĐ-UBND ngày 18 tháng 12 năm 2020 của Ủy ban nhân dân tỉnh Đắk Nông)"
    );
    assert_eq!(cell(&s, 4, 0), "ĐVT: triệu đồng");
    let headers: Vec<String> = (0..8).map(|c| cell(&s, HEADER, c)).collect();
    assert_eq!(
        headers,
        [
            "TT",
            "Nội dung, nhiệm vụ",
            "Sản phẩm",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian thực hiện",
            "Kinh phí (triệu đồng)",
            "Ghi chú"
        ]
    );
    // The short rule: a top border on a few middle cells of row 4, and only there.
    let xml = part(&xlsx, "xl/worksheets/sheet1.xml");
    let rule_row = xml
        .split("<row r=\"4\"")
        .nth(1)
        .unwrap()
        .split("</row>")
        .next()
        .unwrap();
    let cells = rule_row.matches("<c r=").count();
    assert!((1..=3).contains(&cells), "{rule_row}");
    assert!(!rule_row.contains("r=\"A4\"") && !rule_row.contains("r=\"H4\""));
}

#[test]
fn every_task_cell_matches_the_plan() {
    let (plan, xlsx) = seed_export();
    let mut book = open(&xlsx);
    let s = sheet(&mut book, SHEET_TASKS);
    let numbers = plan.numbers();
    let tt: Vec<&str> = SEED_TT.split_whitespace().collect();
    for (i, row) in plan.rows().iter().enumerate() {
        let r = FIRST + i;
        assert_eq!(cell(&s, r, 0), tt[i], "TT of row {r}");
        assert_eq!(cell(&s, r, 0), numbers[i]);
        assert_eq!(cell(&s, r, 1), row.text(), "content of row {r}");
        match row.task() {
            Some(task) => {
                assert_eq!(cell(&s, r, 2), task.product, "product of row {r}");
                assert_eq!(cell(&s, r, 3), task.lead.join("; "), "lead of row {r}");
                assert_eq!(
                    cell(&s, r, 4),
                    task.partners.join("; "),
                    "partners of row {r}"
                );
                assert_eq!(cell(&s, r, 5), task.deadline, "deadline of row {r}");
                assert_eq!(cell(&s, r, 7), task.note);
            }
            None => {
                for c in [2, 3, 4, 5, 7] {
                    assert_eq!(cell(&s, r, c), "", "heading row {r} column {c}");
                }
            }
        }
    }
    // Spot checks against the seed's own words.
    let row = |tt_area: &str, tt: &str| {
        let mut area = "";
        let i = (0..numbers.len())
            .find(|&i| {
                if !numbers[i].contains('.') && numbers[i].chars().all(|c| "IVX".contains(c)) {
                    area = &numbers[i];
                }
                area == tt_area && numbers[i] == tt
            })
            .unwrap();
        FIRST + i
    };
    let r = row("I", "4.2");
    assert_eq!(
        cell(&s, r, 1),
        "Chuyên mục CCHC trên sóng Đài Phát thanh và Truyền hình tỉnh"
    );
    assert_eq!(cell(&s, r, 3), "Sở Nội vụ; Đài PTTH tỉnh");
    assert_eq!(cell(&s, r, 5), "Định kỳ hàng tháng");
    let r = row("I", "1.1");
    assert_eq!(
        cell(&s, r, 2),
        "- Quyết định kiện toàn của UBND tỉnh; - Quy chế hoạt động."
    );
    let r = row("VI", "7");
    assert_eq!(cell(&s, r, 3), "Sở Kế hoạch và Đầu tư");
    assert_eq!(
        cell(&s, r, 4),
        "Sở Tài chính; Các cơ quan, đơn vị có liên quan"
    );
    let r = row("III", "2.3");
    assert_eq!(
        cell(&s, r, 1),
        "Tích hợp TTHC trên Công Dịch vụ công của tỉnh."
    );
    assert_eq!(cell(&s, FIRST, 1), "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH");
    assert_eq!(
        cell(&s, FIRST + 96, 1),
        "Triển khai áp dụng ISO điện tử trong các cơ quan nhà nước"
    );
}

#[test]
fn budgets_subtotals_and_total() {
    let (plan, xlsx) = seed_export();
    let mut book = open(&xlsx);
    let s = sheet(&mut book, SHEET_TASKS);
    let formulas = book.worksheet_formula(SHEET_TASKS).unwrap();
    let formula = |r: usize, c: usize| {
        formulas
            .get_value((r as u32, c as u32))
            .cloned()
            .unwrap_or_default()
    };
    let numbers = plan.numbers();
    let mut area = String::new();
    let mut seen = 0;
    for (i, row) in plan.rows().iter().enumerate() {
        let r = FIRST + i;
        if row.depth == 0 {
            area = numbers[i].clone();
        }
        let expected = SEED_BUDGETS
            .iter()
            .find(|(a, tt, _)| *a == area && *tt == numbers[i])
            .map(|(_, _, v)| *v);
        assert_eq!(
            number(&s, r, 6),
            expected,
            "budget of {area} {}",
            numbers[i]
        );
        if expected.is_some() {
            seen += 1;
            // Areas, groups and tasks with sub-tasks add up by formula; tasks are numbers.
            let is_subtotal = row.task().is_none();
            assert_eq!(
                formula(r, 6).starts_with("SUM("),
                is_subtotal,
                "row {r}: {}",
                formula(r, 6)
            );
        } else {
            assert_eq!(cell(&s, r, 6), "", "row {r}");
        }
    }
    assert_eq!(seen, SEED_BUDGETS.len());
    // Area I adds up its four groups, group 1 its two budgeted tasks.
    assert_eq!(formula(FIRST, 6), "SUM(G8,G13,G18,G21)");
    assert_eq!(formula(FIRST + 1, 6), "SUM(G11:G12)");
    assert_eq!(number(&s, FIRST, 6), Some(811.0));

    let total = FIRST + plan.len();
    assert_eq!(cell(&s, total, 0), "Tổng cộng");
    assert_eq!(number(&s, total, 6), Some(936.0));
    let areas: Vec<String> = ["I", "II", "III"]
        .iter()
        .map(|a| {
            let i = numbers.iter().position(|n| n == a).unwrap();
            format!("G{}", FIRST + i + 1)
        })
        .collect();
    assert_eq!(formula(total, 6), format!("SUM({})", areas.join(",")));
    assert_eq!(
        cell(&s, total + 1, 0),
        "(Bằng chữ: Chín trăm ba mươi sáu triệu đồng)"
    );
    assert_eq!(s.end().unwrap().0 as usize, total + 1);
}

#[test]
fn print_setup_is_in_the_package() {
    let (_, xlsx) = seed_export();
    let sheet1 = part(&xlsx, "xl/worksheets/sheet1.xml");
    // A4 (paper 9), landscape, one page wide and as many pages tall as needed.
    assert!(
        sheet1.contains(r#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#),
        "{sheet1}"
    );
    assert!(sheet1.contains(
        r#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape" useFirstPageNumber="1""#
    ));
    // Margins in inches: left 30 mm, right 15 mm, top and bottom 20 mm.
    assert!(sheet1.contains(
        r#"<pageMargins left="1.18" right="0.59" top="0.79" bottom="0.79" header="0.39" footer="0.31"/>"#
    ));
    // Page number centred in the header, none on the first page.
    assert!(sheet1.contains(
        r#"<headerFooter differentFirst="1"><oddHeader>&amp;C&amp;"Times New Roman,Regular"&amp;13&amp;P</oddHeader></headerFooter>"#
    ));
    assert!(!sheet1.contains("<firstHeader>"));
    // Panes frozen under the header row (row 6).
    assert!(sheet1
        .contains(r#"<pane ySplit="6" topLeftCell="A7" activePane="bottomLeft" state="frozen"/>"#));
    // The header row repeats on every printed page.
    let workbook = part(&xlsx, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'Phụ lục I'!$6:$6</definedName>"#),
        "{workbook}"
    );
    assert!(workbook.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="1">'Phụ lục II'!$6:$6</definedName>"#));
    // Every sheet prints the same way and hides the first page number.
    for n in [2, 3] {
        let xml = part(&xlsx, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(xml.contains(r#"paperSize="9""#) && xml.contains(r#"orientation="landscape""#));
        assert!(xml.contains(r#"<headerFooter differentFirst="1">"#));
    }
    // Times New Roman throughout, thin borders, wrapped text, grouped budgets.
    let styles = part(&xlsx, "xl/styles.xml");
    assert!(styles.contains(r#"<name val="Times New Roman"/>"#));
    assert!(!styles.contains("Calibri"), "{styles}");
    assert!(styles.contains(r#"style="thin""#));
    assert!(styles.contains(r#"wrapText="1""#));
    assert!(styles.contains(r##"formatCode="[$-42A]#,##0""##));
}

#[test]
fn text_is_never_a_formula() {
    let mut plan = Plan::new("p", "Hưng Yên", 2027);
    let area = plan.add_area_titled(None, "=1+1".into());
    plan.add_task_with(
        Some(area),
        Task {
            content: "=SUM(A1)".into(),
            product: "-".into(),
            lead: vec!["+Sở Nội vụ".into()],
            partners: vec!["@mention".into()],
            deadline: "-2027".into(),
            note: "=HYPERLINK(\"http://example.invalid\")".into(),
            budget: Some(Money::from_trieu(5)),
            ..Task::default()
        },
    );
    let xlsx = export(&plan, &ExportSettings::default());
    let mut book = open(&xlsx);
    let s = sheet(&mut book, SHEET_TASKS);
    let expect = [
        (FIRST, 1, "=1+1"),
        (FIRST + 1, 1, "=SUM(A1)"),
        (FIRST + 1, 2, "-"),
        (FIRST + 1, 3, "+Sở Nội vụ"),
        (FIRST + 1, 4, "@mention"),
        (FIRST + 1, 5, "-2027"),
        (FIRST + 1, 7, "=HYPERLINK(\"http://example.invalid\")"),
    ];
    for (r, c, text) in expect {
        assert_eq!(
            s.get_value((r as u32, c as u32)),
            Some(&Data::String(text.to_string()))
        );
    }
    let formulas = book.worksheet_formula(SHEET_TASKS).unwrap();
    let cells_with_formulas: Vec<(usize, usize)> = formulas
        .cells()
        .filter(|(_, _, f)| !f.is_empty())
        .map(|(r, c, _)| {
            (
                r + formulas.start().unwrap().0 as usize,
                c + formulas.start().unwrap().1 as usize,
            )
        })
        .collect();
    // Only the area subtotal and the grand total are formulas.
    assert_eq!(cells_with_formulas, [(FIRST, 6), (FIRST + 2, 6)]);
    let xml = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(!xml.contains("<f>SUM(A1)</f>") && !xml.contains("HYPERLINK"));
    // Phụ lục II too writes text as text.
    let s = sheet(&mut book, SHEET_AGENCIES);
    assert_eq!(cell(&s, FIRST, 1), "+Sở Nội vụ (1 nhiệm vụ)");
    assert_eq!(cell(&s, FIRST + 1, 1), "=SUM(A1)");
    assert_eq!(cell(&s, FIRST + 1, 2), "-");
}

#[test]
fn settings_choose_columns_headers_label_and_words() {
    let plan = seed_002_plan();
    let mut settings = ExportSettings {
        label: LabelStyle::Capitals,
        ..ExportSettings::default()
    };
    settings.set_included(Column::Partners, false);
    settings.set_included(Column::Note, false);
    settings.set_header(Column::Content, "Nhiệm vụ cụ thể");
    settings.words.zero_tens = ZeroTens::Le;
    let xlsx = export(&plan, &settings);
    let mut book = open(&xlsx);
    let s = sheet(&mut book, SHEET_TASKS);
    assert_eq!(cell(&s, 0, 0), "PHỤ LỤC I");
    let headers: Vec<String> = (0..7).map(|c| cell(&s, HEADER, c)).collect();
    assert_eq!(
        headers,
        [
            "TT",
            "Nhiệm vụ cụ thể",
            "Sản phẩm",
            "Cơ quan chủ trì",
            "Thời gian thực hiện",
            "Kinh phí (triệu đồng)",
            ""
        ]
    );
    assert_eq!(number(&s, FIRST, 5), Some(811.0));
    assert_eq!(cell(&s, FIRST + plan.len(), 0), "Tổng cộng");
    assert_eq!(number(&s, FIRST + plan.len(), 5), Some(936.0));
    assert_eq!(cell(&sheet(&mut book, SHEET_AGENCIES), 0, 0), "PHỤ LỤC II");
    assert_eq!(
        cell(&sheet(&mut book, SHEET_AGENCIES), HEADER, 1),
        "Nhiệm vụ cụ thể"
    );
    assert_eq!(cell(&sheet(&mut book, SHEET_BUDGET), 0, 0), "PHỤ LỤC III");

    // "lẻ" for a zero tens digit: 105 reads "Một trăm lẻ năm".
    let mut small = Plan::new("p", "Yên Bái", 2022);
    let area = small.add_area_titled(None, "CẢI CÁCH THỂ CHẾ".into());
    let budget = |m| Task {
        content: "x".into(),
        budget: Some(Money::parse(m).unwrap()),
        ..Task::default()
    };
    small.add_task_with(Some(area), budget("100"));
    small.add_task_with(Some(area), budget("5"));
    let xlsx = export(&small, &settings);
    let s = sheet(&mut open(&xlsx), SHEET_TASKS);
    assert_eq!(
        cell(&s, FIRST + 4, 0),
        "(Bằng chữ: Một trăm lẻ năm triệu đồng)"
    );
}

#[test]
fn without_the_budget_column_there_is_no_budget_anywhere() {
    let plan = seed_002_plan();
    let mut settings = ExportSettings::default();
    settings.set_included(Column::Budget, false);
    let xlsx = export(&plan, &settings);
    let mut book = open(&xlsx);
    assert_eq!(
        book.sheet_names(),
        [SHEET_TASKS, SHEET_AGENCIES, SHEET_PROGRESS]
    );
    let s = sheet(&mut book, SHEET_TASKS);
    // No unit line: the header follows the rule directly.
    assert_eq!(cell(&s, 4, 0), "TT");
    assert!(find_row(&s, 0, "Tổng cộng").is_none());
    assert_eq!(s.end().unwrap(), (4 + plan.len() as u32, 6));
    let s = sheet(&mut book, SHEET_AGENCIES);
    assert!((0..6).all(|c| !cell(&s, 4, c).contains("Kinh phí")));
}

#[test]
fn a_plan_without_budgets_has_no_budget_sheet_nor_total() {
    let mut plan = Plan::new("p", "Hưng Yên", 2027);
    let area = plan.add_area_titled(None, "CẢI CÁCH THỂ CHẾ".into());
    plan.add_task_with(
        Some(area),
        Task {
            content: "Rà soát văn bản QPPL".into(),
            lead: vec!["Sở Tư pháp".into()],
            ..Task::default()
        },
    );
    let xlsx = export(&plan, &ExportSettings::default());
    let mut book = open(&xlsx);
    assert_eq!(
        book.sheet_names(),
        [SHEET_TASKS, SHEET_AGENCIES, SHEET_PROGRESS]
    );
    let s = sheet(&mut book, SHEET_TASKS);
    assert_eq!(
        cell(&s, 2, 0),
        "(Kèm theo Kế hoạch số .../KH-UBND ngày ... tháng ... năm ... của Ủy ban nhân dân tỉnh Hưng Yên)"
    );
    assert_eq!(cell(&s, 1, 0), "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2027");
    assert!(find_row(&s, 0, "Tổng cộng").is_none());
    assert_eq!(cell(&s, FIRST + 1, 1), "Rà soát văn bản QPPL");

    // An empty plan still exports its headings.
    let empty = Plan::new("p", "", 2027);
    let xlsx = export(&empty, &ExportSettings::default());
    let s = sheet(&mut open(&xlsx), SHEET_TASKS);
    assert_eq!(cell(&s, HEADER, 1), "Nội dung, nhiệm vụ");
}

#[test]
fn decimals_keep_their_value_and_format() {
    let mut plan = Plan::new("p", "Lâm Đồng", 2027);
    let area = plan.add_area_titled(None, "CẢI CÁCH TÀI CHÍNH CÔNG".into());
    let task = plan.add_task_with(
        Some(area),
        Task {
            content: "Hội nghị".into(),
            budget: Some(Money::parse("1.600,5").unwrap()),
            ..Task::default()
        },
    );
    let sub = plan.add_task_with(
        Some(task),
        Task {
            content: "Tài liệu".into(),
            budget: Some(Money::parse("0,125").unwrap()),
            ..Task::default()
        },
    );
    assert!(plan.indent(sub));
    let xlsx = export(&plan, &ExportSettings::default());
    let mut book = open(&xlsx);
    let s = sheet(&mut book, SHEET_TASKS);
    assert_eq!(number(&s, FIRST + 2, 6), Some(0.125));
    // The task adds its own budget to its sub-task's.
    assert_eq!(number(&s, FIRST + 1, 6), Some(1600.625));
    let formulas = book.worksheet_formula(SHEET_TASKS).unwrap();
    assert_eq!(
        formulas.get_value(((FIRST + 1) as u32, 6)).unwrap(),
        "SUM(G9)+1600.5"
    );
    assert_eq!(
        cell(&s, FIRST + 4, 0),
        "(Bằng chữ: Một tỷ sáu trăm triệu sáu trăm hai mươi lăm nghìn đồng)"
    );
    let styles = part(&xlsx, "xl/styles.xml");
    assert!(
        styles.contains(r##"formatCode="[$-42A]#,##0.000""##),
        "{styles}"
    );
}

#[test]
fn agencies_sheet_lists_what_each_lead_delivers() {
    let (plan, xlsx) = seed_export();
    let mut book = open(&xlsx);
    let s = sheet(&mut book, SHEET_AGENCIES);
    assert_eq!(cell(&s, 0, 0), "Phụ lục II");
    assert_eq!(
        cell(&s, 1, 0),
        "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021 THEO CƠ QUAN CHỦ TRÌ"
    );
    let headers: Vec<String> = (0..6).map(|c| cell(&s, HEADER, c)).collect();
    assert_eq!(
        headers,
        [
            "TT",
            "Nội dung, nhiệm vụ",
            "Sản phẩm",
            "Lĩnh vực",
            "Thời gian thực hiện",
            "Kinh phí (triệu đồng)"
        ]
    );
    let led_by = |name: &str| {
        plan.rows()
            .iter()
            .filter(|r| r.task().is_some_and(|t| t.lead.iter().any(|l| l == name)))
            .count()
    };
    let noi_vu = led_by("Sở Nội vụ");
    assert_eq!(cell(&s, FIRST, 0), "I");
    assert_eq!(cell(&s, FIRST, 1), format!("Sở Nội vụ ({noi_vu} nhiệm vụ)"));
    // Sở Nội vụ's budgets: 5+10+5+80+40+90+120+240+60+36+20, co-led ones included.
    assert_eq!(number(&s, FIRST, 5), Some(706.0));
    assert_eq!(cell(&s, FIRST + 1, 0), "1");
    assert_eq!(cell(&s, FIRST + 1, 1), "Kiến toàn Ban chỉ đạo CCHC tỉnh");
    assert_eq!(cell(&s, FIRST + 1, 3), "I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH");
    assert_eq!(cell(&s, FIRST + 1, 4), "Quý I/2021");
    // A task led by two agencies is listed under each, naming the other.
    let pttn = find_row(
        &s,
        1,
        &format!("Đài PTTH tỉnh ({} nhiệm vụ)", led_by("Đài PTTH tỉnh")),
    )
    .unwrap();
    assert_eq!(number(&s, pttn, 5), Some(360.0));
    assert_eq!(
        cell(&s, pttn + 1, 1),
        "Chuyên mục CCHC trên sóng Đài Phát thanh và Truyền hình tỉnh\n(Cùng chủ trì: Sở Nội vụ)"
    );
    assert!(find_row(&s, 1, "Chuyên mục CCHC trên sóng Đài Phát thanh và Truyền hình tỉnh\n(Cùng chủ trì: Đài PTTH tỉnh)").is_some());
    // Every lead agency of the plan has its heading, and every (task, lead) pair a row.
    let pairs: usize = plan
        .rows()
        .iter()
        .filter_map(|r| r.task())
        .map(|t| t.lead.len())
        .sum();
    let end = s.end().unwrap().0 as usize;
    let note = cell(&s, end, 0);
    assert!(
        note.starts_with("Ghi chú: Nhiệm vụ có nhiều cơ quan chủ trì"),
        "{note}"
    );
    let task_rows = (FIRST..end)
        .filter(|&r| cell(&s, r, 0).parse::<u32>().is_ok())
        .count();
    assert_eq!(task_rows, pairs);
}

#[test]
fn budget_sheet_by_area_and_by_lead() {
    let (_, xlsx) = seed_export();
    let mut book = open(&xlsx);
    let s = sheet(&mut book, SHEET_BUDGET);
    assert_eq!(cell(&s, 0, 0), "Phụ lục III");
    let first = find_row(&s, 0, "1. Kinh phí theo lĩnh vực").unwrap() + 2;
    let areas: Vec<(String, String, Option<f64>)> = (first..first + 7)
        .map(|r| (cell(&s, r, 0), cell(&s, r, 2), number(&s, r, 3)))
        .collect();
    assert_eq!(areas[0], ("I".to_string(), "19".to_string(), Some(811.0)));
    assert_eq!(areas[1], ("II".to_string(), "12".to_string(), Some(90.0)));
    assert_eq!(areas[2], ("III".to_string(), "15".to_string(), Some(35.0)));
    assert!(areas[3..].iter().all(|a| a.2.is_none()));
    assert_eq!(cell(&s, first + 7, 0), "Tổng cộng");
    assert_eq!(number(&s, first + 7, 2), Some(77.0));
    assert_eq!(number(&s, first + 7, 3), Some(936.0));
    assert_eq!(
        cell(&s, first + 8, 0),
        "(Bằng chữ: Chín trăm ba mươi sáu triệu đồng)"
    );
    let formulas = book.worksheet_formula(SHEET_BUDGET).unwrap();
    let f = |r: usize, c: u32| {
        formulas
            .get_value((r as u32, c))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(f(first, 3), "'Phụ lục I'!G7");
    assert_eq!(
        f(first + 7, 3),
        format!("SUM(D{}:D{})", first + 1, first + 7)
    );

    let first = find_row(&s, 0, "2. Kinh phí theo cơ quan chủ trì").unwrap() + 2;
    let total = find_row(&s, 0, "Tổng cộng")
        .map(|_| ())
        .and_then(|_| (first..first + 30).find(|&r| cell(&s, r, 0) == "Tổng cộng"));
    let total = total.unwrap();
    let sum: f64 = (first..total).map(|r| number(&s, r, 3).unwrap()).sum();
    assert_eq!(sum, 936.0);
    assert_eq!(number(&s, total, 3), Some(936.0));
    assert_eq!(number(&s, total, 2), Some(18.0));
    assert_eq!(cell(&s, first, 1), "Sở Nội vụ; Đài PTTH tỉnh");
    assert_eq!(number(&s, first, 3), Some(360.0));
}

#[test]
fn large_plans_export() {
    let mut plan = Plan::new("p", "Hưng Yên", 2027);
    let area = plan.add_area_titled(None, "CẢI CÁCH THỦ TỤC HÀNH CHÍNH".into());
    let group = plan.add_group_titled(Some(area), "Kiểm soát TTHC".into());
    for i in 0..600 {
        plan.add_task_with(
            Some(group),
            Task {
                content: format!("Nhiệm vụ {i}"),
                lead: vec![format!("Sở {}", i % 7)],
                budget: (i % 2 == 0).then(|| Money::from_trieu(1)),
                ..Task::default()
            },
        );
    }
    let xlsx = export(&plan, &ExportSettings::default());
    let mut book = open(&xlsx);
    let s = sheet(&mut book, SHEET_TASKS);
    assert_eq!(number(&s, FIRST + 1, 6), Some(300.0));
    // 300 separate cells: the SUM nests to stay under Excel's 255 arguments.
    let formulas = book.worksheet_formula(SHEET_TASKS).unwrap();
    let f = formulas.get_value(((FIRST + 1) as u32, 6)).unwrap();
    assert!(f.starts_with("SUM(SUM(G9,G11,"), "{}", &f[..30]);
    assert_eq!(cell(&s, FIRST + 602, 0), "Tổng cộng");
    assert_eq!(cell(&s, FIRST + 603, 0), "(Bằng chữ: Ba trăm triệu đồng)");
}

/// The attribute `name` of an XML start tag's text (`<c r="A1" s="3"` → `s` is "3").
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[start..].split('"').next()
}

/// Each cell format of styles.xml (cellXfs): (bold font, has a border, number format id).
fn cell_formats(styles: &str) -> Vec<(bool, bool, u32)> {
    let section = |name: &str| {
        let start = styles.find(&format!("<{name} ")).unwrap();
        let end = styles.find(&format!("</{name}>")).unwrap();
        &styles[start..end]
    };
    let fonts: Vec<bool> = section("fonts")
        .split("<font>")
        .skip(1)
        .map(|f| f.split("</font>").next().unwrap().contains("<b/>"))
        .collect();
    let borders: Vec<bool> = section("borders")
        .split("<border")
        .skip(1)
        .map(|b| b.contains("style=\"thin\""))
        .collect();
    section("cellXfs")
        .split("<xf ")
        .skip(1)
        .map(|xf| {
            let get = |name| {
                attribute(&format!(" {xf}"), name)
                    .unwrap()
                    .parse::<usize>()
                    .unwrap()
            };
            (
                fonts[get("fontId")],
                borders[get("borderId")],
                get("numFmtId") as u32,
            )
        })
        .collect()
}

/// The format index of every cell of a worksheet's XML, by (row, column), both from 0.
fn cell_styles(sheet: &str) -> std::collections::HashMap<(usize, usize), usize> {
    sheet
        .split("<c ")
        .skip(1)
        .map(|c| {
            let tag = format!(" {}", c.split('>').next().unwrap());
            let r = attribute(&tag, "r").unwrap();
            let letters = r.chars().take_while(char::is_ascii_uppercase).count();
            let col = r[..letters]
                .bytes()
                .fold(0, |n, b| n * 26 + usize::from(b - b'A' + 1))
                - 1;
            let row: usize = r[letters..].parse::<usize>().unwrap() - 1;
            let style = attribute(&tag, "s").map_or(0, |s| s.parse().unwrap());
            ((row, col), style)
        })
        .collect()
}

#[test]
fn every_table_cell_has_its_format() {
    let (plan, xlsx) = seed_export();
    let formats = cell_formats(&part(&xlsx, "xl/styles.xml"));
    let styles = cell_styles(&part(&xlsx, "xl/worksheets/sheet1.xml"));
    let mut book = open(&xlsx);
    let range = sheet(&mut book, SHEET_TASKS);
    let columns = 8;
    let budget_col = 6;
    let mut bold_rows = 0;
    for (i, row) in plan.rows().iter().enumerate() {
        let r = FIRST + i;
        for col in 0..columns {
            let style = styles.get(&(r, col)).copied().unwrap_or_else(|| {
                panic!("row {r} column {col} has no cell ({})", cell(&range, r, 0))
            });
            let (bold, border, number_format) = formats[style];
            assert!(border, "row {r} column {col} has no border");
            // Areas and groups bold, tasks plain.
            assert_eq!(
                bold,
                row.depth == 0 || row.task().is_none(),
                "row {r} column {col}"
            );
            bold_rows += usize::from(bold && col == 0);
            if col == budget_col && number(&range, r, col).is_some() {
                assert_ne!(
                    number_format, 0,
                    "row {r}: a budget without its number format"
                );
            }
        }
    }
    // Seed 002: 7 areas and the groups of sections I, III, IV and V.
    assert!(bold_rows >= 7 + 4, "{bold_rows} bold rows");
    // The total and words rows follow, bordered.
    let total_row = FIRST + plan.rows().len();
    assert!(formats[styles[&(total_row, budget_col)]].1);
    assert!(formats[styles[&(total_row, budget_col)]].0);
}
