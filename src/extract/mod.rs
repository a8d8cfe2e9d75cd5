//! Extraction: entity mentions from clean text.
//!
//! Several recognisers propose candidate [`Mention`]s independently: the knowledge-base
//! matcher ([`crate::kb`]), the value patterns ([`values`]: MONEY, PERCENT, DATE), the name
//! rules ([`names`]: PERSON and ORG from cues), and later a trained model. One resolver
//! ([`resolve`]) then chooses among overlapping candidates, so adding a recogniser never
//! means rewriting the others.

pub mod arabic;
pub mod names_ar;
pub mod names_en;
pub mod values;

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

/// Set of disjoint half-open intervals, for greedy selection in O(n log n): candidates are
/// offered best first and kept when they overlap nothing kept so far.
#[derive(Debug, Default)]
pub(crate) struct Disjoint {
    taken: std::collections::BTreeMap<usize, usize>,
}

impl Disjoint {
    /// Takes `start..end` if it overlaps no interval taken so far.
    pub(crate) fn try_take(&mut self, start: usize, end: usize) -> bool {
        // Taken intervals are disjoint, so those starting earlier end before this one starts:
        // the last interval starting before `end` is the only one that can overlap.
        if let Some((_, &e)) = self.taken.range(..end).next_back() {
            if e > start {
                return false;
            }
        }
        self.taken.insert(start, end);
        true
    }
}

/// Chooses among overlapping candidates: a span that contains another wins (an ORG
/// "US Department of Defense" over the GPE "US" inside it), then the higher score, then
/// the earlier start. Mentions that cross a sentence boundary are dropped, so that every
/// mention lies inside its sentence. Returns mentions sorted by start.
pub fn resolve(mut candidates: Vec<Mention>, sentences: &[std::ops::Range<usize>]) -> Vec<Mention> {
    candidates.retain(|m| {
        m.start < m.end && {
            let i = sentences.partition_point(|s| s.end <= m.start);
            sentences.get(i).is_some_and(|s| s.start <= m.start && m.end <= s.end)
        }
    });
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(b.score.total_cmp(&a.score))
            .then(a.start.cmp(&b.start))
            .then(a.source.cmp(&b.source))
    });
    let mut taken = Disjoint::default();
    let mut chosen: Vec<Mention> = Vec::with_capacity(candidates.len());
    for m in candidates {
        if taken.try_take(m.start, m.end) {
            chosen.push(m);
        }
    }
    chosen.sort_by_key(|m| (m.start, m.end));
    chosen
}

/// Least score of a model candidate that is not a person and not in the knowledge base.
const MODEL_MIN_SCORE: f32 = 0.7;

/// Extraction options.
#[derive(Clone, Copy, Default)]
pub struct ExtractOptions<'a> {
    /// The document's date (ISO 8601 prefix) for resolving relative dates.
    pub doc_date: Option<&'a str>,
    /// A statistical NER model whose candidates join the others.
    pub model: Option<&'a crate::ner::Model>,
}

/// All mentions of one document's clean `text`, given its sentences.
///
/// ```
/// use newsframe::{kb::Kb, segment};
/// use newsframe::extract::{mentions, ExtractOptions};
/// let text = "Algeria bought $3 billion of arms from Russia in 2021.";
/// let m = mentions(text, &segment::sentences(text), Kb::builtin(), ExtractOptions::default());
/// let got: Vec<_> = m.iter().map(|m| (&text[m.start..m.end], m.label.as_str())).collect();
/// assert_eq!(got, [("Algeria", "GPE"), ("$3 billion", "MONEY"), ("Russia", "GPE"), ("2021", "DATE")]);
/// ```
pub fn mentions(
    text: &str,
    sentences: &[std::ops::Range<usize>],
    kb: &crate::kb::Kb,
    opts: ExtractOptions<'_>,
) -> Vec<Mention> {
    let kb_hits = kb.find(text);
    let mut known = kb_hits.clone();
    known.extend(values::find(text, opts.doc_date));
    known.sort_by_key(|m| (m.start, m.end));
    let mut candidates = names_en::find(text, &known);
    candidates.extend(names_ar::find(text, &known));
    if let Some(model) = opts.model {
        // Trained on Reuters, the model is strong on people but over-fires on Title Case
        // phrases of other domains ("the Treaty of Friendship", "External Security"). Its
        // other labels join only when the knowledge base knows the span or it is confident.
        let found: Vec<Mention> = model
            .find_with_kb(text, sentences, &kb_hits)
            .into_iter()
            .filter(|m| m.label == Label::Person || m.kb_id.is_some() || m.score >= MODEL_MIN_SCORE)
            .collect();
        let people = person_tokens(text, candidates.iter().chain(&found));
        let keep = |m: &Mention| m.label != Label::Person || model_person_ok(text, m, &kb_hits, &people);
        let found: Vec<Mention> = found.into_iter().filter(|m| keep(m)).collect();
        candidates.extend(found);
    }
    candidates.extend(known);
    resolve(candidates, sentences)
}

/// Words of the multi-word PERSON candidates of a document: a lone word among them is a
/// person mentioned again by surname or given name.
fn person_tokens<'t, 'm>(
    text: &'t str,
    cands: impl Iterator<Item = &'m Mention>,
) -> std::collections::HashSet<&'t str> {
    let mut out = std::collections::HashSet::new();
    for m in cands.filter(|m| m.label == Label::Person) {
        let words: Vec<&str> = text[m.start..m.end].split_whitespace().collect();
        if words.len() >= 2 {
            out.extend(words);
        }
    }
    out
}

/// Checks a Latin-script PERSON candidate of the model against the other evidence. Trained
/// on Reuters, the model takes Title Case words of other styles for names ("Regional and
/// Multilateral Affairs", "the Maqam of the Martyr", "Dai Algeria"). A lone word must be
/// a known given name or a word of a multi-word person of the same document, or the model
/// must be confident; a span that holds a place the knowledge base knows must start with
/// a known given name ("Michael Jordan", not "Dai Algeria").
fn model_person_ok(text: &str, m: &Mention, kb_hits: &[Mention], people: &std::collections::HashSet<&str>) -> bool {
    let span = &text[m.start..m.end];
    if !span.chars().any(|c| c.is_ascii_alphabetic()) {
        return true;
    }
    let words: Vec<&str> = span.split_whitespace().collect();
    let first_ok = words.first().is_some_and(|w| names_en::is_first_name(w));
    let i = kb_hits.partition_point(|k| k.end <= m.start);
    let holds_place = kb_hits[i..]
        .iter()
        .take_while(|k| k.start < m.end)
        .any(|k| matches!(k.label, Label::Gpe | Label::Loc | Label::Norp));
    if holds_place && !first_ok {
        return false;
    }
    words.len() >= 2 || first_ok || people.contains(span) || m.score >= MODEL_MIN_SCORE
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn resolve_prefers_containing_then_score() {
        let sents = vec![0..100];
        let m = |s, e, l, sc| Mention::new(s, e, l, Source::Rule, sc);
        let got = resolve(
            vec![m(0, 2, Label::Gpe, 0.8), m(0, 24, Label::Org, 0.7), m(30, 40, Label::Person, 0.6), m(35, 45, Label::Org, 0.5)],
            &sents,
        );
        assert_eq!(got.iter().map(|m| (m.start, m.label)).collect::<Vec<_>>(), [(0, Label::Org), (30, Label::Person)]);
        let crossing = resolve(vec![m(5, 15, Label::Person, 0.9)], &[0..10, 11..20]);
        assert!(crossing.is_empty());
    }
}
