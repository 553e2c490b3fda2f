//! "Tiến độ": the tasks by quarter — what is due when, and who leads it.
//!
//! One bold section row per quarter bucket ("Quý I (4 nhiệm vụ)", ..., "Cả năm / thường
//! xuyên", "Không rõ thời gian"), from [`crate::domain::timeline::by_quarter`], then its tasks
//! in deadline order: TT as in Phụ lục I with its area ("II.3.1"), content, product (when
//! exported), lead agencies, deadline. Same fonts, borders and page set-up as the appendices.

use rust_xlsxwriter::ColNum;

use crate::domain::timeline::{by_quarter, full_numbers, heading as section_heading};

use super::cells::{merged_text, text, Sheet};
use super::heading::{self, attachment_line, Heading};
use super::measure::{height, lines, row_height};
use super::settings::{Column, LabelStyle};
use super::styles::{Level, TABLE_SIZE};
use super::tasks_sheet::agencies;
use super::{Export, WorkbookError};

/// The label above the title.
pub(crate) fn label(style: LabelStyle) -> String {
    match style {
        LabelStyle::Numbered => "Biểu tiến độ".to_string(),
        LabelStyle::Capitals => "BIỂU TIẾN ĐỘ".to_string(),
    }
}

/// The title of the sheet.
pub(crate) fn title(year: i32) -> String {
    format!("TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {year} THEO QUÝ")
}

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Number,
    Content,
    Product,
    Lead,
    Deadline,
}

impl Col {
    fn width(self) -> f64 {
        match self {
            Col::Number => 9.0,
            Col::Content => 58.0,
            Col::Product => 34.0,
            Col::Lead => 30.0,
            Col::Deadline => 18.0,
        }
    }
}

pub(crate) fn write<'f>(
    sheet: &mut Sheet<'_, 'f>,
    export: &'f Export,
) -> Result<(), WorkbookError> {
    let (plan, settings, styles) = (export.plan, export.settings, &export.styles);
    let mut columns = vec![Col::Number, Col::Content];
    if settings.includes(Column::Product) {
        columns.push(Col::Product);
    }
    columns.extend([Col::Lead, Col::Deadline]);
    let widths: Vec<f64> = columns.iter().map(|c| c.width()).collect();
    let heading = Heading {
        label: label(settings.label),
        title: title(plan.year),
        attachment: attachment_line(plan),
        unit: false,
    };
    let headers: Vec<&str> = columns
        .iter()
        .map(|c| match c {
            Col::Number => settings.header(Column::Number),
            Col::Content => settings.header(Column::Content),
            Col::Product => settings.header(Column::Product),
            Col::Lead => settings.header(Column::Lead),
            Col::Deadline => settings.header(Column::Deadline),
        })
        .collect();
    let header_row_at = heading::table_top(sheet, styles, &widths, &heading, &headers)?;

    let rows = plan.rows();
    let numbers = full_numbers(&export.numbers, rows.iter().map(|r| r.depth));
    let last = (columns.len() - 1) as ColNum;
    let total: f64 = widths.iter().sum();
    let mut r = header_row_at + 1;
    for section in by_quarter(plan) {
        let title = section_heading(&section);
        merged_text(sheet, r, 0, last, &title, styles.text(Level::Heading))?;
        let tall = lines(&title, TABLE_SIZE, true, total);
        sheet.set_row_height(r, height(tall, TABLE_SIZE))?;
        r += 1;
        for &i in &section.tasks {
            let task = rows[i].task().expect("by_quarter lists tasks");
            let lead = agencies(&task.lead);
            let item = Level::Item;
            let mut cells = Vec::with_capacity(columns.len());
            for (col, column) in columns.iter().enumerate() {
                let (value, format) = match column {
                    Col::Number => (numbers[i].as_str(), styles.number(item)),
                    Col::Content => (task.content.as_str(), styles.text(item)),
                    Col::Product => (task.product.as_str(), styles.text(item)),
                    Col::Lead => (lead.as_str(), styles.text(item)),
                    Col::Deadline => (task.deadline.as_str(), styles.centred(item)),
                };
                text(sheet, r, col as ColNum, value, format)?;
                cells.push((value, false, widths[col]));
            }
            sheet.set_row_height(r, row_height(cells, TABLE_SIZE))?;
            r += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

    use super::*;
    use crate::domain::library::{builtin, plan_from_source};
    use crate::domain::rollover::roll_plan;
    use crate::domain::workbook::{build_workbook, ExportSettings, SHEET_PROGRESS};

    fn cell(range: &calamine::Range<Data>, row: usize, col: usize) -> String {
        match range.get_value((row as u32, col as u32)) {
            Some(Data::String(s)) => s.clone(),
            None | Some(Data::Empty) => String::new(),
            Some(other) => format!("{other:?}"),
        }
    }

    #[test]
    fn seed_004_reads_back_by_quarter() {
        let mut plan = plan_from_source(builtin(), "004_3d993c84cca7b04f.txt", "p").unwrap();
        roll_plan(&mut plan, 2027);
        let bytes = build_workbook(&plan, &ExportSettings::default()).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names().last().unwrap(), SHEET_PROGRESS);
        let s = book.worksheet_range(SHEET_PROGRESS).unwrap();
        assert_eq!(cell(&s, 0, 0), "Biểu tiến độ");
        assert_eq!(
            cell(&s, 1, 0),
            "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2027 THEO QUÝ"
        );
        // No unit line: label, title, attachment, rule, then the header.
        let header = 4;
        let headers: Vec<String> = (0..5).map(|c| cell(&s, header, c)).collect();
        assert_eq!(
            headers,
            [
                "TT",
                "Nội dung, nhiệm vụ",
                "Sản phẩm",
                "Cơ quan chủ trì",
                "Thời gian thực hiện"
            ]
        );
        let end = s.end().unwrap().0 as usize;
        let sections: Vec<(usize, String)> = (header + 1..=end)
            .filter(|&r| cell(&s, r, 1).is_empty() && !cell(&s, r, 0).is_empty())
            .map(|r| (r, cell(&s, r, 0)))
            .collect();
        let titles: Vec<&str> = sections
            .iter()
            .map(|(_, t)| t.split(" (").next().unwrap())
            .collect();
        assert_eq!(
            titles,
            [
                "Quý I",
                "Quý II",
                "Quý III",
                "Quý IV",
                "Cả năm / thường xuyên",
                "Không rõ thời gian"
            ]
        );
        // Every task once, under the right quarter.
        let tasks = end - header - sections.len();
        assert_eq!(tasks, plan.task_count());
        let q1 = sections[0].0;
        let q2 = sections[1].0;
        let q1_deadlines: Vec<String> = (q1 + 1..q2).map(|r| cell(&s, r, 4)).collect();
        assert!(q1_deadlines.iter().any(|d| d == "Quý I/2027"));
        assert!(q1_deadlines
            .iter()
            .all(|d| d.contains("Quý I") || d.contains("/01/2027") || d.contains("2026")));
        let first = q1 + 1;
        assert!(
            cell(&s, first, 0).starts_with("I."),
            "{}",
            cell(&s, first, 0)
        );
        assert!(!cell(&s, first, 3).is_empty(), "lead agencies");
        assert_eq!(sections[0].1, format!("Quý I ({} nhiệm vụ)", q2 - q1 - 1));
    }

    #[test]
    fn capitals_label_and_no_product() {
        let plan = plan_from_source(builtin(), "seed-002", "p").unwrap();
        let mut settings = ExportSettings {
            label: LabelStyle::Capitals,
            ..ExportSettings::default()
        };
        settings.set_included(Column::Product, false);
        let bytes = build_workbook(&plan, &settings).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let s = book.worksheet_range(SHEET_PROGRESS).unwrap();
        assert_eq!(cell(&s, 0, 0), "BIỂU TIẾN ĐỘ");
        assert_eq!(cell(&s, 4, 2), "Cơ quan chủ trì");
        assert_eq!(cell(&s, 4, 3), "Thời gian thực hiện");
    }
}
