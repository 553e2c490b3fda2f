//! Excel's keys in the plan table: arrows and Enter move between rows in the same column,
//! Alt+Enter breaks a line, Ctrl+Enter adds a task, Tab moves across; undo and redo belong
//! to the plan only when the focus is in it, and the focus follows a structural undo; the
//! browser's own Alt+← and Ctrl+D never leave the page.

use fantoccini::key::Key;
use serde_json::Value;

use crate::editor::{three_tasks, wait_for_contents};
use crate::harness::{bail, browser_tests, BrowserTest, Page, Result};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        arrows_and_enter_move_between_rows_in_the_same_column,
        alt_enter_breaks_the_line_ctrl_enter_adds_a_task_tab_moves_across,
        undo_in_the_search_box_is_the_search_texts,
        focus_follows_a_structural_undo_and_redo,
        browser_shortcuts_stay_in_the_page,
        deadline_shortcuts_commit_on_enter_and_tab,
    ]
}

/// The focused field: its accessible name and the index of its row among the table's rows.
async fn focused_cell(page: &Page) -> Result<(String, i64)> {
    let value = page
        .js("const a = document.activeElement; \
             const row = a && a.closest('[data-row]'); \
             const rows = [...document.querySelectorAll('[data-row]')]; \
             return [a ? (a.getAttribute('aria-label') || a.tagName) : '', row ? rows.indexOf(row) : -1];")
        .await?;
    Ok(serde_json::from_value(value)?)
}

/// Waits until the focus is on the field named `name` in table row `row` (0 is the first).
async fn wait_for_focus(page: &Page, name: &str, row: i64) -> Result {
    let expected = (name.to_string(), row);
    let expected = &expected;
    page.wait_for(
        &format!("focus on {name:?} of row {row}"),
        |page| async move { Ok(focused_cell(&page).await? == *expected) },
    )
    .await
}

async fn press(page: &Page, keys: impl AsRef<str>) -> Result {
    page.press_keys(keys).await
}

async fn arrows_and_enter_move_between_rows_in_the_same_column(page: Page) -> Result {
    // Rows: 0 the area, 1-3 the tasks A, B, C.
    three_tasks(&page).await?;
    page.field("Nội dung, nhiệm vụ", 0).await?.click().await?;
    wait_for_focus(&page, "Nội dung, nhiệm vụ", 1).await?;
    press(&page, Key::Down.to_string()).await?;
    wait_for_focus(&page, "Nội dung, nhiệm vụ", 2).await?;
    press(&page, Key::Down.to_string()).await?;
    wait_for_focus(&page, "Nội dung, nhiệm vụ", 3).await?;
    press(&page, Key::Up.to_string()).await?;
    wait_for_focus(&page, "Nội dung, nhiệm vụ", 2).await?;
    // Through the area's title (it spans the text columns) and back to the same column.
    page.field("Cơ quan phối hợp", 0).await?.click().await?;
    press(&page, Key::Up.to_string()).await?;
    wait_for_focus(&page, "Tên lĩnh vực", 0).await?;
    press(&page, Key::Down.to_string()).await?;
    wait_for_focus(&page, "Cơ quan phối hợp", 1).await?;
    // Enter commits what was typed and moves down one row.
    page.type_into("Sản phẩm", 0, "Quyết định").await?;
    press(&page, Key::Enter.to_string()).await?;
    wait_for_focus(&page, "Sản phẩm", 2).await?;
    assert_eq!(page.value_of("Sản phẩm", 0).await?, "Quyết định");
    // ↓ in the budget (a one-line field) moves down too.
    page.type_into("Kinh phí (triệu đồng)", 1, "12").await?;
    press(&page, Key::Down.to_string()).await?;
    wait_for_focus(&page, "Kinh phí (triệu đồng)", 3).await?;
    page.wait_for_text("Tổng kinh phí", "12").await?;
    Ok(())
}

async fn alt_enter_breaks_the_line_ctrl_enter_adds_a_task_tab_moves_across(page: Page) -> Result {
    three_tasks(&page).await?;
    // Alt+Enter and Shift+Enter break the line inside the cell; no row is left.
    page.type_into("Nội dung, nhiệm vụ", 1, " dòng 1").await?;
    press(&page, format!("{}{}", Key::Alt, Key::Enter)).await?;
    press(&page, "dòng 2").await?;
    press(&page, format!("{}{}", Key::Shift, Key::Enter)).await?;
    press(&page, "dòng 3").await?;
    wait_for_focus(&page, "Nội dung, nhiệm vụ", 2).await?;
    page.wait_for("the three lines", |page| async move {
        Ok(page.value_of("Nội dung, nhiệm vụ", 1).await? == "B dòng 1\ndòng 2\ndòng 3")
    })
    .await?;
    // In a cell of several lines ↑ first moves through its lines, then to the row above.
    press(&page, Key::Up.to_string()).await?;
    press(&page, Key::Up.to_string()).await?;
    wait_for_focus(&page, "Nội dung, nhiệm vụ", 2).await?;
    press(&page, Key::Up.to_string()).await?;
    wait_for_focus(&page, "Nội dung, nhiệm vụ", 1).await?;
    // Tab moves across the cells of the row.
    press(&page, Key::Tab.to_string()).await?;
    wait_for_focus(&page, "Sản phẩm", 1).await?;
    press(&page, Key::Tab.to_string()).await?;
    wait_for_focus(&page, "Cơ quan chủ trì", 1).await?;
    // Ctrl+Enter adds a task below the current one and puts the focus in it; the button
    // says so.
    let title = page.button("Thêm nhiệm vụ", 0).await?.attr("title").await?;
    if title.as_deref() != Some("Ctrl+Enter") {
        bail!("the add-task button's title is {title:?}, not the shortcut Ctrl+Enter");
    }
    press(&page, format!("{}{}", Key::Control, Key::Enter)).await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 4).await?;
    wait_for_focus(&page, "Nội dung, nhiệm vụ", 2).await?;
    press(&page, "D").await?;
    wait_for_contents(&page, &["A", "D", "B dòng 1\ndòng 2\ndòng 3", "C"]).await
}

async fn undo_in_the_search_box_is_the_search_texts(page: Page) -> Result {
    three_tasks(&page).await?;
    page.click_button("Thư viện mẫu").await?;
    page.type_into("Tìm nhiệm vụ mẫu", 0, "một cửa").await?;
    press(&page, format!("{}z", Key::Control)).await?;
    page.wait_for("the search text undone", |page| async move {
        Ok(page.value_of("Tìm nhiệm vụ mẫu", 0).await? != "một cửa")
    })
    .await?;
    // The plan is untouched: its last step (typing C) is still there.
    wait_for_contents(&page, &["A", "B", "C"]).await?;
    // From the table the same keys undo the plan.
    page.field("Nội dung, nhiệm vụ", 2).await?.click().await?;
    press(&page, format!("{}z", Key::Control)).await?;
    wait_for_contents(&page, &["A", "B", ""]).await?;
    press(&page, format!("{}y", Key::Control)).await?;
    wait_for_contents(&page, &["A", "B", "C"]).await
}

async fn focus_follows_a_structural_undo_and_redo(page: Page) -> Result {
    three_tasks(&page).await?;
    page.field("Nội dung, nhiệm vụ", 1).await?.click().await?;
    page.click_button("Xóa dòng").await?;
    wait_for_contents(&page, &["A", "C"]).await?;
    // Undo from the page brings B back and focuses it.
    page.field("Nội dung, nhiệm vụ", 0).await?.click().await?;
    press(&page, format!("{}z", Key::Control)).await?;
    wait_for_contents(&page, &["A", "B", "C"]).await?;
    wait_for_focus(&page, "Nội dung, nhiệm vụ", 2).await?;
    // Redo deletes it again: the focus goes to the row now in its place.
    press(&page, format!("{}y", Key::Control)).await?;
    wait_for_contents(&page, &["A", "C"]).await?;
    wait_for_focus(&page, "Nội dung, nhiệm vụ", 2).await?;
    // A move: C up above A, undone from the toolbar; the focus stays with C.
    press(&page, format!("{}{}", Key::Alt, Key::Up)).await?;
    wait_for_contents(&page, &["C", "A"]).await?;
    page.click_button("Hoàn tác").await?;
    wait_for_contents(&page, &["A", "C"]).await?;
    wait_for_focus(&page, "Nội dung, nhiệm vụ", 2).await
}

async fn browser_shortcuts_stay_in_the_page(page: Page) -> Result {
    // A page to go back to, then the app.
    page.goto("/?first").await?;
    page.goto("/").await?;
    let url = page.client().current_url().await?;
    // Listen after the app: whether it kept the browser from acting on each key.
    page.js(
        "window.__prevented = []; window.addEventListener('keydown', e => \
             window.__prevented.push([e.key, e.defaultPrevented]));",
    )
    .await?;
    // No row chosen yet, focus on the page: nothing to outdent or duplicate.
    press(&page, format!("{}{}", Key::Alt, Key::Left)).await?;
    press(&page, format!("{}d", Key::Control)).await?;
    // And again with the focus in a cell.
    page.click_button("Thêm nhiệm vụ").await?;
    page.field("Nội dung, nhiệm vụ", 0).await?.click().await?;
    press(&page, format!("{}{}", Key::Alt, Key::Left)).await?;
    press(&page, format!("{}d", Key::Control)).await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 2).await?;
    let seen: Value = page.js("return window.__prevented;").await?;
    let seen: Vec<(String, bool)> = serde_json::from_value(seen)?;
    let keys: Vec<&(String, bool)> = seen
        .iter()
        .filter(|(key, _)| key == "ArrowLeft" || key == "d")
        .collect();
    if keys.len() != 4 || keys.iter().any(|(_, prevented)| !prevented) {
        bail!("Alt+← and Ctrl+D reached the browser: {seen:?}");
    }
    if page.client().current_url().await? != url {
        bail!("Alt+← left the page");
    }
    Ok(())
}

async fn deadline_shortcuts_commit_on_enter_and_tab(page: Page) -> Result {
    // A plan for 2027 (the year field of the plan header).
    three_tasks(&page).await?;
    page.clear_and_type("Năm kế hoạch", 0, "2027").await?;
    // Enter: "q2" becomes the quarter of the plan year, and the focus moves down.
    page.type_into("Thời gian thực hiện", 0, "q2").await?;
    press(&page, Key::Enter.to_string()).await?;
    wait_for_focus(&page, "Thời gian thực hiện", 2).await?;
    assert_eq!(
        page.value_of("Thời gian thực hiện", 0).await?,
        "Quý II/2027"
    );
    // Tab: "t12" becomes a month, and the focus moves across.
    page.type_into("Thời gian thực hiện", 1, "t12").await?;
    press(&page, Key::Tab.to_string()).await?;
    wait_for_focus(&page, "Kinh phí (triệu đồng)", 2).await?;
    assert_eq!(
        page.value_of("Thời gian thực hiện", 1).await?,
        "Tháng 12/2027"
    );
    // Free text and finished deadlines stay as typed.
    page.type_into("Thời gian thực hiện", 2, "6 tháng đầu năm")
        .await?;
    page.wait_for("the half-year suggestions", |page| async move {
        let list = page.text_of("Gợi ý thời gian thực hiện").await?;
        Ok(list.contains("6 tháng đầu năm 2027"))
    })
    .await?;
    press(&page, Key::Enter.to_string()).await?;
    assert_eq!(
        page.value_of("Thời gian thực hiện", 2).await?,
        "6 tháng đầu năm"
    );
    page.clear_and_type("Thời gian thực hiện", 2, "cả năm")
        .await?;
    page.wait_for("the whole-year suggestion", |page| async move {
        let list = page.text_of("Gợi ý thời gian thực hiện").await?;
        Ok(list.contains("Cả năm") && list.contains("Năm 2027"))
    })
    .await?;
    Ok(())
}
