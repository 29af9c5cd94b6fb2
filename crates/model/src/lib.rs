//! Plain data types shared by every stage of the storyline pipeline.
//!
//! Owns: the article record ([`Article`]), a document as it enters the pipeline
//! ([`Document`]), partial dates with honest precision ([`PartialDate`],
//! [`Published`]), date mentions found in text ([`DateMention`]) and the
//! content-derived ids ([`ArticleId`]).
//!
//! Must not touch: I/O of any kind, HTML, SQL, HTTP. Every other crate depends on
//! this one; this one depends on no other storyline crate. Keep it small and
//! boring: a change here ripples everywhere.

mod article;
mod date;
mod document;
mod group;
mod timeline;

pub use article::{Article, ArticleId, DateMention};
pub use date::{DateCandidate, DateSource, ParseDateError, PartialDate, Precision, Published};
pub use document::{Document, Format, Provenance};
pub use group::{DuplicateGroup, Event, Grouping, Storyline};
pub use timeline::{EntryKind, SummarySentence, Timeline, TimelineEntry};

/// A short, stable hex digest of some bytes (blake3, 64 bits): used for ids and raw hashes.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = blake3::hash(bytes);
    digest.to_hex()[..16].to_string()
}
