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

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;

use super::library::{AreaKey, Template};
use super::text::{canonical_folded_word, fold_char, fold_key};

/// The abbreviation table shipped with the app.
const ABBREVIATIONS_JSON: &str = include_str!("../../data/abbreviations.json");

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

// ----- folding and words -----

/// A word of a text: its folded form and its byte range in the original.
#[derive(Clone, Debug, PartialEq)]
struct Word {
    folded: String,
    start: usize,
    end: usize,
}

/// The words of a text (runs of letters and digits once folded), with original ranges.
fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current: Option<Word> = None;
    let mut buf = String::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        buf.clear();
        fold_char(c, &mut buf);
        if buf.is_empty() {
            // A combining mark belongs to the word it follows.
            if let Some(word) = current.as_mut() {
                word.end = end;
            }
        } else if buf.chars().all(char::is_alphanumeric) {
            match current.as_mut() {
                Some(word) => {
                    word.folded.push_str(&buf);
                    word.end = end;
                }
                None => {
                    current = Some(Word {
                        folded: buf.clone(),
                        start: i,
                        end,
                    })
                }
            }
        } else if let Some(word) = current.take() {
            out.push(word);
        }
    }
    out.extend(current);
    // "Quí" and "Quý" are one word (same length: highlights stay right).
    for word in &mut out {
        canonical_folded_word(&mut word.folded);
    }
    out
}

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

// ----- abbreviations -----

#[derive(Deserialize)]
struct AbbreviationFile {
    abbreviations: Vec<Vec<String>>,
}

/// Groups of equivalent forms ("TTHC" = "thủ tục hành chính"), kept as editable data.
#[derive(Clone, Debug, Default)]
pub struct Abbreviations {
    /// Per concept, its forms as folded word sequences.
    forms: Vec<Vec<Vec<String>>>,
    /// Per concept, the other concepts a form of it contains ("VBQPPL" contains "QPPL").
    contains: Vec<Vec<u32>>,
    /// Forms by their first word, longest first: (concept, words).
    by_first: HashMap<String, Vec<(u32, Vec<String>)>>,
}

impl Abbreviations {
    /// The table in `data/abbreviations.json`.
    pub fn builtin() -> &'static Abbreviations {
        static TABLE: OnceLock<Abbreviations> = OnceLock::new();
        TABLE.get_or_init(|| {
            Abbreviations::from_json(ABBREVIATIONS_JSON)
                .unwrap_or_else(|e| panic!("data/abbreviations.json: {e}"))
        })
    }

    /// Reads a table: `{"abbreviations": [["TTHC", "thủ tục hành chính"], ...]}`.
    pub fn from_json(text: &str) -> Result<Abbreviations, String> {
        let file: AbbreviationFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Ok(Abbreviations::new(&file.abbreviations))
    }

    /// A table from groups of equivalent forms.
    pub fn new(groups: &[Vec<String>]) -> Abbreviations {
        let forms: Vec<Vec<Vec<String>>> = groups
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|form| words(form).into_iter().map(|w| w.folded).collect())
                    .filter(|w: &Vec<String>| !w.is_empty())
                    .collect()
            })
            .collect();
        let contains = (0..forms.len())
            .map(|a| {
                (0..forms.len())
                    .filter(|&b| b != a)
                    .filter(|&b| {
                        forms[a]
                            .iter()
                            .any(|fa| forms[b].iter().any(|fb| contains_run(fa, fb)))
                    })
                    .map(|b| b as u32)
                    .collect()
            })
            .collect();
        let mut by_first: HashMap<String, Vec<(u32, Vec<String>)>> = HashMap::new();
        for (c, group) in forms.iter().enumerate() {
            for form in group {
                by_first
                    .entry(form[0].clone())
                    .or_default()
                    .push((c as u32, form.clone()));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(_, form)| Reverse(form.len()));
        }
        Abbreviations {
            forms,
            contains,
            by_first,
        }
    }

    /// Every form matching at `at`: (concept, number of words), longest first.
    fn matches_at<'a>(
        &'a self,
        words: &'a [&'a str],
        at: usize,
    ) -> impl Iterator<Item = (u32, usize)> + 'a {
        self.by_first
            .get(words[at])
            .into_iter()
            .flatten()
            .filter(move |(_, form)| {
                words.len() - at >= form.len() && form.iter().zip(&words[at..]).all(|(f, w)| f == w)
            })
            .map(|(c, form)| (*c, form.len()))
    }
}

/// Whether `inner` is a shorter contiguous run of words inside `outer`.
fn contains_run<A: AsRef<str>, B: AsRef<str>>(outer: &[A], inner: &[B]) -> bool {
    inner.len() < outer.len()
        && outer.windows(inner.len()).any(|window| {
            window
                .iter()
                .zip(inner)
                .all(|(a, b)| a.as_ref() == b.as_ref())
        })
}

/// The vocabulary key of a concept: not a word (words never contain U+0001).
fn concept_key(concept: u32) -> String {
    format!("\u{1}{concept}")
}

// ----- the index -----

/// One occurrence of a term in a template (the term itself is kept apart, in
/// `SearchIndex::token_terms`).
#[derive(Clone, Copy, Debug)]
struct Token {
    /// Byte range in the original field text.
    start: u32,
    end: u32,
    /// Word position in its field, and the number of words it covers.
    pos: u16,
    span: u8,
}

#[derive(Debug)]
struct Doc {
    area: AreaKey,
    source: u32,
    /// Byte ranges of the original content and product in `SearchIndex::texts`.
    content: Range<u32>,
    product: Range<u32>,
    /// Where each field's tokens start in `SearchIndex::tokens` and `token_terms` (and
    /// where the last field's end). Tokens are in field order, then by position.
    bounds: [u32; 5],
    /// Word count of each field.
    lens: [u16; 4],
}

/// An index over a list of templates, built once.
#[derive(Debug)]
pub struct SearchIndex {
    abbreviations: Abbreviations,
    terms: HashMap<Box<str>, u32>,
    /// Words (not concepts) in order, for prefix lookup.
    sorted_words: Vec<(Box<str>, u32)>,
    /// Per term, the documents containing it, ascending: `doc << 4 | fields`, a bit per
    /// field the term occurs in.
    postings: Vec<Vec<u32>>,
    docs: Vec<Doc>,
    sources: Vec<Box<str>>,
    /// The tokens of every template, one after the other (templates in order, so that the
    /// candidates of a query, taken in order, are read front to back), and their terms
    /// apart, so that scanning for matching terms reads little memory.
    tokens: Vec<Token>,
    token_terms: Vec<u32>,
    /// The content and product of every template, one after the other.
    texts: String,
}

/// The order of hits, smallest first, in one number: more matched terms (the top 5 bits,
/// reversed), then a higher score (the next 31 bits, reversed: a score is never negative),
/// then the candidate's place among the candidates, which are in template order (the low
/// `PLACE_BITS` bits). One number sorts much faster than a tuple.
type OrderKey = u64;
const PLACE_BITS: u32 = 28;

/// The candidate's place in its [`OrderKey`].
fn place(key: OrderKey) -> u32 {
    (key & ((1 << PLACE_BITS) - 1)) as u32
}

/// A query term: a word (the last one may be a prefix) or an abbreviation concept.
#[derive(Clone, Debug, PartialEq)]
enum QueryTerm {
    Word { text: String, prefix: bool },
    Concept(u32),
}

impl SearchIndex {
    /// Indexes templates with the built-in abbreviation table.
    pub fn new(templates: &[Template]) -> SearchIndex {
        SearchIndex::with_abbreviations(templates, Abbreviations::builtin().clone())
    }

    /// Indexes templates with a given abbreviation table.
    pub fn with_abbreviations(templates: &[Template], abbreviations: Abbreviations) -> SearchIndex {
        let mut index = SearchIndex {
            abbreviations,
            terms: HashMap::new(),
            sorted_words: Vec::new(),
            postings: Vec::new(),
            docs: Vec::with_capacity(templates.len()),
            sources: Vec::new(),
            tokens: Vec::new(),
            token_terms: Vec::new(),
            texts: String::new(),
        };
        for template in templates {
            index.add(template);
        }
        let mut sorted: Vec<(Box<str>, u32)> = index
            .terms
            .iter()
            .filter(|(k, _)| !k.starts_with('\u{1}'))
            .map(|(k, &v)| (k.clone(), v))
            .collect();
        sorted.sort();
        index.sorted_words = sorted;
        index
    }

    /// Number of templates indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.terms.get(key) {
            return id;
        }
        let id = self.postings.len() as u32;
        self.terms.insert(key.into(), id);
        self.postings.push(Vec::new());
        id
    }

    fn add(&mut self, template: &Template) {
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

    fn push_text(&mut self, text: &str) -> Range<u32> {
        let start = self.texts.len() as u32;
        self.texts.push_str(text);
        start..self.texts.len() as u32
    }

    /// Adds the word and concept tokens of one field; returns its word count.
    fn index_field(&mut self, text: &str, tokens: &mut Vec<(u32, Token)>) -> u16 {
        let ws = words(text);
        let count = ws.len().min(u16::MAX as usize - 256);
        let first = tokens.len();
        for (pos, w) in ws.iter().take(count).enumerate() {
            let term = self.intern(&w.folded);
            let token = Token {
                start: w.start as u32,
                end: w.end as u32,
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
                start: ws[pos].start as u32,
                end: ws[pos + span - 1].end as u32,
                pos: pos as u16,
                span: span.min(255) as u8,
            };
            tokens.push((term, token));
        }
        tokens[first..].sort_by_key(|(_, t)| (t.pos, Reverse(t.span)));
        count as u16
    }

    fn text(&self, range: &Range<u32>) -> &str {
        &self.texts[range.start as usize..range.end as usize]
    }

    /// Cuts a query into terms: abbreviation forms (longest first) become concepts, other
    /// words stay words; the last word is a prefix unless the query ends in a space.
    fn parse(&self, query: &str) -> Vec<QueryTerm> {
        let ws = words(query);
        let folded: Vec<&str> = ws.iter().map(|w| w.folded.as_str()).collect();
        let open_end = query
            .chars()
            .last()
            .is_some_and(|c| !c.is_whitespace() && !c.is_ascii_punctuation());
        let mut terms: Vec<QueryTerm> = Vec::new();
        let mut at = 0;
        while at < folded.len() && terms.len() < MAX_TERMS {
            let term = match self.abbreviations.matches_at(&folded, at).next() {
                Some((concept, len)) => {
                    at += len;
                    QueryTerm::Concept(concept)
                }
                None => {
                    at += 1;
                    let prefix =
                        open_end && at == folded.len() && folded[at - 1].chars().count() >= 2;
                    // An unfinished word keeps its spelling as typed: "ti" may become "tính"
                    // (its canonical spelling "ty" is matched too, see `run`).
                    let text = if prefix {
                        fold_key(&query[ws[at - 1].start..ws[at - 1].end])
                    } else {
                        folded[at - 1].to_string()
                    };
                    QueryTerm::Word { text, prefix }
                }
            };
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
        terms
    }

    /// Every template matching the query, best first.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_filtered(query, &Filter::default())
    }

    /// The templates passing the filter that match the query, best first. With no words in
    /// the query, every template passing the filter, in order.
    pub fn search_filtered(&self, query: &str, filter: &Filter) -> Vec<Hit> {
        self.run(query, filter, usize::MAX)
    }

    /// The first `limit` hits of [`SearchIndex::search_filtered`], found without scoring
    /// every match in full: what a results list needs.
    pub fn search_top(&self, query: &str, filter: &Filter, limit: usize) -> Vec<Hit> {
        self.run(query, filter, limit)
    }

    fn run(&self, query: &str, filter: &Filter, limit: usize) -> Vec<Hit> {
        let source = match &filter.source {
            Some(id) => match self.sources.iter().position(|s| **s == **id) {
                Some(i) => Some(i as u32),
                None => return Vec::new(),
            },
            None => None,
        };
        let passes = |doc: &Doc| {
            filter.area.is_none_or(|a| doc.area == a) && source.is_none_or(|s| doc.source == s)
        };
        let terms = self.parse(query);
        if terms.is_empty() {
            return (0..self.docs.len())
                .filter(|&i| passes(&self.docs[i]))
                .take(limit)
                .map(|index| Hit {
                    index,
                    score: 0.0,
                    complete: true,
                    content: Vec::new(),
                    product: Vec::new(),
                })
                .collect();
        }
        let n = terms.len();

        // Which query terms each vocabulary term satisfies, as a whole word (low 32 bits)
        // or as a prefix (high 32 bits).
        let mut lookup = vec![0u64; self.postings.len()];
        let mut prefix_chars = vec![0usize; n];
        let mut matching: Vec<u32> = Vec::new();
        for (t, term) in terms.iter().enumerate() {
            let bit = 1u64 << t;
            let exact = |key: &str, lookup: &mut Vec<u64>, matching: &mut Vec<u32>| {
                if let Some(&id) = self.terms.get(key) {
                    lookup[id as usize] |= bit;
                    matching.push(id);
                }
            };
            match term {
                QueryTerm::Concept(c) => exact(&concept_key(*c), &mut lookup, &mut matching),
                QueryTerm::Word { text, prefix } => {
                    exact(text, &mut lookup, &mut matching);
                    if *prefix {
                        let mut canonical = text.clone();
                        canonical_folded_word(&mut canonical);
                        if canonical != *text {
                            exact(&canonical, &mut lookup, &mut matching);
                        }
                        prefix_chars[t] = text.chars().count();
                        let from = self
                            .sorted_words
                            .partition_point(|(w, _)| w.as_ref() < text.as_str());
                        for (word, id) in &self.sorted_words[from..] {
                            if !word.starts_with(text.as_str()) {
                                break;
                            }
                            if word.as_ref() != text.as_str() {
                                lookup[*id as usize] |= bit << 32;
                                matching.push(*id);
                            }
                        }
                    }
                }
            }
        }
        matching.sort_unstable();
        matching.dedup();

        // Stage 1, from the postings alone. First, which terms each template has, and
        // document frequencies.
        let mut masks = vec![0u32; self.docs.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut df = vec![0u32; n];
        for &id in &matching {
            let both = lookup[id as usize];
            let bits = both as u32 | (both >> 32) as u32;
            for &entry in &self.postings[id as usize] {
                let mask = &mut masks[(entry >> 4) as usize];
                if *mask == 0 {
                    touched.push(entry >> 4);
                }
                let new = bits & !*mask;
                if new != 0 {
                    *mask |= new;
                    for (t, count) in df.iter_mut().enumerate() {
                        *count += new >> t & 1;
                    }
                }
            }
        }
        // The candidates: templates with every term, or, when there are none, with any.
        let full = (1u32 << n) - 1;
        touched.retain(|&d| passes(&self.docs[d as usize]));
        let complete = touched.iter().any(|&d| masks[d as usize] == full);
        if complete {
            touched.retain(|&d| masks[d as usize] == full);
        }
        touched.sort_unstable();
        let docs = touched;
        let masks: Vec<u32> = docs.iter().map(|&d| masks[d as usize]).collect();
        // Then, for the candidates only, the best weight of each term (by field; a prefix
        // match weighs less).
        let mut field_best = [0f32; 16];
        for (mask, best) in field_best.iter_mut().enumerate() {
            *best = (0..4)
                .filter(|f| mask & (1 << f) != 0)
                .map(|f| FIELD_WEIGHT[f])
                .fold(0.0, f32::max);
        }
        let mut slot = vec![u32::MAX; self.docs.len()];
        for (s, &d) in docs.iter().enumerate() {
            slot[d as usize] = s as u32;
        }
        let mut weights = vec![0f32; docs.len() * n];
        // And the fields each candidate has a match in: the others need not be read.
        let mut fields = vec![0u8; docs.len()];
        for &id in &matching {
            let both = lookup[id as usize];
            let (exact, prefix) = (both as u32, (both >> 32) as u32);
            for &entry in &self.postings[id as usize] {
                let s = slot[(entry >> 4) as usize];
                if s == u32::MAX {
                    continue;
                }
                fields[s as usize] |= (entry & 15) as u8;
                let weight = field_best[(entry & 15) as usize];
                let row = &mut weights[s as usize * n..(s as usize + 1) * n];
                for (t, w) in row.iter_mut().enumerate() {
                    if exact >> t & 1 != 0 {
                        *w = w.max(weight);
                    } else if prefix >> t & 1 != 0 {
                        *w = w.max(weight * PREFIX_WEIGHT);
                    }
                }
            }
        }
        let candidates = 0..docs.len() as u32;
        let total = self.docs.len() as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| (1.0 + total / (1.0 + d as f32)).ln())
            .collect();
        let pair_bonus: Vec<f32> = (0..n)
            .map(|t| match t {
                0 => 0.0,
                _ => ADJACENT_BONUS * (idf[t] + idf[t - 1]) / 2.0,
            })
            .collect();
        let context = QueryContext {
            complete,
            lookup: &lookup,
            idf: &idf,
            pair_bonus: &pair_bonus,
            prefix_chars: &prefix_chars,
        };
        // The most a candidate can score: as if every pair of terms it has were side by
        // side (summed as `full_hit` sums, so that the bound is never below the score).
        let upper = |s: u32| {
            let s = s as usize;
            let mask = masks[s];
            let pairs = mask & (mask << 1);
            let row = &weights[s * n..(s + 1) * n];
            let mut phrase = [0f32; MAX_TERMS];
            for (t, w) in phrase.iter_mut().enumerate() {
                if (pairs | pairs >> 1) >> t & 1 != 0 {
                    *w = PHRASE_WEIGHT[0];
                }
            }
            context.score(row, pairs, &phrase, &self.docs[docs[s] as usize])
        };
        // Order: more query terms matched, then higher score, then document order.
        assert!(docs.len() < 1 << PLACE_BITS, "too many templates to search");
        let key = |s: u32, score: f32| -> OrderKey {
            let terms = u64::from(31 - masks[s as usize].count_ones());
            let score = u64::from(0x7FFF_FFFF - score.max(0.0).to_bits());
            terms << 59 | score << PLACE_BITS | u64::from(s)
        };

        let mut scratch = Scratch::default();
        let row = |s: u32| &weights[s as usize * n..(s as usize + 1) * n];
        let hit_of = |s: u32, scratch: &mut Scratch| {
            self.full_hit(
                docs[s as usize],
                row(s),
                fields[s as usize],
                &context,
                scratch,
            )
        };
        if limit >= docs.len() {
            // Every candidate is a hit: score them all, then sort their keys, which say where
            // each hit is, rather than the hits themselves (most of the work on a broad query).
            let mut hits: Vec<Option<Hit>> = Vec::with_capacity(docs.len());
            let mut order: Vec<OrderKey> = Vec::with_capacity(docs.len());
            for s in candidates {
                let hit = hit_of(s, &mut scratch);
                order.push(key(s, hit.score));
                hits.push(Some(hit));
            }
            order.sort_unstable();
            return order
                .iter()
                .filter_map(|&k| hits[place(k) as usize].take())
                .collect();
        }
        let mut scored: Vec<(OrderKey, Hit)> = Vec::new();
        if limit > 0 {
            // Best bound first; stop once no remaining template can enter the first `limit`.
            let mut queue: BinaryHeap<Reverse<OrderKey>> =
                candidates.map(|s| Reverse(key(s, upper(s)))).collect();
            let mut kept: BinaryHeap<OrderKey> = BinaryHeap::new();
            while let Some(Reverse(bound)) = queue.pop() {
                if kept.len() == limit && kept.peek().is_some_and(|worst| bound > *worst) {
                    break;
                }
                let s = place(bound);
                let hit = hit_of(s, &mut scratch);
                let k = key(s, hit.score);
                kept.push(k);
                if kept.len() > limit {
                    kept.pop();
                }
                scored.push((k, hit));
            }
        }
        scored.sort_unstable_by_key(|(k, _)| *k);
        scored.truncate(limit);
        scored.into_iter().map(|(_, hit)| hit).collect()
    }

    /// A hit in full: its score, with the side-by-side bonus, from the weights of stage 1
    /// (`row`), and its highlight ranges. Reads only the fields with a match (`fields`, a
    /// bit per field) and, there, only the tokens of matching terms; `ends_at[p]` holds the
    /// terms whose match ends just before word `p` of the field.
    fn full_hit(
        &self,
        d: u32,
        row: &[f32],
        fields: u8,
        context: &QueryContext,
        scratch: &mut Scratch,
    ) -> Hit {
        let (lookup, prefix_chars) = (context.lookup, context.prefix_chars);
        let doc = &self.docs[d as usize];
        let mut adjacent = 0u32;
        let mut phrase = [0f32; MAX_TERMS];
        scratch.found[0].clear();
        scratch.found[1].clear();
        for field in (0..4).filter(|f| fields >> f & 1 != 0) {
            let (from, to) = (doc.bounds[field] as usize, doc.bounds[field + 1] as usize);
            let mut fresh = true;
            for (offset, &term) in self.token_terms[from..to].iter().enumerate() {
                let both = lookup[term as usize];
                if both == 0 {
                    continue;
                }
                let (e, p) = (both as u32, (both >> 32) as u32);
                let bits = e | p;
                let last = doc.lens[field] as usize + 1;
                if fresh {
                    fresh = false;
                    if scratch.ends_at.len() <= last {
                        scratch.ends_at.resize(last + 1, 0);
                    }
                }
                let token = &self.tokens[from + offset];
                let before = scratch.ends_at[token.pos as usize];
                let pair = bits & (before << 1);
                if pair != 0 {
                    adjacent |= pair;
                    let mut rest = pair | pair >> 1;
                    while rest != 0 {
                        let w = &mut phrase[rest.trailing_zeros() as usize];
                        *w = w.max(PHRASE_WEIGHT[field]);
                        rest &= rest - 1;
                    }
                }
                let end_pos = (token.pos as usize + token.span as usize).min(last);
                if scratch.ends_at[end_pos] == 0 {
                    scratch.written.push(end_pos);
                }
                scratch.ends_at[end_pos] |= bits;
                if field == CONTENT as usize || field == PRODUCT as usize {
                    let range = if field == CONTENT as usize {
                        &doc.content
                    } else {
                        &doc.product
                    };
                    let (start, mut end) = (token.start as usize, token.end as usize);
                    if e == 0 {
                        let mut chars = 0;
                        let mut rest = p;
                        while rest != 0 {
                            chars = chars.max(prefix_chars[rest.trailing_zeros() as usize]);
                            rest &= rest - 1;
                        }
                        end = prefix_end(self.text(range), start, end, chars);
                    }
                    scratch.found[field].push(start..end);
                }
            }
            for p in scratch.written.drain(..) {
                scratch.ends_at[p] = 0;
            }
        }
        Hit {
            index: d as usize,
            score: context.score(row, adjacent, &phrase, doc),
            complete: context.complete,
            content: merge_ranges(self.text(&doc.content), &mut scratch.found[0]),
            product: merge_ranges(self.text(&doc.product), &mut scratch.found[1]),
        }
    }
}

/// What scoring a hit needs to know of its query.
struct QueryContext<'a> {
    /// Whether the hits have every term.
    complete: bool,
    /// Per vocabulary term, the query terms it satisfies whole (low bits) or as a prefix.
    lookup: &'a [u64],
    idf: &'a [f32],
    /// Per query term `t`, the bonus for `t - 1` and `t` side by side.
    pair_bonus: &'a [f32],
    /// Per query term, its length in characters if it is an unfinished word.
    prefix_chars: &'a [usize],
}

impl QueryContext<'_> {
    /// The score of a template: each term's best weight (`row`, or `phrase` where that is
    /// higher: its weight side by side with another term) times its rarity, plus the bonus
    /// of each pair in `pairs` (bit `t`: terms `t - 1` and `t` side by side), divided by
    /// the length factor.
    fn score(&self, row: &[f32], pairs: u32, phrase: &[f32], doc: &Doc) -> f32 {
        let words: f32 = row
            .iter()
            .zip(phrase)
            .zip(self.idf)
            .map(|((&w, &p), idf)| w.max(p) * idf)
            .sum();
        let bonus: f32 = self
            .pair_bonus
            .iter()
            .enumerate()
            .filter(|(t, _)| pairs >> t & 1 != 0)
            .map(|(_, b)| b)
            .sum();
        (words + bonus) / (1.0 + doc.lens[CONTENT as usize] as f32 / 200.0)
    }
}

/// Buffers reused from one hit to the next.
#[derive(Default)]
struct Scratch {
    /// All zero between fields: the entries a field sets are listed in `written` and reset
    /// after it, cheaper than clearing the whole field's length for every hit.
    ends_at: Vec<u32>,
    written: Vec<usize>,
    found: [Vec<Range<usize>>; 2],
}

/// Sorts ranges and joins those that overlap or are separated only by spaces; returns them
/// in a vector of their own (the scratch vector is left for reuse).
fn merge_ranges(text: &str, ranges: &mut [Range<usize>]) -> Vec<Range<usize>> {
    if ranges.is_empty() {
        return Vec::new();
    }
    if ranges.windows(2).any(|w| w[1].start < w[0].start) {
        ranges.sort_by_key(|r| (r.start, Reverse(r.end)));
    }
    let mut kept = 0;
    for i in 0..ranges.len() {
        let range = ranges[i].clone();
        if kept > 0 {
            let last = &mut ranges[kept - 1];
            let gap = &text.as_bytes()[last.end.min(range.start)..range.start];
            if range.start <= last.end || gap.iter().all(u8::is_ascii_whitespace) {
                last.end = last.end.max(range.end);
                continue;
            }
        }
        ranges[kept] = range;
        kept += 1;
    }
    ranges[..kept].to_vec()
}

#[cfg(test)]
mod tests;
