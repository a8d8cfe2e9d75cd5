//! Main-content extraction: an HTML page to its article body, and the blocks it dropped.
//!
//! The page is parsed by [`super::dom`] and cut into blocks (paragraphs, headings, list
//! items, cells: whatever a block-level element delimits). Three generic signals decide:
//!
//! 1. **Semantics of the markup.** Subtrees whose tag (`nav`, `aside`, `footer`, `form`, …),
//!    ARIA role (`navigation`, `complementary`, …) or class/id words (`comment`, `share`,
//!    `related`, `cookie`, `sidebar`, `advert`, `newsletter`, …) name a page furniture are
//!    boilerplate, unless they hold the page's densest run of paragraphs (a `<body
//!    class="has-sidebar">` or a form wrapping the page is not furniture).
//! 2. **Text and link density.** Each block weighs by its text that is not link text, short
//!    and link-dense blocks weigh little or nothing.
//! 3. **Where the weight is.** From the document root, extraction descends into the child
//!    holding most of the weight, for as long as one child holds nearly all of it; the
//!    element where it stops is the article container.
//!
//! Blocks inside the container that are not furniture and not link lists form the article,
//! paragraphs separated by blank lines; every other visible block goes to `dropped`, in
//! page order, so nothing is lost.

use super::dom::{Dom, NodeId, HIDDEN};

/// The result of [`extract`].
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Article {
    /// Paragraphs separated by a blank line; headings and list items on lines of their own.
    pub text: String,
    /// Visible blocks that were not kept, in page order.
    pub dropped: Vec<String>,
}

/// Elements that delimit blocks of text.
const BLOCK: &[&str] = &[
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th",
    "table", "section", "article", "header", "footer", "nav", "aside", "main", "blockquote",
    "pre", "hr", "figure", "figcaption", "dd", "dt", "dl", "form", "address", "caption",
    "center", "details", "summary", "fieldset", "legend", "textarea", "body", "html", "option",
    "select", "label", "button", "dialog", "menu", "tbody", "thead", "tfoot",
];

/// Elements whose content is not shown as text.
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
    "canvas", "video", "audio", "map", "select", "option", "datalist", "input", "button",
    "textarea",
];

/// Page furniture by tag.
const FURNITURE_TAGS: &[&str] = &["nav", "aside", "footer", "header", "form", "menu", "dialog", "fieldset", "label"];

/// Whole class names of hidden or screen-reader-only content.
const HIDDEN_CLASSES: &[&str] = &[
    "hidden", "hide", "d-none", "is-hidden", "sr-only", "screen-reader-text", "visually-hidden",
    "visuallyhidden", "element-invisible", "offscreen",
];

/// Page furniture by ARIA role.
const FURNITURE_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search",
    "dialog", "alertdialog", "toolbar", "tablist",
];

/// Class/id words of page furniture, matched against the words of the attribute (split at
/// anything not alphanumeric), whole.
const FURNITURE_WORDS: &[&str] = &[
    "nav", "navbar", "navigation", "menu", "menus", "footer", "header", "masthead", "sidebar",
    "comment", "comments", "share", "sharing", "social", "related", "cookie", "cookies", "consent",
    "gdpr", "banner", "ad", "ads", "adv", "advert", "advertisement", "advertising", "sponsor",
    "sponsored", "promo", "newsletter", "subscribe", "subscription", "breadcrumb", "breadcrumbs",
    "pagination", "pager", "widget", "widgets", "popup", "modal", "tags", "tagcloud", "byline",
    "author", "meta", "dateline", "date", "toolbar", "login", "signup", "skip", "promotion",
    "recommended", "recommendations", "popular", "trending", "disqus", "outbrain", "taboola",
    "follow", "copyright", "caption", "credit", "credits",
    "more-stories", "topbar",
];

/// Class/id words that name furniture only when it links elsewhere: a "teaser" that links
/// to another page is a teaser, one without links is the article's own lead.
const SOFT_WORDS: &[&str] = &["teaser", "teasers"];

/// Furniture levels of [`is_furniture`].
const SOFT: u8 = 1;
const HARD: u8 = 2;

/// Prefixes of class/id words of page furniture, for words written without separators
/// (`commentlist`, `sharebar`, `relatedposts`, `cookiebanner`).
const FURNITURE_PREFIXES: &[&str] = &[
    "comment", "share", "social", "related", "cookie", "consent", "advert", "sponsor",
    "newsletter", "subscri", "breadcrumb", "paginat", "sidebar", "widget", "footer", "navbar",
    "navigation", "popup", "disqus", "byline", "recommend", "masthead",
];

/// Class/id words of article bodies: they win the container when they hold enough text.
const BODY_WORDS: &[&str] = &[
    "articlebody", "article-body", "article-content", "article-text", "articletext",
    "entry-content", "post-content", "post-body", "postbody", "story-body", "storybody",
    "story-content", "body-text", "bodytext", "main-content", "article__body", "content-body",
    "post-entry", "entry-body", "single-content", "article-main", "news-content", "text-content",
];

/// Paragraph-level elements: never a container.
const LEAF: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "pre", "blockquote", "ul", "ol",
    "dl", "figcaption", "address", "caption",
];

/// Share of the weight a child must hold for extraction to descend into it.
const DESCEND: f64 = 0.85;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    Heading,
    Item,
}

struct Block {
    text: String,
    /// The innermost element that delimits this block.
    owner: NodeId,
    chars: usize,
    link_chars: usize,
    kind: Kind,
}

/// Extracts the article body of `html`.
///
/// ```
/// use newsframe::ingest::article::extract;
/// let html = "<nav><a href=/>Home</a> <a href=/w>World</a></nav><article>\
///   <p>The talks in Algiers ended on Monday with an agreement on gas prices, officials said.</p>\
///   <p>Both sides will meet again in the spring to review the deal and its terms.</p>\
///   <div class=share>Share on Facebook</div></article><footer>Contact us</footer>";
/// let a = extract(html);
/// assert!(a.text.starts_with("The talks in Algiers"));
/// assert!(a.text.contains("\n\nBoth sides"));
/// assert!(a.dropped.contains(&"Share on Facebook".to_string()));
/// assert!(a.dropped.contains(&"Contact us".to_string()));
/// ```
pub fn extract(html: &str) -> Article {
    extract_dom(&Dom::parse(html))
}

/// [`extract`] on a parsed page.
pub fn extract_dom(dom: &Dom<'_>) -> Article {
    let (blocks, keep) = decide(dom);
    let mut out = Article::default();
    let mut prev_kind: Option<Kind> = None;
    for (b, why) in blocks.into_iter().zip(keep) {
        if why == KEPT {
            if let Some(pk) = prev_kind {
                // List items stay together; everything else is a paragraph of its own.
                out.text.push_str(if pk == Kind::Item && b.kind == Kind::Item { "\n" } else { "\n\n" });
            }
            out.text.push_str(&b.text);
            prev_kind = Some(b.kind);
        } else {
            out.dropped.push(b.text);
        }
    }
    out
}

/// Each visible block of a page and why it was kept or dropped (`"kept"`, `"outside"`,
/// `"furniture"`, `"links"`, `"h1"`, …), for tuning.
#[doc(hidden)]
pub fn explain_blocks(html: &str) -> Vec<(String, &'static str)> {
    let dom = Dom::parse(html);
    let (blocks, why) = decide(&dom);
    blocks.into_iter().zip(why).map(|(b, w)| (b.text, w)).collect()
}

const KEPT: &str = "kept";

/// The blocks of a page and, for each, [`KEPT`] or the reason it was dropped.
fn decide(dom: &Dom<'_>) -> (Vec<Block>, Vec<&'static str>) {
    let n = dom.nodes.len();
    let (visible, level) = classify(dom);
    let blocks = blocks(dom, &visible);
    // Text and link text of each element's subtree.
    let mut chars = vec![0usize; n];
    let mut link_chars = vec![0usize; n];
    for b in &blocks {
        chars[b.owner as usize] += b.chars;
        link_chars[b.owner as usize] += b.link_chars;
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        chars[p] += chars[i];
        link_chars[p] += link_chars[i];
    }
    let furniture_hint: Vec<bool> = (0..n)
        .map(|i| match level[i] {
            0 => false,
            SOFT => {
                // Soft furniture without links is the page's own text: a lead paragraph
                // named "teaser", a figure that holds paragraphs. Not when a sibling of the
                // same tag and class holds text too: a run of teasers is a listing.
                let node = &dom.nodes[i];
                let figure = matches!(&*node.name, "figure" | "figcaption");
                let min = if figure { tune().figure_text } else { 60 };
                let siblings = tune().soft_alone
                    && i != 0
                    && dom.nodes[node.parent as usize].children.iter().any(|&c| {
                        let sib = &dom.nodes[c as usize];
                        c as usize != i && sib.name == node.name && sib.hints == node.hints && chars[c as usize] > 0
                    });
                siblings || !(chars[i] >= min && link_chars[i] * 10 <= chars[i])
            }
            _ => true,
        })
        .collect();

    // Weight of each block, summed into every ancestor of its owner.
    let mut weight = vec![0f64; n];
    // Paragraph weight of each element's own blocks and its children's: the densest run of
    // paragraphs, which furniture words cannot remove.
    let mut direct = vec![0f64; n];
    for b in &blocks {
        let w = block_weight(b);
        weight[b.owner as usize] += w;
        direct[b.owner as usize] += w;
        let parent = dom.nodes[b.owner as usize].parent as usize;
        if parent != b.owner as usize {
            direct[parent] += w;
        }
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        weight[p] += weight[i];
    }
    let core = (0..n).max_by(|&a, &b| direct[a].total_cmp(&direct[b]).then(b.cmp(&a))).unwrap_or(0);
    // Furniture that contains the core is not furniture.
    let mut spared = vec![false; n];
    let mut c = core;
    loop {
        spared[c] = true;
        if c == 0 {
            break;
        }
        c = dom.nodes[c].parent as usize;
    }
    // So is a wrapper holding most of the page (a form around the page, a layout
    // `has-sidebar`), comments apart.
    for i in 1..n {
        if furniture_hint[i] && weight[i] >= 0.6 * weight[0] && !dom.nodes[i].hints.contains("comment") {
            spared[i] = true;
        }
    }
    let furniture = furniture_closure(dom, &furniture_hint, &spared);

    // Weight without furniture decides the container.
    let mut clean = vec![0f64; n];
    for b in &blocks {
        if !furniture[b.owner as usize] {
            clean[b.owner as usize] += block_weight(b);
        }
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        clean[p] += clean[i];
    }
    let t = tune();
    let mut container = container(dom, &clean);
    if t.extend > 0.0 {
        // A body container inside an <article>: the article's header (headline, lead) and
        // closing lines belong to it too, unless the article holds much more (a listing).
        let mut a = container;
        while a != 0 {
            a = dom.nodes[a].parent as usize;
            let nd = &dom.nodes[a];
            if &*nd.name == "article" || nd.hints.contains("schema.org/newsarticle") || nd.hints.contains("schema.org/article") || nd.hints.contains("schema.org/blogposting") {
                if clean[a] <= t.extend * clean[container] && !furniture[a] {
                    container = a;
                }
                break;
            }
        }
    }

    let inside = subtree_mask(dom, container);
    let mut why: Vec<&'static str> = blocks
        .iter()
        .map(|b| {
            let o = b.owner as usize;
            if !inside[o] {
                "outside"
            } else if furniture[o] {
                "furniture"
            } else if link_list(b) {
                "links"
            } else if t.h1 && &*dom.nodes[o].name == "h1" {
                "h1"
            } else if t.date_lines && b.kind == Kind::Para && date_line(&b.text) {
                "date"
            } else {
                KEPT
            }
        })
        .collect();
    if t.lead > 0 {
        // The lead of an article often sits just before its body container (a summary
        // paragraph under the headline, in a wrapper of its own): take up to `lead`
        // paragraphs from right before the container, within its grandparent, passing over
        // the headline, short lines (dates, bylines) and furniture, stopping at anything
        // else. A real paragraph: 80 characters (spaces aside) or more, a sentence, hardly any
        // link text.
        if let Some(first) = why.iter().position(|&w| w == KEPT) {
            let mut scope = container;
            for _ in 0..2 {
                scope = dom.nodes[scope].parent as usize;
            }
            let in_scope = subtree_mask(dom, scope);
            let mut taken = 0;
            let mut j = first;
            while j > 0 && taken < t.lead && first - j < 8 {
                j -= 1;
                let b = &blocks[j];
                let o = b.owner as usize;
                if !in_scope[o] || why[j] != "outside" && why[j] != "h1" && why[j] != "furniture" {
                    break;
                }
                if why[j] == "h1" || furniture[o] || b.chars < 40 {
                    continue;
                }
                if b.kind == Kind::Para && !link_list(b) && b.link_chars * 5 <= b.chars && b.chars >= 80 && (ends_sentence(&b.text) || b.chars >= 150) {
                    why[j] = KEPT;
                    taken += 1;
                } else {
                    break;
                }
            }
        }
    }
    let mut keep: Vec<bool> = why.iter().map(|&w| w == KEPT).collect();
    if t.lead_in {
        // A short line announcing a list of links ("Read more", "Related") goes with it.
        for i in 0..blocks.len().saturating_sub(1) {
            if keep[i] && !keep[i + 1] && blocks[i].kind != Kind::Item && blocks[i].chars < 60 && !ends_sentence(&blocks[i].text) && inside[blocks[i + 1].owner as usize] && (furniture[blocks[i + 1].owner as usize] || link_list(&blocks[i + 1])) {
                let next_kept = keep[i + 1..].iter().position(|&k| k);
                if next_kept.is_none() || blocks[i + 1].chars > 0 {
                    keep[i] = false;
                    why[i] = "lead-in";
                }
            }
        }
    }
    {
        // A heading whose section lost all its content: a widget's or a related-links title.
        for i in 0..blocks.len() {
            if !keep[i] || blocks[i].kind != Kind::Heading {
                continue;
            }
            let next = (i + 1..blocks.len()).find(|&j| keep[j]);
            let empty = next.map_or(true, |j| blocks[j].kind == Kind::Heading);
            if empty && next.map_or(blocks.len(), |j| j) > i + 1 {
                keep[i] = false;
                why[i] = "empty-heading";
            }
        }
    }
    if t.tail > 0 {
        // Short lines that close the article without a sentence: credits, "Sources:", labels.
        let mut trimmed = 0;
        while let Some(last) = keep.iter().rposition(|&k| k) {
            let b = &blocks[last];
            // A closing line closes something: the only line left is the article itself.
            let alone = !keep[..last].iter().any(|&k| k);
            if alone || trimmed >= t.tail || b.chars >= 40 || ends_sentence(&b.text) || b.kind == Kind::Item {
                break;
            }
            keep[last] = false;
            why[last] = "tail";
            trimmed += 1;
        }
    }
    (blocks, why)
}

/// A short line that is a date or a time and little else ("12.12.2022, 08:30 Uhr",
/// "05:28 PM", "3/5/2024"): page metadata (`pub_date` reads it), not article text. A
/// labelled date ("Termin: 29.02.2020") is information, a lone number ("0.091 GB/s") too.
fn date_line(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().filter(|c| !c.is_whitespace()).count();
    if n == 0 || s.chars().count() > 30 || s.contains(": ") {
        return false;
    }
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    let b = s.as_bytes();
    // A time ("08:30") or a date with two separators ("12.12.2022", "3/5/2024", "2024-05-03").
    let time = b.windows(4).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit());
    let date = b.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && matches!(w[1], b'.' | b'/' | b'-')
            && w[2].is_ascii_digit()
            && (w[3] == w[1] || (w[3].is_ascii_digit() && w[4] == w[1]))
    });
    (time || date) && digits * 5 >= n * 2
}

fn ends_sentence(s: &str) -> bool {
    // Not ':' — a line ending in a colon announces what follows ("Read more:", "Sources:").
    s.trim_end().ends_with(['.', '!', '?', '…', '"', '»', '“', ')', '؟', '。'])
}

/// Parameters of extraction, fitted on trafilatura's evaluation pages (see
/// `docs/html_extraction.md`); each is a generic signal, none names a site.
struct Tune {
    /// Extend a container to its `<article>` when that holds at most this much more weight.
    extend: f64,
    /// Descend into a child holding at least this share of the weight…
    descend: f64,
    /// …unless the other children hold more than this weight (a real paragraph).
    rest: f64,
    /// Figures and captions are furniture.
    figure: bool,
    /// The page's `<h1>` is its headline, which goes to `title`, not to the text.
    h1: bool,
    /// A short line right before a link list or furniture goes with it.
    lead_in: bool,
    /// At most this many short closing lines without a sentence are trimmed.
    tail: usize,
    /// Link density above which a short block is a link list.
    link: f64,
    /// "Teaser" class words mark furniture only when the element links elsewhere.
    soft: bool,
    /// A figure or caption holding at least this much text without links is content (0:
    /// figures are always furniture).
    figure_text: usize,
    /// A soft furniture element with soft siblings stays furniture.
    soft_alone: bool,
    /// Short paragraphs that are only a date or a time are metadata, not text.
    date_lines: bool,
    /// Up to this many paragraphs right before the container, within its grandparent,
    /// are its lead (0: none).
    lead: usize,
}

const TUNE: Tune = Tune {
    extend: 1.6,
    descend: DESCEND,
    rest: 300.0,
    figure: true,
    h1: true,
    lead_in: true,
    tail: 3,
    link: 0.5,
    soft: true,
    figure_text: 300,
    lead: 1,
    soft_alone: true,
    date_lines: true,
};

fn tune() -> &'static Tune {
    &TUNE
}

/// Where extraction put the container and the paragraph core (tag, class/id), for tuning.
#[doc(hidden)]
pub fn explain(html: &str) -> String {
    let dom = Dom::parse(html);
    let n = dom.nodes.len();
    let (visible, hint) = classify(&dom);
    let blocks = blocks(&dom, &visible);
    let mut direct = vec![0f64; n];
    let mut clean = vec![0f64; n];
    for b in &blocks {
        let w = block_weight(b);
        direct[b.owner as usize] += w;
        let p = dom.nodes[b.owner as usize].parent as usize;
        direct[p] += w;
        clean[b.owner as usize] += w;
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        clean[p] += clean[i];
    }
    let core = (0..n).max_by(|&a, &b| direct[a].total_cmp(&direct[b]).then(b.cmp(&a))).unwrap_or(0);
    let chain = |mut i: usize| {
        let mut out = Vec::new();
        loop {
            let nd = &dom.nodes[i];
            out.push(format!("{}.{}{}", nd.name, nd.hints.chars().take(40).collect::<String>(), if hint[i] > 0 { "[F]" } else { "" }));
            if i == 0 {
                break;
            }
            i = nd.parent as usize;
        }
        out.join(" < ")
    };
    let c = container(&dom, &clean);
    format!("core: {}\ncontainer (no furniture removed): {}", chain(core), chain(c))
}

/// The visible text of a page, one block per line, without any removal.
pub fn visible(dom: &Dom<'_>) -> String {
    let (visible, _) = classify(dom);
    let blocks = blocks(dom, &visible);
    let mut out = String::new();
    for b in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&b.text);
    }
    out
}

/// Per node: visible at all, and named as furniture by its own tag, role or class.
fn classify(dom: &Dom<'_>) -> (Vec<bool>, Vec<u8>) {
    let n = dom.nodes.len();
    let mut visible = vec![true; n];
    let mut furniture = vec![0u8; n];
    let mut in_article = vec![false; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        let p = node.parent as usize;
        if !visible[p] || (!node.is_text() && (node.flags & HIDDEN != 0 || INVISIBLE.contains(&&*node.name))) {
            visible[i] = false;
            continue;
        }
        if !node.is_text() {
            furniture[i] = is_furniture(&node.name, &node.hints, in_article[p]);
            in_article[i] = in_article[p]
                || &*node.name == "article"
                || node.hints.contains("articlebody")
                || BODY_WORDS.iter().any(|w| node.hints.contains(w));
        }
    }
    (visible, furniture)
}

/// 0, [`SOFT`] (furniture unless it turns out to hold text of its own) or [`HARD`].
fn is_furniture(tag: &str, hints: &str, in_article: bool) -> u8 {
    if tune().figure && matches!(tag, "figure" | "figcaption") {
        // A figure (or caption) holding paragraphs of text is a gallery's or a slide's
        // text, not a credit line: soft.
        return if tune().figure_text > 0 { SOFT } else { HARD };
    }
    if FURNITURE_TAGS.contains(&tag) {
        // An article's own header holds its headline and lead, not the site's menu.
        return if tag == "header" && in_article { 0 } else { HARD };
    }
    if hints.is_empty() || matches!(tag, "html" | "body" | "article" | "main") {
        return 0;
    }
    if BODY_WORDS.iter().any(|w| hints.contains(w)) {
        return 0;
    }
    let mut level = 0;
    for class in hints.split_ascii_whitespace() {
        if HIDDEN_CLASSES.contains(&class) {
            return HARD;
        }
        for w in class.split(|c: char| !c.is_ascii_alphanumeric()) {
            if w.is_empty() || (in_article && w == "header") {
                continue;
            }
            if FURNITURE_WORDS.contains(&w)
                || FURNITURE_ROLES.contains(&w)
                || FURNITURE_PREFIXES.iter().any(|p| w.starts_with(p))
            {
                return HARD;
            }
            if SOFT_WORDS.contains(&w) {
                level = if tune().soft { SOFT } else { HARD };
            }
        }
    }
    level
}

/// Furniture flags propagated to descendants, except on the spared chain.
fn furniture_closure(dom: &Dom<'_>, hint: &[bool], spared: &[bool]) -> Vec<bool> {
    let n = dom.nodes.len();
    let mut out = vec![false; n];
    for i in 1..n {
        let p = dom.nodes[i].parent as usize;
        out[i] = out[p] || (hint[i] && !spared[i]);
    }
    out
}

fn subtree_mask(dom: &Dom<'_>, root: usize) -> Vec<bool> {
    let n = dom.nodes.len();
    let mut out = vec![false; n];
    out[root] = true;
    for i in root + 1..n {
        out[i] = out[dom.nodes[i].parent as usize];
    }
    out
}

/// Weight of a block: its text that is not link text, discounted when short.
fn block_weight(b: &Block) -> f64 {
    let own = b.chars.saturating_sub(b.link_chars) as f64;
    let density = b.link_chars as f64 / b.chars.max(1) as f64;
    if density > 0.5 {
        return 0.0;
    }
    let scale = match b.chars {
        0..=24 => 0.1,
        25..=79 => 0.4,
        _ => 1.0,
    };
    let sentence = if b.text.contains(['.', '!', '?', '،', '。', '؟', ',']) { 1.0 } else { 0.5 };
    own * scale * sentence * (1.0 - density)
}

/// A block that is mostly links and short: a menu entry, a "related" teaser, a tag list.
fn link_list(b: &Block) -> bool {
    let density = b.link_chars as f64 / b.chars.max(1) as f64;
    (density > tune().link && b.chars < 300) || density > 0.8
}

/// The article container: from the root, descend into the child holding most of the
/// weight while it holds at least [`DESCEND`] of it. A body container (class words such as
/// `entry-content`, `itemprop=articleBody`) holding most of the weight wins directly.
fn container(dom: &Dom<'_>, weight: &[f64]) -> usize {
    let total = weight[0];
    if total <= 0.0 {
        return 0;
    }
    let mut best_body: Option<usize> = None;
    for (i, node) in dom.nodes.iter().enumerate() {
        if !node.is_text()
            && weight[i] >= 0.5 * total
            && (BODY_WORDS.iter().any(|w| node.hints.contains(w)))
        {
            best_body = Some(i); // later = deeper among nested ones
        }
    }
    let mut cur = 0usize;
    loop {
        let Some(&best) = dom.nodes[cur]
            .children
            .iter()
            .max_by(|&&a, &&b| weight[a as usize].total_cmp(&weight[b as usize]).then(b.cmp(&a)))
        else {
            break;
        };
        let best = best as usize;
        // A container holds paragraphs: descending into one paragraph (or list) would lose
        // its small neighbours.
        if weight[best] < tune().descend * weight[cur] || weight[cur] - weight[best] > tune().rest || dom.nodes[best].is_text() || LEAF.contains(&&*dom.nodes[best].name) {
            break;
        }
        if best_body.is_some_and(|b| !is_ancestor(dom, best, b) && best != b) {
            break;
        }
        cur = best;
    }
    match best_body {
        Some(b) if is_ancestor(dom, cur, b) => b,
        _ => cur,
    }
}

fn is_ancestor(dom: &Dom<'_>, a: usize, mut d: usize) -> bool {
    while d != 0 {
        d = dom.nodes[d].parent as usize;
        if d == a {
            return true;
        }
    }
    a == 0
}

/// Cuts the visible text into blocks, in document order.
fn blocks(dom: &Dom<'_>, visible: &[bool]) -> Vec<Block> {
    struct Cur {
        text: String,
        chars: usize,
        link_chars: usize,
    }
    let mut out = Vec::new();
    let mut cur = Cur { text: String::new(), chars: 0, link_chars: 0 };
    // Owner of the current block: the innermost open block element.
    let mut owners: Vec<NodeId> = vec![0];
    let mut in_link = 0usize;
    let flush = |cur: &mut Cur, owner: NodeId, out: &mut Vec<Block>| {
        let t = cur.text.trim();
        if !t.is_empty() {
            let name = &*dom.nodes[owner as usize].name;
            let kind = match name {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
                "li" | "dd" | "dt" => Kind::Item,
                _ => Kind::Para,
            };
            out.push(Block {
                text: t.to_string(),
                owner,
                chars: cur.chars,
                link_chars: cur.link_chars,
                kind,
            });
        }
        cur.text.clear();
        cur.chars = 0;
        cur.link_chars = 0;
    };
    // Iterative walk: (node, entering).
    let mut stack: Vec<(NodeId, bool)> = vec![(0, true)];
    while let Some((id, enter)) = stack.pop() {
        let node = &dom.nodes[id as usize];
        if !visible[id as usize] {
            continue;
        }
        if node.is_text() {
            let raw = dom.text_of(id);
            let decoded = if raw.contains('&') { html_escape::decode_html_entities(raw) } else { raw.into() };
            for (i, word) in decoded.split(|c: char| c.is_whitespace() && c != '\u{a0}').enumerate() {
                if i > 0 && !cur.text.is_empty() && !cur.text.ends_with([' ', '\n']) {
                    cur.text.push(' ');
                }
                if !word.is_empty() {
                    let c = word.chars().count();
                    cur.chars += c;
                    if in_link > 0 {
                        cur.link_chars += c;
                    }
                    cur.text.push_str(word);
                }
            }
            continue;
        }
        let name = &*node.name;
        let block = BLOCK.contains(&name);
        if enter {
            if name == "br" {
                if !cur.text.is_empty() && !cur.text.ends_with('\n') {
                    let t = cur.text.trim_end().len();
                    cur.text.truncate(t);
                    cur.text.push('\n');
                }
                continue;
            }
            if block {
                flush(&mut cur, *owners.last().unwrap(), &mut out);
                owners.push(id);
            }
            if name == "a" {
                in_link += 1;
            }
            stack.push((id, false));
            for &c in node.children.iter().rev() {
                stack.push((c, true));
            }
        } else {
            if block {
                flush(&mut cur, *owners.last().unwrap(), &mut out);
                owners.pop();
            } else if name == "img" || name == "td" {
                if !cur.text.ends_with(' ') && !cur.text.is_empty() {
                    cur.text.push(' ');
                }
            }
            if name == "a" {
                in_link = in_link.saturating_sub(1);
            }
        }
    }
    flush(&mut cur, *owners.last().unwrap(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: &str = "The minister said on Monday that the talks, which began last year, had reached an agreement on prices.";

    fn page(body: &str) -> String {
        format!("<html><head><title>T</title></head><body>{body}</body></html>")
    }

    #[test]
    fn article_drops_furniture_and_keeps_it() {
        let html = page(&format!(
            r##"<header class="site-header"><a href="/">Home</a> <a href="/news">News</a></header>
            <nav><ul><li><a href="/a">Politics</a></li><li><a href="/b">Sport</a></li></ul></nav>
            <div id="cookie-banner">We use cookies to improve your experience.</div>
            <main><article>
              <h2>The deal</h2>
              <p>{PARA}</p>
              <div class="ad-slot">Advertisement</div>
              <p>A second paragraph follows, with more detail about what was agreed and when it applies.</p>
              <ul><li>first point of the deal</li><li>second point of the deal</li></ul>
              <div class="share-bar"><a href="#">Share on Twitter</a> <a href="#">Share on Facebook</a></div>
              <section class="related-posts"><h3>Related</h3><a href="/x">Other story about prices and talks</a></section>
            </article>
            <div id="comments"><p>Great article, I really enjoyed reading it and will share it with friends.</p></div>
            </main>
            <aside><p>Most read: a long list of stories that are not this one at all, read them now.</p></aside>
            <footer><p>Copyright 2024 The Paper. All rights reserved.</p></footer>"##
        ));
        let a = extract(&html);
        assert_eq!(
            a.text,
            format!(
                "The deal\n\n{PARA}\n\nA second paragraph follows, with more detail about what was agreed and when it applies.\n\nfirst point of the deal\nsecond point of the deal"
            )
        );
        for dropped in [
            "Home News",
            "Politics",
            "We use cookies to improve your experience.",
            "Advertisement",
            "Share on Twitter Share on Facebook",
            "Related",
            "Great article, I really enjoyed reading it and will share it with friends.",
            "Copyright 2024 The Paper. All rights reserved.",
        ] {
            assert!(a.dropped.iter().any(|d| d == dropped), "{dropped:?} not in {:?}", a.dropped);
        }
    }

    #[test]
    fn article_without_semantic_markup_uses_density() {
        let links: String = (0..30).map(|i| format!("<div><a href='/{i}'>Section {i}</a></div>")).collect();
        let paras: String = (0..5).map(|i| format!("<div>{PARA} Number {i}.</div>")).collect();
        let html = page(&format!("<div>{links}</div><div><div>{paras}</div><div>x</div></div>"));
        let a = extract(&html);
        assert_eq!(a.text.matches("The minister").count(), 5);
        assert!(!a.text.contains("Section"));
        assert_eq!(a.dropped.iter().filter(|d| d.starts_with("Section")).count(), 30);
    }

    #[test]
    fn article_spares_furniture_words_on_the_content_path() {
        // Page-wide classes that happen to contain furniture words do not remove the article.
        let html = page(&format!(
            r#"<div class="page has-sidebar"><form id="aspnetForm"><div class="content"><p>{PARA}</p><p>{PARA}</p></div>
            <div class="sidebar"><p>Sidebar text that is long enough to count as a paragraph here, really.</p></div></form></div>"#
        ));
        let a = extract(&html);
        assert_eq!(a.text.matches("The minister").count(), 2);
        assert!(a.dropped.iter().any(|d| d.starts_with("Sidebar text")));
    }

    #[test]
    fn article_skips_invisible_and_breaks_lines() {
        let html = page(&format!(
            "<article><p>{PARA}<br>Second line</p><p hidden>secret</p><p style='display: none'>gone</p>\
             <script>var x = 1;</script><noscript>enable js</noscript><p>caf&eacute; &amp; more text.</p><p>Photo: Agency</p></article>"
        ));
        let a = extract(&html);
        assert!(a.text.contains(&format!("{PARA}\nSecond line")));
        assert!(a.text.ends_with("café & more text."), "{}", a.text);
        // A short closing line without a sentence is a credit, not content.
        assert_eq!(a.dropped, ["Photo: Agency"]);
        for gone in ["secret", "gone", "var x", "enable js"] {
            assert!(!a.text.contains(gone), "{gone}");
        }
    }

    #[test]
    fn article_drops_headings_left_without_content() {
        let long_heading = "Elsewhere on the site this week, from our partners and our own desks";
        let html = page(&format!(
            "<article><p>{PARA}</p><h2>{long_heading}</h2><div class='promo-links'><p>Partner content.</p></div>\
             <h2>What the deal means</h2><p>{PARA}</p></article>"
        ));
        let a = extract(&html);
        assert!(!a.text.contains(long_heading), "{}", a.text);
        assert!(a.dropped.iter().any(|d| d == long_heading));
        assert!(a.text.contains(&format!("What the deal means\n\n{PARA}")));
    }

    #[test]
    fn article_keeps_a_teaser_without_links_as_its_lead() {
        let lead = "The government announced on Tuesday a new plan for the railways, to be voted on in May.";
        let html = page(&format!(
            "<article><div class='teaser-text'><p>{lead}</p></div><p>{PARA}</p><p>{PARA}</p>\
             <div class='teaser'><a href='/x'>Another story about the railways and their long history</a> <p>More.</p></div></article>"
        ));
        let a = extract(&html);
        assert!(a.text.starts_with(lead), "{}", a.text);
        // A teaser that links elsewhere stays furniture.
        assert!(!a.text.contains("Another story"), "{}", a.text);
        assert!(a.dropped.iter().any(|d| d.starts_with("Another story")));
    }

    #[test]
    fn article_keeps_figures_that_hold_text() {
        let slide: String = (0..6).map(|i| format!("Slide text number {i}, which describes the costume at length. ")).collect();
        let html = page(&format!(
            "<article><p>{PARA}</p><figure><img src='a.jpg'><figcaption>Photo: Agency / Someone</figcaption></figure>\
             <p>{PARA}</p><figure class='slide'><img src='b.jpg'><figcaption><p>{slide}</p></figcaption></figure><p>{PARA}</p></article>"
        ));
        let a = extract(&html);
        assert!(a.text.contains("Slide text number 2"), "{}", a.text);
        assert!(!a.text.contains("Photo: Agency"), "{}", a.text);
        assert!(a.dropped.iter().any(|d| d == "Photo: Agency / Someone"));
    }

    #[test]
    fn article_takes_the_lead_paragraph_before_its_container() {
        let lead = "Ministers agreed on Friday to cut the price of gas by a tenth from next month, after two weeks of talks in the capital.";
        let body: String = (0..8).map(|i| format!("<p>{PARA} Part {i}.</p>")).collect();
        let story = |intro: &str| {
            page(&format!(
                "<div class='page'><div class='story'><h1>Gas prices fall</h1><p>3 May 2024</p>\
                 <div class='intro'><p>{intro}</p></div><div class='text'>{body}</div></div>\
                 <div class='more'><p>{PARA} Elsewhere.</p></div></div>"
            ))
        };
        let a = extract(&story(lead));
        assert!(a.text.starts_with(&format!("{lead}\n\n{PARA} Part 0.")), "{}", a.text);
        assert!(!a.text.contains("3 May 2024"), "{}", a.text);
        assert!(!a.text.contains("Gas prices fall"), "{}", a.text);
        // A lead that is a link is a teaser of another page, not this one's lead.
        let linked = format!("<a href='/other'>{lead}</a>");
        let a = extract(&story(&linked));
        assert!(a.text.starts_with(&format!("{PARA} Part 0.")), "{}", a.text);
        assert!(a.dropped.iter().any(|d| d == lead));
    }

    #[test]
    fn article_drops_lines_that_are_only_a_date() {
        for line in ["12.12.2022, 08:30 Uhr", "05:28 PM", "2024-05-03", "3/5/2024"] {
            assert!(date_line(line), "{line}");
        }
        for line in ["In 2024 the rate was 3.5%.", "Chapter 3", "250 g flour", "0.091 GB/s", "Termin: 29.02.2020, 19 Uhr", "The 12.12.2022 meeting of the council ended late."] {
            assert!(!date_line(line), "{line}");
        }
        let html = page(&format!("<article><p>12.12.2022, 08:30 Uhr</p><p>{PARA}</p><p>{PARA}</p></article>"));
        let a = extract(&html);
        assert!(a.text.starts_with(PARA), "{}", a.text);
        assert!(a.dropped.iter().any(|d| d == "12.12.2022, 08:30 Uhr"));
    }

    #[test]
    fn article_keeps_teaser_lists_as_furniture() {
        let item = |i: usize| format!("<li class='teaser'><h3>Story {i}</h3><p>A summary of another story that has no link on its text at all, number {i}.</p></li>");
        let items: String = (0..4).map(item).collect();
        let html = page(&format!("<div class='main'><p>{PARA}</p><p>{PARA}</p><p>{PARA}</p><ul class='list'>{items}</ul></div>"));
        let a = extract(&html);
        assert!(!a.text.contains("A summary of another story"), "{}", a.text);
        assert_eq!(a.text.matches("The minister").count(), 3);
    }

    #[test]
    fn visible_keeps_everything_visible() {
        let dom = Dom::parse("<nav>Menu</nav><p>a</p><script>x</script><footer>f</footer>");
        assert_eq!(visible(&dom), "Menu\na\nf");
    }
}
