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
