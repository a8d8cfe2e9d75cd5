//! Atoms: each token reduced once to a few 64-bit hashes (normalised form, shape, affixes,
//! dictionary tag, gazetteer and skeleton hits, flags). Apart from the templates because
//! the atoms are what is cached per word; the templates only mix them.

use super::*;

/// Normalised character: Arabic folded (may drop marks), digits as `0`, lowercase, curly
/// quotes and dashes as ASCII.
#[inline]
pub fn norm(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(if c.is_ascii_digit() { '0' } else { c.to_ascii_lowercase() });
    }
    if ('\u{0600}'..='\u{06ff}').contains(&c) {
        return arabic::fold(c);
    }
    if c.is_numeric() {
        return Some('0');
    }
    Some(match c {
        // Typographic punctuation as the ASCII the training data uses.
        '“' | '”' | '„' | '«' | '»' => '"',
        '‘' | '’' | 'ʼ' => '\'',
        '–' | '—' | '―' => '-',
        '…' => '.',
        _ => c.to_lowercase().next().unwrap_or(c),
    })
}

/// The hash of a normalised string, as dictionaries key it.
pub fn norm_hash(s: &str) -> u64 {
    s.chars().filter_map(norm).fold(SEED_NORM, |h, c| fx(h, c as u64))
}

/// The hash of the token's characters as written: [`Tok::word`], without the rest of
/// [`token_atoms`].
#[inline]
pub fn word_hash(token: &str) -> u64 {
    token.chars().fold(SEED_WORD, |h, c| fx(h, c as u64))
}

/// The normalised form itself (for storing dictionaries in model files).
pub fn norm_string(s: &str) -> String {
    s.chars().filter_map(norm).collect()
}

pub(super) const SEED_WORD: u64 = 0x1000;
pub(super) const SEED_NORM: u64 = 0x2000;
pub(super) const SEED_SUF: u64 = 0x3000;
pub(super) const SEED_SHAPE: u64 = 0x4000;
pub(super) const SEED_PROCL: u64 = 0x5000;
pub(super) const SEED_SKEL: u64 = 0x8000;

/// Padding atoms outside the sentence.
pub(super) const PAD_L: u64 = 0xdead_0001;
pub(super) const PAD_R: u64 = 0xdead_0002;
/// Start tag, before the first token.
pub const START_TAG: u64 = NT as u64;

// Flags.
pub(super) const F_INIT_CAP: u32 = 1;
pub(super) const F_ALL_CAPS: u32 = 2;
pub(super) const F_HAS_DIGIT: u32 = 4;
pub(super) const F_HAS_HYPHEN: u32 = 8;
pub(super) const F_HAS_PERIOD: u32 = 16;
pub(super) const F_ALL_DIGIT: u32 = 32;
pub(super) const F_NO_ALNUM: u32 = 64;
pub(super) const F_HAS_LOWER: u32 = 128;
pub(in crate::ner) const F_ARABIC: u32 = 256;
pub(super) const F_LATIN: u32 = 512;
pub(super) const F_HAS_AL: u32 = 1024;

/// Gazetteer hit of one token: label code (1.. ) and position (B/I), plus the kind of the
/// entity id (`country`, `city`, …) hashed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gaz {
    /// 0 = none, else 1 + label code * 2 + (0 for B, 1 for I).
    pub code: u32,
    pub kind: u64,
}

/// Per-token atoms.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tok {
    pub word: u64,
    pub lower: u64,
    pub shape: u64,
    pub pre: [u64; 4],
    pub suf: [u64; 4],
    pub flags: u32,
    pub len: u32,
    /// Dictionary code of the normalised word: 0 = not in dictionary, else 1 + tag * 2 + confident.
    pub dict: u64,
    pub gaz: Gaz,
    /// Arabic: stem (proclitics stripped) normalised hash, proclitic hash, stem prefixes 2-3,
    /// stem dictionary code.
    pub stem: u64,
    pub procl: u64,
    pub spre: [u64; 2],
    /// Arabic: character trigrams of the stem (the first eight).
    pub tri: [u64; 8],
    pub ntri: u8,
    pub dict_stem: u64,
    /// How the word is cased elsewhere in its document (see [`DocCase`]).
    pub doc_case: u8,
    /// Word clusters of the stem (coarse, fine; 0 = none), see [`crate::ner::clusters`].
    pub cl: [u16; 2],
    /// Some letter is uppercase.
    pub upper: bool,
    /// Arabic: label of the stem's consonant skeleton in the knowledge base (see
    /// [`skeleton_gazetteer`]; 0 = none).
    pub skel: u8,
    /// Arabic: name-list matches per type PER, ORG, LOC (0 = none; see
    /// [`crate::ner::gazetteer`]). Set per sentence, after the atoms.
    pub gz: [u8; crate::ner::gazetteer::NGZ],
    /// External clusters of the stem, coarse to fine (0 = none), see
    /// [`crate::ner::clusters::External`].
    pub xcl: [u32; XCL_LEVELS],
    /// The token's document is written without capitals (see [`DocCase::caseless`]).
    pub doc_lower: bool,
}

/// Granularities of external clusters.
pub const XCL_LEVELS: usize = crate::ner::clusters::MAX_LEVELS;

/// Dictionary code of a word seen mostly outside entities (90%+, or the share the model was
/// trained with: `TrainOptions::dict_share`; Arabic 3.4.0: 95%).
pub(crate) const DICT_CONFIDENT_O: u64 = 2;

/// Can this token, after an `O` (or at the start), only be `O`? English entities start
/// with a capital (or digit-letter mixes like `3Com`, which have no lowercase-only form);
/// Arabic has no case, so there it is the words the training data saw outside entities, and
/// punctuation. Decoding skips such tokens: it is most of running text, and skipping them
/// is what makes the model cheap. Training applies the same rule, so the model never
/// relies on their scores.
#[inline]
pub fn skippable(t: &Tok, arabic_model: bool) -> bool {
    if t.upper || t.gaz.code != 0 {
        return false;
    }
    if arabic_model {
        t.dict == DICT_CONFIDENT_O || t.flags & F_NO_ALNUM != 0
    } else {
        t.flags & F_HAS_DIGIT == 0 || t.flags & F_ALL_DIGIT != 0
    }
}

/// Dictionaries consulted while computing atoms.
pub trait Dicts {
    /// Dictionary code (0 = unknown) of a normalised word hash.
    fn word(&self, h: u64) -> u64;
    /// Dictionary code (0 = unknown) of a normalised Arabic stem hash.
    fn stem(&self, h: u64) -> u64;
    /// Clusters (coarse, fine; 0 = none) of a normalised stem hash.
    fn cluster(&self, _h: u64) -> [u16; 2] {
        [0, 0]
    }
    /// External clusters (coarse to fine; 0 = none) of a normalised stem hash.
    fn ext_cluster(&self, _h: u64) -> [u32; XCL_LEVELS] {
        [0; XCL_LEVELS]
    }
    /// Knowledge-base label code (see [`skeleton_gazetteer`]; 0 = none) of an Arabic
    /// consonant skeleton hash.
    fn skeleton(&self, h: u64) -> u8 {
        skeleton_gazetteer().get(&h).copied().unwrap_or(0)
    }
}

/// Skeleton code of a position outside the sentence (past the label codes 0–6).
pub(super) const SKEL_NONE: u64 = 99;

/// Longest core, in letters, that gets a skeleton.
pub(super) const SKELETON_MAX: usize = 24;

/// Hash of the consonant skeleton of a folded Arabic word (proclitics already stripped):
/// the article ال dropped when at least two letters remain, then the long vowels ا و ي
/// after the first letter. Arabic spellings of foreign names differ mostly in those vowels
/// (الدانمارك / الدنمارك, تايلند / تايلاند, أحرونوت / أحرنوت), so skeletons match across
/// spelling variants. `None` when fewer than four letters or three consonants are left:
/// short skeletons match too many words.
///
/// ```
/// use newsframe::ner::features::skeleton_hash;
/// assert_eq!(skeleton_hash("الدانمارك".chars()), skeleton_hash("الدنمارك".chars()));
/// assert_eq!(skeleton_hash("تايلند".chars()), skeleton_hash("تايلاند".chars()));
/// assert_ne!(skeleton_hash("تايلند".chars()), skeleton_hash("تونس".chars()));
/// assert_eq!(skeleton_hash("قال".chars()), None);
/// ```
pub fn skeleton_hash(folded: impl Iterator<Item = char>) -> Option<u64> {
    let mut buf = ['\0'; SKELETON_MAX + 2];
    let mut n = 0;
    for c in folded {
        if n == buf.len() {
            return None;
        }
        buf[n] = c;
        n += 1;
    }
    let core = if n >= 4 && buf[0] == 'ا' && buf[1] == 'ل' { &buf[2..n] } else { &buf[..n] };
    let mut h = SEED_SKEL;
    let mut consonants = 0;
    for (i, &c) in core.iter().enumerate() {
        if i > 0 && matches!(c, 'ا' | 'و' | 'ي') {
            continue;
        }
        h = fx(h, c as u64);
        consonants += 1;
    }
    (core.len() >= 4 && consonants >= 3).then_some(h)
}

/// Skeletons ([`skeleton_hash`]) of the built-in knowledge base's one-word Arabic names,
/// with their label: 1 PERSON, 2 ORG, 3 GPE, 4 LOC, 5 NORP, 6 when names of two labels
/// share a skeleton. The exact-match gazetteer feature misses spelling variants; this one
/// catches them, and the model weighs it against the word's other evidence. Models that
/// store a [`crate::ner::kb_snapshot`] use the snapshot's skeletons instead.
pub fn skeleton_gazetteer() -> &'static U64Map<u8> {
    static G: std::sync::OnceLock<U64Map<u8>> = std::sync::OnceLock::new();
    G.get_or_init(|| {
        skeleton_map(crate::kb::ALIASES_TSV.lines().skip(1).filter_map(|line| {
            let mut cols = line.split('\t');
            let (Some(alias), Some("ar"), Some(label)) = (cols.next(), cols.next(), cols.next()) else { return None };
            Some((alias, label))
        }))
    })
}

/// Skeleton lookup ([`skeleton_gazetteer`]) of Arabic `(alias, label)` pairs.
pub fn skeleton_map<'a>(names: impl Iterator<Item = (&'a str, &'a str)>) -> U64Map<u8> {
    let mut m: U64Map<u8> = U64Map::default();
    for (alias, label) in names {
        if alias.contains(' ') {
            continue;
        }
        let code = match label {
            "PERSON" => 1,
            "ORG" => 2,
            "GPE" => 3,
            "LOC" => 4,
            "NORP" => 5,
            _ => continue,
        };
        if let Some(h) = skeleton_hash(alias.chars().filter_map(norm)) {
            let e = m.entry(h).or_insert(code);
            if *e != code {
                *e = 6;
            }
        }
    }
    m
}

/// The stem of an Arabic word with its proclitics stripped, when the Arabic features apply.
pub fn arabic_stem(token: &str, arabic_model: bool) -> Option<&str> {
    (arabic_model && token.chars().any(is_arabic_letter)).then(|| &token[proclitic_len(token)..])
}

/// Computes the atoms of `token`.
pub fn token_atoms(token: &str, arabic_model: bool, dicts: &impl Dicts, gaz: Gaz) -> Tok {
    let mut t = Tok { gaz, ..Tok::default() };
    let mut word = SEED_WORD;
    let mut lower = SEED_NORM;
    let mut shape = SEED_SHAPE;
    let mut last_class = 0u32;
    let mut n = 0usize;
    let mut flags = 0u32;
    let (mut upper, mut lowers, mut alnum, mut digits) = (0usize, 0usize, 0usize, 0usize);
    for c in token.chars() {
        word = fx(word, c as u64);
        if let Some(nc) = norm(c) {
            lower = fx(lower, nc as u64);
            n += 1;
            if n <= 4 {
                t.pre[n - 1] = fx(lower, 0x77);
            }
        }
        let class = if c.is_uppercase() {
            upper += 1;
            'X' as u32
        } else if c.is_lowercase() {
            lowers += 1;
            'x' as u32
        } else if c.is_numeric() {
            digits += 1;
            'd' as u32
        } else if is_arabic_letter(c) {
            flags |= F_ARABIC;
            'a' as u32
        } else if c.is_alphabetic() {
            'a' as u32
        } else if ('\u{064b}'..='\u{0652}').contains(&c) || c == '\u{0640}' {
            // Marks and tatweel do not change the shape.
            last_class
        } else {
            norm(c).unwrap_or(c) as u32
        };
        if c.is_alphanumeric() {
            alnum += 1;
        }
        if c.is_ascii_alphabetic() {
            flags |= F_LATIN;
        }
        if c == '-' {
            flags |= F_HAS_HYPHEN;
        }
        if c == '.' {
            flags |= F_HAS_PERIOD;
        }
        if class != last_class {
            shape = fx(shape, class as u64);
            last_class = class;
        }
    }
    let mut suf = SEED_SUF;
    for (k, c) in token.chars().rev().filter_map(norm).take(4).enumerate() {
        suf = fx(suf, c as u64);
        t.suf[k] = suf;
    }
    if token.chars().next().is_some_and(char::is_uppercase) {
        flags |= F_INIT_CAP;
    }
    if upper > 0 && lowers == 0 {
        flags |= F_ALL_CAPS;
    }
    if lowers > 0 {
        flags |= F_HAS_LOWER;
    }
    if digits > 0 {
        flags |= F_HAS_DIGIT;
    }
    if digits > 0 && digits == alnum {
        flags |= F_ALL_DIGIT;
    }
    if alnum == 0 {
        flags |= F_NO_ALNUM;
    }
    t.upper = upper > 0;
    t.word = word;
    t.lower = lower;
    t.shape = shape;
    t.len = n.min(12) as u32;
    t.dict = dicts.word(lower);
    t.stem = lower;
    t.dict_stem = t.dict;
    if let Some(stem) = arabic_stem(token, arabic_model) {
        let p = token.len() - stem.len();
        let mut sh = SEED_NORM;
        let mut k = 0;
        let mut first2 = [0u32; 2];
        // Character trigrams of the stem, with ^ and $ marking its ends.
        let mut win = ['^' as u64, 0, 0];
        let push_tri = |t: &mut Tok, win: &[u64; 3]| {
            if (t.ntri as usize) < t.tri.len() && win[1] != 0 {
                t.tri[t.ntri as usize] = fx(fx(fx(0x7717, win[0]), win[1]), win[2]);
                t.ntri += 1;
            }
        };
        for c in stem.chars().filter_map(norm) {
            win = [win[1], win[2], c as u64];
            if win[0] != 0 {
                push_tri(&mut t, &win);
            }
            sh = fx(sh, c as u64);
            if k < 2 {
                first2[k] = c as u32;
            }
            k += 1;
            if (2..=3).contains(&k) {
                t.spre[k - 2] = fx(sh, 0x99);
            }
        }
        win = [win[1], win[2], '$' as u64];
        push_tri(&mut t, &win);
        t.stem = sh;
        t.procl = token[..p].chars().fold(SEED_PROCL, |h, c| fx(h, c as u64));
        if first2 == ['ا' as u32, 'ل' as u32] {
            flags |= F_HAS_AL;
        }
        t.dict_stem = dicts.stem(sh);
        t.skel = skeleton_hash(stem.chars().filter_map(norm)).map_or(0, |h| dicts.skeleton(h));
    }
    t.cl = dicts.cluster(t.stem);
    t.xcl = dicts.ext_cluster(t.stem);
    t.flags = flags;
    t
}
