//! Application operations over one store: ingest documents, reprocess stored raw
//! inputs, regroup and reindex. The CLI, the HTTP server and the feed watcher all
//! call these, so an ingest behaves the same whichever door it came through.
//!
//! Owns: batching, parallelism, the ingest summary (ingested / already present /
//! failed with reasons), keeping the derived state (groups, index) in step.
//!
//! Must not touch: argument parsing, terminal output, HTTP. No text heuristics: those
//! belong to the stage crates.

mod index;
mod ingest;
mod regroup;
mod reprocess;
mod site;
mod timeline;
mod watch;

pub use index::{
    groups_by_article, in_step, index_dir, index_in_step, reindex, search, search_token, INDEX_DIR,
};
pub use ingest::{ingest_documents, ingest_paths, Failure, IngestProgress, IngestSummary};
pub use regroup::{all_articles, regroup};
pub use reprocess::{reprocess, ReprocessReport};
pub use storyline_search::{FacetCount, Facets, SearchHit, SearchQuery, SearchResults};
pub use timeline::{timeline, TimelineScope};
pub use watch::{
    next_poll, poll_round, subscribe, subscribe_opml, watch, RoundSummary, WatchOptions,
};
