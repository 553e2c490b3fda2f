//! Times storing a 1.000-task plan: serialising its blob, restoring it (parse and
//! `Plan::try_from`), and a whole save and load through a `PlanShelf` over a `MemoryStore`.
//!
//! `cargo run --release --example storage_bench`

use std::time::Instant;

use cchc_plan::domain::money::Money;
use cchc_plan::domain::plan::{Plan, Task};
use cchc_plan::domain::storage::blob::{decode_plan, encode_plan};
use cchc_plan::domain::storage::{MemoryStore, PlanShelf};

const RUNS: usize = 21;
const TASKS: usize = 1_000;

/// 10 areas × 4 groups × 25 tasks, with text of the length real plans have.
fn big_plan() -> Plan {
    let mut plan = Plan::new("kh-bench", "Thừa Thiên Huế", 2027);
    let mut n = 0;
    for a in 0..10 {
        let area = plan.add_area_titled(None, format!("Lĩnh vực cải cách số {a}"));
        for g in 0..4 {
            let group = plan.add_group_titled(Some(area), format!("Nhóm nhiệm vụ {a}.{g}"));
            for _ in 0..25 {
                n += 1;
                plan.add_task_with(
                    Some(group),
                    Task {
                        content: format!(
                            "Rà soát, đánh giá và đề xuất phương án đơn giản hóa thủ tục hành chính số {n} trong lĩnh vực được giao"
                        ),
                        product: "Báo cáo kết quả; Quyết định phê duyệt phương án".into(),
                        lead: vec!["Sở Nội vụ".into()],
                        partners: vec![
                            "Các Sở, Ban, ngành".into(),
                            "UBND các huyện, thị xã, thành phố".into(),
                        ],
                        deadline: "Quý II/2027".into(),
                        budget: Some(Money::parse(&format!("{},5", n % 300)).unwrap()),
                        note: String::new(),
                        template: Some(format!("002-I-{n}")),
                        progress: Default::default(),
                        criteria: Vec::new(),
                    },
                );
            }
        }
    }
    assert_eq!(plan.task_count(), TASKS);
    plan
}

/// Times `f` RUNS times (after one warm-up run) and prints median, min and max.
fn bench(name: &str, mut f: impl FnMut()) {
    f();
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "{name:<34} median {:>7.3} ms   min {:>7.3} ms   max {:>7.3} ms   ({RUNS} runs)",
        times[RUNS / 2],
        times[0],
        times[RUNS - 1]
    );
}

fn main() {
    let plan = big_plan();
    let text = encode_plan(&plan, 1, 0.0);
    println!(
        "plan: {TASKS} tasks, {} rows, blob {} KB ({} UTF-16 KB in localStorage)",
        plan.len(),
        text.len() / 1024,
        2 * text.encode_utf16().count() / 1024
    );
    bench("serialise (encode_plan)", || {
        std::hint::black_box(encode_plan(std::hint::black_box(&plan), 2, 1.0));
    });
    bench("restore (parse + Plan::try_from)", || {
        std::hint::black_box(decode_plan(std::hint::black_box(&text)).unwrap());
    });

    bench("revision check (plan_revision)", || {
        std::hint::black_box(cchc_plan::domain::storage::blob::plan_revision(&text).unwrap());
    });
    let mut store = MemoryStore::new();
    bench("MemoryStore get + set of the blob", || {
        use cchc_plan::domain::storage::KeyValueStore;
        let old = store.get("k").unwrap();
        std::hint::black_box(old);
        store.set("k", &text).unwrap();
    });

    let (mut shelf, _) = PlanShelf::open(MemoryStore::new(), 0.0);
    let mut revision = shelf.create(&plan, 0.0).unwrap();
    let mut now = 1.0;
    bench("shelf.save (check + blob + index)", || {
        revision = shelf.save(&plan, revision, now, false).unwrap();
        now += 1.0;
    });
    bench("shelf.load", || {
        std::hint::black_box(shelf.load("kh-bench").unwrap());
    });
}
