//! Amounts in Vietnamese words, for the "(Bằng chữ: ...)" line under a budget total.
//!
//! The rules are those of `shared/reference/money-words.md`: "linh" (or the southern "lẻ")
//! for a zero tens digit, "mốt", "tư" (or "bốn"), "lăm", "không trăm" in inner groups,
//! and the scale words nghìn, triệu, tỷ (nghìn tỷ, triệu tỷ above).
//!
//! ```
//! use cchc_plan::domain::{money::Money, words::{amount_in_words, WordsStyle}};
//! let words = amount_in_words(Money::from_trieu(936), WordsStyle::default());
//! assert_eq!(words, "Chín trăm ba mươi sáu triệu đồng");
//! ```

use serde::{Deserialize, Serialize};

use super::money::Money;

/// How a zero tens digit reads before a units digit: "một trăm linh năm" or "một trăm lẻ năm".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ZeroTens {
    #[default]
    Linh,
    Le,
}

/// How a units 4 after tens of two or more reads: "hai mươi tư" or "hai mươi bốn".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnitsFour {
    #[default]
    Tu,
    Bon,
}

/// The reading choices a province may prefer; the defaults are the official forms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordsStyle {
    #[serde(default)]
    pub zero_tens: ZeroTens,
    #[serde(default)]
    pub units_four: UnitsFour,
}

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// A budget in triệu đồng read out in đồng: 150,5 → "Một trăm năm mươi triệu năm trăm nghìn đồng".
pub fn amount_in_words(amount: Money, style: WordsStyle) -> String {
    let dong = amount.to_dong();
    let mut text = if dong < 0 {
        format!("âm {}", number_in_words(dong.unsigned_abs(), style))
    } else {
        number_in_words(dong.unsigned_abs(), style)
    };
    text.push_str(" đồng");
    capitalise_first(&text)
}

/// A whole number in words, lower case: 2001 → "hai nghìn không trăm linh một".
pub fn number_in_words(n: u128, style: WordsStyle) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let mut words = Vec::new();
    read_into(n, true, style, &mut words);
    words.join(" ")
}

/// Reads `n` (non-zero) into `words`: tỷ blocks first, each read like a smaller number,
/// then the triệu, nghìn and unit groups. `leading` is true for the number's first group.
fn read_into(n: u128, leading: bool, style: WordsStyle, words: &mut Vec<String>) {
    const BILLION: u128 = 1_000_000_000;
    let (high, low) = (n / BILLION, n % BILLION);
    if high > 0 {
        read_into(high, leading, style, words);
        words.push("tỷ".to_string());
    }
    let mut first = leading && high == 0;
    for (group, scale) in [
        (low / 1_000_000, "triệu"),
        (low / 1_000 % 1_000, "nghìn"),
        (low % 1_000, ""),
    ] {
        if group == 0 {
            continue;
        }
        words.push(group_in_words(group as u16, first, style));
        if !scale.is_empty() {
            words.push(scale.to_string());
        }
        first = false;
    }
}

/// One group of three digits; the leading group reads without its leading zeros.
fn group_in_words(group: u16, leading: bool, style: WordsStyle) -> String {
    let hundreds = (group / 100) as usize;
    let tens = ((group / 10) % 10) as usize;
    let units = (group % 10) as usize;
    let mut words: Vec<&str> = Vec::new();
    let reads_hundreds = !leading || hundreds > 0;
    if reads_hundreds {
        words.push(DIGITS[hundreds]);
        words.push("trăm");
    }
    match tens {
        0 if units == 0 => {}
        0 if reads_hundreds => {
            words.push(match style.zero_tens {
                ZeroTens::Linh => "linh",
                ZeroTens::Le => "lẻ",
            });
            words.push(DIGITS[units]);
        }
        0 => words.push(DIGITS[units]),
        1 => {
            words.push("mười");
            match units {
                0 => {}
                5 => words.push("lăm"),
                u => words.push(DIGITS[u]),
            }
        }
        t => {
            words.push(DIGITS[t]);
            words.push("mươi");
            match units {
                0 => {}
                1 => words.push("mốt"),
                4 => words.push(match style.units_four {
                    UnitsFour::Tu => "tư",
                    UnitsFour::Bon => "bốn",
                }),
                5 => words.push("lăm"),
                u => words.push(DIGITS[u]),
            }
        }
    }
    words.join(" ")
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(n: u128) -> String {
        number_in_words(n, WordsStyle::default())
    }

    #[test]
    fn reference_examples() {
        assert_eq!(
            amount_in_words(Money::from_trieu(936), WordsStyle::default()),
            "Chín trăm ba mươi sáu triệu đồng"
        );
        assert_eq!(
            amount_in_words(Money::from_thousandths(150_500), WordsStyle::default()),
            "Một trăm năm mươi triệu năm trăm nghìn đồng"
        );
        assert_eq!(
            amount_in_words(Money::from_trieu(125), WordsStyle::default()),
            "Một trăm hai mươi lăm triệu đồng"
        );
        assert_eq!(
            amount_in_words(Money::ZERO, WordsStyle::default()),
            "Không đồng"
        );
        assert_eq!(read(10), "mười");
        assert_eq!(read(13), "mười ba");
        assert_eq!(read(20), "hai mươi");
        assert_eq!(read(105), "một trăm linh năm");
        assert_eq!(read(21), "hai mươi mốt");
        assert_eq!(read(11), "mười một");
        assert_eq!(read(101), "một trăm linh một");
        assert_eq!(read(24), "hai mươi tư");
        assert_eq!(read(15), "mười lăm");
        assert_eq!(read(25), "hai mươi lăm");
        assert_eq!(read(5_000), "năm nghìn");
        assert_eq!(read(1_050_000), "một triệu không trăm năm mươi nghìn");
        assert_eq!(read(2_001), "hai nghìn không trăm linh một");
        assert_eq!(read(1_000_500), "một triệu năm trăm");
        assert_eq!(read(1_000_000_001), "một tỷ không trăm linh một");
        assert_eq!(
            read(1_234_567),
            "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy"
        );
    }

    #[test]
    fn small_and_listed_numbers() {
        let cases = [
            (0, "không"),
            (1, "một"),
            (5, "năm"),
            (10, "mười"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (101, "một trăm linh một"),
            (104, "một trăm linh bốn"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (1_001, "một nghìn không trăm linh một"),
            (1_050_000, "một triệu không trăm năm mươi nghìn"),
            (1_000_000_001, "một tỷ không trăm linh một"),
            (1_000_000_000_000, "một nghìn tỷ"),
            (2_500_000_000_000, "hai nghìn năm trăm tỷ"),
            (1_000_000_000_000_000, "một triệu tỷ"),
            (3_000_005_000_000_000, "ba triệu không trăm linh năm tỷ"),
        ];
        for (n, words) in cases {
            assert_eq!(read(n), words, "{n}");
        }
    }

    #[test]
    fn style_settings() {
        let le = WordsStyle {
            zero_tens: ZeroTens::Le,
            ..WordsStyle::default()
        };
        assert_eq!(number_in_words(105, le), "một trăm lẻ năm");
        let bon = WordsStyle {
            units_four: UnitsFour::Bon,
            ..WordsStyle::default()
        };
        assert_eq!(number_in_words(24, bon), "hai mươi bốn");
        assert_eq!(number_in_words(14, bon), "mười bốn");
    }

    #[test]
    fn decimals_in_trieu_dong() {
        let style = WordsStyle::default();
        let words = |s: &str| amount_in_words(Money::parse(s).unwrap(), style);
        assert_eq!(words("12,5"), "Mười hai triệu năm trăm nghìn đồng");
        assert_eq!(words("0,001"), "Một nghìn đồng");
        assert_eq!(words("0,025"), "Hai mươi lăm nghìn đồng");
        assert_eq!(
            words("1.001,05"),
            "Một tỷ không trăm linh một triệu không trăm năm mươi nghìn đồng"
        );
        assert_eq!(words("1"), "Một triệu đồng");
        assert_eq!(words("1.000"), "Một tỷ đồng");
    }
}
