//! The search index after a large template import: built a slice at a time, so the page keeps
//! answering (typing in a task updates the row before the index is complete), the library
//! panel says how far it is, and search then finds an imported template.

use std::time::Duration;

use cchc_plan::domain::file_format::write_templates;
use cchc_plan::domain::library::{builtin, repeated_builtin, TemplateSet};
use serde_json::json;

use crate::harness::{bail, browser_tests, BrowserTest, Page, Result};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![typing_answers_while_25000_imported_templates_are_indexed]
}

pub(crate) const COUNT: usize = 25_000;
pub(crate) const MARKER: &str =
    "Thí điểm bản đồ số địa giới hành chính Hoàng Sa, mẫu nhập cuối cùng";
pub(crate) const QUERY: &str = "hoang sa mau nhap cuoi";
const INDEXING: &str = "Đang lập chỉ mục tìm kiếm…";

/// 25.000 templates, each content distinct, the last one `MARKER`.
pub(crate) fn large_template_file() -> String {
    let library = builtin();
    let per_copy = library.templates().len();
    let mut templates = repeated_builtin(COUNT);
    for (i, template) in templates.iter_mut().enumerate() {
        template.content = format!("{} (bản {})", template.content, i / per_copy);
    }
    if let Some(last) = templates.last_mut() {
        last.content = MARKER.to_string();
    }
    write_templates(&TemplateSet {
        sources: library.sources().to_vec(),
        templates,
    })
}

async fn summary(page: &Page) -> Result<String> {
    let value = page
        .js("const s = document.querySelector('.library-summary'); return s ? s.textContent : '';")
        .await?;
    Ok(value.as_str().unwrap_or_default().to_string())
}

async fn typing_answers_while_25000_imported_templates_are_indexed(page: Page) -> Result {
    page.click_button("Thêm nhiệm vụ").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 1).await?;
    page.click_button("Thư viện mẫu").await?;
    page.type_into("Tìm nhiệm vụ mẫu", 0, QUERY).await?;
    // The built-in library's index first (also built in slices).
    page.wait_for("the built-in library indexed", |page| async move {
        let text = summary(&page).await?;
        Ok(!text.is_empty() && !text.contains(INDEXING))
    })
    .await?;
    // The page notes, in order, what the summary and the total show, and its long tasks.
    page.js(
        r#"const summary = document.querySelector('.library-summary');
           const total = document.querySelector('output[aria-label="Tổng kinh phí"]');
           const log = window.__indexLog = [];
           const note = (what) => log.push([what, summary.textContent, total.textContent, performance.now()]);
           const watch = { subtree: true, childList: true, characterData: true };
           new MutationObserver(() => note('summary')).observe(summary, watch);
           new MutationObserver(() => note('total')).observe(total, watch);
           const tasks = window.__longTasks = [];
           new PerformanceObserver(list => tasks.push(...list.getEntries()))
               .observe({ type: 'longtask' });
           return null;"#,
    )
    .await?;
    let answer = page
        .js_with(
            "const answer = window.cchcApp.importTemplates(arguments[0]);
             window.__imported = performance.now();
             // Typed in the page's next task, while the slices of the index are still to
             // come (the check does not hang on WebDriver's timing).
             const budget = document.querySelector('input[aria-label=\"Kinh phí (triệu đồng)\"]');
             setTimeout(() => {
                 budget.focus();
                 budget.value = '777';
                 budget.dispatchEvent(new Event('input', { bubbles: true }));
             }, 0);
             return answer;",
            vec![json!(large_template_file())],
        )
        .await?;
    if let Some(error) = answer.get("error") {
        bail!("the hook refused the file: {error}");
    }
    page.wait_for_within(
        "the imported template found",
        Duration::from_secs(120),
        |page| async move {
            let text = summary(&page).await?;
            let first = page
                .js("const r = document.querySelector('.library-result .result-content'); return r ? r.textContent : '';")
                .await?;
            Ok(!text.contains(INDEXING) && first.as_str() == Some(MARKER))
        },
    )
    .await?;
    let log = page.js("return window.__indexLog;").await?;
    let entries: Vec<(String, String, String, f64)> = serde_json::from_value(log.clone())?;
    // "Đang lập chỉ mục tìm kiếm… (12.000/26.234 mẫu)": of the whole library, imports too.
    let indexing = |text: &str| {
        text.contains(INDEXING)
            && text
                .split_once('/')
                .and_then(|(_, rest)| rest.split_once(" mẫu)"))
                .and_then(|(total, _)| total.replace('.', "").parse::<usize>().ok())
                .is_some_and(|total| total > COUNT)
    };
    let shown = entries
        .iter()
        .position(|(what, text, _, _)| what == "summary" && indexing(text));
    let typed = entries
        .iter()
        .position(|(what, text, total, _)| what == "total" && indexing(text) && total == "777");
    match (shown, typed) {
        (Some(shown), Some(typed)) if shown <= typed => {}
        _ => bail!("the total did not change while the panel said {INDEXING:?}: {log}"),
    }
    // Slices, not one long task: the longest main-thread task after the import returned (the
    // import itself, reading and merging the file, is one task), printed for the record.
    let tasks = page
        .js("const after = window.__imported;
             const longest = tasks => Math.max(0, ...tasks.map(t => t.duration));
             return [longest(window.__longTasks.filter(t => t.startTime < after)),
                     longest(window.__longTasks.filter(t => t.startTime >= after))];")
        .await?;
    let (import, longest): (f64, f64) = serde_json::from_value(tasks)?;
    let imported = page.js("return window.__imported;").await?.as_f64();
    let complete = entries
        .iter()
        .rfind(|(what, text, _, _)| what == "summary" && indexing(text))
        .map(|(_, _, _, at)| at);
    let indexed_in = imported
        .zip(complete)
        .map_or(f64::NAN, |(from, to)| to - from);
    eprintln!(
        "{COUNT} templates: the import task {import:.0} ms, then indexed in slices for about \
         {indexed_in:.0} ms, longest main-thread task meanwhile {longest:.0} ms"
    );
    // Figures only: timings are measured, never asserted (scripts/bench gives the figures).
    Ok(())
}
