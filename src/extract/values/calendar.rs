//! Calendar arithmetic and the resolution of relative dates against the document date.

use super::Value;

/// Folds the alef variants (أ إ آ → ا), which news spells inconsistently.
pub(super) fn fold_hamza(s: &str) -> String {
    s.chars().map(|c| if matches!(c, 'أ' | 'إ' | 'آ') { 'ا' } else { c }).collect()
}

/// The document date, as precise as it was given.
#[derive(Debug, Clone, Copy)]
pub(super) struct DocDate {
    pub(super) y: i32,
    pub(super) m: Option<u32>,
    pub(super) d: Option<u32>,
}

impl DocDate {
    pub(super) fn parse(s: &str) -> Option<DocDate> {
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

    pub(super) fn day_number(&self) -> Option<i64> {
        Some(days_from_civil(self.y, self.m?, self.d?))
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Step {
    Prev,
    This,
    Next,
}

impl Step {
    pub(super) fn offset(self) -> i64 {
        match self {
            Step::Prev => -1,
            Step::This => 0,
            Step::Next => 1,
        }
    }
}

pub(super) fn step_of(word: &str) -> Option<Step> {
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
pub(super) enum Unit {
    Day,
    Week,
    /// Saturday and Sunday of a week.
    Weekend,
    Month,
    Year,
    Decade,
    Century,
}

impl Unit {
    pub(super) fn parse(s: &str) -> Option<Unit> {
        Some(match fold_hamza(&s.to_lowercase()).as_str() {
            "day" => Unit::Day,
            "week" | "الاسبوع" => Unit::Week,
            "month" | "الشهر" => Unit::Month,
            "year" | "العام" | "السنة" => Unit::Year,
            "decade" | "العقد" => Unit::Decade,
            "weekend" => Unit::Weekend,
            "century" => Unit::Century,
            _ => return None,
        })
    }
}

/// The date `n` units from the document date. Weeks run Monday to Sunday and are given as
/// a range; "next decade" is the ten years after the document's year.
pub(super) fn relative_value(doc: Option<DocDate>, unit: Unit, n: i64) -> Value {
    let Some(doc) = doc else { return Value::default() };
    let (date, end) = match unit {
        Unit::Day => match doc.day_number() {
            Some(day) => (Some(fmt_days(day + n)), None),
            None => (None, None),
        },
        Unit::Week | Unit::Weekend => match doc.day_number() {
            Some(day) => {
                let monday = day - i64::from(weekday(day)) + 7 * n;
                match unit {
                    Unit::Week => (Some(fmt_days(monday)), Some(fmt_days(monday + 6))),
                    _ => (Some(fmt_days(monday + 5)), Some(fmt_days(monday + 6))),
                }
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
        Unit::Century => {
            let (a, b) = century_years((doc.y - 1).div_euclid(100) + 1 + n as i32);
            (Some(fmt_y(a)), Some(fmt_y(b)))
        }
    };
    date_value(date, end)
}

/// The first and last years of the `n`th century (1901 to 2000 for the 20th).
pub(super) fn century_years(n: i32) -> (i32, i32) {
    ((n - 1) * 100 + 1, n * 100)
}

/// The months `m1` of `y1` to `m2` of `y2` as a range ("2024-01" to "2024-03"); `m2` may be
/// above 12 or `m1` below 1, rolling into the next or previous years.
pub(super) fn month_range(y: i32, m1: i32, m2: i32) -> Value {
    let ym = |m: i32| {
        let t = y * 12 + m - 1;
        fmt_ym(t.div_euclid(12), t.rem_euclid(12) as u32 + 1)
    };
    date_value(Some(ym(m1)), Some(ym(m2)))
}

/// Which year a month without one refers to: the document's, or for "last October" the
/// most recent October before the document's month, for "next November" the first after.
pub(super) fn month_year(doc: Option<DocDate>, month: u32, step: Option<Step>) -> Option<i32> {
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
pub(super) fn weekday_value(doc: Option<DocDate>, wd: u32, step: Option<Step>) -> Value {
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

pub(super) fn date_value(date: Option<String>, date_end: Option<String>) -> Value {
    Value { date, date_end, ..Value::default() }
}

pub(super) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub(super) fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(super) fn civil_from_days(z: i64) -> (i32, u32, u32) {
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
pub(super) fn weekday(days: i64) -> u32 {
    (days + 3).rem_euclid(7) as u32
}

pub(super) fn fmt_days(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    fmt_ymd(y, m, d)
}

pub(super) fn fmt_ymd(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

pub(super) fn fmt_ym(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

pub(super) fn fmt_y(y: i32) -> String {
    format!("{y:04}")
}

/// The year of a two-digit year as news writes it: `87` is 1987, `05` is 2005.
pub(super) fn two_digit_year(y: i32) -> i32 {
    if y < 50 {
        2000 + y
    } else {
        1900 + y
    }
}
