//! Which model tags which sentence. A document may mix scripts (an English page quoting
//! Arabic, an Arabic page with an English paragraph), and each model was trained on one
//! script only: on the other its spans mean nothing. [`model_mentions`] tags each sentence
//! with the model of its script.

use std::ops::Range;

use crate::doc::Mention;
use crate::ner::Model;
use crate::text::arabic::is_arabic_sentence;

/// Model mentions of a document whose sentences are each tagged by the model of their script:
/// Arabic-script sentences by `arabic` (or by `model` when it is an Arabic model), the others
/// by `model` when it is not; a sentence whose script has no model is tagged by none (the
/// rules and lists still cover it). Each model was trained on one script only, and on the
/// other its spans mean nothing. Also returns the sentences the Arabic model tagged, sorted.
/// `known` are the knowledge-base matches of `text`, sorted by start.
pub fn model_mentions(
    text: &str,
    sentences: &[Range<usize>],
    known: &[Mention],
    model: Option<&Model>,
    arabic: Option<&Model>,
) -> (Vec<Mention>, Vec<Range<usize>>) {
    let (arabic, latin) = (arabic_model(model, arabic), model.filter(|m| m.lang() != "ar"));
    // Arabic letters are two UTF-8 bytes with lead bytes 0xD8..0xDB: text with none of those
    // (most English) needs no look at the script of each sentence.
    let any_arabic = text.bytes().any(|b| (0xd8..=0xdb).contains(&b));
    let (ar, other): (Vec<Range<usize>>, Vec<Range<usize>>) = if any_arabic {
        sentences.iter().cloned().partition(|r| text.get(r.clone()).is_some_and(is_arabic_sentence))
    } else {
        (Vec::new(), sentences.to_vec())
    };
    let mut found = Vec::new();
    if let (Some(m), false) = (latin, other.is_empty()) {
        found = m.find_with_kb(text, &other, known);
    }
    if let (Some(m), false) = (arabic, ar.is_empty()) {
        found.extend(m.find_with_kb(text, &ar, known));
        found.sort_by_key(|m| (m.start, m.end));
    }
    let tagged = if arabic.is_some() { ar } else { Vec::new() };
    (found, tagged)
}

/// The model that tags Arabic-script sentences: `arabic`, else `model` when it is an Arabic
/// model (see [`model_mentions`]).
pub fn arabic_model<'m>(model: Option<&'m Model>, arabic: Option<&'m Model>) -> Option<&'m Model> {
    arabic.or(model.filter(|m| m.lang() == "ar"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mixed document: the Latin lines get the English model, the Arabic lines the Arabic
    /// one, whichever language the whole document was given.
    #[test]
    fn each_sentence_gets_the_model_of_its_script() {
        let (en, ar) = (Model::builtin("en").expect("shipped English model"), Model::builtin("ar").expect("shipped Arabic model"));
        let text = "Vladimir Putin met Recep Tayyip Erdogan in Moscow on Monday.\nالتقى الرئيس الروسي فلاديمير بوتين نظيره التركي في موسكو.";
        let sentences = crate::segment::sentences(text);
        let line = text.find('\n').unwrap();
        let (found, tagged) = model_mentions(text, &sentences, &[], Some(en), Some(ar));
        assert!(!tagged.is_empty() && tagged.iter().all(|r| r.start > line), "{tagged:?}");
        let got: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert!(got.contains(&"Vladimir Putin") && got.contains(&"موسكو"), "{got:?}");
        assert!(found.windows(2).all(|w| w[0].start <= w[1].start));
        // The Arabic model alone: its spans only on the Arabic line.
        let (found, _) = model_mentions(text, &sentences, &[], Some(ar), None);
        let got: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert!(got.contains(&"موسكو") && found.iter().all(|m| m.start > line), "{got:?}");
        // No Arabic model: the Arabic line is tagged by none (the rules and lists cover it).
        let (found, tagged) = model_mentions(text, &sentences, &[], Some(en), None);
        assert!(tagged.is_empty() && found.iter().all(|m| m.end <= line), "{found:?}");
    }
}
