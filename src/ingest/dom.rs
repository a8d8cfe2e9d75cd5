//! A small, tolerant HTML tree builder for content extraction.
//!
//! It is not a conforming HTML5 parser: it knows the cases that change which text belongs
//! to which element on real pages (void elements, raw-text elements, implied end tags of
//! `p`, `li`, `dt`/`dd`, table cells and rows, `option`, headings, stray end tags) and
//! nothing else. That is what extraction needs, at a fraction of the cost of building a
//! spec DOM: text is kept as byte ranges of the source and decoded only when it is output.
//! While parsing it also collects what the metadata stage reads (`<title>`, `<meta>`,
//! `<link rel=canonical>`, JSON-LD, `<time datetime>`, `<html lang>`).

use std::ops::Range;

/// Index of a node in [`Dom::nodes`]; the root (a document node) is 0.
pub type NodeId = u32;

/// Hidden by `hidden`, `aria-hidden` is deliberately not used (it also marks decorative
/// copies of visible content), `style="display:none"` or `type="hidden"`.
pub const HIDDEN: u8 = 1;

/// One node: an element, or a run of text (`name` empty).
#[derive(Debug, Clone)]
pub struct Node {
    pub parent: NodeId,
    /// Lowercase tag name; empty for text.
    pub name: Box<str>,
    /// Byte range of the text in the source (text nodes only).
    pub text: Range<usize>,
    pub children: Vec<NodeId>,
    /// Lowercase `class`, `id`, `role`, `itemprop` and `itemtype`, space separated: the
    /// semantic hints of the element.
    pub hints: Box<str>,
    pub flags: u8,
}

impl Node {
    pub fn is_text(&self) -> bool {
        self.name.is_empty()
    }
}

/// Page-level facts gathered while parsing, for [`super::meta`].
#[derive(Debug, Default, Clone)]
pub struct HeadFacts {
    pub title: Option<String>,
    /// `(key, value)`: `name`/`property`/`itemprop` of a `<meta>` (or of an element with
    /// `itemprop` and `content`/`datetime`), lowercased, and its value.
    pub metas: Vec<(String, String)>,
    pub canonical: Option<String>,
    pub lang: Option<String>,
    pub jsonld: Vec<String>,
    /// `datetime` of `<time>` elements, in document order; `true` when marked as the
    /// publication time (`pubdate`, `itemprop=datePublished`).
    pub times: Vec<(String, bool)>,
}

/// A parsed page.
#[derive(Debug)]
pub struct Dom<'a> {
    pub src: &'a str,
    pub nodes: Vec<Node>,
    pub facts: HeadFacts,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image",
];

/// Elements whose content is not markup; the ones we keep (`title`, JSON-LD) are read here.
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    "plaintext", "template",
];

/// Start tags that close an open `p` (HTML's "button scope" rule, simplified).
const CLOSES_P: &[&str] = &[
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
    "li", "dd", "dt", "summary",
];

/// Elements an implied end tag does not reach across.
const SCOPE: &[&str] = &["html", "body", "table", "td", "th", "caption", "template", "button", "object"];

impl<'a> Dom<'a> {
    /// Parses `src`. Never fails: any byte string yields some tree.
    pub fn parse(src: &'a str) -> Dom<'a> {
        let mut b = Builder {
            dom: Dom {
                src,
                nodes: vec![Node {
                    parent: 0,
                    name: "#document".into(),
                    text: 0..0,
                    children: Vec::new(),
                    hints: "".into(),
                    flags: 0,
                }],
                facts: HeadFacts::default(),
            },
            stack: vec![0],
        };
        b.run();
        b.dom
    }

    pub fn text_of(&self, id: NodeId) -> &'a str {
        &self.src[self.nodes[id as usize].text.clone()]
    }

    /// The first element named `name`, in document order.
    pub fn find(&self, name: &str) -> Option<NodeId> {
        self.nodes.iter().position(|n| &*n.name == name).map(|i| i as NodeId)
    }
}

struct Builder<'a> {
    dom: Dom<'a>,
    stack: Vec<NodeId>,
}

impl<'a> Builder<'a> {
    fn top(&self) -> NodeId {
        *self.stack.last().unwrap_or(&0)
    }

    fn add(&mut self, name: &str, text: Range<usize>, hints: String, flags: u8) -> NodeId {
        let id = self.dom.nodes.len() as NodeId;
        let parent = self.top();
        self.dom.nodes.push(Node {
            parent,
            name: name.into(),
            text,
            children: Vec::new(),
            hints: hints.into(),
            flags,
        });
        self.dom.nodes[parent as usize].children.push(id);
        id
    }

    fn name_at(&self, depth: usize) -> &str {
        &self.dom.nodes[self.stack[depth] as usize].name
    }

    /// Pops through the nearest open element named in `names`, if one is open before an
    /// element of `stop` is met.
    fn close_open(&mut self, names: &[&str], stop: &[&str]) {
        for d in (1..self.stack.len()).rev() {
            let n = self.name_at(d);
            if names.contains(&n) {
                self.stack.truncate(d);
                return;
            }
            if stop.contains(&n) {
                return;
            }
        }
    }

    fn text(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.add("", range, String::new(), 0);
    }

    fn run(&mut self) {
        let src = self.dom.src;
        let bytes = src.as_bytes();
        let mut pos = 0;
        // No tag can end after the last '>': a '<' beyond it is text without scanning to the
        // end of the page for a '>' (a page of unclosed "<a <a <a" would take quadratic time).
        let last_gt = bytes.iter().rposition(|&b| b == b'>');
        while pos < bytes.len() {
            let Some(lt) = memchr(b'<', &bytes[pos..]).map(|i| i + pos) else {
                self.text(pos..bytes.len());
                break;
            };
            self.text(pos..lt);
            let rest = &src[lt..];
            if rest.starts_with("<!--") {
                pos = rest[4..].find("-->").map_or(bytes.len(), |i| lt + 4 + i + 3);
                continue;
            }
            let Some(gt) = last_gt.filter(|&g| g > lt).and_then(|_| tag_end(rest)) else {
                // A lone '<' in text.
                self.text(lt..lt + 1);
                pos = lt + 1;
                continue;
            };
            pos = lt + gt + 1;
            let tag = &rest[1..gt];
            if tag.starts_with(['!', '?']) {
                continue;
            }
            let closing = tag.starts_with('/');
            let body = tag.trim_start_matches('/');
            let name_len = body
                .bytes()
                .position(|c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
                .unwrap_or(body.len());
            let name = body[..name_len].to_ascii_lowercase();
            if name.is_empty() {
                continue;
            }
            if closing {
                self.end_tag(&name);
                continue;
            }
            let attrs = Attrs::parse(&body[name_len..]);
            let self_closing = tag.ends_with('/');
            if RAW.contains(&name.as_str()) && !self_closing {
                let end = find_end_tag(src, pos, &name);
                let content = &src[pos..end.0];
                pos = end.1;
                self.raw(&name, &attrs, content);
                continue;
            }
            self.start_tag(&name, &attrs, self_closing);
        }
    }

    fn raw(&mut self, name: &str, attrs: &Attrs<'_>, content: &str) {
        match name {
            "title" => {
                if self.dom.facts.title.is_none() {
                    let t = normalise_ws(&html_escape::decode_html_entities(content));
                    if !t.is_empty() {
                        self.dom.facts.title = Some(t);
                    }
                }
            }
            "script" => {
                if attrs.get("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) {
                    self.dom.facts.jsonld.push(content.to_string());
                }
            }
            "textarea" => {
                // Visible, but form input: keep as an element so that it can be dropped.
                let id = self.add("textarea", 0..0, attrs.hints(), 0);
                let start = content.as_ptr() as usize - self.dom.src.as_ptr() as usize;
                self.stack.push(id);
                self.text(start..start + content.len());
                self.stack.pop();
            }
            _ => {}
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &Attrs<'_>, self_closing: bool) {
        self.collect_facts(name, attrs);
        match name {
            "html" | "body" | "head" => {
                if let Some(i) = self.dom.nodes.iter().position(|n| &*n.name == name) {
                    // A second <body>: keep the tree we have.
                    let hints = attrs.hints();
                    if !hints.is_empty() && self.dom.nodes[i].hints.is_empty() {
                        self.dom.nodes[i].hints = hints.into();
                    }
                    return;
                }
                if name == "body" {
                    // Whatever was open in <head> ends here.
                    if let Some(d) = self.stack.iter().position(|&n| &*self.dom.nodes[n as usize].name == "head") {
                        self.stack.truncate(d);
                    }
                }
            }
            _ => {}
        }
        if CLOSES_P.contains(&name) {
            self.close_open(&["p"], SCOPE);
        }
        match name {
            "li" => self.close_open(&["li"], &["ul", "ol", "menu", "table", "td", "th", "body", "html"]),
            "dt" | "dd" => self.close_open(&["dt", "dd"], &["dl", "table", "td", "th", "body", "html"]),
            "td" | "th" => self.close_open(&["td", "th"], &["tr", "table", "body", "html"]),
            "tr" => self.close_open(&["tr"], &["table", "tbody", "thead", "tfoot", "body", "html"]),
            "tbody" | "thead" | "tfoot" => {
                self.close_open(&["tbody", "thead", "tfoot"], &["table", "body", "html"])
            }
            "option" | "optgroup" => self.close_open(&["option"], &["select", "body", "html"]),
            "a" => self.close_open(&["a"], SCOPE),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let top = self.top();
                if matches!(&*self.dom.nodes[top as usize].name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                    self.stack.pop();
                }
            }
            _ => {}
        }
        let mut flags = 0;
        if attrs.get("hidden").is_some()
            || attrs.get("type").is_some_and(|t| t.eq_ignore_ascii_case("hidden"))
            || attrs.get("style").is_some_and(hidden_style)
        {
            flags |= HIDDEN;
        }
        let id = self.add(name, 0..0, attrs.hints(), flags);
        if !(self_closing || VOID.contains(&name)) {
            self.stack.push(id);
        }
    }

    fn end_tag(&mut self, name: &str) {
        if matches!(name, "html" | "body") {
            return; // content after </body> still belongs to the page
        }
        for d in (1..self.stack.len()).rev() {
            if self.name_at(d) == name {
                self.stack.truncate(d);
                return;
            }
        }
    }

    fn collect_facts(&mut self, name: &str, attrs: &Attrs<'_>) {
        let facts = &mut self.dom.facts;
        match name {
            "html" => {
                if let Some(l) = attrs.get("lang").or_else(|| attrs.get("xml:lang")) {
                    let l = l.trim();
                    if !l.is_empty() && facts.lang.is_none() {
                        facts.lang = Some(l.to_string());
                    }
                }
            }
            "meta" => {
                let key = attrs
                    .get("property")
                    .or_else(|| attrs.get("name"))
                    .or_else(|| attrs.get("itemprop"))
                    .or_else(|| attrs.get("http-equiv"));
                if let (Some(k), Some(v)) = (key, attrs.get("content")) {
                    let v = html_escape::decode_html_entities(v).trim().to_string();
                    if !v.is_empty() {
                        facts.metas.push((k.trim().to_ascii_lowercase(), v));
                    }
                }
            }
            "link" => {
                let canonical = attrs
                    .get("rel")
                    .is_some_and(|r| r.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")));
                if canonical && facts.canonical.is_none() {
                    if let Some(h) = attrs.get("href") {
                        let h = html_escape::decode_html_entities(h).trim().to_string();
                        if !h.is_empty() {
                            facts.canonical = Some(h);
                        }
                    }
                }
            }
            _ => {
                let itemprop = attrs.get("itemprop").map(|p| p.trim().to_ascii_lowercase());
                let value = attrs.get("datetime").or_else(|| attrs.get("content"));
                if name == "time" {
                    if let Some(v) = attrs.get("datetime") {
                        let marked = attrs.get("pubdate").is_some()
                            || itemprop.as_deref() == Some("datepublished");
                        facts.times.push((v.trim().to_string(), marked));
                    }
                }
                if let (Some(p), Some(v)) = (itemprop, value) {
                    let v = html_escape::decode_html_entities(v).trim().to_string();
                    if !v.is_empty() {
                        facts.metas.push((p, v));
                    }
                }
            }
        }
    }
}

/// The attributes of a start tag, borrowed from the source.
struct Attrs<'a>(Vec<(&'a str, &'a str)>);

impl<'a> Attrs<'a> {
    fn parse(s: &'a str) -> Attrs<'a> {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            let start = i;
            while i < b.len() && !(b[i].is_ascii_whitespace() || matches!(b[i], b'=' | b'/')) {
                i += 1;
            }
            let name = &s[start..i];
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = "";
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let vs = i + 1;
                    let ve = memchr(q, &b[vs..]).map_or(b.len(), |j| vs + j);
                    value = &s[vs..ve];
                    i = (ve + 1).min(b.len());
                } else {
                    let vs = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    value = &s[vs..i];
                }
            }
            if !name.is_empty() {
                out.push((name, value));
            } else if i == start {
                i += 1;
            }
        }
        Attrs(out)
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.0.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    }

    fn hints(&self) -> String {
        let mut h = String::new();
        for key in ["class", "id", "role", "itemprop", "itemtype"] {
            if let Some(v) = self.get(key) {
                if !h.is_empty() {
                    h.push(' ');
                }
                h.push_str(&v.to_ascii_lowercase());
            }
        }
        h
    }
}

fn hidden_style(style: &str) -> bool {
    let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// Finds the `>` that ends the tag at the start of `s`, skipping quoted attribute values.
pub(crate) fn tag_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() < 2 || !(b[1].is_ascii_alphabetic() || matches!(b[1], b'/' | b'!' | b'?')) {
        return None;
    }
    let mut quote = 0u8;
    let mut i = 1;
    while i < b.len() {
        let c = b[i];
        match (quote, c) {
            (0, b'"' | b'\'') if b[i - 1] == b'=' || b[i - 1].is_ascii_whitespace() => quote = c,
            (0, b'>') => return Some(i),
            (q, c) if q != 0 && q == c => quote = 0,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The end of a raw-text element's content starting at `from`: (content end, resume at).
fn find_end_tag(src: &str, from: usize, name: &str) -> (usize, usize) {
    let b = src.as_bytes();
    let n = name.len();
    let mut i = from;
    while let Some(j) = memchr(b'<', &b[i..]) {
        let at = i + j;
        if b.get(at + 1) == Some(&b'/')
            && b.len() >= at + 2 + n
            && b[at + 2..at + 2 + n].eq_ignore_ascii_case(name.as_bytes())
            && b.get(at + 2 + n).map_or(true, |c| !c.is_ascii_alphanumeric())
        {
            let close = memchr(b'>', &b[at..]).map_or(b.len(), |k| at + k + 1);
            return (at, close);
        }
        i = at + 1;
    }
    (b.len(), b.len())
}

pub(crate) fn normalise_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(dom: &Dom<'_>, id: NodeId, out: &mut String) {
        let n = &dom.nodes[id as usize];
        if n.is_text() {
            out.push_str(dom.text_of(id));
            return;
        }
        if id != 0 {
            out.push_str(&format!("<{}>", n.name));
        }
        for &c in &n.children {
            shape(dom, c, out);
        }
        if id != 0 {
            out.push_str(&format!("</{}>", n.name));
        }
    }

    #[test]
    fn dom_tree_cases() {
        let cases = [
            ("<p>a<p>b", "<p>a</p><p>b</p>"),
            ("<ul><li>a<li>b</ul>c", "<ul><li>a</li><li>b</li></ul>c"),
            ("<p>a<div>b</div>", "<p>a</p><div>b</div>"),
            ("<div><span>a</div>b", "<div><span>a</span></div>b"),
            ("<table><tr><td>a<td>b<tr><td>c</table>", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
            ("a<br>b<img src=x>c", "a<br></br>b<img></img>c"),
            ("<p>x</span>y</p>", "<p>xy</p>"),
            ("<script>if (a<b) {}</script>t", "t"),
            ("<SCRIPT>x</Script >t", "t"),
            ("<!-- <p>no</p> -->t", "t"),
            ("<p class=\"a>b\">q</p>", "<p>q</p>"),
            ("a < b", "a < b"),
            ("<h2>a<h3>b</h3>", "<h2>a</h2><h3>b</h3>"),
            // After the last '>', every '<' is text (and found without rescanning the page).
            ("<p>x<a <b <i", "<p>x<a <b <i</p>"),
            ("<p>x<a <b>y", "<p>x<a>y</a></p>"),
        ];
        for (html, want) in cases {
            let dom = Dom::parse(html);
            let mut got = String::new();
            shape(&dom, 0, &mut got);
            assert_eq!(got, want, "{html}");
        }
    }

    #[test]
    fn dom_collects_facts() {
        let html = r#"<html lang="en-GB"><head><title> A &amp; B </title>
            <meta property="og:title" content="A &amp; B">
            <link rel="canonical" href="https://x.org/a">
            <script type="application/ld+json">{"@type":"NewsArticle"}</script></head>
            <body><div class="Main Body" id="x" hidden><time datetime="2024-01-02" pubdate>2 Jan</time></div></body></html>"#;
        let dom = Dom::parse(html);
        assert_eq!(dom.facts.title.as_deref(), Some("A & B"));
        assert_eq!(dom.facts.lang.as_deref(), Some("en-GB"));
        assert_eq!(dom.facts.canonical.as_deref(), Some("https://x.org/a"));
        assert_eq!(dom.facts.metas, [("og:title".to_string(), "A & B".to_string())]);
        assert_eq!(dom.facts.jsonld.len(), 1);
        assert_eq!(dom.facts.times, [("2024-01-02".to_string(), true)]);
        let div = dom.find("div").unwrap() as usize;
        assert_eq!(&*dom.nodes[div].hints, "main body x");
        assert_eq!(dom.nodes[div].flags & HIDDEN, HIDDEN);
    }
}
