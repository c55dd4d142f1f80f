//! A real server on a free port, on a fresh SQLite file, for tests that speak HTTP to it.

#![allow(dead_code)]

use reqwest::{Client, Response, StatusCode};
use serde_json::Value;
use std::path::PathBuf;
use vitrina_server::options::ServerOptions;
use vitrina_server::state::AppState;

pub struct TestServer {
    pub base: String,
    pub client: Client,
    pub state: AppState,
    pub dir: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> TestServer {
        let dir = tempfile::tempdir().expect("temporary directory");
        Self::start_in(dir).await
    }

    /// Starts on an existing directory (to test what survives a restart).
    pub async fn start_in(dir: tempfile::TempDir) -> TestServer {
        Self::start_with(dir, |_| {}).await
    }

    /// Starts with options adjusted by `adjust` (e.g. a built app to serve).
    pub async fn start_with(dir: tempfile::TempDir, adjust: impl FnOnce(&mut ServerOptions)) -> TestServer {
        let mut options = ServerOptions {
            port: 0,
            db_path: dir.path().join("store.sqlite"),
            outbox_dir: dir.path().join("outbox"),
            test_hooks: true,
            demo_gateway: true,
            ..ServerOptions::default()
        };
        adjust(&mut options);
        let state = vitrina_server::open_state(options).expect("server state");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let app = vitrina_server::app(state.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>()).await;
        });
        TestServer { base, client: Client::new(), state, dir }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("store.sqlite")
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.client.post(self.url(path)).json(body).send().await.expect("request")
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Response {
        self.client.patch(self.url(path)).json(body).send().await.expect("request")
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.client.delete(self.url(path)).send().await.expect("request")
    }

    /// A new cart's id.
    pub async fn new_cart(&self) -> String {
        let cart = json_ok(self.client.post(self.url("/api/carts")).send().await.expect("request"), StatusCode::CREATED).await;
        cart["id"].as_str().expect("cart id").to_owned()
    }
}

impl TestServer {
    /// Approves the order's pending card payment at the demo gateway, as the shopper would (the
    /// gateway signs, the store checks and records).
    pub async fn approve_payment(&self, number: &str) {
        let id: String = rusqlite::Connection::open(self.db_path())
            .expect("the database")
            .query_row("SELECT id FROM payments WHERE order_number = ?1 AND status = 'pending'", [number], |r| r.get(0))
            .expect("a pending payment");
        let r = self.client.post(self.url(&format!("/gateway/{id}"))).form(&[("decision", "approve")]).send().await.expect("request");
        assert!(!r.status().is_server_error(), "{}", r.status());
        let status: String = rusqlite::Connection::open(self.db_path())
            .expect("the database")
            .query_row("SELECT payment_status FROM orders WHERE number = ?1", [number], |r| r.get(0))
            .expect("the order");
        assert_eq!(status, "paid");
    }
}

/// The JSON body of a response that must have `status`.
pub async fn json_ok(response: Response, status: StatusCode) -> Value {
    let actual = response.status();
    let body = response.text().await.expect("body");
    assert_eq!(actual, status, "unexpected status; body: {body}");
    serde_json::from_str(&body).expect("JSON body")
}

/// The problem document of an error response; checks its status, media type and `type`.
pub async fn problem(response: Response, status: u16, slug: &str) -> Value {
    assert_eq!(response.status().as_u16(), status);
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.expect("problem JSON");
    assert_eq!(body["type"], format!("urn:vitrina:problem:{slug}"), "problem: {body}");
    assert_eq!(body["status"], status);
    body
}

/// The `Retry-After` of a refused request, checked against the window it refers to: at most the
/// window, and short of it only by the seconds the requests before it took (the clock runs on,
/// and a busy machine may take a second or two).
pub fn retry_after_within(response: &Response, window: u64) -> u64 {
    let seconds: u64 = response.headers()["retry-after"].to_str().expect("Retry-After").parse().expect("seconds");
    assert!(seconds <= window && seconds + 30 >= window, "Retry-After {seconds} for a window of {window} seconds");
    seconds
}
