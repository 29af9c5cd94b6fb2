//! HTTP API and web UI.
//!
//! (Being built: see ARCHITECTURE.md for what this crate owns and must not touch.)
