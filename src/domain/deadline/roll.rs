//! Moving a deadline to another plan year: only the digits of the years that belong to the
//! date change, and texts a person should read are flagged.
//!
//! It never rewrites anything else in the text, and never guesses a range of years.

use std::fmt::Write as _;

use super::cursor::{Kind, Token};
use super::parse::{analyse, Analysis};
use super::{is_leap, DeadlineForm};

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

#[cfg(test)]
mod tests;
