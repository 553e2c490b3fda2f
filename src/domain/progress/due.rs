//! The day a task is due, read from its deadline text, and whether it is overdue.
//!
//! Every dated form of [`crate::domain::deadline`] has a last day: the end of its month,
//! quarter or year, or the day it names. A year the text leaves out is the plan's year.
//! Forms with no single last day (recurring, continuous work, a bare condition, free text)
//! are never overdue as a whole.

use super::{Day, Progress};
use crate::domain::deadline::{self, Deadline, DeadlineForm, Period};

/// The last day by which the deadline asks the task done, in a plan of `plan_year`.
///
/// ```
/// use cchc_plan::domain::progress::{due_day, Day};
/// assert_eq!(due_day("Quý II/2027", 2027), Day::new(2027, 6, 30));
/// assert_eq!(due_day("Tháng 8", 2027), Day::new(2027, 8, 31));
/// assert_eq!(due_day("Trước ngày 15/12", 2027), Day::new(2027, 12, 15));
/// assert_eq!(due_day("Thường xuyên", 2027), None);
/// ```
pub fn due_day(deadline_text: &str, plan_year: i32) -> Option<Day> {
    due_of(&deadline::parse(deadline_text), plan_year)
}

/// [`due_day`] of a deadline already read.
pub fn due_of(deadline: &Deadline, plan_year: i32) -> Option<Day> {
    let year = |y: Option<i32>| y.unwrap_or(plan_year);
    match deadline.form {
        DeadlineForm::Month { month, year: y } => Some(Day::end_of_month(year(y), month)),
        DeadlineForm::MonthRange { from, to, year: y } => {
            // A range that wraps ("tháng 11 ... đến tháng 01 năm kế tiếp") ends the next year.
            let wraps = to < from;
            let ends = y.unwrap_or(plan_year + i32::from(wraps));
            Some(Day::end_of_month(ends, to))
        }
        DeadlineForm::Months { months, year: y } => {
            Some(Day::end_of_month(year(y), months.last()?))
        }
        DeadlineForm::Quarters { quarters, year: y } => {
            Some(Day::end_of_month(year(y), quarters.last()? * 3))
        }
        DeadlineForm::Year { year: y } => Some(Day::end_of_month(year(y), 12)),
        DeadlineForm::YearRange { to, .. } => Some(Day::end_of_month(to, 12)),
        DeadlineForm::Before {
            day,
            month,
            year: y,
        } => Some(Day::clamped(year(y), month, day)),
        DeadlineForm::Recurring(Period::Yearly { month: Some(month) }) => {
            Some(Day::end_of_month(plan_year, month))
        }
        DeadlineForm::Recurring(_)
        | DeadlineForm::Continuous { .. }
        | DeadlineForm::Conditional
        | DeadlineForm::Unknown => None,
    }
}

/// Whether a task is overdue on `today`: its due day has passed and it is still open
/// ("Chưa triển khai" or "Đang thực hiện"). Done and dropped tasks never are.
///
/// ```
/// use cchc_plan::domain::progress::{is_overdue, Day, Progress, Status};
/// let open = Progress::default();
/// let today = Day::new(2027, 7, 1).unwrap();
/// assert!(is_overdue(&open, "Quý II/2027", 2027, today));
/// assert!(!is_overdue(&open, "Quý III/2027", 2027, today));
/// let done = Progress { status: Status::Done, ..Progress::default() };
/// assert!(!is_overdue(&done, "Quý II/2027", 2027, today));
/// ```
pub fn is_overdue(progress: &Progress, deadline_text: &str, plan_year: i32, today: Day) -> bool {
    progress.status.is_open() && due_day(deadline_text, plan_year).is_some_and(|due| due < today)
}
