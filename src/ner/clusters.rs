//! Word clusters derived from unlabelled text: the tokens of the training file, tags unused.
//!
//! A word is described by the words seen next to it: counts of its left and right
//! neighbours among the most frequent words, log-scaled and length-normalised. Spherical
//! k-means then groups words with similar neighbours (names after "said", places after
//! "in", club names before "beat"), at two granularities. A word seen once as a name in
//! training lends its evidence to the words of its cluster, which the word features alone
//! cannot do. Arabic words are clustered by their stem (proclitics stripped, folded), so
//! that `وموسكو` and `موسكو` share contexts.
//!
//! Deterministic: words are ordered by count then by text, centroids start from words at
//! evenly spaced ranks, and every loop runs in a fixed order.

use std::collections::HashMap;

use super::features::{arabic_stem, norm_string};

/// Clustering parameters.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// Context words: the most frequent ones.
    pub n_context: usize,
    /// Cluster counts, coarse and fine.
    pub k: [usize; 2],
    pub iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> ClusterOptions {
        ClusterOptions { min_count: 2, n_context: 400, k: [48, 192], iterations: 12 }
    }
}

/// The key a word is clustered under: its normalised form, for Arabic that of its stem.
pub fn key(token: &str, arabic: bool) -> String {
    norm_string(arabic_stem(token, arabic).unwrap_or(token))
}

/// Clusters of the words of `sentences`: sorted `(key, coarse + 1, fine + 1)` rows.
pub fn derive<S: AsRef<str>, T: AsRef<[S]>>(sentences: &[T], arabic: bool, opts: &ClusterOptions) -> Vec<(String, u16, u16)> {
    // Keys as ids, numbered by first appearance.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut count: Vec<u32> = Vec::new();
    let seqs: Vec<Vec<u32>> = sentences
        .iter()
        .map(|s| {
            s.as_ref()
                .iter()
                .map(|t| {
                    let k = key(t.as_ref(), arabic);
                    let id = *ids.entry(k.clone()).or_insert_with(|| {
                        names.push(k);
                        count.push(0);
                        (names.len() - 1) as u32
                    });
                    count[id as usize] += 1;
                    id
                })
                .collect()
        })
        .collect();
    // Ranks: by count descending, then text.
    let mut order: Vec<u32> = (0..names.len() as u32).collect();
    order.sort_by(|&a, &b| count[b as usize].cmp(&count[a as usize]).then(names[a as usize].cmp(&names[b as usize])));
    let n_ctx = opts.n_context.min(order.len());
    let mut ctx_of = vec![u32::MAX; names.len()];
    for (r, &w) in order[..n_ctx].iter().enumerate() {
        ctx_of[w as usize] = r as u32;
    }
    let words: Vec<u32> = order.iter().copied().filter(|&w| count[w as usize] >= opts.min_count).collect();
    let mut row_of = vec![u32::MAX; names.len()];
    for (r, &w) in words.iter().enumerate() {
        row_of[w as usize] = r as u32;
    }
    // Sparse context vectors: dimension = context rank (left) or n_ctx + rank (right).
    let mut raw: Vec<HashMap<u32, f32>> = vec![HashMap::new(); words.len()];
    for seq in &seqs {
        for (i, &w) in seq.iter().enumerate() {
            let r = row_of[w as usize];
            if r == u32::MAX {
                continue;
            }
            let left = if i == 0 { Some(2 * n_ctx as u32) } else { Some(ctx_of[seq[i - 1] as usize]).filter(|&c| c != u32::MAX) };
            let right = match seq.get(i + 1) {
                None => Some(2 * n_ctx as u32 + 1),
                Some(&n) => Some(ctx_of[n as usize]).filter(|&c| c != u32::MAX).map(|c| c + n_ctx as u32),
            };
            for d in [left, right].into_iter().flatten() {
                *raw[r as usize].entry(d).or_default() += 1.0;
            }
        }
    }
    let vecs: Vec<Vec<(u32, f32)>> = raw
        .into_iter()
        .map(|m| {
            let mut v: Vec<(u32, f32)> = m.into_iter().map(|(d, c)| (d, (1.0 + c).ln())).collect();
            v.sort_by_key(|p| p.0);
            let norm = v.iter().map(|p| p.1 * p.1).sum::<f32>().sqrt().max(1e-6);
            v.iter_mut().for_each(|p| p.1 /= norm);
            v
        })
        .collect();
    let dim = 2 * n_ctx + 2;
    let assign = |k: usize| kmeans(&vecs, dim, k.min(vecs.len()).max(1), opts.iterations);
    let coarse = assign(opts.k[0]);
    let fine = assign(opts.k[1]);
    let mut out: Vec<(String, u16, u16)> = words
        .iter()
        .enumerate()
        .map(|(r, &w)| (names[w as usize].clone(), coarse[r] as u16 + 1, fine[r] as u16 + 1))
        .collect();
    out.sort();
    out
}

/// Spherical k-means over unit sparse vectors; cluster of each vector.
fn kmeans(vecs: &[Vec<(u32, f32)>], dim: usize, k: usize, iterations: usize) -> Vec<usize> {
    if vecs.is_empty() {
        return Vec::new();
    }
    // Initial centroids: vectors at evenly spaced frequency ranks.
    let mut cent: Vec<Vec<f32>> = (0..k)
        .map(|c| {
            let mut v = vec![0f32; dim];
            for &(d, x) in &vecs[c * vecs.len() / k] {
                v[d as usize] = x;
            }
            v
        })
        .collect();
    let mut assign = vec![usize::MAX; vecs.len()];
    for _ in 0..iterations {
        let mut changed = false;
        for (i, v) in vecs.iter().enumerate() {
            let mut best = (0, f32::NEG_INFINITY);
            for (c, cv) in cent.iter().enumerate() {
                let s: f32 = v.iter().map(|&(d, x)| x * cv[d as usize]).sum();
                if s > best.1 {
                    best = (c, s);
                }
            }
            if assign[i] != best.0 {
                assign[i] = best.0;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        for cv in &mut cent {
            cv.iter_mut().for_each(|x| *x = 0.0);
        }
        for (v, &c) in vecs.iter().zip(&assign) {
            for &(d, x) in v {
                cent[c][d as usize] += x;
            }
        }
        for cv in &mut cent {
            let norm = cv.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                cv.iter_mut().for_each(|x| *x /= norm);
            }
        }
    }
    assign
}

/// Granularities of external clusters a model uses at most (e.g. Brown-cluster prefixes of
/// 4, 6, 10 and 20 bits, or k-means at 64, 256 and 1024 clusters).
pub const MAX_LEVELS: usize = 4;

/// Word clusters computed elsewhere from unlabelled text, shipped inside the model file.
///
/// The file they come from (`--clusters FILE` when training) is TSV, optionally gzipped:
/// one line per word, `word<TAB>c1<TAB>c2…`, where `c1, c2, …` are non-negative integer
/// cluster ids at increasingly fine granularities (1 to [`MAX_LEVELS`] columns, the same
/// number on every line). The word is looked up by [`key`]: its normalised form
/// ([`norm_string`]: lowercase, digits as `0`, typographic quotes and dashes as ASCII,
/// Arabic folded), for Arabic the stem with proclitics stripped. Words are normalised again
/// on reading; when two lines normalise to the same key the first one counts, so files
/// should list frequent words first. Lines starting with `#` are comments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct External {
    /// Granularities (columns after the word).
    pub levels: usize,
    /// Normalised words, sorted.
    pub words: Vec<String>,
    /// `levels` ids per word, in `words` order; stored as id + 1 so that 0 means "none".
    pub ids: Vec<u32>,
}

impl External {
    /// Parses the TSV text described on [`External`].
    pub fn parse(text: &str) -> Result<External, String> {
        let mut levels = 0usize;
        let mut rows: Vec<(String, Vec<u32>)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (n, line) in crate::text::data_lines(text) {
            let mut cols = line.split('\t');
            let word = norm_string(cols.next().unwrap_or(""));
            let ids = cols
                .map(|c| c.trim().parse::<u32>().ok().filter(|&x| x < u32::MAX).map(|x| x + 1))
                .collect::<Option<Vec<u32>>>()
                .ok_or_else(|| format!("line {}: cluster ids must be integers", n + 1))?;
            if ids.is_empty() || ids.len() > MAX_LEVELS {
                return Err(format!("line {}: {} cluster columns (1 to {MAX_LEVELS})", n + 1, ids.len()));
            }
            if levels == 0 {
                levels = ids.len();
            } else if ids.len() != levels {
                return Err(format!("line {}: {} cluster columns, earlier lines {levels}", n + 1, ids.len()));
            }
            if !word.is_empty() && seen.insert(word.clone()) {
                rows.push((word, ids));
            }
        }
        rows.sort();
        let ids = rows.iter().flat_map(|r| r.1.iter().copied()).collect();
        Ok(External { levels, words: rows.into_iter().map(|r| r.0).collect(), ids })
    }

    /// Reads a cluster file (gzipped when its name ends in `.gz`).
    pub fn read(path: &str) -> Result<External, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let text = if path.ends_with(".gz") {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut s)
                .map_err(|e| format!("{path}: {e}"))?;
            s
        } else {
            String::from_utf8(bytes).map_err(|e| format!("{path}: {e}"))?
        };
        External::parse(&text).map_err(|e| format!("{path}: {e}"))
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The ids (+ 1; 0 = none) of each word, padded to [`MAX_LEVELS`].
    pub fn rows(&self) -> impl Iterator<Item = (&str, [u32; MAX_LEVELS])> {
        self.words.iter().enumerate().map(move |(i, w)| {
            let mut r = [0u32; MAX_LEVELS];
            r[..self.levels].copy_from_slice(&self.ids[i * self.levels..(i + 1) * self.levels]);
            (w.as_str(), r)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_group_words_by_context() {
        // Names open sentences before verbs, places close them after prepositions.
        let mut sents: Vec<Vec<String>> = Vec::new();
        for name in ["Ali", "Omar", "Sara", "Hind"] {
            for verb in ["said", "added", "told", "noted", "warned", "asked"] {
                sents.push(vec![name.into(), verb.into()]);
            }
        }
        for place in ["Cairo", "Tunis", "Oran", "Rabat"] {
            for prep in ["in", "from", "to", "near", "via", "toward"] {
                sents.push(vec![prep.into(), place.into()]);
            }
        }
        // Only the names and places (6 uses each) are clustered; the rest is context.
        let opts = ClusterOptions { min_count: 5, n_context: 50, k: [2, 4], iterations: 10 };
        let c = derive(&sents, false, &opts);
        let of = |w: &str| c.iter().find(|r| r.0 == w).map(|r| r.1).unwrap();
        assert_eq!(of("ali"), of("sara"));
        assert_eq!(of("cairo"), of("rabat"));
        assert_ne!(of("ali"), of("cairo"));
        assert_eq!(c, derive(&sents, false, &opts), "deterministic");
    }

    #[test]
    fn external_clusters_parse_normalise_and_reject() {
        let e = External::parse("# comment\nthe\t1\t10\nParis\t2\t20\n1996\t3\t30\nparis\t9\t90\n").unwrap();
        assert_eq!(e.levels, 2);
        assert_eq!(e.words, ["0000", "paris", "the"]);
        // Ids are stored + 1; the first "paris" wins.
        assert_eq!(e.ids, [4, 31, 3, 21, 2, 11]);
        assert_eq!(e.rows().nth(1), Some(("paris", [3, 21, 0, 0])));
        assert!(External::parse("a\t1\nb\t1\t2\n").is_err(), "ragged columns");
        assert!(External::parse("a\tx\n").is_err(), "not an integer");
        assert!(External::parse("a\n").is_err(), "no ids");
        assert!(External::parse("a\t1\t2\t3\t4\t5\n").is_err(), "too many levels");
    }
}
