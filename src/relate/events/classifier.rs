//! The learned decision over candidate events: an averaged perceptron (as the NER's) that
//! scores one directed candidate (trigger, actor1, actor2) from features of the trigger, the
//! actors' roles and positions, the lexicon cues between them, and what the rules chose.
//! The rules propose; the classifier accepts or rejects each proposed pair and picks its
//! direction. Weights ship in `python/newsframe/data/events/classifier_en.tsv`, regenerated
//! from the annotated dev part only by `python bench/train_event_classifier.py --write`.
//!
//! Features name no word of the sentence, only lexicon classes: an earlier lexicalised
//! model of 154 training events learnt its sentences, not the task.

use std::collections::HashMap;
use std::sync::OnceLock;

const WEIGHTS: &str = include_str!("../../../python/newsframe/data/events/classifier_en.tsv");

/// The format version a weights file must declare on its first line.
pub const FORMAT: &str = "# newsframe event classifier 1";

/// Feature weights of a linear classifier; a candidate is accepted when its score is above 0.
#[derive(Debug, Clone, Default)]
pub struct Model {
    weights: HashMap<String, f32>,
}

impl Model {
    /// The shipped model, or `None` when the shipped file holds no weights (rules alone
    /// decide then).
    pub fn builtin() -> Option<&'static Model> {
        static MODEL: OnceLock<Option<Model>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                let m = Model::parse(WEIGHTS).expect("shipped event classifier");
                (!m.weights.is_empty()).then_some(m)
            })
            .as_ref()
    }

    /// Reads `feature <TAB> weight` lines after the [`FORMAT`] line; `#` lines are comments.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut lines = text.lines();
        if lines.next().map(str::trim_end) != Some(FORMAT) {
            return Err(format!("event classifier: the first line must be {FORMAT:?}"));
        }
        let mut weights = HashMap::new();
        for (i, line) in lines.enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (f, w) = line.split_once('\t').ok_or_else(|| format!("event classifier line {}: no tab", i + 2))?;
            let w: f32 = w.trim().parse().map_err(|_| format!("event classifier line {}: bad weight", i + 2))?;
            weights.insert(f.to_string(), w);
        }
        Ok(Model { weights })
    }

    pub fn from_weights(weights: impl IntoIterator<Item = (String, f32)>) -> Model {
        Model { weights: weights.into_iter().collect() }
    }

    pub fn score(&self, features: &[String]) -> f32 {
        features.iter().filter_map(|f| self.weights.get(f)).sum()
    }
}

/// Trains a binary averaged perceptron on `(features, accepted)` rows for `epochs` passes;
/// the rows are visited in an order shuffled by a fixed-seed generator, so the weights
/// depend only on the rows. Returns the averaged weights, sorted by feature, zeros left out.
pub fn train(rows: &[(Vec<String>, bool)], epochs: usize, seed: u64) -> Vec<(String, f32)> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let encoded: Vec<(Vec<usize>, bool)> = rows
        .iter()
        .map(|(fs, y)| {
            let mut ids: Vec<usize> = fs
                .iter()
                .map(|f| {
                    let n = index.len();
                    *index.entry(f.as_str()).or_insert(n)
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            (ids, *y)
        })
        .collect();
    let n = index.len();
    // Averaging by the lazy-update trick: `w` the current weights, `u` the sum of each
    // update times the step it happened at; the average is w - u / c.
    let (mut w, mut u) = (vec![0f64; n], vec![0f64; n]);
    let mut c = 1f64;
    let mut order: Vec<usize> = (0..encoded.len()).collect();
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    for _ in 0..epochs {
        // Fisher-Yates with a 64-bit LCG: deterministic on every platform.
        for i in (1..order.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, ((state >> 33) % (i as u64 + 1)) as usize);
        }
        for &r in &order {
            let (ids, y) = &encoded[r];
            let s: f64 = ids.iter().map(|&i| w[i]).sum();
            if (s > 0.0) != *y {
                let d = if *y { 1.0 } else { -1.0 };
                for &i in ids {
                    w[i] += d;
                    u[i] += d * c;
                }
            }
            c += 1.0;
        }
    }
    let mut out: Vec<(String, f32)> = index
        .into_iter()
        .map(|(f, i)| (f.to_string(), (w[i] - u[i] / c) as f32))
        .filter(|(_, x)| x.abs() > 1e-6)
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Adds `offsets` to the weights of those features, inserting the features the weights lack:
/// the decision thresholds, folded into bias features so the shipped file holds them.
pub fn add_offsets(weights: &mut Vec<(String, f32)>, offsets: Vec<(String, f32)>) {
    for (f, x) in offsets {
        match weights.binary_search_by(|(g, _)| g.as_str().cmp(&f)) {
            Ok(i) => weights[i].1 += x,
            Err(i) => weights.insert(i, (f, x)),
        }
    }
}

/// The weights as the shipped file's text.
pub fn save(weights: &[(String, f32)], comment: &str) -> String {
    let mut s = format!("{FORMAT}\n");
    for line in comment.lines() {
        s.push_str(&format!("# {line}\n"));
    }
    for (f, w) in weights {
        s.push_str(&format!("{f}\t{w:.4}\n"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(fs: &[&str], y: bool) -> (Vec<String>, bool) {
        (fs.iter().map(|f| f.to_string()).collect(), y)
    }

    #[test]
    fn classifier_learns_a_separable_rule_and_round_trips() {
        let rows: Vec<_> = (0..20)
            .flat_map(|i| [row(&["bias", "rule:same", if i % 2 == 0 { "a" } else { "b" }], true), row(&["bias", "rule:none", "a"], false)])
            .collect();
        let w = train(&rows, 5, 1);
        assert_eq!(w, train(&rows, 5, 1), "deterministic");
        let m = Model::parse(&save(&w, "test")).unwrap();
        let f = |fs: &[&str]| fs.iter().map(|f| f.to_string()).collect::<Vec<_>>();
        assert!(m.score(&f(&["bias", "rule:same", "a"])) > 0.0);
        assert!(m.score(&f(&["bias", "rule:none", "a"])) <= 0.0);
        assert!(Model::parse("feature\t1.0\n").is_err(), "the version line is required");
    }
}
