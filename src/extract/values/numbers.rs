//! Numbers as news writes them: digits with separators, fractions as bond prices and rates
//! are quoted (`8 3/4`, `8-3/4`, `8½`), spelled-out numbers (`Thirty-five`, `a hundred`,
//! `one and a half`), scale words (`million`, `mln`, `bn`, `crore`), and the comparative
//! modifiers that news writes before an amount (`more than`, `about`, `up to`).

use std::sync::OnceLock;

use super::Ctx;

/// A number as written in news: thousands separators and decimals. `[0-9]`, not `\d`,
/// since `\d` is Unicode-wide and digits are already normalised.
pub(super) const NUM: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)";

/// A vulgar fraction. Only the denominators of quoted prices and rates, so that a date such
/// as `5/12` is never read as one. No word boundary after it: pence follow attached
/// ("12-1/2p"); the handlers reject a digit after the match.
pub(super) const FRAC: &str = r"(?:[0-9]{1,2}/(?:64|32|16|8|4|3|2))";
pub(super) const UFRAC: &str = "[½¼¾⅛⅜⅝⅞⅓⅔]";

/// Digits with an optional fraction (`8 3/4`, `8-3/4`, `8½`), or a fraction alone.
pub(super) const DNUM: &str = r"(?:@NUM@(?:[ -]@FRAC@|@UFRAC@)?|@FRAC@|@UFRAC@)";

/// A spelled-out number up to the hundreds (the scale word after it is matched apart):
/// `five`, `Thirty-five`, `a hundred and twenty`, `one and a half`, `half a`, `a quarter of
/// a`. `a`/`an` alone stand for one and need a scale word after them (the handler checks).
pub(super) const WNUM: &str = concat!(
    r"(?i:(?:(?:@WSMALL@|an?)\s+hundred(?:\s+(?:and\s+)?@WSMALL@)?|@WSMALL@)(?:\s+and\s+a\s+half)?@B@",
    r"|(?:a\s+)?(?:half|quarter)(?:\s+of)?\s+an?@B@|three[-\s]quarters(?:\s+of)?\s+an?@B@|an?@B@)",
);
/// One to ninety-nine in words.
pub(super) const WSMALL: &str = concat!(
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)@B@)?",
    r"|(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine)@B@)",
);
/// Any amount: digits (with a fraction) or words.
pub(super) const ANUM: &str = r"(?:@DNUM@|@WNUM@)";

/// Scale words: English (with the abbreviations of Reuters and the financial press), and
/// Arabic.
pub(super) const SCALE_EN: &str = r"(?i:thousand|million|billion|trillion|crores?|lakhs?|bn|mn|mln|bln|trln|tn|m|k|b)";
pub(super) const SCALE_AR: &str = r"(?:مليارات|مليارا|مليار|ملايين|مليونا|مليون|آلاف|ألف|الف|تريليونات|تريليون|بليون)";
pub(super) const SCALE: &str = r"(?:@SCALE_EN@|@SCALE_AR@)";

/// The amount of a number (digits, digits with a fraction, or words) times ten to the
/// `exp`. Plain decimals are parsed as "21.3e9" rather than multiplied, so that the value
/// is the correctly rounded double (21.3 * 1e9 is not).
pub(super) fn amount(num: &str, exp: i32) -> Option<f64> {
    let plain = num.replace(',', "");
    if !plain.is_empty() && plain.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return format!("{plain}e{exp}").parse().ok();
    }
    Some(number_value(num)? * 10f64.powi(exp))
}

/// Is `num` a word that stands for one only before a scale word (`a`, `half a`)?
pub(super) fn needs_scale(num: &str) -> bool {
    let w = num.to_ascii_lowercase();
    w == "a" || w == "an" || w.ends_with(" a") || w.ends_with(" an")
}

/// The value of a number as matched by [`DNUM`] or [`WNUM`].
pub(super) fn number_value(num: &str) -> Option<f64> {
    let num = num.trim();
    if num.starts_with(|c: char| c.is_ascii_digit() || unicode_fraction(c).is_some()) {
        return digits_value(num);
    }
    words_value(num)
}

fn unicode_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        _ => return None,
    })
}

/// `8`, `1,200.5`, `8 3/4`, `8-3/4`, `8½`, `3/4`.
fn digits_value(num: &str) -> Option<f64> {
    let fraction = |f: &str| -> Option<f64> {
        let (a, b) = f.split_once('/')?;
        let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
        // "5/4" is not a fraction of a unit.
        (b > 0.0 && a < b).then(|| a / b)
    };
    if let Some(last) = num.chars().last().and_then(unicode_fraction) {
        let whole = &num[..num.len() - num.chars().last()?.len_utf8()];
        let w: f64 = if whole.is_empty() { 0.0 } else { whole.replace(',', "").parse().ok()? };
        return Some(w + last);
    }
    if num.contains('/') {
        return match num.split_once([' ', '-']) {
            Some((whole, f)) => Some(whole.replace(',', "").parse::<f64>().ok()? + fraction(f)?),
            None => fraction(num),
        };
    }
    num.replace(',', "").parse().ok()
}

/// `five`, `Thirty-five`, `a hundred and twenty`, `one and a half`, `half a`, `a quarter of
/// a`, `three-quarters of a`.
fn words_value(num: &str) -> Option<f64> {
    let lower = num.to_lowercase().replace('-', " ");
    let words: Vec<&str> = lower.split_whitespace().filter(|w| *w != "of").collect();
    match words.as_slice() {
        ["half", "a" | "an"] | ["a", "half", "a" | "an"] => return Some(0.5),
        ["quarter", "a" | "an"] | ["a", "quarter", "a" | "an"] => return Some(0.25),
        ["three", "quarters", "a" | "an"] => return Some(0.75),
        _ => {}
    }
    let (words, half) = match words.as_slice() {
        [rest @ .., "and", "a", "half"] => (rest, 0.5),
        all => (all, 0.0),
    };
    // What came last, so that "five six" or "twenty thirty" is not read as a number.
    #[derive(Clone, Copy, PartialEq)]
    enum Last {
        Start,
        A,
        Unit,
        Teen,
        Tens,
        Hundred,
        And,
    }
    let mut total = 0.0;
    let mut last = Last::Start;
    for w in words {
        last = match (*w, last) {
            ("a" | "an", Last::Start) => {
                total = 1.0;
                Last::A
            }
            ("and", Last::Hundred) => Last::And,
            ("hundred", Last::A | Last::Unit | Last::Teen | Last::Tens) => {
                total *= 100.0;
                Last::Hundred
            }
            (w, last) => {
                let v = small_word(w)?;
                let kind = if v >= 20.0 {
                    Last::Tens
                } else if v >= 10.0 {
                    Last::Teen
                } else {
                    Last::Unit
                };
                let ok = match kind {
                    Last::Unit => matches!(last, Last::Start | Last::Tens | Last::Hundred | Last::And),
                    _ => matches!(last, Last::Start | Last::Hundred | Last::And),
                };
                if !ok {
                    return None;
                }
                total += v;
                kind
            }
        };
    }
    (!matches!(last, Last::Start | Last::And)).then_some(total + half)
}

/// A number written across a hyphen that a range pattern split in two: "Thirty-five",
/// "8-3/4". `None` when the two are a range ("10-15", "five-six").
pub(super) fn hyphenated(text: &str, n1: std::ops::Range<usize>, n2: std::ops::Range<usize>) -> Option<f64> {
    (text.get(n1.end..n2.start) == Some("-")).then(|| number_value(&text[n1.start..n2.end]))?
}

fn small_word(w: &str) -> Option<f64> {
    const WORDS: [&str; 19] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as f64 + 1.0);
    }
    TENS.iter().position(|x| *x == w).map(|i| (i as f64 + 2.0) * 10.0)
}

pub(super) fn scale_exponent(s: &str) -> Option<i32> {
    match s.to_lowercase().as_str() {
        "thousand" | "k" | "ألف" | "الف" | "آلاف" => Some(3),
        "lakh" | "lakhs" => Some(5),
        "million" | "m" | "mn" | "mln" | "مليون" | "ملايين" | "مليونا" => Some(6),
        "crore" | "crores" => Some(7),
        "billion" | "bn" | "bln" | "b" | "مليار" | "مليارات" | "مليارا" | "بليون" => Some(9),
        "trillion" | "tn" | "trln" | "تريليون" | "تريليونات" => Some(12),
        _ => None,
    }
}

/// Comparative modifiers written before an amount, longest first where one ends another.
/// Lower case, one space between words; Arabic as written.
#[rustfmt::skip]
const QUALIFIERS: &[&str] = &[
    "no more than", "no less than", "not more than", "not less than", "no fewer than",
    "more than", "less than", "fewer than", "greater than", "higher than", "lower than",
    "at least", "at most", "up to", "as much as", "as many as", "as little as", "as high as",
    "as low as", "as few as", "in excess of", "upwards of", "close to", "a maximum of",
    "a minimum of", "an estimated", "just over", "just under", "well over", "well under",
    "well above", "well below", "just above", "just below", "slightly more than",
    "slightly less than", "some", "about", "around", "approximately", "roughly", "nearly",
    "almost", "over", "under", "above", "below", "estimated", "only", "just", "barely",
    "circa", "approx",
    "ما لا يقل عن", "ما يزيد على", "ما يزيد عن", "ما يقرب من", "ما يقارب", "أكثر من", "اكثر من",
    "أقل من", "اقل من", "أزيد من", "نحو", "حوالي", "حوالى", "قرابة", "زهاء",
];

impl Ctx<'_> {
    /// The comparative modifier written right before `start` ("more than $5 million"), as
    /// listed in [`QUALIFIERS`]; an Arabic one may carry a proclitic ("وأكثر من").
    pub(super) fn qualifier_before(&self, start: usize) -> Option<&'static str> {
        // Up to four words back, nearest first.
        let mut words: [&str; 4] = [""; 4];
        let mut n = 0;
        let mut pos = start;
        while n < 4 {
            let Some((w, ws)) = self.word_before(pos) else { break };
            words[n] = w;
            n += 1;
            pos = ws;
        }
        if n == 0 {
            return None;
        }
        // The qualifiers' words, last first, split once.
        static SPLIT: OnceLock<Vec<(&'static str, Vec<&'static str>)>> = OnceLock::new();
        let split = SPLIT.get_or_init(|| QUALIFIERS.iter().map(|q| (*q, q.rsplit(' ').collect())).collect());
        split.iter().find_map(|(q, qw)| {
            let k = qw.len();
            let ok = k <= n
                && qw.iter().zip(&words[..k]).enumerate().all(|(i, (qw, w))| {
                    w.eq_ignore_ascii_case(qw) || (i + 1 == k && !qw.is_ascii() && super::strip_proclitic(w) == *qw)
                });
            ok.then_some(*q)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        for (s, v) in [
            ("8", 8.0),
            ("1,200.5", 1200.5),
            ("8 3/4", 8.75),
            ("8-3/4", 8.75),
            ("8½", 8.5),
            ("3/4", 0.75),
            ("½", 0.5),
            ("five", 5.0),
            ("Thirty-five", 35.0),
            ("thirty five", 35.0),
            ("a hundred", 100.0),
            ("one hundred and twenty-five", 125.0),
            ("two hundred", 200.0),
            ("one and a half", 1.5),
            ("half a", 0.5),
            ("a quarter of a", 0.25),
            ("three-quarters of a", 0.75),
            ("a", 1.0),
        ] {
            assert_eq!(number_value(s), Some(v), "{s}");
        }
        for s in ["5/4", "and", "hundred", "dozen", "five six", "twenty thirty", "one hundred and"] {
            assert_eq!(number_value(s), None, "{s}");
        }
        assert_eq!(amount("21.3", 9), Some(21.3e9));
        assert_eq!(amount("42", -2), Some(0.42));
        assert_eq!(amount("two", 6), Some(2e6));
        assert!(needs_scale("a") && needs_scale("half a") && !needs_scale("one"));
    }
}
