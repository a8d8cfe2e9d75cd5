//! Bench-only comparison driver for bench/eval_mojibake.py and bench/eval_segment.py.
//!
//! Reads JSON lines on stdin and writes one JSON line per input on stdout with every
//! system's output, then one timing line (`{"timing": ...}`) measured here in Rust so that
//! the Python scoring does not enter the speed figures.
//!
//!     textcmp mojibake < cases.jsonl     # input {"text": ...}
//!     textcmp segment SRX_FILE < docs.jsonl   # input {"text": ..., "lang": "en"|"ar"}

use std::io::{BufRead, Write};
use std::str::FromStr;
use std::time::Instant;

use newsframe::clean::{clean, CleanOptions, Rules};
use plsfix::{fix_text, TextFixerConfig};
use serde_json::{json, Value};

/// Repetitions of the timed loop: the sets are small, one pass is too short to time.
const REPEAT: usize = 20;

fn read_inputs() -> Vec<Value> {
    std::io::stdin()
        .lock()
        .lines()
        .map(|l| serde_json::from_str(&l.expect("stdin")).expect("JSON line"))
        .collect()
}

/// Our cleaner reduced to its character repair: the shipped mojibake table, no boilerplate
/// rules (a line that reads as furniture would otherwise vanish), no title, no tail.
fn our_rules() -> Rules {
    let mut v: toml::Table = newsframe::clean::DEFAULT_RULES.parse().expect("shipped rules");
    v.remove("rule");
    v.remove("tail");
    Rules::from_toml(&[toml::to_string(&v).expect("toml")]).expect("rules")
}

fn ours(text: &str, rules: &Rules) -> String {
    clean(text, rules, CleanOptions { detect_title: false, blank_lines: false, tail: false }).text
}

/// plsfix with only its encoding repairs: the steps that change clean text on purpose
/// (straight quotes, ligatures, full-width letters, HTML entities) are off, because the
/// pipeline keeps those characters; scored both ways in the report.
fn plsfix_encoding() -> TextFixerConfig {
    TextFixerConfig {
        unescape_html: Some(false),
        fix_latin_ligatures: false,
        fix_character_width: false,
        uncurl_quotes: false,
        fix_line_breaks: false,
        ..TextFixerConfig::default()
    }
}

fn time<F: FnMut(&str) -> usize>(texts: &[&str], mut f: F) -> f64 {
    let start = Instant::now();
    let mut sink = 0usize;
    for _ in 0..REPEAT {
        for t in texts {
            sink = sink.wrapping_add(f(t));
        }
    }
    std::hint::black_box(sink);
    start.elapsed().as_secs_f64() / REPEAT as f64
}

fn mojibake() {
    let inputs = read_inputs();
    let texts: Vec<&str> = inputs.iter().map(|v| v["text"].as_str().expect("text")).collect();
    let rules = our_rules();
    let enc = plsfix_encoding();
    let out = std::io::stdout();
    let mut out = out.lock();
    for t in &texts {
        let line = json!({
            "ours": ours(t, &rules),
            "plsfix": fix_text(t, Some(&enc)),
            "plsfix_default": fix_text(t, None),
        });
        writeln!(out, "{line}").expect("stdout");
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let timing = json!({
        "bytes": bytes,
        "ours": time(&texts, |t| ours(t, &rules).len()),
        "plsfix": time(&texts, |t| fix_text(t, Some(&enc)).len()),
        "plsfix_default": time(&texts, |t| fix_text(t, None).len()),
    });
    writeln!(out, "{}", json!({ "timing": timing })).expect("stdout");
}

/// Character offsets of sentence starts (after leading whitespace), from byte ranges.
fn starts(text: &str, ranges: &[std::ops::Range<usize>]) -> Vec<usize> {
    ranges
        .iter()
        .filter_map(|r| {
            let s = &text[r.clone()];
            let lead = s.len() - s.trim_start().len();
            (s.trim().len() > 0).then(|| text[..r.start + lead].chars().count())
        })
        .collect()
}

fn segment(srx_path: &str) {
    let inputs = read_inputs();
    let srx_text = std::fs::read_to_string(srx_path).expect("SRX file");
    let srx = srx::SRX::from_str(&srx_text).expect("SRX parses");
    // `xx_one`: LanguageTool's rule set that also breaks at every line break, as ours does.
    let en = srx.language_rules("en_one");
    let ar = srx.language_rules("ar_one");
    let dropped: usize = srx.errors().values().map(Vec::len).sum();
    let out = std::io::stdout();
    let mut out = out.lock();
    let rules_for = |lang: &str| if lang == "ar" { &ar } else { &en };
    let docs: Vec<(&str, &str)> = inputs
        .iter()
        .map(|v| (v["text"].as_str().expect("text"), v["lang"].as_str().unwrap_or("en")))
        .collect();
    for (t, lang) in &docs {
        let line = json!({
            "ours": starts(t, &newsframe::segment::sentences(t)),
            "srx": starts(t, &rules_for(lang).split_ranges(t)),
        });
        writeln!(out, "{line}").expect("stdout");
    }
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
    let texts: Vec<&str> = docs.iter().map(|(t, _)| *t).collect();
    // Timed on English rules for every text: the language lookup is not what is measured.
    let timing = json!({
        "bytes": bytes,
        "ours": time(&texts, |t| newsframe::segment::sentences(t).len()),
        "srx": time(&texts, |t| en.split_ranges(t).len()),
        "srx_rules_dropped": dropped,
        "srx_rules_en": en.len(),
        "srx_rules_ar": ar.len(),
    });
    writeln!(out, "{}", json!({ "timing": timing })).expect("stdout");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("mojibake") => mojibake(),
        Some("segment") => segment(args.get(2).expect("SRX file path")),
        _ => {
            eprintln!("usage: textcmp mojibake | textcmp segment SRX_FILE  (JSON lines on stdin)");
            std::process::exit(2);
        }
    }
}
