//! "Văn bản kế hoạch": the plan document's sections edited beside the table, kept through a
//! reload and undone like any edit; "Xuất dự thảo kế hoạch" downloads the whole document
//! (read back with zip and an XML reader) with the edited text in it.

use crate::common::docx::read_docx;
use crate::export::open_seed_002;
use crate::harness::{bail, browser_tests, BrowserTest, Key, Page, Result};
use crate::storage::wait_for_value;

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        an_edited_section_survives_reload_and_undoes,
        plan_document_export_downloads_the_edited_text,
    ]
}

const PURPOSE: &str = "I. Mục đích, yêu cầu";

async fn an_edited_section_survives_reload_and_undoes(page: Page) -> Result {
    // The app's own plan (stored, opened again after a reload): a province and one area.
    page.type_into("Tỉnh, thành phố", 0, "Lào Cai").await?;
    page.click_button("Thêm lĩnh vực").await?;
    page.type_into("Tên lĩnh vực", 0, "Cải cách thể chế")
        .await?;
    page.click_button("Văn bản kế hoạch").await?;
    // Each section starts from its default, filled in from the plan.
    wait_for_value(
        &page,
        "Trích yếu",
        0,
        &format!(
            "Cải cách hành chính nhà nước tỉnh Lào Cai năm {}",
            plan_year(&page).await?
        ),
    )
    .await?;
    let tasks = page.value_of("II. Nhiệm vụ", 0).await?;
    if !tasks.contains("1. Cải cách thể chế") || !tasks.contains("Chi tiết tại Phụ lục I")
    {
        bail!("the default II. Nhiệm vụ is {tasks:?}");
    }
    let default_purpose = page.value_of(PURPOSE, 0).await?;
    if !default_purpose.contains("tỉnh Lào Cai") {
        bail!("the default purpose is {default_purpose:?}");
    }
    let typed = format!(
        "1. Mục đích riêng{}- Đoạn sửa trong trình duyệt",
        Key::Enter
    );
    page.clear_and_type(PURPOSE, 0, &typed).await?;
    let expected = "1. Mục đích riêng\n- Đoạn sửa trong trình duyệt";
    wait_for_value(&page, PURPOSE, 0, expected).await?;
    page.wait_for_body_text("đã sửa").await?;

    // Undone like any edit, and redone.
    page.click_button("Hoàn tác").await?;
    wait_for_value(&page, PURPOSE, 0, &default_purpose).await?;
    page.click_button("Làm lại").await?;
    wait_for_value(&page, PURPOSE, 0, expected).await?;

    // A section not edited follows the plan; the edited one stays as typed.
    page.clear_and_type("Tỉnh, thành phố", 0, "Tuyên Quang")
        .await?;
    page.wait_for("the subject line to follow the province", |p| async move {
        Ok(p.value_of("Trích yếu", 0)
            .await?
            .contains("tỉnh Tuyên Quang"))
    })
    .await?;
    wait_for_value(&page, PURPOSE, 0, expected).await?;

    // Kept through a reload (no waiting for the autosave's delay).
    page.reload().await?;
    page.click_button("Văn bản kế hoạch").await?;
    wait_for_value(&page, PURPOSE, 0, expected).await?;
    let subject = page.value_of("Trích yếu", 0).await?;
    if !subject.contains("tỉnh Tuyên Quang") {
        bail!("after the reload the subject line is {subject:?}");
    }

    // "Khôi phục mặc định" brings the default back (for the plan as it is now), and that
    // is kept too.
    page.click_button(&format!("Khôi phục mặc định: {PURPOSE}"))
        .await?;
    page.wait_for_body_text("Đã khôi phục nội dung mặc định")
        .await?;
    let restored = default_purpose.replace("Lào Cai", "Tuyên Quang");
    wait_for_value(&page, PURPOSE, 0, &restored).await?;
    page.reload().await?;
    page.click_button("Văn bản kế hoạch").await?;
    wait_for_value(&page, PURPOSE, 0, &restored).await?;
    Ok(())
}

/// The year of the open plan, as the header shows it.
async fn plan_year(page: &Page) -> Result<String> {
    page.value_of("Năm kế hoạch", 0).await
}

async fn plan_document_export_downloads_the_edited_text(page: Page) -> Result {
    open_seed_002(&page).await?;
    page.click_button("Văn bản kế hoạch").await?;
    page.clear_and_type("Căn cứ", 0, "Căn cứ đã sửa để xuất dự thảo.")
        .await?;
    wait_for_value(&page, "Căn cứ", 0, "Căn cứ đã sửa để xuất dự thảo.").await?;

    for old in page.downloads()? {
        std::fs::remove_file(old)?;
    }
    page.click_button("Xuất dự thảo kế hoạch").await?;
    let path = page.wait_for_download(".docx").await?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name != "Du-thao-KH-CCHC-Dak-Nong-2021.docx" {
        bail!("the download is named {name:?}");
    }
    page.wait_for_body_text("Đã xuất tệp dự thảo kế hoạch Du-thao-KH-CCHC-Dak-Nong-2021.docx")
        .await?;
    // The button is back, and the plan is as it was.
    page.button("Xuất dự thảo kế hoạch", 0).await?;
    wait_for_value(&page, "Căn cứ", 0, "Căn cứ đã sửa để xuất dự thảo.").await?;

    let docx = read_docx(&std::fs::read(&path)?);
    let body = &docx.sections[0];
    assert_eq!(body.property("pgSz", "w"), Some("11906"));
    assert_ne!(body.property("pgSz", "orient"), Some("landscape"));
    let texts: Vec<&str> = body.paragraphs().iter().map(|p| p.text.as_str()).collect();
    for needle in [
        "KẾ HOẠCH",
        "Căn cứ đã sửa để xuất dự thảo.",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "IV. TỔ CHỨC THỰC HIỆN",
    ] {
        assert!(texts.contains(&needle), "{needle:?} not in {texts:#?}");
    }
    let appendix = &docx.sections[1];
    assert_eq!(appendix.property("pgSz", "orient"), Some("landscape"));
    assert_eq!(appendix.paragraphs()[0].text, "Phụ lục I");
    let total = appendix.tables()[0].rows.last().unwrap().texts();
    assert_eq!(total[..2], ["Tổng cộng", "936"]);
    Ok(())
}
