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

    /// Signs in as the demo account `email` (password `demo`): the session's cookie, `name=value`.
    pub async fn sign_in(&self, email: &str) -> String {
        let response = self.post("/api/session", &serde_json::json!({ "email": email, "password": "demo" })).await;
        assert_eq!(response.status(), StatusCode::OK, "signing in as {email}");
        let set_cookie = response.headers()["set-cookie"].to_str().expect("a cookie").to_owned();
        set_cookie.split(';').next().unwrap_or_default().to_owned()
    }

    /// A POST under an `Idempotency-Key`.
    pub async fn post_with_key(&self, path: &str, body: &Value, key: &str) -> Response {
        self.client.post(self.url(path)).header("Idempotency-Key", key).json(body).send().await.expect("request")
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

/// What an order is placed with: its items, how it is delivered and paid.
pub struct NewOrder<'a> {
    /// (variant id, quantity)
    pub items: &'a [(&'a str, u32)],
    /// `courier`, `pickup-point`, `parcel-locker` or `seller-shop`.
    pub delivery: &'a str,
    /// `card-online`, `cash-on-delivery` or `card-on-delivery`.
    pub payment: &'a str,
    pub promo: Option<&'a str>,
    /// A note for the courier.
    pub note: Option<&'a str>,
}

impl Default for NewOrder<'_> {
    fn default() -> Self {
        NewOrder {
            items: &[("linen-shirt-2", 2), ("ceramic-mug-1", 1)],
            delivery: "courier",
            payment: "cash-on-delivery",
            promo: None,
            note: None,
        }
    }
}

impl TestServer {
    /// A new cart holding `items` (variant id, quantity).
    pub async fn cart_of(&self, items: &[(&str, u32)]) -> String {
        let cart = self.new_cart().await;
        for (variant, quantity) in items {
            let r =
                self.post(&format!("/api/carts/{cart}/lines"), &serde_json::json!({ "variant_id": variant, "quantity": quantity })).await;
            json_ok(r, StatusCode::OK).await;
        }
        cart
    }

    /// Tries to place an order as the checkout would (two quotes, then the order); the answer.
    pub async fn try_place(&self, order: NewOrder<'_>) -> Response {
        let mut draft = serde_json::json!({
            "cart_id": self.cart_of(order.items).await,
            "contact": { "email": "anna@example.com", "phone": "+7 912 345-67-89", "name": "Анна Петрова" },
            "address": { "country": "RU", "city": "Москва", "line": "ул. Ленина, д. 5, кв. 12", "postcode": "101000", "region": "Москва" },
            "payment_method": order.payment,
        });
        if let Some(code) = order.promo {
            draft["promo_code"] = code.into();
        }
        let q = json_ok(self.post("/api/checkout/quote", &draft).await, StatusCode::OK).await;
        let option =
            q["delivery_options"].as_array().expect("options").iter().find(|o| o["id"] == order.delivery).expect("the delivery").clone();
        draft["delivery"] = if order.delivery == "courier" {
            serde_json::json!({ "option_id": "courier", "date": option["dates"][0], "time_window_id": "evening", "note": order.note })
        } else {
            serde_json::json!({ "option_id": order.delivery, "pickup_point_id": option["pickup_points"][0]["id"] })
        };
        let q = json_ok(self.post("/api/checkout/quote", &draft).await, StatusCode::OK).await;
        let body = serde_json::json!({ "draft": draft, "consents": { "terms_version": q["terms_version"], "personal_data": true }, "expected_total": q["totals"]["total"] });
        let key = vitrina_server::ids::token();
        self.client.post(self.url("/api/orders")).header("Idempotency-Key", key).json(&body).send().await.expect("request")
    }

    /// Places an order as the checkout would; its number and token.
    pub async fn place(&self, order: NewOrder<'_>) -> (String, String) {
        let placed = json_ok(self.try_place(order).await, StatusCode::CREATED).await;
        (placed["number"].as_str().expect("number").to_owned(), placed["access_token"].as_str().expect("token").to_owned())
    }

    /// The order as its page reads it.
    pub async fn order(&self, number: &str, token: &str) -> Value {
        json_ok(self.get(&format!("/api/orders/{number}?token={token}")).await, StatusCode::OK).await
    }

    /// Moves the order to `status` now through the test hook; the hook's status code.
    pub async fn move_order(&self, number: &str, status: &str) -> StatusCode {
        self.post(&format!("/api/test/orders/{number}/status"), &serde_json::json!({ "status": status })).await.status()
    }

    /// Sets the server's clock (RFC 3339) through the test hook, which also applies the deadlines
    /// passed by then.
    pub async fn set_clock(&self, now: &str) {
        let r = self.post("/api/test/clock", &serde_json::json!({ "now": now })).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }

    /// Holds the server's clock at `now` (RFC 3339) until it is set or held again, for a test
    /// that reads a deadline to the second.
    #[allow(dead_code)]
    pub fn hold_clock(&self, now: &str) {
        let (at, _) = vitrina_core::civil::parse_rfc3339(now).expect("an RFC 3339 time");
        self.state.clock.hold(at);
    }

    /// How many of a variant are in stock, as the catalog says.
    pub async fn stock(&self, product: &str, variant: &str) -> u64 {
        let p = json_ok(self.get(&format!("/api/products/{product}")).await, StatusCode::OK).await;
        p["variants"].as_array().expect("variants").iter().find(|v| v["id"] == variant).expect("the variant")["available"]
            .as_u64()
            .expect("a count")
    }

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

/// The kinds of the order's history, oldest first.
pub fn history(order: &Value) -> Vec<String> {
    order["history"].as_array().expect("history").iter().map(|e| e["kind"].as_str().expect("kind").to_owned()).collect()
}

/// An amount's minor units.
pub fn minor(money: &Value) -> i64 {
    money["amount_minor"].as_i64().expect("an amount")
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

/// The server binary on `dir`, with extra arguments: the process, its address, and the lines it
/// prints on stdout after the address, as they come.
pub fn start_binary(dir: &std::path::Path, extra: &[&str]) -> (std::process::Child, String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vitrina-server"))
        .args(["--port", "0", "--db"])
        .arg(dir.join("store.sqlite"))
        .arg("--outbox")
        .arg(dir.join("outbox"))
        .args(["--test-hooks", "--no-auto-progress"])
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the server binary");
    let stdout = child.stdout.take().unwrap();
    let mut lines = std::io::BufReader::new(stdout).lines();
    let base = lines
        .find_map(|l| l.ok().and_then(|l| l.strip_prefix("Vitrina is at ").map(|s| s.trim_end_matches('/').to_owned())))
        .expect("the server's address");
    // Keep reading, so the server never blocks on a full pipe, and keep what it says.
    let printed = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let into = printed.clone();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            into.lock().unwrap().push(line);
        }
    });
    (child, base, printed)
}
