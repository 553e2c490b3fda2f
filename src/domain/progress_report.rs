//! The periodic progress report of a plan ("Báo cáo tiến độ"): counts by status per area and
//! per lead agency, the share done on time, the overdue tasks, the tasks due next period, and
//! the table TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn | Kết quả thực hiện | Tình trạng | Ghi
//! chú. Plain data: the writers (.xlsx, .docx) and the print view lay it out. Apart from
//! `progress` (which the plan's tasks hold) because it reads the plan.

use super::progress::{due_day, Day, PeriodRange, Progress, ReportPeriod, ReportingRules, Status};
use crate::domain::plan::{Item, Plan};
use crate::domain::timeline::full_numbers;

/// The share in percent with a Vietnamese decimal comma and one decimal at most: "83,3",
/// "100", "0"; "-" when there is nothing to share.
///
/// ```
/// use cchc_plan::domain::progress_report::percent_text;
/// assert_eq!(percent_text(Some(200.0 / 3.0)), "66,7");
/// assert_eq!(percent_text(Some(100.0)), "100");
/// assert_eq!(percent_text(None), "-");
/// ```
pub fn percent_text(percent: Option<f64>) -> String {
    let Some(percent) = percent else {
        return "-".to_string();
    };
    let tenths = (percent * 10.0).round() as i64;
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{},{}", tenths / 10, tenths % 10)
    }
}

/// How many tasks are in each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    /// By [`Status::ALL`] order.
    pub by_status: [usize; 5],
    /// Of the done ones, how many on time.
    pub on_time: usize,
    /// Open tasks past their due day on the report's day.
    pub overdue: usize,
}

impl StatusCounts {
    pub fn get(&self, status: Status) -> usize {
        self.by_status[Status::ALL.iter().position(|s| *s == status).unwrap_or(0)]
    }

    pub fn total(&self) -> usize {
        self.by_status.iter().sum()
    }

    pub fn done(&self) -> usize {
        self.get(Status::Done) + self.get(Status::DoneLate)
    }

    /// The share of all tasks done on time, in percent (none for no tasks).
    pub fn on_time_percent(&self) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| self.on_time as f64 * 100.0 / total as f64)
    }

    /// The share done on time as the app writes it: "42,9%" (a dash without tasks).
    ///
    /// ```
    /// use cchc_plan::domain::progress_report::StatusCounts;
    /// let counts = StatusCounts { by_status: [4, 0, 3, 0, 0], on_time: 3, overdue: 0 };
    /// assert_eq!(counts.on_time_share(), "42,9%");
    /// assert_eq!(StatusCounts::default().on_time_share(), "-");
    /// ```
    pub fn on_time_share(&self) -> String {
        match self.on_time_percent() {
            Some(percent) => format!("{}%", percent_text(Some(percent))),
            None => percent_text(None),
        }
    }

    /// The counts in one sentence, as the report's summary and the app say them.
    ///
    /// ```
    /// use cchc_plan::domain::progress_report::StatusCounts;
    /// let counts = StatusCounts { by_status: [2, 1, 3, 1, 0], on_time: 3, overdue: 2 };
    /// assert_eq!(counts.sentence(),
    ///     "7 nhiệm vụ: 2 chưa triển khai, 1 đang thực hiện, 3 hoàn thành, 1 hoàn thành quá hạn, \
    ///      0 không thực hiện; hoàn thành đúng hạn 3 (42,9%); quá hạn 2.");
    /// ```
    pub fn sentence(&self) -> String {
        let parts: Vec<String> = Status::ALL
            .into_iter()
            .map(|s| format!("{} {}", self.get(s), s.label().to_lowercase()))
            .collect();
        format!(
            "{} nhiệm vụ: {}; hoàn thành đúng hạn {} ({}); quá hạn {}.",
            self.total(),
            parts.join(", "),
            self.on_time,
            self.on_time_share(),
            self.overdue
        )
    }

    fn add(&mut self, status: Status, on_time: bool, overdue: bool) {
        if let Some(i) = Status::ALL.iter().position(|s| *s == status) {
            self.by_status[i] += 1;
        }
        self.on_time += usize::from(on_time);
        self.overdue += usize::from(overdue);
    }
}

/// One line of a count table: an area's title or an agency's name, and its counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    pub name: String,
    pub counts: StatusCounts,
}

/// What a row of the report's table shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRow {
    /// The full number: "I", "I.1", "I.1.2".
    pub number: String,
    /// An area or group heading (no status of its own), else a task.
    pub heading: bool,
    pub content: String,
    pub lead: String,
    pub deadline: String,
    /// What was produced, with the value reached and the day done when said.
    pub result: String,
    /// The status's label; "Quá hạn" added for an overdue open task; empty for a heading.
    pub status: String,
    pub note: String,
    pub overdue: bool,
}

/// The report of one period.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressReport {
    pub period: ReportPeriod,
    pub year: i32,
    pub range: PeriodRange,
    /// The day the statuses are read on (overdue is judged against it).
    pub as_of: Day,
    pub total: StatusCounts,
    pub by_area: Vec<Tally>,
    pub by_lead: Vec<Tally>,
    /// Overdue tasks, in table order.
    pub overdue: Vec<ReportRow>,
    /// Open tasks due after the cut-off up to the next period's.
    pub due_next: Vec<ReportRow>,
    /// The whole table: headings and tasks, in plan order.
    pub rows: Vec<ReportRow>,
}

impl ProgressReport {
    /// "Báo cáo tiến độ thực hiện Kế hoạch cải cách hành chính Quý I năm 2027".
    pub fn title(&self) -> String {
        format!(
            "Báo cáo tiến độ thực hiện Kế hoạch cải cách hành chính {} {}",
            match self.period {
                ReportPeriod::Year => "năm".to_string(),
                p => format!("{} năm", p.label()),
            },
            self.year
        )
    }
}

/// Builds the report of `period` of the plan's year, the statuses read on `as_of` (by
/// default the period's cut-off day).
///
/// ```
/// use cchc_plan::domain::plan::{Plan, Task};
/// use cchc_plan::domain::progress::{Progress, ReportPeriod, ReportingRules, Status};
/// use cchc_plan::domain::progress_report::build_report;
/// let mut plan = Plan::new("p", "Lào Cai", 2027);
/// let done = Progress { status: Status::Done, ..Progress::default() };
/// plan.add_task_with(None, Task { content: "Ban hành kế hoạch".into(), deadline: "Tháng 1/2027".into(),
///     lead: vec!["Sở Nội vụ".into()], progress: done, ..Task::default() });
/// plan.add_task_with(None, Task { content: "Kiểm tra CCHC".into(), deadline: "Quý I/2027".into(),
///     lead: vec!["Sở Nội vụ".into()], ..Task::default() });
/// let report = build_report(&plan, &ReportingRules::default(), ReportPeriod::SixMonths, None);
/// assert_eq!(report.total.done(), 1);
/// assert_eq!(report.overdue.len(), 1);
/// assert_eq!(report.overdue[0].content, "Kiểm tra CCHC");
/// ```
pub fn build_report(
    plan: &Plan,
    rules: &ReportingRules,
    period: ReportPeriod,
    as_of: Option<Day>,
) -> ProgressReport {
    let range = rules.range(period, plan.year);
    let next = rules.next_range(period, plan.year);
    let as_of = as_of.unwrap_or(range.to);
    let numbers = full_numbers(&plan.numbers(), plan.rows().iter().map(|r| r.depth));

    let mut report = ProgressReport {
        period,
        year: plan.year,
        range,
        as_of,
        total: StatusCounts::default(),
        by_area: Vec::new(),
        by_lead: Vec::new(),
        overdue: Vec::new(),
        due_next: Vec::new(),
        rows: Vec::with_capacity(plan.len()),
    };
    let mut area: Option<usize> = None;
    for (row, number) in plan.rows().iter().zip(numbers) {
        let task = match &row.item {
            Item::Area { title } | Item::Group { title } => {
                if matches!(row.item, Item::Area { .. }) {
                    report.by_area.push(Tally {
                        name: title.clone(),
                        counts: StatusCounts::default(),
                    });
                    area = Some(report.by_area.len() - 1);
                }
                report.rows.push(ReportRow {
                    number,
                    heading: true,
                    content: title.clone(),
                    lead: String::new(),
                    deadline: String::new(),
                    result: String::new(),
                    status: String::new(),
                    note: String::new(),
                    overdue: false,
                });
                continue;
            }
            Item::Task(task) => task,
        };
        let progress = &task.progress;
        let due = due_day(&task.deadline, plan.year);
        let overdue = progress.status.is_open() && due.is_some_and(|d| d < as_of);
        let on_time = progress.on_time(due) == Some(true);
        report.total.add(progress.status, on_time, overdue);
        if let Some(a) = area {
            report.by_area[a]
                .counts
                .add(progress.status, on_time, overdue);
        }
        for lead in &task.lead {
            let tally = match report.by_lead.iter().position(|t| t.name == *lead) {
                Some(i) => &mut report.by_lead[i],
                None => {
                    report.by_lead.push(Tally {
                        name: lead.clone(),
                        counts: StatusCounts::default(),
                    });
                    report.by_lead.last_mut().expect("just pushed")
                }
            };
            tally.counts.add(progress.status, on_time, overdue);
        }
        let line = ReportRow {
            number,
            heading: false,
            content: task.content.clone(),
            lead: task.lead.join("; "),
            deadline: task.deadline.clone(),
            result: result_text(progress),
            status: if overdue {
                format!("{} (quá hạn)", progress.status.label())
            } else {
                progress.status.label().to_string()
            },
            note: note_text(progress, &task.note),
            overdue,
        };
        if overdue {
            report.overdue.push(line.clone());
        }
        if progress.status.is_open() && due.is_some_and(|d| next.from <= d && d <= next.to) {
            report.due_next.push(line.clone());
        }
        report.rows.push(line);
    }
    report
}

/// "Quyết định số 12/QĐ-UBND; đạt 96%; hoàn thành ngày 20/03/2027".
fn result_text(progress: &Progress) -> String {
    let mut parts = Vec::new();
    if !progress.result.is_empty() {
        parts.push(progress.result.clone());
    }
    if !progress.reached.is_empty() {
        parts.push(format!("đạt {}", progress.reached));
    }
    if let Some(day) = progress.completed_on {
        parts.push(format!("hoàn thành ngày {day}"));
    }
    parts.join("; ")
}

/// The task's note, and the reason a task is not done.
fn note_text(progress: &Progress, note: &str) -> String {
    match (progress.status, progress.reason.is_empty(), note.is_empty()) {
        (Status::NotDone, false, true) => format!("Lý do: {}", progress.reason),
        (Status::NotDone, false, false) => format!("{note}. Lý do: {}", progress.reason),
        _ => note.to_string(),
    }
}
