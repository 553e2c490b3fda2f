//! The documents worker: the first load does not fetch it, each asset is fetched once, the
//! page stays usable while it writes a large workbook, and a worker that cannot load says
//! so and leaves the plan as it was. Counts requests in the test server's log.

#[path = "../../examples/shared/plans.rs"]
pub(crate) mod plans;

use serde_json::json;

use crate::export::open_seed_002;
use crate::harness::{
    app_requests, bail, block_app_paths, browser_tests, BrowserTest, Page, Result,
};
use cchc_plan::domain::file_format::write_plan;

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        only_the_workers_wasm_holds_the_xlsx_writer,
        the_first_load_does_not_fetch_the_worker_and_fetches_each_file_once,
        typing_updates_a_row_while_a_10000_task_export_runs,
        a_worker_that_cannot_load_says_so_and_keeps_the_plan,
        a_worker_that_crashes_says_so_keeps_the_plan_and_is_restarted,
    ]
}

/// The worker's files, as Trunk writes them to dist/ (unhashed: the app names them).
const WORKER_FILES: [&str; 3] = ["/worker_loader.js", "/worker.js", "/worker_bg.wasm"];

/// Strings of rust_xlsxwriter's XML templates: in the wasm that links the Excel writer.
const XLSX_WRITER_MARKERS: [&str; 3] = [
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "x14ac:dyDescent",
    "workbookView",
];

/// The app's wasm (dist/cchc-plan-<hash>_bg.wasm) has none of the writer's templates; the
/// worker's (dist/worker_bg.wasm) has them all, so the markers do mark the writer.
async fn only_the_workers_wasm_holds_the_xlsx_writer(_page: Page) -> Result {
    let dist = crate::harness::dist_dir();
    let mut apps = Vec::new();
    for entry in std::fs::read_dir(&dist)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.starts_with("cchc-plan-") && name.ends_with("_bg.wasm") {
            apps.push(name);
        }
    }
    let [app] = apps.as_slice() else {
        bail!("dist/ should hold one app wasm, not {apps:?}");
    };
    let app_bytes = std::fs::read(dist.join(app))?;
    let worker_bytes = std::fs::read(dist.join("worker_bg.wasm"))?;
    let holds =
        |bytes: &[u8], marker: &str| bytes.windows(marker.len()).any(|w| w == marker.as_bytes());
    for marker in XLSX_WRITER_MARKERS {
        if !holds(&worker_bytes, marker) {
            bail!("the worker's wasm lacks {marker:?}: not a marker of the writer");
        }
        if holds(&app_bytes, marker) {
            bail!("the app's wasm {app} holds {marker:?}: it links the xlsx writer");
        }
    }
    Ok(())
}

async fn the_first_load_does_not_fetch_the_worker_and_fetches_each_file_once(page: Page) -> Result {
    // The worker is fetched when the browser is idle after the first render.
    let prefetched = page
        .wait_for("the idle prefetch of the worker", |_| async {
            Ok(WORKER_FILES
                .iter()
                .all(|f| app_requests().iter().any(|r| r == f)))
        })
        .await;
    if let Err(error) = prefetched {
        let worker = page
            .js("return document.documentElement.dataset.documentsWorker || 'not started';")
            .await?;
        bail!(
            "{error}; the worker is {worker}; the server was asked for {:?}",
            app_requests()
        );
    }
    let requests = app_requests();
    let first_worker = requests
        .iter()
        .position(|r| WORKER_FILES.contains(&r.as_str()))
        .expect("waited for above");
    let first_load = &requests[..first_worker];
    let app_wasm = first_load
        .iter()
        .filter(|r| r.starts_with("/cchc-plan-") && r.ends_with("_bg.wasm"))
        .count();
    let app_js = first_load
        .iter()
        .filter(|r| r.starts_with("/cchc-plan-") && r.ends_with(".js"))
        .count();
    let css = first_load.iter().filter(|r| r.ends_with(".css")).count();
    if first_load.first().map(String::as_str) != Some("/")
        || app_wasm != 1
        || app_js != 1
        || css != 1
    {
        bail!(
            "the first load is not the page, the app's script, wasm and stylesheet once each \
             before the worker: {requests:?}"
        );
    }
    // Each file once, the worker's included (Trunk's preload is not fetched again).
    for (i, path) in requests.iter().enumerate() {
        if requests[..i].contains(path) && path != "/favicon.ico" {
            bail!("{path} was fetched twice: {requests:?}");
        }
    }
    // And index.html names none of the worker's files (nothing preloads it).
    let html = page
        .js("return document.documentElement.outerHTML;")
        .await?;
    let html = html.as_str().unwrap_or_default();
    if let Some(file) = WORKER_FILES.iter().find(|f| html.contains(&f[1..])) {
        bail!("the page names {file}");
    }
    // Nor preloads anything with `rel="preload"`: WebKit does not match Trunk's wasm preload
    // with wasm-bindgen's fetch and downloads the wasm twice (the page fetches it itself).
    if html.contains(r#"rel="preload""#) {
        bail!("the page has a <link rel=\"preload\">: {html}");
    }
    Ok(())
}

async fn typing_updates_a_row_while_a_10000_task_export_runs(page: Page) -> Result {
    // Opened after the script returns: rendering 10.000 rows outlasts WebDriver's script timeout.
    page.js_with(
        "const text = arguments[0];
         setTimeout(() => { window.__opened = window.cchcApp.openPlanFile(text); });",
        vec![json!(write_plan(&plans::plan(10_000)))],
    )
    .await?;
    // Found by CSS, not by accessible name: naming every element of 10.000 rows is slow.
    const BUDGET: &str = r#"input[aria-label="Kinh phí (triệu đồng)"]"#;
    // The plan is open once openPlanFile said yes and its first rows are there; the other
    // rows go on filling in (a timer task at a time) while the export runs, as for a drafter.
    page.wait_for_within(
        "the 10.000-task plan",
        std::time::Duration::from_secs(120),
        |page| async move {
            let count = page
                .js_with(
                    "return document.querySelectorAll(arguments[0]).length;",
                    vec![json!(BUDGET)],
                )
                .await?;
            let opened = page.js("return window.__opened;").await?;
            if !(opened.is_null() || opened == json!("")) {
                bail!("openPlanFile refused the plan: {opened}");
            }
            Ok(opened == json!("") && count.as_u64().unwrap_or(0) >= 1)
        },
    )
    .await?;
    // The page notes, in order, what the export button and the total show.
    let before = page
        .js(r#"
            const button = [...document.querySelectorAll('button')]
                .find(b => b.textContent.trim() === 'Xuất Excel');
            const total = document.querySelector('output[aria-label="Tổng kinh phí"]');
            const log = window.__exportLog = [];
            const note = (what) => log.push([what, button.textContent.trim(), total.textContent]);
            const watch = { subtree: true, childList: true, characterData: true };
            new MutationObserver(() => note('button')).observe(button, watch);
            new MutationObserver(() => note('total')).observe(total, watch);
            return total.textContent;
        "#)
        .await?;
    // The click starts the export; the very next task of the page types into a budget. Had
    // the export run on the main thread, the click's task would have held the page until
    // the workbook was done, and the typing would land after "Đang xuất…" is gone. (The
    // input is dispatched by the page itself, so the check does not hang on WebDriver's
    // timing.)
    page.js_with(
        r#"
            const button = [...document.querySelectorAll('button')]
                .find(b => b.textContent.trim() === 'Xuất Excel');
            const budget = document.querySelector(arguments[0]);
            button.click();
            setTimeout(() => {
                budget.focus();
                budget.value = '777777';
                budget.dispatchEvent(new Event('input', { bubbles: true }));
            }, 0);
        "#,
        vec![json!(BUDGET)],
    )
    .await?;
    // The workbook of 10.000 tasks, made while the page still renders the rows on 2 shared
    // cores, took longer than the usual 10 s once in WebKit (a whole CI-like run).
    page.wait_for_download_within(".xlsx", std::time::Duration::from_secs(60))
        .await?;
    let log = page.js("return window.__exportLog;").await?;
    let entries: Vec<(String, String, String)> = serde_json::from_value(log.clone())?;
    let busy = entries
        .iter()
        .position(|(what, button, _)| what == "button" && button == "Đang xuất…");
    let typed = entries.iter().position(|(what, button, total)| {
        what == "total" && button == "Đang xuất…" && Some(total.as_str()) != before.as_str()
    });
    let done = entries
        .iter()
        .rposition(|(what, button, _)| what == "button" && button == "Xuất Excel");
    match (busy, typed, done) {
        (Some(busy), Some(typed), Some(done)) if busy < typed && typed < done => Ok(()),
        _ => bail!(
            "the total did not change while the button read \"Đang xuất…\" (total before {before}): {log}"
        ),
    }
}

async fn a_worker_that_cannot_load_says_so_and_keeps_the_plan(page: Page) -> Result {
    // As when offline before the worker was ever fetched: its wasm cannot be loaded.
    block_app_paths(&["/worker_bg.wasm"]);
    page.reload().await?;
    open_seed_002(&page).await?;
    page.click_button("Xuất Excel").await?;
    page.wait_for_body_text("Không tải được bộ xử lý tệp")
        .await?;
    page.wait_for_text("Tổng kinh phí", "936").await?;
    page.button("Xuất Excel", 0).await?;
    if !page.downloads()?.is_empty() {
        bail!("a file was downloaded: {:?}", page.downloads()?);
    }
    // Back online: the next request starts a new worker, and the export works.
    block_app_paths(&[]);
    page.click_button("Xuất Excel").await?;
    let path = page.wait_for_download(".xlsx").await?;
    let book = std::fs::read(path)?;
    let mut book = crate::common::open(&book);
    let tasks = crate::common::sheet(&mut book, "Phụ lục I");
    let total = crate::common::find_row(&tasks, 0, "Tổng cộng").expect("a Tổng cộng row");
    if crate::common::number(&tasks, total, 6) != Some(936.0) {
        bail!("the workbook does not total 936");
    }
    Ok(())
}

/// Installed before the app starts: keeps every documents worker the app creates, so the
/// test can reach the live one. (The app creates it with `new Worker(...)`, looked up on
/// `window` at each call.)
const WORKER_SPY: &str = r#"
(() => {
  const Real = window.Worker;
  window.__cchcWorkers = [];
  window.Worker = class extends Real {
    constructor(...args) { super(...args); window.__cchcWorkers.push(this); }
  };
})();
"#;

async fn a_worker_that_crashes_says_so_keeps_the_plan_and_is_restarted(page: Page) -> Result {
    page.add_init_script(WORKER_SPY).await?;
    page.reload().await?;
    open_seed_002(&page).await?;
    // A first export: the worker runs and answers.
    page.click_button("Xuất Excel").await?;
    let first = page.wait_for_download(".xlsx").await?;
    std::fs::remove_file(first)?;
    let workers = page.js("return window.__cchcWorkers.length;").await?;
    if workers != json!(1) {
        bail!("one worker should run after the first export, not {workers}");
    }
    // The live worker gets a message it cannot take as bytes (a typed array of 10^12 bytes):
    // the JavaScript error escapes its message handler, as a panic of its wasm would, and
    // reaches the app as the worker's `error` event. In the same task the drafter clicks
    // "Xuất Excel", so that export is waiting for the worker when the error arrives.
    page.js(r#"
        window.__cchcWorkers.at(-1).postMessage(1e12);
        const button = [...document.querySelectorAll('button')]
          .find((b) => b.textContent.trim() === 'Xuất Excel');
        button.click();
        "#)
        .await?;
    page.wait_for_body_text("Bộ xử lý tệp gặp lỗi và đã dừng")
        .await?;
    page.wait_for_text("Tổng kinh phí", "936").await?;
    page.button("Xuất Excel", 0).await?;
    if !page.downloads()?.is_empty() {
        bail!(
            "the crashed export still downloaded: {:?}",
            page.downloads()?
        );
    }
    // The next request starts a new worker, and the export works.
    page.click_button("Xuất Excel").await?;
    let path = page.wait_for_download(".xlsx").await?;
    let workers = page.js("return window.__cchcWorkers.length;").await?;
    if workers != json!(2) {
        bail!("a second worker should have been started, not {workers} in all");
    }
    let book = std::fs::read(path)?;
    let mut book = crate::common::open(&book);
    let tasks = crate::common::sheet(&mut book, "Phụ lục I");
    let total = crate::common::find_row(&tasks, 0, "Tổng cộng").expect("a Tổng cộng row");
    if crate::common::number(&tasks, total, 6) != Some(936.0) {
        bail!("the workbook from the restarted worker does not total 936");
    }
    // (The harness fails the test on any error the page logged: the app handled the crash.)
    Ok(())
}
