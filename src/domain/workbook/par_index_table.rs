//! "Khắc phục Chỉ số CCHC" laid out once, as text, for any output: what seed 001's part II
//! says, as a table. Per area that lost points (a Roman-numbered line with its result: "đạt
//! 11,9888/13 điểm, bị trừ 1,0112 điểm"), one row per criterion or component criterion
//! that lost points: TT, the criterion with its code, the score ("0/0,5"), the points lost,
//! the plan's tasks tagged with it and their lead agencies. A criterion without a task says
//! so in the tasks cell.
//!
//! It reads the plan, the criteria set and the scores ([`crate::domain::par_index`]); the
//! sheet that writes it is `par_index_sheet.rs`.

use crate::domain::numbering::roman;
use crate::domain::par_index::{analyse, CriteriaSet, Scores};
use crate::domain::plan::Plan;
use crate::domain::text::fold_key;

use super::heading::{attachment_line, Heading};
use super::settings::{ExportSettings, LabelStyle};

/// The name of the sheet.
pub const SHEET_PAR_INDEX: &str = "Khắc phục Chỉ số CCHC";
/// The tasks cell of a criterion no task answers yet.
pub const NO_TASK: &str = "(Chưa có nhiệm vụ)";

/// The columns of the table, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParIndexColumn {
    Number,
    Criterion,
    Score,
    Lost,
    Tasks,
    Agencies,
}

impl ParIndexColumn {
    /// Every column, in order.
    pub const ALL: [ParIndexColumn; 6] = [
        ParIndexColumn::Number,
        ParIndexColumn::Criterion,
        ParIndexColumn::Score,
        ParIndexColumn::Lost,
        ParIndexColumn::Tasks,
        ParIndexColumn::Agencies,
    ];

    /// The header (Vietnamese); `year` is the year of the scores.
    pub fn header(self, year: i32) -> String {
        match self {
            ParIndexColumn::Number => "TT".into(),
            ParIndexColumn::Criterion => "Tiêu chí, tiêu chí thành phần bị trừ điểm".into(),
            ParIndexColumn::Score => format!("Điểm đạt/tối đa năm {year}"),
            ParIndexColumn::Lost => "Điểm bị trừ".into(),
            ParIndexColumn::Tasks => "Nhiệm vụ, giải pháp khắc phục".into(),
            ParIndexColumn::Agencies => "Cơ quan chủ trì".into(),
        }
    }

    /// Width in Excel character units.
    pub fn width(self) -> f64 {
        match self {
            ParIndexColumn::Number => 6.0,
            ParIndexColumn::Criterion => 40.0,
            ParIndexColumn::Score => 13.0,
            ParIndexColumn::Lost => 10.0,
            ParIndexColumn::Tasks => 60.0,
            ParIndexColumn::Agencies => 28.0,
        }
    }
}

/// One criterion that lost points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParIndexRow {
    /// The criterion's code, for lookups ("3.2.1").
    pub code: String,
    /// One text per column of [`ParIndexColumn::ALL`].
    pub cells: Vec<String>,
    /// The positions of its tasks in the plan, in table order.
    pub tasks: Vec<usize>,
}

/// An area that lost points, with its criteria.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParIndexSection {
    /// Roman numeral: "I", "II", ...
    pub number: String,
    /// "Cải cách thủ tục hành chính: đạt 11,9888/13 điểm, bị trừ 1,0112 điểm".
    pub title: String,
    /// Its criteria that lost points, in the criteria set's order.
    pub rows: Vec<ParIndexRow>,
}

/// The whole sheet: heading, headers, sections.
#[derive(Clone, Debug, PartialEq)]
pub struct ParIndexTable {
    pub heading: Heading,
    /// One per column of [`ParIndexColumn::ALL`].
    pub headers: Vec<String>,
    /// The areas that lost points, in the criteria set's order.
    pub sections: Vec<ParIndexSection>,
}

/// "Biểu khắc phục Chỉ số CCHC", in capitals for [`LabelStyle::Capitals`].
fn label(style: LabelStyle) -> String {
    match style {
        LabelStyle::Numbered => "Biểu khắc phục Chỉ số CCHC".into(),
        LabelStyle::Capitals => "BIỂU KHẮC PHỤC CHỈ SỐ CCHC".into(),
    }
}

impl ParIndexTable {
    /// Lays out what `scores` ask of `plan`.
    ///
    /// ```
    /// use cchc_plan::domain::library::{builtin, plan_from_source};
    /// use cchc_plan::domain::par_index::{CriteriaSet, Scores};
    /// use cchc_plan::domain::workbook::{ExportSettings, ParIndexTable};
    /// let plan = plan_from_source(builtin(), "seed-001", "p").unwrap();
    /// let scores = Scores::find_builtin("Hưng Yên", 2023).unwrap();
    /// let table = ParIndexTable::new(&plan, CriteriaSet::builtin(), scores, &ExportSettings::default());
    /// let first = &table.sections[0];
    /// assert_eq!(first.title, "Công tác chỉ đạo, điều hành: đạt 9,48/9,5 điểm, bị trừ 0,02 điểm");
    /// assert_eq!(first.rows[0].cells[..4], ["1", "1.7. Thực hiện nhiệm vụ được Chính phủ, Thủ tướng Chính phủ giao", "1,48/1,5", "0,02"]);
    /// ```
    pub fn new(
        plan: &Plan,
        set: &CriteriaSet,
        scores: &Scores,
        settings: &ExportSettings,
    ) -> ParIndexTable {
        let analysis = analyse(set, scores, plan);
        let rows = plan.rows();
        let mut sections = Vec::new();
        for area in &analysis.areas {
            let in_area = |code: &str| code.split('.').next() == Some(area.code.as_str());
            let lost: Vec<_> = analysis.lost.iter().filter(|c| in_area(&c.code)).collect();
            if lost.is_empty() {
                continue;
            }
            let title = match (area.achieved, area.max, area.lost) {
                (Some(achieved), Some(max), Some(points)) => format!(
                    "{}: đạt {achieved}/{max} điểm, bị trừ {points} điểm",
                    area.name
                ),
                _ => area.name.clone(),
            };
            let rows = lost
                .iter()
                .enumerate()
                .map(|(n, criterion)| {
                    let positions: Vec<usize> = criterion
                        .tasks
                        .iter()
                        .filter_map(|id| plan.position(*id))
                        .collect();
                    let tasks: Vec<&str> = positions
                        .iter()
                        .filter_map(|&i| rows[i].task())
                        .map(|t| t.content.trim())
                        .collect();
                    let tasks_cell = match tasks.len() {
                        0 => NO_TASK.to_string(),
                        1 => tasks[0].to_string(),
                        _ => tasks
                            .iter()
                            .map(|t| format!("- {t}"))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    };
                    let mut agencies: Vec<&str> = Vec::new();
                    let mut keys: Vec<String> = Vec::new();
                    for task in positions.iter().filter_map(|&i| rows[i].task()) {
                        for name in task.lead.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                            let key = fold_key(name);
                            if !keys.contains(&key) {
                                keys.push(key);
                                agencies.push(name);
                            }
                        }
                    }
                    let name = if criterion.name.is_empty() {
                        criterion.code.clone()
                    } else {
                        format!("{}. {}", criterion.code, criterion.name)
                    };
                    ParIndexRow {
                        code: criterion.code.clone(),
                        cells: vec![
                            (n + 1).to_string(),
                            name,
                            format!("{}/{}", criterion.achieved, criterion.max),
                            criterion.lost.to_string(),
                            tasks_cell,
                            agencies.join("; "),
                        ],
                        tasks: positions,
                    }
                })
                .collect();
            sections.push(ParIndexSection {
                number: roman(sections.len() as u32 + 1),
                title,
                rows,
            });
        }
        ParIndexTable {
            heading: Heading {
                label: label(settings.label),
                title: format!(
                    "NHIỆM VỤ KHẮC PHỤC CÁC TIÊU CHÍ BỊ TRỪ ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {}",
                    scores.year
                ),
                attachment: attachment_line(plan),
                unit: false,
            },
            headers: ParIndexColumn::ALL
                .iter()
                .map(|c| c.header(scores.year))
                .collect(),
            sections,
        }
    }
}
