//! The Excel export and the print view: "Xuất Excel" (read back with calamine), "Tùy chọn
//! xuất" (columns, headers, label), "Xem bản in" and the print stylesheet.

use serde_json::{json, Value};

use crate::common::{cell, find_row, number, open, seed_002_plan, sheet};
use crate::harness::{bail, browser_tests, BrowserTest, Key, Kind, Page, Result};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        export_downloads_the_seed_002_workbook,
        options_leave_out_a_column_and_rename_headers,
        print_view_shows_the_appendix_and_prints_a4_landscape,
        printing_from_the_editor_opens_the_print_view,
        exporting_an_empty_plan_is_refused,
    ]
}

const WORDS_936: &str = "(Bằng chữ: Chín trăm ba mươi sáu triệu đồng)";

/// Opens tests/fixtures/seed-002-plan.json through the app's test hook and waits for 936.
pub(crate) async fn open_seed_002(page: &Page) -> Result {
    let path = crate::common::fixture_path("seed-002-plan.json");
    let text = std::fs::read_to_string(path)?;
    let error = page
        .js_with(
            "return window.cchcApp.openPlanFile(arguments[0]);",
            vec![json!(text)],
        )
        .await?;
    if error != json!("") {
        bail!("openPlanFile refused the fixture: {error}");
    }
    page.wait_for_text("Tổng kinh phí", "936").await
}

/// Clicks "Xuất Excel" and returns the name and bytes of the downloaded workbook.
async fn export(page: &Page) -> Result<(String, Vec<u8>)> {
    let before = page.downloads()?;
    for old in &before {
        std::fs::remove_file(old)?;
    }
    page.click_button("Xuất Excel").await?;
    let path = page.wait_for_download(".xlsx").await?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, std::fs::read(&path)?))
}

/// The texts of a sheet row, first `n` columns.
fn row_texts(range: &calamine::Range<calamine::Data>, row: usize, n: usize) -> Vec<String> {
    (0..n).map(|c| cell(range, row, c)).collect()
}

async fn export_downloads_the_seed_002_workbook(page: Page) -> Result {
    open_seed_002(&page).await?;
    let (name, xlsx) = export(&page).await?;
    if name != "Phu-luc-KH-CCHC-Dak-Nong-2021.xlsx" {
        bail!("the download is named {name:?}");
    }
    page.wait_for_body_text("Đã xuất tệp Excel Phu-luc-KH-CCHC-Dak-Nong-2021.xlsx")
        .await?;
    let mut book = open(&xlsx);
    use calamine::Reader;
    assert_eq!(
        book.sheet_names(),
        ["Phụ lục I", "Phụ lục II", "Phụ lục III", "Tiến độ"]
    );
    let s = sheet(&mut book, "Phụ lục I");
    assert_eq!(cell(&s, 0, 0), "Phụ lục I");
    assert_eq!(cell(&s, 1, 0), "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021");
    assert_eq!(
        row_texts(&s, 5, 8),
        [
            "TT",
            "Nội dung, nhiệm vụ",
            "Sản phẩm",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian thực hiện",
            "Kinh phí (triệu đồng)",
            "Ghi chú"
        ]
    );
    // Every TT and task text as the plan has them.
    let plan = seed_002_plan();
    for (i, (row, tt)) in plan.rows().iter().zip(plan.numbers()).enumerate() {
        assert_eq!(cell(&s, 6 + i, 0), tt, "TT of row {i}");
        assert_eq!(cell(&s, 6 + i, 1), row.text(), "text of row {i}");
    }
    let total = find_row(&s, 0, "Tổng cộng").expect("a Tổng cộng row");
    assert_eq!(total, 6 + plan.rows().len());
    assert_eq!(number(&s, total, 6), Some(936.0));
    assert_eq!(cell(&s, total + 1, 0), WORDS_936);
    Ok(())
}

async fn options_leave_out_a_column_and_rename_headers(page: Page) -> Result {
    open_seed_002(&page).await?;
    page.click("Tùy chọn xuất").await?;
    let tt = page.field("Xuất cột TT", 0).await?;
    if tt.is_enabled().await? {
        bail!("the TT column can be left out");
    }
    page.click_field("Xuất cột Cơ quan phối hợp", 0).await?;
    page.type_into("Tên cột Nội dung, nhiệm vụ", 0, "Nhiệm vụ cụ thể")
        .await?;
    page.type_into("Tên cột Thời gian thực hiện", 0, "Thời hạn")
        .await?;
    page.click_field("PHỤ LỤC I", 0).await?;

    let (_, xlsx) = export(&page).await?;
    let mut book = open(&xlsx);
    let s = sheet(&mut book, "Phụ lục I");
    assert_eq!(cell(&s, 0, 0), "PHỤ LỤC I");
    assert_eq!(
        row_texts(&s, 5, 8),
        [
            "TT",
            "Nhiệm vụ cụ thể",
            "Sản phẩm",
            "Cơ quan chủ trì",
            "Thời hạn",
            "Kinh phí (triệu đồng)",
            "Ghi chú",
            ""
        ]
    );
    let total = find_row(&s, 0, "Tổng cộng").expect("a Tổng cộng row");
    assert_eq!(number(&s, total, 5), Some(936.0));
    let s2 = sheet(&mut book, "Phụ lục II");
    assert_eq!(cell(&s2, 0, 0), "PHỤ LỤC II");

    // The print view follows the same choices.
    page.click_button("Xem bản in").await?;
    page.wait_for_body_text("Nhiệm vụ cụ thể").await?;
    let headers = page
        .js("return [...document.querySelector('.print-view table').tHead.rows[0].cells].map(e => e.textContent);")
        .await?;
    assert_eq!(
        headers,
        json!([
            "TT",
            "Nhiệm vụ cụ thể",
            "Sản phẩm",
            "Cơ quan chủ trì",
            "Thời hạn",
            "Kinh phí (triệu đồng)",
            "Ghi chú"
        ])
    );
    let label = page
        .js("return document.querySelector('.appendix-label').textContent;")
        .await?;
    assert_eq!(label, json!("PHỤ LỤC I"));
    page.click_button("Đóng bản in").await?;

    // Back to the defaults.
    page.click_button("Khôi phục mặc định").await?;
    let (_, xlsx) = export(&page).await?;
    let s = sheet(&mut open(&xlsx), "Phụ lục I");
    assert_eq!(cell(&s, 0, 0), "Phụ lục I");
    assert_eq!(cell(&s, 5, 4), "Cơ quan phối hợp");
    Ok(())
}

/// Whether the element matching `selector` is laid out (not `display: none` itself or
/// through an ancestor).
async fn displayed(page: &Page, selector: &str) -> Result<bool> {
    let value = page
        .js_with(
            "const e = document.querySelector(arguments[0]); return !!e && e.getClientRects().length > 0;",
            vec![json!(selector)],
        )
        .await?;
    Ok(value == json!(true))
}

async fn print_view_shows_the_appendix_and_prints_a4_landscape(page: Page) -> Result {
    open_seed_002(&page).await?;
    page.click_button("Xem bản in").await?;
    page.wait_for_body_text("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021")
        .await?;
    let text = page.text_of("Bản in phụ lục").await?;
    for needle in [
        "Phụ lục I",
        "(Kèm theo Quyết định số 1887/QĐ-UBND ngày 18 tháng 12 năm 2020 của Ủy ban nhân dân tỉnh Đắk Nông)",
        "ĐVT: triệu đồng",
        "Tổng cộng 936",
        WORDS_936,
    ] {
        if !text.contains(needle) {
            bail!("the print view does not show {needle:?}; it reads: {}", &text[..text.len().min(600)]);
        }
    }
    // The table: one row per plan row and the total, area rows bold.
    let plan = seed_002_plan();
    let shape = page
        .js("const t = document.querySelector('.print-view table');
             return { rows: t.rows.length - t.tHead.rows.length,
                      kept: [...t.tBodies[t.tBodies.length - 1].rows].map(r => r.className),
                      first: [...t.tBodies[0].rows[0].cells].map(c => c.textContent),
                      bold: getComputedStyle(t.tBodies[0].rows[0]).fontWeight,
                      total: t.querySelector('tr.total td.money').textContent };")
        .await?;
    assert_eq!(shape["rows"], json!(plan.rows().len() + 1));
    assert_eq!(shape["first"][0], json!("I"));
    assert_eq!(shape["first"][1], json!(plan.rows()[0].text()));
    assert_eq!(shape["bold"], json!("700"));
    assert_eq!(shape["total"], json!("936"));
    // The total row never alone on a page: it shares a block with the last task row.
    assert_eq!(shape["kept"], json!(["task", "total"]));
    // Every appendix, each a section: by lead agency, the budget, the tasks by quarter.
    let sections = page
        .js(
            "return [...document.querySelectorAll('.print-view section.appendix')]
                 .map(s => [s.getAttribute('aria-label'), s.querySelector('h2').textContent]);",
        )
        .await?;
    assert_eq!(
        sections,
        json!([
            ["Phụ lục I", "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
            [
                "Phụ lục II",
                "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021 THEO CƠ QUAN CHỦ TRÌ"
            ],
            [
                "Phụ lục III",
                "KINH PHÍ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021"
            ],
            [
                "Biểu tiến độ",
                "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021 THEO QUÝ"
            ],
        ]),
        "the print view's appendices"
    );
    for needle in [
        "1. Kinh phí theo lĩnh vực",
        "2. Kinh phí theo cơ quan chủ trì",
        "Quý I",
    ] {
        if !page.text_of("Bản in phụ lục").await?.contains(needle) {
            bail!("the print view does not show {needle:?}");
        }
    }
    // The editor is out of the way.
    if page.count_of(Kind::Field, "Nội dung, nhiệm vụ").await? != 0 {
        bail!("the editor's fields are still shown under the print view");
    }

    // The print stylesheet: only the sheet, no buttons, the header row on every page.
    page.emulate_print_media(true).await?;
    let print = page
        .js("return { thead: getComputedStyle(document.querySelector('.print-view thead')).display,
                      padding: getComputedStyle(document.querySelector('.print-sheet')).paddingLeft };")
        .await?;
    assert_eq!(print["thead"], json!("table-header-group"));
    assert_eq!(print["padding"], json!("0px"));
    for hidden in [".print-actions", ".toolbar", ".app-header", ".plan-table"] {
        if displayed(&page, hidden).await? {
            bail!("{hidden} is shown in print");
        }
    }
    if !displayed(&page, ".print-sheet table").await? {
        bail!("the print view's table is hidden in print");
    }
    // Every table inside the sheet: its right border is never cut at the page's margin.
    let overflow = page
        .js(
            "const sheet = document.querySelector('.print-sheet').getBoundingClientRect().right;
             return [...document.querySelectorAll('.print-sheet table')]
                 .map(t => t.getBoundingClientRect().right - sheet).filter(d => d > 0);",
        )
        .await?;
    assert_eq!(overflow, json!([]), "tables wider than the printed sheet");
    // The layout checks above ran in every engine; the printed pages where the driver prints.
    let Some(pdf) = crate::harness::printed_pdf(
        &page,
        "export::print_view_shows_the_appendix_and_prints_a4_landscape",
    )
    .await?
    else {
        page.emulate_print_media(false).await?;
        return close_print_view(&page).await;
    };
    // Kept for a look: target/browser-screenshots/print-view.pdf (one per engine).
    let saved = crate::harness::target_dir().join(format!(
        "browser-screenshots/print-view-{:?}.pdf",
        page.engine()
    ));
    std::fs::create_dir_all(saved.parent().unwrap())?;
    std::fs::write(&saved, &pdf)?;
    // A4 landscape: 297 × 210 mm = 841.9 × 595.3 pt.
    let boxes = pdf_page_sizes(&saved)?;
    let a4_landscape = |(w, h): &(f64, f64)| (w - 841.9).abs() < 1.5 && (h - 595.3).abs() < 1.5;
    if boxes.is_empty() || !boxes.iter().all(a4_landscape) {
        bail!("the PDF pages are not A4 landscape: {boxes:?}");
    }
    if boxes.len() < 2 {
        bail!(
            "77 tasks should take more than one page, not {}",
            boxes.len()
        );
    }
    // Each appendix starts a page (its label is the page's first line); the header row of
    // Phụ lục I repeats on its pages.
    let pages = pdf_pages(&saved)?;
    let first_lines: Vec<&str> = pages
        .iter()
        .map(|p| {
            // (Below the page number, from page 2 on.)
            p.lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.chars().all(|c| c.is_ascii_digit()))
                .unwrap_or("")
        })
        .collect();
    for label in ["Phụ lục I", "Phụ lục II", "Phụ lục III", "Biểu tiến độ"] {
        if !first_lines.contains(&label) {
            bail!("no printed page starts with {label:?}; the pages start with {first_lines:?}");
        }
    }
    let Some(total_page) = pages.iter().find(|p| p.contains("Tổng cộng")) else {
        bail!("no printed page shows Phụ lục I's total");
    };
    let before_total = &total_page[..total_page.find("Tổng cộng").unwrap_or(0)];
    let last_task = plan
        .rows()
        .last()
        .and_then(|r| r.task())
        .map(|t| &t.content);
    let last_words = last_task.map(|c| c.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    if !last_words.is_some_and(|words| before_total.contains(&words)) {
        bail!("the total of Phụ lục I is printed without the last task above it:\n{total_page}");
    }
    page.emulate_print_media(false).await?;

    close_print_view(&page).await
}

/// "Đóng bản in" brings the editor back, focus on "Xem bản in".
async fn close_print_view(page: &Page) -> Result {
    page.click_button("Đóng bản in").await?;
    page.wait_for("the editor to come back", |page| async move {
        Ok(page.count_of(Kind::Field, "Tên lĩnh vực").await? > 0)
    })
    .await?;
    if displayed(page, ".print-view").await? {
        bail!("the print view is still shown");
    }
    let focused = page
        .js("return document.activeElement && document.activeElement.textContent;")
        .await?;
    assert_eq!(focused, json!("Xem bản in"));
    page.wait_for_text("Tổng kinh phí", "936").await?;
    Ok(())
}

async fn printing_from_the_editor_opens_the_print_view(page: Page) -> Result {
    open_seed_002(&page).await?;
    page.js("window.dispatchEvent(new Event('beforeprint'));")
        .await?;
    page.wait_for("the print view to open for printing", |page| async move {
        displayed(&page, ".print-view table").await
    })
    .await?;
    page.js("window.dispatchEvent(new Event('afterprint'));")
        .await?;
    page.wait_for(
        "the print view to close after printing",
        |page| async move { Ok(!displayed(&page, ".print-view").await?) },
    )
    .await?;
    // Opened by the drafter, it stays open after printing; Escape closes it.
    page.click_button("Xem bản in").await?;
    page.button("Đóng bản in", 0).await?;
    // An observer of the test's, added after the app's listeners, records whether the
    // print view is still there once the app has handled "afterprint" (its listener runs
    // first) and its updates have reached the page (a task later): a positive signal to
    // wait for, instead of a fixed sleep.
    page.js("window.__afterPrint = undefined;
         window.addEventListener('afterprint', () => setTimeout(() => {
             const view = document.querySelector('.print-view');
             window.__afterPrint = { shown: !!view && view.getClientRects().length > 0 };
         }), { once: true });
         window.dispatchEvent(new Event('beforeprint'));
         window.dispatchEvent(new Event('afterprint'));")
        .await?;
    page.wait_for("the app to handle afterprint", |page| async move {
        Ok(page.js("return window.__afterPrint !== undefined;").await? == json!(true))
    })
    .await?;
    let seen = page.js("return window.__afterPrint.shown;").await?;
    if seen != json!(true) || !displayed(&page, ".print-view").await? {
        bail!("the print view closed after printing although the drafter opened it");
    }
    page.button("In", 0)
        .await?
        .send_keys(&Key::Escape.to_string())
        .await?;
    page.wait_for("Escape to close the print view", |page| async move {
        Ok(!displayed(&page, ".print-view").await?)
    })
    .await?;
    Ok(())
}

async fn exporting_an_empty_plan_is_refused(page: Page) -> Result {
    page.click_button("Xuất Excel").await?;
    page.wait_for_body_text("Bảng đang trống: hãy thêm lĩnh vực và nhiệm vụ trước khi xuất Excel.")
        .await?;
    let error = page
        .js("return document.querySelector('.status').classList.contains('error');")
        .await?;
    assert_eq!(error, Value::Bool(true));
    // The positive signal: a plan with tasks, exported next, arrives; had the empty one
    // been written too, it would be there as well (downloads arrive in order).
    open_seed_002(&page).await?;
    page.click_button("Xuất Excel").await?;
    let file = page.wait_for_download(".xlsx").await?;
    let downloads = page.downloads()?;
    if downloads != [file.clone()] {
        bail!("an empty plan was downloaded: {downloads:?}");
    }
    let mut book = open(&std::fs::read(&file)?);
    let sheet = sheet(&mut book, "Phụ lục I");
    if find_row(&sheet, 0, "Tổng cộng").is_none() {
        bail!("the one download is not the plan with tasks");
    }

    // Errors left in the plan check are said with the export, which goes on all the same.
    std::fs::remove_file(&file)?;
    page.click_field("Nội dung, nhiệm vụ", 0).await?;
    page.click_button("Thêm nhiệm vụ").await?;
    page.type_into("Nội dung, nhiệm vụ", 1, "Nhiệm vụ chưa giao")
        .await?;
    let badge = page
        .js("return document.querySelector('.review-tools .badge').textContent;")
        .await?;
    let badge = badge.as_str().unwrap_or_default().to_string();
    let Some(errors) = badge
        .split(" lỗi")
        .next()
        .and_then(|n| n.trim().parse::<usize>().ok())
    else {
        bail!("the check's badge reads {badge:?}");
    };
    page.click_button("Xuất Excel").await?;
    page.wait_for_download(".xlsx").await?;
    page.wait_for_body_text(&format!(
        "Kế hoạch còn {errors} lỗi trong “Kiểm tra kế hoạch” (dòng "
    ))
    .await?;
    Ok(())
}

/// The text of each page of a printed PDF (`pdftotext -layout`, from poppler-utils, which
/// `scripts/setup` installs): a missing tool fails the test.
fn pdf_pages(pdf: &std::path::Path) -> Result<Vec<String>> {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) => bail!("pdftotext (poppler-utils) cannot run: {e}"),
    };
    if !out.status.success() {
        bail!("pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    pages.pop();
    Ok(pages)
}

/// The size of each page of a PDF in points (`pdfinfo`, from poppler-utils): the PDFs of
/// other engines keep their page boxes in compressed objects.
fn pdf_page_sizes(pdf: &std::path::Path) -> Result<Vec<(f64, f64)>> {
    let out = std::process::Command::new("pdfinfo")
        .args(["-f", "1", "-l", "100000"])
        .arg(pdf)
        .output();
    let out = match out {
        Ok(out) if out.status.success() => out,
        Ok(out) => bail!("pdfinfo failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(e) => bail!("pdfinfo (poppler-utils) cannot run: {e}"),
    };
    // "Page    1 size: 841.89 x 595.28 pts (A4)"
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size: "))
        .filter_map(|l| {
            let mut words = l.split(" size: ").nth(1)?.split_whitespace();
            let w = words.next()?.parse().ok()?;
            words.next()?;
            let h = words.next()?.parse().ok()?;
            Some((w, h))
        })
        .collect())
}
