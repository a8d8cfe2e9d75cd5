//! The PyO3 layer: conversions and error mapping only; the logic lives in the core.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3_polars::{PyDataFrame, PySeries};

use crate::error::Error;
use crate::ingest::{self, RawDoc};
use crate::pipeline::{self, Input, Options};
use crate::record::{self, DocRecord};
use crate::{clean, frame};

/// Rust allocations go to the allocator of the Polars package (jemalloc on Linux), as
/// pyo3-polars recommends for plugins: frames built here are freed by Polars, and a
/// long streaming run returns freed memory to the system instead of keeping the
/// fragmented arenas of the C allocator (peak RSS of `bench/scale.py`).
#[global_allocator]
static ALLOC: pyo3_polars::PolarsAllocator = pyo3_polars::PolarsAllocator::new();

mod plugin;

pyo3::create_exception!(_newsframe, NewsframeError, PyException, "Root of every newsframe error.");

/// Maps a core error to the Python exception hierarchy defined in `newsframe.exceptions`.
fn to_py(py: Python<'_>, err: Error) -> PyErr {
    let class = match &err {
        Error::NotFound(_) => "PathNotFoundError",
        Error::BadGlob { .. } | Error::Config(_) | Error::BadRule { .. } => "ConfigError",
        // Only raised after a signal, whose own exception (KeyboardInterrupt) wins.
        Error::Cancelled => "NewsframeError",
    };
    let message = err.to_string();
    let made = (|| -> PyResult<PyErr> {
        let module = py.import("newsframe.exceptions")?;
        let cls = module.getattr(class)?;
        let value = match &err {
            Error::NotFound(p) => cls.call1((2, message.clone(), p.to_string_lossy().into_owned()))?,
            _ => cls.call1((message.clone(),))?,
        };
        Ok(PyErr::from_value(value))
    })();
    made.unwrap_or_else(|_| NewsframeError::new_err(message))
}

/// How often a running call looks for Ctrl-C.
const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// Runs `f` without the GIL, turning core errors and panics into Python exceptions. Every
/// long call goes through here.
///
/// Python runs signal handlers only on its own thread, and only when that thread asks, so
/// `f` runs on a worker thread while the calling thread waits for it, waking every
/// [`SIGNAL_POLL`] to run the handlers. On KeyboardInterrupt (or any exception a handler
/// raises) it sets the flag `f` is given, waits for `f` to notice and returns that exception.
fn enter<T: Send>(py: Python<'_>, f: impl FnOnce(&AtomicBool) -> Result<T, Error> + Send) -> PyResult<T> {
    let cancel = AtomicBool::new(false);
    let (result, interrupt) = py.detach(|| {
        std::thread::scope(|scope| {
            let (done, finished) = mpsc::channel::<()>();
            let cancel = &cancel;
            let worker = std::thread::Builder::new()
                .name("newsframe".into())
                // The main thread's usual stack: some stages recurse over the text.
                .stack_size(8 << 20)
                .spawn_scoped(scope, move || {
                    let r = catch_unwind(AssertUnwindSafe(|| f(cancel)));
                    let _ = done.send(());
                    r
                });
            let worker = match worker {
                Ok(w) => w,
                Err(e) => return (Ok(Err(Error::Config(format!("cannot start a thread: {e}")))), None),
            };
            let mut interrupt: Option<PyErr> = None;
            while let Err(mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(SIGNAL_POLL) {
                if interrupt.is_none() {
                    if let Err(e) = Python::attach(|py| py.check_signals()) {
                        cancel.store(true, Ordering::Relaxed);
                        interrupt = Some(e);
                    }
                }
            }
            // The worker caught its own panics; a join error cannot carry a result.
            let result = worker.join().unwrap_or_else(Err);
            (result, interrupt)
        })
    });
    if let Some(e) = interrupt {
        return Err(e);
    }
    py.check_signals()?;
    match result {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(to_py(py, e)),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let internal = py
                .import("newsframe.exceptions")
                .and_then(|m| m.getattr("InternalError"))
                .and_then(|c| c.call1((format!("[E099] internal error (please report): {msg}"),)));
            Err(match internal {
                Ok(v) => PyErr::from_value(v),
                Err(_) => NewsframeError::new_err(msg),
            })
        }
    }
}

fn parse_options(json: &str) -> Result<Options, Error> {
    serde_json::from_str(json).map_err(|e| Error::Config(e.to_string()))
}

/// Expands paths into `(path, kind, error)` triples: kind is text, html, jsonl, table or warc;
/// error is set for files that could not be listed. Also returns the skipped files.
/// Paths go to Python as `os.fsdecode` would make them, so a file name that is not UTF-8
/// survives the round trip (as surrogate escapes) and can still be opened.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn expand_paths(
    py: Python<'_>,
    paths: Vec<String>,
) -> PyResult<(Vec<(PathBuf, String, Option<String>)>, Vec<String>)> {
    let expanded = enter(py, |_| ingest::expand(&paths))?;
    let entries = expanded
        .entries
        .into_iter()
        .map(|e| match e {
            ingest::Entry::File(p, f) => (p, f.name().to_string(), None),
            ingest::Entry::Failed(p, err) => (p, "error".to_string(), Some(err.to_string())),
        })
        .collect();
    let skipped = expanded.skipped.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    Ok((entries, skipped))
}

/// One input handed over from Python: a file to read, or a document in memory.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct PyInput {
    kind: String,
    source: String,
    /// The file to read, when it is one (`source` is its printable form).
    path: Option<PathBuf>,
    text: Option<String>,
    title: Option<String>,
    url: Option<String>,
    date: Option<String>,
    error: Option<String>,
    /// Undecoded bytes of an in-memory HTML page.
    data: Option<pyo3::pybacked::PyBackedBytes>,
}

fn to_inputs(inputs: Vec<PyInput>, options: &str) -> Result<Vec<Input>, Error> {
    let ingest = parse_options(options)?.ingest;
    Ok(inputs
        .into_iter()
        .map(|i| match (i.kind.as_str(), i.error) {
            (_, Some(err)) => Input::Doc(RawDoc::failed(i.source, external_error(&err))),
            ("record", None) => Input::Doc(ingest::record(i.source, i.data.as_deref().unwrap_or_default(), &ingest)),
            ("text", None) if i.text.is_none() => Input::File(i.path.unwrap_or(i.source.into()), ingest::Format::Text),
            ("html", None) if i.data.is_some() => Input::HtmlBytes { source: i.source, bytes: i.data.map(|d| d.to_vec()).unwrap_or_default(), url: i.url },
            ("html", None) if i.text.is_some() => Input::Html { source: i.source, html: i.text.unwrap_or_default(), url: i.url },
            ("html", None) => Input::File(i.path.unwrap_or(i.source.into()), ingest::Format::Html),
            ("jsonl", None) => Input::File(i.path.unwrap_or(i.source.into()), ingest::Format::Jsonl),
            ("warc", None) => Input::File(i.path.unwrap_or(i.source.into()), ingest::Format::Warc),
            // A table cell holding HTML.
            ("html_cell", None) => Input::HtmlCell(RawDoc {
                title: i.title,
                url: i.url,
                date: i.date,
                ..RawDoc::text(i.source, i.text.unwrap_or_default())
            }),
            (_, None) => Input::Doc(RawDoc {
                title: i.title,
                url: i.url,
                date: i.date,
                ..RawDoc::text(i.source, i.text.unwrap_or_default())
            }),
        })
        .collect())
}

fn frame_err(e: polars::error::PolarsError) -> Error {
    Error::Config(format!("building tables: {e}"))
}

/// Runs the pipeline and returns its tables by name, in pipeline order.
#[pyfunction]
fn process(py: Python<'_>, inputs: Vec<PyInput>, options: &str) -> PyResult<Vec<(String, PyDataFrame)>> {
    let tables = enter(py, |cancel| {
        let inputs = to_inputs(inputs, options)?;
        let opts = parse_options(options)?;
        let pipeline::Run { documents: docs, skipped } = pipeline::run_all_cancellable(inputs, &opts, cancel)?;
        let analysis = pipeline::analyse_cancellable(&docs, &opts, cancel)?;
        pipeline::with_threads(opts.n_threads, || frame::run_tables(&docs, &analysis, &skipped))?.map_err(frame_err)
    })?;
    Ok(tables.into_iter().map(|(n, df)| (n.to_string(), PyDataFrame(df))).collect())
}

/// The first stage of a streaming or distributed run, over one batch: the per-document
/// tables (documents without `story_id`, sentences, mentions without `entity_id` and
/// `evidence`; `doc_id` from 0) and a one-column table `record` with each document's
/// compact record for [`CorpusStage`].
#[pyfunction]
fn process_batch(py: Python<'_>, inputs: Vec<PyInput>, options: &str) -> PyResult<Vec<(String, PyDataFrame)>> {
    let tables = enter(py, |cancel| {
        let inputs = to_inputs(inputs, options)?;
        let opts = parse_options(options)?;
        let docs = pipeline::run_cancellable(inputs, &opts, cancel)?;
        let records = if opts.analytics && opts.mentions {
            pipeline::records(&docs, &opts)?
        } else {
            docs.iter().map(DocRecord::light).collect()
        };
        let encoded = pipeline::with_threads(opts.n_threads, || record::encode_records(&records))?;
        drop(records);
        // One table after the other, unlike `process`: built at once, a batch's tables
        // raised the streaming run's peak (`bench/scale.py --gb 0.05 --threads 2`: 233 and
        // 237 MB, against 227 and 233 MB), which must not grow.
        let record = frame::records(&encoded).map_err(frame_err)?;
        Ok(vec![
            ("documents", frame::documents(&docs, &[]).map_err(frame_err)?),
            ("sentences", frame::sentences(&docs).map_err(frame_err)?),
            ("mentions", frame::mentions(&docs, &Default::default()).map_err(frame_err)?),
            ("records", record),
        ])
    })?;
    Ok(tables.into_iter().map(|(n, df)| (n.to_string(), PyDataFrame(df))).collect())
}

/// The second stage, the corpus-level analysis, as a fold over the records of a corpus
/// (see `corpus::CorpusFold`): the caller feeds every batch of records, in order, once per
/// pass, and writes out what the output pass returns.
#[pyclass(frozen, module = "newsframe._newsframe")]
struct CorpusStage {
    fold: std::sync::Mutex<crate::corpus::CorpusFold>,
    /// The run's `n_threads`: every feed runs on that pool (`pipeline::with_threads`).
    n_threads: Option<usize>,
}

impl CorpusStage {
    fn fold(&self) -> std::sync::MutexGuard<'_, crate::corpus::CorpusFold> {
        self.fold.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[pymethods]
impl CorpusStage {
    /// A stage for the options of a run; spill files go to a new directory inside `spill_dir`
    /// (the system's temporary directory when `None`), removed at the end.
    #[new]
    #[pyo3(signature = (options, spill_dir=None))]
    fn new(options: &str, spill_dir: Option<std::path::PathBuf>) -> PyResult<CorpusStage> {
        Python::attach(|py| {
            let opts = parse_options(options).map_err(|e| to_py(py, e))?;
            let fold = crate::corpus::CorpusFold::new(&opts.corpus().map_err(|e| to_py(py, e))?, spill_dir.as_deref())
                .map_err(|e| to_py(py, e))?;
            Ok(CorpusStage { fold: std::sync::Mutex::new(fold), n_threads: opts.n_threads })
        })
    }

    /// The current pass ("collect", "context", "aggregate", "output", "stories"), or None
    /// when done.
    fn current_pass(&self) -> Option<&'static str> {
        let p = self.fold().pass();
        (p != crate::corpus::Pass::Done).then(|| p.as_str())
    }

    /// Feeds the records (a binary Series) of documents `first_doc..`. The output pass
    /// returns `links` (doc_id, entity_id, evidence of each mention) and `events`; the
    /// stories pass returns `stories`, the rows of the stories whose first document is among
    /// them (but for the late ones, see `tables`).
    fn feed(&self, py: Python<'_>, records: PySeries, first_doc: u32) -> PyResult<Vec<(String, PyDataFrame)>> {
        let series = records.0;
        let tables = enter(py, |_| pipeline::with_threads(self.n_threads, || {
            let b = series.binary().map_err(|e| Error::Config(format!("records must be binary: {e}")))?;
            let bufs: Vec<&[u8]> = b.downcast_iter().flat_map(|a| a.iter()).map(|x| x.unwrap_or_default()).collect();
            use rayon::prelude::*;
            let docs: Vec<DocRecord> = bufs.par_iter().map(|b| record::decode_record(b)).collect::<Result<_, _>>()?;
            let mut fold = self.fold();
            let mut tables = Vec::new();
            let pass = fold.pass();
            if let Some(out) = fold.feed(first_doc, &docs)? {
                if pass == crate::corpus::Pass::Stories {
                    tables.push(("stories", frame::story_table(&out.stories).map_err(frame_err)?));
                } else {
                    tables.push(("links", frame::chunk_links(first_doc, &out.links, fold.entities()).map_err(frame_err)?));
                    tables.push(("events", frame::events_of(first_doc, &docs, &out.events, fold.entities()).map_err(frame_err)?));
                }
            }
            Ok(tables)
        })?)?;
        Ok(tables.into_iter().map(|(n, df)| (n.to_string(), PyDataFrame(df))).collect())
    }

    /// Ends the current pass.
    fn end_pass(&self, py: Python<'_>) -> PyResult<()> {
        enter(py, |_| self.fold().end_pass())
    }

    /// The corpus tables known at the end: entities, cooccurrence, and `stories` with the
    /// rows the stories pass did not return with their first document's batch (a story
    /// whose title comes from a later batch), by story id; and `events` and `links` without
    /// rows (their schemas, for a corpus of no batch).
    fn tables(&self, py: Python<'_>) -> PyResult<Vec<(String, PyDataFrame)>> {
        let tables = enter(py, |_| {
            let fold = self.fold();
            let (sentence, document) = fold.cooccurrence();
            let linking = crate::link::Linking { entities: fold.entities().to_vec(), links: Vec::new() };
            let a = pipeline::Analysis { linking, cooccurrence: sentence.to_vec(), cooccurrence_docs: document.to_vec(), ..Default::default() };
            Ok(vec![
                ("entities", frame::entities(&a.linking).map_err(frame_err)?),
                ("cooccurrence", frame::cooccurrence(&a).map_err(frame_err)?),
                ("stories", frame::story_table(fold.late_story_rows()).map_err(frame_err)?),
                ("events", frame::events_of::<DocRecord>(0, &[], &[], &[]).map_err(frame_err)?),
                ("links", frame::chunk_links(0, &[], &[]).map_err(frame_err)?),
            ])
        })?;
        Ok(tables.into_iter().map(|(n, df)| (n.to_string(), PyDataFrame(df))).collect())
    }

    /// Story ids of documents `start..end`.
    fn story_ids(&self, start: usize, end: usize) -> Vec<u32> {
        let fold = self.fold();
        let s = fold.stories();
        s.get(start.min(s.len())..end.min(s.len())).unwrap_or(&[]).to_vec()
    }

    fn __len__(&self) -> usize {
        self.fold().n_docs() as usize
    }
}

/// An error from the Python side: already rendered with its code, or a table reader's
/// message that gets the table code.
fn external_error(message: &str) -> crate::error::DocError {
    if message.starts_with("[D") {
        crate::error::DocError::Rendered(message.to_string())
    } else {
        crate::error::DocError::Table(message.to_string())
    }
}

/// Trains a NER model on CoNLL-format text and writes it to `out`; returns the exact-span
/// scores on the evaluation set as `(label, precision, recall, f1)` rows.
#[pyfunction]
#[pyo3(signature = (lang, train_text, out, eval_text=None, holdout=None, doc_size=None, epochs=15, seed=1, progress=None, dev_frac=None, clusters=true, version=None, external_clusters=None, gazetteer=None, kb_snapshot=None, members=1, dict_share=0.9))]
#[allow(clippy::too_many_arguments)]
fn train_ner(
    py: Python<'_>,
    lang: String,
    train_text: String,
    out: String,
    eval_text: Option<String>,
    holdout: Option<f64>,
    doc_size: Option<usize>,
    epochs: usize,
    seed: u64,
    progress: Option<Py<PyAny>>,
    dev_frac: Option<f64>,
    clusters: bool,
    version: Option<String>,
    external_clusters: Option<String>,
    gazetteer: Option<String>,
    kb_snapshot: Option<String>,
    members: usize,
    dict_share: f64,
) -> PyResult<Vec<(String, f64, f64, f64)>> {
    use crate::ner::{train_conll, Evaluation, TrainOptions};
    let eval = match (eval_text, holdout, dev_frac) {
        (Some(t), _, _) => Evaluation::File(t),
        (None, Some(holdout), Some(dev)) => Evaluation::HoldoutDev { holdout, dev },
        (None, Some(f), None) => Evaluation::Holdout(f),
        (None, None, _) => Evaluation::None,
    };
    let mut opts = TrainOptions { lang, epochs, seed, members, dict_share, ..TrainOptions::default() };
    if !clusters {
        opts.clusters = None;
    }
    if let Some(v) = version {
        opts.version = v;
    }
    if let Some(path) = external_clusters {
        opts.external_clusters =
            Some(crate::ner::clusters::External::read(&path).map_err(|e| to_py(py, Error::Config(e)))?);
    }
    if let Some(path) = gazetteer {
        let bytes = std::fs::read(&path).map_err(|e| to_py(py, Error::Config(format!("{path}: {e}"))))?;
        opts.gazetteer =
            Some(crate::ner::gazetteer::Gazetteer::read_tsv(&bytes).map_err(|e| to_py(py, Error::Config(e)))?);
    }
    if let Some(path) = kb_snapshot {
        let bytes = std::fs::read(&path).map_err(|e| to_py(py, Error::Config(format!("{path}: {e}"))))?;
        opts.kb_snapshot =
            Some(crate::ner::kb_snapshot::KbSnapshot::read_tsv(&bytes).map_err(|e| to_py(py, Error::Config(e)))?);
    }
    let trained = enter(py, |_| {
        let mut on_epoch = |epoch: usize| {
            if let Some(cb) = &progress {
                Python::attach(|py| {
                    let _ = cb.call1(py, (epoch, epochs));
                });
            }
        };
        let trained = train_conll(&train_text, eval, doc_size, &opts, &mut on_epoch)?;
        std::fs::write(&out, trained.model.save()).map_err(|e| Error::Config(format!("cannot write {out}: {e}")))?;
        Ok(trained)
    })?;
    Ok(trained.scores.into_iter().map(|(l, s)| (l, s.precision, s.recall, s.f1)).collect())
}

/// Tags pre-tokenised documents with a NER model (`"default"` for the shipped model of
/// `lang`, or a model path); returns BIO tags per token, for evaluation on CoNLL-style data.
#[pyfunction]
fn ner_tag(py: Python<'_>, model: String, lang: String, documents: Vec<Vec<Vec<String>>>) -> PyResult<Vec<Vec<Vec<String>>>> {
    enter(py, |_| {
        let loaded;
        let m: &crate::ner::Model = if model == "default" {
            crate::ner::Model::builtin(&lang).ok_or_else(|| Error::Config(format!("no shipped model for {lang:?}")))?
        } else {
            let bytes = std::fs::read(&model).map_err(|_| Error::NotFound(model.clone().into()))?;
            loaded = crate::ner::Model::load(&bytes)?;
            &loaded
        };
        Ok(documents
            .iter()
            .map(|doc| m.tag_document(doc).into_iter().map(|s| s.into_iter().map(str::to_string).collect()).collect())
            .collect())
    })
}

/// The event rules' proposals on the texts of `inputs`, each pair in both directions, as
/// `(doc, sentence, trigger, type, actor1, actor2, proposed, features)` with an actor as
/// `(name, kb_id, country)` of its entity: the rows `bench/train_event_classifier.py`
/// labels against the annotated dev part.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn event_candidates(
    py: Python<'_>,
    inputs: Vec<PyInput>,
    options: &str,
) -> PyResult<Vec<(u32, u32, u32, String, (String, Option<String>, Option<String>), (String, Option<String>, Option<String>), bool, Vec<String>)>> {
    enter(py, |cancel| {
        let inputs = to_inputs(inputs, options)?;
        let opts = parse_options(options)?;
        let pipeline::Run { documents: docs, .. } = pipeline::run_all_cancellable(inputs, &opts, cancel)?;
        let analysis = pipeline::analyse_cancellable(&docs, &opts, cancel)?;
        let kb = opts.corpus()?.kb;
        let ents = &analysis.linking.entities;
        let actor = |e: u32| {
            let e = &ents[e as usize];
            (e.name.clone(), e.kb_id.clone(), e.country.clone())
        };
        Ok(crate::relate::event_candidates(&docs, &analysis.linking, &kb)
            .into_iter()
            .map(|c| (c.doc, c.sentence, c.trigger, c.event_type.to_string(), actor(c.actor1), actor(c.actor2), c.proposed, c.features))
            .collect())
    })
}

/// Trains the event classifier (an averaged perceptron) on `(features, accepted)` rows and
/// adds `offsets` to the weights of those features (the decision thresholds, folded into
/// bias features); returns the weights sorted by feature, and writes them as the shipped
/// file's text to `out` when given.
#[pyfunction]
#[pyo3(signature = (rows, epochs=10, seed=1, out=None, comment="", offsets=Vec::new()))]
fn train_event_classifier(
    py: Python<'_>,
    rows: Vec<(Vec<String>, bool)>,
    epochs: usize,
    seed: u64,
    out: Option<String>,
    comment: &str,
    offsets: Vec<(String, f32)>,
) -> PyResult<Vec<(String, f32)>> {
    enter(py, |_| {
        let mut w = crate::relate::train_classifier(&rows, epochs, seed);
        crate::relate::add_classifier_offsets(&mut w, offsets);
        if let Some(out) = &out {
            std::fs::write(out, crate::relate::save_classifier(&w, comment)).map_err(|e| Error::Config(format!("cannot write {out}: {e}")))?;
        }
        Ok(w)
    })
}

/// Checks a boilerplate rule file (TOML text); raises ConfigError when it is invalid.
#[pyfunction]
fn check_rules(py: Python<'_>, text: String) -> PyResult<Vec<(String, String)>> {
    let rules = enter(py, |_| clean::Rules::from_toml(&[text.as_str()]))?;
    Ok(rules.patterns().map(|(n, p)| (n.to_string(), p.to_string())).collect())
}

#[pymodule]
fn _newsframe(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("NewsframeError", m.py().get_type::<NewsframeError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_RULES", clean::DEFAULT_RULES)?;
    m.add_function(wrap_pyfunction!(expand_paths, m)?)?;
    m.add_function(wrap_pyfunction!(process, m)?)?;
    m.add_function(wrap_pyfunction!(process_batch, m)?)?;
    m.add_class::<CorpusStage>()?;
    m.add_function(wrap_pyfunction!(check_rules, m)?)?;
    m.add_function(wrap_pyfunction!(train_ner, m)?)?;
    m.add_function(wrap_pyfunction!(ner_tag, m)?)?;
    m.add_function(wrap_pyfunction!(event_candidates, m)?)?;
    m.add_function(wrap_pyfunction!(train_event_classifier, m)?)?;
    Ok(())
}
