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

    /// Replace `key`'s value with `update(current value)` as one atomic read-modify-write:
    /// the write lock is taken before the read, so two processes updating the same key
    /// one after the other each see the other's write (no update is lost).
    pub fn kv_update(
        &mut self,
        key: &str,
        update: &mut dyn FnMut(Option<String>) -> String,
    ) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .context(|| format!("starting the update of kv {key:?}"))?;
        let current: Option<String> = tx
            .query_row("SELECT value FROM kv WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()
            .context(|| format!("reading kv {key:?}"))?;
        let value = update(current);
        tx.execute(
            "INSERT INTO kv (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value.as_str()],
        )
        .context(|| format!("writing kv {key:?}"))?;
        tx.commit()
            .context(|| format!("committing the update of kv {key:?}"))
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
