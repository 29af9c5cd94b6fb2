//! Small named values of state, as on SQLite.

use storyline_store::StoreError;

use crate::error::PgContext;
use crate::PgStore;

impl PgStore {
    pub fn kv_get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .client()
            .query_opt("SELECT value FROM kv WHERE key = $1", &[&key])
            .context(|| format!("reading kv {key:?}"))?
            .map(|row| row.get(0)))
    }

    /// Set `key` to `value`, replacing any previous value (atomic under concurrency).
    pub fn kv_set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.client()
            .execute(
                "INSERT INTO kv (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&key, &value],
            )
            .context(|| format!("writing kv {key:?}"))?;
        Ok(())
    }

    /// Remove `key`; true if it was set.
    pub fn kv_delete(&mut self, key: &str) -> Result<bool, StoreError> {
        let removed = self
            .client()
            .execute("DELETE FROM kv WHERE key = $1", &[&key])
            .context(|| format!("deleting kv {key:?}"))?;
        Ok(removed == 1)
    }
}
