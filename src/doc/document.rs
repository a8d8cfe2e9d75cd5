//! A processed document: its metadata, clean text, sentences and mentions.
//!
//! The per-document stages fill it; the frame layer turns it into table rows. It is data
//! plus the offset conversion every table needs, so that the corpus stages and the frame
//! layer can read documents without importing the driver ([`crate::pipeline`]) that makes
//! them.

use std::ops::Range;

use crate::clean::Alignment;
use crate::doc::Mention;

/// A processed document. Offsets are byte offsets into `text`; the frame layer converts
/// them to character offsets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub source: String,
    pub title: Option<String>,
    pub lang: Option<String>,
    pub lang_confidence: Option<f64>,
    pub encoding: Option<String>,
    pub url: Option<String>,
    pub pub_date: Option<String>,
    pub author: Option<String>,
    pub site: Option<String>,
    pub canonical_url: Option<String>,
    /// Declared language of an HTML page (`<html lang>`), as written.
    pub lang_hint: Option<String>,
    /// Clean content, one paragraph per line (HTML articles: paragraphs separated by a
    /// blank line).
    pub text: String,
    pub n_words: usize,
    pub sentences: Vec<Range<usize>>,
    pub boilerplate: Vec<String>,
    pub error: Option<String>,
    /// Maps offsets of `text` back to the decoded input.
    pub alignment: Alignment,
    /// Entity mentions, sorted by start.
    pub mentions: Vec<Mention>,
}

/// Which text the character offsets of [`Document::char_spans`] index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetBase {
    /// The clean text ([`Document::text`], `documents.text`).
    Clean,
    /// The text as given (the decoded input), through the cleaning alignment.
    Input,
}

impl Document {
    /// Python string offsets (code points) of byte ranges of `self.text`, given in
    /// non-decreasing order of start, into the clean text or the input.
    pub fn char_spans(&self, ranges: impl IntoIterator<Item = Range<usize>>, base: OffsetBase) -> Vec<(u32, u32)> {
        match base {
            OffsetBase::Input => ranges
                .into_iter()
                .map(|r| {
                    let start = self.alignment.raw_char_start(&self.text, r.start);
                    let end = self.alignment.raw_char_end(&self.text, r.end);
                    (start as u32, end.max(start) as u32)
                })
                .collect(),
            OffsetBase::Clean => {
                // One forward pass: starts are non-decreasing and each end follows its start.
                let (mut byte, mut chars) = (0usize, 0usize);
                ranges
                    .into_iter()
                    .map(|r| {
                        if r.start < byte {
                            (byte, chars) = (0, 0);
                        }
                        chars += self.text[byte..r.start].chars().count();
                        byte = r.start;
                        let end = chars + self.text[r.start..r.end].chars().count();
                        (chars as u32, end as u32)
                    })
                    .collect()
            }
        }
    }
}
