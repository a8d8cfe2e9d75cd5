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
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::extract::arabic::{self, is_arabic_letter};
use crate::extract::Label;
use crate::kb::Kb;
use crate::pipeline::DocView;
#[cfg(test)]
use crate::pipeline::Document;

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
/// use newsframe::{kb::Kb, link::{link, LinkOptions}, pipeline::Document, segment};
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
    kb_set: BTreeSet<String>,
    group_map: BTreeMap<(Label, String), (String, u32)>,
    kb_alias: HashMap<(Label, String), Option<String>>,
    short_set: BTreeSet<ShortKey>,
    kb_ids: Vec<String>,
    groups: Vec<Group>,
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
}

impl Linker {
    pub fn new(opts: &LinkOptions) -> Linker {
        Linker { opts: opts.clone(), ..Linker::default() }
    }

    fn n_kb(&self) -> usize {
        self.kb_ids.len()
    }

    /// Pass 1: the distinct kb ids, groups, kb aliases and short forms of `docs`.
    pub fn collect<D: DocView>(&mut self, docs: &[D]) {
        let locals: Vec<LocalDoc> = docs.par_iter().map(analyse).collect();
        for l in &locals {
            for (f, form) in l.forms.iter().enumerate() {
                if let Some(id) = &form.kb {
                    if !self.kb_set.contains(id) {
                        self.kb_set.insert(id.clone());
                    }
                } else if form.target.is_none() {
                    let g = self.group_map.entry((form.label, form.norm.clone())).or_insert_with(|| (form.surface.clone(), 0));
                    g.1 += form.count;
                    if form.surface < g.0 {
                        g.0 = form.surface.clone();
                    }
                } else {
                    let key = short_key(&l.forms, f);
                    if !self.short_set.contains(&key) {
                        self.short_set.insert(key);
                    }
                }
            }
            for (label, norm, id) in &l.kb_aliases {
                match self.kb_alias.get_mut(&(*label, norm.clone())) {
                    Some(v) => {
                        if v.as_deref() != Some(id.as_str()) {
                            *v = None;
                        }
                    }
                    None => {
                        self.kb_alias.insert((*label, norm.clone()), Some(id.clone()));
                    }
                }
            }
        }
        self.seen += docs.len() as u32;
    }

    /// Nodes, constraints, user overrides and steps 1 and 2; the candidate pairs of steps 3
    /// and 4.
    pub fn plan(&mut self) {
        self.seen = 0;
        self.kb_ids = std::mem::take(&mut self.kb_set).into_iter().collect();
        self.groups = std::mem::take(&mut self.group_map)
            .into_iter()
            .map(|((label, norm), (surface, mentions))| Group { label, norm, surface, mentions })
            .collect();
        self.shorts = std::mem::take(&mut self.short_set).into_iter().collect();
        let (n_kb, n_groups) = (self.n_kb(), self.groups.len());
        let n_nodes = n_kb + n_groups + self.shorts.len();
        let groups = &self.groups;
        let group_node = |g: usize| (n_kb + g) as u32;
        let names: Vec<Option<Name>> = groups
            .par_iter()
            .map(|g| matches!(g.label, Label::Person | Label::Org).then(|| Name::new(&g.surface)))
            .collect();

        // ---- Cluster constraints: kb ids, given names, user splits.
        let mut uf = Clusters::new(n_nodes);
        for i in 0..n_kb {
            uf.meta_mut(i as u32).kb.push(i as u32);
        }
        for (g, name) in names.iter().enumerate() {
            if let Some(given) = name.as_ref().filter(|_| groups[g].label == Label::Person).and_then(Name::given_key) {
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
        // Same target and form: same outcome, whatever the order.
        surname_edges.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| short(a.1).norm.cmp(&short(b.1).norm)).then(a.1.cmp(&b.1)));
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
        self.groups.binary_search_by(|g| (g.label, g.norm.as_str()).cmp(&(label, norm))).ok()
    }

    /// The node of each form of a document.
    fn form_nodes(&self, l: &LocalDoc) -> Vec<u32> {
        let (n_kb, n_groups) = (self.n_kb(), self.groups.len());
        (0..l.forms.len())
            .map(|f| {
                let form = &l.forms[f];
                if let Some(id) = &form.kb {
                    self.kb_ids.binary_search(id).expect("kb id collected") as u32
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
        let per_doc: Vec<(Vec<u32>, Vec<u32>)> = docs
            .par_iter()
            .map(|doc| {
                let l = analyse(doc);
                let nodes = this.form_nodes(&l);
                let mut anchors: Vec<u32> = l.forms.iter().zip(&nodes).filter(|(f, _)| f.is_anchor()).map(|(_, &n)| n).collect();
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
        let this = &*self;
        let roots: Vec<Vec<u32>> = docs
            .par_iter()
            .map(|doc| {
                let l = analyse(doc);
                let nodes = this.form_nodes(&l);
                l.mention_form.iter().map(|&f| this.root_of[nodes[f as usize] as usize]).collect()
            })
            .collect();
        for (i, (doc, roots)) in docs.iter().zip(roots).enumerate() {
            let d = first + i as u32;
            for (m, (mention, root)) in doc.mentions().iter().zip(roots).enumerate() {
                let root = root as usize;
                if self.agg_of[root] == u32::MAX {
                    self.agg_of[root] = self.aggs.len() as u32;
                    self.aggs.push(Agg::default());
                }
                let a = &mut self.aggs[self.agg_of[root] as usize];
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
        }
        self.seen += docs.len() as u32;
    }

    /// Step 6: the entities, named and sorted by id.
    pub fn finish(&mut self, kb: &Kb) {
        self.seen = 0;
        let aggs = std::mem::take(&mut self.aggs);
        let mut built: Vec<(LinkedEntity, String)> = aggs.iter().map(|a| a.entity(kb)).collect();
        let mut order: Vec<usize> = (0..built.len()).collect();
        let tie = |x: usize| (&built[x].0.entity_id, built[x].0.kb_id.is_none(), &built[x].0.aliases);
        order.sort_by(|&x, &y| tie(x).cmp(&tie(y)));
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
        order.sort_by(|&x, &y| built[x].0.entity_id.cmp(&built[y].0.entity_id));
        let mut index_of: Vec<u32> = vec![0; built.len()];
        for (i, &a) in order.iter().enumerate() {
            index_of[a] = i as u32;
        }
        self.multilingual = order.iter().map(|&a| aggs[a].multilingual).collect();
        self.best_norm = built.iter().map(|b| b.1.clone()).collect();
        let mut entities: Vec<Option<LinkedEntity>> = built.into_iter().map(|(e, _)| Some(e)).collect();
        self.entities = order.iter().map(|&a| entities[a].take().expect("each entity once")).collect();
        self.entity_of = index_of;
    }

    /// The link of every mention of `docs` (after [`finish`](Linker::finish)).
    pub fn links<D: DocView>(&self, docs: &[D]) -> Vec<Vec<MentionLink>> {
        let (n_kb, n_groups) = (self.n_kb(), self.groups.len());
        let uf = self.uf.as_ref().expect("planned");
        docs.par_iter()
            .map(|doc| {
                let l = analyse(doc);
                let nodes = self.form_nodes(&l);
                doc.mentions()
                    .iter()
                    .zip(&l.mention_form)
                    .map(|(m, &f)| {
                        let node = nodes[f as usize];
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

/// The key of short form `f` of a document.
fn short_key(forms: &[LocalForm], f: usize) -> ShortKey {
    let form = &forms[f];
    let t = &forms[follow(forms, f) as usize];
    let target = match &t.kb {
        Some(id) => Target::Kb(id.clone()),
        None => Target::Group(t.label, t.norm.clone()),
    };
    ShortKey { target, label: form.label, norm: form.norm.clone(), given: form.name.as_ref().and_then(Name::given_key) }
}

/// Steps 3 and 4: pairs of groups (indices into `groups`) close enough to be one entity if
/// their contexts agree, as (group, group, distance, evidence), sorted.
fn variant_candidates(groups: &[Group], names: &[Option<Name>]) -> Vec<(u32, u32, u8, Evidence)> {
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

/// A distinct form of one document: a kb entity, or an unlinked (label, normalised form).
#[derive(Debug, Clone)]
struct LocalForm {
    label: Label,
    kb: Option<String>,
    norm: String,
    /// Surface of the first mention.
    surface: String,
    /// Byte offset of the first mention.
    first: usize,
    count: u32,
    /// Name parts, for PERSON forms.
    name: Option<Name>,
    /// The form of the same document this one resolves to, with the evidence.
    target: Option<(u32, Evidence)>,
}

impl LocalForm {
    /// Does this form count as a co-mentioned entity for the context test?
    fn is_anchor(&self) -> bool {
        self.kb.is_some()
            || (self.target.is_none()
                && match self.label {
                    Label::Person => self.name.as_ref().is_some_and(|n| n.tokens.len() >= 2),
                    Label::Org | Label::Gpe | Label::Loc | Label::Norp => !self.norm.is_empty(),
                    _ => false,
                })
    }
}

#[derive(Debug, Default)]
struct LocalDoc {
    forms: Vec<LocalForm>,
    /// Form of each mention.
    mention_form: Vec<u32>,
    /// Distinct (label, normalised surface, kb id) of the kb-linked mentions.
    kb_aliases: BTreeSet<(Label, String, String)>,
}

fn analyse<D: DocView>(doc: &D) -> LocalDoc {
    let mut forms: Vec<LocalForm> = Vec::new();
    // (label, surface) -> form, then (label, normalised surface) -> form for unlinked names.
    let mut by_surface: HashMap<(Label, &str, Option<&str>), u32> = HashMap::new();
    let mut unlinked: HashMap<(Label, String), u32> = HashMap::new();
    let mut linked: HashMap<&str, u32> = HashMap::new();
    let mut mention_form = Vec::with_capacity(doc.mentions().len());
    for (i, m) in doc.mentions().iter().enumerate() {
        let surface = doc.surface(i);
        let kb_id = m.kb_id.as_deref();
        if let Some(&f) = by_surface.get(&(m.label, surface, kb_id)) {
            forms[f as usize].count += 1;
            mention_form.push(f);
            continue;
        }
        let new_form = |forms: &mut Vec<LocalForm>, norm: String| {
            forms.push(LocalForm {
                label: m.label,
                kb: kb_id.map(str::to_string),
                norm,
                surface: surface.to_string(),
                first: m.start,
                count: 0,
                name: (m.label == Label::Person).then(|| Name::new(surface)),
                target: None,
            });
            (forms.len() - 1) as u32
        };
        let f = match kb_id {
            Some(id) => *linked.entry(id).or_insert_with(|| new_form(&mut forms, String::new())),
            None => {
                let norm = normalize(surface);
                match unlinked.get(&(m.label, norm.clone())) {
                    Some(&f) => f,
                    None => {
                        let f = new_form(&mut forms, norm.clone());
                        unlinked.insert((m.label, norm), f);
                        f
                    }
                }
            }
        };
        by_surface.insert((m.label, surface, kb_id), f);
        forms[f as usize].count += 1;
        mention_form.push(f);
    }
    let kb_aliases = by_surface
        .keys()
        .filter_map(|&(label, surface, id)| id.map(|id| (label, normalize(surface), id.to_string())))
        .collect();
    let starts: Vec<usize> = doc.mentions().iter().map(|m| m.start).collect();
    resolve_persons(&mut forms, &mut mention_form, &starts);
    resolve_orgs(&mut forms);
    LocalDoc { forms, mention_form, kb_aliases }
}

/// The root of form `i` of a document.
fn follow(forms: &[LocalForm], mut i: usize) -> u32 {
    while let Some((t, _)) = forms[i].target {
        i = t as usize;
    }
    i as u32
}

/// Nearness of a candidate full form at `head` to a short form at `short`: earlier ones
/// first, the closest first.
fn nearness(head: usize, short: usize) -> (u8, usize) {
    if head <= short {
        (0, short - head)
    } else {
        (1, head - short)
    }
}

/// Step 2: PERSON forms that are part of a fuller PERSON name of the document resolve to it,
/// each mention to the nearest earlier such name (else the nearest later one); a form whose
/// mentions go to different names is split.
fn resolve_persons(forms: &mut Vec<LocalForm>, mention_form: &mut [u32], starts: &[usize]) {
    let mut positions: Vec<Vec<usize>> = vec![Vec::new(); forms.len()];
    for (m, &f) in mention_form.iter().enumerate() {
        positions[f as usize].push(m);
    }
    let ntok = |f: &LocalForm| f.name.as_ref().map_or(0, |n| n.tokens.len());
    let initials = |f: &LocalForm| f.name.as_ref().map_or(0, |n| n.initial.iter().filter(|&&i| i).count());
    let mut order: Vec<usize> = (0..forms.len()).filter(|&i| forms[i].label == Label::Person && ntok(&forms[i]) > 0).collect();
    // Fuller names first: more tokens, then fewer initials.
    order.sort_by_key(|&i| (Reverse(ntok(&forms[i])), initials(&forms[i]), forms[i].first));
    for pos in 0..order.len() {
        let fi = order[pos];
        if forms[fi].kb.is_some() {
            continue;
        }
        let f = forms[fi].name.as_ref().expect("PERSON form has a name");
        let heads: Vec<(u8, usize)> = order[..pos]
            .iter()
            .filter_map(|&hi| {
                let h = forms[hi].name.as_ref().expect("PERSON form has a name");
                if h.tokens.len() < f.tokens.len() {
                    None
                } else if h.tokens.len() > f.tokens.len() && h.tokens.ends_with(&f.tokens) {
                    Some((0, hi))
                } else {
                    part_of(f, h).then_some((1, hi))
                }
            })
            .collect();
        if heads.is_empty() {
            continue;
        }
        let choice: Vec<(u32, usize)> = positions[fi]
            .iter()
            .map(|&m| {
                let (_, hi) = heads
                    .iter()
                    .map(|&(kind, hi)| {
                        let near = positions[hi].iter().map(|&h| nearness(starts[h], starts[m])).min();
                        ((kind, near), hi)
                    })
                    .min()
                    .expect("heads is not empty");
                (follow(forms, hi), m)
            })
            .collect();
        let first_root = choice[0].0;
        forms[fi].target = Some((first_root, Evidence::Surname));
        let mut split: BTreeMap<u32, u32> = BTreeMap::new();
        for (root, m) in choice {
            if root != first_root {
                let nf = *split.entry(root).or_insert_with(|| {
                    let mut clone = forms[fi].clone();
                    (clone.first, clone.count, clone.target) = (starts[m], 0, Some((root, Evidence::Surname)));
                    forms.push(clone);
                    (forms.len() - 1) as u32
                });
                forms[nf as usize].count += 1;
                forms[fi].count -= 1;
                mention_form[m] = nf;
            }
        }
    }
}

/// Is short name `f` a part of full name `h`: a single token of it (not an initial), or the
/// same surname with given names that are a subsequence of `h`'s (initials match), with
/// fewer tokens or an initial where `h` has the full name ("M. Voss" in "Mark Voss")?
fn part_of(f: &Name, h: &Name) -> bool {
    let (nf, nh) = (f.tokens.len(), h.tokens.len());
    if nf == 0 || nf > nh {
        return false;
    }
    if nf == nh {
        let less = f.tokens.iter().zip(&h.tokens).zip(f.initial.iter().zip(&h.initial)).any(|(_, (&fi, &hi))| fi && !hi);
        return less && f.surname() == h.surname()
            && f.tokens.iter().zip(&h.tokens).zip(f.initial.iter().zip(&h.initial)).all(|((a, b), (&ai, &bi))| token_match(a, ai, b, bi));
    }
    if nf == 1 {
        return !f.initial[0] && h.tokens.iter().zip(&h.initial).any(|(t, &i)| !i && *t == f.tokens[0]);
    }
    if f.surname() != h.surname() {
        return false;
    }
    let mut j = 0;
    for k in 0..nf - 1 {
        while j < nh - 1 && !token_match(&f.tokens[k], f.initial[k], &h.tokens[j], h.initial[j]) {
            j += 1;
        }
        if j == nh - 1 {
            return false;
        }
        j += 1;
    }
    true
}

fn token_match(a: &str, a_initial: bool, b: &str, b_initial: bool) -> bool {
    if a_initial || b_initial {
        a.chars().next() == b.chars().next()
    } else {
        a == b
    }
}

/// Step 2 for organisations: an acronym ("VTC", "V.T.C.") resolves to the ORG of the
/// document whose capitalised words it spells; a shorter ORG whose content words are, in
/// order, words of a longer ORG of the document ("Ministry of Defence" in "Ministry of
/// National Defense") resolves to it.
fn resolve_orgs(forms: &mut [LocalForm]) {
    let words: Vec<Vec<String>> = forms
        .iter()
        .map(|f| match f.label {
            Label::Org => content_words(&f.surface),
            _ => Vec::new(),
        })
        .collect();
    let mut order: Vec<usize> = (0..forms.len()).filter(|&i| forms[i].label == Label::Org).collect();
    order.sort_by_key(|&i| (Reverse(words[i].len()), forms[i].first));
    for pos in 0..order.len() {
        let fi = order[pos];
        if forms[fi].kb.is_some() || forms[fi].target.is_some() {
            continue;
        }
        let acr = acronym(&forms[fi].surface);
        let mut best: Option<((u8, u8, usize), u32)> = None;
        for &hi in &order[..pos] {
            let h = &forms[hi];
            let kind = if acr.as_ref().is_some_and(|a| {
                h.surface.split_whitespace().count() >= 2 && (initials(&h.surface, false) == *a || initials(&h.surface, true) == *a)
            }) {
                0
            } else if words[fi].len() >= 2 && words[fi].len() < words[hi].len() && ordered_subset(&words[fi], &words[hi]) {
                1
            } else {
                continue;
            };
            let near = nearness(h.first, forms[fi].first);
            let key = (kind, near.0, near.1);
            if best.map_or(true, |(k, _)| key < k) {
                best = Some((key, follow(forms, hi)));
            }
        }
        if let Some((_, root)) = best {
            forms[fi].target = Some((root, Evidence::Surname));
        }
    }
}

/// Normalised words of an organisation name without function words.
fn content_words(surface: &str) -> Vec<String> {
    const FUNCTION: [&str; 21] = [
        "of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "el", "et", "في", "من", "علي",
        "عن", "الي", "و",
    ];
    surface.split_whitespace().map(normalize).filter(|w| !w.is_empty() && !FUNCTION.contains(&w.as_str())).collect()
}

/// Are the words of `short` words of `long`, in order (a letter of difference allowed in
/// words of five letters or more: "defense", "defence")?
fn ordered_subset(short: &[String], long: &[String]) -> bool {
    let same = |a: &str, b: &str| a == b || (a.chars().count().min(b.chars().count()) >= 5 && bounded_levenshtein(a, b, 1).is_some());
    let mut j = 0;
    for w in short {
        while j < long.len() && !same(w, &long[j]) {
            j += 1;
        }
        if j == long.len() {
            return false;
        }
        j += 1;
    }
    true
}

/// The letters of an acronym: 2 to 8 capital letters, dots allowed ("UN", "U.N.").
fn acronym(s: &str) -> Option<String> {
    let letters: String = s.chars().filter(|&c| c != '.').collect();
    let n = letters.chars().count();
    ((2..=8).contains(&n) && letters.chars().all(|c| c.is_uppercase() && c.is_alphabetic())).then_some(letters)
}

/// Initials of the capitalised words of `s` (words split on hyphens too when `hyphens`).
fn initials(s: &str, hyphens: bool) -> String {
    s.split(|c: char| c.is_whitespace() || (hyphens && c == '-'))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

// ------------------------------------------------------------------------------------------
// Across documents

/// The names of one (label, normalised form) left unresolved in their documents.
#[derive(Debug)]
struct Group {
    label: Label,
    norm: String,
    /// Smallest surface, for the name parts.
    surface: String,
    mentions: u32,
}

/// Blocking keys of a name (step 3 and 4): names are compared only when they share one.
fn block_keys(label: Label, n: &Name, out: &mut Vec<u64>) {
    let base = |tag: u8| Fnv::new().byte(tag).byte(label as u8);
    match label {
        Label::Person => {
            if !n.surname_skel.is_empty() {
                out.push(base(1).str(&n.surname_skel).0);
            }
            if n.script == Script::Latin {
                let s: Vec<char> = n.surname().chars().collect();
                let k = edit_budget(s.len());
                if k > 0 {
                    deletions(base(2), &s, k, out);
                }
            }
            if let Some(given) = n.full_given() {
                let s: Vec<char> = n.surname_skel.chars().collect();
                if s.len() >= 4 {
                    deletions(base(3).str(given).byte(0xff), &s, 1, out);
                }
            }
            if n.full_skel.chars().count() >= 4 {
                out.push(base(4).str(&n.full_skel).0);
            }
        }
        Label::Org if n.script != Script::Other && n.full_skel.chars().count() >= 3 => {
            out.push(base(4).str(&n.full_skel).0);
        }
        _ => {}
    }
}

/// Edits allowed between two Latin surnames whose shorter one has `len` letters.
fn edit_budget(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Hashes of `s` with every choice of up to `k` characters deleted (`k` ≤ 2), `s` included:
/// two strings within edit distance `k` share one.
fn deletions(base: Fnv, s: &[char], k: usize, out: &mut Vec<u64>) {
    let hash = |skip: [usize; 2]| {
        let mut h = base;
        for (i, &c) in s.iter().enumerate() {
            if !skip.contains(&i) {
                h = h.ch(c);
            }
        }
        h.0
    };
    out.push(hash([usize::MAX; 2]));
    for i in 0..s.len() {
        out.push(hash([i, usize::MAX]));
        if k >= 2 {
            for j in i + 1..s.len() {
                out.push(hash([i, j]));
            }
        }
    }
}

/// FNV-1a, a fixed hash, so that blocking does not depend on the process.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn byte(self, b: u8) -> Fnv {
        Fnv((self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3))
    }
    fn ch(self, c: char) -> Fnv {
        let mut buf = [0u8; 4];
        c.encode_utf8(&mut buf).bytes().fold(self, Fnv::byte)
    }
    fn str(self, s: &str) -> Fnv {
        s.bytes().fold(self, Fnv::byte)
    }
}

/// Are two names of one label close enough to be one entity (given agreeing contexts)?
/// Returns the distance (0 best).
fn close(label: Label, a: &Name, b: &Name) -> Option<u8> {
    match (label, a.script, b.script) {
        (_, Script::Other, _) | (_, _, Script::Other) => None,
        (Label::Person, Script::Latin, Script::Latin) => latin_close(a, b),
        (Label::Person, _, _) => translit_close(a, b),
        (Label::Org, sa, sb) if sa != sb => {
            (a.full_skel == b.full_skel && a.full_skel.chars().count() >= 3).then_some(0)
        }
        _ => None,
    }
}

/// Latin spelling variants: close surnames, compatible given names.
fn latin_close(a: &Name, b: &Name) -> Option<u8> {
    if !given_compatible(a, b) {
        return None;
    }
    let (x, y) = (a.surname(), b.surname());
    if x.is_empty() || y.is_empty() {
        return None;
    }
    if x == y {
        return Some(0);
    }
    let k = edit_budget(x.chars().count().min(y.chars().count()));
    if let Some(d) = bounded_levenshtein(x, y, k) {
        return Some(d as u8);
    }
    // Vowel spellings ("Chengriha", "Chanegriha"), not for short surnames ("Lund", "Lind").
    let long = x.chars().count().min(y.chars().count()) >= 5;
    (long && a.surname_skel == b.surname_skel && a.surname_skel.chars().count() >= 3).then_some(1)
}

/// Names in different scripts (or both Arabic): consonant skeletons.
fn translit_close(a: &Name, b: &Name) -> Option<u8> {
    let (sa, sb) = (&a.surname_skel, &b.surname_skel);
    if sa.is_empty() || sb.is_empty() {
        return None;
    }
    match (a.full_given(), b.full_given()) {
        (Some(ga), Some(gb)) => {
            if sa == sb && given_compatible(a, b) {
                return Some(0);
            }
            if ga == gb && sa.chars().count().min(sb.chars().count()) >= 4 && bounded_levenshtein(sa, sb, 1).is_some() {
                return Some(1);
            }
            (a.full_skel == b.full_skel && a.full_skel.chars().count() >= 4).then_some(0)
        }
        _ => (sa == sb && sa.chars().count() >= 3 && given_compatible(a, b)).then_some(0),
    }
}

/// Given names agree: one missing, equal, equal skeletons, or an initial matching.
fn given_compatible(a: &Name, b: &Name) -> bool {
    if !a.has_given() || !b.has_given() {
        return true;
    }
    if a.initial[0] || b.initial[0] {
        return if a.script == b.script {
            a.tokens[0].chars().next() == b.tokens[0].chars().next()
        } else {
            a.given_skel.chars().next() == b.given_skel.chars().next()
        };
    }
    a.tokens[0] == b.tokens[0]
        || given_keys_agree(&(a.first_skel.clone(), a.given_skel.clone()), &(b.first_skel.clone(), b.given_skel.clone()))
}

/// Two written-out given names (skeletons of the first given name, of all given names) can
/// name one person: the same first name ("Mark" and "Mark T."), or the same letters cut
/// differently ("Abd al-Majid" and "Abdelmadjid").
fn given_keys_agree(x: &(String, String), y: &(String, String)) -> bool {
    (!x.0.is_empty() && x.0 == y.0) || (!x.1.is_empty() && x.1 == y.1)
}

/// Levenshtein distance between `a` and `b` if it is at most `k`.
fn bounded_levenshtein(a: &str, b: &str, k: usize) -> Option<usize> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
            row_min = row_min.min(cur[j]);
        }
        if row_min > k {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[b.len()] <= k).then_some(prev[b.len()])
}

/// Does sorted `a` share an element with sorted `b`, other than those in `skip`?
fn intersects(a: &[u32], b: &[u32], skip: &[u32]) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().any(|x| !skip.contains(x) && large.binary_search(x).is_ok())
}

// ------------------------------------------------------------------------------------------
// User overrides

/// Finds the nodes that user override strings name.
struct Overrides<'a> {
    kb_ids: &'a [String],
    groups: &'a [Group],
    /// Normalised form -> nodes with that form (kb entities through their linked mentions).
    by_norm: HashMap<String, Vec<u32>>,
}

impl<'a> Overrides<'a> {
    /// Indexes the nodes whose normalised form is one of `wanted` (the override strings).
    fn new(
        wanted: &[&str],
        kb_ids: &'a [String],
        groups: &'a [Group],
        kb_alias: &HashMap<(Label, String), Option<String>>,
        shorts: &[ShortKey],
    ) -> Overrides<'a> {
        let wanted: BTreeSet<String> = wanted.iter().map(|s| normalize(s)).collect();
        let mut by_norm: HashMap<String, Vec<u32>> = HashMap::new();
        if !wanted.is_empty() {
            let n_kb = kb_ids.len();
            let mut add = |norm: &str, node: u32| {
                if wanted.contains(norm) {
                    by_norm.entry(norm.to_string()).or_default().push(node);
                }
            };
            for (g, group) in groups.iter().enumerate() {
                add(&group.norm, (n_kb + g) as u32);
            }
            for ((_, norm), id) in kb_alias {
                if let Some(i) = id.as_ref().and_then(|id| kb_ids.binary_search(id).ok()) {
                    add(norm, i as u32);
                }
            }
            for (s, key) in shorts.iter().enumerate() {
                add(&key.norm, (n_kb + groups.len() + s) as u32);
            }
            for nodes in by_norm.values_mut() {
                nodes.sort_unstable();
                nodes.dedup();
            }
        }
        Overrides { kb_ids, groups, by_norm }
    }

    /// The nodes a user string names: a kb id, an entity id (`person:markvoss`), or every
    /// form with that normalised surface.
    fn nodes(&self, s: &str) -> Vec<u32> {
        if let Ok(i) = self.kb_ids.binary_search_by(|k| k.as_str().cmp(s)) {
            return vec![i as u32];
        }
        if let Some((label, key)) = s.split_once(':') {
            if let Some(label) = Label::parse(&label.to_ascii_uppercase()) {
                if let Ok(g) = self.groups.binary_search_by(|g| (g.label, g.norm.as_str()).cmp(&(label, key))) {
                    return vec![(self.kb_ids.len() + g) as u32];
                }
            }
        }
        self.by_norm.get(normalize(s).as_str()).cloned().unwrap_or_default()
    }
}

// ------------------------------------------------------------------------------------------
// Union-find with constraints

/// What a cluster must not be joined with by a heuristic.
#[derive(Debug, Default, Clone)]
struct Meta {
    /// Kb nodes: a cluster has at most one unless the user merged.
    kb: Vec<u32>,
    /// Given names of its PERSON names ([`Name::given_key`]).
    given: Vec<(String, String)>,
    /// (split index, side) of the user splits naming one of its forms.
    tags: Vec<(u32, bool)>,
}

impl Meta {
    fn conflicts(&self, o: &Meta) -> bool {
        (!self.kb.is_empty() && !o.kb.is_empty() && self.kb != o.kb)
            || self.given.iter().any(|x| o.given.iter().any(|y| !given_keys_agree(x, y)))
            || self.tags.iter().any(|&(i, s)| o.tags.contains(&(i, !s)))
    }

    fn absorb(&mut self, o: Meta) {
        self.kb.extend(o.kb);
        self.kb.sort_unstable();
        self.kb.dedup();
        self.given.extend(o.given);
        self.given.sort();
        self.given.dedup();
        self.tags.extend(o.tags);
        self.tags.sort_unstable();
        self.tags.dedup();
    }
}

struct Clusters {
    parent: Vec<u32>,
    size: Vec<u32>,
    meta: Vec<Option<Box<Meta>>>,
    /// How each node was first joined to others.
    ev: Vec<Option<Evidence>>,
}

impl Clusters {
    fn new(n: usize) -> Clusters {
        Clusters { parent: (0..n as u32).collect(), size: vec![1; n], meta: vec![None; n], ev: vec![None; n] }
    }

    fn meta_mut(&mut self, node: u32) -> &mut Meta {
        let r = self.find(node) as usize;
        self.meta[r].get_or_insert_with(Default::default)
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = p;
            x = p;
        }
        x
    }

    /// Joins the clusters of `a` and `b` unless a constraint forbids it (`forced` ignores
    /// the constraints). True when they are one cluster afterwards.
    fn union(&mut self, a: u32, b: u32, forced: bool) -> bool {
        let (mut ra, mut rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if !forced {
            if let (Some(x), Some(y)) = (&self.meta[ra as usize], &self.meta[rb as usize]) {
                if x.conflicts(y) {
                    return false;
                }
            }
        }
        if self.size[ra as usize] < self.size[rb as usize] {
            std::mem::swap(&mut ra, &mut rb);
        }
        self.parent[rb as usize] = ra;
        self.size[ra as usize] += self.size[rb as usize];
        if let Some(m) = self.meta[rb as usize].take() {
            match &mut self.meta[ra as usize] {
                Some(mine) => mine.absorb(*m),
                slot => *slot = Some(m),
            }
        }
        true
    }

    /// Records how `node` was joined, unless it already has a reason.
    fn note(&mut self, node: u32, ev: Evidence) {
        self.ev[node as usize].get_or_insert(ev);
    }
}

// ------------------------------------------------------------------------------------------
// Output

#[derive(Default)]
struct Agg {
    surfaces: BTreeMap<String, u32>,
    labels: [u32; 8],
    kb: BTreeMap<String, u32>,
    n_mentions: u32,
    n_docs: u32,
    /// Last document counted, plus one.
    last_doc: u32,
    langs: BTreeSet<String>,
    /// Language of the first usable document, and whether another language was seen in one.
    usable_lang: Option<String>,
    multilingual: bool,
}

impl Agg {
    /// The entity and the normalised form of its best name.
    fn entity(&self, kb: &Kb) -> (LinkedEntity, String) {
        // Most frequent kb id, the smallest on ties.
        let kb_id = self.kb.iter().max_by_key(|(id, &n)| (n, Reverse(*id))).map(|(id, _)| id.to_string());
        let kb_entity = kb_id.as_deref().and_then(|id| kb.entity(id));
        let best = self
            .surfaces
            .iter()
            .max_by_key(|(s, &n)| {
                (script_of(s) == Script::Latin, s.split_whitespace().count() >= 2, n, s.chars().count(), Reverse(*s))
            })
            .map_or("", |(s, _)| s.as_str());
        let majority = Label::ALL
            .iter()
            .zip(self.labels)
            .max_by_key(|(l, n)| (*n, Reverse(**l)))
            .map_or(Label::Org, |(l, _)| *l);
        let label = kb_entity.map_or(majority, |e| e.label);
        let norm = normalize(best);
        let entity_id = match &kb_id {
            Some(id) => id.clone(),
            None => format!("{}:{}", label.as_str().to_lowercase(), norm),
        };
        let entity = LinkedEntity {
            entity_id,
            name: kb_entity.map_or_else(|| best.to_string(), |e| e.name.clone()),
            label,
            country: kb_entity.and_then(|e| e.country.clone()),
            kb_id,
            aliases: self.surfaces.keys().map(|s| s.to_string()).collect(),
            languages: self.langs.iter().map(|s| s.to_string()).collect(),
            n_mentions: self.n_mentions,
            n_docs: self.n_docs,
        };
        (entity, norm)
    }
}

// ------------------------------------------------------------------------------------------
// Normalisation, names and skeletons

/// The normalised form of a surface: lowercase, no diacritics, Arabic folded
/// ([`arabic::fold`]), without spaces, hyphens, apostrophes and dots.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut push = |c: char| {
        if is_combining_mark(c) || c.is_whitespace() || is_joiner(c) {
            return;
        }
        if let Some(c) = arabic::fold(c) {
            out.extend(c.to_lowercase());
        }
    };
    if s.is_ascii() {
        s.chars().for_each(&mut push);
    } else {
        s.nfd().for_each(&mut push);
    }
    out
}

fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2014}' | '\'' | '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '\u{00b4}' | '.' | '\u{00b7}'
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Arabic,
    Other,
}

fn script_of(s: &str) -> Script {
    if s.chars().any(is_arabic_letter) {
        Script::Arabic
    } else if s.chars().any(|c| c.is_ascii_alphabetic() || ('\u{00c0}'..='\u{024f}').contains(&c)) {
        Script::Latin
    } else {
        Script::Other
    }
}

/// A PERSON (or ORG) name cut into normalised tokens, with consonant skeletons.
#[derive(Debug, Clone)]
struct Name {
    script: Script,
    tokens: Vec<String>,
    initial: Vec<bool>,
    /// Skeleton of the first token when there are several.
    first_skel: String,
    /// Skeleton of all tokens but the last.
    given_skel: String,
    /// Skeleton of the last token.
    surname_skel: String,
    /// Skeleton of the whole name.
    full_skel: String,
}

impl Name {
    fn new(surface: &str) -> Name {
        let mut tokens = Vec::new();
        let mut skels = Vec::new();
        for raw in surface.split_whitespace() {
            let t = normalize(raw);
            if !t.is_empty() {
                tokens.push(t);
                skels.push(skeleton(raw));
            }
        }
        while tokens.len() > 1 && matches!(tokens.last().map(String::as_str), Some("jr" | "sr" | "ii" | "iii" | "iv")) {
            tokens.pop();
            skels.pop();
        }
        let n = tokens.len();
        let given_skel = if n > 1 { collapse(&skels[..n - 1].concat()) } else { String::new() };
        Name {
            script: script_of(surface),
            first_skel: if n > 1 { skels[0].clone() } else { String::new() },
            initial: tokens.iter().map(|t| t.chars().count() == 1).collect(),
            tokens,
            given_skel,
            surname_skel: skels.last().cloned().unwrap_or_default(),
            full_skel: collapse(&skels.concat()),
        }
    }

    fn surname(&self) -> &str {
        self.tokens.last().map_or("", String::as_str)
    }

    fn has_given(&self) -> bool {
        self.tokens.len() > 1
    }

    /// The given-name skeleton when the first given name is written out (not an initial).
    fn full_given(&self) -> Option<&str> {
        (self.has_given() && !self.initial[0] && !self.given_skel.is_empty()).then_some(self.given_skel.as_str())
    }

    /// Skeletons of the first given name and of all given names, when written out.
    fn given_key(&self) -> Option<(String, String)> {
        self.full_given().map(|g| (self.first_skel.clone(), g.to_string()))
    }
}

/// Consonant skeleton of one word, Latin or Arabic, in one alphabet: Arabic letters are
/// romanised (ب b, ت t, ج g, خ k, ش S…; alef, waw, ya, ain, hamza and ta marbuta dropped);
/// Latin vowels, w and y are dropped, digraphs mapped (ch, sh → S; kh, q, c → k; j, dj, gh
/// → g; ph, v → f; th → t; z → s; p → b), double letters collapsed.
fn skeleton(word: &str) -> String {
    let chars: Vec<char> = word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or(' ');
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_arabic_letter(c) {
            out.push_str(arabic_sound(c));
            i += 1;
            continue;
        }
        let (sym, used): (&str, usize) = match (c, at(i + 1), at(i + 2)) {
            ('s' | 't', 'c', 'h') => ("S", 3),
            ('c' | 's', 'h', _) => ("S", 2),
            ('g' | 'z', 'h', _) | ('d', 'j', _) => ("g", 2),
            ('k', 'h', _) => ("k", 2),
            ('p', 'h', _) => ("f", 2),
            ('t', 'h', _) => ("t", 2),
            ('d', 'h', _) => ("d", 2),
            ('c', 'k', _) | ('q', 'u', _) => ("k", 2),
            ('c', 'e' | 'i' | 'y', _) => ("s", 1),
            ('c' | 'k' | 'q', _, _) => ("k", 1),
            ('g' | 'j', _, _) => ("g", 1),
            ('x', _, _) => ("ks", 1),
            ('v' | 'f', _, _) => ("f", 1),
            ('p' | 'b', _, _) => ("b", 1),
            ('z' | 's', _, _) => ("s", 1),
            ('a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w', _, _) => ("", 1),
            ('d', _, _) => ("d", 1),
            ('h', _, _) => ("h", 1),
            ('l', _, _) => ("l", 1),
            ('m', _, _) => ("m", 1),
            ('n', _, _) => ("n", 1),
            ('r', _, _) => ("r", 1),
            ('t', _, _) => ("t", 1),
            _ => ("", 1),
        };
        out.push_str(sym);
        i += used;
    }
    collapse(&out)
}

/// The romanised consonant of an Arabic letter ("" for the letters a skeleton drops).
fn arabic_sound(c: char) -> &'static str {
    match c {
        'ب' | 'پ' => "b",
        'ت' | 'ث' | 'ط' => "t",
        'ج' | 'غ' | 'گ' => "g",
        'ح' | 'ه' => "h",
        'خ' | 'ق' | 'ك' | 'ک' => "k",
        'د' | 'ذ' | 'ض' => "d",
        'ر' => "r",
        'ز' | 'س' | 'ص' | 'ظ' => "s",
        'ش' | 'چ' => "S",
        'ف' | 'ڤ' => "f",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        _ => "", // alef, waw, ya, alef maqsura, ta marbuta, hamza, ain
    }
}

/// Collapses runs of one character ("bb" → "b").
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = None;
    for c in s.chars() {
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Mention, Source};

    /// A document of `text` whose kb mentions come from the shipped knowledge base and whose
    /// other mentions are `names` (found in order in `text`).
    fn doc(lang: &str, text: &str, names: &[(&str, Label)]) -> Document {
        let mut mentions = Kb::builtin().find(text);
        let mut from = 0;
        for &(surface, label) in names {
            let s = from + text[from..].find(surface).unwrap_or_else(|| panic!("{surface:?} in {text:?}"));
            assert!(mentions.iter().all(|m| m.end <= s || m.start >= s + surface.len()), "{surface} overlaps a kb match");
            mentions.push(Mention::new(s, s + surface.len(), label, Source::Rule, 0.6));
            from = s + surface.len();
        }
        mentions.sort_by_key(|m| (m.start, m.end));
        Document { text: text.into(), lang: Some(lang.into()), sentences: vec![0..text.len()], mentions, ..Default::default() }
    }

    fn person(text: &str, names: &[&str]) -> Document {
        let lang = if text.chars().any(is_arabic_letter) { "ar" } else { "en" };
        doc(lang, text, &names.iter().map(|n| (*n, Label::Person)).collect::<Vec<_>>())
    }

    fn run(docs: &[Document]) -> Linking {
        link(docs, Kb::builtin(), &LinkOptions::default())
    }

    /// The entity and evidence of the first mention of `surface` in document `d`.
    fn of<'a>(l: &'a Linking, docs: &[Document], d: usize, surface: &str) -> (&'a LinkedEntity, Evidence) {
        let doc = &docs[d];
        let i = doc.mentions.iter().position(|m| &doc.text[m.start..m.end] == surface).unwrap_or_else(|| panic!("{surface:?} in doc {d}"));
        let ml = l.links[d][i];
        (&l.entities[ml.entity as usize], ml.evidence)
    }

    fn same(l: &Linking, docs: &[Document], a: (usize, &str), b: (usize, &str)) -> bool {
        of(l, docs, a.0, a.1).0.entity_id == of(l, docs, b.0, b.1).0.entity_id
    }

    #[test]
    fn knowledge_base_demonyms_and_cities() {
        let docs = [
            doc("en", "France sent envoys to Paris and the French army followed.", &[]),
            doc("ar", "وصل وفد من فرنسا إلى باريس.", &[]),
            doc("en", "Japan and Japanese firms in Tokyo.", &[]),
        ];
        let l = run(&docs);
        // (doc, surface, entity id, label, country)
        let cases = [
            (0, "France", "country:FR", Label::Gpe, Some("FR")),
            (0, "French", "country:FR", Label::Gpe, Some("FR")),
            (1, "فرنسا", "country:FR", Label::Gpe, Some("FR")),
            (0, "Paris", "city:2988507", Label::Gpe, Some("FR")),
            (1, "باريس", "city:2988507", Label::Gpe, Some("FR")),
            (2, "Japanese", "country:JP", Label::Gpe, Some("JP")),
            (2, "Tokyo", "city:1850147", Label::Gpe, Some("JP")),
        ];
        for (d, surface, id, label, country) in cases {
            let (e, ev) = of(&l, &docs, d, surface);
            assert_eq!((e.entity_id.as_str(), e.label, e.country.as_deref(), ev), (id, label, country, Evidence::Kb), "{surface}");
            assert_eq!(e.kb_id.as_deref(), Some(id));
        }
        let (france, _) = of(&l, &docs, 0, "France");
        assert_eq!(france.name, "France");
        assert_eq!(france.aliases, ["France", "French", "فرنسا"]);
        assert_eq!(france.languages, ["ar", "en"]);
        assert_eq!((france.n_mentions, france.n_docs), (3, 2));
        let ids: Vec<&str> = l.entities.iter().map(|e| e.entity_id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
    }

    #[test]
    fn unlinked_names_spelled_like_kb_mentions() {
        let docs = [
            doc("en", "NATO met in Brussels.", &[]),
            doc("en", "The Atlantic Alliance met.", &[]),
            // Not matched by the kb, but spelled like a kb-linked mention of the corpus.
            doc("en", "The N.A.T.O. summit.", &[("N.A.T.O.", Label::Org)]),
        ];
        let l = run(&docs);
        let (e, ev) = of(&l, &docs, 2, "N.A.T.O.");
        assert_eq!((e.entity_id.as_str(), ev), ("org:nato", Evidence::Alias));
        // Without such a mention it stays apart, and the kb entity keeps its id.
        let docs = [docs[1].clone(), docs[2].clone()];
        let l = run(&docs);
        assert_eq!(of(&l, &docs, 0, "Atlantic Alliance").0.entity_id, "org:nato");
        assert_eq!(of(&l, &docs, 1, "N.A.T.O.").0.entity_id, "org:nato~2");
    }

    #[test]
    fn names_resolve_inside_a_document() {
        let docs = [
            person(
                "Orvan Delquist met Talia Brennick. Delquist said O. Delquist and Brennick agreed. Orvan spoke.",
                &["Orvan Delquist", "Talia Brennick", "Delquist", "O. Delquist", "Brennick", "Orvan"],
            ),
            // The short form first, the full name later; two heads sharing a surname.
            person(
                "Quillan spoke first. Then Mira Quillan arrived, and Bram Quillan after her. Quillan left.",
                &["Quillan", "Mira Quillan", "Bram Quillan", "Quillan"],
            ),
        ];
        let l = run(&docs);
        let cases = [
            (0, "Orvan Delquist", "person:orvandelquist", Evidence::Alias),
            (0, "Delquist", "person:orvandelquist", Evidence::Surname),
            (0, "O. Delquist", "person:orvandelquist", Evidence::Surname),
            (0, "Orvan", "person:orvandelquist", Evidence::Surname),
            (0, "Brennick", "person:taliabrennick", Evidence::Surname),
            (1, "Quillan", "person:miraquillan", Evidence::Surname),
            (1, "Bram Quillan", "person:bramquillan", Evidence::Alias),
        ];
        for (d, surface, id, ev) in cases {
            let (e, got) = of(&l, &docs, d, surface);
            assert_eq!((e.entity_id.as_str(), got), (id, ev), "{surface}");
        }
        // The last "Quillan" goes to the nearest earlier full name.
        let last = docs[1].mentions.len() - 1;
        assert_eq!(l.entities[l.links[1][last].entity as usize].entity_id, "person:bramquillan");
        let (e, _) = of(&l, &docs, 0, "Delquist");
        assert_eq!((e.name.as_str(), e.n_mentions, e.label), ("Orvan Delquist", 4, Label::Person));
        assert_eq!(e.aliases, ["Delquist", "O. Delquist", "Orvan", "Orvan Delquist"]);
    }

    #[test]
    fn organisations_resolve_inside_a_document() {
        let text = "The Velmar Trade Council met. The VTC said the Trade Council of Velmar agreed. The Velmar Council left.";
        let docs = [doc("en", text, &[("Velmar Trade Council", Label::Org), ("VTC", Label::Org), ("Velmar Council", Label::Org)])];
        let l = run(&docs);
        assert!(same(&l, &docs, (0, "VTC"), (0, "Velmar Trade Council")));
        assert!(same(&l, &docs, (0, "Velmar Council"), (0, "Velmar Trade Council")));
        assert_eq!(of(&l, &docs, 0, "VTC").1, Evidence::Surname);
        assert_eq!(of(&l, &docs, 0, "VTC").0.entity_id, "org:velmartradecouncil");
    }

    #[test]
    fn spelling_variants_merge_across_documents_when_context_agrees() {
        // (name in doc A, country of A, name in doc B, country of B, merged?)
        let cases = [
            ("Tamsin Kerrowby", "France", "Tamsin Kerowby", "France", true),
            ("Tamsin Kerrowby", "France", "Tamsin Kerowby", "Japan", false),
            ("Halvard Quenneville", "Chile", "Halvard Quenevile", "Chile", true),
            ("Tamsin Kerrowby", "Peru", "T. Kerowby", "Peru", true),
            ("Tamsin Kerrowby", "Peru", "Kerrowby", "Peru", true),
            ("Tamsin Kerrowby", "Peru", "Kerrowby", "Norway", false),
            ("Tamsin Kerrowby", "Peru", "Edwin Kerowby", "Peru", false),
            ("Tamsin Kerrowby", "Peru", "Tamsin Kerrowbyan", "Peru", false),
            ("Ansel Lund", "Chile", "Ansel Lind", "Chile", false),
            ("Ansel Schaddock", "Chile", "Ansel Shadok", "Chile", true),
        ];
        for (a, ca, b, cb, want) in cases {
            let docs = [person(&format!("{a} flew to {ca}."), &[a]), person(&format!("In {cb}, {b} spoke."), &[b])];
            let l = run(&docs);
            assert_eq!(same(&l, &docs, (0, a), (1, b)), want, "{a} ({ca}) / {b} ({cb})");
            if want {
                let (e, ev) = of(&l, &docs, 1, b);
                assert_eq!((e.name.as_str(), ev), (a, Evidence::Variant), "{a} / {b}");
            }
        }
    }

    #[test]
    fn variants_in_one_document_merge() {
        let docs = [person("Dorin Velasko arrived. Velasko spoke, then Velaskko left.", &["Dorin Velasko", "Velasko", "Velaskko"])];
        let l = run(&docs);
        assert!(same(&l, &docs, (0, "Velaskko"), (0, "Dorin Velasko")));
        assert_eq!(of(&l, &docs, 0, "Velaskko").1, Evidence::Variant);
    }

    #[test]
    fn arabic_and_latin_names_merge_through_transliteration() {
        // (Latin name, its country, Arabic name, its country, merged?)
        let cases = [
            ("Faredo Mantuli", "France", "فاريدو مانتولي", "فرنسا", true),
            ("Faredo Mantuli", "Japan", "فاريدو مانتولي", "فرنسا", false),
            ("Faredo Mantuli", "France", "مانتولي", "فرنسا", true),
            ("Ravena Kostrinka", "Peru", "رافينا كوستينكا", "بيرو", true),
            ("Faredo Mantuli", "France", "سليم مانتولي", "فرنسا", false),
            ("Bashir Zoulati", "Japan", "بشير زولاتي", "اليابان", true),
        ];
        for (latin, c1, arabic, c2, want) in cases {
            let docs = [person(&format!("{latin} visited {c1}."), &[latin]), person(&format!("زار {arabic} {c2} أمس."), &[arabic])];
            let l = run(&docs);
            assert_eq!(same(&l, &docs, (0, latin), (1, arabic)), want, "{latin} / {arabic}");
            if want {
                let (e, ev) = of(&l, &docs, 1, arabic);
                assert_eq!((e.name.as_str(), ev, e.languages.clone()), (latin, Evidence::Translit, vec!["ar".to_string(), "en".to_string()]));
                assert_eq!(e.entity_id, format!("person:{}", normalize(latin)));
            }
        }
        // An Arabic-only entity is keyed by its normalised Arabic form.
        let docs = [person("قال سليم مانتولي إن.", &["سليم مانتولي"])];
        assert_eq!(run(&docs).entities[0].entity_id, "person:سليممانتولي");
    }

    #[test]
    fn user_overrides_win() {
        let docs = [
            person("Orvan Delquist met Pell Varga in France. Delquist spoke.", &["Orvan Delquist", "Pell Varga", "Delquist"]),
            person("Tamsin Kerrowby flew to France.", &["Tamsin Kerrowby"]),
            person("In France, Tamsin Kerowby spoke.", &["Tamsin Kerowby"]),
        ];
        let with = |merges: &[(&str, &str)], splits: &[(&str, &str)]| {
            let pairs = |p: &[(&str, &str)]| p.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
            link(&docs, Kb::builtin(), &LinkOptions { merges: pairs(merges), splits: pairs(splits) })
        };
        // (merges, splits, pair, together?)
        let cases: [(&[(&str, &str)], &[(&str, &str)], ((usize, &str), (usize, &str)), bool); 7] = [
            (&[], &[], ((0, "Orvan Delquist"), (0, "Pell Varga")), false),
            (&[("Orvan Delquist", "Pell Varga")], &[], ((0, "Orvan Delquist"), (0, "Pell Varga")), true),
            (&[("person:orvandelquist", "person:pellvarga")], &[], ((0, "Pell Varga"), (0, "Delquist")), true),
            (&[], &[], ((1, "Tamsin Kerrowby"), (2, "Tamsin Kerowby")), true),
            (&[], &[("Tamsin Kerrowby", "Tamsin Kerowby")], ((1, "Tamsin Kerrowby"), (2, "Tamsin Kerowby")), false),
            (&[], &[("Delquist", "Orvan Delquist")], ((0, "Orvan Delquist"), (0, "Delquist")), false),
            // A merge wins over a split of the same pair.
            (&[("Tamsin Kerrowby", "Tamsin Kerowby")], &[("Tamsin Kerrowby", "Tamsin Kerowby")], ((1, "Tamsin Kerrowby"), (2, "Tamsin Kerowby")), true),
        ];
        for (merges, splits, (a, b), want) in cases {
            let l = with(merges, splits);
            assert_eq!(same(&l, &docs, a, b), want, "merges {merges:?} splits {splits:?}: {a:?} {b:?}");
        }
        let l = with(&[("Orvan Delquist", "Pell Varga")], &[]);
        let (e, ev) = of(&l, &docs, 0, "Pell Varga");
        assert_eq!((e.entity_id.as_str(), ev), ("person:orvandelquist", Evidence::User));
        // A user merge of a kb entity and a name: the kb id names the entity.
        let l = with(&[("Pell Varga", "country:FR")], &[]);
        assert_eq!(of(&l, &docs, 0, "Pell Varga").0.entity_id, "country:FR");
    }

    #[test]
    fn output_does_not_depend_on_document_order() {
        let mut docs = synthetic(300, 7);
        docs.push(person("Faredo Mantuli visited France.", &["Faredo Mantuli"]));
        docs.push(person("زار فاريدو مانتولي فرنسا أمس.", &["فاريدو مانتولي"]));
        let a = run(&docs);
        assert_eq!(a, run(&docs));
        // Any order: the same entities, and every mention keeps its entity id.
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let mut rng = Rng(99);
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let shuffled: Vec<Document> = order.iter().map(|&i| docs[i].clone()).collect();
        let b = run(&shuffled);
        assert_eq!(a.entities, b.entities);
        for (k, &i) in order.iter().enumerate() {
            let ids = |l: &Linking, d: usize| -> Vec<String> { l.links[d].iter().map(|m| l.entities[m.entity as usize].entity_id.clone()).collect() };
            assert_eq!(ids(&a, i), ids(&b, k));
            assert_eq!(a.links[i].iter().map(|m| m.evidence).collect::<Vec<_>>(), b.links[k].iter().map(|m| m.evidence).collect::<Vec<_>>());
        }
    }

    #[test]
    fn normalisation_and_skeletons() {
        let norm = [("Saïd Chéngriha", "saidchengriha"), ("O'Brien-Smith", "obriensmith"), ("U.N.", "un"), ("الجزائرية", "الجزايريه"), ("عبد المجيد", "عبدالمجيد")];
        for (input, want) in norm {
            assert_eq!(normalize(input), want, "{input}");
        }
        // Latin and Arabic spellings of one name share a skeleton.
        let skel = [
            ("Mantuli", "mntl"),
            ("مانتولي", "mntl"),
            ("Faredo", "frd"),
            ("فاريدو", "frd"),
            ("Bashir", "bSr"),
            ("بشير", "bSr"),
            ("Djamila", "gml"),
            ("جميلة", "gml"),
            ("Khaled", "kld"),
            ("خالد", "kld"),
            ("Zoulati", "slt"),
            ("Chiara", "Sr"),
            ("Schwartz", "Srts"),
            ("Phillipe", "flb"),
        ];
        for (input, want) in skel {
            assert_eq!(skeleton(input), want, "{input}");
        }
        let lev = [("esper", "esber", 1, Some(1)), ("kitten", "sitting", 2, None), ("kitten", "sitting", 3, Some(3)), ("abc", "abc", 0, Some(0))];
        for (a, b, k, want) in lev {
            assert_eq!(bounded_levenshtein(a, b, k), want, "{a} {b}");
        }
    }

    #[test]
    fn empty_and_valueless_documents() {
        let docs = [Document::default(), doc("en", "Nothing here.", &[])];
        let l = run(&docs);
        assert_eq!(l.links, vec![Vec::<MentionLink>::new(), Vec::new()]);
        assert!(l.entities.is_empty());
    }

    /// Synthetic corpus generator (also in examples/link_scale.rs): invented names from
    /// syllables, shared by documents with typos, each person tied to a home country.
    pub(super) struct Rng(pub u64);

    impl Rng {
        pub fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        pub fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    pub(super) fn synthetic(n_docs: usize, seed: u64) -> Vec<Document> {
        const SYL: [&str; 24] =
            ["ka", "lo", "ven", "dri", "mar", "tu", "sel", "bo", "ri", "nak", "gol", "phe", "an", "dor", "qui", "sa", "ler", "mi", "tov", "zu", "bren", "ha", "vik", "ost"];
        const COUNTRIES: [(&str, &str); 12] = [
            ("France", "country:FR"),
            ("Japan", "country:JP"),
            ("Peru", "country:PE"),
            ("Chile", "country:CL"),
            ("Norway", "country:NO"),
            ("Kenya", "country:KE"),
            ("Brazil", "country:BR"),
            ("Canada", "country:CA"),
            ("Egypt", "country:EG"),
            ("India", "country:IN"),
            ("Mexico", "country:MX"),
            ("Spain", "country:ES"),
        ];
        let mut rng = Rng(seed.max(1));
        let word = |rng: &mut Rng, n: usize| -> String {
            let mut w: String = (0..n).map(|_| SYL[rng.below(SYL.len())]).collect();
            w[..1].make_ascii_uppercase();
            w
        };
        let n_people = (n_docs / 8).max(20);
        let people: Vec<(String, String, usize)> =
            (0..n_people).map(|_| (word(&mut rng, 2), word(&mut rng, 3), rng.below(COUNTRIES.len()))).collect();
        let typo = |rng: &mut Rng, s: &str| -> String {
            let mut c: Vec<char> = s.chars().collect();
            let i = 1 + rng.below(c.len() - 1);
            match rng.below(3) {
                0 => c[i] = (b'a' + rng.below(26) as u8) as char,
                1 => c.insert(i, (b'a' + rng.below(26) as u8) as char),
                _ => {
                    c.remove(i);
                }
            }
            c.into_iter().collect()
        };
        (0..n_docs)
            .map(|_| {
                let mut text = String::new();
                let mut mentions = Vec::new();
                let mut add = |text: &mut String, s: &str, label: Label, kb: Option<&str>| {
                    let start = text.len();
                    text.push_str(s);
                    let mut m = Mention::new(start, text.len(), label, if kb.is_some() { Source::Kb } else { Source::Rule }, 0.7);
                    m.kb_id = kb.map(str::to_string);
                    mentions.push(m);
                    text.push_str(" said on Monday. ");
                };
                for _ in 0..3 {
                    // Popular people more often: the square of a uniform draw.
                    let r = rng.below(1000);
                    let (given, surname, home) = &people[(r * r * n_people) / 1_000_000];
                    let surname = if rng.below(10) == 0 { typo(&mut rng, surname) } else { surname.clone() };
                    add(&mut text, &format!("{given} {surname}"), Label::Person, None);
                    add(&mut text, COUNTRIES[*home].0, Label::Gpe, Some(COUNTRIES[*home].1));
                    if rng.below(2) == 0 {
                        add(&mut text, &surname, Label::Person, None);
                    }
                }
                let c = COUNTRIES[rng.below(COUNTRIES.len())];
                add(&mut text, c.0, Label::Gpe, Some(c.1));
                let org = format!("{} Council", people[rng.below(n_people)].1);
                add(&mut text, &org, Label::Org, None);
                let len = text.len();
                Document { text, lang: Some("en".into()), sentences: vec![0..len], mentions, ..Default::default() }
            })
            .collect()
    }

    // Speed is measured by `cargo run --release --example link_scale`, not here.
    #[test]
    fn typos_do_not_multiply_people_in_20k_documents() {
        let docs = synthetic(20_000, 42);
        let l = run(&docs);
        let persons = l.entities.iter().filter(|e| e.label == Label::Person).count();
        // 2,500 invented people; typos must not multiply them much.
        assert!(persons < 2_500 * 12 / 10, "{persons} person entities");
    }
}
