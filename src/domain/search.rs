//! Search over templates: diacritic-, case- and word-order-insensitive, with abbreviations.
//!
//! A [`SearchIndex`] is built once over a list of templates. A query is cut into words
//! folded like [`super::text::fold`] ("Một cửa" → "mot", "cua"); every word must occur in
//! the template's content, product, agencies or context (area, group, PAR INDEX criteria),
//! in any order, the last one possibly unfinished (a prefix, as the user types). Equivalent
//! forms from `data/abbreviations.json` match each other both ways: "TTHC" finds "thủ tục
//! hành chính" and "thu tuc hanh chinh" finds "TTHC".
//!
//! Hits are ranked by relevance: how rare the matched words are, where they matched
//! (content first), whether query words stand next to each other in the text, and the
//! length of the content. Each hit carries byte ranges of the matches in the original
//! content and product, for highlighting.
//!
//! ```
//! use cchc_plan::domain::{library::builtin, search::Filter};
//! let library = builtin();
//! let hits = library.search("mot cua", &Filter::default());
//! let first = &library.templates()[hits[0].index];
//! let range = hits[0].content[0].clone();
//! assert_eq!(cchc_plan::domain::text::fold(&first.content[range]), "mot cua");
//! ```

use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::library::{AreaKey, Template};

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

/// Appends the folded form of one character: lower case, no diacritics, "đ" as "d".
/// Combining marks fold to nothing. Matches [`super::text::fold`] character by character.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                out.push(if l == 'đ' { 'd' } else { l });
            }
        }
    });
}

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
    out
}

/// The end of the original text that folds to the first `chars` characters of the word
/// starting at `start` (at least one character, and any combining marks that follow it).
fn prefix_end(text: &str, start: usize, end: usize, chars: usize) -> usize {
    let mut folded = 0;
    let mut buf = String::new();
    let mut last = start;
    for (i, c) in text[start..end].char_indices() {
        buf.clear();
        fold_char(c, &mut buf);
        if folded >= chars && !buf.is_empty() {
            break;
        }
        folded += buf.chars().count();
        last = start + i + c.len_utf8();
    }
    last
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

/// One occurrence of a term in a template.
#[derive(Clone, Copy, Debug)]
struct Token {
    term: u32,
    start: u32,
    end: u32,
    /// Word position in its field, and the number of words it covers.
    pos: u16,
    span: u8,
    field: u8,
}

#[derive(Debug)]
struct Doc {
    area: AreaKey,
    source: u32,
    content: Box<str>,
    product: Box<str>,
    /// Tokens in field order, then by position (longer first).
    tokens: Box<[Token]>,
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
    /// Per term, the documents containing it, ascending.
    postings: Vec<Vec<u32>>,
    docs: Vec<Doc>,
    sources: Vec<Box<str>>,
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
        for (field, text) in [
            (CONTENT, template.content.as_str()),
            (PRODUCT, template.product.as_str()),
            (AGENCIES, agencies.as_str()),
            (CONTEXT, context.as_str()),
        ] {
            lens[field as usize] = self.index_field(text, field, &mut tokens);
        }
        for token in &tokens {
            let list = &mut self.postings[token.term as usize];
            if list.last() != Some(&doc) {
                list.push(doc);
            }
        }
        let source = match self.sources.iter().position(|s| **s == *template.source) {
            Some(i) => i as u32,
            None => {
                self.sources.push(template.source.as_str().into());
                (self.sources.len() - 1) as u32
            }
        };
        self.docs.push(Doc {
            area: template.area,
            source,
            content: template.content.as_str().into(),
            product: template.product.as_str().into(),
            tokens: tokens.into_boxed_slice(),
            lens,
        });
    }

    /// Adds the word and concept tokens of one field; returns its word count.
    fn index_field(&mut self, text: &str, field: u8, tokens: &mut Vec<Token>) -> u16 {
        let ws = words(text);
        let count = ws.len().min(u16::MAX as usize - 256);
        let first = tokens.len();
        for (pos, w) in ws.iter().take(count).enumerate() {
            let term = self.intern(&w.folded);
            tokens.push(Token {
                term,
                start: w.start as u32,
                end: w.end as u32,
                pos: pos as u16,
                span: 1,
                field,
            });
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
            tokens.push(Token {
                term,
                start: ws[pos].start as u32,
                end: ws[pos + span - 1].end as u32,
                pos: pos as u16,
                span: span.min(255) as u8,
                field,
            });
        }
        tokens[first..].sort_by_key(|t| (t.pos, Reverse(t.span)));
        count as u16
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
                    QueryTerm::Word {
                        text: folded[at - 1].to_string(),
                        prefix: open_end
                            && at == folded.len()
                            && folded[at - 1].chars().count() >= 2,
                    }
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
                .map(|index| Hit {
                    index,
                    score: 0.0,
                    complete: true,
                    content: Vec::new(),
                    product: Vec::new(),
                })
                .collect();
        }

        // Which query terms each vocabulary term satisfies, as a whole word or a prefix.
        let mut exact = vec![0u32; self.postings.len()];
        let mut prefix = vec![0u32; self.postings.len()];
        let mut prefix_chars = vec![0usize; terms.len()];
        let mut matching: Vec<u32> = Vec::new();
        for (t, term) in terms.iter().enumerate() {
            let bit = 1u32 << t;
            match term {
                QueryTerm::Concept(c) => {
                    if let Some(&id) = self.terms.get(concept_key(*c).as_str()) {
                        exact[id as usize] |= bit;
                        matching.push(id);
                    }
                }
                QueryTerm::Word { text, prefix: open } => {
                    if let Some(&id) = self.terms.get(text.as_str()) {
                        exact[id as usize] |= bit;
                        matching.push(id);
                    }
                    if *open {
                        prefix_chars[t] = text.chars().count();
                        let from = self
                            .sorted_words
                            .partition_point(|(w, _)| w.as_ref() < text.as_str());
                        for (word, id) in &self.sorted_words[from..] {
                            if !word.starts_with(text.as_str()) {
                                break;
                            }
                            if word.as_ref() != text.as_str() {
                                prefix[*id as usize] |= bit;
                                matching.push(*id);
                            }
                        }
                    }
                }
            }
        }

        // Stage 1: which terms each template has; document frequencies.
        let mut masks = vec![0u32; self.docs.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut df = vec![0u32; terms.len()];
        for &id in &matching {
            let bits = exact[id as usize] | prefix[id as usize];
            for &doc in &self.postings[id as usize] {
                let mask = &mut masks[doc as usize];
                if *mask == 0 {
                    touched.push(doc);
                }
                let new = bits & !*mask;
                if new != 0 {
                    *mask |= new;
                    for (t, count) in df.iter_mut().enumerate() {
                        if new & (1 << t) != 0 {
                            *count += 1;
                        }
                    }
                }
            }
        }
        let full = if terms.len() >= 32 {
            u32::MAX
        } else {
            (1u32 << terms.len()) - 1
        };
        touched.retain(|&d| passes(&self.docs[d as usize]));
        let complete = touched.iter().any(|&d| masks[d as usize] == full);
        if complete {
            touched.retain(|&d| masks[d as usize] == full);
        }
        touched.sort_unstable();
        let n = self.docs.len() as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| (1.0 + n / (1.0 + d as f32)).ln())
            .collect();

        // Stage 2: score each candidate and collect highlight ranges.
        let mut ends_at: Vec<u32> = Vec::new();
        let mut hits: Vec<(u32, Hit)> = Vec::with_capacity(touched.len());
        for &d in &touched {
            let doc = &self.docs[d as usize];
            let mut best = [0f32; MAX_TERMS];
            let mut adjacent = 0u32;
            let mut content = Vec::new();
            let mut product = Vec::new();
            let mut field = u8::MAX;
            for token in doc.tokens.iter() {
                let (e, p) = (exact[token.term as usize], prefix[token.term as usize]);
                let bits = e | p;
                if bits == 0 {
                    continue;
                }
                if token.field != field {
                    field = token.field;
                    ends_at.clear();
                    ends_at.resize(doc.lens[field as usize] as usize + 2, 0);
                }
                let weight = FIELD_WEIGHT[field as usize];
                let before = ends_at[token.pos as usize];
                for (t, best) in best.iter_mut().enumerate().take(terms.len()) {
                    let bit = 1u32 << t;
                    if bits & bit == 0 {
                        continue;
                    }
                    let w = if e & bit != 0 {
                        weight
                    } else {
                        weight * PREFIX_WEIGHT
                    };
                    *best = best.max(w);
                    if t > 0 && before & (bit >> 1) != 0 {
                        adjacent |= bit;
                    }
                }
                let end_pos = (token.pos as usize + token.span as usize).min(ends_at.len() - 1);
                ends_at[end_pos] |= bits;
                if field == CONTENT || field == PRODUCT {
                    let text: &str = if field == CONTENT {
                        &doc.content
                    } else {
                        &doc.product
                    };
                    let (start, mut end) = (token.start as usize, token.end as usize);
                    if e == 0 {
                        let chars = (0..terms.len())
                            .filter(|t| p & (1 << t) != 0)
                            .map(|t| prefix_chars[t])
                            .max()
                            .unwrap_or(0);
                        end = prefix_end(text, start, end, chars);
                    }
                    let ranges = if field == CONTENT {
                        &mut content
                    } else {
                        &mut product
                    };
                    ranges.push(start..end);
                }
            }
            let mut score = 0.0;
            for t in 0..terms.len() {
                score += best[t] * idf[t];
                if adjacent & (1 << t) != 0 {
                    score += ADJACENT_BONUS * (idf[t] + idf[t - 1]) / 2.0;
                }
            }
            score /= 1.0 + doc.lens[CONTENT as usize] as f32 / 200.0;
            let hit = Hit {
                index: d as usize,
                score,
                complete,
                content: merge_ranges(&doc.content, content),
                product: merge_ranges(&doc.product, product),
            };
            hits.push((masks[d as usize].count_ones(), hit));
        }
        hits.sort_by(|(ca, a), (cb, b)| {
            cb.cmp(ca)
                .then(b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal))
                .then(a.index.cmp(&b.index))
        });
        hits.into_iter().map(|(_, hit)| hit).collect()
    }
}

/// Sorts ranges and joins those that overlap or are separated only by spaces.
fn merge_ranges(text: &str, mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        if let Some(last) = out.last_mut() {
            if range.start <= last.end || text[last.end..range.start].trim().is_empty() {
                last.end = last.end.max(range.end);
                continue;
            }
        }
        out.push(range);
    }
    out
}

#[cfg(test)]
mod tests;
