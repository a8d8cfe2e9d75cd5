//! Extraction: entity mentions from clean text.
//!
//! Several recognisers propose candidate [`Mention`]s independently: the knowledge-base
//! matcher ([`crate::kb`]), the value patterns ([`values`]: MONEY, PERCENT, DATE), the name
//! rules ([`names`]: PERSON and ORG from cues), and later a trained model. One resolver
//! ([`resolve`]) then chooses among overlapping candidates, so adding a recogniser never
//! means rewriting the others.

pub mod names_ar;
pub mod names_en;
pub mod values;

use crate::doc::{Disjoint, Label, Mention, Source};
use crate::text::arabic;

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
        // The model leads on names: every span it finds is a candidate, whatever the
        // lists say, because the names no list holds are the ones it exists for. The
        // knowledge base only types and identifies what it found.
        let mut found = model.find_with_kb(text, sentences, &kb_hits);
        // The Arabic model read only Arabic script in training: on the Latin lines of a
        // mixed document its spans mean nothing, and the rules and lists cover them.
        if model.lang() == "ar" {
            found.retain(|m| text[m.start..m.end].chars().any(arabic::is_arabic_letter));
        }
        for m in &mut found {
            type_with_kb(text, m, &kb_hits);
        }
        candidates.extend(found);
    }
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
