//! Support for tests that run against a real PostgreSQL, shared by this crate's tests and
//! the app's and CLI's: where the server is, and a schema of each test's own.
//!
//! `STORYLINE_PG_URL` is set by `scripts/test-all` after `scripts/pg-test-setup`; without
//! it the tests skip with a message, unless `STORYLINE_REQUIRE_PG=1` (CI), where a missing
//! URL fails them. Not for production code: these helpers panic on what they cannot do.

use crate::PgStore;

/// The PostgreSQL URL, or `None` (after saying so) when the test `test` should skip.
pub fn pg_url(test: &str) -> Option<String> {
    match std::env::var("STORYLINE_PG_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var("STORYLINE_REQUIRE_PG").as_deref() == Ok("1") {
                panic!("{test}: STORYLINE_PG_URL is unset but STORYLINE_REQUIRE_PG=1 (run scripts/pg-test-setup)");
            }
            eprintln!(
                "skipping {test}: STORYLINE_PG_URL is unset (scripts/pg-test-setup prints one)"
            );
            None
        }
    }
}

/// A PostgreSQL schema of its own for one test, dropped when the test ends (also when
/// it fails), so tests run in parallel on one database without seeing each other.
pub struct PgSchema {
    pub url: String,
    pub name: String,
}

impl PgSchema {
    pub fn new(url: &str, test: &str) -> PgSchema {
        let name = format!("t_{test}_{}", std::process::id()).to_lowercase();
        let schema = PgSchema {
            url: url.to_string(),
            name,
        };
        schema.drop_schema();
        schema
    }

    pub fn open(&self) -> PgStore {
        PgStore::open_in_schema(&self.url, &self.name).expect("opening the test store")
    }

    /// A plain client in this schema, for checks the store's API does not offer.
    pub fn client(&self) -> postgres::Client {
        let mut client = postgres::Client::connect(&self.url, postgres::NoTls).unwrap();
        client
            .batch_execute(&format!("SET search_path TO {}", self.name))
            .unwrap();
        client
    }

    fn drop_schema(&self) {
        if let Ok(mut client) = postgres::Client::connect(&self.url, postgres::NoTls) {
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        self.drop_schema();
    }
}
