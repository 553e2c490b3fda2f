//! Writes the HTML tables that `scripts/make-import-fixtures` converts with LibreOffice into
//! the import's fixtures (tests/fixtures/import/): seeds 000, 002 and 004 each in its own
//! header wording, a table crossing pages with repeated headers, merged group rows and
//! vertical merges, a two-row header, a four-level numbering.
//!
//! ```text
//! cargo run --example import_fixtures -- <dir>
//! ```

use std::fmt::Write as _;

use cchc_plan::domain::library::{builtin, plan_from_source};
use cchc_plan::domain::money::group_thousands;
use cchc_plan::domain::plan::{Plan, RowKind};
use cchc_plan::domain::workbook::{attachment_line, join_agencies};

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Lines of a cell as paragraphs.
fn lines(text: &str) -> String {
    text.lines().map(esc).collect::<Vec<_>>().join("<br>")
}

fn page(heading: &[String], caption: &str, table: &str) -> String {
    let mut out =
        String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n");
    for p in heading {
        let _ = writeln!(out, "<p>{}</p>", esc(p));
    }
    let _ = writeln!(out, "<p><b>{}</b></p>", esc(caption));
    out.push_str(table);
    out.push_str("\n</body></html>\n");
    out
}

/// How a seed is written: its header titles in its own wording and order, and how its
/// rows look.
struct Style {
    /// (title, field) in column order; fields: tt content product lead partners deadline
    /// budget note.
    columns: &'static [(&'static str, &'static str)],
    /// Budgets in đồng instead of triệu đồng.
    dong: bool,
    /// Area rows as one cell spanning the table ("I. TITLE") instead of TT + title.
    spanning_areas: bool,
    /// Agencies one a line instead of joined with "; ".
    agencies_on_lines: bool,
}

fn seed_table(plan: &Plan, style: &Style) -> String {
    let numbers = plan.numbers();
    let totals = plan.budget_totals();
    let mut out = String::from("<table border=\"1\">\n<thead><tr>");
    for (title, _) in style.columns {
        let _ = write!(out, "<th>{}</th>", esc(title));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let money = |id| {
        totals.by_row.get(&id).map(|m| {
            if style.dong {
                let dong = m.to_dong();
                group_thousands(dong as u64)
            } else {
                m.to_string()
            }
        })
    };
    for (row, number) in plan.rows().iter().zip(&numbers) {
        let bold = row.kind() != RowKind::Task;
        if row.kind() == RowKind::Area && style.spanning_areas {
            let _ = writeln!(
                out,
                "<tr><td colspan=\"{}\"><b>{}. {}</b></td></tr>",
                style.columns.len(),
                number,
                esc(row.text())
            );
            continue;
        }
        out.push_str("<tr>");
        for (_, field) in style.columns {
            let task = row.task();
            let text = match (*field, task) {
                ("tt", _) => number.clone(),
                ("content", _) => lines(row.text()),
                ("product", Some(t)) => lines(&t.product),
                ("lead", Some(t)) | ("partners", Some(t)) => {
                    let names = if *field == "lead" {
                        &t.lead
                    } else {
                        &t.partners
                    };
                    if style.agencies_on_lines {
                        names
                            .iter()
                            .map(|n| esc(n))
                            .collect::<Vec<_>>()
                            .join("<br>")
                    } else {
                        esc(&join_agencies(names))
                    }
                }
                ("deadline", Some(t)) => lines(&t.deadline),
                ("budget", _) => money(row.id).unwrap_or_default(),
                ("note", Some(t)) => lines(&t.note),
                _ => String::new(),
            };
            if bold && !text.is_empty() {
                let _ = write!(out, "<td><b>{text}</b></td>");
            } else {
                let _ = write!(out, "<td>{text}</td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>");
    out
}

fn heading(plan: &Plan) -> Vec<String> {
    vec![
        format!("ỦY BAN NHÂN DÂN TỈNH {}", plan.province.to_uppercase()),
        format!(
            "Số: {}",
            if plan.document_number.is_empty() {
                ".../KH-UBND"
            } else {
                &plan.document_number
            }
        ),
        plan.title.clone(),
        attachment_line(plan),
    ]
}

const SEED_000: Style = Style {
    columns: &[
        ("STT", "tt"),
        ("Nội dung nhiệm vụ", "content"),
        ("Sản phẩm", "product"),
        ("Cơ quan chủ trì", "lead"),
        ("Cơ quan phối hợp", "partners"),
        ("Thời gian hoàn thành", "deadline"),
        ("Kinh phí (triệu đồng)", "budget"),
        ("Ghi chú", "note"),
    ],
    dong: false,
    spanning_areas: false,
    agencies_on_lines: false,
};

const SEED_002: Style = Style {
    columns: &[
        ("TT", "tt"),
        ("Nhiệm vụ cụ thể", "content"),
        ("Đơn vị chủ trì", "lead"),
        ("Phối hợp", "partners"),
        ("Kết quả", "product"),
        ("Thời hạn", "deadline"),
        ("Kinh phí (đồng)", "budget"),
        ("Ghi chú", "note"),
    ],
    dong: true,
    spanning_areas: true,
    agencies_on_lines: true,
};

const SEED_004: Style = Style {
    columns: &[
        ("Số TT", "tt"),
        ("Nội dung", "content"),
        ("Hoạt động, sản phẩm", "product"),
        ("Tiến độ", "deadline"),
        ("Đơn vị thực hiện", "lead"),
        ("Cơ quan phối hợp", "partners"),
        ("Kinh phí", "budget"),
        ("Ghi chú", "note"),
    ],
    dong: false,
    spanning_areas: false,
    agencies_on_lines: false,
};

/// A table of 60 tasks in three areas whose header is repeated every 20 rows, as a table
/// crossing pages is when it was retyped or converted from PDF.
fn pages() -> String {
    let header = "<tr><td><b>TT</b></td><td><b>Nội dung nhiệm vụ</b></td><td><b>Cơ quan chủ trì</b></td><td><b>Thời gian hoàn thành</b></td><td><b>Kinh phí (triệu đồng)</b></td></tr>\n";
    let mut out = String::from("<table border=\"1\">\n");
    out.push_str(header);
    let mut written = 0;
    for area in 1..=3 {
        let roman = ["I", "II", "III"][area - 1];
        let _ = writeln!(
            out,
            "<tr><td><b>{roman}</b></td><td><b>LĨNH VỰC {area}</b></td><td></td><td></td><td></td></tr>"
        );
        written += 1;
        for task in 1..=20 {
            if written % 20 == 0 {
                out.push_str(header);
            }
            let _ = writeln!(
                out,
                "<tr><td>{task}</td><td>Nhiệm vụ {area}.{task}</td><td>Sở Nội vụ</td><td>Quý {}</td><td>{}</td></tr>",
                (task % 4) + 1,
                if task % 5 == 0 { "10" } else { "" }
            );
            written += 1;
        }
    }
    out.push_str("</table>");
    out
}

/// Group rows merged across the table, and vertical merges in the agency and budget
/// columns.
fn merges() -> String {
    r#"<table border="1">
<tr><td><b>STT</b></td><td><b>Nội dung</b></td><td><b>Chủ trì</b></td><td><b>Thời gian thực hiện</b></td><td><b>Kinh phí (triệu đồng)</b></td><td><b>Ghi chú</b></td></tr>
<tr><td colspan="6"><b>I. CẢI CÁCH THỂ CHẾ</b></td></tr>
<tr><td colspan="6"><b>Rà soát, hệ thống hóa văn bản</b></td></tr>
<tr><td>1</td><td>Rà soát văn bản quy phạm pháp luật</td><td rowspan="3">Sở Tư pháp</td><td>Quý II</td><td rowspan="2">30</td><td></td></tr>
<tr><td>2</td><td>Hệ thống hóa văn bản</td><td>Quý III</td><td></td></tr>
<tr><td>3</td><td>Kiểm tra văn bản</td><td>Quý IV</td><td>5</td><td>Ngân sách tỉnh</td></tr>
<tr><td colspan="6"><b>II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH</b></td></tr>
<tr><td>1</td><td>Công bố thủ tục hành chính</td><td>Văn phòng UBND tỉnh</td><td>Thường xuyên</td><td>Trong dự toán</td><td></td></tr>
<tr><td></td><td></td><td><b>Nhóm số hóa hồ sơ</b></td><td></td><td></td><td></td></tr>
<tr><td>2</td><td>Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính</td><td>Sở Thông tin và Truyền thông</td><td>Năm 2026</td><td>1.250,5</td><td></td></tr>
</table>"#
        .to_string()
}

/// A header over two rows: "Cơ quan thực hiện" merged above "Chủ trì | Phối hợp".
fn two_row_header() -> String {
    r#"<table border="1">
<tr><td rowspan="2"><b>TT</b></td><td rowspan="2"><b>Nội dung công việc</b></td><td colspan="2"><b>Cơ quan thực hiện</b></td><td rowspan="2"><b>Thời gian</b></td><td rowspan="2"><b>Người chịu trách nhiệm</b></td></tr>
<tr><td><b>Chủ trì</b></td><td><b>Phối hợp</b></td></tr>
<tr><td><b>I</b></td><td><b>CẢI CÁCH TỔ CHỨC BỘ MÁY</b></td><td></td><td></td><td></td><td></td></tr>
<tr><td>1</td><td>Rà soát chức năng, nhiệm vụ</td><td>Sở Nội vụ</td><td>Các sở, ngành</td><td>Quý I</td><td>Giám đốc Sở Nội vụ</td></tr>
<tr><td>2</td><td>Sắp xếp đơn vị sự nghiệp</td><td>Sở Nội vụ</td><td>Sở Tài chính<br>Sở Tư pháp</td><td>Quý III</td><td></td></tr>
</table>"#
        .to_string()
}

/// Numbers four levels deep: I, 1, 1.1, 1.1.1, then a) and dashes.
fn four_levels() -> String {
    r#"<table border="1">
<tr><td><b>TT</b></td><td><b>Nội dung nhiệm vụ</b></td><td><b>Cơ quan chủ trì</b></td><td><b>Kinh phí (triệu đồng)</b></td></tr>
<tr><td><b>I</b></td><td><b>CẢI CÁCH HÀNH CHÍNH CÔNG</b></td><td></td><td><b>60</b></td></tr>
<tr><td><b>1</b></td><td><b>Nâng cao chất lượng phục vụ</b></td><td></td><td><b>60</b></td></tr>
<tr><td>1.1</td><td>Khảo sát sự hài lòng</td><td>Sở Nội vụ</td><td>40</td></tr>
<tr><td>1.1.1</td><td>Khảo sát cấp tỉnh</td><td>Sở Nội vụ</td><td>25</td></tr>
<tr><td>1.1.2</td><td>Khảo sát cấp xã</td><td>Sở Nội vụ</td><td>15</td></tr>
<tr><td>1.2</td><td>Tập huấn kỹ năng giao tiếp</td><td>Sở Nội vụ</td><td>20</td></tr>
<tr><td>a)</td><td>Lớp cho công chức một cửa</td><td>Sở Nội vụ</td><td></td></tr>
<tr><td></td><td>- Lớp cho cán bộ cấp xã</td><td>Sở Nội vụ</td><td></td></tr>
<tr><td><b>2</b></td><td><b>Công khai, minh bạch</b></td><td></td><td></td></tr>
<tr><td>2.1</td><td>Niêm yết thủ tục hành chính</td><td>Văn phòng UBND tỉnh</td><td></td></tr>
</table>"#
        .to_string()
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: import_fixtures <dir>");
    std::fs::create_dir_all(&dir).expect("the output directory");
    let write = |name: &str, html: String| {
        std::fs::write(format!("{dir}/{name}.html"), html).expect("an HTML file");
    };
    for (seed, style) in [
        ("seed-000", &SEED_000),
        ("seed-002", &SEED_002),
        ("seed-004", &SEED_004),
    ] {
        let plan = plan_from_source(builtin(), seed, "p").expect("a seed");
        write(
            seed,
            page(&heading(&plan), "Phụ lục I", &seed_table(&plan, style)),
        );
    }
    let plain = |title: &str| {
        vec![
            "ỦY BAN NHÂN DÂN TỈNH LÀO CAI".to_string(),
            title.to_string(),
        ]
    };
    write(
        "pages",
        page(
            &plain("KẾ HOẠCH Cải cách hành chính năm 2026"),
            "Phụ lục I",
            &pages(),
        ),
    );
    write(
        "merges",
        page(
            &plain("KẾ HOẠCH Cải cách hành chính năm 2026"),
            "Phụ lục II",
            &merges(),
        ),
    );
    write(
        "two-row-header",
        page(
            &plain("KẾ HOẠCH Cải cách hành chính năm 2026"),
            "Phụ lục I",
            &two_row_header(),
        ),
    );
    write(
        "four-levels",
        page(
            &plain("KẾ HOẠCH Cải cách hành chính năm 2026"),
            "Phụ lục I",
            &four_levels(),
        ),
    );
}
