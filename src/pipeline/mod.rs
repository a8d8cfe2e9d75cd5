//! The pipeline: inputs to [`Document`]s, in parallel, in input order.
//!
//! Every input yields at least one document, failed or not. Work is spread over documents
//! with rayon; results are collected in input order, so the output is identical for any
//! number of threads. A panic while processing one document is caught and turned into that
//! document's error, so one bug does not cost a night's batch. WARC archives are streamed in
//! bounded chunks of records ([`ingest::warc::for_each_chunk`]), each chunk processed in
//! parallel, so an archive is never held in memory whole.
//!
//! Per-document limits (`max_bytes`, `max_line_chars`, `max_mentions`) bound the memory and
//! time one hostile input can take. Reaching one is that document's error: nothing is cut
//! short silently. A run can be cancelled between documents ([`run_cancellable`]).

use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::Deserialize;

use crate::clean::{self, CleanOptions, Rules};
use crate::corpus::{ChunkOutput, CorpusFold, CorpusOptions, Pass, StoryRow};
use crate::error::{DocError, Error, Result};
use crate::doc::{Document, Label};
use crate::extract::{self, ExtractOptions};
use crate::kb::{Kb, UserEntry};
use crate::features::stories::StoryOptions;
use crate::link::{LinkOptions, Linking};
use crate::ner::Model;
use crate::record::{DocRecord, DocView};
use crate::relate::{Cooccurrence, Event};
use crate::ingest::warc::{self, Skipped};
use crate::ingest::{self, Entry, Format, IngestOptions, RawDoc};
use crate::{lang, segment};

mod options;
mod resources;

pub use options::*;
pub use resources::*;

/// What a run read: the documents, in input order, and the records of archives that were
/// not documents.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub documents: Vec<Document>,
    /// Skipped WARC records (request, metadata, non-HTML responses, …), grouped per file.
    pub skipped: Vec<Skipped>,
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
    run_all(inputs, opts).map(|r| r.documents)
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
    run_all_cancellable(inputs, opts, cancel).map(|r| r.documents)
}

/// [`run`], also returning the skipped records of WARC archives.
///
/// ```
/// use newsframe::pipeline::{run_all, Input, Options};
/// use newsframe::ingest::RawDoc;
/// let html = RawDoc::text("row-1", "<title>T</title><p>Hello there.</p>".into());
/// let run = run_all(vec![Input::HtmlCell(html)], &Options::default()).unwrap();
/// assert_eq!(run.documents[0].title.as_deref(), Some("T"));
/// assert!(run.skipped.is_empty());
/// ```
pub fn run_all(inputs: Vec<Input>, opts: &Options) -> Result<Run> {
    run_all_cancellable(inputs, opts, &AtomicBool::new(false))
}

/// [`run_all`] with a cancellation flag, as [`run_cancellable`].
pub fn run_all_cancellable(inputs: Vec<Input>, opts: &Options, cancel: &AtomicBool) -> Result<Run> {
    install_panic_hook();
    let cancelled = || cancel.load(Ordering::Relaxed);
    // A bad label is the caller's mistake, not each file's: fail before reading anything.
    if let Some(label) = opts.ingest.encoding.as_deref() {
        if encoding_rs::Encoding::for_label(label.trim().as_bytes()).is_none() {
            return Err(Error::Config(format!("unknown encoding {label:?} (expected a label such as \"windows-1256\")")));
        }
    }
    let resources = Resources::new(opts)?;
    let ctx = Context::new(&resources, opts);
    let work = || -> Run {
        let mut out = Run::default();
        let mut batch = Vec::new();
        for input in inputs {
            match input {
                Input::File(path, Format::Warc) => {
                    out.documents.extend(process_batch(std::mem::take(&mut batch), &ctx, cancel));
                    let name = path.to_string_lossy().into_owned();
                    let docs = &mut out.documents;
                    let streamed = guarded(&name, || {
                        warc::for_each_chunk(&path, &opts.ingest, |raws| {
                            if !cancel.load(Ordering::Relaxed) {
                                docs.par_extend(raws.into_par_iter().map(|raw| process(raw, &ctx)));
                            }
                        })
                    });
                    match streamed {
                        Ok(skipped) => out.skipped.extend(skipped),
                        Err(e) => out.documents.push(Document { source: name, error: Some(e.to_string()), ..Document::default() }),
                    }
                }
                other => batch.push(other),
            }
        }
        out.documents.extend(process_batch(batch, &ctx, cancel));
        out
    };
    let docs = with_threads(opts.n_threads, work)?;
    if cancelled() {
        return Err(Error::Cancelled);
    }
    Ok(docs)
}

/// Reads and processes inputs held in memory or read whole, in parallel, in input order.
fn process_batch(inputs: Vec<Input>, ctx: &Context<'_>, cancel: &AtomicBool) -> Vec<Document> {
    let opts = ctx.opts;
    let cancelled = || cancel.load(Ordering::Relaxed);
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
                Input::Html { source, html, url } => {
                    let mode = opts.ingest.html;
                    vec![guarded(&source, || ingest::from_html(source.clone(), &html, url.as_deref(), mode))
                        .unwrap_or_else(|e| RawDoc::failed(source.clone(), e))]
                }
                Input::HtmlBytes { source, bytes, url } => {
                    let run = || ingest::from_bytes_at(source.clone(), &bytes, Format::Html, url.as_deref(), &opts.ingest);
                    vec![guarded(&source, run).unwrap_or_else(|e| RawDoc::failed(source.clone(), e))]
                }
                Input::HtmlCell(raw) => {
                    let source = raw.source.clone();
                    vec![guarded(&source, || ingest::from_html_string(raw, &opts.ingest))
                        .unwrap_or_else(|e| RawDoc::failed(source, e))]
                }
            };
            raws.into_par_iter().map(|raw| if cancelled() { Document::default() } else { process(raw, ctx) })
        })
        .collect()
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
    /// Rows of the stories table.
    pub story_rows: Vec<StoryRow>,
}

/// Links mentions to entities across the corpus, then computes co-occurrence, events and
/// stories. Deterministic: depends only on the documents and their order. `docs` are
/// [`Document`]s, or the [`DocRecord`]s of a streaming or distributed run, which give the
/// same result. This is [`CorpusFold`] over one chunk: a streaming run that feeds the same
/// documents batch by batch gets the same tables.
pub fn analyse<D: DocView>(docs: &[D], opts: &Options) -> Result<Analysis> {
    analyse_cancellable(docs, opts, &AtomicBool::new(false))
}

/// [`analyse`], stopping with [`Error::Cancelled`] between passes once `cancel` is set.
pub fn analyse_cancellable<D: DocView>(docs: &[D], opts: &Options, cancel: &AtomicBool) -> Result<Analysis> {
    with_threads(opts.n_threads, || analyse_here(docs, opts, cancel))?
}

/// [`analyse_cancellable`] on the current thread's pool.
fn analyse_here<D: DocView>(docs: &[D], opts: &Options, cancel: &AtomicBool) -> Result<Analysis> {
    let check = || if cancel.load(Ordering::Relaxed) { Err(Error::Cancelled) } else { Ok(()) };
    let mut fold = CorpusFold::new(&opts.corpus()?, None)?;
    // The documents are all in memory: the linker's kept nodes add little to them.
    fold.keep_link_nodes();
    let mut out = ChunkOutput::default();
    let mut story_rows = Vec::new();
    while fold.pass() != Pass::Done {
        check()?;
        let pass = fold.pass();
        if let Some(o) = fold.feed(0, docs)? {
            if pass == Pass::Stories {
                story_rows = o.stories;
            } else {
                out = o;
            }
        }
        fold.end_pass()?;
    }
    check()?;
    let (entities, cooccurrence, cooccurrence_docs, stories, late) = fold.into_parts();
    debug_assert!(late.is_empty(), "one chunk has no late story row");
    story_rows.extend(late);
    let mut links = out.links;
    links.resize(docs.len(), Vec::new());
    Ok(Analysis { linking: Linking { entities, links }, cooccurrence, cooccurrence_docs, events: out.events, stories, story_rows })
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

/// The records of `docs`, in order (in parallel).
pub fn records(docs: &[Document], opts: &Options) -> Result<Vec<DocRecord>> {
    let kb = opts.kb()?;
    with_threads(opts.n_threads, || docs.par_iter().map(|d| DocRecord::new(d, &kb, &opts.stories)).collect())
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

/// Processes in-memory texts (`None` stays `None`) in order, on the current rayon pool when
/// `parallel`, else on the calling thread.
pub fn process_texts(texts: &[Option<&str>], ctx: &Context<'_>, parallel: bool) -> Vec<Option<Document>> {
    let one = |t: &Option<&str>| t.map(|t| process(RawDoc::text(String::new(), t.to_string()), ctx));
    if parallel && texts.len() > 1 {
        texts.par_iter().map(one).collect()
    } else {
        texts.iter().map(one).collect()
    }
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
        author: raw.author,
        site: raw.site,
        canonical_url: raw.canonical_url,
        lang_hint: raw.lang_hint,
        boilerplate: raw.boilerplate,
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
    let blank_lines = raw.is_html && opts.ingest.html == ingest::HtmlMode::Article;
    let cleaned = clean::clean(&text, rules, CleanOptions { detect_title, blank_lines, tail: !blank_lines });
    drop(text);
    if doc.title.is_none() {
        doc.title = cleaned.title;
    }
    doc.boilerplate.extend(cleaned.boilerplate);
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
            } else if let Some(hint) = &doc.lang_hint {
                // Too little text to tell: the page's declaration is the best evidence.
                let primary = hint.split('-').next().unwrap_or("").to_ascii_lowercase();
                if primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase()) {
                    doc.lang = Some(primary);
                }
            }
        }
    }
    doc.sentences = segment::sentences(&doc.text);
    doc.n_words = segment::count_words(&doc.text);
    if opts.mentions {
        let doc_date = doc.pub_date.as_deref().and_then(iso_date_prefix).or(opts.pub_date.as_deref());
        // Each sentence is tagged by the model of its script: a mixed Arabic document's Latin
        // lines by the English model, an English document's Arabic lines by the Arabic one.
        let model = match ctx.models.for_lang(doc.lang.as_deref()) {
            Some(m) if m.lang() == "ar" => ctx.models.for_lang(Some("en")),
            m => m,
        };
        let arabic_model = ctx.models.for_lang(Some("ar"));
        doc.mentions =
            extract::mentions(&doc.text, &doc.sentences, ctx.kb, ExtractOptions { doc_date, model, arabic_model, include_misc: opts.include_misc });
        if !opts.include_misc {
            doc.mentions.retain(|m| m.label != Label::Misc);
        }
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
pub(crate) mod tests {
    use super::*;
    use crate::doc::OffsetBase;
    use crate::record::{decode_record, encode_records};

    fn docs(texts: &[&str], threads: Option<usize>) -> Vec<Document> {
        let inputs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Input::Doc(RawDoc::text(i.to_string(), t.to_string())))
            .collect();
        run(inputs, &Options { n_threads: threads, ..Options::default() }).unwrap()
    }

    #[test]
    fn an_unknown_encoding_label_is_a_config_error() {
        let with = |label: &str| Options {
            ingest: IngestOptions { encoding: Some(label.into()), ..IngestOptions::default() },
            ..Options::default()
        };
        let input = || vec![Input::Doc(RawDoc::text("a", "Hello there.".into()))];
        let err = run(input(), &with("bogus-8")).unwrap_err();
        assert!(matches!(err, Error::Config(ref m) if m.contains("bogus-8")), "{err}");
        assert!(run(input(), &with("windows-1256")).is_ok());
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
    fn process_texts_keeps_order_and_nulls() {
        let opts = Options::default();
        let res = Resources::shared(&opts).unwrap();
        let ctx = Context::new(&res, &opts);
        let owned: Vec<String> = (0..50).map(|i| format!("Talks {i} began in Algiers. Russia sent {i} envoys.")).collect();
        let mut texts: Vec<Option<&str>> = owned.iter().map(|t| Some(t.as_str())).collect();
        texts.insert(3, None);
        texts.insert(7, Some(""));
        let seq = process_texts(&texts, &ctx, false);
        let par = process_texts(&texts, &ctx, true);
        assert_eq!(seq, par);
        assert!(seq[3].is_none());
        assert!(seq[7].as_ref().unwrap().error.as_deref().unwrap().starts_with("[D001]"));
        assert_eq!(seq[0].as_ref().unwrap().text, owned[0]);
        assert_eq!(seq[10].as_ref().unwrap().text, owned[8]);
    }

    #[test]
    fn shared_resources_are_built_once_per_options() {
        let a = Resources::shared(&Options::default()).unwrap();
        let b = Resources::shared(&Options { lang: Some("ar".into()), ..Options::default() }).unwrap();
        let c = Resources::shared(&Options { boilerplate: false, ..Options::default() }).unwrap();
        assert!(std::sync::Arc::ptr_eq(&a, &b), "lang does not change the resources");
        assert!(!std::sync::Arc::ptr_eq(&a, &c));
        let err = Resources::shared(&Options { model: Some("/no/such/model.json.gz".into()), ..Options::default() });
        assert!(matches!(err, Err(Error::NotFound(_))));
    }

    #[test]
    fn char_spans_index_the_clean_text_or_the_input() {
        // A boilerplate line, doubled spaces and non-ASCII letters move clean offsets away
        // from input offsets.
        let input = "[ad_1]\nAlgérie  et Russie\nThe  Algerian army met Russia’s envoy in  Algiers on Monday.";
        let opts = Options::default();
        let res = Resources::shared(&opts).unwrap();
        let doc = process(RawDoc::text("x", input.to_string()), &Context::new(&res, &opts));
        assert!(!doc.mentions.is_empty());
        let ranges = || doc.mentions.iter().map(|m| m.start..m.end);
        let clean: Vec<char> = doc.text.chars().collect();
        let raw: Vec<char> = input.chars().collect();
        let squash = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut moved = false;
        for ((m, c), r) in doc.mentions.iter().zip(doc.char_spans(ranges(), OffsetBase::Clean)).zip(doc.char_spans(ranges(), OffsetBase::Input)) {
            let want = &doc.text[m.start..m.end];
            assert_eq!(clean[c.0 as usize..c.1 as usize].iter().collect::<String>(), want);
            assert_eq!(squash(raw[r.0 as usize..r.1 as usize].iter().collect()), want);
            moved |= c != r;
        }
        assert!(moved, "the test text should shift offsets");
    }

    #[test]
    fn pools_are_kept_per_thread_count() {
        // Reusing a pool is what keeps the per-thread caches warm from one run to the next.
        let (a, b, c) = (pool(2).unwrap(), pool(2).unwrap(), pool(3).unwrap());
        assert!(std::sync::Arc::ptr_eq(&a, &b));
        assert!(!std::sync::Arc::ptr_eq(&a, &c));
        assert_eq!((a.current_num_threads(), c.current_num_threads()), (2, 3));
        assert_eq!(pool(0).unwrap().current_num_threads(), 1);
    }

    #[test]
    fn warc_inputs_stream_in_order_between_other_inputs() {
        use std::io::Write;
        let dir = std::env::temp_dir().join(format!("newsframe-pipeline-warc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut gz = Vec::new();
        let n = warc::CHUNK_RECORDS + 30;
        for i in 0..n {
            let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>Page {i}</title><p>The army met on Monday. Talks went on for {i} days.</p>");
            let rec = format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/{i}\r\nWARC-Record-ID: <urn:uuid:{i}>\r\n\
                 Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n\
                 WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 2\r\n\r\nok\r\n\r\n",
                http.len()
            );
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(rec.as_bytes()).unwrap();
            gz.extend(enc.finish().unwrap());
        }
        let path = dir.join("crawl.warc.gz");
        std::fs::write(&path, gz).unwrap();
        let inputs = || {
            vec![
                Input::Doc(RawDoc::text("before", "First text.".into())),
                Input::File(path.clone(), Format::Warc),
                Input::HtmlCell(RawDoc::text("after", "<title>Cell</title><p>Last text.</p>".into())),
            ]
        };
        let one = run_all(inputs(), &Options { n_threads: Some(1), ..Options::default() }).unwrap();
        let two = run_all(inputs(), &Options { n_threads: Some(2), ..Options::default() }).unwrap();
        assert_eq!(one.documents, two.documents);
        let d = &one.documents;
        assert_eq!(d.len(), n + 2);
        assert_eq!((d[0].source.as_str(), d[n + 1].source.as_str()), ("before", "after"));
        assert_eq!(d[n + 1].title.as_deref(), Some("Cell"));
        for i in 0..n {
            assert_eq!(d[i + 1].source, format!("https://x.example/{i} <urn:uuid:{i}>"));
            assert_eq!(d[i + 1].title.as_deref(), Some(format!("Page {i}").as_str()));
            assert_eq!(d[i + 1].sentences.len(), 2);
        }
        assert_eq!(one.skipped.len(), 1);
        assert_eq!((one.skipped[0].record_type.as_str(), one.skipped[0].count), ("metadata", n as u64));
    }

    /// `n` short invented news texts with countries, people (one spelled two ways), dates,
    /// money, percents and event triggers: input for the corpus-level tests.
    pub(crate) fn news_texts(n: usize) -> Vec<String> {
        let countries = ["Algeria", "Russia", "France", "Egypt", "China", "Morocco"];
        let people = ["Dorin Velasko", "Mira Quillan", "Tamsin Kerrowby", "Tamsin Kerowby", "Halvard Quenneville"];
        (0..n)
            .map(|i| {
                let (a, b) = (countries[i % 6], countries[(i * 5 + 1) % 6]);
                let p = people[i % 5];
                let surname = p.split(' ').nth(1).unwrap();
                format!(
                    "{a} and {b} in talks\n{p}, the defence minister of {a}, visited {b} on {} June 2024. \
                     {a} signed an agreement with {b} worth $1.{i} billion. {surname} said both countries \
                     would hold joint military exercises in July. Exports rose {}% last year.",
                    i % 28 + 1,
                    i % 40 + 2
                )
            })
            .collect()
    }

    #[test]
    fn records_give_the_same_analysis_as_documents() {
        let mut texts = news_texts(120);
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
        install_panic_hook();
        let r = guarded("doc-7", || -> usize { panic!("boom") });
        let e = r.unwrap_err().to_string();
        assert!(e.starts_with("[D099]") && e.contains("doc-7") && e.contains("boom"), "{e}");
        assert!(e.contains("src/pipeline/mod.rs:"), "location recorded: {e}");
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
