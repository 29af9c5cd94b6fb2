//! The one error type of the store. Every message says what failed and on which
//! id, url or path, so a caller can print it as is.

use std::path::PathBuf;

/// An error from the database engine, kept as a boxed source so that no engine type
/// (rusqlite today, PostgreSQL later) appears in the public API.
pub type EngineError = Box<dyn std::error::Error + Send + Sync + 'static>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the data directory {path}: {source}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("cannot open the store {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: EngineError,
    },

    #[error(
        "the store {path} has schema version {found}, newer than this storyline knows \
         ({known}); upgrade storyline to open it"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("schema migration {version} failed: {source}")]
    Migration {
        version: usize,
        #[source]
        source: EngineError,
    },

    /// A database operation failed; `context` names the operation and the row.
    #[error("{context}: {source}")]
    Database {
        context: String,
        #[source]
        source: EngineError,
    },

    /// A stored value cannot be read back (bad JSON, unknown enum name, bad date).
    #[error("stored {what} of {key} is unreadable: {reason}")]
    Corrupt {
        what: &'static str,
        key: String,
        reason: String,
    },

    #[error("article {article}: raw_hash {article_raw_hash} differs from its raw input's hash {raw_hash}")]
    RawHashMismatch {
        article: String,
        article_raw_hash: String,
        raw_hash: String,
    },

    #[error("id prefix {prefix:?} is too short: give at least {min} characters")]
    PrefixTooShort { prefix: String, min: usize },

    #[error("id prefix {prefix:?} is ambiguous; it matches {}", candidates.join(", "))]
    AmbiguousPrefix {
        prefix: String,
        candidates: Vec<String>,
    },

    #[error("no article with id {id}")]
    UnknownArticle { id: String },

    #[error("no feed with url {url}")]
    UnknownFeed { url: String },

    #[error("invalid grouping: {reason}")]
    InvalidGrouping { reason: String },

    #[error("cannot {action} the raw input {hash}: {source}")]
    Compression {
        action: &'static str,
        hash: String,
        #[source]
        source: std::io::Error,
    },
}

impl StoreError {
    pub(crate) fn corrupt(what: &'static str, key: &str, reason: impl ToString) -> Self {
        StoreError::Corrupt {
            what,
            key: key.to_string(),
            reason: reason.to_string(),
        }
    }
}

/// Attach a description of the failed operation to an engine error.
pub(crate) trait Context<T> {
    fn context(self, describe: impl FnOnce() -> String) -> Result<T, StoreError>;
}

impl<T> Context<T> for rusqlite::Result<T> {
    fn context(self, describe: impl FnOnce() -> String) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Database {
            context: describe(),
            source: Box::new(source),
        })
    }
}
