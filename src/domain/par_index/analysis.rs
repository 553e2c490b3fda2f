//! What a year's scores ask of a plan: per area the points reached and lost; every
//! criterion that lost points with the plan's tasks tagged with it; and, as findings, the
//! criteria that lost points and have no task yet ("Tiêu chí 3.2.1 bị trừ 0,5 điểm chưa có
//! nhiệm vụ").
//!
//! It reads a plan, a criteria set and scores; it changes nothing. The gaps are not row
//! findings of `review.rs` (those sit on a row and are listed by row number, and a criterion
//! without a task has no row, nor often an area row: a plan without "Phát triển kinh tế - xã
//! hội" still lost points there); the app lists them in "Kiểm tra kế hoạch" in a group of
//! their own, under the row findings.

use super::criteria::CriteriaSet;
use super::points::Points;
use super::scores::Scores;
use super::tags::{covers, tasks_answering};
use crate::domain::plan::{Plan, RowId};

/// An area's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaResult {
    /// The area's code: "3".
    pub code: String,
    pub name: String,
    /// The maximum: the scores', else the criteria set's.
    pub max: Option<Points>,
    /// The points reached, when the scores give the area's.
    pub achieved: Option<Points>,
    /// Maximum minus reached, when both are known.
    pub lost: Option<Points>,
    /// The points lost by the area's criteria the scores list, each counted once (a
    /// component inside its scored criterion); seed 001's area totals are rounded, so this
    /// may differ from `lost` by a few thousandths.
    pub lost_in_criteria: Points,
}

/// A criterion or component criterion that lost points, and the tasks answering it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostCriterion {
    /// "3.2.1".
    pub code: String,
    /// Empty when the criteria set does not name it.
    pub name: String,
    /// Points reached, of `max`.
    pub achieved: Points,
    pub max: Points,
    /// `max` minus `achieved`, more than zero.
    pub lost: Points,
    /// The plan's tasks tagged with it (or with the criterion it belongs to), in table order.
    pub tasks: Vec<RowId>,
}

/// A criterion that lost points and has no task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    /// The criterion's code.
    pub code: String,
    /// The points it lost.
    pub lost: Points,
    /// "Tiêu chí 3.2.1 bị trừ 0,5 điểm chưa có nhiệm vụ".
    pub message: String,
}

/// The scores of a year read against a plan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Every area of the criteria set, in its order.
    pub areas: Vec<AreaResult>,
    /// Every scored criterion that lost points, in the criteria set's order.
    pub lost: Vec<LostCriterion>,
}

/// Reads `scores` against `plan`.
///
/// ```
/// use cchc_plan::domain::par_index::{analyse, tags, CriteriaSet, Scores};
/// use cchc_plan::domain::plan::{Plan, Task};
/// let set = CriteriaSet::builtin();
/// let scores = Scores::find_builtin("Hưng Yên", 2023).unwrap();
/// let mut plan = Plan::new("p", "Hưng Yên", 2024);
/// let area = plan.add_area_titled(None, "Cải cách thủ tục hành chính".into());
/// let task = plan.add_task_with(Some(area), Task { content: "Công bố danh mục TTHC".into(), ..Task::default() });
/// let before = analyse(set, scores, &plan);
/// assert!(before.gaps().iter().any(|g| g.message == "Tiêu chí 3.2.1 bị trừ 0,5 điểm chưa có nhiệm vụ"));
/// plan.update_task(task, |t| { tags::add(t, "3.2.1"); });
/// let after = analyse(set, scores, &plan);
/// assert!(after.gaps().iter().all(|g| g.code != "3.2.1"));
/// assert_eq!(after.lost_criterion("3.2.1").unwrap().tasks, [task]);
/// ```
pub fn analyse(set: &CriteriaSet, scores: &Scores, plan: &Plan) -> Analysis {
    let mut lost = Vec::new();
    for entry in set.entries() {
        let Some(score) = scores.score(entry.code) else {
            continue;
        };
        let Some(max) = score.max_in(set) else {
            continue;
        };
        let points = max.saturating_sub(score.achieved);
        if points.is_zero() {
            continue;
        }
        lost.push(LostCriterion {
            code: entry.code.to_string(),
            name: entry.name.to_string(),
            achieved: score.achieved,
            max,
            lost: points,
            tasks: tasks_answering(plan, entry.code),
        });
    }
    let areas = set
        .areas
        .iter()
        .map(|area| {
            let score = scores.area_score(&area.code);
            let max = score.and_then(|s| s.max).or(area.max);
            let achieved = score.map(|s| s.achieved);
            // A component whose criterion is scored too is counted in the criterion.
            let in_area = |c: &&LostCriterion| {
                c.code.split('.').next() == Some(area.code.as_str())
                    && !lost
                        .iter()
                        .any(|p| p.code != c.code && covers(&p.code, &c.code))
            };
            AreaResult {
                code: area.code.clone(),
                name: area.name.clone(),
                max,
                achieved,
                lost: max.zip(achieved).map(|(m, a)| m.saturating_sub(a)),
                lost_in_criteria: Points::sum(lost.iter().filter(in_area).map(|c| c.lost)),
            }
        })
        .collect();
    Analysis { areas, lost }
}

impl Analysis {
    /// A criterion that lost points, by code.
    pub fn lost_criterion(&self, code: &str) -> Option<&LostCriterion> {
        self.lost.iter().find(|c| c.code == code)
    }

    /// The criteria that lost points and have no task, in the criteria set's order.
    pub fn gaps(&self) -> Vec<Gap> {
        self.lost
            .iter()
            .filter(|c| c.tasks.is_empty())
            .map(|c| Gap {
                code: c.code.clone(),
                lost: c.lost,
                message: format!(
                    "Tiêu chí {} bị trừ {} điểm chưa có nhiệm vụ",
                    c.code, c.lost
                ),
            })
            .collect()
    }
}
