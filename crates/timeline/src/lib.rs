//! Dated summaries per storyline or query: reported and planned entries.
//!
//! Not built yet: this crate is a placeholder so the workspace already shows the
//! pipeline's shape. Issue #6 describes it; ARCHITECTURE.md says what it will own and
//! what it must not touch.
