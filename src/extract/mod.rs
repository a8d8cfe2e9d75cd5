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
/// "US Department of Defense" over the GPE "US" inside it); of equal spans a value
/// pattern's wins (the model knows no dates: "يونيو/حزيران" is June, not a place), then
/// the model's, since it read the context ("Jordan" the player, not the country); then the
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
            .then(precedence(b.source).cmp(&precedence(a.source)))
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

/// Rank of a source between candidates of equal span (see [`resolve`]).
fn precedence(source: Source) -> u8 {
    match source {
        Source::Pattern => 2,
        Source::Model => 1,
        Source::Kb | Source::Rule => 0,
    }
}

/// Extraction options.
#[derive(Clone, Copy, Default)]
pub struct ExtractOptions<'a> {
    /// The document's date (ISO 8601 prefix) for resolving relative dates.
    pub doc_date: Option<&'a str>,
    /// A statistical NER model whose candidates join the others. It tags the sentences of
    /// its script only: an Arabic model the Arabic-script ones, another model the rest
    /// ([`arabic::model_mentions`]).
    pub model: Option<&'a crate::ner::Model>,
    /// The model for sentences in Arabic script when `model` is of another language (a
    /// mixed document): each sentence is tagged by the model of its script.
    pub arabic_model: Option<&'a crate::ner::Model>,
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
    // The model leads on names: every span it finds is a candidate, whatever the lists say,
    // because the names no list holds are the ones it exists for. The knowledge base only
    // types and identifies what it found. Each sentence goes to the model of its script.
    let (mut found, arabic_tagged) = arabic::model_mentions(text, sentences, &kb_hits, opts.model, opts.arabic_model);
    for m in &mut found {
        type_with_kb(text, m, &kb_hits);
    }
    names_ar::follow_model(&mut candidates, &found, &arabic_tagged, &known);
    candidates.extend(found);
    candidates.extend(known);
    resolve(candidates, sentences)
}

/// Head words of natural features and regions (`data/names/natural_features.txt`), folded.
fn natural_features() -> &'static std::collections::HashSet<String> {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../python/newsframe/data/names/natural_features.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| arabic::fold_str(&l.to_lowercase()))
            .collect()
    })
}

/// Types and identifies a model mention with the knowledge base: a span the knowledge base
/// knows with the same label takes its id, and a model LOC takes the knowledge base's
/// label for the same span (GPE or LOC). A LOC it does not know is GPE unless one of its
/// own words names a natural feature or a region (`River`, `Gulf`, `Mountains`, `بحر`):
/// in news, unknown places are mostly towns, provinces and states.
fn type_with_kb(text: &str, m: &mut Mention, kb_hits: &[Mention]) {
    if m.kb_id.is_some() {
        return;
    }
    let i = kb_hits.partition_point(|k| k.start < m.start);
    let same_span = || kb_hits[i..].iter().take_while(|k| k.start == m.start).filter(|k| k.end == m.end);
    let place = |l: Label| matches!(l, Label::Gpe | Label::Loc);
    if let Some(k) = same_span().find(|k| k.label == m.label || (m.label == Label::Loc && place(k.label))) {
        m.label = k.label;
        m.kb_id = k.kb_id.clone();
        return;
    }
    if m.label != Label::Loc {
        return;
    }
    let heads = natural_features();
    let natural = text[m.start..m.end]
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .map(|w| arabic::fold_str(&w.to_lowercase()))
        .any(|w| heads.contains(&w) || w.strip_prefix("ال").is_some_and(|stem| heads.contains(stem)));
    if !natural {
        m.label = Label::Gpe;
    }
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
        assert_eq!(resolve(vec![kb, model.clone()], &sents)[0].label, Label::Person);
        // A value pattern's span wins over the same span from the model.
        let date = Mention::new(0, 6, Label::Date, Source::Pattern, 0.7);
        assert_eq!(resolve(vec![model, date], &sents)[0].label, Label::Date);
        assert!(crossing.is_empty());
    }

    #[test]
    fn model_places_are_typed_by_the_kb_else_gpe_unless_their_words_say_otherwise() {
        let cases = [
            ("Shandong", Label::Gpe),
            ("Buffalo", Label::Gpe),
            ("Yangtze River", Label::Loc),
            ("Golan Heights", Label::Loc),
            ("Persian Gulf", Label::Loc),
            ("نهر النيل", Label::Loc),
            ("الخليج العربي", Label::Loc),
            ("بنغازي", Label::Gpe),
        ];
        for (text, want) in cases {
            let mut m = Mention::new(0, text.len(), Label::Loc, Source::Model, 0.8);
            type_with_kb(text, &mut m, &[]);
            assert_eq!(m.label, want, "{text}");
        }
        // A place the knowledge base knows takes its label and id.
        let mut kb = Mention::new(0, 6, Label::Loc, Source::Kb, 0.9);
        kb.kb_id = Some("region:europe".into());
        let mut m = Mention::new(0, 6, Label::Loc, Source::Model, 0.8);
        type_with_kb("Europe", &mut m, &[kb.clone()]);
        assert_eq!((m.label, m.kb_id.as_deref()), (Label::Loc, Some("region:europe")));
        // Another label keeps the model's label and gets no id.
        let mut m = Mention::new(0, 6, Label::Person, Source::Model, 0.8);
        type_with_kb("Europe", &mut m, &[kb]);
        assert_eq!((m.label, m.kb_id.as_deref()), (Label::Person, None));
    }
}
