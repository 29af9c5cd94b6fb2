//! Evaluation harnesses and metrics for the shared benchmark sets.
//!
//! (Being built: see ARCHITECTURE.md for what this crate owns and must not touch.)
