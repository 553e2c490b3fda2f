//! Paragraphs and their runs: what a line of a document says and how it is set
//! (alignment, indents, spacing, bold and italic, the size in points).
//!
//! ```
//! use cchc_plan::domain::docx::{Align, Para, Run};
//! let title = Para::new(Align::Center)
//!     .run(Run::new("KẾ HOẠCH").bold().size(14.0))
//!     .space_after(6.0);
//! assert_eq!(title.runs[0].text, "KẾ HOẠCH");
//! ```

use super::page::twips;
use super::xml::push_run_text;

/// A piece of text in one style.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    /// Size in points; `None` takes the paragraph style's (14 pt body, 12 pt tables).
    pub size: Option<f32>,
}

impl Run {
    pub fn new(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }

    pub fn bold(mut self) -> Run {
        self.bold = true;
        self
    }

    pub fn italic(mut self) -> Run {
        self.italic = true;
        self
    }

    pub fn underline(mut self) -> Run {
        self.underline = true;
        self
    }

    pub fn size(mut self, points: f32) -> Run {
        self.size = Some(points);
        self
    }
}

/// Horizontal alignment of a paragraph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

impl Align {
    fn value(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Justify => "both",
        }
    }
}

/// The paragraph style: body text (Times New Roman 14 pt) or table text (12 pt); both
/// without spacing unless the paragraph asks for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ParaStyle {
    #[default]
    Body,
    Table,
}

impl ParaStyle {
    pub(crate) fn id(self) -> &'static str {
        match self {
            ParaStyle::Body => "Normal",
            ParaStyle::Table => "Bang",
        }
    }
}

/// One paragraph. Lengths in millimetres, spacing in points.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Para {
    pub runs: Vec<Run>,
    pub style: ParaStyle,
    pub align: Align,
    /// First-line indent (negative: hanging).
    pub first_line_indent_mm: f32,
    pub indent_left_mm: f32,
    pub indent_right_mm: f32,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
    /// Line spacing as a multiple of single (1.0, 1.15, 1.5); `None` is single.
    pub line_spacing: Option<f32>,
    /// Keeps the paragraph on the page of the next one (headings).
    pub keep_with_next: bool,
    /// Starts the paragraph on a new page.
    pub page_break_before: bool,
    /// A thin line under the paragraph, between its indents: with wide indents and no
    /// text, the short rule under a heading.
    pub rule_below: bool,
}

impl Para {
    /// An empty body paragraph with this alignment.
    pub fn new(align: Align) -> Para {
        Para {
            align,
            ..Para::default()
        }
    }

    /// A body paragraph of one plain run.
    pub fn text(text: impl Into<String>) -> Para {
        Para::default().run(Run::new(text))
    }

    /// A table paragraph (12 pt) of one run.
    pub fn cell(run: Run, align: Align) -> Para {
        Para {
            runs: vec![run],
            style: ParaStyle::Table,
            align,
            ..Para::default()
        }
    }

    /// A short centred rule, `width_mm` wide, in a text column `text_width_mm` wide.
    pub fn rule(width_mm: f32, text_width_mm: f32) -> Para {
        let side = ((text_width_mm - width_mm) / 2.0).max(0.0);
        Para {
            indent_left_mm: side,
            indent_right_mm: side,
            rule_below: true,
            line_spacing: None,
            // A low line: 2 pt text, so the rule sits close under the line above.
            runs: Vec::new(),
            space_after_pt: 6.0,
            ..Para::new(Align::Center)
        }
    }

    pub fn run(mut self, run: Run) -> Para {
        self.runs.push(run);
        self
    }

    pub fn style(mut self, style: ParaStyle) -> Para {
        self.style = style;
        self
    }

    pub fn first_line_indent(mut self, mm: f32) -> Para {
        self.first_line_indent_mm = mm;
        self
    }

    pub fn space_before(mut self, points: f32) -> Para {
        self.space_before_pt = points;
        self
    }

    pub fn space_after(mut self, points: f32) -> Para {
        self.space_after_pt = points;
        self
    }

    pub fn line_spacing(mut self, multiple: f32) -> Para {
        self.line_spacing = Some(multiple);
        self
    }

    pub fn keep_with_next(mut self) -> Para {
        self.keep_with_next = true;
        self
    }

    pub fn page_break_before(mut self) -> Para {
        self.page_break_before = true;
        self
    }
}

/// Writes `<w:p>`; returns the offset in `out` of its `</w:pPr>`, where a section's
/// properties can be inserted when the paragraph ends a section.
pub(crate) fn write(out: &mut String, para: &Para) -> usize {
    use std::fmt::Write;
    out.push_str("<w:p><w:pPr>");
    if para.style != ParaStyle::Body {
        let _ = write!(out, "<w:pStyle w:val=\"{}\"/>", para.style.id());
    }
    if para.keep_with_next {
        out.push_str("<w:keepNext/>");
    }
    if para.page_break_before {
        out.push_str("<w:pageBreakBefore/>");
    }
    if para.rule_below {
        out.push_str(
            "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>",
        );
    }
    if para.space_before_pt != 0.0 || para.space_after_pt != 0.0 || para.line_spacing.is_some() {
        out.push_str("<w:spacing");
        if para.space_before_pt != 0.0 {
            let _ = write!(
                out,
                " w:before=\"{}\"",
                (para.space_before_pt * 20.0).round()
            );
        }
        if para.space_after_pt != 0.0 {
            let _ = write!(out, " w:after=\"{}\"", (para.space_after_pt * 20.0).round());
        }
        if let Some(multiple) = para.line_spacing {
            let _ = write!(
                out,
                " w:line=\"{}\" w:lineRule=\"auto\"",
                (multiple * 240.0).round()
            );
        }
        out.push_str("/>");
    }
    if para.indent_left_mm != 0.0 || para.indent_right_mm != 0.0 || para.first_line_indent_mm != 0.0
    {
        out.push_str("<w:ind");
        if para.indent_left_mm != 0.0 {
            let _ = write!(out, " w:left=\"{}\"", twips(para.indent_left_mm));
        }
        if para.indent_right_mm != 0.0 {
            let _ = write!(out, " w:right=\"{}\"", twips(para.indent_right_mm));
        }
        if para.first_line_indent_mm > 0.0 {
            let _ = write!(out, " w:firstLine=\"{}\"", twips(para.first_line_indent_mm));
        } else if para.first_line_indent_mm < 0.0 {
            let _ = write!(out, " w:hanging=\"{}\"", twips(-para.first_line_indent_mm));
        }
        out.push_str("/>");
    }
    if para.align != Align::Left {
        let _ = write!(out, "<w:jc w:val=\"{}\"/>", para.align.value());
    }
    if para.rule_below && para.runs.is_empty() {
        // The paragraph mark of a bare rule: tiny, so the line sits close under the text.
        out.push_str("<w:rPr><w:sz w:val=\"4\"/><w:szCs w:val=\"4\"/></w:rPr>");
    }
    let end_of_properties = out.len();
    out.push_str("</w:pPr>");
    for run in &para.runs {
        write_run(out, run);
    }
    out.push_str("</w:p>");
    end_of_properties
}

/// Writes `<w:r>` with only the properties that differ from the paragraph style's.
pub(crate) fn write_run(out: &mut String, run: &Run) {
    use std::fmt::Write;
    if run.text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if run.bold || run.italic || run.underline || run.size.is_some() {
        out.push_str("<w:rPr>");
        if run.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if run.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        if let Some(points) = run.size {
            let half = (points * 2.0).round();
            let _ = write!(out, "<w:sz w:val=\"{half}\"/><w:szCs w:val=\"{half}\"/>");
        }
        if run.underline {
            out.push_str("<w:u w:val=\"single\"/>");
        }
        out.push_str("</w:rPr>");
    }
    push_run_text(out, &run.text);
    out.push_str("</w:r>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_in_schema_order() {
        let mut out = String::new();
        let para = Para::new(Align::Justify)
            .run(Run::new("Căn cứ").italic().size(14.0))
            .first_line_indent(10.0)
            .space_after(6.0)
            .keep_with_next();
        let at = write(&mut out, &para);
        assert_eq!(&out[at..at + 8], "</w:pPr>");
        assert_eq!(
            out,
            "<w:p><w:pPr><w:keepNext/><w:spacing w:after=\"120\"/><w:ind w:firstLine=\"567\"/>\
             <w:jc w:val=\"both\"/></w:pPr><w:r><w:rPr><w:i/><w:iCs/><w:sz w:val=\"28\"/>\
             <w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">Căn cứ</w:t></w:r></w:p>"
        );
    }

    #[test]
    fn a_rule_is_a_bordered_empty_paragraph_between_indents() {
        let mut out = String::new();
        write(&mut out, &Para::rule(60.0, 252.0));
        assert!(out.contains("<w:pBdr><w:bottom w:val=\"single\""), "{out}");
        assert!(
            out.contains("<w:ind w:left=\"5443\" w:right=\"5443\"/>"),
            "{out}"
        );
        assert!(!out.contains("<w:r>"));
    }
}
