//! Cleaning: raw text to clean text, recording every change.
//!
//! The cleaner works line by line, because that is how scrapers leave boilerplate: an ad
//! marker, a comment widget or a breadcrumb is a line of its own. Each line is normalised
//! (mojibake repaired, NFC, no-break and other spaces made plain, runs of whitespace
//! collapsed), then classified against the boilerplate [`Rules`]. Content lines are joined
//! with `\n`; boilerplate lines go to [`Cleaned::boilerplate`].
//!
//! Nothing is lost: [`Alignment`] maps every position of the clean text back to the raw
//! text, so a mention found in the clean text can be shown, or scored, in the original.

use std::ops::Range;

use regex::RegexSet;
use serde::Deserialize;
use unicode_normalization::{char::canonical_combining_class, is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::error::{Error, Result};

mod mojibake;
use mojibake::*;

/// The boilerplate rules shipped with newsframe.
pub const DEFAULT_RULES: &str = include_str!("../../python/newsframe/data/boilerplate.toml");

/// Lines longer than this are never boilerplate; skipping them keeps a 50 MB line cheap.
const MAX_BOILERPLATE_LINE: usize = 600;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    version: u32,
    #[serde(default)]
    tail: Option<TailSpec>,
    #[serde(default)]
    mojibake: Vec<MojibakeSpec>,
    #[serde(default)]
    rule: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TailSpec {
    max_words: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MojibakeSpec {
    from: String,
    to: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    name: String,
    pattern: String,
}

/// Compiled boilerplate rules: line patterns, mojibake replacements and the tail heuristic.
#[derive(Debug, Clone)]
pub struct Rules {
    names: Vec<String>,
    patterns: Vec<String>,
    set: RegexSet,
    mojibake: Vec<(String, String)>,
    /// First characters of the `mojibake` keys, to skip the table quickly.
    mojibake_first: Vec<char>,
    tail_max_words: usize,
}

impl Default for Rules {
    fn default() -> Self {
        Rules::from_toml(&[DEFAULT_RULES]).expect("shipped boilerplate rules are valid")
    }
}

impl Rules {
    /// Compiles one or more rule files (TOML text), later files adding to earlier ones; a
    /// later `[tail]` overrides an earlier one.
    pub fn from_toml<S: AsRef<str>>(files: &[S]) -> Result<Rules> {
        let mut names = Vec::new();
        let mut patterns = Vec::new();
        let mut mojibake = Vec::new();
        let mut tail_max_words = 0;
        for text in files {
            let file: RuleFile =
                toml::from_str(text.as_ref()).map_err(|e| Error::Config(format!("rule file: {e}")))?;
            if file.version != 1 {
                return Err(Error::Config(format!("rule file version {} (expected 1)", file.version)));
            }
            if let Some(t) = file.tail {
                tail_max_words = t.max_words;
            }
            for m in file.mojibake {
                if m.from.is_empty() {
                    return Err(Error::Config("mojibake entry with an empty `from`".into()));
                }
                mojibake.push((m.from, m.to));
            }
            for r in file.rule {
                if let Err(e) = regex::Regex::new(&r.pattern) {
                    return Err(Error::BadRule { name: r.name, message: e.to_string() });
                }
                names.push(r.name);
                patterns.push(r.pattern);
            }
        }
        let set = RegexSet::new(&patterns).map_err(|e| Error::Config(e.to_string()))?;
        let mojibake_first = mojibake.iter().filter_map(|(f, _)| f.chars().next()).collect();
        Ok(Rules { names, patterns, set, mojibake, mojibake_first, tail_max_words })
    }

    /// Rules that remove nothing (but still repair and normalise text).
    pub fn none() -> Rules {
        Rules {
            names: vec![],
            patterns: vec![],
            set: RegexSet::empty(),
            mojibake: vec![],
            mojibake_first: vec![],
            tail_max_words: 0,
        }
    }

    /// The name of the first rule matching `line`, if any.
    pub fn matching(&self, line: &str) -> Option<&str> {
        if line.len() > MAX_BOILERPLATE_LINE {
            return None;
        }
        self.set.matches(line).iter().next().map(|i| self.names[i].as_str())
    }

    /// The rule patterns, by name.
    pub fn patterns(&self) -> impl Iterator<Item = (&str, &str)> {
        self.names.iter().map(String::as_str).zip(self.patterns.iter().map(String::as_str))
    }
}

/// One stretch of clean text and the raw text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    out: usize,
    out_len: usize,
    raw: usize,
    raw_len: usize,
    /// `raw` and `raw_len` in characters, filled in by [`Alignment::index_chars`].
    raw_char: usize,
    raw_char_len: usize,
    /// Copied verbatim: positions inside map one to one.
    copy: bool,
}

/// Longest copied piece of an [`Alignment`], in bytes; see [`Alignment::index_chars`].
const MAX_COPY_PIECE: usize = 512;

/// Maps byte offsets of the clean text back to byte offsets of the raw text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    pieces: Vec<Piece>,
}

impl Alignment {
    fn copy(&mut self, out: usize, raw: Range<usize>) {
        if let Some(last) = self.pieces.last_mut() {
            if last.copy && last.out + last.out_len == out && last.raw + last.raw_len == raw.start {
                last.out_len += raw.len();
                last.raw_len += raw.len();
                return;
            }
        }
        self.pieces.push(Piece { out, out_len: raw.len(), raw: raw.start, raw_len: raw.len(), raw_char: 0, raw_char_len: 0, copy: true });
    }

    fn replace(&mut self, out: usize, out_len: usize, raw: Range<usize>) {
        self.pieces.push(Piece { out, out_len, raw: raw.start, raw_len: raw.len(), raw_char: 0, raw_char_len: 0, copy: false });
    }

    fn find(&self, out: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.out + p.out_len <= out);
        self.pieces.get(i)
    }

    /// Fills in character offsets of the raw text, in one pass (pieces are in raw order).
    ///
    /// Copied pieces are first cut into runs of at most [`MAX_COPY_PIECE`] bytes: a lookup
    /// counts the characters from its piece's start, and one long unchanged line (a 1 MB
    /// paragraph) would otherwise make every mention of it cost the length of the line.
    fn index_chars(&mut self, raw: &str) {
        if self.pieces.iter().any(|p| p.copy && p.raw_len > MAX_COPY_PIECE) {
            let mut pieces = Vec::with_capacity(self.pieces.len());
            for p in self.pieces.drain(..) {
                let mut rest = p;
                while rest.copy && rest.raw_len > MAX_COPY_PIECE {
                    let mut cut = MAX_COPY_PIECE;
                    while !raw.is_char_boundary(rest.raw + cut) {
                        cut -= 1;
                    }
                    pieces.push(Piece { out_len: cut, raw_len: cut, ..rest });
                    rest = Piece { out: rest.out + cut, out_len: rest.out_len - cut, raw: rest.raw + cut, raw_len: rest.raw_len - cut, ..rest };
                }
                pieces.push(rest);
            }
            self.pieces = pieces;
        }
        let (mut byte, mut chars) = (0usize, 0usize);
        for p in &mut self.pieces {
            if p.raw < byte {
                (byte, chars) = (0, 0);
            }
            chars += raw[byte..p.raw].chars().count();
            byte = p.raw;
            p.raw_char = chars;
            p.raw_char_len = raw[p.raw..p.raw + p.raw_len].chars().count();
        }
    }

    /// Checks that the pieces cover `clean` in order, map inside `raw` in order and on
    /// character boundaries, and that copied pieces are equal on both sides. Used by
    /// [`crate::invariants`].
    #[doc(hidden)]
    pub fn check(&self, clean: &str, raw: &str) -> std::result::Result<(), String> {
        let (mut out, mut raw_at) = (0usize, 0usize);
        for (i, p) in self.pieces.iter().enumerate() {
            let (o, r) = (p.out..p.out + p.out_len, p.raw..p.raw + p.raw_len);
            if p.out != out {
                return Err(format!("alignment piece {i} starts at {} instead of {out}", p.out));
            }
            if p.raw < raw_at {
                return Err(format!("alignment piece {i} goes back in the raw text to {}", p.raw));
            }
            if o.end > clean.len() || !clean.is_char_boundary(o.start) || !clean.is_char_boundary(o.end) {
                return Err(format!("alignment piece {i}: clean range {o:?} not on boundaries"));
            }
            if r.end > raw.len() || !raw.is_char_boundary(r.start) || !raw.is_char_boundary(r.end) {
                return Err(format!("alignment piece {i}: raw range {r:?} not on boundaries"));
            }
            if p.copy && clean[o.clone()] != raw[r.clone()] {
                return Err(format!("alignment piece {i}: copied {:?} from {:?}", &clean[o], &raw[r]));
            }
            if p.raw_char != raw[..p.raw].chars().count() || p.raw_char_len != raw[r.clone()].chars().count() {
                return Err(format!("alignment piece {i}: character offsets wrong"));
            }
            (out, raw_at) = (o.end, r.end);
        }
        if out != clean.len() {
            return Err(format!("alignment covers {out} of {} bytes", clean.len()));
        }
        Ok(())
    }

    /// The raw character offset where the clean text at byte `out` of `clean` came from.
    pub fn raw_char_start(&self, clean: &str, out: usize) -> usize {
        match self.find(out) {
            Some(p) if p.copy => p.raw_char + clean[p.out..out].chars().count(),
            Some(p) => p.raw_char,
            None => self.pieces.last().map_or(0, |p| p.raw_char + p.raw_char_len),
        }
    }

    /// The raw character offset just after the clean text of `clean` that ends at byte `out`.
    pub fn raw_char_end(&self, clean: &str, out: usize) -> usize {
        if out == 0 {
            return self.pieces.first().map_or(0, |p| p.raw_char);
        }
        match self.find(out - 1) {
            Some(p) if p.copy => p.raw_char + clean[p.out..out].chars().count(),
            Some(p) => p.raw_char + p.raw_char_len,
            None => self.pieces.last().map_or(0, |p| p.raw_char + p.raw_char_len),
        }
    }

    /// The raw offset where the clean character starting at `out` came from.
    pub fn raw_start(&self, out: usize) -> usize {
        match self.find(out) {
            Some(p) if p.copy => p.raw + (out - p.out),
            Some(p) => p.raw,
            None => self.pieces.last().map_or(0, |p| p.raw + p.raw_len),
        }
    }

    /// The raw offset just after the clean text that ends at `out`.
    pub fn raw_end(&self, out: usize) -> usize {
        if out == 0 {
            return self.pieces.first().map_or(0, |p| p.raw);
        }
        match self.find(out - 1) {
            Some(p) if p.copy => p.raw + (out - p.out),
            Some(p) => p.raw + p.raw_len,
            None => self.pieces.last().map_or(0, |p| p.raw + p.raw_len),
        }
    }
}

/// The result of cleaning one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Content lines, normalised, joined with `\n`.
    pub text: String,
    /// The first content line when it reads as a headline.
    pub title: Option<String>,
    /// Removed lines, normalised, in document order.
    pub boilerplate: Vec<String>,
    /// 0-based raw line numbers of the removed lines.
    pub boilerplate_lines: Vec<usize>,
    /// Clean-to-raw offset map.
    pub alignment: Alignment,
}

/// Options of [`clean`].
#[derive(Debug, Clone, Copy)]
pub struct CleanOptions {
    /// Detect a headline on the first content line.
    pub detect_title: bool,
    /// Keep one blank line where the raw text had blank lines between content lines
    /// (paragraph breaks of extracted HTML articles).
    pub blank_lines: bool,
    /// Apply the rules' tail heuristic (short non-prose lines after the last prose line are
    /// boilerplate). Off for extracted HTML articles, whose extractor already judged them:
    /// a closing heading and list are content there.
    pub tail: bool,
}

/// Cleans `raw`: normalises every line, removes boilerplate lines, detects the title.
///
/// ```
/// use newsframe::clean::{clean, CleanOptions, Rules};
/// let raw = "Algeria and Russia sign a deal\n[ad_1]\nThe deal\u{a0}was  signed.\nLeave a Reply";
/// let c = clean(raw, &Rules::default(), CleanOptions { detect_title: true, blank_lines: false, tail: true });
/// assert_eq!(c.text, "Algeria and Russia sign a deal\nThe deal was signed.");
/// assert_eq!(c.title.as_deref(), Some("Algeria and Russia sign a deal"));
/// assert_eq!(c.boilerplate, ["[ad_1]", "Leave a Reply"]);
/// ```
pub fn clean(raw: &str, rules: &Rules, opts: CleanOptions) -> Cleaned {
    // Lines are normalised straight into the output; a line that turns out to be
    // boilerplate is cut off again, which is cheaper than a buffer per line.
    struct Kept {
        number: usize,
        /// Where the line (with the `\n` before it) starts in the output and alignment.
        out_start: usize,
        pieces_start: usize,
        prose: bool,
    }
    let mut out = Cleaned::default();
    let mut kept: Vec<Kept> = Vec::new();
    let mut removed: Vec<(usize, String)> = Vec::new();
    let mut prev_end: Option<usize> = None;
    let mut blank = false;
    for (number, range) in line_ranges(raw).enumerate() {
        let out_start = out.text.len();
        let pieces_start = out.alignment.pieces.len();
        if let Some(end) = prev_end {
            let sep = if blank && opts.blank_lines { "\n\n" } else { "\n" };
            out.alignment.replace(out_start, sep.len(), end..range.start);
            out.text.push_str(sep);
        }
        let line_start = out.text.len();
        normalise_line(&raw[range.clone()], range.start, rules, &mut out.text, &mut out.alignment);
        let line = &out.text[line_start..];
        let boilerplate = !line.is_empty() && rules.matching(line).is_some();
        if boilerplate {
            removed.push((number, line.to_string()));
        }
        if line.is_empty() || boilerplate {
            blank |= line.is_empty();
            out.text.truncate(out_start);
            out.alignment.pieces.truncate(pieces_start);
            continue;
        }
        blank = false;
        // A line with figures is the article's data (results, standings, a table of
        // prices), which runs to the end of many reports; furniture rarely has digits.
        let prose = rules.tail_max_words > 0
            && (reads_as_prose(line, rules.tail_max_words) || line.chars().any(|c| c.is_ascii_digit() || ('\u{660}'..='\u{669}').contains(&c)));
        kept.push(Kept { number, out_start, pieces_start, prose });
        prev_end = Some(range.end);
    }
    if rules.tail_max_words > 0 && opts.tail {
        if let Some(last) = kept.iter().rposition(|k| k.prose) {
            if let Some(first_tail) = kept.get(last + 1) {
                let cut = (first_tail.out_start, first_tail.pieces_start);
                for (i, k) in kept.iter().enumerate().skip(last + 1) {
                    let end = kept.get(i + 1).map_or(out.text.len(), |n| n.out_start);
                    let text = out.text[k.out_start..end].trim_start_matches('\n').to_string();
                    removed.push((k.number, text));
                }
                out.text.truncate(cut.0);
                out.alignment.pieces.truncate(cut.1);
                removed.sort_by_key(|(n, _)| *n);
            }
        }
    }
    out.alignment.index_chars(raw);
    for (number, text) in removed {
        out.boilerplate_lines.push(number);
        out.boilerplate.push(text);
    }
    if opts.detect_title {
        let first = out.text.split('\n').next().unwrap_or("");
        if out.text.len() > first.len() && is_headline(first) {
            out.title = Some(first.to_string());
        }
    }
    out
}

/// Byte ranges of the lines of `s`, without their terminators (`\n`, `\r\n` or `\r`).
fn line_ranges(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        if start > b.len() {
            return None;
        }
        while i < b.len() {
            if b[i] == b'\n' || b[i] == b'\r' {
                let r = start..i;
                i += if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
                return Some(r);
            }
            i += 1;
        }
        let r = start..b.len();
        start = b.len() + 1;
        Some(r)
    })
}

/// Sentence-final punctuation, in the scripts we segment.
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '؟' | '。' | '！' | '？')
}

/// Closing quotes and brackets that may follow sentence-final punctuation.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』')
}

fn reads_as_prose(line: &str, max_words: usize) -> bool {
    let last = line.trim_end_matches(is_closer).chars().next_back();
    last.is_some_and(is_terminal) || line.split_whitespace().count() > max_words
}

/// A headline: a short line that does not end like a sentence and starts like a title.
fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let last = line.trim_end_matches(is_closer).chars().next_back();
    let first = line.chars().next();
    (2..=30).contains(&words)
        && line.chars().count() <= 250
        && !last.is_some_and(|c| matches!(c, '.' | ',' | ':' | ';' | '؛' | '،' | '…'))
        && !first.is_some_and(char::is_lowercase)
}

/// Normalises one line into `out`, recording where each output byte came from.
fn normalise_line(line: &str, raw_base: usize, rules: &Rules, out: &mut String, align: &mut Alignment) {
    let out_base = out.len();
    // ASCII is NFC: most lines of English news need no per-character check.
    let check_nfc = !line.is_ascii() && !matches!(is_nfc_quick(line.chars()), IsNormalized::Yes);
    // Start of a pending run of whitespace, which becomes one space if content follows
    // (none at the start of the line: leading whitespace is trimmed).
    let mut space: Option<usize> = None;
    let flush_space = |space: &mut Option<usize>, i: usize, out: &mut String, align: &mut Alignment| {
        if let Some(s) = space.take() {
            if out.len() > out_base {
                let raw = raw_base + s..raw_base + i;
                if &line[s..i] == " " {
                    align.copy(out.len(), raw);
                } else {
                    align.replace(out.len(), 1, raw);
                }
                out.push(' ');
            }
        }
    };
    // End of the last run of non-ASCII characters that the run repair left alone.
    let mut checked_until = 0;
    let mut i = 0;
    while i < line.len() {
        // Fast path: a run of characters that no step changes is copied as is.
        let run = plain_run(&line[i..], check_nfc, &rules.mojibake_first);
        if run > 0 {
            let j = i + run;
            flush_space(&mut space, i, out, align);
            align.copy(out.len(), raw_base + i..raw_base + j);
            out.push_str(&line[i..j]);
            i = j;
            continue;
        }
        let rest = &line[i..];
        let c = rest.chars().next().expect("in bounds");
        // Replacement text and the number of raw bytes it replaces, if any.
        let mut fix: Option<(String, usize)> = None;
        if c as u32 >= 0x80 {
            if let Some((from, to)) = rules.mojibake.iter().find(|(f, _)| rest.starts_with(f.as_str())) {
                fix = Some((to.clone(), from.len()));
            } else {
                if i >= checked_until {
                    let len = mojibake_run_len(rest, rules);
                    if let Some(fixed) = repair_run(&rest[..len]) {
                        let raw = raw_base + i..raw_base + i + len;
                        push_repaired(&fixed, raw, i, &mut space, out, align, &flush_space);
                        i += len;
                        continue;
                    }
                    checked_until = i + len;
                }
                if let Some((ch, len)) = repair_cp1252(rest) {
                    fix = Some((ch.to_string(), len));
                }
            }
        }
        // A space or control is handled on its own even when combining marks follow it:
        // composing the sequence would carry the space or control into the text as a
        // non-space piece (a leading or doubled space, a control kept). The marks are then
        // normalised as a sequence of their own, as when the line is already NFC.
        if fix.is_none() && check_nfc && !is_space_char(c) && !is_dropped_char(c) {
            if canonical_combining_class(c) != 0 || has_combining_next(rest) {
                let len = combining_sequence_len(rest);
                let seq = &rest[..len];
                let nfc: String = seq.nfc().collect();
                if nfc != seq {
                    fix = Some((nfc, len));
                }
            }
        }
        let (piece, len): (std::borrow::Cow<str>, usize) = match fix {
            Some((s, len)) => (s.into(), len),
            None => (std::borrow::Cow::Borrowed(&rest[..c.len_utf8()]), c.len_utf8()),
        };
        // Between two Latin letters a zero-width character only breaks the word that shows
        // whole on screen ("Abdel‍madjid", "Teb​boune"); in Arabic, Persian or emoji
        // sequences joiners mean something and stay, and a zero-width space elsewhere is
        // a word break like any space.
        let inside_latin_word = is_zero_width(c) && {
            let before = out[out_base..].chars().next_back();
            let after = rest[len..].chars().next();
            before.is_some_and(is_latin_letter) && after.is_some_and(is_latin_letter)
        };
        let is_space = !piece.is_empty() && piece.chars().all(is_space_char) && !inside_latin_word;
        let dropped = piece.chars().all(is_dropped_char) || inside_latin_word;
        if is_space {
            space.get_or_insert(i);
        } else if !dropped || piece.is_empty() {
            flush_space(&mut space, i, out, align);
            if !piece.is_empty() {
                if matches!(piece, std::borrow::Cow::Borrowed(_)) {
                    align.copy(out.len(), raw_base + i..raw_base + i + len);
                } else {
                    align.replace(out.len(), piece.len(), raw_base + i..raw_base + i + len);
                }
                out.push_str(&piece);
            }
        }
        i += len;
    }
}

/// Length in bytes of the leading run of `s` that normalisation leaves untouched: printable
/// ASCII, and other characters that are not spaces, controls, possible mojibake or (when
/// the line is not NFC) possibly composable.
fn plain_run(s: &str, check_nfc: bool, mojibake_first: &[char]) -> usize {
    let b = s.as_bytes();
    let mut j = 0;
    while j < b.len() {
        let x = b[j];
        if (0x21..=0x7e).contains(&x) {
            j += 1;
            continue;
        }
        // One space between printable ASCII is copied as it is: the slow path would keep it
        // pending and flush it as a copied piece that merges with its neighbours, the same
        // alignment. Leading, trailing and repeated spaces still take the slow path.
        if x == b' ' && j > 0 && b.get(j + 1).is_some_and(|n| (0x21..=0x7e).contains(n)) {
            j += 2;
            continue;
        }
        if x < 0x80 {
            break;
        }
        if check_nfc {
            // The last ASCII letter may compose with a combining mark that follows.
            return j.saturating_sub(1);
        }
        let c = s[j..].chars().next().expect("char boundary");
        let changes = is_space_char(c)
            || c.is_control()
            || is_dropped_char(c)
            || is_zero_width(c)
            || (0xc2..=0xf4).contains(&(c as u32))
            || (is_mac_roman_lead(c) && s[j + c.len_utf8()..].chars().next().and_then(mac_roman_byte).is_some_and(|b| b < 0xc0))
            || mojibake_first.contains(&c);
        if changes {
            break;
        }
        j += c.len_utf8();
    }
    j
}

fn is_space_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}')
}

/// Control characters carry no text; tab and newline are handled as whitespace.
/// Characters removed from the text (the alignment still maps around them): controls, and
/// invisible formatting that scraped pages leave inside words and names: the soft hyphen,
/// bidi marks, embeddings, overrides and isolates, the word joiner and invisible operators.
/// They change no meaning of news text, but split or hide the words that recognisers match.
fn is_dropped_char(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(c, '\u{ad}' | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}')
}

/// Zero-width space, non-joiner, joiner, and the byte-order mark used as a no-break space.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic())
}

fn has_combining_next(s: &str) -> bool {
    s.chars().nth(1).is_some_and(|c| canonical_combining_class(c) != 0)
}

/// Length of a starter followed by its combining marks.
fn combining_sequence_len(s: &str) -> usize {
    let mut chars = s.char_indices();
    let (_, first) = chars.next().expect("non-empty");
    for (j, c) in chars {
        if canonical_combining_class(c) == 0 {
            return j;
        }
    }
    let _ = first;
    s.len()
}

/// Writes a repaired run the way [`normalise_line`] writes text: NFC, dropped characters
/// left out, each run of spaces one space (a leading or trailing one pending, like any
/// space). The whole repair maps to the raw run; a space at its end maps to nothing.
// Kept out of normalise_line's loop, which the fast path makes hot.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn push_repaired<F>(fixed: &str, raw: Range<usize>, at: usize, space: &mut Option<usize>, out: &mut String, align: &mut Alignment, flush_space: &F)
where
    F: Fn(&mut Option<usize>, usize, &mut String, &mut Alignment),
{
    let mut text = String::with_capacity(fixed.len());
    let mut pending = false;
    for c in fixed.nfc() {
        if is_dropped_char(c) {
            continue;
        }
        if is_space_char(c) {
            pending = true;
            continue;
        }
        if std::mem::take(&mut pending) {
            if text.is_empty() {
                space.get_or_insert(at);
            } else {
                text.push(' ');
            }
        }
        text.push(c);
    }
    if text.is_empty() {
        if pending {
            space.get_or_insert(at);
        }
        return;
    }
    flush_space(space, at, out, align);
    align.replace(out.len(), text.len(), raw.clone());
    out.push_str(&text);
    if pending {
        *space = Some(at + raw.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut out = String::new();
        normalise_line(s, 0, &Rules::default(), &mut out, &mut Alignment::default());
        out
    }

    #[test]
    fn normalise_line_cases() {
        let cases = [
            ("  a  b\t c  ", "a b c"),
            ("a\u{a0}b", "a b"),
            ("countries,\"Ìý the press", "countries,\" the press"),
            ("5 December.Ìý", "5 December."),
            ("it\u{e2}\u{20ac}\u{2122}s", "it\u{2019}s"),
            ("caf\u{c3}\u{a9}", "caf\u{e9}"),
            ("\u{c2}\u{a0}x", "x"),
            ("cafe\u{301}", "caf\u{e9}"),
            ("“smart” quotes", "“smart” quotes"),
            ("Algérie", "Algérie"),
            ("a\u{0}b", "ab"),
            ("الجزائر\u{a0}وروسيا", "الجزائر وروسيا"),
            ("Ã", "Ã"),
            ("Abdel\u{200d}madjid Teb\u{ad}boune Teb\u{200b}boune", "Abdelmadjid Tebboune Tebboune"),
            ("a\u{200b}\u{200b}b 1\u{200b}2 x\u{200b}", "a b 1 2 x"),
            ("\u{202e}Vladimir Putin\u{202c} in \u{2066}Mos\u{2060}cow\u{2069}\u{200e}", "Vladimir Putin in Moscow"),
            ("عبد\u{200c}المجيد \u{200f}تبون", "عبد\u{200c}المجيد تبون"),
            ("\u{1f468}\u{200d}\u{1f469} a\u{200c}b", "\u{1f468}\u{200d}\u{1f469} ab"),
        ];
        for (input, want) in cases {
            assert_eq!(norm(input), want, "{input:?}");
        }
    }

    fn assert_repairs(cases: &[(&str, &str)]) {
        for (input, want) in cases {
            assert_eq!(norm(input), *want, "{input:?}");
        }
    }

    #[test]
    fn latin1_runs_are_repaired() {
        // C1 controls where windows-1252 has punctuation, which the one-character repair
        // does not take.
        assert_repairs(&[
            ("\u{d9}\u{85}\u{d8}\u{b5}\u{d8}\u{b1} news", "\u{645}\u{635}\u{631} news"),
            ("Chi\u{c8}\u{99}in\u{c4}\u{83}u", "Chi\u{219}in\u{103}u"),
            // A repaired no-break space at the end of a run stays a space.
            ("caf\u{c3}\u{a9}\u{c2}\u{a0}au lait", "caf\u{e9} au lait"),
        ]);
    }

    #[test]
    fn mac_roman_runs_are_repaired() {
        assert_repairs(&[
            ("Japan\u{201a}\u{c4}\u{f4}s deal", "Japan\u{2019}s deal"),
            ("Rep\u{221a}\u{222b}blica", "Rep\u{fa}blica"),
            ("\u{178}\u{d6}\u{ff}\u{b5}\u{ff}\u{b1} news", "\u{645}\u{635}\u{631} news"),
        ]);
    }

    #[test]
    fn double_encoding_is_repaired() {
        // UTF-8 read as windows-1252, encoded as UTF-8 and read so again; the Arabic one
        // passes through a C1 control (`Ù\u{81}`) on the way.
        assert_repairs(&[
            ("Japan\u{c3}\u{a2}\u{e2}\u{201a}\u{ac}\u{e2}\u{201e}\u{a2}s deal", "Japan\u{2019}s deal"),
            ("\u{c3}\u{192}\u{c5}\u{bd}les", "\u{ce}les"),
            ("\u{c3}\u{2122}\u{c2}\u{81}\u{c3}\u{2122}\u{c5}\u{a0}", "\u{641}\u{64a}"),
        ]);
    }

    #[test]
    fn long_runs_are_judged_once() {
        // One run of 400,000 characters: repaired whole, or refused whole and then left
        // to the one-character repair, never judged again from each of its characters.
        let cases = [
            ("\u{c3}\u{a9}".repeat(200_000), "\u{e9}".repeat(200_000)),
            ("\u{2019}\u{e9}".repeat(200_000), "\u{2019}\u{e9}".repeat(200_000)),
            ("\u{ff}".repeat(400_000), "\u{ff}".repeat(400_000)),
        ];
        for (input, want) in cases {
            let c = clean(&input, &Rules::default(), CleanOptions { detect_title: false, blank_lines: false, tail: false });
            assert!(c.text == want, "{:?}", &c.text[..40]);
            c.alignment.check(&c.text, &input).unwrap();
        }
    }

    #[test]
    fn mac_roman_leads_match_the_table() {
        let from_table: Vec<char> = mac_roman_table().iter().filter(|(_, b)| (0xc2..=0xf4).contains(b)).map(|&(c, _)| c).collect();
        assert_eq!(from_table.len(), 0xf4 - 0xc2 + 1);
        for c in (0x80..0x10000).filter_map(char::from_u32) {
            assert_eq!(is_mac_roman_lead(c), from_table.contains(&c), "{c:?}");
        }
    }

    #[test]
    fn correct_text_that_reencodes_as_utf8_is_left_alone() {
        // Each of these is valid UTF-8 in windows-1252 or Mac Roman (`’é` is U+054E, `É”`
        // U+0254, `—é` U+044E, `«Ç` U+01C2, `∆°` U+01A1), none is mojibake.
        let cases = [
            "l\u{2019}\u{e9}t\u{e9}",
            "\u{201c}\u{c9}T\u{c9}\u{201d}",
            "\u{2014}\u{e9}lu",
            "\u{ab}\u{c7}a",
            "a \u{2206}\u{b0}C rise",
            "c\u{153}ur, Stra\u{df}e\u{201d}, \u{201c}Mus\u{e9}e\u{201d} \u{2014}\u{201c}\u{c9}t\u{e9}\u{201d}",
            "\u{627}\u{644}\u{62c}\u{632}\u{627}\u{626}\u{631} \u{ab}\u{645}\u{635}\u{631}\u{bb}",
        ];
        for input in cases {
            assert_eq!(norm(input), input, "{input:?}");
        }
    }

    #[test]
    fn repaired_runs_keep_a_valid_alignment() {
        let raw = "Japan\u{201a}\u{c4}\u{f4}s  deal, Cuba\nSchlang said\u{c3}\u{a9}\u{c2}\u{a0} ok\n\u{d8}\u{a7}\u{d9}\u{84}\u{d8}\u{b9}\u{d8}\u{b1}\u{d8}\u{a7}\u{d9}\u{82} war";
        let c = clean(raw, &Rules::default(), CleanOptions { detect_title: false, blank_lines: false, tail: false });
        assert_eq!(c.text, "Japan\u{2019}s deal, Cuba\nSchlang said\u{e9} ok\n\u{627}\u{644}\u{639}\u{631}\u{627}\u{642} war");
        c.alignment.check(&c.text, raw).unwrap();
        for word in ["Cuba", "ok", "war", "deal"] {
            let s = c.text.find(word).unwrap();
            assert_eq!(&raw[c.alignment.raw_start(s)..c.alignment.raw_end(s + word.len())], word);
        }
        let s = c.text.find('\u{2019}').unwrap();
        assert_eq!(&raw[c.alignment.raw_start(s)..c.alignment.raw_end(s + 3)], "\u{201a}\u{c4}\u{f4}");
    }

    #[test]
    fn alignment_maps_back_to_raw() {
        let raw = "Title here\r\n\r\n[ad_1]\nSaid  Chengriha\u{a0}met Ìý Tebboune.\nMore text.";
        let c = clean(raw, &Rules::default(), CleanOptions { detect_title: true, blank_lines: false, tail: true });
        assert_eq!(c.text, "Title here\nSaid Chengriha met Tebboune.\nMore text.");
        let raw_chars: Vec<char> = raw.chars().collect();
        for word in ["Title", "Chengriha", "Tebboune", "More text."] {
            let s = c.text.find(word).unwrap();
            let e = s + word.len();
            let (rs, re) = (c.alignment.raw_start(s), c.alignment.raw_end(e));
            assert_eq!(&raw[rs..re], word);
            let (cs, ce) = (c.alignment.raw_char_start(&c.text, s), c.alignment.raw_char_end(&c.text, e));
            assert_eq!(raw_chars[cs..ce].iter().collect::<String>(), word);
        }
        assert_eq!(c.boilerplate_lines, [2]);
    }

    #[test]
    fn long_unchanged_lines_map_back_in_short_pieces() {
        // One 40 KB line of mixed-width characters, copied as is apart from the smart quotes.
        let line = "Tebboune said «Algérie» — الجزائر ‘ok’ 😀 ".repeat(800);
        let raw = format!("Title\n\n{line}\nEnd.");
        let c = clean(&raw, &Rules::default(), CleanOptions { detect_title: true, blank_lines: false, tail: true });
        c.alignment.check(&c.text, &raw).unwrap();
        assert!(c.alignment.pieces.iter().all(|p| !p.copy || p.raw_len <= MAX_COPY_PIECE));
        let raw_chars: Vec<char> = raw.chars().collect();
        for (s, word) in c.text.match_indices("Tebboune").step_by(37) {
            let e = s + word.len();
            let (cs, ce) = (c.alignment.raw_char_start(&c.text, s), c.alignment.raw_char_end(&c.text, e));
            assert_eq!(raw_chars[cs..ce].iter().collect::<String>(), word);
        }
    }

    #[test]
    fn boilerplate_rules_cases() {
        let rules = Rules::default();
        let boiler = [
            "[ad_1]",
            "Advertisements",
            "Leave a Reply",
            "[mc4wp_form id=\"206\"]",
            "READ: Algeria and Russia to sign strategic alliance agreement",
            "Home / news / The Secretary visits",
            "Source link",
            "المصدر",
            "Exit mobile version",
            "Subscribe To Our Newsletter",
            "Your email address will not be published. Required fields are marked *",
            "اقرأ أيضا: الجزائر وروسيا",
        ];
        for line in boiler {
            assert!(rules.matching(line).is_some(), "{line}");
        }
        let content = [
            "Read the full statement below.",
            "Home ministers met on Monday.",
            "The source of the leak was not named.",
            "A revival of an old partnership",
            "[Reuters]",
            "المصدر الرئيسي للأسلحة هو روسيا.",
        ];
        for line in content {
            assert!(rules.matching(line).is_none(), "{line}");
        }
    }

    #[test]
    fn tail_fragments_are_boilerplate() {
        let raw = "Headline of the story\nThe first paragraph ends here.\nA subheading\nThe last paragraph ends.\nNews Agency/Desk\nLeave a Reply";
        let c = clean(raw, &Rules::default(), CleanOptions { detect_title: true, blank_lines: false, tail: true });
        assert_eq!(c.boilerplate, ["News Agency/Desk", "Leave a Reply"]);
        assert!(c.text.contains("A subheading"));
    }

    #[test]
    fn tables_at_the_end_stay_in_the_text() {
        let raw = "Results of the weekend's matches.\nAmerican League\nDetroit 4 Kansas City 1\nMinnesota 6 Milwaukee 1\nWestern Division\nSeattle 75 60 .556 -\nShare this article";
        let c = clean(raw, &Rules::default(), CleanOptions { detect_title: false, blank_lines: false, tail: true });
        assert!(c.text.ends_with("Seattle 75 60 .556 -"), "{:?}", c.text);
        assert!(c.text.contains("Western Division"));
        assert_eq!(c.boilerplate, ["Share this article"]);
    }

    #[test]
    fn title_detection_cases() {
        let cases = [
            ("Algeria, US discuss military cooperation\nBody.", Some("Algeria, US discuss military cooperation")),
            ("This is a sentence.\nBody.", None),
            ("only one line", None),
            ("lowercase start of a line\nBody.", None),
        ];
        for (raw, want) in cases {
            let c = clean(raw, &Rules::default(), CleanOptions { detect_title: true, blank_lines: false, tail: true });
            assert_eq!(c.title.as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn rules_reject_bad_files() {
        assert!(Rules::from_toml(&["version = 2"]).is_err());
        let bad = "version = 1\n[[rule]]\nname = \"x\"\npattern = \"(\"";
        assert!(matches!(Rules::from_toml(&[bad]), Err(Error::BadRule { .. })));
        let extra = "version = 1\n[[rule]]\nname = \"mine\"\npattern = \"^Sponsored by .*$\"";
        let rules = Rules::from_toml(&[DEFAULT_RULES, extra]).unwrap();
        assert_eq!(rules.matching("Sponsored by ACME"), Some("mine"));
    }
}
