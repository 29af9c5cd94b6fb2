//! `StoreBackend` (defined in `storyline-store`, beside the SQLite store that also
//! implements it) for the PostgreSQL store: every method forwards to the inherent
//! `PgStore` method of the same name.

use crate::PgStore;

storyline_store::forward_store_backend!(PgStore, "postgres");
