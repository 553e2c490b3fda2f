//! The little of Unicode normalisation the app needs: canonical decomposition (NFD) and
//! combining marks, from the compact tables in `unicode_tables.rs`
//! (tools/gen_unicode_tables.py writes them).
//!
//! Every user of NFD here drops or classifies the marks (folding for search, letter widths,
//! Vietnamese collation), so the marks of one character come in the order of its
//! decomposition, without canonical reordering.
//!
//! ```
//! use cchc_plan::domain::unicode::{decompose_canonical, is_combining_mark, nfd};
//! let mut parts = Vec::new();
//! decompose_canonical('ệ', |c| parts.push(c));
//! assert_eq!(parts, ['e', '\u{323}', '\u{302}']);
//! assert!(is_combining_mark('\u{301}') && !is_combining_mark('e'));
//! assert_eq!(nfd("Đắk").collect::<String>(), "Đa\u{306}\u{301}k");
//! ```

#[path = "unicode_tables.rs"]
mod tables;

use tables::{COMBINING_MARKS, DECOMPOSITION_BMP, DECOMPOSITION_OTHER};

// Hangul syllables decompose algorithmically (Unicode 3.12).
const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = 21 * T_COUNT;
const S_COUNT: u32 = 19 * N_COUNT;

/// The one-step decomposition of a character: (first, second or 0).
fn step(c: char) -> Option<(u32, u32)> {
    let cp = u32::from(c);
    if cp < 0xC0 {
        return None;
    }
    if cp < 0x10000 {
        let key = cp as u16;
        DECOMPOSITION_BMP
            .binary_search_by_key(&key, |e| e.0)
            .ok()
            .map(|i| {
                let (_, a, b) = DECOMPOSITION_BMP[i];
                (u32::from(a), u32::from(b))
            })
            .or_else(|| {
                DECOMPOSITION_OTHER
                    .binary_search_by_key(&cp, |e| e.0)
                    .ok()
                    .map(|i| (DECOMPOSITION_OTHER[i].1, DECOMPOSITION_OTHER[i].2))
            })
    } else {
        DECOMPOSITION_OTHER
            .binary_search_by_key(&cp, |e| e.0)
            .ok()
            .map(|i| (DECOMPOSITION_OTHER[i].1, DECOMPOSITION_OTHER[i].2))
    }
}

/// Calls `emit` with the canonical decomposition of `c` (just `c` when it has none).
pub fn decompose_canonical(c: char, mut emit: impl FnMut(char)) {
    decompose_into(c, &mut emit);
}

fn decompose_into(c: char, emit: &mut impl FnMut(char)) {
    let cp = u32::from(c);
    if cp.wrapping_sub(S_BASE) < S_COUNT {
        let s = cp - S_BASE;
        let parts = [
            L_BASE + s / N_COUNT,
            V_BASE + (s % N_COUNT) / T_COUNT,
            if s % T_COUNT == 0 {
                0
            } else {
                T_BASE + s % T_COUNT
            },
        ];
        for part in parts.into_iter().filter(|&p| p != 0) {
            emit(char::from_u32(part).unwrap_or(c));
        }
        return;
    }
    match step(c) {
        None => emit(c),
        Some((first, second)) => {
            for part in [first, second].into_iter().filter(|&p| p != 0) {
                decompose_into(char::from_u32(part).unwrap_or(c), emit);
            }
        }
    }
}

/// The blocks of Latin letters with diacritics, where Vietnamese lives.
const LATIN_BLOCKS: [(u32, u32); 2] = [(0x00C0, 0x0250), (0x1E00, 0x1F00)];

/// The ASCII letter a Latin letter with diacritics decomposes to, followed only by combining
/// marks ('ệ' → 'e', 'Ấ' → 'A'); `None` for any other character. A table built on first
/// use: folding and measuring text do this for nearly every Vietnamese letter.
pub fn ascii_base(c: char) -> Option<char> {
    static BASES: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    let cp = u32::from(c);
    let block = LATIN_BLOCKS
        .iter()
        .position(|&(first, end)| (first..end).contains(&cp))?;
    let bases = BASES.get_or_init(|| {
        LATIN_BLOCKS
            .iter()
            .map(|&(first, end)| {
                (first..end)
                    .map(|cp| {
                        let mut parts = Vec::new();
                        if let Some(c) = char::from_u32(cp) {
                            decompose_canonical(c, |d| parts.push(d));
                        }
                        match parts.split_first() {
                            Some((base, marks))
                                if base.is_ascii()
                                    && !marks.is_empty()
                                    && marks.iter().all(|&m| is_combining_mark(m)) =>
                            {
                                *base as u8
                            }
                            _ => 0,
                        }
                    })
                    .collect()
            })
            .collect()
    });
    let base = bases[block][(cp - LATIN_BLOCKS[block].0) as usize];
    (base != 0).then_some(char::from(base))
}

/// Whether a character is a combining mark (general category Mn, Mc or Me).
pub fn is_combining_mark(c: char) -> bool {
    let cp = u32::from(c);
    if cp < 0x300 {
        return false;
    }
    let i = COMBINING_MARKS.partition_point(|&(first, _)| first <= cp);
    i > 0 && cp <= COMBINING_MARKS[i - 1].1
}

/// The canonical decomposition of a text, character by character.
pub fn nfd(text: &str) -> impl Iterator<Item = char> + '_ {
    // The parts of the current character, last first.
    let mut pending: Vec<char> = Vec::new();
    let mut chars = text.chars();
    std::iter::from_fn(move || {
        if let Some(c) = pending.pop() {
            return Some(c);
        }
        let c = chars.next()?;
        if c.is_ascii() {
            return Some(c);
        }
        decompose_canonical(c, |d| pending.push(d));
        pending.reverse();
        pending.pop()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(c: char) -> String {
        let mut out = String::new();
        decompose_canonical(c, |d| out.push(d));
        out
    }

    #[test]
    fn vietnamese_letters_decompose_to_base_and_marks() {
        assert_eq!(parts('ệ'), "e\u{323}\u{302}");
        assert_eq!(parts('Ặ'), "A\u{323}\u{306}");
        assert_eq!(parts('ữ'), "u\u{31B}\u{303}");
        assert_eq!(parts('đ'), "đ");
        assert_eq!(parts('a'), "a");
        // Singletons and characters beyond the BMP.
        assert_eq!(parts('\u{212B}'), "A\u{30A}");
        assert_eq!(parts('\u{2F800}'), "\u{4E3D}");
        // Hangul, algorithmically.
        assert_eq!(parts('한'), "\u{1112}\u{1161}\u{11AB}");
        assert_eq!(parts('가'), "\u{1100}\u{1161}");
    }

    #[test]
    fn combining_marks_by_range() {
        for c in [
            '\u{300}',
            '\u{36F}',
            '\u{323}',
            '\u{1AB0}',
            '\u{20D0}',
            '\u{E0100}',
        ] {
            assert!(is_combining_mark(c), "{c:?}");
        }
        for c in ['a', 'Đ', '\u{2FF}', '\u{370}', '한', '😀'] {
            assert!(!is_combining_mark(c), "{c:?}");
        }
    }

    /// The tables agree with the unicode-normalization crate on every character of the
    /// Unicode version they were made from (marks compared as a set: no reordering here).
    #[test]
    fn agrees_with_the_standard_crate() {
        use unicode_normalization::char as reference;
        let mut differ = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut ours: Vec<char> = Vec::new();
            decompose_canonical(c, |d| ours.push(d));
            let mut theirs: Vec<char> = Vec::new();
            reference::decompose_canonical(c, |d| theirs.push(d));
            ours[1..].sort();
            theirs[1..].sort();
            if ours != theirs || is_combining_mark(c) != reference::is_combining_mark(c) {
                differ.push(c);
            }
        }
        // Only characters added after the tables' Unicode version (14.0) may differ: marks
        // of other scripts, which the tables take for plain characters. They are few, and
        // none is in the Latin, Greek or Cyrillic blocks.
        assert!(differ.len() < 300, "{} differ", differ.len());
        for c in differ {
            let mut ours = Vec::new();
            decompose_canonical(c, |d| ours.push(d));
            assert!(u32::from(c) >= 0x0590, "{c:?}");
            assert!(ours == [c] && !is_combining_mark(c), "{c:?}");
        }
    }

    #[test]
    fn ascii_bases_of_latin_letters() {
        assert_eq!(ascii_base('ệ'), Some('e'));
        assert_eq!(ascii_base('Ấ'), Some('A'));
        assert_eq!(ascii_base('ư'), Some('u'));
        assert_eq!(ascii_base('đ'), None);
        assert_eq!(ascii_base('a'), None);
        assert_eq!(ascii_base('한'), None);
        for cp in (0xC0..0x250).chain(0x1E00..0x1F00) {
            let c = char::from_u32(cp).unwrap();
            let mut parts = Vec::new();
            decompose_canonical(c, |d| parts.push(d));
            if let Some(base) = ascii_base(c) {
                assert_eq!(parts[0], base, "{c:?}");
            }
        }
    }

    #[test]
    fn nfd_of_a_text() {
        assert_eq!(
            nfd("Hưng Yên").collect::<String>(),
            "Hu\u{31B}ng Ye\u{302}n"
        );
        assert_eq!(nfd("").count(), 0);
    }
}
