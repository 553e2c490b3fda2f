//! "Phụ lục II": the tasks grouped by lead agency — what each member of the steering
//! committee must deliver (as seed 000 is organised).
//!
//! A bold row per agency (Roman TT, name, task count, budget as a SUM formula) heads its
//! tasks: TT within the agency, content, product, area, deadline, budget. A task with
//! several lead agencies appears under each of them, its content followed by
//! "(Cùng chủ trì: ...)", and a note under the table says that its budget then counts once
//! per agency. Agencies are merged without regard to case or diacritics and listed in the
//! order they first appear in the plan; tasks with no lead agency come last.

use std::collections::HashMap;

use rust_xlsxwriter::ColNum;

use crate::domain::money::Money;
use crate::domain::numbering::roman;
use crate::domain::plan::Plan;
use crate::domain::text::fold;

use super::cells::{amount, blank, merged_line, sum_formula, text, total, Sheet};
use super::heading::{self, attachment_line, Heading};
use super::measure::row_height;
use super::settings::Column;
use super::styles::{Level, TABLE_SIZE};
use super::{Export, WorkbookError};

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
fn area_labels(export: &Export) -> Vec<String> {
    let mut current = String::new();
    export
        .plan
        .rows()
        .iter()
        .enumerate()
        .map(|(i, row)| {
            if row.depth == 0 {
                current = format!("{}. {}", export.numbers[i], row.text().trim());
            }
            current.clone()
        })
        .collect()
}

/// The columns of this sheet.
#[derive(Clone, Copy, PartialEq)]
enum Col {
    Number,
    Content,
    Product,
    Area,
    Deadline,
    Budget,
}

impl Col {
    fn width(self) -> f64 {
        match self {
            Col::Number => 6.0,
            Col::Content => 55.0,
            Col::Product => 36.0,
            Col::Area => 30.0,
            Col::Deadline => 16.0,
            Col::Budget => 13.0,
        }
    }
}

pub(crate) fn write<'f>(
    sheet: &mut Sheet<'_, 'f>,
    export: &'f Export,
) -> Result<(), WorkbookError> {
    let (plan, settings, styles) = (export.plan, export.settings, &export.styles);
    let mut columns = vec![Col::Number, Col::Content];
    if settings.includes(Column::Product) {
        columns.push(Col::Product);
    }
    columns.push(Col::Area);
    if settings.includes(Column::Deadline) {
        columns.push(Col::Deadline);
    }
    let with_budget = settings.includes(Column::Budget);
    if with_budget {
        columns.push(Col::Budget);
    }
    let widths: Vec<f64> = columns.iter().map(|c| c.width()).collect();
    let heading = Heading {
        label: settings.label.label("II"),
        title: format!(
            "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {} THEO CƠ QUAN CHỦ TRÌ",
            plan.year
        ),
        attachment: attachment_line(plan),
        unit: with_budget,
    };
    let headers: Vec<&str> = columns
        .iter()
        .map(|column| match column {
            Col::Number => settings.header(Column::Number),
            Col::Content => settings.header(Column::Content),
            Col::Product => settings.header(Column::Product),
            Col::Area => AREA_HEADER,
            Col::Deadline => settings.header(Column::Deadline),
            Col::Budget => settings.header(Column::Budget),
        })
        .collect();
    let header_row_at = heading::table_top(sheet, styles, &widths, &heading, &headers)?;

    let rows = plan.rows();
    let areas = area_labels(export);
    let budget_col = columns
        .iter()
        .position(|c| *c == Col::Budget)
        .map(|i| i as ColNum);
    let mut r = header_row_at + 1;
    let mut shared = false;
    for (k, agency) in by_lead(plan).iter().enumerate() {
        let agency_row = r;
        r += 1;
        let mut budget_rows = Vec::new();
        let mut budget = Money::ZERO;
        let own_key = agency_key(&agency.name);
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
            let number = (n + 1).to_string();
            let item = Level::Item;
            let mut cells = Vec::with_capacity(columns.len());
            for (col, column) in columns.iter().enumerate() {
                let width = widths[col];
                let col = col as ColNum;
                let value = match column {
                    Col::Number => Some((number.as_str(), styles.number(item))),
                    Col::Content => Some((content.as_str(), styles.text(item))),
                    Col::Product => Some((task.product.as_str(), styles.text(item))),
                    Col::Area => Some((areas[i].as_str(), styles.text(item))),
                    Col::Deadline => Some((task.deadline.as_str(), styles.centred(item))),
                    Col::Budget => None,
                };
                if let Some((value, format)) = value {
                    text(sheet, r, col, value, format)?;
                    cells.push((value, false, width));
                    continue;
                }
                match column {
                    Col::Budget => match task.budget {
                        Some(m) => {
                            amount(sheet, r, col, m, styles.budget(item, m))?;
                            budget_rows.push(r);
                            budget = budget.checked_add(m)?;
                        }
                        None => {
                            blank(sheet, r, col, styles.budget_blank(item))?;
                        }
                    },
                    _ => unreachable!("text columns are written above"),
                }
            }
            sheet.set_row_height(r, row_height(cells, TABLE_SIZE))?;
            r += 1;
        }
        let name = if agency.name.is_empty() {
            NO_LEAD
        } else {
            &agency.name
        };
        let heading = format!("{name} ({} nhiệm vụ)", agency.tasks.len());
        let level = Level::Heading;
        for (col, column) in columns.iter().enumerate() {
            let col = col as ColNum;
            match column {
                Col::Number => text(
                    sheet,
                    agency_row,
                    col,
                    &roman(k as u32 + 1),
                    styles.number(level),
                )?,
                Col::Content => text(sheet, agency_row, col, &heading, styles.text(level))?,
                Col::Budget if !budget_rows.is_empty() => {
                    let formula = sum_formula(col, &budget_rows, None);
                    total(
                        sheet,
                        agency_row,
                        col,
                        &formula,
                        &budget.to_plain(),
                        styles.budget(level, budget),
                    )?
                }
                _ => {
                    blank(sheet, agency_row, col, styles.text(level))?;
                }
            }
        }
        let content_width = widths[1];
        sheet.set_row_height(
            agency_row,
            row_height([(heading.as_str(), true, content_width)], TABLE_SIZE),
        )?;
    }
    if shared {
        let last = (columns.len() - 1) as ColNum;
        let note = if budget_col.is_some() {
            "Ghi chú: Nhiệm vụ có nhiều cơ quan chủ trì được liệt kê dưới mỗi cơ quan chủ trì; \
             kinh phí của nhiệm vụ đó được tính ở mỗi cơ quan, nên cộng kinh phí các cơ quan có \
             thể lớn hơn tổng kinh phí của Kế hoạch (Phụ lục I)."
        } else {
            "Ghi chú: Nhiệm vụ có nhiều cơ quan chủ trì được liệt kê dưới mỗi cơ quan chủ trì."
        };
        r += 1;
        merged_line(sheet, r, last, widths.iter().sum(), note, &styles.note)?;
    }
    Ok(())
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
