//! Per-recogniser timing of extraction on the sample articles, repeated.
//! `cargo run --release --example extract_stages`
use std::time::Instant;

use newsframe::extract::{names_ar, names_en, values};
use newsframe::kb::Kb;
use newsframe::ner::Model;

fn main() {
    let mut texts = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir("data/sample").unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        texts.push(std::fs::read_to_string(p).unwrap());
    }
    let reps = 200;
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 * reps as f64 / 1e6;
    let kb = Kb::builtin();
    let sents: Vec<_> = texts.iter().map(|t| newsframe::segment::sentences(t)).collect();
    let en = Model::builtin("en").unwrap();
    let ar = Model::builtin("ar").unwrap();
    let time = |name: &str, f: &dyn Fn(usize) -> usize| {
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..reps {
            for i in 0..texts.len() {
                n += f(i);
            }
        }
        println!("{name:10} {:8.1} MB/s  ({n} items)", mb / t.elapsed().as_secs_f64());
    };
    time("kb", &|i| kb.find(&texts[i]).len());
    time("values", &|i| values::find(&texts[i], None).len());
    let known: Vec<_> = texts.iter().map(|t| kb.find(t)).collect();
    time("names_en", &|i| names_en::find(&texts[i], &known[i]).len());
    time("names_ar", &|i| names_ar::find(&texts[i], &known[i]).len());
    time("model", &|i| if i == 4 { ar.find(&texts[i], &sents[i], kb).len() } else { en.find(&texts[i], &sents[i], kb).len() });
}
