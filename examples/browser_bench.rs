//! Browser benchmark: the release build in `dist/` in headless Chromium, figures printed.
//!
//! Run `trunk build --release` first (scripts/bench does both):
//! `cargo run --example browser_bench`. Prints medians with min and max; asserts nothing.

#[path = "../tests/browser"]
#[allow(dead_code, unused_macros)]
mod browser {
    pub mod harness;
}
use browser::harness;

use cchc_plan::domain::file_format::{write_plan, write_templates};
use cchc_plan::domain::library::{builtin, TemplateSet};
use cchc_plan::domain::money::Money;
use cchc_plan::domain::plan::{Plan, Task};
use harness::{Env, Kind, Page, Result};
use serde_json::Value;

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

async fn keystroke_to_paint(page: &Page, tasks: usize) -> Result<Vec<String>> {
    let plan = plan_of(10, 5, tasks / 50);
    let text = write_plan(&plan);
    // In the page: parse, build the table, and wait for the frame that shows it.
    let opened = page
        .client()
        .execute_async(
            r#"const [text, done] = arguments;
               const t0 = performance.now();
               const error = window.cchcApp.openPlanFile(text);
               requestAnimationFrame(() => setTimeout(() => done(error ? error : performance.now() - t0), 0));"#,
            vec![Value::String(text)],
        )
        .await?;
    let Some(opened) = opened.as_f64() else {
        return Err(harness::Error::msg(format!(
            "the plan did not open: {opened}"
        )));
    };
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
        format!(
            "{:<58} {opened:>8.1} ms",
            format!("open a {n}-task plan, first frame (one run)")
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

/// A template file of `count` templates: the built-in ones repeated with fresh ids (parents
/// follow their copy). With `distinct`, each copy's content is marked, so every template is
/// new to the library; otherwise every one is identical to a built-in template.
fn repeated_templates(count: usize, distinct: bool) -> TemplateSet {
    let library = builtin();
    let mut set = TemplateSet {
        sources: library.sources().to_vec(),
        templates: Vec::with_capacity(count),
    };
    for round in 0.. {
        for template in library.templates() {
            if set.templates.len() == count {
                return set;
            }
            let mut copy = template.clone();
            copy.id = format!("{}~r{round}", template.id);
            copy.parent = template.parent.as_ref().map(|p| format!("{p}~r{round}"));
            if distinct {
                copy.content = format!("{} (bản {round})", template.content);
            }
            set.templates.push(copy);
        }
    }
    set
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
            "{count} templates ({what}, {mb:.1} MB): {added} added, stored in localStorage: {stored}"
        ));
        lines.push(Figures(read_merge).line("  import: read + merge (target < 500 ms)", "ms"));
        lines.push(field(&answers, "readMs").line("    of which read and check the file", "ms"));
        lines.push(field(&answers, "mergeMs").line("    of which merge into the library", "ms"));
        lines.push(
            field(&answers, "saveMs").line("  then store the library (write + localStorage)", "ms"),
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

fn main() {
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
    let outcome: Result<Vec<String>> = runtime.block_on(async {
        let page = env.driver.new_page(&env.app.base_url()).await?;
        page.goto("/").await?;
        let mut lines = keystroke_to_paint(&page, 1000).await?;
        let _ = page.count_of(Kind::Field, "Nội dung, nhiệm vụ").await?;
        let page = env.driver.new_page(&env.app.base_url()).await?;
        page.goto("/").await?;
        lines.extend(template_import(&page, 25_000).await?);
        Ok(lines)
    });
    env.shutdown();
    match outcome {
        Ok(lines) => {
            println!("Browser benchmark (headless Chromium, release build in dist/)");
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
