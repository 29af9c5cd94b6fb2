//! `POST /api/ingest`: one document in any supported format, behind the write token.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use storyline_model::Provenance;
use utoipa::IntoParams;

use crate::dto::{IngestFailure, IngestReport};
use crate::error::{ApiError, ErrorBody};
use crate::state::Shared;

pub fn routes() -> Router<Shared> {
    Router::new().route("/api/ingest", post(ingest))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IngestParams {
    /// The source name recorded for the document (a file name or URL); its extension
    /// helps format detection. Default `http-upload`.
    pub name: Option<String>,
}

/// Longest source name accepted: it is stored and shown, never opened.
const MAX_NAME_CHARS: usize = 300;

/// Compare in constant time, so the token cannot be guessed byte by byte from timings.
fn same_token(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// 403 when no token was configured, 401 without a bearer token, 403 with a wrong one.
pub fn authorize(headers: &HeaderMap, token: Option<&str>) -> Result<(), ApiError> {
    let Some(expected) = token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes are disabled: start the server with --token (or STORYLINE_TOKEN) to enable them",
        ));
    };
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "this endpoint needs an Authorization: Bearer <token> header",
        )),
        Some(given) if same_token(given.as_bytes(), expected.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(StatusCode::FORBIDDEN, "wrong token")),
    }
}

/// Ingest one document (text, Markdown, HTML, a JSON record, JSON Lines; gzip accepted).
/// The format is detected from the content and the `name`'s extension. Grouping is
/// recomputed before the answer, so the new article's event and storyline are in place.
#[utoipa::path(post, path = "/api/ingest", tag = "write",
    params(IngestParams),
    request_body(content = String, description = "The document's bytes, in any supported format",
        content_type = "application/octet-stream"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What the ingest did (failures are listed, with reasons)", body = IngestReport),
        (status = 400, description = "Empty body or a bad name", body = ErrorBody),
        (status = 401, description = "No bearer token", body = ErrorBody),
        (status = 403, description = "Wrong token, or writes disabled", body = ErrorBody),
        (status = 413, description = "Body larger than 10 MB"),
    ))]
pub async fn ingest(
    State(state): State<Shared>,
    Query(params): Query<IngestParams>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<IngestReport>, ApiError> {
    authorize(&headers, state.token.as_deref())?;
    let name = params
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or("http-upload")
        .to_string();
    if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!(
            "name is too long or holds control characters (at most {MAX_NAME_CHARS} printable characters)"
        )));
    }
    if body.is_empty() {
        return Err(ApiError::bad_request(format!(
            "the body of {name:?} is empty"
        )));
    }
    let report = state
        .write(move |store| {
            let mut failed = Vec::new();
            let mut documents = Vec::new();
            for read in storyline_ingest::read_bytes(&name, body.to_vec(), Provenance::default()) {
                match read {
                    Ok(document) => documents.push(document),
                    Err(err) => failed.push(IngestFailure {
                        source: err.source_name().to_string(),
                        reason: err.to_string(),
                    }),
                }
            }
            let options = storyline_pipeline::PipelineOptions::default();
            let summary = storyline_app::ingest_documents(store, documents, &options)?;
            if summary.ingested > 0 {
                storyline_app::regroup(store)?;
            }
            failed.extend(summary.failed.into_iter().map(|f| IngestFailure {
                source: f.source,
                reason: f.reason,
            }));
            Ok(IngestReport {
                ingested: summary.ingested,
                already_present: summary.already_present,
                ids: summary.new_ids,
                failed,
            })
        })
        .await?;
    Ok(Json(report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token(b"secret", b"secret"));
        assert!(!same_token(b"secre", b"secret"));
        assert!(!same_token(b"secreT", b"secret"));
    }
}
