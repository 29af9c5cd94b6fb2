//! The HTTP API (axum, JSON, OpenAPI via utoipa) and the server-rendered web UI (askama).
//!
//! Owns: routes, request parsing and validation (pagination, filters, ids), the JSON
//! response shapes and their OpenAPI document, HTML templates and the embedded CSS,
//! security middleware (body size limit, timeout, security headers, the write token),
//! and binding the listener (loopback unless told otherwise).
//!
//! Must not touch: pipeline logic, SQL, the file system. Every handler calls library
//! functions (`storyline_store`, `storyline_app`, `storyline_ingest`); no request path is
//! ever turned into a file path: the CSS is compiled in, templates are compiled in, ids
//! are validated before they reach the store.

mod api;
mod assets;
mod derived;
mod dto;
mod error;
mod ingest;
mod openapi;
mod pages;
mod params;
mod state;
mod views;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

pub use error::ApiError;
pub use openapi::openapi_json;

/// Largest request body accepted (POST /api/ingest); larger ones get 413.
pub const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;
/// A request that takes longer than this is answered with 408 and abandoned.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What the server needs to know at start.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The data directory holding the store.
    pub data_dir: PathBuf,
    /// The token write endpoints require; `None` disables them (403).
    pub token: Option<String>,
}

/// The whole application: API, pages, assets and middleware.
pub fn router(config: ServerConfig) -> Router {
    let state = Arc::new(state::AppState::new(config));
    Router::new()
        .merge(api::routes())
        .merge(derived::routes())
        .merge(ingest::routes())
        .merge(pages::routes())
        .merge(assets::routes())
        .route("/api/openapi.json", axum::routing::get(openapi::serve))
        .fallback(error::not_found)
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            ),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}

/// Whether serving on `addr` keeps the server on this machine.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Serve on an already bound listener until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: ServerConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(config))
        .with_graceful_shutdown(shutdown)
        .await
}
