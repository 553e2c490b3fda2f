//! "Khắc phục Chỉ số CCHC" as a sheet: the [`ParIndexTable`] with the fonts, borders and
//! page set-up of the appendices; an area's line spans the table, bold.

use super::cells::Sheet;
use super::par_index_table::{ParIndexColumn, ParIndexTable};
use super::styles::{Level, Styles};
use super::text_sheet::{self, TextSection};
use super::WorkbookError;

pub(crate) fn write<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    table: &ParIndexTable,
) -> Result<(), WorkbookError> {
    let columns = ParIndexColumn::ALL;
    let widths: Vec<f64> = columns.iter().map(|c| c.width()).collect();
    let sections: Vec<TextSection> = table
        .sections
        .iter()
        .map(|section| TextSection {
            line: format!("{}. {}", section.number, section.title),
            rows: section.rows.iter().map(|r| r.cells.as_slice()).collect(),
        })
        .collect();
    let item = Level::Item;
    let format_of = |col: usize| match columns[col] {
        ParIndexColumn::Number => styles.number(item),
        ParIndexColumn::Score | ParIndexColumn::Lost => styles.centred(item),
        _ => styles.text(item),
    };
    let layout = (widths.as_slice(), &table.heading, table.headers.as_slice());
    text_sheet::write(sheet, styles, layout, &sections, format_of)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};

    use crate::domain::workbook::tests::cell;

    use crate::domain::library::{builtin, plan_from_source};
    use crate::domain::par_index::{CriteriaSet, Scores};
    use crate::domain::plan::{Plan, Task};
    use crate::domain::workbook::{
        build_par_index_workbook, ExportSettings, LabelStyle, NO_TASK, SHEET_PAR_INDEX,
    };

    fn row_cells(range: &Range<Data>, row: usize) -> Vec<String> {
        (0..6).map(|c| cell(range, row, c)).collect()
    }

    fn read_back(plan: &Plan, settings: &ExportSettings) -> Range<Data> {
        let scores = Scores::find_builtin("Hưng Yên", 2023).unwrap();
        let bytes =
            build_par_index_workbook(plan, CriteriaSet::builtin(), scores, settings).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), [SHEET_PAR_INDEX]);
        book.worksheet_range(SHEET_PAR_INDEX).unwrap()
    }

    #[test]
    fn seed_001_reads_back_as_its_part_ii() {
        let plan = plan_from_source(builtin(), "seed-001", "p").unwrap();
        let s = read_back(&plan, &ExportSettings::default());
        assert_eq!(cell(&s, 0, 0), "Biểu khắc phục Chỉ số CCHC");
        assert_eq!(
            cell(&s, 1, 0),
            "NHIỆM VỤ KHẮC PHỤC CÁC TIÊU CHÍ BỊ TRỪ ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023"
        );
        // No unit line: label, title, attachment, rule, then the header.
        let header = 4;
        assert_eq!(
            row_cells(&s, header),
            [
                "TT",
                "Tiêu chí, tiêu chí thành phần bị trừ điểm",
                "Điểm đạt/tối đa năm 2023",
                "Điểm bị trừ",
                "Nhiệm vụ, giải pháp khắc phục",
                "Cơ quan chủ trì"
            ]
        );
        let end = s.end().unwrap().0 as usize;
        let sections: Vec<String> = (header + 1..=end)
            .filter(|&r| cell(&s, r, 1).is_empty())
            .map(|r| cell(&s, r, 0))
            .collect();
        assert_eq!(
            sections,
            [
                "I. Công tác chỉ đạo, điều hành: đạt 9,48/9,5 điểm, bị trừ 0,02 điểm",
                "II. Cải cách thủ tục hành chính: đạt 11,9888/13 điểm, bị trừ 1,0112 điểm",
                "III. Cải cách tổ chức bộ máy hành chính nhà nước: đạt 6,43/6,5 điểm, bị trừ 0,07 điểm",
                "IV. Cải cách chế độ công vụ: đạt 5,75/6 điểm, bị trừ 0,25 điểm",
                "V. Cải cách tài chính công: đạt 6,41/8 điểm, bị trừ 1,59 điểm",
                "VI. Xây dựng và phát triển Chính phủ điện tử, Chính phủ số: đạt 10,17/12,5 điểm, bị trừ 2,33 điểm",
                "VII. Phát triển kinh tế - xã hội: đạt 4,3/6,5 điểm, bị trừ 2,2 điểm",
            ]
        );
        // Every criterion that lost points, once.
        assert_eq!(end - header - sections.len(), 22);
        let row = (header..=end)
            .find(|&r| cell(&s, r, 1).starts_with("3.2.1."))
            .unwrap();
        let values = row_cells(&s, row);
        assert_eq!(values[0], "1");
        assert_eq!(
            values[1],
            "3.2.1. Công bố TTHC, danh mục TTHC theo quy định"
        );
        assert_eq!(values[2..4], ["0/0,5", "0,5"]);
        assert_eq!(values[4].lines().count(), 2);
        assert!(values[4].starts_with("- Các sở, ban, ngành tỉnh thực hiện nghiêm túc"));
        assert_eq!(values[5], "Các sở, ban, ngành tỉnh; Văn phòng UBND tỉnh");
        assert!((header..=end).all(|r| cell(&s, r, 4) != NO_TASK));
    }

    #[test]
    fn criteria_without_tasks_say_so() {
        let mut plan = Plan::new("p", "Hưng Yên", 2024);
        let area = plan.add_area_titled(None, "Cải cách chế độ công vụ".into());
        plan.add_task_with(
            Some(area),
            Task {
                content: "Chuẩn hóa công chức cấp xã".into(),
                lead: vec!["Sở Nội vụ".into()],
                criteria: vec!["5.6".into()],
                ..Task::default()
            },
        );
        let settings = ExportSettings {
            label: LabelStyle::Capitals,
            ..ExportSettings::default()
        };
        let s = read_back(&plan, &settings);
        assert_eq!(cell(&s, 0, 0), "BIỂU KHẮC PHỤC CHỈ SỐ CCHC");
        let end = s.end().unwrap().0 as usize;
        let tasks: Vec<(String, String)> = (5..=end)
            .filter(|&r| !cell(&s, r, 1).is_empty())
            .map(|r| (cell(&s, r, 1), cell(&s, r, 4)))
            .collect();
        assert_eq!(tasks.len(), 22);
        let answered: Vec<&(String, String)> = tasks.iter().filter(|(_, t)| t != NO_TASK).collect();
        assert_eq!(
            answered,
            [&(
                "5.6. Tỷ lệ đạt chuẩn của cán bộ, công chức cấp xã".to_string(),
                "Chuẩn hóa công chức cấp xã".to_string()
            )]
        );
    }
}
