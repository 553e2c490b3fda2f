//! The plan through the year (issue #21): statuses, results and reasons recorded in "Theo dõi
//! tiến độ" on seed 002's recreated plan (Đắk Nông 2021), overdue tasks on a moved clock, the
//! plan check's "quá hạn", undo, a reload, and "Báo cáo tiến độ" with its counts and its
//! reporting days ("Mốc báo cáo").

use fantoccini::key::Key;
use serde_json::{json, Value};

use cchc_plan::domain::docx::report_docx_file_name;
use cchc_plan::domain::file_format::{read_file, write_plan, write_update_form, OpenedFile};
use cchc_plan::domain::library::{builtin, plan_from_source};
use cchc_plan::domain::plan::{Plan, RowId};
use cchc_plan::domain::progress::{
    is_overdue, Day, Progress, ReportPeriod, ReportingRules, Status,
};
use cchc_plan::domain::progress_report::build_report;
use cchc_plan::domain::update_form::{lead_agencies, UpdateForm};
use cchc_plan::domain::workbook::{report_file_name, SHEET_REPORT_OVERDUE, SHEET_REPORT_SUMMARY};

use crate::common::docx::read_docx;
use crate::common::{cell, find_row, number, open, sheet};

use crate::harness::{bail, browser_tests, BrowserTest, Kind, Page, Result, TempDir};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        statuses_are_recorded_kept_and_reported,
        reporting_days_are_settings_kept_across_a_reload,
        an_agency_fills_its_form_in_a_second_window_and_the_reply_is_merged,
    ]
}

const SEED_002: &str = "002_591ff2b9d60f55ba.txt";

fn seed_002() -> Plan {
    plan_from_source(builtin(), SEED_002, "kh-seed-002").expect("seed 002")
}

/// Opens the plan as the drafter does ("Mở tệp", then "Mở kế hoạch"): a new stored plan,
/// the last one opened, so a reload comes back to it.
async fn open_plan(page: &Page, plan: &Plan) -> Result {
    let dir = TempDir::new("progress")?;
    let file = dir.path().join(format!("{}.json", plan.id));
    std::fs::write(&file, write_plan(plan))?;
    page.upload_file("Mở tệp", 0, &file).await?;
    page.click_button("Mở kế hoạch").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", plan.task_count())
        .await?;
    page.wait_for_body_text("Đã lưu trong trình duyệt.").await
}

/// Moves the app's clock to noon of `day` (local time).
async fn set_clock(page: &Page, day: Day) -> Result {
    page.js_with(
        "const t = new Date(arguments[0], arguments[1] - 1, arguments[2], 12).getTime();\
         window.cchcApp.shiftClock(t - Date.now());",
        vec![json!(day.year()), json!(day.month()), json!(day.day())],
    )
    .await?;
    Ok(())
}

/// The accessible names of the status boxes in "Theo dõi tiến độ", in table order.
async fn status_boxes(page: &Page) -> Result<Vec<String>> {
    let names = page
        .js("return [...document.querySelectorAll('#progress-panel select')]\
             .map(s => s.getAttribute('aria-label')).filter(n => n.startsWith('Tình trạng nhiệm vụ'));")
        .await?;
    Ok(serde_json::from_value(names)?)
}

/// How many task lines the progress table shows.
async fn listed(page: &Page) -> Result<usize> {
    let count = page
        .js("return document.querySelectorAll('#progress-panel tbody tr').length;")
        .await?;
    Ok(count.as_u64().unwrap_or_default() as usize)
}

/// The task ids in plan order.
fn task_ids(plan: &Plan) -> Vec<RowId> {
    plan.rows()
        .iter()
        .filter(|r| r.task().is_some())
        .map(|r| r.id)
        .collect()
}

fn overdue_count(plan: &Plan, on: Day) -> usize {
    plan.rows()
        .iter()
        .filter_map(|r| r.task())
        .filter(|t| is_overdue(&t.progress, &t.deadline, plan.year, on))
        .count()
}

async fn statuses_are_recorded_kept_and_reported(page: Page) -> Result {
    let mut expected = seed_002();
    assert_eq!(expected.year, 2021);
    open_plan(&page, &expected).await?;
    let today = Day::new(2021, 4, 2).expect("a day");
    set_clock(&page, today).await?;

    page.click_button("Theo dõi tiến độ").await?;
    let boxes = status_boxes(&page).await?;
    assert_eq!(boxes.len(), expected.task_count(), "{boxes:?}");
    // Nothing recorded yet: every task "Chưa triển khai", and the tasks due before today
    // are already late.
    let summary = page.text_of("Tóm tắt tiến độ").await?;
    let late = overdue_count(&expected, today);
    assert!(late > 3, "seed 002 has tasks due in Quý I: {late}");
    assert!(
        summary.contains(&format!(
            "Đang hiện {0} trong {0} nhiệm vụ; {late} nhiệm vụ quá hạn tính đến ngày 02/04/2021.",
            expected.task_count()
        )),
        "{summary}"
    );

    // Another day to judge on; a day that does not read is kept, said, and today is used.
    page.clear_and_type("Tính quá hạn đến ngày", 0, "1/1/2022")
        .await?;
    page.press_keys(Key::Tab.to_string()).await?;
    let all_late = overdue_count(&expected, Day::new(2022, 1, 1).expect("a day"));
    page.wait_for_body_text(&format!(
        "{all_late} nhiệm vụ quá hạn tính đến ngày 01/01/2022."
    ))
    .await?;
    page.clear_and_type("Tính quá hạn đến ngày", 0, "31/13/2021")
        .await?;
    page.press_keys(Key::Tab.to_string()).await?;
    page.wait_for_body_text("Ngày không đọc được: hãy viết theo dạng ngày/tháng/năm, ví dụ 31/3/2027. Đang tính quá hạn đến hôm nay.")
        .await?;
    page.wait_for_body_text("nhiệm vụ quá hạn tính đến ngày 02/04/2021.")
        .await?;
    assert_eq!(
        page.value_of("Tính quá hạn đến ngày", 0).await?,
        "31/13/2021"
    );
    page.clear_and_type("Tính quá hạn đến ngày", 0, "").await?;
    page.press_keys(Key::Tab.to_string()).await?;

    // The first task done, with its result; the second under way; the third dropped, with
    // a reason.
    let ids = task_ids(&expected);
    page.select_option(&boxes[0], 0, "Hoàn thành").await?;
    let result_box = boxes[0].replace("Tình trạng", "Kết quả thực hiện");
    page.type_into(&result_box, 0, "Quyết định số 12/QĐ-UBND")
        .await?;
    page.select_option(&boxes[1], 0, "Đang thực hiện").await?;
    page.select_option(&boxes[2], 0, "Không thực hiện").await?;
    let reason_box = boxes[2].replace("Tình trạng", "Lý do");
    page.type_into(&reason_box, 0, "Chuyển sang năm sau")
        .await?;
    // The day done is today unless another is written.
    let day_box = boxes[0].replace("Tình trạng", "Ngày hoàn thành");
    assert_eq!(page.value_of(&day_box, 0).await?, "02/04/2021");
    for (i, progress) in [
        Progress {
            status: Status::Done,
            completed_on: Some(today),
            result: "Quyết định số 12/QĐ-UBND".into(),
            ..Progress::default()
        },
        Progress {
            status: Status::InProgress,
            ..Progress::default()
        },
        Progress {
            status: Status::NotDone,
            reason: "Chuyển sang năm sau".into(),
            ..Progress::default()
        },
    ]
    .into_iter()
    .enumerate()
    {
        expected.update_task(ids[i], |t| t.progress = progress);
    }
    let late = overdue_count(&expected, today);
    page.wait_for_body_text(&format!(
        "{late} nhiệm vụ quá hạn tính đến ngày 02/04/2021."
    ))
    .await?;

    // Only the overdue ones, and they stand out.
    page.select_option("Lọc theo tình trạng", 0, "Quá hạn")
        .await?;
    page.wait_for("the overdue filter", |p| async move {
        Ok(listed(&p).await? == late)
    })
    .await?;
    let marked = page
        .js("return document.querySelectorAll('#progress-panel tbody tr.overdue').length;")
        .await?;
    assert_eq!(marked, json!(late));
    assert!(page.body_text().await?.contains("Quá hạn (từ "));
    page.select_option("Lọc theo tình trạng", 0, "Hoàn thành")
        .await?;
    page.wait_for(
        "the done filter",
        |p| async move { Ok(listed(&p).await? == 1) },
    )
    .await?;

    // The plan check says which tasks are late.
    page.click_button("Kiểm tra kế hoạch").await?;
    page.wait_for_body_text("Quá hạn, chưa hoàn thành").await?;

    // Undo takes the reason back, then the dropped status; redo brings it again.
    page.select_option("Lọc theo tình trạng", 0, "Tất cả")
        .await?;
    page.press_keys(format!("{}z", Key::Control)).await?;
    page.wait_for("the reason to be undone", |p| {
        let reason_box = reason_box.clone();
        async move { Ok(p.value_of(&reason_box, 0).await?.is_empty()) }
    })
    .await?;
    page.press_keys(format!("{}z", Key::Control)).await?;
    page.wait_for("the status to be undone", |p| {
        let name = boxes[2].clone();
        async move { Ok(p.value_of(&name, 0).await? == Status::NotStarted.code()) }
    })
    .await?;
    page.press_keys(format!("{}y", Key::Control)).await?;
    page.press_keys(format!("{}y", Key::Control)).await?;
    page.wait_for("the reason to be redone", |p| {
        let reason_box = reason_box.clone();
        async move { Ok(p.value_of(&reason_box, 0).await? == "Chuyển sang năm sau") }
    })
    .await?;

    // Kept with the plan.
    page.reload().await?;
    set_clock(&page, today).await?;
    page.click_button("Theo dõi tiến độ").await?;
    assert_eq!(page.value_of(&boxes[0], 0).await?, Status::Done.code());
    assert_eq!(
        page.value_of(&result_box, 0).await?,
        "Quyết định số 12/QĐ-UBND"
    );
    assert_eq!(page.value_of(&boxes[2], 0).await?, Status::NotDone.code());
    assert_eq!(page.value_of(&reason_box, 0).await?, "Chuyển sang năm sau");

    // The Quý I report counts what was recorded, as the domain does.
    page.click_button("Báo cáo tiến độ").await?;
    page.select_option("Kỳ báo cáo", 0, "Quý I").await?;
    let report = build_report(
        &expected,
        &ReportingRules::default(),
        ReportPeriod::Q1,
        None,
    );
    page.wait_for_text("Tổng hợp tiến độ", &report.total.sentence())
        .await?;
    assert_eq!(report.total.done(), 1);
    let text = page.body_text().await?;
    assert!(
        text.contains("Báo cáo tiến độ thực hiện Kế hoạch cải cách hành chính Quý I năm 2021"),
        "{text}"
    );
    assert!(
        text.contains("Số liệu từ ngày 15/12/2020 đến ngày 14/03/2021"),
        "{text}"
    );
    for row in &report.overdue {
        assert!(text.contains(&row.content), "{} not listed", row.content);
    }

    // The same report as a workbook and as a Word file, read back.
    page.click_button("Xuất báo cáo Excel").await?;
    let xlsx = page
        .wait_for_download(&report_file_name(&report, &expected))
        .await?;
    page.wait_for_body_text("Đã xuất tệp báo cáo Excel").await?;
    let mut book = open(&std::fs::read(&xlsx)?);
    let summary = sheet(&mut book, SHEET_REPORT_SUMMARY);
    let total = find_row(&summary, 1, "Tổng cộng").expect("a total line");
    assert_eq!(
        number(&summary, total, 2),
        Some(report.total.total() as f64)
    );
    let done_column = 2 + 1 + 2; // Tổng số, then the statuses in order: Hoàn thành is third.
    assert_eq!(number(&summary, total, done_column), Some(1.0));
    let overdue = sheet(&mut book, SHEET_REPORT_OVERDUE);
    for row in &report.overdue {
        assert!(
            (0..overdue.height()).any(|r| cell(&overdue, r, 1) == row.content),
            "{} not in the overdue sheet",
            row.content
        );
    }
    page.click_button("Xuất báo cáo Word").await?;
    let docx = page
        .wait_for_download(&report_docx_file_name(&report, &expected))
        .await?;
    let document = read_docx(&std::fs::read(&docx)?);
    let body = document.parts["word/document.xml"].clone();
    assert!(
        body.contains("Quý I năm 2021"),
        "the title is in the document"
    );
    for row in &report.overdue {
        assert!(
            body.contains(&row.content),
            "{} not in the document",
            row.content
        );
    }

    // The print view shows the same report and prints it.
    page.click_button("Xem bản in báo cáo").await?;
    page.wait_for("the report's print view", |p| async move {
        Ok(
            p.js("return !!document.querySelector('.print-view .print-sheet table');")
                .await?
                == json!(true),
        )
    })
    .await?;
    let printed = page
        .js("const v = document.querySelector('.print-view');\
             return v.getAttribute('aria-label') + '|' + v.innerText;")
        .await?;
    let printed = printed.as_str().unwrap_or_default().to_string();
    assert!(printed.starts_with("Bản in báo cáo|"), "{printed:.200}");
    assert!(printed.contains(&report.title()), "{printed:.400}");
    assert!(printed.contains("1. Tình hình thực hiện theo lĩnh vực"));
    for row in &report.overdue {
        assert!(
            printed.contains(&row.content),
            "{} not printed",
            row.content
        );
    }
    crate::harness::printed_pdf(&page, "progress::statuses_are_recorded_kept_and_reported").await?;
    page.click_button("Đóng bản in").await?;
    page.wait_for("the editor to come back", |p| async move {
        Ok(p.count_of(Kind::Field, "Nội dung, nhiệm vụ").await? > 0)
    })
    .await?;
    let focused = page
        .js("return document.activeElement && document.activeElement.textContent;")
        .await?;
    assert_eq!(focused, json!("Xem bản in báo cáo"));
    Ok(())
}

async fn reporting_days_are_settings_kept_across_a_reload(page: Page) -> Result {
    let plan = seed_002();
    open_plan(&page, &plan).await?;
    page.click_button("Báo cáo tiến độ").await?;
    page.select_option("Kỳ báo cáo", 0, "Quý I").await?;
    page.wait_for_body_text("đến ngày 14/03/2021").await?;
    page.click("Mốc báo cáo").await?;
    page.clear_and_type("Ngày chốt số liệu Quý I", 0, "20/3")
        .await?;
    page.press_keys(Key::Tab.to_string()).await?;
    page.wait_for_body_text("đến ngày 20/03/2021").await?;
    // A day that is not one is refused, said, and the setting stays.
    page.clear_and_type("Ngày chốt số liệu Quý I", 0, "31/4")
        .await?;
    page.press_keys(Key::Tab.to_string()).await?;
    page.wait_for_body_text(
        "“31/4” không phải ngày/tháng (ví dụ 14/3): Ngày chốt số liệu Quý I giữ nguyên.",
    )
    .await?;
    assert!(page.body_text().await?.contains("đến ngày 20/03/2021"));

    page.reload().await?;
    page.click_button("Báo cáo tiến độ").await?;
    page.select_option("Kỳ báo cáo", 0, "Quý I").await?;
    page.wait_for_body_text("đến ngày 20/03/2021").await?;
    page.click("Mốc báo cáo").await?;
    assert_eq!(page.value_of("Ngày chốt số liệu Quý I", 0).await?, "20/3");
    page.click_button("Dùng mốc mặc định").await?;
    page.wait_for_body_text("đến ngày 14/03/2021").await?;
    let stored: Value = page
        .js("return document.body.innerText.includes('đến ngày 20/03/2021');")
        .await?;
    assert_eq!(stored, json!(false));
    Ok(())
}

/// Reads a downloaded form or reply.
fn read_form(path: &std::path::Path) -> Result<UpdateForm> {
    match read_file(&std::fs::read(path)?) {
        Ok(OpenedFile::UpdateForm(form)) => Ok(form),
        other => bail!("{} is not a form: {other:?}", path.display()),
    }
}

async fn an_agency_fills_its_form_in_a_second_window_and_the_reply_is_merged(page: Page) -> Result {
    let plan = seed_002();
    open_plan(&page, &plan).await?;
    // The lead agency with the most tasks, and what its form must hold.
    let agency = lead_agencies(&plan)
        .into_iter()
        .max_by_key(|a| {
            plan.rows()
                .iter()
                .filter_map(|r| r.task())
                .filter(|t| t.lead.contains(a))
                .count()
        })
        .expect("seed 002 has lead agencies");
    let expected = UpdateForm::for_agency(&plan, &agency, Day::new(2021, 4, 2).expect("a day"));
    assert!(
        expected.tasks.len() >= 2,
        "{agency}: {}",
        expected.tasks.len()
    );

    page.click_button("Theo dõi tiến độ").await?;
    page.click_button("Tạo phiếu cập nhật").await?;
    page.wait_for_body_text("Hãy chọn cơ quan nhận phiếu.")
        .await?;
    page.select_option("Cơ quan nhận phiếu", 0, &agency).await?;
    page.click_button("Tạo phiếu cập nhật").await?;
    let sent_path = page.wait_for_download(&expected.file_name()).await?;
    page.wait_for_body_text(&format!(
        "Đã tạo phiếu cập nhật cho {agency} ({} nhiệm vụ)",
        expected.tasks.len()
    ))
    .await?;
    let sent = read_form(&sent_path)?;
    assert_eq!(sent.tasks, expected.tasks);
    assert_eq!(
        (sent.plan_id.as_str(), sent.replied_on),
        (plan.id.as_str(), None)
    );

    // The agency, in a window of its own, fills the form: only its tasks are there.
    let client = page.client();
    let first = client.window().await?;
    let second = client.new_window(false).await?.handle;
    client.switch_to_window(second).await?;
    client.goto(&format!("{}/", page.base_url())).await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", plan.task_count())
        .await?;
    page.upload_file("Mở tệp", 0, &sent_path).await?;
    page.wait_for_body_text(&format!("Phiếu cập nhật tiến độ: {agency}"))
        .await?;
    let in_form: Value = page
        .js("return [...document.querySelectorAll('.update-form select')].map(s => s.getAttribute('aria-label'));")
        .await?;
    let names: Vec<String> = expected
        .tasks
        .iter()
        .map(|t| format!("Tình trạng nhiệm vụ {}", t.number))
        .collect();
    assert_eq!(in_form, json!(names));
    let first_task = &expected.tasks[0];
    page.select_option(&names[0], 0, "Hoàn thành").await?;
    page.clear_and_type(
        &format!("Ngày hoàn thành nhiệm vụ {}", first_task.number),
        0,
        "20/3/2021",
    )
    .await?;
    page.type_into(
        &format!("Kết quả thực hiện nhiệm vụ {}", first_task.number),
        0,
        "Báo cáo số 7/BC",
    )
    .await?;
    page.select_option(&names[1], 0, "Đang thực hiện").await?;
    page.click_button("Lưu phiếu trả lời").await?;
    let reply_name = expected
        .file_name()
        .replace("phieu-cap-nhat", "phieu-tra-loi");
    let reply_path = page.wait_for_download(&reply_name).await?;
    page.wait_for_body_text("Đã lưu phiếu trả lời").await?;
    let reply = read_form(&reply_path)?;
    assert!(reply.replied_on.is_some());
    assert_eq!(reply.tasks[0].progress.status, Status::Done);
    assert_eq!(reply.tasks[0].progress.completed_on, Day::new(2021, 3, 20));
    assert_eq!(reply.tasks[0].progress.result, "Báo cáo số 7/BC");
    assert_eq!(reply.tasks[1].progress.status, Status::InProgress);
    assert!(reply.tasks[2..].iter().all(|t| t.progress == t.sent));
    client.close_window().await?;
    client.switch_to_window(first).await?;

    // A reply about another plan is refused, and nothing changes.
    let mut stranger = reply.clone();
    stranger.plan_id = "kh-khac".into();
    stranger.plan_title = "Kế hoạch khác".into();
    let dir = TempDir::new("progress-reply")?;
    let stranger_path = dir.path().join("phieu-tra-loi-khac.json");
    std::fs::write(&stranger_path, write_update_form(&stranger))?;
    page.upload_file("Mở tệp", 0, &stranger_path).await?;
    page.wait_for_body_text("thuộc kế hoạch “Kế hoạch khác” năm 2021, không phải kế hoạch đang mở")
        .await?;

    // The reply, opened in the plan: two changes, old and new, taken in one step.
    page.upload_file("Mở tệp", 0, &reply_path).await?;
    page.wait_for_body_text(&format!("Phiếu trả lời của {agency}"))
        .await?;
    let take_first = format!("Nhận cập nhật nhiệm vụ {}", first_task.number);
    let take_second = format!("Nhận cập nhật nhiệm vụ {}", expected.tasks[1].number);
    assert_eq!(page.count(&take_first).await?, 1);
    assert_eq!(page.count(&take_second).await?, 1);
    assert!(page
        .body_text()
        .await?
        .contains("Hoàn thành ngày 20/03/2021 — Báo cáo số 7/BC"));
    page.click_button("Nhận các cập nhật đã chọn").await?;
    page.wait_for_body_text(&format!("Đã nhận 2 cập nhật tiến độ từ phiếu của {agency}"))
        .await?;
    let status_first = &names[0];
    assert_eq!(page.value_of(status_first, 0).await?, Status::Done.code());
    assert_eq!(
        page.value_of(&names[1], 0).await?,
        Status::InProgress.code()
    );
    let stored: Value = page.js("return window.cchcApp.planFile();").await?;
    assert!(stored
        .as_str()
        .unwrap_or_default()
        .contains("Báo cáo số 7/BC"));

    // One undo takes the whole reply back.
    page.click_button("Hoàn tác").await?;
    page.wait_for("the merge to be undone", |p| {
        let name = names[1].clone();
        async move { Ok(p.value_of(&name, 0).await? == Status::NotStarted.code()) }
    })
    .await?;
    assert_eq!(
        page.value_of(status_first, 0).await?,
        Status::NotStarted.code()
    );
    Ok(())
}
