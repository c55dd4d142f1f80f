//! The catalog and the cart over real HTTP.

mod common;

use common::{TestServer, json_ok, problem};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_catalog_lists_products_with_variants_pictures_and_rouble_prices() {
    let server = TestServer::start().await;
    let body = json_ok(server.get("/api/products").await, StatusCode::OK).await;
    let products = body["products"].as_array().unwrap();
    assert!(products.len() >= 12);
    for p in products {
        assert!(!p["variants"].as_array().unwrap().is_empty(), "{}", p["id"]);
        assert_eq!(p["price_from"]["currency"], "RUB");
    }
    let shirt = products.iter().find(|p| p["id"] == "linen-shirt").unwrap();
    assert_eq!(shirt["variants"][1]["label"], "M · White");
    assert_eq!(shirt["price_from"]["amount_minor"], 349000);
    let wardrobe = products.iter().find(|p| p["id"] == "oak-wardrobe").unwrap();
    assert_eq!(wardrobe["bulky"], true);
    assert!(products.iter().filter(|p| p["bulky"] == true).count() == 1);

    let image = server.get(shirt["image_url"].as_str().unwrap()).await;
    assert_eq!(image.status(), StatusCode::OK);
    assert_eq!(image.headers()["content-type"], "image/svg+xml");
    assert!(image.text().await.unwrap().starts_with("<svg"));
}

#[tokio::test]
async fn one_product_and_an_unknown_one() {
    let server = TestServer::start().await;
    let mug = json_ok(server.get("/api/products/ceramic-mug").await, StatusCode::OK).await;
    assert_eq!(mug["name"], "Ceramic mug");
    problem(server.get("/api/products/unicorn").await, 404, "product-not-found").await;
}

#[tokio::test]
async fn adding_the_same_variant_twice_adds_to_one_line_and_the_subtotal_follows() {
    let server = TestServer::start().await;
    let cart = server.new_cart().await;
    let lines = format!("/api/carts/{cart}/lines");
    json_ok(server.post(&lines, &json!({ "variant_id": "linen-shirt-2" })).await, StatusCode::OK).await;
    json_ok(server.post(&lines, &json!({ "variant_id": "ceramic-mug-1", "quantity": 3 })).await, StatusCode::OK).await;
    let body = json_ok(server.post(&lines, &json!({ "variant_id": "linen-shirt-2", "quantity": 1 })).await, StatusCode::OK).await;
    let cart_lines = body["lines"].as_array().unwrap();
    assert_eq!(cart_lines.len(), 2);
    assert_eq!(cart_lines[0]["quantity"], 2);
    assert_eq!(cart_lines[0]["sku"], "LISH-002");
    assert_eq!(cart_lines[0]["line_total"]["amount_minor"], 698000);
    assert_eq!(body["subtotal"], json!({ "amount_minor": 698000 + 3 * 79000, "currency": "RUB" }));
    assert_eq!(body["item_count"], 5);
    assert_eq!(body["bulky"], false);
}

#[tokio::test]
async fn an_addition_repeated_under_its_idempotency_key_adds_once_and_answers_with_the_cart_as_it_is() {
    let server = TestServer::start().await;
    let cart = server.new_cart().await;
    let lines = format!("/api/carts/{cart}/lines");
    let shirt = json!({ "variant_id": "linen-shirt-2", "quantity": 2 });
    let key = "5f0c2a9e-8b1d-4c3e-9f70-1a2b3c4d5e6f";
    json_ok(server.post_with_key(&lines, &shirt, key).await, StatusCode::OK).await;
    // Something else changes the cart before the repeat arrives: the repeat shows it.
    json_ok(server.post(&lines, &json!({ "variant_id": "ceramic-mug-1" })).await, StatusCode::OK).await;
    let again = json_ok(server.post_with_key(&lines, &shirt, key).await, StatusCode::OK).await;
    assert_eq!(again["lines"][0]["quantity"], 2, "the shirts added once");
    assert_eq!(again["item_count"], 3);
    // A new key is a new addition.
    let more = json_ok(server.post_with_key(&lines, &shirt, "another-key").await, StatusCode::OK).await;
    assert_eq!(more["lines"][0]["quantity"], 4);
    // The key of that addition for another variant, or for another cart: refused, nothing added.
    problem(server.post_with_key(&lines, &json!({ "variant_id": "ceramic-mug-1" }), key).await, 422, "idempotency-key-reused").await;
    let other = server.new_cart().await;
    problem(server.post_with_key(&format!("/api/carts/{other}/lines"), &shirt, key).await, 422, "idempotency-key-reused").await;
    let now = json_ok(server.get(&format!("/api/carts/{cart}")).await, StatusCode::OK).await;
    assert_eq!(now["item_count"], 5);
}

#[tokio::test]
async fn quantities_change_and_zero_or_delete_removes_the_line() {
    let server = TestServer::start().await;
    let cart = server.new_cart().await;
    let body =
        json_ok(server.post(&format!("/api/carts/{cart}/lines"), &json!({ "variant_id": "wool-socks-1" })).await, StatusCode::OK).await;
    let line = body["lines"][0]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/carts/{cart}/lines/{line}");
    let body = json_ok(server.patch(&path, &json!({ "quantity": 4 })).await, StatusCode::OK).await;
    assert_eq!(body["subtotal"]["amount_minor"], 4 * 69000);
    let body = json_ok(server.patch(&path, &json!({ "quantity": 0 })).await, StatusCode::OK).await;
    assert_eq!(body["lines"], json!([]));
    let body =
        json_ok(server.post(&format!("/api/carts/{cart}/lines"), &json!({ "variant_id": "wool-socks-1" })).await, StatusCode::OK).await;
    let line = body["lines"][0]["id"].as_str().unwrap().to_owned();
    let body = json_ok(server.delete(&format!("/api/carts/{cart}/lines/{line}")).await, StatusCode::OK).await;
    assert_eq!(body["item_count"], 0);
    problem(server.patch(&path, &json!({ "quantity": 2 })).await, 404, "not-found").await;
}

#[tokio::test]
async fn no_more_than_in_stock_and_no_more_than_99() {
    let server = TestServer::start().await;
    let cart = server.new_cart().await;
    let lines = format!("/api/carts/{cart}/lines");
    // 2 wardrobes in stock.
    let body = problem(server.post(&lines, &json!({ "variant_id": "oak-wardrobe-1", "quantity": 3 })).await, 409, "out-of-stock").await;
    assert_eq!(body["detail"], "Only 2 left in stock.");
    assert_eq!(body["stock"], json!({ "variant_id": "oak-wardrobe-1", "available": 2 }));
    let body = json_ok(server.post(&lines, &json!({ "variant_id": "oak-wardrobe-1", "quantity": 1 })).await, StatusCode::OK).await;
    assert_eq!(body["bulky"], true);
    assert_eq!(body["lines"][0]["max_quantity"], 2);
    let body = problem(server.post(&lines, &json!({ "variant_id": "field-notebook-1", "quantity": 100 })).await, 422, "validation").await;
    assert_eq!(body["errors"][0]["field"], "quantity");
    problem(server.post(&lines, &json!({ "variant_id": "no-such-variant" })).await, 404, "product-not-found").await;
}

#[tokio::test]
async fn an_unknown_or_expired_cart_is_cart_not_found() {
    let server = TestServer::start().await;
    problem(server.get("/api/carts/0000").await, 404, "cart-not-found").await;
    problem(server.post("/api/carts/0000/lines", &json!({ "variant_id": "wool-socks-1" })).await, 404, "cart-not-found").await;

    let cart = server.new_cart().await;
    let now = server.state.clock.now();
    server.state.clock.set(now + 29 * 86_400);
    json_ok(server.get(&format!("/api/carts/{cart}")).await, StatusCode::OK).await;
    // Reading does not extend the cart's life; only changes do.
    server.state.clock.set(now + 31 * 86_400);
    problem(server.get(&format!("/api/carts/{cart}")).await, 404, "cart-not-found").await;
}

#[tokio::test]
async fn the_clock_hook_is_there_only_with_test_hooks() {
    let server = TestServer::start().await;
    let response = server.post("/api/test/clock", &json!({ "now": "2030-01-01T00:00:00Z" })).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(server.state.clock.now() / 10, 1_893_456_000 / 10);
}

#[tokio::test]
async fn one_network_may_start_ten_carts_per_order_it_may_place_then_is_asked_to_wait() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_with(dir, |o| {
        o.order_limit = 2;
        o.trust_proxy = true;
    })
    .await;
    let start = |network: &'static str| server.client.post(server.url("/api/carts")).header("X-Forwarded-For", network).send();
    let mut first = None;
    for _ in 0..20 {
        let response = start("203.0.113.7").await.unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let cart: serde_json::Value = response.json().await.unwrap();
        first.get_or_insert(cart["id"].as_str().unwrap().to_owned());
    }
    let refused = start("203.0.113.7").await.unwrap();
    let wait: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=600).contains(&wait), "{wait}");
    problem(refused, 429, "rate-limited").await;
    // The carts already started still work, and another network may still start one.
    assert_eq!(server.get(&format!("/api/carts/{}", first.unwrap())).await.status(), StatusCode::OK);
    assert_eq!(start("198.51.100.9").await.unwrap().status(), StatusCode::CREATED);
}
