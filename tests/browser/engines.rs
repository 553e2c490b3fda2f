//! What differs between browser engines, checked in each (the suite runs once per engine:
//! Chromium, Firefox ESR, WebKitGTK): no spelling marks on Vietnamese text, one fetch per
//! asset, and the harness's own engine-neutral tools (init scripts, captured downloads).

use std::collections::BTreeMap;

use crate::harness::{app_requests, bail, browser_tests, BrowserTest, Kind, Page, Result};
use serde_json::json;

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        vietnamese_text_is_not_spell_checked,
        every_asset_is_fetched_once,
        init_scripts_run_before_the_app_in_every_load,
        the_web_app_manifest_makes_it_installable,
    ]
}

/// Firefox and WebKit have no Vietnamese dictionary: spell checking would underline nearly
/// every word typed in the task fields.
async fn vietnamese_text_is_not_spell_checked(page: Page) -> Result {
    page.click_button("Thêm nhiệm vụ").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", 1).await?;
    page.type_into("Nội dung, nhiệm vụ", 0, "Rà soát thủ tục hành chính")
        .await?;
    let checked = page
        .js("return [...document.querySelectorAll('textarea, input[type=text], input[type=search], input:not([type])')]
                 .filter(e => e.spellcheck)
                 .map(e => e.getAttribute('aria-label') || e.name || e.outerHTML.slice(0, 80));")
        .await?;
    if checked != json!([]) {
        bail!("these text fields are spell-checked: {checked}");
    }
    let fields = page.count_of(Kind::Field, "Nội dung, nhiệm vụ").await?;
    assert_eq!(fields, 1);
    Ok(())
}

/// A cold load fetches each file once (WebKit fetched the wasm twice when a preload with an
/// integrity hash did not match wasm-bindgen's own fetch).
async fn every_asset_is_fetched_once(page: Page) -> Result {
    // The documents worker starts when the page is idle: wait for its wasm too.
    page.wait_for("the documents worker's wasm to load", |_| async {
        Ok(app_requests()
            .iter()
            .any(|p| p.starts_with("/worker") && p.ends_with(".wasm")))
    })
    .await?;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for path in app_requests() {
        *counts.entry(path).or_default() += 1;
    }
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    if !twice.is_empty() {
        bail!("fetched more than once: {twice:?} (all: {counts:?})");
    }
    assert!(
        counts
            .keys()
            .any(|p| p.starts_with("/cchc-plan") && p.ends_with(".wasm")),
        "the app's wasm is not among the requests: {counts:?}"
    );
    Ok(())
}

/// `page.add_init_script` (how tests replace an API before the app starts, in every engine)
/// runs in every later load, before the app's scripts, after the harness's error hook.
async fn init_scripts_run_before_the_app_in_every_load(page: Page) -> Result {
    page.add_init_script(
        "window.__cchcSeen = { hook: Array.isArray(window.__cchcErrors), app: !!document.querySelector('main.app') };",
    )
    .await?;
    for _ in 0..2 {
        page.reload().await?;
        let seen = page.js("return window.__cchcSeen;").await?;
        assert_eq!(seen, json!({ "hook": true, "app": false }));
    }
    Ok(())
}

/// The page links a web app manifest: Vietnamese name, standalone, icons of 192 and 512
/// pixels that load as the sizes they claim.
async fn the_web_app_manifest_makes_it_installable(page: Page) -> Result {
    let seen = page
        .client()
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const link = document.querySelector('link[rel=manifest]');
             if (!link) { done({ error: 'no manifest link' }); return; }
             fetch(link.href).then((r) => r.json()).then(async (manifest) => {
               const icons = [];
               for (const icon of manifest.icons || []) {
                 const url = new URL(icon.src, link.href).href;
                 const size = await new Promise((resolve) => {
                   const img = new Image();
                   img.onload = () => resolve(img.naturalWidth + 'x' + img.naturalHeight);
                   img.onerror = () => resolve('failed');
                   img.src = url;
                 });
                 icons.push({ sizes: icon.sizes, type: icon.type, loaded: size });
               }
               done({ name: manifest.name, lang: manifest.lang, display: manifest.display,
                      start: new URL(manifest.start_url, link.href).href, icons });
             }).catch((e) => done({ error: String(e) }));",
            vec![],
        )
        .await?;
    assert_eq!(seen["error"], json!(null), "{seen}");
    assert_eq!(seen["name"], json!("Kế hoạch cải cách hành chính"));
    assert_eq!(seen["lang"], json!("vi"));
    assert_eq!(seen["display"], json!("standalone"));
    assert_eq!(seen["start"], json!(format!("{}/", page.base_url())));
    for size in ["192x192", "512x512"] {
        let icon = seen["icons"]
            .as_array()
            .and_then(|icons| icons.iter().find(|i| i["sizes"] == json!(size)));
        match icon {
            Some(icon) if icon["type"] == json!("image/png") && icon["loaded"] == json!(size) => {}
            _ => bail!("no loadable {size} PNG icon: {seen}"),
        }
    }
    Ok(())
}
