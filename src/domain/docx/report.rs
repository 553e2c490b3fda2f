//! "Báo cáo tiến độ" in Word: the [`ReportLayout`] of a period, as the Excel report lays it
//! out, in one A4 landscape section numbered from 1: the heading block, then each part's
//! bold title and its table (the header row repeated on every page, no row split across
//! pages): 1. counts by area, 2. by lead agency (with its note), 3. the overdue tasks,
//! 4. the tasks due next period, 5. every task.

use crate::domain::plan::Plan;
use crate::domain::progress_report::ProgressReport;
use crate::domain::workbook::{
    report_file_stem, CountLine, CountTable, ReportLayout, TaskList, COUNT_WIDTHS, LIST_HEADERS,
    LIST_WIDTHS, REPORT_HEADERS, REPORT_WIDTHS,
};

use super::builder::DocxBuilder;
use super::heading::{self, part_title as title};
use super::page::PageSetup;
use super::paragraph::Align;
use super::table::{Table, TableRow};
use super::task_table::{header_row, text_cell, widths_mm};
use super::totals::note_line;
use super::{plan_properties, DocxError};

/// A table of these Excel widths fitted to the page, with its header row.
fn open_table<S: AsRef<str>>(weights: &[f64], headers: &[S], text_width: f32) -> Table {
    let mut table = Table::new(widths_mm(weights, text_width), true);
    table.rows.push(header_row(headers));
    table
}

fn count_row(line: &CountLine, bold: bool) -> TableRow {
    let mut cells = vec![
        text_cell(line.number.clone(), Align::Center, bold),
        text_cell(line.name.clone(), Align::Left, bold),
    ];
    cells.extend(
        line.figures()
            .iter()
            .map(|f| text_cell(f.to_string(), Align::Center, bold)),
    );
    cells.push(text_cell(line.percent(), Align::Center, bold));
    TableRow::new(cells)
}

fn count_table(doc: &mut DocxBuilder, table: &CountTable, text_width: f32) {
    title(doc, &table.title);
    let mut out = open_table(&COUNT_WIDTHS, &table.headers, text_width);
    out.rows
        .extend(table.lines.iter().map(|line| count_row(line, false)));
    out.rows.push(count_row(&table.total, true));
    doc.push_table(&out);
    if let Some(note) = table.note {
        note_line(doc, note);
    }
}

fn task_list(doc: &mut DocxBuilder, list: &TaskList, text_width: f32) {
    title(doc, &list.title);
    let mut out = open_table(&LIST_WIDTHS, &LIST_HEADERS, text_width);
    if list.rows.is_empty() {
        let empty = text_cell(list.empty.to_string(), Align::Left, false);
        out.rows
            .push(TableRow::new(vec![empty.span(LIST_WIDTHS.len())]));
    }
    for row in &list.rows {
        let cells = row
            .iter()
            .enumerate()
            .map(|(col, text)| {
                let align = if matches!(col, 0 | 3) {
                    Align::Center
                } else {
                    Align::Left
                };
                text_cell(text.clone(), align, false)
            })
            .collect();
        out.rows.push(TableRow::new(cells));
    }
    doc.push_table(&out);
}

/// Writes the report into `doc` as its own section and ends it.
pub(crate) fn append_report(doc: &mut DocxBuilder, layout: &ReportLayout) {
    let page = PageSetup::appendix();
    let text_width = page.text_width_mm();
    heading::write(doc, &layout.heading, text_width);
    count_table(doc, &layout.by_area, text_width);
    count_table(doc, &layout.by_lead, text_width);
    task_list(doc, &layout.overdue, text_width);
    task_list(doc, &layout.due_next, text_width);
    title(doc, layout.table_title);
    let mut out = open_table(&REPORT_WIDTHS, &REPORT_HEADERS, text_width);
    for line in &layout.table {
        let cells = line
            .cells
            .iter()
            .enumerate()
            .map(|(col, text)| {
                let align = if matches!(col, 0 | 3 | 5) {
                    Align::Center
                } else {
                    Align::Left
                };
                text_cell(text.clone(), align, line.bold)
            })
            .collect();
        out.rows.push(TableRow::new(cells));
    }
    doc.reserve(out.rows.len() * REPORT_WIDTHS.len() * 260);
    doc.push_table(&out);
    doc.end_section(page);
}

/// The progress report of a period of `plan` (whose province heads it) as a .docx, A4
/// landscape; returns its bytes. Says what the Excel report
/// ([`build_report_xlsx`](crate::domain::workbook::build_report_xlsx)) says.
///
/// ```
/// use cchc_plan::domain::docx::{build_report_docx, report_docx_file_name};
/// use cchc_plan::domain::plan::{Plan, Task};
/// use cchc_plan::domain::progress::{ReportPeriod, ReportingRules};
/// use cchc_plan::domain::progress_report::build_report;
/// let mut plan = Plan::new("p", "Hưng Yên", 2027);
/// plan.add_task_with(None, Task { content: "Kiểm tra CCHC".into(), deadline: "Quý I/2027".into(),
///     ..Task::default() });
/// let report = build_report(&plan, &ReportingRules::default(), ReportPeriod::Year, None);
/// let bytes = build_report_docx(&report, &plan).unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// assert_eq!(report_docx_file_name(&report, &plan), "bao-cao-tien-do-year-2027-hung-yen.docx");
/// ```
///
/// # Errors
/// [`DocxError::Package`] when the file cannot be written.
pub fn build_report_docx(report: &ProgressReport, plan: &Plan) -> Result<Vec<u8>, DocxError> {
    let mut doc = DocxBuilder::new();
    doc.set_properties(plan_properties(plan, report.title()));
    append_report(&mut doc, &ReportLayout::new(report, &plan.province));
    doc.finish()
}

/// The file name of the Word progress report: "bao-cao-tien-do-q1-2027-hung-yen.docx".
pub fn report_docx_file_name(report: &ProgressReport, plan: &Plan) -> String {
    format!(
        "{}.docx",
        report_file_stem(report.period, report.year, &plan.province)
    )
}
