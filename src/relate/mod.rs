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

use std::ops::Range;

use crate::doc::Label;
use crate::record::DocView;

mod cooccurrence;
mod events;

pub use cooccurrence::{cooccurrence, CoocFold, Cooccurrence, Level, MAX_ENTITIES_PER_DOCUMENT, MAX_ENTITIES_PER_SENTENCE};
pub use events::{
    add_classifier_offsets, candidates as event_candidates, country_entities, events, events_of, save_classifier, train_classifier, Candidate, Event,
    Model as EventModel, MODALITIES,
};

#[cfg(test)]
pub(crate) mod tests;

/// For each sentence of `doc`, the range of indices of the mentions that start inside it.
/// Mentions outside every sentence belong to none.
fn mentions_by_sentence<D: DocView>(doc: &D) -> Vec<Range<usize>> {
    doc.mentions_by_sentence()
}

fn is_value(label: Label) -> bool {
    matches!(label, Label::Date | Label::Money | Label::Percent)
}
