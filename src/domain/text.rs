//! Text folding for matching Vietnamese without regard to diacritics or case.
//!
//! ```
//! use cchc_plan::domain::text::{fold, fold_words};
//! assert_eq!(fold("Thủ tục hành chính"), "thu tuc hanh chinh");
//! assert_eq!(fold("ĐẮK NÔNG"), "dak nong");
//! assert_eq!(fold_words("Một cửa, một cửa liên thông"), ["mot", "cua", "mot", "cua", "lien", "thong"]);
//! ```

use super::unicode::{ascii_base, decompose_canonical, is_combining_mark};

/// Lower case, without diacritics ("đ" becomes "d"), other characters kept.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Appends the folded form of one character (see [`fold`]): its canonical decomposition
/// without combining marks, in lower case, "đ" as "d".
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if let Some(base) = ascii_base(c) {
        out.push(base.to_ascii_lowercase());
        return;
    }
    if c == 'đ' || c == 'Đ' {
        out.push('d');
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                out.push(if l == 'đ' { 'd' } else { l });
            }
        }
    });
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
