//! Polars expression plugin: `pl.col("text").nf.entities()`, `.nf.clean()`, `.nf.lang()`,
//! `.nf.sentences()` (registered in `python/newsframe/_plugin.py`).
//!
//! Thin like the rest of this layer: unpack the Series, run the core pipeline on each text
//! ([`pipeline::process_texts`]), build the output Series ([`frame`]). Polars finds these
//! functions by their exported symbol names in this same shared library, so the resources
//! cache of [`Resources::shared`] is the one `nf.read_texts` uses too.
//!
//! Threads. Polars calls a plugin from its own worker threads, sometimes several calls at
//! once (one per morsel of the streaming engine, or per group). The `CallerContext` flag that
//! should tell us when Polars is already running in parallel is never set by Polars 2.1
//! (polars-plan 0.55 passes `CallerContext::default()`), and this library links its own
//! copy of polars whose `POOL` runs on the calling thread unless that thread belongs to the
//! copy's own pool (it never does), so the usual `POOL.install` pattern would be sequential.
//! So: when the flag is set, we stay on the calling thread; otherwise the texts of a call
//! are spread over one pool of ours, sized like Polars' pool (`n_threads`, from
//! `pl.thread_pool_size()`, i.e. `POLARS_MAX_THREADS`). Every concurrent call shares that
//! one pool and the calling Polars threads sleep until it is done, so at most `n_threads`
//! threads do newsframe work at any time, and no more than that compete with Polars.

use std::sync::{Arc, Mutex, OnceLock};

use polars::prelude::*;
use pyo3_polars::derive::{polars_expr, CallerContext};
use serde::Deserialize;

use crate::doc::{Document, Label, OffsetBase};
use crate::frame;
use crate::pipeline::{self, Context, Options, Resources};

/// Keyword arguments of every plugin function; `python/newsframe/_plugin.py` fills them.
#[derive(Deserialize)]
#[serde(default)]
struct Kwargs {
    /// Language of every text instead of detection.
    lang: Option<String>,
    /// NER model: `None`, `"default"` or a path, as for `nf.read_texts`.
    model: Option<String>,
    /// Remove boilerplate lines before anything else, as `nf.read_texts` does.
    boilerplate: bool,
    /// Date of the texts, for relative dates.
    pub_date: Option<String>,
    /// `"input"` (offsets index the given string) or `"clean"` (they index `nf.clean()`).
    offsets: String,
    /// Keep only mentions with these labels.
    labels: Option<Vec<String>>,
    /// Size of Polars' thread pool; 0 or 1 means the calling thread only.
    n_threads: usize,
}

impl Default for Kwargs {
    fn default() -> Self {
        Kwargs {
            lang: None,
            model: Some("default".into()),
            boilerplate: true,
            pub_date: None,
            offsets: "input".into(),
            labels: None,
            n_threads: 0,
        }
    }
}

impl Kwargs {
    fn options(&self, mentions: bool) -> Options {
        Options {
            lang: self.lang.clone(),
            boilerplate: self.boilerplate,
            pub_date: self.pub_date.clone(),
            mentions,
            model: self.model.clone(),
            analytics: false,
            ..Options::default()
        }
    }

    fn base(&self) -> PolarsResult<OffsetBase> {
        match self.offsets.as_str() {
            "input" => Ok(OffsetBase::Input),
            "clean" => Ok(OffsetBase::Clean),
            o => polars_bail!(InvalidOperation: "offsets must be \"input\" or \"clean\", got {o:?}"),
        }
    }

    fn labels(&self) -> PolarsResult<Option<Vec<Label>>> {
        let Some(labels) = &self.labels else { return Ok(None) };
        labels
            .iter()
            .map(|l| Label::parse(l).ok_or_else(|| polars_err!(InvalidOperation: "unknown label {l:?}")))
            .collect::<PolarsResult<Vec<_>>>()
            .map(Some)
    }
}

/// Our worker pool, built once for a given size (the size only changes if the user changes
/// Polars' configuration).
fn pool(n_threads: usize) -> PolarsResult<Arc<rayon::ThreadPool>> {
    static POOL: OnceLock<Mutex<Option<(usize, Arc<rayon::ThreadPool>)>>> = OnceLock::new();
    let mut slot = POOL.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some((n, p)) = slot.as_ref() {
        if *n == n_threads {
            return Ok(p.clone());
        }
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n_threads)
        .thread_name(|i| format!("newsframe-plugin-{i}"))
        .build()
        .map(Arc::new)
        .map_err(|e| polars_err!(ComputeError: "cannot start {n_threads} threads: {e}"))?;
    *slot = Some((n_threads, p.clone()));
    Ok(p)
}

/// Runs the pipeline on the texts of `input`, in input order; see the module comment for
/// where the work runs.
fn documents(
    input: &Series,
    context: CallerContext,
    kwargs: &Kwargs,
    mentions: bool,
) -> PolarsResult<Vec<Option<Document>>> {
    let ca = input.str().map_err(|_| {
        polars_err!(SchemaMismatch: "newsframe expressions need a String column, got {} ({})", input.name(), input.dtype())
    })?;
    let texts: Vec<Option<&str>> = ca.iter().collect();
    let opts = kwargs.options(mentions);
    let resources = Resources::shared(&opts).map_err(|e| polars_err!(ComputeError: "{e}"))?;
    let ctx = Context::new(&resources, &opts);
    if context.parallel() || kwargs.n_threads <= 1 || texts.len() <= 1 {
        return Ok(pipeline::process_texts(&texts, &ctx, false));
    }
    let pool = pool(kwargs.n_threads)?;
    Ok(pool.install(|| pipeline::process_texts(&texts, &ctx, true)))
}

fn entities_type(input: &[Field]) -> PolarsResult<Field> {
    Ok(Field::new(input[0].name().clone(), frame::entity_list_dtype()))
}

fn sentences_type(input: &[Field]) -> PolarsResult<Field> {
    Ok(Field::new(input[0].name().clone(), frame::sentence_list_dtype()))
}

fn string_type(input: &[Field]) -> PolarsResult<Field> {
    Ok(Field::new(input[0].name().clone(), DataType::String))
}

#[polars_expr(output_type_func=entities_type)]
fn nf_entities(inputs: &[Series], context: CallerContext, kwargs: Kwargs) -> PolarsResult<Series> {
    let (base, labels) = (kwargs.base()?, kwargs.labels()?);
    let docs = documents(&inputs[0], context, &kwargs, true)?;
    frame::entity_lists(inputs[0].name(), &docs, base, labels.as_deref())
}

#[polars_expr(output_type_func=sentences_type)]
fn nf_sentences(inputs: &[Series], context: CallerContext, kwargs: Kwargs) -> PolarsResult<Series> {
    let base = kwargs.base()?;
    let docs = documents(&inputs[0], context, &kwargs, false)?;
    frame::sentence_lists(inputs[0].name(), &docs, base)
}

#[polars_expr(output_type_func=string_type)]
fn nf_clean(inputs: &[Series], context: CallerContext, kwargs: Kwargs) -> PolarsResult<Series> {
    let docs = documents(&inputs[0], context, &kwargs, false)?;
    Ok(frame::clean_texts(inputs[0].name(), &docs))
}

#[polars_expr(output_type_func=string_type)]
fn nf_lang(inputs: &[Series], context: CallerContext, kwargs: Kwargs) -> PolarsResult<Series> {
    let docs = documents(&inputs[0], context, &kwargs, false)?;
    Ok(frame::langs(inputs[0].name(), &docs))
}
