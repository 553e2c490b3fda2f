//! Times `build_workbook` on generated plans of 500, 2.000 and 10.000 tasks.
//!
//! ```text
//! cargo run --release --example export_bench [runs]
//! ```
//!
//! The plans come from `shared/plans.rs` (deterministic, realistic text).

use std::time::{Duration, Instant};

use cchc_plan::domain::money::group_thousands;
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

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(9)
        .max(7);
    let settings = ExportSettings::default();
    println!("build_workbook, {runs} runs after one warm-up (median / min / max)");
    for size in [500, 2_000, 10_000] {
        let plan = plan(size);
        assert_eq!(plan.task_count(), size);
        let bytes = build_workbook(&plan, &settings).expect("export").len();
        let mut cpu = Vec::new();
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let cpu_start = cpu_time();
                let start = Instant::now();
                let xlsx = build_workbook(&plan, &settings).expect("export");
                let elapsed = start.elapsed();
                if let (Some(a), Some(b)) = (cpu_start, cpu_time()) {
                    cpu.push(b.saturating_sub(a));
                }
                assert!(!xlsx.is_empty());
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
