//! The agency cell as typed: names split on ";", the name being typed, its completion and
//! the directory's suggestions for it.
//!
//! It decides no matches of its own; the directory ranks the suggestions.

use super::super::text::fold;
use super::{Directory, RenameTable};

/// Splits an agency cell as typed into names on ";": "Sở Nội vụ; Các Sở, Ban, ngành" → two.
/// Commas stay inside names, since names such as "Các Sở, Ban, ngành" contain them.
pub fn split_agencies(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The name being typed in an agency cell: the text after the last ";".
pub fn last_agency(text: &str) -> &str {
    text.rsplit(';').next().unwrap_or("").trim()
}

/// The cell text after taking `choice` for the name being typed, ready for the next name.
pub fn complete_last_agency(text: &str, choice: &str) -> String {
    match text.rfind(';') {
        Some(i) => format!("{}; {choice}; ", text[..i].trim_end()),
        None => format!("{choice}; "),
    }
}

/// Suggestions for the name being typed in an agency cell, leaving out names already in it.
pub fn suggest_in_cell<'a>(directory: &'a Directory, text: &str, limit: usize) -> Vec<&'a str> {
    let typed = last_agency(text);
    if typed.is_empty() {
        return Vec::new();
    }
    let present: Vec<String> = split_agencies(text).iter().map(|n| fold(n)).collect();
    directory
        .suggest(typed, limit + present.len())
        .into_iter()
        .filter(|name| !present.contains(&fold(name)) || fold(name) == fold(typed))
        .take(limit)
        .collect()
}

/// One name the agency autocomplete offers, with a note for a body the 2025 reorganisation
/// ended or one proposed in its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgencyChoice {
    /// The name the cell takes when the drafter picks it.
    pub name: String,
    /// Shown after the name: "tên cũ" for an abolished body, "tên mới của …" for its
    /// replacement offered right after it.
    pub note: Option<String>,
}

/// [`suggest_in_cell`] with abolished bodies marked "tên cũ", each followed by the name that
/// replaced it (from the rename table) unless that name is already offered or in the cell.
/// The old name stays a choice: a plan may have to name the body it reports on.
///
/// ```
/// use cchc_plan::domain::agency::{choices_in_cell, Directory, RenameTable};
/// let (directory, renames) = (Directory::builtin(), RenameTable::builtin());
/// let choices = choices_in_cell(&directory, &renames, "so ke hoach", 8);
/// let old = choices.iter().position(|c| c.name == "Sở Kế hoạch và Đầu tư").unwrap();
/// assert_eq!(choices[old].note.as_deref(), Some("tên cũ"));
/// assert_eq!(choices[old + 1].name, "Sở Tài chính");
/// assert_eq!(choices[old + 1].note.as_deref(), Some("tên mới của Sở Kế hoạch và Đầu tư"));
/// ```
pub fn choices_in_cell(
    directory: &Directory,
    renames: &RenameTable,
    text: &str,
    limit: usize,
) -> Vec<AgencyChoice> {
    let names = suggest_in_cell(directory, text, limit);
    let mut taken: Vec<String> = split_agencies(text)
        .iter()
        .map(|n| fold(n))
        .chain(names.iter().map(|n| fold(n)))
        .collect();
    let mut out = Vec::new();
    for name in names {
        let outdated = directory.lookup(name).is_some_and(|a| !a.current);
        out.push(AgencyChoice {
            name: name.to_string(),
            note: outdated.then(|| "tên cũ".to_string()),
        });
        if !outdated {
            continue;
        }
        if let Some(new) = renames.renamed(name) {
            if !taken.contains(&fold(&new)) {
                taken.push(fold(&new));
                out.push(AgencyChoice {
                    name: new,
                    note: Some(format!("tên mới của {name}")),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
