//! The constrained union-find: clusters that refuse heuristic merges joining two
//! knowledge-base entities, two different given names or the two sides of a user split,
//! and the aggregates of the entities they become.

#[allow(unused_imports)]
use super::*;

/// What a cluster must not be joined with by a heuristic.
#[derive(Debug, Default, Clone)]
pub(super) struct Meta {
    /// Kb nodes: a cluster has at most one unless the user merged.
    pub(super) kb: Vec<u32>,
    /// Given names of its PERSON names ([`Name::given_key`]).
    pub(super) given: Vec<(String, String)>,
    /// (split index, side) of the user splits naming one of its forms.
    pub(super) tags: Vec<(u32, bool)>,
}

impl Meta {
    pub(super) fn conflicts(&self, o: &Meta) -> bool {
        (!self.kb.is_empty() && !o.kb.is_empty() && self.kb != o.kb)
            || self.given.iter().any(|x| o.given.iter().any(|y| !given_keys_agree((&x.0, &x.1), (&y.0, &y.1))))
            || self.tags.iter().any(|&(i, s)| o.tags.contains(&(i, !s)))
    }

    pub(super) fn absorb(&mut self, o: Meta) {
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

pub(super) struct Clusters {
    pub(super) parent: Vec<u32>,
    pub(super) size: Vec<u32>,
    pub(super) meta: Vec<Option<Box<Meta>>>,
    /// How each node was first joined to others.
    pub(super) ev: Vec<Option<Evidence>>,
}

impl Clusters {
    pub(super) fn new(n: usize) -> Clusters {
        Clusters { parent: (0..n as u32).collect(), size: vec![1; n], meta: vec![None; n], ev: vec![None; n] }
    }

    pub(super) fn meta_mut(&mut self, node: u32) -> &mut Meta {
        let r = self.find(node) as usize;
        self.meta[r].get_or_insert_with(Default::default)
    }

    pub(super) fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = p;
            x = p;
        }
        x
    }

    /// Joins the clusters of `a` and `b` unless a constraint forbids it (`forced` ignores
    /// the constraints). True when they are one cluster afterwards.
    pub(super) fn union(&mut self, a: u32, b: u32, forced: bool) -> bool {
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
    pub(super) fn note(&mut self, node: u32, ev: Evidence) {
        self.ev[node as usize].get_or_insert(ev);
    }
}

// ------------------------------------------------------------------------------------------
// Output

#[derive(Default)]
pub(super) struct Agg {
    pub(super) surfaces: BTreeMap<String, u32>,
    pub(super) labels: [u32; 8],
    pub(super) kb: BTreeMap<String, u32>,
    pub(super) n_mentions: u32,
    pub(super) n_docs: u32,
    /// Last document counted, plus one.
    pub(super) last_doc: u32,
    pub(super) langs: BTreeSet<String>,
    /// Language of the first usable document, and whether another language was seen in one.
    pub(super) usable_lang: Option<String>,
    pub(super) multilingual: bool,
}

impl Agg {
    /// The entity and the normalised form of its best name.
    pub(super) fn entity(&self, kb: &Kb) -> (LinkedEntity, String) {
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
