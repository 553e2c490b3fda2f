//! A plan's life through the year: each task's progress (status, day done, result), the
//! reporting periods with their cut-off days, and overdue rules for every deadline form.
//!
//! One file per concept: `day.rs` (a calendar day), `status.rs` (status and progress of a
//! task), `due.rs` (the due day of a deadline text, overdue), `periods.rs` (reporting periods
//! and cut-offs, settings). Statuses collected from the agencies
//! by file are `super::update_form`. The report's data, which reads the plan, is
//! `super::progress_report`. Tests in `tests.rs`.

mod day;
mod due;
mod periods;
mod status;

pub use day::Day;
pub use due::{due_day, due_of, is_overdue};
pub use periods::{DayOfYear, PeriodRange, ReportPeriod, ReportingRules};
pub use status::{Progress, ProgressEdit, Status};

#[cfg(test)]
mod tests;
