//! The averaged perceptron: dense weights while training, a sparse quantised table after.

use super::features::NT;

/// Something that adds the weight row of a feature bucket to per-tag scores.
pub trait Scorer {
    fn add(&self, bucket: u32, acc: &mut [f32; NT]);
}

/// Dense training weights with lazy averaging (Daumé's trick, equivalent to timestamps):
/// every update of `w` by `d` at step `c` also adds `c * d` to `u`; the average of `w` over
/// all steps is then `w - u / c`, with no pass over untouched weights.
pub struct Trainer {
    w: Vec<f32>,
    u: Vec<f64>,
    c: f64,
}

impl Trainer {
    pub fn new(bits: u32) -> Trainer {
        let n = (1usize << bits) * NT;
        Trainer { w: vec![0.0; n], u: vec![0.0; n], c: 1.0 }
    }

    /// One more training example seen.
    #[inline]
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// Moves the weights of `feats` towards `truth` and away from `guess`.
    #[inline]
    pub fn update(&mut self, feats: &[u32], truth: usize, guess: usize) {
        let c = self.c;
        for &f in feats {
            let r = f as usize * NT;
            self.w[r + truth] += 1.0;
            self.u[r + truth] += c;
            self.w[r + guess] -= 1.0;
            self.u[r + guess] -= c;
        }
    }

    /// Adds `d` to the weight of tag `tag` of every feature of `feats`.
    #[inline]
    pub fn add_all(&mut self, feats: &[u32], tag: usize, d: f32) {
        let c = self.c;
        for &f in feats {
            let r = f as usize * NT + tag;
            self.w[r] += d;
            self.u[r] += c * d as f64;
        }
    }

    /// The averaged weights.
    pub fn averaged(&self) -> Vec<f32> {
        let c = self.c;
        self.w.iter().zip(&self.u).map(|(&w, &u)| (w as f64 - u / c) as f32).collect()
    }
}

impl Scorer for Trainer {
    #[inline(always)]
    fn add(&self, bucket: u32, acc: &mut [f32; NT]) {
        let r = bucket as usize * NT;
        let row: &[f32; NT] = self.w[r..r + NT].try_into().expect("row");
        for k in 0..NT {
            acc[k] += row[k];
        }
    }
}

/// One 64-bucket block of the presence bitmap, with the number of kept buckets before it.
#[derive(Debug, Clone, Copy, Default)]
struct Block {
    bits: u64,
    base: u32,
}

/// The weights of a trained model: only the buckets with a weight that matters, quantised
/// to `i16` with one scale for the model. A presence bitmap with rank counts maps a bucket
/// to its row (no hashing, no probing; 1 MB for 2^22 buckets). Row 0 is all zeros and
/// stands for every absent bucket, so a lookup has no data-dependent branch and the CPU
/// can overlap the cache misses of many lookups.
#[derive(Debug, Clone)]
pub struct Table {
    blocks: Vec<Block>,
    rows: Vec<[i16; NT]>,
    /// Real weight = quantised weight × scale.
    pub scale: f32,
}

impl Table {
    /// Keeps the buckets of `avg` (dense, `NT` weights per bucket, a power of two buckets)
    /// with a weight of magnitude at least `prune`; smaller weights of kept buckets are zeroed.
    pub fn from_dense(avg: &[f32], prune: f32) -> Table {
        let n = avg.len() / NT;
        assert!(n.is_power_of_two() && n >= 64, "bucket count must be a power of two");
        let max = avg.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / i16::MAX as f32 } else { 1.0 };
        let mut buckets = Vec::new();
        let mut weights = Vec::new();
        for (b, row) in avg.chunks_exact(NT).enumerate() {
            if row.iter().any(|w| w.abs() >= prune) {
                buckets.push(b as u32);
                weights.extend(row.iter().map(|&w| if w.abs() >= prune { (w / scale).round() as i16 } else { 0 }));
            }
        }
        Table::from_sparse(n.trailing_zeros(), &buckets, &weights, scale)
    }

    /// Builds the table of `2^bits` buckets from strictly increasing bucket ids and their
    /// rows of `NT` quantised weights.
    pub fn from_sparse(bits: u32, buckets: &[u32], weights: &[i16], scale: f32) -> Table {
        assert_eq!(buckets.len() * NT, weights.len());
        let mut blocks = vec![Block::default(); ((1usize << bits) / 64).max(1)];
        for &b in buckets {
            blocks[b as usize >> 6].bits |= 1 << (b & 63);
        }
        let mut base = 1u32;
        for blk in &mut blocks {
            blk.base = base;
            base += blk.bits.count_ones();
        }
        let mut rows = vec![[0i16; NT]];
        rows.extend(weights.chunks_exact(NT).map(|r| <[i16; NT]>::try_from(r).expect("row")));
        Table { blocks, rows, scale }
    }

    /// Sorted bucket ids and their quantised rows.
    pub fn to_sparse(&self) -> (Vec<u32>, Vec<i16>) {
        let mut buckets = Vec::with_capacity(self.rows.len());
        for (i, blk) in self.blocks.iter().enumerate() {
            let mut bits = blk.bits;
            while bits != 0 {
                buckets.push((i * 64) as u32 + bits.trailing_zeros());
                bits &= bits - 1;
            }
        }
        (buckets, self.rows[1..].iter().flatten().copied().collect())
    }

    /// Number of buckets kept.
    pub fn len(&self) -> usize {
        self.rows.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of memory the table holds.
    pub fn memory(&self) -> usize {
        self.blocks.len() * std::mem::size_of::<Block>() + self.rows.len() * std::mem::size_of::<[i16; NT]>()
    }
}

impl Table {
    /// Row index of each bucket in `buckets` (0 for absent ones), appended to `out`. A pass
    /// of independent loads, so that the cache misses of many lookups overlap.
    #[inline]
    pub fn resolve(&self, buckets: &[u32], out: &mut Vec<u32>) {
        // The rank is a population count: one instruction where the CPU has it, a dozen in
        // the baseline x86-64 the release is built for.
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU has the feature the function is compiled for.
            return unsafe { self.resolve_popcnt(buckets, out) };
        }
        self.resolve_any(buckets, out)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "popcnt")]
    unsafe fn resolve_popcnt(&self, buckets: &[u32], out: &mut Vec<u32>) {
        self.resolve_any(buckets, out)
    }

    #[inline(always)]
    fn resolve_any(&self, buckets: &[u32], out: &mut Vec<u32>) {
        // A plain loop, so that the count is compiled inside the caller's target features.
        // It writes into slots made first, where a push per bucket tested the capacity and
        // stored the length each time.
        let at = out.len();
        out.resize(at + buckets.len(), 0);
        for (row, &b) in out[at..].iter_mut().zip(buckets) {
            let blk = self.blocks[b as usize >> 6];
            let bit = 1u64 << (b & 63);
            let present = (blk.bits & bit != 0) as u32;
            *row = (blk.base + (blk.bits & (bit - 1)).count_ones()) * present;
        }
    }

    /// Adds row `row` (from [`Table::resolve`]) to `acc`.
    #[inline(always)]
    pub fn add_row(&self, row: u32, acc: &mut [i32; NT]) {
        let r = &self.rows[row as usize];
        for k in 0..NT {
            acc[k] += r[k] as i32;
        }
    }
}

impl Scorer for Table {
    #[inline(always)]
    fn add(&self, bucket: u32, acc: &mut [f32; NT]) {
        let blk = self.blocks[bucket as usize >> 6];
        let bit = 1u64 << (bucket & 63);
        let present = (blk.bits & bit != 0) as usize;
        let row = &self.rows[(blk.base as usize + (blk.bits & (bit - 1)).count_ones() as usize) * present];
        for k in 0..NT {
            acc[k] += row[k] as f32;
        }
    }
}

/// A seeded xorshift64* generator: the only randomness in training.
pub struct XorShift(u64);

impl XorShift {
    pub fn new(seed: u64) -> XorShift {
        // Never zero; spread small seeds.
        XorShift(super::features::fmix(seed ^ 0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n` (n > 0), by rejection so there is no modulo bias.
    pub fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next_u64();
            if x < zone {
                return (x % n) as usize;
            }
        }
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perceptron_table_round_trip() {
        let mut dense = vec![0f32; 64 * NT];
        dense[3 * NT + 1] = 2.0;
        dense[3 * NT + 2] = 0.001;
        dense[40 * NT] = -1.5;
        let t = Table::from_dense(&dense, 0.01);
        assert_eq!(t.len(), 2);
        let (b, w) = t.to_sparse();
        assert_eq!(b, [3, 40]);
        let t2 = Table::from_sparse(6, &b, &w, t.scale);
        let mut acc = [0f32; NT];
        t2.add(3, &mut acc);
        assert!((acc[1] * t2.scale - 2.0).abs() < 1e-3);
        assert_eq!(acc[2], 0.0);
        let mut none = [0f32; NT];
        t2.add(5, &mut none);
        assert_eq!(none, [0.0; NT]);
    }

    #[test]
    fn perceptron_xorshift_is_seeded() {
        let mut a = XorShift::new(1);
        let mut b = XorShift::new(1);
        let mut c = XorShift::new(2);
        let va: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let vb: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        let vc: Vec<u64> = (0..5).map(|_| c.next_u64()).collect();
        assert_eq!(va, vb);
        assert_ne!(va, vc);
    }
}
