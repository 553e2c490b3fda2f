//! The reporting periods of the CCHC reports and their cut-off days.
//!
//! The Bộ Nội vụ asks each province for reports for Quý I, 6 tháng, Quý III and the year
//! (581/BNV-CCHC): the data run from 15/12 of the year before to 14/3, 14/6, 14/9 and 14/12,
//! and each report is sent by the 20th of the period's last month. Those are the defaults of
//! [`ReportingRules`]; a province whose regime differs edits them (they are settings).

use serde::{Deserialize, Serialize};

use super::Day;

/// A reporting period of a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportPeriod {
    /// "Quý I".
    Q1,
    /// "6 tháng".
    SixMonths,
    /// "Quý III" (nine months).
    Q3,
    /// "Năm".
    Year,
}

impl ReportPeriod {
    pub const ALL: [ReportPeriod; 4] = [
        ReportPeriod::Q1,
        ReportPeriod::SixMonths,
        ReportPeriod::Q3,
        ReportPeriod::Year,
    ];

    /// As report titles say it: "Quý I", "6 tháng", "Quý III", "năm".
    pub fn label(self) -> &'static str {
        match self {
            ReportPeriod::Q1 => "Quý I",
            ReportPeriod::SixMonths => "6 tháng",
            ReportPeriod::Q3 => "Quý III",
            ReportPeriod::Year => "năm",
        }
    }

    /// As a choice among the periods names it: "Quý I", "6 tháng", "Quý III", "Cả năm".
    pub fn choice(self) -> &'static str {
        match self {
            ReportPeriod::Year => "Cả năm",
            other => other.label(),
        }
    }

    /// Reads a [`ReportPeriod::code`] (and "h1", "nam", "y").
    pub fn from_code(code: &str) -> Option<ReportPeriod> {
        match code.trim().to_ascii_lowercase().as_str() {
            "q1" => Some(ReportPeriod::Q1),
            "6m" | "h1" => Some(ReportPeriod::SixMonths),
            "q3" => Some(ReportPeriod::Q3),
            "year" | "nam" | "y" => Some(ReportPeriod::Year),
            _ => None,
        }
    }

    /// The command line's, file names' and forms' code: q1, 6m, q3, year (what
    /// [`ReportPeriod::from_code`] reads).
    ///
    /// ```
    /// use cchc_plan::domain::progress::ReportPeriod;
    /// for period in ReportPeriod::ALL {
    ///     assert_eq!(ReportPeriod::from_code(period.code()), Some(period));
    /// }
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            ReportPeriod::Q1 => "q1",
            ReportPeriod::SixMonths => "6m",
            ReportPeriod::Q3 => "q3",
            ReportPeriod::Year => "year",
        }
    }

    fn index(self) -> usize {
        match self {
            ReportPeriod::Q1 => 0,
            ReportPeriod::SixMonths => 1,
            ReportPeriod::Q3 => 2,
            ReportPeriod::Year => 3,
        }
    }

    /// The period after this one, in the same year (none after the year's report).
    pub fn next(self) -> Option<ReportPeriod> {
        ReportPeriod::ALL.get(self.index() + 1).copied()
    }
}

/// A (day, month) of the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayOfYear {
    pub day: u8,
    pub month: u8,
}

impl DayOfYear {
    /// Reads "14/3" or "14/03" (a day that some year has: 29/2 is one).
    ///
    /// ```
    /// use cchc_plan::domain::progress::DayOfYear;
    /// assert_eq!(DayOfYear::parse("14/03"), Some(DayOfYear { day: 14, month: 3 }));
    /// assert_eq!(DayOfYear::parse("29/2"), Some(DayOfYear { day: 29, month: 2 }));
    /// assert_eq!(DayOfYear::parse("31/4"), None);
    /// assert_eq!(DayOfYear::parse("abc"), None);
    /// ```
    pub fn parse(text: &str) -> Option<DayOfYear> {
        let (day, month) = text.trim().split_once(['/', '-', '.'])?;
        let day: u8 = day.trim().parse().ok()?;
        let month: u8 = month.trim().parse().ok()?;
        // A leap year: every day of the year exists in it.
        super::Day::new(2028, month, day)?;
        Some(DayOfYear { day, month })
    }
}

/// "14/3".
impl std::fmt::Display for DayOfYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.day, self.month)
    }
}

/// When the reporting year starts and where each period is cut off: settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportingRules {
    /// The first day of data, in the year before the report's year (15/12).
    pub starts: DayOfYear,
    /// The last day of data of Quý I, 6 tháng, Quý III and the year (14/3, 14/6, 14/9, 14/12).
    pub cut_offs: [DayOfYear; 4],
    /// Reports are sent by this day of the period's last month (20).
    pub send_by: u8,
}

impl Default for ReportingRules {
    fn default() -> ReportingRules {
        let d = |day, month| DayOfYear { day, month };
        ReportingRules {
            starts: d(15, 12),
            cut_offs: [d(14, 3), d(14, 6), d(14, 9), d(14, 12)],
            send_by: 20,
        }
    }
}

/// The days a report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodRange {
    /// The first day of data (15/12 of the year before).
    pub from: Day,
    /// The cut-off day (14/3, ...).
    pub to: Day,
    /// The day the report is due (20/3, ...).
    pub send_by: Day,
}

impl ReportingRules {
    /// The days the report of `period` of `year` covers: cumulative from the start of the
    /// reporting year, which begins in the year before.
    ///
    /// ```
    /// use cchc_plan::domain::progress::{Day, ReportPeriod, ReportingRules};
    /// let rules = ReportingRules::default();
    /// let q1 = rules.range(ReportPeriod::Q1, 2027);
    /// assert_eq!((q1.from, q1.to, q1.send_by), (
    ///     Day::new(2026, 12, 15).unwrap(), Day::new(2027, 3, 14).unwrap(), Day::new(2027, 3, 20).unwrap()));
    /// ```
    pub fn range(&self, period: ReportPeriod, year: i32) -> PeriodRange {
        let cut = self.cut_offs[period.index()];
        // A start in the second half of the year (15/12) belongs to the year before; one in
        // the first half (a province counting from 1/1) to the report's own year.
        let start_year = if self.starts.month > 6 {
            year - 1
        } else {
            year
        };
        PeriodRange {
            from: Day::clamped(start_year, self.starts.month, self.starts.day),
            to: Day::clamped(year, cut.month, cut.day),
            send_by: Day::clamped(year, cut.month, self.send_by),
        }
    }

    /// The days after `period`'s cut-off up to the next period's: what is due next. After
    /// the year's report, the next year's Quý I.
    pub fn next_range(&self, period: ReportPeriod, year: i32) -> PeriodRange {
        let this = self.range(period, year);
        let next = match period.next() {
            Some(next) => self.range(next, year),
            None => self.range(ReportPeriod::Q1, year + 1),
        };
        PeriodRange {
            from: this.to.next(),
            ..next
        }
    }
}
