//! The platform over real HTTP: health, config, the OpenAPI document, errors, persistence.

mod common;

use common::{TestServer, json_ok, problem};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn health_says_ok() {
    let server = TestServer::start().await;
    let body = json_ok(server.get("/api/health").await, StatusCode::OK).await;
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn config_json_tells_the_app_where_the_api_is() {
    let server = TestServer::start().await;
    let body = json_ok(server.get("/config.json").await, StatusCode::OK).await;
    assert_eq!(body["api_base_url"], "/api");
    assert_eq!(body["currency"], "RUB");
    assert_eq!(body["store_name"], "Vitrina Demo Store");
}

#[tokio::test]
async fn config_json_describes_the_store_it_serves() {
    let server = TestServer::start().await;
    let body = json_ok(server.get("/config.json").await, StatusCode::OK).await;
    assert_eq!(body["countries"], json!(["RU", "BY", "KZ", "UA", "SK"]));
    assert_eq!(body["default_country"], "RU");
    assert_eq!(body["demo"], true);
    assert_eq!(body["contact_limits"], json!({"per_sender": 3, "window_minutes": 15}));
    assert_eq!(body["order_number"]["characters"], "digits");
    let config: vitrina_core::api::AppConfig = serde_json::from_value(body.clone()).expect("the contract's type");
    assert!(config.validate().is_ok());

    let sk = TestServer::start_with(tempfile::tempdir().unwrap(), |o| {
        o.store = vitrina_server::options::StoreId::Sk;
        o.demo = false;
    })
    .await;
    let body = json_ok(sk.get("/config.json").await, StatusCode::OK).await;
    assert_eq!(body["currency"], "EUR");
    assert_eq!(body["default_locale"], "sk");
    assert_eq!(body["countries"], json!(["SK", "CZ", "AT", "HU", "PL"]));
    assert_eq!(body["default_country"], "SK");
    assert_eq!(body["demo"], false, "--no-demo");
}

#[tokio::test]
async fn the_terms_open_at_the_version_the_store_describes() {
    let server = TestServer::start().await;
    let body = json_ok(server.get("/config.json").await, StatusCode::OK).await;
    let terms = &body["documents"][0];
    assert_eq!(terms["kind"], "terms");
    let version = terms["version"].as_str().unwrap();
    let url = terms["url"].as_str().unwrap().replace("{version}", version);
    let page = server.get(&url).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let text = page.text().await.unwrap();
    assert!(text.contains(version) && text.contains("before it is handed over"), "{text}");
    problem(server.get(&terms["url"].as_str().unwrap().replace("{version}", "1999-01-01")).await, 404, "not-found").await;
}

#[tokio::test]
async fn the_committed_openapi_document_matches_the_server() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi.json")).expect("openapi.json at the repository root");
    let generated = vitrina_server::http::openapi::document_json();
    assert!(committed.trim() == generated.trim(), "openapi.json is out of date with the server: run `make openapi` and commit the result");
    let doc: serde_json::Value = serde_json::from_str(&generated).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
}

#[test]
fn every_link_in_the_openapi_document_leads_to_an_operation_by_its_camel_case_fields() {
    let doc: serde_json::Value = serde_json::from_str(&vitrina_server::http::openapi::document_json()).unwrap();
    let mut ids = std::collections::HashSet::new();
    for item in doc["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            if let Some(id) = operation["operationId"].as_str() {
                ids.insert(id.to_owned());
            }
        }
    }
    let mut links = 0;
    for item in doc["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            for response in operation["responses"].as_object().into_iter().flat_map(|r| r.values()) {
                for link in response["links"].as_object().into_iter().flat_map(|l| l.values()) {
                    let target = link["operationId"].as_str().expect("a link names its operation as operationId");
                    assert!(ids.contains(target), "a link to {target}, which is no operation");
                    assert!(link.get("operation_id").is_none() && link.get("request_body").is_none(), "{link}");
                    links += 1;
                }
            }
        }
    }
    assert!(links >= 10, "{links} links");
}

#[tokio::test]
async fn the_server_serves_its_openapi_document() {
    let server = TestServer::start().await;
    let body = json_ok(server.get("/api/openapi.json").await, StatusCode::OK).await;
    assert!(body["paths"]["/api/carts/{cart_id}/lines"]["post"].is_object());
}

#[tokio::test]
async fn every_documented_path_is_answered_by_a_handler() {
    let server = TestServer::start().await;
    let doc = vitrina_server::http::openapi::document();
    for path in doc.paths.paths.keys() {
        let concrete = path.replace("{file}", "linen-shirt.svg").replace('{', "x").replace('}', "");
        let response = server.get(&concrete).await;
        let body = response.text().await.unwrap_or_default();
        assert!(!body.contains("There is no such API endpoint"), "{path} is documented but not routed");
    }
}

#[tokio::test]
async fn an_unknown_endpoint_is_a_problem_document() {
    let server = TestServer::start().await;
    problem(server.get("/api/no-such-thing").await, 404, "not-found").await;
}

#[tokio::test]
async fn malformed_requests_get_problem_documents_not_stack_traces() {
    let server = TestServer::start().await;
    let cart = server.new_cart().await;
    let url = server.url(&format!("/api/carts/{cart}/lines"));

    let syntax = server.client.post(&url).header("content-type", "application/json").body("{\"variant_id\": ").send().await.unwrap();
    problem(syntax, 400, "bad-request").await;

    let wrong_type = server.client.post(&url).header("content-type", "text/plain").body("hello").send().await.unwrap();
    problem(wrong_type, 415, "unsupported-media-type").await;

    let shape = server.post(&format!("/api/carts/{cart}/lines"), &json!({ "variant_id": 5 })).await;
    let body = problem(shape, 422, "validation").await;
    assert!(!body.to_string().contains("rusqlite"));

    let huge = "x".repeat(200_000);
    let too_large = server.post(&format!("/api/carts/{cart}/lines"), &json!({ "variant_id": huge })).await;
    problem(too_large, 413, "payload-too-large").await;
}

#[tokio::test]
async fn the_demo_store_is_seeded_once_and_kept_across_restarts() {
    let server = TestServer::start().await;
    let cart = server.new_cart().await;
    json_ok(
        server.post(&format!("/api/carts/{cart}/lines"), &json!({ "variant_id": "ceramic-mug-1", "quantity": 2 })).await,
        StatusCode::OK,
    )
    .await;
    let dir = server.dir;
    let restarted = TestServer::start_in(dir).await;
    let body = json_ok(restarted.get(&format!("/api/carts/{cart}")).await, StatusCode::OK).await;
    assert_eq!(body["item_count"], 2);
    let conn = rusqlite::Connection::open(restarted.db_path()).unwrap();
    let products: i64 = conn.query_row("SELECT COUNT(*) FROM products", [], |r| r.get(0)).unwrap();
    assert_eq!(products, 14, "seeded once, not twice");
}

#[tokio::test]
async fn the_demo_data_has_the_documented_identifiers() {
    let server = TestServer::start().await;
    let conn = rusqlite::Connection::open(server.db_path()).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT COUNT(*) FROM sellers WHERE id IN ('demo-seller', 'form-only', 'quiet-seller')"), 3);
    assert_eq!(count("SELECT COUNT(*) FROM accounts WHERE email IN ('shopper@example.com', 'new@example.com', 'seller@example.com')"), 3);
    assert_eq!(count("SELECT email_verified FROM accounts WHERE email = 'new@example.com'"), 0);
    assert_eq!(count("SELECT COUNT(*) FROM accounts WHERE email = 'seller@example.com' AND seller_id = 'demo-seller'"), 1);
    assert_eq!(count("SELECT COUNT(*) FROM promo_codes WHERE code IN ('WELCOME10', 'FREESHIP', 'EXPIRED2020')"), 3);
    for n in 1..=10 {
        assert_eq!(count(&format!("SELECT COUNT(*) FROM shipments WHERE tracking_number = 'PX10000000{n:02}'")), 1, "PX10000000{n:02}");
    }
    assert_eq!(count("SELECT COUNT(*) FROM shipment_events WHERE tracking_number = 'PX1000000009'"), 1000);
    let password_ok: String =
        conn.query_row("SELECT password_hash FROM accounts WHERE email = 'shopper@example.com'", [], |r| r.get(0)).unwrap();
    assert!(vitrina_server::auth::verify_password("demo", &password_ok));
}

#[tokio::test]
async fn every_seeded_shipment_status_comes_from_the_carriers_list_except_the_deliberately_unknown_one() {
    let server = TestServer::start().await;
    let list = include_str!("../../../data/pony-express-statuses.txt");
    let known: std::collections::HashSet<&str> = list.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let conn = rusqlite::Connection::open(server.db_path()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT DISTINCT e.tracking_number, e.raw_status FROM shipment_events e
             JOIN shipments s ON s.tracking_number = e.tracking_number WHERE s.carrier = 'pony-express'",
        )
        .unwrap();
    let rows: Vec<(String, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    let unknown: Vec<_> = rows.iter().filter(|(_, s)| !known.contains(s.as_str())).collect();
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert_eq!(unknown[0].0, "PX1000000007");
}

#[tokio::test]
async fn the_built_app_is_served_precompressed_with_long_lives_for_hashed_files() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>shell</title>").unwrap();
    std::fs::write(dist.join("index.html.br"), b"BROTLI-INDEX").unwrap();
    std::fs::write(dist.join("vitrina-app-0123456789abcdef_bg.wasm"), b"\0asm-raw").unwrap();
    std::fs::write(dist.join("vitrina-app-0123456789abcdef_bg.wasm.br"), b"BROTLI-WASM").unwrap();
    let server = TestServer::start_with(dir, |o| o.dist_dir = Some(dist)).await;
    let get = |path: &str, encoding: &str| server.client.get(server.url(path)).header("accept-encoding", encoding).send();

    let wasm = get("/vitrina-app-0123456789abcdef_bg.wasm", "gzip, deflate, br").await.unwrap();
    assert_eq!(wasm.headers()["content-encoding"], "br");
    assert_eq!(wasm.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(wasm.bytes().await.unwrap().as_ref(), b"BROTLI-WASM");
    let plain = get("/vitrina-app-0123456789abcdef_bg.wasm", "identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"\0asm-raw");

    let page = get("/track/PX1000000001", "br").await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()["content-encoding"], "br");
    assert_eq!(page.headers()["cache-control"], "no-cache");
    let unknown = get("/no/such/page", "identity").await.unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert!(unknown.text().await.unwrap().contains("<title>shell</title>"), "the app's own not-found page");
}

#[tokio::test]
async fn a_build_split_by_area_sends_each_area_its_own_page() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    for (file, body) in [
        ("index.html", "shop"),
        ("checkout.html", "checkout"),
        ("orders.html", "orders"),
        ("track.html", "track"),
        ("contact.html", "contact"),
        ("seller.html", "seller"),
        ("account.html", "account"),
    ] {
        std::fs::write(dist.join(file), body).unwrap();
    }
    let server = TestServer::start_with(dir, |o| o.dist_dir = Some(dist)).await;
    for (path, page) in [
        ("/", "shop"),
        ("/cart", "shop"),
        ("/checkout/review", "checkout"),
        ("/orders/1042", "orders"),
        ("/orders/lookup", "orders"),
        ("/track", "track"),
        ("/track/PX1000000001", "track"),
        ("/sellers/demo-seller/contact", "contact"),
        ("/seller/contact", "seller"),
        ("/sign-in", "account"),
    ] {
        // A session's cookie (not a valid one): the editor's page, not the way to sign in.
        let request = server.client.get(server.url(path)).header("accept-encoding", "identity").header("cookie", "vitrina_session=x");
        let body = request.send().await.unwrap().text().await.unwrap();
        assert_eq!(body, page, "{path}");
    }
}

/// A `dist/` holding one page as an earlier build wrote it: a place for the config and an empty brand.
fn built_page(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let built = concat!(
        r#"<!doctype html><html lang="en"><head><script type="application/json" id="vitrina-config"></script></head>"#,
        r#"<body><header class="site-header"><span class="site-header__brand">&nbsp;</span></header></body></html>"#
    );
    std::fs::write(dist.join(name), built).unwrap();
    (dir, dist)
}

#[tokio::test]
async fn a_page_with_a_place_for_the_config_is_sent_with_the_stores_facts_written_in() {
    let (dir, dist) = built_page("index.html");
    std::fs::write(dist.join("index.html.br"), b"BROTLI-AS-BUILT").unwrap();
    let server = TestServer::start_with(dir, |o| {
        o.dist_dir = Some(dist);
        o.store_name = Some("Cats & <Dogs>".into());
    })
    .await;
    let get = |encoding: &str| server.client.get(server.url("/cart")).header("accept-encoding", encoding).send();

    let plain = get("identity").await.unwrap();
    assert_eq!(plain.status(), StatusCode::OK);
    assert!(plain.headers().get("content-encoding").is_none());
    let etag = plain.headers()["etag"].clone();
    let html = plain.text().await.unwrap();
    // The configuration as `/config.json` has it, unable to end its script element.
    let config: serde_json::Value = server.client.get(server.url("/config.json")).send().await.unwrap().json().await.unwrap();
    let inlined = html.split(r#"id="vitrina-config">"#).nth(1).and_then(|rest| rest.split("</script>").next()).unwrap();
    assert!(!inlined.contains('<'), "{inlined}");
    assert_eq!(serde_json::from_str::<serde_json::Value>(inlined).unwrap(), config);
    assert!(html.contains(r#"<span class="site-header__brand">Cats &amp; &lt;Dogs&gt;</span>"#), "{html}");
    assert!(html.starts_with(r#"<!doctype html><html lang="en">"#));

    // Compressed when the browser takes brotli (the same page), and "not modified" when it has it.
    let compressed = get("gzip, br").await.unwrap();
    assert_eq!(compressed.headers()["content-encoding"], "br");
    assert_eq!(compressed.headers()["cache-control"], "no-cache");
    let bytes = compressed.bytes().await.unwrap();
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut decoded).unwrap();
    assert_eq!(String::from_utf8(decoded).unwrap(), html);
    assert!(get("br;q=0").await.unwrap().headers().get("content-encoding").is_none());
    let again = server.client.get(server.url("/cart")).header("if-none-match", etag).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn each_store_writes_its_own_facts_into_the_page() {
    let (dir, dist) = built_page("contact.html");
    let server = TestServer::start_with(dir, |o| {
        o.dist_dir = Some(dist);
        o.store = vitrina_server::options::StoreId::Sk;
    })
    .await;
    let html = server
        .client
        .get(server.url("/sellers/demo-seller/contact"))
        .header("accept-encoding", "identity")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let config: serde_json::Value = server.client.get(server.url("/config.json")).send().await.unwrap().json().await.unwrap();
    assert_eq!(config["default_locale"], "sk");
    assert_eq!(config["currency"], "EUR");
    let inlined = html.split(r#"id="vitrina-config">"#).nth(1).and_then(|rest| rest.split("</script>").next()).unwrap();
    assert_eq!(serde_json::from_str::<serde_json::Value>(inlined).unwrap(), config);
    assert!(html.starts_with(r#"<!doctype html><html lang="sk">"#), "{html}");
    let name = config["store_name"].as_str().unwrap();
    assert!(html.contains(&format!(r#"<span class="site-header__brand">{name}</span>"#)), "{html}");
}

/// A `dist/` holding one page with the static shell as `index.html` builds it (the header's
/// words marked, a place for the page's outline) and the store's language's words.
fn built_shell(name: &str, lang: &str, words: serde_json::Value) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(dist.join("locales")).unwrap();
    let built = concat!(
        r#"<!doctype html><html lang="en"><head><script type="application/json" id="vitrina-config"></script>"#,
        r#"<script type="application/json" id="vitrina-early"></script></head><body><div id="app">"#,
        r#"<header class="site-header" data-shell><a href="/" class="site-header__brand">&nbsp;</a>"#,
        r#"<nav class="site-header__nav" aria-label="Main" data-i18n-label="nav.label"><a href="/track" data-i18n="nav.track">Track a parcel</a>"#,
        r#"<a href="/cart"><span data-i18n="nav.cart">Cart</span><span class="badge">0</span></a></nav>"#,
        r#"<select class="language__select"><option value="en" lang="en" selected>English</option><option value="sk" lang="sk">Slovenčina</option></select></header>"#,
        r#"<main id="main" class="site-main" data-shell><section class="page" data-outline><div class="skeleton"></div></section></main></div>"#,
        r#"<script type="module">const wasm = fetch('/vitrina-app-0123abcd_bg.wasm', { credentials: 'same-origin' });</script></body></html>"#,
    );
    std::fs::write(dist.join(name), built).unwrap();
    std::fs::write(dist.join("locales").join(format!("{lang}.json")), words.to_string()).unwrap();
    (dir, dist)
}

#[tokio::test]
async fn the_first_paint_is_the_page_the_address_names_in_the_stores_language() {
    let words = json!({
        "nav.label": "Hlavná ponuka", "nav.track": "Sledovať <zásielku>", "nav.cart": "Košík",
        "order.heading": "Objednávka {number}", "track.shipment_title": "Sledovanie zásielky",
        "catalog.title": "Katalóg", "catalog.intro": "Vyberte si niečo.",
        "checkout.contact.title": "Kontakt", "checkout.steps": "Kroky", "checkout.summary": "Súhrn",
        "checkout.step.cart": "Košík", "checkout.step.contact": "Kontakt", "checkout.step.delivery": "Doručenie",
        "checkout.step.payment": "Platba", "checkout.step.review": "Kontrola",
    });
    let (dir, dist) = built_shell("index.html", "sk", words);
    let server = TestServer::start_with(dir, |o| {
        o.dist_dir = Some(dist);
        o.store = vitrina_server::options::StoreId::Sk;
    })
    .await;
    let page = |path: &'static str| {
        let request = server.client.get(server.url(path)).header("accept-encoding", "identity").send();
        async move { request.await.unwrap().text().await.unwrap() }
    };

    // The header in the store's language, escaped, with its language chosen in the switcher.
    let html = page("/orders/10%2042?token=a%26b").await;
    assert!(html.contains(r#"aria-label="Hlavná ponuka" data-i18n-label="nav.label""#), "{html}");
    assert!(html.contains(r#"data-i18n="nav.track">Sledovať &lt;zásielku&gt;</a>"#), "{html}");
    assert!(html.contains(r#"<span data-i18n="nav.cart">Košík</span>"#), "{html}");
    assert!(html.contains(r#"<option value="en" lang="en">English</option><option value="sk" lang="sk" selected>"#), "{html}");
    // The order's page: its number from the address, decoded and escaped, in the heading's row.
    assert!(
        html.contains(
            r#"<section class="page order-page" data-outline><div class="order-page__head"><h1 tabindex="-1">Objednávka 10 42</h1></div>"#
        ),
        "{html}"
    );
    assert!(!html.contains("skeleton\"></div></section>"), "the outline replaced the built placeholder: {html}");
    // What the page will ask for first is asked for at once: the session and the order. (The
    // words are the shopper's language's, which the page chooses: no preload of the store's.)
    assert!(html.contains(r#"id="vitrina-early">["/api/session","/api/orders/10%2042?token=a%26b"]</script>"#), "{html}");
    assert!(!html.contains("/locales/"), "{html}");

    let catalog = page("/").await;
    assert!(catalog.contains(r#"<h1 tabindex="-1">Katalóg</h1><p class="muted">Vyberte si niečo.</p>"#), "{catalog}");
    // The catalog as sent is what it is for: painted before the app's code is asked for; the
    // order's and the shipment's pages are their data, and ask for it at once.
    assert!(catalog.starts_with(r#"<!doctype html><html data-paint-first lang="sk">"#), "{catalog}");
    assert!(!catalog.contains("_bg.wasm\" as=\"fetch\""), "a page painted first preloads no code: {catalog}");
    assert!(html.starts_with(r#"<!doctype html><html lang="sk">"#), "{html}");
    // A page that starts at once names its wasm in the head, the file its loader fetches.
    assert!(
        html.contains(r#"<link rel="preload" href="/vitrina-app-0123abcd_bg.wasm" as="fetch" type="application/wasm" crossorigin></head>"#),
        "{html}"
    );
    // A checkout step's header is the checkout's from its first byte (the stylesheet hides the
    // other links by it); no other page's is.
    let checkout = page("/checkout/contact").await;
    assert!(checkout.contains(r#"<ol class="steps__list">"#), "{checkout}");
    assert!(checkout.contains(r#"<header class="site-header" data-shell data-checkout>"#), "{checkout}");
    assert!(!catalog.contains("data-checkout") && !html.contains("data-checkout"), "{catalog}");
    let tracking = page("/track/px%201000000001").await;
    assert!(tracking.starts_with(r#"<!doctype html><html lang="sk">"#), "{tracking}");
    assert!(tracking.contains(r#"<section class="page tracking" data-outline><h1 tabindex="-1">Sledovanie zásielky</h1>"#), "{tracking}");
    // The number as the app asks for it (spaces out, capitals).
    assert!(tracking.contains(r#"id="vitrina-early">["/api/session","/api/shipments/PX1000000001"]</script>"#), "{tracking}");
    // A page whose words the language lacks keeps the placeholder rather than show English.
    let contact = page("/sellers/demo-seller/contact").await;
    assert!(contact.contains(r#"<section class="page" data-outline><div class="skeleton"></div></section>"#), "{contact}");
    // No page at all: the placeholder, and the header.
    let nowhere = page("/no/such/page").await;
    assert!(nowhere.contains(r#"<section class="page" data-outline><div class="skeleton"></div></section>"#), "{nowhere}");
    assert!(nowhere.contains("Košík"), "{nowhere}");
    assert!(nowhere.contains(r#"<script type="application/json" id="vitrina-early"></script>"#), "{nowhere}");
}

#[tokio::test]
async fn the_page_is_sent_in_the_language_the_app_will_show() {
    let (dir, dist) = built_shell("index.html", "sk", json!({ "nav.cart": "Košík", "track.shipment_title": "Sledovanie zásielky" }));
    let ru = json!({ "nav.cart": "Корзина", "track.shipment_title": "Отслеживание отправления" });
    std::fs::write(dist.join("locales/ru.json"), ru.to_string()).unwrap();
    let server = TestServer::start_with(dir, |o| {
        o.dist_dir = Some(dist);
        o.store = vitrina_server::options::StoreId::Sk;
    })
    .await;
    let page = |languages: Option<&'static str>, cookie: Option<&'static str>| {
        let mut request = server.client.get(server.url("/track/PX1000000001")).header("accept-encoding", "identity");
        if let Some(languages) = languages {
            request = request.header("accept-language", languages);
        }
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.headers()["vary"], "accept-encoding, accept-language, cookie");
            response.text().await.unwrap()
        }
    };
    let russian = |html: &str| {
        html.starts_with(r#"<!doctype html><html lang="ru">"#)
            && html.contains(r#"<span data-i18n="nav.cart">Корзина</span>"#)
            && html.contains(r#"<h1 tabindex="-1">Отслеживание отправления</h1>"#)
            && html.contains(r#"<option value="en" lang="en">English</option>"#)
    };
    let slovak = |html: &str| {
        html.starts_with(r#"<!doctype html><html lang="sk">"#) && html.contains(r#"<h1 tabindex="-1">Sledovanie zásielky</h1>"#)
    };
    // The first of the browser's languages that the app speaks, by their weights.
    let html = page(Some("de-AT, ru-RU;q=0.9, sk;q=0.8"), None).await;
    assert!(russian(&html), "{html}");
    let html = page(Some("sk;q=0.5, ru"), None).await;
    assert!(russian(&html), "{html}");
    // The shopper's own choice, which the app writes in its cookie, comes first.
    let html = page(Some("sk"), Some("a=1; vitrina_locale=ru")).await;
    assert!(russian(&html), "{html}");
    // None that the app speaks: the store's.
    let html = page(Some("de-AT, fr"), Some("vitrina_locale=xx")).await;
    assert!(slovak(&html), "{html}");
    let html = page(None, None).await;
    assert!(slovak(&html), "{html}");
    // A language whose words this build lacks: the store's, rather than a page half in English.
    let html = page(Some("uk-UA"), None).await;
    assert!(slovak(&html), "{html}");
}

#[tokio::test]
async fn the_sign_in_page_as_sent_holds_its_form_and_the_editor_without_a_session_is_sent_there() {
    let words = json!({
        "sign_in.title": "Prihlásenie", "account.email": "E-mail", "account.password": "Heslo",
        "account.sign_in": "Prihlásiť sa", "account.demo_accounts": "Ukážkové účty: <heslo> demo",
    });
    let (dir, dist) = built_shell("index.html", "sk", words);
    let server = TestServer::start_with(dir, |o| {
        o.dist_dir = Some(dist);
        o.store = vitrina_server::options::StoreId::Sk;
    })
    .await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let get = |path: &'static str, cookie: Option<&'static str>| {
        let mut request = client.get(server.url(path)).header("accept-encoding", "identity");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        async move { request.send().await.unwrap() }
    };

    // The form, in the store's words, not usable until the app has taken over; the demo store's
    // accounts under it, escaped.
    let html = get("/sign-in?return=%2Fseller%2Fcontact", None).await.text().await.unwrap();
    assert!(
        html.contains(r#"<section class="page page--narrow sign-in" data-outline><h1 tabindex="-1">Prihlásenie</h1><form class="form">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<label class="field__label" for="shell-sign-in-email">E-mail</label><input class="field__input" id="shell-sign-in-email" type="email" disabled>"#),
        "{html}"
    );
    assert!(html.contains(r#"<button class="button button--primary" type="submit" disabled>Prihlásiť sa</button></form>"#), "{html}");
    assert!(html.contains(r#"<p class="muted sign-in__demo">Ukážkové účty: &lt;heslo&gt; demo</p></section>"#), "{html}");

    // The editor without a session cookie: the sign-in page, coming back to the editor.
    let editor = get("/seller/contact", None).await;
    assert_eq!(editor.status(), reqwest::StatusCode::SEE_OTHER);
    assert_eq!(editor.headers()["location"], "/sign-in?return=%2Fseller%2Fcontact");
    // With one, the editor's page (whether the session is still good is the app's question).
    let editor = get("/seller/contact", Some("theme=dark; vitrina_session=abc")).await;
    assert_eq!(editor.status(), reqwest::StatusCode::OK);
}

#[tokio::test]
async fn the_editor_as_sent_to_a_signed_in_seller_asks_for_the_sellers_settings_beside_the_session() {
    let words = json!({ "editor.title": "Your contact page", "editor.intro": "How customers can reach you." });
    let (dir, dist) = built_shell("index.html", "en", words);
    let server = TestServer::start_with(dir, |o| o.dist_dir = Some(dist)).await;
    let editor_for = |email: &'static str| {
        let server = &server;
        async move {
            let cookie = server.sign_in(email).await;
            let answer = server.client.get(server.url("/seller/contact")).header("cookie", cookie).header("accept-encoding", "identity");
            answer.send().await.unwrap().text().await.unwrap()
        }
    };

    let html = editor_for("seller@example.com").await;
    // The seller's settings, whose address the app would learn only from the session's answer.
    assert!(html.contains(r#"id="vitrina-early">["/api/session","/api/sellers/demo-seller/contact-settings"]</script>"#), "{html}");
    // Its largest words, its heading and intro, are in it: painted before the app's code is asked for.
    assert!(html.starts_with(r#"<!doctype html><html data-paint-first lang="en">"#), "{html}");
    assert!(html.contains(r#"<h1 tabindex="-1">Your contact page</h1><p class="muted">How customers can reach you.</p>"#), "{html}");
    assert!(!html.contains("_bg.wasm\" as=\"fetch\""), "a page painted first preloads no code: {html}");

    // Someone signed in who manages no store: no seller's settings to ask for.
    let html = editor_for("shopper@example.com").await;
    assert!(html.contains(r#"id="vitrina-early">["/api/session"]</script>"#), "{html}");
}

#[tokio::test]
async fn an_orders_page_as_sent_names_its_customer_and_email_where_its_token_opens_it_and_is_never_kept() {
    let words = json!({
        "order.heading": "Order {number}", "order.thanks": "Thank you, {name}!",
        "order.email_sent": "We have sent the confirmation to {email}.",
    });
    let (dir, dist) = built_shell("index.html", "en", words);
    let server = TestServer::start_with(dir, |o| o.dist_dir = Some(dist)).await;
    let (number, token) = server.place(common::NewOrder::default()).await;
    let get = |address: String| {
        let request = server.client.get(server.url(&address)).header("accept-encoding", "identity").send();
        async move { request.await.unwrap() }
    };

    let answer = get(format!("/orders/{number}?token={token}")).await;
    assert_eq!(answer.status(), StatusCode::OK);
    // It names the customer: never kept by the browser or anything between.
    assert_eq!(answer.headers()["cache-control"], "no-store");
    let html = answer.text().await.unwrap();
    assert!(
        html.contains(&format!(
            r#"<div class="order-page__head"><h1 tabindex="-1">Order {number}</h1></div><p class="order-page__thanks" data-lead="order.thanks" lang="en">Thank you, Анна Петрова!</p><p class="order-page__email" data-lead="order.email_sent" lang="en">We have sent the confirmation to anna@example.com.</p>"#
        )),
        "{html}"
    );
    // Its largest words are in the page as sent: painted before the app's code is asked for.
    assert!(html.starts_with(r#"<!doctype html><html data-paint-first lang="en">"#), "{html}");
    assert!(!html.contains("rel=\"preload\""), "{html}");
    assert!(html.contains(&format!(r#"id="vitrina-early">["/api/session","/api/orders/{number}?token={token}"]</script>"#)), "{html}");

    // A wrong token, or none, opens nothing: the outline alone, as for any order, kept as usual.
    for address in [format!("/orders/{number}?token=wrong"), format!("/orders/{number}")] {
        let answer = get(address.clone()).await;
        assert_eq!(answer.headers()["cache-control"], "no-cache", "{address}");
        let html = answer.text().await.unwrap();
        assert!(!html.contains("data-lead") && !html.contains("anna@example.com") && !html.contains("Анна"), "{address}: {html}");
        assert!(html.contains(&format!(r#"<h1 tabindex="-1">Order {number}</h1>"#)), "{address}: {html}");
        assert!(html.starts_with(r#"<!doctype html><html lang="en">"#), "{address}: {html}");
    }
}

#[tokio::test]
async fn a_shipments_page_as_sent_gives_the_carriers_latest_news_in_the_pages_language() {
    let words = json!({ "track.shipment_title": "Shipment tracking", "track.carriers_words": "In the carrier's words:" });
    let (dir, dist) = built_shell("index.html", "en", words);
    let server = TestServer::start_with(dir, |o| o.dist_dir = Some(dist)).await;
    let get = |address: &'static str| {
        let request = server.client.get(server.url(address)).header("accept-encoding", "identity").send();
        async move { request.await.unwrap() }
    };

    let shipment: serde_json::Value =
        server.client.get(server.url("/api/shipments/PX1000000001")).send().await.unwrap().json().await.unwrap();
    let current = &shipment["current"];
    let answer = get("/track/PX1000000001").await;
    // It names nobody: kept, and "not modified" while the news is the same.
    assert_eq!(answer.headers()["cache-control"], "no-cache");
    let etag = answer.headers()["etag"].to_str().unwrap().to_owned();
    let html = answer.text().await.unwrap();
    let again = server.client.get(server.url("/track/PX1000000001")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    // Under the heading, the news the shipment's answer holds: its status in the carrier's
    // language, its place, and its time in the place's zone as the browser's Intl writes it.
    let lead = format!(
        r#"<h1 tabindex="-1">Shipment tracking</h1><p class="shipment__raw" data-lead="track.carriers_words" lang="en"><span class="muted">In the carrier's words: </span><q lang="ru">{}</q> · <span>{}</span> · <time datetime="{}+04:00">"#,
        current["raw_status"].as_str().unwrap(),
        current["location"].as_str().unwrap(),
        current["time"]["local"].as_str().unwrap(),
    );
    assert!(html.contains(&lead), "{lead}\n{html}");
    assert!(html.contains(r#" <span class="event-time__zone">(Europe/Samara, UTC+4)</span></p>"#), "{html}");
    // Its largest words are in it: painted before the app's code is asked for.
    assert!(html.starts_with(r#"<!doctype html><html data-paint-first lang="en">"#), "{html}");
    assert!(!html.contains("rel=\"preload\""), "{html}");

    // A number the carrier has not reported, or no number: the outline alone, kept as usual.
    for address in ["/track/PX9999999999", "/track/nonsense"] {
        let answer = get(address).await;
        assert_eq!(answer.headers()["cache-control"], "no-cache", "{address}");
        let html = answer.text().await.unwrap();
        assert!(!html.contains("data-lead"), "{address}: {html}");
        assert!(html.starts_with(r#"<!doctype html><html lang="en">"#), "{address}: {html}");
    }
}

#[tokio::test]
async fn a_signed_in_browsers_page_names_the_account_and_is_sent_compressed_but_never_kept() {
    let (dir, dist) = built_shell("index.html", "en", json!({ "account.sign_out": "Sign out" }));
    let built = std::fs::read_to_string(dist.join("index.html")).unwrap();
    let built =
        built.replacen("</nav>", r#"</nav><div class="account-nav"><a href="/sign-in" data-i18n="account.sign_in">Sign in</a></div>"#, 1);
    std::fs::write(dist.join("index.html"), built).unwrap();
    let server = TestServer::start_with(dir, |o| o.dist_dir = Some(dist)).await;
    let cookie = server.sign_in("shopper@example.com").await;
    let get = |encoding: &'static str| {
        server.client.get(server.url("/track")).header("cookie", &cookie).header("accept-encoding", encoding).send()
    };

    let plain = get("identity").await.unwrap();
    assert_eq!(plain.status(), StatusCode::OK);
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.headers()["cache-control"], "no-store");
    let html = plain.text().await.unwrap();
    assert!(html.contains(r#"<span class="account-nav__name">Anna Petrova</span>"#), "{html}");
    assert!(!html.contains("/sign-in"), "{html}");

    // The same page, compressed for the browser that takes brotli, and still never kept.
    let compressed = get("gzip, deflate, br").await.unwrap();
    assert_eq!(compressed.headers()["content-encoding"], "br");
    assert_eq!(compressed.headers()["cache-control"], "no-store");
    assert_eq!(compressed.headers()["vary"], "accept-encoding, accept-language, cookie");
    let bytes = compressed.bytes().await.unwrap();
    assert!(bytes.len() < html.len(), "{} bytes of {}", bytes.len(), html.len());
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut decoded).unwrap();
    assert_eq!(String::from_utf8(decoded).unwrap(), html);
    assert!(get("br;q=0").await.unwrap().headers().get("content-encoding").is_none());
}
