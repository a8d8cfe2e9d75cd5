//! newsframe turns a corpus of scraped news articles into tables.
//!
//! Data flows one way. Modules are layered, each using only those listed before it (the
//! order is written once, in `tests/layering.rs`, which checks it):
//!
//! - [`error`], [`text`]: errors; characters and words;
//! - [`ingest`] → [`clean`] → [`lang`] → [`segment`]: bytes to sentences;
//! - [`doc`]: a processed document and its mentions (data only);
//! - [`kb`] → [`ner`] → [`extract`]: mentions;
//! - [`features`]: per-document event cues, MinHash signature and year-less dates;
//! - [`record`]: what the corpus stages read of a document;
//! - [`link`], [`relate`], [`dedup`] → [`corpus`]: entities, relations, stories;
//! - [`pipeline`] drives all of it in parallel; `frame` makes DataFrames; `python` is the
//!   thin PyO3 layer (features `frame` and `python`).
//!
//! The core is pure Rust and knows nothing of Python.

pub mod error;
pub mod text;

pub mod clean;
pub mod ingest;
pub mod lang;
pub mod segment;

pub mod doc;

pub mod extract;
pub mod kb;
pub mod ner;

pub mod features;

pub mod record;

pub mod corpus;
pub mod dedup;
pub mod link;
pub mod relate;

pub mod pipeline;

#[cfg(feature = "frame")]
pub mod frame;
#[doc(hidden)]
pub mod invariants;
#[cfg(feature = "python")]
mod python;

pub use doc::Document;
pub use error::{DocError, Error, Result};
pub use pipeline::{run, Input, Options};
