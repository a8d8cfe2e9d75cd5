//! Characters and words: the lowest layer, shared by every stage.
//!
//! It lives below the stages so that two stages never split the same text into different
//! words because each wrote its own test of a word character, and so that the hashes that
//! end up in stored records (MinHash signatures, blocking keys) are computed one way.
//! Nothing here knows about documents or mentions (see [`crate::doc`]).
//!
//! - [`is_word_char`], [`word_ranges`]: words as maximal runs of letters, digits and the
//!   Arabic marks and tatweel that sit inside a word;
//! - [`arabic`]: Arabic letters, orthographic folding, proclitics;
//! - [`is_arabic_word`], [`plain_form`]: the case- and spelling-folded matching form;
//! - [`hash`]: the FNV-1a hash of stored keys (maps use `rustc_hash`);
//! - [`data_lines`]: the lines of a word list or table, without blanks and `#` comments;
//! - [`letters_before`], [`letters_after`]: the run of letters touching an offset.

pub mod arabic;
pub mod hash;

use std::ops::Range;

use arabic::is_arabic_letter;

/// Is `c` part of a word: a letter or digit, or an Arabic mark or tatweel inside a word
/// ([`arabic::is_in_word_mark`]).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || arabic::is_in_word_mark(c)
}

/// The letters (alphabetic characters) that end right at byte `at` of `text`: `island` in
/// `the island of` with `at` before ` of`, empty when no letter touches `at`.
///
/// ```
/// assert_eq!(newsframe::text::letters_before("the island of", 10), "island");
/// ```
pub fn letters_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let start = head.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map_or(at, |(i, _)| i);
    &head[start..]
}

/// The letters (alphabetic characters) that start right at byte `at` of `text`.
///
/// ```
/// assert_eq!(newsframe::text::letters_after("Insein Prison's", 7), "Prison");
/// ```
pub fn letters_after(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    &rest[..rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len())]
}

/// Whether `text` starts with a news agency's name in brackets, as a dateline writes it
/// (`(CNN)`, `(Reuters)`, `(AP)`): one word of 2 to 12 ASCII letters or dots, capitalised.
/// Returns the bracket's length.
///
/// ```
/// assert_eq!(newsframe::text::agency_in_brackets("(CNN)The army"), Some(5));
/// assert_eq!(newsframe::text::agency_in_brackets("(history) page"), None);
/// ```
pub fn agency_in_brackets(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('(')?;
    let close = inner.find(')')?;
    let agency = &inner[..close];
    ((2..=12).contains(&agency.len())
        && agency.starts_with(|c: char| c.is_ascii_uppercase())
        && agency.chars().all(|c| c.is_ascii_alphabetic() || c == '.'))
    .then_some(close + 2)
}

/// Byte ranges of the words of `text` (maximal runs of [`is_word_char`]), offset by `base`.
pub fn word_ranges(text: &str, base: usize) -> Vec<Range<usize>> {
    // About one word per six bytes of news text: room for most texts at once, where growing
    // from empty reallocated (and copied) several times per sentence.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut start: Option<usize> = None;
    // Byte by byte, decoding a character only at a non-ASCII byte: events, stories and
    // others ask for the words of every sentence, and decoding every character cost 2% of
    // the pipeline's instructions. An ASCII byte is a word character when it is a letter or
    // a digit (no Arabic mark is ASCII).
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (word, len) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().expect("a character starts here");
            (is_word_char(c), c.len_utf8())
        };
        if word {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(base + s..base + i);
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(base + s..base + text.len());
    }
    out
}

/// Every pattern of `dfa` (built with `MatchKind::Standard`, unanchored) that ends in
/// `text`, as (pattern, end), in the order an overlapping search reports them, until `f`
/// returns true. The DFA is walked byte by byte and each match state gives the patterns
/// that end there: the overlapping search's matches, without its per-match bookkeeping,
/// which cost more than the walk on text with a match every few words.
pub fn overlapping_ends(dfa: &aho_corasick::dfa::DFA, text: &str, mut f: impl FnMut(aho_corasick::PatternID, usize) -> bool) {
    use aho_corasick::automaton::Automaton;
    use aho_corasick::Anchored;
    let mut sid = dfa.start_state(Anchored::No).expect("an unanchored automaton");
    for (i, &b) in text.as_bytes().iter().enumerate() {
        sid = dfa.next_state(Anchored::No, sid, b);
        if dfa.is_special(sid) && dfa.is_match(sid) {
            for k in 0..dfa.match_len(sid) {
                if f(dfa.match_pattern(sid, k), i + 1) {
                    return;
                }
            }
        }
    }
}

/// Does `word` contain an Arabic letter?
pub fn is_arabic_word(word: &str) -> bool {
    word.chars().any(is_arabic_letter)
}

/// The plain matching form of a word: lowercased, Arabic folded ([`arabic::fold_str`]).
pub fn plain_form(word: &str) -> String {
    if is_arabic_word(word) {
        arabic::fold_str(word)
    } else {
        word.to_lowercase()
    }
}

/// The data lines of a shipped or user-supplied list or table, with their 0-based line
/// numbers (for error messages): every line of `text` except blank ones (only whitespace)
/// and comments (`#`, after optional leading whitespace).
///
/// Lines come back as written, because the lists disagree on what surrounding whitespace
/// means (a field of a TSV row is trimmed, a word of a list is trimmed whole); each caller
/// trims its own fields.
///
/// ```
/// let rows: Vec<_> = newsframe::text::data_lines("# header\n\nGen.\ttitle\n  \n No.\tnumber").collect();
/// assert_eq!(rows, [(2, "Gen.\ttitle"), (4, " No.\tnumber")]);
/// ```
pub fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter(|(_, l)| {
        let t = l.trim_start();
        !t.is_empty() && !t.starts_with('#')
    })
}

/// The text of a shipped or user-supplied data file, gunzipped when its bytes start with the
/// gzip magic number, so that a list may be shipped compressed or edited as plain text.
/// The error says which of the two failed; callers name the file.
///
/// ```
/// assert_eq!(newsframe::text::gzip_or_plain_text(b"Paris\tGPE").unwrap(), "Paris\tGPE");
/// assert!(newsframe::text::gzip_or_plain_text(&[0x1f, 0x8b, 0]).unwrap_err().starts_with("not gzip"));
/// ```
pub fn gzip_or_plain_text(bytes: &[u8]) -> Result<String, String> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(bytes), &mut s)
            .map_err(|e| format!("not gzip text: {e}"))?;
        Ok(s)
    } else {
        String::from_utf8(bytes.to_vec()).map_err(|e| format!("not UTF-8: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk reports what the overlapping search reports, in its order: patterns inside
    /// others, sharing ends, at both ends of the text, with ASCII case folded, next to
    /// non-ASCII text; and stops when asked.
    #[test]
    fn overlapping_ends_are_the_overlapping_search() {
        let pats = ["year", "years", "ear", "s", "per cent", "cent", "r c", "€"];
        let texts = ["", "years", "Years of YEAR-end spending; 5 per cent, 6 Per Cent", "€5 per centimetre", "«ear»s"];
        for ci in [false, true] {
            let dfa = aho_corasick::dfa::DFA::builder().ascii_case_insensitive(ci).prefilter(false).build(pats).unwrap();
            let ac = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(ci).build(pats).unwrap();
            for t in texts {
                let want: Vec<(usize, usize)> = ac.find_overlapping_iter(t).map(|m| (m.pattern().as_usize(), m.end())).collect();
                let mut got = Vec::new();
                overlapping_ends(&dfa, t, |p, end| {
                    got.push((p.as_usize(), end));
                    false
                });
                assert_eq!(got, want, "{t:?}");
                let mut first = None;
                overlapping_ends(&dfa, t, |p, end| first.replace((p.as_usize(), end)).is_none());
                assert_eq!(first, want.first().copied());
            }
        }
    }

    #[test]
    fn word_ranges_are_the_runs_of_word_characters() {
        // Against the character-by-character definition, on ASCII, Latin, Arabic with
        // marks and tatweel, CJK, digits and punctuation, at every offset.
        let plain = |text: &str, base: usize| {
            let mut out = Vec::new();
            let mut start: Option<usize> = None;
            for (i, c) in text.char_indices() {
                if is_word_char(c) {
                    start.get_or_insert(i);
                } else if let Some(s) = start.take() {
                    out.push(base + s..base + i);
                }
            }
            if let Some(s) = start {
                out.push(base + s..base + text.len());
            }
            out
        };
        let text = "Abdelmadjid Tebboune's 3.5% (Élysée) — مُحَمَّـد والجزائر، 東京 x_y-z\tend\u{00A0}ok ½ ²";
        for (i, _) in text.char_indices() {
            assert_eq!(word_ranges(&text[i..], 7), plain(&text[i..], 7), "{:?}", &text[i..]);
        }
        assert_eq!(word_ranges("", 0), Vec::<Range<usize>>::new());
    }

    #[test]
    fn words_keep_arabic_marks_and_tatweel_inside() {
        let text = "U.S. jobs, 3.5% — جـيشُ مصر";
        let words: Vec<&str> = word_ranges(text, 0).into_iter().map(|r| &text[r]).collect();
        assert_eq!(words, ["U", "S", "jobs", "3", "5", "جـيشُ", "مصر"]);
        assert_eq!(word_ranges("ab c", 10), vec![10..12, 13..14]);
        assert_eq!(plain_form("Énergie"), "énergie");
        assert_eq!(plain_form("جـيشُ"), "جيش");
    }

    #[test]
    fn data_lines_skip_blanks_and_comments_only() {
        let text = "# c\n\n \t\na\tb\n  # indented comment\n c \r\n#\nlast\r";
        let got: Vec<_> = data_lines(text).collect();
        assert_eq!(got, [(3, "a\tb"), (5, " c "), (7, "last\r")]);
    }
}
