//! Budgets in triệu đồng, as exact decimals.
//!
//! A [`Money`] counts thousandths of a triệu đồng (that is, nghìn đồng), so every amount a
//! plan can hold is exact: 0,1 + 0,2 is 0,3. Input follows Vietnamese writing: "." groups
//! thousands and "," marks decimals ("1.600", "12,5").
//!
//!
//! Every way in is capped at [`Money::MAX_INPUT`] per amount (typing, plan and template
//! files), and sums are checked ([`Money::checked_add`], [`Money::checked_sum`]): a total
//! that would not fit is a [`MoneyError::TotalTooLarge`], never a wrapped number or a panic.
//! There is deliberately no `+` on money.
//!
//! ```
//! use cchc_plan::domain::money::Money;
//! let a = Money::parse("0,1").unwrap().checked_add(Money::parse("0,2").unwrap());
//! assert_eq!(a, Ok(Money::parse("0,3").unwrap()));
//! assert_eq!(Money::parse("1.600,5").unwrap().to_string(), "1.600,5");
//! ```

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Thousandths in one triệu đồng.
const SCALE: i64 = 1_000;
/// The largest amount one field accepts: one million triệu đồng (a thousand tỷ).
const MAX_INPUT_TRIEU: i64 = 1_000_000;

/// An exact amount in triệu đồng, counted in thousandths (nghìn đồng).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money {
    thousandths: i64,
}

/// Why a budget text was refused; [`fmt::Display`] gives the Vietnamese message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoneyError {
    Negative,
    NotANumber,
    TooManyDecimals,
    AmbiguousSeparators,
    TooLarge,
    /// A sum of amounts past what a [`Money`] can count (about 9,2 tỷ triệu đồng).
    TotalTooLarge,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MoneyError::Negative => "Kinh phí không được âm.",
            MoneyError::NotANumber => "Kinh phí phải là số, ví dụ 936 hoặc 12,5.",
            MoneyError::TooManyDecimals => "Kinh phí có tối đa 3 chữ số thập phân (đơn vị triệu đồng).",
            MoneyError::AmbiguousSeparators => {
                "Số không rõ nghĩa: dùng dấu chấm để phân nhóm nghìn (1.600) và dấu phẩy cho phần thập phân (12,5)."
            }
            MoneyError::TooLarge => "Kinh phí quá lớn (tối đa 1.000.000 triệu đồng mỗi nhiệm vụ).",
            MoneyError::TotalTooLarge => {
                "Tổng kinh phí quá lớn, không cộng được: hãy kiểm tra lại kinh phí các nhiệm vụ (tối đa 1.000.000 triệu đồng mỗi nhiệm vụ)."
            }
        })
    }
}

impl std::error::Error for MoneyError {}

impl Money {
    pub const ZERO: Money = Money { thousandths: 0 };
    /// The largest amount one field accepts, from typing or from a file: one million
    /// triệu đồng (a thousand tỷ).
    pub const MAX_INPUT: Money = Money::from_trieu(MAX_INPUT_TRIEU);

    /// An amount of whole triệu đồng (for amounts the code itself writes; input from outside
    /// goes through [`Money::parse`] or [`Money::read_plain`], which cap it).
    pub const fn from_trieu(trieu: i64) -> Money {
        Money {
            thousandths: trieu * SCALE,
        }
    }

    /// An amount given in thousandths of a triệu đồng (nghìn đồng).
    pub const fn from_thousandths(thousandths: i64) -> Money {
        Money { thousandths }
    }

    pub const fn thousandths(self) -> i64 {
        self.thousandths
    }

    pub const fn is_zero(self) -> bool {
        self.thousandths == 0
    }

    /// The amount in đồng, for reading it out in words.
    pub fn to_dong(self) -> i128 {
        i128::from(self.thousandths) * 1_000
    }

    /// The amount as an `f64` of triệu đồng, for a spreadsheet cell (display only).
    pub fn to_f64(self) -> f64 {
        self.thousandths as f64 / SCALE as f64
    }

    /// Parses a budget as a drafter types it: "936", "1.600", "12,5", "1.600,25".
    ///
    /// Refuses negative numbers, more than three decimals, separators whose meaning is
    /// unclear ("12.5", "12.5.3") and amounts over one million triệu đồng.
    ///
    /// # Errors
    /// [`MoneyError`] saying which of those rules the text breaks.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if text.is_empty() {
            return Err(MoneyError::NotANumber);
        }
        if text.starts_with('-') || text.starts_with('−') {
            return Err(MoneyError::Negative);
        }
        if !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return Err(MoneyError::NotANumber);
        }
        let (int_part, frac_part) = match text.split_once(',') {
            Some((i, f)) => (i, Some(f)),
            None => (text.as_str(), None),
        };
        if let Some(frac) = frac_part {
            if frac.contains(',') || frac.contains('.') {
                return Err(MoneyError::AmbiguousSeparators);
            }
            if frac.is_empty() {
                return Err(MoneyError::NotANumber);
            }
            if frac.len() > 3 {
                return Err(MoneyError::TooManyDecimals);
            }
        }
        let digits = integer_digits(int_part)?;
        if digits.is_empty() {
            return Err(MoneyError::NotANumber);
        }
        let digits = digits.trim_start_matches('0');
        if digits.len() > 7 {
            return Err(MoneyError::TooLarge);
        }
        let whole: i64 = if digits.is_empty() {
            0
        } else {
            digits.parse().map_err(|_| MoneyError::NotANumber)?
        };
        let frac: i64 = match frac_part {
            Some(f) => format!("{f:0<3}")
                .parse()
                .map_err(|_| MoneyError::NotANumber)?,
            None => 0,
        };
        let money = Money {
            thousandths: whole * SCALE + frac,
        };
        if money.thousandths > MAX_INPUT_TRIEU * SCALE {
            return Err(MoneyError::TooLarge);
        }
        Ok(money)
    }

    /// Parses an optional budget: blank text clears it.
    ///
    /// # Errors
    /// As [`Money::parse`], for text that is not blank.
    pub fn parse_optional(text: &str) -> Result<Option<Money>, MoneyError> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            Money::parse(text).map(Some)
        }
    }

    /// The machine form used in files: "1600", "12.5" (no grouping, "." for decimals).
    pub fn to_plain(self) -> String {
        let whole = self.thousandths / SCALE;
        let frac = (self.thousandths % SCALE).abs();
        if frac == 0 {
            whole.to_string()
        } else {
            let f = format!("{frac:03}");
            format!("{whole}.{}", f.trim_end_matches('0'))
        }
    }

    /// Reads the machine form written by [`Money::to_plain`]; `None` where
    /// [`Money::read_plain`] gives an error.
    pub fn from_plain(text: &str) -> Option<Money> {
        Money::read_plain(text).ok()
    }

    /// Reads the machine form written by [`Money::to_plain`] ("1600", "12.5"), as plan and
    /// template files carry it.
    ///
    /// # Errors
    /// [`MoneyError::NotANumber`] for anything but digits with at most one "." and three
    /// decimals after it, [`MoneyError::TooLarge`] past [`Money::MAX_INPUT`]: a file may
    /// hold no more than a drafter may type.
    pub fn read_plain(text: &str) -> Result<Money, MoneyError> {
        let (whole, frac) = match text.split_once('.') {
            Some((w, f)) => (w, f),
            None => (text, ""),
        };
        if whole.is_empty()
            || whole.len() > 15
            || frac.len() > 3
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || (text.contains('.') && frac.is_empty())
        {
            return Err(MoneyError::NotANumber);
        }
        let whole: i64 = whole.parse().map_err(|_| MoneyError::NotANumber)?;
        let frac: i64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<3}")
                .parse()
                .map_err(|_| MoneyError::NotANumber)?
        };
        // At most 15 digits before the point: whole * SCALE + frac fits an i64.
        let money = Money {
            thousandths: whole * SCALE + frac,
        };
        if money > Money::MAX_INPUT {
            return Err(MoneyError::TooLarge);
        }
        Ok(money)
    }

    /// The sum of two amounts.
    ///
    /// # Errors
    /// [`MoneyError::TotalTooLarge`] when the sum does not fit.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.thousandths
            .checked_add(other.thousandths)
            .map(Money::from_thousandths)
            .ok_or(MoneyError::TotalTooLarge)
    }

    /// The sum of amounts.
    ///
    /// # Errors
    /// [`MoneyError::TotalTooLarge`] when a partial sum does not fit.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Money>) -> Result<Money, MoneyError> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, |sum, amount| sum.checked_add(amount))
    }
}

/// The digits of an integer part, checking that "." groups thousands properly.
fn integer_digits(int_part: &str) -> Result<String, MoneyError> {
    if !int_part.contains('.') {
        return Ok(int_part.to_string());
    }
    let groups: Vec<&str> = int_part.split('.').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    if !first_ok || !rest_ok {
        return Err(MoneyError::AmbiguousSeparators);
    }
    Ok(groups.concat())
}

/// Vietnamese display: "1.600", "12,5", "0,125".
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let negative = self.thousandths < 0;
        let abs = self.thousandths.unsigned_abs();
        let whole = abs / SCALE as u64;
        let frac = abs % SCALE as u64;
        if negative {
            f.write_str("-")?;
        }
        f.write_str(&group_thousands(whole))?;
        if frac != 0 {
            let digits = format!("{frac:03}");
            write!(f, ",{}", digits.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

/// Writes an integer with "." between groups of three digits: 1234567 → "1.234.567".
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Files carry money as a string in machine form ("12.5"), never as a binary float.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_plain())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        let text = String::deserialize(deserializer)?;
        Money::read_plain(&text).map_err(|error| {
            serde::de::Error::custom(match error {
                MoneyError::TooLarge => format!(
                    "kinh phí \"{text}\" quá lớn (tối đa 1.000.000 triệu đồng mỗi nhiệm vụ)"
                ),
                _ => format!("kinh phí \"{text}\" không hợp lệ (dạng đúng: \"936\" hoặc \"12.5\")"),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn decimal_sums_are_exact() {
        assert_eq!(m("0,1").checked_add(m("0,2")), Ok(m("0,3")));
        assert_eq!(m("0,1").checked_add(m("0,2")).unwrap().to_string(), "0,3");
        let tenths = Money::checked_sum(std::iter::repeat_n(m("0,1"), 10));
        assert_eq!(tenths, Ok(Money::from_trieu(1)));
    }

    #[test]
    fn sums_that_do_not_fit_are_errors() {
        let big = Money::from_thousandths(i64::MAX / 4);
        assert_eq!(
            Money::checked_sum(std::iter::repeat_n(big, 10)),
            Err(MoneyError::TotalTooLarge)
        );
        assert_eq!(
            big.checked_add(Money::from_thousandths(i64::MAX)),
            Err(MoneyError::TotalTooLarge)
        );
        assert!(MoneyError::TotalTooLarge
            .to_string()
            .starts_with("Tổng kinh phí quá lớn"));
    }

    #[test]
    fn files_are_capped_as_typing_is() {
        assert_eq!(Money::read_plain("1000000"), Ok(Money::MAX_INPUT));
        assert_eq!(Money::read_plain("1000000.001"), Err(MoneyError::TooLarge));
        assert_eq!(
            Money::read_plain("999999999999999"),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(Money::from_plain("1000001"), None);
        let error = serde_json::from_str::<Money>("\"999999999999999\"").unwrap_err();
        assert!(error.to_string().contains("quá lớn"), "{error}");
        assert_eq!(Money::parse("1.000.000"), Ok(Money::MAX_INPUT));
    }

    #[test]
    fn parses_vietnamese_forms() {
        assert_eq!(m("936"), Money::from_trieu(936));
        assert_eq!(m("1.600"), Money::from_trieu(1600));
        assert_eq!(m("12,5"), Money::from_thousandths(12_500));
        assert_eq!(m("1.600,25"), Money::from_thousandths(1_600_250));
        assert_eq!(m(" 1 600 "), Money::from_trieu(1600));
        assert_eq!(m("0,125"), Money::from_thousandths(125));
        assert_eq!(m("1.000.000"), Money::from_trieu(1_000_000));
        assert_eq!(m("007"), Money::from_trieu(7));
    }

    #[test]
    fn refuses_unclear_or_invalid_input() {
        assert_eq!(Money::parse("12.5.3"), Err(MoneyError::AmbiguousSeparators));
        assert_eq!(Money::parse("12.5"), Err(MoneyError::AmbiguousSeparators));
        assert_eq!(Money::parse("1.60"), Err(MoneyError::AmbiguousSeparators));
        assert_eq!(Money::parse("1,2,3"), Err(MoneyError::AmbiguousSeparators));
        assert_eq!(Money::parse("-4"), Err(MoneyError::Negative));
        assert_eq!(Money::parse("abc"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("12a"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse(""), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse(","), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("12,"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1,2345"), Err(MoneyError::TooManyDecimals));
        assert_eq!(Money::parse("1.000.001"), Err(MoneyError::TooLarge));
        assert_eq!(
            Money::parse("99999999999999999999999"),
            Err(MoneyError::TooLarge)
        );
        assert!(MoneyError::NotANumber.to_string().contains("phải là số"));
    }

    #[test]
    fn optional_blank_clears() {
        assert_eq!(Money::parse_optional("  "), Ok(None));
        assert_eq!(Money::parse_optional("5"), Ok(Some(Money::from_trieu(5))));
        assert!(Money::parse_optional("x").is_err());
    }

    #[test]
    fn displays_with_vietnamese_grouping() {
        assert_eq!(Money::from_trieu(936).to_string(), "936");
        assert_eq!(Money::from_trieu(1_234_567).to_string(), "1.234.567");
        assert_eq!(Money::from_thousandths(150_500).to_string(), "150,5");
        assert_eq!(Money::ZERO.to_string(), "0");
        assert_eq!(group_thousands(1000), "1.000");
        assert_eq!(group_thousands(100), "100");
    }

    #[test]
    fn plain_form_round_trips() {
        for s in ["0", "936", "12.5", "0.125", "1600.25"] {
            assert_eq!(Money::from_plain(s).unwrap().to_plain(), s);
        }
        for bad in ["", "1.", ".5", "1,5", "-3", "1.2345", "x"] {
            assert!(Money::from_plain(bad).is_none(), "{bad}");
        }
        let json = serde_json::to_string(&Money::from_thousandths(12_500)).unwrap();
        assert_eq!(json, "\"12.5\"");
        let back: Money = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Money::from_thousandths(12_500));
    }
}
