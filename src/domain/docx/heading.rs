//! The heading block above an appendix table: the label ("Phụ lục I") bold, the title in
//! capitals bold, the italic "(Kèm theo ...)" line, a short rule under it, and the unit
//! line "ĐVT: triệu đồng" at the right when the table has a budget column. The words come
//! from the Excel appendix's [`Heading`], so both files say the same.

use crate::domain::workbook::{Heading, UNIT_LINE};

use super::builder::DocxBuilder;
use super::paragraph::{Align, Para, ParaStyle, Run};
use super::styles::{BODY_SIZE, TABLE_SIZE};

/// A bold part title over a table ("1. Kinh phí theo lĩnh vực"), kept with it.
pub(crate) fn part_title(doc: &mut DocxBuilder, text: &str) {
    doc.push_paragraph(
        Para::new(Align::Left)
            .style(ParaStyle::Table)
            .run(Run::new(text).bold())
            .space_before(6.0)
            .space_after(3.0)
            .keep_with_next(),
    );
}

/// Writes the heading block into a text column `text_width_mm` wide.
pub(crate) fn write(doc: &mut DocxBuilder, heading: &Heading, text_width_mm: f32) {
    let line = |run: Run| {
        Para::new(Align::Center)
            .run(run.size(BODY_SIZE))
            .keep_with_next()
    };
    doc.push_paragraph(line(Run::new(heading.label.as_str()).bold()));
    doc.push_paragraph(line(Run::new(heading.title.as_str()).bold()));
    doc.push_paragraph(line(Run::new(heading.attachment.as_str()).italic()));
    let mut rule = Para::rule(text_width_mm / 4.0, text_width_mm);
    rule.keep_with_next = true;
    doc.push_paragraph(rule);
    if heading.unit {
        doc.push_paragraph(
            Para::new(Align::Right)
                .style(ParaStyle::Table)
                .run(Run::new(UNIT_LINE).italic().size(TABLE_SIZE))
                .keep_with_next(),
        );
    }
}
