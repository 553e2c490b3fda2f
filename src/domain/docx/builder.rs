//! [`DocxBuilder`]: a document written front to back, section by section.
//!
//! Paragraphs and tables are turned into WordprocessingML as they are pushed (the builder
//! keeps the body's text, not a tree), and [`DocxBuilder::end_section`] closes the content
//! pushed since the previous section with its page setup. The section's properties go into
//! its last paragraph when it ends with one, else into an empty paragraph after its table,
//! and the document's last section into the body's own `w:sectPr`, as Word writes them.
//!
//! ```
//! use cchc_plan::domain::docx::{Align, DocxBuilder, PageSetup, Para, Run};
//! let mut doc = DocxBuilder::new();
//! doc.push_paragraph(Para::new(Align::Center).run(Run::new("KẾ HOẠCH").bold()));
//! doc.end_section(PageSetup::portrait());
//! let bytes = doc.finish().unwrap();
//! assert_eq!(&bytes[..2], b"PK");
//! ```

use super::package::{self, Properties, R_NS, W_NS};
use super::page::PageSetup;
use super::paragraph::{self, Para};
use super::table::{self, Table};
use super::DocxError;

/// A .docx being written.
#[derive(Debug, Default)]
pub struct DocxBuilder {
    body: String,
    /// Where the last element's `</w:pPr>` sits, when the last element is a paragraph.
    last_paragraph: Option<usize>,
    /// Whether anything was pushed since the last section ended.
    open: bool,
    /// The setup of the section ended last, when it is the document's last so far.
    last_setup: Option<PageSetup>,
    properties: Properties,
}

impl DocxBuilder {
    pub fn new() -> DocxBuilder {
        DocxBuilder {
            body: String::with_capacity(1 << 16),
            ..DocxBuilder::default()
        }
    }

    /// Sets what File > Properties shows.
    pub fn set_properties(&mut self, properties: Properties) {
        self.properties = properties;
    }

    /// Reserves room for about `bytes` more of body XML (a large table).
    pub fn reserve(&mut self, bytes: usize) {
        self.body.reserve(bytes);
    }

    /// Appends a paragraph to the open section.
    pub fn push_paragraph(&mut self, para: Para) {
        self.push_paragraph_ref(&para);
    }

    /// Like [`DocxBuilder::push_paragraph`], for a paragraph kept by the caller.
    pub fn push_paragraph_ref(&mut self, para: &Para) {
        self.before_push();
        self.last_paragraph = Some(paragraph::write(&mut self.body, para));
    }

    /// Appends a table to the open section.
    pub fn push_table(&mut self, table: &Table) {
        self.before_push();
        table::write(&mut self.body, table);
        self.last_paragraph = None;
    }

    fn before_push(&mut self) {
        if let Some(setup) = self.last_setup.take() {
            // The previous section is followed by more: its break goes into the body.
            self.write_break(&setup);
        }
        self.open = true;
    }

    /// Puts a section's properties into its last paragraph, or a paragraph of its own.
    fn write_break(&mut self, setup: &PageSetup) {
        let mut properties = String::with_capacity(512);
        setup.write(&mut properties);
        match self.last_paragraph.take() {
            Some(at) => self.body.insert_str(at, &properties),
            None => {
                self.body.push_str("<w:p><w:pPr>");
                self.body.push_str(&properties);
                self.body.push_str("</w:pPr></w:p>");
            }
        }
    }

    /// Ends the section holding everything pushed since the previous one, with this page
    /// setup; what is pushed next starts on a new page. Ending a section with nothing in
    /// it gives an empty page.
    pub fn end_section(&mut self, page: PageSetup) {
        // Writes the break of a previous section ended with nothing after it.
        self.before_push();
        self.last_setup = Some(page);
        self.open = false;
    }

    /// The body written so far, for tests of the writers built on this one.
    #[cfg(test)]
    pub(crate) fn body(&self) -> &str {
        &self.body
    }

    /// Zips the document. Content pushed after the last [`DocxBuilder::end_section`] (or in
    /// a document that never ended one) forms a last section in
    /// [`PageSetup::portrait`].
    ///
    /// # Errors
    /// [`DocxError::Package`] when the package cannot be written.
    pub fn finish(mut self) -> Result<Vec<u8>, DocxError> {
        // Pushing writes a pending break, so an open section has none before it.
        let last = match self.last_setup.take() {
            Some(setup) if !self.open => setup,
            _ => PageSetup::portrait(),
        };
        if self.body.is_empty() {
            // A body needs a paragraph for Word to open it.
            self.body.push_str("<w:p/>");
        }
        let mut document = String::with_capacity(self.body.len() + 1024);
        document.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        document.push_str("<w:document xmlns:w=\"");
        document.push_str(W_NS);
        document.push_str("\" xmlns:r=\"");
        document.push_str(R_NS);
        document.push_str("\"><w:body>");
        document.push_str(&self.body);
        last.write(&mut document);
        document.push_str("</w:body></w:document>");
        package::zip(&document, &self.properties)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::docx::{Align, Cell, Orientation, Run};

    fn doc_with(sections: &[(&str, Orientation, bool)]) -> DocxBuilder {
        let mut doc = DocxBuilder::new();
        for (text, orientation, table) in sections {
            if *table {
                let mut t = Table::new(vec![20.0], true);
                t.rows
                    .push(super::super::TableRow::new(vec![Cell::new(Para::cell(
                        Run::new(*text),
                        Align::Left,
                    ))]));
                doc.push_table(&t);
            } else {
                doc.push_paragraph(Para::text(*text));
            }
            doc.end_section(PageSetup {
                orientation: *orientation,
                ..PageSetup::portrait()
            });
        }
        doc
    }

    #[test]
    fn a_section_ending_in_a_paragraph_carries_its_properties() {
        let doc = doc_with(&[
            ("Thân", Orientation::Portrait, false),
            ("Bảng", Orientation::Landscape, true),
        ]);
        let body = doc.body();
        // The first section's properties sit in its paragraph; the second's (the last)
        // are not in the body yet: finish() writes them as the body's own.
        assert_eq!(body.matches("<w:sectPr>").count(), 1);
        assert!(body.starts_with("<w:p><w:pPr><w:sectPr>"), "{body}");
        assert!(body.contains("</w:sectPr></w:pPr><w:r>"), "{body}");
        assert!(body.ends_with("</w:tbl>"));
    }

    #[test]
    fn a_section_ending_in_a_table_gets_a_paragraph() {
        let doc = doc_with(&[
            ("Bảng", Orientation::Landscape, true),
            ("Thân", Orientation::Portrait, false),
        ]);
        let body = doc.body();
        assert!(body.contains("</w:tbl><w:p><w:pPr><w:sectPr>"), "{body}");
        assert!(body.contains("w:orient=\"landscape\""));
    }

    #[test]
    fn an_empty_document_still_opens() {
        let bytes = DocxBuilder::new().finish().unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
