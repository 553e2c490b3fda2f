//! The plan document (Dự thảo kế hoạch): the body of the plan a UBND tỉnh signs, around
//! its appendices.
//!
//! The body is a fixed list of [`Section`]s (căn cứ, I. Mục đích, yêu cầu, II. Nhiệm vụ,
//! III. Kinh phí, IV. Tổ chức thực hiện, nơi nhận, the signature block, the subject line and
//! the place and date). A section the drafter has not edited follows the plan: its text is
//! re-derived from the plan each time ([`default_text`]), with the province, year, plan
//! number, areas, lead agencies and budget filled in. A section the drafter edited is kept
//! as typed in [`PlanDocument`], which is stored with the plan.
//!
//! The text of a section is plain lines; [`parse`] reads them as typed paragraphs: a line
//! starting with "- " is a dash paragraph, "1.", "1.1." and "a)" start numbered headings,
//! blank lines only separate.
//!
//! ```
//! use cchc_plan::domain::plan::Plan;
//! use cchc_plan::domain::plan_document::{section_text, Section};
//! use cchc_plan::domain::words::WordsStyle;
//! let mut plan = Plan::new("p", "Lào Cai", 2027);
//! let basis = section_text(&plan, Section::Basis, WordsStyle::default());
//! assert!(basis.contains("Kế hoạch cải cách hành chính nhà nước năm 2027"));
//! plan.document.set(Section::Basis, "Căn cứ ...".into());
//! assert_eq!(section_text(&plan, Section::Basis, WordsStyle::default()), "Căn cứ ...");
//! ```

use super::plan::Plan;
use super::words::WordsStyle;

mod defaults;
mod paragraphs;
#[cfg(test)]
mod tests;

pub use super::document_sections::{PlanDocument, Section};
pub use defaults::{default_text, province_short_name};
pub use paragraphs::{parse, HeadingLevel, Paragraph};

/// The text of a section: as the drafter edited it, or else the default derived from the
/// plan (the amount in words read with `words`).
pub fn section_text(plan: &Plan, section: Section, words: WordsStyle) -> String {
    match plan.document.edited(section) {
        Some(text) => text.to_string(),
        None => default_text(plan, section, words),
    }
}
