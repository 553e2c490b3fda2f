//! Times one editing step of the `Editor` on a 10.000-task plan: what a drafter does to a
//! big plan (insert a row, type, move, indent, delete, duplicate, undo, redo), each step
//! with its undo snapshot, once the history is full (so that dropping the oldest step
//! counts too).
//!
//! ```text
//! cargo run --release --example editor_bench [runs]
//! ```
//!
//! Each step runs `runs` times (default 200) after a warm-up; printed: the mean CPU time of
//! the thread per step where Linux reports it, the median and the slowest wall time, in µs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use cchc_plan::domain::history::{EditKey, Editor, Field, UNDO_LIMIT};
use cchc_plan::domain::plan::{Plan, RowId, RowKind, Task};

#[path = "shared/plans.rs"]
mod plans;

const TASKS: usize = 10_000;

/// CPU time of this thread so far, where Linux reports it.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Runs `step` `runs` times on the editor; prints its figures.
fn time(name: &str, editor: &mut Editor, runs: usize, mut step: impl FnMut(&mut Editor, usize)) {
    step(editor, 0);
    let start_cpu = cpu_time();
    let mut wall: Vec<Duration> = (1..=runs)
        .map(|i| {
            let start = Instant::now();
            step(editor, i);
            start.elapsed()
        })
        .collect();
    let cpu = match (start_cpu, cpu_time()) {
        (Some(a), Some(b)) => format!("{:>8.1}", us(b.saturating_sub(a) / runs as u32)),
        _ => "       ?".into(),
    };
    wall.sort();
    println!(
        "  {name:<34} cpu {cpu}  wall {:>8.1} / {:>8.1} µs",
        us(wall[runs / 2]),
        us(wall[runs - 1])
    );
    black_box(editor.plan().len());
}

/// A task row near the middle of the plan (at depth 1, so that it may indent).
fn middle_task(plan: &Plan) -> RowId {
    let rows = plan.rows();
    rows[rows.len() / 2..]
        .iter()
        .find(|r| r.kind() == RowKind::Task && r.depth == 1)
        .map(|r| r.id)
        .expect("a task in the second half")
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200)
        .max(7);
    let plan = plans::plan(TASKS);
    let rows = plan.len();
    let mut editor = Editor::new(plan);
    // Fill the history, so that every step below also drops the oldest one.
    let first = editor.plan().rows()[1].id;
    for i in 0..=UNDO_LIMIT {
        editor.edit(None, |p| {
            p.update_task(first, |t| t.note = format!("bước {i}"))
        });
    }
    println!(
        "Editor on {TASKS} tasks ({rows} rows), history full ({UNDO_LIMIT} steps), {runs} runs \
         after a warm-up: mean cpu, median / slowest wall"
    );
    let at = middle_task(editor.plan());

    time(
        "type in a field (joins a step)",
        &mut editor,
        runs,
        |e, i| {
            let key = Some(EditKey::Row(at, Field::Content));
            e.edit(key, |p| {
                p.update_task(at, |t| t.content = format!("nội dung {i}"))
            });
        },
    );
    time("edit a field (new step)", &mut editor, runs, |e, i| {
        e.seal();
        e.edit(Some(EditKey::Row(at, Field::Product)), |p| {
            p.update_task(at, |t| t.product = format!("sản phẩm {i}"))
        });
    });
    time("insert a task in the middle", &mut editor, runs, |e, _| {
        e.edit(None, |p| {
            p.add_task_with(Some(at), Task::default());
            true
        });
    });
    time("duplicate a task", &mut editor, runs, |e, _| {
        e.edit(None, |p| p.duplicate(at).is_some());
    });
    time("delete a task", &mut editor, runs, |e, _| {
        let victim = middle_task(e.plan());
        e.edit(None, |p| p.delete(victim));
    });
    time("move a task down, then up", &mut editor, runs, |e, i| {
        if i % 2 == 0 {
            e.edit(None, |p| p.move_down(at));
        } else {
            e.edit(None, |p| p.move_up(at));
        }
    });
    time("indent, then outdent", &mut editor, runs, |e, i| {
        if i % 2 == 0 {
            e.edit(None, |p| p.indent(at));
        } else {
            e.edit(None, |p| p.outdent(at));
        }
    });
    time("undo, then redo", &mut editor, runs, |e, i| {
        if i % 2 == 0 {
            e.undo();
        } else {
            e.redo();
        }
    });
    time("look a row up by id", &mut editor, runs, |e, _| {
        black_box(e.plan().row(at));
    });
}
