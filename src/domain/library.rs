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

use serde::{Deserialize, Serialize};

use super::file_format::{read_templates, FileError};
use super::money::Money;
use super::plan::{Plan, RowId, Task};
use super::search::{Filter, Hit, SearchIndex};

/// A reform area (lĩnh vực), as a stable key; the files store the snake_case name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaKey {
    /// Công tác chỉ đạo, điều hành.
    Direction,
    /// Cải cách thể chế.
    Institutions,
    /// Cải cách thủ tục hành chính.
    Procedures,
    /// Cải cách tổ chức bộ máy hành chính nhà nước.
    Organisation,
    /// Cải cách chế độ công vụ.
    CivilService,
    /// Cải cách tài chính công.
    PublicFinance,
    /// Xây dựng và phát triển Chính quyền điện tử, Chính quyền số.
    DigitalGovernment,
    /// Phân cấp quản lý nhà nước.
    Decentralisation,
    /// Phát triển kinh tế - xã hội (a PAR INDEX area).
    SocioEconomic,
    /// Anything else.
    Other,
}

impl AreaKey {
    /// Every area, in the order plans use.
    pub const ALL: [AreaKey; 10] = [
        AreaKey::Direction,
        AreaKey::Institutions,
        AreaKey::Procedures,
        AreaKey::Organisation,
        AreaKey::CivilService,
        AreaKey::PublicFinance,
        AreaKey::DigitalGovernment,
        AreaKey::Decentralisation,
        AreaKey::SocioEconomic,
        AreaKey::Other,
    ];

    /// The key written in files: "direction", "civil_service", ...
    pub fn key(self) -> &'static str {
        match self {
            AreaKey::Direction => "direction",
            AreaKey::Institutions => "institutions",
            AreaKey::Procedures => "procedures",
            AreaKey::Organisation => "organisation",
            AreaKey::CivilService => "civil_service",
            AreaKey::PublicFinance => "public_finance",
            AreaKey::DigitalGovernment => "digital_government",
            AreaKey::Decentralisation => "decentralisation",
            AreaKey::SocioEconomic => "socio_economic",
            AreaKey::Other => "other",
        }
    }

    /// The area for a key written in files.
    pub fn from_key(key: &str) -> Option<AreaKey> {
        AreaKey::ALL.into_iter().find(|a| a.key() == key)
    }

    /// The standard Vietnamese heading of the area.
    pub fn title_vi(&self) -> &'static str {
        match self {
            AreaKey::Direction => "Công tác chỉ đạo, điều hành",
            AreaKey::Institutions => "Cải cách thể chế",
            AreaKey::Procedures => "Cải cách thủ tục hành chính",
            AreaKey::Organisation => "Cải cách tổ chức bộ máy hành chính nhà nước",
            AreaKey::CivilService => "Cải cách chế độ công vụ",
            AreaKey::PublicFinance => "Cải cách tài chính công",
            AreaKey::DigitalGovernment => {
                "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"
            }
            AreaKey::Decentralisation => "Phân cấp quản lý nhà nước",
            AreaKey::SocioEconomic => "Phát triển kinh tế - xã hội",
            AreaKey::Other => "Nhiệm vụ khác",
        }
    }
}

/// A document templates were drawn from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The id templates refer to, e.g. "seed-002".
    pub id: String,
    /// The seed file name, for built-in sources.
    #[serde(default)]
    pub file: String,
    #[serde(default)]
    pub province: String,
    /// The year the plan is for.
    #[serde(default)]
    pub year: Option<i32>,
    /// The issuing document's number as written, e.g. "1887/QĐ-UBND"; empty if not given.
    #[serde(default)]
    pub document: String,
    /// The issuing date as written, e.g. "18/12/2020"; empty if not given.
    #[serde(default)]
    pub document_date: String,
    #[serde(default)]
    pub title: String,
}

impl Source {
    /// Where a template comes from, for people: province and year, then the issuing
    /// document with its kind ("Đắk Nông 2021, QĐ 1887/QĐ-UBND"; "Hưng Yên 2024").
    pub fn provenance(&self) -> String {
        let mut out = self.province.clone();
        if let Some(year) = self.year {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&year.to_string());
        }
        if !self.document.is_empty() {
            if !out.is_empty() {
                out.push_str(", ");
            }
            // "1887/QĐ-UBND" is a Quyết định (QĐ), "271/KH-UBND" a Kế hoạch (KH).
            let kind = self
                .document
                .split('/')
                .nth(1)
                .and_then(|s| s.split('-').next())
                .filter(|k| !k.is_empty() && !k.chars().any(|c| c.is_ascii_digit()));
            if let Some(kind) = kind {
                out.push_str(kind);
                out.push(' ');
            }
            out.push_str(&self.document);
        }
        if out.is_empty() {
            out = self.id.clone();
        }
        out
    }
}

/// A PAR INDEX criterion a template answers, with the score that prompted it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// The criterion code, e.g. "3.2.1".
    pub code: String,
    /// Its name, as the source wrote it.
    #[serde(default)]
    pub title: String,
    /// Points achieved out of the maximum, as written: "0/0,5".
    #[serde(default)]
    pub score: String,
    /// The year of that score.
    #[serde(default)]
    pub year: Option<i32>,
}

impl Criterion {
    /// The criterion as a drafter reads it: "Tiêu chí 3.2.1: 0/0,5".
    pub fn label(&self) -> String {
        if self.score.is_empty() {
            format!("Tiêu chí {}", self.code)
        } else {
            format!("Tiêu chí {}: {}", self.code, self.score)
        }
    }
}

/// One reusable task. Unknown fields in a file are ignored (see docs/file-format.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// Stable id; built-in ids never change.
    pub id: String,
    /// The id of its [`Source`].
    pub source: String,
    pub area: AreaKey,
    /// The area heading as the source wrote it.
    #[serde(default)]
    pub area_title: String,
    /// Group headings above the task, outermost first.
    #[serde(default)]
    pub group: Vec<String>,
    /// The id of the template this one is a sub-task of.
    #[serde(default)]
    pub parent: Option<String>,
    /// "Nội dung, nhiệm vụ".
    pub content: String,
    /// "Sản phẩm".
    #[serde(default)]
    pub product: String,
    /// "Cơ quan chủ trì".
    #[serde(default)]
    pub lead: Vec<String>,
    /// "Cơ quan phối hợp".
    #[serde(default)]
    pub partners: Vec<String>,
    /// "Thời gian thực hiện", exactly as written.
    #[serde(default)]
    pub deadline: String,
    /// "Kinh phí" in triệu đồng.
    #[serde(default)]
    pub budget: Option<Money>,
    /// "Ghi chú".
    #[serde(default)]
    pub note: String,
    /// PAR INDEX criteria the task answers (seed 001).
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// Where the curation repaired the seed's text (built-in templates only): what the seed
    /// had and why it was repaired. Written only when there is one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repairs: Vec<Repair>,
    /// Set on an imported template whose content matches an existing template with other
    /// details: the id of that template, so the library can mark the pair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similar_to: Option<String>,
}

impl Template {
    /// A template with its required fields; everything else empty.
    pub fn new(
        id: impl Into<String>,
        source: impl Into<String>,
        area: AreaKey,
        content: impl Into<String>,
    ) -> Template {
        Template {
            id: id.into(),
            source: source.into(),
            area,
            area_title: String::new(),
            group: Vec::new(),
            parent: None,
            content: content.into(),
            product: String::new(),
            lead: Vec::new(),
            partners: Vec::new(),
            deadline: String::new(),
            budget: None,
            note: String::new(),
            criteria: Vec::new(),
            repairs: Vec::new(),
            similar_to: None,
        }
    }
}

/// One repair of a seed's text by the curation (tools/curate_seeds.py): the field, the
/// cell exactly as the seed has it, and why it was repaired (Vietnamese).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    /// The template field repaired: "content", "product", "lead", "partners", "note", ...
    pub field: String,
    /// The cell as the seed has it (an agency cell before it is split into a list).
    pub seed: String,
    pub why: String,
}

/// The content of one template file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TemplateSet {
    pub sources: Vec<Source>,
    pub templates: Vec<Template>,
}

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
/// source's year is known and differs from `plan_year`, `shift_years` rewrites it.
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
mod tests;
