//! "Phiếu cập nhật tiến độ": statuses collected from the lead agencies by file. Apart from
//! `progress` (which the plan's tasks hold) because it reads the plan, as `progress_report`.
//!
//! The Sở Nội vụ sends each lead agency a form ([`UpdateForm::for_agency`]) holding only
//! that agency's tasks, with their progress as the plan had it. The agency opens it in the
//! app, fills the status fields ([`ProgressEdit`](crate::domain::progress::ProgressEdit)) and saves a reply (the same form with
//! [`UpdateForm::replied_on`] set). Opened in the plan, the reply is compared with it
//! ([`review_reply`]): per task, the old and the new progress, with warnings for tasks
//! that are gone, reworded or updated in the plan since the form was sent; the drafter
//! takes all or some ([`Plan::take_replies`]). Nothing but a task's progress can change.

use serde::{Deserialize, Serialize};

use crate::domain::plan::{Plan, RowId};
use crate::domain::progress::{Day, Progress, ProgressEdit};
use crate::domain::timeline::full_numbers;

/// One task of a form: what the agency reads, and its progress as sent and as answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormTask {
    /// The task's row id in the plan.
    pub row: RowId,
    /// Its full number ("II.1.2").
    pub number: String,
    pub content: String,
    pub deadline: String,
    /// Its progress in the plan when the form was made.
    pub sent: Progress,
    /// Its progress as the agency answers (the sent one until the agency changes it).
    pub progress: Progress,
}

/// A form for one lead agency, or its reply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateForm {
    pub plan_id: String,
    pub plan_title: String,
    pub province: String,
    pub year: i32,
    /// The lead agency the form is for.
    pub agency: String,
    pub sent_on: Day,
    /// Set when the agency saves its answer: the file is then a reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replied_on: Option<Day>,
    pub tasks: Vec<FormTask>,
}

/// The lead agencies of a plan, in the order they first appear.
pub fn lead_agencies(plan: &Plan) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for task in plan.rows().iter().filter_map(|r| r.task()) {
        for lead in &task.lead {
            if !lead.trim().is_empty() && !out.contains(lead) {
                out.push(lead.clone());
            }
        }
    }
    out
}

impl UpdateForm {
    /// The form for `agency`: every task it leads (alone or jointly), in plan order.
    ///
    /// ```
    /// use cchc_plan::domain::plan::{Plan, Task};
    /// use cchc_plan::domain::progress::Day;
    /// use cchc_plan::domain::update_form::UpdateForm;
    /// let mut plan = Plan::new("p", "Lào Cai", 2027);
    /// plan.add_task_with(None, Task { content: "Rà soát".into(), lead: vec!["Sở Tư pháp".into()], ..Task::default() });
    /// plan.add_task_with(None, Task { content: "Kiểm tra".into(), lead: vec!["Sở Nội vụ".into()], ..Task::default() });
    /// let form = UpdateForm::for_agency(&plan, "Sở Nội vụ", Day::new(2027, 3, 1).unwrap());
    /// assert_eq!(form.tasks.len(), 1);
    /// assert_eq!(form.tasks[0].content, "Kiểm tra");
    /// ```
    pub fn for_agency(plan: &Plan, agency: &str, today: Day) -> UpdateForm {
        let numbers = full_numbers(&plan.numbers(), plan.rows().iter().map(|r| r.depth));
        let tasks = plan
            .rows()
            .iter()
            .zip(numbers)
            .filter_map(|(row, number)| {
                let task = row.task()?;
                task.lead.iter().any(|l| l == agency).then(|| FormTask {
                    row: row.id,
                    number,
                    content: task.content.clone(),
                    deadline: task.deadline.clone(),
                    sent: task.progress.clone(),
                    progress: task.progress.clone(),
                })
            })
            .collect();
        UpdateForm {
            plan_id: plan.id.clone(),
            plan_title: plan.title.clone(),
            province: plan.province.clone(),
            year: plan.year,
            agency: agency.to_string(),
            sent_on: today,
            replied_on: None,
            tasks,
        }
    }

    /// Whether the agency has saved its answer.
    pub fn is_reply(&self) -> bool {
        self.replied_on.is_some()
    }

    /// "phieu-cap-nhat-So-Noi-Vu-2027.json", or "phieu-tra-loi-..." for a reply.
    pub fn file_name(&self) -> String {
        let kind = if self.is_reply() {
            "phieu-tra-loi"
        } else {
            "phieu-cap-nhat"
        };
        match crate::domain::text::file_slug(&self.agency) {
            agency if agency.is_empty() => format!("{kind}-{}.json", self.year),
            agency => format!("{kind}-{agency}-{}.json", self.year),
        }
    }

    /// Applies one of the agency's edits to task `index` of the form.
    pub fn edit(&mut self, index: usize, edit: ProgressEdit, today: Day) {
        if let Some(task) = self.tasks.get_mut(index) {
            edit.apply(&mut task.progress, today);
        }
    }
}

/// One task of a reply that would change the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplyChange {
    pub row: RowId,
    /// The task's number now.
    pub number: String,
    pub content: String,
    /// Its progress in the plan now.
    pub old: Progress,
    /// Its progress as the agency answered.
    pub new: Progress,
}

/// What a reply would change, and what the drafter should know first.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ReplyReview {
    pub changes: Vec<ReplyChange>,
    /// In Vietnamese, one per task concerned.
    pub warnings: Vec<String>,
}

/// Why a reply cannot be taken into the open plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyError {
    /// The form was never answered: it is a form to fill, not a reply.
    NotAReply,
    /// The reply is about another plan.
    OtherPlan { title: String, year: i32 },
}

impl std::fmt::Display for ReplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReplyError::NotAReply => {
                f.write_str("Phiếu này chưa được cơ quan trả lời: hãy gửi phiếu cho cơ quan để điền.")
            }
            ReplyError::OtherPlan { title, year } => write!(
                f,
                "Phiếu trả lời này thuộc kế hoạch “{title}” năm {year}, không phải kế hoạch đang mở: hãy mở kế hoạch đó rồi mở lại phiếu."
            ),
        }
    }
}

/// Compares a reply with the plan: the tasks whose progress it would change, and warnings
/// for tasks that are gone, were reworded, or were updated in the plan after the form was
/// sent (taking the reply would overwrite that).
///
/// # Errors
/// [`ReplyError`] when the file is not a reply, or is a reply about another plan.
pub fn review_reply(plan: &Plan, reply: &UpdateForm) -> Result<ReplyReview, ReplyError> {
    if !reply.is_reply() {
        return Err(ReplyError::NotAReply);
    }
    if reply.plan_id != plan.id {
        return Err(ReplyError::OtherPlan {
            title: reply.plan_title.clone(),
            year: reply.year,
        });
    }
    let numbers = full_numbers(&plan.numbers(), plan.rows().iter().map(|r| r.depth));
    let mut review = ReplyReview::default();
    for answered in &reply.tasks {
        let found = plan
            .position(answered.row)
            .and_then(|i| plan.rows()[i].task().map(|t| (i, t)));
        let Some((index, task)) = found else {
            review.warnings.push(format!(
                "Nhiệm vụ {} “{}” không còn trong kế hoạch: bỏ qua.",
                answered.number, answered.content
            ));
            continue;
        };
        if answered.progress == task.progress {
            continue;
        }
        let number = numbers[index].clone();
        if task.content != answered.content {
            review.warnings.push(format!(
                "Nhiệm vụ {number} đã được sửa nội dung sau khi gửi phiếu (phiếu ghi “{}”): hãy xem kỹ trước khi nhận.",
                answered.content
            ));
        }
        if task.progress != answered.sent {
            review.warnings.push(format!(
                "Nhiệm vụ {number} đã được cập nhật tiến độ trong kế hoạch sau khi gửi phiếu: nhận phiếu sẽ thay cập nhật đó."
            ));
        }
        review.changes.push(ReplyChange {
            row: answered.row,
            number,
            content: task.content.clone(),
            old: task.progress.clone(),
            new: answered.progress.clone(),
        });
    }
    Ok(review)
}

impl Plan {
    /// Takes the chosen changes of a reply (by row): each task's progress becomes the
    /// answered one; nothing else changes. Returns how many tasks changed.
    pub fn take_replies(&mut self, changes: &[ReplyChange], chosen: &[RowId]) -> usize {
        let mut taken = 0;
        for change in changes.iter().filter(|c| chosen.contains(&c.row)) {
            let new = change.new.clone();
            if self.update_task(change.row, |t| t.progress = new) {
                taken += 1;
            }
        }
        taken
    }
}

#[cfg(test)]
mod tests;
