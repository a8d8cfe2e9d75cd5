//! Relations between linked entities: co-occurrence counts and country-level events.
//!
//! [`cooccurrence()`] counts pairs of distinct entities mentioned in the same sentence (or
//! document). [`events()`] finds GDELT/CAMEO-like events between two countries in a sentence:
//! a trigger phrase from the shipped lexicons (`python/newsframe/data/events/`) plus two
//! distinct country actors. Both run over documents in parallel and return results that do
//! not depend on the number of threads.
//!
//! Events favour precision over recall. A sentence yields an event only when it has a
//! trigger and exactly two distinct country actors, or three or more among which the two
//! nearest the trigger stand out (see [`events()`]); never between two non-country entities.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use crate::text::arabic::{self, is_arabic_letter};
use crate::doc::Label;
use crate::record::DocView;

mod cooccurrence;
mod events;

pub use cooccurrence::{cooccurrence, CoocFold, Cooccurrence, Level, MAX_ENTITIES_PER_DOCUMENT, MAX_ENTITIES_PER_SENTENCE};
pub use events::{country_entities, event_input, events, events_of, Event, EventInput, SentenceCues, TriggerCue, EVENT_TYPES, MODALITIES};

#[cfg(test)]
pub(crate) mod tests;

// ---------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------

/// A small, fast, deterministic hasher (FxHash) for integer-keyed maps.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(b as u64);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64)
    }
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64)
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i)
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64)
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Is `c` part of a word: a letter or digit, or an Arabic mark or tatweel inside a word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{064b}'..='\u{0652}' | '\u{0670}' | '\u{0640}')
}

/// Byte ranges of the words of `text` (maximal runs of [`is_word_char`]), offset by `base`.
pub(crate) fn word_ranges(text: &str, base: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(base + s..base + i);
        }
    }
    if let Some(s) = start {
        out.push(base + s..base + text.len());
    }
    out
}

/// Does `word` contain an Arabic letter?
pub(crate) fn is_arabic_word(word: &str) -> bool {
    word.chars().any(is_arabic_letter)
}

/// The plain matching form of a word: lowercased, Arabic folded.
pub(crate) fn plain_form(word: &str) -> String {
    if is_arabic_word(word) {
        arabic::fold_str(word)
    } else {
        word.to_lowercase()
    }
}

/// For each sentence of `doc`, the range of indices of the mentions that start inside it.
/// Mentions outside every sentence belong to none.
fn mentions_by_sentence<D: DocView>(doc: &D) -> Vec<Range<usize>> {
    doc.mentions_by_sentence()
}

fn is_value(label: Label) -> bool {
    matches!(label, Label::Date | Label::Money | Label::Percent)
}
