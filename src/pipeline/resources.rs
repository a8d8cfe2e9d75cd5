//! What every document of a run shares: compiled cleaning rules, the knowledge base and the
//! loaded NER models ([`Resources`]), and the per-run view of them ([`Context`]). Apart
//! from the run because the Polars plugin builds and caches them without running one.

use super::*;

/// The NER models of a run, one per language.
#[derive(Default)]
pub struct Models {
    pub(super) builtin: Vec<&'static Model>,
    pub(super) user: Option<Model>,
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

impl<'a> Context<'a> {
    /// The context of documents processed with `opts` and `resources` built from equal
    /// options (the per-document options, `lang` and `pub_date`, may differ).
    pub fn new(resources: &'a Resources, opts: &'a Options) -> Context<'a> {
        Context { rules: &resources.rules, kb: &resources.kb, models: &resources.models, opts }
    }
}

/// The costly parts of a [`Context`]: compiled rules, knowledge base, loaded models.
pub struct Resources {
    rules: Rules,
    kb: std::borrow::Cow<'static, Kb>,
    models: Models,
}

/// Key of [`Resources::shared`]: the options the resources are built from.
type ResourceKey = (bool, Vec<String>, Option<String>, bool);

impl Resources {
    /// Builds the rules, knowledge base and (when `opts.mentions`) models of `opts`.
    pub fn new(opts: &Options) -> Result<Resources> {
        Ok(Resources {
            rules: opts.rules()?,
            kb: opts.kb()?,
            models: if opts.mentions { opts.models()? } else { Models::default() },
        })
    }

    /// The resources of `opts`, built once per process and set of options: callers that
    /// see one batch at a time (the Polars plugin) would otherwise compile the rules and
    /// load a model file for every batch. Options with user knowledge-base entries are not
    /// cached (they are large and rarely repeated).
    pub fn shared(opts: &Options) -> Result<std::sync::Arc<Resources>> {
        use std::sync::{Arc, Mutex, OnceLock};
        type Cache = Mutex<Vec<(ResourceKey, Arc<Resources>)>>;
        static CACHE: OnceLock<Cache> = OnceLock::new();
        if !opts.kb_entries.is_empty() {
            return Ok(Arc::new(Resources::new(opts)?));
        }
        let model = if opts.mentions { opts.model.clone() } else { None };
        let key: ResourceKey = (opts.boilerplate, opts.boilerplate_rules.clone(), model, opts.mentions);
        let cache = CACHE.get_or_init(Default::default);
        // Held while building, so that threads asking for the same resources at once build
        // them once; building takes milliseconds, so no one waits long.
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, r)) = cache.iter().find(|(k, _)| *k == key) {
            return Ok(r.clone());
        }
        let built = Arc::new(Resources::new(opts)?);
        cache.push((key, built.clone()));
        Ok(built)
    }
}

/// Runs `work` on newsframe's pool of `n_threads` threads (`None`: as many as rayon would
/// use by default, `RAYON_NUM_THREADS` or the machine's cores), so that every stage of a run,
/// the corpus stage included, uses the threads it was given, and never rayon's global pool:
/// a pool created before `fork` has no threads in the child (Ray, multiprocessing), and work
/// queued there would wait forever. Nested calls on a thread of the same pool run inline.
///
/// ```
/// let n = newsframe::pipeline::with_threads(Some(2), rayon::current_num_threads).unwrap();
/// assert_eq!(n, 2);
/// ```
pub fn with_threads<T: Send>(n_threads: Option<usize>, work: impl FnOnce() -> T + Send) -> Result<T> {
    Ok(pool(n_threads.unwrap_or_else(default_threads))?.install(work))
}

/// The thread count of a run that names none: rayon's default, read without starting
/// rayon's global pool.
fn default_threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The worker pool of runs with `n` threads, built once per process and thread count.
///
/// A new pool per run started every run on new threads, so every per-thread cache (the
/// `regex` crate's lazy-DFA states, the tagger's token cache and memos) started empty and
/// each call paid again for warming it. Runs asking for the same count at once share the
/// pool, so `n_threads` bounds the threads of those runs together.
///
/// Keyed by process id as well: a pool's threads do not survive `fork` (Ray and
/// multiprocessing workers), so a child process builds its own pools instead of queueing
/// work that no thread will ever take. The parent's pools are leaked in the child, not
/// dropped: dropping would signal threads that do not exist there. The lock is held only
/// to look up or insert, never while building a pool or running work.
pub(super) fn pool(n: usize) -> Result<std::sync::Arc<rayon::ThreadPool>> {
    use std::sync::{Arc, Mutex, OnceLock};
    type Pools = Mutex<(u32, Vec<(usize, Arc<rayon::ThreadPool>)>)>;
    static POOLS: OnceLock<Pools> = OnceLock::new();
    // Each pool keeps its threads asleep between runs; a few thread counts cover any real
    // use, and the oldest pool is let go past that (it ends once its last run is done).
    const KEEP: usize = 4;
    let n = n.max(1);
    let pid = std::process::id();
    let pools = POOLS.get_or_init(Default::default);
    {
        let mut pools = pools.lock().unwrap_or_else(|e| e.into_inner());
        if pools.0 != pid {
            std::mem::forget(std::mem::take(&mut pools.1));
            pools.0 = pid;
        }
        if let Some((_, p)) = pools.1.iter().find(|(k, _)| *k == n) {
            return Ok(p.clone());
        }
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("newsframe-{i}"))
        .build()
        .map(Arc::new)
        .map_err(|e| Error::Config(format!("cannot start {n} threads: {e}")))?;
    let mut pools = pools.lock().unwrap_or_else(|e| e.into_inner());
    if pools.0 != pid {
        std::mem::forget(std::mem::take(&mut pools.1));
        pools.0 = pid;
    }
    // Two runs may have built one at once: keep the first, so later runs share it.
    if let Some((_, q)) = pools.1.iter().find(|(k, _)| *k == n) {
        return Ok(q.clone());
    }
    if pools.1.len() >= KEEP {
        pools.1.remove(0);
    }
    pools.1.push((n, p.clone()));
    Ok(p)
}
