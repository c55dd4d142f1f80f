//! What the log says about a request: one span per request, named by its route and id, so every
//! line it logs (an internal error, a failed email) can be traced to it.
//!
//! No personal data: the span holds the matched route (`/api/orders/{number}`), never the
//! address as sent (which may carry an order's token or a payment id), and never a query string
//! or a body. Requests no route matched (the app's pages and files) log their path alone.

use axum::extract::{MatchedPath, Request};
use tracing::Span;

/// The span of one request: method, route (or path without its query) and request id.
pub fn request_span(request: &Request) -> Span {
    let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
    match request.extensions().get::<MatchedPath>() {
        Some(route) => tracing::info_span!("request", method = %request.method(), route = route.as_str(), id),
        None => tracing::info_span!("request", method = %request.method(), path = request.uri().path(), id),
    }
}
