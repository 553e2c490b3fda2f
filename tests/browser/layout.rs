//! The editor on an office laptop's screen (1366×768, a 625 px high page) and on a desktop
//! (1920×1080): the table starts in the upper half of the page, its column header stays visible
//! below the toolbar while the table scrolls, and the field with the keyboard focus is never
//! hidden under either. Each size's screenshot is kept in `target/browser-screenshots/`
//! (`layout-1366x625.png`, `layout-1920x940.png`), also when a check fails. A big plan shows
//! its first rows at once and the rest right after, every row in the end.

use cchc_plan::domain::file_format::write_plan;
use serde_json::{json, Value};

use crate::export::open_seed_002;
use crate::harness::{bail, browser_tests, screenshot_path, BrowserTest, Key, Page, Result};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        the_table_has_the_screen_at_laptop_and_desktop_sizes,
        a_big_plan_shows_its_first_rows_at_once_then_every_row,
    ]
}

/// The page's visible size for each screen: a 1366×768 laptop's browser shows 1366×625.
const SIZES: [(i64, i64); 2] = [(1366, 625), (1920, 940)];

/// Resizes the window until the page itself (innerWidth × innerHeight) is `width × height`.
async fn set_viewport(page: &Page, width: i64, height: i64) -> Result {
    let client = page.client();
    client
        .set_window_rect(0, 0, width as u32, height as u32)
        .await?;
    for _ in 0..3 {
        let inner = page
            .js("return [window.innerWidth, window.innerHeight];")
            .await?;
        let (w, h) = (
            inner[0].as_i64().unwrap_or(0),
            inner[1].as_i64().unwrap_or(0),
        );
        if (w, h) == (width, height) {
            return Ok(());
        }
        let (_, _, outer_w, outer_h) = client.get_window_rect().await?;
        client
            .set_window_rect(
                0,
                0,
                (outer_w as i64 + width - w) as u32,
                (outer_h as i64 + height - h) as u32,
            )
            .await?;
    }
    let inner = page
        .js("return [window.innerWidth, window.innerHeight];")
        .await?;
    bail!("the page could not be made {width}×{height}: it is {inner}")
}

/// Where things are on screen: the toolbar's bottom, the column header's top and bottom,
/// the first task row's top, the focused element's top and bottom (page pixels, from the
/// top of the viewport).
const MEASURE: &str = r#"
    const rect = (e) => e ? e.getBoundingClientRect() : null;
    const toolbar = rect(document.querySelector('.toolbar'));
    const header = rect(document.querySelector('.plan-table .thead'));
    const firstTask = rect(document.querySelector('[data-row].task'));
    const focused = rect(document.activeElement);
    return {
        toolbarBottom: toolbar ? toolbar.bottom : 0,
        headerTop: header.top, headerBottom: header.bottom,
        firstTaskTop: firstTask.top,
        focusedTop: focused ? focused.top : null, focusedBottom: focused ? focused.bottom : null,
        height: window.innerHeight,
        scrollY: window.scrollY,
    };
"#;

fn px(measure: &Value, key: &str) -> f64 {
    measure[key].as_f64().unwrap_or(f64::NAN)
}

async fn the_table_has_the_screen_at_laptop_and_desktop_sizes(page: Page) -> Result {
    open_seed_002(&page).await?;
    for (width, height) in SIZES {
        set_viewport(&page, width, height).await?;
        page.js("window.scrollTo(0, 0);").await?;
        let shot = screenshot_path(&format!("layout-{width}x{height}"));
        let checked = check_size(&page, height).await;
        page.screenshot(&shot).await?;
        if let Err(e) = checked {
            bail!("at {width}×{height} (screenshot {}): {e}", shot.display());
        }
    }
    Ok(())
}

async fn check_size(page: &Page, height: i64) -> Result {
    // Opened: the table starts in the upper half of the page, its first task in view.
    let at_top = page.js(MEASURE).await?;
    let (start, first) = (px(&at_top, "headerTop"), px(&at_top, "firstTaskTop"));
    if start > height as f64 * 0.5 || first > height as f64 * 0.75 {
        bail!("the table starts {start} px down a {height} px page, its first task {first} px: {at_top}");
    }

    // Scrolled into the table: the header stays visible, below the toolbar.
    page.js("window.scrollTo(0, document.querySelector('.plan-table').getBoundingClientRect().top + window.scrollY + 600);")
        .await?;
    let scrolled = page.js(MEASURE).await?;
    let (toolbar, header_top, header_bottom) = (
        px(&scrolled, "toolbarBottom"),
        px(&scrolled, "headerTop"),
        px(&scrolled, "headerBottom"),
    );
    if header_top < toolbar - 1.0 || header_top < -1.0 || header_bottom > height as f64 / 2.0 {
        bail!("scrolled, the column header is not visible below the toolbar: {scrolled}");
    }

    // The keyboard moves up through the rows: the focused field is never under the header.
    let fields = page
        .js("const all = [...document.querySelectorAll('[data-row].task textarea[aria-label=\"Nội dung, nhiệm vụ\"]')];
             const visible = all.filter(e => e.getBoundingClientRect().top > 0);
             const target = visible[Math.min(3, visible.length - 1)];
             target.focus({ preventScroll: true });
             return all.indexOf(target);")
        .await?;
    let start = fields.as_i64().unwrap_or(0);
    for step in 0..start.min(6) {
        page.press_keys(Key::Up.to_string()).await?;
        let now = page.js(MEASURE).await?;
        let (top, bottom) = (px(&now, "focusedTop"), px(&now, "focusedBottom"));
        let header_bottom = px(&now, "headerBottom");
        if top < header_bottom - 1.0 || bottom > height as f64 {
            bail!("after {} ↑ the focused field ({top}–{bottom} px) is hidden under the header (bottom {header_bottom} px): {now}", step + 1);
        }
    }
    Ok(())
}

/// Rows in the table (areas, groups and tasks).
async fn rows_on_screen(page: &Page) -> Result<usize> {
    let count = page
        .js("return document.querySelectorAll('.plan-table [data-row]').length;")
        .await?;
    Ok(count.as_u64().unwrap_or(0) as usize)
}

async fn a_big_plan_shows_its_first_rows_at_once_then_every_row(page: Page) -> Result {
    let mut big = crate::worker::plans::plan(600);
    big.id = "kh-lon".into();
    let mut other = crate::worker::plans::plan(300);
    other.id = "kh-vua".into();
    // Right after opening (the next task of the page): some rows, not all of them yet.
    let first = page
        .client()
        .execute_async(
            "const [text, done] = arguments;
             const error = window.cchcApp.openPlanFile(text);
             setTimeout(() => done([error,
                 document.querySelectorAll('.plan-table [data-row]').length]), 0);",
            vec![json!(write_plan(&big))],
        )
        .await?;
    assert_eq!(first[0], json!(""), "openPlanFile refused the plan");
    let shown = first[1].as_u64().unwrap_or(0) as usize;
    if shown == 0 || shown >= big.rows().len() {
        bail!(
            "the first frame of a {}-row plan shows {shown} rows (expected its first rows only)",
            big.rows().len()
        );
    }
    // Then every row, in plan order.
    let all = big.rows().len();
    page.wait_for("every row of the big plan", |page| async move {
        Ok(rows_on_screen(&page).await? == all)
    })
    .await?;
    let last = page
        .js(
            "const rows = document.querySelectorAll('.plan-table [data-row]');
             return rows[rows.length - 1].dataset.row;",
        )
        .await?;
    assert_eq!(last, json!(big.outline().last().map(|r| r.0.to_string())));
    let contents = page
        .count_of(crate::harness::Kind::Field, "Nội dung, nhiệm vụ")
        .await?;
    assert_eq!(contents, big.task_count());

    // Another plan opened while the first fills in: only its own rows, all of them.
    page.js_with(
        "const [a, b] = arguments;
         window.cchcApp.openPlanFile(a);
         setTimeout(() => { window.__second = window.cchcApp.openPlanFile(b); }, 0);",
        vec![json!(write_plan(&big)), json!(write_plan(&other))],
    )
    .await?;
    let rows = other.rows().len();
    page.wait_for(
        "every row of the second plan, and only those",
        |page| async move {
            let second = page.js("return window.__second;").await?;
            Ok(second == json!("") && rows_on_screen(&page).await? == rows)
        },
    )
    .await?;
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(
        rows_on_screen(&page).await?,
        rows,
        "rows after the fill ended"
    );
    Ok(())
}
