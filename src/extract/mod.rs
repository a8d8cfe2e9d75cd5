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
pub mod place_type;
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
/// "US Department of Defense" over the GPE "US" inside it); of equal spans the model's
/// wins, since it read the context ("Jordan" the player, not the country); then the
/// higher score, then the earlier start. Mentions that cross a sentence boundary are
/// dropped, so that every mention lies inside its sentence. Returns mentions sorted by
/// start.
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
            .then((b.source == Source::Model).cmp(&(a.source == Source::Model)))
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

/// Extraction options.
#[derive(Clone, Copy, Default)]
pub struct ExtractOptions<'a> {
    /// The document's date (ISO 8601 prefix) for resolving relative dates.
    pub doc_date: Option<&'a str>,
    /// A statistical NER model whose candidates join the others.
    pub model: Option<&'a crate::ner::Model>,
    /// Whether MISC mentions will be kept (`include_misc`); without them, a hyphenated
    /// MISC span yields to the names in its parts.
    pub include_misc: bool,
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
    let mut titles = Vec::new();
    let mut candidates = names_en::find_with_titles(text, &known, &mut titles);
    candidates.extend(names_ar::find(text, &known));
    if let Some(model) = opts.model {
        // The model leads on names: every span it finds is a candidate, whatever the
        // lists say, because the names no list holds are the ones it exists for. The
        // knowledge base only types and identifies what it found.
        // It types them with the knowledge base itself (`place_type::type_with_kb`).
        let mut found = model.find_with_kb(text, sentences, &kb_hits);
        // The Arabic model read only Arabic script in training: on the Latin lines of a
        // mixed document its spans mean nothing, and the rules and lists cover them.
        if model.lang() == "ar" {
            found.retain(|m| text[m.start..m.end].chars().any(arabic::is_arabic_letter));
        }
        // A name never overlaps a title phrase the rules read: "Defense" of "Secretary of
        // Defense", "US Secretary of Defense", "General de Gaulle" (the rules' person is
        // "de Gaulle"): the Reuters-trained tagger, never shown such titles, takes them for names.
        found.retain(|m| !overlaps_title(m, &titles));
        // A place the model guesses (no knowledge-base entry) where a rule found a person with
        // a cue ("said Chanegriha", "the Biden administration") is that person.
        let persons: std::collections::HashSet<(usize, usize)> = candidates
            .iter()
            .filter(|c| c.source == Source::Rule && c.label == Label::Person)
            .map(|c| (c.start, c.end))
            .collect();
        found.retain(|m| !(m.label == Label::Gpe && m.kb_id.is_none() && persons.contains(&(m.start, m.end))));
        if !opts.include_misc {
            // Without MISC in the output, a hyphenated MISC ("Russia-Ukrainian", "U.S.-led")
            // must not hide the names the knowledge base finds in its parts.
            found.retain(|m| !(m.label == Label::Misc && hyphen_parts_known(text, m, &kb_hits)));
        }
        place_type::agree_in_document(text, &mut found);
        candidates.extend(found);
    }
    candidates.extend(known);
    resolve(candidates, sentences)
}

/// Whether `m` overlaps one of the title phrases `titles` (sorted by start, disjoint).
fn overlaps_title(m: &Mention, titles: &[std::ops::Range<usize>]) -> bool {
    let i = titles.partition_point(|t| t.start < m.end);
    i > 0 && m.start < titles[i - 1].end
}

/// Whether a knowledge-base name fills one hyphen-separated part of the hyphenated `m`.
fn hyphen_parts_known(text: &str, m: &Mention, kb_hits: &[Mention]) -> bool {
    let span = &text[m.start..m.end];
    if !span.contains('-') {
        return false;
    }
    let edge = |i: usize| i == m.start || i == m.end || text[..i].ends_with('-') || text[i..].starts_with('-');
    let i = kb_hits.partition_point(|k| k.start < m.start);
    kb_hits[i..].iter().take_while(|k| k.start < m.end).any(|k| k.end <= m.end && edge(k.start) && edge(k.end))
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
        // Of equal spans the model's wins over a more confident list.
        let kb = Mention::new(0, 6, Label::Gpe, Source::Kb, 0.9);
        let model = Mention::new(0, 6, Label::Person, Source::Model, 0.6);
        assert_eq!(resolve(vec![kb, model], &sents)[0].label, Label::Person);
        assert!(crossing.is_empty());
    }

    #[test]
    fn names_overlapping_a_title_phrase_are_roles() {
        let text = "The US Secretary of Defense met General Motors executives.";
        let mut titles = Vec::new();
        names_en::find_with_titles(text, &[], &mut titles);
        let got: Vec<&str> = titles.iter().map(|r| &text[r.clone()]).collect();
        assert!(got.contains(&"Secretary of Defense"), "{got:?}");
        let at = |s: &str| {
            let start = text.find(s).unwrap();
            Mention::new(start, start + s.len(), Label::Org, Source::Model, 0.7)
        };
        assert!(overlaps_title(&at("US Secretary of Defense"), &titles));
        assert!(overlaps_title(&at("Defense"), &titles));
        assert!(!overlaps_title(&at("General Motors"), &titles));
        assert!(!overlaps_title(&at("US"), &titles));
        // A hyphenated MISC yields to the knowledge-base names in its parts.
        let text = "the Russia-Ukrainian war and anti-Russia votes, Moscowbased";
        let kb = crate::kb::Kb::builtin().find(text);
        let misc = |s: &str| {
            let start = text.find(s).unwrap();
            Mention::new(start, start + s.len(), Label::Misc, Source::Model, 0.7)
        };
        assert!(hyphen_parts_known(text, &misc("Russia-Ukrainian"), &kb));
        assert!(hyphen_parts_known(text, &misc("anti-Russia"), &kb));
        assert!(!hyphen_parts_known(text, &misc("Moscowbased"), &kb));
    }
}
