//! Co-occurrence: pairs of distinct entities mentioned in the same sentence or document.

use rayon::prelude::*;
// Never iterated in an order that shows: `finish` and the per-document ranking sort.
use rustc_hash::FxHashMap as FxMap;

use super::{is_value, mentions_by_sentence};
use crate::link::{Linking, MentionLink};
use crate::record::DocView;

/// The unit in which two entities co-occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Sentence,
    Document,
}

/// Two distinct entities mentioned in the same sentence (or document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cooccurrence {
    /// Index into [`Linking::entities`]; `entity_a < entity_b` (entity-id order).
    pub entity_a: u32,
    pub entity_b: u32,
    /// Sentences in which both are mentioned. At [`Level::Document`] every document counts
    /// as one unit, so this equals `n_docs`.
    pub n_sentences: u32,
    /// Distinct documents in which both are mentioned (in one sentence at sentence level).
    pub n_docs: u32,
    /// Smallest index of such a document.
    pub first_doc: u32,
}

/// At most this many distinct entities of one sentence take part in pairs (the first ones
/// mentioned); a sentence that lists 300 names would otherwise yield 45,000 pairs.
pub const MAX_ENTITIES_PER_SENTENCE: usize = 50;
/// At most this many distinct entities of one document take part in document-level pairs:
/// the most mentioned ones, ties broken by first mention.
pub const MAX_ENTITIES_PER_DOCUMENT: usize = 100;

/// (pair, units, document): one row per document and pair.
type Row = ((u32, u32), u32, u32);

/// Sorts `rows` by pair with a least-significant-digit radix sort, one byte of the pair's
/// 64 bits at a time, skipping the bytes that all pairs share: entity ids are small, so
/// most of the eight are. The rows of a pair are summed afterwards in any order, so the
/// sort needs no stability. A comparison sort of the corpus's rows (about 200,000 on the
/// real-news corpus) took 90 M instructions, most of the co-occurrence stage.
fn sort_by_pair(rows: &mut Vec<Row>) {
    if rows.len() < 256 {
        rows.sort_unstable_by_key(|r| r.0);
        return;
    }
    let key = |r: &Row| u64::from(r.0 .0) << 32 | u64::from(r.0 .1);
    let (mut or, mut and) = (0u64, u64::MAX);
    for r in rows.iter() {
        or |= key(r);
        and &= key(r);
    }
    let varying = or ^ and;
    let mut src = std::mem::take(rows);
    let mut dst: Vec<Row> = vec![((0, 0), 0, 0); src.len()];
    for shift in (0..64).step_by(8).filter(|s| varying >> s & 0xff != 0) {
        let digit = |r: &Row| (key(r) >> shift & 0xff) as usize;
        let mut at = [0usize; 256];
        for r in &src {
            at[digit(r)] += 1;
        }
        let mut sum = 0;
        for a in at.iter_mut() {
            (*a, sum) = (sum, sum + *a);
        }
        for r in &src {
            let d = digit(r);
            dst[at[d]] = *r;
            at[d] += 1;
        }
        std::mem::swap(&mut src, &mut dst);
    }
    *rows = src;
}

#[derive(Clone, Copy)]
struct PairAcc {
    n_units: u32,
    n_docs: u32,
    first_doc: u32,
}

/// Pairs of distinct entities co-mentioned in a sentence (or a document), sorted by
/// `(entity_a, entity_b)`. DATE, MONEY and PERCENT mentions are left out: they are values,
/// not entities. Entities beyond [`MAX_ENTITIES_PER_SENTENCE`] in a sentence (or
/// [`MAX_ENTITIES_PER_DOCUMENT`] in a document) are ignored, which keeps the work linear in
/// the number of mentions.
pub fn cooccurrence<D: DocView>(docs: &[D], linking: &Linking, level: Level) -> Vec<Cooccurrence> {
    let mut fold = CoocFold::new(level);
    fold.add(0, docs, &linking.links);
    fold.finish()
}

/// [`cooccurrence`] as a fold over chunks of documents: its memory holds the distinct pairs.
#[derive(Clone)]
pub struct CoocFold {
    level: Level,
    /// The first chunk's pairs, sorted, while no other chunk has come: a run that analyses
    /// its documents as one chunk never hashes a pair.
    first: Vec<((u32, u32), PairAcc)>,
    map: FxMap<(u32, u32), PairAcc>,
}

impl CoocFold {
    pub fn new(level: Level) -> CoocFold {
        CoocFold { level, first: Vec::new(), map: FxMap::default() }
    }

    /// Counts the pairs of `docs`, the documents `first..` of the corpus, whose mentions
    /// link as `links[i]` (one row per document of `docs`).
    ///
    /// Each document's pairs are counted on its own (in parallel), then all of them sorted
    /// by pair and summed in one pass. Per-thread hash maps merged at the end did the
    /// same work twice with two threads, and their last merge ran on one.
    pub fn add<D: DocView>(&mut self, first: u32, docs: &[D], links: &[Vec<MentionLink>]) {
        let level = self.level;
        let per_doc: Vec<Vec<((u32, u32), u32)>> = docs
            .par_iter()
            .enumerate()
            .map(|(i, doc)| {
                let Some(links) = links.get(i) else { return Vec::new() };
                let mut pairs = doc_pairs(doc, links, level);
                pairs.sort_unstable();
                let mut out = Vec::new();
                for run in pairs.chunk_by(|a, b| a == b) {
                    let units = if level == Level::Document { 1 } else { run.len() as u32 };
                    out.push((run[0], units));
                }
                out
            })
            .collect();
        // (pair, units, document): one row per document and pair.
        let mut rows: Vec<Row> = Vec::with_capacity(per_doc.iter().map(Vec::len).sum());
        for (i, pairs) in per_doc.into_iter().enumerate() {
            let d = first + i as u32;
            rows.extend(pairs.into_iter().map(|(p, units)| (p, units, d)));
        }
        sort_by_pair(&mut rows);
        let mut chunk: Vec<((u32, u32), PairAcc)> = Vec::new();
        for run in rows.chunk_by(|a, b| a.0 == b.0) {
            let acc = PairAcc {
                n_units: run.iter().map(|r| r.1).sum(),
                n_docs: run.len() as u32,
                first_doc: run.iter().map(|r| r.2).min().expect("a run has a row"),
            };
            chunk.push((run[0].0, acc));
        }
        drop(rows);
        if self.first.is_empty() && self.map.is_empty() {
            self.first = chunk;
            return;
        }
        let map = &mut self.map;
        for (k, v) in std::mem::take(&mut self.first).into_iter().chain(chunk) {
            let acc = map.entry(k).or_insert(PairAcc { n_units: 0, n_docs: 0, first_doc: u32::MAX });
            acc.n_units += v.n_units;
            acc.n_docs += v.n_docs;
            acc.first_doc = acc.first_doc.min(v.first_doc);
        }
    }

    /// The pairs, sorted by `(entity_a, entity_b)`.
    pub fn finish(self) -> Vec<Cooccurrence> {
        let row = |((a, b), v): ((u32, u32), PairAcc)| Cooccurrence {
            entity_a: a,
            entity_b: b,
            n_sentences: v.n_units,
            n_docs: v.n_docs,
            first_doc: v.first_doc,
        };
        if self.map.is_empty() {
            return self.first.into_iter().map(row).collect();
        }
        let mut out: Vec<Cooccurrence> = self.map.into_iter().map(row).collect();
        out.par_sort_unstable_by_key(|c| (c.entity_a, c.entity_b));
        out
    }

    /// Distinct pairs so far.
    pub fn len(&self) -> usize {
        self.first.len() + self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The pairs of one document, one entry per sentence (or one per document) they share.
fn doc_pairs<D: DocView>(doc: &D, links: &[MentionLink], level: Level) -> Vec<(u32, u32)> {
    let mentions = doc.mentions();
    let entity = |m: usize| -> Option<u32> {
        let mention = mentions.get(m)?;
        (!is_value(mention.label)).then(|| links.get(m).map(|l| l.entity)).flatten()
    };
    let mut pairs = Vec::new();
    let mut push_pairs = |ents: &mut Vec<u32>| {
        ents.sort_unstable();
        for i in 0..ents.len() {
            for j in i + 1..ents.len() {
                pairs.push((ents[i], ents[j]));
            }
        }
    };
    match level {
        Level::Sentence => {
            let mut ents: Vec<u32> = Vec::new();
            for r in mentions_by_sentence(doc) {
                ents.clear();
                for m in r {
                    if let Some(e) = entity(m) {
                        if !ents.contains(&e) {
                            if ents.len() == MAX_ENTITIES_PER_SENTENCE {
                                break;
                            }
                            ents.push(e);
                        }
                    }
                }
                push_pairs(&mut ents);
            }
        }
        Level::Document => {
            // (entity, count, first mention)
            let mut counts: FxMap<u32, (u32, usize)> = FxMap::default();
            for m in 0..mentions.len() {
                if let Some(e) = entity(m) {
                    counts.entry(e).or_insert((0, m)).0 += 1;
                }
            }
            let mut ranked: Vec<(u32, u32, usize)> = counts.into_iter().map(|(e, (n, first))| (e, n, first)).collect();
            ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
            ranked.truncate(MAX_ENTITIES_PER_DOCUMENT);
            let mut ents: Vec<u32> = ranked.into_iter().map(|r| r.0).collect();
            push_pairs(&mut ents);
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relate::tests::corpus;

    #[test]
    fn cooccurrence_counts_and_order() {
        let (docs, l) = corpus(&[
            ("en", "[Ann|p:ann|PERSON] met [Bob|p:bob|PERSON] in [Chad|country:TD|GPE]. [Bob|p:bob|PERSON] left on [May 2|2020-05-02|DATE]. [Ann|p:ann|PERSON] saw [Bob|p:bob|PERSON] and [Ann|p:ann|PERSON]."),
            ("en", "[Bob|p:bob|PERSON] and [Chad|country:TD|GPE]. Nothing."),
            ("en", "[Ann|p:ann|PERSON] alone. [Chad|country:TD|GPE] alone."),
        ]);
        let id = |s: &str| l.entities.iter().position(|e| e.entity_id == s).unwrap() as u32;
        let (ann, bob, chad) = (id("p:ann"), id("p:bob"), id("country:TD"));
        let sorted = |a: u32, b: u32| (a.min(b), a.max(b));
        let got: Vec<(u32, u32, u32, u32, u32)> = cooccurrence(&docs, &l, Level::Sentence)
            .into_iter()
            .map(|c| (c.entity_a, c.entity_b, c.n_sentences, c.n_docs, c.first_doc))
            .collect();
        let mut want = vec![
            (sorted(ann, bob), 2, 1, 0),
            (sorted(ann, chad), 1, 1, 0),
            (sorted(bob, chad), 2, 2, 0),
        ];
        want.sort();
        let want: Vec<(u32, u32, u32, u32, u32)> = want.into_iter().map(|((a, b), n, d, f)| (a, b, n, d, f)).collect();
        assert_eq!(got, want);
        // Document level: every document one unit; dates are values, not entities.
        let got: Vec<(u32, u32, u32, u32, u32)> = cooccurrence(&docs, &l, Level::Document)
            .into_iter()
            .map(|c| (c.entity_a, c.entity_b, c.n_sentences, c.n_docs, c.first_doc))
            .collect();
        let mut want = vec![(sorted(ann, bob), 1, 1, 0), (sorted(ann, chad), 2, 2, 0), (sorted(bob, chad), 2, 2, 0)];
        want.sort();
        let want: Vec<(u32, u32, u32, u32, u32)> = want.into_iter().map(|((a, b), n, d, f)| (a, b, n, d, f)).collect();
        assert_eq!(got, want);
        assert!(got.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)));
    }

    #[test]
    fn radix_sort_orders_rows_by_pair() {
        // Small ids (most bytes shared), ids spread over all 32 bits, and sizes on both
        // sides of the comparison-sort cut-off.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for (n, mask) in [(10usize, 0xffu64), (300, 0x3ff), (5000, 0xffff_ffff), (5000, 0x1f)] {
            let mut rows: Vec<Row> =
                (0..n).map(|i| (((next() & mask) as u32, (next() & mask) as u32), i as u32, next() as u32)).collect();
            let mut want = rows.clone();
            want.sort_by_key(|r| r.0);
            sort_by_pair(&mut rows);
            assert!(rows.windows(2).all(|w| w[0].0 <= w[1].0), "n {n}");
            // The same rows: sorted in full, the two orders agree.
            let mut got = rows.clone();
            got.sort();
            want.sort();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn cooccurrence_caps_entities_per_sentence_and_is_deterministic() {
        let names: Vec<String> = (0..80).map(|i| format!("[N{i}|p:n{i:02}|PERSON]")).collect();
        let text = format!("{}.", names.join(" "));
        let (docs, l) = corpus(&[("en", &text)]);
        let got = cooccurrence(&docs, &l, Level::Sentence);
        let cap = MAX_ENTITIES_PER_SENTENCE;
        assert_eq!(got.len(), cap * (cap - 1) / 2);
        let texts: Vec<String> = (0..300).map(|i| format!("[A{}|p:a{}|PERSON] [B{}|p:b{}|PERSON] [C|p:c|PERSON].", i % 7, i % 7, i % 5, i % 5)).collect();
        let refs: Vec<(&str, &str)> = texts.iter().map(|t| ("en", t.as_str())).collect();
        let (docs, l) = corpus(&refs);
        let a = cooccurrence(&docs, &l, Level::Sentence);
        let b = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| cooccurrence(&docs, &l, Level::Sentence));
        assert_eq!(a, b);
        let total: u32 = a.iter().map(|c| c.n_sentences).sum();
        assert_eq!(total, 300 * 3);
    }
}
