//! The JSON shapes of the API, with their OpenAPI schemas.
//!
//! They mirror the model types (whose crate must stay free of HTTP concerns, so it carries
//! no schema derives) and the `storyline ... --json` outputs: dates are `YYYY`, `YYYY-MM`
//! or `YYYY-MM-DD` strings, ids are strings.

use serde::Serialize;
use storyline_model::{Article, DateMention, Event, Published, Storyline};
use storyline_store::ArticleGroups;
use utoipa::ToSchema;

/// A publication date that says where it came from and how much it knows; all null when unknown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublishedDto {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[schema(example = "2019-11-05")]
    pub date: Option<String>,
    /// `year`, `month` or `day`.
    pub precision: Option<String>,
    /// Where the date was found (`front_matter`, `json_ld`, `meta_tag`, ..., `inferred`).
    pub source: Option<String>,
    /// 0..1; 1 for stated dates.
    pub confidence: Option<f32>,
    /// The full timestamp as stated, time zone kept.
    pub timestamp: Option<String>,
}

impl From<&Published> for PublishedDto {
    fn from(p: &Published) -> Self {
        Self {
            date: p.date.map(|d| d.to_string()),
            precision: p.precision.map(|p| p.as_str().to_string()),
            source: p.source.map(|s| s.as_str().to_string()),
            confidence: p.confidence,
            timestamp: p.timestamp.clone(),
        }
    }
}

/// One article in a listing.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArticleSummary {
    #[schema(example = "798eb998df2962e1")]
    pub id: String,
    pub title: String,
    pub site: Option<String>,
    pub lang: Option<String>,
    pub url: Option<String>,
    pub published: PublishedDto,
    pub words: usize,
    /// The canonical article this one copies, if it is a copy.
    pub duplicate_of: Option<String>,
    pub event: Option<String>,
    pub storyline: Option<String>,
}

impl ArticleSummary {
    pub fn new(article: &Article, groups: &ArticleGroups) -> Self {
        Self {
            id: article.id.to_string(),
            title: article.title.clone(),
            site: article.site.clone(),
            lang: article.lang.clone(),
            url: article.url.clone(),
            published: (&article.published).into(),
            words: article.word_count(),
            duplicate_of: groups.duplicate_of.as_ref().map(|d| d.to_string()),
            event: groups.event.clone(),
            storyline: groups.storyline.clone(),
        }
    }
}

/// A date mentioned in an article's text; `start`/`end` are char offsets into the body
/// paragraphs joined by a blank line.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MentionDto {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub date: String,
    pub until: Option<String>,
    pub precision: String,
    pub sentence: String,
    /// True when resolved relative to the publication date ("next year").
    pub anchored: bool,
}

impl From<&DateMention> for MentionDto {
    fn from(m: &DateMention) -> Self {
        Self {
            text: m.text.clone(),
            start: m.start,
            end: m.end,
            date: m.date.to_string(),
            until: m.until.map(|d| d.to_string()),
            precision: m.precision.as_str().to_string(),
            sentence: m.sentence.clone(),
            anchored: m.anchored,
        }
    }
}

/// One article with everything storyline knows about it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArticleDetail {
    #[serde(flatten)]
    pub summary: ArticleSummary,
    /// Path or URL as given at ingest.
    pub source: String,
    pub authors: Vec<String>,
    /// `text`, `markdown`, `html` or `record`.
    pub format: String,
    pub modified: Option<String>,
    /// Clean body text, one paragraph per entry.
    pub paragraphs: Vec<String>,
    pub mentioned_dates: Vec<MentionDto>,
    /// When storyline first saw this content (RFC 3339).
    pub first_seen: String,
}

impl ArticleDetail {
    pub fn new(article: &Article, groups: &ArticleGroups) -> Self {
        Self {
            summary: ArticleSummary::new(article, groups),
            source: article.source.clone(),
            authors: article.authors.clone(),
            format: article.format.as_str().to_string(),
            modified: article.modified.map(|d| d.to_string()),
            paragraphs: article.body.clone(),
            mentioned_dates: article.mentioned_dates.iter().map(Into::into).collect(),
            first_seen: article.first_seen.to_rfc3339(),
        }
    }
}

/// One event in a listing.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventSummary {
    #[schema(example = "event-798eb998df2962e1")]
    pub id: String,
    pub title: String,
    /// How many articles report it.
    pub articles: usize,
    pub sites: Vec<String>,
    pub first: Option<String>,
    pub last: Option<String>,
}

impl From<&Event> for EventSummary {
    fn from(e: &Event) -> Self {
        Self {
            id: e.id.clone(),
            title: e.title.clone(),
            articles: e.articles.len(),
            sites: e.sites.clone(),
            first: e.first.map(|d| d.to_string()),
            last: e.last.map(|d| d.to_string()),
        }
    }
}

/// An article reporting an event, as listed under its site.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportDto {
    pub id: String,
    pub title: String,
    pub published: Option<String>,
    /// Set when this article is a copy of another (a repost, a wire copy).
    pub copy_of: Option<String>,
}

/// One site that reported an event, with its articles.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SiteReports {
    /// The site, or `unknown site`.
    pub site: String,
    pub articles: Vec<ReportDto>,
}

/// One event with its articles and who else reported it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventDetail {
    #[serde(flatten)]
    pub summary: EventSummary,
    pub storyline: Option<String>,
    /// The event's articles (this page of them); `total` counts them all.
    pub articles_page: Paged<ArticleSummary>,
    /// Every site that reported the event, copies included.
    pub also_reported_by: Vec<SiteReports>,
}

/// One storyline in a listing.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StorylineSummary {
    #[schema(example = "story-798eb998df2962e1")]
    pub id: String,
    pub title: String,
    pub events: usize,
    pub articles: usize,
    pub first: Option<String>,
    pub last: Option<String>,
}

impl From<&Storyline> for StorylineSummary {
    fn from(s: &Storyline) -> Self {
        Self {
            id: s.id.clone(),
            title: s.title.clone(),
            events: s.events.len(),
            articles: s.articles.len(),
            first: s.first.map(|d| d.to_string()),
            last: s.last.map(|d| d.to_string()),
        }
    }
}

/// One storyline with its events (this page of them).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StorylineDetail {
    #[serde(flatten)]
    pub summary: StorylineSummary,
    pub events_page: Paged<EventSummary>,
}

/// One page of a listing. `total` counts every item matching the filters.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Paged<T: ToSchema> {
    pub total: u64,
    pub offset: usize,
    pub limit: usize,
    pub items: Vec<T>,
}

impl<T: ToSchema> Paged<T> {
    /// The page `page` asked for, holding `items`, out of `total`.
    pub fn new(total: u64, page: crate::params::Page, items: Vec<T>) -> Self {
        Paged {
            total,
            offset: page.offset,
            limit: page.limit,
            items,
        }
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IngestReport {
    pub ingested: usize,
    pub already_present: usize,
    /// Ids of the articles the body added (new ones only).
    pub ids: Vec<String>,
    pub failed: Vec<IngestFailure>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IngestFailure {
    pub source: String,
    pub reason: String,
}
