//! Endpoints and page data over derived state: search (the tantivy index, kept in step
//! with the store by the app) and timelines.

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use storyline_app::{SearchHit, SearchQuery, SearchResults};
use storyline_model::{Storyline, Timeline};
use storyline_search::SearchError;
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
    ))]
pub async fn search(
    State(state): State<Shared>,
    Query(p): Query<SearchParams>,
    Query(page): Query<PageParams>,
) -> Result<Json<SearchResultsDto>, ApiError> {
    let page = page.page()?;
    let text = params::non_empty(p.q.as_deref())
        .ok_or_else(|| ApiError::bad_request("q is required: the words to search for"))?;
    let storyline = match params::non_empty(p.storyline.as_deref()) {
        Some(id) => Some(params::group_id(&id, "story", "storyline").map_err(|_| {
            ApiError::bad_request(format!("storyline {id:?} is not a storyline id"))
        })?),
        None => None,
    };
    let query = SearchQuery {
        text,
        from: params::parse_date("from", p.from.as_deref())?,
        to: params::parse_date("to", p.to.as_deref())?,
        site: params::non_empty(p.site.as_deref()),
        lang: params::non_empty(p.lang.as_deref()),
        storyline,
        offset: page.offset,
        limit: page.limit,
    };
    let shared = state.clone();
    let results = state
        .read(move |store| run_search(&shared, store, &query))
        .await?;
    Ok(Json(SearchResultsDto {
        total: results.total,
        offset: page.offset,
        limit: page.limit,
        items: results.hits.iter().map(hit_dto).collect(),
        facets: Facets {
            site: facet_counts(&results.facets.site),
            lang: facet_counts(&results.facets.lang),
            year: facet_counts(&results.facets.year),
        },
    }))
}

/// Run a query on the server's open index; a query the parser refuses is a 400.
fn run_search(
    state: &crate::state::AppState,
    store: &Store,
    query: &SearchQuery,
) -> Result<SearchResults, ApiError> {
    let index = state.search_index(store)?;
    match index.search(query) {
        Ok(results) => Ok(results),
        Err(err @ SearchError::BadQuery { .. }) => Err(ApiError::bad_request(err.to_string())),
        Err(err) => {
            // A damaged index shows only when read: the app rebuilds it and asks again.
            tracing::warn!("{err}; searching through the app, which rebuilds the index");
            drop(index);
            storyline_app::search(store, query).map_err(|err| {
                match err.downcast_ref::<SearchError>() {
                    Some(bad @ SearchError::BadQuery { .. }) => {
                        ApiError::bad_request(bad.to_string())
                    }
                    _ => err.into(),
                }
            })
        }
    }
}

fn facet_counts(counts: &[storyline_app::FacetCount]) -> Vec<FacetCount> {
    counts
        .iter()
        .map(|c| FacetCount {
            value: c.value.clone(),
            count: c.count,
        })
        .collect()
}

fn hit_dto(hit: &SearchHit) -> SearchHitDto {
    let segments = snippet_segments(&hit.snippet);
    let mut snippet = String::new();
    let mut highlights = Vec::new();
    let mut at = 0usize;
    for seg in &segments {
        let len = seg.text.chars().count();
        if seg.mark.is_some() {
            highlights.push([at, at + len]);
        }
        snippet.push_str(&seg.text);
        at += len;
    }
    SearchHitDto {
        id: hit.id.clone(),
        title: hit.title.clone(),
        site: hit.site.clone(),
        published: hit.published.map(|d| d.to_string()),
        score: hit.score,
        snippet,
        highlights,
    }
}

/// The search crate's snippet is escaped HTML with `<b>` around matches. It is turned
/// back into plain runs here, so the page escapes it again itself and never prints
/// markup it did not write.
pub fn snippet_segments(html: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut rest = html;
    let mut marked = false;
    loop {
        let tag = if marked { "</b>" } else { "<b>" };
        let (piece, next) = match rest.find(tag) {
            Some(i) => (&rest[..i], Some(&rest[i + tag.len()..])),
            None => (rest, None),
        };
        if !piece.is_empty() {
            segments.push(Segment {
                text: unescape(piece),
                mark: marked.then(String::new),
            });
        }
        match next {
            Some(next) => {
                rest = next;
                marked = !marked;
            }
            None => break,
        }
    }
    segments
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// What the search page asked for.
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
    /// The filters in force, for a person ("site x, year 2019"), and a link without them.
    pub filters: String,
    pub clear: Option<String>,
    pub facets: Vec<FacetView>,
    pub hits: Vec<HitView>,
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// Hits per search page.
const SEARCH_PAGE_HITS: usize = 20;

pub fn search_page(
    state: &crate::state::AppState,
    store: &Store,
    form: &SearchForm,
) -> Result<SearchView, ApiError> {
    let offset: usize = match form.offset.as_deref().map(str::trim) {
        None | Some("") => 0,
        Some(v) => v
            .parse()
            .map_err(|_| ApiError::bad_request(format!("offset {v:?} is not a whole number")))?,
    };
    let year = match form.year.as_deref() {
        Some(y) => Some(
            y.parse::<i32>()
                .ok()
                .and_then(storyline_model::PartialDate::year)
                .ok_or_else(|| ApiError::bad_request(format!("year {y:?} is not a year")))?,
        ),
        None => None,
    };
    let query = SearchQuery {
        text: form.q.clone(),
        from: year,
        to: year,
        site: form.site.clone(),
        lang: form.lang.clone(),
        storyline: None,
        offset,
        limit: SEARCH_PAGE_HITS,
    };
    let results = run_search(state, store, &query)?;
    let link = |site: Option<&str>, lang: Option<&str>, year: Option<&str>, offset: usize| {
        let mut pairs: Vec<(&str, String)> = vec![("q", form.q.clone())];
        for (key, value) in [("site", site), ("lang", lang), ("year", year)] {
            if let Some(v) = value {
                pairs.push((key, v.to_string()));
            }
        }
        if offset > 0 {
            pairs.push(("offset", offset.to_string()));
        }
        format!(
            "/search?{}",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    };
    let (site, lang, yr) = (
        form.site.as_deref(),
        form.lang.as_deref(),
        form.year.as_deref(),
    );
    let facet = |name: &str, counts: &[storyline_app::FacetCount], which: usize| FacetView {
        name: name.to_string(),
        values: counts
            .iter()
            .map(|c| FacetValueView {
                value: c.value.clone(),
                count: c.count,
                href: match which {
                    0 => link(Some(&c.value), lang, yr, 0),
                    1 => link(site, Some(&c.value), yr, 0),
                    _ => link(site, lang, Some(&c.value), 0),
                },
            })
            .collect(),
    };
    let facets = vec![
        facet("Site", &results.facets.site, 0),
        facet("Language", &results.facets.lang, 1),
        facet("Year", &results.facets.year, 2),
    ];
    let filtered = [("site", site), ("language", lang), ("year", yr)]
        .iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k} {v}")))
        .collect::<Vec<_>>();
    Ok(SearchView {
        total: results.total,
        filters: filtered.join(", "),
        clear: (!filtered.is_empty()).then(|| link(None, None, None, 0)),
        facets: facets
            .into_iter()
            .filter(|f| !f.values.is_empty())
            .collect(),
        hits: results
            .hits
            .iter()
            .map(|h| HitView {
                id: h.id.clone(),
                title: h.title.clone(),
                site: h.site.clone(),
                published: h.published.map(|d| d.to_string()),
                snippet: snippet_segments(&h.snippet),
            })
            .collect(),
        prev: (offset > 0).then(|| link(site, lang, yr, offset.saturating_sub(SEARCH_PAGE_HITS))),
        next: ((offset + SEARCH_PAGE_HITS) < results.total as usize)
            .then(|| link(site, lang, yr, offset + SEARCH_PAGE_HITS)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_become_plain_runs() {
        let segs = snippet_segments("a &lt;b&gt; <b>Japan</b> &amp; <b>x</b>");
        let texts: Vec<(&str, bool)> = segs
            .iter()
            .map(|s| (s.text.as_str(), s.mark.is_some()))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("a <b> ", false),
                ("Japan", true),
                (" & ", false),
                ("x", true)
            ]
        );
        let hit = SearchHit {
            id: "00".into(),
            title: "t".into(),
            site: None,
            published: None,
            score: 1.0,
            snippet: "ab <b>cd</b>".into(),
        };
        let dto = hit_dto(&hit);
        assert_eq!(dto.snippet, "ab cd");
        assert_eq!(dto.highlights, vec![[3, 5]]);
    }
}
