//! The per-document features that stories compare: the MinHash signature of a text's word
//! shingles ([`text_signature`]) and the year-less dates ([`yearless_date`]), with the
//! options that shape them ([`StoryOptions`]). `dedup` joins documents on them; the
//! algorithm is described there.

use std::ops::Range;

use crate::doc::Label;
use crate::extract::values;
use crate::text::hash::Fnv;
use crate::text::{arabic, is_arabic_word, is_word_char};

/// Options of [`crate::dedup::stories`].
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoryOptions {
    /// Size of the MinHash signature (bins of the one-permutation MinHash).
    pub minhash_perms: usize,
    /// Words per shingle.
    pub shingle: usize,
    /// LSH bands; `minhash_perms / bands` signature values per band.
    pub bands: usize,
    /// Estimated Jaccard of shingles from which two documents of one language are
    /// near-duplicates.
    pub near_dup_threshold: f64,
    /// Fingerprint score (weighted Jaccard) from which two documents in different languages
    /// tell the same story.
    pub cross_lang_threshold: f64,
    /// Estimated containment of the smaller document's shingles in the larger one from
    /// which two documents of one language are near-duplicates (above 1: off).
    pub containment_threshold: f64,
    /// Containment counts only when the smaller document has at least this many distinct
    /// shingles and this share (below) of the larger one's: a headline or one stock
    /// sentence is contained in many articles without telling their story.
    pub containment_min_shingles: usize,
    pub containment_min_ratio: f64,
}

impl Default for StoryOptions {
    /// The cross-language threshold was chosen on the sample corpus (an English article and
    /// its partial Arabic translation, and three English articles on the same countries):
    /// the translation pair scored 0.80 (kb-only links) to 0.90 (full linker) with 19-20
    /// shared features, every other pair at most 0.10, so 0.3 leaves a wide margin on both
    /// sides. `examples/relate_seeds.rs` prints the scores. The containment settings were
    /// chosen on `bench/eval_stories.py` (CoNLL-2003 train articles and altered copies): a
    /// copy with 3% of its words changed keeps about 0.86 of its 5-word shingles, a trimmed
    /// copy all of them, different articles on one topic under 0.1.
    fn default() -> Self {
        StoryOptions {
            minhash_perms: 128,
            shingle: 5,
            bands: 32,
            near_dup_threshold: 0.8,
            cross_lang_threshold: 0.3,
            containment_threshold: 0.7,
            containment_min_shingles: 40,
            containment_min_ratio: 0.3,
        }
    }
}

/// The splitmix64 finaliser.
#[inline]
pub(crate) fn mix64(mut z: u64) -> u64 {
    // splitmix64 finaliser
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a of the matching form of a word (lowercased, Arabic folded; see
/// [`crate::text::plain_form`]), without building the form.
pub(crate) fn word_hash(word: &str) -> u64 {
    let mut h = Fnv::new();
    if word.is_ascii() {
        // An ASCII character's UTF-8 form is its byte: no encoding per character.
        return word.bytes().fold(h, |h, b| h.byte(b.to_ascii_lowercase())).0;
    }
    let mut eat = |c: char| h = h.ch(c);
    if is_arabic_word(word) {
        word.chars().filter_map(arabic::fold).for_each(&mut eat);
    } else {
        word.chars().flat_map(char::to_lowercase).for_each(&mut eat);
    }
    h.0
}

/// `word_hash` of each of [`crate::text::word_ranges`], in one pass: ASCII words (most words of most
/// text) are hashed as the scan finds their bytes, without a vector of ranges or a second
/// reading of every word; a word with a non-ASCII character is hashed by `word_hash`.
fn word_hashes(text: &str) -> Vec<u64> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 5);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() && !b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut h = Fnv::new();
        let mut ascii = true;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                h = h.byte(b.to_ascii_lowercase());
                i += 1;
            } else {
                let c = text[i..].chars().next().expect("a character starts here");
                if !is_word_char(c) {
                    break;
                }
                ascii = false;
                i += c.len_utf8();
            }
        }
        if i == start {
            // A non-ASCII character that is not a word character.
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        out.push(if ascii { h.0 } else { word_hash(&text[start..i]) });
    }
    out
}

/// The hashes of the distinct word shingles of `text`.
pub(crate) fn shingles(text: &str, k: usize) -> Vec<u64> {
    let words = word_hashes(text);
    if words.is_empty() {
        return Vec::new();
    }
    let k = k.clamp(1, words.len());
    let mut out: Vec<u64> = words
        .windows(k)
        .map(|w| mix64(w.iter().fold(0x9e37_79b9_7f4a_7c15u64, |h, &x| mix64(h ^ x).wrapping_add(x))))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// One-permutation MinHash with rotation densification: each shingle hash falls in one of
/// `n` bins (its high bits) and the bin keeps its smallest low bits; an empty bin takes the
/// value of the next non-empty bin to its right, offset by the distance.
pub(crate) fn signature(shingles: &[u64], n: usize) -> Vec<u32> {
    const EMPTY: u64 = u64::MAX;
    let mut bins = vec![EMPTY; n];
    for &h in shingles {
        let bin = (((h >> 32) * n as u64) >> 32) as usize;
        let v = h & 0xffff_ffff;
        if v < bins[bin] {
            bins[bin] = v;
        }
    }
    if bins.iter().all(|&b| b == EMPTY) {
        return Vec::new();
    }
    (0..n)
        .map(|i| {
            let mut k = 0;
            while bins[(i + k) % n] == EMPTY {
                k += 1;
            }
            let v = bins[(i + k) % n];
            if k == 0 {
                v as u32
            } else {
                mix64(v ^ ((k as u64) << 40)) as u32
            }
        })
        .collect()
}

/// The MinHash signature of the word shingles of `text`, as [`crate::dedup::stories`] uses it, followed by
/// the number of distinct shingles (empty when the text has no words).
pub fn text_signature(text: &str, opts: &StoryOptions) -> Vec<u32> {
    let sh = shingles(text, opts.shingle);
    let mut sig = signature(&sh, opts.minhash_perms.max(1));
    if !sig.is_empty() {
        sig.push(sh.len().min(u32::MAX as usize) as u32);
    }
    sig
}

/// `md:MM-DD` or `m:MM` of a date written without a year ("6 December", "in June",
/// "يونيو"), read with the two words before it as context (a bare month name needs a cue
/// such as "in").
pub fn yearless_date(text: &str, span: Range<usize>) -> Option<String> {
    let mut from = span.start;
    for _ in 0..2 {
        let before = text[..from].trim_end_matches(|c: char| !is_word_char(c));
        from = before.rfind(|c: char| !is_word_char(c)).map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
        if before.is_empty() || before.ends_with('\n') {
            break;
        }
    }
    let ctx = &text[from..span.end];
    // The feature depends on these few words only, and they repeat across a corpus ("said
    // on Monday"): a per-thread memo spares two runs of every value pattern.
    thread_local! {
        static MEMO: std::cell::RefCell<rustc_hash::FxHashMap<String, Option<String>>> = Default::default();
    }
    if let Some(hit) = MEMO.with(|m| m.borrow().get(ctx).cloned()) {
        return hit;
    }
    let feature = yearless_feature(ctx);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        // Bounded: a long run forgets and starts over rather than grow.
        if m.len() >= 4096 {
            m.clear();
        }
        m.insert(ctx.to_string(), feature.clone());
    });
    feature
}

/// [`yearless_date`] of the date at the end of `ctx`, uncached.
fn yearless_feature(ctx: &str) -> Option<String> {
    let read = |found: Vec<crate::doc::Mention>| -> Option<String> {
        let v = found.into_iter().find(|m| m.label == Label::Date && m.end == ctx.len())?.value.date?;
        // Drop the year: "2000-12-06" -> "12-06".
        v.get(5..).map(str::to_string).filter(|s| !s.is_empty())
    };
    let [a, b] = values::find_each(ctx, [Some("2000-01-15"), Some("2001-07-15")]);
    let (a, b) = (read(a)?, read(b)?);
    (a == b).then(|| if a.len() == 2 { format!("m:{a}") } else { format!("md:{a}") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::word_ranges;

    /// The one-pass hashes are those of the words `word_ranges` cuts, hashed one by one:
    /// ASCII, accented and Arabic words, marks inside words, punctuation and symbols that
    /// are not word characters, text that starts and ends inside a word.
    #[test]
    fn word_hashes_are_the_hashes_of_word_ranges() {
        let texts = [
            "",
            "  ,.;",
            "Talks in GENEVA on 6 December 2024 ended; O'Brien said “no”.",
            "Zürich’s CEO—Ölßer—met 3rd-quarter ÉLAN.",
            "قال وزير الخارجية الفرنسي إن المحادثات ستُستأنف في القاهرة",
            "mixed العربية and English…¿qué? ½ €5 ™ x²",
            "end",
        ];
        for t in texts {
            let want: Vec<u64> = word_ranges(t, 0).into_iter().map(|r| word_hash(&t[r])).collect();
            assert_eq!(word_hashes(t), want, "{t:?}");
        }
    }
}
