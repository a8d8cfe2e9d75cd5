//! Stories: documents that tell the same story, near-duplicates within a language and
//! translations or rewrites across languages.
//!
//! [`stories`] gives every document a story id, the index of the story's smallest document.
//! Two kinds of evidence join documents, then a union-find takes the transitive closure:
//!
//! * Near-duplicates in one language: MinHash signatures of word shingles (lowercased,
//!   Arabic folded), computed with one-permutation hashing (one hash per shingle, spread
//!   over `minhash_perms` bins, empty bins filled by rotation), LSH banding for candidate
//!   pairs, then the estimated Jaccard must reach `near_dup_threshold`, or the estimated
//!   containment (the share of the smaller document's shingles found in the larger one)
//!   must reach `containment_threshold`: a wire story trimmed to its first two thirds, or
//!   with a few words changed, is still the same story although its Jaccard falls to 0.6
//!   to 0.75. Containment comes from the Jaccard estimate and the two exact counts of
//!   distinct shingles, `|A∩B| = J (|A| + |B|) / (1 + J)`, so the signature carries the
//!   count as one extra value.
//! * One story across languages: a language-independent [`Fingerprints`] per document:
//!   linked entities seen in documents of more than one language, money amounts, percents
//!   and dates, each weighted by its rarity (BM25 IDF). Candidate pairs come from an inverted
//!   index on the features; the score is the weighted Jaccard of the two feature sets, and
//!   documents in different languages scoring at least `cross_lang_threshold` merge.
//!
//! Both stages are near-linear in the number of documents: signatures and fingerprints are
//! per document, buckets are compared with a bounded number of neighbours, and on large
//! corpora features too common to discriminate are left out of the inverted index.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

#[cfg(test)]
use crate::doc::Document;
use crate::doc::Label;
use crate::features::stories::{mix64, shingles, signature};
use crate::features::stories::{text_signature, StoryOptions};
use crate::link::{LinkedEntity, Linking, MentionLink};
use crate::record::DocView;
use crate::text::hash::fnv;

/// Union-find whose roots are the smallest index of their set.
struct Sets(Vec<u32>);

impl Sets {
    fn new(n: usize) -> Sets {
        Sets((0..n as u32).collect())
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let p = self.0[x as usize];
            self.0[x as usize] = self.0[p as usize];
            x = p;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.0[hi as usize] = lo;
        }
    }
}

/// Can `doc` take part in stories at all?
fn usable<D: DocView>(doc: &D) -> bool {
    doc.usable()
}

/// One story id per document: the index of the smallest document of its story. Documents
/// with an error or no text are stories of their own. Deterministic and independent of the
/// number of threads.
pub fn stories<D: DocView>(docs: &[D], linking: &Linking, opts: &StoryOptions) -> Vec<u32> {
    let run = || -> std::io::Result<Vec<u32>> {
        let mut fold = StoryFold::new(opts, None)?;
        fold.add_texts(docs)?;
        fold.add_features(docs, &linking.links, &linking.entities, &multilingual(docs, linking))?;
        fold.finish()
    };
    run().unwrap_or_else(|e| panic!("story spill files: {e}"))
}

/// Entities mentioned in usable documents of two languages or more.
fn multilingual<D: DocView>(docs: &[D], linking: &Linking) -> Vec<bool> {
    let langs = lang_ids(docs);
    let mut masks = vec![0u64; linking.entities.len()];
    for (d, lang) in langs.iter().enumerate() {
        let (Some(l), Some(links)) = (*lang, linking.links.get(d)) else { continue };
        for link in links {
            if let Some(m) = masks.get_mut(link.entity as usize) {
                *m |= 1u64 << l.min(63);
            }
        }
    }
    masks.iter().map(|m| m.count_ones() >= 2).collect()
}

/// A directory of spill files, removed with everything in it when dropped.
pub struct SpillDir {
    path: PathBuf,
}

impl SpillDir {
    /// A new directory inside `parent` (the system's temporary directory when `None`).
    pub fn new(parent: Option<&Path>) -> std::io::Result<SpillDir> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let parent = parent.map_or_else(std::env::temp_dir, Path::to_path_buf);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let path = parent.join(format!("nf-spill-{}-{}-{nanos}", std::process::id(), NEXT.fetch_add(1, AtomicOrdering::Relaxed)));
        std::fs::create_dir_all(&path)?;
        Ok(SpillDir { path })
    }

    fn create(&self, name: &str) -> std::io::Result<BufWriter<File>> {
        Ok(BufWriter::with_capacity(1 << 16, File::create(self.path.join(name))?))
    }

    fn open(&self, name: &str) -> std::io::Result<File> {
        File::open(self.path.join(name))
    }
}

impl Drop for SpillDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Partitions of the LSH band keys on disk (by the top bits of the key).
const PARTITIONS: usize = 16;
const NO_LANG: u16 = LangIds::NONE;

/// The language of each document as a two-byte id into the table of the distinct ones, by
/// first appearance ([`LangIds::NONE`]: none): what the corpus stage keeps per document to
/// know languages without the records.
#[derive(Debug, Default)]
pub struct LangIds {
    pub ids: Vec<u16>,
    names: Vec<String>,
}

impl LangIds {
    pub const NONE: u16 = u16::MAX;

    /// Appends the next document's language and returns its id.
    pub fn push(&mut self, lang: Option<&str>) -> std::io::Result<u16> {
        let id = match lang {
            None => Self::NONE,
            Some(l) => match self.names.iter().position(|n| n == l) {
                Some(i) => i as u16,
                None if self.names.len() < Self::NONE as usize => {
                    self.names.push(l.to_string());
                    (self.names.len() - 1) as u16
                }
                None => return Err(std::io::Error::other(format!("more than {} languages", Self::NONE))),
            },
        };
        self.ids.push(id);
        Ok(id)
    }

    /// The distinct languages of documents `docs`, sorted.
    pub fn of(&self, docs: &[u32]) -> Vec<String> {
        let mut langs: Vec<String> = docs
            .iter()
            .filter_map(|&d| self.ids.get(d as usize).and_then(|&i| self.names.get(i as usize)).cloned())
            .collect();
        langs.sort_unstable();
        langs.dedup();
        langs
    }
}

/// [`stories`] as a fold over chunks of documents, in two passes: [`add_texts`]
/// (languages, MinHash signatures and LSH band keys) and [`add_features`] (fingerprints,
/// once documents are linked), then [`finish`]. Signatures, band keys and fingerprints go
/// to spill files, so memory holds a few bytes per document (its language, the offset of
/// its fingerprint) and the distinct features; a streaming run finds the stories of a
/// corpus of any size batch by batch.
///
/// [`add_texts`]: StoryFold::add_texts
/// [`add_features`]: StoryFold::add_features
/// [`finish`]: StoryFold::finish
pub struct StoryFold {
    opts: StoryOptions,
    perms: usize,
    rows: usize,
    bands: usize,
    dir: SpillDir,
    /// Language of each usable document ([`NO_LANG`] otherwise).
    langs: LangIds,
    sigs: Option<BufWriter<File>>,
    keys: Vec<BufWriter<File>>,
    feats: Option<BufWriter<File>>,
    /// End of each document's features in the features file, in features.
    feat_ends: Vec<u64>,
    index: FxHashMap<u64, u32>,
    df: Vec<u32>,
    /// Languages each feature is seen in (bit per language id, the last bit for the rest).
    fmask: Vec<u64>,
}

impl StoryFold {
    pub fn new(opts: &StoryOptions, spill: Option<&Path>) -> std::io::Result<StoryFold> {
        let perms = opts.minhash_perms.max(1);
        let bands = opts.bands.clamp(1, perms);
        let dir = SpillDir::new(spill)?;
        let keys = (0..PARTITIONS).map(|p| dir.create(&format!("keys-{p:02}"))).collect::<std::io::Result<_>>()?;
        Ok(StoryFold {
            opts: opts.clone(),
            perms,
            rows: perms / bands,
            bands,
            sigs: Some(dir.create("signatures")?),
            feats: Some(dir.create("features")?),
            dir,
            langs: LangIds::default(),
            keys,
            feat_ends: Vec::new(),
            index: FxHashMap::default(),
            df: Vec::new(),
            fmask: Vec::new(),
        })
    }

    /// Documents seen by [`add_texts`](StoryFold::add_texts).
    pub fn len(&self) -> usize {
        self.langs.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.langs.ids.is_empty()
    }

    /// Pass 1, the next documents of the corpus: languages, signatures, band keys.
    pub fn add_texts<D: DocView>(&mut self, docs: &[D]) -> std::io::Result<()> {
        let opts = &self.opts;
        let sigs: Vec<std::borrow::Cow<'_, [u32]>> =
            docs.par_iter().map(|d| if usable(d) { d.signature(opts) } else { std::borrow::Cow::Borrowed(&[][..]) }).collect();
        let out = self.sigs.as_mut().expect("texts before finish");
        let mut row = vec![0u8; (self.perms + 1) * 4];
        for (doc, sig) in docs.iter().zip(&sigs) {
            let d = self.langs.ids.len() as u32;
            let lang = self.langs.push(doc.lang().filter(|_| usable(doc)))?;
            row.iter_mut().for_each(|b| *b = 0);
            for (k, v) in sig.iter().take(self.perms + 1).enumerate() {
                row[4 * k..4 * k + 4].copy_from_slice(&v.to_le_bytes());
            }
            out.write_all(&row)?;
            if sig.len() != self.perms + 1 {
                continue; // no signature (or one of another size): never a near-duplicate
            }
            let lang = if lang == NO_LANG { u64::MAX } else { lang as u64 };
            for b in 0..self.bands {
                let mut h = mix64(lang ^ ((b as u64) << 48));
                for &v in &sig[b * self.rows..(b + 1) * self.rows] {
                    h = mix64(h ^ v as u64);
                }
                let w = &mut self.keys[(h >> 60) as usize % PARTITIONS];
                w.write_all(&h.to_le_bytes())?;
                w.write_all(&d.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Pass 2, the next documents of the corpus with their links to `entities`
    /// (`multilingual`: per entity, mentioned in usable documents of two languages).
    pub fn add_features<D: DocView>(
        &mut self,
        docs: &[D],
        links: &[Vec<MentionLink>],
        entities: &[LinkedEntity],
        multilingual: &[bool],
    ) -> std::io::Result<()> {
        let first = self.feat_ends.len();
        let langs = &self.langs.ids;
        let per_doc: Vec<Vec<u64>> = docs
            .par_iter()
            .enumerate()
            .map(|(i, doc)| {
                if langs.get(first + i).is_some_and(|&l| l != NO_LANG) {
                    doc_features_of(doc, links.get(i).map_or(&[][..], |l| l), entities, multilingual).iter().map(|k| fnv(k)).collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
        let out = self.feats.as_mut().expect("features before finish");
        let mut end = self.feat_ends.last().copied().unwrap_or(0);
        for (i, hashes) in per_doc.into_iter().enumerate() {
            let mut ids: Vec<u32> = hashes
                .into_iter()
                .map(|h| {
                    let next = self.df.len() as u32;
                    *self.index.entry(h).or_insert_with(|| {
                        self.df.push(0);
                        self.fmask.push(0);
                        next
                    })
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            let lang = self.langs.ids.get(first + i).copied().unwrap_or(NO_LANG);
            for &f in &ids {
                self.df[f as usize] += 1;
                self.fmask[f as usize] |= 1u64 << lang.min(63);
                out.write_all(&f.to_le_bytes())?;
            }
            end += ids.len() as u64;
            self.feat_ends.push(end);
        }
        Ok(())
    }

    /// The story id of every document.
    pub fn finish(&mut self) -> std::io::Result<Vec<u32>> {
        let n = self.langs.ids.len();
        for mut w in self.keys.drain(..).chain(self.sigs.take()).chain(self.feats.take()) {
            w.flush()?;
        }
        let mut sets = Sets::new(n);
        for (a, b) in self.near_duplicates()? {
            sets.union(a, b);
        }
        for (a, b) in self.cross_language_pairs()? {
            sets.union(a, b);
        }
        Ok((0..n as u32).map(|d| sets.find(d)).collect())
    }

    /// Verified near-duplicate pairs of documents in the same language.
    fn near_duplicates(&self) -> std::io::Result<Vec<(u32, u32)>> {
        let mut candidates: Vec<(u32, u32)> = Vec::new();
        for p in 0..PARTITIONS {
            let mut bytes = Vec::new();
            self.dir.open(&format!("keys-{p:02}"))?.read_to_end(&mut bytes)?;
            let mut keys: Vec<(u64, u32)> = bytes
                .chunks_exact(12)
                .map(|c| (u64::from_le_bytes(c[..8].try_into().expect("8 bytes")), u32::from_le_bytes(c[8..].try_into().expect("4 bytes"))))
                .collect();
            drop(bytes);
            keys.par_sort_unstable();
            for members in keys.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
                for j in 1..members.len() {
                    let b = members[j].1;
                    for i in std::iter::once(0).chain(j.saturating_sub(BUCKET_NEIGHBOURS).max(1)..j) {
                        let a = members[i].1;
                        if a != b {
                            candidates.push((a.min(b), a.max(b)));
                        }
                    }
                }
            }
        }
        candidates.par_sort_unstable();
        candidates.dedup();
        let sigs = self.dir.open("signatures")?;
        let stride = ((self.perms + 1) * 4) as u64;
        let read = |d: u32| -> std::io::Result<Vec<u32>> {
            let mut buf = vec![0u8; stride as usize];
            read_at(&sigs, &mut buf, d as u64 * stride)?;
            Ok(buf.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes"))).collect())
        };
        let opts = &self.opts;
        let verified: Vec<std::io::Result<Option<(u32, u32)>>> =
            candidates.par_iter().map(|&(a, b)| Ok(same_story(&read(a)?, &read(b)?, opts).then_some((a, b)))).collect();
        let mut pairs = Vec::new();
        for v in verified {
            pairs.extend(v?);
        }
        Ok(pairs)
    }

    /// Pairs `(a, b)`, `a < b`, of documents in different known languages whose
    /// fingerprints score at least `cross_lang_threshold` with [`MIN_SHARED_FEATURES`]
    /// shared features (see [`Fingerprints::cross_language_pairs`]).
    fn cross_language_pairs(&self) -> std::io::Result<Vec<(u32, u32)>> {
        let n_docs = self.langs.ids.iter().filter(|&&l| l != NO_LANG).count();
        let n = n_docs as f64;
        let weights: Vec<f64> = self.df.iter().map(|&x| (1.0 + (n - x as f64 + 0.5) / (x as f64 + 0.5)).ln()).collect();
        let cap = if n_docs < BLOCK_MIN_DOCS { usize::MAX } else { ((n as f64 * BLOCK_MAX_SHARE) as usize).min(BLOCK_MAX_POSTING) };
        // A feature seen in one language proposes no pair across languages.
        let posted: Vec<bool> = self
            .df
            .iter()
            .zip(&self.fmask)
            .map(|(&df, &mask)| df as usize <= cap && df >= 2 && (mask.count_ones() >= 2 || mask >> 63 == 1))
            .collect();
        if !posted.contains(&true) {
            return Ok(Vec::new());
        }
        let file = self.dir.open("features")?;
        let features = |d: usize| -> std::io::Result<Vec<u32>> {
            let start = if d == 0 { 0 } else { self.feat_ends[d - 1] };
            let mut buf = vec![0u8; ((self.feat_ends[d] - start) * 4) as usize];
            read_at(&file, &mut buf, start * 4)?;
            Ok(buf.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes"))).collect())
        };
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); self.df.len()];
        let mut docs_posted: Vec<u32> = Vec::new();
        for d in 0..self.feat_ends.len() {
            let mut any = false;
            for f in features(d)? {
                if posted[f as usize] {
                    postings[f as usize].push(d as u32);
                    any = true;
                }
            }
            if any {
                docs_posted.push(d as u32);
            }
        }
        let threshold = self.opts.cross_lang_threshold;
        let found: Vec<std::io::Result<Vec<(u32, u32)>>> = docs_posted
            .par_iter()
            .map(|&a| {
                let la = self.langs.ids[a as usize];
                let fa = features(a as usize)?;
                let mut acc: FxHashMap<u32, f64> = FxHashMap::default();
                for &f in &fa {
                    let list = &postings[f as usize];
                    let from = list.partition_point(|&e| e <= a);
                    for &e in &list[from..] {
                        let le = self.langs.ids[e as usize];
                        if le != NO_LANG && le != la {
                            *acc.entry(e).or_insert(0.0) += weights[f as usize];
                        }
                    }
                }
                let mut cands: Vec<(u32, f64)> = acc.into_iter().collect();
                cands.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                cands.truncate(MAX_CANDIDATES);
                let mut out = Vec::new();
                for (e, _) in cands {
                    let (score, shared) = score_shared(&fa, &features(e as usize)?, &weights);
                    if score >= threshold && shared >= MIN_SHARED_FEATURES {
                        out.push((a, e));
                    }
                }
                Ok(out)
            })
            .collect();
        let mut pairs = Vec::new();
        for f in found {
            pairs.extend(f?);
        }
        pairs.sort_unstable();
        Ok(pairs)
    }
}

fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        file.read_exact_at(buf, offset)
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while done < buf.len() {
            let n = file.seek_read(&mut buf[done..], offset + done as u64)?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            done += n;
        }
        Ok(())
    }
}

/// Weighted Jaccard of two sorted feature lists and the number of features they share.
fn score_shared(fa: &[u32], fb: &[u32], weights: &[f64]) -> (f64, usize) {
    let (mut i, mut j) = (0, 0);
    let (mut inter, mut union, mut shared) = (0.0, 0.0, 0);
    while i < fa.len() || j < fb.len() {
        let (x, y) = (fa.get(i).copied().unwrap_or(u32::MAX), fb.get(j).copied().unwrap_or(u32::MAX));
        let w = weights[x.min(y) as usize];
        union += w;
        if x == y {
            inter += w;
            shared += 1;
            i += 1;
            j += 1;
        } else if x < y {
            i += 1;
        } else {
            j += 1;
        }
    }
    (if union > 0.0 { inter / union } else { 0.0 }, shared)
}

// ---------------------------------------------------------------------------------------
// Near-duplicates: one-permutation MinHash + LSH
// ---------------------------------------------------------------------------------------

fn estimate(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// Estimated share of the smaller set found in the larger from their Jaccard and sizes.
fn containment(jaccard: f64, na: usize, nb: usize) -> f64 {
    let small = na.min(nb) as f64;
    if small == 0.0 {
        return 0.0;
    }
    (jaccard * (na + nb) as f64 / (1.0 + jaccard) / small).min(1.0)
}

/// Do two [`text_signature`]s (signature plus shingle count) tell the same story?
fn same_story(a: &[u32], b: &[u32], opts: &StoryOptions) -> bool {
    let (Some((&na, sa)), Some((&nb, sb))) = (a.split_last(), b.split_last()) else { return false };
    let j = estimate(sa, sb);
    if j >= opts.near_dup_threshold {
        return true;
    }
    let (small, large) = (na.min(nb) as usize, na.max(nb) as usize);
    small >= opts.containment_min_shingles
        && small as f64 >= opts.containment_min_ratio * large as f64
        && containment(j, na as usize, nb as usize) >= opts.containment_threshold
}

/// The MinHash estimate of the Jaccard similarity of the word shingles of two texts, as
/// [`stories`] computes it for near-duplicates (0 when either has no words).
pub fn shingle_similarity(a: &str, b: &str, opts: &StoryOptions) -> f64 {
    let perms = opts.minhash_perms.max(1);
    estimate(&signature(&shingles(a, opts.shingle), perms), &signature(&shingles(b, opts.shingle), perms))
}

/// Whether [`stories`] would join two texts of one language as near-duplicates (by
/// resemblance or by containment), without the LSH candidate step.
pub fn texts_same_story(a: &str, b: &str, opts: &StoryOptions) -> bool {
    same_story(&text_signature(a, opts), &text_signature(b, opts), opts)
}

/// How many earlier members of an LSH bucket each member is compared with (besides the
/// bucket's first): keeps huge buckets of copies linear.
const BUCKET_NEIGHBOURS: usize = 2;

/// Language of each usable document as a small id; None for unknown language or unusable.
fn lang_ids<D: DocView>(docs: &[D]) -> Vec<Option<u32>> {
    let mut table: Vec<&str> = Vec::new();
    docs.iter()
        .map(|d| {
            let l = d.lang().filter(|_| usable(d))?;
            Some(match table.iter().position(|t| *t == l) {
                Some(i) => i as u32,
                None => {
                    table.push(l);
                    (table.len() - 1) as u32
                }
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Cross-language fingerprints
// ---------------------------------------------------------------------------------------

/// Corpus size from which blocking leaves out common features.
const BLOCK_MIN_DOCS: usize = 1000;
/// On such corpora, features in more than this share of documents (or in more than
/// [`BLOCK_MAX_POSTING`] documents) do not propose candidates; they still count in scores.
const BLOCK_MAX_SHARE: f64 = 0.05;
const BLOCK_MAX_POSTING: usize = 500;
/// Candidates verified per document, the ones sharing the most rare-feature weight.
const MAX_CANDIDATES: usize = 50;
/// Two documents must share at least this many features to be one story across languages:
/// a short text whose fingerprint is a place and a date proves nothing.
pub const MIN_SHARED_FEATURES: usize = 3;

/// Language-independent fingerprints of a corpus: per document a set of features (linked
/// entities seen in more than one language, money amounts, percents, dates), each weighted
/// by its BM25 IDF over the usable documents.
#[derive(Debug, Clone)]
pub struct Fingerprints {
    /// Sorted feature ids per document.
    features: Vec<Vec<u32>>,
    /// Weight per feature id.
    weights: Vec<f64>,
    /// Document frequency per feature id.
    df: Vec<u32>,
    langs: Vec<Option<u32>>,
    /// Readable key per feature id.
    keys: Vec<String>,
}

impl Fingerprints {
    /// Fingerprints of `docs` given their linking.
    pub fn build<D: DocView>(docs: &[D], linking: &Linking) -> Fingerprints {
        let langs = lang_ids(docs);
        let multilingual = multilingual(docs, linking);
        let per_doc: Vec<Vec<String>> = docs
            .par_iter()
            .enumerate()
            .map(|(d, doc)| if langs[d].is_some() { doc_features(doc, linking.links.get(d).map_or(&[][..], |l| l), linking, &multilingual) } else { Vec::new() })
            .collect();
        let mut index: FxHashMap<u64, u32> = FxHashMap::default();
        let mut keys: Vec<String> = Vec::new();
        let mut features: Vec<Vec<u32>> = Vec::with_capacity(docs.len());
        for fs in per_doc {
            let mut ids: Vec<u32> = fs
                .into_iter()
                .map(|k| {
                    let next = keys.len() as u32;
                    *index.entry(fnv(&k)).or_insert_with(|| {
                        keys.push(k);
                        next
                    })
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            features.push(ids);
        }
        let mut df = vec![0u32; keys.len()];
        for fs in &features {
            for &f in fs {
                df[f as usize] += 1;
            }
        }
        let n = langs.iter().filter(|l| l.is_some()).count() as f64;
        let weights = df.iter().map(|&x| (1.0 + (n - x as f64 + 0.5) / (x as f64 + 0.5)).ln()).collect();
        Fingerprints { features, weights, df, langs, keys }
    }

    /// The readable features of document `d` with their weights, heaviest first.
    pub fn features(&self, d: usize) -> Vec<(&str, f64)> {
        let mut out: Vec<(&str, f64)> = self.features[d].iter().map(|&f| (self.keys[f as usize].as_str(), self.weights[f as usize])).collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        out
    }

    /// Weighted Jaccard of the fingerprints of documents `a` and `b`, in [0, 1].
    pub fn score(&self, a: usize, b: usize) -> f64 {
        self.score_shared(a, b).0
    }

    /// The score of `a` and `b` and the number of features they share.
    pub fn score_shared(&self, a: usize, b: usize) -> (f64, usize) {
        score_shared(&self.features[a], &self.features[b], &self.weights)
    }

    /// Pairs `(a, b)`, `a < b`, of documents in different known languages whose score
    /// reaches `threshold` and that share at least [`MIN_SHARED_FEATURES`] features, found
    /// through an inverted index on the features.
    pub fn cross_language_pairs(&self, threshold: f64) -> Vec<(u32, u32)> {
        let n_docs = self.langs.iter().filter(|l| l.is_some()).count();
        let cap = if n_docs < BLOCK_MIN_DOCS { usize::MAX } else { ((n_docs as f64 * BLOCK_MAX_SHARE) as usize).min(BLOCK_MAX_POSTING) };
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); self.weights.len()];
        for (d, fs) in self.features.iter().enumerate() {
            for &f in fs {
                if self.df[f as usize] as usize <= cap && self.df[f as usize] >= 2 {
                    postings[f as usize].push(d as u32);
                }
            }
        }
        let mut pairs: Vec<(u32, u32)> = (0..self.features.len())
            .into_par_iter()
            .flat_map_iter(|a| {
                let mut acc: FxHashMap<u32, f64> = FxHashMap::default();
                if let Some(la) = self.langs[a] {
                    for &f in &self.features[a] {
                        let list = &postings[f as usize];
                        let from = list.partition_point(|&e| e as usize <= a);
                        for &e in &list[from..] {
                            if self.langs[e as usize].is_some_and(|le| le != la) {
                                *acc.entry(e).or_insert(0.0) += self.weights[f as usize];
                            }
                        }
                    }
                }
                let mut cands: Vec<(u32, f64)> = acc.into_iter().collect();
                cands.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                cands.truncate(MAX_CANDIDATES);
                cands
                    .into_iter()
                    .filter(|&(e, _)| {
                        let (score, shared) = self.score_shared(a, e as usize);
                        score >= threshold && shared >= MIN_SHARED_FEATURES
                    })
                    .map(move |(e, _)| (a as u32, e))
                    .collect::<Vec<_>>()
            })
            .collect();
        pairs.sort_unstable();
        pairs
    }
}

/// Readable language-independent features of one document: `e:<entity id>` for entities
/// with a knowledge-base id (named alike in every language) or seen in more than one
/// language (an entity without either cannot be matched across languages, so neither its
/// presence nor its absence says anything), `amt:<amount>` for money (3 significant digits),
/// `pct:<percent>`, `date:<ISO date>`, and for dates without a year `md:<MM-DD>` or
/// `m:<MM>` (found by reading the date against two reference dates and keeping what does
/// not move; relative dates such as "yesterday" give nothing).
pub fn doc_features<D: DocView>(doc: &D, links: &[crate::link::MentionLink], linking: &Linking, multilingual: &[bool]) -> Vec<String> {
    doc_features_of(doc, links, &linking.entities, multilingual)
}

fn doc_features_of<D: DocView>(doc: &D, links: &[MentionLink], entities: &[LinkedEntity], multilingual: &[bool]) -> Vec<String> {
    let mut out = Vec::new();
    for (m, mention) in doc.mentions().iter().enumerate() {
        match mention.label {
            Label::Money => {
                for v in [mention.value.amount_min, mention.value.amount_max].into_iter().flatten() {
                    if v > 0.0 {
                        out.push(format!("amt:{v:.2e}"));
                    }
                }
            }
            Label::Percent => {
                if let Some(p) = mention.value.percent {
                    out.push(format!("pct:{p:.1}"));
                }
            }
            Label::Date => match (&mention.value.date, &mention.value.date_end) {
                (Some(a), b) => {
                    out.push(format!("date:{a}"));
                    if let Some(b) = b {
                        out.push(format!("date:{b}"));
                    }
                }
                (None, _) => out.extend(doc.yearless_date(m)),
            },
            _ => {
                let Some(link) = links.get(m) else { continue };
                let Some(e) = entities.get(link.entity as usize) else { continue };
                if e.kb_id.is_some() || multilingual.get(link.entity as usize).copied().unwrap_or(false) {
                    out.push(format!("e:{}", e.entity_id));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::stories::word_hash;
    use crate::relate::tests::corpus;

    fn opts() -> StoryOptions {
        StoryOptions::default()
    }

    const NEWS: &str = "The harbour authority said on Monday that the new container terminal will open next spring after three years of construction, doubling the capacity of the port and creating about two thousand jobs in the region. Officials expect the first ships to dock in April, while environmental groups warned that dredging the channel could damage the nearby wetlands and the fisheries that depend on them. The project was financed by a consortium of local banks and a pension fund, and its cost rose by a fifth during the works because of higher steel prices and a long strike by crane operators. The mayor welcomed the opening as a turning point for the town, whose shipyards closed a decade ago, and promised that a new rail link to the terminal would be built before the end of the following year. Residents of the waterfront district, however, complained about noise from night shifts and asked for a sound barrier along the quay.";
    const OTHER: &str = "A regional court ruled on Tuesday that the city council must publish the contracts of the water utility, ending a dispute that began when a local newspaper asked for the documents two years ago. The council said it would comply within a month and that it had nothing to hide, while the newspaper called the ruling a victory for transparency in public services. The contracts cover the maintenance of pipes and pumping stations and were signed without a public tender, according to the court, which found that commercial secrecy could not justify keeping them from the public. Lawyers for the utility said they were studying the judgement and might appeal to the supreme court, a step that would delay publication by at least a year. Opposition councillors demanded an inquiry into the prices paid for repairs, which they say are far above those of neighbouring towns.";

    #[test]
    fn near_duplicates_join_and_others_stay_apart() {
        let edited = NEWS.replace("on Monday", "on Tuesday");
        let (docs, l) = corpus(&[("en", NEWS), ("en", OTHER), ("en", &edited), ("en", NEWS), ("fr", NEWS)]);
        let s = stories(&docs, &l, &opts());
        // Edited copy and exact copy join story 0; the same text labelled French is another
        // language and has no cross-language evidence.
        assert_eq!(s, [0, 1, 0, 0, 4]);
    }

    #[test]
    fn trimmed_and_lightly_edited_copies_join_by_containment() {
        let words: Vec<&str> = NEWS.split(' ').collect();
        let trimmed = words[..words.len() * 2 / 3].join(" ");
        // Every 30th word changed: 3% of the words.
        let edited: Vec<String> = words.iter().enumerate().map(|(i, w)| if i % 30 == 7 { format!("x{w}") } else { w.to_string() }).collect();
        let edited = edited.join(" ");
        let lead = words[..30].join(" ");
        let o = opts();
        assert!(shingle_similarity(NEWS, &trimmed, &o) < o.near_dup_threshold, "resemblance alone misses a trimmed copy");
        assert!(texts_same_story(NEWS, &trimmed, &o));
        assert!(texts_same_story(NEWS, &edited, &o));
        assert!(!texts_same_story(NEWS, &lead, &o), "a lead paragraph alone is too short to be the story");
        assert!(!texts_same_story(NEWS, OTHER, &o));
        let (docs, l) = corpus(&[("en", NEWS), ("en", OTHER), ("en", &trimmed), ("en", &edited)]);
        assert_eq!(stories(&docs, &l, &o), [0, 1, 0, 0]);
        let off = StoryOptions { containment_threshold: 2.0, ..opts() };
        assert_eq!(stories(&docs, &l, &off)[2], 2, "without containment the trimmed copy is alone");
    }

    #[test]
    fn estimate_tracks_jaccard() {
        let a = shingles(NEWS, 5);
        let sig_a = signature(&a, 128);
        assert_eq!(estimate(&sig_a, &sig_a), 1.0);
        let b = shingles(OTHER, 5);
        assert!(estimate(&sig_a, &signature(&b, 128)) < 0.1);
        // Arabic folding: spelling variants give the same shingles.
        assert_eq!(shingles("أعلنت الحكومة الجزائرية", 2), shingles("اعلنت الحكومه الجزائريه", 2));
        assert!(signature(&[], 128).is_empty());
        for w in ["Algeria", "ÉTAT", "الجزائرية", "أمريكا", "x"] {
            assert_eq!(word_hash(w), fnv(&crate::text::plain_form(w)), "{w}");
        }
    }

    /// An English report and its Arabic version share the places, the money and the dates;
    /// another English report on the same countries shares only the places.
    fn cross_corpus() -> (Vec<Document>, Linking) {
        corpus(&[
            ("en", "[Brazil|country:BR|GPE] and [Japan|country:JP|GPE] signed a port deal worth [$4.2 billion|4200000000|MONEY] on [3 March|-|DATE] in [Osaka|city:Osaka:JP|GPE]. Tariffs fall by [12%|12|PERCENT] in [2025|2025|DATE]. [Lula|p:lula|PERSON] praised it in [June|-|DATE]. Prices rose [yesterday|-|DATE]."),
            ("en", "[Brazil|country:BR|GPE] and [Japan|country:JP|GPE] held talks on fisheries in [Tokyo|city:Tokyo:JP|GPE] on [9 July|-|DATE]. [Santos|p:santos|PERSON] attended."),
            ("ar", "وقعت [البرازيل|country:BR|GPE] و[اليابان|country:JP|GPE] صفقة موانئ بقيمة [4.2 مليار دولار|4200000000|MONEY] في [3 مارس|-|DATE] في [أوساكا|city:Osaka:JP|GPE]. وتنخفض الرسوم بنسبة [12%|12|PERCENT] في [2025|2025|DATE]."),
            ("ar", "افتتحت [البرازيل|country:BR|GPE] سفارة جديدة في [طوكيو|city:Tokyo:JP|GPE] يوم [20 مايو|-|DATE]."),
            ("en", "[Chile|country:CL|GPE] opened an embassy in [Tokyo|city:Tokyo:JP|GPE] on [20 May|-|DATE] with [Japan|country:JP|GPE] officials."),
        ])
    }

    #[test]
    fn cross_language_story_joins_translation_only() {
        let (docs, l) = cross_corpus();
        let fp = Fingerprints::build(&docs, &l);
        let keys: Vec<&str> = fp.features(0).into_iter().map(|f| f.0).collect();
        for want in ["amt:4.20e9", "md:03-03", "pct:12.0", "date:2025", "e:city:Osaka", "e:country:BR", "m:06"] {
            assert!(keys.contains(&want), "{want} not in {keys:?}");
        }
        // "yesterday" moves with the reference date: no feature.
        let mut yearless: Vec<&str> = keys.iter().copied().filter(|k| k.starts_with("m:") || k.starts_with("md:")).collect();
        yearless.sort();
        assert_eq!(yearless, ["m:06", "md:03-03"]);
        // Persons are only seen in English: not cross-lingual.
        assert!(!keys.iter().any(|k| k.starts_with("e:p:")));
        let s02 = fp.score(0, 2);
        assert!(s02 > 0.6, "{s02}");
        for (a, b) in [(0, 3), (1, 2), (1, 3)] {
            assert!(fp.score(a, b) < 0.3, "{a}-{b}: {}", fp.score(a, b));
        }
        let s = stories(&docs, &l, &opts());
        // 0 and 2 are one story; 3 and 4 share a place and a date but are in different
        // countries' news, with different actors; everyone else stays alone.
        assert_eq!(s[0], s[2]);
        assert_eq!(s, [0, 1, 0, 3, 4]);
        // Same language never merges through fingerprints.
        assert!(fp.cross_language_pairs(0.0).iter().all(|&(a, b)| docs[a as usize].lang != docs[b as usize].lang));
    }

    #[test]
    fn failed_and_empty_documents_are_alone_and_ids_are_smallest_members() {
        let (mut docs, l) = corpus(&[("en", OTHER), ("en", NEWS), ("en", NEWS), ("en", ""), ("en", NEWS)]);
        docs[4].error = Some("[D001] empty".into());
        let s = stories(&docs, &l, &opts());
        assert_eq!(s, [0, 1, 1, 3, 4]);
    }

    #[test]
    fn stories_are_deterministic_across_threads() {
        let texts: Vec<String> = (0..200)
            .map(|i| match i % 4 {
                0 => NEWS.to_string(),
                1 => OTHER.replace("Tuesday", &format!("day {i}")),
                2 => format!("Unrelated note number {i} about weather {} and more words here to make shingles.", i * 7),
                _ => NEWS.replace("April", "May"),
            })
            .collect();
        let refs: Vec<(&str, &str)> = texts.iter().map(|t| ("en", t.as_str())).collect();
        let (docs, l) = corpus(&refs);
        let a = stories(&docs, &l, &opts());
        let b = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| stories(&docs, &l, &opts()));
        assert_eq!(a, b);
        assert!(a.iter().enumerate().all(|(d, &s)| s as usize <= d && a[s as usize] == s));
        for (d, &s) in a.iter().enumerate() {
            let want = match d % 4 {
                0 | 3 => 0,
                1 => 1,
                _ => d as u32,
            };
            assert_eq!(s, want, "doc {d}");
        }
    }

    #[test]
    fn options_deserialize_with_defaults() {
        let o: StoryOptions = serde_json::from_str(r#"{"cross_lang_threshold": 0.5}"#).unwrap();
        assert_eq!(o, StoryOptions { cross_lang_threshold: 0.5, ..StoryOptions::default() });
        assert!(serde_json::from_str::<StoryOptions>(r#"{"bogus": 1}"#).is_err());
        // Degenerate options do not panic.
        let (docs, l) = corpus(&[("en", NEWS), ("en", NEWS)]);
        let weird = StoryOptions { minhash_perms: 0, bands: 99, shingle: 0, ..StoryOptions::default() };
        assert_eq!(stories(&docs, &l, &weird), [0, 0]);
    }
}
