//! Speed (and, with `--dump`, the output) of the value patterns on real varied newswire:
//! CoNLL-2003 English (Reuters, 1996) as running text, documents of 20 sentences.
//! `cargo run --release --example values_speed -- [conll.txt | dir of texts] [--dump]`
//! (`REPS=n` repeats the corpus n times; 5 by default.)
//! The default input is `../shared/train/conll2003/train.txt`.
use std::time::Instant;

use newsframe::extract::values;

/// Documents of a CoNLL file, tokens joined the way a page prints them: no space before
/// `, . : ; % ) 's n't ? !`, none after `$ (`.
fn documents(conll: &str) -> Vec<String> {
    let mut docs = Vec::new();
    let mut doc = String::new();
    let mut prev = "";
    let mut n_sentences = 0;
    for line in conll.lines() {
        let tok = line.split(' ').next().unwrap_or("");
        if tok == "-DOCSTART-" {
            continue;
        }
        if tok.is_empty() {
            if !doc.is_empty() && !doc.ends_with('\n') {
                doc.push('\n');
                n_sentences += 1;
                if n_sentences == 20 {
                    docs.push(std::mem::take(&mut doc));
                    n_sentences = 0;
                }
            }
            prev = "";
            continue;
        }
        let glue = matches!(tok, "," | "." | ":" | ";" | "%" | ")" | "'s" | "n't" | "?" | "!")
            || matches!(prev, "$" | "(");
        if !prev.is_empty() && !glue {
            doc.push(' ');
        }
        doc.push_str(tok);
        prev = tok;
    }
    if !doc.is_empty() {
        docs.push(doc);
    }
    docs
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dump = args.iter().any(|a| a == "--dump");
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "../shared/train/conll2003/train.txt".into());
    // A directory holds plain-text articles (data/sample), a file is CoNLL.
    let docs = if std::path::Path::new(&path).is_dir() {
        let mut paths: Vec<_> = std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
    } else {
        documents(&std::fs::read_to_string(&path).expect("read the CoNLL file"))
    };
    let doc_date = Some("1996-08-30");
    if dump {
        for (i, d) in docs.iter().enumerate() {
            for m in values::find(d, doc_date) {
                let line_start = d[..m.start].rfind('\n').map_or(0, |p| p + 1);
                let line_end = d[m.end..].find('\n').map_or(d.len(), |p| m.end + p);
                let v = &m.value;
                println!(
                    "{i}\t{}\t{}\t{:?} {:?} {:?} {:?} {:?} {:?} {:?}\t{}[[{}]]{}",
                    m.label,
                    &d[m.start..m.end],
                    v.amount_min,
                    v.amount_max,
                    v.currency,
                    v.percent,
                    v.date,
                    v.date_end,
                    v.qualifier,
                    &d[line_start..m.start],
                    &d[m.start..m.end],
                    &d[m.end..line_end]
                );
            }
        }
        return;
    }
    let reps: usize = std::env::var("REPS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    // The patterns compile on the first call: timed apart.
    let t = Instant::now();
    values::find("On Monday, 5 June 2024.", doc_date);
    println!("first call (compiles the patterns) {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let mb = docs.iter().map(String::len).sum::<usize>() as f64 * reps as f64 / 1e6;
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..reps {
        for d in &docs {
            n += values::find(d, doc_date).len();
        }
    }
    println!("values {:8.1} MB/s  ({} docs, {:.1} MB, {n} items)", mb / t.elapsed().as_secs_f64(), docs.len(), mb / reps as f64);
}
