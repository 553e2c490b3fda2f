//! The abbreviation table: groups of equivalent forms ("TTHC" = "thủ tục hành chính") read
//! from `data/abbreviations.json`, and where a form starts in a run of folded words.
//!
//! It neither indexes templates nor ranks hits.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::super::text::words;

/// The abbreviation table shipped with the app.
pub(super) const ABBREVIATIONS_JSON: &str = include_str!("../../../data/abbreviations.json");

#[derive(Deserialize)]
pub(super) struct AbbreviationFile {
    abbreviations: Vec<Vec<String>>,
}

/// Groups of equivalent forms ("TTHC" = "thủ tục hành chính"), kept as editable data.
#[derive(Clone, Debug, Default)]
pub struct Abbreviations {
    /// Per concept, its forms as folded word sequences.
    pub(super) forms: Vec<Vec<Vec<String>>>,
    /// Per concept, the other concepts a form of it contains ("VBQPPL" contains "QPPL").
    pub(super) contains: Vec<Vec<u32>>,
    /// Forms by their first word, longest first: (concept, words).
    pub(super) by_first: HashMap<String, Vec<(u32, Vec<String>)>>,
}

impl Abbreviations {
    /// The table in `data/abbreviations.json`.
    pub fn builtin() -> &'static Abbreviations {
        static TABLE: OnceLock<Abbreviations> = OnceLock::new();
        TABLE.get_or_init(|| {
            Abbreviations::from_json(ABBREVIATIONS_JSON)
                .unwrap_or_else(|e| panic!("data/abbreviations.json: {e}"))
        })
    }

    /// Reads a table: `{"abbreviations": [["TTHC", "thủ tục hành chính"], ...]}`.
    ///
    /// # Errors
    /// The JSON error, as text, when the text is not a table of that shape.
    pub fn from_json(text: &str) -> Result<Abbreviations, String> {
        let file: AbbreviationFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Ok(Abbreviations::new(&file.abbreviations))
    }

    /// A table from groups of equivalent forms.
    pub fn new(groups: &[Vec<String>]) -> Abbreviations {
        let forms: Vec<Vec<Vec<String>>> = groups
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|form| words(form).map(|w| w.folded).collect())
                    .filter(|w: &Vec<String>| !w.is_empty())
                    .collect()
            })
            .collect();
        let contains = (0..forms.len())
            .map(|a| {
                (0..forms.len())
                    .filter(|&b| b != a)
                    .filter(|&b| {
                        forms[a]
                            .iter()
                            .any(|fa| forms[b].iter().any(|fb| contains_run(fa, fb)))
                    })
                    .map(|b| b as u32)
                    .collect()
            })
            .collect();
        let mut by_first: HashMap<String, Vec<(u32, Vec<String>)>> = HashMap::new();
        for (c, group) in forms.iter().enumerate() {
            for form in group {
                by_first
                    .entry(form[0].clone())
                    .or_default()
                    .push((c as u32, form.clone()));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(_, form)| Reverse(form.len()));
        }
        Abbreviations {
            forms,
            contains,
            by_first,
        }
    }

    /// A run of folded words as terms: where a form starts, its concept's key (a term no
    /// word can be, as in the search index) stands for its words, the longest form first;
    /// every other word stays. "thu tuc hanh chinh" and "tthc" give the same single term.
    ///
    /// ```
    /// use cchc_plan::domain::search::Abbreviations;
    /// let table = Abbreviations::builtin();
    /// assert_eq!(table.terms(&["cong", "bo", "tthc"])[..2], ["cong", "bo"]);
    /// assert_eq!(
    ///     table.terms(&["thu", "tuc", "hanh", "chinh"]),
    ///     table.terms(&["tthc"]),
    /// );
    /// ```
    pub fn terms(&self, words: &[&str]) -> Vec<String> {
        let mut out = Vec::with_capacity(words.len());
        let mut at = 0;
        while at < words.len() {
            match self.matches_at(words, at).next() {
                Some((concept, len)) => {
                    out.push(concept_key(concept));
                    at += len;
                }
                None => {
                    out.push(words[at].to_string());
                    at += 1;
                }
            }
        }
        out
    }

    /// Every form matching at `at`: (concept, number of words), longest first.
    pub(super) fn matches_at<'a>(
        &'a self,
        words: &'a [&'a str],
        at: usize,
    ) -> impl Iterator<Item = (u32, usize)> + 'a {
        self.by_first
            .get(words[at])
            .into_iter()
            .flatten()
            .filter(move |(_, form)| {
                words.len() - at >= form.len() && form.iter().zip(&words[at..]).all(|(f, w)| f == w)
            })
            .map(|(c, form)| (*c, form.len()))
    }
}

/// Whether `inner` is a shorter contiguous run of words inside `outer`.
pub(super) fn contains_run<A: AsRef<str>, B: AsRef<str>>(outer: &[A], inner: &[B]) -> bool {
    inner.len() < outer.len()
        && outer.windows(inner.len()).any(|window| {
            window
                .iter()
                .zip(inner)
                .all(|(a, b)| a.as_ref() == b.as_ref())
        })
}

/// The vocabulary key of a concept: not a word (words never contain U+0001).
pub(super) fn concept_key(concept: u32) -> String {
    format!("\u{1}{concept}")
}
