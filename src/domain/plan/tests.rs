use super::*;
use crate::domain::money::{Money, MoneyError};

fn task(content: &str, budget: Option<i64>) -> Task {
    Task {
        content: content.into(),
        budget: budget.map(Money::from_trieu),
        ..Task::default()
    }
}

/// Area I with a group of two tasks, a task with a sub-task; area II with a task.
fn sample() -> (Plan, Vec<RowId>) {
    let mut p = Plan::new("p", "Hưng Yên", 2027);
    let a1 = p.add_area_titled(None, "Công tác chỉ đạo".into());
    let g = p.add_group_titled(Some(a1), "Kiện toàn".into());
    let t1 = p.add_task_with(Some(g), task("t1", Some(10)));
    let t2 = p.add_task_with(Some(t1), task("t2", Some(5)));
    let t3 = p.add_task_with(Some(a1), task("t3", None));
    let t4 = p.add_task_with(Some(t3), task("t4", Some(1)));
    assert!(p.indent(t4));
    let a2 = p.add_area_titled(Some(a1), "Cải cách thể chế".into());
    let t5 = p.add_task_with(Some(a2), task("t5", Some(100)));
    (p, vec![a1, g, t1, t2, t3, t4, a2, t5])
}

fn texts(p: &Plan) -> Vec<String> {
    p.rows().iter().map(|r| r.text().to_string()).collect()
}

#[test]
fn numbering_follows_the_outline() {
    let (p, _) = sample();
    assert_eq!(p.numbers(), ["I", "1", "1.1", "1.2", "2", "2.1", "II", "1"]);
    assert_eq!(p.title, "Kế hoạch cải cách hành chính năm 2027");
}

#[test]
fn totals_count_each_budget_once() {
    let (p, ids) = sample();
    let totals = p.budget_totals();
    assert_eq!(totals.grand, Money::from_trieu(116));
    assert_eq!(totals.by_row[&ids[0]], Money::from_trieu(16));
    assert_eq!(totals.by_row[&ids[1]], Money::from_trieu(15));
    assert_eq!(totals.by_row[&ids[4]], Money::from_trieu(1));
    assert_eq!(totals.by_row[&ids[6]], Money::from_trieu(100));
    assert!(totals.any);
    assert!(!Plan::new("x", "", 2027).budget_totals().any);
}

/// Ten tasks of a shared plan file, each far past what a drafter may type: the file is
/// refused with a Vietnamese message (it used to load and wrap or panic in the total).
#[test]
fn plan_files_with_budgets_past_the_cap_are_refused() {
    let (mut p, ids) = sample();
    for i in 0..10 {
        p.add_task_with(Some(ids[6]), task(&format!("x{i}"), Some(1)));
    }
    let json = serde_json::to_string(&p)
        .unwrap()
        .replace("\"budget\":\"1\"", "\"budget\":\"999999999999999\"");
    let error = serde_json::from_str::<Plan>(&json).unwrap_err();
    assert!(error.to_string().contains("quá lớn"), "{error}");
}

/// Amounts the code builds past the cap still never wrap or panic in a total.
#[test]
fn totals_that_do_not_fit_are_an_error() {
    let mut p = Plan::new("p", "Hưng Yên", 2027);
    let area = p.add_area(None);
    for _ in 0..10 {
        p.add_task_with(
            Some(area),
            Task {
                budget: Some(Money::from_thousandths(i64::MAX / 4)),
                ..Task::default()
            },
        );
    }
    let totals = p.budget_totals();
    assert_eq!(totals.overflow, Some(MoneyError::TotalTooLarge));
    assert_eq!(totals.grand, Money::ZERO);
    assert!(totals.by_row.is_empty());
    assert!(totals.checked().is_err());
    assert_eq!(p.try_budget_totals(), Err(MoneyError::TotalTooLarge));
}

#[test]
fn delete_removes_the_block() {
    let (mut p, ids) = sample();
    assert!(p.delete(ids[1]));
    assert_eq!(
        texts(&p),
        ["Công tác chỉ đạo", "t3", "t4", "Cải cách thể chế", "t5"]
    );
    assert!(!p.delete(ids[1]));
    assert!(p.delete(ids[0]));
    assert_eq!(texts(&p), ["Cải cách thể chế", "t5"]);
    assert_eq!(p.numbers(), ["I", "1"]);
}

#[test]
fn moves_swap_sibling_blocks() {
    let (mut p, ids) = sample();
    assert!(p.move_up(ids[4])); // t3 (with t4) above the group
    assert_eq!(
        texts(&p),
        [
            "Công tác chỉ đạo",
            "t3",
            "t4",
            "Kiện toàn",
            "t1",
            "t2",
            "Cải cách thể chế",
            "t5"
        ]
    );
    assert!(p.move_down(ids[4]));
    assert_eq!(texts(&p)[1..6], ["Kiện toàn", "t1", "t2", "t3", "t4"]);
    assert!(p.move_down(ids[2])); // t1 below t2
    assert_eq!(texts(&p)[2..4], ["t2", "t1"]);
    assert!(p.move_up(ids[6])); // area II above area I
    assert_eq!(texts(&p)[..2], ["Cải cách thể chế", "t5"]);
    assert_eq!(p.numbers()[..3], ["I", "1", "II"]);
    check_structure(&p.rows().iter().map(|r| Row::clone(r)).collect::<Vec<_>>()).unwrap();
}

#[test]
fn moves_cross_into_the_neighbouring_parent() {
    let (mut p, ids) = sample();
    // t5 is first in area II: moving up puts it at the end of area I.
    assert!(p.move_up(ids[7]));
    assert_eq!(texts(&p)[6..], ["t5", "Cải cách thể chế"]);
    // and down again, to the start of area II.
    assert!(p.move_down(ids[7]));
    assert_eq!(texts(&p)[6..], ["Cải cách thể chế", "t5"]);
    // t4 is the last sub-task of t3, the last in area I: it cannot leave for an area.
    assert!(!p.move_down(ids[5]));
    // t1 is first in the group; the group is first in the area: it cannot go up.
    assert!(!p.move_up(ids[2]));
    // t4 first under t3: up goes to the end of the group above.
    assert!(p.move_up(ids[5]));
    assert_eq!(texts(&p)[1..6], ["Kiện toàn", "t1", "t2", "t4", "t3"]);
    assert!(!p.move_up(ids[0]));
    assert!(!p.move_down(ids[7]));
}

#[test]
fn indent_and_outdent() {
    let (mut p, ids) = sample();
    assert!(!p.indent(ids[4]), "t3 has a sub-task");
    assert!(!p.indent(ids[1]), "groups do not indent");
    assert!(p.outdent(ids[2])); // t1 leaves the group, after t2
    assert_eq!(texts(&p)[1..5], ["Kiện toàn", "t2", "t1", "t3"]);
    assert_eq!(p.numbers()[1..5], ["1", "1.1", "2", "3"]);
    assert!(p.indent(ids[2])); // back under the group
    assert_eq!(p.numbers()[1..4], ["1", "1.1", "1.2"]);
    assert!(!p.outdent(ids[4]));
    assert!(
        !p.indent(ids[7]),
        "first task of an area has nothing above to go under"
    );
}

#[test]
fn duplicate_copies_the_block_with_new_ids() {
    let (mut p, ids) = sample();
    let copy = p.duplicate(ids[4]).unwrap();
    assert_eq!(texts(&p)[4..8], ["t3", "t4", "t3", "t4"]);
    assert_ne!(copy, ids[4]);
    assert_eq!(p.numbers()[4..8], ["2", "2.1", "3", "3.1"]);
    let mut all: Vec<_> = p.rows().iter().map(|r| r.id).collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), p.len());
}

#[test]
fn edits_report_changes() {
    let (mut p, ids) = sample();
    assert!(p.update_task(ids[2], |t| t.product = "Quyết định".into()));
    assert!(!p.update_task(ids[2], |t| t.product = "Quyết định".into()));
    assert!(!p.update_task(ids[0], |t| t.product = "x".into()));
    assert!(p.set_title(ids[1], "Hội nghị"));
    assert!(!p.set_title(ids[2], "x"));
}

#[test]
fn adding_without_an_area_creates_one() {
    let mut p = Plan::new("p", "Hưng Yên", 2027);
    let t = p.add_task(None);
    assert_eq!(p.numbers(), ["I", "1"]);
    let g = p.add_group(Some(t));
    let t2 = p.add_task(Some(g));
    assert_eq!(p.numbers(), ["I", "1", "2", "2.1"]);
    assert_eq!(p.parent(t2), Some(g));
}

#[test]
fn serialises_and_checks_structure() {
    let (p, _) = sample();
    let json = serde_json::to_string(&p).unwrap();
    let back: Plan = serde_json::from_str(&json).unwrap();
    assert_eq!(back, p);
    let bad = json.replacen("\"depth\":0", "\"depth\":2", 1);
    assert!(serde_json::from_str::<Plan>(&bad).is_err());
    let mut rows: Vec<Row> = p.rows().iter().map(|r| Row::clone(r)).collect();
    rows.remove(0);
    assert_eq!(
        check_structure(&rows),
        Err(StructureError::NoParent { id: rows[0].id })
    );
}

/// Every row is found at its position, and rows that left are not found.
fn assert_index_matches(p: &Plan, gone: &[RowId]) {
    for (pos, row) in p.rows().iter().enumerate() {
        assert_eq!(p.position(row.id), Some(pos), "row {}", row.id);
    }
    for id in gone {
        assert_eq!(p.position(*id), None, "deleted row {id}");
    }
}

#[test]
fn the_index_follows_every_edit() {
    let (mut p, ids) = sample();
    let snapshot = p.clone();
    let copy = p.duplicate(ids[4]).unwrap();
    assert_index_matches(&p, &[]);
    assert!(p.move_up(copy));
    assert!(p.move_down(ids[2]));
    assert!(p.move_up(ids[6]));
    assert!(p.outdent(ids[3]));
    assert!(p.indent(ids[3]));
    assert_index_matches(&p, &[]);
    let inserted = p.add_task_with(Some(ids[2]), task("new", None));
    assert_eq!(p.row(inserted).unwrap().text(), "new");
    assert!(p.delete(ids[1]));
    assert_index_matches(&p, &[ids[1], ids[2], ids[3]]);
    assert_eq!(p.row(999), None);
    // The snapshot taken before the edits still finds its rows where they were.
    assert_index_matches(&snapshot, &[copy, inserted]);
    assert_eq!(snapshot.position(ids[7]), Some(7));
}

#[test]
fn ids_far_apart_in_a_file_are_found_too() {
    let (p, _) = sample();
    let json = serde_json::to_string(&p).unwrap();
    // Ids 1..8 become 1.000.000.001.. : far past what a vector by id should hold.
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    for row in value["rows"].as_array_mut().unwrap() {
        let id = row["id"].as_u64().unwrap();
        row["id"] = (id * 1_000_000_000 + 1).into();
    }
    let mut far: Plan = serde_json::from_value(value).unwrap();
    assert_index_matches(&far, &[1, 2]);
    let added = far.add_task_with(Some(far.rows()[0].id), task("x", None));
    assert_eq!(added, 8_000_000_002);
    assert!(far.delete(far.rows()[1].id));
    assert_index_matches(&far, &[]);
}
