//! Accuracy and speed of language identification on labelled text from the training
//! corpora (CoNLL-2003 English, ANERcorp Arabic), by chunk size.
//! `cargo run --release --example lang_accuracy -- ../shared/train`
use std::time::Instant;

fn sentences(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("training file");
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with("-DOCSTART-") {
            if !cur.is_empty() {
                out.push(cur.join(" "));
                cur.clear();
            }
        } else {
            cur.push(line.split_whitespace().next().unwrap_or(""));
        }
    }
    out
}

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| "../shared/train".into());
    let sets = [("en", sentences(&format!("{root}/conll2003/dev.txt"))), ("ar", sentences(&format!("{root}/anercorp/train.txt")))];
    println!("{:>4} {:>14} {:>8} {:>10} {:>10}", "lang", "chunk", "n", "accuracy", "MB/s");
    for (lang, sents) in &sets {
        for per_chunk in [1usize, 3, 10] {
            let chunks: Vec<String> = sents.chunks(per_chunk).map(|c| c.join(" ")).filter(|c| c.len() > 20).collect();
            let bytes: usize = chunks.iter().map(String::len).sum();
            let t = Instant::now();
            let ok = chunks.iter().filter(|c| newsframe::lang::detect(c).is_some_and(|d| d.lang == *lang)).count();
            let secs = t.elapsed().as_secs_f64();
            println!("{lang:>4} {:>14} {:>8} {:>9.2}% {:>10.1}", format!("{per_chunk} sentence(s)"), chunks.len(), 100.0 * ok as f64 / chunks.len() as f64, bytes as f64 / 1e6 / secs);
        }
    }
}
