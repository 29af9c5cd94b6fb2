//! Raw inputs: the exact bytes every article was made from, kept so that a better
//! pipeline can be re-run over everything.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use storyline_model::{Format, Provenance};

use crate::codec;
use crate::error::{Context, StoreError};
use crate::Store;

/// One input as it arrived: its bytes and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct RawInput {
    /// Content hash of `bytes` (`storyline_model::content_hash`); the primary key.
    pub hash: String,
    pub format: Format,
    /// Path or URL as given at ingest.
    pub source: String,
    pub bytes: Vec<u8>,
    pub provenance: Provenance,
}

const RAW_COLUMNS: &str = "hash, format, source, compression, size, bytes, provenance";

/// Insert a raw input unless one with the same hash is stored; true when inserted.
pub(crate) fn insert_raw(
    tx: &Transaction<'_>,
    raw: &RawInput,
    first_seen: &DateTime<Utc>,
) -> Result<bool, StoreError> {
    let mut exists = tx
        .prepare_cached("SELECT 1 FROM raw_inputs WHERE hash = ?1")
        .context(|| "preparing the raw input lookup".to_string())?;
    // Check first: compressing bytes that are already stored would waste the CPU.
    if exists
        .exists([&raw.hash])
        .context(|| format!("looking up raw input {}", raw.hash))?
    {
        return Ok(false);
    }
    let (scheme, stored) = codec::compress(&raw.bytes, &raw.hash)?;
    let provenance = codec::to_json(&raw.provenance, "provenance", &raw.hash)?;
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO raw_inputs (hash, format, source, compression, size, bytes, provenance, first_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .context(|| "preparing the raw input insert".to_string())?;
    insert
        .execute(params![
            raw.hash,
            raw.format.as_str(),
            raw.source,
            scheme,
            raw.bytes.len() as i64,
            stored,
            provenance,
            codec::timestamp(first_seen),
        ])
        .context(|| format!("storing raw input {} ({})", raw.hash, raw.source))?;
    Ok(true)
}

fn raw_from_row(row: &Row<'_>) -> Result<RawInput, StoreError> {
    let read = |e: rusqlite::Error| StoreError::Database {
        context: "reading a raw input row".to_string(),
        source: Box::new(e),
    };
    let hash: String = row.get(0).map_err(read)?;
    let format: String = row.get(1).map_err(read)?;
    let scheme: String = row.get(3).map_err(read)?;
    let size: i64 = row.get(4).map_err(read)?;
    let stored: Vec<u8> = row.get(5).map_err(read)?;
    let provenance: String = row.get(6).map_err(read)?;
    Ok(RawInput {
        format: format
            .parse()
            .map_err(|e| StoreError::corrupt("raw input format", &hash, e))?,
        source: row.get(2).map_err(read)?,
        bytes: codec::decompress(&scheme, stored, size.max(0) as usize, &hash)?,
        provenance: codec::from_json(&provenance, "raw input provenance", &hash)?,
        hash,
    })
}

impl Store {
    /// The raw input with this hash, decompressed.
    pub fn raw_input(&self, hash: &str) -> Result<Option<RawInput>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {RAW_COLUMNS} FROM raw_inputs WHERE hash = ?1"
            ))
            .context(|| "preparing the raw input query".to_string())?;
        let found = stmt
            .query_row([hash], |row| Ok(raw_from_row(row)))
            .optional()
            .context(|| format!("reading raw input {hash}"))?;
        found.transpose()
    }

    pub fn raw_count(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM raw_inputs", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|n| n as u64)
            .context(|| "counting raw inputs".to_string())
    }

    /// Stream every raw input, in hash order, without loading them all; returns how many.
    pub fn for_each_raw(&self, mut visit: impl FnMut(RawInput)) -> Result<u64, StoreError> {
        self.try_for_each_raw(|raw| {
            visit(raw);
            Ok::<(), StoreError>(())
        })
    }

    /// Like [`Store::for_each_raw`], stopping at the first error the visitor returns.
    pub fn try_for_each_raw<E: From<StoreError>>(
        &self,
        mut visit: impl FnMut(RawInput) -> Result<(), E>,
    ) -> Result<u64, E> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {RAW_COLUMNS} FROM raw_inputs ORDER BY hash"
            ))
            .context(|| "preparing the raw input scan".to_string())?;
        let mut rows = stmt
            .query([])
            .context(|| "scanning raw inputs".to_string())?;
        let mut seen = 0;
        while let Some(row) = rows.next().context(|| "scanning raw inputs".to_string())? {
            visit(raw_from_row(row)?)?;
            seen += 1;
        }
        Ok(seen)
    }

    /// Total stored size of raw inputs (compressed, uncompressed) in bytes.
    pub fn raw_sizes(&self) -> Result<(u64, u64), StoreError> {
        self.conn
            .query_row(
                "SELECT coalesce(sum(length(bytes)), 0), coalesce(sum(size), 0) FROM raw_inputs",
                [],
                |row| Ok((row.get::<_, i64>(0)? as u64, row.get::<_, i64>(1)? as u64)),
            )
            .context(|| "summing raw input sizes".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_raw_input_is_none() {
        let store = Store::open_in_memory().unwrap();
        assert!(store.raw_input("0123456789abcdef").unwrap().is_none());
        assert_eq!(store.raw_count().unwrap(), 0);
    }
}
