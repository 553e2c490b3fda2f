//! Tags: the PAR INDEX criteria a task answers, kept as codes in [`Task::criteria`].
//!
//! A code is read as drafters write it ("3.2.1", "3.2.1.", " 3.2.1 "); a tag answers its own
//! criterion and, when it names a criterion ("3.2"), that criterion's components. Which
//! criteria to suggest for a task is `suggest.rs`.
//!
//! ```
//! use cchc_plan::domain::par_index::tags;
//! use cchc_plan::domain::plan::Task;
//! let mut task = Task::default();
//! assert!(tags::add(&mut task, " 3.2.1. "));
//! assert!(!tags::add(&mut task, "3.2.1"));
//! assert_eq!(task.criteria, ["3.2.1"]);
//! assert!(tags::answers(&task, "3.2.1"));
//! assert!(!tags::answers(&task, "3.2.2"));
//! ```

use super::criteria::CriteriaSet;
use crate::domain::plan::{Plan, RowId, Task};
use crate::domain::template::{Criterion, Template};

/// A criterion code in its written form: numbers joined by single dots, without spaces or
/// a final dot ("3.2.1."), or `None` when the text is not a code.
pub fn normalise_code(text: &str) -> Option<String> {
    let code = text.trim().trim_end_matches('.');
    let parts: Vec<&str> = code.split('.').collect();
    let sound = !code.is_empty()
        && parts.len() <= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    sound.then(|| code.to_string())
}

/// Whether a tag answers a criterion: the same code, or the tag names the criterion
/// ("3.2") a component ("3.2.1") belongs to. An area's code ("3") answers only itself.
pub fn covers(tag: &str, code: &str) -> bool {
    tag == code
        || (tag.contains('.')
            && code
                .strip_prefix(tag)
                .is_some_and(|rest| rest.starts_with('.')))
}

/// Whether a task answers a criterion (see [`covers`]).
pub fn answers(task: &Task, code: &str) -> bool {
    task.criteria.iter().any(|tag| covers(tag, code))
}

/// Tags a task with a criterion. Returns whether the task changed: not when `code` is not
/// a code ([`normalise_code`]) or the task already has the tag.
pub fn add(task: &mut Task, code: &str) -> bool {
    let Some(code) = normalise_code(code) else {
        return false;
    };
    if task.criteria.contains(&code) {
        return false;
    }
    task.criteria.push(code);
    true
}

/// Removes a tag from a task. Returns whether the task had it.
pub fn remove(task: &mut Task, code: &str) -> bool {
    let before = task.criteria.len();
    let code = normalise_code(code).unwrap_or_else(|| code.to_string());
    task.criteria.retain(|c| *c != code);
    task.criteria.len() != before
}

/// The tasks of a plan that answer a criterion, in table order.
pub fn tasks_answering(plan: &Plan, code: &str) -> Vec<RowId> {
    plan.rows()
        .iter()
        .filter(|row| row.task().is_some_and(|task| answers(task, code)))
        .map(|row| row.id)
        .collect()
}

/// A task's tags as a template's criteria (when the task is saved to the library): each
/// code with the score `from` (the template the task came from) gave it, else with its name
/// from `set` and no score.
pub fn template_criteria(
    task: &Task,
    from: Option<&Template>,
    set: &CriteriaSet,
) -> Vec<Criterion> {
    task.criteria
        .iter()
        .map(|code| {
            from.and_then(|t| t.criteria.iter().find(|c| c.code == *code))
                .cloned()
                .unwrap_or_else(|| Criterion {
                    code: code.clone(),
                    title: set
                        .find(code)
                        .map(|e| e.name.to_string())
                        .unwrap_or_default(),
                    ..Criterion::default()
                })
        })
        .collect()
}
