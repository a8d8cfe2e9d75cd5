//! Per-document features the corpus stages read: the event cues of a document's sentences
//! ([`events`]) and the MinHash signature and year-less dates that stories compare
//! ([`stories`]).
//!
//! They are computed from one [`Document`]'s text, once, and kept in its
//! [`crate::record::DocRecord`] so that a streaming run can drop the text. They sit below
//! `record` (which names their types) and above `extract` (whose value parser reads
//! year-less dates), so that `record` needs nothing of the corpus stages `relate` and
//! `dedup` that use them.

use std::ops::Range;

use crate::doc::Document;

pub mod events;
pub mod stories;

/// For each sentence of `doc`, the range of indices of the mentions that start inside it.
/// Mentions outside every sentence belong to none.
pub fn mentions_by_sentence(doc: &Document) -> Vec<Range<usize>> {
    doc.sentences
        .iter()
        .map(|s| {
            let a = doc.mentions.partition_point(|m| m.start < s.start);
            let b = doc.mentions.partition_point(|m| m.start < s.end);
            a..b.max(a)
        })
        .collect()
}
