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

/// The `mentions` table: one row per entity mention, with offsets into `documents.text`
/// (`start`, `end`) and into the decoded input (`raw_start`, `raw_end`).
pub fn mentions(docs: &[Document]) -> PolarsResult<DataFrame> {
    let total: usize = docs.iter().map(|d| d.mentions.len()).sum();
    let mut doc_id = Vec::with_capacity(total);
    let mut sent_id = Vec::with_capacity(total);
    let mut start = Vec::with_capacity(total);
    let mut end = Vec::with_capacity(total);
    let mut raw_start = Vec::with_capacity(total);
    let mut raw_end = Vec::with_capacity(total);
    let mut text = Vec::with_capacity(total);
    let mut label = Vec::with_capacity(total);
    let mut source = Vec::with_capacity(total);
    let mut kb_id = Vec::with_capacity(total);
    let mut amount_min = Vec::with_capacity(total);
    let mut amount_max = Vec::with_capacity(total);
    let mut currency = Vec::with_capacity(total);
    let mut percent = Vec::with_capacity(total);
    let mut date = Vec::with_capacity(total);
    let mut date_end = Vec::with_capacity(total);
    for (i, d) in docs.iter().enumerate() {
        let mut offsets = CharOffsets::new(&d.text);
        for m in &d.mentions {
            doc_id.push(i as u32);
            let s = d.sentences.partition_point(|r| r.end <= m.start);
            sent_id.push(s as u32);
            start.push(offsets.get(m.start));
            end.push(offsets.get(m.end));
            raw_start.push(d.alignment.raw_char_start(&d.text, m.start) as u32);
            raw_end.push(d.alignment.raw_char_end(&d.text, m.end) as u32);
            text.push(&d.text[m.start..m.end]);
            label.push(m.label.as_str());
            source.push(m.source.as_str());
            kb_id.push(m.kb_id.as_deref());
            amount_min.push(m.value.amount_min);
            amount_max.push(m.value.amount_max);
            currency.push(m.value.currency.as_deref());
            percent.push(m.value.percent);
            date.push(m.value.date.as_deref());
            date_end.push(m.value.date_end.as_deref());
        }
    }
    let columns = vec![
        col("doc_id", doc_id),
        col("sent_id", sent_id),
        col("start", start),
        col("end", end),
        col("raw_start", raw_start),
        col("raw_end", raw_end),
        col("text", text),
        col("label", label),
        col("source", source),
        col("kb_id", kb_id),
        col("amount_min", amount_min),
        col("amount_max", amount_max),
        col("currency", currency),
        col("percent", percent),
        col("date", date),
        col("date_end", date_end),
    ];
    DataFrame::new(total, columns)
}
