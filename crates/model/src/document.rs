//! A document as it enters the pipeline: decoded text plus where it came from.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The format of one document (after splitting containers such as JSONL or WARC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// One JSON object of a news tool (news-please, newspaper, a JSONL export...).
    Record,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Record => "record",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(Format::Text),
            "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "record" => Ok(Format::Record),
            other => Err(format!("unknown format {other:?}")),
        }
    }
}

/// What is known about a document besides its bytes: the context it arrived in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The URL the document was fetched from (feed item link, WARC target URI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When a crawler or feed poller fetched it (WARC-Date, poll time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<DateTime<Utc>>,
    /// The feed item's own date, as the feed gave it (RFC 3339 after parsing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_published: Option<String>,
    /// The feed item's title and text, a fallback when the page cannot be had.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_guid: Option<String>,
}

/// One document, decoded to text, ready for extraction.
///
/// `raw` holds the exact bytes it was decoded from (after gzip, before charset decoding),
/// so the whole pipeline can be re-run over stored documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Path or URL as given; records in a container get `path:LINE`.
    pub source: String,
    pub format: Format,
    /// The decoded text (UTF-8).
    pub text: String,
    /// The original bytes.
    pub raw: Vec<u8>,
    pub provenance: Provenance,
}

impl Document {
    /// The content-derived hash of the raw bytes: equal bytes, equal hash, whatever the path.
    pub fn raw_hash(&self) -> String {
        crate::content_hash(&self.raw)
    }
}
