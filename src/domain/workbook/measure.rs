//! Row heights from the text they hold.
//!
//! Excel fits the height of a row with wrapped text when it opens a file, but LibreOffice
//! (and so its PDF export) keeps the default height, and neither fits merged cells. So
//! every row gets an explicit height: the text of each cell is wrapped at spaces, greedily,
//! with the advance widths of Times New Roman (the PostScript Times metrics, which the
//! metric-compatible Liberation Serif shares), in the column's width in pixels.
//! Vietnamese letters measure as their base letter. A small margin errs on the tall side:
//! a line too many shows a little white, a line too few hides text.

use std::sync::OnceLock;

use unicode_normalization::char::decompose_canonical;

use crate::domain::text::ascii_base;

/// Advance widths of a-z in thousandths of an em, Times Roman and Times Bold.
const LOWER: [[u16; 26]; 2] = [
    [
        444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333,
        389, 278, 500, 500, 722, 500, 500, 444,
    ],
    [
        500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444,
        389, 333, 556, 500, 722, 500, 500, 444,
    ],
];
/// Advance widths of A-Z.
const UPPER: [[u16; 26]; 2] = [
    [
        722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
        556, 611, 722, 722, 944, 722, 722, 611,
    ],
    [
        722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722,
        556, 667, 722, 722, 1000, 722, 722, 667,
    ],
];

/// The first character of a character's canonical decomposition (itself if none).
fn first_of_decomposition(c: char) -> char {
    let mut base = None;
    decompose_canonical(c, |d| {
        base.get_or_insert(d);
    });
    base.unwrap_or(c)
}

/// Width of a character in thousandths of an em.
fn advance(c: char, bold: bool) -> u16 {
    let b = usize::from(bold);
    let base = if c.is_ascii() {
        c
    } else {
        match c {
            'đ' => 'd',
            'Đ' => 'D',
            '…' => return 1000,
            '–' => return 500,
            '—' => return 1000,
            _ => ascii_base(c).unwrap_or_else(|| first_of_decomposition(c)),
        }
    };
    match base {
        'a'..='z' => LOWER[b][base as usize - 'a' as usize],
        'A'..='Z' => UPPER[b][base as usize - 'A' as usize],
        '0'..='9' => 500,
        ' ' | ',' | '.' => 250,
        ';' | ':' | '/' | '\'' | '!' | '|' => 278,
        '-' | '(' | ')' | '[' | ']' => 333,
        '"' => 408,
        '+' | '=' | '<' | '>' => 564,
        '%' => 833,
        '&' | '@' => 930,
        _ if base.is_ascii() => 500,
        // Other scripts and symbols: as wide as a capital.
        _ => 722,
    }
}

/// Where [`ADVANCES`] starts the Latin Extended Additional block (U+1E00–U+1EFF, most
/// Vietnamese letters), after the characters below U+0250 (ASCII, Latin-1, Latin Extended).
const EXTENDED_AT: usize = 0x250;

/// The advance widths of the characters below U+0250 and of U+1E00–U+1EFF, plain and
/// bold, computed once: nearly every letter of a plan.
fn advances() -> &'static [[u16; EXTENDED_AT + 0x100]; 2] {
    static TABLE: OnceLock<[[u16; EXTENDED_AT + 0x100]; 2]> = OnceLock::new();
    TABLE.get_or_init(|| {
        [false, true].map(|bold| {
            let mut row = [0; EXTENDED_AT + 0x100];
            for (i, width) in row.iter_mut().enumerate() {
                let code = if i < EXTENDED_AT {
                    i as u32
                } else {
                    0x1E00 + (i - EXTENDED_AT) as u32
                };
                *width = char::from_u32(code).map_or(722, |c| advance(c, bold));
            }
            row
        })
    })
}

/// [`advance`] through the table where it can.
#[inline]
fn quick_advance(table: &[u16; EXTENDED_AT + 0x100], c: char, bold: bool) -> u32 {
    let code = c as usize;
    let width = if code < EXTENDED_AT {
        table[code]
    } else if (0x1E00..0x1F00).contains(&code) {
        table[EXTENDED_AT + code - 0x1E00]
    } else {
        advance(c, bold)
    };
    u32::from(width)
}

/// Width of a text in pixels (96 per inch) at `size` points.
#[cfg(test)]
fn text_px(text: &str, size: f64, bold: bool) -> f64 {
    let table = &advances()[usize::from(bold)];
    let thousandths: u32 = text.chars().map(|c| quick_advance(table, c, bold)).sum();
    f64::from(thousandths) * px_per_thousandth(size)
}

/// Pixels per thousandth of an em at `size` points (96 pixels, 72 points per inch).
fn px_per_thousandth(size: f64) -> f64 {
    size * 96.0 / 72.0 / 1000.0
}

/// Pixels of text that fit in a column of `width` Excel character units (Calibri 11, the
/// default font, whose digits are 7 px wide), less the cell's inner padding.
fn column_px(width: f64) -> f64 {
    (width * 7.0 + 5.0).floor() - 4.0
}

/// Lines a text takes when wrapped in a column of `width` character units.
///
/// One pass over the characters: each word's width is summed from the table of advances,
/// then placed greedily on the line.
pub(crate) fn lines(text: &str, size: f64, bold: bool, width: f64) -> usize {
    let available = column_px(width).max(10.0);
    let table = &advances()[usize::from(bold)];
    // Err on the wide side: rendering and hinting differ a little.
    let px = px_per_thousandth(size) * 1.01;
    let space = f64::from(quick_advance(table, ' ', bold)) * px;
    let mut count = 0;
    // The current line's width and line count, and the word being read (thousandths).
    let mut line = 0.0;
    let mut paragraph_lines = 1;
    let mut word = 0u32;
    let place = |word: u32, line: &mut f64, paragraph_lines: &mut usize| {
        if word == 0 {
            return;
        }
        let w = f64::from(word) * px;
        if *line == 0.0 {
            *line = w;
        } else if *line + space + w <= available {
            *line += space + w;
            return;
        } else {
            *paragraph_lines += 1;
            *line = w;
        }
        // A word wider than the column breaks inside itself.
        while *line > available {
            *paragraph_lines += 1;
            *line -= available;
        }
    };
    // Bytes rather than `chars()`: ASCII is most of a plan, and the text is valid UTF-8, so
    // a lead byte says how many continuation bytes follow. Measured (2026-12-04,
    // `cargo run --release --example export_bench`, the release profile's opt-level "z",
    // 2 busy cores, three interleaved runs of each, CPU median of the thread): 10.000 tasks
    // 360 / 359 / 357 ms with this loop, 459 / 392 / 489 ms with `text.chars()`; at 500 and
    // 2.000 tasks the noise is larger than the difference. It pays on big plans: kept.
    let mut bytes = text.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b' ' => {
                place(word, &mut line, &mut paragraph_lines);
                word = 0;
            }
            b'\n' => {
                place(word, &mut line, &mut paragraph_lines);
                word = 0;
                count += paragraph_lines;
                line = 0.0;
                paragraph_lines = 1;
            }
            0..=0x7F => word += u32::from(table[usize::from(b)]),
            _ => {
                let (more, lead) = match b {
                    0xF0.. => (3, b & 0x07),
                    0xE0.. => (2, b & 0x0F),
                    _ => (1, b & 0x1F),
                };
                let mut code = u32::from(lead);
                for _ in 0..more {
                    code = (code << 6) | u32::from(bytes.next().unwrap_or(0x80) & 0x3F);
                }
                word += quick_advance(table, char::from_u32(code).unwrap_or(' '), bold);
            }
        }
    }
    place(word, &mut line, &mut paragraph_lines);
    count += paragraph_lines;
    count.max(1)
}

/// Height in points of a row whose tallest cell has `lines` lines of `size`-point text.
pub(crate) fn height(lines: usize, size: f64) -> f64 {
    // Times New Roman's line spacing is 1,107 em; Excel and LibreOffice add a little.
    let points = lines as f64 * size * 1.15 + 4.0;
    (points * 4.0).ceil() / 4.0
}

/// The height of a row: the tallest of its cells, given as (text, bold, width).
pub(crate) fn row_height<'a>(
    cells: impl IntoIterator<Item = (&'a str, bool, f64)>,
    size: f64,
) -> f64 {
    let tallest = cells
        .into_iter()
        .filter(|(text, _, _)| !text.is_empty())
        .map(|(text, bold, width)| lines(text, size, bold, width))
        .max()
        .unwrap_or(1);
    height(tallest, size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_letters_measure_as_their_base() {
        assert_eq!(advance('ệ', false), advance('e', false));
        assert_eq!(advance('Ặ', true), advance('A', true));
        assert_eq!(advance('đ', false), 500);
        assert!(advance('m', true) > advance('m', false));
        assert!(text_px("NHIỆM VỤ", 12.0, false) > text_px("nhiệm vụ", 12.0, false));
    }

    #[test]
    fn short_text_is_one_line_and_long_text_wraps() {
        assert_eq!(lines("Sở Nội vụ", 12.0, false, 22.0), 1);
        assert_eq!(lines("", 12.0, false, 22.0), 1);
        let long = "Kiểm tra liên ngành công tác CCHC, hỗ trợ doanh nghiệp cải thiện môi trường đầu tư, kinh doanh (PCI)";
        let narrow = lines(long, 12.0, false, 22.0);
        let wide = lines(long, 12.0, false, 48.0);
        assert!(narrow >= 4 && wide >= 2 && wide < narrow, "{narrow} {wide}");
        assert_eq!(lines("a\nb\nc", 12.0, false, 40.0), 3);
        // One long word breaks inside itself.
        assert!(lines(&"x".repeat(200), 12.0, false, 10.0) >= 10);
    }

    /// The definition: words split at spaces, measured one by one, placed greedily.
    fn lines_by_words(text: &str, size: f64, bold: bool, width: f64) -> usize {
        let available = column_px(width).max(10.0);
        let space = text_px(" ", size, bold) * 1.01;
        let mut count = 0;
        for paragraph in text.split('\n') {
            let mut line = 0.0;
            let mut paragraph_lines = 1;
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let w = text_px(word, size, bold) * 1.01;
                if line == 0.0 {
                    line = w;
                } else if line + space + w <= available {
                    line += space + w;
                    continue;
                } else {
                    paragraph_lines += 1;
                    line = w;
                }
                while line > available {
                    paragraph_lines += 1;
                    line -= available;
                }
            }
            count += paragraph_lines;
        }
        count.max(1)
    }

    #[test]
    fn one_pass_wrapping_matches_word_by_word() {
        let library = crate::domain::library::builtin();
        let mut texts: Vec<&str> = vec!["", " ", "a  b", "x\n\ny ", "Đ…—–€한"];
        for t in library.templates() {
            texts.extend([t.content.as_str(), t.product.as_str(), t.deadline.as_str()]);
        }
        for text in texts {
            for width in [6.0, 16.0, 30.0, 55.0] {
                for bold in [false, true] {
                    assert_eq!(
                        lines(text, 12.0, bold, width),
                        lines_by_words(text, 12.0, bold, width),
                        "{text:?} {width} {bold}"
                    );
                }
            }
        }
    }

    #[test]
    fn heights_grow_with_lines() {
        assert_eq!(height(1, 12.0), 18.0);
        assert!(height(3, 12.0) > 2.0 * height(1, 12.0));
        let h = row_height([("Sở Nội vụ", false, 22.0), ("", true, 1.0)], 12.0);
        assert_eq!(h, height(1, 12.0));
    }
}
