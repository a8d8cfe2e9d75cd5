//! DATE in Arabic: month names (Gregorian and Levantine), weekdays, relative dates.

use super::Captures;

use super::calendar::*;
use super::dates::{month_value, opt_day, valid_year, MONTH_MODIFIERS};
use super::{rule_ar, span, word_in, Cand, Ctx, Rule};

/// Arabic month names: Gregorian transliterations and the Levantine (Syriac) names.
pub(super) const AM: &str = r"(?:كانون\s+الثاني|كانون\s+الأول|كانون\s+الاول|تشرين\s+الأول|تشرين\s+الاول|تشرين\s+الثاني|يناير|فبراير|مارس|أبريل|إبريل|ابريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|شباط|آذار|أذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|أب|اب|أيلول|ايلول)";

pub(super) const AWD: &str = "(?:الاثنين|الإثنين|الأثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الأحد|الاحد)";

/// Words before an ambiguous Arabic month name ("مارس" is also "he practised") that show it
/// is a date.
#[rustfmt::skip]
pub(super) const AR_MONTH_CUES: &[&str] = &[
    "في", "منذ", "حتى", "خلال", "شهر", "مطلع", "أوائل", "اوائل", "أواخر", "اواخر", "منتصف",
    "نهاية", "بداية", "أواسط", "اواسط",
];

pub(super) fn placeholders() -> Vec<(&'static str, String)> {
    vec![
        ("@AM@", AM.into()),
        ("@AWD@", AWD.into()),
    ]
}

pub(super) fn rules() -> Vec<Rule> {
    vec![
        // 6 ديسمبر/كانون الأول 2024, يونيو/حزيران, ديسمبر 2024
        rule_ar(
            r"@START@(?P<m>(?:(?P<d>[0-9]{1,2})(?:\s*(?:[-–]|و|إلى)\s*(?P<db>[0-9]{1,2}))?\s+(?:من\s+)?)?(?P<am1>@AM@)\b(?P<pt>\s*/\s*(?P<am2>@AM@)\b|\s*\(\s*(?P<am3>@AM@)\s*\))?(?:\s+(?P<rel>الماضي|المقبل|القادم|الفائت|المنصرم)\b|\s*[،,]?\s*(?P<y>[0-9]{4})\b)?)",
            // أب/اب ("father"; inside many words) needs a day or a paired name anyway.
            r"كانون|تشرين|يناير|فبراير|مارس|بريل|مايو|يوني|يولي|غسطس|سبتمبر|كتوبر|نوفمبر|ديسمبر|شباط|[آأا]ذار|نيسان|[أا]يار|حزيران|تموز|آب|يلول|[0-9]\s+(?:من\s+)?[أا]ب",
            ar_month,
        ),
        // يوم الخميس, الخميس الماضي
        rule_ar(
            r"@START@(?P<yawm>(?:ال)?يوم\s+)?(?P<m>(?P<wd>@AWD@)(?:\s+(?P<rel>الماضي|المقبل|القادم|الفائت))?)\b",
            r"ثنين|الثلاثاء|ربعاء|الخميس|الجمعة|السبت|الأحد|الاحد",
            ar_weekday,
        ),
        // شهر رمضان, عيد الفطر, عيد الأضحى, عيد الميلاد, رأس السنة: holidays, as in English;
        // a bare رمضان only after a preposition of time, since it is also a given name
        rule_ar(
            r"@START@(?P<m>شهر\s+رمضان|عيد\s+(?:الفطر|الأضحى|الاضحى|الميلاد)|رأس\s+السنة(?:\s+(?:الميلادية|الهجرية))?|(?P<bare>رمضان))\b",
            r"رمضان|عيد|رأس",
            ar_holiday,
        ),
        // أمس, غداً, العام المقبل, هذا الشهر
        rule_ar(
            r"@START@(?P<m>(?P<day>أمس\s+الأول|أمس|الأمس|الامس|البارحة|غداً|غدًا|غدا|اليوم)|(?:هذا|هذه)\s+(?P<unit1>العام|السنة|الشهر|الأسبوع|الاسبوع)|(?P<unit2>العام|السنة|الشهر|الأسبوع|الاسبوع|العقد)\s+(?P<rel>المقبلة|المقبل|القادمة|القادم|الماضية|الماضي|الفائتة|الفائت|المنصرمة|المنصرم|الحالية|الحالي|الجارية|الجاري))\b",
            r"أمس|الامس|البارحة|غدا|غدً|اليوم|العام|السنة|الشهر|سبوع|العقد",
            ar_relative,
        ),
    ]
}

pub(super) fn ar_month(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let whole = span(c);
    let am1 = c.name("am1")?;
    let (month, ambiguity) = month_ar(am1.as_str())?;
    let partner = c.name("am2").or(c.name("am3"));
    if partner.is_some_and(|p| month_ar(p.as_str()).map(|(m, _)| m) != Some(month)) {
        return None;
    }
    let day = c.name("d");
    let year = c.name("y").filter(|y| valid_year(y.as_str()) && !ctx.counts_something(y.end()));
    // "مارس الماضي" is "last March", like English "last October".
    let rel = c.name("rel");
    let end = match (year.or(rel), c.name("pt")) {
        (Some(y), _) => y.end(),
        (None, Some(pt)) => pt.end(),
        (None, None) => am1.end(),
    };
    let start = whole.start();
    let evidence = day.is_some() || partner.is_some();
    match ambiguity {
        Ambiguity::Clear => {}
        Ambiguity::Weak
            if evidence || year.or(rel).is_some() || ctx.cue_before(start, AR_MONTH_CUES) => {}
        Ambiguity::Strong if evidence => {}
        _ => return None,
    }
    let start = ctx.modifier_before(start, MONTH_MODIFIERS).map_or(start, |(s, _)| s);
    let d = opt_day(day)?;
    let de = opt_day(c.name("db"))?;
    if de.is_some_and(|de| !d.is_some_and(|d| de > d)) {
        return None;
    }
    let y = match year {
        Some(y) => Some(y.as_str().parse().ok()?),
        None => month_year(ctx.doc, month, rel.and_then(|r| step_of(r.as_str()))),
    };
    Cand::date(start, end, month_value(y, month, d, de)?)
}

pub(super) fn ar_weekday(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    // Weekday names are also ordinary words (الأحد "the one", الجمعة "the congregation"):
    // only after يوم "day", اليوم "today", غدا "tomorrow", أمس "yesterday" or before
    // الماضي/المقبل "last/next".
    let m = span(c);
    let after_day_word = || {
        ctx.word_before(m.start())
            .is_some_and(|(w, _)| word_in(w, &["غدا", "غداً", "غدًا", "أمس", "الأمس", "الامس"]))
    };
    if c.name("yawm").is_none() && c.name("rel").is_none() && !after_day_word() {
        return None;
    }
    let wd = ar_weekday_index(&c["wd"])?;
    let step = c.name("rel").and_then(|r| step_of(r.as_str()));
    Cand::date(m.start(), m.end(), weekday_value(ctx.doc, wd, step))
}

/// Prepositions of time before a bare رمضان (in, during, since, until, before, after, through).
const AR_HOLIDAY_CUES: &[&str] = &["في", "خلال", "منذ", "حتى", "قبل", "بعد", "طوال", "طيلة"];

pub(super) fn ar_holiday(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    if c.name("bare").is_some() && !ctx.cue_before(c.get(0)?.start(), AR_HOLIDAY_CUES) {
        return None;
    }
    Cand::date(m.start(), m.end(), super::Value::default())
}

pub(super) fn ar_relative(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let value = if let Some(day) = c.name("day") {
        let proclitics = &ctx.text[c.get(0)?.start()..m.start()];
        let prev = ctx.word_before(c.get(0)?.start()).map(|(w, _)| w);
        let next = ctx.word_after(m.end());
        // A definite noun or adjective after the word, as in "اليوم التالي" (the next day) or
        // "غدا الوضع" (the situation became); a weekday is not one: "اليوم الخميس".
        let noun_follows =
            next.is_some_and(|w| w.starts_with("ال") && ar_weekday_index(w).is_none());
        let offset = match day.as_str() {
            // بأمس الحاجة "in dire need" is not "yesterday".
            "أمس" if proclitics.contains('ب') => return None,
            "أمس" | "الأمس" | "الامس" | "البارحة" => -1,
            "أمس الأول" => -2,
            // Without tanween غدا is also the verb "became".
            "غدا" if noun_follows || next == Some("من") => return None,
            "غدا" | "غداً" | "غدًا" => 1,
            // اليوم is also "the day": "في اليوم نفسه", "ذلك اليوم", "حتى اليوم".
            _ if noun_follows
                || next.is_some_and(|w| w == "نفسه" || w == "ذاته")
                || prev.is_some_and(|w| {
                    word_in(w, &["في", "هذا", "ذلك", "حتى", "طوال", "نفس", "ذات"])
                }) =>
            {
                return None
            }
            _ => 0,
        };
        relative_value(ctx.doc, Unit::Day, offset)
    } else {
        let unit = c.name("unit1").or(c.name("unit2"))?;
        let step = match c.name("rel") {
            Some(r) => step_of(r.as_str())?,
            None => Step::This,
        };
        relative_value(ctx.doc, Unit::parse(unit.as_str())?, step.offset())
    };
    Cand::date(m.start(), m.end(), value)
}

/// Arabic weekday names from Monday, alef variants folded.
pub(super) const AR_WEEKDAYS: [&str; 7] =
    ["الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعة", "السبت", "الاحد"];

pub(super) fn ar_weekday_index(w: &str) -> Option<u32> {
    let w = fold_hamza(w);
    AR_WEEKDAYS.iter().position(|d| *d == w).map(|i| i as u32)
}

/// How much evidence an Arabic month name needs before it is taken as a date.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Ambiguity {
    Clear,
    /// Also a common word or name (مارس "he practised", نيسان the car maker, تموز the god):
    /// needs a day, a year, a paired name or a cue such as في "in".
    Weak,
    /// Also a very common word (أب "father"): needs a day or a paired name.
    Strong,
}

pub(super) fn month_ar(name: &str) -> Option<(u32, Ambiguity)> {
    use Ambiguity::{Clear, Strong, Weak};
    // آب keeps its madda: without it the word is usually "father".
    if name == "آب" {
        return Some((8, Weak));
    }
    let folded = fold_hamza(name);
    let words: Vec<&str> = folded.split_whitespace().collect();
    Some(match words.join(" ").as_str() {
        "يناير" | "كانون الثاني" => (1, Clear),
        "فبراير" | "شباط" => (2, Clear),
        "مارس" => (3, Weak),
        "اذار" => (3, Clear),
        "ابريل" => (4, Clear),
        "نيسان" => (4, Weak),
        "مايو" | "ايار" => (5, Clear),
        "يونيو" | "يونيه" | "حزيران" => (6, Clear),
        "يوليو" | "يوليه" => (7, Clear),
        "تموز" => (7, Weak),
        "اغسطس" => (8, Clear),
        "اب" => (8, Strong),
        "سبتمبر" | "ايلول" => (9, Clear),
        "اكتوبر" | "تشرين الاول" => (10, Clear),
        "نوفمبر" | "تشرين الثاني" => (11, Clear),
        "ديسمبر" | "كانون الاول" => (12, Clear),
        _ => return None,
    })
}
