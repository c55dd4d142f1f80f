//! Serving the built app: its files with the right cache lifetimes, and `index.html` for every
//! route the app knows (so shared links and reloads work), with 404 for paths it does not.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::path::PathBuf;
use tower::ServiceExt;
use tower_http::services::ServeDir;

use vitrina_core::routes::{Area, FALLBACK_HTML};

/// Serves a request for the app from `dist`.
pub async fn serve(dist: PathBuf, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let looks_like_file = path.rsplit('/').next().is_some_and(|last| last.contains('.'));
    if looks_like_file && path != "/index.html" {
        // `make build` writes `.br` and `.gz` beside each file; they are sent to browsers that accept them.
        let response = match ServeDir::new(&dist).precompressed_br().precompressed_gzip().oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        };
        return with_cache_headers(&path, response);
    }
    let area = Area::of(&path);
    let status = if area.is_some() { StatusCode::OK } else { StatusCode::NOT_FOUND };
    let accepts_br = request
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.split(';').next().is_some_and(|e| e.trim() == "br")));
    // A build split by area has one page per area; a single build has only index.html.
    let page = match area.map(Area::html) {
        Some(page) if tokio::fs::try_exists(dist.join(page)).await.unwrap_or(false) => page,
        _ => FALLBACK_HTML,
    };
    let compressed = if accepts_br { tokio::fs::read(dist.join(format!("{page}.br"))).await.ok() } else { None };
    let (body, encoding) = match compressed {
        Some(br) => (Ok(br), Some("br")),
        None => (tokio::fs::read(dist.join(page)).await, None),
    };
    match body {
        Ok(html) => {
            let mut response = (status, html).into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
            if let Some(encoding) = encoding {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
            response
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "The app has not been built: run `make run`.").into_response(),
    }
}

/// Trunk names built files with a content hash (`vitrina-1a2b3c4d_bg.wasm`): they never change,
/// so browsers may keep them for a year. Anything else is revalidated.
fn with_cache_headers(path: &str, mut response: Response) -> Response {
    if response.status().is_success() {
        let value = if is_hashed_name(path) { "public, max-age=31536000, immutable" } else { "no-cache" };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
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
