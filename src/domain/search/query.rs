//! Answering a query: cutting it into terms (words and abbreviation concepts), finding the
//! templates that match and ranking them, with the byte ranges to highlight.
//!
//! It builds nothing; the index it reads is built in `index.rs`.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use super::super::text::{canonical_folded_word, fold, words, Word};
use super::abbreviations::concept_key;
use super::index::{Doc, SearchIndex};
use super::{
    prefix_end, Filter, Hit, ADJACENT_BONUS, CONTENT, FIELD_WEIGHT, MAX_TERMS, PHRASE_WEIGHT,
    PREFIX_WEIGHT, PRODUCT,
};

/// The order of hits, smallest first, in one number: more matched terms (the top 5 bits,
/// reversed), then a higher score (the next 31 bits, reversed: a score is never negative),
/// then the candidate's place among the candidates, which are in template order (the low
/// `PLACE_BITS` bits). One number sorts much faster than a tuple.
pub(super) type OrderKey = u64;
pub(super) const PLACE_BITS: u32 = 28;

/// The candidate's place in its [`OrderKey`].
pub(super) fn place(key: OrderKey) -> u32 {
    (key & ((1 << PLACE_BITS) - 1)) as u32
}

/// A query term: a word (the last one may be a prefix) or an abbreviation concept.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum QueryTerm {
    Word { text: String, prefix: bool },
    Concept(u32),
}

impl SearchIndex {
    /// Cuts a query into terms: abbreviation forms (longest first) become concepts, other
    /// words stay words; the last word is a prefix unless the query ends in a space.
    pub(super) fn parse(&self, query: &str) -> Vec<QueryTerm> {
        let ws: Vec<Word> = words(query).collect();
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
                        fold(&query[ws[at - 1].span.clone()])
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

    pub(super) fn run(&self, query: &str, filter: &Filter, limit: usize) -> Vec<Hit> {
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
    pub(super) fn full_hit(
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
pub(super) struct QueryContext<'a> {
    /// Whether the hits have every term.
    pub(super) complete: bool,
    /// Per vocabulary term, the query terms it satisfies whole (low bits) or as a prefix.
    pub(super) lookup: &'a [u64],
    pub(super) idf: &'a [f32],
    /// Per query term `t`, the bonus for `t - 1` and `t` side by side.
    pub(super) pair_bonus: &'a [f32],
    /// Per query term, its length in characters if it is an unfinished word.
    pub(super) prefix_chars: &'a [usize],
}

impl QueryContext<'_> {
    /// The score of a template: each term's best weight (`row`, or `phrase` where that is
    /// higher: its weight side by side with another term) times its rarity, plus the bonus
    /// of each pair in `pairs` (bit `t`: terms `t - 1` and `t` side by side), divided by
    /// the length factor.
    pub(super) fn score(&self, row: &[f32], pairs: u32, phrase: &[f32], doc: &Doc) -> f32 {
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
pub(super) struct Scratch {
    /// All zero between fields: the entries a field sets are listed in `written` and reset
    /// after it, cheaper than clearing the whole field's length for every hit.
    pub(super) ends_at: Vec<u32>,
    pub(super) written: Vec<usize>,
    pub(super) found: [Vec<Range<usize>>; 2],
}

/// Sorts ranges and joins those that overlap or are separated only by spaces; returns them
/// in a vector of their own (the scratch vector is left for reuse).
pub(super) fn merge_ranges(text: &str, ranges: &mut [Range<usize>]) -> Vec<Range<usize>> {
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
