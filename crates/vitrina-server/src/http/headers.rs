//! Cache headers, as layers on route groups (`api.rs`) rather than inserts in handlers, and the
//! security headers of every answer.
//!
//! Each sets `Cache-Control` only where the answer has none, so a problem answer keeps its own
//! `no-store` (`error.rs`) whatever its route's group says.

use axum::http::{HeaderValue, header};
use sha2::Digest;
use tower_http::set_header::SetResponseHeaderLayer;

fn cache_control(value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static(value))
}

/// Answers with personal data, or that depend on who asks: never kept by a browser or a proxy
/// (orders and their tokens, carts, the session, a seller's contact view and settings, the
/// payment page).
pub fn no_store() -> SetResponseHeaderLayer<HeaderValue> {
    cache_control("no-store")
}

/// Answers that change without notice: kept, but asked for again before each use (the app's
/// configuration, tracking as the carrier reports it).
pub fn no_cache() -> SetResponseHeaderLayer<HeaderValue> {
    cache_control("no-cache")
}

/// Answers that change rarely: kept for a day (product pictures).
pub fn for_a_day() -> SetResponseHeaderLayer<HeaderValue> {
    cache_control("public, max-age=86400")
}

/// Security headers on every answer (a layer over the whole router, `mod.rs`):
///
/// - `Content-Security-Policy`, unless the answer brought its own (the gateway's page does): on
///   a page (HTML), the app's policy, which runs its WebAssembly (`'wasm-unsafe-eval'`) and the
///   inline scripts and style of each page, by their hashes, and nothing else inline; on
///   anything else (the app's code, its words, pictures, the API's JSON), which a browser
///   reads under the policy of the page that asked for it, the shortest policy that still
///   runs nothing and is framed nowhere should it be opened on its own
///   ([`NOT_A_PAGE_POLICY`]): the app's is 0.8 KB, sent with the wasm, the JS and every answer
///   uncompressed (HTTP/1.1 headers are), about 1.4 KB of every first load;
/// - `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY` (for browsers before CSP 2);
/// - `Referrer-Policy: no-referrer`: an order's address carries its token;
/// - `Strict-Transport-Security` when the shopper's connection is HTTPS.
pub async fn security_headers(
    axum::extract::State(policy): axum::extract::State<SecurityPolicy>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let https = super::extract::Https::of(&policy.state, request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let page = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"));
        let csp = if page { policy.csp.clone() } else { HeaderValue::from_static(NOT_A_PAGE_POLICY) };
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if https {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    response
}

/// The policy of every answer that is not a page: nothing loads or runs in it, nothing frames it.
pub const NOT_A_PAGE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// What [`security_headers`] needs: the app's policy, and the state (to tell HTTPS).
#[derive(Clone)]
pub struct SecurityPolicy {
    pub csp: HeaderValue,
    pub state: crate::state::AppState,
}

/// The app's Content-Security-Policy for any of its pages, with the hashes of the inline scripts
/// and styles of every page in `dist` (read once, at start: a rebuilt app needs a restart). A
/// page the server knows is sent with its own, shorter one ([`page_policy`]).
pub fn content_security_policy(dist: Option<&std::path::Path>) -> HeaderValue {
    policy(dist.map(inline_hashes).unwrap_or_default())
}

/// Each page's own policy, by its file's name in `dist`: only its own inline scripts and style,
/// by hash. Headers go uncompressed over HTTP/1.1: each area's page with every area's hashes was
/// 0.5 KB more on every first load.
pub fn page_policies(dist: &std::path::Path) -> std::collections::HashMap<String, HeaderValue> {
    pages(dist).map(|(name, html)| (name, page_policy(&html))).collect()
}

fn page_policy(html: &str) -> HeaderValue {
    let (mut scripts, mut styles) = (Vec::new(), Vec::new());
    add_hashes(html, &mut scripts, &mut styles);
    policy((scripts, styles))
}

fn policy((scripts, styles): (Vec<String>, Vec<String>)) -> HeaderValue {
    let sources = |hashes: Vec<String>| hashes.into_iter().map(|h| format!(" 'sha256-{h}'")).collect::<String>();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'{}; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        sources(scripts),
        sources(styles)
    );
    HeaderValue::from_str(&policy).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'"))
}

/// The base64 SHA-256 of every inline `<script>` (one without `src`) and `<style>` in the pages
/// (`*.html`) of `dist`, each once.
fn inline_hashes(dist: &std::path::Path) -> (Vec<String>, Vec<String>) {
    let (mut scripts, mut styles) = (Vec::new(), Vec::new());
    for (_, html) in pages(dist) {
        add_hashes(&html, &mut scripts, &mut styles);
    }
    (scripts, styles)
}

/// The pages (`*.html`) of `dist`: each file's name and its text.
fn pages(dist: &std::path::Path) -> impl Iterator<Item = (String, String)> {
    std::fs::read_dir(dist).into_iter().flatten().flatten().filter_map(|entry| {
        let name = entry.file_name().into_string().ok().filter(|n| n.ends_with(".html"))?;
        Some((name, std::fs::read_to_string(entry.path()).ok()?))
    })
}

/// Adds the hash of each inline script and style of `html` not in `scripts` or `styles` yet.
fn add_hashes(html: &str, scripts: &mut Vec<String>, styles: &mut Vec<String>) {
    for (tag, into) in [("script", scripts), ("style", styles)] {
        for body in inline_bodies(html, tag) {
            let hash = base64(&sha2::Sha256::digest(body.as_bytes()));
            if !into.contains(&hash) {
                into.push(hash);
            }
        }
    }
}

/// The contents of each `<tag …>…</tag>` in `html` whose opening tag has no `src`, and is no
/// data block (`type="application/json"`: the page's configuration and words, which a browser
/// never runs, so a policy need not name them).
fn inline_bodies<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut bodies = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&open) {
        let after = &rest[at + open.len()..];
        let Some(end_of_tag) = after.find('>') else { break };
        let attributes = &after[..end_of_tag];
        let inner = &after[end_of_tag + 1..];
        let Some(end) = inner.find(&close) else { break };
        let runs = !attributes.contains("src=") && !attributes.contains("application/json");
        if runs && (attributes.is_empty() || attributes.starts_with(char::is_whitespace)) {
            bodies.push(&inner[..end]);
        }
        rest = &inner[end..];
    }
    bodies
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]) } else { '=' });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_and_styles_are_found_and_hashed_as_browsers_do() {
        let html = r#"<head><style>body{}</style><script type="module">init();</script><script src="/x.js"></script><scripty></scripty><script type="application/json" id="c">{}</script></head>"#;
        assert_eq!(inline_bodies(html, "script"), vec!["init();"]);
        assert_eq!(inline_bodies(html, "style"), vec!["body{}"]);
        // The example of the CSP specification: 'sha256-…' of `alert('Hello, world.');`.
        assert_eq!(base64(&sha2::Sha256::digest(b"alert('Hello, world.');")), "qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"a"), "YQ==");
    }

    #[test]
    fn a_page_is_sent_with_its_own_inline_code_in_its_policy_and_no_other_pages() {
        let page = |module: &str| format!(r#"<style>p{{}}</style><script>boot();</script><script type="module">{module}</script>"#);
        let hash = |body: &str| format!("'sha256-{}'", base64(&sha2::Sha256::digest(body.as_bytes())));
        let policy = page_policy(&page("shop();"));
        let policy = policy.to_str().unwrap();
        for body in ["p{}", "boot();", "shop();"] {
            assert!(policy.contains(&hash(body)), "{body}: {policy}");
        }
        assert!(!policy.contains(&hash("orders();")), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 3, "{policy}");
    }
}
