//! Relations and stories on the sample corpus.
//!
//! Runs the pipeline on data/sample/*.txt (default options), links the mentions, then
//! prints the country-level events, the most frequent sentence co-occurrences, the story
//! ids against the gold `story` of tests/data/seeds_gold.jsonl, and the cross-language
//! fingerprint scores between every pair of documents.
//!
//! `CARGO_TARGET_DIR=/work/target-relate cargo run --release --example relate_seeds`
//!
//! With `RELATE_FEATURES=1` it also prints every document's fingerprint features.
use std::collections::HashMap;
use std::time::Instant;

use newsframe::dedup::{self, Fingerprints};
use newsframe::features::stories::StoryOptions;
use newsframe::ingest::expand;
use newsframe::kb::Kb;
use newsframe::pipeline::{run, Input, Options};
use newsframe::relate::{self, Level};

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let ex = expand(&[format!("{root}/data/sample/*.txt")]).expect("sample corpus");
    let inputs: Vec<Input> = ex.entries.into_iter().map(Input::from).collect();
    let t = Instant::now();
    let docs = run(inputs, &Options::default()).expect("pipeline");
    let t_run = t.elapsed();
    let kb = Kb::builtin();
    let t = Instant::now();
    let linking = newsframe::link::link(&docs, kb, &Default::default());
    let t_link = t.elapsed();
    let name = |e: u32| linking.entities[e as usize].name.as_str();
    let short = |d: usize| {
        std::path::Path::new(&docs[d].source).file_name().and_then(|f| f.to_str()).unwrap_or("?").split('_').next().unwrap_or("?").to_string()
    };

    let t = Instant::now();
    let events = relate::events(&docs, &linking, kb);
    let t_events = t.elapsed();
    println!("== events ({})", events.len());
    for e in &events {
        let d = &docs[e.doc as usize];
        let mtext = |m: Option<u32>| m.map_or(String::new(), |m| d.text[d.mentions[m as usize].start..d.mentions[m as usize].end].to_string());
        println!(
            "{} s{:<2} {:<14} -> {:<14} {:<20} {:<28} money={:<16} date={}",
            short(e.doc as usize),
            e.sentence,
            name(e.actor1),
            name(e.actor2),
            e.event_type,
            format!("{:?}", &d.text[e.trigger.clone()]),
            mtext(e.money),
            mtext(e.date)
        );
    }

    let t = Instant::now();
    let mut co = relate::cooccurrence(&docs, &linking, Level::Sentence);
    let t_co = t.elapsed();
    let n_pairs = co.len();
    co.sort_by(|a, b| b.n_sentences.cmp(&a.n_sentences).then(b.n_docs.cmp(&a.n_docs)).then((a.entity_a, a.entity_b).cmp(&(b.entity_a, b.entity_b))));
    println!("\n== top sentence co-occurrences (of {n_pairs} pairs)");
    for c in co.iter().take(15) {
        println!("{:>3} sentences {:>2} docs first={}  {} -- {}", c.n_sentences, c.n_docs, short(c.first_doc as usize), name(c.entity_a), name(c.entity_b));
    }
    let doc_level = relate::cooccurrence(&docs, &linking, Level::Document);
    println!("document-level pairs: {}", doc_level.len());

    let t = Instant::now();
    let opts = StoryOptions::default();
    let stories = dedup::stories(&docs, &linking, &opts);
    let t_stories = t.elapsed();
    let gold_text = std::fs::read_to_string(format!("{root}/tests/data/seeds_gold.jsonl")).expect("gold");
    let mut gold: HashMap<String, i64> = HashMap::new();
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("gold json");
        gold.insert(v["file"].as_str().unwrap_or("").to_string(), v["story"].as_i64().unwrap_or(-1));
    }
    println!("\n== stories (cross_lang_threshold {})", opts.cross_lang_threshold);
    // Two partitions agree when every pair of documents is together in both or apart in both.
    let files: Vec<String> = docs
        .iter()
        .map(|d| std::path::Path::new(&d.source).file_name().and_then(|f| f.to_str()).unwrap_or("").to_string())
        .collect();
    for (d, f) in files.iter().enumerate() {
        println!("{}  lang={:<3} story={}  gold={}", short(d), docs[d].lang.as_deref().unwrap_or("?"), stories[d], gold.get(f).copied().unwrap_or(-1));
    }
    let mut agree = true;
    for a in 0..docs.len() {
        for b in a + 1..docs.len() {
            let same = stories[a] == stories[b];
            let gold_same = gold.get(&files[a]) == gold.get(&files[b]);
            agree &= same == gold_same;
        }
    }
    println!("partition matches gold: {agree}");

    let fp = Fingerprints::build(&docs, &linking);
    println!("\n== cross-language fingerprint scores (weighted Jaccard; shared features)");
    print!("     ");
    for b in 0..docs.len() {
        print!("{:>12}", short(b));
    }
    println!();
    for a in 0..docs.len() {
        print!("{:>5}", short(a));
        for b in 0..docs.len() {
            let (s, n) = fp.score_shared(a, b);
            print!("{:>12}", format!("{s:.3} ({n})"));
        }
        println!();
    }
    println!("\n== near-duplicate MinHash estimates (same language only; threshold {})", opts.near_dup_threshold);
    for a in 0..docs.len() {
        for b in a + 1..docs.len() {
            if docs[a].lang == docs[b].lang {
                print!("{}-{} {:.3}   ", short(a), short(b), dedup::shingle_similarity(&docs[a].text, &docs[b].text, &opts));
            }
        }
    }
    println!();
    if std::env::var_os("RELATE_FEATURES").is_some() {
        for d in 0..docs.len() {
            let fs: Vec<String> = fp.features(d).into_iter().map(|(k, w)| format!("{k}={w:.2}")).collect();
            println!("{}: {}", short(d), fs.join(" "));
        }
    }
    println!(
        "\ntimes: pipeline {:.1?}, link {:.1?}, events {:.1?}, cooccurrence {:.1?}, stories {:.1?}",
        t_run, t_link, t_events, t_co, t_stories
    );
}
