//! Country-level events: a trigger phrase from the shipped lexicons
//! (`python/newsframe/data/events/`) and two distinct country actors in one sentence.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use super::{is_arabic_word, mentions_by_sentence};
use crate::doc::{Label, Mention};
use crate::kb::Kb;
use crate::link::{LinkedEntity, Linking, MentionLink};
use crate::record::DocView;

mod input;
mod lexicon;
mod model;
#[cfg(test)]
mod tests;

pub use input::{event_input, EventInput, SentenceCues, TriggerCue};
use lexicon::{Kind, Lexicon};
use model::{features, Dump, FeatureInput, Model};

/// The event types, as stable strings.
pub const EVENT_TYPES: [&str; 8] =
    ["visit", "consult", "agreement", "arms_sale", "military_cooperation", "exercise", "aid", "criticism"];

const TRIGGERS_EN: &str = include_str!("../../../python/newsframe/data/events/triggers_en.tsv");
const TRIGGERS_AR: &str = include_str!("../../../python/newsframe/data/events/triggers_ar.tsv");

/// Longest gap a `...` in a trigger phrase stands for, in words.
const MAX_GAP: usize = 5;
/// How far before a trigger a `@block` cue cancels it, in words.
const BLOCK_WINDOW: usize = 3;
/// With four or more countries in a sentence, the two actors must lie within this many
/// words of the trigger and every other country more than twice as far.
const NEAR_WINDOW: usize = 3;
/// With three countries in a sentence, the third must be at least this many words farther
/// from the trigger than the second.
const MARGIN: usize = 3;

/// One event between two countries, found in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Event {
    pub doc: u32,
    /// Index into the document's `sentences`.
    pub sentence: u32,
    /// Index into [`Linking::entities`] of the subject-side country (the visitor, the
    /// seller, the one named before the trigger); the country entity (`country:XX`) when the
    /// corpus has one, else the city that stood for it.
    pub actor1: u32,
    /// The other country; never equal to `actor1`.
    pub actor2: u32,
    /// One of [`EVENT_TYPES`].
    pub event_type: &'static str,
    /// Byte range of the trigger phrase in the document's text.
    pub trigger: Range<usize>,
    /// The trigger phrase, and its range in characters.
    pub trigger_text: String,
    pub trigger_chars: Range<u32>,
    /// Index in the document's mentions of the first MONEY mention of the sentence.
    pub money: Option<u32>,
    /// Index in the document's mentions of the first DATE mention of the sentence.
    pub date: Option<u32>,
    /// One of [`MODALITIES`]: whether the sentence says the event happened, did not, is
    /// planned or is only possible.
    pub modality: &'static str,
}

/// The modalities of an event, as stable strings (see `docs/events.md`).
pub const MODALITIES: [&str; 4] = ["asserted", "negated", "planned", "possible"];

/// How many words before a trigger a modality cue ("not", "will", "might") reaches.
const MODAL_WINDOW: usize = 4;

/// A phrase found in a sentence, in word indices of the sentence.
#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    end: usize,
    phrase: u32,
}

/// The role a preposition gives a country; the order is the preference for actor1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    /// "from X", "officials from X": the origin.
    Source,
    Plain,
    /// "to X", "in X", "لX": the destination or recipient.
    Dest,
}

/// A country actor of one sentence, in word indices of the sentence.
struct SentActor {
    code: u32,
    w0: usize,
    w1: usize,
    role: Role,
    via: u8,
    label: Label,
}

/// One side of an event being built.
#[derive(Debug, Clone, Copy)]
struct Side {
    code: u32,
    /// Word index of the mention (usize::MAX for a country standing at a "both countries" cue).
    pos: usize,
    before: bool,
    role: Role,
}

/// A mention that stands for a country.
#[derive(Debug, Clone, Copy)]
struct Actor {
    /// Index of the country code in the document's code table.
    code: u32,
    /// The entity the event names: the country entity, else the mention's own entity.
    entity: u32,
    start: usize,
    /// Counted for the document's dominant countries (false for a person or organisation
    /// that only repeats the demonym before it).
    counts: bool,
    /// How the mention stands for the country: 0 a place or demonym, 1 an organisation
    /// named after it, 2 a person or body after it with a title between.
    via: u8,
}

/// Country-level events in every sentence of `docs`, sorted by (doc, sentence, trigger
/// start).
///
/// An entity counts as a country actor when it is a country (kb id `country:XX`), a city or
/// other place standing for one (a GPE whose `country` is set, "Washington said"), a demonym
/// linked to one ("Algerian"), or an organisation whose name begins with a country or
/// demonym ("US embassy", and in Arabic one with a nisba adjective: "وزارة الدفاع
/// الجزائرية"); a person or organisation right after a country or demonym with only a title
/// between ("Algerian President X", "US Defense Secretary X") stands for that country too.
///
/// A trigger phrase (see the lexicons) makes an event with the two countries of its
/// sentence; countries across a clause barrier from the trigger ("while", "despite",
/// "بينما") do not count. With three countries the two nearest the trigger are taken when the
/// third is at least three words farther than the second; with four or more only when both
/// are within three words of the trigger and the others more than six words away. A
/// sentence with fewer than two countries but a phrase such as "both countries" or
/// "البلدين" uses the two countries that dominate the document (the third most mentioned at
/// most a third as often as the second), when its own country, if any, is one of them. A
/// trigger preceded by a concession cue ("despite", "رغم") is ignored; a negation, plan or
/// possibility cue ("did not", "will", "might") sets the event's `modality` instead.
///
/// In English the rules above only propose: a linear model (`model_en.tsv`, trained on the
/// dev part of the hand-annotated set by `scripts/train_event_model.py`) scores every
/// ordered pair of the sentence's countries around a trigger, from the trigger, each
/// actor's side, distance, role, mention kind and neighbouring words, the words between,
/// the sentence's words and whether the rules picked the pair, and keeps per pair the
/// better direction when it reaches the model's threshold. Types the model was not trained
/// on, and the "both countries" case, keep the rules.
///
/// Direction: a destination or recipient ("to X", "in X", "لX") is actor2 and an origin
/// ("from X") actor1; two destinations or two origins ("in Mali and Niger") make no event.
/// Otherwise actor1 is the country named before the trigger, else the first named.
/// Reversed triggers ("hosted", "buys ... weapons") swap the two. In one sentence each
/// (type, pair of countries) gives one event, and `arms_sale` hides `agreement`, `exercise`
/// hides `military_cooperation` for the same pair.
pub fn events<D: DocView>(docs: &[D], linking: &Linking, kb: &Kb) -> Vec<Event> {
    events_of(0, docs, &linking.links, &linking.entities, &country_entities(&linking.entities), kb)
}

/// [`events`] of a chunk of documents, `first..` of the corpus, whose mentions link as
/// `links[i]` to `entities`; `countries` is [`country_entities`] of `entities`.
pub fn events_of<D: DocView>(
    first: u32,
    docs: &[D],
    links: &[Vec<MentionLink>],
    entities: &[LinkedEntity],
    countries: &HashMap<String, u32>,
    kb: &Kb,
) -> Vec<Event> {
    events_with(first, docs, links, entities, countries, kb, Model::builtin())
}

/// [`events_of`] with `model` deciding English events (None: the rules alone).
fn events_with<D: DocView>(
    first: u32,
    docs: &[D],
    links: &[Vec<MentionLink>],
    entities: &[LinkedEntity],
    countries: &HashMap<String, u32>,
    kb: &Kb,
    model: Option<&Model>,
) -> Vec<Event> {
    let lex = Lexicon::builtin();
    let per_doc: Vec<Vec<Event>> = docs
        .par_iter()
        .enumerate()
        .map(|(i, doc)| match links.get(i) {
            Some(links) if links.len() == doc.mentions().len() && doc.ok() => {
                doc_events(first + i as u32, doc, &doc.event_input(kb), links, entities, lex, countries, model)
            }
            _ => Vec::new(),
        })
        .collect();
    per_doc.into_iter().flatten().collect()
}

/// Country code -> index of the entity whose kb id is `country:<code>`.
pub fn country_entities(entities: &[LinkedEntity]) -> HashMap<String, u32> {
    let mut map = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        if let Some(code) = e.kb_id.as_deref().and_then(|k| k.strip_prefix("country:")) {
            map.entry(code.to_string()).or_insert(i as u32);
        }
    }
    map
}

/// The country a GPE or NORP mention stands for.
fn place_country<'a>(m: &'a Mention, link: MentionLink, entities: &'a [LinkedEntity]) -> Option<&'a str> {
    let e = entities.get(link.entity as usize)?;
    if let Some(code) = e.kb_id.as_deref().and_then(|k| k.strip_prefix("country:")) {
        return Some(code);
    }
    if let Some(code) = m.kb_id.as_deref().and_then(|k| k.strip_prefix("country:")) {
        return Some(code);
    }
    let place = matches!(m.label, Label::Gpe | Label::Norp) || matches!(e.label, Label::Gpe | Label::Norp);
    if place && !matches!(m.label, Label::Person | Label::Org) {
        return e.country.as_deref();
    }
    None
}

/// The country an organisation's name begins with ("US embassy in Algeria" -> US), or for an
/// Arabic name the country of its nisba adjective ("السفارة الأمريكية" -> US).
fn org_country(name: &str, kb: &Kb) -> Option<String> {
    let found = kb.find(name);
    let code = |m: &Mention| m.kb_id.as_deref().and_then(|k| k.strip_prefix("country:")).map(str::to_string);
    if let Some(first) = found.first() {
        if first.start == 0 || name[..first.start].chars().all(|c| !c.is_alphanumeric()) {
            if let Some(c) = code(first) {
                return Some(c);
            }
        }
    }
    if is_arabic_word(name) {
        let mut codes = found.iter().filter(|m| m.label == Label::Norp).filter_map(code);
        let first = codes.next()?;
        if codes.all(|c| c == first) {
            return Some(first);
        }
    }
    None
}

/// Is the text between a country mention and a name only a title ("Defense Secretary")?
fn title_gap(gap: &str) -> bool {
    if gap.contains(|c: char| !(c.is_alphabetic() || c == ' ' || c == '-' || c == '.' || ('\u{064b}'..='\u{0652}').contains(&c))) {
        return false;
    }
    let words: Vec<&str> = gap.split_whitespace().collect();
    if words.iter().any(|w| is_arabic_word(w)) {
        return words.len() <= 2;
    }
    words.len() <= 4 && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The modality of a trigger at word `t_start` from the cues up to [`MODAL_WINDOW`] words
/// before it on its side of every clause barrier: a negation wins over a possibility, a
/// possibility over a plan ("would not have met" is negated, "may plan to visit" possible).
fn modality_of(modal: &[(u32, u8)], barriers: &[usize], t_start: usize) -> &'static str {
    let mut best = 0u8;
    for &(w, k) in modal {
        let w = w as usize;
        if w < t_start && w + MODAL_WINDOW >= t_start && !barriers.iter().any(|&b| w < b && b < t_start) {
            let rank = |k: u8| match k {
                1 => 3,
                3 => 2,
                2 => 1,
                _ => 0,
            };
            if rank(k) > rank(best) {
                best = k;
            }
        }
    }
    MODALITIES[best as usize]
}

fn doc_events<D: DocView>(
    d: u32,
    doc: &D,
    input: &EventInput,
    links: &[MentionLink],
    entities: &[LinkedEntity],
    lex: &Lexicon,
    country_entities: &HashMap<String, u32>,
    model: Option<&Model>,
) -> Vec<Event> {
    let mentions = doc.mentions();
    // The model is trained on English news; other languages keep the rules alone.
    let model = model.filter(|_| doc.lang().is_some_and(|l| l == "en" || l.starts_with("en-") || l.starts_with("en_")));
    let use_model = model.is_some();
    let dump = Dump::get();
    // Country actors of the whole document.
    let mut codes: Vec<String> = Vec::new();
    let mut code_id = |c: &str| -> u32 {
        match codes.iter().position(|x| x == c) {
            Some(i) => i as u32,
            None => {
                codes.push(c.to_string());
                (codes.len() - 1) as u32
            }
        }
    };
    let by_sentence = mentions_by_sentence(doc);
    let mut actors: Vec<Option<Actor>> = vec![None; mentions.len()];
    for r in &by_sentence {
        for m in r.clone() {
            let mention = &mentions[m];
            let link = links[m];
            let (code, own_place) = if let Some(code) = place_country(mention, link, entities) {
                (Some(code.to_string()), true)
            } else if mention.label == Label::Org {
                let i = input.org_country.binary_search_by_key(&(m as u32), |x| x.0);
                (i.ok().map(|i| input.org_country[i].1.clone()), false)
            } else {
                (None, false)
            };
            let mut actor = None;
            if let Some(code) = code {
                let entity = match country_entities.get(&code) {
                    Some(&e) => Some(e),
                    None if own_place => Some(link.entity),
                    None => None,
                };
                if let Some(entity) = entity {
                    actor = Some(Actor { code: code_id(&code), entity, start: mention.start, counts: true, via: if own_place { 0 } else { 1 } });
                }
            }
            // A person or organisation right after a country or demonym, with only a title
            // between, stands for that country.
            if actor.is_none() && matches!(mention.label, Label::Person | Label::Org) && m > r.start {
                if let Some(prev) = actors[m - 1] {
                    if input.title_gap.binary_search(&(m as u32)).is_ok() {
                        actor = Some(Actor { start: mention.start, counts: false, via: 2, ..prev });
                    }
                }
            }
            actors[m] = actor;
        }
    }
    // The two countries that dominate the document, if two do.
    let mut counts = vec![0u32; codes.len()];
    let mut first_seen = vec![usize::MAX; codes.len()];
    for a in actors.iter().flatten() {
        if a.counts {
            counts[a.code as usize] += 1;
        }
        first_seen[a.code as usize] = first_seen[a.code as usize].min(a.start);
    }
    let dominant: Option<[u32; 2]> = {
        let mut order: Vec<u32> = (0..codes.len() as u32).collect();
        order.sort_by(|&a, &b| counts[b as usize].cmp(&counts[a as usize]).then(first_seen[a as usize].cmp(&first_seen[b as usize])));
        let c = |k: usize| order.get(k).map_or(0, |&i| counts[i as usize]);
        (order.len() >= 2 && c(1) >= 2 && 3 * c(2) <= c(1)).then(|| {
            let (a, b) = (order[0], order[1]);
            if first_seen[a as usize] <= first_seen[b as usize] {
                [a, b]
            } else {
                [b, a]
            }
        })
    };
    let entity_of_code = |code: u32| -> Option<u32> {
        country_entities
            .get(&codes[code as usize])
            .copied()
            .or_else(|| actors.iter().flatten().find(|a| a.code == code).map(|a| a.entity))
    };

    let mut out = Vec::new();
    for cue in &input.sentences {
        let s = cue.sentence as usize;
        let to_usize = |v: &[u32]| -> Vec<usize> { v.iter().map(|&x| x as usize).collect() };
        let (blocks, barriers, dests, sources, conjs) =
            (to_usize(&cue.blocks), to_usize(&cue.barriers), to_usize(&cue.dests), to_usize(&cue.sources), to_usize(&cue.conjs));
        let pair_cue = cue.pair_cue.map(|x| x as usize);
        // Actors of the sentence, in word indices, with their role.
        let mut sent_actors: Vec<SentActor> = Vec::new();
        let mr = by_sentence[s].clone();
        for (k, a) in actors[mr.clone()].iter().enumerate() {
            let Some(a) = a else { continue };
            let (w0, w1, flags) = cue.spans[k];
            let (w0, w1) = (w0 as usize, w1 as usize);
            let mut role = if dests.contains(&w0) || flags & 0b11 != 0 {
                Role::Dest
            } else if sources.contains(&w0) {
                Role::Source
            } else {
                Role::Plain
            };
            // "to Mali and Niger", "من واشنطن وموسكو": coordination shares the role.
            if role == Role::Plain {
                if let Some(prev) = sent_actors.last().filter(|p| p.role != Role::Plain && p.w1 <= w0) {
                    let between_conj = prev.w1 < w0 && (prev.w1..w0).all(|w| conjs.contains(&w));
                    let proclitic_and = flags & 0b100 != 0 && prev.w1 == w0;
                    if between_conj || proclitic_and {
                        role = prev.role;
                    }
                }
            }
            sent_actors.push(SentActor { code: a.code, w0, w1, role, via: a.via, label: mentions[mr.start + k].label });
        }
        let money = mr.clone().find(|&m| mentions[m].label == Label::Money).map(|m| m as u32);
        let date = mr.clone().find(|&m| mentions[m].label == Label::Date).map(|m| m as u32);

        let mut sent_events: Vec<(Event, u32, u32)> = Vec::new();
        for t in &cue.triggers {
            let t_start = t.start as usize;
            let t_end = t.end as usize;
            let phrase = &lex.phrases[t.phrase as usize];
            let Kind::Event(event_type) = phrase.kind else { continue };
            if blocks.iter().any(|&b| b < t_start && b + BLOCK_WINDOW >= t_start) {
                continue;
            }
            let modality = modality_of(&cue.modal, &barriers, t_start);
            // Countries on the trigger's side of every clause barrier, each with the
            // distance in words of its nearest mention.
            let dist = |a: &SentActor| -> usize {
                if a.w1 <= t_start {
                    t_start - a.w1 + 1
                } else if a.w0 >= t_end {
                    a.w0 - t_end + 1
                } else {
                    0
                }
            };
            let reachable = |a: &SentActor| -> bool {
                !barriers.iter().any(|&b| (a.w1 <= b && b < t_start) || (t_end <= b && b < a.w0))
            };
            let mut nearest: Vec<(usize, usize)> = Vec::new(); // (distance, actor index)
            for (i, a) in sent_actors.iter().enumerate() {
                if !reachable(a) {
                    continue;
                }
                match nearest.iter_mut().find(|(_, j)| sent_actors[*j].code == a.code) {
                    Some(x) if dist(a) < x.0 => *x = (dist(a), i),
                    Some(_) => {}
                    None => nearest.push((dist(a), i)),
                }
            }
            nearest.sort_by_key(|&(dd, i)| (dd, sent_actors[i].w0));
            let side = |i: usize| -> Side {
                let a = &sent_actors[i];
                Side { code: a.code, pos: a.w0, before: a.w1 <= t_start, role: a.role }
            };
            let pick: Option<(Side, Side)> = match nearest.len() {
                0 | 1 => {
                    let Some(([p, q], _)) = dominant.zip(pair_cue) else { continue };
                    if !nearest.iter().all(|&(_, i)| sent_actors[i].code == p || sent_actors[i].code == q) {
                        continue;
                    }
                    // A country not named here stands at the cue; with neither named, the
                    // two are in order of first mention in the document.
                    let at_cue = |c: u32, pos: usize| Side { code: c, pos, before: false, role: Role::Plain };
                    let named = nearest.first().map(|&(_, i)| side(i));
                    Some(match named {
                        Some(n) if n.code == p => (n, at_cue(q, usize::MAX)),
                        Some(n) => (at_cue(p, usize::MAX), n),
                        None => (at_cue(p, 0), at_cue(q, 1)),
                    })
                }
                k => {
                    let (d2, d3) = (nearest[1].0, nearest.get(2).map_or(usize::MAX, |x| x.0));
                    let ok = match k {
                        2 => true,
                        3 => d3 >= d2.saturating_add(MARGIN),
                        _ => d2 <= NEAR_WINDOW && d3 > 2 * NEAR_WINDOW,
                    };
                    ok.then(|| (side(nearest[0].1), side(nearest[1].1)))
                }
            };
            // Two destinations ("to Mali and Niger") or two origins share a role: no event
            // between them.
            let pick = pick.filter(|(a, b)| !(a.role == b.role && a.role != Role::Plain));
            let rule = pick.map(|(a, b)| {
                let (mut first, mut second) = if !phrase.reverse && a.role != b.role {
                    if a.role < b.role {
                        (a, b)
                    } else {
                        (b, a)
                    }
                } else if a.before != b.before {
                    if a.before {
                        (a, b)
                    } else {
                        (b, a)
                    }
                } else if a.pos <= b.pos {
                    (a, b)
                } else {
                    (b, a)
                };
                if phrase.reverse {
                    std::mem::swap(&mut first, &mut second);
                }
                (first.code, second.code)
            });
            // The model decides between every ordered pair of the sentence's countries when
            // two or more are named; the rules' pick is one of its features.
            let mut chosen: Vec<(u32, u32, f32)> = Vec::new();
            // A type the model never saw in training (no weight for it) keeps the rules.
            let use_model = use_model && model.is_some_and(|m| m.knows(event_type));
            let scored = nearest.len() >= 2 && (use_model || dump.is_some());
            if scored {
                let mut per_pair: Vec<(u32, u32, f32)> = Vec::new();
                for (ra, &(_, ia)) in nearest.iter().enumerate() {
                    for (rb, &(_, ib)) in nearest.iter().enumerate() {
                        if ia == ib {
                            continue;
                        }
                        let (a, b) = (&sent_actors[ia], &sent_actors[ib]);
                        let rule_flag = match rule {
                            Some(r) if r == (a.code, b.code) => "fwd",
                            Some(r) if r == (b.code, a.code) => "rev",
                            Some(_) => "other",
                            None => "none",
                        };
                        let feats = features(&FeatureInput {
                            words: &cue.words,
                            punct: &cue.punct,
                            conjs: &conjs,
                            t_start,
                            t_end,
                            phrase: &phrase.text,
                            event_type,
                            modality,
                            n_codes: nearest.len(),
                            rule: rule_flag,
                            a: (a, ra),
                            b: (b, rb),
                        });
                        let score = model.map_or(0.0, |m| m.score(&feats));
                        if let Some(dump) = dump {
                            dump.write(d, s as u32, event_type, &codes[a.code as usize], &codes[b.code as usize], modality, &feats);
                        }
                        let key = (a.code.min(b.code), a.code.max(b.code));
                        match per_pair.iter_mut().find(|p| (p.0.min(p.1), p.0.max(p.1)) == key) {
                            Some(p) if score > p.2 => *p = (a.code, b.code, score),
                            Some(_) => {}
                            None => per_pair.push((a.code, b.code, score)),
                        }
                    }
                }
                if use_model {
                    let threshold = model.map_or(0.0, |m| m.threshold);
                    chosen = per_pair.into_iter().filter(|p| p.2 >= threshold).collect();
                }
            }
            if !(scored && use_model) {
                chosen.extend(rule.map(|(x, y)| (x, y, 0.0)));
            }
            for (c1, c2, _score) in chosen {
                let (Some(e1), Some(e2)) = (entity_of_code(c1), entity_of_code(c2)) else { continue };
                if e1 == e2 {
                    continue;
                }
                let key = (c1.min(c2), c1.max(c2));
                if sent_events.iter().any(|(e, x, y)| e.event_type == event_type && (*x, *y) == key) {
                    continue;
                }
                let trigger = t.bytes.0 as usize..t.bytes.1 as usize;
                sent_events.push((
                    Event {
                        doc: d,
                        sentence: s as u32,
                        actor1: e1,
                        actor2: e2,
                        event_type,
                        trigger,
                        trigger_text: t.text.clone(),
                        trigger_chars: t.chars.0..t.chars.1,
                        money,
                        date,
                        modality,
                    },
                    key.0,
                    key.1,
                ));
            }
        }
        // A specific type hides a generic one for the same pair.
        let has = |ty: &str, x: u32, y: u32, evs: &[(Event, u32, u32)]| evs.iter().any(|(e, a, b)| e.event_type == ty && (*a, *b) == (x, y));
        let snapshot = sent_events.clone();
        sent_events.retain(|(e, x, y)| match e.event_type {
            "agreement" => !has("arms_sale", *x, *y, &snapshot),
            "military_cooperation" => !has("exercise", *x, *y, &snapshot),
            _ => true,
        });
        sent_events.sort_by_key(|(e, _, _)| (e.trigger.start, e.trigger.end));
        out.extend(sent_events.into_iter().map(|(e, _, _)| e));
    }
    out
}
