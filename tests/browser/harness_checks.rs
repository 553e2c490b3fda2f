//! Tests of the harness itself, on small static pages served from temporary folders (never
//! shipped in dist/): broken pages are caught, names are found as a screen reader would,
//! keys and downloads work, and every test gets a fresh browser profile.

use std::time::Duration;

use crate::harness::{
    browser_crashed, browser_tests, not_checked, webkit_start_trap, BrowserTest, Engine, Error,
    Key, Page, Result, StaticServer,
};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        blank_page_is_detected,
        panic_message_fails_the_start,
        broken_wasm_fails_the_start,
        controls_are_found_by_accessible_name,
        typing_fires_input_events,
        key_chords_reach_the_page,
        downloads_land_in_the_session_folder,
        storage_starts_empty_a,
        storage_starts_empty_b,
        a_crashed_page_is_told_from_a_failed_test,
        a_wasm_trap_at_start_is_taken_for_the_engine_only_in_webkit,
    ]
}

async fn blank_page_is_detected(page: Page) -> Result {
    let site = StaticServer::with_files(&[(
        "index.html",
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>trống</title></head><body></body></html>",
    )])?;
    let error = page
        .open_url_with_timeout(&site.url("/"), Duration::from_secs(1))
        .await
        .expect_err("a blank page must not count as started");
    assert!(
        error.to_string().contains("stayed blank"),
        "unexpected error: {error}"
    );
    Ok(())
}

/// What console_error_panic_hook logs when Rust code panics in the browser.
async fn panic_message_fails_the_start(page: Page) -> Result {
    let site = StaticServer::with_files(&[(
        "index.html",
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
        <script>console.error("panicked at src/ui/mod.rs:9:5:\nkhông vẽ được bảng\n\nStack:\n\nError\n    at x");</script>
        <main class="app"><h1>Ứng dụng</h1></main></body></html>"#,
    )])?;
    let error = page
        .open_url(&site.url("/"))
        .await
        .expect_err("a panic must fail the start");
    let message = error.to_string();
    assert!(
        message.contains("panicked at src/ui/mod.rs:9:5"),
        "unexpected error: {message}"
    );
    assert!(
        message.contains("không vẽ được bảng"),
        "unexpected error: {message}"
    );
    page.take_console_errors().await?;
    Ok(())
}

/// A module that fails to instantiate (like wasm corrupted by a bad wasm-opt) leaves the page
/// blank; the harness must say why at once instead of timing out.
async fn broken_wasm_fails_the_start(page: Page) -> Result {
    let site = StaticServer::with_files(&[(
        "index.html",
        r#"<!DOCTYPE html><html><head><meta charset="utf-8">
        <script type="module">
          await WebAssembly.instantiate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99]));
          document.body.innerHTML = '<main class="app"></main>';
        </script></head><body></body></html>"#,
    )])?;
    let error = page
        .open_url(&site.url("/"))
        .await
        .expect_err("a wasm failure must fail the start");
    assert!(
        error.to_string().contains("CompileError"),
        "unexpected error: {error}"
    );
    page.take_console_errors().await?;
    Ok(())
}

const FORM_PAGE: &str = r#"<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Biểu mẫu thử</title></head>
<body>
<main class="app">
  <h1>Trang thử</h1>
  <label for="ten">Tên kế hoạch</label> <input id="ten">
  <label>Năm <input id="nam" type="number"></label>
  <div id="rows">
    <input class="task" id="task-0" aria-label="Nội dung, nhiệm vụ">
    <input class="task" id="task-1" aria-label="Nội dung, nhiệm vụ">
  </div>
  <span id="kp-label">Kinh phí</span> <input id="kp" aria-labelledby="kp-label">
  <input id="tim" placeholder="Tìm kiếm">
  <select id="dv" aria-label="Đơn vị"><option>Sở Nội vụ</option><option>Sở Tư pháp</option></select>
  <button id="them">Thêm <b>nhiệm vụ</b></button>
  <button id="xoa" title="Xóa dòng"><span aria-hidden="true">×</span></button>
  <button hidden>Ẩn</button>
  <p>Bằng chữ: <output id="chu" aria-label="Bằng chữ"></output></p>
  <p>Phím: <output id="phim" aria-label="Phím cuối"></output></p>
  <button id="tai">Tải xuống</button>
</main>
<script>
  const $ = (id) => document.getElementById(id);
  $('ten').addEventListener('input', (e) => { $('chu').textContent = e.target.value; });
  let n = 2;
  $('them').addEventListener('click', () => {
    const input = document.createElement('input');
    input.className = 'task'; input.id = 'task-' + n++; input.setAttribute('aria-label', 'Nội dung, nhiệm vụ');
    $('rows').append(input);
  });
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey && e.key === 'z') $('phim').textContent = 'Ctrl+Z';
  });
  $('tai').addEventListener('click', () => {
    const blob = new Blob(['PK thử'], { type: 'application/octet-stream' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob); a.download = 'bang-du-toan.xlsx';
    document.body.append(a); a.click(); a.remove();
  });
</script>
</body></html>"#;

async fn open_form(page: &Page) -> Result<StaticServer> {
    let site = StaticServer::with_files(&[("index.html", FORM_PAGE)])?;
    page.open_url(&site.url("/")).await?;
    Ok(site)
}

async fn id_of(element: &crate::harness::Element) -> Result<String> {
    Ok(element.attr("id").await?.unwrap_or_default())
}

async fn controls_are_found_by_accessible_name(page: Page) -> Result {
    let _site = open_form(&page).await?;
    assert_eq!(id_of(&page.field("Tên kế hoạch", 0).await?).await?, "ten"); // <label for>
    assert_eq!(id_of(&page.field("Năm", 0).await?).await?, "nam"); // wrapping <label>
    assert_eq!(id_of(&page.field("Kinh phí", 0).await?).await?, "kp"); // aria-labelledby
    assert_eq!(id_of(&page.field("Tìm kiếm", 0).await?).await?, "tim"); // placeholder
    assert_eq!(id_of(&page.field("Đơn vị", 0).await?).await?, "dv"); // aria-label
    assert_eq!(
        id_of(&page.button("Thêm nhiệm vụ", 0).await?).await?,
        "them"
    ); // content
    assert_eq!(id_of(&page.button("Xóa dòng", 0).await?).await?, "xoa"); // title
    assert_eq!(page.find("Trang thử", 0).await?.tag_name().await?, "h1");
    // Same name: document order, counted from 0.
    assert_eq!(page.count("Nội dung, nhiệm vụ").await?, 2);
    assert_eq!(
        id_of(&page.field("Nội dung, nhiệm vụ", 1).await?).await?,
        "task-1"
    );
    // Hidden elements are not found.
    assert_eq!(page.count("Ẩn").await?, 0);
    // Selects read as their chosen option.
    assert_eq!(page.text_of("Đơn vị").await?, "Sở Nội vụ");
    page.select_option("Đơn vị", 0, "Sở Tư pháp").await?;
    assert_eq!(page.text_of("Đơn vị").await?, "Sở Tư pháp");
    // A missing name says which names there are.
    let error = page
        .field("Không có trường này", 0)
        .await
        .expect_err("no such field");
    assert!(
        error.to_string().contains("\"Tên kế hoạch\" <input>"),
        "unhelpful error: {error}"
    );
    Ok(())
}

async fn typing_fires_input_events(page: Page) -> Result {
    let _site = open_form(&page).await?;
    page.type_into("Tên kế hoạch", 0, "Kế hoạch CCHC năm 2026")
        .await?;
    page.wait_for_text("Bằng chữ", "Kế hoạch CCHC năm 2026")
        .await?;
    page.clear_and_type("Tên kế hoạch", 0, "Mười hai triệu đồng")
        .await?;
    page.wait_for_text("Bằng chữ", "Mười hai triệu đồng")
        .await?;
    assert_eq!(
        page.value_of("Tên kế hoạch", 0).await?,
        "Mười hai triệu đồng"
    );

    page.click_button("Thêm nhiệm vụ").await?;
    page.wait_for_count("Nội dung, nhiệm vụ", 3).await?;
    page.type_into("Nội dung, nhiệm vụ", 2, "Rà soát thủ tục")
        .await?;
    assert_eq!(
        id_of(&page.field("Nội dung, nhiệm vụ", 2).await?).await?,
        "task-2"
    );
    assert_eq!(
        page.value_of("Nội dung, nhiệm vụ", 2).await?,
        "Rà soát thủ tục"
    );
    page.wait_for("a fourth task row", |p| async move {
        p.click_button("Thêm nhiệm vụ").await?;
        Ok(p.count("Nội dung, nhiệm vụ").await? >= 4)
    })
    .await?;
    Ok(())
}

async fn key_chords_reach_the_page(page: Page) -> Result {
    let _site = open_form(&page).await?;
    page.click_field("Tên kế hoạch", 0).await?;
    page.press_keys(Key::Control + "z").await?;
    page.wait_for_text("Phím cuối", "Ctrl+Z").await?;
    Ok(())
}

async fn downloads_land_in_the_session_folder(page: Page) -> Result {
    let _site = open_form(&page).await?;
    assert!(page.downloads()?.is_empty());
    page.click_button("Tải xuống").await?;
    let file = page.wait_for_download(".xlsx").await?;
    assert_eq!(
        file.file_name().and_then(|n| n.to_str()),
        Some("bang-du-toan.xlsx")
    );
    assert_eq!(std::fs::read_to_string(&file)?, "PK thử");
    assert_eq!(page.downloads()?, vec![file]);
    Ok(())
}

/// Run twice: whichever runs second would see the other's entry if profiles were shared
/// (the app is served from the same origin for the whole run).
async fn storage_starts_empty(page: Page) -> Result {
    // The app stores its own plan at start; nothing from an earlier test may be there.
    let leaked = page
        .js("return localStorage.getItem('harness-check');")
        .await?;
    assert!(
        leaked.is_null(),
        "a fresh profile must not see an earlier test's storage"
    );
    page.js("localStorage.setItem('harness-check', 'x');")
        .await?;
    Ok(())
}

async fn storage_starts_empty_a(page: Page) -> Result {
    storage_starts_empty(page).await
}

async fn storage_starts_empty_b(page: Page) -> Result {
    storage_starts_empty(page).await
}

/// Only a test whose browser crashed under it is run again (see harness.rs): a failure on a live
/// page is not taken for a crash, a page whose process died is. Chromium only: it can crash a
/// tab on purpose (chrome://crash); Firefox and WebKit have no such page under automation.
async fn a_crashed_page_is_told_from_a_failed_test(page: Page) -> Result {
    let failure = Error::msg("expected 2 rows, found 1");
    assert!(
        !browser_crashed(&page, &failure).await,
        "a failure on a live page was taken for a browser crash"
    );
    if page.engine() != Engine::Chromium {
        not_checked(
            &page,
            "harness_checks::a_crashed_page_is_told_from_a_failed_test",
            "a crashed page is recognised (only Chromium can crash a tab on purpose)",
        );
        return Ok(());
    }
    // Crash a second tab, so that the test's own page lives on for the harness's checks after it.
    let client = page.client().clone();
    let own = client.window().await?;
    let doomed = client.new_window(true).await?.handle;
    client.switch_to_window(doomed).await?;
    // The navigation itself fails: the tab dies while loading.
    let _ = client.goto("chrome://crash").await;
    let crashed = browser_crashed(&page, &failure).await;
    let probe = page.js("return 1;").await.err().map(|e| e.to_string());
    let _ = client.close_window().await;
    client.switch_to_window(own).await?;
    assert!(
        crashed,
        "a crashed tab was not recognised (the page answered {probe:?})"
    );
    assert_eq!(
        page.js("return 1 + 1;").await?,
        2,
        "the test's own tab lives on"
    );
    Ok(())
}

/// A real wasm trap (a load past the end of a one-page memory) while a page starts: each engine
/// words it its own way, and only WebKit's wording of it during a first load is taken for the
/// engine's start-up trap (harness.rs, `WEBKIT_START_TRAP`), so a trap anywhere else still
/// fails its test.
async fn a_wasm_trap_at_start_is_taken_for_the_engine_only_in_webkit(page: Page) -> Result {
    let site = StaticServer::with_files(&[(
        "index.html",
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
        <script>
        // (module (memory 1) (func (export "f") (drop (i32.load (i32.const 131072)))))
        const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0,
          5, 3, 1, 0, 1, 7, 5, 1, 1, 102, 0, 0, 10, 12, 1, 10, 0, 65, 128, 128, 8, 40, 2, 0, 26, 11]);
        WebAssembly.instantiate(bytes).then(({ instance }) => setTimeout(() => {
          try { instance.exports.f(); } finally {
            document.body.insertAdjacentHTML('beforeend', '<main class="app"></main>');
          }
        }, 0));
        </script></body></html>"#,
    )])?;
    let error = page
        .open_url(&site.url("/"))
        .await
        .expect_err("a wasm trap must fail the start");
    let message = error.to_string();
    assert!(
        message.contains("RuntimeError"),
        "unexpected error: {message}"
    );
    assert_eq!(
        webkit_start_trap(page.engine(), &message),
        page.engine() == Engine::Webkit,
        "{}: {message}",
        page.engine().name()
    );
    assert!(!webkit_start_trap(
        Engine::Webkit,
        "the app failed to start; the page logged:\nTypeError: x is undefined"
    ));
    page.take_console_errors().await?;
    Ok(())
}
