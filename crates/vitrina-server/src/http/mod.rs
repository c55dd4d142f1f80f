//! The HTTP layer: the router and its layers (request ids, the log's request spans, panics caught,
//! the body cap), the handlers of each area, the extractors, problem responses, cache headers,
//! the OpenAPI document, and serving the built app. Handlers read the request, run a unit of work
//! from `domain` or `store` in one transaction, and shape the answer; they decide nothing else.
//!
//! May use every other layer; nothing but the crate root uses it (`tests/layers.rs` checks).

pub mod api;
pub mod carts;
pub mod catalog;
pub mod checkout;
pub mod contact;
pub mod error;
pub mod extract;
pub mod gateway;
pub mod headers;
pub mod openapi;
pub mod orders;
pub mod platform;
pub mod session;
pub mod spa;
pub mod test_hooks;
pub mod trace;
pub mod tracking;

use crate::error::ApiError;
use crate::state::AppState;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_http::trace::TraceLayer;
use vitrina_core::ProblemKind;

/// How long a client may take to send a request's body once its headers are in.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// How long any one request may take, start to end, before it is answered 408 and dropped.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The whole application: API, the demo gateway and test hooks if enabled, and the built app if
/// given.
pub fn app(state: AppState) -> Router {
    let (api, _) = api::api().split_for_parts();
    let mut router = api.route("/api/openapi.json", axum::routing::get(openapi_document));
    if state.options.demo_gateway {
        router = router.merge(gateway::router());
    }
    if state.options.test_hooks {
        router = router.merge(test_hooks::router());
    }
    let dist = state.options.dist_dir.clone().map(|dir| spa::Site::new(dir, &platform::config_of(&state)));
    let policy = headers::SecurityPolicy { csp: headers::content_security_policy(dist.as_ref().map(spa::Site::dir)), state: state.clone() };
    router
        .method_not_allowed_fallback(method_not_allowed)
        .fallback({
            let state = state.clone();
            move |request: Request| fallback(dist.clone(), state.clone(), request)
        })
        .layer(DefaultBodyLimit::max(extract::MAX_BODY_BYTES))
        // A client that sends its body a byte now and then is cut off, and so is any request that
        // takes too long: neither holds a connection and a worker for ever.
        .layer(RequestBodyTimeoutLayer::new(BODY_TIMEOUT))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        // A bug that panics answers this one request with a plain 500 problem (the cause goes to
        // the log) instead of dropping the connection.
        .layer(CatchPanicLayer::custom(error::panicked))
        // Each request has an id (the client's `x-request-id`, or a new one), sent back with the
        // answer and carried by every line the request logs.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(trace::request_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(axum::middleware::from_fn_with_state(policy, headers::security_headers))
        .with_state(state)
}

/// A known address asked with a method it does not take (axum adds the `Allow` header).
async fn method_not_allowed() -> Response {
    ApiError::detail(ProblemKind::MethodNotAllowed, "The Allow header lists the methods this address takes.").into_response()
}

/// The contract, as this server implements it.
async fn openapi_document() -> Response {
    static DOCUMENT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let json = DOCUMENT.get_or_init(openapi::document_json).clone();
    ([(axum::http::header::CONTENT_TYPE, "application/json")], json).into_response()
}

async fn fallback(dist: Option<spa::Site>, state: AppState, request: Request) -> Response {
    let path = request.uri().path();
    if path == "/api" || path.starts_with("/api/") {
        return ApiError::not_found("There is no such API endpoint.").into_response();
    }
    match dist {
        Some(site) => {
            // Who is signed in, for the header of a page the server writes (asked only then, not
            // for the app's files).
            let account = session::signed_in(&state, request.headers());
            let address = request.uri().path_and_query().map(|a| a.as_str().to_owned()).unwrap_or_default();
            let leads = async {
                match orders::page_leads(&state, &address).await {
                    Some(leads) => Some(leads),
                    None => tracking::page_leads(&state, &address).await,
                }
            };
            site.serve(request, account, leads).await
        }
        None => {
            ApiError::detail(ProblemKind::NotFound, "This server was started without --dist, so it serves only the API.").into_response()
        }
    }
}
