//! Feature templates: a template id mixed with one to three atoms, hashed into buckets, per
//! token, per sentence context, and for the previous predicted tags. Part of the model file
//! format (`hash.scheme`): a change needs a new scheme name and retrained models.

use super::*;

/// Template ids. Each feature mixes its template id first, so templates never collide
/// systematically.
pub(super) mod tpl {
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
pub(in crate::ner) fn b(h: u64, bits: u32) -> u32 {
    (fmix(h) >> (64 - bits)) as u32
}

#[inline(always)]
pub(in crate::ner) fn f1(t: u64, a: u64) -> u64 {
    fx(fx(t, a), 0x11)
}

#[inline(always)]
pub(in crate::ner) fn f2(t: u64, a: u64, c: u64) -> u64 {
    fx(fx(fx(t, a), c), 0x22)
}

#[inline(always)]
pub(in crate::ner) fn f3(t: u64, a: u64, c: u64, d: u64) -> u64 {
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
    context_features_with(toks, i, ctx, arabic_model, bits, Parts::ALL, out)
}

/// Which parts of [`context_features`] [`context_features_with`] gives: a decoder takes
/// the parts whose sums it can cache from elsewhere.
#[derive(Debug, Clone, Copy)]
struct Parts {
    /// The features of each present neighbour alone ([`neighbor_features`]).
    neighbors: bool,
    /// The features of the token's case, place and sentence ([`state_features`]).
    state: bool,
    /// The features of the capitalised run around the token but its place in the run
    /// ([`run_features`]).
    run: bool,
}

impl Parts {
    const ALL: Parts = Parts { neighbors: true, state: true, run: true };
}

/// Offsets of the neighbours that [`neighbor_features`] covers.
pub const NEIGHBOR_OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// [`context_features`] less the features that depend on one present neighbour alone,
/// which [`neighbor_features`] gives: those depend on the neighbour's text and gazetteer hit
/// ([`token_key`]) and its offset, so a decoder may cache their sums by word. Together the
/// two give the same buckets as [`context_features`] (in another order).
pub fn context_features_without_neighbors(
    toks: &[Tok],
    i: usize,
    ctx: SentCtx,
    arabic_model: bool,
    bits: u32,
    out: &mut Vec<u32>,
) {
    context_features_with(toks, i, ctx, arabic_model, bits, Parts { neighbors: false, ..Parts::ALL }, out)
}

/// [`context_features_without_neighbors`] less the [`state_features`] and the
/// [`run_features`]: the rest of a token's context features, which a decoder computes per
/// token while it caches the sums of those parts.
pub fn context_features_rest(toks: &[Tok], i: usize, ctx: SentCtx, arabic_model: bool, bits: u32, out: &mut Vec<u32>) {
    context_features_with(toks, i, ctx, arabic_model, bits, Parts { neighbors: false, state: false, run: false }, out)
}

/// The bits of a token's place that [`state_features`] read besides its shape, dictionary
/// code and history summary.
#[inline]
fn position_bits(t: &Tok, i: usize, ctx: SentCtx) -> u64 {
    (t.flags & (F_INIT_CAP | F_ALL_CAPS)) as u64 | ((i == 0) as u64) << 8 | (ctx.all_upper as u64) << 9 | (ctx.lower as u64) << 10
}

/// The context features of position `i` that depend only on the token's shape, dictionary
/// code, case flags and document case, its being first, the sentence's case ([`SentCtx`])
/// and the token's history summary `(major, set)` ([`History::summary_of`]): the part of
/// [`context_features`] and [`History::features`] that [`state_key`] identifies, so that a
/// decoder may cache its sums. Few distinct keys (a shape, a code, a few bits).
pub fn state_features(t: &Tok, i: usize, ctx: SentCtx, (major, set): (u64, u64), bits: u32, out: &mut Vec<u32>) {
    let mut push = |h: u64| out.push(b(h, bits));
    push(f2(tpl::CAP_POS, (t.flags & F_INIT_CAP) as u64, (i == 0) as u64));
    push(f2(tpl::DOC_CASE, t.doc_case as u64, position_bits(t, i, ctx)));
    if ctx.all_upper {
        push(f1(tpl::UPPER_SENT_S, t.shape));
        push(f1(tpl::UPPER_SENT_DICT, t.dict));
    }
    push_history(major, set, t.shape, bits, out);
}

/// What [`state_features`] depends on.
#[inline]
pub fn state_key(t: &Tok, i: usize, ctx: SentCtx, (major, set): (u64, u64)) -> u64 {
    // The dictionary code is read only in a sentence in capitals.
    let dict = if ctx.all_upper { t.dict } else { 0 };
    let small = position_bits(t, i, ctx) | (t.doc_case as u64) << 11 | major << 16 | set << 24;
    fmix(fx(fx(t.shape, dict), small))
}

/// The history features of a token whose history summary is `(major, set)` and shape
/// `shape` ([`History::features`]).
#[inline]
pub(super) fn push_history(major: u64, set: u64, shape: u64, bits: u32, out: &mut Vec<u32>) {
    out.push(b(f1(tpl::HIST, major), bits));
    out.push(b(f1(tpl::HIST_SET, set), bits));
    out.push(b(f2(tpl::HIST_S, major, shape), bits));
}

/// First and end (exclusive) positions of the run of tokens with a capital around position
/// `i`, which has one.
#[inline]
pub fn run_bounds(toks: &[Tok], i: usize) -> (usize, usize) {
    let mut a = i;
    while a > 0 && toks[a - 1].upper {
        a -= 1;
    }
    let mut z = i + 1;
    while z < toks.len() && toks[z].upper {
        z += 1;
    }
    (a, z)
}

/// Whether a token at position `i` has the run features ([`run_features`] and its place in
/// the run).
#[inline]
pub fn has_run_features(t: &Tok, ctx: SentCtx, arabic_model: bool) -> bool {
    !arabic_model && t.upper && !ctx.all_upper
}

/// The features of the capitalised run `a..z` ([`run_bounds`]) that every token of it
/// shares: the words around it and its ends. Part of [`context_features`] for a token
/// with [`has_run_features`].
pub fn run_features(toks: &[Tok], a: usize, z: usize, bits: u32, out: &mut Vec<u32>) {
    let mut push = |h: u64| out.push(b(h, bits));
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
}

/// The features of a token at offset `offset` ([`NEIGHBOR_OFFSETS`]) from the position
/// being scored that depend on that token alone: its part of [`context_features`].
pub fn neighbor_features(n: &Tok, offset: isize, arabic_model: bool, bits: u32, out: &mut Vec<u32>) {
    let mut push = |h: u64| out.push(b(h, bits));
    match offset {
        -2 => {
            push(f1(tpl::L_M2, n.lower));
            push(f1(tpl::S_M2, n.shape));
        }
        2 => {
            push(f1(tpl::L_P2, n.lower));
            push(f1(tpl::S_P2, n.shape));
        }
        -1 | 1 => {
            let m = offset < 0;
            let tp = |before: u64, after: u64| if m { before } else { after };
            push(f1(tp(tpl::L_M1, tpl::L_P1), n.lower));
            push(f1(tp(tpl::S_M1, tpl::S_P1), n.shape));
            push(f1(tp(tpl::SUF_M1, tpl::SUF_P1), n.suf[2]));
            push(f1(tp(tpl::DICT_M1, tpl::DICT_P1), n.dict));
            push(f1(tp(tpl::GAZ_M1, tpl::GAZ_P1), n.gaz.code as u64));
            push(f1(tp(tpl::CL_F_M1, tpl::CL_F_P1), n.cl[1] as u64));
            for (k, &c) in n.xcl.iter().enumerate() {
                if c != 0 {
                    push(f2(tp(tpl::XCL_M1, tpl::XCL_P1), k as u64, c as u64));
                }
            }
            if arabic_model {
                push(f1(tp(tpl::STEM_M1, tpl::STEM_P1), n.stem));
                push(f1(tp(tpl::DICT_STEM_M1, tpl::DICT_STEM_P1), n.dict_stem));
                push(f1(tp(tpl::SKEL_M1, tpl::SKEL_P1), n.skel as u64));
            }
        }
        _ => unreachable!("neighbour offset {offset}"),
    }
}

/// [`context_features`], with (`neighbors`) or without the features of present neighbours
/// alone ([`neighbor_features`]); the features of absent ones (the padding) are always in.
fn context_features_with(
    toks: &[Tok],
    i: usize,
    ctx: SentCtx,
    arabic_model: bool,
    bits: u32,
    parts: Parts,
    out: &mut Vec<u32>,
) {
    let neighbors = parts.neighbors;
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
    // Whether to give the features of neighbour `j` alone: always for padding.
    let one = |j: isize| neighbors || tok(j).is_none();
    let mut push = |h: u64| out.push(b(h, bits));

    if parts.state {
        push(f2(tpl::CAP_POS, (t.flags & F_INIT_CAP) as u64, (i == 0) as u64));
    }
    if one(-1) {
        push(f1(tpl::L_M1, lower(-1)));
    }
    if one(1) {
        push(f1(tpl::L_P1, lower(1)));
    }
    if one(-2) {
        push(f1(tpl::L_M2, lower(-2)));
    }
    if one(2) {
        push(f1(tpl::L_P2, lower(2)));
    }
    if one(-1) {
        push(f1(tpl::S_M1, shape(-1)));
    }
    if one(1) {
        push(f1(tpl::S_P1, shape(1)));
    }
    if one(-2) {
        push(f1(tpl::S_M2, shape(-2)));
    }
    if one(2) {
        push(f1(tpl::S_P2, shape(2)));
    }
    push(f2(tpl::L_M1_L, lower(-1), t.lower));
    push(f2(tpl::L_L_P1, t.lower, lower(1)));
    push(f2(tpl::L_M2_L_M1, lower(-2), lower(-1)));
    push(f2(tpl::L_P1_L_P2, lower(1), lower(2)));
    push(f2(tpl::S_M1_S, shape(-1), t.shape));
    push(f2(tpl::S_S_P1, t.shape, shape(1)));
    push(f3(tpl::S_M1_S_P1, shape(-1), t.shape, shape(1)));
    push(f2(tpl::L_M1_S, lower(-1), t.shape));
    push(f2(tpl::S_L_P1, t.shape, lower(1)));
    if one(-1) {
        push(f1(tpl::SUF_M1, tok(-1).map_or(PAD_L, |t| t.suf[2])));
    }
    if one(1) {
        push(f1(tpl::SUF_P1, tok(1).map_or(PAD_R, |t| t.suf[2])));
    }
    if one(-1) {
        push(f1(tpl::DICT_M1, dict(-1)));
    }
    if one(1) {
        push(f1(tpl::DICT_P1, dict(1)));
    }
    push(f2(tpl::DICT_M1_DICT, dict(-1), t.dict));
    if one(-1) {
        push(f1(tpl::GAZ_M1, gaz(-1)));
    }
    if one(1) {
        push(f1(tpl::GAZ_P1, gaz(1)));
    }
    if parts.state {
        push(f2(tpl::DOC_CASE, t.doc_case as u64, position_bits(t, i, ctx)));
    }
    if t.doc_case != 0 {
        push(f2(tpl::DOC_CASE_L, t.doc_case as u64, t.lower));
    }
    let cl = |j: isize, k: usize| tok(j).map_or(PAD_L, |t| t.cl[k] as u64);
    if one(-1) {
        push(f1(tpl::CL_F_M1, cl(-1, 1)));
    }
    if one(1) {
        push(f1(tpl::CL_F_P1, cl(1, 1)));
    }
    push(f2(tpl::CL_C_M1_CL_C, cl(-1, 0), t.cl[0] as u64));
    push(f2(tpl::CL_C_CL_C_P1, t.cl[0] as u64, cl(1, 0)));
    // External clusters of the neighbours, every granularity, and the coarsest pairs.
    for j in [-1isize, 1] {
        if let Some(n) = tok(j).filter(|_| neighbors) {
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
    if has_run_features(t, ctx, arabic_model) {
        let (a, z) = run_bounds(toks, i);
        if parts.run {
            run_features(toks, a, z, bits, out);
        }
        let pos = ((i == a) as u64) | ((i + 1 == z) as u64) << 1 | ((z - a).min(4) as u64) << 2;
        out.push(b(f1(tpl::RUN_POS, pos), bits));
    }
    let mut push = |h: u64| out.push(b(h, bits));
    if parts.state && ctx.all_upper {
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
        if one(-1) {
            push(f1(tpl::STEM_M1, stem(-1)));
        }
        if one(1) {
            push(f1(tpl::STEM_P1, stem(1)));
        }
        push(f2(tpl::STEM_M1_STEM, stem(-1), t.stem));
        push(f2(tpl::STEM_STEM_P1, t.stem, stem(1)));
        if one(-1) {
            push(f1(tpl::DICT_STEM_M1, tok(-1).map_or(PAD_L, |t| t.dict_stem)));
        }
        if one(1) {
            push(f1(tpl::DICT_STEM_P1, tok(1).map_or(PAD_R, |t| t.dict_stem)));
        }
        if one(-1) {
            push(f1(tpl::SKEL_M1, tok(-1).map_or(SKEL_NONE, |t| t.skel as u64)));
        }
        if one(1) {
            push(f1(tpl::SKEL_P1, tok(1).map_or(SKEL_NONE, |t| t.skel as u64)));
        }
        crate::ner::gazetteer::features(toks, i, bits, out);
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
