//! English PERSON and ORG candidates from rules.
//!
//! One pass tokenises the document into words with byte spans (per line, with the kind of
//! punctuation that separates each word from the previous one) and attaches each word's
//! lexicon classes with one hash lookup (titles, organisation heads, first names,
//! particles, stop words, cue words; all data files under `python/newsframe/data/names/`).
//! Lowercase words are looked up only when they touch a capitalised word, the only place
//! where they matter. Lines in capitals or in Title Case (headlines, page furniture) get
//! no rules of their own. The rules then work on the token array, each claiming tokens so
//! that later rules do not overlap earlier ones:
//!
//! 1. **Titles** ("Russian Foreign Minister", "Deputy Assistant Secretary for Regional
//!    Affairs", "political analyst") are skipped, with their "of/for/to/on ..." complements
//!    made of policy-area words or organisation names; the 1–4 capitalised tokens that
//!    follow are a PERSON. Titles stay outside the span; lowercase particles ("de", "bin",
//!    "al") stay inside.
//! 2. **First names**: a known given name (or an Arabic "Abd-" compound, or a single
//!    initial) starting a capitalised run and followed by 1–3 capitalised tokens is a
//!    PERSON, unless an organisation head, a title or a place noun follows ("Jane Doe
//!    Foundation", "Jane Doe airport") or the last word is a plural noun ("Victoria Falls").
//! 3. **Organisations**: a capitalised run ending in a head word ("Ministry", "Council",
//!    "Front", "Corporation"), extended left over modifiers (including a country or
//!    nationality) and right over further heads and "of/for/on (the) ..." complements, is
//!    an ORG; it never swallows a title that introduces a person ("Navy Chief of Staff
//!    Admiral ..."). Also "<Country> embassy in <Place>", acronyms defined in parentheses
//!    after an ORG and their later uses, photo credits "(Agency)" closing a line, and
//!    "according to <Source>.".
//! 4. **Document propagation**: the surname of a PERSON found by rules 1–2 marks its other
//!    standalone occurrences, before or after; a token at edit distance 1 from a surname of
//!    length >= 5 is a low-score PERSON (typos).
//! 5. **Weak cues**: speakers ("Jane Doe said", "..., said Doe."), appositions ("Jane Doe,
//!    the deputy minister", "Jane Doe, 45,") and "<Surname> administration".
//!
//! Scores: 0.85 title + full name, 0.8 first name + surname, 0.75 propagated surname,
//! 0.75–0.8 ORG (0.8 when it contains a knowledge-base match, so that the resolver
//! prefers "Ruritanian Ministry of Finance" to the NORP "Ruritanian"), 0.5–0.7 weak cues.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::doc::{Label, Mention, Source};

mod cues;
mod lexicon;
mod orgs;
mod persons;
mod rules;
mod tokens;
#[cfg(test)]
mod tests;

use lexicon::*;
use rules::*;
use tokens::*;

const TITLES: &str = include_str!("../../../python/newsframe/data/names/titles_en.txt");
const ORG_HEADS: &str = include_str!("../../../python/newsframe/data/names/org_heads_en.txt");
const FIRST_NAMES: &str = include_str!("../../../python/newsframe/data/names/first_names_en.txt");
const PARTICLES: &str = include_str!("../../../python/newsframe/data/names/name_particles.txt");
const STOPWORDS: &str = include_str!("../../../python/newsframe/data/names/stopwords_en.txt");
const COMMON: &str = include_str!("../../../python/newsframe/data/names/common_words_en.txt");
const DOMAINS: &str = include_str!("../../../python/newsframe/data/names/title_domains_en.txt");
const CUES: &str = include_str!("../../../python/newsframe/data/names/cues_en.txt");
const ACRONYMS: &str = include_str!("../../../python/newsframe/data/names/common_acronyms_en.txt");

/// PERSON and ORG candidates in `text`; `known` holds the knowledge-base and value
/// mentions already found (sorted by start), which the rules use as context.
pub fn find(text: &str, known: &[Mention]) -> Vec<Mention> {
    find_with_titles(text, known, &mut Vec::new())
}

/// [`find`], and the byte spans of the title phrases it read (titles with their
/// complements: "Secretary of Defense", "Supreme Commander of the Armed Forces") into
/// `titles`, sorted by start, for the resolver to keep other recognisers' names out of them.
pub fn find_with_titles(text: &str, known: &[Mention], titles: &mut Vec<std::ops::Range<usize>>) -> Vec<Mention> {
    let lex = lexicon();
    let mut toks = Vec::with_capacity(text.len() / 6 + 1);
    let mut lines = Vec::new();
    tokenize(text, lex, &mut toks, &mut lines);
    if toks.is_empty() {
        return Vec::new();
    }
    resolve_lower(text, lex, &mut toks, &lines);
    classify_lines(text, lex, &toks, &mut lines);
    attach_known(&mut toks, known);
    let n = toks.len();
    let mut doc = Doc {
        text,
        toks,
        lines,
        own: vec![0; n],
        out: Vec::new(),
        names: Vec::new(),
        acros: Vec::new(),
        known,
        titles: Vec::new(),
    };
    let lines = doc.lines.clone();
    for &line in &lines {
        if !line.headline && !line.shouting {
            doc.persons(line);
        }
    }
    for &line in &lines {
        if !line.headline && !line.shouting {
            doc.orgs(line);
        }
    }
    doc.acronyms();
    doc.propagate();
    for &line in &lines {
        if !line.headline && !line.shouting {
            doc.credit(line);
            doc.according_to(line);
            doc.speakers(line);
        }
    }
    let mut out = doc.out;
    out.sort_by_key(|m| (m.start, m.end));
    *titles = doc.titles;
    titles.sort_by_key(|r| (r.start, r.end));
    out
}

/// Whether `word` (any case, trailing dot kept: "Mr.") is a title, honorific or role noun
/// that stands before a person's name ("President", "Mr.", "Dr."), for other modules'
/// person cues.
pub(crate) fn is_person_title(word: &str) -> bool {
    lexicon().get(word) & L_TITLE_HEAD != 0
}

/// Whether `word` (any case) is an honorific of the title lexicon (`Mr.`, `Sir`, `Sheikh`),
/// which introduces a person only, unlike a rank or an office (`General`, `President`).
pub(crate) fn is_honorific(word: &str) -> bool {
    lexicon().get(word) & L_HON != 0
}

/// Honorifics that stand only before a person's surname (`Mr. Bush`, `Dr Rice`), unlike
/// titles such as `Father` or `Lord` that also open other names. After one of these a
/// capitalised word is a surname even when it is also an English word (`Mrs. White`,
/// `Mr Young`), and a name is a person whatever else it may name (`Mr. Ford`).
const PERSONAL_HONORIFICS: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Messrs", "Messrs.", "Dr", "Dr.", "Mister",
    "Monsieur", "Madame", "Mme", "Mme.",
];

/// Whether `word` (as written) is a personal honorific (see [`PERSONAL_HONORIFICS`]).
pub(crate) fn is_personal_honorific(word: &str) -> bool {
    PERSONAL_HONORIFICS.contains(&word)
}

/// Whether the word right before `start` (one space or a non-breaking space away) is a
/// personal honorific: `Mr. |Bush`.
pub(crate) fn after_personal_honorific(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    if before.len() == start {
        return false;
    }
    let word = before.rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“')).next().unwrap_or("");
    is_personal_honorific(word)
}

/// Where the name starts in a `span` that opens with a capitalised title or honorific and
/// goes on with one to three capitalised words that are no title, organisation head,
/// facility or function word (`Mr Houston`, `President Bush`, not `Senate Finance`).
pub(crate) fn name_after_title(span: &str) -> Option<usize> {
    let (first, rest) = span.split_once(' ')?;
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    let lex = lexicon();
    let words: Vec<&str> = rest.split(' ').collect();
    let name_word = |w: &&str| capitalised(w) && lex.get(w) & (L_TITLE | L_ORG | L_FACILITY | L_STOP) == 0;
    (capitalised(first) && lex.get(first) & (L_HEAD | L_HON) != 0 && words.len() <= 3 && words.iter().all(name_word))
        .then_some(first.len() + 1)
}

/// Whether `span` opens with a given name and goes on with more words (`Freddie Mac`, `Philip
/// Green`).
pub(crate) fn opens_with_given_name(span: &str) -> bool {
    span.split_once(' ').is_some_and(|(first, _)| is_given_name(first))
}

/// Whether `span` has the form of a person's name: a given name and one or two more
/// capitalised words, none a title, organisation head, facility, function word or, after
/// the given name, a common English word (`Paula Radcliffe`, not `Brady Bill`, `Grace Road`,
/// `Christian Brothers`). In CoNLL-2003 train, names of a given name and one or two
/// capitalised words (before the title and common-word tests) are people 3,337 times in 3,382
/// and MISC 5 times.
pub(crate) fn person_shaped(span: &str) -> bool {
    let lex = lexicon();
    let words: Vec<&str> = span.split(' ').collect();
    let name_word = |w: &&str| {
        w.starts_with(|c: char| c.is_uppercase())
            && !w.chars().all(|c| c.is_uppercase())
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            && lex.get(w) & (L_TITLE | L_ORG | L_FACILITY | L_STOP) == 0
    };
    // "Brady Hot Springs", "Christian Brothers": a common word after the given name.
    let common = |w: &&str| lex.get(w) & L_COMMON != 0;
    (2..=3).contains(&words.len()) && is_given_name(words[0]) && words.iter().all(name_word) && !words[1..].iter().any(common)
}

/// Where the name after a descriptor starts in a `span` the tagger read as one name: the
/// capitalised words after the last run of lower-case common nouns (`US bank Wells Fargo`,
/// `Caribbean island Saint Kitts`), the apposition by which news introduces a name. None
/// when no capitalised word follows, or a lower-case word is a function word, a name
/// particle or a legal form (`Banco do Brasil`, `Bank of England`, `Taiwan Power co`), or
/// not a common English word (`Den norske Creditbank`).
pub(crate) fn name_after_descriptor(span: &str) -> Option<usize> {
    let lex = lexicon();
    let words: Vec<(usize, &str)> = span.split(' ').scan(0, |at, w| {
        let start = *at;
        *at += w.len() + 1;
        Some((start, w))
    }).collect();
    let lower = |w: &str| w.starts_with(|c: char| c.is_lowercase());
    let last_lower = words.iter().rposition(|(_, w)| lower(w))?;
    let first_lower = words.iter().position(|(_, w)| lower(w))?;
    let descriptor = |w: &str| {
        let f = lex.get(w);
        w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()) && f & L_COMMON != 0 && f & (L_STOP | L_PARTICLE | L_ORG_END | L_BLOCK) == 0
    };
    let tail = &words[last_lower + 1..];
    (first_lower > 0
        && !tail.is_empty()
        && words[first_lower..=last_lower].iter().all(|(_, w)| descriptor(w))
        && tail.iter().all(|(_, w)| w.starts_with(|c: char| c.is_uppercase())))
    .then(|| tail[0].0)
}

/// Whether the name at `start..end` opens with a given name and follows a capitalised title
/// (`President George W Bush`, `Chairman Jack Welch`): a person, however a tagger typed it.
pub(crate) fn titled_given_name(text: &str, start: usize, end: usize) -> bool {
    let name = &text[start..end];
    let Some((first, _)) = name.split_once(' ') else { return false };
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    if before.len() == start {
        return false;
    }
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    word.starts_with(|c: char| c.is_uppercase()) && is_person_title(word) && is_given_name(first)
}

/// Whether a one-word name at `start..end` is the subject of "said he" or "says she", which
/// only a person is (`Bush said he would veto it`, but not `the Bank said he`, whose article
/// shows a common noun's head), or names a president's administration (`the Reagan
/// administration`).
pub(crate) fn person_by_what_follows(text: &str, start: usize, end: usize) -> bool {
    let name = &text[start..end];
    if name.contains([' ', '\u{a0}', '-']) || !name.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let mut words = text[end..].split_whitespace();
    let next = words.next();
    if next.is_some_and(|w| w.trim_end_matches([',', '.', ';', ':']).trim_end_matches("'s") == "administration") {
        return true;
    }
    let prev = text[..start].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    if matches!(prev, "the" | "The" | "a" | "A" | "an" | "An") {
        return false;
    }
    matches!(next, Some("said" | "says"))
        && words.next().is_some_and(|w| matches!(w.trim_end_matches([',', '.']), "he" | "she"))
}

/// Whether the nationality word at `start..end` names a language here, not a people or a
/// place's adjective: before `language`, `-language` or `subtitles` (`Spanish-language
/// radio`), after a verb of speaking or `fluent in` (`speaks Arabic`), or after `in` or
/// `into` where the phrase ends with it (`available in English.`, `in English and Spanish,`,
/// `translated into Arabic.`; not `in Chinese markets`). The guideline's NORP is a nationality adjective; a
/// language is none of the eight labels.
pub(crate) fn names_a_language(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    let before_noun = ["-language", " language", " subtitles"]
        .iter()
        .any(|s| after.strip_prefix(s).is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric())));
    if before_noun {
        return true;
    }
    let before = text[..start].trim_end_matches(' ');
    let (head, prev) = before.rsplit_once(char::is_whitespace).unwrap_or(("", before));
    if matches!(prev, "speak" | "speaks" | "spoke" | "speaking" | "spoken")
        || (prev == "in" && head.trim_end().ends_with("fluent"))
    {
        return true;
    }
    let ends_phrase = |r: &str| r.is_empty() || r.starts_with([',', '.', ';', ':', ')', '!', '?', '"', '\n', '”']);
    match prev {
        // "translated into Arabic.", but not "expanded into Chinese markets"
        "in" | "into" => {
            if ends_phrase(after) {
                return true;
            }
            // "in English and Spanish," : both end the phrase together.
            let Some(rest) = after.strip_prefix(" and ").or_else(|| after.strip_prefix(" or ")) else { return false };
            let word_end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
            word_end > 0 && rest.starts_with(|c: char| c.is_uppercase()) && ends_phrase(&rest[word_end..])
        }
        "and" | "or" => {
            let h = head.trim_end();
            let (hh, w) = h.rsplit_once(char::is_whitespace).unwrap_or(("", h));
            w.starts_with(|c: char| c.is_uppercase())
                && (hh.trim_end().ends_with(" in") || hh.trim_end().ends_with(" into"))
                && ends_phrase(after)
        }
        _ => false,
    }
}

/// Whether `start..end` is the number sign before a number (`No. 1`, `Nos. 3`), no name.
pub(crate) fn number_sign(text: &str, start: usize, end: usize) -> bool {
    matches!(&text[start..end], "No." | "Nos." | "NO." | "No")
        && text[end..].strip_prefix(' ').is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether `start..end` names a storm: one capitalised word after `Hurricane`, `Typhoon`,
/// `Cyclone` or `Tropical Storm`, with that word in the span or right before it (`Hurricane
/// Ivan`).
pub(crate) fn storm_name(text: &str, start: usize, end: usize) -> bool {
    const KINDS: [&str; 4] = ["Hurricane ", "Typhoon ", "Cyclone ", "Tropical Storm "];
    let span = &text[start..end];
    let name = KINDS.iter().find_map(|k| span.strip_prefix(k)).or_else(|| KINDS.iter().any(|k| text[..start].ends_with(k)).then_some(span));
    name.is_some_and(|w| !w.contains(' ') && w.starts_with(|c: char| c.is_uppercase()) && w.chars().skip(1).all(char::is_lowercase))
}

/// Whether a post only a sports team has follows the town `start..end` and makes the town
/// its club: the post, then a capitalised name (`Leicester wing Austin Healey`, `Liverpool
/// striker Milan Baros`), or a determiner before the town (`the Leicester flanker will
/// return`). Sports news names clubs by their towns; the knowledge base knows the towns.
pub(crate) fn club_by_post(text: &str, start: usize, end: usize) -> bool {
    let lex = lexicon();
    let Some(rest) = text[end..].strip_prefix(' ') else { return false };
    let post_end = rest.find(|c: char| !(c.is_lowercase() || c == '-')).unwrap_or(rest.len());
    let post = &rest[..post_end];
    if post.is_empty() || lex.get(post) & L_CLUB_POST == 0 {
        return false;
    }
    let after = &rest[post_end..];
    if after.strip_prefix(' ').is_some_and(|w| w.starts_with(|c: char| c.is_uppercase())) {
        return true;
    }
    let before = text[..start].trim_end_matches(' ');
    let prev = before.rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
    before.len() < start && matches!(prev.as_str(), "the" | "a" | "former" | "ex")
}

/// Whether the text around the name at `start..end` describes it as an organisation, the way
/// news introduces a firm, a club or a body the reader may not know:
/// - a kind of organisation right before it (`airline Qantas`, `regulator Ofcom`), or before
///   it in a closed apposition (`Ireland's state-owned airline, Aer Lingus, is`);
/// - a post in it between it and another name (`Chelsea boss Jose Mourinho`, `Qantas chief
///   executive Geoff Dixon`), after a one-word name that follows a determiner (`former
///   Shell boss`), or before it with `at` or `with` (`an analyst with Donaldson Lufkin`);
///   or what only an organisation holds right after it or its possessive (`Yahoo shares`,
///   `Qantas employees`, `Disney's shareholders`);
/// - an apposition or copula naming its kind (`Yahoo was the first internet firm to`,
///   `Qantas, the Australian airline,`);
/// - a plural verb after a one-word name (`Chelsea were beaten`, `Chelsea have signed`),
///   which British news gives a club or company and never one person, outside a clause with
///   a coordination (`Blair and Brown were`, `Gervais and his partner Merchant are`), an
///   inversion (`could Blair have`), a subjunctive (`if Blair were`, `Blair were to`) or a
///   list (`directors including Kurosawa have`).
///
/// A kind before the name or in an apposition does not count for a name opening with a given
/// name (`retailer Philip Green`). The plural verb counts only with `plural_verb` (not for
/// places: `the Cyclades are`). The word classes are `org_kind`, `org_post` and `org_stake` of
/// `cues_en.txt`.
pub(crate) fn described_as_organisation(text: &str, start: usize, end: usize, plural_verb: bool) -> bool {
    let lex = lexicon();
    let lower = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '-');
    let before = &text[..start];
    // "mortgage company Fannie Mae" is lost, but "retailer Philip Green" is a person.
    let given = opens_with_given_name(&text[start..end]);
    let one_word = !text[start..end].contains([' ', '\u{a0}']);
    // The word before the name, for the post after it and the plural verb.
    fn last_word(s: &str) -> &str {
        s.rsplit(char::is_whitespace).next().unwrap_or("")
    }
    let prev = last_word(before.trim_end());
    if let Some(head) = before.strip_suffix(' ').filter(|_| !given) {
        let word = last_word(head);
        if lower(word) && lex.get(word) & L_ORG_KIND != 0 {
            return true;
        }
    }
    // "an analyst with Donaldson Lufkin", "chief economist at Indosuez": a post held at it.
    if let Some(head) = before.strip_suffix(" at ").or_else(|| before.strip_suffix(" with ")).filter(|_| !given) {
        let word = last_word(head);
        let singular = word.strip_suffix('s').unwrap_or(word);
        if lower(word) && (lex.get(word) | lex.get(singular)) & L_ORG_POST != 0 {
            return true;
        }
    }
    // "Ireland's state-owned airline, Aer Lingus, is": an apposition after the kind, closed
    // right after the name (an open one is a new clause: "In the club, Smith said").
    if let Some(head) = before.strip_suffix(", ").filter(|_| !given) {
        let word = last_word(head);
        let closed = text[end..].chars().next().is_none_or(|c| matches!(c, ',' | '.' | ')' | ';' | '\n'));
        if closed && lower(word) && lex.get(word) & L_ORG_KIND != 0 {
            return true;
        }
    }
    // "Norsk Hydro, Norway's largest diversified corporation,": an apposition right after
    // the name, opened by a determiner or a possessive, whose head is a kind of
    // organisation.
    if let Some(rest) = text[end..].strip_prefix(", ").filter(|_| !given) {
        let clause = &rest[..rest.find([',', '.', ';', ':', '(', ')', '\n', '"', '“', '”']).unwrap_or(rest.len())];
        let words: Vec<&str> = clause.split(' ').collect();
        let opener = |w: &str| matches!(w, "a" | "an" | "the") || w.ends_with("'s") || w.ends_with("’s");
        let plain = |w: &&str| lower(w) && lex.get(w) & L_STOP == 0;
        if let [first, middle @ .., head] = &words[..] {
            if words.len() <= 6 && opener(first) && middle.iter().all(plain) && lower(head) && lex.get(head) & L_ORG_KIND != 0 {
                return true;
            }
        }
    }
    let mut cut = text.len().min(end + 160);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let tail = &text[end..cut];
    let tail = &tail[..tail.find(['\n', '.', ';', '!', '?', '"', '“', '”']).unwrap_or(tail.len())];
    // "Disney's shareholders", "Yahoo's customers": what a person has not.
    if let Some(rest) = tail.strip_prefix("'s ").or_else(|| tail.strip_prefix("’s ")) {
        let first = rest.split(' ').next().unwrap_or("");
        if lower(first) && lex.get(first) & L_ORG_STAKE != 0 {
            return true;
        }
    }
    if let Some(rest) = tail.strip_prefix(' ') {
        let words: Vec<&str> = rest.split(' ').take(6).collect();
        let first = words[0];
        let post = (lower(first) || first.chars().all(|c| c.is_ascii_uppercase())) && lex.get(first) & L_ORG_POST != 0;
        if post {
            // "boss Jose", "chief executive Geoff": at most two plain words, then a name.
            let plain = |w: &&&str| lower(w) && lex.get(w) & (L_STOP | L_BLOCK) == 0;
            let k = words[1..].iter().take(2).take_while(plain).count();
            if words.get(1 + k).is_some_and(|w| w.starts_with(|c: char| c.is_uppercase())) {
                return true;
            }
            // "former Shell boss", "the Chelsea manager": a determiner before the name and
            // the post after it, which a person's name never takes ("named Smith chairman"
            // has a verb before the name). After `as` or a possessive the post must end the
            // sentence ("as Chelsea manager."; "as Reagan chief of staff" is a person's).
            let prev = prev.to_lowercase();
            if one_word && matches!(prev.as_str(), "the" | "a" | "an" | "former" | "ex") {
                return true;
            }
            if one_word && words.len() == 1 && matches!(prev.as_str(), "as" | "his" | "her" | "their" | "whose") {
                return true;
            }
        }
        if lower(first) && lex.get(first) & L_ORG_STAKE != 0 {
            return true;
        }
        if plural_verb && one_word && matches!(first, "were" | "are" | "have") && words.get(1) != Some(&"to") {
            let opener = matches!(
                prev.to_lowercase().as_str(),
                "if" | "as" | "let" | "to" | "do" | "does" | "did" | "would" | "could" | "should" | "will" | "might"
                    | "may" | "must" | "can" | "shall" | "including"
            );
            // The last of a coordination takes the plural ("Gervais and his partner Merchant
            // are"), however many words stand between.
            let clause = &before[before.rfind(['.', '!', '?', '\n', ':', ';']).map_or(0, |i| i + 1)..];
            let coordinated = clause.split(|c: char| c.is_whitespace()).any(|w| matches!(w, "and" | "or" | "nor" | "&" | "with"));
            if !opener && !coordinated && !clause.trim_end().ends_with(',') {
                return true;
            }
        }
    }
    // "Yahoo was the first internet firm to", "Qantas, the Australian airline,".
    if given {
        return false;
    }
    let comma = tail.starts_with(", ");
    let rest = if comma { tail.get(2..) } else { tail.strip_prefix(" is ").or_else(|| tail.strip_prefix(" was ")) };
    if let Some(rest) = rest {
        let mut words = rest.split(' ');
        if matches!(words.next(), Some("the" | "a" | "an")) {
            // At most three modifiers, none a function word ("the boss of the firm" is a person).
            let words: Vec<&str> = words.take(5).collect();
            for (i, w) in words.iter().enumerate().take(4) {
                let bare = w.trim_end_matches([',', ')', ':']);
                if lower(bare) && lex.get(bare) & L_ORG_KIND != 0 {
                    // An apposition closes ("Qantas, the airline, said"); after a comma an
                    // open one is a new clause ("At Gatwick, the company has written").
                    let closed = bare.len() < w.len() || i + 1 == words.len();
                    return closed || (!comma && lex.get(words[i + 1]) & (L_STOP | L_BLOCK) != 0);
                }
                if bare.len() < w.len() || lex.get(bare) & (L_STOP | L_BLOCK) != 0 {
                    break;
                }
            }
        }
    }
    false
}

/// The label a lower-case head noun right after a name gives it: LOC for a region, a natural
/// feature or a site (`the Jebel al-Akhdar region`, `the Barvikha sanatorium`), GPE for an
/// administrative division (`Northern Cape province`), MISC for a kind of product (`the
/// Cabir worm`, `the Cell processor`). The classes `region_head`, `admin_head` and
/// `product_head` of `cues_en.txt`.
pub(crate) fn place_by_head(word: &str) -> Option<Label> {
    let f = lexicon().get(word);
    if f & L_REGION_HEAD != 0 {
        Some(Label::Loc)
    } else if f & L_ADMIN_HEAD != 0 {
        Some(Label::Gpe)
    } else if f & (L_PRODUCT_HEAD | L_DISEASE_HEAD) != 0 {
        Some(Label::Misc)
    } else {
        None
    }
}

/// Whether `word` (any case) names a kind of illness that English names after a person or a
/// place, with or without the possessive (`Alzheimer's disease`, `Lyme disease`: the class
/// `disease_head` of `cues_en.txt`).
pub(crate) fn is_disease_head(word: &str) -> bool {
    lexicon().get(word) & L_DISEASE_HEAD != 0
}

/// Whether `word` is the capitalised last word of a law's or treaty's name (`Act`,
/// `Treaty`: the class `law_head` of `cues_en.txt`). The case matters: `ACT` is a place.
pub(crate) fn is_law_head(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase) && lexicon().get(word) & L_LAW_HEAD != 0
}

/// Whether `word` (any case) is a kind of work of `cues_en.txt` (`film`, `album`), which
/// before a name makes the name a title.
pub(crate) fn is_work_kind(word: &str) -> bool {
    lexicon().get(word) & L_WORK_KIND != 0
}

/// Whether `name` is an initialism English uses as a common noun (`TV`, `GDP`, `MPs`:
/// `common_acronyms_en.txt`), written in capitals as listed, with or without a plural `s`.
pub(crate) fn is_common_acronym(name: &str) -> bool {
    let stem = name.strip_suffix('s').unwrap_or(name);
    !stem.is_empty()
        && !stem.bytes().any(|b| b.is_ascii_lowercase())
        && lexicon().get(stem) & L_ACRONYM != 0
}

/// Whether `word` (any case) is an ordinary English word of `common_words_en.txt` (seen in
/// lower case outside names in CoNLL-2003 train).
pub(crate) fn is_common_word(word: &str) -> bool {
    lexicon().get(word) & L_COMMON != 0
}

/// Whether `word` is the regular plural of an ordinary English word (`Foods`, `Awards`,
/// `Industries`): its singular is in the common-word list. ASCII words only.
pub(crate) fn plural_of_common(word: &str) -> bool {
    if !word.is_ascii() || word.len() < 4 || word.ends_with("ss") {
        return false;
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return is_common_word(&format!("{stem}y"));
    }
    word.strip_suffix('s').is_some_and(is_common_word)
}

/// What a name of two or more words that ends in a plural is, when it is no person: ORG
/// after an organisation head in the plural (`Wang Laboratories`, `Shamrock Associates`,
/// and after no given name `British Chambers`), MISC after the plural of another ordinary
/// noun and no given name (`Academy Awards`, `Stone Roses`). None for a person's name
/// (`Alicia Keys`, `Tiger Woods`) and for names that end in no plural.
pub(crate) fn no_person_for_plural(span: &str) -> Option<Label> {
    let (first, _) = span.split_once(' ')?;
    let last = span.rsplit(' ').next()?;
    if !last.ends_with('s') {
        return None;
    }
    let given = is_given_name(first);
    let plural_head = last.strip_suffix('s').is_some_and(is_org_head);
    if is_org_head(last) || (plural_head && !given) {
        Some(Label::Org)
    } else if plural_of_common(last) && !given {
        Some(Label::Misc)
    } else {
        None
    }
}

/// Whether `word` (any case) is an organisation head of `org_heads_en.txt` that is not also
/// a building's (`Committee`, `Parliament`; not `Center`, `Institute`: `World Trade Center`).
pub(crate) fn is_body_head(word: &str) -> bool {
    let f = lexicon().get(word);
    f & L_ORG != 0 && f & L_FACILITY == 0
}

/// Whether `word` (any case) is an organisation head of `org_heads_en.txt` (`Ministry`,
/// `Associates`, `Inc`).
pub(crate) fn is_org_head(word: &str) -> bool {
    lexicon().get(word) & L_ORG != 0
}

/// Whether `word` (any case) is a function word, pronoun, month or other word of
/// `stopwords_en.txt` that is never part of a name.
pub(crate) fn is_function_word(word: &str) -> bool {
    lexicon().get(word) & L_STOP != 0
}

/// Whether `name` is a given name, a name particle in any case and a capitalised surname,
/// in that order ("Marine Le Pen", "Charles de Gaulle", "Ursula von der Leyen").
pub(crate) fn given_name_particle_surname(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    let [first, middle @ .., last] = &words[..] else { return false };
    !middle.is_empty()
        && is_given_name(first)
        && middle.iter().all(|w| lexicon().get(&w.to_lowercase()) & L_PARTICLE != 0)
        && last.starts_with(|c: char| c.is_uppercase())
}

/// Whether `word` is a given name of the lexicon ("John", "Maria").
pub(crate) fn is_given_name(word: &str) -> bool {
    lexicon().get(word) & L_FIRST != 0
}
