//! PERCENT: numbers with a percent sign or word (`%`, `percent`, `per cent`, `pct`,
//! `percentage points`, `في المائة`), spelled out (`Thirty-five percent`), with fractions
//! (`8 3/4%`), and ranges (`10% to 15%`, `10-15 percent`, `between 10 and 15 percent`).
//!
//! A range keeps its ends in `amount_min`/`amount_max` and its lower end in `percent`.

use super::Captures;

use super::money::{BETWEEN, CHANGE_CUES};
use super::numbers::{hyphenated, number_value};
use super::{cased, is_word_char, rule, rule_ar, span, word_in, Cand, Ctx, Label, Rule, Value};

/// A percent sign or word, Reuters' `pct` and `pct points` included.
const UNIT: &str = r"(?:%|(?i:percentage\s+points?|percent|per\s?cent|pct(?:\s+(?:pts|points?))?)@B@)";
const UNIT_AR: &str = r"(?:في\s+(?:المائة|المئة)\b|بال(?:مائة|مئة|مية)\b)";

/// As for MONEY, English patterns have ASCII word boundaries only; the Arabic percent words
/// have their own rule.
pub(super) fn rules() -> Vec<Rule> {
    let anchor = format!("%|{}", cased(&["percent", "per cent", "pct"]));
    let anchor = Some(anchor.as_str());
    vec![
        // 50%, 90 percent, 8 3/4 pct, Thirty-five percent, 10% to 15%, 10-15 percent
        rule(
            r"@B@(?P<m>(?:(?P<n1>@ANUM@)(?:\s?(?P<u1>@PCT@))?@RSEP@)?(?P<n>@ANUM@)\s?@PCT@)",
            anchor,
            percent,
        ),
        // between 10 and 15 percent, between 10% and 15%
        rule(
            r"@B@(?i:between)\s+(?P<m>(?P<n1>@ANUM@)(?:\s?(?P<u1>@PCT@))?\s+(?i:and)\s+(?P<n>@ANUM@)\s?@PCT@)",
            Some(BETWEEN),
            percent,
        ),
        // ٪٥٠: the sign first, as often typed in right-to-left text
        rule(r"(?P<m>%\s?(?P<n>@NUM@))@B@", Some("%"), percent_sign_first),
        // 50 في المائة, 30 بالمئة
        rule_ar(r"@START@(?P<m>(?P<n>@NUM@)\s?@PCT_AR@)", r"المائة|المئة|بالمية", percent),
    ]
}

pub(super) fn placeholders() -> Vec<(&'static str, String)> {
    vec![("@PCT@", UNIT.into()), ("@PCT_AR@", UNIT_AR.into())]
}

fn percent(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let n = c.name("n")?;
    if ctx.glued_before(m.start()) || ctx.inside_number(m.start()) {
        return None;
    }
    // "a%20b" is a URL; "a percent" is too rare to be worth it.
    if n.as_str().eq_ignore_ascii_case("a") || n.as_str().eq_ignore_ascii_case("an") {
        return None;
    }
    let hi = number_value(n.as_str())?;
    let single = |start: usize| {
        let value = Value { percent: Some(hi), ..Value::default() };
        Some(Cand { start, end: m.end(), label: Label::Percent, value })
    };
    let Some(n1) = c.name("n1") else { return single(m.start()) };
    if c.name("u1").is_none() {
        if let Some(v) = hyphenated(ctx.text, n1.range(), n.range()) {
            let value = Value { percent: Some(v), ..Value::default() };
            return Some(Cand { start: m.start(), end: m.end(), label: Label::Percent, value });
        }
    }
    let lo = number_value(n1.as_str())?;
    // "in 1996 to 5 percent": no range runs downwards; only the second number is ours.
    if lo >= hi && c.name("u1").is_none() {
        return single(n.start());
    }
    // "rose 5% to 10%", "a 53 percent to 39 percent lead": a change or a comparison, not a
    // range; the first is taken alone, the second next.
    let change = c.name("u1").is_some()
        && c.name("sep").is_some_and(|s| s.as_str().eq_ignore_ascii_case("to"))
        && (lo > hi || ctx.word_before(m.start()).is_some_and(|(w, _)| word_in(w, CHANGE_CUES)));
    if change {
        let end = c.name("u1")?.end();
        let value = Value { percent: Some(lo), ..Value::default() };
        return Some(Cand { start: m.start(), end, label: Label::Percent, value });
    }
    let value = Value {
        percent: Some(lo.min(hi)),
        amount_min: Some(lo.min(hi)),
        amount_max: Some(lo.max(hi)),
        ..Value::default()
    };
    Some(Cand { start: m.start(), end: m.end(), label: Label::Percent, value })
}

fn percent_sign_first(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    // After a number the sign belongs to it ("50% 30"), and inside a word it is not ours.
    let before = &ctx.text[..span(c).start()];
    if before.ends_with(is_word_char) || before.trim_end().ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let value = Value { percent: Some(c["n"].replace(',', "").parse().ok()?), ..Value::default() };
    let m = span(c);
    Some(Cand { start: m.start(), end: m.end(), label: Label::Percent, value })
}
