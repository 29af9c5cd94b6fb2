//! A tantivy full-text index over the stored articles: words and phrases ranked by
//! BM25 (title boosted), filters by date range, site, language and storyline, facet
//! counts, highlighted snippets. English is stemmed, Chinese is split by jieba, and
//! Japanese and Korean (and Chinese, as a second analysis) by character bigrams.
//!
//! Owns: the index schema, the tokenizers, the query syntax, the snippet HTML and the
//! per-document digest that lets a caller re-index only what changed.
//!
//! Must not touch: the store (the app crate reads it and feeds documents here) or any
//! output format. The store is the truth: the index can always be thrown away and
//! rebuilt from it, so nothing is kept here that the store does not hold.

mod index;
mod query;
mod schema;
mod snippet;
pub mod tokenize;

use std::path::PathBuf;

pub use index::{IndexBatch, IndexDoc, SearchIndex};
pub use query::{
    escape_html, FacetCount, Facets, SearchHit, SearchQuery, SearchResults, DEFAULT_LIMIT,
    MAX_LIMIT,
};
pub use schema::SCHEMA_VERSION;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("cannot open the search index in {}: {reason}", dir.display())]
    Open { dir: PathBuf, reason: String },
    #[error("the search index in {} was written by another version of storyline (run `storyline reindex`)", dir.display())]
    SchemaMismatch { dir: PathBuf },
    #[error("the search index in {} is locked by another writer", dir.display())]
    Locked { dir: PathBuf },
    #[error("cannot write the search index in {}: {reason}", dir.display())]
    Write { dir: PathBuf, reason: String },
    #[error("bad search query {query:?}: {reason}")]
    BadQuery { query: String, reason: String },
    #[error("search for {query:?} failed: {reason}")]
    Search { query: String, reason: String },
}
