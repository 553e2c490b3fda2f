//! The Excel export: a plan's appendices as an .xlsx workbook, built in memory.
//!
//! Sheets, one per appendix (each printed and numbered on its own):
//! - "Phụ lục I" ([`tasks_sheet`]): the task table, by area and group, with subtotals and
//!   the total as formulas, and the total in words;
//! - "Phụ lục II" ([`agencies_sheet`]): the same tasks by lead agency, what each member of
//!   the steering committee must deliver;
//! - "Phụ lục III" ([`budget_sheet`], only when a task has a budget and the budget column
//!   is exported): budget by area and by lead agency;
//! - "Tiến độ" ([`progress_sheet`]): the tasks by quarter, with their lead agencies.
//!
//! The progress report of a period ("Báo cáo tiến độ", [`build_report_xlsx`]) is a
//! workbook of its own, written by `report_sheets` from its layout-neutral
//! [`ReportLayout`], which the Word report writes too.
//!
//! Apart, in a workbook of its own for now ([`build_par_index_workbook`]): "Khắc phục Chỉ số
//! CCHC" ([`ParIndexTable`]), the criteria a year's PAR INDEX scores took points from, with
//! the plan's tasks for each, as seed 001's part II.
//!
//! Each appendix is laid out once, as text and amounts, by a layout-neutral model that the
//! sheets and the Word export (`domain::docx`) both write: [`TaskTable`] (Phụ lục I, also
//! shown by the app's print view), [`AgencyTable`] (Phụ lục II), [`BudgetSummary`]
//! (Phụ lục III) and [`ProgressTable`] (Tiến độ). What the sheets add is their own: formulas,
//! formats, row heights.
//!
//! ```
//! use cchc_plan::domain::plan::{Plan, Task};
//! use cchc_plan::domain::workbook::{build_workbook, file_name, ExportSettings};
//! let mut plan = Plan::new("p1", "Hưng Yên", 2027);
//! let area = plan.add_area_titled(None, "CẢI CÁCH THỂ CHẾ".into());
//! plan.add_task_with(Some(area), Task { content: "Rà soát văn bản QPPL".into(), ..Task::default() });
//! let bytes = build_workbook(&plan, &ExportSettings::default()).unwrap();
//! assert_eq!(&bytes[..2], b"PK");
//! assert_eq!(file_name(&plan), "Phu-luc-KH-CCHC-Hung-Yen-2027.xlsx");
//! ```

// What the app's own wasm needs too (the print view, the export options, the file name).
mod heading;
mod page;
mod par_index_table;
mod settings;
mod task_table;
// The models of the other appendices: the writers' and the print view's.
mod agency_table;
mod budget_summary;
mod progress_table;
// The report's layout is also the app's print view of the report.
mod report_layout;

// The writer itself, only with the office codecs (the `documents` feature: the documents
// worker, the CLI and the native tests; never the app's wasm).
#[cfg(feature = "documents")]
mod agencies_sheet;
#[cfg(feature = "documents")]
mod budget_sheet;
#[cfg(feature = "documents")]
mod cells;
#[cfg(feature = "documents")]
mod measure;
#[cfg(feature = "documents")]
mod package;
#[cfg(feature = "documents")]
mod par_index_sheet;
#[cfg(feature = "documents")]
mod progress_sheet;
#[cfg(feature = "documents")]
mod report_sheets;
#[cfg(feature = "documents")]
mod styles;
#[cfg(feature = "documents")]
mod tasks_sheet;
#[cfg(feature = "documents")]
mod text_sheet;

#[cfg(feature = "documents")]
use std::fmt;

#[cfg(feature = "documents")]
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

#[cfg(feature = "documents")]
use super::money::MoneyError;
#[cfg(feature = "documents")]
use super::par_index::{CriteriaSet, Scores};
#[cfg(feature = "documents")]
use super::plan::BudgetTotals;
use super::plan::Plan;
use super::progress::ReportPeriod;
#[cfg(feature = "documents")]
use super::progress_report::ProgressReport;
use super::text::file_slug;

pub use agency_table::{AgencyColumn, AgencyGroup, AgencyTable, AgencyTask, AREA_HEADER, NO_LEAD};
pub use budget_summary::{
    BudgetLine, BudgetSummary, BudgetTable, BUDGET_WIDTHS, BY_AREA, BY_LEAD, BY_LEAD_NOTE,
};
pub use heading::{attachment_line, date_phrase, province_phrase, Heading, UNIT_LINE};
pub use page::{
    MARGIN_BOTTOM, MARGIN_FOOTER, MARGIN_HEADER, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP,
    PAGE_HEADER, PAPER_A4,
};
pub use par_index_table::{
    ParIndexColumn, ParIndexRow, ParIndexSection, ParIndexTable, NO_TASK, SHEET_PAR_INDEX,
};
pub use progress_table::{ProgressColumn, ProgressSection, ProgressTable};
pub use report_layout::{
    percent_text, range_line, CountLine, CountTable, ReportLayout, ReportLine, TaskList,
    COUNT_WIDTHS, LIST_HEADERS, LIST_WIDTHS, REPORT_HEADERS, REPORT_WIDTHS,
};
pub use settings::{Column, ExportSettings, LabelStyle};
#[cfg(feature = "documents")]
pub use styles::BUDGET_FORMAT;
pub use task_table::{
    join_agencies, tasks_title, words_line, TableCell, TableRow, TableTotal, TaskTable, TOTAL_LABEL,
};

/// The sheet of the task table.
pub const SHEET_TASKS: &str = "Phụ lục I";
/// The sheet of tasks by lead agency.
pub const SHEET_AGENCIES: &str = "Phụ lục II";
/// The budget summary sheet (only with budgets).
pub const SHEET_BUDGET: &str = "Phụ lục III";
/// The tasks by quarter.
pub const SHEET_PROGRESS: &str = "Tiến độ";
/// The progress report's first sheet: its heading and the counts by area.
pub const SHEET_REPORT_SUMMARY: &str = "Tổng hợp";
/// The progress report's counts by lead agency.
pub const SHEET_REPORT_BY_LEAD: &str = "Theo cơ quan chủ trì";
/// The progress report's overdue tasks.
pub const SHEET_REPORT_OVERDUE: &str = "Quá hạn";
/// The progress report's tasks due next period.
pub const SHEET_REPORT_DUE_NEXT: &str = "Kỳ tới";
/// The progress report's table of every task.
pub const SHEET_REPORT_TABLE: &str = "Chi tiết";
/// The MIME type of the bytes, for a download.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[cfg(feature = "documents")]
/// Why a workbook could not be built; [`fmt::Display`] gives the Vietnamese message.
#[derive(Debug)]
pub enum WorkbookError {
    /// rust_xlsxwriter refused something (a limit of the xlsx format).
    Xlsx(XlsxError),
    /// The saved package could not be reread for the last pass.
    Package(String),
    /// The budgets do not add up to a figure that fits ([`MoneyError::TotalTooLarge`]).
    Budget(MoneyError),
}

#[cfg(feature = "documents")]
impl fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkbookError::Xlsx(error) => write!(f, "Không tạo được tệp Excel: {error}."),
            WorkbookError::Package(detail) => {
                write!(f, "Không hoàn tất được tệp Excel (đóng gói): {detail}.")
            }
            WorkbookError::Budget(error) => write!(f, "Không tạo được tệp Excel: {error}"),
        }
    }
}

#[cfg(feature = "documents")]
impl std::error::Error for WorkbookError {}

#[cfg(feature = "documents")]
impl From<MoneyError> for WorkbookError {
    fn from(error: MoneyError) -> WorkbookError {
        WorkbookError::Budget(error)
    }
}

#[cfg(feature = "documents")]
impl From<XlsxError> for WorkbookError {
    fn from(error: XlsxError) -> WorkbookError {
        WorkbookError::Xlsx(error)
    }
}

#[cfg(feature = "documents")]
/// What every sheet needs: the plan, the settings, the formats, numbers and totals.
pub(crate) struct Export<'a> {
    pub plan: &'a Plan,
    pub settings: &'a ExportSettings,
    pub styles: styles::Styles,
    /// The TT of every row, in table order.
    pub numbers: Vec<String>,
    pub totals: BudgetTotals,
}

#[cfg(feature = "documents")]
/// Builds the workbook of a plan's appendices; returns the bytes of the .xlsx file.
///
/// # Errors
/// [`WorkbookError::Budget`] when the budgets do not add up to a figure that fits;
/// [`WorkbookError::Xlsx`] or [`WorkbookError::Package`] when the file cannot be written.
pub fn build_workbook(plan: &Plan, settings: &ExportSettings) -> Result<Vec<u8>, WorkbookError> {
    let export = Export {
        plan,
        settings,
        styles: styles::Styles::new(),
        numbers: plan.numbers(),
        totals: plan.try_budget_totals()?,
    };
    let mut workbook = new_workbook(
        plan,
        format!("Phụ lục kế hoạch cải cách hành chính năm {}", plan.year),
    )?;

    let mut sheet = cells::Sheet::new(workbook.add_worksheet().set_name(SHEET_TASKS)?);
    let tasks = tasks_sheet::write(&mut sheet, &export)?;
    sheet.finish()?;

    let mut sheet = cells::Sheet::new(workbook.add_worksheet().set_name(SHEET_AGENCIES)?);
    agencies_sheet::write(&mut sheet, &export)?;
    sheet.finish()?;

    let summary = BudgetSummary::new(plan, settings, &export.numbers, &export.totals)?;
    if let (Some(budget_col), Some(summary)) = (tasks.budget_col, &summary) {
        let mut sheet = cells::Sheet::new(workbook.add_worksheet().set_name(SHEET_BUDGET)?);
        budget_sheet::write(&mut sheet, &export, summary, &tasks, budget_col)?;
        sheet.finish()?;
    }

    let mut sheet = cells::Sheet::new(workbook.add_worksheet().set_name(SHEET_PROGRESS)?);
    progress_sheet::write(&mut sheet, &export)?;
    sheet.finish()?;

    let bytes = workbook.save_to_buffer()?;
    package::blank_first_page_headers(bytes)
}

#[cfg(feature = "documents")]
/// A workbook with the exports' default font, compression and the plan's properties.
fn new_workbook(plan: &Plan, subject: String) -> Result<Workbook, WorkbookError> {
    let mut workbook = Workbook::new();
    // Fast deflate: the last pass (package.rs) compresses the worksheets again.
    workbook.set_zip_compression_level(package::LEVEL);
    // Times New Roman 11 as the workbook's default font: its digits are 7 px wide like
    // Calibri's, so column widths keep Excel's usual unit, and LibreOffice (with the
    // metric-compatible Liberation Serif) lays columns out as Excel does.
    workbook.set_default_format(&styles::default_format(), 20, 64)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(plan.title.as_str())
            .set_subject(subject)
            .set_company(format!("UBND {}", province_phrase(&plan.province))),
    );
    Ok(workbook)
}

#[cfg(feature = "documents")]
/// Builds the workbook "Báo cáo tiến độ" of a period's [`ProgressReport`] of `plan` (whose
/// province heads it); returns the bytes of the .xlsx file. A table a sheet, each printed
/// A4 landscape with its header row on every page and numbered on its own:
/// [`SHEET_REPORT_SUMMARY`] (the heading, counts by status per area with the share done on
/// time), [`SHEET_REPORT_BY_LEAD`] (the same per lead agency), [`SHEET_REPORT_OVERDUE`]
/// (the overdue tasks), [`SHEET_REPORT_DUE_NEXT`] (the tasks due next period) and
/// [`SHEET_REPORT_TABLE`] (every task: TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn | Kết quả
/// thực hiện | Tình trạng | Ghi chú).
///
/// ```
/// use cchc_plan::domain::plan::{Plan, Task};
/// use cchc_plan::domain::progress::{ReportPeriod, ReportingRules};
/// use cchc_plan::domain::progress_report::build_report;
/// use cchc_plan::domain::workbook::{build_report_xlsx, report_file_name};
/// let mut plan = Plan::new("p", "Hưng Yên", 2027);
/// plan.add_task_with(None, Task { content: "Kiểm tra CCHC".into(), deadline: "Quý I/2027".into(),
///     ..Task::default() });
/// let report = build_report(&plan, &ReportingRules::default(), ReportPeriod::Q1, None);
/// let bytes = build_report_xlsx(&report, &plan).unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// assert_eq!(report_file_name(&report, &plan), "bao-cao-tien-do-q1-2027-hung-yen.xlsx");
/// ```
///
/// # Errors
/// [`WorkbookError::Xlsx`] or [`WorkbookError::Package`] when the file cannot be written.
pub fn build_report_xlsx(report: &ProgressReport, plan: &Plan) -> Result<Vec<u8>, WorkbookError> {
    let layout = ReportLayout::new(report, &plan.province);
    let styles = styles::Styles::new();
    let mut workbook = new_workbook(plan, report.title())?;
    for (index, name) in report_sheets::SHEETS.into_iter().enumerate() {
        let mut sheet = cells::Sheet::new(workbook.add_worksheet().set_name(name)?);
        report_sheets::write(index, &mut sheet, &styles, &layout)?;
        sheet.finish()?;
    }
    let bytes = workbook.save_to_buffer()?;
    package::blank_first_page_headers(bytes)
}

#[cfg(feature = "documents")]
/// Builds a workbook of one sheet, "Khắc phục Chỉ số CCHC" ([`ParIndexTable`]): what
/// `scores` ask of `plan`. Returns the bytes of the .xlsx file.
///
/// # Errors
/// [`WorkbookError::Xlsx`] or [`WorkbookError::Package`] when the file cannot be written.
pub fn build_par_index_workbook(
    plan: &Plan,
    set: &CriteriaSet,
    scores: &Scores,
    settings: &ExportSettings,
) -> Result<Vec<u8>, WorkbookError> {
    let table = ParIndexTable::new(plan, set, scores, settings);
    let styles = styles::Styles::new();
    let mut workbook = new_workbook(
        plan,
        format!("Khắc phục Chỉ số cải cách hành chính năm {}", plan.year),
    )?;
    let mut sheet = cells::Sheet::new(workbook.add_worksheet().set_name(SHEET_PAR_INDEX)?);
    par_index_sheet::write(&mut sheet, &styles, &table)?;
    sheet.finish()?;
    let bytes = workbook.save_to_buffer()?;
    package::blank_first_page_headers(bytes)
}

/// The name of a progress report's files without extension, ASCII, lower case, shared by
/// the Excel and Word reports: "bao-cao-tien-do-q1-2027-hung-yen" (period code as
/// [`ReportPeriod::code`], then the year and the province).
pub fn report_file_stem(period: ReportPeriod, year: i32, province: &str) -> String {
    let province = file_slug(province).to_lowercase();
    let stem = format!("bao-cao-tien-do-{}-{year}", period.code());
    if province.is_empty() {
        stem
    } else {
        format!("{stem}-{province}")
    }
}

#[cfg(feature = "documents")]
/// The file name of the Excel progress report: "bao-cao-tien-do-q1-2027-hung-yen.xlsx".
pub fn report_file_name(report: &ProgressReport, plan: &Plan) -> String {
    format!(
        "{}.xlsx",
        report_file_stem(report.period, report.year, &plan.province)
    )
}

/// The file name of the export, ASCII without diacritics:
/// "Phu-luc-KH-CCHC-Hung-Yen-2027.xlsx".
pub fn file_name(plan: &Plan) -> String {
    format!("{}.xlsx", file_stem(plan))
}

/// The file name of "Khắc phục Chỉ số CCHC": "Khac-phuc-Chi-so-CCHC-Hung-Yen-2024.xlsx".
///
/// ```
/// use cchc_plan::domain::plan::Plan;
/// use cchc_plan::domain::workbook::par_index_file_name;
/// let plan = Plan::new("p", "Hưng Yên", 2024);
/// assert_eq!(par_index_file_name(&plan), "Khac-phuc-Chi-so-CCHC-Hung-Yen-2024.xlsx");
/// ```
pub fn par_index_file_name(plan: &Plan) -> String {
    format!("{}.xlsx", par_index_file_stem(plan))
}

/// The name of the "Khắc phục Chỉ số CCHC" files without extension, shared by the Excel and
/// Word exports: "Khac-phuc-Chi-so-CCHC-Hung-Yen-2024".
pub fn par_index_file_stem(plan: &Plan) -> String {
    match file_slug(&plan.province) {
        province if province.is_empty() => format!("Khac-phuc-Chi-so-CCHC-{}", plan.year),
        province => format!("Khac-phuc-Chi-so-CCHC-{province}-{}", plan.year),
    }
}

/// The name of the appendices' files without extension, shared by the Excel and Word
/// exports: "Phu-luc-KH-CCHC-Hung-Yen-2027".
pub fn file_stem(plan: &Plan) -> String {
    let province = file_slug(&plan.province);
    if province.is_empty() {
        format!("Phu-luc-KH-CCHC-{}", plan.year)
    } else {
        format!("Phu-luc-KH-CCHC-{province}-{}", plan.year)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A cell of a sheet read back with calamine, as text ("" when empty).
    #[cfg(feature = "documents")]
    pub(crate) fn cell(range: &calamine::Range<calamine::Data>, row: usize, col: usize) -> String {
        use calamine::Data;
        match range.get_value((row as u32, col as u32)) {
            Some(Data::String(s)) => s.clone(),
            None | Some(Data::Empty) => String::new(),
            Some(other) => format!("{other:?}"),
        }
    }

    #[test]
    fn file_names_are_ascii() {
        let name = |province: &str, year| file_name(&Plan::new("p", province, year));
        assert_eq!(name("Hưng Yên", 2027), "Phu-luc-KH-CCHC-Hung-Yen-2027.xlsx");
        assert_eq!(name("Đắk Nông", 2021), "Phu-luc-KH-CCHC-Dak-Nong-2021.xlsx");
        assert_eq!(
            name("Bà Rịa - Vũng Tàu", 2022),
            "Phu-luc-KH-CCHC-Ba-Ria-Vung-Tau-2022.xlsx"
        );
        assert_eq!(
            name("TP. Hồ Chí Minh", 2026),
            "Phu-luc-KH-CCHC-Tp-Ho-Chi-Minh-2026.xlsx"
        );
        assert_eq!(name("", 2027), "Phu-luc-KH-CCHC-2027.xlsx");
        assert!(name("Thừa Thiên Huế", 2024).is_ascii());
    }

    #[test]
    fn report_file_names_are_ascii_lower_case() {
        assert_eq!(
            report_file_stem(ReportPeriod::Q1, 2027, "Hưng Yên"),
            "bao-cao-tien-do-q1-2027-hung-yen"
        );
        assert_eq!(
            report_file_stem(ReportPeriod::SixMonths, 2026, "TP. Hồ Chí Minh"),
            "bao-cao-tien-do-6m-2026-tp-ho-chi-minh"
        );
        assert_eq!(
            report_file_stem(ReportPeriod::Year, 2027, " "),
            "bao-cao-tien-do-year-2027"
        );
    }

    #[cfg(feature = "documents")]
    #[test]
    fn errors_read_in_vietnamese() {
        let error = WorkbookError::from(XlsxError::MaxStringLengthExceeded);
        assert!(error.to_string().starts_with("Không tạo được tệp Excel"));
        assert!(WorkbookError::Package("x".into())
            .to_string()
            .contains("đóng gói"));
    }

    #[test]
    fn budgets_that_do_not_add_up_are_refused_not_wrapped() {
        use crate::domain::money::Money;
        use crate::domain::plan::Task;
        let mut plan = Plan::new("p", "Hưng Yên", 2027);
        let area = plan.add_area_titled(None, "CẢI CÁCH THỂ CHẾ".into());
        for _ in 0..10 {
            plan.add_task_with(
                Some(area),
                Task {
                    budget: Some(Money::from_thousandths(i64::MAX / 4)),
                    ..Task::default()
                },
            );
        }
        let error = build_workbook(&plan, &ExportSettings::default()).unwrap_err();
        assert!(matches!(
            error,
            WorkbookError::Budget(MoneyError::TotalTooLarge)
        ));
        assert!(
            error.to_string().contains("Tổng kinh phí quá lớn"),
            "{error}"
        );
    }
}
