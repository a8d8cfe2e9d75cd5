//! The tokenizer of the name rules: words with byte spans, shape flags and the kind of
//! punctuation before each, lines classified as prose, headline or Title Case furniture.

#[allow(unused_imports)]
use super::*;

pub(super) const S_CAP: u8 = 1; // first character uppercase
pub(super) const S_UPPER: u8 = 1 << 1; // >= 2 letters, all uppercase (acronym)
pub(super) const S_LOWER: u8 = 1 << 2; // first character lowercase
pub(super) const S_INITIAL: u8 = 1 << 3; // "J." or "U.S."
pub(super) const S_HYPART: u8 = 1 << 4; // "al-Assad": lowercase particle, hyphen, capital
pub(super) const S_DIGIT: u8 = 1 << 5; // contains a digit
pub(super) const S_DOT: u8 = 1 << 6; // ends with '.'
pub(super) const S_HYADJ: u8 = 1 << 7; // "Korea-based", "Iranian-backed": an adjective, not a name

/// What separates a token from the previous one on its line.
pub(super) const B_NONE: u8 = 0; // whitespace only
pub(super) const B_POSS: u8 = 1; // the previous token carried a possessive 's
pub(super) const B_PUNCT: u8 = 2; // other punctuation (comma, quote, parenthesis, dash)
pub(super) const B_SENT: u8 = 3; // sentence end (. ! ? :)
pub(super) const B_LINE: u8 = 4; // first token of the line

#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) lex: u32,
    pub(super) shape: u8,
    pub(super) brk: u8,
    /// Sentence-initial (capitalised for grammatical reasons only).
    pub(super) sent: bool,
    /// Label of a known mention overlapping this token.
    pub(super) known: Option<Label>,
    /// The gap before this token holds a '&' ("Sachs & Co"): fine inside an ORG, never
    /// inside a personal name.
    pub(super) amp: bool,
    /// `lex` holds the lexicon classes (lowercase words are looked up lazily).
    pub(super) looked: bool,
    /// The known mention overlapping this token is exactly this token.
    pub(super) known_exact: bool,
}

impl Tok {
    #[inline]
    pub(super) fn cap(&self) -> bool {
        self.shape & S_CAP != 0
    }
    #[inline]
    pub(super) fn upper(&self) -> bool {
        self.shape & S_UPPER != 0
    }
    #[inline]
    pub(super) fn lower(&self) -> bool {
        self.shape & S_LOWER != 0
    }
    #[inline]
    pub(super) fn has(&self, f: u32) -> bool {
        self.lex & f != 0
    }
}

#[derive(Clone, Copy)]
pub(super) struct Line {
    pub(super) start: usize, // token range
    pub(super) end: usize,
    /// Title-case headline or page furniture: only propagation applies.
    pub(super) headline: bool,
    /// All-caps line: nothing applies.
    pub(super) shouting: bool,
}

#[inline]
pub(super) fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Lexicon classes of a word, and the shape bits that depend on the lexicon.
pub(super) fn word_flags(lex: &Lexicon, word: &str, shape: &mut u8) -> u32 {
    let mut lexf = lex.get(word);
    if *shape & S_UPPER != 0 {
        // "US" is not "us", "IT" is not "it": acronyms keep only their own classes
        lexf &= L_ORG | L_TITLE | L_SUFFIX | L_DOMAIN | L_ABBR;
    }
    // Byte searches: `-` is one byte that no multi-byte character contains, and on a word of
    // a few letters `str::rfind`'s searcher cost more to set up than the scan.
    if let Some(h) = word.bytes().rposition(|b| b == b'-') {
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
            let head = &word[..word.bytes().position(|b| b == b'-').unwrap_or(h)];
            let tf = lex.get(tail);
            if tf & (L_HEAD | L_HON) != 0 && lex.get(head) & (L_TITLE) != 0 {
                lexf = tf & L_TITLE;
            }
        }
    }
    if *shape & S_LOWER != 0 {
        if let Some(h) = word.bytes().position(|b| b == b'-') {
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
pub(super) fn resolve_lower(text: &str, lex: &Lexicon, toks: &mut [Tok], lines: &[Line]) {
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
pub(super) fn tokenize(text: &str, lex: &Lexicon, toks: &mut Vec<Tok>, lines: &mut Vec<Line>) {
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
                    if lex.flags(key.to_ascii_lowercase().as_slice()).is_some_and(|f| f & L_ABBR != 0) {
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

pub(super) fn classify_lines(text: &str, lex: &Lexicon, toks: &[Tok], lines: &mut [Line]) {
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
pub(super) fn attach_known(toks: &mut [Tok], known: &[Mention]) {
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
