//! Value patterns: MONEY, PERCENT and DATE mentions with normalised values, in English and
//! Arabic text alike.
//!
//! The approach, in three steps:
//!
//! 1. **Digit normalisation.** Arabic news writes numbers with Arabic-Indic (٠-٩) or Persian
//!    (۰-۹) digits, the Arabic decimal separator ٫, thousands separator ٬ and percent sign ٪.
//!    Rather than doubling every pattern, matching runs on a copy of the text in which these
//!    are replaced by their ASCII forms (and no-break spaces by spaces, bidi marks dropped).
//!    The copy keeps a byte-offset map back to the original, because an Arabic-Indic digit is
//!    two bytes and its ASCII form one; returned offsets always index the original text.
//! 2. **Candidates.** A few regular expressions propose candidates. The `regex` crate has no
//!    look-around, so each pattern has a handler that checks the evidence a pattern cannot
//!    express (is this "May" a month? is this "2000" a year or a head count?) and computes the
//!    value. A handler may reject a match; the search then resumes one character later, so a
//!    rejected long match never hides a shorter good one.
//! 3. **Resolution.** Overlapping candidates are resolved by keeping the longest, so that
//!    "6 December 2024" beats the bare year "2024" inside it.
//!
//! Span conventions follow the annotation guidelines: comparative modifiers ("over", "أكثر
//! من") stay outside MONEY and PERCENT spans; Arabic proclitics (و ف ب ل ك) attached to the
//! first word stay outside every span; "late", "early", "mid", "last", "next" belong to DATE
//! spans. Relative dates ("yesterday", "last October", "العام المقبل") get a value only when
//! the document date is known; a date whose year cannot be determined gets no value.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::{Captures, Match, Regex};

use super::{Label, Mention, Source, Value};

/// All value patterns are precise enough to share one confidence.
const SCORE: f32 = 0.9;

/// Finds MONEY, PERCENT and DATE mentions with normalised values, sorted by start,
/// non-overlapping. `doc_date` is an ISO 8601 date prefix ("2024-12-07", "2024-12", "2024")
/// or None; relative dates ("yesterday", "next year", "Monday", "last October", "أمس",
/// "العام المقبل") get a value only when it is given.
pub fn find(text: &str, doc_date: Option<&str>) -> Vec<Mention> {
    let norm = Normalised::new(text);
    let ctx = Ctx { text: &norm.text, doc: doc_date.and_then(DocDate::parse) };
    let mut cands = Vec::new();
    let arabic = has_arabic_block(&norm.text);
    for rule in rules().iter().filter(|r| arabic || !r.arabic_anchor) {
        run(&ctx, rule, &mut cands);
    }
    select(cands)
        .into_iter()
        .map(|c| {
            let mut m = Mention::new(
                norm.orig_start(c.start),
                norm.orig_end(c.end),
                c.label,
                Source::Pattern,
                SCORE,
            );
            m.value = c.value;
            m
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Digit normalisation
// ---------------------------------------------------------------------------------------

/// The text with ASCII digits, and maps from its byte offsets back to the original.
struct Normalised<'a> {
    text: Cow<'a, str>,
    /// Per normalised byte: the original offset where its character starts. Empty when the
    /// text needed no change (the identity map).
    starts: Vec<usize>,
    /// Per normalised char boundary `i > 0`: the original offset where the character ending
    /// at `i` ends. Kept apart from `starts` because dropped characters (bidi marks) sit
    /// between the end of one character and the start of the next.
    ends: Vec<usize>,
}

impl<'a> Normalised<'a> {
    fn new(orig: &'a str) -> Normalised<'a> {
        if !orig.chars().any(|c| normalise_char(c) != Some(c)) {
            return Normalised { text: Cow::Borrowed(orig), starts: Vec::new(), ends: Vec::new() };
        }
        let mut text = String::with_capacity(orig.len());
        let mut starts = Vec::with_capacity(orig.len() + 1);
        let mut ends = Vec::with_capacity(orig.len() + 1);
        ends.push(0);
        for (i, ch) in orig.char_indices() {
            let Some(c) = normalise_char(ch) else { continue };
            text.push(c);
            for k in 0..c.len_utf8() {
                starts.push(i);
                ends.push(if k + 1 == c.len_utf8() { i + ch.len_utf8() } else { i });
            }
        }
        starts.push(orig.len());
        Normalised { text: Cow::Owned(text), starts, ends }
    }

    fn orig_start(&self, i: usize) -> usize {
        if self.starts.is_empty() {
            i
        } else {
            self.starts[i]
        }
    }

    fn orig_end(&self, i: usize) -> usize {
        if self.ends.is_empty() {
            i
        } else {
            self.ends[i]
        }
    }
}

/// The matching form of one character; `None` drops it.
fn normalise_char(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06f0}'..='\u{06f9}' => char::from_digit(c as u32 - 0x06f0, 10),
        '\u{066b}' => Some('.'),
        '\u{066c}' => Some(','),
        '\u{066a}' => Some('%'),
        '\u{00a0}' | '\u{2007}' | '\u{2009}' | '\u{202f}' => Some(' '),
        // Bidi controls are invisible but would separate "٥٠" from "٪" for the patterns.
        '\u{200e}'
        | '\u{200f}'
        | '\u{061c}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => None,
        _ => Some(c),
    }
}

// ---------------------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------------------

/// A number as written in news: thousands separators and decimals. `[0-9]`, not `\d`,
/// since `\d` is Unicode-wide and digits are already normalised.
const NUM: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)";
/// Start of a word, possibly after Arabic proclitics (optionally with tatweel, "بـ"); the
/// patterns capture the span itself in group `m`, leaving the proclitics outside.
const START: &str = r"(?:\b[وفبلك]{1,2}ـ?|\b)";
const ISO: &str = "USD|EUR|GBP|JPY|CNY|RMB|RUB|SAR|AED|QAR|KWD|BHD|OMR|JOD|DZD|MAD|TND|EGP|LYD|IQD|LBP|SYP|TRY|ILS|IRR|YER|CHF|CAD|AUD|NZD|HKD|SGD|INR|PKR";
/// A currency written before the amount.
const PRE: &str = r"(?:\b(?:US|HK|AU|NZ|CA|A|C|S)\$|\$|€|£|¥|\b(?:@ISO@)\b)";
const SCALE: &str = r"(?:(?i:thousand|million|billion|trillion|bn|mn|mln|tn|m|k|b)|مليارات|مليارا|مليار|ملايين|مليونا|مليون|آلاف|ألف|الف|تريليونات|تريليون|بليون)";
/// A currency written after the amount: English words (with an optional nationality),
/// ISO codes, Arabic words (with an optional nationality after, possibly accusative).
const CURW: &str = concat!(
    r"(?:(?:(?:US|U\.S\.|American|Australian|Canadian|Hong\s+Kong|Singapore|New\s+Zealand|Saudi|Qatari|Omani|Yemeni|Iranian|Algerian|Iraqi|Kuwaiti|Jordanian|Libyan|Tunisian|Bahraini|Emirati|UAE|Moroccan|Egyptian|Turkish|Lebanese|Syrian|Indian|Pakistani|Swiss|Israeli|Russian|Chinese|Japanese)\s+)?",
    r"(?i:dollars?|euros?|pounds?(?:\s+sterling)?|sterling|rubles?|roubles?|yuan|renminbi|yen|dinars?|riyals?|rials?|dirhams?|rupees?|liras?|francs?|shekels?)",
    r"|@ISO@",
    r"|(?:دولارات|دولاراً|دولارا|دولار|يورو|جنيهات|جنيه|دنانير|دينارا|دينار|ريالات|ريالا|ريال|دراهم|درهما|درهم|روبلات|روبل|يوان|ليرات|ليرة|شيكلات|شيكل|روبيات|روبية|فرنكات|فرنك|ين\s+ياباني)",
    r"(?:\s+(?:أمريكية|أميركية|امريكية|اميركية|أمريكي|أميركي|امريكي|اميركي|كندي|أسترالي|استرالي|سعودي|قطري|عماني|يمني|إيراني|ايراني|جزائري|عراقي|كويتي|أردني|اردني|ليبي|تونسي|بحريني|إماراتي|اماراتي|مغربي|مصري|إسترليني|استرليني|روسي|صيني|تركية|لبنانية|سورية|تركي|لبناني|سوري|هندية|سويسري|إسرائيلي|اسرائيلي)(?:اً|ًا|ا)?\b)?)"
);
const MON_FULL: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";
/// Abbreviations take an optional full stop; full names do not, so that a sentence-final
/// "in June." keeps its full stop outside.
const MON: &str =
    r"(?:(?:@MON_FULL@)@B@|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)@B@\.?)";
const DAY: &str = r"[0-9]{1,2}(?:st|nd|rd|th)?@B@";
const DSEP: &str = r"\s*(?:[-–]|and@B@|to@B@|&)\s*";
const WD: &str = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const ORD: &str = r"(?i:twenty[-\s]first|twenty[-\s]second|twenty[-\s]third|twenty[-\s]fourth|twenty[-\s]fifth|twenty[-\s]sixth|twenty[-\s]seventh|twenty[-\s]eighth|twenty[-\s]ninth|thirty[-\s]first|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)";
/// Arabic month names: Gregorian transliterations and the Levantine (Syriac) names.
const AM: &str = r"(?:كانون\s+الثاني|كانون\s+الأول|كانون\s+الاول|تشرين\s+الأول|تشرين\s+الاول|تشرين\s+الثاني|يناير|فبراير|مارس|أبريل|إبريل|ابريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|شباط|آذار|أذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|أب|اب|أيلول|ايلول)";
const AWD: &str = "(?:الاثنين|الإثنين|الأثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الأحد|الاحد)";

/// Expands the `@NAME@` placeholders of a pattern template. Placeholders rather than
/// `format!`, because patterns are full of `{m,n}` braces.
fn build(template: &str) -> Regex {
    let parts: [(&str, &str); 16] = [
        ("@NUM@", NUM),
        ("@START@", START),
        ("@PRE@", PRE),
        ("@SCALE@", SCALE),
        ("@CURW@", CURW),
        ("@MON@", MON),
        ("@DAY@", DAY),
        ("@DSEP@", DSEP),
        ("@WD@", WD),
        ("@ORD@", ORD),
        ("@AM@", AM),
        ("@AWD@", AWD),
        ("@MONEY_RANGE@", MONEY_RANGE),
        // Expanded last: they occur inside the parts above.
        ("@ISO@", ISO),
        ("@MON_FULL@", MON_FULL),
        ("@B@", ASCII_B),
    ];
    let mut p = template.to_string();
    for (k, v) in parts {
        p = p.replace(k, v);
    }
    Regex::new(&p).unwrap_or_else(|e| panic!("invalid value pattern: {e}"))
}

/// The separator of a money range, opening a group the pattern closes.
const MONEY_RANGE: &str = r"(?:\s*(?:[-–—]|(?i:to)\b|إلى|الى)\s*";
/// An ASCII word boundary. Patterns made only of ASCII words and digits use it instead of
/// the Unicode `\b`, which on non-ASCII text keeps the regex crate off its fast DFA; where
/// an Arabic letter could follow, the handler checks the boundary itself.
const ASCII_B: &str = r"(?-u:\b)";

type Handler = fn(&Ctx<'_>, &Captures<'_>) -> Option<Cand>;

/// A pattern, its handler and, for patterns that need Unicode word boundaries (and so run
/// slowly), an anchor: a cheap pattern of literals every match must contain. Such a pattern
/// then runs only in windows around the anchor's matches.
struct Rule {
    re: Regex,
    anchor: Option<Regex>,
    handle: Handler,
    /// Every match of the anchor has an Arabic letter: text without any has no match.
    arabic_anchor: bool,
}

fn rule(template: &str, anchor: Option<&str>, handle: Handler) -> Rule {
    Rule { re: build(template), anchor: anchor.map(build), handle, arabic_anchor: false }
}

/// A rule whose anchor matches only text with an Arabic letter (U+0600..U+06FF, whose UTF-8
/// lead bytes are 0xD8..0xDB); English text skips it without scanning for the anchor.
fn rule_ar(template: &str, anchor: &str, handle: Handler) -> Rule {
    Rule { arabic_anchor: true, ..rule(template, Some(anchor), handle) }
}

/// Has `text` a character in U+0600..U+06FF?
fn has_arabic_block(text: &str) -> bool {
    text.bytes().any(|b| (0xd8..=0xdb).contains(&b))
}

fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
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
            // 50%, 90 percent, 50 في المائة
            rule(
                r"@START@(?P<m>(?P<n>@NUM@)\s?(?:%|(?i:percentage\s+points?|percent|per\s?cent|pct)\b|في\s+(?:المائة|المئة)\b|بال(?:مائة|مئة|مية)\b))",
                Some(r"%|(?i:per\s?cent|pct)|المائة|المئة|بالمية"),
                percent,
            ),
            // ٪٥٠: the sign first, as often typed in right-to-left text
            rule(r"(?P<m>%\s?(?P<n>@NUM@))@B@", None, percent_sign_first),
            // 6 December 2024, December 6, 2024, June 5th and 6th, November 2022, June
            rule(
                r"@B@(?P<m>(?:(?P<wd>@WD@),?\s+(?:the\s+)?)?(?:(?P<d1>@DAY@)(?:@DSEP@(?P<d1b>@DAY@))?(?:\s+of)?\s+(?P<mon1>@MON@)|(?P<mon2>@MON@)(?:\s+(?P<d2>@DAY@)(?:@DSEP@(?P<d2b>@DAY@))?)?)(?:,?\s+(?P<y>[0-9]{4})@B@)?)",
                None,
                en_month,
            ),
            // the first of next November
            rule(
                r"@B@(?P<m>(?:(?i:the)\s+)?(?P<ord>@ORD@)\s+of\s+(?:(?P<rel>(?i:next|last|this|coming))\s+)?(?P<mon>@MON_FULL@)@B@(?:,?\s+(?P<y>[0-9]{4})@B@)?)",
                None,
                en_ordinal_of_month,
            ),
            // Monday, last Friday
            rule(
                r"@B@(?P<m>(?:(?P<rel>(?i:last|next|this|past|coming))\s+)?(?P<wd>@WD@))@B@",
                None,
                en_weekday,
            ),
            // yesterday, next year, the next decade, two weeks ago
            rule(
                r"@B@(?P<m>(?i:(?P<day>yesterday|today|tomorrow)|(?:the\s+)?(?P<rel>next|last|past|coming|previous|this|current)\s+(?P<unit>year|month|week|decade)|(?P<n>[0-9]{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?P<agounit>days?|weeks?|months?|years?|decades?)\s+ago))@B@",
                None,
                en_relative,
            ),
            // 2024, 1990s, (عام) 2024م
            rule(r"@B@(?P<m>(?P<y>[0-9]{4})(?P<s>s)?)@B@", None, year),
            // 1954-1962, 2019/20, 1954 to 1962, between 1954 and 1962
            rule(
                r"@B@(?P<m>(?P<y1>[0-9]{4})\s?(?P<sep>[-–—/]|(?i:to|and)@B@|و)\s?(?P<y2>[0-9]{4}|[0-9]{2}))@B@",
                None,
                year_range,
            ),
            // 2024-12-07, 07/12/2024
            rule(
                r"@B@(?P<m>(?P<a>[0-9]{1,4})(?P<s1>[-/.])(?P<b>[0-9]{1,2})(?P<s2>[-/.])(?P<c>[0-9]{1,4}))@B@",
                None,
                numeric_date,
            ),
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
            // أمس, غداً, العام المقبل, هذا الشهر
            rule_ar(
                r"@START@(?P<m>(?P<day>أمس\s+الأول|أمس|الأمس|الامس|البارحة|غداً|غدًا|غدا|اليوم)|(?:هذا|هذه)\s+(?P<unit1>العام|السنة|الشهر|الأسبوع|الاسبوع)|(?P<unit2>العام|السنة|الشهر|الأسبوع|الاسبوع|العقد)\s+(?P<rel>المقبلة|المقبل|القادمة|القادم|الماضية|الماضي|الفائتة|الفائت|المنصرمة|المنصرم|الحالية|الحالي|الجارية|الجاري))\b",
                r"أمس|الامس|البارحة|غدا|غدً|اليوم|العام|السنة|الشهر|سبوع|العقد",
                ar_relative,
            ),
        ]
    })
}

/// How far a match may reach from its anchor, in bytes (an Arabic letter is two).
const WINDOW: usize = 200;

fn run(ctx: &Ctx<'_>, rule: &Rule, out: &mut Vec<Cand>) {
    let text = ctx.text;
    let Some(anchor) = &rule.anchor else {
        return scan(ctx, &rule.re, 0, text.len(), rule.handle, out);
    };
    // Windows around anchor matches, merged when they overlap, so that each window is
    // scanned as the whole text would be.
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for a in anchor.find_iter(text) {
        let mut start = a.start().saturating_sub(WINDOW);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        // End the window at white space (or the end), so that cutting the text there cannot
        // create a word boundary that is not in the text.
        let mut end = (a.end() + WINDOW).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        end = text[end..].find(char::is_whitespace).map_or(text.len(), |i| end + i);
        match windows.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => windows.push((start, end)),
        }
    }
    for (start, end) in windows {
        scan(ctx, &rule.re, start, end, rule.handle, out);
    }
}

/// Runs one pattern over `text[from..end]`, with all of the text before as context. After
/// a rejected match the search resumes one character later rather than after the match,
/// so a shorter valid match inside it is still found.
fn scan(ctx: &Ctx<'_>, re: &Regex, from: usize, end: usize, handle: Handler, out: &mut Vec<Cand>) {
    let haystack = &ctx.text[..end];
    let mut pos = from;
    while pos <= end {
        let Some(caps) = re.captures_at(haystack, pos) else { break };
        let whole = caps.get(0).expect("group 0 always matches");
        let next = next_char(haystack, whole.start());
        match handle(ctx, &caps) {
            Some(c) => {
                out.push(c);
                pos = whole.end().max(next);
            }
            None => pos = next,
        }
    }
}

fn next_char(text: &str, i: usize) -> usize {
    i + text[i..].chars().next().map_or(1, char::len_utf8)
}

/// Keeps the longest of overlapping candidates (earlier first on ties), sorted by start.
fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)));
    let mut taken = super::Disjoint::default();
    let mut kept: Vec<Cand> = Vec::new();
    for c in cands {
        if taken.try_take(c.start, c.end) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    kept
}

// ---------------------------------------------------------------------------------------
// Context: the text around a match
// ---------------------------------------------------------------------------------------

struct Cand {
    start: usize,
    end: usize,
    label: Label,
    value: Value,
}

impl Cand {
    /// A DATE candidate, in `Some` because handlers return options.
    fn date(start: usize, end: usize, value: Value) -> Option<Cand> {
        Some(Cand { start, end, label: Label::Date, value })
    }
}

struct Ctx<'a> {
    text: &'a str,
    doc: Option<DocDate>,
}

/// Letters, digits and Arabic short vowels (which are marks, not letters).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{064b}'..='\u{065f}' | '\u{0670}')
}

fn is_proclitic(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك')
}

/// Does `word` equal one of `list`, ignoring ASCII case and one Arabic proclitic?
fn word_in(word: &str, list: &[&str]) -> bool {
    let bare = strip_proclitic(word);
    list.iter().any(|w| w.eq_ignore_ascii_case(word) || (!w.is_ascii() && *w == bare))
}

fn strip_proclitic(word: &str) -> &str {
    match word.chars().next() {
        Some(c) if is_proclitic(c) && word.chars().count() > 2 => &word[c.len_utf8()..],
        _ => word,
    }
}

impl Ctx<'_> {
    /// The word before `pos` and its start, when only spaces separate them.
    fn word_before(&self, pos: usize) -> Option<(&str, usize)> {
        let before = self.text[..pos].trim_end();
        if before.len() == pos {
            return None;
        }
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map(|(i, _)| i)?;
        Some((&before[start..], start))
    }

    /// The word after `pos`, when only spaces separate them.
    fn word_after(&self, pos: usize) -> Option<&str> {
        let after = &self.text[pos..];
        let rest = after.trim_start();
        if rest.len() == after.len() {
            return None;
        }
        let end = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
        (end > 0).then(|| &rest[..end])
    }

    /// A modifier word right before `start` that belongs to the span ("late 2018",
    /// "last October", "mid-2020", "أواخر 2018"): its start and the word.
    fn modifier_before(&self, start: usize, words: &[&str]) -> Option<(usize, String)> {
        let before = &self.text[..start];
        if let Some(s) = before.strip_suffix("mid-").or_else(|| before.strip_suffix("Mid-")) {
            if !s.ends_with(is_word_char) {
                return Some((s.len(), "mid".to_string()));
            }
        }
        let (w, ws) = self.word_before(start)?;
        if words.iter().any(|m| m.eq_ignore_ascii_case(w)) {
            return Some((ws, w.to_lowercase()));
        }
        // An Arabic modifier may carry a proclitic ("وأواخر"), which stays outside.
        let bare = strip_proclitic(w);
        if bare.len() != w.len() && words.contains(&bare) {
            return Some((ws + (w.len() - bare.len()), bare.to_string()));
        }
        None
    }

    /// Is the number ending at `end` really a count or part of a longer number
    /// ("2000 soldiers", "2000-strong", "2024.5", "2000%")?
    fn counts_something(&self, end: usize) -> bool {
        let mut rest = self.text[end..].chars();
        match (rest.next(), rest.next()) {
            (Some('.' | ',' | '/' | ':'), Some(c)) if c.is_ascii_digit() => return true,
            (Some('-'), Some(c)) if c.is_alphanumeric() => return true,
            (Some('%'), _) => return true,
            _ => {}
        }
        self.word_after(end).is_some_and(is_unit_word)
    }

    /// Is the number starting at `start` an amount, an identifier or part of a longer
    /// number ("$2000", "some 2000", "Resolution 1701", "12/2024", "أكثر من 2000")?
    fn number_context_before(&self, start: usize) -> bool {
        let before = &self.text[..start];
        let mut rev = before.chars().rev();
        if let (Some('.' | ',' | '-' | '/' | ':'), Some(c)) = (rev.next(), rev.next()) {
            if c.is_ascii_digit() {
                return true;
            }
        }
        if before.trim_end().ends_with(['$', '€', '£', '¥', '#', '№', '+']) {
            return true;
        }
        let Some((w, ws)) = self.word_before(start) else { return false };
        if word_in(w, QUANTITY_CUES) || ISO.split('|').any(|c| c == w) {
            return true;
        }
        // "أكثر من 2000", "أقل من 2000": more/less than
        w == "من"
            && self
                .word_before(ws)
                .is_some_and(|(p, _)| word_in(p, &["أكثر", "اكثر", "أقل", "اقل"]))
    }

    /// Does the word before `start` introduce a date ("in June", "since May")?
    fn cue_before(&self, start: usize, cues: &[&str]) -> bool {
        self.word_before(start).is_some_and(|(w, _)| word_in(w, cues))
    }
}

/// Words after a number that make it a count, not a year. English words match with an
/// optional plural -s; Arabic stems of four letters or more match as prefixes (to cover
/// plural and case endings), shorter ones exactly or with the accusative alef.
fn is_unit_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    if lower.is_ascii() {
        let singular = lower.strip_suffix('s').unwrap_or(&lower);
        return UNITS_EN.contains(&lower.as_str()) || UNITS_EN.contains(&singular);
    }
    UNITS_AR.iter().any(|u| {
        if u.chars().count() >= 4 {
            lower.starts_with(u)
        } else {
            lower == *u || lower.strip_suffix('ا') == Some(*u)
        }
    })
}

#[rustfmt::skip]
const UNITS_EN: &[&str] = &[
    "soldier", "troop", "people", "person", "km", "kilometre", "kilometer", "mile", "metre",
    "meter", "m", "tonne", "ton", "worker", "resident", "civilian", "family", "families",
    "member", "child", "children", "men", "women", "student", "home", "house", "case", "death",
    "job", "vote", "vehicle", "car", "barrel", "feet", "foot", "hectare", "acre", "kg",
    "kilogram", "employee", "refugee", "migrant", "fighter", "officer", "police", "policemen",
    "prisoner", "detainee", "seat", "time", "point", "dollar", "euro", "pound", "year", "day",
    "hour", "minute", "victim", "patient", "casualty", "casualties", "rocket", "missile",
    "drone", "tank", "unit", "page", "word", "square", "sq", "mw", "gw", "percent", "per",
    "pct", "thousand", "million", "billion", "trillion", "bn", "protester", "demonstrator",
    "supporter", "delegate", "tourist", "visitor", "user", "customer", "inmate", "body",
    "bodies", "share", "staff", "plane", "aircraft", "ship", "gmt", "utc", "hrs",
];

#[rustfmt::skip]
const UNITS_AR: &[&str] = &[
    "جندي", "جنود", "شخص", "أشخاص", "اشخاص", "مقاتل", "قتيل", "قتلى", "جريح", "جرحى", "طن",
    "أطنان", "اطنان", "كيلو", "كلم", "كم", "متر", "ميل", "عامل", "عمال", "مواطن", "لاجئ",
    "نازح", "منزل", "مسكن", "سيارة", "سيارات", "صاروخ", "صواريخ", "طائرة", "برميل", "هكتار",
    "دونم", "عائلة", "أسرة", "اسرة", "طفل", "أطفال", "اطفال", "امرأة", "نساء", "رجل", "شهيد",
    "شهداء", "معتقل", "أسير", "أسرى", "سجين", "وظيفة", "دولار", "يورو", "جنيه", "دينار", "ريال",
    "درهم", "ليرة", "مليون", "مليار", "ألف", "الف", "عنصر", "ضحية", "ضحايا", "مصاب", "إصابة",
    "اصابة", "حالة", "وفاة", "يوم", "أيام", "ايام", "ساعة", "سنة", "عام", "أعوام", "مرة",
    "متظاهر", "مهاجر", "سائح", "موظف", "شرطي",
];

/// Words before a number that make it an amount or an identifier, not a year.
#[rustfmt::skip]
const QUANTITY_CUES: &[&str] = &[
    "some", "about", "nearly", "approximately", "roughly", "almost", "over", "than", "least",
    "estimated", "resolution", "no", "number", "flight", "article", "page", "route", "section",
    "chapter", "paragraph", "code", "model", "نحو", "حوالي", "حوالى", "قرابة", "زهاء", "رقم",
    "الرقم", "قرار", "القرار", "مادة", "المادة",
];

/// Words before a bare month name that show it is a date ("in June", "since March").
#[rustfmt::skip]
const MONTH_CUES: &[&str] = &[
    "in", "on", "since", "by", "until", "till", "from", "during", "through", "throughout",
    "before", "after", "between", "of", "to", "and", "or", "every", "each",
];
/// "May" is a modal verb and a surname: only the cues that cannot precede either.
const MAY_CUES: &[&str] =
    &["in", "since", "until", "till", "during", "throughout", "every", "each"];
#[rustfmt::skip]
const MONTH_MODIFIERS: &[&str] = &[
    "last", "next", "this", "early", "late", "mid", "أوائل", "اوائل", "أواخر", "اواخر", "منتصف",
    "مطلع",
];
const YEAR_MODIFIERS: &[&str] =
    &["early", "late", "mid", "أوائل", "اوائل", "أواخر", "اواخر", "منتصف", "مطلع"];
/// Words before an ambiguous Arabic month name ("مارس" is also "he practised") that show it
/// is a date.
#[rustfmt::skip]
const AR_MONTH_CUES: &[&str] = &[
    "في", "منذ", "حتى", "خلال", "شهر", "مطلع", "أوائل", "اوائل", "أواخر", "اواخر", "منتصف",
    "نهاية", "بداية", "أواسط", "اواسط",
];

// ---------------------------------------------------------------------------------------
// MONEY and PERCENT
// ---------------------------------------------------------------------------------------

fn span<'h>(c: &Captures<'h>) -> Match<'h> {
    c.name("m").or_else(|| c.get(0)).expect("group 0 always matches")
}

fn money(_ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
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

/// The amount of a number with an optional scale word. Parsed as "21.3e9" rather than
/// multiplied, so that the value is the correctly rounded double (21.3 * 1e9 is not).
fn amount(num: &str, scale: Option<&str>) -> Option<f64> {
    let exp = scale.map_or(Some(0), scale_exponent)?;
    format!("{}e{exp}", num.replace(',', "")).parse().ok()
}

fn scale_exponent(s: &str) -> Option<i32> {
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

fn currency_of_prefix(p: &str) -> Option<&'static str> {
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

fn iso_code(code: &str) -> Option<&'static str> {
    if code == "RMB" {
        return Some("CNY");
    }
    ISO.split('|').find(|c| *c == code)
}

/// The ISO code of a currency word. Words shared by several currencies (dinar, riyal,
/// lira…) get a code only with a nationality; a bare dollar is the US dollar.
fn currency_of_word(w: &str) -> Option<&'static str> {
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

fn percent(_ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let value = Value { percent: Some(c["n"].replace(',', "").parse().ok()?), ..Value::default() };
    Some(Cand { start: m.start(), end: m.end(), label: Label::Percent, value })
}

fn percent_sign_first(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    // After a number the sign belongs to it ("50% 30"), and inside a word it is not ours.
    let before = &ctx.text[..span(c).start()];
    if before.ends_with(is_word_char) || before.trim_end().ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    percent(ctx, c)
}

// ---------------------------------------------------------------------------------------
// DATE
// ---------------------------------------------------------------------------------------

fn en_month(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
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
        if !full_name || (modifier.is_none() && !ctx.cue_before(start, cues)) {
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

fn en_ordinal_of_month(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
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
const ORDINALS: [&str; 31] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second",
    "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh",
    "twenty-eighth", "twenty-ninth", "thirtieth", "thirty-first",
];

/// The value of a month date, or `None` when the day cannot exist. A date whose year is
/// unknown has an empty value.
fn month_value(y: Option<i32>, month: u32, d: Option<u32>, de: Option<u32>) -> Option<Value> {
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

fn en_weekday(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let wd = WEEKDAYS.iter().position(|w| *w == &c["wd"])? as u32;
    let step = c.name("rel").and_then(|r| step_of(r.as_str()));
    Cand::date(m.start(), m.end(), weekday_value(ctx.doc, wd, step))
}

const WEEKDAYS: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn en_relative(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
    let m = span(c);
    let value = if let Some(day) = c.name("day") {
        let offset = match day.as_str().to_lowercase().as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        relative_value(ctx.doc, Unit::Day, offset)
    } else if let Some(unit) = c.name("unit") {
        let step = step_of(&c["rel"])?;
        relative_value(ctx.doc, Unit::parse(unit.as_str())?, step.offset())
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

const NUMBER_WORDS: [&str; 11] =
    ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

fn year(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
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
    if ctx.number_context_before(m.start()) || ctx.counts_something(m.end()) {
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

fn year_range(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
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
fn numeric_date(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
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
    } else if cc.len() == 4 && a.len() <= 2 {
        let (p, q) = (num(a)?, num(b)?);
        if !valid_year(cc) || p == 0 || q == 0 || (p > 12 && q > 12) {
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
    if !valid_year(y) || !(1..=12).contains(&mo) {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    if d == 0 || d > days_in_month(y, mo) {
        return None;
    }
    Cand::date(m.start(), m.end(), date_value(Some(fmt_ymd(y, mo, d)), None))
}

fn ar_month(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
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

fn ar_weekday(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
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

fn ar_relative(ctx: &Ctx<'_>, c: &Captures<'_>) -> Option<Cand> {
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
const AR_WEEKDAYS: [&str; 7] =
    ["الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعة", "السبت", "الاحد"];

fn ar_weekday_index(w: &str) -> Option<u32> {
    let w = fold_hamza(w);
    AR_WEEKDAYS.iter().position(|d| *d == w).map(|i| i as u32)
}

// ---------------------------------------------------------------------------------------
// Names and calendar arithmetic
// ---------------------------------------------------------------------------------------

fn month_en(name: &str) -> Option<u32> {
    let key = name.get(..3)?.to_ascii_lowercase();
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|m| *m == key)
        .map(|i| i as u32 + 1)
}

/// How much evidence an Arabic month name needs before it is taken as a date.
#[derive(Clone, Copy, PartialEq)]
enum Ambiguity {
    Clear,
    /// Also a common word or name (مارس "he practised", نيسان the car maker, تموز the god):
    /// needs a day, a year, a paired name or a cue such as في "in".
    Weak,
    /// Also a very common word (أب "father"): needs a day or a paired name.
    Strong,
}

fn month_ar(name: &str) -> Option<(u32, Ambiguity)> {
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

/// Folds the alef variants (أ إ آ → ا), which news spells inconsistently.
fn fold_hamza(s: &str) -> String {
    s.chars().map(|c| if matches!(c, 'أ' | 'إ' | 'آ') { 'ا' } else { c }).collect()
}

/// `Some(None)` for no day, `None` for an impossible one.
fn opt_day(m: Option<Match<'_>>) -> Option<Option<u32>> {
    match m {
        Some(m) => parse_day(m.as_str()).map(Some),
        None => Some(None),
    }
}

fn parse_day(s: &str) -> Option<u32> {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn valid_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<i32>().is_ok_and(|y| (1600..=2099).contains(&y))
}

/// The document date, as precise as it was given.
#[derive(Debug, Clone, Copy)]
struct DocDate {
    y: i32,
    m: Option<u32>,
    d: Option<u32>,
}

impl DocDate {
    fn parse(s: &str) -> Option<DocDate> {
        let s = s.trim();
        let num = |from: usize, to: usize| -> Option<u32> {
            s.get(from..to).filter(|t| t.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()
        };
        let dash = |i: usize| s.as_bytes().get(i) == Some(&b'-');
        let y = num(0, 4)? as i32;
        let m = num(5, 7).filter(|m| dash(4) && (1..=12).contains(m));
        let d =
            m.and_then(|m| num(8, 10).filter(|d| dash(7) && (1..=days_in_month(y, m)).contains(d)));
        Some(DocDate { y, m, d })
    }

    fn day_number(&self) -> Option<i64> {
        Some(days_from_civil(self.y, self.m?, self.d?))
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Step {
    Prev,
    This,
    Next,
}

impl Step {
    fn offset(self) -> i64 {
        match self {
            Step::Prev => -1,
            Step::This => 0,
            Step::Next => 1,
        }
    }
}

fn step_of(word: &str) -> Option<Step> {
    Some(match word.to_lowercase().as_str() {
        "last" | "past" | "previous" | "الماضي" | "الماضية" | "الفائت" | "الفائتة" | "المنصرم"
        | "المنصرمة" => Step::Prev,
        "this" | "current" | "الحالي" | "الحالية" | "الجاري" | "الجارية" => {
            Step::This
        }
        "next" | "coming" | "المقبل" | "المقبلة" | "القادم" | "القادمة" => {
            Step::Next
        }
        _ => return None,
    })
}

#[derive(Clone, Copy)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match fold_hamza(&s.to_lowercase()).as_str() {
            "day" => Unit::Day,
            "week" | "الاسبوع" => Unit::Week,
            "month" | "الشهر" => Unit::Month,
            "year" | "العام" | "السنة" => Unit::Year,
            "decade" | "العقد" => Unit::Decade,
            _ => return None,
        })
    }
}

/// The date `n` units from the document date. Weeks run Monday to Sunday and are given as
/// a range; "next decade" is the ten years after the document's year.
fn relative_value(doc: Option<DocDate>, unit: Unit, n: i64) -> Value {
    let Some(doc) = doc else { return Value::default() };
    let (date, end) = match unit {
        Unit::Day => match doc.day_number() {
            Some(day) => (Some(fmt_days(day + n)), None),
            None => (None, None),
        },
        Unit::Week => match doc.day_number() {
            Some(day) => {
                let monday = day - i64::from(weekday(day)) + 7 * n;
                (Some(fmt_days(monday)), Some(fmt_days(monday + 6)))
            }
            None => (None, None),
        },
        Unit::Month => match doc.m {
            Some(m) => {
                let t = i64::from(doc.y) * 12 + i64::from(m) - 1 + n;
                (Some(fmt_ym(t.div_euclid(12) as i32, t.rem_euclid(12) as u32 + 1)), None)
            }
            None => (None, None),
        },
        Unit::Year => (Some(fmt_y(doc.y + n as i32)), None),
        Unit::Decade => {
            let (a, b) = match n {
                0 => (doc.y - doc.y.rem_euclid(10), doc.y - doc.y.rem_euclid(10) + 9),
                n if n > 0 => (doc.y + 1, doc.y + 10 * n as i32),
                n => (doc.y + 10 * n as i32, doc.y - 1),
            };
            (Some(fmt_y(a)), Some(fmt_y(b)))
        }
    };
    date_value(date, end)
}

/// Which year a month without one refers to: the document's, or for "last October" the
/// most recent October before the document's month, for "next November" the first after.
fn month_year(doc: Option<DocDate>, month: u32, step: Option<Step>) -> Option<i32> {
    let doc = doc?;
    match step {
        None | Some(Step::This) => Some(doc.y),
        Some(Step::Prev) => Some(if month < doc.m? { doc.y } else { doc.y - 1 }),
        Some(Step::Next) => Some(if month > doc.m? { doc.y } else { doc.y + 1 }),
    }
}

/// A weekday without a date is taken as the most recent one on or before the document
/// date ("on Monday" in news is usually past); "last" excludes the document's own day,
/// "next" means the first one after it.
fn weekday_value(doc: Option<DocDate>, wd: u32, step: Option<Step>) -> Value {
    let Some(today) = doc.and_then(|d| d.day_number()) else { return Value::default() };
    let cur = weekday(today);
    let back = i64::from((cur + 7 - wd) % 7);
    let fwd = i64::from((wd + 7 - cur) % 7);
    let day = match step {
        Some(Step::Prev) => today - if back == 0 { 7 } else { back },
        Some(Step::Next) => today + if fwd == 0 { 7 } else { fwd },
        _ => today - back,
    };
    date_value(Some(fmt_days(day)), None)
}

fn date_value(date: Option<String>, date_end: Option<String>) -> Value {
    Value { date, date_end, ..Value::default() }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((yoe + era * 400 + i64::from(m <= 2)) as i32, m, d)
}

/// 0 = Monday.
fn weekday(days: i64) -> u32 {
    (days + 3).rem_euclid(7) as u32
}

fn fmt_days(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    fmt_ymd(y, m, d)
}

fn fmt_ymd(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn fmt_ym(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

fn fmt_y(y: i32) -> String {
    format!("{y:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The expected value of one mention.
    #[derive(Debug)]
    enum V {
        /// amount_min, amount_max, currency
        M(f64, f64, Option<&'static str>),
        /// percent
        P(f64),
        /// date, date_end
        D(Option<&'static str>, Option<&'static str>),
    }
    use V::{D, M, P};

    const DOC: Option<&str> = Some("2024-12-07"); // a Saturday

    /// (text, document date, every expected mention as (span text, value)). The whole output
    /// must match, so each row also asserts that nothing else is found.
    type Case = (&'static str, Option<&'static str>, &'static [(&'static str, V)]);

    #[rustfmt::skip]
    const CASES: &[Case] = &[
        // MONEY, English
        ("The deal is worth US$21.3 billion.", None, &[("US$21.3 billion", M(21.3e9, 21.3e9, Some("USD")))]),
        ("Costs of $12-17 billion are expected.", None, &[("$12-17 billion", M(12e9, 17e9, Some("USD")))]),
        ("Costs of $12–17 billion.", None, &[("$12–17 billion", M(12e9, 17e9, Some("USD")))]),
        ("a loan of $ 180 million", None, &[("$ 180 million", M(180e6, 180e6, Some("USD")))]),
        ("over $3 billion in aid", None, &[("$3 billion", M(3e9, 3e9, Some("USD")))]),
        ("It costs €5bn.", None, &[("€5bn", M(5e9, 5e9, Some("EUR")))]),
        ("It costs £2.5m.", None, &[("£2.5m", M(2.5e6, 2.5e6, Some("GBP")))]),
        ("more than 3 billion dollars", None, &[("3 billion dollars", M(3e9, 3e9, Some("USD")))]),
        ("a fund of USD 40 million", None, &[("USD 40 million", M(40e6, 40e6, Some("USD")))]),
        ("about 50 million euros", None, &[("50 million euros", M(50e6, 50e6, Some("EUR")))]),
        ("a $1,200,000 grant", None, &[("$1,200,000", M(1.2e6, 1.2e6, Some("USD")))]),
        ("from $12 to $17 billion", None, &[("$12 to $17 billion", M(12e9, 17e9, Some("USD")))]),
        ("between $12 and $17 billion", None, &[("$12 and $17 billion", M(12e9, 17e9, Some("USD")))]),
        ("¥300 billion and 40 million rubles", None, &[
            ("¥300 billion", M(300e9, 300e9, Some("JPY"))),
            ("40 million rubles", M(40e6, 40e6, Some("RUB"))),
        ]),
        ("2 billion yuan, 300 million Saudi riyals, 5 million dinars", None, &[
            ("2 billion yuan", M(2e9, 2e9, Some("CNY"))),
            ("300 million Saudi riyals", M(300e6, 300e6, Some("SAR"))),
            ("5 million dinars", M(5e6, 5e6, None)),
        ]),
        ("It costs $3.", None, &[("$3", M(3.0, 3.0, Some("USD")))]),
        ("a $5.5-billion deal", None, &[("$5.5-billion", M(5.5e9, 5.5e9, Some("USD")))]),
        ("C$40 million and HK$2bn", None, &[
            ("C$40 million", M(40e6, 40e6, Some("CAD"))),
            ("HK$2bn", M(2e9, 2e9, Some("HKD"))),
        ]),
        ("a 3 billion increase", None, &[]),
        // MONEY, Arabic
        ("بلغت 21.3 مليار دولار أمريكي", None, &[("21.3 مليار دولار أمريكي", M(21.3e9, 21.3e9, Some("USD")))]),
        ("أكثر من 180 مليون دولار", None, &[("180 مليون دولار", M(180e6, 180e6, Some("USD")))]),
        ("نحو 5 ملايين يورو", None, &[("5 ملايين يورو", M(5e6, 5e6, Some("EUR")))]),
        ("بلغت ١٨٠ مليون دولار", None, &[("١٨٠ مليون دولار", M(180e6, 180e6, Some("USD")))]),
        ("بلغت ٢١٫٣ مليار دولار", None, &[("٢١٫٣ مليار دولار", M(21.3e9, 21.3e9, Some("USD")))]),
        ("10 مليارات جنيه إسترليني", None, &[("10 مليارات جنيه إسترليني", M(10e9, 10e9, Some("GBP")))]),
        ("500 ألف دينار جزائري", None, &[("500 ألف دينار جزائري", M(500e3, 500e3, Some("DZD")))]),
        ("و3 مليارات ريال سعودي", None, &[("3 مليارات ريال سعودي", M(3e9, 3e9, Some("SAR")))]),
        ("200 مليون روبل و5 تريليون دولار", None, &[
            ("200 مليون روبل", M(200e6, 200e6, Some("RUB"))),
            ("5 تريليون دولار", M(5e12, 5e12, Some("USD"))),
        ]),
        ("بين 12 و17 مليار دولار", None, &[("12 و17 مليار دولار", M(12e9, 17e9, Some("USD")))]),
        // PERCENT
        ("rose 50% overall", None, &[("50%", P(50.0))]),
        ("90 percent of voters", None, &[("90 percent", P(90.0))]),
        ("more than 12.5 per cent", None, &[("12.5 per cent", P(12.5))]),
        ("بنسبة ٪٥٠", None, &[("٪٥٠", P(50.0))]),
        ("بنسبة 50٪ و٥٠٪", None, &[("50٪", P(50.0)), ("٥٠٪", P(50.0))]),
        ("50 في المائة و30 بالمئة", None, &[("50 في المائة", P(50.0)), ("30 بالمئة", P(30.0))]),
        ("20 في المئة و10 بالمائة", None, &[("20 في المئة", P(20.0)), ("10 بالمائة", P(10.0))]),
        ("نحو ٢٥٫٥ في المائة", None, &[("٢٥٫٥ في المائة", P(25.5))]),
        // DATE, English, absolute
        ("on 6 December", None, &[("6 December", D(None, None))]),
        ("on 6 December", DOC, &[("6 December", D(Some("2024-12-06"), None))]),
        ("on 6 December 2024", None, &[("6 December 2024", D(Some("2024-12-06"), None))]),
        ("on December 6, 2024", None, &[("December 6, 2024", D(Some("2024-12-06"), None))]),
        ("on May 14 2018", None, &[("May 14 2018", D(Some("2018-05-14"), None))]),
        ("September 11, 2001 changed it", None, &[("September 11, 2001", D(Some("2001-09-11"), None))]),
        ("on June 5th and 6th", None, &[("June 5th and 6th", D(None, None))]),
        ("on June 5th and 6th", DOC, &[("June 5th and 6th", D(Some("2024-06-05"), Some("2024-06-06")))]),
        ("on June 6th", Some("2021"), &[("June 6th", D(Some("2021-06-06"), None))]),
        ("in November 2022 and September 2018", None, &[
            ("November 2022", D(Some("2022-11"), None)),
            ("September 2018", D(Some("2018-09"), None)),
        ]),
        ("since February 2006", None, &[("February 2006", D(Some("2006-02"), None))]),
        ("in June", None, &[("June", D(None, None))]),
        ("in June", DOC, &[("June", D(Some("2024-06"), None))]),
        ("until May.", None, &[("May", D(None, None))]),
        ("Last October", DOC, &[("Last October", D(Some("2024-10"), None))]),
        ("last October", Some("2024-03-01"), &[("last October", D(Some("2023-10"), None))]),
        ("last October", None, &[("last October", D(None, None))]),
        ("in late 2018, early 2019 and mid-2020", None, &[
            ("late 2018", D(Some("2018"), None)),
            ("early 2019", D(Some("2019"), None)),
            ("mid-2020", D(Some("2020"), None)),
        ]),
        ("from 1954-1962", None, &[("1954-1962", D(Some("1954"), Some("1962")))]),
        ("in 2024, 2021, 1795 and 1830", None, &[
            ("2024", D(Some("2024"), None)),
            ("2021", D(Some("2021"), None)),
            ("1795", D(Some("1795"), None)),
            ("1830", D(Some("1830"), None)),
        ]),
        ("since 2006.", None, &[("2006", D(Some("2006"), None))]),
        ("in the 1990s", None, &[("1990s", D(Some("1990"), Some("1999")))]),
        ("in the mid-1990s", None, &[("mid-1990s", D(Some("1990"), Some("1999")))]),
        ("between 1990 and 1995", None, &[("1990 and 1995", D(Some("1990"), Some("1995")))]),
        ("in 1990 and 1995", None, &[("1990", D(Some("1990"), None)), ("1995", D(Some("1995"), None))]),
        ("born on 3 Jan. 1950", None, &[("3 Jan. 1950", D(Some("1950-01-03"), None))]),
        ("the 2019-20 season", None, &[("2019-20", D(Some("2019"), Some("2020")))]),
        ("on 2024-12-07", None, &[("2024-12-07", D(Some("2024-12-07"), None))]),
        ("on 25/12/2024", None, &[("25/12/2024", D(Some("2024-12-25"), None))]),
        ("Monday, December 2, 2024", None, &[("Monday, December 2, 2024", D(Some("2024-12-02"), None))]),
        // DATE, English, relative
        ("on Monday", DOC, &[("Monday", D(Some("2024-12-02"), None))]),
        ("on Saturday", DOC, &[("Saturday", D(Some("2024-12-07"), None))]),
        ("last Saturday", DOC, &[("last Saturday", D(Some("2024-11-30"), None))]),
        ("next Monday", DOC, &[("next Monday", D(Some("2024-12-09"), None))]),
        ("on Monday", None, &[("Monday", D(None, None))]),
        ("on Monday", Some("2024-12"), &[("Monday", D(None, None))]),
        ("yesterday", DOC, &[("yesterday", D(Some("2024-12-06"), None))]),
        ("Today and tomorrow", DOC, &[
            ("Today", D(Some("2024-12-07"), None)),
            ("tomorrow", D(Some("2024-12-08"), None)),
        ]),
        ("yesterday", None, &[("yesterday", D(None, None))]),
        ("next year", DOC, &[("next year", D(Some("2025"), None))]),
        ("last year", Some("2024"), &[("last year", D(Some("2023"), None))]),
        ("this year", DOC, &[("this year", D(Some("2024"), None))]),
        ("next year", None, &[("next year", D(None, None))]),
        ("next month", DOC, &[("next month", D(Some("2025-01"), None))]),
        ("last month", DOC, &[("last month", D(Some("2024-11"), None))]),
        ("last month", Some("2024"), &[("last month", D(None, None))]),
        ("last week", DOC, &[("last week", D(Some("2024-11-25"), Some("2024-12-01")))]),
        ("next week", DOC, &[("next week", D(Some("2024-12-09"), Some("2024-12-15")))]),
        ("this week", DOC, &[("this week", D(Some("2024-12-02"), Some("2024-12-08")))]),
        ("over the next decade", DOC, &[("the next decade", D(Some("2025"), Some("2034")))]),
        ("on the first of next November", DOC, &[("the first of next November", D(Some("2025-11-01"), None))]),
        ("the first of next November", None, &[("the first of next November", D(None, None))]),
        ("two weeks ago", DOC, &[("two weeks ago", D(Some("2024-11-23"), None))]),
        ("three years ago", DOC, &[("three years ago", D(Some("2021"), None))]),
        // DATE, Arabic
        ("في 6 ديسمبر/كانون الأول", None, &[("6 ديسمبر/كانون الأول", D(None, None))]),
        ("في 6 ديسمبر/كانون الأول", DOC, &[("6 ديسمبر/كانون الأول", D(Some("2024-12-06"), None))]),
        ("في 6 ديسمبر/كانون الأول 2024", None, &[("6 ديسمبر/كانون الأول 2024", D(Some("2024-12-06"), None))]),
        ("في ديسمبر 2024", None, &[("ديسمبر 2024", D(Some("2024-12"), None))]),
        ("وفي يونيو/حزيران", DOC, &[("يونيو/حزيران", D(Some("2024-06"), None))]),
        ("بيونيو", None, &[("يونيو", D(None, None))]),
        ("في ٦ ديسمبر ٢٠٢٤", None, &[("٦ ديسمبر ٢٠٢٤", D(Some("2024-12-06"), None))]),
        ("في 15 تشرين الثاني 2023", None, &[("15 تشرين الثاني 2023", D(Some("2023-11-15"), None))]),
        ("في 3 آب", Some("2020"), &[("3 آب", D(Some("2020-08-03"), None))]),
        ("في أغسطس/آب الماضي", None, &[("أغسطس/آب الماضي", D(None, None))]),
        ("في أغسطس/آب الماضي", DOC, &[("أغسطس/آب الماضي", D(Some("2024-08"), None))]),
        ("في نيسان المقبل", DOC, &[("نيسان المقبل", D(Some("2025-04"), None))]),
        ("بحسب بيانات صدرت اليوم الخميس", DOC, &[
            ("اليوم", D(Some("2024-12-07"), None)),
            ("الخميس", D(Some("2024-12-05"), None)),
        ]),
        ("وصل الوفد غدا الأحد", DOC, &[("غدا", D(Some("2024-12-08"), None)), ("الأحد", D(Some("2024-12-01"), None))]),
        ("لعام 2024", None, &[("2024", D(Some("2024"), None))]),
        ("عام 2024", None, &[("2024", D(Some("2024"), None))]),
        ("عام 2024م", None, &[("2024", D(Some("2024"), None))]),
        ("في 15 مارس/آذار الماضي", DOC, &[("15 مارس/آذار الماضي", D(Some("2024-03-15"), None))]),
        ("منذ مارس", DOC, &[("مارس", D(Some("2024-03"), None))]),
        ("بين عامي 1954 و1962", None, &[("1954 و1962", D(Some("1954"), Some("1962")))]),
        ("أمس", DOC, &[("أمس", D(Some("2024-12-06"), None))]),
        ("بالأمس", DOC, &[("الأمس", D(Some("2024-12-06"), None))]),
        ("وصل غداً", DOC, &[("غداً", D(Some("2024-12-08"), None))]),
        ("أمس", None, &[("أمس", D(None, None))]),
        ("العام المقبل", DOC, &[("العام المقبل", D(Some("2025"), None))]),
        ("العام الماضي والعام الحالي", DOC, &[
            ("العام الماضي", D(Some("2023"), None)),
            ("العام الحالي", D(Some("2024"), None)),
        ]),
        ("السنة المقبلة", DOC, &[("السنة المقبلة", D(Some("2025"), None))]),
        ("السنة الماضية", DOC, &[("السنة الماضية", D(Some("2023"), None))]),
        ("الشهر المقبل", DOC, &[("الشهر المقبل", D(Some("2025-01"), None))]),
        ("الشهر الماضي", DOC, &[("الشهر الماضي", D(Some("2024-11"), None))]),
        ("الأسبوع الماضي", DOC, &[("الأسبوع الماضي", D(Some("2024-11-25"), Some("2024-12-01")))]),
        ("الأسبوع المقبل", None, &[("الأسبوع المقبل", D(None, None))]),
        ("هذا العام", DOC, &[("هذا العام", D(Some("2024"), None))]),
        ("يوم الخميس", DOC, &[("الخميس", D(Some("2024-12-05"), None))]),
        ("ويوم الخميس", None, &[("الخميس", D(None, None))]),
        ("قال الرئيس اليوم", DOC, &[("اليوم", D(Some("2024-12-07"), None))]),
        // Negatives
        ("for two days", DOC, &[]),
        ("a three-day visit", DOC, &[]),
        ("for decades", DOC, &[]),
        ("the Mayor said", DOC, &[]),
        ("May we ask?", DOC, &[]),
        ("Theresa May said", DOC, &[]),
        ("Marching in Juneau", DOC, &[]),
        ("a 22160-class ship", DOC, &[]),
        ("2000 soldiers and 1500 troops", DOC, &[]),
        ("some 2000 of them", DOC, &[]),
        ("Resolution 1701", DOC, &[]),
        ("1954abc", DOC, &[]),
        ("at 2000 GMT", DOC, &[]),
        ("He scored 2019 points", DOC, &[]),
        ("call 020-2024-1234", DOC, &[]),
        ("see a%20b", DOC, &[]),
        ("In March 2 million people voted", DOC, &[("March", D(Some("2024-03"), None))]),
        ("a 2000-strong force", DOC, &[]),
        ("استمرت يومين", DOC, &[]),
        ("لمدة ثلاثة أيام", DOC, &[]),
        ("في اليوم التالي", DOC, &[]),
        ("بأمس الحاجة", DOC, &[]),
        ("مارس الضغط", DOC, &[]),
        ("باب المدينة", DOC, &[]),
        ("أكثر من 2000 جندي", DOC, &[]),
        ("الجمعة", DOC, &[]),
        ("غدا الوضع صعبا", DOC, &[]),
    ];

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() <= 1e-9 * b.abs().max(1.0))
    }

    /// Replays one row; the error describes every difference.
    fn check(text: &str, doc: Option<&str>, expected: &[(&str, V)]) -> Result<(), String> {
        let found = find(text, doc);
        let shown: Vec<_> =
            found.iter().map(|m| (&text[m.start..m.end], m.label, &m.value)).collect();
        let fail =
            || Err(format!("{text:?} (doc {doc:?}): expected {expected:?}\nfound {shown:#?}"));
        if found.len() != expected.len() {
            return fail();
        }
        for (m, (span, v)) in found.iter().zip(expected) {
            // Slicing the original text proves the offsets index it, digits and all.
            if &text[m.start..m.end] != *span
                || (m.source, m.kb_id.as_deref(), m.score) != (Source::Pattern, None, SCORE)
            {
                return fail();
            }
            let x = &m.value;
            let ok = match *v {
                M(lo, hi, cur) => {
                    m.label == Label::Money
                        && close(x.amount_min, lo)
                        && close(x.amount_max, hi)
                        && x.currency.as_deref() == cur
                        && x.percent.is_none()
                        && x.date.is_none()
                }
                P(p) => m.label == Label::Percent && close(x.percent, p) && x.amount_min.is_none(),
                D(date, end) => {
                    m.label == Label::Date
                        && x.date.as_deref() == date
                        && x.date_end.as_deref() == end
                        && x.amount_min.is_none()
                        && x.percent.is_none()
                }
            };
            if !ok {
                return fail();
            }
        }
        Ok(())
    }

    #[test]
    fn table() {
        let failures: Vec<String> = CASES
            .iter()
            .filter_map(|(text, doc, expected)| check(text, *doc, expected).err())
            .collect();
        assert!(
            failures.is_empty(),
            "{} of {} rows failed:\n{}",
            failures.len(),
            CASES.len(),
            failures.join("\n\n")
        );
    }

    #[test]
    fn mixed_sentence_offsets_index_the_original() -> Result<(), String> {
        let text = "قالت الوزارة في ٦ ديسمبر/كانون الأول إن الإنفاق بلغ ٢١٫٣ مليار دولار أمريكي، \
                    بزيادة ٪١٢٫٥ عن العام الماضي، وإن US$5bn منها أُنفق في 2023.";
        check(
            text,
            DOC,
            &[
                ("٦ ديسمبر/كانون الأول", D(Some("2024-12-06"), None)),
                ("٢١٫٣ مليار دولار أمريكي", M(21.3e9, 21.3e9, Some("USD"))),
                ("٪١٢٫٥", P(12.5)),
                ("العام الماضي", D(Some("2023"), None)),
                ("US$5bn", M(5e9, 5e9, Some("USD"))),
                ("2023", D(Some("2023"), None)),
            ],
        )
    }

    #[test]
    fn bidi_marks_stay_outside_spans() {
        let text = "بنسبة \u{200f}٥٠\u{200f}٪\u{200f} تقريبا";
        let found = find(text, None);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], "٥٠\u{200f}٪");
    }

    #[test]
    fn output_is_sorted_and_disjoint() {
        let text = "On Monday, December 2, 2024, officials said $12-17 billion (50%) would be \
                    spent by 2030, up from last year; في 6 ديسمبر 2024 بلغت 5 ملايين يورو.";
        let found = find(text, DOC);
        assert!(found.len() >= 7, "{found:#?}");
        for w in found.windows(2) {
            assert!(w[0].end <= w[1].start, "{found:#?}");
        }
    }

    #[test]
    fn calendar_arithmetic() {
        for days in [-800_000, -1, 0, 1, 19_999, 20_064, 400_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(weekday(days_from_civil(2024, 12, 7)), 5); // Saturday
        assert_eq!(fmt_days(days_from_civil(2024, 3, 1) - 1), "2024-02-29");
        assert!(DocDate::parse("2024-02-30").is_some_and(|d| d.d.is_none()));
        assert!(DocDate::parse("yesterday").is_none());
    }
}
