//! Document-level evidence: how a word is cased elsewhere in the document ([`DocCase`]),
//! the words around its capitalised runs ([`DocContext`]), and the tags given to it
//! earlier ([`History`]). Apart from the per-token atoms because it is state kept while a
//! document is tagged.

use super::*;

/// Document-level case evidence: how often each word (normalised) appears capitalised
/// inside a mixed-case sentence, and lowercase. Headlines in capitals and sentence-initial
/// words borrow the evidence of the word's other occurrences.
#[derive(Default)]
pub struct DocCase {
    words: U64Map<[u16; 2]>,
    /// Tokens with a letter, and those with a capital.
    lettered: usize,
    capitalised: usize,
}

impl DocCase {
    pub fn clear(&mut self) {
        self.words.clear();
        self.lettered = 0;
        self.capitalised = 0;
    }

    /// Is the document written without capitals (fewer than 1 token in 50 has one)?
    pub fn caseless(&self) -> bool {
        self.lettered >= 3 && self.capitalised * 50 < self.lettered
    }

    /// Counts the words of one sentence.
    pub fn count(&mut self, toks: &[Tok]) {
        for t in toks {
            if t.flags & (F_INIT_CAP | F_HAS_LOWER | F_ALL_CAPS) != 0 {
                self.lettered += 1;
                self.capitalised += t.upper as usize;
            }
        }
        if sent_ctx(toks).all_upper {
            return;
        }
        for (i, t) in toks.iter().enumerate() {
            let after_start = i > 0 && toks[i - 1].flags & F_NO_ALNUM == 0;
            if t.flags & F_HAS_LOWER == 0 && t.flags & F_INIT_CAP == 0 {
                continue;
            }
            if t.flags & F_INIT_CAP == 0 {
                self.words.entry(t.lower).or_default()[1] += 1;
            } else if after_start {
                self.words.entry(t.lower).or_default()[0] += 1;
            }
        }
    }

    /// Sets `doc_case` of the tokens of one sentence: 0 no evidence, 1 only capitalised,
    /// 2 only lowercase, 3 both (then 4 when capitalised at least 3 times as often).
    pub fn apply(&self, toks: &mut [Tok], arabic_model: bool) {
        let lower = !arabic_model && self.caseless();
        for t in toks {
            t.doc_lower = lower;
            t.doc_case = match self.words.get(&t.lower) {
                None => 0,
                Some(&[c, l]) => match (c > 0, l > 0) {
                    (true, false) => 1,
                    (false, true) => 2,
                    (true, true) if c >= 3 * l => 4,
                    (true, true) => 3,
                    (false, false) => 0,
                },
            };
        }
    }
}

/// Context aggregation (Ratinov & Roth 2009): for each capitalised word, the words around
/// the capitalised runs it occurs in anywhere in the document (the word before and after
/// the run, the run's first and last words), as ready feature hashes. `Pirelli` followed by
/// `SpA` once lends that evidence to its every occurrence.
#[derive(Default)]
pub struct DocContext(U64Map<Contexts>);

/// Distinct aggregated contexts kept per word.
pub(super) const AGG_MAX: usize = 16;

/// The contexts of one word, in the order first seen, held inline: a vector per
/// capitalised word was an allocation per word and document, and the map keeps its
/// capacity between documents.
#[derive(Clone, Copy)]
pub(super) struct Contexts {
    n: u8,
    h: [u64; AGG_MAX],
}

impl Default for Contexts {
    fn default() -> Contexts {
        Contexts { n: 0, h: [0; AGG_MAX] }
    }
}

impl Contexts {
    #[inline]
    fn as_slice(&self) -> &[u64] {
        &self.h[..self.n as usize]
    }
}

impl DocContext {
    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Collects the contexts of one sentence's capitalised runs (English models only).
    pub fn count(&mut self, toks: &[Tok], arabic_model: bool) {
        if arabic_model || sent_ctx(toks).all_upper {
            return;
        }
        let mut a = 0;
        while a < toks.len() {
            if !toks[a].upper {
                a += 1;
                continue;
            }
            let mut z = a + 1;
            while z < toks.len() && toks[z].upper {
                z += 1;
            }
            let before = if a > 0 { toks[a - 1].lower } else { PAD_L };
            let after = toks.get(z).map_or(PAD_R, |t| t.lower);
            let mut atoms = [f1(tpl::AGG_BEFORE, before), f1(tpl::AGG_AFTER, after), 0, 0];
            if z - a > 1 {
                atoms[2] = f1(tpl::AGG_FIRST, toks[a].lower);
                atoms[3] = f1(tpl::AGG_LAST, toks[z - 1].lower);
            }
            for t in &toks[a..z] {
                let Some(k) = history_key(t) else { continue };
                let v = self.0.entry(k).or_default();
                for &h in atoms.iter().filter(|&&h| h != 0) {
                    if (v.n as usize) < AGG_MAX && !v.as_slice().contains(&h) {
                        v.h[v.n as usize] = h;
                        v.n += 1;
                    }
                }
            }
            a = z;
        }
    }

    /// The word whose aggregated contexts [`DocContext::features`] gives for `t`, when it
    /// has any: the features depend on the word alone, so a decoder may cache their sums
    /// by it for the document.
    pub fn key(&self, t: &Tok) -> Option<u64> {
        history_key(t).filter(|k| self.0.contains_key(k))
    }

    /// Appends the aggregated context features of one token to `out`.
    pub fn features(&self, t: &Tok, bits: u32, out: &mut Vec<u32>) {
        if let Some(v) = history_key(t).and_then(|k| self.0.get(&k)) {
            out.extend(v.as_slice().iter().map(|&h| b(h, bits)));
        }
    }
}

/// Types of the tags a document's earlier sentences gave each word: O, PER, ORG, LOC, MISC.
#[derive(Default)]
pub struct History(U64Map<[u16; 5]>);

/// Words whose history counts: capitalised (English) or Arabic words of 2+ letters.
#[inline]
pub(in crate::ner) fn history_key(t: &Tok) -> Option<u64> {
    (t.flags & F_INIT_CAP != 0 || (t.flags & F_ARABIC != 0 && t.len >= 2)).then_some(t.lower)
}

impl History {
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Appends the history features of one token to `out`.
    pub fn features(&self, t: &Tok, bits: u32, out: &mut Vec<u32>) {
        let (major, set) = self.summary_of(t);
        push_history(major, set, t.shape, bits, out);
    }

    /// The major type (5 when none) and the set of types the document's earlier sentences
    /// gave the token's word: what its history features read besides its shape.
    #[inline]
    pub fn summary_of(&self, t: &Tok) -> (u64, u64) {
        summary(history_key(t).and_then(|k| self.0.get(&k)))
    }

    /// Records the predicted tags of one sentence.
    pub fn record(&mut self, toks: &[Tok], tags: &[u8]) {
        for (t, &tag) in toks.iter().zip(tags) {
            if let Some(k) = history_key(t) {
                let ty = if tag == 0 { 0 } else { (tag as usize - 1) / 2 + 1 };
                self.0.entry(k).or_default()[ty] += 1;
            }
        }
    }
}

/// Major type (5 when none) and set of types of history counts.
pub(super) fn summary(counts: Option<&[u16; 5]>) -> (u64, u64) {
    match counts {
        None => (5, 0),
        Some(c) => {
            let major = (0..5).fold(0, |m, k| if c[k] > c[m] { k } else { m }) as u64;
            let set = (0..5).filter(|&k| c[k] > 0).fold(0u64, |s, k| s | 1 << k);
            (major, set)
        }
    }
}
