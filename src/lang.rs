//! Language identification per document.
//!
//! Two detectors, each where it is best. whichlang (Quickwit) is a linear model over hashed
//! character n-grams: 16 major languages (English, Arabic, French, Spanish, Russian, German,
//! Italian, Portuguese, Dutch, Swedish, Turkish, Vietnamese, Chinese, Japanese, Korean,
//! Hindi), 85–210 MB/s, and more accurate than trigram profiles on news text. whatlang
//! covers 69 languages but runs at 1–30 MB/s. Text goes to whichlang unless its script or
//! its letters point to a language whichlang does not know (Persian letters in Arabic
//! script, Ukrainian letters in Cyrillic, Polish or Czech diacritics in Latin script, other
//! scripts), in which case whatlang decides. `cargo run --release --example lang_accuracy`
//! measures both.
//!
//! whichlang gives no score, so the confidence of its answer is the share of three
//! independent slices of the document that it labels the same way as the whole sample.
//! [`onepass`] scores the sample and its slices in one pass over the text.

use whatlang::Lang;

mod onepass;

/// How much of a document is looked at. A kilobyte or two decides the language of an
/// article; the rest only costs time.
const SAMPLE_BYTES: usize = 1024;

/// A detected language: ISO 639-1 code (ISO 639-3 where no two-letter code exists) and a
/// confidence in [0, 1].
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    pub lang: String,
    pub confidence: f64,
}

fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Letters that whichlang's languages do not use but its near neighbours do; seeing them
/// sends the text to whatlang.
fn outside_whichlang(c: char) -> bool {
    matches!(c,
        // Persian, Urdu, Pashto, Kurdish letters in Arabic script
        'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' | 'ے' | 'ٹ' | 'ڈ' | 'ں' | 'ھ' | 'ڕ' | 'ۆ' | 'ێ'
        // Ukrainian, Belarusian, Serbian, Macedonian, Kazakh letters in Cyrillic
        | 'і' | 'ї' | 'є' | 'ґ' | 'ў' | 'ђ' | 'ј' | 'љ' | 'њ' | 'ћ' | 'џ' | 'ѓ' | 'ќ' | 'ѕ' | 'қ' | 'ұ' | 'ү' | 'ә'
        | 'І' | 'Ї' | 'Є' | 'Ґ' | 'Ў' | 'Ђ' | 'Ј' | 'Љ' | 'Њ' | 'Ћ' | 'Џ'
        // Polish, Czech, Slovak, Romanian, Hungarian, Baltic, Nordic, Croatian, Albanian
        | 'ą' | 'ę' | 'ł' | 'ń' | 'ś' | 'ź' | 'ż' | 'ř' | 'ě' | 'ů' | 'ť' | 'ď' | 'ľ' | 'ĺ' | 'ŕ'
        | 'ș' | 'ț' | 'ş' | 'ţ' | 'ă' | 'ő' | 'ű' | 'ė' | 'į' | 'ų' | 'ū' | 'ā' | 'ē' | 'ī' | 'ķ' | 'ļ' | 'ņ'
        | 'ø' | 'æ' | 'đ' | 'ë' | 'Ł' | 'Ż' | 'Ś' | 'Ř' | 'Ș' | 'Ț')
}

/// Letters of the scripts whichlang covers: Latin, Arabic, Cyrillic, Devanagari, CJK,
/// kana and Hangul.
fn whichlang_letter(c: char) -> bool {
    matches!(c as u32,
        0x41..=0x5a | 0x61..=0x7a | 0xc0..=0x24f | 0x1e00..=0x1eff | 0x400..=0x4ff | 0x600..=0x6ff
        | 0x900..=0x97f | 0x3040..=0x30ff | 0x4e00..=0x9fff | 0xac00..=0xd7af)
}

/// Should whatlang decide? When letters of other scripts dominate, or a letter only
/// languages unknown to whichlang use appears. Also reports whether there are letters.
fn needs_whatlang(sample: &str) -> (bool, bool) {
    if sample.is_ascii() {
        // ASCII letters are whichlang's (Latin) and are the only ASCII alphabetic characters,
        // and no ASCII character is outside whichlang: the loop below would count letters
        // as known and nothing else.
        return (false, sample.bytes().any(|b| b.is_ascii_alphabetic()));
    }
    needs_whatlang_by_chars(sample)
}

/// [`needs_whatlang`] character by character, for any text.
fn needs_whatlang_by_chars(sample: &str) -> (bool, bool) {
    let (mut known, mut other) = (0usize, 0usize);
    for c in sample.chars() {
        if outside_whichlang(c) {
            return (true, true);
        }
        if whichlang_letter(c) {
            known += 1;
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    (other > known, known + other > 0)
}

fn whichlang_code(l: whichlang::Lang) -> &'static str {
    use whichlang::Lang::*;
    match l {
        Ara => "ar",
        Cmn => "zh",
        Deu => "de",
        Eng => "en",
        Fra => "fr",
        Hin => "hi",
        Ita => "it",
        Jpn => "ja",
        Kor => "ko",
        Nld => "nl",
        Por => "pt",
        Rus => "ru",
        Spa => "es",
        Swe => "sv",
        Tur => "tr",
        Vie => "vi",
    }
}

/// Detects the language of `text`, or `None` for text with no letters.
///
/// ```
/// let d = newsframe::lang::detect("Algeria and Russia signed a military cooperation agreement on Monday.").unwrap();
/// assert_eq!(d.lang, "en");
/// ```
pub fn detect(text: &str) -> Option<Detected> {
    let sample = prefix(text, SAMPLE_BYTES);
    let (fallback, has_letters) = needs_whatlang(sample);
    if !has_letters {
        return None;
    }
    if fallback {
        let info = whatlang::detect(sample)?;
        return Some(Detected { lang: iso639_1(info.lang()).to_string(), confidence: info.confidence() });
    }
    // The slices: thirds of the sample, cut forward to character boundaries.
    let n = sample.len() / 3;
    let mut start = 0;
    let ends = [0; 3].map(|_| {
        let mut end = (start + n).min(sample.len());
        while !sample.is_char_boundary(end) {
            end += 1;
        }
        start = end;
        end
    });
    let found = onepass::detect_with_slices(sample, ends);
    let mut lang = whichlang_code(found.whole);
    if lang != "en" && FUNCTION_WORDS.iter().any(|(l, _)| *l == lang) {
        // Names, scores and tables carry no language, and whichlang's n-grams then follow
        // the names (a football results table reads as Swedish or Turkish). The closed
        // class of function words does not: when they clearly point elsewhere, they win.
        if let Some(voted) = function_word_vote(sample) {
            lang = voted;
        }
    }
    // Agreement of three slices of the sample with the whole.
    let mut slices = 0;
    let mut agree = 0;
    for (slice_lang, letters) in found.slices {
        if letters >= 8 {
            slices += 1;
            agree += usize::from(whichlang_code(slice_lang) == lang);
        }
    }
    let confidence = if slices == 0 { 0.5 } else { agree as f64 / slices as f64 };
    Some(Detected { lang: lang.to_string(), confidence })
}

/// Latin-script languages of whichlang and their most frequent function words: words of
/// two letters or more that are frequent in one language's news and rare in the others'.
/// Hand-picked from frequency lists; shared words (`a`, `de`, `en`, `la`, `die`) are left
/// out because they would vote for several languages.
const FUNCTION_WORDS: [(&str, &[&str]); 9] = [
    ("en", &["the", "of", "and", "to", "in", "is", "was", "for", "on", "with", "that", "at", "by", "from", "said", "were", "has", "have", "which", "after", "its", "will", "their"]),
    ("fr", &["le", "les", "des", "du", "et", "est", "une", "dans", "pour", "qui", "sur", "au", "aux", "avec", "pas", "été", "sont", "ont"]),
    ("es", &["el", "los", "las", "del", "y", "que", "por", "una", "con", "para", "es", "fue", "como", "más", "pero", "sus"]),
    ("pt", &["os", "das", "dos", "do", "da", "uma", "com", "para", "não", "foi", "mais", "pelo", "pela", "seu", "sua", "ao", "são"]),
    ("it", &["il", "di", "che", "della", "delle", "dei", "gli", "per", "una", "con", "sono", "nel", "alla", "anche", "è", "non"]),
    ("de", &["der", "und", "das", "den", "ist", "nicht", "mit", "von", "sich", "auf", "dem", "des", "eine", "auch", "wurde", "für"]),
    ("nl", &["het", "een", "van", "en", "dat", "niet", "zijn", "voor", "met", "op", "ook", "werd", "naar", "wordt", "bij"]),
    ("sv", &["och", "att", "det", "som", "för", "är", "med", "av", "till", "inte", "har", "ett", "om", "var", "vid"]),
    ("tr", &["ve", "bir", "bu", "için", "ile", "olarak", "da", "olan", "gibi", "daha", "çok", "sonra", "kadar", "ancak"]),
];

/// The language whose function words `sample` uses most, when the evidence is clear: at
/// least three of them, and more than twice as many as any other language's. Only lowercase
/// words count, since capitalised words in tables and headlines are mostly names.
fn function_word_vote(sample: &str) -> Option<&'static str> {
    let mut counts = [0usize; 9];
    for w in sample.split(|c: char| !c.is_alphabetic()) {
        if w.len() < 2 || !w.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            counts[i] += usize::from(words.contains(&w));
        }
    }
    let (best, &top) = counts.iter().enumerate().max_by_key(|&(i, c)| (*c, std::cmp::Reverse(i)))?;
    let second = counts.iter().enumerate().filter(|&(i, _)| i != best).map(|(_, c)| *c).max().unwrap_or(0);
    (top >= 3 && top > 2 * second).then_some(FUNCTION_WORDS[best].0)
}

/// The ISO 639-1 code of a whatlang language; ISO 639-3 for those without one.
pub fn iso639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        #[allow(unreachable_patterns)]
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_cases() {
        let cases = [
            ("The foreign minister met his counterpart in the capital on Tuesday to discuss trade.", "en"),
            ("اختتم حوار عسكري مشترك بين الولايات المتحدة والجزائر لتعزيز التعاون في مجال التدريب", "ar"),
            ("Le ministre des affaires étrangères a rencontré son homologue mardi dans la capitale.", "fr"),
            ("El ministro de asuntos exteriores se reunió con su homólogo el martes en la capital.", "es"),
            ("Министр иностранных дел встретился со своим коллегой во вторник в столице страны.", "ru"),
            ("Der Außenminister traf am Dienstag in der Hauptstadt seinen Amtskollegen zu Gesprächen.", "de"),
            ("Minister spraw zagranicznych spotkał się we wtorek w stolicy ze swoim odpowiednikiem.", "pl"),
            ("Міністр закордонних справ зустрівся у вівторок у столиці зі своїм колегою.", "uk"),
            ("وزیر امور خارجه روز سه‌شنبه در پایتخت با همتای خود دیدار کرد.", "fa"),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text).unwrap().lang, want, "{text}");
        }
        assert!(detect("12345 !!!").is_none());
    }

    #[test]
    fn ascii_samples_take_the_short_way_to_the_same_answer() {
        for s in ["", "12 345 !!!", "Algeria and Russia", "x", "--- 1996-08-22 ---", "\t\n~_^`"] {
            assert_eq!(needs_whatlang(s), needs_whatlang_by_chars(s), "{s:?}");
        }
        let all: String = (0u8..128).map(char::from).collect();
        assert_eq!(needs_whatlang(&all), needs_whatlang_by_chars(&all));
    }

    #[test]
    fn tables_and_results_in_english_are_english() {
        // Lines of names and scores with a little English around them: n-grams follow the
        // names, the function words do not.
        let results = "SOCCER - DUTCH FIRST DIVISION RESULTS.\nAMSTERDAM 1996-08-31\nResults of Dutch first division matches played on Saturday and on Sunday were:\nVolendam 1 Graafschap 0\nNAC Breda 2 Heerenveen 1\nVitesse Arnhem 3 Utrecht 1\nStandings after the games of the weekend, with the number of games played:\nPSV Eindhoven 3 3 0 0 9 1 9\nAjax Amsterdam 3 2 1 0 5 2 7";
        assert_eq!(detect(results).unwrap().lang, "en");
        let vote = function_word_vote("Le ministre des affaires étrangères est arrivé dans la capitale pour une visite");
        assert_eq!(vote, Some("fr"));
        assert_eq!(function_word_vote("Volendam 1 Graafschap 0"), None);
    }
}
