//! The template library panel: searching and browsing, adding templates to the plan (one, or
//! several at once) with their deadlines moved to the plan year, undo, recreating a seed plan,
//! and the keyboard.

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::{json, Value};

use crate::editor::numbers;
use crate::harness::{bail, browser_tests, BrowserTest, Kind, Page, Result};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        search_ranks_highlights_and_shows_provenance,
        add_three_templates_then_undo,
        recreate_seed_002_totals_936,
        recreate_seed_002_for_next_year_moves_its_deadlines,
        keyboard_reaches_the_results,
    ]
}

const SEARCH: &str = "Tìm nhiệm vụ mẫu";
const ADD: &str = "Thêm vào kế hoạch";
const ADD_SELECTED: &str = "Thêm các mẫu đã chọn";
const PRESENT: &str = "Đã có trong kế hoạch";
const SEED_002: &str = "Đắk Nông 2021, QĐ 1887/QĐ-UBND";
const SEED_004: &str = "Yên Bái 2022, KH 271/KH-UBND";

async fn open_library(page: &Page) -> Result {
    page.click_button("Thư viện mẫu").await?;
    page.field(SEARCH, 0).await?;
    Ok(())
}

/// The contents of the results shown, top to bottom.
async fn results(page: &Page) -> Result<Vec<String>> {
    let value = page
        .js("return [...document.querySelectorAll('.library-result .result-content')].map(e => e.textContent);")
        .await?;
    Ok(serde_json::from_value(value)?)
}

/// Waits until the first result satisfies `check` (on its lower-cased content).
async fn wait_for_first_result(page: &Page, what: &str, check: fn(&str) -> bool) -> Result {
    page.wait_for(what, |page| async move {
        Ok(results(&page)
            .await?
            .first()
            .is_some_and(|first| check(&first.to_lowercase())))
    })
    .await
}

/// The position among the results of the one whose content starts with `start`.
async fn result_index(page: &Page, start: &str) -> Result<usize> {
    page.wait_for(&format!("a result starting {start:?}"), |page| async move {
        Ok(results(&page).await?.iter().any(|c| c.starts_with(start)))
    })
    .await?;
    let found = results(page)
        .await?
        .iter()
        .position(|c| c.starts_with(start));
    found.ok_or_else(|| crate::harness::Error::msg(format!("no result starts {start:?}")))
}

/// Checks that the result whose content starts with `start` marks `form` as a match.
async fn marks_of(page: &Page, start: &str, form: &str) -> Result {
    let at = result_index(page, start).await?;
    let marks: Vec<String> = serde_json::from_value(
        page.js_with(
            "return [...document.querySelectorAll('.library-result')[arguments[0]].querySelectorAll('mark')].map(m => m.textContent);",
            vec![json!(at)],
        )
        .await?,
    )?;
    if !marks.iter().any(|m| m.contains(form)) {
        bail!("the result {start:?} marks {marks:?}, not {form:?}");
    }
    Ok(())
}

/// The checkbox of the `nth` result, checked to be named after the result's content.
async fn checkbox(page: &Page, nth: usize) -> Result<Element> {
    let boxes = page
        .client()
        .find_all(Locator::Css(".library-result input[type=checkbox]"))
        .await?;
    let Some(checkbox) = boxes.into_iter().nth(nth) else {
        bail!("there is no result #{nth}");
    };
    let name = page.name_of(&checkbox).await?;
    let content = results(page).await?[nth].clone();
    let first_words: String = content.split(' ').take(4).collect::<Vec<_>>().join(" ");
    if !name.starts_with(&format!("Chọn mẫu: {first_words}")) {
        bail!("the checkbox of {content:?} is named {name:?}");
    }
    Ok(checkbox)
}

/// Values of the fields named `name`, top to bottom.
async fn values(page: &Page, name: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for field in page.find_all_of(Kind::Field, name).await? {
        out.push(field.prop("value").await?.unwrap_or_default());
    }
    Ok(out)
}

/// How many results are marked "Đã có trong kế hoạch".
async fn count_present(page: &Page) -> Result<usize> {
    let value = page
        .js_with(
            "return [...document.querySelectorAll('.library-result')].filter(r => r.innerText.includes(arguments[0])).length;",
            vec![PRESENT.into()],
        )
        .await?;
    Ok(value.as_u64().unwrap_or_default() as usize)
}

async fn status(page: &Page) -> Result<String> {
    let value = page
        .js("return document.querySelector('.status[role=status]').textContent;")
        .await?;
    Ok(value.as_str().unwrap_or_default().to_string())
}

async fn search_ranks_highlights_and_shows_provenance(page: Page) -> Result {
    // Closed at first: the editor carries no results.
    assert_eq!(page.count_of(Kind::Field, SEARCH).await?, 0);
    page.click_button("Thêm nhiệm vụ").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 1).await?;
    open_library(&page).await?;

    // Searching never touches the plan table.
    page.js("window.__tableChanges = 0; new MutationObserver((m) => { window.__tableChanges += m.length; }).observe(document.querySelector('.plan-table'), { subtree: true, childList: true, attributes: true, characterData: true });")
        .await?;
    page.type_into(SEARCH, 0, "mot cua").await?;
    wait_for_first_result(&page, "a one-stop-shop result first", |c| {
        c.contains("một cửa")
    })
    .await?;
    let changes = page.js("return window.__tableChanges;").await?;
    if changes.as_u64() != Some(0) {
        bail!("searching changed the plan table {changes} times");
    }
    let marks: Vec<String> = serde_json::from_value(
        page.js("return [...document.querySelector('.library-result').querySelectorAll('mark')].map(m => m.textContent);")
            .await?,
    )?;
    let marked = marks.join(" ").to_lowercase();
    if !(marked.contains("một") && marked.contains("cửa")) {
        bail!("the first result marks {marks:?}, not “một” and “cửa”");
    }

    // Word order, case and diacritics do not matter; abbreviations count.
    page.clear_and_type(SEARCH, 0, "CỬA MỘT").await?;
    wait_for_first_result(&page, "one-stop shop, words swapped", |c| {
        c.contains("một cửa")
    })
    .await?;
    page.clear_and_type(SEARCH, 0, "TTHC").await?;
    wait_for_first_result(&page, "an administrative-procedure result first", |c| {
        c.contains("tthc") || c.contains("thủ tục hành chính")
    })
    .await?;
    let marked: Value = page
        .js("return document.querySelectorAll('.library-result mark').length;")
        .await?;
    if marked.as_u64().unwrap_or_default() == 0 {
        bail!("no <mark> in the TTHC results");
    }
    // The mixed forms the seeds write are the same abbreviation: the phrase spelt out
    // finds "CBCC, VC" (seed 002) and marks it; CBCCVC finds the seeds' misspelt CBCCVV.
    page.clear_and_type(SEARCH, 0, "phân loại cán bộ, công chức, viên chức")
        .await?;
    marks_of(&page, "Đánh giá, phân loại CBCC, VC", "CBCC, VC").await?;
    page.clear_and_type(SEARCH, 0, "CBCCVC dao tao boi duong")
        .await?;
    marks_of(&page, "Đào tạo, bồi dưỡng cho 100% CBCCVV", "CBCCVV").await?;

    // Browsing a source: its templates in document order, with where they come from.
    page.clear_and_type(SEARCH, 0, "").await?;
    page.select_option("Văn bản nguồn", 0, SEED_002).await?;
    wait_for_first_result(&page, "seed 002's first task", |c| {
        c == "kiến toàn ban chỉ đạo cchc tỉnh"
    })
    .await?;
    page.wait_for_body_text(&format!("Nguồn: {SEED_002}"))
        .await?;
    page.wait_for_body_text("Sở Nội vụ").await?;
    page.wait_for_body_text("Quý I/2021").await?;
    // Seed 001 names the PAR INDEX criterion each task answers.
    page.select_option("Văn bản nguồn", 0, "Hưng Yên 2024")
        .await?;
    page.wait_for_body_text("Tiêu chí 3.2.1: 0/0,5").await?;
    // Area and source together.
    page.select_option("Văn bản nguồn", 0, SEED_004).await?;
    page.select_option("Lĩnh vực", 0, "Cải cách thể chế")
        .await?;
    page.wait_for("seed 004's institution tasks only", |page| async move {
        let places: Vec<String> = serde_json::from_value(
            page.js(
                "return [...document.querySelectorAll('.result-place')].map(e => e.textContent);",
            )
            .await?,
        )?;
        Ok(!places.is_empty() && places.iter().all(|p| p.starts_with("Cải cách thể chế")))
    })
    .await?;

    // "Xem thêm" shows more of a long list.
    page.select_option("Văn bản nguồn", 0, "Tất cả văn bản")
        .await?;
    page.select_option("Lĩnh vực", 0, "Tất cả lĩnh vực").await?;
    page.wait_for("50 results", |page| async move {
        Ok(results(&page).await?.len() == 50)
    })
    .await?;
    page.click_button("Xem thêm").await?;
    page.wait_for("100 results", |page| async move {
        Ok(results(&page).await?.len() == 100)
    })
    .await?;

    // Enter in the search field does nothing to the plan.
    page.type_into(SEARCH, 0, "mot cua").await?;
    page.press_keys(Key::Enter.to_string()).await?;
    wait_for_first_result(&page, "the results to stay", |c| c.contains("một cửa")).await?;
    assert_eq!(page.count_of(Kind::Field, "Nội dung, nhiệm vụ").await?, 1);
    Ok(())
}

async fn add_three_templates_then_undo(page: Page) -> Result {
    page.clear_and_type("Năm kế hoạch", 0, "2027").await?;
    open_library(&page).await?;

    // One by its own button: a seed-002 task of 2021, into a 2027 plan.
    page.type_into(SEARCH, 0, "kien toan ban chi dao").await?;
    let nth = result_index(&page, "Kiến toàn Ban chỉ đạo CCHC tỉnh").await?;
    page.click_button_nth(ADD, nth).await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 1).await?;
    assert_eq!(numbers(&page).await?, ["I", "1"]);
    assert_eq!(
        values(&page, "Tên lĩnh vực").await?,
        ["Công tác chỉ đạo, điều hành"]
    );
    assert_eq!(values(&page, "Thời gian thực hiện").await?, ["Quý I/2027"]);
    page.wait_for("the mark on the added template", |page| async move {
        Ok(count_present(&page).await? == 1)
    })
    .await?;
    if !status(&page)
        .await?
        .contains("Đã thêm nhiệm vụ mẫu vào kế hoạch, mục I.1")
    {
        bail!("the status line says {:?}", status(&page).await?);
    }

    // Two more, chosen by browsing seed 004's procedures and added at once.
    page.clear_and_type(SEARCH, 0, "").await?;
    page.select_option("Văn bản nguồn", 0, SEED_004).await?;
    page.select_option("Lĩnh vực", 0, "Cải cách thủ tục hành chính")
        .await?;
    wait_for_first_result(&page, "seed 004's first procedure task", |c| {
        c.starts_with("xây dựng, ban hành kế hoạch kiểm soát tthc năm 2022")
    })
    .await?;
    page.wait_for_body_text(
        "Trước ngày 05/01/2022 → Trước ngày 05/01/2027 khi thêm vào kế hoạch năm 2027",
    )
    .await?;
    let chosen = results(&page).await?[..2].to_vec();
    checkbox(&page, 0).await?.click().await?;
    checkbox(&page, 1).await?.click().await?;
    page.wait_for_body_text("Đã chọn 2 mẫu").await?;
    page.click_button(ADD_SELECTED).await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 3).await?;
    assert_eq!(numbers(&page).await?, ["I", "1", "II", "1", "2"]);
    assert_eq!(
        values(&page, "Tên lĩnh vực").await?,
        ["Công tác chỉ đạo, điều hành", "Cải cách thủ tục hành chính"]
    );
    let contents = values(&page, "Nội dung, nhiệm vụ").await?;
    assert_eq!(contents[0], "Kiến toàn Ban chỉ đạo CCHC tỉnh");
    assert_eq!(contents[1..], chosen[..]);
    assert_eq!(
        values(&page, "Thời gian thực hiện").await?,
        [
            "Quý I/2027",
            "Trước ngày 05/01/2027",
            "Trước ngày 05/01/2027"
        ]
    );
    page.wait_for("both marked as in the plan", |page| async move {
        Ok(count_present(&page).await? == 2)
    })
    .await?;
    if !status(&page).await?.contains("Đã thêm 2 nhiệm vụ mẫu") {
        bail!("the status line says {:?}", status(&page).await?);
    }
    // The selection is spent.
    if checkbox(&page, 0).await?.is_selected().await? {
        bail!("the selection is still there after adding it");
    }

    // The two added at once go in one undo step, the first in another.
    page.click_button("Hoàn tác").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 1).await?;
    page.wait_for("no mark left", |page| async move {
        Ok(count_present(&page).await? == 0)
    })
    .await?;
    page.click_button("Hoàn tác").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 0).await?;
    page.wait_for_field_count("Tên lĩnh vực", 0).await?;
    page.click_button("Làm lại").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 1).await?;
    Ok(())
}

async fn recreate_seed_002_for_next_year_moves_its_deadlines(page: Page) -> Result {
    open_library(&page).await?;
    page.select_option("Văn bản nguồn", 0, SEED_002).await?;
    let next = page
        .js("return String(new Date().getFullYear() + 1);")
        .await?;
    let next = next.as_str().unwrap_or_default().to_string();
    assert_eq!(page.value_of("Năm của kế hoạch mới", 0).await?, next);
    page.clear_and_type("Năm của kế hoạch mới", 0, "1999")
        .await?;
    page.click_button("Tạo kế hoạch từ văn bản mẫu").await?;
    page.wait_for_body_text("không phải năm từ 2000 đến 2100")
        .await?;
    page.clear_and_type("Năm của kế hoạch mới", 0, &next)
        .await?;
    page.click_button("Tạo kế hoạch từ văn bản mẫu").await?;
    page.wait_for_body_text(&format!(
        "Đã tạo kế hoạch năm {next} từ văn bản mẫu {SEED_002}: 77 nhiệm vụ, tổng kinh phí 936 triệu đồng. Thời hạn đã chuyển từ năm 2021"
    ))
    .await?;
    assert_eq!(page.value_of("Năm kế hoạch", 0).await?, next);
    // (The table fills in after its first rows.)
    page.wait_for_field_count("Thời gian thực hiện", 77).await?;
    let deadlines = page
        .js("return [...document.querySelectorAll('.plan-table [aria-label=\"Thời gian thực hiện\"]')].map(e => e.value);")
        .await?;
    let deadlines: Vec<String> = serde_json::from_value(deadlines)?;
    assert_eq!(deadlines.len(), 77);
    assert!(
        deadlines.iter().all(|d| !d.contains("2021")),
        "{deadlines:?}"
    );
    assert!(deadlines.iter().any(|d| d.contains(&next)), "{deadlines:?}");
    Ok(())
}

async fn recreate_seed_002_totals_936(page: Page) -> Result {
    open_library(&page).await?;
    // Without a source the button explains itself.
    page.click_button("Tạo kế hoạch từ văn bản mẫu").await?;
    page.wait_for_body_text("Hãy chọn một văn bản nguồn trước")
        .await?;
    // ... beside the button, not only in the status line at the top.
    let beside = page
        .js("return [...document.querySelectorAll('.library-panel .form-message, .library .form-message')].map(p => p.textContent).join(' ');")
        .await?;
    assert!(
        beside
            .as_str()
            .unwrap_or_default()
            .contains("Hãy chọn một văn bản nguồn trước"),
        "{beside}"
    );
    page.select_option("Văn bản nguồn", 0, SEED_002).await?;
    // The seed's own year, chosen instead of next year.
    page.clear_and_type("Năm của kế hoạch mới", 0, "2021")
        .await?;
    page.click_button("Tạo kế hoạch từ văn bản mẫu").await?;
    page.wait_for_text("Tổng kinh phí", "936").await?;
    page.wait_for_body_text("Bằng chữ: Chín trăm ba mươi sáu triệu đồng")
        .await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 77).await?;
    let tt = numbers(&page).await?;
    assert_eq!(tt[..4], ["I", "1", "1.1", "1.2"]);
    assert_eq!(
        page.value_of("Tên kế hoạch", 0).await?,
        "Kế hoạch cải cách hành chính tỉnh Đắk Nông năm 2021"
    );
    assert_eq!(page.value_of("Năm kế hoạch", 0).await?, "2021");
    assert_eq!(
        page.value_of("Nội dung, nhiệm vụ", 0).await?,
        "Kiến toàn Ban chỉ đạo CCHC tỉnh"
    );
    // Every template of the source is now in the plan.
    page.wait_for("all 50 shown results marked", |page| async move {
        Ok(count_present(&page).await? == 50)
    })
    .await?;
    // The recreated plan is a new plan: the one it replaced on screen is still in the list.
    page.js("document.querySelector('.plan-list .toggle').click();")
        .await?;
    page.wait_for_body_text("Danh sách kế hoạch (2)").await?;
    page.click_button("Mở").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 0).await?;
    page.wait_for_text("Tổng kinh phí", "0").await?;
    Ok(())
}

/// The name of the focused element.
async fn focused(page: &Page) -> Result<String> {
    let element = page.client().active_element().await?;
    page.name_of(&element).await
}

async fn keyboard_reaches_the_results(page: Page) -> Result {
    open_library(&page).await?;
    page.type_into(SEARCH, 0, "tuyen truyen CCHC").await?;
    wait_for_first_result(&page, "a publicity result", |c| c.contains("tuyên truyền")).await?;
    page.click_field(SEARCH, 0).await?;
    let mut seen = Vec::new();
    for _ in 0..8 {
        page.press_keys(Key::Tab.to_string()).await?;
        let name = focused(&page).await?;
        if name.starts_with("Chọn mẫu: ") {
            break;
        }
        seen.push(name);
    }
    assert_eq!(
        seen,
        [
            "Lĩnh vực",
            "Văn bản nguồn",
            "Năm của kế hoạch mới",
            "Tạo kế hoạch từ văn bản mẫu",
            ADD_SELECTED
        ]
    );
    // Space ticks the checkbox; Tab then reaches the result's own add button.
    page.press_keys(" ").await?;
    page.wait_for_body_text("Đã chọn 1 mẫu").await?;
    page.press_keys(Key::Tab.to_string()).await?;
    assert_eq!(focused(&page).await?, ADD);
    page.press_keys(Key::Enter.to_string()).await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 1).await?;
    Ok(())
}
