//! Where a task stands during the year: its status, when it was done, what it produced.

use serde::{Deserialize, Serialize};

use super::Day;

/// A task's status, as the periodic CCHC reports count them.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// "Chưa triển khai": nothing done yet (every task starts here).
    #[default]
    NotStarted,
    /// "Đang thực hiện".
    InProgress,
    /// "Hoàn thành": done by its deadline.
    Done,
    /// "Hoàn thành quá hạn": done, after its deadline.
    DoneLate,
    /// "Không thực hiện": dropped, with a reason.
    NotDone,
}

impl Status {
    /// Every status, in the order reports list them.
    pub const ALL: [Status; 5] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::DoneLate,
        Status::NotDone,
    ];

    /// The status as drafters and reports name it.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "Chưa triển khai",
            Status::InProgress => "Đang thực hiện",
            Status::Done => "Hoàn thành",
            Status::DoneLate => "Hoàn thành quá hạn",
            Status::NotDone => "Không thực hiện",
        }
    }

    /// Its name in files (and a form's value): "not_started", "in_progress", "done",
    /// "done_late", "not_done".
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::DoneLate => "done_late",
            Status::NotDone => "not_done",
        }
    }

    /// Reads a [`Status::code`].
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Done, on time or late.
    pub fn is_done(self) -> bool {
        matches!(self, Status::Done | Status::DoneLate)
    }

    /// Still to be done: what can be overdue.
    pub fn is_open(self) -> bool {
        matches!(self, Status::NotStarted | Status::InProgress)
    }
}

/// The progress of one task: part of the task, so of the plan, its file, undo and autosave.
/// Empty (the default) until the drafter records something.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    pub status: Status,
    /// The day it was done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<Day>,
    /// What was produced: "Quyết định số 12/QĐ-UBND ngày 20/3/2027".
    #[serde(skip_serializing_if = "String::is_empty")]
    pub result: String,
    /// For a target product ("100% TTHC ..."): the value reached ("96%").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reached: String,
    /// Why it is not done ("Không thực hiện").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

impl Progress {
    /// Nothing recorded: how every task starts (and what files leave out).
    pub fn is_empty(&self) -> bool {
        *self == Progress::default()
    }

    /// Whether it was done on time: `None` while it is not done. "Hoàn thành quá hạn" is late;
    /// "Hoàn thành" is on time unless its day is after `due` (the day said wins).
    pub fn on_time(&self, due: Option<Day>) -> Option<bool> {
        match self.status {
            Status::DoneLate => Some(false),
            Status::Done => match (self.completed_on, due) {
                (Some(done), Some(due)) => Some(done <= due),
                _ => Some(true),
            },
            _ => None,
        }
    }
}

/// One change to a task's progress, as a field of the progress views makes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProgressEdit {
    Status(Status),
    CompletedOn(Option<Day>),
    Result(String),
    Reached(String),
    Reason(String),
}

impl ProgressEdit {
    /// Makes the change. A task marked done gets `today` as its day unless it has one; a
    /// task no longer done loses its day.
    ///
    /// ```
    /// use cchc_plan::domain::progress::{Day, Progress, ProgressEdit, Status};
    /// let today = Day::new(2027, 4, 2).unwrap();
    /// let mut progress = Progress::default();
    /// ProgressEdit::Status(Status::Done).apply(&mut progress, today);
    /// assert_eq!(progress.completed_on, Some(today));
    /// ProgressEdit::Status(Status::InProgress).apply(&mut progress, today);
    /// assert_eq!(progress.completed_on, None);
    /// ```
    pub fn apply(self, progress: &mut Progress, today: Day) {
        match self {
            ProgressEdit::Status(status) => {
                progress.status = status;
                if !status.is_done() {
                    progress.completed_on = None;
                } else if progress.completed_on.is_none() {
                    progress.completed_on = Some(today);
                }
            }
            ProgressEdit::CompletedOn(day) => progress.completed_on = day,
            ProgressEdit::Result(text) => progress.result = text,
            ProgressEdit::Reached(text) => progress.reached = text,
            ProgressEdit::Reason(text) => progress.reason = text,
        }
    }
}
