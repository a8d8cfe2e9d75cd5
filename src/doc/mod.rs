//! The data the per-document stages produce and every later stage reads: a [`Document`]
//! and its [`Mention`]s ([`Label`], [`Source`], [`Value`]).
//!
//! Data types only, with no stage logic, so that the recognisers (`kb`, `ner`, `extract`),
//! the corpus stages and the frame layer share them without importing one another or the
//! driver ([`crate::pipeline`]). It sits above `clean` because a document carries the
//! cleaning [`Alignment`](crate::clean::Alignment) back to its input.

mod document;
mod mention;

pub use document::{Document, OffsetBase};
pub(crate) use mention::{starting_at, Disjoint};
pub use mention::{Label, Mention, Source, Value};
