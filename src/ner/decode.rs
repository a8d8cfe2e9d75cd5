//! Decoding: from per-token tag scores to the best tag sequence.
//!
//! Apart from the model's features and training because it knows nothing of words, and it
//! is what a reader of the tagging speed or of an impossible BIO sequence needs: greedy
//! left-to-right decoding with a two-tag history (Arabic), Viterbi under the BIO constraint
//! (English), the transition table that encodes that constraint, and the reachable gold
//! sequence the structured perceptron trains towards.

use super::*;

/// The scores the features `fill` writes add to each tag: their weight rows, summed. The
/// sums are of integers, so a cached sum of a part gives the same total as the whole.
fn summed(w: &Table, feats: &mut Vec<u32>, rows: &mut Vec<u32>, fill: impl FnOnce(&mut Vec<u32>)) -> [i32; NT] {
    feats.clear();
    rows.clear();
    fill(feats);
    w.resolve(feats, rows);
    let mut acc = [0i32; NT];
    for &r in rows.iter() {
        w.add_row(r, &mut acc);
    }
    acc
}

/// Decodes one sentence with the model's decoder; fills `scratch.tags` and
/// `scratch.margins`. The document's history (`scratch.history`) is read, not updated.
/// Tokens that can only be `O` where they stand ([`features::skippable`]) are not scored.
///
/// `first` (greedy decoding): the tags and margins of the first pass, when this is the
/// second pass with the document-context codes in `scratch.doc2`. Only a token within one
/// of a non-zero code has features that differ from the first pass, so decoding starts
/// just before the first such token (with the first pass's tags before it) and, past the
/// last, stops as soon as its two previous tags agree with the first pass's (the rest
/// would be tagged alike). Viterbi decodes the whole sentence again: a changed score
/// anywhere can change the best path everywhere.
pub(super) fn decode(
    w: &Table,
    toks: &[Tok],
    arabic: bool,
    bits: u32,
    decoder: Decoder,
    scratch: &mut Scratch,
    first: Option<(&[u8], &[f32])>,
) {
    let Scratch { feats, rows, tags, margins, history, agg, agg_sums, cache, scored, lattice, doc2, .. } = scratch;
    let doc_context = two_pass(arabic, decoder);
    tags.clear();
    margins.clear();
    if cache.sums.len() > TOKEN_CACHE_MAX {
        cache.sums.clear();
    }
    if cache.neighbors.len() > NEIGHBOR_CACHE_MAX {
        cache.neighbors.clear();
    }
    if cache.state.len() > STATE_CACHE_MAX {
        cache.state.clear();
    }
    let state = &mut cache.state;
    let ctx = features::sent_ctx(toks);
    // The last run of capitals scored, and the sums of its shared features.
    let mut run = ((usize::MAX, usize::MAX), [0i32; NT]);
    // Scores of the features of token `j` that do not depend on the previous tag: the
    // token's own (cached), its context's and the document's.
    let mut stat = |j: usize| {
        let t = &toks[j];
        let mut acc = *cache
            .sums
            .entry(features::token_key(t))
            .or_insert_with(|| summed(w, feats, rows, |f| features::token_features(t, arabic, bits, f)));
        // One lookup per word with a history key: a word without aggregated contexts
        // keeps zero sums, where asking the contexts first cost a second lookup.
        if let Some(k) = features::history_key(t).filter(|_| !agg.is_empty()) {
            let sums = *agg_sums.entry(k).or_insert_with(|| summed(w, feats, rows, |f| agg.features(t, bits, f)));
            for k in 0..NT {
                acc[k] += sums[k];
            }
        }
        // The features of each neighbour alone, summed once per word and offset.
        for (slot, &off) in features::NEIGHBOR_OFFSETS.iter().enumerate() {
            let Some(n) = j.checked_add_signed(off).and_then(|k| toks.get(k)) else { continue };
            // Each offset's sums are made when first asked for: a rare word is seldom
            // seen at every offset of a scored token.
            let (done, sums) = cache.neighbors.entry(features::token_key(n)).or_insert((0, [[0i32; NT]; 4]));
            if *done & 1 << slot == 0 {
                feats.clear();
                rows.clear();
                features::neighbor_features(n, off, arabic, bits, feats);
                w.resolve(feats, rows);
                for &r in rows.iter() {
                    w.add_row(r, &mut sums[slot]);
                }
                *done |= 1 << slot;
            }
            for k in 0..NT {
                acc[k] += sums[slot][k];
            }
        }
        // The features of the token's case, place and history, by their few inputs.
        let summary = history.summary_of(t);
        let sums = state
            .entry(features::state_key(t, j, ctx, summary))
            .or_insert_with(|| summed(w, feats, rows, |f| features::state_features(t, j, ctx, summary, bits, f)));
        for k in 0..NT {
            acc[k] += sums[k];
        }
        // The run's shared features, once per run (decoding goes left to right).
        if features::has_run_features(t, ctx, arabic) {
            let (a, z) = features::run_bounds(toks, j);
            if run.0 != (a, z) {
                run = ((a, z), summed(w, feats, rows, |f| features::run_features(toks, a, z, bits, f)));
            }
            for k in 0..NT {
                acc[k] += run.1[k];
            }
        }
        feats.clear();
        rows.clear();
        features::context_features_rest(toks, j, ctx, arabic, bits, feats);
        if doc_context {
            context::features(toks, doc2, j, bits, feats);
        }
        w.resolve(feats, rows);
        for &r in rows.iter() {
            w.add_row(r, &mut acc);
        }
        acc
    };
    match decoder {
        Decoder::Viterbi => {
            if cache.trans.len() > TRANS_CACHE_MAX {
                cache.trans.clear();
            }
            let trans_cache = &mut cache.trans;
            let mut trans = |j: usize| -> Trans {
                let t = &toks[j];
                *trans_cache.entry(features::trans_key(t)).or_insert_with(|| {
                    let mut m = [[0f32; NT]; NT + 1];
                    let mut r = Vec::with_capacity(3);
                    for (p, row) in m.iter_mut().enumerate() {
                        let prev = if p == NT { features::START_TAG } else { p as u64 };
                        r.clear();
                        w.resolve(&features::tag_features1(t, prev, bits), &mut r);
                        let mut acc = [0i32; NT];
                        for &x in &r {
                            w.add_row(x, &mut acc);
                        }
                        *row = acc.map(|x| x as f32);
                    }
                    m
                })
            };
            viterbi(toks, arabic, ctx.lower, &mut |j| stat(j).map(|x| x as f32), &mut trans, lattice, tags, scored, margins);
        }
        Decoder::Greedy => {
            let (mut p1, mut p2) = (features::START_TAG, features::START_TAG);
            let (mut start, mut resync) = (0, usize::MAX);
            let mut tag_rows = Vec::with_capacity(features::N_TAG_FEATURES);
            if let Some((ft, fm)) = first {
                let lo = doc2.iter().position(|&c| c != 0).unwrap_or(toks.len());
                let hi = doc2.iter().rposition(|&c| c != 0).unwrap_or(0);
                start = lo.saturating_sub(1).min(toks.len());
                resync = hi + 2;
                tags.extend_from_slice(&ft[..start]);
                margins.extend_from_slice(&fm[..start]);
                if start >= 1 {
                    p1 = ft[start - 1] as u64;
                }
                if start >= 2 {
                    p2 = ft[start - 2] as u64;
                }
            }
            for (i, t) in toks.iter().enumerate().skip(start) {
                if i >= resync {
                    if let Some((ft, fm)) = first {
                        if p1 == ft[i - 1] as u64 && p2 == ft[i - 2] as u64 {
                            tags.extend_from_slice(&ft[i..]);
                            margins.extend_from_slice(&fm[i..]);
                            break;
                        }
                    }
                }
                if (p1 == 0 || p1 == features::START_TAG) && features::skippable(t, arabic) {
                    tags.push(0);
                    margins.push(0.0);
                    p2 = p1;
                    p1 = 0;
                    continue;
                }
                let mut acc = stat(i);
                tag_rows.clear();
                w.resolve(&features::tag_features(t, p1, p2, bits), &mut tag_rows);
                for &x in &tag_rows {
                    w.add_row(x, &mut acc);
                }
                let acc = acc.map(|x| x as f32);
                let (best, second) = top2(&acc);
                tags.push(best as u8);
                margins.push(acc[best] - second);
                p2 = p1;
                p1 = best as u64;
            }
        }
    }
}

/// Whether a model tags each document twice, the second pass with document context
/// ([`context`]): Arabic models, with either decoder (a Viterbi model without it: dev
/// split 0.7549 against 0.7679 with it, seeds 1-6).
pub(super) fn two_pass(arabic: bool, _decoder: Decoder) -> bool {
    arabic
}

/// Scores of a token's previous-tag features, by previous tag (the start last).
pub(super) type Trans = [[f32; NT]; NT + 1];

/// Reusable buffers of [`viterbi`].
#[derive(Default)]
pub(super) struct Lattice {
    score: Vec<[f32; NT]>,
    back: Vec<[u8; NT]>,
    bases: Vec<[f32; NT]>,
    /// Each scored token's transition scores, kept for its margin: asking `trans` again
    /// was a second cache lookup and copy per name token.
    trans: Vec<Trans>,
}

/// How a model turns scores into tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decoder {
    /// Left to right, each token's best tag given the two previous predicted tags.
    #[default]
    Greedy,
    /// First-order Viterbi over BIO with the transition constraint, trained as a
    /// structured perceptron (Collins 2002).
    Viterbi,
}

impl Decoder {
    /// The default decoder of a language's models: Viterbi (Arabic since 3.1.0: dev split
    /// 0.7679 against 0.7544 greedy, seeds 1-6, both with document context).
    pub fn for_lang(_lang: &str) -> Decoder {
        Decoder::Viterbi
    }

    pub(super) fn is_greedy(&self) -> bool {
        *self == Decoder::Greedy
    }
}

/// First-order Viterbi decoding over BIO with the transition constraint: fills `tags`,
/// `scored` (which tokens were scored) and `margins` (per token, the chosen tag's local
/// score, given the chosen previous tag, minus the best other allowed tag's; 0 when not
/// scored). `stat(j)` gives the scores of the features of token `j` that do not depend on
/// the previous tag, `trans(j, prev)` those that do.
///
/// A token that can only be `O` after an `O` ([`features::skippable`]) is not scored when
/// the best path so far ends in `O` (or at the start): it takes `O` after every tag with no
/// features. Training decides the same way, so path scores stay comparable, and the cost
/// stays that of the tokens that can start or continue a name, as in greedy decoding.
pub(super) fn viterbi(
    toks: &[Tok],
    arabic: bool,
    lower: bool,
    stat: &mut dyn FnMut(usize) -> [f32; NT],
    trans: &mut dyn FnMut(usize) -> Trans,
    lattice: &mut Lattice,
    tags: &mut Vec<u8>,
    scored: &mut Vec<bool>,
    margins: &mut Vec<f32>,
) {
    let n = toks.len();
    tags.clear();
    scored.clear();
    margins.clear();
    if n == 0 {
        return;
    }
    let start = NT;
    let Lattice { score, back, bases, trans: trs } = lattice;
    score.clear();
    score.resize(n, [f32::NEG_INFINITY; NT]);
    back.clear();
    back.resize(n, [0u8; NT]);
    bases.clear();
    bases.resize(n, [0f32; NT]);
    // One per scored token, in order.
    trs.clear();
    for j in 0..n {
        let best_prev = if j == 0 { start } else { argmax(&score[j - 1]) };
        if (best_prev == 0 || best_prev == start) && !lower && features::skippable(&toks[j], arabic) {
            let ps = if j == 0 { 0.0 } else { score[j - 1][best_prev] };
            score[j][0] = ps;
            back[j][0] = best_prev as u8;
            scored.push(false);
            continue;
        }
        scored.push(true);
        let base = stat(j);
        bases[j] = base;
        trs.push(trans(j));
        let tm = trs.last().expect("pushed");
        if j == 0 {
            // Only the start precedes, and every tag but an `I-` may follow it.
            let tr = &tm[start];
            let ok = &ALLOWED[start];
            for t in 0..NT {
                let v = 0.0 + base[t] + tr[t];
                if v > score[0][t] && ok[t] {
                    score[0][t] = v;
                    back[0][t] = start as u8;
                }
            }
            continue;
        }
        // The same sums, in the same order (previous tag ascending, first best kept), as
        // a loop over every pair that tests [`ALLOWED`]: `O` and `B-X` may follow any tag,
        // `I-X` only `B-X` or `I-X`, so the pairs that cannot win are not summed.
        let prev = score[j - 1];
        let cur = &mut score[j];
        let bk = &mut back[j];
        let mut relax = |p: usize, t: usize| {
            let ps = prev[p];
            if ps == f32::NEG_INFINITY {
                return;
            }
            let v = ps + base[t] + tm[p][t];
            if v > cur[t] {
                cur[t] = v;
                bk[t] = p as u8;
            }
        };
        for t in (0..NT).filter(|&t| t == 0 || t % 2 == 1) {
            for p in 0..NT {
                relax(p, t);
            }
        }
        for t in (2..NT).step_by(2) {
            for p in [t - 1, t] {
                relax(p, t);
            }
        }
    }
    let mut best = argmax(&score[n - 1]);
    tags.resize(n, 0);
    for j in (0..n).rev() {
        tags[j] = best as u8;
        best = back[j][best] as usize;
    }
    let mut k = 0;
    for j in 0..n {
        // Only the margins of name tokens are read (mention scores, the margin scale).
        if !scored[j] || tags[j] == 0 {
            k += scored[j] as usize;
            margins.push(0.0);
            continue;
        }
        k += 1;
        let (prev, p) = if j == 0 { (features::START_TAG, start) } else { (tags[j - 1] as u64, tags[j - 1] as usize) };
        let tr = trs[k - 1][p];
        let t = tags[j] as usize;
        let local = |k: usize| bases[j][k] + tr[k];
        let second = (0..NT).filter(|&k| k != t && allowed(prev, k)).map(local).fold(f32::NEG_INFINITY, f32::max);
        margins.push((local(t) - second).max(0.0));
    }
}

/// Index of the highest score, the first on ties.
#[inline]
pub(super) fn argmax(x: &[f32; NT]) -> usize {
    let mut best = 0;
    for k in 1..NT {
        if x[k] > x[best] {
            best = k;
        }
    }
    best
}

/// [`allowed`] by previous tag (the start last) and tag.
pub(super) const ALLOWED: [[bool; NT]; NT + 1] = {
    let mut m = [[false; NT]; NT + 1];
    let mut p = 0;
    while p <= NT {
        let mut t = 0;
        while t < NT {
            m[p][t] = t == 0 || t % 2 == 1 || p == t || p + 1 == t;
            t += 1;
        }
        p += 1;
    }
    m
};

/// Can tag `t` follow tag `prev` (a tag index, or [`features::START_TAG`])? `I-X` only
/// continues `B-X` or `I-X`.
#[inline(always)]
pub(super) fn allowed(prev: u64, t: usize) -> bool {
    t == 0 || t % 2 == 1 || prev as usize == t || prev as usize + 1 == t
}

/// Index of the highest score (the first on ties) and the second-highest score.
#[inline]
pub(super) fn top2(acc: &[f32; NT]) -> (usize, f32) {
    let best = argmax(acc);
    let second = (0..NT).filter(|&k| k != best).map(|k| acc[k]).fold(f32::NEG_INFINITY, f32::max);
    (best, second)
}

/// Chunks of tag indices, `conlleval` style: (first, end exclusive, type 0..4).
pub(super) fn tag_spans(tags: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, u8)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let (ty, inside) = if t == 0 { (u8::MAX, false) } else { ((t - 1) / 2, (t - 1) % 2 == 1) };
        let continues = inside && open.is_some_and(|(_, o)| o == ty);
        if !continues {
            if let Some((s, o)) = open.take() {
                out.push((s, i, o));
            }
            if t != 0 {
                open = Some((i, ty));
            }
        }
    }
    if let Some((s, o)) = open {
        out.push((s, tags.len(), o));
    }
    out
}

/// The gold tags as Viterbi decoding can produce them: an entity cannot start on a token
/// that is skipped after an `O` ([`features::skippable`]: in English, a word without a
/// capital letter); its next token opens it instead.
pub(super) fn reachable_gold(gold: &[u8], toks: &[Tok], arabic: bool, lower: bool) -> Vec<u8> {
    let mut g = gold.to_vec();
    let mut prev = 0u8;
    for j in 0..g.len() {
        if g[j] != 0 && prev == 0 && !lower && features::skippable(&toks[j], arabic) {
            let inside = g[j] + (g[j] % 2);
            if g.get(j + 1) == Some(&inside) {
                g[j + 1] = inside - 1;
            }
            g[j] = 0;
        }
        prev = g[j];
    }
    g
}
