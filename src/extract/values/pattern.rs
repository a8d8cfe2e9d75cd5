//! A value pattern whose lazy DFA is built once per process, not once per thread.
//!
//! The `regex` crate gives each thread a cache of its own (the lazy DFA's states, the
//! captures engines' buffers): on new text each of rayon's workers builds the same DFA
//! states again, 85 M instructions of a two-thread run on the real-text corpus, 59% of
//! what a second thread added (profile.md, ninth pass). Here each pattern keeps one cache
//! that every thread searches with, under a lock held for one search. A thread that finds
//! it taken waits: searching with a cache of its own instead (a first version did) built
//! that cache's states too, 34 M instructions of the same run, for waits that are rare
//! with fifty patterns and a search of microseconds. A cache holds no result, only work
//! saved: the match is the same whichever cache served.
//!
//! The pattern is built as `regex::Regex::new` builds it (the same `regex_automata` meta
//! configuration), and a capture search is `Regex::captures_read_at`'s.

use std::sync::{Mutex, MutexGuard, PoisonError};

use regex_automata::meta::{self, Cache};
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind};

pub(super) struct Pattern {
    re: meta::Regex,
    pattern: String,
    /// The cache every thread shares.
    cache: Mutex<Cache>,
}

impl Pattern {
    pub(super) fn new(pattern: &str) -> Result<Pattern, Box<meta::BuildError>> {
        // `regex::RegexBuilder`'s defaults and `build_one_string`'s settings.
        let config = meta::Config::new()
            .nfa_size_limit(Some(10 * (1 << 20)))
            .hybrid_cache_capacity(2 * (1 << 20))
            .match_kind(MatchKind::LeftmostFirst)
            .utf8_empty(true);
        let re = meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::default().utf8(true))
            .build(pattern)
            .map_err(Box::new)?;
        let cache = Mutex::new(re.create_cache());
        Ok(Pattern { re, pattern: pattern.to_string(), cache })
    }

    pub(super) fn as_str(&self) -> &str {
        &self.pattern
    }

    /// Buffers for [`Pattern::captures_at`], as `Regex::capture_locations`.
    pub(super) fn create_captures(&self) -> Captures {
        self.re.create_captures()
    }

    /// Group names with their index, as `Regex::capture_names` gives them.
    pub(super) fn capture_names(&self) -> impl Iterator<Item = Option<&str>> {
        self.re.group_info().pattern_names(regex_automata::PatternID::ZERO)
    }

    /// The leftmost match starting at `start` or later in `haystack` (the text before it
    /// seen as context), its groups in `caps`: `Regex::captures_read_at`.
    pub(super) fn captures_at(&self, caps: &mut Captures, haystack: &str, start: usize) -> Option<(usize, usize)> {
        let input = Input::new(haystack).span(start..haystack.len());
        self.re.search_captures_with(&mut self.cache(), &input, caps);
        caps.get_match().map(|m| (m.start(), m.end()))
    }

    pub(super) fn is_match(&self, haystack: &str) -> bool {
        self.re.is_match_with(&mut self.cache(), &Input::new(haystack))
    }

    /// The shared cache. One left by a search that panicked is as good as any: a search
    /// that stops half way leaves the cache's states consistent (`regex_automata` resets
    /// what it needs at the start of each search).
    fn cache(&self) -> MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The matches in `haystack`, as `Regex::find_iter` (with the per-thread cache: the
    /// windows of Arabic text and the tests use it, not the English hot path).
    pub(super) fn find_iter<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.re.find_iter(haystack).map(|m| (m.start(), m.end()))
    }
}
