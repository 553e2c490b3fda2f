//! Adding templates to an open plan: which area of the plan a template belongs to, and where
//! in that area it goes.
//!
//! An area of the plan matches a template's area when its title, folded (no diacritics, no
//! case, no punctuation, an ordinal such as "I." dropped), reads as the standard title
//! ([`AreaKey::title_vi`]) or as any heading a source of the library gave that area ("CÔNG
//! TÁC CHỈ ĐẠO ĐIỀU HÀNH", "Cải cách thủ tục hành chính (TTHC)" …). A plan without such an
//! area gets one, titled [`AreaKey::title_vi`], placed among the known areas in the usual
//! order.
//!
//! Inside the area the task goes at the end, with two refinements:
//! - a sub-task whose parent template is already in that area goes last under its parent;
//! - a task whose group path names a group of that area (as [`super::plan_from_source`]
//!   titles groups, or by its innermost heading) goes last in that group.
//!
//! Otherwise — a group the plan lacks, a parent not in the plan — it is a plain task at the
//! end of the area: adding one template never invents groups the drafter did not ask for.
//!
//! ```
//! use cchc_plan::domain::deadline::shift_years;
//! use cchc_plan::domain::library::{add_template, builtin};
//! use cchc_plan::domain::plan::Plan;
//! let library = builtin();
//! let mut plan = Plan::new("p1", "Lào Cai", 2027);
//! let template = library.template("002-I-1.1").unwrap();
//! let added = add_template(&mut plan, library, template, shift_years);
//! assert!(added.area_created);
//! assert_eq!(plan.row(added.area).unwrap().text(), "Công tác chỉ đạo, điều hành");
//! assert_eq!(plan.row(added.row).unwrap().task().unwrap().deadline, "Quý I/2027");
//! assert_eq!(plan.numbers(), ["I", "1"]);
//! ```

use std::collections::HashMap;

use super::{AreaKey, Library, ShiftYears, Template};
use crate::domain::plan::{Plan, RowId, RowKind};
use crate::domain::text::fold_words;

/// Where an added template went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Added {
    /// The new task row.
    pub row: RowId,
    /// The area row it is in.
    pub area: RowId,
    /// Whether that area was created for it.
    pub area_created: bool,
}

/// The folded words of a heading, without a leading ordinal ("I.", "2)", "IV -").
fn heading_words(title: &str) -> Vec<String> {
    let mut words = fold_words(title);
    let ordinal = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || (w.len() <= 5 && w.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
    };
    if words.len() > 1 && ordinal(&words[0]) {
        words.remove(0);
    }
    words
}

/// Every heading the library knows for each area, folded: the standard title and the
/// headings its sources wrote.
fn known_headings(library: &Library) -> HashMap<Vec<String>, AreaKey> {
    let mut known = HashMap::new();
    for area in AreaKey::ALL {
        known.insert(heading_words(area.title_vi()), area);
    }
    let mut seen: Vec<(&str, AreaKey)> = Vec::new();
    for template in library.templates() {
        let pair = (template.area_title.as_str(), template.area);
        if pair.0.is_empty() || seen.contains(&pair) {
            continue;
        }
        seen.push(pair);
        known.entry(heading_words(pair.0)).or_insert(pair.1);
    }
    known
}

/// The area a heading names, if the library knows the heading.
pub fn area_of_heading(library: &Library, title: &str) -> Option<AreaKey> {
    known_headings(library).get(&heading_words(title)).copied()
}

/// The areas of a plan, with the area each heading names (if known), in table order.
fn plan_areas(plan: &Plan, known: &HashMap<Vec<String>, AreaKey>) -> Vec<(RowId, Option<AreaKey>)> {
    plan.rows()
        .iter()
        .filter(|r| r.kind() == RowKind::Area)
        .map(|r| (r.id, known.get(&heading_words(r.text())).copied()))
        .collect()
}

/// The first area of the plan whose heading names `area`.
pub fn find_area(plan: &Plan, library: &Library, area: AreaKey) -> Option<RowId> {
    let known = known_headings(library);
    plan_areas(plan, &known)
        .into_iter()
        .find(|(_, key)| *key == Some(area))
        .map(|(id, _)| id)
}

/// Adds a new area titled [`AreaKey::title_vi`] in the usual order ([`AreaKey::ALL`]): after
/// the last area that is not known to come after it (an unknown heading is never jumped over).
fn create_area(plan: &mut Plan, known: &HashMap<Vec<String>, AreaKey>, area: AreaKey) -> RowId {
    let areas = plan_areas(plan, known);
    let later = areas
        .iter()
        .rposition(|(_, key)| key.is_none_or(|k| k <= area))
        .map_or(0, |i| i + 1);
    let id = plan.add_area_titled(None, area.title_vi().to_string());
    for _ in later..areas.len() {
        plan.move_up(id);
    }
    id
}

/// The rows of the block of `id` (the row and everything under it), in table order.
fn block(plan: &Plan, id: RowId) -> &[std::sync::Arc<crate::domain::plan::Row>] {
    let rows = plan.rows();
    let Some(pos) = plan.position(id) else {
        return &rows[0..0];
    };
    let depth = rows[pos].depth;
    let end = rows[pos + 1..]
        .iter()
        .position(|r| r.depth <= depth)
        .map_or(rows.len(), |n| pos + 1 + n);
    &rows[pos..end]
}

/// Adds a template as a task of the plan (its deadline moved to the plan's year by
/// `shift_years`), placed as the module documentation says. One change of the plan.
pub fn add_template(
    plan: &mut Plan,
    library: &Library,
    template: &Template,
    shift_years: ShiftYears,
) -> Added {
    let known = known_headings(library);
    add_one(plan, library, &known, template, shift_years)
}

/// Adds several templates, in the order given, as [`add_template`] does.
pub fn add_templates<'a>(
    plan: &mut Plan,
    library: &Library,
    templates: impl IntoIterator<Item = &'a Template>,
    shift_years: ShiftYears,
) -> Vec<Added> {
    let known = known_headings(library);
    templates
        .into_iter()
        .map(|t| add_one(plan, library, &known, t, shift_years))
        .collect()
}

fn add_one(
    plan: &mut Plan,
    library: &Library,
    known: &HashMap<Vec<String>, AreaKey>,
    template: &Template,
    shift_years: ShiftYears,
) -> Added {
    let task = library.task_from(template, plan.year, shift_years);
    let existing = plan_areas(plan, known)
        .into_iter()
        .find(|(_, key)| *key == Some(template.area))
        .map(|(id, _)| id);
    let (area, area_created) = match existing {
        Some(id) => (id, false),
        None => (create_area(plan, known, template.area), true),
    };

    // A parent task from the same template set, already in this area.
    let parent = template.parent.as_deref().and_then(|parent_id| {
        block(plan, area)
            .iter()
            .find(|r| r.task().and_then(|t| t.template.as_deref()) == Some(parent_id))
            .map(|r| (r.id, r.depth))
    });
    // A group of this area named by the template's group path.
    let group = (!template.group.is_empty())
        .then(|| {
            let full = heading_words(&template.group.join(" / "));
            let inner = template
                .group
                .last()
                .map(|g| heading_words(g))
                .unwrap_or_default();
            let groups: Vec<(RowId, Vec<String>)> = block(plan, area)
                .iter()
                .filter(|r| r.kind() == RowKind::Group)
                .map(|r| (r.id, heading_words(r.text())))
                .collect();
            groups
                .iter()
                .find(|(_, words)| *words == full)
                .or_else(|| groups.iter().find(|(_, words)| *words == inner))
                .map(|(id, _)| *id)
        })
        .flatten();

    let row = match (parent, group) {
        (Some((parent, 1)), _) => {
            // After the parent's sub-tasks, then one level in: its last sub-task.
            let row = plan.add_task_with(Some(parent), task);
            plan.indent(row);
            row
        }
        // A parent already at the deepest level: the sub-task goes right after it.
        (Some((parent, _)), _) => plan.add_task_with(Some(parent), task),
        (None, Some(group)) => plan.add_task_with(Some(group), task),
        (None, None) => plan.add_task_with(Some(area), task),
    };
    Added {
        row,
        area,
        area_created,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadline::shift_years;
    use crate::domain::library::{builtin, plan_from_source};
    use crate::domain::plan::Task;

    fn titles(plan: &Plan) -> Vec<(String, String)> {
        plan.numbers()
            .into_iter()
            .zip(plan.rows())
            .map(|(n, r)| (n, r.text().to_string()))
            .collect()
    }

    #[test]
    fn headings_fold_and_drop_ordinals() {
        let lib = builtin();
        let area = |t: &str| area_of_heading(lib, t);
        assert_eq!(area("CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH"), Some(AreaKey::Direction));
        assert_eq!(
            area("công tác chỉ đạo, điều hành"),
            Some(AreaKey::Direction)
        );
        assert_eq!(
            area("I. Công tác chỉ đạo điều hành"),
            Some(AreaKey::Direction)
        );
        assert_eq!(
            area("Cải cách thủ tục hành chính (TTHC)"),
            Some(AreaKey::Procedures)
        );
        assert_eq!(area("IV - CẢI CÁCH CÔNG VỤ"), Some(AreaKey::CivilService));
        assert_eq!(
            area("Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"),
            Some(AreaKey::DigitalGovernment)
        );
        assert_eq!(area("Nhiệm vụ khác"), Some(AreaKey::Other));
        assert_eq!(area("Công tác thi đua"), None);
        assert_eq!(area(""), None);
    }

    #[test]
    fn into_the_matching_area_at_its_end() {
        let lib = builtin();
        let mut plan = Plan::new("p", "Lào Cai", 2027);
        let direction = plan.add_area_titled(None, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH".into());
        plan.add_task_with(Some(direction), Task::default());
        let procedures = plan.add_area_titled(None, "Cải cách TTHC".into());
        let template = lib.template("004-I-3").unwrap();
        let added = add_template(&mut plan, lib, template, shift_years);
        assert_eq!(added.area, direction);
        assert!(!added.area_created);
        assert_eq!(plan.numbers(), ["I", "1", "2", "II"]);
        let task = plan.row(added.row).unwrap().task().unwrap().clone();
        assert_eq!(task.deadline, "Quý I/2027");
        assert_eq!(task.template.as_deref(), Some("004-I-3"));
        // "Cải cách TTHC" is not a heading the library knows: a standard area is created. An
        // unknown area is never jumped over, so the new one goes after it, at the end.
        let procedure = lib.template("004-III-1").unwrap();
        let added = add_template(&mut plan, lib, procedure, shift_years);
        assert!(added.area_created);
        assert_eq!(
            plan.row(added.area).unwrap().text(),
            "Cải cách thủ tục hành chính"
        );
        assert_eq!(
            plan.row(added.row).unwrap().task().unwrap().deadline,
            "Trước ngày 05/01/2027"
        );
        assert_eq!(plan.position(procedures), Some(3));
        assert_eq!(plan.position(added.area), Some(4));
    }

    #[test]
    fn new_areas_take_their_usual_place() {
        let lib = builtin();
        let mut plan = Plan::new("p", "Lào Cai", 2027);
        plan.add_area_titled(None, "Cải cách chế độ công vụ".into());
        plan.add_area_titled(None, "Cải cách tài chính công".into());
        let first = lib.templates_of("seed-002").next().unwrap();
        assert_eq!(first.area, AreaKey::Direction);
        let procedures = lib
            .templates_of("seed-002")
            .find(|t| t.area == AreaKey::Procedures && t.group.is_empty())
            .or_else(|| {
                lib.templates_of("seed-002")
                    .find(|t| t.area == AreaKey::Procedures)
            })
            .unwrap();
        let digital = lib
            .templates_of("seed-004")
            .find(|t| t.area == AreaKey::DigitalGovernment)
            .unwrap();
        add_templates(&mut plan, lib, [digital, procedures, first], shift_years);
        let areas: Vec<String> = plan
            .rows()
            .iter()
            .filter(|r| r.depth == 0)
            .map(|r| r.text().to_string())
            .collect();
        assert_eq!(
            areas,
            [
                "Công tác chỉ đạo, điều hành",
                "Cải cách thủ tục hành chính",
                "Cải cách chế độ công vụ",
                "Cải cách tài chính công",
                "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
            ]
        );
        assert_eq!(plan.numbers(), ["I", "1", "II", "1", "III", "IV", "V", "1"]);
    }

    #[test]
    fn groups_and_parents_when_the_plan_has_them() {
        let lib = builtin();
        // Seed 002 recreated, then one of its grouped templates added again: it joins its
        // group, at the group's end.
        let mut plan = plan_from_source(lib, "seed-002", "p").unwrap();
        plan.year = 2027;
        let template = lib.template("002-I-1.1").unwrap();
        let group_end = {
            let group = plan
                .rows()
                .iter()
                .find(|r| r.kind() == RowKind::Group)
                .unwrap()
                .id;
            block(&plan, group).last().unwrap().id
        };
        let added = add_template(&mut plan, lib, template, shift_years);
        assert_eq!(
            plan.position(added.row),
            plan.position(group_end).map(|p| p + 1)
        );
        assert_eq!(plan.row(added.row).unwrap().depth, 2);
        assert_eq!(
            plan.numbers()[..7],
            ["I", "1", "1.1", "1.2", "1.3", "1.4", "1.5"]
        );

        // Without the group: a plain task at the end of the area.
        let mut plan = Plan::new("p", "Lào Cai", 2027);
        let added = add_template(&mut plan, lib, template, shift_years);
        assert_eq!(plan.row(added.row).unwrap().depth, 1);

        // A sub-task goes under its parent when the parent is in the plan, else plainly.
        let child = lib
            .templates()
            .iter()
            .find(|t| {
                t.parent
                    .as_deref()
                    .and_then(|p| lib.template(p))
                    .is_some_and(|p| p.group.is_empty())
            })
            .unwrap();
        let parent = lib.template(child.parent.as_deref().unwrap()).unwrap();
        let mut plan = Plan::new("p", "Lào Cai", 2027);
        let alone = add_template(&mut plan, lib, child, shift_years);
        assert_eq!(plan.row(alone.row).unwrap().depth, 1);
        let mut plan = Plan::new("p", "Lào Cai", 2027);
        let added = add_templates(&mut plan, lib, [parent, child, child], shift_years);
        assert_eq!(titles(&plan).len(), 4);
        assert_eq!(plan.numbers(), ["I", "1", "1.1", "1.2"]);
        assert_eq!(plan.parent(added[2].row), Some(added[0].row));
    }
}
