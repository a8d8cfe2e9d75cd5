//! What event extraction reads of a document's text ([`EventInput`]), computed once per
//! document so that events need no text.

use std::ops::Range;

use super::{org_country, title_gap, Found, Kind, Lexicon};
use crate::doc::Label;
use crate::kb::Kb;
use crate::doc::Document;
use crate::relate::{mentions_by_sentence, word_ranges};

/// What event extraction reads of a document's text, computed once per document: the
/// trigger and cue phrases of each sentence that has a trigger, the word span of each of its
/// mentions, and per mention the country an organisation name begins with and whether
/// only a title separates it from the mention before. With it, events need no text.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EventInput {
    /// (mention, country code) of ORG mentions whose name begins with a country.
    pub org_country: Vec<(u32, String)>,
    /// Mentions preceded, with only a title between, by the mention before them.
    pub title_gap: Vec<u32>,
    /// Sentences with at least one trigger, in order.
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
    /// Modality cues: (first word, 1 negated / 2 planned / 3 possible).
    pub modal: Vec<(u32, u8)>,
    /// The sentence's words, lowercased: features of the event model.
    pub words: Vec<String>,
    /// Words preceded by clause punctuation (, ; : ( ) or a dash) in the gap before them.
    pub punct: Vec<u32>,
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

/// The [`EventInput`] of `doc`.
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

pub fn event_input(doc: &Document, kb: &Kb) -> EventInput {
    let lex = Lexicon::builtin();
    let mut input = EventInput::default();
    for (m, mention) in doc.mentions.iter().enumerate() {
        if mention.label == Label::Org {
            if let Some(code) = org_country(&doc.text[mention.start..mention.end], kb) {
                input.org_country.push((m as u32, code));
            }
        }
        if m > 0 && matches!(mention.label, Label::Person | Label::Org) {
            if let Some(gap) = doc.text.get(doc.mentions[m - 1].end..mention.start) {
                if title_gap(gap) {
                    input.title_gap.push(m as u32);
                }
            }
        }
    }
    let by_sentence = mentions_by_sentence(doc);
    // Triggers come in text order: counting characters from the previous one keeps the
    // character offsets linear in the document's length.
    let mut cursor = (0usize, 0u32);
    let mut ids: Vec<Vec<(u32, bool)>> = Vec::new();
    let mut buf = Vec::new();
    for (s, sent) in doc.sentences.iter().enumerate() {
        let Some(text) = doc.text.get(sent.clone()) else { continue };
        let words = word_ranges(text, sent.start);
        ids.clear();
        for w in &words {
            lex.word_ids(&doc.text[w.clone()], &mut buf);
            ids.push(buf.clone());
        }
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
        let cues = |k: Kind, at_end: bool| -> Vec<u32> {
            found.iter().filter(|f| kind(f) == k).map(|f| if at_end { f.end as u32 } else { f.start as u32 }).collect()
        };
        let word_span = |r: Range<usize>| -> (usize, usize) {
            let a = words.partition_point(|w| w.end <= r.start);
            let b = words.partition_point(|w| w.start < r.end);
            (a, b.max(a + 1))
        };
        let spans = by_sentence[s]
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
        input.sentences.push(SentenceCues {
            sentence: s as u32,
            triggers,
            blocks: cues(Kind::Block, false),
            barriers: cues(Kind::Barrier, false),
            dests: cues(Kind::Dest, true),
            sources: cues(Kind::Source, true),
            conjs: cues(Kind::Conj, false),
            pair_cue: found.iter().find(|f| kind(f) == Kind::Pair).map(|f| f.start as u32),
            modal: found
                .iter()
                .filter_map(|f| match kind(f) {
                    Kind::Negated => Some((f.start as u32, 1)),
                    Kind::Planned => Some((f.start as u32, 2)),
                    Kind::Possible => Some((f.start as u32, 3)),
                    _ => None,
                })
                .collect(),
            words: words.iter().map(|w| doc.text[w.clone()].to_lowercase()).collect(),
            punct: (1..words.len())
                .filter(|&i| doc.text[words[i - 1].end..words[i].start].contains([',', ';', ':', '(', ')', '\u{2014}', '\u{2013}']) || doc.text[words[i - 1].end..words[i].start].contains(" -"))
                .map(|i| i as u32)
                .collect(),
            spans,
        });
    }
    input
}
