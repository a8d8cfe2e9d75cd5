//! Scores the Arabic PERSON/ORG rules (`extract::names_ar::find`, no knowledge-base context):
//!
//! 1. on seed 004 (`data/sample/004_2c409103e379b452.txt`, gold in `tests/data/seeds_gold.jsonl`),
//!    printing every span found, with an empty `known` and again with the gold non-PERSON/ORG
//!    mentions as `known` (standing in for the knowledge base and value patterns);
//! 2. on the held-out last tenth of ANERcorp (sentences with index >= n*9/10, never read by
//!    `scripts/build_names_ar.py`), PERS -> PERSON and ORG -> ORG. ANERcorp keeps proclitics
//!    inside entity tokens while the rules leave them out, so spans are compared as token
//!    ranges (a span covers the tokens it touches): "exact" = same first and last token,
//!    "lenient" = overlapping token ranges;
//! 3. throughput over the whole of ANERcorp, one sentence per call.
//!
//! `CARGO_TARGET_DIR=/work/target-ar cargo run --release --example names_ar_seeds [-- ANERCORP] [--dev] [--errors N]`
//! or `-- --text "…"` to print the spans found in one text.
//!
//! `--dev` scores the ninth tenth instead (for tuning with lexicons built by
//! `scripts/build_names_ar.py --dev`); `--errors N` prints N missed and N spurious spans.
use std::collections::HashSet;
use std::path::PathBuf;

use newsframe::doc::{Label, Mention, Source};
use newsframe::extract::names_ar;

const LABELS: [Label; 2] = [Label::Person, Label::Org];

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp == 0 { 0.0 } else { self.tp as f64 / (self.tp + self.fp) as f64 };
        let r = if self.tp + self.fn_ == 0 { 0.0 } else { self.tp as f64 / (self.tp + self.fn_) as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }

    fn line(&self, what: &str) -> String {
        let (p, r, f) = self.prf();
        format!("{what:<22} P {p:5.3}  R {r:5.3}  F1 {f:5.3}   (tp {} fp {} fn {})", self.tp, self.fp, self.fn_)
    }
}

/// Exact and lenient counts of predicted against gold `(doc, start, end)` spans of one label.
fn score(pred: &[(usize, usize, usize)], gold: &[(usize, usize, usize)]) -> (Counts, Counts) {
    let gold_set: HashSet<_> = gold.iter().collect();
    let tp = pred.iter().filter(|p| gold_set.contains(p)).count();
    let exact = Counts { tp, fp: pred.len() - tp, fn_: gold.len() - tp };
    let overlaps = |a: &(usize, usize, usize), b: &(usize, usize, usize)| a.0 == b.0 && a.1 < b.2 && b.1 < a.2;
    let p_ok = pred.iter().filter(|p| gold.iter().any(|g| overlaps(p, g))).count();
    let g_ok = gold.iter().filter(|g| pred.iter().any(|p| overlaps(p, g))).count();
    let lenient = Counts { tp: g_ok, fp: pred.len() - p_ok, fn_: gold.len() - g_ok };
    (exact, lenient)
}

fn seed(root: &PathBuf) {
    let id = "004_2c409103e379b452";
    let text = std::fs::read_to_string(root.join("data/sample").join(format!("{id}.txt"))).expect("seed 004");
    let gold_line = std::fs::read_to_string(root.join("tests/data/seeds_gold.jsonl")).expect("seeds_gold.jsonl");
    let doc: serde_json::Value = gold_line
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|d| d["id"] == id)
        .expect("seed 004 in the gold");
    // Code-point offsets -> byte offsets.
    let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_at.push(text.len());
    // Boilerplate lines are not annotated: ignore predictions there.
    let boiler: HashSet<usize> = doc["boilerplate_lines"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_u64())
        .map(|v| v as usize)
        .collect();
    let line_of = |b: usize| text[..b].matches('\n').count();

    // Also with the context the other recognisers would give: the gold GPE, LOC, NORP and
    // value mentions stand in for knowledge-base and pattern matches.
    let context: Vec<Mention> = doc["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let label = Label::parse(e["label"].as_str()?)?;
            let start = byte_at[e["start"].as_u64()? as usize];
            let end = byte_at[e["end"].as_u64()? as usize];
            (!matches!(label, Label::Person | Label::Org)).then(|| Mention::new(start, end, label, Source::Kb, 0.8))
        })
        .collect();
    for (what, known) in [("known = []", &[][..]), ("known = gold GPE/LOC/NORP/values", &context[..])] {
        let found = names_ar::find(&text, known);
        println!("== seed {id}: spans found ({what})");
        for m in &found {
            let note = if boiler.contains(&line_of(m.start)) { "  (boilerplate line)" } else { "" };
            println!(
                "  {:<6} {:>5}..{:<5} {:.2}  {}{note}",
                m.label.as_str(),
                m.start,
                m.end,
                m.score,
                &text[m.start..m.end]
            );
        }
        for label in LABELS {
            let gold: Vec<_> = doc["entities"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|e| e["label"] == label.as_str())
                .map(|e| {
                    (0, byte_at[e["start"].as_u64().unwrap() as usize], byte_at[e["end"].as_u64().unwrap() as usize])
                })
                .collect();
            let pred: Vec<_> = found
                .iter()
                .filter(|m| m.label == label && !boiler.contains(&line_of(m.start)))
                .map(|m| (0, m.start, m.end))
                .collect();
            let (exact, lenient) = score(&pred, &gold);
            println!("{}", exact.line(&format!("seed {} exact", label.as_str())));
            println!("{}", lenient.line(&format!("seed {} lenient", label.as_str())));
        }
    }
}

/// Sentences of `token tag` lines separated by blank lines.
fn read_anercorp(path: &PathBuf) -> Vec<Vec<(String, String)>> {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut sents = Vec::new();
    let mut cur = Vec::new();
    for line in data.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !cur.is_empty() {
                sents.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some((tok, tag)) = line.rsplit_once(' ') {
            if !tok.is_empty() {
                cur.push((tok.to_string(), tag.to_string()));
            }
        }
    }
    if !cur.is_empty() {
        sents.push(cur);
    }
    sents
}

fn anercorp(path: &PathBuf, dev: bool, show_errors: usize) {
    let sents = read_anercorp(path);
    let n = sents.len();
    let (from, to) = if dev { (n * 8 / 10, n * 9 / 10) } else { (n * 9 / 10, n) };
    let mut pred: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); 2];
    let mut gold: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); 2];
    let mut texts = Vec::new();
    for (s, sent) in sents[from..to].iter().enumerate() {
        let mut text = String::new();
        let mut spans = Vec::new(); // byte span of each token
        for (tok, _) in sent {
            if !text.is_empty() {
                text.push(' ');
            }
            spans.push((text.len(), text.len() + tok.len()));
            text.push_str(tok);
        }
        for (li, tag) in ["PERS", "ORG"].iter().enumerate() {
            let mut i = 0;
            while i < sent.len() {
                if sent[i].1 == format!("B-{tag}")
                    || (sent[i].1 == format!("I-{tag}") && (i == 0 || !sent[i - 1].1.ends_with(tag)))
                {
                    let mut j = i + 1;
                    while j < sent.len() && sent[j].1 == format!("I-{tag}") {
                        j += 1;
                    }
                    gold[li].push((s, i, j));
                    i = j;
                } else {
                    i += 1;
                }
            }
        }
        let tok_of = |b: usize| spans.iter().position(|&(x, y)| x <= b && b < y);
        let found: Vec<Mention> = names_ar::find(&text, &[]);
        for m in &found {
            let li = match m.label {
                Label::Person => 0,
                Label::Org => 1,
                _ => continue,
            };
            if let (Some(a), Some(b)) = (tok_of(m.start), tok_of(m.end - 1)) {
                pred[li].push((s, a, b + 1));
            }
        }
        texts.push(sent.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>());
    }
    // Throughput over the whole corpus, one document per sentence.
    let all: Vec<String> =
        sents.iter().map(|s| s.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(" ")).collect();
    let bytes: usize = all.iter().map(String::len).sum();
    let t0 = std::time::Instant::now();
    let mut found = 0;
    for text in &all {
        found += names_ar::find(text, &[]).len();
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "== throughput: {:.1} MB in {:.3} s = {:.1} MB/s ({found} mentions in {n} sentences)",
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );
    let which = if dev { "dev (ninth tenth)" } else { "held-out last tenth" };
    println!("== ANERcorp {which}: sentences {from}..{to} of {n}");
    for (li, label) in LABELS.iter().enumerate() {
        let (exact, lenient) = score(&pred[li], &gold[li]);
        println!("{}", exact.line(&format!("{} exact", label.as_str())));
        println!("{}", lenient.line(&format!("{} lenient", label.as_str())));
        if show_errors > 0 {
            let g: HashSet<_> = gold[li].iter().collect();
            let p: HashSet<_> = pred[li].iter().collect();
            let ctx = |&(s, a, b): &(usize, usize, usize)| {
                let t = &texts[s];
                format!(
                    "{} [{}] {}",
                    t[a.saturating_sub(4)..a].join(" "),
                    t[a..b].join(" "),
                    t[b..(b + 3).min(t.len())].join(" ")
                )
            };
            println!("  -- spurious {}:", label.as_str());
            for x in pred[li].iter().filter(|x| !g.contains(x)).take(show_errors) {
                println!("     {}", ctx(x));
            }
            println!("  -- missed {}:", label.as_str());
            for x in gold[li].iter().filter(|x| !p.contains(x)).take(show_errors) {
                println!("     {}", ctx(x));
            }
        }
    }
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut corpus = root.join("../shared/train/anercorp/train.txt");
    let (mut dev, mut errors) = (false, 0);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dev" => dev = true,
            "--text" => {
                let text = args.next().unwrap_or_default();
                for m in names_ar::find(&text, &[]) {
                    println!("{:<6} {:.2}  {}", m.label.as_str(), m.score, &text[m.start..m.end]);
                }
                return;
            }
            "--errors" => errors = args.next().and_then(|v| v.parse().ok()).unwrap_or(20),
            _ => corpus = PathBuf::from(a),
        }
    }
    seed(&root);
    println!();
    anercorp(&corpus, dev, errors);
}
