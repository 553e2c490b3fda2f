//! The Word export: "Xuất Word" downloads the appendices as a .docx (read back with zip and
//! an XML reader), with the options of "Tùy chọn xuất" that the Excel export uses too.

use crate::common::docx::read_docx;
use crate::common::seed_002_plan;
use crate::export::open_seed_002;
use crate::harness::{bail, browser_tests, BrowserTest, Page, Result};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![word_export_downloads_the_seed_002_appendices]
}

async fn word_export_downloads_the_seed_002_appendices(page: Page) -> Result {
    open_seed_002(&page).await?;
    // One option for both files: leave out "Cơ quan phối hợp", rename the deadline.
    page.click("Tùy chọn xuất").await?;
    page.click_field("Xuất cột Cơ quan phối hợp", 0).await?;
    page.type_into("Tên cột Thời gian thực hiện", 0, "Thời hạn")
        .await?;

    for old in page.downloads()? {
        std::fs::remove_file(old)?;
    }
    page.click_button("Xuất Word").await?;
    let path = page.wait_for_download(".docx").await?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name != "Phu-luc-KH-CCHC-Dak-Nong-2021.docx" {
        bail!("the download is named {name:?}");
    }
    page.wait_for_body_text("Đã xuất tệp Word Phu-luc-KH-CCHC-Dak-Nong-2021.docx")
        .await?;
    // The button is back, and the plan is as it was.
    page.button("Xuất Word", 0).await?;
    page.wait_for_text("Tổng kinh phí", "936").await?;

    let docx = read_docx(&std::fs::read(&path)?);
    let first = &docx.sections[0];
    assert_eq!(first.property("pgSz", "orient"), Some("landscape"));
    assert_eq!(first.paragraphs()[0].text, "Phụ lục I");
    let table = first.tables()[0];
    assert!(table.rows[0].header);
    assert_eq!(
        table.rows[0].texts(),
        [
            "TT",
            "Nội dung, nhiệm vụ",
            "Sản phẩm",
            "Cơ quan chủ trì",
            "Thời hạn",
            "Kinh phí (triệu đồng)",
            "Ghi chú"
        ]
    );
    let plan = seed_002_plan();
    for (i, (row, tt)) in plan.rows().iter().zip(plan.numbers()).enumerate() {
        let cells = table.rows[1 + i].texts();
        assert_eq!(cells[0], tt, "TT of row {i}");
        assert_eq!(cells[1], row.text(), "text of row {i}");
    }
    let total = table.rows.last().unwrap().texts();
    assert_eq!(total[..2], ["Tổng cộng", "936"]);
    assert!(first
        .paragraphs()
        .iter()
        .any(|p| p.text == "(Bằng chữ: Chín trăm ba mươi sáu triệu đồng)"));
    Ok(())
}
