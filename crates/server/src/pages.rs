//! The web UI: server-rendered askama pages, no JavaScript. Every piece of article text
//! goes through askama's HTML escaping; nothing here marks text as safe.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use storyline_model::{EntryKind, Timeline};
use storyline_store::ArticleQuery;

use crate::api;
use crate::derived::{self, SearchForm, SearchView};
use crate::dto::{ArticleDetail, EventDetail, EventSummary, StorylineDetail, StorylineSummary};
use crate::error::ApiError;
use crate::params::{self, Page};
use crate::state::Shared;
use crate::views::{self, Segment, SvgTimeline};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/", get(home))
        .route("/articles/{id}", get(article))
        .route("/events/{id}", get(event))
        .route("/storylines/{id}", get(storyline))
        .route("/search", get(search))
}

/// A page, or an error page with the error's status.
fn render<T: Template>(page: Result<T, ApiError>) -> Response {
    match page.map(|t| t.render()) {
        Ok(Ok(html)) => Html(html).into_response(),
        Ok(Err(err)) => {
            tracing::error!("template error: {err}");
            error_page(ApiError::internal("the page could not be rendered"))
        }
        Err(err) => error_page(err),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    status: String,
    message: String,
}

pub fn error_page(err: ApiError) -> Response {
    let status = err.status;
    let page = ErrorPage {
        status: format!(
            "{} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("Error")
        ),
        message: err.message,
    };
    let html = page
        .render()
        .unwrap_or_else(|_| "<!doctype html><title>Error</title>".to_string());
    (status, Html(html)).into_response()
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    storylines: Vec<StorylineSummary>,
    events: Vec<EventSummary>,
    article_total: u64,
    event_total: u64,
    storyline_total: u64,
}

/// How many storylines and events the home page shows.
const HOME_ITEMS: usize = 12;

async fn home(State(state): State<Shared>) -> Response {
    let page = Page {
        offset: 0,
        limit: HOME_ITEMS,
    };
    render(
        state
            .read(move |store| {
                let storylines = api::list_storylines(store, page)?;
                let events = api::list_events(store, page)?;
                Ok(HomePage {
                    article_total: store.count_articles(&ArticleQuery::default())?,
                    event_total: events.total,
                    storyline_total: storylines.total,
                    storylines: storylines.items,
                    events: events.items,
                })
            })
            .await,
    )
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage {
    a: ArticleDetail,
    link: Option<String>,
    paragraphs: Vec<Vec<Segment>>,
}

async fn article(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let id = match params::article_id(&id) {
        Ok(id) => id,
        Err(err) => return error_page(err),
    };
    render(
        state
            .read(move |store| {
                let (article, detail) = api::article_detail(store, &id)?;
                Ok(ArticlePage {
                    link: views::http_url(article.url.as_deref()),
                    paragraphs: views::highlight(&article.body, &article.mentioned_dates),
                    a: detail,
                })
            })
            .await,
    )
}

#[derive(Template)]
#[template(path = "event.html")]
struct EventPage {
    e: EventDetail,
}

/// Articles listed on an event page.
const EVENT_PAGE_ARTICLES: usize = 100;

async fn event(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let id = match params::group_id(&id, "event", "event") {
        Ok(id) => id,
        Err(err) => return error_page(err),
    };
    let page = Page {
        offset: 0,
        limit: EVENT_PAGE_ARTICLES,
    };
    render(
        state
            .read(move |store| {
                Ok(EventPage {
                    e: api::event_detail(store, &id, page)?,
                })
            })
            .await,
    )
}

#[derive(Template)]
#[template(path = "storyline.html")]
struct StorylinePage {
    s: StorylineDetail,
    timeline: Option<Timeline>,
    drawing: Option<SvgTimeline>,
    /// Why there is no timeline, when there is none.
    timeline_note: String,
}

async fn storyline(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let id = match params::group_id(&id, "story", "storyline") {
        Ok(id) => id,
        Err(err) => return error_page(err),
    };
    let page = Page {
        offset: 0,
        limit: params::MAX_LIMIT,
    };
    render(
        state
            .read(move |store| {
                let (storyline, detail) = api::storyline_detail(store, &id, page)?;
                let (timeline, timeline_note) = match derived::storyline_timeline(store, &storyline)
                {
                    Ok(t) => (Some(t), String::new()),
                    // The storyline's events are still worth showing without it.
                    Err(err) => (
                        None,
                        format!("The timeline could not be built: {}", err.message),
                    ),
                };
                Ok(StorylinePage {
                    s: detail,
                    drawing: timeline
                        .as_ref()
                        .filter(|t| !t.entries.is_empty())
                        .map(views::layout_timeline),
                    timeline,
                    timeline_note,
                })
            })
            .await,
    )
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    q: String,
    note: Option<String>,
    results: Option<SearchView>,
}

#[derive(Debug, Default, Deserialize)]
struct SearchPageParams {
    q: Option<String>,
    site: Option<String>,
    lang: Option<String>,
    year: Option<String>,
    offset: Option<String>,
}

async fn search(State(state): State<Shared>, Query(p): Query<SearchPageParams>) -> Response {
    let q = p.q.clone().unwrap_or_default().trim().to_string();
    if q.is_empty() {
        return render(Ok(SearchPage {
            q,
            note: Some("Type some words to search the articles.".to_string()),
            results: None,
        }));
    }
    let form = SearchForm {
        q: q.clone(),
        site: params::non_empty(p.site.as_deref()),
        lang: params::non_empty(p.lang.as_deref()),
        year: params::non_empty(p.year.as_deref()),
        offset: p.offset.clone(),
    };
    let shared = state.clone();
    let result = state
        .read(move |store| derived::search_page(&shared, store, &form))
        .await;
    match result {
        Ok(view) => render(Ok(SearchPage {
            q,
            note: None,
            results: Some(view),
        })),
        Err(err) if err.status == StatusCode::BAD_REQUEST => render(Ok(SearchPage {
            q,
            note: Some(err.message),
            results: None,
        })),
        Err(err) => error_page(err),
    }
}
