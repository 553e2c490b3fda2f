//! The 2025 rename table: which old names become which new ones, where a plan still writes
//! them (proposals), and applying the proposals a drafter accepts.
//!
//! It suggests no names while typing; that is the directory.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::super::plan::{Item, Plan, RowId, Task};
use super::matching::{agency_key, contains_words, is_district_level, tokens, words};
use super::{AgencyData, RenameRule};

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
    ///
    /// # Errors
    /// The JSON error when the text is not an agency file of that shape.
    pub fn from_json(json: &str) -> Result<RenameTable, serde_json::Error> {
        Ok(RenameTable::from_data(&AgencyData::from_json(json)?))
    }

    /// The rules of the data, each also matching the directory aliases of its old name.
    pub fn from_data(data: &AgencyData) -> RenameTable {
        let mut rules = data.renames.clone();
        // Each directory name folded once (not once per rule: this runs as the app starts).
        let folded: Vec<Vec<Vec<String>>> = data
            .agencies
            .iter()
            .map(|a| {
                std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .map(|n| words(n))
                    .collect()
            })
            .collect();
        for rule in &mut rules {
            let key = words(&rule.old);
            for (agency, spellings) in data.agencies.iter().zip(&folded) {
                if spellings.contains(&key) {
                    let names = std::iter::once(&agency.name).chain(&agency.aliases);
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
            let hit = self.by_first.get(&toks[i].folded).and_then(|candidates| {
                candidates
                    .iter()
                    .map(|&p| &self.patterns[p])
                    .find(|(w, _)| {
                        toks.len() - i >= w.len()
                            && toks[i..i + w.len()]
                                .iter()
                                .zip(w)
                                .all(|(t, w)| t.folded == *w)
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
            runs.last_mut().expect("one run").push(t.folded.clone());
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

#[cfg(test)]
mod tests;
