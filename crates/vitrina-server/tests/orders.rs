//! The order page's data, its access rules, guest lookup, cancellation, the confirmation email,
//! and the store moving orders along.

mod common;

use common::{TestServer, json_ok, problem, retry_after_within};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Places a courier order (pay on delivery, or card) and returns (number, token).
async fn place_order(server: &TestServer, payment: &str) -> (String, String) {
    let cart = server.new_cart().await;
    for (variant, q) in [("linen-shirt-2", 2), ("ceramic-mug-1", 1)] {
        json_ok(server.post(&format!("/api/carts/{cart}/lines"), &json!({ "variant_id": variant, "quantity": q })).await, StatusCode::OK)
            .await;
    }
    let mut draft = json!({
        "cart_id": cart,
        "contact": { "email": "Anna@Example.com", "phone": "+7 912 345-67-89", "name": "Анна Петрова" },
        "recipient": { "name": "Иван Петров", "phone": "+7 912 000-00-01" },
        "address": { "country": "RU", "city": "Москва", "line": "ул. Ленина, д. 5, кв. 12", "postcode": "101000", "region": "Москва" },
        "payment_method": payment,
        "promo_code": "WELCOME10",
    });
    let q = json_ok(server.post("/api/checkout/quote", &draft).await, StatusCode::OK).await;
    let courier = &q["delivery_options"][0];
    draft["delivery"] = json!({ "option_id": "courier", "date": courier["dates"][0], "time_window_id": "evening" });
    let q = json_ok(server.post("/api/checkout/quote", &draft).await, StatusCode::OK).await;
    let body = json!({ "draft": draft, "consents": { "terms_version": q["terms_version"], "personal_data": true }, "expected_total": q["totals"]["total"] });
    let placed = server.client.post(server.url("/api/orders")).header("Idempotency-Key", common_key()).json(&body).send().await.unwrap();
    let placed = json_ok(placed, StatusCode::CREATED).await;
    (placed["number"].as_str().unwrap().to_owned(), placed["access_token"].as_str().unwrap().to_owned())
}

fn common_key() -> String {
    format!("k-{}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos())
}

async fn order(server: &TestServer, number: &str, token: &str) -> Value {
    json_ok(server.get(&format!("/api/orders/{number}?token={token}")).await, StatusCode::OK).await
}

async fn set_status(server: &TestServer, number: &str, status: &str, at: Option<i64>) {
    let at = at.map(vitrina_core::civil::format_rfc3339_utc);
    let r = server.post(&format!("/api/test/orders/{number}/status"), &json!({ "status": status, "at": at })).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn the_order_has_every_fact_its_page_shows() {
    let server = TestServer::start().await;
    let (number, token) = place_order(&server, "cash-on-delivery").await;
    let o = order(&server, &number, &token).await;
    assert_eq!(o["number"], "1042");
    assert_eq!(o["email"], "Anna@Example.com");
    assert_eq!(o["customer"], json!({ "name": "Анна Петрова", "phone": "+79123456789" }));
    assert_eq!(o["recipient"], json!({ "name": "Иван Петров", "phone": "+79120000001" }));
    assert_eq!(o["billing_address"], o["delivery_address"]);
    assert_eq!(o["delivery_address"]["line"], "ул. Ленина, д. 5, кв. 12");
    assert_eq!(o["lines"][0]["sku"], "LISH-002");
    assert_eq!(o["lines"][0]["variant_label"], "M · White");
    assert_eq!(o["lines"][0]["quantity"], 2);
    assert_eq!(o["lines"][0]["unit_price"]["amount_minor"], 349000);
    // Items 7 770.00, delivery 390.00, WELCOME10 −777.00 = 7 383.00.
    assert_eq!(o["totals"]["total"]["amount_minor"], 738300);
    assert_eq!(o["totals"]["discount"]["amount_minor"], 77700);
    assert_eq!(o["promo_code"], "WELCOME10");
    assert_eq!(
        o["payment"],
        json!({ "kind": "cash_on_delivery", "name": "Cash on delivery", "status": "pay_on_delivery", "payable": false, "pay_by": null })
    );
    assert_eq!(o["delivery"]["kind"], "courier");
    assert_eq!(o["delivery"]["carrier"], "Pony Express");
    assert_eq!(o["delivery"]["time_window"], "18:00–22:00");
    assert!(o["delivery"]["dispatch_date"].is_string() && o["delivery"]["earliest"].is_string() && o["delivery"]["latest"].is_string());
    assert_eq!(o["status"], "created");
    assert_eq!(o["history"][0]["kind"], "created");
    assert_eq!(
        o["sellers"],
        json!([{ "id": "demo-seller", "name": "Severny Veter Home & Apparel" }, { "id": "form-only", "name": "Lavka Masterov" }])
    );
    assert_eq!(o["cancellation"]["allowed"], true);
    assert_eq!(o["lines"][0]["id"], "1");
    assert_eq!(o["lines"][1]["id"], "2");
    assert_eq!(o["delivery"]["id_documents"][0], "national_passport");
    assert_eq!(o["refunds"], json!([]));
    assert_eq!(o["terms_version"], "2026-10-01");
}

#[tokio::test]
async fn without_its_token_an_order_is_answered_exactly_like_one_that_does_not_exist() {
    let server = TestServer::start().await;
    let (number, _) = place_order(&server, "cash-on-delivery").await;
    let body = |r: reqwest::Response| async move { (r.status(), r.text().await.unwrap()) };
    let unknown = body(server.get("/api/orders/999999?token=abc").await).await;
    assert_eq!(unknown.0, StatusCode::NOT_FOUND);
    assert_eq!(body(server.get(&format!("/api/orders/{number}")).await).await, unknown);
    assert_eq!(body(server.get(&format!("/api/orders/{number}?token=abc")).await).await, unknown);
    assert_eq!(body(server.get("/api/orders/not-a-number?token=abc").await).await, unknown);
}

#[tokio::test]
async fn guest_lookup_finds_the_order_and_a_wrong_pair_looks_like_an_unknown_order() {
    let server = TestServer::start().await;
    let (number, token) = place_order(&server, "cash-on-delivery").await;
    let found =
        json_ok(server.post("/api/orders/lookup", &json!({ "number": number, "email": " anna@example.COM " })).await, StatusCode::OK).await;
    // A new token of its own (the store keeps tokens only as hashes); both open the same order.
    assert_eq!(found["number"], json!(number));
    let issued = found["access_token"].as_str().unwrap();
    assert_ne!(issued, token);
    for t in [issued, token.as_str()] {
        let o = json_ok(server.get(&format!("/api/orders/{number}?token={t}")).await, StatusCode::OK).await;
        assert_eq!(o["number"], json!(number));
    }
    let wrong_email = server.post("/api/orders/lookup", &json!({ "number": number, "email": "someone@example.com" })).await;
    let unknown = server.post("/api/orders/lookup", &json!({ "number": "5555", "email": "anna@example.com" })).await;
    assert_eq!(wrong_email.status(), StatusCode::NOT_FOUND);
    assert_eq!(wrong_email.text().await.unwrap(), unknown.text().await.unwrap());
}

#[tokio::test]
async fn lookups_of_one_order_are_limited() {
    let server = TestServer::start().await;
    let (number, _) = place_order(&server, "cash-on-delivery").await;
    // The earlier test shows one success; here five failures use up the order's tries.
    for i in 0..5 {
        let r = server.post("/api/orders/lookup", &json!({ "number": number, "email": format!("guess{i}@example.com") })).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
    let limited = server.post("/api/orders/lookup", &json!({ "number": number, "email": "anna@example.com" })).await;
    let wait = retry_after_within(&limited, 600);
    let p = problem(limited, 429, "rate-limited").await;
    assert_eq!(p["retry_after_seconds"], wait);
}

#[tokio::test]
async fn a_cancellation_before_handover_cancels_and_shows_in_the_history() {
    let server = TestServer::start().await;
    let (number, token) = place_order(&server, "cash-on-delivery").await;
    set_status(&server, &number, "confirmed_by_seller", None).await;
    let o =
        json_ok(server.post(&format!("/api/orders/{number}/cancellation"), &json!({ "access_token": token })).await, StatusCode::OK).await;
    assert_eq!(o["status"], "cancelled");
    let kinds: Vec<&str> = o["history"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["created", "confirmed_by_seller", "cancellation_requested", "cancelled"]);
    assert_eq!(
        o["cancellation"],
        json!({ "allowed": false, "blocked_by": "cancelled", "until": null, "kind": null, "by_line": false, "carrier_returns": false, "delivery_fee": null })
    );
    // The goods are back in stock.
    let shirt = json_ok(server.get("/api/products/linen-shirt").await, StatusCode::OK).await;
    assert_eq!(shirt["variants"][1]["available"], 20);
}

/// A cancellation under an `Idempotency-Key`.
async fn cancel_with_key(server: &TestServer, number: &str, token: &str, lines: Value, key: &str) -> reqwest::Response {
    server.post_with_key(&format!("/api/orders/{number}/cancellation"), &json!({ "access_token": token, "lines": lines }), key).await
}

#[tokio::test]
async fn a_cancellation_repeated_under_its_key_is_carried_out_once() {
    let server = TestServer::start().await;
    let (number, token) = place_order(&server, "cash-on-delivery").await;
    let one_shirt = json!([{ "line_id": "1", "quantity": 1 }]);
    let first = json_ok(cancel_with_key(&server, &number, &token, one_shirt.clone(), "cancel-1").await, StatusCode::OK).await;
    assert_eq!(first["lines"][0]["cancelled_quantity"], 1);
    // The answer was lost on the way; the shopper presses again: the same order, not a second shirt off.
    let again = json_ok(cancel_with_key(&server, &number, &token, one_shirt.clone(), "cancel-1").await, StatusCode::OK).await;
    assert_eq!(again["lines"][0]["cancelled_quantity"], 1);
    assert_eq!(again["totals"], first["totals"]);
    let cancellations = |o: &Value| o["history"].as_array().unwrap().iter().filter(|e| e["kind"] == "lines_cancelled").count();
    assert_eq!(cancellations(&again), 1);
    // The same key for another request is refused; a new key is a new request.
    problem(
        cancel_with_key(&server, &number, &token, json!([{ "line_id": "2", "quantity": 1 }]), "cancel-1").await,
        422,
        "idempotency-key-reused",
    )
    .await;
    let second = json_ok(cancel_with_key(&server, &number, &token, one_shirt, "cancel-2").await, StatusCode::OK).await;
    assert_eq!(second["lines"][0]["cancelled_quantity"], 2);

    // The whole order, cancelled, then asked again under the same key: the cancelled order, not
    // "cannot be cancelled".
    let whole = json_ok(cancel_with_key(&server, &number, &token, json!([]), "cancel-all").await, StatusCode::OK).await;
    assert_eq!(whole["status"], "cancelled");
    let repeated = json_ok(cancel_with_key(&server, &number, &token, json!([]), "cancel-all").await, StatusCode::OK).await;
    assert_eq!(repeated["status"], "cancelled");
    assert_eq!(repeated["history"], whole["history"]);
    // Without a key, or under a new one, it is what it is: already cancelled.
    problem(cancel_with_key(&server, &number, &token, json!([]), "cancel-3").await, 409, "cancellation-not-allowed").await;
    // A key is no way into another order.
    let (other, other_token) = place_order(&server, "cash-on-delivery").await;
    problem(cancel_with_key(&server, &other, &other_token, json!([]), "cancel-all").await, 422, "idempotency-key-reused").await;
    problem(cancel_with_key(&server, &other, &other_token, json!([]), " ").await, 400, "idempotency-key-missing").await;
}

#[tokio::test]
async fn on_its_way_the_order_can_still_be_cancelled_and_the_carrier_is_told_to_bring_it_back() {
    let server = TestServer::start().await;
    let (number, token) = place_order(&server, "cash-on-delivery").await;
    set_status(&server, &number, "with_courier", None).await;
    let o = order(&server, &number, &token).await;
    assert_eq!(o["cancellation"]["allowed"], true);
    assert_eq!(o["cancellation"]["kind"], "cancel");
    assert_eq!(o["cancellation"]["carrier_returns"], true);
    assert_eq!(o["cancellation"]["delivery_fee"], "not_charged", "paid on delivery: nothing was charged");
    let parcel = o["shipments"][0]["tracking_number"].as_str().expect("handing over gave it a shipment").to_owned();
    assert!(parcel.starts_with("PX") && parcel.len() == 12 && parcel != "PX2000001042", "a random number, not the order's: {parcel}");
    let o =
        json_ok(server.post(&format!("/api/orders/{number}/cancellation"), &json!({ "access_token": token })).await, StatusCode::OK).await;
    assert_eq!(o["status"], "cancelled");
    let kinds: Vec<&str> = o["history"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds[kinds.len() - 3..], ["cancellation_requested", "return_to_sender", "cancelled"]);
    assert_eq!(o["payment"]["status"], "cancelled");
    let shipment = server.get(&format!("/api/shipments/{parcel}")).await.text().await.unwrap();
    assert!(shipment.contains("Осуществляется возврат отправления по инструкции клиента"), "the carrier returns it: {shipment}");
}

#[tokio::test]
async fn after_receipt_day_seven_may_cancel_and_day_eight_may_not() {
    let server = TestServer::start().await;
    let (number, token) = place_order(&server, "cash-on-delivery").await;
    let now = server.state.clock.now();
    set_status(&server, &number, "received", Some(now - 8 * 86_400 - 3600)).await;
    let o = order(&server, &number, &token).await;
    assert_eq!(o["cancellation"]["allowed"], false);
    assert_eq!(o["cancellation"]["blocked_by"], "window_closed");
    let p = problem(
        server.post(&format!("/api/orders/{number}/cancellation"), &json!({ "access_token": token })).await,
        409,
        "cancellation-not-allowed",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("7 days"));

    let (second, token2) = place_order(&server, "cash-on-delivery").await;
    set_status(&server, &second, "received", Some(now - 6 * 86_400)).await;
    let o =
        json_ok(server.post(&format!("/api/orders/{second}/cancellation"), &json!({ "access_token": token2 })).await, StatusCode::OK).await;
    assert_eq!(o["status"], "received", "after receipt the request is a return; the order stays received");
    let last = o["history"].as_array().unwrap().last().unwrap();
    assert_eq!(last["kind"], "return_requested");
    assert_eq!(last["lines"], json!([{ "line_id": "1", "quantity": 2 }, { "line_id": "2", "quantity": 1 }]));
    assert_eq!(o["lines"][0]["return_requested_quantity"], 2);
    assert_eq!(o["cancellation"]["blocked_by"], "already_requested");
}

#[tokio::test]
async fn the_confirmation_email_is_a_valid_mime_message_with_the_order_number_in_the_subject() {
    let server = TestServer::start().await;
    let (number, _) = place_order(&server, "card-online").await;
    let path = server.dir.path().join("outbox").join(format!("order-{number}-0-created.eml"));
    let raw = std::fs::read(&path).expect("the confirmation is in the outbox");
    let message = mail_parser::MessageParser::default().parse(&raw).expect("a MIME message");
    // An unpaid card order says so, in the subject and at the top.
    assert_eq!(message.subject(), Some("Order 1042 received, awaiting payment — Vitrina Demo Store"));
    assert_eq!(message.to().and_then(|a| a.first()).and_then(|a| a.address()), Some("Anna@Example.com"));
    let text = message.body_text(0).expect("a text part");
    let html = message.body_html(0).expect("an HTML part");
    let plain = text.replace(['\u{a0}', '\u{202f}'], " ");
    assert!(text.find("1042").unwrap() < 20, "the order number is at the top");
    assert!(text.contains("Thank you, Анна Петрова!"));
    assert!(plain.contains("Linen shirt (M · White), SKU LISH-002: 2 × RUB 3,490.00 = RUB 6,980.00"), "{plain}");
    assert!(plain.contains("Total to pay: RUB 7,383.00"), "{plain}");
    assert!(text.contains("awaiting payment"));
    assert!(text.contains("Courier to the door, Pony Express"));
    assert!(text.contains("Expected dispatch: "));
    assert!(text.contains("Request cancellation"));
    assert!(text.contains("Russia"), "the country by its name");
    // The link opens the order (a token of its own: the store keeps only hashes).
    let link = text.split_whitespace().find(|w| w.contains("/orders/1042?token=")).expect("the order's link");
    let token = link.split("token=").nth(1).unwrap();
    order(&server, &number, token).await;
    assert!(text.contains("/sellers/demo-seller/contact?order=1042"));
    assert!(html.contains("Order 1042</h1>"));
}

#[tokio::test]
async fn the_store_moves_orders_along_over_time() {
    let server = TestServer::start().await;
    let (number, token) = place_order(&server, "cash-on-delivery").await;
    let advance = |secs: i64| {
        let state = server.state.clone();
        async move {
            state.clock.set(state.clock.now() + secs);
            let now = state.clock.now();
            let store = vitrina_server::policy::profile(state.options.store);
            state.db.run(move |tx| vitrina_server::domain::progress::advance_all(tx, store, now)).await.unwrap()
        }
    };
    assert_eq!(advance(30).await, 0, "not yet");
    assert_eq!(advance(31).await, 1);
    assert_eq!(order(&server, &number, &token).await["status"], "sent_to_seller");
    advance(1800).await;
    assert_eq!(order(&server, &number, &token).await["status"], "confirmed_by_seller");
}

#[tokio::test]
async fn a_handed_over_order_is_trackable_and_its_shipments_are_listed_only_with_its_token() {
    let server = TestServer::start().await;
    let (number, token) = place_order(&server, "cash-on-delivery").await;
    set_status(&server, &number, "handed_to_carrier", None).await;
    let parcel = order(&server, &number, &token).await["shipments"][0]["tracking_number"].as_str().unwrap().to_owned();
    let shipment = server.get(&format!("/api/shipments/{parcel}")).await;
    assert_eq!(shipment.status(), StatusCode::OK);
    assert!(shipment.text().await.unwrap().contains("Отправление поступило на терминал"));
    problem(server.get(&format!("/api/shipments?order={number}")).await, 404, "not-found").await;
    problem(server.get(&format!("/api/shipments?order={number}&token=guess")).await, 404, "not-found").await;
    let list = json_ok(server.get(&format!("/api/shipments?order={number}&token={token}")).await, StatusCode::OK).await;
    assert_eq!(list["shipments"][0]["tracking_number"], parcel);
    set_status(&server, &number, "received", None).await;
    let shipment = server.get(&format!("/api/shipments/{parcel}")).await.text().await.unwrap();
    assert!(shipment.contains("Доставлено получателю"));
}
