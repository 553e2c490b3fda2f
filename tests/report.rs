//! The progress report read back: seed 002 with progress recorded on seven tasks
//! (tests/fixtures/seed-002-progress.json), its Quý I report exported as .xlsx (read with
//! calamine, the print set-up from the package's XML) and as .docx (parsed from
//! word/document.xml), each figure checked against the report the domain builds.

mod common;

use calamine::{Data, Range, Reader};
use cchc_plan::domain::docx::{build_report_docx, report_docx_file_name};
use cchc_plan::domain::file_format::read_plan;
use cchc_plan::domain::plan::{Plan, Task};
use cchc_plan::domain::progress::{Day, ReportPeriod, ReportingRules};
use cchc_plan::domain::progress_report::{build_report, ProgressReport, StatusCounts};
use cchc_plan::domain::workbook::{
    build_report_xlsx, percent_text, report_file_name, REPORT_HEADERS, SHEET_REPORT_BY_LEAD,
    SHEET_REPORT_DUE_NEXT, SHEET_REPORT_OVERDUE, SHEET_REPORT_SUMMARY, SHEET_REPORT_TABLE,
};
use common::docx::read_docx;
use common::*;

const OVERDUE_TASK: &str = "Ban hành kế hoạch kiểm soát TTHC năm 2021";

fn progress_plan() -> Plan {
    let text = std::fs::read_to_string(fixture_path("seed-002-progress.json")).unwrap();
    read_plan(&text).unwrap()
}

fn q1_report(plan: &Plan) -> ProgressReport {
    build_report(plan, &ReportingRules::default(), ReportPeriod::Q1, None)
}

/// The figures of a count line as the sheet and the document print them.
fn figures(counts: &StatusCounts) -> Vec<String> {
    let mut figures = vec![counts.total().to_string()];
    figures.extend(counts.by_status.iter().map(usize::to_string));
    figures.push(counts.overdue.to_string());
    figures.push(percent_text(counts.on_time_percent()));
    figures
}

fn row_texts(s: &Range<Data>, row: usize, columns: usize) -> Vec<String> {
    (0..columns).map(|c| cell(s, row, c)).collect()
}

#[test]
fn the_fixture_has_progress_to_report() {
    let plan = progress_plan();
    let report = q1_report(&plan);
    assert_eq!(report.total.total(), 77);
    assert_eq!(report.total.by_status, [71, 2, 2, 1, 1]);
    assert_eq!(report.total.on_time, 2);
    assert_eq!(percent_text(report.total.on_time_percent()), "2,6");
    assert_eq!(report.overdue.len(), 1);
    assert_eq!(report.overdue[0].content, OVERDUE_TASK);
    assert!(!report.due_next.is_empty());
    assert_eq!(
        report_file_name(&report, &plan),
        "bao-cao-tien-do-q1-2021-dak-nong.xlsx"
    );
    assert_eq!(
        report_docx_file_name(&report, &plan),
        "bao-cao-tien-do-q1-2021-dak-nong.docx"
    );
}

#[test]
fn the_workbook_reads_back_counts_lists_and_every_row() {
    let plan = progress_plan();
    let report = q1_report(&plan);
    let xlsx = build_report_xlsx(&report, &plan).unwrap();
    let mut book = open(&xlsx);
    assert_eq!(
        book.sheet_names(),
        [
            SHEET_REPORT_SUMMARY,
            SHEET_REPORT_BY_LEAD,
            SHEET_REPORT_OVERDUE,
            SHEET_REPORT_DUE_NEXT,
            SHEET_REPORT_TABLE
        ]
    );

    // Tổng hợp: heading, then the counts by area.
    let s = sheet(&mut book, SHEET_REPORT_SUMMARY);
    assert_eq!(cell(&s, 0, 0), "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG");
    assert_eq!(cell(&s, 1, 0), report.title());
    assert_eq!(
        cell(&s, 2, 0),
        "(Số liệu từ ngày 15/12/2020 đến ngày 14/03/2021; tình trạng tính đến ngày 14/03/2021)"
    );
    let areas = find_row(&s, 0, "1. Tình hình thực hiện theo lĩnh vực").unwrap();
    assert_eq!(
        row_texts(&s, areas + 1, 10),
        [
            "TT",
            "Lĩnh vực",
            "Tổng số",
            "Chưa triển khai",
            "Đang thực hiện",
            "Hoàn thành",
            "Hoàn thành quá hạn",
            "Không thực hiện",
            "Quá hạn",
            "Tỷ lệ hoàn thành đúng hạn (%)"
        ]
    );
    assert_eq!(report.by_area.len(), 7);
    for (i, tally) in report.by_area.iter().enumerate() {
        let r = areas + 2 + i;
        assert_eq!(cell(&s, r, 1), tally.name);
        assert_eq!(row_texts(&s, r, 10)[2..], figures(&tally.counts)[..]);
        assert!(number(&s, r, 2).is_some(), "counts are numbers");
    }
    assert_eq!(cell(&s, areas + 2, 0), "I");
    let total = areas + 2 + report.by_area.len();
    assert_eq!(cell(&s, total, 1), "Tổng cộng");
    assert_eq!(
        row_texts(&s, total, 10)[2..],
        ["77", "71", "2", "2", "1", "1", "1", "2,6"]
    );
    // Theo cơ quan chủ trì: the counts by lead agency, then the note.
    let s = sheet(&mut book, SHEET_REPORT_BY_LEAD);
    let leads = 0;
    assert_eq!(
        cell(&s, leads, 0),
        "2. Tình hình thực hiện theo cơ quan chủ trì"
    );
    assert_eq!(cell(&s, leads + 1, 1), "Cơ quan chủ trì");
    for (i, tally) in report.by_lead.iter().enumerate() {
        let r = leads + 2 + i;
        assert_eq!(cell(&s, r, 0), (i + 1).to_string());
        assert_eq!(cell(&s, r, 1), tally.name);
        assert_eq!(row_texts(&s, r, 10)[2..], figures(&tally.counts)[..]);
    }
    let total = leads + 2 + report.by_lead.len();
    assert_eq!(cell(&s, total, 1), "Tổng cộng");
    assert_eq!(number(&s, total, 2), Some(77.0), "every task once");
    assert!(cell(&s, total + 1, 0).starts_with("Ghi chú: Nhiệm vụ do nhiều cơ quan"));

    // Quá hạn: the overdue task with its agency; Kỳ tới: the tasks due next.
    let s = sheet(&mut book, SHEET_REPORT_OVERDUE);
    assert_eq!(cell(&s, 0, 0), "3. Nhiệm vụ quá hạn (1 nhiệm vụ)");
    assert_eq!(
        row_texts(&s, 1, 5),
        [
            "TT",
            "Nhiệm vụ",
            "Cơ quan chủ trì",
            "Thời hạn",
            "Tình trạng"
        ]
    );
    let overdue = &report.overdue[0];
    assert_eq!(
        row_texts(&s, 2, 5),
        [
            overdue.number.as_str(),
            OVERDUE_TASK,
            "Văn phòng UBND tỉnh",
            "Tháng 12/2020",
            "Chưa triển khai (quá hạn)"
        ]
    );
    let s = sheet(&mut book, SHEET_REPORT_DUE_NEXT);
    assert_eq!(
        cell(&s, 0, 0),
        format!(
            "4. Nhiệm vụ đến hạn trong kỳ tới ({} nhiệm vụ)",
            report.due_next.len()
        )
    );
    assert_eq!(s.end().unwrap().0 as usize, 1 + report.due_next.len());
    for (i, row) in report.due_next.iter().enumerate() {
        assert_eq!(cell(&s, 2 + i, 1), row.content);
        assert_eq!(cell(&s, 2 + i, 2), row.lead);
    }

    // Chi tiết: the header, then every row of the plan.
    let s = sheet(&mut book, SHEET_REPORT_TABLE);
    assert_eq!(cell(&s, 0, 0), "5. Chi tiết tình hình thực hiện nhiệm vụ");
    assert_eq!(row_texts(&s, 1, 7), REPORT_HEADERS);
    assert_eq!(report.rows.len(), plan.len());
    for (i, row) in report.rows.iter().enumerate() {
        let expected = [
            row.number.as_str(),
            &row.content,
            &row.lead,
            &row.deadline,
            &row.result,
            &row.status,
            &row.note,
        ];
        assert_eq!(row_texts(&s, 2 + i, 7), expected, "row {i}");
    }
    let done = find_row(&s, 1, "Kiến toàn Ban chỉ đạo CCHC tỉnh").unwrap();
    assert_eq!(
        cell(&s, done, 4),
        "Quyết định số 125/QĐ-UBND ngày 10/3/2021; hoàn thành ngày 10/03/2021"
    );
    assert_eq!(cell(&s, done, 5), "Hoàn thành");
    let dropped = report
        .rows
        .iter()
        .position(|r| r.status == "Không thực hiện");
    assert_eq!(
        cell(&s, 2 + dropped.unwrap(), 6),
        "Lý do: Chưa bố trí được kinh phí"
    );

    // Printing: A4 landscape, Times New Roman, each sheet's header row repeated.
    for n in 1..=5 {
        let xml = part(&xlsx, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(xml.contains("orientation=\"landscape\""), "sheet {n}");
        assert!(xml.contains("paperSize=\"9\""), "sheet {n}");
        assert!(
            xml.contains("<headerFooter differentFirst=\"1\">"),
            "sheet {n}"
        );
    }
    assert!(part(&xlsx, "xl/styles.xml").contains("Times New Roman"));
    let workbook = part(&xlsx, "xl/workbook.xml");
    for (id, titles) in [
        (0, "'Tổng hợp'!$6:$6"),
        (1, "'Theo cơ quan chủ trì'!$2:$2"),
        (2, "'Quá hạn'!$2:$2"),
        (3, "'Kỳ tới'!$2:$2"),
        (4, "'Chi tiết'!$2:$2"),
    ] {
        let name = format!("_xlnm.Print_Titles\" localSheetId=\"{id}\">{titles}<");
        assert!(workbook.contains(&name), "{name} in {workbook}");
    }
}

#[test]
fn the_word_report_reads_back_the_same() {
    let plan = progress_plan();
    let report = q1_report(&plan);
    let docx = read_docx(&build_report_docx(&report, &plan).unwrap());
    assert_eq!(docx.sections.len(), 1);
    let section = &docx.sections[0];
    assert_eq!(section.property("pgSz", "orient"), Some("landscape"));
    assert_eq!(section.property("pgSz", "w"), Some("16838"));
    let paragraphs = section.paragraphs();
    assert_eq!(paragraphs[0].text, "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG");
    assert_eq!(paragraphs[1].text, report.title());
    assert!(paragraphs[1].bold);
    assert!(paragraphs[2]
        .text
        .starts_with("(Số liệu từ ngày 15/12/2020 đến ngày 14/03/2021"));
    for title in [
        "1. Tình hình thực hiện theo lĩnh vực",
        "2. Tình hình thực hiện theo cơ quan chủ trì",
        "3. Nhiệm vụ quá hạn (1 nhiệm vụ)",
        "5. Chi tiết tình hình thực hiện nhiệm vụ",
    ] {
        let found = paragraphs.iter().find(|p| p.text == title);
        assert!(found.is_some_and(|p| p.bold), "{title}");
    }

    let tables = section.tables();
    assert_eq!(tables.len(), 5);
    for table in &tables {
        let header = &table.rows[0];
        assert!(header.header && header.cells.iter().all(|c| c.bold()));
    }
    let areas = tables[0];
    assert_eq!(areas.rows.len(), 1 + report.by_area.len() + 1);
    for (row, tally) in areas.rows[1..].iter().zip(&report.by_area) {
        assert_eq!(row.texts()[1], tally.name);
        assert_eq!(row.texts()[2..], figures(&tally.counts)[..]);
    }
    let total = areas.rows.last().unwrap();
    assert_eq!(
        total.texts()[1..],
        ["Tổng cộng", "77", "71", "2", "2", "1", "1", "1", "2,6"]
    );
    assert!(total.cells[1].bold());
    assert_eq!(tables[1].rows.len(), 1 + report.by_lead.len() + 1);

    let overdue = tables[2];
    assert_eq!(overdue.rows.len(), 2);
    assert_eq!(
        overdue.rows[1].texts()[1..],
        [
            OVERDUE_TASK,
            "Văn phòng UBND tỉnh",
            "Tháng 12/2020",
            "Chưa triển khai (quá hạn)"
        ]
    );
    assert_eq!(tables[3].rows.len(), 1 + report.due_next.len());

    let full = tables[4];
    assert_eq!(full.rows[0].texts(), REPORT_HEADERS);
    assert_eq!(full.rows.len(), 1 + report.rows.len());
    for (row, expected) in full.rows[1..].iter().zip(&report.rows) {
        assert_eq!(row.texts()[1], expected.content);
        assert_eq!(row.texts()[4], expected.result);
        assert_eq!(row.texts()[5], expected.status);
        assert_eq!(
            row.cells[1].bold(),
            expected.heading,
            "{}",
            expected.content
        );
    }
}

#[test]
fn empty_lists_say_so_and_the_day_of_reading_moves_overdue() {
    let mut plan = Plan::new("p", "Hưng Yên", 2027);
    let area = plan.add_area_titled(None, "CẢI CÁCH THỂ CHẾ".into());
    plan.add_task_with(
        Some(area),
        Task {
            content: "Kiểm tra CCHC".into(),
            deadline: "Tháng 5/2027".into(),
            lead: vec!["Sở Nội vụ".into(), "Sở Tư pháp".into()],
            ..Task::default()
        },
    );
    let rules = ReportingRules::default();
    let report = build_report(&plan, &rules, ReportPeriod::Year, None);
    assert_eq!(report.overdue.len(), 1);
    // Read on 1/3/2027 for Quý I: nothing overdue, one task due next period.
    let report = build_report(&plan, &rules, ReportPeriod::Q1, Day::new(2027, 3, 1));
    let xlsx = build_report_xlsx(&report, &plan).unwrap();
    let s = sheet(&mut open(&xlsx), SHEET_REPORT_OVERDUE);
    assert_eq!(cell(&s, 0, 0), "3. Nhiệm vụ quá hạn (0 nhiệm vụ)");
    assert_eq!(cell(&s, 2, 0), "Không có nhiệm vụ quá hạn.");
    let s = sheet(&mut open(&xlsx), SHEET_REPORT_DUE_NEXT);
    assert_eq!(
        cell(&s, 0, 0),
        "4. Nhiệm vụ đến hạn trong kỳ tới (1 nhiệm vụ)"
    );
    assert_eq!(cell(&s, 2, 2), "Sở Nội vụ; Sở Tư pháp");
    let s = sheet(&mut open(&xlsx), SHEET_REPORT_BY_LEAD);
    let leads = find_row(&s, 0, "2. Tình hình thực hiện theo cơ quan chủ trì").unwrap();
    assert_eq!(cell(&s, leads + 2, 1), "Sở Nội vụ");
    assert_eq!(cell(&s, leads + 3, 1), "Sở Tư pháp");
    assert_eq!(cell(&s, leads + 4, 1), "Tổng cộng");
    assert_eq!(number(&s, leads + 4, 2), Some(1.0));
    assert_eq!(cell(&s, leads + 4, 9), "0");

    let docx = read_docx(&build_report_docx(&report, &plan).unwrap());
    let overdue = docx.sections[0].tables()[2];
    assert_eq!(overdue.rows[1].texts(), ["Không có nhiệm vụ quá hạn."]);
    assert_eq!(overdue.rows[1].cells[0].span, 5);
}
