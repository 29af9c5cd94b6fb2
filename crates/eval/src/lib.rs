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

/// 2PR/(P+R), 0 when P+R is 0: the F1 of a precision and a recall, as every harness here
/// (and tilse's `get_f_score` with beta = 1) computes it.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}
