use super::*;
use crate::domain::plan::{Plan, Task};
use crate::domain::progress_report::build_report;

fn day(y: i32, m: u8, d: u8) -> Day {
    Day::new(y, m, d).expect("a real day")
}

#[test]
fn days_parse_compare_and_roll_over() {
    assert_eq!(Day::parse("15/12/2026"), Some(day(2026, 12, 15)));
    assert_eq!(Day::parse(" 1.2.2027 "), Some(day(2027, 2, 1)));
    assert_eq!(Day::parse("2027-02-01"), Some(day(2027, 2, 1)));
    for bad in [
        "",
        "15/12",
        "32/1/2027",
        "1/13/2027",
        "29/2/2027",
        "a/b/c",
        "1/1/27",
    ] {
        assert_eq!(Day::parse(bad), None, "{bad:?}");
    }
    assert_eq!(Day::parse("29/2/2028"), Some(day(2028, 2, 29)));
    assert!(day(2026, 12, 31) < day(2027, 1, 1));
    assert_eq!(day(2026, 12, 31).next(), day(2027, 1, 1));
    assert_eq!(day(2027, 2, 28).next(), day(2027, 3, 1));
    assert_eq!(day(2027, 4, 30).to_string(), "30/04/2027");
    assert_eq!(Day::clamped(2027, 4, 31), day(2027, 4, 30));
    let json = serde_json::to_string(&day(2027, 3, 5)).unwrap();
    assert_eq!(json, "\"2027-03-05\"");
    assert_eq!(serde_json::from_str::<Day>(&json).unwrap(), day(2027, 3, 5));
    assert!(serde_json::from_str::<Day>("\"2027-02-30\"").is_err());
}

#[test]
fn periods_run_from_15_december_of_the_year_before_to_their_cut_off() {
    let rules = ReportingRules::default();
    let expect = [
        (ReportPeriod::Q1, (3, 14), (3, 20)),
        (ReportPeriod::SixMonths, (6, 14), (6, 20)),
        (ReportPeriod::Q3, (9, 14), (9, 20)),
        (ReportPeriod::Year, (12, 14), (12, 20)),
    ];
    for (period, (m, d), (sm, sd)) in expect {
        let range = rules.range(period, 2027);
        assert_eq!(range.from, day(2026, 12, 15), "{period:?}");
        assert_eq!(range.to, day(2027, m, d), "{period:?}");
        assert_eq!(range.send_by, day(2027, sm, sd), "{period:?}");
    }
    // What is due next: the day after the cut-off to the next cut-off; after the year's
    // report, the next year's Quý I (which starts 15/12 of this year).
    let next = rules.next_range(ReportPeriod::Q1, 2027);
    assert_eq!((next.from, next.to), (day(2027, 3, 15), day(2027, 6, 14)));
    let next = rules.next_range(ReportPeriod::Year, 2027);
    assert_eq!((next.from, next.to), (day(2027, 12, 15), day(2028, 3, 14)));
    // A province counting from 1 January.
    let calendar = ReportingRules {
        starts: DayOfYear { day: 1, month: 1 },
        cut_offs: [
            DayOfYear { day: 31, month: 3 },
            DayOfYear { day: 30, month: 6 },
            DayOfYear { day: 30, month: 9 },
            DayOfYear { day: 31, month: 12 },
        ],
        send_by: 25,
    };
    let q3 = calendar.range(ReportPeriod::Q3, 2027);
    assert_eq!(
        (q3.from, q3.to, q3.send_by),
        (day(2027, 1, 1), day(2027, 9, 30), day(2027, 9, 25))
    );
    // Settings round-trip, and a partial setting keeps the defaults for the rest.
    let text = serde_json::to_string(&calendar).unwrap();
    assert_eq!(
        serde_json::from_str::<ReportingRules>(&text).unwrap(),
        calendar
    );
    let partial: ReportingRules = serde_json::from_str(r#"{"send_by": 18}"#).unwrap();
    assert_eq!(partial.send_by, 18);
    assert_eq!(partial.cut_offs, ReportingRules::default().cut_offs);
    assert_eq!(ReportPeriod::from_code("6m"), Some(ReportPeriod::SixMonths));
    assert_eq!(ReportPeriod::from_code("q2"), None);
}

#[test]
fn every_deadline_form_has_its_due_day_or_none() {
    let cases: [(&str, Option<Day>); 17] = [
        ("Tháng 12/2026", Some(day(2026, 12, 31))),
        ("Tháng 2", Some(day(2027, 2, 28))),
        ("Tháng 4 - tháng 7", Some(day(2027, 7, 31))),
        (
            "Từ tháng 11 đến tháng 01 năm kế tiếp",
            Some(day(2028, 1, 31)),
        ),
        ("Tháng 6 và tháng 12", Some(day(2027, 12, 31))),
        ("Quý I/2027", Some(day(2027, 3, 31))),
        ("Quý I, II/2027", Some(day(2027, 6, 30))),
        ("6 tháng đầu năm", Some(day(2027, 6, 30))),
        ("Năm 2027", Some(day(2027, 12, 31))),
        ("Giai đoạn 2026-2030", Some(day(2030, 12, 31))),
        ("Trước ngày 05/01/2027", Some(day(2027, 1, 5))),
        ("Chậm nhất ngày 15/12", Some(day(2027, 12, 15))),
        ("Tháng 12 hàng năm", Some(day(2027, 12, 31))),
        ("Hàng quý", None),
        ("Thường xuyên", None),
        (
            "Sau khi có văn bản hướng dẫn của bộ, ngành Trung ương",
            None,
        ),
        ("", None),
    ];
    for (text, due) in cases {
        assert_eq!(due_day(text, 2027), due, "{text:?}");
    }
}

#[test]
fn only_open_tasks_past_their_due_day_are_overdue() {
    let at = |status| Progress {
        status,
        ..Progress::default()
    };
    let before = day(2027, 3, 31);
    let after = day(2027, 4, 1);
    for status in [Status::NotStarted, Status::InProgress] {
        assert!(
            !is_overdue(&at(status), "Quý I/2027", 2027, before),
            "on its last day"
        );
        assert!(is_overdue(&at(status), "Quý I/2027", 2027, after));
    }
    for status in [Status::Done, Status::DoneLate, Status::NotDone] {
        assert!(
            !is_overdue(&at(status), "Quý I/2027", 2027, after),
            "{status:?}"
        );
    }
    // Forms with no single due day never are; a deadline before the plan year already is.
    for text in [
        "Thường xuyên",
        "Hàng tháng",
        "Theo kế hoạch",
        "đến khi xong",
    ] {
        assert!(
            !is_overdue(&at(Status::NotStarted), text, 2027, day(2028, 1, 1)),
            "{text:?}"
        );
    }
    assert!(is_overdue(
        &at(Status::NotStarted),
        "Tháng 12/2026",
        2027,
        day(2027, 1, 1)
    ));
}

#[test]
fn on_time_reads_the_status_and_the_day_done() {
    let due = Some(day(2027, 3, 31));
    let done = |completed_on| Progress {
        status: Status::Done,
        completed_on,
        ..Progress::default()
    };
    assert_eq!(done(None).on_time(due), Some(true));
    assert_eq!(done(Some(day(2027, 3, 31))).on_time(due), Some(true));
    assert_eq!(done(Some(day(2027, 4, 2))).on_time(due), Some(false));
    let late = Progress {
        status: Status::DoneLate,
        ..Progress::default()
    };
    assert_eq!(late.on_time(due), Some(false));
    assert_eq!(Progress::default().on_time(due), None);
}

fn task(content: &str, deadline: &str, lead: &str, progress: Progress) -> Task {
    Task {
        content: content.into(),
        deadline: deadline.into(),
        lead: vec![lead.into()],
        progress,
        ..Task::default()
    }
}

fn sample_plan() -> Plan {
    let mut plan = Plan::new("p", "Lào Cai", 2027);
    let a = plan.add_area_titled(None, "Công tác chỉ đạo, điều hành".into());
    let done = Progress {
        status: Status::Done,
        completed_on: Some(day(2027, 1, 20)),
        result: "Kế hoạch số 5/KH-UBND".into(),
        ..Progress::default()
    };
    plan.add_task_with(
        Some(a),
        task("Ban hành kế hoạch CCHC", "Tháng 1/2027", "Sở Nội vụ", done),
    );
    plan.add_task_with(
        Some(a),
        task(
            "Kiểm tra CCHC",
            "Quý I/2027",
            "Sở Nội vụ",
            Progress::default(),
        ),
    );
    let b = plan.add_area_titled(Some(a), "Cải cách thủ tục hành chính".into());
    let going = Progress {
        status: Status::InProgress,
        ..Progress::default()
    };
    plan.add_task_with(
        Some(b),
        task("Rà soát TTHC", "Quý II/2027", "Sở Tư pháp", going),
    );
    let dropped = Progress {
        status: Status::NotDone,
        reason: "Trung ương chưa hướng dẫn".into(),
        ..Progress::default()
    };
    plan.add_task_with(
        Some(b),
        task("Số hóa hồ sơ", "Quý IV/2027", "Sở Tư pháp", dropped),
    );
    plan.add_task_with(
        Some(b),
        task(
            "Tuyên truyền",
            "Thường xuyên",
            "Sở Nội vụ",
            Progress::default(),
        ),
    );
    plan
}

#[test]
fn the_first_quarter_report_counts_lists_and_numbers() {
    let plan = sample_plan();
    let report = build_report(&plan, &ReportingRules::default(), ReportPeriod::Q1, None);
    assert_eq!(report.as_of, day(2027, 3, 14));
    assert_eq!(
        report.title(),
        "Báo cáo tiến độ thực hiện Kế hoạch cải cách hành chính Quý I năm 2027"
    );
    assert_eq!(report.total.total(), 5);
    assert_eq!(report.total.get(Status::Done), 1);
    assert_eq!(report.total.get(Status::InProgress), 1);
    assert_eq!(report.total.get(Status::NotDone), 1);
    assert_eq!(report.total.get(Status::NotStarted), 2);
    assert_eq!(report.total.on_time, 1);
    assert_eq!(report.total.on_time_percent(), Some(20.0));
    // On 14/3 the first quarter is not over: nothing is overdue yet.
    assert!(report.overdue.is_empty());
    // Due after 14/3 up to 14/6: Quý I (31/3), Quý II (30/6) is after 14/6.
    let next: Vec<&str> = report.due_next.iter().map(|r| r.content.as_str()).collect();
    assert_eq!(next, ["Kiểm tra CCHC"]);
    // Per area and per lead agency.
    let areas: Vec<(&str, usize, usize)> = report
        .by_area
        .iter()
        .map(|t| (t.name.as_str(), t.counts.total(), t.counts.done()))
        .collect();
    assert_eq!(
        areas,
        [
            ("Công tác chỉ đạo, điều hành", 2, 1),
            ("Cải cách thủ tục hành chính", 3, 0)
        ]
    );
    let leads: Vec<(&str, usize)> = report
        .by_lead
        .iter()
        .map(|t| (t.name.as_str(), t.counts.total()))
        .collect();
    assert_eq!(leads, [("Sở Nội vụ", 3), ("Sở Tư pháp", 2)]);
    // The table: headings and tasks with their full numbers, result and status texts.
    let numbers: Vec<&str> = report.rows.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(numbers, ["I", "I.1", "I.2", "II", "II.1", "II.2", "II.3"]);
    assert!(report.rows[0].heading && !report.rows[1].heading);
    assert_eq!(
        report.rows[1].result,
        "Kế hoạch số 5/KH-UBND; hoàn thành ngày 20/01/2027"
    );
    assert_eq!(report.rows[1].status, "Hoàn thành");
    assert_eq!(report.rows[5].note, "Lý do: Trung ương chưa hướng dẫn");
}

#[test]
fn overdue_is_judged_on_the_day_the_report_is_made() {
    let plan = sample_plan();
    let rules = ReportingRules::default();
    let report = build_report(
        &plan,
        &rules,
        ReportPeriod::SixMonths,
        Some(day(2027, 7, 1)),
    );
    let overdue: Vec<&str> = report.overdue.iter().map(|r| r.content.as_str()).collect();
    assert_eq!(overdue, ["Kiểm tra CCHC", "Rà soát TTHC"]);
    assert_eq!(report.total.overdue, 2);
    assert_eq!(report.overdue[0].status, "Chưa triển khai (quá hạn)");
    assert_eq!(report.by_area[1].counts.overdue, 1);
}

#[test]
fn progress_is_part_of_the_stored_plan_and_left_out_while_empty() {
    let plan = sample_plan();
    let text = serde_json::to_string(&plan).unwrap();
    let back: Plan = serde_json::from_str(&text).unwrap();
    assert_eq!(back, plan);
    let task = back.rows()[5].task().unwrap();
    assert_eq!(task.progress.status, Status::NotDone);
    // A task with nothing recorded is written exactly as before progress existed.
    let mut empty = Plan::new("q", "Lào Cai", 2027);
    empty.add_task_with(
        None,
        Task {
            content: "Việc".into(),
            ..Task::default()
        },
    );
    let text = serde_json::to_string(&empty).unwrap();
    assert!(!text.contains("progress"), "{text}");
    // And an older file (no progress field) reads as empty progress.
    let back: Plan = serde_json::from_str(&text).unwrap();
    let task = back.rows().iter().find_map(|r| r.task()).expect("the task");
    assert!(task.progress.is_empty());
}

#[test]
fn codes_read_back() {
    for status in Status::ALL {
        assert_eq!(Status::from_code(status.code()), Some(status));
        // The code is the file's name of the status.
        assert_eq!(
            serde_json::to_string(&status).unwrap(),
            format!("\"{}\"", status.code())
        );
    }
    for period in ReportPeriod::ALL {
        assert_eq!(ReportPeriod::from_code(period.code()), Some(period));
    }
    assert_eq!(ReportPeriod::Year.choice(), "Cả năm");
}
