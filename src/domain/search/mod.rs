//! Search over templates: diacritic-, case- and word-order-insensitive, with abbreviations.
//!
//! A [`SearchIndex`] is built once over a list of templates. A query is cut into words
//! folded like [`super::text::fold`] ("Một cửa" → "mot", "cua"); every word must occur in
//! the template's content, product, agencies or context (area, group, PAR INDEX criteria),
//! in any order, the last one possibly unfinished (a prefix, as the user types). Equivalent
//! forms from `data/abbreviations.json` match each other both ways: "TTHC" finds "thủ tục
//! hành chính" and "thu tuc hanh chinh" finds "TTHC".
//!
//! Hits are ranked by relevance: how many query words matched (when no template has them
//! all, the best partial matches are returned, marked incomplete), how rare the matched
//! words are, where they matched (content first), whether query words stand next to each
//! other in the text ("Sở Nội vụ" as an agency outranks the three words scattered), and
//! the length of the content. Each hit carries byte ranges of the matches in the original
//! content and product, for highlighting.
//!
//! [`SearchIndex::search_top`] gives the first hits only, much faster on broad queries:
//! candidates are scored from the postings first, and only those that can still enter the
//! first `limit` are read in full. `cargo run --release --example search_bench` times both
//! over 25.000 templates.
//!
//! ```
//! use cchc_plan::domain::{library::builtin, search::Filter};
//! let library = builtin();
//! let hits = library.search("mot cua", &Filter::default());
//! let first = &library.templates()[hits[0].index];
//! let range = hits[0].content[0].clone();
//! assert_eq!(cchc_plan::domain::text::fold(&first.content[range]), "mot cua");
//! ```
//!
//! Files by stage of work: `abbreviations.rs` (the table of equivalent forms), `index.rs`
//! (building the index), `query.rs` (reading a query, matching and ranking); tests beside.
//! Search reads templates and never changes them; words are cut by [`super::text::words`].

use std::ops::Range;

use super::template::AreaKey;

mod abbreviations;
mod index;
mod query;

pub use abbreviations::Abbreviations;
pub use index::SearchIndex;

/// At most this many query terms count; the rest of a very long query is ignored.
const MAX_TERMS: usize = 24;
/// Weight of a match by field: content, product, agencies, context.
const FIELD_WEIGHT: [f32; 4] = [1.0, 0.6, 0.35, 0.3];
/// Weight of a prefix match (the unfinished last word) against a whole-word match.
const PREFIX_WEIGHT: f32 = 0.7;
/// Bonus for two query terms found side by side, in query order.
const ADJACENT_BONUS: f32 = 0.6;
/// The least weight, by field, of query terms found there side by side with another: "Sở
/// Nội vụ" as an agency counts as much as the three words scattered over the content.
const PHRASE_WEIGHT: [f32; 4] = [1.0, 0.8, 1.0, 0.5];

const CONTENT: u8 = 0;
const PRODUCT: u8 = 1;
const AGENCIES: u8 = 2;
const CONTEXT: u8 = 3;

/// Which templates to search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only templates of this area.
    pub area: Option<AreaKey>,
    /// Only templates of this source id (e.g. "seed-002").
    pub source: Option<String>,
}

/// One search result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Index of the template in the list the index was built over.
    pub index: usize,
    /// Relevance: higher is better; only comparable within one query.
    pub score: f32,
    /// Whether every query word matched (otherwise this is a best partial match).
    pub complete: bool,
    /// Byte ranges of the matches in the template's original `content`, sorted, disjoint.
    pub content: Vec<Range<usize>>,
    /// Byte ranges of the matches in the template's original `product`.
    pub product: Vec<Range<usize>>,
}

// ----- highlighting -----

/// The end of the original text that folds to the first `chars` characters of the word
/// at `start..end` (at least one character, and any combining marks that follow it).
/// Every character but a combining diacritic (U+0300-U+036F, the ones Vietnamese text may
/// carry decomposed) folds to one character.
fn prefix_end(text: &str, start: usize, end: usize, chars: usize) -> usize {
    let bytes = &text.as_bytes()[start..end];
    let mut folded = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let starts_char = b & 0xC0 != 0x80;
        let mark = b == 0xCC || (b == 0xCD && bytes.get(i + 1).is_some_and(|&n| n < 0xB0));
        if starts_char && !mark {
            if folded >= chars.max(1) {
                return start + i;
            }
            folded += 1;
        }
    }
    end
}

#[cfg(test)]
mod tests;
