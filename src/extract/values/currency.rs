//! Currencies: the signs, codes and words news writes before or after an amount, and their
//! ISO 4217 codes. Currencies replaced by the euro keep their own codes (DEM, FRF, ITL…),
//! since archives of news from before 1999 quote them.

use std::sync::OnceLock;

/// ISO codes accepted next to a number. Codes that are also common words or names in
/// capitals (ALL, CUP, TOP, PHP) are left out.
pub(super) const ISO: &str = "USD|EUR|GBP|JPY|CNY|RMB|RUB|SAR|AED|QAR|KWD|BHD|OMR|JOD|DZD|MAD|TND|EGP|LYD|IQD|LBP|SYP|TRY|ILS|IRR|YER|CHF|CAD|AUD|NZD|HKD|SGD|INR|PKR|TWD|KRW|IDR|MYR|THB|VND|BRL|MXN|ARS|CLP|COP|PEN|ZAR|NGN|KES|GHS|SEK|NOK|DKK|ISK|PLN|CZK|HUF|RON|BGN|UAH|KZT|HRK|DEM|FRF|ITL|NLG|BEF|ATS|ESP|PTE|GRD|IEP|FIM|XEU|ECU";

/// A currency written before the amount: signs (`$`, `HK$`, `€`, `Rs`), the abbreviations
/// of Reuters and the financial press (`DM`, `SFr`, `Skr`) and ISO codes.
pub(super) const PRE: &str = r"(?:@B@(?:US|U\.S\.|HK|AU|NZ|CA|NT|A|C|S|R|Z)\$|\$|€|£|¥|₹|₩|₽|₺|₦|₱|₪|@B@Rs\.?|@B@(?:DM|FFr|SFr|Sfr|BFr|Skr|SKr|Nkr|NKr|Dkr|DKr)\.?|@B@(?:@ISO@)@B@)";

/// The ISO code of a currency sign or abbreviation written before the amount.
pub(super) fn currency_of_prefix(p: &str) -> Option<&'static str> {
    Some(match p.trim_end_matches('.') {
        "$" | "US$" | "U.S.$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" | "Rs" => "INR",
        "₩" => "KRW",
        "₽" => "RUB",
        "₺" => "TRY",
        "₦" => "NGN",
        "₱" => "PHP",
        "₪" => "ILS",
        "HK$" => "HKD",
        "A$" | "AU$" => "AUD",
        "C$" | "CA$" => "CAD",
        "NZ$" => "NZD",
        "S$" => "SGD",
        "NT$" => "TWD",
        "R$" => "BRL",
        "Z$" => "ZWD",
        "DM" => "DEM",
        "FFr" => "FRF",
        "SFr" | "Sfr" => "CHF",
        "BFr" => "BEF",
        "Skr" | "SKr" => "SEK",
        "Nkr" | "NKr" => "NOK",
        "Dkr" | "DKr" => "DKK",
        code => return iso_code(code),
    })
}

pub(super) fn iso_code(code: &str) -> Option<&'static str> {
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    match code {
        "RMB" => Some("CNY"),
        "ECU" => Some("XEU"),
        // [`ISO`] is codes of three letters and a bar.
        _ => (0..ISO.len()).step_by(4).map(|i| &ISO[i..i + 3]).find(|c| *c == code),
    }
}

/// What else a currency word can mean, so what the handler must check.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Ambiguity {
    /// Only a currency after a number.
    None,
    /// Also a weight (`pounds`): not when weighed, of something, or given in kilograms.
    Weight,
    /// Also a verb (`won`): not when an object or a score follows.
    Verb,
    /// Also a common word or name (`rand`, `marks`, `dong`): digits or a scale word.
    Word,
    /// Mostly a name or word (`Mark`, `real`, `colon`, `Sucre`): only with a nationality
    /// ("German mark", "Brazilian real").
    Nation,
}

/// A currency word: its written forms (lower case), its code when no nationality says
/// otherwise, its codes by nationality, the power of ten of its unit (-2 for cents and
/// pence) and its [`Ambiguity`].
pub(super) struct Word {
    forms: &'static [&'static str],
    pub(super) code: Option<&'static str>,
    nations: &'static [(&'static str, &'static str)],
    pub(super) exp: i32,
    pub(super) ambiguity: Ambiguity,
}

impl Word {
    /// The ISO code with the nationality written before the word, if any ("Canadian").
    pub(super) fn code_with(&self, nation: Option<&str>) -> Option<&'static str> {
        let nation = nation.map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "));
        match nation {
            Some(n) => self.nations.iter().find(|(k, _)| *k == n).map(|(_, c)| *c).or(self.code),
            None => self.code,
        }
    }
}

#[rustfmt::skip]
const DOLLAR_NATIONS: &[(&str, &str)] = &[
    ("US", "USD"), ("U.S.", "USD"), ("American", "USD"), ("Australian", "AUD"),
    ("Canadian", "CAD"), ("Hong Kong", "HKD"), ("HK", "HKD"), ("H.K.", "HKD"),
    ("Singapore", "SGD"), ("New Zealand", "NZD"), ("NZ", "NZD"), ("Taiwan", "TWD"),
    ("New Taiwan", "TWD"), ("Taiwanese", "TWD"), ("Zimbabwe", "ZWD"), ("Zimbabwean", "ZWD"),
    ("Jamaican", "JMD"), ("Namibian", "NAD"), ("Brunei", "BND"), ("Fijian", "FJD"),
    ("Liberian", "LRD"), ("Bahamian", "BSD"), ("Barbados", "BBD"), ("Trinidad", "TTD"),
    ("East Caribbean", "XCD"),
];
#[rustfmt::skip]
const POUND_NATIONS: &[(&str, &str)] = &[
    ("British", "GBP"), ("Egyptian", "EGP"), ("Irish", "IEP"), ("Cyprus", "CYP"),
    ("Cypriot", "CYP"), ("Lebanese", "LBP"), ("Syrian", "SYP"), ("Sudanese", "SDP"),
    ("Maltese", "MTL"),
];
#[rustfmt::skip]
const FRANC_NATIONS: &[(&str, &str)] = &[
    ("French", "FRF"), ("Swiss", "CHF"), ("Belgian", "BEF"), ("Luxembourg", "LUF"),
    ("CFA", "XOF"), ("Guinean", "GNF"), ("Rwandan", "RWF"), ("Burundi", "BIF"),
    ("Malagasy", "MGF"), ("Djibouti", "DJF"), ("Congolese", "CDF"), ("Comorian", "KMF"),
];
#[rustfmt::skip]
const CROWN_NATIONS: &[(&str, &str)] = &[
    ("Swedish", "SEK"), ("Norwegian", "NOK"), ("Danish", "DKK"), ("Czech", "CZK"),
    ("Slovak", "SKK"), ("Estonian", "EEK"), ("Icelandic", "ISK"),
];
const MARK_NATIONS: &[(&str, &str)] =
    &[("German", "DEM"), ("Deutsche", "DEM"), ("Finnish", "FIM"), ("Bosnian", "BAM")];
#[rustfmt::skip]
const PESO_NATIONS: &[(&str, &str)] = &[
    ("Mexican", "MXN"), ("Philippine", "PHP"), ("Argentine", "ARS"), ("Argentinian", "ARS"),
    ("Chilean", "CLP"), ("Colombian", "COP"), ("Cuban", "CUP"), ("Uruguayan", "UYU"),
    ("Dominican", "DOP"), ("Bolivian", "BOB"),
];
#[rustfmt::skip]
const DINAR_NATIONS: &[(&str, &str)] = &[
    ("Algerian", "DZD"), ("Iraqi", "IQD"), ("Kuwaiti", "KWD"), ("Jordanian", "JOD"),
    ("Libyan", "LYD"), ("Tunisian", "TND"), ("Bahraini", "BHD"), ("Serbian", "RSD"),
    ("Yugoslav", "YUM"), ("Sudanese", "SDD"), ("Macedonian", "MKD"),
];
#[rustfmt::skip]
const RIYAL_NATIONS: &[(&str, &str)] = &[
    ("Saudi", "SAR"), ("Qatari", "QAR"), ("Omani", "OMR"), ("Yemeni", "YER"),
    ("Iranian", "IRR"),
];
const DIRHAM_NATIONS: &[(&str, &str)] =
    &[("UAE", "AED"), ("Emirati", "AED"), ("Emirates", "AED"), ("Moroccan", "MAD")];
#[rustfmt::skip]
const RUPEE_NATIONS: &[(&str, &str)] = &[
    ("Indian", "INR"), ("Pakistani", "PKR"), ("Pakistan", "PKR"), ("Sri Lankan", "LKR"),
    ("Sri Lanka", "LKR"), ("Nepalese", "NPR"), ("Nepali", "NPR"), ("Mauritian", "MUR"),
    ("Seychelles", "SCR"),
];
#[rustfmt::skip]
const LIRA_NATIONS: &[(&str, &str)] = &[
    ("Turkish", "TRY"), ("Italian", "ITL"), ("Maltese", "MTL"), ("Lebanese", "LBP"),
    ("Syrian", "SYP"),
];
#[rustfmt::skip]
const SHILLING_NATIONS: &[(&str, &str)] = &[
    ("Kenyan", "KES"), ("Ugandan", "UGX"), ("Tanzanian", "TZS"), ("Somali", "SOS"),
    ("Austrian", "ATS"),
];
const WON_NATIONS: &[(&str, &str)] = &[("South Korean", "KRW"), ("Korean", "KRW"), ("North Korean", "KPW")];
const KWACHA_NATIONS: &[(&str, &str)] = &[("Zambian", "ZMW"), ("Malawian", "MWK")];
const COLON_NATIONS: &[(&str, &str)] = &[("Costa Rican", "CRC"), ("Salvadoran", "SVC")];
const EURO_NATIONS: &[(&str, &str)] = &[("euro", "EUR")];

const fn w(
    forms: &'static [&'static str],
    code: Option<&'static str>,
    nations: &'static [(&'static str, &'static str)],
    ambiguity: Ambiguity,
) -> Word {
    Word { forms, code, nations, exp: 0, ambiguity }
}

const fn minor(forms: &'static [&'static str], code: Option<&'static str>, nations: &'static [(&'static str, &'static str)]) -> Word {
    Word { forms, code, nations, exp: -2, ambiguity: Ambiguity::None }
}

use Ambiguity as A;

/// English currency words. A word shared by several currencies (franc, peso, dinar, riyal,
/// crown…) gets a code only from its nationality; a bare dollar is the US dollar, a bare
/// pound sterling, a bare rupee the Indian rupee.
#[rustfmt::skip]
pub(super) static WORDS: &[Word] = &[
    w(&["dollar", "dollars", "dlr", "dlrs"], Some("USD"), DOLLAR_NATIONS, A::None),
    minor(&["cent", "cents", "cts"], Some("USD"), DOLLAR_NATIONS),
    w(&["euro", "euros"], Some("EUR"), &[], A::None),
    minor(&["euro cents", "euro cent"], Some("EUR"), EURO_NATIONS),
    w(&["ecu", "ecus"], Some("XEU"), &[], A::None),
    w(&["pounds sterling", "sterling", "stg"], Some("GBP"), &[], A::None),
    w(&["pound", "pounds"], Some("GBP"), POUND_NATIONS, A::Weight),
    minor(&["pence", "penny", "pennies"], Some("GBP"), &[("Irish", "IEP")]),
    w(&["punt", "punts"], Some("IEP"), &[], A::Word),
    w(&["yen"], Some("JPY"), &[], A::None),
    w(&["yuan", "renminbi"], Some("CNY"), &[], A::None),
    w(&["rouble", "roubles", "ruble", "rubles"], Some("RUB"), &[("Belarusian", "BYR"), ("Belarus", "BYR")], A::None),
    minor(&["kopeks", "kopecks"], Some("RUB"), &[]),
    w(&["won"], Some("KRW"), WON_NATIONS, A::Verb),
    w(&["rand"], Some("ZAR"), &[], A::Word),
    w(&["naira"], Some("NGN"), &[], A::None),
    w(&["reais", "reals"], Some("BRL"), &[], A::None),
    w(&["real"], Some("BRL"), &[("Brazilian", "BRL")], A::Nation),
    w(&["rupee", "rupees"], Some("INR"), RUPEE_NATIONS, A::None),
    w(&["rupiah"], Some("IDR"), &[], A::None),
    w(&["ringgit", "ringgits"], Some("MYR"), &[], A::None),
    w(&["baht"], Some("THB"), &[], A::None),
    w(&["peso", "pesos"], None, PESO_NATIONS, A::None),
    w(&["krona", "kronor"], Some("SEK"), &[], A::None),
    w(&["kronur"], Some("ISK"), &[], A::None),
    w(&["krone", "kroner", "crown", "crowns", "koruna", "korunas", "kroon", "kroons"], None, CROWN_NATIONS, A::Word),
    w(&["d-mark", "d-marks", "deutschmark", "deutschmarks", "deutsche mark", "deutsche marks"], Some("DEM"), &[], A::None),
    w(&["marks"], Some("DEM"), MARK_NATIONS, A::Word),
    w(&["mark"], Some("DEM"), MARK_NATIONS, A::Nation),
    w(&["markka", "markkaa"], Some("FIM"), &[], A::None),
    w(&["franc", "francs"], None, FRANC_NATIONS, A::None),
    minor(&["centimes"], None, FRANC_NATIONS),
    w(&["lira", "liras"], None, LIRA_NATIONS, A::None),
    w(&["lire"], Some("ITL"), &[], A::None),
    w(&["guilder", "guilders"], Some("NLG"), &[("Antillean", "ANG"), ("Surinamese", "SRG")], A::None),
    w(&["schilling", "schillings"], Some("ATS"), &[], A::None),
    w(&["shilling", "shillings"], None, SHILLING_NATIONS, A::None),
    w(&["peseta", "pesetas"], Some("ESP"), &[], A::None),
    w(&["escudo", "escudos"], Some("PTE"), &[("Cape Verde", "CVE")], A::None),
    w(&["drachma", "drachmas", "drachmae"], Some("GRD"), &[], A::None),
    w(&["dinar", "dinars"], None, DINAR_NATIONS, A::None),
    w(&["dirham", "dirhams"], None, DIRHAM_NATIONS, A::None),
    w(&["riyal", "riyals", "rial", "rials"], None, RIYAL_NATIONS, A::None),
    w(&["shekel", "shekels", "new shekels"], Some("ILS"), &[], A::None),
    w(&["zloty", "zlotys", "zlotych", "zlote"], Some("PLN"), &[], A::None),
    w(&["forint", "forints"], Some("HUF"), &[], A::None),
    w(&["leu", "lei"], Some("RON"), &[("Moldovan", "MDL")], A::Word),
    w(&["lev", "leva", "levs"], Some("BGN"), &[], A::Word),
    w(&["hryvnia", "hryvnias", "hryvna", "hryvnas"], Some("UAH"), &[], A::None),
    w(&["tenge"], Some("KZT"), &[], A::None),
    w(&["kuna", "kunas"], Some("HRK"), &[], A::None),
    w(&["tolar", "tolars"], Some("SIT"), &[], A::None),
    w(&["kwacha"], None, KWACHA_NATIONS, A::None),
    w(&["cedi", "cedis"], Some("GHS"), &[], A::None),
    w(&["birr"], Some("ETB"), &[], A::None),
    w(&["dong"], Some("VND"), &[], A::Word),
    w(&["kyat", "kyats"], Some("MMK"), &[], A::None),
    w(&["taka"], Some("BDT"), &[], A::Word),
    w(&["riel", "riels"], Some("KHR"), &[], A::None),
    w(&["bolivar", "bolivars", "bolivares"], Some("VES"), &[], A::None),
    w(&["sucres"], Some("ECS"), &[], A::Word),
    w(&["sucre"], Some("ECS"), &[("Ecuadorean", "ECS"), ("Ecuadorian", "ECS")], A::Nation),
    w(&["soles", "nuevo soles", "new soles"], Some("PEN"), &[], A::None),
    w(&["quetzal", "quetzales", "quetzals"], Some("GTQ"), &[], A::None),
    w(&["cordobas"], Some("NIO"), &[], A::Word),
    w(&["cordoba"], Some("NIO"), &[("Nicaraguan", "NIO")], A::Nation),
    w(&["lempira", "lempiras"], Some("HNL"), &[], A::None),
    w(&["colones"], None, COLON_NATIONS, A::Word),
    w(&["colon"], None, COLON_NATIONS, A::Nation),
    w(&["guaranis", "guaranies"], Some("PYG"), &[], A::Word),
    w(&["guarani"], Some("PYG"), &[("Paraguayan", "PYG")], A::Nation),
];

/// The entry of a currency word as matched (any case, any white space).
pub(super) fn word(matched: &str) -> Option<&'static Word> {
    let key = matched.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    WORDS.iter().find(|w| w.forms.contains(&key.as_str()))
}

/// `items` as a regex alternation, longest first, since the regex crate takes the first
/// alternative that matches.
fn alternation(mut items: Vec<&str>) -> String {
    items.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    items.dedup();
    items.iter().map(|s| regex::escape(s).replace(' ', r"\s+")).collect::<Vec<_>>().join("|")
}

fn forms_alternation() -> String {
    alternation(WORDS.iter().flat_map(|w| w.forms.iter().copied()).collect())
}

/// The pattern of the English currency words (group `cw`) with an optional nationality
/// before (group `nat`): forms longest first, since the regex crate takes the first
/// alternative that matches.
pub(super) fn words_pattern() -> &'static str {
    static P: OnceLock<String> = OnceLock::new();
    P.get_or_init(|| {
        let forms = forms_alternation();
        let nations = alternation(
            WORDS.iter().flat_map(|w| w.nations.iter().map(|(n, _)| *n)).filter(|n| *n != "euro").collect(),
        );
        format!(r"(?:(?P<nat>{nations})\s+)?(?P<cw>(?i:{forms}))@B@")
    })
}

/// The English currency words alone: the anchor of the rules.
pub(super) fn words_anchor() -> &'static str {
    static P: OnceLock<String> = OnceLock::new();
    P.get_or_init(|| {
        let forms: Vec<&str> = WORDS.iter().flat_map(|w| w.forms.iter().copied()).collect();
        super::cased(&forms)
    })
}

/// Arabic currency words, with an optional nationality after (possibly accusative).
pub(super) const ARABIC: &str = concat!(
    r"(?:دولارات|دولاراً|دولارا|دولار|يورو|جنيهات|جنيه|دنانير|دينارا|دينار|ريالات|ريالا|ريال|دراهم|درهما|درهم|روبلات|روبل|يوان|ليرات|ليرة|شيكلات|شيكل|روبيات|روبية|فرنكات|فرنك|ين\s+ياباني)",
    r"(?:\s+(?:أمريكية|أميركية|امريكية|اميركية|أمريكي|أميركي|امريكي|اميركي|كندي|أسترالي|استرالي|سعودي|قطري|عماني|يمني|إيراني|ايراني|جزائري|عراقي|كويتي|أردني|اردني|ليبي|تونسي|بحريني|إماراتي|اماراتي|مغربي|مصري|إسترليني|استرليني|روسي|صيني|تركية|لبنانية|سورية|تركي|لبناني|سوري|هندية|سويسري|إسرائيلي|اسرائيلي)(?:اً|ًا|ا)?\b)?"
);
pub(super) const ARABIC_ANCHOR: &str =
    r"دولار|يورو|جنيه|دنانير|دينار|ريال|دراهم|درهم|روبل|يوان|لير|شيكل|روبي|فرنك|ين\s+ياباني";

/// The ISO code of an Arabic currency word with its nationality. Words shared by several
/// currencies (dinar, riyal, lira…) get a code only with a nationality; a bare dollar is
/// the US dollar.
pub(super) fn arabic_code(w: &str) -> Option<&'static str> {
    let has = |keys: &[&str]| keys.iter().any(|k| w.contains(k));
    let by_nationality = |table: &[(&[&str], &'static str)]| {
        table.iter().find(|(keys, _)| has(keys)).map(|(_, code)| *code)
    };
    if has(&["دولار"]) {
        return by_nationality(&[(&["أسترالي", "استرالي"], "AUD"), (&["كندي"], "CAD")]).or(Some("USD"));
    }
    if has(&["يورو"]) {
        return Some("EUR");
    }
    if has(&["مصري"]) {
        return Some("EGP");
    }
    if has(&["إسترليني", "استرليني"]) {
        return Some("GBP");
    }
    if has(&["روبل"]) {
        return Some("RUB");
    }
    if has(&["يوان"]) {
        return Some("CNY");
    }
    if has(&["ين ياباني"]) {
        return Some("JPY");
    }
    if has(&["شيكل"]) {
        return Some("ILS");
    }
    by_nationality(&[
        (&["جزائري"], "DZD"),
        (&["عراقي"], "IQD"),
        (&["كويتي"], "KWD"),
        (&["أردني", "اردني"], "JOD"),
        (&["ليبي"], "LYD"),
        (&["تونسي"], "TND"),
        (&["بحريني"], "BHD"),
        (&["سعودي"], "SAR"),
        (&["قطري"], "QAR"),
        (&["عماني"], "OMR"),
        (&["يمني"], "YER"),
        (&["إيراني", "ايراني"], "IRR"),
        (&["إماراتي", "اماراتي"], "AED"),
        (&["مغربي"], "MAD"),
        (&["تركي"], "TRY"),
        (&["لبناني"], "LBP"),
        (&["سوري"], "SYP"),
        (&["هندي"], "INR"),
        (&["سويسري"], "CHF"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_codes() {
        assert!(ISO.split('|').all(|c| c.len() == 3 && iso_code(c) == Some(c) || c == "RMB" || c == "ECU"));
        assert_eq!(iso_code("RMB"), Some("CNY"));
        assert_eq!(iso_code("usd"), None);
        assert_eq!(iso_code("XYZ"), None);
    }

    #[test]
    fn every_form_is_found_once_and_anchored() {
        let anchor = regex::Regex::new(&format!(r"\b(?:{})\b", words_anchor())).unwrap();
        let mut seen = std::collections::HashSet::new();
        for entry in WORDS {
            for form in entry.forms {
                assert!(seen.insert(*form), "{form} twice");
                assert!(std::ptr::eq(word(&form.to_uppercase()).unwrap(), entry), "{form}");
                assert!(anchor.is_match(form), "{form} escapes the anchor");
                assert!(!anchor.is_match(&format!("x{form}x")), "{form} inside a word");
            }
        }
        assert!(word("Canadian").is_none());
        assert_eq!(word("dollars").unwrap().code_with(Some("Hong  Kong")), Some("HKD"));
        assert_eq!(word("francs").unwrap().code_with(None), None);
        assert!(word("Swiss francs").is_none());
    }
}
