//! Forms and replies: what a form holds, what a reply may change, refusals and warnings.

use super::*;
use crate::domain::file_format::{read_file, write_update_form, OpenedFile};
use crate::domain::plan::Task;
use crate::domain::progress::Status;

fn day(y: i32, m: u8, d: u8) -> Day {
    Day::new(y, m, d).unwrap()
}

fn plan() -> Plan {
    let mut plan = Plan::new("kh-1", "Lào Cai", 2027);
    let area = plan.add_area_titled(None, "Cải cách thể chế".into());
    for (content, lead) in [
        ("Rà soát văn bản", vec!["Sở Tư pháp"]),
        ("Kiểm tra CCHC", vec!["Sở Nội vụ"]),
        (
            "Tuyên truyền",
            vec!["Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch"],
        ),
    ] {
        plan.add_task_with(
            Some(area),
            Task {
                content: content.into(),
                lead: lead.into_iter().map(String::from).collect(),
                deadline: "Quý II/2027".into(),
                ..Task::default()
            },
        );
    }
    plan
}

/// The agency's answer, through its file and back, as two apps would pass it.
fn answered(form: &UpdateForm, edits: &[(usize, ProgressEdit)]) -> UpdateForm {
    let OpenedFile::UpdateForm(mut form) = read_file(write_update_form(form).as_bytes()).unwrap()
    else {
        panic!("not a form");
    };
    for (index, edit) in edits {
        form.edit(*index, edit.clone(), day(2027, 4, 10));
    }
    form.replied_on = Some(day(2027, 4, 11));
    read_file(write_update_form(&form).as_bytes())
        .map(|f| match f {
            OpenedFile::UpdateForm(f) => f,
            _ => panic!("not a form"),
        })
        .unwrap()
}

#[test]
fn a_form_holds_only_its_agencys_tasks_and_a_reply_changes_only_their_progress() {
    let mut plan = plan();
    assert_eq!(
        lead_agencies(&plan),
        ["Sở Tư pháp", "Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch"]
    );
    let form = UpdateForm::for_agency(&plan, "Sở Nội vụ", day(2027, 4, 1));
    assert_eq!(form.file_name(), "phieu-cap-nhat-So-Noi-Vu-2027.json");
    let numbers: Vec<&str> = form.tasks.iter().map(|t| t.number.as_str()).collect();
    assert_eq!(numbers, ["I.2", "I.3"]);
    assert_eq!(review_reply(&plan, &form), Err(ReplyError::NotAReply));

    let mut reply = answered(
        &form,
        &[
            (0, ProgressEdit::Status(Status::Done)),
            (0, ProgressEdit::Result("Báo cáo số 5/BC-SNV".into())),
        ],
    );
    assert_eq!(reply.file_name(), "phieu-tra-loi-So-Noi-Vu-2027.json");
    // The agency cannot change the task itself: what it says of the content is ignored.
    reply.tasks[0].content = "Nội dung khác".into();
    let before = plan.clone();
    let review = review_reply(&plan, &reply).unwrap();
    assert_eq!(
        review.changes.len(),
        1,
        "the unchanged task is not a change"
    );
    let change = &review.changes[0];
    assert_eq!(
        (change.number.as_str(), change.content.as_str()),
        ("I.2", "Kiểm tra CCHC")
    );
    assert_eq!(change.old.status, Status::NotStarted);
    assert_eq!(change.new.status, Status::Done);
    assert_eq!(change.new.completed_on, Some(day(2027, 4, 10)));
    assert_eq!(review.warnings.len(), 1, "{:?}", review.warnings);

    assert_eq!(plan.take_replies(&review.changes, &[]), 0);
    assert_eq!(plan, before);
    assert_eq!(plan.take_replies(&review.changes, &[change.row]), 1);
    let task = plan.row(change.row).unwrap().task().unwrap();
    assert_eq!(task.content, "Kiểm tra CCHC");
    assert_eq!(task.progress.result, "Báo cáo số 5/BC-SNV");
    // Everything but that task's progress is as it was.
    plan.update_task(change.row, |t| t.progress = Progress::default());
    assert_eq!(plan, before);
}

#[test]
fn replies_for_other_plans_are_refused_and_stale_ones_warned() {
    let mut plan = plan();
    let form = UpdateForm::for_agency(&plan, "Sở Nội vụ", day(2027, 4, 1));
    let reply = answered(&form, &[(1, ProgressEdit::Status(Status::InProgress))]);

    let other = Plan::new("kh-2", "Lào Cai", 2027);
    let refused = review_reply(&other, &reply).unwrap_err();
    assert!(matches!(refused, ReplyError::OtherPlan { .. }));
    assert!(refused.to_string().contains("không phải kế hoạch đang mở"));

    // Updated in the plan after the form went out, then one task deleted.
    let rows: Vec<_> = form.tasks.iter().map(|t| t.row).collect();
    plan.update_task(rows[1], |t| t.progress.result = "Đã có kế hoạch".into());
    let review = review_reply(&plan, &reply).unwrap();
    assert_eq!(review.changes.len(), 1);
    assert!(
        review.warnings[0].contains("sau khi gửi phiếu: nhận phiếu sẽ thay"),
        "{:?}",
        review.warnings
    );
    plan.delete(rows[1]);
    let review = review_reply(&plan, &reply).unwrap();
    assert!(review.changes.is_empty());
    assert!(
        review.warnings[0].contains("không còn trong kế hoạch"),
        "{:?}",
        review.warnings
    );
}
