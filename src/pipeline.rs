//! The pipeline: inputs to [`Document`]s, in parallel, in input order.
//!
//! Every input yields at least one document, failed or not. Work is spread over documents
//! with rayon; results are collected in input order, so the output is identical for any
//! number of threads. A panic while processing one document is caught and turned into that
//! document's error, so one bug does not cost a night's batch.
//!
//! Per-document limits (`max_bytes`, `max_line_chars`, `max_mentions`) bound the memory and
//! time one hostile input can take. Reaching one is that document's error: nothing is cut
//! short silently. A run can be cancelled between documents ([`run_cancellable`]).

use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::Deserialize;

use crate::clean::{self, Alignment, CleanOptions, Rules};
use crate::error::{DocError, Error, Result};
use crate::extract::{self, ExtractOptions, Mention};
use crate::kb::{Kb, UserEntry};
use crate::dedup::StoryOptions;
use crate::link::{LinkOptions, Linking};
use crate::ner::Model;
use crate::relate::{Cooccurrence, Event, Level};
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
    /// Longest line read, in characters (`None`: no limit). A longer line makes the document
    /// an error row ([`DocError::LineTooLong`]) instead of feeding one giant paragraph to the
    /// per-line and per-sentence stages.
    pub max_line_chars: Option<u64>,
    /// Most mentions kept for one document (`None`: no limit). Past it the document keeps
    /// its text and sentences, gets no mentions and an error ([`DocError::TooManyMentions`]).
    pub max_mentions: Option<u64>,
    /// Test hook: panic while processing every document whose source contains this string,
    /// to exercise the panic handling end to end (also in release builds; opt-in).
    #[doc(hidden)]
    #[serde(rename = "_panic_on")]
    pub panic_on: Option<String>,
}

/// Default of [`Options::max_line_chars`]: 1 MiB characters, far above any paragraph.
pub const DEFAULT_MAX_LINE_CHARS: u64 = 1 << 20;
/// Default of [`Options::max_mentions`].
pub const DEFAULT_MAX_MENTIONS: u64 = 100_000;

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
            max_line_chars: Some(DEFAULT_MAX_LINE_CHARS),
            max_mentions: Some(DEFAULT_MAX_MENTIONS),
            panic_on: None,
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
    run_cancellable(inputs, opts, &AtomicBool::new(false))
}

/// [`run`], stopping early with [`Error::Cancelled`] once `cancel` is set. The flag is
/// checked before each document, so a run stops within one document's time per thread.
///
/// ```
/// use std::sync::atomic::AtomicBool;
/// use newsframe::{error::Error, ingest::RawDoc};
/// use newsframe::pipeline::{run_cancellable, Input, Options};
/// let inputs = vec![Input::Doc(RawDoc::text("a", "Hello.".into()))];
/// let r = run_cancellable(inputs, &Options::default(), &AtomicBool::new(true));
/// assert!(matches!(r, Err(Error::Cancelled)));
/// ```
pub fn run_cancellable(inputs: Vec<Input>, opts: &Options, cancel: &AtomicBool) -> Result<Vec<Document>> {
    install_panic_hook();
    let rules = opts.rules()?;
    let kb = opts.kb()?;
    let models = if opts.mentions { opts.models()? } else { Models::default() };
    let ctx = Context { rules: &rules, kb: &kb, models: &models, opts };
    let cancelled = || cancel.load(Ordering::Relaxed);
    let work = || -> Vec<Document> {
        inputs
            .into_par_iter()
            .flat_map(|input| {
                let raws = match input {
                    // The result is thrown away; skipping the work is what makes Ctrl-C prompt.
                    _ if cancelled() => Vec::new(),
                    Input::File(path, format) => guarded(&path.to_string_lossy(), || {
                        ingest::load(&path, format, &opts.ingest)
                    })
                    .unwrap_or_else(|e| vec![RawDoc::failed(path.to_string_lossy(), e)]),
                    Input::Doc(raw) => vec![raw],
                };
                raws.into_par_iter()
                    .map(|raw| if cancelled() { Document::default() } else { process(raw, &ctx) })
            })
            .collect()
    };
    let docs = match opts.n_threads {
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build()
                .map_err(|e| Error::Config(format!("cannot start {n} threads: {e}")))?;
            pool.install(work)
        }
        None => work(),
    };
    if cancelled() {
        return Err(Error::Cancelled);
    }
    Ok(docs)
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
/// stories. Deterministic: depends only on the documents and their order.
pub fn analyse(docs: &[Document], opts: &Options) -> Result<Analysis> {
    analyse_cancellable(docs, opts, &AtomicBool::new(false))
}

/// [`analyse`], stopping with [`Error::Cancelled`] between stages once `cancel` is set.
pub fn analyse_cancellable(docs: &[Document], opts: &Options, cancel: &AtomicBool) -> Result<Analysis> {
    if !opts.analytics || !opts.mentions {
        return Ok(Analysis { stories: (0..docs.len() as u32).collect(), ..Analysis::default() });
    }
    let check = || if cancel.load(Ordering::Relaxed) { Err(Error::Cancelled) } else { Ok(()) };
    let kb = opts.kb()?;
    check()?;
    let linking = crate::link::link(docs, &kb, &opts.link);
    check()?;
    let cooccurrence = crate::relate::cooccurrence(docs, &linking, Level::Sentence);
    let cooccurrence_docs = crate::relate::cooccurrence(docs, &linking, Level::Document);
    check()?;
    let events = crate::relate::events(docs, &linking, &kb);
    check()?;
    let stories = crate::dedup::stories(docs, &linking, &opts.stories);
    check()?;
    Ok(Analysis { linking, cooccurrence, cooccurrence_docs, events, stories })
}

thread_local! {
    /// How many [`guarded`] calls are running on this thread (rayon may nest them when a
    /// waiting worker steals another document's job).
    static GUARD_DEPTH: Cell<usize> = const { Cell::new(0) };
    /// Where the last guarded panic on this thread happened, left by the panic hook.
    static PANIC_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs, once per process, a panic hook that stays quiet for panics inside [`guarded`]
/// and records their location instead: those panics are reported in the document's `error`
/// cell, and a bug that hits every document of a million-file run must not print a million
/// messages to stderr. Other panics go to the previous hook as before.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARD_DEPTH.with(Cell::get) > 0 {
                let at = info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                PANIC_AT.with(|p| *p.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic into a document error naming `source`.
fn guarded<T>(source: &str, f: impl FnOnce() -> T) -> std::result::Result<T, DocError> {
    GUARD_DEPTH.with(|d| d.set(d.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARD_DEPTH.with(|d| d.set(d.get() - 1));
    result.map_err(|panic| {
        let msg = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let at = PANIC_AT.with(|p| p.borrow_mut().take()).map(|a| format!(" at {a}")).unwrap_or_default();
        DocError::Internal(format!("panic while processing {source}{at}: {msg}"))
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
    if opts.panic_on.as_deref().is_some_and(|p| doc.source.contains(p)) {
        panic!("injected panic (test hook _panic_on)");
    }
    let text = match raw.text {
        Ok(t) => t,
        Err(e) => {
            doc.error = Some(e.to_string());
            return doc;
        }
    };
    // Files were measured while reading; in-memory texts and records are measured here.
    if text.len() as u64 > opts.ingest.max_bytes {
        doc.error = Some(DocError::TooLarge { limit: opts.ingest.max_bytes }.to_string());
        return doc;
    }
    if text.trim().is_empty() {
        doc.error = Some(DocError::Empty.to_string());
        return doc;
    }
    if let Some(limit) = opts.max_line_chars {
        if let Some((line, chars)) = longest_line_over(&text, limit) {
            doc.error = Some(DocError::LineTooLong { limit, line, chars }.to_string());
            return doc;
        }
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
        if let Some(limit) = opts.max_mentions {
            if doc.mentions.len() as u64 > limit {
                let found = doc.mentions.len();
                doc.mentions = Vec::new();
                doc.error = Some(DocError::TooManyMentions { limit, found }.to_string());
            }
        }
    }
    doc
}

/// The first line (1-based number, length in characters) of `text` longer than `limit`
/// characters, if any. Lines end at `\n` or `\r`, as in the cleaner.
fn longest_line_over(text: &str, limit: u64) -> Option<(usize, usize)> {
    text.split(['\n', '\r']).enumerate().find_map(|(i, line)| {
        // A line of at most `limit` bytes has at most `limit` characters: count only the rest.
        if line.len() as u64 <= limit {
            return None;
        }
        let chars = line.chars().count();
        (chars as u64 > limit).then_some((i + 1, chars))
    })
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
    fn process_catches_panics() {
        install_panic_hook();
        let r = guarded("doc-7", || -> usize { panic!("boom") });
        let e = r.unwrap_err().to_string();
        assert!(e.starts_with("[D099]") && e.contains("doc-7") && e.contains("boom"), "{e}");
        assert!(e.contains("src/pipeline.rs:"), "location recorded: {e}");
        // The next panic must not inherit this one's location.
        assert!(PANIC_AT.with(|p| p.borrow().is_none()));
    }

    #[test]
    fn run_keeps_other_documents_when_one_panics() {
        let inputs = (0..50)
            .map(|i| Input::Doc(RawDoc::text(format!("doc-{i}"), format!("Story {i}. Algeria and Russia met."))))
            .collect();
        let opts = Options { panic_on: Some("doc-17".into()), n_threads: Some(2), ..Options::default() };
        let docs = run(inputs, &opts).unwrap();
        assert_eq!(docs.len(), 50);
        for (i, d) in docs.iter().enumerate() {
            assert_eq!(d.source, format!("doc-{i}"));
            if i == 17 {
                let e = d.error.as_deref().unwrap();
                assert!(e.starts_with("[D099]") && e.contains("doc-17") && e.contains("injected"), "{e}");
            } else {
                assert_eq!(d.error, None);
                assert_eq!(d.sentences.len(), 2);
            }
        }
    }

    #[test]
    fn run_cancelled_stops() {
        let inputs = (0..10).map(|i| Input::Doc(RawDoc::text(i.to_string(), "A b.".into()))).collect();
        let r = run_cancellable(inputs, &Options::default(), &AtomicBool::new(true));
        assert!(matches!(r, Err(Error::Cancelled)));
        let r = analyse_cancellable(&docs(&["Algeria and Russia."], None), &Options::default(), &AtomicBool::new(true));
        assert!(matches!(r, Err(Error::Cancelled)));
    }

    #[test]
    fn limits_are_errors_not_truncation() {
        let long = format!("Title here\nShort line.\n{}\nEnd.", "é".repeat(300));
        let opts = Options { max_line_chars: Some(200), ..Options::default() };
        let d = &run(vec![Input::Doc(RawDoc::text("a", long.clone()))], &opts).unwrap()[0];
        let e = d.error.as_deref().unwrap();
        assert!(e.starts_with("[D011]") && e.contains("line 3 has 300 characters"), "{e}");
        assert!(d.text.is_empty() && d.sentences.is_empty());
        // 300 two-byte characters are 600 bytes: the limit counts characters.
        let opts = Options { max_line_chars: Some(300), ..Options::default() };
        assert_eq!(run(vec![Input::Doc(RawDoc::text("a", long.clone()))], &opts).unwrap()[0].error, None);

        let many = "Algeria, Russia, France and Egypt met.\n".repeat(10);
        let opts = Options { max_mentions: Some(39), ..Options::default() };
        let d = &run(vec![Input::Doc(RawDoc::text("m", many.clone()))], &opts).unwrap()[0];
        let e = d.error.as_deref().unwrap();
        assert!(e.starts_with("[D012]") && e.contains("40 mentions"), "{e}");
        assert!(d.mentions.is_empty() && d.sentences.len() == 10 && !d.text.is_empty());
        let opts = Options { max_mentions: Some(40), ..Options::default() };
        let d = &run(vec![Input::Doc(RawDoc::text("m", many))], &opts).unwrap()[0];
        assert_eq!((d.error.as_deref(), d.mentions.len()), (None, 40));

        let opts = Options { ingest: IngestOptions { max_bytes: 10, ..Default::default() }, ..Options::default() };
        let d = &run(vec![Input::Doc(RawDoc::text("b", "more than ten bytes".into()))], &opts).unwrap()[0];
        assert!(d.error.as_deref().unwrap().starts_with("[D004]"));
    }
}
