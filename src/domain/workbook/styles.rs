//! The cell formats of every sheet: Times New Roman, wrapped, thin borders in the tables.
//!
//! Budget cells are numbers with the format `#,##0` (plus as many decimals as the amount
//! has). In a number format "," means *the reader's thousands separator* and "." *the
//! reader's decimal separator*, so Excel and LibreOffice with Vietnamese regional settings
//! show 1.600 and 12,5, while an English system shows 1,600 and 12.5. A format that forces
//! a literal "." (`#\.##0`) breaks amounts under 1.000 and cannot show decimal commas, and
//! text cells would break the SUM formulas, so the cells stay numeric. The locale tag
//! `[$-42A]` (Vietnamese) is added: LibreOffice then uses the Vietnamese separators
//! whatever the system, and Excel, which keeps the system's separators, ignores it for
//! numbers.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

use crate::domain::money::Money;

pub(crate) const FONT: &str = "Times New Roman";
/// Body size of the table cells (practice: 11-13 pt).
pub(crate) const TABLE_SIZE: f64 = 12.0;
/// Size of the heading lines (13-14 pt).
pub(crate) const HEADING_SIZE: f64 = 14.0;
/// The number format of budgets with no decimals.
pub const BUDGET_FORMAT: &str = "[$-42A]#,##0";

/// The workbook's default cell format: Times New Roman 11.
pub(crate) fn default_format() -> Format {
    Format::new().set_font_name(FONT).set_font_size(11)
}

/// The level of a table row, which decides bold and alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    /// An area (I, II) or, in Phụ lục II, an agency.
    Heading,
    /// A group inside an area.
    Group,
    /// A task or sub-task.
    Item,
}

impl Level {
    fn index(self) -> usize {
        match self {
            Level::Heading => 0,
            Level::Group => 1,
            Level::Item => 2,
        }
    }

    fn bold(self) -> bool {
        self != Level::Item
    }
}

/// Every format a sheet uses, built once per workbook.
pub(crate) struct Styles {
    pub label: Format,
    pub title: Format,
    pub attach: Format,
    pub rule: Format,
    pub unit: Format,
    pub header: Format,
    pub words: Format,
    pub note: Format,
    pub section: Format,
    number: [Format; 3],
    text: [Format; 3],
    centred: [Format; 3],
    /// Budget formats by bold (0 plain, 1 bold) and by decimals (0-3).
    budget: [[Format; 4]; 2],
    integer: [Format; 2],
}

fn base(size: f64) -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(size)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

fn cell(bold: bool) -> Format {
    let format = base(TABLE_SIZE).set_border(FormatBorder::Thin);
    if bold {
        format.set_bold()
    } else {
        format
    }
}

/// The number format showing `decimals` decimals with thousands grouping.
pub(crate) fn budget_number_format(decimals: usize) -> String {
    if decimals == 0 {
        BUDGET_FORMAT.to_string()
    } else {
        format!("{BUDGET_FORMAT}.{}", "0".repeat(decimals))
    }
}

/// How many decimals an amount needs (it is kept to the thousandth).
pub(crate) fn decimals(amount: Money) -> usize {
    let frac = amount.thousandths().rem_euclid(1000);
    match frac {
        0 => 0,
        f if f % 100 == 0 => 1,
        f if f % 10 == 0 => 2,
        _ => 3,
    }
}

impl Styles {
    pub fn new() -> Styles {
        let levels = [Level::Heading, Level::Group, Level::Item];
        let budget = |bold: bool| {
            [0, 1, 2, 3].map(|d| {
                cell(bold)
                    .set_align(FormatAlign::Right)
                    .set_num_format(budget_number_format(d))
            })
        };
        Styles {
            label: base(HEADING_SIZE).set_bold().set_align(FormatAlign::Center),
            title: base(HEADING_SIZE).set_bold().set_align(FormatAlign::Center),
            attach: base(HEADING_SIZE)
                .set_italic()
                .set_align(FormatAlign::Center),
            rule: default_format().set_border_top(FormatBorder::Thin),
            unit: base(TABLE_SIZE).set_italic().set_align(FormatAlign::Right),
            header: cell(true).set_align(FormatAlign::Center),
            words: base(TABLE_SIZE).set_italic().set_align(FormatAlign::Center),
            note: base(TABLE_SIZE).set_italic(),
            section: base(TABLE_SIZE).set_bold(),
            number: levels.map(|l| cell(l.bold()).set_align(FormatAlign::Center)),
            text: levels.map(|l| cell(l.bold())),
            centred: levels.map(|l| cell(l.bold()).set_align(FormatAlign::Center)),
            budget: [budget(false), budget(true)],
            integer: [false, true].map(|bold| {
                cell(bold)
                    .set_align(FormatAlign::Center)
                    .set_num_format("0")
            }),
        }
    }

    /// The TT cell of a row.
    pub fn number(&self, level: Level) -> &Format {
        &self.number[level.index()]
    }

    /// A text cell aligned left.
    pub fn text(&self, level: Level) -> &Format {
        &self.text[level.index()]
    }

    /// A text cell centred (deadlines, counts).
    pub fn centred(&self, level: Level) -> &Format {
        &self.centred[level.index()]
    }

    /// A budget cell showing `amount` with its decimals.
    pub fn budget(&self, level: Level, amount: Money) -> &Format {
        &self.budget[usize::from(level.bold())][decimals(amount)]
    }

    /// An empty budget cell (borders only).
    pub fn budget_blank(&self, level: Level) -> &Format {
        &self.budget[usize::from(level.bold())][0]
    }

    /// A whole number (a count of tasks), centred.
    pub fn integer(&self, level: Level) -> &Format {
        &self.integer[usize::from(level.bold())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_follow_the_amount() {
        let m = |s: &str| Money::parse(s).unwrap();
        assert_eq!(decimals(m("936")), 0);
        assert_eq!(decimals(m("12,5")), 1);
        assert_eq!(decimals(m("12,25")), 2);
        assert_eq!(decimals(m("0,125")), 3);
        assert_eq!(budget_number_format(0), "[$-42A]#,##0");
        assert_eq!(budget_number_format(2), "[$-42A]#,##0.00");
    }
}
