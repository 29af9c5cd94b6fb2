//! Main-content extraction from HTML and cleaning of text and Markdown.
//!
//! (Being built: see ARCHITECTURE.md for what this crate owns and must not touch.)
