//! Errors.
//!
//! Two kinds, kept apart on purpose. [`Error`] stops a whole call (a missing path, a bad rule
//! file): the caller made a mistake and must hear about it. [`DocError`] belongs to one
//! document and ends up in the `error` column, so one bad file never costs the rest of a batch.
//! Both carry a stable code (`E…` / `D…`) that users can search for and tests can match.

use std::fmt;
use std::path::PathBuf;

/// A failure of a whole call.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("[E001] no such file or directory: {}", .0.display())]
    NotFound(PathBuf),
    #[error("[E002] glob pattern {pattern:?} is invalid: {message}")]
    BadGlob { pattern: String, message: String },
    #[error("[E003] invalid configuration: {0}")]
    Config(String),
    #[error("[E004] invalid boilerplate rule {name:?}: {message}")]
    BadRule { name: String, message: String },
    /// The caller asked the run to stop (Ctrl-C in Python); its partial results are dropped.
    #[error("[E005] cancelled")]
    Cancelled,
}

pub type Result<T> = std::result::Result<T, Error>;

/// Why one document could not be processed. Rendered into the `error` column as
/// `[Dxxx] message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocError {
    /// The input has no bytes, or nothing but whitespace.
    Empty,
    /// The bytes are not text (NUL bytes, control characters, a known binary signature).
    Binary(String),
    /// The bytes could not be decoded with the requested or detected encoding.
    Decode(String),
    /// The input exceeds a configured size limit (`max_bytes`); the document has no text.
    TooLarge { limit: u64 },
    /// A record of a JSONL file is not a JSON object with a text field.
    BadRecord(String),
    /// A compressed input is corrupt.
    Compression(String),
    /// The file could not be read (permissions, vanished, a symlink loop).
    Io(String),
    /// Every line of the input was boilerplate; nothing is left to analyse.
    NoContent,
    /// A file type newsframe does not read.
    Unsupported(String),
    /// A table (Parquet, CSV) could not be read or lacks the text column.
    Table(String),
    /// A line is longer than `max_line_chars` characters; the document has no text.
    LineTooLong { limit: u64, line: usize, chars: usize },
    /// More than `max_mentions` mentions were found; the document keeps its text and
    /// sentences but gets no mentions, rather than an arbitrary first part of them.
    TooManyMentions { limit: u64, found: usize },
    /// A bug: a panic caught while processing this document.
    Internal(String),
    /// An error already rendered as `[Dxxx] message` (it crossed the Python boundary).
    Rendered(String),
}

const ALL_CODES: &[&str] = &[
    "D001", "D002", "D003", "D004", "D005", "D006", "D007", "D008", "D009", "D010", "D011", "D012", "D099",
];

impl DocError {
    /// The stable code of this error, as shown in the `error` column.
    pub fn code(&self) -> &'static str {
        match self {
            DocError::Empty => "D001",
            DocError::Binary(_) => "D002",
            DocError::Decode(_) => "D003",
            DocError::TooLarge { .. } => "D004",
            DocError::BadRecord(_) => "D005",
            DocError::Compression(_) => "D006",
            DocError::Io(_) => "D007",
            DocError::NoContent => "D008",
            DocError::Unsupported(_) => "D009",
            DocError::Table(_) => "D010",
            DocError::LineTooLong { .. } => "D011",
            DocError::TooManyMentions { .. } => "D012",
            DocError::Internal(_) => "D099",
            DocError::Rendered(msg) => match msg.get(1..5) {
                Some(code) if msg.starts_with("[D") && msg.get(5..6) == Some("]") => {
                    // Only the codes above are ever rendered; map back to a static str.
                    ALL_CODES.iter().find(|c| **c == code).copied().unwrap_or("D000")
                }
                _ => "D000",
            },
        }
    }
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let DocError::Rendered(msg) = self {
            if msg.starts_with("[D") {
                return f.write_str(msg);
            }
        }
        write!(f, "[{}] ", self.code())?;
        match self {
            DocError::Empty => write!(f, "empty input"),
            DocError::Binary(what) => write!(f, "binary content, not text ({what})"),
            DocError::Decode(msg) => write!(f, "cannot decode: {msg}"),
            DocError::TooLarge { limit } => {
                write!(f, "input larger than max_bytes={limit}; raise the limit to read it")
            }
            DocError::BadRecord(msg) => write!(f, "bad record: {msg}"),
            DocError::Compression(msg) => write!(f, "corrupt compressed input: {msg}"),
            DocError::Io(msg) => write!(f, "cannot read: {msg}"),
            DocError::NoContent => write!(f, "no content left after boilerplate removal"),
            DocError::Unsupported(msg) => write!(f, "unsupported input: {msg}"),
            DocError::Table(msg) => write!(f, "cannot read table: {msg}"),
            DocError::LineTooLong { limit, line, chars } => write!(
                f,
                "line {line} has {chars} characters, more than max_line_chars={limit}; \
                 raise the limit to read it"
            ),
            DocError::TooManyMentions { limit, found } => write!(
                f,
                "{found} mentions, more than max_mentions={limit}; text and sentences kept, \
                 no mentions extracted; raise the limit to extract them"
            ),
            DocError::Internal(msg) => write!(f, "internal error (please report): {msg}"),
            DocError::Rendered(msg) => f.write_str(msg),
        }
    }
}
