//! Small named values of state (last reindex, pipeline version, cursors...).

use rusqlite::OptionalExtension;

use crate::error::{Context, StoreError};
use crate::Store;

impl Store {
    pub fn kv_get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached("SELECT value FROM kv WHERE key = ?1")
            .context(|| "preparing the kv lookup".to_string())?
            .query_row([key], |row| row.get(0))
            .optional()
            .context(|| format!("reading kv {key:?}"))
    }

    /// Set `key` to `value`, replacing any previous value.
    pub fn kv_set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO kv (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .context(|| "preparing the kv update".to_string())?
            .execute([key, value])
            .context(|| format!("writing kv {key:?}"))?;
        Ok(())
    }

    /// Remove `key`; true if it was set.
    pub fn kv_delete(&mut self, key: &str) -> Result<bool, StoreError> {
        let removed = self
            .conn
            .execute("DELETE FROM kv WHERE key = ?1", [key])
            .context(|| format!("deleting kv {key:?}"))?;
        Ok(removed == 1)
    }
}
