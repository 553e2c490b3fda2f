//! Never losing work: autosave and reload, several plans, the trash, and every storage fault.

use serde_json::{json, Value};

use crate::harness::{browser_tests, BrowserTest, Kind, Page, Result};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        typed_text_survives_an_immediate_reload,
        corrupt_plan_is_backed_up_and_reported,
        newer_schema_is_kept_and_reported,
        full_storage_keeps_editing_and_warns,
        older_window_cannot_overwrite_a_newer_save,
        delete_restore_and_empty_the_trash,
        list_opens_renames_duplicates_and_reopens_the_last,
        blocked_storage_still_works_for_the_session,
        words_setting_is_kept,
        export_options_are_kept,
    ]
}

const SAVED: &str = "Đã lưu trong trình duyệt.";

async fn add_task(page: &Page, content: &str) -> Result {
    let before = page.count_of(Kind::Field, "Nội dung, nhiệm vụ").await?;
    page.click_button("Thêm nhiệm vụ").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", before + 1)
        .await?;
    page.type_into("Nội dung, nhiệm vụ", before, content).await
}

pub async fn wait_saved(page: &Page) -> Result {
    page.wait_for_body_text(SAVED).await
}

async fn stored_plan_key(page: &Page) -> Result<String> {
    let key = page
        .js("return Object.keys(localStorage).find(k => k.startsWith('cchc.plan.')) || '';")
        .await?;
    Ok(key.as_str().unwrap_or_default().to_string())
}

pub(crate) async fn wait_for_value(page: &Page, name: &str, nth: usize, expected: &str) -> Result {
    page.wait_for(
        &format!("{name:?} #{nth} to read {expected:?}"),
        |p| async move { Ok(p.value_of(name, nth).await? == expected) },
    )
    .await
}

async fn typed_text_survives_an_immediate_reload(page: Page) -> Result {
    add_task(&page, "Rà soát thủ tục hành chính").await?;
    // No waiting for the debounce: leaving the page must save.
    page.reload().await?;
    wait_for_value(&page, "Nội dung, nhiệm vụ", 0, "Rà soát thủ tục hành chính").await?;
    Ok(())
}

async fn corrupt_plan_is_backed_up_and_reported(page: Page) -> Result {
    // localStorage's own rules (IndexedDB's: tests/browser/indexeddb.rs).
    page.use_local_storage().await?;
    add_task(&page, "Việc quan trọng").await?;
    wait_saved(&page).await?;
    let key = stored_plan_key(&page).await?;
    assert!(!key.is_empty(), "no plan in localStorage");
    page.js_with(
        "localStorage.setItem(arguments[0], '{hỏng');",
        vec![json!(key)],
    )
    .await?;
    page.reload().await?;
    page.wait_for_body_text("bị hỏng").await?;
    let backups: Value = page
        .js("return Object.keys(localStorage).filter(k => k.startsWith('cchc.backup.')).map(k => [k, localStorage.getItem(k)]);")
        .await?;
    let backups = backups.as_array().cloned().unwrap_or_default();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(
        backups[0][0].as_str().unwrap_or_default().contains(&key),
        "{backups:?}"
    );
    assert_eq!(backups[0][1], json!("{hỏng"));
    page.click_button("Tải bản gốc về máy").await?;
    let file = page.wait_for_download(".json").await?;
    assert_eq!(std::fs::read_to_string(file)?, "{hỏng");
    // The app still works, and a reload does not lose the backup.
    add_task(&page, "Tiếp tục").await?;
    wait_saved(&page).await?;
    page.reload().await?;
    let count: Value = page
        .js("return Object.keys(localStorage).filter(k => k.startsWith('cchc.backup.')).length;")
        .await?;
    assert_eq!(count, json!(1));
    Ok(())
}

async fn newer_schema_is_kept_and_reported(page: Page) -> Result {
    page.use_local_storage().await?;
    add_task(&page, "Việc của bản mới").await?;
    wait_saved(&page).await?;
    let key = stored_plan_key(&page).await?;
    page.js_with(
        "const v = JSON.parse(localStorage.getItem(arguments[0])); v.schema = 99; localStorage.setItem(arguments[0], JSON.stringify(v));",
        vec![json!(key)],
    )
    .await?;
    page.reload().await?;
    page.wait_for_body_text("99").await?;
    // The newer data stays where it was, for the newer app.
    let kept: Value = page
        .js_with(
            "return JSON.parse(localStorage.getItem(arguments[0])).schema;",
            vec![json!(key)],
        )
        .await?;
    assert_eq!(kept, json!(99));
    Ok(())
}

/// Fills localStorage to the last byte.
const FILL_JS: &str = r#"
const fill = (prefix, size) => { const chunk = 'x'.repeat(size); let i = 0;
  try { for (;; i++) localStorage.setItem(prefix + i, chunk); } catch (e) { return e.name; } };
fill('filler.big.', 1 << 19); fill('filler.mid.', 1 << 10); fill('filler.small.', 8);
return fill('filler.tiny.', 1);
"#;

async fn full_storage_keeps_editing_and_warns(page: Page) -> Result {
    page.use_local_storage().await?;
    add_task(&page, "Trước khi đầy").await?;
    wait_saved(&page).await?;
    let error = page.js(FILL_JS).await?;
    assert_eq!(error, json!("QuotaExceededError"));
    page.type_into("Nội dung, nhiệm vụ", 0, " và sau khi đầy")
        .await?;
    page.wait_for_body_text("Bộ nhớ của trình duyệt đã đầy")
        .await?;
    assert_eq!(
        page.value_of("Nội dung, nhiệm vụ", 0).await?,
        "Trước khi đầy và sau khi đầy"
    );
    page.click_button("Tải kế hoạch về máy").await?;
    let file = page.wait_for_download(".json").await?;
    assert!(std::fs::read_to_string(file)?.contains("Trước khi đầy và sau khi đầy"));
    // Free some room: the next change is saved.
    page.js("Object.keys(localStorage).filter(k => k.startsWith('filler.big.')).forEach(k => localStorage.removeItem(k));").await?;
    page.type_into("Nội dung, nhiệm vụ", 0, "!").await?;
    wait_saved(&page).await?;
    page.reload().await?;
    wait_for_value(
        &page,
        "Nội dung, nhiệm vụ",
        0,
        "Trước khi đầy và sau khi đầy!",
    )
    .await?;
    Ok(())
}

async fn older_window_cannot_overwrite_a_newer_save(page: Page) -> Result {
    page.use_local_storage().await?;
    add_task(&page, "Bản đầu").await?;
    wait_saved(&page).await?;
    let client = page.client();
    let first = client.window().await?;
    let second = client.new_window(false).await?.handle;
    client.switch_to_window(second.clone()).await?;
    // A second window of the same browser: same storage. (The harness's error hook belongs
    // to the first window, so navigate with the bare client.)
    client.goto(&format!("{}/", page.base_url())).await?;
    wait_for_value(&page, "Nội dung, nhiệm vụ", 0, "Bản đầu").await?;
    page.clear_and_type("Nội dung, nhiệm vụ", 0, "Bản mới của cửa sổ hai")
        .await?;
    wait_saved(&page).await?;

    client.switch_to_window(first).await?;
    page.wait_for_body_text("vừa được lưu ở một thẻ hoặc cửa sổ khác")
        .await?;
    // Editing the older window does not write over the newer save.
    page.type_into("Nội dung, nhiệm vụ", 0, " sửa tiếp").await?;
    // Positive signals instead of a fixed sleep: the edit has reached the plan (the plan
    // file downloaded next holds it), then "pagehide" makes the app write any save it
    // still holds at once (its listener runs inside dispatchEvent), so whatever the app
    // would save is in storage when the script returns.
    page.click_button("Tải kế hoạch về máy").await?;
    let file = page.wait_for_download(".json").await?;
    assert!(std::fs::read_to_string(file)?.contains("Bản đầu sửa tiếp"));
    page.js("window.dispatchEvent(new Event('pagehide'));")
        .await?;
    let key = stored_plan_key(&page).await?;
    let stored: Value = page
        .js_with(
            "return localStorage.getItem(arguments[0]);",
            vec![json!(key)],
        )
        .await?;
    let stored = stored.as_str().unwrap_or_default();
    assert!(
        stored.contains("Bản mới của cửa sổ hai"),
        "the newer save was overwritten"
    );
    assert!(!stored.contains("sửa tiếp"));
    // The newer version can be opened.
    page.click_button("Mở bản mới hơn").await?;
    wait_for_value(&page, "Nội dung, nhiệm vụ", 0, "Bản mới của cửa sổ hai").await?;
    Ok(())
}

async fn new_plan(page: &Page, province: &str, year: &str) -> Result {
    page.click_button("Kế hoạch mới").await?;
    page.type_into("Tỉnh, thành phố", 0, province).await?;
    page.clear_and_type("Năm kế hoạch", 0, year).await?;
    page.click_button("Tạo kế hoạch").await?;
    wait_for_value(page, "Tỉnh, thành phố", 0, province).await
}

async fn open_list(page: &Page) -> Result {
    let button = page
        .js("return [...document.querySelectorAll('.plan-list .toggle')].length;")
        .await?;
    assert_eq!(button, json!(1));
    page.js("document.querySelector('.plan-list .toggle').click();")
        .await?;
    page.wait_for_body_text("Thùng rác").await
}

async fn delete_restore_and_empty_the_trash(page: Page) -> Result {
    add_task(&page, "Kế hoạch thứ nhất").await?;
    new_plan(&page, "Lâm Đồng", "2027").await?;
    add_task(&page, "Kế hoạch Lâm Đồng").await?;
    wait_saved(&page).await?;
    open_list(&page).await?;
    page.wait_for_body_text("Danh sách kế hoạch (2)").await?;
    // The open plan (Lâm Đồng, newest) is first: delete it; the other plan opens.
    page.click_button_nth("Xóa", 0).await?;
    page.wait_for_body_text("Thùng rác (1)").await?;
    page.wait_for_body_text("Danh sách kế hoạch (1)").await?;
    wait_for_value(&page, "Nội dung, nhiệm vụ", 0, "Kế hoạch thứ nhất").await?;
    page.click_button("Khôi phục").await?;
    page.wait_for_body_text("Danh sách kế hoạch (2)").await?;
    page.wait_for_body_text("Thùng rác (0)").await?;
    // Emptying the trash asks first.
    page.click_button_nth("Xóa", 1).await?;
    page.wait_for_body_text("Thùng rác (1)").await?;
    page.click_button("Dọn sạch thùng rác").await?;
    page.wait_for_body_text("Không thể hoàn tác").await?;
    page.click_button("Hủy").await?;
    page.wait_for_body_text("Thùng rác (1)").await?;
    page.click_button("Dọn sạch thùng rác").await?;
    page.click_button("Xóa vĩnh viễn").await?;
    page.wait_for_body_text("Thùng rác (0)").await?;
    page.wait_for_body_text("Danh sách kế hoạch (1)").await?;
    Ok(())
}

async fn list_opens_renames_duplicates_and_reopens_the_last(page: Page) -> Result {
    add_task(&page, "Việc của kế hoạch A").await?;
    page.clear_and_type("Tên kế hoạch", 0, "Kế hoạch A").await?;
    new_plan(&page, "Hưng Yên", "2027").await?;
    add_task(&page, "Việc của kế hoạch B").await?;
    wait_saved(&page).await?;
    open_list(&page).await?;
    // Open A (second row: B changed last).
    page.click_button("Mở").await?;
    wait_for_value(&page, "Nội dung, nhiệm vụ", 0, "Việc của kế hoạch A").await?;
    // Rename B from the list.
    page.wait_for_body_text("Đang mở").await?;
    let rows: Value = page
        .js("return [...document.querySelectorAll('.plans tbody tr')].map(r => r.textContent);")
        .await?;
    let b_row = rows
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r.as_str().unwrap_or_default().contains("Hưng Yên"))
        .unwrap();
    page.click_button_nth("Đổi tên", b_row).await?;
    page.clear_and_type("Tên mới", 0, "Kế hoạch B đã đổi tên")
        .await?;
    page.click_button("Lưu tên").await?;
    page.wait_for_body_text("Kế hoạch B đã đổi tên").await?;
    page.click_button_nth("Nhân bản", 0).await?;
    page.wait_for_body_text("Danh sách kế hoạch (3)").await?;
    page.wait_for_body_text("(bản sao)").await?;
    // The last open plan (A) reopens after a reload.
    page.reload().await?;
    wait_for_value(&page, "Nội dung, nhiệm vụ", 0, "Việc của kế hoạch A").await?;
    assert_eq!(page.value_of("Tên kế hoạch", 0).await?, "Kế hoạch A");
    Ok(())
}

async fn blocked_storage_still_works_for_the_session(page: Page) -> Result {
    // As a browser policy blocks them: both stores.
    page.add_init_script("Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } }); Object.defineProperty(window, 'indexedDB', { get() { return undefined; } });").await?;
    page.reload().await?;
    page.wait_for_body_text("không có gì được lưu lại").await?;
    add_task(&page, "Vẫn sửa được").await?;
    assert_eq!(
        page.value_of("Nội dung, nhiệm vụ", 0).await?,
        "Vẫn sửa được"
    );
    page.wait_for_body_text("Không lưu được").await?;
    Ok(())
}

async fn words_setting_is_kept(page: Page) -> Result {
    add_task(&page, "Hội nghị").await?;
    page.type_into("Kinh phí (triệu đồng)", 0, "105").await?;
    page.wait_for_body_text("Bằng chữ: Một trăm linh năm triệu đồng")
        .await?;
    page.select_option("Đọc số 0 hàng chục", 0, "lẻ (105: một trăm lẻ năm)")
        .await?;
    page.wait_for_body_text("Bằng chữ: Một trăm lẻ năm triệu đồng")
        .await?;
    wait_saved(&page).await?;
    page.reload().await?;
    page.wait_for_body_text("Bằng chữ: Một trăm lẻ năm triệu đồng")
        .await?;
    Ok(())
}

async fn export_options_are_kept(page: Page) -> Result {
    page.click("Tùy chọn xuất").await?;
    let checkbox = page.field("Xuất cột Cơ quan phối hợp", 0).await?;
    assert!(checkbox.is_selected().await?);
    checkbox.click().await?;
    page.clear_and_type("Tên cột Sản phẩm", 0, "Kết quả")
        .await?;
    page.wait_for("the settings to be stored", |p| async move {
        let stored = p
            .js("return localStorage.getItem('cchc.settings') || '';")
            .await?;
        Ok(stored.as_str().unwrap_or_default().contains("Kết quả"))
    })
    .await?;
    page.reload().await?;
    page.click("Tùy chọn xuất").await?;
    assert!(
        !page
            .field("Xuất cột Cơ quan phối hợp", 0)
            .await?
            .is_selected()
            .await?
    );
    assert_eq!(page.value_of("Tên cột Sản phẩm", 0).await?, "Kết quả");
    Ok(())
}
