//! The criteria set of a PAR INDEX methodology: areas (lĩnh vực), criteria (tiêu chí) and
//! component criteria (tiêu chí thành phần), with codes, names and maximum points, read from
//! editable JSON data (`data/par_index/criteria_*.json`) and checked.
//!
//! It holds no province's scores (`scores.rs`) and knows no plan.

use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::envelope::{self, Kind};
use super::points::Points;
use crate::domain::template::AreaKey;

/// The `format` tag of a criteria file.
pub const CRITERIA_FORMAT: &str = "cchc-par-index-criteria";
/// The newest criteria file version this build reads.
pub const CRITERIA_VERSION: u32 = 1;

const KIND: Kind = Kind {
    format: CRITERIA_FORMAT,
    version: CRITERIA_VERSION,
    what: "bộ tiêu chí",
};

/// The criteria set of Quyết định 876/QĐ-BNV (2022-2030), as far as sources give it.
const BUILTIN_876: &str = include_str!("../../../data/par_index/criteria_876_2022.json");

/// A methodology's criteria set: its areas in order, each with its criteria.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriteriaSet {
    /// A stable id that score files refer to: "876-2022".
    pub id: String,
    /// "Bộ tiêu chí xác định Chỉ số cải cách hành chính cấp tỉnh".
    pub title: String,
    /// The decision that issued the methodology, as written.
    pub decision: String,
    /// The years the methodology scores.
    pub years: Years,
    /// The size of the full set as published, when known (the data may hold less).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Published>,
    /// What the data holds and lacks, and why (Vietnamese).
    #[serde(default)]
    pub notes: Vec<String>,
    /// The areas in the methodology's order.
    pub areas: Vec<Area>,
}

/// The first and last year a methodology scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Years {
    pub from: i32,
    pub to: i32,
}

/// How many items the published methodology has, and where that is said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// Lĩnh vực.
    pub areas: usize,
    /// Tiêu chí.
    pub criteria: usize,
    /// Tiêu chí thành phần.
    pub components: usize,
    /// Where the counts are published.
    pub source: String,
}

/// An area (lĩnh vực), coded "3".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Area {
    /// "3".
    pub code: String,
    /// "Cải cách thủ tục hành chính".
    pub name: String,
    /// The reform area of plans it corresponds to.
    pub area: AreaKey,
    /// The maximum points; `None` when no source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Points>,
    /// Where the name and points come from: "QĐ 876/QĐ-BNV", "Seed 001", ...
    pub source: String,
    /// Whether `criteria` lists every criterion of the area (then their maxima must add up
    /// to the area's).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub complete: bool,
    /// Its criteria, as far as the data has them.
    #[serde(default)]
    pub criteria: Vec<Criterion>,
}

/// A criterion ("3.2") or a component criterion ("3.2.1"): components have no components.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// "3.2" for a criterion, "3.2.1" for a component.
    pub code: String,
    /// Empty when no source gives it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The maximum points; `None` when no source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Points>,
    /// Where the name and points come from.
    pub source: String,
    /// Whether `components` lists every component of the criterion.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub complete: bool,
    /// Its components, as far as the data has them (none for a component).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Criterion>,
}

/// The level of an item of a criteria set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Area,
    Criterion,
    Component,
}

impl Level {
    /// The Vietnamese name of the level: "Lĩnh vực", "Tiêu chí", "Tiêu chí thành phần".
    pub fn label(self) -> &'static str {
        match self {
            Level::Area => "Lĩnh vực",
            Level::Criterion => "Tiêu chí",
            Level::Component => "Tiêu chí thành phần",
        }
    }
}

/// One item of a criteria set, at any level, as [`CriteriaSet::entries`] lists them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry<'a> {
    pub level: Level,
    pub code: &'a str,
    /// Empty when unknown.
    pub name: &'a str,
    pub max: Option<Points>,
    pub source: &'a str,
    /// The code of the area it belongs to (its own for an area).
    pub area: &'a str,
    /// Whether it has items below it.
    pub has_children: bool,
}

/// Something wrong in a criteria set; [`fmt::Display`] gives it in Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not numbers joined by dots, or not of its level's length ("3.2" as a component).
    BadCode(String),
    /// A code that does not start with its parent's: "4.1" under area 3.
    OutsideParent {
        code: String,
        parent: String,
    },
    DuplicateCode(String),
    /// The known maxima of the items below exceed the item's maximum.
    ChildrenExceed {
        code: String,
        children: Points,
        max: Points,
    },
    /// The item lists every child, all maxima known, and they do not add up to its own.
    ChildrenDiffer {
        code: String,
        children: Points,
        max: Points,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::BadCode(code) => write!(f, "mã “{code}” không hợp lệ"),
            Problem::OutsideParent { code, parent } => {
                write!(f, "mã “{code}” không thuộc mục “{parent}” chứa nó")
            }
            Problem::DuplicateCode(code) => write!(f, "mã “{code}” bị lặp"),
            Problem::ChildrenExceed {
                code,
                children,
                max,
            } => write!(
                f,
                "các mục con của “{code}” cộng được {children} điểm, quá điểm tối đa {max}"
            ),
            Problem::ChildrenDiffer {
                code,
                children,
                max,
            } => write!(
                f,
                "các mục con của “{code}” cộng được {children} điểm, khác điểm tối đa {max}"
            ),
        }
    }
}

/// Whether `code` is `depth` numbers joined by dots ("3.2.1" has depth 3).
fn well_formed(code: &str, depth: usize) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    parts.len() == depth
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// One item as the check reads it.
struct Node<'a> {
    code: &'a str,
    /// How many numbers its code has: 1 for an area, 3 for a component.
    depth: usize,
    parent: Option<&'a str>,
    max: Option<Points>,
    complete: bool,
    /// The items below it: each one's maximum when known (`true`), else the least it can
    /// be, the sum of its own children's known maxima (`false`).
    children: Vec<(Points, bool)>,
}

/// Checks an item's code against its level and parent, and its children's maxima.
fn check_item(node: Node<'_>, seen: &mut HashSet<String>, out: &mut Vec<Problem>) {
    let Node {
        code,
        depth,
        parent,
        max,
        complete,
        children,
    } = node;
    if !well_formed(code, depth) {
        out.push(Problem::BadCode(code.to_string()));
    } else if let Some(parent) = parent {
        if code.rsplit_once('.').map(|(head, _)| head) != Some(parent) {
            out.push(Problem::OutsideParent {
                code: code.to_string(),
                parent: parent.to_string(),
            });
        }
    }
    if !seen.insert(code.to_string()) {
        out.push(Problem::DuplicateCode(code.to_string()));
    }
    let Some(max) = max else {
        return;
    };
    let known = Points::sum(children.iter().map(|(points, _)| *points));
    if known > max {
        out.push(Problem::ChildrenExceed {
            code: code.to_string(),
            children: known,
            max,
        });
    } else if complete && children.iter().all(|(_, exact)| *exact) && known != max {
        out.push(Problem::ChildrenDiffer {
            code: code.to_string(),
            children: known,
            max,
        });
    }
}

impl CriteriaSet {
    /// The built-in set: Quyết định 876/QĐ-BNV (2022-2030), as far as its sources go (see
    /// its `notes`).
    ///
    /// ```
    /// use cchc_plan::domain::par_index::CriteriaSet;
    /// let set = CriteriaSet::builtin();
    /// let entry = set.find("3.2.1").unwrap();
    /// assert_eq!(entry.name, "Công bố TTHC, danh mục TTHC theo quy định");
    /// assert_eq!(entry.max.unwrap().to_string(), "0,5");
    /// ```
    pub fn builtin() -> &'static CriteriaSet {
        static SET: OnceLock<CriteriaSet> = OnceLock::new();
        SET.get_or_init(|| {
            CriteriaSet::from_json(BUILTIN_876)
                .unwrap_or_else(|e| panic!("data/par_index/criteria_876_2022.json: {e}"))
        })
    }

    /// The built-in set that scores `year`, if any.
    pub fn for_year(year: i32) -> Option<&'static CriteriaSet> {
        let set = CriteriaSet::builtin();
        (set.years.from..=set.years.to)
            .contains(&year)
            .then_some(set)
    }

    /// Reads a criteria file and checks it ([`CriteriaSet::problems`]).
    ///
    /// # Errors
    /// A Vietnamese message: not JSON, not a criteria file, a newer version, a field of the
    /// wrong type, or the problems found.
    pub fn from_json(text: &str) -> Result<CriteriaSet, String> {
        let set: CriteriaSet = envelope::read(text, &KIND)?;
        let problems = set.problems();
        if problems.is_empty() {
            Ok(set)
        } else {
            let list: Vec<String> = problems.iter().map(Problem::to_string).collect();
            Err(list.join("; "))
        }
    }

    /// Writes the set as a criteria file (pretty-printed JSON).
    pub fn to_json(&self) -> String {
        envelope::write(self, &KIND)
    }

    /// Adds an area ("2"), criterion ("2.1") or component ("2.1.3"), or changes the name and
    /// maximum of the one with that code, under its parent (which must exist), in code order;
    /// its source is `source`. The set must stay sound ([`CriteriaSet::problems`]): else it is
    /// left as it was and the problems are returned (Vietnamese).
    ///
    /// ```
    /// use cchc_plan::domain::par_index::{CriteriaSet, Points};
    /// let mut set = CriteriaSet::builtin().clone();
    /// set.upsert("2.1", "Xây dựng và tổ chức thực hiện văn bản QPPL", Points::parse("2"), "Sửa trong ứng dụng").unwrap();
    /// assert_eq!(set.find("2.1").unwrap().max, Points::parse("2"));
    /// assert!(set.upsert("9.1", "Không có lĩnh vực 9", None, "x").is_err());
    /// assert!(set.upsert("1.7", "", Points::parse("20"), "x").is_err(), "above the area's 9,5");
    /// ```
    ///
    /// # Errors
    /// The code is malformed, its parent is missing, or the change breaks the set.
    pub fn upsert(
        &mut self,
        code: &str,
        name: &str,
        max: Option<Points>,
        source: &str,
    ) -> Result<(), String> {
        let code = code.trim();
        let parts: Vec<&str> = code.split('.').collect();
        if parts.is_empty()
            || parts.len() > 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format!(
                "“{code}” không phải mã tiêu chí (ví dụ 2, 2.1 hoặc 2.1.3)"
            ));
        }
        let mut next = self.clone();
        let name = name.trim().to_string();
        let source = source.to_string();
        let order = |a: &str, b: &str| {
            let key = |c: &str| {
                c.split('.')
                    .map(|p| p.parse::<u32>().unwrap_or(0))
                    .collect::<Vec<_>>()
            };
            key(a).cmp(&key(b))
        };
        let missing = |parent: &str| format!("chưa có {parent} để thêm {code} vào");
        match parts.len() {
            1 => match next.areas.iter_mut().find(|a| a.code == code) {
                Some(area) => {
                    if !name.is_empty() {
                        area.name = name;
                    }
                    area.max = max;
                    area.source = source;
                }
                None => return Err(format!("bộ tiêu chí chưa có lĩnh vực {code}: chỉ thêm được tiêu chí vào các lĩnh vực đã có")),
            },
            _ => {
                let area_code = parts[0];
                let area = next
                    .areas
                    .iter_mut()
                    .find(|a| a.code == area_code)
                    .ok_or_else(|| missing(&format!("lĩnh vực {area_code}")))?;
                let list = if parts.len() == 2 {
                    &mut area.criteria
                } else {
                    let parent = format!("{}.{}", parts[0], parts[1]);
                    &mut area
                        .criteria
                        .iter_mut()
                        .find(|c| c.code == parent)
                        .ok_or_else(|| missing(&format!("tiêu chí {parent}")))?
                        .components
                };
                match list.iter_mut().find(|c| c.code == code) {
                    Some(item) => {
                        if !name.is_empty() {
                            item.name = name;
                        }
                        item.max = max;
                        item.source = source;
                    }
                    None => {
                        list.push(Criterion {
                            code: code.to_string(),
                            name,
                            max,
                            source,
                            complete: false,
                            components: Vec::new(),
                        });
                        list.sort_by(|a, b| order(&a.code, &b.code));
                    }
                }
            }
        }
        let problems = next.problems();
        if !problems.is_empty() {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            return Err(list.join("; "));
        }
        *self = next;
        Ok(())
    }

    /// Everything wrong with the set: malformed, misplaced or repeated codes, and maxima of
    /// children that exceed their parent's (or, where the parent lists every child with
    /// its maximum, do not add up to it). Empty when the set is sound.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for area in &self.areas {
            let node = Node {
                code: &area.code,
                depth: 1,
                parent: None,
                max: area.max,
                complete: area.complete,
                children: area.criteria.iter().map(Criterion::least_max).collect(),
            };
            check_item(node, &mut seen, &mut out);
            for criterion in &area.criteria {
                let node = Node {
                    code: &criterion.code,
                    depth: 2,
                    parent: Some(&area.code),
                    max: criterion.max,
                    complete: criterion.complete,
                    children: criterion
                        .components
                        .iter()
                        .map(Criterion::least_max)
                        .collect(),
                };
                check_item(node, &mut seen, &mut out);
                for component in &criterion.components {
                    if !component.components.is_empty() {
                        out.push(Problem::BadCode(component.components[0].code.clone()));
                    }
                    let node = Node {
                        code: &component.code,
                        depth: 3,
                        parent: Some(&criterion.code),
                        max: component.max,
                        complete: false,
                        children: Vec::new(),
                    };
                    check_item(node, &mut seen, &mut out);
                }
            }
        }
        out
    }

    /// Every area, criterion and component, in document order (each area, then its
    /// criteria, each followed by its components).
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
        self.areas.iter().flat_map(|area| {
            let head = Entry {
                level: Level::Area,
                code: &area.code,
                name: &area.name,
                max: area.max,
                source: &area.source,
                area: &area.code,
                has_children: !area.criteria.is_empty(),
            };
            std::iter::once(head).chain(area.criteria.iter().flat_map(move |criterion| {
                std::iter::once(item_entry(Level::Criterion, criterion, &area.code)).chain(
                    criterion
                        .components
                        .iter()
                        .map(move |c| item_entry(Level::Component, c, &area.code)),
                )
            }))
        })
    }

    /// The item of a code, at any level.
    pub fn find(&self, code: &str) -> Option<Entry<'_>> {
        self.entries().find(|e| e.code == code)
    }

    /// The area an item belongs to ("3" for "3.2.1").
    pub fn area_of(&self, code: &str) -> Option<&Area> {
        let head = code.split('.').next()?;
        self.areas.iter().find(|a| a.code == head)
    }

    /// The items that are scored on their own: components, and criteria without
    /// components. In document order.
    pub fn leaves(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
        self.entries()
            .filter(|e| e.level != Level::Area && !e.has_children)
    }
}

impl Criterion {
    /// Its maximum (`true`), or when unknown the least it can be: the sum of its
    /// components' known maxima (`false`).
    fn least_max(&self) -> (Points, bool) {
        match self.max {
            Some(max) => (max, true),
            None => (
                Points::sum(self.components.iter().filter_map(|c| c.max)),
                false,
            ),
        }
    }
}

fn item_entry<'a>(level: Level, item: &'a Criterion, area: &'a str) -> Entry<'a> {
    Entry {
        level,
        code: &item.code,
        name: &item.name,
        max: item.max,
        source: &item.source,
        area,
        has_children: !item.components.is_empty(),
    }
}
