//! Security over real HTTP: who may read and change what, limits on guessing, capped bodies, and
//! error answers that tell nothing about the inside of the server; the payment gateway's signed
//! decisions, order limits, sign-in that costs the same for unknown accounts, cookies over HTTPS,
//! tracking without personal data, security headers, Unicode lookup, and paths that stay on the
//! site. Each scenario prints what it tried and what held.

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
    let placed = place_order_as(server, payment, "anna@example.com", None).await;
    let placed = json_ok(placed, StatusCode::CREATED).await;
    (placed["number"].as_str().unwrap().to_owned(), placed["access_token"].as_str().unwrap().to_owned())
}

/// Tries to place an order paid by `payment` for `email`, from `forwarded_for` when given (a
/// server started with `--trust-proxy` believes it); the answer as it came.
async fn place_order_as(server: &TestServer, payment: &str, email: &str, forwarded_for: Option<&str>) -> Response {
    let cart = server.new_cart().await;
    json_ok(
        server.post(&format!("/api/carts/{cart}/lines"), &json!({ "variant_id": "ceramic-mug-1", "quantity": 2 })).await,
        StatusCode::OK,
    )
    .await;
    let mut draft = json!({
        "cart_id": cart,
        "contact": { "email": email, "phone": "+7 912 345-67-89", "name": "Анна Петрова" },
        "address": { "country": "RU", "city": "Москва", "line": "ул. Ленина, д. 5, кв. 12", "postcode": "101000", "region": "Москва" },
        "payment_method": payment,
    });
    let q = json_ok(server.post("/api/checkout/quote", &draft).await, StatusCode::OK).await;
    draft["delivery"] = json!({ "option_id": "courier", "date": q["delivery_options"][0]["dates"][0], "time_window_id": "evening" });
    let q = json_ok(server.post("/api/checkout/quote", &draft).await, StatusCode::OK).await;
    let body = json!({ "draft": draft, "consents": { "terms_version": q["terms_version"], "personal_data": true }, "expected_total": q["totals"]["total"] });
    let key = vitrina_server::ids::token();
    let mut request = server.client.post(server.url("/api/orders")).header("Idempotency-Key", key).json(&body);
    if let Some(address) = forwarded_for {
        request = request.header("X-Forwarded-For", address);
    }
    request.send().await.unwrap()
}

async fn status_and_body(response: Response) -> (u16, String) {
    (response.status().as_u16(), response.text().await.unwrap_or_default())
}

#[tokio::test]
async fn seller_settings_are_neither_readable_nor_writable_without_the_owners_session() {
    let server = TestServer::start().await;
    let owner = server.sign_in("seller@example.com").await;
    let before =
        json_ok(request(&server, Method::GET, "/api/sellers/demo-seller/contact-settings", Some(&owner), None).await, StatusCode::OK).await;
    let secrets: Vec<String> = [&before["settings"]["phone"]["number"], &before["settings"]["email"]["address"]]
        .iter()
        .map(|v| v.as_str().expect("the demo seller has a phone number and an email address").to_owned())
        .collect();
    let shopper = server.sign_in("shopper@example.com").await;
    let unverified = server.sign_in("new@example.com").await;
    let signed_out = server.sign_in("seller@example.com").await;
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
    let fresh = server.sign_in("seller@example.com").await;
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
    // Paid (an unpaid card order never goes to the carrier), then handed over: that gives the
    // order a shipment, so its list is not empty.
    server.approve_payment(&number).await;
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
    // The network address's 10 an hour count attempts, checked first: the one refused for its
    // sender counted too (so a sender cannot probe with variants of an address for free).
    assert_eq!(statuses[4..10], [201; 6], "one network address: {statuses:?}");
    assert_eq!(statuses[10..], [429, 429], "one network address: {statuses:?}");
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

// ---------------------------------------------------------------------------------------------
// The payment gateway (H1)

/// What the store holds about an order's payment: (order's payment status, payments by status).
fn payment_state(server: &TestServer, number: &str) -> (String, Vec<(String, String)>) {
    let conn = rusqlite::Connection::open(server.db_path()).unwrap();
    let status: String = conn.query_row("SELECT payment_status FROM orders WHERE number = ?1", [number], |r| r.get(0)).unwrap();
    let mut stmt = conn.prepare("SELECT id, status FROM payments WHERE order_number = ?1 ORDER BY created_at, id").unwrap();
    let payments = stmt.query_map([number], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap();
    (status, payments)
}

#[tokio::test]
async fn a_forged_or_replayed_gateway_approval_changes_nothing() {
    let server = TestServer::start().await;
    let no_redirects = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let (number, token) = place_order(&server, "card-online").await;
    let (_, payments) = payment_state(&server, &number);
    let payment = payments[0].0.clone();
    let before = payment_state(&server, &number);
    let amount =
        json_ok(server.get(&format!("/api/orders/{number}?token={token}")).await, StatusCode::OK).await["totals"]["total"]["amount_minor"]
            .as_i64()
            .unwrap();
    let back = format!("return=%2Forders%2F{number}%3Ftoken%3D{token}");
    let signed = |outcome: &str, amount: i64, key: &[u8]| {
        let decision = vitrina_server::domain::gateway::Decision {
            payment_id: payment.clone(),
            amount_minor: amount,
            currency: "RUB".into(),
            outcome: outcome.into(),
        };
        format!("/gateway/{payment}/return?amount_minor={amount}&currency=RUB&outcome={outcome}&signature={}&{back}", decision.sign(key))
    };
    // Forged: no signature, a signature under another key, the right signature for another
    // amount, a decline's signature on an approval, and the old way (the browser saying "paid").
    let real_key = server.state.gateway_key.as_slice().to_vec();
    let good_decline = signed("declined", amount, &real_key);
    let forgeries = [
        format!("/gateway/{payment}/return?amount_minor={amount}&currency=RUB&outcome=approved&{back}"),
        signed("approved", amount, b"a key the attacker made up"),
        signed("approved", 1, &real_key).replace("amount_minor=1&", &format!("amount_minor={amount}&")),
        good_decline.replace("outcome=declined", "outcome=approved"),
        format!("/gateway/{payment}/return?amount_minor=1&currency=RUB&outcome=approved&signature={}&{back}", "0".repeat(64)),
    ];
    for forged in &forgeries {
        let r = no_redirects.get(server.url(forged)).send().await.unwrap();
        assert!(r.status().is_client_error(), "{forged}: {}", r.status());
        assert_eq!(payment_state(&server, &number), before, "{forged}");
    }
    // A signature for a different amount is refused even when it is the gateway's own.
    let r = no_redirects.get(server.url(&signed("approved", amount + 1, &real_key))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(payment_state(&server, &number), before);
    // The gateway without the demo flag is not there at all.
    let plain = TestServer::start_with(tempfile::tempdir().unwrap(), |o| o.demo_gateway = false).await;
    assert_eq!(plain.get(&format!("/gateway/{payment}")).await.status(), StatusCode::NOT_FOUND);

    // The real way: the shopper declines at the bank, and the store records the signed decision.
    let at_bank = format!("/gateway/{payment}?{back}");
    let declined = no_redirects.post(server.url(&at_bank)).form(&[("decision", "decline")]).send().await.unwrap();
    let decline_return = declined.headers()["location"].to_str().unwrap().to_owned();
    // Meanwhile the shopper also pressed "Approve" in another tab, and keeps that signed return.
    let approved = no_redirects.post(server.url(&at_bank)).form(&[("decision", "approve")]).send().await.unwrap();
    let approve_return = approved.headers()["location"].to_str().unwrap().to_owned();
    let r = no_redirects.get(server.url(&decline_return)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], format!("/orders/{number}?token={token}").as_str());
    let after_decline = payment_state(&server, &number);
    assert_eq!(after_decline.0, "declined");
    // Replayed: the approval kept from the other tab, and the decline again, change nothing.
    for replay in [&approve_return, &decline_return] {
        let r = no_redirects.get(server.url(replay)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "a replay is answered like a return");
        assert_eq!(payment_state(&server, &number), after_decline, "{replay}");
    }
    // Paying again and cancelling before the bank's approval comes back: it changes nothing.
    let retry =
        json_ok(server.post(&format!("/api/orders/{number}/payments"), &json!({ "access_token": token })).await, StatusCode::CREATED).await;
    let second = retry["redirect_url"].as_str().unwrap().to_owned();
    let approved = no_redirects.post(server.url(&second)).form(&[("decision", "approve")]).send().await.unwrap();
    let late_approval = approved.headers()["location"].to_str().unwrap().to_owned();
    json_ok(server.post(&format!("/api/orders/{number}/cancellation"), &json!({ "access_token": token })).await, StatusCode::OK).await;
    let cancelled = payment_state(&server, &number);
    no_redirects.get(server.url(&late_approval)).send().await.unwrap();
    assert_eq!(payment_state(&server, &number), cancelled, "no approval pays a cancelled order");
    let o = json_ok(server.get(&format!("/api/orders/{number}?token={token}")).await, StatusCode::OK).await;
    assert_eq!((o["status"].as_str(), o["payment"]["status"].as_str()), (Some("cancelled"), Some("cancelled")));
    assert_eq!(o["payment"]["payable"], false);
    problem(server.post(&format!("/api/orders/{number}/payments"), &json!({ "access_token": token })).await, 409, "payment-closed").await;
    report!(
        "gateway: {} forged returns and one for another amount refused, 2 replays and an approval after cancelling changed nothing; without --demo-gateway there is no gateway",
        forgeries.len()
    );
}

// ---------------------------------------------------------------------------------------------
// Orders without limit (H2)

#[tokio::test]
async fn the_21st_rapid_order_from_one_client_or_for_one_email_is_refused() {
    let server = TestServer::start().await;
    for variant in ["ceramic-mug-1"] {
        let r = server.post("/api/test/stock", &json!({ "variant_id": variant, "stock": 10_000 })).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }
    // One client, a different email each time.
    for i in 0..20 {
        let r = place_order_as(&server, "cash-on-delivery", &format!("buyer{i}@example.com"), None).await;
        assert_eq!(r.status(), StatusCode::CREATED, "order {}", i + 1);
    }
    let refused = place_order_as(&server, "cash-on-delivery", "buyer21@example.com", None).await;
    retry_after_within(&refused, 600);
    problem(refused, 429, "rate-limited").await;

    // One email from many networks (behind a proxy that says who the client is).
    let proxied = TestServer::start_with(tempfile::tempdir().unwrap(), |o| o.trust_proxy = true).await;
    proxied.post("/api/test/stock", &json!({ "variant_id": "ceramic-mug-1", "stock": 10_000 })).await;
    for i in 0..20 {
        let from = format!("198.51.100.{i}");
        let r = place_order_as(&proxied, "cash-on-delivery", "Same@Example.com", Some(&from)).await;
        assert_eq!(r.status(), StatusCode::CREATED, "order {}", i + 1);
    }
    let refused = place_order_as(&proxied, "cash-on-delivery", "same@example.COM", Some("203.0.113.7")).await;
    problem(refused, 429, "rate-limited").await;
    // Another shopper on another network is not affected.
    let other = place_order_as(&proxied, "cash-on-delivery", "other@example.com", Some("203.0.113.8")).await;
    assert_eq!(other.status(), StatusCode::CREATED);
    report!(
        "order limits: 20 orders from one client network, then 429 with Retry-After; 20 for one email from 20 networks, then 429; others unaffected"
    );
}

// ---------------------------------------------------------------------------------------------
// Sign-in (M2, L6)

#[tokio::test]
async fn signing_in_costs_the_same_for_unknown_and_known_accounts() {
    let server = TestServer::start().await;
    let attempt = |email: String| {
        let request = server.client.post(server.url("/api/session")).json(&json!({ "email": email, "password": "not the password" }));
        async move {
            let started = std::time::Instant::now();
            let status = request.send().await.unwrap().status();
            (status, started.elapsed())
        }
    };
    // The work each kind of attempt does, counted by the password checker: exactly equal, not
    // "about the same" (a count does not flake on a busy machine).
    let work = |s: &TestServer| s.state.passwords.work();
    let before = work(&server);
    let (status, _) = attempt("seller@example.com".into()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let known = work(&server) - before;
    let before = work(&server);
    let (status, _) = attempt("nobody-at-all@example.com".into()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let unknown = work(&server) - before;
    assert!(known > 0);
    assert_eq!(unknown, known, "an unknown address runs the same Argon2 work as a known one");

    // And in time, alternately, the fastest of each kind (noise only ever adds time, so the
    // minimum is the cost itself): the unknown address is not much quicker.
    let (mut fastest_known, mut fastest_unknown) = (std::time::Duration::MAX, std::time::Duration::MAX);
    for i in 0..8 {
        fastest_known = fastest_known.min(attempt("shopper@example.com".into()).await.1);
        fastest_unknown = fastest_unknown.min(attempt(format!("nobody{i}@example.com")).await.1);
    }
    assert!(
        fastest_unknown * 2 > fastest_known,
        "unknown {fastest_unknown:?} vs known {fastest_known:?}: an unknown address answers much sooner"
    );
    report!(
        "sign-in: Argon2 work {known} for a known account and {unknown} for an unknown one; fastest answers {fastest_known:?} and {fastest_unknown:?}"
    );
}

#[tokio::test]
async fn one_network_cannot_try_passwords_on_many_accounts() {
    let server = TestServer::start().await;
    let mut statuses = Vec::new();
    for i in 0..31 {
        let r = server.post("/api/session", &json!({ "email": format!("victim{i}@example.com"), "password": "123456" })).await;
        statuses.push(r.status().as_u16());
    }
    assert!(statuses[..30].iter().all(|s| *s == 401), "{statuses:?}");
    assert_eq!(statuses[30], 429, "the 31st failed sign-in from one network");
    report!("sign-in: 30 failed attempts on 30 accounts from one network, then 429");
}

// ---------------------------------------------------------------------------------------------
// Sessions (M3)

/// The session cookie an answer sets: the whole `Set-Cookie`.
fn set_cookie(response: &Response) -> String {
    response.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

#[tokio::test]
async fn over_https_the_session_cookie_is_secure_and_host_only() {
    let credentials = json!({ "email": "seller@example.com", "password": "demo" });
    // Plain HTTP (`make run`): the plain name, no Secure (a browser would drop it).
    let plain = TestServer::start().await;
    let c = set_cookie(&plain.post("/api/session", &credentials).await);
    assert!(c.starts_with("vitrina_session=") && !c.contains("Secure") && c.contains("HttpOnly"), "{c}");

    // The public address is https.
    let https = TestServer::start_with(tempfile::tempdir().unwrap(), |o| o.public_url = Some("https://shop.example".into())).await;
    let r = https.post("/api/session", &credentials).await;
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000");
    let c = set_cookie(&r);
    assert!(c.starts_with("__Host-vitrina_session=") && c.contains("Secure") && c.contains("Path=/") && !c.contains("Domain"), "{c}");
    let cookie = c.split(';').next().unwrap().to_owned();
    let who = json_ok(request(&https, Method::GET, "/api/session", Some(&cookie), None).await, StatusCode::OK).await;
    assert_eq!(who["account"]["email"], "seller@example.com", "the prefixed cookie is read back");
    let plain_name = cookie.replacen("__Host-", "", 1);
    let who = json_ok(request(&https, Method::GET, "/api/session", Some(&plain_name), None).await, StatusCode::OK).await;
    assert!(who["account"].is_null(), "over HTTPS the unprefixed name (a sibling could set it) counts for nothing");

    // Behind a trusted proxy that says the shopper came over https.
    let proxied = TestServer::start_with(tempfile::tempdir().unwrap(), |o| o.trust_proxy = true).await;
    let r = proxied.client.post(proxied.url("/api/session")).header("X-Forwarded-Proto", "https").json(&credentials).send().await.unwrap();
    let c = set_cookie(&r);
    assert!(c.starts_with("__Host-vitrina_session=") && c.contains("Secure"), "{c}");
    // Without --trust-proxy the header is the client's word and counts for nothing.
    let r = plain.client.post(plain.url("/api/session")).header("X-Forwarded-Proto", "https").json(&credentials).send().await.unwrap();
    assert!(set_cookie(&r).starts_with("vitrina_session="));
    report!(
        "cookies: plain HTTP vitrina_session; over HTTPS (--public-url, or a trusted proxy's X-Forwarded-Proto) __Host-vitrina_session with Secure and HSTS"
    );
}

#[tokio::test]
async fn sessions_are_renewed_at_sign_in_end_when_idle_and_can_all_be_ended() {
    let server = TestServer::start().await;
    let first = server.sign_in("seller@example.com").await;
    let phone = server.sign_in("seller@example.com").await;
    // Signing in again on the first browser ends the session it had.
    let r = server
        .client
        .post(server.url("/api/session"))
        .header("cookie", &first)
        .json(&json!({ "email": "seller@example.com", "password": "demo" }))
        .send()
        .await
        .unwrap();
    let renewed = set_cookie(&r).split(';').next().unwrap().to_owned();
    assert_ne!(renewed, first);
    let server = &server;
    let who = |cookie: String| async move {
        let r = request(server, Method::GET, "/api/session", Some(&cookie), None).await;
        json_ok(r, StatusCode::OK).await["account"]["email"].as_str().map(str::to_owned)
    };
    assert_eq!(who(first.clone()).await, None, "the id from before signing in is worth nothing");
    assert_eq!(who(renewed.clone()).await.as_deref(), Some("seller@example.com"));
    // Idle for 12 hours: ended, although 30 days have not passed.
    let now = server.state.clock.now();
    server.state.clock.set(now + 11 * 3600);
    assert!(who(phone.clone()).await.is_some(), "used after 11 hours");
    server.state.clock.set(now + 11 * 3600 + 12 * 3600 + 1);
    assert_eq!(who(phone.clone()).await, None, "unused for 12 hours");
    server.state.clock.set(now);
    // Sign out everywhere: every session of the account ends, other accounts' do not.
    let other = server.sign_in("seller@example.com").await;
    let shopper = server.sign_in("shopper@example.com").await;
    let r = request(server, Method::DELETE, "/api/sessions", Some(&renewed), None).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(who(renewed).await, None);
    assert_eq!(who(other).await, None);
    assert_eq!(who(shopper).await.as_deref(), Some("shopper@example.com"));
    report!("sessions: a new id at each sign-in (the old one ends), ended after 12 idle hours, and all of an account's ended at once");
}

// ---------------------------------------------------------------------------------------------
// Tracking (M7)

#[tokio::test]
async fn tracking_answers_hold_no_personal_data_and_count_through_no_orders() {
    let server = TestServer::start().await;
    let (number, token) = place_order(&server, "cash-on-delivery").await;
    let (second, second_token) = place_order(&server, "cash-on-delivery").await;
    let mut parcels = Vec::new();
    for (n, t) in [(&number, &token), (&second, &second_token)] {
        let r = server.post(&format!("/api/test/orders/{n}/status"), &json!({ "status": "handed_to_carrier" })).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let o = json_ok(server.get(&format!("/api/orders/{n}?token={t}")).await, StatusCode::OK).await;
        parcels.push(o["shipments"][0]["tracking_number"].as_str().unwrap().to_owned());
    }
    // Not derived from the order numbers: consecutive orders, unrelated parcels.
    for (parcel, n) in parcels.iter().zip([&number, &second]) {
        assert!(!parcel.contains(n.as_str()), "{parcel} for order {n}");
    }
    let digits = |p: &str| p[2..].parse::<i64>().unwrap();
    assert_ne!((digits(&parcels[1]) - digits(&parcels[0])).abs(), 1);
    let personal = ["Анна", "Петрова", "anna@example.com", "+79123456789", "Ленина", "101000", token.as_str()];
    let body = server.get(&format!("/api/shipments/{}", parcels[0])).await.text().await.unwrap();
    let shipment: Value = serde_json::from_str(&body).unwrap();
    assert!(personal.iter().all(|p| !body.contains(p)), "{body}");
    assert!(shipment["order_number"].is_null(), "no order number without the order's token: {body}");
    assert!(!body.contains(&format!("\"{number}\"")), "{body}");
    // With the order's token, the answer names the order.
    let with_token = json_ok(server.get(&format!("/api/shipments/{}?token={token}", parcels[0])).await, StatusCode::OK).await;
    assert_eq!(with_token["order_number"], json!(number));
    let wrong = json_ok(server.get(&format!("/api/shipments/{}?token={second_token}", parcels[0])).await, StatusCode::OK).await;
    assert!(wrong["order_number"].is_null(), "another order's token does not name this one");
    // The list needs the token, and holds nothing personal either.
    let list = server.get(&format!("/api/shipments?order={number}&token={token}")).await.text().await.unwrap();
    assert!(personal.iter().all(|p| !list.contains(p)), "{list}");
    report!(
        "tracking: store parcels {parcels:?} random; no name, email, phone, address, token or order number in an answer without the order's token"
    );
}

// ---------------------------------------------------------------------------------------------
// Headers (L3, L4)

#[tokio::test]
async fn every_answer_has_the_security_headers_and_personal_ones_are_not_stored() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<html><head><style>b{}</style><script type=\"module\">go();</script></head></html>")
        .unwrap();
    std::fs::write(
        dist.path().join("orders.html"),
        "<html><head><style>o{}</style><script type=\"module\">orders();</script><script type=\"application/json\">{}</script></head></html>",
    )
    .unwrap();
    std::fs::write(dist.path().join("app-0123456789abcdef.js"), "go()").unwrap();
    let dist_path = dist.path().to_owned();
    let server = TestServer::start_with(tempfile::tempdir().unwrap(), move |o| o.dist_dir = Some(dist_path)).await;
    let (number, token) = place_order(&server, "card-online").await;
    let (_, payments) = payment_state(&server, &number);
    let cart = server.new_cart().await;
    let mut paths: Vec<(Method, String)> =
        operations().into_iter().filter(|(m, _, _)| *m == Method::GET).map(|(m, p, _)| (m, p.replace("xcart_id", &cart))).collect();
    paths.extend([
        (Method::GET, "/".into()),
        (Method::GET, "/checkout/review".into()),
        (Method::GET, "/nowhere".into()),
        (Method::GET, "/app-0123456789abcdef.js".into()),
        (Method::GET, "/api/nope".into()),
        (Method::GET, format!("/api/orders/{number}?token={token}")),
        (Method::GET, format!("/gateway/{}", payments[0].0)),
        (Method::POST, "/api/session".into()),
        (Method::DELETE, "/api/orders".into()),
    ]);
    for (method, path) in &paths {
        let r = request(&server, method.clone(), path, None, Some(&json!({}))).await;
        let h = r.headers();
        let csp = h.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert!(csp.contains("frame-ancestors 'none'"), "{method} {path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{method} {path}");
        assert_eq!(h["x-frame-options"], "DENY", "{method} {path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{method} {path}");
        assert!(h.get("strict-transport-security").is_none(), "no HSTS over plain HTTP: {method} {path}");
    }
    // The app's pages run under a policy with 'wasm-unsafe-eval' and their inline script and
    // style by hash, nothing else inline.
    for path in ["/", "/checkout/review", "/nowhere"] {
        let page = server.get(path).await;
        let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{path}: {csp}");
        assert!(csp.contains("style-src 'self' 'sha256-") && !csp.contains("unsafe-inline"), "{path}: {csp}");
    }
    // Each page names its own inline script and style only, not another page's nor its data
    // blocks (headers go uncompressed: every hash is 55 bytes of every first load).
    let policy_of = async |path: &str| server.get(path).await.headers()["content-security-policy"].to_str().unwrap().to_owned();
    let (shop, orders) = (policy_of("/").await, policy_of("/orders/lookup").await);
    for csp in [&shop, &orders] {
        assert_eq!(csp.matches("'sha256-").count(), 2, "one script and one style: {csp}");
    }
    assert_ne!(shop, orders);
    // Anything else is read under the policy of the page that asked for it; its own, should it
    // be opened alone, runs nothing, and is short: it is sent with every file and answer.
    for path in ["/app-0123456789abcdef.js".to_owned(), "/config.json".to_owned(), format!("/api/orders/{number}?token={token}")] {
        let r = server.get(&path).await;
        assert_eq!(r.headers()["content-security-policy"], "default-src 'none'; frame-ancestors 'none'", "{path}");
    }
    // Answers with personal data or tokens are never stored.
    let no_store = [
        server.get(&format!("/api/orders/{number}?token={token}")).await,
        server.post("/api/orders/lookup", &json!({ "number": number, "email": "anna@example.com" })).await,
        server.get(&format!("/api/carts/{cart}")).await,
        server.post("/api/session", &json!({ "email": "shopper@example.com", "password": "demo" })).await,
    ];
    for r in &no_store {
        assert_eq!(r.headers()["cache-control"], "no-store", "{}", r.url());
    }
    // Order tokens are kept as hashes only.
    let conn = rusqlite::Connection::open(server.db_path()).unwrap();
    let dump: Vec<String> = conn
        .prepare("SELECT token_hash FROM order_tokens UNION ALL SELECT sealed_token FROM idempotency_keys")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!dump.is_empty() && dump.iter().all(|v| v != &token), "the token is nowhere in the database");
    report!(
        "headers: {} answers (API, app pages, files, errors, the gateway) carry CSP, nosniff, DENY and no-referrer; orders, lookups, carts and sessions are no-store; tokens kept hashed",
        paths.len()
    );
}

// ---------------------------------------------------------------------------------------------
// Lookup (L10) and paths (L8)

#[tokio::test]
async fn lookup_finds_an_order_whatever_the_case_of_its_email_in_any_script() {
    let server = TestServer::start().await;
    let placed = place_order_as(&server, "cash-on-delivery", "ÉVA@example.com", None).await;
    let number = json_ok(placed, StatusCode::CREATED).await["number"].as_str().unwrap().to_owned();
    let found = server.post("/api/orders/lookup", &json!({ "number": number, "email": "éva@example.com" })).await;
    let found = json_ok(found, StatusCode::OK).await;
    assert_eq!(found["number"], json!(number));
    let cyrillic = place_order_as(&server, "cash-on-delivery", "Почта@Пример.рф", None).await;
    let number = json_ok(cyrillic, StatusCode::CREATED).await["number"].as_str().unwrap().to_owned();
    json_ok(server.post("/api/orders/lookup", &json!({ "number": number, "email": "почта@пример.РФ" })).await, StatusCode::OK).await;
    report!("lookup: ÉVA@example.com found as éva@example.com, Почта@Пример.рф as почта@пример.РФ");
}

#[tokio::test]
async fn paths_that_begin_with_two_slashes_stay_on_the_site() {
    use vitrina_core::routes::{Area, Page, safe_return_path};
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<html>app</html>").unwrap();
    // A "directory" by the attacker's host name: ServeDir would redirect to it with a slash.
    std::fs::create_dir(dist.path().join("evil.example")).unwrap();
    let dist_path = dist.path().to_owned();
    let server = TestServer::start_with(tempfile::tempdir().unwrap(), move |o| o.dist_dir = Some(dist_path)).await;
    let tricks = ["//evil.example", "//evil.example/", "//track/x", "//orders/x", "//sign-in", "///evil.example", "/.//evil.example"];
    for path in tricks {
        // Sent as written (reqwest would normalise the URL).
        let address = server.base.trim_start_matches("http://").to_owned();
        let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
        stream.write_all(format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        let status = answer.split(' ').nth(1).unwrap_or_default();
        assert!(!answer.to_lowercase().contains("\r\nlocation:"), "{path}: {answer}");
        assert!(status == "404" || status == "400", "{path}: {status}");
        // The app: no page of the route table, so no hop to another area's page.
        assert_eq!(Area::of(path), None, "{path}");
        assert_eq!(Page::parse(path), None, "{path}");
        // As a return path after signing in: the catalog.
        assert_eq!(safe_return_path(Some(path)), "/", "{path}");
        assert_eq!(safe_return_path(Some(&format!("/sign-in?return={path}"))), "/", "{path}");
    }
    report!(
        "paths: {} tricks like //evil.example answered 404 without a Location, matched by no page, and returned to the catalog after signing in",
        tricks.len()
    );
}

/// What a server prints, once it has printed a line for which `found` says something.
async fn printed_line<T>(printed: &std::sync::Mutex<Vec<String>>, found: impl Fn(&str) -> Option<T>) -> T {
    for _ in 0..600 {
        if let Some(t) = printed.lock().unwrap().iter().find_map(|l| found(l)) {
            return t;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("never printed: {:?}", printed.lock().unwrap());
}

#[tokio::test]
async fn a_store_that_is_no_demo_keeps_no_account_that_opens_with_the_demo_password() {
    let dir = tempfile::tempdir().unwrap();
    // First a demo, where somebody signs in as the seller with the published password.
    let (mut demo, base, _) = common::start_binary(dir.path(), &[]);
    let client = reqwest::Client::new();
    let sign_in = |base: &str, email: &str, password: &str| {
        client.post(format!("{base}/api/session")).json(&json!({ "email": email, "password": password })).send()
    };
    let signed_in = sign_in(&base, "seller@example.com", "demo").await.unwrap();
    assert_eq!(signed_in.status(), StatusCode::OK);
    let cookie = signed_in.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    demo.kill().unwrap();
    demo.wait().unwrap();

    // Started as a real store: each account gets a new password, printed once, and the sessions
    // opened with the old one end.
    let (mut real, base, printed) = common::start_binary(dir.path(), &["--no-demo"]);
    let password = printed_line(&printed, |l| {
        l.trim_start().strip_prefix("seller@example.com").and_then(|rest| rest.split_whitespace().next()).map(str::to_owned)
    })
    .await;
    assert_eq!(password.len(), 24, "{password}");
    let who = json_ok(client.get(format!("{base}/api/session")).header("cookie", &cookie).send().await.unwrap(), StatusCode::OK).await;
    assert!(who.get("account").is_none_or(Value::is_null), "the demo password's session ended: {who}");
    for email in ["seller@example.com", "shopper@example.com", "new@example.com"] {
        assert_eq!(sign_in(&base, email, "demo").await.unwrap().status(), StatusCode::UNAUTHORIZED, "{email}");
    }
    assert_eq!(sign_in(&base, "seller@example.com", &password).await.unwrap().status(), StatusCode::OK);
    real.kill().unwrap();
    real.wait().unwrap();

    // Started again: nothing left to renew, and the password given stays.
    let (mut again, base, printed) = common::start_binary(dir.path(), &["--no-demo"]);
    assert_eq!(sign_in(&base, "seller@example.com", &password).await.unwrap().status(), StatusCode::OK);
    assert!(!printed.lock().unwrap().iter().any(|l| l.contains("new passwords")), "{:?}", printed.lock().unwrap());
    again.kill().unwrap();
    again.wait().unwrap();
}
