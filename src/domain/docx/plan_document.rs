//! The plan document (Dự thảo kế hoạch) as one .docx, laid out per Nghị định 30/2020: the
//! two-column heading without borders (the issuing body, the Quốc hiệu and tiêu ngữ with
//! their short rules, the number, the place and date in italics), the title "KẾ HOẠCH"
//! and its subject line, the body on A4 portrait at 14 pt with first-line indents, nơi
//! nhận and the signature block, then every appendix in its own landscape section.
//!
//! The words are the plan's sections ([`crate::domain::plan_document`]): as the drafter
//! edited them, or their defaults. Text is always text (the builder escapes it, drops what
//! XML cannot carry and never makes a field of it).
//!
//! ```
//! use cchc_plan::domain::docx::{build_plan_document, plan_document_file_name};
//! use cchc_plan::domain::plan::Plan;
//! use cchc_plan::domain::workbook::ExportSettings;
//! let plan = Plan::new("p", "Lào Cai", 2027);
//! let bytes = build_plan_document(&plan, &ExportSettings::default()).unwrap();
//! assert_eq!(&bytes[..2], b"PK");
//! assert_eq!(plan_document_file_name(&plan), "Du-thao-KH-CCHC-Lao-Cai-2027.docx");
//! ```

use super::{
    append_appendices, plan_properties, Align, Cell, DocxBuilder, DocxError, PageSetup, Para, Run,
    Table, TableRow, VAlign,
};
use crate::domain::plan::Plan;
use crate::domain::plan_document::{parse, section_text, HeadingLevel, Paragraph, Section};
use crate::domain::text::file_slug;
use crate::domain::workbook::{province_phrase, ExportSettings};

/// The body's size, and the sizes of the heading block and of nơi nhận (formatting.md).
const BODY: f32 = 14.0;
const HEADING: f32 = 13.0;
const RECIPIENTS_LABEL: f32 = 12.0;
const RECIPIENTS: f32 = 11.0;
/// First-line indent of body paragraphs (1 to 1.27 cm in the decree).
const INDENT_MM: f32 = 10.0;
/// The heading table's columns: the issuing body, and the Quốc hiệu (165 mm in all).
const LEFT_MM: f32 = 62.0;
const RIGHT_MM: f32 = 103.0;

/// The whole plan document: its body then its appendices; returns the bytes of the .docx.
///
/// # Errors
/// [`DocxError::Budget`] when the budgets do not add up to a figure that fits;
/// [`DocxError::Package`] when the file cannot be written.
pub fn build_plan_document(plan: &Plan, settings: &ExportSettings) -> Result<Vec<u8>, DocxError> {
    let text = |section| section_text(plan, section, settings.words);
    let mut doc = DocxBuilder::new();
    doc.set_properties(plan_properties(plan, first_line(&text(Section::Subject))));
    doc.push_table(&heading_table(plan, &text(Section::PlaceDate)));
    doc.push_paragraph(
        Para::new(Align::Center)
            .run(Run::new("KẾ HOẠCH").bold().size(BODY))
            .space_before(12.0)
            .keep_with_next(),
    );
    for line in text(Section::Subject)
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        doc.push_paragraph(
            Para::new(Align::Center)
                .run(Run::new(line.trim()).bold().size(BODY))
                .keep_with_next(),
        );
    }
    doc.push_paragraph(Para::rule(40.0, PageSetup::portrait().text_width_mm()));
    write_paragraphs(&mut doc, &parse(&text(Section::Basis)));
    for section in [
        Section::Purpose,
        Section::Tasks,
        Section::Budget,
        Section::Organisation,
    ] {
        if let Some(heading) = section.heading() {
            doc.push_paragraph(
                body_para()
                    .run(Run::new(heading).bold().size(BODY))
                    .keep_with_next(),
            );
        }
        write_paragraphs(&mut doc, &parse(&text(section)));
    }
    doc.push_table(&closing_table(
        &text(Section::Recipients),
        &text(Section::Signature),
    ));
    doc.end_section(PageSetup::portrait());
    append_appendices(&mut doc, plan, settings)?;
    doc.finish()
}

/// "Du-thao-KH-CCHC-Lao-Cai-2027.docx": ASCII, without diacritics.
pub fn plan_document_file_name(plan: &Plan) -> String {
    match file_slug(&plan.province) {
        province if province.is_empty() => format!("Du-thao-KH-CCHC-{}.docx", plan.year),
        province => format!("Du-thao-KH-CCHC-{province}-{}.docx", plan.year),
    }
}

fn first_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// A justified body paragraph with the first-line indent and a little space after.
fn body_para() -> Para {
    Para::new(Align::Justify)
        .first_line_indent(INDENT_MM)
        .space_before(3.0)
        .space_after(3.0)
}

fn write_paragraphs(doc: &mut DocxBuilder, paragraphs: &[Paragraph]) {
    for paragraph in paragraphs {
        let para = match paragraph {
            Paragraph::Text(text) => body_para().run(Run::new(text.as_str()).size(BODY)),
            Paragraph::Dash(text) => body_para().run(Run::new(format!("- {text}")).size(BODY)),
            Paragraph::Heading { level, label, text } => {
                let run = |t: String| match level {
                    HeadingLevel::Numbered(1) => Run::new(t).bold(),
                    HeadingLevel::Numbered(_) => Run::new(t).bold().italic(),
                    HeadingLevel::Lettered => Run::new(t),
                };
                let para = body_para().run(run(label.clone()).size(BODY));
                let para = if text.is_empty() {
                    para
                } else {
                    para.run(run(format!(" {text}")).size(BODY))
                };
                match level {
                    HeadingLevel::Lettered => para,
                    HeadingLevel::Numbered(_) => para.keep_with_next(),
                }
            }
        };
        doc.push_paragraph(para);
    }
}

/// A centred line of the heading table.
fn centred(run: Run) -> Para {
    Para::new(Align::Center).run(run)
}

/// The two columns at the top: "ỦY BAN NHÂN DÂN / TỈNH ..." and the Quốc hiệu with the
/// tiêu ngữ, each with its short rule; under them the number and the place and date.
fn heading_table(plan: &Plan, place_date: &str) -> Table {
    let body = province_phrase(&plan.province).to_uppercase();
    let left = Cell {
        paras: vec![
            centred(Run::new("ỦY BAN NHÂN DÂN").bold().size(HEADING)),
            centred(Run::new(body).bold().size(HEADING)),
            Para::rule(LEFT_MM / 3.0, LEFT_MM),
        ],
        ..Cell::empty()
    }
    .v_align(VAlign::Top);
    let right = Cell {
        paras: vec![
            centred(
                Run::new("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
                    .bold()
                    .size(HEADING),
            ),
            centred(Run::new("Độc lập - Tự do - Hạnh phúc").bold().size(BODY)),
            // As long as the tiêu ngữ above it.
            Para::rule(66.0, RIGHT_MM),
        ],
        ..Cell::empty()
    }
    .v_align(VAlign::Top);
    let number = plan.document_number.trim();
    let number = if number.is_empty() {
        ".../KH-UBND".to_string()
    } else if number.contains('/') {
        number.to_string()
    } else {
        format!("{number}/KH-UBND")
    };
    let mut table = Table::new(vec![LEFT_MM, RIGHT_MM], false);
    table.rows.push(TableRow::new(vec![left, right]));
    table.rows.push(TableRow::new(vec![
        Cell::new(centred(Run::new(format!("Số: {number}")).size(HEADING))),
        Cell::new(centred(
            Run::new(first_line(place_date)).italic().size(BODY),
        )),
    ]));
    table
}

/// Nơi nhận at the left (12 pt label, 11 pt lines), the signature block at the right:
/// the titles in bold capitals, room to sign, then the signer's name.
fn closing_table(recipients: &str, signature: &str) -> Table {
    let mut left = vec![Para::new(Align::Left)
        .run(Run::new("Nơi nhận:").bold().italic().size(RECIPIENTS_LABEL))
        .space_before(12.0)];
    for paragraph in parse(recipients) {
        left.push(Para::new(Align::Left).run(Run::new(paragraph.line()).size(RECIPIENTS)));
    }
    // The titles, up to the first blank line after them; then the signer's name.
    let lines: Vec<&str> = signature.lines().map(str::trim).collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let cut = lines[start..]
        .iter()
        .position(|l| l.is_empty())
        .map_or(lines.len(), |i| start + i);
    let mut right = vec![];
    for (i, line) in lines[start..cut].iter().enumerate() {
        let para = centred(Run::new(*line).bold().size(BODY));
        right.push(if i == 0 {
            para.space_before(12.0)
        } else {
            para
        });
    }
    // Room for the signature and the seal.
    for _ in 0..4 {
        right.push(Para::new(Align::Center));
    }
    for line in lines[cut..].iter().filter(|l| !l.is_empty()) {
        right.push(centred(Run::new(*line).bold().size(BODY)));
    }
    let cell = |paras: Vec<Para>| {
        Cell {
            paras,
            ..Cell::empty()
        }
        .v_align(VAlign::Top)
    };
    let mut table = Table::new(vec![80.0, 85.0], false);
    table
        .rows
        .push(TableRow::new(vec![cell(left), cell(right)]));
    table
}
