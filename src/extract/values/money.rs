//! MONEY: amounts with a currency sign, code or word, ranges of amounts.

use regex::Captures;

use super::numbers::amount;
use super::{rule, span, Cand, Ctx, Label, Rule, Value};

pub(super) const ISO: &str = "USD|EUR|GBP|JPY|CNY|RMB|RUB|SAR|AED|QAR|KWD|BHD|OMR|JOD|DZD|MAD|TND|EGP|LYD|IQD|LBP|SYP|TRY|ILS|IRR|YER|CHF|CAD|AUD|NZD|HKD|SGD|INR|PKR";

/// A currency written before the amount.
pub(super) const PRE: &str = r"(?:\b(?:US|HK|AU|NZ|CA|A|C|S)\$|\$|€|£|¥|\b(?:@ISO@)\b)";

/// A currency written after the amount: English words (with an optional nationality),
/// ISO codes, Arabic words (with an optional nationality after, possibly accusative).
pub(super) const CURW: &str = concat!(
    r"(?:(?:(?:US|U\.S\.|American|Australian|Canadian|Hong\s+Kong|Singapore|New\s+Zealand|Saudi|Qatari|Omani|Yemeni|Iranian|Algerian|Iraqi|Kuwaiti|Jordanian|Libyan|Tunisian|Bahraini|Emirati|UAE|Moroccan|Egyptian|Turkish|Lebanese|Syrian|Indian|Pakistani|Swiss|Israeli|Russian|Chinese|Japanese)\s+)?",
    r"(?i:dollars?|euros?|pounds?(?:\s+sterling)?|sterling|rubles?|roubles?|yuan|renminbi|yen|dinars?|riyals?|rials?|dirhams?|rupees?|liras?|francs?|shekels?)",
    r"|@ISO@",
    r"|(?:دولارات|دولاراً|دولارا|دولار|يورو|جنيهات|جنيه|دنانير|دينارا|دينار|ريالات|ريالا|ريال|دراهم|درهما|درهم|روبلات|روبل|يوان|ليرات|ليرة|شيكلات|شيكل|روبيات|روبية|فرنكات|فرنك|ين\s+ياباني)",
    r"(?:\s+(?:أمريكية|أميركية|امريكية|اميركية|أمريكي|أميركي|امريكي|اميركي|كندي|أسترالي|استرالي|سعودي|قطري|عماني|يمني|إيراني|ايراني|جزائري|عراقي|كويتي|أردني|اردني|ليبي|تونسي|بحريني|إماراتي|اماراتي|مغربي|مصري|إسترليني|استرليني|روسي|صيني|تركية|لبنانية|سورية|تركي|لبناني|سوري|هندية|سويسري|إسرائيلي|اسرائيلي)(?:اً|ًا|ا)?\b)?)"
);

/// The separator of a money range, opening a group the pattern closes.
pub(super) const MONEY_RANGE: &str = r"(?:\s*(?:[-–—]|(?i:to)\b|إلى|الى)\s*";

pub(super) fn rules() -> Vec<Rule> {
        let currency_anchor = Some(r"[$€£¥]|@ISO@");
        let currency_word_anchor = Some(
        r"(?i:dollar|euro|pound|sterling|ruble|rouble|yuan|renminbi|yen|dinar|riyal|rial|dirham|rupee|lira|franc|shekel)|@ISO@|دولار|يورو|جنيه|دنانير|دينار|ريال|دراهم|درهم|روبل|يوان|لير|شيكل|روبي|فرنك|ين\s+ياباني",
        );
    vec![
        // $12-17 billion, US$21.3 billion, €5bn, USD 40 million
        rule(
            r"(?P<m>(?P<c>@PRE@)\s?(?P<n1>@NUM@)(?:[\s-]?(?P<s1>@SCALE@)\b|\b)@MONEY_RANGE@(?:@PRE@)?\s?(?P<n2>@NUM@)(?:[\s-]?(?P<s2>@SCALE@)\b|\b))?)",
            currency_anchor,
            money,
        ),
        // between $12 and $17 billion: "and" makes a range only after "between"
        rule(
            r"\b(?i:between)\s+(?P<m>(?P<c>@PRE@)\s?(?P<n1>@NUM@)(?:\s?(?P<s1>@SCALE@)\b|\b)\s+(?i:and)\s+(?:@PRE@)?\s?(?P<n2>@NUM@)(?:\s?(?P<s2>@SCALE@)\b|\b))",
            currency_anchor,
            money,
        ),
        // 3 billion dollars, 21.3 مليار دولار أمريكي
        rule(
            r"@START@(?P<m>(?P<n1>@NUM@)(?:\s?(?P<s1>@SCALE@)\b|\b)@MONEY_RANGE@(?P<n2>@NUM@)(?:\s?(?P<s2>@SCALE@)\b|\b))?\s?(?P<cw>@CURW@)\b)",
            currency_word_anchor,
            money,
        ),
        // between 12 and 17 billion dollars, بين 12 و17 مليار دولار
        rule(
            r"(?:\b(?i:between)|@START@بين)\s+(?P<m>(?P<n1>@NUM@)(?:\s?(?P<s1>@SCALE@)\b|\b)\s*(?:(?i:and)\s|و)\s*(?P<n2>@NUM@)(?:\s?(?P<s2>@SCALE@)\b|\b)\s?(?P<cw>@CURW@)\b)",
            currency_word_anchor,
            money,
        ),
    ]
}

pub(super) fn money(_ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let currency = match (c.name("c"), c.name("cw")) {
        (Some(p), _) => currency_of_prefix(p.as_str()),
        (None, Some(w)) => currency_of_word(w.as_str()),
        _ => None,
    };
    // A scale word written once applies to both ends: "$12-17 billion".
    let s1 = c.name("s1").or(c.name("s2")).map(|s| s.as_str());
    let s2 = c.name("s2").or(c.name("s1")).map(|s| s.as_str());
    let lo = amount(&c["n1"], s1)?;
    let hi = match c.name("n2") {
        Some(n2) => amount(n2.as_str(), s2)?,
        None => lo,
    };
    let value = Value {
        amount_min: Some(lo.min(hi)),
        amount_max: Some(lo.max(hi)),
        currency: currency.map(str::to_string),
        ..Value::default()
    };
    Some(Cand { start: m.start(), end: m.end(), label: Label::Money, value })
}

pub(super) fn currency_of_prefix(p: &str) -> Option<&'static str> {
    Some(match p {
        "$" | "US$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "HK$" => "HKD",
        "A$" | "AU$" => "AUD",
        "C$" | "CA$" => "CAD",
        "NZ$" => "NZD",
        "S$" => "SGD",
        code => return iso_code(code),
    })
}

pub(super) fn iso_code(code: &str) -> Option<&'static str> {
    if code == "RMB" {
        return Some("CNY");
    }
    ISO.split('|').find(|c| *c == code)
}

/// The ISO code of a currency word. Words shared by several currencies (dinar, riyal,
/// lira…) get a code only with a nationality; a bare dollar is the US dollar.
pub(super) fn currency_of_word(w: &str) -> Option<&'static str> {
    if let Some(code) = iso_code(w) {
        return Some(code);
    }
    let l = w.to_lowercase();
    let has = |keys: &[&str]| keys.iter().any(|k| l.contains(k));
    let by_nationality = |table: &[(&[&str], &'static str)]| {
        table.iter().find(|(keys, _)| has(keys)).map(|(_, code)| *code)
    };
    if has(&["dollar", "دولار"]) {
        return by_nationality(&[
            (&["australian", "أسترالي", "استرالي"], "AUD"),
            (&["canadian", "كندي"], "CAD"),
            (&["hong kong"], "HKD"),
            (&["singapore"], "SGD"),
            (&["new zealand"], "NZD"),
        ])
        .or(Some("USD"));
    }
    if has(&["euro", "يورو"]) {
        return Some("EUR");
    }
    if has(&["egyptian", "مصري"]) {
        return Some("EGP");
    }
    if has(&["pound", "sterling", "إسترليني", "استرليني"]) {
        return Some("GBP");
    }
    if has(&["rubl", "roubl", "روبل"]) {
        return Some("RUB");
    }
    if has(&["yuan", "renminbi", "يوان"]) {
        return Some("CNY");
    }
    if has(&["yen", "ين ياباني"]) {
        return Some("JPY");
    }
    if has(&["shekel", "شيكل"]) {
        return Some("ILS");
    }
    by_nationality(&[
        (&["algerian", "جزائري"], "DZD"),
        (&["iraqi", "عراقي"], "IQD"),
        (&["kuwaiti", "كويتي"], "KWD"),
        (&["jordanian", "أردني", "اردني"], "JOD"),
        (&["libyan", "ليبي"], "LYD"),
        (&["tunisian", "تونسي"], "TND"),
        (&["bahraini", "بحريني"], "BHD"),
        (&["saudi", "سعودي"], "SAR"),
        (&["qatari", "قطري"], "QAR"),
        (&["omani", "عماني"], "OMR"),
        (&["yemeni", "يمني"], "YER"),
        (&["iranian", "إيراني", "ايراني"], "IRR"),
        (&["emirati", "uae", "إماراتي", "اماراتي"], "AED"),
        (&["moroccan", "مغربي"], "MAD"),
        (&["turkish", "تركي"], "TRY"),
        (&["lebanese", "لبناني"], "LBP"),
        (&["syrian", "سوري"], "SYP"),
        (&["indian", "هندي"], "INR"),
        (&["pakistani"], "PKR"),
        (&["swiss", "سويسري"], "CHF"),
    ])
}
