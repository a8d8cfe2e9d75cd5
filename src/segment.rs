//! Sentence segmentation and word counts.
//!
//! A rule-based splitter, because news prose is regular and rules are fast and predictable.
//! A sentence never spans a line break: the cleaner has put one paragraph per line. Inside a
//! line a sentence ends at `.` `!` `?` `…` (and Arabic `؟` `؛`), followed by any closing
//! quotes or brackets, then whitespace, then something that can start a sentence. A period
//! after an abbreviation (`Gen.`, `No. 5`), an initial (`J. Smith`), or a dotted
//! abbreviation (`U.S.`) is not a boundary unless a typical sentence opener follows.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use crate::clean::is_closer;

const ABBREVIATIONS: &str = include_str!("../python/newsframe/data/abbreviations.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Title,
    Number,
    Other,
}

fn abbreviations() -> &'static HashMap<String, Kind> {
    static TABLE: OnceLock<HashMap<String, Kind>> = OnceLock::new();
    TABLE.get_or_init(|| {
        crate::text::data_lines(ABBREVIATIONS)
            .map(|(_, l)| l)
            .skip(1)
            .filter_map(|l| {
                let (abbr, kind) = l.split_once('\t')?;
                let kind = match kind.trim() {
                    "title" => Kind::Title,
                    "number" => Kind::Number,
                    _ => Kind::Other,
                };
                Some((abbr.trim().to_lowercase(), kind))
            })
            .collect()
    })
}

/// Words that typically open an English sentence; after an ambiguous abbreviation
/// ("in the U.S. The …") they decide for a boundary.
const OPENERS: &[&str] = &[
    "The", "He", "She", "It", "They", "We", "I", "In", "But", "A", "An", "This", "That",
    "These", "Those", "There", "His", "Her", "Its", "Their", "On", "At", "As", "And", "Meanwhile",
    "However", "According", "Mr", "Mrs", "Ms", "If", "When", "While", "After", "Since", "For",
];

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '؟' | '؛' | '。' | '！' | '？')
}

/// The index of the first of `sentences` (sorted, disjoint byte ranges) that ends after byte
/// `at`: the sentence holding `at`, or the next one when `at` falls between two sentences
/// (`sentences.len()` after the last). Every stage that asks which sentence an offset is in
/// asks it this way, so that `sent_id` means the same everywhere.
///
/// ```
/// let s = [0..5, 6..12];
/// assert_eq!(newsframe::segment::sentence_index(&s, 7), 1);
/// assert_eq!(newsframe::segment::sentence_index(&s, 5), 1);
/// assert_eq!(newsframe::segment::sentence_index(&s, 12), 2);
/// ```
pub fn sentence_index(sentences: &[Range<usize>], at: usize) -> usize {
    sentences.partition_point(|s| s.end <= at)
}

/// Whether `start..end` lies inside one of `sentences` (sorted, disjoint).
///
/// ```
/// use newsframe::segment::within_one;
/// assert!(within_one(&[0..5, 6..12], 6, 12) && !within_one(&[0..5, 6..12], 3, 8));
/// ```
pub fn within_one(sentences: &[Range<usize>], start: usize, end: usize) -> bool {
    sentences.get(sentence_index(sentences, start)).is_some_and(|s| s.start <= start && end <= s.end)
}

/// Where the sentence of byte `at` starts (`at` itself when it falls before that sentence,
/// 0 after the last one), so that `text[sentence_start(..)..at]` is what precedes `at` in
/// its sentence.
///
/// ```
/// assert_eq!(newsframe::segment::sentence_start(&[0..5, 6..12], 9), 6);
/// ```
pub fn sentence_start(sentences: &[Range<usize>], at: usize) -> usize {
    sentences.get(sentence_index(sentences, at)).map_or(0, |s| s.start.min(at))
}

/// Byte ranges of the sentences of `text`, in order, trimmed, never empty.
///
/// ```
/// let text = "Gen. Said Chengriha met U.S. officials. Trade was worth $21.3 billion.";
/// let s: Vec<_> = newsframe::segment::sentences(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(s, ["Gen. Said Chengriha met U.S. officials.", "Trade was worth $21.3 billion."]);
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        split_line(line, line_start, &mut out);
        line_start += line.len() + 1;
    }
    out
}

fn split_line(line: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let first = |s: &str| s.chars().next();
    let mut start = 0;
    let mut pos = 0;
    while let Some(off) = line[pos..].find(is_sentence_end) {
        let p = pos + off;
        let c = first(&line[p..]).expect("found");
        let mut k = p + c.len_utf8();
        let mut run = 1;
        while let Some(ch) = first(&line[k..]).filter(|&ch| is_sentence_end(ch)) {
            k += ch.len_utf8();
            run += 1;
        }
        let single_period = c == '.' && run == 1;
        while let Some(ch) = first(&line[k..]).filter(|&ch| is_closer(ch)) {
            k += ch.len_utf8();
        }
        match first(&line[k..]) {
            None => break,
            Some(ch) if !ch.is_whitespace() => {
                pos = k;
                continue;
            }
            Some(_) => {}
        }
        let n = line.len() - line[k..].trim_start().len();
        let Some(next) = first(&line[n..]) else { break };
        let next_word = word_at(line, n);
        let boundary = !next.is_lowercase()
            && !(single_period && abbreviation_continues(line, start, p, next, next_word));
        if boundary {
            push(line, base, start..k, out);
            start = n;
        }
        pos = n;
    }
    push(line, base, start..line.len(), out);
}

/// Longest sentence, in characters. Real sentences, even long Arabic ones chained with
/// commas, stay far below; text without any sentence end (a scraped table, a run of
/// keywords) is cut at the last space before the limit, because the per-sentence stages
/// (co-occurrence, events) compare the mentions of a sentence pairwise.
pub const MAX_SENTENCE_CHARS: usize = 2000;

fn push(line: &str, base: usize, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &line[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let mut rest = s.trim();
    let mut start = base + r.start + lead;
    while rest.len() > MAX_SENTENCE_CHARS {
        let Some((limit, _)) = rest.char_indices().nth(MAX_SENTENCE_CHARS) else { break };
        // Cut at the last whitespace in the second half of the window, else mid-token.
        let cut = rest[..limit]
            .char_indices()
            .rev()
            .take_while(|&(i, _)| i > limit / 2)
            .find(|(_, c)| c.is_whitespace())
            .map_or(limit, |(i, _)| i);
        let piece = rest[..cut].trim_end();
        out.push(start..start + piece.len());
        let next = rest[cut..].trim_start();
        start += rest.len() - next.len();
        rest = next;
    }
    if !rest.is_empty() {
        out.push(start..start + rest.len());
    }
}

fn word_at(line: &str, pos: usize) -> &str {
    let rest = &line[pos..];
    let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
    &rest[..end]
}

/// Is the period at `dot` part of an abbreviation, so that the sentence goes on?
fn abbreviation_continues(line: &str, sent_start: usize, dot: usize, next: char, next_word: &str) -> bool {
    let before = &line[sent_start..dot];
    let token_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '\'' | '‘' | '['))
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let token = &before[token_start..];
    if token.is_empty() {
        return false;
    }
    let opener = OPENERS.contains(&next_word);
    // A list number at the start of a line: "1. The first point".
    if token.chars().all(|c| c.is_ascii_digit()) {
        return sent_start + token_start == 0 && token.len() <= 2;
    }
    // A single capital: an initial ("J. Smith"), unless the sentence clearly goes on anew.
    let mut tc = token.chars();
    if let (Some(first), None) = (tc.next(), tc.next()) {
        return first.is_uppercase() && !opener;
    }
    // Dotted abbreviations: U.S, e.g, a.m.
    if token.contains('.') && token.chars().all(|c| c.is_alphabetic() || c == '.') {
        return !opener;
    }
    match abbreviations().get(&token.to_lowercase()) {
        Some(Kind::Title) => true,
        Some(Kind::Number) => next.is_ascii_digit(),
        Some(Kind::Other) => !opener,
        None => false,
    }
}

/// Number of words by Unicode word boundaries (UAX #29), punctuation excluded.
///
/// Lines made only of characters whose word-break class we know (ASCII, Latin, Greek,
/// Cyrillic and Arabic letters, digits and marks, common punctuation) take a fast
/// single-pass counter; any other line goes through the full UAX #29 segmenter. The two
/// agree on every line the fast path accepts (see the tests).
pub fn count_words(text: &str) -> usize {
    text.split('\n')
        .map(|line| fast_word_count(line).unwrap_or_else(|| line.unicode_words().count()))
        .sum()
}

/// UAX #29 word-break classes that matter for counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wb {
    Letter,
    Digit,
    /// `_` and friends: joins anything word-like (WB13a/b).
    ExtendNumLet,
    /// Combining marks: belong to the character before them (WB4).
    Extend,
    /// Joins two letters (WB6/7): `:` `·`.
    MidLetter,
    /// Joins two digits (WB11/12): `,` `;` `،`.
    MidNum,
    /// Joins two letters or two digits: `.` `'` `’`.
    MidNumLet,
    Other,
}

/// [`word_break_class`] of the ASCII characters, by code: most characters of news text are
/// ASCII, and a lookup costs less than the chain of tests.
const ASCII_WB: [Wb; 128] = {
    let mut t = [Wb::Other; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = match i as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => Wb::Letter,
            b'0'..=b'9' => Wb::Digit,
            b'_' => Wb::ExtendNumLet,
            b':' => Wb::MidLetter,
            b',' | b';' => Wb::MidNum,
            b'.' | b'\'' => Wb::MidNumLet,
            _ => Wb::Other,
        };
        i += 1;
    }
    t
};

#[inline]
fn word_break_class(c: char) -> Option<Wb> {
    if c.is_ascii() {
        return Some(ASCII_WB[c as usize]);
    }
    word_break_class_of(c)
}

fn word_break_class_of(c: char) -> Option<Wb> {
    let u = c as u32;
    Some(match c {
        'a'..='z' | 'A'..='Z' => Wb::Letter,
        '0'..='9' => Wb::Digit,
        '_' => Wb::ExtendNumLet,
        ':' | '\u{b7}' | '\u{387}' | '\u{2027}' => Wb::MidLetter,
        ',' | ';' | '\u{60c}' | '\u{60d}' | '\u{66c}' | '\u{37e}' | '\u{2044}' => Wb::MidNum,
        '.' | '\'' | '\u{2018}' | '\u{2019}' | '\u{2024}' => Wb::MidNumLet,
        _ if u < 0x80 => Wb::Other,
        '\u{660}'..='\u{669}' | '\u{6f0}'..='\u{6f9}' => Wb::Digit,
        '\u{300}'..='\u{36f}' | '\u{610}'..='\u{61a}' | '\u{64b}'..='\u{65f}' | '\u{670}' => Wb::Extend,
        // Latin-1 punctuation and symbols, general punctuation: separators.
        '\u{a0}'..='\u{a9}' | '\u{ab}'..='\u{ac}' | '\u{ae}'..='\u{b1}' | '\u{b4}' | '\u{b6}' | '\u{b8}'
        | '\u{bb}' | '\u{bf}' | '\u{d7}' | '\u{f7}' => Wb::Other,
        '\u{2010}'..='\u{2017}' | '\u{201a}'..='\u{2023}' | '\u{2025}' | '\u{2026}' | '\u{2030}'..='\u{203e}' => Wb::Other,
        '\u{61b}' | '\u{61f}' | '\u{66a}' | '\u{66d}' | '\u{6d4}' | '\u{20ac}' => Wb::Other,
        // Letters of scripts without special word-break rules. Latin and Arabic ranges are
        // letters throughout (the symbols among them are matched above); Greek and Cyrillic
        // blocks mix in signs and marks, so they ask the Unicode tables.
        '\u{c0}'..='\u{24f}' | '\u{620}'..='\u{63f}' | '\u{641}'..='\u{64a}' | '\u{671}'..='\u{6d3}' => Wb::Letter,
        '\u{370}'..='\u{3ff}' | '\u{400}'..='\u{52f}' if c.is_alphabetic() => Wb::Letter,
        _ => return None,
    })
}

/// Counts words like UAX #29, or `None` when the line holds a character outside
/// [`word_break_class`]'s knowledge.
fn fast_word_count(line: &str) -> Option<usize> {
    let mut count = 0;
    // Class of the previous non-Extend character, and whether the current segment is a word.
    let mut prev = Wb::Other;
    let mut in_word = false;
    let mut has_alnum = false;
    // A Mid* character seen after a letter/digit, waiting to know what follows it.
    let mut pending_mid: Option<Wb> = None;
    let mut before_mid = Wb::Other;
    for c in line.chars() {
        let wb = word_break_class(c)?;
        if wb == Wb::Extend {
            continue;
        }
        if let Some(mid) = pending_mid.take() {
            let joins = match (before_mid, wb) {
                (Wb::Letter, Wb::Letter) => matches!(mid, Wb::MidLetter | Wb::MidNumLet),
                (Wb::Digit, Wb::Digit) => matches!(mid, Wb::MidNum | Wb::MidNumLet),
                _ => false,
            };
            if joins {
                prev = wb;
                continue;
            }
            // The segment ended before the Mid character.
            count += usize::from(in_word && has_alnum);
            in_word = false;
            has_alnum = false;
            prev = mid;
        }
        match wb {
            Wb::Letter | Wb::Digit | Wb::ExtendNumLet => {
                let continues = in_word
                    && matches!(prev, Wb::Letter | Wb::Digit | Wb::ExtendNumLet);
                if !continues {
                    count += usize::from(in_word && has_alnum);
                    in_word = true;
                    has_alnum = false;
                }
                has_alnum |= wb != Wb::ExtendNumLet;
            }
            Wb::MidLetter | Wb::MidNum | Wb::MidNumLet if in_word && matches!(prev, Wb::Letter | Wb::Digit) => {
                pending_mid = Some(wb);
                before_mid = prev;
                continue;
            }
            _ => {
                count += usize::from(in_word && has_alnum);
                in_word = false;
                has_alnum = false;
            }
        }
        prev = wb;
    }
    count += usize::from(in_word && has_alnum);
    Some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn text_without_sentence_ends_is_cut_below_the_limit() {
        let line = "Algeria Russia army deal talks Moscow ".repeat(300);
        let text = format!("Short one. {line}\nعقد الجزائر{}", "ي".repeat(5000));
        let got = sentences(&text);
        let mut covered = 0;
        for r in &got {
            let s = &text[r.clone()];
            assert!(s.chars().count() <= MAX_SENTENCE_CHARS, "{} chars", s.chars().count());
            assert_eq!(s, s.trim());
            covered += s.split_whitespace().count();
        }
        // Nothing lost: every word is in some sentence, and cuts fall between words when they can.
        assert_eq!(covered, text.split_whitespace().count() + 2);
        assert_eq!(&text[got[0].clone()], "Short one.");
        assert!(got[1..got.len() - 3].iter().all(|r| text[r.clone()].ends_with("Moscow") || text[r.clone()].ends_with("talks")
            || text[r.clone()].ends_with("deal") || text[r.clone()].ends_with("army") || text[r.clone()].ends_with("Russia")
            || text[r.clone()].ends_with("Algeria")));
    }

    #[test]
    fn sentences_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            ("Budget is US$21.3 billion. Next.", &["Budget is US$21.3 billion.", "Next."]),
            ("Lt. Gen. Said Chengriha spoke. He left.", &["Lt. Gen. Said Chengriha spoke.", "He left."]),
            ("Dr. Smith met Mr. Jones.", &["Dr. Smith met Mr. Jones."]),
            ("The U.S. Secretary arrived.", &["The U.S. Secretary arrived."]),
            ("He flew to the U.S. The talks began.", &["He flew to the U.S.", "The talks began."]),
            ("Resolution No. 5 passed. Then?", &["Resolution No. 5 passed.", "Then?"]),
            ("J. R. Smith spoke.", &["J. R. Smith spoke."]),
            ("He said: “It is fruitful.” Then he left.", &["He said: “It is fruitful.”", "Then he left."]),
            ("Really?! Yes.", &["Really?!", "Yes."]),
            ("Wait... and see.", &["Wait... and see."]),
            ("(It ended.) Next one.", &["(It ended.)", "Next one."]),
            ("Line one\nLine two. Three", &["Line one", "Line two.", "Three"]),
            ("ذهب إلى الجزائر. ثم عاد؟ نعم! حسنا؛ انتهى", &["ذهب إلى الجزائر.", "ثم عاد؟", "نعم!", "حسنا؛", "انتهى"]),
            ("Born in 1954. He studied.", &["Born in 1954.", "He studied."]),
            ("1. First point", &["1. First point"]),
            ("", &[]),
            ("  \n ", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "{text:?}");
        }
    }

    #[test]
    fn fast_word_count_matches_uax29() {
        // A deterministic pseudo-random sweep over characters of every class the fast path
        // knows, compared with the reference segmenter.
        let alphabet: Vec<char> = "ab1 2_'.,;:-!\"()$%é’‘“”–…·ضر٣٤،؛\u{64e}\u{301}\u{a0}Жж"
            .chars()
            .collect();
        let mut state = 0x2545_f491_u32;
        for _ in 0..50_000 {
            let len = (state % 12) as usize;
            let mut text = String::new();
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                text.push(alphabet[(state as usize) % alphabet.len()]);
            }
            assert_eq!(fast_word_count(&text), Some(text.unicode_words().count()), "{text:?}");
        }
        assert_eq!(fast_word_count("日本語"), None);
    }

    #[test]
    fn the_ascii_table_is_the_class_match() {
        for c in (0u8..128).map(char::from) {
            assert_eq!(word_break_class(c), word_break_class_of(c), "{c:?}");
        }
    }

    #[test]
    fn count_words_cases() {
        assert_eq!(count_words("Algeria's army, 21.3 billion."), 4);
        assert_eq!(count_words("الجزائر وروسيا"), 2);
        assert_eq!(count_words(""), 0);
    }
}
