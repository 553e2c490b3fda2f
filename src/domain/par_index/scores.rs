//! A province's PAR INDEX scores for one year: points achieved per area and per criterion
//! or component criterion, as the Bộ Nội vụ published them, read from editable JSON data
//! (`data/par_index/scores_*.json`) and checked against their criteria set.
//!
//! Seed 001's 2023 scores of Hưng Yên are built in as an example. What the scores mean for
//! a plan is `analysis.rs`.

use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::criteria::CriteriaSet;
use super::envelope::{self, Kind};
use super::points::Points;

/// The `format` tag of a scores file.
pub const SCORES_FORMAT: &str = "cchc-par-index-scores";
/// The newest scores file version this build reads.
pub const SCORES_VERSION: u32 = 1;

const KIND: Kind = Kind {
    format: SCORES_FORMAT,
    version: SCORES_VERSION,
    what: "điểm Chỉ số CCHC",
};

/// Hưng Yên's 2023 scores as seed 001 reports them.
const HUNG_YEN_2023: &str = include_str!("../../../data/par_index/scores_hung_yen_2023.json");

/// A province's scores for a year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// The id of the [`CriteriaSet`] the codes belong to: "876-2022".
    pub criteria_set: String,
    pub province: String,
    pub year: i32,
    /// The province's place in the ranking, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<Rank>,
    /// Where the scores come from.
    pub source: String,
    /// Whether every scored item is listed. Plans like seed 001 list only what lost points:
    /// an item missing from incomplete scores is unknown, not full marks.
    #[serde(default)]
    pub complete: bool,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Points per area ("3").
    #[serde(default)]
    pub areas: Vec<Score>,
    /// Points per criterion or component criterion ("5.6", "3.2.1").
    #[serde(default)]
    pub criteria: Vec<Score>,
}

/// A place in the ranking: 26 of 63.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rank {
    pub place: u32,
    pub of: u32,
}

/// The points of one item: achieved out of the maximum ("0/0,5").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    /// "3", "5.6", "3.2.1".
    pub code: String,
    /// The points reached.
    pub achieved: Points,
    /// The maximum as the source states it; when absent, the criteria set's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Points>,
}

impl Score {
    /// The maximum: the score's own, else the criteria set's.
    pub fn max_in(&self, set: &CriteriaSet) -> Option<Points> {
        self.max
            .or_else(|| set.find(&self.code).and_then(|e| e.max))
    }

    /// The points lost ("chưa đạt"): maximum minus achieved, when the maximum is known.
    pub fn lost_in(&self, set: &CriteriaSet) -> Option<Points> {
        self.max_in(set)
            .map(|max| max.saturating_sub(self.achieved))
    }

    /// The score as written: "0/0,5", or "0,5" when the maximum is unknown.
    pub fn written(&self, set: &CriteriaSet) -> String {
        match self.max_in(set) {
            Some(max) => format!("{}/{max}", self.achieved),
            None => self.achieved.to_string(),
        }
    }
}

/// Something wrong in scores read against a criteria set; [`fmt::Display`] gives it in
/// Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScoreProblem {
    /// The scores are of another criteria set.
    OtherSet {
        scores: String,
        set: String,
    },
    /// A code the criteria set does not have (or of the wrong level: an area among criteria).
    UnknownCode(String),
    DuplicateCode(String),
    /// More points than the maximum.
    AboveMax {
        code: String,
    },
    /// A maximum other than the criteria set's.
    OtherMax {
        code: String,
        stated: Points,
        set: Points,
    },
}

impl fmt::Display for ScoreProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScoreProblem::OtherSet { scores, set } => {
                write!(f, "điểm theo bộ tiêu chí “{scores}”, không phải “{set}”")
            }
            ScoreProblem::UnknownCode(code) => {
                write!(f, "bộ tiêu chí không có mã “{code}”")
            }
            ScoreProblem::DuplicateCode(code) => write!(f, "mã “{code}” có hai điểm"),
            ScoreProblem::AboveMax { code } => {
                write!(f, "điểm của “{code}” lớn hơn điểm tối đa")
            }
            ScoreProblem::OtherMax { code, stated, set } => write!(
                f,
                "điểm tối đa của “{code}” ghi {stated}, bộ tiêu chí ghi {set}"
            ),
        }
    }
}

impl Scores {
    /// The scores built in: Hưng Yên 2023 (seed 001).
    pub fn builtin() -> &'static [Scores] {
        static SCORES: OnceLock<Vec<Scores>> = OnceLock::new();
        SCORES.get_or_init(|| {
            let scores = Scores::from_json(HUNG_YEN_2023)
                .unwrap_or_else(|e| panic!("data/par_index/scores_hung_yen_2023.json: {e}"));
            vec![scores]
        })
    }

    /// The built-in scores of a province for a year, if any (province compared as written).
    ///
    /// ```
    /// use cchc_plan::domain::par_index::{CriteriaSet, Scores};
    /// let scores = Scores::find_builtin("Hưng Yên", 2023).unwrap();
    /// let score = scores.score("3.2.1").unwrap();
    /// assert_eq!(score.written(CriteriaSet::builtin()), "0/0,5");
    /// ```
    pub fn find_builtin(province: &str, year: i32) -> Option<&'static Scores> {
        Scores::builtin()
            .iter()
            .find(|s| s.province == province && s.year == year)
    }

    /// Reads a scores file. Its codes are checked against a criteria set by
    /// [`Scores::problems`], not here.
    ///
    /// # Errors
    /// A Vietnamese message: not JSON, not a scores file, a newer version, a field of the
    /// wrong type.
    pub fn from_json(text: &str) -> Result<Scores, String> {
        envelope::read(text, &KIND)
    }

    /// Writes the scores as a scores file (pretty-printed JSON).
    pub fn to_json(&self) -> String {
        envelope::write(self, &KIND)
    }

    /// The score of a criterion or component criterion.
    pub fn score(&self, code: &str) -> Option<&Score> {
        self.criteria.iter().find(|s| s.code == code)
    }

    /// The score of an area.
    pub fn area_score(&self, code: &str) -> Option<&Score> {
        self.areas.iter().find(|s| s.code == code)
    }

    /// Empty scores of a province for a year, against `set`, to be filled in by hand.
    pub fn blank(set: &CriteriaSet, province: &str, year: i32) -> Scores {
        Scores {
            criteria_set: set.id.clone(),
            province: province.to_string(),
            year,
            rank: None,
            source: "Nhập trong ứng dụng".to_string(),
            complete: false,
            notes: Vec::new(),
            areas: Vec::new(),
            criteria: Vec::new(),
        }
    }

    /// Sets the points reached by an area ("3") or a criterion ("3.2.1"), or forgets them
    /// (`None`), in the criteria set's order; the maximum is the criteria set's.
    ///
    /// ```
    /// use cchc_plan::domain::par_index::{CriteriaSet, Points, Scores};
    /// let set = CriteriaSet::builtin();
    /// let mut scores = Scores::blank(set, "Đắk Nông", 2020);
    /// scores.set_achieved(set, "3.2.1", Points::parse("0"));
    /// assert_eq!(scores.score("3.2.1").unwrap().written(set), "0/0,5");
    /// scores.set_achieved(set, "3.2.1", None);
    /// assert!(scores.score("3.2.1").is_none());
    /// ```
    pub fn set_achieved(&mut self, set: &CriteriaSet, code: &str, achieved: Option<Points>) {
        let list = if code.contains('.') {
            &mut self.criteria
        } else {
            &mut self.areas
        };
        match (list.iter().position(|s| s.code == code), achieved) {
            (Some(i), Some(points)) => list[i].achieved = points,
            (Some(i), None) => {
                list.remove(i);
            }
            (None, Some(points)) => {
                list.push(Score {
                    code: code.to_string(),
                    achieved: points,
                    max: None,
                });
                let order: Vec<&str> = set.entries().map(|e| e.code).collect();
                let rank = |code: &str| order.iter().position(|c| *c == code).unwrap_or(usize::MAX);
                list.sort_by_key(|s| rank(&s.code));
            }
            (None, None) => {}
        }
    }

    /// "Hưng Yên năm 2023 (xếp hạng 26/63)".
    pub fn label(&self) -> String {
        match &self.rank {
            Some(rank) => format!(
                "{} năm {} (xếp hạng {}/{})",
                self.province, self.year, rank.place, rank.of
            ),
            None => format!("{} năm {}", self.province, self.year),
        }
    }

    /// The file name a scores table is saved under: "Diem-Chi-so-CCHC-Hung-Yen-2023.json".
    pub fn file_name(&self) -> String {
        match crate::domain::text::file_slug(&self.province) {
            province if province.is_empty() => format!("Diem-Chi-so-CCHC-{}.json", self.year),
            province => format!("Diem-Chi-so-CCHC-{province}-{}.json", self.year),
        }
    }

    /// Everything wrong with the scores against `set`: another set, codes it does not have
    /// at that level, codes scored twice, points above the maximum, maxima other than the
    /// set's. Empty when the scores fit the set.
    pub fn problems(&self, set: &CriteriaSet) -> Vec<ScoreProblem> {
        let mut out = Vec::new();
        if self.criteria_set != set.id {
            out.push(ScoreProblem::OtherSet {
                scores: self.criteria_set.clone(),
                set: set.id.clone(),
            });
        }
        let mut seen = HashSet::new();
        for (is_area, score) in self
            .areas
            .iter()
            .map(|s| (true, s))
            .chain(self.criteria.iter().map(|s| (false, s)))
        {
            let entry = set
                .find(&score.code)
                .filter(|e| (e.level == super::criteria::Level::Area) == is_area);
            let Some(entry) = entry else {
                out.push(ScoreProblem::UnknownCode(score.code.clone()));
                continue;
            };
            if !seen.insert(score.code.as_str()) {
                out.push(ScoreProblem::DuplicateCode(score.code.clone()));
            }
            if let (Some(stated), Some(in_set)) = (score.max, entry.max) {
                if stated != in_set {
                    out.push(ScoreProblem::OtherMax {
                        code: score.code.clone(),
                        stated,
                        set: in_set,
                    });
                }
            }
            if score.max_in(set).is_some_and(|max| score.achieved > max) {
                out.push(ScoreProblem::AboveMax {
                    code: score.code.clone(),
                });
            }
        }
        out
    }
}
