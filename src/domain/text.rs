//! Folding and tokenizing text, for matching Vietnamese without regard to diacritics or case:
//! the one tokenizer that search, agencies, deadlines and provinces all cut their words with.
//!
//! It knows characters and words only; what a word means (an agency, a quarter) is for the
//! modules that read them. Every word it gives is in its canonical spelling ("Quí" and "Quý"
//! are one word): the rule is `spelling.rs`, applied in the tokenizer and in [`fold_key`]
//! only. Tests are in `tests.rs` beside.
//!
//! ```
//! use cchc_plan::domain::text::{fold, fold_words, tokens, words, Cut, TokenKind};
//! assert_eq!(fold("Thủ tục hành chính"), "thu tuc hanh chinh");
//! assert_eq!(fold("ĐẮK NÔNG"), "dak nong");
//! assert_eq!(fold_words("Một cửa, một cửa liên thông"), ["mot", "cua", "mot", "cua", "lien", "thong"]);
//!
//! let text = "Sở GD&ĐT";
//! let found: Vec<_> = words(text).map(|w| (w.folded, &text[w.span])).collect();
//! assert_eq!(found, [("so".into(), "Sở"), ("gd".into(), "GD"), ("dt".into(), "ĐT")]);
//!
//! let kinds: Vec<_> = tokens("Quý 3/2027", Cut::LettersAndDigits).map(|t| t.kind).collect();
//! assert_eq!(
//!     kinds,
//!     [TokenKind::Word("quy".into()), TokenKind::Digits, TokenKind::Symbol('/'), TokenKind::Digits]
//! );
//! ```

use std::iter::Peekable;
use std::ops::Range;
use std::str::CharIndices;
use std::sync::OnceLock;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

mod spelling;

use spelling::ends_in_i_spelt_y;
pub use spelling::{canonical_folded_word, canonical_tone_placement};

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
/// pass. Equal for texts that differ only in case, diacritics, spacing, punctuation or the
/// spelling variants of [`canonical_folded_word`].
pub fn fold_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_key_into(text, &mut out);
    out
}

/// Appends [`fold_key`]`(text)` to `out`.
pub fn fold_key_into(text: &str, out: &mut String) {
    let start = out.len();
    // Where the word being written starts in `out`: at its end it takes its canonical
    // spelling, as in the tokenizer.
    let mut word_from = start;
    let push = |out: &mut String, gap: &mut bool, word_from: &mut usize, c: char| {
        if c.is_alphanumeric() {
            if *gap && out.len() > start {
                canonical_tail(out, *word_from);
                out.push(' ');
                *word_from = out.len();
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
    let wf = &mut word_from;
    for c in text.chars() {
        if c.is_ascii() {
            push(out, &mut gap, wf, c.to_ascii_lowercase());
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
                    push(out, &mut gap, wf, f);
                }
            }
            one => push(out, &mut gap, wf, char::from_u32(one).unwrap_or(c)),
        }
    }
    canonical_tail(out, word_from);
}

/// Puts the folded word `out[from..]` in its canonical spelling (see
/// [`canonical_folded_word`]), in place.
fn canonical_tail(out: &mut String, from: usize) {
    if ends_in_i_spelt_y(&out[from..]) {
        out.pop();
        out.push('y');
    }
}

/// The folded words of a text: runs of letters and digits (see [`words`]).
pub fn fold_words(text: &str) -> Vec<String> {
    words(text).map(|w| w.folded).collect()
}

/// How [`tokens`] cuts a run of letters and digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cut {
    /// Letters and digits together make one word: "ĐT2025" is one word, "dt2025".
    Words,
    /// Letters and ASCII digits make separate tokens ("q3" is "q" then 3), and digits other
    /// than ASCII are symbols: how deadlines are read.
    LettersAndDigits,
}

/// What a [`Token`] is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters (and digits, with [`Cut::Words`]), folded as by [`fold`] and in its
    /// canonical spelling ([`canonical_folded_word`]: "Quí" is "quy").
    Word(String),
    /// A run of ASCII digits (only with [`Cut::LettersAndDigits`]): read them from the text.
    Digits,
    /// Any other character but white space, as written.
    Symbol(char),
}

/// A token of a text and the bytes it covers there. A word covers the combining marks that
/// follow its letters (text in NFD); marks anywhere else are dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Range<usize>,
}

/// A folded word of a text and the bytes it covers there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub folded: String,
    pub span: Range<usize>,
}

/// The tokens of a text, left to right; white space separates them and is not a token.
pub fn tokens(text: &str, cut: Cut) -> Tokens<'_> {
    Tokens {
        chars: text.char_indices().peekable(),
        cut,
        buf: String::new(),
    }
}

/// The folded words of a text with their places: runs of letters and digits ([`Cut::Words`]);
/// every other character separates words.
pub fn words(text: &str) -> impl Iterator<Item = Word> + '_ {
    tokens(text, Cut::Words).filter_map(|t| match t.kind {
        TokenKind::Word(folded) => Some(Word {
            folded,
            span: t.span,
        }),
        _ => None,
    })
}

/// The iterator of [`tokens`].
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    chars: Peekable<CharIndices<'a>>,
    cut: Cut,
    /// The folded form of the character last classified.
    buf: String,
}

/// What a character is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// Folds to nothing: a combining mark.
    Mark,
    Space,
    Other,
}

impl Tokens<'_> {
    /// Classifies `c` and leaves its folded form in `self.buf`.
    fn class(&mut self, c: char) -> Class {
        self.buf.clear();
        if c.is_ascii() {
            self.buf.push(c.to_ascii_lowercase());
            return if c.is_ascii_alphabetic() {
                Class::Letter
            } else if c.is_ascii_digit() {
                Class::Digit
            } else if c.is_ascii_whitespace() {
                Class::Space
            } else {
                Class::Other
            };
        }
        fold_char(c, &mut self.buf);
        if self.buf.is_empty() {
            Class::Mark
        } else if c.is_whitespace() {
            Class::Space
        } else if self.buf.chars().all(char::is_alphabetic)
            || (self.cut == Cut::Words && self.buf.chars().all(char::is_alphanumeric))
        {
            Class::Letter
        } else {
            Class::Other
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            let (start, c) = self.chars.next()?;
            let mut end = start + c.len_utf8();
            let kind = match self.class(c) {
                Class::Space | Class::Mark => continue,
                Class::Other => TokenKind::Symbol(c),
                Class::Digit if self.cut == Cut::LettersAndDigits => {
                    while let Some(&(i, d)) = self.chars.peek() {
                        if !d.is_ascii_digit() {
                            break;
                        }
                        end = i + 1;
                        self.chars.next();
                    }
                    TokenKind::Digits
                }
                Class::Letter | Class::Digit => {
                    let mut word = self.buf.clone();
                    while let Some(&(i, d)) = self.chars.peek() {
                        // ASCII first, without the fold table: most of a Vietnamese text.
                        if d.is_ascii() {
                            let joins = d.is_ascii_alphabetic()
                                || (d.is_ascii_digit() && self.cut == Cut::Words);
                            if !joins {
                                break;
                            }
                            word.push(d.to_ascii_lowercase());
                            end = i + 1;
                            self.chars.next();
                            continue;
                        }
                        match self.class(d) {
                            Class::Mark => {}
                            Class::Letter => word.push_str(&self.buf),
                            Class::Digit if self.cut == Cut::Words => word.push_str(&self.buf),
                            _ => break,
                        }
                        end = i + d.len_utf8();
                        self.chars.next();
                    }
                    // "Quí" and "Quý", "kĩ" and "kỹ" are one word (same length in bytes).
                    canonical_folded_word(&mut word);
                    TokenKind::Word(word)
                }
            };
            return Some(Token {
                kind,
                span: start..end,
            });
        }
    }
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
mod tests;
