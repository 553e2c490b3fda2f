//! A calendar day, as the progress of a plan needs it: written "15/12/2026" or "2026-12-15",
//! compared, and the last day of a month. Nothing else of a date library is needed (no time
//! of day, zones or arithmetic beyond a month's length), so no date crate enters the app's
//! wasm for it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A day of the Gregorian calendar. Ordered by year, month, day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    year: i32,
    month: u8,
    day: u8,
}

impl Day {
    /// The day, if it exists.
    ///
    /// ```
    /// use cchc_plan::domain::progress::Day;
    /// assert!(Day::new(2028, 2, 29).is_some());
    /// assert!(Day::new(2027, 2, 29).is_none());
    /// ```
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
        (1..=12).contains(&month).then_some(())?;
        (1..=days_in_month(year, month))
            .contains(&day)
            .then_some(Day { year, month, day })
    }

    /// The last day of a month (`month` in 1..=12, else December).
    pub fn end_of_month(year: i32, month: u8) -> Day {
        let month = if (1..=12).contains(&month) { month } else { 12 };
        Day {
            year,
            month,
            day: days_in_month(year, month),
        }
    }

    /// The day, or the last day of the month when `day` is past it (31/4 is 30/4).
    pub fn clamped(year: i32, month: u8, day: u8) -> Day {
        let end = Day::end_of_month(year, month);
        Day {
            day: day.clamp(1, end.day),
            ..end
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// The next day.
    pub fn next(self) -> Day {
        if self.day < days_in_month(self.year, self.month) {
            Day {
                day: self.day + 1,
                ..self
            }
        } else if self.month < 12 {
            Day {
                month: self.month + 1,
                day: 1,
                ..self
            }
        } else {
            Day {
                year: self.year + 1,
                month: 1,
                day: 1,
            }
        }
    }

    /// Reads "15/12/2026", "15-12-2026", "15.12.2026" (as drafters write) or "2026-12-15" (as
    /// a date field and files give it).
    ///
    /// ```
    /// use cchc_plan::domain::progress::Day;
    /// assert_eq!(Day::parse("5/3/2027"), Day::new(2027, 3, 5));
    /// assert_eq!(Day::parse("2027-03-05"), Day::new(2027, 3, 5));
    /// assert_eq!(Day::parse("31/02/2027"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Day> {
        let parts: Vec<&str> = text.trim().split(['/', '-', '.']).collect();
        let [a, b, c] = parts.as_slice() else {
            return None;
        };
        let number = |s: &str| -> Option<i32> {
            (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (year, month, day) = if a.len() == 4 {
            (number(a)?, number(b)?, number(c)?)
        } else {
            (number(c)?, number(b)?, number(a)?)
        };
        if !(1000..=9999).contains(&year) {
            return None;
        }
        Day::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }

    /// "2026-12-15": how files store it.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// "15/12/2026": how drafters read it.
impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{}", self.day, self.month, self.year)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        let text = String::deserialize(deserializer)?;
        Day::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a day: {text:?}")))
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}
