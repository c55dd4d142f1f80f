//! Serving the built app: its files with the right cache lifetimes, and its page for every route
//! the app knows (so shared links and reloads work), with 404 for paths it does not.
//!
//! `make build` writes `.br` and `.gz` beside each file; tower-http sends whichever the browser
//! accepts (`precompressed_br().precompressed_gzip()`), for the files and the pages alike.
//!
//! A page built with an empty `<script type="application/json" id="vitrina-config">` in its head
//! is sent with this server's `config.json` written into it, its header showing the store's name
//! and its `lang` the store's language (each page rendered and compressed once, on first use):
//! the app starts without asking for its configuration first, and the page paints the store's
//! header before the app has loaded.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::Digest;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tower::{ServiceBuilder, ServiceExt};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use vitrina_core::routes::{Area, FALLBACK_HTML};

/// Files the app loads that never change under their name: kept for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else is asked for again before each use.
const REVALIDATE: &str = "no-cache";

/// The built app in `dist`, as this server sends it.
#[derive(Clone)]
pub struct Site {
    dist: PathBuf,
    facts: Arc<StoreFacts>,
    /// Each page as rendered for this server (`None`: a page without the config element).
    rendered: Arc<Mutex<RenderedPages>>,
}

/// Each page, by file name, once rendered (`None`: it has no place for the store's facts).
type RenderedPages = HashMap<&'static str, Option<Arc<RenderedPage>>>;

/// What the server writes into a page.
struct StoreFacts {
    /// `config.json`, safe inside a `<script>` element.
    config_json: String,
    /// The store's name, escaped for HTML text.
    name_html: String,
    /// The store's default language (`lang` of the page until the app knows better).
    lang: String,
}

/// The element a page leaves empty for the configuration.
const CONFIG_ELEMENT: &str = r#"<script type="application/json" id="vitrina-config"></script>"#;
/// The static header's placeholder for the store's name.
const BRAND_PLACEHOLDER: &str = r#"<span class="site-header__brand">&nbsp;</span>"#;

/// A page with the store's facts written in, and its brotli.
struct RenderedPage {
    html: Vec<u8>,
    brotli: Vec<u8>,
    etag: HeaderValue,
}

impl Site {
    pub fn new(dist: PathBuf, config: &vitrina_core::api::AppConfig) -> Self {
        let config_json =
            serde_json::to_string(config).unwrap_or_default().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
        let facts = StoreFacts { config_json, name_html: escape_html(&config.store_name), lang: escape_html(&config.default_locale) };
        Site { dist, facts: Arc::new(facts), rendered: Arc::default() }
    }

    /// The folder of the built app.
    pub fn dir(&self) -> &Path {
        &self.dist
    }

    /// Serves a request for the app.
    pub async fn serve(&self, request: Request) -> Response {
        serve(self, request).await
    }

    async fn rendered(&self, page: &'static str) -> Option<Arc<RenderedPage>> {
        if let Some(known) = self.rendered.lock().ok()?.get(page) {
            return known.clone();
        }
        let html = tokio::fs::read_to_string(self.dist.join(page)).await.ok()?;
        let facts = self.facts.clone();
        let rendered = tokio::task::spawn_blocking(move || RenderedPage::of(&html, &facts)).await.ok()?.map(Arc::new);
        self.rendered.lock().ok()?.insert(page, rendered.clone());
        rendered
    }
}

impl RenderedPage {
    /// `html` with the store's facts written in; `None` when it has no place for them.
    fn of(html: &str, facts: &StoreFacts) -> Option<Self> {
        if !html.contains(CONFIG_ELEMENT) {
            return None;
        }
        let html = html
            .replacen(CONFIG_ELEMENT, &format!(r#"<script type="application/json" id="vitrina-config">{}</script>"#, facts.config_json), 1)
            .replacen(BRAND_PLACEHOLDER, &format!(r#"<span class="site-header__brand">{}</span>"#, facts.name_html), 1)
            .replacen(r#"<html lang="en">"#, &format!(r#"<html lang="{}">"#, facts.lang), 1)
            .into_bytes();
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
        brotli::BrotliCompress(&mut &html[..], &mut brotli, &params).ok()?;
        let digest = sha2::Sha256::digest(&html);
        let etag = HeaderValue::from_str(&format!("\"{}\"", digest[..12].iter().map(|b| format!("{b:02x}")).collect::<String>())).ok()?;
        Some(RenderedPage { html, brotli, etag })
    }

    /// The page with `status`: brotli when the browser takes it, "not modified" when it has it.
    fn answer(&self, status: StatusCode, request: &Request) -> Response {
        let headers = request.headers();
        let has_it = headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|tags| tags.split(',').any(|t| t.trim() == "*" || t.trim().as_bytes() == self.etag.as_bytes()));
        let takes_brotli = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).is_some_and(|accepted| {
            accepted.split(',').any(|coding| {
                let mut parts = coding.split(';').map(str::trim);
                parts.next() == Some("br")
                    && parts.find_map(|p| p.strip_prefix("q=")).is_none_or(|q| q.trim().parse::<f32>().is_ok_and(|q| q > 0.0))
            })
        });
        let mut response = if has_it && status == StatusCode::OK {
            StatusCode::NOT_MODIFIED.into_response()
        } else if takes_brotli {
            let mut response = (status, self.brotli.clone()).into_response();
            response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            response
        } else {
            (status, self.html.clone()).into_response()
        };
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        headers.insert(header::ETAG, self.etag.clone());
        response
    }
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Serves a request for the app from `dist`.
async fn serve(site: &Site, request: Request) -> Response {
    let dist = site.dist.clone();
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
    let readable = matches!(*request.method(), axum::http::Method::GET | axum::http::Method::HEAD);
    if readable && let Some(rendered) = site.rendered(page).await {
        return rendered.answer(status, &request);
    }
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
