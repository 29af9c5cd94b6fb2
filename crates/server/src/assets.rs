//! The one stylesheet, compiled into the binary: no request path reaches the disk.

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::state::Shared;

pub const STYLE_CSS: &str = include_str!("../assets/style.css");

pub fn routes() -> Router<Shared> {
    Router::new().route("/static/style.css", get(style))
}

async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE_CSS,
    )
}
