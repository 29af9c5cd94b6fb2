//! Publication-date cascade, temporal tagger and inferred dates.
//!
//! (Being built: see ARCHITECTURE.md for what this crate owns and must not touch.)
