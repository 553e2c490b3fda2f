//! The "Tổng cộng" row at the foot of a table, the "(Bằng chữ: ...)" line under it, and
//! the italic note under a table.

use crate::domain::money::Money;

use super::builder::DocxBuilder;
use super::paragraph::{Align, Para, ParaStyle, Run};
use super::table::{Cell, TableRow};

/// The total row of a table of `columns` columns whose amount sits in column
/// `amount_column` (counts, when given, in the column before it): the label spans the
/// columns before those figures, centred and bold.
pub(crate) fn total_row(
    label: &str,
    columns: usize,
    amount_column: usize,
    count: Option<usize>,
    amount: Money,
) -> TableRow {
    let figures_from = if count.is_some() {
        amount_column - 1
    } else {
        amount_column
    };
    let mut cells = vec![
        Cell::new(Para::cell(Run::new(label).bold(), Align::Center)).span(figures_from.max(1))
    ];
    if let Some(count) = count {
        cells.push(Cell::new(Para::cell(
            Run::new(count.to_string()).bold(),
            Align::Center,
        )));
    }
    cells.push(Cell::new(Para::cell(
        Run::new(amount.to_string()).bold(),
        Align::Right,
    )));
    cells.extend((amount_column + 1..columns).map(|_| Cell::empty()));
    TableRow::new(cells)
}

/// A note under a table ("Ghi chú: ..."), italic and justified.
pub(crate) fn note_line(doc: &mut DocxBuilder, note: &str) {
    doc.push_paragraph(
        Para::new(Align::Justify)
            .style(ParaStyle::Table)
            .run(Run::new(note).italic())
            .space_before(6.0),
    );
}

/// The amount in words under a table, italic and centred.
pub(crate) fn words_line(doc: &mut DocxBuilder, words: &str) {
    doc.push_paragraph(
        Para::new(Align::Center)
            .style(ParaStyle::Table)
            .run(Run::new(words).italic())
            .space_before(6.0),
    );
}
