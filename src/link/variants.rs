//! Steps 3 and 4: blocking keys, spelling distance and transliteration tests that decide
//! whether two names of different documents may be one entity.

#[allow(unused_imports)]
use super::*;
// FNV-1a, a fixed hash, so that blocking does not depend on the process.
use crate::text::hash::Fnv;

/// The names of one (label, normalised form) left unresolved in their documents.
#[derive(Debug)]
pub(super) struct Group {
    pub(super) label: Label,
    pub(super) norm: String,
    /// Smallest surface, for the name parts.
    pub(super) surface: String,
    pub(super) mentions: u32,
}

/// Blocking keys of a name (step 3 and 4): names are compared only when they share one.
pub(super) fn block_keys(label: Label, n: &Name, out: &mut Vec<u64>) {
    let base = |tag: u8| Fnv::new().byte(tag).byte(label as u8);
    match label {
        Label::Person => {
            if !n.surname_skel.is_empty() {
                out.push(base(1).str(&n.surname_skel).0);
            }
            if n.script == Script::Latin {
                let s: Vec<char> = n.surname().chars().collect();
                let k = edit_budget(s.len());
                if k > 0 {
                    deletions(base(2), &s, k, out);
                }
            }
            if let Some(given) = n.full_given() {
                let s: Vec<char> = n.surname_skel.chars().collect();
                if s.len() >= 4 {
                    deletions(base(3).str(given).byte(0xff), &s, 1, out);
                }
            }
            if n.full_skel.chars().count() >= 4 {
                out.push(base(4).str(&n.full_skel).0);
            }
        }
        Label::Org if n.script != Script::Other && n.full_skel.chars().count() >= 3 => {
            out.push(base(4).str(&n.full_skel).0);
        }
        _ => {}
    }
}

/// Edits allowed between two Latin surnames whose shorter one has `len` letters.
pub(super) fn edit_budget(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Hashes of `s` with every choice of up to `k` characters deleted (`k` ≤ 2), `s` included:
/// two strings within edit distance `k` share one.
pub(super) fn deletions(base: Fnv, s: &[char], k: usize, out: &mut Vec<u64>) {
    let hash = |skip: [usize; 2]| {
        let mut h = base;
        for (i, &c) in s.iter().enumerate() {
            if !skip.contains(&i) {
                h = h.ch(c);
            }
        }
        h.0
    };
    out.push(hash([usize::MAX; 2]));
    for i in 0..s.len() {
        out.push(hash([i, usize::MAX]));
        if k >= 2 {
            for j in i + 1..s.len() {
                out.push(hash([i, j]));
            }
        }
    }
}


/// Are two names of one label close enough to be one entity (given agreeing contexts)?
/// Returns the distance (0 best).
pub(super) fn close(label: Label, a: &Name, b: &Name) -> Option<u8> {
    match (label, a.script, b.script) {
        (_, Script::Other, _) | (_, _, Script::Other) => None,
        (Label::Person, Script::Latin, Script::Latin) => latin_close(a, b),
        (Label::Person, _, _) => translit_close(a, b),
        (Label::Org, sa, sb) if sa != sb => {
            (a.full_skel == b.full_skel && a.full_skel.chars().count() >= 3).then_some(0)
        }
        _ => None,
    }
}

/// Latin spelling variants: close surnames, compatible given names.
pub(super) fn latin_close(a: &Name, b: &Name) -> Option<u8> {
    if !given_compatible(a, b) {
        return None;
    }
    let (x, y) = (a.surname(), b.surname());
    if x.is_empty() || y.is_empty() {
        return None;
    }
    if x == y {
        return Some(0);
    }
    let k = edit_budget(x.chars().count().min(y.chars().count()));
    if let Some(d) = bounded_levenshtein(x, y, k) {
        return Some(d as u8);
    }
    // Vowel spellings ("Chengriha", "Chanegriha"), not for short surnames ("Lund", "Lind").
    let long = x.chars().count().min(y.chars().count()) >= 5;
    (long && a.surname_skel == b.surname_skel && a.surname_skel.chars().count() >= 3).then_some(1)
}

/// Names in different scripts (or both Arabic): consonant skeletons.
pub(super) fn translit_close(a: &Name, b: &Name) -> Option<u8> {
    let (sa, sb) = (&a.surname_skel, &b.surname_skel);
    if sa.is_empty() || sb.is_empty() {
        return None;
    }
    match (a.full_given(), b.full_given()) {
        (Some(ga), Some(gb)) => {
            if sa == sb && given_compatible(a, b) {
                return Some(0);
            }
            if ga == gb && sa.chars().count().min(sb.chars().count()) >= 4 && bounded_levenshtein(sa, sb, 1).is_some() {
                return Some(1);
            }
            (a.full_skel == b.full_skel && a.full_skel.chars().count() >= 4).then_some(0)
        }
        _ => (sa == sb && sa.chars().count() >= 3 && given_compatible(a, b)).then_some(0),
    }
}

/// Given names agree: one missing, equal, equal skeletons, or an initial matching.
pub(super) fn given_compatible(a: &Name, b: &Name) -> bool {
    if !a.has_given() || !b.has_given() {
        return true;
    }
    if a.initial[0] || b.initial[0] {
        return if a.script == b.script {
            a.tokens[0].chars().next() == b.tokens[0].chars().next()
        } else {
            a.given_skel.chars().next() == b.given_skel.chars().next()
        };
    }
    // Borrowed skeletons: four copied strings per pair were most of this test's cost.
    a.tokens[0] == b.tokens[0] || given_keys_agree((&a.first_skel, &a.given_skel), (&b.first_skel, &b.given_skel))
}

/// Two written-out given names (skeletons of the first given name, of all given names) can
/// name one person: the same first name ("Mark" and "Mark T."), or the same letters cut
/// differently ("Abd al-Majid" and "Abdelmadjid").
pub(super) fn given_keys_agree(x: (&str, &str), y: (&str, &str)) -> bool {
    (!x.0.is_empty() && x.0 == y.0) || (!x.1.is_empty() && x.1 == y.1)
}

/// Levenshtein distance between `a` and `b` if it is at most `k`.
pub(super) fn bounded_levenshtein(a: &str, b: &str, k: usize) -> Option<usize> {
    // A common prefix or suffix leaves the distance as it is. Without them, the usual
    // question (k = 1, for every pair of name words `ordered_subset` compares) needs no
    // table: what remains of each word is at most one character. The table and its
    // vectors were 1% of the pipeline's instructions.
    let (a, b) = strip_common(a, b);
    if k == 1 || a.is_empty() || b.is_empty() {
        let (na, nb) = (a.chars().count(), b.chars().count());
        let d = if k == 1 && na.max(nb) > 1 { 2 } else { na.max(nb) };
        return (d <= k).then_some(d);
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
            row_min = row_min.min(cur[j]);
        }
        if row_min > k {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[b.len()] <= k).then_some(prev[b.len()])
}

/// `a` and `b` without their longest common prefix, then without the longest common suffix
/// of what remains (in characters).
fn strip_common<'a, 'b>(a: &'a str, b: &'b str) -> (&'a str, &'b str) {
    let mut ai = a.char_indices();
    let mut bi = b.char_indices();
    let (mut i, mut j) = (a.len(), b.len());
    loop {
        match (ai.next(), bi.next()) {
            (Some((x, c)), Some((y, d))) if c != d => {
                (i, j) = (x, y);
                break;
            }
            (Some(_), Some(_)) => {}
            (Some((x, _)), None) => {
                (i, j) = (x, b.len());
                break;
            }
            (None, Some((y, _))) => {
                (i, j) = (a.len(), y);
                break;
            }
            (None, None) => break,
        }
    }
    let (a, b) = (&a[i..], &b[j..]);
    let (mut ae, mut be) = (a.len(), b.len());
    let mut ar = a.char_indices().rev();
    let mut br = b.char_indices().rev();
    while let (Some((x, c)), Some((y, d))) = (ar.next(), br.next()) {
        if c != d {
            break;
        }
        (ae, be) = (x, y);
    }
    (&a[..ae], &b[..be])
}

/// Does sorted `a` share an element with sorted `b`, other than those in `skip`?
pub(super) fn intersects(a: &[u32], b: &[u32], skip: &[u32]) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().any(|x| !skip.contains(x) && large.binary_search(x).is_ok())
}

// ------------------------------------------------------------------------------------------
// User overrides
