//! Building the search index: every template's fields cut into folded words and abbreviation
//! concepts, with their places, and the postings of each term.
//!
//! It answers no query; reading and ranking a query is `query.rs`.
//!
//! An index can be built a slice at a time: [`SearchIndex::extend`] appends templates to an
//! index (the next ones of the same list), and an index so built equals the one built at once
//! and answers every query the same. The app builds the library's index that way after a large
//! template import, a few milliseconds at a time between other work, searching what is built
//! so far meanwhile. Appending was chosen over building in the documents worker: the page
//! searches the index as the drafter types, so a worker's index would have to be serialised
//! and read back on the main thread (itself work in proportion to the index), and the
//! templates sent over first; appending needs no new protocol and no worker at all (it works
//! offline before the worker was ever fetched), and each slice is as short as the caller likes.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::ops::Range;

use super::super::template::{AreaKey, Template};
use super::super::text::{words, Word};
use super::abbreviations::{concept_key, contains_run, Abbreviations};
use super::{AGENCIES, CONTENT, CONTEXT, PRODUCT};

/// One occurrence of a term in a template (the term itself is kept apart, in
/// `SearchIndex::token_terms`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    /// Byte range in the original field text.
    pub(super) start: u32,
    pub(super) end: u32,
    /// Word position in its field, and the number of words it covers.
    pub(super) pos: u16,
    pub(super) span: u8,
}

#[derive(Debug)]
pub(super) struct Doc {
    pub(super) area: AreaKey,
    pub(super) source: u32,
    /// Byte ranges of the original content and product in `SearchIndex::texts`.
    pub(super) content: Range<u32>,
    pub(super) product: Range<u32>,
    /// Where each field's tokens start in `SearchIndex::tokens` and `token_terms` (and
    /// where the last field's end). Tokens are in field order, then by position.
    pub(super) bounds: [u32; 5],
    /// Word count of each field.
    pub(super) lens: [u16; 4],
}

/// An index over a list of templates, built once.
#[derive(Debug)]
pub struct SearchIndex {
    pub(super) abbreviations: Abbreviations,
    pub(super) terms: HashMap<Box<str>, u32>,
    /// Words (not concepts) in order, for prefix lookup.
    pub(super) sorted_words: Vec<(Box<str>, u32)>,
    /// Per term, the documents containing it, ascending: `doc << 4 | fields`, a bit per
    /// field the term occurs in.
    pub(super) postings: Vec<Vec<u32>>,
    pub(super) docs: Vec<Doc>,
    pub(super) sources: Vec<Box<str>>,
    /// The tokens of every template, one after the other (templates in order, so that the
    /// candidates of a query, taken in order, are read front to back), and their terms
    /// apart, so that scanning for matching terms reads little memory.
    pub(super) tokens: Vec<Token>,
    pub(super) token_terms: Vec<u32>,
    /// The content and product of every template, one after the other.
    pub(super) texts: String,
    /// Words interned since `sorted_words` was last brought up to date.
    pub(super) new_words: Vec<(Box<str>, u32)>,
}

impl SearchIndex {
    /// Indexes templates with the built-in abbreviation table.
    pub fn new(templates: &[Template]) -> SearchIndex {
        SearchIndex::with_abbreviations(templates, Abbreviations::builtin().clone())
    }

    /// Indexes templates with a given abbreviation table.
    pub fn with_abbreviations(templates: &[Template], abbreviations: Abbreviations) -> SearchIndex {
        let mut index = SearchIndex::empty(abbreviations);
        index.docs.reserve_exact(templates.len());
        index.extend(templates);
        index
    }

    /// An index of no template yet, to [`extend`](SearchIndex::extend).
    pub fn empty(abbreviations: Abbreviations) -> SearchIndex {
        SearchIndex {
            abbreviations,
            terms: HashMap::new(),
            sorted_words: Vec::new(),
            postings: Vec::new(),
            docs: Vec::new(),
            sources: Vec::new(),
            tokens: Vec::new(),
            token_terms: Vec::new(),
            texts: String::new(),
            new_words: Vec::new(),
        }
    }

    /// Appends templates: they are the next ones of the list the index is built over, their
    /// hits numbered on from [`SearchIndex::len`]. Indexing a list in several calls gives the
    /// same index, and the same answers, as indexing it in one.
    pub fn extend(&mut self, templates: &[Template]) {
        for template in templates {
            self.add(template);
        }
        if self.new_words.is_empty() {
            return;
        }
        // Merge the new words (few, once the common ones are known) into the sorted ones.
        let mut new_words = std::mem::take(&mut self.new_words);
        new_words.sort_unstable();
        let old = std::mem::take(&mut self.sorted_words);
        let mut merged = Vec::with_capacity(old.len() + new_words.len());
        let mut new_words = new_words.into_iter().peekable();
        for word in old {
            while let Some(next) = new_words.next_if(|n| *n < word) {
                merged.push(next);
            }
            merged.push(word);
        }
        merged.extend(new_words);
        self.sorted_words = merged;
    }

    /// Number of templates indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub(super) fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.terms.get(key) {
            return id;
        }
        let id = self.postings.len() as u32;
        self.terms.insert(key.into(), id);
        if !key.starts_with('\u{1}') {
            self.new_words.push((key.into(), id));
        }
        self.postings.push(Vec::new());
        id
    }

    pub(super) fn add(&mut self, template: &Template) {
        let doc = self.docs.len() as u32;
        let agencies = template
            .lead
            .iter()
            .chain(&template.partners)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("; ");
        let mut context = vec![template.area_title.as_str()];
        context.extend(template.group.iter().map(String::as_str));
        let criteria: Vec<String> = template
            .criteria
            .iter()
            .map(|c| format!("{} {}", c.code, c.title))
            .collect();
        context.extend(criteria.iter().map(String::as_str));
        let context = context.join(" | ");
        let mut tokens = Vec::new();
        let mut lens = [0u16; 4];
        let base = self.tokens.len() as u32;
        let mut bounds = [base; 5];
        for (field, text) in [
            (CONTENT, template.content.as_str()),
            (PRODUCT, template.product.as_str()),
            (AGENCIES, agencies.as_str()),
            (CONTEXT, context.as_str()),
        ] {
            lens[field as usize] = self.index_field(text, &mut tokens);
            bounds[field as usize + 1] = base + tokens.len() as u32;
        }
        // Postings: each term's documents, with the fields it occurs in (4 bits).
        let mut fields: Vec<(u32, u32)> = Vec::with_capacity(tokens.len());
        for field in 0..4 {
            let range = (bounds[field] - base) as usize..(bounds[field + 1] - base) as usize;
            fields.extend(tokens[range].iter().map(|(term, _)| (*term, 1u32 << field)));
        }
        fields.sort_unstable();
        for (term, field) in fields {
            let list = &mut self.postings[term as usize];
            match list.last_mut() {
                Some(last) if *last >> 4 == doc => *last |= field,
                _ => list.push(doc << 4 | field),
            }
        }
        self.token_terms
            .extend(tokens.iter().map(|(term, _)| *term));
        self.tokens.extend(tokens.iter().map(|(_, token)| *token));
        let source = match self.sources.iter().position(|s| **s == *template.source) {
            Some(i) => i as u32,
            None => {
                self.sources.push(template.source.as_str().into());
                (self.sources.len() - 1) as u32
            }
        };
        let content = self.push_text(&template.content);
        let product = self.push_text(&template.product);
        self.docs.push(Doc {
            area: template.area,
            source,
            content,
            product,
            bounds,
            lens,
        });
    }

    pub(super) fn push_text(&mut self, text: &str) -> Range<u32> {
        let start = self.texts.len() as u32;
        self.texts.push_str(text);
        start..self.texts.len() as u32
    }

    /// Adds the word and concept tokens of one field; returns its word count.
    pub(super) fn index_field(&mut self, text: &str, tokens: &mut Vec<(u32, Token)>) -> u16 {
        let ws: Vec<Word> = words(text).collect();
        let count = ws.len().min(u16::MAX as usize - 256);
        let first = tokens.len();
        for (pos, w) in ws.iter().take(count).enumerate() {
            let term = self.intern(&w.folded);
            let token = Token {
                start: w.span.start as u32,
                end: w.span.end as u32,
                pos: pos as u16,
                span: 1,
            };
            tokens.push((term, token));
        }
        let folded: Vec<&str> = ws.iter().take(count).map(|w| w.folded.as_str()).collect();
        let mut concepts: Vec<(u32, usize, usize)> = Vec::new(); // (concept, pos, span)
        for at in 0..folded.len() {
            for (concept, len) in self.abbreviations.matches_at(&folded, at) {
                concepts.push((concept, at, len));
                // A form containing another concept's form only as letters ("VBQPPL" holds
                // "QPPL") stands for it too; a spelt-out form has it as words, found anyway.
                for &inner in &self.abbreviations.contains[concept as usize] {
                    let spelt_out = self.abbreviations.forms[inner as usize]
                        .iter()
                        .any(|f| contains_run(&folded[at..at + len], f));
                    if !spelt_out {
                        concepts.push((inner, at, len));
                    }
                }
            }
        }
        for (concept, pos, span) in concepts {
            let term = self.intern(&concept_key(concept));
            let token = Token {
                start: ws[pos].span.start as u32,
                end: ws[pos + span - 1].span.end as u32,
                pos: pos as u16,
                span: span.min(255) as u8,
            };
            tokens.push((term, token));
        }
        tokens[first..].sort_by_key(|(_, t)| (t.pos, Reverse(t.span)));
        count as u16
    }

    pub(super) fn text(&self, range: &Range<u32>) -> &str {
        &self.texts[range.start as usize..range.end as usize]
    }
}
