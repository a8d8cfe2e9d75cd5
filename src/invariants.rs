//! Invariants of the pipeline's output, checked in one place.
//!
//! The fuzz targets (`fuzz/`), the property tests (`tests/invariants.rs`) and the replay of
//! fuzz regressions (`tests/fuzz_regressions.rs`) all call these functions, so a claim of the
//! README ("`text[start:end]` is the mention", "sentences never overlap") is checked the same
//! way everywhere. Each returns the first violation found, as a message.
//!
//! What is claimed, and why:
//! * every offset lies inside the text and on a character boundary (the frame layer converts
//!   byte offsets to code points, and slicing a `str` off a boundary panics);
//! * the code-point offsets the frame layer computes select the same text as the byte
//!   offsets (what Python's `text[start:end]` and polars `str.slice` see);
//! * sentences are non-empty, trimmed, in order, do not overlap and never span a line break
//!   (the cleaner puts one paragraph per line);
//! * mentions are non-empty, sorted by start, disjoint, and each lies inside one sentence:
//!   [`crate::extract::resolve`] drops candidates that straddle a sentence boundary, so a
//!   mention never straddles two sentences (the `sent_id` of a mention is well defined);
//! * the clean text has one paragraph per line: no `\r`, no empty line but single paragraph breaks of HTML articles, no control
//!   character, whitespace collapsed to single spaces, no space at either end of a line;
//! * the alignment covers the clean text and maps it back inside the raw text.

#![doc(hidden)]

use std::ops::Range;

use crate::clean::Cleaned;
use crate::doc::{Document, Mention};

/// Checks one range of `text`.
fn check_range(text: &str, r: &Range<usize>, what: &str) -> Result<(), String> {
    if r.start > r.end || r.end > text.len() {
        return Err(format!("{what} {r:?} outside text of {} bytes", text.len()));
    }
    if !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
        return Err(format!("{what} {r:?} not on a character boundary"));
    }
    Ok(())
}

/// Sentences of `text`: inside, on boundaries, non-empty, trimmed, ordered, disjoint, one line.
pub fn check_sentences(text: &str, sentences: &[Range<usize>]) -> Result<(), String> {
    let mut prev_end = 0;
    for (i, s) in sentences.iter().enumerate() {
        let what = format!("sentence {i}");
        check_range(text, s, &what)?;
        if s.start >= s.end {
            return Err(format!("{what} {s:?} is empty"));
        }
        if s.start < prev_end {
            return Err(format!("{what} {s:?} starts before the previous one ends at {prev_end}"));
        }
        let t = &text[s.clone()];
        if t.contains('\n') {
            return Err(format!("{what} {s:?} spans a line break: {t:?}"));
        }
        if t.trim() != t {
            return Err(format!("{what} {s:?} is not trimmed: {t:?}"));
        }
        prev_end = s.end;
    }
    Ok(())
}

/// Mentions of `text`: inside, on boundaries, non-empty, sorted, disjoint, inside a sentence.
pub fn check_mentions(text: &str, sentences: &[Range<usize>], mentions: &[Mention]) -> Result<(), String> {
    let mut prev_end = 0;
    for (i, m) in mentions.iter().enumerate() {
        let r = m.start..m.end;
        let what = format!("mention {i} ({})", m.label);
        check_range(text, &r, &what)?;
        if m.start >= m.end {
            return Err(format!("{what} {r:?} is empty"));
        }
        if m.start < prev_end {
            return Err(format!("{what} {r:?} overlaps or precedes the previous mention ending at {prev_end}"));
        }
        prev_end = m.end;
        // The same lookup as the frame layer's `sent_id`.
        if !crate::segment::within_one(sentences, m.start, m.end) {
            return Err(format!("{what} {r:?} {:?} is not inside one sentence", &text[r.clone()]));
        }
        if !m.score.is_finite() {
            return Err(format!("{what} has score {}", m.score));
        }
    }
    Ok(())
}

/// Code-point offset of byte offset `b` (on a boundary) of `text`.
fn char_offset(text: &str, b: usize) -> usize {
    text[..b].chars().count()
}

/// The code-point offsets of every sentence and mention select the same text as its byte
/// offsets: what a Python user slicing `documents.text` gets.
pub fn check_char_offsets(text: &str, ranges: impl IntoIterator<Item = Range<usize>>) -> Result<(), String> {
    let chars: Vec<char> = text.chars().collect();
    for r in ranges {
        let (cs, ce) = (char_offset(text, r.start), char_offset(text, r.end));
        let by_chars: String = chars[cs..ce].iter().collect();
        if by_chars != text[r.clone()] {
            return Err(format!("code points {cs}..{ce} give {by_chars:?}, bytes {r:?} give {:?}", &text[r.clone()]));
        }
    }
    Ok(())
}

/// Clean text: one paragraph per line, whitespace collapsed, no controls; an empty line
/// only as a single paragraph break between two content lines (extracted HTML articles).
pub fn check_clean_text(text: &str) -> Result<(), String> {
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, &line) in lines.iter().enumerate() {
        let inner_break = i > 0 && i + 1 < lines.len() && !lines[i - 1].is_empty() && !lines[i + 1].is_empty();
        if line.is_empty() && !text.is_empty() && !inner_break {
            return Err(format!("line {i} is empty"));
        }
        if line.starts_with(' ') || line.ends_with(' ') {
            return Err(format!("line {i} has a space at an end: {line:?}"));
        }
        if line.contains("  ") {
            return Err(format!("line {i} has two spaces in a row: {line:?}"));
        }
        if let Some(c) = line.chars().find(|&c| (c.is_whitespace() && c != ' ') || c.is_control()) {
            return Err(format!("line {i} has {c:?}: {line:?}"));
        }
    }
    Ok(())
}

/// The result of [`crate::clean::clean`] on `raw`.
pub fn check_cleaned(raw: &str, c: &Cleaned) -> Result<(), String> {
    check_clean_text(&c.text)?;
    c.alignment.check(&c.text, raw)?;
    if let Some(t) = &c.title {
        if c.text.split('\n').next() != Some(t.as_str()) {
            return Err(format!("title {t:?} is not the first line"));
        }
    }
    if c.boilerplate.len() != c.boilerplate_lines.len() {
        return Err("boilerplate and boilerplate_lines differ in length".into());
    }
    if c.boilerplate_lines.windows(2).any(|w| w[0] >= w[1]) {
        return Err(format!("boilerplate lines not increasing: {:?}", c.boilerplate_lines));
    }
    Ok(())
}

/// Every invariant of a processed document. `raw` is the decoded input, when the caller
/// has it, to check the alignment back to it.
pub fn check_document(d: &Document, raw: Option<&str>) -> Result<(), String> {
    if d.error.is_some() {
        if !d.text.is_empty() || !d.sentences.is_empty() || !d.mentions.is_empty() {
            return Err(format!("failed document {:?} has content", d.error));
        }
        return Ok(());
    }
    if d.text.is_empty() {
        return Err("document without text and without error".into());
    }
    check_clean_text(&d.text)?;
    check_sentences(&d.text, &d.sentences)?;
    check_mentions(&d.text, &d.sentences, &d.mentions)?;
    check_char_offsets(
        &d.text,
        d.sentences.iter().cloned().chain(d.mentions.iter().map(|m| m.start..m.end)),
    )?;
    if let Some(raw) = raw {
        d.alignment.check(&d.text, raw)?;
        let n_raw = raw.chars().count();
        for m in &d.mentions {
            let (s, e) = (d.alignment.raw_char_start(&d.text, m.start), d.alignment.raw_char_end(&d.text, m.end));
            if s > e || e > n_raw {
                return Err(format!("mention {}..{} maps to raw chars {s}..{e} of {n_raw}", m.start, m.end));
            }
        }
    }
    Ok(())
}

/// The bodies of the fuzz targets (`fuzz/fuzz_targets/*.rs`), here so that the regression
/// test (`tests/fuzz_regressions.rs`) replays saved inputs through exactly the same checks.
/// Each returns the first violated invariant; a panic is a failure too.
pub mod targets {
    use std::sync::OnceLock;

    use super::*;
    use crate::clean::{self, CleanOptions, Rules};
    use crate::extract::{self, ExtractOptions};
    use crate::ingest::{self, Format, IngestOptions, RawDoc};
    use crate::kb::Kb;
    use crate::ner::Model;
    use crate::pipeline::{self, Input, Options};
    use crate::segment;

    /// Largest input the targets look at; the fuzz script passes the same `-max_len`.
    pub const MAX_LEN: usize = 8192;

    fn rules() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(Rules::default)
    }

    /// Forced encodings tried by [`decode`]: none, the common legacy ones, a bad label.
    const ENCODINGS: [Option<&str>; 6] =
        [None, None, Some("windows-1256"), Some("windows-1252"), Some("utf-16le"), Some("no-such-encoding")];

    /// Decoding and ingest: `from_bytes` for text and HTML, JSONL records, gzip inflation
    /// with a size limit. The first byte picks the forced encoding; the rest are the bytes.
    pub fn decode(data: &[u8]) -> Result<(), String> {
        let (sel, bytes) = match data.split_first() {
            Some((s, b)) => (*s, b),
            None => (0, data),
        };
        let opts = IngestOptions {
            encoding: ENCODINGS[sel as usize % ENCODINGS.len()].map(str::to_string),
            ..IngestOptions::default()
        };
        for format in [Format::Text, Format::Html] {
            let doc = ingest::from_bytes("f".into(), bytes, format, &opts);
            if let (Ok(t), None, Ok(s)) = (&doc.text, &opts.encoding, std::str::from_utf8(bytes)) {
                // Valid UTF-8 without a BOM is taken as is (unless it reads as BOM-less UTF-16).
                let utf16 = doc.encoding.as_deref().is_some_and(|e| e.starts_with("utf-16"));
                if format == Format::Text && !utf16 && !s.starts_with('\u{feff}') && t != s {
                    return Err(format!("valid UTF-8 {s:?} decoded as {t:?}"));
                }
            }
        }
        let docs = ingest::jsonl("f.jsonl", bytes, &opts);
        if docs.is_empty() {
            return Err("a JSONL input yielded no document".into());
        }
        let limit = (sel as u64) * 64;
        match ingest::read_limited(bytes, true, limit) {
            Ok(inflated) if inflated.len() as u64 > limit => {
                return Err(format!("inflated {} bytes past the limit {limit}", inflated.len()));
            }
            Ok(inflated) => {
                let _ = ingest::from_bytes("f.gz".into(), &inflated, Format::Text, &opts);
            }
            Err(_) => {}
        }
        match ingest::read_limited(bytes, false, limit) {
            Ok(b) if b != bytes => return Err("plain read changed the bytes".into()),
            Err(_) if (bytes.len() as u64) <= limit => return Err("plain read under the limit failed".into()),
            _ => {}
        }
        Ok(())
    }

    /// Cleaning with the shipped rules and with none.
    pub fn clean(data: &[u8]) -> Result<(), String> {
        let raw = String::from_utf8_lossy(data);
        let c = clean::clean(&raw, rules(), CleanOptions { detect_title: true, blank_lines: false, tail: true });
        check_cleaned(&raw, &c)?;
        let c = clean::clean(&raw, rules(), CleanOptions { detect_title: true, blank_lines: true, tail: false });
        check_cleaned(&raw, &c)?;
        let c = clean::clean(&raw, &Rules::none(), CleanOptions { detect_title: false, blank_lines: false, tail: true });
        check_cleaned(&raw, &c)?;
        if c.title.is_some() || !c.boilerplate.is_empty() {
            return Err("no rules, no title detection, yet a title or boilerplate".into());
        }
        Ok(())
    }

    /// Segmentation of arbitrary text (also raw, uncleaned text: the function must not care).
    pub fn segment(data: &[u8]) -> Result<(), String> {
        let text = String::from_utf8_lossy(data);
        let sentences = segment::sentences(&text);
        check_sentences(&text, &sentences)?;
        check_char_offsets(&text, sentences.iter().cloned())?;
        let _ = segment::count_words(&text);
        Ok(())
    }

    /// Extraction on arbitrary text. The first byte picks the model (none, English, Arabic)
    /// and the document date; the text is cleaned first half of the time, as in the pipeline.
    pub fn extract(data: &[u8]) -> Result<(), String> {
        let (sel, bytes) = match data.split_first() {
            Some((s, b)) => (*s, b),
            None => return Ok(()),
        };
        let mut text = String::from_utf8_lossy(bytes).into_owned();
        if sel & 4 != 0 {
            text = clean::clean(&text, rules(), CleanOptions { detect_title: false, blank_lines: false, tail: true }).text;
        }
        let model = match sel % 4 {
            1 => Model::builtin("en"),
            2 => Model::builtin("ar"),
            _ => None,
        };
        let doc_date = (sel & 8 != 0).then_some("2024-02-29");
        let sentences = segment::sentences(&text);
        let mentions = extract::mentions(&text, &sentences, Kb::builtin(), ExtractOptions { doc_date, model, ..Default::default() });
        check_mentions(&text, &sentences, &mentions)?;
        check_char_offsets(&text, mentions.iter().map(|m| m.start..m.end))?;
        Ok(())
    }

    /// The whole pipeline on a small batch: the input split at `0x1e` (record separator)
    /// into up to four documents, each decoded from bytes. Checks every document, that no
    /// document hid a panic as `[D099]`, and that 1 and 2 threads give the same documents
    /// and the same corpus analysis.
    pub fn pipeline(data: &[u8]) -> Result<(), String> {
        let opts = IngestOptions::default();
        let raws: Vec<RawDoc> = data
            .split(|&b| b == 0x1e)
            .take(4)
            .enumerate()
            .map(|(i, b)| ingest::from_bytes(format!("d{i}"), b, Format::Text, &opts))
            .collect();
        let decoded: Vec<Option<String>> = raws.iter().map(|r| r.text.as_ref().ok().cloned()).collect();
        let run = |n| {
            let o = Options { n_threads: Some(n), ..Options::default() };
            let inputs = raws.iter().cloned().map(Input::Doc).collect();
            let docs = pipeline::run(inputs, &o).map_err(|e| e.to_string())?;
            let analysis = pipeline::analyse(&docs, &o).map_err(|e| e.to_string())?;
            Ok::<_, String>((docs, format!("{analysis:?}")))
        };
        let (one, a1) = run(1)?;
        let (two, a2) = run(2)?;
        if one.len() != raws.len() {
            return Err(format!("{} inputs gave {} documents", raws.len(), one.len()));
        }
        for (d, raw) in one.iter().zip(&decoded) {
            if let Some(e) = d.error.as_deref().filter(|e| e.starts_with("[D099]")) {
                return Err(format!("document {}: {e}", d.source));
            }
            check_document(d, raw.as_deref()).map_err(|e| format!("document {}: {e}", d.source))?;
        }
        if one != two {
            return Err("documents differ between 1 and 2 threads".into());
        }
        if a1 != a2 {
            return Err("analysis differs between 1 and 2 threads".into());
        }
        Ok(())
    }
}
