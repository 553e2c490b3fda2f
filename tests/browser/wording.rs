//! The wording of 2025-2026 plans in the editor (issue #14): ministries offered as partners,
//! and a word typed twice in an agency name marked by the plan check.

use crate::harness::{browser_tests, BrowserTest, Key, Page, Result};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![ministry_suggested_and_doubled_word_found]
}

async fn ministry_suggested_and_doubled_word_found(page: Page) -> Result {
    page.click_button("Thêm nhiệm vụ").await?;
    page.type_into("Nội dung, nhiệm vụ", 0, "Rà soát thủ tục hành chính")
        .await?;
    // A ministry as a partner (Bộ Nội vụ is named in Hà Tĩnh's 2026 plan).
    page.type_into("Cơ quan phối hợp", 0, "bo noi").await?;
    page.wait_for("Bộ Nội vụ offered first", |page| async move {
        let list = page.text_of("Gợi ý cơ quan phối hợp").await?;
        Ok(list.trim_start().starts_with("Bộ Nội vụ"))
    })
    .await?;
    page.press_keys(format!("{}{}", Key::Down, Key::Enter))
        .await?;
    page.click_field("Sản phẩm", 0).await?;
    page.wait_for("the chosen ministry", |page| async move {
        Ok(page.value_of("Cơ quan phối hợp", 0).await? == "Bộ Nội vụ")
    })
    .await?;

    // "Sở" typed twice: the plan check says so, in its own group.
    page.type_into("Cơ quan chủ trì", 0, "Sở Sở Nội vụ").await?;
    page.click_field("Sản phẩm", 0).await?;
    page.wait_for("the typed lead", |page| async move {
        Ok(page.value_of("Cơ quan chủ trì", 0).await? == "Sở Sở Nội vụ")
    })
    .await?;
    page.click_button("Kiểm tra kế hoạch").await?;
    let group = "Từ lặp trong tên cơ quan";
    page.find(group, 0).await?;
    page.wait_for("the finding", |page| async move {
        let text = page.text_of("Từ lặp trong tên cơ quan").await?;
        Ok(text.contains("“Sở Sở Nội vụ” có từ “Sở” gõ lặp hai lần liền nhau"))
    })
    .await?;

    // Corrected, the finding goes.
    page.clear_and_type("Cơ quan chủ trì", 0, "Sở Nội vụ")
        .await?;
    page.click_field("Sản phẩm", 0).await?;
    page.wait_for("the finding to go", |page| async move {
        Ok(!page.body_text().await?.contains("gõ lặp hai lần"))
    })
    .await?;
    Ok(())
}
