//! Value patterns: MONEY, PERCENT and DATE mentions with normalised values, in English and
//! Arabic text alike.
//!
//! The approach, in three steps:
//!
//! 1. **Digit normalisation.** Arabic news writes numbers with Arabic-Indic (٠-٩) or Persian
//!    (۰-۹) digits, the Arabic decimal separator ٫, thousands separator ٬ and percent sign ٪.
//!    Rather than doubling every pattern, matching runs on a copy of the text in which these
//!    are replaced by their ASCII forms (and no-break spaces by spaces, bidi marks dropped).
//!    The copy keeps a byte-offset map back to the original, because an Arabic-Indic digit is
//!    two bytes and its ASCII form one; returned offsets always index the original text.
//! 2. **Candidates.** A few regular expressions propose candidates. The `regex` crate has no
//!    look-around, so each pattern has a handler that checks the evidence a pattern cannot
//!    express (is this "May" a month? is this "2000" a year or a head count?) and computes the
//!    value. A handler may reject a match; the search then resumes one character later, so a
//!    rejected long match never hides a shorter good one.
//! 3. **Resolution.** Overlapping candidates are resolved by keeping the longest, so that
//!    "6 December 2024" beats the bare year "2024" inside it.
//!
//! Span conventions follow the annotation guidelines: comparative modifiers ("over", "أكثر
//! من") stay outside MONEY and PERCENT spans; Arabic proclitics (و ف ب ل ك) attached to the
//! first word stay outside every span; "late", "early", "mid", "last", "next" belong to DATE
//! spans. Relative dates ("yesterday", "last October", "العام المقبل") get a value only when
//! the document date is known; a date whose year cannot be determined gets no value.

mod calendar;
mod currency;
mod dates;
mod dates_ar;
mod money;
mod numbers;
mod pattern;
mod percent;
mod periods;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;
use regex_automata::util::captures::Captures as Slots;
use rustc_hash::FxHashMap;

use crate::doc::{Disjoint, Label, Mention, Source, Value};
use calendar::DocDate;
use pattern::Pattern;

/// All value patterns are precise enough to share one confidence.
const SCORE: f32 = 0.9;

/// Finds MONEY, PERCENT and DATE mentions with normalised values, sorted by start,
/// non-overlapping. `doc_date` is an ISO 8601 date prefix ("2024-12-07", "2024-12", "2024")
/// or None; relative dates ("yesterday", "next year", "Monday", "last October", "أمس",
/// "العام المقبل") get a value only when it is given.
pub fn find(text: &str, doc_date: Option<&str>) -> Vec<Mention> {
    find_each(text, [doc_date]).into_iter().next().expect("one document date")
}

/// [`find`] with each of `N` document dates, the patterns searched once for all: the
/// dates change only what the handlers make of a match.
pub fn find_each<const N: usize>(text: &str, doc_dates: [Option<&str>; N]) -> [Vec<Mention>; N] {
    let norm = Normalised::new(text);
    let ctxs = doc_dates.map(|d| Ctx { text: &norm.text, doc: d.and_then(DocDate::parse) });
    let mut cands: [Vec<Cand>; N] = std::array::from_fn(|_| Vec::new());
    let ascii = norm.text.is_ascii();
    let arabic = !ascii && has_arabic_block(&norm.text);
    let lits = literals();
    let hits = lits.hits(&norm.text, if arabic { u64::MAX } else { lits.english });
    for (i, rule) in rules().iter().enumerate().filter(|(_, r)| arabic || !r.arabic_anchor) {
        // The gates' literals, found in one pass for all rules, settle most rules; a gate
        // with no literal set is searched for itself.
        let gated = rule.gates.is_empty()
            || hits >> i & 1 == 1
            || lits.open[i].iter().any(|&g| rule.gates[g].is_match(&norm.text));
        if gated {
            run(&ctxs, rule, ascii, &mut cands);
        }
    }
    std::array::from_fn(|k| {
        let (ctx, mut cands) = (&ctxs[k], std::mem::take(&mut cands[k]));
        periods::extend_edges(ctx, &mut cands);
        let mut kept = select(cands);
        money::elliptical(ctx, &mut kept);
        kept.into_iter()
            .map(|mut c| {
                if matches!(c.label, Label::Money | Label::Percent) {
                    c.value.qualifier = ctx.qualifier_before(c.start).map(str::to_string);
                }
                let mut m = Mention::new(
                    norm.orig_start(c.start),
                    norm.orig_end(c.end),
                    c.label,
                    Source::Pattern,
                    SCORE,
                );
                m.value = c.value;
                m
            })
            .collect()
    })
}

// ---------------------------------------------------------------------------------------
// Digit normalisation
// ---------------------------------------------------------------------------------------

/// The text with ASCII digits, and maps from its byte offsets back to the original.
struct Normalised<'a> {
    text: Cow<'a, str>,
    /// Per normalised byte: the original offset where its character starts. Empty when the
    /// text needed no change (the identity map).
    starts: Vec<usize>,
    /// Per normalised char boundary `i > 0`: the original offset where the character ending
    /// at `i` ends. Kept apart from `starts` because dropped characters (bidi marks) sit
    /// between the end of one character and the start of the next.
    ends: Vec<usize>,
}

impl<'a> Normalised<'a> {
    fn new(orig: &'a str) -> Normalised<'a> {
        // ASCII characters are their own normal form: most text needs no per-char test.
        if orig.is_ascii() || !needs_normalising(orig) {
            return Normalised { text: Cow::Borrowed(orig), starts: Vec::new(), ends: Vec::new() };
        }
        let mut text = String::with_capacity(orig.len());
        let mut starts = Vec::with_capacity(orig.len() + 1);
        let mut ends = Vec::with_capacity(orig.len() + 1);
        ends.push(0);
        for (i, ch) in orig.char_indices() {
            let Some(c) = normalise_char(ch) else { continue };
            text.push(c);
            for k in 0..c.len_utf8() {
                starts.push(i);
                ends.push(if k + 1 == c.len_utf8() { i + ch.len_utf8() } else { i });
            }
        }
        starts.push(orig.len());
        Normalised { text: Cow::Owned(text), starts, ends }
    }

    fn orig_start(&self, i: usize) -> usize {
        if self.starts.is_empty() {
            i
        } else {
            self.starts[i]
        }
    }

    fn orig_end(&self, i: usize) -> usize {
        if self.ends.is_empty() {
            i
        } else {
            self.ends[i]
        }
    }
}

/// Has `text` a character that [`normalise_char`] changes? Every such character starts
/// with one of a few lead bytes (0xC2 for U+00A0, 0xD8..0xDB for the Arabic block, 0xE2
/// for U+2000..U+2FFF), so only those are decoded: curly quotes (0xE2) make most news
/// text non-ASCII, and decoding all of its characters cost more than the rest of `find`.
fn needs_normalising(text: &str) -> bool {
    text.bytes().enumerate().any(|(i, b)| {
        matches!(b, 0xc2 | 0xd8..=0xdb | 0xe2) && {
            let c = text[i..].chars().next().expect("a lead byte starts a character");
            normalise_char(c) != Some(c)
        }
    })
}

/// The matching form of one character; `None` drops it.
fn normalise_char(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06f0}'..='\u{06f9}' => char::from_digit(c as u32 - 0x06f0, 10),
        '\u{066b}' => Some('.'),
        '\u{066c}' => Some(','),
        '\u{066a}' => Some('%'),
        '\u{00a0}' | '\u{2007}' | '\u{2009}' | '\u{202f}' => Some(' '),
        // Bidi controls are invisible but would separate "٥٠" from "٪" for the patterns.
        '\u{200e}'
        | '\u{200f}'
        | '\u{061c}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => None,
        _ => Some(c),
    }
}

// ---------------------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------------------

/// Start of a word, possibly after Arabic proclitics (optionally with tatweel, "بـ"); the
/// patterns capture the span itself in group `m`, leaving the proclitics outside.
const START: &str = r"(?:\b[وفبلك]{1,2}ـ?|\b)";

/// A pattern template, built (see [`expand`]).
fn build(template: &str) -> Regex {
    Regex::new(&expand(template)).unwrap_or_else(|e| panic!("invalid value pattern: {e}"))
}

/// A rule's pattern template, built with one cache for every thread ([`Pattern`]).
fn build_shared(template: &str) -> Pattern {
    Pattern::new(&expand(template)).unwrap_or_else(|e| panic!("invalid value pattern: {e}"))
}

/// Expands the `@NAME@` placeholders of a pattern template, recursively. Placeholders
/// rather than `format!`, because patterns are full of `{m,n}` braces.
fn expand(template: &str) -> String {
    static PARTS: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    let parts = PARTS.get_or_init(|| {
        let mut parts: Vec<(&str, String)> = vec![
            ("@START@", START.into()),
            ("@B@", ASCII_B.into()),
            ("@NUM@", numbers::NUM.into()),
            ("@FRAC@", numbers::FRAC.into()),
            ("@UFRAC@", numbers::UFRAC.into()),
            ("@DNUM@", numbers::DNUM.into()),
            ("@WNUM@", numbers::WNUM.into()),
            ("@WSMALL@", numbers::WSMALL.into()),
            ("@ANUM@", numbers::ANUM.into()),
            ("@SCALE@", numbers::SCALE.into()),
            ("@SCALE_EN@", numbers::SCALE_EN.into()),
            ("@SCALE_AR@", numbers::SCALE_AR.into()),
        ];
        parts.extend(money::placeholders());
        parts.extend(percent::placeholders());
        parts.extend(dates::placeholders());
        parts.extend(periods::placeholders());
        parts.extend(dates_ar::placeholders());
        parts
    });
    let mut p = template.to_string();
    // Parts hold other placeholders, a few levels deep.
    for _ in 0..8 {
        if !p.contains('@') {
            break;
        }
        for (k, v) in parts {
            p = p.replace(k, v);
        }
    }
    p
}

/// An ASCII word boundary. Patterns made only of ASCII words and digits use it instead of
/// the Unicode `\b`, which on non-ASCII text keeps the regex crate off its fast DFA; where
/// an Arabic letter could follow, the handler checks the boundary itself.
const ASCII_B: &str = r"(?-u:\b)";

type Handler = fn(&Ctx<'_>, &Captures<'_>) -> Option<Cand>;

/// A pattern, its handler and an anchor: a cheap pattern (literals, mostly) that every
/// match contains. A text without the anchor is not scanned. A pattern with Unicode word
/// boundaries (those that must see Arabic letters as letters) keeps the regex crate off its
/// fast DFA on non-ASCII text; there it runs only in windows around the anchor's matches.
struct Rule {
    re: Pattern,
    /// The anchor, as alternatives that are tested one by one ([`rule_split`]); a rule
    /// with Unicode word boundaries has one.
    gates: Vec<Pattern>,
    handle: Handler,
    /// Has the pattern a Unicode word boundary?
    unicode_boundary: bool,
    /// Every match of the anchor has an Arabic letter: text without any has no match.
    arabic_anchor: bool,
    /// Does every match begin with an ASCII digit ([`digit_first`])?
    digit_first: bool,
    /// Group index by name, for [`Captures::name`].
    names: FxHashMap<Box<str>, usize>,
}

fn rule(template: &str, anchor: Option<&str>, handle: Handler) -> Rule {
    rule_split(template, anchor.as_slice(), handle)
}

/// A rule whose anchor is the alternation of `gates`, each a regex of its own: a long
/// list of literals on its own runs on the regex crate's literal search, while mixed with
/// one word boundary it makes a lazy DFA so large that building its states costs more than
/// the search (each call of the pipeline starts on new threads, with empty regex caches).
fn rule_split(template: &str, gates: &[&str], handle: Handler) -> Rule {
    let re = build_shared(template);
    let unicode_boundary = re.as_str().replace(ASCII_B, "").contains(r"\b");
    assert!(!unicode_boundary || gates.len() <= 1, "windows need a single anchor");
    // Only the digit-gated rules can qualify; extracting the literals of the others (long
    // alternations of currency and month words) cost 0.15 G instructions at start-up.
    let digit_first = gates == [DIGIT] && digit_first(re.as_str());
    let names = re.capture_names().enumerate().filter_map(|(i, n)| Some((n?.into(), i))).collect();
    Rule { re, gates: gates.iter().map(|g| build_shared(g)).collect(), handle, unicode_boundary, arabic_anchor: false, digit_first, names }
}

/// Does every match of `pattern` begin with an ASCII digit? Such a rule's search may start
/// at the next digit: the lazy DFA walked the text between at several instructions a byte,
/// where a byte test takes one or two, and it walked the tail of every document after the
/// last number.
fn digit_first(pattern: &str) -> bool {
    gate_literals(pattern).is_some_and(|lits| lits.iter().all(|l| l[0].is_ascii_digit()))
}

/// A rule whose anchor matches only text with an Arabic letter (U+0600..U+06FF, whose UTF-8
/// lead bytes are 0xD8..0xDB); English text skips it without scanning for the anchor.
fn rule_ar(template: &str, anchor: &str, handle: Handler) -> Rule {
    Rule { arabic_anchor: true, ..rule(template, Some(anchor), handle) }
}

/// An anchor of literal words as news writes them (lower case, capitalised, capitals):
/// literals keep the anchor on the regex crate's fastest search, where `(?i:…)` would not.
fn cased(words: &[&str]) -> String {
    let mut out: Vec<String> = Vec::with_capacity(words.len() * 3);
    for w in words {
        let mut title = w.to_string();
        if let Some(f) = title.get_mut(..1) {
            f.make_ascii_uppercase();
        }
        for v in [w.to_string(), title, w.to_uppercase()] {
            let v = regex::escape(&v);
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out.join("|")
}

/// Has `text` a character in U+0600..U+06FF?
fn has_arabic_block(text: &str) -> bool {
    text.bytes().any(|b| (0xd8..=0xdb).contains(&b))
}
fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules = money::rules();
        rules.extend(percent::rules());
        rules.extend(dates::rules());
        rules.extend(periods::rules());
        rules.extend(dates_ar::rules());
        rules
    })
}

/// The anchor of the rules whose every match has an ASCII digit (the normalised text has
/// ASCII digits only).
const DIGIT: &str = "[0-9]";

/// The literals that begin every match of each rule's gates, in one Aho-Corasick automaton:
/// one pass over a text tells which rules' gates can match there, instead of a search per
/// gate. The literals come from the gates' own patterns (`regex_syntax`'s prefix
/// extraction, which never leaves out a literal a match begins with), so a rule is skipped
/// only where its gates have no match, and the output is what searching every gate gives.
struct Literals {
    ac: aho_corasick::dfa::DFA,
    /// The rule (index in [`rules`]) of each pattern of `ac`.
    rule_of: Vec<u8>,
    /// Per rule, the gates without a finite literal set, searched with their regex.
    open: Vec<Vec<usize>>,
    /// The rules gated by [`DIGIT`]: a byte test, not ten literals that would each be a
    /// match of the automaton.
    digit: u64,
    /// The rules with a literal or the digit gate.
    all: u64,
    /// The rules that run on text without Arabic letters.
    english: u64,
    /// The automaton's patterns, for the tests' reference search.
    #[cfg(test)]
    pats: Vec<Vec<u8>>,
}

impl Literals {
    fn new(rules: &[Rule]) -> Literals {
        assert!(rules.len() <= 64, "rules are a u64 bit set");
        let (mut pats, mut rule_of, mut open) = (Vec::new(), Vec::new(), Vec::new());
        let (mut digit, mut all, mut english) = (0u64, 0u64, 0u64);
        for (i, r) in rules.iter().enumerate() {
            if !r.arabic_anchor {
                english |= 1 << i;
            }
            let mut o = Vec::new();
            for (g, gate) in r.gates.iter().enumerate() {
                if gate.as_str() == DIGIT {
                    digit |= 1 << i;
                    all |= 1 << i;
                    continue;
                }
                match gate_literals(gate.as_str()) {
                    Some(lits) => {
                        all |= 1 << i;
                        rule_of.extend(std::iter::repeat(i as u8).take(lits.len()));
                        pats.extend(lits);
                    }
                    None => o.push(g),
                }
            }
            open.push(o);
        }
        // A DFA: a few instructions per byte, where the NFA search took about seventy.
        let ac = aho_corasick::dfa::DFA::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .prefilter(false)
            .build(&pats)
            .expect("gate literals");
        Literals {
            ac,
            rule_of,
            open,
            digit,
            all,
            english,
            #[cfg(test)]
            pats,
        }
    }

    /// Of the rules in `want`, those with a gate literal in `text` (or a digit, for the
    /// digit gate), as bits by rule index.
    fn hits(&self, text: &str, want: u64) -> u64 {
        let want = want & self.all;
        let mut hits = 0u64;
        if want & self.digit != 0 && text.bytes().any(|b| b.is_ascii_digit()) {
            hits |= self.digit;
        }
        if hits & want == want {
            return hits;
        }
        // Overlapping: a literal inside another's match ("year" in "years") counts too.
        crate::text::overlapping_ends(&self.ac, text, |p, _| {
            hits |= 1 << self.rule_of[p.as_usize()];
            hits & want == want
        });
        hits
    }
}

/// Literals of which every match of `pattern` begins with one, or None when there is no
/// such finite set (or it holds the empty string, which every text has).
fn gate_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::parse(pattern).ok()?;
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix).limit_class(16).limit_repeat(4).limit_literal_len(64).limit_total(4096);
    let seq = ex.extract(&hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

fn literals() -> &'static Literals {
    static LITERALS: OnceLock<Literals> = OnceLock::new();
    LITERALS.get_or_init(|| Literals::new(rules()))
}

/// How far a match may reach from its anchor, in bytes (an Arabic letter is two).
const WINDOW: usize = 200;

fn run<const N: usize>(ctxs: &[Ctx<'_>; N], rule: &Rule, ascii: bool, out: &mut [Vec<Cand>; N]) {
    let text = ctxs[0].text;
    if rule.gates.is_empty() {
        return scan(ctxs, rule, 0, text.len(), out);
    }
    // On ASCII text the regex crate's DFA handles Unicode word boundaries too, and one pass
    // over the whole text is cheaper than the windows. The caller has checked the gates.
    if ascii || !rule.unicode_boundary {
        scan(ctxs, rule, 0, text.len(), out);
        return;
    }
    let anchor = &rule.gates[0];
    // Windows around anchor matches, merged when they overlap, so that each window is
    // scanned as the whole text would be.
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for (a_start, a_end) in anchor.find_iter(text) {
        let mut start = a_start.saturating_sub(WINDOW);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        // End the window at white space (or the end), so that cutting the text there cannot
        // create a word boundary that is not in the text.
        let mut end = (a_end + WINDOW).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        end = text[end..].find(char::is_whitespace).map_or(text.len(), |i| end + i);
        match windows.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => windows.push((start, end)),
        }
    }
    for (start, end) in windows {
        scan(ctxs, rule, start, end, out);
    }
}

/// Runs one pattern over `text[from..end]`, with all of the text before as context, for
/// each context (the same text, another document date). After a rejected match the search
/// resumes one character later rather than after the match, so a shorter valid match inside
/// it is still found.
///
/// Each context has its own position, since its handlers may accept what another's reject.
/// One search from the smallest position serves every context whose position is at most
/// the match's start: no match starts before it, and the match found at a start does not
/// depend on where the search began (the regex sees the text before either way).
fn scan<const N: usize>(ctxs: &[Ctx<'_>; N], rule: &Rule, from: usize, end: usize, out: &mut [Vec<Cand>; N]) {
    const DONE: usize = usize::MAX;
    let (re, handle) = (&rule.re, rule.handle);
    let text = ctxs[0].text;
    let haystack = &text[..end];
    let mut locs = re.create_captures();
    let mut pos = [from; N];
    loop {
        for p in pos.iter_mut().filter(|p| **p != DONE) {
            if *p > end {
                *p = DONE;
            } else if rule.digit_first {
                // The leftmost match from `p` is the leftmost from the next digit, when
                // every match begins with one.
                *p = haystack.as_bytes()[*p..].iter().position(u8::is_ascii_digit).map_or(DONE, |i| *p + i);
            }
        }
        let at = pos.iter().copied().min().unwrap_or(DONE);
        if at == DONE {
            break;
        }
        let Some((whole_start, _)) = re.captures_at(&mut locs, haystack, at) else { break };
        let caps = Captures { text: haystack, locs: &locs, names: &rule.names };
        let next = next_char(haystack, whole_start);
        for (k, p) in pos.iter_mut().enumerate() {
            if *p == DONE || *p > whole_start {
                continue;
            }
            // A value never runs across a line break: lines of tables and lists are
            // separate sentences, and "...6-4\nJan Siemerink" is no date.
            match handle(&ctxs[k], &caps).filter(|c| !text[c.start..c.end].contains('\n')) {
                Some(c) => {
                    // A handler may keep only the start of the match ("up C$0.50 to C$6").
                    *p = c.end.max(next);
                    out[k].push(c);
                }
                None => *p = next,
            }
        }
    }
}

fn next_char(text: &str, i: usize) -> usize {
    i + text[i..].chars().next().map_or(1, char::len_utf8)
}

/// Keeps the longest of overlapping candidates (earlier first on ties), sorted by start.
fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)));
    let mut taken = Disjoint::default();
    let mut kept: Vec<Cand> = Vec::new();
    for c in cands {
        if taken.try_take(c.start, c.end) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    kept
}

// ---------------------------------------------------------------------------------------
// Context: the text around a match
// ---------------------------------------------------------------------------------------

struct Cand {
    start: usize,
    end: usize,
    label: Label,
    value: Value,
}

impl Cand {
    /// A DATE candidate, in `Some` because handlers return options.
    fn date(start: usize, end: usize, value: Value) -> Option<Cand> {
        Some(Cand { start, end, label: Label::Date, value })
    }
}

struct Ctx<'a> {
    text: &'a str,
    doc: Option<DocDate>,
}

use crate::text::is_word_char;

fn is_proclitic(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك')
}

/// Does `word` equal one of `list`, ignoring ASCII case and one Arabic proclitic?
fn word_in(word: &str, list: &[&str]) -> bool {
    let bare = strip_proclitic(word);
    list.iter().any(|w| w.eq_ignore_ascii_case(word) || (!w.is_ascii() && *w == bare))
}

fn strip_proclitic(word: &str) -> &str {
    match word.chars().next() {
        Some(c) if is_proclitic(c) && word.chars().count() > 2 => &word[c.len_utf8()..],
        _ => word,
    }
}

impl Ctx<'_> {
    /// The word before `pos` and its start, when only spaces separate them.
    fn word_before(&self, pos: usize) -> Option<(&str, usize)> {
        let before = self.text[..pos].trim_end();
        if before.len() == pos {
            return None;
        }
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map(|(i, _)| i)?;
        Some((&before[start..], start))
    }

    /// The word after `pos`, when only spaces separate them.
    fn word_after(&self, pos: usize) -> Option<&str> {
        let after = &self.text[pos..];
        let rest = after.trim_start();
        if rest.len() == after.len() {
            return None;
        }
        let end = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
        (end > 0).then(|| &rest[..end])
    }

    /// A modifier word right before `start` that belongs to the span ("late 2018",
    /// "last October", "mid-2020", "end-June", "أواخر 2018"): its start and the word.
    fn modifier_before(&self, start: usize, words: &[&str]) -> Option<(usize, String)> {
        let before = &self.text[..start];
        // "mid-2020", and Reuters' "end-June", "end-1996".
        for (prefix, word) in [("mid-", "mid"), ("Mid-", "mid"), ("end-", "end"), ("End-", "end")] {
            if let Some(s) = before.strip_suffix(prefix) {
                if !s.ends_with(is_word_char) {
                    return Some((s.len(), word.to_string()));
                }
            }
        }
        let (w, ws) = self.word_before(start)?;
        if words.iter().any(|m| m.eq_ignore_ascii_case(w)) {
            return Some((ws, w.to_lowercase()));
        }
        // An Arabic modifier may carry a proclitic ("وأواخر"), which stays outside.
        let bare = strip_proclitic(w);
        if bare.len() != w.len() && words.contains(&bare) {
            return Some((ws + (w.len() - bare.len()), bare.to_string()));
        }
        None
    }

    /// Is the number ending at `end` really a count or part of a longer number
    /// ("2000 soldiers", "2000-strong", "2024.5", "2000%")?
    fn counts_something(&self, end: usize) -> bool {
        let mut rest = self.text[end..].chars();
        match (rest.next(), rest.next()) {
            (Some('.' | ',' | '/' | ':'), Some(c)) if c.is_ascii_digit() => return true,
            (Some('-'), Some(c)) if c.is_alphanumeric() => return true,
            (Some('%'), _) => return true,
            _ => {}
        }
        self.word_after(end).is_some_and(is_unit_word)
    }

    /// Does the number starting at `start` continue one before it ("12/2024", "3.14")?
    fn inside_number(&self, start: usize) -> bool {
        let mut rev = self.text[..start].chars().rev();
        matches!((rev.next(), rev.next()), (Some('.' | ',' | '-' | '/' | ':'), Some(c)) if c.is_ascii_digit())
    }

    /// Is the number starting at `start` glued to what precedes it: a code ("O-157"), a
    /// decimal without its integer (".500 mark"), a ratio ("1/4")?
    fn glued_before(&self, start: usize) -> bool {
        let mut rev = self.text[..start].chars().rev();
        match (rev.next(), rev.next()) {
            (Some('.' | '/'), _) => true,
            (Some('-'), Some(c)) => c.is_alphanumeric(),
            _ => false,
        }
    }

    /// Is the number starting at `start` an amount, an identifier or part of a longer
    /// number ("$2000", "some 2000", "Resolution 1701", "12/2024", "أكثر من 2000")?
    fn number_context_before(&self, start: usize) -> bool {
        let before = &self.text[..start];
        if self.inside_number(start) {
            return true;
        }
        if before.trim_end().ends_with(['$', '€', '£', '¥', '#', '№', '+']) {
            return true;
        }
        let Some((w, ws)) = self.word_before(start) else { return false };
        if word_in(w, QUANTITY_CUES) || currency::iso_code(w).is_some() {
            return true;
        }
        // "أكثر من 2000", "أقل من 2000": more/less than
        w == "من"
            && self
                .word_before(ws)
                .is_some_and(|(p, _)| word_in(p, &["أكثر", "اكثر", "أقل", "اقل"]))
    }

    /// Does the word before `start` introduce a date ("in June", "since May")?
    fn cue_before(&self, start: usize, cues: &[&str]) -> bool {
        self.word_before(start).is_some_and(|(w, _)| word_in(w, cues))
    }
}

/// Words after a number that make it a count, not a year. English words match with an
/// optional plural -s; Arabic stems of four letters or more match as prefixes (to cover
/// plural and case endings), shorter ones exactly or with the accusative alef.
fn is_unit_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    if lower.is_ascii() {
        let singular = lower.strip_suffix('s').unwrap_or(&lower);
        return UNITS_EN.contains(&lower.as_str()) || UNITS_EN.contains(&singular);
    }
    UNITS_AR.iter().any(|u| {
        if u.chars().count() >= 4 {
            lower.starts_with(u)
        } else {
            lower == *u || lower.strip_suffix('ا') == Some(*u)
        }
    })
}

#[rustfmt::skip]
const UNITS_EN: &[&str] = &[
    "soldier", "troop", "people", "person", "km", "kilometre", "kilometer", "mile", "metre",
    "meter", "m", "tonne", "ton", "worker", "resident", "civilian", "family", "families",
    "member", "child", "children", "men", "women", "student", "home", "house", "case", "death",
    "job", "vote", "vehicle", "car", "barrel", "feet", "foot", "hectare", "acre", "kg",
    "kilogram", "employee", "refugee", "migrant", "fighter", "officer", "police", "policemen",
    "prisoner", "detainee", "seat", "time", "point", "dollar", "euro", "pound", "year", "day",
    "hour", "minute", "victim", "patient", "casualty", "casualties", "rocket", "missile",
    "drone", "tank", "unit", "page", "word", "square", "sq", "mw", "gw", "percent", "per",
    "pct", "thousand", "million", "billion", "trillion", "bn", "protester", "demonstrator",
    "supporter", "delegate", "tourist", "visitor", "user", "customer", "inmate", "body",
    "bodies", "share", "staff", "plane", "aircraft", "ship", "gmt", "utc", "hrs",
    // Clock times in a zone: "at 1700 EDT".
    "edt", "est", "cdt", "cst", "mdt", "mst", "pdt", "pst", "bst", "cet", "cest", "jst",
];

#[rustfmt::skip]
const UNITS_AR: &[&str] = &[
    "جندي", "جنود", "شخص", "أشخاص", "اشخاص", "مقاتل", "قتيل", "قتلى", "جريح", "جرحى", "طن",
    "أطنان", "اطنان", "كيلو", "كلم", "كم", "متر", "ميل", "عامل", "عمال", "مواطن", "لاجئ",
    "نازح", "منزل", "مسكن", "سيارة", "سيارات", "صاروخ", "صواريخ", "طائرة", "برميل", "هكتار",
    "دونم", "عائلة", "أسرة", "اسرة", "طفل", "أطفال", "اطفال", "امرأة", "نساء", "رجل", "شهيد",
    "شهداء", "معتقل", "أسير", "أسرى", "سجين", "وظيفة", "دولار", "يورو", "جنيه", "دينار", "ريال",
    "درهم", "ليرة", "مليون", "مليار", "ألف", "الف", "عنصر", "ضحية", "ضحايا", "مصاب", "إصابة",
    "اصابة", "حالة", "وفاة", "يوم", "أيام", "ايام", "ساعة", "سنة", "عام", "أعوام", "مرة",
    "متظاهر", "مهاجر", "سائح", "موظف", "شرطي",
];

/// Words before a number that make it an amount or an identifier, not a year.
#[rustfmt::skip]
const QUANTITY_CUES: &[&str] = &[
    "some", "about", "nearly", "approximately", "roughly", "almost", "over", "than", "least",
    "estimated", "resolution", "no", "number", "flight", "article", "page", "route", "section",
    "chapter", "paragraph", "code", "model", "نحو", "حوالي", "حوالى", "قرابة", "زهاء", "رقم",
    "الرقم", "قرار", "القرار", "مادة", "المادة",
];

/// A match's groups, as the handlers read them. The `regex` crate's `Captures` allocated
/// its slots at every search and looked names up in a SipHash map (handlers look up about
/// three groups per match); these read the slots of one set of captures kept for a
/// rule's whole scan, and the names in the rule's own table.
pub(super) struct Captures<'a> {
    text: &'a str,
    locs: &'a Slots,
    names: &'a FxHashMap<Box<str>, usize>,
}

impl<'a> Captures<'a> {
    /// Group `i`, when it took part in the match.
    pub(super) fn get(&self, i: usize) -> Option<Match<'a>> {
        self.locs.get_group(i).map(|s| Match { text: self.text, start: s.start, end: s.end })
    }

    /// The group named `name`, when the pattern has it and it took part in the match.
    pub(super) fn name(&self, name: &str) -> Option<Match<'a>> {
        self.names.get(name).and_then(|&i| self.get(i))
    }
}

impl std::ops::Index<&str> for Captures<'_> {
    type Output = str;

    /// The text of group `name`; panics when it did not take part, as `regex` does.
    fn index(&self, name: &str) -> &str {
        self.name(name).map(|m| m.as_str()).unwrap_or_else(|| panic!("no group named '{name}'"))
    }
}

/// Where a group matched, and its text.
#[derive(Clone, Copy, Debug)]
pub(super) struct Match<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> Match<'a> {
    pub(super) fn start(&self) -> usize {
        self.start
    }

    pub(super) fn end(&self) -> usize {
        self.end
    }

    pub(super) fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub(super) fn as_str(&self) -> &'a str {
        &self.text[self.start..self.end]
    }
}

/// The span of a match: group `m` where the pattern has one, else the whole match.
fn span<'h>(c: &Captures<'h>) -> Match<'h> {
    c.name("m").or_else(|| c.get(0)).expect("group 0 always matches")
}
