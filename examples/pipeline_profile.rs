//! Per-stage timing of the whole pipeline, one thread, on texts from a JSON-lines file (one
//! JSON string per line, e.g. written by `bench/dump_corpus.py`), repeated.
//!
//! `cargo run --release --example pipeline_profile -- corpus.jsonl [repeats]`
//! (`--features frame` adds the DataFrame construction.)
use std::time::Instant;

use newsframe::clean::{clean, CleanOptions, Rules};
use newsframe::extract::{self, names_ar, names_en, values, ExtractOptions};
use newsframe::ingest::RawDoc;
use newsframe::kb::Kb;
use newsframe::ner::Model;
use newsframe::pipeline::{analyse, run, Input, Options};
use newsframe::{lang, segment};

fn main() {
    let path = std::env::args().nth(1).expect("usage: pipeline_profile corpus.jsonl [repeats]");
    let reps: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let only = std::env::var("ONLY").ok();
    let texts: Vec<String> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!("{} texts, {mb:.2} MB, {reps} repeats; MB/s per stage (seconds per pass)", texts.len());
    let report = |name: &str, secs: f64| {
        let s = secs / reps as f64;
        println!("{name:12} {:9.2} MB/s  {:7.4} s", mb / s, s);
    };
    let want = |name: &str| only.as_deref().map_or(true, |o| o.split(',').any(|x| x == name));

    let opts = Options { n_threads: Some(1), ..Options::default() };
    if want("total") {
        let inputs = || texts.iter().enumerate().map(|(i, t)| Input::Doc(RawDoc::text(i.to_string(), t.clone()))).collect();
        // Warm: loads the kb and the model.
        let docs = run(inputs(), &opts).unwrap();
        let t = Instant::now();
        for _ in 0..reps {
            std::hint::black_box(run(inputs(), &opts).unwrap());
        }
        report("run", t.elapsed().as_secs_f64());
        let t = Instant::now();
        for _ in 0..reps {
            std::hint::black_box(analyse(&docs, &opts).unwrap());
        }
        report("analyse", t.elapsed().as_secs_f64());
        #[cfg(feature = "frame")]
        {
            let a = analyse(&docs, &opts).unwrap();
            let t = Instant::now();
            for _ in 0..reps {
                use newsframe::frame;
                std::hint::black_box(frame::documents(&docs, &a.stories).unwrap());
                std::hint::black_box(frame::sentences(&docs).unwrap());
                std::hint::black_box(frame::mentions(&docs, &a.linking).unwrap());
                std::hint::black_box(frame::entities(&a.linking).unwrap());
                std::hint::black_box(frame::cooccurrence(&a).unwrap());
                std::hint::black_box(frame::events(&docs, &a).unwrap());
                std::hint::black_box(frame::stories(&docs, &a).unwrap());
            }
            report("frame", t.elapsed().as_secs_f64());
        }
    }
    if !want("stages") {
        return;
    }
    let rules = Rules::default();
    let kb = Kb::builtin();
    let model = Model::builtin("en").unwrap();
    let copts = CleanOptions { detect_title: true, blank_lines: false, tail: true };
    let t = Instant::now();
    let mut cleaned = Vec::new();
    for r in 0..reps {
        let c: Vec<String> = texts.iter().map(|x| clean(x, &rules, copts).text).collect();
        if r == 0 {
            cleaned = c;
        }
    }
    report("clean", t.elapsed().as_secs_f64());
    let time = |name: &str, f: &dyn Fn(&str) -> usize| {
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..reps {
            for c in &cleaned {
                n += f(c);
            }
        }
        report(name, t.elapsed().as_secs_f64());
        std::hint::black_box(n);
    };
    time("lang", &|c| lang::detect(c).map_or(0, |d| d.lang.len()));
    time("segment", &|c| segment::sentences(c).len());
    time("count_words", &segment::count_words);
    let sents: Vec<_> = cleaned.iter().map(|c| segment::sentences(c)).collect();
    let idx = |c: &str| cleaned.iter().position(|x| std::ptr::eq(x.as_str(), c)).unwrap();
    time("kb", &|c| kb.find(c).len());
    time("values", &|c| values::find(c, None).len());
    let known: Vec<_> = cleaned
        .iter()
        .map(|c| {
            let mut k = kb.find(c);
            k.extend(values::find(c, None));
            k.sort_by_key(|m| (m.start, m.end));
            k
        })
        .collect();
    let kbh: Vec<_> = cleaned.iter().map(|c| kb.find(c)).collect();
    time("names_en", &|c| names_en::find(c, &known[idx(c)]).len());
    time("names_ar", &|c| names_ar::find(c, &known[idx(c)]).len());
    time("model", &|c| {
        let i = idx(c);
        model.find_with_kb(c, &sents[i], &kbh[i]).len()
    });
    time("extract", &|c| {
        let i = idx(c);
        extract::mentions(c, &sents[i], kb, ExtractOptions { doc_date: None, model: Some(model), ..Default::default() }).len()
    });
    time("extract0", &|c| {
        let i = idx(c);
        extract::mentions(c, &sents[i], kb, ExtractOptions::default()).len()
    });
}
