//! Documents to Polars DataFrames.
//!
//! Column names and types are declared here once; an empty corpus yields empty frames with
//! the same schema. Offsets leave Rust as Python string indices (code points), converted
//! once, here, from the byte offsets the core works in.

use polars::prelude::*;

use crate::corpus::StoryRow;
use crate::link::{LinkedEntity, Linking, MentionLink};
use crate::doc::{Document, Label, Mention, OffsetBase, Value};
use crate::pipeline::Analysis;
use crate::record::DocView;

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

/// The tables of a whole run (`read_texts`) by name, in pipeline order, each built as a task
/// of the current rayon pool. One after the other on one thread they were the largest serial
/// step of a run (the mentions and co-occurrence tables about 0.11 G instructions of 3.7 G on
/// real news), while the pool's threads sat idle. The streaming batches build theirs one
/// after the other, which keeps their peak memory down.
pub fn run_tables(docs: &[Document], a: &Analysis, skipped: &[crate::ingest::warc::Skipped]) -> PolarsResult<Vec<(&'static str, DataFrame)>> {
    use rayon::prelude::*;
    type Build<'a> = Box<dyn FnOnce() -> PolarsResult<DataFrame> + Send + 'a>;
    let builders: Vec<(&'static str, Build<'_>)> = vec![
        ("documents", Box::new(|| documents(docs, &a.stories))),
        ("sentences", Box::new(|| sentences(docs))),
        ("mentions", Box::new(|| mentions(docs, &a.linking))),
        ("entities", Box::new(|| entities(&a.linking))),
        ("cooccurrence", Box::new(|| cooccurrence_in(a, true))),
        ("events", Box::new(|| events(docs, a))),
        ("stories", Box::new(|| stories(a))),
        ("skipped", Box::new(|| self::skipped(skipped))),
    ];
    builders.into_par_iter().map(|(name, build)| build().map(|df| (name, df))).collect()
}

/// The `documents` table; `stories` gives each document's story id.
pub fn documents(docs: &[Document], stories: &[u32]) -> PolarsResult<DataFrame> {
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
        col("author", docs.iter().map(|d| d.author.as_deref()).collect::<Vec<_>>()),
        col("site", docs.iter().map(|d| d.site.as_deref()).collect::<Vec<_>>()),
        col("canonical_url", docs.iter().map(|d| d.canonical_url.as_deref()).collect::<Vec<_>>()),
        col("lang_hint", docs.iter().map(|d| d.lang_hint.as_deref()).collect::<Vec<_>>()),
        col("text", docs.iter().map(|d| d.text.as_str()).collect::<Vec<_>>()),
        col("n_chars", docs.iter().map(|d| d.text.chars().count() as u32).collect::<Vec<_>>()),
        col("n_words", docs.iter().map(|d| d.n_words as u32).collect::<Vec<_>>()),
        col("n_sentences", docs.iter().map(|d| d.sentences.len() as u32).collect::<Vec<_>>()),
        boilerplate.finish().into_series().into_column(),
        col("error", docs.iter().map(|d| d.error.as_deref()).collect::<Vec<_>>()),
        col("story_id", (0..n).map(|i| stories.get(i).copied()).collect::<Vec<Option<u32>>>()),
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

/// The value columns of mentions (`amount_min` … `qualifier`), shared by the `mentions`
/// table and the `values` struct of `nf.entities()`.
struct ValueColumns<'a> {
    amount_min: Vec<Option<f64>>,
    amount_max: Vec<Option<f64>>,
    currency: Vec<Option<&'a str>>,
    percent: Vec<Option<f64>>,
    date: Vec<Option<&'a str>>,
    date_end: Vec<Option<&'a str>>,
    qualifier: Vec<Option<&'a str>>,
}

impl<'a> ValueColumns<'a> {
    fn with_capacity(n: usize) -> Self {
        ValueColumns {
            amount_min: Vec::with_capacity(n),
            amount_max: Vec::with_capacity(n),
            currency: Vec::with_capacity(n),
            percent: Vec::with_capacity(n),
            date: Vec::with_capacity(n),
            date_end: Vec::with_capacity(n),
            qualifier: Vec::with_capacity(n),
        }
    }

    fn push(&mut self, v: &'a Value) {
        self.amount_min.push(v.amount_min);
        self.amount_max.push(v.amount_max);
        self.currency.push(v.currency.as_deref());
        self.percent.push(v.percent);
        self.date.push(v.date.as_deref());
        self.date_end.push(v.date_end.as_deref());
        self.qualifier.push(v.qualifier.as_deref());
    }

    /// The columns, in table order, named as in [`value_fields`].
    fn into_series(self) -> [Series; 7] {
        [
            Series::new("amount_min".into(), self.amount_min),
            Series::new("amount_max".into(), self.amount_max),
            Series::new("currency".into(), self.currency),
            Series::new("percent".into(), self.percent),
            Series::new("date".into(), self.date),
            Series::new("date_end".into(), self.date_end),
            Series::new("qualifier".into(), self.qualifier),
        ]
    }
}

/// The `mentions` table: one row per entity mention, with offsets into `documents.text`
/// (`start`, `end`) and into the decoded input (`raw_start`, `raw_end`).
pub fn mentions(docs: &[Document], linking: &Linking) -> PolarsResult<DataFrame> {
    let total: usize = docs.iter().map(|d| d.mentions.len()).sum();
    let mut doc_id = Vec::with_capacity(total);
    let mut sent_id = Vec::with_capacity(total);
    let mut start = Vec::with_capacity(total);
    let mut end = Vec::with_capacity(total);
    let mut raw_start = Vec::with_capacity(total);
    let mut raw_end = Vec::with_capacity(total);
    let mut text = Vec::with_capacity(total);
    let mut label = Vec::with_capacity(total);
    let mut label_detail = Vec::with_capacity(total);
    let mut source = Vec::with_capacity(total);
    let mut kb_id = Vec::with_capacity(total);
    let mut values = ValueColumns::with_capacity(total);
    let mut entity_id = Vec::with_capacity(total);
    let mut evidence = Vec::with_capacity(total);
    for (i, d) in docs.iter().enumerate() {
        let mut offsets = CharOffsets::new(&d.text);
        let links = linking.links.get(i);
        for (j, m) in d.mentions.iter().enumerate() {
            let link = links.and_then(|l| l.get(j));
            entity_id.push(link.map(|l| linking.entities[l.entity as usize].entity_id.as_str()));
            evidence.push(link.map(|l| l.evidence.as_str()));
            doc_id.push(i as u32);
            let s = crate::segment::sentence_index(&d.sentences, m.start);
            sent_id.push(s as u32);
            start.push(offsets.get(m.start));
            end.push(offsets.get(m.end));
            raw_start.push(d.alignment.raw_char_start(&d.text, m.start) as u32);
            raw_end.push(d.alignment.raw_char_end(&d.text, m.end) as u32);
            text.push(&d.text[m.start..m.end]);
            label.push(m.label.as_str());
            label_detail.push(m.label.detail());
            source.push(m.source.as_str());
            kb_id.push(m.kb_id.as_deref());
            values.push(&m.value);
        }
    }
    let mut columns = vec![
        col("doc_id", doc_id),
        col("sent_id", sent_id),
        col("start", start),
        col("end", end),
        col("raw_start", raw_start),
        col("raw_end", raw_end),
        col("text", text),
        col("label", label),
        col("label_detail", label_detail),
        col("source", source),
        col("kb_id", kb_id),
    ];
    columns.extend(values.into_series().into_iter().map(Series::into_column));
    columns.extend([col("entity_id", entity_id), col("evidence", evidence)]);
    DataFrame::new(total, columns)
}

fn list_column<'a>(name: &str, rows: impl ExactSizeIterator<Item = &'a [String]>) -> Column {
    let mut b = ListStringChunkedBuilder::new(name.into(), rows.len(), rows.len() * 2);
    for r in rows {
        b.append_values_iter(r.iter().map(String::as_str));
    }
    b.finish().into_series().into_column()
}

/// The `entities` table: one row per linked entity, sorted by `entity_id`.
pub fn entities(linking: &Linking) -> PolarsResult<DataFrame> {
    let e = &linking.entities;
    let columns = vec![
        col("entity_id", e.iter().map(|e| e.entity_id.as_str()).collect::<Vec<_>>()),
        col("name", e.iter().map(|e| e.name.as_str()).collect::<Vec<_>>()),
        col("label", e.iter().map(|e| e.label.as_str()).collect::<Vec<_>>()),
        col("kb_id", e.iter().map(|e| e.kb_id.as_deref()).collect::<Vec<_>>()),
        list_column("aliases", e.iter().map(|e| e.aliases.as_slice())),
        list_column("languages", e.iter().map(|e| e.languages.as_slice())),
        col("n_mentions", e.iter().map(|e| e.n_mentions).collect::<Vec<_>>()),
        col("n_docs", e.iter().map(|e| e.n_docs).collect::<Vec<_>>()),
        col("country", e.iter().map(|e| e.country.as_deref()).collect::<Vec<_>>()),
    ];
    DataFrame::new(e.len(), columns)
}

/// The `cooccurrence` table: entity pairs (`entity_a` < `entity_b`) at sentence level and
/// at document level (`level`).
pub fn cooccurrence(a: &Analysis) -> PolarsResult<DataFrame> {
    cooccurrence_in(a, false)
}

/// [`cooccurrence`], its columns built as tasks of the current pool when `parallel`.
fn cooccurrence_in(a: &Analysis, parallel: bool) -> PolarsResult<DataFrame> {
    let ids = |i: u32| a.linking.entities[i as usize].entity_id.as_str();
    let rows: Vec<(&str, &crate::relate::Cooccurrence)> = a
        .cooccurrence
        .iter()
        .map(|c| ("sentence", c))
        .chain(a.cooccurrence_docs.iter().map(|c| ("document", c)))
        .collect();
    // The largest table of a run (about 170,000 rows on the real-news corpus): in a whole
    // run its columns are tasks of the pool, so that a second thread is not left idle while
    // one builds them (a streaming run's last call builds it alone, on the calling thread).
    use rayon::prelude::*;
    let column = |k: usize| match k {
        0 => col("level", rows.iter().map(|r| r.0).collect::<Vec<_>>()),
        1 => col("entity_a", rows.iter().map(|r| ids(r.1.entity_a)).collect::<Vec<_>>()),
        2 => col("entity_b", rows.iter().map(|r| ids(r.1.entity_b)).collect::<Vec<_>>()),
        3 => col("n_sentences", rows.iter().map(|r| r.1.n_sentences).collect::<Vec<_>>()),
        4 => col("n_docs", rows.iter().map(|r| r.1.n_docs).collect::<Vec<_>>()),
        _ => col("first_doc", rows.iter().map(|r| r.1.first_doc).collect::<Vec<_>>()),
    };
    let columns: Vec<Column> = if parallel { (0..6).into_par_iter().map(column).collect() } else { (0..6).map(column).collect() };
    DataFrame::new(rows.len(), columns)
}

/// The `events` table: country-level actor–action–actor events, one per sentence and pair.
pub fn events<D: DocView>(docs: &[D], a: &Analysis) -> PolarsResult<DataFrame> {
    events_of(0, docs, &a.events, &a.linking.entities)
}

/// The `events` table rows of `events`, found in `docs`, the documents `first..` of the
/// corpus (a chunk of a streaming run).
pub fn events_of<D: DocView>(first: u32, docs: &[D], ev: &[crate::relate::Event], entities: &[LinkedEntity]) -> PolarsResult<DataFrame> {
    let ent = |i: u32| &entities[i as usize];
    let mention = |e: &crate::relate::Event, m: Option<u32>| {
        let d = (e.doc - first) as usize;
        m.and_then(|m| docs[d].mentions().get(m as usize).map(|x| (d, m, x)))
    };
    let money: Vec<_> = ev.iter().map(|e| mention(e, e.money)).collect();
    let date: Vec<_> = ev.iter().map(|e| mention(e, e.date)).collect();
    let text_of = |m: &Option<(usize, u32, &Mention)>| m.map(|(d, i, _)| docs[d].surface(i as usize));
    let columns = vec![
        col("doc_id", ev.iter().map(|e| e.doc).collect::<Vec<_>>()),
        col("sent_id", ev.iter().map(|e| e.sentence).collect::<Vec<_>>()),
        col("actor1", ev.iter().map(|e| ent(e.actor1).entity_id.as_str()).collect::<Vec<_>>()),
        col("actor2", ev.iter().map(|e| ent(e.actor2).entity_id.as_str()).collect::<Vec<_>>()),
        col("actor1_name", ev.iter().map(|e| ent(e.actor1).name.as_str()).collect::<Vec<_>>()),
        col("actor2_name", ev.iter().map(|e| ent(e.actor2).name.as_str()).collect::<Vec<_>>()),
        col("event_type", ev.iter().map(|e| e.event_type).collect::<Vec<_>>()),
        col("trigger", ev.iter().map(|e| e.trigger_text.as_str()).collect::<Vec<_>>()),
        col("trigger_start", ev.iter().map(|e| e.trigger_chars.start).collect::<Vec<_>>()),
        col("trigger_end", ev.iter().map(|e| e.trigger_chars.end).collect::<Vec<_>>()),
        col("modality", ev.iter().map(|e| e.modality).collect::<Vec<_>>()),
        col("money", money.iter().map(text_of).collect::<Vec<_>>()),
        col("amount_min", money.iter().map(|m| m.and_then(|(_, _, m)| m.value.amount_min)).collect::<Vec<_>>()),
        col("amount_max", money.iter().map(|m| m.and_then(|(_, _, m)| m.value.amount_max)).collect::<Vec<_>>()),
        col("currency", money.iter().map(|m| m.and_then(|(_, _, m)| m.value.currency.as_deref())).collect::<Vec<_>>()),
        col("date", date.iter().map(text_of).collect::<Vec<_>>()),
        col("date_value", date.iter().map(|m| m.and_then(|(_, _, m)| m.value.date.as_deref())).collect::<Vec<_>>()),
    ];
    DataFrame::new(ev.len(), columns)
}

/// The `stories` table: one row per story with its documents.
pub fn stories(a: &Analysis) -> PolarsResult<DataFrame> {
    story_table(&a.story_rows)
}

/// The `stories` table of `rows`.
pub fn story_table(rows: &[StoryRow]) -> PolarsResult<DataFrame> {
    let n = rows.len();
    let total = rows.iter().map(|r| r.doc_ids.len()).sum();
    let mut doc_ids = ListPrimitiveChunkedBuilder::<UInt32Type>::new("doc_ids".into(), n, total, DataType::UInt32);
    for r in rows {
        doc_ids.append_slice(&r.doc_ids);
    }
    let columns = vec![
        col("story_id", rows.iter().map(|r| r.story).collect::<Vec<_>>()),
        col("n_docs", rows.iter().map(|r| r.doc_ids.len() as u32).collect::<Vec<_>>()),
        doc_ids.finish().into_series().into_column(),
        list_column("languages", rows.iter().map(|r| r.langs.as_slice())),
        col("title", rows.iter().map(|r| r.title.as_deref()).collect::<Vec<_>>()),
    ];
    DataFrame::new(n, columns)
}

/// The value fields of an entity struct: the value columns of the `mentions` table.
fn value_fields() -> Vec<Field> {
    vec![
        Field::new("amount_min".into(), DataType::Float64),
        Field::new("amount_max".into(), DataType::Float64),
        Field::new("currency".into(), DataType::String),
        Field::new("percent".into(), DataType::Float64),
        Field::new("date".into(), DataType::String),
        Field::new("date_end".into(), DataType::String),
        Field::new("qualifier".into(), DataType::String),
    ]
}

/// The type of `nf.entities()`: a list of structs `start`, `end`, `text`, `label`, `kb_id`,
/// `values` (a struct of the mentions table's value columns).
pub fn entity_list_dtype() -> DataType {
    DataType::List(Box::new(DataType::Struct(vec![
        Field::new("start".into(), DataType::UInt32),
        Field::new("end".into(), DataType::UInt32),
        Field::new("text".into(), DataType::String),
        Field::new("label".into(), DataType::String),
        Field::new("kb_id".into(), DataType::String),
        Field::new("values".into(), DataType::Struct(value_fields())),
    ])))
}

/// The type of `nf.sentences()`: a list of structs `start`, `end`, `text`.
pub fn sentence_list_dtype() -> DataType {
    DataType::List(Box::new(DataType::Struct(vec![
        Field::new("start".into(), DataType::UInt32),
        Field::new("end".into(), DataType::UInt32),
        Field::new("text".into(), DataType::String),
    ])))
}

fn struct_series(name: &str, len: usize, fields: &[Series]) -> PolarsResult<Series> {
    Ok(StructChunked::from_series(name.into(), len, fields.iter())?.into_series())
}

/// Splits `flat` into one list per document: `lens[i]` items for a document, null for `None`.
fn lists(name: &str, flat: &Series, lens: &[Option<usize>], dtype: &DataType) -> PolarsResult<Series> {
    let DataType::List(inner) = dtype else { unreachable!("list dtype expected") };
    let mut builder = polars::chunked_array::builder::get_list_builder(inner, flat.len(), lens.len(), name.into());
    let mut offset = 0;
    for len in lens {
        match len {
            Some(n) => {
                builder.append_series(&flat.slice(offset as i64, *n))?;
                offset += n;
            }
            None => builder.append_null(),
        }
    }
    builder.finish().into_series().cast(dtype)
}

/// One list of entity structs per document (`None`, a null input, gives a null list), for
/// `nf.entities()`; offsets index the clean text or the input (`base`), and only mentions
/// whose label is in `labels` are kept when it is given.
pub fn entity_lists(
    name: &str,
    docs: &[Option<Document>],
    base: OffsetBase,
    labels: Option<&[Label]>,
) -> PolarsResult<Series> {
    let keep = |m: &&Mention| labels.map_or(true, |l| l.contains(&m.label));
    let total: usize = docs.iter().flatten().map(|d| d.mentions.iter().filter(keep).count()).sum();
    let mut lens = Vec::with_capacity(docs.len());
    let (mut start, mut end) = (Vec::with_capacity(total), Vec::with_capacity(total));
    let (mut text, mut label, mut kb_id) = (Vec::with_capacity(total), Vec::with_capacity(total), Vec::with_capacity(total));
    let mut values = ValueColumns::with_capacity(total);
    for d in docs {
        let Some(d) = d else {
            lens.push(None);
            continue;
        };
        let kept: Vec<&Mention> = d.mentions.iter().filter(keep).collect();
        lens.push(Some(kept.len()));
        for (m, (s, e)) in kept.iter().zip(d.char_spans(kept.iter().map(|m| m.start..m.end), base)) {
            start.push(s);
            end.push(e);
            text.push(&d.text[m.start..m.end]);
            label.push(m.label.as_str());
            kb_id.push(m.kb_id.as_deref());
            values.push(&m.value);
        }
    }
    let values = struct_series("values", total, &values.into_series())?;
    let flat = struct_series(
        name,
        total,
        &[
            Series::new("start".into(), start),
            Series::new("end".into(), end),
            Series::new("text".into(), text),
            Series::new("label".into(), label),
            Series::new("kb_id".into(), kb_id),
            values,
        ],
    )?;
    lists(name, &flat, &lens, &entity_list_dtype())
}

/// One list of sentence structs per document (`None` gives a null list), for
/// `nf.sentences()`; offsets index the clean text or the input (`base`).
pub fn sentence_lists(name: &str, docs: &[Option<Document>], base: OffsetBase) -> PolarsResult<Series> {
    let total: usize = docs.iter().flatten().map(|d| d.sentences.len()).sum();
    let mut lens = Vec::with_capacity(docs.len());
    let (mut start, mut end, mut text) = (Vec::with_capacity(total), Vec::with_capacity(total), Vec::with_capacity(total));
    for d in docs {
        let Some(d) = d else {
            lens.push(None);
            continue;
        };
        lens.push(Some(d.sentences.len()));
        for (r, (s, e)) in d.sentences.iter().zip(d.char_spans(d.sentences.iter().cloned(), base)) {
            start.push(s);
            end.push(e);
            text.push(&d.text[r.clone()]);
        }
    }
    let flat = struct_series(
        name,
        total,
        &[Series::new("start".into(), start), Series::new("end".into(), end), Series::new("text".into(), text)],
    )?;
    lists(name, &flat, &lens, &sentence_list_dtype())
}

/// The clean text of each document (`documents.text`), null for `None`.
pub fn clean_texts(name: &str, docs: &[Option<Document>]) -> Series {
    Series::new(name.into(), docs.iter().map(|d| d.as_ref().map(|d| d.text.as_str())).collect::<Vec<_>>())
}

/// The language of each document (`documents.lang`), null for `None` or when unknown.
pub fn langs(name: &str, docs: &[Option<Document>]) -> Series {
    Series::new(name.into(), docs.iter().map(|d| d.as_ref().and_then(|d| d.lang.as_deref())).collect::<Vec<_>>())
}

/// The `skipped` table: records of WARC archives that were not documents, counted per file,
/// record type, reason (`record type`, `http status`, `not html`) and detail (the status code
/// or media type).
pub fn skipped(rows: &[crate::ingest::warc::Skipped]) -> PolarsResult<DataFrame> {
    let columns = vec![
        col("source", rows.iter().map(|r| r.source.as_str()).collect::<Vec<_>>()),
        col("record_type", rows.iter().map(|r| r.record_type.as_str()).collect::<Vec<_>>()),
        col("reason", rows.iter().map(|r| r.reason).collect::<Vec<_>>()),
        col("detail", rows.iter().map(|r| r.detail.as_deref()).collect::<Vec<_>>()),
        col("count", rows.iter().map(|r| r.count).collect::<Vec<u64>>()),
    ];
    DataFrame::new(rows.len(), columns)
}

/// The links of the mentions of a chunk of documents, `first..` of the corpus, in order:
/// `doc_id` and the `entity_id` and `evidence` columns of the `mentions` table, for a
/// streaming run that wrote the mentions before linking.
pub fn chunk_links(first: u32, links: &[Vec<MentionLink>], entities: &[LinkedEntity]) -> PolarsResult<DataFrame> {
    let n: usize = links.iter().map(Vec::len).sum();
    let columns = vec![
        col("doc_id", links.iter().enumerate().flat_map(|(i, l)| std::iter::repeat_n(first + i as u32, l.len())).collect::<Vec<_>>()),
        col("entity_id", links.iter().flatten().map(|l| entities[l.entity as usize].entity_id.as_str()).collect::<Vec<_>>()),
        col("evidence", links.iter().flatten().map(|l| l.evidence.as_str()).collect::<Vec<_>>()),
    ];
    DataFrame::new(n, columns)
}

/// A one-column table `record` (binary) of encoded document records.
pub fn records(encoded: &[Vec<u8>]) -> PolarsResult<DataFrame> {
    let values: Vec<&[u8]> = encoded.iter().map(Vec::as_slice).collect();
    DataFrame::new(values.len(), vec![col("record", values)])
}
