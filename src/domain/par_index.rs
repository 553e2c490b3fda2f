//! The PAR INDEX (Chỉ số cải cách hành chính) of the Bộ Nội vụ: its criteria as editable data,
//! a province's scores for a year, the criteria a plan's tasks are tagged with, and what the
//! scores ask of a plan.
//!
//! Files by concept: `points.rs` (exact points with a decimal comma), `criteria.rs` (the
//! criteria set of a methodology: model, loading, checks), `envelope.rs` (the data files'
//! format tag and version), `scores.rs` (a province's scores
//! for a year), `tags.rs` (the codes on a task), `suggest.rs` (criteria for a task's words),
//! `analysis.rs` (points lost per area and criterion, tasks per criterion, gaps); tests in
//! `tests.rs`. The data are `data/par_index/*.json`: the criteria set of Quyết định
//! 876/QĐ-BNV (2022-2030) as far as seed 001 and published sources give it, and Hưng Yên's
//! 2023 scores from seed 001. It draws no UI and writes no workbook.
//!
//! ```
//! use cchc_plan::domain::par_index::{analyse, CriteriaSet, Scores};
//! use cchc_plan::domain::plan::Plan;
//! let set = CriteriaSet::builtin();
//! let scores = Scores::find_builtin("Hưng Yên", 2023).unwrap();
//! let analysis = analyse(set, scores, &Plan::new("p", "Hưng Yên", 2024));
//! let tthc = analysis.areas.iter().find(|a| a.code == "3").unwrap();
//! assert_eq!(tthc.lost.unwrap().to_string(), "1,0112");
//! assert_eq!(analysis.gaps().len(), 22);
//! ```

mod analysis;
mod criteria;
mod envelope;
mod points;
mod scores;
mod suggest;
pub mod tags;

pub use analysis::{analyse, Analysis, AreaResult, Gap, LostCriterion};
pub use criteria::{
    Area, CriteriaSet, Criterion, Entry, Level, Problem, Published, Years, CRITERIA_FORMAT,
    CRITERIA_VERSION,
};
pub use points::Points;
pub use scores::{Rank, Score, ScoreProblem, Scores, SCORES_FORMAT, SCORES_VERSION};
pub use suggest::{Suggester, Suggestion};

#[cfg(test)]
mod tests;
