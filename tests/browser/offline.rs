//! Offline and safe to host anywhere: the service worker (dist/sw.js, made by
//! scripts/post-build) opens, edits and exports off line (every request of the page failing); a new build is
//! announced and taken without losing an edit; the Content-Security-Policy is in force.
//!
//! The service worker runs only in the tests that opt in (`window.__cchcServiceWorker`, see
//! src/platform/offline.rs). Each of them serves the app on its own server, its own origin,
//! so taking that server off line touches no other test.

use std::path::Path;

use serde_json::json;

use crate::harness::{
    bail, browser_tests, dist_dir, BrowserTest, Kind, Page, Result, StaticServer, TempDir,
};
use crate::storage::wait_for_value;

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        the_app_opens_edits_and_exports_off_line,
        a_new_build_is_announced_and_taken_without_losing_an_edit,
        the_content_security_policy_is_in_force,
    ]
}

const OPT_IN: &str = "window.__cchcServiceWorker = true;";

/// Opens the app served by `server`, with the service worker, and waits until the worker
/// controls the page (`<html data-offline="ready">`).
async fn open_with_service_worker(page: &Page, server: &StaticServer) -> Result {
    page.add_init_script(OPT_IN).await?;
    page.open_url(&format!("{}/", server.base_url())).await?;
    // Installing copies the whole build (4 MB) into the cache first.
    let started = std::time::Instant::now();
    loop {
        let state = page
            .js("return navigator.serviceWorker.getRegistration().then((r) => ({
                     marker: document.documentElement.dataset.offline || '',
                     controlled: !!navigator.serviceWorker.controller,
                     registration: r ? ['installing', 'waiting', 'active'].map((k) => k + ': ' + (r[k] ? r[k].state : '-')).join(', ') : 'none',
                 }));")
            .await?;
        if state["marker"] == json!("failed") {
            bail!("the service worker could not be installed: {state}");
        }
        if state["controlled"] == json!(true) {
            return Ok(());
        }
        if started.elapsed() > std::time::Duration::from_secs(75) {
            let cached = page
                .js("return caches.keys().then((keys) => Promise.all(keys.map((k) =>
                         caches.open(k).then((c) => c.keys()).then((r) => k + ': ' + r.map((q) => new URL(q.url).pathname).join(' ')))));")
                .await?;
            let requests = server
                .traffic()
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .requests
                .join(" ");
            bail!(
                "the service worker did not control the page within 75 s: {state}\n\
                 cached: {cached}\nthe server was asked for: {requests}"
            );
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn add_task(page: &Page, content: &str) -> Result {
    let before = page.count_of(Kind::Field, "Nội dung, nhiệm vụ").await?;
    page.click_button("Thêm nhiệm vụ").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", before + 1)
        .await?;
    page.type_into("Nội dung, nhiệm vụ", before, content).await
}

async fn the_app_opens_edits_and_exports_off_line(page: Page) -> Result {
    let server = StaticServer::start(&dist_dir())?;
    open_with_service_worker(&page, &server).await?;
    add_task(&page, "Rà soát thủ tục hành chính").await?;
    page.wait_for_body_text("Đã lưu trong trình duyệt.").await?;

    // No network: every request of the page fails.
    server.go_offline(true);
    // Opened again (a reload from WebDriver bypasses the service worker in Firefox, as
    // Shift+F5 does).
    let app = format!("{}/", server.base_url());
    page.open_url(&app).await?;
    wait_for_value(&page, "Nội dung, nhiệm vụ", 0, "Rà soát thủ tục hành chính").await?;
    page.wait_for_body_text("Danh sách kế hoạch (1)").await?;

    // An edit made offline is kept through another offline reload.
    add_task(&page, "Nhiệm vụ soạn khi mất mạng").await?;
    page.open_url(&app).await?;
    wait_for_value(&page, "Nội dung, nhiệm vụ", 1, "Nhiệm vụ soạn khi mất mạng").await?;

    // Export, offline: the documents worker comes from the cache too.
    for old in page.downloads()? {
        std::fs::remove_file(old)?;
    }
    page.click_button("Xuất Excel").await?;
    page.wait_for_body_text("Đã xuất tệp Excel").await?;
    page.click_button("Xuất Word").await?;
    page.wait_for_body_text("Đã xuất tệp Word").await?;
    // (WebKit's downloads reach the test through the harness's own path of the server,
    // which stays on line.)
    let xlsx = std::fs::read(page.wait_for_download(".xlsx").await?)?;
    let docx = std::fs::read(page.wait_for_download(".docx").await?)?;
    for (what, bytes, part) in [
        ("xlsx", &xlsx, "xl/workbook.xml"),
        ("docx", &docx, "word/document.xml"),
    ] {
        let text = String::from_utf8_lossy(bytes);
        if !bytes.starts_with(b"PK") || !text.contains(part) {
            bail!("the offline {what} export is not an office file with {part}");
        }
    }
    let mut book = crate::common::open(&xlsx);
    let sheet = crate::common::sheet(&mut book, "Phụ lục I");
    if crate::common::find_row(&sheet, 1, "Nhiệm vụ soạn khi mất mạng").is_none() {
        bail!("the offline workbook lacks the task typed offline");
    }
    Ok(())
}

/// Copies `dist/` into a fresh folder (the test changes its sw.js, as a new build would).
fn copy_of_dist() -> Result<TempDir> {
    fn copy(from: &Path, to: &Path) -> Result {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            let target = to.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                copy(&entry.path(), &target)?;
            } else {
                std::fs::copy(entry.path(), target)?;
            }
        }
        Ok(())
    }
    let site = TempDir::new("site")?;
    copy(&dist_dir(), site.path())?;
    Ok(site)
}

async fn a_new_build_is_announced_and_taken_without_losing_an_edit(page: Page) -> Result {
    let site = copy_of_dist()?;
    let server = StaticServer::start(site.path())?;
    open_with_service_worker(&page, &server).await?;
    add_task(&page, "Rà soát thủ tục hành chính").await?;
    let caches = "return caches.keys().then((keys) => keys.filter((k) => k.startsWith('cchc-')));";
    let first = page.js(caches).await?;

    // A new build is published: its sw.js differs. The browser checks on its own at each
    // navigation and the app every 30 minutes; the test asks now.
    let sw = site.path().join("sw.js");
    let text = std::fs::read_to_string(&sw)?;
    let Some(start) = text.find("const VERSION = \"") else {
        bail!("sw.js has no VERSION");
    };
    let at = start + "const VERSION = \"".len();
    std::fs::write(&sw, format!("{}newer-{}", &text[..at], &text[at..]))?;
    page.js("navigator.serviceWorker.getRegistration().then((r) => r.update());")
        .await?;
    page.wait_for_body_text("Đã có phiên bản mới").await?;

    // Typed just before "Tải lại", with no time for the autosave's pause.
    page.js("window.__cchcOldPage = true;").await?;
    page.type_into("Nội dung, nhiệm vụ", 0, " năm 2027").await?;
    page.click_button("Tải lại").await?;
    page.wait_for("the new version's page", |p| async move {
        Ok(
            p.js("return !window.__cchcOldPage && !!document.querySelector('main.app');")
                .await?
                == json!(true),
        )
    })
    .await?;
    page.wait_until_started(std::time::Duration::from_secs(20))
        .await?;
    wait_for_value(
        &page,
        "Nội dung, nhiệm vụ",
        0,
        "Rà soát thủ tục hành chính năm 2027",
    )
    .await?;
    // The new build's worker controls the page, its cache replaced the old one, and
    // nothing is announced any more.
    page.wait_for("the new service worker to control the page", |p| {
        let first = first.clone();
        async move {
            let state = p
                .js("return navigator.serviceWorker.getRegistration().then((r) => [!!navigator.serviceWorker.controller, !!r.waiting]);")
                .await?;
            let now = p.js(caches).await?;
            Ok(state == json!([true, false]) && now.as_array().is_some_and(|k| k.len() == 1) && now != first)
        }
    })
    .await?;
    if page.body_text().await?.contains("Đã có phiên bản mới") {
        bail!("the new version is still announced after it was taken");
    }
    drop(server);
    Ok(())
}

/// The policy of index.html is enforced: a script written into the page (as text from an
/// opened file might try) does not run, and nothing loads from another origin.
async fn the_content_security_policy_is_in_force(page: Page) -> Result {
    let policy = page
        .js("const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]'); return m ? m.content : '';")
        .await?;
    let policy = policy.as_str().unwrap_or_default().to_string();
    for part in [
        "script-src 'self' 'wasm-unsafe-eval'",
        "object-src 'none'",
        "default-src 'self'",
    ] {
        if !policy.contains(part) {
            bail!("the policy lacks {part:?}: {policy:?}");
        }
    }
    if policy.contains("unsafe-inline'; ") && policy.contains("script-src 'self' 'unsafe-inline'") {
        bail!("the policy allows inline scripts: {policy:?}");
    }
    let outcome = page
        .js(
            "const seen = [];
             document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective.split(' ')[0]));
             const inline = document.createElement('script');
             inline.textContent = 'window.__cchcInlineRan = true;';
             document.head.append(inline);
             const remote = document.createElement('img');
             remote.src = 'http://127.0.0.2:9/x.png';
             document.body.append(remote);
             return new Promise((resolve) => setTimeout(() => resolve({ ran: !!window.__cchcInlineRan, seen }), 500));",
        )
        .await?;
    if outcome["ran"] != json!(false) {
        bail!("an inline script ran despite the policy: {outcome}");
    }
    let seen = outcome["seen"].to_string();
    if !seen.contains("script-src") || !seen.contains("img-src") {
        bail!("the browser reported no violation of script-src and img-src: {outcome}");
    }
    // The refused image is the only error the page saw.
    let errors = page.take_console_errors().await?;
    if errors.iter().any(|e| !e.contains("127.0.0.2")) {
        bail!("the page logged other errors: {errors:?}");
    }
    // The app itself runs under it: an edit works.
    add_task(&page, "Rà soát thủ tục hành chính").await?;
    Ok(())
}
