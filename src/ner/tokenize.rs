//! Tokenisation of clean text into the units the models were trained on.
//!
//! English follows the CoNLL-2003 (Penn Treebank) conventions: punctuation split off words,
//! `'s` `n't` `'re` … split off, but dotted abbreviations (`U.S.`, `Mr.`, `J.`), numbers
//! (`1,000.5`, `1996-08-22`) and hyphenated words kept whole. Arabic follows ANERcorp:
//! whitespace tokens with punctuation split off and proclitics left attached.

use crate::text::is_word_char;

/// Abbreviations whose final period stays with the word.
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "maj", "adm", "cmdr",
    "rev", "st", "jr", "sr", "inc", "corp", "co", "ltd", "plc", "bros", "vs", "no", "jan", "feb", "mar", "apr", "aug",
    "sept", "sep", "oct", "nov", "dec", "mt", "ft", "ave", "dept", "univ", "est", "approx", "etc",
];

/// Clitics split off the end of an English word (compared lowercase, `’` as `'`).
const CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'m", "'d", "'"];

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

/// Appends to `out` the byte ranges (offset by `base`) of the tokens of `text`.
///
/// ```
/// use newsframe::ner::tokenize::tokens;
/// let text = "Mr. Smith's U.S. trip (1,000 km) didn't end.";
/// let mut out = Vec::new();
/// tokens(text, 0, false, &mut out);
/// let got: Vec<&str> = out.iter().map(|r| &text[r.clone()]).collect();
/// assert_eq!(got, ["Mr.", "Smith", "'s", "U.S.", "trip", "(", "1,000", "km", ")", "did", "n't", "end", "."]);
/// ```
pub fn tokens(text: &str, base: usize, arabic: bool, out: &mut Vec<std::ops::Range<usize>>) {
    let bytes = text.as_bytes();
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII bytes (most of any text's separators) are tested without decoding: the
        // ASCII white space of `char::is_whitespace` is U+0009..U+000D and the space.
        let (sep, dash, len) = if bytes[i] < 0x80 {
            (matches!(bytes[i], b' ' | b'\t'..=b'\r'), false, 1)
        } else {
            let c = text[i..].chars().next().expect("char boundary");
            (c.is_whitespace() || is_dash(c), is_dash(c), c.len_utf8())
        };
        if sep {
            if let Some(s) = start.take() {
                chunk(text, s, i, base, arabic, out);
            }
            if dash {
                out.push(base + i..base + i + len);
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(s) = start {
        chunk(text, s, text.len(), base, arabic, out);
    }
}

/// Splits one whitespace-free chunk `text[s..e]`.
fn chunk(text: &str, mut s: usize, mut e: usize, base: usize, arabic: bool, out: &mut Vec<std::ops::Range<usize>>) {
    // Most chunks are plain words: ASCII letters and digits only, one token.
    if text.as_bytes()[s..e].iter().all(u8::is_ascii_alphanumeric) {
        out.push(base + s..base + e);
        return;
    }
    // A closing bracket glued to the next sentence's capital ("(CNN)The", as pages that put
    // the dateline in its own element print once their tags are stripped) ends the chunk:
    // otherwise the agency and the first word become one token and one name.
    if let Some(k) = interior_close(&text[s..e]).map(|k| s + k) {
        chunk(text, s, k + 1, base, arabic, out);
        chunk(text, k + 1, e, base, arabic, out);
        return;
    }
    // Leading punctuation, one character (or one run of the same character) at a time.
    while s < e {
        let c = text[s..e].chars().next().expect("non-empty");
        if is_word_char(c) || (c == '\'' && !arabic && text[s..e].len() > 1 && is_clitic_start(&text[s..e])) {
            break;
        }
        let run = run_len(&text[s..e], c);
        out.push(base + s..base + s + run);
        s += run;
    }
    // A currency prefix glued to a number: "US$21.3" → "US$" "21.3".
    if let Some(k) = text[s..e].find('$').map(|k| s + k) {
        if k > s && text[k + 1..e].starts_with(|c: char| c.is_ascii_digit()) {
            out.push(base + s..base + k + 1);
            s = k + 1;
        }
    }
    // Trailing tokens are pushed last-first, then the word, and the lot reversed.
    let mark = out.len();
    while s < e {
        let w = &text[s..e];
        let c = w.chars().next_back().expect("non-empty");
        if is_word_char(c) {
            break;
        }
        // A run of the same character ("...", "--") is one token.
        let mut k = e - c.len_utf8();
        while k > s && text[..k].ends_with(c) {
            k -= c.len_utf8();
        }
        if c == '.' && k + 1 == e && !arabic && keeps_period(&w[..w.len() - 1]) {
            break;
        }
        if k == s {
            // The whole chunk is one punctuation run.
            break;
        }
        out.push(base + k..base + e);
        e = k;
    }
    // Every clitic has an apostrophe (`'`, or `’` whose last UTF-8 byte is 0x99): most
    // words have neither, and need no comparison with each clitic.
    if s < e && !arabic && text[s..e].bytes().any(|b| b == b'\'' || b == 0x99) {
        let w = &text[s..e];
        // `'` alone (after a plural, `Reuters'`) was split off as punctuation above.
        if let Some(cl) = CLITICS.iter().find(|cl| **cl != "'" && ends_with_ci(w, cl) && w.chars().count() > cl.len()) {
            let n = clitic_bytes(w, cl.len());
            out.push(base + e - n..base + e);
            e -= n;
        }
    }
    if s < e {
        out.push(base + s..base + e);
    }
    out[mark..].reverse();
}

/// Does `w` end with the ASCII clitic `cl`, ignoring case and reading `’` as `'`?
fn ends_with_ci(w: &str, cl: &str) -> bool {
    let mut wc = w.chars().rev();
    cl.chars().rev().all(|c| wc.next().is_some_and(|x| (if x == '’' { '\'' } else { x.to_ascii_lowercase() }) == c))
}

fn is_clitic_start(w: &str) -> bool {
    CLITICS.iter().any(|c| *c != "'" && ends_with_ci(w, c) && w.chars().count() == c.len())
}

/// The byte offset of a `)` or `]` inside `w` that closes a bracket opened in `w` and is
/// directly followed by a capital letter.
fn interior_close(w: &str) -> Option<usize> {
    let open = w.find(['(', '['])?;
    let k = w[open..].find([')', ']'])? + open;
    w[k + 1..].starts_with(char::is_uppercase).then_some(k)
}

fn run_len(w: &str, c: char) -> usize {
    w.chars().take_while(|&x| x == c).map(char::len_utf8).sum()
}

/// Byte length of the last `n` characters of `w`.
fn clitic_bytes(w: &str, n: usize) -> usize {
    w.chars().rev().take(n).map(char::len_utf8).sum()
}

/// Does the word before a final period keep it (`U.S`, `J`, `Mr`, `a.m`)?
fn keeps_period(w: &str) -> bool {
    if w.is_empty() {
        return false;
    }
    let mut chars = w.chars();
    let first = chars.next().expect("non-empty");
    // A single letter: an initial.
    if chars.next().is_none() {
        return first.is_alphabetic();
    }
    if w.contains('.') && w.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    w.len() <= 6 && ABBREV.iter().any(|a| a.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str, arabic: bool) -> Vec<&str> {
        let mut out = Vec::new();
        tokens(text, 0, arabic, &mut out);
        out.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn tokenize_english_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("The U.S. said.", &["The", "U.S.", "said", "."]),
            ("\"Hello,\" he said...", &["\"", "Hello", ",", "\"", "he", "said", "..."]),
            ("Algeria's army", &["Algeria", "'s", "army"]),
            ("Algeria’s army", &["Algeria", "’s", "army"]),
            ("Gen. Said Chengriha", &["Gen.", "Said", "Chengriha"]),
            ("$3.5 billion, 12%", &["$", "3.5", "billion", ",", "12", "%"]),
            ("US$21.3 billion", &["US$", "21.3", "billion"]),
            ("Bosnian-Serb leader—Karadzic", &["Bosnian-Serb", "leader", "—", "Karadzic"]),
            ("(Reuters) --", &["(", "Reuters", ")", "--"]),
            ("(CNN)The army", &["(", "CNN", ")", "The", "army"]),
            ("[CNN]A man", &["[", "CNN", "]", "A", "man"]),
            ("day(s) later", &["day(s", ")", "later"]),
            ("J. Smith", &["J.", "Smith"]),
            ("end of story.", &["end", "of", "story", "."]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(toks(text, false), *want, "{text}");
        }
    }

    /// Separators of every kind (ASCII and Unicode white space, dashes), at the ends and
    /// in runs, split as a character-by-character reading of the text splits them.
    #[test]
    fn tokenize_separators_match_a_char_by_char_split() {
        fn reference(text: &str) -> Vec<(usize, usize)> {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                if c.is_whitespace() || is_dash(c) {
                    if let Some(s) = start.take() {
                        out.push((s, i));
                    }
                    if is_dash(c) {
                        out.push((i, i + c.len_utf8()));
                    }
                } else if start.is_none() {
                    start = Some(i);
                }
            }
            out
        }
        let text = "\u{b}Oil\tprices\u{c}rose\r\n\u{a0}55\u{2003}in\u{85}Q3—2024 – Ab ―\u{3000}نفط  x\u{1680}";
        // Every chunk here is one word, so the tokens are the reference's chunks.
        let mut got = Vec::new();
        tokens(text, 0, false, &mut got);
        let got: Vec<(usize, usize)> = got.iter().map(|r| (r.start, r.end)).collect();
        assert_eq!(got, reference(text));
        assert_eq!(got.len(), 13);
        assert_eq!(toks("a\u{b}b\u{a0}c", false), ["a", "b", "c"]);
    }

    #[test]
    fn tokenize_arabic_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("قرارات مناهضة لروسيا.", &["قرارات", "مناهضة", "لروسيا", "."]),
            ("(واشنطن، موسكو)", &["(", "واشنطن", "،", "موسكو", ")"]),
        ];
        for (text, want) in cases {
            assert_eq!(toks(text, true), *want, "{text}");
        }
    }
}
