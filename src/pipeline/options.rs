//! The options of a run and its inputs: what the Python API passes (as JSON) and Rust
//! callers build. Apart from the run because every entry point reads them and most readers
//! look for an option, not for how documents are scheduled.

use super::*;

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
    /// Keep the model's MISC mentions (names of no other type: events, works, products),
    /// labelled MISC with `label_detail` MISC. Off by default: the eight labels only.
    pub include_misc: bool,
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
            include_misc: false,
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
    pub(super) fn rules(&self) -> Result<Rules> {
        if !self.boilerplate {
            return Ok(Rules::none());
        }
        if self.boilerplate_rules.is_empty() {
            // Compiling the shipped rules costs more than cleaning a short document; a
            // caller that runs many small batches (the Python API per call, the fuzz
            // target per input) compiles them once.
            static SHIPPED: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
            return Ok(SHIPPED.get_or_init(Rules::default).clone());
        }
        let mut files = vec![clean::DEFAULT_RULES.to_string()];
        files.extend(self.boilerplate_rules.iter().cloned());
        Rules::from_toml(&files)
    }

    pub(super) fn models(&self) -> Result<Models> {
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

    pub(crate) fn kb(&self) -> Result<std::borrow::Cow<'static, Kb>> {
        if self.kb_entries.is_empty() {
            Ok(std::borrow::Cow::Borrowed(Kb::builtin()))
        } else {
            Ok(std::borrow::Cow::Owned(Kb::build(&self.kb_entries)?))
        }
    }

    /// What the corpus stages read of these options (builds the knowledge base).
    pub fn corpus(&self) -> Result<CorpusOptions> {
        Ok(CorpusOptions {
            analytics: self.analytics && self.mentions,
            kb: self.kb()?,
            link: self.link.clone(),
            stories: self.stories.clone(),
        })
    }
}

/// One input of a run.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file to read; it yields one document, or one per record.
    File(PathBuf, Format),
    /// A document already in memory (a string, a table row) or already failed.
    Doc(RawDoc),
    /// An HTML page in memory, with the URL it came from if known; it is parsed on the
    /// worker threads like a file.
    Html { source: String, html: String, url: Option<String> },
    /// An HTML page in memory, not yet decoded.
    HtmlBytes { source: String, bytes: Vec<u8>, url: Option<String> },
    /// An HTML document in memory (a table cell): `text` holds the markup, parsed by
    /// [`ingest::from_html_string`]; the title, URL and date given win over the page's.
    HtmlCell(RawDoc),
}

impl From<Entry> for Input {
    fn from(e: Entry) -> Input {
        match e {
            Entry::File(p, f) => Input::File(p, f),
            Entry::Failed(p, err) => Input::Doc(RawDoc::failed(p.to_string_lossy(), err)),
        }
    }
}
