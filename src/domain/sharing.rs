//! Sharing between provinces: what a file holds before anything changes, and merging a
//! template file into the user's own library without losing or doubling anything.
//!
//! An incoming template is **identical** to one the app already has (built-in or the
//! user's) when its content, product, agencies, deadline, budget, area and PAR INDEX
//! criteria codes read the same once folded (case, diacritics and spacing aside): it is
//! skipped. It is **similar** when
//! only its content reads the same: it is kept, marked with [`Template::similar_to`]. Every
//! other template is **new**. Ids and source ids that clash with existing ones are renamed,
//! so nothing of the user's is overwritten.
//!
//! ```
//! use cchc_plan::domain::library::{AreaKey, Source, Template, TemplateSet};
//! use cchc_plan::domain::sharing::{merge_templates, preview_merge};
//! let source = Source { id: "hy".into(), province: "Hưng Yên".into(), year: Some(2027), ..Source::default() };
//! let task = |id: &str, content: &str| Template::new(id, "hy", AreaKey::Procedures, content);
//! let mut mine = TemplateSet { sources: vec![source.clone()], templates: vec![task("a", "Rà soát TTHC")] };
//! let file = TemplateSet { sources: vec![source], templates: vec![task("a", "Rà soát TTHC"), task("b", "Số hóa hồ sơ")] };
//! let preview = preview_merge(&[], &mine, &file);
//! assert_eq!((preview.new, preview.identical, preview.similar), (1, 1, 0));
//! merge_templates(&mut mine, &[], file);
//! assert_eq!(mine.templates.len(), 2);
//! ```

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};

use super::library::{Source, Template, TemplateSet};
use super::text::{fold_key, fold_key_into};

/// What merging a template file would do, shown before the drafter confirms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergePreview {
    pub new: usize,
    pub identical: usize,
    pub similar: usize,
}

/// The folded words of a text, joined: equal for texts that differ only in case,
/// diacritics, spacing or punctuation.
fn folded(text: &str) -> String {
    fold_key(text)
}

/// Every compared field of a template but its content, folded:
/// "area|product|lead;lead|partner;partner|deadline|budget|criterion;criterion" (the
/// criteria by code: a template tagged with other criteria is not the same template).
fn details(t: &Template) -> String {
    let mut out = String::with_capacity(t.product.len() + t.deadline.len() + 48);
    out.push_str(t.area.key());
    out.push('|');
    fold_key_into(&t.product, &mut out);
    for names in [&t.lead, &t.partners] {
        out.push('|');
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            fold_key_into(name, &mut out);
        }
    }
    out.push('|');
    fold_key_into(&t.deadline, &mut out);
    out.push('|');
    if let Some(budget) = t.budget {
        out.push_str(&budget.to_plain());
    }
    out.push('|');
    for (i, criterion) in t.criteria.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(criterion.code.trim());
    }
    out
}

enum Verdict {
    New,
    Identical,
    Similar(String),
}

/// The templates the app already has, indexed for comparison: each distinct folded content
/// gets a number and the id of its first template; a template is then known by that number
/// and its other fields (so long contents are hashed once).
struct Known {
    /// FxHash (rustc-hash): merging a large file hashes every template's folded content
    /// and details once, and these keys come from the app's own data, not an attacker.
    contents: FxHashMap<String, (usize, String)>,
    fingerprints: FxHashSet<(usize, String)>,
}

impl Known {
    fn new<'a>(all: impl Iterator<Item = &'a Template>) -> Known {
        let mut known = Known {
            contents: HashMap::default(),
            fingerprints: HashSet::default(),
        };
        for t in all {
            known.judge_and_add(t);
        }
        known
    }

    /// How `t` compares with the templates known so far; then it is known too.
    fn judge_and_add(&mut self, t: &Template) -> Verdict {
        let next = self.contents.len();
        match self.contents.entry(folded(&t.content)) {
            Entry::Occupied(entry) => {
                let (number, first) = entry.get();
                if self.fingerprints.insert((*number, details(t))) {
                    Verdict::Similar(first.clone())
                } else {
                    Verdict::Identical
                }
            }
            Entry::Vacant(entry) => {
                entry.insert((next, t.id.clone()));
                self.fingerprints.insert((next, details(t)));
                Verdict::New
            }
        }
    }
}

/// Counts what merging `incoming` into `user` would do, given the built-in templates.
pub fn preview_merge(
    builtin: &[Template],
    user: &TemplateSet,
    incoming: &TemplateSet,
) -> MergePreview {
    let mut known = Known::new(builtin.iter().chain(&user.templates));
    let mut preview = MergePreview::default();
    for t in &incoming.templates {
        match known.judge_and_add(t) {
            Verdict::Identical => preview.identical += 1,
            Verdict::Similar(_) => preview.similar += 1,
            Verdict::New => preview.new += 1,
        }
    }
    preview
}

/// Merges `incoming` into the user's library as [`preview_merge`] announced: identical
/// templates are skipped, similar ones kept and marked, clashing ids renamed. Returns
/// what was done.
pub fn merge_templates(
    user: &mut TemplateSet,
    builtin: &[Template],
    incoming: TemplateSet,
) -> MergePreview {
    let mut known = Known::new(builtin.iter().chain(&user.templates));
    let mut ids: HashSet<String> = builtin
        .iter()
        .chain(&user.templates)
        .map(|t| t.id.clone())
        .collect();
    let mut source_ids: HashMap<String, String> = HashMap::new();
    for source in incoming.sources {
        let id = match user.sources.iter().find(|s| s.id == source.id) {
            Some(existing) if *existing == source => existing.id.clone(),
            Some(_) => {
                let fresh = fresh_id(&source.id, |candidate| {
                    user.sources.iter().any(|s| s.id == candidate)
                });
                user.sources.push(Source {
                    id: fresh.clone(),
                    ..source.clone()
                });
                fresh
            }
            None => {
                user.sources.push(source.clone());
                source.id.clone()
            }
        };
        source_ids.insert(source.id, id);
    }
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut preview = MergePreview::default();
    for mut t in incoming.templates {
        match known.judge_and_add(&t) {
            Verdict::Identical => {
                preview.identical += 1;
                continue;
            }
            Verdict::Similar(existing) => {
                preview.similar += 1;
                t.similar_to = Some(existing);
            }
            Verdict::New => preview.new += 1,
        }
        if ids.contains(&t.id) {
            let fresh = fresh_id(&t.id, |candidate| ids.contains(candidate));
            renamed.insert(t.id.clone(), fresh.clone());
            t.id = fresh;
        }
        if let Some(source) = source_ids.get(&t.source) {
            t.source = source.clone();
        }
        ids.insert(t.id.clone());
        user.templates.push(t);
    }
    // Sub-tasks follow their parent's new id; a parent that was skipped leaves them whole.
    let kept: HashSet<String> = user.templates.iter().map(|t| t.id.clone()).collect();
    for t in &mut user.templates {
        if let Some(parent) = &t.parent {
            if let Some(new) = renamed.get(parent) {
                t.parent = Some(new.clone());
            } else if !kept.contains(parent) {
                t.parent = None;
            }
        }
    }
    preview
}

/// `id~2`, `id~3`, … the first that is free.
pub fn fresh_id(id: &str, taken: impl Fn(&str) -> bool) -> String {
    (2..)
        .map(|n| format!("{id}~{n}"))
        .find(|candidate| !taken(candidate))
        .expect("some id is free")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::library::{builtin, AreaKey};
    use crate::domain::money::Money;

    fn source(id: &str, province: &str) -> Source {
        Source {
            id: id.into(),
            province: province.into(),
            year: Some(2027),
            ..Source::default()
        }
    }

    fn task(id: &str, source: &str, content: &str) -> Template {
        Template::new(id, source, AreaKey::Procedures, content)
    }

    #[test]
    fn identical_similar_and_new_are_told_apart() {
        let builtin = builtin().templates();
        let copy_of_builtin = builtin[0].clone();
        let mut changed = builtin[1].clone();
        changed.deadline = "Quý IV/2027".into();
        let mut same_but_spelled = builtin[2].clone();
        same_but_spelled.content = same_but_spelled.content.to_uppercase();
        same_but_spelled.id = "other-id".into();
        let incoming = TemplateSet {
            sources: vec![source("ld", "Lâm Đồng")],
            templates: vec![
                copy_of_builtin,
                changed,
                same_but_spelled,
                task("n1", "ld", "Một việc hoàn toàn mới"),
            ],
        };
        let mut user = TemplateSet::default();
        let preview = preview_merge(builtin, &user, &incoming);
        assert_eq!(
            preview,
            MergePreview {
                new: 1,
                identical: 2,
                similar: 1
            }
        );
        let done = merge_templates(&mut user, builtin, incoming);
        assert_eq!(done, preview);
        assert_eq!(user.templates.len(), 2);
        let similar = user
            .templates
            .iter()
            .find(|t| t.similar_to.is_some())
            .unwrap();
        assert_eq!(similar.similar_to.as_deref(), Some(builtin[1].id.as_str()));
        // Its id clashed with the built-in one: renamed, not overwritten.
        assert_eq!(similar.id, format!("{}~2", builtin[1].id));
    }

    #[test]
    fn a_template_tagged_with_other_criteria_is_similar_not_identical() {
        use crate::domain::library::Criterion;
        let tagged = |code: &str| {
            let mut t = task("a", "hy", "Công bố danh mục TTHC");
            t.criteria = vec![Criterion {
                code: code.into(),
                ..Criterion::default()
            }];
            t
        };
        let mine = TemplateSet {
            sources: vec![source("hy", "Hưng Yên")],
            templates: vec![tagged("3.2.1")],
        };
        let file = TemplateSet {
            sources: vec![source("hy", "Hưng Yên")],
            templates: vec![tagged("3.2.1"), tagged("3.2.2")],
        };
        let preview = preview_merge(&[], &mine, &file);
        assert_eq!((preview.new, preview.identical, preview.similar), (0, 1, 1));
    }

    #[test]
    fn merging_twice_adds_nothing_the_second_time() {
        let incoming = TemplateSet {
            sources: vec![source("ld", "Lâm Đồng")],
            templates: vec![
                task("a", "ld", "Rà soát TTHC"),
                task("b", "ld", "Số hóa hồ sơ"),
            ],
        };
        let mut user = TemplateSet::default();
        merge_templates(&mut user, &[], incoming.clone());
        let again = merge_templates(&mut user, &[], incoming);
        assert_eq!(
            again,
            MergePreview {
                new: 0,
                identical: 2,
                similar: 0
            }
        );
        assert_eq!(user.templates.len(), 2);
        assert_eq!(user.sources.len(), 1);
    }

    #[test]
    fn clashing_sources_and_parents_are_renamed_consistently() {
        let mut user = TemplateSet {
            sources: vec![source("s", "Hưng Yên")],
            templates: vec![task("p", "s", "Việc của tôi")],
        };
        let mut child = task("c", "s", "Việc con");
        child.parent = Some("p".into());
        let mut parent = task("p", "s", "Việc cha của tỉnh khác");
        parent.budget = Some(Money::from_trieu(5));
        let incoming = TemplateSet {
            sources: vec![source("s", "Lâm Đồng")],
            templates: vec![parent, child],
        };
        merge_templates(&mut user, &[], incoming);
        assert_eq!(user.sources.len(), 2);
        assert_eq!(user.sources[1].id, "s~2");
        let parent = &user.templates[1];
        let child = &user.templates[2];
        assert_eq!((parent.id.as_str(), parent.source.as_str()), ("p~2", "s~2"));
        assert_eq!(child.parent.as_deref(), Some("p~2"));
        assert_eq!(
            user.templates[0].id, "p",
            "the user's own template is untouched"
        );
    }
}
