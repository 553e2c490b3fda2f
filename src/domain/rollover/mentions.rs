//! Years, dates and place names written inside task texts ("Tổng kết năm 2021", "tháng
//! 8/2024", "trên địa bàn tỉnh Yên Bái", "UBND cấp huyện"): what a plan carried over from
//! another year or province still says about its origin.
//!
//! It only lists them, each with a proposed change; the drafter accepts one change at a time
//! ([`apply`]). Nothing is changed silently: neither the move to another year nor the plan
//! check rewrites a task's text by itself. Periods ("2021-2025") and the years of legal
//! references ("Nghị định 30/2020/NĐ-CP", "Quyết định số 12/QĐ-UBND ngày 5/3/2021") are left
//! alone.
//!
//! ```
//! use cchc_plan::domain::plan::{Plan, Task};
//! use cchc_plan::domain::province::Provinces;
//! use cchc_plan::domain::rollover::mentions::{apply, text_mentions};
//! let mut plan = Plan::new("p", "Hưng Yên", 2027);
//! let row = plan.add_task_with(None, Task {
//!     content: "Tổng kết công tác CCHC năm 2021 trên địa bàn tỉnh Yên Bái".into(),
//!     ..Task::default()
//! });
//! let found = text_mentions(&plan, &Provinces::builtin(), Some(6));
//! let changes: Vec<(&str, &str)> =
//!     found.iter().map(|m| (m.found.as_str(), m.proposed.as_str())).collect();
//! assert_eq!(changes, [("năm 2021", "năm 2027"), ("tỉnh Yên Bái", "tỉnh Hưng Yên")]);
//! assert!(apply(&mut plan, &found[0]));
//! assert_eq!(plan.row(row).unwrap().task().unwrap().content,
//!     "Tổng kết công tác CCHC năm 2027 trên địa bàn tỉnh Yên Bái");
//! ```

use super::super::plan::{Plan, RowId, Task};
use super::super::province::Provinces;
use super::super::review::TWO_LEVEL_FROM;

/// Which text of a task a mention is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextField {
    Content,
    Product,
}

impl TextField {
    /// "nội dung", "sản phẩm": as a message names it.
    pub fn label(self) -> &'static str {
        match self {
            TextField::Content => "nội dung",
            TextField::Product => "sản phẩm",
        }
    }

    fn text(self, task: &Task) -> &str {
        match self {
            TextField::Content => &task.content,
            TextField::Product => &task.product,
        }
    }

    fn text_mut(self, task: &mut Task) -> &mut String {
        match self {
            TextField::Content => &mut task.content,
            TextField::Product => &mut task.product,
        }
    }
}

/// What a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// A year, alone or in a date: "năm 2021", "tháng 8/2024", "31/12/2021".
    Year,
    /// Another province than the plan's: "tỉnh Yên Bái".
    Province,
    /// The district level, gone from 1 July 2025: "UBND cấp huyện".
    District,
}

/// One year, date or place written in a task's text, and what the drafter may change it to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub row: RowId,
    pub field: TextField,
    pub kind: MentionKind,
    /// The words as written: "năm 2021".
    pub found: String,
    /// The words proposed instead: "năm 2027".
    pub proposed: String,
    /// Where `found` starts in the text (bytes), when it was listed.
    pub at: usize,
}

impl Mention {
    /// "“năm 2021” trong nội dung: đề nghị đổi thành “năm 2027”".
    pub fn message(&self) -> String {
        format!(
            "“{}” trong {}: đề nghị đổi thành “{}”",
            self.found,
            self.field.label(),
            self.proposed
        )
    }
}

/// The years, dates and places in the texts of every task of `plan`, in table order.
///
/// A year before the year preceding the plan's is listed ("năm 2021" in a 2027 plan; "năm
/// 2026" is last year's report and stays), moved by `shift` years: the move's distance for a
/// plan just carried over, or, when `None`, the distance from the latest such year to the
/// plan's (a text written for 2021 is read as written for the plan year). Another province
/// than the plan's (a former province that merged into it too) is listed with the plan's
/// province; "cấp huyện" in a plan of [`TWO_LEVEL_FROM`] or later with "cấp xã".
pub fn text_mentions(plan: &Plan, provinces: &Provinces, shift: Option<i32>) -> Vec<Mention> {
    let fields = [TextField::Content, TextField::Product];
    let old_years = |text: &str| {
        years_in(text)
            .into_iter()
            .map(|y| y.year)
            .filter(|&y| y < plan.year - 1)
            .collect::<Vec<_>>()
    };
    let shift = shift.unwrap_or_else(|| {
        let latest = plan
            .rows()
            .iter()
            .filter_map(|r| r.task())
            .flat_map(|t| fields.iter().flat_map(|f| old_years(f.text(t))))
            .max();
        latest.map_or(0, |y| plan.year - y)
    });
    // The plan's own province as a text names it: "tỉnh Hưng Yên", "thành phố Huế".
    // A plan of a former province ("Yên Bái") is now of the unit it merged into.
    let home = provinces
        .get(&plan.province)
        .or_else(|| provinces.successor(&plan.province))
        .map(|p| (p.name.clone(), p.official_name()));
    let mut out = Vec::new();
    for row in plan.rows() {
        let Some(task) = row.task() else { continue };
        for field in fields {
            let text = field.text(task);
            let mut found = Vec::new();
            if shift != 0 {
                for y in years_in(text) {
                    if y.year < plan.year - 1 {
                        let span = &text[y.start..y.end];
                        let proposed = format!("{}{}", &span[..span.len() - 4], y.year + shift);
                        found.push((MentionKind::Year, y.start, span.to_string(), proposed));
                    }
                }
            }
            if let Some((name, official)) = &home {
                for (at, words, place) in provinces_in(text, provinces) {
                    let same = place == plan.province
                        || provinces.get(&place).is_some_and(|p| p.name == *name);
                    if !same {
                        let proposed = if words.starts_with(char::is_uppercase) {
                            capitalized(official)
                        } else {
                            official.clone()
                        };
                        found.push((MentionKind::Province, at, words, proposed));
                    }
                }
            }
            if plan.year >= TWO_LEVEL_FROM {
                for (at, words, proposed) in district_in(text) {
                    found.push((MentionKind::District, at, words, proposed));
                }
            }
            found.sort_by_key(|f| f.1);
            out.extend(
                found
                    .into_iter()
                    .map(|(kind, at, found, proposed)| Mention {
                        row: row.id,
                        field,
                        kind,
                        found,
                        proposed,
                        at,
                    }),
            );
        }
    }
    out
}

/// Makes the change a mention proposes, if its words are still in the task's text (at the
/// place they were listed, or else the first time they appear). Returns whether it changed.
pub fn apply(plan: &mut Plan, mention: &Mention) -> bool {
    let Some(text) = plan
        .row(mention.row)
        .and_then(|r| r.task())
        .map(|t| mention.field.text(t).to_string())
    else {
        return false;
    };
    let at = if text
        .get(mention.at..)
        .is_some_and(|t| t.starts_with(&mention.found))
    {
        mention.at
    } else {
        match text.find(&mention.found) {
            Some(at) => at,
            None => return false,
        }
    };
    let changed = format!(
        "{}{}{}",
        &text[..at],
        mention.proposed,
        &text[at + mention.found.len()..]
    );
    plan.update_task(mention.row, |t| *mention.field.text_mut(t) = changed)
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A year in a text and the words around it that go with it ("năm ", "tháng 8/").
struct YearAt {
    year: i32,
    start: usize,
    end: usize,
}

/// The years 1990-2100 written in `text`, with their lead-in; periods and legal references
/// left out.
fn years_in(text: &str) -> Vec<YearAt> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let digits = bytes[i..i + 4].iter().all(u8::is_ascii_digit);
        let before_digit = i > 0 && bytes[i - 1].is_ascii_digit();
        let after_digit = bytes.get(i + 4).is_some_and(u8::is_ascii_digit);
        if !digits || before_digit || after_digit {
            i += 1;
            continue;
        }
        let (start, end) = (i, i + 4);
        i += 4;
        let year: i32 = text[start..end].parse().unwrap_or(0);
        if !(1990..=2100).contains(&year) {
            continue;
        }
        // A period ("2021-2025", "2021 - 2025") or a legal reference ("30/2020/NĐ-CP").
        let after = text[end..].trim_start();
        let before = text[..start].trim_end();
        let in_period = after.starts_with('-')
            && after[1..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
            || before.ends_with('-')
                && before[..before.len() - 1]
                    .trim_end()
                    .ends_with(|c: char| c.is_ascii_digit());
        let in_reference = text[end..].starts_with('/')
            || text[end..].starts_with("-NĐ")
            || reference_before(&text[..start]);
        if in_period || in_reference {
            continue;
        }
        out.push(YearAt {
            year,
            start: lead_in(text, start),
            end,
        });
    }
    out
}

/// Whether the words just before a year belong to a legal reference ("số 12/QĐ-UBND ngày
/// 5/3/"): a "số" followed by a number in the last few words.
fn reference_before(before: &str) -> bool {
    let tail: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    tail.windows(2)
        .any(|w| w[1].eq_ignore_ascii_case("số") && w[0].starts_with(|c: char| c.is_ascii_digit()))
}

/// Where the words that go with a year at `start` begin: "năm 2021", "tháng 8/2024",
/// "31/12/2021", or the year alone.
fn lead_in(text: &str, start: usize) -> usize {
    let before = &text[..start];
    // "d/m/" or "m/" just before.
    let mut at = start;
    if before.ends_with('/') {
        let mut k = before.len() - 1;
        for _ in 0..2 {
            let head = &text[..k];
            let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 || digits > 2 {
                break;
            }
            at = k - digits;
            if head[..k - digits].ends_with('/') {
                k = k - digits - 1;
            } else {
                break;
            }
        }
    }
    let head = &text[..at];
    for word in ["năm ", "Năm ", "tháng ", "Tháng ", "ngày ", "Ngày "] {
        if head.ends_with(word) {
            return at - word.len();
        }
    }
    at
}

/// "tỉnh X" (or "thành phố X") where X is a province before or after the 2025 merger:
/// (where, the words, the province as written).
fn provinces_in(text: &str, provinces: &Provinces) -> Vec<(usize, String, String)> {
    let mut names: Vec<String> = provinces
        .current()
        .iter()
        .flat_map(|p| {
            let short = if p.short_name.is_empty() {
                p.name.clone()
            } else {
                p.short_name.clone()
            };
            std::iter::once(short).chain(p.former.iter().cloned())
        })
        .collect();
    // The longest first: "Thừa Thiên Huế" before "Huế".
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    let mut out: Vec<(usize, String, String)> = Vec::new();
    for unit in ["tỉnh", "Tỉnh", "thành phố", "Thành phố"] {
        for name in &names {
            let words = format!("{unit} {name}");
            for (at, _) in text.match_indices(&words) {
                let end = at + words.len();
                let whole = !text[end..].starts_with(|c: char| c.is_alphanumeric());
                let taken = out.iter().any(|(a, w, _)| at < a + w.len() && *a < end);
                if whole && !taken {
                    out.push((at, words.clone(), name.clone()));
                }
            }
        }
    }
    out
}

/// The district level in a text and its two-level replacement.
fn district_in(text: &str) -> Vec<(usize, String, String)> {
    const CHANGES: [(&str, &str); 4] = [
        ("các huyện, thị xã, thành phố", "các xã, phường"),
        ("các huyện, thành phố", "các xã, phường"),
        ("cấp huyện", "cấp xã"),
        ("Cấp huyện", "Cấp xã"),
    ];
    let mut out: Vec<(usize, String, String)> = Vec::new();
    for (from, to) in CHANGES {
        for (at, _) in text.match_indices(from) {
            let taken = out
                .iter()
                .any(|(a, w, _)| at < a + w.len() && *a < at + from.len());
            if !taken {
                out.push((at, from.to_string(), to.to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
