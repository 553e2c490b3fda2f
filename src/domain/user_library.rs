//! The drafter's own templates next to the built-in ones: the combined [`Library`] the app
//! searches, merging a template file into the drafter's set, saving a task of a plan as a
//! template, and the template file of some templates.
//!
//! The drafter's set is a [`TemplateSet`] kept in storage (`cchc.templates`); its templates
//! come after the built-in ones in the combined library, so an index below [`builtin_count`]
//! is a built-in (read-only) template. Nothing here touches storage or the page.

use std::collections::{HashMap, HashSet, VecDeque};

use super::file_format::{read_templates, FileError};
use super::library::{area_of_heading, builtin, AreaKey, Library, Source, Template, TemplateSet};
use super::par_index::{tags::template_criteria, CriteriaSet};
use super::plan::{Plan, RowId, RowKind};
use super::sharing::{fresh_id, merge_templates, preview_merge, MergePreview};
use super::text::file_slug;

/// The title of the source of templates the drafter saved from their own plans.
pub const OWN_TITLE: &str = "Của tôi";

/// How many templates are built in: the first ones of the combined library.
#[must_use]
pub fn builtin_count() -> usize {
    builtin().templates().len()
}

/// The built-in library and the drafter's set as one library, and what the drafter must be
/// told about it.
#[derive(Debug)]
pub struct Combined {
    pub library: Library,
    /// The drafter's set with the ids [`combine`] had to change (see there), to be stored in
    /// place of the old one so that editing and deleting find the templates; `None` when
    /// nothing changed.
    pub repaired: Option<TemplateSet>,
    /// A message for the drafter (Vietnamese) when something of their set had to be renamed
    /// or could not be combined.
    pub problem: Option<String>,
}

/// [`combine_with`] the built-in library.
#[must_use]
pub fn combine(user: &TemplateSet) -> Combined {
    combine_with(builtin(), user)
}

/// Every key a source is found by (id, file name, file stem), as [`Library`] indexes them.
fn source_keys(source: &Source) -> impl Iterator<Item = &str> {
    let stem = source.file.rsplit_once('.').map(|(stem, _)| stem);
    [Some(source.id.as_str()), Some(source.file.as_str()), stem]
        .into_iter()
        .flatten()
        .filter(|k| !k.is_empty())
}

/// Whether two sources are the same document, whatever the id each is known by.
fn same_source(a: &Source, b: &Source) -> bool {
    Source {
        id: String::new(),
        ..a.clone()
    } == Source {
        id: String::new(),
        ..b.clone()
    }
}

/// `base` followed by the drafter's set. Nothing of the drafter's is lost:
/// - a source or template of theirs that is a copy of one already there (imported files may
///   list built-in ones) is left out, the one already there serves;
/// - one that only shares its id with another (a built-in one added by a later version of
///   the app, a repeated id) is kept under a fresh id (`id~2`), its templates and sub-tasks
///   follow it, and [`Combined::problem`] says so; [`Combined::repaired`] is the drafter's set
///   with the new ids;
/// - should the two still not combine, the built-in library is used alone, the problem says
///   so, and the drafter's set is left as it is (it stays stored and can be exported).
#[must_use]
pub fn combine_with(base: &Library, user: &TemplateSet) -> Combined {
    // Sources: which of the drafter's are left out (copies), which get a fresh id.
    let mut taken: HashSet<String> = base
        .sources()
        .iter()
        .flat_map(source_keys)
        .map(str::to_string)
        .collect();
    let user_source_ids: HashSet<&str> = user.sources.iter().map(|s| s.id.as_str()).collect();
    let mut source_renamed: HashMap<&str, String> = HashMap::new();
    let mut sources: Vec<Source> = Vec::new();
    for source in &user.sources {
        if !taken.contains(&source.id) {
            taken.extend(source_keys(source).map(str::to_string));
            sources.push(source.clone());
            continue;
        }
        let copy = base
            .source(&source.id)
            .into_iter()
            .chain(&sources)
            .any(|existing| same_source(existing, source));
        // Templates name their source by id: of repeated ids in the drafter's set, the first
        // is the one they mean.
        let repeated = source_renamed.contains_key(source.id.as_str())
            || sources.iter().any(|s| s.id == source.id);
        if copy || repeated {
            continue;
        }
        let fresh = fresh_id(&source.id, |c| {
            taken.contains(c) || user_source_ids.contains(c)
        });
        let renamed = Source {
            id: fresh.clone(),
            ..source.clone()
        };
        taken.extend(source_keys(&renamed).map(str::to_string));
        sources.push(renamed);
        source_renamed.insert(&source.id, fresh);
    }

    // Templates: the same for ids.
    let mut ids: HashSet<String> = base.templates().iter().map(|t| t.id.clone()).collect();
    let user_ids: HashSet<&str> = user.templates.iter().map(|t| t.id.as_str()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut renamed: HashMap<&str, String> = HashMap::new();
    // For each template of the drafter's set: its id in the combined library, or `None` for
    // a copy left out.
    let mut new_ids: Vec<Option<String>> = Vec::with_capacity(user.templates.len());
    let mut templates: Vec<Template> = Vec::new();
    for original in &user.templates {
        let first = seen.insert(original.id.as_str());
        let mut template = original.clone();
        if let Some(source) = source_renamed.get(template.source.as_str()) {
            template.source.clone_from(source);
        }
        if ids.contains(&template.id) {
            let existing = base
                .template(&template.id)
                .or_else(|| templates.iter().find(|t| t.id == template.id));
            if existing.is_some_and(|e| *e == template) {
                new_ids.push(None);
                continue;
            }
            let fresh = fresh_id(&template.id, |c| ids.contains(c) || user_ids.contains(c));
            if first {
                renamed.insert(&original.id, fresh.clone());
            }
            template.id = fresh;
        }
        ids.insert(template.id.clone());
        new_ids.push(Some(template.id.clone()));
        templates.push(template);
    }
    for template in &mut templates {
        if let Some(parent) = template.parent.as_deref().and_then(|p| renamed.get(p)) {
            template.parent = Some(parent.clone());
        }
    }

    let changed = new_ids
        .iter()
        .zip(&user.templates)
        .filter(|(new, t)| new.as_ref().is_some_and(|new| *new != t.id))
        .count();
    let repaired = (changed > 0 || !source_renamed.is_empty())
        .then(|| repair(user, &source_renamed, &renamed, &new_ids));
    let mut problem = renamed_message(changed, source_renamed.len());

    let base_set = || TemplateSet {
        sources: base.sources().to_vec(),
        templates: base.templates().to_vec(),
    };
    let library = match Library::new([base_set(), TemplateSet { sources, templates }]) {
        Ok(library) => library,
        Err(error) => {
            problem = Some(format!(
                "Không ghép được thư viện của bạn với thư viện có sẵn ({error}). Các mẫu của bạn vẫn được giữ nguyên trong trình duyệt nhưng tạm thời không hiện trong Thư viện mẫu: hãy bấm “Xuất thư viện” để lưu chúng ra tệp."
            ));
            return Combined {
                library: Library::new([base_set()])
                    .expect("the built-in library has been read with the same checks"),
                repaired: None,
                problem,
            };
        }
    };
    Combined {
        library,
        repaired,
        problem,
    }
}

/// The drafter's set with the fresh ids [`combine_with`] gave (copies are kept: they cost
/// nothing and stay the drafter's).
fn repair(
    user: &TemplateSet,
    source_renamed: &HashMap<&str, String>,
    renamed: &HashMap<&str, String>,
    new_ids: &[Option<String>],
) -> TemplateSet {
    let mut set = user.clone();
    let mut done: HashSet<&str> = HashSet::new();
    for source in &mut set.sources {
        if let Some(fresh) = source_renamed.get(source.id.as_str()) {
            if done.insert(fresh) {
                source.id.clone_from(fresh);
            }
        }
    }
    for (template, new_id) in set.templates.iter_mut().zip(new_ids) {
        if let Some(new_id) = new_id {
            template.id.clone_from(new_id);
        }
        if let Some(source) = source_renamed.get(template.source.as_str()) {
            template.source.clone_from(source);
        }
        if let Some(parent) = template.parent.as_deref().and_then(|p| renamed.get(p)) {
            template.parent = Some(parent.clone());
        }
    }
    set
}

fn renamed_message(templates: usize, sources: usize) -> Option<String> {
    let mut parts = Vec::new();
    if templates > 0 {
        parts.push(format!(
            "{templates} mẫu của bạn trùng mã với một mẫu khác nhưng khác nội dung"
        ));
    }
    if sources > 0 {
        parts.push(format!(
            "{sources} văn bản nguồn của bạn trùng mã với một văn bản nguồn có sẵn nhưng khác thông tin"
        ));
    }
    (!parts.is_empty()).then(|| {
        format!(
            "Thư viện của bạn có {}: không mất gì, cả hai đều được giữ và mục của bạn được đặt mã mới.",
            parts.join(", và ")
        )
    })
}

/// What merging `incoming` into the drafter's set would do.
#[must_use]
pub fn preview(user: &TemplateSet, incoming: &TemplateSet) -> MergePreview {
    preview_merge(builtin().templates(), user, incoming)
}

/// Merges a template file into the drafter's set as [`preview`] announced. Sources that
/// only share a built-in id are renamed. The set stays whole on its own, as a file is: the
/// built-in sources its templates name are kept in it (a stored set is read as a file).
pub fn merge_into(user: &mut TemplateSet, incoming: TemplateSet) -> MergePreview {
    let base = builtin();
    let builtin_sources = base.sources().len();
    let mut sources = base.sources().to_vec();
    sources.append(&mut user.sources);
    user.sources = sources;
    let done = merge_templates(user, base.templates(), incoming);
    let used: HashSet<&str> = user.templates.iter().map(|t| t.source.as_str()).collect();
    let named: Vec<Source> = user
        .sources
        .drain(..builtin_sources)
        .filter(|s| used.contains(s.id.as_str()))
        .collect();
    user.sources.splice(0..0, named);
    done
}

/// Reads the drafter's stored set. A set stored before [`merge_into`] kept the built-in
/// sources its templates name (their templates then named sources it did not list) is
/// completed from the built-in library instead of being refused.
///
/// # Errors
/// What [`read_templates`] says of the text, completed or not.
pub fn read_stored(text: &str) -> Result<TemplateSet, FileError> {
    let error = match read_templates(text) {
        Ok(set) => return Ok(set),
        Err(error) => error,
    };
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Err(error);
    };
    let listed: HashSet<String> = value["sources"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["id"].as_str().map(str::to_string))
        .collect();
    let named: HashSet<String> = value["templates"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["source"].as_str().map(str::to_string))
        .collect();
    let missing: Vec<serde_json::Value> = builtin()
        .sources()
        .iter()
        .filter(|s| named.contains(&s.id) && !listed.contains(&s.id))
        .filter_map(|s| serde_json::to_value(s).ok())
        .collect();
    if missing.is_empty() {
        return Err(error);
    }
    match value.get_mut("sources") {
        Some(serde_json::Value::Array(sources)) => sources.extend(missing),
        _ => value["sources"] = serde_json::Value::Array(missing),
    }
    read_templates(&value.to_string()).map_err(|_| error)
}

/// Deletes one of the drafter's own templates: its sub-tasks become plain templates, and
/// sources no template refers to any more go too. Returns whether it was there.
pub fn remove_template(user: &mut TemplateSet, id: &str) -> bool {
    let before = user.templates.len();
    user.templates.retain(|t| t.id != id);
    for t in &mut user.templates {
        if t.parent.as_deref() == Some(id) {
            t.parent = None;
        }
    }
    let used: HashSet<&str> = user.templates.iter().map(|t| t.source.as_str()).collect();
    user.sources.retain(|s| used.contains(s.id.as_str()));
    user.templates.len() < before
}

/// The source of the templates the drafter saves from a plan: "user-lam-dong-2027".
#[must_use]
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
///
/// # Errors
///
/// A Vietnamese message for the drafter when `row` is not a task (an area, a group, or no
/// row at all) or the task has no content yet.
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
    let mut n = 1;
    let id = loop {
        let candidate = format!("{}-{n}", source.id);
        if library.position(&candidate).is_none() {
            break candidate;
        }
        n += 1;
    };
    let mut template = Template::new(id, source.id.clone(), area, task.content.trim());
    template.area_title = area_title;
    template.group = group.into_iter().filter(|g| !g.is_empty()).collect();
    template.product.clone_from(&task.product);
    template.lead.clone_from(&task.lead);
    template.partners.clone_from(&task.partners);
    template.deadline.clone_from(&task.deadline);
    template.budget = task.budget;
    template.note.clone_from(&task.note);
    let from = task.template.as_deref().and_then(|id| library.template(id));
    template.criteria = template_criteria(task, from, CriteriaSet::builtin());
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
#[must_use]
pub fn templates_file_name(province: &str, year: i32) -> String {
    match file_slug(province) {
        slug if slug.is_empty() => format!("Thu-vien-mau-{year}.json"),
        slug => format!("Thu-vien-mau-{slug}-{year}.json"),
    }
}

#[cfg(test)]
mod tests;
