//! Times `build_workbook` and the Word appendices (`build_appendices_docx`) on generated
//! plans of 500, 2.000 and 10.000 tasks.
//!
//! ```text
//! cargo run --release --example export_bench [runs]
//! ```
//!
//! The plans come from `shared/plans.rs` (deterministic, realistic text).

use std::time::{Duration, Instant};

use cchc_plan::domain::docx::build_appendices_docx;
use cchc_plan::domain::money::group_thousands;
use cchc_plan::domain::plan::Plan;
use cchc_plan::domain::workbook::{build_workbook, ExportSettings};

#[path = "shared/plans.rs"]
mod plans;
use plans::plan;

/// CPU time of this thread so far, where Linux reports it: other processes on a busy
/// machine do not count.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// One writer under measure: the plan in, the file's bytes out.
type Writer<'a> = dyn Fn(&Plan) -> Vec<u8> + 'a;
fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(9)
        .max(7);
    let settings = ExportSettings::default();
    let writers: [(&str, &Writer); 2] = [
        ("build_workbook", &|plan| {
            build_workbook(plan, &settings).expect("export")
        }),
        ("build_appendices_docx", &|plan| {
            build_appendices_docx(plan, &settings).expect("export")
        }),
    ];
    for (name, write) in writers {
        println!("{name}, {runs} runs after one warm-up (median / min / max)");
        for size in [500, 2_000, 10_000] {
            let plan = plan(size);
            assert_eq!(plan.task_count(), size);
            let bytes = write(&plan).len();
            let mut cpu = Vec::new();
            let mut times: Vec<Duration> = (0..runs)
                .map(|_| {
                    let cpu_start = cpu_time();
                    let start = Instant::now();
                    let file = write(&plan);
                    let elapsed = start.elapsed();
                    if let (Some(a), Some(b)) = (cpu_start, cpu_time()) {
                        cpu.push(b.saturating_sub(a));
                    }
                    assert!(!file.is_empty());
                    elapsed
                })
                .collect();
            times.sort();
            cpu.sort();
            let cpu = cpu
                .get(cpu.len() / 2)
                .map_or_else(|| "?".to_string(), |c| ms(*c));
            println!(
                "{:>6} tasks ({:>6} rows): median {:>9}  min {:>9}  max {:>9}  cpu median {:>9}  ({} KB)",
                group_thousands(size as u64),
                group_thousands(plan.len() as u64),
                ms(times[runs / 2]),
                ms(times[0]),
                ms(times[runs - 1]),
                cpu,
                group_thousands(bytes as u64 / 1024)
            );
        }
    }
}
