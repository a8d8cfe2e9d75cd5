//! Trains a NER model, reports exact-span F1 (`conlleval` style) and writes the model file.
//!
//! ```text
//! cargo run --release --example train_ner -- --lang en \
//!     --train ../shared/train/conll2003/train.txt --dev ../shared/train/conll2003/dev.txt \
//!     --epochs 10 --seed 1 --out python/newsframe/data/models/ner-en.json.gz
//! cargo run --release --example train_ner -- --lang ar \
//!     --train ../shared/train/anercorp/train.txt --holdout 0.1 \
//!     --epochs 10 --seed 1 --out python/newsframe/data/models/ner-ar.json.gz
//! ```
//! Options: `--bits N` (2^N feature buckets, default 20), `--prune X` (drop buckets whose
//! averaged weights are all below X, default 0.05), `--dict-min N` (tag-dictionary
//! threshold, default 3), `--dict-share X` (share of a word's most frequent tag from which its
//! dictionary code is confident, and an Arabic `O` word skipped; default 0.9), `--version S`, `--no-speed`,
//! `--dev-frac F` (with `--holdout`: evaluate on the last F of the kept part instead, for tuning),
//! `--no-clusters`, `--train-clusters K1,K2` (counts of the clusters derived from the training
//! text, default 48,192), `--clusters FILE` (external word clusters, gzipped TSV
//! `word<TAB>id1<TAB>id2…`, see `newsframe::ner::clusters::External`),
//! `--gazetteer FILE` (Arabic name lists, `entry<TAB>type<TAB>sources`, stored in the model),
//! `--kb-snapshot FILE` (Arabic: the knowledge-base names the features read, `alias<TAB>label<TAB>id`,
//! stored in the model; with `--model`, stored in that model, written by `--out`),
//! `--doc-size N` (pseudo-documents of N sentences, for corpora without document marks),
//! `--predictions FILE` (write `token gold predicted` lines for the evaluation set),
//! `--model FILE --find TEXT_FILE` (print that model's mentions in a text file),
//! `--model FILE` (evaluate that model instead of training; `--out` then rewrites it, with
//! `--version` and `--kb-snapshot` if given),
//! `--decoder greedy|viterbi` (default: viterbi), `--case-copies N` (every
//! N-th training document again in capitals and the next in lower case; 0 none; default 8),
//! `--dev-case upper|lower` (score on the evaluation text in capitals or lower case),
//! `--doc-folds N` (Arabic: folds of the stacked first pass while training; default 0, none),
//! `--members N` (models trained one after another from the seed, their averaged weights
//! averaged into one table; default 1),
//! `--cost MISS[,FALSE]` (loss-augmented training, see `TrainOptions::cost`; default 0, none),
//! `--tokenize TEXT_FILE` (print the tokens the model would see, one sentence per line,
//! separated by spaces; `scripts/build_clusters_en.py` uses it).
use std::time::Instant;

use newsframe::kb::Kb;
use newsframe::ner::{conll, Model, Sentence, TrainOptions};

/// The documents of `sents`, as marked by `doc_start`.
fn documents(sents: &[Sentence]) -> Vec<&[Sentence]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=sents.len() {
        if i == sents.len() || sents[i].doc_start {
            out.push(&sents[start..i]);
            start = i;
        }
    }
    out
}

fn evaluate(model: &Model, sents: &[Sentence]) -> conll::Scores {
    let mut s = conll::Scores::default();
    for doc in documents(sents) {
        let tokens: Vec<&[String]> = doc.iter().map(|s| s.tokens.as_slice()).collect();
        for (sent, pred) in doc.iter().zip(model.tag_document(&tokens)) {
            s.add(&sent.tags, &pred);
        }
    }
    s
}

/// CPU seconds used by this thread (Linux; `None` elsewhere): the machine may be shared, so
/// wall time alone would understate the speed of one core.
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Prints the tokens of each sentence of a text file (a paragraph per line), as
/// [`Model::find`] splits them.
fn tokenize_file(path: &str, arabic: bool) {
    use std::io::{BufRead, Write};
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("read --tokenize"));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut ranges = Vec::new();
    for line in file.lines() {
        let line = line.expect("UTF-8 text");
        for s in newsframe::segment::sentences(&line) {
            ranges.clear();
            newsframe::ner::tokenize::tokens(&line[s.clone()], s.start, arabic, &mut ranges);
            if ranges.is_empty() {
                continue;
            }
            let toks: Vec<&str> = ranges.iter().map(|r| &line[r.clone()]).collect();
            writeln!(out, "{}", toks.join(" ")).expect("write stdout");
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let lang = get("--lang").unwrap_or_else(|| "en".into());
    if let Some(path) = get("--tokenize") {
        tokenize_file(&path, lang == "ar");
        return;
    }
    if let (Some(model), Some(path)) = (get("--model"), get("--find")) {
        // Print the model's mentions in a text file.
        let model = Model::load(&std::fs::read(&model).expect("read --model")).expect("valid model");
        let text = std::fs::read_to_string(&path).expect("read --find");
        for m in model.find(&text, &newsframe::segment::sentences(&text), Kb::builtin()) {
            println!("{}\t{}\t{}\t{:.2}\t{}", m.start, m.end, m.label, m.score, &text[m.start..m.end]);
        }
        return;
    }
    let train_path = get("--train").expect("--train FILE (the --holdout split needs it even with --model)");
    let out = get("--out");
    let mut opts = TrainOptions { lang: lang.clone(), ..TrainOptions::default() };
    if let Some(v) = get("--epochs") {
        opts.epochs = v.parse().expect("--epochs N");
    }
    if let Some(v) = get("--doc-folds") {
        opts.doc_folds = v.parse().expect("--doc-folds N");
    }
    if let Some(v) = get("--members") {
        opts.members = v.parse().expect("--members N");
    }
    if let Some(v) = get("--cost") {
        // Loss-augmented training: MISS,FALSE (see `TrainOptions::cost`).
        let c: Vec<f32> = v.split(',').map(|x| x.parse().expect("--cost MISS,FALSE")).collect();
        opts.cost = [c[0], *c.get(1).unwrap_or(&c[0])];
    }
    if let Some(v) = get("--seed") {
        opts.seed = v.parse().expect("--seed N");
    }
    if let Some(v) = get("--bits") {
        opts.hash_bits = v.parse().expect("--bits N");
    }
    if let Some(v) = get("--prune") {
        opts.prune = v.parse().expect("--prune X");
    }
    if let Some(v) = get("--dict-min") {
        opts.dict_min_count = v.parse().expect("--dict-min N");
    }
    if let Some(v) = get("--dict-share") {
        opts.dict_share = v.parse().expect("--dict-share X");
    }
    if args.iter().any(|a| a == "--no-clusters") {
        opts.clusters = None;
    }
    if let Some(v) = get("--train-clusters") {
        // Coarse and fine cluster counts, e.g. 48,192.
        let k: Vec<usize> = v.split(',').map(|x| x.parse().expect("--train-clusters K1,K2")).collect();
        opts.clusters = Some(newsframe::ner::clusters::ClusterOptions { k: [k[0], k[1]], ..Default::default() });
    }
    if let Some(path) = get("--clusters") {
        let ext = newsframe::ner::clusters::External::read(&path).unwrap_or_else(|e| panic!("--clusters: {e}"));
        println!("external clusters: {} words, {} levels", ext.words.len(), ext.levels);
        opts.external_clusters = Some(ext);
    }
    if let Some(v) = get("--decoder") {
        opts.decoder = Some(match v.as_str() {
            "greedy" => newsframe::ner::Decoder::Greedy,
            "viterbi" => newsframe::ner::Decoder::Viterbi,
            _ => panic!("--decoder greedy|viterbi"),
        });
    }
    if let Some(v) = get("--case-copies") {
        opts.case_copies = v.parse().expect("--case-copies N");
    }
    if let Some(v) = get("--version") {
        opts.version = v;
    }
    if let Some(path) = get("--gazetteer") {
        // Name lists for the Arabic gazetteer features (entry<TAB>type<TAB>sources, gzipped or not).
        let bytes = std::fs::read(&path).expect("read --gazetteer");
        let g = newsframe::ner::gazetteer::Gazetteer::read_tsv(&bytes).expect("valid --gazetteer");
        println!("gazetteer: {} entries from {path}", g.rows().len());
        opts.gazetteer = Some(g);
    }
    if let Some(path) = get("--kb-snapshot") {
        // Frozen knowledge-base names for the Arabic features (alias<TAB>label<TAB>id).
        let bytes = std::fs::read(&path).expect("read --kb-snapshot");
        let k = newsframe::ner::kb_snapshot::KbSnapshot::read_tsv(&bytes).expect("valid --kb-snapshot");
        println!("kb snapshot: {} names from {path}", k.rows().len());
        opts.kb_snapshot = Some(k);
    }

    let mut train = conll::read(&std::fs::read_to_string(&train_path).expect("read --train"));
    let (mut dev, dev_name) = if let Some(path) = get("--dev") {
        (conll::read(&std::fs::read_to_string(&path).expect("read --dev")), path)
    } else if let Some(frac) = get("--holdout") {
        let frac: f64 = frac.parse().expect("--holdout FRACTION");
        // The first (1 - frac) of the sentences, rounded down, train; the rest is held out.
        let keep = (train.len() as f64 * (1.0 - frac)).floor() as usize;
        let held = train.split_off(keep);
        if let Some(d) = get("--dev-frac") {
            // Tuning: the held-out part stays unseen; the last `d` of the rest is the dev set.
            let d: f64 = d.parse().expect("--dev-frac FRACTION");
            let keep = (train.len() as f64 * (1.0 - d)).floor() as usize;
            let dev = train.split_off(keep);
            (dev, format!("dev: the last {d} of the first {} of {train_path}", 1.0 - frac))
        } else {
            (held, format!("the last {frac} of {train_path}, held out"))
        }
    } else {
        (Vec::new(), String::new())
    };
    if let Some(case) = get("--dev-case") {
        // Robustness check: the evaluation text in capitals or in lower case.
        for s in &mut dev {
            for t in &mut s.tokens {
                *t = match case.as_str() {
                    "upper" => t.to_uppercase(),
                    "lower" => t.to_lowercase(),
                    _ => panic!("--dev-case upper|lower"),
                };
            }
        }
    }
    if let Some(n) = get("--doc-size") {
        // A corpus without document boundaries: pseudo-documents of n sentences.
        let n: usize = n.parse().expect("--doc-size N");
        conll::chunk_documents(&mut train, n);
        conll::chunk_documents(&mut dev, n);
    }
    if let Some(path) = get("--extra") {
        // Self-training: machine-tagged unlabelled text after the gold sentences (their
        // split is already made), its updates scaled by --extra-weight (default 1).
        opts.pseudo_from = Some(train.len());
        if let Some(v) = get("--extra-weight") {
            opts.pseudo_weight = v.parse().expect("--extra-weight X");
        }
        let extra = conll::read(&std::fs::read_to_string(&path).expect("read --extra"));
        println!("extra: {} machine-tagged sentences, weight {}", extra.len(), opts.pseudo_weight);
        train.extend(extra);
    }
    let n_tok: usize = train.iter().map(|s| s.tokens.len()).sum();
    println!("train: {} sentences, {} tokens; eval: {} sentences ({dev_name})", train.len(), n_tok, dev.len());

    let t = Instant::now();
    let model = if let Some(path) = get("--model") {
        // Evaluate an existing model instead of training one; `--kb-snapshot` stores the
        // names it was trained with in a file made before snapshots.
        let mut m = Model::load(&std::fs::read(&path).expect("read --model")).expect("valid model");
        if let Some(k) = opts.kb_snapshot.take() {
            m.set_kb_snapshot(Some(k));
        }
        if let Some(v) = get("--version") {
            m.set_version(&v);
        }
        m
    } else {
        Model::train_with(&train, &opts, &mut |epoch, m| {
            if dev.is_empty() {
                println!("epoch {epoch:>2}  {:.1}s", t.elapsed().as_secs_f64());
            } else {
                let f1 = evaluate(m, &dev).micro().f1;
                println!(
                    "epoch {epoch:>2}  eval micro F1 {f1:.4}  buckets {}  {:.1}s",
                    m.n_weights(),
                    t.elapsed().as_secs_f64()
                );
            }
        })
    };
    let verb = if get("--model").is_some() { "loaded" } else { "trained" };
    println!("{verb} in {:.3}s", t.elapsed().as_secs_f64());

    let bytes = model.save();
    // Report on the model as written, read back.
    let model = Model::load(&bytes).expect("model reads back");
    if !dev.is_empty() {
        println!("\nexact-span scores on {dev_name}:\n{}", evaluate(&model, &dev).table());
    }
    if let Some(path) = get("--predictions") {
        // `token gold predicted` per line, a blank line between sentences (conlleval input).
        let mut text = String::new();
        for doc in documents(&dev) {
            let tokens: Vec<&[String]> = doc.iter().map(|s| s.tokens.as_slice()).collect();
            for (sent, pred) in doc.iter().zip(model.tag_document(&tokens)) {
                for ((tok, gold), p) in sent.tokens.iter().zip(&sent.tags).zip(pred) {
                    text += &format!("{tok} {gold} {p}\n");
                }
                text.push('\n');
            }
        }
        std::fs::write(&path, text).expect("write --predictions");
    }
    println!("model: {} buckets with weights, {:.2} MB gzip", model.n_weights(), bytes.len() as f64 / 1e6);

    if !args.iter().any(|a| a == "--no-speed") && !dev.is_empty() {
        // Tagging speed of `find` on the evaluation documents, one sentence per line.
        let docs: Vec<String> = documents(&dev)
            .into_iter()
            .map(|c| c.iter().map(|s| s.tokens.join(" ")).collect::<Vec<_>>().join("\n"))
            .collect();
        let sents: Vec<_> = docs.iter().map(|d| newsframe::segment::sentences(d)).collect();
        let bytes_in: usize = docs.iter().map(String::len).sum();
        let kb = Kb::builtin();
        let mut n = 0;
        let reps: usize = get("--reps").map_or(5, |v| v.parse().expect("--reps N"));
        let (t, cpu0) = (Instant::now(), thread_cpu_secs());
        for _ in 0..reps {
            n = docs.iter().zip(&sents).map(|(d, s)| model.find(d, s, kb).len()).sum::<usize>();
        }
        let wall = t.elapsed().as_secs_f64() / reps as f64;
        let cpu = thread_cpu_secs().zip(cpu0).map(|(b, a)| (b - a) / reps as f64);
        let mb = bytes_in as f64 / 1e6;
        println!(
            "find: {mb:.2} MB of text, {n} mentions; {:.1} MB/s wall{}",
            mb / wall,
            cpu.map_or(String::new(), |c| format!(", {:.1} MB/s per CPU second", mb / c))
        );
    }

    if let Some(path) = out {
        std::fs::write(&path, &bytes).expect("write --out");
        println!("wrote {path}");
    }
}
