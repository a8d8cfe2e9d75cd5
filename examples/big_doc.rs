//! Time of one large document through each stage: `cargo run --release --example big_doc -- MB`
use newsframe::ingest::RawDoc;
use newsframe::pipeline::{analyse, run, Input, Options};
use std::time::Instant;

fn main() {
    let mb: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let line = "The army met in Algiers on Monday to discuss cooperation. ".repeat(4);
    let mut text = String::from("A very large file\n");
    while text.len() < mb << 20 {
        text.push_str(&line);
        text.push('\n');
    }
    let mut opts = Options { max_mentions: None, ..Options::default() };
    opts.n_threads = Some(1);
    let t = Instant::now();
    let docs = run(vec![Input::Doc(RawDoc::text("big", text))], &opts).unwrap();
    let t1 = t.elapsed().as_secs_f64();
    let kb = newsframe::kb::Kb::builtin();
    let t = Instant::now();
    let linking = newsframe::link::link(&docs, kb, &opts.link);
    println!("link {:.2}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let _ = newsframe::relate::cooccurrence(&docs, &linking, newsframe::relate::Level::Sentence);
    println!("cooc {:.2}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let _ = newsframe::relate::events(&docs, &linking, kb);
    println!("events {:.2}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let _ = newsframe::dedup::stories(&docs, &linking, &opts.stories);
    println!("stories {:.2}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let a = analyse(&docs, &opts).unwrap();
    println!("{mb} MB: run {t1:.2}s ({} mentions), analyse {:.2}s ({} events)", docs[0].mentions.len(), t.elapsed().as_secs_f64(), a.events.len());
}
