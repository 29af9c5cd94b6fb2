//! The HTTP API (axum) and the server-rendered web UI (askama).
//!
//! Not built yet: this crate is a placeholder so the workspace already shows the
//! pipeline's shape. Issue #7 describes it; ARCHITECTURE.md says what it will own and
//! what it must not touch.
