//! Ingestion: paths to files, files to raw documents.
//!
//! [`expand`] turns what the user typed (files, directories, globs) into an ordered list of
//! files, so that `doc_id` follows a stable order on every machine. [`load`] reads one input
//! into zero or more [`RawDoc`]s: a text or HTML file is one document, a JSONL file one per
//! record, a WARC file one per HTML response ([`warc`], which also streams). Failures become
//! documents with an error, never a lost input.

pub mod article;
pub mod decode;
pub mod dom;
pub mod html;
pub mod meta;
pub mod warc;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{DocError, Error, Result};

/// Options for reading inputs.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IngestOptions {
    /// Encoding to use instead of detection (a WHATWG label such as `windows-1256`).
    pub encoding: Option<String>,
    /// JSONL field holding the article text.
    pub text_field: String,
    /// JSONL field (or table column) holding the article as HTML, read instead of
    /// `text_field` and parsed as a page; the title, URL and date fields still win over the
    /// page's own.
    pub html_field: Option<String>,
    /// JSONL field holding the title, if any.
    pub title_field: String,
    /// JSONL field holding the URL, if any.
    pub url_field: String,
    /// JSONL field holding the publication date, if any.
    pub date_field: String,
    /// Largest input (after decompression) read, in bytes; larger inputs become error rows.
    pub max_bytes: u64,
    /// What text an HTML page yields.
    pub html: HtmlMode,
}

/// What text an HTML page yields. Metadata (title, date, author, …) is read in every mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HtmlMode {
    /// The article body ([`article::extract`]); the blocks it drops go to `boilerplate`.
    #[default]
    Article,
    /// Every visible text block, nothing removed ([`html::visible_text`]).
    Visible,
    /// The markup itself, as text: offsets then point into the page source.
    Raw,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            encoding: None,
            text_field: "text".into(),
            html_field: None,
            title_field: "title".into(),
            url_field: "url".into(),
            date_field: "date".into(),
            max_bytes: 1 << 30,
            html: HtmlMode::Article,
        }
    }
}

/// How a file is read, decided by its extension (ignoring a trailing `.gz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Jsonl,
    /// Parquet or CSV: read by polars in the Python layer, which hands us records.
    Table,
    /// A WARC archive (`.warc`, `.warc.gz`): one document per HTML response record.
    Warc,
}

impl Format {
    /// The format of `path`, or `None` for extensions newsframe does not read.
    pub fn of(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "txt" | "text" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "jsonl" | "ndjson" => Format::Jsonl,
            "parquet" | "csv" => Format::Table,
            "warc" => Format::Warc,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Table => "table",
            Format::Warc => "warc",
        }
    }
}

/// One input found by [`expand`]: a file to read, or a file that could not even be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    File(PathBuf, Format),
    Failed(PathBuf, DocError),
}

/// The result of [`expand`].
#[derive(Debug, Default)]
pub struct Expanded {
    pub entries: Vec<Entry>,
    /// Files inside directories that were skipped for their extension; reported, not read.
    pub skipped: Vec<PathBuf>,
}

/// Expands files, directories (recursively, sorted by name) and glob patterns into entries,
/// in the order given. A path that does not exist, or a glob that matches nothing, is an
/// error: the user mistyped something and must hear about it before a long run starts.
pub fn expand<S: AsRef<str>>(paths: &[S]) -> Result<Expanded> {
    let mut out = Expanded::default();
    for p in paths {
        let p = p.as_ref();
        let path = Path::new(p);
        if path.exists() || path.is_symlink() {
            add_path(path, true, &mut out);
        } else if p.contains(['*', '?', '[']) {
            // Shell semantics: `*` does not match hidden files.
            let options = glob::MatchOptions { require_literal_leading_dot: true, ..Default::default() };
            let matches = glob::glob_with(p, options)
                .map_err(|e| Error::BadGlob { pattern: p.into(), message: e.to_string() })?;
            let mut found: Vec<PathBuf> = Vec::new();
            for m in matches {
                match m {
                    Ok(m) => found.push(m),
                    Err(e) => out.entries.push(Entry::Failed(
                        e.path().to_path_buf(),
                        DocError::Io(e.error().to_string()),
                    )),
                }
            }
            if found.is_empty() {
                return Err(Error::NotFound(path.to_path_buf()));
            }
            found.sort();
            for m in found {
                add_path(&m, false, &mut out);
            }
        } else {
            return Err(Error::NotFound(path.to_path_buf()));
        }
    }
    Ok(out)
}

fn add_path(path: &Path, explicit: bool, out: &mut Expanded) {
    if !path.is_dir() {
        // A file named explicitly is read whatever its extension: the user asked for it.
        match Format::of(path) {
            Some(f) => out.entries.push(Entry::File(path.to_path_buf(), f)),
            None if explicit => out.entries.push(Entry::File(path.to_path_buf(), Format::Text)),
            None => out.skipped.push(path.to_path_buf()),
        }
        return;
    }
    let walker = walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name();
    let hidden = |e: &walkdir::DirEntry| {
        e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.')
    };
    for item in walker.into_iter().filter_entry(|e| !hidden(e)) {
        match item {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => match Format::of(e.path()) {
                Some(f) => out.entries.push(Entry::File(e.into_path(), f)),
                None => out.skipped.push(e.into_path()),
            },
            Err(e) => {
                let p = e.path().map(Path::to_path_buf).unwrap_or_else(|| path.to_path_buf());
                let msg = if e.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else {
                    e.to_string()
                };
                out.entries.push(Entry::Failed(p, DocError::Io(msg)));
            }
        }
    }
}

/// A document as read, before cleaning.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDoc {
    pub source: String,
    /// The decoded text, or why there is none.
    pub text: std::result::Result<String, DocError>,
    pub encoding: Option<String>,
    pub is_html: bool,
    /// A title given by the input (a JSONL field, an HTML `<title>`).
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    /// The site's name (`og:site_name`, JSON-LD publisher) or host.
    pub site: Option<String>,
    pub canonical_url: Option<String>,
    /// The page's declared language (`<html lang>`), as written (`en-GB`).
    pub lang_hint: Option<String>,
    /// Blocks removed before cleaning (HTML article mode), in page order.
    pub boilerplate: Vec<String>,
}

impl RawDoc {
    pub fn failed(source: impl Into<String>, error: DocError) -> RawDoc {
        RawDoc {
            source: source.into(),
            text: Err(error),
            encoding: None,
            is_html: false,
            title: None,
            url: None,
            date: None,
            author: None,
            site: None,
            canonical_url: None,
            lang_hint: None,
            boilerplate: Vec::new(),
        }
    }

    pub fn text(source: impl Into<String>, text: String) -> RawDoc {
        RawDoc { text: Ok(text), ..RawDoc::failed(source, DocError::Empty) }
    }
}

/// Reads one file into its documents: one for text and HTML, one per record for JSONL, one
/// per HTML response for WARC (with `max_bytes` applying to each record; the pipeline streams
/// WARC files through [`warc::for_each_chunk`] instead, and counts the skipped records).
pub fn load(path: &Path, format: Format, opts: &IngestOptions) -> Vec<RawDoc> {
    if format == Format::Warc {
        return warc::load(path, opts).0;
    }
    let source = path.to_string_lossy().into_owned();
    let bytes = match read_bytes(path, opts.max_bytes) {
        Ok(b) => b,
        Err(e) => return vec![RawDoc::failed(source, e)],
    };
    match format {
        Format::Text | Format::Html => vec![from_bytes(source, &bytes, format, opts)],
        Format::Jsonl => jsonl(&source, &bytes, opts),
        Format::Table => vec![RawDoc::failed(
            source,
            DocError::Unsupported("tables are read through the Python API".into()),
        )],
        Format::Warc => unreachable!("returned above"),
    }
}

/// Decodes one document's bytes (text or HTML).
pub fn from_bytes(source: String, bytes: &[u8], format: Format, opts: &IngestOptions) -> RawDoc {
    from_bytes_declared(source, bytes, format, None, None, opts)
}

/// [`from_bytes`] for a page fetched from `url` (a crawl table): the URL becomes the
/// document's `url` and a source of metadata (a date in its path, the base of a relative
/// canonical link).
pub fn from_bytes_at(source: String, bytes: &[u8], format: Format, url: Option<&str>, opts: &IngestOptions) -> RawDoc {
    from_bytes_declared(source, bytes, format, None, url, opts)
}

/// [`from_bytes_at`] for a payload whose transport declared a charset (the HTTP `Content-Type`
/// of a WARC response): the order is BOM, `encoding=`, that charset, `<meta>`, detection.
///
/// ```
/// use newsframe::ingest::{from_bytes_declared, Format, IngestOptions};
/// let page = b"<html><title>\xc7\xe1\xcc\xd2\xc7\xc6\xd1</title><p>x</p></html>";
/// let doc = from_bytes_declared("a".into(), page, Format::Html, Some("windows-1256"), None, &IngestOptions::default());
/// assert_eq!(doc.title.as_deref(), Some("الجزائر"));
/// assert_eq!(doc.encoding.as_deref(), Some("windows-1256"));
/// ```
pub fn from_bytes_declared(
    source: String,
    bytes: &[u8],
    format: Format,
    http_charset: Option<&str>,
    url: Option<&str>,
    opts: &IngestOptions,
) -> RawDoc {
    let declared = decode::Declared {
        forced: opts.encoding.as_deref(),
        http: http_charset,
        html: format == Format::Html,
    };
    let decoded = match decode::decode_declared(bytes, declared) {
        Ok(d) => d,
        Err(e) => return RawDoc::failed(source, e),
    };
    if format == Format::Html {
        let mut doc = from_html(source, &decoded.text, url, opts.html);
        doc.encoding = Some(decoded.encoding);
        return doc;
    }
    let mut doc = RawDoc::text(source, decoded.text);
    doc.encoding = Some(decoded.encoding);
    doc.url = url.map(str::to_string);
    doc
}

/// An HTML document held in a string (a JSONL field, a table cell) in `given.text`, parsed
/// as a page; the title, URL and date given beside it win over the page's own. The string is
/// already Unicode, so no `<meta>` charset or `encoding=` reinterprets it.
///
/// ```
/// use newsframe::ingest::{from_html_string, IngestOptions, RawDoc};
/// let given = RawDoc::text("row-1", "<title>Page</title><meta charset=koi8-r><p>Алжир</p>".into());
/// let doc = from_html_string(given, &IngestOptions::default());
/// assert_eq!(doc.title.as_deref(), Some("Page"));
/// assert_eq!(doc.text.unwrap().trim(), "Алжир");
/// ```
pub fn from_html_string(given: RawDoc, opts: &IngestOptions) -> RawDoc {
    let html = match given.text {
        Ok(html) => html,
        Err(_) => return given,
    };
    let unforced;
    let opts = if opts.encoding.is_some() {
        unforced = IngestOptions { encoding: None, ..opts.clone() };
        &unforced
    } else {
        opts
    };
    let mut doc = from_bytes_declared(given.source, html.as_bytes(), Format::Html, Some("utf-8"), given.url.as_deref(), opts);
    doc.title = given.title.or(doc.title);
    doc.url = given.url.or(doc.url);
    doc.date = given.date.or(doc.date);
    doc
}

/// One HTML page already decoded: its text as `mode` asks, and its metadata.
///
/// ```
/// use newsframe::ingest::{from_html, HtmlMode};
/// let html = "<html lang=en><head><title>Deal signed | Paper</title></head><body>\
///   <nav><a href=/>Home</a></nav><article><p>The deal was signed in Algiers on Monday by both ministers.</p></article></body></html>";
/// let doc = from_html("a.html".into(), html, Some("https://paper.example/2024/03/05/deal"), HtmlMode::Article);
/// assert_eq!(doc.text.as_deref(), Ok("The deal was signed in Algiers on Monday by both ministers."));
/// assert_eq!(doc.boilerplate, ["Home"]);
/// assert_eq!(doc.title.as_deref(), Some("Deal signed"));
/// assert_eq!(doc.date.as_deref(), Some("2024-03-05"));
/// assert_eq!(doc.lang_hint.as_deref(), Some("en"));
/// ```
pub fn from_html(source: String, html: &str, url: Option<&str>, mode: HtmlMode) -> RawDoc {
    let dom = dom::Dom::parse(html);
    let (text, boilerplate) = match mode {
        HtmlMode::Article => {
            let a = article::extract_dom(&dom);
            (a.text, a.dropped)
        }
        HtmlMode::Visible => (html::visible_text(html).text, Vec::new()),
        HtmlMode::Raw => (html.to_string(), Vec::new()),
    };
    let m = meta::metadata(&dom, url, if mode == HtmlMode::Raw { "" } else { &text });
    RawDoc {
        encoding: Some("utf-8".into()),
        is_html: true,
        title: m.title,
        url: url.map(str::to_string).or_else(|| m.canonical_url.clone()),
        date: m.pub_date,
        author: m.author,
        site: m.site,
        canonical_url: m.canonical_url,
        lang_hint: m.lang_hint,
        boilerplate,
        ..RawDoc::text(source, text)
    }
}

/// Why `path` is not a regular file, if it is not: a named pipe would block the reader
/// forever, and a device such as `/dev/zero` never ends.
fn not_regular(path: &Path) -> Option<&'static str> {
    let ft = std::fs::metadata(path).ok()?.file_type();
    if ft.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a named pipe");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
        if ft.is_char_device() || ft.is_block_device() {
            return Some("a device");
        }
    }
    Some(if ft.is_dir() { "a directory" } else { "not a regular file" })
}

/// Reads a file, inflating `.gz`, refusing more than `max_bytes` of content.
fn read_bytes(path: &Path, max_bytes: u64) -> std::result::Result<Vec<u8>, DocError> {
    // Checked before opening: opening a named pipe blocks until a writer comes.
    if let Some(what) = not_regular(path) {
        return Err(DocError::Unsupported(format!("{what}, not a regular file")));
    }
    let file = File::open(path).map_err(|e| DocError::Io(e.to_string()))?;
    let gz = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    if !gz {
        if let Ok(m) = file.metadata() {
            if m.len() > max_bytes {
                return Err(DocError::TooLarge { limit: max_bytes });
            }
        }
    }
    read_limited(std::io::BufReader::new(file), gz, max_bytes)
}

/// Reads `input` (inflating it when `gz`), refusing more than `max_bytes` of content.
/// [`load`] reads files through it; the fuzz targets feed it bytes.
#[doc(hidden)]
pub fn read_limited(input: impl Read, gz: bool, max_bytes: u64) -> std::result::Result<Vec<u8>, DocError> {
    let mut reader: Box<dyn Read + '_> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(input))
    } else {
        Box::new(input)
    };
    let mut bytes = Vec::new();
    // Read one byte past the limit: that is how a gzip bomb is told from a file at the limit.
    (&mut reader).take(max_bytes + 1).read_to_end(&mut bytes).map_err(|e| {
        if gz && e.kind() != std::io::ErrorKind::PermissionDenied {
            DocError::Compression(e.to_string())
        } else {
            DocError::Io(e.to_string())
        }
    })?;
    if bytes.len() as u64 > max_bytes {
        return Err(DocError::TooLarge { limit: max_bytes });
    }
    Ok(bytes)
}

/// One document per non-blank line; a bad line becomes an error row named `path:line`.
#[doc(hidden)]
pub fn jsonl(source: &str, bytes: &[u8], opts: &IngestOptions) -> Vec<RawDoc> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut docs = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.trim_ascii().is_empty() {
            continue;
        }
        let name = format!("{source}:{}", i + 1);
        docs.push(record(name, line, opts));
    }
    if docs.is_empty() {
        docs.push(RawDoc::failed(source, DocError::Empty));
    }
    docs
}

/// One JSONL record (a line) as a document; `source` names it (`path:line`).
pub fn record(source: String, line: &[u8], opts: &IngestOptions) -> RawDoc {
    let value: serde_json::Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => return RawDoc::failed(source, DocError::BadRecord(format!("invalid JSON: {e}"))),
    };
    let Some(obj) = value.as_object() else {
        return RawDoc::failed(source, DocError::BadRecord("not a JSON object".into()));
    };
    let field = |name: &str| obj.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    let content_field = opts.html_field.as_deref().unwrap_or(&opts.text_field);
    let text = match obj.get(content_field) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(_) => {
            let msg = format!("field {content_field:?} is not a string");
            return RawDoc::failed(source, DocError::BadRecord(msg));
        }
        None => {
            let msg = format!("no {content_field:?} field");
            return RawDoc::failed(source, DocError::BadRecord(msg));
        }
    };
    let doc = RawDoc {
        encoding: Some("utf-8".into()),
        title: field(&opts.title_field),
        url: field(&opts.url_field),
        date: field(&opts.date_field),
        ..RawDoc::text(source, text)
    };
    if opts.html_field.is_some() {
        from_html_string(doc, opts)
    } else {
        doc
    }
}


#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn tmp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("newsframe-ingest-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn format_of_cases() {
        let cases = [
            ("a.txt", Some(Format::Text)),
            ("a.TXT.gz", Some(Format::Text)),
            ("a.htm", Some(Format::Html)),
            ("b.ndjson", Some(Format::Jsonl)),
            ("c.parquet", Some(Format::Table)),
            ("crawl.warc", Some(Format::Warc)),
            ("CC-NEWS-20241201.warc.gz", Some(Format::Warc)),
            ("d.png", None),
            ("noext", None),
        ];
        for (name, want) in cases {
            assert_eq!(Format::of(Path::new(name)), want, "{name}");
        }
    }

    #[test]
    fn expand_sorts_recurses_and_skips() {
        let dir = tmp("expand");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        for f in ["b.txt", "a.txt", "sub/c.html", "x.png", ".hidden.txt"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let got = expand(&[dir.to_str().unwrap()]).unwrap();
        let names: Vec<_> = got
            .entries
            .iter()
            .map(|e| match e {
                Entry::File(p, _) => p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned(),
                Entry::Failed(p, _) => panic!("{p:?}"),
            })
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "sub/c.html"]);
        assert_eq!(got.skipped.len(), 1);
        let glob = format!("{}/*.txt", dir.display());
        assert_eq!(expand(&[glob]).unwrap().entries.len(), 2);
    }

    #[test]
    fn expand_missing_is_an_error() {
        assert!(matches!(expand(&["/no/such/file.txt"]), Err(Error::NotFound(_))));
        assert!(matches!(expand(&["/no/such/*.txt"]), Err(Error::NotFound(_))));
    }

    #[test]
    fn load_jsonl_keeps_bad_lines_as_rows() {
        let dir = tmp("jsonl");
        let p = dir.join("a.jsonl");
        std::fs::write(
            &p,
            "{\"text\": \"one\", \"title\": \"T\"}\n\nnot json\n{\"body\": 1}\n{\"text\": \"two\"}\n",
        )
        .unwrap();
        let docs = load(&p, Format::Jsonl, &IngestOptions::default());
        assert_eq!(docs.len(), 4);
        assert_eq!(docs[0].text.as_deref(), Ok("one"));
        assert_eq!(docs[0].title.as_deref(), Some("T"));
        assert!(matches!(docs[1].text, Err(DocError::BadRecord(_))));
        assert!(docs[1].source.ends_with(":3"));
        assert!(matches!(docs[2].text, Err(DocError::BadRecord(_))));
        assert_eq!(docs[3].text.as_deref(), Ok("two"));
    }

    #[test]
    fn load_jsonl_html_field() {
        let dir = tmp("jsonl-html");
        let p = dir.join("a.jsonl");
        let lines = [
            r#"{"html": "<html><head><title>From page</title><script>x()</script></head><body><p>One &amp; two.</p></body></html>", "url": "https://x.example/1"}"#,
            r#"{"html": "<title>From page</title><p>Body</p>", "title": "Given title"}"#,
            r#"{"text": "plain only"}"#,
        ];
        std::fs::write(&p, lines.join("\n")).unwrap();
        let opts = IngestOptions { html_field: Some("html".into()), encoding: Some("koi8-r".into()), ..Default::default() };
        let docs = load(&p, Format::Jsonl, &opts);
        assert_eq!(docs[0].title.as_deref(), Some("From page"));
        assert_eq!(docs[0].text.as_deref().map(str::trim), Ok("One & two."));
        assert!(docs[0].is_html);
        assert_eq!(docs[0].url.as_deref(), Some("https://x.example/1"));
        assert_eq!(docs[1].title.as_deref(), Some("Given title"));
        assert_eq!(docs[2].text, Err(DocError::BadRecord("no \"html\" field".into())));
        // Without html_field the markup is text.
        let docs = load(&p, Format::Jsonl, &IngestOptions { text_field: "html".into(), ..Default::default() });
        assert!(docs[0].text.as_ref().unwrap().contains("<script>"));
    }

    #[test]
    fn load_gzip_and_limits() {
        let dir = tmp("gz");
        let p = dir.join("a.txt.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&vec![b'a'; 10_000]).unwrap();
        std::fs::write(&p, enc.finish().unwrap()).unwrap();
        let opts = IngestOptions { max_bytes: 1000, ..Default::default() };
        let docs = load(&p, Format::Text, &opts);
        assert_eq!(docs[0].text, Err(DocError::TooLarge { limit: 1000 }));
        let docs = load(&p, Format::Text, &IngestOptions::default());
        assert_eq!(docs[0].text.as_ref().unwrap().len(), 10_000);
        #[cfg(unix)]
        {
            let fifo = dir.join("pipe.txt");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
            if made {
                let e = load(&fifo, Format::Text, &opts)[0].text.clone().unwrap_err().to_string();
                assert!(e.starts_with("[D009] unsupported input: a named pipe"), "{e}");
            }
            let e = load(Path::new("/dev/zero"), Format::Text, &opts)[0].text.clone().unwrap_err().to_string();
            assert!(e.starts_with("[D009] unsupported input: a device"), "{e}");
        }
        let bad = dir.join("b.txt.gz");
        std::fs::write(&bad, "not gzip at all").unwrap();
        assert!(matches!(load(&bad, Format::Text, &opts)[0].text, Err(DocError::Compression(_))));
    }
}
