//! Page metadata: title, publication date, author, site, canonical URL, language hint.
//!
//! Each field is taken from the most explicit source a page offers, in this order:
//!
//! | field | sources, first found wins |
//! |---|---|
//! | `title` | `og:title`, `<title>`, JSON-LD `headline`, the first `<h1>` (site suffixes such as ` \| Site` removed) |
//! | `pub_date` | JSON-LD `datePublished`, `article:published_time` and kin, `<time datetime>`, the URL path (`/2024/03/05/`), a dateline at the start of the text |
//! | `author` | JSON-LD `author`, `<meta name=author>`, `article:author`, `itemprop=author` |
//! | `site` | `og:site_name`, JSON-LD `publisher`, `application-name`, the URL's host |
//! | `canonical_url` | `<link rel=canonical>`, `og:url` (made absolute against the page URL) |
//! | `lang_hint` | `<html lang>`, `content-language`, `og:locale`, JSON-LD `inLanguage` |
//!
//! Dates are ISO 8601: `2024-03-05`, or `2024-03-05T10:00:00+01:00` when the page gives a
//! time, or `2024-03` when only the month is known (a URL path).

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::dom::{normalise_ws, Dom};

/// What [`metadata`] found; `None` where the page says nothing.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub pub_date: Option<String>,
    pub author: Option<String>,
    pub site: Option<String>,
    pub canonical_url: Option<String>,
    pub lang_hint: Option<String>,
}

/// JSON-LD facts of the page's article (or, failing that, of any item).
#[derive(Default)]
struct LdFacts {
    headline: Option<String>,
    date: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    lang: Option<String>,
}

/// Reads the metadata of a parsed page. `url` is where the page came from, if known;
/// `text` is its extracted text, searched for a dateline when nothing else gives a date.
///
/// ```
/// use newsframe::ingest::{dom::Dom, meta::metadata};
/// let html = r#"<html lang="en"><head><title>Talks end - The Daily</title>
///   <meta property="og:site_name" content="The Daily">
///   <meta property="article:published_time" content="2024-03-05T10:00:00Z"></head></html>"#;
/// let m = metadata(&Dom::parse(html), Some("https://daily.example/world/talks"), "");
/// assert_eq!(m.title.as_deref(), Some("Talks end"));
/// assert_eq!(m.pub_date.as_deref(), Some("2024-03-05T10:00:00Z"));
/// assert_eq!(m.site.as_deref(), Some("The Daily"));
/// assert_eq!(m.lang_hint.as_deref(), Some("en"));
/// ```
pub fn metadata(dom: &Dom<'_>, url: Option<&str>, text: &str) -> Meta {
    let f = &dom.facts;
    let meta = |keys: &[&str]| -> Option<&str> {
        keys.iter().find_map(|k| f.metas.iter().find(|(mk, _)| mk == k).map(|(_, v)| v.as_str()))
    };
    let ld = jsonld(&f.jsonld);
    let site = meta(&["og:site_name"])
        .map(normalise_ws)
        .or_else(|| ld.publisher.clone())
        .or_else(|| meta(&["application-name"]).map(normalise_ws))
        .or_else(|| url.and_then(host).map(|h| h.trim_start_matches("www.").to_string()));

    let title = meta(&["og:title", "twitter:title"])
        .map(|t| strip_site(&normalise_ws(t), site.as_deref()))
        .or_else(|| f.title.as_deref().map(|t| strip_site(t, site.as_deref())))
        .or_else(|| ld.headline.clone())
        .or_else(|| first_h1(dom))
        .filter(|t| !t.is_empty());

    let canonical_url = f
        .canonical
        .as_deref()
        .or_else(|| meta(&["og:url"]))
        .and_then(|c| absolute(c, url));

    let page_url = url.or(canonical_url.as_deref());
    let marked_time = f.times.iter().find(|(_, m)| *m).or(f.times.first()).map(|(t, _)| t.as_str());
    let pub_date = ld
        .date
        .as_deref()
        .and_then(iso_date)
        .or_else(|| {
            meta(&[
                "article:published_time",
                "og:published_time",
                "article:published",
                "datepublished",
                "published_time",
                "publishdate",
                "publish-date",
                "pubdate",
                "date",
                "dc.date.issued",
                "dc.date",
                "dcterms.date",
                "sailthru.date",
                "parsely-pub-date",
                "article.published",
                "cxenseparse:recs:publishtime",
            ])
            .and_then(iso_date)
        })
        .or_else(|| marked_time.and_then(iso_date))
        .or_else(|| page_url.and_then(url_date))
        .or_else(|| dateline(text));

    let author = ld
        .author
        .clone()
        .or_else(|| {
            meta(&["author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl"])
                .filter(|a| !a.starts_with("http"))
                .map(|a| normalise_ws(a.trim_start_matches("By ").trim_start_matches("by ")))
        })
        .filter(|a| !a.is_empty());

    let lang_hint = f
        .lang
        .clone()
        .or_else(|| meta(&["content-language", "og:locale", "language", "dc.language"]).map(str::to_string))
        .or(ld.lang)
        .map(|l| l.trim().replace('_', "-"))
        .filter(|l| !l.is_empty() && l.len() <= 35);

    Meta { title, pub_date, author, site, canonical_url, lang_hint }
}

fn first_h1(dom: &Dom<'_>) -> Option<String> {
    let h1 = dom.find("h1")?;
    let mut out = String::new();
    let mut stack = vec![h1];
    while let Some(id) = stack.pop() {
        let n = &dom.nodes[id as usize];
        if n.is_text() {
            out.push_str(dom.text_of(id));
            out.push(' ');
        } else if !matches!(&*n.name, "script" | "style") {
            stack.extend(n.children.iter().rev());
        }
    }
    let t = normalise_ws(&html_escape::decode_html_entities(&out));
    (!t.is_empty()).then_some(t)
}

/// Removes a site name from the end (`Title | Site`) or start (`Site - Title`) of a title.
fn strip_site(title: &str, site: Option<&str>) -> String {
    const SEPS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " / ", " : "];
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    for sep in SEPS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let (t, s) = (tail.trim().to_lowercase(), site.unwrap_or("").trim().to_lowercase());
            let is_site = !s.is_empty() && (t.contains(&s) || s.contains(&t));
            // A short last part after a separator is the usual shape of a suffix
            // ("… - BBC News"), named or not.
            let short = *sep != " : " && tail.chars().count() <= 30 && head.chars().count() > tail.chars().count();
            if is_site || short {
                return head.trim().to_string();
            }
        }
        if let (Some((head, tail)), Some(s)) = (title.split_once(sep), site) {
            if same(head, s) {
                return tail.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

fn jsonld(scripts: &[String]) -> LdFacts {
    let mut items: Vec<Value> = Vec::new();
    for s in scripts {
        let s = s.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
        match serde_json::from_str::<Value>(s) {
            Ok(v) => flatten(v, &mut items),
            Err(_) => {
                // Broken JSON is common (trailing commas, raw newlines); the date still counts.
                static DATE: LazyLock<Regex> =
                    LazyLock::new(|| Regex::new(r#""datePublished"\s*:\s*"([^"]+)""#).unwrap());
                if let Some(c) = DATE.captures(s) {
                    items.push(serde_json::json!({"@type": "Article", "datePublished": c[1].to_string()}));
                }
            }
        }
    }
    let is_article = |v: &Value| {
        let t = match v.get("@type") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" "),
            _ => String::new(),
        };
        t.contains("Article") || t.contains("Posting") || t.contains("Report") || t.contains("NewsArticle")
    };
    let mut order: Vec<&Value> = items.iter().filter(|v| is_article(v)).collect();
    order.extend(items.iter().filter(|v| !is_article(v)));
    let mut out = LdFacts::default();
    for v in order {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(normalise_ws).filter(|s| !s.is_empty());
        if out.headline.is_none() && is_article(v) {
            out.headline = s("headline");
        }
        if out.date.is_none() {
            out.date = s("datePublished").or_else(|| if is_article(v) { s("dateCreated") } else { None });
        }
        if out.author.is_none() {
            out.author = v.get("author").and_then(names);
        }
        if out.publisher.is_none() {
            out.publisher = v.get("publisher").and_then(names);
        }
        if out.lang.is_none() {
            out.lang = s("inLanguage");
        }
    }
    out
}

fn flatten(v: Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(a) => a.into_iter().for_each(|v| flatten(v, out)),
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                flatten(g, out);
            }
            out.push(Value::Object(o));
        }
        _ => {}
    }
}

/// A person or organisation field: a string, an object with `name`, or a list of them.
fn names(v: &Value) -> Option<String> {
    let list: Vec<String> = match v {
        Value::String(s) => vec![normalise_ws(s)],
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(normalise_ws).into_iter().collect(),
        Value::Array(a) => a.iter().filter_map(names).collect(),
        _ => Vec::new(),
    };
    let list: Vec<String> = list.into_iter().filter(|s| !s.is_empty() && !s.starts_with("http")).collect();
    (!list.is_empty()).then(|| list.join(", "))
}

fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// `href` made absolute against `base`; `None` when that is impossible.
fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..host_end]);
    if let Some(h) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{h}"));
    }
    if href.starts_with('/') {
        return Some(format!("{origin}{href}"));
    }
    let path = &rest[host_end..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    Some(format!("{origin}{dir}/{href}"))
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11),
    ("december", 12), ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7),
    ("aug", 8), ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
];

fn month(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == n).map(|&(_, v)| v)
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    let days = [31, if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    ((1900..=2100).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days[m as usize - 1])
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A date as the page wrote it, in ISO 8601; `None` when it is not a recognisable date.
///
/// ```
/// use newsframe::ingest::meta::iso_date;
/// assert_eq!(iso_date("2024-03-05T10:00:00+01:00").as_deref(), Some("2024-03-05T10:00:00+01:00"));
/// assert_eq!(iso_date("2024-03-05 10:00").as_deref(), Some("2024-03-05T10:00"));
/// assert_eq!(iso_date("March 5, 2024").as_deref(), Some("2024-03-05"));
/// assert_eq!(iso_date("Tue, 05 Mar 2024 10:00:00 GMT").as_deref(), Some("2024-03-05"));
/// assert_eq!(iso_date("05.03.2024").as_deref(), Some("2024-03-05"));
/// assert_eq!(iso_date("yesterday"), None);
/// ```
pub fn iso_date(s: &str) -> Option<String> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?").unwrap()
    });
    static NUM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b|^(\d{4})(\d{2})(\d{2})(?:\D|$)|^(\d{1,2})\.(\d{1,2})\.(\d{4})\b").unwrap());
    static WORDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]{3,9})\.?,?\s+(\d{4}))\b").unwrap()
    });
    let s = s.trim();
    if let Some(c) = ISO.captures(s) {
        let date = ymd(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
        return Some(match (c.get(4), c.get(5)) {
            (Some(t), Some(z)) => format!("{date}T{}{}", t.as_str(), z.as_str()),
            (Some(t), None) => format!("{date}T{}", t.as_str()),
            _ => date,
        });
    }
    if let Some(c) = NUM.captures(s) {
        let g = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        return if let Some(y) = g(1) {
            ymd(y, g(2)?, g(3)?)
        } else if let Some(y) = g(4) {
            ymd(y, g(5)?, g(6)?)
        } else {
            ymd(g(9)?, g(8)?, g(7)?)
        };
    }
    let c = WORDS.captures(s)?;
    if let Some(m) = c.get(1) {
        ymd(c[3].parse().ok()?, month(m.as_str())?, c[2].parse().ok()?)
    } else {
        ymd(c[6].parse().ok()?, month(&c[5])?, c[4].parse().ok()?)
    }
}

/// The date in a URL path: `/2024/03/05/`, `/2024-03-05-`, `/20240305/`, or `/2024/03/`
/// (month only).
fn url_date(url: &str) -> Option<String> {
    static FULL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_.-]|$)|/((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)").unwrap()
    });
    static MONTH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"/((?:19|20)\d{2})/(\d{1,2})/").unwrap());
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = &path[path.find('/').unwrap_or(path.len())..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    if let Some(c) = FULL.captures(path) {
        let g = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let d = match g(1) {
            Some(y) => ymd(y, g(2)?, g(3)?),
            None => ymd(g(4)?, g(5)?, g(6)?),
        };
        if d.is_some() {
            return d;
        }
    }
    let c = MONTH.captures(path)?;
    let (y, m): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
    ymd(y, m, 1).map(|_| format!("{y:04}-{m:02}"))
}

/// A dateline: a date on one of the first lines of the text ("WASHINGTON, March 5, 2024 —").
fn dateline(text: &str) -> Option<String> {
    static NEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\.?\s+[a-z]{3,9}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})\b").unwrap()
    });
    let head: String = text.lines().filter(|l| !l.trim().is_empty()).take(2).collect::<Vec<_>>().join("\n");
    let head = match head.char_indices().nth(200) {
        Some((i, _)) => &head[..i],
        None => &head,
    };
    NEAR.find_iter(head).find_map(|m| iso_date(m.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str, url: Option<&str>) -> Meta {
        metadata(&Dom::parse(html), url, "")
    }

    #[test]
    fn meta_from_jsonld_wins() {
        let html = r#"<head><title>Page - Site</title>
          <meta property="article:published_time" content="2020-01-01">
          <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Site"},
            {"@type":"NewsArticle","headline":"Real headline","datePublished":"2024-05-06T07:08:09Z",
             "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chan"}],
             "publisher":{"@type":"Organization","name":"The Site"}}]}</script></head>"#;
        let m = meta(html, None);
        assert_eq!(m.pub_date.as_deref(), Some("2024-05-06T07:08:09Z"));
        assert_eq!(m.author.as_deref(), Some("Ann Lee, Bo Chan"));
        assert_eq!(m.site.as_deref(), Some("The Site"));
        assert_eq!(m.title.as_deref(), Some("Page"));
    }

    #[test]
    fn meta_from_og_and_meta_tags() {
        let html = r#"<html lang="ar"><head><meta property="og:title" content="Og headline | Paper">
          <meta property="og:site_name" content="Paper"><meta name="author" content="By Sam Roe">
          <meta property="og:url" content="/world/story"><meta name="date" content="2023/11/02"></head>"#;
        let m = meta(html, Some("https://paper.example/x?y=1"));
        assert_eq!(m.title.as_deref(), Some("Og headline"));
        assert_eq!(m.site.as_deref(), Some("Paper"));
        assert_eq!(m.author.as_deref(), Some("Sam Roe"));
        assert_eq!(m.canonical_url.as_deref(), Some("https://paper.example/world/story"));
        assert_eq!(m.pub_date.as_deref(), Some("2023-11-02"));
        assert_eq!(m.lang_hint.as_deref(), Some("ar"));
    }

    #[test]
    fn meta_time_url_h1_and_dateline() {
        let m = meta("<body><h1>Only <b>heading</b></h1><time datetime='2022-02-03T04:05'>x</time></body>", None);
        assert_eq!(m.title.as_deref(), Some("Only heading"));
        assert_eq!(m.pub_date.as_deref(), Some("2022-02-03T04:05"));
        let m = meta("<p>x</p>", Some("https://n.example/2021/07/09/story-slug"));
        assert_eq!(m.pub_date.as_deref(), Some("2021-07-09"));
        assert_eq!(m.site.as_deref(), Some("n.example"));
        assert_eq!(meta("<p>x</p>", Some("https://n.example/news/2021/07/story")).pub_date.as_deref(), Some("2021-07"));
        assert_eq!(meta("<p>x</p>", Some("https://n.example/a/20190228-b")).pub_date.as_deref(), Some("2019-02-28"));
        assert_eq!(meta("<p>x</p>", Some("https://n.example/a/2019/02/31/b")).pub_date.as_deref(), Some("2019-02"));
        let m = metadata(&Dom::parse("<p>x</p>"), None, "ALGIERS, 5 March 2024 (Reuters) - Talks ended.");
        assert_eq!(m.pub_date.as_deref(), Some("2024-03-05"));
        assert_eq!(meta("<p>x</p>", None), Meta::default());
    }

    #[test]
    fn strip_site_cases() {
        let cases = [
            ("Talks end | The Daily", Some("The Daily"), "Talks end"),
            ("The Daily - Talks end", Some("The Daily"), "Talks end"),
            ("Talks end - BBC News", None, "Talks end"),
            ("Talks: what comes next", None, "Talks: what comes next"),
            ("A - B", None, "A - B"),
        ];
        for (t, site, want) in cases {
            assert_eq!(strip_site(t, site), want, "{t}");
        }
    }
}
