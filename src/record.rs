//! What the corpus stages read of a document ([`DocView`]) and its compact, serialisable
//! form ([`DocRecord`]).
//!
//! `link`, `relate` and `dedup` read documents only through [`DocView`], so that a
//! streaming or distributed run can keep a small record of every document instead of its
//! text and still compute the same corpus tables. The trait sits in its own module, below
//! those stages and above the per-document ones, so that neither the stages nor the
//! driver ([`crate::pipeline`]) own it. What a view computes from a document's text (event
//! cues, MinHash signature, year-less dates) comes from [`crate::features`], below.

use std::borrow::Cow;
use std::ops::Range;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::doc::{Document, Label, Mention};
use crate::error::{Error, Result};
use crate::features::events::{event_input, EventInput};
use crate::features::stories::{text_signature, yearless_date, StoryOptions};
use crate::features;
use crate::kb::Kb;

/// What the corpus-level stages (link, relate, dedup) read of a document. A [`Document`]
/// derives it from its text; a [`DocRecord`] carries it without the text, so that a
/// streaming or distributed run can keep every document's record in little memory and
/// still compute the same corpus tables as a run over the documents.
pub trait DocView: Sync {
    fn lang(&self) -> Option<&str>;
    fn title(&self) -> Option<&str>;
    /// Processed without error.
    fn ok(&self) -> bool;
    /// Can take part in stories: no error and some text.
    fn usable(&self) -> bool;
    /// Entity mentions, sorted by start (byte offsets into the document's text).
    fn mentions(&self) -> &[Mention];
    /// The text of mention `m`.
    fn surface(&self, m: usize) -> &str;
    /// For each sentence, the range of indices of the mentions that start inside it.
    fn mentions_by_sentence(&self) -> Vec<Range<usize>>;
    /// What event extraction reads of the text.
    fn event_input(&self, kb: &Kb) -> Cow<'_, EventInput>;
    /// The MinHash signature of the text's shingles (empty when not usable).
    fn signature(&self, opts: &StoryOptions) -> Cow<'_, [u32]>;
    /// The year-less date feature of DATE mention `m` without a value (see
    /// [`crate::dedup::doc_features`]).
    fn yearless_date(&self, m: usize) -> Option<String>;
}

/// Sentence key of each mention: `2s + 1` inside sentence `s`, `2s` in the gap before it
/// (`2n` after the last). Non-decreasing, because mentions and sentences are sorted.
fn sentence_keys(sentences: &[Range<usize>], mentions: &[Mention]) -> Vec<u32> {
    mentions
        .iter()
        .map(|m| {
            let i = crate::segment::sentence_index(sentences, m.start);
            let inside = sentences.get(i).is_some_and(|r| r.start <= m.start);
            (2 * i + inside as usize) as u32
        })
        .collect()
}

fn ranges_from_keys(keys: &[u32], n_sentences: usize) -> Vec<Range<usize>> {
    (0..n_sentences as u32)
        .map(|s| {
            let a = keys.partition_point(|&k| k < 2 * s + 1);
            let b = keys.partition_point(|&k| k <= 2 * s + 1);
            a..b.max(a)
        })
        .collect()
}

impl DocView for Document {
    fn lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }
    fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }
    fn ok(&self) -> bool {
        self.error.is_none()
    }
    fn usable(&self) -> bool {
        self.error.is_none() && !self.text.trim().is_empty()
    }
    fn mentions(&self) -> &[Mention] {
        &self.mentions
    }
    fn surface(&self, m: usize) -> &str {
        self.mentions.get(m).and_then(|m| self.text.get(m.start..m.end)).unwrap_or("")
    }
    fn mentions_by_sentence(&self) -> Vec<Range<usize>> {
        features::mentions_by_sentence(self)
    }
    fn event_input(&self, kb: &Kb) -> Cow<'_, EventInput> {
        Cow::Owned(event_input(self, kb))
    }
    fn signature(&self, opts: &StoryOptions) -> Cow<'_, [u32]> {
        Cow::Owned(if self.usable() { text_signature(&self.text, opts) } else { Vec::new() })
    }
    fn yearless_date(&self, m: usize) -> Option<String> {
        let m = self.mentions.get(m)?;
        yearless_date(&self.text, m.start..m.end)
    }
}

/// The compact record of one processed document: what the corpus-level stages read,
/// without the text. A streaming run ([`DocRecord::new`] per batch, serialised with
/// [`encode_records`]) keeps these and rebuilds the corpus tables from them with
/// [`analyse`]; the result equals a run over the whole [`Document`]s.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    pub lang: Option<String>,
    pub title: Option<String>,
    pub ok: bool,
    pub usable: bool,
    pub mentions: Vec<Mention>,
    /// The mentions' texts, concatenated; `surface_ends[m]` ends mention `m`.
    pub surfaces: String,
    pub surface_ends: Vec<u32>,
    /// See [`sentence_keys`].
    pub sentence_keys: Vec<u32>,
    pub n_sentences: u32,
    pub signature: Vec<u32>,
    /// (mention, feature) for DATE mentions without a value.
    pub yearless: Vec<(u32, String)>,
    pub events: EventInput,
}

impl DocRecord {
    /// The record of `doc`; `kb` and `stories` must be those of the analysis.
    pub fn new(doc: &Document, kb: &Kb, stories: &StoryOptions) -> DocRecord {
        let mut surfaces = String::new();
        let mut surface_ends = Vec::with_capacity(doc.mentions.len());
        let mut yearless = Vec::new();
        for (i, m) in doc.mentions.iter().enumerate() {
            surfaces.push_str(doc.surface(i));
            surface_ends.push(surfaces.len() as u32);
            if m.label == Label::Date && m.value.date.is_none() {
                if let Some(f) = doc.yearless_date(i) {
                    yearless.push((i as u32, f));
                }
            }
        }
        DocRecord {
            lang: doc.lang.clone(),
            title: doc.title.clone(),
            ok: doc.ok(),
            usable: doc.usable(),
            mentions: doc.mentions.clone(),
            surfaces,
            surface_ends,
            sentence_keys: sentence_keys(&doc.sentences, &doc.mentions),
            n_sentences: doc.sentences.len() as u32,
            signature: doc.signature(stories).into_owned(),
            yearless,
            events: if doc.ok() { event_input(doc, kb) } else { EventInput::default() },
        }
    }
}

impl DocRecord {
    /// The record of a run without corpus analysis: what the `stories` table shows.
    pub fn light(doc: &Document) -> DocRecord {
        DocRecord { lang: doc.lang.clone(), title: doc.title.clone(), ok: doc.ok(), usable: doc.usable(), ..DocRecord::default() }
    }
}

impl DocView for DocRecord {
    fn lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }
    fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }
    fn ok(&self) -> bool {
        self.ok
    }
    fn usable(&self) -> bool {
        self.usable
    }
    fn mentions(&self) -> &[Mention] {
        &self.mentions
    }
    fn surface(&self, m: usize) -> &str {
        let end = self.surface_ends.get(m).map_or(0, |&e| e as usize);
        let start = if m == 0 { 0 } else { self.surface_ends.get(m - 1).map_or(end, |&e| e as usize) };
        self.surfaces.get(start..end).unwrap_or("")
    }
    fn mentions_by_sentence(&self) -> Vec<Range<usize>> {
        ranges_from_keys(&self.sentence_keys, self.n_sentences as usize)
    }
    fn event_input(&self, _kb: &Kb) -> Cow<'_, EventInput> {
        Cow::Borrowed(&self.events)
    }
    fn signature(&self, _opts: &StoryOptions) -> Cow<'_, [u32]> {
        Cow::Borrowed(&self.signature)
    }
    fn yearless_date(&self, m: usize) -> Option<String> {
        let i = self.yearless.binary_search_by_key(&(m as u32), |y| y.0).ok()?;
        Some(self.yearless[i].1.clone())
    }
}

/// Serialises records (MessagePack), one buffer per record.
pub fn encode_records(records: &[DocRecord]) -> Vec<Vec<u8>> {
    records.par_iter().map(|r| rmp_serde::to_vec(r).expect("records serialise")).collect()
}

/// Reads a record written by [`encode_records`].
pub fn decode_record(bytes: &[u8]) -> Result<DocRecord> {
    rmp_serde::from_slice(bytes).map_err(|e| Error::Config(format!("not a newsframe document record: {e}")))
}
