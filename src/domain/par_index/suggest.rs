//! Suggesting criteria for a task from its words: the criteria whose names share the most
//! telling words with the task's content and product.
//!
//! Words are cut and folded by [`crate::domain::text::fold_words`] and abbreviations are
//! read as in search ([`Abbreviations::terms`]: "TTHC" and "thủ tục hành chính" are one
//! term). A shared word counts by how rare it is among the criterion names (a word in every
//! name tells nothing); a criterion of the plan area the task sits in weighs more. It
//! suggests; the drafter tags ([`super::tags`]).

use std::collections::{HashMap, HashSet};

use super::criteria::CriteriaSet;
use crate::domain::plan::Task;
use crate::domain::search::Abbreviations;
use crate::domain::template::AreaKey;
use crate::domain::text::fold_words;

/// Words that tie a sentence together and tell nothing of its subject (folded).
const FUNCTION_WORDS: &[&str] = &[
    "va", "cac", "cua", "trong", "theo", "duoc", "co", "cho", "tren", "ve", "voi", "de", "la",
    "tai", "do", "nhung", "nay", "khi", "tu", "den",
];

/// The least share of a name's weight a task must cover to be suggested.
const MIN_SHARE: f32 = 0.3;
/// How much more a criterion of the task's own area weighs.
const AREA_BOOST: f32 = 1.5;

/// A criterion suggested for a task.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The criterion's code: "3.2.1".
    pub code: String,
    /// Its name in the criteria set.
    pub name: String,
    /// The share of the criterion name's weight the text covers, 0 to 1.
    pub score: f32,
}

/// The criteria of a set, ready to be matched against tasks.
#[derive(Clone, Debug)]
pub struct Suggester {
    /// Per named criterion or component: code, name, its distinct terms and their total
    /// weight.
    items: Vec<(String, String, Vec<String>, f32)>,
    /// The reform area of each item's area, in the order of `items`.
    areas: Vec<Option<AreaKey>>,
    weight: HashMap<String, f32>,
}

/// A text's distinct terms, without function words.
fn terms(text: &str) -> Vec<String> {
    let words = fold_words(text);
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut seen = HashSet::new();
    Abbreviations::builtin()
        .terms(&refs)
        .into_iter()
        .filter(|t| !FUNCTION_WORDS.contains(&t.as_str()))
        .filter(|t| seen.insert(t.clone()))
        .collect()
}

impl Suggester {
    /// Reads the names of every criterion and component of `set` that has one.
    pub fn new(set: &CriteriaSet) -> Suggester {
        let named: Vec<(String, String, Vec<String>)> = set
            .entries()
            .filter(|e| e.level != super::criteria::Level::Area && !e.name.is_empty())
            .map(|e| (e.code.to_string(), e.name.to_string(), terms(e.name)))
            .collect();
        let mut count: HashMap<&str, usize> = HashMap::new();
        for (_, _, list) in &named {
            for term in list {
                *count.entry(term).or_default() += 1;
            }
        }
        let n = named.len().max(1) as f32;
        let weight: HashMap<String, f32> = count
            .into_iter()
            .map(|(term, df)| (term.to_string(), (1.0 + n / df as f32).ln()))
            .collect();
        let areas = named
            .iter()
            .map(|(code, _, _)| set.area_of(code).map(|a| a.area))
            .collect();
        let items = named
            .into_iter()
            .map(|(code, name, list)| {
                let total = list.iter().map(|t| weight[t]).sum();
                (code, name, list, total)
            })
            .collect();
        Suggester {
            items,
            areas,
            weight,
        }
    }

    /// The criteria whose names the text covers best, best first, at most `limit`.
    ///
    /// ```
    /// use cchc_plan::domain::par_index::{CriteriaSet, Suggester};
    /// let suggester = Suggester::new(CriteriaSet::builtin());
    /// let found = suggester.suggest("Công bố danh mục thủ tục hành chính của tỉnh", 3);
    /// assert_eq!(found[0].code, "3.2.1");
    /// ```
    pub fn suggest(&self, text: &str, limit: usize) -> Vec<Suggestion> {
        self.suggest_in(text, None, limit)
    }

    /// As [`Suggester::suggest`], the criteria of `area` (the plan area the text sits in)
    /// weighing half as much again.
    pub fn suggest_in(&self, text: &str, area: Option<AreaKey>, limit: usize) -> Vec<Suggestion> {
        let mine: HashSet<String> = terms(text).into_iter().collect();
        let mut out: Vec<Suggestion> = self
            .items
            .iter()
            .zip(&self.areas)
            .filter(|((_, _, _, total), _)| *total > 0.0)
            .filter_map(|((code, name, list, total), own_area)| {
                let shared: Vec<&String> = list.iter().filter(|t| mine.contains(*t)).collect();
                let share = shared.iter().map(|t| self.weight[*t]).sum::<f32>() / total;
                let boost = if area.is_some() && *own_area == area {
                    AREA_BOOST
                } else {
                    1.0
                };
                (shared.len() >= 2 && share >= MIN_SHARE).then(|| Suggestion {
                    code: code.clone(),
                    name: name.clone(),
                    score: share * boost,
                })
            })
            .collect();
        // Stable: equal scores keep the set's order.
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out.truncate(limit);
        out
    }

    /// The criteria suggested for a task (its content and product) in a plan area, leaving
    /// out those it already answers.
    pub fn suggest_for_task(
        &self,
        task: &Task,
        area: Option<AreaKey>,
        limit: usize,
    ) -> Vec<Suggestion> {
        let text = format!("{} {}", task.content, task.product);
        let mut found = self.suggest_in(&text, area, usize::MAX);
        found.retain(|s| !super::tags::answers(task, &s.code));
        found.truncate(limit);
        found
    }
}
