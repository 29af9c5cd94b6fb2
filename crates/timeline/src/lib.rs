//! Dated summaries: reported and planned entries.
//!
//! (Being built: see ARCHITECTURE.md for what this crate owns and must not touch.)
