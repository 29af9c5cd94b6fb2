//! Groupings over articles: copies of one article, events, storylines.
//! Their JSON shapes are those of `storyline duplicates|events|storylines --json`.

use serde::{Deserialize, Serialize};

use crate::{ArticleId, PartialDate};

/// Copies of one article: the earliest copy is canonical; nothing is deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    pub canonical: ArticleId,
    pub copies: Vec<ArticleId>,
    /// How the copies relate to the canonical one: "exact", "near", "contained".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
}

/// Articles about one real-world happening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub articles: Vec<ArticleId>,
    pub sites: Vec<String>,
    pub first: Option<PartialDate>,
    pub last: Option<PartialDate>,
}

/// Events linked over months or years by shared key entities and terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Storyline {
    pub id: String,
    pub title: String,
    pub events: Vec<String>,
    pub articles: Vec<ArticleId>,
    pub first: Option<PartialDate>,
    pub last: Option<PartialDate>,
}

/// The whole grouping of a store at one moment, as `recluster` or incremental updates leave it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Grouping {
    pub duplicates: Vec<DuplicateGroup>,
    pub events: Vec<Event>,
    pub storylines: Vec<Storyline>,
}
