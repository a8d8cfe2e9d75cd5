//! Linking: mentions across documents and languages to entities, without a neural model.
//!
//! Every mention gets an entity, in five steps whose evidence is kept per mention:
//!
//! 1. **Knowledge base.** A mention with a `kb_id` links to that entity. Demonyms carry the
//!    id of their country, so "Algerian" and "Algeria" are one entity; a city keeps its own
//!    entity and carries its country in [`LinkedEntity::country`].
//! 2. **Within a document.** A PERSON mention that is a suffix, a single token or a shorter
//!    form of a fuller PERSON name of the same document ("Tebboune", "M. Esper") resolves to
//!    it, the nearest earlier one first; an ORG acronym resolves to the ORG of the document
//!    whose initials it spells.
//! 3. **Across documents.** Remaining names group by normalised form (lowercase, no
//!    diacritics, Arabic folded, no spaces, hyphens or apostrophes). Two PERSON groups merge
//!    as spelling variants when their surnames are close (edit distance 1 from 5 letters,
//!    2 from 9, or the same consonant skeleton), their given names agree (equal, one
//!    missing, an initial) and their contexts agree: same label and a shared co-mentioned
//!    entity (a knowledge-base entity or a full name mentioned in both, or the same document).
//! 4. **Across scripts.** Arabic names are romanised letter by letter and reduced to a
//!    consonant skeleton, as are Latin names (vowels, w, y dropped; ch→sh, j/g, q/k, z/s
//!    merged; double letters collapsed). An Arabic and a Latin name merge when their
//!    skeletons match (the surname within one edit when the given names match) and their
//!    contexts agree.
//! 5. **User overrides.** `merges` join entities unconditionally; `splits` forbid any
//!    heuristic to put the two sides in one entity.
//!
//! Steps 3 and 4 compare only names that share a blocking key (surname skeleton, surname
//! with one or two letters deleted, given-name skeleton with the surname skeleton within one
//! deletion), at most [`BUCKET_CAP`] partners per name, so the cost stays near linear in the
//! number of mentions. Merges run through a union-find whose clusters refuse heuristic
//! merges that would join two knowledge-base entities, two different given names or the two
//! sides of a user split. Everything that decides the output is sorted (names, keys), so
//! entity ids and clusters do not depend on hash order, thread timing or document order.

use std::cmp::Reverse;
use std::sync::Arc;
use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::doc::Label;
use crate::kb::Kb;
use crate::record::DocView;
use crate::text::arabic::{self, is_arabic_letter};

mod clusters;
mod local;
mod names;
mod overrides;
mod variants;
#[cfg(test)]
mod tests;

use clusters::*;
use local::*;
use names::*;
use overrides::*;
use variants::*;
#[cfg(test)]
use crate::doc::Document;

/// Why a mention was linked to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Evidence {
    /// The mention matched a knowledge-base alias.
    Kb,
    /// Same normalised surface form as other mentions of the entity.
    Alias,
    /// A surname or partial name resolved to a full name earlier in the document.
    Surname,
    /// A spelling variant merged across documents (close form, agreeing context).
    Variant,
    /// Linked across Arabic and Latin script through a transliteration key.
    Translit,
    /// A user-supplied merge.
    User,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Kb => "kb",
            Evidence::Alias => "alias",
            Evidence::Surname => "surname",
            Evidence::Variant => "variant",
            Evidence::Translit => "translit",
            Evidence::User => "user",
        }
    }
}

/// One entity of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkedEntity {
    /// Stable id: the kb id when there is one, else derived from label and canonical key.
    pub entity_id: String,
    /// Best display form.
    pub name: String,
    pub label: Label,
    pub kb_id: Option<String>,
    /// Every surface form seen, sorted.
    pub aliases: Vec<String>,
    /// Languages of the documents it is mentioned in, sorted.
    pub languages: Vec<String>,
    pub n_mentions: u32,
    pub n_docs: u32,
    /// ISO 3166 alpha-2 code of the country this entity stands for when it acts: the
    /// country itself, its capital or city ("Washington said"), its demonym. None otherwise.
    pub country: Option<String>,
}

/// The link of one mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionLink {
    /// Index into [`Linking::entities`].
    pub entity: u32,
    pub evidence: Evidence,
}

/// Result of linking a corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Linking {
    /// Sorted by `entity_id`.
    pub entities: Vec<LinkedEntity>,
    /// `links[d][m]` links mention `m` of document `d` (aligned with `Document::mentions`).
    pub links: Vec<Vec<MentionLink>>,
}

/// User overrides, which win over every heuristic.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LinkOptions {
    /// Pairs of surface forms (or entity ids) to put in one entity.
    pub merges: Vec<(String, String)>,
    /// Pairs of surface forms (or entity ids) never to put in one entity.
    pub splits: Vec<(String, String)>,
}

/// Most partners one name is compared with inside one blocking bucket (the most frequent
/// names of the bucket first), so that a huge bucket costs linear time, not quadratic.
pub const BUCKET_CAP: usize = 200;

/// Links every mention of `docs` to an entity.
///
/// ```
/// use newsframe::{kb::Kb, link::{link, LinkOptions}, Document, segment};
/// use newsframe::extract::{mentions, ExtractOptions};
/// let doc = |text: &str| {
///     let sentences = segment::sentences(text);
///     let mentions = mentions(text, &sentences, Kb::builtin(), ExtractOptions::default());
///     Document { text: text.into(), lang: Some("en".into()), sentences, mentions, ..Default::default() }
/// };
/// let docs = [doc("Algeria bought arms from Russia."), doc("The Algerian army met in Moscow.")];
/// let l = link(&docs, Kb::builtin(), &LinkOptions::default());
/// let algeria = &l.entities[l.links[1][0].entity as usize];
/// assert_eq!((algeria.entity_id.as_str(), algeria.n_docs), ("country:DZ", 2));
/// let moscow = &l.entities[l.links[1][1].entity as usize];
/// assert_eq!(moscow.country.as_deref(), Some("RU"));
/// ```
pub fn link<D: DocView>(docs: &[D], kb: &Kb, opts: &LinkOptions) -> Linking {
    let mut l = Linker::new(opts);
    l.keep_nodes();
    l.collect(docs);
    l.plan();
    if l.needs_context() {
        l.context(docs);
    }
    l.join();
    l.aggregate(docs);
    l.finish(kb);
    let links = l.links(docs);
    Linking { entities: l.entities, links }
}

/// What a short form (a name resolved inside its document) resolves to: a kb entity or a
/// group of unresolved names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Kb(String),
    Group(Label, String),
}

/// Short forms that behave alike in every step share one node: same target, label,
/// normalised form and given name. This keeps the union-find to the size of the corpus's
/// distinct names instead of one node per document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ShortKey {
    target: Target,
    label: Label,
    norm: String,
    given: Option<(String, String)>,
}

/// Linking as a fold over the documents of a corpus, given in chunks (each pass sees every
/// document once, in order): its memory holds the corpus's distinct names, kb ids and
/// entities, not its documents, so a streaming run links a corpus of any size batch by
/// batch. [`link`] runs it over one chunk.
///
/// Passes: [`collect`](Linker::collect) (distinct names), [`plan`](Linker::plan) (steps 5,
/// 1, 2, candidate variants), [`context`](Linker::context) when
/// [`needs_context`](Linker::needs_context) (documents and co-mentioned entities of the
/// candidate names), [`join`](Linker::join) (steps 3, 4), [`aggregate`](Linker::aggregate)
/// (entity statistics), [`finish`](Linker::finish) (entities), then
/// [`links`](Linker::links) per chunk.
#[derive(Default)]
pub struct Linker {
    opts: LinkOptions,
    /// Documents seen in the current pass.
    seen: u32,
    /// The collect pass's kb ids, groups and short forms, each with its number in the order
    /// first seen ([`KeptDoc::nodes`] before `plan`).
    kb_set: BTreeMap<String, u32>,
    group_map: BTreeMap<(Label, String), (String, u32, u32)>,
    kb_alias: HashMap<(Label, String), Option<String>>,
    short_set: BTreeMap<ShortKey, u32>,
    kb_ids: Vec<String>,
    groups: Vec<Group>,
    /// Hash of each group's (label, norm) -> its index in `groups`, `u32::MAX` when two
    /// groups share a hash: a lookup per form and pass, where a binary search over strings
    /// cost a dozen string comparisons.
    group_hash: HashMap<u64, u32>,
    shorts: Vec<ShortKey>,
    uf: Option<Clusters>,
    candidates: Vec<(u32, u32, u8, Evidence)>,
    /// Groups of the candidates, sorted, with their documents and co-mentioned entities.
    involved: Vec<u32>,
    contexts: Vec<(Vec<u32>, Vec<u32>)>,
    root_of: Vec<u32>,
    agg_of: Vec<u32>,
    aggs: Vec<Agg>,
    /// Entity index of each aggregate, and the normalised form of its name.
    entity_of: Vec<u32>,
    best_norm: Vec<String>,
    /// The entities, once [`finish`](Linker::finish)ed.
    pub entities: Vec<LinkedEntity>,
    /// Per entity: mentioned in usable documents of two languages or more.
    pub multilingual: Vec<bool>,
    /// What the collect pass found in each document of the corpus, for the later passes
    /// (see [`keep_nodes`](Linker::keep_nodes)).
    kept: Option<Vec<KeptDoc>>,
}

/// The forms of one document as the passes after the first read them, kept from the first
/// pass in a run that holds the corpus in memory.
#[derive(Debug, Default)]
struct KeptDoc {
    /// The node of each form. Until [`Linker::plan`] numbers the nodes: its kind
    /// ([`KB_REF`], [`GROUP_REF`], [`SHORT_REF`]) and its number in the order first seen.
    nodes: Vec<u32>,
    /// The form of each mention.
    mention_form: Vec<u32>,
    /// The forms that count as co-mentioned entities ([`LocalForm::is_anchor`]).
    anchors: Vec<u32>,
}

const KB_REF: u32 = 0;
const GROUP_REF: u32 = 1 << 30;
const SHORT_REF: u32 = 2 << 30;
const REF_NUMBER: u32 = (1 << 30) - 1;

impl Linker {
    pub fn new(opts: &LinkOptions) -> Linker {
        Linker { opts: opts.clone(), ..Linker::default() }
    }

    fn n_kb(&self) -> usize {
        self.kb_ids.len()
    }

    /// Keeps what the first pass finds in each document (the node of each form and the form
    /// of each mention, a few bytes per mention) for the later passes, which otherwise
    /// analyse every document again and look up its forms' nodes, each pass. A node depends
    /// only on the document and on what [`plan`](Linker::plan) fixed, so the links are the
    /// same. For runs that hold the whole corpus in memory anyway: a streaming run must not
    /// accumulate state per document.
    pub fn keep_nodes(&mut self) {
        self.kept = Some(Vec::new());
    }

    /// The kept forms of documents `first..first + n` (after `plan`), when kept.
    fn kept_docs(&self, first: u32, n: usize) -> Option<&[KeptDoc]> {
        self.kept.as_deref().and_then(|k| k.get(first as usize..first as usize + n))
    }

    /// The node of every mention of `docs`, documents `first..` of the corpus.
    fn mention_nodes<D: DocView>(&self, first: u32, docs: &[D]) -> Vec<Vec<u32>> {
        if let Some(kept) = self.kept_docs(first, docs.len()) {
            return kept.par_iter().map(|k| k.mention_form.iter().map(|&f| k.nodes[f as usize]).collect()).collect();
        }
        docs.par_iter()
            .map(|doc| {
                let l = analyse(doc, false);
                let nodes = self.form_nodes(&l);
                l.mention_form.iter().map(|&f| nodes[f as usize]).collect()
            })
            .collect()
    }

    /// Pass 1: the distinct kb ids, groups, kb aliases and short forms of `docs`.
    pub fn collect<D: DocView>(&mut self, docs: &[D]) {
        let mut locals: Vec<LocalDoc> = docs.par_iter().map(|d| analyse(d, true)).collect();
        let keep = self.kept.is_some();
        for l in &mut locals {
            let mut refs: Vec<u32> = Vec::with_capacity(if keep { l.forms.len() } else { 0 });
            for (f, form) in l.forms.iter().enumerate() {
                let r = if let Some(id) = form.kb {
                    let next = self.kb_set.len() as u32;
                    KB_REF
                        | match self.kb_set.get(id) {
                            Some(&k) => k,
                            None => *self.kb_set.entry(id.to_string()).or_insert(next),
                        }
                } else if form.target.is_some() {
                    let next = self.short_set.len() as u32;
                    SHORT_REF | *self.short_set.entry(short_key(&l.forms, f)).or_insert(next)
                } else {
                    GROUP_REF // numbered below
                };
                if keep {
                    refs.push(r);
                }
            }
            let anchors: Vec<u32> =
                if keep { (0..l.forms.len() as u32).filter(|&f| l.forms[f as usize].is_anchor()).collect() } else { Vec::new() };
            // After the short forms, whose keys read their targets' forms, and the anchors: the
            // normalised forms move into the map's keys instead of a copy per form.
            for (f, form) in l.forms.iter_mut().enumerate().filter(|(_, f)| f.kb.is_none() && f.target.is_none()) {
                let next = self.group_map.len() as u32;
                let g = self.group_map.entry((form.label, std::mem::take(&mut form.norm))).or_insert_with(|| (form.surface.to_string(), 0, next));
                g.1 += form.count;
                if form.surface < g.0.as_str() {
                    g.0 = form.surface.to_string();
                }
                if keep {
                    refs[f] = GROUP_REF | g.2;
                }
            }
            if let Some(kept) = self.kept.as_mut() {
                kept.push(KeptDoc { nodes: refs, mention_form: std::mem::take(&mut l.mention_form), anchors });
            }
            for (label, norm, id) in std::mem::take(&mut l.kb_aliases) {
                let key = (label, norm);
                match self.kb_alias.get_mut(&key) {
                    Some(v) => {
                        if v.as_deref() != Some(id.as_str()) {
                            *v = None;
                        }
                    }
                    None => {
                        self.kb_alias.insert(key, Some(id));
                    }
                }
            }
        }
        self.seen += docs.len() as u32;
        // Their forms and names: thousands of frees, off the serial path (as in `finish`).
        locals.into_par_iter().for_each(drop);
    }

    /// Nodes, constraints, user overrides and steps 1 and 2; the candidate pairs of steps 3
    /// and 4.
    pub fn plan(&mut self) {
        self.seen = 0;
        // Each kb id, group and short form by the number it was first seen with -> its index.
        let mut kb_of = vec![0u32; self.kb_set.len()];
        self.kb_ids = std::mem::take(&mut self.kb_set)
            .into_iter()
            .enumerate()
            .map(|(i, (id, k))| {
                kb_of[k as usize] = i as u32;
                id
            })
            .collect();
        let mut group_of = vec![0u32; self.group_map.len()];
        self.groups = std::mem::take(&mut self.group_map)
            .into_iter()
            .enumerate()
            .map(|(i, ((label, norm), (surface, mentions, k)))| {
                group_of[k as usize] = i as u32;
                Group { label, norm, surface, mentions }
            })
            .collect();
        self.group_hash = HashMap::default();
        for (i, g) in self.groups.iter().enumerate() {
            self.group_hash
                .entry(group_hash(g.label, &g.norm))
                .and_modify(|v| *v = u32::MAX)
                .or_insert(i as u32);
        }
        let mut short_of = vec![0u32; self.short_set.len()];
        self.shorts = std::mem::take(&mut self.short_set)
            .into_iter()
            .enumerate()
            .map(|(i, (key, k))| {
                short_of[k as usize] = i as u32;
                key
            })
            .collect();
        let (n_kb, n_groups) = (self.n_kb(), self.groups.len());
        if let Some(kept) = self.kept.as_mut() {
            assert!(kb_of.len().max(group_of.len()).max(short_of.len()) <= REF_NUMBER as usize, "too many names to keep");
            kept.par_iter_mut().for_each(|k| {
                for r in &mut k.nodes {
                    let i = (*r & REF_NUMBER) as usize;
                    *r = match *r & !REF_NUMBER {
                        KB_REF => kb_of[i],
                        GROUP_REF => (n_kb as u32) + group_of[i],
                        _ => (n_kb + n_groups) as u32 + short_of[i],
                    };
                }
            });
        }
        let n_nodes = n_kb + n_groups + self.shorts.len();
        let groups = &self.groups;
        let group_node = |g: usize| (n_kb + g) as u32;
        // From the threads' name caches: `collect` cut most persons' surfaces there already.
        let names: Vec<Option<Arc<Name>>> = groups
            .par_iter()
            .map(|g| matches!(g.label, Label::Person | Label::Org).then(|| name_of(&g.surface)))
            .collect();

        // ---- Cluster constraints: kb ids, given names, user splits.
        let mut uf = Clusters::new(n_nodes);
        for i in 0..n_kb {
            uf.meta_mut(i as u32).kb.push(i as u32);
        }
        for (g, name) in names.iter().enumerate() {
            if let Some(given) = name.as_ref().filter(|_| groups[g].label == Label::Person).and_then(|n| n.given_key()) {
                uf.meta_mut(group_node(g)).given.push(given);
            }
        }
        for (s, key) in self.shorts.iter().enumerate() {
            if let Some(given) = &key.given {
                uf.meta_mut((n_kb + n_groups + s) as u32).given.push(given.clone());
            }
        }
        let opts = &self.opts;
        let wanted: Vec<&str> = opts.merges.iter().chain(&opts.splits).flat_map(|(a, b)| [a.as_str(), b.as_str()]).collect();
        let resolver = Overrides::new(&wanted, &self.kb_ids, groups, &self.kb_alias, &self.shorts);
        for (i, (a, b)) in opts.splits.iter().enumerate() {
            for (side, s) in [(false, a), (true, b)] {
                for node in resolver.nodes(s) {
                    uf.meta_mut(node).tags.push((i as u32, side));
                }
            }
        }

        // ---- 5. User merges win over everything.
        for (a, b) in &opts.merges {
            let (na, nb) = (resolver.nodes(a), resolver.nodes(b));
            let Some(&first) = na.first().or(nb.first()) else { continue };
            for &n in na.iter().chain(&nb) {
                if uf.find(n) != uf.find(first) {
                    uf.union(first, n, true);
                    uf.note(first, Evidence::User);
                    uf.note(n, Evidence::User);
                }
            }
        }

        // ---- 1. Unlinked names spelled like a kb-linked mention of the corpus.
        for (g, group) in groups.iter().enumerate() {
            if let Some(Some(id)) = self.kb_alias.get(&(group.label, group.norm.clone())) {
                let k = self.kb_ids.binary_search(id).expect("kb alias of a linked mention") as u32;
                if uf.union(group_node(g), k, false) {
                    uf.note(group_node(g), Evidence::Alias);
                }
            }
        }

        // ---- 2. Names resolved inside their document.
        let mut surname_edges: Vec<(u32, u32)> = self
            .shorts
            .iter()
            .enumerate()
            .map(|(s, key)| (self.target_node(&key.target), (n_kb + n_groups + s) as u32))
            .collect();
        let short = |node: u32| &self.shorts[node as usize - n_kb - n_groups];
        // Same target and form: same outcome, whatever the order. (A stable sort: in parallel
        // it gives the serial order.)
        surname_edges.par_sort_by(|a, b| a.0.cmp(&b.0).then_with(|| short(a.1).norm.cmp(&short(b.1).norm)).then(a.1.cmp(&b.1)));
        for &(target, node) in &surname_edges {
            let key = short(node);
            if uf.union(node, target, false) {
                uf.note(node, Evidence::Surname);
            } else if let Some(g) = self.group_index(key.label, &key.norm) {
                // Refused (a user split, conflicting clusters): the form joins its corpus-wide group.
                if uf.union(node, group_node(g), false) {
                    uf.note(node, Evidence::Alias);
                }
            }
        }
        self.candidates = variant_candidates(groups, &names);
        names.into_par_iter().for_each(drop);
        let mut involved: Vec<u32> = self.candidates.iter().flat_map(|c| [c.0, c.1]).collect();
        involved.sort_unstable();
        involved.dedup();
        self.contexts = vec![Default::default(); involved.len()];
        self.involved = involved;
        self.uf = Some(uf);
    }

    /// Does [`join`](Linker::join) need a [`context`](Linker::context) pass?
    pub fn needs_context(&self) -> bool {
        !self.involved.is_empty()
    }

    fn target_node(&self, t: &Target) -> u32 {
        match t {
            Target::Kb(id) => self.kb_ids.binary_search(id).expect("kb id collected") as u32,
            Target::Group(label, norm) => (self.n_kb() + self.group_index(*label, norm).expect("group collected")) as u32,
        }
    }

    fn group_index(&self, label: Label, norm: &str) -> Option<usize> {
        match self.group_hash.get(&group_hash(label, norm)) {
            None => None,
            Some(&u32::MAX) => self.groups.binary_search_by(|g| (g.label, g.norm.as_str()).cmp(&(label, norm))).ok(),
            Some(&i) => {
                let g = &self.groups[i as usize];
                (g.label == label && g.norm == norm).then_some(i as usize)
            }
        }
    }

    /// The node of each form of a document.
    fn form_nodes(&self, l: &LocalDoc) -> Vec<u32> {
        let (n_kb, n_groups) = (self.n_kb(), self.groups.len());
        (0..l.forms.len())
            .map(|f| {
                let form = &l.forms[f];
                if let Some(id) = form.kb {
                    self.kb_ids.binary_search_by(|k| k.as_str().cmp(id)).expect("kb id collected") as u32
                } else if form.target.is_none() {
                    (n_kb + self.group_index(form.label, &form.norm).expect("group collected")) as u32
                } else {
                    let s = self.shorts.binary_search(&short_key(&l.forms, f)).expect("short form collected");
                    (n_kb + n_groups + s) as u32
                }
            })
            .collect()
    }

    /// Pass 2 (when needed): the documents of the candidate groups and the entities
    /// mentioned with them, for the context test of steps 3 and 4.
    pub fn context<D: DocView>(&mut self, docs: &[D]) {
        let first = self.seen;
        let this = &*self;
        let kept = self.kept_docs(first, docs.len());
        let per_doc: Vec<(Vec<u32>, Vec<u32>)> = docs
            .par_iter()
            .enumerate()
            .map(|(i, doc)| {
                let (nodes, mut anchors) = match kept {
                    Some(k) => {
                        let k = &k[i];
                        (std::borrow::Cow::Borrowed(k.nodes.as_slice()), k.anchors.iter().map(|&f| k.nodes[f as usize]).collect())
                    }
                    None => {
                        let l = analyse(doc, false);
                        let nodes = this.form_nodes(&l);
                        let anchors: Vec<u32> = l.forms.iter().zip(&nodes).filter(|(f, _)| f.is_anchor()).map(|(_, &n)| n).collect();
                        (std::borrow::Cow::Owned(nodes), anchors)
                    }
                };
                anchors.sort_unstable();
                anchors.dedup();
                let n_kb = this.n_kb() as u32;
                let mut mine: Vec<u32> = nodes
                    .iter()
                    .filter(|&&n| n >= n_kb && ((n - n_kb) as usize) < this.groups.len())
                    .filter_map(|&n| this.involved.binary_search(&(n - n_kb)).ok().map(|p| p as u32))
                    .collect();
                mine.sort_unstable();
                mine.dedup();
                (mine, anchors)
            })
            .collect();
        let mut touched: Vec<u32> = Vec::new();
        for (i, (mine, anchors)) in per_doc.into_iter().enumerate() {
            let d = first + i as u32;
            for p in mine {
                let c = &mut self.contexts[p as usize];
                if c.0.last() != Some(&d) {
                    c.0.push(d);
                }
                c.1.extend_from_slice(&anchors);
                touched.push(p);
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for p in touched {
            let c = &mut self.contexts[p as usize].1;
            c.sort_unstable();
            c.dedup();
        }
        self.seen += docs.len() as u32;
    }

    /// Steps 3 and 4: the candidates whose contexts agree join, best first.
    pub fn join(&mut self) {
        self.seen = 0;
        let n_kb = self.n_kb();
        let ctx = |g: u32| &self.contexts[self.involved.binary_search(&g).expect("involved") as usize];
        let mut edges: Vec<(u8, Evidence, u32, u32)> = self
            .candidates
            .par_iter()
            .filter(|&&(a, b, _, _)| {
                let (ca, cb) = (ctx(a), ctx(b));
                intersects(&ca.0, &cb.0, &[]) || intersects(&ca.1, &cb.1, &[(n_kb + a as usize) as u32, (n_kb + b as usize) as u32])
            })
            .map(|&(a, b, dist, ev)| (dist, ev, a, b))
            .collect();
        edges.sort_unstable();
        let uf = self.uf.as_mut().expect("planned");
        for (_, ev, a, b) in edges {
            let (na, nb) = ((n_kb + a as usize) as u32, (n_kb + b as usize) as u32);
            if uf.find(na) != uf.find(nb) && uf.union(na, nb, false) {
                uf.note(na, ev);
                uf.note(nb, ev);
            }
        }
        self.candidates = Vec::new();
        self.contexts = Vec::new();
        self.involved = Vec::new();
        let n = uf.parent.len();
        self.root_of = (0..n as u32).map(|x| uf.find(x)).collect();
        self.agg_of = vec![u32::MAX; n];
    }

    /// Pass 3: the statistics of every cluster's mentions (forms, labels, kb ids, documents,
    /// languages).
    pub fn aggregate<D: DocView>(&mut self, docs: &[D]) {
        let first = self.seen;
        // The aggregate of every mention, numbered in the order first met (`finish` breaks
        // ties by it): one serial pass over integers.
        let mut ids = self.mention_nodes(first, docs);
        for x in ids.iter_mut().flatten() {
            let root = self.root_of[*x as usize] as usize;
            if self.agg_of[root] == u32::MAX {
                self.agg_of[root] = self.aggs.len() as u32;
                self.aggs.push(Agg::default());
            }
            *x = self.agg_of[root];
        }
        // Then the statistics (string maps, most of the pass), the aggregates dealt out by id
        // to tasks: each task reads every mention in order and counts those of its own
        // aggregates, so each aggregate sees its mentions in the serial order on any number
        // of threads, and the pass does not run on one thread while the others wait.
        let threads = rayon::current_num_threads();
        let shards = if threads == 1 { 1 } else { 4 * threads };
        let mut parts: Vec<Vec<&mut Agg>> = (0..shards).map(|_| Vec::new()).collect();
        for (i, a) in self.aggs.iter_mut().enumerate() {
            parts[i % shards].push(a);
        }
        parts.into_par_iter().enumerate().for_each(|(s, mut part)| {
            for (i, (doc, ids)) in docs.iter().zip(&ids).enumerate() {
                let d = first + i as u32;
                for (m, (mention, &id)) in doc.mentions().iter().zip(ids).enumerate() {
                    if id as usize % shards != s {
                        continue;
                    }
                    add_mention(&mut *part[id as usize / shards], doc, d, m, mention);
                }
            }
        });
        self.seen += docs.len() as u32;
    }

    /// Step 6: the entities, named and sorted by id.
    pub fn finish(&mut self, kb: &Kb) {
        self.seen = 0;
        let aggs = std::mem::take(&mut self.aggs);
        let mut built: Vec<(LinkedEntity, String)> = aggs.par_iter().map(|a| a.entity(kb)).collect();
        let mut order: Vec<usize> = (0..built.len()).collect();
        let tie = |x: usize| (&built[x].0.entity_id, built[x].0.kb_id.is_none(), &built[x].0.aliases);
        // Stable sorts, so in parallel they give the serial order (9 M instructions a run that
        // ran on one thread while the others waited).
        order.par_sort_by(|&x, &y| tie(x).cmp(&tie(y)));
        // Two clusters with one id (a name spelled like a kb id, overrides, labels that
        // disagree): the kb entity keeps it, the others are numbered.
        let mut w = 0;
        while w < order.len() {
            let id = built[order[w]].0.entity_id.clone();
            let mut e = w + 1;
            while e < order.len() && built[order[e]].0.entity_id == id {
                built[order[e]].0.entity_id = format!("{id}~{}", e - w + 1);
                e += 1;
            }
            w = e;
        }
        order.par_sort_by(|&x, &y| built[x].0.entity_id.cmp(&built[y].0.entity_id));
        let mut index_of: Vec<u32> = vec![0; built.len()];
        for (i, &a) in order.iter().enumerate() {
            index_of[a] = i as u32;
        }
        self.multilingual = order.iter().map(|&a| aggs[a].multilingual).collect();
        self.best_norm = built.iter().map(|b| b.1.clone()).collect();
        let mut entities: Vec<Option<LinkedEntity>> = built.into_iter().map(|(e, _)| Some(e)).collect();
        self.entities = order.iter().map(|&a| entities[a].take().expect("each entity once")).collect();
        self.entity_of = index_of;
        // Each holds maps of strings: thousands of frees, which need not wait in line.
        aggs.into_par_iter().for_each(drop);
    }

    /// The link of every mention of `docs` (after [`finish`](Linker::finish)).
    pub fn links<D: DocView>(&mut self, docs: &[D]) -> Vec<Vec<MentionLink>> {
        let first = self.seen;
        self.seen += docs.len() as u32;
        let (n_kb, n_groups) = (self.n_kb(), self.groups.len());
        let uf = self.uf.as_ref().expect("planned");
        let nodes = self.mention_nodes(first, docs);
        docs.par_iter()
            .zip(&nodes)
            .map(|(doc, nodes)| {
                doc.mentions()
                    .iter()
                    .zip(nodes)
                    .map(|(m, &node)| {
                        let a = self.agg_of[self.root_of[node as usize] as usize] as usize;
                        let is_group = (n_kb..n_kb + n_groups).contains(&(node as usize));
                        let evidence = if m.kb_id.is_some() {
                            Evidence::Kb
                        } else if is_group && self.groups[node as usize - n_kb].norm == self.best_norm[a] {
                            Evidence::Alias
                        } else {
                            uf.ev[node as usize].unwrap_or(Evidence::Alias)
                        };
                        MentionLink { entity: self.entity_of[a], evidence }
                    })
                    .collect()
            })
            .collect()
    }
}

/// Counts mention `m` of `doc` (document `d` of the corpus) in its cluster's aggregate.
fn add_mention<D: DocView>(a: &mut Agg, doc: &D, d: u32, m: usize, mention: &crate::doc::Mention) {
    let surface = doc.surface(m);
    match a.surfaces.get_mut(surface) {
        Some(n) => *n += 1,
        None => {
            a.surfaces.insert(surface.to_string(), 1);
        }
    }
    if let Some(k) = Label::ALL.iter().position(|&x| x == mention.label) {
        a.labels[k] += 1;
    }
    if let Some(id) = mention.kb_id.as_deref() {
        match a.kb.get_mut(id) {
            Some(n) => *n += 1,
            None => {
                a.kb.insert(id.to_string(), 1);
            }
        }
    }
    a.n_mentions += 1;
    if a.last_doc != d + 1 {
        a.last_doc = d + 1;
        a.n_docs += 1;
        if let Some(lang) = doc.lang() {
            if !a.langs.contains(lang) {
                a.langs.insert(lang.to_string());
            }
            if doc.usable() {
                match &a.usable_lang {
                    None => a.usable_lang = Some(lang.to_string()),
                    Some(l) if l != lang => a.multilingual = true,
                    _ => {}
                }
            }
        }
    }
}

/// The hash of a group key, for [`Linker::group_index`].
fn group_hash(label: Label, norm: &str) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    label.hash(&mut h);
    norm.hash(&mut h);
    h.finish()
}

/// The key of short form `f` of a document.
fn short_key(forms: &[LocalForm], f: usize) -> ShortKey {
    let form = &forms[f];
    let t = &forms[follow(forms, f) as usize];
    let target = match &t.kb {
        Some(id) => Target::Kb(id.to_string()),
        None => Target::Group(t.label, t.norm.clone()),
    };
    ShortKey { target, label: form.label, norm: form.norm.clone(), given: form.name.as_deref().and_then(Name::given_key) }
}

/// Steps 3 and 4: pairs of groups (indices into `groups`) close enough to be one entity if
/// their contexts agree, as (group, group, distance, evidence), sorted.
fn variant_candidates(groups: &[Group], names: &[Option<Arc<Name>>]) -> Vec<(u32, u32, u8, Evidence)> {
    let mut keys: Vec<(u64, u32)> = names
        .par_iter()
        .enumerate()
        .flat_map_iter(|(g, name)| {
            let mut out = Vec::new();
            if let Some(name) = name {
                block_keys(groups[g].label, name, &mut out);
            }
            out.into_iter().map(move |k| (k, g as u32))
        })
        .collect();
    keys.par_sort_unstable();
    keys.dedup();
    let buckets: Vec<&[(u64, u32)]> = keys.chunk_by(|a, b| a.0 == b.0).filter(|b| b.len() > 1).collect();
    let mut candidates: Vec<(u32, u32, u8, Evidence)> = buckets
        .par_iter()
        .flat_map_iter(|bucket| {
            let mut members: Vec<u32> = bucket.iter().map(|&(_, g)| g).collect();
            members.sort_by_key(|&g| (Reverse(groups[g as usize].mentions), g));
            let mut found = Vec::new();
            for i in 1..members.len() {
                for &other in &members[..i.min(BUCKET_CAP)] {
                    let (a, b) = (members[i].min(other), members[i].max(other));
                    let (ga, gb) = (&groups[a as usize], &groups[b as usize]);
                    if ga.label != gb.label {
                        continue;
                    }
                    let (Some(na), Some(nb)) = (&names[a as usize], &names[b as usize]) else { continue };
                    if let Some(dist) = close(ga.label, na, nb) {
                        let ev = if na.script == nb.script { Evidence::Variant } else { Evidence::Translit };
                        found.push((a, b, dist, ev));
                    }
                }
            }
            found
        })
        .collect();
    candidates.par_sort_unstable();
    candidates.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    candidates
}

// ------------------------------------------------------------------------------------------
// Per document
