//! The heading block above each appendix table: the label ("Phụ lục I"), the title in
//! capitals, the italic "(Kèm theo ...)" line, a short rule, and the unit line.

#[cfg(feature = "documents")]
use rust_xlsxwriter::{ColNum, RowNum, Worksheet};

use crate::domain::plan::Plan;
use crate::domain::text::fold;

#[cfg(feature = "documents")]
use super::cells::{header_row, merged_text, Sheet};
#[cfg(feature = "documents")]
use super::measure::{height, lines};
#[cfg(feature = "documents")]
use super::page;
#[cfg(feature = "documents")]
use super::styles::{Styles, HEADING_SIZE, TABLE_SIZE};
#[cfg(feature = "documents")]
use super::WorkbookError;

/// The unit line printed above a table with a budget column.
pub const UNIT_LINE: &str = "ĐVT: triệu đồng";

/// What a heading block says.
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    /// "Phụ lục I" or "PHỤ LỤC I".
    pub label: String,
    /// The title in capitals.
    pub title: String,
    /// The italic "(Kèm theo …)" line.
    pub attachment: String,
    /// Whether to print the unit line (the table has a budget column).
    pub unit: bool,
}

#[cfg(feature = "documents")]
/// The top of a table sheet: the column widths, the heading block, the header row (repeated
/// on every printed page) and the page setup. Returns the header's row.
pub(crate) fn table_top<'f>(
    sheet: &mut Sheet<'_, 'f>,
    styles: &'f Styles,
    widths: &[f64],
    heading: &Heading,
    headers: &[&str],
) -> Result<RowNum, WorkbookError> {
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as ColNum, *width)?;
    }
    let header_at = write(sheet, styles, widths, heading)?;
    header_row(sheet, header_at, headers, widths, &styles.header)?;
    page::set_up(sheet, Some(header_at))?;
    Ok(header_at)
}

#[cfg(feature = "documents")]
/// Writes the heading block over columns of these widths; returns the first row after it.
pub(crate) fn write(
    sheet: &mut Worksheet,
    styles: &Styles,
    widths: &[f64],
    heading: &Heading,
) -> Result<RowNum, WorkbookError> {
    let last = (widths.len().max(1) - 1) as ColNum;
    let total: f64 = widths.iter().sum();
    merged_text(sheet, 0, 0, last, &heading.label, &styles.label)?;
    sheet.set_row_height(0, height(1, HEADING_SIZE))?;
    merged_text(sheet, 1, 0, last, &heading.title, &styles.title)?;
    let title_lines = lines(&heading.title, HEADING_SIZE, true, total);
    sheet.set_row_height(1, height(title_lines, HEADING_SIZE))?;
    merged_text(sheet, 2, 0, last, &heading.attachment, &styles.attach)?;
    let attachment_lines = lines(&heading.attachment, HEADING_SIZE, false, total);
    sheet.set_row_height(2, height(attachment_lines, HEADING_SIZE))?;
    // The short rule: a top border over a few middle columns of a low row.
    let (first, end) = rule_columns(widths);
    for col in first..=end {
        sheet.write_blank(3, col as ColNum, &styles.rule)?;
    }
    sheet.set_row_height(3, 8)?;
    let mut row = 4;
    if heading.unit {
        merged_text(sheet, row, 0, last, UNIT_LINE, &styles.unit)?;
        sheet.set_row_height(row, height(1, TABLE_SIZE))?;
        row += 1;
    }
    Ok(row)
}

#[cfg(feature = "documents")]
/// The contiguous columns under which the rule is drawn: centred on the table as well as
/// the column edges allow (the offset from the centre weighs double), about a quarter of
/// its width; of two equally good choices, the narrower.
pub(crate) fn rule_columns(widths: &[f64]) -> (usize, usize) {
    let total: f64 = widths.iter().sum();
    let target = total / 4.0;
    let mut best = (0, widths.len().saturating_sub(1));
    let mut best_score = f64::INFINITY;
    let mut left = 0.0;
    for first in 0..widths.len() {
        let mut width = 0.0;
        for (last, w) in widths.iter().enumerate().skip(first) {
            width += w;
            let middle = left + width / 2.0;
            let score = 2.0 * (middle - total / 2.0).abs() + (width - target).abs();
            let narrower = width < widths[best.0..=best.1].iter().sum::<f64>();
            if score < best_score - 1e-9 || ((score - best_score).abs() < 1e-9 && narrower) {
                best_score = score;
                best = (first, last);
            }
        }
        left += widths[first];
    }
    best
}

/// "(Kèm theo Kế hoạch số 271/KH-UBND ngày 16 tháng 12 năm 2021 của Ủy ban nhân dân tỉnh
/// Yên Bái)", with dots where the plan has no number, date or province yet.
pub fn attachment_line(plan: &Plan) -> String {
    let number = plan.document_number.trim();
    let (kind, number) = if number.is_empty() {
        ("Kế hoạch", ".../KH-UBND".to_string())
    } else if fold(number).contains("/qd") {
        ("Quyết định", number.to_string())
    } else if number.contains('/') {
        ("Kế hoạch", number.to_string())
    } else {
        ("Kế hoạch", format!("{number}/KH-UBND"))
    };
    format!(
        "(Kèm theo {kind} số {number} {} của Ủy ban nhân dân {})",
        date_phrase(&plan.document_date),
        province_phrase(&plan.province)
    )
}

/// "ngày 08 tháng 01 năm 2021" from "8/1/2021"; other text is kept after "ngày".
/// Days under 10 and the months 1 and 2 take a leading zero (Nghị định 30/2020/NĐ-CP).
pub fn date_phrase(date: &str) -> String {
    let date = date.trim();
    if date.is_empty() {
        return "ngày ... tháng ... năm ...".to_string();
    }
    let parts: Vec<&str> = date.split(['/', '-', '.']).map(str::trim).collect();
    if let [d, m, y] = parts[..] {
        if let (Ok(day), Ok(month), Ok(year)) =
            (d.parse::<u32>(), m.parse::<u32>(), y.parse::<u32>())
        {
            if (1..=31).contains(&day) && (1..=12).contains(&month) && y.len() == 4 {
                let month = if month <= 2 {
                    format!("{month:02}")
                } else {
                    month.to_string()
                };
                return format!("ngày {day:02} tháng {month} năm {year}");
            }
        }
    }
    if fold(date).starts_with("ngay") {
        date.to_string()
    } else {
        format!("ngày {date}")
    }
}

/// The six centrally-run cities (2025): their committee is "Ủy ban nhân dân thành phố".
const CITIES: [&str; 6] = [
    "ha noi",
    "hai phong",
    "hue",
    "da nang",
    "ho chi minh",
    "can tho",
];

/// "tỉnh Hưng Yên", "thành phố Hà Nội", "tỉnh ..." for a blank province.
pub fn province_phrase(province: &str) -> String {
    let province = province.trim();
    if province.is_empty() {
        return "tỉnh ...".to_string();
    }
    let folded = fold(province);
    if folded.starts_with("tinh ") || folded.starts_with("thanh pho ") {
        return province.to_string();
    }
    for prefix in ["tp. ", "tp.", "tp "] {
        if folded.starts_with(prefix) {
            return format!("thành phố {}", province[prefix.len()..].trim());
        }
    }
    if CITIES.contains(&folded.as_str()) {
        format!("thành phố {province}")
    } else {
        format!("tỉnh {province}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_line_from_the_plan() {
        let mut plan = Plan::new("p", "Yên Bái", 2022);
        assert_eq!(
            attachment_line(&plan),
            "(Kèm theo Kế hoạch số .../KH-UBND ngày ... tháng ... năm ... của Ủy ban nhân dân tỉnh Yên Bái)"
        );
        plan.document_number = "271/KH-UBND".into();
        plan.document_date = "16/12/2021".into();
        assert_eq!(
            attachment_line(&plan),
            "(Kèm theo Kế hoạch số 271/KH-UBND ngày 16 tháng 12 năm 2021 của Ủy ban nhân dân tỉnh Yên Bái)"
        );
        plan.document_number = "1887/QĐ-UBND".into();
        assert!(attachment_line(&plan).starts_with("(Kèm theo Quyết định số 1887/QĐ-UBND ngày"));
        plan.document_number = "35".into();
        plan.province = String::new();
        assert!(attachment_line(&plan).contains("số 35/KH-UBND"));
        assert!(attachment_line(&plan).ends_with("của Ủy ban nhân dân tỉnh ...)"));
    }

    #[test]
    fn dates_follow_the_decree() {
        assert_eq!(date_phrase("8/1/2021"), "ngày 08 tháng 01 năm 2021");
        assert_eq!(date_phrase("18/12/2020"), "ngày 18 tháng 12 năm 2020");
        assert_eq!(date_phrase("05-3-2022"), "ngày 05 tháng 3 năm 2022");
        assert_eq!(date_phrase("cuối tháng 12"), "ngày cuối tháng 12");
        assert_eq!(date_phrase("ngày 5 tháng 3"), "ngày 5 tháng 3");
        assert_eq!(date_phrase("40/13/2021"), "ngày 40/13/2021");
    }

    #[test]
    fn provinces_and_cities() {
        assert_eq!(province_phrase("Hưng Yên"), "tỉnh Hưng Yên");
        assert_eq!(province_phrase("Hà Nội"), "thành phố Hà Nội");
        assert_eq!(province_phrase("TP Hồ Chí Minh"), "thành phố Hồ Chí Minh");
        assert_eq!(province_phrase("TP. Cần Thơ"), "thành phố Cần Thơ");
        assert_eq!(province_phrase("tỉnh Lâm Đồng"), "tỉnh Lâm Đồng");
        assert_eq!(province_phrase(" "), "tỉnh ...");
    }

    #[cfg(feature = "documents")]
    #[test]
    fn the_rule_sits_near_the_middle() {
        let widths = [6.0, 48.0, 32.0, 22.0, 22.0, 15.0, 12.0, 14.0];
        let (first, last) = rule_columns(&widths);
        let left: f64 = widths[..first].iter().sum();
        let width: f64 = widths[first..=last].iter().sum();
        let total: f64 = widths.iter().sum();
        assert!((left + width / 2.0 - total / 2.0).abs() < total / 8.0);
        assert!(width < total / 2.0);
        assert_eq!(rule_columns(&[5.0, 50.0]), (1, 1));
    }
}
