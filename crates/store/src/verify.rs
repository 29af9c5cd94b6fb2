//! A full consistency check of the store: the engine's own integrity check, foreign
//! keys, and that every article reads back completely with its raw input.

use crate::error::{Context, StoreError};
use crate::Store;

/// What [`Store::verify`] found. `is_ok()` when nothing is wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerifyReport {
    /// Messages of SQLite's `PRAGMA integrity_check` other than "ok".
    pub integrity_problems: Vec<String>,
    /// Rows whose foreign key points nowhere, as "table rowid -> parent".
    pub foreign_key_problems: Vec<String>,
    /// Articles whose raw input is missing.
    pub articles_without_raw: Vec<String>,
    /// Articles or raw inputs that cannot be read back, with the reason.
    pub unreadable: Vec<String>,
    pub articles_checked: u64,
    pub raw_inputs_checked: u64,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.integrity_problems.is_empty()
            && self.foreign_key_problems.is_empty()
            && self.articles_without_raw.is_empty()
            && self.unreadable.is_empty()
    }
}

/// Stop collecting after this many problems of one kind: a report of a badly broken
/// store should stay readable.
const MAX_LISTED: usize = 100;

impl Store {
    /// Check the whole store. Reads every row, so it takes time on big stores.
    pub fn verify(&self) -> Result<VerifyReport, StoreError> {
        let mut report = VerifyReport::default();
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .context(|| "preparing the integrity check".to_string())?;
        let messages = stmt
            .query_map([], |row| row.get::<_, String>(0))
            .context(|| "running the integrity check".to_string())?
            .collect::<Result<Vec<_>, _>>()
            .context(|| "running the integrity check".to_string())?;
        report.integrity_problems = messages.into_iter().filter(|m| m != "ok").collect();

        let mut stmt = self
            .conn
            .prepare("PRAGMA foreign_key_check")
            .context(|| "preparing the foreign key check".to_string())?;
        report.foreign_key_problems = stmt
            .query_map([], |row| {
                Ok(format!(
                    "{} row {} -> {}",
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<i64>>(1)?.unwrap_or(-1),
                    row.get::<_, String>(2)?
                ))
            })
            .context(|| "running the foreign key check".to_string())?
            .take(MAX_LISTED)
            .collect::<Result<Vec<_>, _>>()
            .context(|| "running the foreign key check".to_string())?;

        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id FROM articles a LEFT JOIN raw_inputs r ON r.hash = a.raw_hash
                 WHERE r.hash IS NULL LIMIT ?1",
            )
            .context(|| "preparing the raw input check".to_string())?;
        report.articles_without_raw = stmt
            .query_map([MAX_LISTED as i64], |row| row.get(0))
            .context(|| "checking raw inputs of articles".to_string())?
            .collect::<Result<Vec<_>, _>>()
            .context(|| "checking raw inputs of articles".to_string())?;

        // Reading each row back through the normal decoders proves the JSON, dates and
        // enum columns parse; stop listing after MAX_LISTED but keep counting.
        let unreadable = &mut report.unreadable;
        report.articles_checked = self.try_for_each_article_row(|result| {
            if let Err(e) = result {
                if unreadable.len() < MAX_LISTED {
                    unreadable.push(e.to_string());
                }
            }
        })?;
        report.raw_inputs_checked = self.for_each_raw_hash(|hash| {
            if let Err(e) = self.raw_input(hash) {
                if unreadable.len() < MAX_LISTED {
                    unreadable.push(e.to_string());
                }
            }
        })?;
        Ok(report)
    }

    /// Visit every article row's decoding result, bad rows included.
    fn try_for_each_article_row(
        &self,
        mut visit: impl FnMut(Result<storyline_model::Article, StoreError>),
    ) -> Result<u64, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM articles ORDER BY id",
                crate::articles::ARTICLE_COLUMNS
            ))
            .context(|| "preparing the article check".to_string())?;
        let mut rows = stmt.query([]).context(|| "checking articles".to_string())?;
        let mut seen = 0;
        while let Some(row) = rows.next().context(|| "checking articles".to_string())? {
            visit(crate::articles::article_from_row(row));
            seen += 1;
        }
        Ok(seen)
    }

    fn for_each_raw_hash(&self, mut visit: impl FnMut(&str)) -> Result<u64, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT hash FROM raw_inputs ORDER BY hash")
            .context(|| "preparing the raw input check".to_string())?;
        let mut rows = stmt
            .query([])
            .context(|| "checking raw inputs".to_string())?;
        let mut seen = 0;
        while let Some(row) = rows.next().context(|| "checking raw inputs".to_string())? {
            let hash: String = row.get(0).context(|| "checking raw inputs".to_string())?;
            visit(&hash);
            seen += 1;
        }
        Ok(seen)
    }
}
