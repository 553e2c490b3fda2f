//! Completions while a deadline is typed: shortcuts ("q3,4", "t12", "tx") become house-style
//! deadline texts for the plan year.
//!
//! It only offers texts; free text is always allowed and nothing here reads a finished deadline.

use super::super::text::fold;
use super::cursor::{tokenize, Kind, Parser};
use super::{days_in_month, QuarterSet, ROMAN};

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

/// The house-style deadline a whole shortcut stands for, as Enter or Tab commits it: the
/// first of [`suggest`]'s completions when the input is a shortcut (a quarter, a month, a
/// range, a year, "trước 5/1", an abbreviation such as "tx"), `None` for anything else (the
/// start of a phrase, free text, a deadline already in house style), which stays as typed.
///
/// ```
/// use cchc_plan::domain::deadline::expand;
/// assert_eq!(expand("q2", 2027).as_deref(), Some("Quý II/2027"));
/// assert_eq!(expand("t12", 2027).as_deref(), Some("Tháng 12/2027"));
/// assert_eq!(expand("tx", 2027).as_deref(), Some("Thường xuyên"));
/// assert_eq!(expand("Quý II/2027", 2027), None);
/// assert_eq!(expand("Thư", 2027), None);
/// assert_eq!(expand("Khi có văn bản của Bộ", 2027), None);
/// ```
#[must_use]
pub fn expand(input: &str, plan_year: i32) -> Option<String> {
    let toks = tokenize(input);
    if toks.is_empty() {
        return None;
    }
    let p = || Parser::new(&toks);
    let shortcut = p()
        .suggest_quarters(plan_year)
        .or_else(|| p().suggest_months(plan_year))
        .or_else(|| p().suggest_before(plan_year))
        .or_else(|| p().suggest_years(plan_year))
        .and_then(|v| v.into_iter().next())
        .or_else(|| {
            let typed = fold(input.trim());
            ABBREVIATIONS
                .iter()
                .find(|(abbr, _)| typed == *abbr)
                .and_then(|(_, phrases)| phrases.first())
                .map(|s| s.replace("{Y}", &plan_year.to_string()))
        })?;
    (shortcut != input.trim()).then_some(shortcut)
}

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
    "6 tháng đầu năm {Y}",
    "6 tháng cuối năm {Y}",
    "Cả năm {Y}",
];

/// A month number in house style: 01 and 02 padded, the others not.
pub(super) fn month_text(month: u8) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

impl Parser<'_> {
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
mod tests;
