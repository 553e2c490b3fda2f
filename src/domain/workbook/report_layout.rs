//! "Báo cáo tiến độ" laid out once for every output: the [`ProgressReport`] of a period as
//! the heading, two count tables, two task lists and the full table, each with its title,
//! headers and texts. The report's sheets (`report_sheets.rs`) and the Word export
//! (`docx::report`) both write it, so both files say the same.
//!
//! 1. Counts by area, 2. counts by lead agency: TT | Lĩnh vực (Cơ quan chủ trì) | Tổng số |
//!    one column per status | Quá hạn | Tỷ lệ hoàn thành đúng hạn (%), then "Tổng cộng"
//!    (every task once, whatever its lead agencies);
//! 3. the overdue tasks and 4. the tasks due next period: TT | Nhiệm vụ | Cơ quan chủ trì |
//!    Thời hạn | Tình trạng;
//! 5. the whole table: TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn | Kết quả thực hiện |
//!    Tình trạng | Ghi chú, area and group headings bold.

use crate::domain::numbering::roman;
use crate::domain::progress::Status;
use crate::domain::progress_report::{ProgressReport, ReportRow, StatusCounts};

use super::heading::{province_phrase, Heading};
use super::task_table::TOTAL_LABEL;

/// Headers of the full table (5.).
pub const REPORT_HEADERS: [&str; 7] = [
    "TT",
    "Nhiệm vụ",
    "Cơ quan chủ trì",
    "Thời hạn",
    "Kết quả thực hiện",
    "Tình trạng",
    "Ghi chú",
];
/// Widths of the full table's columns, in Excel character units (one A4 landscape page wide).
pub const REPORT_WIDTHS: [f64; 7] = [8.0, 48.0, 24.0, 15.0, 34.0, 17.0, 20.0];
/// Headers of the task lists (3., 4.).
pub const LIST_HEADERS: [&str; 5] = [
    "TT",
    "Nhiệm vụ",
    "Cơ quan chủ trì",
    "Thời hạn",
    "Tình trạng",
];
/// Widths of the task lists' columns.
pub const LIST_WIDTHS: [f64; 5] = [8.0, 70.0, 36.0, 18.0, 24.0];
/// Widths of the count tables' columns: TT, name, then ten narrow figures.
pub const COUNT_WIDTHS: [f64; 10] = [6.0, 42.0, 9.0, 12.0, 12.0, 12.0, 12.0, 12.0, 10.0, 14.0];
/// The note under the count table by lead agency.
pub const BY_LEAD_NOTE: &str = "Ghi chú: Nhiệm vụ do nhiều cơ quan cùng chủ trì được tính cho mỗi cơ quan; dòng Tổng cộng tính mỗi nhiệm vụ một lần.";

/// "Số liệu từ ngày 15/12/2026 đến ngày 14/03/2027".
pub fn range_line(report: &ProgressReport) -> String {
    format!(
        "Số liệu từ ngày {} đến ngày {}",
        report.range.from, report.range.to
    )
}

pub use crate::domain::progress_report::percent_text;

/// One line of a count table: an area, a lead agency, or the total.
#[derive(Clone, Debug, PartialEq)]
pub struct CountLine {
    pub number: String,
    pub name: String,
    pub counts: StatusCounts,
}

impl CountLine {
    /// The figures after the name: the total, each status in [`Status::ALL`] order, the
    /// overdue ones.
    pub fn figures(&self) -> [usize; 7] {
        let c = &self.counts;
        let mut figures = [c.total(), 0, 0, 0, 0, 0, c.overdue];
        for (slot, status) in figures[1..6].iter_mut().zip(Status::ALL) {
            *slot = c.get(status);
        }
        figures
    }

    /// The share done on time: "83,3".
    pub fn percent(&self) -> String {
        percent_text(self.counts.on_time_percent())
    }
}

/// A count table (1. by area, 2. by lead agency).
#[derive(Clone, Debug, PartialEq)]
pub struct CountTable {
    /// "1. Tình hình thực hiện theo lĩnh vực".
    pub title: String,
    /// One per column of [`COUNT_WIDTHS`].
    pub headers: Vec<String>,
    pub lines: Vec<CountLine>,
    /// "Tổng cộng": every task of the plan once.
    pub total: CountLine,
    pub note: Option<&'static str>,
}

/// A list of tasks (3. overdue, 4. due next period): one text per column of
/// [`LIST_HEADERS`] for each task.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskList {
    /// "3. Nhiệm vụ quá hạn (2 nhiệm vụ)".
    pub title: String,
    pub rows: Vec<[String; 5]>,
    /// What the list says when it has no task: "Không có nhiệm vụ quá hạn.".
    pub empty: &'static str,
}

/// A line of the full table: one text per column of [`REPORT_HEADERS`]; headings bold.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportLine {
    pub bold: bool,
    pub cells: [String; 7],
}

/// The whole report, laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportLayout {
    /// Label: the province's committee; title: [`ProgressReport::title`]; the italic line:
    /// the period's days and the day statuses are read on.
    pub heading: Heading,
    pub by_area: CountTable,
    pub by_lead: CountTable,
    pub overdue: TaskList,
    pub due_next: TaskList,
    /// "5. Chi tiết tình hình thực hiện nhiệm vụ".
    pub table_title: &'static str,
    pub table: Vec<ReportLine>,
}

fn count_table(title: &str, name: &str, lines: Vec<CountLine>, total: StatusCounts) -> CountTable {
    let mut headers = vec!["TT".to_string(), name.to_string(), "Tổng số".to_string()];
    headers.extend(Status::ALL.iter().map(|s| s.label().to_string()));
    headers.push("Quá hạn".to_string());
    headers.push("Tỷ lệ hoàn thành đúng hạn (%)".to_string());
    CountTable {
        title: title.to_string(),
        headers,
        lines,
        total: CountLine {
            number: String::new(),
            name: TOTAL_LABEL.to_string(),
            counts: total,
        },
        note: None,
    }
}

fn task_list(title: &str, rows: &[ReportRow], empty: &'static str) -> TaskList {
    TaskList {
        title: format!("{title} ({} nhiệm vụ)", rows.len()),
        rows: rows
            .iter()
            .map(|r| {
                [
                    r.number.clone(),
                    r.content.clone(),
                    r.lead.clone(),
                    r.deadline.clone(),
                    r.status.clone(),
                ]
            })
            .collect(),
        empty,
    }
}

impl ReportLayout {
    /// Lays out the report of a plan of `province`.
    ///
    /// ```
    /// use cchc_plan::domain::plan::{Plan, Task};
    /// use cchc_plan::domain::progress::{ReportPeriod, ReportingRules};
    /// use cchc_plan::domain::progress_report::build_report;
    /// use cchc_plan::domain::workbook::ReportLayout;
    /// let mut plan = Plan::new("p", "Lào Cai", 2027);
    /// let area = plan.add_area_titled(None, "CẢI CÁCH THỂ CHẾ".into());
    /// plan.add_task_with(Some(area), Task { content: "Kiểm tra CCHC".into(),
    ///     deadline: "Quý I/2027".into(), lead: vec!["Sở Nội vụ".into()], ..Task::default() });
    /// let report = build_report(&plan, &ReportingRules::default(), ReportPeriod::SixMonths, None);
    /// let layout = ReportLayout::new(&report, &plan.province);
    /// assert_eq!(layout.heading.attachment,
    ///     "(Số liệu từ ngày 15/12/2026 đến ngày 14/06/2027; tình trạng tính đến ngày 14/06/2027)");
    /// assert_eq!(layout.by_area.lines[0].name, "CẢI CÁCH THỂ CHẾ");
    /// assert_eq!(layout.overdue.rows[0][1], "Kiểm tra CCHC");
    /// ```
    pub fn new(report: &ProgressReport, province: &str) -> ReportLayout {
        let by_area = report
            .by_area
            .iter()
            .enumerate()
            .map(|(i, tally)| CountLine {
                number: roman(i as u32 + 1),
                name: tally.name.clone(),
                counts: tally.counts,
            })
            .collect();
        let by_lead = report
            .by_lead
            .iter()
            .enumerate()
            .map(|(i, tally)| CountLine {
                number: (i + 1).to_string(),
                name: tally.name.clone(),
                counts: tally.counts,
            })
            .collect();
        let mut by_lead = count_table(
            "2. Tình hình thực hiện theo cơ quan chủ trì",
            "Cơ quan chủ trì",
            by_lead,
            report.total,
        );
        by_lead.note = Some(BY_LEAD_NOTE);
        ReportLayout {
            heading: Heading {
                label: format!("Ủy ban nhân dân {}", province_phrase(province)).to_uppercase(),
                title: report.title(),
                attachment: format!(
                    "({}; tình trạng tính đến ngày {})",
                    range_line(report),
                    report.as_of
                ),
                unit: false,
            },
            by_area: count_table(
                "1. Tình hình thực hiện theo lĩnh vực",
                "Lĩnh vực",
                by_area,
                report.total,
            ),
            by_lead,
            overdue: task_list(
                "3. Nhiệm vụ quá hạn",
                &report.overdue,
                "Không có nhiệm vụ quá hạn.",
            ),
            due_next: task_list(
                "4. Nhiệm vụ đến hạn trong kỳ tới",
                &report.due_next,
                "Không có nhiệm vụ đến hạn trong kỳ tới.",
            ),
            table_title: "5. Chi tiết tình hình thực hiện nhiệm vụ",
            table: report
                .rows
                .iter()
                .map(|r| ReportLine {
                    bold: r.heading,
                    cells: [
                        r.number.clone(),
                        r.content.clone(),
                        r.lead.clone(),
                        r.deadline.clone(),
                        r.result.clone(),
                        r.status.clone(),
                        r.note.clone(),
                    ],
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_read_in_vietnamese() {
        assert_eq!(percent_text(Some(83.333)), "83,3");
        assert_eq!(percent_text(Some(0.0)), "0");
        assert_eq!(percent_text(Some(12.96)), "13");
        assert_eq!(percent_text(Some(0.04)), "0");
    }

    #[test]
    fn figures_follow_the_headers() {
        let counts = StatusCounts {
            by_status: [1, 2, 3, 4, 5],
            on_time: 3,
            overdue: 2,
        };
        let line = CountLine {
            number: "1".into(),
            name: "Sở Nội vụ".into(),
            counts,
        };
        assert_eq!(line.figures(), [15, 1, 2, 3, 4, 5, 2]);
        assert_eq!(line.percent(), "20");
        let table = count_table("t", "Lĩnh vực", vec![line], counts);
        assert_eq!(table.headers.len(), COUNT_WIDTHS.len());
        assert_eq!(table.headers[3], "Chưa triển khai");
        assert_eq!(table.headers[7], "Không thực hiện");
    }
}
