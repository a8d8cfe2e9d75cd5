//! A trained sequence model for named entities: an averaged perceptron (Collins 2002) over
//! hashed sparse features, BIO tags over PER/ORG/LOC/MISC. English models are first-order
//! structured perceptrons decoded by Viterbi under the BIO constraint ([`Decoder::Viterbi`]),
//! and so are Arabic models since 3.1.0; the greedy decoder (left to right, the two previous
//! predicted tags as features, [`Decoder::Greedy`]) decodes older Arabic files.
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
//!
//! Here: the model, its resources (clusters, gazetteer, token cache) and tagging text;
//! [`features`] turns tokens into atoms, `decode` picks the tag sequence, `train` fits the
//! weights, `file` reads and writes the model file.

pub mod clusters;
pub mod conll;
pub mod context;
pub mod features;
pub mod gazetteer;
pub mod kb_snapshot;
pub mod perceptron;
pub mod place_type;
pub mod tokenize;

mod decode;
mod file;
mod train;

use std::collections::HashSet;
use std::io::{Read, Write};
use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::doc::{Label, Mention, Source};
use crate::kb::Kb;
use crate::text::arabic::proclitic_len;
use features::{norm_hash, norm_string, tag_index, token_atoms, Dicts, Gaz, Tok, U64Map, NT, TAGS, XCL_LEVELS};
use perceptron::{Scorer, Table, Trainer, XorShift};

use decode::*;
pub use decode::Decoder;
pub use train::{train_conll, Evaluation, Trained};

const MODEL_EN: &[u8] = include_bytes!("../../python/newsframe/data/models/ner-en.json.gz");
const MODEL_AR: &[u8] = include_bytes!("../../python/newsframe/data/models/ner-ar.json.gz");

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
    /// The share of a word's most frequent tag from which its dictionary code says
    /// "confident"; for `O` that code is also what lets an Arabic token be skipped (see
    /// `features::skippable`), so a higher share scores more tokens that are sometimes
    /// names. Default 0.9. Arabic 3.4.0 uses 0.95: held-out tenth 0.7616 against 0.7555,
    /// PER 0.7808 against 0.7603 (means of seeds 1-3; see the models README, session 22).
    pub dict_share: f64,
    /// Jackknife folds for the tag-dictionary feature while training.
    pub dict_folds: usize,
    /// Word clusters from the training text (`None`: no cluster features).
    pub clusters: Option<clusters::ClusterOptions>,
    /// Name lists for the gazetteer features of Arabic models, stored in the model file
    /// (`None`: no lists).
    pub gazetteer: Option<gazetteer::Gazetteer>,
    /// Arabic: the knowledge-base names the features read, stored in the model file
    /// (`None`: the shipped knowledge base, as it is when training and tagging).
    pub kb_snapshot: Option<kb_snapshot::KbSnapshot>,
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
    /// Document context (Arabic, greedy): while training, the first pass of a document in
    /// contiguous fold k of `doc_folds` is tagged by a model trained on the other folds only
    /// (stacking), so that the second pass learns from first-pass labels as noisy as they
    /// are on unseen text. 0 or 1 (the default): the model being trained tags its own first
    /// pass, whose labels are then almost the gold ones. Arabic dev split, means of seeds
    /// 1-3: 0.7530 without, 0.7589 with 2 folds, 0.7631 with 3, 0.7626 with 4, 0.7615 with
    /// 8; but on the held-out tenth 4 folds gave 0.7422 against 0.7467, so the shipped
    /// model does not use it (see the models README).
    pub doc_folds: usize,
    /// Models trained one after another from the same seed's generator, whose averaged
    /// weights are averaged into the one table the model keeps: an ensemble at no cost at
    /// run time, and less dependence on the order of the examples. 0 or 1: one model.
    /// Arabic (3.2.0 and 3.3.0 use 5): held-out tenth, means of seeds 1-3, 0.7518
    /// [0.7474-0.7563] against 0.7480 [0.7430-0.7538] for one (see the models README).
    pub members: usize,
    /// Loss-augmented training (Viterbi): while the second pass learns, the decoder adds
    /// `cost[0]` to every tag but the gold one of a gold name token, and `cost[1]` to every
    /// name tag of a gold `O` token, so that the update fires until the gold path wins by
    /// that margin. Zero (the default): the plain structured perceptron. Arabic, five
    /// members, cost 300 for both: dev split 0.7816 against 0.7724 and the three blocks
    /// 0.7619 against 0.7501, but the held-out tenth 0.7509 against 0.7518 (means of seeds),
    /// so the shipped model does not use it (see the models README, session 15).
    pub cost: [f32; 2],
    /// Self-training: the sentences from this index on are machine-tagged unlabelled text.
    /// They train the weights (Viterbi updates scaled by `pseudo_weight`) but not the tag
    /// dictionaries, the entity vocabulary or the clusters derived from the training text,
    /// which stay the gold part's, and they see the whole gold dictionary, as unseen text
    /// does. `None` (the default): every sentence is gold. Arabic, five members, 4,000
    /// sentences of 2018 news at weight 0.5: dev split 0.7759 against 0.7747, blocks 0.7561
    /// against 0.7555, held-out tenth 0.7556 against 0.7555 (12,000 at weight 0.25: 0.7803,
    /// 0.7563, 0.7565; means of seeds), so the shipped model does not use it (see the
    /// models README, session 20).
    pub pseudo_from: Option<usize>,
    /// The scale of a machine-tagged sentence's updates (see `pseudo_from`).
    pub pseudo_weight: f32,
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
            dict_share: 0.9,
            dict_folds: 10,
            clusters: Some(clusters::ClusterOptions::default()),
            gazetteer: None,
            kb_snapshot: None,
            external_clusters: None,
            decoder: None,
            case_copies: 8,
            doc_folds: 0,
            members: 1,
            cost: [0.0; 2],
            pseudo_from: None,
            pseudo_weight: 1.0,
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
    /// [`TrainOptions::dict_share`]; left out of the file when 0.9, as files before it were.
    #[serde(default = "default_share", skip_serializing_if = "is_default_share")]
    pub dict_share: f64,
    /// Models averaged into the weights ([`TrainOptions::members`]); left out of the file
    /// when one (or unknown), so that single models are written as before (and read back as 1).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub members: usize,
    /// [`TrainOptions::cost`]; left out of the file when zero, as files before it were.
    #[serde(default, skip_serializing_if = "is_zero_cost")]
    pub cost: [f32; 2],
}

fn one() -> usize {
    1
}

fn default_share() -> f64 {
    0.9
}

fn is_default_share(s: &f64) -> bool {
    *s == 0.9
}

fn is_zero_cost(c: &[f32; 2]) -> bool {
    *c == [0.0; 2]
}

fn is_one(n: &usize) -> bool {
    *n <= 1
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
    /// Arabic: frozen knowledge-base names for the features (see [`kb_snapshot`]).
    kb_snapshot: Option<kb_snapshot::KbSnapshot>,
    /// External clusters as stored, and by key hash.
    ext_clusters: clusters::External,
    ext_cluster: U64Map<[u32; XCL_LEVELS]>,
    training: TrainInfo,
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
    fn skeleton(&self, h: u64) -> u8 {
        match &self.kb_snapshot {
            Some(k) => k.skeleton(h),
            None => features::skeleton_gazetteer().get(&h).copied().unwrap_or(0),
        }
    }
}

/// A fresh [`Model::id`].
fn next_model_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
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
    /// The atoms of the document's tokens: kept with the other buffers, because a long
    /// document's atoms (over 200 bytes a token) were a fresh allocation of the size that
    /// the allocator hands back to the system after each document.
    toks: Vec<Tok>,
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
    /// The scores of the features of a word as each neighbour of the token scored
    /// ([`features::neighbor_features`], by offset in [`features::NEIGHBOR_OFFSETS`]), by
    /// [`features::token_key`]: a dozen of a token's context features cost a lookup here.
    /// The bits of the first field say which offsets' sums are made.
    neighbors: U64Map<(u8, [[i32; NT]; 4])>,
    /// The scores of a token's case, place and history features
    /// ([`features::state_features`]), by [`features::state_key`].
    state: U64Map<[i32; NT]>,
}

/// Entries kept before the cache starts over (about 4 MB).
const TOKEN_CACHE_MAX: usize = 1 << 17;
/// Atoms kept before that cache starts over (about 8 MB).
const ATOM_CACHE_MAX: usize = 1 << 15;
/// Transition matrices kept before that cache starts over (about 6 MB).
const TRANS_CACHE_MAX: usize = 1 << 14;
/// Neighbour scores kept before that cache starts over (about 5 MB).
const NEIGHBOR_CACHE_MAX: usize = 1 << 15;
/// State scores kept before that cache starts over (about 1.5 MB).
const STATE_CACHE_MAX: usize = 1 << 15;

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
    /// The buffers of [`Model::find_with_kb`], with the token cache: kept between the
    /// documents a thread tags, so that a document does not allocate and grow them again.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Tokens a kept [`Scratch`] may have room for; past that its buffers are dropped after
/// the document, so that one long document does not hold memory for the thread's life.
const SCRATCH_KEEP_TOKENS: usize = 1 << 16;

/// Tokens whose atoms a kept [`Scratch`] may have room for (about 1 MB): a news article's,
/// not a book's.
const SCRATCH_KEEP_ATOMS: usize = 1 << 12;

impl Scratch {
    /// Forgets the last document (its buffers stay allocated); the token cache is kept.
    fn start_document(&mut self) {
        self.gaz.clear();
        self.ranges.clear();
        self.sent_tokens.clear();
        self.history.clear();
        self.doc_case.clear();
        self.doc2.clear();
        self.doc_labels.clear();
        self.agg.clear();
        self.agg_sums.clear();
    }
}

impl Model {

    /// Tags the sentences of one document (atoms complete, document case applied) and
    /// hands each sentence's tags and margins to `each`, in order; `s.agg` holds the
    /// document's counts. Arabic models tag twice (see [`context`]); the second pass re-tags only sentences with document evidence.
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

    /// Whether the annotated training text used `token` (a whole whitespace token, as the
    /// model reads it: proclitics attached) outside names at least nine times in ten, and
    /// often enough to count: the model's tag dictionary calls it confidently `O`, the class
    /// of words the model never even scores after an `O`. A list's one-word name that is
    /// such a word (Arabic `مالية` "financial" against Mali, `الساحل` "the coast" against the
    /// Sahel) is a common word where the model, which sees the list's hit as a feature, left
    /// it outside names. A token too rare for the dictionary is judged by its stem (Arabic:
    /// proclitics stripped, `بالساحل` by `الساحل`).
    pub fn mostly_outside_names(&self, token: &str) -> bool {
        let t = token_atoms(token, self.arabic, self, Gaz::default());
        t.dict == features::DICT_CONFIDENT_O || (t.dict == 0 && t.dict_stem == features::DICT_CONFIDENT_O)
    }

    /// Whether the annotated training text used `token` (as in
    /// [`Model::mostly_outside_names`]) outside names more often than with any one tag, often
    /// enough to count: a looser test than [`Model::mostly_outside_names`], for carrying a
    /// name to other uses where nothing else checks it (a word the tagger once took for a
    /// name, `دين` "debt", is mostly a word).
    pub fn usually_outside_names(&self, token: &str) -> bool {
        // Dictionary codes 1 and 2: the most frequent tag is O (index 0), below or above 90%.
        let o = |code: u64| code == features::DICT_CONFIDENT_O || code == features::DICT_CONFIDENT_O - 1;
        let t = token_atoms(token, self.arabic, self, Gaz::default());
        o(t.dict) || (t.dict == 0 && o(t.dict_stem))
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    /// Sets the version string stored in the model file (a file changed without
    /// retraining, such as one given its knowledge-base snapshot).
    pub fn set_version(&mut self, version: &str) {
        self.version = version.to_string();
    }

    /// The knowledge base the features read: the model's snapshot, else the shipped one.
    fn feature_kb(&self) -> &Kb {
        match &self.kb_snapshot {
            Some(k) => k.kb(),
            None => Kb::builtin(),
        }
    }

    /// The frozen knowledge-base names of an Arabic model (see [`kb_snapshot`]).
    pub fn kb_snapshot(&self) -> Option<&kb_snapshot::KbSnapshot> {
        self.kb_snapshot.as_ref()
    }

    /// Replaces the model's knowledge-base snapshot. Only for storing the snapshot a model
    /// was trained with in a file made before snapshots (the features then stay as in
    /// training); another snapshot changes the features under the weights.
    pub fn set_kb_snapshot(&mut self, snapshot: Option<kb_snapshot::KbSnapshot>) {
        self.kb_snapshot = snapshot;
        // Cached atoms hold the old names' skeleton codes; a new id clears them.
        self.id = next_model_id();
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
            sentences.iter().map(|t| sentence_atoms(t.as_ref(), self.arabic, self, self.feature_kb(), &self.gazetteer)).collect();
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
    /// span as a NORP, else [`Label::Misc`] ([`place_type::type_with_kb`],
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
        // The token cache outlives the call, per thread: words recur across documents.
        let mut s = SCRATCH.with(|c| std::mem::take(&mut *c.borrow_mut()));
        s.start_document();
        if s.cache.model != self.id {
            s.cache.sums.clear();
            s.cache.atoms.clear();
            s.cache.trans.clear();
            s.cache.neighbors.clear();
            s.cache.state.clear();
            s.cache.model = self.id;
        }
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
        let own;
        let feature_known = match &self.kb_snapshot {
            Some(k) => {
                own = k.kb().find(text);
                &own[..]
            }
            None => known,
        };
        gazetteer(&s.ranges, feature_known, &mut s.gaz);
        let cache = &mut s.cache;
        let mut toks = std::mem::take(&mut s.toks);
        toks.clear();
        toks.extend(s.ranges.iter().zip(&s.gaz).map(|(rg, g)| cache.atoms(&text[rg.clone()], self.arabic, self, *g)));
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
        drop(sents);
        if ranges.capacity() <= SCRATCH_KEEP_TOKENS {
            s.ranges = ranges;
            s.sent_tokens = sent_tokens;
            if toks.capacity() <= SCRATCH_KEEP_ATOMS {
                s.toks = toks;
            }
        } else {
            let cache = std::mem::take(&mut s.cache);
            s = Scratch { cache, ..Scratch::default() };
        }
        SCRATCH.with(|c| *c.borrow_mut() = s);
        out
    }

    /// Turns tagged tokens into mentions (see [`Model::find`]). An Arabic span that runs on
    /// into a token whose first letter is a proclitic before a known name (`فيصل المقداد
    /// بكمال …`: ب + كمال) holds two names, and is cut there ([`Model::joins_names_at`]).
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
            let mut a = first;
            while a < end {
                let b = if self.arabic {
                    (a + 1..end).find(|&j| self.joins_names_at(text, ranges[j].clone(), known)).unwrap_or(end)
                } else {
                    end
                };
                self.push_mention(text, ranges, a..b, ty, margins, known, out);
                a = b;
            }
        }
    }

    /// One mention over the tokens `toks` of type code `ty` (see [`Model::mentions_from_tags`]).
    #[allow(clippy::too_many_arguments)]
    fn push_mention(
        &self,
        text: &str,
        ranges: &[Range<usize>],
        toks: Range<usize>,
        ty: u8,
        margins: &[f32],
        known: &[Mention],
        out: &mut Vec<Mention>,
    ) {
        let (first, end) = (toks.start, toks.end);
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
        place_type::type_with_kb(text, &mut mention, known);
        out.push(mention);
    }

    /// Whether the token `text[tok]` inside an Arabic span begins another name: its first
    /// letter is one of و ب ل ك ("and", "with", "to", "like"), the rest is a name the lists
    /// or the knowledge base know, and the whole token is not (`وليد`, `بكر`, `لبنان` stay
    /// in their names). After ب ل ك the rest must be a strong one-word entry: transliterated
    /// foreign names are full of ب ل ك whose rest is some weakly listed name part (`جيانج
    /// لينج`: ل + `ينج`). A rest with the article is left alone: organisation names join
    /// their words with و (`وزارة الخارجية والتعاون الدولي`).
    fn joins_names_at(&self, text: &str, tok: Range<usize>, known: &[Mention]) -> bool {
        let w = &text[tok.clone()];
        if proclitic_len(w) == 0 || !w.starts_with(['و', 'ب', 'ل', 'ك']) {
            return false;
        }
        let k = 'و'.len_utf8();
        let rest = &w[k..];
        let listed =
            if w.starts_with('و') { self.gazetteer.knows_word(rest) } else { self.gazetteer.knows_word_strongly(rest) };
        if rest.starts_with("ال") || !(listed || kb_starts_at(known, tok.start + k)) {
            return false;
        }
        // A known name running through the token (`المنظمة العربية للتربية والثقافة`) holds.
        let inside_known = known[..known.partition_point(|m| m.start < tok.start)].iter().any(|m| m.end > tok.start);
        !(inside_known || self.gazetteer.knows_word(w) || kb_starts_at(known, tok.start))
    }

    /// Start of an Arabic entity whose first token is `text[start..word_end]`, after any
    /// attached proclitics: the fewest leading letters are cut that leave a word known as a
    /// name, so that a name's own first letter stays (`كريم`, not ك + `ريم`; و + `بسام`, not
    /// وب + `سام`). Known: a knowledge-base match starting there, a name-list entry or an
    /// entry's first word ([`gazetteer::Gazetteer::knows_word`]), or, for a cut word only, a
    /// word the training data had inside entities (ANERcorp keeps proclitics inside its
    /// tokens, `وبسام`, so that list cannot vouch for a whole word). `لل` is ل + ال with the
    /// alef elided: the span starts at the second ل (`للأمم` → `لأمم`). Failing all that, the
    /// article after the proclitics (`والخالص`) or a leading و ("and") is cut. ف alone is cut
    /// only before a knowledge-base name or a strong one-word list entry: names begin with
    /// it far more often than it joins one (`فايرا`, not ف + `ايرا`).
    fn strip_proclitic(&self, text: &str, start: usize, word_end: usize, known: &[Mention]) -> usize {
        let w = &text[start..word_end];
        let p = proclitic_len(w);
        if p == 0 || kb_starts_at(known, start) {
            return start;
        }
        let conj = if w.starts_with(['و', 'ف']) { 'و'.len_utf8() } else { 0 };
        if w[conj..].starts_with("لل") && w[conj..].chars().count() >= 5 {
            return start + conj + 'ل'.len_utf8();
        }
        // A listed word keeps its first letter (`وليد`, `والتر`), unless only a weak source
        // lists it and the word after the conjunction is strongly listed: the noisy lexicon
        // holds a few names with their "and" attached (`والحريري` beside `الحريري`).
        let conj_glued = conj > 0
            && !self.gazetteer.knows_word_strongly(w)
            && self.gazetteer.knows_word_strongly(&w[conj..]);
        if self.gazetteer.knows_word(w) && !conj_glued {
            return start;
        }
        // Cuts after each proclitic letter, fewest letters first.
        let cuts = w[..p].char_indices().map(|(i, c)| i + c.len_utf8());
        let lone_fa = |k: usize| k == conj && w.starts_with('ف');
        for k in cuts.clone() {
            let rest = &w[k..];
            let listed = if lone_fa(k) { self.gazetteer.knows_word_strongly(rest) } else { self.gazetteer.knows_word(rest) };
            if kb_starts_at(known, start + k) || listed || (!lone_fa(k) && self.entity_set.contains(&norm_string(rest))) {
                return start + k;
            }
        }
        if let Some(k) = cuts.clone().find(|&k| !lone_fa(k) && w[k..].starts_with("ال") && w[k..].chars().count() >= 4) {
            return start + k;
        }
        if w.starts_with('و') {
            return start + 'و'.len_utf8();
        }
        start
    }
}

/// Whether a mention of `known` (sorted by start) starts at byte `s`.
fn kb_starts_at(known: &[Mention], s: usize) -> bool {
    !crate::doc::starting_at(known, s).is_empty()
}

#[cfg(test)]
mod tests;
