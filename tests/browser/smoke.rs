//! Smoke tests of the app as built into dist/.

use crate::harness::{bail, block_app_paths, browser_tests, dist_dir, BrowserTest, Page, Result};
use serde_json::json;

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        renders_the_heading,
        requests_nothing_from_other_origins,
        survives_a_reload,
        test_hooks_only_with_the_test_marker,
        shows_the_heading_and_a_loading_note_until_the_app_starts,
        an_empty_plan_says_how_to_start,
    ]
}

const HEADING: &str = "Kế hoạch cải cách hành chính";

async fn renders_the_heading(page: Page) -> Result {
    let heading = page.find(HEADING, 0).await?;
    assert_eq!(heading.tag_name().await?, "h1");
    assert_eq!(page.text_of(HEADING).await?, HEADING);
    assert_eq!(page.client().title().await?, HEADING);
    Ok(())
}

/// The app must work on a closed network: everything it loads comes from where it is served.
async fn requests_nothing_from_other_origins(page: Page) -> Result {
    let resources = page
        .js("return performance.getEntriesByType('resource').map(e => e.name);")
        .await?;
    let resources: Vec<String> = serde_json::from_value(resources)?;
    assert!(
        resources.iter().any(|url| url.ends_with(".wasm")),
        "the wasm module is not among the loaded resources: {resources:?}"
    );
    let own = format!("{}/", page.base_url());
    let foreign: Vec<&String> = resources
        .iter()
        .filter(|url| !url.starts_with(&own))
        .collect();
    assert!(
        foreign.is_empty(),
        "the app requested other origins: {foreign:?}"
    );
    Ok(())
}

async fn survives_a_reload(page: Page) -> Result {
    page.reload().await?;
    assert_eq!(page.count(HEADING).await?, 1);
    Ok(())
}

/// `window.cchcApp` can open plans and replace the drafter's library: it exists only in a page
/// the harness marked (`TEST_MARKER` in harness/driver.rs), never in a drafter's page.
async fn test_hooks_only_with_the_test_marker(page: Page) -> Result {
    let hooked = page
        .js("return typeof window.cchcApp?.openPlanFile;")
        .await?;
    assert_eq!(
        hooked,
        json!("function"),
        "the marked page has no test hooks"
    );
    // A later script on every new document takes the marker away, as in a drafter's page.
    page.add_init_script("delete window.__cchcTestHooks;")
        .await?;
    page.reload().await?;
    assert_eq!(page.count(HEADING).await?, 1);
    let hooks = page.js("return typeof window.cchcApp;").await?;
    assert_eq!(hooks, json!("undefined"), "an unmarked page has test hooks");
    Ok(())
}

const LOADING: &str = "Đang tải ứng dụng…";

/// index.html paints the heading and a loading note before the wasm arrives (seconds on a
/// slow link); the app takes the note away when it mounts.
async fn shows_the_heading_and_a_loading_note_until_the_app_starts(page: Page) -> Result {
    // Started: the note is gone and the heading is there once.
    assert_eq!(
        page.count(LOADING).await?,
        0,
        "the loading note outlived the start"
    );
    assert_eq!(page.count(HEADING).await?, 1);
    // The app's wasm never arrives, as on a link that stalls: the page still shows what it is.
    let mut wasm = Vec::new();
    for entry in std::fs::read_dir(dist_dir())? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.starts_with("cchc-plan-") && name.ends_with("_bg.wasm") {
            wasm.push(format!("/{name}"));
        }
    }
    let [wasm] = wasm.as_slice() else {
        bail!("dist/ should hold one app wasm, not {wasm:?}");
    };
    block_app_paths(&[wasm.as_str()]);
    page.client().refresh().await?;
    page.wait_for_body_text(LOADING).await?;
    assert_eq!(page.count(HEADING).await?, 1);
    if page
        .js("return document.querySelector('main.app') !== null;")
        .await?
        != json!(false)
    {
        bail!("the app started without its wasm");
    }
    // (The failed start was logged as an error, on purpose here.)
    page.take_console_errors().await?;
    Ok(())
}

/// A first open (an empty plan) says the three ways to start, inside the empty table, each
/// naming a control that is on the page.
async fn an_empty_plan_says_how_to_start(page: Page) -> Result {
    let text = page
        .js("const row = document.querySelector('.plan-table .row.empty'); return row ? row.textContent : '';")
        .await?;
    let text = text.as_str().unwrap_or_default().to_string();
    for way in [
        "“Thư viện mẫu”",
        "“Tạo kế hoạch từ văn bản mẫu”",
        "“Mở tệp”",
        "năm trước",
        "“Thêm lĩnh vực”",
    ] {
        if !text.contains(way) {
            bail!("the empty table does not mention {way}: {text:?}");
        }
    }
    for control in ["Thư viện mẫu", "Mở tệp", "Thêm lĩnh vực"] {
        page.find(control, 0).await?;
    }
    Ok(())
}
