//! Checks the English PERSON/ORG rules on the English sample articles.
//!
//! Runs `extract::names_en::find` on the raw text of data/sample/00[0-3]*.txt with no
//! known mentions, prints the spans it finds, and scores them (exact span and label)
//! against the PERSON and ORG spans of tests/data/seeds_gold.jsonl, whose offsets are
//! code points into the raw file text. Also times `find` on the samples repeated.
//!
//! `CARGO_TARGET_DIR=/work/target-en cargo run --release --example names_en_seeds`
//!
//! With `NAMES_EN_PIPELINE=1` it scores the PERSON/ORG output of the whole extraction
//! (knowledge base, value patterns, resolver) instead of the rules alone.
//! With `NAMES_EN_TEXT="some text"` it prints the mentions found in that text.
//! With `NAMES_EN_CONLL=path/to/train.txt` it instead scores PER/ORG on a CoNLL-2003 file
//! (documents rebuilt one sentence per line) and prints a sample of the errors. Use the
//! train split only: the first-name list derives from it (so PERSON recall there is
//! optimistic) and dev.txt is the held-out evaluation set, refused here.
use std::collections::HashSet;
use std::time::Instant;

use newsframe::doc::Label;
use newsframe::extract::names_en;

fn char_offsets(text: &str) -> Vec<usize> {
    // byte offset -> char offset (for every byte position, including the end)
    let mut map = vec![0usize; text.len() + 1];
    let mut c = 0;
    for (b, ch) in text.char_indices() {
        for k in 0..ch.len_utf8() {
            map[b + k] = c;
        }
        c += 1;
    }
    map[text.len()] = c;
    map
}

#[derive(Default)]
struct Count {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Count {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp == 0 { 0.0 } else { self.tp as f64 / (self.tp + self.fp) as f64 };
        let r = if self.tp + self.fn_ == 0 { 0.0 } else { self.tp as f64 / (self.tp + self.fn_) as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
}

/// Scores on a CoNLL-2003 file: PER -> PERSON, ORG -> ORG, exact spans.
fn conll(path: &str) {
    let name = std::path::Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name != "train.txt" {
        eprintln!("refusing {path}: only a train split may be used to inspect the rules");
        std::process::exit(2);
    }
    let raw = std::fs::read_to_string(path).expect("conll file");
    let mut docs: Vec<(String, Vec<(usize, usize, &'static str)>)> = Vec::new();
    let (mut text, mut gold) = (String::new(), Vec::new());
    let mut open: Option<(usize, &'static str)> = None;
    let mut line_has = false;
    let close = |open: &mut Option<(usize, &'static str)>,
                 gold: &mut Vec<(usize, usize, &'static str)>,
                 end: usize| {
        if let Some((s, l)) = open.take() {
            if l != "" {
                gold.push((s, end, l));
            }
        }
    };
    let mut last_end = 0;
    let (mut line_start, mut prev_line_start) = (0usize, 0usize);
    for line in raw.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            close(&mut open, &mut gold, last_end);
            if line_has {
                // a dateline ("BRUSSELS 1996-08-22") starts a new story with the line
                // before it (the headline): split the text there
                let cur = &text[line_start..];
                let dateline = cur.split(' ').count() <= 6
                    && cur.rsplit(' ').next().is_some_and(|w| w.len() == 10 && w.as_bytes()[4] == b'-');
                text.push('\n');
                if dateline && prev_line_start > 0 {
                    let tail = text.split_off(prev_line_start);
                    let (keep, carry): (Vec<_>, Vec<_>) =
                        gold.drain(..).partition(|g: &(usize, usize, &str)| g.1 <= prev_line_start);
                    docs.push((std::mem::take(&mut text), keep));
                    gold = carry
                        .into_iter()
                        .map(|(s, e, l)| (s - prev_line_start, e - prev_line_start, l))
                        .collect();
                    line_start -= prev_line_start;
                    text = tail;
                    last_end = 0;
                }
                prev_line_start = line_start;
                line_start = text.len();
                line_has = false;
            }
            continue;
        }
        let (tok, tag) = (cols[0], *cols.last().unwrap());
        let glue = tok == "'s" || tok == "," || tok == "." || tok == ")" || tok == ":" || tok == ";";
        if line_has && !glue {
            text.push(' ');
        }
        let s = text.len();
        text.push_str(tok);
        line_has = true;
        let kind: &'static str = if tag.ends_with("PER") {
            "PERSON"
        } else if tag.ends_with("ORG") {
            "ORG"
        } else {
            ""
        };
        let cont = tag.starts_with("I-") && open.is_some_and(|(_, l)| l == kind);
        if !cont {
            close(&mut open, &mut gold, last_end);
            if tag != "O" {
                open = Some((s, kind));
            }
        }
        last_end = text.len();
    }
    close(&mut open, &mut gold, last_end);
    if !text.is_empty() {
        docs.push((text, gold));
    }
    let mut counts = [Count::default(), Count::default()];
    let (mut fps, mut fns) = (Vec::new(), Vec::new());
    let mut by_score: std::collections::BTreeMap<(&str, u32), (usize, usize)> = Default::default();
    let pipeline = std::env::var("NAMES_EN_PIPELINE").is_ok();
    for (text, gold) in &docs {
        let found: Vec<_> = if pipeline {
            let sents = newsframe::segment::sentences(text);
            newsframe::extract::mentions(text, &sents, newsframe::kb::Kb::builtin(), Default::default())
                .into_iter()
                .filter(|m| matches!(m.label, Label::Person | Label::Org))
                .collect()
        } else {
            names_en::find(text, &[])
        };
        let pred: HashSet<(usize, usize, &str)> =
            found.iter().map(|m| (m.start, m.end, m.label.as_str())).collect();
        let gold: HashSet<(usize, usize, &str)> = gold.iter().copied().collect();
        for (i, l) in ["PERSON", "ORG"].iter().enumerate() {
            let p: HashSet<_> = pred.iter().filter(|k| k.2 == *l).collect();
            let g: HashSet<_> = gold.iter().filter(|k| k.2 == *l).collect();
            let tp = p.intersection(&g).count();
            counts[i].tp += tp;
            counts[i].fp += p.len() - tp;
            counts[i].fn_ += g.len() - tp;
        }
        for m in &found {
            let hit = gold.contains(&(m.start, m.end, m.label.as_str()));
            let row = by_score.entry((m.label.as_str(), (m.score * 100.0).round() as u32)).or_insert((0, 0));
            if hit {
                row.0 += 1;
            } else {
                row.1 += 1;
            }
            if !hit {
                let ctx_s = text[..m.start].rfind('\n').map_or(0, |p| p + 1);
                let ctx_e = text[m.end..].find('\n').map_or(text.len(), |p| m.end + p);
                let ctx = &text[ctx_s..ctx_e];
                fps.push(format!(
                    "FP {} {:.2} {:?}  | {}",
                    m.label.as_str(),
                    m.score,
                    &text[m.start..m.end],
                    &ctx[..ctx.len().min(160)]
                ));
            }
        }
        for g in &gold {
            if !pred.contains(g) {
                let ctx_s = text[..g.0].rfind('\n').map_or(0, |p| p + 1);
                let ctx_e = text[g.1..].find('\n').map_or(text.len(), |p| g.1 + p);
                let ctx = &text[ctx_s..ctx_e];
                fns.push(format!("FN {} {:?}  | {}", g.2, &text[g.0..g.1], &ctx[..ctx.len().min(160)]));
            }
        }
    }
    let all = std::env::var("NAMES_EN_ALL").is_ok();
    let every = |v: &Vec<String>| if all { 1 } else { (v.len() / 60).max(1) };
    for l in fps.iter().step_by(every(&fps)) {
        println!("{l}");
    }
    for l in fns.iter().step_by(every(&fns)) {
        println!("{l}");
    }
    println!("{} documents", docs.len());
    for ((l, sc), (tp, fp)) in &by_score {
        println!("  {l:6} score {:.2}: tp {tp:5} fp {fp:5}", *sc as f64 / 100.0);
    }
    for (i, l) in ["PERSON", "ORG"].iter().enumerate() {
        let c = &counts[i];
        let (p, r, f) = c.prf();
        println!("{l:6}  tp {:5} fp {:5} fn {:5}   P {:.3}  R {:.3}  F1 {:.3}", c.tp, c.fp, c.fn_, p, r, f);
    }
}

fn main() {
    if let Ok(text) = std::env::var("NAMES_EN_TEXT") {
        // ad-hoc check of one text
        let found = if std::env::var("NAMES_EN_PIPELINE").is_ok() {
            let sents = newsframe::segment::sentences(&text);
            newsframe::extract::mentions(&text, &sents, newsframe::kb::Kb::builtin(), Default::default())
        } else {
            names_en::find(&text, &[])
        };
        for m in found {
            println!("{} {:.2} {:?}", m.label.as_str(), m.score, &text[m.start..m.end]);
        }
        return;
    }
    if let Ok(path) = std::env::var("NAMES_EN_CONLL") {
        conll(&path);
        return;
    }
    let gold_text = std::fs::read_to_string("tests/data/seeds_gold.jsonl").expect("gold file");
    let mut counts = [Count::default(), Count::default()]; // PERSON, ORG
    let mut texts = Vec::new();
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let doc: serde_json::Value = serde_json::from_str(line).expect("json");
        if doc["lang"] != "en" {
            continue;
        }
        let file = doc["file"].as_str().unwrap_or_default();
        let text = std::fs::read_to_string(format!("data/sample/{file}")).expect("sample");
        let chars: Vec<char> = text.chars().collect();
        let gold: HashSet<(usize, usize, String)> = doc["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let label = e["label"].as_str()?;
                if label != "PERSON" && label != "ORG" {
                    return None;
                }
                Some((e["start"].as_u64()? as usize, e["end"].as_u64()? as usize, label.to_string()))
            })
            .collect();
        let map = char_offsets(&text);
        // NAMES_EN_PIPELINE=1: the whole extraction (knowledge base, values, resolver), to
        // see the rules in context; by default the rules alone with no known mentions
        let found: Vec<_> = if std::env::var("NAMES_EN_PIPELINE").is_ok() {
            let sents = newsframe::segment::sentences(&text);
            newsframe::extract::mentions(&text, &sents, newsframe::kb::Kb::builtin(), Default::default())
                .into_iter()
                .filter(|m| matches!(m.label, Label::Person | Label::Org))
                .collect()
        } else {
            names_en::find(&text, &[])
        };
        println!("== {file}");
        let mut pred = HashSet::new();
        for m in &found {
            let (s, e) = (map[m.start], map[m.end]);
            let key = (s, e, m.label.as_str().to_string());
            let ok = gold.contains(&key);
            println!(
                "  {} {:6} {:>5}-{:<5} {:.2} {:?}",
                if ok { "ok " } else { "FP " },
                m.label.as_str(),
                s,
                e,
                m.score,
                &text[m.start..m.end]
            );
            pred.insert(key);
        }
        for g in &gold {
            if !pred.contains(g) {
                let t: String = chars[g.0..g.1].iter().collect();
                println!("  FN  {:6} {:>5}-{:<5}      {:?}", g.2, g.0, g.1, t);
            }
        }
        for (i, label) in [Label::Person, Label::Org].iter().enumerate() {
            let l = label.as_str();
            let p: HashSet<_> = pred.iter().filter(|k| k.2 == l).collect();
            let g: HashSet<_> = gold.iter().filter(|k| k.2 == l).collect();
            let tp = p.intersection(&g).count();
            counts[i].tp += tp;
            counts[i].fp += p.len() - tp;
            counts[i].fn_ += g.len() - tp;
        }
        texts.push(text);
    }
    println!();
    for (i, l) in ["PERSON", "ORG"].iter().enumerate() {
        let c = &counts[i];
        let (p, r, f) = c.prf();
        println!("{l:6}  tp {:3} fp {:3} fn {:3}   P {:.3}  R {:.3}  F1 {:.3}", c.tp, c.fp, c.fn_, p, r, f);
    }

    // throughput on the samples repeated to ~20 MB
    let one = texts.join("\n");
    let reps = (20_000_000 / one.len().max(1)).max(1);
    let docs: Vec<&str> = std::iter::repeat_n(one.as_str(), reps).collect();
    let t = Instant::now();
    let mut n = 0;
    for d in &docs {
        n += std::hint::black_box(names_en::find(d, &[])).len();
    }
    let secs = t.elapsed().as_secs_f64();
    let mb = (one.len() * reps) as f64 / 1e6;
    println!("throughput: {:.1} MB in {:.2} s = {:.1} MB/s ({} mentions)", mb, secs, mb / secs, n);
}
