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

    /// Replace `key`'s value with `update(current value)` as one atomic read-modify-write:
    /// a transaction-scoped advisory lock on the key serialises concurrent updaters (a row
    /// lock could not cover a key that does not exist yet), so no update is lost.
    pub fn kv_update(
        &mut self,
        key: &str,
        update: &mut dyn FnMut(Option<String>) -> String,
    ) -> Result<(), StoreError> {
        let describe = || format!("updating kv {key:?}");
        let mut client = self.client();
        let mut tx = client.transaction().context(describe)?;
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtext('storyline.kv.' || current_schema() || '.' || $1))",
            &[&key],
        )
        .context(describe)?;
        let current: Option<String> = tx
            .query_opt("SELECT value FROM kv WHERE key = $1", &[&key])
            .context(describe)?
            .map(|row| row.get(0));
        let value = update(current);
        tx.execute(
            "INSERT INTO kv (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&key, &value],
        )
        .context(describe)?;
        tx.commit().context(describe)
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
