//! Ingestion: paths to files, files to raw documents.
//!
//! [`expand`] turns what the user typed (files, directories, globs) into an ordered list of
//! files, so that `doc_id` follows a stable order on every machine. [`load`] reads one input
//! into zero or more [`RawDoc`]s: a text or HTML file is one document, a JSONL file one per
//! record. Failures become documents with an error, never a lost input.

pub mod decode;
pub mod html;

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
    /// JSONL field holding the title, if any.
    pub title_field: String,
    /// JSONL field holding the URL, if any.
    pub url_field: String,
    /// JSONL field holding the publication date, if any.
    pub date_field: String,
    /// Largest input (after decompression) read, in bytes; larger inputs become error rows.
    pub max_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            encoding: None,
            text_field: "text".into(),
            title_field: "title".into(),
            url_field: "url".into(),
            date_field: "date".into(),
            max_bytes: 1 << 30,
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
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Table => "table",
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
        }
    }

    pub fn text(source: impl Into<String>, text: String) -> RawDoc {
        RawDoc { text: Ok(text), ..RawDoc::failed(source, DocError::Empty) }
    }
}

/// Reads one file into its documents: one for text and HTML, one per record for JSONL.
pub fn load(path: &Path, format: Format, opts: &IngestOptions) -> Vec<RawDoc> {
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
    }
}

/// Decodes one document's bytes (text or HTML).
pub fn from_bytes(source: String, bytes: &[u8], format: Format, opts: &IngestOptions) -> RawDoc {
    let decoded = match decode::decode(bytes, opts.encoding.as_deref()) {
        Ok(d) => d,
        Err(e) => return RawDoc::failed(source, e),
    };
    let mut doc = RawDoc::text(source, decoded.text);
    doc.encoding = Some(decoded.encoding);
    if format == Format::Html {
        if let Ok(html) = &doc.text {
            let page = html::visible_text(html);
            doc.title = page.title;
            doc.text = Ok(page.text);
            doc.is_html = true;
        }
    }
    doc
}

/// Reads a file, inflating `.gz`, refusing more than `max_bytes` of content.
fn read_bytes(path: &Path, max_bytes: u64) -> std::result::Result<Vec<u8>, DocError> {
    let file = File::open(path).map_err(|e| DocError::Io(e.to_string()))?;
    let gz = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    if !gz {
        if let Ok(m) = file.metadata() {
            if m.len() > max_bytes {
                return Err(DocError::TooLarge { limit: max_bytes });
            }
        }
    }
    let mut reader: Box<dyn Read> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file)))
    } else {
        Box::new(file)
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
fn jsonl(source: &str, bytes: &[u8], opts: &IngestOptions) -> Vec<RawDoc> {
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
    let text = match obj.get(&opts.text_field) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(_) => {
            let msg = format!("field {:?} is not a string", opts.text_field);
            return RawDoc::failed(source, DocError::BadRecord(msg));
        }
        None => {
            let msg = format!("no {:?} field", opts.text_field);
            return RawDoc::failed(source, DocError::BadRecord(msg));
        }
    };
    RawDoc {
        encoding: Some("utf-8".into()),
        title: field(&opts.title_field),
        url: field(&opts.url_field),
        date: field(&opts.date_field),
        ..RawDoc::text(source, text)
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
        let bad = dir.join("b.txt.gz");
        std::fs::write(&bad, "not gzip at all").unwrap();
        assert!(matches!(load(&bad, Format::Text, &opts)[0].text, Err(DocError::Compression(_))));
    }
}
