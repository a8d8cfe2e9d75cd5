//! Scaling of `dedup::stories`, `relate::cooccurrence` and `relate::events` on synthetic
//! corpora of 10k, 30k and 100k documents.
//!
//! The documents are varied copies of the processed sample articles (data/sample/*.txt):
//! each copy takes three of one sample's sentences (with their mentions), adds two
//! sentences of its own words, renames the sample's non-knowledge-base entities to one of a
//! pool of variants (shared by a group of about twenty copies at every size) and scales its money amounts
//! by the group, so that copies are mostly distinct stories, every tenth document is a
//! light edit of the one before (a near-duplicate), and English and Arabic copies of one
//! group may share enough to be one story.
//!
//! `CARGO_TARGET_DIR=/work/target-relate cargo run --release --example stories_scale`
//! (sizes can be given as arguments: `-- 1000 5000`).
use std::time::Instant;

use newsframe::dedup;
use newsframe::features::stories::StoryOptions;
use newsframe::doc::{Document, Mention};
use newsframe::ingest::expand;
use newsframe::kb::Kb;
use newsframe::link::{LinkedEntity, Linking, MentionLink};
use newsframe::pipeline::{run, Input, Options};
use newsframe::relate::{self, Level};

const POOL: usize = 20_000;
const FILLER: [&str; 24] = [
    "harbour", "council", "market", "river", "festival", "budget", "school", "railway", "factory", "museum", "election",
    "harvest", "bridge", "clinic", "stadium", "library", "airport", "forest", "tunnel", "reservoir", "orchestra",
    "vineyard", "lighthouse", "observatory",
];

fn mix(z: u64) -> u64 {
    let mut z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// `n` synthetic documents and their linking, built from the processed samples.
fn synthesize(seeds: &[Document], base: &Linking, n: usize) -> (Vec<Document>, Linking) {
    let mut entities = base.entities.clone();
    let n_base = entities.len();
    // A pool of renamed variants of the non-kb entities.
    for v in 0..POOL {
        let src = &base.entities[v % n_base];
        entities.push(LinkedEntity { entity_id: format!("{}#{v}", src.entity_id), kb_id: None, country: None, ..src.clone() });
    }
    let mut docs = Vec::with_capacity(n);
    let mut links = Vec::with_capacity(n);
    for i in 0..n {
        let edit_of_previous = i % 10 == 9;
        let key = (if edit_of_previous { i - 1 } else { i }) as u64;
        let h = mix(key);
        let s = (h % seeds.len() as u64) as usize;
        let seed = &seeds[s];
        // About twenty copies per group at every corpus size.
        let group = (h >> 8) % (n as u64 / 20).max(1);
        // Three sentences of the seed, chosen by the copy's hash.
        let n_sent = seed.sentences.len();
        let mut chosen: Vec<usize> = Vec::new();
        let mut x = h;
        while chosen.len() < 3.min(n_sent) {
            x = mix(x);
            let si = (x % n_sent as u64) as usize;
            if !chosen.contains(&si) {
                chosen.push(si);
            }
        }
        chosen.sort_unstable();
        let mut text = String::new();
        let mut sentences = Vec::new();
        let mut mentions: Vec<Mention> = Vec::new();
        let mut row: Vec<MentionLink> = Vec::new();
        for &si in &chosen {
            let r = seed.sentences[si].clone();
            let start = text.len();
            text.push_str(&seed.text[r.clone()]);
            sentences.push(start..text.len());
            for (m, mention) in seed.mentions.iter().enumerate() {
                if mention.start >= r.start && mention.end <= r.end {
                    let mut mm = mention.clone();
                    mm.start = mention.start - r.start + start;
                    mm.end = mention.end - r.start + start;
                    if let Some(a) = mm.value.amount_min.as_mut() {
                        *a *= 1.0 + group as f64;
                    }
                    if let Some(a) = mm.value.amount_max.as_mut() {
                        *a *= 1.0 + group as f64;
                    }
                    let mut link = base.links[s][m];
                    if base.entities[link.entity as usize].kb_id.is_none() {
                        link.entity = (n_base + (link.entity as usize * 7919 + group as usize) % POOL) as u32;
                    }
                    mentions.push(mm);
                    row.push(link);
                }
            }
            text.push('\n');
        }
        // Two sentences of the copy's own words; an edit changes one of them.
        for part in 0..2u64 {
            let start = text.len();
            let words: Vec<String> = (0..14u64)
                .map(|w| {
                    let x = mix(key * 131 + part * 17 + w + if edit_of_previous && part == 1 && w == 5 { 1000 } else { 0 });
                    format!("{}{}", FILLER[(x % FILLER.len() as u64) as usize], x % 97)
                })
                .collect();
            text.push_str(&words.join(" "));
            text.push('.');
            sentences.push(start..text.len());
            text.push('\n');
        }
        docs.push(Document {
            source: format!("synthetic-{i}"),
            lang: seed.lang.clone(),
            n_words: 0,
            text,
            sentences,
            mentions,
            ..Document::default()
        });
        links.push(row);
    }
    (docs, Linking { entities, links })
}

fn main() {
    let sizes: Vec<usize> = {
        let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
        if args.is_empty() {
            vec![10_000, 30_000, 100_000]
        } else {
            args
        }
    };
    let root = env!("CARGO_MANIFEST_DIR");
    let ex = expand(&[format!("{root}/data/sample/*.txt")]).expect("sample corpus");
    let seeds = run(ex.entries.into_iter().map(Input::from).collect(), &Options::default()).expect("pipeline");
    let base = newsframe::link::link(&seeds, Kb::builtin(), &Default::default());
    println!("threads: {}", rayon::current_num_threads());
    println!(
        "{:>8} {:>8} {:>9} {:>8} {:>12} {:>9} {:>8} {:>8} {:>9} {:>10} {:>10} {:>9}",
        "docs", "MB text", "stories", "us/doc", "(fingerpr.)", "cooccur", "us/doc", "events", "us/doc", "n stories", "cross-lang", "n events"
    );
    for &n in &sizes {
        let (docs, linking) = synthesize(&seeds, &base, n);
        let mb = docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6;
        let t = Instant::now();
        let stories = dedup::stories(&docs, &linking, &StoryOptions::default());
        let t_stories = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let fp = dedup::Fingerprints::build(&docs, &linking);
        let cross = fp.cross_language_pairs(StoryOptions::default().cross_lang_threshold);
        let t_fp = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let co = relate::cooccurrence(&docs, &linking, Level::Sentence);
        let t_co = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let events = relate::events(&docs, &linking, Kb::builtin());
        let t_ev = t.elapsed().as_secs_f64();
        let n_stories = stories.iter().enumerate().filter(|(d, &s)| s as usize == *d).count();
        println!(
            "{:>8} {:>8.1} {:>8.2}s {:>8.1} {:>11.2}s {:>8.2}s {:>8.1} {:>7.2}s {:>9.1} {:>10} {:>10} {:>9}",
            n,
            mb,
            t_stories,
            t_stories * 1e6 / n as f64,
            t_fp,
            t_co,
            t_co * 1e6 / n as f64,
            t_ev,
            t_ev * 1e6 / n as f64,
            n_stories,
            cross.len(),
            events.len(),
        );
        drop(co);
    }
}
