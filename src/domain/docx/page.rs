//! Page setup of a section: A4 in either orientation, the margins of formatting.md, and
//! the page number centred in the top margin, hidden on the section's first page.
//!
//! Each section restarts its page numbers at 1 when asked (each appendix is numbered on
//! its own). The page number is a `PAGE` field in a header part that every numbered
//! section shares; a section without numbers, and the first page of one that hides it,
//! refer to an empty header, so no section inherits another's header.

use std::fmt::Write;

/// A4 in millimetres.
pub const A4_WIDTH_MM: f32 = 210.0;
pub const A4_HEIGHT_MM: f32 = 297.0;

/// The relationship ids of the two header parts (see `package.rs`).
pub(crate) const NUMBERED_HEADER: &str = "rIdHeaderNumber";
pub(crate) const EMPTY_HEADER: &str = "rIdHeaderEmpty";

/// Millimetres to twentieths of a point, WordprocessingML's unit of length.
pub fn twips(mm: f32) -> i32 {
    (mm * 1440.0 / 25.4).round() as i32
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// Margins in millimetres; `header` is the distance of the page number from the top edge.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
    pub header: f32,
    pub footer: f32,
}

impl Default for Margins {
    /// Nghị định 30/2020 (formatting.md): top and bottom 20 mm, left 30 mm, right 15 mm;
    /// the page number 10 mm from the top edge.
    fn default() -> Margins {
        Margins {
            top: 20.0,
            bottom: 20.0,
            left: 30.0,
            right: 15.0,
            header: 10.0,
            footer: 10.0,
        }
    }
}

/// How a section's pages are set up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageSetup {
    pub orientation: Orientation,
    pub margins: Margins,
    /// The page number, centred in the top margin.
    pub page_numbers: bool,
    /// No page number on the section's first page.
    pub first_page_number_hidden: bool,
    /// Numbers start again at 1 in this section.
    pub restart_numbering: bool,
}

impl Default for PageSetup {
    /// A4 portrait, the decree's margins, numbered from the second page.
    fn default() -> PageSetup {
        PageSetup::portrait()
    }
}

impl PageSetup {
    /// A4 portrait (the plan document's body), numbered from its second page.
    pub fn portrait() -> PageSetup {
        PageSetup {
            orientation: Orientation::Portrait,
            margins: Margins::default(),
            page_numbers: true,
            first_page_number_hidden: true,
            restart_numbering: false,
        }
    }

    /// An appendix: A4 landscape, numbered on its own from 1, no number on its first page.
    pub fn appendix() -> PageSetup {
        PageSetup {
            orientation: Orientation::Landscape,
            restart_numbering: true,
            ..PageSetup::portrait()
        }
    }

    /// Width and height of the page as set up, in millimetres.
    pub fn page_size_mm(&self) -> (f32, f32) {
        match self.orientation {
            Orientation::Portrait => (A4_WIDTH_MM, A4_HEIGHT_MM),
            Orientation::Landscape => (A4_HEIGHT_MM, A4_WIDTH_MM),
        }
    }

    /// The width between the margins, in millimetres (252 mm for an appendix).
    pub fn text_width_mm(&self) -> f32 {
        self.page_size_mm().0 - self.margins.left - self.margins.right
    }

    /// Writes `<w:sectPr>`, its children in schema order.
    pub(crate) fn write(&self, out: &mut String) {
        let numbered = self.page_numbers;
        let default = if numbered {
            NUMBERED_HEADER
        } else {
            EMPTY_HEADER
        };
        out.push_str("<w:sectPr>");
        let _ = write!(
            out,
            "<w:headerReference w:type=\"default\" r:id=\"{default}\"/>"
        );
        let _ = write!(
            out,
            "<w:headerReference w:type=\"first\" r:id=\"{}\"/>",
            if numbered && !self.first_page_number_hidden {
                NUMBERED_HEADER
            } else {
                EMPTY_HEADER
            }
        );
        out.push_str("<w:type w:val=\"nextPage\"/>");
        let (width, height) = self.page_size_mm();
        let _ = write!(
            out,
            "<w:pgSz w:w=\"{}\" w:h=\"{}\"",
            twips(width),
            twips(height)
        );
        if self.orientation == Orientation::Landscape {
            out.push_str(" w:orient=\"landscape\"");
        }
        out.push_str("/>");
        let m = &self.margins;
        let _ = write!(
            out,
            "<w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" \
             w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/>",
            twips(m.top),
            twips(m.right),
            twips(m.bottom),
            twips(m.left),
            twips(m.header),
            twips(m.footer)
        );
        if self.restart_numbering {
            out.push_str("<w:pgNumType w:start=\"1\"/>");
        }
        // The first page always has its own (empty or numbered) header.
        out.push_str("<w:titlePg/>");
        out.push_str("</w:sectPr>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_appendix_is_a4_landscape_with_the_decree_margins() {
        let page = PageSetup::appendix();
        assert_eq!(page.text_width_mm(), 252.0);
        let mut out = String::new();
        page.write(&mut out);
        assert!(
            out.contains("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"),
            "{out}"
        );
        assert!(out.contains("w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""));
        assert!(out.contains("<w:headerReference w:type=\"default\" r:id=\"rIdHeaderNumber\"/>"));
        assert!(out.contains("<w:headerReference w:type=\"first\" r:id=\"rIdHeaderEmpty\"/>"));
        assert!(out.contains("<w:pgNumType w:start=\"1\"/><w:titlePg/>"));
    }

    #[test]
    fn portrait_without_numbers() {
        let page = PageSetup {
            page_numbers: false,
            ..PageSetup::portrait()
        };
        let mut out = String::new();
        page.write(&mut out);
        assert!(
            out.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"),
            "{out}"
        );
        assert!(!out.contains("rIdHeaderNumber") && !out.contains("pgNumType"));
    }
}
