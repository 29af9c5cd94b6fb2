//! Evaluation harnesses for the shared benchmark sets: each reads a data set in its
//! published layout, runs storyline's own library code over it, and scores the result
//! with the benchmark's own metric, so figures are comparable with published ones.
//!
//! Owns: data-set readers, metrics, report shapes (one JSON object per run).
//! Must not touch: the user's store (every harness works in memory or a temporary
//! directory) or the network.

pub mod clustering;
pub mod dates;
pub mod dedup;
pub mod extraction;
pub mod timeline_system;
pub mod timelines;
