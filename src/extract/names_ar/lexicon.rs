//! The Arabic name lexicons: cue phrases, organisation heads, function words and the lists
//! derived from ANERcorp, folded once and kept for the process.

use std::sync::OnceLock;

use crate::text::arabic::{self, fold_str};
use super::{SINGLE_MIN_COUNT, SURNAME_MIN_COUNT};

const CUES: &str = include_str!("../../../python/newsframe/data/names/cues_ar.txt");
const ORG_HEADS: &str = include_str!("../../../python/newsframe/data/names/org_heads_ar.txt");
const FUNCTION_WORDS: &str = include_str!("../../../python/newsframe/data/names/function_words_ar.txt");
const NAME_PARTS: &str = include_str!("../../../python/newsframe/data/names/name_parts_ar.txt");
const ORG_STOP: &str = include_str!("../../../python/newsframe/data/names/org_stop_ar.txt");
const NAME_TOKENS: &str = include_str!("../../../python/newsframe/data/names/name_tokens_ar.txt");
const FIRST_NAMES: &str = include_str!("../../../python/newsframe/data/names/first_names_ar.txt");
const STOPWORDS: &str = include_str!("../../../python/newsframe/data/names/stopwords_ar.txt");
const PLACES: &str = include_str!("../../../python/newsframe/data/names/places_ar.txt");
const ORGS: &str = include_str!("../../../python/newsframe/data/names/orgs_ar.txt");

// FxHash (rustc-hash, as in names_en): the lexicons are fixed data, so a fast non-keyed
// hash is fine and about halves the cost of the many short-word look-ups.
pub(super) type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
pub(super) type HashSet<T> = rustc_hash::FxHashSet<T>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    /// A title or role: the name follows after optional complements.
    Title,
    /// A title that is also a common word: the name must contain a lexicon token.
    Weak,
    /// A speech verb: a known first name must follow directly.
    Verb,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Head {
    /// At least one complement that is not a known NORP.
    Any,
    /// At least one complement that is not nisba-shaped.
    Noun,
    /// One adjective is enough; may continue with في/لدى + a place.
    Adj,
}

pub(super) struct Lexicon {
    /// Folded cue phrases, words joined by a space.
    pub(super) cues: HashMap<String, Cue>,
    /// Folded first words of the cue phrases.
    pub(super) cue_first: HashSet<String>,
    /// Words in the longest cue phrase.
    pub(super) cue_len: usize,
    /// Words that continue a title before its complement (باسم, لدى), folded.
    pub(super) links: HashSet<String>,
    pub(super) heads: HashMap<String, Head>,
    /// Function words, folded except for alef maqsura.
    pub(super) function: HashSet<String>,
    pub(super) prefixes: HashSet<String>,
    pub(super) suffixes: HashSet<String>,
    pub(super) org_stop: HashSet<String>,
    /// Time words among `org_stop` (الليلة الماضية).
    pub(super) time_words: HashSet<String>,
    pub(super) names: HashSet<String>,
    /// Name tokens never seen outside PERS spans, often enough to stand alone.
    pub(super) single: HashSet<String>,
    /// Name tokens seen alone or as later tokens of names, never first (شيراك, الحريري).
    pub(super) surnames: HashSet<String>,
    pub(super) firsts: HashSet<String>,
    pub(super) stop: HashSet<String>,
    pub(super) places: HashSet<String>,
    pub(super) orgs: HashSet<String>,
}

/// The tab-separated fields of the non-comment lines of a list.
pub(super) fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    crate::text::data_lines(data)
        .map(|(_, l)| l.trim())
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// `(first field, second field)` of the non-comment lines of a list.
pub(super) fn entries(data: &str) -> impl Iterator<Item = (&str, &str)> {
    rows(data).map(|f| (f[0], f.get(1).copied().unwrap_or("")))
}

pub(super) fn folded_set(data: &str) -> HashSet<String> {
    entries(data).map(|(w, _)| fold_str(w)).collect()
}

/// The folded phrase and the same with ال added to or removed from its first word.
pub(super) fn al_variants(phrase: &str) -> [String; 2] {
    let folded = fold_str(phrase);
    let other = match folded.strip_prefix("ال") {
        Some(rest) => rest.to_string(),
        None => format!("ال{folded}"),
    };
    [folded, other]
}

/// [`arabic::fold`] except that alef maqsura stays: the key of function words.
pub(super) fn light_fold(s: &str) -> String {
    s.chars().filter_map(|c| if c == 'ى' { Some(c) } else { arabic::fold(c) }).collect()
}

pub(super) fn lexicon() -> &'static Lexicon {
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
