//! DATE in English: month names, weekdays, relative dates, years, numeric dates.

use super::{Captures, Match};

use super::calendar::*;
use super::{cased, is_word_char, rule, span, word_in, Cand, Ctx, Rule, Value, DIGIT};

pub(super) const MON_FULL: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";
/// Abbreviations take an optional full stop; full names do not, so that a sentence-final
/// "in June." keeps its full stop outside.
pub(super) const MON: &str =
    r"(?:(?:@MON_FULL@)@B@|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)@B@\.?)";

pub(super) const DAY: &str = r"[0-9]{1,2}(?:st|nd|rd|th)?@B@";

pub(super) const DSEP: &str = r"\s*(?:[-–]|and@B@|to@B@|&)\s*";

pub(super) const WD: &str = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

pub(super) const ORD: &str = r"(?i:twenty[-\s]first|twenty[-\s]second|twenty[-\s]third|twenty[-\s]fourth|twenty[-\s]fifth|twenty[-\s]sixth|twenty[-\s]seventh|twenty[-\s]eighth|twenty[-\s]ninth|thirty[-\s]first|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)";

pub(super) fn placeholders() -> Vec<(&'static str, String)> {
    vec![
        ("@MON_FULL@", MON_FULL.into()),
        ("@MON@", MON.into()),
        ("@DAY@", DAY.into()),
        ("@DSEP@", DSEP.into()),
        ("@WD@", WD.into()),
        ("@ORD@", ORD.into()),
    ]
}

pub(super) fn rules() -> Vec<Rule> {
    vec![
        // 6 December 2024, December 6, 2024, June 5th and 6th, November 2022, June
        rule(
            r"@B@(?P<m>(?:(?P<wd>@WD@),?\s+(?:the\s+)?)?(?:(?P<d1>@DAY@)(?:@DSEP@(?P<d1b>@DAY@))?(?:\s+of)?\s+(?P<mon1>@MON@)|(?P<mon2>@MON@)(?:\s+(?P<d2>@DAY@)(?:@DSEP@(?P<d2b>@DAY@))?)?)(?:,?\s+(?P<y>[0-9]{4})@B@)?)",
            Some(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
            en_month,
        ),
        // U.S. FEBRUARY TRADE DEFICIT, JAPAN JAN 1987 OUTPUT: a wire headline in capitals
        rule(
            r"@B@(?P<m>(?P<mon>JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)@B@(?:\s+(?P<d>@DAY@))?(?:,?\s+(?P<y>[0-9]{4})@B@)?)",
            Some(r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"),
            shouted_month,
        ),
        // the first of next November
        rule(
            r"@B@(?P<m>(?:(?i:the)\s+)?(?P<ord>@ORD@)\s+of\s+(?:(?P<rel>(?i:next|last|this|coming))\s+)?(?P<mon>@MON_FULL@)@B@(?:,?\s+(?P<y>[0-9]{4})@B@)?)",
            Some(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"),
            en_ordinal_of_month,
        ),
        // Monday, last Friday
        rule(
            r"@B@(?P<m>(?:(?P<rel>(?i:last|next|this|past|coming))\s+)?(?P<wd>@WD@))@B@",
            Some(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
            en_weekday,
        ),
        // yesterday, next year, the next decade, this weekend, two weeks ago, a year earlier;
        // dated from the story's own time: the next day, the following week, the same day
        rule(
            r"@B@(?P<m>(?i:(?P<day>yesterday|today|tomorrow)|(?:the\s+)?(?P<rel>next|last|past|coming|previous|this|current)\s+(?P<unit>year|month|week|weekend|decade|century)|the\s+(?P<arel>next|previous|following|same)\s+(?:day|morning|afternoon|evening|night|week|weekend|month|year)|(?P<n>[0-9]{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?P<agounit>days?|weeks?|months?|years?|decades?)\s+(?P<ago>ago|earlier|later)))@B@",
            Some(&cased(&["yesterday", "today", "tomorrow", "ago", "earlier", "later", "year", "month", "week", "decade", "century", "day", "morning", "afternoon", "evening", "night"])),
            en_relative,
        ),
        // Christmas, Easter Monday, New Year's Eve, Ramadan, Eid al-Fitr, last Christmas,
        // Christmas 2004: holidays name days or weeks of the calendar, as weekdays do
        rule(
            r"@B@(?P<m>(?:(?P<rel>(?i:last|next|this))\s+)?(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year(?:['’]s)?(?:\s+(?:Day|Eve))?|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Boxing\s+Day|Thanksgiving(?:\s+Day)?|Valentine['’]s\s+Day|Halloween|Memorial\s+Day|Labou?r\s+Day|Ramadan|Eid\s+(?:al|ul|el)[-\s](?:Fitr|Adha)|Passover|Hanukk?ah|Yom\s+Kippur|Rosh\s+Hashanah|Diwali|(?:Lunar|Chinese)\s+New\s+Year)(?:,?\s+(?P<y>[0-9]{4})@B@)?)@B@",
            Some("Christmas|New Year|Easter|Good Friday|Boxing Day|Thanksgiving|Valentine|Halloween|Memorial Day|Labor Day|Labour Day|Ramadan|Eid|Passover|Hanuk|Yom Kippur|Rosh Hashanah|Diwali"),
            holiday,
        ),
        // at the weekend, over the weekend: the one next to the story's day
        rule(
            r"@B@(?i:at|over|during)\s+(?P<m>(?i:the)\s+(?i:weekend))@B@",
            Some(&cased(&["weekend"])),
            the_weekend,
        ),
        // 2024, 1990s, (عام) 2024م
        // Every match of these three has a digit: a text without any skips them.
        rule(r"@B@(?P<m>(?P<y>[0-9]{4})(?P<s>s)?)@B@", Some(DIGIT), year),
        // 1954-1962, 2019/20, 1954 to 1962, between 1954 and 1962
        rule(
            r"@B@(?P<m>(?P<y1>[0-9]{4})\s?(?P<sep>[-–—/]|(?i:to|and)@B@|و)\s?(?P<y2>[0-9]{4}|[0-9]{2}))@B@",
            Some(DIGIT),
            year_range,
        ),
        // 2024-12-07, 07/12/2024
        rule(
            r"@B@(?P<m>(?P<a>[0-9]{1,4})(?P<s1>[-/.])(?P<b>[0-9]{1,2})(?P<s2>[-/.])(?P<c>[0-9]{1,4}))@B@",
            Some(DIGIT),
            numeric_date,
        ),
    ]
}

/// Words before a bare month name that show it is a date ("in June", "since March", "data
/// for March", "compared with January", "at end February", "higher than in May").
#[rustfmt::skip]
pub(super) const MONTH_CUES: &[&str] = &[
    "in", "on", "since", "by", "until", "till", "from", "during", "through", "throughout",
    "before", "after", "between", "of", "to", "and", "or", "every", "each", "for", "with",
    "than", "against", "versus", "vs", "end",
];

/// "May" is a modal verb and a surname: only the cues that cannot precede either ("voted
/// for May", "talks with May" name the person).
pub(super) const MAY_CUES: &[&str] =
    &["in", "since", "until", "till", "during", "throughout", "every", "each", "end"];

#[rustfmt::skip]
pub(super) const MONTH_MODIFIERS: &[&str] = &[
    "last", "next", "this", "early", "late", "mid", "أوائل", "اوائل", "أواخر", "اواخر", "منتصف",
    "مطلع",
];

/// Words after a month name that do not make it attributive ("March of Dimes", "January
/// and", "March said").
#[rustfmt::skip]
const NOT_HEAD_NOUNS: &[&str] = &[
    "of", "on", "to", "and", "or", "in", "at", "for", "from", "by", "with", "as", "is", "was",
    "were", "will", "would", "said", "says", "the", "a", "an",
];

/// Words before an attributive April, May, June or August that a given name does not take
/// ("the May contract", "its June issue", "spot May", "for May delivery").
#[rustfmt::skip]
const GIVEN_NAME_MONTH_DETERMINERS: &[&str] = &[
    "the", "a", "its", "their", "his", "her", "our", "this", "that", "spot", "nearby", "for",
];

/// Whether a bare month name starting at `start` and ending at `end` modifies the noun after
/// it or carries a possessive ("the March jobs data", "U.S. March payrolls", "February's
/// gain"), the way economic news dates its figures and futures ("the May contract"). April,
/// May, June and August are also given names ("June said", "May's government", "when May
/// arrives"), so they count only after a determiner or a possessive ("the G-7's June
/// summit") and never with a possessive of their own.
fn attributive_month(ctx: &Ctx<'_>, month: u32, start: usize, end: usize) -> bool {
    let given_name = matches!(month, 4 | 5 | 6 | 8);
    // "the body's June summit": after a possessive, as after a determiner.
    let head = ctx.text[..start].trim_end();
    let possessive = head.len() < start && (head.ends_with("'s") || head.ends_with("’s"));
    if given_name && !possessive && !ctx.cue_before(start, GIVEN_NAME_MONTH_DETERMINERS) {
        return false;
    }
    let rest = &ctx.text[end..];
    if !given_name && (rest.starts_with("'s ") || rest.starts_with("’s ")) {
        return true;
    }
    ctx.word_after(end).is_some_and(|w| {
        w.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && !NOT_HEAD_NOUNS.contains(&w)
    })
}

/// Whether the month name at `start..end` is joined by `and`, `or` or a slash to another
/// month's full name ("in April or May", "May and June", "long May/short September"): a
/// surname or a modal verb is not, so it settles what "May" is where no cue word does.
fn coordinated_with_month(ctx: &Ctx<'_>, start: usize, end: usize) -> bool {
    let full = |w: &str| MON_FULL.split('|').any(|n| n == w);
    let joined_before = ctx.word_before(start).is_some_and(|(w, at)| {
        matches!(w, "and" | "or") && ctx.word_before(at).is_some_and(|(m, _)| full(m))
    }) || {
        // "long May/short September": a slash, then words in lower case, before this one
        let head = ctx.text[..start].trim_end_matches(|c: char| c.is_lowercase() || c == ' ');
        head.strip_suffix('/').is_some_and(|h| full(h.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("")))
    };
    let joined_after = match ctx.word_after(end) {
        Some("and" | "or") => {
            let rest = ctx.text[end..].trim_start();
            let rest = rest.split_once(char::is_whitespace).map_or("", |(_, r)| r.trim_start());
            full(rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or(""))
        }
        _ => {
            let rest = &ctx.text[end..];
            rest.strip_prefix('/').is_some_and(|r| {
                let word = r.trim_start_matches(|c: char| c.is_lowercase() || c == ' ');
                full(word.split(|c: char| !c.is_alphabetic()).next().unwrap_or(""))
            })
        }
    };
    joined_before || joined_after
}

pub(super) const YEAR_MODIFIERS: &[&str] =
    &["early", "late", "mid", "أوائل", "اوائل", "أواخر", "اواخر", "منتصف", "مطلع"];

pub(super) fn en_month(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let whole = span(c);
    let (mon, month_first) = match (c.name("mon1"), c.name("mon2")) {
        (Some(m), _) => (m, false),
        (None, Some(m)) => (m, true),
        _ => return None,
    };
    let month = month_en(mon.as_str())?;
    let full_name = MON_FULL.split('|').any(|n| n == mon.as_str());
    let mut day = c.name("d1").or(c.name("d2"));
    let mut day_end = c.name("d1b").or(c.name("d2b"));
    let year = c.name("y").filter(|y| valid_year(y.as_str()) && !ctx.counts_something(y.end()));
    // "in March 2 million people": the number after the month is a count, not a day.
    if month_first
        && year.is_none()
        && day_end.or(day).is_some_and(|d| ctx.counts_something(d.end()))
    {
        day = None;
        day_end = None;
    }
    let start = if day.is_some() { whole.start() } else { mon.start() };
    let end = match (year, month_first) {
        (Some(y), _) => y.end(),
        (None, true) => day_end.or(day).map_or(mon.end(), |d| d.end()),
        (None, false) => mon.end(),
    };
    let modifier = ctx.modifier_before(start, MONTH_MODIFIERS);
    if day.is_none() && year.is_none() {
        // A bare month name is often something else: "May we", "June Carter", "March on".
        let cues = if month == 5 { MAY_CUES } else { MONTH_CUES };
        let attributive = attributive_month(ctx, month, mon.start(), mon.end());
        let coordinated = coordinated_with_month(ctx, mon.start(), mon.end());
        if !full_name || (modifier.is_none() && !ctx.cue_before(start, cues) && !attributive && !coordinated) {
            return None;
        }
    }
    let (start, step) = match modifier {
        Some((s, w)) => (s, step_of(&w)),
        None => (start, None),
    };
    let d = opt_day(day)?;
    let de = opt_day(day_end)?;
    if de.is_some_and(|de| !d.is_some_and(|d| de > d)) {
        return None;
    }
    let y = match year {
        Some(y) => Some(y.as_str().parse().ok()?),
        None => month_year(ctx.doc, month, step),
    };
    Cand::date(start, end, month_value(y, month, d, de)?)
}

/// Words before a month name in a capitalised headline that make it a date ("RISE IN
/// MARCH"): the few of [`MONTH_CUES`] that cannot precede the verbs MAY and MARCH.
const SHOUTED_CUES: &[&str] = &["IN", "SINCE", "UNTIL", "DURING", "THROUGH", "FOR", "END"];

/// A month name in a line written all in capitals (wire headlines: `U.S. FEBRUARY TRADE
/// DEFICIT`, `RESERVES FELL IN MAY`), where the cased patterns see nothing. MAY and MARCH
/// are verbs there, and the abbreviations are words or tickers (`DEC` was Digital
/// Equipment's), so those need a day, a year or a cue word before them; the other full names
/// need nothing. A line with any lower-case letter is not a headline: "MARCH" in running
/// text is an acronym.
pub(super) fn shouted_month(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let line_start = ctx.text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
    let line_end = ctx.text[m.end()..].find('\n').map_or(ctx.text.len(), |i| m.end() + i);
    if ctx.text[line_start..line_end].bytes().any(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let mon = c.name("mon")?;
    let month = month_en(mon.as_str())?;
    let year = c.name("y").filter(|y| valid_year(y.as_str()) && !ctx.counts_something(y.end()));
    let day = c.name("d").filter(|d| year.is_some() || !ctx.counts_something(d.end()));
    let full_name = MON_FULL.split('|').any(|n| n.eq_ignore_ascii_case(mon.as_str()));
    let plain = full_name && !matches!(mon.as_str(), "MAY" | "MARCH");
    let cued = ctx.word_before(mon.start()).is_some_and(|(w, _)| SHOUTED_CUES.contains(&w));
    if !(plain || cued || day.is_some() || year.is_some()) {
        return None;
    }
    let end = year.map(|y| y.end()).or(day.map(|d| d.end())).unwrap_or(mon.end());
    let y = match year {
        Some(y) => Some(y.as_str().parse().ok()?),
        None => month_year(ctx.doc, month, None),
    };
    Cand::date(mon.start(), end, month_value(y, month, opt_day(day)?, None)?)
}

pub(super) fn en_ordinal_of_month(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let ord = c["ord"].to_lowercase().replace(|ch: char| ch.is_whitespace(), "-");
    let day = ORDINALS.iter().position(|o| *o == ord)? as u32 + 1;
    let month = month_en(&c["mon"])?;
    let year = c.name("y").filter(|y| valid_year(y.as_str()));
    let end = year.map_or(c.name("mon")?.end(), |y| y.end());
    let y = match year {
        Some(y) => Some(y.as_str().parse().ok()?),
        None => month_year(ctx.doc, month, c.name("rel").and_then(|r| step_of(r.as_str()))),
    };
    Cand::date(m.start(), end, month_value(y, month, Some(day), None)?)
}

#[rustfmt::skip]
pub(super) const ORDINALS: [&str; 31] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second",
    "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh",
    "twenty-eighth", "twenty-ninth", "thirtieth", "thirty-first",
];

/// The value of a month date, or `None` when the day cannot exist. A date whose year is
/// unknown has an empty value.
pub(super) fn month_value(y: Option<i32>, month: u32, d: Option<u32>, de: Option<u32>) -> Option<Value> {
    if d.or(de).is_some_and(|d| d > days_in_month(y.unwrap_or(2000), month)) {
        return None;
    }
    let Some(y) = y else { return Some(Value::default()) };
    let date = match d {
        Some(d) => fmt_ymd(y, month, d),
        None => fmt_ym(y, month),
    };
    Some(date_value(Some(date), de.map(|de| fmt_ymd(y, month, de))))
}

pub(super) fn en_weekday(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let wd = WEEKDAYS.iter().position(|w| *w == &c["wd"])? as u32;
    let step = c.name("rel").and_then(|r| step_of(r.as_str()));
    Cand::date(m.start(), m.end(), weekday_value(ctx.doc, wd, step))
}

pub(super) const WEEKDAYS: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

pub(super) fn en_relative(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let value = if let Some(day) = c.name("day") {
        let offset = match day.as_str().to_lowercase().as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        relative_value(ctx.doc, Unit::Day, offset)
    } else if c.name("arel").is_some() {
        // "the next day" counts from a time of the story, which the words do not give.
        Value::default()
    } else if let Some(unit) = c.name("unit") {
        let step = step_of(&c["rel"])?;
        relative_value(ctx.doc, Unit::parse(unit.as_str())?, step.offset())
    } else if !c["ago"].eq_ignore_ascii_case("ago") {
        // "a year earlier" counts from a time of the story, not from the document's.
        Value::default()
    } else {
        let n = c["n"].to_lowercase();
        let n: i64 = match n.as_str() {
            "a" | "an" | "one" => 1,
            word => match NUMBER_WORDS.iter().position(|w| *w == word) {
                Some(i) => i as i64 + 2,
                None => word.parse().ok()?,
            },
        };
        // "two weeks ago" is a day, not a week: the week unit would give a range.
        match Unit::parse(c["agounit"].to_lowercase().trim_end_matches('s'))? {
            Unit::Week => relative_value(ctx.doc, Unit::Day, -7 * n),
            unit => relative_value(ctx.doc, unit, -n),
        }
    };
    Cand::date(m.start(), m.end(), value)
}

/// "at the weekend": deictic like "Monday", but whether the last or the next one the words
/// do not say, so no value.
pub(super) fn the_weekend(_: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    Cand::date(m.start(), m.end(), Value::default())
}

/// Holidays on a fixed day of the Gregorian calendar, by the start of their name; the
/// others (Easter, Ramadan, Thanksgiving...) move from year to year, and get no value.
const FIXED_HOLIDAYS: &[(&str, u32, u32)] = &[
    ("Christmas Eve", 12, 24),
    ("Christmas", 12, 25),
    ("Boxing Day", 12, 26),
    ("Valentine", 2, 14),
    ("Halloween", 10, 31),
];

const RAMADAN_CUES: &[&str] = &["in", "during", "since", "until", "till", "before", "after", "through", "throughout", "of", "for", "by"];

/// A holiday: a DATE, dated when its day is fixed and the year is written ("Christmas
/// 2004", "New Year's Eve 1999"). Never the first word of a place ("Christmas Island",
/// "Easter Island") or of another name the holiday starts ("Ramadan Abdullah").
pub(super) fn holiday(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    if ctx.text[m.end()..].trim_start_matches([' ', '\u{a0}']).starts_with(|ch: char| ch.is_uppercase()) && c.name("y").is_none() {
        return None;
    }
    let h = c["h"].split_whitespace().collect::<Vec<_>>().join(" ").replace('’', "'");
    // Ramadan is also a surname (`Taha Yassin Ramadan said`): bare, it needs a preposition
    // of time or `month of` before it.
    if h == "Ramadan" && c.name("rel").is_none() && c.name("y").is_none() && !ctx.word_before(m.start()).is_some_and(|(w, _)| word_in(w, RAMADAN_CUES)) {
        return None;
    }
    let fixed = if h.starts_with("New Year") {
        Some(if h.ends_with("Eve") { (12, 31) } else { (1, 1) })
    } else {
        FIXED_HOLIDAYS.iter().find(|(name, _, _)| h.starts_with(name)).map(|&(_, mo, d)| (mo, d))
    };
    let y = c.name("y").filter(|y| valid_year(y.as_str())).and_then(|y| y.as_str().parse::<i32>().ok());
    let value = match (fixed, y) {
        // New Year's Eve 1999 is the last day of 1999; New Year 2000 the first of 2000.
        (Some((mo, d)), Some(y)) => date_value(Some(fmt_ymd(y, mo, d)), None),
        _ => Value::default(),
    };
    Cand::date(m.start(), m.end(), value)
}

pub(super) const NUMBER_WORDS: [&str; 11] =
    ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

pub(super) fn year(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let y: i32 = c["y"].parse().ok()?;
    let decade = c.name("s").is_some();
    if !valid_year(&c["y"]) || (decade && y % 10 != 0) {
        return None;
    }
    // The pattern's boundary is ASCII-only; "2024م" (Gregorian marker) is still a year.
    let after = &ctx.text[m.end()..];
    if after.strip_prefix('م').unwrap_or(after).starts_with(is_word_char) {
        return None;
    }
    if ctx.number_context_before(m.start())
        || ctx.counts_something(m.end())
        || in_number_row(ctx, m.start(), m.end())
        || is_street_number(ctx, m.end())
    {
        return None;
    }
    let start = ctx.modifier_before(m.start(), YEAR_MODIFIERS).map_or(m.start(), |(s, _)| s);
    let value = if decade {
        date_value(Some(fmt_y(y)), Some(fmt_y(y + 9)))
    } else {
        date_value(Some(fmt_y(y)), None)
    };
    Cand::date(start, m.end(), value)
}

/// Is the number ending at `end` a house number ("1600 Pennsylvania Avenue", "1619
/// Broadway")?
fn is_street_number(ctx: &Ctx<'_>, end: usize) -> bool {
    const STREET: &[&str] = &[
        "Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Drive", "Way",
        "Place", "Square", "Plaza", "Broadway", "Strasse", "Rue",
    ];
    let mut pos = end;
    for _ in 0..3 {
        let Some(w) = ctx.word_after(pos) else { return false };
        if !w.starts_with(|c: char| c.is_ascii_uppercase()) {
            return false;
        }
        if STREET.contains(&w) {
            return true;
        }
        pos = ctx.text[pos..].find(w).map_or(ctx.text.len(), |i| pos + i + w.len());
    }
    false
}

/// Is the number at `start..end` a cell of a row of numbers ("Sydney 21 15 1 5 2067 1687
/// 122.5 62")? A neighbour on the same line that is a number but not a year says so; a row
/// of years ("1996 1995") is a table header of dates.
fn in_number_row(ctx: &Ctx<'_>, start: usize, end: usize) -> bool {
    let not_year = |tok: &str| {
        !tok.is_empty()
            && tok.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && tok.bytes().any(|b| b.is_ascii_digit())
            && !valid_year(tok)
    };
    // Cells are separated by blanks only: "2024, 2021" is a list of years.
    let before = ctx.text[..start].trim_end_matches([' ', '\t']);
    let prev = before.rsplit([' ', '\t', '\n']).next().unwrap_or("");
    let after = ctx.text[end..].trim_start_matches([' ', '\t']);
    let next = after.split([' ', '\t', '\n']).next().unwrap_or("").trim_end_matches(['.', ')']);
    (before.len() < start && not_year(prev)) || (after.len() < ctx.text.len() - end && not_year(next))
}

pub(super) fn year_range(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let y1: i32 = c["y1"].parse().ok()?;
    let y2: i32 = match c["y2"].len() {
        2 => y1 / 100 * 100 + c["y2"].parse::<i32>().ok()?,
        _ => c["y2"].parse().ok()?,
    };
    if !valid_year(&c["y1"]) || !(1600..=2099).contains(&y2) || y2 <= y1 {
        return None;
    }
    // "and" joins two years into a range only after "between" ("بين عامي 1954 و1962").
    let sep = c["sep"].to_lowercase();
    if sep == "and" || sep == "و" {
        let between = match ctx.word_before(m.start()) {
            Some((w, ws)) if word_in(w, &["عامي", "العامين", "سنتي"]) => {
                ctx.cue_before(ws, &["بين"])
            }
            Some((w, _)) => word_in(w, &["between", "بين"]),
            None => false,
        };
        if !between {
            return None;
        }
    }
    if ctx.text[m.end()..].starts_with(is_word_char)
        || ctx.number_context_before(m.start())
        || ctx.counts_something(m.end())
    {
        return None;
    }
    let start = ctx.modifier_before(m.start(), YEAR_MODIFIERS).map_or(m.start(), |(s, _)| s);
    Cand::date(start, m.end(), date_value(Some(fmt_y(y1)), Some(fmt_y(y2))))
}

/// 2024-12-07, 2024/12/07, 07/12/2024. With the year last, day and month are told apart
/// only when one of them exceeds 12; otherwise the date gets no value.
pub(super) fn numeric_date(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    if c["s1"] != c["s2"]
        || ctx.text[m.end()..].starts_with(is_word_char)
        || ctx.number_context_before(m.start())
        || ctx.counts_something(m.end())
    {
        return None;
    }
    let (a, b, cc) = (&c["a"], &c["b"], &c["c"]);
    let num = |s: &str| s.parse::<u32>().ok();
    let (y, mo, d) = if a.len() == 4 && cc.len() <= 2 {
        (a, num(b)?, num(cc)?)
    } else if a.len() <= 2 && (cc.len() == 4 || (cc.len() == 2 && &c["s1"] == "/")) {
        // "03/09/87", as wire tables date their columns: a two-digit year only with slashes,
        // since "4-4-2" and "1.5.10" are other things.
        let (p, q) = (num(a)?, num(b)?);
        if (cc.len() == 4 && !valid_year(cc)) || p == 0 || q == 0 || (p > 12 && q > 12) || p > 31 || q > 31 {
            return None;
        }
        if p > 12 {
            (cc, q, p)
        } else if q > 12 || p == q {
            (cc, p, q)
        } else {
            return Cand::date(m.start(), m.end(), Value::default());
        }
    } else {
        return None;
    };
    let y: i32 = match y.len() {
        2 => two_digit_year(y.parse().ok()?),
        _ if valid_year(y) => y.parse().ok()?,
        _ => return None,
    };
    if !(1..=12).contains(&mo) {
        return None;
    }
    if d == 0 || d > days_in_month(y, mo) {
        return None;
    }
    Cand::date(m.start(), m.end(), date_value(Some(fmt_ymd(y, mo, d)), None))
}

pub(super) fn month_en(name: &str) -> Option<u32> {
    let key = name.get(..3)?.to_ascii_lowercase();
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|m| *m == key)
        .map(|i| i as u32 + 1)
}

/// `Some(None)` for no day, `None` for an impossible one.
pub(super) fn opt_day(m: Option<Match<'_>>) -> Option<Option<u32>> {
    match m {
        Some(m) => parse_day(m.as_str()).map(Some),
        None => Some(None),
    }
}

pub(super) fn parse_day(s: &str) -> Option<u32> {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

pub(super) fn valid_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<i32>().is_ok_and(|y| (1600..=2099).contains(&y))
}
