//! Smoke tests of the app as built into dist/.

use crate::harness::{browser_tests, BrowserTest, Page, Result};
use serde_json::json;

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        renders_the_heading,
        requests_nothing_from_other_origins,
        survives_a_reload,
        test_hooks_only_with_the_test_marker
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
    page.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "delete window.__cchcTestHooks;" }),
    )
    .await?;
    page.reload().await?;
    assert_eq!(page.count(HEADING).await?, 1);
    let hooks = page.js("return typeof window.cchcApp;").await?;
    assert_eq!(hooks, json!("undefined"), "an unmarked page has test hooks");
    Ok(())
}
