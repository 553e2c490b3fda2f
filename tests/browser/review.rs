//! What a reviewer catches: seed 004 (Yên Bái 2022) moved to 2027, agency names brought up
//! to the 2025 map, the plan check and its links, the timeline by quarter, and the edited
//! rename table kept across a reload.

use serde_json::{json, Value};

use cchc_plan::domain::agency::RenameTable;
use cchc_plan::domain::file_format::write_plan;
use cchc_plan::domain::library::{builtin, plan_from_source};
use cchc_plan::domain::review::{check, FindingKind};
use cchc_plan::domain::rollover::roll_plan;

use crate::harness::{bail, browser_tests, BrowserTest, Kind, Page, Result};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        seed_004_moves_to_2027_with_new_agency_names,
        plan_check_links_focus_the_row,
        timeline_groups_tasks_by_quarter,
        edited_rename_table_is_kept_and_used,
        an_agency_leading_and_co_operating_is_a_finding,
        old_years_and_levels_in_a_task_text_are_proposed_not_changed,
    ]
}

const SEED_004: &str = "004_3d993c84cca7b04f.txt";
const OLD_NAME: &str = "Sở Thông tin và Truyền thông";

/// Opens seed 004, recreated natively, through the app's test hook.
async fn open_seed_004(page: &Page) -> Result {
    let plan = plan_from_source(builtin(), SEED_004, "kh-seed-004").expect("seed 004");
    let tasks = plan.task_count();
    let answer = page
        .js_with(
            "return window.cchcApp.openPlanFile(arguments[0]);",
            vec![json!(write_plan(&plan))],
        )
        .await?;
    if answer != json!("") {
        bail!("the plan file was refused: {answer}");
    }
    page.wait_for_field_count("Nội dung, nhiệm vụ", tasks)
        .await?;
    Ok(())
}

/// Makes the plan of `year` from the open plan with the roll-forward control (it opens).
async fn move_to(page: &Page, year: &str) -> Result {
    page.clear_and_type("Năm mới", 0, year).await?;
    page.click_button(&format!("Tạo kế hoạch năm {year} từ kế hoạch này"))
        .await?;
    page.wait_for("the plan year to change", |p| async move {
        Ok(p.value_of("Năm kế hoạch", 0).await? == year)
    })
    .await
}

/// The values of every task field with this label, in table order (the table renders
/// rows lazily, so read the DOM rather than what is on screen).
async fn values(page: &Page, label: &str) -> Result<Vec<String>> {
    let value = page
        .js_with(
            "return [...document.querySelectorAll('.plan-table [aria-label=\"' + arguments[0] + '\"]')].map(e => e.value);",
            vec![json!(label)],
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

async fn agency_values(page: &Page) -> Result<Vec<String>> {
    let mut all = values(page, "Cơ quan chủ trì").await?;
    all.extend(values(page, "Cơ quan phối hợp").await?);
    Ok(all)
}

fn count_naming(values: &[String], name: &str) -> usize {
    values.iter().filter(|v| v.contains(name)).count()
}

async fn seed_004_moves_to_2027_with_new_agency_names(page: Page) -> Result {
    open_seed_004(&page).await?;
    let before = agency_values(&page).await?;
    let old_count = count_naming(&before, OLD_NAME);
    assert!(old_count >= 9, "{old_count}");
    assert!(values(&page, "Thời gian thực hiện")
        .await?
        .iter()
        .any(|d| d.contains("2022")));

    move_to(&page, "2027").await?;
    page.wait_for_body_text("Đã tạo kế hoạch năm 2027 từ kế hoạch năm 2022")
        .await?;
    let summary = page.body_text().await?;
    assert!(summary.contains("cần xem lại"), "{summary}");
    let deadlines = values(&page, "Thời gian thực hiện").await?;
    assert!(
        deadlines.iter().all(|d| !d.contains("2022")),
        "{deadlines:?}"
    );
    assert!(deadlines.iter().any(|d| d == "Tháng 12/2026"));
    assert!(deadlines.iter().any(|d| d == "Thường xuyên trong năm"));
    assert_eq!(
        page.value_of("Tên kế hoạch", 0).await?,
        "Kế hoạch triển khai công tác cải cách hành chính nhà nước năm 2027 trên địa bàn tỉnh Yên Bái"
    );

    page.click_button("Cập nhật tên cơ quan").await?;
    page.button("Áp dụng tất cả", 0).await?;
    let checkboxes: Value = page
        .js("return [...document.querySelectorAll('#rename-panel input[type=checkbox]')].map(c => c.checked);")
        .await?;
    let checkboxes = checkboxes.as_array().cloned().unwrap_or_default();
    assert!(checkboxes.len() >= old_count, "{}", checkboxes.len());
    assert!(
        checkboxes.iter().all(|c| *c == json!(true)),
        "checked by default"
    );
    page.click_button("Áp dụng tất cả").await?;
    page.wait_for_body_text("Đã đổi ").await?;
    page.wait_for_body_text("Không còn tên cơ quan cũ nào trong kế hoạch.")
        .await?;
    let after = agency_values(&page).await?;
    assert_eq!(count_naming(&after, OLD_NAME), 0, "{after:?}");
    assert!(count_naming(&after, "Sở Khoa học và Công nghệ") >= old_count);
    assert_eq!(count_naming(&after, "UBND cấp huyện"), 0);
    let deadlines = values(&page, "Thời gian thực hiện").await?;
    assert!(deadlines.iter().all(|d| !d.contains("2022")));

    // One undo brings every old name back, and only the names.
    page.click_button("Hoàn tác").await?;
    page.wait_for("the old names to come back", |p| async move {
        Ok(count_naming(&agency_values(&p).await?, OLD_NAME) == old_count)
    })
    .await?;
    assert_eq!(agency_values(&page).await?, before);
    assert_eq!(page.value_of("Năm kế hoạch", 0).await?, "2027");
    // Last year's plan is still there, unchanged: a second plan in the list.
    page.js("document.querySelector('.plan-list .toggle').click();")
        .await?;
    page.wait_for_body_text("Đang mở").await?;
    // The row of 2022 (the list also holds the plan the app started with).
    let open_2022 = "const row = [...document.querySelectorAll('.plan-list tbody tr')]
                 .find((tr) => tr.cells[2].textContent.trim() === '2022');
             const open = row && [...row.querySelectorAll('button')].find((b) => b.textContent === 'Mở');
             if (open) { open.click(); }
             return !!open;";
    page.wait_for("the plan of 2022 in the plan list", |p| async move {
        Ok(p.js(open_2022).await? == json!(true))
    })
    .await?;
    page.wait_for("the 2022 plan to open", |p| async move {
        Ok(p.value_of("Năm kế hoạch", 0).await? == "2022")
    })
    .await?;
    let deadlines = values(&page, "Thời gian thực hiện").await?;
    assert!(
        deadlines.iter().any(|d| d == "Tháng 12/2021"),
        "{deadlines:?}"
    );
    assert_eq!(
        count_naming(&agency_values(&page).await?, OLD_NAME),
        old_count
    );
    Ok(())
}

async fn plan_check_links_focus_the_row(page: Page) -> Result {
    open_seed_004(&page).await?;
    move_to(&page, "2027").await?;
    page.click_button("Kiểm tra kế hoạch").await?;
    let group = "Giao cho cấp huyện (không còn từ 1/7/2025)";
    page.find(group, 0).await?;
    // As many district-level findings as the domain finds.
    let mut plan = plan_from_source(builtin(), SEED_004, "p").expect("seed 004");
    roll_plan(&mut plan, 2027);
    let expected = check(&plan, &RenameTable::builtin(), &[])
        .of_kind(FindingKind::DistrictLevel)
        .count();
    let links: Value = page
        .js_with(
            "return [...document.querySelectorAll('section[aria-label=\"' + arguments[0] + '\"] li button.goto')].map(b => b.textContent.trim());",
            vec![json!(group)],
        )
        .await?;
    let links: Vec<String> = serde_json::from_value(links)?;
    assert_eq!(links.len(), expected);
    assert!(expected > 10);
    let text = page.text_of(group).await?;
    assert!(text.contains("UBND cấp huyện"), "{text}");

    // The last link (far down the table) focuses its row.
    let link = links.last().unwrap().clone();
    let target = link.trim_start_matches("Đến dòng ").to_string();
    let within_area = target.split_once('.').map(|(_, n)| n.to_string()).unwrap();
    let buttons = page.find_all_of(Kind::Button, &link).await?;
    let last = buttons.last().unwrap().clone();
    last.click().await?;
    page.wait_for("the row to have focus", |p| {
        let within_area = within_area.clone();
        async move {
            let row: Value = p
                .js("const r = document.activeElement && document.activeElement.closest('[data-row]'); \
                     return r ? [r.querySelector('.tt').textContent.trim(), r.querySelector('.findings') ? r.querySelector('.findings').getAttribute('aria-label') : ''] : null;")
                .await?;
            Ok(row[0] == json!(within_area)
                && row[1].as_str().is_some_and(|l| l.starts_with("Có ")))
        }
    })
    .await?;
    // Its marker lists what the check found.
    let title: Value = page
        .js("return document.activeElement.closest('[data-row]').querySelector('.findings').title;")
        .await?;
    assert!(
        title.as_str().unwrap_or_default().contains("cấp huyện"),
        "{title}"
    );

    // One task moved to the plan year from the check panel.
    let outside = "Thời hạn ngoài năm kế hoạch";
    page.find(outside, 0).await?;
    // The panel sits above the table, now scrolled under the sticky toolbar.
    let button = page.button("Chuyển sang năm 2027", 0).await?;
    page.js_with(
        "arguments[0].scrollIntoView({block: 'center'});",
        vec![json!(button)],
    )
    .await?;
    button.click().await?;
    page.wait_for("the deadline to move", |p| async move {
        Ok(values(&p, "Thời gian thực hiện")
            .await?
            .iter()
            .any(|d| d == "Thường xuyên trong năm 2027"))
    })
    .await?;
    page.wait_for("the finding to go", |p| async move {
        Ok(p.count(outside).await? == 0)
    })
    .await?;
    Ok(())
}

async fn timeline_groups_tasks_by_quarter(page: Page) -> Result {
    open_seed_004(&page).await?;
    move_to(&page, "2027").await?;
    page.click_button("Tiến độ theo quý").await?;
    let q1 = page.text_of("Quý I").await?;
    assert!(q1.contains("Quý I/2027"), "{q1}");
    assert!(q1.contains("Sở Nội vụ"), "{q1}");
    assert!(!q1.contains("Quý II/2027"), "{q1}");
    let q2 = page.text_of("Quý II").await?;
    assert!(q2.contains("Quý II/2027"), "{q2}");
    let whole = page.text_of("Cả năm / thường xuyên").await?;
    assert!(whole.contains("Thường xuyên"), "{whole}");
    // Editing a deadline moves the task to its new quarter.
    page.clear_and_type("Thời gian thực hiện", 0, "Quý III/2027")
        .await?;
    page.wait_for("the task to join Quý III", |p| async move {
        Ok(p.text_of("Quý III").await?.matches("Quý III/2027").count() >= 2)
    })
    .await?;
    Ok(())
}

async fn edited_rename_table_is_kept_and_used(page: Page) -> Result {
    page.click_button("Danh mục cơ quan").await?;
    let before = page.count_of(Kind::Field, "Tên cũ").await?;
    page.click_button("Thêm dòng đổi tên").await?;
    page.wait_for_field_count("Tên cũ", before + 1).await?;
    page.type_into("Tên cũ", before, "Đài Truyền hình tỉnh")
        .await?;
    page.type_into("Tên mới", before, "Trung tâm Truyền thông tỉnh")
        .await?;
    // Leaving the field commits it.
    page.click_button("Thêm dòng đổi tên").await?;
    page.wait_for_field_count("Tên cũ", before + 2).await?;
    page.reload().await?;
    page.click_button("Danh mục cơ quan").await?;
    page.wait_for_field_count("Tên cũ", before + 2).await?;
    assert_eq!(
        page.value_of("Tên cũ", before).await?,
        "Đài Truyền hình tỉnh"
    );
    assert_eq!(
        page.value_of("Tên mới", before).await?,
        "Trung tâm Truyền thông tỉnh"
    );
    // The rule applies to the plan.
    page.click_button("Thêm lĩnh vực").await?;
    page.click_button("Thêm nhiệm vụ").await?;
    page.type_into("Cơ quan chủ trì", 0, "Đài Truyền hình tỉnh")
        .await?;
    page.click_button("Cập nhật tên cơ quan").await?;
    page.find(
        "Dòng I.1 – Cơ quan chủ trì: “Đài Truyền hình tỉnh” → “Trung tâm Truyền thông tỉnh”",
        0,
    )
    .await?;
    page.click_button("Áp dụng").await?;
    page.wait_for("the new name", |p| async move {
        Ok(values(&p, "Cơ quan chủ trì").await? == ["Trung tâm Truyền thông tỉnh"])
    })
    .await?;
    // Back to the defaults.
    page.click_button("Khôi phục mặc định").await?;
    page.wait_for_field_count("Tên cũ", before).await?;
    Ok(())
}

async fn an_agency_leading_and_co_operating_is_a_finding(page: Page) -> Result {
    page.click_button("Thêm lĩnh vực").await?;
    page.click_button("Thêm nhiệm vụ").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 1).await?;
    page.type_into("Nội dung, nhiệm vụ", 0, "Rà soát văn bản")
        .await?;
    page.type_into("Cơ quan chủ trì", 0, "Sở Tư pháp").await?;
    page.type_into("Cơ quan phối hợp", 0, "Sở Nội vụ; sở tư pháp")
        .await?;
    page.press_keys(fantoccini::key::Key::Tab.to_string())
        .await?;
    page.click_button("Kiểm tra kế hoạch").await?;
    page.wait_for_body_text(
        "“Sở Tư pháp” vừa là cơ quan chủ trì vừa là cơ quan phối hợp: bỏ ở cột phối hợp",
    )
    .await?;
    let text = page.text_of("Cơ quan vừa chủ trì vừa phối hợp").await?;
    assert!(
        text.contains("Cơ quan vừa chủ trì vừa phối hợp (1)"),
        "{text}"
    );
    assert!(text.contains("Đến dòng I.1"), "{text}");

    // Readable without a mouse: the row's accessible description lists its findings, and
    // its marker is a Tab stop (just before the task's text) that shows them when focused.
    let message = "“Sở Tư pháp” vừa là cơ quan chủ trì vừa là cơ quan phối hợp";
    let described = page
        .js("const row = document.querySelectorAll('[data-row]')[1];
             const text = document.getElementById(row.getAttribute('aria-describedby'));
             return text ? text.textContent : '';")
        .await?;
    let described = described.as_str().unwrap_or_default();
    if !described.starts_with("Có ") || !described.contains(message) {
        bail!("the task row's description is {described:?}");
    }
    page.click_field("Nội dung, nhiệm vụ", 0).await?;
    page.press_keys(format!(
        "{}{}",
        fantoccini::key::Key::Shift,
        fantoccini::key::Key::Tab
    ))
    .await?;
    let focused = page
        .js("const e = document.activeElement;
             const shown = getComputedStyle(e, '::before').content;
             // Chromium resolves attr() in the computed value, Firefox and WebKit keep it.
             return [e.getAttribute('aria-label') || '',
                     shown === 'attr(data-messages)' ? e.dataset.messages : shown];")
        .await?;
    let label = focused[0].as_str().unwrap_or_default();
    let shown = focused[1].as_str().unwrap_or_default();
    if !label.ends_with("lưu ý") || !shown.contains(message) {
        bail!("Shift+Tab from the task's text reached {label:?}, showing {shown:?}");
    }
    Ok(())
}

async fn old_years_and_levels_in_a_task_text_are_proposed_not_changed(page: Page) -> Result {
    const TEXT: &str = "Kiểm tra công tác CCHC năm 2024 tại UBND cấp huyện";
    const YEAR_FIXED: &str = "Kiểm tra công tác CCHC năm 2027 tại UBND cấp huyện";
    const GROUP: &str = "Năm, địa danh cũ trong nội dung";
    page.clear_and_type("Năm kế hoạch", 0, "2027").await?;
    page.click_button("Thêm lĩnh vực").await?;
    page.click_button("Thêm nhiệm vụ").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 1).await?;
    page.type_into("Nội dung, nhiệm vụ", 0, TEXT).await?;
    page.press_keys(fantoccini::key::Key::Tab.to_string())
        .await?;
    assert_eq!(page.value_of("Năm kế hoạch", 0).await?, "2027");

    page.click_button("Kiểm tra kế hoạch").await?;
    page.wait_for_body_text("Nội dung nhắc “năm 2024” (kế hoạch năm 2027): đề xuất “năm 2027”")
        .await?;
    let group = page.text_of(GROUP).await?;
    for part in [
        "Năm, địa danh cũ trong nội dung (2)",
        "Đến dòng I.1",
        "Nội dung nhắc “cấp huyện” (không còn cấp huyện từ 1/7/2025): đề xuất “cấp xã”",
    ] {
        assert!(group.contains(part), "{part}: {group}");
    }
    assert_eq!(page.count_of(Kind::Button, "Áp dụng đề xuất").await?, 2);
    // Nothing changes without the click.
    assert_eq!(page.value_of("Nội dung, nhiệm vụ", 0).await?, TEXT);

    page.click_button("Áp dụng đề xuất").await?;
    page.wait_for("the proposed text", |p| async move {
        Ok(p.value_of("Nội dung, nhiệm vụ", 0).await? == YEAR_FIXED)
    })
    .await?;
    page.wait_for_body_text(&format!("Đã sửa nội dung dòng I.1 thành “{YEAR_FIXED}”"))
        .await?;
    // The finding is gone; the other one now proposes from the new text.
    page.wait_for("one finding left", |p| async move {
        Ok(p.count_of(Kind::Button, "Áp dụng đề xuất").await? == 1)
    })
    .await?;
    let group = page.text_of(GROUP).await?;
    assert!(!group.contains("“năm 2024”"), "{group}");

    // One undo step brings the text back, and the finding with it.
    page.click_button("Hoàn tác").await?;
    page.wait_for("the text as typed", |p| async move {
        Ok(p.value_of("Nội dung, nhiệm vụ", 0).await? == TEXT)
    })
    .await?;
    page.wait_for("both findings again", |p| async move {
        Ok(p.count_of(Kind::Button, "Áp dụng đề xuất").await? == 2)
    })
    .await?;

    // The move to another year lists them too, and changes no text.
    move_to(&page, "2028").await?;
    page.wait_for_body_text("; 2 nội dung nhắc năm, địa danh cũ")
        .await?;
    let report = page.text_of("Kết quả chuyển năm").await?;
    for part in [
        "2 nội dung nhắc năm, địa danh cũ",
        "Năm, địa danh cũ trong nội dung (có đề xuất sửa trong “Kiểm tra kế hoạch”)",
        "Nội dung nhắc “năm 2024” (kế hoạch năm 2028): đề xuất “năm 2028”",
    ] {
        assert!(report.contains(part), "{part}: {report}");
    }
    assert_eq!(page.value_of("Nội dung, nhiệm vụ", 0).await?, TEXT);
    Ok(())
}
