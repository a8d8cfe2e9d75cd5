//! Load time of the shipped NER models (gunzip, JSON parse, tables), cold, in this process.
//! `cargo run --release --example ner_load`
use std::time::Instant;

use newsframe::ner::Model;

fn main() {
    for lang in ["en", "ar"] {
        let path = format!("python/newsframe/data/models/ner-{lang}.json.gz");
        let bytes = std::fs::read(&path).expect("run from the repository root");
        let t = Instant::now();
        let m = Model::load(&bytes).expect("valid model");
        let load = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let b = Model::builtin(lang).expect("shipped model");
        let builtin = t.elapsed().as_secs_f64();
        println!(
            "{lang}: {path} {:.2} MB, version {}, {} buckets; Model::load {load:.3} s, first Model::builtin {builtin:.3} s",
            bytes.len() as f64 / 1e6,
            m.version(),
            b.n_weights()
        );
    }
}
