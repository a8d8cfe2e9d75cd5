//! PERCENT: numbers with a percent sign or word.

use regex::Captures;

use super::{is_word_char, rule, span, Cand, Ctx, Label, Rule, Value};

pub(super) fn rules() -> Vec<Rule> {
    vec![
        // 50%, 90 percent, 50 في المائة
        rule(
            r"@START@(?P<m>(?P<n>@NUM@)\s?(?:%|(?i:percentage\s+points?|percent|per\s?cent|pct)\b|في\s+(?:المائة|المئة)\b|بال(?:مائة|مئة|مية)\b))",
            Some(r"%|(?i:per\s?cent|pct)|المائة|المئة|بالمية"),
            percent,
        ),
        // ٪٥٠: the sign first, as often typed in right-to-left text
        rule(r"(?P<m>%\s?(?P<n>@NUM@))@B@", None, percent_sign_first),
    ]
}

pub(super) fn percent(_ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let value = Value { percent: Some(c["n"].replace(',', "").parse().ok()?), ..Value::default() };
    Some(Cand { start: m.start(), end: m.end(), label: Label::Percent, value })
}

pub(super) fn percent_sign_first(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    // After a number the sign belongs to it ("50% 30"), and inside a word it is not ours.
    let before = &ctx.text[..span(c).start()];
    if before.ends_with(is_word_char) || before.trim_end().ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    percent(ctx, c)
}
