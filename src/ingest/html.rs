//! The visible text of an HTML page, and its `<title>`.
//!
//! This is the plain "visible text" view: every text node outside `script`, `style` and
//! friends, with block elements turned into line breaks so that the cleaner sees one
//! paragraph per line, as it does for text files. A tolerant hand-written scanner is enough
//! for that and costs no parser dependency; main-content extraction is a separate concern.

/// Elements whose content is never visible text.
/// (`head` is not among them: its `<title>` is wanted, and the rest of it holds no text.)
const HIDDEN: &[&str] = &["script", "style", "noscript", "template", "svg", "iframe", "object"];

/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th",
    "table", "section", "article", "header", "footer", "nav", "aside", "main", "blockquote",
    "pre", "hr", "figure", "figcaption", "dd", "dt", "dl", "form", "address", "title",
];

/// Text and title of an HTML page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    pub text: String,
}

/// Extracts the visible text (one block per line) and the `<title>` of `html`.
pub fn visible_text(html: &str) -> Page {
    let mut out = String::with_capacity(html.len() / 2);
    let mut title: Option<String> = None;
    let mut hidden: Option<String> = None; // the element whose content we are skipping
    let mut in_title = false;
    let mut title_buf = String::new();
    let mut rest = html;
    // Set once a tag scan ran to the end of the page inside a quoted attribute value: from
    // then on quotes are ignored. Without this, a page with many `<a "` and no closing
    // quote would rescan to its end from every `<`, quadratic in the page size.
    let mut unbalanced_quotes = false;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut out, &mut title_buf, rest, hidden.is_some(), in_title);
            break;
        };
        push_text(&mut out, &mut title_buf, &rest[..lt], hidden.is_some(), in_title);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |i| &rest[i + 3..]);
            continue;
        }
        let end = match tag_end(rest, !unbalanced_quotes) {
            TagEnd::Unquoted(gt) => Some(gt),
            TagEnd::OpenQuote => {
                unbalanced_quotes = true;
                match tag_end(rest, false) {
                    TagEnd::Unquoted(gt) => Some(gt),
                    _ => None,
                }
            }
            TagEnd::NotATag => None,
            TagEnd::NoGreater => {
                // No `>` anywhere after this point, so no tag either: the rest is text
                // (scanning on from every later `<` would be quadratic).
                push_text(&mut out, &mut title_buf, rest, hidden.is_some(), in_title);
                break;
            }
        };
        let Some(gt) = end else {
            // A lone '<' in text.
            push_text(&mut out, &mut title_buf, "<", hidden.is_some(), in_title);
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue; // <!DOCTYPE>, <?xml?>
        }
        if let Some(h) = &hidden {
            if closing && *h == name {
                hidden = None;
            }
            continue;
        }
        if name == "title" {
            if closing {
                in_title = false;
                if title.is_none() {
                    let t = normalise_ws(&title_buf);
                    if !t.is_empty() {
                        title = Some(t);
                    }
                }
            } else {
                in_title = true;
                title_buf.clear();
            }
            continue;
        }
        if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') {
            hidden = Some(name);
            continue;
        }
        if BLOCKS.contains(&name.as_str()) && !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
    }
    Page { title, text: out }
}

/// How the tag that may start at a `<` ends.
enum TagEnd {
    /// At this byte offset, the `>`.
    Unquoted(usize),
    /// The `<` does not start a tag (`a < b`).
    NotATag,
    /// The page ends inside a quoted attribute value.
    OpenQuote,
    /// The page ends without a `>`.
    NoGreater,
}

/// Finds the `>` that ends the tag at the start of `s`, skipping quoted attribute values
/// when `quotes` is set.
fn tag_end(s: &str, quotes: bool) -> TagEnd {
    let b = s.as_bytes();
    if b.len() < 2 || !(b[1].is_ascii_alphabetic() || matches!(b[1], b'/' | b'!' | b'?')) {
        return TagEnd::NotATag;
    }
    if !quotes {
        return s.find('>').map_or(TagEnd::NoGreater, TagEnd::Unquoted);
    }
    let mut quote = 0u8;
    for (i, &c) in b.iter().enumerate().skip(1) {
        match (quote, c) {
            (0, b'"' | b'\'') => quote = c,
            (0, b'>') => return TagEnd::Unquoted(i),
            (q, c) if q == c => quote = 0,
            _ => {}
        }
    }
    if quote == 0 { TagEnd::NoGreater } else { TagEnd::OpenQuote }
}

fn push_text(out: &mut String, title: &mut String, text: &str, hidden: bool, in_title: bool) {
    if hidden || text.is_empty() {
        return;
    }
    let decoded = html_escape::decode_html_entities(text);
    if in_title {
        title.push_str(&decoded);
        return;
    }
    // Source newlines inside a paragraph are layout, not structure.
    for (i, part) in decoded.split(['\n', '\r']).enumerate() {
        if i > 0 && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        out.push_str(part);
    }
}

fn normalise_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_visible_text_cases() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("<p>a</p><p>b</p>", None, "a\nb"),
            ("<head><meta x><title>T</title></head><p>x</p>", Some("T"), "x"),
            ("<title> T &amp; U </title><body>x</body>", Some("T & U"), "x"),
            ("<script>var a = '<p>';</script><p>ok</p>", None, "ok"),
            ("<style>p{}</style>x<br>y", None, "x\ny"),
            ("<!-- <p>c</p> -->z", None, "z"),
            ("a < b and c > d", None, "a < b and c > d"),
            ("<p class=\"a>b\">q</p>", None, "q"),
            ("<p>one\ntwo</p>", None, "one two"),
            ("<p>caf&eacute; &#1575;</p>", None, "café ا"),
            ("<p>x</p><a href=\"y>z</a><p>w</p>", None, "x\nz\nw"),
            ("<p>x</p>1 <b 2 <i 3", None, "x\n1 <b 2 <i 3"),
        ];
        for (html, title, text) in cases {
            let page = visible_text(html);
            assert_eq!(page.title.as_deref(), *title, "{html}");
            assert_eq!(page.text.trim(), *text, "{html}");
        }
    }

    #[test]
    fn html_hostile_pages() {
        // Each of these used to rescan to the end of the page from every `<` (quadratic);
        // bench/long_inputs.py measures the scaling, this checks what they yield.
        let open_tags = "<a ".repeat(20_000);
        assert_eq!(visible_text(&open_tags).text, open_tags);
        let open_quotes = "<p>a</p>".to_string() + &"<a \"".repeat(20_000) + ">b";
        assert_eq!(visible_text(&open_quotes).text.trim(), "a\nb");
        let lone = "x<y ".repeat(20_000);
        assert_eq!(visible_text(&lone).text, lone);
    }
}
