//! Documents to Polars DataFrames.
//!
//! Column names and types are declared here once; an empty corpus yields empty frames with
//! the same schema. Offsets leave Rust as Python string indices (code points), converted
//! once, here, from the byte offsets the core works in.

use polars::prelude::*;

use crate::pipeline::Document;

/// Converts non-decreasing byte offsets of `text` to character offsets in one forward pass.
pub struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    pub fn new(text: &'a str) -> Self {
        CharOffsets { text, ascii: text.is_ascii(), byte: 0, chars: 0 }
    }

    /// The character offset of byte offset `b` (which must lie on a character boundary).
    pub fn get(&mut self, b: usize) -> u32 {
        if self.ascii {
            return b as u32;
        }
        if b < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..b].chars().count();
        self.byte = b;
        self.chars as u32
    }
}

fn col<T, V>(name: &str, values: V) -> Column
where
    Series: NamedFrom<V, T>,
    T: ?Sized,
{
    Column::new(name.into(), values)
}

/// The `documents` table.
pub fn documents(docs: &[Document]) -> PolarsResult<DataFrame> {
    let n = docs.len();
    let mut boilerplate = ListStringChunkedBuilder::new("boilerplate".into(), n, n * 2);
    for d in docs {
        boilerplate.append_values_iter(d.boilerplate.iter().map(String::as_str));
    }
    let columns = vec![
        col("doc_id", (0..n as u32).collect::<Vec<u32>>()),
        col("source", docs.iter().map(|d| d.source.as_str()).collect::<Vec<_>>()),
        col("title", docs.iter().map(|d| d.title.as_deref()).collect::<Vec<_>>()),
        col("lang", docs.iter().map(|d| d.lang.as_deref()).collect::<Vec<_>>()),
        col("lang_confidence", docs.iter().map(|d| d.lang_confidence).collect::<Vec<_>>()),
        col("encoding", docs.iter().map(|d| d.encoding.as_deref()).collect::<Vec<_>>()),
        col("url", docs.iter().map(|d| d.url.as_deref()).collect::<Vec<_>>()),
        col("pub_date", docs.iter().map(|d| d.pub_date.as_deref()).collect::<Vec<_>>()),
        col("text", docs.iter().map(|d| d.text.as_str()).collect::<Vec<_>>()),
        col("n_chars", docs.iter().map(|d| d.text.chars().count() as u32).collect::<Vec<_>>()),
        col("n_words", docs.iter().map(|d| d.n_words as u32).collect::<Vec<_>>()),
        col("n_sentences", docs.iter().map(|d| d.sentences.len() as u32).collect::<Vec<_>>()),
        boilerplate.finish().into_series().into_column(),
        col("error", docs.iter().map(|d| d.error.as_deref()).collect::<Vec<_>>()),
    ];
    DataFrame::new(n, columns)
}

/// The `sentences` table: one row per sentence, offsets in characters into `documents.text`.
pub fn sentences(docs: &[Document]) -> PolarsResult<DataFrame> {
    let total: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let mut doc_id = Vec::with_capacity(total);
    let mut sent_id = Vec::with_capacity(total);
    let mut start = Vec::with_capacity(total);
    let mut end = Vec::with_capacity(total);
    let mut text = Vec::with_capacity(total);
    for (i, d) in docs.iter().enumerate() {
        let mut offsets = CharOffsets::new(&d.text);
        for (j, r) in d.sentences.iter().enumerate() {
            doc_id.push(i as u32);
            sent_id.push(j as u32);
            start.push(offsets.get(r.start));
            end.push(offsets.get(r.end));
            text.push(&d.text[r.clone()]);
        }
    }
    let columns = vec![
        col("doc_id", doc_id),
        col("sent_id", sent_id),
        col("start", start),
        col("end", end),
        col("text", text),
    ];
    DataFrame::new(total, columns)
}
