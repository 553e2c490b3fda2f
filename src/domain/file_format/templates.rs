//! Template files: writing a [`TemplateSet`] and reading one back, first through a fast path
//! for valid files, then carefully, so a wrong file gets a precise message.
//!
//! It does not read the envelope's kinds itself beyond templates; plan files are `mod.rs`.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::super::template::{Source, Template, TemplateSet};
use super::{located, read_envelope, FileError, FileKind, FORMAT, MAX_ITEMS, VERSION};

#[derive(Serialize)]
struct TemplatesFileOut<'a> {
    format: &'static str,
    version: u32,
    kind: FileKind,
    sources: &'a [Source],
    templates: &'a [Template],
}

/// Writes a template-set file: pretty-printed JSON with a final newline, every field of
/// every template present (the form `tools/curate_seeds.py` writes, byte for byte).
pub fn write_templates(set: &TemplateSet) -> String {
    let file = TemplatesFileOut {
        format: FORMAT,
        version: VERSION,
        kind: FileKind::Templates,
        sources: &set.sources,
        templates: &set.templates,
    };
    let mut text = serde_json::to_string_pretty(&file).expect("template sets always serialise");
    text.push('\n');
    text
}

/// Reads a template-set file. Errors name the template ("Mẫu số 12: ...", counting from 1)
/// or source ("Nguồn số 2: ...") at fault. Checks that ids are unique, that every template's
/// source is listed and that every parent is a template of the file.
///
/// # Errors
/// [`FileError`] when the envelope is wrong, the file is not a template set, a template or
/// source is incomplete or mistyped, an id repeats, or a source or parent is missing.
pub fn read_templates(text: &str) -> Result<TemplateSet, FileError> {
    if let Some(set) = templates_fast(text) {
        return Ok(set);
    }
    let (kind, value) = read_envelope(text)?;
    if kind != FileKind::Templates {
        return Err(FileError::WrongKind {
            expected: FileKind::Templates,
            found: kind,
        });
    }
    templates_from_value(value)
}

/// A valid template file read in one pass, straight into templates; `None` for anything
/// else (another kind, an error of any sort), which the careful reader then reads again to
/// say precisely what is wrong. It accepts exactly the files [`templates_from_value`] accepts
/// and gives the same set: every check of the careful reader is made here too, and any
/// doubt falls back to it. About three times faster on a 25.000-template file.
pub(super) fn templates_fast(text: &str) -> Option<TemplateSet> {
    #[derive(Deserialize)]
    struct Fast {
        format: String,
        version: u64,
        kind: String,
        #[serde(default)]
        sources: Option<Vec<Obj<Source>>>,
        templates: Vec<Obj<Template>>,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Plan files (and most others) skip the attempt.
    if !(text.contains("\"kind\": \"templates\"") || text.contains("\"kind\":\"templates\"")) {
        return None;
    }
    let Obj(file) = serde_json::from_str::<Obj<Fast>>(text).ok()?;
    let sources: Vec<Source> = file
        .sources
        .unwrap_or_default()
        .into_iter()
        .map(|o| o.0)
        .collect();
    let templates: Vec<Template> = file.templates.into_iter().map(|o| o.0).collect();
    if file.format != FORMAT
        || file.version == 0
        || file.version > u64::from(VERSION)
        || file.kind != "templates"
        || templates.len() > MAX_ITEMS
    {
        return None;
    }
    let blank = |s: &str| s.trim().is_empty();
    let mut source_ids = std::collections::HashSet::new();
    for source in &sources {
        if blank(&source.id) || !source_ids.insert(source.id.as_str()) {
            return None;
        }
    }
    let mut ids = std::collections::HashSet::new();
    for t in &templates {
        if blank(&t.id)
            || blank(&t.content)
            || blank(&t.source)
            || !ids.insert(t.id.as_str())
            || !source_ids.contains(t.source.as_str())
        {
            return None;
        }
    }
    for t in &templates {
        if let Some(parent) = &t.parent {
            if !ids.contains(parent.as_str()) || parent == &t.id {
                return None;
            }
        }
    }
    let set = TemplateSet { sources, templates };
    Some(set)
}

/// A value that must be a JSON object (serde would also read a struct from an array, which
/// the careful reader refuses).
struct Obj<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Obj<T>, D::Error> {
        struct Only<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Only<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer
            .deserialize_map(Only(std::marker::PhantomData))
            .map(Obj)
    }
}

/// A template set from a whole file's JSON (envelope already checked).
pub(super) fn templates_from_value(mut value: Value) -> Result<TemplateSet, FileError> {
    let sources = match value.get_mut("sources").map(Value::take) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(FileError::Invalid(
                "trường \"sources\" phải là một danh sách".into(),
            ))
        }
    };
    let templates = match value.get_mut("templates").map(Value::take) {
        Some(Value::Array(items)) if items.len() > MAX_ITEMS => {
            return Err(FileError::TooManyItems { count: items.len() })
        }
        Some(Value::Array(items)) => items,
        None => return Err(FileError::Invalid("thiếu trường \"templates\"".into())),
        Some(_) => {
            return Err(FileError::Invalid(
                "trường \"templates\" phải là một danh sách".into(),
            ))
        }
    };
    let mut set = TemplateSet::default();
    for (i, item) in sources.into_iter().enumerate() {
        let label = format!("Nguồn số {}", i + 1);
        if !has_text(&item, "id") {
            return Err(FileError::Invalid(format!("{label}: thiếu mã nguồn (id)")));
        }
        let source: Source = serde_path_to_error::deserialize(item)
            .map_err(|e| FileError::Invalid(format!("{label}: {}", located(&e))))?;
        if set.sources.iter().any(|s| s.id == source.id) {
            return Err(FileError::Invalid(format!(
                "{label}: mã nguồn \"{}\" bị trùng",
                source.id
            )));
        }
        set.sources.push(source);
    }
    let mut ids = std::collections::HashMap::new();
    for (i, item) in templates.into_iter().enumerate() {
        let label = format!("Mẫu số {}", i + 1);
        if !item.is_object() {
            return Err(FileError::Invalid(format!(
                "{label}: không phải một đối tượng JSON"
            )));
        }
        for (field, what) in [
            ("id", "thiếu mã mẫu (id)"),
            ("content", "thiếu nội dung nhiệm vụ"),
            ("source", "thiếu nguồn (source)"),
            ("area", "thiếu lĩnh vực (area)"),
        ] {
            if !has_text(&item, field) {
                return Err(FileError::Invalid(format!("{label}: {what}")));
            }
        }
        let template: Template = serde_path_to_error::deserialize(item)
            .map_err(|e| FileError::Invalid(format!("{label}: {}", located(&e))))?;
        if let Some(first) = ids.insert(template.id.clone(), i + 1) {
            return Err(FileError::Invalid(format!(
                "{label}: mã mẫu \"{}\" trùng với mẫu số {first}",
                template.id
            )));
        }
        if !set.sources.iter().any(|s| s.id == template.source) {
            return Err(FileError::Invalid(format!(
                "{label}: nguồn \"{}\" không có trong danh sách nguồn",
                template.source
            )));
        }
        set.templates.push(template);
    }
    for (i, template) in set.templates.iter().enumerate() {
        if let Some(parent) = &template.parent {
            if !ids.contains_key(parent) || parent == &template.id {
                return Err(FileError::Invalid(format!(
                    "Mẫu số {}: mẫu cha \"{parent}\" không có trong tệp",
                    i + 1
                )));
            }
        }
    }
    Ok(set)
}

/// Whether a JSON object has a non-blank string field.
fn has_text(item: &Value, field: &str) -> bool {
    item.get(field)
        .and_then(Value::as_str)
        .is_some_and(|s| !s.trim().is_empty())
}
