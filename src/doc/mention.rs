//! The types of a mention: its label, the recogniser that proposed it, the normalised
//! value of MONEY, PERCENT and DATE, and the interval set the resolvers select with.
//!
//! They are data only, so that the recognisers (`kb`, `ner`, `extract`) and every later
//! stage can share them without importing each other.

use std::fmt;

/// The eight entity labels, as in OntoNotes/spaCy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Label {
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Date,
    Money,
    Percent,
    /// A name of no other type (events, works, products, nationalities the knowledge base
    /// does not know): the CoNLL MISC type of the models. Not one of the eight labels
    /// ([`Label::ALL`]); kept only when asked for (`include_misc`), with `label_detail`
    /// MISC.
    Misc,
}

impl Label {
    pub const ALL: [Label; 8] = [
        Label::Person,
        Label::Org,
        Label::Gpe,
        Label::Loc,
        Label::Norp,
        Label::Date,
        Label::Money,
        Label::Percent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Gpe => "GPE",
            Label::Loc => "LOC",
            Label::Norp => "NORP",
            Label::Date => "DATE",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Misc => "MISC",
        }
    }

    /// The finer type behind a label, for the `label_detail` column: `MISC` for
    /// [`Label::Misc`], else none.
    pub fn detail(self) -> Option<&'static str> {
        (self == Label::Misc).then_some("MISC")
    }

    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which recogniser proposed a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Source {
    /// A knowledge-base alias.
    Kb,
    /// A value pattern (MONEY, PERCENT, DATE).
    Pattern,
    /// A cue rule (a title before a name, an organisation head word).
    Rule,
    /// A trained statistical model.
    Model,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Kb => "kb",
            Source::Pattern => "pattern",
            Source::Rule => "rule",
            Source::Model => "model",
        }
    }
}

/// Normalised values of MONEY, PERCENT and DATE mentions.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Value {
    pub amount_min: Option<f64>,
    pub amount_max: Option<f64>,
    /// ISO 4217 code.
    pub currency: Option<String>,
    pub percent: Option<f64>,
    /// ISO 8601 prefix: `2018`, `2018-09`, `2018-05-14`.
    pub date: Option<String>,
    /// End of a range (`1954-1962`), same format.
    pub date_end: Option<String>,
    /// A comparative modifier written before a MONEY or PERCENT value and kept outside its
    /// span ("more than", "about", "at least", "up to"), lower-cased; Arabic as written
    /// ("أكثر من"). Records written before the field existed load with none.
    #[serde(default)]
    pub qualifier: Option<String>,
}

/// A candidate or final mention. Offsets are byte offsets into the document's clean text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub source: Source,
    pub kb_id: Option<String>,
    pub value: Value,
    /// Confidence of the recogniser in [0, 1]; the resolver prefers higher, then longer.
    pub score: f32,
}

impl Mention {
    pub fn new(start: usize, end: usize, label: Label, source: Source, score: f32) -> Mention {
        Mention { start, end, label, source, kb_id: None, value: Value::default(), score }
    }
}

/// The mentions of `sorted` (sorted by start) that start at byte `at`.
pub(crate) fn starting_at(sorted: &[Mention], at: usize) -> &[Mention] {
    let i = sorted.partition_point(|m| m.start < at);
    let n = sorted[i..].iter().take_while(|m| m.start == at).count();
    &sorted[i..i + n]
}

/// Set of disjoint half-open intervals, for greedy selection: candidates are offered best
/// first and kept when they overlap nothing kept so far. A document keeps a few dozen, so
/// they sit in a sorted vector (a binary search and a short move per insert, where a
/// `BTreeMap` allocated nodes and walked them); past [`Disjoint::SMALL`] intervals, inserts
/// in the middle would move too much and the map takes over.
#[derive(Debug, Default)]
pub(crate) struct Disjoint {
    /// (start, end), sorted by start, while the set is small.
    small: Vec<(usize, usize)>,
    /// start -> end, once it is not.
    large: std::collections::BTreeMap<usize, usize>,
}

impl Disjoint {
    const SMALL: usize = 256;

    /// Takes `start..end` if it overlaps no interval taken so far.
    pub(crate) fn try_take(&mut self, start: usize, end: usize) -> bool {
        // Taken intervals are disjoint, so those starting earlier end before this one starts:
        // the last interval starting before `end` is the only one that can overlap.
        if self.large.is_empty() {
            let i = self.small.partition_point(|&(s, _)| s < end);
            if i > 0 && self.small[i - 1].1 > start {
                return false;
            }
            if self.small.len() < Self::SMALL {
                // As the map's insert: an interval with the same start (an empty one, or
                // one this empty interval starts) gets the new end.
                let j = self.small.partition_point(|&(s, _)| s < start);
                match self.small.get_mut(j) {
                    Some(same) if same.0 == start => same.1 = end,
                    _ => self.small.insert(j, (start, end)),
                }
                return true;
            }
            self.large.extend(self.small.drain(..));
        }
        if let Some((_, &e)) = self.large.range(..end).next_back() {
            if e > start {
                return false;
            }
        }
        self.large.insert(start, end);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vector, and the map it hands over to, answer as a map alone did: random
    /// offers (empty intervals and equal starts included) past [`Disjoint::SMALL`] kept.
    #[test]
    fn disjoint_answers_as_a_map() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for round in 0..200 {
            let span = if round % 2 == 0 { 60 } else { 4000 };
            let mut set = Disjoint::default();
            let mut map = std::collections::BTreeMap::new();
            for _ in 0..600 {
                let start = next(span);
                let end = start + next(4);
                let want = match map.range(..end).next_back() {
                    Some((_, &e)) if e > start => false,
                    _ => {
                        map.insert(start, end);
                        true
                    }
                };
                assert_eq!(set.try_take(start, end), want, "offer {start}..{end}");
            }
            let kept: Vec<(usize, usize)> = if set.large.is_empty() { set.small.clone() } else { set.large.into_iter().collect() };
            assert_eq!(kept, map.into_iter().collect::<Vec<_>>());
        }
    }

    /// Records written before `Value::qualifier` existed (six value fields) still load.
    #[test]
    fn value_without_qualifier_loads() {
        #[derive(serde::Serialize)]
        struct OldValue {
            amount_min: Option<f64>,
            amount_max: Option<f64>,
            currency: Option<String>,
            percent: Option<f64>,
            date: Option<String>,
            date_end: Option<String>,
        }
        #[derive(serde::Serialize)]
        struct OldMention {
            start: usize,
            end: usize,
            label: Label,
            source: Source,
            kb_id: Option<String>,
            value: OldValue,
            score: f32,
        }
        let old = OldMention {
            start: 0,
            end: 2,
            label: Label::Money,
            source: Source::Pattern,
            kb_id: None,
            value: OldValue {
                amount_min: Some(3e9),
                amount_max: Some(3e9),
                currency: Some("USD".into()),
                percent: None,
                date: None,
                date_end: None,
            },
            score: 0.9,
        };
        let bytes = rmp_serde::to_vec(&old).unwrap();
        let m: Mention = rmp_serde::from_slice(&bytes).unwrap();
        assert_eq!((m.value.amount_min, m.value.currency.as_deref(), m.value.qualifier.as_deref()), (Some(3e9), Some("USD"), None));
        let with = Mention { value: Value { qualifier: Some("about".into()), ..m.value.clone() }, ..m };
        let back: Mention = rmp_serde::from_slice(&rmp_serde::to_vec(&with).unwrap()).unwrap();
        assert_eq!(back, with);
    }
}
