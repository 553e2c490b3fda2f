//! Tests of rename proposals on a plan: listed, applied all or some, stale ones skipped.

use super::*;
use crate::domain::agency::tests::NEW_COMMUNES;

/// with nothing outdated.
fn sample() -> (Plan, RowId, RowId, RowId) {
    let mut plan = Plan::new("p", "Lào Cai", 2026);
    let area = plan.add_area_titled(None, "Công tác chỉ đạo, điều hành".into());
    let group = plan.add_group_titled(Some(area), "Kiểm tra".into());
    let t1 = plan.add_task_with(
        Some(group),
        Task {
            content: "Kiểm tra công tác CCHC".into(),
            lead: vec!["Sở Kế hoạch và Đầu tư".into(), "Sở Tài chính".into()],
            partners: vec![
                "Các Sở, Ban, ngành".into(),
                "UBND cấp huyện".into(),
                "UBND cấp xã".into(),
            ],
            ..Task::default()
        },
    );
    let t2 = plan.add_task_with(
        Some(t1),
        Task {
            lead: vec!["Sở Thông tin và Truyền thông".into()],
            partners: vec!["Các Sở, Ban, ngành; UBND cấp huyện, cấp xã".into()],
            ..Task::default()
        },
    );
    let area2 = plan.add_area_titled(Some(area), "Cải cách thể chế".into());
    let t3 = plan.add_task_with(
        Some(area2),
        Task {
            lead: vec!["Sở Tư pháp".into()],
            partners: vec!["Các cơ quan, đơn vị liên quan".into()],
            ..Task::default()
        },
    );
    (plan, t1, t2, t3)
}

fn lists(plan: &Plan, row: RowId) -> (Vec<String>, Vec<String>) {
    let task = plan.row(row).unwrap().task().unwrap();
    (task.lead.clone(), task.partners.clone())
}

#[test]
fn proposals_list_every_outdated_occurrence() {
    let (plan, t1, t2, _) = sample();
    let proposals = RenameTable::builtin().proposals(&plan);
    let summary: Vec<(RowId, AgencyField, usize, &str, &str, &str)> = proposals
        .iter()
        .map(|p| {
            (
                p.row,
                p.field,
                p.index,
                p.old.as_str(),
                p.new.as_str(),
                p.proposed.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                t1,
                AgencyField::Lead,
                0,
                "Sở Kế hoạch và Đầu tư",
                "Sở Tài chính",
                "Sở Tài chính"
            ),
            (
                t1,
                AgencyField::Partners,
                1,
                "UBND cấp huyện",
                NEW_COMMUNES,
                NEW_COMMUNES
            ),
            (
                t2,
                AgencyField::Lead,
                0,
                "Sở Thông tin và Truyền thông",
                "Sở Khoa học và Công nghệ",
                "Sở Khoa học và Công nghệ"
            ),
            (
                t2,
                AgencyField::Partners,
                0,
                "UBND cấp huyện, cấp xã",
                NEW_COMMUNES,
                "Các Sở, Ban, ngành; UBND các xã, phường, đặc khu"
            ),
        ]
    );
    assert!(proposals[1].district_level && !proposals[0].district_level);
    assert!(proposals[1].note.contains("01/7/2025"));
    assert!(proposals[2]
        .note
        .contains("Sở Văn hóa, Thể thao và Du lịch"));
    for p in &proposals {
        assert_eq!(&p.item[p.span.clone()], p.old);
    }
}

#[test]
fn applying_all_leaves_nothing_outdated_and_no_duplicates() {
    let (mut plan, t1, t2, t3) = sample();
    let before_t3 = lists(&plan, t3);
    let renames = RenameTable::builtin();
    let proposals = renames.proposals(&plan);
    assert_eq!(RenameTable::apply(&mut plan, &proposals), 4);
    assert!(renames.proposals(&plan).is_empty());
    assert_eq!(
        lists(&plan, t1),
        (
            vec!["Sở Tài chính".to_string()],
            vec!["Các Sở, Ban, ngành".to_string(), NEW_COMMUNES.to_string()]
        )
    );
    assert_eq!(
        lists(&plan, t2),
        (
            vec!["Sở Khoa học và Công nghệ".to_string()],
            vec!["Các Sở, Ban, ngành; UBND các xã, phường, đặc khu".to_string()]
        )
    );
    assert_eq!(lists(&plan, t3), before_t3);
    assert_eq!(plan.numbers(), ["I", "1", "1.1", "1.2", "II", "1"]);
}

#[test]
fn applying_some_leaves_the_others() {
    let (mut plan, t1, t2, _) = sample();
    let renames = RenameTable::builtin();
    let proposals = renames.proposals(&plan);
    let districts: Vec<RenameProposal> = proposals
        .iter()
        .filter(|p| p.district_level)
        .cloned()
        .collect();
    assert_eq!(RenameTable::apply(&mut plan, &districts), 2);
    let left = renames.proposals(&plan);
    assert_eq!(left.len(), 2);
    assert!(left.iter().all(|p| !p.district_level));
    assert_eq!(
        lists(&plan, t1).0,
        ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]
    );
    assert_eq!(lists(&plan, t2).0, ["Sở Thông tin và Truyền thông"]);
    // The rest later.
    assert_eq!(RenameTable::apply(&mut plan, &left), 2);
    assert!(renames.proposals(&plan).is_empty());
    assert_eq!(lists(&plan, t1).0, ["Sở Tài chính"]);
    // Nothing chosen, nothing done.
    assert_eq!(RenameTable::apply(&mut plan, &[]), 0);
}

#[test]
fn stale_proposals_are_skipped() {
    let (mut plan, t1, _, _) = sample();
    let proposals = RenameTable::builtin().proposals(&plan);
    plan.update_task(t1, |t| t.lead[0] = "Sở Xây dựng".into());
    let applied = RenameTable::apply(&mut plan, &proposals);
    assert_eq!(applied, proposals.len() - 1);
    assert_eq!(lists(&plan, t1).0, ["Sở Xây dựng", "Sở Tài chính"]);
    // Proposals for a deleted row do nothing.
    let mut plan2 = sample().0;
    let proposals = RenameTable::builtin().proposals(&plan2);
    plan2.delete(t1);
    assert_eq!(RenameTable::apply(&mut plan2, &proposals[..2]), 0);
}

#[test]
fn two_proposals_in_one_item_compose() {
    let mut plan = Plan::new("p", "Lào Cai", 2026);
    let row = plan.add_task_with(
        None,
        Task {
            lead: vec!["Sở Kế hoạch và Đầu tư, UBND cấp huyện".into()],
            partners: vec![
                "UBND cấp xã".into(),
                "Sở Tài chính".into(),
                "UBND các huyện, thị xã, thành phố".into(),
            ],
            ..Task::default()
        },
    );
    let renames = RenameTable::builtin();
    let proposals = renames.proposals(&plan);
    assert_eq!(proposals.len(), 3);
    assert_eq!(
        proposals[0].proposed, "Sở Tài chính, UBND cấp huyện",
        "each proposal shows its own effect"
    );
    assert_eq!(RenameTable::apply(&mut plan, &proposals), 3);
    let (lead, partners) = lists(&plan, row);
    assert_eq!(lead, ["Sở Tài chính, UBND các xã, phường, đặc khu"]);
    // "UBND cấp xã" and the new commune name are the same addressee: kept once, first place.
    assert_eq!(partners, ["UBND cấp xã", "Sở Tài chính"]);
}

#[test]
fn duplicates_already_in_a_list_are_left_alone() {
    let mut plan = Plan::new("p", "Lào Cai", 2026);
    let row = plan.add_task_with(
        None,
        Task {
            lead: vec![
                "Sở Nội vụ".into(),
                "Sở Nội vụ".into(),
                "Sở TT&TT".into(),
                "Sở Khoa học và Công nghệ".into(),
            ],
            ..Task::default()
        },
    );
    let proposals = RenameTable::builtin().proposals(&plan);
    assert_eq!(RenameTable::apply(&mut plan, &proposals), 1);
    assert_eq!(
        lists(&plan, row).0,
        ["Sở Nội vụ", "Sở Nội vụ", "Sở Khoa học và Công nghệ"]
    );
}
