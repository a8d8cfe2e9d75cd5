//! WARC archives, as web crawlers and Common Crawl's news crawl write them.
//!
//! [`Reader`] streams records from any `BufRead` (a `.warc`, or a `.warc.gz` of one gzip
//! member per record through flate2's `MultiGzDecoder`), reading into memory only the blocks
//! it is asked for and skipping the others without buffering them. [`to_doc`] turns a
//! `response` record into a document: it parses the HTTP head, undoes chunked transfer and
//! gzip/deflate content encoding, and keeps the payload only when it is HTML (by
//! `Content-Type`, by Common Crawl's `WARC-Identified-Payload-Type`, or sniffed when neither
//! says). Every other record is skipped with a [`Skip`] reason, which callers count.
//! [`for_each_chunk`] drives the two in bounded chunks, converting each chunk in parallel, so
//! an archive of any size is never held in memory.
//!
//! A small reader of our own rather than the `warc` crate: that crate reads every block into
//! memory (1 MB buffer per record), needs libflate, nom, chrono, url and uuid 0.8, and cannot
//! skip an unwanted block without reading it; the format itself is a few header lines and a
//! `Content-Length`.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use rayon::prelude::*;

use crate::error::DocError;
use crate::ingest::{decode, from_bytes_declared, Format, IngestOptions, RawDoc};

/// Records converted together; with [`CHUNK_BYTES`], bounds the memory of a streamed archive.
pub const CHUNK_RECORDS: usize = 256;
/// Block bytes read into one chunk at most (a chunk always holds at least one record).
pub const CHUNK_BYTES: usize = 32 << 20;
/// Largest WARC or HTTP header section accepted; beyond it the input is not a WARC file.
const MAX_HEAD: u64 = 1 << 20;

/// The named fields of a WARC or HTTP header, in file order; names compare ASCII
/// case-insensitively.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers(pub Vec<(String, String)>);

impl Headers {
    /// The first value of `name`, trimmed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim())
    }

    /// Parses `Name: value` lines; a line starting with a space or tab continues the previous
    /// value (obsolete line folding, still written by some crawlers).
    fn parse(text: &str) -> Headers {
        let mut fields: Vec<(String, String)> = Vec::new();
        for line in text.lines() {
            if line.starts_with([' ', '\t']) {
                if let Some((_, v)) = fields.last_mut() {
                    v.push(' ');
                    v.push_str(line.trim());
                }
            } else if let Some((name, value)) = line.split_once(':') {
                fields.push((name.trim().to_string(), value.trim().to_string()));
            }
        }
        Headers(fields)
    }
}

/// One WARC record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// `WARC/1.0`, `WARC/1.1`.
    pub version: String,
    pub headers: Headers,
    /// Offset of the record in the (decompressed) stream.
    pub offset: u64,
    pub content_length: u64,
    pub block: Block,
}

impl Record {
    /// The `WARC-Type`, lowercased (`response`, `request`, `warcinfo`, …).
    pub fn warc_type(&self) -> String {
        self.headers.get("WARC-Type").unwrap_or("").to_ascii_lowercase()
    }
}

/// The block of a record, as far as the reader was asked to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Read(Vec<u8>),
    /// Not asked for: skipped without being held in memory.
    Skipped,
    /// Asked for, but longer than the reader's limit: skipped.
    TooLarge,
}

/// A failure that ends the reading of a stream: a damaged or truncated file, or not a WARC
/// file at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub offset: u64,
    pub error: DocError,
}

/// Streams the records of a WARC file.
///
/// ```
/// use newsframe::ingest::warc::{Block, Reader};
/// let warc = b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n\
///              WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n";
/// let mut reader = Reader::new(&warc[..], 1 << 20);
/// let first = reader.next_record(|h| h.get("WARC-Type") == Some("resource")).unwrap().unwrap();
/// assert_eq!((first.warc_type().as_str(), &first.block), ("warcinfo", &Block::Skipped));
/// let second = reader.next_record(|_| true).unwrap().unwrap();
/// assert_eq!(second.block, Block::Read(b"hi".to_vec()));
/// assert!(reader.next_record(|_| true).is_none());
/// ```
pub struct Reader<R> {
    inner: R,
    offset: u64,
    max_block: u64,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    /// A reader that reads blocks of at most `max_block` bytes into memory.
    pub fn new(inner: R, max_block: u64) -> Self {
        Reader { inner, offset: 0, max_block, done: false }
    }

    /// The next record, reading its block when `want(headers)` says so; `None` at the end of
    /// the stream and after an error.
    pub fn next_record(&mut self, want: impl FnOnce(&Headers) -> bool) -> Option<Result<Record, ReadError>> {
        if self.done {
            return None;
        }
        let record = self.read_record(want);
        if !matches!(record, Some(Ok(_))) {
            self.done = true;
        }
        record
    }

    fn read_record(&mut self, want: impl FnOnce(&Headers) -> bool) -> Option<Result<Record, ReadError>> {
        // Records end with two CRLFs; tolerate more, fewer, or bare LFs between them.
        let (version, offset) = loop {
            let start = self.offset;
            let line = match self.line() {
                Ok(Some(l)) => l,
                Ok(None) => return None,
                Err(e) => return Some(Err(e)),
            };
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if !text.is_empty() {
                break (text.to_string(), start);
            }
        };
        if !version.starts_with("WARC/") {
            let shown: String = version.chars().take(40).collect();
            let msg = format!("not a WARC record at byte {offset}: {shown:?}");
            return Some(Err(ReadError { offset, error: DocError::BadRecord(msg) }));
        }
        let mut head = String::new();
        loop {
            match self.line() {
                Ok(Some(l)) if l.trim_ascii().is_empty() => break,
                Ok(Some(l)) => head.push_str(&String::from_utf8_lossy(&l)),
                Ok(None) => return Some(Err(self.truncated(offset))),
                Err(e) => return Some(Err(e)),
            }
            if head.len() as u64 > MAX_HEAD {
                let msg = format!("WARC header of the record at byte {offset} exceeds {MAX_HEAD} bytes");
                return Some(Err(ReadError { offset, error: DocError::BadRecord(msg) }));
            }
        }
        let headers = Headers::parse(&head);
        let Some(content_length) = headers.get("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
            let msg = format!("the record at byte {offset} has no valid Content-Length");
            return Some(Err(ReadError { offset, error: DocError::BadRecord(msg) }));
        };
        let wanted = want(&headers);
        let block = if wanted && content_length <= self.max_block {
            let mut buf = Vec::with_capacity(content_length.min(1 << 20) as usize);
            match (&mut self.inner).take(content_length).read_to_end(&mut buf) {
                Ok(n) if n as u64 == content_length => {}
                Ok(_) => return Some(Err(self.truncated(offset))),
                Err(e) => return Some(Err(self.io_error(e))),
            }
            Block::Read(buf)
        } else {
            match io::copy(&mut (&mut self.inner).take(content_length), &mut io::sink()) {
                Ok(n) if n == content_length => {}
                Ok(_) => return Some(Err(self.truncated(offset))),
                Err(e) => return Some(Err(self.io_error(e))),
            }
            if wanted { Block::TooLarge } else { Block::Skipped }
        };
        self.offset += content_length;
        Some(Ok(Record { version, headers, offset, content_length, block }))
    }

    /// One line, with its line ending; `None` at the end of the stream.
    fn line(&mut self) -> Result<Option<Vec<u8>>, ReadError> {
        let mut line = Vec::new();
        let n = (&mut self.inner).take(MAX_HEAD).read_until(b'\n', &mut line).map_err(|e| self.io_error(e))?;
        self.offset += n as u64;
        Ok((n > 0).then_some(line))
    }

    fn truncated(&self, offset: u64) -> ReadError {
        let msg = format!("the record at byte {offset} is cut short by the end of the file");
        ReadError { offset, error: DocError::BadRecord(msg) }
    }

    fn io_error(&self, e: io::Error) -> ReadError {
        // flate2 reports corrupt gzip data as InvalidInput / InvalidData.
        let error = if matches!(e.kind(), io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput) {
            DocError::Compression(format!("{e} (near byte {} of the decompressed stream)", self.offset))
        } else {
            DocError::Io(e.to_string())
        };
        ReadError { offset: self.offset, error }
    }
}

impl<R: BufRead> Reader<R> {
    /// Like [`next_record`](Self::next_record) with a predicate over record types.
    pub fn next_of_types(&mut self, types: &[&str]) -> Option<Result<Record, ReadError>> {
        self.next_record(|h| h.get("WARC-Type").is_some_and(|t| types.iter().any(|w| t.eq_ignore_ascii_case(w))))
    }
}

/// Opens a WARC file, gzipped (one member per record, or one for the whole file) or not;
/// compression is recognised by its magic bytes, whatever the file is called.
pub fn open(path: &Path, max_block: u64) -> Result<Reader<Box<dyn BufRead + Send>>, DocError> {
    let file = File::open(path).map_err(|e| DocError::Io(e.to_string()))?;
    let mut buffered = BufReader::with_capacity(1 << 16, file);
    let gz = buffered.fill_buf().map_err(|e| DocError::Io(e.to_string()))?.starts_with(b"\x1f\x8b");
    let inner: Box<dyn BufRead + Send> = if gz {
        Box::new(BufReader::with_capacity(1 << 16, flate2::bufread::MultiGzDecoder::new(buffered)))
    } else {
        Box::new(buffered)
    };
    Ok(Reader::new(inner, max_block))
}

/// Why a record is not a document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    /// Not a `response` record: `warcinfo`, `request`, `metadata`, `revisit`, …
    RecordType,
    /// A response whose HTTP status is not 2xx (redirects, errors).
    Status(u16),
    /// A response whose payload is not HTML; the media type.
    NotHtml(String),
}

impl Skip {
    /// The reason column: `record type`, `http status`, `not html`.
    pub fn reason(&self) -> &'static str {
        match self {
            Skip::RecordType => "record type",
            Skip::Status(_) => "http status",
            Skip::NotHtml(_) => "not html",
        }
    }

    /// The detail column: the status code or the media type.
    pub fn detail(&self) -> Option<String> {
        match self {
            Skip::RecordType => None,
            Skip::Status(s) => Some(s.to_string()),
            Skip::NotHtml(t) => Some(t.clone()),
        }
    }
}

/// Skipped records of one input, grouped: one row of the `skipped` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The WARC file.
    pub source: String,
    /// The `WARC-Type` of the records.
    pub record_type: String,
    pub reason: &'static str,
    pub detail: Option<String>,
    pub count: u64,
}

/// What one record becomes.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Doc(RawDoc),
    Skip(Skip),
}

/// Turns one record into a document (an HTML response), an error row (a response that
/// should be HTML but cannot be read), or a skip. The document's source is the
/// `WARC-Target-URI` and the `WARC-Record-ID`; its `url` is the target URI.
///
/// ```
/// use newsframe::ingest::warc::{to_doc, Outcome, Reader};
/// use newsframe::ingest::IngestOptions;
/// let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1256\r\n\r\n<title>\xc7\xe1\xcc\xd2\xc7\xc6\xd1</title>";
/// let warc = [format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/a\r\n\
///     WARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\n\
///     Content-Length: {}\r\n\r\n", http.len()).as_bytes(), http, b"\r\n\r\n"].concat();
/// let record = Reader::new(&warc[..], 1 << 20).next_of_types(&["response"]).unwrap().unwrap();
/// let Outcome::Doc(doc) = to_doc(record, "x.warc", &IngestOptions::default()) else { panic!() };
/// assert_eq!(doc.source, "https://example.com/a <urn:uuid:1>");
/// assert_eq!((doc.title.as_deref(), doc.encoding.as_deref()), (Some("الجزائر"), Some("windows-1256")));
/// ```
pub fn to_doc(record: Record, path: &str, opts: &IngestOptions) -> Outcome {
    if record.warc_type() != "response" {
        return Outcome::Skip(Skip::RecordType);
    }
    let h = &record.headers;
    let uri = h.get("WARC-Target-URI").map(|u| u.trim_start_matches('<').trim_end_matches('>').to_string());
    let id = h.get("WARC-Record-ID").map(str::to_string);
    let source = match (&uri, &id) {
        (Some(u), Some(i)) => format!("{u} {i}"),
        (Some(u), None) => format!("{u} {path}@{}", record.offset),
        (None, Some(i)) => i.clone(),
        (None, None) => format!("{path}@{}", record.offset),
    };
    let record_type = h.get("Content-Type").unwrap_or("application/http").to_ascii_lowercase();
    if !record_type.starts_with("application/http") {
        return Outcome::Skip(Skip::NotHtml(media_type(&record_type)));
    }
    let block = match record.block {
        Block::Read(b) => b,
        Block::TooLarge => {
            return Outcome::Doc(with_url(RawDoc::failed(source, DocError::TooLarge { limit: opts.max_bytes }), uri))
        }
        Block::Skipped => return Outcome::Skip(Skip::RecordType),
    };
    let response = match HttpResponse::parse(&block) {
        Ok(r) => r,
        Err(msg) => return Outcome::Doc(with_url(RawDoc::failed(source, DocError::BadRecord(msg)), uri)),
    };
    if !(200..300).contains(&response.status) {
        return Outcome::Skip(Skip::Status(response.status));
    }
    let content_type = response.headers.get("Content-Type").unwrap_or("");
    let declared = media_type(content_type);
    let identified = h.get("WARC-Identified-Payload-Type").map(media_type);
    let generic = matches!(declared.as_str(), "" | "application/octet-stream" | "unknown/unknown" | "*/*");
    let payload = match response.payload(opts.max_bytes) {
        Ok(p) => p,
        Err(e) => {
            // Only HTML payloads are documents: an unreadable image is a skip, not an error.
            return if is_html_type(&declared) || (generic && identified.as_deref().is_some_and(is_html_type)) {
                Outcome::Doc(with_url(RawDoc::failed(source, e), uri))
            } else {
                Outcome::Skip(Skip::NotHtml(declared))
            };
        }
    };
    let html = if generic {
        match &identified {
            Some(t) if !t.is_empty() && !matches!(t.as_str(), "application/octet-stream" | "unknown/unknown") => is_html_type(t),
            _ => sniff_html(&payload),
        }
    } else {
        is_html_type(&declared)
    };
    if !html {
        let shown = if generic { identified.filter(|t| !t.is_empty()).unwrap_or(declared) } else { declared };
        return Outcome::Skip(Skip::NotHtml(shown));
    }
    let charset = decode::charset_in_content(content_type.as_bytes()).map(|c| String::from_utf8_lossy(&c).into_owned());
    let doc = from_bytes_declared(source, &payload, Format::Html, charset.as_deref(), uri.as_deref(), opts);
    Outcome::Doc(with_url(doc, uri))
}

/// The fetched URI is the document's URL: it is what the crawler asked for.
fn with_url(mut doc: RawDoc, uri: Option<String>) -> RawDoc {
    if uri.is_some() {
        doc.url = uri;
    }
    doc
}

/// `text/html; charset=x` → `text/html`.
fn media_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

fn is_html_type(media: &str) -> bool {
    matches!(media, "text/html" | "application/xhtml+xml")
}

/// Whether a payload of unknown type starts like an HTML document.
fn sniff_html(payload: &[u8]) -> bool {
    let p = payload.strip_prefix(b"\xef\xbb\xbf").unwrap_or(payload);
    let start = p.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(p.len());
    let head = &p[start..p.len().min(start + 16)];
    [&b"<!doctype html"[..], b"<html", b"<head", b"<body", b"<!--"]
        .iter()
        .any(|m| head.len() >= m.len() && head[..m.len()].eq_ignore_ascii_case(m))
}

/// An HTTP response stored in a WARC `response` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse<'a> {
    pub status: u16,
    pub headers: Headers,
    /// The body as stored: possibly chunked, possibly compressed.
    pub body: &'a [u8],
}

impl<'a> HttpResponse<'a> {
    /// Parses the status line and headers; the body is what follows the blank line.
    pub fn parse(block: &'a [u8]) -> Result<HttpResponse<'a>, String> {
        let limit = block.len().min(MAX_HEAD as usize);
        let (head_end, body_start) = match find(&block[..limit], b"\r\n\r\n") {
            Some(i) => (i, i + 4),
            None => match find(&block[..limit], b"\n\n") {
                Some(i) => (i, i + 2),
                // A head with no body at all.
                None if block.starts_with(b"HTTP/") => (block.len(), block.len()),
                None => return Err("no HTTP response head".into()),
            },
        };
        let head = String::from_utf8_lossy(&block[..head_end]);
        let (status_line, rest) = head.split_once('\n').unwrap_or((&head, ""));
        let mut parts = status_line.split_whitespace();
        let version = parts.next().unwrap_or("");
        let status = parts.next().and_then(|s| s.parse::<u16>().ok());
        let status = match status {
            Some(s) if version.starts_with("HTTP/") => s,
            _ => {
                let shown: String = status_line.trim().chars().take(40).collect();
                return Err(format!("bad HTTP status line {shown:?}"));
            }
        };
        Ok(HttpResponse { status, headers: Headers::parse(rest), body: &block[body_start..] })
    }

    /// The body with chunked transfer coding and gzip/deflate content coding undone, at most
    /// `max_bytes`. Crawlers that store payloads already decoded (Common Crawl does) keep the
    /// headers: a body that does not look chunked or compressed is taken as it is.
    pub fn payload(&self, max_bytes: u64) -> Result<std::borrow::Cow<'a, [u8]>, DocError> {
        use std::borrow::Cow;
        let mut body: Cow<'a, [u8]> = Cow::Borrowed(self.body);
        let transfer = self.headers.get("Transfer-Encoding").unwrap_or("").to_ascii_lowercase();
        if transfer.contains("chunked") {
            if let Some(unchunked) = dechunk(&body)? {
                body = Cow::Owned(unchunked);
            }
        }
        let coding = self.headers.get("Content-Encoding").unwrap_or("").trim().to_ascii_lowercase();
        body = match coding.as_str() {
            "" | "identity" | "none" => body,
            "gzip" | "x-gzip" if body.starts_with(b"\x1f\x8b") => {
                Cow::Owned(inflate(flate2::read::MultiGzDecoder::new(&body[..]), max_bytes)?)
            }
            // zlib-wrapped, as the standard says, or raw deflate, as some servers send.
            "deflate" if body.len() > 1 && body[0] & 0x0f == 8 && (u16::from(body[0]) << 8 | u16::from(body[1])) % 31 == 0 => {
                Cow::Owned(inflate(flate2::read::ZlibDecoder::new(&body[..]), max_bytes)?)
            }
            "deflate" if !sniff_html(&body) => Cow::Owned(inflate(flate2::read::DeflateDecoder::new(&body[..]), max_bytes)?),
            "gzip" | "x-gzip" | "deflate" => body,
            other => {
                if sniff_html(&body) {
                    body
                } else {
                    return Err(DocError::Unsupported(format!("HTTP Content-Encoding {other:?}")));
                }
            }
        };
        if body.len() as u64 > max_bytes {
            return Err(DocError::TooLarge { limit: max_bytes });
        }
        Ok(body)
    }
}

/// Undoes chunked transfer coding; `Ok(None)` when the body does not start with a chunk
/// size (stored already de-chunked).
fn dechunk(body: &[u8]) -> Result<Option<Vec<u8>>, DocError> {
    let bad = |msg: &str| DocError::BadRecord(format!("chunked HTTP body: {msg}"));
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    loop {
        let Some(eol) = rest.iter().position(|&c| c == b'\n') else {
            if first {
                return Ok(None);
            }
            // A body cut after its last chunk's data: keep what arrived.
            break;
        };
        let line = String::from_utf8_lossy(&rest[..eol]);
        let size_text = line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            if first {
                return Ok(None);
            }
            return Err(bad(&format!("bad chunk size {:?}", size_text.chars().take(20).collect::<String>())));
        };
        first = false;
        rest = &rest[eol + 1..];
        if size == 0 {
            break;
        }
        if size > rest.len() {
            // Truncated by the crawler's size limit: keep what arrived.
            out.extend_from_slice(rest);
            break;
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r\n").or_else(|| rest.strip_prefix(b"\n")).unwrap_or(rest);
    }
    Ok(Some(out))
}

fn inflate(reader: impl Read, max_bytes: u64) -> Result<Vec<u8>, DocError> {
    let mut out = Vec::new();
    match reader.take(max_bytes + 1).read_to_end(&mut out) {
        // A response cut by the crawler's size limit ends in the middle of the stream: keep
        // what inflated.
        Err(e) if out.is_empty() => return Err(DocError::Compression(format!("HTTP body: {e}"))),
        _ => {}
    }
    if out.len() as u64 > max_bytes {
        return Err(DocError::TooLarge { limit: max_bytes });
    }
    Ok(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads the WARC file at `path` in chunks of at most [`CHUNK_RECORDS`] records and
/// [`CHUNK_BYTES`] bytes of blocks, converts each chunk in parallel, and hands its documents
/// to `sink` in record order; the next chunk is read while `sink` works. Returns the skipped
/// records, grouped by record type, reason and detail.
///
/// A file that yields no document still yields one row: the error that stopped it, or
/// `[D009]` saying that it holds no HTML response. A damaged file yields the documents
/// before the damage, then an error row.
pub fn for_each_chunk(
    path: &Path,
    opts: &IngestOptions,
    mut sink: impl FnMut(Vec<RawDoc>) + Send,
) -> Vec<Skipped> {
    let name = path.to_string_lossy().into_owned();
    let mut reader = match open(path, opts.max_bytes) {
        Ok(r) => r,
        Err(e) => {
            sink(vec![RawDoc::failed(name, e)]);
            return Vec::new();
        }
    };
    let mut counts: BTreeMap<(String, Skip), u64> = BTreeMap::new();
    let mut n_docs = 0usize;
    let mut handle = |(records, failure): Chunk, last: bool| {
        let outcomes: Vec<(String, Outcome)> = records
            .into_par_iter()
            .map(|r| {
                let (record_type, offset) = (r.warc_type(), r.offset);
                // A bug on one record must not cost the archive.
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| to_doc(r, &name, opts)))
                    .unwrap_or_else(|_| {
                        let e = DocError::Internal(format!("panic while reading the record at byte {offset}"));
                        Outcome::Doc(RawDoc::failed(format!("{name}@{offset}"), e))
                    });
                (record_type, outcome)
            })
            .collect();
        let mut docs = Vec::new();
        for (record_type, outcome) in outcomes {
            match outcome {
                Outcome::Doc(d) => docs.push(d),
                Outcome::Skip(s) => *counts.entry((record_type, s)).or_default() += 1,
            }
        }
        if let Some(f) = failure {
            docs.push(RawDoc::failed(format!("{name}@{}", f.offset), f.error));
        }
        if n_docs == 0 && last && docs.is_empty() {
            let skipped: u64 = counts.values().sum();
            let msg = format!("no HTML response record in this WARC file ({skipped} records skipped)");
            docs.push(RawDoc::failed(name.clone(), DocError::Unsupported(msg)));
        }
        n_docs += docs.len();
        if !docs.is_empty() {
            sink(docs);
        }
    };
    let mut chunk = read_chunk(&mut reader);
    loop {
        let last = chunk.1.is_some() || chunk.0.is_empty();
        if last {
            handle(chunk, true);
            break;
        }
        // Read the next chunk while this one is converted and handed over.
        let ((), next) = rayon::join(|| handle(chunk, false), || read_chunk(&mut reader));
        chunk = next;
    }
    counts
        .into_iter()
        .map(|((record_type, skip), count)| Skipped {
            source: name.clone(),
            record_type,
            reason: skip.reason(),
            detail: skip.detail(),
            count,
        })
        .collect()
}

type Chunk = (Vec<Record>, Option<ReadError>);

fn read_chunk<R: BufRead>(reader: &mut Reader<R>) -> Chunk {
    let mut records = Vec::new();
    let mut bytes = 0usize;
    while records.len() < CHUNK_RECORDS && bytes < CHUNK_BYTES {
        match reader.next_of_types(&["response"]) {
            None => break,
            Some(Ok(r)) => {
                if let Block::Read(b) = &r.block {
                    bytes += b.len();
                }
                records.push(r);
            }
            Some(Err(e)) => return (records, Some(e)),
        }
    }
    (records, None)
}

/// All documents of a WARC file and its skipped records, read as [`for_each_chunk`] does.
pub fn load(path: &Path, opts: &IngestOptions) -> (Vec<RawDoc>, Vec<Skipped>) {
    let mut docs = Vec::new();
    let skipped = for_each_chunk(path, opts, |chunk| docs.extend(chunk));
    (docs, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// One WARC record, as writers lay it out.
    fn record(warc_type: &str, extra: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
        let mut head = format!("WARC/1.1\r\nWARC-Type: {warc_type}\r\n");
        for (k, v) in extra {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
        [head.as_bytes(), block, b"\r\n\r\n"].concat()
    }

    fn response(uri: &str, id: &str, http: &[u8]) -> Vec<u8> {
        record(
            "response",
            &[
                ("WARC-Target-URI", uri),
                ("WARC-Record-ID", id),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            http,
        )
    }

    fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {status}\r\n");
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        [head.as_bytes(), body].concat()
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    fn tmp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("newsframe-warc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    const PAGE: &str = "<html><head><title>Talks</title></head><body><p>Algeria and Russia met in Algiers.</p></body></html>";

    fn mixed() -> Vec<Vec<u8>> {
        let arabic = "<html><head><meta charset=\"windows-1256\"><title>خبر</title></head><body><p>وقعت الجزائر وروسيا اتفاقية تعاون.</p></body></html>";
        let (w1256, _, _) = encoding_rs::WINDOWS_1256.encode(arabic);
        vec![
            record("warcinfo", &[("Content-Type", "application/warc-fields")], b"software: test\r\n"),
            record("request", &[("WARC-Target-URI", "https://a.example/1")], b"GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            response("https://a.example/1", "<urn:uuid:1>", &http("200 OK", &[("Content-Type", "text/html; charset=utf-8")], PAGE.as_bytes())),
            record("metadata", &[("WARC-Target-URI", "https://a.example/1")], b"fetchTimeMs: 12\r\n"),
            response("https://a.example/logo.png", "<urn:uuid:2>", &http("200 OK", &[("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n\0\0")),
            response("https://a.example/old", "<urn:uuid:3>", &http("301 Moved Permanently", &[("Location", "/new"), ("Content-Type", "text/html")], b"<html>moved</html>")),
            record("revisit", &[("WARC-Target-URI", "https://a.example/1"), ("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")], b"HTTP/1.1 200 OK\r\n\r\n"),
            response("https://b.example/ar", "<urn:uuid:4>", &http("200 OK", &[("Content-Type", "text/html")], &w1256)),
        ]
    }

    fn sources(docs: &[RawDoc]) -> Vec<&str> {
        docs.iter().map(|d| d.source.as_str()).collect()
    }

    #[test]
    fn mixed_records_plain_and_gzip_per_record() {
        let records = mixed();
        let plain = tmp("mixed.warc", &records.concat());
        let gz = tmp("mixed.warc.gz", &records.iter().map(|r| gzip(r)).collect::<Vec<_>>().concat());
        for path in [plain, gz] {
            let (docs, skipped) = load(&path, &IngestOptions::default());
            assert_eq!(sources(&docs), ["https://a.example/1 <urn:uuid:1>", "https://b.example/ar <urn:uuid:4>"], "{path:?}");
            assert_eq!(docs[0].title.as_deref(), Some("Talks"));
            assert!(docs[0].text.as_ref().unwrap().contains("Algeria and Russia met"));
            assert_eq!(docs[0].url.as_deref(), Some("https://a.example/1"));
            assert_eq!(docs[0].encoding.as_deref(), Some("utf-8"));
            assert_eq!(docs[1].encoding.as_deref(), Some("windows-1256"));
            assert!(docs[1].text.as_ref().unwrap().contains("وقعت الجزائر وروسيا"));
            let rows: Vec<(&str, &str, Option<&str>, u64)> = skipped
                .iter()
                .map(|s| (s.record_type.as_str(), s.reason, s.detail.as_deref(), s.count))
                .collect();
            assert_eq!(
                rows,
                [
                    ("metadata", "record type", None, 1),
                    ("request", "record type", None, 1),
                    ("response", "http status", Some("301"), 1),
                    ("response", "not html", Some("image/png"), 1),
                    ("revisit", "record type", None, 1),
                    ("warcinfo", "record type", None, 1),
                ]
            );
        }
    }

    #[test]
    fn skipped_blocks_are_not_read_into_memory() {
        let big = vec![b'x'; 3 << 20];
        let warc = [record("resource", &[], &big), record("warcinfo", &[], b"x")].concat();
        let mut reader = Reader::new(&warc[..], 1 << 20);
        let r = reader.next_of_types(&["resource"]).unwrap().unwrap();
        assert_eq!((r.block, r.content_length), (Block::TooLarge, 3 << 20));
        let r = reader.next_of_types(&["resource"]).unwrap().unwrap();
        assert_eq!((r.warc_type().as_str(), r.block), ("warcinfo", Block::Skipped));
        assert_eq!(r.offset as usize, warc.len() - record("warcinfo", &[], b"x").len());
    }

    #[test]
    fn chunked_and_gzip_payloads() {
        let body = PAGE.as_bytes();
        let chunked = [format!("{:x};ext=1\r\n", 10).as_bytes(), &body[..10], b"\r\n", format!("{:X}\r\n", body.len() - 10).as_bytes(), &body[10..], b"\r\n0\r\n\r\n"].concat();
        let cases: Vec<(Vec<(&str, &str)>, Vec<u8>)> = vec![
            (vec![("Transfer-Encoding", "chunked")], chunked.clone()),
            (vec![("Content-Encoding", "gzip")], gzip(body)),
            (vec![("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")], {
                let z = gzip(body);
                [format!("{:x}\r\n", z.len()).as_bytes(), &z, b"\r\n0\r\n\r\n"].concat()
            }),
            (vec![("Content-Encoding", "deflate")], {
                let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
                e.write_all(body).unwrap();
                e.finish().unwrap()
            }),
            (vec![("Content-Encoding", "deflate")], {
                let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
                e.write_all(body).unwrap();
                e.finish().unwrap()
            }),
            // Stored already decoded, headers kept (Common Crawl).
            (vec![("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")], body.to_vec()),
        ];
        for (headers, stored) in cases {
            let block = http("200 OK", &headers, &stored);
            let r = HttpResponse::parse(&block).unwrap();
            assert_eq!(r.payload(1 << 20).unwrap().as_ref(), body, "{headers:?}");
        }
    }

    #[test]
    fn unreadable_html_payloads_are_error_rows() {
        let opts = IngestOptions::default();
        let doc = |http: Vec<u8>| {
            let warc = response("https://c.example/x", "<urn:uuid:9>", &http);
            let rec = Reader::new(&warc[..], 1 << 20).next_of_types(&["response"]).unwrap().unwrap();
            to_doc(rec, "f.warc", &opts)
        };
        let error = |o: Outcome| match o {
            Outcome::Doc(d) => d.text.unwrap_err().to_string(),
            other => panic!("{other:?}"),
        };
        let br = http("200 OK", &[("Content-Type", "text/html"), ("Content-Encoding", "br")], b"\x1b\x00\xf8\x25");
        assert!(error(doc(br)).starts_with("[D009] unsupported input: HTTP Content-Encoding \"br\""));
        let bad_gz = http("200 OK", &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")], b"\x1f\x8b\x08\x00garbage");
        assert!(error(doc(bad_gz)).starts_with("[D006]"));
        let bad_chunk = http("200 OK", &[("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")], b"5\r\n<html\r\nzz\r\n");
        assert!(error(doc(bad_chunk)).starts_with("[D005] bad record: chunked HTTP body"));
        assert!(error(doc(b"garbage without head".to_vec())).starts_with("[D005] bad record: no HTTP response head"));
        // The same failure on an image is a skip.
        let png = http("200 OK", &[("Content-Type", "image/png"), ("Content-Encoding", "br")], b"\x1b\x00");
        assert_eq!(doc(png), Outcome::Skip(Skip::NotHtml("image/png".into())));
    }

    #[test]
    fn html_is_recognised_by_type_identified_type_or_sniffing() {
        let opts = IngestOptions::default();
        let outcome = |ct: Option<&str>, identified: Option<&str>, body: &[u8]| {
            let headers: Vec<(&str, &str)> = ct.map(|c| ("Content-Type", c)).into_iter().collect();
            let mut extra = vec![("WARC-Target-URI", "https://d.example/"), ("WARC-Record-ID", "<urn:uuid:5>")];
            if let Some(t) = identified {
                extra.push(("WARC-Identified-Payload-Type", t));
            }
            let warc = record("response", &extra, &http("200 OK", &headers, body));
            let rec = Reader::new(&warc[..], 1 << 20).next_of_types(&["response"]).unwrap().unwrap();
            matches!(to_doc(rec, "f.warc", &opts), Outcome::Doc(_))
        };
        assert!(outcome(Some("application/xhtml+xml"), None, PAGE.as_bytes()));
        assert!(outcome(None, None, PAGE.as_bytes()));
        assert!(outcome(Some("application/octet-stream"), None, b"\n  <!DOCTYPE html><p>x</p>"));
        assert!(!outcome(None, None, b"{\"json\": true}"));
        assert!(outcome(None, Some("text/html"), b"no markup at all"));
        assert!(!outcome(None, Some("application/pdf"), PAGE.as_bytes()));
        assert!(!outcome(Some("text/plain"), None, PAGE.as_bytes()));
        assert!(!outcome(Some("application/json"), Some("text/html"), PAGE.as_bytes()));
    }

    #[test]
    fn damaged_files_keep_what_came_before() {
        let records = mixed();
        let mut bytes = records[..3].concat();
        // A record cut short by the end of the file.
        let cut = &records[7][..records[7].len() / 2];
        bytes.extend_from_slice(cut);
        let (docs, skipped) = load(&tmp("cut.warc", &bytes), &IngestOptions::default());
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].source, "https://a.example/1 <urn:uuid:1>");
        let last = &docs[1];
        assert!(last.source.ends_with(&format!("cut.warc@{}", records[..3].concat().len())), "{}", last.source);
        assert!(last.text.as_ref().unwrap_err().to_string().contains("cut short"));
        assert_eq!(skipped.iter().map(|s| s.count).sum::<u64>(), 2);

        let (docs, _) = load(&tmp("notwarc.warc", b"hello, world\n"), &IngestOptions::default());
        assert_eq!(docs.len(), 1);
        assert!(docs[0].text.as_ref().unwrap_err().to_string().starts_with("[D005] bad record: not a WARC record at byte 0"));

        let mut gz = gzip(&records[2]);
        gz.extend_from_slice(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage");
        let (docs, _) = load(&tmp("badgz.warc.gz", &gz), &IngestOptions::default());
        assert_eq!(docs.len(), 2);
        assert!(docs[1].text.as_ref().unwrap_err().to_string().starts_with("[D006]"), "{:?}", docs[1].text);

        let (docs, skipped) = load(&tmp("nohtml.warc", &records[..2].concat()), &IngestOptions::default());
        assert_eq!(docs.len(), 1);
        assert!(docs[0].text.as_ref().unwrap_err().to_string().contains("no HTML response record in this WARC file (2 records skipped)"));
        assert_eq!(skipped.len(), 2);
    }

    #[test]
    fn chunks_keep_record_order_and_size_limit() {
        let n = CHUNK_RECORDS * 2 + 7;
        let mut bytes = Vec::new();
        for i in 0..n {
            let page = format!("<html><title>Page {i}</title><p>Body {i}.</p></html>");
            bytes.extend(gzip(&response(&format!("https://e.example/{i}"), &format!("<urn:uuid:{i}>"), &http("200 OK", &[("Content-Type", "text/html")], page.as_bytes()))));
            if i % 3 == 0 {
                bytes.extend(gzip(&record("request", &[], b"GET / HTTP/1.1\r\n\r\n")));
            }
        }
        let path = tmp("many.warc.gz", &bytes);
        let mut sizes = Vec::new();
        let mut titles = Vec::new();
        let skipped = for_each_chunk(&path, &IngestOptions::default(), |docs| {
            sizes.push(docs.len());
            titles.extend(docs.into_iter().map(|d| d.title.unwrap()));
        });
        assert_eq!(titles, (0..n).map(|i| format!("Page {i}")).collect::<Vec<_>>());
        assert!(sizes.iter().all(|&s| s <= CHUNK_RECORDS), "{sizes:?}");
        assert!(sizes.len() >= 3);
        assert_eq!(skipped[0].count as usize, n.div_ceil(3));
        // max_bytes applies to each record, not to the archive.
        let small = IngestOptions { max_bytes: 60, ..IngestOptions::default() };
        let (docs, _) = load(&path, &small);
        assert!(docs.iter().all(|d| d.text == Err(DocError::TooLarge { limit: 60 })));
        assert_eq!(docs.len(), n);
    }
}
