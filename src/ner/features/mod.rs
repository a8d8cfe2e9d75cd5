//! Hashed sparse features.
//!
//! Each token is reduced once to a few 64-bit "atoms" (the hash of its normalised form, its
//! shape, its dictionary tag, its gazetteer hit…), computed by streaming its characters
//! through the hash with no allocation. A feature is a template id mixed with one to three
//! atoms, hashed into `2^bits` buckets; a bucket holds one weight per tag. Static features
//! (everything but the previous predicted tags) are computed once per sentence into a
//! reusable buffer; the tag features are added during decoding.
//!
//! The hash is part of the model file format (`hash.scheme`): changing any template, atom or
//! constant here needs a new scheme name and retrained models.
//!
//! Here: tags and the hash primitives; `atoms` (token → [`Tok`]), `templates` (atoms →
//! feature buckets), `document` (document-level evidence: [`DocCase`], [`DocContext`],
//! [`History`]).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::text::arabic::{self, is_arabic_letter, proclitic_len};

mod atoms;
mod document;
mod templates;

pub use atoms::*;
pub use document::*;
pub use templates::*;

/// Name of the hashing scheme and feature set of English (non-Arabic) models, stored in
/// model files.
pub const SCHEME: &str = "fx-fmix64/nf-ner-features-3";

/// The scheme of Arabic models: [`SCHEME`]'s features plus the Arabic ones. Kept apart so
/// that the Arabic features can change without retraining the English model.
pub const SCHEME_AR: &str = "fx-fmix64/nf-ner-features-ar-4";

/// The scheme a model is written and read with.
pub fn scheme(arabic_model: bool) -> &'static str {
    if arabic_model {
        SCHEME_AR
    } else {
        SCHEME
    }
}

/// The tags, in weight-row order.
pub const TAGS: [&str; NT] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];
/// Number of tags.
pub const NT: usize = 9;

pub fn tag_index(tag: &str) -> Option<usize> {
    TAGS.iter().position(|t| *t == tag)
}

/// Hashes a `u64` key that is already a hash: one finalising mix, no SipHash.
#[derive(Default, Clone, Copy)]
pub struct MixHasher(u64);

impl Hasher for MixHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fx(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = fmix(x);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by hashes. Never iterated where the order could reach an output.
pub type U64Map<V> = HashMap<u64, V, BuildHasherDefault<MixHasher>>;

const K: u64 = 0x517c_c1b7_2722_0a95;

/// One step of the Fx hash.
#[inline(always)]
pub fn fx(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// MurmurHash3's finaliser: spreads the Fx state over all bits.
#[inline(always)]
pub fn fmix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// Tag dictionaries that know no word, for tests of features that do not read them.
#[cfg(test)]
pub(crate) struct NoDict;

#[cfg(test)]
impl Dicts for NoDict {
    fn word(&self, _: u64) -> u64 {
        0
    }
    fn stem(&self, _: u64) -> u64 {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_shapes_and_norm() {
        let a = token_atoms("Algeria", false, &NoDict, Gaz::default());
        let b = token_atoms("Bulgaria", false, &NoDict, Gaz::default());
        let c = token_atoms("ALGERIA", false, &NoDict, Gaz::default());
        assert_eq!(a.shape, b.shape);
        assert_eq!(a.lower, c.lower);
        assert_ne!(a.shape, c.shape);
        assert_eq!(a.suf[2], b.suf[2]); // "ria"
        assert_eq!(a.lower, norm_hash("algeria"));
        assert_eq!(norm_hash(&norm_string("1996-08-22")), norm_hash("2000-01-01"));
        let ar = token_atoms("لروسيا", true, &NoDict, Gaz::default());
        assert_eq!(ar.stem, norm_hash("روسيا"));
    }

    /// The atoms of `words` without dictionary or gazetteer, as the tests below start.
    fn atoms_of(words: &[&str], arabic: bool) -> Vec<Tok> {
        words.iter().map(|w| token_atoms(w, arabic, &NoDict, Gaz::default())).collect()
    }

    /// The decoder caches the features of each neighbour alone by word: with them, the
    /// rest of the context features must give the same buckets as `context_features`.
    #[test]
    fn features_neighbors_complete_the_context() {
        let sentences: [&[&str]; 2] = [
            &["The", "Rome", "talks", "of", "Pirelli", "SpA", "ended", "."],
            &["قال", "لروسيا", "في", "موسكو"],
        ];
        let ctxs = [SentCtx::default(), SentCtx { all_upper: true, lower: false }, SentCtx { all_upper: false, lower: true }];
        for words in sentences {
            for arabic in [false, true] {
                let mut toks = atoms_of(words, arabic);
                toks[1].gaz = Gaz { code: 5, kind: 7 };
                toks[2].xcl[0] = 3;
                toks[2].xcl[1] = 9;
                for ctx in ctxs {
                    for i in 0..toks.len() {
                        let mut full = Vec::new();
                        context_features(&toks, i, ctx, arabic, 20, &mut full);
                        let mut parts = Vec::new();
                        context_features_without_neighbors(&toks, i, ctx, arabic, 20, &mut parts);
                        let rest = parts.len();
                        for off in NEIGHBOR_OFFSETS {
                            if let Some(n) = i.checked_add_signed(off).and_then(|k| toks.get(k)) {
                                neighbor_features(n, off, arabic, 20, &mut parts);
                            }
                        }
                        assert!(rest + 8 <= full.len(), "{words:?} {i}: {rest} of {}", full.len());
                        full.sort_unstable();
                        parts.sort_unstable();
                        assert_eq!(full, parts, "{words:?} arabic {arabic} {ctx:?} token {i}");
                    }
                }
            }
        }
    }

    /// The decoder caches the sums of a token's state features by [`state_key`] and those
    /// of its run's shared features by run: with them and the neighbours' features, the
    /// rest must give the same buckets as the context and history features.
    #[test]
    fn features_cached_parts_complete_the_context() {
        let sentences: [&[&str]; 3] = [
            &["The", "Rome", "talks", "of", "Pirelli", "SpA", "ended", "."],
            &["Pirelli", "SpA", "New", "York", "said"],
            &["قال", "لروسيا", "في", "موسكو"],
        ];
        let ctxs = [SentCtx::default(), SentCtx { all_upper: true, lower: false }, SentCtx { all_upper: false, lower: true }];
        for words in sentences {
            for arabic in [false, true] {
                let mut toks = atoms_of(words, arabic);
                toks[1].gaz = Gaz { code: 5, kind: 7 };
                toks[1].doc_case = 4;
                toks[2].xcl[0] = 3;
                let mut history = History::default();
                history.record(&toks, &vec![3; toks.len()]);
                for ctx in ctxs {
                    for i in 0..toks.len() {
                        let t = &toks[i];
                        let mut full = Vec::new();
                        context_features(&toks, i, ctx, arabic, 20, &mut full);
                        history.features(t, 20, &mut full);
                        let mut parts = Vec::new();
                        context_features_rest(&toks, i, ctx, arabic, 20, &mut parts);
                        for off in NEIGHBOR_OFFSETS {
                            if let Some(n) = i.checked_add_signed(off).and_then(|k| toks.get(k)) {
                                neighbor_features(n, off, arabic, 20, &mut parts);
                            }
                        }
                        state_features(t, i, ctx, history.summary_of(t), 20, &mut parts);
                        if has_run_features(t, ctx, arabic) {
                            let (a, z) = run_bounds(&toks, i);
                            run_features(&toks, a, z, 20, &mut parts);
                        }
                        full.sort_unstable();
                        parts.sort_unstable();
                        assert_eq!(full, parts, "{words:?} arabic {arabic} {ctx:?} token {i}");
                    }
                }
            }
        }
    }

    /// The state key tells apart every input [`state_features`] reads.
    #[test]
    fn features_state_key_covers_the_state_features() {
        let toks: Vec<Tok> = ["Rome", "ROME", "rome", "Paris"].iter().map(|w| token_atoms(w, false, &NoDict, Gaz::default())).collect();
        let ctxs = [SentCtx::default(), SentCtx { all_upper: true, lower: false }, SentCtx { all_upper: false, lower: true }];
        let mut seen: HashMap<u64, Vec<u32>> = HashMap::new();
        for (n, t) in toks.iter().enumerate() {
            for doc_case in 0..5 {
                let mut t = *t;
                t.doc_case = doc_case;
                t.dict = n as u64 % 2;
                for ctx in ctxs {
                    for i in [0, 3] {
                        for summary in [(5, 0), (0, 1), (2, 6)] {
                            let mut f = Vec::new();
                            state_features(&t, i, ctx, summary, 20, &mut f);
                            let k = state_key(&t, i, ctx, summary);
                            let prev = seen.entry(k).or_insert_with(|| f.clone());
                            assert_eq!(*prev, f, "{t:?} {i} {ctx:?} {summary:?}");
                        }
                    }
                }
            }
        }
    }
}
