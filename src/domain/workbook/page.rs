//! Print setup shared by every appendix sheet (formatting.md): A4 landscape, the decree's
//! margins, one page wide, the page number centred in the top margin from page 2 on, the
//! table's header row repeated on every page and frozen on screen.

#[cfg(feature = "documents")]
use rust_xlsxwriter::{RowNum, Worksheet};

#[cfg(feature = "documents")]
use super::WorkbookError;

/// Excel's paper code for A4.
pub const PAPER_A4: u8 = 9;

#[cfg(feature = "documents")]
/// Millimetres to inches, the unit Excel keeps margins in.
fn mm(millimetres: f64) -> f64 {
    (millimetres / 25.4 * 100.0).round() / 100.0
}

/// Margins in inches: left 30 mm, right 15 mm, top and bottom 20 mm; the page number sits
/// 10 mm from the top edge, inside the top margin.
pub const MARGIN_LEFT: f64 = 1.18;
pub const MARGIN_RIGHT: f64 = 0.59;
pub const MARGIN_TOP: f64 = 0.79;
pub const MARGIN_BOTTOM: f64 = 0.79;
pub const MARGIN_HEADER: f64 = 0.39;
pub const MARGIN_FOOTER: f64 = 0.31;

/// The page header: the page number, centred, Times New Roman 13 pt. The first page shows
/// none (see `package.rs`, which marks the header as different on the first page).
pub const PAGE_HEADER: &str = "&C&\"Times New Roman,Regular\"&13&P";

#[cfg(feature = "documents")]
/// Sets up printing; with `header_row`, that row repeats on every page and the panes are
/// frozen under it.
pub(crate) fn set_up(
    sheet: &mut Worksheet,
    header_row: Option<RowNum>,
) -> Result<(), WorkbookError> {
    debug_assert_eq!(mm(30.0), MARGIN_LEFT);
    debug_assert_eq!(mm(15.0), MARGIN_RIGHT);
    debug_assert_eq!(mm(20.0), MARGIN_TOP);
    sheet
        .set_landscape()
        .set_paper_size(PAPER_A4)
        .set_margins(
            MARGIN_LEFT,
            MARGIN_RIGHT,
            MARGIN_TOP,
            MARGIN_BOTTOM,
            MARGIN_HEADER,
            MARGIN_FOOTER,
        )
        .set_header(PAGE_HEADER)
        // Each appendix is numbered on its own, from 1.
        .set_print_first_page_number(1)
        .set_print_fit_to_pages(1, 0);
    if let Some(row) = header_row {
        sheet.set_repeat_rows(row, row)?;
        sheet.set_freeze_panes(row + 1, 0)?;
    }
    Ok(())
}
