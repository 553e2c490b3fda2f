//! Deadline text as tokens (folded words, numbers, symbols) and a cursor that reads them with
//! a little backtracking: the primitives `parse` and `suggest` are written with.
//!
//! It knows single words and numbers (a month, a day, a year, a quarter), not deadline forms.

use super::super::text::{tokens, Cut, TokenKind};

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
    /// A run of letters, folded (lower case, no diacritics) and in its canonical spelling
    /// ("Quí" is "quy", "kì" is "ky").
    Word(String),
    /// A run of ASCII digits: its value (saturated) and how many digits.
    Num { value: u32, len: usize },
    /// Any other visible character; dashes are all '-'.
    Sym(char),
}

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub(super) kind: Kind,
    /// Byte offsets in the original text.
    pub(super) start: usize,
    pub(super) end: usize,
}

/// The tokens of a deadline text, cut by the text tokenizer with letters apart from digits
/// ("q3" is "q" then 3); numbers get their value, and every dash is '-'.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    tokens(text, Cut::LettersAndDigits)
        .map(|t| {
            let kind = match t.kind {
                TokenKind::Word(word) => Kind::Word(word),
                TokenKind::Digits => {
                    let digits = &text.as_bytes()[t.span.clone()];
                    let value = digits.iter().fold(0u32, |value, d| {
                        value.saturating_mul(10).saturating_add(u32::from(d - b'0'))
                    });
                    Kind::Num {
                        value,
                        len: digits.len(),
                    }
                }
                TokenKind::Symbol(c) => Kind::Sym(match c {
                    '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                    _ => c,
                }),
            };
            Token {
                kind,
                start: t.span.start,
                end: t.span.end,
            }
        })
        .collect()
}

/// A year that belongs to the date expression, with its place in the text.
#[derive(Clone, Copy, Debug)]
pub(super) struct YearSpan {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) value: i32,
}

pub(super) struct Parser<'t> {
    pub(super) toks: &'t [Token],
    pub(super) pos: usize,
    pub(super) years: Vec<YearSpan>,
}

pub(super) type Mark = (usize, usize);

impl<'t> Parser<'t> {
    pub(super) fn new(toks: &'t [Token]) -> Self {
        Parser {
            toks,
            pos: 0,
            years: Vec::new(),
        }
    }

    pub(super) fn mark(&self) -> Mark {
        (self.pos, self.years.len())
    }

    pub(super) fn reset(&mut self, m: Mark) {
        self.pos = m.0;
        self.years.truncate(m.1);
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    pub(super) fn kind_at(&self, i: usize) -> Option<&'t Kind> {
        self.toks.get(i).map(|t| &t.kind)
    }

    pub(super) fn word_at(&self, i: usize, w: &str) -> bool {
        matches!(self.kind_at(i), Some(Kind::Word(x)) if x == w)
    }

    pub(super) fn eat_word(&mut self, w: &str) -> bool {
        let ok = self.word_at(self.pos, w);
        self.pos += usize::from(ok);
        ok
    }

    /// Eats the words in sequence, or nothing.
    pub(super) fn eat_words(&mut self, ws: &[&str]) -> bool {
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
    pub(super) fn eat_any(&mut self, ws: &[&'static str]) -> Option<&'static str> {
        ws.iter().copied().find(|w| self.eat_word(w))
    }

    pub(super) fn eat_sym(&mut self, c: char) -> bool {
        let ok = matches!(self.kind_at(self.pos), Some(Kind::Sym(x)) if *x == c);
        self.pos += usize::from(ok);
        ok
    }

    /// Eats a number of at most `max_len` digits within `range`.
    pub(super) fn eat_num(
        &mut self,
        range: std::ops::RangeInclusive<u32>,
        max_len: usize,
    ) -> Option<u8> {
        match self.kind_at(self.pos) {
            Some(&Kind::Num { value, len }) if len <= max_len && range.contains(&value) => {
                self.pos += 1;
                u8::try_from(value).ok()
            }
            _ => None,
        }
    }

    pub(super) fn eat_month(&mut self) -> Option<u8> {
        self.eat_num(1..=12, 2)
    }

    pub(super) fn eat_day(&mut self) -> Option<u8> {
        self.eat_num(1..=31, 2)
    }

    /// Eats a four-digit year and records it as part of the date.
    pub(super) fn eat_year(&mut self) -> Option<i32> {
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
    pub(super) fn eat_quarter(&mut self) -> Option<u8> {
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

    pub(super) fn eat_quarter_word(&mut self) -> bool {
        self.eat_word("quy")
    }

    /// "/2022" or "năm 2022"; also ".2026" and "-2021" as the press writes them ("tháng
    /// 3.2026", "tháng 1-2021"): a four-digit number cannot be a month or a quarter.
    pub(super) fn year_suffix(&mut self) -> Option<i32> {
        let m = self.mark();
        if self.eat_sym('/') || self.eat_word("nam") || self.eat_sym('.') || self.eat_sym('-') {
            if let Some(y) = self.eat_year() {
                return Some(y);
            }
        }
        self.reset(m);
        None
    }

    /// "7h00 sáng", "17 giờ": a time of day, finer than a plan's deadlines; read and ignored.
    pub(super) fn time_of_day(&mut self) {
        let m = self.mark();
        if self.eat_num(0..=24, 2).is_some() && self.eat_any(&["h", "gio"]).is_some() {
            let _ = self.eat_num(0..=59, 2);
            let _ = self.eat_any(&["sang", "trua", "chieu", "toi"]);
        } else {
            self.reset(m);
        }
    }

    /// "năm đánh giá", "năm kế tiếp", ...: a year named relative to another; read and ignored.
    pub(super) fn relative_year(&mut self) -> bool {
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
}
