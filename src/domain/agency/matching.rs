//! Agency names as folded words with their places ("&" read as "và"), and what a name
//! addresses: the district level gone in 2025, or the commune level.
//!
//! It holds no list of agencies; the directory and the rename table build on it.

use super::super::text::{tokens as text_tokens, Cut, TokenKind, Word};

/// The folded words of a text with their places, as the text tokenizer cuts them, with "&"
/// read as the word "va": "GD&ĐT" is "gd", "va", "dt".
pub(super) fn tokens(text: &str) -> Vec<Word> {
    text_tokens(text, Cut::Words)
        .filter_map(|t| match t.kind {
            TokenKind::Word(folded) => Some(Word {
                folded,
                span: t.span,
            }),
            TokenKind::Symbol('&') => Some(Word {
                folded: "va".into(),
                span: t.span,
            }),
            _ => None,
        })
        .collect()
}

pub(super) fn words(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(|t| t.folded).collect()
}

/// Whether `needle` occurs as a run of whole words in `hay`.
pub(super) fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Strips a leading "UBND" / "Ủy ban nhân dân" and returns the words after it.
pub(super) fn after_committee(words: &[String]) -> Option<&[String]> {
    match words {
        [first, rest @ ..] if first == "ubnd" => Some(rest),
        [a, b, c, d, rest @ ..] if a == "uy" && b == "ban" && c == "nhan" && d == "dan" => {
            Some(rest)
        }
        _ => None,
    }
}

/// Whether a name addresses the district level (cấp huyện), which no longer exists from
/// 1 July 2025: "UBND cấp huyện", "UBND các huyện, thị xã, thành phố", "UBND huyện Khoái
/// Châu", "Phòng Văn hóa và Thông tin cấp huyện", or a longer text naming one of them.
///
/// "UBND thành phố ..." alone is not taken as district-level: in a centrally-run city it is
/// the city itself.
///
/// ```
/// use cchc_plan::domain::agency::is_district_level;
/// assert!(is_district_level("UBND cấp huyện"));
/// assert!(is_district_level("Các sở, ban, ngành; UBND Cấp huyện, UBND cấp xã"));
/// assert!(is_district_level("Ủy ban nhân dân các huyện, thị xã, thành phố"));
/// assert!(is_district_level("UBND huyện Khoái Châu"));
/// assert!(!is_district_level("UBND cấp xã"));
/// assert!(!is_district_level("UBND các xã, phường, đặc khu"));
/// assert!(!is_district_level("Sở Nội vụ"));
/// ```
pub fn is_district_level(name: &str) -> bool {
    let words = words(name);
    let w = |s: &str| s.to_string();
    if contains_words(&words, &[w("cap"), w("huyen")])
        || contains_words(&words, &[w("huyen"), w("thi"), w("xa")])
    {
        return true;
    }
    (0..words.len()).any(|i| {
        let Some(rest) = after_committee(&words[i..]) else {
            return false;
        };
        let rest = match rest.first() {
            Some(first) if first == "cac" => &rest[1..],
            _ => rest,
        };
        match rest {
            [first, ..] if first == "huyen" || first == "quan" => true,
            [a, b, ..] => a == "thi" && b == "xa",
            _ => false,
        }
    })
}

/// Whether a whole name is the commune level: "UBND cấp xã", "UBND các xã, phường, đặc khu",
/// "Ủy ban nhân dân xã, phường, thị trấn".
///
/// ```
/// use cchc_plan::domain::agency::is_commune_level;
/// assert!(is_commune_level("UBND cấp xã"));
/// assert!(is_commune_level("UBND các xã, phường, đặc khu"));
/// assert!(!is_commune_level("UBND cấp huyện, cấp xã"));
/// assert!(!is_commune_level("Sở Nội vụ"));
/// ```
pub fn is_commune_level(name: &str) -> bool {
    let words = words(name);
    let Some(rest) = after_committee(&words) else {
        return false;
    };
    // "mới": "UBND các xã, phường (mới)" in the months after the 2025 merger.
    const ALLOWED: [&str; 9] = [
        "cap", "cac", "xa", "phuong", "thi", "tran", "dac", "khu", "moi",
    ];
    !rest.is_empty()
        && rest.iter().all(|w| ALLOWED.contains(&w.as_str()))
        && rest.iter().any(|w| w == "xa" || w == "phuong")
}

/// The key of a commune-level name whatever the order of its words: "UBND các xã, phường"
/// and "Ủy ban nhân dân các phường, xã" are one agency (plans write both orders). `None` for
/// other names.
pub(super) fn commune_key(name: &str) -> Option<String> {
    if !is_commune_level(name) {
        return None;
    }
    let words = words(name);
    let mut rest: Vec<&str> = after_committee(&words)?
        .iter()
        .map(String::as_str)
        .filter(|w| *w != "cac" && *w != "moi")
        .collect();
    rest.sort_unstable();
    rest.dedup();
    Some(format!("\u{0}commune {}", rest.join(" ")))
}

/// What two names must share to be the same agency in one list: their words, and all
/// commune-level names are one.
pub(super) fn agency_key(name: &str) -> String {
    if is_commune_level(name) {
        "\u{0}commune".to_string()
    } else {
        words(name).join(" ")
    }
}

#[cfg(test)]
mod tests;
