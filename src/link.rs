//! Linking: mentions across documents and languages to entities.
//!
//! (Skeleton: one entity per knowledge-base id, else per label and exact text. The full
//! linker replaces `link` without changing these types.)

use std::collections::BTreeMap;

use crate::extract::Label;
use crate::kb::Kb;
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

/// Links every mention of `docs` to an entity.
pub fn link(docs: &[Document], kb: &Kb, _opts: &LinkOptions) -> Linking {
    let mut keys: BTreeMap<String, (Label, Option<String>, String)> = BTreeMap::new();
    let mut mention_keys: Vec<Vec<(String, Evidence)>> = Vec::with_capacity(docs.len());
    for d in docs {
        let mut per = Vec::with_capacity(d.mentions.len());
        for m in &d.mentions {
            let text = &d.text[m.start..m.end];
            let (key, ev) = match &m.kb_id {
                Some(id) => (id.clone(), Evidence::Kb),
                None => (format!("{}:{}", m.label.as_str().to_lowercase(), text.to_lowercase()), Evidence::Alias),
            };
            keys.entry(key.clone()).or_insert_with(|| {
                let name = m.kb_id.as_deref().and_then(|id| kb.entity(id)).map_or(text.to_string(), |e| e.name.clone());
                (m.label, m.kb_id.clone(), name)
            });
            per.push((key, ev));
        }
        mention_keys.push(per);
    }
    let index: BTreeMap<&String, u32> = keys.keys().enumerate().map(|(i, k)| (k, i as u32)).collect();
    let mut entities: Vec<LinkedEntity> = keys
        .iter()
        .map(|(k, (label, kb_id, name))| LinkedEntity {
            entity_id: k.clone(),
            name: name.clone(),
            label: *label,
            kb_id: kb_id.clone(),
            aliases: Vec::new(),
            languages: Vec::new(),
            n_mentions: 0,
            n_docs: 0,
            country: kb_id.as_deref().and_then(|id| kb.entity(id)).and_then(|e| e.country.clone()),
        })
        .collect();
    let mut links = Vec::with_capacity(docs.len());
    for (d, per) in docs.iter().zip(&mention_keys) {
        let mut seen = std::collections::BTreeSet::new();
        let mut row = Vec::with_capacity(per.len());
        for (m, (key, ev)) in d.mentions.iter().zip(per) {
            let e = index[key];
            let ent = &mut entities[e as usize];
            ent.n_mentions += 1;
            if seen.insert(e) {
                ent.n_docs += 1;
            }
            let text = d.text[m.start..m.end].to_string();
            if !ent.aliases.contains(&text) {
                ent.aliases.push(text);
            }
            if let Some(l) = &d.lang {
                if !ent.languages.contains(l) {
                    ent.languages.push(l.clone());
                }
            }
            row.push(MentionLink { entity: e, evidence: *ev });
        }
        links.push(row);
    }
    for e in &mut entities {
        e.aliases.sort();
        e.languages.sort();
    }
    Linking { entities, links }
}
