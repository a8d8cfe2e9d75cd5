//! Country-level events: a trigger phrase from the shipped lexicons
//! (`python/newsframe/data/events/`) and two distinct country actors in one sentence.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::mentions_by_sentence;
use crate::doc::{Label, Mention};
use crate::features::events::EventInput;
use crate::features::events::{Kind, Lexicon};
use crate::kb::Kb;
use crate::link::{LinkedEntity, Linking, MentionLink};
use crate::record::DocView;

mod classifier;
pub use classifier::{add_offsets as add_classifier_offsets, save as save_classifier, train as train_classifier, Model};

#[cfg(test)]
mod tests;

/// How far before a trigger a `@block` cue cancels it, in words.
const BLOCK_WINDOW: usize = 3;
/// How far before an agreement noun a verb of making ("reached", "concluded") reaches.
const MAKE_WINDOW: usize = 4;
/// How far after a meeting verb an abstract object (`@abstract`: "obligations") turns it
/// into "satisfy", in words ("meet its financial obligations").
const ABSTRACT_WINDOW: usize = 2;
/// Coordinated subjects ("France and Germany ... signed") lie within this many words before
/// the trigger when they make an event among themselves.
const SUBJ_WINDOW: usize = 6;
/// The object side starts within this many words after the trigger.
const OBJ_WINDOW: usize = 6;
/// "between" follows a trigger within this many words when its countries are the
/// trigger's parties ("a meeting in Geneva between X and Y").
const BETWEEN_WINDOW: usize = 4;
/// A criticism noun's critic ends within this many words before it ("Japan has made
/// repeated complaints").
const CRITIC_WINDOW: usize = 3;
/// A critic noun ("Germany has been one of the loudest critics of") is predicated of its
/// subject through "be" and a quantifier: the critic ends within this many words before it.
const CRITIC_PERSON_WINDOW: usize = CRITIC_WINDOW + 3;
/// Former states of the knowledge base and their continuators (see the file).
const CONTINUATORS_TSV: &str = include_str!("../../../python/newsframe/data/events/continuators.tsv");
/// Entities that act for another actor than their kb entry says (see the file).
const PROXIES_TSV: &str = include_str!("../../../python/newsframe/data/events/proxies.tsv");
/// A word that makes a trip private ("for a medical check-up") lies within this many words
/// after the travel trigger.
const PRIVATE_WINDOW: usize = 8;
/// A verb of receiving (`@received`) reaches an aid noun this many words after it ("was
/// given a 5.5 mln dlrs loan").
const RECEIVED_WINDOW: usize = 5;
/// How many words after a verb of making a past date still dates it ("signed by the two
/// countries in 1994").
const PAST_DATE_WINDOW: usize = 6;
/// Most countries of one coordinated group ("France, Germany and Britain"): a longer list is
/// a roll call, not the parties of one event.
const MAX_GROUP: usize = 6;

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

/// Does a DATE mention name a time well before the news ("last September", "in 1985",
/// "two years ago"), not a recent day ("last week", "on Monday")?
fn past_date(s: &str) -> bool {
    const LAST: [&str; 17] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "year", "spring",
        "summer", "autumn", "winter",
    ];
    let l = s.to_ascii_lowercase();
    let year = l.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit));
    let last = l.strip_prefix("last ").is_some_and(|r| LAST.iter().any(|m| r.starts_with(m)));
    year || last || (l.ends_with(" ago") && l.contains("year"))
}

/// The modalities of an event, as stable strings (see `docs/events.md`).
pub const MODALITIES: [&str; 4] = ["asserted", "negated", "planned", "possible"];

/// A pair the rules propose for one trigger of a sentence, by country code.
#[derive(Debug, Clone, Copy)]
struct Proposal {
    /// Index into the sentence's triggers.
    trigger: usize,
    c1: u32,
    c2: u32,
    /// "met visiting X": the direction settles an earlier event of the same pair.
    visitor: bool,
    event_type: &'static str,
    /// The rules chose it; else another pair of the sentence's countries that only the
    /// classifier may accept.
    proposed: bool,
}

/// Who decides among the rules' proposals.
#[derive(Clone, Copy)]
pub(crate) enum Mode<'a> {
    /// Every proposal, as the rules direct it.
    Rules,
    /// The classifier accepts or rejects each proposed pair and picks its direction.
    Model(&'a Model),
    /// As `Rules`, and each proposed pair in both directions is kept as a [`Candidate`].
    Collect,
}

/// One directed candidate event and its classifier features, for training.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub doc: u32,
    pub sentence: u32,
    /// Index of the trigger among the sentence's trigger phrases.
    pub trigger: u32,
    pub event_type: &'static str,
    pub actor1: u32,
    pub actor2: u32,
    /// The rules proposed this direction.
    pub proposed: bool,
    pub features: Vec<String>,
}

/// Each proposed (trigger, type, pair of countries) once, in both directions, in the
/// order the rules proposed them.
fn directed(rule: &[Proposal]) -> Vec<(Proposal, u32, u32)> {
    let mut out = Vec::new();
    let mut seen: Vec<(usize, &str, u32, u32)> = Vec::new();
    for p in rule {
        let key = (p.trigger, p.event_type, p.c1.min(p.c2), p.c1.max(p.c2));
        if !seen.contains(&key) {
            seen.push(key);
            out.push((*p, p.c1, p.c2));
            out.push((*p, p.c2, p.c1));
        }
    }
    out
}

/// The proposals the classifier accepts: each proposed pair in its better-scored direction
/// when that score is above 0 (a tie keeps the rules' direction).
fn decide(rule: &[Proposal], score: impl Fn(&Proposal, u32, u32) -> f32) -> Vec<Proposal> {
    let dirs = directed(rule);
    dirs.chunks(2)
        .filter_map(|pair| {
            let ((p, a, b), (_, c, d)) = (pair[0], pair[1]);
            let (s1, s2) = (score(&p, a, b), score(&p, c, d));
            let (c1, c2, s) = if s2 > s1 { (c, d, s2) } else { (a, b, s1) };
            let visitor = rule.iter().any(|q| q.visitor && q.trigger == p.trigger && q.event_type == p.event_type && (q.c1, q.c2) == (c1, c2));
            (s > 0.0).then_some(Proposal { c1, c2, visitor, ..p })
        })
        .collect()
}

/// Lexicon classes of a sentence's words that the classifier sees between an actor and
/// the trigger, in bit order.
const CLASSES: [&str; 19] = [
    "block", "barrier", "dest", "source", "conj", "venue", "agent", "with", "make", "between", "abstract", "group", "relative",
    "private", "official", "article", "punct", "possessive", "trigger",
];

/// How many words before a trigger a modality cue ("not", "will", "might") reaches.
const MODAL_WINDOW: usize = 4;

/// The role a preposition gives a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    /// "from X", "officials from X": the origin.
    Source,
    /// "by X" after a passive trigger: the agent, actor1.
    Agent,
    Plain,
    /// "with X", "against X": the partner or target.
    With,
    /// "to X", "لX": the destination or recipient.
    Dest,
    /// "in X", "at X": the destination of a trip, else only the venue.
    Venue,
}

/// A country actor of one sentence, in word indices of the sentence.
#[derive(Debug, Clone, Copy)]
struct SentActor {
    code: u32,
    w0: usize,
    w1: usize,
    role: Role,
    /// The name carries an Arabic proclitic و "and".
    and_prefix: bool,
    /// A demonym or a titled official ("French Foreign Minister X", "Iran's foreign
    /// minister"), not the country's name alone.
    official: bool,
    /// A demonym ("Cuban complaints", "an Irish tour").
    norp: bool,
    /// A region of a country (a province, a US state), never its government.
    place_only: bool,
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
    /// A region of a country (a province, a US state): only where a trip goes.
    place_only: bool,
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
/// A place or demonym that only qualifies a company or group ("Canada's Bre-X", "Kurdish
/// rebels", "former Israeli ...") is no actor, nor is an English organisation named after a
/// country unless its name says it is a state body ("embassy", "ministry"); a sentence about
/// sport (a `@sport` word) has no events.
///
/// Actors are found by their place around a trigger phrase (see the lexicons), on its side
/// of every clause barrier ("while", "despite", "بينما"): the subject side is the country
/// nearest before the trigger with those coordinated with it ("France, Germany and Britain
/// met"), the object side the country nearest after it with its coordinated ones. Two or
/// more subjects and no `with`/`against` partner make events among themselves when the type
/// is mutual (the object is then a topic: "the U.S. and Russia discussed Bosnia"; "France
/// and Japan give aid" is no aid between them); one subject makes an event
/// with each object; with no subject, two or more coordinated objects ("talks between X and
/// Y") make events among themselves, and so do the countries of a `between` phrase right
/// after the trigger whoever precedes it. The meeting or talks of an organisation that
/// stands for no country ("an ICO board meeting") make no event among the countries around
/// them unless a partner follows. A place after `in`/`at` is the host of a trip
/// (visit triggers other than meetings) and otherwise only the venue, never an actor. A
/// sentence with fewer than two countries but a phrase such as "both countries" or
/// "البلدين" uses the two countries that dominate the document (the third most mentioned at
/// most a third as often as the second), when its own country, if any, is one of them. A
/// trigger preceded by a concession cue ("despite", "رغم") is ignored; a negation, plan or
/// possibility cue ("did not", "will", "might") sets the event's `modality` instead.
///
/// An agreement noun ("deal", "treaty") makes an event only after a verb of making
/// ("reached", "concluded"): "under a 1920s treaty" reports no agreement. A talks noun
/// ("negotiations") takes no plain country of another clause as its subject, and
/// "visiting" that opens a clause ("..., visiting U.S. secretary X told") has no host before it.
///
/// Direction: actor1 is the subject, actor2 the object; a destination or recipient ("to X",
/// "لX") is actor2, an origin ("from X") or the agent of a passive ("condemned by X")
/// actor1; two destinations or two origins ("to Mali and Niger") make no event together.
/// Reversed triggers ("hosted", "buys ... weapons") swap the two. In one sentence each
/// (type, pair of countries) gives one event, and `arms_sale` hides `agreement`, `exercise`
/// hides `military_cooperation` for the same pair.
pub fn events<D: DocView>(docs: &[D], linking: &Linking, kb: &Kb) -> Vec<Event> {
    events_of(0, docs, &linking.links, &linking.entities, &country_entities(&linking.entities), kb)
}

/// [`events`] of a chunk of documents, `first..` of the corpus, whose mentions link as
/// `links[i]` to `entities`; `countries` is [`country_entities`] of `entities`. The shipped
/// classifier decides among the rules' proposals when it has weights.
pub fn events_of<D: DocView>(
    first: u32,
    docs: &[D],
    links: &[Vec<MentionLink>],
    entities: &[LinkedEntity],
    countries: &HashMap<String, u32>,
    kb: &Kb,
) -> Vec<Event> {
    let mode = Model::builtin().map_or(Mode::Rules, Mode::Model);
    run(first, docs, links, entities, countries, kb, mode).0
}

/// The rules' proposals of every sentence of `docs`, each pair in both directions with its
/// classifier features: the training rows of `bench/train_event_classifier.py`.
pub fn candidates<D: DocView>(docs: &[D], linking: &Linking, kb: &Kb) -> Vec<Candidate> {
    run(0, docs, &linking.links, &linking.entities, &country_entities(&linking.entities), kb, Mode::Collect).1
}

/// [`events`] decided by `mode`.
#[cfg(test)]
pub(crate) fn events_by<D: DocView>(docs: &[D], linking: &Linking, kb: &Kb, mode: Mode) -> Vec<Event> {
    run(0, docs, &linking.links, &linking.entities, &country_entities(&linking.entities), kb, mode).0
}

fn run<D: DocView>(
    first: u32,
    docs: &[D],
    links: &[Vec<MentionLink>],
    entities: &[LinkedEntity],
    countries: &HashMap<String, u32>,
    kb: &Kb,
    mode: Mode,
) -> (Vec<Event>, Vec<Candidate>) {
    let lex = Lexicon::builtin();
    let per_doc: Vec<(Vec<Event>, Vec<Candidate>)> = docs
        .par_iter()
        .enumerate()
        .map(|(i, doc)| match links.get(i) {
            Some(links) if links.len() == doc.mentions().len() && doc.ok() => {
                let mut cands = Vec::new();
                let ev = doc_events(first + i as u32, doc, &doc.event_input(kb), links, entities, lex, countries, mode, &mut cands);
                (ev, cands)
            }
            _ => (Vec::new(), Vec::new()),
        })
        .collect();
    let mut events = Vec::new();
    let mut cands = Vec::new();
    for (e, c) in per_doc {
        events.extend(e);
        cands.extend(c);
    }
    (events, cands)
}

/// (former state, continuator) country codes of the shipped `continuators.tsv`: one state at
/// the time of the text, so never the two actors of one event ("Soviet Foreign Minister X will
/// meet in Moscow" names no second country).
fn continuators() -> &'static [(String, String)] {
    static PAIRS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    PAIRS.get_or_init(|| two_columns(CONTINUATORS_TSV, "continuators.tsv", "a former state and its continuator"))
}

/// The two first fields of each row of a shipped table with a header; a row without both
/// is a build defect, named by its file, line and `what` it should hold.
fn two_columns(tsv: &str, file: &str, what: &str) -> Vec<(String, String)> {
    crate::text::data_lines(tsv)
        .skip(1)
        .map(|(n, line)| {
            let mut f = line.split('\t').map(str::trim);
            match (f.next(), f.next()) {
                (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => (a.to_string(), b.to_string()),
                _ => panic!("{file} line {}: expected {what}", n + 1),
            }
        })
        .collect()
}

/// kb id -> the country code the entity acts for, or `None` for no state, from the shipped
/// `proxies.tsv`: "the PLO" acts for Palestine, "Brussels" for the EU (no state).
fn proxies() -> &'static HashMap<String, Option<String>> {
    static MAP: OnceLock<HashMap<String, Option<String>>> = OnceLock::new();
    MAP.get_or_init(|| {
        two_columns(PROXIES_TSV, "proxies.tsv", "a kb id and a country code or -")
            .into_iter()
            .map(|(id, c)| (id, (c != "-").then_some(c)))
            .collect()
    })
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

/// The modality of a trigger at words `t_start..t_end` from the cues up to [`MODAL_WINDOW`]
/// words before it, an infinitive or purpose word right before it ("to hold talks", "for
/// talks"), or a time still to come ("tomorrow", "next week") up to as many words
/// after it with no clause punctuation between ("held talks, and leaves for Paris
/// tomorrow" asserts the talks), on its side of every clause barrier: a negation wins over
/// a possibility, a possibility over a plan ("would not have met" is negated, "may plan to visit" possible).
fn modality_of(modal: &[(u32, u8)], barriers: &[usize], punct: &[u32], t_start: usize, t_end: usize) -> &'static str {
    let mut best = 0u8;
    for &(w, k) in modal {
        let w = w as usize;
        let near = if k == 5 {
            w == t_start
        } else if k == 4 {
            t_end <= w
                && w <= t_end + MODAL_WINDOW
                && !barriers.iter().any(|&b| t_end <= b && b <= w)
                && !punct.iter().any(|&p| t_end <= p as usize && p as usize <= w)
        } else {
            w < t_start && w + MODAL_WINDOW >= t_start && !barriers.iter().any(|&b| w < b && b < t_start)
        };
        if near {
            let k = if k >= 4 { 2 } else { k };
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
    mode: Mode,
    candidates: &mut Vec<Candidate>,
) -> Vec<Event> {
    let mentions = doc.mentions();
    // Arabic puts the verb first: the first country after it is its subject.
    let vso = doc.lang().is_some_and(|l| l == "ar" || l.starts_with("ar-") || l.starts_with("ar_"));
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
    // The country of a place or demonym that only qualifies a company or a common noun
    // ("the Japanese trading company"): no actor, but what "the two countries" cannot mean.
    let mut qualified: Vec<Option<&str>> = vec![None; mentions.len()];
    for r in &by_sentence {
        for m in r.clone() {
            let mention = &mentions[m];
            let link = links[m];
            let proxy = entities
                .get(link.entity as usize)
                .and_then(|e| e.kb_id.as_deref())
                .into_iter()
                .chain(mention.kb_id.as_deref())
                .find_map(|k| proxies().get(k));
            let (code, own_place) = if input.datelines.binary_search(&(m as u32)).is_ok() {
                (None, false)
            } else if let Some(acts_for) = proxy.filter(|_| matches!(mention.label, Label::Gpe | Label::Org)) {
                // "the PLO" is Palestine's; "Brussels" is the EU's, no state's.
                // (The organisation itself names the actor when the corpus has no entity of
                // the country.)
                (acts_for.clone(), acts_for.is_some())
            } else if input.qualifiers.binary_search(&(m as u32)).is_ok() {
                qualified[m] = place_country(mention, link, entities);
                (None, false)
            } else if let Some(code) = place_country(mention, link, entities) {
                (Some(code.to_string()), true)
            } else if mention.label == Label::Org {
                let i = input.org_country.binary_search_by_key(&(m as u32), |x| x.0);
                (i.ok().map(|i| input.org_country[i].1.clone()), false)
            } else {
                (None, false)
            };
            let mut actor = None;
            // "Texas", "Tibet", "Scotland" stand for their country only as a place to visit:
            // a region's authorities or people are not the state.
            let region = |k: Option<&str>| k.is_some_and(|k| k.starts_with("subdivision:"));
            let place_only = own_place && (region(entities.get(link.entity as usize).and_then(|e| e.kb_id.as_deref())) || region(mention.kb_id.as_deref()));
            if let Some(code) = code {
                let entity = match country_entities.get(&code) {
                    Some(&e) => Some(e),
                    None if own_place => Some(link.entity),
                    None => None,
                };
                if let Some(entity) = entity {
                    actor = Some(Actor { code: code_id(&code), entity, start: mention.start, counts: true, place_only });
                }
            }
            // A person or organisation right after a country or demonym, with only a title
            // between, stands for that country.
            if actor.is_none() && matches!(mention.label, Label::Person | Label::Org) && m > r.start {
                if let Some(prev) = actors[m - 1] {
                    if input.title_gap.binary_search(&(m as u32)).is_ok() {
                        actor = Some(Actor { start: mention.start, counts: false, ..prev });
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
        // Countries named in a sentence about sport are teams.
        if cue.sport {
            continue;
        }
        let s = cue.sentence as usize;
        let to_usize = |v: &[u32]| -> Vec<usize> { v.iter().map(|&x| x as usize).collect() };
        let (blocks, barriers, dests, sources, conjs) =
            (to_usize(&cue.blocks), to_usize(&cue.barriers), to_usize(&cue.dests), to_usize(&cue.sources), to_usize(&cue.conjs));
        let pair_cue = cue.pair_cue.map(|x| x as usize);
        // Actors of the sentence, in word indices, with their role.
        let mut sent_actors: Vec<SentActor> = Vec::new();
        let mr = by_sentence[s].clone();
        // A trip noun's "by" phrase after its destination and date names the traveller ("a
        // visit to Moscow last week by Iran's oil minister"): only names, "to" and
        // articles lie between, no verb whose agent it could be ("was condemned by").
        // The "by" of an agent named at word `w0`: right before it, or before an article or a
        // title word ("by the Iranian minister", "by senior American officials").
        let by_pos = |w0: usize| -> Option<usize> {
            if cue.agents.contains(&(w0 as u32)) {
                w0.checked_sub(1)
            } else if w0 >= 2 && cue.agents.contains(&(w0 as u32 - 1)) && (cue.articles.contains(&(w0 as u32 - 1)) || cue.officials.contains(&(w0 as u32 - 1))) {
                Some(w0 - 2)
            } else {
                None
            }
        };
        // Is the "by" at word `b` that of a trip noun's traveller: only the destination (names,
        // "to", articles, or one word after "the": "a visit to the island by") lies between?
        let trip_by = |t: &crate::features::events::TriggerCue, b: usize| {
            let p = &lex.phrases[t.phrase as usize];
            let end = t.end as usize;
            matches!(p.kind, Kind::Event("visit"))
                && !p.meet
                && !p.reverse
                && end < b
                && b <= end + OBJ_WINDOW
                && (end..b).all(|i| {
                    dests.contains(&(i + 1))
                        || cue.articles.contains(&(i as u32))
                        || cue.spans.iter().any(|&(a, b, _)| a as usize <= i && i < b as usize)
                        || (i > end && i + 1 == b && cue.articles.contains(&(i as u32 - 1)))
                })
        };
        // The country of the last mention dropped as non-state, and its end: the official
        // named right after it ("former Israel PM Peres") is no actor either.
        let mut dropped: Option<(u32, usize)> = None;
        // The end of the last place dropped as a post or a trip's origin.
        let mut posted: Option<usize> = None;
        // Countries the sentence names only as companies, groups or people of theirs, and
        // where.
        let mut nonstate_codes: Vec<(u32, usize)> = Vec::new();
        // "the Paris, Amsterdam and Lisbon stock exchanges", "British and French firms": the
        // names of a list share the non-state word after its last one. Only names of one
        // kind make such a list: "Iran, Iraq and Kurdish rebels" lists states and a group.
        let n_sent = mr.len();
        let mut listed_nonstate = vec![false; n_sent];
        for k in (0..n_sent).rev() {
            let (w0, w1, _) = cue.spans[k];
            let direct = cue.nonstate_after.iter().any(|&x| x == w1);
            let shared = k + 1 < n_sent && listed_nonstate[k + 1] && mentions[mr.start + k].label == mentions[mr.start + k + 1].label && {
                let next0 = cue.spans[k + 1].0;
                // Between the names only "and", "or", articles, or a comma ("Milan, Vienna").
                (w1 < next0 && (w1..next0).all(|i| conjs.contains(&(i as usize)) || cue.articles.contains(&i)))
                    || (w1 == next0 && cue.punct.contains(&next0))
            };
            listed_nonstate[k] = w0 < w1 && (direct || shared);
        }
        for (k, a) in actors[mr.clone()].iter().enumerate() {
            let Some(a) = a else { continue };
            let (w0, w1, flags) = cue.spans[k];
            let (w0, w1) = (w0 as usize, w1 as usize);
            // "Kurdish rebels", "Japanese bank", "former Israeli prime minister": a group or
            // a person of that nationality that does not act for the state.
            if listed_nonstate[k] || cue.nonstate_before.iter().any(|&x| x as usize == w0) {
                dropped = Some((a.code, w1));
                nonstate_codes.push((a.code, w0));
                continue;
            }
            // "Belgian Willy de Clercq, EC Commissioner": a demonym right before a person's
            // name is the person's nationality. It stands for the state only with a title of
            // that state in apposition (", foreign minister"), not one of an organisation.
            let person_after = (mr.start + k + 1 < mr.end && mentions[mr.start + k + 1].label == Label::Person)
                .then(|| cue.spans[k + 1])
                .filter(|&(p0, _, _)| p0 as usize == w1);
            if let Some((_, p1, _)) = person_after.filter(|_| mentions[mr.start + k].label == Label::Norp) {
                let p1 = p1 as usize;
                let org_at = |w: usize| cue.spans.iter().zip(mr.clone()).any(|(&(o0, _, _), m)| o0 as usize == w && mentions[m].label == Label::Org);
                let titled = cue.officials.iter().any(|&o| (p1..=p1 + 2).contains(&(o as usize)) && !(p1..=o as usize).any(org_at));
                if !titled {
                    dropped = Some((a.code, w1));
                    nonstate_codes.push((a.code, w0));
                    continue;
                }
            }
            if !a.counts && dropped.is_some_and(|(c, e)| c == a.code && e <= w0) {
                continue;
            }
            // "Turkey's ambassador to Athens", "arrived from Helsinki": where an official
            // serves and where a trip came from are no parties of what is done here; nor
            // are the places listed with it ("ambassador to Austria, the Netherlands and
            // the UN"), nor the official named right after it ("Ambassador to Athens Nazmi
            // Akiman" is the Turk).
            let after_cue = |v: &[u32]| v.iter().any(|&x| x as usize == w0 || (x as usize + 1 == w0 && cue.articles.contains(&x)));
            let has = |v: &[u32]| v.iter().any(|&x| x as usize == w0);
            let listed = |w: usize| conjs.contains(&w) || cue.articles.contains(&(w as u32));
            let punct_at = |w: usize| cue.punct.iter().any(|&p| p as usize == w);
            let with_post = posted.is_some_and(|e| (e < w0 && (e..w0).all(listed)) || (e == w0 && punct_at(w0)));
            // "the idea, first proposed by French Agriculture Minister X, during his visit to
            // Washington": a "by" phrase right after no trigger is the agent of another
            // (passive) verb, no party of the trigger's ("a visit to Moscow last week by
            // Iran's minister" is the trip's own).
            // ("Iraq denounces violation of airspace by U.S. warplanes": a noun's agent may
            // be the trigger's object.)
            let by_at = by_pos(w0);
            // (A "by" inside the trigger is its own: "was received by X" names the host.)
            let other_agent = after_cue(&cue.participle_agents)
                && by_at.is_some_and(|b| !cue.passive_bys.contains(&(b as u32)) && !cue.triggers.iter().any(|t| t.end as usize == b || (t.start as usize) < b && b < t.end as usize || trip_by(t, b)));
            if a.counts && (after_cue(&cue.posts) || after_cue(&cue.departed) || with_post || other_agent) {
                posted = Some(w1);
                dropped = Some((a.code, w1));
                continue;
            }
            let mut role = if dests.contains(&w0) || flags & 0b11 != 0 {
                Role::Dest
            } else if by_at.is_some_and(|b| cue.passive_bys.contains(&(b as u32)) || cue.triggers.iter().any(|t| t.end as usize == b || trip_by(t, b))) {
                // "was condemned by Iran", "condemned by the United States", "a visit to
                // Moscow last week by Iran's oil minister"; not "violation of airspace by
                // U.S. warplanes".
                Role::Agent
            } else if sources.contains(&w0) {
                Role::Source
            } else if has(&cue.venues) {
                Role::Venue
            } else if has(&cue.withs)
                || (w0 > 0 && cue.withs.iter().any(|&x| x as usize + 1 == w0) && (cue.possessive.contains(&(w0 as u32 - 1)) || cue.articles.contains(&(w0 as u32 - 1))))
            {
                // "talks with his German counterpart", "signed with the Iranian minister".
                Role::With
            } else {
                Role::Plain
            };
            // "to Mali and Niger", "من واشنطن وموسكو": coordination shares the role.
            if role == Role::Plain {
                if let Some(prev) = sent_actors.last().filter(|p| p.role != Role::Plain && p.w1 <= w0) {
                    // Also a list with commas and articles: "ambassador to Austria, the
                    // Netherlands and the UN", "trips to Saudi Arabia, the United States".
                    let listed = |w: usize| conjs.contains(&w) || cue.articles.contains(&(w as u32));
                    // A comma alone makes a list only when the list goes on after the name
                    // ("in Belgium, Luxembourg and the Netherlands"; not "After the visit to
                    // Brazil, French officials flew home").
                    let punct_at = |w: usize| cue.punct.iter().any(|&p| p as usize == w);
                    let between_conj = (prev.w1 < w0 && (prev.w1..w0).all(listed))
                        || (prev.w1 == w0 && punct_at(w0) && (conjs.contains(&w1) || punct_at(w1)));
                    let proclitic_and = flags & 0b100 != 0 && prev.w1 == w0;
                    if between_conj || proclitic_and {
                        role = prev.role;
                    }
                }
            }
            // "Israeli Prime Minister Netanyahu": the official extends the demonym's span.
            if !a.counts {
                if let Some(prev) = sent_actors.last_mut().filter(|p| p.code == a.code && p.w1 <= w0) {
                    prev.w1 = w1;
                    prev.official = true;
                    // The span now ends at the official: no longer a bare demonym before
                    // the next word.
                    prev.norp = false;
                    continue;
                }
            }
            let norp = mentions[mr.start + k].label == Label::Norp;
            // "Iran's foreign minister", "the Iranian delegation": a title or office follows.
            // So does "a delegation from Niger", "officials from X".
            let titled = cue.officials.iter().any(|&o| (w1..=w1 + 2).contains(&(o as usize)) || (sources.contains(&w0) && o as usize + 2 == w0));
            sent_actors.push(SentActor { code: a.code, w0, w1, role, and_prefix: flags & 0b100 != 0, official: norp || titled, norp, place_only: a.place_only });
        }
        // Organisations that stand for no country, by word span: "an ICO executive board
        // meeting", "the IMF meeting" are theirs.
        let orgs: Vec<(usize, usize)> = mr
            .clone()
            .enumerate()
            .filter(|&(_, m)| mentions[m].label == Label::Org && actors[m].is_none())
            .filter_map(|(k, _)| cue.spans.get(k).map(|&(w0, w1, _)| (w0 as usize, w1 as usize)))
            .collect();
        let money = mr.clone().find(|&m| mentions[m].label == Label::Money).map(|m| m as u32);
        let date = mr.clone().find(|&m| mentions[m].label == Label::Date).map(|m| m as u32);
        // Are two actors, `a` before `b`, coordinated: "France and Germany", "France, Germany"?
        let coordinated = |a: &SentActor, b: &SentActor| -> bool {
            if b.w0 < a.w1 {
                return false;
            }
            // "the visit to Brazil, French officials ...": a destination or origin and a
            // plain name are no list.
            let placed = |r: Role| matches!(r, Role::Dest | Role::Source | Role::Agent);
            if a.role != b.role && (placed(a.role) || placed(b.role)) {
                return false;
            }
            let gap = b.w0 - a.w1;
            // "Polish President X and his Slovenian counterpart Y", "Azerbaijani adviser X and
            // his Armenian counterpart" coordinate two officials.
            let possessive = |w: usize| cue.possessive.iter().any(|&p| p as usize == w);
            let no_punct = !cue.punct.iter().any(|&p| (p as usize) > a.w1 && (p as usize) <= b.w0);
            // "France, the United States and Britain", "Britain and the United States".
            let article = |w: usize| cue.articles.iter().any(|&x| x as usize == w);
            let punct_at = |w: usize| cue.punct.iter().any(|&p| p as usize == w);
            (gap == 0 && (b.and_prefix || punct_at(b.w0)))
                || (gap == 1 && conjs.contains(&a.w1))
                || (gap == 1 && article(a.w1) && punct_at(a.w1))
                || (gap == 2 && conjs.contains(&a.w1) && article(a.w1 + 1))
                // A conjunction of several words: "Indonesia, as well as Sri Lanka".
                || (gap >= 2 && (a.w1..b.w0).all(|w| conjs.contains(&w)))
                || ((2..=6).contains(&gap) && conjs.contains(&(b.w0 - 2)) && possessive(b.w0 - 1) && (gap == 2 || (a.official && no_punct)))
        };

        // Countries of a "between X and Y" phrase ("a pact between Canberra and
        // Washington", "the ceasefire between Israel and Hizbollah") are the parties of the
        // noun before it: a later trigger does not take them as its subject.
        let mut in_between = vec![false; sent_actors.len()];
        // Countries a trip goes to: the one named right after a travel trigger ("will visit
        // Egypt", "left Amman for the West Bank") and those listed with it ("will visit
        // Britain, France and Italy for discussions"): hosts, never subjects of talks there.
        let mut toured = vec![false; sent_actors.len()];
        for (i, a) in sent_actors.iter().enumerate() {
            let listed = |flags: &[bool]| i > 0 && flags[i - 1] && coordinated(&sent_actors[i - 1], a);
            in_between[i] = cue.betweens.iter().any(|&b| b as usize == a.w0 || (b as usize + 1 == a.w0 && cue.articles.contains(&b))) || listed(&in_between);
            toured[i] = cue.triggers.iter().any(|v| {
                let p = &lex.phrases[v.phrase as usize];
                let end = v.end as usize;
                matches!(p.kind, Kind::Event("visit")) && !p.meet && (end == a.w0 || (end + 1 == a.w0 && cue.articles.iter().any(|&x| x as usize == end)))
            }) || listed(&toured);
        }
        let actor_index = |a: &SentActor| sent_actors.iter().position(|x| x.w0 == a.w0 && x.code == a.code);

        // The classifier's view of a directed candidate: what the rules chose, the trigger's
        // kind, and for each actor its role, side and distance, and the lexicon classes
        // between it and the trigger. No word of the sentence itself.
        let mut mask: Vec<u32> = Vec::new();
        if !matches!(mode, Mode::Rules) {
            let mut mark = |ws: &[u32], bit: usize| {
                for &w in ws {
                    let w = w as usize;
                    if mask.len() <= w {
                        mask.resize(w + 1, 0);
                    }
                    mask[w] |= 1 << bit;
                }
            };
            let trig: Vec<u32> = cue.triggers.iter().map(|t| t.start).collect();
            for (bit, ws) in [
                &cue.blocks, &cue.barriers, &cue.dests, &cue.sources, &cue.conjs, &cue.venues, &cue.agents, &cue.withs, &cue.makes, &cue.betweens,
                &cue.abstracts, &cue.groups, &cue.relatives, &cue.privates, &cue.officials, &cue.articles, &cue.punct, &cue.possessive, &trig,
            ]
            .into_iter()
            .enumerate()
            {
                mark(ws, bit);
            }
        }
        let n_codes = {
            let mut c: Vec<u32> = sent_actors.iter().map(|a| a.code).collect();
            c.sort_unstable();
            c.dedup();
            c.len()
        };
        let features = |p: &Proposal, c1: u32, c2: u32| -> Vec<String> {
            let t = &cue.triggers[p.trigger];
            let (t0, t1) = (t.start as usize, t.end as usize);
            let phrase = &lex.phrases[t.phrase as usize];
            let ty = p.event_type;
            let verdict = if !p.proposed {
                "none"
            } else if (p.c1, p.c2) == (c1, c2) {
                "same"
            } else {
                "rev"
            };
            let flag = |b: bool| if b { '1' } else { '0' };
            let mut f = vec![
                "bias".to_string(),
                format!("t:{ty}"),
                format!("r:{verdict}"),
                format!("r:{verdict}:{ty}"),
                format!("ph:{}{}{}{}{}:{verdict}", flag(phrase.meet), flag(phrase.noun), flag(phrase.reverse), flag(phrase.official), flag(phrase.direct)),
                format!("m:{}", modality_of(&cue.modal, &barriers, &cue.punct, t0, t1)),
                format!("n:{}", n_codes.min(4)),
            ];
            let mut sides = ['-', '-'];
            let mut roles = [None, None];
            for (k, code) in [(1, c1), (2, c2)] {
                let near = sent_actors.iter().enumerate().filter(|(_, a)| a.code == code).min_by_key(|(_, a)| {
                    if a.w1 <= t0 {
                        t0 - a.w1
                    } else if a.w0 >= t1 {
                        a.w0 - t1
                    } else {
                        0
                    }
                });
                let Some((i, a)) = near else {
                    f.push(format!("p{k}:absent"));
                    continue;
                };
                let (side, gap) = if a.w1 <= t0 {
                    ('B', a.w1..t0)
                } else if a.w0 >= t1 {
                    ('A', t1..a.w0)
                } else {
                    ('I', t0..t0)
                };
                let bucket = match gap.len() {
                    0 => "0",
                    1 => "1",
                    2 => "2",
                    3..=5 => "3-5",
                    6..=10 => "6-10",
                    _ => "11+",
                };
                sides[k - 1] = side;
                roles[k - 1] = Some(a.role);
                f.push(format!("p{k}:{side}:{ty}"));
                f.push(format!("d{k}:{side}{bucket}"));
                f.push(format!("role{k}:{:?}", a.role));
                f.push(format!("role{k}:{:?}:{ty}", a.role));
                for (on, name) in [(a.official, "o"), (a.norp, "norp"), (a.place_only, "region"), (toured[i], "toured"), (in_between[i], "between")] {
                    if on {
                        f.push(format!("{name}{k}"));
                    }
                }
                let bits = gap.clone().fold(0u32, |m, w| m | mask.get(w).copied().unwrap_or(0));
                for (b, name) in CLASSES.iter().enumerate() {
                    if bits & (1 << b) != 0 {
                        f.push(format!("c{k}:{side}:{name}"));
                    }
                }
                let others = sent_actors.iter().filter(|x| x.code != c1 && x.code != c2 && x.w0 >= gap.start && x.w1 <= gap.end && !gap.is_empty()).count();
                f.push(format!("x{k}:{side}{}", others.min(2)));
            }
            f.push(format!("pp:{}{}:{ty}", sides[0], sides[1]));
            f.push(format!("rr:{:?}:{:?}", roles[0], roles[1]));
            f
        };

        // Armed forces ("troops", "military helicopters") named right after a country, at
        // most one word between and no clause punctuation, or before "from" and its name.
        let forces_of = |a: &SentActor| {
            let title_after = |f: usize| cue.officials.contains(&(f as u32 + 1)) && !cue.forces.contains(&(f as u32 + 1));
            cue.forces.iter().any(|&f| {
                let f = f as usize;
                let after = a.w1 <= f && f <= a.w1 + 1 && !cue.punct.iter().any(|&p| (p as usize) > a.w1 && (p as usize) <= f);
                let from = a.role == Role::Source && f + 2 == a.w0;
                (after || from) && !title_after(f)
            })
        };
        // A person named within three words before trigger `t_start` with no clause
        // punctuation between, who is part of no actor, and a clause punctuation between
        // the actor that ends at `w1` and that person: the person is the trigger's subject.
        // Unless the actor qualifies that same person ("Algerian President Abdelmadjid
        // Tebboune, and Tebboune is set to visit Russia": the official travels).
        let person_travels_before = |w1: usize, t_start: usize| {
            let qualified_by_actor = |m: usize| {
                // The actor's span may hold the official's name ("Iranian President Ali Roe"),
                // or a title may stand between them ("the Iranian envoy, Ali Roe").
                mr.clone().zip(&cue.spans).any(|(q, &(_, q1, _))| {
                    let q1 = q1 as usize;
                    q != m && mentions[q].label == Label::Person && links[q].entity == links[m].entity && q1 <= w1 + 3 && w1 <= q1 + 4
                })
            };
            mr.clone().zip(&cue.spans).any(|(m, &(p0, p1, _))| {
                let (p0, p1) = (p0 as usize, p1 as usize);
                mentions[m].label == Label::Person
                    && w1 < p0
                    && p1 <= t_start
                    && t_start - p1 <= 3
                    && !cue.punct.iter().any(|&p| (p as usize) >= p1 && (p as usize) <= t_start)
                    && cue.punct.iter().any(|&p| (p as usize) >= w1 && (p as usize) <= p0)
                    && !sent_actors.iter().any(|a| a.w0 <= p0 && p1 <= a.w1)
                    && !qualified_by_actor(m)
            })
        };
        // "China has said no date has been set for talks on the crisis, Australian Foreign
        // Minister Downer said": a country named after clause punctuation (and an article)
        // and up to four words before a verb of saying, no punctuation between, reports
        // the sentence.
        let speaker = |a: &SentActor| {
            let opens = cue.punct.contains(&(a.w0 as u32)) || (a.w0 > 0 && cue.articles.contains(&(a.w0 as u32 - 1)) && cue.punct.contains(&(a.w0 as u32 - 1)));
            opens
                && cue.saids.iter().any(|&s| {
                    let s = s as usize;
                    a.w1 <= s && s <= a.w1 + 4 && !cue.punct.iter().any(|&p| (p as usize) > a.w1 && (p as usize) <= s)
                })
        };
        let mut sent_events: Vec<(Event, u32, u32)> = Vec::new();
        let mut rule: Vec<Proposal> = Vec::new();
        for (ti, t) in cue.triggers.iter().enumerate() {
            let t_start = t.start as usize;
            let t_end = t.end as usize;
            let phrase = &lex.phrases[t.phrase as usize];
            let Kind::Event(event_type) = phrase.kind else { continue };
            if blocks.iter().any(|&b| b < t_start && b + BLOCK_WINDOW >= t_start) {
                continue;
            }
            // Aid named as the topic or modifier of an agreement noun ("a treaty on legal
            // assistance", "an aid agreement") is the agreement's matter, not aid given.
            if event_type == "aid"
                && cue.triggers.iter().any(|v| {
                    let p = &lex.phrases[v.phrase as usize];
                    let (v0, v1) = (v.start as usize, v.end as usize);
                    p.noun
                        && matches!(p.kind, Kind::Event("agreement"))
                        && (v0 == t_end
                            || (v1 <= t_start && t_start - v1 <= 2 && !(v1..=t_start).any(|w| cue.punct.contains(&(w as u32)) || conjs.contains(&w))))
                })
            {
                continue;
            }
            if phrase.noun && !cue.makes.iter().any(|&w| (w as usize) < t_start && w as usize + MAKE_WINDOW >= t_start) {
                continue;
            }
            // "The United States grants Hungary a one-year exemption": "grants" with the one
            // granted right after it is the verb, which grants anything (an exemption,
            // asylum); aid is said by an aid word of its own.
            if event_type == "aid" && t.text.eq_ignore_ascii_case("grants") && sent_actors.iter().any(|a| a.w0 == t_end) {
                continue;
            }
            // "the economy should expand, aided by higher exports to Europe and Canada": a
            // giving verb in the passive names its giver after "by"; when no country stands
            // there, no state gives anything (the verb means "helped").
            if event_type == "aid" && t.text.to_ascii_lowercase().ends_with("ed") && cue.agents.contains(&(t_end as u32 + 1)) {
                let agent = |a: &SentActor| a.w0 == t_end + 1 || (a.w0 == t_end + 2 && cue.articles.contains(&(t_end as u32 + 1)));
                if !sent_actors.iter().any(agent) {
                    continue;
                }
            }
            // "Senegal was given a 5.5 mln dlrs loan ..., Guinea 4.6 mln dlrs": aid after a
            // verb of receiving (or of giving in the passive) has its giver only after "by" or
            // "from", or right before the aid noun ("received U.S. aid"); the countries around
            // it are recipients.
            if event_type == "aid"
                && !phrase.reverse
                && cue.received.iter().any(|&r| {
                    let r = r as usize;
                    r <= t_start && t_start - r <= RECEIVED_WINDOW && !cue.punct.iter().any(|&p| (p as usize) > r && (p as usize) <= t_start)
                })
                && !sent_actors.iter().any(|a| (matches!(a.role, Role::Agent | Role::Source) && a.w0 >= t_end) || a.w1 == t_start)
            {
                continue;
            }
            // "Tokyo's failure to live up to a pact on microchip trade signed last September":
            // a verb of making right after the agreement noun it qualifies, dated in the past,
            // names an agreement of the background, not one made now.
            if event_type == "agreement" && !phrase.noun && t.text.to_ascii_lowercase().ends_with("ed") {
                let noun_before = cue.triggers.iter().any(|v| {
                    let p = &lex.phrases[v.phrase as usize];
                    let v1 = v.end as usize;
                    p.noun
                        && matches!(p.kind, Kind::Event("agreement"))
                        && v1 <= t_start
                        && t_start - v1 <= MAKE_WINDOW
                        && !cue.punct.iter().any(|&q| (q as usize) > v1 && (q as usize) <= t_start)
                        && !sent_actors.iter().any(|a| a.w0 >= v1 && a.w1 <= t_start)
                });
                // The date may follow the participle's agent ("the accords signed by the two
                // countries in 1994 and 1995"), in its phrase: no clause punctuation between.
                let dated = mr.clone().zip(&cue.spans).any(|(m, &(w0, _, _))| {
                    let w0 = w0 as usize;
                    mentions[m].label == Label::Date
                        && (t_end..=t_end + PAST_DATE_WINDOW).contains(&w0)
                        && !cue.punct.iter().any(|&p| (p as usize) > t_end && (p as usize) <= w0)
                        && past_date(doc.surface(m))
                });
                if noun_before && dated {
                    continue;
                }
            }
            // "meet its financial obligations", "met the demands": satisfying, not meeting.
            if phrase.meet && cue.abstracts.iter().any(|&w| (w as usize) >= t_end && (w as usize) <= t_end + ABSTRACT_WINDOW) {
                continue;
            }
            let travel = event_type == "visit" && !phrase.meet;
            let person_travels = |w1: usize| person_travels_before(w1, t_start);
            // A private trip ("due to fly to the United States for a medical check-up", "a
            // private visit") is no official visit: the cue right before the trigger or after
            // it in its clause.
            if travel
                && cue.privates.iter().any(|&w| {
                    let w = w as usize;
                    w + 1 == t_start
                        || (t_end <= w
                            && w <= t_end + PRIVATE_WINDOW
                            && !barriers.iter().any(|&b| t_end <= b && b <= w)
                            && !cue.punct.iter().any(|&p| t_end < p as usize && p as usize <= w))
                })
            {
                continue;
            }
            // "New U.S. ambassador arrives in Saudi Arabia": a post's new holder arriving takes
            // it up, which is no visit (docs/events.md).
            if travel && t_start > 0 && cue.new_posts.contains(&(t_start as u32 - 1)) {
                continue;
            }
            // A country in a relative clause after the trigger ("a meeting which reviews
            // the U.S. waiver") belongs to that clause, not to the trigger.
            let reachable = |a: &SentActor| -> bool {
                !barriers.iter().any(|&b| (a.w1 <= b && b < t_start) || (t_end <= b && b < a.w0))
                    && !cue.relatives.iter().chain(&cue.clauses_after).any(|&r| t_end <= r as usize && (r as usize) < a.w0)
            };
            // This trigger's actors, each country once (its mention nearest the trigger): a
            // venue is the host of a trip, or of a meeting with one other country ("a
            // delegation from Niger held talks in Mali"), and no actor of a meeting of two
            // others ("Israeli and Syrian envoys met in Washington").
            let mut others: Vec<u32> = Vec::new();
            for a in sent_actors.iter().filter(|a| reachable(a) && a.role != Role::Venue) {
                if !others.contains(&a.code) {
                    others.push(a.code);
                }
            }
            // A meeting named as a noun ("the IMF meeting in Washington", "a bank's annual
            // meeting in Osaka") is where others meet: its place hosts no one.
            let meeting_noun = phrase.meet && phrase.n_words == 1 && {
                let w = t.text.to_ascii_lowercase();
                w.starts_with("meeting") || w.starts_with("summit")
            };
            // Talks in a place are with its country only when an official travelled there
            // ("Turkey's Ciller to hold talks in Jordan"), not when a country calls for
            // talks of others ("called on the factions to hold talks in London").
            // Not an official after a "by" of another word: "an attempt by the Sudanese
            // government to divide them ahead of a new round of peace talks in Nigeria" names
            // the venue of talks with others, no trip of the government's.
            let official_subject = sent_actors
                .iter()
                .filter(|a| reachable(a) && a.w1 <= t_start && a.role != Role::Venue)
                .last()
                .is_some_and(|a| a.official && (a.role == Role::Agent || by_pos(a.w0).is_none()));
            // The other party of a meeting or talks is a group that is no state ("met bankers
            // last night", "negotiations with commercial banks"): no country is the partner.
            let meeting_like = event_type == "consult" || (event_type == "visit" && phrase.meet);
            let group_at = |lo: usize, hi: usize| {
                cue.groups.iter().any(|&w| {
                    let w = w as usize;
                    lo <= w && w <= hi && !barriers.iter().any(|&b| t_end <= b && b <= w)
                })
            };
            // Nor is a meeting named after such a group its parties' ("a U.S.-USSR
            // business meeting", "a rebel meeting"): the group meets, not the countries.
            if meeting_like && (group_at(t_end, t_end + 2) || (t_start > 0 && cue.groups.contains(&(t_start as u32 - 1)))) {
                continue;
            }
            // Nor is the place of talks with such a group its host ("negotiations resume in
            // New York when the governor will ask banks for a roll-over").
            let group_partner = meeting_like && group_at(t_end, usize::MAX);
            // "threatening to withhold aid from Jordan and Egypt": the one named after "from"
            // is deprived of the aid, its recipient.
            let deprived = event_type == "aid" && cue.deprives.iter().any(|&d| (d as usize) < t_start && d as usize + MODAL_WINDOW >= t_start);
            let host = travel
                || (event_type == "visit" && !meeting_noun && others.len() < 2 && !group_partner)
                || (event_type == "consult" && official_subject && others.len() < 2 && !group_partner);
            let mut before: Vec<SentActor> = Vec::new();
            let mut after: Vec<SentActor> = Vec::new();
            for (i, a) in sent_actors.iter().enumerate() {
                if !reachable(a) || (in_between[i] && a.w1 <= t_start) || (a.w0 > t_end && speaker(a)) {
                    continue;
                }
                // Talks are held at a place named close after them ("talks in Warsaw", "held
                // talks on Monday in Moscow"); further on the place is another noun's ("peace
                // negotiations on ending the war in Ukraine").
                let role = match a.role {
                    Role::Venue if host && (event_type != "consult" || a.w0 <= t_end + 3) => Role::Dest,
                    Role::Venue => continue,
                    Role::Source if deprived && a.w0 > t_end => Role::Dest,
                    r => r,
                };
                let mut a = SentActor { role, ..*a };
                // A region is only a place to visit ("flew to Texas", "arrived in Texas"),
                // never a party.
                if a.place_only && !(event_type == "visit" && (role == Role::Dest || (travel && actor_index(&a).is_some_and(|i| toured[i])))) {
                    continue;
                }
                // A demonym right before a noun trigger: the destination of a trip ("an
                // Irish tour"), else the one who acts ("Cuban complaints", "Turkish aid").
                let adjacent = a.norp && a.w1 == t_start;
                if adjacent && travel {
                    a.role = Role::Dest;
                    if !after.iter().any(|x| x.code == a.code) {
                        after.push(a);
                    }
                    continue;
                }
                if adjacent && a.role == Role::Dest {
                    a.role = Role::Plain;
                }
                // "left Brasilia on Monday for Lima": the place a trip leaves is no party.
                if travel && !phrase.reverse && a.w0 > t_start && a.w1 < t_end {
                    continue;
                }
                // A country inside a gapped trigger ("hosted the French delegation") is
                // on its object side.
                if a.w1 <= t_start {
                    // The nearest mention of a country wins: later ones replace earlier; but
                    // the capital an official leaves is that official's own country
                    // ("Jordanian PM ... left Amman for Ramallah to hold talks").
                    let left_place = cue.triggers.iter().any(|v| {
                        let p = &lex.phrases[v.phrase as usize];
                        matches!(p.kind, Kind::Event("visit")) && !p.meet && !p.reverse && (v.start as usize) < a.w0 && a.w1 < v.end as usize
                    });
                    if left_place && before.iter().any(|x| x.code == a.code && x.official) {
                        continue;
                    }
                    before.retain(|x| x.code != a.code);
                    before.push(a);
                } else if (a.w0 <= t_end + OBJ_WINDOW || after.last().is_some_and(|l| coordinated(l, &a))) && !after.iter().any(|x| x.code == a.code) {
                    // A list that starts in the window goes on past it ("talks between South
                    // Korean deputy Foreign Minister Lee and his Chinese counterpart").
                    after.push(a);
                }
            }
            // The country a trip goes to, named right after a travel trigger ("will visit
            // Egypt", "left Amman for the West Bank").
            let visited = |a: &SentActor| actor_index(a).is_some_and(|i| toured[i]);
            // A destination before the trigger ("the envoy to Bosnia met ...", "a trip to
            // Syria ... negotiations between Syria and Israel") qualifies a title, and the
            // host of a trip ("will visit Egypt this Sunday for talks") is where the talks
            // are held: neither is a subject.
            // Nor is the place a trip leaves ("left Bahrain for Baghdad for talks").
            let left = |a: &SentActor| {
                cue.triggers.iter().any(|v| {
                    let p = &lex.phrases[v.phrase as usize];
                    matches!(p.kind, Kind::Event("visit")) && !p.meet && !p.reverse && (v.start as usize) < a.w0 && a.w1 < v.end as usize
                })
            };
            // The host of another trip is no visitor either ("Velayati, visiting the United
            // Arab Emirates on a Gulf tour, said Iran ...").
            // Nor is any place in the country a trip goes to ("left Amman for the West Bank
            // town of Ramallah to hold talks with ...").
            let toured_codes: Vec<u32> = sent_actors.iter().zip(&toured).filter(|(_, &t)| t).map(|(a, _)| a.code).collect();
            // (A place left by this very trigger lies inside it, never before it: "left Amman
            // for the West Bank".)
            // Nor is a place named right after a verb of leaving ("the four had left Tehran
            // earlier today and would arrive in London").
            let left_from = |a: &SentActor| {
                !a.official && (cue.leaves.contains(&(a.w0 as u32)) || (a.w0 > 0 && cue.leaves.contains(&(a.w0 as u32 - 1)) && cue.articles.contains(&(a.w0 as u32 - 1))))
            };
            before.retain(|a| a.role != Role::Dest && !visited(a) && !(toured_codes.contains(&a.code) && !a.official) && !left(a) && !left_from(a));
            // "Japan's policy is extreme protectionism, visiting U.S. secretary X told a press
            // conference": "visiting" that opens a clause qualifies that clause's subject; its
            // host is not the country of the clause before.
            // But an official named before it, a place right after it ("Chinese Premier Li
            // Peng, visiting Moscow, said"), is the visitor in apposition.
            let apposition = before.last().is_some_and(|b| b.official) && after.first().is_some_and(|a| a.w0 == t_end && !a.official);
            if t.text.eq_ignore_ascii_case("visiting") && (t_start == 0 || cue.punct.contains(&(t_start as u32))) && !apposition {
                before.clear();
            }
            after.retain(|a| !before.iter().any(|b| b.code == a.code));
            before.reverse(); // nearest first
            // The nearest country on a side and those coordinated with it.
            let group = |side: &[SentActor], leftwards: bool| -> Vec<SentActor> {
                let mut g: Vec<SentActor> = side.first().copied().into_iter().collect();
                for a in side.iter().skip(1) {
                    let last = *g.last().expect("non-empty");
                    let ok = if leftwards { coordinated(a, &last) } else { coordinated(&last, a) };
                    if !ok {
                        break;
                    }
                    g.push(*a);
                }
                if leftwards {
                    g.reverse(); // order of mention
                }
                g
            };
            let mut subj = group(&before, true);
            let mut obj = group(&after, false);
            // "Moldova detains former Kyrgyz adviser Khalikov, who has accused Kyrgyz
            // President Japarov of corruption": a relative pronoun a few words before the
            // trigger makes its antecedent the subject; a country before that antecedent is
            // another clause's. (Titles may stand between: "the Chinese foreign minister, who".)
            let relative_at = cue.relatives.iter().map(|&r| r as usize).find(|&r| {
                r < t_start
                    && t_start - r <= 3
                    && !cue.punct.iter().any(|&p| (p as usize) > r && (p as usize) <= t_start)
                    && !sent_actors.iter().any(|a| a.w0 > r && a.w1 <= t_start)
            });
            // Only a named person who stands for no country is such an antecedent: "a visit
            // which will include talks" is still its traveller's.
            let person_antecedent = |r: usize| {
                mr.clone().zip(&cue.spans).any(|(m, &(p0, p1, _))| {
                    mentions[m].label == Label::Person && p1 as usize == r && !sent_actors.iter().any(|a| a.w0 <= p0 as usize && p1 as usize <= a.w1)
                })
            };
            if let (Some(r), Some(s)) = (relative_at, subj.last()) {
                if s.w1 <= r && person_antecedent(r) {
                    subj.clear();
                }
            }
            // "accusing the group of openly supporting Ukraine": whom one accuses is named
            // before the "of" of the charge; a country after it, with another object right
            // after the verb, is inside the charge ("accused foreign forces, notably the
            // United States, of" keeps the United States).
            let accuse = event_type == "criticism" && t.text.to_ascii_lowercase().starts_with("accus") && !cue.passive_criticisms.contains(&(t_start as u32));
            if accuse && obj.first().is_some_and(|o| o.w0 > t_end + 2 && cue.ofs.iter().any(|&f| (f as usize) >= t_end && (f as usize) < o.w0)) {
                obj.clear();
            }
            // "X, due here tomorrow from Oman for his first official visit to the UAE": a
            // place a trip leaves from, named before the trigger with no official of it, is
            // no visitor when the trip has a destination.
            if travel
                && subj.len() == 1
                && subj[0].role == Role::Source
                && !subj[0].official
                && subj[0].w1 <= t_start
                && obj.first().is_some_and(|a| a.role == Role::Dest)
            {
                continue;
            }
            // "India had agreed to export to Japan": a destination after the verb that
            // follows "agreed to" is that verb's, not a party to the agreement.
            if event_type == "agreement"
                && t.text.to_ascii_lowercase().starts_with("agree")
                && dests.contains(&(t_end + 1))
                && !sent_actors.iter().any(|a| a.w0 == t_end + 1)
            {
                obj.retain(|a| !(a.role == Role::Dest && a.w0 > t_end + 1));
            }
            // A criticism noun ("allegations of Japanese dumping", "complaints") names its
            // critic right before it ("U.S. complaints", "Japan's objections", "France
            // lodged a complaint"), not anywhere earlier in the sentence.
            let criticism_noun = event_type == "criticism" && {
                let w = t.text.to_ascii_lowercase();
                ["allegation", "accusation", "complaint", "objection", "condemnation", "criticism"].iter().any(|n| w.starts_with(n))
            };
            // "books written by critics of Israeli-PLO deals": a critic noun far from the
            // country before it names people of another clause, not that state.
            let critic_noun = event_type == "criticism" && matches!(t.text.to_ascii_lowercase().as_str(), "critic" | "critics");
            let window = if critic_noun { CRITIC_PERSON_WINDOW } else { CRITIC_WINDOW };
            if (criticism_noun || critic_noun)
                && subj.last().is_some_and(|a| {
                    a.w1 <= t_start && (t_start - a.w1 > window || cue.punct.iter().any(|&p| (p as usize) > a.w1 && (p as usize) <= t_start))
                })
            {
                subj.clear();
            }
            // Talks named as a noun ("especially with crucial negotiations with Brazil",
            // "progress in negotiations with the Philippines") are held by a country of their
            // own clause: a plain country before clause punctuation is another verb's subject
            // ("the U.S. clearly feels the need ..., especially with crucial negotiations").
            // An official may stand apart in apposition ("Japan's minister, Kono, said talks").
            let talks_noun = event_type == "consult" && phrase.n_words == 1 && {
                let w = t.text.to_ascii_lowercase();
                ["talks", "negotiation", "consultation", "discussion", "dialogue"].iter().any(|n| w.starts_with(n))
            };
            if talks_noun
                && subj.last().is_some_and(|a| a.w1 <= t_start && !a.official && cue.punct.iter().any(|&p| (p as usize) >= a.w1 && (p as usize) <= t_start))
            {
                subj.clear();
            }
            // "in talks with commercial banks for loans to Argentina", "pressure on the IMF to
            // approve a loan package for Mexico": a lender that is no state (a group, an
            // organisation) named between the country and the aid gives it, not the country.
            // An organisation after "with" shares the country's loan ("will share equally
            // with the World Bank a loan to Bolivia").
            if event_type == "aid" && !phrase.reverse {
                if let Some(s) = subj.last().filter(|s| s.w1 <= t_start) {
                    let between = |w: usize| s.w1 <= w && w < t_start;
                    let partner = |o0: usize| cue.withs.iter().any(|&w| w as usize == o0 || (w as usize + 1 == o0 && cue.articles.contains(&w)));
                    if cue.groups.iter().any(|&g| between(g as usize)) || orgs.iter().any(|&(o0, o1)| between(o0) && o1 <= t_start && !partner(o0)) {
                        continue;
                    }
                }
            }
            // The meeting or talks of an international organisation ("an ICO executive board
            // meeting", "the OPEC conference"): the countries around it are members or
            // participants, not parties to an event with each other (out of scope), unless a
            // partner is named ("UN-sponsored talks between X and Y", "with Y").
            let gathering = phrase.n_words == 1 && {
                let w = t.text.to_ascii_lowercase();
                ["meeting", "summit", "talks", "conference", "session", "negotiation", "consultation"].iter().any(|n| w.starts_with(n))
            };
            let org_meeting = gathering && orgs.iter().any(|&(o0, o1)| {
                o1 <= t_start
                    && t_start - o1 <= 3
                    && !cue.punct.iter().any(|&p| (p as usize) > o0 && (p as usize) <= t_start)
                    && !sent_actors.iter().any(|a| a.w0 >= o1 && a.w1 <= t_start)
            });
            // "arrive in London to attend the talks": talks that are attended are a gathering
            // of others, not talks with the host of the trip.
            let attended = gathering
                && cue.attends.iter().any(|&w| {
                    let w = w as usize;
                    w < t_start
                        && t_start - w <= 3
                        && !cue.punct.iter().any(|&p| (p as usize) > w && (p as usize) <= t_start)
                        && !sent_actors.iter().any(|a| a.w0 > w && a.w1 <= t_start)
                });
            // The countries of a "between" phrase right after the trigger are its parties,
            // whoever is named before it ("Z hosted talks between X and Y", "sought with Z on
            // terms like one signed last autumn between X and Y").
            // Not after a noun of a relation ("discuss tension between members Greece and
            // Turkey", "relations between X and Y"): those countries are the topic.
            let between_at = |a: &SentActor| {
                cue.betweens.iter().any(|&b| (b as usize == a.w0 || b as usize + 1 == a.w0) && b as usize <= t_end + BETWEEN_WINDOW && !cue.topic_betweens.contains(&b))
            };
            if obj.len() >= 2 && between_at(&obj[0]) {
                subj.clear();
            }
            // So are meetings a group holds ("attend meetings held by the five"): a
            // participle right after the noun whose "by" agent is no country. Not one of
            // attending ("a meeting attended by ministers from both countries" is theirs),
            // nor the clause's own passive ("The meeting was attended by ...").
            let held_by_other = gathering
                && !cue.attends.contains(&(t_end as u32))
                && cue.participle_agents.iter().any(|&p| {
                    let p = p as usize;
                    p == t_end + 2 && !sent_actors.iter().any(|a| a.w0 == p || (a.w0 == p + 1 && cue.articles.contains(&(p as u32))))
                });
            // An organisation right before a meeting verb is what meets ("when the ICO meets
            // in London"): the members around it meet no one, the place hosts no one.
            let org_meets = phrase.meet && !phrase.noun && orgs.iter().any(|&(_, o1)| o1 == t_start);
            if (org_meeting || held_by_other || org_meets) && !obj.first().is_some_and(|a| between_at(a) || a.role == Role::With) {
                continue;
            }
            // The traveller of a trip noun named after it is its subject, whoever is named
            // before ("the Soviet ministry said a deal was reached during a visit to Moscow
            // by Iran's oil minister").
            // Its destination is the one between, even if the country was named before too.
            if let Some(v) = after.iter().find(|a| a.role == Role::Agent && by_pos(a.w0).is_some_and(|b| trip_by(t, b))).copied() {
                let dest: Vec<SentActor> =
                    sent_actors.iter().filter(|a| a.role == Role::Dest && t_end <= a.w0 && a.w1 <= v.w0 && a.code != v.code).copied().collect();
                subj = vec![v];
                obj = group(&dest, false);
            }
            // "to coincide with the visit of U.S. Secretary of State Shultz": the one named
            // right after a trip noun and "of" is the traveller; the host is a destination
            // after it ("the visit of X to Y"), else the country named before.
            if travel && cue.visitors_of.contains(&(t_end as u32 + 1)) {
                let at = |a: &SentActor| a.w0 == t_end + 1 || (a.w0 == t_end + 2 && cue.articles.contains(&(t_end as u32 + 1)));
                if let Some(v) = after.iter().find(|a| at(a)).copied() {
                    let dest: Vec<SentActor> = after.iter().filter(|a| a.role == Role::Dest && a.w0 > v.w0 && a.code != v.code).copied().collect();
                    obj = if dest.is_empty() { subj.iter().filter(|a| a.code != v.code).copied().collect() } else { group(&dest, false) };
                    subj = vec![v];
                }
            }
            // "Israeli President Weizman invited Palestinian President Arafat to meet him": the
            // one invited to a meeting or talks, named right after the verb of inviting and
            // right before "to" and the trigger, meets the inviter named before that verb
            // when no other party follows.
            if obj.is_empty() && subj.len() == 1 && matches!(event_type, "visit" | "consult") {
                let x = subj[0];
                let invited = cue.invites.iter().any(|&i| i as usize == x.w0) && x.w1 < t_start && t_start - x.w1 <= 1;
                if let Some(a) = before.iter().find(|a| invited && a.w1 < x.w0 && a.code != x.code) {
                    obj = vec![*a];
                }
            }
            // "Egypt will contact the British government to find out the truth and to discuss
            // the consequences": the one contacted, named right after the verb of contacting,
            // is the partner of the talks that are its purpose ("to discuss", in its clause),
            // and the one named before the verb the other party.
            if obj.is_empty() && subj.len() == 1 && event_type == "consult" && dests.contains(&t_start) {
                let x = subj[0];
                let contacted = cue.contacts.iter().any(|&c| c as usize == x.w0 || (c as usize + 1 == x.w0 && cue.articles.contains(&c)))
                    && !cue.punct.iter().any(|&p| (p as usize) > x.w1 && (p as usize) <= t_start)
                    && !barriers.iter().any(|&b| x.w1 <= b && b < t_start);
                if let Some(a) = before.iter().find(|a| contacted && a.w1 < x.w0 && a.code != x.code) {
                    subj = vec![*a];
                    // The partner, not a topic of the talks (see below).
                    obj = vec![SentActor { role: Role::With, ..x }];
                }
            }
            // "Eritrea cut diplomatic ties with Sudan in 1994, accusing it of training rebels":
            // "it" right after a criticism verb is the country the clause before names after
            // "with", and the critic is the nearest plain country before that one.
            if event_type == "criticism"
                && !phrase.noun
                && obj.is_empty()
                && subj.len() == 1
                && subj[0].role == Role::With
                && cue.pronouns.contains(&(t_end as u32))
            {
                let x = subj[0];
                if let Some(a) = before.iter().find(|a| a.w1 <= x.w0 && a.code != x.code && a.role == Role::Plain) {
                    subj = vec![*a];
                    obj = vec![x];
                }
            }
            // An origin or the agent after the trigger is the subject when none comes before
            // ("a visit by officials from Niger to Mali").
            if subj.is_empty() {
                let rest = |s: &SentActor| -> Vec<SentActor> {
                    after.iter().filter(|a| a.code != s.code && !matches!(a.role, Role::Source | Role::Agent)).copied().collect()
                };
                if let Some(i) = obj.iter().position(|a| matches!(a.role, Role::Source | Role::Agent)) {
                    subj.push(obj.remove(i));
                    // Two origins share their role ("from Washington and Moscow").
                    obj.retain(|a| !matches!(a.role, Role::Source | Role::Agent));
                    if obj.is_empty() {
                        obj = group(&rest(&subj[0]), false);
                    }
                } else if let Some(i) = after.iter().position(|a| obj.len() == 1 && {
                    // "Also due to visit Brazil in September are South Korean President Kim and
                    // German Chancellor Kohl": officials named after the country a trip goes
                    // to, with no other trigger between, are its travellers.
                    let d = obj[0];
                    travel
                        && visited(&d)
                        && a.code != d.code
                        && a.role == Role::Plain
                        && a.official
                        && a.w0 > d.w1
                        && !cue.triggers.iter().any(|v| d.w1 <= v.start as usize && (v.end as usize) <= a.w0)
                }) {
                    subj = group(&after[i..], false);
                    obj[0].role = Role::Dest;
                } else if obj.len() == 1
                    && obj[0].role == Role::Dest
                    && after.iter().any(|a| a.code != obj[0].code && a.role == Role::Plain && !conjs.contains(&a.w1) && !cue.punct.iter().any(|&p| p as usize == a.w1))
                {
                    // "After the visit to Brazil, French officials flew home": the
                    // destination is named first, the visitor after it.
                    let v = after
                        .iter()
                        .find(|a| a.code != obj[0].code && a.role == Role::Plain && !conjs.contains(&a.w1) && !cue.punct.iter().any(|&p| p as usize == a.w1))
                        .copied()
                        .expect("checked");
                    subj.push(v);
                } else if obj.len() == 1
                    // "a resolution condemning Russia's war against Ukraine": after a
                    // criticism the first country is the one criticised, never the critic;
                    // right after a trip it is where the trip goes ("will also visit Aceh in
                    // Indonesia, as well as Sri Lanka").
                    && !(travel && visited(&obj[0]))
                    && (vso
                        || event_type != "criticism" && after.iter().skip(1).any(|a| {
                            // The place of a meeting verb is no partner that makes the one met
                            // its subject ("Bozer is due to meet Turkish Prime Minister Ozal in
                            // London": two Turks meet; London hosts neither).
                            let venue = phrase.meet && sent_actors.iter().any(|s| s.w0 == a.w0 && s.role == Role::Venue);
                            matches!(a.role, Role::With | Role::Dest) && !venue
                        }))
                {
                    // Verb first ("وقعت فرنسا اتفاقية مع البرازيل", "signed by none but
                    // France with Brazil"): the first country after the trigger acts.
                    subj.push(obj.remove(0));
                    obj = group(&rest(&subj[0]), false);
                }
            }
            // After a consult trigger a plain object is what is discussed ("discussed the
            // problems of Afghanistan", "debt negotiations, speeding agreement for Chile");
            // the partner comes after "with", "to" or "between" (or a verb such as "phoned").
            // So after "agreed to": "Moscow agreed to discuss the problems of Afghanistan",
            // "Norway agreed to help Egypt"; the partner of an agreement is "with" X.
            if matches!(event_type, "consult" | "agreement") && !phrase.direct && !vso && subj.len() == 1 && obj.first().is_some_and(|a| a.role == Role::Plain) {
                // The partner may follow the topic: "discuss the problems of X with Y".
                let placed: Vec<SentActor> = after.iter().filter(|a| a.role != Role::Plain && a.code != subj[0].code).copied().collect();
                obj = group(&placed, false);
            }
            // "will visit Egypt for talks with President Mubarak": talks on a trip are with
            // its host.
            // Not when the talks name a partner that is no country ("leave for Washington to
            // complete negotiations with the IMF").
            let other_partner = cue.withs.iter().any(|&w| {
                let w = w as usize;
                let named = |x: usize| x == w || (x == w + 1 && cue.articles.contains(&(w as u32)));
                t_end <= w && w <= t_end + 2 && (orgs.iter().any(|&(o0, _)| named(o0)) || cue.groups.iter().any(|&g| (w..=w + 2).contains(&(g as usize))))
            });
            if obj.is_empty() && subj.len() == 1 && matches!(event_type, "consult" | "agreement") && !other_partner && !attended {
                let (t0, s0) = (t_start, subj[0].w0);
                // The host is the country right after a travel trigger, or after it and "to"
                // ("a trip to Syria"); not any destination ("gratitude to the Indonesian
                // president", "ambassador to Moscow").
                let trip_to = |a: &SentActor| {
                    a.role == Role::Dest
                        && cue.triggers.iter().any(|v| {
                            let p = &lex.phrases[v.phrase as usize];
                            let end = v.end as usize;
                            matches!(p.kind, Kind::Event("visit")) && !p.meet && (end + 1 == a.w0 || (end + 2 == a.w0 && cue.articles.contains(&(end as u32 + 1))))
                        })
                };
                if let Some(h) = sent_actors.iter().find(|a| (trip_to(a) || visited(a)) && a.w1 <= t0 && a.w0 > s0 && a.code != subj[0].code && reachable(a)) {
                    obj.push(*h);
                }
            }
            // "talks with his Yugoslav counterparts and a signing ceremony", "held talks with
            // the Iranian minister and signed a treaty": a mutual trigger joined by "and" to
            // the "with" partner of an earlier one shares that trigger's actors. The partner,
            // the nearest country before it, is not its subject.
            // "will discuss cooperation with Mexican officials in scheduled meetings": a meeting
            // noun after "in" or "at" right after the "with" partner of talks is where those
            // talks are held, a meeting of the same parties (docs/events.md: a visit when a
            // meeting is said).
            if obj.is_empty() && subj.len() == 1 && subj[0].role == Role::With && (matches!(event_type, "consult" | "agreement") || meeting_noun) {
                let (t0, w) = (t_start, subj[0]);
                let close = w.w1 <= t0 && t0 - w.w1 <= 3 && !cue.punct.iter().any(|&p| (p as usize) > w.w1 && (p as usize) <= t0);
                let after_trigger = |reach: usize, kinds: &[&str]| {
                    cue.triggers.iter().any(|v| {
                        let p = &lex.phrases[v.phrase as usize];
                        let end = v.end as usize;
                        matches!(p.kind, Kind::Event(k) if kinds.contains(&k)) && end <= w.w0 && w.w0 - end <= reach
                    })
                };
                let joined = !meeting_noun && close && (w.w1..t0).any(|x| conjs.contains(&x)) && after_trigger(3, &["consult", "agreement", "visit"]);
                let held_at = meeting_noun && close && cue.venues.iter().any(|&v| (w.w1..=t0).contains(&(v as usize))) && after_trigger(OBJ_WINDOW + 1, &["consult"]);
                let first = before.iter().skip(1).find(|a| a.code != w.code && a.w1 <= w.w0 && matches!(a.role, Role::Plain)).copied();
                if let Some(a) = first.filter(|_| joined || held_at) {
                    subj = vec![a];
                    obj = vec![w];
                }
            }
            // "Tehran asked Ankara to withdraw four Turkish diplomats accused of spying",
            // "people accused of crimes from Hong Kong": a criticism participle right before
            // "of" or "for" is a passive or a reduced relative. The one criticised is named
            // right before it; the critic is its "by" agent, else the country named before
            // the one criticised. With no country right before it, no state is criticised.
            if cue.passive_criticisms.contains(&(t_start as u32)) {
                let near = |a: &&SentActor| a.w1 <= t_start && t_start - a.w1 <= 2 && !cue.punct.iter().any(|&p| (p as usize) >= a.w1 && (p as usize) <= t_start);
                let Some(target) = before.iter().find(near).copied() else { continue };
                // The critic before is the subject of the clause the participle's noun sits in:
                // close before it, no clause punctuation between, and not listed with it ("the
                // trial of an Iranian and four Lebanese accused of": both are accused).
                let critic_before = |a: &&SentActor| {
                    a.code != target.code
                        && a.w1 <= target.w0
                        && target.w0 - a.w1 <= SUBJ_WINDOW
                        && !cue.punct.iter().any(|&p| (p as usize) >= a.w1 && (p as usize) <= target.w0)
                        && !(target.w0 - a.w1 <= 3 && (a.w1..target.w0).any(|w| conjs.contains(&w)))
                };
                let critic = after.iter().find(|a| a.role == Role::Agent && a.code != target.code).or_else(|| before.iter().find(critic_before)).copied();
                let Some(critic) = critic else { continue };
                subj = vec![critic];
                obj = vec![SentActor { role: Role::Plain, ..target }];
            }
            let mut pairs: Vec<(SentActor, SentActor)> = Vec::new();
            // Two destinations ("visited Japan and China") share their role: no event between
            // them. (Two origins may: "representatives from Armenia and Azerbaijan held talks".)
            // Nor do the partners of one "with" ("might consult with Brazil and Colombia on
            // this meeting"): they are another trigger's, not parties with each other.
            let shared = |g: &[SentActor]| g.len() >= 2 && (g.iter().all(|a| a.role == Role::Dest) || g.iter().all(|a| a.role == Role::With));
            let within = |g: &[SentActor], pairs: &mut Vec<(SentActor, SentActor)>| {
                if g.len() <= MAX_GROUP && !shared(g) {
                    for i in 0..g.len() {
                        for j in i + 1..g.len() {
                            pairs.push((g[i], g[j]));
                        }
                    }
                }
            };
            let partner = obj.first().is_some_and(|a| matches!(a.role, Role::With | Role::Dest | Role::Agent | Role::Source));
            // Coordinated subjects make an event among themselves only as the trigger's
            // subject: next to it, no clause punctuation between ("While France, Brazil and
            // Japan were busy, a treaty was signed" is no treaty among them).
            let close = subj.last().is_some_and(|a| {
                let subordinate = barriers.iter().any(|&b| b < subj[0].w0) && cue.punct.iter().any(|&p| (p as usize) > a.w1 && (p as usize) <= t_start);
                a.w1 > t_start || (t_start - a.w1 <= SUBJ_WINDOW && !subordinate)
            });
            // "Venezuela, Chile and the Philippines reached agreement with commercial banks":
            // a partner that is no country, so each subject deals with it, not with the others.
            let outside_partner = cue.withs.iter().any(|&w| {
                let w = w as usize;
                w > t_end
                    && w <= t_end + OBJ_WINDOW
                    && !sent_actors.iter().any(|a| a.w0 == w || a.w0 == w + 1)
                    && !barriers.iter().any(|&b| t_end <= b && b < w)
            })
                // "Norway, Egypt and the Soviet Union agreed to help OPEC": what each
                // agreed to do is toward an organisation named right after "to" and a verb.
                || (t.text.to_ascii_lowercase().starts_with("agree")
                    && dests.contains(&(t_end + 1))
                    && orgs.iter().any(|&(o0, _)| o0 > t_end && o0 <= t_end + 3));
            // Only a mutual event is one among coordinated subjects: "France and Japan use
            // foreign aid", "Britain, the Netherlands and West Germany have objections to the
            // tax" are each country's aid and objections, to others.
            let mutual = matches!(event_type, "consult" | "agreement" | "exercise" | "military_cooperation") || (event_type == "visit" && phrase.meet);
            // "Iran closes the strait due to military exercises and warns the United States":
            // exercises are joint only with a partner after "with" or among coordinated
            // subjects; a plain object after them is another verb's (a country's own
            // exercises are no interstate event, docs/events.md).
            if event_type == "exercise" && !subj.is_empty() {
                obj.retain(|a| a.role != Role::Plain);
            }
            if subj.len() >= 2 && !partner {
                if close && !outside_partner && mutual {
                    within(&subj, &mut pairs);
                }
            } else if !subj.is_empty() && !obj.is_empty() {
                if subj.len() <= MAX_GROUP && obj.len() <= MAX_GROUP {
                    for a in &subj {
                        for b in &obj {
                            pairs.push((*a, *b));
                        }
                    }
                }
            } else if subj.is_empty() && mutual && obj.first().is_some_and(between_at) {
                // "talks between X and Y", not "visited Japan, South Korea and China", nor
                // "discuss issues affecting relations between X and Y" (the relations').
                // "Arms sales between X and Y" say no seller, "aid between" no donor: only a
                // mutual event is one between the two.
                within(&obj, &mut pairs);
            }
            // (actor1, actor2, whether "visiting" settled the direction)
            let mut chosen: Vec<(u32, u32, bool, &'static str)> = Vec::new();
            if pairs.is_empty() && before.len() + after.len() < 2 {
                // "both countries": the document's two dominant countries. They say who met or
                // agreed, not who gave to whom ("the two countries have been unable to agree
                // on the mix of aid" names no donor).
                if !(mutual || event_type == "criticism") {
                    continue;
                }
                let Some(([p, q], pc)) = dominant.zip(pair_cue) else { continue };
                // "The federal government and the Japanese trading company signed ... between
                // the two countries": when the phrase comes after the trigger, a country named
                // before it only by a company or group of its own was the party, not the
                // state ("The two countries signed an agreement under which Egyptian
                // companies will ..." keeps its parties). Nor are the document's countries the
                // sides when an organisation is named in a pair with a country ("The EC and
                // the U.S. ... both sides").
                let org_paired = orgs.iter().any(|&(o0, o1)| {
                    let next = |end: usize, start: usize| conjs.contains(&end) && (start == end + 1 || (start == end + 2 && cue.articles.contains(&(end as u32 + 1))));
                    sent_actors.iter().any(|a| next(o1, a.w0) || next(a.w1, o0))
                });
                let party = |c: &str| c == codes[p as usize] || c == codes[q as usize];
                let company_party = nonstate_codes.iter().map(|&(c, w)| (codes[c as usize].as_str(), w))
                    .chain(mr.clone().enumerate().filter_map(|(k, m)| qualified[m].zip(cue.spans.get(k)).map(|(c, &(w0, _, _))| (c, w0 as usize))))
                    .any(|(c, w)| party(c) && w < t_start && pc >= t_end);
                if company_party || org_paired {
                    continue;
                }
                // The phrase must belong to the trigger's clause: "he will meet the Japanese
                // delegation but declined to discuss the strain between the two countries"
                // names no second party of the meeting.
                if barriers.iter().any(|&b| (pc < b && b < t_start) || (t_end <= b && b <= pc)) {
                    continue;
                }
                // Nor after a noun of a relation and "between" ("declined to discuss ways of
                // relieving the strain between the two countries"): they are the topic.
                if cue.topic_betweens.contains(&(pc as u32)) {
                    continue;
                }
                // A criticism noun's critics are "the two countries" only right before it
                // ("the two countries' complaints"), not the subject of another verb whose
                // object holds the noun ("the two countries could investigate allegations of
                // dumping").
                if criticism_noun && !(pc < t_start && t_start - pc <= CRITIC_WINDOW + 3 && !cue.punct.iter().any(|&p| (p as usize) > pc && (p as usize) <= t_start)) {
                    continue;
                }
                let named: Vec<u32> = before.iter().chain(&after).map(|a| a.code).collect();
                if named.iter().all(|&c| c == p || c == q) {
                    chosen.push(match named.first() {
                        Some(&n) if n == q => (q, p, false, event_type),
                        _ => (p, q, false, event_type),
                    });
                }
            }
            for (a, b) in pairs {
                // An origin or agent acts, a destination or recipient is acted upon.
                // (A reversed trigger names its own roles: "buys weapons from X".)
                let by_role = !phrase.reverse
                    && (matches!(b.role, Role::Source | Role::Agent) && !matches!(a.role, Role::Source | Role::Agent)
                        || (a.role == Role::Dest && b.role != Role::Dest));
                let (mut first, mut second) = if by_role {
                    (b, a)
                } else {
                    (a, b)
                };
                if phrase.reverse {
                    std::mem::swap(&mut first, &mut second);
                }
                // "offered the Indonesian government the assistance of a company of British
                // Army Gurkhas": the one named in the "of" phrase right after an aid noun gives
                // it (no "to" between), the other receives it.
                let donor_of = event_type == "aid"
                    && !phrase.reverse
                    && cue.ofs.contains(&(t_end as u32))
                    && second.w0 > t_end
                    && second.w0 <= t_end + 5
                    && first.w1 <= t_start
                    && !dests.iter().any(|&d| d > t_end && d <= second.w0);
                if donor_of {
                    std::mem::swap(&mut first, &mut second);
                }
                // Aid goes "to" or "for" its recipient; a country after "with" shares in the
                // giving or is another matter's partner ("a loan package with the United
                // States pressing for a deal", "financing ..., especially with negotiations
                // with Brazil").
                if event_type == "aid" && !phrase.reverse && (a.role == Role::With || b.role == Role::With) {
                    continue;
                }
                // "The airliner landed in", "a round trip from the U.S. to London": travel
                // of craft and tickets, unless an official or state body travels.
                // The traveller goes before the trigger or is its "by" agent: "to sell land
                // in U.S. farming areas to rich Japanese" names buyers, no trip.
                if phrase.official && !(first.official && first.role != Role::Source && (first.w1 <= t_start || first.role == Role::Agent)) {
                    continue;
                }
                // "Rwandan troops arrived in Sudan", "troops from Ghana arrived in Togo", "flew
                // on U.S. military helicopters, heading for Najaf": a trip of a country's armed
                // forces is a deployment, no visit (docs/events.md). A title right after the
                // word ("the army chief") names an official, who visits.
                if travel && forces_of(&first) {
                    continue;
                }
                // "The Iranian government releases Italian journalist Cecilia Sala from prison,
                // with Sala arriving back in Rome": a person of another clause, named right
                // before the trip, travels, not the official of the clause before.
                if travel && first.w1 <= t_start && person_travels(first.w1) {
                    continue;
                }
                // "the forthcoming Australia tour of India": a country's bare name that
                // modifies the noun "tour" names a team (or where the tour goes), never an
                // official who travels; "the Australian prime minister's tour" does.
                if travel
                    && matches!(t.text.to_ascii_lowercase().as_str(), "tour" | "tours")
                    && first.w1 == t_start
                    && first.role == Role::Plain
                    && !first.norp
                    && !first.official
                {
                    continue;
                }
                // "met visiting French Foreign Minister X": the official right after
                // "visiting" is the visitor.
                let visitor = event_type == "visit" && t.text.eq_ignore_ascii_case("visiting") && second.w0 == t_end && second.official && first.w1 <= t_start;
                if visitor {
                    std::mem::swap(&mut first, &mut second);
                }
                chosen.push((first.code, second.code, visitor, event_type));
            }
            // Talks an official holds in the country of the other party, or with no other
            // party named ("Turkey's Ciller to hold talks in Jordan", "began talks with
            // Palestinian President Arafat in the West Bank"), are also a visit there.
            if event_type == "consult" && subj.len() == 1 && subj[0].official && subj[0].w1 <= t_start {
                let s0 = subj[0].code;
                let venue = sent_actors.iter().find(|a| a.role == Role::Venue && a.w0 >= t_end && a.code != s0 && reachable(a));
                if let Some(v) = venue {
                    if !obj.is_empty() && obj.iter().all(|o| o.code == v.code) && chosen.iter().any(|c| (c.0, c.1) == (s0, v.code)) {
                        chosen.push((s0, v.code, false, "visit"));
                    }
                }
            }
            for (c1, c2, visitor, event_type) in chosen {
                rule.push(Proposal { trigger: ti, c1, c2, visitor, event_type, proposed: true });
            }
        }
        // Besides the rules' pairs, the classifier weighs every other pair of the sentence's
        // countries around each trigger: where the rules found no structure, it may.
        let pool = || {
            let mut pool = rule.clone();
            let mut codes: Vec<u32> = Vec::new();
            for a in &sent_actors {
                if !codes.contains(&a.code) {
                    codes.push(a.code);
                }
            }
            for (ti, t) in cue.triggers.iter().enumerate() {
                let Kind::Event(event_type) = lex.phrases[t.phrase as usize].kind else { continue };
                for (i, &c1) in codes.iter().enumerate() {
                    for &c2 in &codes[i + 1..] {
                        if !rule.iter().any(|q| q.trigger == ti && q.event_type == event_type && [q.c1, q.c2].contains(&c1) && [q.c1, q.c2].contains(&c2)) {
                            pool.push(Proposal { trigger: ti, c1, c2, visitor: false, event_type, proposed: false });
                        }
                    }
                }
            }
            pool
        };
        let decided = match mode {
            Mode::Rules => rule,
            Mode::Model(model) => decide(&pool(), |p, c1, c2| model.score(&features(p, c1, c2))),
            Mode::Collect => {
                for (p, c1, c2) in directed(&pool()) {
                    if let (Some(e1), Some(e2)) = (entity_of_code(c1), entity_of_code(c2)) {
                        let proposed = p.proposed && (p.c1, p.c2) == (c1, c2);
                        candidates.push(Candidate { doc: d, sentence: s as u32, trigger: p.trigger as u32, event_type: p.event_type, actor1: e1, actor2: e2, proposed, features: features(&p, c1, c2) });
                    }
                }
                rule
            }
        };
        for Proposal { trigger: ti, c1, c2, visitor, event_type, .. } in decided {
            let t = &cue.triggers[ti];
            let modality = modality_of(&cue.modal, &barriers, &cue.punct, t.start as usize, t.end as usize);
            let (Some(e1), Some(e2)) = (entity_of_code(c1), entity_of_code(c2)) else { continue };
            let one_state = |x: &str, y: &str| x == y || continuators().iter().any(|(a, b)| (x, y) == (a, b) || (x, y) == (b, a));
            if e1 == e2 || one_state(&codes[c1 as usize], &codes[c2 as usize]) {
                continue;
            }
            let key = (c1.min(c2), c1.max(c2));
            if let Some((e, _, _)) = sent_events.iter_mut().find(|(e, x, y)| e.event_type == event_type && (*x, *y) == key) {
                // "met visiting French Foreign Minister X" names the visitor that "met" left open.
                if visitor {
                    (e.actor1, e.actor2) = (e1, e2);
                }
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
