//! "Quá hạn": the plan check's findings for open tasks past their due day.

use super::{finding, Finding, FindingKind};
use crate::domain::plan::{Plan, RowId};
use crate::domain::progress::Day;

/// Open tasks past their due day on `today`, in a plan that tracks progress (some task has
/// a status or result recorded): a plan nobody follows up is not a list of late tasks.
/// `dues` are the rows' due days, in row order (the checker reads them once per change).
pub(super) fn overdue_findings(
    plan: &Plan,
    dues: &[Option<Day>],
    today: Day,
    out: &mut [(RowId, Vec<Finding>)],
) {
    let tracked = plan
        .rows()
        .iter()
        .any(|row| row.task().is_some_and(|t| !t.progress.is_empty()));
    if !tracked {
        return;
    }
    for ((row, due), found) in plan.rows().iter().zip(dues).zip(out.iter_mut()) {
        let Some(task) = row.task() else {
            continue;
        };
        if !task.progress.status.is_open() {
            continue;
        }
        let Some(due) = due.filter(|due| *due < today) else {
            continue;
        };
        found.1.push(finding(
            row.id,
            FindingKind::Overdue,
            format!(
                "Quá hạn: thời hạn “{}” (ngày {due}) đã qua, nhiệm vụ đang ở tình trạng “{}”",
                task.deadline,
                task.progress.status.label()
            ),
        ));
    }
}
