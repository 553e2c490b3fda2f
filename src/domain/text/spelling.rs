//! Spelling variants. Vietnamese writes some syllables two ways, and real plans use both,
//! often in one document (Kế hoạch 257/KH-UBND of Thanh Hóa writes "Thanh Hoá" and "Thanh
//! Hóa"; see docs/wording-2025.md):
//! - the tone mark of an open "oa", "oe", "uy" on either vowel: "hoá"/"hóa", "khoẻ"/"khỏe",
//!   "thuỷ"/"thủy". Folding drops tone marks, so folded text already treats both as one;
//!   [`canonical_tone_placement`] does it for text that keeps its diacritics.
//! - a lone final "i" or "y" after h, k, l, m, s, t or qu: "Quí"/"Quý", "kĩ"/"kỹ", "lí"/"lý",
//!   "tỉ"/"tỷ". Folding keeps the letter, so the folded words need [`canonical_folded_word`].
//!
//! The tokenizer of [`super`] (so every word of [`super::words`], [`super::tokens`],
//! [`super::fold_words`]) and [`super::fold_key`] give words in their canonical spelling;
//! the rule lives only here.

use unicode_normalization::char::{compose, decompose_canonical, is_combining_mark};

/// Onsets after which a syllable's lone vowel is written "i" or "y" alike.
const I_Y_ONSETS: [&str; 7] = ["h", "k", "l", "m", "s", "t", "qu"];

/// Whether a syllable, as its onset and lone vowel letter, is one spelt "i" or "y" alike.
fn is_i_y_syllable(onset: &str, vowel: char) -> bool {
    matches!(vowel, 'i' | 'y') && I_Y_ONSETS.contains(&onset)
}

/// Puts a folded word (lower case, no diacritics, see [`super::fold`]) in its canonical spelling:
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
    if ends_in_i_spelt_y(word) {
        word.pop();
        word.push('y');
    }
}

/// Whether a folded word ends in an "i" its canonical spelling writes "y" (see
/// [`canonical_folded_word`]); changing it keeps the word's length in bytes.
pub(super) fn ends_in_i_spelt_y(word: &str) -> bool {
    word.len() <= 3
        && word
            .strip_suffix('i')
            .is_some_and(|onset| is_i_y_syllable(onset, 'i'))
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
