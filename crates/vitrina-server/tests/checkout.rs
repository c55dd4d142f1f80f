//! The checkout's rules, enforced by the backend for any client (these requests skip the app).

mod common;

use common::{TestServer, json_ok, problem};
use reqwest::StatusCode;
use serde_json::{Value, json};
use vitrina_core::civil::{Date, parse_rfc3339};

/// Sets the server's clock to `local` Moscow time (`2026-11-19T10:00`).
fn set_moscow_time(server: &TestServer, local: &str) {
    let (t, _) = parse_rfc3339(&format!("{local}:00+03:00")).unwrap();
    server.state.clock.set(t);
}

async fn cart_with(server: &TestServer, items: &[(&str, u32)]) -> String {
    let cart = server.new_cart().await;
    for (variant, quantity) in items {
        json_ok(
            server.post(&format!("/api/carts/{cart}/lines"), &json!({ "variant_id": variant, "quantity": quantity })).await,
            StatusCode::OK,
        )
        .await;
    }
    cart
}

fn address() -> Value {
    json!({ "country": "RU", "city": "Москва", "line": "ул. Ленина, д. 5, кв. 12", "postcode": "101000", "region": "Москва" })
}

fn draft(cart: &str) -> Value {
    json!({
        "cart_id": cart,
        "contact": { "email": "anna@example.com", "phone": "+7 912 345-67-89", "name": "Анна Петрова" },
        "address": address(),
    })
}

async fn quote(server: &TestServer, draft: &Value) -> Value {
    json_ok(server.post("/api/checkout/quote", draft).await, StatusCode::OK).await
}

/// A complete courier order for `cart`, paid as `payment`, using the quote's first date and window.
async fn complete(server: &TestServer, cart: &str, payment: &str, promo: Option<&str>) -> Value {
    let mut d = draft(cart);
    let q = quote(server, &d).await;
    let courier = &q["delivery_options"][0];
    d["delivery"] = json!({ "option_id": "courier", "date": courier["dates"][0], "time_window_id": "morning" });
    d["payment_method"] = json!(payment);
    if let Some(code) = promo {
        d["promo_code"] = json!(code);
    }
    let q = quote(server, &d).await;
    json!({
        "draft": d,
        "consents": { "terms_version": q["terms_version"], "personal_data": true, "marketing": false },
        "expected_total": q["totals"]["total"],
    })
}

async fn place(server: &TestServer, body: &Value, key: &str) -> reqwest::Response {
    server.client.post(server.url("/api/orders")).header("Idempotency-Key", key).json(body).send().await.unwrap()
}

fn orders_in_db(server: &TestServer) -> i64 {
    let conn = rusqlite::Connection::open(server.db_path()).unwrap();
    conn.query_row("SELECT COUNT(*) FROM orders", [], |r| r.get(0)).unwrap()
}

#[tokio::test]
async fn a_quote_prices_the_delivery_and_totals_to_the_kopeck() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("linen-shirt-2", 2), ("ceramic-mug-1", 1)]).await;
    let mut d = draft(&cart);
    let q = quote(&server, &d).await;
    let kinds: Vec<&str> = q["delivery_options"].as_array().unwrap().iter().map(|o| o["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["courier", "pickup_point", "parcel_locker", "seller_shop"]);
    assert_eq!(q["totals"]["items"]["amount_minor"], 2 * 349000 + 79000);
    assert_eq!(q["totals"]["delivery"], Value::Null);
    d["delivery"] = json!({ "option_id": "courier" });
    let q = quote(&server, &d).await;
    assert_eq!(q["totals"]["delivery"]["amount_minor"], 39000);
    assert_eq!(q["totals"]["total"]["amount_minor"], 777000 + 39000);
    // 20% VAT contained in 8 160.00 is 1 360.00.
    assert_eq!(q["totals"]["vat_included"]["amount_minor"], 136000);
    assert_eq!(q["limits"]["status"], "ok");
}

#[tokio::test]
async fn welcome10_takes_ten_percent_off_the_items_and_freeship_the_delivery() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("linen-shirt-4", 1), ("wool-socks-1", 1)]).await;
    let mut d = draft(&cart);
    d["delivery"] = json!({ "option_id": "courier" });
    d["promo_code"] = json!("welcome10");
    let q = quote(&server, &d).await;
    assert_eq!(q["promo"]["status"], "applied");
    assert_eq!(q["promo"]["applies_to"], "items");
    // 10% of 4 280.00 = 428.00; total 4 280.00 + 390.00 − 428.00 = 4 242.00.
    assert_eq!(q["totals"]["discount"]["amount_minor"], 42800);
    assert_eq!(q["totals"]["total"]["amount_minor"], 424200);
    d["promo_code"] = json!("FREESHIP");
    let q = quote(&server, &d).await;
    assert_eq!(q["promo"]["applies_to"], "delivery");
    assert_eq!(q["totals"]["discount"]["amount_minor"], 39000);
    assert_eq!(q["totals"]["total"]["amount_minor"], 428000);
    d["promo_code"] = json!("EXPIRED2020");
    assert_eq!(quote(&server, &d).await["promo"]["status"], "expired");
    d["promo_code"] = json!("NOPE");
    let q = quote(&server, &d).await;
    assert_eq!(q["promo"]["status"], "invalid");
    assert_eq!(q["totals"]["discount"]["amount_minor"], 0);
}

#[tokio::test]
async fn delivery_dates_count_business_days_from_the_cut_off() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    // Thursday 10:00: dispatched today, courier in 1–3 business days: Friday to Tuesday.
    set_moscow_time(&server, "2026-11-19T10:00");
    let q = quote(&server, &draft(&cart)).await;
    let courier = &q["delivery_options"][0];
    assert_eq!(courier["dispatch_date"], "2026-11-19");
    assert_eq!((courier["earliest"].as_str(), courier["latest"].as_str()), (Some("2026-11-20"), Some("2026-11-24")));
    assert_eq!(courier["dates"], json!(["2026-11-20", "2026-11-23", "2026-11-24"]));
    // Friday 15:00, after the 14:00 cut-off: dispatched Monday, delivered Tuesday to Thursday.
    set_moscow_time(&server, "2026-11-20T15:00");
    let q = quote(&server, &draft(&cart)).await;
    let courier = &q["delivery_options"][0];
    assert_eq!(courier["dispatch_date"], "2026-11-23");
    assert_eq!((courier["earliest"].as_str(), courier["latest"].as_str()), (Some("2026-11-24"), Some("2026-11-26")));
    let pickup = &q["delivery_options"][1];
    assert_eq!(pickup["pickup_points"][0]["storage_days"], 7);
    assert!(!pickup["pickup_points"][0]["opening_hours"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn addresses_the_carrier_refuses_come_back_with_the_reason() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    for (line, code) in
        [("а/я 15", "po_box_refused"), ("Главпочтамт, до востребования", "poste_restante_refused"), ("в/ч 12345", "military_unit_refused")]
    {
        let mut d = draft(&cart);
        d["address"]["line"] = json!(line);
        let q = quote(&server, &d).await;
        assert_eq!(q["address_errors"][0]["field"], "address.line");
        assert_eq!(q["address_errors"][0]["code"], code);
        assert_ne!(
            q["delivery_options"],
            json!([]),
            "the place is known: the ways to receive stay on offer, the courier's street is what is refused"
        );
    }
    let mut d = draft(&cart);
    d["address"]["postcode"] = json!("12345");
    assert_eq!(quote(&server, &d).await["address_errors"][0]["code"], "invalid_postcode");
    // Russia's format requires the oblast (Google's address metadata: require ACSZ) of an
    // address a courier comes to; the place alone gives the ways to receive.
    let mut d = draft(&cart);
    d["address"].as_object_mut().unwrap().remove("region");
    let q = quote(&server, &d).await;
    assert_eq!(q["address_errors"], json!([]));
    assert_ne!(q["delivery_options"], json!([]));
    let mut body = complete(&server, &cart, "cash-on-delivery", None).await;
    body["draft"]["address"].as_object_mut().unwrap().remove("region");
    let refused = problem(place(&server, &body, "no-oblast").await, 422, "validation").await;
    let fields: Vec<(&str, &str)> =
        refused["errors"].as_array().unwrap().iter().map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect();
    assert_eq!(fields, [("address.region", "required")], "a courier needs the oblast");
}

#[tokio::test]
async fn a_bulky_cart_goes_by_bulky_courier_or_from_the_shop_only() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("oak-wardrobe-1", 1)]).await;
    let q = quote(&server, &draft(&cart)).await;
    assert_eq!(q["bulky"], true);
    let kinds: Vec<&str> = q["delivery_options"].as_array().unwrap().iter().map(|o| o["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["courier", "seller_shop"]);
    assert_eq!(q["delivery_options"][0]["price"]["amount_minor"], 299000);
}

#[tokio::test]
async fn pay_on_delivery_is_offered_only_where_someone_hands_the_parcel_over() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    let mut d = draft(&cart);
    let ids = |q: &Value| q["payment_methods"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
    assert_eq!(ids(&quote(&server, &d).await), ["card-online"]);
    d["delivery"] = json!({ "option_id": "courier" });
    assert_eq!(ids(&quote(&server, &d).await), ["card-online", "cash-on-delivery", "card-on-delivery"]);
    d["delivery"] = json!({ "option_id": "parcel-locker" });
    assert_eq!(ids(&quote(&server, &d).await), ["card-online"]);
}

#[tokio::test]
async fn the_same_key_and_body_give_the_same_order_and_a_different_body_is_refused() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    let body = complete(&server, &cart, "cash-on-delivery", None).await;
    let first = json_ok(place(&server, &body, "key-1").await, StatusCode::CREATED).await;
    assert_eq!(first["number"], "1042");
    assert_eq!(first["payment"]["status"], "pay_on_delivery");
    let again = json_ok(place(&server, &body, "key-1").await, StatusCode::OK).await;
    assert_eq!(again, first);
    let mut other = body.clone();
    other["consents"]["marketing"] = json!(true);
    problem(place(&server, &other, "key-1").await, 422, "idempotency-key-reused").await;
    assert_eq!(orders_in_db(&server), 1);
}

#[tokio::test]
async fn a_second_tab_finishing_the_same_checkout_gets_the_same_order() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    let body = complete(&server, &cart, "cash-on-delivery", None).await;
    let (a, b) = tokio::join!(place(&server, &body, "tab-1"), place(&server, &body, "tab-2"));
    let (a, b): (Value, Value) = (a.json().await.unwrap(), b.json().await.unwrap());
    assert_eq!(a["number"], b["number"]);
    assert_eq!(orders_in_db(&server), 1);
}

#[tokio::test]
async fn many_requests_at_once_with_one_key_place_one_order() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    let body = complete(&server, &cart, "cash-on-delivery", None).await;
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let request = server.client.post(server.url("/api/orders")).header("Idempotency-Key", "one-key").json(&body);
        requests.spawn(async move {
            let answer = request.send().await.unwrap();
            (answer.status().as_u16(), answer.json::<Value>().await.unwrap()["number"].as_str().unwrap().to_owned())
        });
    }
    let mut statuses = Vec::new();
    let mut numbers = std::collections::HashSet::new();
    while let Some(joined) = requests.join_next().await {
        let (status, number) = joined.unwrap();
        statuses.push(status);
        numbers.insert(number);
    }
    statuses.sort();
    assert_eq!(statuses, [vec![200; 11], vec![201]].concat(), "one creates the order, the others are told about it");
    assert_eq!(numbers.len(), 1);
    assert_eq!(orders_in_db(&server), 1);
}

#[tokio::test]
async fn placing_without_an_idempotency_key_is_refused() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    let body = complete(&server, &cart, "cash-on-delivery", None).await;
    problem(server.post("/api/orders", &body).await, 400, "idempotency-key-missing").await;
}

#[tokio::test]
async fn consents_contact_and_choices_are_required_by_the_backend_too() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    let mut body = complete(&server, &cart, "cash-on-delivery", None).await;
    body["consents"]["personal_data"] = json!(false);
    body["consents"]["terms_version"] = json!("2019-01-01");
    // Too short to be a Russian number (a whole one typed the Russian way is read as +7: below).
    body["draft"]["contact"]["phone"] = json!("8 912 345");
    body["draft"]["delivery"]["time_window_id"] = json!("midnight");
    let p = problem(place(&server, &body, "k").await, 422, "validation").await;
    let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["contact.phone", "delivery.time_window_id", "consents.terms_version", "consents.personal_data"]);
    assert_eq!(orders_in_db(&server), 0);
}

#[tokio::test]
async fn phones_typed_the_countrys_way_are_read_and_kept_in_international_form() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    let mut body = complete(&server, &cart, "cash-on-delivery", None).await;
    body["draft"]["contact"]["phone"] = json!("8 912 345-67-89");
    body["draft"]["recipient"] = json!({ "name": "Иван Петров", "phone": "8 (912) 000 00 01" });
    let q = quote(&server, &body["draft"]).await;
    assert_eq!(q["contact_phone"], "+7 912 345-67-89", "shown back in full");
    assert_eq!(q["recipient_phone"], "+7 912 000-00-01");
    let placed = json_ok(place(&server, &body, "k").await, StatusCode::CREATED).await;
    let (number, token) = (placed["number"].as_str().unwrap(), placed["access_token"].as_str().unwrap());
    let order = json_ok(server.get(&format!("/api/orders/{number}?token={token}")).await, StatusCode::OK).await;
    assert_eq!(order["customer"]["phone"], "+79123456789");
    assert_eq!(order["recipient"]["phone"], "+79120000001");

    let other = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    let mut sk = complete(&server, &other, "cash-on-delivery", None).await;
    sk["draft"]["contact"]["phone"] = json!("0905 123 456");
    assert!(quote(&server, &sk["draft"]).await.get("contact_phone").is_none(), "a Slovak mobile is no number in Russia");
    let p = problem(place(&server, &sk, "k2").await, 422, "validation").await;
    assert_eq!(p["errors"][0]["field"], "contact.phone");
    assert_eq!(p["errors"][0]["code"], "invalid_phone");
}

#[tokio::test]
async fn an_invalid_promo_code_blocks_placing_until_removed() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    let body = complete(&server, &cart, "card-online", Some("EXPIRED2020")).await;
    let p = problem(place(&server, &body, "k").await, 422, "validation").await;
    assert_eq!(p["errors"][0], json!({ "field": "promo_code", "code": "promo_expired", "message": "This promo code has expired." }));
}

#[tokio::test]
async fn the_minimum_order_is_enforced() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("field-notebook-2", 1)]).await;
    let q = quote(&server, &draft(&cart)).await;
    assert_eq!(q["limits"]["status"], "below_minimum");
    assert_eq!(q["limits"]["min_total"]["amount_minor"], 100000);
    let body = complete(&server, &cart, "cash-on-delivery", None).await;
    problem(place(&server, &body, "k").await, 422, "order-limit").await;
}

#[tokio::test]
async fn a_price_change_before_placing_is_refused_until_the_new_total_is_confirmed() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    let body = complete(&server, &cart, "cash-on-delivery", None).await;
    server.post("/api/test/prices", &json!({ "variant_id": "desk-lamp-1", "price_minor": 450000 })).await;
    let p = problem(place(&server, &body, "k1").await, 409, "price-changed").await;
    assert!(p["detail"].as_str().unwrap().contains("4890.00 RUB"), "{p}");
    let mut confirmed = body.clone();
    confirmed["expected_total"]["amount_minor"] = json!(489000);
    json_ok(place(&server, &confirmed, "k2").await, StatusCode::CREATED).await;
}

#[tokio::test]
async fn an_item_that_ran_short_before_placing_is_named_with_how_many_are_left() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1), ("canvas-sneakers-3", 2)]).await;
    let body = complete(&server, &cart, "cash-on-delivery", None).await;
    // Another shopper bought one of the two pairs meanwhile: the problem says which and how many
    // are left, so the shopper can be told in words of their own language what to change.
    server.post("/api/test/stock", &json!({ "variant_id": "canvas-sneakers-3", "stock": 1 })).await;
    let p = problem(place(&server, &body, "k1").await, 409, "out-of-stock").await;
    assert_eq!(p["stock"], json!({ "variant_id": "canvas-sneakers-3", "available": 1 }), "{p}");
    assert_eq!(p["detail"], "Only 1 left in stock.");
    server.post("/api/test/stock", &json!({ "variant_id": "canvas-sneakers-3", "stock": 0 })).await;
    let p = problem(place(&server, &body, "k2").await, 409, "out-of-stock").await;
    assert_eq!(p["stock"], json!({ "variant_id": "canvas-sneakers-3", "available": 0 }), "{p}");
    assert_eq!(p["detail"], "This item has sold out.");
    // Nothing was taken: the lamp's stock is as it was, and no order exists.
    assert_eq!(orders_in_db(&server), 0);
    let lamp = json_ok(server.get("/api/products/desk-lamp").await, StatusCode::OK).await;
    assert_eq!(lamp["variants"][0]["available"], 7);
}

#[tokio::test]
async fn stock_is_taken_by_the_order() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("oak-wardrobe-1", 2)]).await;
    let mut d = draft(&cart);
    d["delivery"] = json!({ "option_id": "seller-shop", "pickup_point_id": "shop-myasnitskaya" });
    d["payment_method"] = json!("card-online");
    let q = quote(&server, &d).await;
    let body = json!({ "draft": d, "consents": { "terms_version": q["terms_version"], "personal_data": true }, "expected_total": q["totals"]["total"] });
    json_ok(place(&server, &body, "k").await, StatusCode::CREATED).await;
    let product = json_ok(server.get("/api/products/oak-wardrobe").await, StatusCode::OK).await;
    assert_eq!(product["variants"][0]["available"], 0);
}

#[tokio::test]
async fn a_declined_card_can_be_retried_and_the_approval_pays_the_same_order() {
    let server = TestServer::start().await;
    let no_redirects = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    let body = complete(&server, &cart, "card-online", None).await;
    let placed = json_ok(place(&server, &body, "k").await, StatusCode::CREATED).await;
    assert_eq!(placed["payment"]["status"], "awaiting_payment");
    let gateway = placed["payment"]["redirect_url"].as_str().unwrap().to_owned();
    let page = server.get(&gateway).await.text().await.unwrap();
    assert!(page.contains("4380.00 RUB") && page.contains("Vitrina Demo Store") && page.contains("Approve") && page.contains("Decline"));

    // The bank sends the shopper back to the store with its signed decision; the store records
    // it and shows the order.
    let declined = no_redirects.post(server.url(&gateway)).form(&[("decision", "decline")]).send().await.unwrap();
    assert_eq!(declined.status(), StatusCode::SEE_OTHER);
    let signed = declined.headers()["location"].to_str().unwrap().to_owned();
    assert!(signed.contains("/return?") && signed.contains("outcome=declined") && signed.contains("signature="), "{signed}");
    let recorded = no_redirects.get(server.url(&signed)).send().await.unwrap();
    assert_eq!(recorded.status(), StatusCode::SEE_OTHER);
    let back = recorded.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(back, format!("/orders/1042?token={}", placed["access_token"].as_str().unwrap()));

    let retry = server.post("/api/orders/1042/payments", &json!({ "access_token": placed["access_token"] })).await;
    let retry = json_ok(retry, StatusCode::CREATED).await;
    let second = retry["redirect_url"].as_str().unwrap().to_owned();
    assert_ne!(second, gateway);
    // Followed the way a browser does: the bank, then back at the store.
    server.client.post(server.url(&second)).form(&[("decision", "approve")]).send().await.unwrap();
    let conn = rusqlite::Connection::open(server.db_path()).unwrap();
    let (orders, status): (i64, String) =
        conn.query_row("SELECT COUNT(*), MAX(payment_status) FROM orders", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((orders, status.as_str()), (1, "paid"));
    // Nothing more to pay.
    let again = server.post("/api/orders/1042/payments", &json!({ "access_token": placed["access_token"] })).await;
    problem(again, 409, "payment-not-needed").await;
    // A wrong token is the same as no such order.
    problem(server.post("/api/orders/1042/payments", &json!({ "access_token": "guess" })).await, 404, "not-found").await;
}

#[test]
fn the_first_business_day_rule_is_shared_with_the_app() {
    // The app shows these dates; the rule lives in vitrina-core for both.
    let friday = Date::parse("2026-11-20").unwrap();
    assert_eq!(vitrina_core::checkout::add_business_days(friday, 1), Date::parse("2026-11-23").unwrap());
}

#[tokio::test]
async fn the_slovak_demo_store_prices_in_euro_and_ships_by_its_own_carrier() {
    let server = TestServer::start_with(tempfile::tempdir().unwrap(), |o| o.store = vitrina_server::options::StoreId::Sk).await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    let mut d = json!({
        "cart_id": cart,
        "contact": { "email": "jana@example.sk", "phone": "0905 123 456", "name": "Jana Nováková" },
        "address": { "country": "SK", "city": "Bratislava", "line": "Obchodná 5", "postcode": "811 01" },
    });
    let q = quote(&server, &d).await;
    assert_eq!(q["cart"]["subtotal"]["currency"], "EUR");
    assert_eq!(q["contact_phone"], "+421 905 123 456");
    let kinds: Vec<&str> = q["delivery_options"].as_array().unwrap().iter().map(|o| o["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["courier", "pickup_point", "parcel_locker", "seller_shop"]);
    assert_eq!(q["delivery_options"][0]["carrier"], "Lynx Courier");
    assert_eq!(q["delivery_options"][0]["price"]["currency"], "EUR");
    assert!(q["delivery_options"][1]["pickup_points"][0]["address"].as_str().unwrap().starts_with("Bratislava"));

    d["address"] = json!({ "country": "CZ", "city": "Praha", "line": "Národní 1", "postcode": "110 00" });
    let q = quote(&server, &d).await;
    assert_eq!(q["address_errors"], json!([]));
    assert_eq!(q["delivery_options"].as_array().unwrap().len(), 1, "abroad only by courier");
    d["address"]["postcode"] = json!("1100");
    let q = quote(&server, &d).await;
    assert_eq!(q["address_errors"][0]["field"], "address.postcode");
    d["address"]["country"] = json!("RU");
    d["address"]["postcode"] = json!("101000");
    let q = quote(&server, &d).await;
    assert_eq!(q["address_errors"][0]["code"], "unsupported_country", "the Slovak store does not ship to Russia");

    // Its parcels go by its carrier, numbered its way, scanned in Bratislava in Bratislava's time.
    d["address"] = json!({ "country": "SK", "city": "Bratislava", "line": "Obchodná 5", "postcode": "811 01" });
    d["delivery"] = json!({ "option_id": "courier", "date": q_first_date(&quote(&server, &d).await), "time_window_id": "evening" });
    d["payment_method"] = json!("cash-on-delivery");
    let q = quote(&server, &d).await;
    let body = json!({ "draft": d, "consents": { "terms_version": q["terms_version"], "personal_data": true }, "expected_total": q["totals"]["total"] });
    let placed = server.client.post(server.url("/api/orders")).header("Idempotency-Key", "sk-order-1").json(&body).send().await.unwrap();
    assert_eq!(placed.status(), StatusCode::CREATED);
    let placed: serde_json::Value = placed.json().await.unwrap();
    let (number, token) = (placed["number"].as_str().unwrap(), placed["access_token"].as_str().unwrap());
    let r = server.post(&format!("/api/test/orders/{number}/status"), &json!({ "status": "handed_to_carrier" })).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let order: serde_json::Value = server.get(&format!("/api/orders/{number}?token={token}")).await.json().await.unwrap();
    assert_eq!(order["shipments"][0]["carrier"], "Lynx Courier");
    // The order page names the payment method as the store words it, in the language asked.
    for (asked, name) in [("sk-SK,sk;q=0.9", "Dobierka v hotovosti"), ("en-GB,en;q=0.9", "Cash on delivery")] {
        let url = server.url(&format!("/api/orders/{number}?token={token}"));
        let order: serde_json::Value = server.client.get(url).header("Accept-Language", asked).send().await.unwrap().json().await.unwrap();
        assert_eq!(order["payment"]["name"], name, "{asked}");
    }
    let parcel = order["shipments"][0]["tracking_number"].as_str().unwrap();
    assert!(parcel.starts_with("LX"), "{parcel}");
    let shipment = server.get(&format!("/api/shipments/{parcel}")).await.text().await.unwrap();
    assert!(shipment.contains("Europe/Bratislava") && shipment.contains("Picked up by courier"), "{shipment}");
    assert!(!shipment.contains("Pony Express") && !shipment.contains("Europe/Moscow"), "{shipment}");
}

fn q_first_date(q: &serde_json::Value) -> serde_json::Value {
    q["delivery_options"][0]["dates"][0].clone()
}

#[tokio::test]
async fn payment_methods_are_named_in_the_language_the_app_asks_in() {
    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("desk-lamp-1", 1)]).await;
    let names = |language: &'static str| {
        let (server, body) = (&server, draft(&cart));
        async move {
            let r =
                server.client.post(server.url("/api/checkout/quote")).header("Accept-Language", language).json(&body).send().await.unwrap();
            let q = json_ok(r, StatusCode::OK).await;
            let first = &q["payment_methods"][0];
            (first["name"].as_str().unwrap().to_owned(), first["description"].as_str().unwrap().to_owned())
        }
    };
    assert_eq!(names("sk").await.0, "Kartou online");
    assert_eq!(names("ru-RU,ru;q=0.9,en;q=0.8").await.0, "Банковской картой онлайн");
    assert_eq!(names("de-DE,fr;q=0.9").await.0, "Card online", "none of the store's languages: its default");
    assert!(!names("uk").await.1.is_empty());
}

#[tokio::test]
async fn products_ways_to_receive_and_points_are_named_in_the_language_asked_in_both_stores() {
    let name_of = |products: &Value, id: &str| {
        products["products"].as_array().unwrap().iter().find(|p| p["id"] == id).map(|p| p["name"].clone()).unwrap_or_default()
    };
    for (store, unasked) in [(vitrina_server::options::StoreId::Ru, "Linen shirt"), (vitrina_server::options::StoreId::Sk, "Ľanová košeľa")]
    {
        let server = TestServer::start_with(tempfile::tempdir().unwrap(), |o| o.store = store).await;
        let asked = |language: &'static str| {
            let url = server.url("/api/products");
            let client = server.client.clone();
            async move { client.get(url).header("Accept-Language", language).send().await.unwrap().json::<Value>().await.unwrap() }
        };
        assert_eq!(name_of(&asked("ru-RU,ru;q=0.9").await, "linen-shirt"), "Льняная рубашка");
        assert_eq!(name_of(&asked("uk").await, "linen-shirt"), "Лляна сорочка");
        assert_eq!(name_of(&asked("en-GB").await, "linen-shirt"), "Linen shirt");
        let plain: Value = server.get("/api/products").await.json().await.unwrap();
        assert_eq!(name_of(&plain, "linen-shirt"), unasked, "the store's own language when none is asked");
        let label_of = |products: &Value, id: &str, i: usize| {
            products["products"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["id"] == id)
                .map(|p| p["variants"][i]["label"].clone())
                .unwrap_or_default()
        };
        assert_eq!(label_of(&asked("ru").await, "linen-shirt", 1), "M · Белый", "a colour in the language asked");
        assert_eq!(label_of(&asked("sk").await, "linen-shirt", 1), "M · Biela");
        assert_eq!(label_of(&asked("uk").await, "throw-blanket", 1), "Вугільний");
        assert_eq!(label_of(&asked("ru").await, "leather-belt", 0), "90 см", "a length as the language writes it");
        assert_eq!(label_of(&asked("en").await, "linen-shirt", 1), "M · White");
        assert_eq!(label_of(&asked("ru").await, "wall-clock", 0), "Чёрный");
        assert_eq!(label_of(&asked("ru").await, "tea-set", 0), "", "a variant without a label keeps none");
    }

    let server = TestServer::start().await;
    let cart = cart_with(&server, &[("ceramic-mug-1", 1)]).await;
    let russian = |path: String| server.client.get(server.url(&path)).header("Accept-Language", "ru").send();
    let c: Value = russian(format!("/api/carts/{cart}")).await.unwrap().json().await.unwrap();
    assert_eq!(c["lines"][0]["name"], "Керамическая кружка", "the cart too");
    assert_eq!(c["lines"][0]["variant_label"], "Шалфейный", "and the variant's colour");
    let q: Value = server
        .client
        .post(server.url("/api/checkout/quote"))
        .header("Accept-Language", "ru")
        .json(&draft(&cart))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(q["cart"]["lines"][0]["name"], "Керамическая кружка");
    let pickup = q["delivery_options"].as_array().unwrap().iter().find(|o| o["kind"] == "pickup_point").expect("pickup points");
    assert_eq!(pickup["service_level"], "Пункт выдачи");
    assert!(pickup["pickup_points"][0]["name"].as_str().unwrap().starts_with("Пункт выдачи Pony Express"), "{pickup}");
}
