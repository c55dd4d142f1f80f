//! Security over real HTTP: who may read and change what, limits on guessing, capped bodies, and
//! error answers that tell nothing about the inside of the server. Each scenario prints what it
//! tried and what held.

mod common;

use common::{TestServer, json_ok, problem, retry_after_within};
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Writes a suite's summary where `cargo test` shows it even for a passing test (its capture
/// takes only `print!`), so `make test` says what was tried and what held.
macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), "\n{}", format!($($arg)*));
    }};
}

async fn sign_in(server: &TestServer, email: &str) -> String {
    let response = server.post("/api/session", &json!({ "email": email, "password": "demo" })).await;
    assert_eq!(response.status(), StatusCode::OK);
    let set_cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    set_cookie.split(';').next().unwrap().to_owned()
}

async fn request(server: &TestServer, method: Method, path: &str, cookie: Option<&str>, body: Option<&Value>) -> Response {
    let mut request = server.client.request(method, server.url(path));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    request.send().await.expect("request")
}

/// Places an order paid by `payment` and returns (number, token).
async fn place_order(server: &TestServer, payment: &str) -> (String, String) {
    let cart = server.new_cart().await;
    json_ok(
        server.post(&format!("/api/carts/{cart}/lines"), &json!({ "variant_id": "ceramic-mug-1", "quantity": 2 })).await,
        StatusCode::OK,
    )
    .await;
    let mut draft = json!({
        "cart_id": cart,
        "contact": { "email": "anna@example.com", "phone": "+7 912 345-67-89", "name": "Анна Петрова" },
        "address": { "country": "RU", "city": "Москва", "line": "ул. Ленина, д. 5, кв. 12", "postcode": "101000" },
        "payment_method": payment,
    });
    let q = json_ok(server.post("/api/checkout/quote", &draft).await, StatusCode::OK).await;
    draft["delivery"] = json!({ "option_id": "courier", "date": q["delivery_options"][0]["dates"][0], "time_window_id": "evening" });
    let q = json_ok(server.post("/api/checkout/quote", &draft).await, StatusCode::OK).await;
    let body = json!({ "draft": draft, "consents": { "terms_version": q["terms_version"], "personal_data": true }, "expected_total": q["totals"]["total"] });
    let key = vitrina_server::ids::token();
    let placed = server.client.post(server.url("/api/orders")).header("Idempotency-Key", key).json(&body).send().await.unwrap();
    let placed = json_ok(placed, StatusCode::CREATED).await;
    (placed["number"].as_str().unwrap().to_owned(), placed["access_token"].as_str().unwrap().to_owned())
}

async fn status_and_body(response: Response) -> (u16, String) {
    (response.status().as_u16(), response.text().await.unwrap_or_default())
}

#[tokio::test]
async fn seller_settings_are_neither_readable_nor_writable_without_the_owners_session() {
    let server = TestServer::start().await;
    let owner = sign_in(&server, "seller@example.com").await;
    let before =
        json_ok(request(&server, Method::GET, "/api/sellers/demo-seller/contact-settings", Some(&owner), None).await, StatusCode::OK).await;
    let secrets: Vec<String> = [&before["settings"]["phone"]["number"], &before["settings"]["email"]["address"]]
        .iter()
        .map(|v| v.as_str().expect("the demo seller has a phone number and an email address").to_owned())
        .collect();
    let shopper = sign_in(&server, "shopper@example.com").await;
    let unverified = sign_in(&server, "new@example.com").await;
    let signed_out = sign_in(&server, "seller@example.com").await;
    request(&server, Method::DELETE, "/api/session", Some(&signed_out), None).await;
    let forged = format!("vitrina_session={}", vitrina_server::ids::token());

    let save = json!({ "version": before["version"], "settings": before["settings"] });
    // (who, cookie, seller, expected status, expected problem)
    let cases: Vec<(&str, Option<&str>, &str, u16, &str)> = vec![
        ("nobody", None, "demo-seller", 401, "unauthorized"),
        ("a forged session", Some(&forged), "demo-seller", 401, "unauthorized"),
        ("a signed-out session", Some(&signed_out), "demo-seller", 401, "unauthorized"),
        ("a cookie with no value", Some("vitrina_session="), "demo-seller", 401, "unauthorized"),
        ("a shopper", Some(&shopper), "demo-seller", 403, "forbidden"),
        ("an unverified shopper", Some(&unverified), "demo-seller", 403, "forbidden"),
        ("the seller, at another store", Some(&owner), "form-only", 403, "forbidden"),
        ("the seller, at a third store", Some(&owner), "quiet-seller", 403, "forbidden"),
    ];
    let mut refused = 0;
    for (who, cookie, seller, status, slug) in &cases {
        let path = format!("/api/sellers/{seller}/contact-settings");
        for (method, body) in [(Method::GET, None), (Method::PUT, Some(&save))] {
            let response = request(&server, method.clone(), &path, *cookie, body).await;
            let p = problem(response, *status, slug).await;
            assert!(secrets.iter().all(|secret| !p.to_string().contains(secret.as_str())), "{who}: {p}");
            assert!(p.get("settings").is_none(), "{who} {method}: {p}");
            refused += 1;
        }
    }
    // A session that has run out is no session.
    server.post("/api/test/clock", &json!({ "now": "2099-01-01T00:00:00Z" })).await;
    problem(request(&server, Method::GET, "/api/sellers/demo-seller/contact-settings", Some(&owner), None).await, 401, "unauthorized")
        .await;
    server.post("/api/test/clock", &json!({ "now": "2026-11-23T09:00:00Z" })).await;
    let fresh = sign_in(&server, "seller@example.com").await;
    let after =
        json_ok(request(&server, Method::GET, "/api/sellers/demo-seller/contact-settings", Some(&fresh), None).await, StatusCode::OK).await;
    assert_eq!(after["version"], before["version"], "no refused save changed anything");
    report!(
        "seller settings: {refused} reads and writes by {} kinds of caller refused, an expired session refused, nothing changed",
        cases.len()
    );
}

#[tokio::test]
async fn order_data_is_unreachable_without_its_token_and_wrong_tokens_change_nothing() {
    let server = TestServer::start().await;
    let (number, token) = place_order(&server, "card-online").await;
    let (_, other_token) = place_order(&server, "cash-on-delivery").await;
    // Handing over gives the order a shipment, so its list is not empty.
    let r = server.post(&format!("/api/test/orders/{number}/status"), &json!({ "status": "handed_to_carrier" })).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let unknown = status_and_body(server.get("/api/orders/999999?token=abc").await).await;
    assert_eq!(unknown.0, 404);

    let wrong_tokens = [
        "".to_owned(),
        "abc".to_owned(),
        other_token.clone(),
        token.to_uppercase(),
        format!("{token}x"),
        token[..token.len() - 1].to_owned(),
    ];
    let mut tried = 0;
    for wrong in &wrong_tokens {
        let reads = [format!("/api/orders/{number}?token={wrong}"), format!("/api/shipments?order={number}&token={wrong}")];
        for path in &reads {
            assert_eq!(status_and_body(server.get(path).await).await, unknown, "GET {path}");
            tried += 1;
        }
        for action in ["payments", "cancellation"] {
            let r = server.post(&format!("/api/orders/{number}/{action}"), &json!({ "access_token": wrong })).await;
            assert_eq!(status_and_body(r).await, unknown, "POST {action} with {wrong:?}");
            tried += 1;
        }
    }
    for path in [format!("/api/orders/{number}"), format!("/api/shipments?order={number}")] {
        assert_eq!(status_and_body(server.get(&path).await).await, unknown, "GET {path} without a token");
        tried += 1;
    }
    let with_token = json_ok(server.get(&format!("/api/orders/{number}?token={token}")).await, StatusCode::OK).await;
    assert_eq!(with_token["status"], "handed_to_carrier", "no wrong token cancelled it");
    let conn = rusqlite::Connection::open(server.db_path()).unwrap();
    let payments: i64 = conn.query_row("SELECT COUNT(*) FROM payments WHERE order_number = ?1", [&number], |r| r.get(0)).unwrap();
    assert_eq!(payments, 1, "no wrong token started a payment");
    let shipments = json_ok(server.get(&format!("/api/shipments?order={number}&token={token}")).await, StatusCode::OK).await;
    assert_eq!(shipments["shipments"].as_array().map(Vec::len), Some(1));
    report!(
        "order data: {tried} requests with a missing or wrong token answered exactly as for an order that does not exist; the order, its payments and its shipments unchanged"
    );
}

#[tokio::test]
async fn one_order_cannot_be_guessed_at_by_writing_its_number_differently() {
    let server = TestServer::start().await;
    let (number, _) = place_order(&server, "cash-on-delivery").await;
    let spellings = [number.clone(), format!("0{number}"), format!("+{number}"), format!("#00{number}"), format!(" {number} ")];
    for spelling in &spellings {
        let r = server.post("/api/orders/lookup", &json!({ "number": spelling, "email": "guess@example.com" })).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{spelling:?}");
    }
    let r = server.post("/api/orders/lookup", &json!({ "number": format!("000{number}"), "email": "anna@example.com" })).await;
    problem(r, 429, "rate-limited").await;
    report!("lookup: {} spellings of one order number shared its 5 tries; the 6th was refused", spellings.len());
}

#[tokio::test]
async fn guessing_is_slowed_down_on_lookup_and_on_the_contact_form() {
    let server = TestServer::start().await;
    server.post("/api/test/clock", &json!({ "now": "2026-11-23T09:00:00Z" })).await;
    // Lookup: 5 tries per order number, 20 per network address, 10 minutes.
    let mut allowed = 0;
    let mut limited = None;
    for i in 0..30 {
        let r = server.post("/api/orders/lookup", &json!({ "number": format!("{}", 5000 + i), "email": "guess@example.com" })).await;
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(r);
            break;
        }
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        allowed += 1;
    }
    assert_eq!(allowed, 20, "lookups of different numbers from one address");
    let limited = limited.expect("the 21st lookup is refused");
    retry_after_within(&limited, 600);
    problem(limited, 429, "rate-limited").await;
    // Contact form: 3 per sender in 15 minutes, 10 per address an hour.
    let path = "/api/sellers/demo-seller/messages";
    let message = |sender: &str| json!({ "subject": "Question", "message": "Do you ship to Košice?", "reply_to": sender });
    let statuses: Vec<u16> = {
        let mut s = Vec::new();
        for i in 0..12 {
            let sender = if i < 4 { "same@example.com".to_owned() } else { format!("person{i}@example.com") };
            s.push(server.post(path, &message(&sender)).await.status().as_u16());
        }
        s
    };
    assert_eq!(statuses[..4], [201, 201, 201, 429], "one sender");
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 10, "one network address: {statuses:?}");
    let r = server.post(path, &message("another@example.com")).await;
    retry_after_within(&r, 3600);
    problem(r, 429, "rate-limited").await;
    report!(
        "rate limits: lookup refused after {allowed} tries from one address; the contact form after 3 from one sender and 10 from one address, each with Retry-After"
    );
}

/// The operations of the OpenAPI document, with a concrete path for each.
fn operations() -> Vec<(Method, String, bool)> {
    let doc = vitrina_server::http::openapi::document();
    let mut out = Vec::new();
    for (path, item) in &doc.paths.paths {
        let concrete = path.replace("{file}", "linen-shirt.svg").replace("{seller_id}", "demo-seller").replace('{', "x").replace('}', "");
        for (method, operation) in [
            (Method::GET, &item.get),
            (Method::POST, &item.post),
            (Method::PUT, &item.put),
            (Method::PATCH, &item.patch),
            (Method::DELETE, &item.delete),
        ] {
            if let Some(operation) = operation {
                out.push((method, concrete.clone(), operation.request_body.is_some()));
            }
        }
    }
    out
}

#[tokio::test]
async fn every_request_body_is_capped_at_64_kib() {
    let server = TestServer::start().await;
    let huge = json!({ "padding": "x".repeat(70 * 1024) });
    let mut capped = 0;
    for (method, path, has_body) in operations() {
        if !has_body {
            continue;
        }
        let r = request(&server, method.clone(), &path, None, Some(&huge)).await;
        let p = problem(r, 413, "payload-too-large").await;
        assert!(p["detail"].as_str().unwrap().contains("65536"), "{method} {path}: {p}");
        capped += 1;
    }
    // Without a Content-Length, in chunks: the server stops reading at the cap all the same.
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST /api/session HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = format!("{:x}\r\n{}\r\n", 16 * 1024, " ".repeat(16 * 1024));
    for _ in 0..8 {
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break; // the server may close once it has answered
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{}", answer.lines().next().unwrap_or(""));
    assert!(answer.contains("urn:vitrina:problem:payload-too-large"));
    report!("body cap: {capped} operations with a body refused 70 KiB with 413 payload-too-large, and a chunked 128 KiB body too");
}

/// Text that would tell an attacker about the inside: SQL, the database, panics and backtraces,
/// source and file-system paths, the framework, Rust's type names.
fn leaks(body: &str) -> Vec<&'static str> {
    const ANY_CASE: &[&str] = &[
        "sqlite",
        "select ",
        "insert into",
        "delete from",
        "no such table",
        "no such column",
        "constraint failed",
        "panicked",
        "backtrace",
        "thread '",
        ".rs:",
        "src/",
        "/work/",
        "/tmp/",
        "/home/",
        "/root/",
        "/usr/",
        "cargo",
        "rustc",
        "axum",
        "serde",
        "tokio",
        "hyper",
        "deserialize",
        "internal error",
    ];
    const EXACT: &[&str] = &["u32", "u64", "i64", "usize", "struct ", "enum ", "Option<", "Vec<", "String"];
    let lower = body.to_lowercase();
    ANY_CASE.iter().filter(|p| lower.contains(*p)).chain(EXACT.iter().filter(|p| body.contains(*p))).copied().collect()
}

#[tokio::test]
async fn error_answers_tell_nothing_about_the_inside() {
    let server = TestServer::start().await;
    let cart = server.new_cart().await;
    let hostile_segments = [
        "'; DROP TABLE orders; --",
        "1 OR 1=1",
        "..%2F..%2Fetc%2Fpasswd",
        "%00",
        "%FF%FE",
        "%E2%80%AE%F0%9F%98%80",
        "x".repeat(5000).leak(),
        "-1",
        "99999999999999999999999",
        "%7B%7D",
    ];
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let hostile_bodies: Vec<(&str, String)> = vec![
        ("application/json", "{\"variant_id\": ".to_owned()),
        ("application/json", "null".to_owned()),
        ("application/json", "[1, 2, 3]".to_owned()),
        ("application/json", deep),
        ("application/json", r#"{"quantity": 1e400, "variant_id": "x"}"#.to_owned()),
        ("application/json", r#"{"quantity": -1, "version": -5, "number": 5, "access_token": 5}"#.to_owned()),
        ("application/json", r#"{"quantity": 18446744073709551616, "version": 1.5}"#.to_owned()),
        ("application/json", r#"{"email": "' OR ''='", "password": "x", "variant_id": "' OR 1=1 --"}"#.to_owned()),
        ("application/json", "\u{feff}{}".to_owned()),
        ("application/json", "{\"a\": \"\\ud800\"}".to_owned()),
        ("text/plain", "hello".to_owned()),
        ("application/x-www-form-urlencoded", "a=1&b=2".to_owned()),
        ("", String::new()),
    ];
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    let mut probes = 0;
    let mut check = |what: String, status: u16, content_type: String, body: String| {
        probes += 1;
        *statuses.entry(status).or_default() += 1;
        assert!(status < 500, "{what}: {status} {body}");
        let found = leaks(&body);
        assert!(found.is_empty(), "{what}: {found:?} in {body}");
        if status >= 400 {
            assert_eq!(content_type, "application/problem+json", "{what}: {body}");
            let p: Value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("{what}: not JSON: {body}"));
            assert!(p["type"].as_str().is_some_and(|t| t.starts_with("urn:vitrina:problem:")), "{what}: {p}");
            assert_eq!(p["status"], status, "{what}");
        }
    };
    let send = |method: Method, path: String, content_type: &'static str, body: String| {
        let mut r = server.client.request(method, server.url(&path)).body(body);
        if !content_type.is_empty() {
            r = r.header("content-type", content_type);
        }
        async move {
            let response = r.send().await.expect("request");
            let ct = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
            (response.status().as_u16(), ct, response.text().await.unwrap_or_default())
        }
    };

    for (method, path, has_body) in operations() {
        let path = path.replace("xcart_id", &cart);
        // Hostile values in each path segment that is a parameter, and in the query.
        for segment in &hostile_segments {
            let mut hostile = path.replace("linen-shirt.svg", segment).replace("demo-seller", segment);
            for name in ["xproduct_id", "xline_id", "xnumber", "xtracking_number"] {
                hostile = hostile.replace(name, segment);
            }
            let hostile = format!("{hostile}?token={segment}&order={segment}");
            let body = if has_body { r#"{"variant_id": "linen-shirt-2", "quantity": 1}"#.to_owned() } else { String::new() };
            let (status, ct, text) = send(method.clone(), hostile.clone(), "application/json", body).await;
            check(format!("{method} {hostile}"), status, ct, text);
        }
        if has_body {
            for (content_type, body) in &hostile_bodies {
                let (status, ct, text) = send(method.clone(), path.clone(), content_type, body.clone()).await;
                check(format!("{method} {path} with {content_type:?} {}", body.chars().take(40).collect::<String>()), status, ct, text);
            }
        }
    }
    // Methods the addresses do not take: 405, a problem, and the methods they do take.
    let mut not_allowed = 0;
    for (method, path, _) in operations() {
        for other in [Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
            if operations().iter().any(|(m, p, _)| *m == other && *p == path) || (other == Method::GET && method == Method::GET) {
                continue;
            }
            let response = server.client.request(other.clone(), server.url(&path)).send().await.unwrap();
            if path == "/config.json" {
                continue; // served beside the app, not under /api
            }
            let allow = response.headers().get("allow").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
            let ct = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
            let status = response.status().as_u16();
            let text = response.text().await.unwrap_or_default();
            assert_eq!(status, 405, "{other} {path}: {text}");
            assert!(allow.contains(method.as_str()), "{other} {path}: Allow: {allow}");
            assert!(text.contains("urn:vitrina:problem:method-not-allowed"), "{other} {path}: {text}");
            check(format!("{other} {path}"), status, ct, text);
            not_allowed += 1;
        }
    }
    // Addresses that do not exist.
    for path in ["/api/nope", "/api/orders/1/2/3", "/api/test/clock/x", "/api/%00", "/api/..%2F..%2Fopenapi.json"] {
        let (status, ct, text) = send(Method::GET, path.to_owned(), "", String::new()).await;
        check(format!("GET {path}"), status, ct, text);
    }
    report!(
        "error answers: {probes} hostile requests ({not_allowed} with a method the address does not take), by status {statuses:?}: no 5xx, every error a problem document, nothing internal in any body"
    );
}

#[test]
fn the_leak_scanner_sees_what_it_is_for() {
    assert!(leaks("{\"detail\": \"database: no such table: ordrs\"}").contains(&"no such table"));
    assert!(leaks("thread 'main' panicked at src/routes/orders.rs:12:5").contains(&"panicked"));
    assert!(leaks("expected u32 at line 1").contains(&"u32"));
    assert!(leaks("Failed to deserialize the JSON body").contains(&"deserialize"));
    assert!(leaks("{\"detail\": \"Quantity must be between 1 and 99.\"}").is_empty());
}

#[tokio::test]
async fn test_levers_are_not_part_of_the_contract() {
    let doc = vitrina_server::http::openapi::document();
    let levers: Vec<&String> = doc.paths.paths.keys().filter(|p| p.starts_with("/api/test")).collect();
    assert!(levers.is_empty(), "{levers:?}");
    let text = vitrina_server::http::openapi::document_json();
    assert!(!text.contains("/api/test/"));
}
