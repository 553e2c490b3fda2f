//! Times the import (read + analysis + plan) of a 1.000-row .docx and .xlsx natively.
//!
//! ```text
//! cargo run --release --example import_bench [runs]
//! ```
//!
//! The .xlsx is the app's own export of a generated 1.000-task plan (`shared/plans.rs`);
//! the .docx holds the same rows as a Word table (TT, content, lead, partners, deadline,
//! budget), written here with the zip crate.

use std::io::{Cursor, Write};
use std::time::Instant;

use cchc_plan::domain::import::{read_file, ImportDraft};
use cchc_plan::domain::workbook::{build_workbook, join_agencies, ExportSettings};

#[path = "shared/plans.rs"]
mod plans;
use plans::plan;

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn docx(plan: &cchc_plan::domain::plan::Plan) -> Vec<u8> {
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>", esc(t));
    let mut body = String::from("<w:tbl><w:tr>");
    for h in [
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
        "Kinh phí (triệu đồng)",
    ] {
        body.push_str(&cell(h));
    }
    body.push_str("</w:tr>");
    for (row, number) in plan.rows().iter().zip(plan.numbers()) {
        body.push_str("<w:tr>");
        body.push_str(&cell(&number));
        body.push_str(&cell(row.text()));
        match row.task() {
            Some(t) => {
                body.push_str(&cell(&join_agencies(&t.lead)));
                body.push_str(&cell(&join_agencies(&t.partners)));
                body.push_str(&cell(&t.deadline));
                body.push_str(&cell(&t.budget.map(|b| b.to_string()).unwrap_or_default()));
            }
            None => (0..4).for_each(|_| body.push_str(&cell(""))),
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .expect("zip entry");
    w.write_all(xml.as_bytes()).expect("zip write");
    w.finish().expect("zip").into_inner()
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(9)
        .max(7);
    let plan = plan(1_000);
    let xlsx = build_workbook(&plan, &ExportSettings::default()).expect("export");
    let docx = docx(&plan);
    println!("import of 1.000 tasks (read + analyse + plan), {runs} runs after one warm-up (median / min / max)");
    for (name, bytes) in [("ke-hoach.docx", &docx), ("ke-hoach.xlsx", &xlsx)] {
        let mut times = Vec::new();
        for run in 0..=runs {
            let start = Instant::now();
            let doc = read_file(name, bytes).expect("readable");
            let draft = ImportDraft::analyse(&doc, None).expect("a task table");
            let imported = draft.to_plan("p");
            let elapsed = start.elapsed();
            assert!(
                imported.task_count() >= 1_000,
                "{name}: {}",
                imported.task_count()
            );
            if run > 0 {
                times.push(elapsed);
            }
        }
        times.sort();
        let ms = |d: std::time::Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
        println!(
            "  {name:14} {:>6} KB  {} / {} / {}",
            bytes.len() / 1024,
            ms(times[times.len() / 2]),
            ms(times[0]),
            ms(times[times.len() - 1])
        );
    }
}
