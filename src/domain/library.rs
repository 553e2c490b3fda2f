//! The template library: tasks drawn from published plans, ready to reuse.
//!
//! A [`TemplateSet`] is what one template file holds (see `docs/file-format.md`): the
//! documents it was drawn from ([`Source`]) and their tasks ([`Template`]), in document
//! order. A [`Library`] joins several sets and looks templates and sources up by id.
//!
//! The built-in library ([`builtin`]) is the five seed plans, curated by
//! `tools/curate_seeds.py` into `data/templates/*.json` and embedded at compile time.
//!
//! ```
//! use cchc_plan::domain::library::{builtin, plan_from_source};
//! let library = builtin();
//! let plan = plan_from_source(library, "seed-002", "p1").unwrap();
//! assert_eq!(plan.budget_totals().grand.to_string(), "936");
//! assert_eq!(plan.numbers()[..3], ["I", "1", "1.1"]);
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use super::file_format::{read_templates, FileError};
use super::plan::{Plan, RowId, Task};
use super::search::{Filter, Hit, SearchIndex};

pub use super::template::{AreaKey, Criterion, Repair, Source, Template, TemplateSet};

// The library's tests (library/tests.rs) read `Money` through `use super::*`.
#[cfg(test)]
use super::money::Money;

/// Templates and sources from one or more sets, with lookups by id.
#[derive(Debug)]
pub struct Library {
    sources: Vec<Source>,
    templates: Vec<Template>,
    by_id: HashMap<String, usize>,
    source_by_key: HashMap<String, usize>,
    index: OnceLock<SearchIndex>,
}

impl Library {
    /// Joins template sets; ids of templates and of sources must be unique across them.
    ///
    /// # Errors
    /// [`FileError`] naming the first template or source id found in two sets.
    pub fn new(sets: impl IntoIterator<Item = TemplateSet>) -> Result<Library, FileError> {
        let mut library = Library {
            sources: Vec::new(),
            templates: Vec::new(),
            by_id: HashMap::new(),
            source_by_key: HashMap::new(),
            index: OnceLock::new(),
        };
        for set in sets {
            for source in set.sources {
                if library.source_by_key.contains_key(&source.id) {
                    return Err(FileError::Invalid(format!(
                        "nguồn \"{}\" có trong hai tệp",
                        source.id
                    )));
                }
                let position = library.sources.len();
                let stem = source.file.rsplit_once('.').map(|(s, _)| s.to_string());
                for key in [Some(source.id.clone()), Some(source.file.clone()), stem]
                    .into_iter()
                    .flatten()
                    .filter(|k| !k.is_empty())
                {
                    library.source_by_key.entry(key).or_insert(position);
                }
                library.sources.push(source);
            }
            for template in set.templates {
                if library.by_id.contains_key(&template.id) {
                    return Err(FileError::Invalid(format!(
                        "mẫu \"{}\" có trong hai tệp",
                        template.id
                    )));
                }
                library
                    .by_id
                    .insert(template.id.clone(), library.templates.len());
                library.templates.push(template);
            }
        }
        Ok(library)
    }

    /// Every template, sets in the order given, each in document order.
    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    pub fn template(&self, id: &str) -> Option<&Template> {
        self.position(id).map(|i| &self.templates[i])
    }

    /// The index of a template in [`Library::templates`] (what search hits refer to).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// A source by its id, its seed file name or that name without extension.
    pub fn source(&self, id_or_file: &str) -> Option<&Source> {
        self.source_by_key
            .get(id_or_file)
            .map(|&i| &self.sources[i])
    }

    /// The source a template was drawn from.
    pub fn source_of(&self, template: &Template) -> Option<&Source> {
        self.source(&template.source)
    }

    /// The templates of a source (given by id or file name), in document order.
    pub fn templates_of<'a>(&'a self, source: &str) -> impl Iterator<Item = &'a Template> + 'a {
        let id = self.source(source).map(|s| s.id.clone());
        self.templates
            .iter()
            .filter(move |t| Some(&t.source) == id.as_ref())
    }

    /// The sub-tasks of a template, in document order.
    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Template> + 'a {
        self.templates
            .iter()
            .filter(move |t| t.parent.as_deref() == Some(id))
    }

    /// The search index over every template, built on first use.
    pub fn search_index(&self) -> &SearchIndex {
        self.index.get_or_init(|| SearchIndex::new(&self.templates))
    }

    /// Whether the search index is built (searching will not build it first).
    pub fn has_search_index(&self) -> bool {
        self.index.get().is_some()
    }

    /// Takes an index built elsewhere (a slice at a time, see [`SearchIndex::extend`]) as
    /// this library's. Returns whether it did: not when the library already has one, nor
    /// when `index` does not hold as many templates as the library.
    pub fn adopt_search_index(&self, index: SearchIndex) -> bool {
        index.len() == self.templates.len() && self.index.set(index).is_ok()
    }

    /// Searches every template; hits index [`Library::templates`], best first.
    pub fn search(&self, query: &str, filter: &Filter) -> Vec<Hit> {
        self.search_index().search_filtered(query, filter)
    }

    /// The first `limit` hits of [`Library::search`], found faster.
    pub fn search_top(&self, query: &str, filter: &Filter, limit: usize) -> Vec<Hit> {
        self.search_index().search_top(query, filter, limit)
    }

    /// A task from a template for a plan of `plan_year`, its deadline moved from the
    /// source's year by `shift_years`.
    pub fn task_from(&self, template: &Template, plan_year: i32, shift_years: ShiftYears) -> Task {
        let source_year = self.source_of(template).and_then(|s| s.year);
        template_to_task(template, source_year, plan_year, shift_years)
    }
}

/// The template files built into the app: one per seed plan, as build.rs copies them from
/// `data/templates/` (without the whitespace between tokens).
const BUILTIN_FILES: [(&str, &str); 5] = [
    (
        "000_38c3f0ead9d0b132.json",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/templates/000_38c3f0ead9d0b132.json"
        )),
    ),
    (
        "001_55a94b4152f931ed.json",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/templates/001_55a94b4152f931ed.json"
        )),
    ),
    (
        "002_591ff2b9d60f55ba.json",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/templates/002_591ff2b9d60f55ba.json"
        )),
    ),
    (
        "003_21101acb890616cb.json",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/templates/003_21101acb890616cb.json"
        )),
    ),
    (
        "004_3d993c84cca7b04f.json",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/templates/004_3d993c84cca7b04f.json"
        )),
    ),
];

/// The names and (compact) texts of the built-in template files.
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    &BUILTIN_FILES
}

/// The built-in library, read once.
pub fn builtin() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let sets = BUILTIN_FILES.iter().map(|(name, text)| {
            read_templates(text).unwrap_or_else(|e| panic!("built-in template file {name}: {e}"))
        });
        Library::new(sets).unwrap_or_else(|e| panic!("built-in template library: {e}"))
    })
}

/// The built-in templates repeated up to `count`, each copy with its own ids ("…#2") and
/// its sub-templates pointing to their parent in the same copy: a large library for the
/// benchmarks (25.000 templates stand for many provinces' shared files).
///
/// ```
/// use cchc_plan::domain::library::{builtin, repeated_builtin};
/// let many = repeated_builtin(1000);
/// assert_eq!(many.len(), 1000);
/// let first = &builtin().templates()[0];
/// assert_eq!(many[0].id, format!("{}#0", first.id));
/// assert_eq!(many[builtin().templates().len()].id, format!("{}#1", first.id));
/// ```
pub fn repeated_builtin(count: usize) -> Vec<Template> {
    let base = builtin().templates();
    (0..)
        .flat_map(|copy| {
            base.iter().map(move |t| Template {
                id: format!("{}#{copy}", t.id),
                parent: t.parent.as_ref().map(|p| format!("{p}#{copy}")),
                ..t.clone()
            })
        })
        .take(if base.is_empty() { 0 } else { count })
        .collect()
}

/// Moves the years in a deadline text from one year to another: `(text, from, to)`.
/// The deadlines module provides the real one; [`keep_years`] leaves the text as it is.
pub type ShiftYears = fn(&str, i32, i32) -> String;

/// A [`ShiftYears`] that keeps the deadline exactly as written.
pub fn keep_years(text: &str, _from: i32, _to: i32) -> String {
    text.to_string()
}

/// A plan task from a template. The deadline is the one place a year changes: when the
/// source's year is known and differs from `plan_year`, `shift_years` rewrites it. The
/// template's PAR INDEX criteria become the task's tags (their codes).
pub fn template_to_task(
    template: &Template,
    source_year: Option<i32>,
    plan_year: i32,
    shift_years: ShiftYears,
) -> Task {
    let deadline = match source_year {
        Some(from) if from != plan_year && !template.deadline.is_empty() => {
            shift_years(&template.deadline, from, plan_year)
        }
        _ => template.deadline.clone(),
    };
    Task {
        content: template.content.clone(),
        product: template.product.clone(),
        lead: template.lead.clone(),
        partners: template.partners.clone(),
        deadline,
        budget: template.budget,
        note: template.note.clone(),
        template: Some(template.id.clone()),
        progress: Default::default(),
        criteria: template.criteria.iter().map(|c| c.code.clone()).collect(),
    }
}

/// Recreates the appendix of a source (given by id or seed file name) as a new plan, in its
/// order and numbering: one area per distinct area in document order, titled as the source
/// titled it; groups from the templates' group paths; tasks; sub-tasks under their parent.
/// Province, year, title and issuing document come from the source.
pub fn plan_from_source(
    library: &Library,
    source: &str,
    plan_id: impl Into<String>,
) -> Option<Plan> {
    let source = library.source(source)?;
    let year = source.year.unwrap_or_default();
    let mut plan = Plan::new(plan_id, source.province.clone(), year);
    if !source.title.is_empty() {
        plan.title = source.title.clone();
    }
    plan.document_number = source.document.clone();
    plan.document_date = source.document_date.clone();

    // Areas by (key, title), each with its row and the group it currently fills.
    struct AreaRow {
        key: AreaKey,
        title: String,
        row: RowId,
        group: Option<(String, RowId)>,
    }
    let mut areas: Vec<AreaRow> = Vec::new();
    let mut rows: HashMap<&str, RowId> = HashMap::new();
    for template in library.templates_of(&source.id) {
        let title = if template.area_title.is_empty() {
            template.area.title_vi().to_string()
        } else {
            template.area_title.clone()
        };
        let area_pos = match areas
            .iter()
            .position(|a| a.key == template.area && a.title == title)
        {
            Some(pos) => pos,
            None => {
                let last = areas.last().map(|a| a.row);
                let row = plan.add_area_titled(last, title.clone());
                areas.push(AreaRow {
                    key: template.area,
                    title,
                    row,
                    group: None,
                });
                areas.len() - 1
            }
        };
        let area_row = areas[area_pos].row;
        let task = template_to_task(template, source.year, year, keep_years);
        let parent_row = template
            .parent
            .as_deref()
            .and_then(|p| rows.get(p))
            .copied();
        let row = if let Some(parent_row) = parent_row {
            let row = plan.add_task_with(Some(parent_row), task);
            plan.indent(row);
            row
        } else if template.group.is_empty() {
            areas[area_pos].group = None;
            plan.add_task_with(Some(area_row), task)
        } else {
            let group_title = template.group.join(" / ");
            let group_row = match &areas[area_pos].group {
                Some((t, row)) if *t == group_title => *row,
                _ => {
                    let row = plan.add_group_titled(Some(area_row), group_title.clone());
                    areas[area_pos].group = Some((group_title, row));
                    row
                }
            };
            plan.add_task_with(Some(group_row), task)
        };
        rows.insert(&template.id, row);
    }
    Some(plan)
}

mod placing;
pub use placing::{add_template, add_templates, area_of_heading, find_area, Added};

#[cfg(test)]
mod curation_tests;
#[cfg(test)]
mod tests;
