//! Language identification per document, with whatlang.
//!
//! whatlang is a trigram detector with no model files: it adds ~1 MB to the binary, covers
//! 69 languages (English, Arabic, French, Spanish, Russian, German among them) and runs at
//! hundreds of MB/s on the first few kilobytes we give it. On document-length news text
//! its accuracy is at the ceiling; see README for the measurement.

use whatlang::Lang;

/// How much of a document is looked at. A few kilobytes decide the language of an article;
/// the rest only costs time.
const SAMPLE_BYTES: usize = 4096;

/// A detected language: ISO 639-1 code (ISO 639-3 where no two-letter code exists) and
/// whatlang's confidence in [0, 1].
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    pub lang: String,
    pub confidence: f64,
}

/// Detects the language of `text`, or `None` for text with no letters.
///
/// ```
/// let d = newsframe::lang::detect("Algeria and Russia signed a military cooperation agreement on Monday.").unwrap();
/// assert_eq!(d.lang, "en");
/// ```
pub fn detect(text: &str) -> Option<Detected> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    Some(Detected { lang: iso639_1(info.lang()).to_string(), confidence: info.confidence() })
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
        ];
        for (text, want) in cases {
            assert_eq!(detect(text).unwrap().lang, want, "{text}");
        }
        assert!(detect("12345 !!!").is_none());
    }
}
