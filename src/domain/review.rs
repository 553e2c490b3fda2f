//! The plan check ("Kiểm tra kế hoạch"): what a careful reviewer at the Sở Nội vụ would mark
//! in a draft appendix.
//!
//! Per task: no content, no lead agency, no deadline, a deadline not understood, a deadline
//! outside the plan year (the December before is fine), an outdated agency name (plans from
//! [`RENAMES_FROM`]), a district-level addressee (plans from [`TWO_LEVEL_FROM`]), a word
//! typed twice in an agency name ("Sở Sở Nội vụ"), an old year, a former province or "cấp huyện"
//! written in its texts ([`mentions`], each with a proposed [`TextFix`]). Across the
//! table: the same task twice in one area, a task without budget in an area that has
//! budgets, an area or group with nothing in it. And the deadlines a move to another year
//! left for a person to read ([`RollFlag`]).
//!
//! [`Checker`] keeps what it found for each row and reuses it while the row is unchanged
//! (rows are `Arc`s: a pointer comparison tells), so re-checking a 1.000-task plan after a
//! keystroke redoes one row plus the cheap table-wide passes.
//!
//! ```
//! use std::sync::Arc;
//! use cchc_plan::domain::agency::RenameTable;
//! use cchc_plan::domain::plan::{Plan, Task};
//! use cchc_plan::domain::review::{Checker, FindingKind};
//! let mut plan = Plan::new("p", "Lào Cai", 2027);
//! let area = plan.add_area_titled(None, "Cải cách thể chế".into());
//! let task = plan.add_task_with(Some(area), Task {
//!     content: "Rà soát văn bản".into(),
//!     lead: vec!["UBND cấp huyện".into()],
//!     deadline: "Quý I/2027".into(),
//!     ..Task::default()
//! });
//! let mut checker = Checker::new(Arc::new(RenameTable::builtin()));
//! let review = checker.check(&plan, &[]);
//! let kinds: Vec<FindingKind> = review.of_row(task).iter().map(|f| f.kind).collect();
//! assert_eq!(kinds, [FindingKind::DistrictLevel]);
//! assert_eq!(review.marker_label(task).unwrap(), "Có 1 lưu ý");
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use super::agency::{is_district_level, AgencyField, RenameTable};
use super::deadline::{self, DeadlineForm};
use super::plan::{Plan, Row, RowId, RowKind, Task};
use super::progress::{due_day, Day};
use super::text::fold_words;
use super::timeline::full_numbers;

/// From this plan year on, the 2025 names of the sở are expected (Nghị định 45/2025/NĐ-CP,
/// in force from 1 March 2025).
pub const RENAMES_FROM: i32 = 2025;
/// From this plan year on, there is no district level (two-level local government from
/// 1 July 2025).
pub const TWO_LEVEL_FROM: i32 = 2026;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Must be fixed before the plan is issued.
    Error,
    /// Worth a look.
    Warning,
}

/// What a finding is about; the order is the order of the panel's groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// A task without content, an area or group without title.
    NoContent,
    NoLead,
    DistrictLevel,
    OutdatedAgency,
    /// A word typed twice in a row in an agency name: "Sở Sở Nội vụ".
    DoubledWord,
    DeadlineOutsideYear,
    DeadlineUnknown,
    NoDeadline,
    /// A deadline a move to another year could not settle (see [`RollFlag`]).
    RolledDeadline,
    /// An old year, a former province or "cấp huyện" written in a task's texts.
    TextMention,
    Duplicate,
    EmptyArea,
    MissingBudget,
    /// An open task whose due day has passed (only in plans that track progress).
    Overdue,
    /// One agency both leads and co-operates on a task.
    LeadAlsoPartner,
}

impl FindingKind {
    /// Every kind, in panel order.
    pub const ALL: [FindingKind; 15] = [
        FindingKind::NoContent,
        FindingKind::NoLead,
        FindingKind::DistrictLevel,
        FindingKind::OutdatedAgency,
        FindingKind::DoubledWord,
        FindingKind::DeadlineOutsideYear,
        FindingKind::DeadlineUnknown,
        FindingKind::NoDeadline,
        FindingKind::RolledDeadline,
        FindingKind::TextMention,
        FindingKind::Duplicate,
        FindingKind::EmptyArea,
        FindingKind::MissingBudget,
        FindingKind::Overdue,
        FindingKind::LeadAlsoPartner,
    ];

    /// The heading of the group of such findings (Vietnamese).
    pub fn title(self) -> &'static str {
        match self {
            FindingKind::NoContent => "Thiếu nội dung",
            FindingKind::NoLead => "Chưa có cơ quan chủ trì",
            FindingKind::DistrictLevel => "Giao cho cấp huyện (không còn từ 1/7/2025)",
            FindingKind::OutdatedAgency => "Tên cơ quan cũ",
            FindingKind::DoubledWord => "Từ lặp trong tên cơ quan",
            FindingKind::DeadlineOutsideYear => "Thời hạn ngoài năm kế hoạch",
            FindingKind::DeadlineUnknown => "Thời hạn không đọc được",
            FindingKind::NoDeadline => "Chưa có thời gian thực hiện",
            FindingKind::RolledDeadline => "Thời hạn cần xem lại sau khi chuyển năm",
            FindingKind::TextMention => "Năm, địa danh cũ trong nội dung",
            FindingKind::Duplicate => "Nhiệm vụ trùng lặp",
            FindingKind::EmptyArea => "Lĩnh vực, nhóm trống",
            FindingKind::MissingBudget => "Thiếu kinh phí (lĩnh vực có dự toán)",
            FindingKind::Overdue => "Quá hạn, chưa hoàn thành",
            FindingKind::LeadAlsoPartner => "Cơ quan vừa chủ trì vừa phối hợp",
        }
    }

    /// A short stable key, for CSS classes and element ids.
    pub fn key(self) -> &'static str {
        match self {
            FindingKind::NoContent => "no-content",
            FindingKind::NoLead => "no-lead",
            FindingKind::DistrictLevel => "district-level",
            FindingKind::OutdatedAgency => "outdated-agency",
            FindingKind::DoubledWord => "doubled-word",
            FindingKind::DeadlineOutsideYear => "deadline-outside-year",
            FindingKind::DeadlineUnknown => "deadline-unknown",
            FindingKind::NoDeadline => "no-deadline",
            FindingKind::RolledDeadline => "rolled-deadline",
            FindingKind::TextMention => "text-mention",
            FindingKind::Duplicate => "duplicate",
            FindingKind::EmptyArea => "empty-area",
            FindingKind::MissingBudget => "missing-budget",
            FindingKind::Overdue => "overdue",
            FindingKind::LeadAlsoPartner => "lead-also-partner",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            FindingKind::NoContent
            | FindingKind::NoLead
            | FindingKind::DistrictLevel
            | FindingKind::OutdatedAgency
            | FindingKind::DeadlineOutsideYear => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

/// One thing to look at, on one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub row: RowId,
    pub kind: FindingKind,
    /// What is wrong, in Vietnamese, without the row's number.
    pub message: String,
    /// A change the drafter may accept ("Áp dụng đề xuất"), never made without asking.
    pub fix: Option<TextFix>,
}

/// A deadline that a move to another year flagged for review: it stays a finding while the
/// task's deadline still reads `text` and the plan is still of `year`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollFlag {
    pub row: RowId,
    pub text: String,
    pub year: i32,
}

/// Everything the check found, in table order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Review {
    findings: Vec<Finding>,
    /// The findings of each row: a range of `findings`.
    by_row: HashMap<RowId, (usize, usize)>,
}

impl Review {
    fn from_rows(rows: Vec<(RowId, Vec<Finding>)>) -> Review {
        let mut review = Review::default();
        for (row, mut found) in rows {
            if found.is_empty() {
                continue;
            }
            found.sort_by_key(|f| f.kind);
            let start = review.findings.len();
            review.findings.extend(found);
            review.by_row.insert(row, (start, review.findings.len()));
        }
        review
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn len(&self) -> usize {
        self.findings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// The findings of one row.
    pub fn of_row(&self, row: RowId) -> &[Finding] {
        self.by_row
            .get(&row)
            .map_or(&[], |&(start, end)| &self.findings[start..end])
    }

    /// The findings of one kind, in table order.
    pub fn of_kind(&self, kind: FindingKind) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.kind == kind)
    }

    /// How many findings are errors and how many warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .findings
            .iter()
            .filter(|f| f.kind.severity() == Severity::Error)
            .count();
        (errors, self.findings.len() - errors)
    }

    /// The marker of a row: "Có 2 lưu ý", or `None` when the row has nothing.
    pub fn marker_label(&self, row: RowId) -> Option<String> {
        let n = self.of_row(row).len();
        (n > 0).then(|| format!("Có {n} lưu ý"))
    }

    /// The messages of a row, one per line (the marker's tooltip).
    pub fn marker_title(&self, row: RowId) -> String {
        self.of_row(row)
            .iter()
            .map(|f| format!("• {}", f.message))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// What one row yields by itself, kept while the row and the plan year stay the same.
struct RowCheck {
    row: Arc<Row>,
    year: i32,
    findings: Vec<Finding>,
    /// The task's content, folded, for the duplicate check (empty for headings), shared so
    /// that a re-check copies a pointer.
    key: Arc<str>,
    /// The task's due day (for "quá hạn"), read once per change of the row.
    due: Option<Day>,
}

/// Checks plans, remembering each row's own findings between calls.
pub struct Checker {
    renames: Arc<RenameTable>,
    cache: HashMap<RowId, RowCheck>,
    /// The day overdue tasks are judged against (none: no overdue findings).
    today: Option<Day>,
}

impl Checker {
    pub fn new(renames: Arc<RenameTable>) -> Checker {
        Checker {
            renames,
            cache: HashMap::new(),
            today: None,
        }
    }

    /// The day "quá hạn" is judged against: the app passes today (its clock can be moved in
    /// tests); without one, nothing is overdue.
    pub fn set_today(&mut self, today: Option<Day>) {
        self.today = today;
    }

    /// The rename table this checker uses.
    pub fn renames(&self) -> &Arc<RenameTable> {
        &self.renames
    }

    /// Checks a plan; `flags` are the deadlines a move to another year left for review.
    pub fn check(&mut self, plan: &Plan, flags: &[RollFlag]) -> Review {
        let rows = plan.rows();
        let year = plan.year;
        let mut cache = std::mem::take(&mut self.cache);
        let mut out: Vec<(RowId, Vec<Finding>)> = Vec::with_capacity(rows.len());
        let mut keys: Vec<Arc<str>> = Vec::with_capacity(rows.len());
        let mut dues: Vec<Option<Day>> = Vec::with_capacity(rows.len());
        for row in rows {
            let reuse = cache
                .remove(&row.id)
                .filter(|c| c.year == year && Arc::ptr_eq(&c.row, row));
            let checked = reuse.unwrap_or_else(|| RowCheck {
                row: row.clone(),
                year,
                findings: row_findings(row, year, &self.renames),
                key: match row.task() {
                    Some(task) => fold_words(&task.content).join(" ").into(),
                    None => Arc::from(""),
                },
                due: row.task().and_then(|t| due_day(&t.deadline, year)),
            });
            out.push((row.id, checked.findings.clone()));
            keys.push(checked.key.clone());
            dues.push(checked.due);
            self.cache.insert(row.id, checked);
        }
        table_findings(plan, &keys, &mut out);
        roll_findings(plan, flags, &mut out);
        if let Some(today) = self.today {
            overdue_findings(plan, &dues, today, &mut out);
        }
        Review::from_rows(out)
    }
}

/// Checks a plan once (see [`Checker`] to check it again and again).
pub fn check(plan: &Plan, renames: &RenameTable, flags: &[RollFlag]) -> Review {
    Checker::new(Arc::new(renames.clone())).check(plan, flags)
}

fn finding(row: RowId, kind: FindingKind, message: String) -> Finding {
    Finding {
        row,
        kind,
        message,
        fix: None,
    }
}

/// The findings a row yields by itself.
fn row_findings(row: &Row, year: i32, renames: &RenameTable) -> Vec<Finding> {
    let id = row.id;
    let Some(task) = row.task() else {
        let what = match row.kind() {
            RowKind::Area => "Lĩnh vực chưa có tên",
            _ => "Nhóm chưa có tên",
        };
        return if row.text().trim().is_empty() {
            vec![finding(id, FindingKind::NoContent, what.to_string())]
        } else {
            Vec::new()
        };
    };
    let mut out = Vec::new();
    if task.content.trim().is_empty() {
        out.push(finding(
            id,
            FindingKind::NoContent,
            "Nhiệm vụ chưa có nội dung".into(),
        ));
    }
    if task.lead.iter().all(|l| l.trim().is_empty()) {
        out.push(finding(
            id,
            FindingKind::NoLead,
            "Chưa có cơ quan chủ trì".into(),
        ));
    }
    deadline_findings(id, task, year, &mut out);
    agency_findings(id, task, year, renames, &mut out);
    names::doubled_word_findings(id, task, &mut out);
    names::lead_partner_findings(id, task, &mut out);
    mentions::mention_findings(id, task, year, &mut out);
    out
}

fn deadline_findings(id: RowId, task: &Task, year: i32, out: &mut Vec<Finding>) {
    let text = task.deadline.trim();
    if text.is_empty() {
        out.push(finding(
            id,
            FindingKind::NoDeadline,
            "Chưa có thời gian thực hiện".into(),
        ));
        return;
    }
    let parsed = deadline::parse(text);
    if parsed.form == DeadlineForm::Unknown {
        out.push(finding(
            id,
            FindingKind::DeadlineUnknown,
            format!(
                "Không đọc được thời hạn “{text}”: không xếp được theo quý, không kiểm tra được năm"
            ),
        ));
    } else if parsed.outside_plan_year(year) {
        out.push(finding(
            id,
            FindingKind::DeadlineOutsideYear,
            format!("Thời hạn “{text}” không thuộc năm kế hoạch {year}"),
        ));
    }
}

fn agency_findings(
    id: RowId,
    task: &Task,
    year: i32,
    renames: &RenameTable,
    out: &mut Vec<Finding>,
) {
    if year >= TWO_LEVEL_FROM {
        for (field, list) in [
            (AgencyField::Lead, &task.lead),
            (AgencyField::Partners, &task.partners),
        ] {
            let names: Vec<String> = list
                .iter()
                .filter(|n| is_district_level(n))
                .map(|n| format!("“{}”", n.trim()))
                .collect();
            if !names.is_empty() {
                out.push(finding(
                    id,
                    FindingKind::DistrictLevel,
                    format!(
                        "{} giao cho cấp huyện ({}), cấp này không còn từ 1/7/2025",
                        field.label(),
                        names.join(", ")
                    ),
                ));
            }
        }
    }
    if year >= RENAMES_FROM {
        let mut seen: Vec<(AgencyField, String)> = Vec::new();
        for p in renames.task_proposals(id, task) {
            if p.district_level || is_district_level(&p.old) {
                // Reported above for plans without a district level; valid before.
                continue;
            }
            let key = (p.field, p.old.clone());
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            out.push(finding(
                id,
                FindingKind::OutdatedAgency,
                format!(
                    "{}: tên cũ “{}”, nay là “{}”",
                    p.field.label(),
                    p.old,
                    p.new
                ),
            ));
        }
    }
}

/// Findings that need the whole table: duplicates, missing budgets, empty areas and groups.
fn table_findings(plan: &Plan, keys: &[Arc<str>], out: &mut [(RowId, Vec<Finding>)]) {
    let rows = plan.rows();
    // Numbers only when a duplicate needs them.
    let mut numbers: Option<Vec<String>> = None;
    // Areas: the position of the area each row is in; whether the area has any budget.
    let mut area_of: Vec<Option<usize>> = Vec::with_capacity(rows.len());
    let mut area_budget: HashMap<usize, bool> = HashMap::new();
    let mut current = None;
    for (i, row) in rows.iter().enumerate() {
        if row.depth == 0 {
            current = Some(i);
        }
        area_of.push(current);
        if let (Some(a), Some(task)) = (current, row.task()) {
            let has = task.budget.is_some_and(|b| !b.is_zero());
            *area_budget.entry(a).or_default() |= has;
        }
    }
    let mut first_of: HashMap<(Option<usize>, &str), usize> = HashMap::new();
    let mut copies: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let has_children = rows.get(i + 1).is_some_and(|next| next.depth > row.depth);
        match row.kind() {
            RowKind::Area | RowKind::Group if !has_children => {
                let what = if row.kind() == RowKind::Area {
                    "Lĩnh vực chưa có nhiệm vụ nào"
                } else {
                    "Nhóm chưa có nhiệm vụ nào"
                };
                out[i]
                    .1
                    .push(finding(row.id, FindingKind::EmptyArea, what.into()));
            }
            RowKind::Task => {
                let task = row.task().expect("a task row");
                if !keys[i].is_empty() {
                    match first_of.get(&(area_of[i], &*keys[i])) {
                        Some(&first) => {
                            copies.entry(first).or_default().push(i);
                            let numbers = numbers.get_or_insert_with(|| {
                                full_numbers(&plan.numbers(), plan.rows().iter().map(|r| r.depth))
                            });
                            out[i].1.push(finding(
                                row.id,
                                FindingKind::Duplicate,
                                format!(
                                    "Trùng nội dung với nhiệm vụ {} trong cùng lĩnh vực",
                                    numbers[first]
                                ),
                            ));
                        }
                        None => {
                            first_of.insert((area_of[i], &*keys[i]), i);
                        }
                    }
                }
                let in_budgeted_area = area_of[i].is_some_and(|a| area_budget[&a]);
                if in_budgeted_area && !has_children && task.budget.is_none() {
                    out[i].1.push(finding(
                        row.id,
                        FindingKind::MissingBudget,
                        "Lĩnh vực có dự toán kinh phí nhưng nhiệm vụ này chưa ghi kinh phí".into(),
                    ));
                }
            }
            _ => {}
        }
    }
    let numbers = numbers.unwrap_or_default();
    for (first, others) in copies {
        let list: Vec<&str> = others.iter().map(|&k| numbers[k].as_str()).collect();
        out[first].1.push(finding(
            rows[first].id,
            FindingKind::Duplicate,
            format!(
                "Trùng nội dung với nhiệm vụ {} trong cùng lĩnh vực",
                list.join(", ")
            ),
        ));
    }
}

/// The deadlines a move left for review, while still as the move left them.
fn roll_findings(plan: &Plan, flags: &[RollFlag], out: &mut [(RowId, Vec<Finding>)]) {
    for flag in flags.iter().filter(|f| f.year == plan.year) {
        let Some(pos) = plan.position(flag.row) else {
            continue;
        };
        let Some(task) = plan.rows()[pos].task() else {
            continue;
        };
        let found = &mut out[pos].1;
        if task.deadline != flag.text
            || found
                .iter()
                .any(|f| f.kind == FindingKind::DeadlineOutsideYear)
        {
            continue;
        }
        found.push(finding(
            flag.row,
            FindingKind::RolledDeadline,
            format!(
                "Thời hạn “{}” cần xem lại sau khi chuyển sang năm {}",
                flag.text, plan.year
            ),
        ));
    }
}

pub mod mentions;
mod names;
mod overdue;
pub use mentions::{apply_fix, text_mentions, Mention, TextField, TextFix};
use overdue::overdue_findings;

#[cfg(test)]
mod tests;
