//! Tokens of the Arabic rules: letter runs, other runs and punctuation, with folded forms,
//! the proclitic analysis and the known mention each overlaps.

use crate::text::arabic::{fold_str, is_arabic_letter, proclitic_len};
use crate::doc::Mention;
use super::lexicon::{light_fold, Lexicon};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A run of Arabic letters (with diacritics and tatweel).
    Word,
    /// Latin letters or digits.
    Other,
    /// One punctuation character or a line break.
    Punct,
}

pub(super) struct Tok<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: Kind,
    pub(super) text: &'a str,
    pub(super) fold: String,
    /// A function word (looked up with alef maqsura kept, see [`light_fold`]).
    pub(super) function: bool,
    /// The proclitic analysis ([`clitic`]): stem offset and folded stem.
    pub(super) stem: Option<(usize, String)>,
    /// The stem is a function word.
    pub(super) stem_function: bool,
    /// Index into `known` of a mention overlapping this token.
    pub(super) known: Option<usize>,
}

impl Tok<'_> {
    pub(super) fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    /// Begins with the article (at least two letters after it), no proclitic.
    pub(super) fn is_al(&self) -> bool {
        self.fold.starts_with("ال") && self.fold.chars().count() >= 4
    }

    /// Begins with و or ف, which may be the conjunction.
    pub(super) fn conjunction(&self) -> bool {
        self.text.starts_with(['و', 'ف'])
    }
}

/// An ال-adjective shaped like a nisba, folded: ال…ي, ال…يه.
pub(super) fn is_nisba(fold: &str) -> bool {
    fold.starts_with("ال") && (fold.ends_with('ي') || fold.ends_with("يه")) && fold.chars().count() >= 5
}

/// An elative adjective with the article, folded: الاعلي, الاكبر, الاوسط.
pub(super) fn is_elative(fold: &str) -> bool {
    fold.starts_with("الا") && fold.chars().count() == 6
}

/// A character of an Arabic word: an Arabic letter (tatweel included) or a mark inside the
/// word. Unlike [`crate::text::is_word_char`], Latin letters and digits are not: the rules
/// read Arabic words only, and a Latin run is a separate token.
pub(super) fn is_arabic_word_char(c: char) -> bool {
    is_arabic_letter(c) || crate::text::arabic::is_in_word_mark(c)
}

pub(super) fn tokenize<'a>(text: &'a str, known: &[Mention], lex: &Lexicon) -> Vec<Tok<'a>> {
    let mut toks = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let kind = if is_arabic_word_char(c) {
            Kind::Word
        } else if c.is_alphanumeric() {
            Kind::Other
        } else if c.is_whitespace() && c != '\n' {
            continue;
        } else {
            Kind::Punct
        };
        let mut end = start + c.len_utf8();
        if kind != Kind::Punct {
            while let Some(&(i, d)) = chars.peek() {
                let same = if kind == Kind::Word { is_arabic_word_char(d) } else { d.is_alphanumeric() && !is_arabic_word_char(d) };
                if !same {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
        }
        let t = &text[start..end];
        let mut tok = Tok {
            start,
            end,
            kind,
            text: t,
            fold: String::new(),
            function: false,
            stem: None,
            stem_function: false,
            known: None,
        };
        if kind == Kind::Word {
            tok.fold = fold_str(t);
            tok.function =
                if t.contains('ى') { lex.function.contains(&light_fold(t)) } else { lex.function.contains(&tok.fold) };
            tok.stem = clitic(t);
            tok.stem_function =
                tok.stem.as_ref().is_some_and(|(off, _)| lex.function.contains(&light_fold(&t[*off..])));
        }
        toks.push(tok);
    }
    // Known mentions are sorted by start: one merge pass.
    let mut k = 0;
    for t in toks.iter_mut() {
        while k < known.len() && known[k].end <= t.start {
            k += 1;
        }
        let mut j = k;
        while j < known.len() && known[j].start < t.end {
            if known[j].end > t.start {
                t.known = Some(j);
                break;
            }
            j += 1;
        }
    }
    toks
}

/// The proclitic analysis of a word: byte offset where the stem starts and the folded stem
/// (`للمحللة` → offset of the second ل, `المحلله`; `والرئيس` → 2, `الرييس`).
pub(super) fn clitic(text: &str) -> Option<(usize, String)> {
    let off = if text.starts_with(['و', 'ف']) { 'و'.len_utf8() } else { 0 };
    let rest = &text[off..];
    if let Some(stem) = rest.strip_prefix("لل") {
        if stem.chars().filter(|&c| is_arabic_letter(c)).count() >= 2 {
            let at = off + 'ل'.len_utf8();
            return Some((at, format!("ا{}", fold_str(&text[at..]))));
        }
    }
    let p = proclitic_len(text);
    (p > 0).then(|| (p, fold_str(&text[p..])))
}
