//! A trained sequence model for named entities: an averaged perceptron (Collins 2002) over
//! hashed sparse features, BIO tags over PER/ORG/LOC/MISC. English models are first-order
//! structured perceptrons decoded by Viterbi under the BIO constraint ([`Decoder::Viterbi`]);
//! Arabic models decode greedily left to right with the two previous predicted tags as
//! features ([`Decoder::Greedy`]).
//!
//! One model per language: English trained on CoNLL-2003, Arabic on ANERcorp. The shipped
//! models live in `python/newsframe/data/models/` (see its README for versions, scores and
//! the commands that rebuild them) and are compiled into the library ([`Model::builtin`]).
//!
//! Features ([`features`]): the word, its normalised form (lowercase, digits as `0`, Arabic
//! folded), shape, prefixes and suffixes, case and punctuation flags, the neighbouring words
//! and shapes, knowledge-base gazetteer hits ([`crate::kb`]), and the word's most frequent
//! tag in the training data (jackknifed while training, so the model does not learn to
//! trust a dictionary that has seen the very sentence it tags). Arabic adds the stem with
//! proclitics stripped, the proclitic, the article, stem prefixes and character trigrams.
//! Document-level features carry evidence across sentences: how a word is cased elsewhere
//! in the document (for headlines in capitals and sentence-initial words), the tags the
//! model gave the same word earlier in the document, and (English) the words around every
//! capitalised run the word occurs in ([`features::DocContext`]). English adds word
//! clusters computed from unlabelled news ([`clusters::External`]), the words around the
//! capitalised run a token stands in, and case-free features for text in capitals or
//! without capitals, which training sees through copies of some documents in either case.
//!
//! Weights are dense while training (`2^hash_bits` buckets × 9 tags, lazily averaged);
//! the model keeps only buckets with a weight of some size, quantised to `i16`, behind a
//! rank bitmap ([`perceptron::Table`]). The file is gzip-compressed JSON (see [`Model::save`]).
//!
//! Training is deterministic: documents are shuffled per epoch by a seeded xorshift,
//! everything else runs in a fixed order, and no hash-map iteration order reaches the
//! weights or the model file.

pub mod clusters;
pub mod conll;
pub mod context;
pub mod features;
pub mod gazetteer;
pub mod perceptron;
pub mod tokenize;

use std::collections::HashSet;
use std::io::{Read, Write};
use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::extract::arabic::proclitic_len;
use crate::extract::{Label, Mention, Source};
use crate::kb::Kb;
use features::{norm_hash, norm_string, tag_index, token_atoms, Dicts, Gaz, Tok, U64Map, NT, TAGS, XCL_LEVELS};
use perceptron::{Scorer, Table, Trainer, XorShift};

const MODEL_EN: &[u8] = include_bytes!("../../python/newsframe/data/models/ner-en.json.gz");
const MODEL_AR: &[u8] = include_bytes!("../../python/newsframe/data/models/ner-ar.json.gz");

/// Identifies the file format.
const FORMAT: &str = "newsframe-ner";
const FORMAT_VERSION: u32 = 1;

/// One training or evaluation sentence: tokens and their BIO tags (`O`, `B-PER`, `I-ORG`…).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
    /// This sentence opens a new document. A document's sentences share document-level
    /// features (how a word is cased elsewhere in it; the tags given to it earlier), so
    /// training and evaluation should mark documents as [`Model::find`] will see them.
    /// The first sentence always opens a document.
    pub doc_start: bool,
}

/// How to train a model.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// `"en"` or `"ar"`; Arabic turns on the Arabic features and proclitic handling.
    pub lang: String,
    /// Version string stored in the model file.
    pub version: String,
    pub epochs: usize,
    /// Seed of the per-epoch shuffle.
    pub seed: u64,
    /// Feature buckets: `2^hash_bits`.
    pub hash_bits: u32,
    /// Buckets whose averaged weights are all smaller than this are dropped.
    pub prune: f32,
    /// A word enters the tag dictionary when seen at least this often.
    pub dict_min_count: u32,
    /// Jackknife folds for the tag-dictionary feature while training.
    pub dict_folds: usize,
    /// Word clusters from the training text (`None`: no cluster features).
    pub clusters: Option<clusters::ClusterOptions>,
    /// Name lists for the gazetteer features of Arabic models, stored in the model file
    /// (`None`: no lists).
    pub gazetteer: Option<gazetteer::Gazetteer>,
    /// Word clusters computed elsewhere from unlabelled text (see [`clusters::External`]);
    /// stored in the model file.
    pub external_clusters: Option<clusters::External>,
    /// Decoder the model is trained for and decodes with; `None`: the language's default
    /// ([`Decoder::for_lang`]).
    pub decoder: Option<Decoder>,
    /// Case copies (English): every `case_copies`-th training document is added again in
    /// capitals, and the next one in lower case, so that the model learns to tag
    /// headlines and text written without case. 0: none.
    pub case_copies: usize,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            lang: "en".into(),
            version: "1.0.0".into(),
            epochs: 15,
            seed: 1,
            hash_bits: 20,
            prune: 0.05,
            dict_min_count: 3,
            dict_folds: 10,
            clusters: Some(clusters::ClusterOptions::default()),
            gazetteer: None,
            external_clusters: None,
            decoder: None,
            case_copies: 8,
        }
    }
}

/// Training provenance, stored in the model file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrainInfo {
    pub epochs: usize,
    pub seed: u64,
    pub sentences: usize,
    pub documents: usize,
    pub tokens: usize,
    pub prune: f32,
    pub dict_min_count: u32,
}

/// A trained NER model.
#[derive(Debug, Clone)]
pub struct Model {
    /// Unique per loaded or trained model, for caches.
    id: u64,
    lang: String,
    version: String,
    bits: u32,
    arabic: bool,
    decoder: Decoder,
    table: Table,
    /// Typical margin between the best and second tag, for scores.
    margin_scale: f32,
    /// Normalised word -> dictionary code, as stored (sorted) and as looked up.
    dict_words: Vec<(String, u8)>,
    dict_stems: Vec<(String, u8)>,
    dict: U64Map<u64>,
    dict_stem: U64Map<u64>,
    /// Arabic: normalised tokens seen inside entities in training (sorted), for deciding
    /// whether a leading letter is a proclitic.
    entity_vocab: Vec<String>,
    entity_set: HashSet<String>,
    /// Word clusters: (key, coarse, fine) as stored (sorted), and by key hash.
    cluster_rows: Vec<(String, u16, u16)>,
    cluster: U64Map<[u16; 2]>,
    /// Arabic: name lists (see [`gazetteer`]).
    gazetteer: gazetteer::Gazetteer,
    /// External clusters as stored, and by key hash.
    ext_clusters: clusters::External,
    ext_cluster: U64Map<[u32; XCL_LEVELS]>,
    training: TrainInfo,
}

#[derive(Serialize, Deserialize)]
struct HashParams {
    scheme: String,
    bits: u32,
}

#[derive(Serialize, Deserialize)]
struct ModelFile {
    format: String,
    format_version: u32,
    version: String,
    lang: String,
    hash: HashParams,
    labels: Vec<String>,
    /// Real weight = stored weight × scale.
    scale: f32,
    margin_scale: f32,
    /// Kept buckets, delta-encoded (first absolute, then differences).
    buckets: Vec<u32>,
    /// `labels.len()` weights per kept bucket, in bucket order.
    weights: Vec<i16>,
    dict: Vec<(String, u8)>,
    dict_stem: Vec<(String, u8)>,
    entity_vocab: Vec<String>,
    /// Word clusters: (normalised word or Arabic stem, coarse, fine).
    #[serde(default)]
    clusters: Vec<(String, u16, u16)>,
    /// Arabic name lists: (normalised entry, code: type bits PER/ORG/LOC, then their
    /// "strong" bits).
    #[serde(default)]
    gazetteer: Vec<(String, u8)>,
    /// How the model decodes (absent: greedy, as files before it had).
    #[serde(default, skip_serializing_if = "Decoder::is_greedy")]
    decoder: Decoder,
    /// External word clusters (absent when the model has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ext_clusters: Option<ExtClusterFile>,
    training: TrainInfo,
}

/// External clusters in a model file: `levels` ids (cluster id + 1) per word, words sorted.
#[derive(Serialize, Deserialize)]
struct ExtClusterFile {
    levels: usize,
    words: Vec<String>,
    ids: Vec<u32>,
}

impl Dicts for Model {
    fn word(&self, h: u64) -> u64 {
        self.dict.get(&h).copied().unwrap_or(0)
    }
    fn stem(&self, h: u64) -> u64 {
        self.dict_stem.get(&h).copied().unwrap_or(0)
    }
    fn cluster(&self, h: u64) -> [u16; 2] {
        self.cluster.get(&h).copied().unwrap_or_default()
    }
    fn ext_cluster(&self, h: u64) -> [u32; XCL_LEVELS] {
        self.ext_cluster.get(&h).copied().unwrap_or_default()
    }
}

/// Dictionary code of tag counts: 0 when seen fewer than `min` times, else
/// 1 + 2 × most frequent tag + (that tag's share ≥ 0.9).
fn dict_code(counts: &[u32; NT], min: u32) -> u8 {
    let total: u32 = counts.iter().sum();
    if total < min || total == 0 {
        return 0;
    }
    let (best, &n) = counts.iter().enumerate().fold((0, &0), |a, b| if b.1 > a.1 { b } else { a });
    1 + 2 * best as u8 + (n as f64 >= 0.9 * total as f64) as u8
}

/// Tag counts per normalised word (and per Arabic stem), overall and per jackknife fold.
struct DictCounts {
    min: u32,
    total: U64Map<[u32; NT]>,
    folds: Vec<U64Map<[u32; NT]>>,
    total_stem: U64Map<[u32; NT]>,
    folds_stem: Vec<U64Map<[u32; NT]>>,
}

/// The dictionaries a training sentence in fold `fold` sees: all counts but its fold's.
struct FoldDicts<'a> {
    counts: &'a DictCounts,
    fold: usize,
    cluster: &'a U64Map<[u16; 2]>,
    ext_cluster: &'a U64Map<[u32; XCL_LEVELS]>,
}

fn held_out(total: &U64Map<[u32; NT]>, fold: &U64Map<[u32; NT]>, h: u64, min: u32) -> u64 {
    let Some(t) = total.get(&h) else { return 0 };
    let mut c = *t;
    if let Some(f) = fold.get(&h) {
        for k in 0..NT {
            c[k] -= f[k];
        }
    }
    dict_code(&c, min) as u64
}

impl Dicts for FoldDicts<'_> {
    fn word(&self, h: u64) -> u64 {
        held_out(&self.counts.total, &self.counts.folds[self.fold], h, self.counts.min)
    }
    fn stem(&self, h: u64) -> u64 {
        held_out(&self.counts.total_stem, &self.counts.folds_stem[self.fold], h, self.counts.min)
    }
    fn cluster(&self, h: u64) -> [u16; 2] {
        self.cluster.get(&h).copied().unwrap_or_default()
    }
    fn ext_cluster(&self, h: u64) -> [u32; XCL_LEVELS] {
        self.ext_cluster.get(&h).copied().unwrap_or_default()
    }
}

/// Training tokens needed before word clusters are derived.
pub const MIN_CLUSTER_TOKENS: usize = 20_000;

/// Cluster lookup by the hash of the key ([`clusters::key`]), as [`Tok::stem`] holds it.
fn cluster_map(rows: &[(String, u16, u16)]) -> U64Map<[u16; 2]> {
    rows.iter().map(|(k, c, f)| (norm_hash(k), [*c, *f])).collect()
}

/// External cluster lookup by the hash of the key, as [`Tok::stem`] holds it.
fn ext_cluster_map(e: &clusters::External) -> U64Map<[u32; XCL_LEVELS]> {
    e.rows().map(|(w, r)| (norm_hash(w), r)).collect()
}

/// Gazetteer code of a knowledge-base label.
fn gaz_label(l: Label) -> u32 {
    match l {
        Label::Person => 0,
        Label::Org => 1,
        Label::Gpe => 2,
        Label::Loc => 3,
        Label::Norp => 4,
        _ => 5,
    }
}

/// Gazetteer hits of tokens `ranges` (sorted) from knowledge-base mentions `known`
/// (sorted, non-overlapping), appended to `out`.
fn gazetteer(ranges: &[Range<usize>], known: &[Mention], out: &mut Vec<Gaz>) {
    let mut m = known.partition_point(|m| m.end <= ranges.first().map_or(0, |r| r.start));
    for r in ranges {
        while m < known.len() && known[m].end <= r.start {
            m += 1;
        }
        let g = match known.get(m) {
            Some(k) if k.start < r.end => {
                let inside = (k.start < r.start) as u32;
                let kind = k.kb_id.as_deref().and_then(|id| id.split(':').next()).unwrap_or("");
                Gaz { code: 1 + gaz_label(k.label) * 2 + inside, kind: norm_hash(kind) }
            }
            _ => Gaz::default(),
        };
        out.push(g);
    }
}

/// Atoms of a pre-tokenised sentence, with gazetteer hits from `kb` run on the tokens
/// joined by spaces.
fn sentence_atoms<S: AsRef<str>>(
    tokens: &[S],
    arabic: bool,
    dicts: &impl Dicts,
    kb: &Kb,
    gz: &gazetteer::Gazetteer,
) -> Vec<Tok> {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(tokens.len());
    for t in tokens {
        if !text.is_empty() {
            text.push(' ');
        }
        let s = text.len();
        text.push_str(t.as_ref());
        ranges.push(s..text.len());
    }
    let known = kb.find(&text);
    let mut gaz = Vec::with_capacity(tokens.len());
    gazetteer(&ranges, &known, &mut gaz);
    let mut toks: Vec<Tok> = tokens.iter().zip(gaz).map(|(t, g)| token_atoms(t.as_ref(), arabic, dicts, g)).collect();
    if arabic {
        gz.annotate(&mut toks, tokens);
    }
    toks
}

/// Reusable buffers for decoding.
#[derive(Default)]
struct Scratch {
    feats: Vec<u32>,
    gaz: Vec<Gaz>,
    ranges: Vec<Range<usize>>,
    tags: Vec<u8>,
    margins: Vec<f32>,
    rows: Vec<u32>,
    history: features::History,
    doc_case: features::DocCase,
    /// Second pass: document-context codes of the sentence being tagged (empty in the
    /// first pass), and the first pass's labels by stem.
    doc2: Vec<u8>,
    doc_labels: context::DocLabels,
    agg: features::DocContext,
    /// Summed weights of each word's aggregated-context features, for the document in
    /// `agg` (cleared with it).
    agg_sums: U64Map<[i32; NT]>,
    scored: Vec<bool>,
    lattice: Lattice,
    /// Token ranges of each sentence in `ranges`.
    sent_tokens: Vec<Range<usize>>,
    cache: TokenCache,
}

/// Summed weights of the token-only features ([`features::token_features`]) by
/// [`features::token_key`]. Words repeat (Zipf), so most tokens cost one lookup here
/// instead of two dozen scattered loads. The sums are integers, so cached and fresh values
/// are identical and the output does not depend on what the cache holds.
///
/// It also keeps the atoms of each word ([`token_atoms`] without the gazetteer hit, which
/// is the only input besides the word's text), by [`features::word_hash`], the hash that
/// [`Tok::word`] and so the sums' key already identify a word by: computing atoms takes a
/// pass per character with Unicode case tests and two dictionary lookups, a cache hit one
/// hash and a copy.
#[derive(Default)]
struct TokenCache {
    /// The model the sums belong to ([`Model::id`]).
    model: u64,
    sums: U64Map<[i32; NT]>,
    atoms: U64Map<Tok>,
    /// Viterbi: the scores of the previous-tag features ([`features::tag_features1`]) for
    /// every previous tag, by [`features::trans_key`] (shape and dictionary code: a few
    /// thousand distinct values).
    trans: U64Map<Trans>,
}

/// Entries kept before the cache starts over (about 4 MB).
const TOKEN_CACHE_MAX: usize = 1 << 17;
/// Atoms kept before that cache starts over (about 8 MB).
const ATOM_CACHE_MAX: usize = 1 << 15;
/// Transition matrices kept before that cache starts over (about 6 MB).
const TRANS_CACHE_MAX: usize = 1 << 14;

impl TokenCache {
    /// The atoms of `token` with gazetteer hit `gaz`, as [`token_atoms`] computes them.
    #[inline]
    fn atoms(&mut self, token: &str, arabic: bool, dicts: &impl features::Dicts, gaz: Gaz) -> Tok {
        if self.atoms.len() > ATOM_CACHE_MAX {
            self.atoms.clear();
        }
        let mut t = *self
            .atoms
            .entry(features::word_hash(token))
            .or_insert_with(|| token_atoms(token, arabic, dicts, Gaz::default()));
        t.gaz = gaz;
        t
    }
}

thread_local! {
    static TOKEN_CACHE: std::cell::RefCell<TokenCache> = std::cell::RefCell::default();
}

/// Decodes one sentence with the model's decoder; fills `scratch.tags` and
/// `scratch.margins`. The document's history (`scratch.history`) is read, not updated.
/// Tokens that can only be `O` where they stand ([`features::skippable`]) are not scored.
///
/// `first` (greedy decoding): the tags and margins of the first pass, when this is the
/// second pass with the document-context codes in `scratch.doc2`. Only a token within one
/// of a non-zero code has features that differ from the first pass, so decoding starts
/// just before the first such token (with the first pass's tags before it) and, past the
/// last, stops as soon as its two previous tags agree with the first pass's (the rest
/// would be tagged alike). Viterbi decodes the whole sentence again: a changed score
/// anywhere can change the best path everywhere.
fn decode(
    w: &Table,
    toks: &[Tok],
    arabic: bool,
    bits: u32,
    decoder: Decoder,
    scratch: &mut Scratch,
    first: Option<(&[u8], &[f32])>,
) {
    let Scratch { feats, rows, tags, margins, history, agg, agg_sums, cache, scored, lattice, doc2, .. } = scratch;
    let doc_context = two_pass(arabic, decoder);
    tags.clear();
    margins.clear();
    if cache.sums.len() > TOKEN_CACHE_MAX {
        cache.sums.clear();
    }
    let ctx = features::sent_ctx(toks);
    // Scores of the features of token `j` that do not depend on the previous tag: the
    // token's own (cached), its context's and the document's.
    let mut stat = |j: usize| {
        let t = &toks[j];
        let mut acc = *cache.sums.entry(features::token_key(t)).or_insert_with(|| {
            feats.clear();
            rows.clear();
            features::token_features(t, arabic, bits, feats);
            w.resolve(feats, rows);
            let mut acc = [0i32; NT];
            for &r in rows.iter() {
                w.add_row(r, &mut acc);
            }
            acc
        });
        if let Some(k) = agg.key(t) {
            let sums = *agg_sums.entry(k).or_insert_with(|| {
                feats.clear();
                rows.clear();
                agg.features(t, bits, feats);
                w.resolve(feats, rows);
                let mut acc = [0i32; NT];
                for &r in rows.iter() {
                    w.add_row(r, &mut acc);
                }
                acc
            });
            for k in 0..NT {
                acc[k] += sums[k];
            }
        }
        feats.clear();
        rows.clear();
        features::context_features(toks, j, ctx, arabic, bits, feats);
        history.features(t, bits, feats);
        if doc_context {
            context::features(toks, doc2, j, bits, feats);
        }
        w.resolve(feats, rows);
        for &r in rows.iter() {
            w.add_row(r, &mut acc);
        }
        acc
    };
    match decoder {
        Decoder::Viterbi => {
            if cache.trans.len() > TRANS_CACHE_MAX {
                cache.trans.clear();
            }
            let trans_cache = &mut cache.trans;
            let mut trans = |j: usize| -> Trans {
                let t = &toks[j];
                *trans_cache.entry(features::trans_key(t)).or_insert_with(|| {
                    let mut m = [[0f32; NT]; NT + 1];
                    let mut r = Vec::with_capacity(3);
                    for (p, row) in m.iter_mut().enumerate() {
                        let prev = if p == NT { features::START_TAG } else { p as u64 };
                        r.clear();
                        w.resolve(&features::tag_features1(t, prev, bits), &mut r);
                        let mut acc = [0i32; NT];
                        for &x in &r {
                            w.add_row(x, &mut acc);
                        }
                        *row = acc.map(|x| x as f32);
                    }
                    m
                })
            };
            viterbi(toks, arabic, ctx.lower, &mut |j| stat(j).map(|x| x as f32), &mut trans, lattice, tags, scored, margins);
        }
        Decoder::Greedy => {
            let (mut p1, mut p2) = (features::START_TAG, features::START_TAG);
            let (mut start, mut resync) = (0, usize::MAX);
            if let Some((ft, fm)) = first {
                let lo = doc2.iter().position(|&c| c != 0).unwrap_or(toks.len());
                let hi = doc2.iter().rposition(|&c| c != 0).unwrap_or(0);
                start = lo.saturating_sub(1).min(toks.len());
                resync = hi + 2;
                tags.extend_from_slice(&ft[..start]);
                margins.extend_from_slice(&fm[..start]);
                if start >= 1 {
                    p1 = ft[start - 1] as u64;
                }
                if start >= 2 {
                    p2 = ft[start - 2] as u64;
                }
            }
            for (i, t) in toks.iter().enumerate().skip(start) {
                if i >= resync {
                    if let Some((ft, fm)) = first {
                        if p1 == ft[i - 1] as u64 && p2 == ft[i - 2] as u64 {
                            tags.extend_from_slice(&ft[i..]);
                            margins.extend_from_slice(&fm[i..]);
                            break;
                        }
                    }
                }
                if (p1 == 0 || p1 == features::START_TAG) && features::skippable(t, arabic) {
                    tags.push(0);
                    margins.push(0.0);
                    p2 = p1;
                    p1 = 0;
                    continue;
                }
                let mut acc = stat(i);
                let mut r = Vec::with_capacity(features::N_TAG_FEATURES);
                w.resolve(&features::tag_features(t, p1, p2, bits), &mut r);
                for &x in &r {
                    w.add_row(x, &mut acc);
                }
                let acc = acc.map(|x| x as f32);
                let (best, second) = top2(&acc);
                tags.push(best as u8);
                margins.push(acc[best] - second);
                p2 = p1;
                p1 = best as u64;
            }
        }
    }
}

/// Whether a model tags each document twice, the second pass with document context
/// ([`context`]): Arabic models decoded greedily (the shipped Arabic model is trained so).
fn two_pass(arabic: bool, decoder: Decoder) -> bool {
    arabic && decoder == Decoder::Greedy
}

/// Scores of a token's previous-tag features, by previous tag (the start last).
type Trans = [[f32; NT]; NT + 1];

/// Reusable buffers of [`viterbi`].
#[derive(Default)]
struct Lattice {
    score: Vec<[f32; NT]>,
    back: Vec<[u8; NT]>,
    bases: Vec<[f32; NT]>,
}

/// How a model turns scores into tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decoder {
    /// Left to right, each token's best tag given the two previous predicted tags.
    #[default]
    Greedy,
    /// First-order Viterbi over BIO with the transition constraint, trained as a
    /// structured perceptron (Collins 2002).
    Viterbi,
}

impl Decoder {
    /// The default decoder of a language's models: Viterbi, but greedy for Arabic, whose
    /// model (scheme `SCHEME_AR`) was tuned with it.
    pub fn for_lang(lang: &str) -> Decoder {
        if lang == "ar" {
            Decoder::Greedy
        } else {
            Decoder::Viterbi
        }
    }

    fn is_greedy(&self) -> bool {
        *self == Decoder::Greedy
    }
}

/// First-order Viterbi decoding over BIO with the transition constraint: fills `tags`,
/// `scored` (which tokens were scored) and `margins` (per token, the chosen tag's local
/// score, given the chosen previous tag, minus the best other allowed tag's; 0 when not
/// scored). `stat(j)` gives the scores of the features of token `j` that do not depend on
/// the previous tag, `trans(j, prev)` those that do.
///
/// A token that can only be `O` after an `O` ([`features::skippable`]) is not scored when
/// the best path so far ends in `O` (or at the start): it takes `O` after every tag with no
/// features. Training decides the same way, so path scores stay comparable, and the cost
/// stays that of the tokens that can start or continue a name, as in greedy decoding.
fn viterbi(
    toks: &[Tok],
    arabic: bool,
    lower: bool,
    stat: &mut dyn FnMut(usize) -> [f32; NT],
    trans: &mut dyn FnMut(usize) -> Trans,
    lattice: &mut Lattice,
    tags: &mut Vec<u8>,
    scored: &mut Vec<bool>,
    margins: &mut Vec<f32>,
) {
    let n = toks.len();
    tags.clear();
    scored.clear();
    margins.clear();
    if n == 0 {
        return;
    }
    let start = NT;
    let Lattice { score, back, bases } = lattice;
    score.clear();
    score.resize(n, [f32::NEG_INFINITY; NT]);
    back.clear();
    back.resize(n, [0u8; NT]);
    bases.clear();
    bases.resize(n, [0f32; NT]);
    for j in 0..n {
        let best_prev = if j == 0 { start } else { argmax(&score[j - 1]) };
        if (best_prev == 0 || best_prev == start) && !lower && features::skippable(&toks[j], arabic) {
            let ps = if j == 0 { 0.0 } else { score[j - 1][best_prev] };
            score[j][0] = ps;
            back[j][0] = best_prev as u8;
            scored.push(false);
            continue;
        }
        scored.push(true);
        let base = stat(j);
        bases[j] = base;
        let tm = trans(j);
        let prevs = if j == 0 { start..start + 1 } else { 0..NT };
        for p in prevs {
            let ps = if j == 0 { 0.0 } else { score[j - 1][p] };
            if ps == f32::NEG_INFINITY {
                continue;
            }
            let tr = &tm[p];
            let ok = &ALLOWED[p];
            for t in 0..NT {
                let v = ps + base[t] + tr[t];
                if v > score[j][t] && ok[t] {
                    score[j][t] = v;
                    back[j][t] = p as u8;
                }
            }
        }
    }
    let mut best = argmax(&score[n - 1]);
    tags.resize(n, 0);
    for j in (0..n).rev() {
        tags[j] = best as u8;
        best = back[j][best] as usize;
    }
    for j in 0..n {
        // Only the margins of name tokens are read (mention scores, the margin scale).
        if !scored[j] || tags[j] == 0 {
            margins.push(0.0);
            continue;
        }
        let (prev, p) = if j == 0 { (features::START_TAG, start) } else { (tags[j - 1] as u64, tags[j - 1] as usize) };
        let tr = trans(j)[p];
        let t = tags[j] as usize;
        let local = |k: usize| bases[j][k] + tr[k];
        let second = (0..NT).filter(|&k| k != t && allowed(prev, k)).map(local).fold(f32::NEG_INFINITY, f32::max);
        margins.push((local(t) - second).max(0.0));
    }
}

/// Index of the highest score, the first on ties.
#[inline]
fn argmax(x: &[f32; NT]) -> usize {
    let mut best = 0;
    for k in 1..NT {
        if x[k] > x[best] {
            best = k;
        }
    }
    best
}

/// [`allowed`] by previous tag (the start last) and tag.
const ALLOWED: [[bool; NT]; NT + 1] = {
    let mut m = [[false; NT]; NT + 1];
    let mut p = 0;
    while p <= NT {
        let mut t = 0;
        while t < NT {
            m[p][t] = t == 0 || t % 2 == 1 || p == t || p + 1 == t;
            t += 1;
        }
        p += 1;
    }
    m
};

/// Can tag `t` follow tag `prev` (a tag index, or [`features::START_TAG`])? `I-X` only
/// continues `B-X` or `I-X`.
#[inline(always)]
fn allowed(prev: u64, t: usize) -> bool {
    t == 0 || t % 2 == 1 || prev as usize == t || prev as usize + 1 == t
}

/// Index of the highest score (the first on ties) and the second-highest score.
#[inline]
fn top2(acc: &[f32; NT]) -> (usize, f32) {
    let best = argmax(acc);
    let second = (0..NT).filter(|&k| k != best).map(|k| acc[k]).fold(f32::NEG_INFINITY, f32::max);
    (best, second)
}

/// Chunks of tag indices, `conlleval` style: (first, end exclusive, type 0..4).
fn tag_spans(tags: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, u8)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let (ty, inside) = if t == 0 { (u8::MAX, false) } else { ((t - 1) / 2, (t - 1) % 2 == 1) };
        let continues = inside && open.is_some_and(|(_, o)| o == ty);
        if !continues {
            if let Some((s, o)) = open.take() {
                out.push((s, i, o));
            }
            if t != 0 {
                open = Some((i, ty));
            }
        }
    }
    if let Some((s, o)) = open {
        out.push((s, tags.len(), o));
    }
    out
}

/// The gold tags as Viterbi decoding can produce them: an entity cannot start on a token
/// that is skipped after an `O` ([`features::skippable`]: in English, a word without a
/// capital letter); its next token opens it instead.
fn reachable_gold(gold: &[u8], toks: &[Tok], arabic: bool, lower: bool) -> Vec<u8> {
    let mut g = gold.to_vec();
    let mut prev = 0u8;
    for j in 0..g.len() {
        if g[j] != 0 && prev == 0 && !lower && features::skippable(&toks[j], arabic) {
            let inside = g[j] + (g[j] % 2);
            if g.get(j + 1) == Some(&inside) {
                g[j + 1] = inside - 1;
            }
            g[j] = 0;
        }
        prev = g[j];
    }
    g
}

impl Model {
    /// Trains a model on `sentences` (see [`TrainOptions`]).
    ///
    /// # Panics
    /// If a tag is not one of `O`, `B-`/`I-` × `PER ORG LOC MISC` (normalise with
    /// [`conll::to_bio`] first), or tokens and tags differ in length.
    pub fn train(sentences: &[Sentence], opts: &TrainOptions) -> Model {
        Model::train_with(sentences, opts, &mut |_, _| {})
    }

    /// [`Model::train`], calling `on_epoch(epoch, &model_so_far)` after each epoch (for
    /// progress and development scores).
    pub fn train_with(sentences: &[Sentence], opts: &TrainOptions, on_epoch: &mut dyn FnMut(usize, &Model)) -> Model {
        assert!((10..=30).contains(&opts.hash_bits), "hash_bits must be in 10..=30");
        let arabic = opts.lang == "ar";
        let kb = Kb::builtin();
        let bits = opts.hash_bits;
        let gold: Vec<Vec<u8>> = sentences
            .iter()
            .map(|s| {
                assert_eq!(s.tokens.len(), s.tags.len(), "tokens and tags differ in length");
                s.tags.iter().map(|t| tag_index(t).unwrap_or_else(|| panic!("unknown tag {t:?}")) as u8).collect()
            })
            .collect();

        // Tag dictionary counts, overall and per contiguous fold of sentences.
        let folds = opts.dict_folds.max(2);
        let fold_of = |i: usize| i * folds / sentences.len().max(1);
        let mut counts = DictCounts {
            min: opts.dict_min_count,
            total: U64Map::default(),
            folds: vec![U64Map::default(); folds],
            total_stem: U64Map::default(),
            folds_stem: vec![U64Map::default(); folds],
        };
        let mut names: U64Map<String> = U64Map::default();
        let mut stem_names: U64Map<String> = U64Map::default();
        let mut entity_set: HashSet<String> = HashSet::new();
        for (i, (s, g)) in sentences.iter().zip(&gold).enumerate() {
            let f = fold_of(i);
            for (tok, &tag) in s.tokens.iter().zip(g) {
                let h = norm_hash(tok);
                names.entry(h).or_insert_with(|| norm_string(tok));
                counts.total.entry(h).or_default()[tag as usize] += 1;
                counts.folds[f].entry(h).or_default()[tag as usize] += 1;
                if let Some(stem) = features::arabic_stem(tok, arabic) {
                    let hs = norm_hash(stem);
                    stem_names.entry(hs).or_insert_with(|| norm_string(stem));
                    counts.total_stem.entry(hs).or_default()[tag as usize] += 1;
                    counts.folds_stem[f].entry(hs).or_default()[tag as usize] += 1;
                }
                if arabic && tag != 0 {
                    entity_set.insert(norm_string(tok));
                }
            }
        }
        let sorted_dict = |total: &U64Map<[u32; NT]>, names: &U64Map<String>| {
            let mut v: Vec<(String, u8)> = total
                .iter()
                .filter_map(|(h, c)| {
                    let code = dict_code(c, opts.dict_min_count);
                    (code != 0).then(|| (names[h].clone(), code))
                })
                .collect();
            v.sort();
            v.dedup_by(|a, b| a.0 == b.0);
            v
        };
        let dict_words = sorted_dict(&counts.total, &names);
        let dict_stems = sorted_dict(&counts.total_stem, &stem_names);
        let mut entity_vocab: Vec<String> = entity_set.into_iter().collect();
        entity_vocab.sort();
        // Clusters from the tokens alone: unlabelled text. A small training file has too
        // few contexts per word for them to mean anything (and a few hundred sentences of
        // one pattern would make every word its own cluster), so none are derived.
        let n_tokens: usize = sentences.iter().map(|s| s.tokens.len()).sum();
        let cluster_rows = opts.clusters.filter(|_| n_tokens >= MIN_CLUSTER_TOKENS).map_or_else(Vec::new, |c| {
            let toks: Vec<&[String]> = sentences.iter().map(|s| s.tokens.as_slice()).collect();
            clusters::derive(&toks, arabic, &c)
        });
        let cluster_map = cluster_map(&cluster_rows);
        let gz = if arabic { opts.gazetteer.clone().unwrap_or_default() } else { gazetteer::Gazetteer::default() };
        let ext_clusters = opts.external_clusters.clone().unwrap_or_default();
        let ext_map = ext_cluster_map(&ext_clusters);
        let n_sentences = sentences.len();
        let n_docs = sentences.iter().enumerate().filter(|(i, s)| *i == 0 || s.doc_start).count();
        // Case copies: some documents again in capitals and in lower case, so that the
        // model learns to tag headlines and text written without case. A copy keeps its
        // original's dictionary fold.
        let case_every = opts.case_copies;
        let mut orig_of: Vec<usize> = (0..sentences.len()).collect();
        let mut copies: Vec<Sentence> = Vec::new();
        if case_every > 0 && !arabic {
            let mut doc = 0usize;
            let mut starts = Vec::new();
            for (i, s) in sentences.iter().enumerate() {
                if i > 0 && s.doc_start {
                    doc += 1;
                }
                starts.push(doc);
            }
            for (variant, upper) in [(0usize, true), (1, false)] {
                let mut last_doc = usize::MAX;
                for (i, s) in sentences.iter().enumerate() {
                    if starts[i] % case_every != variant {
                        continue;
                    }
                    let tokens = s.tokens.iter().map(|t| if upper { t.to_uppercase() } else { t.to_lowercase() }).collect();
                    copies.push(Sentence { tokens, tags: s.tags.clone(), doc_start: starts[i] != last_doc });
                    last_doc = starts[i];
                    orig_of.push(i);
                }
            }
        }
        let gold: Vec<Vec<u8>> = gold.iter().cloned().chain(orig_of[sentences.len()..].iter().map(|&i| gold[i].clone())).collect();
        let all_sents: Vec<&Sentence> = sentences.iter().chain(&copies).collect();
        let sentences = &all_sents[..];

        // Documents: runs of sentences from one `doc_start` to the next.
        let mut docs: Vec<Range<usize>> = Vec::new();
        for (i, sent) in sentences.iter().enumerate() {
            if i == 0 || sent.doc_start {
                docs.push(i..i + 1);
            } else if let Some(d) = docs.last_mut() {
                d.end = i + 1;
            }
        }

        // Static features of every training token, computed once.
        let mut all_toks: Vec<Vec<Tok>> = Vec::with_capacity(sentences.len());
        let mut feats: Vec<u32> = Vec::new();
        let mut offsets: Vec<Vec<u32>> = Vec::with_capacity(sentences.len());
        let mut doc_case = features::DocCase::default();
        let mut agg = features::DocContext::default();
        for d in &docs {
            doc_case.clear();
            agg.clear();
            let first = all_toks.len();
            for i in d.clone() {
                let dicts = FoldDicts { counts: &counts, fold: fold_of(orig_of[i]), cluster: &cluster_map, ext_cluster: &ext_map };
                let toks = sentence_atoms(&sentences[i].tokens, arabic, &dicts, kb, &gz);
                doc_case.count(&toks);
                agg.count(&toks, arabic);
                all_toks.push(toks);
            }
            for toks in &mut all_toks[first..] {
                doc_case.apply(toks, arabic);
                let ctx = features::sent_ctx(toks);
                let mut off = Vec::with_capacity(toks.len() + 1);
                off.push(feats.len() as u32);
                for j in 0..toks.len() {
                    features::static_features(toks, j, ctx, arabic, bits, &mut feats);
                    agg.features(&toks[j], bits, &mut feats);
                    off.push(feats.len() as u32);
                }
                offsets.push(off);
            }
        }

        let training = TrainInfo {
            epochs: opts.epochs,
            seed: opts.seed,
            sentences: n_sentences,
            documents: n_docs,
            tokens: n_tokens,
            prune: opts.prune,
            dict_min_count: opts.dict_min_count,
        };
        let finish = |trainer: &Trainer, margin_scale: f32| {
            Model::assemble(
                opts,
                Table::from_dense(&trainer.averaged(), opts.prune),
                margin_scale,
                dict_words.clone(),
                dict_stems.clone(),
                entity_vocab.clone(),
                cluster_rows.clone(),
                gz.rows().to_vec(),
                ext_clusters.clone(),
                training.clone(),
            )
        };

        let decoder = opts.decoder.unwrap_or_else(|| Decoder::for_lang(&opts.lang));
        let mut w = Trainer::new(bits);
        let mut rng = XorShift::new(opts.seed);
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let mut history = features::History::default();
        let mut hist_feats: Vec<u32> = Vec::new();
        let mut pred: Vec<u8> = Vec::new();
        let mut scored: Vec<bool> = Vec::new();
        let mut margins: Vec<f32> = Vec::new();
        let mut lattice = Lattice::default();
        let (mut fg, mut fp) = (Vec::new(), Vec::new());
        let nh = features::N_HIST_FEATURES;
        // Document context (Arabic): each document is tagged once without updates (the
        // first pass, as decoding does), then again with the first pass's labels of the
        // other occurrences of each stem, and that second pass learns (greedy decoding only).
        let two_pass = two_pass(arabic, decoder);
        let nd = if two_pass { context::N_FEATURES } else { 0 };
        let mut doc_labels = context::DocLabels::default();
        let mut first_tags: Vec<Vec<u8>> = Vec::new();
        let mut first_hist: Vec<Vec<u32>> = Vec::new();
        let mut codes: Vec<u8> = Vec::new();
        let mut doc_feats: Vec<u32> = Vec::new();
        // Greedy tagging of one sentence into `pred`, learning from `gold` when given.
        let tag_sentence = |w: &mut Trainer,
                                si: usize,
                                hist_feats: &[u32],
                                doc_feats: &[u32],
                                learn: bool,
                                pred: &mut Vec<u8>| {
            let toks = &all_toks[si];
            let off = &offsets[si];
            pred.clear();
            let (mut p1, mut p2) = (features::START_TAG, features::START_TAG);
            for (j, t) in toks.iter().enumerate() {
                if (p1 == 0 || p1 == features::START_TAG) && features::skippable(t, arabic) {
                    // Decoding tags it O unseen; so does training.
                    pred.push(0);
                    p2 = p1;
                    p1 = 0;
                    continue;
                }
                let stat = &feats[off[j] as usize..off[j + 1] as usize];
                let hist = &hist_feats[j * nh..(j + 1) * nh];
                let doc = &doc_feats[j * nd..(j + 1) * nd];
                let tf = features::tag_features(t, p1, p2, bits);
                let mut acc = [0f32; NT];
                for &f in stat.iter().chain(hist).chain(doc).chain(&tf) {
                    w.add(f, &mut acc);
                }
                let (guess, _) = top2(&acc);
                if learn {
                    let truth = gold[si][j] as usize;
                    if guess != truth {
                        w.update(stat, truth, guess);
                        w.update(hist, truth, guess);
                        w.update(doc, truth, guess);
                        w.update(&tf, truth, guess);
                    }
                    w.tick();
                }
                pred.push(guess as u8);
                p2 = p1;
                p1 = guess as u64;
            }
        };
        let doc_features = |toks: &[Tok], codes: &[u8], out: &mut Vec<u32>| {
            out.clear();
            if two_pass {
                for j in 0..toks.len() {
                    context::features(toks, codes, j, bits, out);
                }
            }
        };
        for epoch in 0..opts.epochs {
            rng.shuffle(&mut order);
            for &di in &order {
                if two_pass {
                    history.clear();
                    doc_labels.clear();
                    first_tags.clear();
                    first_hist.clear();
                    for si in docs[di].clone() {
                        let toks = &all_toks[si];
                        hist_feats.clear();
                        for t in toks {
                            history.features(t, bits, &mut hist_feats);
                        }
                        doc_features(toks, &[], &mut doc_feats);
                        tag_sentence(&mut w, si, &hist_feats, &doc_feats, false, &mut pred);
                        history.record(toks, &pred);
                        doc_labels.record(toks, &pred);
                        first_tags.push(pred.clone());
                        first_hist.push(hist_feats.clone());
                    }
                }
                history.clear();
                for (n, si) in docs[di].clone().enumerate() {
                    let toks = &all_toks[si];
                    match decoder {
                        Decoder::Viterbi => {
                            let off = &offsets[si];
                            hist_feats.clear();
                            for t in toks {
                                history.features(t, bits, &mut hist_feats);
                            }
                            // The features of token j that do not depend on the previous tag.
                            let stat_of = |j: usize| {
                                feats[off[j] as usize..off[j + 1] as usize].iter().chain(&hist_feats[j * nh..(j + 1) * nh])
                            };
                            pred.clear();
                            let lower = features::sent_ctx(toks).lower;
                            viterbi(
                                toks,
                                arabic,
                                lower,
                                &mut |j| {
                                    let mut acc = [0f32; NT];
                                    stat_of(j).for_each(|&f| w.add(f, &mut acc));
                                    acc
                                },
                                &mut |j| {
                                    let mut m = [[0f32; NT]; NT + 1];
                                    for (p, row) in m.iter_mut().enumerate() {
                                        let prev = if p == NT { features::START_TAG } else { p as u64 };
                                        features::tag_features1(&toks[j], prev, bits).iter().for_each(|&f| w.add(f, row));
                                    }
                                    m
                                },
                                &mut lattice,
                                &mut pred,
                                &mut scored,
                                &mut margins,
                            );
                            let g = reachable_gold(&gold[si], toks, arabic, lower);
                            // Structured perceptron update: the gold path's features up,
                            // the predicted path's down, where the two differ. A token
                            // left unscored has no features on a path that tags it O.
                            let (mut pg, mut pp) = (features::START_TAG, features::START_TAG);
                            for j in 0..g.len() {
                                let (yg, yp) = (g[j] as usize, pred[j] as usize);
                                if (pg, yg) != (pp, yp) {
                                    for (p, y, buf, d) in [(pg, yg, &mut fg, 1.0), (pp, yp, &mut fp, -1.0)] {
                                        if scored[j] || y != 0 {
                                            buf.clear();
                                            buf.extend(stat_of(j));
                                            buf.extend(features::tag_features1(&toks[j], p, bits));
                                            w.add_all(buf, y, d);
                                        }
                                    }
                                }
                                w.tick();
                                pg = yg as u64;
                                pp = yp as u64;
                            }
                            history.record(toks, &pred);
                        }
                        Decoder::Greedy => {
                            if two_pass {
                                doc_labels.codes(toks, &first_tags[n], &mut codes);
                                doc_features(toks, &codes, &mut doc_feats);
                                tag_sentence(&mut w, si, &first_hist[n], &doc_feats, true, &mut pred);
                            } else {
                                hist_feats.clear();
                                for t in toks {
                                    history.features(t, bits, &mut hist_feats);
                                }
                                doc_features(toks, &[], &mut doc_feats);
                                tag_sentence(&mut w, si, &hist_feats, &doc_feats, true, &mut pred);
                                history.record(toks, &pred);
                            }
                        }
                    }
                }
            }
            if epoch + 1 < opts.epochs {
                on_epoch(epoch + 1, &finish(&w, 1.0));
            }
        }
        let mut model = finish(&w, 1.0);
        let doc_toks: Vec<&[Vec<Tok>]> = docs.iter().map(|d| &all_toks[d.clone()]).collect();
        model.margin_scale = model.median_margin(&doc_toks);
        on_epoch(opts.epochs, &model);
        model
    }

    fn assemble(
        opts: &TrainOptions,
        table: Table,
        margin_scale: f32,
        dict_words: Vec<(String, u8)>,
        dict_stems: Vec<(String, u8)>,
        entity_vocab: Vec<String>,
        cluster_rows: Vec<(String, u16, u16)>,
        gazetteer_rows: Vec<(String, u8)>,
        ext_clusters: clusters::External,
        training: TrainInfo,
    ) -> Model {
        let dict = dict_words.iter().map(|(w, c)| (norm_hash(w), *c as u64)).collect();
        let dict_stem = dict_stems.iter().map(|(w, c)| (norm_hash(w), *c as u64)).collect();
        let entity_set = entity_vocab.iter().cloned().collect();
        Model {
            id: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
            lang: opts.lang.clone(),
            version: opts.version.clone(),
            bits: opts.hash_bits,
            arabic: opts.lang == "ar",
            decoder: opts.decoder.unwrap_or_else(|| Decoder::for_lang(&opts.lang)),
            table,
            margin_scale,
            dict_words,
            dict_stems,
            dict,
            dict_stem,
            entity_vocab,
            entity_set,
            cluster: cluster_map(&cluster_rows),
            cluster_rows,
            gazetteer: gazetteer::Gazetteer::from_rows(gazetteer_rows),
            ext_cluster: ext_cluster_map(&ext_clusters),
            ext_clusters,
            training,
        }
    }

    /// Median margin of the tokens the model tags as entities, over documents `docs`.
    fn median_margin(&self, docs: &[&[Vec<Tok>]]) -> f32 {
        let mut s = Scratch::default();
        let mut all = Vec::new();
        for doc in docs {
            s.agg.clear();
            s.agg_sums.clear();
            for toks in doc.iter() {
                s.agg.count(toks, self.arabic);
            }
            let sents: Vec<&[Tok]> = doc.iter().map(Vec::as_slice).collect();
            self.decode_doc(&sents, &mut s, &mut |_, tags, margins| {
                all.extend(tags.iter().zip(margins).filter(|(t, _)| **t != 0).map(|(_, m)| *m * self.table.scale));
            });
        }
        if all.is_empty() {
            return 1.0;
        }
        all.sort_by(f32::total_cmp);
        all[all.len() / 2].max(1e-3)
    }

    /// Tags the sentences of one document (atoms complete, document case applied) and
    /// hands each sentence's tags and margins to `each`, in order; `s.agg` holds the
    /// document's counts. Greedy Arabic models tag twice (see [`context`]); the second pass re-tags only sentences with document evidence.
    fn decode_doc(&self, sents: &[&[Tok]], s: &mut Scratch, each: &mut dyn FnMut(usize, &[u8], &[f32])) {
        s.history.clear();
        s.doc2.clear();
        if !two_pass(self.arabic, self.decoder) {
            for (i, toks) in sents.iter().enumerate() {
                decode(&self.table, toks, self.arabic, self.bits, self.decoder, s, None);
                s.history.record(toks, &s.tags);
                each(i, &s.tags, &s.margins);
            }
            return;
        }
        let mut first: Vec<(Vec<u8>, Vec<f32>)> = Vec::with_capacity(sents.len());
        s.doc_labels.clear();
        for toks in sents {
            decode(&self.table, toks, self.arabic, self.bits, self.decoder, s, None);
            s.history.record(toks, &s.tags);
            s.doc_labels.record(toks, &s.tags);
            first.push((s.tags.clone(), s.margins.clone()));
        }
        // The history is replayed from the first pass's tags, as training does.
        s.history.clear();
        let mut codes = Vec::new();
        for (i, toks) in sents.iter().enumerate() {
            let (tags, margins) = &first[i];
            if s.doc_labels.codes(toks, tags, &mut codes) {
                std::mem::swap(&mut s.doc2, &mut codes);
                decode(&self.table, toks, self.arabic, self.bits, self.decoder, s, Some((tags, margins)));
                std::mem::swap(&mut s.doc2, &mut codes);
                each(i, &s.tags, &s.margins);
            } else {
                each(i, tags, margins);
            }
            s.history.record(toks, tags);
        }
    }

    /// Language tag, `"en"` or `"ar"`.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    /// The tags, in weight order.
    pub fn labels(&self) -> &'static [&'static str] {
        &TAGS
    }

    /// Training provenance.
    pub fn training(&self) -> &TrainInfo {
        &self.training
    }

    /// Number of feature buckets with weights.
    pub fn n_weights(&self) -> usize {
        self.table.len()
    }

    /// The model file: gzip-compressed JSON with `format`, `format_version`, `version`,
    /// `lang`, `hash` (`scheme`, `bits`), `labels`, `scale` (real weight = stored × scale),
    /// `margin_scale`, `buckets` (kept bucket ids, delta-encoded), `weights` (one `i16` per
    /// label per kept bucket), the tag dictionaries `dict`/`dict_stem` (normalised word,
    /// code), `entity_vocab` (Arabic) and `training` (provenance). Byte-identical for equal
    /// models.
    pub fn save(&self) -> Vec<u8> {
        let (buckets, weights) = self.table.to_sparse();
        let mut prev = 0u32;
        let deltas = buckets
            .iter()
            .map(|&b| {
                let d = b - prev;
                prev = b;
                d
            })
            .collect();
        let file = ModelFile {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            version: self.version.clone(),
            lang: self.lang.clone(),
            hash: HashParams { scheme: features::scheme(self.arabic).into(), bits: self.bits },
            labels: TAGS.iter().map(|t| t.to_string()).collect(),
            scale: self.table.scale,
            margin_scale: self.margin_scale,
            buckets: deltas,
            weights,
            dict: self.dict_words.clone(),
            dict_stem: self.dict_stems.clone(),
            entity_vocab: self.entity_vocab.clone(),
            clusters: self.cluster_rows.clone(),
            gazetteer: self.gazetteer.rows().to_vec(),
            decoder: self.decoder,
            ext_clusters: (!self.ext_clusters.is_empty()).then(|| ExtClusterFile {
                levels: self.ext_clusters.levels,
                words: self.ext_clusters.words.clone(),
                ids: self.ext_clusters.ids.clone(),
            }),
            training: self.training.clone(),
        };
        let json = serde_json::to_vec(&file).expect("model serialises");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&json).expect("write to memory");
        gz.finish().expect("write to memory")
    }

    /// Reads a model file written by [`Model::save`].
    pub fn load(bytes: &[u8]) -> Result<Model, Error> {
        let bad = |m: String| Error::Config(format!("NER model: {m}"));
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut json).map_err(|e| bad(format!("not gzip: {e}")))?;
        let f: ModelFile = serde_json::from_slice(&json).map_err(|e| bad(format!("bad JSON: {e}")))?;
        if f.format != FORMAT || f.format_version != FORMAT_VERSION {
            return Err(bad(format!(
                "format {:?} v{} is not {FORMAT:?} v{FORMAT_VERSION}",
                f.format, f.format_version
            )));
        }
        let scheme = features::scheme(f.lang == "ar");
        if f.hash.scheme != scheme || !(10..=30).contains(&f.hash.bits) {
            return Err(bad(format!(
                "feature scheme {:?} with {} bits; this build reads {scheme:?} for {:?} models",
                f.hash.scheme, f.hash.bits, f.lang
            )));
        }
        if f.labels.iter().map(String::as_str).ne(TAGS.iter().copied()) {
            return Err(bad(format!("labels {:?} are not {TAGS:?}", f.labels)));
        }
        if f.buckets.len() * NT != f.weights.len() {
            return Err(bad("weights do not match buckets".into()));
        }
        let mut buckets = Vec::with_capacity(f.buckets.len());
        let mut b = 0u64;
        for (i, &d) in f.buckets.iter().enumerate() {
            b += d as u64;
            if (i > 0 && d == 0) || b >> f.hash.bits != 0 {
                return Err(bad("bucket ids out of order or range".into()));
            }
            buckets.push(b as u32);
        }
        if !(f.scale.is_finite() && f.scale > 0.0 && f.margin_scale.is_finite() && f.margin_scale > 0.0) {
            return Err(bad("bad scale".into()));
        }
        let ext_clusters = match f.ext_clusters {
            None => clusters::External::default(),
            Some(e) => {
                if !(1..=XCL_LEVELS).contains(&e.levels) || e.words.len() * e.levels != e.ids.len() {
                    return Err(bad("external clusters: ids do not match words and levels".into()));
                }
                clusters::External { levels: e.levels, words: e.words, ids: e.ids }
            }
        };
        let opts = TrainOptions {
            lang: f.lang,
            version: f.version,
            hash_bits: f.hash.bits,
            decoder: Some(f.decoder),
            ..TrainOptions::default()
        };
        Ok(Model::assemble(
            &opts,
            Table::from_sparse(f.hash.bits, &buckets, &f.weights, f.scale),
            f.margin_scale,
            f.dict,
            f.dict_stem,
            f.entity_vocab,
            f.clusters,
            f.gazetteer,
            ext_clusters,
            f.training,
        ))
    }

    /// The shipped model for `lang` (`"en"`, `"ar"`), parsed once.
    pub fn builtin(lang: &str) -> Option<&'static Model> {
        static EN: OnceLock<Option<Model>> = OnceLock::new();
        static AR: OnceLock<Option<Model>> = OnceLock::new();
        let (cell, bytes) = match lang {
            "en" => (&EN, MODEL_EN),
            "ar" => (&AR, MODEL_AR),
            _ => return None,
        };
        cell.get_or_init(|| Model::load(bytes).ok()).as_ref()
    }

    /// Tags one pre-tokenised sentence, as a document of its own (gazetteer features from
    /// [`Kb::builtin`]).
    pub fn tag<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<&'static str> {
        self.tag_document(&[tokens]).pop().unwrap_or_default()
    }

    /// Tags the pre-tokenised sentences of one document.
    pub fn tag_document<S: AsRef<str>, T: AsRef<[S]>>(&self, sentences: &[T]) -> Vec<Vec<&'static str>> {
        let mut s = Scratch::default();
        let mut all: Vec<Vec<Tok>> =
            sentences.iter().map(|t| sentence_atoms(t.as_ref(), self.arabic, self, Kb::builtin(), &self.gazetteer)).collect();
        for toks in &all {
            s.doc_case.count(toks);
            s.agg.count(toks, self.arabic);
        }
        for toks in &mut all {
            s.doc_case.apply(toks, self.arabic);
        }
        let mut out = Vec::with_capacity(all.len());
        let sents: Vec<&[Tok]> = all.iter().map(Vec::as_slice).collect();
        self.decode_doc(&sents, &mut s, &mut |_, tags, _| out.push(tags.iter().map(|&t| TAGS[t as usize]).collect()));
        out
    }

    /// Model mentions in one document's clean `text`, sentence by sentence.
    ///
    /// Spans are byte offsets into `text`. Labels: PER → PERSON, ORG → ORG, LOC → the
    /// knowledge base's GPE or LOC when it knows the span, else GPE unless the name's own
    /// words make it a region, a natural feature or a venue; MISC → NORP when `kb` knows the
    /// span as a NORP, else [`Label::Misc`] ([`crate::extract::place_type::type_with_kb`],
    /// the one place where model spans are typed). Arabic spans leave attached proclitics
    /// out (`لروسيا` → `روسيا`).
    /// Scores lie in [0.5, 0.9], higher when the model's margin is larger.
    ///
    /// ```
    /// use newsframe::{kb::Kb, ner::Model, segment};
    /// let text = "Abdelmadjid Tebboune met Vladimir Putin in Moscow.";
    /// let model = Model::builtin("en").unwrap();
    /// let found = model.find(text, &segment::sentences(text), Kb::builtin());
    /// let got: Vec<_> = found.iter().map(|m| (&text[m.start..m.end], m.label.as_str())).collect();
    /// assert!(got.contains(&("Vladimir Putin", "PERSON")), "{got:?}");
    /// ```
    pub fn find(&self, text: &str, sentences: &[Range<usize>], kb: &Kb) -> Vec<Mention> {
        self.find_with_kb(text, sentences, &kb.find(text))
    }

    /// [`Model::find`] with the knowledge-base matches of `text` (`Kb::find`, sorted by
    /// start) already at hand, so that a pipeline that has them does not match twice.
    pub fn find_with_kb(&self, text: &str, sentences: &[Range<usize>], known: &[Mention]) -> Vec<Mention> {
        let mut s = Scratch::default();
        // The token cache outlives the call, per thread: words recur across documents.
        TOKEN_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.model != self.id {
                c.sums.clear();
                c.atoms.clear();
                c.model = self.id;
            }
            s.cache = std::mem::take(&mut *c);
        });
        let mut out = Vec::new();
        // First pass: tokens and atoms of the whole document, and its case evidence.
        for r in sentences {
            let Some(sent) = text.get(r.clone()) else { continue };
            let first = s.ranges.len();
            tokenize::tokens(sent, r.start, self.arabic, &mut s.ranges);
            if s.ranges.len() > first {
                s.sent_tokens.push(first..s.ranges.len());
            }
        }
        gazetteer(&s.ranges, known, &mut s.gaz);
        let cache = &mut s.cache;
        let mut toks: Vec<Tok> =
            s.ranges.iter().zip(&s.gaz).map(|(rg, g)| cache.atoms(&text[rg.clone()], self.arabic, self, *g)).collect();
        let sent_tokens = std::mem::take(&mut s.sent_tokens);
        for st in &sent_tokens {
            s.doc_case.count(&toks[st.clone()]);
            s.agg.count(&toks[st.clone()], self.arabic);
        }
        if self.arabic && !self.gazetteer.is_empty() {
            for st in &sent_tokens {
                let words: Vec<&str> = s.ranges[st.clone()].iter().map(|r| &text[r.clone()]).collect();
                self.gazetteer.annotate(&mut toks[st.clone()], &words);
            }
        }
        // Then tag sentence by sentence, each informing the next.
        for st in &sent_tokens {
            s.doc_case.apply(&mut toks[st.clone()], self.arabic);
        }
        let ranges = std::mem::take(&mut s.ranges);
        let sents: Vec<&[Tok]> = sent_tokens.iter().map(|st| &toks[st.clone()]).collect();
        self.decode_doc(&sents, &mut s, &mut |i, tags, margins| {
            self.mentions_from_tags(text, &ranges[sent_tokens[i].clone()], tags, margins, known, &mut out)
        });
        TOKEN_CACHE.with(|c| *c.borrow_mut() = std::mem::take(&mut s.cache));
        out
    }

    /// Turns tagged tokens into mentions (see [`Model::find`]).
    fn mentions_from_tags(
        &self,
        text: &str,
        ranges: &[Range<usize>],
        tags: &[u8],
        margins: &[f32],
        known: &[Mention],
        out: &mut Vec<Mention>,
    ) {
        for (first, end, ty) in tag_spans(tags) {
            let mut start = ranges[first].start;
            let stop = ranges[end - 1].end;
            if self.arabic {
                start = self.strip_proclitic(text, start, ranges[first].end, known);
            }
            let label = match ty {
                0 => Label::Person,
                1 => Label::Org,
                2 => Label::Loc,
                _ => Label::Misc,
            };
            let m = margins[first..end].iter().fold(f32::INFINITY, |a, &b| a.min(b)).max(0.0) * self.table.scale;
            let score = 0.5 + 0.4 * m / (m + self.margin_scale);
            let mut mention = Mention::new(start, stop, label, Source::Model, score);
            crate::extract::place_type::type_with_kb(text, &mut mention, known);
            out.push(mention);
        }
    }

    /// Start of an Arabic entity whose first token is `text[start..word_end]`, after any
    /// attached proclitics. A letter counts as a proclitic when the knowledge base matches
    /// the rest of the word, or the rest was seen as an entity word in training; failing
    /// both, only a leading `و` ("and") of a word the training data does not know is one.
    fn strip_proclitic(&self, text: &str, start: usize, word_end: usize, known: &[Mention]) -> usize {
        let w = &text[start..word_end];
        let p = proclitic_len(w);
        if p == 0 {
            return start;
        }
        let kb_starts_at = |s: usize| {
            let i = known.partition_point(|m| m.start < s);
            known.get(i).is_some_and(|m| m.start == s)
        };
        if kb_starts_at(start) {
            return start;
        }
        // Candidate cuts after each proclitic letter, longest first.
        let cuts: Vec<usize> = w[..p].char_indices().map(|(i, c)| i + c.len_utf8()).rev().collect();
        if let Some(&k) = cuts.iter().find(|&&k| kb_starts_at(start + k)) {
            return start + k;
        }
        if let Some(&k) = cuts.iter().find(|&&k| self.entity_set.contains(&norm_string(&w[k..]))) {
            return start + k;
        }
        if self.entity_set.contains(&norm_string(w)) {
            return start;
        }
        if w.starts_with('و') {
            return start + 'و'.len_utf8();
        }
        start
    }
}

#[cfg(test)]
mod tests;

/// Where the evaluation sentences of a training run come from.
#[derive(Debug, Clone)]
pub enum Evaluation {
    /// No evaluation.
    None,
    /// A separate annotated file (CoNLL text).
    File(String),
    /// The last fraction of the training sentences, held out.
    Holdout(f64),
    /// For tuning: the last `holdout` of the training sentences is set aside unseen, the
    /// model trains on the rest but its last `dev` fraction, and is scored on that.
    HoldoutDev { holdout: f64, dev: f64 },
}

/// The outcome of [`train_conll`]: the model and, when there was an evaluation set, its
/// exact-span scores per label (`conlleval` style) with the micro average under `"ALL"`.
pub struct Trained {
    pub model: Model,
    pub scores: Vec<(String, conll::Prf)>,
    pub n_train: usize,
    pub n_eval: usize,
}

/// Trains a model on annotated text in CoNLL format (one token per line, the BIO or IOB1
/// tag in the last column, a blank line between sentences), as `python -m newsframe.train`
/// does. `doc_size` groups sentences into pseudo-documents for corpora without
/// `-DOCSTART-` lines; `on_epoch` hears each finished epoch.
pub fn train_conll(
    train_text: &str,
    eval: Evaluation,
    doc_size: Option<usize>,
    opts: &TrainOptions,
    on_epoch: &mut dyn FnMut(usize),
) -> Result<Trained, Error> {
    let mut train = conll::read(train_text);
    if train.is_empty() {
        return Err(Error::Config("no annotated sentences in the training text".into()));
    }
    let mut dev = match eval {
        Evaluation::None => Vec::new(),
        Evaluation::File(text) => conll::read(&text),
        Evaluation::Holdout(frac) => {
            if !(0.0..1.0).contains(&frac) {
                return Err(Error::Config(format!("holdout must be in [0, 1), got {frac}")));
            }
            let keep = (train.len() as f64 * (1.0 - frac)).floor() as usize;
            train.split_off(keep)
        }
        Evaluation::HoldoutDev { holdout, dev } => {
            if !(0.0..1.0).contains(&holdout) || !(0.0..1.0).contains(&dev) {
                return Err(Error::Config(format!("holdout and dev must be in [0, 1), got {holdout}, {dev}")));
            }
            let keep = (train.len() as f64 * (1.0 - holdout)).floor() as usize;
            train.truncate(keep);
            let keep = (train.len() as f64 * (1.0 - dev)).floor() as usize;
            train.split_off(keep)
        }
    };
    if let Some(n) = doc_size {
        conll::chunk_documents(&mut train, n.max(1));
        conll::chunk_documents(&mut dev, n.max(1));
    }
    let model = Model::train_with(&train, opts, &mut |epoch, _| on_epoch(epoch));
    let mut scores = Vec::new();
    if !dev.is_empty() {
        let mut s = conll::Scores::default();
        let mut start = 0;
        for i in 1..=dev.len() {
            if i == dev.len() || dev[i].doc_start {
                let doc = &dev[start..i];
                let tokens: Vec<&[String]> = doc.iter().map(|s| s.tokens.as_slice()).collect();
                for (sent, pred) in doc.iter().zip(model.tag_document(&tokens)) {
                    s.add(&sent.tags, &pred);
                }
                start = i;
            }
        }
        for label in ["PER", "ORG", "LOC", "MISC"] {
            scores.push((label.to_string(), s.label(label)));
        }
        scores.push(("ALL".to_string(), s.micro()));
    }
    Ok(Trained { model, scores, n_train: train.len(), n_eval: dev.len() })
}
