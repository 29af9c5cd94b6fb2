//! Read endpoints over articles, events and storylines, and the queries behind them
//! (the pages call the same queries, so the UI shows what the API says).

use std::collections::{BTreeMap, HashMap, HashSet};

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use storyline_model::{Article, ArticleId, Event, Grouping, Storyline};
use storyline_store::{ArticleGroups, ArticleQuery, Store};
use utoipa::IntoParams;

use crate::dto::*;
use crate::error::{ApiError, ErrorBody};
use crate::params::{self, Page, PageParams};
use crate::state::Shared;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/articles", get(articles))
        .route("/api/articles/{id}", get(article))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/storylines", get(storylines))
        .route("/api/storylines/{id}", get(storyline))
}

/// Filters of the article listing.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleFilters {
    /// Only this site (exact match).
    pub site: Option<String>,
    /// Only this language (ISO 639-1 code).
    pub lang: Option<String>,
    /// Only articles published on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only articles published on or before this date.
    pub to: Option<String>,
}

impl ArticleFilters {
    fn query(&self, page: Page) -> Result<ArticleQuery, ApiError> {
        Ok(ArticleQuery {
            offset: page.offset,
            limit: Some(page.limit),
            site: params::non_empty(self.site.as_deref()),
            lang: params::non_empty(self.lang.as_deref()),
            from: params::parse_date("from", self.from.as_deref())?,
            to: params::parse_date("to", self.to.as_deref())?,
            ids: Vec::new(),
        })
    }
}

/// List articles, in publication order (undated last).
#[utoipa::path(get, path = "/api/articles", tag = "articles",
    params(PageParams, ArticleFilters),
    responses(
        (status = 200, description = "One page of articles", body = Paged<ArticleSummary>),
        (status = 400, description = "A bad parameter", body = ErrorBody),
    ))]
pub async fn articles(
    State(state): State<Shared>,
    Query(page): Query<PageParams>,
    Query(filters): Query<ArticleFilters>,
) -> Result<Json<Paged<ArticleSummary>>, ApiError> {
    let page = page.page()?;
    let query = filters.query(page)?;
    let result = state
        .read(move |store| list_articles(store, &query, page))
        .await?;
    Ok(Json(result))
}

pub fn list_articles(
    store: &Store,
    query: &ArticleQuery,
    page: Page,
) -> Result<Paged<ArticleSummary>, ApiError> {
    let total = store.count_articles(query)?;
    let found = store.articles(query)?;
    Ok(Paged::new(total, page, summaries(store, &found)?))
}

/// Listing rows for articles, with their groups.
pub fn summaries(store: &Store, articles: &[Article]) -> Result<Vec<ArticleSummary>, ApiError> {
    let ids: Vec<ArticleId> = articles.iter().map(|a| a.id.clone()).collect();
    let groups = store.article_groups_bulk(&ids)?;
    let none = ArticleGroups::default();
    Ok(articles
        .iter()
        .map(|a| ArticleSummary::new(a, groups.get(&a.id).unwrap_or(&none)))
        .collect())
}

/// One article (its full id or a unique prefix of at least 4 hex digits).
#[utoipa::path(get, path = "/api/articles/{id}", tag = "articles",
    params(("id" = String, Path, description = "Article id or a unique prefix (4 to 16 hex digits)")),
    responses(
        (status = 200, description = "The article", body = ArticleDetail),
        (status = 400, description = "Ambiguous or too short prefix", body = ErrorBody),
        (status = 404, description = "No such article", body = ErrorBody),
    ))]
pub async fn article(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> Result<Json<ArticleDetail>, ApiError> {
    let id = params::article_id(&id)?;
    let (_, detail) = state.read(move |store| article_detail(store, &id)).await?;
    Ok(Json(detail))
}

pub fn article_detail(store: &Store, id: &str) -> Result<(Article, ArticleDetail), ApiError> {
    let article = store
        .article(id)?
        .ok_or_else(|| ApiError::not_found(format!("no article with id {id}")))?;
    let (duplicate_of, event, storyline) = store.article_groups(article.id.as_str())?;
    let groups = ArticleGroups {
        duplicate_of,
        event,
        storyline,
    };
    let detail = ArticleDetail::new(&article, &groups);
    Ok((article, detail))
}

/// Latest first: by last date descending, undated last, then by id for a stable order.
fn latest_first<T>(
    items: &mut [T],
    key: impl Fn(&T) -> (Option<storyline_model::PartialDate>, &str),
) {
    items.sort_by(|a, b| {
        let (da, ia) = key(a);
        let (db, ib) = key(b);
        match (da, db) {
            (Some(x), Some(y)) => y.last_day().cmp(&x.last_day()).then(ia.cmp(ib)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => ia.cmp(ib),
        }
    });
}

pub fn list_events(store: &Store, page: Page) -> Result<Paged<EventSummary>, ApiError> {
    let mut events = store.grouping()?.events;
    latest_first(&mut events, |e| (e.last, e.id.as_str()));
    let items = page.slice(&events).iter().map(Into::into).collect();
    Ok(Paged::new(events.len() as u64, page, items))
}

/// List events, latest first.
#[utoipa::path(get, path = "/api/events", tag = "groups",
    params(PageParams),
    responses(
        (status = 200, description = "One page of events", body = Paged<EventSummary>),
        (status = 400, description = "A bad parameter", body = ErrorBody),
    ))]
pub async fn events(
    State(state): State<Shared>,
    Query(page): Query<PageParams>,
) -> Result<Json<Paged<EventSummary>>, ApiError> {
    let page = page.page()?;
    Ok(Json(
        state.read(move |store| list_events(store, page)).await?,
    ))
}

/// One event: its articles (paginated) and every site that reported it, copies included.
#[utoipa::path(get, path = "/api/events/{id}", tag = "groups",
    params(("id" = String, Path, description = "Event id (`event-` and hex digits)"), PageParams),
    responses(
        (status = 200, description = "The event", body = EventDetail),
        (status = 400, description = "A bad parameter", body = ErrorBody),
        (status = 404, description = "No such event", body = ErrorBody),
    ))]
pub async fn event(
    State(state): State<Shared>,
    Path(id): Path<String>,
    Query(page): Query<PageParams>,
) -> Result<Json<EventDetail>, ApiError> {
    let page = page.page()?;
    let id = params::group_id(&id, "event", "event")?;
    Ok(Json(
        state
            .read(move |store| event_detail(store, &id, page))
            .await?,
    ))
}

pub fn event_detail(store: &Store, id: &str, page: Page) -> Result<EventDetail, ApiError> {
    let grouping = store.grouping()?;
    let event = grouping
        .events
        .iter()
        .find(|e| e.id == id)
        .ok_or_else(|| ApiError::not_found(format!("no event with id {id}")))?;
    let storyline = grouping
        .storylines
        .iter()
        .find(|s| s.events.iter().any(|e| e == id))
        .map(|s| s.id.clone());
    let members = event_members(&grouping, event);
    let articles = store.articles(&ArticleQuery {
        ids: members.keys().cloned().collect(),
        ..ArticleQuery::default()
    })?;
    let mut by_site: BTreeMap<String, Vec<ReportDto>> = BTreeMap::new();
    for article in &articles {
        let site = article
            .site
            .clone()
            .unwrap_or_else(|| "unknown site".to_string());
        by_site.entry(site).or_default().push(ReportDto {
            id: article.id.to_string(),
            title: article.title.clone(),
            published: article.published.date.map(|d| d.to_string()),
            copy_of: members
                .get(&article.id)
                .cloned()
                .flatten()
                .map(|c| c.to_string()),
        });
    }
    let in_event: Vec<Article> = articles
        .iter()
        .filter(|a| event.articles.contains(&a.id))
        .cloned()
        .collect();
    Ok(EventDetail {
        summary: event.into(),
        storyline,
        articles_page: Paged {
            total: in_event.len() as u64,
            offset: page.offset,
            limit: page.limit,
            items: summaries(store, page.slice(&in_event))?,
        },
        also_reported_by: by_site
            .into_iter()
            .map(|(site, articles)| SiteReports { site, articles })
            .collect(),
    })
}

/// The event's articles and the copies of each, mapped to the article they copy (if any).
fn event_members(grouping: &Grouping, event: &Event) -> HashMap<ArticleId, Option<ArticleId>> {
    let mut members: HashMap<ArticleId, Option<ArticleId>> = HashMap::new();
    let ids: HashSet<&ArticleId> = event.articles.iter().collect();
    for group in &grouping.duplicates {
        let touches =
            ids.contains(&group.canonical) || group.copies.iter().any(|c| ids.contains(c));
        if touches {
            members.insert(group.canonical.clone(), None);
            for copy in &group.copies {
                members.insert(copy.clone(), Some(group.canonical.clone()));
            }
        }
    }
    for id in &event.articles {
        members.entry(id.clone()).or_insert(None);
    }
    members
}

pub fn list_storylines(store: &Store, page: Page) -> Result<Paged<StorylineSummary>, ApiError> {
    let mut storylines = store.grouping()?.storylines;
    latest_first(&mut storylines, |s| (s.last, s.id.as_str()));
    let items = page.slice(&storylines).iter().map(Into::into).collect();
    Ok(Paged::new(storylines.len() as u64, page, items))
}

/// List storylines, latest first.
#[utoipa::path(get, path = "/api/storylines", tag = "groups",
    params(PageParams),
    responses(
        (status = 200, description = "One page of storylines", body = Paged<StorylineSummary>),
        (status = 400, description = "A bad parameter", body = ErrorBody),
    ))]
pub async fn storylines(
    State(state): State<Shared>,
    Query(page): Query<PageParams>,
) -> Result<Json<Paged<StorylineSummary>>, ApiError> {
    let page = page.page()?;
    Ok(Json(
        state
            .read(move |store| list_storylines(store, page))
            .await?,
    ))
}

/// One storyline with its events in date order (paginated).
#[utoipa::path(get, path = "/api/storylines/{id}", tag = "groups",
    params(("id" = String, Path, description = "Storyline id (`story-` and hex digits)"), PageParams),
    responses(
        (status = 200, description = "The storyline", body = StorylineDetail),
        (status = 400, description = "A bad parameter", body = ErrorBody),
        (status = 404, description = "No such storyline", body = ErrorBody),
    ))]
pub async fn storyline(
    State(state): State<Shared>,
    Path(id): Path<String>,
    Query(page): Query<PageParams>,
) -> Result<Json<StorylineDetail>, ApiError> {
    let page = page.page()?;
    let id = params::group_id(&id, "story", "storyline")?;
    let (_, detail) = state
        .read(move |store| storyline_detail(store, &id, page))
        .await?;
    Ok(Json(detail))
}

pub fn find_storyline(store: &Store, id: &str) -> Result<(Storyline, Vec<Event>), ApiError> {
    let grouping = store.grouping()?;
    let storyline = grouping
        .storylines
        .iter()
        .find(|s| s.id == id)
        .cloned()
        .ok_or_else(|| ApiError::not_found(format!("no storyline with id {id}")))?;
    let mut events: Vec<Event> = grouping
        .events
        .into_iter()
        .filter(|e| storyline.events.contains(&e.id))
        .collect();
    events.sort_by(|a, b| {
        let key = |e: &Event| (e.first.is_none(), e.first.map(|d| d.first_day()));
        key(a).cmp(&key(b)).then(a.id.cmp(&b.id))
    });
    Ok((storyline, events))
}

pub fn storyline_detail(
    store: &Store,
    id: &str,
    page: Page,
) -> Result<(Storyline, StorylineDetail), ApiError> {
    let (storyline, events) = find_storyline(store, id)?;
    let detail = StorylineDetail {
        summary: (&storyline).into(),
        events_page: Paged {
            total: events.len() as u64,
            offset: page.offset,
            limit: page.limit,
            items: page.slice(&events).iter().map(Into::into).collect(),
        },
    };
    Ok((storyline, detail))
}
