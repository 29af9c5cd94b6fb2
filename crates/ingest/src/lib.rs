//! Sources (files, folders, globs, stdin, gzip), format detection and charset decoding.
//!
//! (Being built: see ARCHITECTURE.md for what this crate owns and must not touch.)
