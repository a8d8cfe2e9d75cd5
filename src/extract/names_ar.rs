//! Arabic PERSON and ORG mentions by rule.
//!
//! One pass over whitespace/punctuation tokens with bounded look-ahead and look-behind, then
//! one pass to propagate surnames. In order of score:
//!
//! * **Organisation head** (`وزارة`, `المجلس`, `للسفارة`…) followed by up to five ال-words:
//!   idafa complements and adjectives after an indefinite head (`وزارة الدفاع الوطني
//!   الجزائرية`), adjectives only after a definite one (`المجلس العسكري`); a bare head is
//!   not an ORG (see `org_heads_ar.txt` for the per-head flags). 0.85, above a
//!   knowledge-base NORP inside it.
//! * **Title cue** (`الرئيس`, `وزير الخارجية`, `للمحللة`…): skip complements and modifiers
//!   (ال-words such as `الخارجية`, `الجزائري`, `السياسية`; known NORP/GPE/ORG mentions;
//!   further titles such as `نظيره`; links such as `باسم`), then read a name: 1–3 words, a
//!   prefix unit (`عبد الرزاق`, `بن علي`, `آل ثاني`) counting once, words outside the name
//!   lexicon only in the first two units. 0.8 with a lexicon name token, else 0.75; a "weak" title (also
//!   a common word: `الفريق`, `المحافظ`) needs a lexicon token.
//! * **Apposition**: name tokens right before `، <title>`, after a preposition, a frequent
//!   word, punctuation or the start of the line. 0.7.
//! * **Speech verb** (`قال`, `أكدت`…) followed by a name-lexicon token. 0.65.
//! * **Lexicon run**, no cue: a given name and known name tokens (one unknown surname
//!   allowed), or three known name tokens. 0.6.
//! * **Surname propagation**: the last word of a multi-word PERSON found above, alone later
//!   in the document. 0.55.
//! * **Lexicon token**, no cue: a name token never seen outside names (PERSON), or an
//!   organisation token (ORG). 0.5.
//!
//! Words are compared in folded form ([`arabic::fold`]); function words keep alef maqsura so
//! that `على` and the name `علي` differ. Spans never include a proclitic (و ف ب ل ك); in
//! `للـ…` (ل + ال) the span starts at the second ل. Titles stay outside PERSON spans. A
//! `known` mention (knowledge base, values) is never part of a name; known NORP/GPE are
//! skipped between a title and a name and may complete an organisation name.
//!
//! The lexicons live in `python/newsframe/data/names/*_ar.txt`: hand-written cues, heads,
//! function words, name parts and organisation-chain stop words; name tokens, given names,
//! stop words, places and organisation tokens derived from ANERcorp by
//! `scripts/build_names_ar.py` (see `NOTICE_ar.md`).

use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::doc::{Label, Mention, Source};
use crate::text::arabic::{self, fold_str, is_arabic_letter, proclitic_len};

const CUES: &str = include_str!("../../python/newsframe/data/names/cues_ar.txt");
const ORG_HEADS: &str = include_str!("../../python/newsframe/data/names/org_heads_ar.txt");
const FUNCTION_WORDS: &str = include_str!("../../python/newsframe/data/names/function_words_ar.txt");
const NAME_PARTS: &str = include_str!("../../python/newsframe/data/names/name_parts_ar.txt");
const ORG_STOP: &str = include_str!("../../python/newsframe/data/names/org_stop_ar.txt");
const NAME_TOKENS: &str = include_str!("../../python/newsframe/data/names/name_tokens_ar.txt");
const FIRST_NAMES: &str = include_str!("../../python/newsframe/data/names/first_names_ar.txt");
const STOPWORDS: &str = include_str!("../../python/newsframe/data/names/stopwords_ar.txt");
const PLACES: &str = include_str!("../../python/newsframe/data/names/places_ar.txt");
const ORGS: &str = include_str!("../../python/newsframe/data/names/orgs_ar.txt");

/// FxHash (as in rustc): the lexicons are fixed data, so a fast non-keyed hash is fine and
/// about halves the cost of the many short-word look-ups.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FxHasher>>;
type HashSet<T> = StdHashSet<T, BuildHasherDefault<FxHasher>>;

/// Scores: the resolver prefers higher, then longer; knowledge-base matches have 0.8.
const SCORE_TITLE_KNOWN: f32 = 0.8;
const SCORE_TITLE: f32 = 0.75;
const SCORE_APPOSITION: f32 = 0.7;
const SCORE_VERB: f32 = 0.65;
const SCORE_RUN: f32 = 0.6;
const SCORE_SURNAME: f32 = 0.55;
const SCORE_SINGLE: f32 = 0.5;
/// Above a knowledge-base NORP inside the name (`وزارة الدفاع الجزائرية`).
const SCORE_ORG: f32 = 0.85;
/// A lone token of the organisation lexicon.
const SCORE_ORG_SINGLE: f32 = 0.5;

/// Name units at most, not counting prefix units (a prefix and its word: عبد الرزاق, بن علي),
/// and tokens at most (حمد بن جاسم بن جبر آل ثاني).
const MAX_UNITS: usize = 3;
const MAX_NAME_TOKENS: usize = 7;
/// A lone name token is a PERSON if seen this often in PERS spans and never outside them.
const SINGLE_MIN_COUNT: u32 = 3;
/// A name token is a surname (no unknown word follows it) if seen this often, never first.
const SURNAME_MIN_COUNT: u32 = 3;
/// Tokens skipped between a title and the name (complements, adjectives).
const MAX_SKIP: usize = 4;
/// ال-words after an organisation head.
const MAX_ORG_CHAIN: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// A title or role: the name follows after optional complements.
    Title,
    /// A title that is also a common word: the name must contain a lexicon token.
    Weak,
    /// A speech verb: a known first name must follow directly.
    Verb,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    /// At least one complement that is not a known NORP.
    Any,
    /// At least one complement that is not nisba-shaped.
    Noun,
    /// One adjective is enough; may continue with في/لدى + a place.
    Adj,
}

struct Lexicon {
    /// Folded cue phrases, words joined by a space.
    cues: HashMap<String, Cue>,
    /// Folded first words of the cue phrases.
    cue_first: HashSet<String>,
    /// Words in the longest cue phrase.
    cue_len: usize,
    /// Words that continue a title before its complement (باسم, لدى), folded.
    links: HashSet<String>,
    heads: HashMap<String, Head>,
    /// Function words, folded except for alef maqsura.
    function: HashSet<String>,
    prefixes: HashSet<String>,
    suffixes: HashSet<String>,
    org_stop: HashSet<String>,
    /// Time words among `org_stop` (الليلة الماضية).
    time_words: HashSet<String>,
    names: HashSet<String>,
    /// Name tokens never seen outside PERS spans, often enough to stand alone.
    single: HashSet<String>,
    /// Name tokens seen alone or as later tokens of names, never first (شيراك, الحريري).
    surnames: HashSet<String>,
    firsts: HashSet<String>,
    stop: HashSet<String>,
    places: HashSet<String>,
    orgs: HashSet<String>,
}

/// The tab-separated fields of the non-comment lines of a list.
fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// `(first field, second field)` of the non-comment lines of a list.
fn entries(data: &str) -> impl Iterator<Item = (&str, &str)> {
    rows(data).map(|f| (f[0], f.get(1).copied().unwrap_or("")))
}

fn folded_set(data: &str) -> HashSet<String> {
    entries(data).map(|(w, _)| fold_str(w)).collect()
}

/// The folded phrase and the same with ال added to or removed from its first word.
fn al_variants(phrase: &str) -> [String; 2] {
    let folded = fold_str(phrase);
    let other = match folded.strip_prefix("ال") {
        Some(rest) => rest.to_string(),
        None => format!("ال{folded}"),
    };
    [folded, other]
}

/// [`arabic::fold`] except that alef maqsura stays: the key of function words.
fn light_fold(s: &str) -> String {
    s.chars().filter_map(|c| if c == 'ى' { Some(c) } else { arabic::fold(c) }).collect()
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut cues = HashMap::default();
        let mut links = HashSet::default();
        for (phrase, kind) in entries(CUES) {
            let kind = match kind {
                "link" => {
                    links.insert(fold_str(phrase));
                    continue;
                }
                "verb" => {
                    cues.insert(fold_str(phrase), Cue::Verb);
                    continue;
                }
                "weak" => Cue::Weak,
                _ => Cue::Title,
            };
            for v in al_variants(phrase) {
                cues.entry(v).or_insert(kind);
            }
        }
        let cue_first = cues.keys().map(|p| p.split(' ').next().unwrap_or("").to_string()).collect();
        let cue_len = cues.keys().map(|p| p.split(' ').count()).max().unwrap_or(1);
        let mut heads = HashMap::default();
        for (head, flag) in entries(ORG_HEADS) {
            let flag = match flag {
                "noun" => Head::Noun,
                "adj" => Head::Adj,
                _ => Head::Any,
            };
            for v in al_variants(head) {
                heads.insert(v, flag);
            }
        }
        Lexicon {
            cues,
            cue_first,
            cue_len,
            links,
            heads,
            function: entries(FUNCTION_WORDS).map(|(w, _)| light_fold(w)).collect(),
            prefixes: entries(NAME_PARTS).filter(|&(_, k)| k == "prefix").map(|(w, _)| fold_str(w)).collect(),
            suffixes: entries(NAME_PARTS).filter(|&(_, k)| k == "suffix").map(|(w, _)| fold_str(w)).collect(),
            org_stop: folded_set(ORG_STOP),
            time_words: entries(ORG_STOP).filter(|&(_, k)| k == "time").map(|(w, _)| fold_str(w)).collect(),
            names: folded_set(NAME_TOKENS),
            single: rows(NAME_TOKENS)
                .filter(|f| {
                    let count = |i: usize| f.get(i).and_then(|c| c.parse::<u32>().ok()).unwrap_or(0);
                    count(1) >= SINGLE_MIN_COUNT && count(2) == 0
                })
                .map(|f| fold_str(f[0]))
                .collect(),
            surnames: rows(NAME_TOKENS)
                .filter(|f| {
                    let count = |i: usize| f.get(i).and_then(|c| c.parse::<u32>().ok()).unwrap_or(0);
                    count(3) == 0 && count(4) >= SURNAME_MIN_COUNT
                })
                .map(|f| fold_str(f[0]))
                .collect(),
            firsts: folded_set(FIRST_NAMES),
            stop: folded_set(STOPWORDS),
            places: folded_set(PLACES),
            orgs: folded_set(ORGS),
        }
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A run of Arabic letters (with diacritics and tatweel).
    Word,
    /// Latin letters or digits.
    Other,
    /// One punctuation character or a line break.
    Punct,
}

struct Tok<'a> {
    start: usize,
    end: usize,
    kind: Kind,
    text: &'a str,
    fold: String,
    /// A function word (looked up with alef maqsura kept, see [`light_fold`]).
    function: bool,
    /// The proclitic analysis ([`clitic`]): stem offset and folded stem.
    stem: Option<(usize, String)>,
    /// The stem is a function word.
    stem_function: bool,
    /// Index into `known` of a mention overlapping this token.
    known: Option<usize>,
}

impl Tok<'_> {
    fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    /// Begins with the article (at least two letters after it), no proclitic.
    fn is_al(&self) -> bool {
        self.fold.starts_with("ال") && self.fold.chars().count() >= 4
    }

    /// Begins with و or ف, which may be the conjunction.
    fn conjunction(&self) -> bool {
        self.text.starts_with(['و', 'ف'])
    }
}

/// An ال-adjective shaped like a nisba, folded: ال…ي, ال…يه.
fn is_nisba(fold: &str) -> bool {
    fold.starts_with("ال") && (fold.ends_with('ي') || fold.ends_with("يه")) && fold.chars().count() >= 5
}

/// An elative adjective with the article, folded: الاعلي, الاكبر, الاوسط.
fn is_elative(fold: &str) -> bool {
    fold.starts_with("الا") && fold.chars().count() == 6
}

fn is_word_char(c: char) -> bool {
    is_arabic_letter(c) || matches!(c, '\u{064b}'..='\u{065f}' | '\u{0670}')
}

fn tokenize<'a>(text: &'a str, known: &[Mention], lex: &Lexicon) -> Vec<Tok<'a>> {
    let mut toks = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let kind = if is_word_char(c) {
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
                let same = if kind == Kind::Word { is_word_char(d) } else { d.is_alphanumeric() && !is_word_char(d) };
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
fn clitic(text: &str) -> Option<(usize, String)> {
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

/// How a token fits in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    No,
    /// Not excluded, not in the name lexicon.
    Maybe,
    /// In the name lexicon.
    Known,
}

struct Finder<'t, 'k> {
    lex: &'static Lexicon,
    toks: Vec<Tok<'t>>,
    known: &'k [Mention],
}

/// A name found: byte span, index of the token after it, and whether a token is in the name
/// lexicon (or a name prefix such as عبد).
struct Name {
    start: usize,
    end: usize,
    next: usize,
    lexical: bool,
}

/// What the first token of a name must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum First {
    /// Anything that fits a name (after a title).
    Any,
    /// A known given name.
    Lexicon,
    /// A token of the name lexicon.
    Name,
    /// A known first name after proclitics ending at this byte offset in the token.
    Stem(usize),
}

/// How a name is read from its first token.
#[derive(Debug, Clone, Copy)]
struct Mode {
    first: First,
    /// Tokens outside the name lexicon allowed (only ever in the first two units).
    guesses: usize,
    /// An ال-word may end the name after its first word (سمير القنطار).
    al_surname: bool,
}

/// After a title: anything name-like.
const AFTER_TITLE: Mode = Mode { first: First::Any, guesses: usize::MAX, al_surname: true };
/// After a speech verb: a known first name, then anything name-like.
const AFTER_VERB: Mode = Mode { first: First::Name, guesses: usize::MAX, al_surname: true };

impl Finder<'_, '_> {
    fn tok(&self, i: usize) -> Option<&Tok<'_>> {
        self.toks.get(i)
    }

    fn word(&self, i: usize) -> Option<&Tok<'_>> {
        self.toks.get(i).filter(|t| t.is_word())
    }

    fn known_label(&self, t: &Tok<'_>) -> Option<Label> {
        t.known.map(|k| self.known[k].label)
    }

    /// A cue starting at token `i` (possibly after proclitics): kind and index after it.
    fn cue_at(&self, i: usize) -> Option<(Cue, usize)> {
        let lex = self.lex;
        let t = self.word(i)?;
        if t.known.is_some() || t.function {
            return None;
        }
        let first = if lex.cue_first.contains(&t.fold) {
            t.fold.clone()
        } else {
            let (_, stem) = t.stem.as_ref()?;
            if !lex.cue_first.contains(stem) || t.stem_function {
                return None;
            }
            stem.clone()
        };
        let mut phrase = first;
        let mut best = lex.cues.get(&phrase).map(|&c| (c, i + 1));
        for n in 1..lex.cue_len {
            let Some(next) = self.word(i + n) else { break };
            phrase.push(' ');
            phrase.push_str(&next.fold);
            if let Some(&c) = lex.cues.get(&phrase) {
                best = Some((c, i + n + 1));
            }
        }
        best
    }

    /// An organisation head at token `i`: flag, byte start of the head (after proclitics) and
    /// whether it is definite (المجلس, للسفارة: adjectives follow, not a genitive).
    fn head_at(&self, i: usize) -> Option<(Head, usize, bool)> {
        let t = self.word(i)?;
        if let Some(&h) = self.lex.heads.get(&t.fold) {
            return Some((h, t.start, t.fold.starts_with("ال")));
        }
        let (off, stem) = t.stem.as_ref()?;
        self.lex.heads.get(stem).map(|&h| (h, t.start + off, stem.starts_with("ال")))
    }

    /// Whether token `i` can be part of a name.
    fn fit(&self, i: usize) -> Fit {
        let Some(t) = self.word(i) else { return Fit::No };
        let lex = self.lex;
        if t.known.is_some() || t.function || lex.prefixes.contains(&t.fold) {
            return Fit::No;
        }
        if lex.names.contains(&t.fold) {
            return Fit::Known;
        }
        if t.fold.chars().count() < 2
            || t.is_al()
            || lex.stop.contains(&t.fold)
            || lex.places.contains(&t.fold)
            || lex.cue_first.contains(&t.fold)
            || lex.heads.contains_key(&t.fold)
            // A present-tense verb (يزور, يعتزم): names in ي are in the lexicon.
            || (t.fold.starts_with('ي') && t.fold.chars().count() >= 4)
            // A possessive suffix (خارجيتها, حكومتهم), a feminine plural (برقيات, اتصالات).
            || (t.fold.chars().count() >= 5 && ["ها", "هم", "هما", "كم"].iter().any(|s| t.fold.ends_with(s)))
            || (t.fold.chars().count() >= 6 && t.fold.ends_with("ات"))
        {
            return Fit::No;
        }
        // With a proclitic that leaves a known word (وزوجته, بزيارة, والرئيس), the token is that
        // word; otherwise the first letters may be the name's own (فولكوفا, بوفلجة).
        if let Some((_, stem)) = &t.stem {
            if stem.starts_with("ال")
                || t.stem_function
                || lex.names.contains(stem)
                || lex.stop.contains(stem)
                || lex.cue_first.contains(stem)
                || lex.heads.contains_key(stem)
                || lex.places.contains(stem)
            {
                return Fit::No;
            }
        }
        Fit::Maybe
    }

    fn is_prefix(&self, i: usize) -> bool {
        self.word(i).is_some_and(|t| t.known.is_none() && self.lex.prefixes.contains(&t.fold))
    }

    /// A name unit led by prefixes at `i` (عبد الرزاق, بن عبد العزيز, آل ثاني): the index after
    /// it. The word completing the prefixes may begin with ال.
    fn prefix_unit(&self, i: usize) -> Option<usize> {
        let lex = self.lex;
        let mut j = i;
        while self.is_prefix(j) && j - i < 3 {
            j += 1;
        }
        let next = self.word(j).filter(|_| j > i)?;
        let ok = next.known.is_none()
            && !next.function
            && !lex.stop.contains(&next.fold)
            && !lex.prefixes.contains(&next.fold)
            && next.fold.chars().count() >= 2;
        ok.then_some(j + 1)
    }

    /// An ال-word that may end a name after its first word (سمير القنطار, يوسف القرضاوي).
    fn al_surname(&self, i: usize) -> bool {
        let lex = self.lex;
        self.word(i).is_some_and(|t| {
            t.is_al()
                && t.known.is_none()
                && !t.function
                && !lex.stop.contains(&t.fold)
                && !lex.places.contains(&t.fold)
                && !lex.org_stop.contains(&t.fold)
                && !lex.cue_first.contains(&t.fold)
                && !lex.heads.contains_key(&t.fold)
                && !lex.links.contains(&t.fold)
        })
    }

    fn is_suffix(&self, i: usize) -> bool {
        self.word(i).is_some_and(|t| t.known.is_none() && self.lex.suffixes.contains(&t.fold))
    }

    /// The name starting at token `i`, read as `mode` says: 1–3 units (a prefix unit such as
    /// عبد الرزاق or بن علي counts once and does not count towards the three), tokens outside the
    /// lexicon only in the first two units, a theophoric suffix (الله, الدين) after a word.
    fn name_from(&self, i: usize, mode: Mode) -> Option<Name> {
        let first = mode.first;
        let lex = self.lex;
        let (mut j, mut units, mut plain, mut lexical, mut guessed) = (i, 0, 0, false, 0);
        // A first word known only as a surname or lone name (شيراك): no unknown word follows.
        let mut surname_first = false;
        let mut start = self.tok(i)?.start;
        while j - i < MAX_NAME_TOKENS {
            if let Some(end) = self.prefix_unit(j).filter(|&end| end - i <= MAX_NAME_TOKENS) {
                if j == i && matches!(first, First::Stem(_)) {
                    return None;
                }
                lexical = true;
                units += 1;
                j = end;
                continue;
            }
            if j > i && self.is_suffix(j) {
                j += 1; // نصر الله
                continue;
            }
            if plain >= MAX_UNITS {
                break;
            }
            let fit = if j == i {
                match first {
                    First::Any => self.fit(j),
                    First::Lexicon if lex.firsts.contains(&self.toks[j].fold) => self.fit(j),
                    First::Lexicon => return None,
                    First::Name if lex.names.contains(&self.toks[j].fold) => Fit::Known,
                    First::Name => return None,
                    First::Stem(off) => {
                        let t = &self.toks[j];
                        let stem = fold_str(&t.text[off..]);
                        if !lex.firsts.contains(&stem) || lex.stop.contains(&stem) {
                            return None;
                        }
                        start = t.start + off;
                        Fit::Known
                    }
                }
            } else {
                match self.fit(j) {
                    Fit::No if mode.al_surname && self.al_surname(j) => Fit::Maybe,
                    fit => fit,
                }
            };
            let al_last = j > i && fit == Fit::Maybe && self.toks[j].is_al();
            let ok = match fit {
                Fit::No => false,
                Fit::Known => true,
                // Beyond the second unit only lexicon tokens continue a name, or a family name
                // with ال after known words (ابراهيم عبد العزيز السهلاوي).
                Fit::Maybe => guessed < mode.guesses && !surname_first && (units <= 1 || (al_last && guessed == 0)),
            };
            if !ok {
                break;
            }
            if j == i && fit == Fit::Known && !matches!(first, First::Stem(_)) {
                surname_first = lex.surnames.contains(&self.toks[j].fold);
            }
            lexical |= fit == Fit::Known;
            guessed += usize::from(fit == Fit::Maybe);
            units += 1;
            plain += 1;
            j += 1;
            if al_last {
                break; // the family name ends the name
            }
        }
        (j > i).then(|| Name { start, end: self.toks[j - 1].end, next: j, lexical })
    }

    /// The name after a title ending before token `i`, past complements and modifiers.
    fn after_title(&self, mut i: usize) -> Option<Name> {
        let lex = self.lex;
        let mut skipped = 0;
        while skipped < MAX_SKIP {
            let t = self.word(i)?;
            match self.known_label(t) {
                Some(Label::Norp | Label::Gpe | Label::Loc | Label::Org) => {
                    let k = t.known;
                    while self.tok(i).is_some_and(|u| u.known == k) {
                        i += 1;
                    }
                    skipped += 1;
                    continue;
                }
                Some(_) => return None,
                None => {}
            }
            if lex.links.contains(&t.fold) {
                // المتحدث باسم الخارجية, السفير لدى الجزائر: only before a complement.
                let next = self.word(i + 1)?;
                let complement = next.is_al() || next.known.is_some() || lex.places.contains(&next.fold);
                if !complement || lex.names.contains(&next.fold) {
                    return None;
                }
                i += 1;
            } else if let Some((Cue::Title | Cue::Weak, next)) = self.cue_at(i) {
                i = next; // نظيره, نائب رئيس
            } else if t.is_al() && !lex.names.contains(&t.fold) && !t.function {
                if lex.time_words.contains(&t.fold) {
                    return None; // وزير الخارجية الليلة الماضية …
                }
                i += 1; // الخارجية, الجزائري, السياسية, السابق
            } else if lex.heads.contains_key(&t.fold)
                && !t.is_al()
                && self.word(i + 1).is_some_and(|u| u.is_al() || u.known.is_some() || lex.places.contains(&u.fold))
            {
                i += 2; // رئيس مجلس الإدارة, رئيس بلدية باريس
            } else if lex.places.contains(&t.fold) && !lex.names.contains(&t.fold) {
                i += 1; // رئيس وزراء بريطانيا
            } else {
                break;
            }
            skipped += 1;
        }
        self.name_from(i, AFTER_TITLE)
    }

    /// The name ending just before the comma at token `c` (apposition `X Y، <title>`).
    fn before_comma(&self, c: usize) -> Option<Name> {
        let lex = self.lex;
        let (mut i, mut units, mut lexical) = (c, 0, false);
        while i > 0 && c - i < MAX_NAME_TOKENS {
            let j = i - 1;
            let mut p = j;
            while p > 0 && self.is_prefix(p - 1) && j - p < 3 {
                p -= 1;
            }
            if p < j && self.prefix_unit(p) == Some(j + 1) {
                lexical = true;
                i = p;
                units += 1;
                continue;
            }
            if j > 0 && self.is_suffix(j) && self.fit(j - 1) != Fit::No {
                i = j;
                continue;
            }
            if units >= MAX_UNITS {
                // More name-like words than a name has: no clear left edge.
                if self.fit(j) != Fit::No {
                    return None;
                }
                break;
            }
            match self.fit(j) {
                Fit::No => break,
                fit => lexical |= fit == Fit::Known,
            }
            i = j;
            units += 1;
        }
        if units == 0 || (units == 1 && !lexical) {
            return None;
        }
        // The left edge: start of text, punctuation, a function or frequent word, a mention.
        if i > 0 {
            let b = &self.toks[i - 1];
            let edge = !b.is_word()
                || b.function
                || lex.stop.contains(&b.fold)
                || b.known.is_some()
                || self.cue_at(i - 1).is_some();
            if !edge {
                return None;
            }
        }
        Some(Name { start: self.toks[i].start, end: self.toks[c - 1].end, next: c, lexical })
    }

    /// The organisation starting with the head at token `i`: byte span.
    fn org_at(&self, i: usize) -> Option<(usize, usize)> {
        let lex = self.lex;
        let (flag, start, definite) = self.head_at(i)?;
        if self.toks[i].known.is_some() {
            return None;
        }
        let (mut j, mut comps, mut nouns, mut not_norp) = (i + 1, 0, 0, 0);
        while comps < MAX_ORG_CHAIN {
            let Some(t) = self.word(j) else { break };
            if let Some(k) = t.known {
                let m = &self.known[k];
                let fits = m.start == t.start
                    && matches!(m.label, Label::Norp | Label::Gpe | Label::Loc | Label::Org)
                    && (t.is_al() || m.label != Label::Norp);
                if !fits {
                    break;
                }
                while self.tok(j).is_some_and(|u| u.known == Some(k)) {
                    j += 1;
                }
                comps += 1;
                if m.label != Label::Norp {
                    nouns += 1;
                    not_norp += 1;
                }
                continue;
            }
            let plain = t.is_al()
                && !lex.names.contains(&t.fold)
                && !t.function
                && !lex.org_stop.contains(&t.fold)
                && !lex.cue_first.contains(&t.fold);
            // وزارة الاقتصاد والتجارة, but not الجيش الأمريكي والشرطة
            let coordinated = !plain && comps > 0 && t.fold.starts_with("وال") && t.fold.chars().count() >= 5 && {
                let stem = &t.fold['و'.len_utf8()..];
                !lex.org_stop.contains(stem) && !lex.heads.contains_key(stem) && !lex.cue_first.contains(stem)
            };
            if !(plain || coordinated) {
                break;
            }
            // After a definite head only adjectives (المجلس العسكري, not المجلس التقارير); after a
            // genitive (وزارة الدفاع), a later word that is not an adjective must be rare.
            let bare = if coordinated { &t.fold['و'.len_utf8()..] } else { t.fold.as_str() };
            let adjective = is_nisba(bare) || is_elative(bare);
            if definite && !adjective {
                break;
            }
            if plain && comps > 0 && !adjective && lex.stop.contains(&t.fold) {
                break;
            }
            comps += 1;
            not_norp += 1;
            if !adjective {
                nouns += 1;
            }
            j += 1;
        }
        let ok = match flag {
            Head::Any => not_norp > 0,
            Head::Noun => nouns > 0,
            Head::Adj => comps > 0,
        };
        if !ok {
            return None;
        }
        // السفارة الأمريكية في الجزائر
        if flag == Head::Adj {
            if let (Some(p), Some(place)) = (self.word(j), self.word(j + 1)) {
                let is_place = match place.known {
                    Some(k) => matches!(self.known[k].label, Label::Gpe | Label::Loc) && self.known[k].end <= place.end,
                    None => lex.places.contains(&place.fold),
                };
                if matches!(p.fold.as_str(), "في" | "لدي") && p.known.is_none() && is_place {
                    j += 2;
                }
            }
        }
        Some((start, self.toks[j - 1].end))
    }

    fn run(&self) -> Vec<Mention> {
        let lex = self.lex;
        let mut out: Vec<Mention> = Vec::new();
        // End of the last PERSON emitted: no second PERSON overlaps it.
        let mut person_end = 0;
        let n = self.toks.len();
        for i in 0..n {
            let t = &self.toks[i];
            if t.kind == Kind::Punct {
                // Apposition: X Y، <title>
                if matches!(t.text, "،" | ",") {
                    let plain_cue =
                        self.word(i + 1).is_some_and(|u| !u.conjunction() || lex.cue_first.contains(&u.fold));
                    if plain_cue && matches!(self.cue_at(i + 1), Some((Cue::Title | Cue::Weak, _))) {
                        if let Some(name) = self.before_comma(i) {
                            push_person(&mut out, &mut person_end, &name, SCORE_APPOSITION);
                        }
                    }
                }
                continue;
            }
            if !t.is_word() || t.start < person_end {
                continue;
            }
            let mut found = false;
            match self.cue_at(i) {
                Some((cue @ (Cue::Title | Cue::Weak), next)) => {
                    if let Some(name) = self.after_title(next) {
                        if cue == Cue::Title || name.lexical {
                            let score = if name.lexical { SCORE_TITLE_KNOWN } else { SCORE_TITLE };
                            push_person(&mut out, &mut person_end, &name, score);
                            found = true;
                        }
                    }
                }
                Some((Cue::Verb, next)) => {
                    if let Some(name) = self.name_from(next, AFTER_VERB) {
                        push_person(&mut out, &mut person_end, &name, SCORE_VERB);
                        found = true;
                    }
                }
                None => {}
            }
            if let Some((start, end)) = self.org_at(i) {
                out.push(Mention::new(start, end, Label::Org, Source::Rule, SCORE_ORG));
                continue;
            }
            if found || t.known.is_some() {
                continue;
            }
            // No cue: one organisation-lexicon token.
            if let Some(start) = self.lexicon_token(t, &lex.orgs) {
                out.push(Mention::new(start, t.end, Label::Org, Source::Rule, SCORE_ORG_SINGLE));
                continue;
            }
            // No cue: a known first name and known name tokens (one unknown token after a
            // first name that never occurs outside names), or one such name token alone.
            let first = if lex.firsts.contains(&t.fold) {
                Some(First::Lexicon)
            } else if lex.names.contains(&t.fold) {
                None
            } else {
                self.lexicon_token(t, &lex.firsts).map(|start| First::Stem(start - t.start))
            };
            // A given name takes one unknown surname (فرناندو ألونسو, سمير القنطار); another
            // name token starts a run of three known tokens (جاسم محمد مهدي).
            let run = match first {
                Some(First::Stem(off)) => Some((Mode { first: First::Stem(off), guesses: 0, al_surname: false }, 2)),
                Some(first) => Some((Mode { first, guesses: 1, al_surname: true }, 2)),
                None if lex.names.contains(&t.fold) => {
                    Some((Mode { first: First::Name, guesses: 0, al_surname: false }, 3))
                }
                None => None,
            };
            if let Some((mode, min)) = run {
                if let Some(name) = self.name_from(i, mode).filter(|name| name.next - i >= min) {
                    push_person(&mut out, &mut person_end, &name, SCORE_RUN);
                    continue;
                }
            }
            if lex.prefixes.contains(&t.fold) {
                continue;
            }
            if let Some(start) = self.lexicon_token(t, &lex.single) {
                let name = Name { start, end: t.end, next: i + 1, lexical: true };
                push_person(&mut out, &mut person_end, &name, SCORE_SINGLE);
            }
        }
        out.sort_by_key(|m| (m.start, m.end));
        self.propagate_surnames(&mut out);
        out
    }

    /// Byte start of token `t` as an entry of `set`: the whole token, or its stem after
    /// proclitics when the whole token is neither a name token nor a frequent word.
    fn lexicon_token(&self, t: &Tok<'_>, set: &HashSet<String>) -> Option<usize> {
        if t.known.is_some() || t.function {
            return None;
        }
        if set.contains(&t.fold) {
            return Some(t.start);
        }
        if self.lex.names.contains(&t.fold) || self.lex.stop.contains(&t.fold) {
            return None;
        }
        let (off, stem) = t.stem.as_ref()?;
        (set.contains(stem) && stem.chars().count() >= 3).then_some(t.start + off)
    }

    /// Once a document names someone in full (فرناندو ألونسو), a later lone mention of the
    /// last name (ألونسو) is that person. `out` is sorted; the new mentions keep it sorted.
    fn propagate_surnames(&self, out: &mut Vec<Mention>) {
        let lex = self.lex;
        let mut surnames: HashSet<String> = HashSet::default();
        let mut ti = 0;
        for m in out.iter().filter(|m| m.label == Label::Person) {
            while ti < self.toks.len() && self.toks[ti].end < m.end {
                ti += 1;
            }
            let Some(last) = self.toks.get(ti) else { break };
            let multi = self.toks[..ti].last().is_some_and(|p| p.start >= m.start);
            if multi
                && last.fold.chars().count() >= 3
                && !last.is_al()
                && !lex.suffixes.contains(&last.fold)
                && !lex.stop.contains(&last.fold)
                && !lex.firsts.contains(&last.fold)
            {
                surnames.insert(last.fold.clone());
            }
        }
        if surnames.is_empty() {
            return;
        }
        let mut added = Vec::new();
        let mut k = 0;
        for (i, t) in self.toks.iter().enumerate() {
            if !t.is_word() {
                continue;
            }
            while k < out.len() && out[k].end <= t.start {
                k += 1;
            }
            if k < out.len() && out[k].start < t.end {
                continue; // inside a mention found already
            }
            let Some(mut start) = self.lexicon_token(t, &surnames) else { continue };
            // Not the first word of a longer name that the rules did not take.
            if self.fit(i + 1) == Fit::Known {
                continue;
            }
            // بن لادن: with the prefixes before it, if no mention found already covers them.
            let mut p = i;
            while p > 0 && self.is_prefix(p - 1) && start == t.start {
                p -= 1;
            }
            let free = |m: &Mention| m.end <= self.toks[p].start;
            if p < i && (k == 0 || free(&out[k - 1])) && added.last().map_or(true, free) {
                start = self.toks[p].start;
            }
            added.push(Mention::new(start, t.end, Label::Person, Source::Rule, SCORE_SURNAME));
        }
        if !added.is_empty() {
            out.extend(added);
            out.sort_by_key(|m| (m.start, m.end));
        }
    }
}

/// Adds a PERSON unless it overlaps the previous one; of two overlapping, keeps the higher score.
fn push_person(out: &mut Vec<Mention>, person_end: &mut usize, name: &Name, score: f32) {
    if name.start < *person_end {
        if let Some(last) = out.iter_mut().rev().find(|m| m.label == Label::Person) {
            if last.end > name.start && score > last.score {
                *last = Mention::new(name.start, name.end, Label::Person, Source::Rule, score);
                *person_end = name.end;
            }
        }
        return;
    }
    out.push(Mention::new(name.start, name.end, Label::Person, Source::Rule, score));
    *person_end = name.end;
}

/// PERSON and ORG candidates in `text`; `known` holds the knowledge-base and value
/// mentions already found (sorted by start), which the rules use as context.
pub fn find(text: &str, known: &[Mention]) -> Vec<Mention> {
    // Every rule starts from a word token, and word characters ([`is_word_char`]) lie in
    // U+0600..U+06FF, whose UTF-8 lead bytes are 0xD8..0xDB: text with none of those
    // (English) has no candidate, and needs no tokenising.
    if !text.bytes().any(|b| (0xd8..=0xdb).contains(&b)) {
        return Vec::new();
    }
    let lex = lexicon();
    let finder = Finder { lex, toks: tokenize(text, known, lex), known };
    finder.run()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(label, text)` of every mention found, in order.
    fn spans(text: &str, known: &[Mention]) -> Vec<(Label, String)> {
        let found = find(text, known);
        for m in &found {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end), "{m:?}");
            assert!((0.5..=0.9).contains(&m.score), "{m:?}");
            assert_eq!(m.source, Source::Rule);
        }
        found.iter().map(|m| (m.label, text[m.start..m.end].to_string())).collect()
    }

    fn persons(text: &str) -> Vec<String> {
        spans(text, &[]).into_iter().filter(|(l, _)| *l == Label::Person).map(|(_, s)| s).collect()
    }

    fn orgs(text: &str, known: &[Mention]) -> Vec<String> {
        spans(text, known).into_iter().filter(|(l, _)| *l == Label::Org).map(|(_, s)| s).collect()
    }

    /// A known mention of `needle` (first occurrence) in `text`.
    fn known_at(text: &str, needle: &str, label: Label) -> Mention {
        let start = text.find(needle).expect(needle);
        Mention::new(start, start + needle.len(), label, Source::Kb, 0.8)
    }

    #[test]
    fn person_after_title() {
        let cases: &[(&str, &[&str])] = &[
            // title + nisba + compound name
            ("زار الرئيس الموريتاني عبد الرزاق بوفلجة العاصمة", &["عبد الرزاق بوفلجة"]),
            // military rank + nisba
            ("وترأس العقيد الليبي فاضل زرقين وفدا عسكريا", &["فاضل زرقين"]),
            // feminine title + nisba, stop at إن
            ("وقالت الوزيرة الكندية لينا مورفان إن الاتفاق قريب", &["لينا مورفان"]),
            // title + complement + nisba
            ("أكد وزير الخارجية الفنلندي ماتي كوسكيلا أن بلاده", &["ماتي كوسكيلا"]),
            // stop at a preposition
            ("اجتمع السفير كمال زروقي مع نظيره", &["كمال زروقي"]),
            // علي is a name, على a preposition
            ("استقبل الوزير علي بن سالم وفدا", &["علي بن سالم"]),
            // nasab chain
            ("وصل الشيخ حمدان بن راشد بن سعيد آل فارس إلى", &["حمدان بن راشد بن سعيد آل فارس"]),
            // link: المتحدث باسم …
            ("وقال المتحدث باسم الخارجية جان دوبري إن", &["جان دوبري"]),
        ];
        for (text, want) in cases {
            assert_eq!(persons(text), *want, "{text}");
        }
    }

    #[test]
    fn person_after_proclitic_title() {
        let cases: &[(&str, &[&str])] = &[
            // ل + المحللة: the cue keeps its proclitic, the name has none
            ("وفقا للمحللة الاقتصادية ريم قطامش.", &["ريم قطامش"]),
            ("وفقا للخبير السياسي نادر بلحوت، فإن", &["نادر بلحوت"]),
            // و + الرئيس; a present-tense verb ends the name
            ("والرئيس نزار بلعيد يلقي كلمة", &["نزار بلعيد"]),
        ];
        for (text, want) in cases {
            assert_eq!(persons(text), *want, "{text}");
        }
    }

    #[test]
    fn person_in_apposition() {
        let cases: &[(&str, &[&str])] = &[
            ("التقى الوفد مع داريا فولكوفا، مستشارة وزير الطاقة", &["داريا فولكوفا"]),
            ("وحضر اللقاء بيتر ماكلاود، السفير البريطاني", &["بيتر ماكلاود"]),
            // و + الرئيس after the comma is a coordination, not an apposition
            ("التقى الوفد مع داريا فولكوفا، والرئيس", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(persons(text), *want, "{text}");
        }
    }

    #[test]
    fn person_negatives() {
        let cases = [
            "قال الرئيس إن الوضع مستقر",
            "التقى الرئيس الأمريكي في البيت الأبيض",
            "وتلقى وزير الخارجية الليلة الماضية اتصالا هاتفيا",
            "أمام المتظاهرين في الساحة",
            "الرئيس، الذي وصل أمس",
        ];
        for text in cases {
            assert_eq!(persons(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn person_uses_known_mentions() {
        // A known GPE is not a name; a known NORP between title and name is skipped.
        let text = "زار المبعوث روسيا";
        assert_eq!(spans(text, &[known_at(text, "روسيا", Label::Gpe)]), vec![]);
        let text = "وقال الوزير أمس إن";
        assert_eq!(spans(text, &[known_at(text, "أمس", Label::Date)]), vec![]);
        let text = "استقبل رئيس وزراء كرواتيا ماركو بلازيتش الوفد";
        let known = [known_at(text, "كرواتيا", Label::Gpe)];
        assert_eq!(spans(text, &known), vec![(Label::Person, "ماركو بلازيتش".to_string())]);
    }

    #[test]
    fn person_surname_propagates() {
        let text = "وقال السفير الإيطالي لوكا ميرانتي إن الاتفاق جاهز. وأضاف ميرانتي أن";
        assert_eq!(persons(text), vec!["لوكا ميرانتي", "ميرانتي"]);
    }

    #[test]
    fn org_chains() {
        let cases: &[(&str, &[&str])] = &[
            ("وأعلنت وزارة الصحة السويدية أمس", &["وزارة الصحة السويدية"]),
            ("وفد من وزارة الدفاع الوطني الموريتانية", &["وزارة الدفاع الوطني الموريتانية"]),
            ("دعا مجلس الأمن الدولي إلى", &["مجلس الأمن الدولي"]),
            ("بحسب لجنة الانتخابات المركزية", &["لجنة الانتخابات المركزية"]),
            ("وقررت وزارة الاقتصاد والتجارة", &["وزارة الاقتصاد والتجارة"]),
            ("قال المجلس العسكري الحاكم", &["المجلس العسكري"]),
            // a bare head, a definite head before a noun, an army by its nationality
            ("قال المجلس إن", &[]),
            ("سيناقش المجلس التقارير", &[]),
            ("وقال الجيش الإسرائيلي", &[]),
            ("أعلنت الحكومة الجديدة", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(orgs(text, &[]), *want, "{text}");
        }
    }

    #[test]
    fn org_with_proclitic_and_place() {
        // ل + السفارة: the span starts at the second ل; في + a known place continues it.
        let text = "بيان صحفي للسفارة الفرنسية في تونس صدر أمس";
        let known = [known_at(text, "الفرنسية", Label::Norp), known_at(text, "تونس", Label::Gpe)];
        assert_eq!(orgs(text, &known), vec!["لسفارة الفرنسية في تونس"]);
        // في + a word that is not a place ends it.
        let text2 = "بيان صحفي للسفارة الفرنسية في البلاد";
        assert_eq!(orgs(text2, &[known_at(text2, "الفرنسية", Label::Norp)]), vec!["لسفارة الفرنسية"]);
    }

    #[test]
    fn clitic_analysis() {
        let cases = [
            ("للمحللة", Some(("لمحللة", "المحلله"))),
            ("والرئيس", Some(("الرئيس", "الرييس"))),
            ("وللسفارة", Some(("لسفارة", "السفاره"))),
            ("لروسيا", Some(("روسيا", "روسيا"))),
            ("سالم", None),
        ];
        for (word, want) in cases {
            let got = clitic(word).map(|(off, key)| (&word[off..], key));
            assert_eq!(got.as_ref().map(|(s, k)| (*s, k.as_str())), want, "{word}");
        }
    }

    #[test]
    fn output_is_sorted_without_overlapping_persons() {
        let text = "قال الرئيس الموريتاني عبد الرزاق بوفلجة، رئيس الحزب، إن وزارة الصحة السويدية \
                    ستتعاون مع الخبيرة ريم قطامش.\nوأضاف بوفلجة أن مجلس الأمن الدولي سيجتمع.";
        let found = find(text, &[]);
        assert!(found.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)));
        let people: Vec<_> = found.iter().filter(|m| m.label == Label::Person).collect();
        assert!(people.windows(2).all(|w| w[0].end <= w[1].start), "{people:?}");
        assert_eq!(people.len(), 3, "{people:?}");
    }
}
