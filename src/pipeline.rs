//! The pipeline: inputs to [`Document`]s, in parallel, in input order.
//!
//! Every input yields at least one document, failed or not. Work is spread over documents
//! with rayon; results are collected in input order, so the output is identical for any
//! number of threads. A panic while processing one document is caught and turned into that
//! document's error, so one bug does not cost a night's batch.

use std::borrow::Cow;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::clean::{self, Alignment, CleanOptions, Rules};
use crate::error::{DocError, Error, Result};
use crate::extract::{self, ExtractOptions, Mention};
use crate::kb::{Kb, UserEntry};
use crate::dedup::StoryOptions;
use crate::link::{LinkOptions, Linking};
use crate::ner::Model;
use crate::relate::{Cooccurrence, Event, EventInput, Level};
use crate::ingest::{self, Entry, Format, IngestOptions, RawDoc};
use crate::{lang, segment};

/// Options of a run, as given by the Python API (JSON) or by Rust callers.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    pub ingest: IngestOptions,
    /// Language for every document instead of detection (ISO 639-1, e.g. `"ar"`).
    pub lang: Option<String>,
    /// Remove boilerplate lines (they are kept in the `boilerplate` column).
    pub boilerplate: bool,
    /// Extra boilerplate rule files (TOML text), added to the shipped rules.
    pub boilerplate_rules: Vec<String>,
    /// Worker threads; `None` uses all cores.
    pub n_threads: Option<usize>,
    /// Extract entity mentions.
    pub mentions: bool,
    /// Date of every document without one of its own (ISO 8601), for relative dates.
    pub pub_date: Option<String>,
    /// User knowledge-base entries (watch lists), added to the shipped ones.
    pub kb_entries: Vec<UserEntry>,
    /// Statistical NER model: `None` for rules and knowledge base only, `"default"` for the
    /// shipped English and Arabic models, or the path of a model trained with
    /// `python -m newsframe.train` (applied to documents of its language).
    pub model: Option<String>,
    /// Corpus-level analysis: linking, co-occurrence, events and stories.
    pub analytics: bool,
    /// User merges and splits for linking.
    pub link: LinkOptions,
    /// Story clustering parameters.
    pub stories: StoryOptions,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ingest: IngestOptions::default(),
            lang: None,
            boilerplate: true,
            boilerplate_rules: Vec::new(),
            n_threads: None,
            mentions: true,
            pub_date: None,
            kb_entries: Vec::new(),
            model: Some("default".into()),
            analytics: true,
            link: LinkOptions::default(),
            stories: StoryOptions::default(),
        }
    }
}

impl Options {
    fn rules(&self) -> Result<Rules> {
        if !self.boilerplate {
            return Ok(Rules::none());
        }
        let mut files = vec![clean::DEFAULT_RULES.to_string()];
        files.extend(self.boilerplate_rules.iter().cloned());
        Rules::from_toml(&files)
    }

    fn models(&self) -> Result<Models> {
        match self.model.as_deref() {
            None | Some("none") => Ok(Models::default()),
            Some("default") => Ok(Models {
                builtin: ["en", "ar"].iter().filter_map(|l| Model::builtin(l)).collect(),
                user: None,
            }),
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| match e.kind() {
                    std::io::ErrorKind::NotFound => Error::NotFound(path.into()),
                    _ => Error::Config(format!("cannot read model {path}: {e}")),
                })?;
                Ok(Models { builtin: Vec::new(), user: Some(Model::load(&bytes)?) })
            }
        }
    }

    fn kb(&self) -> Result<std::borrow::Cow<'static, Kb>> {
        if self.kb_entries.is_empty() {
            Ok(std::borrow::Cow::Borrowed(Kb::builtin()))
        } else {
            Ok(std::borrow::Cow::Owned(Kb::build(&self.kb_entries)?))
        }
    }
}

/// One input of a run.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file to read; it yields one document, or one per record.
    File(PathBuf, Format),
    /// A document already in memory (a string, a table row) or already failed.
    Doc(RawDoc),
}

impl From<Entry> for Input {
    fn from(e: Entry) -> Input {
        match e {
            Entry::File(p, f) => Input::File(p, f),
            Entry::Failed(p, err) => Input::Doc(RawDoc::failed(p.to_string_lossy(), err)),
        }
    }
}

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
    /// Clean content, one paragraph per line.
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

/// Runs the pipeline over `inputs` and returns their documents in input order.
///
/// ```
/// use newsframe::pipeline::{run, Input, Options};
/// use newsframe::ingest::RawDoc;
/// let docs = run(vec![Input::Doc(RawDoc::text("a", "Hello there. Bye now.".into()))], &Options::default()).unwrap();
/// assert_eq!(docs[0].sentences.len(), 2);
/// ```
pub fn run(inputs: Vec<Input>, opts: &Options) -> Result<Vec<Document>> {
    let rules = opts.rules()?;
    let kb = opts.kb()?;
    let models = if opts.mentions { opts.models()? } else { Models::default() };
    let ctx = Context { rules: &rules, kb: &kb, models: &models, opts };
    let work = || -> Vec<Document> {
        inputs
            .into_par_iter()
            .flat_map(|input| {
                let raws = match input {
                    Input::File(path, format) => guarded(&path.to_string_lossy(), || {
                        ingest::load(&path, format, &opts.ingest)
                    })
                    .unwrap_or_else(|e| vec![RawDoc::failed(path.to_string_lossy(), e)]),
                    Input::Doc(raw) => vec![raw],
                };
                raws.into_par_iter().map(|raw| process(raw, &ctx))
            })
            .collect()
    };
    match opts.n_threads {
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build()
                .map_err(|e| Error::Config(format!("cannot start {n} threads: {e}")))?;
            Ok(pool.install(work))
        }
        None => Ok(work()),
    }
}

/// Corpus-level results, computed once every document is processed.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub linking: Linking,
    /// Sentence-level co-occurrence of entities.
    pub cooccurrence: Vec<Cooccurrence>,
    /// Document-level co-occurrence of entities.
    pub cooccurrence_docs: Vec<Cooccurrence>,
    pub events: Vec<Event>,
    /// Story id of each document.
    pub stories: Vec<u32>,
}

/// Links mentions to entities across the corpus, then computes co-occurrence, events and
/// stories. Deterministic: depends only on the documents and their order. `docs` are
/// [`Document`]s, or the [`DocRecord`]s of a streaming or distributed run, which give the
/// same result.
pub fn analyse<D: DocView>(docs: &[D], opts: &Options) -> Result<Analysis> {
    if !opts.analytics || !opts.mentions {
        return Ok(Analysis { stories: (0..docs.len() as u32).collect(), ..Analysis::default() });
    }
    let kb = opts.kb()?;
    let linking = crate::link::link(docs, &kb, &opts.link);
    let cooccurrence = crate::relate::cooccurrence(docs, &linking, Level::Sentence);
    let cooccurrence_docs = crate::relate::cooccurrence(docs, &linking, Level::Document);
    let events = crate::relate::events(docs, &linking, &kb);
    let stories = crate::dedup::stories(docs, &linking, &opts.stories);
    Ok(Analysis { linking, cooccurrence, cooccurrence_docs, events, stories })
}

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
            let i = sentences.partition_point(|r| r.end <= m.start);
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
        self.sentences
            .iter()
            .map(|s| {
                let a = self.mentions.partition_point(|m| m.start < s.start);
                let b = self.mentions.partition_point(|m| m.start < s.end);
                a..b.max(a)
            })
            .collect()
    }
    fn event_input(&self, kb: &Kb) -> Cow<'_, EventInput> {
        Cow::Owned(crate::relate::event_input(self, kb))
    }
    fn signature(&self, opts: &StoryOptions) -> Cow<'_, [u32]> {
        Cow::Owned(if self.usable() { crate::dedup::text_signature(&self.text, opts) } else { Vec::new() })
    }
    fn yearless_date(&self, m: usize) -> Option<String> {
        let m = self.mentions.get(m)?;
        crate::dedup::yearless_date(&self.text, m.start..m.end)
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
            if m.label == crate::extract::Label::Date && m.value.date.is_none() {
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
            events: if doc.ok() { crate::relate::event_input(doc, kb) } else { EventInput::default() },
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

/// The records of `docs`, in order (in parallel).
pub fn records(docs: &[Document], opts: &Options) -> Result<Vec<DocRecord>> {
    let kb = opts.kb()?;
    Ok(docs.par_iter().map(|d| DocRecord::new(d, &kb, &opts.stories)).collect())
}

/// Serialises records (MessagePack), one buffer per record.
pub fn encode_records(records: &[DocRecord]) -> Vec<Vec<u8>> {
    records.par_iter().map(|r| rmp_serde::to_vec(r).expect("records serialise")).collect()
}

/// Reads a record written by [`encode_records`].
pub fn decode_record(bytes: &[u8]) -> Result<DocRecord> {
    rmp_serde::from_slice(bytes).map_err(|e| Error::Config(format!("not a newsframe document record: {e}")))
}

/// Runs `f`, turning a panic into a document error naming `source`.
fn guarded<T>(source: &str, f: impl FnOnce() -> T) -> std::result::Result<T, DocError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let msg = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        DocError::Internal(format!("panic while processing {source}: {msg}"))
    })
}

/// The NER models of a run, one per language.
#[derive(Default)]
pub struct Models {
    builtin: Vec<&'static Model>,
    user: Option<Model>,
}

impl Models {
    /// The model for documents in `lang`, if any.
    pub fn for_lang(&self, lang: Option<&str>) -> Option<&Model> {
        let lang = lang?;
        match &self.user {
            Some(m) => (m.lang() == lang).then_some(m),
            None => self.builtin.iter().copied().find(|m| m.lang() == lang),
        }
    }
}

/// What every document of a run shares.
pub struct Context<'a> {
    pub rules: &'a Rules,
    pub kb: &'a Kb,
    pub models: &'a Models,
    pub opts: &'a Options,
}

/// Processes one raw document; never panics, never fails.
pub fn process(raw: RawDoc, ctx: &Context<'_>) -> Document {
    let source = raw.source.clone();
    guarded(&source, || process_inner(raw, ctx)).unwrap_or_else(|e| Document {
        source,
        error: Some(e.to_string()),
        ..Document::default()
    })
}

fn process_inner(raw: RawDoc, ctx: &Context<'_>) -> Document {
    let (rules, opts) = (ctx.rules, ctx.opts);
    let mut doc = Document {
        source: raw.source,
        encoding: raw.encoding,
        url: raw.url,
        pub_date: raw.date,
        title: raw.title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")),
        ..Document::default()
    };
    let text = match raw.text {
        Ok(t) => t,
        Err(e) => {
            doc.error = Some(e.to_string());
            return doc;
        }
    };
    if text.trim().is_empty() {
        doc.error = Some(DocError::Empty.to_string());
        return doc;
    }
    let detect_title = doc.title.is_none() && !raw.is_html;
    let cleaned = clean::clean(&text, rules, CleanOptions { detect_title });
    drop(text);
    if doc.title.is_none() {
        doc.title = cleaned.title;
    }
    doc.boilerplate = cleaned.boilerplate;
    doc.alignment = cleaned.alignment;
    doc.text = cleaned.text;
    if doc.text.is_empty() {
        doc.error = Some(DocError::NoContent.to_string());
        return doc;
    }
    match &opts.lang {
        Some(l) => doc.lang = Some(l.clone()),
        None => {
            if let Some(d) = lang::detect(&doc.text) {
                doc.lang = Some(d.lang);
                doc.lang_confidence = Some(d.confidence);
            }
        }
    }
    doc.sentences = segment::sentences(&doc.text);
    doc.n_words = segment::count_words(&doc.text);
    if opts.mentions {
        let doc_date = doc.pub_date.as_deref().and_then(iso_date_prefix).or(opts.pub_date.as_deref());
        let model = ctx.models.for_lang(doc.lang.as_deref());
        doc.mentions = extract::mentions(&doc.text, &doc.sentences, ctx.kb, ExtractOptions { doc_date, model });
    }
    doc
}

/// The ISO 8601 date at the start of `s` (`2024-12-07T10:00Z` → `2024-12-07`), if any.
fn iso_date_prefix(s: &str) -> Option<&str> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !digits(0..4) {
        return None;
    }
    if b.get(4) == Some(&b'-') && digits(5..7) {
        if b.get(7) == Some(&b'-') && digits(8..10) {
            return Some(&s[..10]);
        }
        return Some(&s[..7]);
    }
    (b.len() == 4 || !b[4].is_ascii_digit()).then(|| &s[..4])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(texts: &[&str], threads: Option<usize>) -> Vec<Document> {
        let inputs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Input::Doc(RawDoc::text(i.to_string(), t.to_string())))
            .collect();
        run(inputs, &Options { n_threads: threads, ..Options::default() }).unwrap()
    }

    #[test]
    fn run_keeps_order_and_is_thread_independent() {
        let texts: Vec<String> = (0..200)
            .map(|i| format!("Headline number {i}\nThe army met on Monday. Talks went on for {i} days."))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let one = docs(&refs, Some(1));
        let two = docs(&refs, Some(2));
        assert_eq!(one, two);
        for (i, d) in one.iter().enumerate() {
            assert_eq!(d.source, i.to_string());
            assert_eq!(d.title.as_deref(), Some(format!("Headline number {i}").as_str()));
            assert_eq!(d.sentences.len(), 3);
        }
    }

    #[test]
    fn run_turns_bad_input_into_rows() {
        let d = docs(&["", "   \n  ", "[ad_1]\nLeave a Reply"], None);
        assert_eq!(d.len(), 3);
        assert!(d[0].error.as_deref().unwrap().starts_with("[D001]"));
        assert!(d[1].error.as_deref().unwrap().starts_with("[D001]"));
        assert!(d[2].error.as_deref().unwrap().starts_with("[D008]"));
        assert_eq!(d[2].boilerplate, ["[ad_1]", "Leave a Reply"]);
    }

    #[test]
    fn records_give_the_same_analysis_as_documents() {
        let countries = ["Algeria", "Russia", "France", "Egypt", "China", "Morocco"];
        let people = ["Dorin Velasko", "Mira Quillan", "Tamsin Kerrowby", "Halvard Quenneville"];
        let mut texts: Vec<String> = (0..120)
            .map(|i| {
                let (a, b) = (countries[i % 6], countries[(i * 5 + 1) % 6]);
                let p = people[i % 4];
                let surname = p.split(' ').nth(1).unwrap();
                format!(
                    "{a} and {b} in talks\n{p}, the defence minister of {a}, visited {b} on {} June 2024. \
                     {a} signed an agreement with {b} worth $1.{i} billion. {surname} said both countries \
                     would hold joint military exercises in July. Exports rose {}% last year.",
                    i % 28 + 1,
                    i % 40 + 2
                )
            })
            .collect();
        texts.push(texts[3].replace("last year", "this year"));
        texts.push(String::new());
        texts.push("زار الرئيس الجزائري عبد المجيد تبون روسيا في يونيو.".into());
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let docs = docs(&refs, None);
        let opts = Options::default();
        let want = analyse(&docs, &opts).unwrap();
        assert!(!want.events.is_empty() && !want.cooccurrence.is_empty());
        assert!(want.stories.iter().enumerate().any(|(i, &s)| s as usize != i), "a near-duplicate story");
        let encoded = encode_records(&records(&docs, &opts).unwrap());
        let decoded: Vec<DocRecord> = encoded.iter().map(|b| decode_record(b).unwrap()).collect();
        let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        assert!(decoded.iter().all(|r| !r.surfaces.contains("joint military")), "no text in records");
        let got = analyse(&decoded, &opts).unwrap();
        assert_eq!(got.linking, want.linking);
        assert_eq!(got.cooccurrence, want.cooccurrence);
        assert_eq!(got.cooccurrence_docs, want.cooccurrence_docs);
        assert_eq!(got.events, want.events);
        assert_eq!(got.stories, want.stories);
        assert!(decode_record(b"not a record").is_err());
        eprintln!("records: {} bytes for {text_bytes} bytes of text", encoded.iter().map(Vec::len).sum::<usize>());
    }

    #[test]
    fn process_catches_panics() {
        let r = guarded("doc-7", || -> usize { panic!("boom") });
        let e = r.unwrap_err().to_string();
        assert!(e.contains("doc-7") && e.contains("boom"), "{e}");
    }
}
