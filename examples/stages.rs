//! Per-stage timing of the pure core on the sample corpus repeated to ~50 MB.
//! `cargo run --release --example stages`
use std::time::Instant;

use newsframe::clean::{clean, CleanOptions, Rules};
use newsframe::{lang, segment};

fn main() {
    let mut texts = Vec::new();
    for e in std::fs::read_dir("data/sample").unwrap() {
        texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    let one: String = texts.join("\n");
    let doc: String = std::iter::repeat(one.as_str()).take(16).collect::<Vec<_>>().join("\n");
    let n = 50_000_000 / doc.len();
    let mb = (doc.len() * n) as f64 / 1e6;
    let rules = if std::env::var("NORULES").is_ok() { Rules::none() } else { Rules::default() };
    let t = Instant::now();
    let mut cleaned = Vec::new();
    for _ in 0..n {
        cleaned.push(clean(&doc, &rules, CleanOptions { detect_title: true, blank_lines: false, tail: true }));
    }
    let tc = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for c in &cleaned {
        std::hint::black_box(lang::detect(&c.text));
    }
    let tl = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for c in &cleaned {
        std::hint::black_box(segment::sentences(&c.text));
    }
    let ts = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for c in &cleaned {
        std::hint::black_box(segment::count_words(&c.text));
    }
    let tw = t.elapsed().as_secs_f64();
    for (name, s) in [("clean", tc), ("lang", tl), ("segment", ts), ("words", tw)] {
        println!("{name:8} {:8.1} MB/s", mb / s);
    }
}
