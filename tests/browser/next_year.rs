//! Next year's plan as a copy: "Tạo kế hoạch năm ... từ kế hoạch này" makes a new plan and
//! keeps the old one; years, dates and places inside task texts are listed, by the move and
//! by the plan check, with a change the drafter accepts or not (never made silently).

use serde_json::Value;

use crate::editor::add_heading;
use crate::harness::{bail, browser_tests, BrowserTest, Page, Result};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![copy_to_next_year_keeps_the_old_plan_and_lists_text_years,]
}

const CONTENT: &str = "Nội dung, nhiệm vụ";

/// How many plans the list says are stored.
async fn stored_plans(page: &Page) -> Result<usize> {
    let text: Value = page
        .js(
            "const b = [...document.querySelectorAll('.plan-list button.toggle')][0]; \
             return b ? b.textContent : '';",
        )
        .await?;
    let text = text.as_str().unwrap_or_default();
    let count = text
        .trim_start_matches("Danh sách kế hoạch (")
        .trim_end_matches(')')
        .parse::<usize>();
    count.map_err(|_| crate::harness::Error::msg(format!("no plan count in {text:?}")))
}

/// One area and one task whose texts name `content` and `product`.
async fn one_task(page: &Page, content: &str, product: &str) -> Result {
    add_heading(page, "Thêm lĩnh vực", "Tên lĩnh vực", "Cải cách hành chính").await?;
    page.click_button("Thêm nhiệm vụ").await?;
    page.wait_for_field_count(CONTENT, 1).await?;
    page.type_into(CONTENT, 0, content).await?;
    page.type_into("Sản phẩm", 0, product).await?;
    Ok(())
}

async fn copy_to_next_year_keeps_the_old_plan_and_lists_text_years(page: Page) -> Result {
    page.clear_and_type("Năm kế hoạch", 0, "2026").await?;
    one_task(
        &page,
        "Tổng kết công tác CCHC năm 2024",
        "Báo cáo tháng 8/2024",
    )
    .await?;
    page.type_into("Thời gian thực hiện", 0, "Quý II/2026")
        .await?;
    page.wait_for("the plan to be stored", |p| async move {
        Ok(stored_plans(&p).await? >= 1)
    })
    .await?;
    let before = stored_plans(&page).await?;

    page.clear_and_type("Năm mới", 0, "2027").await?;
    page.click_button("Tạo kế hoạch năm 2027 từ kế hoạch này")
        .await?;
    page.wait_for("the new plan's year", |p| async move {
        Ok(p.value_of("Năm kế hoạch", 0).await? == "2027")
    })
    .await?;
    // A new plan: the old one stays in the list, and the message says so beside the button.
    page.wait_for("one more stored plan", |p| async move {
        Ok(stored_plans(&p).await? == before + 1)
    })
    .await?;
    let beside: Value = page
        .js("return document.querySelector('form.roll-forward [role=status]').textContent;")
        .await?;
    let beside = beside.as_str().unwrap_or_default().to_string();
    if !beside.contains("kế hoạch năm 2026 vẫn còn trong danh sách") {
        bail!("the message beside the button reads {beside:?}");
    }
    page.click_button(&format!("Danh sách kế hoạch ({})", before + 1))
        .await?;
    page.wait_for("the 2026 plan still listed", |p| async move {
        let years: Value = p
            .js("return [...document.querySelectorAll('table.plans tbody tr td:nth-child(3)')].map(t => t.textContent.trim());")
            .await?;
        let years: Vec<String> = serde_json::from_value(years)?;
        Ok(years.contains(&"2026".to_string()) && years.contains(&"2027".to_string()))
    })
    .await?;
    // The deadline moved; the texts did not: their years are listed with a proposal.
    assert_eq!(
        page.value_of("Thời gian thực hiện", 0).await?,
        "Quý II/2027"
    );
    assert_eq!(
        page.value_of(CONTENT, 0).await?,
        "Tổng kết công tác CCHC năm 2024"
    );
    page.wait_for_body_text("“năm 2024” trong nội dung: đề nghị đổi thành “năm 2025”")
        .await?;
    page.wait_for_body_text("“tháng 8/2024” trong sản phẩm: đề nghị đổi thành “tháng 8/2025”")
        .await?;
    page.click_button("Đổi “năm 2024” thành “năm 2025”").await?;
    page.wait_for("the accepted change", |p| async move {
        Ok(p.value_of(CONTENT, 0).await? == "Tổng kết công tác CCHC năm 2025")
    })
    .await?;
    // The product's date was not accepted: it stays as written.
    assert_eq!(page.value_of("Sản phẩm", 0).await?, "Báo cáo tháng 8/2024");
    Ok(())
}
