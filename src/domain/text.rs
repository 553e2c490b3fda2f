//! Text folding for matching Vietnamese without regard to diacritics or case.
//!
//! ```
//! use cchc_plan::domain::text::{fold, fold_words};
//! assert_eq!(fold("Thủ tục hành chính"), "thu tuc hanh chinh");
//! assert_eq!(fold("ĐẮK NÔNG"), "dak nong");
//! assert_eq!(fold_words("Một cửa, một cửa liên thông"), ["mot", "cua", "mot", "cua", "lien", "thong"]);
//! ```

use std::sync::OnceLock;

use unicode_normalization::char::{compose, decompose_canonical, is_combining_mark};

/// Lower case, without diacritics ("đ" becomes "d"), other characters kept.
///
/// Character by character (canonical decomposition, combining marks dropped: what NFD then
/// dropping the marks gives, as the marks' order no longer matters). Latin letters, with
/// every Vietnamese one, are looked up in a table; merging a 25.000-template file folds
/// every field of every template.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Characters below this are folded through [`FOLD_TABLE`]: Latin, Greek, Cyrillic and
/// Latin Extended Additional (U+1E00–U+1EFF, the Vietnamese letters).
const TABLE_END: u32 = 0x2000;
/// A table entry for a character that folds to more than one character.
const SEVERAL: u32 = u32::MAX;
/// A table entry for a character that folds to nothing (a combining mark).
const NOTHING: u32 = u32::MAX - 1;

fn fold_slow(c: char, out: &mut String) {
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                out.push(if l == 'đ' { 'd' } else { l });
            }
        }
    });
}

/// The folded form of every character below [`TABLE_END`], built on first use.
fn fold_table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut buf = String::new();
        (0..TABLE_END)
            .map(|code| {
                let Some(c) = char::from_u32(code) else {
                    return SEVERAL;
                };
                buf.clear();
                fold_slow(c, &mut buf);
                let mut chars = buf.chars();
                match (chars.next(), chars.next()) {
                    (None, _) => NOTHING,
                    (Some(one), None) => one as u32,
                    _ => SEVERAL,
                }
            })
            .collect()
    })
}

/// Appends the folded form of one character (see [`fold`]).
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let code = c as u32;
    if code < TABLE_END {
        match fold_table()[code as usize] {
            NOTHING => {}
            SEVERAL => fold_slow(c, out),
            one => out.push(char::from_u32(one).unwrap_or(c)),
        }
        return;
    }
    fold_slow(c, out);
}

/// The ASCII letter a letter with diacritics is written on, in its case ('ệ' → 'e',
/// 'Ấ' → 'A', 'đ' → 'd'); `None` for ASCII and for any other character. Read from the
/// fold table: measuring text for row heights does this for nearly every Vietnamese letter.
pub fn ascii_base(c: char) -> Option<char> {
    let code = c as u32;
    if c.is_ascii() || code >= TABLE_END {
        return None;
    }
    let folded = char::from_u32(fold_table()[code as usize]).filter(char::is_ascii_alphabetic)?;
    Some(if c.is_uppercase() {
        folded.to_ascii_uppercase()
    } else {
        folded
    })
}

/// The folded words of a text joined by single spaces: `fold_words(text).join(" ")` in one
/// pass. Equal for texts that differ only in case, diacritics, spacing or punctuation.
pub fn fold_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_key_into(text, &mut out);
    out
}

/// Appends [`fold_key`]`(text)` to `out`.
pub fn fold_key_into(text: &str, out: &mut String) {
    let start = out.len();
    let push = |out: &mut String, gap: &mut bool, c: char| {
        if c.is_alphanumeric() {
            if *gap && out.len() > start {
                out.push(' ');
            }
            *gap = false;
            out.push(c);
        } else {
            *gap = true;
        }
    };
    let table = fold_table();
    let mut gap = false;
    let mut buf = String::new();
    for c in text.chars() {
        if c.is_ascii() {
            push(out, &mut gap, c.to_ascii_lowercase());
            continue;
        }
        let code = c as u32;
        let entry = if code < TABLE_END {
            table[code as usize]
        } else {
            SEVERAL
        };
        match entry {
            NOTHING => {}
            SEVERAL => {
                buf.clear();
                fold_slow(c, &mut buf);
                for f in buf.chars() {
                    push(out, &mut gap, f);
                }
            }
            one => push(out, &mut gap, char::from_u32(one).unwrap_or(c)),
        }
    }
}

// ----- spelling variants -----
//
// Vietnamese writes some syllables two ways, and real plans use both, often in one document
// (Kế hoạch 257/KH-UBND of Thanh Hóa writes "Thanh Hoá" and "Thanh Hóa"; see
// docs/wording-2025.md):
// - the tone mark of an open "oa", "oe", "uy" on either vowel: "hoá"/"hóa", "khoẻ"/"khỏe",
//   "thuỷ"/"thủy". Folding drops tone marks, so folded text already treats both as one;
//   [`canonical_tone_placement`] does it for text that keeps its diacritics.
// - a lone final "i" or "y" after h, k, l, m, s, t or qu: "Quí"/"Quý", "kĩ"/"kỹ", "lí"/"lý",
//   "tỉ"/"tỷ". Folding keeps the letter, so the folded words need [`canonical_folded_word`].
// Search, agency matching and deadline reading call these two; the rule lives only here.

/// Onsets after which a syllable's lone vowel is written "i" or "y" alike.
const I_Y_ONSETS: [&str; 7] = ["h", "k", "l", "m", "s", "t", "qu"];

/// Whether a syllable, as its onset and lone vowel letter, is one spelt "i" or "y" alike.
fn is_i_y_syllable(onset: &str, vowel: char) -> bool {
    matches!(vowel, 'i' | 'y') && I_Y_ONSETS.contains(&onset)
}

/// Puts a folded word (lower case, no diacritics, see [`fold`]) in its canonical spelling:
/// "qui", "ki", "li", "mi", "si", "ti", "hi" end in "y" ("quy", "ky", ...). Any other word
/// stays as it is, so does its length in characters (search highlights rely on that).
///
/// ```
/// use cchc_plan::domain::text::{canonical_folded_word, fold};
/// let mut quarter = fold("Quí");
/// canonical_folded_word(&mut quarter);
/// assert_eq!(quarter, fold("Quý"));
/// let mut word = String::from("tinh");
/// canonical_folded_word(&mut word);
/// assert_eq!(word, "tinh");
/// ```
pub fn canonical_folded_word(word: &mut String) {
    if word.len() > 3 || !word.ends_with('i') {
        return;
    }
    if is_i_y_syllable(&word[..word.len() - 1], 'i') {
        word.pop();
        word.push('y');
    }
}

/// The Vietnamese tone marks (combining forms).
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// A word in lower case with its tone mark on the canonical vowel and the canonical "i"/"y"
/// (see [`canonical_folded_word`]), precomposed; diacritics other than the tone kept. An open
/// "oa", "oe" or "uy" carries the tone on its first vowel ("hoá" and "hóa" are "hóa",
/// "thuỷ" is "thủy"); "Quí" is "quý". Two spellings of a word give the same result; so do
/// the word in precomposed or decomposed form. Meant for single words (a text is treated as
/// one word: call it per word).
///
/// ```
/// use cchc_plan::domain::text::canonical_tone_placement;
/// assert_eq!(canonical_tone_placement("Hoá"), canonical_tone_placement("hóa"));
/// assert_eq!(canonical_tone_placement("khoẻ"), "khỏe");
/// assert_eq!(canonical_tone_placement("THUỶ"), "thủy");
/// assert_eq!(canonical_tone_placement("Quí"), "quý");
/// assert_eq!(canonical_tone_placement("hoạch"), "hoạch");
/// ```
pub fn canonical_tone_placement(word: &str) -> String {
    // Each letter as its base and its marks, the tone taken apart.
    let mut letters: Vec<(char, Vec<char>)> = Vec::new();
    let mut tone: Option<(usize, char)> = None;
    for c in word.chars() {
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                let last = letters.len().checked_sub(1);
                match (last, letters.last_mut()) {
                    (Some(at), _) if TONE_MARKS.contains(&d) && tone.is_none() => {
                        tone = Some((at, d));
                    }
                    (_, Some((_, marks))) => marks.push(d),
                    _ => letters.push((d, Vec::new())),
                }
            } else {
                letters.extend(d.to_lowercase().map(|l| (l, Vec::new())));
            }
        });
    }
    let plain = |i: usize| {
        letters
            .get(i)
            .filter(|(_, m)| m.is_empty())
            .map(|&(c, _)| c)
    };
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    // The onset: consonants, with the "u" of "qu" and the "i" of "gi" before a vowel.
    let mut start = letters.iter().take_while(|(c, _)| !is_vowel(*c)).count();
    let onset: String = letters[..start].iter().map(|(c, _)| *c).collect();
    if (onset == "q" && plain(start) == Some('u'))
        || (onset == "g" && plain(start) == Some('i') && letters.len() > start + 1)
    {
        start += 1;
    }
    let onset: String = letters[..start].iter().map(|(c, _)| *c).collect();
    let end = start
        + letters[start..]
            .iter()
            .take_while(|(c, _)| is_vowel(*c))
            .count();
    if end == letters.len() {
        match (end - start, plain(start), plain(start + 1)) {
            (1, Some(v), _) if is_i_y_syllable(&onset, v) => letters[start].0 = 'y',
            (2, Some(first), Some(second))
                if matches!((first, second), ('o', 'a') | ('o', 'e') | ('u', 'y')) =>
            {
                tone = tone.map(|(_, t)| (start, t));
            }
            _ => {}
        }
    }
    if let Some((at, t)) = tone {
        letters[at].1.push(t);
    }
    let mut out = String::with_capacity(word.len());
    for (base, mut marks) in letters {
        // Canonical order: horn (class 216), dot below (220), then the rest (230), the
        // tone last among equals; then compose pair by pair.
        marks.sort_by_key(|&m| match m {
            '\u{31B}' => 0,
            '\u{323}' => 1,
            m if TONE_MARKS.contains(&m) => 3,
            _ => 2,
        });
        let mut current = base;
        for m in marks {
            match compose(current, m) {
                Some(c) => current = c,
                None => {
                    out.push(current);
                    current = m;
                }
            }
        }
        out.push(current);
    }
    out
}

/// The folded words of a text: runs of letters and digits.
pub fn fold_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A name for file names: ASCII words of the folded text, each capitalised, joined by "-":
/// "Bà Rịa - Vũng Tàu" → "Ba-Ria-Vung-Tau".
pub fn file_slug(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_words() {
        assert_eq!(file_slug("Bà Rịa - Vũng Tàu"), "Ba-Ria-Vung-Tau");
        assert_eq!(file_slug("TP Hồ Chí Minh"), "Tp-Ho-Chi-Minh");
        assert_eq!(file_slug("  "), "");
    }

    #[test]
    fn fold_key_is_the_folded_words_joined() {
        for text in [
            "",
            "  Một cửa,  một cửa liên thông! ",
            "TTHC; UBND cấp xã - Đắk Nông",
            "İstanbul ﬁ Ǆ ẞ",
            "Rà soát\u{0301} văn bản",
        ] {
            assert_eq!(fold_key(text), fold_words(text).join(" "), "{text:?}");
            let mut out = String::from("x|");
            fold_key_into(text, &mut out);
            assert_eq!(out, format!("x|{}", fold_key(text)));
        }
    }

    /// The definition: NFD, combining marks dropped, lower case, "đ" as "d".
    fn fold_by_nfd(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        text.nfd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'đ' { 'd' } else { c })
            .collect()
    }

    #[test]
    fn ascii_bases_keep_case() {
        assert_eq!(ascii_base('ệ'), Some('e'));
        assert_eq!(ascii_base('Ấ'), Some('A'));
        assert_eq!(ascii_base('ư'), Some('u'));
        assert_eq!(ascii_base('Đ'), Some('D'));
        assert_eq!(ascii_base('a'), None);
        assert_eq!(ascii_base('Æ'), None);
        assert_eq!(ascii_base('한'), None);
        for code in 0x80..TABLE_END {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if let Some(base) = ascii_base(c) {
                assert_eq!(fold(&c.to_string()), base.to_ascii_lowercase().to_string());
                assert_eq!(c.is_uppercase(), base.is_ascii_uppercase(), "U+{code:04X}");
            }
        }
    }

    #[test]
    fn fold_matches_its_definition() {
        let mut all = String::new();
        for code in (0..0x3000u32).chain(0xAC00..0xAC40).chain(0xFB00..0xFB50) {
            if let Some(c) = char::from_u32(code) {
                all.push(c);
                assert_eq!(
                    fold(&c.to_string()),
                    fold_by_nfd(&c.to_string()),
                    "U+{code:04X}"
                );
            }
        }
        assert_eq!(fold(&all), fold_by_nfd(&all));
        let text = "Xây dựng Chính quyền số; ĐẨY MẠNH cải cách TTHC, Ứng dụng CNTT ở cấp xã";
        assert_eq!(fold(text), fold_by_nfd(text));
    }

    #[test]
    fn table_fold_matches_the_slow_fold() {
        for code in 0..0x3000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let (mut fast, mut slow) = (String::new(), String::new());
            fold_char(c, &mut fast);
            if c.is_ascii() {
                slow.push(c.to_ascii_lowercase());
            } else {
                fold_slow(c, &mut slow);
            }
            assert_eq!(fast, slow, "U+{code:04X}");
        }
    }

    #[test]
    fn folds_every_vietnamese_vowel_and_d() {
        assert_eq!(
            fold("àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ"),
            "aaaaa aaaaaa aaaaaa eeeee eeeeee"
        );
        assert_eq!(
            fold("ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ"),
            "iiiii ooooo oooooo oooooo uuuuu uuuuuu yyyyy"
        );
        assert_eq!(fold("Đđ"), "dd");
        assert_eq!(fold("TTHC"), "tthc");
    }

    #[test]
    fn words_split_on_punctuation() {
        assert_eq!(
            fold_words("Sở Nội vụ; UBND cấp huyện"),
            ["so", "noi", "vu", "ubnd", "cap", "huyen"]
        );
        assert!(fold_words(" ,; ").is_empty());
    }
}
