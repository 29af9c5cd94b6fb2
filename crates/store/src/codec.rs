//! Conversions between model values and their column representations: timestamps,
//! partial dates, enum names, JSON columns and raw-byte compression.

use std::io::{Read, Write};
use std::str::FromStr;

use chrono::{DateTime, SecondsFormat, Utc};
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use serde::de::DeserializeOwned;
use serde::Serialize;
use storyline_model::PartialDate;

use crate::error::StoreError;

/// Fixed-width RFC 3339 in UTC with nanoseconds: exact round trip, and text order is
/// time order, which the listing order relies on.
pub fn timestamp(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

pub fn parse_timestamp(
    text: &str,
    what: &'static str,
    key: &str,
) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::corrupt(what, key, format!("{text:?}: {e}")))
}

pub fn parse_optional_timestamp(
    text: Option<String>,
    what: &'static str,
    key: &str,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    text.map(|t| parse_timestamp(&t, what, key)).transpose()
}

pub fn parse_optional_date(
    text: Option<String>,
    what: &'static str,
    key: &str,
) -> Result<Option<PartialDate>, StoreError> {
    parse_optional(text, what, key)
}

/// Parse an optional enum or date column through its `FromStr`.
pub fn parse_optional<T>(
    text: Option<String>,
    what: &'static str,
    key: &str,
) -> Result<Option<T>, StoreError>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    text.map(|t| {
        t.parse::<T>()
            .map_err(|e| StoreError::corrupt(what, key, format!("{t:?}: {e}")))
    })
    .transpose()
}

pub fn to_json<T: Serialize + ?Sized>(
    value: &T,
    what: &'static str,
    key: &str,
) -> Result<String, StoreError> {
    // Serialising plain model data cannot fail in practice; if it ever does, say where.
    serde_json::to_string(value).map_err(|e| StoreError::corrupt(what, key, e))
}

pub fn from_json<T: DeserializeOwned>(
    text: &str,
    what: &'static str,
    key: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::corrupt(what, key, e))
}

/// Below this size compression saves too little to be worth the CPU.
const COMPRESS_FROM_BYTES: usize = 512;

pub const COMPRESSION_NONE: &str = "none";
pub const COMPRESSION_DEFLATE: &str = "deflate";

/// Compress raw bytes for storage; returns the scheme name and the stored bytes.
/// Keeps the plain bytes when deflate would not make them smaller.
pub fn compress(bytes: &[u8], hash: &str) -> Result<(&'static str, Vec<u8>), StoreError> {
    if bytes.len() < COMPRESS_FROM_BYTES {
        return Ok((COMPRESSION_NONE, bytes.to_vec()));
    }
    let fail = |source| StoreError::Compression {
        action: "compress",
        hash: hash.to_string(),
        source,
    };
    // Fast level: ingest throughput matters more than the last few percent of size.
    let mut encoder = DeflateEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::fast());
    encoder.write_all(bytes).map_err(fail)?;
    let compressed = encoder.finish().map_err(fail)?;
    if compressed.len() >= bytes.len() {
        Ok((COMPRESSION_NONE, bytes.to_vec()))
    } else {
        Ok((COMPRESSION_DEFLATE, compressed))
    }
}

pub fn decompress(
    scheme: &str,
    stored: Vec<u8>,
    size: usize,
    hash: &str,
) -> Result<Vec<u8>, StoreError> {
    match scheme {
        COMPRESSION_NONE => Ok(stored),
        COMPRESSION_DEFLATE => {
            let mut bytes = Vec::with_capacity(size);
            DeflateDecoder::new(stored.as_slice())
                .read_to_end(&mut bytes)
                .map_err(|source| StoreError::Compression {
                    action: "decompress",
                    hash: hash.to_string(),
                    source,
                })?;
            Ok(bytes)
        }
        other => Err(StoreError::corrupt(
            "compression scheme",
            hash,
            format!("unknown scheme {other:?}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_exactly_and_sort_as_text() {
        let early: DateTime<Utc> = "2020-01-02T03:04:05.000000006Z".parse().unwrap();
        let late: DateTime<Utc> = "2020-01-02T03:04:05.1Z".parse().unwrap();
        assert_eq!(
            parse_timestamp(&timestamp(&early), "t", "k").unwrap(),
            early
        );
        assert!(timestamp(&early) < timestamp(&late));
    }

    #[test]
    fn compression_round_trips_and_skips_incompressible_input() {
        let text = "<p>The council met on Tuesday.</p>\n".repeat(100);
        let (scheme, stored) = compress(text.as_bytes(), "h").unwrap();
        assert_eq!(scheme, COMPRESSION_DEFLATE);
        assert!(stored.len() < text.len() / 4);
        assert_eq!(
            decompress(scheme, stored, text.len(), "h").unwrap(),
            text.as_bytes()
        );

        let noise: Vec<u8> = (0u32..4096)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let (scheme, stored) = compress(&noise, "h").unwrap();
        assert_eq!(decompress(scheme, stored, noise.len(), "h").unwrap(), noise);
    }

    #[test]
    fn unreadable_values_name_the_row() {
        let err =
            parse_optional_date(Some("2019-13".into()), "published date", "abcd").unwrap_err();
        assert!(err.to_string().contains("abcd"), "{err}");
        assert!(decompress("zstd", vec![], 0, "feed").is_err());
    }
}
