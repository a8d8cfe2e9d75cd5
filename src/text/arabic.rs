//! Arabic orthographic normalisation and proclitics, shared by the matchers.
//!
//! Arabic news spells the same word several ways: hamza and madda on alef or not
//! (أ إ آ ا), ta marbuta written as ha (ة/ه), alef maqsura as ya (ى/ي), optional short
//! vowels and tatweel. Matching folds these away. Proclitics (و ف ب ل ك, "and", "so",
//! "in/with", "for/to", "like") attach to the next word and stay outside entity spans.

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

/// Is `c` a mark that sits inside an Arabic word: the combining marks of the Arabic block
/// (short vowels, shadda, sukun, maddah and hamza above or below: U+064B–U+065F), the
/// superscript alef (U+0670), or the tatweel (U+0640) that stretches a word. Every stage's
/// word test includes them, so that a vowelled or stretched word stays one word.
pub fn is_in_word_mark(c: char) -> bool {
    matches!(c, '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{0640}')
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

    #[test]
    fn proclitic_len_cases() {
        let cases = [("لروسيا", "ل"), ("وموسكو", "و"), ("وبالجزائر", "وب"), ("روسيا", ""), ("و", ""), ("بل", "")];
        for (word, want) in cases {
            assert_eq!(&word[..proclitic_len(word)], want, "{word}");
        }
    }
}
