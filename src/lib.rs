//! newsframe turns a corpus of scraped news articles into tables.
//!
//! The pipeline runs one way, one module per stage:
//! bytes → [`ingest`] → [`clean`] → [`lang`] → [`segment`] → [`frame`] (DataFrames).
//! [`pipeline`] drives the stages in parallel over documents. The core is pure Rust and
//! knows nothing of Python; the `python` feature adds the thin PyO3 layer in `python/`.

pub mod clean;
pub mod corpus;
pub mod error;
pub mod extract;
#[cfg(feature = "frame")]
pub mod frame;
pub mod ingest;
#[doc(hidden)]
pub mod invariants;
pub mod kb;
pub mod lang;
pub mod link;
pub mod relate;
pub mod dedup;
pub mod ner;
pub mod pipeline;
pub mod segment;

#[cfg(feature = "python")]
mod python;

pub use error::{DocError, Error, Result};
pub use pipeline::{run, Document, Input, Options};
