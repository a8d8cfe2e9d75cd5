//! DATE periods of business and general news: quarters and halves (`the first quarter of
//! this year`, `first-half`, `Q3 1996`), seasons (`next spring`, `the summer of 1996`),
//! spans anchored on the present (`recent years`, `the past two years`, `the first six
//! months of 1996`), fiscal years (`fiscal 1997`, `the 1996/97 fiscal year`), the edges of
//! a period (`the end of the year`, `year-end`, and, for any date found, `late last year`,
//! `end-June`, `the beginning of 1996`), centuries, month ranges (`Jan-June`), `the '90s`.
//!
//! Durations are not dates: `two years`, `for a decade` match nothing here.

use super::Captures;

use super::calendar::*;
use super::dates::{month_en, valid_year, ORDINALS};
use super::numbers::number_value;
use super::{cased, rule, span, word_in, Cand, Ctx, Label, Rule, Value};

pub(super) fn rules() -> Vec<Rule> {
    vec![
        // the first quarter of this year, first-half, the third quarter of 1996, Q3 1996
        rule(
            r"@B@(?P<m>(?:(?i:the)\s+)?(?:(?P<y0>[0-9]{4})\s+)?(?P<ord>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th))[-\s](?P<part>(?i:quarter|half))(?:(?:\s+(?i:of))?\s+(?:(?P<y>[0-9]{4})@B@(?:[-/](?P<y2>[0-9]{2,4}))?|(?i:fiscal)\s+(?:(?i:year)\s+)?(?P<fy>[0-9]{4})@B@|(?P<rel>(?i:this|last|next|the\s+current|the\s+previous|the\s+past|the\s+coming))\s+(?:(?i:fiscal)\s+)?(?i:year)|(?P<theyear>(?i:the\s+(?:fiscal\s+)?year))@B@|(?P<ofmon>@MON_FULL@)@B@(?:\s+(?P<ymon>[0-9]{4})@B@)?))?|(?:Q(?P<qn>[1-4])\s+(?P<qy>[0-9]{4})|(?P<qn2>[1-4])Q\s?(?P<qy2>[0-9]{4}|[0-9]{2})))@B@",
            Some(&format!("{}|Q1|Q2|Q3|Q4|1Q|2Q|3Q|4Q", cased(&["quarter", "half"]))),
            quarter,
        ),
        // the six months to June 30, the first five months to February, the year ended March
        // 31, 1996, the second quarter ended March 31, the fiscal quarter ended Sept. 30
        rule(
            r"@B@(?P<m>(?:(?i:the)\s+)?(?:(?:(?i:first|last|past)\s+)?(?P<n>@WSMALL@|[0-9]{1,2})\s+(?P<unit>(?i:months|weeks))|(?:(?i:first|second|third|fourth|final|fiscal)\s+){0,2}(?P<per>(?i:year|quarter|half(?:-year)?)))\s+(?i:to|ended|ending|through)\s+(?P<mon>@MON@)(?:\s+(?P<d>@DAY@))?(?:,?\s+(?P<y>[0-9]{4})@B@)?)",
            Some(&cased(&[
                "months to", "months ended", "months ending", "months through", "weeks to", "weeks ended",
                "year to", "year ended", "year ending", "quarter to", "quarter ended", "quarter ending",
                "half to", "half ended", "half-year to", "half-year ended",
            ])),
            period_to,
        ),
        // next spring, the summer of 1996, in the autumn, last winter
        rule(
            r"@B@(?P<m>(?:(?P<the>(?i:the))\s+)?(?:(?P<rel>(?i:this|last|next|past|coming))\s+|(?P<mod>(?i:early|late|mid))[-\s])?(?P<season>(?i:spring|summer|autumn|fall|winter))(?:\s+(?:(?i:of)\s+)?(?P<y>[0-9]{4}))?)@B@",
            Some(&cased(&["spring", "summer", "autumn", "fall", "winter"])),
            season,
        ),
        // this season, last season, next season: the season of a sport or a crop, deictic
        // like "last year", whose months the words do not give
        rule(
            r"@B@(?P<m>(?:(?i:the)\s+)?(?i:this|last|next|coming|past|previous|current)\s+(?i:season))@B@",
            Some(&cased(&["season"])),
            deictic_season,
        ),
        // recent years, the past two years, the last 12 months, the coming weeks, the first
        // six months of 1996
        rule(
            r"@B@(?P<m>(?:(?i:the)\s+)?(?:(?i:recent)\s+(?P<runit>@UNITS@)|(?P<rel>(?i:past|last|next|coming|previous|first))\s+(?P<n>(?i:few|several|couple\s+of)|@WSMALL@|[0-9]{1,3})\s+(?P<unit>@UNITS@)|(?i:coming)\s+(?P<cunit>@UNITS@))(?:\s+(?i:of)\s+(?:(?P<y>[0-9]{4})|(?P<ofrel>(?i:this|last|next))\s+(?i:year)|(?P<oftheyear>(?i:the\s+year))))?)@B@",
            Some(&cased(&["days", "weeks", "months", "years", "decades"])),
            span_of_units,
        ),
        // fiscal 1997, the 1996/97 fiscal year, this fiscal year, FY97
        rule(
            r"@B@(?P<m>(?:(?P<the>(?i:the))\s+)?(?:(?P<rel>(?i:this|last|next|current|previous|coming|past))\s+)?(?:(?P<fy0>[0-9]{4})(?:[-/](?P<fy0b>[0-9]{2,4}))?\s+)?(?i:fiscal)(?:\s+(?P<yr>(?i:year)))?(?:\s+(?P<fy>[0-9]{4})(?:[-/](?P<fyb>[0-9]{2,4}))?)?|FY\s?(?P<fyy>[0-9]{4}|[0-9]{2}))@B@",
            Some(&format!("{}|FY", cased(&["fiscal"]))),
            fiscal,
        ),
        // the end of the year, the beginning of the month, year-end, mid-year
        rule(
            r"@B@(?P<m>(?:(?i:the)\s+)?(?i:end|beginning|start|middle|turn|close)\s+(?i:of)\s+(?i:the)\s+(?P<unit>(?i:year|month|week|decade|century))|(?P<ye>(?i:year)[-\s](?i:end)|(?i:end)-(?i:year)|(?i:mid)-?(?i:year)))@B@",
            Some(&cased(&["end of", "beginning of", "start of", "middle of", "turn of", "close of", "year-end", "year end", "end-year", "mid-year", "midyear"])),
            period_edge,
        ),
        // the 20th century, the nineteenth century
        rule(
            r"@B@(?P<m>(?:(?i:the)\s+)?(?P<ord>@ORD@|[0-9]{1,2}(?:st|nd|rd|th))[-\s](?i:century))@B@",
            Some(&cased(&["century"])),
            century,
        ),
        // the year-earlier period, year-ago
        rule(
            r"@B@(?P<m>(?P<the>(?i:the)\s+)?(?i:year)[-\s](?i:earlier|ago)(?P<noun>\s+(?i:period|quarter|half|month|level|levels|figure|figures)@B@)?)@B@",
            Some(&cased(&["year-earlier", "year earlier", "year-ago", "year ago"])),
            year_earlier,
        ),
        // Jan-June, April-March 1997
        rule(
            r"@B@(?P<m>(?P<m1>@MON@)\s*[-–/]\s*(?P<m2>@MON@)(?:,?\s+(?P<y>[0-9]{4})@B@)?)",
            Some(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*[-–/]"),
            month_range_date,
        ),
        // the '90s
        rule(r"(?P<m>'(?P<d>[0-9])0s)@B@", Some(r"'[0-9]0s"), apostrophe_decade),
    ]
}

pub(super) fn placeholders() -> Vec<(&'static str, String)> {
    vec![("@UNITS@", r"(?i:days|weeks|months|years|decades)".into())]
}

/// Words of business news around a bare "the first half" or "the third quarter", and words
/// of sports reports, where halves and quarters are periods of play.
const BUSINESS: &[&str] = &[
    "percent", "pct", "%", "profit", "earnings", "result", "sales", "revenue", "growth", "output",
    "econom", "demand", "turnover", "dividend", "net ", "loss", "shares", "forecast", "fiscal",
    "gdp", "inflation", "million", "billion", "compan", "quarterly", "analyst", "prices",
    "income", "trading", "operating", "export", "import", "deficit", "surplus", "$",
    // wire style: "16.6 mln barrels", "production during the fourth quarter"
    "mln", "bln", "dlr", "production", "tonnes", "barrels",
];
const SPORTS: &[&str] = &[
    "goal", "scored", "score", "minute", "match", "game", "penalty", "half-time", "halftime",
    "striker", "substitute", "kick", "touchdown", "rebound", "innings", "referee", "equalis",
    "equaliz", "fightback", "tries", "league", "cup", "coach", "midfield", "defender",
];

/// Does the line around `start..end` read as business news, not a sports report?
fn business_context(ctx: &Ctx<'_>, start: usize, end: usize) -> bool {
    let text = ctx.text;
    let mut a = text[..start].rfind('\n').map_or(0, |i| i + 1).max(start.saturating_sub(400));
    while !text.is_char_boundary(a) {
        a += 1;
    }
    let mut b = text[end..].find('\n').map_or(text.len(), |i| end + i).min(end + 400);
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    let line = text[a..b].to_lowercase();
    // A word of the other kind may stray in ("the economy rebounded", "shares of the club"):
    // the kind with more words settles it.
    let count = |words: &[&str]| words.iter().filter(|w| line.contains(*w)).count();
    count(BUSINESS) > count(SPORTS)
}

fn quarter(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    if let Some(q) = c.name("qn").or(c.name("qn2")) {
        let q: i32 = q.as_str().parse().ok()?;
        let y = c.name("qy").or(c.name("qy2"))?.as_str();
        let y: i32 = if y.len() == 2 { two_digit_year(y.parse().ok()?) } else { y.parse().ok()? };
        return Cand::date(m.start(), m.end(), month_range(y, 3 * q - 2, 3 * q));
    }
    let ord = c["ord"].to_ascii_lowercase();
    let half = c["part"].eq_ignore_ascii_case("half");
    let n: i32 = match ord.as_str() {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" if !half => 3,
        "fourth" | "4th" if !half => 4,
        "final" => if half { 2 } else { 4 },
        _ => return None,
    };
    if c.name("ofmon").is_some() {
        // "the second half of September": a part of a month, no months to give.
        return if half { Cand::date(m.start(), m.end(), Value::default()) } else { None };
    }
    let year = if let Some(y) = c.name("y").or(c.name("y0")).filter(|y| valid_year(y.as_str())) {
        // "the first half of 1996/97" is of a fiscal year: no calendar months.
        if c.name("y2").is_some() {
            return Cand::date(m.start(), m.end(), Value::default());
        }
        Some(y.as_str().parse::<i32>().ok()?)
    } else if let Some(fy) = c.name("fy") {
        return Cand::date(m.start(), m.end(), date_value(Some(fy.as_str().to_string()), None));
    } else if let Some(rel) = c.name("rel") {
        let word = rel.as_str().rsplit(char::is_whitespace).next()?;
        let step = match word.to_ascii_lowercase().as_str() {
            "past" => Step::Prev,
            w => step_of(w)?,
        };
        ctx.doc.map(|d| d.y + step.offset() as i32)
    } else if c.name("theyear").is_some() {
        ctx.doc.map(|d| d.y)
    } else {
        // "in the second half" is as often a football match as a company's year.
        if !business_context(ctx, m.start(), m.end()) {
            return None;
        }
        None
    };
    let value = match year {
        Some(y) if half => month_range(y, 6 * n - 5, 6 * n),
        Some(y) => month_range(y, 3 * n - 2, 3 * n),
        None => Value::default(),
    };
    Cand::date(m.start(), m.end(), value)
}

/// "the six months to June 30": the months that end with the month named, of the year
/// written or the document's.
fn period_to(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let month = month_en(&c["mon"])? as i32;
    let n = match (c.name("n"), c.name("per")) {
        (Some(n), _) if c["unit"].eq_ignore_ascii_case("months") => Some(number_value(n.as_str())? as i32),
        (_, Some(p)) => match p.as_str().to_ascii_lowercase().as_str() {
            "year" => Some(12),
            "quarter" => Some(3),
            _ => Some(6),
        },
        _ => None,
    };
    let y = match c.name("y").filter(|y| valid_year(y.as_str())) {
        Some(y) => Some(y.as_str().parse::<i32>().ok()?),
        None => ctx.doc.map(|d| d.y),
    };
    let value = match (n, y) {
        (Some(n), Some(y)) if (1..=24).contains(&n) => month_range(y, month - n + 1, month),
        _ => Value::default(),
    };
    Cand::date(m.start(), m.end(), value)
}

fn deictic_season(_: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    Cand::date(m.start(), m.end(), Value::default())
}

/// Words after a season that keep it a season ("spring and summer", "summer, when");
/// any other lower-case word makes it part of a name or a compound ("spring wheat",
/// "summer camp"), and so does a capitalised one ("Summer Olympics").
#[rustfmt::skip]
const AFTER_SEASON: &[&str] = &[
    "and", "or", "but", "when", "as", "to", "in", "at", "on", "for", "with", "is", "was", "will",
    "would", "has", "had", "after", "before", "because", "if", "while", "than", "that", "the",
    "a", "an", "this", "next", "last", "until", "since", "so", "it", "he", "she", "they",
    "we", "i", "there", "season",
];
const SEASON_CUES: &[&str] =
    &["in", "during", "by", "until", "till", "since", "through", "throughout", "over", "before", "after", "from", "this", "that", "each", "every"];

fn season(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let season = c["season"].to_ascii_lowercase();
    let (first, last) = match season.as_str() {
        "spring" => (3, 5),
        "summer" => (6, 8),
        "autumn" | "fall" => (9, 11),
        _ => (12, 14),
    };
    let year = c.name("y").filter(|y| valid_year(y.as_str()) && !ctx.counts_something(y.end()));
    let end = match (year, c.name("y")) {
        (None, Some(_)) => c.name("season")?.end(),
        _ => m.end(),
    };
    let step = c.name("rel").and_then(|r| step_of(r.as_str()));
    if year.is_none() && step.is_none() {
        // A bare season: after "in", "during"…, and not a compound or a name.
        let cue_at = if c.name("the").is_some() { m.start() } else { c.name("mod").map_or(m.start(), |x| x.start()) };
        let cued = ctx.word_before(cue_at).is_some_and(|(w, _)| word_in(w, SEASON_CUES));
        let next_ok = ctx.word_after(end).map_or(true, |w| w.chars().all(|ch| ch.is_ascii_digit()) || word_in(w, AFTER_SEASON));
        let fall_ok = season != "fall" || c.name("the").is_some();
        if !(cued && next_ok && fall_ok) {
            return None;
        }
    }
    let y = match (year, step, ctx.doc) {
        (Some(y), _, _) => Some(y.as_str().parse::<i32>().ok()?),
        (None, Some(Step::This), Some(d)) => Some(d.y),
        (None, Some(Step::Prev), Some(d)) => d.m.map(|dm| if dm as i32 > last { d.y } else { d.y - 1 }),
        (None, Some(Step::Next), Some(d)) => d.m.map(|dm| if (dm as i32) < first { d.y } else { d.y + 1 }),
        _ => None,
    };
    let value = match y {
        // Winter straddles two years; only its year is given.
        Some(y) if season == "winter" => date_value(Some(fmt_y(y)), None),
        Some(y) if c.name("mod").is_none() => month_range(y, first, last),
        Some(y) => date_value(Some(fmt_y(y)), None),
        None => Value::default(),
    };
    Cand::date(m.start(), end, value)
}

fn span_of_units(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let Some(unit) = c.name("unit") else {
        // recent years, the coming months: no dates to give.
        return Cand::date(m.start(), of_end(c, m.end()), Value::default());
    };
    let unit = unit.as_str().to_ascii_lowercase();
    let rel = c["rel"].to_ascii_lowercase();
    let n = c["n"].to_ascii_lowercase();
    let n: Option<i64> = match n.as_str() {
        "few" | "several" => None,
        s if s.starts_with("couple") => None,
        s => Some(number_value(s)? as i64),
    };
    if rel == "first" {
        // "the first six months of 1996"; "the first two days" of a visit is no date.
        let y = match (c.name("y"), c.name("ofrel"), c.name("oftheyear")) {
            (Some(y), _, _) if valid_year(y.as_str()) => Some(y.as_str().parse::<i32>().ok()?),
            (None, Some(r), _) => ctx.doc.and_then(|d| Some(d.y + step_of(r.as_str())?.offset() as i32)),
            (None, None, Some(_)) => ctx.doc.map(|d| d.y),
            _ => return None,
        };
        let value = match (y, n, unit.as_str()) {
            (Some(y), Some(n), "months") if (1..=12).contains(&n) => month_range(y, 1, n as i32),
            _ => Value::default(),
        };
        return Cand::date(m.start(), m.end(), value);
    }
    // "of 1996" belongs to the span only after "first".
    let end = c.name("unit").map_or(m.end(), |u| u.end());
    let sign = match rel.as_str() {
        "past" | "last" => -1,
        "next" | "coming" => 1,
        _ => 0,
    };
    let value = match (n, ctx.doc) {
        (Some(n), Some(doc)) if sign != 0 => back_or_forth(doc, &unit, sign * n),
        _ => Value::default(),
    };
    Cand::date(m.start(), end, value)
}

fn of_end(c: &Captures<'_>, end: usize) -> usize {
    c.name("runit").or(c.name("cunit")).map_or(end, |u| u.end())
}

/// The span from the document date `n` units back (negative) or forth, as a range.
fn back_or_forth(doc: DocDate, unit: &str, n: i64) -> Value {
    let (lo, hi) = (n.min(0), n.max(0));
    match unit {
        "years" => date_value(Some(fmt_y(doc.y + lo as i32)), Some(fmt_y(doc.y + hi as i32))),
        "decades" => date_value(Some(fmt_y(doc.y + 10 * lo as i32)), Some(fmt_y(doc.y + 10 * hi as i32))),
        "months" => match doc.m {
            Some(m) => month_range(doc.y, m as i32 + lo as i32, m as i32 + hi as i32),
            None => Value::default(),
        },
        _ => match doc.day_number() {
            Some(day) => {
                let k = if unit == "weeks" { 7 } else { 1 };
                date_value(Some(fmt_days(day + k * lo)), Some(fmt_days(day + k * hi)))
            }
            None => Value::default(),
        },
    }
}

fn fiscal(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let year = |s: &str| -> Option<i32> {
        match s.len() {
            2 => Some(two_digit_year(s.parse().ok()?)),
            _ => s.parse().ok().filter(|_| valid_year(s)),
        }
    };
    let second = |first: i32, s: &str| -> Option<i32> {
        let y = if s.len() == 2 { first / 100 * 100 + s.parse::<i32>().ok()? } else { s.parse().ok()? };
        (y > first).then_some(y)
    };
    let named = c.name("fy").or(c.name("fy0")).or(c.name("fyy"));
    let value = if let Some(y) = named {
        let y = year(y.as_str())?;
        match c.name("fyb").or(c.name("fy0b")) {
            Some(b) => date_value(Some(fmt_y(y)), Some(fmt_y(second(y, b.as_str())?))),
            None => date_value(Some(fmt_y(y)), None),
        }
    } else if let (Some(rel), Some(_)) = (c.name("rel"), c.name("yr")) {
        let step = match rel.as_str().to_ascii_lowercase().as_str() {
            "past" => Step::Prev,
            w => step_of(w)?,
        };
        match ctx.doc {
            Some(d) => date_value(Some(fmt_y(d.y + step.offset() as i32)), None),
            None => Value::default(),
        }
    } else if c.name("the").is_some() && c.name("yr").is_some() {
        Value::default()
    } else {
        // "fiscal policy", "fiscal year-end"
        return None;
    };
    Cand::date(m.start(), m.end(), value)
}

fn period_edge(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let unit = match c.name("unit") {
        Some(u) => Unit::parse(u.as_str())?,
        None => Unit::Year,
    };
    Cand::date(m.start(), m.end(), relative_value(ctx.doc, unit, 0))
}

fn century(_ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let ord = c["ord"].to_ascii_lowercase().replace(char::is_whitespace, "-");
    let n = match ORDINALS.iter().position(|o| *o == ord) {
        Some(i) => i as i32 + 1,
        None => ord.trim_end_matches(|ch: char| ch.is_ascii_alphabetic()).parse().ok()?,
    };
    if !(1..=22).contains(&n) {
        return None;
    }
    let (a, b) = century_years(n);
    Cand::date(m.start(), m.end(), date_value(Some(fmt_y(a)), Some(fmt_y(b))))
}

fn year_earlier(_ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    // "the year-earlier profit": "the" goes with the noun, not the date.
    let start = match (c.name("the"), c.name("noun")) {
        (Some(_), None) => c.name("the")?.end(),
        _ => m.start(),
    };
    Cand::date(start, m.end(), Value::default())
}

fn month_range_date(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let (m1, m2) = (month_en(&c["m1"])? as i32, month_en(&c["m2"])? as i32);
    if m1 == m2 {
        return None;
    }
    let year = c.name("y").filter(|y| valid_year(y.as_str()) && !ctx.counts_something(y.end()));
    let end = match (year, c.name("y")) {
        (None, Some(_)) => c.name("m2")?.end(),
        _ => m.end(),
    };
    let end = ctx.text[..end].trim_end_matches('.').len().max(c.name("m2")?.start() + 3);
    let y = match year {
        Some(y) => Some(y.as_str().parse::<i32>().ok()?),
        None => ctx.doc.map(|d| d.y),
    };
    let value = match y {
        // "April-March" runs into the next year.
        Some(y) => month_range(y, m1, if m2 < m1 { m2 + 12 } else { m2 }),
        None => Value::default(),
    };
    Cand::date(m.start(), end, value)
}

fn apostrophe_decade(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    if ctx.text[..m.start()].ends_with(|ch: char| ch.is_alphanumeric()) {
        return None;
    }
    let y = two_digit_year(c["d"].parse::<i32>().ok()? * 10);
    Cand::date(m.start(), m.end(), date_value(Some(fmt_y(y)), Some(fmt_y(y + 9))))
}

/// Words before a date that belong to it: "late last year", "earlier this month", "the end
/// of June", "end-1996", "the beginning of the 1990s". The date keeps its value.
#[rustfmt::skip]
const EDGES: &[&str] = &[
    "the end of", "the beginning of", "the start of", "the middle of", "the turn of",
    "the close of", "end of", "the early", "the late", "the mid", "early", "late", "earlier",
    "later", "mid",
];

/// Extends DATE candidates over the edge words before them ([`EDGES`]).
pub(super) fn extend_edges(ctx: &Ctx<'_>, cands: &mut [Cand]) {
    for c in cands.iter_mut().filter(|c| c.label == Label::Date) {
        let Some((prev, _)) = ctx.word_before(c.start) else { continue };
        if !word_in(prev, &["of", "early", "late", "earlier", "later", "mid"]) {
            continue;
        }
        let own = &ctx.text[c.start..c.end];
        // Only dates that name a period: "late last year", not "late Monday".
        let first = own.split_whitespace().next().unwrap_or("");
        let period = word_in(first, &["this", "last", "next", "the", "current", "previous", "coming"])
            || first.starts_with(|ch: char| ch.is_ascii_digit())
            || month_en(first).is_some() && first.len() >= 3;
        if !period {
            continue;
        }
        // Up to three words back, nearest first.
        let mut back: [(&str, usize); 3] = [("", 0); 3];
        let mut n = 0;
        let mut pos = c.start;
        while n < 3 {
            let Some((w, ws)) = ctx.word_before(pos) else { break };
            back[n] = (w, ws);
            n += 1;
            pos = ws;
        }
        for edge in EDGES {
            let k = edge.split(' ').count();
            if k <= n && edge.rsplit(' ').zip(&back[..k]).all(|(e, (w, _))| w.eq_ignore_ascii_case(e)) {
                c.start = back[k - 1].1;
                break;
            }
        }
    }
}
