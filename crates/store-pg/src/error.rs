//! Errors: the store's own `StoreError`, so callers handle both backends alike. A
//! PostgreSQL error is kept as the boxed source, with the failed operation as context.

use postgres::error::SqlState;
use storyline_store::StoreError;

/// Attach a description of the failed operation to a PostgreSQL error.
pub(crate) trait PgContext<T> {
    fn context(self, describe: impl FnOnce() -> String) -> Result<T, StoreError>;
}

impl<T> PgContext<T> for Result<T, postgres::Error> {
    fn context(self, describe: impl FnOnce() -> String) -> Result<T, StoreError> {
        self.map_err(|source| database(describe(), source))
    }
}

pub(crate) fn database(context: String, source: postgres::Error) -> StoreError {
    StoreError::Database {
        context,
        source: Box::new(source),
    }
}

pub(crate) fn is_unique_violation(error: &postgres::Error) -> bool {
    error.code() == Some(&SqlState::UNIQUE_VIOLATION)
}

/// Errors after which the same transaction, run again, can succeed: a deadlock victim
/// or a serialization failure. Ordered locking should make them rare; retrying is the
/// documented PostgreSQL answer when they happen anyway.
pub(crate) fn is_transient(error: &StoreError) -> bool {
    let StoreError::Database { source, .. } = error else {
        return false;
    };
    source
        .downcast_ref::<postgres::Error>()
        .and_then(|e| e.code())
        .is_some_and(|code| {
            code == &SqlState::T_R_DEADLOCK_DETECTED || code == &SqlState::T_R_SERIALIZATION_FAILURE
        })
}
