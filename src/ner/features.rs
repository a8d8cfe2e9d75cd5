//! Hashed sparse features.
//!
//! Each token is reduced once to a few 64-bit "atoms" (the hash of its normalised form, its
//! shape, its dictionary tag, its gazetteer hit…), computed by streaming its characters
//! through the hash with no allocation. A feature is a template id mixed with one to three
//! atoms, hashed into `2^bits` buckets; a bucket holds one weight per tag. Static features
//! (everything but the previous predicted tags) are computed once per sentence into a
//! reusable buffer; the tag features are added during decoding.
//!
//! The hash is part of the model file format (`hash.scheme`): changing any template, atom or
//! constant here needs a new scheme name and retrained models.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::text::arabic::{self, is_arabic_letter, proclitic_len};

/// Name of the hashing scheme and feature set of English (non-Arabic) models, stored in
/// model files.
pub const SCHEME: &str = "fx-fmix64/nf-ner-features-3";

/// The scheme of Arabic models: [`SCHEME`]'s features plus the Arabic ones. Kept apart so
/// that the Arabic features can change without retraining the English model.
pub const SCHEME_AR: &str = "fx-fmix64/nf-ner-features-ar-4";

/// The scheme a model is written and read with.
pub fn scheme(arabic_model: bool) -> &'static str {
    if arabic_model {
        SCHEME_AR
    } else {
        SCHEME
    }
}

/// The tags, in weight-row order.
pub const TAGS: [&str; NT] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];
/// Number of tags.
pub const NT: usize = 9;

pub fn tag_index(tag: &str) -> Option<usize> {
    TAGS.iter().position(|t| *t == tag)
}

/// Hashes a `u64` key that is already a hash: one finalising mix, no SipHash.
#[derive(Default, Clone, Copy)]
pub struct MixHasher(u64);

impl Hasher for MixHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fx(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = fmix(x);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by hashes. Never iterated where the order could reach an output.
pub type U64Map<V> = HashMap<u64, V, BuildHasherDefault<MixHasher>>;

const K: u64 = 0x517c_c1b7_2722_0a95;

/// One step of the Fx hash.
#[inline(always)]
pub fn fx(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// MurmurHash3's finaliser: spreads the Fx state over all bits.
#[inline(always)]
pub fn fmix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

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

const SEED_WORD: u64 = 0x1000;
const SEED_NORM: u64 = 0x2000;
const SEED_SUF: u64 = 0x3000;
const SEED_SHAPE: u64 = 0x4000;
const SEED_PROCL: u64 = 0x5000;
const SEED_SKEL: u64 = 0x8000;

/// Padding atoms outside the sentence.
const PAD_L: u64 = 0xdead_0001;
const PAD_R: u64 = 0xdead_0002;
/// Start tag, before the first token.
pub const START_TAG: u64 = NT as u64;

// Flags.
const F_INIT_CAP: u32 = 1;
const F_ALL_CAPS: u32 = 2;
const F_HAS_DIGIT: u32 = 4;
const F_HAS_HYPHEN: u32 = 8;
const F_HAS_PERIOD: u32 = 16;
const F_ALL_DIGIT: u32 = 32;
const F_NO_ALNUM: u32 = 64;
const F_HAS_LOWER: u32 = 128;
pub(super) const F_ARABIC: u32 = 256;
const F_LATIN: u32 = 512;
const F_HAS_AL: u32 = 1024;

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
    /// Word clusters of the stem (coarse, fine; 0 = none), see [`super::clusters`].
    pub cl: [u16; 2],
    /// Some letter is uppercase.
    pub upper: bool,
    /// Arabic: label of the stem's consonant skeleton in the knowledge base (see
    /// [`skeleton_gazetteer`]; 0 = none).
    pub skel: u8,
    /// Arabic: name-list matches per type PER, ORG, LOC (0 = none; see
    /// [`super::gazetteer`]). Set per sentence, after the atoms.
    pub gz: [u8; super::gazetteer::NGZ],
    /// External clusters of the stem, coarse to fine (0 = none), see
    /// [`super::clusters::External`].
    pub xcl: [u32; XCL_LEVELS],
    /// The token's document is written without capitals (see [`DocCase::caseless`]).
    pub doc_lower: bool,
}

/// Granularities of external clusters.
pub const XCL_LEVELS: usize = super::clusters::MAX_LEVELS;

/// Dictionary code of a word seen mostly (90%+) outside entities.
const DICT_CONFIDENT_O: u64 = 2;

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
}

/// Skeleton code of a position outside the sentence (past the label codes 0–6).
const SKEL_NONE: u64 = 99;

/// Longest core, in letters, that gets a skeleton.
const SKELETON_MAX: usize = 24;

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
/// catches them, and the model weighs it against the word's other evidence.
pub fn skeleton_gazetteer() -> &'static U64Map<u8> {
    static G: std::sync::OnceLock<U64Map<u8>> = std::sync::OnceLock::new();
    G.get_or_init(|| {
        let mut m: U64Map<u8> = U64Map::default();
        for line in crate::kb::ALIASES_TSV.lines().skip(1) {
            let mut cols = line.split('\t');
            let (Some(alias), Some("ar"), Some(label)) = (cols.next(), cols.next(), cols.next()) else { continue };
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
    })
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
        t.skel = skeleton_hash(stem.chars().filter_map(norm))
            .and_then(|h| skeleton_gazetteer().get(&h).copied())
            .unwrap_or(0);
    }
    t.cl = dicts.cluster(t.stem);
    t.xcl = dicts.ext_cluster(t.stem);
    t.flags = flags;
    t
}

/// Template ids. Each feature mixes its template id first, so templates never collide
/// systematically.
mod tpl {
    pub const BIAS: u64 = 1;
    pub const WORD: u64 = 2;
    pub const LOWER: u64 = 3;
    pub const SHAPE: u64 = 4;
    pub const PRE: u64 = 5;
    pub const SUF: u64 = 6;
    pub const FLAGS: u64 = 7;
    pub const FLAG_BIT: u64 = 8;
    pub const CAP_POS: u64 = 9;
    pub const LEN: u64 = 10;
    pub const L_M1: u64 = 11;
    pub const L_P1: u64 = 12;
    pub const L_M2: u64 = 13;
    pub const L_P2: u64 = 14;
    pub const S_M1: u64 = 15;
    pub const S_P1: u64 = 16;
    pub const S_M2: u64 = 17;
    pub const S_P2: u64 = 18;
    pub const L_M1_L: u64 = 19;
    pub const L_L_P1: u64 = 20;
    pub const S_M1_S: u64 = 21;
    pub const S_S_P1: u64 = 22;
    pub const S_M1_S_P1: u64 = 23;
    pub const L_M1_S: u64 = 24;
    pub const S_L_P1: u64 = 25;
    pub const DICT: u64 = 26;
    pub const DICT_M1: u64 = 27;
    pub const DICT_P1: u64 = 28;
    pub const DICT_S: u64 = 29;
    pub const GAZ: u64 = 30;
    pub const GAZ_M1: u64 = 31;
    pub const GAZ_P1: u64 = 32;
    pub const GAZ_S: u64 = 33;
    pub const GAZ_KIND: u64 = 34;
    pub const UPPER_SENT_S: u64 = 35;
    pub const UPPER_SENT_DICT: u64 = 36;
    pub const SUF_M1: u64 = 37;
    pub const SUF_P1: u64 = 38;
    pub const DICT_M1_DICT: u64 = 39;
    pub const L_M2_L_M1: u64 = 40;
    pub const L_P1_L_P2: u64 = 41;
    pub const GAZ_DICT: u64 = 42;
    pub const DOC_CASE: u64 = 43;
    pub const DOC_CASE_L: u64 = 44;
    pub const HIST: u64 = 45;
    pub const HIST_SET: u64 = 46;
    pub const HIST_S: u64 = 47;
    // Arabic.
    pub const STEM: u64 = 50;
    pub const PROCL: u64 = 51;
    pub const STEM_PRE: u64 = 52;
    pub const DICT_STEM: u64 = 53;
    pub const STEM_M1: u64 = 54;
    pub const STEM_P1: u64 = 55;
    pub const PROCL_STEM_SUF: u64 = 56;
    pub const DICT_STEM_M1: u64 = 57;
    pub const DICT_STEM_P1: u64 = 58;
    pub const STEM_M1_STEM: u64 = 59;
    pub const STEM_STEM_P1: u64 = 60;
    pub const TRI: u64 = 61;
    // Word clusters.
    pub const CL_C: u64 = 62;
    pub const CL_F: u64 = 63;
    pub const CL_F_M1: u64 = 64;
    pub const CL_F_P1: u64 = 65;
    pub const CL_C_S: u64 = 66;
    pub const CL_C_M1_CL_C: u64 = 67;
    pub const CL_C_CL_C_P1: u64 = 68;
    // Tag history.
    pub const T1: u64 = 70;
    pub const T2: u64 = 71;
    pub const T1_S: u64 = 73;
    pub const T1_DICT: u64 = 74;
    pub const T1_STEM: u64 = 75;
    // External clusters (only for tokens that have them, so models without any are
    // unaffected).
    pub const XCL: u64 = 80;
    pub const XCL_S: u64 = 81;
    pub const XCL_M1: u64 = 82;
    pub const XCL_P1: u64 = 83;
    pub const XCL_M1_XCL: u64 = 84;
    pub const XCL_XCL_P1: u64 = 85;
    // The run of capitalised tokens around the token: the words around it, its ends.
    pub const RUN_BEFORE: u64 = 86;
    pub const RUN_AFTER: u64 = 87;
    pub const RUN_BEFORE2: u64 = 88;
    pub const RUN_AFTER2: u64 = 89;
    pub const RUN_FIRST: u64 = 90;
    pub const RUN_LAST: u64 = 91;
    pub const RUN_POS: u64 = 92;
    // Context aggregation over the document.
    pub const AGG_BEFORE: u64 = 100;
    pub const AGG_AFTER: u64 = 101;
    pub const AGG_LAST: u64 = 102;
    pub const AGG_FIRST: u64 = 103;
    // Text without case.
    pub const CASELESS_L: u64 = 104;
    pub const CASELESS_L_P1: u64 = 105;
    pub const CASELESS_M1_L: u64 = 106;
    pub const CASELESS_DICT: u64 = 107;
    pub const CASELESS_XCL: u64 = 108;
    pub const CASELESS_GAZ: u64 = 109;
    // Arabic, scheme ar-3: knowledge-base skeletons.
    pub const SKEL: u64 = 96;
    pub const SKEL_DICT: u64 = 97;
    pub const SKEL_M1: u64 = 98;
    pub const SKEL_P1: u64 = 99;
}

/// Sentence-level context of the static features.
#[derive(Debug, Clone, Copy, Default)]
pub struct SentCtx {
    /// Every cased word of the sentence is uppercase (a headline).
    pub all_upper: bool,
    /// The sentence has no capital letter and its document hardly any: case tells
    /// nothing, so no token is skipped and the case-free features speak.
    pub lower: bool,
}

pub fn sent_ctx(toks: &[Tok]) -> SentCtx {
    let cased = toks.iter().filter(|t| t.flags & (F_INIT_CAP | F_HAS_LOWER) != 0).count();
    let upper = toks.iter().filter(|t| t.flags & F_ALL_CAPS != 0 && t.len > 1).count();
    // `doc_lower` is only ever set for English models (see `DocCase::apply`).
    let lower = toks.first().is_some_and(|t| t.doc_lower) && toks.iter().all(|t| !t.upper);
    SentCtx { all_upper: cased >= 2 && upper == cased, lower }
}

impl SentCtx {
    /// 0 normal text, 1 capitals only, 2 no capitals.
    #[inline]
    fn mode(&self) -> u64 {
        if self.all_upper {
            1
        } else if self.lower {
            2
        } else {
            0
        }
    }
}

#[inline(always)]
pub(super) fn b(h: u64, bits: u32) -> u32 {
    (fmix(h) >> (64 - bits)) as u32
}

#[inline(always)]
pub(super) fn f1(t: u64, a: u64) -> u64 {
    fx(fx(t, a), 0x11)
}

#[inline(always)]
pub(super) fn f2(t: u64, a: u64, c: u64) -> u64 {
    fx(fx(fx(t, a), c), 0x22)
}

#[inline(always)]
pub(super) fn f3(t: u64, a: u64, c: u64, d: u64) -> u64 {
    fx(fx(fx(fx(t, a), c), d), 0x33)
}

/// Appends the static features (bucket ids) of position `i` to `out`: those of the token
/// alone, then those of its context.
pub fn static_features(toks: &[Tok], i: usize, ctx: SentCtx, arabic_model: bool, bits: u32, out: &mut Vec<u32>) {
    token_features(&toks[i], arabic_model, bits, out);
    context_features(toks, i, ctx, arabic_model, bits, out);
}

/// The features that depend on the token alone (its text, and through it its dictionary
/// codes and clusters, and its gazetteer hit): a decoder may cache their summed weights by
/// [`token_key`].
pub fn token_features(t: &Tok, arabic_model: bool, bits: u32, out: &mut Vec<u32>) {
    let mut push = |h: u64| out.push(b(h, bits));
    push(f1(tpl::BIAS, 0));
    push(f1(tpl::WORD, t.word));
    push(f1(tpl::LOWER, t.lower));
    push(f1(tpl::SHAPE, t.shape));
    for k in 0..4 {
        if t.pre[k] != 0 {
            push(f2(tpl::PRE, k as u64, t.pre[k]));
        }
        if t.suf[k] != 0 {
            push(f2(tpl::SUF, k as u64, t.suf[k]));
        }
    }
    push(f1(tpl::FLAGS, t.flags as u64));
    let mut bits_left = t.flags;
    while bits_left != 0 {
        let bit = bits_left & bits_left.wrapping_neg();
        push(f1(tpl::FLAG_BIT, bit as u64));
        bits_left &= !bit;
    }
    push(f1(tpl::LEN, t.len as u64));
    push(f1(tpl::DICT, t.dict));
    push(f2(tpl::DICT_S, t.dict, t.shape));
    let gaz = t.gaz.code as u64;
    push(f1(tpl::GAZ, gaz));
    push(f2(tpl::GAZ_S, gaz, t.shape));
    push(f2(tpl::GAZ_DICT, gaz, t.dict));
    if t.gaz.code != 0 {
        push(f2(tpl::GAZ_KIND, gaz, t.gaz.kind));
    }
    push(f1(tpl::CL_C, t.cl[0] as u64));
    push(f1(tpl::CL_F, t.cl[1] as u64));
    push(f2(tpl::CL_C_S, t.cl[0] as u64, t.shape));
    for (k, &c) in t.xcl.iter().enumerate() {
        if c != 0 {
            push(f2(tpl::XCL, k as u64, c as u64));
            push(f3(tpl::XCL_S, k as u64, c as u64, t.shape));
        }
    }
    if arabic_model {
        push(f1(tpl::STEM, t.stem));
        push(f1(tpl::PROCL, t.procl));
        for k in 0..2 {
            if t.spre[k] != 0 {
                push(f2(tpl::STEM_PRE, k as u64, t.spre[k]));
            }
        }
        push(f1(tpl::DICT_STEM, t.dict_stem));
        for &tri in &t.tri[..t.ntri as usize] {
            push(f1(tpl::TRI, tri));
        }
        push(f2(tpl::PROCL_STEM_SUF, t.procl, t.suf[1]));
        push(f1(tpl::SKEL, t.skel as u64));
        push(f2(tpl::SKEL_DICT, t.skel as u64, t.dict_stem));
    }
}

/// Identifies what [`token_features`] depends on: the token's text and gazetteer hit.
#[inline]
pub fn token_key(t: &Tok) -> u64 {
    fmix(fx(fx(t.word, t.gaz.code as u64), t.gaz.kind))
}

/// The features of position `i` that depend on its neighbours, its place in the sentence
/// or the document.
pub fn context_features(toks: &[Tok], i: usize, ctx: SentCtx, arabic_model: bool, bits: u32, out: &mut Vec<u32>) {
    let t = &toks[i];
    let tok = |j: isize| -> Option<&Tok> {
        let k = i as isize + j;
        if k < 0 {
            None
        } else {
            toks.get(k as usize)
        }
    };
    let pad = |j: isize| if j < 0 { PAD_L } else { PAD_R };
    let lower = |j: isize| tok(j).map_or(pad(j), |t| t.lower);
    let shape = |j: isize| tok(j).map_or(pad(j), |t| t.shape);
    let dict = |j: isize| tok(j).map_or(PAD_L, |t| t.dict);
    let gaz = |j: isize| tok(j).map_or(0, |t| t.gaz.code as u64);
    let mut push = |h: u64| out.push(b(h, bits));

    push(f2(tpl::CAP_POS, (t.flags & F_INIT_CAP) as u64, (i == 0) as u64));
    push(f1(tpl::L_M1, lower(-1)));
    push(f1(tpl::L_P1, lower(1)));
    push(f1(tpl::L_M2, lower(-2)));
    push(f1(tpl::L_P2, lower(2)));
    push(f1(tpl::S_M1, shape(-1)));
    push(f1(tpl::S_P1, shape(1)));
    push(f1(tpl::S_M2, shape(-2)));
    push(f1(tpl::S_P2, shape(2)));
    push(f2(tpl::L_M1_L, lower(-1), t.lower));
    push(f2(tpl::L_L_P1, t.lower, lower(1)));
    push(f2(tpl::L_M2_L_M1, lower(-2), lower(-1)));
    push(f2(tpl::L_P1_L_P2, lower(1), lower(2)));
    push(f2(tpl::S_M1_S, shape(-1), t.shape));
    push(f2(tpl::S_S_P1, t.shape, shape(1)));
    push(f3(tpl::S_M1_S_P1, shape(-1), t.shape, shape(1)));
    push(f2(tpl::L_M1_S, lower(-1), t.shape));
    push(f2(tpl::S_L_P1, t.shape, lower(1)));
    push(f1(tpl::SUF_M1, tok(-1).map_or(PAD_L, |t| t.suf[2])));
    push(f1(tpl::SUF_P1, tok(1).map_or(PAD_R, |t| t.suf[2])));
    push(f1(tpl::DICT_M1, dict(-1)));
    push(f1(tpl::DICT_P1, dict(1)));
    push(f2(tpl::DICT_M1_DICT, dict(-1), t.dict));
    push(f1(tpl::GAZ_M1, gaz(-1)));
    push(f1(tpl::GAZ_P1, gaz(1)));
    let position = (t.flags & (F_INIT_CAP | F_ALL_CAPS)) as u64
        | ((i == 0) as u64) << 8
        | (ctx.all_upper as u64) << 9
        | (ctx.lower as u64) << 10;
    push(f2(tpl::DOC_CASE, t.doc_case as u64, position));
    if t.doc_case != 0 {
        push(f2(tpl::DOC_CASE_L, t.doc_case as u64, t.lower));
    }
    let cl = |j: isize, k: usize| tok(j).map_or(PAD_L, |t| t.cl[k] as u64);
    push(f1(tpl::CL_F_M1, cl(-1, 1)));
    push(f1(tpl::CL_F_P1, cl(1, 1)));
    push(f2(tpl::CL_C_M1_CL_C, cl(-1, 0), t.cl[0] as u64));
    push(f2(tpl::CL_C_CL_C_P1, t.cl[0] as u64, cl(1, 0)));
    // External clusters of the neighbours, every granularity, and the coarsest pairs.
    for j in [-1isize, 1] {
        if let Some(n) = tok(j) {
            let tp = if j < 0 { tpl::XCL_M1 } else { tpl::XCL_P1 };
            for (k, &c) in n.xcl.iter().enumerate() {
                if c != 0 {
                    push(f2(tp, k as u64, c as u64));
                }
            }
        }
    }
    if t.xcl[0] != 0 {
        if let Some(c) = tok(-1).map(|n| n.xcl[0]).filter(|&c| c != 0) {
            push(f2(tpl::XCL_M1_XCL, c as u64, t.xcl[0] as u64));
        }
        if let Some(c) = tok(1).map(|n| n.xcl[0]).filter(|&c| c != 0) {
            push(f2(tpl::XCL_XCL_P1, t.xcl[0] as u64, c as u64));
        }
    }
    if !arabic_model && t.upper && !ctx.all_upper {
        let mut a = i;
        while a > 0 && toks[a - 1].upper {
            a -= 1;
        }
        let mut z = i + 1;
        while z < toks.len() && toks[z].upper {
            z += 1;
        }
        let before = |k: usize| if a >= k { toks[a - k].lower } else { PAD_L };
        let after = |k: usize| toks.get(z + k - 1).map_or(PAD_R, |t| t.lower);
        push(f1(tpl::RUN_BEFORE, before(1)));
        push(f1(tpl::RUN_AFTER, after(1)));
        push(f2(tpl::RUN_BEFORE2, before(2), before(1)));
        push(f2(tpl::RUN_AFTER2, after(1), after(2)));
        if z - a > 1 {
            push(f1(tpl::RUN_FIRST, toks[a].lower));
            push(f1(tpl::RUN_LAST, toks[z - 1].lower));
        }
        let pos = ((i == a) as u64) | ((i + 1 == z) as u64) << 1 | ((z - a).min(4) as u64) << 2;
        push(f1(tpl::RUN_POS, pos));
    }
    if ctx.all_upper {
        push(f1(tpl::UPPER_SENT_S, t.shape));
        push(f1(tpl::UPPER_SENT_DICT, t.dict));
    }
    if !arabic_model && ctx.mode() != 0 {
        // Where case says nothing, words and clusters with their neighbours, apart from
        // the cased text's weights.
        let m = ctx.mode();
        push(f2(tpl::CASELESS_L, m, t.lower));
        push(f3(tpl::CASELESS_L_P1, m, t.lower, lower(1)));
        push(f3(tpl::CASELESS_M1_L, m, lower(-1), t.lower));
        push(f3(tpl::CASELESS_DICT, m, t.dict, dict(1)));
        for (k, &c) in t.xcl.iter().enumerate() {
            if c != 0 {
                push(f3(tpl::CASELESS_XCL, m, k as u64, c as u64));
            }
        }
        push(f2(tpl::CASELESS_GAZ, m, t.gaz.code as u64));
    }
    if arabic_model {
        let stem = |j: isize| tok(j).map_or(PAD_L, |t| t.stem);
        push(f1(tpl::STEM_M1, stem(-1)));
        push(f1(tpl::STEM_P1, stem(1)));
        push(f2(tpl::STEM_M1_STEM, stem(-1), t.stem));
        push(f2(tpl::STEM_STEM_P1, t.stem, stem(1)));
        push(f1(tpl::DICT_STEM_M1, tok(-1).map_or(PAD_L, |t| t.dict_stem)));
        push(f1(tpl::DICT_STEM_P1, tok(1).map_or(PAD_R, |t| t.dict_stem)));
        push(f1(tpl::SKEL_M1, tok(-1).map_or(SKEL_NONE, |t| t.skel as u64)));
        push(f1(tpl::SKEL_P1, tok(1).map_or(SKEL_NONE, |t| t.skel as u64)));
        super::gazetteer::features(toks, i, bits, out);
    }
}

/// Document-level case evidence: how often each word (normalised) appears capitalised
/// inside a mixed-case sentence, and lowercase. Headlines in capitals and sentence-initial
/// words borrow the evidence of the word's other occurrences.
#[derive(Default)]
pub struct DocCase {
    words: U64Map<[u16; 2]>,
    /// Tokens with a letter, and those with a capital.
    lettered: usize,
    capitalised: usize,
}

impl DocCase {
    pub fn clear(&mut self) {
        self.words.clear();
        self.lettered = 0;
        self.capitalised = 0;
    }

    /// Is the document written without capitals (fewer than 1 token in 50 has one)?
    pub fn caseless(&self) -> bool {
        self.lettered >= 3 && self.capitalised * 50 < self.lettered
    }

    /// Counts the words of one sentence.
    pub fn count(&mut self, toks: &[Tok]) {
        for t in toks {
            if t.flags & (F_INIT_CAP | F_HAS_LOWER | F_ALL_CAPS) != 0 {
                self.lettered += 1;
                self.capitalised += t.upper as usize;
            }
        }
        if sent_ctx(toks).all_upper {
            return;
        }
        for (i, t) in toks.iter().enumerate() {
            let after_start = i > 0 && toks[i - 1].flags & F_NO_ALNUM == 0;
            if t.flags & F_HAS_LOWER == 0 && t.flags & F_INIT_CAP == 0 {
                continue;
            }
            if t.flags & F_INIT_CAP == 0 {
                self.words.entry(t.lower).or_default()[1] += 1;
            } else if after_start {
                self.words.entry(t.lower).or_default()[0] += 1;
            }
        }
    }

    /// Sets `doc_case` of the tokens of one sentence: 0 no evidence, 1 only capitalised,
    /// 2 only lowercase, 3 both (then 4 when capitalised at least 3 times as often).
    pub fn apply(&self, toks: &mut [Tok], arabic_model: bool) {
        let lower = !arabic_model && self.caseless();
        for t in toks {
            t.doc_lower = lower;
            t.doc_case = match self.words.get(&t.lower) {
                None => 0,
                Some(&[c, l]) => match (c > 0, l > 0) {
                    (true, false) => 1,
                    (false, true) => 2,
                    (true, true) if c >= 3 * l => 4,
                    (true, true) => 3,
                    (false, false) => 0,
                },
            };
        }
    }
}

/// Context aggregation (Ratinov & Roth 2009): for each capitalised word, the words around
/// the capitalised runs it occurs in anywhere in the document (the word before and after
/// the run, the run's first and last words), as ready feature hashes. `Pirelli` followed by
/// `SpA` once lends that evidence to its every occurrence.
#[derive(Default)]
pub struct DocContext(U64Map<Vec<u64>>);

/// Distinct aggregated contexts kept per word.
const AGG_MAX: usize = 16;

impl DocContext {
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Collects the contexts of one sentence's capitalised runs (English models only).
    pub fn count(&mut self, toks: &[Tok], arabic_model: bool) {
        if arabic_model || sent_ctx(toks).all_upper {
            return;
        }
        let mut a = 0;
        while a < toks.len() {
            if !toks[a].upper {
                a += 1;
                continue;
            }
            let mut z = a + 1;
            while z < toks.len() && toks[z].upper {
                z += 1;
            }
            let before = if a > 0 { toks[a - 1].lower } else { PAD_L };
            let after = toks.get(z).map_or(PAD_R, |t| t.lower);
            let mut atoms = [f1(tpl::AGG_BEFORE, before), f1(tpl::AGG_AFTER, after), 0, 0];
            if z - a > 1 {
                atoms[2] = f1(tpl::AGG_FIRST, toks[a].lower);
                atoms[3] = f1(tpl::AGG_LAST, toks[z - 1].lower);
            }
            for t in &toks[a..z] {
                let Some(k) = history_key(t) else { continue };
                let v = self.0.entry(k).or_default();
                for &h in atoms.iter().filter(|&&h| h != 0) {
                    if v.len() < AGG_MAX && !v.contains(&h) {
                        v.push(h);
                    }
                }
            }
            a = z;
        }
    }

    /// The word whose aggregated contexts [`DocContext::features`] gives for `t`, when it
    /// has any: the features depend on the word alone, so a decoder may cache their sums
    /// by it for the document.
    pub fn key(&self, t: &Tok) -> Option<u64> {
        history_key(t).filter(|k| self.0.contains_key(k))
    }

    /// Appends the aggregated context features of one token to `out`.
    pub fn features(&self, t: &Tok, bits: u32, out: &mut Vec<u32>) {
        if let Some(v) = history_key(t).and_then(|k| self.0.get(&k)) {
            out.extend(v.iter().map(|&h| b(h, bits)));
        }
    }
}

/// Types of the tags a document's earlier sentences gave each word: O, PER, ORG, LOC, MISC.
#[derive(Default)]
pub struct History(U64Map<[u16; 5]>);

/// Words whose history counts: capitalised (English) or Arabic words of 2+ letters.
#[inline]
fn history_key(t: &Tok) -> Option<u64> {
    (t.flags & F_INIT_CAP != 0 || (t.flags & F_ARABIC != 0 && t.len >= 2)).then_some(t.lower)
}

impl History {
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Appends the history features of one token to `out`.
    pub fn features(&self, t: &Tok, bits: u32, out: &mut Vec<u32>) {
        let (major, set) = summary(history_key(t).and_then(|k| self.0.get(&k)));
        out.push(b(f1(tpl::HIST, major), bits));
        out.push(b(f1(tpl::HIST_SET, set), bits));
        out.push(b(f2(tpl::HIST_S, major, t.shape), bits));
    }

    /// Records the predicted tags of one sentence.
    pub fn record(&mut self, toks: &[Tok], tags: &[u8]) {
        for (t, &tag) in toks.iter().zip(tags) {
            if let Some(k) = history_key(t) {
                let ty = if tag == 0 { 0 } else { (tag as usize - 1) / 2 + 1 };
                self.0.entry(k).or_default()[ty] += 1;
            }
        }
    }
}

/// Major type (5 when none) and set of types of history counts.
fn summary(counts: Option<&[u16; 5]>) -> (u64, u64) {
    match counts {
        None => (5, 0),
        Some(c) => {
            let major = (0..5).fold(0, |m, k| if c[k] > c[m] { k } else { m }) as u64;
            let set = (0..5).filter(|&k| c[k] > 0).fold(0u64, |s, k| s | 1 << k);
            (major, set)
        }
    }
}

/// Number of history features per token.
pub const N_HIST_FEATURES: usize = 3;

/// Number of tag features [`tag_features`] writes.
pub const N_TAG_FEATURES: usize = 5;

/// The features of position `i` that depend on the two previous predicted tags.
#[inline]
pub fn tag_features(t: &Tok, p1: u64, p2: u64, bits: u32) -> [u32; N_TAG_FEATURES] {
    [
        b(f1(tpl::T1, p1), bits),
        b(f2(tpl::T2, p2, p1), bits),
        // The stem is the normalised word but for Arabic.
        b(f2(tpl::T1_STEM, p1, t.stem), bits),
        b(f2(tpl::T1_S, p1, t.shape), bits),
        b(f2(tpl::T1_DICT, p1, t.dict), bits),
    ]
}

/// The features of position `i` that depend on the previous tag (first-order decoding):
/// the transition, and the transition with the token's shape and with its dictionary
/// code. They depend on the token through [`trans_key`] alone, so a decoder can cache their
/// sums. (A transition × word feature, as the greedy decoder has, scored lower on
/// CoNLL-2003 dev: 0.9301 against 0.9316.)
#[inline]
pub fn tag_features1(t: &Tok, p1: u64, bits: u32) -> [u32; 3] {
    [b(f1(tpl::T1, p1), bits), b(f2(tpl::T1_S, p1, t.shape), bits), b(f2(tpl::T1_DICT, p1, t.dict), bits)]
}

/// What [`tag_features1`] depends on besides the previous tag.
#[inline]
pub fn trans_key(t: &Tok) -> u64 {
    fmix(fx(t.shape, t.dict))
}

/// Tag dictionaries that know no word, for tests of features that do not read them.
#[cfg(test)]
pub(crate) struct NoDict;

#[cfg(test)]
impl Dicts for NoDict {
    fn word(&self, _: u64) -> u64 {
        0
    }
    fn stem(&self, _: u64) -> u64 {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_shapes_and_norm() {
        let a = token_atoms("Algeria", false, &NoDict, Gaz::default());
        let b = token_atoms("Bulgaria", false, &NoDict, Gaz::default());
        let c = token_atoms("ALGERIA", false, &NoDict, Gaz::default());
        assert_eq!(a.shape, b.shape);
        assert_eq!(a.lower, c.lower);
        assert_ne!(a.shape, c.shape);
        assert_eq!(a.suf[2], b.suf[2]); // "ria"
        assert_eq!(a.lower, norm_hash("algeria"));
        assert_eq!(norm_hash(&norm_string("1996-08-22")), norm_hash("2000-01-01"));
        let ar = token_atoms("لروسيا", true, &NoDict, Gaz::default());
        assert_eq!(ar.stem, norm_hash("روسيا"));
    }
}
