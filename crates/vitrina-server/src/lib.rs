//! Vitrina's reference backend: the whole JSON contract on one SQLite file, plus the built app.

pub mod auth;
pub mod clock;
pub mod db;
pub mod emails;
pub mod error;
pub mod extract;
pub mod gateway;
pub mod ids;
pub mod openapi;
pub mod options;
pub mod outbox;
pub mod policy;
pub mod progress;
pub mod ratelimit;
pub mod routes;
pub mod seed;
pub mod spa;
pub mod state;

use crate::error::ApiError;
use crate::options::ServerOptions;
use crate::state::AppState;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use vitrina_core::ProblemKind;

/// The whole application: API, test hooks if enabled, and the built app if given.
pub fn app(state: AppState) -> Router {
    let (api, _) = routes::api().split_for_parts();
    let mut router = api.route("/api/openapi.json", axum::routing::get(openapi_document)).merge(gateway::router());
    if state.options.test_hooks {
        router = router.merge(routes::test_hooks::router()).merge(routes::contact::test_hooks());
    }
    let dist = state.options.dist_dir.clone();
    router
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(move |request: Request| fallback(dist.clone(), request))
        .layer(DefaultBodyLimit::max(extract::MAX_BODY_BYTES))
        // A bug that panics answers this one request with a plain 500 problem (the cause goes to
        // the log) instead of dropping the connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
        .with_state(state)
}

/// A known address asked with a method it does not take (axum adds the `Allow` header).
async fn method_not_allowed() -> Response {
    ApiError::detail(ProblemKind::MethodNotAllowed, "The Allow header lists the methods this address takes.").into_response()
}

fn panicked(cause: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = cause
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| cause.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    ApiError::internal(format!("panic: {message}")).into_response()
}

/// The contract, as this server implements it.
async fn openapi_document() -> Response {
    static DOCUMENT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let json = DOCUMENT.get_or_init(openapi::document_json).clone();
    ([(axum::http::header::CONTENT_TYPE, "application/json")], json).into_response()
}

async fn fallback(dist: Option<std::path::PathBuf>, request: Request) -> Response {
    let path = request.uri().path();
    if path == "/api" || path.starts_with("/api/") {
        return ApiError::not_found("There is no such API endpoint.").into_response();
    }
    match dist {
        Some(dist) => spa::serve(dist, request).await,
        None => {
            ApiError::detail(ProblemKind::NotFound, "This server was started without --dist, so it serves only the API.").into_response()
        }
    }
}

/// Opens (and on first start seeds) the database and builds the shared state.
pub fn open_state(options: ServerOptions) -> Result<AppState, String> {
    let db = db::Db::open(&options.db_path).map_err(|e| format!("cannot open {}: {e}", options.db_path.display()))?;
    let clock = clock::Clock::default();
    let now = clock.now();
    let seeded =
        db.with_conn(|conn| seed::seed_if_empty(conn, now)).map_err(|e| format!("cannot seed {}: {e}", options.db_path.display()))?;
    if seeded {
        eprintln!("vitrina-server: created the demo store in {}", options.db_path.display());
    }
    Ok(AppState {
        db,
        clock,
        options: Arc::new(options),
        limits: state::Limits::default(),
        contact_limits: Default::default(),
        sign_in_limits: Default::default(),
    })
}

/// Listens and serves until interrupted.
pub async fn serve(options: ServerOptions) -> Result<(), String> {
    let address = format!("{}:{}", options.host, options.port);
    let state = open_state(options)?;
    if state.options.auto_progress {
        progress::spawn(state.clone());
    }
    let listener = tokio::net::TcpListener::bind(&address).await.map_err(|e| format!("cannot listen on {address}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    println!("Vitrina is at http://{local}/");
    println!("Demo sign-ins (password \"{}\"):", seed::DEMO_PASSWORD);
    for (email, _, verified, seller) in seed::DEMO_ACCOUNTS {
        let what = match (seller, verified) {
            (Some(seller), _) => format!("seller, owns {seller}"),
            (None, true) => "shopper, verified email".to_owned(),
            (None, false) => "shopper, email not verified".to_owned(),
        };
        println!("  {email:<22} {what}");
    }
    println!("Demo promo codes: WELCOME10, FREESHIP, EXPIRED2020. Parcels: PX1000000001 … PX1000000010.");
    if state.options.dist_dir.is_none() {
        println!("(API only: pass --dist dist to serve the app too)");
    }
    // The peer's address feeds the contact form's per-network limit.
    let service = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_answers_a_plain_internal_problem() {
        async fn boom() -> &'static str {
            panic!("secret detail at src/routes/x.rs:1")
        }
        let app: Router =
            Router::new().route("/boom", axum::routing::get(boom)).layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked));
        let response = app.oneshot(Request::builder().uri("/boom").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.status(), 500);
        assert_eq!(response.headers()["content-type"], "application/problem+json");
        let body = axum::body::to_bytes(response.into_body(), 10_000).await.unwrap();
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains("urn:vitrina:problem:internal"), "{text}");
        assert!(!text.contains("secret") && !text.contains(".rs"), "{text}");
    }
}
