//! The Word export: a plan's appendices (phụ lục) as a .docx, and the foundation the plan
//! document (Dự thảo kế hoạch) is written with. Only with the office codecs (the
//! `documents` feature: the documents worker, the CLI and native tests).
//!
//! The foundation ([`DocxBuilder`], [`Para`], [`Table`], [`PageSetup`]) writes
//! WordprocessingML straight into the body's text and zips it with the parts around it
//! (styles, headers with the page number, properties); why not docx-rs is said in
//! Cargo.toml. The appendices say what the Excel appendices say, with the same settings
//! ("Tùy chọn xuất"): their content is laid out once, in the workbook module's
//! layout-neutral models ([`TaskTable`](crate::domain::workbook::TaskTable)), and each
//! appendix is its own A4 landscape section numbered from 1. The progress report of a
//! period ([`build_report_docx`]) is written likewise from the workbook module's
//! [`ReportLayout`](crate::domain::workbook::ReportLayout).
//!
//! ```
//! use cchc_plan::domain::plan::{Plan, Task};
//! use cchc_plan::domain::docx::{build_appendices_docx, docx_file_name};
//! use cchc_plan::domain::workbook::ExportSettings;
//! let mut plan = Plan::new("p1", "Hưng Yên", 2027);
//! let area = plan.add_area_titled(None, "CẢI CÁCH THỂ CHẾ".into());
//! plan.add_task_with(Some(area), Task { content: "Rà soát văn bản QPPL".into(), ..Task::default() });
//! let bytes = build_appendices_docx(&plan, &ExportSettings::default()).unwrap();
//! assert_eq!(&bytes[..2], b"PK");
//! assert_eq!(docx_file_name(&plan), "Phu-luc-KH-CCHC-Hung-Yen-2027.docx");
//! ```

mod agencies;
mod budget;
mod builder;
mod heading;
mod package;
mod page;
mod par_index;
mod paragraph;
mod plan_document;
mod progress;
mod report;
mod styles;
mod table;
mod task_table;
mod totals;
mod xml;

use std::fmt;

use super::money::MoneyError;
use super::plan::Plan;
use super::workbook::{
    file_stem, province_phrase, AgencyTable, BudgetSummary, ExportSettings, ProgressTable,
    TaskTable,
};

pub use builder::DocxBuilder;
pub use package::Properties;
pub use page::{twips, Margins, Orientation, PageSetup, A4_HEIGHT_MM, A4_WIDTH_MM};
pub use par_index::{build_par_index_docx, par_index_docx_file_name};
pub use paragraph::{Align, Para, ParaStyle, Run};
pub use plan_document::{build_plan_document, plan_document_file_name};
pub use report::{build_report_docx, report_docx_file_name};
pub use styles::{BODY_SIZE, FONT, PAGE_NUMBER_SIZE, TABLE_SIZE};
pub use table::{Cell, Table, TableRow, VAlign};

/// The MIME type of a .docx, for a download.
pub const DOCX_MIME: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// Why a .docx could not be built; [`fmt::Display`] gives the Vietnamese message.
#[derive(Debug)]
pub enum DocxError {
    /// The budgets do not add up to a figure that fits ([`MoneyError::TotalTooLarge`]).
    Budget(MoneyError),
    /// The package could not be written.
    Package(String),
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::Budget(error) => write!(f, "Không tạo được tệp Word: {error}"),
            DocxError::Package(detail) => {
                write!(f, "Không hoàn tất được tệp Word (đóng gói): {detail}.")
            }
        }
    }
}

impl std::error::Error for DocxError {}

impl From<MoneyError> for DocxError {
    fn from(error: MoneyError) -> DocxError {
        DocxError::Budget(error)
    }
}

/// Appends the plan's appendices, as the Excel export has them (Phụ lục I, the tasks;
/// Phụ lục II, by lead agency; Phụ lục III, the budget, when there are budgets and the
/// budget column is exported; "Tiến độ", by quarter), each in its own A4 landscape section
/// numbered from 1 (end the section before them first: they start on a new page).
///
/// # Errors
/// [`DocxError::Budget`] when the budgets do not add up to a figure that fits.
pub fn append_appendices(
    doc: &mut DocxBuilder,
    plan: &Plan,
    settings: &ExportSettings,
) -> Result<(), DocxError> {
    let totals = plan.try_budget_totals()?;
    let numbers = plan.numbers();
    // Laid out first: a budget that cannot add up leaves the document as it was.
    let agencies = AgencyTable::new(plan, settings, &numbers)?;
    let summary = BudgetSummary::new(plan, settings, &numbers, &totals)?;
    task_table::write(doc, TaskTable::with(plan, settings, &numbers, &totals));
    agencies::write(doc, agencies);
    if let Some(summary) = &summary {
        budget::write(doc, summary);
    }
    progress::write(doc, ProgressTable::new(plan, settings, &numbers));
    Ok(())
}

/// The document properties of a plan's files.
pub fn plan_properties(plan: &Plan, subject: String) -> Properties {
    Properties {
        title: plan.title.clone(),
        subject,
        company: format!("UBND {}", province_phrase(&plan.province)),
    }
}

/// The plan's appendices as a .docx of their own; returns its bytes.
///
/// # Errors
/// [`DocxError::Budget`] when the budgets do not add up to a figure that fits;
/// [`DocxError::Package`] when the file cannot be written.
pub fn build_appendices_docx(plan: &Plan, settings: &ExportSettings) -> Result<Vec<u8>, DocxError> {
    let mut doc = DocxBuilder::new();
    doc.set_properties(plan_properties(
        plan,
        format!("Phụ lục kế hoạch cải cách hành chính năm {}", plan.year),
    ));
    append_appendices(&mut doc, plan, settings)?;
    doc.finish()
}

/// The file name of the Word appendices, ASCII without diacritics:
/// "Phu-luc-KH-CCHC-Hung-Yen-2027.docx".
pub fn docx_file_name(plan: &Plan) -> String {
    format!("{}.docx", file_stem(plan))
}

#[cfg(test)]
mod tests;
