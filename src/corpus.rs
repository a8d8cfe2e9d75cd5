//! The corpus-level stage (link, relate, dedup) as a fold over chunks of documents.
//!
//! [`CorpusFold`] sees the documents of a corpus in order, in chunks of any size, several
//! times (one *pass* per [`Pass`]), and keeps between chunks only aggregates: the distinct
//! names, kb ids and entities ([`Linker`]), the distinct co-occurring pairs
//! ([`CoocFold`]), the distinct fingerprint features, and a few bytes per document (its
//! language, story id, the offset of its fingerprint); MinHash signatures, LSH keys and fingerprints are spilled to files ([`StoryFold`]). A streaming run feeds it one batch of records at a time, so its
//! memory does not grow with the documents' records; [`crate::pipeline::analyse`] feeds
//! it the whole corpus as one chunk, so both give the same tables by construction.
//!
//! The output pass yields, per chunk, the links of its mentions and its events, and the
//! stories pass the rows of the stories table that start in the chunk: the caller writes
//! them out (or keeps them) as they come. The few story rows that take their title from a
//! later chunk come at the end ([`CorpusFold::late_story_rows`]).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::dedup::{LangIds, StoryFold};
use crate::error::{Error, Result};
use crate::features::stories::StoryOptions;
use crate::kb::Kb;
use crate::link::{LinkOptions, LinkedEntity, Linker, MentionLink};
use crate::record::DocView;
use crate::relate::{CoocFold, Cooccurrence, Event, Level};

/// The passes of a [`CorpusFold`], in order; passes without work are skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Distinct names and kb ids; languages, MinHash signatures and LSH keys.
    Collect,
    /// Documents and co-mentioned entities of the names that may be spelling variants.
    Context,
    /// Statistics of every entity.
    Aggregate,
    /// Links of every mention, co-occurrence, events and fingerprints.
    Output,
    /// The rows of the stories table.
    Stories,
    Done,
}

impl Pass {
    pub fn as_str(self) -> &'static str {
        match self {
            Pass::Collect => "collect",
            Pass::Context => "context",
            Pass::Aggregate => "aggregate",
            Pass::Output => "output",
            Pass::Stories => "stories",
            Pass::Done => "done",
        }
    }
}

/// What the output and the stories passes give for one chunk.
#[derive(Debug, Clone, Default)]
pub struct ChunkOutput {
    /// Output pass: `links[i][m]` links mention `m` of the chunk's document `i`.
    pub links: Vec<Vec<MentionLink>>,
    /// Output pass: events of the chunk (`doc` counts from the start of the corpus).
    pub events: Vec<Event>,
    /// Stories pass: the rows of the stories whose first document is in the chunk, by
    /// story id, but for those whose title is in a later chunk.
    pub stories: Vec<StoryRow>,
}

/// One row of the stories table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryRow {
    /// Story id: its smallest document.
    pub story: u32,
    /// Its documents, in order (`story` first).
    pub doc_ids: Vec<u32>,
    /// Title of its first document with one.
    pub title: Option<String>,
    /// Languages of its documents, sorted.
    pub langs: Vec<String>,
}

/// The documents of each story of more than one, without a row per document: stories by
/// id, each with the start of its documents in one flat list.
#[derive(Default)]
struct Members {
    starts: Vec<(u32, u32)>,
    docs: Vec<u32>,
}

impl Members {
    fn new(stories: &[u32]) -> Members {
        let mut counts = vec![0u32; stories.len()];
        for &s in stories {
            counts[s as usize] += 1;
        }
        let mut starts = Vec::new();
        let mut total = 0u32;
        for (s, &c) in counts.iter().enumerate() {
            if c > 1 {
                starts.push((s as u32, total));
                total += c;
            }
        }
        drop(counts);
        let mut next: Vec<u32> = starts.iter().map(|&(_, at)| at).collect();
        let mut docs = vec![0u32; total as usize];
        for (d, &s) in stories.iter().enumerate() {
            if let Ok(k) = starts.binary_search_by_key(&s, |&(id, _)| id) {
                docs[next[k] as usize] = d as u32;
                next[k] += 1;
            }
        }
        Members { starts, docs }
    }

    /// The documents of story `s` (whose first document is `s`), in order.
    fn of(&self, s: u32) -> Option<&[u32]> {
        let k = self.starts.binary_search_by_key(&s, |&(id, _)| id).ok()?;
        let end = self.starts.get(k + 1).map_or(self.docs.len(), |&(_, at)| at as usize);
        Some(&self.docs[self.starts[k].1 as usize..end])
    }
}

/// The corpus-level stage as a fold; see the module documentation.
///
/// ```
/// use newsframe::corpus::{CorpusFold, Pass};
/// use newsframe::pipeline::{run, Input, Options};
/// use newsframe::ingest::RawDoc;
/// let texts = ["Algeria bought arms from Russia.", "The Algerian army met in Moscow.", "Russia and Algeria met."];
/// let docs = run(texts.iter().map(|t| Input::Doc(RawDoc::text("x", t.to_string()))).collect(), &Options::default()).unwrap();
/// let mut fold = CorpusFold::new(&Options::default().corpus().unwrap(), None).unwrap();
/// while fold.pass() != Pass::Done {
///     for (i, chunk) in docs.chunks(2).enumerate() {
///         fold.feed(2 * i as u32, chunk).unwrap();
///     }
///     fold.end_pass().unwrap();
/// }
/// assert!(fold.entities().iter().any(|e| e.entity_id == "country:DZ" && e.n_docs == 3));
/// ```
pub struct CorpusFold {
    analytics: bool,
    kb: Cow<'static, Kb>,
    spill: Option<PathBuf>,
    pass: Pass,
    /// Documents fed in the current pass.
    seen: u32,
    n_docs: u32,
    linker: Linker,
    story_fold: Option<StoryFold>,
    countries: HashMap<String, u32>,
    cooc: [CoocFold; 2],
    cooccurrence: [Vec<Cooccurrence>; 2],
    /// Language of every document, for the stories table.
    langs: LangIds,
    stories: Vec<u32>,
    members: Members,
    /// Rows whose first document was fed and whose title may come in a later one.
    pending: BTreeMap<u32, StoryRow>,
    late: Vec<StoryRow>,
}

fn spill_err(e: std::io::Error) -> Error {
    Error::Config(format!("cannot use spill files: {e}"))
}

/// What the corpus stages read of a run's options ([`crate::pipeline::Options::corpus`]);
/// its own type, so that the fold does not import the driver that runs it.
#[derive(Clone)]
pub struct CorpusOptions {
    /// Link, relate and cluster (a run with analytics and mentions); else the fold only
    /// gives the stories table its rows.
    pub analytics: bool,
    /// The knowledge base of the run (shipped entries and the user's).
    pub kb: Cow<'static, Kb>,
    pub link: LinkOptions,
    pub stories: StoryOptions,
}

impl CorpusFold {
    /// A fold for the options of a run; spill files go to a new directory inside `spill`
    /// (the system's temporary directory when `None`), removed when the fold is dropped.
    pub fn new(opts: &CorpusOptions, spill: Option<&Path>) -> Result<CorpusFold> {
        let analytics = opts.analytics;
        Ok(CorpusFold {
            analytics,
            kb: opts.kb.clone(),
            spill: spill.map(Path::to_path_buf),
            pass: Pass::Collect,
            seen: 0,
            n_docs: 0,
            linker: Linker::new(&opts.link),
            story_fold: if analytics { Some(StoryFold::new(&opts.stories, spill).map_err(spill_err)?) } else { None },
            countries: HashMap::new(),
            cooc: [CoocFold::new(Level::Sentence), CoocFold::new(Level::Document)],
            cooccurrence: [Vec::new(), Vec::new()],
            langs: LangIds::default(),
            stories: Vec::new(),
            members: Members::default(),
            pending: BTreeMap::new(),
            late: Vec::new(),
        })
    }

    /// For a run that holds the whole corpus in memory: the linker keeps what its first pass
    /// learns of each document for the next ones ([`Linker::keep_nodes`]), a few bytes per
    /// mention, instead of analysing every document again in each pass. A streaming run
    /// does not call it, so that its memory does not grow with the corpus.
    pub fn keep_link_nodes(&mut self) {
        self.linker.keep_nodes();
    }

    /// The pass the next chunks belong to.
    pub fn pass(&self) -> Pass {
        self.pass
    }

    /// Feeds the documents `first..first + docs.len()` of the corpus; chunks come in order,
    /// every document once per pass. In the output pass, returns their links and events; in
    /// the stories pass, the rows of the stories that start among them.
    pub fn feed<D: DocView>(&mut self, first: u32, docs: &[D]) -> Result<Option<ChunkOutput>> {
        if first != self.seen {
            return Err(Error::Config(format!(
                "corpus stage ({} pass): expected documents from {}, got {first}",
                self.pass.as_str(),
                self.seen
            )));
        }
        let mut out = None;
        match self.pass {
            Pass::Collect => {
                for doc in docs {
                    self.langs.push(doc.lang()).map_err(|e| Error::Config(format!("corpus stage: {e}")))?;
                }
                if self.analytics {
                    // Independent states, each with a serial part (the linker's merge of the
                    // documents' forms, the signatures' spill writes): run side by side, one
                    // overlaps the other's serial part on a second thread.
                    let (linker, stories) = (&mut self.linker, self.story_fold.as_mut().expect("analytics"));
                    let ((), written) = rayon::join(|| linker.collect(docs), || stories.add_texts(docs));
                    written.map_err(spill_err)?;
                }
            }
            Pass::Context => self.linker.context(docs),
            Pass::Aggregate => self.linker.aggregate(docs),
            Pass::Output => {
                let links = self.linker.links(docs);
                // Co-occurrence at both levels, the events and the stories' features read the
                // links and nothing of each other; each ends with a serial step (the pairs'
                // sort and sum, the features' numbering and spill writes), which side by side
                // overlaps the others' work instead of leaving the other threads idle.
                let [sentence, document] = &mut self.cooc;
                let (entities, multilingual) = (&self.linker.entities, &self.linker.multilingual);
                let (countries, kb) = (&self.countries, &*self.kb);
                let fold = self.story_fold.as_mut().expect("analytics");
                let (((), written), events) = rayon::join(
                    || {
                        rayon::join(
                            || {
                                rayon::join(|| sentence.add(first, docs, &links), || document.add(first, docs, &links));
                            },
                            || fold.add_features(docs, &links, entities, multilingual),
                        )
                    },
                    || crate::relate::events_of(first, docs, &links, entities, countries, kb),
                );
                written.map_err(spill_err)?;
                out = Some(ChunkOutput { links, events, stories: Vec::new() });
            }
            Pass::Stories => out = Some(ChunkOutput { stories: self.story_rows_of(first, docs)?, ..ChunkOutput::default() }),
            Pass::Done => return Err(Error::Config("corpus stage: fed after the last pass".into())),
        }
        self.seen += docs.len() as u32;
        Ok(out)
    }

    /// The stories pass over one chunk. A row is complete at its first document with a
    /// title, or at its last document: most rows at their first document, the others
    /// wait (few: a story whose first document has no title).
    fn story_rows_of<D: DocView>(&mut self, first: u32, docs: &[D]) -> Result<Vec<StoryRow>> {
        let mut rows = Vec::new();
        for (i, doc) in docs.iter().enumerate() {
            let d = first + i as u32;
            let s = self.stories.get(d as usize).copied().ok_or_else(|| {
                Error::Config(format!("corpus stage: document {d} was not seen in the first pass"))
            })?;
            let title = doc.title().map(str::to_string);
            let row = if s == d {
                let members = self.members.of(s).unwrap_or(std::slice::from_ref(&d));
                StoryRow { story: s, doc_ids: members.to_vec(), title, langs: self.langs.of(members) }
            } else {
                match self.pending.get_mut(&s) {
                    Some(row) if title.is_some() => {
                        row.title = title;
                    }
                    Some(row) if row.doc_ids.last() != Some(&d) => continue,
                    Some(_) => {}
                    None => continue, // its row is complete
                }
                self.pending.remove(&s).expect("pending")
            };
            if row.title.is_some() || row.doc_ids.last() == Some(&d) {
                if s >= first {
                    rows.push(row);
                } else {
                    self.late.push(row);
                }
            } else {
                self.pending.insert(s, row);
            }
        }
        rows.sort_unstable_by_key(|r| r.story);
        Ok(rows)
    }

    /// Ends the current pass (every document was fed) and moves to the next.
    pub fn end_pass(&mut self) -> Result<()> {
        if self.pass == Pass::Collect {
            self.n_docs = self.seen;
        } else if self.seen != self.n_docs {
            return Err(Error::Config(format!(
                "corpus stage ({} pass): {} documents fed, the corpus has {}",
                self.pass.as_str(),
                self.seen,
                self.n_docs
            )));
        }
        self.seen = 0;
        self.pass = match self.pass {
            Pass::Collect if !self.analytics => {
                self.stories = (0..self.n_docs).collect();
                self.members = Members::new(&self.stories);
                Pass::Stories
            }
            Pass::Collect => {
                self.linker.plan();
                if self.linker.needs_context() {
                    Pass::Context
                } else {
                    self.linker.join();
                    Pass::Aggregate
                }
            }
            Pass::Context => {
                self.linker.join();
                Pass::Aggregate
            }
            Pass::Aggregate => {
                self.linker.finish(&self.kb);
                self.countries = crate::relate::country_entities(&self.linker.entities);
                Pass::Output
            }
            Pass::Output => {
                let [a, b] = std::mem::replace(&mut self.cooc, [CoocFold::new(Level::Sentence), CoocFold::new(Level::Document)]);
                self.cooccurrence = [a.finish(), b.finish()];
                let mut fold = self.story_fold.take().expect("analytics");
                self.stories = fold.finish().map_err(spill_err)?;
                self.members = Members::new(&self.stories);
                Pass::Stories
            }
            Pass::Stories => {
                debug_assert!(self.pending.is_empty(), "a story row without its last document");
                self.late.extend(std::mem::take(&mut self.pending).into_values());
                self.late.sort_unstable_by_key(|r| r.story);
                self.members = Members::default();
                Pass::Done
            }
            Pass::Done => Pass::Done,
        };
        Ok(())
    }

    /// Documents of the corpus (after the first pass).
    pub fn n_docs(&self) -> u32 {
        self.n_docs
    }

    /// The entities, sorted by id (from the output pass on).
    pub fn entities(&self) -> &[LinkedEntity] {
        &self.linker.entities
    }

    /// Co-occurrence at sentence and at document level (after the output pass).
    pub fn cooccurrence(&self) -> (&[Cooccurrence], &[Cooccurrence]) {
        (&self.cooccurrence[0], &self.cooccurrence[1])
    }

    /// The story id of every document (after the output pass).
    pub fn stories(&self) -> &[u32] {
        &self.stories
    }

    /// The rows of the stories table that the stories pass did not give with their first
    /// document's chunk, by story id (when done): stories whose title is in a later chunk.
    pub fn late_story_rows(&self) -> &[StoryRow] {
        &self.late
    }

    /// The spill directory's parent, as given.
    pub fn spill(&self) -> Option<&Path> {
        self.spill.as_deref()
    }

    /// Entities, co-occurrence (sentence, document), stories and the late story rows.
    pub fn into_parts(self) -> (Vec<LinkedEntity>, Vec<Cooccurrence>, Vec<Cooccurrence>, Vec<u32>, Vec<StoryRow>) {
        let [a, b] = self.cooccurrence;
        (self.linker.entities, a, b, self.stories, self.late)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::RawDoc;
    use crate::pipeline::{analyse, records, run, Input, Options};
    use crate::record::DocRecord;

    /// Runs the fold over `docs` in chunks of `size`; the stories rows of every chunk and
    /// the late ones, by story id.
    fn folded<D: DocView>(docs: &[D], size: usize, opts: &Options, keep: bool) -> (CorpusFold, ChunkOutput) {
        let mut fold = CorpusFold::new(&opts.corpus().unwrap(), None).unwrap();
        if keep {
            fold.keep_link_nodes();
        }
        let mut out = ChunkOutput::default();
        while fold.pass() != Pass::Done {
            for (i, chunk) in docs.chunks(size.max(1)).enumerate() {
                if let Some(o) = fold.feed((i * size) as u32, chunk).unwrap() {
                    assert!(o.stories.windows(2).all(|w| w[0].story < w[1].story));
                    assert!(o.stories.iter().all(|r| (r.story as usize) / size == i), "a row in its first document's chunk");
                    out.links.extend(o.links);
                    out.events.extend(o.events);
                    out.stories.extend(o.stories);
                }
            }
            fold.end_pass().unwrap();
        }
        out.stories.extend(fold.late_story_rows().iter().cloned());
        out.stories.sort_by_key(|r| r.story);
        (fold, out)
    }

    fn corpus() -> Vec<String> {
        let mut texts = crate::pipeline::tests::news_texts(60);
        texts.push(texts[3].clone());
        texts.push(String::new());
        texts.push("زار الرئيس الجزائري عبد المجيد تبون روسيا في يونيو ووقع اتفاقية مع روسيا بقيمة 1.3 مليار دولار.".into());
        texts
    }

    #[test]
    fn chunked_folds_equal_the_one_chunk_analysis() {
        let texts = corpus();
        let inputs = texts.iter().enumerate().map(|(i, t)| Input::Doc(RawDoc::text(i.to_string(), t.clone()))).collect();
        let opts = Options::default();
        let docs = run(inputs, &opts).unwrap();
        let want = analyse(&docs, &opts).unwrap();
        assert!(!want.events.is_empty() && !want.cooccurrence.is_empty());
        assert!(want.stories.iter().enumerate().any(|(i, &s)| s as usize != i), "a duplicate story");
        let recs: Vec<DocRecord> = records(&docs, &opts).unwrap();
        // With and without the linker's kept nodes (which the one-chunk analysis keeps).
        for (size, keep) in [(1, false), (7, false), (docs.len(), false), (1, true), (7, true)] {
            let (fold, out) = folded(&recs, size, &opts, keep);
            assert_eq!(fold.entities(), want.linking.entities.as_slice(), "chunks of {size}");
            assert_eq!(out.links, want.linking.links, "chunks of {size}, kept nodes {keep}");
            assert_eq!(out.events, want.events, "chunks of {size}");
            let (s, d) = fold.cooccurrence();
            assert_eq!((s, d), (want.cooccurrence.as_slice(), want.cooccurrence_docs.as_slice()), "chunks of {size}");
            assert_eq!(fold.stories(), want.stories.as_slice(), "chunks of {size}");
            assert_eq!(out.stories, want.story_rows, "chunks of {size}");
        }
    }

    /// Records of `titles.len()` copies of one text: one story of them all.
    fn copies(titles: &[Option<&str>]) -> Vec<DocRecord> {
        let text = crate::pipeline::tests::news_texts(1).remove(0);
        let inputs = titles.iter().enumerate().map(|(i, _)| Input::Doc(RawDoc::text(i.to_string(), text.clone()))).collect();
        let opts = Options::default();
        let mut recs = records(&run(inputs, &opts).unwrap(), &opts).unwrap();
        for (r, t) in recs.iter_mut().zip(titles) {
            r.title = t.map(str::to_string);
        }
        recs
    }

    #[test]
    fn a_story_takes_the_title_of_its_first_document_with_one() {
        let opts = Options::default();
        for (titles, want) in [
            (vec![None, None, Some("B"), Some("C")], Some("B")),
            (vec![Some("A"), None, Some("C")], Some("A")),
            (vec![None, None, None], None),
        ] {
            let recs = copies(&titles);
            let whole = analyse(&recs, &opts).unwrap();
            assert_eq!(whole.story_rows.len(), 1, "{titles:?}");
            assert_eq!(whole.story_rows[0].title.as_deref(), want);
            assert_eq!(whole.story_rows[0].doc_ids, (0..titles.len() as u32).collect::<Vec<_>>());
            for size in [1, 2] {
                let (fold, out) = folded(&recs, size, &opts, false);
                assert_eq!(out.stories, whole.story_rows, "{titles:?} in chunks of {size}");
                // Late: the title (or, without one, the last document) is after the first chunk.
                assert_eq!(fold.late_story_rows().len(), usize::from(want != Some("A") && size < titles.len()));
            }
        }
    }

    #[test]
    fn chunks_must_come_in_order_and_cover_the_corpus() {
        let docs = run(vec![Input::Doc(RawDoc::text("a", "Algeria and Russia met.".into()))], &Options::default()).unwrap();
        let mut fold = CorpusFold::new(&Options::default().corpus().unwrap(), None).unwrap();
        assert!(fold.feed(1, &docs).is_err(), "a gap");
        fold.feed(0, &docs).unwrap();
        fold.end_pass().unwrap();
        assert_ne!(fold.pass(), Pass::Collect);
        assert!(fold.end_pass().is_err(), "a pass without its documents");
    }

    #[test]
    fn spill_files_are_removed_with_the_fold() {
        let parent = std::env::temp_dir().join(format!("nf-corpus-test-{}", std::process::id()));
        std::fs::create_dir_all(&parent).unwrap();
        let fold = CorpusFold::new(&Options::default().corpus().unwrap(), Some(&parent)).unwrap();
        assert_eq!(std::fs::read_dir(&parent).unwrap().count(), 1);
        drop(fold);
        assert_eq!(std::fs::read_dir(&parent).unwrap().count(), 0);
        std::fs::remove_dir(&parent).unwrap();
    }
}
