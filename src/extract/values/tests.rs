//! The value patterns, row by row.

mod newswire;

use super::calendar::*;
use super::*;

/// The expected value of one mention.
#[derive(Debug)]
enum V {
    /// amount_min, amount_max, currency
    M(f64, f64, Option<&'static str>),
    /// percent
    P(f64),
    /// a percent range: low, high
    PR(f64, f64),
    /// date, date_end
    D(Option<&'static str>, Option<&'static str>),
    /// a value with its qualifier ("more than"); every other row expects none
    Q(&'static str, &'static V),
}
use V::{D, M, P, PR, Q};

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
    ("over $3 billion in aid", None, &[("$3 billion", Q("over", &M(3e9, 3e9, Some("USD"))))]),
    ("It costs €5bn.", None, &[("€5bn", M(5e9, 5e9, Some("EUR")))]),
    ("It costs £2.5m.", None, &[("£2.5m", M(2.5e6, 2.5e6, Some("GBP")))]),
    ("more than 3 billion dollars", None, &[("3 billion dollars", Q("more than", &M(3e9, 3e9, Some("USD"))))]),
    ("a fund of USD 40 million", None, &[("USD 40 million", M(40e6, 40e6, Some("USD")))]),
    ("about 50 million euros", None, &[("50 million euros", Q("about", &M(50e6, 50e6, Some("EUR"))))]),
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
    ("أكثر من 180 مليون دولار", None, &[("180 مليون دولار", Q("أكثر من", &M(180e6, 180e6, Some("USD"))))]),
    ("نحو 5 ملايين يورو", None, &[("5 ملايين يورو", Q("نحو", &M(5e6, 5e6, Some("EUR"))))]),
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
    ("more than 12.5 per cent", None, &[("12.5 per cent", Q("more than", &P(12.5)))]),
    ("بنسبة ٪٥٠", None, &[("٪٥٠", P(50.0))]),
    ("بنسبة 50٪ و٥٠٪", None, &[("50٪", P(50.0)), ("٥٠٪", P(50.0))]),
    ("50 في المائة و30 بالمئة", None, &[("50 في المائة", P(50.0)), ("30 بالمئة", P(30.0))]),
    ("20 في المئة و10 بالمائة", None, &[("20 في المئة", P(20.0)), ("10 بالمائة", P(10.0))]),
    ("نحو ٢٥٫٥ في المائة", None, &[("٢٥٫٥ في المائة", Q("نحو", &P(25.5)))]),
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
    // "May" joined to another month is one too; a person or a verb is not.
    ("an auction in April or May.", None, &[("April", D(None, None)), ("May", D(None, None))]),
    ("May and June were dry", None, &[("May", D(None, None)), ("June", D(None, None))]),
    ("spread long May/short September", None, &[("May", D(None, None)), ("September", D(None, None))]),
    ("Theresa May and Boris Johnson", None, &[]),
    ("Prices may or may not rise", None, &[]),
    // Dated from the story's own time: no value.
    ("He left the next day.", DOC, &[("the next day", D(None, None))]),
    ("The following year he returned", DOC, &[("The following year", D(None, None))]),
    ("talks resumed on the same day", DOC, &[("the same day", D(None, None))]),
    ("next day delivery", DOC, &[]),
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
    // wire tables date columns with two-digit years; only slashes, which scores and
    // formations ("4-4-2") do not use
    ("stocks at 31/03/87 and 03/09/87", None, &[
        ("31/03/87", D(Some("1987-03-31"), None)),
        ("03/09/87", D(None, None)),
    ]),
    ("a 4-4-21 formation and version 1.5.10", None, &[]),
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
    ("خلال شهر رمضان وقبل عيد الفطر، وفي رمضان", None, &[("شهر رمضان", D(None, None)), ("عيد الفطر", D(None, None)), ("رمضان", D(None, None))]),
    ("قال رمضان عبد الله", None, &[]),
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
    ("the board was still meeting at 1700 EDT", DOC, &[]),
    ("He scored 2019 points", DOC, &[]),
    ("call 020-2024-1234", DOC, &[]),
    ("see a%20b", DOC, &[]),
    ("In March 2 million people voted", DOC, &[("March", D(Some("2024-03"), None))]),
    ("the March jobs data", DOC, &[("March", D(Some("2024-03"), None))]),
    ("compared with February's gain", DOC, &[("February", D(Some("2024-02"), None))]),
    ("June said she would stay", DOC, &[]),
    ("the May contract fell", DOC, &[("May", D(Some("2024-05"), None))]),
    ("the G-7's June summit", DOC, &[("June", D(Some("2024-06"), None))]),
    // Comparisons and period ends date a bare month; only "end" does for May, since "voted
    // for May" and "talks with May" name the person.
    ("output rose compared with January", DOC, &[("January", D(Some("2024-01"), None))]),
    ("data for March and at end February", DOC, &[
        ("March", D(Some("2024-03"), None)),
        ("February", D(Some("2024-02"), None)),
    ]),
    ("deliveries from end May", DOC, &[("May", D(Some("2024-05"), None))]),
    ("Conservatives voted for May and talks with May went on", DOC, &[]),
    ("for June delivery", DOC, &[("June", D(Some("2024-06"), None))]),
    ("when May arrives in Brussels", DOC, &[]),
    ("Theresa May's government", DOC, &[]),
    ("a March of Dimes drive", DOC, &[]),
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
        let (qualifier, v) = match v {
            Q(q, v) => (Some(*q), *v),
            v => (None, v),
        };
        let ok = x.qualifier.as_deref() == qualifier && match *v {
            M(lo, hi, cur) => {
                m.label == Label::Money
                    && close(x.amount_min, lo)
                    && close(x.amount_max, hi)
                    && x.currency.as_deref() == cur
                    && x.percent.is_none()
                    && x.date.is_none()
            }
            P(p) => m.label == Label::Percent && close(x.percent, p) && x.amount_min.is_none(),
            PR(lo, hi) => {
                m.label == Label::Percent
                    && close(x.percent, lo)
                    && close(x.amount_min, lo)
                    && close(x.amount_max, hi)
            }
            Q(..) => false,
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

fn all_cases() -> impl Iterator<Item = &'static Case> {
    CASES.iter().chain(newswire::CASES).chain(newswire::DATES)
}

#[test]
fn table() {
    let failures: Vec<String> =
        all_cases().filter_map(|(text, doc, expected)| check(text, *doc, expected).err()).collect();
    let n = all_cases().count();
    assert!(failures.is_empty(), "{} of {n} rows failed:\n{}", failures.len(), failures.join("\n\n"));
}

/// The same rows in non-ASCII text, where rules with Unicode word boundaries run only in
/// windows around their anchors: the windows must find what the whole text gives.
#[test]
fn table_in_non_ascii_text() {
    let failures: Vec<String> = all_cases()
        .filter_map(|(text, doc, expected)| {
            // On a line of its own, so that a headline row stays a line in capitals.
            let padded: &'static str = Box::leak(format!("{text}\n\u{201c}ok\u{201d}").into_boxed_str());
            check(padded, *doc, expected).err()
        })
        .collect();
    assert!(failures.is_empty(), "{} rows failed:\n{}", failures.len(), failures.join("\n\n"));
}

/// The one literal pass says a rule's gates can match wherever a gate does match: on the
/// table's rows, on each gate match alone, and on that match inside other text. Most gates
/// have a literal set (only the ISO-code-before-a-number gate is searched by regex).
#[test]
fn gate_literals_find_every_gate_match() {
    let lits = literals();
    let open: usize = lits.open.iter().map(Vec::len).sum();
    assert!(open <= 2, "gates without literals: {:?}", lits.open);
    let mut texts: Vec<String> = all_cases().map(|(t, _, _)| Normalised::new(t).text.into_owned()).collect();
    for (i, r) in rules().iter().enumerate() {
        for t in texts.clone() {
            for g in &r.gates {
                for (a, z) in g.find_iter(&t) {
                    texts.push(t[a..z].to_string());
                    texts.push(format!("x{}y", &t[a..z]));
                }
            }
        }
        for t in &texts {
            let matched = r.gates.iter().any(|g| g.is_match(t));
            let said = lits.hits(t, u64::MAX) >> i & 1 == 1 || lits.open[i].iter().any(|&g| r.gates[g].is_match(t));
            assert!(!matched || said, "rule {i}: a gate matches {t:?}, the literals say not");
        }
    }
    // A text without a digit or any gate literal skips every rule.
    assert_eq!(lits.hits("plain words only", u64::MAX), 0);
    eprintln!("gate literals: {} patterns, automaton {} bytes", lits.rule_of.len(), aho_corasick::automaton::Automaton::memory_usage(&lits.ac));
}

/// Every match a rule keeps contains its anchor, or the anchor would hide it.
#[test]
fn anchors_cover_their_rules() {
    for (i, r) in rules().iter().enumerate() {
        if r.gates.is_empty() {
            continue;
        }
        for (text, doc, _) in all_cases() {
            let norm = Normalised::new(text);
            let ctx = Ctx { text: &norm.text, doc: doc.and_then(DocDate::parse) };
            let mut locs = r.re.create_captures();
            for (found, _) in r.re.find_iter(&norm.text) {
                r.re.captures_at(&mut locs, &norm.text, found).expect("the match found");
                let caps = Captures { text: &norm.text, locs: &locs, names: &r.names };
                let m = caps.get(0).unwrap().as_str();
                if (r.handle)(&ctx, &caps).is_some() {
                    assert!(r.gates.iter().any(|g| g.is_match(m)), "rule {i}: {m:?} in {text:?} has no anchor");
                }
            }
        }
    }
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

/// Writes every value pattern and anchor, one per line, to the file named by
/// `NF_DUMP_PATTERNS` (for benchmarking the patterns outside the crate); a no-op without it.
#[test]
fn dump_patterns() {
    let Ok(path) = std::env::var("NF_DUMP_PATTERNS") else { return };
    let mut out = String::new();
    for r in rules() {
        out.push_str(r.re.as_str());
        out.push('\n');
        for g in &r.gates {
            out.push_str(g.as_str());
            out.push('\n');
        }
    }
    std::fs::write(path, out).unwrap();
}

/// `Normalised::new` borrows ASCII text without testing its characters: that holds only as
/// long as every ASCII character is its own normal form.
#[test]
fn ascii_text_is_its_own_normal_form() {
    for b in 0u8..128 {
        assert_eq!(normalise_char(b as char), Some(b as char), "{b:#x}");
    }
    let text = "Prices rose 5% to $3.5 billion on Jan. 3, 1996.";
    assert!(matches!(Normalised::new(text).text, Cow::Borrowed(_)));
    assert_eq!(Normalised::new("٥٠٪").text, "50%");
}

/// One search per rule for several document dates finds, for each date, what a search of
/// its own finds: the contexts' positions part where a handler's answer depends on the date
/// ("Monday", "next year") and meet again after.
#[test]
fn several_document_dates_find_what_each_finds_alone() {
    let dates = [
        [Some("2000-01-15"), Some("2001-07-15")],
        [None, Some("2024-12-07")],
        [Some("1996-08-22"), None],
    ];
    let mut texts: Vec<String> = all_cases().map(|(t, _, _)| t.to_string()).collect();
    // Whole paragraphs, where contexts may part and meet several times in one text.
    texts.push(all_cases().map(|(t, _, _)| *t).collect::<Vec<_>>().join(" "));
    texts.push(all_cases().map(|(t, _, _)| *t).collect::<Vec<_>>().join("\n"));
    let mut differ = 0;
    for text in &texts {
        for [a, b] in dates {
            let [got_a, got_b] = find_each(text, [a, b]);
            let (want_a, want_b) = (find(text, a), find(text, b));
            differ += usize::from(want_a != want_b);
            assert_eq!(got_a, want_a, "{text:?} {a:?}");
            assert_eq!(got_b, want_b, "{text:?} {b:?}");
        }
    }
    // The dates matter in some texts, or the test shows nothing.
    assert!(differ > 10, "{differ}");
}

/// `needs_normalising` decodes only characters with a few lead bytes: every character that
/// `normalise_char` changes must have one of them.
#[test]
fn the_lead_byte_test_finds_every_character_to_normalise() {
    let mut changed = 0;
    for c in (0x80u32..0x11000).filter_map(char::from_u32) {
        let want = normalise_char(c) != Some(c);
        changed += usize::from(want);
        for text in [format!("{c}"), format!("a “{c}” b"), format!("x{c}")] {
            assert_eq!(needs_normalising(&text), want, "{:#x} in {text:?}", c as u32);
        }
    }
    assert!(changed > 30, "{changed}");
    assert!(!needs_normalising("“curly” quotes — and a dash"));
}

/// The rules whose search starts at the next digit: those of bare years, year ranges and
/// numeric dates, and none whose match may begin with a letter, a sign or an Arabic
/// proclitic.
#[test]
fn digit_first_rules_begin_with_a_digit() {
    let first: Vec<&str> = rules().iter().filter(|r| r.digit_first).map(|r| r.re.as_str()).collect();
    for must in ["(?P<y>[0-9]{4})(?P<s>s)?", "(?P<y1>[0-9]{4})", "(?P<a>[0-9]{1,4})(?P<s1>[-/.])"] {
        assert!(first.iter().any(|p| p.contains(must)), "{must}: {first:?}");
    }
    assert!(digit_first(r"(?-u:\b)[0-9]{2}x"));
    for never in [r"(?:\$|[0-9])[0-9]", r"(?i:between)\s+[0-9]", r"[0-9]*x", r"(?:\b[وفبلك]{1,2}ـ?|\b)[0-9]"] {
        assert!(!digit_first(never), "{never}");
    }
}

/// The gate literals found by walking the DFA are those an overlapping search reports:
/// literals inside others ("year" in "years"), at the start and the end of the text,
/// next to non-ASCII text, and with every subset of rules wanted.
#[test]
fn literal_hits_are_the_overlapping_search() {
    let lits = literals();
    let reference = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::Standard)
        .build(&lits.pats)
        .unwrap();
    let mut texts: Vec<&str> = all_cases().map(|(t, _, _)| *t).collect();
    texts.extend(["years", "Between 5% and 6 percent", "“December”", "", "mid-year 1996 fiscal", "weekend"]);
    for text in texts {
        for want in [u64::MAX, lits.english, 1 << 12, 0b1011 << 20] {
            let want_all = want & lits.all;
            let mut expect = if want_all & lits.digit != 0 && text.bytes().any(|b| b.is_ascii_digit()) { lits.digit } else { 0 };
            if expect & want_all != want_all {
                for m in reference.find_overlapping_iter(text) {
                    expect |= 1 << lits.rule_of[m.pattern().as_usize()];
                    if expect & want_all == want_all {
                        break;
                    }
                }
            }
            // Only the wanted rules are read (a search may stop with others half seen).
            assert_eq!(lits.hits(text, want) & want_all, expect & want_all, "{text:?} wanting {want:#x}");
        }
    }
}

/// A rule's pattern finds what `regex::Regex` finds, group by group, through its one
/// cache shared by two threads that search at the same time (in opposite orders).
#[test]
fn shared_cache_patterns_match_as_regex_does() {
    let texts: Vec<String> = all_cases().map(|(t, _, _)| Normalised::new(t).text.into_owned()).collect();
    let check = |reverse: bool| {
        let mut searches = 0;
        let mut order: Vec<&String> = texts.iter().collect();
        if reverse {
            order.reverse();
        }
        for r in rules() {
            let plain = regex::Regex::new(r.re.as_str()).unwrap();
            let mut want = plain.capture_locations();
            let mut got = r.re.create_captures();
            for t in &order {
                for at in (0..=t.len()).filter(|&i| t.is_char_boundary(i)).step_by(11) {
                    let expected = plain.captures_read_at(&mut want, t, at).map(|m| (m.start(), m.end()));
                    assert_eq!(r.re.captures_at(&mut got, t, at), expected, "{:?} at {at} of {t:?}", r.re.as_str());
                    for i in 0..want.len() {
                        assert_eq!(got.get_group(i).map(|s| (s.start, s.end)), want.get(i));
                    }
                    searches += 1;
                }
            }
            for g in &r.gates {
                let plain = regex::Regex::new(g.as_str()).unwrap();
                for t in &order {
                    assert_eq!(g.is_match(t), plain.is_match(t));
                    assert!(g.find_iter(t).eq(plain.find_iter(t).map(|m| (m.start(), m.end()))));
                }
            }
        }
        searches
    };
    let searches = std::thread::scope(|s| {
        let other = s.spawn(|| check(true));
        check(false) + other.join().unwrap()
    });
    assert!(searches > 10_000, "{searches}");
}
