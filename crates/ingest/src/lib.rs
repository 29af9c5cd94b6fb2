//! Sources, format detection and charset decoding: paths in, decoded
//! [`Document`]s out.
//!
//! Owns: expanding inputs (files, folders recursively, globs, `-` for stdin), gunzip by
//! magic bytes, format detection from content and extension, charset decoding (BOM,
//! declared charset, UTF-8, then chardetng), splitting JSON Lines and JSON arrays into
//! one document per record, streaming WARC files record by record ([`warc`]), and the
//! errors that name each bad input.
//!
//! Must not touch: HTML structure, dates, the store. Reading one input never affects
//! another: every failure is returned beside the successes.

mod decode;
mod detect;
mod error;
mod source;
pub mod warc;

pub use decode::{decode, decode_lenient, gunzip_if_gzip};
pub use detect::detect_format;
pub use error::IngestError;
pub use source::{expand_inputs, Input, InputKind};

use std::io::Read;

use storyline_model::{Document, Format, Provenance};

/// Read one input: it may hold many documents (JSON Lines, JSON arrays).
pub fn read_input(input: &Input) -> Vec<Result<Document, IngestError>> {
    let bytes = match &input.kind {
        // Callers that can take a stream use `warc::read_warc` directly (the app's ingest
        // does); this collects every record.
        InputKind::File(path) if warc::is_warc(&input.source) => {
            return match warc::read_warc(path) {
                Ok(documents) => documents.collect(),
                Err(err) => vec![Err(err)],
            };
        }
        InputKind::File(path) => std::fs::read(path).map_err(|e| IngestError::io(&input.source, e)),
        InputKind::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map(|_| buf)
                .map_err(|e| IngestError::io("-", e))
        }
    };
    match bytes {
        Ok(bytes) => read_bytes(&input.source, bytes, Provenance::default()),
        Err(err) => vec![Err(err)],
    }
}

/// Turn the bytes of one input into documents (stdin, HTTP bodies, fetched pages).
pub fn read_bytes(
    source: &str,
    bytes: Vec<u8>,
    provenance: Provenance,
) -> Vec<Result<Document, IngestError>> {
    let bytes = match decode::gunzip_if_gzip(source, bytes) {
        Ok(bytes) => bytes,
        Err(err) => return vec![Err(err)],
    };
    let name = source.strip_suffix(".gz").unwrap_or(source);
    if let Err(err) = detect::check_is_text(source, &bytes) {
        return vec![Err(err)];
    }
    let format = detect::detect_format(&bytes, Some(name));
    let text = match decode::decode(&bytes, Some(format), source) {
        Ok(text) => text,
        Err(err) => return vec![Err(err)],
    };
    if format == Format::Record {
        return split_records(source, &text, &provenance);
    }
    vec![Ok(Document {
        source: source.to_string(),
        format,
        text,
        raw: bytes,
        provenance,
    })]
}

/// One document per JSON record: a single object, an array of objects, or JSON Lines.
fn split_records(
    source: &str,
    text: &str,
    provenance: &Provenance,
) -> Vec<Result<Document, IngestError>> {
    let record = |name: String, json: String| {
        Ok(Document {
            source: name,
            format: Format::Record,
            raw: json.as_bytes().to_vec(),
            text: json,
            provenance: provenance.clone(),
        })
    };
    let trimmed = text.trim_start();
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        return match value {
            serde_json::Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| match item {
                    serde_json::Value::Object(_) => {
                        record(format!("{source}#{i}"), item.to_string())
                    }
                    _ => Err(IngestError::Record {
                        source_name: format!("{source}#{i}"),
                        reason: "not a JSON object".into(),
                    }),
                })
                .collect(),
            serde_json::Value::Object(_) => {
                vec![record(source.to_string(), trimmed.trim_end().to_string())]
            }
            _ => vec![Err(IngestError::Record {
                source_name: source.to_string(),
                reason: "JSON that is neither an object nor an array of objects".into(),
            })],
        };
    }
    // JSON Lines: every non-blank line is one record; a bad line fails alone.
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let name = format!("{source}:{}", i + 1);
            match serde_json::from_str::<serde_json::Value>(line) {
                Ok(serde_json::Value::Object(_)) => record(name, line.trim().to_string()),
                Ok(_) => Err(IngestError::Record {
                    source_name: name,
                    reason: "not a JSON object".into(),
                }),
                Err(err) => Err(IngestError::Record {
                    source_name: name,
                    reason: format!("invalid JSON: {err}"),
                }),
            }
        })
        .collect()
}
