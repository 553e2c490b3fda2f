//! Phụ lục II laid out once, as text and amounts, for every output: the tasks grouped by
//! lead agency — what each member of the steering committee must deliver (as seed 000 is
//! organised). The "Phụ lục II" sheet writes it with SUM formulas; the Word export writes
//! it as a table.
//!
//! A bold line per agency (Roman TT, "name (n nhiệm vụ)", the budget of its tasks) heads its
//! tasks: TT within the agency, content, product, area, deadline, budget. A task with
//! several lead agencies appears under each of them, its content followed by
//! "(Cùng chủ trì: ...)", and a note under the table says that its budget then counts once
//! per agency. Agencies are merged without regard to case or diacritics and listed in the
//! order they first appear in the plan; tasks with no lead agency come last.

use std::collections::HashMap;

use crate::domain::money::{Money, MoneyError};
use crate::domain::numbering::roman;
use crate::domain::plan::Plan;
use crate::domain::text::fold;

use super::heading::{attachment_line, Heading};
use super::settings::{Column, ExportSettings};
use super::task_table::TableCell;

/// The heading of tasks without a lead agency.
pub const NO_LEAD: &str = "(Chưa giao cơ quan chủ trì)";
/// The header of the area column.
pub const AREA_HEADER: &str = "Lĩnh vực";

/// The tasks one agency leads.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AgencyTasks {
    /// The name as first written in the plan; empty for tasks without a lead agency.
    pub name: String,
    /// Positions of its task rows in the plan, in table order.
    pub tasks: Vec<usize>,
}

/// The key two spellings of one agency share: folded, single spaces.
pub(crate) fn agency_key(name: &str) -> String {
    fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The plan's tasks by lead agency, agencies in order of first appearance.
pub(crate) fn by_lead(plan: &Plan) -> Vec<AgencyTasks> {
    let mut groups: Vec<AgencyTasks> = Vec::new();
    // Group of each agency key, and of each spelling already seen (most tasks repeat a
    // few names, so the key is folded once per spelling).
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut by_spelling: HashMap<&str, usize> = HashMap::new();
    let mut unassigned = Vec::new();
    for (i, row) in plan.rows().iter().enumerate() {
        let Some(task) = row.task() else { continue };
        let mut seen: Vec<usize> = Vec::new();
        for name in task.lead.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            let at = *by_spelling.entry(name).or_insert_with(|| {
                *index.entry(agency_key(name)).or_insert_with(|| {
                    groups.push(AgencyTasks {
                        name: name.to_string(),
                        tasks: Vec::new(),
                    });
                    groups.len() - 1
                })
            });
            if seen.contains(&at) {
                continue;
            }
            groups[at].tasks.push(i);
            seen.push(at);
        }
        if seen.is_empty() {
            unassigned.push(i);
        }
    }
    if !unassigned.is_empty() {
        groups.push(AgencyTasks {
            name: String::new(),
            tasks: unassigned,
        });
    }
    groups
}

/// "I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH" for every row: the area it sits in.
fn area_labels(plan: &Plan, numbers: &[String]) -> Vec<String> {
    let mut current = String::new();
    plan.rows()
        .iter()
        .enumerate()
        .map(|(i, row)| {
            if row.depth == 0 {
                current = format!("{}. {}", numbers[i], row.text().trim());
            }
            current.clone()
        })
        .collect()
}

/// The columns of Phụ lục II.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgencyColumn {
    Number,
    Content,
    Product,
    Area,
    Deadline,
    Budget,
}

impl AgencyColumn {
    /// Width in Excel character units.
    pub fn width(self) -> f64 {
        match self {
            AgencyColumn::Number => 6.0,
            AgencyColumn::Content => 55.0,
            AgencyColumn::Product => 36.0,
            AgencyColumn::Area => 30.0,
            AgencyColumn::Deadline => 16.0,
            AgencyColumn::Budget => 13.0,
        }
    }
}

/// One task under an agency.
#[derive(Clone, Debug, PartialEq)]
pub struct AgencyTask {
    /// Its position in the plan.
    pub row: usize,
    /// One cell per column of [`AgencyTable::columns`].
    pub cells: Vec<TableCell>,
}

/// An agency and the tasks it leads.
#[derive(Clone, Debug, PartialEq)]
pub struct AgencyGroup {
    /// Roman numeral: "I", "II", ...
    pub number: String,
    /// "Sở Nội vụ (12 nhiệm vụ)".
    pub title: String,
    /// The sum of its tasks' budgets; `None` when none has one.
    pub budget: Option<Money>,
    pub tasks: Vec<AgencyTask>,
}

/// Phụ lục II: heading, columns, headers, agencies with their tasks, and the note.
#[derive(Clone, Debug, PartialEq)]
pub struct AgencyTable {
    pub heading: Heading,
    pub columns: Vec<AgencyColumn>,
    pub headers: Vec<String>,
    pub groups: Vec<AgencyGroup>,
    /// Under the table, when a task has several lead agencies.
    pub note: Option<&'static str>,
}

impl AgencyTable {
    /// Lays out Phụ lục II of a plan with these settings.
    ///
    /// # Errors
    /// [`MoneyError::TotalTooLarge`] when an agency's budgets do not add up to a figure that
    /// fits (they cannot once the plan's total did).
    pub fn new(
        plan: &Plan,
        settings: &ExportSettings,
        numbers: &[String],
    ) -> Result<AgencyTable, MoneyError> {
        let mut columns = vec![AgencyColumn::Number, AgencyColumn::Content];
        if settings.includes(Column::Product) {
            columns.push(AgencyColumn::Product);
        }
        columns.push(AgencyColumn::Area);
        if settings.includes(Column::Deadline) {
            columns.push(AgencyColumn::Deadline);
        }
        let with_budget = settings.includes(Column::Budget);
        if with_budget {
            columns.push(AgencyColumn::Budget);
        }
        let heading = Heading {
            label: settings.label.label("II"),
            title: format!(
                "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {} THEO CƠ QUAN CHỦ TRÌ",
                plan.year
            ),
            attachment: attachment_line(plan),
            unit: with_budget,
        };
        let headers = columns
            .iter()
            .map(|column| match column {
                AgencyColumn::Number => settings.header(Column::Number),
                AgencyColumn::Content => settings.header(Column::Content),
                AgencyColumn::Product => settings.header(Column::Product),
                AgencyColumn::Area => AREA_HEADER,
                AgencyColumn::Deadline => settings.header(Column::Deadline),
                AgencyColumn::Budget => settings.header(Column::Budget),
            })
            .map(str::to_string)
            .collect();

        let rows = plan.rows();
        let areas = area_labels(plan, numbers);
        let mut shared = false;
        let mut groups = Vec::new();
        for (k, agency) in by_lead(plan).iter().enumerate() {
            let own_key = agency_key(&agency.name);
            let mut budget: Option<Money> = None;
            let mut tasks = Vec::with_capacity(agency.tasks.len());
            for (n, &i) in agency.tasks.iter().enumerate() {
                let task = rows[i].task().expect("by_lead lists tasks");
                // A task with one lead agency is led by this one alone.
                let others: Vec<&str> = if task.lead.len() < 2 {
                    Vec::new()
                } else {
                    task.lead
                        .iter()
                        .map(|l| l.trim())
                        .filter(|l| !l.is_empty() && agency_key(l) != own_key)
                        .collect()
                };
                let content = if others.is_empty() || agency.name.is_empty() {
                    task.content.clone()
                } else {
                    shared = true;
                    format!("{}\n(Cùng chủ trì: {})", task.content, others.join("; "))
                };
                if with_budget {
                    if let Some(m) = task.budget {
                        budget = Some(budget.unwrap_or(Money::ZERO).checked_add(m)?);
                    }
                }
                let mut content = Some(content);
                let cells = columns
                    .iter()
                    .map(|column| match column {
                        AgencyColumn::Number => TableCell::Text((n + 1).to_string()),
                        AgencyColumn::Content => {
                            TableCell::Text(content.take().unwrap_or_default())
                        }
                        AgencyColumn::Product => TableCell::Text(task.product.clone()),
                        AgencyColumn::Area => TableCell::Text(areas[i].clone()),
                        AgencyColumn::Deadline => TableCell::Text(task.deadline.clone()),
                        AgencyColumn::Budget => TableCell::Budget(task.budget),
                    })
                    .collect();
                tasks.push(AgencyTask { row: i, cells });
            }
            let name = if agency.name.is_empty() {
                NO_LEAD
            } else {
                &agency.name
            };
            groups.push(AgencyGroup {
                number: roman(k as u32 + 1),
                title: format!("{name} ({} nhiệm vụ)", agency.tasks.len()),
                budget,
                tasks,
            });
        }
        let note = shared.then_some(if with_budget {
            "Ghi chú: Nhiệm vụ có nhiều cơ quan chủ trì được liệt kê dưới mỗi cơ quan chủ trì; \
             kinh phí của nhiệm vụ đó được tính ở mỗi cơ quan, nên cộng kinh phí các cơ quan có \
             thể lớn hơn tổng kinh phí của Kế hoạch (Phụ lục I)."
        } else {
            "Ghi chú: Nhiệm vụ có nhiều cơ quan chủ trì được liệt kê dưới mỗi cơ quan chủ trì."
        });
        Ok(AgencyTable {
            heading,
            columns,
            headers,
            groups,
            note,
        })
    }

    /// The position of the budget column, when included.
    pub fn budget_column(&self) -> Option<usize> {
        self.columns.iter().position(|c| *c == AgencyColumn::Budget)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Task;

    fn task(content: &str, lead: &[&str]) -> Task {
        Task {
            content: content.into(),
            lead: lead.iter().map(|s| s.to_string()).collect(),
            ..Task::default()
        }
    }

    #[test]
    fn tasks_group_by_lead_in_order_of_appearance() {
        let mut plan = Plan::new("p", "Hưng Yên", 2027);
        let a = plan.add_area_titled(None, "A".into());
        plan.add_task_with(Some(a), task("t1", &["Sở Nội vụ"]));
        plan.add_task_with(Some(a), task("t2", &["Sở Tư pháp", "sở nội VỤ "]));
        plan.add_task_with(Some(a), task("t3", &[]));
        plan.add_task_with(Some(a), task("t4", &["Sở Tư pháp", "Sở Tư pháp"]));
        let groups = by_lead(&plan);
        let summary: Vec<(&str, &[usize])> = groups
            .iter()
            .map(|g| (g.name.as_str(), g.tasks.as_slice()))
            .collect();
        assert_eq!(
            summary,
            [
                ("Sở Nội vụ", &[1usize, 2][..]),
                ("Sở Tư pháp", &[2, 4][..]),
                ("", &[3][..])
            ]
        );
    }
}

#[cfg(test)]
mod seed_tests {
    use super::*;
    use crate::domain::agency::{is_commune_level, is_district_level, Directory};
    use crate::domain::library::{builtin, plan_from_source};
    use crate::domain::text::fold;

    /// The head words an agency name begins with, folded: the kind of body it names (a
    /// department, a committee, an office, a board, a centre, ...) or a set of such bodies
    /// ("các sở", "các cơ quan"). A level or a place alone ("huyện, cấp xã", "cấp xã") is
    /// not an agency, nor is a fragment that continues a list.
    const AGENCY_HEADS: [&str; 31] = [
        "so",
        "cac so",
        "ubnd",
        "uy ban",
        "van phong",
        "ban",
        "cac ban",
        "thanh tra",
        "cong an",
        "bo chi huy",
        "dai",
        "bao",
        "trung tam",
        "hoi",
        "cac hoi",
        "lien doan",
        "tinh doan",
        "doan",
        "kho bac",
        "cuc",
        "chi cuc",
        "bao hiem",
        "cac co quan",
        "cac don vi",
        "co quan",
        "don vi",
        "mat tran",
        "truong",
        "vien",
        "cong doan",
        "to cong tac",
    ];

    /// A real agency: one the agency directory knows (by name or alias); or a name that
    /// starts with a capital (a fragment continues a list in lower case) and either names
    /// the district or commune level as a whole (the agency module's own tests: "Các
    /// huyện, thị xã, thành phố", "UBND cấp xã") or starts with the head word of a kind of
    /// body.
    fn is_real_agency(directory: &Directory, name: &str) -> bool {
        if directory.lookup(name).is_some() {
            return true;
        }
        let capital = name.chars().next().is_some_and(char::is_uppercase);
        if capital && (is_district_level(name) || is_commune_level(name)) {
            return true;
        }
        let folded = fold(name)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        capital
            && AGENCY_HEADS
                .iter()
                .any(|head| folded == *head || folded.starts_with(&format!("{head} ")))
    }

    #[test]
    fn phu_luc_ii_of_every_seed_groups_by_real_agencies() {
        let library = builtin();
        let directory = Directory::builtin();
        assert_eq!(library.sources().len(), 5);
        let mut wrong = Vec::new();
        for source in library.sources() {
            let plan = plan_from_source(library, &source.id, format!("p-{}", source.id))
                .expect("every seed recreates a plan");
            let groups = by_lead(&plan);
            assert!(groups.len() > 3, "{}: {} groups", source.id, groups.len());
            wrong.extend(
                groups
                    .iter()
                    .map(|g| g.name.as_str())
                    .filter(|name| !name.is_empty() && !is_real_agency(&directory, name))
                    .map(|name| format!("{}: {name}", source.id)),
            );
        }
        assert!(
            wrong.is_empty(),
            "Phụ lục II groups by names that are not agencies: {wrong:?}"
        );
    }

    #[test]
    fn fragments_and_levels_are_not_agencies() {
        let directory = Directory::builtin();
        for name in [
            "huyện, cấp xã",
            "Huyện, cấp xã",
            "cấp huyện, cấp xã",
            "phân cấp QLNN theo ngành, lĩnh vực",
        ] {
            assert!(!is_real_agency(&directory, name), "{name}");
        }
        for name in [
            "Sở Nội vụ",
            "UBND cấp huyện, cấp xã",
            "Các Sở, Ban, ngành",
            "Văn phòng UBND tỉnh",
            "Các huyện, thị xã, thành phố",
            "Tổ công tác của Chủ tịch UBND tỉnh",
            "Các sở, ban, ngành được UBND tỉnh phân cấp QLNN theo ngành, lĩnh vực",
        ] {
            assert!(is_real_agency(&directory, name), "{name}");
        }
    }
}
