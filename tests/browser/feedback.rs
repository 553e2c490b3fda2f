//! Feedback where the drafter looks: messages beside the control that caused them, the
//! first steps in an empty plan, a recreated plan in the chosen year, row findings that can
//! be reached without a mouse, plans of one name told apart.

use serde_json::{json, Value};

use crate::harness::{bail, browser_tests, BrowserTest, Page, Result};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        recreate_says_beside_its_button_and_starts_next_year,
        an_empty_plan_says_what_to_do_first,
        plans_in_the_list_are_told_apart_by_province_year_and_change,
    ]
}

const RECREATE: &str = "Tạo kế hoạch từ văn bản mẫu";
const SEED_002: &str = "Đắk Nông 2021, QĐ 1887/QĐ-UBND";

/// The text of the status next to the button named `button`, and how far below the
/// button's top it starts (px).
async fn message_beside(page: &Page, button: &str) -> Result<(String, f64)> {
    let element = page.button(button, 0).await?;
    let value = page
        .js_with(
            "const b = arguments[0]; const m = b.parentElement.querySelector('[role=status]'); \
             if (!m) return ['', 1e9]; \
             return [m.textContent, m.getBoundingClientRect().top - b.getBoundingClientRect().top];",
            vec![json!(element)],
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

async fn recreate_says_beside_its_button_and_starts_next_year(page: Page) -> Result {
    page.click_button("Thư viện mẫu").await?;
    page.click_button(RECREATE).await?;
    page.wait_for("the message beside the button", |p| async move {
        let (text, below) = message_beside(&p, RECREATE).await?;
        Ok(text.contains("Hãy chọn một văn bản nguồn trước") && below.abs() < 120.0)
    })
    .await?;
    // Next year by default.
    let next: Value = page.js("return new Date().getFullYear() + 1;").await?;
    let next = next.as_i64().unwrap_or_default().to_string();
    assert_eq!(page.value_of("Năm của kế hoạch mới", 0).await?, next);
    page.select_option("Văn bản nguồn", 0, SEED_002).await?;
    page.click_button(RECREATE).await?;
    let expected = next.clone();
    page.wait_for("the recreated plan in next year", |p| {
        let expected = expected.clone();
        async move { Ok(p.value_of("Năm kế hoạch", 0).await? == expected) }
    })
    .await?;
    let (text, _) = message_beside(&page, RECREATE).await?;
    if !text.contains(&format!("Đã tạo kế hoạch năm {next}")) {
        bail!("the message beside the button reads {text:?}");
    }
    // The deadlines moved with it: none of the source's 2021 quarters is left.
    let deadlines: Value = page
        .js("return [...document.querySelectorAll('.plan-table [aria-label=\"Thời gian thực hiện\"]')].map(e => e.value);")
        .await?;
    let deadlines: Vec<String> = serde_json::from_value(deadlines)?;
    if deadlines
        .iter()
        .any(|d| d.starts_with("Quý") && d.ends_with("/2021"))
    {
        bail!("a 2021 quarter is left: {deadlines:?}");
    }
    if !deadlines.iter().any(|d| d.ends_with(&format!("/{next}"))) {
        bail!("no deadline of {next}: {deadlines:?}");
    }
    Ok(())
}

async fn an_empty_plan_says_what_to_do_first(page: Page) -> Result {
    for step in [
        "Bảng đang trống. Bắt đầu bằng một trong ba cách",
        "Thư viện mẫu",
        "Tạo kế hoạch từ văn bản mẫu",
        "Mở tệp",
    ] {
        page.wait_for_body_text(step).await?;
    }
    Ok(())
}

async fn plans_in_the_list_are_told_apart_by_province_year_and_change(page: Page) -> Result {
    // Two plans: the first, then its copy for 2030; each “Mở” names its plan apart.
    page.clear_and_type("Tỉnh, thành phố", 0, "Hưng Yên")
        .await?;
    page.clear_and_type("Năm mới", 0, "2030").await?;
    page.click_button("Tạo kế hoạch năm 2030 từ kế hoạch này")
        .await?;
    page.wait_for("the 2030 plan", |p| async move {
        Ok(p.value_of("Năm kế hoạch", 0).await? == "2030")
    })
    .await?;
    page.click_button("Danh sách kế hoạch (2)").await?;
    let descriptions = page
        .js("return [...document.querySelectorAll('table.plans button')].filter(b => b.textContent === 'Mở') \
             .map(b => document.getElementById(b.getAttribute('aria-describedby')).textContent);")
        .await?;
    let descriptions: Vec<String> = serde_json::from_value(descriptions)?;
    if descriptions.len() != 1
        || !descriptions[0].contains("Hưng Yên năm ")
        || !descriptions[0].contains("sửa lần cuối")
    {
        bail!("the other plan's “Mở” is described as {descriptions:?}");
    }
    Ok(())
}
