//! Cache headers, as layers on route groups (`api.rs`) rather than inserts in handlers.
//!
//! Each sets `Cache-Control` only where the answer has none, so a problem answer keeps its own
//! `no-store` (`error.rs`) whatever its route's group says.

use axum::http::{HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

fn cache_control(value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static(value))
}

/// Answers with personal data, or that depend on who asks: never kept by a browser or a proxy
/// (the session, a seller's contact view and settings, the payment page).
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
