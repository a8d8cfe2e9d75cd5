//! Arabic PERSON and ORG mentions by rule.
//!
//! One pass over whitespace/punctuation tokens with bounded look-ahead and look-behind, then
//! one pass to propagate surnames. In order of score:
//!
//! * **Organisation head** (`وزارة`, `المجلس`, `للسفارة`…) followed by up to five ال-words:
//!   idafa complements and adjectives after an indefinite head (`وزارة الدفاع الوطني
//!   الجزائرية`), adjectives only after a definite one (`المجلس العسكري`); a bare head is
//!   not an ORG (see `org_heads_ar.txt` for the per-head flags). 0.85, above a
//!   knowledge-base NORP inside it.
//! * **Title cue** (`الرئيس`, `وزير الخارجية`, `للمحللة`…): skip complements and modifiers
//!   (ال-words such as `الخارجية`, `الجزائري`, `السياسية`; known NORP/GPE/ORG mentions;
//!   further titles such as `نظيره`; links such as `باسم`), then read a name: 1–3 words, a
//!   prefix unit (`عبد الرزاق`, `بن علي`, `آل ثاني`) counting once, words outside the name
//!   lexicon only in the first two units. 0.8 with a lexicon name token, else 0.75; a "weak" title (also
//!   a common word: `الفريق`, `المحافظ`) needs a lexicon token.
//! * **Apposition**: name tokens right before `، <title>`, after a preposition, a frequent
//!   word, punctuation or the start of the line. 0.7.
//! * **Speech verb** (`قال`, `أكدت`…) followed by a name-lexicon token. 0.65.
//! * **Lexicon run**, no cue: a given name and known name tokens (one unknown surname
//!   allowed), or three known name tokens. 0.6.
//! * **Surname propagation**: the last word of a multi-word PERSON found above, alone later
//!   in the document. 0.55.
//! * **Lexicon token**, no cue: a name token never seen outside names (PERSON), or an
//!   organisation token (ORG). 0.5.
//!
//! Words are compared in folded form ([`arabic::fold`]); function words keep alef maqsura so
//! that `على` and the name `علي` differ. Spans never include a proclitic (و ف ب ل ك); in
//! `للـ…` (ل + ال) the span starts at the second ل. Titles stay outside PERSON spans. A
//! `known` mention (knowledge base, values) is never part of a name; known NORP/GPE are
//! skipped between a title and a name and may complete an organisation name.
//!
//! The lexicons live in `python/newsframe/data/names/*_ar.txt`: hand-written cues, heads,
//! function words, name parts and organisation-chain stop words; name tokens, given names,
//! stop words, places and organisation tokens derived from ANERcorp by
//! `scripts/build_names_ar.py` (see `NOTICE_ar.md`).

use crate::doc::{Label, Mention, Source};

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

/// Scores: the resolver prefers higher, then longer; knowledge-base matches have 0.8.
const SCORE_TITLE_KNOWN: f32 = 0.8;
const SCORE_TITLE: f32 = 0.75;
const SCORE_APPOSITION: f32 = 0.7;
const SCORE_VERB: f32 = 0.65;
const SCORE_RUN: f32 = 0.6;
const SCORE_SURNAME: f32 = 0.55;
const SCORE_SINGLE: f32 = 0.5;
/// Above a knowledge-base NORP inside the name (`وزارة الدفاع الجزائرية`).
const SCORE_ORG: f32 = 0.85;
/// A lone token of the organisation lexicon.
const SCORE_ORG_SINGLE: f32 = 0.5;

/// Name units at most, not counting prefix units (a prefix and its word: عبد الرزاق, بن علي),
/// and tokens at most (حمد بن جاسم بن جبر آل ثاني).
const MAX_UNITS: usize = 3;
const MAX_NAME_TOKENS: usize = 7;
/// A lone name token is a PERSON if seen this often in PERS spans and never outside them.
const SINGLE_MIN_COUNT: u32 = 3;
/// A name token is a surname (no unknown word follows it) if seen this often, never first.
const SURNAME_MIN_COUNT: u32 = 3;
/// Tokens skipped between a title and the name (complements, adjectives).
const MAX_SKIP: usize = 4;
/// ال-words after an organisation head.
const MAX_ORG_CHAIN: usize = 5;

/// Adds a PERSON unless it overlaps the previous one; of two overlapping, keeps the higher score.
fn push_person(out: &mut Vec<Mention>, person_end: &mut usize, name: &Name, score: f32) {
    if name.start < *person_end {
        if let Some(last) = out.iter_mut().rev().find(|m| m.label == Label::Person) {
            if last.end > name.start && score > last.score {
                *last = Mention::new(name.start, name.end, Label::Person, Source::Rule, score);
                *person_end = name.end;
            }
        }
        return;
    }
    out.push(Mention::new(name.start, name.end, Label::Person, Source::Rule, score));
    *person_end = name.end;
}

/// Rule mentions in the sentences the Arabic model tagged (`tagged`, sorted): the model
/// leads there. A rule's PERSON or ORG that overlaps a model mention stays as a candidate
/// (the resolver may prefer its span: a name read after its title, an organisation head and
/// its complements). Where the model found nothing, a rule mention stays only on the
/// strongest evidence: a PERSON read after a title and holding a known name, an ORG whose
/// complements hold a known nationality or country (`known`: knowledge-base matches, sorted
/// by start), which makes a body specific (وزارة الدفاع الجزائرية against مجلس الإدارة).
/// Alone, the weaker rules are mostly wrong on news the model reads (generic bodies such as
/// قوات الاحتلال or مجلس الإدارة, the preposition على spelt علي): on the ANERcorp held-out
/// tenth, 19 of the 97 rule mentions the model did not overlap were ANERcorp names. Without
/// an Arabic model every rule stays.
pub fn follow_model(candidates: &mut Vec<Mention>, found: &[Mention], tagged: &[std::ops::Range<usize>], known: &[Mention]) {
    if tagged.is_empty() {
        return;
    }
    let in_tagged = |m: &Mention| crate::segment::within_one(tagged, m.start, m.end);
    // Model mentions are sorted by start and do not overlap each other, so their ends are
    // sorted too: the first ending after `m.start` is the only one that can overlap it.
    let model_overlaps = |m: &Mention| {
        let i = found.partition_point(|f| f.end <= m.start);
        found.get(i).is_some_and(|f| f.start < m.end)
    };
    let holds_place = |m: &Mention| {
        let i = known.partition_point(|k| k.start < m.start);
        known[i..].iter().take_while(|k| k.start < m.end).any(|k| k.end <= m.end && matches!(k.label, Label::Norp | Label::Gpe))
    };
    candidates.retain(|m| {
        m.source != Source::Rule
            || !matches!(m.label, Label::Person | Label::Org)
            || !in_tagged(m)
            || model_overlaps(m)
            || match m.label {
                Label::Person => m.score >= SCORE_TITLE_KNOWN,
                _ => holds_place(m),
            }
    });
}

/// Whether an Arabic rule PERSON rests on a cue (a title, an apposition, a speech verb), and
/// so may outweigh the model's unlisted place at the same span (`قال شنقريحة`). A name read
/// from the name lexicon alone (`مدينة بافوس`: a token once seen in a person's name) does
/// not: the model read its context.
pub fn cued_person(m: &Mention) -> bool {
    m.source == Source::Rule && m.label == Label::Person && m.score >= SCORE_VERB
}

/// Drops from `known` (knowledge-base and value mentions, sorted by start) the one-word
/// places (GPE, LOC) that lie in a sentence the Arabic model tagged (`tagged`, sorted), that
/// no model mention (`found`, sorted) overlaps, and whose whole token the model's training
/// text used outside names nine times in ten ([`crate::ner::Model::mostly_outside_names`]):
/// a list name spelt like a common word (`مالية` "financial" and Mali, `هوية` "identity",
/// `الساحل` "the coast" and the Sahel, `الطائف` in `اتفاق الطائف`), where the model, which
/// sees the list's hit as a feature, left the word outside names. On five held-out blocks of
/// ANERcorp's training part (each tagged by a model trained without it), such places were
/// 3 ANERcorp names against 19 common words. A place of several words, or one the model's
/// training text rarely saw, stays: the lists exist for the names the model misses.
pub fn drop_common_word_places(
    text: &str,
    known: &mut Vec<Mention>,
    found: &[Mention],
    tagged: &[std::ops::Range<usize>],
    model: &crate::ner::Model,
) {
    if tagged.is_empty() {
        return;
    }
    known.retain(|m| {
        if m.source != Source::Kb || !matches!(m.label, Label::Gpe | Label::Loc) {
            return true;
        }
        let span = &text[m.start..m.end];
        if span.contains(char::is_whitespace) {
            return true;
        }
        if !crate::segment::within_one(tagged, m.start, m.end) {
            return true;
        }
        let j = found.partition_point(|f| f.end <= m.start);
        if found.get(j).is_some_and(|f| f.start < m.end) {
            return true;
        }
        // The whole token as the model reads it: attached proclitics (بالساحل) and letters
        // the list's span left out.
        let start = m.start - crate::text::letters_before(text, m.start).len();
        let end = m.end + crate::text::letters_after(text, m.end).len();
        !model.mostly_outside_names(&text[start..end])
    });
}

/// Turns into ORG the places the Arabic model found (`found`, typed GPE by the knowledge
/// base or by form) in the sentences it tagged (`tagged`, sorted) that a masculine
/// nationality adjective follows: a knowledge-base NORP (`known`, sorted by start) of the
/// form ال…ي right after one space (`ليون الفرنسي`, `هامبورغ الألماني`, `ستيوا بوخارست
/// الروماني`). Arabic treats a city as feminine (`ليون الفرنسية` is the city), so a
/// masculine adjective agrees with an implied masculine noun, in news mostly a club (نادي,
/// فريق). A name with the article is left alone: region nouns take masculine adjectives
/// (`الريف المغربي`, `المغرب العربي`). In ANERcorp's training part, a name followed by such
/// an adjective is an ORG 48 times, a LOC 10 (some of them clubs); on eleven tenths (the
/// held-out one and ten blocks, each tagged by a model trained without it) the change made
/// 13 places into ANERcorp's ORGs against 6, three of which are clubs there too
/// (`إشبيلية الإسباني` after `الفوز على`) and three not (`مطاري عمان الأردني ودمشق السوري`,
/// where the adjective is the airports').
pub fn clubs(text: &str, found: &mut [Mention], known: &[Mention], tagged: &[std::ops::Range<usize>]) {
    if tagged.is_empty() {
        return;
    }
    for m in found.iter_mut() {
        if m.label != Label::Gpe || m.source != Source::Model || text[m.start..m.end].starts_with("ال") {
            continue;
        }
        if !text[m.end..].starts_with(' ') || !crate::segment::within_one(tagged, m.start, m.end) {
            continue;
        }
        let next = m.end + 1;
        let i = known.partition_point(|k| k.start < next);
        let masculine_norp = known.get(i).is_some_and(|k| {
            let w = &text[k.start..k.end];
            k.start == next
                && k.label == Label::Norp
                && w.starts_with("ال")
                && w.ends_with('ي')
                && crate::text::letters_after(text, k.end).is_empty()
        });
        if masculine_norp {
            m.label = Label::Org;
            m.kb_id = None;
        }
    }
}

/// Turns into NORP the one-word places that are a nationality adjective agreeing with the
/// noun before them: a place spelt like the feminine of a knowledge-base NORP (ال…ية beside
/// the NORP ال…ي) right after a definite noun ending in ة (`المرأة السعودية` "the Saudi
/// woman", `للكرة السعودية`, `الأندية السعودية`: a country named by its adjective reads as
/// the country only alone or after a preposition). A noun that is itself such an adjective
/// (`العربية السعودية`, `الجوية السعودية`) is left alone: the chain may be a name. Applied to
/// the model's places (`found`) and the knowledge base's (`known`).
pub fn adjective_places(text: &str, found: &mut [Mention], known: &mut [Mention], kb: &crate::kb::Kb) {
    for m in found.iter_mut().chain(known.iter_mut()) {
        if !matches!(m.label, Label::Gpe | Label::Loc) {
            continue;
        }
        let span = &text[m.start..m.end];
        let Some(masculine) = span.strip_suffix('ة') else { continue };
        if !span.starts_with("ال") || !masculine.ends_with('ي') || span.chars().count() < 6 || span.contains(' ') {
            continue;
        }
        let Some(before) = text[..m.start].strip_suffix(' ') else { continue };
        let at = before.char_indices().rev().take_while(|&(_, c)| tokens::is_arabic_word_char(c)).last().map_or(before.len(), |(i, _)| i);
        let noun = &before[at..];
        let p = if noun.starts_with("لل") { 'ل'.len_utf8() } else { crate::text::arabic::proclitic_len(noun) };
        let noun = &noun[p..];
        let definite = noun.starts_with("ال") || (p > 0 && noun.starts_with('ل'));
        if !definite || !noun.trim_end_matches(crate::text::arabic::is_in_word_mark).ends_with('ة') || tokens::is_nisba(&crate::text::arabic::fold_str(noun)) {
            continue;
        }
        let norp = kb.find(masculine).into_iter().find(|k| k.label == Label::Norp && k.start == 0 && k.end == masculine.len());
        if let Some(norp) = norp {
            m.label = Label::Norp;
            m.kb_id = norp.kb_id;
        }
    }
}

/// Nouns of the kinds of organisation that are named by the proper name after them, in
/// the indefinite construct: a newspaper, magazine or agency by its title (`صحيفة ذي دايلي
/// مايل`), a team or club by its name or its town's (`فريق المغرب الفاسي`), a company by its
/// name. In ANERcorp's training part a name right after one of them (و ل ب before it or not)
/// is an ORG 112 times in 116.
const NAMED_BY_HEAD: &[&str] = &["صحيفة", "جريدة", "مجلة", "وكالة", "فريق", "نادي", "شركة"];

/// Turns into ORG the model's persons and places that follow one of [`NAMED_BY_HEAD`]
/// (after proclitics, without the article: `الفريق` is also a military rank, `للشركة` is "for
/// the company") and one space,
/// in the sentences the Arabic model tagged (`tagged`, sorted).
pub fn named_by_head(text: &str, found: &mut [Mention], tagged: &[std::ops::Range<usize>]) {
    if tagged.is_empty() {
        return;
    }
    for m in found.iter_mut() {
        if m.source != Source::Model || !matches!(m.label, Label::Person | Label::Gpe | Label::Loc) {
            continue;
        }
        let Some(before) = text[..m.start].strip_suffix(' ') else { continue };
        let at = before.char_indices().rev().take_while(|&(_, c)| tokens::is_arabic_word_char(c)).last().map_or(before.len(), |(i, _)| i);
        let word = &before[at..];
        // ل + ال (`للشركة`, "for the company") is definite: what follows is not its name.
        if word.strip_prefix(['و', 'ف']).unwrap_or(word).starts_with("لل") {
            continue;
        }
        let head = &word[crate::text::arabic::proclitic_len(word)..];
        if (NAMED_BY_HEAD.contains(&head) || NAMED_BY_HEAD.contains(&word)) && crate::segment::within_one(tagged, m.start, m.end) {
            m.label = Label::Org;
            m.kb_id = None;
        }
    }
}

/// PERSON and ORG candidates in `text`; `known` holds the knowledge-base and value
/// mentions already found (sorted by start), which the rules use as context.
pub fn find(text: &str, known: &[Mention]) -> Vec<Mention> {
    // Every rule starts from a word token, and word characters ([`tokens::is_arabic_word_char`]) lie in
    // U+0600..U+06FF, whose UTF-8 lead bytes are 0xD8..0xDB: text with none of those
    // (English) has no candidate, and needs no tokenising.
    if !text.bytes().any(|b| (0xd8..=0xdb).contains(&b)) {
        return Vec::new();
    }
    let lex = lexicon();
    let finder = Finder { lex, toks: tokenize(text, known, lex), known };
    finder.run()
}
