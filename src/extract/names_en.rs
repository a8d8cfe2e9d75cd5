//! English PERSON and ORG candidates from rules.
//!
//! One pass tokenises the document into words with byte spans (per line, with the kind of
//! punctuation that separates each word from the previous one) and attaches each word's
//! lexicon classes with one hash lookup (titles, organisation heads, first names,
//! particles, stop words, cue words; all data files under `python/newsframe/data/names/`).
//! Lowercase words are looked up only when they touch a capitalised word, the only place
//! where they matter. Lines in capitals or in Title Case (headlines, page furniture) get
//! no rules of their own. The rules then work on the token array, each claiming tokens so
//! that later rules do not overlap earlier ones:
//!
//! 1. **Titles** ("Russian Foreign Minister", "Deputy Assistant Secretary for Regional
//!    Affairs", "political analyst") are skipped, with their "of/for/to/on ..." complements
//!    made of policy-area words or organisation names; the 1–4 capitalised tokens that
//!    follow are a PERSON. Titles stay outside the span; lowercase particles ("de", "bin",
//!    "al") stay inside.
//! 2. **First names**: a known given name (or an Arabic "Abd-" compound, or a single
//!    initial) starting a capitalised run and followed by 1–3 capitalised tokens is a
//!    PERSON, unless an organisation head, a title or a place noun follows ("Jane Doe
//!    Foundation", "Jane Doe airport") or the last word is a plural noun ("Victoria Falls").
//! 3. **Organisations**: a capitalised run ending in a head word ("Ministry", "Council",
//!    "Front", "Corporation"), extended left over modifiers (including a country or
//!    nationality) and right over further heads and "of/for/on (the) ..." complements, is
//!    an ORG; it never swallows a title that introduces a person ("Navy Chief of Staff
//!    Admiral ..."). Also "<Country> embassy in <Place>", acronyms defined in parentheses
//!    after an ORG and their later uses, photo credits "(Agency)" closing a line, and
//!    "according to <Source>.".
//! 4. **Document propagation**: the surname of a PERSON found by rules 1–2 marks its other
//!    standalone occurrences, before or after; a token at edit distance 1 from a surname of
//!    length >= 5 is a low-score PERSON (typos).
//! 5. **Weak cues**: speakers ("Jane Doe said", "..., said Doe."), appositions ("Jane Doe,
//!    the deputy minister", "Jane Doe, 45,") and "<Surname> administration".
//!
//! Scores: 0.85 title + full name, 0.8 first name + surname, 0.75 propagated surname,
//! 0.75–0.8 ORG (0.8 when it contains a knowledge-base match, so that the resolver
//! prefers "Ruritanian Ministry of Finance" to the NORP "Ruritanian"), 0.5–0.7 weak cues.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::{Label, Mention, Source};

const TITLES: &str = include_str!("../../python/newsframe/data/names/titles_en.txt");
const ORG_HEADS: &str = include_str!("../../python/newsframe/data/names/org_heads_en.txt");
const FIRST_NAMES: &str = include_str!("../../python/newsframe/data/names/first_names_en.txt");
const PARTICLES: &str = include_str!("../../python/newsframe/data/names/name_particles.txt");
const STOPWORDS: &str = include_str!("../../python/newsframe/data/names/stopwords_en.txt");
const COMMON: &str = include_str!("../../python/newsframe/data/names/common_words_en.txt");
const DOMAINS: &str = include_str!("../../python/newsframe/data/names/title_domains_en.txt");
const CUES: &str = include_str!("../../python/newsframe/data/names/cues_en.txt");

// ---------------------------------------------------------------------------------------
// Lexicon classes (bit flags, one map from lowercase word to flags).

const L_HEAD: u32 = 1; // title that can precede a name
const L_MOD: u32 = 1 << 1; // title modifier, needs a head
const L_HON: u32 = 1 << 2; // honorific
const L_ROLE: u32 = 1 << 3; // role noun
const L_ORG: u32 = 1 << 4; // organisation head word
const L_ORG_LOC: u32 = 1 << 5; // head taking "in <Place>" ("embassy")
const L_FIRST: u32 = 1 << 6; // given name
const L_PARTICLE: u32 = 1 << 7; // de, van, bin, al
const L_SUFFIX: u32 = 1 << 8; // Jr., III
const L_STOP: u32 = 1 << 9; // never part of a name
const L_COMMON: u32 = 1 << 10; // ordinary lowercase word
const L_DOMAIN: u32 = 1 << 11; // policy-area word in a title complement
const L_SAY: u32 = 1 << 12; // "<Name> said"
const L_SAY_AFTER: u32 = 1 << 13; // "said <Name>."
const L_BLOCK: u32 = 1 << 14; // determiner or preposition
const L_CREDIT: u32 = 1 << 15; // photo-credit word
const L_ADMIN: u32 = 1 << 16; // "administration"
const L_COMPASS: u32 = 1 << 17; // north, western
const L_ABBR: u32 = 1 << 18; // key ends with '.': the tokenizer keeps the dot
const L_ORG_END: u32 = 1 << 19; // legal-form suffix (Inc., Ltd): no complement after it
const L_FACILITY: u32 = 1 << 20; // airport, prize, falls: "<Name> <facility>" is no person

const L_TITLE: u32 = L_HEAD | L_MOD | L_HON | L_ROLE;
const L_TITLE_HEAD: u32 = L_HEAD | L_HON | L_ROLE;

/// FxHash-style hasher: lexicon keys are short strings, SipHash would dominate lookups.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

struct Lexicon {
    /// Lowercase UTF-8 key -> class flags.
    flags: FxMap<Box<[u8]>, u32>,
}

fn data_lines(src: &str) -> impl Iterator<Item = (&str, &str)> {
    src.lines().filter_map(|l| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            return None;
        }
        let mut it = l.split('\t');
        let key = it.next().unwrap_or("").trim();
        let class = it.next().unwrap_or("").trim();
        if key.is_empty() {
            None
        } else {
            Some((key, class))
        }
    })
}

/// Is `word` (any case) a known English given name (`data/names/first_names_en.txt`)?
pub fn is_first_name(word: &str) -> bool {
    lexicon().flags.get(word.to_lowercase().as_bytes()).is_some_and(|f| f & L_FIRST != 0)
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut flags: FxMap<Box<[u8]>, u32> = FxMap::default();
        let mut add = |key: &str, f: u32| {
            let k = key.to_lowercase();
            let f = if k.ends_with('.') && k.len() > 1 { f | L_ABBR } else { f };
            *flags.entry(k.into_bytes().into_boxed_slice()).or_insert(0) |= f;
        };
        for (k, c) in data_lines(TITLES) {
            let f = match c {
                "head" => L_HEAD,
                "mod" => L_MOD,
                "hon" => L_HON,
                "role" => L_ROLE,
                _ => continue,
            };
            add(k, f);
        }
        for (k, c) in data_lines(ORG_HEADS) {
            add(
                k,
                match c {
                    "loc" => L_ORG | L_ORG_LOC,
                    "end" => L_ORG | L_ORG_END,
                    _ => L_ORG,
                },
            );
        }
        for (k, _) in data_lines(FIRST_NAMES) {
            add(k, L_FIRST);
        }
        for (k, c) in data_lines(PARTICLES) {
            add(
                k,
                match c {
                    "suffix" => L_SUFFIX,
                    "abbr" => 0,
                    _ => L_PARTICLE,
                },
            );
        }
        for (k, _) in data_lines(STOPWORDS) {
            add(k, L_STOP);
        }
        for (k, _) in data_lines(COMMON) {
            add(k, L_COMMON);
        }
        for (k, _) in data_lines(DOMAINS) {
            add(k, L_DOMAIN);
        }
        for (k, c) in data_lines(CUES) {
            let f = match c {
                "say" => L_SAY,
                "say_after" => L_SAY_AFTER,
                "block" => L_BLOCK,
                "credit" => L_CREDIT,
                "admin" => L_ADMIN,
                "compass" => L_COMPASS,
                "facility" => L_FACILITY,
                _ => continue,
            };
            add(k, f);
        }
        Lexicon { flags }
    })
}

impl Lexicon {
    /// Flags of `word`, looked up in lowercase without allocating for ASCII words.
    #[inline]
    fn get(&self, word: &str) -> u32 {
        let b = word.as_bytes();
        if b.len() > 40 {
            return 0;
        }
        if b.is_ascii() {
            let mut buf = [0u8; 40];
            for (d, s) in buf.iter_mut().zip(b) {
                *d = s.to_ascii_lowercase();
            }
            self.flags.get(&buf[..b.len()]).copied().unwrap_or(0)
        } else {
            let k = word.to_lowercase().replace('’', "'");
            if let Some(&f) = self.flags.get(k.as_bytes()) {
                return f;
            }
            // "María" -> "maria", "Ségolène" -> "segolene"
            let folded: String = k.nfd().filter(|c| !is_combining_mark(*c)).collect();
            if folded != k {
                self.flags.get(folded.as_bytes()).copied().unwrap_or(0)
            } else {
                0
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Tokens.

const S_CAP: u8 = 1; // first character uppercase
const S_UPPER: u8 = 1 << 1; // >= 2 letters, all uppercase (acronym)
const S_LOWER: u8 = 1 << 2; // first character lowercase
const S_INITIAL: u8 = 1 << 3; // "J." or "U.S."
const S_HYPART: u8 = 1 << 4; // "al-Assad": lowercase particle, hyphen, capital
const S_DIGIT: u8 = 1 << 5; // contains a digit
const S_DOT: u8 = 1 << 6; // ends with '.'
const S_HYADJ: u8 = 1 << 7; // "Korea-based", "Iranian-backed": an adjective, not a name

/// What separates a token from the previous one on its line.
const B_NONE: u8 = 0; // whitespace only
const B_POSS: u8 = 1; // the previous token carried a possessive 's
const B_PUNCT: u8 = 2; // other punctuation (comma, quote, parenthesis, dash)
const B_SENT: u8 = 3; // sentence end (. ! ? :)
const B_LINE: u8 = 4; // first token of the line

#[derive(Clone, Copy, Debug)]
struct Tok {
    s: usize,
    e: usize,
    lex: u32,
    shape: u8,
    brk: u8,
    /// Sentence-initial (capitalised for grammatical reasons only).
    sent: bool,
    /// Label of a known mention overlapping this token.
    known: Option<Label>,
    /// The gap before this token holds a '&' ("Sachs & Co"): fine inside an ORG, never
    /// inside a personal name.
    amp: bool,
    /// `lex` holds the lexicon classes (lowercase words are looked up lazily).
    looked: bool,
    /// The known mention overlapping this token is exactly this token.
    known_exact: bool,
}

impl Tok {
    #[inline]
    fn cap(&self) -> bool {
        self.shape & S_CAP != 0
    }
    #[inline]
    fn upper(&self) -> bool {
        self.shape & S_UPPER != 0
    }
    #[inline]
    fn lower(&self) -> bool {
        self.shape & S_LOWER != 0
    }
    #[inline]
    fn has(&self, f: u32) -> bool {
        self.lex & f != 0
    }
}

#[derive(Clone, Copy)]
struct Line {
    start: usize, // token range
    end: usize,
    /// Title-case headline or page furniture: only propagation applies.
    headline: bool,
    /// All-caps line: nothing applies.
    shouting: bool,
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Lexicon classes of a word, and the shape bits that depend on the lexicon.
fn word_flags(lex: &Lexicon, word: &str, shape: &mut u8) -> u32 {
    let mut lexf = lex.get(word);
    if *shape & S_UPPER != 0 {
        // "US" is not "us", "IT" is not "it": acronyms keep only their own classes
        lexf &= L_ORG | L_TITLE | L_SUFFIX | L_DOMAIN | L_ABBR;
    }
    if let Some(h) = word.rfind('-') {
        let tail = &word[h + 1..];
        if *shape & S_CAP != 0 && tail.chars().next().is_some_and(|c| c.is_lowercase()) {
            // "Korea-based", "Iranian-backed", "Soviet-era" (but "Ki-choo" is a name)
            const ADJ: [&str; 12] = [
                "run", "made", "born", "style", "era", "like", "wide", "bound", "speaking", "class", "type",
                "held",
            ];
            if tail.ends_with("ed") || ADJ.contains(&tail) {
                *shape |= S_HYADJ;
            }
        }
        // "Prosecutor-General", "Major-General", "ex-President": a title compound
        if lexf == 0 {
            let head = &word[..word.find('-').unwrap_or(h)];
            let tf = lex.get(tail);
            if tf & (L_HEAD | L_HON) != 0 && lex.get(head) & (L_TITLE) != 0 {
                lexf = tf & L_TITLE;
            }
        }
    }
    if *shape & S_LOWER != 0 {
        if let Some(h) = word.find('-') {
            let head = &word[..h];
            let rest = &word[h + 1..];
            if lex.get(head) & L_PARTICLE != 0 && rest.chars().next().is_some_and(|c| c.is_uppercase()) {
                *shape |= S_HYPART;
            }
        }
    }
    lexf
}

/// Looks up the lowercase words that touch a capitalised word, or that may head a title
/// complement ("head of the ..."); the others never take part in a rule.
fn resolve_lower(text: &str, lex: &Lexicon, toks: &mut [Tok], lines: &[Line]) {
    for line in lines {
        for k in line.start..line.end {
            if toks[k].looked {
                continue;
            }
            let capish = |t: &Tok| t.shape & (S_CAP | S_UPPER | S_INITIAL) != 0;
            let prev = k > line.start && toks[k].brk <= B_POSS && capish(&toks[k - 1]);
            let next = k + 1 < line.end && toks[k + 1].brk == B_NONE && {
                let n = &toks[k + 1];
                capish(n) || matches!(&text[n.s..n.e], "of" | "for" | "to" | "on")
            };
            if prev || next {
                let t = &mut toks[k];
                let mut shape = t.shape;
                t.lex = word_flags(lex, &text[t.s..t.e], &mut shape);
                t.shape = shape;
                t.looked = true;
            }
        }
    }
}

/// Splits `text` into word tokens (letters and digits, with internal hyphens and
/// apostrophes, initials "J." / "U.S.", abbreviations from the lexicon "Gen.").
/// A possessive "'s" is dropped and recorded as the next token's break.
fn tokenize(text: &str, lex: &Lexicon, toks: &mut Vec<Tok>, lines: &mut Vec<Line>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut brk = B_LINE;
    let mut amp = false;
    let mut line_start = toks.len();
    while i < n {
        let c = b[i];
        if c == b'\n' {
            lines.push(Line { start: line_start, end: toks.len(), headline: false, shouting: false });
            line_start = toks.len();
            brk = B_LINE;
            i += 1;
            continue;
        }
        let (ch, len) = if c < 0x80 {
            (c as char, 1)
        } else {
            let ch = char_at(text, i).unwrap_or(' ');
            (ch, ch.len_utf8())
        };
        if !ch.is_alphanumeric() {
            if ch == '&' {
                amp = true;
            } else if !ch.is_whitespace() && brk != B_LINE {
                let k = match ch {
                    '.' | '!' | '?' | ':' | ';' => B_SENT,
                    _ => B_PUNCT,
                };
                if k > brk {
                    brk = k;
                }
            }
            i += len;
            continue;
        }
        // A word.
        let s = i;
        let mut e = i + len;
        let mut shape = 0u8;
        if ch.is_uppercase() {
            shape |= S_CAP;
        } else if ch.is_lowercase() {
            shape |= S_LOWER;
        }
        let mut poss = false;
        loop {
            // Alphanumeric body.
            while e < n {
                let c = b[e];
                if c < 0x80 {
                    if c.is_ascii_alphanumeric() {
                        e += 1;
                        continue;
                    }
                    break;
                }
                match char_at(text, e) {
                    Some(ch) if ch.is_alphanumeric() => e += ch.len_utf8(),
                    _ => break,
                }
            }
            if e >= n {
                break;
            }
            // Joiners.
            let c = b[e];
            let (jl, is_apos) = if c == b'-' || c == b'&' {
                (1, false)
            } else if c == b'\'' {
                (1, true)
            } else if text[e..].starts_with('’') {
                (3, true)
            } else {
                (0, false)
            };
            if jl > 0 {
                let after = e + jl;
                let next_alnum = after < n && char_at(text, after).is_some_and(|c| c.is_alphanumeric());
                if !next_alnum {
                    break;
                }
                if is_apos {
                    // possessive 's / s'
                    let nb = b[after];
                    let after2 = after + 1; // a char boundary: 's' is ASCII
                    if (nb == b's' || nb == b'S')
                        && (after2 >= n || !char_at(text, after2).is_some_and(|c| c.is_alphanumeric()))
                    {
                        poss = true;
                        i = after2;
                        break;
                    }
                }
                e = after;
                continue;
            }
            if c == b'.' {
                let word = &text[s..e];
                // Initials and dotted acronyms: "J.", "U.S.", "F.W."
                let seg_start = word.rfind('.').map_or(0, |p| p + 1);
                let seg = &word[seg_start..];
                let single_upper = seg.len() == 1 && seg.as_bytes()[0].is_ascii_uppercase();
                if single_upper {
                    e += 1;
                    if e + 1 < n && b[e].is_ascii_uppercase() && b[e + 1] == b'.' {
                        continue;
                    }
                    break;
                }
                if word.len() <= 8 && word.is_ascii() && !word.contains('.') {
                    let mut buf = [0u8; 9];
                    buf[..word.len()].copy_from_slice(word.as_bytes());
                    buf[word.len()] = b'.';
                    let key = &buf[..word.len() + 1];
                    if lex.flags.get(key.to_ascii_lowercase().as_slice()).is_some_and(|f| f & L_ABBR != 0) {
                        e += 1;
                    }
                }
            }
            break;
        }
        if !poss {
            i = e;
        }
        let word = &text[s..e];
        let mut letters = 0usize;
        let mut uppers = 0usize;
        for ch in word.chars() {
            if ch.is_alphabetic() {
                letters += 1;
                if ch.is_uppercase() {
                    uppers += 1;
                }
            } else if ch.is_ascii_digit() {
                shape |= S_DIGIT;
            }
        }
        if letters >= 2 && uppers == letters {
            shape |= S_UPPER;
        }
        if word.ends_with('.') {
            shape |= S_DOT;
            if letters == uppers && (letters == 1 || word.matches('.').count() >= 2) {
                shape |= S_INITIAL;
            }
        }
        // Lowercase words matter only next to capitalised ones: looked up later, lazily.
        let looked = shape & S_LOWER == 0 || word.contains('-');
        let lexf =
            if looked && shape & (S_CAP | S_LOWER) != 0 { word_flags(lex, word, &mut shape) } else { 0 };
        // Sentence start: line start, after . ! ? :, or after a word ending in a dot
        // that is not an initial or a title abbreviation ("... in the U.S. The ...").
        let sent = brk >= B_SENT
            || toks.len() > line_start && {
                let p = toks[toks.len() - 1];
                brk == B_NONE
                    && p.shape & S_DOT != 0
                    && p.lex & (L_TITLE | L_SUFFIX) == 0
                    && p.shape & S_INITIAL == 0
            };
        toks.push(Tok { s, e, lex: lexf, shape, brk, sent, known: None, amp, looked, known_exact: false });
        brk = if poss { B_POSS } else { B_NONE };
        amp = false;
    }
    lines.push(Line { start: line_start, end: toks.len(), headline: false, shouting: false });
}

fn classify_lines(text: &str, lex: &Lexicon, toks: &[Tok], lines: &mut [Line]) {
    for line in lines.iter_mut() {
        let ts = &toks[line.start..line.end];
        let mut alpha = 0;
        let mut upper = 0;
        let mut cap = 0;
        let mut lower_content = 0;
        let mut cap_common = 0;
        let mut cap_stop = 0;
        for (k, t) in ts.iter().enumerate() {
            if t.shape & (S_CAP | S_LOWER) == 0 {
                continue;
            }
            alpha += 1;
            if t.upper() {
                upper += 1;
            }
            if t.cap() {
                cap += 1;
                if k > 0 && !t.sent && t.has(L_STOP) && !t.upper() {
                    cap_stop += 1;
                }
                if k > 0
                    && t.has(L_COMMON)
                    && !t.has(L_TITLE | L_ORG | L_DOMAIN | L_FIRST | L_STOP)
                    && !t.upper()
                {
                    cap_common += 1;
                }
            } else if lower_content == 0 {
                let f = if t.looked { t.lex } else { lex.get(&text[t.s..t.e]) };
                if f & (L_STOP | L_BLOCK | L_PARTICLE) == 0 {
                    lower_content += 1;
                }
            }
        }
        line.shouting = alpha >= 3 && upper * 5 >= alpha * 4;
        // "Subscribe To Our Newsletter", "Minister Visits Rural Schools": capitalised function
        // words or mostly ordinary words; a list of names ("Squad: Jane Doe, ...") is not
        line.headline = !line.shouting
            && lower_content == 0
            && cap >= 3
            && (cap_stop >= 1 || cap_common * 2 >= cap.max(4));
    }
}

/// Marks tokens overlapping `known` mentions (sorted by start).
fn attach_known(toks: &mut [Tok], known: &[Mention]) {
    let mut k = 0;
    for t in toks.iter_mut() {
        while k < known.len() && known[k].end <= t.s {
            k += 1;
        }
        let mut j = k;
        while j < known.len() && known[j].start < t.e {
            if known[j].end > t.s {
                t.known = Some(known[j].label);
                t.known_exact = known[j].start == t.s && known[j].end == t.e;
                break;
            }
            j += 1;
        }
    }
}

// ---------------------------------------------------------------------------------------
// The rules.

const OWN_PERSON: u8 = 1;
const OWN_ORG: u8 = 2;
const OWN_TITLE: u8 = 3;

fn is_name_label(l: Label) -> bool {
    matches!(l, Label::Gpe | Label::Loc | Label::Norp | Label::Org)
}

/// Demonym-like adjectives ("Brazilian", "Japanese", "Turkish"): not a bare surname.
fn demonym_like(w: &str) -> bool {
    const SUF: [&str; 7] = ["ian", "ean", "ese", "ish", "can", "ans", "ine"];
    w.len() > 4 && SUF.iter().any(|s| w.ends_with(s))
}

/// Damerau-Levenshtein distance <= 1 (one substitution, insertion, deletion or swap).
fn within_one_edit(a: &str, b: &str) -> bool {
    if a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return edit1(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    edit1(&a, &b)
}

fn edit1<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 || a == b {
        return false;
    }
    let p = a.iter().zip(b.iter()).take_while(|(x, y)| x == y).count();
    if la == lb {
        if a[p + 1..] == b[p + 1..] {
            return true;
        }
        return p + 1 < la && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..];
    }
    let (long, short) = if la > lb { (a, b) } else { (b, a) };
    long[p + 1..] == short[p..]
}

struct Doc<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    lines: Vec<Line>,
    own: Vec<u8>,
    out: Vec<Mention>,
    /// Full names found by strong rules: token texts, surname last.
    names: Vec<Vec<&'a str>>,
    /// Acronyms defined in parentheses after an ORG.
    acros: Vec<&'a str>,
    known: &'a [Mention],
}

impl<'a> Doc<'a> {
    /// A known mention spans exactly [s, e).
    fn is_known_span(&self, s: usize, e: usize) -> bool {
        let from = self.known.partition_point(|m| m.start < s);
        self.known[from..].iter().take_while(|m| m.start == s).any(|m| m.end == e)
    }

    #[inline]
    fn word(&self, k: usize) -> &'a str {
        &self.text[self.toks[k].s..self.toks[k].e]
    }

    #[inline]
    fn is_word(&self, k: usize, w: &str) -> bool {
        self.word(k).eq_ignore_ascii_case(w)
    }

    /// Token `k` continues the phrase of token `k - 1` (same line, only spaces between).
    #[inline]
    fn adj(&self, k: usize, end: usize) -> bool {
        k < end && self.toks[k].brk == B_NONE
    }

    /// A given name: lexicon, or the Arabic "Abd-" compound prefix, or "-eddine" names.
    fn is_first(&self, k: usize) -> bool {
        let t = &self.toks[k];
        if !t.cap() || t.upper() || t.known.is_some_and(is_name_label) {
            return false;
        }
        if t.has(L_FIRST) {
            return true;
        }
        let w = self.word(k);
        if t.has(L_COMMON | L_STOP) {
            return false;
        }
        (w.len() >= 3 && w.starts_with("Abd"))
            || ["eddine", "eddin", "uddin", "edine"].iter().any(|s| w.len() > s.len() + 2 && w.ends_with(s))
    }

    /// A token that can be part of a personal name.
    fn nameish(&self, k: usize) -> bool {
        let t = &self.toks[k];
        if self.own[k] != 0 || t.shape & (S_DIGIT | S_HYADJ) != 0 {
            return false;
        }
        if t.known.is_some_and(|l| l != Label::Person) {
            return false;
        }
        if t.shape & S_HYPART != 0 {
            return true;
        }
        if !(t.cap() || t.shape & S_INITIAL != 0) || (t.upper() && t.shape & S_INITIAL == 0) {
            return false;
        }
        if t.has(L_FIRST) {
            return !t.has(L_TITLE | L_ORG);
        }
        !t.has(L_STOP | L_TITLE | L_ORG)
    }

    /// Name tokens from `i` (particles inside, a suffix at the end), at most `max`
    /// capitalised tokens. Returns (end, number of capitalised tokens).
    fn name_seq(&self, i: usize, end: usize, max: usize) -> (usize, usize) {
        let mut k = i;
        let mut n = 0;
        let mut last = i;
        while k < end && n < max {
            if k > i && (self.toks[k].brk != B_NONE || self.toks[k].amp) {
                break;
            }
            let t = &self.toks[k];
            if t.lower() && self.lexf(k) & L_PARTICLE != 0 && self.own[k] == 0 {
                // particle: needs a name token (or another particle) after it
                if k + 1 < end && self.toks[k + 1].brk == B_NONE {
                    let nt = &self.toks[k + 1];
                    if self.nameish(k + 1) || (nt.lower() && self.lexf(k + 1) & L_PARTICLE != 0) {
                        k += 1;
                        continue;
                    }
                }
                break;
            }
            if self.nameish(k)
                || (k == i && self.known_first(k, end))
                || (n == 1 && self.known_surname(k, end))
            {
                n += 1;
                k += 1;
                last = k;
                continue;
            }
            if n > 0 && t.has(L_SUFFIX) && (t.upper() || t.cap()) {
                last = k + 1;
            }
            break;
        }
        (last, n)
    }

    /// A given name that the knowledge base took for a place ("Victoria", "Georgia"), followed
    /// by a surname-like word: the name wins ("Victoria Halden"; but "Jordan Valley").
    fn known_first(&self, k: usize, end: usize) -> bool {
        let t = &self.toks[k];
        t.cap()
            && self.own[k] == 0
            && t.has(L_FIRST)
            && t.known.is_some_and(|l| matches!(l, Label::Gpe | Label::Loc))
            && self.adj(k + 1, end)
            && self.nameish(k + 1)
            && !self.toks[k + 1].has(L_COMMON | L_FACILITY | L_FIRST)
            && self.toks[k + 1].shape & S_INITIAL == 0
    }

    /// A surname that the knowledge base took for a place or an organisation, right after
    /// a given name and closing the name: "Gary Tarvonia" where the KB knows a place "Tarvonia".
    fn known_surname(&self, k: usize, end: usize) -> bool {
        let t = &self.toks[k];
        t.cap()
            && !t.upper()
            && self.own[k] == 0
            && t.known_exact
            && t.known.is_some_and(|l| matches!(l, Label::Gpe | Label::Loc | Label::Org))
            && self.toks[k - 1].known.is_none()
            && self.is_first(k - 1)
            && !(self.adj(k + 1, end) && (self.nameish(k + 1) || self.toks[k + 1].cap()))
    }

    /// Token `i` continues a capitalised run of unknown words ("San [Francisco]").
    fn glued_to_name(&self, i: usize, start: usize) -> bool {
        if i == start || self.toks[i].brk != B_NONE {
            return false;
        }
        let p = &self.toks[i - 1];
        p.cap()
            && !p.upper()
            && self.own[i - 1] == 0
            && p.known.is_none()
            && !p.has(L_TITLE | L_STOP)
            && !demonym_like(self.word(i - 1))
    }

    /// A lowercase place or thing noun follows a name: "Jane Doe airport", "Doe prize".
    fn facility_follows(&self, k: usize, end: usize) -> bool {
        self.adj(k, end) && self.toks[k].lower() && self.toks[k].has(L_FACILITY)
    }

    /// The token after `k` is an organisation head: the name names an organisation.
    fn org_follows(&self, k: usize, end: usize) -> bool {
        self.adj(k, end) && self.toks[k].has(L_ORG) && (self.toks[k].cap() || self.toks[k].upper())
    }

    fn push(&mut self, a: usize, b: usize, label: Label, score: f32) {
        let own = if label == Label::Person { OWN_PERSON } else { OWN_ORG };
        for o in &mut self.own[a..b] {
            *o = own;
        }
        let (s, e) = (self.toks[a].s, self.toks[b - 1].e);
        self.out.push(Mention::new(s, e, label, Source::Rule, score));
    }

    fn add_person(&mut self, a: usize, b: usize, score: f32, strong: bool) {
        if strong {
            let words: Vec<&'a str> = (a..b)
                .filter(|&k| {
                    !self.toks[k].has(L_SUFFIX) && !(self.toks[k].lower() && self.lexf(k) & L_PARTICLE != 0)
                })
                .map(|k| self.word(k))
                .collect();
            let last = (a..b).rev().find(|&k| !self.toks[k].has(L_SUFFIX));
            let sur_ok = last.is_some_and(|k| {
                let t = &self.toks[k];
                t.e - t.s >= 2 && t.shape & (S_INITIAL | S_UPPER | S_DOT) == 0
            });
            if !words.is_empty() && sur_ok {
                self.names.push(words);
            }
        }
        self.push(a, b, Label::Person, score);
    }

    // ----- titles ---------------------------------------------------------------------

    /// A complement of a title after the connector at `k` ("of State", "for the Bureau of
    /// Maritime Affairs", "of the Armed Forces"): policy-area words, organisation heads,
    /// known places, and capitalised words that lead to an organisation head.
    fn title_complement(&self, k: usize, end: usize) -> Option<usize> {
        let mut m = k + 1;
        if !self.adj(m, end) {
            return None;
        }
        if self.is_word(m, "the") {
            m += 1;
            if !self.adj(m, end) {
                return None;
            }
        }
        let mut last = None;
        while self.adj(m, end) {
            let t = &self.toks[m];
            if t.cap() || t.upper() {
                if self.own[m] != 0 || t.has(L_STOP) {
                    break;
                }
                let ok = if t.has(L_DOMAIN) || t.has(L_ORG) || t.known.is_some_and(is_name_label) {
                    true
                } else if self.is_first(m) {
                    false
                } else {
                    // a capitalised word that leads to an organisation head
                    let mut q = m + 1;
                    let mut found = false;
                    while self.adj(q, end)
                        && (self.toks[q].cap() || self.toks[q].upper())
                        && !self.is_first(q)
                    {
                        if self.toks[q].has(L_ORG) {
                            found = true;
                            break;
                        }
                        q += 1;
                    }
                    found
                };
                if !ok {
                    break;
                }
                m += 1;
                last = Some(m);
                continue;
            }
            // inner connectors: "Defense and Security", "Bureau of Maritime Affairs"
            let w = self.word(m);
            let conn = matches!(w, "and" | "of" | "for" | "on" | "the" | "&");
            if conn && last.is_some() && self.adj(m + 1, end) {
                let nt = &self.toks[m + 1];
                if (nt.cap() || nt.upper())
                    && (nt.has(L_DOMAIN | L_ORG) || w == "the")
                    && !nt.has(L_TITLE_HEAD)
                {
                    m += 1;
                    continue;
                }
                if w == "of"
                    && self.is_word(m + 1, "the")
                    && self.adj(m + 2, end)
                    && self.toks[m + 2].has(L_DOMAIN | L_ORG)
                {
                    m += 2;
                    continue;
                }
            }
            break;
        }
        last
    }

    /// A title phrase starting at `i`: title words and complements. Returns the end of the
    /// phrase, the class of its last head (L_HEAD, L_HON or L_ROLE), and a bit mask of
    /// the title words themselves (relative to `i`; complement words are not in it).
    fn parse_title(&self, i: usize, end: usize) -> Option<(usize, u32, u64)> {
        let mut j = i;
        let mut last: Option<(usize, u32)> = None;
        let mut mask = 0u64;
        while j < end {
            if j > i && self.toks[j].brk != B_NONE {
                break;
            }
            let t = &self.toks[j];
            if self.own[j] != 0 || t.known.is_some_and(is_name_label) {
                break;
            }
            let f = self.lexf(j);
            let role_only = f & L_TITLE == L_ROLE;
            if f & L_TITLE != 0 && !(role_only && t.cap() && !t.sent) {
                if j - i < 64 {
                    mask |= 1 << (j - i);
                }
                if f & L_TITLE_HEAD != 0 {
                    let cls = if f & L_HON != 0 {
                        L_HON
                    } else if f & L_HEAD != 0 {
                        L_HEAD
                    } else {
                        L_ROLE
                    };
                    last = Some((j + 1, cls));
                }
                j += 1;
                continue;
            }
            if let Some((le, _)) = last {
                if le == j && t.lower() && matches!(self.word(j), "of" | "for" | "to" | "on") {
                    if let Some(ce) = self.title_complement(j, end) {
                        let cls = last.map_or(L_HEAD, |l| l.1);
                        last = Some((ce, cls));
                        j = ce;
                        continue;
                    }
                }
            }
            break;
        }
        last.map(|(e, c)| (e, c, mask))
    }

    // ----- pass A: persons ------------------------------------------------------------

    fn persons(&mut self, line: Line) {
        let (start, end) = (line.start, line.end);
        let mut i = start;
        while i < end {
            let t = self.toks[i];
            if self.own[i] != 0 {
                i += 1;
                continue;
            }
            // 1. title + name
            if t.has(L_TITLE) {
                if let Some((j, cls, mask)) = self.parse_title(i, end) {
                    if self.adj(j, end) && self.title_person(i, j, cls, mask, end) {
                        i = j;
                        continue;
                    }
                    if j > i + 1 {
                        i = j;
                        continue;
                    }
                }
            }
            // 2. first name (or a single initial) + surname, at the start of a capitalised
            //    run: "San Francisco Giants" is not a person
            let initial = t.shape & S_INITIAL != 0 && t.e - t.s == 2;
            if (self.is_first(i) || initial || self.known_first(i, end)) && !self.glued_to_name(i, start) {
                let (mut e, n) = self.name_seq(i, end, 4);
                // A token glued to digits ("Abdelmadjid2024") starts no name sequence at all.
                if e <= i {
                    i += 1;
                    continue;
                }
                // beyond "First Last", ordinary words end the name ("Jane Doe Memorial Day")
                if n >= 3 {
                    let mut q = i + 2;
                    while q < e && !(self.toks[q].has(L_COMMON) && !self.is_first(q) && self.toks[q].cap()) {
                        q += 1;
                    }
                    e = q;
                }
                let last = self.toks[e - 1];
                let last_w = self.word(e - 1);
                let surname_ok = n >= 2
                    && !(initial && (last.shape & S_INITIAL != 0 || last.e - last.s < 2))
                    // "Christian Democrats", "Victoria Falls": a plural common noun
                    && !(last.has(L_COMMON) && last_w.ends_with('s') && !self.is_first(e - 1));
                let modifier_run = self.adj(e, end) && self.toks[e].cap() && self.toks[e].has(L_HEAD | L_MOD);
                let company = self.adj(e, end) && self.toks[e].amp;
                if surname_ok
                    && !modifier_run
                    && !company
                    && !self.org_follows(e, end)
                    && !self.facility_follows(e, end)
                {
                    let ambiguous = t.has(L_COMMON) && t.sent;
                    let score = if last.has(L_FACILITY) {
                        0.55
                    } else if initial || ambiguous || last.has(L_COMMON) {
                        0.6
                    } else {
                        0.8
                    };
                    self.add_person(i, e, score, !initial);
                    i = e;
                    continue;
                }
            }
            // 3. "<Surname> administration"
            if t.cap() && !t.upper() && self.nameish(i) && !t.has(L_COMMON) && !demonym_like(self.word(i)) {
                let prev_cap =
                    i > start && t.brk == B_NONE && (self.toks[i - 1].cap() || self.toks[i - 1].upper());
                let n = i + 1;
                if !prev_cap && n < end && self.toks[n].brk <= B_POSS && self.toks[n].has(L_ADMIN) {
                    self.add_person(i, i + 1, 0.6, false);
                    i += 1;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Name after the title phrase [i, j). Returns whether a person was added.
    fn title_person(&mut self, i: usize, j: usize, cls: u32, mask: u64, end: usize) -> bool {
        let a = j;
        let (e, n) = self.name_seq(a, end, 4);
        if n == 0 || self.org_follows(e, end) || self.facility_follows(e, end) {
            return false;
        }
        let n = (a..e).filter(|&k| self.toks[k].cap() || self.toks[k].shape & S_HYPART != 0).count();
        if cls == L_ROLE && demonym_like(self.word(a)) && !self.is_first(a) {
            return false; // "fellow Indian Ocean islanders"
        }
        let score;
        if n >= 2 {
            score = if cls == L_ROLE { 0.8 } else { 0.85 };
        } else {
            // one token: "President Doe", "Mr. Smith", "analyst Doe said"
            let c = (a..e).find(|&k| self.toks[k].cap()).unwrap_or(a);
            let t = &self.toks[c];
            let particle = c > a;
            if !particle && (t.has(L_COMMON) || t.upper() || t.has(L_DOMAIN) || demonym_like(self.word(c))) {
                return false;
            }
            if cls == L_ROLE {
                let next_ok = e >= end
                    || self.toks[e].brk != B_NONE
                    || self.toks[e].has(L_SAY)
                    || self.is_word(e, "and");
                if !next_ok {
                    return false;
                }
                score = 0.6;
            } else {
                score = if cls == L_HON { 0.75 } else { 0.65 };
            }
        }
        for k in i..j.min(i + 64) {
            if mask & (1 << (k - i)) != 0 {
                self.own[k] = OWN_TITLE;
            }
        }
        let strong = n >= 2 || cls == L_HON;
        self.add_person(a, e, score, strong);
        true
    }

    // ----- pass B: organisations ------------------------------------------------------

    fn org_token(&self, k: usize) -> bool {
        let t = &self.toks[k];
        (t.cap() || t.upper())
            && self.own[k] == 0
            && t.shape & S_HYADJ == 0
            && !t.has(L_STOP)
            && !t.known.is_some_and(|l| !is_name_label(l))
    }

    /// Complements after an organisation head: "of National Defence", "on Defense and
    /// Security", "in Algiers" (for embassies). Returns the new end.
    fn org_complements(&self, mut r: usize, end: usize, loc: bool) -> usize {
        for _ in 0..3 {
            if !self.adj(r, end) || !self.toks[r].lower() {
                break;
            }
            let w = self.word(r);
            let ok = matches!(w, "of" | "for" | "on") || (loc && matches!(w, "in" | "to"));
            if !ok {
                break;
            }
            let mut m = r + 1;
            if self.adj(m, end) && self.is_word(m, "the") {
                m += 1;
            }
            let cstart = m;
            let mut last = None;
            while self.adj(m, end) && self.org_token(m) {
                // a title that introduces a name ends the organisation
                if self.toks[m].has(L_TITLE_HEAD)
                    && self.adj(m + 1, end)
                    && self.nameish(m + 1)
                    && !self.toks[m].has(L_DOMAIN)
                {
                    break;
                }
                m += 1;
                last = Some(m);
                if self.adj(m, end) && (self.is_word(m, "and") || self.word(m) == "&") && self.adj(m + 1, end)
                {
                    let nt = m + 1;
                    let generic = self.toks[nt].has(L_DOMAIN | L_COMMON) && self.toks[nt].cap();
                    if self.org_token(nt) && generic && !self.toks[nt].has(L_ORG) && !self.is_first(nt) {
                        m = nt;
                    }
                }
            }
            let Some(mut ce) = last else { break };
            // "Guild of St Mary's ...": the complement is cut inside a name
            if ce < end && self.toks[ce].brk == B_POSS {
                break;
            }
            // trailing title head: "Department of Energy Secretary" (keep "of the President")
            while ce > cstart + 1 && self.toks[ce - 1].has(L_TITLE_HEAD) && !self.toks[ce - 1].has(L_ORG) {
                ce -= 1;
            }
            r = ce;
        }
        r
    }

    fn orgs(&mut self, line: Line) {
        let (start, end) = (line.start, line.end);
        let mut k = start;
        while k < end {
            let t = self.toks[k];
            if !t.has(L_ORG) || self.own[k] != 0 {
                k += 1;
                continue;
            }
            if t.lower() {
                if t.has(L_ORG_LOC) {
                    self.lower_embassy(k, start, end);
                }
                k += 1;
                continue;
            }
            // left modifiers
            let mut l = k;
            loop {
                if l > start + 1
                    && self.toks[l].brk == B_NONE
                    && self.is_word(l - 1, "and")
                    && self.toks[l - 1].brk == B_NONE
                {
                    // "Food and Drug Administration": generic words on both sides
                    let (x, y) = (&self.toks[l - 2], &self.toks[l]);
                    if self.org_token(l - 2) && x.cap() && x.has(L_COMMON) && y.has(L_COMMON) {
                        l -= 2;
                        continue;
                    }
                }
                // "People's Liberation Army", "Children's Fund" (but not "Ruritania's Ministry")
                let poss_ok = self.toks[l].brk == B_POSS
                    && l > start
                    && self.toks[l - 1].has(L_COMMON)
                    && !self.toks[l - 1].sent;
                if !(l > start && (self.toks[l].brk == B_NONE || poss_ok) && self.org_token(l - 1)) {
                    break;
                }
                let p = &self.toks[l - 1];
                // a sentence-initial common word is not a modifier unless capitalised words follow
                if p.sent && p.has(L_COMMON) && !p.has(L_DOMAIN | L_ORG | L_TITLE) && l == k {
                    break;
                }
                l -= 1;
            }
            // more heads: "State Council Committee", "Holdings Inc.", and words that
            // lead to one: "Communist Party Central Committee"
            let mut r = k + 1;
            loop {
                let mut q = r;
                while q < r + 3
                    && self.adj(q, end)
                    && self.org_token(q)
                    && !self.toks[q].has(L_ORG | L_TITLE_HEAD)
                    && !self.is_first(q)
                {
                    q += 1;
                }
                if self.adj(q, end) && self.org_token(q) && self.toks[q].has(L_ORG) {
                    r = q + 1;
                    continue;
                }
                break;
            }
            let loc = (k..r).any(|q| self.toks[q].has(L_ORG_LOC));
            let r = if self.toks[r - 1].has(L_ORG_END) { r } else { self.org_complements(r, end, loc) };
            let caps = (l..r).filter(|&q| self.toks[q].cap() || self.toks[q].upper()).count();
            let suffixes_only = (l..r).all(|q| self.toks[q].has(L_ORG_END)); // "Co Inc"

            let heads_only_left = (l..k).all(|q| self.toks[q].has(L_COMPASS));
            let exact_known = self.is_known_span(self.toks[l].s, self.toks[r - 1].e);
            if caps >= 2
                && !suffixes_only
                && !(heads_only_left && r == k + 1 && l < k)
                && !(l == k && r == k + 1)
                && !exact_known
            {
                let has_known = (l..r).any(|q| self.toks[q].known.is_some());
                self.push(l, r, Label::Org, if has_known { 0.8 } else { 0.75 });
                self.acronym_after(r, end);
                k = r;
                continue;
            }
            k += 1;
        }
    }

    /// "Ruritanian embassy in Valdoria", "the French consulate in Lyon".
    fn lower_embassy(&mut self, k: usize, start: usize, end: usize) {
        if k == start || self.toks[k].brk != B_NONE || !self.org_token(k - 1) {
            return;
        }
        let p = &self.toks[k - 1];
        if !(p.upper()
            || p.known.is_some_and(|l| matches!(l, Label::Gpe | Label::Norp))
            || demonym_like(self.word(k - 1)))
        {
            return;
        }
        let mut l = k - 1;
        // multi-token known modifier ("United States embassy")
        while l > start
            && self.toks[l].brk == B_NONE
            && self.toks[l - 1].known.is_some()
            && self.toks[l - 1].known == self.toks[l].known
        {
            l -= 1;
        }
        if !self.adj(k + 1, end) || !matches!(self.word(k + 1), "in" | "to") {
            return;
        }
        let r = self.org_complements(k + 1, end, true);
        if r > k + 2 {
            self.push(l, r, Label::Org, 0.8);
        }
    }

    /// "Popular Unity Front (PUF)": the acronym is an ORG.
    fn acronym_after(&mut self, r: usize, end: usize) {
        if r >= end || self.own[r] != 0 || !self.toks[r].upper() || self.toks[r].known.is_some() {
            return;
        }
        let gap = self.text[self.toks[r - 1].e..self.toks[r].s].trim();
        let after = &self.text[self.toks[r].e..];
        if gap == "(" && after.starts_with(')') {
            self.acros.push(self.word(r));
            self.push(r, r + 1, Label::Org, 0.7);
        }
    }

    /// Later uses of acronyms defined in the document.
    fn acronyms(&mut self) {
        let defs = std::mem::take(&mut self.acros);
        if defs.is_empty() {
            return;
        }
        for k in 0..self.toks.len() {
            let t = self.toks[k];
            if t.upper() && self.own[k] == 0 && t.known.is_none() && defs.contains(&self.word(k)) {
                self.push(k, k + 1, Label::Org, 0.7);
            }
        }
    }

    // ----- document rules ---------------------------------------------------------------

    /// Surnames of persons found so far mark their other standalone occurrences; a token
    /// within one edit of a long surname is a low-score PERSON.
    fn propagate(&mut self) {
        if self.names.is_empty() {
            return;
        }
        let mut names = std::mem::take(&mut self.names);
        names.sort();
        names.dedup();
        let mut by_surname: FxMap<&'a str, usize> = FxMap::default();
        for (i, nm) in names.iter().enumerate() {
            if let Some(&sur) = nm.last() {
                by_surname.entry(sur).or_insert(i);
            }
        }
        let long: Vec<&'a str> = by_surname.keys().copied().filter(|s| s.chars().count() >= 5).collect();
        for li in 0..self.lines.len() {
            let line = self.lines[li];
            if line.shouting {
                continue;
            }
            for k in line.start..line.end {
                let t = self.toks[k];
                if self.own[k] != 0 || !t.cap() || t.upper() || t.known.is_some() || t.has(L_STOP | L_ORG) {
                    continue;
                }
                let w = self.word(k);
                let bare =
                    w.find('-').filter(|_| self.toks[k].shape & S_HYPART != 0).map_or(w, |h| &w[h + 1..]);
                // next token: not an org head or another name token
                let next_free = !(self.adj(k + 1, line.end)
                    && (self.toks[k + 1].cap() && (self.toks[k + 1].has(L_ORG) || self.nameish(k + 1))));
                let hit = by_surname.get(w).or_else(|| by_surname.get(bare)).map(|&i| &names[i]);
                if let Some(nm) = hit {
                    if !next_free {
                        continue;
                    }
                    // extend back over the rest of the name ("Jane Doe" in a headline)
                    let mut a = k;
                    let mut q = nm.len() - 1;
                    while q > 0 && a > line.start && self.toks[a].brk == B_NONE && self.own[a - 1] == 0 {
                        let pw = self.word(a - 1);
                        if pw == nm[q - 1] {
                            a -= 1;
                            q -= 1;
                        } else if self.toks[a - 1].lower() && self.lexf(a - 1) & L_PARTICLE != 0 {
                            a -= 1;
                        } else {
                            break;
                        }
                    }
                    let prev_name = a > line.start && self.toks[a].brk == B_NONE && self.nameish(a - 1);
                    if prev_name {
                        continue;
                    }
                    self.push(a, k + 1, Label::Person, if a < k { 0.8 } else { 0.75 });
                    continue;
                }
                // typo tolerance
                if w.len() < 5 || t.has(L_COMMON | L_FIRST | L_TITLE | L_DOMAIN) || !next_free {
                    continue;
                }
                let prev_cap = k > line.start
                    && t.brk == B_NONE
                    && (self.toks[k - 1].cap() || self.toks[k - 1].upper())
                    && !self.toks[k - 1].has(L_TITLE);
                if prev_cap {
                    continue;
                }
                let typo = long.iter().any(|sur| within_one_edit(sur, w));
                if typo {
                    self.push(k, k + 1, Label::Person, 0.55);
                }
            }
        }
        self.names = names;
    }

    /// "(Novapress)", "(Korvala – Archive)" closing a caption line.
    fn credit(&mut self, line: Line) {
        if line.end == line.start {
            return;
        }
        let last = self.toks[line.end - 1];
        let rest = self.text[last.e..].split('\n').next().unwrap_or("").trim();
        if !rest.starts_with(')') || rest.len() > 2 {
            return;
        }
        // find the opening parenthesis (not at the start of the line: "( Spain)")
        let mut a = line.end - 1;
        loop {
            if a == line.start {
                return;
            }
            let gap_start = self.toks[a - 1].e;
            let gap = &self.text[gap_start..self.toks[a].s];
            if gap.contains('(') {
                break;
            }
            if a == line.start || line.end - a > 4 {
                return;
            }
            a -= 1;
        }
        // the parenthesis must not define an acronym of the words before it
        if a > line.start && self.toks[a].brk != B_SENT {
            let p = &self.toks[a - 1];
            if p.cap() || p.upper() {
                return;
            }
        }
        if (a..line.end).any(|q| {
            !(self.toks[q].cap() || self.toks[q].upper())
                || self.toks[q].shape & S_DIGIT != 0
                || self.own[q] != 0
        }) {
            return;
        }
        let mut e = a;
        while e < line.end
            && (e == a || self.toks[e].brk == B_NONE)
            && !self.toks[e].has(L_CREDIT)
            && self.org_token(e)
        {
            e += 1;
        }
        // "(Korvala – Archive)": a credit word makes it a credit even for a known place
        let credit_word = (a..line.end).any(|q| self.toks[q].has(L_CREDIT));
        if e == a || (self.toks[a].known.is_some() && !credit_word) || self.is_first(a) {
            return;
        }
        if self.is_known_span(self.toks[a].s, self.toks[e - 1].e)
            && (a..e).all(|q| self.toks[q].known == Some(Label::Org))
        {
            return;
        }
        self.push(a, e, Label::Org, if credit_word { 0.85 } else { 0.55 });
    }

    /// "according to Harbour Watch." — a named source that is not a person.
    fn according_to(&mut self, line: Line) {
        let (start, end) = (line.start, line.end);
        for k in start..end.saturating_sub(2) {
            if !self.is_word(k, "according") || !self.adj(k + 1, end) || !self.is_word(k + 1, "to") {
                continue;
            }
            let mut a = k + 2;
            if !self.adj(a, end) {
                continue;
            }
            if self.is_word(a, "the") {
                a += 1;
                if !self.adj(a, end) {
                    continue;
                }
            }
            let mut e = a;
            while (e == a || self.adj(e, end)) && e < end && self.org_token(e) && !self.toks[e].has(L_TITLE) {
                e += 1;
            }
            if e == a || self.is_first(a) || (a..e).any(|q| self.toks[q].known.is_some()) {
                continue;
            }
            let closed = e >= end || self.toks[e].brk >= B_PUNCT;
            let single_adj = e == a + 1 && (demonym_like(self.word(a)) || self.toks[a].has(L_COMMON));
            if closed && !single_adj {
                self.push(a, e, Label::Org, 0.5);
            }
        }
    }

    /// "Doe said", "..., said Doe." — speakers.
    fn speakers(&mut self, line: Line) {
        let (start, end) = (line.start, line.end);
        let mut k = start;
        while k < end {
            let t = self.toks[k];
            if self.own[k] != 0 || !t.cap() || t.upper() || !self.nameish(k) {
                k += 1;
                continue;
            }
            // run start: not glued to a previous capitalised token
            if k > start && t.brk == B_NONE && (self.toks[k - 1].cap() || self.toks[k - 1].upper()) {
                k += 1;
                continue;
            }
            let (e, n) = self.name_seq(k, end, 3);
            if n == 0 {
                k += 1;
                continue;
            }
            let before_block = k > start && t.brk == B_NONE && self.toks[k - 1].has(L_BLOCK);
            let single_common =
                (k..e).any(|q| self.toks[q].has(L_COMMON)) || (n == 1 && demonym_like(self.word(k)));
            // "<Name> said"
            let said_after = self.adj(e, end) && self.toks[e].lower() && self.toks[e].has(L_SAY);
            // "said <Name>."
            let said_before = k > start
                && t.brk == B_NONE
                && self.toks[k - 1].lower()
                && self.toks[k - 1].has(L_SAY_AFTER)
                && (e >= end || self.toks[e].brk >= B_PUNCT);
            // a lone unknown word before "said" is more often an agency or a company
            let said_after = said_after && n >= 2;
            let short = (k..e).any(|q| self.toks[q].e - self.toks[q].s < 2 || self.toks[q].has(L_FACILITY));
            if (said_after && !before_block || said_before)
                && !single_common
                && !short
                && !(t.sent && t.has(L_COMMON))
            {
                self.add_person(k, e, 0.5, false);
                k = e;
                continue;
            }
            // "Jane Doe, the deputy minister", "Jane Doe, 45,", "Jane Doe, who"
            let after_det = k > start
                && t.brk == B_NONE
                && matches!(self.word(k - 1), "the" | "a" | "an" | "The" | "A" | "An");
            if n >= 2
                && !after_det
                && !short
                && !(k..e).any(|q| self.toks[q].has(L_COMMON) && !self.is_first(q))
            {
                if let Some(score) = self.apposition(e, end) {
                    self.add_person(k, e, score, true);
                    k = e;
                    continue;
                }
            }
            k = e.max(k + 1);
        }
    }

    /// Lexicon classes of token `k`, looking up a lowercase word not resolved yet.
    fn lexf(&self, k: usize) -> u32 {
        let t = &self.toks[k];
        if t.looked {
            t.lex
        } else {
            lexicon().get(self.word(k))
        }
    }

    /// The text between tokens `k - 1` and `k`.
    fn gap(&self, k: usize) -> &'a str {
        &self.text[self.toks[k - 1].e..self.toks[k].s]
    }

    /// After a name ending before token `e`: ", (the|a|an)? [Country('s)]? <title>",
    /// ", <age>," or ", who". Returns the PERSON score it supports.
    fn apposition(&self, e: usize, end: usize) -> Option<f32> {
        if e >= end || self.gap(e).trim() != "," {
            return None;
        }
        let t = &self.toks[e];
        if t.shape & S_DIGIT != 0 {
            let w = self.word(e);
            let age = w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit());
            let closed = e + 1 < end && self.gap(e + 1).trim() == ",";
            return (age && closed).then_some(0.7);
        }
        if self.is_word(e, "who") {
            return Some(0.6);
        }
        let mut m = e;
        if t.lower() && matches!(self.word(e), "the" | "a" | "an") {
            m += 1;
        }
        if !(m < end && (m == e || self.toks[m].brk == B_NONE)) {
            return None;
        }
        // a country or nationality before the title: "US Deputy Assistant", "Ruritania's"
        let c = &self.toks[m];
        let possessor = m + 1 < end && self.toks[m + 1].brk == B_POSS;
        if (c.upper()
            || c.known.is_some_and(|l| matches!(l, Label::Gpe | Label::Norp))
            || demonym_like(self.word(m))
            || possessor)
            && (c.cap() || c.upper())
            && !c.has(L_TITLE)
            && m + 1 < end
            && self.toks[m + 1].brk <= B_POSS
        {
            m += 1;
        }
        let (j, _, _) = self.parse_title(m, end)?;
        // "Valdor City, the president said": the title starts a new clause
        if j < end && self.toks[j].brk == B_NONE && self.lexf(j) & L_SAY != 0 {
            return None;
        }
        Some(0.7)
    }
}

/// PERSON and ORG candidates in `text`; `known` holds the knowledge-base and value
/// mentions already found (sorted by start), which the rules use as context.
pub fn find(text: &str, known: &[Mention]) -> Vec<Mention> {
    let lex = lexicon();
    let mut toks = Vec::with_capacity(text.len() / 6 + 1);
    let mut lines = Vec::new();
    tokenize(text, lex, &mut toks, &mut lines);
    if toks.is_empty() {
        return Vec::new();
    }
    resolve_lower(text, lex, &mut toks, &lines);
    classify_lines(text, lex, &toks, &mut lines);
    attach_known(&mut toks, known);
    let n = toks.len();
    let mut doc = Doc {
        text,
        toks,
        lines,
        own: vec![0; n],
        out: Vec::new(),
        names: Vec::new(),
        acros: Vec::new(),
        known,
    };
    let lines = doc.lines.clone();
    for &line in &lines {
        if !line.headline && !line.shouting {
            doc.persons(line);
        }
    }
    for &line in &lines {
        if !line.headline && !line.shouting {
            doc.orgs(line);
        }
    }
    doc.acronyms();
    doc.propagate();
    for &line in &lines {
        if !line.headline && !line.shouting {
            doc.credit(line);
            doc.according_to(line);
            doc.speakers(line);
        }
    }
    let mut out = doc.out;
    out.sort_by_key(|m| (m.start, m.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, mentions that must be found as (label, surface), surfaces that must not be
    /// found with any label, whether the expected list is exhaustive).
    type Case = (&'static str, &'static [(&'static str, &'static str)], &'static [&'static str], bool);

    fn surfaces(text: &str, known: &[Mention]) -> Vec<(String, String, f32)> {
        find(text, known)
            .into_iter()
            .map(|m| (m.label.as_str().to_string(), text[m.start..m.end].to_string(), m.score))
            .collect()
    }

    fn run(cases: &[Case]) {
        for (text, want, absent, exact) in cases {
            let got = surfaces(text, &[]);
            for (label, surface) in *want {
                assert!(
                    got.iter().any(|(l, s, _)| l == label && s == surface),
                    "{text:?}: expected {label} {surface:?}, got {got:?}"
                );
            }
            for surface in *absent {
                assert!(
                    !got.iter().any(|(_, s, _)| s == surface),
                    "{text:?}: unexpected {surface:?} in {got:?}"
                );
            }
            if *exact {
                assert_eq!(got.len(), want.len(), "{text:?}: expected exactly {want:?}, got {got:?}");
            }
            for (_, _, score) in &got {
                assert!((0.5..=0.9).contains(score), "{text:?}: score {score} out of range");
            }
        }
    }

    #[test]
    fn titles_stay_outside_person_spans() {
        run(&[
            (
                "President Halvard Quintrell met reporters on Monday.",
                &[("PERSON", "Halvard Quintrell")],
                &["President Halvard Quintrell"],
                true,
            ),
            (
                "Ruritanian Foreign Minister Tomasz Velbrek arrived in the capital.",
                &[("PERSON", "Tomasz Velbrek")],
                &["Foreign Minister Tomasz Velbrek", "Ruritanian Foreign Minister"],
                true,
            ),
            ("Lieutenant General Oskar Fenwright inspected the troops.", &[("PERSON", "Oskar Fenwright")], &[], true),
            (
                "Deputy Assistant Secretary for Regional Affairs Lorna Quessaby spoke first.",
                &[("PERSON", "Lorna Quessaby")],
                &["Regional Affairs Lorna Quessaby"],
                true,
            ),
            (
                "The plan is risky, according to political analyst Marit Oyelaran.",
                &[("PERSON", "Marit Oyelaran")],
                &["analyst Marit Oyelaran"],
                true,
            ),
            (
                "The talks were attended by Director of Internal Security Halim Zentari and others.",
                &[("PERSON", "Halim Zentari")],
                &["Internal Security Halim Zentari"],
                true,
            ),
            ("Mr. Pellegrew declined to comment.", &[("PERSON", "Pellegrew")], &["Mr. Pellegrew"], true),
            ("Troops loyal to Gen. Ayo Brandtner advanced.", &[("PERSON", "Ayo Brandtner")], &["Gen. Ayo Brandtner"], true),
            (
                "The ceremony was led by Army Chief of Staff Lieutenant General Oskar Fenwright and the mayor.",
                &[("PERSON", "Oskar Fenwright")],
                &["Army", "Army Chief of Staff", "Chief of Staff Lieutenant General Oskar Fenwright"],
                true,
            ),
            (
                "The visit was arranged by the Interior-Minister Valko Draganic.",
                &[("PERSON", "Valko Draganic")],
                &[],
                true,
            ),
        ]);
    }

    #[test]
    fn particles_stay_inside_names() {
        run(&[
            (
                "Historians say General du Vernay negotiated the truce.",
                &[("PERSON", "du Vernay")],
                &["General du Vernay"],
                true,
            ),
            (
                "Crown Prince Mohammed bin Taleeq visited the port.",
                &[("PERSON", "Mohammed bin Taleeq")],
                &[],
                true,
            ),
            (
                "The speech by Ambassador Pieter van der Molensloot was short.",
                &[("PERSON", "Pieter van der Molensloot")],
                &[],
                true,
            ),
        ]);
    }

    #[test]
    fn first_names_and_arabic_compounds() {
        run(&[
            (
                "Jennifer Okonkwo-Ladd visited the plant in the morning.",
                &[("PERSON", "Jennifer Okonkwo-Ladd")],
                &[],
                true,
            ),
            ("Abdelhafid Ourrad attended the meeting.", &[("PERSON", "Abdelhafid Ourrad")], &[], true),
            ("The report was written by J. Falmouth in 1990.", &[("PERSON", "J. Falmouth")], &[], true),
            // a first name inside a longer capitalised run is not a person start
            ("He played for San Tomasz Giants last year.", &[], &["Tomasz Giants"], false),
            // place and plural-noun surnames
            ("Tourists were stranded at the Victoria Falls resort.", &[], &["Victoria Falls"], true),
            ("The Mark Delacroix airport reopened.", &[], &["Mark Delacroix"], false),
        ]);
    }

    #[test]
    fn organisations_with_modifiers_and_complements() {
        run(&[
            (
                "Officials of the Ruritanian Ministry of Coastal Defence met on Friday.",
                &[("ORG", "Ruritanian Ministry of Coastal Defence")],
                &["the Ruritanian Ministry of Coastal Defence"],
                true,
            ),
            ("A spokesman for the Department of Agriculture said prices rose.", &[("ORG", "Department of Agriculture")], &[], true),
            ("The Bureau of Maritime Affairs issued a warning.", &[("ORG", "Bureau of Maritime Affairs")], &[], true),
            ("Shares of Zenthor Corporation fell sharply.", &[("ORG", "Zenthor Corporation")], &[], true),
            ("He joined the Valdorian Patriotic Front in 1961.", &[("ORG", "Valdorian Patriotic Front")], &[], true),
            (
                "The decision was confirmed by the head of the State Assembly Committee on Energy and Transport Ivan Sokolenko.",
                &[("ORG", "State Assembly Committee on Energy and Transport"), ("PERSON", "Ivan Sokolenko")],
                &[],
                true,
            ),
            (
                "The Ruritanian embassy in Valdoria said the border was closed.",
                &[("ORG", "Ruritanian embassy in Valdoria")],
                &[],
                true,
            ),
            (
                "The Popular Unity Front (PUF) won the vote, but the PUF lost the capital.",
                &[("ORG", "Popular Unity Front"), ("ORG", "PUF")],
                &[],
                false,
            ),
            ("Shares of Dalmont Industries rose after Korea-based investors bought in.", &[("ORG", "Dalmont Industries")], &["Korea-based"], true),
            ("The Food and Drug Administration approved the vaccine.", &[("ORG", "Food and Drug Administration")], &[], true),
            ("The Ministry said nothing.", &[], &["Ministry"], true),
            ("Settlers in the West Bank protested.", &[], &["West Bank"], true),
        ]);
        // the count of "PUF" mentions: definition and later use
        let text = "The Popular Unity Front (PUF) won the vote, but the PUF lost the capital.";
        let got = surfaces(text, &[]);
        assert_eq!(got.iter().filter(|(l, s, _)| l == "ORG" && s == "PUF").count(), 2, "{got:?}");
    }

    #[test]
    fn known_modifier_is_inside_org_and_outscores_it() {
        let text = "Officials of the Ruritanian Ministry of Coastal Defence met on Friday.";
        let s = text.find("Ruritanian").unwrap();
        let mut norp = Mention::new(s, s + "Ruritanian".len(), Label::Norp, Source::Kb, 0.8);
        norp.kb_id = Some("Q1".into());
        let got = find(text, &[norp]);
        let org = got.iter().find(|m| m.label == Label::Org).expect("an ORG");
        assert_eq!(&text[org.start..org.end], "Ruritanian Ministry of Coastal Defence");
        assert!(org.score >= 0.8);
    }

    /// Known mentions for `words` (each an exact substring) with `label`.
    fn known_at(text: &str, items: &[(&str, Label)]) -> Vec<Mention> {
        let mut v: Vec<Mention> = items
            .iter()
            .map(|(w, l)| {
                let s = text.find(w).unwrap();
                Mention::new(s, s + w.len(), *l, Source::Kb, 0.8)
            })
            .collect();
        v.sort_by_key(|m| (m.start, m.end));
        v
    }

    #[test]
    fn names_that_the_knowledge_base_took_for_places() {
        let cases: &[(&str, &[(&str, Label)], &[(&str, &str, f32)], &[&str])] = &[
            // a given name the KB calls a city, followed by a surname
            (
                "The plan is risky, according to political analyst Victoria Veltrane.",
                &[("Victoria", Label::Gpe)],
                &[("PERSON", "Victoria Veltrane", 0.8)],
                &[],
            ),
            // a surname the KB calls a place, after a given name
            (
                "Gary Tarvonia drove in two runs.",
                &[("Tarvonia", Label::Gpe)],
                &[("PERSON", "Gary Tarvonia", 0.8)],
                &[],
            ),
            // but a known place stays a place
            (
                "Farmers in the Jordan Valley protested.",
                &[("Jordan Valley", Label::Loc)],
                &[],
                &["Jordan Valley", "Jordan"],
            ),
            ("She flew to Tarvonia on Monday.", &[("Tarvonia", Label::Gpe)], &[], &["Tarvonia"]),
            // a credit line overrides a known region, with a score above the KB's
            (
                "The ministers met in the capital (Korvala \u{2013} Archive)",
                &[("Korvala", Label::Loc)],
                &[("ORG", "Korvala", 0.85)],
                &[],
            ),
        ];
        for (text, known, want, absent) in cases {
            let known = known_at(text, known);
            let got = surfaces(text, &known);
            for (label, surface, min) in *want {
                assert!(
                    got.iter().any(|(l, s, sc)| l == label && s == surface && sc >= min),
                    "{text:?}: expected {label} {surface:?} >= {min}, got {got:?}"
                );
            }
            for surface in *absent {
                assert!(
                    !got.iter().any(|(_, s, _)| s == surface),
                    "{text:?}: unexpected {surface:?} in {got:?}"
                );
            }
        }
    }

    #[test]
    fn roles_are_split_from_organisations() {
        run(&[
            (
                "He met the Navy Chief of Staff Admiral Pieter Vanlangen on Sunday.",
                &[("PERSON", "Pieter Vanlangen")],
                &["Navy", "Navy Chief of Staff"],
                true,
            ),
            (
                "The Supreme Defence Council secretary Oleg Varnavin said talks went well.",
                &[("ORG", "Supreme Defence Council"), ("PERSON", "Oleg Varnavin")],
                &["Supreme Defence Council secretary Oleg Varnavin"],
                true,
            ),
            (
                "The UN General Assembly voted on Tuesday.",
                &[("ORG", "UN General Assembly")],
                &["Assembly"],
                true,
            ),
            (
                "Gregor Tamsin, the Deputy Coordinator for the Bureau of Water Resources, spoke.",
                &[("PERSON", "Gregor Tamsin"), ("ORG", "Bureau of Water Resources")],
                &[],
                false,
            ),
        ]);
    }

    #[test]
    fn propagation_typos_and_speakers() {
        let text = "Defence Secretary Mark Tellaver arrived on Thursday.\n\
                    Tellaver said the talks were useful.\n\
                    Later, Tellavar left for the airport.\n\
                    \u{201c}We are ready,\u{201d} said Quorvath.\n\
                    Critics blamed the Dunmere administration.";
        let got = surfaces(text, &[]);
        let persons: Vec<&str> =
            got.iter().filter(|(l, _, _)| l == "PERSON").map(|(_, s, _)| s.as_str()).collect();
        assert_eq!(persons, ["Mark Tellaver", "Tellaver", "Tellavar", "Quorvath", "Dunmere"], "{got:?}");
        let score = |w: &str| got.iter().find(|(_, s, _)| s == w).unwrap().2;
        assert!(score("Mark Tellaver") > score("Tellaver"));
        assert!(score("Tellaver") > score("Tellavar"));
        // a surname mentioned before the full name is found too
        let text = "Tellaver: no deal yet\nDefence Secretary Mark Tellaver said so on Monday.";
        let got = surfaces(text, &[]);
        assert!(got.iter().any(|(l, s, _)| l == "PERSON" && s == "Tellaver"), "{got:?}");
    }

    #[test]
    fn credits_and_sources() {
        run(&[
            (
                "Protesters gather outside parliament on Sunday. (Novapress)",
                &[("ORG", "Novapress")],
                &[],
                true,
            ),
            (
                "The ministers met in the capital (Korvala \u{2013} Archive)",
                &[("ORG", "Korvala")],
                &["Archive"],
                true,
            ),
            (
                "Exports doubled last year, according to Harbour Watch.",
                &[("ORG", "Harbour Watch")],
                &[],
                true,
            ),
            // an acronym defined by the words before it is no credit
            ("They signed a Memorandum of Understanding (MoU)", &[], &["MoU"], true),
        ]);
    }

    #[test]
    fn appositions_and_company_names() {
        run(&[
            (
                "Gregor Tamsin, the Deputy Coordinator for the Bureau of Water Resources, spoke.",
                &[("PERSON", "Gregor Tamsin"), ("ORG", "Bureau of Water Resources")],
                &[],
                true,
            ),
            ("Halvor Brenne, 52, was arrested on Friday.", &[("PERSON", "Halvor Brenne")], &[], true),
            (
                "Talks with Halvor Brenne, who leads the group, stalled.",
                &[("PERSON", "Halvor Brenne")],
                &[],
                true,
            ),
            (
                "He met Lunet Ardavi, Ruritania's deputy foreign minister, in the capital.",
                &[("PERSON", "Lunet Ardavi")],
                &[],
                true,
            ),
            // a place followed by a clause is no apposition
            ("In Valdor City, the president said nothing.", &[], &["Valdor City"], true),
            ("Shares of Tamsin & Co rose.", &[], &["Tamsin"], false),
            (
                "The Valdorian Communist Party Central Committee met on Friday.",
                &[("ORG", "Valdorian Communist Party Central Committee")],
                &[],
                true,
            ),
            (
                "The Prime Minister\u{2019}s Office denied the report.",
                &[("ORG", "Prime Minister\u{2019}s Office")],
                &[],
                true,
            ),
            ("The People's Liberation Army held drills.", &[("ORG", "People's Liberation Army")], &[], true),
            (
                "Shares of Brenne Holdings Inc. of Valdoria fell.",
                &[("ORG", "Brenne Holdings Inc.")],
                &[],
                true,
            ),
            (
                "Deputy Prosecutor-General Ilse Varnholt appealed.",
                &[("PERSON", "Ilse Varnholt")],
                &["Prosecutor-General Ilse Varnholt"],
                true,
            ),
        ]);
    }

    #[test]
    fn no_garbage_from_ordinary_capitals() {
        run(&[
            ("However, The meeting on Monday was short. In June, Tuesday talks ended.", &[], &[], true),
            ("GOVERNMENT MINISTER RESIGNS AFTER SCANDAL IN CAPITAL", &[], &[], true),
            ("Minister Visits Northern Provinces To Discuss Reforms", &[], &[], true),
            ("Officials said the plan would proceed. Analysts said it would not.", &[], &[], true),
            (
                "The opposition Social Democrats said they would vote against.",
                &[],
                &["Social Democrats"],
                true,
            ),
            ("Leave a Reply\nSubscribe To Our Newsletter\nSource link", &[], &[], true),
            ("Bilateral trade rose in March. During April, prices fell.", &[], &[], true),
            ("", &[], &[], true),
            (
                "\u{627}\u{644}\u{62c}\u{632}\u{627}\u{626}\u{631} 2024 \u{2014} \u{00e9}t\u{00e9}",
                &[],
                &[],
                true,
            ),
        ]);
    }

    #[test]
    fn offsets_are_byte_spans_on_char_boundaries() {
        let text = "L\u{2019}\u{00e9}t\u{00e9} \u{2014} President Jos\u{00e9} \u{00d1}\u{00fa}\u{00f1}ez met Mar\u{00ed}a O\u{2019}Connell.";
        let got = find(text, &[]);
        assert!(!got.is_empty());
        for m in &got {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            assert_eq!(m.source, Source::Rule);
        }
        let s = surfaces(text, &[]);
        assert!(
            s.iter().any(|(l, w, _)| l == "PERSON" && w == "Jos\u{00e9} \u{00d1}\u{00fa}\u{00f1}ez"),
            "{s:?}"
        );
        assert!(s.iter().any(|(l, w, _)| l == "PERSON" && w == "Mar\u{00ed}a O\u{2019}Connell"), "{s:?}");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let fixed = [
            "Algeria\u{2019}s", "O\u{2019}", "U.S.", "A.", "Gen.", "Smith &", "& Co", "(", ")", "(Novapress",
            "\n\n\n", "Mr.", "al-", "-Doe", "Jane Doe\u{2019}", "e\u{301}te\u{301} Jose\u{301}", "\u{1F600} Jane Doe",
            "President", "said Doe", "Doe said", "Ministry of", "the Ruritanian embassy in",
        ];
        for t in fixed {
            for m in find(t, &[]) {
                assert!(m.start < m.end && m.end <= t.len() && t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
            }
        }
        // pseudo-random texts over an alphabet of tricky characters
        let alphabet: Vec<char> = "aZ .,’'-&()\n:Mé\u{301}Ñ\u{627}1sS".chars().collect();
        let words = ["President ", "Jane ", "Doe", "Ministry ", "of ", "said ", "al-", "Mr. ", "(", ")", "embassy "];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            let mut t = String::new();
            for _ in 0..(x % 40) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                if x % 3 == 0 {
                    t.push_str(words[(x >> 8) as usize % words.len()]);
                } else {
                    t.push(alphabet[(x >> 8) as usize % alphabet.len()]);
                }
            }
            for m in find(&t, &[]) {
                assert!(m.start < m.end && t.is_char_boundary(m.start) && t.is_char_boundary(m.end), "{t:?}");
            }
        }
    }

    #[test]
    fn edit_distance_one() {
        for (a, b, want) in [
            ("Tellaver", "Tellavar", true),
            ("Tellaver", "Tellavers", true),
            ("Tellaver", "Tellver", true),
            ("Tellaver", "Tellavre", true),
            ("Tellaver", "Tellaver", false),
            ("Tellaver", "Telavar", false),
            ("abc", "xyz", false),
        ] {
            assert_eq!(within_one_edit(a, b), want, "{a} {b}");
        }
    }

    #[test]
    fn lexicons_load() {
        let lex = lexicon();
        assert!(lex.get("President") & L_HEAD != 0);
        assert!(lex.get("gen.") & L_ABBR != 0);
        assert!(lex.get("Ministry") & L_ORG != 0);
        assert!(lex.get("embassy") & L_ORG_LOC != 0);
        assert!(lex.get("John") & L_FIRST != 0);
        assert!(lex.get("bin") & L_PARTICLE != 0);
        assert!(lex.get("Monday") & L_STOP != 0);
        assert!(lex.get("said") & L_SAY != 0);
    }
}
