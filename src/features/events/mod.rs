//! What event extraction reads of a document's text ([`EventInput`]), computed once per
//! document so that events need no text: the trigger and cue phrases of the shipped
//! lexicons (`python/newsframe/data/events/`) found in each sentence. `relate` finds the
//! events from it, for a [`Document`] or for a record that kept only this input.

use std::ops::Range;

use super::mentions_by_sentence;
use crate::doc::{Document, Label, Mention};
use crate::kb::Kb;
use crate::text::{is_arabic_word, word_ranges};

mod lexicon;

pub(crate) use lexicon::{Kind, Lexicon};

/// The event types, as stable strings.
pub const EVENT_TYPES: [&str; 8] =
    ["visit", "consult", "agreement", "arms_sale", "military_cooperation", "exercise", "aid", "criticism"];

const TRIGGERS_EN: &str = include_str!("../../../python/newsframe/data/events/triggers_en.tsv");
const TRIGGERS_AR: &str = include_str!("../../../python/newsframe/data/events/triggers_ar.tsv");

/// Longest gap a `...` in a trigger phrase stands for, in words.
const MAX_GAP: usize = 5;

/// How many words may stand between a past meeting verb and the "to"/"for" of its purpose
/// ("met recently in Paris to discuss").
const PURPOSE_GAP: usize = 4;

/// A phrase found in a sentence, in word indices of the sentence.
#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    end: usize,
    phrase: u32,
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

/// Is the text between a country mention and a name only a title ("Defense Secretary",
/// "'s President", "deputy Foreign Minister")?
fn title_gap(lex: &Lexicon, gap: &str) -> bool {
    let gap = ["'s ", "\u{2019}s "].iter().find_map(|p| gap.strip_prefix(p).map(|g| format!(" {g}"))).unwrap_or_else(|| gap.to_string());
    if gap.contains(|c: char| !(c.is_alphabetic() || c == ' ' || c == '-' || c == '.' || ('\u{064b}'..='\u{0652}').contains(&c))) {
        return false;
    }
    let words: Vec<&str> = gap.split_whitespace().collect();
    if words.iter().any(|w| is_arabic_word(w)) {
        return words.len() <= 2;
    }
    // Lowercase words are titles only when the lexicon says so ("deputy", "president").
    words.len() <= 4 && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) || phrase_at_start(lex, w, |k| matches!(k, Kind::Official | Kind::State)))
}

/// Does a phrase whose kind satisfies `pred` start at the first word of `text`?
fn phrase_at_start(lex: &Lexicon, text: &str, pred: impl Fn(Kind) -> bool) -> bool {
    // Phrases are a few words long: reading the rest of a long document would make the
    // check of every mention linear in the document's length.
    let text = &text[..text.char_indices().nth(80).map_or(text.len(), |(i, _)| i)];
    let words = word_ranges(text, 0);
    let mut buf = Vec::new();
    // The next words are read only when a phrase of the wanted kinds opens with the first,
    // which most words after a name do not.
    let Some(first) = words.first() else { return false };
    lex.word_ids(&text[first.clone()], &mut buf);
    if !buf.iter().any(|(id, _)| lex.by_first.get(id).into_iter().flatten().any(|&p| pred(lex.phrases[p as usize].kind))) {
        return false;
    }
    let ids: Vec<Vec<(u32, bool)>> = words
        .iter()
        .take(4)
        .map(|w| {
            lex.word_ids(&text[w.clone()], &mut buf);
            buf.clone()
        })
        .collect();
    !ids.is_empty()
        && ids[0].iter().any(|(id, _)| lex.by_first.get(id).into_iter().flatten().any(|&p| pred(lex.phrases[p as usize].kind) && lex.match_at(&ids, 0, &lex.phrases[p as usize]).is_some()))
}

/// Words after which a demonym or a determined place still acts: function words and
/// reporting verbs ("the Iranian said", "Israeli and Syrian envoys").
const FUNCTION_WORDS: [&str; 40] = [
    "and", "or", "but", "nor", "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "that", "which", "who",
    "said", "says", "say", "told", "has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would", "could", "should",
    "may", "might", "did",
];

/// Words after which a verb-only trigger is a noun: determiners, prepositions (not "to",
/// which makes an infinitive) and forms of "be".
const NOUN_BEFORE: [&str; 40] = [
    "a", "an", "the", "any", "no", "some", "every", "each", "this", "these", "those", "his", "her", "its", "their", "our", "more", "many",
    "few", "first", "by", "of", "for", "in", "on", "at", "with", "as", "from", "into", "without", "is", "are", "was", "were", "been",
    "amid", "despite", "about", "after",
];

/// Words that make the holder of a post named after them its new holder ("new ambassador",
/// "incoming consul").
const NEW_WORDS: [&str; 3] = ["new", "newly", "incoming"];

/// How many words before a post's title a [`NEW_WORDS`] word may stand ("new U.S.
/// ambassador", "newly appointed French ambassador").
const NEW_POST_GAP: usize = 4;

/// Past participles of common verbs that end in neither -ed nor -en ("led by", "sent by").
const IRREGULAR_PARTICIPLES: [&str; 16] =
    ["led", "sent", "made", "held", "brought", "bought", "sold", "hit", "set", "won", "paid", "built", "kept", "put", "run", "sought"];

/// Words of a game's result that a score stands next to ("lost 8-3 to Cardiff", "won
/// 2-1", "a 3-0 defeat"): the sentence is about sport.
const RESULT_WORDS: [&str; 17] = [
    "won", "win", "wins", "lost", "lose", "loses", "drew", "draw", "draws", "beat", "beats", "beaten", "defeated", "defeat", "victory",
    "thrashed", "thrashing",
];

/// Does the sentence of `words` (ranges in `text`) give a game's score: two numbers of at
/// most two digits joined by a hyphen or dash, a [`RESULT_WORDS`] word up to three words
/// before it or two after? ("New Zealand's next visit to Wales ... as they lost 8-3 to
/// Cardiff": teams, no states.) Years and ranges ("1990-91", "10-15 percent") lack the
/// result word.
fn game_score(text: &str, words: &[Range<usize>]) -> bool {
    let small = |w: &str| (1..=2).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_digit());
    (0..words.len().saturating_sub(1)).any(|i| {
        small(&text[words[i].clone()])
            && small(&text[words[i + 1].clone()])
            && matches!(&text[words[i].end..words[i + 1].start], "-" | "\u{2013}")
            && (i.saturating_sub(3)..i)
                .chain(i + 2..(i + 4).min(words.len()))
                .any(|j| RESULT_WORDS.contains(&text[words[j].clone()].to_ascii_lowercase().as_str()))
    })
}

/// Nouns after a determined place that leave it a place ("the West Bank town of Ramallah").
const PLACE_NOUNS: [&str; 14] =
    ["town", "city", "village", "capital", "port", "region", "province", "district", "area", "suburb", "airport", "border", "state", "enclave"];

/// Nouns of a settlement after a demonym that make it a place of that country ("the Russian
/// capital", "the Iraqi port"); not "border" or "region", which may lie between two.
const COUNTRY_PLACE_NOUNS: [&str; 5] = ["capital", "city", "port", "town", "village"];

/// Is the place or demonym `mention` only a modifier of the common noun after it
/// ("Bosnian elections", "Swedish bus operator", "the Paris accord", "a Northern Ireland
/// peace process"), not an actor? English only: a demonym before a lowercase word that is
/// no title, state body, trigger or function word; a city or region after "the", or any
/// place after "a"/"an", before a lowercase word that is no title, state body or function
/// word (a trigger there is the modified noun: "the Geneva talks").
fn modifier_only(doc: &Document, m: usize, lex: &Lexicon) -> bool {
    let mention = &doc.mentions[m];
    let name = &doc.text[mention.start..mention.end];
    if is_arabic_word(name) {
        return false;
    }
    let after = &doc.text[mention.end..];
    // Only a space between: "Israeli-PLO", "Iran's", "U.S.," are other constructions.
    let Some(rest) = after.strip_prefix(' ') else { return false };
    let next = crate::text::letters_after(rest, 0);
    if next.is_empty() || !next.chars().next().is_some_and(char::is_lowercase) || FUNCTION_WORDS.contains(&next) {
        return false;
    }
    let official = phrase_at_start(lex, rest, |k| matches!(k, Kind::Official | Kind::State | Kind::NonStateAfter)) || {
        // One or two plain words may qualify the title or office ("a Ugandan goodwill
        // mission", "Japanese trade officials"): the demonym is still the state's.
        let (mut r, mut found) = (rest, false);
        for _ in 0..2 {
            let w = crate::text::letters_after(r, 0);
            if w.is_empty() || !w.chars().all(char::is_lowercase) || FUNCTION_WORDS.contains(&w) {
                break;
            }
            let Some(next) = r[w.len()..].strip_prefix(' ') else { break };
            r = next;
            if phrase_at_start(lex, r, |k| matches!(k, Kind::Official | Kind::State)) {
                found = true;
                break;
            }
        }
        found
    };
    // Right after a trigger, the demonym names the one acted upon ("condemned Iraqi
    // involvement").
    let prev_word = doc.text[..mention.start].trim_end().rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let prev_trigger = !prev_word.is_empty() && phrase_at_start(lex, prev_word, |k| matches!(k, Kind::Event(_)));
    match mention.label {
        // "arrived in the Russian capital": a demonym before a noun of a settlement names
        // a place in that country, as its name would.
        Label::Norp if COUNTRY_PLACE_NOUNS.contains(&next) => false,
        Label::Norp => !official && !prev_trigger && !phrase_at_start(lex, rest, |k| matches!(k, Kind::Event(_))),
        Label::Gpe => {
            let before = doc.text[..mention.start].trim_end_matches(' ');
            let det = |d: &str| {
                let cut = before.len().saturating_sub(d.len());
                before.len() >= d.len()
                    && before.get(cut..).is_some_and(|w| w.eq_ignore_ascii_case(d))
                    && !before[..cut].ends_with(|c: char| c.is_alphanumeric())
            };
            let city = !mention.kb_id.as_deref().is_some_and(|k| k.starts_with("country:"));
            !official && !PLACE_NOUNS.contains(&next) && ((det("the") && city) || det("a") || det("an"))
        }
        _ => false,
    }
}

/// What event extraction reads of a document's text, computed once per document: the
/// trigger and cue phrases of each sentence that has a trigger and could have two actors
/// (two names, or a phrase such as "both countries"), the word span of each of its
/// mentions, and per mention the country an organisation name begins with and whether
/// only a title separates it from the mention before (left empty when no sentence is
/// kept: nothing reads them then). With it, events need no text.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EventInput {
    /// (mention, country code) of ORG mentions whose name begins with a country.
    pub org_country: Vec<(u32, String)>,
    /// Mentions preceded, with only a title between, by the mention before them.
    pub title_gap: Vec<u32>,
    /// Place or demonym mentions that only qualify the company or group named right after
    /// them ("Canada's Bre-X Minerals", "Japanese bank Sumitomo"): not actors.
    #[serde(default)]
    pub qualifiers: Vec<u32>,
    /// Places that open a sentence as its dateline ("ROME - Israeli Foreign Minister ..."):
    /// where the story was filed, no actor.
    #[serde(default)]
    pub datelines: Vec<u32>,
    /// Sentences with at least one trigger and two names or a pair cue, in order.
    pub sentences: Vec<SentenceCues>,
}

/// The phrases of one sentence, in word indices of the sentence.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SentenceCues {
    pub sentence: u32,
    /// Non-overlapping event triggers, in order.
    pub triggers: Vec<TriggerCue>,
    pub blocks: Vec<u32>,
    pub barriers: Vec<u32>,
    pub dests: Vec<u32>,
    pub sources: Vec<u32>,
    pub conjs: Vec<u32>,
    pub pair_cue: Option<u32>,
    /// Modality cues: (first word, 1 negated / 2 planned / 3 possible / 4 planned, read
    /// after the trigger; or the word after the cue, 5 planned, read right before it).
    pub modal: Vec<(u32, u8)>,
    /// Cues by kind (`@venue`, `@agent`, `@with`, `@make`: the word after the cue;
    /// `@nonstate_after`: the cue's first word; `@nonstate_before`: the word after it).
    #[serde(default)]
    pub venues: Vec<u32>,
    #[serde(default)]
    pub agents: Vec<u32>,
    #[serde(default)]
    pub withs: Vec<u32>,
    #[serde(default)]
    pub makes: Vec<u32>,
    #[serde(default)]
    pub nonstate_after: Vec<u32>,
    #[serde(default)]
    pub nonstate_before: Vec<u32>,
    /// `@between`: the word after the cue.
    #[serde(default)]
    pub betweens: Vec<u32>,
    /// `@abstract`: the cue's first word.
    #[serde(default)]
    pub abstracts: Vec<u32>,
    /// `@group`: the cue's first word.
    #[serde(default)]
    pub groups: Vec<u32>,
    /// `@relative`: the cue's first word.
    #[serde(default)]
    pub relatives: Vec<u32>,
    /// `@private`: the cue's first word.
    #[serde(default)]
    pub privates: Vec<u32>,
    /// `@post`, `@departed`: the word after the cue.
    #[serde(default)]
    pub posts: Vec<u32>,
    #[serde(default)]
    pub departed: Vec<u32>,
    /// `@clause_after`: the cue's first word.
    #[serde(default)]
    pub clauses_after: Vec<u32>,
    /// `@attend`: the cue's first word.
    #[serde(default)]
    pub attends: Vec<u32>,
    /// `@leaves`, `@topic_between`: the word after the cue.
    #[serde(default)]
    pub leaves: Vec<u32>,
    #[serde(default)]
    pub topic_betweens: Vec<u32>,
    /// `@received`, `@visitor_of`: the word after the cue.
    #[serde(default)]
    pub received: Vec<u32>,
    #[serde(default)]
    pub visitors_of: Vec<u32>,
    /// `@invite`: the word after the cue.
    #[serde(default)]
    pub invites: Vec<u32>,
    /// `@contact`: the word after the cue.
    #[serde(default)]
    pub contacts: Vec<u32>,
    /// `@pronoun`: the cue's word.
    #[serde(default)]
    pub pronouns: Vec<u32>,
    /// The last word of a `@new_post` title with "new", "newly" or "incoming" up to
    /// [`NEW_POST_GAP`] words before it and no clause punctuation between ("New U.S.
    /// ambassador"): its holder is taking the post up.
    #[serde(default)]
    pub new_posts: Vec<u32>,
    /// `@forces`: the cue's first word.
    #[serde(default)]
    pub forces: Vec<u32>,
    /// `@deprive`, `@said`: the cue's first word.
    #[serde(default)]
    pub deprives: Vec<u32>,
    #[serde(default)]
    pub saids: Vec<u32>,
    /// The word "of" ("accusing the group of supporting X": the charge follows it).
    #[serde(default)]
    pub ofs: Vec<u32>,
    /// First word of each criticism trigger that is a past participle right before "of" or
    /// "for" ("diplomats accused of spying", "people accused of crimes"): a passive or
    /// reduced relative, whose subject is the one criticised, not the critic.
    #[serde(default)]
    pub passive_criticisms: Vec<u32>,
    /// The "by" (`@agent`) of a passive trigger, after a form of "be" and a past participle,
    /// up to five words on with no clause punctuation between ("was condemned in a joint
    /// statement by Egypt"): its country is the trigger's agent.
    #[serde(default)]
    pub passive_bys: Vec<u32>,
    /// The word after a "by" (`@agent`) that follows a past participle ("first proposed by
    /// X", "backed by X"): X is that verb's agent.
    #[serde(default)]
    pub participle_agents: Vec<u32>,
    /// `@official` and `@state` words (titles, offices, state bodies): first word.
    #[serde(default)]
    pub officials: Vec<u32>,
    /// The article "the": "France, Germany and the United States".
    #[serde(default)]
    pub articles: Vec<u32>,
    /// The sentence is about sport (a `@sport` word): countries there are teams.
    #[serde(default)]
    pub sport: bool,
    /// Words preceded by clause punctuation (, ; : ( ) or a dash) in the gap before them.
    pub punct: Vec<u32>,
    /// Possessive pronouns (his, her, its, their): "X and his Y counterpart".
    #[serde(default)]
    pub possessive: Vec<u32>,
    /// For each mention of the sentence: first word, end word, and the proclitic on its
    /// first word (bit 0: ل, bit 1: ب, bit 2: و).
    pub spans: Vec<(u32, u32, u8)>,
}

/// One trigger phrase of a sentence.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TriggerCue {
    pub start: u32,
    pub end: u32,
    pub phrase: u32,
    pub bytes: (u32, u32),
    pub chars: (u32, u32),
    pub text: String,
}

/// Character offset of byte `b` of `text`, counted on from `cursor` (byte, chars) when `b`
/// lies after it.
fn char_at(text: &str, cursor: &mut (usize, u32), b: usize) -> u32 {
    if b < cursor.0 {
        *cursor = (0, 0);
    }
    cursor.1 += text[cursor.0..b].chars().count() as u32;
    cursor.0 = b;
    cursor.1
}

/// Does a phrase of kind `k` occur in `text`?
fn has_phrase(lex: &Lexicon, text: &str, k: Kind) -> bool {
    let ids = lex.ids_of_words(text);
    (0..ids.len()).any(|i| {
        ids[i].iter().any(|(id, _)| lex.by_first.get(id).into_iter().flatten().any(|&p| lex.phrases[p as usize].kind == k && lex.match_at(&ids, i, &lex.phrases[p as usize]).is_some()))
    })
}

/// The [`EventInput`] of `doc`.
pub fn event_input(doc: &Document, kb: &Kb) -> EventInput {
    let lex = Lexicon::builtin();
    let mut input = EventInput::default();
    let by_sentence = mentions_by_sentence(doc);
    // Triggers come in text order: counting characters from the previous one keeps the
    // character offsets linear in the document's length.
    let mut cursor = (0usize, 0u32);
    // The word ids of each sentence go into vectors reused from sentence to sentence: a
    // new vector per word was most of this function's allocations.
    let mut pool: Vec<Vec<(u32, bool)>> = Vec::new();
    // An event needs a trigger and two country actors in its sentence, or a phrase such as
    // "both countries" (`relate::events`); an actor is a name, never a date or an amount.
    // Reading every sentence's words was most of this function's time; these checks of the
    // text alone rule most sentences out (and never one that could yield an event).
    let names: Vec<usize> = (0..doc.sentences.len())
        .map(|s| by_sentence[s].clone().filter(|&m| !matches!(doc.mentions[m].label, Label::Date | Label::Money | Label::Percent)).count())
        .collect();
    let screened = lex.may_have_events(&doc.text, &doc.sentences, &names);
    for (s, sent) in doc.sentences.iter().enumerate() {
        let Some(text) = doc.text.get(sent.clone()) else { continue };
        let may = match &screened {
            Some(v) => v[s],
            None => lex.may_have_event(text, names[s]),
        };
        if !may {
            continue;
        }
        let words = word_ranges(text, sent.start);
        if pool.len() < words.len() {
            pool.resize_with(words.len(), Vec::new);
        }
        let ids = &mut pool[..words.len()];
        for (w, out) in words.iter().zip(ids.iter_mut()) {
            lex.word_ids(&doc.text[w.clone()], out);
        }
        let ids = &*ids;
        // Phrases found in the sentence.
        let mut found: Vec<Found> = Vec::new();
        for i in 0..words.len() {
            for (id, _) in &ids[i] {
                for &p in lex.by_first.get(id).into_iter().flatten() {
                    if let Some(end) = lex.match_at(&ids, i, &lex.phrases[p as usize]) {
                        found.push(Found { start: i, end, phrase: p });
                    }
                }
            }
        }
        let kind = |f: &Found| lex.phrases[f.phrase as usize].kind;
        let mut triggers: Vec<Found> = found.iter().copied().filter(|f| matches!(kind(f), Kind::Event(_))).collect();
        if triggers.is_empty() {
            continue;
        }
        // Longest (most words, then shortest span) first; keep the non-overlapping ones.
        triggers.sort_by(|a, b| {
            let (pa, pb) = (&lex.phrases[a.phrase as usize], &lex.phrases[b.phrase as usize]);
            pb.n_words.cmp(&pa.n_words).then((a.end - a.start).cmp(&(b.end - b.start))).then(a.start.cmp(&b.start)).then(a.phrase.cmp(&b.phrase))
        });
        let mut taken = vec![false; words.len()];
        triggers.retain(|t| {
            if taken[t.start..t.end].iter().any(|&x| x) {
                return false;
            }
            taken[t.start..t.end].iter_mut().for_each(|x| *x = true);
            true
        });
        triggers.sort_by_key(|t| (t.start, t.end));
        // A capitalised English trigger inside a sentence is a name ("Grant Stafford").
        triggers.retain(|t| t.start == 0 || !doc.text[words[t.start].clone()].starts_with(|c: char| c.is_ascii_uppercase()));
        // "the loan repayment issue", "the aid question": a trigger after an article that
        // only modifies a topic noun, at most one plain lowercase word between, names what
        // is at issue; no loan was made. Verbs take no article ("discuss trade issues" stays).
        let plain_gap = |i: usize| !doc.text[words[i - 1].end..words[i].start].contains(|c: char| !c.is_whitespace());
        let modifies_issue = |t: &Found| {
            t.start > 0
                && matches!(doc.text[words[t.start - 1].clone()].to_ascii_lowercase().as_str(), "the" | "a" | "an")
                && found.iter().any(|g| {
                    kind(g) == Kind::Issue
                        && t.end <= g.start
                        && g.start <= t.end + 1
                        && (t.end..=g.start).all(plain_gap)
                        && (t.end..g.start).all(|i| {
                            let w = &doc.text[words[i].clone()];
                            w.chars().all(|c| c.is_lowercase() || c == '-') && !FUNCTION_WORDS.contains(&w)
                        })
                })
        };
        triggers.retain(|t| !modifies_issue(t));
        // "troubled by signs the strategy is strained", "as a sign the growth is over",
        // "signs of": a verb-only trigger in its bare form after a determiner, a preposition
        // or "be", or before "of", is the noun of its other sense.
        let other_noun = |t: &Found| {
            let w = doc.text[words[t.start].clone()].to_ascii_lowercase();
            let word_at = |i: usize| words.get(i).map(|r| doc.text[r.clone()].to_ascii_lowercase());
            lex.phrases[t.phrase as usize].verb
                && t.end == t.start + 1
                && !w.ends_with("ed")
                && !w.ends_with("ing")
                && (t.start.checked_sub(1).and_then(word_at).is_some_and(|p| NOUN_BEFORE.contains(&p.as_str())) || word_at(t.end).as_deref() == Some("of"))
        };
        triggers.retain(|t| !other_noun(t));
        // "demand has been met by Soviet purchases", "the conditions were met": a meeting
        // verb in the passive after an `@abstract` noun (at most one auxiliary between)
        // satisfies it, as the same nouns do as the active verb's object.
        let satisfied = |t: &Found| {
            let word_at = |i: usize| doc.text[words[i].clone()].to_ascii_lowercase();
            lex.phrases[t.phrase as usize].meet
                && t.start >= 2
                && matches!(word_at(t.start - 1).as_str(), "been" | "be" | "being" | "is" | "are" | "was" | "were")
                && found.iter().any(|g| kind(g) == Kind::Abstract && g.end < t.start && t.start - 1 - g.end <= 1)
        };
        triggers.retain(|t| !satisfied(t));
        if triggers.is_empty() {
            continue;
        }
        let cues = |k: Kind, at_end: bool| -> Vec<u32> {
            found.iter().filter(|f| kind(f) == k).map(|f| if at_end { f.end as u32 } else { f.start as u32 }).collect()
        };
        let word_span = |r: Range<usize>| -> (usize, usize) {
            let a = words.partition_point(|w| w.end <= r.start);
            let b = words.partition_point(|w| w.start < r.end);
            (a, b.max(a + 1))
        };
        let spans: Vec<(u32, u32, u8)> = by_sentence[s]
            .clone()
            .map(|m| {
                let mention = &doc.mentions[m];
                let (w0, w1) = word_span(mention.start..mention.end);
                // A proclitic on the name itself: ل/ب "to/in", و "and".
                let prefix = words.get(w0).map_or("", |w| doc.text.get(w.start..mention.start.max(w.start)).unwrap_or(""));
                let flags = prefix.ends_with('ل') as u8 | (prefix.ends_with('ب') as u8) << 1 | (prefix.ends_with('و') as u8) << 2;
                (w0 as u32, w1 as u32, flags)
            })
            .collect();
        let in_name = |i: usize| spans.iter().any(|&(w0, w1, _)| w0 as usize <= i && i < w1 as usize);
        let mut cues_out = Vec::with_capacity(triggers.len());
        for t in &triggers {
            let bytes = words[t.start].start..words[t.end - 1].end;
            let chars = (char_at(&doc.text, &mut cursor, bytes.start), char_at(&doc.text, &mut cursor, bytes.end));
            cues_out.push(TriggerCue {
                start: t.start as u32,
                end: t.end as u32,
                phrase: t.phrase,
                bytes: (bytes.start as u32, bytes.end as u32),
                chars,
                text: doc.text[bytes].to_string(),
            });
        }
        let triggers = cues_out;
        // "met recently in Paris to discuss", "met for talks": a purpose of a meeting already
        // held is no plan. A comma, "and" or a relative pronoun between starts another
        // clause whose "to" may plan ("met and agreed to hold talks").
        let clause_break = |a: usize, b: usize| {
            found.iter().any(|g| matches!(kind(g), Kind::Conj | Kind::Barrier | Kind::Relative) && a <= g.start && g.start < b)
                || (a..=b).any(|i| i > 0 && i < words.len() && {
                    let gap = &doc.text[words[i - 1].end..words[i].start];
                    gap.contains([',', ';', ':', '(', ')', '\u{2014}', '\u{2013}']) || gap.contains(" -")
                })
        };
        let purpose_of_past_meeting = |f: &Found| {
            found.iter().any(|g| {
                kind(g) == Kind::PastMeeting && g.end <= f.start && f.start - g.end <= PURPOSE_GAP && !clause_break(g.end, f.start)
            })
        };
        let relatives = {
            // "aid that foreign governments are providing", "a tour that has taken X to
            // Iraq": "that" right after a trigger of giving or travel that is no past verb
            // opens a relative clause, whose countries are no parties. (After a criticism,
            // talks or agreement it mostly reports what was said: "complaints that Niger
            // broke the rules".)
            let mut v = cues(Kind::Relative, false);
            for t in triggers.iter().filter(|t| matches!(lex.phrases[t.phrase as usize].kind, Kind::Event("aid" | "visit" | "arms_sale" | "exercise" | "military_cooperation"))) {
                let end = t.end as usize;
                let last = doc.text[words[end - 1].clone()].to_ascii_lowercase();
                if end + 1 < words.len() && doc.text[words[end].clone()].eq_ignore_ascii_case("that") && !last.ends_with("ed") {
                    v.push(end as u32);
                }
            }
            v.sort_unstable();
            v
        };
        // The word after "of" (and "the") that follows one to three titles starting at word
        // `x`, an article or possessive before them allowed ("the foreign ministers of the
        // United Kingdom", "President of Gabon"): the country whose officials they are.
        let after_titles_of = |x: usize| -> Option<usize> {
            let word = |i: usize| words.get(i).map(|w| doc.text[w.clone()].to_ascii_lowercase());
            let mut j = x;
            if word(j).is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an" | "his" | "her" | "its" | "their")) {
                j += 1;
            }
            let first = j;
            for _ in 0..3 {
                match found.iter().filter(|f| kind(f) == Kind::Official && f.start == j).map(|f| f.end).max() {
                    Some(e) => j = e,
                    None => break,
                }
            }
            if j == first || word(j).as_deref() != Some("of") {
                return None;
            }
            j += 1;
            if word(j).as_deref() == Some("the") {
                j += 1;
            }
            (j < words.len()).then_some(j)
        };
        // The ends of a kind's cues, and where a country after an official's "of" stands
        // right after such a cue ("with the foreign ministers of X", "former President of X").
        let cues_and_titles_of = |k: Kind| -> Vec<u32> {
            let mut v = cues(k, true);
            for x in v.clone() {
                if let Some(j) = after_titles_of(x as usize) {
                    v.push(j as u32);
                }
            }
            v.sort_unstable();
            v
        };
        let passive_criticisms: Vec<u32> = triggers
            .iter()
            .filter(|t| {
                let end = t.end as usize;
                let last = doc.text[words[end - 1].clone()].to_ascii_lowercase();
                matches!(lex.phrases[t.phrase as usize].kind, Kind::Event("criticism"))
                    && last.ends_with("ed")
                    && words.get(end).is_some_and(|w| matches!(doc.text[w.clone()].to_ascii_lowercase().as_str(), "of" | "for"))
            })
            .map(|t| t.start)
            .collect();
        let passive_bys: Vec<u32> = {
            let lower = |i: usize| doc.text[words[i].clone()].to_ascii_lowercase();
            let clause_punct = |i: usize| {
                let gap = &doc.text[words[i - 1].end..words[i].start];
                gap.contains([',', ';', ':', '(', ')', '\u{2014}', '\u{2013}']) || gap.contains(" -")
            };
            let mut v = Vec::new();
            for t in &triggers {
                let (start, end) = (t.start as usize, t.end as usize);
                let last = lower(end - 1);
                let participle = (last.len() > 3 && last.ends_with("ed")) || IRREGULAR_PARTICIPLES.contains(&last.as_str());
                let be = start > 0 && matches!(lower(start - 1).as_str(), "was" | "were" | "is" | "are" | "been" | "being" | "be");
                if !(participle && be) {
                    continue;
                }
                if let Some(f) = found.iter().filter(|f| kind(f) == Kind::Agent && f.start >= end && f.start <= end + 5).min_by_key(|f| f.start) {
                    if !(end + 1..=f.start).any(|i| i < words.len() && clause_punct(i)) {
                        v.push(f.start as u32);
                    }
                }
            }
            v
        };
        input.sentences.push(SentenceCues {
            sentence: s as u32,
            triggers,
            blocks: cues(Kind::Block, false),
            barriers: cues(Kind::Barrier, false),
            dests: cues(Kind::Dest, true),
            sources: cues(Kind::Source, true),
            // Every word of a conjunction ("as well as"), so that a list reads through it.
            conjs: found.iter().filter(|f| kind(f) == Kind::Conj).flat_map(|f| f.start as u32..f.end as u32).collect(),
            pair_cue: found.iter().find(|f| kind(f) == Kind::Pair).map(|f| f.start as u32),
            venues: cues(Kind::Venue, true),
            agents: cues(Kind::Agent, true),
            // "meets with the foreign ministers of the United Kingdom, Germany and France": the
            // countries after the officials' "of" are the partners as much as a country right
            // after "with" would be.
            withs: cues_and_titles_of(Kind::With),
            makes: cues(Kind::Make, false),
            nonstate_after: {
                // "U.S. semiconductor makers", "Japanese commercial banks": up to two
                // lowercase modifiers may stand between the country and the group noun. A
                // word of any lexicon phrase ("government bank", "criticised firms"), a
                // function word or a past form ("told banks") ends the noun phrase.
                // A capitalised word that is part of no name is such a modifier too, as
                // headlines and trade names write them ("a U.S. Rice trader").
                let plain_modifier = |i: usize| {
                    let w = &doc.text[words[i].clone()];
                    let lower = w.to_lowercase();
                    (w.chars().all(|c| c.is_lowercase() || c == '-')
                        || w.chars().all(|c| c.is_ascii_digit())
                        || (w.chars().all(|c| c.is_alphabetic() || c == '-') && w.chars().any(char::is_uppercase) && !in_name(i)))
                        && !FUNCTION_WORDS.contains(&lower.as_str())
                        && !lower.ends_with("ed")
                        && !found.iter().any(|f| f.start <= i && i < f.end && kind(f) != Kind::Official)
                        && !doc.text[words[i - 1].end..words[i].start].contains(|c: char| !(c.is_whitespace() || c == '.'))
                };
                let mut v = cues(Kind::NonStateAfter, false);
                let number = |i: usize| doc.text[words[i].clone()].chars().all(|c| c.is_ascii_digit());
                for x in v.clone() {
                    let x = x as usize;
                    let (mut i, mut modifiers) = (x, 0);
                    // A count ("14 donor nations") is no third modifier: three words reach
                    // back over "arrived in Belgrade two days after international organisers".
                    while i > 1 && (modifiers < 2 || number(i - 1)) && plain_modifier(i - 1) && doc.text[words[i - 1].end..words[i].start].trim().is_empty() {
                        // Each step makes one more word the end of a country that names a group.
                        i -= 1;
                        modifiers += usize::from(!number(i));
                        v.push(i as u32);
                    }
                    // "Indonesia's 14 foreign donor nations", "West Germany's largest bank": a
                    // possessive country owns the group its modifiers describe, it is not in
                    // it (the "s" after the apostrophe ends the name). With no modifier the
                    // noun may be the country's own act or body ("Hungary's agreement",
                    // "Britain's opposition").
                    if i < x && i > 1 && doc.text[words[i - 1].clone()].eq_ignore_ascii_case("s") && matches!(&doc.text[words[i - 2].end..words[i - 1].start], "'" | "\u{2019}") {
                        v.push(i as u32 - 1);
                    }
                }
                v
            },
            // "former President of Gabon Ali Bongo": a former holder of a title of a country
            // acts for it no more than "former Gabonese President X" does.
            nonstate_before: cues_and_titles_of(Kind::NonStateBefore),
            betweens: cues(Kind::Between, true),
            abstracts: cues(Kind::Abstract, false),
            relatives,
            privates: cues(Kind::Private, false),
            posts: cues(Kind::Post, true),
            departed: cues(Kind::Departed, true),
            clauses_after: cues(Kind::ClauseAfter, false),
            attends: cues(Kind::Attend, false),
            leaves: cues(Kind::Leaves, true),
            topic_betweens: cues(Kind::TopicBetween, true),
            received: cues(Kind::Received, true),
            visitors_of: cues(Kind::VisitorOf, true),
            invites: cues(Kind::Invite, true),
            contacts: cues(Kind::Contact, true),
            pronouns: cues(Kind::Pronoun, false),
            new_posts: found
                .iter()
                .filter(|f| kind(f) == Kind::NewPost)
                .filter(|f| {
                    (f.start.saturating_sub(NEW_POST_GAP)..f.start).any(|i| {
                        NEW_WORDS.contains(&doc.text[words[i].clone()].to_ascii_lowercase().as_str())
                            && !(i + 1..=f.start).any(|j| doc.text[words[j - 1].end..words[j].start].contains([',', ';', ':', '(', ')']))
                    })
                })
                .map(|f| f.end as u32 - 1)
                .collect(),
            // "the head of the Peruvian navy": forces after a title and "of" are that
            // official's command, and the official travels.
            forces: found
                .iter()
                .filter(|f| kind(f) == Kind::Forces)
                .filter(|f| {
                    !found.iter().any(|g| {
                        matches!(kind(g), Kind::Official | Kind::State)
                            && !found.iter().any(|h| kind(h) == Kind::Forces && h.start == g.start)
                            && g.end <= f.start
                            && f.start - g.end <= 4
                            && (g.end..f.start).any(|i| doc.text[words[i].clone()].eq_ignore_ascii_case("of"))
                    })
                })
                .map(|f| f.start as u32)
                .collect(),
            deprives: cues(Kind::Deprive, false),
            saids: cues(Kind::Said, false),
            passive_criticisms,
            passive_bys,
            participle_agents: found
                .iter()
                .filter(|f| kind(f) == Kind::Agent && f.start > 0)
                .filter(|f| {
                    let w = doc.text[words[f.start - 1].clone()].to_ascii_lowercase();
                    (w.len() > 3 && (w.ends_with("ed") || w.ends_with("en"))) || IRREGULAR_PARTICIPLES.contains(&w.as_str())
                })
                .map(|f| f.end as u32)
                .collect(),
            // Lowercase, or capitalised outside a name: "the West Bank" is a place, "banks"
            // and "U.K. Banks" a group.
            groups: cues(Kind::Group, false)
                .into_iter()
                .filter(|&i| doc.text[words[i as usize].clone()].chars().next().is_some_and(char::is_lowercase) || !in_name(i as usize))
                .collect(),
            officials: found.iter().filter(|f| matches!(kind(f), Kind::Official | Kind::State)).map(|f| f.start as u32).collect(),
            articles: (0..words.len()).filter(|&i| doc.text[words[i].clone()].eq_ignore_ascii_case("the")).map(|i| i as u32).collect(),
            ofs: (0..words.len()).filter(|&i| doc.text[words[i].clone()].eq_ignore_ascii_case("of")).map(|i| i as u32).collect(),
            sport: found.iter().any(|f| kind(f) == Kind::Sport) || game_score(&doc.text, &words),
            modal: found
                .iter()
                .filter_map(|f| match kind(f) {
                    Kind::Negated => Some((f.start as u32, 1)),
                    Kind::Planned => Some((f.start as u32, 2)),
                    Kind::Possible => Some((f.start as u32, 3)),
                    Kind::PlannedAfter => Some((f.start as u32, 4)),
                    Kind::PlannedRight if purpose_of_past_meeting(f) => None,
                    Kind::PlannedRight => Some((f.end as u32, 5)),
                    _ => None,
                })
                .collect(),
            punct: (1..words.len())
                .filter(|&i| doc.text[words[i - 1].end..words[i].start].contains([',', ';', ':', '(', ')', '\u{2014}', '\u{2013}']) || doc.text[words[i - 1].end..words[i].start].contains(" -"))
                .map(|i| i as u32)
                .collect(),
            possessive: (0..words.len())
                .filter(|&i| ["his", "her", "its", "their"].iter().any(|p| doc.text[words[i].clone()].eq_ignore_ascii_case(p)))
                .map(|i| i as u32)
                .collect(),
            spans,
        });
    }
    // Events come only from the sentences kept above: without any, what the mentions say
    // is never read (most documents have no event sentence).
    if !input.sentences.is_empty() {
        mention_cues(doc, kb, lex, &mut input);
    }
    input
}

/// Is the name at `start..end` of `text` joined by a hyphen to a lowercase word ("Iran-contra",
/// "U.S.-backed", "pro-Iranian"), not to another name ("U.S.-Japan talks")?
pub(crate) fn hyphen_compound(text: &str, start: usize, end: usize) -> bool {
    let after = text.get(end..).unwrap_or("");
    let joined_after = after.strip_prefix('-').and_then(|r| r.chars().next()).is_some_and(char::is_lowercase);
    let before = text.get(..start).unwrap_or("");
    let joined_before = before.strip_suffix('-').and_then(|r| r.chars().next_back()).is_some_and(char::is_lowercase);
    joined_after || joined_before
}

/// The per-mention part of [`event_input`]: organisations named after a country, titles
/// between a country and a name, places and demonyms that only qualify what follows.
fn mention_cues(doc: &Document, kb: &Kb, lex: &Lexicon, input: &mut EventInput) {
    for (m, mention) in doc.mentions.iter().enumerate() {
        if matches!(mention.label, Label::Gpe) && dateline(doc, mention) {
            input.datelines.push(m as u32);
            continue;
        }
        if mention.label == Label::Org {
            let name = &doc.text[mention.start..mention.end];
            // An English organisation named after a country is the state only when its name
            // says it is a state body ("US embassy", not "British Airways").
            if is_arabic_word(name) || has_phrase(lex, name, Kind::State) {
                if let Some(code) = org_country(name, kb) {
                    input.org_country.push((m as u32, code));
                }
            }
        }
        // A plural demonym names people, not the state ("Iraqis who seized an airliner",
        // "Palestinians reopened their shops").
        if mention.label == Label::Norp {
            let t = &doc.text[mention.start..mention.end];
            if t.ends_with('s') && !t.ends_with("ss") && t.chars().next().is_some_and(char::is_uppercase) && !is_arabic_word(t) {
                input.qualifiers.push(m as u32);
                continue;
            }
        }
        // A place or demonym inside a hyphenated compound with a common word ("the
        // Iran-contra scandal", "U.S.-backed rebels", "pro-Iranian groups") names no actor.
        if matches!(mention.label, Label::Gpe | Label::Norp) && hyphen_compound(&doc.text, mention.start, mention.end) {
            input.qualifiers.push(m as u32);
            continue;
        }
        // A demonym or place that only modifies the common noun after it.
        if matches!(mention.label, Label::Gpe | Label::Norp) && modifier_only(doc, m, lex) {
            input.qualifiers.push(m as u32);
            continue;
        }
        // A place or demonym right before a company or group it only qualifies: "Canada's
        // Bre-X Minerals", "Japanese bank Sumitomo" (an organisation that is no state body).
        if matches!(mention.label, Label::Gpe | Label::Norp) {
            if let Some(next) = doc.mentions.get(m + 1).filter(|n| n.label == Label::Org) {
                let gap = doc.text.get(mention.end..next.start).unwrap_or("");
                let gap = ["'s", "\u{2019}s", "'", "\u{2019}"].iter().find_map(|p| gap.strip_prefix(p)).unwrap_or(gap);
                // A demonym may have a common noun between ("Japanese bank"), never a
                // function word ("Israeli and Hamas").
                let function = ["and", "or", "with", "to", "from", "in", "of", "at", "on", "by", "against", "for", "the", "a", "an"];
                let lower = gap.trim().is_empty()
                    || (mention.label == Label::Norp
                        && gap.split_whitespace().count() <= 2
                        && gap.split_whitespace().all(|w| w.chars().all(|c| c.is_lowercase()) && !function.contains(&w)));
                let name = &doc.text[next.start..next.end];
                if lower && !gap.contains(['.', ',', ';', '\n']) && !is_arabic_word(name) && !has_phrase(lex, name, Kind::State) {
                    input.qualifiers.push(m as u32);
                }
            }
        }
        // A place after a company and "of" ("<Daewoo Industrial Co Ltd> of South Korea") is
        // where the company is from, as "South Korea's Daewoo" would be: no actor. A state
        // body keeps its country ("the Ministry of Defence of Israel").
        if mention.label == Label::Gpe && m > 0 && input.qualifiers.last() != Some(&(m as u32)) {
            let prev = &doc.mentions[m - 1];
            let gap = doc.text.get(prev.end..mention.start).unwrap_or("").trim_start_matches(['>', ')']);
            let name = &doc.text[prev.start..prev.end];
            if prev.label == Label::Org && gap == " of " && !is_arabic_word(name) && !has_phrase(lex, name, Kind::State) {
                input.qualifiers.push(m as u32);
            }
        }
        if m > 0 && matches!(mention.label, Label::Person | Label::Org) {
            if let Some(gap) = doc.text.get(doc.mentions[m - 1].end..mention.start) {
                if title_gap(lex, gap) {
                    input.title_gap.push(m as u32);
                }
            }
        }
    }
}

/// Does the place `mention` open its sentence as a dateline: capitals, then perhaps a comma
/// and a date, then a dash ("ROME - ", "WASHINGTON, March 3 - ")?
fn dateline(doc: &Document, mention: &Mention) -> bool {
    let name = &doc.text[mention.start..mention.end];
    if !name.chars().any(char::is_alphabetic) || name.chars().any(char::is_lowercase) {
        return false;
    }
    let opens = doc.sentences.binary_search_by_key(&mention.start, |s| s.start).is_ok();
    if !opens {
        return false;
    }
    let rest = &doc.text[mention.end..];
    let rest = &rest[..rest.char_indices().nth(30).map_or(rest.len(), |(i, _)| i)];
    let Some(dash) = rest.find(" -").or_else(|| rest.find('\u{2014}')) else { return false };
    let lead = &rest[..dash];
    // A wire agency in brackets may stand between the place and the dash ("ABUJA (AFP) -").
    let agency = {
        let l = lead.trim();
        l.len() > 2 && l.starts_with('(') && l.ends_with(')') && !l[1..l.len() - 1].contains(['(', ')', ' ', ';', '\n'])
    };
    (lead.trim().is_empty() || agency || (lead.starts_with(',') && !lead.contains(['.', ';', '\n'])))
        && {
            // The story goes on in running text, not in a capitals headline ("U.S. - JAPAN").
            let next = rest[dash..].trim_start_matches([' ', '-', '\u{2014}']);
            let word = next.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            word.starts_with(char::is_uppercase) && word.chars().any(char::is_lowercase)
        }
}
