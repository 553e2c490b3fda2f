//! The plan editor: building a table, numbering, totals and words, undo and redo,
//! refusing bad budgets, suggestions.

use fantoccini::key::Key;
use serde_json::Value;

use crate::harness::{bail, browser_tests, BrowserTest, Kind, Page, Result};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        seed_002_section_one_totals_936,
        undo_and_redo_a_delete_and_a_move,
        bad_budgets_are_refused_and_the_old_value_kept,
        indent_outdent_and_duplicate_renumber,
        agency_and_deadline_suggestions,
        deadline_shortcuts_commit_on_enter_and_tab,
        keys_act_where_the_focus_is_and_never_leave_the_page,
        spreadsheet_keys_move_between_rows,
        new_plan_keeps_the_previous_one,
        former_province_gets_its_new_unit,
    ]
}

/// The TT column, top to bottom.
pub async fn numbers(page: &Page) -> Result<Vec<String>> {
    let value = page.js("return [...document.querySelectorAll('[data-row] .tt')].map(e => e.textContent.trim());").await?;
    Ok(serde_json::from_value(value)?)
}

/// The texts of the `<output>` elements named `name` (a cell holding one shares its name).
pub async fn outputs(page: &Page, name: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for element in page.find_all(name).await? {
        if element.tag_name().await? == "output" {
            out.push(page.text_of_element(&element).await?);
        }
    }
    Ok(out)
}

/// The task contents, top to bottom.
async fn contents(page: &Page) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for field in page.find_all_of(Kind::Field, "Nội dung, nhiệm vụ").await? {
        out.push(field.prop("value").await?.unwrap_or_default());
    }
    Ok(out)
}

/// Waits until the task contents read `expected`.
async fn wait_for_contents(page: &Page, expected: &[&str]) -> Result {
    let expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    let expected = &expected;
    page.wait_for(&format!("task contents {expected:?}"), |page| async move {
        Ok(contents(&page).await? == *expected)
    })
    .await
}

/// Adds a task after the current row and fills it. Tests add tasks in table order, so the
/// new task's fields are the last of their name.
async fn add_task(
    page: &Page,
    content: &str,
    lead: &str,
    deadline: &str,
    budget: Option<&str>,
) -> Result {
    let before = page.count_of(Kind::Field, "Nội dung, nhiệm vụ").await?;
    page.click_button("Thêm nhiệm vụ").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", before + 1)
        .await?;
    page.type_into("Nội dung, nhiệm vụ", before, content)
        .await?;
    if !lead.is_empty() {
        page.type_into("Cơ quan chủ trì", before, lead).await?;
    }
    if !deadline.is_empty() {
        page.type_into("Thời gian thực hiện", before, deadline)
            .await?;
        page.press_keys(Key::Escape.to_string()).await?;
    }
    if let Some(budget) = budget {
        page.type_into("Kinh phí (triệu đồng)", before, budget)
            .await?;
    }
    Ok(())
}

async fn add_heading(page: &Page, button: &str, field: &str, title: &str) -> Result {
    let before = page.count_of(Kind::Field, field).await?;
    page.click_button(button).await?;
    page.wait_for_field_count(field, before + 1).await?;
    page.type_into(field, before, title).await
}

/// One task typed in: content, lead agency, deadline, budget.
type TaskLine = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

/// Section I of seed 002's appendix (4 groups, 19 tasks, 15 budgets) and the three other
/// budgeted tasks: numbering 1, 1.1 … 4.9, section subtotal 811, total 936 and its words.
async fn seed_002_section_one_totals_936(page: Page) -> Result {
    let groups: [(&str, &[TaskLine]); 4] = [
        (
            "Kiến toàn tổ chức, tổ chức họp, hội nghị",
            &[
                (
                    "Kiến toàn Ban chỉ đạo CCHC tỉnh",
                    "Sở Nội vụ",
                    "Quý I/2021",
                    None,
                ),
                (
                    "Kiến toàn Tổ Tư vấn của Ban Chỉ đạo CCHC tỉnh",
                    "Sở Nội vụ",
                    "Quý I/2021",
                    None,
                ),
                (
                    "Hội Tổ tư vấn CCHC tỉnh định kỳ, đột xuất",
                    "Tổ trưởng Tổ Tư vấn",
                    "Thường xuyên",
                    Some("10"),
                ),
                (
                    "Tổ chức Hội nghị tổng kết công tác CCHC năm 2021",
                    "Sở Nội vụ",
                    "Tháng 11 - tháng 12",
                    Some("5"),
                ),
            ],
        ),
        (
            "Đánh giá, xác định Chỉ số CCHC và tổ chức đo lường",
            &[
                (
                    "Tổ chức lớp tập huấn đánh giá, xác định chỉ số CCHC",
                    "Sở Nội vụ",
                    "Tháng 9 - tháng 11",
                    Some("10"),
                ),
                (
                    "Tổ chức đánh giá, xác định chỉ số CCHC",
                    "Sở Nội vụ",
                    "Tháng 10 - tháng 12",
                    Some("5"),
                ),
                (
                    "Thực hiện đánh giá, xác định Chi số CCHC của tỉnh",
                    "Sở Nội vụ",
                    "Theo Kế hoạch của Bộ Nội vụ",
                    None,
                ),
                (
                    "Tổ chức điều tra xã hội học đo lường mức độ hài lòng",
                    "Sở Nội vụ",
                    "Tháng 5 - tháng 11",
                    Some("80"),
                ),
            ],
        ),
        (
            "Kiểm tra CCHC",
            &[
                (
                    "Kiểm tra liên ngành công tác CCHC",
                    "Sở Nội vụ",
                    "Tháng 6 - tháng 12",
                    Some("40"),
                ),
                (
                    "Kiểm tra đột xuất việc tiếp nhận và giải quyết TTHC",
                    "Tổ trưởng Tổ kiểm tra",
                    "Thường xuyên",
                    Some("25"),
                ),
            ],
        ),
        (
            "Tuyên truyền CCHC",
            &[
                (
                    "Xây dựng cụm Pa-nô, Áp phích tuyên truyền CCHC",
                    "Sở Nội vụ",
                    "Tháng 4 - tháng 7",
                    Some("90"),
                ),
                (
                    "Chuyên mục CCHC trên sóng Đài Phát thanh và Truyền hình tỉnh",
                    "Sở Nội vụ; Đài PTTH tỉnh",
                    "Định kỳ hàng tháng",
                    Some("120"),
                ),
                (
                    "Bản tin CCHC trên sóng Đài Phát thanh và Truyền hình tỉnh",
                    "Sở Nội vụ; Đài PTTH tỉnh",
                    "Định kỳ hàng tuần",
                    Some("240"),
                ),
                (
                    "Thực hiện tuyên truyền CCHC trên Báo Đắk Nông",
                    "Sở Nội vụ; Báo Đắk Nông",
                    "Định kỳ hàng tháng",
                    Some("60"),
                ),
                (
                    "Tuyên truyền CCHC bằng tờ rơi",
                    "Sở Nội vụ",
                    "Tháng 3 - tháng 7",
                    Some("36"),
                ),
                (
                    "Tổ chức cuộc thi Video clip sáng kiến CCHC",
                    "Tỉnh đoàn",
                    "Tháng 4 - tháng 10",
                    Some("30"),
                ),
                (
                    "Tổ chức cuộc thi sân khấu hóa Tìm hiểu CCHC",
                    "Đoàn khối các cơ quan và Doanh nghiệp tỉnh",
                    "Tháng 4 - tháng 10",
                    Some("40"),
                ),
                (
                    "Tổ chức cuộc thi viết Tìm hiểu về công tác CCHC",
                    "Sở Nội vụ",
                    "Tháng 5 - tháng 10",
                    Some("20"),
                ),
                (
                    "Tuyên truyền CCHC trên Trang TTĐT của các cơ quan",
                    "Sở Nội vụ",
                    "Thường xuyên",
                    None,
                ),
            ],
        ),
    ];
    add_heading(
        &page,
        "Thêm lĩnh vực",
        "Tên lĩnh vực",
        "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH",
    )
    .await?;
    for (group, tasks) in groups {
        add_heading(&page, "Thêm nhóm", "Tên nhóm", group).await?;
        for (content, lead, deadline, budget) in tasks {
            add_task(&page, content, lead, deadline, *budget).await?;
        }
    }
    page.wait_for_text("Cộng lĩnh vực", "811").await?;

    add_heading(&page, "Thêm lĩnh vực", "Tên lĩnh vực", "CẢI CÁCH THỂ CHẾ").await?;
    add_task(
        &page,
        "Tổ chức điều tra, khảo sát tình hình thi hành pháp luật tại tỉnh",
        "Sở Tư pháp",
        "Tháng 7 - tháng 11",
        Some("55"),
    )
    .await?;
    add_task(
        &page,
        "Biên soạn Sổ tay nghiệp vụ cho CBCC làm công tác xây dựng pháp luật",
        "Sở Tư pháp",
        "Tháng 01 - tháng 6",
        Some("35"),
    )
    .await?;
    add_heading(
        &page,
        "Thêm lĩnh vực",
        "Tên lĩnh vực",
        "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    )
    .await?;
    add_heading(
        &page,
        "Thêm nhóm",
        "Tên nhóm",
        "Thực hiện cơ chế một cửa, một cửa liên thông",
    )
    .await?;
    add_task(
        &page,
        "Tổ chức lớp tập huấn nghiệp vụ kiểm soát TTHC",
        "Văn phòng UBND tỉnh",
        "Tháng 5 - tháng 9",
        Some("35"),
    )
    .await?;

    page.wait_for_text("Tổng kinh phí", "936").await?;
    let mut expected = vec!["I".to_string()];
    for (g, count) in [(1, 4), (2, 4), (3, 2), (4, 9)] {
        expected.push(g.to_string());
        expected.extend((1..=count).map(|t| format!("{g}.{t}")));
    }
    expected.extend(["II", "1", "2", "III", "1", "1.1"].map(String::from));
    assert_eq!(numbers(&page).await?, expected);
    assert_eq!(outputs(&page, "Cộng lĩnh vực").await?, ["811", "90", "35"]);
    assert_eq!(
        outputs(&page, "Cộng nhóm").await?,
        ["15", "95", "65", "636", "35"]
    );
    page.wait_for_body_text("Bằng chữ: Chín trăm ba mươi sáu triệu đồng")
        .await?;
    assert_eq!(
        page.value_of("Cơ quan chủ trì", 12).await?,
        "Sở Nội vụ; Đài PTTH tỉnh"
    );
    Ok(())
}

/// Waits until the focus is in the task content field that reads `content`.
async fn wait_for_focus_on(page: &Page, content: &str) -> Result {
    page.wait_for(
        &format!("the focus on task {content:?}"),
        |page| async move {
            let focused = page
            .js("const e = document.activeElement; return [e.getAttribute('aria-label'), e.value];")
            .await?;
            Ok(focused == serde_json::json!(["Nội dung, nhiệm vụ", content]))
        },
    )
    .await
}

async fn three_tasks(page: &Page) -> Result {
    add_heading(page, "Thêm lĩnh vực", "Tên lĩnh vực", "Cải cách thể chế").await?;
    for name in ["A", "B", "C"] {
        add_task(page, name, "", "", None).await?;
    }
    wait_for_contents(page, &["A", "B", "C"]).await
}

async fn undo_and_redo_a_delete_and_a_move(page: Page) -> Result {
    three_tasks(&page).await?;
    page.click_field("Nội dung, nhiệm vụ", 1).await?;
    page.click_button("Xóa dòng").await?;
    wait_for_contents(&page, &["A", "C"]).await?;
    assert_eq!(numbers(&page).await?, ["I", "1", "2"]);
    page.press_keys(format!("{}z", Key::Control)).await?;
    wait_for_contents(&page, &["A", "B", "C"]).await?;
    // After a structural undo or redo the focus is on the row it affected.
    wait_for_focus_on(&page, "B").await?;
    page.press_keys(format!("{}y", Key::Control)).await?;
    wait_for_contents(&page, &["A", "C"]).await?;
    wait_for_focus_on(&page, "C").await?;
    page.click_button("Hoàn tác").await?;
    wait_for_contents(&page, &["A", "B", "C"]).await?;
    wait_for_focus_on(&page, "B").await?;

    // Move C up with the button, then B down with the keyboard.
    page.click_field("Nội dung, nhiệm vụ", 2).await?;
    page.click_button("Lên").await?;
    wait_for_contents(&page, &["A", "C", "B"]).await?;
    page.click_button("Hoàn tác").await?;
    wait_for_contents(&page, &["A", "B", "C"]).await?;
    wait_for_focus_on(&page, "C").await?;
    page.click_button("Làm lại").await?;
    wait_for_contents(&page, &["A", "C", "B"]).await?;
    page.click_field("Nội dung, nhiệm vụ", 0).await?;
    page.press_keys(format!("{}{}", Key::Alt, Key::Down))
        .await?;
    wait_for_contents(&page, &["C", "A", "B"]).await?;
    page.press_keys(format!("{}z", Key::Control)).await?;
    wait_for_contents(&page, &["A", "C", "B"]).await?;
    // Typing is one undo step per field, not per key.
    page.type_into("Nội dung, nhiệm vụ", 0, "1").await?;
    wait_for_contents(&page, &["A1", "C", "B"]).await?;
    page.type_into("Nội dung, nhiệm vụ", 0, "23").await?;
    wait_for_contents(&page, &["A123", "C", "B"]).await?;
    page.click_button("Hoàn tác").await?;
    wait_for_contents(&page, &["A", "C", "B"]).await
}

async fn bad_budgets_are_refused_and_the_old_value_kept(page: Page) -> Result {
    three_tasks(&page).await?;
    page.type_into("Kinh phí (triệu đồng)", 0, "1.600").await?;
    page.type_into("Kinh phí (triệu đồng)", 1, "12,5").await?;
    page.wait_for_text("Tổng kinh phí", "1.612,5").await?;
    page.wait_for_body_text("Bằng chữ: Một tỷ sáu trăm mười hai triệu năm trăm nghìn đồng")
        .await?;
    // Leave the field: what it holds now is the value a bad entry falls back to.
    page.click_field("Sản phẩm", 1).await?;
    for (bad, message) in [
        ("12.5.3", "Số không rõ nghĩa"),
        ("-4", "không được âm"),
        ("abc", "phải là số"),
        ("1,2345", "tối đa 3 chữ số thập phân"),
    ] {
        page.clear_and_type("Kinh phí (triệu đồng)", 1, bad).await?;
        page.wait_for_body_text(message).await?;
        page.wait_for_body_text("Giữ giá trị cũ: 12,5").await?;
        page.wait_for_text("Tổng kinh phí", "1.612,5").await?;
        let field = page.field("Kinh phí (triệu đồng)", 1).await?;
        if field.attr("aria-invalid").await?.as_deref() != Some("true") {
            bail!("the field holding {bad:?} is not marked invalid");
        }
    }
    // Leaving the field keeps the bad text in the box, marked, with its message, so the
    // drafter corrects it instead of retyping it; the plan keeps 12,5.
    page.click_field("Sản phẩm", 1).await?;
    assert_eq!(page.value_of("Kinh phí (triệu đồng)", 1).await?, "1,2345");
    let field = page.field("Kinh phí (triệu đồng)", 1).await?;
    if field.attr("aria-invalid").await?.as_deref() != Some("true") {
        bail!("the field left with a bad budget is not marked invalid");
    }
    page.wait_for_body_text("Giữ giá trị cũ: 12,5").await?;
    page.wait_for_text("Tổng kinh phí", "1.612,5").await?;
    // Corrected in place: one more keystroke away from a valid number.
    page.click_field("Kinh phí (triệu đồng)", 1).await?;
    page.press_keys(fantoccini::key::Key::End.to_string())
        .await?;
    page.press_keys(fantoccini::key::Key::Backspace.to_string())
        .await?;
    page.wait_for_text("Tổng kinh phí", "1.601,234").await?;
    page.click_field("Sản phẩm", 1).await?;
    assert_eq!(page.value_of("Kinh phí (triệu đồng)", 1).await?, "1,234");
    if field.attr("aria-invalid").await?.as_deref() != Some("false") {
        bail!("the corrected budget is still marked invalid");
    }
    // 0,1 + 0,2 is exactly 0,3.
    page.clear_and_type("Kinh phí (triệu đồng)", 0, "0,1")
        .await?;
    page.clear_and_type("Kinh phí (triệu đồng)", 1, "0,2")
        .await?;
    page.wait_for_text("Tổng kinh phí", "0,3").await?;
    Ok(())
}

async fn indent_outdent_and_duplicate_renumber(page: Page) -> Result {
    three_tasks(&page).await?;
    page.click_field("Nội dung, nhiệm vụ", 1).await?;
    page.click_button("Thụt vào").await?;
    page.wait_for("B under A", |page| async move {
        Ok(numbers(&page).await? == ["I", "1", "1.1", "2"])
    })
    .await?;
    page.click_button("Nhân bản").await?;
    wait_for_contents(&page, &["A", "B", "B", "C"]).await?;
    assert_eq!(numbers(&page).await?, ["I", "1", "1.1", "1.2", "2"]);
    page.click_button("Thụt ra").await?;
    page.wait_for("the copy out", |page| async move {
        Ok(numbers(&page).await? == ["I", "1", "1.1", "2", "3"])
    })
    .await?;
    // Keyboard: Alt+→ indents again.
    page.press_keys(format!("{}{}", Key::Alt, Key::Right))
        .await?;
    page.wait_for("the copy back in", |page| async move {
        Ok(numbers(&page).await? == ["I", "1", "1.1", "1.2", "2"])
    })
    .await?;
    // A group cannot be indented: the refusal is said, nothing changes.
    add_heading(&page, "Thêm nhóm", "Tên nhóm", "Nhóm").await?;
    page.click_button("Thụt vào").await?;
    page.wait_for_body_text("Chỉ nhiệm vụ").await?;
    Ok(())
}

async fn agency_and_deadline_suggestions(page: Page) -> Result {
    page.click_button("Thêm nhiệm vụ").await?;
    page.type_into("Cơ quan chủ trì", 0, "noi vu").await?;
    // The sở first; the ministry (Bộ Nội vụ) after it.
    page.wait_for("Sở Nội vụ offered first", |page| async move {
        let list = page.text_of("Gợi ý cơ quan chủ trì").await?;
        Ok(list.trim_start().starts_with("Sở Nội vụ"))
    })
    .await?;
    page.press_keys(format!("{}{}", Key::Down, Key::Enter))
        .await?;
    page.type_into("Cơ quan chủ trì", 0, "van phong ubnd")
        .await?;
    page.wait_for_body_text("Văn phòng UBND tỉnh").await?;
    page.press_keys(format!("{}{}", Key::Down, Key::Enter))
        .await?;
    page.click_field("Sản phẩm", 0).await?;
    page.wait_for("the chosen agencies", |page| async move {
        Ok(page.value_of("Cơ quan chủ trì", 0).await? == "Sở Nội vụ; Văn phòng UBND tỉnh")
    })
    .await?;

    let year = page.value_of("Năm kế hoạch", 0).await?;
    let quarter = format!("Quý I/{year}");
    let quarter = &quarter;
    page.type_into("Thời gian thực hiện", 0, "q1").await?;
    page.wait_for_text("Gợi ý thời gian thực hiện", &format!("Quý I/{year}"))
        .await?;
    page.press_keys(format!("{}{}", Key::Down, Key::Enter))
        .await?;
    page.wait_for("the deadline", |page| async move {
        Ok(page.value_of("Thời gian thực hiện", 0).await? == *quarter)
    })
    .await?;
    // Free text stays free: no suggestion is forced on it.
    page.clear_and_type("Thời gian thực hiện", 0, "Sau khi có hướng dẫn")
        .await?;
    page.click_field("Sản phẩm", 0).await?;
    assert_eq!(
        page.value_of("Thời gian thực hiện", 0).await?,
        "Sau khi có hướng dẫn"
    );

    // A body gone in 2025 is offered marked "(tên cũ)", its new name right after it.
    page.clear_and_type("Cơ quan phối hợp", 0, "so ke hoach")
        .await?;
    let old_then_new = [
        "Sở Kế hoạch và Đầu tư (tên cũ)",
        "Sở Tài chính (tên mới của Sở Kế hoạch và Đầu tư)",
    ];
    // The list's options, top to bottom, as read.
    let options = |page: Page| async move {
        let texts = page
            .js("const list = document.querySelector('[aria-label=\"Gợi ý cơ quan phối hợp\"]');
                 return list ? [...list.querySelectorAll('li')].map(li => li.textContent.replace(/\\s+/g, ' ').trim()) : [];")
            .await?;
        Result::<Vec<String>>::Ok(serde_json::from_value(texts).unwrap_or_default())
    };
    page.wait_for(
        "the old name marked, the new one after it",
        |page| async move {
            let lines = options(page).await?;
            Ok(lines.windows(2).any(|pair| pair == old_then_new))
        },
    )
    .await?;
    let lines = options(page.clone()).await?;
    let at = 1 + lines
        .iter()
        .position(|line| line == old_then_new[1])
        .unwrap_or_default();
    page.press_keys(Key::Down.to_string().repeat(at) + &Key::Enter.to_string())
        .await?;
    page.click_field("Sản phẩm", 0).await?;
    assert_eq!(page.value_of("Cơ quan phối hợp", 0).await?, "Sở Tài chính");
    Ok(())
}

/// "q2" and Enter, "t12" and Tab give the house-style deadline without picking from the list;
/// Tab still moves on; the half-year and whole-year phrases are offered; free text stays.
async fn deadline_shortcuts_commit_on_enter_and_tab(page: Page) -> Result {
    page.click_button("Thêm nhiệm vụ").await?;
    let year = page.value_of("Năm kế hoạch", 0).await?;
    page.type_into("Thời gian thực hiện", 0, "q2").await?;
    page.press_keys(Key::Enter.to_string()).await?;
    let quarter = format!("Quý II/{year}");
    assert_eq!(page.value_of("Thời gian thực hiện", 0).await?, quarter);
    page.clear_and_type("Thời gian thực hiện", 0, "t12").await?;
    page.press_keys(Key::Tab.to_string()).await?;
    let month = format!("Tháng 12/{year}");
    assert_eq!(page.value_of("Thời gian thực hiện", 0).await?, month);
    let focused = page
        .js("return document.activeElement.getAttribute('aria-label') || '';")
        .await?;
    if focused == serde_json::json!("Thời gian thực hiện") {
        bail!("Tab committed the deadline but kept the focus");
    }
    for (typed, offered) in [
        ("6 thang d", format!("6 tháng đầu năm {year}")),
        ("6 thang c", format!("6 tháng cuối năm {year}")),
        ("ca nam", format!("Cả năm {year}")),
    ] {
        page.clear_and_type("Thời gian thực hiện", 0, typed).await?;
        page.wait_for_text("Gợi ý thời gian thực hiện", &offered)
            .await?;
    }
    // Free text and the start of a phrase stay as typed on Enter.
    page.clear_and_type("Thời gian thực hiện", 0, "Khi có văn bản của Bộ")
        .await?;
    page.press_keys(Key::Enter.to_string()).await?;
    assert_eq!(
        page.value_of("Thời gian thực hiện", 0).await?,
        "Khi có văn bản của Bộ"
    );
    Ok(())
}

/// The focused field's accessible name, value, and place among the fields of that name.
async fn focused(page: &Page) -> Result<Value> {
    page.js("const e = document.activeElement;
             const name = e.getAttribute('aria-label');
             const all = [...document.querySelectorAll('[aria-label=\"' + name + '\"]')];
             return [name, e.value, all.indexOf(e)];")
        .await
}

async fn wait_for_focused(page: &Page, name: &str, value: &str, index: usize) -> Result {
    let expected = serde_json::json!([name, value, index]);
    let result = page
        .wait_for(&format!("the focus on {expected}"), |page| {
            let expected = expected.clone();
            async move { Ok(focused(&page).await? == expected) }
        })
        .await;
    if result.is_err() {
        bail!(
            "the focus is on {}, not on {expected}",
            focused(page).await?
        );
    }
    Ok(())
}

/// ↑ and ↓ go to the row above or below in the same column (through a two-line cell line by
/// line), Enter goes down, Alt+Enter breaks the line, Ctrl+Enter adds a task below.
async fn spreadsheet_keys_move_between_rows(page: Page) -> Result {
    const CONTENT: &str = "Nội dung, nhiệm vụ";
    three_tasks(&page).await?;
    page.click_field(CONTENT, 0).await?;
    page.press_keys(Key::Down.to_string()).await?;
    wait_for_focused(&page, CONTENT, "B", 1).await?;
    page.press_keys(Key::Down.to_string()).await?;
    wait_for_focused(&page, CONTENT, "C", 2).await?;
    page.press_keys(Key::Up.to_string()).await?;
    wait_for_focused(&page, CONTENT, "B", 1).await?;
    // Alt+Enter breaks the line; ↑ first moves up inside the cell, then to the row above.
    page.press_keys(format!("{}{}{}", Key::End, Key::Alt, Key::Enter))
        .await?;
    page.press_keys("dòng hai").await?;
    wait_for_focused(&page, CONTENT, "B\ndòng hai", 1).await?;
    page.press_keys(Key::Up.to_string()).await?;
    wait_for_focused(&page, CONTENT, "B\ndòng hai", 1).await?;
    page.press_keys(Key::Up.to_string()).await?;
    wait_for_focused(&page, CONTENT, "A", 0).await?;
    // Above the first task: the area's title.
    page.press_keys(Key::Up.to_string()).await?;
    wait_for_focused(&page, "Tên lĩnh vực", "Cải cách thể chế", 0).await?;
    // Enter goes down, in the same column.
    page.press_keys(Key::Enter.to_string()).await?;
    wait_for_focused(&page, CONTENT, "A", 0).await?;
    page.click_field("Sản phẩm", 0).await?;
    page.press_keys(format!("Báo cáo{}", Key::Enter)).await?;
    wait_for_focused(&page, "Sản phẩm", "", 1).await?;
    assert_eq!(page.value_of("Sản phẩm", 0).await?, "Báo cáo");
    // Ctrl+Enter: a new task right below the current row, with the focus.
    page.press_keys(format!("{}{}", Key::Control, Key::Enter))
        .await?;
    wait_for_contents(&page, &["A", "B\ndòng hai", "", "C"]).await?;
    wait_for_focused(&page, CONTENT, "", 2).await?;
    Ok(())
}

/// Ctrl+Z in the library's search box undoes the search text, not the plan; Alt+← and Ctrl+D
/// never reach the browser (history, bookmarks), with or without a row chosen.
async fn keys_act_where_the_focus_is_and_never_leave_the_page(page: Page) -> Result {
    // A page to go back to, had Alt+← reached the browser.
    page.goto("/?truoc=1").await?;
    page.goto("/").await?;
    page.click_button("Thêm nhiệm vụ").await?;
    page.type_into("Nội dung, nhiệm vụ", 0, "Việc A").await?;
    page.click_button("Thư viện mẫu").await?;
    page.type_into("Tìm nhiệm vụ mẫu", 0, "mot cua").await?;
    // Whether the app took Ctrl+Z from the search box (it must leave it to the box itself):
    // read after every other listener, at the window.
    page.js("window.__ctrlZ = [];
         window.addEventListener('keydown', (e) => {
           if (e.ctrlKey && e.key === 'z') window.__ctrlZ.push(e.defaultPrevented);
         });
         return true;")
        .await?;
    page.press_keys(format!("{}z", Key::Control)).await?;
    page.wait_for("Ctrl+Z to reach the page", |page| async move {
        Ok(page.js("return window.__ctrlZ.length;").await? == serde_json::json!(1))
    })
    .await?;
    if page.js("return window.__ctrlZ[0];").await? != serde_json::json!(false) {
        bail!("the app took Ctrl+Z from the library's search box");
    }
    // The box undoes its own typing. (Not in WebKit: the keys WebKitWebDriver sends reach the
    // page's listeners but not GTK's editing commands, so no text field undoes there.)
    if page.engine() != crate::harness::Engine::Webkit {
        page.wait_for("the search text undone", |page| async move {
            Ok(page.value_of("Tìm nhiệm vụ mẫu", 0).await?.len() < "mot cua".len())
        })
        .await?;
    }
    assert_eq!(page.value_of("Nội dung, nhiệm vụ", 0).await?, "Việc A");
    // In the plan, Ctrl+Z undoes the plan.
    page.click_field("Nội dung, nhiệm vụ", 0).await?;
    page.press_keys(format!("{}z", Key::Control)).await?;
    page.wait_for("the typing undone", |page| async move {
        Ok(page.value_of("Nội dung, nhiệm vụ", 0).await? != "Việc A")
    })
    .await?;
    // Alt+← and Ctrl+D, from a field and from the page with no row chosen.
    for from_field in [true, false] {
        if from_field {
            page.click_field("Sản phẩm", 0).await?;
        } else {
            page.js("document.activeElement.blur(); return true;")
                .await?;
        }
        page.press_keys(format!("{}{}", Key::Alt, Key::Left))
            .await?;
        page.press_keys(format!("{}d", Key::Control)).await?;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let search = page.js("return location.search;").await?;
        if search != serde_json::json!("") {
            bail!("Alt+← left the page (now at {search})");
        }
        page.find_of(Kind::Field, "Nội dung, nhiệm vụ", 0).await?;
    }
    Ok(())
}

async fn new_plan_keeps_the_previous_one(page: Page) -> Result {
    three_tasks(&page).await?;
    page.click_button("Kế hoạch mới").await?;
    page.type_into("Tỉnh, thành phố", 0, "Hưng Yên").await?;
    page.clear_and_type("Năm kế hoạch", 0, "2028").await?;
    page.click_button("Tạo kế hoạch").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 0).await?;
    page.wait_for("the new plan's header", |page| async move {
        Ok(
            page.value_of("Tên kế hoạch", 0).await? == "Kế hoạch cải cách hành chính năm 2028"
                && page.value_of("Tỉnh, thành phố", 0).await? == "Hưng Yên",
        )
    })
    .await?;
    // The previous plan is one click away in the list.
    page.js("document.querySelector('.plan-list .toggle').click();")
        .await?;
    page.wait_for_body_text("Danh sách kế hoạch (2)").await?;
    page.click_button("Mở").await?;
    wait_for_contents(&page, &["A", "B", "C"]).await?;
    // Changing the year renames a title that still has the default wording.
    page.clear_and_type("Năm kế hoạch", 0, "2029").await?;
    page.wait_for("the title to follow the year", |page| async move {
        Ok(page.value_of("Tên kế hoạch", 0).await? == "Kế hoạch cải cách hành chính năm 2029")
    })
    .await?;
    Ok(())
}

async fn former_province_gets_its_new_unit(page: Page) -> Result {
    page.type_into("Tỉnh, thành phố", 0, "Yên Bái").await?;
    page.wait_for_body_text("Từ 1/7/2025, Yên Bái thuộc tỉnh Lào Cai")
        .await?;
    page.click_button("Đổi thành Lào Cai").await?;
    page.wait_for("the province to change", |page| async move {
        Ok(page.value_of("Tỉnh, thành phố", 0).await? == "Lào Cai")
    })
    .await?;
    let hints: Value = page
        .js("return document.querySelectorAll('.hint').length;")
        .await?;
    assert_eq!(hints, 0);
    Ok(())
}
