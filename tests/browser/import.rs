//! Bringing last year's plan in: a Word (.docx) or Excel (.xlsx) appendix opened through
//! "Mở tệp", previewed ("Xem trước tệp"), its column mapping changed, then opened as a new
//! plan; a .doc refused with how to get a .docx; rows pasted from Excel (tab-separated
//! text) and Word (an HTML table) inserted after the current row as one undo step.

#[path = "../../examples/shared/office.rs"]
#[allow(dead_code)]
mod office;

use cchc_plan::domain::file_format::write_plan;
use cchc_plan::domain::plan::{Plan, Task};
use serde_json::json;

use crate::files::{open_plan, preview_text, refusal};
use crate::harness::{bail, browser_tests, BrowserTest, Key, Page, Result, TempDir};
use office::{Appendix, HEADER, HEADING};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        a_docx_is_previewed_remapped_and_opened_as_a_new_plan,
        an_xlsx_is_previewed_and_opened_as_a_new_plan,
        a_doc_or_a_damaged_docx_is_refused_and_nothing_changes,
        rows_pasted_from_excel_and_word_are_one_undo_step_each,
    ]
}

const OPEN: &str = "Mở tệp";
const PREVIEW: &str = "Xem trước tệp";

/// Two areas, three tasks, budgets 25 + 35 = 60 triệu đồng.
fn small_appendix() -> Appendix {
    Appendix::new(&HEADING, &HEADER)
        .row(true, &["I", "CẢI CÁCH THỂ CHẾ"])
        .row(
            false,
            &[
                "1",
                "Rà soát văn bản quy phạm pháp luật của tỉnh",
                "Báo cáo rà soát",
                "Sở Tư pháp",
                "Các sở, ban, ngành",
                "Quý III",
                "25",
            ],
        )
        .row(
            false,
            &[
                "2",
                "Kiểm tra công tác cải cách hành chính",
                "Kết luận kiểm tra",
                "Sở Nội vụ",
                "",
                "Quý IV",
                "",
            ],
        )
        .row(true, &["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"])
        .row(
            false,
            &[
                "1",
                "Số hóa hồ sơ thủ tục hành chính",
                "Hồ sơ được số hóa",
                "Văn phòng UBND tỉnh",
                "UBND cấp xã",
                "Cả năm",
                "35",
            ],
        )
}

/// The numbers in the TT column of the table, top to bottom.
async fn numbers(page: &Page) -> Result<Vec<String>> {
    let value = page
        .js("return [...document.querySelectorAll('.plan-table .tbody [data-row] .tt')].map(c => c.textContent.trim());")
        .await?;
    Ok(serde_json::from_value(value)?)
}

fn expect_all(text: &str, needles: &[&str]) -> Result {
    for needle in needles {
        if !text.contains(needle) {
            bail!("{needle:?} is missing from {text:?}");
        }
    }
    Ok(())
}

/// The contents of the tasks of a plan, in order.
fn contents(plan: &Plan) -> Vec<String> {
    plan.rows()
        .iter()
        .filter_map(|r| r.task())
        .map(|t| t.content.clone())
        .collect()
}

async fn a_docx_is_previewed_remapped_and_opened_as_a_new_plan(page: Page) -> Result {
    let before = open_plan(&page).await?;
    let dir = TempDir::new("import-docx")?;
    let file = dir.write(
        "Phu-luc-KH-CCHC-Hung-Yen.docx",
        office::docx(&small_appendix()),
    )?;
    page.upload_file(OPEN, 0, &file).await?;
    let text = preview_text(&page).await?;
    expect_all(
        &text,
        &[
            "Phu-luc-KH-CCHC-Hung-Yen.docx",
            "2 lĩnh vực",
            "3 nhiệm vụ",
            "2 khoản kinh phí",
            "Tổng kinh phí: 60 triệu đồng",
            "Rà soát văn bản quy phạm pháp luật của tỉnh",
            "Số hóa hồ sơ thủ tục hành chính",
        ],
    )?;
    // Focus is in the dialog.
    let inside = page
        .js("return !!document.activeElement.closest('[role=dialog]');")
        .await?;
    if inside != json!(true) {
        bail!("the focus is not in the preview");
    }
    // The columns, each with its select; nothing has changed yet.
    for (n, header) in HEADER.iter().enumerate() {
        page.field(&format!("Cột {}: {header}", n + 1), 0).await?;
    }
    assert_eq!(page.text_of("Cột 3: Sản phẩm").await?, "Sản phẩm");
    assert_eq!(open_plan(&page).await?, before, "changed before confirming");

    // The products go to Ghi chú instead.
    page.select_option("Cột 3: Sản phẩm", 0, "Ghi chú").await?;
    page.wait_for_text("Cột 3: Sản phẩm", "Ghi chú").await?;
    page.click_button("Mở kế hoạch").await?;
    page.wait_for_count(PREVIEW, 0).await?;
    page.wait_for_text("Tổng kinh phí", "60").await?;
    assert_eq!(numbers(&page).await?, ["I", "1", "2", "II", "1"]);
    let plan = open_plan(&page).await?;
    assert_ne!(plan.id, before.id, "not a new plan");
    assert_eq!(
        contents(&plan),
        [
            "Rà soát văn bản quy phạm pháp luật của tỉnh",
            "Kiểm tra công tác cải cách hành chính",
            "Số hóa hồ sơ thủ tục hành chính",
        ]
    );
    let first = plan.rows().iter().find_map(|r| r.task()).expect("a task");
    if !first.product.is_empty() || !first.note.contains("Báo cáo rà soát") {
        bail!("the product column did not go to Ghi chú: {first:?}");
    }
    assert_eq!(first.lead, ["Sở Tư pháp"]);
    Ok(())
}

async fn an_xlsx_is_previewed_and_opened_as_a_new_plan(page: Page) -> Result {
    let dir = TempDir::new("import-xlsx")?;
    let file = dir.write(
        "Phu-luc-KH-CCHC-Hung-Yen.xlsx",
        office::xlsx(&small_appendix()),
    )?;
    page.upload_file(OPEN, 0, &file).await?;
    let text = preview_text(&page).await?;
    expect_all(
        &text,
        &["2 lĩnh vực", "3 nhiệm vụ", "Tổng kinh phí: 60 triệu đồng"],
    )?;
    // "Hủy" changes nothing and gives the focus back.
    let before = open_plan(&page).await?;
    page.click_button("Hủy").await?;
    page.wait_for_count(PREVIEW, 0).await?;
    assert_eq!(open_plan(&page).await?, before);

    page.upload_file(OPEN, 0, &file).await?;
    preview_text(&page).await?;
    page.click_button("Mở kế hoạch").await?;
    page.wait_for_text("Tổng kinh phí", "60").await?;
    assert_eq!(numbers(&page).await?, ["I", "1", "2", "II", "1"]);
    let plan = open_plan(&page).await?;
    assert_eq!(contents(&plan)[2], "Số hóa hồ sơ thủ tục hành chính");
    Ok(())
}

async fn a_doc_or_a_damaged_docx_is_refused_and_nothing_changes(page: Page) -> Result {
    let before = open_plan(&page).await?;
    let dir = TempDir::new("import-bad")?;
    // An old Word file starts with the OLE signature.
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend(std::iter::repeat_n(0u8, 2048));
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "Ke-hoach-2025.doc",
            doc,
            "Mở tệp trong Word rồi Lưu thành .docx",
        ),
        ("Ke-hoach-2025.pdf", b"%PDF-1.7 ...".to_vec(), ".docx"),
        // A zip that is no document: the worker's reader says why.
        ("Hong.docx", b"PK\x03\x04 not really a zip".to_vec(), ""),
    ];
    for (name, bytes, message) in cases {
        let path = dir.write(name, bytes)?;
        page.upload_file(OPEN, 0, &path).await?;
        let text = refusal(&page, name).await?;
        if !text.contains(message) || !text.contains("Không có gì thay đổi") {
            bail!("{name}: the alert says {text:?}, not {message:?}");
        }
        assert_eq!(page.count(PREVIEW).await?, 0, "{name}: a preview opened");
        assert_eq!(open_plan(&page).await?, before, "{name}: the plan changed");
        page.click_button("Đã hiểu").await?;
        page.wait_for("the alert to close", |page| async move {
            Ok(page
                .js("return document.querySelectorAll('.file-error').length;")
                .await?
                == json!(0))
        })
        .await?;
    }
    Ok(())
}

/// Dispatches, in the page's next task, a paste of `html` and `text` on the focused
/// element, as the browser does for Ctrl+V; notes whether the app took it.
async fn paste(page: &Page, html: &str, text: &str) -> Result {
    page.js_with(
        r#"const [html, text] = arguments;
           window.__pasted = null;
           setTimeout(() => {
               const data = new DataTransfer();
               if (html) data.setData('text/html', html);
               data.setData('text/plain', text);
               const event = new ClipboardEvent('paste',
                   { clipboardData: data, bubbles: true, cancelable: true });
               // Firefox's ClipboardEvent ignores `clipboardData` in its init (its own init
               // takes dataType and data): the event carries the same DataTransfer as in the
               // other engines, as a real paste would.
               if (event.clipboardData !== data) {
                   Object.defineProperty(event, 'clipboardData', { value: data });
               }
               document.activeElement.dispatchEvent(event);
               window.__pasted = event.defaultPrevented;
           }, 0);"#,
        vec![json!(html), json!(text)],
    )
    .await?;
    page.wait_for("the paste to be dispatched", |page| async move {
        Ok(!page.js("return window.__pasted;").await?.is_null())
    })
    .await
}

/// One area with two tasks; the first is current.
fn base_plan() -> Plan {
    let mut plan = Plan::new("kh-dan", "Hưng Yên", 2027);
    let area = plan.add_area_titled(None, "CẢI CÁCH THỂ CHẾ".into());
    let first = plan.add_task_with(
        Some(area),
        Task {
            content: "Nhiệm vụ có sẵn thứ nhất".into(),
            ..Task::default()
        },
    );
    plan.add_task_with(
        Some(first),
        Task {
            content: "Nhiệm vụ có sẵn thứ hai".into(),
            ..Task::default()
        },
    );
    plan
}

async fn focus_first_task(page: &Page) -> Result {
    page.click_field("Nội dung, nhiệm vụ", 0).await?;
    Ok(())
}

async fn rows_pasted_from_excel_and_word_are_one_undo_step_each(page: Page) -> Result {
    let base = base_plan();
    let error = page
        .js_with(
            "return window.cchcApp.openPlanFile(arguments[0]);",
            vec![json!(write_plan(&base))],
        )
        .await?;
    if error != json!("") {
        bail!("openPlanFile refused the plan: {error}");
    }
    page.wait_for_field_count("Nội dung, nhiệm vụ", 2).await?;
    let before = open_plan(&page).await?;
    let existing = [
        "Nhiệm vụ có sẵn thứ nhất".to_string(),
        "Nhiệm vụ có sẵn thứ hai".to_string(),
    ];

    // One word into one cell: the field's own paste.
    focus_first_task(&page).await?;
    paste(&page, "", "Sở Tư pháp").await?;
    assert_eq!(page.js("return window.__pasted;").await?, json!(false));
    assert_eq!(open_plan(&page).await?, before);

    // Three rows from Excel: tab-separated, in the table's column order.
    let excel = "1\tXây dựng kế hoạch kiểm tra\tKế hoạch\tSở Nội vụ\t\tQuý I\t10\r\n\
                 2\tTập huấn nghiệp vụ một cửa\tLớp tập huấn\tVăn phòng UBND tỉnh\t\tQuý II\t20\r\n\
                 3\tKhảo sát mức độ hài lòng\tBáo cáo\tSở Nội vụ\t\tQuý III\t30\r\n";
    focus_first_task(&page).await?;
    paste(&page, "", excel).await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 5).await?;
    page.wait_for_text("Tổng kinh phí", "60").await?;
    page.wait_for_body_text("Đã dán 3 dòng").await?;
    let plan = open_plan(&page).await?;
    assert_eq!(
        contents(&plan),
        [
            existing[0].as_str(),
            "Xây dựng kế hoạch kiểm tra",
            "Tập huấn nghiệp vụ một cửa",
            "Khảo sát mức độ hài lòng",
            existing[1].as_str(),
        ]
    );
    assert_eq!(numbers(&page).await?, ["I", "1", "2", "3", "4", "5"]);

    // Undone at once.
    page.press_keys(Key::Control + "z").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 2).await?;
    assert_eq!(contents(&open_plan(&page).await?), existing);

    // Three rows from Word: an HTML table with its header row, paragraphs in cells.
    let word = r#"<html><body><!--StartFragment--><table class="MsoTableGrid" border="1">
        <tr><td><p class="MsoNormal"><b>TT</b></p></td><td><p><b>Nội dung nhiệm vụ</b></p></td><td><p><b>Cơ quan chủ trì</b></p></td><td><p><b>Kinh phí (triệu đồng)</b></p></td></tr>
        <tr><td><p>1</p></td><td><p>Rà soát quy trình nội bộ</p></td><td><p>Sở Tư pháp</p></td><td><p>5</p></td></tr>
        <tr><td><p>2</p></td><td><p>Công bố danh mục thủ tục</p></td><td><p>Văn phòng UBND tỉnh</p></td><td><p>7</p></td></tr>
        <tr><td><p>3</p></td><td><p>Đánh giá chỉ số cải cách</p></td><td><p>Sở Nội vụ</p></td><td><p>8</p></td></tr>
        </table><!--EndFragment--></body></html>"#;
    let word_text = "TT\tNội dung nhiệm vụ\tCơ quan chủ trì\tKinh phí (triệu đồng)\n1\tRà soát quy trình nội bộ\tSở Tư pháp\t5\n";
    focus_first_task(&page).await?;
    paste(&page, word, word_text).await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 5).await?;
    page.wait_for_text("Tổng kinh phí", "20").await?;
    let plan = open_plan(&page).await?;
    assert_eq!(
        contents(&plan),
        [
            existing[0].as_str(),
            "Rà soát quy trình nội bộ",
            "Công bố danh mục thủ tục",
            "Đánh giá chỉ số cải cách",
            existing[1].as_str(),
        ]
    );
    let leads: Vec<Vec<String>> = plan
        .rows()
        .iter()
        .filter_map(|r| r.task())
        .map(|t| t.lead.clone())
        .collect();
    assert_eq!(leads[2], ["Văn phòng UBND tỉnh"]);
    assert_eq!(numbers(&page).await?, ["I", "1", "2", "3", "4", "5"]);
    page.press_keys(Key::Control + "z").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 2).await?;
    assert_eq!(open_plan(&page).await?, before);
    Ok(())
}
