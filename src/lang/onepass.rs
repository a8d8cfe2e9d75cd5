//! whichlang's model run over a sample and its slices in one pass.
//!
//! [`super::detect`] asks whichlang for the language of a document's sample and of three
//! slices of it (the slices' agreement is the confidence). Four calls read every character
//! twice and hash every n-gram twice; whichlang was 8% of the pipeline's instructions on
//! real news. Here one pass emits each character's n-grams once and adds their weights to
//! two sums, the sample's and its slice's. Each sum adds the same weights in the same order
//! as `whichlang::detect_language` on that text, so the results are the crate's, bit for
//! bit (the tests compare with the crate).
//!
//! The crate keeps its weights private: `whichlang_weights.rs` is a copy made by
//! `scripts/whichlang_weights.py` (MIT, Quickwit Inc.; see NOTICE.md).

use whichlang::{Feature, Lang, LANGUAGES};

#[rustfmt::skip]
#[path = "whichlang_weights.rs"]
mod weights;

use weights::{INTERCEPTS, WEIGHTS};

const NL: usize = LANGUAGES.len();
const DIMENSION: u32 = whichlang::DIMENSION as u32;
const BIGRAM_MASK: u32 = (1 << 16) - 1;
const TRIGRAM_MASK: u32 = (1 << 24) - 1;

/// whichlang's hash (`murmurhash2` with its seed; the crate keeps it private), as a `const fn`
/// for [`BIGRAMS`].
const fn murmurhash2(mut k: u32, seed: u32) -> u32 {
    const M: u32 = 0x5bd1_e995;
    let mut h: u32 = seed;
    k = k.wrapping_mul(M);
    k ^= k >> 24;
    k = k.wrapping_mul(M);
    h = h.wrapping_mul(M);
    h ^= k;
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^ (h >> 15)
}

/// The bucket of every ASCII bigram, by `first << 7 | second`: each ASCII character emits
/// one, and a lookup costs less than the hash. Both characters of a bigram are ASCII (the
/// state keeps the last ASCII characters, or the space it starts with).
static BIGRAMS: [u16; 1 << 14] = {
    let mut t = [0u16; 1 << 14];
    let mut i = 0;
    while i < 1 << 14 {
        let ngram = ((i >> 7) << 8 | (i & 0x7f)) as u32;
        t[i] = (murmurhash2(ngram, 3_242_157_231) % DIMENSION) as u16;
        i += 1;
    }
    t
};

/// The bucket of the bigram `x` (two ASCII characters, as `Emitter::prev` keeps them).
#[inline(always)]
fn bigram_bucket(x: u32) -> u32 {
    BIGRAMS[((x >> 8 & 0x7f) << 7 | (x & 0x7f)) as usize] as u32
}

/// The weights, one bucket's row of languages per cache line.
#[repr(C, align(64))]
struct Rows([[f32; NL]; whichlang::DIMENSION]);

/// whichlang's n-gram state (`emit_tokens`): the last four characters, and how many of
/// them are ASCII since the last non-ASCII one.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Emitter {
    prev: u32,
    ascii: u32,
}

impl Emitter {
    /// The state at the start of a text.
    const START: Emitter = Emitter { prev: ' ' as u32, ascii: 1 };

    /// The buckets of the features `chr` emits, into `out`; returns how many.
    #[inline(always)]
    fn step(&mut self, chr: char, out: &mut [u32; 3]) -> usize {
        if !chr.is_ascii() {
            out[0] = Feature::Unicode(chr).to_hash() % DIMENSION;
            out[1] = Feature::UnicodeClass(chr).to_hash() % DIMENSION;
            self.ascii = 0;
            return 2;
        }
        self.prev = self.prev << 8 | chr.to_ascii_lowercase() as u32;
        let bucket = |x: u32| Feature::AsciiNGram(x).to_hash() % DIMENSION;
        let n = match self.ascii {
            0 => 0,
            1 => {
                out[0] = bigram_bucket(self.prev & BIGRAM_MASK);
                1
            }
            2 => {
                out[0] = bigram_bucket(self.prev & BIGRAM_MASK);
                out[1] = bucket(self.prev & TRIGRAM_MASK);
                2
            }
            _ => {
                out[0] = bigram_bucket(self.prev & BIGRAM_MASK);
                out[1] = bucket(self.prev & TRIGRAM_MASK);
                out[2] = bucket(self.prev);
                3
            }
        };
        self.ascii = (self.ascii + 1).min(3);
        if !chr.is_alphanumeric() {
            self.prev = ' ' as u32;
        }
        n
    }
}

/// One text's running scores, as `whichlang::detect_language` sums them.
#[derive(Clone, Copy)]
struct Sum {
    scores: [f32; NL],
    features: u32,
}

impl Sum {
    const ZERO: Sum = Sum { scores: [0.0; NL], features: 0 };

    #[inline(always)]
    fn add(&mut self, buckets: &[u32]) {
        for &b in buckets {
            let row = &WEIGHTS.0[b as usize];
            for i in 0..NL {
                self.scores[i] += row[i];
            }
        }
        self.features += buckets.len() as u32;
    }

    /// [`Sum::add`] of the same buckets to two sums: each weight row is read once. Each
    /// sum adds the same weights in the same order as `add` would.
    #[inline(always)]
    fn add_both(a: &mut Sum, b: &mut Sum, buckets: &[u32]) {
        for &bk in buckets {
            let row = &WEIGHTS.0[bk as usize];
            for i in 0..NL {
                a.scores[i] += row[i];
                b.scores[i] += row[i];
            }
        }
        a.features += buckets.len() as u32;
        b.features += buckets.len() as u32;
    }

    /// The language, as `whichlang::detect_language` decides it from the same sums.
    fn lang(&self) -> Lang {
        if self.features == 0 {
            return Lang::Eng;
        }
        let inv = 1.0f32 / (self.features as f32).sqrt();
        let mut scores = self.scores;
        for i in 0..NL {
            scores[i] = scores[i] * inv + INTERCEPTS[i];
        }
        // `max_by` keeps the last of equal maxima, as in the crate.
        let id = scores.iter().enumerate().max_by(|(_, a), (_, b)| a.partial_cmp(b).unwrap()).map(|(i, _)| i).unwrap();
        LANGUAGES[id]
    }
}

/// What [`detect_with_slices`] finds: the sample's language and, per slice, its language
/// and its number of alphabetic characters.
pub(super) struct Found {
    pub whole: Lang,
    pub slices: [(Lang, usize); 3],
}

/// `whichlang::detect_language` of `sample` and of the three slices `sample[ends[k-1]..ends[k]]`
/// (with `ends[-1] = 0`; `ends` are character boundaries, in order, at most `sample.len()`),
/// and each slice's count of alphabetic characters.
pub(super) fn detect_with_slices(sample: &str, ends: [usize; 3]) -> Found {
    // The sums add rows of 16 `f32`: two instructions a row with AVX, four in the baseline
    // x86-64 the release is built for. Each lane's additions are the same IEEE operations
    // in the same order either way, so the sums are bit for bit the same.
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx") {
        // SAFETY: the CPU has the feature the function is compiled for.
        return unsafe { detect_avx(sample, ends) };
    }
    detect_any(sample, ends)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn detect_avx(sample: &str, ends: [usize; 3]) -> Found {
    detect_any(sample, ends)
}

#[inline(always)]
fn detect_any(sample: &str, ends: [usize; 3]) -> Found {
    let mut whole = Sum::ZERO;
    let mut slices = [Sum::ZERO; 3];
    // The current slice's sum, moved into `slices` when the slice ends: a local rather
    // than `slices[k]`, so that both running sums can stay in registers.
    let mut cur = Sum::ZERO;
    let mut alpha = [0usize; 3];
    let mut full = Emitter::START;
    let mut part = Emitter::START;
    let mut k = 0;
    let (mut a, mut b) = ([0u32; 3], [0u32; 3]);
    for (pos, chr) in sample.char_indices() {
        while k < 3 && pos >= ends[k] {
            slices[k] = cur;
            cur = Sum::ZERO;
            k += 1;
            part = Emitter::START;
        }
        // Once the slice's state has caught up with the sample's (a few characters after
        // the slice starts), both emit the same n-grams: hash them once.
        let same = part == full;
        let n = full.step(chr, &mut a);
        if k < 3 {
            if same {
                part = full;
                Sum::add_both(&mut whole, &mut cur, &a[..n]);
            } else {
                whole.add(&a[..n]);
                let m = part.step(chr, &mut b);
                cur.add(&b[..m]);
            }
            alpha[k] += usize::from(chr.is_alphabetic());
        } else {
            whole.add(&a[..n]);
        }
    }
    if k < 3 {
        slices[k] = cur;
    }
    Found {
        whole: whole.lang(),
        slices: [0, 1, 2].map(|k| (slices[k].lang(), alpha[k])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &[&str] = &[
        "Algeria and Russia signed a military cooperation agreement on Monday, officials said.",
        "Le président a rencontré les ministres à Paris pour discuter du budget de l'État.",
        "Der Bundestag hat am Donnerstag über die Reform der Rente abgestimmt, für die Koalition.",
        "وقع الجزائر وروسيا اتفاقية للتعاون العسكري يوم الاثنين في موسكو، حسبما أفاد مسؤولون.",
        "Президент России встретился с министрами в Москве, чтобы обсудить бюджет страны.",
        "東京都は月曜日、新しい予算案を発表した。こんにちは幸せな税金納め",
        "你好幸福的纳税人，中国政府周一宣布了新的经济计划。",
        "안녕하세요 행복한 납세자입니다 정부는 월요일 새 예산을 발표했다",
        "Ajax 3 PSV 1, Feyenoord 2 Twente 2 (halftime 1-1) -- Rotterdam, 1996-08-22 ¡Hola! ¿Qué tal?",
        "O presidente reuniu-se com os ministros em Lisboa para discutir o orçamento do Estado.",
        "Il presidente ha incontrato i ministri a Roma per discutere del bilancio dello Stato.",
        "",
        "x",
        "  -- 12.5 %  ",
        "CAFÉ naïve Zoë façade coöperate Ⅻ ﬁnance ß ǅ",
        "the und les que het och bir della você москва القاهرة",
    ];

    /// Character boundaries at about a third of `s`, as `lang::detect` cuts its slices.
    fn thirds(s: &str) -> [usize; 3] {
        let n = s.len() / 3;
        let mut start = 0;
        [0; 3].map(|_| {
            let mut end = (start + n).min(s.len());
            while !s.is_char_boundary(end) {
                end += 1;
            }
            start = end;
            end
        })
    }

    #[test]
    fn the_emitter_emits_whichlangs_features() {
        for text in TEXTS {
            let mut want = Vec::new();
            whichlang::emit_tokens(text, |f| want.push(f.to_hash() % DIMENSION));
            let mut got = Vec::new();
            let mut e = Emitter::START;
            let mut out = [0; 3];
            for c in text.chars() {
                let n = e.step(c, &mut out);
                got.extend_from_slice(&out[..n]);
            }
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn the_bigram_table_is_whichlangs_hash() {
        for a in 0u32..128 {
            for b in 0u32..128 {
                let x = a << 8 | b;
                assert_eq!(bigram_bucket(x), Feature::AsciiNGram(x).to_hash() % DIMENSION, "{a} {b}");
            }
        }
    }

    #[test]
    fn one_pass_gives_whichlangs_answers_for_the_sample_and_its_slices() {
        // Every text, the concatenations of pairs (mixed languages, so slices differ from
        // the whole), and cuts at many character boundaries.
        let mut samples: Vec<String> = TEXTS.iter().map(|s| s.to_string()).collect();
        for a in TEXTS {
            for b in TEXTS {
                samples.push(format!("{a} {b}"));
            }
        }
        let mut checked = 0;
        for s in &samples {
            let cuts: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).step_by(7).collect();
            for &cut in cuts.iter().chain([&s.len()]) {
                let sample = &s[..cut];
                let ends = thirds(sample);
                let found = detect_with_slices(sample, ends);
                assert_eq!(found.whole, whichlang::detect_language(sample), "{sample:?}");
                let mut start = 0;
                for (k, &end) in ends.iter().enumerate() {
                    let slice = &sample[start..end];
                    assert_eq!(found.slices[k].0, whichlang::detect_language(slice), "{slice:?} of {sample:?}");
                    assert_eq!(found.slices[k].1, slice.chars().filter(|c| c.is_alphabetic()).count());
                    start = end;
                }
                checked += 1;
            }
        }
        assert!(checked > 1000);
    }
}
