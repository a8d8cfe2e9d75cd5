//! Numbers as news writes them: digits with separators and scale words.

/// A number as written in news: thousands separators and decimals. `[0-9]`, not `\d`,
/// since `\d` is Unicode-wide and digits are already normalised.
pub(super) const NUM: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)";

pub(super) const SCALE: &str = r"(?:(?i:thousand|million|billion|trillion|bn|mn|mln|tn|m|k|b)|مليارات|مليارا|مليار|ملايين|مليونا|مليون|آلاف|ألف|الف|تريليونات|تريليون|بليون)";

/// The amount of a number with an optional scale word. Parsed as "21.3e9" rather than
/// multiplied, so that the value is the correctly rounded double (21.3 * 1e9 is not).
pub(super) fn amount(num: &str, scale: Option<&str>) -> Option<f64> {
    let exp = scale.map_or(Some(0), scale_exponent)?;
    format!("{}e{exp}", num.replace(',', "")).parse().ok()
}

pub(super) fn scale_exponent(s: &str) -> Option<i32> {
    match s.to_lowercase().as_str() {
        "thousand" | "k" | "ألف" | "الف" | "آلاف" => Some(3),
        "million" | "m" | "mn" | "mln" | "مليون" | "ملايين" | "مليونا" => Some(6),
        "billion" | "bn" | "b" | "مليار" | "مليارات" | "مليارا" | "بليون" => {
            Some(9)
        }
        "trillion" | "tn" | "تريليون" | "تريليونات" => Some(12),
        _ => None,
    }
}
