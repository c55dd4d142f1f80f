//! Serving the built app: its files with the right cache lifetimes, and its page for every route
//! the app knows (so shared links and reloads work), with 404 for paths it does not.
//!
//! `make build` writes `.br` and `.gz` beside each file; tower-http sends whichever the browser
//! accepts (`precompressed_br().precompressed_gzip()`), for the files and the pages alike.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};
use tower::{ServiceBuilder, ServiceExt};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use vitrina_core::routes::{Area, FALLBACK_HTML};

/// Files the app loads that never change under their name: kept for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else is asked for again before each use.
const REVALIDATE: &str = "no-cache";

/// Serves a request for the app from `dist`.
pub async fn serve(dist: PathBuf, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let looks_like_file = path.rsplit('/').next().is_some_and(|last| last.contains('.'));
    // `//evil.example` (or `/.//evil.example`) is no file and no page: the app's not-found page,
    // never a redirect (a "directory" there would be answered with `Location: //evil.example/`,
    // another site).
    let off_site = path.contains("//") || path.contains('\\') || path.split('/').any(|s| s == "." || s == "..");
    if looks_like_file && path != "/index.html" && !off_site {
        return file(&dist, &path, request).await;
    }
    let area = Area::of(&path);
    let status = if area.is_some() { StatusCode::OK } else { StatusCode::NOT_FOUND };
    // A build split by area has one page per area; a single build has only index.html.
    let page = match area.map(Area::html) {
        Some(page) if tokio::fs::try_exists(dist.join(page)).await.unwrap_or(false) => page,
        _ => FALLBACK_HTML,
    };
    page_answer(&dist.join(page), status, request).await
}

/// A page of the app, with `status` (the app shows its own not-found page under a 404). The
/// page's headers go on the page and on "not modified", not on a refused method.
async fn page_answer(page: &Path, status: StatusCode, request: Request) -> Response {
    let page_header = |name, value| {
        let value = HeaderValue::from_static(value);
        SetResponseHeaderLayer::overriding(name, move |response: &Response<_>| {
            matches!(response.status(), StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED).then(|| value.clone())
        })
    };
    let html = ServiceBuilder::new()
        .layer(page_header(header::CONTENT_TYPE, "text/html; charset=utf-8"))
        .layer(page_header(header::CACHE_CONTROL, REVALIDATE))
        .layer(page_header(header::VARY, "accept-encoding"))
        .service(ServeFile::new(page).precompressed_br().precompressed_gzip());
    let mut response = match html.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    if response.status() == StatusCode::NOT_FOUND {
        return (StatusCode::SERVICE_UNAVAILABLE, "The app has not been built: run `make run`.").into_response();
    }
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}

/// A file of the built app. Trunk names built files with a content hash
/// (`vitrina-1a2b3c4d_bg.wasm`): they never change, so browsers may keep them for a year.
async fn file(dist: &Path, path: &str, request: Request) -> Response {
    let cache = HeaderValue::from_static(if is_hashed_name(path) { IMMUTABLE } else { REVALIDATE });
    let files = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, move |response: &Response<_>| {
            response.status().is_success().then(|| cache.clone())
        }))
        .service(ServeDir::new(dist).precompressed_br().precompressed_gzip());
    match files.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

fn is_hashed_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit('-').next().is_some_and(|h| h.len() >= 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_build_files_are_recognised() {
        assert!(is_hashed_name("/vitrina-5f3a9c0d1e2b4a67_bg.wasm"));
        assert!(is_hashed_name("/style-9f86d081884c7d65.css"));
        assert!(!is_hashed_name("/favicon.svg"));
        assert!(!is_hashed_name("/config.json"));
    }
}
