//! The trigger and cue lexicons, parsed into phrases over a shared vocabulary of word forms.

use std::ops::Range;
use std::sync::OnceLock;

use super::{EVENT_TYPES, MAX_GAP, TRIGGERS_AR, TRIGGERS_EN};
use aho_corasick::automaton::Automaton;
use rustc_hash::FxHashMap as FxMap;

use crate::text::arabic::{self, proclitic_len};
use crate::text::{is_arabic_word, plain_form};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Event(&'static str),
    Pair,
    Block,
    Dest,
    Source,
    Barrier,
    Conj,
    /// Modality cues a few words before a trigger: "not", "will", "might".
    Negated,
    Planned,
    Possible,
    /// A time still to come a few words after a trigger ("the talks begin tomorrow",
    /// "meet next week"): the event is planned.
    PlannedAfter,
    /// The infinitive or purpose word right before a trigger ("Turkey's Ciller to hold
    /// talks", "arrived in Chile for talks"): the event is planned.
    PlannedRight,
    /// A past-tense meeting or visit ("met", "held talks") a few words before a
    /// `PlannedRight` word: the purpose is that of a meeting already held ("met in Paris to
    /// discuss", "met for talks") and keeps its modality.
    PastMeeting,
    /// A topic noun ("issue", "question") that a determined trigger noun only modifies ("the
    /// loan repayment issue"): the trigger names a topic, no event.
    Issue,
    /// A relative pronoun after a trigger ("a meeting which reviews the U.S. waiver"):
    /// a country in the relative clause is no party of the trigger.
    Relative,
    /// "in X", "at X": the destination of a trip, for any other trigger only the venue.
    Venue,
    /// "by X": the agent of a passive ("was condemned by X"), actor1.
    Agent,
    /// "with X", "against X": the partner or target after a trigger.
    With,
    /// A word that makes the sentence one about sport (teams named by their country).
    Sport,
    /// A verb of making before an agreement noun ("reached an accord").
    Make,
    /// A word right after a country that makes it a non-state group ("Kurdish rebels",
    /// "Japanese bank"), or right before it ("former Israeli ...").
    NonStateAfter,
    NonStateBefore,
    /// A word that makes an organisation named after a country a state body ("ministry").
    State,
    /// "between", "among": the coordinated countries after it are the parties.
    Between,
    /// An abstract object right after a meeting verb ("meet its obligations", "meet
    /// demands"): the verb means satisfy, not meet.
    Abstract,
    /// A title or office right after a country or demonym ("Iran's foreign minister",
    /// "the Iranian delegation"): the country acts through an official.
    Official,
    /// A group that is no state and may be the other party of talks or a meeting
    /// ("met bankers", "negotiations with commercial banks", "talks with rebels").
    Group,
    /// A word that makes a trip private ("for medical treatment", "on holiday", "a
    /// private visit"): no official visit.
    Private,
    /// A title of a posting and "to" ("ambassador to", "envoy to"): the country after it is
    /// where the official serves, not a party of what the official does.
    Post,
    /// A verb or noun of coming back and "from" ("arrived from", "on his return from"): the
    /// country after it is the place a trip left, no party.
    Departed,
    /// A subordinating word and a subject pronoun ("as they", "when he"): a clause of its
    /// own subject starts there, whose countries are no parties of a trigger before it.
    /// Not before a trigger: there the pronoun is mostly the trigger's own subject ("Chirac
    /// ... when he visits Poland").
    ClauseAfter,
    /// A verb of taking part ("attend") a few words before a meeting or talks noun ("arrived
    /// in London to attend the talks"): a gathering of others, not talks with a trip's host.
    Attend,
    /// A verb of leaving ("left", "leave"): the country right after it is the place a trip
    /// leaves, never the subject of a trigger ("the four had left Tehran and would arrive
    /// in London": Tehran is no traveller).
    Leaves,
    /// A noun of a relation and "between" ("tension between", "relations between"): the
    /// countries after it are the relation's, the topic of a trigger before it, not its
    /// parties ("met to discuss tension between Greece and Turkey").
    TopicBetween,
    /// A verb of receiving, or a giving verb in the passive ("received", "was given", "were
    /// granted"): its subject is a recipient, so aid named after it has a giver only in a
    /// country after "by" or "from", or right before the aid noun ("Senegal was given a
    /// loan, Guinea 4.6 mln dlrs" is no aid between them).
    Received,
    /// A trip noun and "of" ("the visit of"): the country or official right after it is the
    /// traveller, not the host ("China's demands ... to coincide with the visit of U.S.
    /// Secretary of State Shultz").
    VisitorOf,
    /// A verb of inviting ("invited"): the one named right after it and before "to" and a
    /// meeting or trip ("invited Palestinian President Arafat to meet him") goes to the
    /// inviter, named before the verb.
    Invite,
    /// A verb of contacting ("contact", "contacted"): the one named right after it (or after
    /// "the") is the partner of talks that are the contact's purpose ("Egypt will contact the
    /// British government to find out ... and to discuss"), the one named before the verb
    /// the other party.
    Contact,
    /// A pronoun object ("it"): right after a criticism verb it stands for the country the
    /// clause before names after "with" or "to" ("cut ties with Sudan, accusing it of").
    Pronoun,
    /// A title of a posting ("ambassador"): after "new" or "incoming" and right before a
    /// travel trigger, its holder arrives to take the post up ("New U.S. ambassador arrives
    /// in Saudi Arabia"), which is no visit.
    NewPost,
    /// Armed forces ("troops", "warships"): right after a country, a trip of theirs is a
    /// deployment, which is no event (docs/events.md), unless a title follows ("army chief").
    Forces,
    /// A verb of holding back ("withhold", "cut off") before an aid trigger: the one named
    /// after "from" is deprived of the aid, its recipient, not its giver ("withhold aid from
    /// Egypt").
    Deprive,
    /// A verb of saying ("said", "told"): a country named right after clause punctuation and
    /// right before it ("..., Australian Foreign Minister Downer said") is who reports the
    /// sentence, no party of a trigger before it.
    Said,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Elem {
    /// A vocabulary id, and whether only the word itself matches (no stemming).
    Word(u32, bool),
    Gap,
}

#[derive(Debug)]
pub(crate) struct Phrase {
    pub(crate) kind: Kind,
    pub(crate) elems: Vec<Elem>,
    pub(crate) reverse: bool,
    /// A meeting rather than a trip: a place after it ("met in Paris") is the venue.
    pub(crate) meet: bool,
    /// An agreement noun: an event only after a verb of making ("reached a deal").
    pub(crate) noun: bool,
    /// Travel that aircraft, goods and tickets do as well as officials ("landed in", "a
    /// trip to"): an event only when its subject is an official or state body.
    pub(crate) official: bool,
    /// A consult verb whose direct object is the partner ("phoned X"), where for other
    /// consult triggers a plain object is the topic ("discuss Bosnia").
    pub(crate) direct: bool,
    /// An event only as a verb: its bare noun names something else ("a sign that", "signs
    /// of"), while its past and -ing forms stay verbs ("was signed").
    pub(crate) verb: bool,
    pub(crate) n_words: usize,
}

/// `s` followed by `tail`, in `buf`.
fn joined<'a>(buf: &'a mut String, s: &str, tail: char) -> &'a str {
    buf.clear();
    buf.push_str(s);
    buf.push(tail);
    buf
}

/// Both trigger lexicons, as phrases over a shared vocabulary of word forms.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Looked up for every form of every word of the corpus: a fast hash, never iterated.
    pub(crate) vocab: FxMap<String, u32>,
    pub(crate) phrases: Vec<Phrase>,
    /// Phrases by their first word.
    pub(crate) by_first: FxMap<u32, Vec<u32>>,
    /// Pieces of text that a sentence must hold to match a non-Arabic trigger or `@pair`
    /// phrase (see [`Lexicon::may_have_event`]), and for each whether it is a pair cue's.
    screen: Option<(aho_corasick::dfa::DFA, Vec<Needle>)>,
}

/// A piece of a phrase for [`Lexicon::may_have_event`].
#[derive(Debug, Clone, Copy)]
struct Needle {
    pair: bool,
    /// How many word characters may follow it in the sentence word.
    tail: usize,
}

/// A piece of lowercase text that every sentence word matching `phrase` begins with, and
/// how many word characters may follow it in that word, if the phrase is not Arabic. A
/// sentence word matches a lexicon word as itself or with a suffix of up to three letters
/// ("-s", "-es", "-ed", "-d", "-ing"), where "-ies", "-ied" and "-ing" may also stand for a
/// final "y" or "e": the lexicon word without that letter begins the word. The longest
/// word of the phrase filters best.
fn needle(phrase: &str) -> Option<(String, usize)> {
    let (needle, tail) = phrase
        .split(' ')
        .filter(|w| !w.is_empty() && *w != "...")
        .map(|w| plain_form(w.trim_start_matches('=')))
        .map(|w| match w.strip_suffix(['y', 'e']) {
            Some(stem) => (stem.to_string(), 4, w.len()),
            None => (w.clone(), 3, w.len()),
        })
        // Of equal pieces, the longer word's: "due in" is screened by "du", not by "in",
        // which nearly every sentence holds.
        .max_by_key(|(w, _, whole)| (w.len(), *whole))
        .map(|(w, tail, _)| (w, tail))?;
    (!needle.is_empty() && !is_arabic_word(&needle)).then_some((needle, tail))
}

/// A sentence with a letter that is not ASCII is always read by the event screen (see
/// [`Lexicon::may_have_event`]). Most sentences are all ASCII, which is checked faster.
fn always_read(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
}

/// Whether the screen's piece `start..end`, inside `within` of `text`, counts as that
/// text alone would read it: it begins a word (at the start of `within` or after a
/// character that is no word character), and at most `tail` word characters of `within`
/// follow it.
fn fits(text: &str, within: Range<usize>, start: usize, end: usize, tail: usize) -> bool {
    let starts = start == within.start || !text[..start].chars().next_back().is_some_and(word_char);
    starts && text[end..within.end].chars().take(tail + 1).take_while(|&c| word_char(c)).count() <= tail
}

/// A word character as [`crate::text::word_ranges`] reads one.
fn word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        crate::text::is_word_char(c)
    }
}

impl Lexicon {
    pub(crate) fn builtin() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::parse(&[("triggers_en.tsv", TRIGGERS_EN), ("triggers_ar.tsv", TRIGGERS_AR)]).expect("shipped trigger lexicons are valid"))
    }

    pub(crate) fn parse(files: &[(&str, &str)]) -> Result<Lexicon, String> {
        let mut lex = Lexicon { vocab: FxMap::default(), phrases: Vec::new(), by_first: FxMap::default(), screen: None };
        let mut needles: Vec<(String, Needle)> = Vec::new();
        for (name, text) in files {
            let mut header = true;
            for (n, line) in crate::text::data_lines(text) {
                let line = line.trim_end_matches('\r');
                if std::mem::take(&mut header) {
                    continue;
                }
                let err = |what: &str| format!("{name} line {}: {what}", n + 1);
                let f: Vec<&str> = line.split('\t').collect();
                if f.len() < 2 || f.len() > 3 {
                    return Err(err("expected event_type, phrase and an optional role"));
                }
                let kind = match f[0] {
                    "@pair" => Kind::Pair,
                    "@block" => Kind::Block,
                    "@dest" => Kind::Dest,
                    "@source" => Kind::Source,
                    "@barrier" => Kind::Barrier,
                    "@conj" => Kind::Conj,
                    "@negated" => Kind::Negated,
                    "@planned" => Kind::Planned,
                    "@possible" => Kind::Possible,
                    "@planned_after" => Kind::PlannedAfter,
                    "@planned_right" => Kind::PlannedRight,
                    "@past_meeting" => Kind::PastMeeting,
                    "@issue" => Kind::Issue,
                    "@relative" => Kind::Relative,
                    "@venue" => Kind::Venue,
                    "@agent" => Kind::Agent,
                    "@with" => Kind::With,
                    "@sport" => Kind::Sport,
                    "@make" => Kind::Make,
                    "@nonstate_after" => Kind::NonStateAfter,
                    "@nonstate_before" => Kind::NonStateBefore,
                    "@state" => Kind::State,
                    "@between" => Kind::Between,
                    "@abstract" => Kind::Abstract,
                    "@official" => Kind::Official,
                    "@group" => Kind::Group,
                    "@private" => Kind::Private,
                    "@post" => Kind::Post,
                    "@departed" => Kind::Departed,
                    "@clause_after" => Kind::ClauseAfter,
                    "@attend" => Kind::Attend,
                    "@leaves" => Kind::Leaves,
                    "@topic_between" => Kind::TopicBetween,
                    "@received" => Kind::Received,
                    "@visitor_of" => Kind::VisitorOf,
                    "@invite" => Kind::Invite,
                    "@contact" => Kind::Contact,
                    "@pronoun" => Kind::Pronoun,
                    "@new_post" => Kind::NewPost,
                    "@forces" => Kind::Forces,
                    "@deprive" => Kind::Deprive,
                    "@said" => Kind::Said,
                    t => Kind::Event(EVENT_TYPES.iter().copied().find(|e| *e == t).ok_or_else(|| err(&format!("unknown event type {t:?}")))?),
                };
                let official = f.get(2).is_some_and(|r| r.trim() == "official");
                let direct = f.get(2).is_some_and(|r| r.trim() == "direct");
                let verb = f.get(2).is_some_and(|r| r.trim() == "verb");
                let (reverse, meet, noun) = match f.get(2).map(|r| r.trim()) {
                    None | Some("") | Some("official") | Some("direct") | Some("verb") => (false, false, false),
                    Some("reverse") => (true, false, false),
                    Some("meet") => (false, true, false),
                    Some("noun") => (false, false, true),
                    Some(r) => return Err(err(&format!("unknown role {r:?}"))),
                };
                let mut elems = Vec::new();
                for w in f[1].split(' ').filter(|w| !w.is_empty()) {
                    if w == "..." {
                        if matches!(elems.last(), None | Some(Elem::Gap)) {
                            return Err(err("a gap must follow a word"));
                        }
                        elems.push(Elem::Gap);
                    } else {
                        let (w, exact) = match w.strip_prefix('=') {
                            Some(w) if !w.is_empty() => (w, true),
                            _ => (w, false),
                        };
                        let w = plain_form(w);
                        let next = lex.vocab.len() as u32;
                        elems.push(Elem::Word(*lex.vocab.entry(w).or_insert(next), exact));
                    }
                }
                if matches!(elems.last(), None | Some(Elem::Gap)) {
                    return Err(err("a phrase must end with a word"));
                }
                let n_words = elems.iter().filter(|e| matches!(e, Elem::Word(..))).count();
                if !matches!(kind, Kind::Event(_)) && elems.contains(&Elem::Gap) {
                    return Err(err("cue phrases take no gaps"));
                }
                if matches!(kind, Kind::Pair | Kind::Event(_)) {
                    if let Some((text, tail)) = needle(f[1]) {
                        needles.push((text, Needle { pair: kind == Kind::Pair, tail }));
                    }
                }
                let Elem::Word(first, _) = elems[0] else { unreachable!() };
                lex.by_first.entry(first).or_default().push(lex.phrases.len() as u32);
                lex.phrases.push(Phrase { kind, elems, reverse, meet, noun, official, direct, verb, n_words });
            }
        }
        // A DFA: the screen reads every byte of every document, and a few hundred short
        // needles keep its table small.
        let ac = aho_corasick::dfa::DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::Standard)
            .prefilter(false)
            .build(needles.iter().map(|(t, _)| t))
            .map_err(|e| format!("trigger lexicon: {e}"))?;
        lex.screen = Some((ac, needles.into_iter().map(|(_, n)| n).collect()));
        Ok(lex)
    }

    /// The lexicon ids ([`Lexicon::word_ids`]) of each word of `text`, in order.
    pub(crate) fn ids_of_words(&self, text: &str) -> Vec<Vec<(u32, bool)>> {
        let mut buf = Vec::new();
        crate::text::word_ranges(text, 0)
            .iter()
            .map(|w| {
                self.word_ids(&text[w.clone()], &mut buf);
                buf.clone()
            })
            .collect()
    }

    /// The vocabulary ids of the forms of one word (see the lexicon README), each with
    /// whether it is the word itself (lowercased or folded) rather than a reduced form.
    pub(crate) fn word_ids(&self, word: &str, out: &mut Vec<(u32, bool)>) {
        out.clear();
        let mut first = true;
        let mut add = |form: &str| {
            let exact = std::mem::take(&mut first);
            if let Some(&id) = self.vocab.get(form) {
                match out.iter_mut().find(|(i, _)| *i == id) {
                    Some(x) => x.1 |= exact,
                    None => out.push((id, exact)),
                }
            }
        };
        if is_arabic_word(word) {
            let f = arabic::fold_str(word);
            let mut bases: Vec<&str> = vec![f.as_str()];
            let p = proclitic_len(&f);
            if p > 0 {
                bases.push(&f[p..]);
            }
            let mut forms: Vec<String> = Vec::new();
            for b in bases {
                forms.push(b.to_string());
                let n = b.chars().count();
                if let Some(rest) = b.strip_prefix("ال").filter(|_| n >= 4) {
                    forms.push(rest.to_string());
                } else if let Some(rest) = b.strip_prefix("لل").filter(|_| n >= 4) {
                    forms.push(rest.to_string());
                }
            }
            let mut more = Vec::new();
            for form in &forms {
                for suffix in ["هما", "هم", "ها"] {
                    if let Some(stem) = form.strip_suffix(suffix).filter(|s| s.chars().count() >= 3) {
                        more.push(stem.to_string());
                        // A ta marbuta becomes ta before a suffix: توقيعها, اتفاقيتها.
                        if let Some(t) = stem.strip_suffix('ت') {
                            more.push(format!("{t}ه"));
                        }
                    }
                }
            }
            for form in forms.iter().chain(&more) {
                add(form);
            }
        } else {
            // Every word of every sentence comes here: an ASCII word is lowercased on the
            // stack, and the reduced forms that need a letter added share one string.
            let mut stack = [0u8; 64];
            let lowered;
            let w: &str = if word.is_ascii() && word.len() <= stack.len() {
                for (d, b) in stack.iter_mut().zip(word.bytes()) {
                    *d = b.to_ascii_lowercase();
                }
                // Checking the bytes again cost as much as the lowercasing saved.
                // SAFETY: ASCII bytes, lowercased, are ASCII, and ASCII is UTF-8.
                unsafe { std::str::from_utf8_unchecked(&stack[..word.len()]) }
            } else {
                lowered = word.to_lowercase();
                &lowered
            };
            let mut tmp = String::new();
            add(w);
            if w.chars().count() >= 4 {
                if let Some(s) = w.strip_suffix("ies") {
                    add(joined(&mut tmp, s, 'y'));
                }
                if let Some(s) = w.strip_suffix("es") {
                    add(s);
                }
                if let Some(s) = w.strip_suffix('s').filter(|s| !s.ends_with('s')) {
                    add(s);
                }
                if let Some(s) = w.strip_suffix("ied") {
                    add(joined(&mut tmp, s, 'y'));
                }
                if let Some(s) = w.strip_suffix("ed") {
                    add(s);
                }
                if let Some(s) = w.strip_suffix('d') {
                    add(s);
                }
                if let Some(s) = w.strip_suffix("ing") {
                    add(s);
                    add(joined(&mut tmp, s, 'e'));
                }
            }
        }
    }

    /// Could the sentence `text`, which names `names` people, places or organisations, yield
    /// an event: does it hold a trigger, and two names or a `@pair` phrase ("both
    /// countries")? False only when it cannot. One pass of an automaton over the text,
    /// where reading the words looks every form of every word up. A sentence with a letter
    /// that is not ASCII (Arabic, whose forms are folded; accented names, whose case
    /// folding is Unicode's) is always read.
    pub(crate) fn may_have_event(&self, text: &str, names: usize) -> bool {
        let Some((ac, needles)) = &self.screen else { return true };
        if always_read(text) {
            return true;
        }
        let (mut trigger, mut pair) = (false, names >= 2);
        crate::text::overlapping_ends(ac, text, |p, end| {
            let n = needles[p.as_usize()];
            let start = end - ac.pattern_len(p);
            if !fits(text, 0..text.len(), start, end, n.tail) {
                return false;
            }
            if n.pair {
                pair = true;
            } else {
                trigger = true;
            }
            trigger && pair
        });
        trigger && pair
    }

    /// [`Lexicon::may_have_event`] for every sentence of a document at once: one pass of the
    /// automaton over `text` instead of one per sentence (the per-call set-up was a good part
    /// of the screen's time on short sentences). `sentences` are byte ranges of `text`;
    /// `names[i]` counts sentence i's names. `None` when the ranges are not in order and
    /// apart, or not on character boundaries: then each sentence is screened alone.
    pub(crate) fn may_have_events(&self, text: &str, sentences: &[Range<usize>], names: &[usize]) -> Option<Vec<bool>> {
        let Some((ac, needles)) = &self.screen else { return Some(vec![true; sentences.len()]) };
        let ordered = sentences.iter().all(|r| text.get(r.clone()).is_some()) && sentences.windows(2).all(|w| w[0].end <= w[1].start);
        if !ordered || names.len() != sentences.len() {
            return None;
        }
        // (trigger, pair) pieces found in each sentence.
        let mut found = vec![(false, false); sentences.len()];
        crate::text::overlapping_ends(ac, text, |p, end| {
            let start = end - ac.pattern_len(p);
            // Only a piece wholly inside one sentence counts, read as if that sentence were
            // the whole text: nothing before its start, nothing after its end.
            let i = sentences.partition_point(|r| r.start <= start);
            let Some(r) = i.checked_sub(1).map(|i| &sentences[i]) else { return false };
            if end > r.end {
                return false;
            }
            let n = needles[p.as_usize()];
            if !fits(text, r.clone(), start, end, n.tail) {
                return false;
            }
            if n.pair {
                found[i - 1].1 = true;
            } else {
                found[i - 1].0 = true;
            }
            false
        });
        Some(
            sentences
                .iter()
                .zip(&found)
                .zip(names)
                .map(|((r, &(trigger, pair)), &names)| always_read(&text[r.clone()]) || (trigger && (pair || names >= 2)))
                .collect(),
        )
    }

    /// End (exclusive) of `phrase` matched at word `i`, if it matches.
    pub(crate) fn match_at(&self, ids: &[Vec<(u32, bool)>], i: usize, phrase: &Phrase) -> Option<usize> {
        let has = |p: usize, w: u32, exact_only: bool| ids[p].iter().any(|&(id, exact)| id == w && (exact || !exact_only));
        let mut pos = i;
        let mut k = 0;
        while k < phrase.elems.len() {
            match phrase.elems[k] {
                Elem::Word(w, exact_only) => {
                    if pos >= ids.len() || !has(pos, w, exact_only) {
                        return None;
                    }
                    pos += 1;
                    k += 1;
                }
                Elem::Gap => {
                    let Elem::Word(next, exact_only) = phrase.elems[k + 1] else { return None };
                    let found = (pos..(pos + MAX_GAP + 1).min(ids.len())).find(|&p| has(p, next, exact_only))?;
                    pos = found + 1;
                    k += 2;
                }
            }
        }
        Some(pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English forms as `word_ids` built them with a heap string per form.
    fn reference(lex: &Lexicon, word: &str) -> Vec<(u32, bool)> {
        let mut out: Vec<(u32, bool)> = Vec::new();
        let mut first = true;
        let mut add = |form: &str| {
            let exact = std::mem::take(&mut first);
            if let Some(&id) = lex.vocab.get(form) {
                match out.iter_mut().find(|(i, _)| *i == id) {
                    Some(x) => x.1 |= exact,
                    None => out.push((id, exact)),
                }
            }
        };
        let w = word.to_lowercase();
        add(&w);
        if w.chars().count() >= 4 {
            if let Some(s) = w.strip_suffix("ies") {
                add(&format!("{s}y"));
            }
            if let Some(s) = w.strip_suffix("es") {
                add(s);
            }
            if let Some(s) = w.strip_suffix('s').filter(|s| !s.ends_with('s')) {
                add(s);
            }
            if let Some(s) = w.strip_suffix("ied") {
                add(&format!("{s}y"));
            }
            if let Some(s) = w.strip_suffix("ed") {
                add(s);
            }
            if let Some(s) = w.strip_suffix('d') {
                add(s);
            }
            if let Some(s) = w.strip_suffix("ing") {
                add(s);
                add(&format!("{s}e"));
            }
        }
        out
    }

    /// Does `text` hold `phrase` by the lexicon's own matching?
    fn holds(lex: &Lexicon, text: &str, phrase: &Phrase) -> bool {
        let ids = lex.ids_of_words(text);
        (0..ids.len()).any(|i| lex.match_at(&ids, i, phrase).is_some())
    }

    #[test]
    fn the_screen_lets_every_inflected_english_phrase_through() {
        // Each English trigger and pair phrase, with each word in turn inflected as the
        // word forms undo it and in three cases, inside a sentence: wherever the lexicon
        // matches the phrase, the screen must let the sentence through.
        let lex = Lexicon::builtin();
        let mut checked = 0;
        for row in TRIGGERS_EN.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).skip(1) {
            let f: Vec<&str> = row.split('\t').collect();
            let pair = f[0] == "@pair";
            if f[0].starts_with('@') && !pair {
                continue;
            }
            let line = f[1];
            let words: Vec<&str> = line.split(' ').collect();
            for k in 0..words.len() {
                let v = words[k].trim_start_matches('=');
                if v == "..." {
                    continue;
                }
                let (y, e) = (v.strip_suffix('y').unwrap_or(v), v.strip_suffix('e').unwrap_or(v));
                for form in [v.to_string(), format!("{v}s"), format!("{v}es"), format!("{y}ies"), format!("{y}ied"), format!("{v}ed"), format!("{v}d"), format!("{v}ing"), format!("{e}ing")] {
                    for form in [form.to_uppercase(), form.chars().next().map(|c| c.to_uppercase().chain(form.chars().skip(1)).collect()).unwrap_or_default(), form.clone()] {
                        let body: Vec<String> = words.iter().enumerate().map(|(j, w)| if j == k { form.clone() } else if *w == "..." { "the".to_string() } else { w.trim_start_matches('=').to_string() }).collect();
                        let text = format!("On Monday, \"{}\" (officials said).", body.join(" "));
                        let ph = lex.phrases.iter().find(|x| matches!(x.kind, Kind::Pair | Kind::Event(_)) && x.elems.len() == words.len() && holds(lex, &body.join(" "), x));
                        if ph.is_none() {
                            continue;
                        }
                        checked += 1;
                        if pair {
                            assert!(lex.may_have_event(&format!("{text} They met."), 0), "{text}");
                        } else {
                            assert!(lex.may_have_event(&text, 2), "{text}");
                        }
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked}");
        // And it rules sentences out: no trigger, or no second name and no pair phrase.
        assert!(!lex.may_have_event("Poland's inflation rose in the Netherlands and England.", 3));
        assert!(lex.may_have_event("Poland met the Netherlands.", 2));
        assert!(!lex.may_have_event("Poland met the Netherlands.", 1));
        assert!(lex.may_have_event("Both countries met.", 0));
        assert!(lex.may_have_event("Le ministre a rencontré son homologue.", 0));
    }

    #[test]
    fn one_pass_per_document_screens_each_sentence_as_alone() {
        let lex = Lexicon::builtin();
        // Pieces at sentence edges (a word that goes on past the sentence's end, one that
        // begins right at its start after a word character), a pair phrase, a sentence
        // with a letter that is not ASCII, gaps between sentences, and a sentence of none.
        let text = "Poland met the Netherlands.Both countries met.xmet Visits to Peru. Agreement signedx\nLe ministre a rencontré Paris et Lima. Inflation rose in Chile and Peru.";
        let cuts = [0, 27, 46, 67, 86, 125, text.len()];
        let mut sentences: Vec<Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).collect();
        sentences[2].start += 1;
        sentences[3].end -= 2;
        for names in [0, 1, 2, 3] {
            let counts = vec![names; sentences.len()];
            let one = lex.may_have_events(text, &sentences, &counts).expect("ordered sentences");
            let alone: Vec<bool> = sentences.iter().map(|r| lex.may_have_event(&text[r.clone()], names)).collect();
            assert_eq!(one, alone, "{names} names");
            assert!(one.contains(&true) && (names < 2 || one.contains(&false)), "{one:?}");
        }
        // Sentences out of order are screened one by one by the caller.
        assert_eq!(lex.may_have_events(text, &[27..46, 0..27], &[2, 2]), None);
    }

    #[test]
    fn english_word_forms_are_those_of_heap_strings() {
        // The stack-lowercased fast path against the plain one, on every vocabulary word
        // with each inflection the reductions undo, in three cases, plus words too long
        // for the stack buffer and non-ASCII ones.
        let lex = Lexicon::builtin();
        let mut words: Vec<String> = Vec::new();
        for v in lex.vocab.keys().filter(|v| !crate::text::is_arabic_word(v)) {
            let stem = v.strip_suffix('y').unwrap_or(v);
            for w in [v.clone(), format!("{v}s"), format!("{v}es"), format!("{stem}ies"), format!("{stem}ied"),
                      format!("{v}ed"), format!("{v}d"), format!("{v}ing"), format!("{}ing", v.strip_suffix('e').unwrap_or(v))] {
                words.push(w.to_uppercase());
                words.push(w.chars().next().map(|c| c.to_uppercase().chain(w.chars().skip(1)).collect()).unwrap_or_default());
                words.push(w);
            }
        }
        words.push(format!("{}signed", "x".repeat(60)));
        words.push("Élections".into());
        words.push("SIGNÉD".into());
        let mut out = Vec::new();
        let mut hits = 0;
        for w in &words {
            lex.word_ids(w, &mut out);
            assert_eq!(out, reference(lex, w), "{w:?}");
            hits += usize::from(!out.is_empty());
        }
        assert!(hits > words.len() / 3, "{hits} of {}", words.len());
    }
}
