//! Moving a plan, or one task, to another plan year.
//!
//! A drafter starts next year's plan from this year's: the plan year moves, and so does every
//! deadline, through [`deadline::roll`] (only the years of dates move; recurring and
//! continuous work and free text stay; a range of years stays and is flagged). Years and
//! place names written in the tasks' texts are listed with a proposal (see
//! [`review::mentions`]), never changed here. The caller makes the whole move one undo step.
//!
//! ```
//! use cchc_plan::domain::plan::{Plan, Task};
//! use cchc_plan::domain::rollover::roll_plan;
//! let mut plan = Plan::new("p", "Yên Bái", 2022);
//! let deadline = |d: &str| Task { deadline: d.into(), ..Task::default() };
//! let a = plan.add_task_with(None, deadline("Tháng 12/2021"));
//! let b = plan.add_task_with(None, deadline("Hàng năm"));
//! let c = plan.add_task_with(None, deadline("2021-2025"));
//! let d = plan.add_task_with(None, Task { content: "Tổng kết năm 2022".into(), ..Task::default() });
//! let report = roll_plan(&mut plan, 2027);
//! assert_eq!(plan.year, 2027);
//! assert_eq!(plan.title, "Kế hoạch cải cách hành chính năm 2027");
//! assert_eq!(plan.row(a).unwrap().task().unwrap().deadline, "Tháng 12/2026");
//! assert_eq!(plan.row(b).unwrap().task().unwrap().deadline, "Hàng năm");
//! assert_eq!((report.moved, report.review_rows()), (1, vec![c]));
//! assert_eq!(report.mentions[0].0, d);
//! assert_eq!(report.mentions[0].1.proposed_text.as_deref(), Some("Tổng kết năm 2027"));
//! assert_eq!(plan.row(d).unwrap().task().unwrap().content, "Tổng kết năm 2022");
//! assert_eq!(
//!     report.summary(),
//!     "Đã chuyển 1 thời hạn; 1 cần xem lại; 1 nội dung nhắc năm, địa danh cũ"
//! );
//! ```

use super::deadline::{self, DeadlineForm};
use super::plan::{default_title, Item, Plan, RowId};
use super::review::{self, Mention};

/// One task's deadline as it was and as it is after a move.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RolledTask {
    pub row: RowId,
    pub before: String,
    pub after: String,
    /// A person should read this deadline (see [`deadline::Rolled::needs_review`]).
    pub needs_review: bool,
}

/// What [`roll_plan`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RollReport {
    pub from: i32,
    pub to: i32,
    /// How many deadlines changed.
    pub moved: usize,
    /// Every deadline that changed or needs review, in table order.
    pub tasks: Vec<RolledTask>,
    /// Old years, former provinces and "cấp huyện" in the tasks' texts, for the new year, in
    /// table order: listed with their proposals, not changed.
    pub mentions: Vec<(RowId, Mention)>,
}

impl RollReport {
    /// The tasks whose deadline a person should read.
    pub fn review(&self) -> impl Iterator<Item = &RolledTask> {
        self.tasks.iter().filter(|t| t.needs_review)
    }

    /// The rows of [`RollReport::review`].
    pub fn review_rows(&self) -> Vec<RowId> {
        self.review().map(|t| t.row).collect()
    }

    /// "Đã chuyển 12 thời hạn; 2 cần xem lại", and "; 3 nội dung nhắc năm, địa danh cũ"
    /// when the texts have such mentions.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "Đã chuyển {} thời hạn; {} cần xem lại",
            self.moved,
            self.review().count()
        );
        if !self.mentions.is_empty() {
            out += &format!("; {} nội dung nhắc năm, địa danh cũ", self.mentions.len());
        }
        out
    }
}

/// Replaces the year `from` written as a whole number in a text by `to`: "Kế hoạch ... năm
/// 2022 trên địa bàn tỉnh" → "... năm 2027 ...". Longer numbers ("20221") are kept.
pub fn replace_year(text: &str, from: i32, to: i32) -> String {
    let needle = from.to_string();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, _) in text.match_indices(&needle) {
        let end = start + needle.len();
        let digit_before = start > 0 && bytes[start - 1].is_ascii_digit();
        let digit_after = bytes.get(end).is_some_and(u8::is_ascii_digit);
        if digit_before || digit_after || start < last {
            continue;
        }
        out.push_str(&text[last..start]);
        out.push_str(&to.to_string());
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

/// Moves a whole plan from its year to `to`: the plan year, the title (the default title of
/// the new year, or the old year replaced in a custom title), every task's deadline. The
/// issuing number and date belong to the old plan and are cleared. Returns what moved.
pub fn roll_plan(plan: &mut Plan, to: i32) -> RollReport {
    let from = plan.year;
    let mut report = RollReport {
        from,
        to,
        ..RollReport::default()
    };
    if from == to {
        return report;
    }
    plan.title = if plan.title == default_title(from) {
        default_title(to)
    } else {
        replace_year(&plan.title, from, to)
    };
    plan.year = to;
    plan.document_number.clear();
    plan.document_date.clear();
    let ids: Vec<RowId> = plan
        .rows()
        .iter()
        .filter(|r| matches!(r.item, Item::Task(_)))
        .map(|r| r.id)
        .collect();
    for id in ids {
        if let Some(rolled) = roll_task(plan, id, from, to) {
            report.moved += usize::from(rolled.before != rolled.after);
            report.tasks.push(rolled);
        }
    }
    let provinces = review::mentions::builtin_provinces();
    for row in plan.rows() {
        if let Some(task) = row.task() {
            let found = review::text_mentions(task, to, provinces);
            report
                .mentions
                .extend(found.into_iter().map(|m| (row.id, m)));
        }
    }
    report
}

/// Moves one task's deadline from plan year `from` to `to`. Returns the change when the text
/// changed or needs review; `None` when nothing is to say (or the row is not a task).
pub fn roll_task(plan: &mut Plan, row: RowId, from: i32, to: i32) -> Option<RolledTask> {
    let before = plan.row(row)?.task()?.deadline.clone();
    let rolled = deadline::roll(&before, from, to);
    if !rolled.changed && !rolled.needs_review {
        return None;
    }
    let after = rolled.text.clone();
    plan.update_task(row, |t| t.deadline = rolled.text);
    Some(RolledTask {
        row,
        before,
        after,
        needs_review: rolled.needs_review,
    })
}

/// The plan year a deadline was written for, judged from the years it names: the last one,
/// except that a December deadline belongs to the next year's plan ("Tháng 12/2021" is
/// prepared for a 2022 plan). `None` when the deadline names no year.
///
/// ```
/// use cchc_plan::domain::deadline::parse;
/// use cchc_plan::domain::rollover::written_for;
/// assert_eq!(written_for(&parse("Quý IV/2021")), Some(2021));
/// assert_eq!(written_for(&parse("Tháng 12/2021")), Some(2022));
/// assert_eq!(written_for(&parse("Trước ngày 20/12/2021")), Some(2022));
/// assert_eq!(written_for(&parse("Hàng năm")), None);
/// ```
pub fn written_for(deadline: &deadline::Deadline) -> Option<i32> {
    let last = *deadline.years().last()?;
    let december = matches!(
        deadline.form,
        DeadlineForm::Month { month: 12, .. } | DeadlineForm::Before { month: 12, .. }
    );
    Some(if december { last + 1 } else { last })
}

/// Moves one task's deadline to the plan's year, from the year it was written for (see
/// [`written_for`]): what the plan check offers for a deadline outside the plan year.
/// Returns the change, or `None` when there is nothing to move.
pub fn roll_task_to_plan_year(plan: &mut Plan, row: RowId) -> Option<RolledTask> {
    let text = &plan.row(row)?.task()?.deadline;
    let from = written_for(&deadline::parse(text))?;
    let to = plan.year;
    if from == to {
        return None;
    }
    roll_task(plan, row, from, to).filter(|r| r.before != r.after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::library::{builtin, plan_from_source};
    use crate::domain::plan::Task;

    fn seed_004() -> Plan {
        plan_from_source(builtin(), "004_3d993c84cca7b04f.txt", "p").unwrap()
    }

    fn deadlines(plan: &Plan) -> Vec<(RowId, String)> {
        plan.rows()
            .iter()
            .filter_map(|r| r.task().map(|t| (r.id, t.deadline.clone())))
            .collect()
    }

    #[test]
    fn seed_004_moves_to_2027() {
        let mut plan = seed_004();
        assert_eq!(plan.year, 2022);
        let before = deadlines(&plan);
        let report = roll_plan(&mut plan, 2027);
        assert_eq!(plan.year, 2027);
        assert_eq!(
            plan.title,
            "Kế hoạch triển khai công tác cải cách hành chính nhà nước năm 2027 trên địa bàn tỉnh Yên Bái"
        );
        assert!(plan.document_number.is_empty() && plan.document_date.is_empty());
        let after = deadlines(&plan);
        let flagged = report.review_rows();
        for ((id, old), (_, new)) in before.iter().zip(&after) {
            // No deadline keeps the old year, unless it was flagged for review.
            if new.contains("2022") {
                assert!(flagged.contains(id), "{old} → {new}");
            }
            let form = deadline::parse(old).form;
            if matches!(
                form,
                DeadlineForm::Recurring(_) | DeadlineForm::Continuous { year: None }
            ) || old.is_empty()
            {
                assert_eq!(old, new, "recurring and continuous work stays");
            }
        }
        let text_of = |old: &str| {
            let i = before.iter().position(|(_, d)| d == old).unwrap();
            after[i].1.clone()
        };
        assert_eq!(text_of("Tháng 12/2021"), "Tháng 12/2026");
        assert_eq!(text_of("Quý I/2022"), "Quý I/2027");
        assert_eq!(
            text_of("Quý III + Quý IV năm 2022"),
            "Quý III + Quý IV năm 2027"
        );
        assert_eq!(text_of("Trước ngày 05/01/2022"), "Trước ngày 05/01/2027");
        assert_eq!(text_of("Thường xuyên trong năm"), "Thường xuyên trong năm");
        assert_eq!(
            text_of("Trước ngày 22 của tháng cuối quý"),
            "Trước ngày 22 của tháng cuối quý"
        );
        // A deadline outside its own plan year moves, and is flagged.
        let old_2020 = before
            .iter()
            .position(|(_, d)| d == "Thường xuyên trong năm 2020")
            .unwrap();
        assert_eq!(after[old_2020].1, "Thường xuyên trong năm 2025");
        assert!(flagged.contains(&after[old_2020].0));
        assert_eq!(
            report.moved,
            before
                .iter()
                .zip(&after)
                .filter(|(a, b)| a.1 != b.1)
                .count()
        );
        assert!(report.summary().starts_with("Đã chuyển "));
    }

    #[test]
    fn ranges_are_flagged_not_guessed() {
        let mut plan = Plan::new("p", "Lào Cai", 2022);
        let row = plan.add_task_with(
            None,
            Task {
                deadline: "Giai đoạn 2022-2025".into(),
                ..Task::default()
            },
        );
        let report = roll_plan(&mut plan, 2027);
        assert_eq!(report.moved, 0);
        assert_eq!(report.review_rows(), [row]);
        assert_eq!(
            plan.row(row).unwrap().task().unwrap().deadline,
            "Giai đoạn 2022-2025"
        );
        assert_eq!(report.summary(), "Đã chuyển 0 thời hạn; 1 cần xem lại");
    }

    #[test]
    fn same_year_changes_nothing() {
        let mut plan = seed_004();
        let copy = plan.clone();
        let report = roll_plan(&mut plan, 2022);
        assert_eq!(plan, copy);
        assert!(report.tasks.is_empty());
    }

    #[test]
    fn custom_titles_keep_their_words() {
        assert_eq!(
            replace_year("Kế hoạch CCHC năm 2022 (bổ sung 20221)", 2022, 2027),
            "Kế hoạch CCHC năm 2027 (bổ sung 20221)"
        );
        assert_eq!(replace_year("2022-2022", 2022, 2023), "2023-2023");
    }

    #[test]
    fn one_task_moves_to_the_plan_year() {
        let mut plan = Plan::new("p", "Lào Cai", 2027);
        let task = |d: &str| Task {
            deadline: d.into(),
            ..Task::default()
        };
        let a = plan.add_task_with(None, task("Quý II/2022"));
        let b = plan.add_task_with(None, task("Tháng 12/2021"));
        let c = plan.add_task_with(None, task("Thường xuyên"));
        let moved = roll_task_to_plan_year(&mut plan, a).unwrap();
        assert_eq!(
            (moved.before.as_str(), moved.after.as_str()),
            ("Quý II/2022", "Quý II/2027")
        );
        roll_task_to_plan_year(&mut plan, b).unwrap();
        assert_eq!(
            plan.row(b).unwrap().task().unwrap().deadline,
            "Tháng 12/2026"
        );
        assert!(roll_task_to_plan_year(&mut plan, c).is_none());
        assert!(roll_task_to_plan_year(&mut plan, a).is_none());
    }
}
