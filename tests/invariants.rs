//! Property tests of the pipeline's invariants (`newsframe::invariants`): offsets inside the
//! text and on character boundaries, code-point offsets that select the same text, ordered
//! non-overlapping sentences, mentions inside their sentence, clean text and alignment, and
//! the same output for 1 and 2 threads.
//!
//! Case counts are modest so that `cargo test` stays quick in debug; raise them with
//! `PROPTEST_CASES=5000 cargo test --release --test invariants`.

use newsframe::clean::{clean, CleanOptions, Rules};
use newsframe::extract::{mentions, ExtractOptions};
use newsframe::ingest::RawDoc;
use newsframe::invariants::{check_char_offsets, check_cleaned, check_document, check_mentions, check_sentences};
use newsframe::kb::Kb;
use newsframe::ner::Model;
use newsframe::pipeline::{self, Input, Options};
use newsframe::segment;
use proptest::prelude::*;

/// The shipped rules, compiled once (regex compilation is slow in debug builds).
fn shipped_rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(Rules::default)
}

/// Pieces of news text, and the things scrapers leave in them.
fn token() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "the", "army", "said", "on", "Monday", "talks", "with", "signed", "a", "deal", "of", "in",
        "President", "Gen.", "Mr.", "Dr", "minister", "Ministry", "Defence", "University", "U.S.",
        "No.", "billion", "million", "per", "cent", "percent", "May", "December", "2024", "1962",
    ]);
    let names = prop::sample::select(vec![
        "Algeria", "Russia", "Moscow", "Algiers", "Washington", "Abdelmadjid", "Tebboune",
        "Said", "Chengriha", "Chanegriha", "Smith", "Putin", "NATO", "United Nations", "Sahel",
    ]);
    let arabic = prop::sample::select(vec![
        "الجزائر", "روسيا", "تبون", "الرئيس", "وزير", "الخارجية", "قال", "يوم", "ديسمبر",
        "مليار", "دولار", "٢٠٢٤", "٥٠٪", "شنقريحة", "واشنطن", "و", "في", "؟", "؛", "،",
    ]);
    let numbers = prop_oneof![
        (0u32..100_000).prop_map(|n| n.to_string()),
        (0u32..1000, 0u32..100).prop_map(|(a, b)| format!("${a}.{b} billion")),
        (0u32..200).prop_map(|n| format!("{n}%")),
        (1900u32..2100, 1u32..13, 1u32..32).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
    ];
    let controls = prop::sample::select(vec![
        "\u{200d}", "\u{200b}", "\u{200c}", "\u{202e}", "\u{202c}", "\u{2067}", "\u{2069}",
        "\u{feff}", "\u{301}", "\u{308}", "\u{651}", "\u{0}", "\u{7}", "\u{a0}", "\u{3000}",
        "🇩🇿", "👨‍👩‍👧", "👍🏽", "â€™", "Ìý",
    ]);
    let punct = prop::sample::select(vec![".", ". ", "!", "?", "…", ",", ";", "\"", "”", ")", "(", "-", "'s", " "]);
    let eol = prop::sample::select(vec!["\n", "\r\n", "\r", "\n\n", " \n ", "\t"]);
    prop_oneof![
        6 => words.prop_map(str::to_string),
        4 => names.prop_map(str::to_string),
        3 => arabic.prop_map(str::to_string),
        2 => numbers,
        2 => controls.prop_map(str::to_string),
        3 => punct.prop_map(str::to_string),
        1 => eol.prop_map(str::to_string),
    ]
}

/// News-like text: tokens joined by spaces, with the occasional glued token.
fn news() -> impl Strategy<Value = String> {
    prop::collection::vec((token(), prop::bool::weighted(0.85)), 0..60).prop_map(|ts| {
        let mut s = String::new();
        for (t, space) in ts {
            s.push_str(&t);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

/// Arbitrary Unicode, or news-like text.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![1 => any::<String>(), 1 => ".{0,80}", 3 => news()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn clean_keeps_its_invariants(raw in any_text(), rules in any::<bool>()) {
        let none = Rules::none();
        let rules = if rules { shipped_rules() } else { &none };
        let c = clean(&raw, rules, CleanOptions { detect_title: true, blank_lines: false, tail: true });
        prop_assert_eq!(check_cleaned(&raw, &c), Ok(()));
    }

    #[test]
    fn sentences_are_ordered_disjoint_and_on_boundaries(text in any_text()) {
        let s = segment::sentences(&text);
        prop_assert_eq!(check_sentences(&text, &s), Ok(()));
        prop_assert_eq!(check_char_offsets(&text, s.iter().cloned()), Ok(()));
    }

    #[test]
    fn sentences_of_clean_text_cover_its_words(text in news()) {
        // Every non-space character of a line belongs to some sentence: segmentation
        // loses nothing.
        let c = clean(&text, &Rules::none(), CleanOptions { detect_title: false, blank_lines: false, tail: true });
        let s = segment::sentences(&c.text);
        let mut covered = vec![false; c.text.len()];
        for r in &s {
            covered[r.clone()].iter_mut().for_each(|b| *b = true);
        }
        for (i, ch) in c.text.char_indices() {
            prop_assert!(ch.is_whitespace() || covered[i], "{:?} at {} of {:?} in no sentence", ch, i, c.text);
        }
    }
}

proptest! {
    // The model makes extraction slower in debug builds: fewer cases.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn mentions_lie_inside_sentences(text in any_text(), model in 0..3u8, date in any::<bool>()) {
        let model = match model { 1 => Model::builtin("en"), 2 => Model::builtin("ar"), _ => None };
        let doc_date = date.then_some("2024-02-29");
        let c = clean(&text, shipped_rules(), CleanOptions { detect_title: false, blank_lines: false, tail: true });
        for t in [&text, &c.text] {
            let s = segment::sentences(t);
            let m = mentions(t, &s, Kb::builtin(), ExtractOptions { doc_date, model, ..Default::default() });
            prop_assert_eq!(check_mentions(t, &s, &m), Ok(()));
            prop_assert_eq!(check_char_offsets(t, m.iter().map(|m| m.start..m.end)), Ok(()));
        }
    }
}

proptest! {
    // Each case runs the whole pipeline twice, on its own thread pools.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn pipeline_is_valid_and_thread_independent(texts in prop::collection::vec(any_text(), 1..5)) {
        let inputs = || {
            texts.iter().enumerate().map(|(i, t)| Input::Doc(RawDoc::text(i.to_string(), t.clone()))).collect()
        };
        let one = pipeline::run(inputs(), &Options { n_threads: Some(1), ..Options::default() }).unwrap();
        let two = pipeline::run(inputs(), &Options { n_threads: Some(2), ..Options::default() }).unwrap();
        prop_assert_eq!(one.len(), texts.len());
        for (d, raw) in one.iter().zip(&texts) {
            prop_assert_eq!(check_document(d, Some(raw)), Ok(()), "document {:?}", raw);
            prop_assert!(!d.error.as_deref().is_some_and(|e| e.starts_with("[D099]")), "{:?}", d.error);
        }
        prop_assert_eq!(&one, &two);
        let opts = Options::default();
        let a1 = pipeline::analyse(&one, &opts).unwrap();
        let a2 = pipeline::analyse(&two, &opts).unwrap();
        prop_assert_eq!(format!("{a1:?}"), format!("{a2:?}"));
    }
}
