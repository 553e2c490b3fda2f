//! "Phụ lục III" (only when some task has a budget): the budget by area and by lead agency.
//!
//! The area table refers to the area subtotals of Phụ lục I (`='Phụ lục I'!G5`), so a
//! budget changed there flows through. The agency table counts each task once, under the
//! agencies that lead it together ("Sở Nội vụ; Đài PTTH tỉnh"), so both tables add up to
//! the plan's total. Both totals are formulas with their values stored.

use std::collections::HashMap;

use rust_xlsxwriter::{column_number_to_name, quote_sheet_name, ColNum, RowNum};

use crate::domain::money::Money;
use crate::domain::numbering::roman;
use crate::domain::plan::RowKind;

use super::agencies_sheet::{agency_key, NO_LEAD};
use super::cells::{
    amount, blank, header_row, integer, merged_line, merged_text, sum_formula, text, total, Sheet,
};
use super::heading::{self, attachment_line, Heading};
use super::measure::{height, row_height};
use super::page;
use super::settings::Column;
use super::styles::{Level, TABLE_SIZE};
use super::tasks_sheet::{agencies, in_words_line, TasksLayout, TOTAL_LABEL};
use super::{Export, WorkbookError, SHEET_TASKS};

/// The heading of the table by area.
pub const BY_AREA: &str = "1. Kinh phí theo lĩnh vực";
/// The heading of the table by lead agency.
pub const BY_LEAD: &str = "2. Kinh phí theo cơ quan chủ trì";

/// Column widths: the page's printable width, so the sheet prints at full size.
const WIDTHS: [f64; 4] = [7.0, 75.0, 22.0, 24.0];
const COUNT_COL: ColNum = 2;
const BUDGET_COL: ColNum = 3;

/// One line of the agency table: a lead agency (or agencies leading together).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LeadBudget {
    pub name: String,
    pub tasks: usize,
    pub budget: Money,
}

/// Budgets by lead agency (or group of co-leading agencies), largest first; each task's
/// own budget counts once.
///
/// # Errors
/// [`WorkbookError::Budget`] when a sum does not fit (it cannot once the grand total did).
pub(crate) fn by_lead(export: &Export) -> Result<Vec<LeadBudget>, WorkbookError> {
    let mut lines: Vec<LeadBudget> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for row in export.plan.rows() {
        let Some(task) = row.task() else { continue };
        let Some(budget) = task.budget else { continue };
        let name = agencies(&task.lead);
        let key = agency_key(&name);
        let at = *index.entry(key).or_insert_with(|| {
            lines.push(LeadBudget {
                name: if name.is_empty() {
                    NO_LEAD.to_string()
                } else {
                    name
                },
                tasks: 0,
                budget: Money::ZERO,
            });
            lines.len() - 1
        });
        lines[at].tasks += 1;
        lines[at].budget = lines[at].budget.checked_add(budget)?;
    }
    lines.sort_by_key(|line| std::cmp::Reverse(line.budget));
    Ok(lines)
}

fn header<'f>(
    sheet: &mut Sheet<'_, 'f>,
    export: &'f Export,
    row: RowNum,
    name: &str,
    count: &str,
) -> Result<(), WorkbookError> {
    let settings = export.settings;
    let headers = [
        settings.header(Column::Number),
        name,
        count,
        settings.header(Column::Budget),
    ];
    header_row(sheet, row, &headers, &WIDTHS, &export.styles.header)
}

/// The "Tổng cộng" line of a table whose lines are rows `from..to`.
fn total_line<'f>(
    sheet: &mut Sheet<'_, 'f>,
    export: &'f Export,
    row: RowNum,
    lines: &[RowNum],
    tasks: usize,
    budget: Money,
) -> Result<(), WorkbookError> {
    let styles = &export.styles;
    merged_text(
        sheet,
        row,
        0,
        1,
        TOTAL_LABEL,
        styles.centred(Level::Heading),
    )?;
    sheet.set_row_height(row, height(1, TABLE_SIZE))?;
    let count = sum_formula(COUNT_COL, lines, None);
    total(
        sheet,
        row,
        COUNT_COL,
        &count,
        &tasks.to_string(),
        styles.integer(Level::Heading),
    )?;
    let sum = sum_formula(BUDGET_COL, lines, None);
    total(
        sheet,
        row,
        BUDGET_COL,
        &sum,
        &budget.to_plain(),
        styles.budget(Level::Heading, budget),
    )
}

pub(crate) fn write<'f>(
    sheet: &mut Sheet<'_, 'f>,
    export: &'f Export,
    tasks: &TasksLayout,
    tasks_budget_col: ColNum,
) -> Result<(), WorkbookError> {
    let (plan, settings, styles) = (export.plan, export.settings, &export.styles);
    for (col, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as ColNum, *width)?;
    }
    let mut r = heading::write(
        sheet,
        styles,
        &WIDTHS,
        &Heading {
            label: settings.label.label("III"),
            title: format!(
                "KINH PHÍ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {}",
                plan.year
            ),
            attachment: attachment_line(plan),
            unit: true,
        },
    )?;
    page::set_up(sheet, None)?;
    let item = Level::Item;

    // 1. By area.
    merged_text(sheet, r, 0, 3, BY_AREA, &styles.section)?;
    sheet.set_row_height(r, height(1, TABLE_SIZE))?;
    r += 1;
    header(sheet, export, r, "Lĩnh vực", "Số nhiệm vụ")?;
    r += 1;
    let rows = plan.rows();
    let source = quote_sheet_name(SHEET_TASKS);
    let letter = column_number_to_name(tasks_budget_col);
    let mut lines = Vec::new();
    let mut all_tasks = 0;
    for (i, row) in rows.iter().enumerate() {
        if row.depth != 0 {
            continue;
        }
        let count = rows[i + 1..]
            .iter()
            .take_while(|r| r.depth > 0)
            .filter(|r| r.kind() == RowKind::Task)
            .count();
        all_tasks += count;
        text(sheet, r, 0, &export.numbers[i], styles.number(item))?;
        text(sheet, r, 1, row.text(), styles.text(item))?;
        sheet.set_row_height(r, row_height([(row.text(), false, WIDTHS[1])], TABLE_SIZE))?;
        integer(sheet, r, COUNT_COL, count, styles.integer(item))?;
        match export.totals.by_row.get(&row.id) {
            Some(&budget) => {
                let formula = format!("{source}!{letter}{}", tasks.rows[i] + 1);
                total(
                    sheet,
                    r,
                    BUDGET_COL,
                    &formula,
                    &budget.to_plain(),
                    styles.budget(item, budget),
                )?;
            }
            None => {
                blank(sheet, r, BUDGET_COL, styles.budget_blank(item))?;
            }
        }
        lines.push(r);
        r += 1;
    }
    let grand = export.totals.grand;
    total_line(sheet, export, r, &lines, all_tasks, grand)?;
    r += 1;
    let words = in_words_line(export);
    let width: f64 = WIDTHS.iter().sum();
    merged_line(sheet, r, 3, width, &words, &styles.words)?;
    r += 2;

    // 2. By lead agency.
    merged_text(sheet, r, 0, 3, BY_LEAD, &styles.section)?;
    sheet.set_row_height(r, height(1, TABLE_SIZE))?;
    r += 1;
    header(
        sheet,
        export,
        r,
        "Cơ quan chủ trì",
        "Số nhiệm vụ có kinh phí",
    )?;
    r += 1;
    let mut lines = Vec::new();
    let mut budget_tasks = 0;
    for (k, line) in by_lead(export)?.iter().enumerate() {
        text(sheet, r, 0, &roman(k as u32 + 1), styles.number(item))?;
        text(sheet, r, 1, &line.name, styles.text(item))?;
        sheet.set_row_height(
            r,
            row_height([(line.name.as_str(), false, WIDTHS[1])], TABLE_SIZE),
        )?;
        integer(sheet, r, COUNT_COL, line.tasks, styles.integer(item))?;
        amount(
            sheet,
            r,
            BUDGET_COL,
            line.budget,
            styles.budget(item, line.budget),
        )?;
        budget_tasks += line.tasks;
        lines.push(r);
        r += 1;
    }
    total_line(sheet, export, r, &lines, budget_tasks, grand)?;
    r += 1;
    let note = "Ghi chú: Nhiệm vụ do nhiều cơ quan cùng chủ trì được tính một lần, cho cả nhóm cơ quan đó.";
    merged_line(sheet, r, 3, width, note, &styles.note)?;
    Ok(())
}
