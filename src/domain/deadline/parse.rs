//! The grammar of deadline forms: reads a whole text into a [`Deadline`] and the places of the
//! years that belong to its date.
//!
//! It only reads; moving years is `roll.rs`, completions are `suggest.rs`.

use super::cursor::{tokenize, Kind, Parser, Token, YearSpan};
use super::{days_in_month, Deadline, DeadlineForm, MonthSet, Period, QuarterSet};

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

pub(super) struct Analysis {
    pub(super) deadline: Deadline,
    /// The years of the date, in text order; empty for unknown text.
    pub(super) years: Vec<YearSpan>,
    pub(super) tokens: Vec<Token>,
}

pub(super) fn analyse(text: &str) -> Analysis {
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

impl Parser<'_> {
    pub(super) fn at_condition(&self) -> bool {
        CONDITION_OPENERS.iter().any(|ws| {
            ws.iter()
                .enumerate()
                .all(|(i, w)| self.word_at(self.pos + i, w))
        })
    }

    pub(super) fn skip_separators(&mut self) {
        while let Some(Kind::Sym(c)) = self.kind_at(self.pos) {
            if !SEPARATORS.contains(c) {
                break;
            }
            self.pos += 1;
        }
    }

    /// The whole text: `(form, conditional)`, or `None` when it is not understood.
    pub(super) fn deadline(&mut self) -> Option<(DeadlineForm, bool)> {
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
    pub(super) fn condition_only(&mut self) -> DeadlineForm {
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

    pub(super) fn expr(&mut self, within: bool) -> Option<DeadlineForm> {
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

    pub(super) fn continuous(&mut self, _within: bool) -> Option<DeadlineForm> {
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
    pub(super) fn period_unit(&mut self) -> Option<Period> {
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

    pub(super) fn recurring(&mut self, _within: bool) -> Option<DeadlineForm> {
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

    pub(super) fn quarters(&mut self, _within: bool) -> Option<DeadlineForm> {
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
    pub(super) fn halves(&mut self, _within: bool) -> Option<DeadlineForm> {
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

    pub(super) fn months(&mut self, _within: bool) -> Option<DeadlineForm> {
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

    pub(super) fn before(&mut self, _within: bool) -> Option<DeadlineForm> {
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

    pub(super) fn years(&mut self, within: bool) -> Option<DeadlineForm> {
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
}

#[cfg(test)]
mod tests;
