//! The store on PostgreSQL: the schema and the operations of the embedded SQLite store
//! (`storyline-store`), for deployments where several ingest and watch processes, on
//! one machine or several, share one store.
//!
//! Owns: the PostgreSQL translation of the store's numbered migrations (same version
//! numbers, same tables and columns), [`PgStore`] with every operation of the SQLite
//! `Store` (raw inputs and articles inserted idempotently by content id, lookups,
//! listings, the grouping replaced in one transaction, feeds, web items, kv, verify),
//! what only a shared store needs (feed claims with a lease), full-text search with the
//! tantivy index's interface ([`PgStore::search`]: a generated `tsvector` per article in
//! its language's configuration, GIN, `ts_headline` snippets), the impl of
//! [`StoreBackend`] (the trait both stores implement, defined in `storyline-store` and
//! re-exported here), so tests, the ingest worker, the CLI and benchmarks run unchanged
//! on both, and [`copy_store`] between backends.
//!
//! Must not touch: HTML, extraction, dating or clustering logic (as the SQLite store);
//! the SQLite store's internals. It shares that crate's public types (`StoreError`,
//! `RawInput`, `InsertOutcome`) and its column codec, so a value is written byte for
//! byte alike on both backends.
//!
//! Why a separate crate and not a module of `storyline-store`: the PostgreSQL client
//! (and tokio under it) then compiles only into what asks for it. The trait lives in
//! `storyline-store`, so `app` can take a `&mut dyn StoreBackend` without depending on
//! this crate (its ingest, regroup, reprocess and watcher do; search, the timeline and
//! the server still take the SQLite `Store`).
//!
//! # Many writers: the invariants
//! - An article is stored at most once: its id is the content hash of its raw bytes and
//!   the primary key; inserts say `ON CONFLICT DO NOTHING` and report `AlreadyPresent`.
//!   Two workers inserting the same article at once: the second waits for the first's
//!   transaction and then does nothing (or inserts, if the first rolled back).
//! - A batch is one transaction: a worker killed mid-batch leaves none of it, and
//!   re-running it (by the same or another worker) completes it.
//! - No deadlock between batches: each batch takes its row locks in one global order
//!   (raw inputs by hash, then articles by id), whatever order its items came in. A
//!   deadlock or serialization failure is retried anyway (a few times, then reported).
//! - The grouping is replaced whole under a transaction-scoped advisory lock, so two
//!   writers saving at once are serialised, and readers read it in one snapshot. A
//!   regroup holds the same lock for its session from reading the articles to saving
//!   ([`PgStore::lock_grouping`]), so regroups never interleave and the last one groups
//!   every article committed before it.
//! - A feed is claimed by one worker at a time (`FOR UPDATE SKIP LOCKED`), until its
//!   lease ends: a worker that dies gives its feeds back when its leases run out.

mod articles;
mod backend;
mod copy;
mod error;
mod feeds;
mod fts_schema;
mod groups;
mod kv;
mod query;
mod schema;
mod search;
#[doc(hidden)]
pub mod synthetic;
#[doc(hidden)]
pub mod testing;
mod verify;
mod web_items;

use std::cell::{RefCell, RefMut};
use std::path::PathBuf;
use std::time::Duration;

use postgres::{Client, Config, NoTls};
use storyline_store::StoreError;

pub use copy::{copy_store, CopyReport};
pub use storyline_store::StoreBackend;

/// How long to wait for the server to accept a connection before reporting it.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A handle on one PostgreSQL store: one connection. Like the SQLite `Store`, it is not
/// shared between threads: open one per thread (PostgreSQL handles the concurrency).
pub struct PgStore {
    /// `RefCell` so reads take `&self` as on the SQLite store; the client itself needs
    /// `&mut` for every query.
    client: RefCell<Client>,
    /// The URL without its password, for error messages.
    display: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("store", &self.display)
            .finish()
    }
}

/// `postgres://user@host:port/db?schema`, never the password.
fn describe(config: &Config, schema: Option<&str>) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .zip(config.get_ports().iter().chain(std::iter::repeat(&5432)))
        .map(|(host, port)| match host {
            postgres::config::Host::Tcp(name) => format!("{name}:{port}"),
            postgres::config::Host::Unix(path) => format!("{}:{port}", path.display()),
        })
        .collect();
    let mut text = format!(
        "postgres://{}@{}/{}",
        config.get_user().unwrap_or(""),
        hosts.join(","),
        config.get_dbname().unwrap_or("")
    );
    if let Some(schema) = schema {
        text.push_str(&format!(" (schema {schema})"));
    }
    text
}

fn open_error(
    store: &str,
    source: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
) -> StoreError {
    StoreError::Open {
        path: PathBuf::from(store),
        source: source.into(),
    }
}

impl PgStore {
    /// Connect to the store at `url` (`postgres://user:password@host:port/db`), migrating
    /// its schema (the connection's `search_path`, `public` by default) to the current
    /// version. A worker can call this at any time, as many at once as wanted.
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        Self::open_at(url, None, storyline_store::SCHEMA_VERSION)
    }

    /// Like [`PgStore::open`], in the PostgreSQL schema `schema` (created if missing):
    /// several stores in one database, e.g. one per test.
    pub fn open_in_schema(url: &str, schema: &str) -> Result<PgStore, StoreError> {
        Self::open_at(url, Some(schema), storyline_store::SCHEMA_VERSION)
    }

    /// Open migrated only up to `version`, as an older release left it (tests).
    #[doc(hidden)]
    pub fn open_at(url: &str, schema: Option<&str>, version: i64) -> Result<PgStore, StoreError> {
        let redacted = redact(url);
        let mut config: Config = url
            .parse()
            .map_err(|e: postgres::Error| open_error(&redacted, e))?;
        let display = describe(&config, schema);
        if let Some(schema) = schema {
            if schema.is_empty()
                || !schema
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(open_error(
                    &display,
                    format!("schema name {schema:?}: use lowercase letters, digits and _"),
                ));
            }
        }
        config.connect_timeout(CONNECT_TIMEOUT);
        config.application_name("storyline");
        let mut client = config.connect(NoTls).map_err(|e| open_error(&display, e))?;
        if let Some(schema) = schema {
            // The advisory lock: CREATE SCHEMA IF NOT EXISTS can still fail when two
            // sessions create the same schema at the same moment.
            let mut tx = client.transaction().map_err(|e| open_error(&display, e))?;
            tx.batch_execute(&format!(
                "SELECT pg_advisory_xact_lock(hashtext('storyline.schema.{schema}'));
                 CREATE SCHEMA IF NOT EXISTS {schema}"
            ))
            .map_err(|e| open_error(&display, e))?;
            tx.commit().map_err(|e| open_error(&display, e))?;
            client
                .batch_execute(&format!("SET search_path TO {schema}"))
                .map_err(|e| open_error(&display, e))?;
        }
        schema::migrate_to(&mut client, &display, version)?;
        // The search index (its own numbering, see `fts_schema`) only on a store at the
        // current shared version: older versions are opened by tests of the migrations.
        if version == storyline_store::SCHEMA_VERSION {
            fts_schema::migrate(&mut client, &display)?;
        }
        Ok(PgStore {
            client: RefCell::new(client),
            display,
        })
    }

    /// Where this store lives (`postgres://user@host:port/db`, no password).
    pub fn describe(&self) -> &str {
        &self.display
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        schema::schema_version(&mut self.client())
    }

    /// No data directory: search on PostgreSQL is in the database (a generated
    /// `tsvector` column PostgreSQL keeps in step itself), so the app has no tantivy
    /// index to keep beside this store.
    pub fn data_dir(&self) -> Option<PathBuf> {
        None
    }

    fn client(&self) -> RefMut<'_, Client> {
        self.client.borrow_mut()
    }
}

/// The URL with any password replaced, for messages when it cannot even be parsed.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "(a PostgreSQL URL)".to_string();
    };
    let Some((credentials, host)) = rest.rsplit_once('@') else {
        return url.to_string();
    };
    let user = credentials.split(':').next().unwrap_or("");
    format!("{scheme}://{user}@{host}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shown_without_their_password() {
        assert_eq!(
            redact("postgres://ann:secret@db.example:5433/news"),
            "postgres://ann@db.example:5433/news"
        );
        let config: Config = "postgres://ann:secret@127.0.0.1:5433/news".parse().unwrap();
        let shown = describe(&config, Some("t1"));
        assert_eq!(shown, "postgres://ann@127.0.0.1:5433/news (schema t1)");
    }

    #[test]
    fn a_malformed_url_is_one_error_naming_it() {
        let err = PgStore::open("postgres://ann:secret@host:notaport/db").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("postgres://ann@host:notaport/db"), "{text}");
        assert!(!text.contains("secret"), "{text}");
    }

    #[test]
    fn a_bad_schema_name_is_refused_before_connecting() {
        // Port 9 (discard) on loopback: nothing is contacted, the name is checked first.
        let err = PgStore::open_in_schema("postgres://ann@127.0.0.1:9/db", "x; DROP").unwrap_err();
        assert!(err.to_string().contains("schema name"), "{err}");
    }
}
