//! Name lists (gazetteers) of persons, organisations and places, matched over whole token
//! sequences.
//!
//! Arabic has no capital letters, so a name the training data never showed looks like any
//! other word; a list of names says "this sequence is a known name of type T". Entries are
//! stored in the tagger's normalised form ([`super::features::norm_string`]: alef variants,
//! alef maqsura, teh marbuta, hamza seats, harakat and tatweel folded), one string of
//! space-separated tokens each, and matched over the tokens' normalised forms. The first
//! token of a match may also match without its proclitics (`وموسكو`, `لروسيا`: the stem,
//! [`Tok::stem`]) or with `لل` read as `ال` (`للأمم المتحدة`), which is how names follow a
//! preposition or "and" in running text.
//!
//! Each type is matched on its own, greedily left to right, longest entry first. A token
//! inside a match gets, for that type, its position (B, I, E, or S for a one-token match),
//! the entry's length (1, 2, 3, 4+) and whether the entry is "strong" (listed by two
//! sources or by a curated one, see `scripts/build_gazetteers_ar.py`): [`Tok::gz`]. The
//! lists are stored in the model file when the model is trained, so a model carries the
//! lists its weights were learnt with.

use super::features::{fx, norm_hash, Tok, U64Map};

/// Entity types of gazetteer entries, in [`Tok::gz`] order.
pub const GZ_TYPES: [&str; 3] = ["PER", "ORG", "LOC"];
/// Number of gazetteer types.
pub const NGZ: usize = 3;

/// Longest entry, in tokens, that is matched.
const MAX_TOKENS: usize = 8;

/// Bit of a stored code: the entry is strong for type `k` (bits 0–2 say it has the type).
const STRONG_SHIFT: u8 = 3;
/// Bit of a lookup value: some longer entry starts with this sequence.
const PREFIX: u8 = 0x80;

const SEED_GZ: u64 = 0x9a2e;

/// One step of the sequence hash over token hashes.
#[inline]
fn step(h: u64, tok: u64) -> u64 {
    fx(h, tok)
}

/// A gazetteer: rows as stored in the model file, and the lookup built from them.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// (entry, code): code bits 0–2 = types PER/ORG/LOC, bits 3–5 = strong for that type.
    rows: Vec<(String, u8)>,
    /// Sequence hash -> type and strong bits, plus [`PREFIX`].
    map: U64Map<u8>,
}

/// The code of a row: type bit, and strong bit when `sources` (letters, one per source)
/// has two sources or one of the curated ones (`a` ANERGazet, `p` ISO 3166).
fn row_code(ty: &str, sources: &str) -> Option<u8> {
    let k = GZ_TYPES.iter().position(|t| *t == ty)? as u8;
    let strong = sources.chars().count() >= 2 || sources.contains(['a', 'p']);
    Some(1 << k | (strong as u8) << (k + STRONG_SHIFT))
}

impl Gazetteer {
    /// Builds a gazetteer from `(entry, code)` rows (as [`Gazetteer::rows`] returns them).
    pub fn from_rows(mut rows: Vec<(String, u8)>) -> Gazetteer {
        rows.sort();
        rows.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 |= b.1;
                true
            } else {
                false
            }
        });
        let mut map: U64Map<u8> = U64Map::default();
        for (entry, code) in &rows {
            let toks: Vec<&str> = entry.split(' ').filter(|t| !t.is_empty()).collect();
            if toks.is_empty() || toks.len() > MAX_TOKENS {
                continue;
            }
            let mut h = SEED_GZ;
            for (i, t) in toks.iter().enumerate() {
                h = step(h, norm_hash(t));
                if i + 1 < toks.len() {
                    *map.entry(h).or_default() |= PREFIX;
                }
            }
            *map.entry(h).or_default() |= code & !PREFIX;
        }
        Gazetteer { rows, map }
    }

    /// Reads the gazetteer file format: lines `entry<TAB>type<TAB>sources` (type PER, ORG
    /// or LOC; entry in normalised form, tokens separated by spaces), optionally gzipped.
    /// Lines of other types are skipped.
    pub fn read_tsv(bytes: &[u8]) -> Result<Gazetteer, String> {
        let text = crate::text::gzip_or_plain_text(bytes).map_err(|e| format!("gazetteer: {e}"))?;
        let mut rows = Vec::new();
        for (n, line) in crate::text::data_lines(&text) {
            let mut cols = line.split('\t');
            let (Some(entry), Some(ty)) = (cols.next(), cols.next()) else {
                return Err(format!("gazetteer line {}: expected entry<TAB>type[<TAB>sources]", n + 1));
            };
            if let Some(code) = row_code(ty, cols.next().unwrap_or("")) {
                rows.push((super::features::norm_string(entry), code));
            }
        }
        Ok(Gazetteer::from_rows(rows))
    }

    /// The rows, sorted, one per entry: what the model file stores.
    pub fn rows(&self) -> &[(String, u8)] {
        &self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Whether `word` (as written; normalised here) is a one-token entry or the first token
    /// of a longer one, of any type: a word the lists know as (the start of) a name.
    pub fn knows_word(&self, word: &str) -> bool {
        self.map.contains_key(&step(SEED_GZ, norm_hash(word)))
    }

    /// Whether `word` is a one-token entry that is strong for some type (two sources or a
    /// curated one): the single transliterated name parts of one noisy source are not.
    pub fn knows_word_strongly(&self, word: &str) -> bool {
        self.map.get(&step(SEED_GZ, norm_hash(word))).is_some_and(|&v| v & (0b111 << STRONG_SHIFT) != 0)
    }

    /// Sets [`Tok::gz`] of the tokens of one sentence (`texts` are the tokens as written,
    /// for the `لل` reading).
    pub fn annotate<S: AsRef<str>>(&self, toks: &mut [Tok], texts: &[S]) {
        for t in toks.iter_mut() {
            t.gz = [0; NGZ];
        }
        if self.map.is_empty() {
            return;
        }
        // Longest match of each type starting at each token: (length, strong).
        let n = toks.len();
        let mut best: Vec<[(u8, bool); NGZ]> = vec![[(0, false); NGZ]; n];
        for i in 0..n {
            let t = &toks[i];
            let mut firsts = [t.lower, 0, 0];
            if t.stem != t.lower {
                firsts[1] = t.stem;
            }
            if let Some(rest) = texts.get(i).and_then(|s| s.as_ref().strip_prefix("لل")) {
                if rest.chars().count() >= 2 {
                    firsts[2] = norm_hash_al(rest);
                }
            }
            for &first in firsts.iter().filter(|&&h| h != 0) {
                let mut h = step(SEED_GZ, first);
                let mut len = 1;
                loop {
                    let Some(&v) = self.map.get(&h) else { break };
                    for (k, b) in best[i].iter_mut().enumerate() {
                        if v & (1 << k) != 0 && len as u8 >= b.0 {
                            *b = (len as u8, v & (1 << (k + STRONG_SHIFT as usize)) != 0 || (b.1 && b.0 == len as u8));
                        }
                    }
                    if v & PREFIX == 0 || i + len >= n || len >= MAX_TOKENS {
                        break;
                    }
                    h = step(h, toks[i + len].lower);
                    len += 1;
                }
            }
        }
        for k in 0..NGZ {
            let mut i = 0;
            while i < n {
                let (len, strong) = best[i][k];
                if len == 0 {
                    i += 1;
                    continue;
                }
                let len = len as usize;
                for j in 0..len {
                    let pos = if len == 1 {
                        0
                    } else if j == 0 {
                        1
                    } else if j + 1 == len {
                        3
                    } else {
                        2
                    };
                    toks[i + j].gz[k] = code(pos, len, strong);
                }
                i += len;
            }
        }
    }
}

/// The hash of `ال` + `rest`, normalised (`للأمم` read as `الأمم`).
fn norm_hash_al(rest: &str) -> u64 {
    let mut s = String::with_capacity(rest.len() + 4);
    s.push_str("ال");
    s.push_str(rest);
    norm_hash(&s)
}

/// A token's code for one type: 1 + position (S, B, I, E) + 4 × length bucket (1, 2, 3,
/// 4+) + 16 × strong.
#[inline]
fn code(pos: u8, len: usize, strong: bool) -> u8 {
    1 + pos + 4 * (len.min(4) as u8 - 1) + 16 * strong as u8
}

/// Position of a token in its match (0 S, 1 B, 2 I, 3 E) from its code (not 0).
#[inline]
pub fn code_pos(c: u8) -> u8 {
    (c - 1) % 4
}

/// Length bucket (0 for one token … 3 for four or more) of a code (not 0).
#[inline]
pub fn code_len(c: u8) -> u8 {
    ((c - 1) / 4) % 4
}

/// Template ids of the gazetteer features (scheme ar-4), past those of
/// [`super::features`].
mod tpl {
    pub const FULL: u64 = 110;
    pub const POS: u64 = 111;
    pub const MASK: u64 = 112;
    pub const MASK_M1: u64 = 113;
    pub const MASK_P1: u64 = 114;
}

/// Types matched at a token, as a bit mask (bit k + 1 for type k; 1 outside the sentence).
#[inline]
fn mask(gz: &[u8; NGZ]) -> u64 {
    gz.iter().enumerate().fold(0, |m, (k, &c)| if c != 0 { m | 2 << k } else { m })
}

/// Appends the gazetteer features of position `i`: per matched type its code (position,
/// length, strength) and its position alone, and the masks of the types matched here and
/// at ±1. A match does not keep a token from being skipped ([`super::features::skippable`]):
/// a listed name that is also a word the training data saw outside entities is left to
/// that evidence (letting matches block skipping scored lower on the dev split).
pub fn features(toks: &[Tok], i: usize, bits: u32, out: &mut Vec<u32>) {
    use super::features::{b, f1, f2};
    let t = &toks[i];
    for (k, &c) in t.gz.iter().enumerate() {
        if c != 0 {
            out.push(b(f2(tpl::FULL, k as u64, c as u64), bits));
            out.push(b(f2(tpl::POS, k as u64, code_pos(c) as u64), bits));
        }
    }
    out.push(b(f1(tpl::MASK, mask(&t.gz)), bits));
    let m1 = if i > 0 { mask(&toks[i - 1].gz) } else { 1 };
    let p1 = toks.get(i + 1).map_or(1, |t| mask(&t.gz));
    out.push(b(f1(tpl::MASK_M1, m1), bits));
    out.push(b(f1(tpl::MASK_P1, p1), bits));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::features::{token_atoms, Gaz, NoDict};

    fn tag(g: &Gazetteer, words: &[&str]) -> Vec<[u8; NGZ]> {
        let mut toks: Vec<Tok> = words.iter().map(|w| token_atoms(w, true, &NoDict, Gaz::default())).collect();
        g.annotate(&mut toks, words);
        toks.iter().map(|t| t.gz).collect()
    }

    #[test]
    fn gazetteer_matches_whole_entries_in_normalised_form() {
        let tsv = "الامم المتحده\tORG\tah\nروسيا\tLOC\tp\nمحمد\tPER\tw\nمحمد بن سلمان\tPER\th\n";
        let g = Gazetteer::read_tsv(tsv.as_bytes()).unwrap();
        assert_eq!(g.rows().len(), 4);
        // Folded spelling, ال after لل, a proclitic on the first token.
        let got = tag(&g, &["قال", "مندوب", "للأمم", "المتحدة", "لروسيا"]);
        assert_eq!(got[0], [0, 0, 0]);
        assert_eq!(got[2][1], code(1, 2, true));
        assert_eq!(got[3][1], code(3, 2, true));
        assert_eq!(got[4][2], code(0, 1, true));
        // The longest entry wins; a weak one-token entry is marked weak.
        let got = tag(&g, &["ومحمد", "بن", "سلمان", "محمد"]);
        assert_eq!(got.iter().map(|c| c[0]).collect::<Vec<_>>(), [code(1, 3, false), code(2, 3, false), code(3, 3, false), code(0, 1, false)]);
        // A prefix of an entry alone is no match.
        let got = tag(&g, &["الأمم", "الأوروبية"]);
        assert_eq!(got, [[0, 0, 0], [0, 0, 0]]);
        assert_eq!(code_pos(code(3, 5, true)), 3);
        assert_eq!(code_len(code(3, 5, true)), 3);
    }
}
