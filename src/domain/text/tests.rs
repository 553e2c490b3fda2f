//! Tests of folding, the tokenizer and the canonical spelling of its words.

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
        "Quí I; kĩ thuật, hi",
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

#[test]
fn words_keep_original_ranges() {
    let text = "Cơ chế “một cửa”, ĐVSNCL; 1.600 hồ sơ";
    let ws: Vec<Word> = words(text).collect();
    let folded: Vec<&str> = ws.iter().map(|w| w.folded.as_str()).collect();
    assert_eq!(
        folded,
        ["co", "che", "mot", "cua", "dvsncl", "1", "600", "ho", "so"]
    );
    assert_eq!(&text[ws[2].span.start..ws[3].span.end], "một cửa");
    assert_eq!(&text[ws[4].span.clone()], "ĐVSNCL");
    // Decomposed input (base letters followed by combining marks).
    let nfd = "Mo\u{0323}\u{0302}t cu\u{031b}\u{0309}a";
    let ws: Vec<Word> = words(nfd).collect();
    assert_eq!(ws.len(), 2);
    assert_eq!(
        (ws[0].folded.as_str(), ws[1].folded.as_str()),
        ("mot", "cua")
    );
    assert_eq!(&nfd[ws[1].span.clone()], "cu\u{031b}\u{0309}a");
    // A mark with no word before it belongs to nothing.
    assert_eq!(fold_words("\u{0301}a \u{0301}"), ["a"]);
}

#[test]
fn fold_char_agrees_with_fold() {
    let text = "Ủy ban nhân dân TỈNH Đắk Nông: Thủ tục hành chính, ĐVSNCL, Quý III/2022";
    let mut out = String::new();
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    assert_eq!(out, fold(text));
}

/// The tokens of a text as (kind, text covered) pairs.
fn cut(text: &str, cut: Cut) -> Vec<(TokenKind, &str)> {
    tokens(text, cut).map(|t| (t.kind, &text[t.span])).collect()
}

#[test]
fn deadlines_cut_letters_from_digits() {
    use TokenKind::{Digits, Symbol, Word};
    let w = |s: &str| Word(s.to_string());
    assert_eq!(
        cut("Quý III/2022 – t12", Cut::LettersAndDigits),
        [
            (w("quy"), "Quý"),
            (w("iii"), "III"),
            (Symbol('/'), "/"),
            (Digits, "2022"),
            (Symbol('–'), "–"),
            (w("t"), "t"),
            (Digits, "12"),
        ]
    );
    // Other numerals are symbols there, and part of a word when words are cut whole.
    assert_eq!(
        cut("q٣ GD&ĐT2025", Cut::LettersAndDigits),
        [
            (w("q"), "q"),
            (Symbol('٣'), "٣"),
            (w("gd"), "GD"),
            (Symbol('&'), "&"),
            (w("dt"), "ĐT"),
            (Digits, "2025"),
        ]
    );
    assert_eq!(
        cut("q٣ GD&ĐT2025", Cut::Words),
        [
            (w("q٣"), "q٣"),
            (w("gd"), "GD"),
            (Symbol('&'), "&"),
            (w("dt2025"), "ĐT2025"),
        ]
    );
    // Every word in its canonical spelling, covering the text as written.
    assert_eq!(
        cut("Quí 3, kĩ", Cut::LettersAndDigits),
        [
            (w("quy"), "Quí"),
            (Digits, "3"),
            (Symbol(','), ","),
            (w("ky"), "kĩ")
        ]
    );
    assert_eq!(cut("Qui", Cut::Words), [(w("quy"), "Qui")]);
    // White space of every kind separates and is no token.
    assert_eq!(cut("a\u{a0}b\u{3000}c\td", Cut::Words).len(), 4);
}

#[test]
fn fold_words_is_fold_then_split_on_what_is_not_alphanumeric_in_canonical_spelling() {
    for text in [
        "Một cửa, một cửa liên thông! ",
        "TTHC; UBND cấp xã - Đắk Nông 2025",
        "İstanbul ﬁ Ǆ ẞ ½ ٣ q3",
        "Rà soát\u{0301} văn bản",
        "Quí I/2026, Định kì, Sở Kĩ thuật",
    ] {
        let split: Vec<String> = fold(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let mut w = w.to_string();
                canonical_folded_word(&mut w);
                w
            })
            .collect();
        assert_eq!(fold_words(text), split, "{text:?}");
    }
}
