//! Agencies: the directory behind the agency autocomplete, and the 2025 rename table.
//!
//! Both come from one editable data file, `data/agencies.json`, embedded in the app; a user
//! may load a corrected copy with [`Directory::from_json`] and [`RenameTable::from_json`].
//!
//! The file holds `agencies` (each: `name`; `kind`: department, committee, district_level,
//! commune_level, central or other; `current`, true unless given; `some_provinces`; `aliases`;
//! `note`) and `renames` (each: `old`; `variants`; `new`; `note`; `district_level`).
//!
//! Names are compared word by word, without case or diacritics, ignoring punctuation, with
//! "&" read as "và": "Sở Giáo dục & Đào tạo" is "Sở Giáo dục và Đào tạo", and
//! "Sở Lao động, Thương binh và Xã hội" is "Sở Lao động - Thương binh và Xã hội".
//!
//! ```
//! use cchc_plan::domain::agency::{is_district_level, Directory, RenameTable};
//! let directory = Directory::builtin();
//! assert_eq!(directory.suggest("noi vu", 5)[0], "Sở Nội vụ");
//!
//! let renames = RenameTable::builtin();
//! assert_eq!(renames.renamed("Sở Kế hoạch và Đầu tư").unwrap(), "Sở Tài chính");
//! assert_eq!(
//!     renames.renamed("Các Sở, Ban, ngành, UBND cấp huyện").unwrap(),
//!     "Các Sở, Ban, ngành, UBND các xã, phường, đặc khu"
//! );
//! assert!(is_district_level("UBND các huyện, thị xã, thành phố"));
//! ```

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::plan::{Item, Plan, RowId, Task};
use super::text::{canonical_folded_word, fold, fold_key};

/// The built-in data file.
const BUILTIN: &str = include_str!("../../data/agencies.json");

/// What sort of body an agency is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// A provincial department (sở) or a body of the same rank (Văn phòng UBND tỉnh, Thanh tra tỉnh).
    Department,
    /// The People's Committee, its chair, steering committees and their teams.
    Committee,
    /// A district-level body (cấp huyện), gone from 1 July 2025.
    DistrictLevel,
    /// A commune-level body (cấp xã: xã, phường, đặc khu).
    CommuneLevel,
    /// A ministry, a ministerial-level agency or another central body (Bộ Nội vụ, Văn phòng
    /// Chính phủ, Thủ tướng Chính phủ): provincial plans name them as partners.
    Central,
    /// Anything else: groups of agencies, the press, unions, central agencies in the province.
    Other,
}

fn yes() -> bool {
    true
}

fn is_false(value: &bool) -> bool {
    !value
}

/// One entry of the agency directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    /// The name as drafters write it, offered by the autocomplete.
    pub name: String,
    pub kind: AgencyKind,
    /// Whether the agency exists after the 2025 reorganisation.
    #[serde(default = "yes")]
    pub current: bool,
    /// Exists only in some provinces (Sở Ngoại vụ, Sở Dân tộc và Tôn giáo, ...).
    #[serde(default, skip_serializing_if = "is_false")]
    pub some_provinces: bool,
    /// Other spellings and abbreviations ("Sở TT&TT"); typed aliases suggest the name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One line of the rename table: an outdated name and what replaces it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameRule {
    /// The outdated name, as the seeds write it.
    pub old: String,
    /// Other spellings of the outdated name; directory aliases of `old` are added on loading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// The proposed replacement.
    pub new: String,
    /// Why, in Vietnamese, shown next to the proposal.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The rule re-assigns a district-level addressee (no longer exists from 1/7/2025).
    #[serde(default, skip_serializing_if = "is_false")]
    pub district_level: bool,
}

/// The content of `data/agencies.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyData {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub about: String,
    #[serde(default)]
    pub agencies: Vec<Agency>,
    #[serde(default)]
    pub renames: Vec<RenameRule>,
}

impl AgencyData {
    /// The data embedded in the app.
    pub fn builtin() -> AgencyData {
        AgencyData::from_json(BUILTIN).expect("data/agencies.json is valid")
    }

    /// Reads a (possibly user-edited) copy of `data/agencies.json`.
    pub fn from_json(json: &str) -> Result<AgencyData, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// Writes the data back as pretty JSON, for a user to edit.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("agency data serialises")
    }
}

// ----- words -----

/// A folded word of a text and the byte range it covers in that text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Token {
    word: String,
    span: Range<usize>,
}

/// The folded words of a text with their places: runs of letters and digits; "&" is the word
/// "va"; every other character separates words. Combining marks stay inside their word.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut span = 0..0;
    let mut buf = [0u8; 4];
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if c == '&' {
            flush(&mut out, &mut word, &span);
            out.push(Token {
                word: "va".into(),
                span: i..end,
            });
            continue;
        }
        let folded = fold(c.encode_utf8(&mut buf));
        if folded.is_empty() {
            // A combining mark on its own (text in NFD): part of the word it follows.
            if !word.is_empty() {
                span.end = end;
            }
        } else if folded.chars().all(char::is_alphanumeric) {
            if word.is_empty() {
                span.start = i;
            }
            word.push_str(&folded);
            span.end = end;
        } else {
            flush(&mut out, &mut word, &span);
        }
    }
    flush(&mut out, &mut word, &span);
    out
}

fn flush(out: &mut Vec<Token>, word: &mut String, span: &Range<usize>) {
    if !word.is_empty() {
        // "Sở Kĩ thuật" and "Sở Kỹ thuật", "Quí" and "Quý" are one spelling.
        canonical_folded_word(word);
        out.push(Token {
            word: std::mem::take(word),
            span: span.clone(),
        });
    }
}

fn words(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(|t| t.word).collect()
}

/// Whether `needle` occurs as a run of whole words in `hay`.
fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Strips a leading "UBND" / "Ủy ban nhân dân" and returns the words after it.
fn after_committee(words: &[String]) -> Option<&[String]> {
    match words {
        [first, rest @ ..] if first == "ubnd" => Some(rest),
        [a, b, c, d, rest @ ..] if a == "uy" && b == "ban" && c == "nhan" && d == "dan" => {
            Some(rest)
        }
        _ => None,
    }
}

/// Whether a name addresses the district level (cấp huyện), which no longer exists from
/// 1 July 2025: "UBND cấp huyện", "UBND các huyện, thị xã, thành phố", "UBND huyện Khoái
/// Châu", "Phòng Văn hóa và Thông tin cấp huyện", or a longer text naming one of them.
///
/// "UBND thành phố ..." alone is not taken as district-level: in a centrally-run city it is
/// the city itself.
///
/// ```
/// use cchc_plan::domain::agency::is_district_level;
/// assert!(is_district_level("UBND cấp huyện"));
/// assert!(is_district_level("Các sở, ban, ngành; UBND Cấp huyện, UBND cấp xã"));
/// assert!(is_district_level("Ủy ban nhân dân các huyện, thị xã, thành phố"));
/// assert!(is_district_level("UBND huyện Khoái Châu"));
/// assert!(!is_district_level("UBND cấp xã"));
/// assert!(!is_district_level("UBND các xã, phường, đặc khu"));
/// assert!(!is_district_level("Sở Nội vụ"));
/// ```
pub fn is_district_level(name: &str) -> bool {
    let words = words(name);
    let w = |s: &str| s.to_string();
    if contains_words(&words, &[w("cap"), w("huyen")])
        || contains_words(&words, &[w("huyen"), w("thi"), w("xa")])
    {
        return true;
    }
    (0..words.len()).any(|i| {
        let Some(rest) = after_committee(&words[i..]) else {
            return false;
        };
        let rest = match rest.first() {
            Some(first) if first == "cac" => &rest[1..],
            _ => rest,
        };
        match rest {
            [first, ..] if first == "huyen" || first == "quan" => true,
            [a, b, ..] => a == "thi" && b == "xa",
            _ => false,
        }
    })
}

/// Whether a whole name is the commune level: "UBND cấp xã", "UBND các xã, phường, đặc khu",
/// "Ủy ban nhân dân xã, phường, thị trấn".
///
/// ```
/// use cchc_plan::domain::agency::is_commune_level;
/// assert!(is_commune_level("UBND cấp xã"));
/// assert!(is_commune_level("UBND các xã, phường, đặc khu"));
/// assert!(!is_commune_level("UBND cấp huyện, cấp xã"));
/// assert!(!is_commune_level("Sở Nội vụ"));
/// ```
pub fn is_commune_level(name: &str) -> bool {
    let words = words(name);
    let Some(rest) = after_committee(&words) else {
        return false;
    };
    // "mới": "UBND các xã, phường (mới)" in the months after the 2025 merger.
    const ALLOWED: [&str; 9] = [
        "cap", "cac", "xa", "phuong", "thi", "tran", "dac", "khu", "moi",
    ];
    !rest.is_empty()
        && rest.iter().all(|w| ALLOWED.contains(&w.as_str()))
        && rest.iter().any(|w| w == "xa" || w == "phuong")
}

/// The key of a commune-level name whatever the order of its words: "UBND các xã, phường"
/// and "Ủy ban nhân dân các phường, xã" are one agency (plans write both orders). `None` for
/// other names.
fn commune_key(name: &str) -> Option<String> {
    if !is_commune_level(name) {
        return None;
    }
    let words = words(name);
    let mut rest: Vec<&str> = after_committee(&words)?
        .iter()
        .map(String::as_str)
        .filter(|w| *w != "cac" && *w != "moi")
        .collect();
    rest.sort_unstable();
    rest.dedup();
    Some(format!("\u{0}commune {}", rest.join(" ")))
}

/// What two names must share to be the same agency in one list: their words, and all
/// commune-level names are one.
fn agency_key(name: &str) -> String {
    if is_commune_level(name) {
        "\u{0}commune".to_string()
    } else {
        words(name).join(" ")
    }
}

// ----- directory -----

/// One way to write an agency (its name or an alias), prepared for matching.
#[derive(Clone, Debug)]
struct Form {
    agency: usize,
    alias: bool,
    words: Vec<String>,
    /// The words joined by single spaces.
    joined: String,
    /// The words run together.
    compact: String,
    /// First letters of the words, without "và".
    initials: String,
}

impl Form {
    fn new(agency: usize, alias: bool, text: &str) -> Form {
        let words = words(text);
        let initials = words
            .iter()
            .filter(|w| *w != "va")
            .filter_map(|w| w.chars().next())
            .collect();
        Form {
            agency,
            alias,
            joined: words.join(" "),
            compact: words.concat(),
            initials,
            words,
        }
    }

    /// How well the typed words match: 0 the form starts with them, 1 each typed word starts
    /// a word of the form (in order), 2 they are its initials, 3 they occur inside it.
    fn tier(&self, typed: &[String], joined: &str, compact: &str) -> Option<u8> {
        if self.joined.starts_with(joined) {
            return Some(0);
        }
        let mut rest = self.words.iter();
        if typed
            .iter()
            .all(|t| rest.by_ref().any(|w| w.starts_with(t.as_str())))
        {
            return Some(1);
        }
        if typed.len() == 1 && compact.len() >= 2 {
            // "tttt" for "Thông tin và Truyền thông", with or without the leading "Sở".
            let tail = self.initials.get(1..).unwrap_or("");
            if self.initials.starts_with(compact) || tail.starts_with(compact) {
                return Some(2);
            }
        }
        if self.compact.contains(compact) {
            return Some(3);
        }
        None
    }
}

/// The agency directory: the names the autocomplete offers.
///
/// ```
/// use cchc_plan::domain::agency::{AgencyKind, Directory};
/// let directory = Directory::builtin();
/// let agency = directory.lookup("Sở TT&TT").unwrap();
/// assert_eq!(agency.name, "Sở Thông tin và Truyền thông");
/// assert!(!agency.current);
/// assert_eq!(directory.lookup("UBND các xã, phường, đặc khu").unwrap().kind, AgencyKind::CommuneLevel);
/// // Current agencies come before outdated ones.
/// assert_eq!(directory.suggest("sở kh", 2), ["Sở Khoa học và Công nghệ", "Sở Kế hoạch và Đầu tư"]);
/// ```
#[derive(Clone, Debug)]
pub struct Directory {
    agencies: Vec<Agency>,
    forms: Vec<Form>,
    by_key: HashMap<String, usize>,
}

impl Directory {
    /// The directory embedded in the app.
    pub fn builtin() -> Directory {
        Directory::new(AgencyData::builtin().agencies)
    }

    /// The directory of a (possibly user-edited) copy of `data/agencies.json`.
    pub fn from_json(json: &str) -> Result<Directory, serde_json::Error> {
        Ok(Directory::new(AgencyData::from_json(json)?.agencies))
    }

    pub fn new(agencies: Vec<Agency>) -> Directory {
        let mut forms = Vec::new();
        let mut by_key = HashMap::new();
        for (i, agency) in agencies.iter().enumerate() {
            let names = std::iter::once((false, &agency.name))
                .chain(agency.aliases.iter().map(|a| (true, a)));
            for (alias, text) in names {
                let form = Form::new(i, alias, text);
                if form.words.is_empty() {
                    continue;
                }
                by_key.entry(form.joined.clone()).or_insert(i);
                if let Some(key) = commune_key(text) {
                    by_key.entry(key).or_insert(i);
                }
                forms.push(form);
            }
        }
        Directory {
            agencies,
            forms,
            by_key,
        }
    }

    pub fn agencies(&self) -> &[Agency] {
        &self.agencies
    }

    pub fn len(&self) -> usize {
        self.agencies.len()
    }

    pub fn is_empty(&self) -> bool {
        self.agencies.is_empty()
    }

    /// The entry a name (or one of its aliases) designates, ignoring case, diacritics,
    /// punctuation, the spelling variants of [`super::text`] and, for the commune level, the
    /// order of "xã", "phường", "đặc khu".
    pub fn lookup(&self, name: &str) -> Option<&Agency> {
        let key = words(name).join(" ");
        self.by_key
            .get(&key)
            .or_else(|| self.by_key.get(&commune_key(name)?))
            .map(|&i| &self.agencies[i])
    }

    /// Names for the autocomplete, best first: names starting with what was typed, then
    /// names with words starting with the typed words ("noi vu"), then abbreviations
    /// ("tttt", "gd&đt" through aliases), then names containing it; within each, current
    /// agencies before outdated ones, then in directory order. Case and diacritics are
    /// ignored. At most `limit` names, each once.
    pub fn suggest(&self, typed: &str, limit: usize) -> Vec<&str> {
        let toks = tokens(typed);
        let Some(last) = toks.last() else {
            return Vec::new();
        };
        if limit == 0 {
            return Vec::new();
        }
        // The last word may be unfinished: "ti" (canonical "ty") may become "tỉnh".
        let as_typed = fold_key(&typed[last.span.clone()]);
        let canonical: Vec<String> = toks.into_iter().map(|t| t.word).collect();
        let mut spellings = vec![canonical.clone()];
        if !as_typed.is_empty() && canonical.last() != Some(&as_typed) {
            let mut raw = canonical;
            if let Some(word) = raw.last_mut() {
                *word = as_typed;
            }
            spellings.push(raw);
        }
        let variants: Vec<(Vec<String>, String, String)> = spellings
            .into_iter()
            .map(|typed| {
                let (joined, compact) = (typed.join(" "), typed.concat());
                (typed, joined, compact)
            })
            .collect();
        // Best (tier, alias) per agency.
        let mut best: HashMap<usize, (u8, bool)> = HashMap::new();
        for form in &self.forms {
            let tier = variants
                .iter()
                .filter_map(|(typed, joined, compact)| form.tier(typed, joined, compact))
                .min();
            if let Some(tier) = tier {
                let rank = (tier, form.alias);
                best.entry(form.agency)
                    .and_modify(|r| *r = (*r).min(rank))
                    .or_insert(rank);
            }
        }
        let mut found: Vec<(u8, bool, bool, usize)> = best
            .into_iter()
            .map(|(i, (tier, alias))| (tier, !self.agencies[i].current, alias, i))
            .collect();
        found.sort_unstable();
        found
            .into_iter()
            .take(limit)
            .map(|(.., i)| self.agencies[i].name.as_str())
            .collect()
    }
}

// ----- rename table -----

/// Which agency list of a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyField {
    /// "Cơ quan chủ trì".
    Lead,
    /// "Cơ quan phối hợp".
    Partners,
}

impl AgencyField {
    pub fn label(self) -> &'static str {
        match self {
            AgencyField::Lead => "Cơ quan chủ trì",
            AgencyField::Partners => "Cơ quan phối hợp",
        }
    }

    fn of(self, task: &Task) -> &Vec<String> {
        match self {
            AgencyField::Lead => &task.lead,
            AgencyField::Partners => &task.partners,
        }
    }

    fn of_mut(self, task: &mut Task) -> &mut Vec<String> {
        match self {
            AgencyField::Lead => &mut task.lead,
            AgencyField::Partners => &mut task.partners,
        }
    }
}

/// One outdated name found in a plan, and what to put instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameProposal {
    pub row: RowId,
    pub field: AgencyField,
    /// Position of the item in the agency list.
    pub index: usize,
    /// The whole list item as it is now.
    pub item: String,
    /// Where the outdated name sits in `item` (bytes).
    pub span: Range<usize>,
    /// The outdated name as written: `&item[span]`.
    pub old: String,
    /// What replaces it.
    pub new: String,
    /// The whole item once this proposal alone is applied.
    pub proposed: String,
    /// Why (Vietnamese).
    pub note: String,
    /// The old name is a district-level addressee.
    pub district_level: bool,
}

/// An outdated name inside a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// Bytes of the text the name covers.
    pub span: Range<usize>,
    /// Index of the rule in [`RenameTable::rules`].
    pub rule: usize,
}

/// The rename table: outdated agency names and their 2025 replacements.
///
/// A name is found as a whole list item or inside a longer one ("Các Sở, Ban, ngành; UBND
/// cấp huyện, cấp xã"), the longest known spelling first; only that occurrence is replaced.
///
/// ```
/// use cchc_plan::domain::agency::RenameTable;
/// use cchc_plan::domain::plan::{Plan, Task};
/// let mut plan = Plan::new("p", "Lâm Đồng", 2026);
/// let task = Task {
///     lead: vec!["Sở Kế hoạch và Đầu tư".into(), "Sở Tài chính".into()],
///     partners: vec!["Các Sở, Ban, ngành".into(), "UBND cấp huyện, cấp xã".into()],
///     ..Task::default()
/// };
/// let row = plan.add_task_with(None, task);
/// let renames = RenameTable::builtin();
/// let proposals = renames.proposals(&plan);
/// assert_eq!(proposals.len(), 2);
/// assert_eq!(proposals[0].new, "Sở Tài chính");
/// assert_eq!(RenameTable::apply(&mut plan, &proposals), 2);
/// let task = plan.row(row).unwrap().task().unwrap();
/// assert_eq!(task.lead, ["Sở Tài chính"]);
/// assert_eq!(task.partners, ["Các Sở, Ban, ngành", "UBND các xã, phường, đặc khu"]);
/// assert!(renames.proposals(&plan).is_empty());
/// ```
#[derive(Clone, Debug)]
pub struct RenameTable {
    rules: Vec<RenameRule>,
    /// Every spelling of every rule: (words, rule), longest first.
    patterns: Vec<(Vec<String>, usize)>,
    /// Indices into `patterns` by first word.
    by_first: HashMap<String, Vec<usize>>,
}

impl RenameTable {
    /// The table embedded in the app.
    pub fn builtin() -> RenameTable {
        RenameTable::from_data(&AgencyData::builtin())
    }

    /// The table of a (possibly user-edited) copy of `data/agencies.json`.
    pub fn from_json(json: &str) -> Result<RenameTable, serde_json::Error> {
        Ok(RenameTable::from_data(&AgencyData::from_json(json)?))
    }

    /// The rules of the data, each also matching the directory aliases of its old name.
    pub fn from_data(data: &AgencyData) -> RenameTable {
        let mut rules = data.renames.clone();
        for rule in &mut rules {
            let key = words(&rule.old);
            for agency in &data.agencies {
                let names = std::iter::once(&agency.name).chain(&agency.aliases);
                if names.clone().any(|n| words(n) == key) {
                    for name in names {
                        if !rule.variants.contains(name) && name != &rule.old {
                            rule.variants.push(name.clone());
                        }
                    }
                }
            }
        }
        RenameTable::new(rules)
    }

    /// A table of these rules only.
    pub fn new(rules: Vec<RenameRule>) -> RenameTable {
        let mut patterns: Vec<(Vec<String>, usize)> = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            for text in std::iter::once(&rule.old).chain(&rule.variants) {
                let w = words(text);
                if !w.is_empty() && !patterns.iter().any(|(p, _)| *p == w) {
                    patterns.push((w, i));
                }
            }
        }
        // Longest first; the sort is stable, so rule order breaks ties.
        patterns.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (p, (w, _)) in patterns.iter().enumerate() {
            by_first.entry(w[0].clone()).or_default().push(p);
        }
        RenameTable {
            rules,
            patterns,
            by_first,
        }
    }

    pub fn rules(&self) -> &[RenameRule] {
        &self.rules
    }

    /// The rule for a whole name, if it is outdated.
    ///
    /// ```
    /// use cchc_plan::domain::agency::RenameTable;
    /// let renames = RenameTable::builtin();
    /// assert_eq!(renames.rule_for("sở tt&tt").unwrap().new, "Sở Khoa học và Công nghệ");
    /// assert!(renames.rule_for("Sở Nội vụ").is_none());
    /// ```
    pub fn rule_for(&self, name: &str) -> Option<&RenameRule> {
        let w = words(name);
        self.patterns
            .iter()
            .find(|(p, _)| *p == w)
            .map(|&(_, r)| &self.rules[r])
    }

    /// Every outdated name in a text, left to right, the longest spelling at each place.
    pub fn occurrences(&self, text: &str) -> Vec<Occurrence> {
        let toks = tokens(text);
        let mut found = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let hit = self.by_first.get(&toks[i].word).and_then(|candidates| {
                candidates
                    .iter()
                    .map(|&p| &self.patterns[p])
                    .find(|(w, _)| {
                        toks.len() - i >= w.len()
                            && toks[i..i + w.len()]
                                .iter()
                                .zip(w)
                                .all(|(t, w)| t.word == *w)
                    })
            });
            match hit {
                Some((w, rule)) => {
                    found.push(Occurrence {
                        span: toks[i].span.start..toks[i + w.len() - 1].span.end,
                        rule: *rule,
                    });
                    i += w.len();
                }
                None => i += 1,
            }
        }
        found
    }

    /// The edits this table proposes for one list item: its occurrences, or for a
    /// district-level name no rule spells ("UBND huyện Khoái Châu") the whole item, with
    /// the first district-level rule.
    fn edits(&self, item: &str) -> Vec<(Range<usize>, usize)> {
        let found: Vec<_> = self
            .occurrences(item)
            .into_iter()
            .map(|o| (o.span, o.rule))
            .collect();
        if !found.is_empty() || !is_district_level(item) {
            return found;
        }
        let Some(rule) = self.rules.iter().position(|r| r.district_level) else {
            return found;
        };
        let start = item.len() - item.trim_start().len();
        let end = item.trim_end().len();
        vec![(start..end, rule)]
    }

    /// An item with every outdated name replaced, or `None` when nothing in it is outdated.
    ///
    /// ```
    /// use cchc_plan::domain::agency::RenameTable;
    /// let renames = RenameTable::builtin();
    /// assert_eq!(renames.renamed("Sở Lao động, Thương binh và Xã hội").unwrap(), "Sở Nội vụ");
    /// assert_eq!(
    ///     renames.renamed("Sở Nội vụ, Sở Lao động - Thương binh và Xã hội").unwrap(),
    ///     "Sở Nội vụ"
    /// );
    /// assert_eq!(renames.renamed("Sở Y tế"), None);
    /// ```
    pub fn renamed(&self, item: &str) -> Option<String> {
        let edits = self.edits(item);
        if edits.is_empty() {
            return None;
        }
        let edits: Vec<(Range<usize>, &str)> = edits
            .into_iter()
            .map(|(span, r)| (span, self.rules[r].new.as_str()))
            .collect();
        Some(rewrite(item, &edits))
    }

    /// Every outdated name in the agency lists of one task.
    pub fn task_proposals(&self, row: RowId, task: &Task) -> Vec<RenameProposal> {
        let mut out = Vec::new();
        for field in [AgencyField::Lead, AgencyField::Partners] {
            for (index, item) in field.of(task).iter().enumerate() {
                for (span, r) in self.edits(item) {
                    let rule = &self.rules[r];
                    out.push(RenameProposal {
                        row,
                        field,
                        index,
                        item: item.clone(),
                        old: item[span.clone()].to_string(),
                        new: rule.new.clone(),
                        proposed: rewrite(item, &[(span.clone(), rule.new.as_str())]),
                        span,
                        note: rule.note.clone(),
                        district_level: rule.district_level,
                    });
                }
            }
        }
        out
    }

    /// Every outdated name in the plan's agency lists ("Cơ quan chủ trì", "Cơ quan phối
    /// hợp"), in table order.
    pub fn proposals(&self, plan: &Plan) -> Vec<RenameProposal> {
        plan.rows()
            .iter()
            .filter_map(|row| match &row.item {
                Item::Task(task) => Some(self.task_proposals(row.id, task)),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// Applies the chosen proposals; returns how many were applied. A proposal whose item
    /// has changed since it was made is skipped. When a list then names an agency twice
    /// ("Sở Kế hoạch và Đầu tư" renamed next to "Sở Tài chính"), the later one goes. The
    /// caller makes this one undoable step.
    pub fn apply(plan: &mut Plan, proposals: &[RenameProposal]) -> usize {
        let mut groups: BTreeMap<(RowId, AgencyField), BTreeMap<usize, Vec<&RenameProposal>>> =
            BTreeMap::new();
        for p in proposals {
            groups
                .entry((p.row, p.field))
                .or_default()
                .entry(p.index)
                .or_default()
                .push(p);
        }
        let mut applied = 0;
        for ((row, field), by_index) in groups {
            plan.update_task(row, |task| {
                let list = field.of_mut(task);
                let mut changed = vec![false; list.len()];
                for (index, mut chosen) in by_index {
                    let Some(item) = list.get(index) else {
                        continue;
                    };
                    chosen.retain(|p| {
                        p.item == *item && item.get(p.span.clone()) == Some(p.old.as_str())
                    });
                    chosen.sort_by_key(|p| (p.span.start, p.span.end));
                    chosen.dedup_by_key(|p| p.span.clone());
                    let mut edits: Vec<(Range<usize>, &str)> = Vec::new();
                    for p in chosen {
                        if edits.last().is_none_or(|(s, _)| s.end <= p.span.start) {
                            edits.push((p.span.clone(), p.new.as_str()));
                        }
                    }
                    if edits.is_empty() {
                        continue;
                    }
                    applied += edits.len();
                    let new_item = rewrite(item, &edits);
                    if new_item != *item {
                        list[index] = new_item;
                        changed[index] = true;
                    }
                }
                dedup(list, &changed);
            });
        }
        applied
    }
}

/// Replaces spans of an item (sorted, disjoint). A replacement already named elsewhere in the
/// item, or by an earlier replacement, is dropped with its separator instead of repeated.
fn rewrite(item: &str, edits: &[(Range<usize>, &str)]) -> String {
    let toks = tokens(item);
    // Runs of words outside every edit, each run between two edits.
    let mut runs: Vec<Vec<String>> = vec![Vec::new()];
    let mut next_edit = 0;
    for t in &toks {
        while next_edit < edits.len() && edits[next_edit].0.end <= t.span.start {
            next_edit += 1;
            runs.push(Vec::new());
        }
        let inside = edits
            .get(next_edit)
            .is_some_and(|(s, _)| s.start <= t.span.start);
        if !inside {
            runs.last_mut().expect("one run").push(t.word.clone());
        }
    }
    let mut emitted: Vec<Vec<String>> = Vec::new();
    let mut out = String::new();
    let mut pos = 0;
    for (span, new) in edits {
        if span.start < pos {
            continue;
        }
        let gap = &item[pos..span.start];
        let new_words = words(new);
        let present = !new_words.is_empty()
            && (emitted.contains(&new_words)
                || runs.iter().any(|run| contains_words(run, &new_words)));
        // Drop only between separators, as in a list of agencies, never inside a sentence.
        let kept = without_trailing_separator(gap);
        let after = leading_separator_len(&item[span.end..]);
        if present && (kept.len() < gap.len() || after > 0) {
            out.push_str(kept);
            pos = span.end;
            if kept.len() == gap.len() {
                pos += after;
            }
        } else {
            out.push_str(gap);
            out.push_str(new);
            emitted.push(new_words);
            pos = span.end;
        }
    }
    out.push_str(&item[pos..]);
    out.trim().to_string()
}

/// The text without a final separator (",", ";" or the word "và") and the spaces around it;
/// the text itself when it ends with none.
fn without_trailing_separator(text: &str) -> &str {
    let t = text.trim_end();
    if let Some(rest) = t.strip_suffix([',', ';']) {
        return rest.trim_end();
    }
    if let Some(rest) = t.strip_suffix("và") {
        if rest.is_empty() || rest.ends_with(char::is_whitespace) {
            return rest.trim_end();
        }
    }
    text
}

/// Length of a leading separator (",", ";" or "và", with spaces) of a text; 0 when none.
fn leading_separator_len(text: &str) -> usize {
    let t = text.trim_start();
    let skipped = text.len() - t.len();
    let rest = if let Some(rest) = t.strip_prefix([',', ';']) {
        rest
    } else if let Some(rest) = t
        .strip_prefix("và")
        .filter(|r| r.starts_with(char::is_whitespace))
    {
        rest
    } else {
        return 0;
    };
    skipped + (t.len() - rest.len()) + (rest.len() - rest.trim_start().len())
}

/// Removes the later of two items naming the same agency, when either of them was changed.
fn dedup(list: &mut Vec<String>, changed: &[bool]) {
    let keys: Vec<String> = list.iter().map(|n| agency_key(n)).collect();
    let mut keep = vec![true; list.len()];
    for i in 0..list.len() {
        keep[i] = !(0..i).any(|j| keep[j] && keys[j] == keys[i] && (changed[i] || changed[j]));
    }
    let mut i = 0;
    list.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// Splits an agency cell as typed into names on ";": "Sở Nội vụ; Các Sở, Ban, ngành" → two.
/// Commas stay inside names, since names such as "Các Sở, Ban, ngành" contain them.
pub fn split_agencies(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The name being typed in an agency cell: the text after the last ";".
pub fn last_agency(text: &str) -> &str {
    text.rsplit(';').next().unwrap_or("").trim()
}

/// The cell text after taking `choice` for the name being typed, ready for the next name.
pub fn complete_last_agency(text: &str, choice: &str) -> String {
    match text.rfind(';') {
        Some(i) => format!("{}; {choice}; ", text[..i].trim_end()),
        None => format!("{choice}; "),
    }
}

/// Suggestions for the name being typed in an agency cell, leaving out names already in it.
pub fn suggest_in_cell<'a>(directory: &'a Directory, text: &str, limit: usize) -> Vec<&'a str> {
    let typed = last_agency(text);
    if typed.is_empty() {
        return Vec::new();
    }
    let present: Vec<String> = split_agencies(text).iter().map(|n| fold(n)).collect();
    directory
        .suggest(typed, limit + present.len())
        .into_iter()
        .filter(|name| !present.contains(&fold(name)) || fold(name) == fold(typed))
        .take(limit)
        .collect()
}

#[cfg(test)]
mod tests;
