//! Plain lines into typed paragraphs.

/// How deep a numbered heading sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadingLevel {
    /// "1." is 1, "1.1." is 2, and so on.
    Numbered(u8),
    /// "a)", "b)", "đ)".
    Lettered,
}

/// One paragraph of a section, as the writer lays it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Paragraph {
    /// An ordinary paragraph.
    Text(String),
    /// "- text": the dash is kept out of `0`.
    Dash(String),
    /// "1. Mục đích": `label` is "1.", `text` what follows it (possibly empty).
    Heading {
        level: HeadingLevel,
        label: String,
        text: String,
    },
}

impl Paragraph {
    /// The paragraph as one line of text, as the drafter typed it.
    pub fn line(&self) -> String {
        match self {
            Paragraph::Text(text) => text.clone(),
            Paragraph::Dash(text) => format!("- {text}"),
            Paragraph::Heading { label, text, .. } if text.is_empty() => label.clone(),
            Paragraph::Heading { label, text, .. } => format!("{label} {text}"),
        }
    }
}

/// Reads a section's text: one paragraph per non-blank line, trimmed. A line starting with
/// "- " (or "– ") is a dash paragraph; "1.", "2.3." (digits and dots, ending in a dot) or a
/// single letter and ")" ("a)", "đ)") followed by a space or the end of the line start a
/// heading; anything else is a plain paragraph.
///
/// ```
/// use cchc_plan::domain::plan_document::{parse, HeadingLevel, Paragraph};
/// let paragraphs = parse("1. Mục đích\n- Nâng cao chất lượng\n\na) Tuyên truyền\n1.500 người");
/// assert_eq!(paragraphs[0], Paragraph::Heading {
///     level: HeadingLevel::Numbered(1), label: "1.".into(), text: "Mục đích".into() });
/// assert_eq!(paragraphs[1], Paragraph::Dash("Nâng cao chất lượng".into()));
/// assert!(matches!(paragraphs[2], Paragraph::Heading { level: HeadingLevel::Lettered, .. }));
/// assert_eq!(paragraphs[3], Paragraph::Text("1.500 người".into()));
/// ```
pub fn parse(text: &str) -> Vec<Paragraph> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(paragraph)
        .collect()
}

fn paragraph(line: &str) -> Paragraph {
    for dash in ["- ", "– "] {
        if let Some(rest) = line.strip_prefix(dash) {
            return Paragraph::Dash(rest.trim_start().to_string());
        }
    }
    if line == "-" {
        return Paragraph::Dash(String::new());
    }
    let (label, rest) = match line.find(char::is_whitespace) {
        Some(cut) => (&line[..cut], line[cut..].trim_start()),
        None => (line, ""),
    };
    match heading_level(label) {
        Some(level) => Paragraph::Heading {
            level,
            label: label.to_string(),
            text: rest.to_string(),
        },
        None => Paragraph::Text(line.to_string()),
    }
}

/// The level of a heading label: "1." → 1, "1.2." → 2, "a)" → lettered; else none.
fn heading_level(label: &str) -> Option<HeadingLevel> {
    if let Some(letter) = label.strip_suffix(')') {
        let mut chars = letter.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_lowercase() => Some(HeadingLevel::Lettered),
            _ => None,
        };
    }
    let numbers = label.strip_suffix('.')?;
    let parts: Vec<&str> = numbers.split('.').collect();
    let numeric = parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()));
    if !numeric || parts.len() > 4 {
        return None;
    }
    u8::try_from(parts.len()).ok().map(HeadingLevel::Numbered)
}
