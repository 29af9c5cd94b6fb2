//! Test stores on both backends. PostgreSQL tests need `STORYLINE_PG_URL` (set by
//! `scripts/test-all` after `scripts/pg-test-setup`); without it they skip with a
//! message, unless `STORYLINE_REQUIRE_PG=1` (CI), where a missing URL fails them.

#![allow(dead_code)] // each test binary uses a different part of this module

pub use storyline_store_pg::testing::{pg_url, PgSchema};
