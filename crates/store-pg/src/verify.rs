//! A full consistency check, as `Store::verify`: every article and raw input read
//! back through the normal decoders. PostgreSQL enforces foreign keys itself and has
//! no `integrity_check` for ordinary roles, so those two lists stay empty here.

use storyline_store::{StoreError, VerifyReport};

use crate::articles::{article_from_row, ARTICLE_COLUMNS};
use crate::error::PgContext;
use crate::PgStore;

/// Stop listing problems of one kind after this many (as on SQLite).
const MAX_LISTED: usize = 100;

/// Rows read per round trip while checking.
const PAGE: i64 = 500;

impl PgStore {
    /// Check the whole store. Reads every row, so it takes time on big stores.
    pub fn verify(&self) -> Result<VerifyReport, StoreError> {
        let mut report = VerifyReport::default();
        let max = MAX_LISTED as i64;
        report.articles_without_raw = self
            .client()
            .query(
                "SELECT a.id FROM articles a LEFT JOIN raw_inputs r ON r.hash = a.raw_hash
                 WHERE r.hash IS NULL LIMIT $1",
                &[&max],
            )
            .context(|| "checking raw inputs of articles".to_string())?
            .into_iter()
            .map(|row| row.get(0))
            .collect();

        let mut unreadable = Vec::new();
        let mut note = |e: StoreError| {
            if unreadable.len() < MAX_LISTED {
                unreadable.push(e.to_string());
            }
        };
        let mut after = String::new();
        loop {
            let rows = self
                .client()
                .query(
                    &format!(
                        "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id > $1 ORDER BY id LIMIT $2"
                    ),
                    &[&after, &PAGE],
                )
                .context(|| "checking articles".to_string())?;
            let Some(last) = rows.last() else { break };
            after = last.get(0);
            report.articles_checked += rows.len() as u64;
            for row in &rows {
                if let Err(e) = article_from_row(row) {
                    note(e);
                }
            }
        }
        let mut after = String::new();
        loop {
            let hashes: Vec<String> = self
                .client()
                .query(
                    "SELECT hash FROM raw_inputs WHERE hash > $1 ORDER BY hash LIMIT $2",
                    &[&after, &PAGE],
                )
                .context(|| "checking raw inputs".to_string())?
                .into_iter()
                .map(|row| row.get(0))
                .collect();
            let Some(last) = hashes.last() else { break };
            after = last.clone();
            report.raw_inputs_checked += hashes.len() as u64;
            for hash in &hashes {
                if let Err(e) = self.raw_input(hash) {
                    note(e);
                }
            }
        }
        report.unreadable = unreadable;
        Ok(report)
    }
}
