//! Product pictures, drawn as SVG so the demo store needs no image files.

use crate::error::{ApiError, ApiResult};
use crate::extract::ApiPath;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

/// A product's picture.
#[utoipa::path(get, path = "/api/images/{file}", tag = "catalog",
    params(("file" = String, Path, description = "`{product_id}.svg`")),
    responses(
        (status = 200, description = "The picture", content_type = "image/svg+xml", body = String),
        (status = 404, description = "No such picture", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn product_image(State(state): State<AppState>, ApiPath(file): ApiPath<String>) -> ApiResult<impl IntoResponse> {
    let product_id = file.strip_suffix(".svg").ok_or_else(|| ApiError::not_found("No such picture."))?.to_owned();
    let (name, colour): (String, String) = state
        .db
        .run(move |tx| {
            tx.query_row("SELECT name, colour FROM products WHERE id = ?1", [&product_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|_| ApiError::not_found("No such picture."))
        })
        .await?;
    let initials: String = name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect();
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img"><title>{title}</title><rect width="400" height="400" fill="{colour}"/><circle cx="200" cy="180" r="110" fill="#ffffff" fill-opacity="0.35"/><text x="200" y="215" font-family="sans-serif" font-size="96" text-anchor="middle" fill="#1d1d1f" fill-opacity="0.8">{initials}</text></svg>"##,
        title = escape_xml(&name),
        colour = escape_xml(&colour),
        initials = escape_xml(&initials),
    );
    Ok(([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")], svg))
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
