//! The agency cell as typed: names split on ";", the name being typed, its completion and
//! the directory's suggestions for it.
//!
//! It decides no matches of its own; the directory ranks the suggestions.

use super::super::text::fold;
use super::Directory;

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

#[cfg(test)]
mod tests;
