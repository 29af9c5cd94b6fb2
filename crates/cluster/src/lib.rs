//! Duplicates, events and storylines.
//!
//! (Being built: see ARCHITECTURE.md for what this crate owns and must not touch.)
