//! Levels from the TT column: what kind of number a row carries (A, I, 1, 1.1, a), a dash),
//! and the nesting those kinds make, in the order a document first uses them.

/// The style of a row's number, which decides its level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// "A", "B": above the Roman areas.
    Letter,
    /// "I", "II", "XIV".
    Roman,
    /// "1", "2".
    Arabic,
    /// "1.1" (2 parts), "5.1.1" (3), "III.1.1" (3).
    Dotted(usize),
    /// "a)", "b.".
    Small,
    /// A line starting with "-", "–", "•".
    Dash,
    /// A line starting with "+".
    Plus,
    /// A bold row with only a title and no number: a group.
    Title,
    /// No number at all.
    Plain,
}

/// Reads a TT cell: its style, or `None` when it is not a row number (empty, or words).
pub fn number_style(tt: &str) -> Option<Style> {
    let t = tt.trim().trim_end_matches(['.', ')', ':']).trim();
    if t.is_empty() {
        return None;
    }
    if t.contains('.') {
        let parts: Vec<&str> = t.split('.').collect();
        let ok = parts.iter().enumerate().all(|(i, p)| {
            !p.is_empty()
                && (p.bytes().all(|b| b.is_ascii_digit()) || (i == 0 && is_roman(p)))
                && p.len() <= 4
        });
        return ok.then_some(Style::Dotted(parts.len()));
    }
    if t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Style::Arabic);
    }
    if is_roman(t) && t != "C" && t != "D" && t != "M" {
        return Some(Style::Roman);
    }
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_ascii_uppercase() {
            return Some(Style::Letter);
        }
        if c.is_ascii_lowercase() || c == 'đ' {
            return Some(Style::Small);
        }
    }
    None
}

fn is_roman(t: &str) -> bool {
    !t.is_empty() && t.len() <= 7 && t.bytes().all(|b| b"IVXLCDM".contains(&b))
}

/// A number written at the start of a text ("I. CẢI CÁCH THỂ CHẾ", "1.1 Rà soát",
/// "a) Tổ chức"): its style and the rest, or `None` when the text starts otherwise.
pub fn leading_number(text: &str) -> Option<(String, Style, &str)> {
    let trimmed = text.trim_start();
    for (mark, style) in [
        ('-', Style::Dash),
        ('–', Style::Dash),
        ('—', Style::Dash),
        ('•', Style::Dash),
        ('+', Style::Plus),
    ] {
        if let Some(rest) = trimmed.strip_prefix(mark) {
            return Some((mark.to_string(), style, rest.trim_start()));
        }
    }
    let end = trimmed
        .char_indices()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(trimmed.len(), |(i, _)| i);
    let word = &trimmed[..end];
    // A number ends with "." or ")" ("I.", "1.1.", "a)"), or is dotted ("1.1").
    let closed = word.ends_with('.') || word.ends_with(')');
    if !closed && !word.contains('.') {
        return None;
    }
    let style = number_style(word)?;
    if matches!(style, Style::Letter | Style::Small) && !word.ends_with(')') && !word.ends_with('.')
    {
        return None;
    }
    let rest = trimmed[end..].trim_start();
    if rest.is_empty() {
        return None;
    }
    Some((word.trim_end_matches('.').to_string(), style, rest))
}

/// Nesting by first use: a style seen before closes everything opened after it; a new style
/// opens one level deeper. [`Style::Title`] rows not seen before sit just under the areas.
#[derive(Debug, Default)]
pub struct Nesting {
    stack: Vec<Style>,
}

impl Nesting {
    /// The depth (0 outermost) of a row of this style.
    pub fn place(&mut self, style: Style) -> usize {
        if let Some(pos) = self.stack.iter().position(|&s| s == style) {
            self.stack.truncate(pos + 1);
            return pos;
        }
        // Dotted numbers nest by their parts: 1.1.1 sits under 1.1, wherever 1.1 is.
        if let Style::Dotted(n) = style {
            if let Some(pos) = self
                .stack
                .iter()
                .rposition(|&s| matches!(s, Style::Dotted(m) if m < n))
            {
                self.stack.truncate(pos + 1);
            }
        }
        if style == Style::Title {
            if let Some(pos) = self
                .stack
                .iter()
                .position(|&s| matches!(s, Style::Roman | Style::Letter))
            {
                let area = self.stack[pos..]
                    .iter()
                    .rposition(|&s| s == Style::Roman)
                    .map_or(pos, |p| pos + p);
                self.stack.truncate(area + 1);
            }
        }
        self.stack.push(style);
        self.stack.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_styles() {
        assert_eq!(number_style("A"), Some(Style::Letter));
        assert_eq!(number_style("III"), Some(Style::Roman));
        assert_eq!(number_style("XIV."), Some(Style::Roman));
        assert_eq!(number_style("12"), Some(Style::Arabic));
        assert_eq!(number_style("1.1"), Some(Style::Dotted(2)));
        assert_eq!(number_style("5.1.1"), Some(Style::Dotted(3)));
        assert_eq!(number_style("III.1.1"), Some(Style::Dotted(3)));
        assert_eq!(number_style("a)"), Some(Style::Small));
        assert_eq!(number_style(""), None);
        assert_eq!(number_style("Tổng"), None);
        assert_eq!(number_style("12,5"), None);
    }

    #[test]
    fn numbers_in_text() {
        let (n, s, rest) = leading_number("I. CẢI CÁCH THỂ CHẾ").unwrap();
        assert_eq!(
            (n.as_str(), s, rest),
            ("I", Style::Roman, "CẢI CÁCH THỂ CHẾ")
        );
        let (n, s, rest) = leading_number("1.1 Rà soát").unwrap();
        assert_eq!((n.as_str(), s, rest), ("1.1", Style::Dotted(2), "Rà soát"));
        let (_, s, rest) = leading_number("- Tổ chức").unwrap();
        assert_eq!((s, rest), (Style::Dash, "Tổ chức"));
        let (n, s, _) = leading_number("a) Tổ chức").unwrap();
        assert_eq!((n.as_str(), s), ("a)", Style::Small));
        assert_eq!(leading_number("Rà soát văn bản"), None);
        assert_eq!(leading_number("Năm 2022."), None);
    }

    #[test]
    fn nesting_by_first_use() {
        let mut n = Nesting::default();
        let depths: Vec<usize> = [
            Style::Letter,
            Style::Roman,
            Style::Arabic,
            Style::Dotted(2),
            Style::Dotted(3),
            Style::Dotted(2),
            Style::Arabic,
            Style::Roman,
            Style::Letter,
        ]
        .into_iter()
        .map(|s| n.place(s))
        .collect();
        assert_eq!(depths, [0, 1, 2, 3, 4, 3, 2, 1, 0]);
        let mut n = Nesting::default();
        let depths: Vec<usize> = [Style::Roman, Style::Arabic, Style::Title, Style::Arabic]
            .into_iter()
            .map(|s| n.place(s))
            .collect();
        assert_eq!(depths, [0, 1, 1, 2]);
    }
}
