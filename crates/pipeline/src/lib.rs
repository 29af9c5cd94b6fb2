//! Document in, article out: decode, extract, date.
//!
//! (Being built: see ARCHITECTURE.md for what this crate owns and must not touch.)
