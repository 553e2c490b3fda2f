//! "Tiến độ" as a sheet: the [`ProgressTable`] (tasks by quarter), with the same fonts,
//! borders and page set-up as the appendices.

use super::cells::Sheet;
use super::progress_table::{ProgressColumn, ProgressTable};
use super::styles::Level;
use super::text_sheet::{self, TextSection};
use super::{Export, WorkbookError};

pub(crate) fn write<'f>(
    sheet: &mut Sheet<'_, 'f>,
    export: &'f Export,
) -> Result<(), WorkbookError> {
    let styles = &export.styles;
    let table = ProgressTable::new(export.plan, export.settings, &export.numbers);
    let columns = &table.columns;
    let widths: Vec<f64> = columns.iter().map(|c| c.width()).collect();
    let sections: Vec<TextSection> = table
        .sections
        .iter()
        .map(|section| TextSection {
            line: section.title.clone(),
            rows: section.rows.iter().map(Vec::as_slice).collect(),
        })
        .collect();
    let item = Level::Item;
    let format_of = |col: usize| match columns[col] {
        ProgressColumn::Number => styles.number(item),
        ProgressColumn::Deadline => styles.centred(item),
        _ => styles.text(item),
    };
    let layout = (widths.as_slice(), &table.heading, table.headers.as_slice());
    text_sheet::write(sheet, styles, layout, &sections, format_of)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{open_workbook_from_rs, Reader, Xlsx};

    use crate::domain::library::{builtin, plan_from_source};
    use crate::domain::rollover::roll_plan;
    use crate::domain::workbook::{build_workbook, ExportSettings, SHEET_PROGRESS};
    use crate::domain::workbook::{tests::cell, Column, LabelStyle};

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
