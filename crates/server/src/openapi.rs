//! The OpenAPI 3 document of the API, generated from the handlers' annotations (utoipa).

use axum::response::IntoResponse;
use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::{api, derived, dto, error, ingest};

#[derive(OpenApi)]
#[openapi(
    info(title = "storyline", description = "Clean, dated, de-duplicated news stories: articles, events, storylines, timelines and search."),
    paths(
        api::articles, api::article, api::events, api::event, api::storylines, api::storyline,
        derived::storyline_timeline_api, derived::timeline, derived::search, ingest::ingest,
    ),
    components(schemas(
        error::ErrorBody, dto::PublishedDto, dto::ArticleSummary, dto::ArticleDetail,
        dto::MentionDto, dto::EventSummary, dto::EventDetail, dto::ReportDto, dto::SiteReports,
        dto::StorylineSummary, dto::StorylineDetail, dto::IngestReport, dto::IngestFailure,
        derived::TimelineDto, derived::TimelineEntryDto, derived::SentenceDto,
        derived::SearchHitDto, derived::SearchResultsDto, derived::Facets, derived::FacetCount,
    )),
    modifiers(&BearerAuth),
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The document as JSON text.
pub fn openapi_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serialises")
}

pub async fn serve() -> impl IntoResponse {
    Json(ApiDoc::openapi())
}
