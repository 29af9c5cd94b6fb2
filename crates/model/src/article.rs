//! The article record: what storyline knows about one news article.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Format, PartialDate, Precision, Published};

/// A stable, content-derived article id: 16 hex digits of the blake3 hash of the raw
/// input bytes. The same bytes always get the same id, so ingesting them twice adds nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    pub fn from_raw(raw: &[u8]) -> Self {
        ArticleId(crate::content_hash(raw))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A date (or span of dates) mentioned in an article's text.
///
/// `start`/`end` are offsets in Unicode scalar values (chars) into [`Article::text`],
/// the body paragraphs joined by `"\n\n"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The resolved date (the start of the span for ranges such as "Q3 2019").
    pub date: PartialDate,
    /// The end of the span when the mention names a range ("the first half of 2019").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<PartialDate>,
    pub precision: Precision,
    /// The sentence the mention occurs in.
    pub sentence: String,
    /// True when the value was resolved relative to the publication date ("next year").
    pub anchored: bool,
}

/// One article, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    /// Path or URL as given at ingest.
    pub source: String,
    pub title: String,
    pub authors: Vec<String>,
    /// The publishing site (domain or name), when known.
    pub site: Option<String>,
    /// The canonical URL, when known.
    pub url: Option<String>,
    /// ISO 639-1 language code, when known or detected.
    pub lang: Option<String>,
    /// Clean body text, one paragraph per entry.
    pub body: Vec<String>,
    pub published: Published,
    /// A modification date, kept apart from the publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<PartialDate>,
    #[serde(default)]
    pub mentioned_dates: Vec<DateMention>,
    pub format: Format,
    /// When storyline first saw this content.
    pub first_seen: DateTime<Utc>,
    /// blake3 hash (16 hex) of the raw input bytes.
    pub raw_hash: String,
}

impl Article {
    /// The body as one string, paragraphs separated by a blank line. Mention offsets refer to it.
    pub fn text(&self) -> String {
        self.body.join("\n\n")
    }

    pub fn word_count(&self) -> usize {
        self.body.iter().map(|p| p.split_whitespace().count()).sum()
    }
}
