//! Times template search over 25.000 templates: the built-in library repeated.
//!
//! Run with `cargo run --release --example search_bench [query ...]`. Every query runs 100
//! times after a warm-up, twice: every hit (`search_filtered`) and the first 50 hits
//! (`search_top`, what a results list shows). Printed: the mean CPU time of the thread per
//! query where Linux reports it (`/proc/thread-self/schedstat`: other processes on a busy
//! machine do not count) and the median and slowest wall-clock times.

use std::hint::black_box;
use std::time::{Duration, Instant};

use cchc_plan::domain::library::{repeated_builtin, AreaKey};
use cchc_plan::domain::search::{Filter, Hit, SearchIndex};

const TEMPLATES: usize = 25_000;
const RUNS: usize = 100;
const TOP: usize = 50;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// CPU time of this thread so far, where Linux reports it.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Runs a search `RUNS` times: (mean CPU time, median wall time, slowest wall time).
fn time(search: impl Fn() -> Vec<Hit>) -> (Option<Duration>, Duration, Duration) {
    black_box(search());
    let start_cpu = cpu_time();
    let mut wall: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(search());
            start.elapsed()
        })
        .collect();
    let cpu = match (start_cpu, cpu_time()) {
        (Some(a), Some(b)) => Some(b.saturating_sub(a) / RUNS as u32),
        _ => None,
    };
    wall.sort();
    (cpu, wall[RUNS / 2], wall[RUNS - 1])
}

fn show((cpu, median, max): (Option<Duration>, Duration, Duration)) -> String {
    let cpu = cpu.map_or("     ?".into(), |c| format!("{:>6.2}", ms(c)));
    format!("cpu {cpu}  wall {:>6.2} / {:>6.2} ms", ms(median), ms(max))
}

fn main() {
    let templates = repeated_builtin(TEMPLATES);

    let start = Instant::now();
    let index = SearchIndex::new(&templates);
    println!(
        "index over {} templates built in {:.0} ms; times: mean cpu, median / slowest wall",
        index.len(),
        ms(start.elapsed())
    );

    let only: Vec<String> = std::env::args().skip(1).collect();
    let default_queries = [
        "mot cua",
        "một cửa",
        "TTHC",
        "thu tuc hanh chinh",
        "kiểm soát TTHC một cửa liên thông",
        "ubnd cap huyen",
        "dich vu cong truc tuyen muc do 3, 4",
        "tuyên truyền cải cách hành chính",
        "cô",
    ];
    let queries: Vec<&str> = if only.is_empty() {
        default_queries.to_vec()
    } else {
        only.iter().map(String::as_str).collect()
    };
    let digital = Filter {
        area: Some(AreaKey::DigitalGovernment),
        source: None,
    };
    let mut cases: Vec<(&str, Filter)> = queries.iter().map(|q| (*q, Filter::default())).collect();
    if only.is_empty() {
        cases.push(("một cửa", digital));
    }
    for (query, filter) in cases {
        let hits = index.search_filtered(query, &filter).len();
        let all = time(|| index.search_filtered(query, &filter));
        let top = time(|| index.search_top(query, &filter, TOP));
        let label = if filter == Filter::default() {
            format!("{query:?}")
        } else {
            format!("{query:?} (area filter)")
        };
        println!(
            "{label:<38} {hits:>6} hits | all: {} | top {TOP}: {}",
            show(all),
            show(top)
        );
    }
}
