//! Name forms: normalisation, script, given name and surname, consonant skeletons and
//! romanisation of Arabic letters.

#[allow(unused_imports)]
use super::*;

/// The normalised form of a surface: lowercase, no diacritics, Arabic folded
/// ([`arabic::fold`]), without spaces, hyphens, apostrophes and dots.
pub(super) fn normalize(s: &str) -> String {
    if s.is_ascii() {
        // The common case, byte by byte: ASCII has no marks and nothing Arabic to fold.
        // Every byte is written and the length advances past the kept ones, so the loop
        // has no branch per byte: each linking pass normalises every distinct surface of
        // every document again.
        let mut out = s.as_bytes().to_vec();
        let mut n = 0;
        for i in 0..out.len() {
            let b = out[i];
            out[n] = b.to_ascii_lowercase();
            n += !ascii_dropped(b) as usize;
        }
        out.truncate(n);
        // SAFETY: the bytes are ASCII (tested above), lowercased: valid UTF-8. Checking
        // them again cost a fifth of the loop.
        return unsafe { String::from_utf8_unchecked(out) };
    }
    let mut out = String::with_capacity(s.len());
    let mut push = |c: char| {
        if is_combining_mark(c) || c.is_whitespace() || is_joiner(c) {
            return;
        }
        if let Some(c) = arabic::fold(c) {
            out.extend(c.to_lowercase());
        }
    };
    s.nfd().for_each(&mut push);
    out
}

/// [`normalize`]'s test on an ASCII byte: white space or a joiner.
#[inline(always)]
pub(super) fn ascii_dropped(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r' | b'-' | b'\'' | b'`' | b'.')
}

pub(super) fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2014}' | '\'' | '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '\u{00b4}' | '.' | '\u{00b7}'
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Script {
    Latin,
    Arabic,
    Other,
}

pub(super) fn script_of(s: &str) -> Script {
    if s.chars().any(is_arabic_letter) {
        Script::Arabic
    } else if s.chars().any(|c| c.is_ascii_alphabetic() || ('\u{00c0}'..='\u{024f}').contains(&c)) {
        Script::Latin
    } else {
        Script::Other
    }
}

/// A PERSON (or ORG) name cut into normalised tokens, with consonant skeletons.
#[derive(Debug, Clone)]
pub(super) struct Name {
    pub(super) script: Script,
    pub(super) tokens: Vec<String>,
    pub(super) initial: Vec<bool>,
    /// Skeleton of the first token when there are several.
    pub(super) first_skel: String,
    /// Skeleton of all tokens but the last.
    pub(super) given_skel: String,
    /// Skeleton of the last token.
    pub(super) surname_skel: String,
    /// Skeleton of the whole name.
    pub(super) full_skel: String,
}

impl Name {
    pub(super) fn new(surface: &str) -> Name {
        let mut tokens = Vec::new();
        let mut skels = Vec::new();
        for raw in surface.split_whitespace() {
            let t = normalize(raw);
            if !t.is_empty() {
                tokens.push(t);
                skels.push(skeleton(raw));
            }
        }
        while tokens.len() > 1 && matches!(tokens.last().map(String::as_str), Some("jr" | "sr" | "ii" | "iii" | "iv")) {
            tokens.pop();
            skels.pop();
        }
        let n = tokens.len();
        let given_skel = if n > 1 { collapse(&skels[..n - 1].concat()) } else { String::new() };
        Name {
            script: script_of(surface),
            first_skel: if n > 1 { skels[0].clone() } else { String::new() },
            initial: tokens.iter().map(|t| t.chars().count() == 1).collect(),
            tokens,
            given_skel,
            surname_skel: skels.last().cloned().unwrap_or_default(),
            full_skel: collapse(&skels.concat()),
        }
    }

    pub(super) fn surname(&self) -> &str {
        self.tokens.last().map_or("", String::as_str)
    }

    pub(super) fn has_given(&self) -> bool {
        self.tokens.len() > 1
    }

    /// The given-name skeleton when the first given name is written out (not an initial).
    pub(super) fn full_given(&self) -> Option<&str> {
        (self.has_given() && !self.initial[0] && !self.given_skel.is_empty()).then_some(self.given_skel.as_str())
    }

    /// Skeletons of the first given name and of all given names, when written out.
    pub(super) fn given_key(&self) -> Option<(String, String)> {
        self.full_given().map(|g| (self.first_skel.clone(), g.to_string()))
    }
}

/// Consonant skeleton of one word, Latin or Arabic, in one alphabet: Arabic letters are
/// romanised (ب b, ت t, ج g, خ k, ش S…; alef, waw, ya, ain, hamza and ta marbuta dropped);
/// Latin vowels, w and y are dropped, digraphs mapped (ch, sh → S; kh, q, c → k; j, dj, gh
/// → g; ph, v → f; th → t; z → s; p → b), double letters collapsed.
pub(super) fn skeleton(word: &str) -> String {
    let chars: Vec<char> = if word.is_ascii() {
        // Decomposition and marks leave ASCII as it is.
        word.bytes().map(|b| b.to_ascii_lowercase() as char).collect()
    } else {
        word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
    };
    let at = |i: usize| chars.get(i).copied().unwrap_or(' ');
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_arabic_letter(c) {
            out.push_str(arabic_sound(c));
            i += 1;
            continue;
        }
        let (sym, used): (&str, usize) = match (c, at(i + 1), at(i + 2)) {
            ('s' | 't', 'c', 'h') => ("S", 3),
            ('c' | 's', 'h', _) => ("S", 2),
            ('g' | 'z', 'h', _) | ('d', 'j', _) => ("g", 2),
            ('k', 'h', _) => ("k", 2),
            ('p', 'h', _) => ("f", 2),
            ('t', 'h', _) => ("t", 2),
            ('d', 'h', _) => ("d", 2),
            ('c', 'k', _) | ('q', 'u', _) => ("k", 2),
            ('c', 'e' | 'i' | 'y', _) => ("s", 1),
            ('c' | 'k' | 'q', _, _) => ("k", 1),
            ('g' | 'j', _, _) => ("g", 1),
            ('x', _, _) => ("ks", 1),
            ('v' | 'f', _, _) => ("f", 1),
            ('p' | 'b', _, _) => ("b", 1),
            ('z' | 's', _, _) => ("s", 1),
            ('a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w', _, _) => ("", 1),
            ('d', _, _) => ("d", 1),
            ('h', _, _) => ("h", 1),
            ('l', _, _) => ("l", 1),
            ('m', _, _) => ("m", 1),
            ('n', _, _) => ("n", 1),
            ('r', _, _) => ("r", 1),
            ('t', _, _) => ("t", 1),
            _ => ("", 1),
        };
        out.push_str(sym);
        i += used;
    }
    collapse(&out)
}

/// The romanised consonant of an Arabic letter ("" for the letters a skeleton drops).
pub(super) fn arabic_sound(c: char) -> &'static str {
    match c {
        'ب' | 'پ' => "b",
        'ت' | 'ث' | 'ط' => "t",
        'ج' | 'غ' | 'گ' => "g",
        'ح' | 'ه' => "h",
        'خ' | 'ق' | 'ك' | 'ک' => "k",
        'د' | 'ذ' | 'ض' => "d",
        'ر' => "r",
        'ز' | 'س' | 'ص' | 'ظ' => "s",
        'ش' | 'چ' => "S",
        'ف' | 'ڤ' => "f",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        _ => "", // alef, waw, ya, alef maqsura, ta marbuta, hamza, ain
    }
}

/// Collapses runs of one character ("bb" → "b").
pub(super) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = None;
    for c in s.chars() {
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
    out
}
