//! The agency directory behind the autocomplete: every agency with its aliases, looked up and
//! suggested by folded words.
//!
//! It renames nothing; the 2025 renames are `renames.rs`.

use std::collections::HashMap;

use super::super::text::fold;
use super::matching::{commune_key, tokens, words};
use super::{Agency, AgencyData};

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
    ///
    /// # Errors
    /// The JSON error when the text is not an agency file of that shape.
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
    /// punctuation, the spelling variants of [`super::super::text`] and, for the commune
    /// level, the order of "xã", "phường", "đặc khu".
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
        // The last word may be unfinished: "ti" (canonical "ty") may become "tỉnh", so it is
        // also tried as typed (folded, not in its canonical spelling).
        let as_typed = fold(&typed[last.span.clone()]);
        let canonical: Vec<String> = toks.into_iter().map(|t| t.folded).collect();
        let mut spellings = vec![canonical.clone()];
        if as_typed.chars().all(char::is_alphanumeric) && canonical.last() != Some(&as_typed) {
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

#[cfg(test)]
mod tests;
