//! The plan by quarter: which agency delivers what, and when.
//!
//! Every task goes to the quarter its deadline falls in ([`deadline::Deadline::quarter`]):
//! Quý I to IV, the whole year (years, continuous and recurring work), or unknown (a bare
//! condition, free text, no deadline). A dated deadline before the plan year ("Tháng 12/2026"
//! in a 2027 plan) is due before anything else: it goes to Quý I. Within a quarter tasks are in deadline order, then
//! in table order. The "Tiến độ" sheet of the Excel export and the timeline view both read
//! this.
//!
//! ```
//! use cchc_plan::domain::deadline::Bucket;
//! use cchc_plan::domain::plan::{Plan, Task};
//! use cchc_plan::domain::timeline::by_quarter;
//! let mut plan = Plan::new("p", "Lào Cai", 2027);
//! let task = |c: &str, d: &str| Task { content: c.into(), deadline: d.into(), ..Task::default() };
//! plan.add_task_with(None, task("Báo cáo năm", "Tháng 12/2027"));
//! plan.add_task_with(None, task("Kế hoạch kiểm tra", "Quý I/2027"));
//! plan.add_task_with(None, task("Tuyên truyền", "Thường xuyên"));
//! let sections = by_quarter(&plan);
//! let buckets: Vec<Bucket> = sections.iter().map(|s| s.bucket).collect();
//! assert_eq!(buckets, [Bucket::Q1, Bucket::Q4, Bucket::WholeYear]);
//! assert_eq!(sections[0].tasks.len(), 1);
//! ```

use super::deadline::{self, Bucket};
use super::plan::Plan;

/// The tasks of one quarter bucket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub bucket: Bucket,
    /// Positions of task rows in the plan, in deadline order.
    pub tasks: Vec<usize>,
}

/// The plan's tasks by quarter, in [`Bucket::ALL`] order; buckets without tasks are left out.
pub fn by_quarter(plan: &Plan) -> Vec<Section> {
    let mut sections: Vec<Section> = Bucket::ALL
        .iter()
        .map(|&bucket| Section {
            bucket,
            tasks: Vec::new(),
        })
        .collect();
    // Each section's tasks with their sort keys, sorted once the plan is read.
    let mut keyed: Vec<Vec<_>> = vec![Vec::new(); sections.len()];
    for (i, row) in plan.rows().iter().enumerate() {
        let Some(task) = row.task() else { continue };
        let parsed = deadline::parse(&task.deadline);
        let bucket = parsed.quarter();
        let dated = !matches!(bucket, Bucket::WholeYear | Bucket::Unknown);
        let before_the_year = dated
            && parsed
                .end_date(plan.year)
                .is_some_and(|(year, ..)| year < plan.year);
        let bucket = if before_the_year { Bucket::Q1 } else { bucket };
        let at = Bucket::ALL
            .iter()
            .position(|b| *b == bucket)
            .expect("every bucket is listed");
        keyed[at].push((parsed.sort_key(plan.year), i));
    }
    for (section, mut tasks) in sections.iter_mut().zip(keyed) {
        tasks.sort_unstable();
        section.tasks = tasks.into_iter().map(|(_, i)| i).collect();
    }
    sections.retain(|s| !s.tasks.is_empty());
    sections
}

/// The heading of a section: "Quý I (4 nhiệm vụ)".
pub fn heading(section: &Section) -> String {
    format!(
        "{} ({} nhiệm vụ)",
        section.bucket.label(),
        section.tasks.len()
    )
}

/// "II.3.1" for every row: its TT in Phụ lục I after its area's, so that it names one row of
/// the whole table. `numbers` and `depths` are in table order.
///
/// ```
/// use cchc_plan::domain::timeline::full_numbers;
/// let numbers: Vec<String> = ["I", "1", "1.1", "II", "1"].map(String::from).to_vec();
/// assert_eq!(full_numbers(&numbers, [0, 1, 2, 0, 1].into_iter()), ["I", "I.1", "I.1.1", "II", "II.1"]);
/// ```
pub fn full_numbers(numbers: &[String], depths: impl Iterator<Item = u8>) -> Vec<String> {
    let mut area = String::new();
    depths
        .zip(numbers)
        .map(|(depth, number)| {
            if depth == 0 {
                area = number.clone();
                number.clone()
            } else if area.is_empty() {
                number.clone()
            } else {
                format!("{area}.{number}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::library::{builtin, plan_from_source};
    use crate::domain::rollover::roll_plan;

    #[test]
    fn seed_004_by_quarter() {
        let mut plan = plan_from_source(builtin(), "004_3d993c84cca7b04f.txt", "p").unwrap();
        roll_plan(&mut plan, 2027);
        let sections = by_quarter(&plan);
        let total: usize = sections.iter().map(|s| s.tasks.len()).sum();
        assert_eq!(total, plan.task_count());
        let q1 = &sections[0];
        assert_eq!(q1.bucket, Bucket::Q1);
        let deadlines: Vec<&str> = q1
            .tasks
            .iter()
            .map(|&i| plan.rows()[i].task().unwrap().deadline.as_str())
            .collect();
        assert!(deadlines.contains(&"Quý I/2027"), "{deadlines:?}");
        // Deadline order: December before the plan year first.
        assert!(deadlines[0].contains("2026"), "{deadlines:?}");
        let whole = sections
            .iter()
            .find(|s| s.bucket == Bucket::WholeYear)
            .unwrap();
        assert!(heading(whole).starts_with("Cả năm / thường xuyên ("));
        // No deadline at all: unknown.
        assert_eq!(sections.last().unwrap().bucket, Bucket::Unknown);
    }
}
