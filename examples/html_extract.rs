//! Extracts the article of each HTML file named on stdin (one path a line) and prints JSONL
//! `{"file", "text", "title", "pub_date", "n_dropped"}`, then `{"seconds"}`: the extraction
//! time on one thread. Used to compare extractors with `bench/eval_html.py --texts`.
//!
//! `ls pages/*.html | cargo run --release --example html_extract > out.jsonl`
use std::io::BufRead;
use std::time::Instant;

use newsframe::ingest::{from_bytes, Format, IngestOptions, RawDoc};

fn main() {
    if let Ok(path) = std::env::var("NF_EXPLAIN") {
        let b = std::fs::read(&path).unwrap_or_default();
        println!("{}", newsframe::ingest::article::explain(&String::from_utf8_lossy(&b)));
        return;
    }
    let files: Vec<String> = std::io::stdin().lock().lines().map_while(Result::ok).collect();
    if std::env::var_os("NF_BLOCKS").is_some() {
        // Every block of each page and why it was kept or dropped, for studying errors.
        for f in files {
            let b = std::fs::read(&f).unwrap_or_default();
            let declared = newsframe::ingest::decode::Declared { forced: None, http: None, html: true };
            let text = newsframe::ingest::decode::decode_declared(&b, declared).map(|d| d.text).unwrap_or_default();
            let blocks = newsframe::ingest::article::explain_blocks(&text);
            println!("{}", serde_json::json!({ "file": f, "blocks": blocks }));
        }
        return;
    }
    let pages: Vec<(String, Vec<u8>)> =
        files.into_iter().map(|f| { let b = std::fs::read(&f).unwrap_or_default(); (f, b) }).collect();
    let opts = IngestOptions::default();
    let t = Instant::now();
    let docs: Vec<RawDoc> = pages.iter().map(|(f, b)| from_bytes(f.clone(), b, Format::Html, &opts)).collect();
    let seconds = t.elapsed().as_secs_f64();
    for d in docs {
        let rec = serde_json::json!({
            "file": d.source, "text": d.text.unwrap_or_default(), "title": d.title,
            "pub_date": d.date, "n_dropped": d.boilerplate.len(),
        });
        println!("{rec}");
    }
    println!("{}", serde_json::json!({ "seconds": seconds }));
}
