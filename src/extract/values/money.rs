//! MONEY: amounts with a currency sign, code or word (`$1.5 mln`, `150 mln stg`, `42
//! cents`, `two million pounds`, `HK$43 million`), ranges of amounts (`$12-17 billion`,
//! `between $5 and $6 million`), per-share amounts (`97 cents a share`).

use super::{Captures, Match};

use super::currency::{self, Ambiguity};
use super::numbers::{amount, hyphenated, needs_scale, number_value, scale_exponent};
use super::{build, rule, rule_ar, rule_split, span, word_in, Cand, Ctx, Label, Rule, Value};

/// The anchor of the "between X and Y" rules.
pub(super) const BETWEEN: &str = "between|Between|BETWEEN";

/// The separator of a range, in group `sep`.
pub(super) const RSEP: &str = r"\s*(?P<sep>[-–—]|(?i:to)@B@)\s*";
const RSEP_AR: &str = r"\s*(?P<sep>[-–—]|(?i:to)\b|إلى|الى)\s*";
/// A number after a currency sign: also `$.50`.
const PNUM: &str = r"(?:@DNUM@|\.[0-9]+)";
/// Per-share amounts keep their unit in the span, as in OntoNotes ("97 cents a share").
const PER_SHARE: &str = r"\s+(?i:a|per)\s+(?i:share|shr)@B@";

/// English patterns use ASCII word boundaries only, so that the regex crate's DFA runs
/// them on any text; Arabic ones (rules that see Arabic letters as letters) run only on
/// text with Arabic, in windows around their anchors.
pub(super) fn rules() -> Vec<Rule> {
    // ISO codes as any three capitals before a number: a list of eighty would be slower.
    // Two gates: the signs are literals that one pass over the text finds for every rule
    // (`Literals`), the codes are not.
    let sign_gates = [r"[$€£¥₹₩₽₺₦₱₪]|Rs|DM|FFr|SFr|Sfr|BFr|Skr|SKr|Nkr|NKr|Dkr|DKr", r"[A-Z]{3}\s?[0-9]"];
    // Two gates rather than one anchor "@CURWORDS_ANCHOR@|@B@(?:@ISO@)@B@" (see rule_split).
    let word_gates = [r"@CURWORDS_ANCHOR@", r"@B@(?:@ISO@)@B@"];
    vec![
        // $12-17 billion, US$21.3 billion, €5bn, USD 40 million, $1 1/2, C$0.50 to C$6
        rule_split(
            r"(?P<m>(?P<c>@PRE@)\s?(?P<n1>@PNUM@)(?:[\s-]?(?P<s1>@SCALE_EN@)@B@)?(?:@RSEP@(?P<c2>@PRE@)?\s?(?P<n2>@PNUM@)(?:[\s-]?(?P<s2>@SCALE_EN@)@B@)?)?(?P<ps>@PER_SHARE@)?)",
            &sign_gates,
            money,
        ),
        // between $12 and $17 billion: "and" makes a range only after "between"
        rule(
            r"@B@(?i:between)\s+(?P<m>(?P<c>@PRE@)\s?(?P<n1>@PNUM@)(?:\s?(?P<s1>@SCALE_EN@)@B@)?\s+(?i:and)\s+(?P<c2>@PRE@)?\s?(?P<n2>@PNUM@)(?:\s?(?P<s2>@SCALE_EN@)@B@)?)",
            Some(BETWEEN),
            money,
        ),
        // 3 billion dollars, 150 mln stg, 42 cents, two million pounds, 40 million USD
        rule_split(
            r"@B@(?P<m>(?P<n1>@ANUM@)(?:[\s-]?(?P<s1>@SCALE_EN@)@B@)?(?:@RSEP@(?P<n2>@ANUM@)(?:[\s-]?(?P<s2>@SCALE_EN@)@B@)?)?\s?(?:@CURWORDS@|(?P<iso>@ISO@)@B@)(?P<ps>@PER_SHARE@)?)",
            &word_gates,
            money,
        ),
        // between 12 and 17 billion dollars
        rule(
            r"@B@(?i:between)\s+(?P<m>(?P<n1>@ANUM@)(?:\s?(?P<s1>@SCALE_EN@)@B@)?\s+(?i:and)\s+(?P<n2>@ANUM@)(?:\s?(?P<s2>@SCALE_EN@)@B@)?\s?(?:@CURWORDS@|(?P<iso>@ISO@)@B@))",
            Some(BETWEEN),
            money,
        ),
        // 179.5p: pence written after the number, attached
        rule(r"@B@(?P<m>(?P<n1>@DNUM@)p)@B@", Some(r"[0-9]p@B@"), pence),
        // 21.3 مليار دولار أمريكي, 5 ملايين يورو
        rule_ar(
            r"@START@(?P<m>(?P<n1>@NUM@)(?:\s?(?P<s1>@SCALE@)\b)?(?:@RSEP_AR@(?P<n2>@NUM@)(?:\s?(?P<s2>@SCALE@)\b)?)?\s?(?P<acw>@ARABIC_CUR@))",
            "@ARABIC_CUR_ANCHOR@",
            money,
        ),
        // بين 12 و17 مليار دولار
        rule_ar(
            r"@START@بين\s+(?P<m>(?P<n1>@NUM@)(?:\s?(?P<s1>@SCALE@)\b)?\s*و\s*(?P<n2>@NUM@)(?:\s?(?P<s2>@SCALE@)\b)?\s?(?P<acw>@ARABIC_CUR@))",
            "بين",
            money,
        ),
        // $5 مليار: a sign with an Arabic scale word
        rule_ar(
            r"(?P<m>(?P<c>@PRE@)\s?(?P<n1>@PNUM@)\s?(?P<s1>@SCALE_AR@)\b)",
            "@SCALE_AR@",
            money,
        ),
    ]
}

/// The placeholders of this module's patterns.
pub(super) fn placeholders() -> Vec<(&'static str, String)> {
    vec![
        ("@RSEP@", RSEP.into()),
        ("@RSEP_AR@", RSEP_AR.into()),
        ("@BETWEEN@", BETWEEN.into()),
        ("@PNUM@", PNUM.into()),
        ("@PER_SHARE@", PER_SHARE.into()),
        ("@PRE@", currency::PRE.into()),
        ("@ISO@", currency::ISO.into()),
        ("@CURWORDS@", currency::words_pattern().into()),
        ("@CURWORDS_ANCHOR@", currency::words_anchor().into()),
        ("@ARABIC_CUR@", currency::ARABIC.into()),
        ("@ARABIC_CUR_ANCHOR@", currency::ARABIC_ANCHOR.into()),
    ]
}

/// Currency signs: a number after one belongs to it ("$1,574,799 won this year").
const SIGNS: &[char] = &['$', '€', '£', '¥', '₹', '₩', '₽', '₺', '₦', '₱', '₪'];

/// Words before an amount that make "X to Y" a change from X to Y, not a range, when both
/// ends are written in full: "up C$0.50 to C$6", "from $1.2 billion to $1.5 billion".
#[rustfmt::skip]
pub(super) const CHANGE_CUES: &[&str] = &[
    "up", "down", "from", "rose", "fell", "rise", "fall", "rises", "falls", "rising", "falling",
    "gained", "lost", "added", "shed", "dropped", "climbed", "jumped", "slipped", "eased",
    "firmed", "advanced", "declined", "increased", "decreased", "raised", "lowered", "cut",
    "surged", "slumped", "tumbled", "soared", "plunged", "edged", "inched", "grew", "widened",
    "narrowed", "improved", "fallen", "risen", "gaining", "losing",
];

fn money(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    if ctx.text[m.end()..].starts_with(|ch: char| ch.is_alphanumeric()) {
        return None;
    }
    let n1 = c.name("n1")?;
    // "000" in a table header, "O-157", ".500 mark", "$1,574,799 won": not an amount here.
    let before = ctx.text[..n1.start()].trim_end();
    if n1.as_str().len() > 1 && n1.as_str().starts_with('0') && n1.as_str().as_bytes()[1].is_ascii_digit()
        || c.name("c").is_none()
            && (ctx.glued_before(n1.start()) || ctx.inside_number(n1.start()) || before.ends_with(SIGNS))
    {
        return None;
    }
    let (code, minor) = currency_of(ctx, c)?;
    let (s1, s2) = (c.name("s1"), c.name("s2"));
    if [Some(n1), c.name("n2")].into_iter().flatten().any(|n| needs_scale(n.as_str())) && s1.or(s2).is_none() {
        return None;
    }
    // "up C$0.50 to C$6": two amounts, the first taken alone; the second is matched next.
    // "C$11 to C$6" runs downwards: a comparison, not a range.
    let complete = c.name("c2").is_some() && (s1.is_some() || s2.is_none());
    let changed = complete
        && c.name("sep").is_some_and(|s| s.as_str().eq_ignore_ascii_case("to"))
        && (ctx.word_before(m.start()).is_some_and(|(w, _)| word_in(w, CHANGE_CUES))
            || c.name("n2").and_then(|n2| Some(number_value(n2.as_str())? < number_value(n1.as_str())?)) == Some(true));
    if changed {
        let end = s1.map_or(n1.end(), |s| s.end());
        let lo = amount(n1.as_str(), exponent(s1)? + minor)?;
        return Some(money_cand(m.start(), end, lo, lo, code));
    }
    // "Thirty-five million dollars", "$8-3/4": one number the range pattern split in two.
    if let (Some(n2), None) = (c.name("n2"), s1) {
        if let Some(v) = hyphenated(ctx.text, n1.range(), n2.range()) {
            let v = v * 10f64.powi(exponent(s2)? + minor);
            return Some(money_cand(m.start(), m.end(), v, v, code));
        }
    }
    // A scale word written once applies to both ends: "$12-17 billion".
    let lo = amount(n1.as_str(), exponent(s1.or(s2))? + minor)?;
    let hi = match c.name("n2") {
        Some(n2) => amount(n2.as_str(), exponent(s2.or(s1))? + minor)?,
        None => lo,
    };
    Some(money_cand(m.start(), m.end(), lo, hi, code))
}

fn money_cand(start: usize, end: usize, a: f64, b: f64, code: Option<&str>) -> Cand {
    let value = Value {
        amount_min: Some(a.min(b)),
        amount_max: Some(a.max(b)),
        currency: code.map(str::to_string),
        ..Value::default()
    };
    Cand { start, end, label: Label::Money, value }
}

fn exponent(scale: Option<Match<'_>>) -> Option<i32> {
    scale.map_or(Some(0), |s| scale_exponent(s.as_str()))
}

/// The currency code of a match and the power of ten of its unit; `None` when the
/// currency word means something else here ("weighed 112 pounds", "Graf won 6-3").
fn currency_of(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<(Option<&'static str>, i32)> {
    if let Some(p) = c.name("c") {
        return Some((currency::currency_of_prefix(p.as_str()), 0));
    }
    if let Some(iso) = c.name("iso") {
        return Some((currency::iso_code(iso.as_str()), 0));
    }
    if let Some(a) = c.name("acw") {
        return Some((currency::arabic_code(a.as_str()), 0));
    }
    let cw = c.name("cw")?;
    let word = currency::word(cw.as_str())?;
    let nation = c.name("nat").map(|n| n.as_str());
    let scaled = c.name("s1").or(c.name("s2")).is_some();
    let digits = c["n1"].starts_with(|ch: char| ch.is_ascii_digit());
    let after = &ctx.text[span(c).end()..];
    let ok = match word.ambiguity {
        Ambiguity::None => true,
        _ if nation.is_some() => true,
        Ambiguity::Nation => false,
        Ambiguity::Word => digits || scaled,
        Ambiguity::Weight => scaled || digits && !is_weight(ctx, span(c).start(), after),
        Ambiguity::Verb => {
            let next = ctx.word_after(span(c).end());
            (digits || scaled)
                && !next.is_some_and(|w| {
                    w.starts_with(|ch: char| ch.is_ascii_digit())
                        || word_in(w, &["the", "a", "an", "his", "her", "their", "its", "by", "all", "both", "each"])
                })
        }
    };
    ok.then(|| (word.code_with(nation), word.exp))
}

/// Is the amount of pounds before `after` a weight: weighed, of something, in kilograms?
fn is_weight(ctx: &Ctx<'_>, start: usize, after: &str) -> bool {
    let rest = after.trim_start();
    if rest.starts_with("of ") || rest.starts_with("per square") {
        return true;
    }
    if let Some(paren) = rest.strip_prefix('(') {
        let unit = paren.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | ' '));
        if unit.starts_with("kg") || unit.starts_with("kilo") {
            return true;
        }
    }
    let mut pos = start;
    for _ in 0..4 {
        let Some((w, ws)) = ctx.word_before(pos) else { break };
        if w.to_ascii_lowercase().starts_with("weigh") {
            return true;
        }
        pos = ws;
    }
    false
}

fn pence(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    // "1p.m.", "10p-11p" hyphenated codes, and numbers inside other numbers are not prices.
    let after = &ctx.text[m.end()..];
    if after.starts_with(".m") || after.starts_with('-') || ctx.inside_number(m.start()) {
        return None;
    }
    let v = amount(&c["n1"], -2)?;
    Some(money_cand(m.start(), m.end(), v, v, Some("GBP")))
}

/// Words that may follow an amount whose currency the sentence left to the reader ("from
/// 48.4 billion in April"); any other word is likely what the number counts ("12 billion
/// shares", "2 mln people").
#[rustfmt::skip]
const AFTER_ELLIPSIS: &[&str] = &[
    "in", "at", "on", "for", "a", "an", "the", "last", "this", "previous", "earlier", "ago", "and",
    "or", "vs", "from", "to", "against", "during", "by", "after", "before", "year", "compared",
    "respectively", "while", "when", "but", "as", "with", "since", "previously", "then",
];

/// Amounts written without their currency after one written with it, in the same sentence
/// ("rose to 60.6 billion crowns in May from 48.4 billion in April, against 39.5 billion a
/// year earlier"): MONEY in the first amount's currency. Only a number with a scale word
/// after a word of comparison counts, and only when no noun follows it; `kept` are the
/// chosen candidates, sorted by start, and the new ones are added in order.
pub(super) fn elliptical(ctx: &Ctx<'_>, kept: &mut Vec<Cand>) {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        build(r"(?:^|\s)(?i:from|to|against|vs\.?|versus|and|with)\s+(?P<n>@NUM@)\s+(?P<s>(?i:billion|million|trillion|mln|bln|bn|trln))\b")
    });
    let mut added = Vec::new();
    for c in kept.iter().filter(|c| c.label == Label::Money) {
        let code = c.value.currency.as_deref();
        let rest = &ctx.text[c.end..];
        let mut stop = rest.find(['\n', ';']).unwrap_or(rest.len()).min(200);
        // A full stop and a capital end the sentence; a decimal point does not.
        if let Some(i) = rest.match_indices(". ").map(|(i, _)| i).find(|&i| rest[i + 2..].starts_with(|ch: char| ch.is_uppercase())) {
            stop = stop.min(i);
        }
        while !rest.is_char_boundary(stop) {
            stop -= 1;
        }
        for m in re.captures_iter(&rest[..stop]) {
            let (n, sc) = (m.name("n").expect("group"), m.name("s").expect("group"));
            let (start, end) = (c.end + n.start(), c.end + sc.end());
            let taken = |o: &Cand| o.start < end && start < o.end;
            if kept.iter().chain(&added).any(taken) {
                continue;
            }
            let next_ok = match ctx.word_after(end) {
                Some(w) => word_in(w, AFTER_ELLIPSIS),
                None => !ctx.text[end..].trim_start_matches(' ').starts_with(|ch: char| ch.is_alphanumeric()),
            };
            let Some(v) = scale_exponent(sc.as_str()).and_then(|e| amount(n.as_str(), e)) else { continue };
            if next_ok {
                added.push(money_cand(start, end, v, v, code));
            }
        }
    }
    if !added.is_empty() {
        kept.extend(added);
        kept.sort_by_key(|c| c.start);
    }
}
