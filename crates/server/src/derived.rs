//! Endpoints and page data over derived state: search (the tantivy index) and timelines.
//! Search answers 503 with a clear message while its library part is not built yet, so
//! the rest of the server works meanwhile.

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use storyline_model::{Storyline, Timeline};
use storyline_store::Store;
use storyline_timeline::TimelineOptions;
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, ErrorBody};
use crate::params::{self, PageParams};
use crate::state::Shared;
use crate::views::Segment;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/timeline", get(timeline))
        .route("/api/storylines/{id}/timeline", get(storyline_timeline_api))
}

const SEARCH_NOT_BUILT: &str = "search is not built yet (issue #7: crates/search)";

/// A timeline's JSON: the shape of `storyline timeline --json`, entries paginated.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineDto {
    pub query: String,
    pub total: u64,
    pub offset: usize,
    pub limit: usize,
    pub entries: Vec<TimelineEntryDto>,
    /// Articles with no usable date: listed, never placed.
    pub undated: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineEntryDto {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    pub precision: String,
    /// `reported` (what happened) or `planned` (what was announced for that date).
    pub kind: String,
    pub summary: Vec<SentenceDto>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SentenceDto {
    pub text: String,
    pub article: String,
    pub site: Option<String>,
    /// For a planned entry: the day the plan was reported.
    pub reported_on: Option<String>,
}

pub fn timeline_dto(timeline: &Timeline, page: params::Page) -> TimelineDto {
    TimelineDto {
        query: timeline.query.clone(),
        total: timeline.entries.len() as u64,
        offset: page.offset,
        limit: page.limit,
        entries: page
            .slice(&timeline.entries)
            .iter()
            .map(|e| TimelineEntryDto {
                date: e.date.to_string(),
                precision: e.precision.as_str().to_string(),
                kind: match e.kind {
                    storyline_model::EntryKind::Reported => "reported",
                    storyline_model::EntryKind::Planned => "planned",
                }
                .to_string(),
                summary: e
                    .summary
                    .iter()
                    .map(|s| SentenceDto {
                        text: s.text.clone(),
                        article: s.article.to_string(),
                        site: s.site.clone(),
                        reported_on: s.reported_on.map(|d| d.to_string()),
                    })
                    .collect(),
            })
            .collect(),
        undated: timeline.undated.iter().map(|a| a.to_string()).collect(),
    }
}

/// The timeline of one storyline.
pub fn storyline_timeline(store: &Store, storyline: &Storyline) -> Result<Timeline, ApiError> {
    let scope = storyline_app::TimelineScope::Storyline(storyline.id.clone());
    Ok(storyline_app::timeline(
        store,
        &scope,
        &TimelineOptions::default(),
    )?)
}

/// The timeline of the articles matching a query.
pub fn query_timeline(store: &Store, query: &str) -> Result<Timeline, ApiError> {
    let scope = storyline_app::TimelineScope::Query(query.to_string());
    Ok(storyline_app::timeline(
        store,
        &scope,
        &TimelineOptions::default(),
    )?)
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TimelineParams {
    /// The words whose articles make the timeline.
    pub q: Option<String>,
}

/// A dated timeline of the articles matching `q`: reported and planned entries.
#[utoipa::path(get, path = "/api/timeline", tag = "timelines",
    params(TimelineParams, PageParams),
    responses(
        (status = 200, description = "The timeline (entries paginated)", body = TimelineDto),
        (status = 400, description = "Missing q or a bad parameter", body = ErrorBody),
    ))]
pub async fn timeline(
    State(state): State<Shared>,
    Query(p): Query<TimelineParams>,
    Query(page): Query<PageParams>,
) -> Result<Json<TimelineDto>, ApiError> {
    let page = page.page()?;
    let q = params::non_empty(p.q.as_deref())
        .ok_or_else(|| ApiError::bad_request("q is required: the words to make a timeline of"))?;
    let t = state.read(move |store| query_timeline(store, &q)).await?;
    Ok(Json(timeline_dto(&t, page)))
}

/// The timeline of one storyline: reported and planned entries.
#[utoipa::path(get, path = "/api/storylines/{id}/timeline", tag = "timelines",
    params(("id" = String, Path, description = "Storyline id (`story-` and hex digits)"), PageParams),
    responses(
        (status = 200, description = "The timeline (entries paginated)", body = TimelineDto),
        (status = 400, description = "A bad parameter", body = ErrorBody),
        (status = 404, description = "No such storyline", body = ErrorBody),
    ))]
pub async fn storyline_timeline_api(
    State(state): State<Shared>,
    Path(id): Path<String>,
    Query(page): Query<PageParams>,
) -> Result<Json<TimelineDto>, ApiError> {
    let page = page.page()?;
    let id = params::group_id(&id, "story", "storyline")?;
    let t = state
        .read(move |store| {
            let (storyline, _) = crate::api::find_storyline(store, &id)?;
            storyline_timeline(store, &storyline)
        })
        .await?;
    Ok(Json(timeline_dto(&t, page)))
}

/// Search filters.
#[allow(dead_code)] // read once search is wired (it answers 503 until then)
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The query: words, "phrases", AND / OR / NOT.
    pub q: Option<String>,
    /// Only articles published on or after this date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only articles published on or before this date.
    pub to: Option<String>,
    /// Only this site.
    pub site: Option<String>,
    /// Only this language (ISO 639-1).
    pub lang: Option<String>,
    /// Only this storyline's articles.
    pub storyline: Option<String>,
}

/// One search hit.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchHitDto {
    pub id: String,
    pub title: String,
    pub site: Option<String>,
    pub lang: Option<String>,
    pub published: Option<String>,
    pub score: f32,
    /// A passage of the text around the matches, plain text.
    pub snippet: String,
    /// Char ranges `[start, end)` of the matched words in `snippet`.
    pub highlights: Vec<[usize; 2]>,
}

/// A facet value and how many hits have it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Facet counts over all the hits (not only this page).
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Facets {
    pub site: Vec<FacetCount>,
    pub lang: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
}

/// One page of search hits, best first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchResultsDto {
    pub total: u64,
    pub offset: usize,
    pub limit: usize,
    pub items: Vec<SearchHitDto>,
    pub facets: Facets,
}

/// Full-text search (BM25) with filters and facet counts.
#[utoipa::path(get, path = "/api/search", tag = "search",
    params(SearchParams, PageParams),
    responses(
        (status = 200, description = "One page of hits", body = SearchResultsDto),
        (status = 400, description = "Missing q or a bad parameter", body = ErrorBody),
        (status = 503, description = "Search is not built yet", body = ErrorBody),
    ))]
pub async fn search(
    State(_state): State<Shared>,
    Query(p): Query<SearchParams>,
    Query(page): Query<PageParams>,
) -> Result<Json<SearchResultsDto>, ApiError> {
    let _page = page.page()?;
    let _q = params::non_empty(p.q.as_deref())
        .ok_or_else(|| ApiError::bad_request("q is required: the words to search for"))?;
    params::parse_date("from", p.from.as_deref())?;
    params::parse_date("to", p.to.as_deref())?;
    Err(ApiError::unavailable(SEARCH_NOT_BUILT))
}

/// What the search page asked for.
#[allow(dead_code)] // read once search is wired (it answers 503 until then)
#[derive(Debug, Clone)]
pub struct SearchForm {
    pub q: String,
    pub site: Option<String>,
    pub lang: Option<String>,
    pub year: Option<String>,
    pub offset: Option<String>,
}

pub struct FacetValueView {
    pub value: String,
    pub count: u64,
    pub href: String,
}

pub struct FacetView {
    pub name: String,
    pub values: Vec<FacetValueView>,
}

pub struct HitView {
    pub id: String,
    pub title: String,
    pub site: Option<String>,
    pub published: Option<String>,
    pub snippet: Vec<Segment>,
}

pub struct SearchView {
    pub total: u64,
    pub facets: Vec<FacetView>,
    pub hits: Vec<HitView>,
    pub prev: Option<String>,
    pub next: Option<String>,
}

pub fn search_page(_store: &Store, _form: &SearchForm) -> Result<SearchView, ApiError> {
    Err(ApiError::unavailable(SEARCH_NOT_BUILT))
}
