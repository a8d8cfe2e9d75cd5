//! Times the linker on synthetic corpora of 10k, 30k and 100k documents (or the sizes given
//! as arguments), to show that it grows about linearly with the number of mentions.
//!
//! Documents mention invented people (given name and surname built from syllables, each
//! with a home country), one in ten with a typo in the surname, often followed by the
//! surname alone; their home countries (knowledge-base mentions), another country and an
//! invented council. The generator knows who every PERSON mention is, so the example also
//! prints the B-cubed precision and recall of the PERSON clusters against that truth.
//!
//! `CARGO_TARGET_DIR=/work/target-link cargo run --release --example link_scale [-- 10000 30000] [--errors]`
//!
//! `--errors` prints the person entities that join several invented people.
use std::collections::HashMap;
use std::time::Instant;

use newsframe::doc::{Document, Label, Mention, Source};
use newsframe::kb::Kb;
use newsframe::link::{link, LinkOptions};

include!("../src/link/synthetic.rs");

/// B-cubed precision and recall of predicted clusters against true ones, over the items.
fn bcubed(items: &[(u32, usize)]) -> (f64, f64) {
    let mut pred: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut gold: HashMap<usize, Vec<u32>> = HashMap::new();
    let mut both: HashMap<(u32, usize), usize> = HashMap::new();
    for &(p, g) in items {
        pred.entry(p).or_default().push(g);
        gold.entry(g).or_default().push(p);
        *both.entry((p, g)).or_default() += 1;
    }
    let (mut ps, mut rs) = (0.0, 0.0);
    for &(p, g) in items {
        let b = both[&(p, g)] as f64;
        ps += b / pred[&p].len() as f64;
        rs += b / gold[&g].len() as f64;
    }
    let n = items.len().max(1) as f64;
    (ps / n, rs / n)
}

fn main() {
    let errors = std::env::args().any(|a| a == "--errors");
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![10_000, 30_000, 100_000] } else { sizes };
    let kb = Kb::builtin();
    println!("{:>8} {:>10} {:>10} {:>12} {:>10} {:>9} {:>9} {:>9}", "docs", "mentions", "entities", "link", "µs/mention", "person P", "person R", "person F1");
    for n in sizes {
        let (docs, truth) = synthetic(n, 42);
        let n_mentions: usize = docs.iter().map(|d| d.mentions.len()).sum();
        let t = Instant::now();
        let l = link(&docs, kb, &LinkOptions::default());
        let took = t.elapsed();
        let items: Vec<(u32, usize)> = l
            .links
            .iter()
            .zip(&truth)
            .flat_map(|(row, who)| row.iter().zip(who).filter_map(|(m, w)| w.map(|w| (m.entity, w))))
            .collect();
        let (p, r) = bcubed(&items);
        if errors {
            let mut people: HashMap<u32, std::collections::BTreeMap<usize, usize>> = HashMap::new();
            for &(e, w) in &items {
                *people.entry(e).or_default().entry(w).or_default() += 1;
            }
            let mut bad: Vec<(&u32, &std::collections::BTreeMap<usize, usize>)> = people.iter().filter(|(_, w)| w.len() > 1).collect();
            bad.sort_by_key(|(e, w)| (std::cmp::Reverse(w.len()), **e));
            println!("{} person entities join several people; the largest:", bad.len());
            for (e, w) in bad.iter().take(12) {
                let ent = &l.entities[**e as usize];
                println!("  {} {:?} people {:?}", ent.entity_id, &ent.aliases[..ent.aliases.len().min(12)], w);
            }
        }
        let f = 2.0 * p * r / (p + r);
        println!(
            "{:>8} {:>10} {:>10} {:>12.2?} {:>10.3} {:>9.3} {:>9.3} {:>9.3}",
            n,
            n_mentions,
            l.entities.len(),
            took,
            took.as_secs_f64() * 1e6 / n_mentions as f64,
            p,
            r,
            f
        );
    }
}
