//! The embedded store: SQLite with migrations, raw inputs kept.
//!
//! (Being built: see ARCHITECTURE.md for what this crate owns and must not touch.)
