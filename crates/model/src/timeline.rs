//! A timeline: dated entries, each a few sentences with their sources.
//! Its JSON shape is that of `storyline timeline --json` and `/api/timeline`.

use serde::{Deserialize, Serialize};

use crate::{ArticleId, PartialDate};

/// Whether an entry says what happened (reported) or what someone said will happen (planned).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Reported,
    Planned,
}

/// One sentence of an entry, with the article it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    pub text: String,
    pub article: ArticleId,
    pub site: Option<String>,
    /// For a planned entry: the day the plan was reported (the article's publication date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_on: Option<PartialDate>,
}

/// One date of a timeline. `date` carries its own precision ("2019", "2019-11", "2019-11-04").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub date: PartialDate,
    pub precision: crate::Precision,
    pub kind: EntryKind,
    pub summary: Vec<SummarySentence>,
}

/// A timeline for a query or a storyline. Articles with no usable date are listed, never placed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub query: String,
    pub entries: Vec<TimelineEntry>,
    pub undated: Vec<ArticleId>,
}
