//! The embedded store: SQLite with migrations, raw inputs kept.
//!
//! Owns: the `storyline.db` file in the data directory (WAL mode), its schema and
//! numbered migrations, and the persistence of model types: raw inputs (compressed
//! original bytes, so everything can be reprocessed), articles, the grouping
//! (copies, events, storylines), feeds to poll, the identity and versions of fetched
//! web items, and small key-value state.
//!
//! Must not touch: HTML, extraction, dating or clustering logic; it stores what other
//! crates compute. No SQLite type appears in the public API: [`StoreBackend`] is the
//! trait of its operations, which the PostgreSQL backend (`storyline-store-pg`) also
//! implements.
//!
//! Crash safety: every write method is one transaction, so a kill at any point leaves
//! a consistent store, and re-running an ingest completes it (inserts are idempotent
//! by content-derived id).

mod articles;
mod backend;
/// Column encodings (timestamps, dates, JSON, raw-byte compression), public only so that
/// the PostgreSQL backend (`storyline-store-pg`) stores values byte for byte as SQLite
/// does, which `migrate` between the two relies on. Not a stable API.
#[doc(hidden)]
pub mod codec;
mod error;
mod feeds;
mod groups;
mod kv;
mod query;
mod raw;
mod schema;
mod verify;
mod web_items;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use articles::InsertOutcome;
pub use backend::StoreBackend;
pub use error::StoreError;
pub use feeds::{Feed, FeedState};
pub use groups::{ArticleGroups, GroupIds};
pub use query::ArticleQuery;
pub use raw::RawInput;
pub use schema::SCHEMA_VERSION;
pub use verify::VerifyReport;
pub use web_items::{WebItem, WebItemUpdate, WebItemVersion};

/// The database file's name inside the data directory.
pub const DB_FILE_NAME: &str = "storyline.db";

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Prepared statements kept per connection; the store uses a few dozen distinct ones.
const STATEMENT_CACHE_CAPACITY: usize = 64;

/// Switch the database to WAL. A new file is switched by whichever connection gets there
/// first; SQLite answers "database is locked" to the others at once rather than through
/// the busy handler (the switch needs an exclusive lock, and waiting for it while holding
/// a shared one could deadlock), so two processes opening a fresh store at the same
/// moment would see one fail. The switch is retried until [`BUSY_TIMEOUT`].
fn enable_wal(conn: &Connection) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(())) {
            Err(rusqlite::Error::SqliteFailure(error, _))
                if error.code == rusqlite::ErrorCode::DatabaseBusy
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            outcome => return outcome,
        }
    }
}

/// A handle on one store. Cheap to keep open; not shared between threads (open one per
/// thread or guard it with a mutex).
pub struct Store {
    conn: Connection,
    /// The database file, or `:memory:`; used in error messages.
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Open (creating if needed) the store in `data_dir`, migrating it to the current schema.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::CreateDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join(DB_FILE_NAME);
        let conn = Connection::open(&path).map_err(|source| StoreError::Open {
            path: path.clone(),
            source: Box::new(source),
        })?;
        Self::configure(conn, path, SCHEMA_VERSION)
    }

    /// A private store in memory, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: path.clone(),
            source: Box::new(source),
        })?;
        Self::configure(conn, path, SCHEMA_VERSION)
    }

    /// Open a store migrated only up to `version`: lets tests build stores as older
    /// releases left them.
    #[doc(hidden)]
    pub fn open_at_schema_version(data_dir: &Path, version: i64) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::CreateDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join(DB_FILE_NAME);
        let conn = Connection::open(&path).map_err(|source| StoreError::Open {
            path: path.clone(),
            source: Box::new(source),
        })?;
        Self::configure(conn, path, version)
    }

    fn configure(mut conn: Connection, path: PathBuf, version: i64) -> Result<Store, StoreError> {
        let open_error = |source: rusqlite::Error| StoreError::Open {
            path: path.clone(),
            source: Box::new(source),
        };
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
        // WAL: readers never block the writer; NORMAL sync is durable across process
        // crashes (only a power loss can drop the last commits, never corrupt).
        enable_wal(&conn).map_err(open_error)?;
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -65536;",
        )
        .map_err(open_error)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE_CAPACITY);
        schema::migrate_to(&mut conn, &path, version)?;
        Ok(Store { conn, path })
    }

    /// The database file (or `:memory:`).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The data directory holding the database (the app keeps its search index beside
    /// it), or `None` for an in-memory store.
    pub fn data_dir(&self) -> Option<PathBuf> {
        if self.path.as_os_str() == ":memory:" {
            return None;
        }
        self.path
            .parent()
            .filter(|dir| !dir.as_os_str().is_empty())
            .map(Path::to_path_buf)
    }

    /// The grouping lock, for the trait: nothing to take here. It exists so that several
    /// PostgreSQL workers regroup one store one at a time; an embedded data directory
    /// serves one machine, and two processes regrouping it at once may leave the
    /// grouping of the one that read the articles first (the next regroup corrects it),
    /// as before the trait had the lock.
    pub fn lock_grouping(&mut self) -> Result<(), StoreError> {
        Ok(())
    }

    /// Ends [`Store::lock_grouping`] (nothing to release).
    pub fn unlock_grouping(&mut self) -> Result<(), StoreError> {
        Ok(())
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        schema::schema_version(&self.conn)
    }
}
