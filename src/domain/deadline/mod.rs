//! Deadlines as drafters write them in the "Thời gian thực hiện" column.
//!
//! A deadline stays the drafter's exact text ([`crate::domain::plan::Task::deadline`] is a
//! `String`). This module reads that text to sort, group by quarter and check it against the
//! plan year ([`parse`]), moves its years when a task is reused for another plan year
//! ([`roll`]), and offers completions while typing ([`suggest`]). Nothing here rewrites the
//! text except [`roll`], which changes only the digits of years that belong to the date.
//!
//! ```
//! use cchc_plan::domain::deadline::{parse, roll, suggest, Bucket, DeadlineForm, QuarterSet};
//!
//! let d = parse("Quý I, II/2022");
//! assert_eq!(d.form, DeadlineForm::Quarters { quarters: QuarterSet::of(&[1, 2]), year: Some(2022) });
//! assert_eq!(d.quarter(), Bucket::Q2);
//! assert!(!d.outside_plan_year(2022));
//!
//! let r = roll("Tháng 12/2021 sau khi Bộ Nội vụ triển khai", 2022, 2027);
//! assert_eq!(r.text, "Tháng 12/2026 sau khi Bộ Nội vụ triển khai");
//! assert!(r.changed && !r.needs_review);
//!
//! assert_eq!(suggest("q3,4", 2027), ["Quý III, IV/2027"]);
//! ```
//!
//! The reader works on words folded without diacritics ("Quý" and "quy" are the same word) and
//! in their canonical spelling ([`super::text::canonical_folded_word`], applied by the text
//! tokenizer), so it accepts "Hàng năm" and "Hằng năm", "Quý" and "Quí", "Định kỳ" and "Định
//! kì", upper or lower case. Each text is read once, left to right, with a little
//! backtracking; no regular expressions.
//!
//! One file per stage of work: `cursor.rs` (tokens and a cursor over them), `parse.rs` (the
//! grammar of deadline forms), `roll.rs` (moving years) and `suggest.rs` (completions); this
//! file holds the forms themselves. Tests sit beside each stage (`parse/tests.rs`, ...).

use std::fmt;

mod cursor;
mod parse;
mod roll;
mod suggest;

pub use parse::parse;
pub use roll::{roll, shift_years, Rolled};
pub use suggest::{expand, suggest};

/// What a deadline text says, as far as this module understands it.
///
/// A date form may carry a condition ("Tháng 12/2021 sau khi Bộ Nội vụ triển khai"): the
/// condition sets [`Deadline::conditional`] and keeps the date form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeadlineForm {
    /// "Tháng 12/2021", "tháng 6 năm 2022", "Tháng 5": by the end of a month.
    Month { month: u8, year: Option<i32> },
    /// "Tháng 4 - tháng 7", "Tháng 3 - đến tháng 11/2022": from one month to another. `year`
    /// is the year the range ends in. When `to` is before `from` ("Từ tháng 11 ... đến hết
    /// tháng 01 năm kế tiếp") the range runs into the next year.
    MonthRange { from: u8, to: u8, year: Option<i32> },
    /// "Tháng 6 và tháng 12", "tháng 5 và tháng 6 năm 2025", "Tháng 3, 6, 9, 12": several
    /// months, each a deadline, in one year. Like a set of quarters it ends with its last
    /// month.
    Months { months: MonthSet, year: Option<i32> },
    /// "Quý I/2022", "Quý I, II/2022", "Quý III + Quý IV năm 2022"; also "6 tháng đầu năm"
    /// (quarters I and II) and "6 tháng cuối năm" (III and IV).
    Quarters {
        quarters: QuarterSet,
        year: Option<i32>,
    },
    /// "Năm 2022", "2022"; "Trong năm" and "Thực hiện trong năm" (the plan year) have no year.
    Year { year: Option<i32> },
    /// "2022-2025", "Giai đoạn 2021-2025", "Từ năm 2021 đến năm 2025".
    YearRange { from: i32, to: i32 },
    /// "Trước ngày 05/01/2022", "Chậm nhất ngày 15/12", "Ngày 15 tháng 12 năm 2022", and
    /// "Trước tháng 6/2022" (before its first day).
    Before {
        day: u8,
        month: u8,
        year: Option<i32>,
    },
    /// "Hàng năm", "Tháng 12 hàng năm", "Định kỳ hàng tháng", "Trước ngày 22 của tháng cuối quý".
    Recurring(Period),
    /// "Thường xuyên", "Thường xuyên trong năm", "Thường xuyên trong năm 2022".
    Continuous { year: Option<i32> },
    /// Only a condition or someone else's schedule, no date of its own: "Theo kế hoạch",
    /// "Sau khi có văn bản hướng dẫn của bộ, ngành Trung ương", "Khi có chủ trương của Chính phủ".
    Conditional,
    /// Anything else (and the empty text): free text, never touched.
    Unknown,
}

/// How often a [`DeadlineForm::Recurring`] deadline comes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    /// "Hàng tuần", "Định kỳ hàng tuần".
    Weekly,
    /// "Hàng tháng", "Định kỳ hàng tháng".
    Monthly,
    /// "Hàng quý"; `day` for "Trước ngày 22 của tháng cuối quý".
    Quarterly { day: Option<u8> },
    /// "Hàng năm"; `month` for "Tháng 12 hàng năm".
    Yearly { month: Option<u8> },
    /// "Định kỳ", "Định kỳ trong năm": periodic, period not said.
    Unspecified,
}

/// A set of quarters (I to IV), kept as a bitset so [`DeadlineForm`] stays `Copy`.
///
/// ```
/// use cchc_plan::domain::deadline::QuarterSet;
/// let q = QuarterSet::of(&[3, 1]);
/// assert_eq!(q.iter().collect::<Vec<_>>(), [1, 3]);
/// assert_eq!((q.first(), q.last()), (Some(1), Some(3)));
/// assert_eq!(q.to_string(), "I, III");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct QuarterSet(u8);

impl QuarterSet {
    /// The set of the given quarters; numbers outside 1..=4 are ignored.
    pub fn of(quarters: &[u8]) -> QuarterSet {
        quarters.iter().fold(QuarterSet(0), |s, &q| s.with(q))
    }

    /// This set plus quarter `q` (1..=4; anything else is ignored).
    pub fn with(self, q: u8) -> QuarterSet {
        if (1..=4).contains(&q) {
            QuarterSet(self.0 | 1 << (q - 1))
        } else {
            self
        }
    }

    pub fn contains(self, q: u8) -> bool {
        (1..=4).contains(&q) && self.0 & (1 << (q - 1)) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The quarters in the set, in order.
    pub fn iter(self) -> impl Iterator<Item = u8> {
        (1..=4).filter(move |&q| self.contains(q))
    }

    pub fn first(self) -> Option<u8> {
        self.iter().next()
    }

    pub fn last(self) -> Option<u8> {
        self.iter().last()
    }
}

/// Roman numerals joined by ", ", as in "Quý I, II/2022".
impl fmt::Display for QuarterSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, q) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(ROMAN[usize::from(q) - 1])?;
        }
        Ok(())
    }
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// A set of months (1 to 12), kept as a bitset so [`DeadlineForm`] stays `Copy`.
///
/// ```
/// use cchc_plan::domain::deadline::MonthSet;
/// let m = MonthSet::of(&[12, 6, 13]);
/// assert_eq!(m.iter().collect::<Vec<_>>(), [6, 12]);
/// assert_eq!((m.first(), m.last()), (Some(6), Some(12)));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct MonthSet(u16);

impl MonthSet {
    /// The set of the given months; numbers outside 1..=12 are ignored.
    pub fn of(months: &[u8]) -> MonthSet {
        months.iter().fold(MonthSet(0), |s, &m| s.with(m))
    }

    /// This set plus month `m` (1..=12; anything else is ignored).
    pub fn with(self, m: u8) -> MonthSet {
        if (1..=12).contains(&m) {
            MonthSet(self.0 | 1 << (m - 1))
        } else {
            self
        }
    }

    pub fn contains(self, m: u8) -> bool {
        (1..=12).contains(&m) && self.0 & (1 << (m - 1)) != 0
    }

    /// The months in the set, in order.
    pub fn iter(self) -> impl Iterator<Item = u8> {
        (1..=12).filter(move |&m| self.contains(m))
    }

    pub fn first(self) -> Option<u8> {
        self.iter().next()
    }

    pub fn last(self) -> Option<u8> {
        self.iter().last()
    }
}

/// A deadline as understood: its form, and whether it also depends on a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Deadline {
    pub form: DeadlineForm,
    /// True when the text has a condition or an outside schedule ("sau khi ...", "khi ...",
    /// "theo ..."), alone ([`DeadlineForm::Conditional`]) or after a date.
    pub conditional: bool,
}

/// The group a deadline falls in when tasks are grouped by quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bucket {
    Q1,
    Q2,
    Q3,
    Q4,
    /// The whole year: a year, a range of years, continuous or recurring work.
    WholeYear,
    /// A condition without a date, or a text not understood.
    Unknown,
}

impl Bucket {
    /// Every bucket, in display order.
    pub const ALL: [Bucket; 6] = [
        Bucket::Q1,
        Bucket::Q2,
        Bucket::Q3,
        Bucket::Q4,
        Bucket::WholeYear,
        Bucket::Unknown,
    ];

    /// The Vietnamese heading of the group.
    pub fn label(self) -> &'static str {
        match self {
            Bucket::Q1 => "Quý I",
            Bucket::Q2 => "Quý II",
            Bucket::Q3 => "Quý III",
            Bucket::Q4 => "Quý IV",
            Bucket::WholeYear => "Cả năm / thường xuyên",
            Bucket::Unknown => "Không rõ thời gian",
        }
    }

    fn of_month(month: u8) -> Bucket {
        match month {
            1..=3 => Bucket::Q1,
            4..=6 => Bucket::Q2,
            7..=9 => Bucket::Q3,
            _ => Bucket::Q4,
        }
    }
}

impl fmt::Display for Bucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Orders deadlines by the date they end (see [`Deadline::sort_key`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortKey {
    undated: bool,
    year: i32,
    month: u8,
    day: u8,
    rank: u8,
}

impl Deadline {
    /// The quarter the deadline falls in, ignoring its year (check the year with
    /// [`Deadline::outside_plan_year`]).
    ///
    /// A month range or a set of quarters goes to the quarter it **ends** in ("Tháng 3 - tháng
    /// 7" is Quý III, "Quý I, II/2022" is Quý II); "Tháng 12 hàng năm" is Quý IV; "Trước ngày
    /// 01/4" is Quý I. Years, ranges of years, continuous and other recurring work go to
    /// [`Bucket::WholeYear`]; a bare condition and unknown text to [`Bucket::Unknown`].
    ///
    /// ```
    /// use cchc_plan::domain::deadline::{parse, Bucket};
    /// assert_eq!(parse("Tháng 3 - tháng 7").quarter(), Bucket::Q3);
    /// assert_eq!(parse("Trước ngày 05/01/2022").quarter(), Bucket::Q1);
    /// assert_eq!(parse("Thường xuyên").quarter(), Bucket::WholeYear);
    /// assert_eq!(parse("Theo kế hoạch").quarter(), Bucket::Unknown);
    /// ```
    pub fn quarter(&self) -> Bucket {
        match self.form {
            DeadlineForm::Month { month, .. } => Bucket::of_month(month),
            DeadlineForm::MonthRange { to, .. } => Bucket::of_month(to),
            DeadlineForm::Months { months, .. } => {
                months.last().map_or(Bucket::Unknown, Bucket::of_month)
            }
            DeadlineForm::Quarters { quarters, .. } => match quarters.last() {
                Some(q) => Bucket::of_month(q * 3),
                None => Bucket::Unknown,
            },
            DeadlineForm::Before { day, month, .. } => {
                // Before the 1st of a month is the end of the month before.
                let month = if day == 1 {
                    (month + 10) % 12 + 1
                } else {
                    month
                };
                Bucket::of_month(month)
            }
            DeadlineForm::Recurring(Period::Yearly { month: Some(m) }) => Bucket::of_month(m),
            DeadlineForm::Year { .. }
            | DeadlineForm::YearRange { .. }
            | DeadlineForm::Recurring(_)
            | DeadlineForm::Continuous { .. } => Bucket::WholeYear,
            DeadlineForm::Conditional | DeadlineForm::Unknown => Bucket::Unknown,
        }
    }

    /// The last day the deadline allows, as (year, month, day), reading a year-less text in
    /// `plan_year`. Whole-year, continuous and recurring work ends on 31/12 (a yearly month on
    /// the last day of that month); a bare condition and unknown text have no date.
    ///
    /// ```
    /// use cchc_plan::domain::deadline::parse;
    /// assert_eq!(parse("Quý I/2022").end_date(2022), Some((2022, 3, 31)));
    /// assert_eq!(parse("Tháng 02").end_date(2024), Some((2024, 2, 29)));
    /// assert_eq!(parse("Hàng năm").end_date(2022), Some((2022, 12, 31)));
    /// assert_eq!(parse("Khi có chủ trương của Chính phủ").end_date(2022), None);
    /// ```
    pub fn end_date(&self, plan_year: i32) -> Option<(i32, u8, u8)> {
        let month_end = |y: i32, m: u8| Some((y, m, days_in_month(m, Some(y))));
        match self.form {
            DeadlineForm::Month { month, year } => month_end(year.unwrap_or(plan_year), month),
            DeadlineForm::MonthRange { from, to, year } => {
                let wraps = i32::from(to < from);
                month_end(year.unwrap_or(plan_year + wraps), to)
            }
            DeadlineForm::Quarters { quarters, year } => {
                month_end(year.unwrap_or(plan_year), quarters.last()? * 3)
            }
            DeadlineForm::Months { months, year } => {
                month_end(year.unwrap_or(plan_year), months.last()?)
            }
            DeadlineForm::Year { year } | DeadlineForm::Continuous { year } => {
                Some((year.unwrap_or(plan_year), 12, 31))
            }
            DeadlineForm::YearRange { to, .. } => Some((to, 12, 31)),
            DeadlineForm::Before { day, month, year } => {
                Some((year.unwrap_or(plan_year), month, day))
            }
            DeadlineForm::Recurring(Period::Yearly { month: Some(m) }) => month_end(plan_year, m),
            DeadlineForm::Recurring(Period::Quarterly { day: Some(d) }) => Some((plan_year, 12, d)),
            DeadlineForm::Recurring(_) => Some((plan_year, 12, 31)),
            DeadlineForm::Conditional | DeadlineForm::Unknown => None,
        }
    }

    /// A key that orders deadlines by [`Deadline::end_date`]. On the same day a precise date
    /// comes before a whole year, then continuous, then recurring work, and a conditional one
    /// after its unconditional twin. Deadlines without a date come last: bare conditions,
    /// then unknown text.
    ///
    /// ```
    /// use cchc_plan::domain::deadline::parse;
    /// let mut v = ["Thường xuyên", "Theo kế hoạch", "Năm 2022", "Quý II/2022", "Tháng 12/2021"];
    /// v.sort_by_key(|t| parse(t).sort_key(2022));
    /// assert_eq!(v, ["Tháng 12/2021", "Quý II/2022", "Năm 2022", "Thường xuyên", "Theo kế hoạch"]);
    /// ```
    pub fn sort_key(&self, plan_year: i32) -> SortKey {
        let rank = match self.form {
            DeadlineForm::Year { .. } | DeadlineForm::YearRange { .. } => 1,
            DeadlineForm::Continuous { .. } => 2,
            DeadlineForm::Recurring(_) => 3,
            DeadlineForm::Conditional => 0,
            DeadlineForm::Unknown => 1,
            _ => 0,
        };
        match self.end_date(plan_year) {
            Some((year, month, day)) => SortKey {
                undated: false,
                year,
                month,
                day,
                rank: rank * 2 + u8::from(self.conditional),
            },
            None => SortKey {
                undated: true,
                year: 0,
                month: 0,
                day: 0,
                rank,
            },
        }
    }

    /// The years the date names, in order: one for most forms, both ends of a range of years,
    /// and for a month range that runs into the next year the year it starts and ends in.
    /// Years in a condition or a document number are not counted.
    ///
    /// ```
    /// use cchc_plan::domain::deadline::parse;
    /// assert_eq!(parse("Giai đoạn 2021-2025").years(), [2021, 2025]);
    /// assert_eq!(parse("Sau khi có Nghị định 30/2020/NĐ-CP").years(), [0; 0]);
    /// ```
    pub fn years(&self) -> Vec<i32> {
        match self.form {
            DeadlineForm::Month { year, .. }
            | DeadlineForm::Months { year, .. }
            | DeadlineForm::Quarters { year, .. }
            | DeadlineForm::Year { year }
            | DeadlineForm::Before { year, .. }
            | DeadlineForm::Continuous { year } => year.into_iter().collect(),
            DeadlineForm::MonthRange {
                from,
                to,
                year: Some(y),
            } if to < from => vec![y - 1, y],
            DeadlineForm::MonthRange { year, .. } => year.into_iter().collect(),
            DeadlineForm::YearRange { from, to } => vec![from, to],
            DeadlineForm::Recurring(_) | DeadlineForm::Conditional | DeadlineForm::Unknown => {
                Vec::new()
            }
        }
    }

    /// True when a year written in the date does not fit the plan year. The December before
    /// the plan year is fine ("Tháng 12/2021" or "Trước ngày 20/12/2021" in a 2022 plan: the
    /// plan is prepared then), and a range of years is fine when it contains the plan year.
    /// Recurring, continuous, year-less, conditional and unknown texts are never outside.
    ///
    /// ```
    /// use cchc_plan::domain::deadline::parse;
    /// assert!(!parse("Tháng 12/2021").outside_plan_year(2022));
    /// assert!(parse("Quý IV/2021").outside_plan_year(2022));
    /// assert!(parse("Thường xuyên trong năm 2020").outside_plan_year(2022));
    /// assert!(!parse("Giai đoạn 2021-2025").outside_plan_year(2022));
    /// assert!(!parse("Hàng năm").outside_plan_year(2022));
    /// ```
    pub fn outside_plan_year(&self, plan_year: i32) -> bool {
        // Months written with a year, as (year, month) of their first and last month.
        let span = match self.form {
            DeadlineForm::Month {
                month,
                year: Some(y),
            }
            | DeadlineForm::Before {
                month,
                year: Some(y),
                ..
            } => ((y, month), (y, month)),
            DeadlineForm::MonthRange {
                from,
                to,
                year: Some(y),
            } => ((if to < from { y - 1 } else { y }, from), (y, to)),
            DeadlineForm::Quarters {
                quarters,
                year: Some(y),
            } => match (quarters.first(), quarters.last()) {
                (Some(a), Some(b)) => ((y, a * 3 - 2), (y, b * 3)),
                _ => return false,
            },
            DeadlineForm::Months {
                months,
                year: Some(y),
            } => match (months.first(), months.last()) {
                (Some(a), Some(b)) => ((y, a), (y, b)),
                _ => return false,
            },
            DeadlineForm::Year { year: Some(y) } | DeadlineForm::Continuous { year: Some(y) } => {
                return y != plan_year
            }
            DeadlineForm::YearRange { from, to } => return !(from..=to).contains(&plan_year),
            _ => return false,
        };
        span.0 < (plan_year - 1, 12) || span.1 > (plan_year, 12)
    }
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in a month; February has 29 when the year is unknown.
fn days_in_month(month: u8, year: Option<i32>) -> u8 {
    match month {
        2 => {
            if year.is_none_or(is_leap) {
                29
            } else {
                28
            }
        }
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests;
