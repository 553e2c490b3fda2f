//! "Khắc phục Chỉ số CCHC" in Word: the [`ParIndexTable`] the sheet writes, in one A4
//! landscape section: a bold line spanning the table per area that lost points, then each
//! criterion with its score, the points lost, the plan's tasks and their lead agencies.

use crate::domain::par_index::{CriteriaSet, Scores};
use crate::domain::plan::Plan;
use crate::domain::workbook::{par_index_file_stem, ExportSettings, ParIndexColumn, ParIndexTable};

use super::builder::DocxBuilder;
use super::paragraph::Align;
use super::table::TableRow;
use super::task_table::{open_appendix, text_cell};
use super::{plan_properties, DocxError};

/// Builds "Khắc phục Chỉ số CCHC" of `plan` against `scores` as a .docx.
///
/// ```
/// use cchc_plan::domain::docx::{build_par_index_docx, par_index_docx_file_name};
/// use cchc_plan::domain::par_index::{CriteriaSet, Scores};
/// use cchc_plan::domain::plan::Plan;
/// use cchc_plan::domain::workbook::ExportSettings;
/// let plan = Plan::new("p", "Hưng Yên", 2024);
/// let scores = Scores::find_builtin("Hưng Yên", 2023).unwrap();
/// let bytes = build_par_index_docx(&plan, CriteriaSet::builtin(), scores, &ExportSettings::default()).unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// assert_eq!(par_index_docx_file_name(&plan), "Khac-phuc-Chi-so-CCHC-Hung-Yen-2024.docx");
/// ```
///
/// # Errors
/// [`DocxError`] when the package cannot be written.
pub fn build_par_index_docx(
    plan: &Plan,
    set: &CriteriaSet,
    scores: &Scores,
    settings: &ExportSettings,
) -> Result<Vec<u8>, DocxError> {
    let table = ParIndexTable::new(plan, set, scores, settings);
    let mut doc = DocxBuilder::new();
    doc.set_properties(plan_properties(
        plan,
        format!("Khắc phục Chỉ số cải cách hành chính năm {}", plan.year),
    ));
    write(&mut doc, table);
    doc.finish()
}

/// The file name of the Word table: "Khac-phuc-Chi-so-CCHC-Hung-Yen-2024.docx".
pub fn par_index_docx_file_name(plan: &Plan) -> String {
    format!("{}.docx", par_index_file_stem(plan))
}

fn write(doc: &mut DocxBuilder, table: ParIndexTable) {
    let columns = ParIndexColumn::ALL;
    let weights = columns.iter().map(|c| c.width());
    let (page, mut out) = open_appendix(doc, &table.heading, weights, &table.headers);
    for section in table.sections {
        let title = format!("{}. {}", section.number, section.title);
        out.rows.push(TableRow::new(vec![
            text_cell(title, Align::Left, true).span(columns.len())
        ]));
        for row in section.rows {
            let cells = columns
                .iter()
                .zip(row.cells)
                .map(|(column, text)| {
                    let align = match column {
                        ParIndexColumn::Number | ParIndexColumn::Score | ParIndexColumn::Lost => {
                            Align::Center
                        }
                        _ => Align::Left,
                    };
                    text_cell(text, align, false)
                })
                .collect();
            out.rows.push(TableRow::new(cells));
        }
    }
    doc.push_table(&out);
    doc.end_section(page);
}
