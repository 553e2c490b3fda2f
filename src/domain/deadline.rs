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
//! in their canonical spelling ([`super::text::canonical_folded_word`]), so it accepts "Hàng
//! năm" and "Hằng năm", "Quý" and "Quí", "Định kỳ" and "Định kì", upper or lower case. Each
//! text is read once, left to right, with a little backtracking; no regular expressions.

use std::fmt::{self, Write as _};

use unicode_normalization::char::is_combining_mark;

use super::text::{canonical_folded_word, fold};

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

/// Reads a deadline text. Never fails: what is not understood is [`DeadlineForm::Unknown`].
///
/// ```
/// use cchc_plan::domain::deadline::{parse, DeadlineForm, Period};
/// assert_eq!(parse("tháng 6 năm 2022").form, DeadlineForm::Month { month: 6, year: Some(2022) });
/// assert_eq!(
///     parse("Tháng 3 - đến tháng 11/2022").form,
///     DeadlineForm::MonthRange { from: 3, to: 11, year: Some(2022) }
/// );
/// assert_eq!(parse("Tháng 12 hàng năm").form, DeadlineForm::Recurring(Period::Yearly { month: Some(12) }));
/// assert_eq!(parse("Thường xuyên trong năm").form, DeadlineForm::Continuous { year: None });
///
/// let d = parse("Tháng 12/2021 sau khi Bộ Nội vụ triển khai");
/// assert_eq!(d.form, DeadlineForm::Month { month: 12, year: Some(2021) });
/// assert!(d.conditional);
///
/// assert_eq!(parse("Theo Kế hoạch của Bộ Nội vụ").form, DeadlineForm::Conditional);
/// assert_eq!(parse("Quý I/2022 và các năm tiếp theo").form, DeadlineForm::Unknown);
/// ```
pub fn parse(text: &str) -> Deadline {
    analyse(text).deadline
}

/// The result of [`roll`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rolled {
    /// The text for the new plan year.
    pub text: String,
    /// A person should read this deadline: it names several years, a year outside its plan
    /// year, a year this module did not move (in a condition or an unknown text), or a day that
    /// does not exist in the new year (29/02).
    pub needs_review: bool,
    /// The text differs from the original.
    pub changed: bool,
}

/// Moves a deadline written for plan year `from_year` to plan year `to_year`.
///
/// Only the years that belong to the date move, by `to_year - from_year`, and only their
/// digits change: every other byte of the text is kept. Recurring, continuous and year-less
/// texts stay as they are. Years in a condition or a document reference ("Quyết định số
/// 45/2016/QĐ-TTg") never move. A range of years ("2022-2025") is not guessed: the text stays
/// and `needs_review` is set. A date that was outside its plan year still moves, and is
/// flagged (see [`Rolled::needs_review`]).
///
/// ```
/// use cchc_plan::domain::deadline::roll;
/// assert_eq!(roll("Quý I/2022", 2022, 2027).text, "Quý I/2027");
/// assert_eq!(roll("Trước ngày 05/01/2022", 2022, 2027).text, "Trước ngày 05/01/2027");
/// assert_eq!(roll("Thường xuyên trong năm 2022", 2022, 2027).text, "Thường xuyên trong năm 2027");
///
/// let r = roll("Hàng năm", 2022, 2027);
/// assert!(!r.changed && !r.needs_review);
///
/// let r = roll("Giai đoạn 2021-2025", 2022, 2027);
/// assert_eq!(r.text, "Giai đoạn 2021-2025");
/// assert!(r.needs_review && !r.changed);
///
/// let r = roll("Năm 2022 theo Quyết định số 45/2016/QĐ-TTg", 2022, 2027);
/// assert_eq!(r.text, "Năm 2027 theo Quyết định số 45/2016/QĐ-TTg");
/// assert!(!r.needs_review);
/// ```
pub fn roll(text: &str, from_year: i32, to_year: i32) -> Rolled {
    let unchanged = |needs_review| Rolled {
        text: text.to_string(),
        needs_review,
        changed: false,
    };
    if from_year == to_year {
        return unchanged(false);
    }
    let a = analyse(text);
    let loose = a.has_loose_years();
    if let DeadlineForm::YearRange { .. } = a.deadline.form {
        return unchanged(true);
    }
    let delta = i64::from(to_year) - i64::from(from_year);
    let mut needs_review = loose || a.deadline.outside_plan_year(from_year);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for y in &a.years {
        let moved = i64::from(y.value) + delta;
        if !(1000..=9999).contains(&moved) {
            needs_review = true;
            continue;
        }
        out.push_str(&text[last..y.start]);
        // Infallible: writing to a String.
        let _ = write!(out, "{moved}");
        last = y.end;
    }
    out.push_str(&text[last..]);
    if let DeadlineForm::Before {
        day: 29,
        month: 2,
        year: Some(y),
    } = a.deadline.form
    {
        let moved = i64::from(y) + delta;
        if i32::try_from(moved).map_or(true, |m| !is_leap(m)) {
            needs_review = true;
        }
    }
    let changed = out != text;
    Rolled {
        text: out,
        needs_review,
        changed,
    }
}

/// [`roll`] as the template library's `ShiftYears`: the moved text only. Use [`roll`] itself
/// to learn whether the result needs a person's review.
///
/// ```
/// use cchc_plan::domain::deadline::shift_years;
/// use cchc_plan::domain::library::{builtin, ShiftYears};
/// let shift: ShiftYears = shift_years;
/// let library = builtin();
/// let template = library.template("002-I-1.1").unwrap();
/// assert_eq!(library.task_from(template, 2027, shift).deadline, "Quý I/2027");
/// ```
pub fn shift_years(text: &str, from_year: i32, to_year: i32) -> String {
    roll(text, from_year, to_year).text
}

/// Completions for a deadline being typed, most likely first; empty when nothing fits (free
/// text is always allowed).
///
/// Shortcuts: "q1", "quý 1", "quy I" (a quarter), "q3 q4", "q3,4", "q1-2" (several), "t12",
/// "tháng 12" (a month), "t3-6" (a range of months), "t12 hn" (a month every year), "n",
/// "2027", "2026-2030" (years), "trước 5/1", "5/1/2027" (before a day), "tx" (Thường xuyên),
/// "hn", "hq", "ht" (Hàng năm, quý, tháng), "dk" (Định kỳ ...), "tkh" (Theo kế hoạch), and the
/// start of any of these phrases. A year typed in the input replaces `plan_year`.
///
/// House style, as Nghị định 30/2020/NĐ-CP writes dates: days below 10 and the months 1 and 2
/// take a leading zero, other months do not ("Tháng 01/2027", "Tháng 3/2027", "Tháng
/// 12/2027", "Trước ngày 05/01/2027", "Trước ngày 15/3/2027"); quarters in Roman numerals
/// ("Quý III, IV/2027"); a year after "/".
///
/// ```
/// use cchc_plan::domain::deadline::suggest;
/// assert_eq!(suggest("quy I", 2027), ["Quý I/2027"]);
/// assert_eq!(suggest("t12", 2027), ["Tháng 12/2027", "Tháng 12/2026", "Tháng 12 hàng năm"]);
/// assert_eq!(suggest("t1", 2027), ["Tháng 01/2027", "Tháng 01 hàng năm"]);
/// assert_eq!(suggest("t3-6", 2027), ["Tháng 3 - tháng 6/2027"]);
/// assert_eq!(suggest("tx", 2027), ["Thường xuyên", "Thường xuyên trong năm 2027"]);
/// assert_eq!(suggest("hn", 2027), ["Hàng năm"]);
/// assert!(suggest("xyz", 2027).is_empty());
/// ```
pub fn suggest(input: &str, plan_year: i32) -> Vec<String> {
    let toks = tokenize(input);
    if toks.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let p = || Parser::new(&toks);
    if let Some(v) = p().suggest_quarters(plan_year) {
        out.extend(v);
    } else if let Some(v) = p().suggest_months(plan_year) {
        out.extend(v);
    } else if let Some(v) = p().suggest_before(plan_year) {
        out.extend(v);
    } else if let Some(v) = p().suggest_years(plan_year) {
        out.extend(v);
    }

    let typed = toks
        .iter()
        .map(|t| match &t.kind {
            Kind::Word(w) => w.clone(),
            Kind::Num { value, .. } => value.to_string(),
            Kind::Sym(c) => c.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let with_year = |s: &str| s.replace("{Y}", &plan_year.to_string());
    for (abbr, phrases) in ABBREVIATIONS {
        if typed == *abbr {
            out.extend(phrases.iter().map(|s| with_year(s)));
        }
    }
    if typed.chars().count() >= 2 {
        for phrase in PHRASES {
            let phrase = with_year(phrase);
            if fold(&phrase).starts_with(&typed) {
                out.push(phrase);
            }
        }
    }

    let mut seen = Vec::new();
    out.retain(|s| {
        let new = !seen.contains(s);
        if new {
            seen.push(s.clone());
        }
        new
    });
    out.truncate(MAX_SUGGESTIONS);
    out
}

const MAX_SUGGESTIONS: usize = 5;

/// Typed abbreviations (folded) and what they stand for; "{Y}" is the plan year.
const ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("tx", &["Thường xuyên", "Thường xuyên trong năm {Y}"]),
    ("hn", &["Hàng năm"]),
    ("hq", &["Hàng quý"]),
    ("ht", &["Hàng tháng"]),
    (
        "dk",
        &["Định kỳ hàng tháng", "Định kỳ hàng quý", "Định kỳ hàng năm"],
    ),
    ("tkh", &["Theo kế hoạch"]),
];

/// Phrases offered when the input is the start of one of them (folded).
const PHRASES: &[&str] = &[
    "Thường xuyên",
    "Thường xuyên trong năm {Y}",
    "Hàng năm",
    "Hàng quý",
    "Hàng tháng",
    "Định kỳ hàng tháng",
    "Định kỳ hàng quý",
    "Theo kế hoạch",
];

/// A month number in house style: 01 and 02 padded, the others not.
fn month_text(month: u8) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
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

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    /// A run of letters, folded (lower case, no diacritics).
    Word(String),
    /// A run of ASCII digits: its value (saturated) and how many digits.
    Num { value: u32, len: usize },
    /// Any other visible character; dashes are all '-'.
    Sym(char),
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    /// Byte offsets in the original text.
    start: usize,
    end: usize,
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic() || is_combining_mark(c)
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        let kind = if c.is_ascii_digit() {
            let mut value = u32::from(c as u8 - b'0');
            let mut len = 1;
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                value = value
                    .saturating_mul(10)
                    .saturating_add(u32::from(d as u8 - b'0'));
                len += 1;
                end = i + 1;
                chars.next();
            }
            Kind::Num { value, len }
        } else if is_letter(c) {
            while let Some(&(i, d)) = chars.peek() {
                if !is_letter(d) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            let word = &text[start..end];
            let mut word = if word.is_ascii() {
                word.to_ascii_lowercase()
            } else {
                fold(word)
            };
            // "Quí" reads as "Quý", "Định kì" as "Định kỳ".
            canonical_folded_word(&mut word);
            Kind::Word(word)
        } else if c.is_whitespace() {
            continue;
        } else {
            Kind::Sym(match c {
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                _ => c,
            })
        };
        out.push(Token { kind, start, end });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Reading

/// A year that belongs to the date expression, with its place in the text.
#[derive(Clone, Copy, Debug)]
struct YearSpan {
    start: usize,
    end: usize,
    value: i32,
}

struct Analysis {
    deadline: Deadline,
    /// The years of the date, in text order; empty for unknown text.
    years: Vec<YearSpan>,
    tokens: Vec<Token>,
}

impl Analysis {
    /// Whether the text has a year this module did not read as part of the date, apart from
    /// years inside document numbers ("45/2016/QĐ-TTg").
    fn has_loose_years(&self) -> bool {
        let t = &self.tokens;
        (0..t.len()).any(|i| {
            let Kind::Num { value, len: 4 } = t[i].kind else {
                return false;
            };
            let in_date = self.years.iter().any(|y| y.start == t[i].start);
            let doc_number = matches!(
                t.get(i + 1),
                Some(Token {
                    kind: Kind::Sym('/'),
                    ..
                })
            ) && matches!(
                t.get(i + 2),
                Some(Token {
                    kind: Kind::Word(_),
                    ..
                })
            );
            (1900..=2199).contains(&value) && !in_date && !doc_number
        })
    }
}

fn analyse(text: &str) -> Analysis {
    let tokens = tokenize(text);
    let mut p = Parser::new(&tokens);
    let read = p.deadline();
    let (deadline, years) = match read {
        Some((form, conditional)) => (Deadline { form, conditional }, p.years),
        None => (
            Deadline {
                form: DeadlineForm::Unknown,
                conditional: false,
            },
            Vec::new(),
        ),
    };
    Analysis {
        deadline,
        years,
        tokens,
    }
}

/// Words that open a condition or an outside schedule.
const CONDITION_OPENERS: &[&[&str]] = &[
    &["sau", "khi"],
    &["ngay", "sau", "khi"],
    &["khi"],
    &["theo"],
    &["tuy"],
    &["neu"],
    &["can", "cu"],
    &["phu", "thuoc"],
];

/// Punctuation allowed between a date and a condition, or at the end.
const SEPARATORS: &[char] = &[',', ';', '.', ':', '(', ')', '-'];

struct Parser<'t> {
    toks: &'t [Token],
    pos: usize,
    years: Vec<YearSpan>,
}

type Mark = (usize, usize);

impl<'t> Parser<'t> {
    fn new(toks: &'t [Token]) -> Self {
        Parser {
            toks,
            pos: 0,
            years: Vec::new(),
        }
    }

    fn mark(&self) -> Mark {
        (self.pos, self.years.len())
    }

    fn reset(&mut self, m: Mark) {
        self.pos = m.0;
        self.years.truncate(m.1);
    }

    fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    fn kind_at(&self, i: usize) -> Option<&'t Kind> {
        self.toks.get(i).map(|t| &t.kind)
    }

    fn word_at(&self, i: usize, w: &str) -> bool {
        matches!(self.kind_at(i), Some(Kind::Word(x)) if x == w)
    }

    fn eat_word(&mut self, w: &str) -> bool {
        let ok = self.word_at(self.pos, w);
        self.pos += usize::from(ok);
        ok
    }

    /// Eats the words in sequence, or nothing.
    fn eat_words(&mut self, ws: &[&str]) -> bool {
        let ok = ws
            .iter()
            .enumerate()
            .all(|(i, w)| self.word_at(self.pos + i, w));
        if ok {
            self.pos += ws.len();
        }
        ok
    }

    /// Eats one of the words; returns which.
    fn eat_any(&mut self, ws: &[&'static str]) -> Option<&'static str> {
        ws.iter().copied().find(|w| self.eat_word(w))
    }

    fn eat_sym(&mut self, c: char) -> bool {
        let ok = matches!(self.kind_at(self.pos), Some(Kind::Sym(x)) if *x == c);
        self.pos += usize::from(ok);
        ok
    }

    /// Eats a number of at most `max_len` digits within `range`.
    fn eat_num(&mut self, range: std::ops::RangeInclusive<u32>, max_len: usize) -> Option<u8> {
        match self.kind_at(self.pos) {
            Some(&Kind::Num { value, len }) if len <= max_len && range.contains(&value) => {
                self.pos += 1;
                u8::try_from(value).ok()
            }
            _ => None,
        }
    }

    fn eat_month(&mut self) -> Option<u8> {
        self.eat_num(1..=12, 2)
    }

    fn eat_day(&mut self) -> Option<u8> {
        self.eat_num(1..=31, 2)
    }

    /// Eats a four-digit year and records it as part of the date.
    fn eat_year(&mut self) -> Option<i32> {
        let t = self.toks.get(self.pos)?;
        let Kind::Num { value, len: 4 } = t.kind else {
            return None;
        };
        let value = i32::try_from(value).ok()?;
        self.years.push(YearSpan {
            start: t.start,
            end: t.end,
            value,
        });
        self.pos += 1;
        Some(value)
    }

    /// "I".."IV" or 1..4.
    fn eat_quarter(&mut self) -> Option<u8> {
        let q = match self.kind_at(self.pos)? {
            Kind::Word(w) => match w.as_str() {
                "i" => 1,
                "ii" => 2,
                "iii" => 3,
                "iv" => 4,
                _ => return None,
            },
            &Kind::Num { value, len } if len <= 2 && (1..=4).contains(&value) => value as u8,
            _ => return None,
        };
        self.pos += 1;
        Some(q)
    }

    fn eat_quarter_word(&mut self) -> bool {
        self.eat_word("quy")
    }

    /// "/2022" or "năm 2022"; also ".2026" and "-2021" as the press writes them ("tháng
    /// 3.2026", "tháng 1-2021"): a four-digit number cannot be a month or a quarter.
    fn year_suffix(&mut self) -> Option<i32> {
        let m = self.mark();
        if self.eat_sym('/') || self.eat_word("nam") || self.eat_sym('.') || self.eat_sym('-') {
            if let Some(y) = self.eat_year() {
                return Some(y);
            }
        }
        self.reset(m);
        None
    }

    /// "năm đánh giá", "năm kế tiếp", ...: a year named relative to another; read and ignored.
    fn relative_year(&mut self) -> bool {
        let m = self.mark();
        if self.eat_word("nam")
            && (self.eat_words(&["danh", "gia"])
                || self.eat_words(&["ke", "tiep"])
                || self.eat_words(&["tiep", "theo"])
                || self.eat_word("sau")
                || self.eat_word("nay"))
        {
            return true;
        }
        self.reset(m);
        false
    }

    fn at_condition(&self) -> bool {
        CONDITION_OPENERS.iter().any(|ws| {
            ws.iter()
                .enumerate()
                .all(|(i, w)| self.word_at(self.pos + i, w))
        })
    }

    fn skip_separators(&mut self) {
        while let Some(Kind::Sym(c)) = self.kind_at(self.pos) {
            if !SEPARATORS.contains(c) {
                break;
            }
            self.pos += 1;
        }
    }

    /// The whole text: `(form, conditional)`, or `None` when it is not understood.
    fn deadline(&mut self) -> Option<(DeadlineForm, bool)> {
        if self.toks.is_empty() {
            return None;
        }
        let _ = self.eat_words(&["thuc", "hien"]) || self.eat_words(&["hoan", "thanh"]);
        if self.at_condition() {
            return Some((self.condition_only(), true));
        }
        // "Từ nay đến ngày 15/03/2026", "từ nay đến hết tháng 3": by that date.
        let from_now = self.eat_words(&["tu", "nay"]);
        if from_now && !self.word_at(self.pos, "den") {
            return None;
        }
        let from = !from_now && self.eat_word("tu");
        let within = !from && self.eat_word("trong");
        if !from && !within {
            if self.eat_word("den") {
                let _ = self.eat_word("het");
            } else if self.eat_words(&["cham", "nhat"]) {
                let _ = self.eat_any(&["la", "vao", "trong"]);
            }
        }
        let mut form = self.expr(within)?;
        if from
            && !matches!(
                form,
                DeadlineForm::MonthRange { .. } | DeadlineForm::YearRange { .. }
            )
        {
            return None;
        }
        if let DeadlineForm::Month { month, year: None } = form {
            let m = self.mark();
            if self.eat_any(&["hang", "moi"]).is_some() && self.eat_word("nam") {
                form = DeadlineForm::Recurring(Period::Yearly { month: Some(month) });
            } else {
                self.reset(m);
            }
        }
        self.skip_separators();
        if self.at_end() {
            return Some((form, false));
        }
        if self.at_condition() {
            self.pos = self.toks.len();
            return Some((form, true));
        }
        None
    }

    /// A text that opens with a condition: conditional, or recurring when it ends with
    /// "hàng năm" and the like ("Theo quy định của Bộ Nội vụ hàng năm").
    fn condition_only(&mut self) -> DeadlineForm {
        let mut end = self.toks.len();
        while end > 0 && matches!(self.kind_at(end - 1), Some(Kind::Sym(_))) {
            end -= 1;
        }
        let form = if end >= 2
            && (self.word_at(end - 2, "hang") || self.word_at(end - 2, "moi"))
            && end - 2 > self.pos
        {
            let mut p = Parser::new(&self.toks[end - 1..end]);
            p.period_unit()
                .map_or(DeadlineForm::Conditional, DeadlineForm::Recurring)
        } else {
            DeadlineForm::Conditional
        };
        self.pos = self.toks.len();
        form
    }

    fn expr(&mut self, within: bool) -> Option<DeadlineForm> {
        let alts: [fn(&mut Self, bool) -> Option<DeadlineForm>; 7] = [
            Parser::continuous,
            Parser::recurring,
            Parser::quarters,
            Parser::halves,
            Parser::months,
            Parser::before,
            Parser::years,
        ];
        for alt in alts {
            let m = self.mark();
            if let Some(f) = alt(self, within) {
                return Some(f);
            }
            self.reset(m);
        }
        None
    }

    fn continuous(&mut self, _within: bool) -> Option<DeadlineForm> {
        if !self.eat_words(&["thuong", "xuyen"]) {
            return None;
        }
        let m = self.mark();
        if !(self.eat_sym(',') && self.eat_words(&["lien", "tuc"])) {
            self.reset(m);
            let _ = self.eat_words(&["lien", "tuc"]);
        }
        let m = self.mark();
        if self.eat_words(&["trong", "nam"]) {
            let year = self.eat_year();
            return Some(DeadlineForm::Continuous { year });
        }
        self.reset(m);
        let year = self.year_suffix();
        Some(DeadlineForm::Continuous { year })
    }

    /// "nam", "quy", "thang", "tuan" after "hàng".
    fn period_unit(&mut self) -> Option<Period> {
        Some(match self.eat_any(&["nam", "quy", "thang", "tuan"])? {
            "nam" => Period::Yearly { month: None },
            "thang" => Period::Monthly,
            "tuan" => Period::Weekly,
            _ => Period::Quarterly { day: None },
        })
    }

    /// ", 6 tháng và hàng năm" after "Hàng quý": the reports a period also brings, read and
    /// ignored (the first, finest period says when the work comes back).
    fn coarser_periods(&mut self) {
        loop {
            let m = self.mark();
            if self.eat_sym(',') || self.eat_sym(';') || self.eat_word("va") {
                let _ = self.eat_any(&["hang", "moi"]);
                let half = {
                    let h = self.mark();
                    let ok = self.eat_num(6..=6, 1).is_some() && self.eat_word("thang");
                    if !ok {
                        self.reset(h);
                    }
                    ok
                };
                if half || self.period_unit().is_some() {
                    continue;
                }
            }
            self.reset(m);
            return;
        }
    }

    fn recurring(&mut self, _within: bool) -> Option<DeadlineForm> {
        if self.eat_words(&["dinh", "ky"]) {
            let m = self.mark();
            if self.eat_any(&["hang", "moi"]).is_some() {
                if let Some(p) = self.period_unit() {
                    self.coarser_periods();
                    return Some(DeadlineForm::Recurring(p));
                }
            }
            self.reset(m);
            let _ = self.eat_words(&["trong", "nam"]);
            return Some(DeadlineForm::Recurring(Period::Unspecified));
        }
        if self.eat_any(&["hang", "moi"]).is_some() {
            let period = self.period_unit()?;
            self.coarser_periods();
            return Some(DeadlineForm::Recurring(period));
        }
        // "Trước ngày 22 của tháng cuối quý"
        if self.eat_words(&["truoc", "ngay"]) {
            let day = self.eat_day()?;
            let _ = self.eat_any(&["cua", "trong"]);
            if self.eat_words(&["thang", "cuoi", "quy"]) {
                return Some(DeadlineForm::Recurring(Period::Quarterly {
                    day: Some(day),
                }));
            }
        }
        None
    }

    fn quarters(&mut self, _within: bool) -> Option<DeadlineForm> {
        if !self.eat_quarter_word() {
            return None;
        }
        let mut last = self.eat_quarter()?;
        let mut set = QuarterSet::default().with(last);
        loop {
            let m = self.mark();
            let range = if self.eat_sym('-') {
                let _ = self.eat_word("den");
                true
            } else if self.eat_word("den") {
                true
            } else if self.eat_sym(',')
                || self.eat_sym('+')
                || self.eat_sym('&')
                || self.eat_sym(';')
                || self.eat_word("va")
            {
                false
            } else {
                break;
            };
            let _ = self.eat_quarter_word();
            match self.eat_quarter() {
                Some(q) if range && q > last => {
                    set = (last..=q).fold(set, QuarterSet::with);
                    last = q;
                }
                Some(q) if !range => {
                    set = set.with(q);
                    last = q;
                }
                _ => {
                    self.reset(m);
                    break;
                }
            }
        }
        let year = self.year_suffix();
        Some(DeadlineForm::Quarters {
            quarters: set,
            year,
        })
    }

    /// "6 tháng đầu năm 2022", "6 tháng cuối năm".
    fn halves(&mut self, _within: bool) -> Option<DeadlineForm> {
        self.eat_num(6..=6, 1)?;
        self.eat_word("thang").then_some(())?;
        let quarters = match self.eat_any(&["dau", "cuoi"])? {
            "dau" => QuarterSet::of(&[1, 2]),
            _ => QuarterSet::of(&[3, 4]),
        };
        let m = self.mark();
        let year = if self.eat_word("nam") {
            let y = self.eat_year();
            if y.is_none() {
                // "6 tháng đầu năm": the year word alone.
                self.reset(m);
                self.eat_word("nam");
            }
            y
        } else {
            None
        };
        Some(DeadlineForm::Quarters { quarters, year })
    }

    fn months(&mut self, _within: bool) -> Option<DeadlineForm> {
        if !self.eat_word("thang") {
            // "12/2022"
            let month = self.eat_month()?;
            self.eat_sym('/').then_some(())?;
            let year = Some(self.eat_year()?);
            return Some(DeadlineForm::Month { month, year });
        }
        let from = self.eat_month()?;
        let from_year = self.year_suffix();
        if from_year.is_none() {
            self.relative_year();
        }
        let m = self.mark();
        let range = if self.eat_sym('-') {
            let _ = self.eat_word("den");
            let _ = self.eat_word("het");
            true
        } else if self.eat_word("den") {
            let _ = self.eat_word("het");
            true
        } else {
            self.eat_word("toi")
        };
        if range {
            let _ = self.eat_word("thang");
            if let Some(to) = self.eat_month() {
                let to_year = self.year_suffix();
                if to_year.is_none() {
                    self.relative_year();
                }
                let wraps = i32::from(to < from);
                let year = match (from_year, to_year) {
                    (None, None) => None,
                    (Some(a), None) => Some(a + wraps),
                    (None, Some(b)) => Some(b),
                    (Some(a), Some(b)) if b == a + wraps => Some(b),
                    (Some(_), Some(_)) => return None,
                };
                return Some(DeadlineForm::MonthRange { from, to, year });
            }
            self.reset(m);
        }
        if let Some(list) = self.month_list(from, from_year) {
            return Some(list);
        }
        Some(DeadlineForm::Month {
            month: from,
            year: from_year,
        })
    }

    /// ", tháng 12", "và tháng 6 năm 2025", ", 9, 12" after a first month: several months of
    /// one year (a year written once applies to all; two different years are not read).
    /// `None` when no second month follows.
    fn month_list(&mut self, first: u8, first_year: Option<i32>) -> Option<DeadlineForm> {
        let start = self.mark();
        let mut months = MonthSet::default().with(first);
        let (mut last, mut year) = (first, first_year);
        loop {
            let m = self.mark();
            if !(self.eat_sym(',') || self.eat_sym(';') || self.eat_sym('+') || self.eat_word("va"))
            {
                break;
            }
            let _ = self.eat_word("thang");
            let Some(month) = self.eat_month().filter(|&month| month > last) else {
                self.reset(m);
                break;
            };
            match (year, self.year_suffix()) {
                (Some(a), Some(b)) if a != b => {
                    self.reset(start);
                    return None;
                }
                (None, y) => year = y,
                _ => {}
            }
            months = months.with(month);
            last = month;
        }
        if last == first {
            self.reset(start);
            return None;
        }
        Some(DeadlineForm::Months { months, year })
    }

    /// "7h00 sáng", "17 giờ": a time of day, finer than a plan's deadlines; read and ignored.
    fn time_of_day(&mut self) {
        let m = self.mark();
        if self.eat_num(0..=24, 2).is_some() && self.eat_any(&["h", "gio"]).is_some() {
            let _ = self.eat_num(0..=59, 2);
            let _ = self.eat_any(&["sang", "trua", "chieu", "toi"]);
        } else {
            self.reset(m);
        }
    }

    fn before(&mut self, _within: bool) -> Option<DeadlineForm> {
        let before = self.eat_word("truoc");
        if before {
            // "Trước 7h00 sáng ngày 01/7/2025"
            self.time_of_day();
        }
        if before && self.eat_word("thang") {
            // "Trước tháng 6/2022": before its first day.
            let month = self.eat_month()?;
            let year = self.year_suffix();
            return Some(DeadlineForm::Before {
                day: 1,
                month,
                year,
            });
        }
        let day_word = self.eat_word("ngay");
        let day = self.eat_day()?;
        let (month, year) = if self.eat_sym('/') {
            let month = self.eat_month()?;
            let m = self.mark();
            let year = if self.eat_sym('/') {
                Some(self.eat_year()?)
            } else {
                self.reset(m);
                None
            };
            (month, year)
        } else if self.eat_word("thang") {
            let month = self.eat_month()?;
            (month, self.year_suffix())
        } else {
            return None;
        };
        if !(before || day_word || year.is_some()) || day > days_in_month(month, year) {
            return None;
        }
        Some(DeadlineForm::Before { day, month, year })
    }

    fn years(&mut self, within: bool) -> Option<DeadlineForm> {
        let period = self.eat_words(&["giai", "doan"]);
        let _ = period && self.eat_word("tu");
        let m = self.mark();
        let year_word = self.eat_word("nam");
        let Some(from) = self.eat_year() else {
            self.reset(m);
            return if !period
                && ((within && self.eat_word("nam")) || self.eat_words(&["ca", "nam"]))
            {
                Some(DeadlineForm::Year { year: None })
            } else {
                None
            };
        };
        let m = self.mark();
        if self.eat_sym('-') || self.eat_word("den") {
            let _ = self.eat_word("nam");
            if let Some(to) = self.eat_year() {
                return match to.cmp(&from) {
                    std::cmp::Ordering::Greater => Some(DeadlineForm::YearRange { from, to }),
                    std::cmp::Ordering::Equal => Some(DeadlineForm::Year { year: Some(from) }),
                    std::cmp::Ordering::Less => None,
                };
            }
        }
        self.reset(m);
        if period && !year_word {
            return None;
        }
        Some(DeadlineForm::Year { year: Some(from) })
    }

    // -----------------------------------------------------------------------------------------
    // Input shortcuts for `suggest`

    fn eat_year_typed(&mut self) -> Option<i32> {
        self.year_suffix().or_else(|| {
            let m = self.mark();
            let _ = self.eat_sym('/');
            let y = self.eat_year();
            if y.is_none() {
                self.reset(m);
            }
            y
        })
    }

    fn suggest_quarters(&mut self, plan_year: i32) -> Option<Vec<String>> {
        self.eat_any(&["q", "quy"])?;
        let mut set = QuarterSet::default();
        let mut last: Option<u8> = None;
        let mut range = false;
        loop {
            if let Some(q) = self.eat_quarter() {
                match last {
                    Some(l) if range && q > l => set = (l..=q).fold(set, QuarterSet::with),
                    _ if range => return None,
                    _ => set = set.with(q),
                }
                last = Some(q);
                range = false;
            } else if self.eat_sym('-') || self.eat_word("den") {
                last?;
                range = true;
            } else if !(self.eat_sym(',')
                || self.eat_sym('+')
                || self.eat_sym('&')
                || self.eat_word("va")
                || self.eat_any(&["q", "quy"]).is_some())
            {
                break;
            }
        }
        let year = self.eat_year_typed().unwrap_or(plan_year);
        if !self.at_end() || range {
            return None;
        }
        if set.is_empty() {
            return Some(ROMAN.iter().map(|q| format!("Quý {q}/{year}")).collect());
        }
        Some(vec![format!("Quý {set}/{year}")])
    }

    fn suggest_months(&mut self, plan_year: i32) -> Option<Vec<String>> {
        self.eat_any(&["t", "th", "thang"])?;
        let from = self.eat_month()?;
        let m = self.mark();
        let mut to = None;
        if self.eat_sym('-') || self.eat_word("den") || self.eat_word("toi") {
            let _ = self.eat_any(&["t", "th", "thang"]);
            to = Some(self.eat_month()?);
        } else {
            self.reset(m);
        }
        let typed_year = self.eat_year_typed();
        let yearly = to.is_none()
            && typed_year.is_none()
            && (self.eat_word("hn") || self.eat_words(&["hang", "nam"]));
        if !self.at_end() {
            return None;
        }
        let year = typed_year.unwrap_or(plan_year);
        let f = month_text(from);
        Some(match to {
            Some(to) if to < from => vec![format!(
                "Tháng {f}/{} - tháng {}/{year}",
                year - 1,
                month_text(to)
            )],
            Some(to) => vec![format!("Tháng {f} - tháng {}/{year}", month_text(to))],
            None if yearly => vec![format!("Tháng {f} hàng năm")],
            None if typed_year.is_some() => vec![format!("Tháng {f}/{year}")],
            None => {
                let mut v = vec![format!("Tháng {f}/{year}")];
                if from == 12 {
                    v.push(format!("Tháng 12/{}", year - 1));
                }
                v.push(format!("Tháng {f} hàng năm"));
                v
            }
        })
    }

    fn suggest_before(&mut self, plan_year: i32) -> Option<Vec<String>> {
        let _ = self.eat_any(&["truoc", "tr", "trc"]);
        let _ = self.eat_any(&["ngay", "ng"]);
        let day = self.eat_day()?;
        self.eat_sym('/').then_some(())?;
        let month = self.eat_month()?;
        let year = self.eat_year_typed().unwrap_or(plan_year);
        if !self.at_end() || day > days_in_month(month, Some(year)) {
            return None;
        }
        Some(vec![format!(
            "Trước ngày {day:02}/{}/{year}",
            month_text(month)
        )])
    }

    fn suggest_years(&mut self, plan_year: i32) -> Option<Vec<String>> {
        let word = self.eat_any(&["n", "nam"]).is_some();
        let Some(from) = self.eat_year() else {
            return (word && self.at_end()).then(|| vec![format!("Năm {plan_year}")]);
        };
        if self.eat_sym('-') || self.eat_word("den") {
            let to = self.eat_year()?;
            return (self.at_end() && to > from)
                .then(|| vec![format!("{from}-{to}"), format!("Giai đoạn {from}-{to}")]);
        }
        self.at_end().then(|| vec![format!("Năm {from}")])
    }
}

#[cfg(test)]
#[path = "deadline_tests.rs"]
mod tests;
