//! The English event model: candidate features and a linear scorer over them.

use std::sync::OnceLock;

use super::{Role, SentActor};
use crate::relate::FxMap;

/// What the event model sees of one candidate: actor `a` as actor 1 and `b` as actor 2 of
/// the trigger `t_start..t_end`, each with its rank by distance to the trigger.
pub(super) struct FeatureInput<'a> {
    pub(super) words: &'a [String],
    pub(super) punct: &'a [u32],
    pub(super) conjs: &'a [usize],
    pub(super) t_start: usize,
    pub(super) t_end: usize,
    pub(super) phrase: &'a str,
    pub(super) event_type: &'static str,
    pub(super) modality: &'static str,
    pub(super) n_codes: usize,
    /// Whether the rules picked this pair: "fwd", "rev" (the other direction), "other"
    /// (another pair), "none".
    pub(super) rule: &'static str,
    pub(super) a: (&'a SentActor, usize),
    pub(super) b: (&'a SentActor, usize),
}

/// Distance buckets in words.
pub(super) fn bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        _ => "11+",
    }
}

/// The features of one candidate event, as strings (see `scripts/train_event_model.py`).
pub(super) fn features(x: &FeatureInput) -> Vec<String> {
    let mut f: Vec<String> = Vec::with_capacity(64);
    let ty = x.event_type;
    let w = |i: usize| x.words.get(i).map_or("", |s| s.as_str());
    f.push(format!("ty={ty}"));
    f.push(format!("tr={}", x.phrase));
    f.push(format!("mod={}", x.modality));
    f.push(format!("n={}", x.n_codes.min(4)));
    f.push(format!("rule={}", x.rule));
    f.push(format!("ty:rule={ty}:{}", x.rule));
    let role = |r: Role| match r {
        Role::Source => "src",
        Role::Plain => "plain",
        Role::Dest => "dest",
    };
    let side = |a: &SentActor| -> (&'static str, usize) {
        if a.w1 <= x.t_start {
            ("B", x.t_start - a.w1 + 1)
        } else if a.w0 >= x.t_end {
            ("A", a.w0 - x.t_end + 1)
        } else {
            ("I", 0)
        }
    };
    let (sa, da) = side(x.a.0);
    let (sb, db) = side(x.b.0);
    let order = if x.a.0.w0 <= x.b.0.w0 { "ab" } else { "ba" };
    f.push(format!("ord={sa}{sb}{order}"));
    f.push(format!("ty:ord={ty}:{sa}{sb}{order}"));
    for (name, (a, rank), side_, dist) in [("A", x.a, sa, da), ("B", x.b, sb, db)] {
        f.push(format!("{name}.side={side_}"));
        f.push(format!("{name}.role={}", role(a.role)));
        f.push(format!("ty:{name}.role={ty}:{}", role(a.role)));
        f.push(format!("ty:{name}.side.role={ty}:{side_}:{}", role(a.role)));
        f.push(format!("{name}.via={}", a.via));
        f.push(format!("{name}.lab={}", a.label.as_str()));
        f.push(format!("{name}.rank={}", rank.min(2)));
        f.push(format!("{name}.d={}", bucket(dist)));
        let prev = if a.w0 > 0 { w(a.w0 - 1) } else { "^" };
        f.push(format!("{name}.prev={prev}"));
        f.push(format!("ty:{name}.prev={ty}:{prev}"));
        let next = if a.w1 < x.words.len() { w(a.w1) } else { "$" };
        f.push(format!("{name}.next={next}"));
        if a.w0 > 1 {
            f.push(format!("{name}.prev2={}", w(a.w0 - 2)));
        }
        // Words between the actor and the trigger.
        let (lo, hi) = if a.w1 <= x.t_start { (a.w1, x.t_start) } else { (x.t_end, a.w0.max(x.t_end)) };
        if hi > lo && hi - lo <= 8 {
            for i in lo..hi {
                f.push(format!("{name}.{side_}.btw={}", w(i)));
            }
        } else if hi > lo {
            f.push(format!("{name}.far"));
        }
        if x.punct.iter().any(|&p| (p as usize) > lo && (p as usize) <= hi) {
            f.push(format!("{name}.punct"));
        }
    }
    // The two actors side by side ("France and Germany", "France, Germany").
    let (first, second) = if x.a.0.w0 <= x.b.0.w0 { (x.a.0, x.b.0) } else { (x.b.0, x.a.0) };
    if second.w0 >= first.w1 {
        let gap = second.w0 - first.w1;
        if gap == 0 {
            f.push("AB.adj".into());
        } else if gap == 1 && x.conjs.contains(&first.w1) {
            f.push("AB.conj".into());
        } else if gap <= 3 {
            f.push("AB.near".into());
        }
    }
    // The trigger's neighbours and the sentence's words (sport, business, history cues).
    f.push(format!("tprev={}", if x.t_start > 0 { w(x.t_start - 1) } else { "^" }));
    f.push(format!("tnext={}", if x.t_end < x.words.len() { w(x.t_end) } else { "$" }));
    if x.t_start > 1 {
        f.push(format!("tprev2={}", w(x.t_start - 2)));
    }
    let mut bag: Vec<&str> = x.words.iter().map(String::as_str).filter(|s| s.chars().count() >= 3 && !s.chars().all(|c| c.is_ascii_digit())).collect();
    bag.sort_unstable();
    bag.dedup();
    f.extend(bag.into_iter().map(|s| format!("s={s}")));
    f
}

/// A linear model over [`features`]: a weight per feature, a bias and the score from
/// which a candidate is an event. Trained on `bench/data/events/dev.jsonl` only, by
/// `scripts/train_event_model.py`.
pub(super) struct Model {
    pub(super) weights: FxMap<String, f32>,
    /// The event types the training set had examples of (`__types__`).
    pub(super) types: Vec<String>,
    pub(super) bias: f32,
    pub(super) threshold: f32,
}

pub(super) const MODEL_EN: &str = include_str!("../../../python/newsframe/data/events/model_en.tsv");

impl Model {
    /// The shipped English model; None when its file holds no weights (the rules alone).
    pub(super) fn builtin() -> Option<&'static Model> {
        static M: OnceLock<Option<Model>> = OnceLock::new();
        M.get_or_init(|| Model::parse(MODEL_EN)).as_ref()
    }

    pub(super) fn parse(text: &str) -> Option<Model> {
        let mut m = Model { weights: FxMap::default(), types: Vec::new(), bias: 0.0, threshold: 0.0 };
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (k, v) = line.split_once('\t')?;
            if k == "__types__" {
                m.types = v.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
                continue;
            }
            let v: f32 = v.trim().parse().ok()?;
            match k {
                "__bias__" => m.bias = v,
                "__threshold__" => m.threshold = v,
                _ => {
                    m.weights.insert(k.to_string(), v);
                }
            }
        }
        (!m.weights.is_empty()).then_some(m)
    }

    /// Was the model trained on true events of this type? (A type with only negative
    /// candidates in training would be vetoed wholesale.)
    pub(super) fn knows(&self, event_type: &str) -> bool {
        self.types.iter().any(|t| t == event_type)
    }

    pub(super) fn score(&self, feats: &[String]) -> f32 {
        self.bias + feats.iter().filter_map(|f| self.weights.get(f.as_str())).sum::<f32>()
    }
}

/// The training hook: with `NEWSFRAME_EVENT_DUMP=<file>` set, every candidate the model
/// scores is appended to the file with its features (`scripts/train_event_model.py`).
pub(super) struct Dump(std::sync::Mutex<std::fs::File>);

impl Dump {
    pub(super) fn get() -> Option<&'static Dump> {
        static D: OnceLock<Option<Dump>> = OnceLock::new();
        D.get_or_init(|| {
            let path = std::env::var_os("NEWSFRAME_EVENT_DUMP")?;
            let file = std::fs::OpenOptions::new().create(true).append(true).open(path).ok()?;
            Some(Dump(std::sync::Mutex::new(file)))
        })
        .as_ref()
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn write(&self, doc: u32, sentence: u32, ty: &str, c1: &str, c2: &str, modality: &str, feats: &[String]) {
        use std::io::Write as _;
        let line = format!("{doc}\t{sentence}\t{ty}\t{c1}\t{c2}\t{modality}\t{}\n", feats.join(" "));
        if let Ok(mut f) = self.0.lock() {
            let _ = f.write_all(line.as_bytes());
        }
    }
}
