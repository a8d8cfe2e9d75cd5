//! Document context for Arabic models: a second pass that sees how the first pass labelled
//! the same word elsewhere in the document.
//!
//! A name is often clear at one mention (after a title, in a full "first name + family
//! name" form, next to a gazetteer hit) and unclear at another (a bare surname, a place
//! after an unusual preposition). The first pass tags the whole document; each word's stem
//! ([`Tok::stem`]: proclitics stripped, folded) then collects the types the first pass gave
//! it; the second pass tags again with, for every token, the types of the *other*
//! occurrences of its stem (its own first-pass tag subtracted, so that training does not
//! learn to copy it). A sentence none of whose tokens has such evidence would be tagged
//! exactly as in the first pass, so it is not tagged again.
//!
//! [`super::features::History`] still carries the earlier sentences' tags, as in the first
//! pass (recorded from the first pass's tags in both passes, so that the two see the same
//! history).

use super::features::{b, f1, f2, Tok, U64Map};

/// Template ids (scheme ar-4), past those of [`super::features`] and
/// [`super::gazetteer`].
mod tpl {
    pub const DOC2: u64 = 120;
    pub const DOC2_DICT: u64 = 121;
    pub const DOC2_M1: u64 = 122;
    pub const DOC2_P1: u64 = 123;
}

/// Number of features [`features`] appends per token.
pub const N_FEATURES: usize = 4;

/// Types (O, PER, ORG, LOC, MISC) the first pass gave each stem in one document.
#[derive(Default)]
pub struct DocLabels(U64Map<[u16; 5]>);

/// Stems whose labels count: Arabic words of two letters or more (no punctuation, no
/// numbers).
#[inline]
fn key(t: &Tok) -> Option<u64> {
    (t.flags & super::features::F_ARABIC != 0 && t.len >= 2).then_some(t.stem)
}

/// Type (0 O, 1 PER … 4 MISC) of a tag index.
#[inline]
fn ty(tag: u8) -> usize {
    if tag == 0 {
        0
    } else {
        (tag as usize - 1) / 2 + 1
    }
}

impl DocLabels {
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Records the first-pass tags of one sentence.
    pub fn record(&mut self, toks: &[Tok], tags: &[u8]) {
        for (t, &tag) in toks.iter().zip(tags) {
            if let Some(k) = key(t) {
                self.0.entry(k).or_default()[ty(tag)] += 1;
            }
        }
    }

    /// The codes of one sentence's tokens (whose first-pass tags are `tags`) into `out`:
    /// 0 when no other occurrence of the stem was tagged as an entity, else 1 + the most
    /// frequent entity type among the other occurrences (0–3) + 4 when they are tagged as
    /// entities at least as often as not. Returns whether any code is not 0.
    pub fn codes(&self, toks: &[Tok], tags: &[u8], out: &mut Vec<u8>) -> bool {
        out.clear();
        let mut any = false;
        for (t, &tag) in toks.iter().zip(tags) {
            let code = key(t).and_then(|k| self.0.get(&k)).map_or(0, |c| {
                let mut c = *c;
                c[ty(tag)] -= 1;
                let ents: u16 = c[1..].iter().sum();
                if ents == 0 {
                    return 0;
                }
                let major = (1..5).fold(1, |m, k| if c[k] > c[m] { k } else { m });
                major as u8 + 4 * (ents >= c[0]) as u8
            });
            any |= code != 0;
            out.push(code);
        }
        any
    }
}

/// Appends the [`N_FEATURES`] document-context features of position `i` of a sentence
/// whose codes are `codes` (empty in the first pass: all 0).
#[inline]
pub fn features(toks: &[Tok], codes: &[u8], i: usize, bits: u32, out: &mut Vec<u32>) {
    let code = |j: usize| codes.get(j).copied().unwrap_or(0) as u64;
    let c = code(i);
    out.push(b(f1(tpl::DOC2, c), bits));
    out.push(b(f2(tpl::DOC2_DICT, c, toks[i].dict_stem), bits));
    out.push(b(f1(tpl::DOC2_M1, if i == 0 { 99 } else { code(i - 1) }), bits));
    out.push(b(f1(tpl::DOC2_P1, if i + 1 == toks.len() { 99 } else { code(i + 1) }), bits));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::features::{token_atoms, Gaz, NoDict};

    #[test]
    fn doc_labels_code_the_other_occurrences_of_a_stem() {
        let toks = |ws: &[&str]| ws.iter().map(|w| token_atoms(w, true, &NoDict, Gaz::default())).collect::<Vec<_>>();
        // B-PER = 1, B-LOC = 5.
        let a = toks(&["قال", "ميسي", "في", "برلين"]);
        let b = toks(&["وميسي", "مهاجم"]);
        let mut d = DocLabels::default();
        d.record(&a, &[0, 1, 0, 5]);
        d.record(&b, &[0, 0]);
        let mut codes = Vec::new();
        // The second sentence's وميسي shares its stem with a PER elsewhere (1 of 1
        // other occurrence: strong); its own O is not counted.
        assert!(d.codes(&b, &[0, 0], &mut codes));
        assert_eq!(codes, [1 + 4, 0]);
        // In the first sentence, the other occurrence of ميسي was O and برلين has no
        // other occurrence: their own tags are not evidence.
        assert!(!d.codes(&a, &[0, 1, 0, 5], &mut codes));
        assert_eq!(codes, [0, 0, 0, 0]);
        let mut out = Vec::new();
        features(&b, &codes, 0, 20, &mut out);
        assert_eq!(out.len(), N_FEATURES);
    }
}
