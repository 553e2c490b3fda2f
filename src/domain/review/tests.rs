use super::*;
use crate::domain::library::{builtin, plan_from_source};
use crate::domain::money::Money;
use crate::domain::rollover::roll_plan;

fn task(content: &str, lead: &[&str], deadline: &str) -> Task {
    Task {
        content: content.into(),
        lead: lead.iter().map(|s| s.to_string()).collect(),
        deadline: deadline.into(),
        ..Task::default()
    }
}

fn kinds(review: &Review, row: RowId) -> Vec<FindingKind> {
    review.of_row(row).iter().map(|f| f.kind).collect()
}

fn run(plan: &Plan) -> Review {
    check(plan, &RenameTable::builtin(), &[])
}

#[test]
fn a_clean_task_has_no_finding() {
    let mut plan = Plan::new("p", "Lào Cai", 2027);
    let a = plan.add_area_titled(None, "Cải cách thể chế".into());
    let t = plan.add_task_with(Some(a), task("Rà soát", &["Sở Tư pháp"], "Quý I/2027"));
    let review = run(&plan);
    assert!(review.is_empty(), "{review:?}");
    assert_eq!(review.marker_label(t), None);
}

#[test]
fn each_task_finding() {
    let mut plan = Plan::new("p", "Lào Cai", 2027);
    let a = plan.add_area_titled(None, "Cải cách thể chế".into());
    let no_lead = plan.add_task_with(Some(a), task("Một", &[], "Quý I/2027"));
    let no_content = plan.add_task_with(Some(a), task(" ", &["Sở Nội vụ"], "Năm 2027"));
    let outside = plan.add_task_with(Some(a), task("Hai", &["Sở Nội vụ"], "Quý IV/2025"));
    let december = plan.add_task_with(Some(a), task("Ba", &["Sở Nội vụ"], "Tháng 12/2026"));
    let unknown = plan.add_task_with(
        Some(a),
        task("Bốn", &["Sở Nội vụ"], "Quý I/2027 và các năm tiếp theo"),
    );
    let conditional = plan.add_task_with(Some(a), task("Năm", &["Sở Nội vụ"], "Theo kế hoạch"));
    let empty = plan.add_task_with(Some(a), task("Sáu", &["Sở Nội vụ"], ""));
    let outdated = plan.add_task_with(
        Some(a),
        Task {
            partners: vec!["Sở Thông tin và Truyền thông".into()],
            ..task("Bảy", &["Sở Kế hoạch và Đầu tư"], "Năm 2027")
        },
    );
    let district = plan.add_task_with(
        Some(a),
        Task {
            partners: vec!["UBND cấp huyện, cấp xã".into()],
            ..task("Tám", &["UBND các huyện, thị xã, thành phố"], "Năm 2027")
        },
    );
    let review = run(&plan);
    assert_eq!(kinds(&review, no_lead), [FindingKind::NoLead]);
    assert_eq!(kinds(&review, no_content), [FindingKind::NoContent]);
    assert_eq!(kinds(&review, outside), [FindingKind::DeadlineOutsideYear]);
    assert!(review.of_row(outside)[0].message.contains("Quý IV/2025"));
    assert!(kinds(&review, december).is_empty());
    assert_eq!(kinds(&review, unknown), [FindingKind::DeadlineUnknown]);
    assert!(kinds(&review, conditional).is_empty());
    assert_eq!(kinds(&review, empty), [FindingKind::NoDeadline]);
    assert_eq!(
        kinds(&review, outdated),
        [FindingKind::OutdatedAgency, FindingKind::OutdatedAgency]
    );
    let messages: Vec<&str> = review
        .of_row(outdated)
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "Cơ quan chủ trì: tên cũ “Sở Kế hoạch và Đầu tư”, nay là “Sở Tài chính”",
            "Cơ quan phối hợp: tên cũ “Sở Thông tin và Truyền thông”, nay là “Sở Khoa học và Công nghệ”",
        ]
    );
    // District level in both lists: one finding per list, no rename finding besides.
    assert_eq!(
        kinds(&review, district),
        [FindingKind::DistrictLevel, FindingKind::DistrictLevel]
    );
    assert_eq!(review.marker_label(district).unwrap(), "Có 2 lưu ý");
    assert!(review
        .marker_title(district)
        .starts_with("• Cơ quan chủ trì giao cho cấp huyện"));
    assert_eq!(review.of_kind(FindingKind::DistrictLevel).count(), 2);
}

#[test]
fn agencies_are_judged_by_the_plan_year() {
    let mut plan = Plan::new("p", "Yên Bái", 2024);
    let a = plan.add_area_titled(None, "A".into());
    let t = plan.add_task_with(
        Some(a),
        task(
            "Một",
            &["Sở Kế hoạch và Đầu tư", "UBND cấp huyện"],
            "Năm 2024",
        ),
    );
    assert!(run(&plan).is_empty());
    plan.year = 2025;
    plan.update_task(t, |t| t.deadline = "Năm 2025".into());
    // 2025: the sở are renamed, the district level still exists for half the year.
    assert_eq!(kinds(&run(&plan), t), [FindingKind::OutdatedAgency]);
    plan.year = 2026;
    plan.update_task(t, |t| t.deadline = "Năm 2026".into());
    assert_eq!(
        kinds(&run(&plan), t),
        [FindingKind::DistrictLevel, FindingKind::OutdatedAgency]
    );
}

#[test]
fn duplicates_in_one_area() {
    let mut plan = Plan::new("p", "Lào Cai", 2027);
    let a = plan.add_area_titled(None, "A".into());
    let t1 = plan.add_task_with(Some(a), task("Rà soát TTHC", &["Sở Nội vụ"], "Năm 2027"));
    let t2 = plan.add_task_with(Some(a), task("rà soát  tthc.", &["Sở Tư pháp"], "Năm 2027"));
    let b = plan.add_area_titled(Some(a), "B".into());
    let t3 = plan.add_task_with(Some(b), task("Rà soát TTHC", &["Sở Nội vụ"], "Năm 2027"));
    let review = run(&plan);
    assert_eq!(kinds(&review, t1), [FindingKind::Duplicate]);
    assert_eq!(
        review.of_row(t1)[0].message,
        "Trùng nội dung với nhiệm vụ I.2 trong cùng lĩnh vực"
    );
    assert_eq!(
        review.of_row(t2)[0].message,
        "Trùng nội dung với nhiệm vụ I.1 trong cùng lĩnh vực"
    );
    assert!(kinds(&review, t3).is_empty(), "another area");
}

#[test]
fn budgets_and_empty_headings() {
    let mut plan = Plan::new("p", "Lào Cai", 2027);
    let a = plan.add_area_titled(None, "A".into());
    let with = plan.add_task_with(
        Some(a),
        Task {
            budget: Some(Money::from_trieu(10)),
            ..task("Một", &["Sở Nội vụ"], "Năm 2027")
        },
    );
    let without = plan.add_task_with(Some(a), task("Hai", &["Sở Nội vụ"], "Năm 2027"));
    let parent = plan.add_task_with(Some(a), task("Ba", &["Sở Nội vụ"], "Năm 2027"));
    let child = plan.add_task_with(
        Some(parent),
        Task {
            budget: Some(Money::from_trieu(1)),
            ..task("Ba một", &["Sở Nội vụ"], "Năm 2027")
        },
    );
    assert!(plan.indent(child));
    let group = plan.add_group_titled(Some(a), "Nhóm".into());
    let b = plan.add_area_titled(Some(a), "B".into());
    let c = plan.add_area_titled(Some(b), "".into());
    let other = plan.add_task_with(Some(c), task("Bốn", &["Sở Nội vụ"], "Năm 2027"));
    let review = run(&plan);
    assert!(kinds(&review, with).is_empty());
    assert_eq!(kinds(&review, without), [FindingKind::MissingBudget]);
    assert_eq!(
        FindingKind::MissingBudget.severity(),
        Severity::Warning,
        "a warning only"
    );
    assert!(
        kinds(&review, parent).is_empty(),
        "its sub-task has the budget"
    );
    assert_eq!(kinds(&review, group), [FindingKind::EmptyArea]);
    assert_eq!(kinds(&review, b), [FindingKind::EmptyArea]);
    assert_eq!(kinds(&review, c), [FindingKind::NoContent]);
    assert!(kinds(&review, other).is_empty(), "area without budgets");
    let (errors, warnings) = review.counts();
    assert_eq!((errors, warnings), (1, 3));
}

#[test]
fn roll_flags_stay_until_the_deadline_is_edited() {
    let mut plan = Plan::new("p", "Lào Cai", 2022);
    let a = plan.add_area_titled(None, "A".into());
    let t = plan.add_task_with(
        Some(a),
        task(
            "Một",
            &["Sở Nội vụ"],
            "Năm 2022 sau khi có Nghị định 30/2020/NĐ-CP",
        ),
    );
    let report = roll_plan(&mut plan, 2027);
    let flags: Vec<RollFlag> = report
        .review()
        .map(|r| RollFlag {
            row: r.row,
            text: r.after.clone(),
            year: report.to,
        })
        .collect();
    let renames = RenameTable::builtin();
    let review = check(&plan, &renames, &flags);
    let found: Vec<FindingKind> = kinds(&review, t);
    if flags.is_empty() {
        assert!(found.is_empty());
    } else {
        assert_eq!(found, [FindingKind::RolledDeadline]);
    }
    // A range of years: outside the new year, reported once.
    let mut plan = Plan::new("p", "Lào Cai", 2022);
    let a = plan.add_area_titled(None, "A".into());
    let t = plan.add_task_with(Some(a), task("Một", &["Sở Nội vụ"], "2022-2025"));
    let report = roll_plan(&mut plan, 2027);
    let flags = vec![RollFlag {
        row: t,
        text: report.tasks[0].after.clone(),
        year: 2027,
    }];
    assert_eq!(
        kinds(&check(&plan, &renames, &flags), t),
        [FindingKind::DeadlineOutsideYear]
    );
    // A range that still contains the year is reported as a rolled deadline...
    plan.year = 2024;
    let flags = vec![RollFlag {
        row: t,
        text: "2022-2025".into(),
        year: 2024,
    }];
    assert_eq!(
        kinds(&check(&plan, &renames, &flags), t),
        [FindingKind::RolledDeadline]
    );
    // ... until the drafter edits it.
    plan.update_task(t, |t| t.deadline = "Năm 2024".into());
    assert!(check(&plan, &renames, &flags).is_empty());
}

#[test]
fn seed_004_in_2027_lists_district_level_tasks() {
    let mut plan = plan_from_source(builtin(), "004_3d993c84cca7b04f.txt", "p").unwrap();
    assert!(run(&plan)
        .of_kind(FindingKind::DistrictLevel)
        .next()
        .is_none());
    roll_plan(&mut plan, 2027);
    let review = run(&plan);
    let district: Vec<RowId> = review
        .of_kind(FindingKind::DistrictLevel)
        .map(|f| f.row)
        .collect();
    let expected = plan
        .rows()
        .iter()
        .filter(|r| {
            r.task().is_some_and(|t| {
                t.lead
                    .iter()
                    .chain(&t.partners)
                    .any(|n| is_district_level(n))
            })
        })
        .count();
    assert!(expected > 10);
    let mut rows = district.clone();
    rows.dedup();
    assert_eq!(rows.len(), expected);
    assert!(review.of_kind(FindingKind::OutdatedAgency).count() >= 9);
    // Moved deadlines are inside the new year but for the one written outside its own.
    let outside: Vec<&str> = review
        .of_kind(FindingKind::DeadlineOutsideYear)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        outside,
        ["Thời hạn “Thường xuyên trong năm 2025” không thuộc năm kế hoạch 2027"]
    );
}

#[test]
fn a_thousand_tasks_recheck_from_the_cache() {
    let mut plan = Plan::new("p", "Lào Cai", 2027);
    let mut area = None;
    let mut ids = Vec::new();
    for i in 0..1000 {
        if i % 100 == 0 {
            area = Some(plan.add_area_titled(area, format!("Lĩnh vực {i}")));
        }
        ids.push(plan.add_task_with(
            area,
            task(
                &format!("Nhiệm vụ số {i}"),
                &["Sở Nội vụ", "UBND cấp huyện"],
                "Quý II/2027",
            ),
        ));
    }
    let mut checker = Checker::new(Arc::new(RenameTable::builtin()));
    let first = checker.check(&plan, &[]);
    assert_eq!(first.len(), 1000);
    plan.update_task(ids[500], |t| t.lead = vec!["Sở Nội vụ".into()]);
    let started = std::time::Instant::now();
    let second = checker.check(&plan, &[]);
    let elapsed = started.elapsed();
    assert_eq!(second.len(), 999);
    assert!(second.of_row(ids[500]).is_empty());
    assert_eq!(second, check(&plan, &RenameTable::builtin(), &[]));
    // Generous: a native debug build redoes one row and the table passes.
    assert!(elapsed.as_millis() < 200, "{elapsed:?}");
}

#[test]
fn renames_apply_in_one_undo_step() {
    use crate::domain::history::Editor;
    let mut plan = plan_from_source(builtin(), "004_3d993c84cca7b04f.txt", "p").unwrap();
    roll_plan(&mut plan, 2027);
    let renames = RenameTable::builtin();
    let mut editor = Editor::new(plan.clone());
    let proposals = renames.proposals(editor.plan());
    assert!(proposals.len() > 20);
    let mut applied = 0;
    assert!(editor.edit(None, |p| {
        applied = RenameTable::apply(p, &proposals);
        applied > 0
    }));
    assert_eq!(applied, proposals.len());
    assert!(renames.proposals(editor.plan()).is_empty());
    let names: Vec<String> = editor
        .plan()
        .rows()
        .iter()
        .filter_map(|r| r.task())
        .flat_map(|t| t.lead.iter().chain(&t.partners).cloned())
        .collect();
    assert!(names
        .iter()
        .all(|n| !n.contains("Sở Thông tin và Truyền thông")));
    assert!(names.iter().all(|n| !is_district_level(n)));
    let review = check(editor.plan(), &renames, &[]);
    assert_eq!(review.of_kind(FindingKind::OutdatedAgency).count(), 0);
    assert_eq!(review.of_kind(FindingKind::DistrictLevel).count(), 0);
    // One undo restores every old name.
    assert!(editor.undo());
    assert_eq!(editor.plan(), &plan);
    assert!(!editor.can_undo());
}

#[test]
fn open_tasks_past_their_due_day_are_overdue_once_progress_is_tracked() {
    use crate::domain::progress::{Day, Progress, Status};
    let mut plan = Plan::new("p", "Lào Cai", 2027);
    let a = plan.add_area_titled(None, "Cải cách thể chế".into());
    let q1 = plan.add_task_with(Some(a), task("Rà soát", &["Sở Tư pháp"], "Quý I/2027"));
    let march = plan.add_task_with(Some(a), task("Kiểm tra", &["Sở Nội vụ"], "Tháng 3/2027"));
    let q3 = plan.add_task_with(
        Some(a),
        task("Tuyên truyền", &["Sở Nội vụ"], "Quý III/2027"),
    );
    let mut checker = Checker::new(Arc::new(RenameTable::builtin()));
    checker.set_today(Day::new(2027, 4, 2));
    // Nobody follows this plan up yet: no task is called late.
    assert!(checker.check(&plan, &[]).is_empty());

    plan.update_task(march, |t| {
        t.progress = Progress {
            status: Status::Done,
            ..Progress::default()
        }
    });
    let review = checker.check(&plan, &[]);
    assert_eq!(kinds(&review, q1), vec![FindingKind::Overdue]);
    assert!(
        review.of_row(q1)[0].message.contains("31/03/2027"),
        "{review:?}"
    );
    assert!(kinds(&review, march).is_empty(), "done is not overdue");
    assert!(kinds(&review, q3).is_empty(), "not due yet");

    // The same plan on the last day of the quarter: not late yet.
    checker.set_today(Day::new(2027, 3, 31));
    assert!(kinds(&checker.check(&plan, &[]), q1).is_empty());
    // Without a day, the check says nothing about lateness.
    checker.set_today(None);
    assert!(checker.check(&plan, &[]).is_empty());
}

#[test]
fn an_agency_both_lead_and_partner_is_a_finding() {
    let mut plan = Plan::new("p", "Lào Cai", 2027);
    let a = plan.add_area_titled(None, "Cải cách thể chế".into());
    let mut both = task("Rà soát", &["Sở Tư pháp"], "Quý I/2027");
    both.partners = vec!["Các sở, ngành".into(), "sở tư  pháp".into()];
    let both = plan.add_task_with(Some(a), both);
    let mut apart = task("Kiểm tra", &["Sở Nội vụ"], "Quý I/2027");
    apart.partners = vec!["Sở Tư pháp".into()];
    let apart = plan.add_task_with(Some(a), apart);
    let review = run(&plan);
    assert_eq!(kinds(&review, both), vec![FindingKind::LeadAlsoPartner]);
    assert!(review.of_row(both)[0]
        .message
        .starts_with("“Sở Tư pháp” vừa là cơ quan chủ trì"));
    assert!(kinds(&review, apart).is_empty());
}
