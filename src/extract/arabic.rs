//! Arabic orthographic normalisation and proclitics, shared by the matchers.
//!
//! Arabic news spells the same word several ways: hamza and madda on alef or not
//! (أ إ آ ا), ta marbuta written as ha (ة/ه), alef maqsura as ya (ى/ي), optional short
//! vowels and tatweel. Matching folds these away. Proclitics (و ف ب ل ك, "and", "so",
//! "in/with", "for/to", "like") attach to the next word and stay outside entity spans.
//!
//! A document may mix scripts (an English page quoting Arabic, an Arabic page with an English
//! paragraph): [`model_mentions`] tags each sentence with the model of its script.

use std::ops::Range;

use super::Mention;
use crate::ner::Model;

/// The folded form of one Arabic character: `Some(c)` to keep (possibly changed), `None` to
/// drop (short vowels, shadda, sukun, dagger alef, tatweel). Non-Arabic characters pass.
pub fn fold(c: char) -> Option<char> {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ة' => Some('ه'),
        'ى' => Some('ي'),
        'ؤ' => Some('و'),
        'ئ' => Some('ي'),
        '\u{0640}' => None,                           // tatweel
        '\u{064b}'..='\u{0652}' | '\u{0670}' => None, // harakat, dagger alef
        _ => Some(c),
    }
}

/// Folds a whole string (see [`fold`]).
pub fn fold_str(s: &str) -> String {
    s.chars().filter_map(fold).collect()
}

/// Is `c` a letter of the Arabic script?
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064a}' | '\u{066e}'..='\u{06d3}' | '\u{06fa}'..='\u{06ff}')
}

/// Is `c` one of the single-letter proclitics و ف ب ل ك?
pub fn is_proclitic(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك')
}

/// Length in bytes of the proclitic prefix of `word` that may precede a name: up to two of
/// و ف ب ل ك ("وب", "ول", "فل"…), never the whole word. `لل` before a definite noun is
/// ل + ال with the alef elided; callers that match `ال…` forms handle it themselves.
pub fn proclitic_len(word: &str) -> usize {
    let mut len = 0;
    for (n, c) in word.chars().enumerate() {
        let rest = &word[len + c.len_utf8()..];
        let stem_ok = rest.chars().take(2).filter(|&r| is_arabic_letter(r)).count() == 2;
        if n < 2 && is_proclitic(c) && stem_ok {
            // و and ف only come first; a second proclitic is one of ب ل ك.
            if n == 1 && matches!(c, 'و' | 'ف') {
                break;
            }
            len += c.len_utf8();
        } else {
            break;
        }
    }
    len
}

/// Is `sentence` written in Arabic script: more Arabic letters than other letters? A Latin
/// brand or acronym inside an Arabic sentence does not make it Latin, nor the reverse.
pub fn is_arabic_sentence(sentence: &str) -> bool {
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in sentence.chars() {
        if is_arabic_letter(c) {
            arabic += 1;
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    arabic > other
}

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
    let (arabic, latin) = match model {
        Some(m) if m.lang() == "ar" => (arabic.or(Some(m)), None),
        m => (arabic, m),
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_cases() {
        let cases = [("أمريكا", "امريكا"), ("الجزائرية", "الجزايريه"), ("مُصطفى", "مصطفي"), ("إفريقيا", "افريقيا"), ("مسؤول", "مسوول"), ("جـيش", "جيش")];
        for (input, want) in cases {
            assert_eq!(fold_str(input), want, "{input}");
        }
    }

    #[test]
    fn sentence_script() {
        assert!(is_arabic_sentence("قال الرئيس إن شركة Apple ستفتح فرعا"));
        assert!(!is_arabic_sentence("The minister said \"شكرا\" to the press in Cairo."));
        assert!(!is_arabic_sentence("2024 - 12"));
    }

    /// A mixed document: the Latin lines get the English model, the Arabic lines the Arabic
    /// one, whichever language the whole document was given.
    #[test]
    fn each_sentence_gets_the_model_of_its_script() {
        let (Some(en), Some(ar)) = (Model::builtin("en"), Model::builtin("ar")) else { return };
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

    #[test]
    fn proclitic_len_cases() {
        let cases = [("لروسيا", "ل"), ("وموسكو", "و"), ("وبالجزائر", "وب"), ("روسيا", ""), ("و", ""), ("بل", "")];
        for (word, want) in cases {
            assert_eq!(&word[..proclitic_len(word)], want, "{word}");
        }
    }
}
