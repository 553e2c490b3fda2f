//! The drafter's own templates next to the built-in ones: the combined [`Library`] the panel
//! searches (rebuilt only when the drafter's set changes), saving a task of the plan as a
//! template, and merging a template file in.
//!
//! The drafter's set is kept by [`super::plans::Persistence::user_templates`]; its templates
//! come after the built-in ones in the combined library, so an index below
//! [`builtin_count`] is a built-in (read-only) template.

use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

use super::plans::Persistence;
use crate::domain::library::{
    area_of_heading, builtin, AreaKey, Library, Source, Template, TemplateSet,
};
use crate::domain::plan::{Plan, RowId, RowKind};
use crate::domain::sharing::{merge_templates, preview_merge, MergePreview};
use crate::domain::text::file_slug;

/// The title of the source of templates the drafter saved from their own plans.
pub const OWN_TITLE: &str = "Của tôi";

/// One build of the combined library. Equal only to itself, so every rebuild notifies.
#[derive(Clone)]
pub struct Shared {
    pub library: Arc<Library>,
    /// Counts builds: changes whenever the library does (keys of rendered results).
    pub generation: u64,
}

impl PartialEq for Shared {
    fn eq(&self, other: &Shared) -> bool {
        self.generation == other.generation && Arc::ptr_eq(&self.library, &other.library)
    }
}

/// Handles to the combined library; `Copy`, shared through context.
#[derive(Clone, Copy)]
pub struct UserLibrary {
    pub plans: Persistence,
    /// Built-in plus the drafter's templates; recomputed only when the drafter's set changes.
    pub library: Memo<Shared>,
    /// Templates ticked in the library panel, by id ("Xuất thư viện" exports them).
    pub selected: RwSignal<HashSet<String>>,
}

impl UserLibrary {
    pub fn new(plans: Persistence) -> UserLibrary {
        let library = Memo::new(move |_| {
            static GENERATION: AtomicU64 = AtomicU64::new(0);
            let library = plans.user_templates.with(combine);
            Shared {
                library: Arc::new(library),
                generation: GENERATION.fetch_add(1, Ordering::Relaxed),
            }
        });
        UserLibrary {
            plans,
            library,
            selected: RwSignal::new(HashSet::new()),
        }
    }

    /// The combined library as it is now, tracked.
    pub fn get(&self) -> Arc<Library> {
        self.library.with(|s| s.library.clone())
    }

    /// The combined library as it is now, untracked.
    pub fn get_untracked(&self) -> Arc<Library> {
        self.library.with_untracked(|s| s.library.clone())
    }
}

/// How many templates are built in: the first ones of the combined library.
pub fn builtin_count() -> usize {
    builtin().templates().len()
}

/// The built-in library followed by the drafter's set. Sources of the drafter's set that are
/// built-in ones (imported files may list them) are left out, so are repeated ids: the
/// library never refuses the drafter's set.
pub fn combine(user: &TemplateSet) -> Library {
    let base = builtin();
    // Every key a source is found by (id, file name, file stem), as the library indexes them.
    fn keys(source: &Source) -> impl Iterator<Item = &str> {
        let stem = source.file.rsplit_once('.').map(|(stem, _)| stem);
        [Some(source.id.as_str()), Some(source.file.as_str()), stem]
            .into_iter()
            .flatten()
            .filter(|k| !k.is_empty())
    }
    let mut taken: HashSet<&str> = base.sources().iter().flat_map(keys).collect();
    let mut sources: Vec<Source> = Vec::new();
    for source in &user.sources {
        if !taken.contains(source.id.as_str()) {
            taken.extend(keys(source));
            sources.push(source.clone());
        }
    }
    let mut ids: HashSet<&str> = base.templates().iter().map(|t| t.id.as_str()).collect();
    let templates: Vec<Template> = user
        .templates
        .iter()
        .filter(|t| ids.insert(t.id.as_str()))
        .cloned()
        .collect();
    let base_set = || TemplateSet {
        sources: base.sources().to_vec(),
        templates: base.templates().to_vec(),
    };
    Library::new([base_set(), TemplateSet { sources, templates }])
        .unwrap_or_else(|_| Library::new([base_set()]).expect("the built-in library reads"))
}

/// What merging `incoming` into the drafter's set would do.
pub fn preview(user: &TemplateSet, incoming: &TemplateSet) -> MergePreview {
    preview_merge(builtin().templates(), user, incoming)
}

/// Merges a template file into the drafter's set as [`preview`] announced. Sources equal to
/// built-in ones are not copied; sources that only share a built-in id are renamed.
pub fn merge_into(user: &mut TemplateSet, incoming: TemplateSet) -> MergePreview {
    let base = builtin();
    let builtin_sources = base.sources().len();
    let mut sources = base.sources().to_vec();
    sources.append(&mut user.sources);
    user.sources = sources;
    let done = merge_templates(user, base.templates(), incoming);
    user.sources.drain(..builtin_sources);
    done
}

/// The source of the templates the drafter saves from a plan: "user-lam-dong-2027".
pub fn own_source(plan: &Plan) -> Source {
    let slug = file_slug(&plan.province).to_lowercase();
    let id = if slug.is_empty() {
        format!("user-{}", plan.year)
    } else {
        format!("user-{slug}-{}", plan.year)
    };
    Source {
        id,
        province: plan.province.trim().to_string(),
        year: Some(plan.year),
        title: OWN_TITLE.to_string(),
        ..Source::default()
    }
}

/// A template from a task row of the plan, with a fresh id. The area comes from the heading
/// of the task's area (as the library reads headings), else "other".
pub fn template_from_task(
    plan: &Plan,
    row: RowId,
    library: &Library,
    source: &Source,
) -> Result<Template, String> {
    let task = plan.row(row).and_then(|r| r.task()).ok_or(
        "Hãy chọn một dòng nhiệm vụ (không phải lĩnh vực hay nhóm) rồi bấm “Lưu vào thư viện”.",
    )?;
    if task.content.trim().is_empty() {
        return Err("Nhiệm vụ này chưa có nội dung: hãy điền “Nội dung, nhiệm vụ” trước.".into());
    }
    let area_title = plan
        .area_of(row)
        .and_then(|a| plan.row(a))
        .map(|r| r.text().trim().to_string())
        .unwrap_or_default();
    let area = area_of_heading(library, &area_title).unwrap_or(AreaKey::Other);
    // Group headings between the area and the task, outermost first.
    let mut group = VecDeque::new();
    let mut at = plan.parent(row);
    while let Some(id) = at {
        match plan.row(id) {
            Some(r) if r.kind() == RowKind::Group => group.push_front(r.text().trim().to_string()),
            Some(r) if r.kind() == RowKind::Area => break,
            None => break,
            _ => {}
        }
        at = plan.parent(id);
    }
    let id = (1..)
        .map(|n| format!("{}-{n}", source.id))
        .find(|candidate| library.position(candidate).is_none())
        .expect("some id is free");
    let mut template = Template::new(id, source.id.clone(), area, task.content.trim());
    template.area_title = area_title;
    template.group = group.into_iter().filter(|g| !g.is_empty()).collect();
    template.product = task.product.clone();
    template.lead = task.lead.clone();
    template.partners = task.partners.clone();
    template.deadline = task.deadline.clone();
    template.budget = task.budget;
    template.note = task.note.clone();
    Ok(template)
}

/// A template file of some templates of the library, with the sources they refer to. Parents
/// left out of the selection are dropped (the file must stand on its own), and so are marks
/// of similarity (they name templates of this library only).
pub fn export_set<'a>(
    library: &Library,
    templates: impl IntoIterator<Item = &'a Template>,
) -> TemplateSet {
    let mut set = TemplateSet::default();
    for template in templates {
        let mut template = template.clone();
        template.similar_to = None;
        if !set.sources.iter().any(|s| s.id == template.source) {
            let source = library.source(&template.source).cloned().unwrap_or(Source {
                id: template.source.clone(),
                ..Source::default()
            });
            // A source found by its file name gets the id the template uses.
            set.sources.push(Source {
                id: template.source.clone(),
                ..source
            });
        }
        set.templates.push(template);
    }
    let ids: HashSet<String> = set.templates.iter().map(|t| t.id.clone()).collect();
    for template in &mut set.templates {
        if template.parent.as_ref().is_some_and(|p| !ids.contains(p)) {
            template.parent = None;
        }
    }
    set
}

/// The name a template file is saved under: "Thu-vien-mau-Lam-Dong-2027.json".
pub fn templates_file_name(province: &str, year: i32) -> String {
    match file_slug(province) {
        slug if slug.is_empty() => format!("Thu-vien-mau-{year}.json"),
        slug => format!("Thu-vien-mau-{slug}-{year}.json"),
    }
}
