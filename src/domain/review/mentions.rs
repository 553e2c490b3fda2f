//! Years, dates and place names written inside a task's texts ("Nội dung, nhiệm vụ" and
//! "Sản phẩm"): what a task copied from an older plan still says of its own time and map.
//!
//! - a year before the plan year ("năm 2024", "tháng 8/2024", "31/12/2024"): proposal, the
//!   plan year in its place. Years of legal documents stay: a document number
//!   ("45/2025/NĐ-CP") and any year in the same clause after a document marker ("Nghị định",
//!   "Kế hoạch số", "/QĐ-UBND" ...). A range of years that ended before the plan year
//!   ("2021-2025") is listed without proposal; a range that includes the plan year is fine;
//! - a province merged away on 1 July 2025 ("tỉnh Yên Bái"; plans from [`TWO_LEVEL_FROM`]):
//!   proposal, the unit it is part of ("tỉnh Lào Cai", "thành phố Hải Phòng"), unless it
//!   names a document's issuer ("Quyết định số 06/2017/QĐ-UBND của UBND tỉnh Yên Bái").
//!   Only the "tỉnh X" form: every unit that merged away was a tỉnh, and "thành phố Yên
//!   Bái" is the former provincial city, not the province;
//! - "cấp huyện" (plans from [`TWO_LEVEL_FROM`]): proposal "cấp xã" in its place, or, when
//!   the text already says "cấp xã", "cấp huyện" left out with its ", " or " và ".
//!
//! Nothing is changed here: each [`Mention`] carries the whole field as it would read after
//! that one change, and [`apply_fix`] writes it only while the field still reads as before.
//!
//! ```
//! use cchc_plan::domain::plan::Task;
//! use cchc_plan::domain::province::Provinces;
//! use cchc_plan::domain::review::{text_mentions, TextField};
//! let task = Task {
//!     content: "Kiểm tra công tác CCHC năm 2024 tại UBND cấp huyện".into(),
//!     product: "Báo cáo theo Nghị định số 45/2025/NĐ-CP".into(),
//!     ..Task::default()
//! };
//! let found = text_mentions(&task, 2027, &Provinces::builtin());
//! assert_eq!(found.len(), 2);
//! assert_eq!(found[0].field, TextField::Content);
//! assert_eq!(found[0].found, "năm 2024");
//! assert_eq!(
//!     found[0].proposed_text.as_deref(),
//!     Some("Kiểm tra công tác CCHC năm 2027 tại UBND cấp huyện")
//! );
//! assert_eq!(
//!     found[1].proposed_text.as_deref(),
//!     Some("Kiểm tra công tác CCHC năm 2024 tại UBND cấp xã")
//! );
//! ```

use std::ops::Range;
use std::sync::OnceLock;

use super::{Finding, FindingKind, TWO_LEVEL_FROM};
use crate::domain::plan::{Plan, RowId, Task};
use crate::domain::province::Provinces;
use crate::domain::text::{fold_words, words, Word};

/// A text field of a task that may mention years and places.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextField {
    /// "Nội dung, nhiệm vụ".
    Content,
    /// "Sản phẩm".
    Product,
}

impl TextField {
    pub const ALL: [TextField; 2] = [TextField::Content, TextField::Product];

    /// "Nội dung", "Sản phẩm": how messages name the field.
    pub fn label(self) -> &'static str {
        match self {
            TextField::Content => "Nội dung",
            TextField::Product => "Sản phẩm",
        }
    }

    /// The field's text in a task.
    pub fn of(self, task: &Task) -> &str {
        match self {
            TextField::Content => &task.content,
            TextField::Product => &task.product,
        }
    }

    fn of_mut(self, task: &mut Task) -> &mut String {
        match self {
            TextField::Content => &mut task.content,
            TextField::Product => &mut task.product,
        }
    }
}

/// A year, date or place name in a task's text that may no longer fit the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub field: TextField,
    /// The bytes of the field the proposal changes (or, without one, what to read).
    pub span: Range<usize>,
    /// What is written there: "năm 2024", "tỉnh Yên Bái", ", cấp huyện".
    pub found: String,
    /// The whole field after this one change; none when a person has to decide.
    pub proposed_text: Option<String>,
    /// "Nội dung nhắc “năm 2024” (kế hoạch năm 2027): đề xuất “năm 2027”".
    pub message: String,
}

/// A change a finding proposes: the field reads `before` and would read `after`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TextFix {
    pub field: TextField,
    pub before: String,
    pub after: String,
}

/// Writes a proposed change into a task, only while its field still reads `fix.before`.
/// Returns whether the task changed.
pub fn apply_fix(plan: &mut Plan, row: RowId, fix: &TextFix) -> bool {
    let current = plan
        .row(row)
        .and_then(|r| r.task())
        .map(|t| fix.field.of(t));
    if current != Some(fix.before.as_str()) {
        return false;
    }
    plan.update_task(row, |t| *fix.field.of_mut(t) = fix.after.clone())
}

/// The built-in province list, read once (the plan check runs on every change).
pub fn builtin_provinces() -> &'static Provinces {
    static PROVINCES: OnceLock<Provinces> = OnceLock::new();
    PROVINCES.get_or_init(Provinces::builtin)
}

/// Every mention in a task's content and product, for a plan of `plan_year`, in text order.
pub fn text_mentions(task: &Task, plan_year: i32, provinces: &Provinces) -> Vec<Mention> {
    let mut out = Vec::new();
    for field in TextField::ALL {
        let text = field.of(task);
        if text.trim().is_empty() {
            continue;
        }
        let mut found = Vec::new();
        year_mentions(text, plan_year, &mut found);
        if plan_year >= TWO_LEVEL_FROM {
            let words: Vec<Word> = words(text).collect();
            province_mentions(text, &words, provinces, &mut found);
            district_mentions(text, &words, &mut found);
        }
        found.sort_by_key(|h| h.span.start);
        out.extend(
            found
                .into_iter()
                .map(|hit| hit.mention(field, text, plan_year)),
        );
    }
    out
}

/// The plan-check findings of a task's mentions.
pub(super) fn mention_findings(id: RowId, task: &Task, year: i32, out: &mut Vec<Finding>) {
    for m in text_mentions(task, year, builtin_provinces()) {
        let fix = m.proposed_text.map(|after| TextFix {
            field: m.field,
            before: m.field.of(task).to_string(),
            after,
        });
        out.push(Finding {
            row: id,
            kind: FindingKind::TextMention,
            message: m.message,
            fix,
        });
    }
}

/// What a mention is, before it is written up.
enum What {
    /// An old year; the replacement of the span.
    Year(String),
    /// A range of years that has ended.
    Range,
    /// A former province; the replacement and the unit's current name.
    Province(String),
    /// "cấp huyện" (the words as written); the replacement of the span.
    District(String, String),
}

struct Hit {
    span: Range<usize>,
    what: What,
}

impl Hit {
    fn mention(self, field: TextField, text: &str, year: i32) -> Mention {
        let found = text[self.span.clone()].to_string();
        let label = field.label();
        let (message, replacement) = match self.what {
            What::Year(new) => (
                format!("{label} nhắc “{found}” (kế hoạch năm {year}): đề xuất “{new}”"),
                Some(new),
            ),
            What::Range => (
                format!(
                    "{label} nhắc “{found}” (kế hoạch năm {year}): giai đoạn đã kết thúc, cần xem lại"
                ),
                None,
            ),
            What::Province(new) => (
                format!(
                    "{label} nhắc “{found}” (đã sáp nhập từ 1/7/2025): đề xuất “{new}”"
                ),
                Some(new),
            ),
            What::District(words, new) if new.is_empty() => (
                format!(
                    "{label} nhắc “{words}” (không còn cấp huyện từ 1/7/2025): đề xuất bỏ “{words}”, vì đã có “cấp xã”"
                ),
                Some(new),
            ),
            What::District(_, new) => (
                format!(
                    "{label} nhắc “{found}” (không còn cấp huyện từ 1/7/2025): đề xuất “{new}”"
                ),
                Some(new),
            ),
        };
        let proposed_text = replacement.map(|new| {
            let mut after = String::with_capacity(text.len());
            after.push_str(&text[..self.span.start]);
            after.push_str(&new);
            after.push_str(&text[self.span.end..]);
            after
        });
        Mention {
            field,
            span: self.span,
            found,
            proposed_text,
            message,
        }
    }
}

/// The run of ASCII digits at `from`: its end.
fn digits_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// A year of four digits standing alone at `start..end`.
fn year_at(text: &str, start: usize, end: usize) -> Option<i32> {
    if end - start != 4 {
        return None;
    }
    let year: i32 = text[start..end].parse().ok()?;
    (1900..=2099).contains(&year).then_some(year)
}

/// "–" and "—" as well as "-", with spaces around or not: the end of a range's second
/// year and that year, when one follows `from`.
fn range_end(text: &str, from: usize) -> Option<(usize, i32)> {
    let rest = &text[from..];
    let trimmed = rest.trim_start();
    let after_dash = trimmed
        .strip_prefix('-')
        .or_else(|| trimmed.strip_prefix('–'))
        .or_else(|| trimmed.strip_prefix('—'))?
        .trim_start();
    let start = text.len() - after_dash.len();
    let end = digits_end(text.as_bytes(), start);
    Some((end, year_at(text, start, end)?))
}

/// Whether the number at `start..end` is part of a document number: "45/2025/NĐ-CP",
/// "16/2023/QH15", "2024/QĐ-UBND".
fn in_document_number(text: &str, end: usize) -> bool {
    let mut rest = text[end..].chars();
    rest.next() == Some('/') && rest.next().is_some_and(char::is_alphabetic)
}

/// Folded words that start a reference to a legal document.
const DOCUMENT_MARKERS: &[&[&str]] = &[
    &["nghi", "quyet"],
    &["nghi", "dinh"],
    &["quyet", "dinh"],
    &["thong", "tu"],
    &["chi", "thi"],
    &["cong", "van"],
    &["phap", "lenh"],
    &["hien", "phap"],
    &["thong", "bao"],
    &["ke", "hoach", "so"],
];

/// Whether the clause before `pos` (from the last ',', ';', ':', line break or sentence
/// end) refers to a legal document: a marker word, "số 12", or a code such as "/QĐ".
fn in_document_clause(text: &str, pos: usize) -> bool {
    let before = &text[..pos];
    let clause_start = before
        .rfind([',', ';', ':', '\n'])
        .map(|i| i + 1)
        .into_iter()
        .chain(before.rfind(". ").map(|i| i + 2))
        .max()
        .unwrap_or(0);
    let clause = &before[clause_start..];
    let folded = fold_words(clause);
    let marker = DOCUMENT_MARKERS
        .iter()
        .any(|m| folded.windows(m.len()).any(|w| w == *m));
    // "Luật" only with its capital: "kỷ luật" is discipline.
    let law = words(clause).any(|w| w.folded == "luat" && clause[w.span].starts_with('L'));
    // "số 12/KH-UBND", not "một số".
    let number = clause
        .match_indices("số ")
        .chain(clause.match_indices("Số "))
        .any(|(i, s)| {
            clause[i + s.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        });
    // "/QĐ", "/KH-UBND": a slash before two capitals.
    let code = clause.match_indices('/').any(|(i, _)| {
        let mut next = clause[i + 1..].chars();
        next.next().is_some_and(char::is_uppercase) && next.next().is_some_and(char::is_uppercase)
    });
    marker || law || number || code
}

/// The start of what is shown for a year at `start`: the date it ends ("31/12/2024",
/// "8/2024", "IV/2024") and the word before it when that is "năm", "tháng", "ngày" or "quý".
fn shown_start(text: &str, start: usize) -> usize {
    let token = text[..start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !c.is_whitespace() && !"(“\"'[".contains(c))
        .last()
        .map_or(start, |(i, _)| i);
    let before = text[..token].trim_end();
    if before.len() == token {
        return token;
    }
    match words(before).last() {
        Some(w)
            if w.span.end == before.len()
                && ["nam", "thang", "ngay", "quy"].contains(&w.folded.as_str()) =>
        {
            w.span.start
        }
        _ => token,
    }
}

/// "01/7/2025", "1/3/2025": the days the 2025 reorganisation took effect, which texts name
/// as such ("từ ngày 01/7/2025"), not as a date of the plan.
fn reform_day(shown: &str) -> bool {
    let date = shown.rsplit(char::is_whitespace).next().unwrap_or(shown);
    let parts: Vec<&str> = date.split('/').collect();
    let number = |s: &str| s.parse::<u32>().ok();
    matches!(
        parts.as_slice(),
        [day, month, "2025"] if number(day) == Some(1) && matches!(number(month), Some(3 | 7))
    )
}

fn year_mentions(text: &str, plan_year: i32, out: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        i = digits_end(bytes, start);
        let Some(year) = year_at(text, start, i) else {
            continue;
        };
        // "ISO 9001:2015": a standard's version.
        let version = text[..start].ends_with(':')
            && text[..start - 1].ends_with(|c: char| c.is_ascii_digit());
        if version || in_document_number(text, i) {
            continue;
        }
        if let Some((end, last)) = range_end(text, i).filter(|&(_, last)| last >= year) {
            i = end;
            if last < plan_year
                && !in_document_number(text, end)
                && !in_document_clause(text, start)
            {
                out.push(Hit {
                    span: start..end,
                    what: What::Range,
                });
            }
            continue;
        }
        if year >= plan_year || in_document_clause(text, start) {
            continue;
        }
        let from = shown_start(text, start);
        if reform_day(&text[from..i]) {
            continue;
        }
        out.push(Hit {
            span: from..i,
            what: What::Year(format!("{}{plan_year}", &text[from..start])),
        });
    }
}

/// Whether only spaces (and, between words of a name, a hyphen) separate these words.
fn joined(text: &str, words: &[Word]) -> bool {
    words.windows(2).all(|w| {
        text[w[0].span.end..w[1].span.start]
            .chars()
            .all(|c| c.is_whitespace() || c == '-')
    })
}

/// `replacement` with a capital first letter when `original` starts with one.
fn same_case(original: &str, replacement: &str) -> String {
    let upper = original.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if upper => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

/// The longest name after "tỉnh" (up to four words: "Bà Rịa - Vũng Tàu") decides: a current
/// unit is fine, a former one is a mention.
fn province_mentions(text: &str, words: &[Word], provinces: &Provinces, out: &mut Vec<Hit>) {
    for (k, w) in words.iter().enumerate() {
        if w.folded != "tinh" {
            continue;
        }
        for n in (1..=4).rev() {
            let Some(name_words) = words.get(k..=k + n) else {
                continue;
            };
            if !joined(text, name_words) {
                continue;
            }
            let span = w.span.start..name_words[n].span.end;
            let name = &text[name_words[1].span.start..span.end];
            if provinces.is_current(name) {
                break;
            }
            if let Some(unit) = provinces.successor(name) {
                if in_document_clause(text, span.start) {
                    // The issuer or title of a document issued before the merger.
                    break;
                }
                let new = same_case(&text[span.clone()], &unit.official_name());
                out.push(Hit {
                    span,
                    what: What::Province(new),
                });
                break;
            }
        }
    }
}

/// Whether `words[k]`, `words[k + 1]` are "cấp" and `level`, written next to each other.
fn level_at(text: &str, words: &[Word], k: usize, level: &str) -> bool {
    words.get(k..k + 2).is_some_and(|pair| {
        pair[0].folded == "cap" && pair[1].folded == level && joined(text, pair)
    })
}

/// The joiner (", " or " và ") right after `end`, and where the next words start.
fn joiner_after(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let trimmed = rest.trim_start();
    let after = trimmed.strip_prefix(',').or_else(|| {
        trimmed
            .strip_prefix("và ")
            .filter(|_| trimmed.len() < rest.len())
    })?;
    let next = after.trim_start();
    Some(text.len() - next.len())
}

/// Where the joiner (", " or " và ") right before `start` begins.
fn joiner_before(text: &str, start: usize) -> Option<usize> {
    let before = text[..start].trim_end();
    let joiner = before
        .strip_suffix(',')
        .or_else(|| before.strip_suffix(" và"))?;
    Some(joiner.trim_end().len())
}

fn district_mentions(text: &str, words: &[Word], out: &mut Vec<Hit>) {
    let has_commune = (0..words.len()).any(|k| level_at(text, words, k, "xa"));
    for k in 0..words.len() {
        if !level_at(text, words, k, "huyen") {
            continue;
        }
        let (start, end) = (words[k].span.start, words[k + 1].span.end);
        let written = text[start..end].to_string();
        let commune = same_case(&written, "cấp xã");
        // The joiners to a neighbouring "cấp ...": "cấp tỉnh, cấp huyện", "cấp huyện và cấp xã".
        let before = joiner_before(text, start).filter(|_| k >= 2 && words[k - 2].folded == "cap");
        let after = joiner_after(text, end);
        let next = after.and_then(|at| words.iter().find(|w| w.span.start == at));
        let (span, new) = match (before, after, next) {
            (Some(from), _, _) if has_commune => (from..end, String::new()),
            (_, Some(at), Some(w)) if has_commune && w.folded == "cap" => {
                (start..at, String::new())
            }
            // "cấp huyện, xã": the two levels in one.
            (_, _, Some(w)) if w.folded == "xa" => (start..w.span.end, commune),
            _ => (start..end, commune),
        };
        out.push(Hit {
            span,
            what: What::District(written, new),
        });
    }
}

#[cfg(test)]
mod tests;
