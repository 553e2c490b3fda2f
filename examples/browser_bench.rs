//! Browser benchmark: the release build in `dist/` in headless Chromium, figures printed.
//!
//! Run `trunk build --release` first (scripts/bench does both, and installs the JavaScript
//! writers compared with into `bench/node_modules`):
//! `cargo run --release --example browser_bench [runs]`. Prints medians with min and max of
//! at least 7 runs; asserts nothing. Figures:
//! - start: navigation start to the first frame showing the app's main view with the plan
//!   list, the toolbar and the stored plan's table (a fresh compile every time: the test
//!   server forbids caching);
//! - edit: keystroke to the next frame, in one field of a 1.000-task plan;
//! - export: our workbook (`build_workbook` in wasm) for 500, 2.000 and 10.000 tasks, and the
//!   same cells written by SheetJS and ExcelJS, interleaved in one page;
//! - word: our Word appendices (`build_appendices_docx` in wasm) for the same plans, and the
//!   same document written by docx.js with the same styles, interleaved in the same page;
//! - search: one query over 25.000 templates;
//! - save and load of a 1.000-task plan as the app stores it (localStorage), and through
//!   IndexedDB; the start with 50 stored plans in IndexedDB;
//! - import: a 1.000-task .docx and .xlsx picked with "Mở tệp" to the first frame showing
//!   its preview (the worker reads it, the app analyses it; target ≤ 300 ms).

#[path = "../tests/browser"]
#[allow(dead_code, unused_macros)]
mod browser {
    pub mod harness;
}
use browser::harness;

#[path = "shared/plans.rs"]
#[allow(dead_code)]
mod plans;

#[path = "shared/office.rs"]
#[allow(dead_code)]
mod office;

use std::path::PathBuf;
use std::time::Duration;

use cchc_plan::domain::file_format::{write_plan, write_templates};
use cchc_plan::domain::library::{builtin, repeated_builtin, TemplateSet};
use cchc_plan::domain::money::Money;
use cchc_plan::domain::plan::{Plan, Task};
use harness::{Env, Kind, Page, Result, StaticServer};
use serde_json::{json, Value};

/// A plan of `areas` × `groups` × `tasks` tasks with realistic text.
fn plan_of(areas: usize, groups: usize, tasks: usize) -> Plan {
    let mut plan = Plan::new("bench", "Hưng Yên", 2027);
    for a in 0..areas {
        let area = plan.add_area_titled(None, format!("Lĩnh vực cải cách số {}", a + 1));
        for g in 0..groups {
            let group = plan.add_group_titled(
                Some(area),
                format!("Nhóm nhiệm vụ {} của lĩnh vực {}", g + 1, a + 1),
            );
            for t in 0..tasks {
                let task = Task {
                    content: format!(
                        "Rà soát, đơn giản hóa thủ tục hành chính thuộc lĩnh vực {a}-{g}-{t}"
                    ),
                    product: "Quyết định của UBND tỉnh; báo cáo kết quả thực hiện".into(),
                    lead: vec!["Sở Nội vụ".into()],
                    partners: vec![
                        "Các Sở, Ban, ngành".into(),
                        "UBND các xã, phường, đặc khu".into(),
                    ],
                    deadline: "Quý II/2027".into(),
                    budget: Some(Money::from_trieu(10)),
                    ..Task::default()
                };
                plan.add_task_with(Some(group), task);
            }
        }
    }
    plan
}

struct Figures(Vec<f64>);

impl Figures {
    fn median(&self) -> f64 {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    }

    fn line(&self, what: &str, unit: &str) -> String {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return format!("{what:<58} (no samples)");
        }
        let median = v[v.len() / 2];
        format!(
            "{what:<58} median {median:>8.2} {unit}  min {:>8.2}  max {:>8.2}  (n = {})",
            v[0],
            v[v.len() - 1],
            v.len()
        )
    }
}

fn numbers(value: Value) -> Vec<f64> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

/// Records, for every `input` event: the handler's synchronous time, the time to the next
/// animation frame (the DOM is updated by then) and to just after that frame was painted.
const MEASURE_JS: &str = r#"
window.__bench = { sync: [], frame: [], painted: [] };
document.addEventListener('input', () => {
  const t0 = performance.now();
  window.addEventListener('input', () => window.__bench.sync.push(performance.now() - t0), { once: true });
  requestAnimationFrame(() => {
    window.__bench.frame.push(performance.now() - t0);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => window.__bench.painted.push(performance.now() - t0);
    channel.port2.postMessage(0);
  });
}, true);
"#;

/// Opens `plan` in the page (as "Mở tệp" does): the time to its first frame, to every row
/// rendered, and the longest task (over 50 ms, else 0) while the rows filled in.
async fn open_big_plan(page: &Page, plan: &Plan) -> Result<(f64, f64, f64)> {
    let text = write_plan(plan);
    // In the page: parse, build the table, and wait for the frame that shows it; then wait
    // for the rest of the rows to fill in, noting every long task (over 50 ms) meanwhile.
    let opened = page
        .client()
        .execute_async(
            r#"const [text, rows, done] = arguments;
               const long = [];
               const observer = new PerformanceObserver(list => list.getEntries().forEach(e => long.push(e.duration)));
               observer.observe({ type: 'longtask' });
               const t0 = performance.now();
               const error = window.cchcApp.openPlanFile(text);
               if (error) { done(error); return; }
               requestAnimationFrame(() => setTimeout(() => {
                 const first = performance.now() - t0;
                 const before = long.length;
                 const poll = () => {
                   if (document.querySelectorAll('[data-row]').length < rows) { setTimeout(poll, 5); return; }
                   requestAnimationFrame(() => setTimeout(() => {
                     observer.disconnect();
                     const during = long.slice(before);
                     done([first, performance.now() - t0, during.length ? Math.max(...during) : 0]);
                   }, 0));
                 };
                 poll();
               }, 0));"#,
            vec![Value::String(text), Value::from(plan.rows().len())],
        )
        .await?;
    let (Some(first), Some(filled), Some(longest)) =
        (opened[0].as_f64(), opened[1].as_f64(), opened[2].as_f64())
    else {
        return Err(harness::Error::msg(format!(
            "the plan did not open: {opened}"
        )));
    };
    Ok((first, filled, longest))
}

async fn keystroke_to_paint(page: &Page, tasks: usize, runs: usize) -> Result<Vec<String>> {
    let mut plan = plan_of(10, 5, tasks / 50);
    // Opened `runs` times, two plans in turn (another plan each time, as a switch is).
    let (mut firsts, mut fills, mut longest_tasks) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..runs {
        plan.id = format!("bench-open-{}", run % 2);
        let (first, filled, longest) = open_big_plan(page, &plan).await?;
        firsts.push(first);
        fills.push(filled);
        longest_tasks.push(longest);
    }
    page.wait_for_field_count("Nội dung, nhiệm vụ", plan.task_count())
        .await?;
    page.js(MEASURE_JS).await?;
    let middle = plan.task_count() / 2;
    let content = page.field("Nội dung, nhiệm vụ", middle).await?;

    for c in "Tổ chức hội nghị triển khai".chars() {
        content.send_keys(&c.to_string()).await?;
    }
    let budget = page.field("Kinh phí (triệu đồng)", middle + 7).await?;

    budget
        .send_keys(&format!("{}a{}", harness::Key::Control, harness::Key::Null))
        .await?;
    for c in "1.234,5".chars() {
        budget.send_keys(&c.to_string()).await?;
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let total = page.text_of("Tổng kinh phí").await?;
    let sync = Figures(numbers(page.js("return window.__bench.sync;").await?));
    let frame = Figures(numbers(page.js("return window.__bench.frame;").await?));
    let painted = Figures(numbers(page.js("return window.__bench.painted;").await?));
    let n = plan.task_count();
    Ok(vec![
        Figures(firsts).line(&format!("open a {n}-task plan: first frame (≤ 200)"), "ms"),
        Figures(fills).line(&format!("open a {n}-task plan: every row rendered"), "ms"),
        Figures(longest_tasks).line(
            "  longest task while the rows fill in (≤ 50; 0: none over 50)",
            "ms",
        ),
        sync.line(&format!("keystroke: input handler ({n} tasks)"), "ms"),
        frame.line(
            &format!("keystroke to next frame, DOM updated ({n} tasks)"),
            "ms",
        ),
        painted.line(&format!("keystroke to after paint ({n} tasks)"), "ms"),
        format!("{:<58} {total}", "grand total after typing (check)"),
    ])
}

/// A template file of `count` templates: the built-in ones repeated with fresh ids
/// ([`repeated_builtin`]). With `distinct`, each copy's content is marked, so every template
/// is new to the library; otherwise every one is identical to a built-in template.
fn repeated_templates(count: usize, distinct: bool) -> TemplateSet {
    let library = builtin();
    let mut templates = repeated_builtin(count);
    if distinct {
        let per_copy = library.templates().len();
        for (i, template) in templates.iter_mut().enumerate() {
            template.content = format!("{} (bản {})", template.content, i / per_copy);
        }
    }
    TemplateSet {
        sources: library.sources().to_vec(),
        templates,
    }
}

/// Runs `script` (which calls a `window.cchcApp` hook on `window.__benchText` and returns
/// the hook's answer) `runs` times, timing each call with `performance.now()` in the page.
async fn time_hook(page: &Page, script: &str, runs: usize) -> Result<(Vec<f64>, Vec<Value>)> {
    let mut times = Vec::new();
    let mut answers = Vec::new();
    for _ in 0..runs {
        let answer = page
            .js(&format!(
                "window.cchcApp.resetUserTemplates();
                 const t0 = performance.now();
                 const answer = {script};
                 return [performance.now() - t0, answer];"
            ))
            .await?;
        if let Some(error) = answer[1].get("error") {
            return Err(harness::Error::msg(format!(
                "the hook refused the file: {error}"
            )));
        }
        times.push(answer[0].as_f64().unwrap_or_default());
        answers.push(answer[1].clone());
    }
    Ok((times, answers))
}

fn field(answers: &[Value], name: &str) -> Figures {
    Figures(answers.iter().filter_map(|a| a[name].as_f64()).collect())
}

/// Reading and merging a 25.000-template file in the page (target: under 500 ms).
async fn template_import(page: &Page, count: usize) -> Result<Vec<String>> {
    const RUNS: usize = 9;
    let mut lines = Vec::new();
    for (distinct, what) in [(true, "all new"), (false, "all identical")] {
        let text = write_templates(&repeated_templates(count, distinct));
        let mb = text.len() as f64 / (1024.0 * 1024.0);
        page.js_with(
            "window.__benchText = arguments[0];",
            vec![Value::String(text)],
        )
        .await?;
        let (total, answers) = time_hook(
            page,
            "window.cchcApp.importTemplates(window.__benchText)",
            RUNS,
        )
        .await?;
        let added = answers[0]["new"].as_f64().unwrap_or_default()
            + answers[0]["similar"].as_f64().unwrap_or_default();
        let stored = answers[0]["stored"].as_bool().unwrap_or_default();
        let read_merge: Vec<f64> = answers
            .iter()
            .map(|a| {
                a["readMs"].as_f64().unwrap_or_default() + a["mergeMs"].as_f64().unwrap_or_default()
            })
            .collect();
        lines.push(format!(
            "{count} templates ({what}, {mb:.1} MB): {added} added, stored in the browser: {stored}"
        ));
        lines.push(Figures(read_merge).line("  import: read + merge (target < 500 ms)", "ms"));
        lines.push(field(&answers, "readMs").line("    of which read and check the file", "ms"));
        lines.push(field(&answers, "mergeMs").line("    of which merge into the library", "ms"));
        lines.push(
            field(&answers, "saveMs").line("  then store the library (write to the store)", "ms"),
        );
        lines.push(Figures(total).line("  whole importTemplates call", "ms"));
        let (_, answers) = time_hook(
            page,
            "window.cchcApp.previewFile(window.__benchText, 'bench.json')",
            RUNS,
        )
        .await?;
        lines.push(field(&answers, "readMs").line("  preview: read + compare (previewFile)", "ms"));
    }
    page.js("window.__benchText = null; window.cchcApp.resetUserTemplates();")
        .await?;
    Ok(lines)
}

/// Picks an office file with "Mở tệp" (as the drafter does) and times the click to the
/// first frame that shows its preview; then closes the preview with "Hủy".
const IMPORT_JS: &str = r#"
const [bytes, name] = arguments;
window.__import = null;
const input = document.querySelector('.file-open input[type=file]');
const data = new DataTransfer();
data.items.add(new File([new Uint8Array(bytes)], name));
input.files = data.files;
const t0 = performance.now();
const check = () => {
  const preview = document.querySelector('.import-preview');
  const refused = document.querySelector('.file-error');
  if (preview) {
    window.__import = { ms: performance.now() - t0, text: preview.innerText };
    [...preview.querySelectorAll('button')].find(b => b.textContent.trim() === 'Hủy').click();
  } else if (refused) {
    window.__import = { ms: -1, text: refused.innerText };
  } else {
    requestAnimationFrame(check);
  }
};
input.dispatchEvent(new Event('change', { bubbles: true }));
requestAnimationFrame(check);
"#;

/// A 1.000-task appendix as .docx and .xlsx, picked with "Mở tệp" until its preview shows
/// (worker read + analysis + first frame; target ≤ 300 ms).
async fn office_import(page: &Page, runs: usize) -> Result<Vec<String>> {
    let appendix = office::large_appendix(1000);
    let mut lines = Vec::new();
    for (name, bytes) in [
        ("Phu-luc-1000.docx", office::docx(&appendix)),
        ("Phu-luc-1000.xlsx", office::xlsx(&appendix)),
    ] {
        let mut times = Vec::new();
        let mut summary = String::new();
        // One warm-up run: the worker starts.
        for run in 0..=runs {
            page.js_with(IMPORT_JS, vec![json!(bytes), json!(name)])
                .await?;
            let deadline = std::time::Instant::now() + Duration::from_secs(60);
            let answer = loop {
                let answer = page.js("return window.__import;").await?;
                if !answer.is_null() {
                    break answer;
                }
                if std::time::Instant::now() > deadline {
                    return Err(harness::Error::msg(format!("{name}: no preview in 60 s")));
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            };
            let ms = answer["ms"].as_f64().unwrap_or(-1.0);
            if ms < 0.0 {
                return Err(harness::Error::msg(format!(
                    "{name} was refused: {}",
                    answer["text"]
                )));
            }
            if run == 0 {
                summary = answer["text"]
                    .as_str()
                    .unwrap_or_default()
                    .lines()
                    .find(|l| l.starts_with("Sẽ nhập"))
                    .unwrap_or_default()
                    .to_string();
            } else {
                times.push(ms);
            }
        }
        lines.push(format!("{name} ({} KB): {summary}", bytes.len() / 1024));
        lines.push(Figures(times).line(
            "  Mở tệp to its preview (worker read + analysis, target ≤ 300 ms)",
            "ms",
        ));
    }
    Ok(lines)
}

/// Whether the part `name` runs: all do unless `CCHC_BENCH_PARTS` lists some (comma-separated:
/// start, stored, keystroke, storage, export, templates, import).
fn part_wanted(name: &str) -> bool {
    match std::env::var("CCHC_BENCH_PARTS") {
        Ok(parts) if !parts.trim().is_empty() => parts.split(',').any(|p| p.trim() == name),
        _ => true,
    }
}

/// Runs of every timed figure (at least 7): the first argument, else 9.
fn runs() -> usize {
    std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(9)
        .max(7)
}

/// Installed at every navigation: the time of the first animation frame in which the app's
/// main view is usable (plan list, toolbar buttons, the table with `rows` rows), and when
/// the wasm module and the first paint arrived.
const START_JS: &str = r#"
(() => {
  const rows = Number(sessionStorage.getItem('cchc-bench-rows') || '0');
  window.__start = {};
  const check = () => {
    const usable = document.querySelector('main.app section.plan-list')
      && document.querySelector('main.app nav.toolbar button')
      && document.querySelectorAll('main.app .plan-table .tbody [data-row]').length >= rows;
    if (usable) {
      window.__start.usable = performance.now();
      const wasm = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm'));
      window.__start.wasm = wasm ? wasm.responseEnd : null;
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
})();
"#;

/// Start-up: a plan of `tasks` tasks is stored, then the page is loaded `runs` times.
async fn start_up(page: &Page, tasks: usize, runs: usize) -> Result<Vec<String>> {
    // The plan takes the id of the plan the app opened (and keeps opening at start).
    let current = page.js("return window.cchcApp.planFile();").await?;
    let current: Value = serde_json::from_str(current.as_str().unwrap_or("{}"))?;
    let mut plan = plans::plan(tasks);
    plan.id = current["plan"]["id"]
        .as_str()
        .unwrap_or("bench")
        .to_string();
    let rows = plan.len();
    let opened = page
        .js_with(
            "const error = window.cchcApp.openPlanFile(arguments[0]);
             sessionStorage.setItem('cchc-bench-rows', String(arguments[1]));
             return error;",
            vec![Value::String(write_plan(&plan)), json!(rows)],
        )
        .await?;
    if opened.as_str() != Some("") {
        return Err(harness::Error::msg(format!(
            "the plan did not open: {opened}"
        )));
    }
    // Autosave runs on change; give it a moment, then every load restores this plan.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (usable, wasm, fcp) = load_times(page, runs).await?;
    // The first load after storing the plan is a warm-up.
    let skip = |v: Vec<f64>| Figures(v.into_iter().skip(1).collect());
    let (usable, wasm, fcp) = (skip(usable), skip(wasm), skip(fcp));
    Ok(vec![
        usable.line(
            &format!("start: navigation to usable main view ({tasks}-task plan)"),
            "ms",
        ),
        wasm.line("start: .wasm downloaded (responseEnd)", "ms"),
        fcp.line("start: first contentful paint", "ms"),
    ])
}

/// Loads the page `runs + 1` times (the first a warm-up the caller skips) and returns the
/// times to the usable main view, to the .wasm downloaded and to the first paint.
async fn load_times(page: &Page, runs: usize) -> Result<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    page.add_init_script(START_JS).await?;
    let (mut usable, mut wasm, mut fcp) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs + 1 {
        page.reload().await?;
        let mut state = Value::Null;
        for _ in 0..200 {
            state = page
                .js("const s = window.__start || null;
                     const paint = performance.getEntriesByName('first-contentful-paint')[0];
                     if (s && paint) s.fcp = paint.startTime;
                     return s;")
                .await?;
            if state["usable"].is_number() && state["fcp"].is_number() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let Some(time) = state["usable"].as_f64() else {
            let seen = page
                .js("return [!!document.querySelector('main.app section.plan-list'),
                             !!document.querySelector('main.app nav.toolbar button'),
                             document.querySelectorAll('main.app .plan-table .tbody [data-row]').length,
                             sessionStorage.getItem('cchc-bench-rows'), !!window.__start];")
                .await?;
            return Err(harness::Error::msg(format!(
                "the main view never became usable (plan list, toolbar, rows, expected rows, hook): {seen}"
            )));
        };
        usable.push(time);
        wasm.extend(state["wasm"].as_f64());
        fcp.extend(state["fcp"].as_f64());
    }
    Ok((usable, wasm, fcp))
}

/// Start-up with 50 stored plans of 300 tasks in IndexedDB (the default store, asked for outright).
async fn start_with_stored_plans(page: &Page, runs: usize) -> Result<Vec<String>> {
    const PLANS: usize = 50;
    page.js("localStorage.setItem('cchc.backend', 'indexeddb');")
        .await?;
    page.reload().await?;
    // The last plan takes the id of the plan the app opened (and keeps opening at start), so
    // each load shows 300 tasks; the others are new plans beside it.
    let current = page.js("return window.cchcApp.planFile();").await?;
    let current: Value = serde_json::from_str(current.as_str().unwrap_or("{}"))?;
    let current = current["plan"]["id"]
        .as_str()
        .unwrap_or("bench")
        .to_string();
    let mut rows = 0;
    for n in 0..PLANS {
        let mut plan = plans::plan(300);
        plan.id = if n + 1 == PLANS {
            current.clone()
        } else {
            format!("kh-bench-{n:02}")
        };
        rows = plan.len();
        let opened = page
            .js_with(
                "return window.cchcApp.openPlanFile(arguments[0]);",
                vec![Value::String(write_plan(&plan))],
            )
            .await?;
        if opened.as_str() != Some("") {
            return Err(harness::Error::msg(format!(
                "plan {n} did not open: {opened}"
            )));
        }
        let listed = if n + 1 == PLANS { PLANS } else { n + 2 };
        page.wait_for_body_text(&format!("Danh sách kế hoạch ({listed})"))
            .await?;
    }
    page.js_with(
        "sessionStorage.setItem('cchc-bench-rows', String(arguments[0]));",
        vec![json!(rows)],
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (usable, _, _) = load_times(page, runs).await?;
    Ok(vec![Figures(usable.into_iter().skip(1).collect()).line(
        &format!("start: navigation to usable main view, {PLANS} stored plans (IndexedDB)"),
        "ms",
    )])
}

/// Saving and loading a 1.000-task plan through IndexedDB (`benchIndexedStore`).
async fn indexed_save_and_load(page: &Page, runs: usize) -> Result<Vec<String>> {
    let plan = plans::plan(1_000);
    let result = page
        .js_with(
            "return window.cchcApp.benchIndexedStore(arguments[0], arguments[1]);",
            vec![Value::String(write_plan(&plan)), json!(runs)],
        )
        .await?;
    if let Some(error) = result.as_str() {
        return Err(harness::Error::msg(format!(
            "IndexedDB save and load: {error}"
        )));
    }
    let get = |name: &str| numbers(result[name].clone());
    let sum = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x + y).collect::<Vec<_>>();
    let (encode, issue, committed) = (get("encode"), get("issue"), get("committed"));
    let (read, decode) = (get("read"), get("decode"));
    Ok(vec![
        Figures(sum(&encode, &issue)).line(
            "save (IndexedDB): serialise + mirror + transaction issued, page thread",
            "ms",
        ),
        Figures(sum(&sum(&encode, &issue), &committed))
            .line("save (IndexedDB): until the browser committed it", "ms"),
        Figures(sum(&read, &decode)).line("load (IndexedDB): read back + restore", "ms"),
    ])
}

/// Export: ours, SheetJS (stored and deflated) and ExcelJS on the same cells, interleaved.
async fn export_compare(
    page: &Page,
    libraries: Option<&StaticServer>,
    runs: usize,
) -> Result<Vec<String>> {
    const SIZES: [usize; 3] = [500, 2_000, 10_000];
    let mut lines = Vec::new();
    for size in SIZES {
        page.js_with(
            "window.__plans = window.__plans || {}; window.__plans[arguments[0]] = arguments[1];",
            vec![json!(size), Value::String(write_plan(&plans::plan(size)))],
        )
        .await?;
    }
    let writers: &[&str] = match libraries {
        Some(_) => &["ours", "sheetjs-store", "sheetjs-deflate", "exceljs"],
        None => &["ours"],
    };
    if let Some(server) = libraries {
        let loaded = page
            .client()
            .execute_async(
                r#"const [base, done] = arguments;
                   const script = document.createElement('script');
                   script.src = base + '/compare.js';
                   script.onerror = () => done('cannot load compare.js');
                   script.onload = () => window.cchcBench.loadLibraries(base)
                       .then(() => done(''), e => done(String(e)));
                   document.head.appendChild(script);"#,
                vec![Value::String(server.base_url())],
            )
            .await?;
        if loaded.as_str() != Some("") {
            return Err(harness::Error::msg(format!("bench libraries: {loaded}")));
        }
    } else {
        lines.push("export: bench/node_modules is missing (run scripts/bench): ours only".into());
    }
    // times[size][writer]; sizes[size][writer]: bytes of the last file.
    let mut times = vec![vec![Vec::new(); writers.len()]; SIZES.len()];
    let mut bytes = vec![vec![0u64; writers.len()]; SIZES.len()];
    let mut cells = vec![0u64; SIZES.len()];
    // Round 0 is a warm-up (and reads our cells back for the others).
    for round in 0..=runs {
        for (s, size) in SIZES.iter().enumerate() {
            for (w, writer) in writers.iter().enumerate() {
                let result = if *writer == "ours" {
                    match libraries {
                        Some(_) => page.js_with(
                            "return window.cchcBench.ours(arguments[0], window.__plans[arguments[0]]);",
                            vec![json!(size)],
                        ).await?,
                        None => page.js_with(
                            "return Promise.resolve(window.cchcApp.benchExport(window.__plans[arguments[0]]))
                                 .then(r => typeof r === 'string' ? r : { ms: r.ms, size: r.bytes.length });",
                            vec![json!(size)],
                        ).await?,
                    }
                } else {
                    page.client()
                        .execute_async(
                            "const [key, writer, done] = arguments;
                             window.cchcBench.other(key, writer).then(done, e => done(String(e)));",
                            vec![json!(size), json!(writer)],
                        )
                        .await?
                };
                let Some(ms) = result["ms"].as_f64() else {
                    return Err(harness::Error::msg(format!(
                        "export {writer} {size}: {result}"
                    )));
                };
                if round > 0 {
                    times[s][w].push(ms);
                }
                bytes[s][w] = result["size"].as_u64().unwrap_or(0);
            }
            if libraries.is_some() && round == 0 {
                cells[s] = page
                    .js_with(
                        "return window.cchcBench.cellCount(arguments[0]);",
                        vec![json!(size)],
                    )
                    .await?
                    .as_u64()
                    .unwrap_or(0);
            }
        }
    }
    for (s, size) in SIZES.iter().enumerate() {
        let ours = Figures(times[s][0].clone());
        let cell_note = if cells[s] > 0 {
            format!(", {} cells", cells[s])
        } else {
            String::new()
        };
        lines.push(ours.line(
            &format!(
                "export: ours, {size} tasks ({} KB{cell_note})",
                bytes[s][0] / 1024
            ),
            "ms",
        ));
        for (w, writer) in writers.iter().enumerate().skip(1) {
            let other = Figures(times[s][w].clone());
            let name = match *writer {
                "sheetjs-store" => "SheetJS (default: stored, no styles)",
                "sheetjs-deflate" => "SheetJS (compression: true, no styles)",
                _ => "ExcelJS (fonts, wraps, borders)",
            };
            lines.push(other.line(
                &format!("export: {name}, {size} tasks ({} KB)", bytes[s][w] / 1024),
                "ms",
            ));
            lines.push(format!(
                "{:<58} {:>8.2}×",
                format!("export: ours / {}, {size} tasks", writer),
                ours.median() / other.median()
            ));
        }
    }
    Ok(lines)
}

/// Word: our appendices (`Job::ExportDocx` through the documents worker) and docx.js writing
/// the same document (read back from ours in the page) with the same styles, interleaved,
/// for the plans `export_compare` left in `window.__plans` (and compare.js it loaded).
async fn export_compare_word(
    page: &Page,
    libraries: Option<&StaticServer>,
    runs: usize,
) -> Result<Vec<String>> {
    const SIZES: [usize; 3] = [500, 2_000, 10_000];
    let mut lines = Vec::new();
    let writers: &[&str] = match libraries {
        Some(_) => &["ours", "docxjs"],
        None => &["ours"],
    };
    if let Some(server) = libraries {
        let loaded = page
            .client()
            .execute_async(
                "const [base, done] = arguments;
                 window.cchcBench.loadWordLibraries(base).then(() => done(''), e => done(String(e)));",
                vec![Value::String(server.base_url())],
            )
            .await?;
        if loaded.as_str() != Some("") {
            return Err(harness::Error::msg(format!(
                "bench Word libraries: {loaded}"
            )));
        }
    } else {
        lines.push("word: bench/node_modules is missing (run scripts/bench): ours only".into());
    }
    let mut times = vec![vec![Vec::new(); writers.len()]; SIZES.len()];
    let mut bytes = vec![vec![0u64; writers.len()]; SIZES.len()];
    let mut rows = vec![0u64; SIZES.len()];
    // Round 0 is a warm-up (and reads our document back for docx.js).
    for round in 0..=runs {
        for (s, size) in SIZES.iter().enumerate() {
            for (w, writer) in writers.iter().enumerate() {
                let result = match (*writer, libraries) {
                    ("ours", Some(_)) => {
                        page.client()
                            .execute_async(
                                "const [key, done] = arguments;
                                 window.cchcBench.oursWord(key, window.__plans[key])
                                     .then(done, e => done(String(e)));",
                                vec![json!(size)],
                            )
                            .await?
                    }
                    ("ours", None) => {
                        page.js_with(
                            "return Promise.resolve(window.cchcApp.benchExportDocx(window.__plans[arguments[0]]))
                                 .then(r => typeof r === 'string' ? r : { ms: r.ms, size: r.bytes.length });",
                            vec![json!(size)],
                        )
                        .await?
                    }
                    _ => {
                        page.client()
                            .execute_async(
                                "const [key, done] = arguments;
                                 window.cchcBench.docxjs(key).then(done, e => done(String(e)));",
                                vec![json!(size)],
                            )
                            .await?
                    }
                };
                let Some(ms) = result["ms"].as_f64() else {
                    return Err(harness::Error::msg(format!(
                        "word {writer} {size}: {result}"
                    )));
                };
                if round > 0 {
                    times[s][w].push(ms);
                }
                bytes[s][w] = result["size"].as_u64().unwrap_or(0);
            }
            if libraries.is_some() && round == 0 {
                rows[s] = page
                    .js_with(
                        "return window.cchcBench.rowCount(arguments[0]);",
                        vec![json!(size)],
                    )
                    .await?
                    .as_u64()
                    .unwrap_or(0);
            }
        }
    }
    for (s, size) in SIZES.iter().enumerate() {
        let ours = Figures(times[s][0].clone());
        let row_note = if rows[s] > 0 {
            format!(", {} table rows", rows[s])
        } else {
            String::new()
        };
        let target = if *size == 2_000 {
            "; target ≤ 150"
        } else {
            ""
        };
        lines.push(ours.line(
            &format!(
                "word: ours, {size} tasks ({} KB{row_note}{target})",
                bytes[s][0] / 1024
            ),
            "ms",
        ));
        if writers.len() > 1 {
            let other = Figures(times[s][1].clone());
            lines.push(other.line(
                &format!("word: docx.js, same document ({} KB)", bytes[s][1] / 1024),
                "ms",
            ));
            lines.push(format!(
                "{:<58} {:>8.2}×",
                format!("word: ours / docx.js, {size} tasks (target ≤ 0.5)"),
                ours.median() / other.median()
            ));
        }
    }
    Ok(lines)
}

/// The longest main-thread task (PerformanceObserver `longtask`, tasks over 50 ms) while the
/// documents worker writes a 10.000-task workbook, the worker warm (after `export_compare`,
/// which left the plans in `window.__plans`); 0 when no task was that long.
async fn export_long_tasks(page: &Page, runs: usize) -> Result<Vec<String>> {
    let mut longest = Vec::new();
    for _ in 0..runs {
        let result = page
            .client()
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const tasks = [];
                 const observer = new PerformanceObserver(list => tasks.push(...list.getEntries()));
                 observer.observe({ type: 'longtask' });
                 Promise.resolve(window.cchcApp.benchExport(window.__plans[10000])).then(r => {
                   if (typeof r === 'string') return done(r);
                   // Let the last task end and its entry arrive.
                   setTimeout(() => {
                     tasks.push(...observer.takeRecords());
                     observer.disconnect();
                     const during = tasks.filter(t => t.startTime >= r.start);
                     done({ longest: Math.max(0, ...during.map(t => t.duration)) });
                   }, 200);
                 }, e => done(String(e)));",
                vec![],
            )
            .await?;
        match result["longest"].as_f64() {
            Some(ms) => longest.push(ms),
            None => {
                return Err(harness::Error::msg(format!("export long tasks: {result}")));
            }
        }
    }
    Ok(vec![Figures(longest).line(
        "export 10.000 tasks: longest main-thread task (≤ 50)",
        "ms",
    )])
}

/// Search over 25.000 templates, every hit and the first 50 (what the library panel shows).
async fn search(page: &Page, runs: usize) -> Result<Vec<String>> {
    let mut lines = Vec::new();
    // "cô": one syllable, found in most templates, the broadest query (every hit is the
    // slowest case).
    for query in ["mot cua", "TTHC", "kiểm soát TTHC một cửa liên thông", "cô"] {
        for top in [0, 50] {
            let result = page
                .js_with(
                    "return window.cchcApp.benchSearch(arguments[0], arguments[1], arguments[2]);",
                    vec![json!(query), json!(top), json!(runs)],
                )
                .await?;
            if let Some(ms) = result["indexMs"].as_f64() {
                lines.push(format!(
                    "{:<58} {ms:>8.1} ms",
                    "search: index of 25.000 templates built (one run)"
                ));
            }
            let hits = result["hits"].as_u64().unwrap_or(0);
            let what = if top == 0 { "every hit" } else { "first 50" };
            lines.push(
                Figures(numbers(result["ms"].clone()))
                    .line(&format!("search: \"{query}\", {what} ({hits})"), "ms"),
            );
        }
    }
    Ok(lines)
}

/// The progress report (Quý I) of a 1.000-task plan with statuses recorded, built and laid
/// out in the page as "Báo cáo tiến độ" shows it.
async fn progress_report(page: &Page, runs: usize) -> Result<Vec<String>> {
    use cchc_plan::domain::progress::{Day, Status};
    let mut plan = plans::plan(1_000);
    let year = plan.year;
    let ids: Vec<_> = plan
        .rows()
        .iter()
        .filter(|r| r.task().is_some())
        .map(|r| r.id)
        .collect();
    for (i, id) in ids.into_iter().enumerate() {
        plan.update_task(id, |t| {
            t.progress.status = Status::ALL[i % Status::ALL.len()];
            if t.progress.status.is_done() {
                t.progress.completed_on = Day::new(year, 3, 1);
            }
        });
    }
    let result = page
        .js_with(
            "return window.cchcApp.benchReport(arguments[0], arguments[1]);",
            vec![Value::String(write_plan(&plan)), json!(runs)],
        )
        .await?;
    if let Some(error) = result.as_str() {
        return Err(harness::Error::msg(format!("progress report: {error}")));
    }
    Ok(vec![Figures(numbers(result)).line(
        "progress report of a 1.000-task plan, built and laid out (≤ 100)",
        "ms",
    )])
}

/// Saving and loading a 1.000-task plan as the app does (blob, localStorage).
async fn save_and_load(page: &Page, runs: usize) -> Result<Vec<String>> {
    let plan = plans::plan(1_000);
    let result = page
        .js_with(
            "return window.cchcApp.benchStore(arguments[0], arguments[1]);",
            vec![Value::String(write_plan(&plan)), json!(runs)],
        )
        .await?;
    if let Some(error) = result.as_str() {
        return Err(harness::Error::msg(format!("save and load: {error}")));
    }
    let get = |name: &str| numbers(result[name].clone());
    let (encode, set, load, decode) = (get("encode"), get("set"), get("get"), get("decode"));
    let sum = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x + y).collect::<Vec<_>>();
    Ok(vec![
        Figures(encode.clone()).line("save: serialise a 1.000-task plan (encode_plan)", "ms"),
        Figures(sum(&encode, &set)).line("save: serialise + localStorage.setItem", "ms"),
        Figures(decode.clone()).line("load: restore a 1.000-task plan (decode_plan)", "ms"),
        Figures(sum(&load, &decode)).line("load: localStorage.getItem + restore", "ms"),
    ])
}

/// `bench/` (compare.js and the npm packages), served by a second server when installed.
fn libraries_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench");
    dir.join("node_modules/exceljs/dist/exceljs.min.js")
        .is_file()
        .then_some(dir)
}

fn main() {
    let runs = runs();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio");
    let env = match Env::start() {
        Ok(env) => env,
        Err(e) => {
            eprintln!("cannot start: {e}");
            std::process::exit(1);
        }
    };
    let libraries = match libraries_dir().map(|dir| StaticServer::start(&dir)) {
        Some(Ok(server)) => Some(server),
        Some(Err(e)) => {
            eprintln!("cannot serve bench/: {e}");
            std::process::exit(1);
        }
        None => None,
    };
    let outcome: Result<Vec<String>> = runtime.block_on(async {
        let mut lines = Vec::new();
        // Each part in a fresh Chromium, so one does not slow the next.
        if part_wanted("start") {
            let page = env.driver.new_page(&env.app.base_url()).await?;
            page.goto("/").await?;
            lines.extend(start_up(&page, 100, runs).await?);
            let _ = page.client().clone().close().await;
        }
        if part_wanted("stored") {
            let page = env.driver.new_page(&env.app.base_url()).await?;
            page.goto("/").await?;
            lines.extend(start_with_stored_plans(&page, runs).await?);
            let _ = page.client().clone().close().await;
        }
        if part_wanted("keystroke") {
            let page = env.driver.new_page(&env.app.base_url()).await?;
            page.goto("/").await?;
            lines.extend(keystroke_to_paint(&page, 1000, runs).await?);
            let _ = page.count_of(Kind::Field, "Nội dung, nhiệm vụ").await?;
            let _ = page.client().clone().close().await;
        }
        if part_wanted("storage") {
            let page = env.driver.new_page(&env.app.base_url()).await?;
            page.goto("/").await?;
            lines.extend(save_and_load(&page, runs.max(21)).await?);
            lines.extend(indexed_save_and_load(&page, runs.max(21)).await?);
            lines.extend(search(&page, runs.max(21)).await?);
            lines.extend(progress_report(&page, runs.max(21)).await?);
            let _ = page.client().clone().close().await;
        }
        if part_wanted("export") {
            let page = env.driver.new_page(&env.app.base_url()).await?;
            // The compared writers come from the bench's own server, which the app's
            // Content-Security-Policy (its own origin only) rightly refuses: set aside for
            // this page, before it loads.
            page.cdp("Page.enable", json!({})).await?;
            page.cdp("Page.setBypassCSP", json!({ "enabled": true }))
                .await?;
            page.goto("/").await?;
            lines.extend(export_compare(&page, libraries.as_ref(), runs).await?);
            lines.extend(export_compare_word(&page, libraries.as_ref(), runs).await?);
            lines.extend(export_long_tasks(&page, runs).await?);
            let _ = page.client().clone().close().await;
        }
        if part_wanted("templates") {
            let page = env.driver.new_page(&env.app.base_url()).await?;
            page.goto("/").await?;
            lines.extend(template_import(&page, 25_000).await?);
            let _ = page.client().clone().close().await;
        }
        if part_wanted("import") {
            let page = env.driver.new_page(&env.app.base_url()).await?;
            page.goto("/").await?;
            lines.extend(office_import(&page, runs).await?);
            let _ = page.client().clone().close().await;
        }
        Ok(lines)
    });
    drop(libraries);
    env.shutdown();
    match outcome {
        Ok(lines) => {
            println!("Browser benchmark (headless Chromium, release build in dist/, {runs} runs after a warm-up)");
            for line in lines {
                println!("  {line}");
            }
        }
        Err(e) => {
            eprintln!("benchmark failed: {e}");
            std::process::exit(1);
        }
    }
}
