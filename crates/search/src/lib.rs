//! Full-text search index derived from the store.
//!
//! (Being built: see ARCHITECTURE.md for what this crate owns and must not touch.)
