//! Scores the linker on the sample articles against the gold `canonical` clusters.
//!
//! Runs the whole pipeline (`Options::default()`) on data/sample/*.txt (sorted), links the
//! documents with `link::link`, and scores the clustering of mentions by entity with
//! B-cubed precision, recall and F1 against the clustering by `canonical` in
//! tests/data/seeds_gold.jsonl, over the mentions present in both (a predicted mention
//! matches a gold mention when its raw span, in code points of the file text, is the same).
//! English and Arabic are scored together. Prints the gold clusters that were split and the
//! predicted entities that merge several gold clusters.
//!
//! `CARGO_TARGET_DIR=/work/target-link cargo run --release --example link_seeds [-- --verbose]`
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use newsframe::ingest::expand;
use newsframe::kb::Kb;
use newsframe::link::{link, LinkOptions};
use newsframe::pipeline::{run, Input, Options};

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(root.join("data/sample"))
        .expect("data/sample")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    let expanded = expand(&files).expect("expand sample files");
    let inputs: Vec<Input> = expanded.entries.into_iter().map(Input::from).collect();
    let docs = run(inputs, &Options::default()).expect("pipeline");
    let t = std::time::Instant::now();
    let linking = link(&docs, Kb::builtin(), &LinkOptions::default());
    let took = t.elapsed();

    // Gold: file name -> (start, end) -> canonical.
    let gold_text = std::fs::read_to_string(root.join("tests/data/seeds_gold.jsonl")).expect("gold");
    let mut gold: HashMap<String, HashMap<(usize, usize), String>> = HashMap::new();
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let d: serde_json::Value = serde_json::from_str(line).expect("gold json");
        let file = d["file"].as_str().unwrap().to_string();
        let spans = gold.entry(file).or_default();
        for e in d["entities"].as_array().into_iter().flatten() {
            let Some(canonical) = e["canonical"].as_str() else { continue };
            let (s, en) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
            spans.insert((s, en), canonical.to_string());
        }
    }

    // Mentions present in both: (doc, mention) -> (predicted entity, gold canonical).
    struct Item {
        pred: u32,
        gold: String,
        text: String,
        doc: usize,
    }
    let mut items: Vec<Item> = Vec::new();
    let (mut n_pred, mut n_gold) = (0usize, 0usize);
    for (d, doc) in docs.iter().enumerate() {
        let file = Path::new(&doc.source).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(spans) = gold.get(&file) else {
            eprintln!("no gold for {}", doc.source);
            continue;
        };
        n_gold += spans.len();
        for (m, ml) in doc.mentions.iter().zip(&linking.links[d]) {
            n_pred += 1;
            let s = doc.alignment.raw_char_start(&doc.text, m.start);
            let e = doc.alignment.raw_char_end(&doc.text, m.end);
            if let Some(canonical) = spans.get(&(s, e)) {
                items.push(Item { pred: ml.entity, gold: canonical.clone(), text: doc.text[m.start..m.end].to_string(), doc: d });
            }
        }
    }

    let mut by_pred: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    let mut by_gold: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        by_pred.entry(it.pred).or_default().push(i);
        by_gold.entry(&it.gold).or_default().push(i);
    }
    let (mut p_sum, mut r_sum) = (0.0, 0.0);
    for it in &items {
        let p = &by_pred[&it.pred];
        let g = &by_gold[it.gold.as_str()];
        let both = p.iter().filter(|&&j| items[j].gold == it.gold).count() as f64;
        p_sum += both / p.len() as f64;
        r_sum += both / g.len() as f64;
    }
    let n = items.len().max(1) as f64;
    let (p, r) = (p_sum / n, r_sum / n);
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    println!(
        "{} documents, {} predicted mentions, {} gold entity mentions, {} in both; {} entities; link took {:.2?}",
        docs.len(),
        n_pred,
        n_gold,
        items.len(),
        linking.entities.len(),
        took
    );
    println!("B-cubed  P {p:.3}  R {r:.3}  F1 {f:.3}");

    let name = |e: u32| -> String {
        let ent = &linking.entities[e as usize];
        format!("{} [{}]", ent.entity_id, ent.name)
    };
    println!("\nGold clusters split over several entities:");
    for (g, idx) in &by_gold {
        let preds: BTreeSet<u32> = idx.iter().map(|&i| items[i].pred).collect();
        if preds.len() > 1 {
            let parts: Vec<String> = preds
                .iter()
                .map(|&e| {
                    let forms: BTreeSet<&str> = idx.iter().filter(|&&i| items[i].pred == e).map(|&i| items[i].text.as_str()).collect();
                    format!("{} {:?}", name(e), forms)
                })
                .collect();
            println!("  {g}: {}", parts.join(" | "));
        }
    }
    println!("\nEntities merging several gold clusters:");
    for (e, idx) in &by_pred {
        let golds: BTreeSet<&str> = idx.iter().map(|&i| items[i].gold.as_str()).collect();
        if golds.len() > 1 {
            let parts: Vec<String> = golds
                .iter()
                .map(|g| {
                    let forms: BTreeSet<&str> = idx.iter().filter(|&&i| items[i].gold == *g).map(|&i| items[i].text.as_str()).collect();
                    format!("{g} {forms:?}")
                })
                .collect();
            println!("  {}: {}", name(*e), parts.join(" | "));
        }
    }
    if verbose {
        println!("\nEntities:");
        for e in &linking.entities {
            println!(
                "  {:<40} {:<30} {:?} {:?} n={} docs={} country={:?} aliases={:?}",
                e.entity_id, e.name, e.label, e.languages, e.n_mentions, e.n_docs, e.country, e.aliases
            );
        }
        println!("\nMatched mentions:");
        for it in &items {
            println!("  doc {} {:<30} -> {:<40} gold {}", it.doc, it.text, name(it.pred), it.gold);
        }
    }
}
