//! Replacing the plan on screen (issue #13): after every kind of switch (opening another
//! plan from the list, a new plan, recreating a source document, opening a plan file,
//! undo and redo of structural edits, moving the plan to another year, another tab's newer
//! version) every row is drawn as its own kind, with its own cells, and what the drafter
//! types right after the switch is stored and survives a reload.
//!
//! Row ids repeat across plans (each plan counts from 1), so two plans are built where the
//! same ids hold other kinds: an area takes the place of a task and a task the place of an
//! area.

use cchc_plan::domain::file_format::write_plan;
use cchc_plan::domain::plan::{Plan, RowId, Task};
use serde_json::{json, Value};

use crate::harness::{bail, browser_tests, BrowserTest, Kind, Page, Result, TempDir};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        opening_a_plan_from_the_list_redraws_every_row,
        recreating_a_source_document_redraws_every_row,
        opening_a_plan_file_redraws_every_row,
        a_new_plan_then_back_redraws_every_row,
        undo_and_redo_of_structural_edits_redraw_every_row,
        moving_the_plan_to_another_year_keeps_rows_and_typing,
        another_tabs_newer_version_redraws_every_row,
        random_switches_and_edits_always_draw_the_plan,
    ]
}

const SAVED: &str = "Đã lưu trong trình duyệt.";
const CONTENT: &str = "Nội dung, nhiệm vụ";

/// Plan A: ids 1 area, 2 task, 3 group, 4 task, 5 area, 6 task.
fn plan_a() -> Plan {
    let mut plan = Plan::new("kh-a", "Bắc Ninh", 2026);
    plan.title = "Kế hoạch A".into();
    let area = plan.add_area_titled(None, "A: Lĩnh vực một".into());
    let task = plan.add_task(Some(area));
    set_content(&mut plan, task, "A: nhiệm vụ hai");
    let group = plan.add_group_titled(Some(task), "A: nhóm ba".into());
    let task = plan.add_task(Some(group));
    set_content(&mut plan, task, "A: nhiệm vụ bốn");
    let area = plan.add_area_titled(Some(task), "A: Lĩnh vực năm".into());
    let task = plan.add_task(Some(area));
    set_content(&mut plan, task, "A: nhiệm vụ sáu");
    assert_eq!(
        plan.outline().iter().map(|r| r.0).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    plan
}

/// Plan B: ids 1 area, 2 group, 3 task, 4 area, 5 task. Against plan A, 2 goes from task to
/// group, 3 from group to task, 4 from task to area, 5 from area to task.
fn plan_b() -> Plan {
    let mut plan = Plan::new("kh-b", "Hưng Yên", 2027);
    plan.title = "Kế hoạch B".into();
    let area = plan.add_area_titled(None, "B: Lĩnh vực một".into());
    let group = plan.add_group_titled(Some(area), "B: nhóm hai".into());
    let task = plan.add_task(Some(group));
    set_content(&mut plan, task, "B: nhiệm vụ ba");
    let area = plan.add_area_titled(Some(task), "B: Lĩnh vực bốn".into());
    let task = plan.add_task(Some(area));
    set_content(&mut plan, task, "B: nhiệm vụ năm");
    assert_eq!(
        plan.outline().iter().map(|r| r.0).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    plan
}

fn set_content(plan: &mut Plan, id: RowId, content: &str) {
    plan.update_task(id, |t: &mut Task| t.content = content.into());
}

/// Checks every drawn row against the open plan (`window.cchcApp.planFile()`): same rows in
/// the same order, each drawn as its kind with exactly its kind's fields, showing its text.
/// Returns the differences, empty when the table is right.
const ROWS_MATCH_JS: &str = r#"
const plan = JSON.parse(window.cchcApp.planFile()).plan;
const drawn = [...document.querySelectorAll('.tbody [data-row]')];
const problems = [];
if (drawn.length !== plan.rows.length) problems.push(`${drawn.length} rows drawn for ${plan.rows.length} in the plan`);
const taskFields = ['Nội dung, nhiệm vụ', 'Sản phẩm', 'Cơ quan chủ trì', 'Cơ quan phối hợp',
  'Thời gian thực hiện', 'Kinh phí (triệu đồng)', 'Ghi chú'];
plan.rows.forEach((row, i) => {
  const el = drawn[i];
  if (!el) return;
  const where = `row ${i + 1} (id ${row.id}, ${row.kind})`;
  if (el.dataset.row !== String(row.id)) problems.push(`${where}: drawn with id ${el.dataset.row}`);
  if (!el.classList.contains(row.kind)) problems.push(`${where}: drawn as "${el.className}"`);
  const names = [...el.querySelectorAll('input, textarea')].map(f => f.getAttribute('aria-label'));
  const expected = row.kind === 'task' ? taskFields : [row.kind === 'area' ? 'Tên lĩnh vực' : 'Tên nhóm'];
  if (JSON.stringify(names) !== JSON.stringify(expected)) problems.push(`${where}: fields ${JSON.stringify(names)}`);
  const primary = el.querySelector('.primary');
  const text = row.kind === 'task' ? row.content : row.title;
  if (!primary || primary.value !== text) problems.push(`${where}: shows ${JSON.stringify(primary && primary.value)} for ${JSON.stringify(text)}`);
});
return problems;
"#;

/// Waits until the table draws the open plan row for row; fails with the differences.
async fn wait_rows_match(page: &Page, after: &str) -> Result {
    let mut last = Value::Null;
    for _ in 0..50 {
        last = page.js(ROWS_MATCH_JS).await?;
        if last.as_array().is_some_and(Vec::is_empty) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    bail!("after {after}, the table does not draw the plan: {last}")
}

/// The open plan, as its file.
async fn open_plan(page: &Page) -> Result<Value> {
    let text = page.js("return window.cchcApp.planFile();").await?;
    Ok(serde_json::from_str(text.as_str().unwrap_or_default())?)
}

/// Opens a plan file through the hook; autosave stores it as a plan of the list.
async fn open_through_hook(page: &Page, plan: &Plan) -> Result {
    let opened = page
        .js_with(
            "return window.cchcApp.openPlanFile(arguments[0]);",
            vec![json!(write_plan(plan))],
        )
        .await?;
    if opened != json!("") {
        bail!("the plan file was refused: {opened}");
    }
    page.wait_for_body_text(SAVED).await
}

/// Opens a plan file as the drafter does ("Mở tệp", then "Mở kế hoạch"): a new stored plan
/// (a fresh id), the last one opened, so a reload comes back to it.
async fn open_as_file(page: &Page, plan: &Plan) -> Result {
    let dir = TempDir::new("switching")?;
    let file = dir.path().join(format!("{}.json", plan.id));
    std::fs::write(&file, write_plan(plan))?;
    page.upload_file("Mở tệp", 0, &file).await?;
    page.click_button("Mở kế hoạch").await?;
    wait_for_value(page, "Tên kế hoạch", 0, &plan.title).await?;
    page.wait_for_body_text(SAVED).await
}

/// Stores plan B, then opens plan A on screen.
async fn store_b_then_show_a(page: &Page) -> Result {
    open_as_file(page, &plan_b()).await?;
    open_as_file(page, &plan_a()).await?;
    wait_rows_match(page, "opening plan A").await
}

async fn wait_for_value(page: &Page, name: &str, nth: usize, expected: &str) -> Result {
    page.wait_for(
        &format!("{name:?} #{nth} to read {expected:?}"),
        |p| async move { Ok(p.value_of(name, nth).await? == expected) },
    )
    .await
}

/// Clicks "Mở" in the plan list's row of the plan titled `title`.
async fn open_from_list(page: &Page, title: &str) -> Result {
    let shown = page
        .js("return document.querySelector('.plan-list table') !== null;")
        .await?;
    if shown != json!(true) {
        page.js("document.querySelector('.plan-list .toggle').click();")
            .await?;
        page.wait_for_body_text("Thùng rác").await?;
    }
    let clicked = page
        .js_with(
            "const row = [...document.querySelectorAll('.plan-list tbody tr')]
               .find(r => r.cells[0].textContent.trim() === arguments[0]);
             const button = row && [...row.querySelectorAll('button')].find(b => b.textContent.trim() === 'Mở');
             if (button) button.click();
             return !!button;",
            vec![json!(title)],
        )
        .await?;
    if clicked != json!(true) {
        bail!("no \"Mở\" button for {title:?} in the plan list");
    }
    // Close the list again: its rows have buttons of their own ("Nhân bản", "Xóa") that
    // must not be mistaken for the toolbar's.
    page.js("document.querySelector('.plan-list .toggle').click();")
        .await?;
    page.wait_for("the plan list to close", |page| async move {
        Ok(page
            .js("return document.querySelector('.plan-list table') === null;")
            .await?
            == json!(true))
    })
    .await
}

/// Types into every field of the task `nth` (in table order) and the title of the heading
/// `heading_nth` named `heading`, then checks the stored plan and, after a reload, the
/// fields again.
async fn type_everywhere_then_reload(
    page: &Page,
    task_nth: usize,
    heading: &str,
    heading_nth: usize,
) -> Result {
    page.clear_and_type(CONTENT, task_nth, "ABC").await?;
    page.clear_and_type("Sản phẩm", task_nth, "PRODUCT").await?;
    page.clear_and_type("Cơ quan chủ trì", task_nth, "Sở Nội vụ")
        .await?;
    page.clear_and_type("Thời gian thực hiện", task_nth, "Quý II/2027")
        .await?;
    page.clear_and_type("Kinh phí (triệu đồng)", task_nth, "12")
        .await?;
    page.clear_and_type(heading, heading_nth, "TIÊU ĐỀ MỚI")
        .await?;
    // Leave the field, so no draft is pending, and let autosave write.
    page.press_keys(fantoccini::key::Key::Tab.to_string())
        .await?;
    page.wait_for_body_text(SAVED).await?;
    let plan = open_plan(page).await?;
    let id = plan_id(&plan);
    let stored = page
        .stored_text(&format!("cchc.plan.{id}"))
        .await?
        .unwrap_or_default();
    for text in ["ABC", "PRODUCT", "Sở Nội vụ", "Quý II/2027", "TIÊU ĐỀ MỚI"] {
        if !stored.contains(text) {
            bail!("{text:?} is not in the stored plan {id}: {stored}");
        }
    }
    if !stored.contains(r#""budget":"12""#) {
        bail!("the budget 12 is not in the stored plan: {stored}");
    }
    page.reload().await?;
    wait_rows_match(page, "the reload").await?;
    wait_for_value(page, CONTENT, task_nth, "ABC").await?;
    wait_for_value(page, "Sản phẩm", task_nth, "PRODUCT").await?;
    wait_for_value(page, "Cơ quan chủ trì", task_nth, "Sở Nội vụ").await?;
    wait_for_value(page, "Thời gian thực hiện", task_nth, "Quý II/2027").await?;
    wait_for_value(page, "Kinh phí (triệu đồng)", task_nth, "12").await?;
    wait_for_value(page, heading, heading_nth, "TIÊU ĐỀ MỚI").await
}

fn plan_id(file: &Value) -> String {
    file["plan"]["id"].as_str().unwrap_or_default().to_string()
}

async fn opening_a_plan_from_the_list_redraws_every_row(page: Page) -> Result {
    store_b_then_show_a(&page).await?;
    open_from_list(&page, "Kế hoạch B").await?;
    wait_for_value(&page, "Tên kế hoạch", 0, "Kế hoạch B").await?;
    wait_rows_match(&page, "opening plan B from the list").await?;
    // Task id 5 took the place of an area, area id 4 the place of a task.
    type_everywhere_then_reload(&page, 1, "Tên lĩnh vực", 1).await?;
    // And back: plan A's task 2 took the place of a group, its group 3 of a task.
    open_from_list(&page, "Kế hoạch A").await?;
    wait_for_value(&page, "Tên kế hoạch", 0, "Kế hoạch A").await?;
    wait_rows_match(&page, "opening plan A from the list").await?;
    type_everywhere_then_reload(&page, 0, "Tên nhóm", 0).await
}

async fn recreating_a_source_document_redraws_every_row(page: Page) -> Result {
    // Plan B on screen, then Hưng Yên 2021 (seed 000) recreated from the library.
    open_as_file(&page, &plan_b()).await?;
    wait_rows_match(&page, "opening plan B").await?;
    page.click_button("Thư viện mẫu").await?;
    let source = page
        .js("return [...document.querySelectorAll('select option')].map(o => o.textContent).find(t => t.includes('Hưng Yên') && t.includes('2021')) || '';")
        .await?;
    let source = source.as_str().unwrap_or_default().to_string();
    if source.is_empty() {
        bail!("no Hưng Yên 2021 source document in the library");
    }
    page.select_option("Văn bản nguồn", 0, &source).await?;
    page.click_button("Tạo kế hoạch từ văn bản mẫu").await?;
    page.wait_for("the recreated plan", |p| async move {
        Ok(p.count_of(Kind::Field, CONTENT).await? > 50)
    })
    .await?;
    wait_rows_match(&page, "recreating seed 000").await?;
    // Seed 000: I (area), 1 (task): row 2 was a group in plan B, row 4 an area.
    let kinds = page
        .js("return [...document.querySelectorAll('.tbody [data-row]')].slice(0, 5).map(r => r.className);")
        .await?;
    let kinds = kinds.to_string();
    if !kinds.contains("task") {
        bail!("seed 000 starts without tasks: {kinds}");
    }
    type_everywhere_then_reload(&page, 0, "Tên lĩnh vực", 0).await
}

async fn opening_a_plan_file_redraws_every_row(page: Page) -> Result {
    open_through_hook(&page, &plan_a()).await?;
    wait_rows_match(&page, "opening plan A").await?;
    open_as_file(&page, &plan_b()).await?;
    wait_rows_match(&page, "opening plan B's file").await?;
    type_everywhere_then_reload(&page, 1, "Tên lĩnh vực", 1).await
}

async fn a_new_plan_then_back_redraws_every_row(page: Page) -> Result {
    store_b_then_show_a(&page).await?;
    page.click_button("Kế hoạch mới").await?;
    page.type_into("Tỉnh, thành phố", 0, "Lạng Sơn").await?;
    page.clear_and_type("Năm kế hoạch", 0, "2027").await?;
    page.click_button("Tạo kế hoạch").await?;
    wait_for_value(&page, "Tỉnh, thành phố", 0, "Lạng Sơn").await?;
    wait_rows_match(&page, "a new plan").await?;
    // The new plan's first rows get ids 1 and 2: an area and a task, as in plan A.
    page.click_button("Thêm lĩnh vực").await?;
    page.click_button("Thêm nhiệm vụ").await?;
    wait_rows_match(&page, "adding rows to the new plan").await?;
    type_everywhere_then_reload(&page, 0, "Tên lĩnh vực", 0).await?;
    open_from_list(&page, "Kế hoạch B").await?;
    wait_for_value(&page, "Tên kế hoạch", 0, "Kế hoạch B").await?;
    wait_rows_match(&page, "going back to plan B").await?;
    type_everywhere_then_reload(&page, 1, "Tên lĩnh vực", 1).await
}

async fn undo_and_redo_of_structural_edits_redraw_every_row(page: Page) -> Result {
    open_as_file(&page, &plan_b()).await?;
    wait_rows_match(&page, "opening plan B").await?;
    // Id 6 is added as an area, undone, then added again as a task.
    page.click_button("Thêm lĩnh vực").await?;
    wait_rows_match(&page, "adding an area").await?;
    page.click_button("Hoàn tác").await?;
    wait_rows_match(&page, "undoing it").await?;
    page.click_button("Làm lại").await?;
    wait_rows_match(&page, "redoing it").await?;
    page.click_button("Hoàn tác").await?;
    wait_rows_match(&page, "undoing it again").await?;
    page.click_button("Thêm nhiệm vụ").await?;
    wait_rows_match(&page, "adding a task in its place").await?;
    // Delete the first area's block, undo, redo, undo: the rows come back as they were.
    page.find_of(Kind::Field, "Tên lĩnh vực", 0)
        .await?
        .click()
        .await?;
    page.click_button("Xóa dòng").await?;
    wait_rows_match(&page, "deleting an area").await?;
    page.click_button("Hoàn tác").await?;
    wait_rows_match(&page, "undoing the delete").await?;
    page.click_button("Làm lại").await?;
    wait_rows_match(&page, "redoing the delete").await?;
    page.click_button("Hoàn tác").await?;
    wait_rows_match(&page, "undoing the delete again").await?;
    let tasks = page.count_of(Kind::Field, CONTENT).await?;
    type_everywhere_then_reload(&page, tasks - 1, "Tên lĩnh vực", 1).await
}

async fn moving_the_plan_to_another_year_keeps_rows_and_typing(page: Page) -> Result {
    store_b_then_show_a(&page).await?;
    page.clear_and_type("Năm mới", 0, "2027").await?;
    page.click_button("Tạo kế hoạch năm 2027 từ kế hoạch này")
        .await?;
    wait_for_value(&page, "Năm kế hoạch", 0, "2027").await?;
    wait_rows_match(&page, "moving the plan to 2027").await?;
    type_everywhere_then_reload(&page, 2, "Tên lĩnh vực", 1).await
}

async fn another_tabs_newer_version_redraws_every_row(page: Page) -> Result {
    open_as_file(&page, &plan_a()).await?;
    wait_rows_match(&page, "opening plan A").await?;
    let plan = open_plan(&page).await?;
    let id = plan_id(&plan);
    // Another tab saves a newer version of this very plan, laid out as plan B.
    let mut newer = plan_b();
    newer.id = id.clone();
    let client = page.client();
    let first = client.window().await?;
    let second = client.new_window(false).await?.handle;
    client.switch_to_window(second.clone()).await?;
    // The second window gets the test marker too (the harness's server puts it in every page
    // it sends), so the app installs its hooks there.
    client.goto(&format!("{}/", page.base_url())).await?;
    wait_for_value(&page, "Tên kế hoạch", 0, "Kế hoạch A").await?;
    // The second tab puts plan B's rows under the same plan id (the hook keeps a file's id),
    // and autosave stores that as a newer revision of the plan the first tab shows.
    let saved = page
        .js_with(
            "return window.cchcApp.openPlanFile(arguments[0]);",
            vec![json!(write_plan(&newer))],
        )
        .await?;
    if saved != json!("") {
        bail!("the second tab could not open the newer version: {saved}");
    }
    page.wait_for_body_text(SAVED).await?;
    client.switch_to_window(first).await?;
    page.wait_for_body_text("vừa được lưu ở một thẻ hoặc cửa sổ khác")
        .await?;
    page.click_button("Mở bản mới hơn").await?;
    wait_for_value(&page, "Tên kế hoạch", 0, "Kế hoạch B").await?;
    wait_rows_match(&page, "taking the other tab's version").await?;
    type_everywhere_then_reload(&page, 1, "Tên lĩnh vực", 1).await
}

/// A small deterministic generator (xorshift), so a failure can be replayed from its seed.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % sides as u64) as usize
    }
}

async fn random_switches_and_edits_always_draw_the_plan(page: Page) -> Result {
    store_b_then_show_a(&page).await?;
    let seed = 0x5eed_2026_u64;
    let mut dice = Dice(seed);
    let buttons = [
        "Thêm lĩnh vực",
        "Thêm nhóm",
        "Thêm nhiệm vụ",
        "Xóa dòng",
        "Lên",
        "Xuống",
        "Thụt vào",
        "Thụt ra",
        "Nhân bản",
        "Hoàn tác",
        "Làm lại",
    ];
    for step in 0..60 {
        let what = match dice.roll(buttons.len() + 2) {
            n if n < buttons.len() => {
                // Act on a random row: focus its first field, then press the button.
                let rows = page.count_of(Kind::Field, CONTENT).await?
                    + page.count_of(Kind::Field, "Tên lĩnh vực").await?
                    + page.count_of(Kind::Field, "Tên nhóm").await?;
                if rows > 0 {
                    let nth = dice.roll(rows);
                    page.js_with(
                        "const f = document.querySelectorAll('.tbody [data-row] .primary')[arguments[0]]; if (f) f.focus();",
                        vec![json!(nth)],
                    )
                    .await?;
                }
                let name = buttons[n];
                let enabled = page
                    .js_with(
                        "const b = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === arguments[0] || b.getAttribute('aria-label') === arguments[0]); return !!b && !b.disabled;",
                        vec![json!(name)],
                    )
                    .await?;
                if enabled == json!(true) {
                    page.click_button(name).await?;
                }
                name.to_string()
            }
            _ => {
                // Open the other plan of the two.
                let title = if page.value_of("Tên kế hoạch", 0).await? == "Kế hoạch A" {
                    "Kế hoạch B"
                } else {
                    "Kế hoạch A"
                };
                open_from_list(&page, title).await?;
                wait_for_value(&page, "Tên kế hoạch", 0, title).await?;
                format!("open {title}")
            }
        };
        wait_rows_match(&page, &format!("step {step} ({what}, seed {seed:#x})")).await?;
    }
    Ok(())
}
