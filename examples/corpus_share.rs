//! Share of the run spent in the two corpus stages that compare sentences and documents,
//! events and stories, on texts from a JSON-lines file (one JSON string per line;
//! `python bench/eval_stories.py --dump-texts` writes CoNLL-2003 train articles).
//!
//! `cargo run --release --example corpus_share -- texts.jsonl [repeats]`
//!
//! The pipeline (run and analyse) is timed once after a warm-up run that loads the
//! knowledge base and the NER model; events and stories are then re-run on its output.
use std::time::Instant;

use newsframe::ingest::RawDoc;
use newsframe::kb::Kb;
use newsframe::pipeline::{analyse, run, Input, Options};
use newsframe::{dedup, relate};

fn main() {
    let path = std::env::args().nth(1).expect("usage: corpus_share texts.jsonl [repeats]");
    let reps: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let texts: Vec<String> = std::fs::read_to_string(&path)
        .expect("texts file")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("one JSON string per line"))
        .collect();
    let opts = Options::default();
    let inputs = || texts.iter().enumerate().map(|(i, t)| Input::Doc(RawDoc::text(i.to_string(), t.clone()))).collect();
    let _ = run(inputs(), &opts).expect("warm-up run");
    let t = Instant::now();
    let docs = run(inputs(), &opts).expect("run");
    let analysis = analyse(&docs, &opts).expect("analyse");
    let total = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(relate::events(&docs, &analysis.linking, Kb::builtin()));
    }
    let ev = t.elapsed().as_secs_f64() / reps as f64;
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(dedup::stories(&docs, &analysis.linking, &opts.stories));
    }
    let st = t.elapsed().as_secs_f64() / reps as f64;
    println!(
        "{} docs: pipeline {total:.3} s; events {ev:.4} s ({:.2}%), stories {st:.4} s ({:.2}%); {} events",
        docs.len(),
        100.0 * ev / total,
        100.0 * st / total,
        analysis.events.len()
    );
}
