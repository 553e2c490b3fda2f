//! Points of the PAR INDEX, as exact decimals: the Bộ Nội vụ scores to four decimals
//! ("0,9947/1"), written with a decimal comma.
//!
//! It only reads, writes and subtracts points; what a score means is for the other files.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Ten-thousandths in one point.
const SCALE: i64 = 10_000;
/// The most points any item may carry (the whole index is scored out of 100).
const MAX_POINTS: i64 = 1_000;

/// An exact number of points, counted in ten-thousandths.
///
/// ```
/// use cchc_plan::domain::par_index::Points;
/// let max = Points::parse("1,5").unwrap();
/// let got = Points::parse("1,4976").unwrap();
/// assert_eq!(max.saturating_sub(got).to_string(), "0,0024");
/// assert_eq!(Points::parse("13").unwrap().to_string(), "13");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points {
    ten_thousandths: i64,
}

impl Points {
    /// No points.
    pub const ZERO: Points = Points { ten_thousandths: 0 };

    /// Points given in ten-thousandths.
    pub const fn from_ten_thousandths(n: i64) -> Points {
        Points { ten_thousandths: n }
    }

    /// The points in ten-thousandths.
    pub fn ten_thousandths(self) -> i64 {
        self.ten_thousandths
    }

    /// Reads points as written: "0,5", "11,9888", "13" (a point is accepted for the comma).
    /// Up to four decimals, at most 1.000 points, never negative.
    pub fn parse(text: &str) -> Option<Points> {
        let text = text.trim();
        let (whole, fraction) = match text.find([',', '.']) {
            Some(at) => (&text[..at], &text[at + 1..]),
            None => (text, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || whole.len() > 4 || !digits(whole) {
            return None;
        }
        if fraction.len() > 4
            || !digits(fraction)
            || (text.len() > whole.len() && fraction.is_empty())
        {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let mut part: i64 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().ok()?
        };
        for _ in fraction.len()..4 {
            part *= 10;
        }
        let n = whole * SCALE + part;
        (n <= MAX_POINTS * SCALE).then_some(Points { ten_thousandths: n })
    }

    /// `self - other`, or zero when `other` is larger.
    pub fn saturating_sub(self, other: Points) -> Points {
        Points {
            ten_thousandths: (self.ten_thousandths - other.ten_thousandths).max(0),
        }
    }

    /// The sum of some points (they are capped at 1.000 each, so no sum of a criteria set
    /// can overflow).
    pub fn sum(points: impl IntoIterator<Item = Points>) -> Points {
        Points {
            ten_thousandths: points.into_iter().map(|p| p.ten_thousandths).sum(),
        }
    }

    /// Whether there are no points.
    pub fn is_zero(self) -> bool {
        self.ten_thousandths == 0
    }
}

impl fmt::Display for Points {
    /// Vietnamese writing: a decimal comma, no trailing zeros ("0,5", "1", "0,0053").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.ten_thousandths / SCALE;
        let part = self.ten_thousandths % SCALE;
        if part == 0 {
            return write!(f, "{whole}");
        }
        let decimals = format!("{part:04}");
        write!(f, "{whole},{}", decimals.trim_end_matches('0'))
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Points {
    /// A string as [`Points::parse`] reads it ("0,5"), or a JSON number (0.5).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Points, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Text(String),
            Number(f64),
        }
        let text = match Written::deserialize(deserializer)? {
            Written::Text(text) => text,
            Written::Number(n) => format!("{n}"),
        };
        Points::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "“{text}” không phải số điểm (ví dụ 0,5 hoặc 11,9888; tối đa 4 chữ số thập phân)"
            ))
        })
    }
}
