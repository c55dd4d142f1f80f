//! What the quote and the order say about handing the parcel over: the identity documents a
//! courier or pickup point accepts, the locker's two hours, the courier's note, and what the
//! carrier does not take at all.

mod common;

use common::{NewOrder, TestServer, json_ok, problem};
use reqwest::StatusCode;
use serde_json::json;
use vitrina_core::Money;
use vitrina_core::api::{Address, Cart, DeliveryKind};

#[tokio::test]
async fn each_way_to_receive_says_which_documents_are_accepted_and_a_locker_its_two_hours() {
    let server = TestServer::start().await;
    let cart = server.cart_of(&[("ceramic-mug-1", 2)]).await;
    let draft = json!({
        "cart_id": cart,
        "address": { "country": "RU", "city": "Москва", "line": "ул. Ленина, д. 5, кв. 12", "postcode": "101000", "region": "Москва" },
    });
    let q = json_ok(server.post("/api/checkout/quote", &draft).await, StatusCode::OK).await;
    let options = q["delivery_options"].as_array().unwrap();
    for option in options {
        let documents = option["id_documents"].as_array().unwrap();
        if option["kind"] == "parcel_locker" {
            assert!(documents.is_empty(), "a locker opens with the code");
            assert_eq!(option["pickup_points"][0]["report_problems_within_hours"], 2);
        } else {
            assert_eq!(
                documents,
                &[
                    json!("national_passport"),
                    json!("driving_licence"),
                    json!("seamans_passport"),
                    json!("military_id"),
                    json!("foreign_passport"),
                    json!("foreign_national_id")
                ],
                "{}",
                option["kind"]
            );
        }
    }
    assert_eq!(q["oversize"], false);
}

#[tokio::test]
async fn a_courier_note_longer_than_500_characters_is_refused() {
    let server = TestServer::start().await;
    let long = "э".repeat(501);
    let p = problem(server.try_place(NewOrder { note: Some(&long), ..NewOrder::default() }).await, 422, "validation").await;
    assert_eq!(p["errors"][0]["field"], "delivery.note");
    // 500 are fine.
    let (number, token) = server.place(NewOrder { note: Some(&"э".repeat(500)), ..NewOrder::default() }).await;
    assert_eq!(server.order(&number, &token).await["delivery"]["note"].as_str().map(|n| n.chars().count()), Some(500));
}

#[test]
fn an_item_over_120_kg_is_not_taken_by_the_carrier_and_only_the_sellers_shop_remains() {
    let cart = |bulky: bool, oversize: bool| Cart {
        id: "c".into(),
        lines: Vec::new(),
        subtotal: Money::new(0, "RUB"),
        item_count: 1,
        bulky,
        oversize,
        expires_at: String::new(),
    };
    let moscow = Address {
        country: "RU".into(),
        city: "Москва".into(),
        line: "ул. Ленина, 5".into(),
        postcode: "101000".into(),
        region: "Москва".into(),
    };
    let kinds = |cart: &Cart, address: &Address| -> Vec<DeliveryKind> {
        vitrina_server::domain::checkout::delivery_options(&vitrina_server::policy::RU, "en", cart, address, 1_790_000_000)
            .iter()
            .map(|o| o.kind)
            .collect()
    };
    assert_eq!(kinds(&cart(false, false), &moscow).len(), 4);
    assert_eq!(
        kinds(&cart(true, false), &moscow),
        [DeliveryKind::Courier, DeliveryKind::SellerShop],
        "bulky: the bulky courier or the shop"
    );
    assert_eq!(kinds(&cart(true, true), &moscow), [DeliveryKind::SellerShop], "over 120 kg: only the seller's shop");
    let tver = Address { city: "Тверь".into(), postcode: "170000".into(), ..moscow.clone() };
    assert_eq!(kinds(&cart(false, false), &tver), [DeliveryKind::Courier], "no points in Tver: only the courier");
    assert!(kinds(&cart(true, true), &tver).is_empty(), "and nothing at all for what only the Moscow shop hands over");
    let abroad = Address { country: "SK".into(), ..moscow };
    assert!(kinds(&cart(true, true), &abroad).is_empty(), "and nothing abroad");
}

/// The quote for a cart of mugs with `address`, and what it offers: (kind, pickup point ids).
async fn offered(server: &TestServer, address: serde_json::Value) -> (serde_json::Value, Vec<(String, Vec<String>)>) {
    let cart = server.cart_of(&[("ceramic-mug-1", 2)]).await;
    let q = json_ok(server.post("/api/checkout/quote", &json!({ "cart_id": cart, "address": address })).await, StatusCode::OK).await;
    let options = q["delivery_options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let points = o["pickup_points"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect();
            (o["kind"].as_str().unwrap().to_owned(), points)
        })
        .collect();
    (q, options)
}

#[tokio::test]
async fn the_ways_to_receive_come_from_the_place_alone_with_the_points_of_that_place() {
    let server = TestServer::start().await;
    let (q, by_city) = offered(&server, json!({ "country": "RU", "city": "Москва", "line": "", "postcode": "" })).await;
    assert_eq!(q["address_errors"], json!([]));
    let kinds: Vec<&str> = by_city.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds, ["courier", "pickup_point", "parcel_locker", "seller_shop"]);
    assert_eq!(by_city[1].1, ["pp-tverskaya", "pp-arbat", "pp-taganka", "pp-sokol"]);
    let (_, by_postcode) = offered(&server, json!({ "country": "RU", "city": "", "line": "", "postcode": "420111" })).await;
    assert_eq!(by_postcode.iter().map(|(k, p)| (k.as_str(), p.len())).collect::<Vec<_>>(), [("courier", 0), ("pickup_point", 1)]);
    let (q, none) = offered(&server, json!({ "country": "RU", "city": "", "line": "", "postcode": "" })).await;
    assert_eq!(q["address_errors"][0]["field"], "address.city");
    assert!(none.is_empty());
}

#[tokio::test]
async fn a_correctional_institution_is_refused_with_the_reason() {
    let server = TestServer::start().await;
    let (q, options) = offered(&server, json!({ "country": "RU", "city": "Москва", "line": "ФКУ ИК-5 УФСИН", "postcode": "101000" })).await;
    assert_eq!(
        q["address_errors"],
        json!([{ "field": "address.line", "code": "correctional_institution_refused", "message": vitrina_core::FieldCode::CorrectionalInstitutionRefused.english() }])
    );
    assert!(!options.is_empty(), "the place is known: the ways to receive stay on offer, the courier's street is what is refused");
}

/// Anna's guest draft for `cart`, to Moscow with `line` as the street, paying cash, courier chosen.
fn anna_draft(cart: &str, line: &str, postcode: &str) -> serde_json::Value {
    json!({
        "cart_id": cart,
        "contact": { "email": "anna@example.com", "phone": "+7 912 345-67-89", "name": "Анна Петрова" },
        "address": { "country": "RU", "city": "Москва", "line": line, "postcode": postcode, "region": "Москва" },
        "payment_method": "cash-on-delivery",
        "delivery": { "option_id": "courier" },
    })
}

/// Quotes `draft` and places it with that quote's terms and total.
async fn place_quoted(server: &TestServer, draft: &serde_json::Value, key: &str) -> reqwest::Response {
    let q = json_ok(server.post("/api/checkout/quote", draft).await, StatusCode::OK).await;
    let body = json!({ "draft": draft, "consents": { "terms_version": q["terms_version"], "personal_data": true }, "expected_total": q["totals"]["total"] });
    server.client.post(server.url("/api/orders")).header("Idempotency-Key", key).json(&body).send().await.unwrap()
}

/// The courier option with its first day and the evening window.
async fn courier_chosen(server: &TestServer, draft: &mut serde_json::Value) {
    let q = json_ok(server.post("/api/checkout/quote", &*draft).await, StatusCode::OK).await;
    draft["delivery"] = json!({ "option_id": "courier", "date": q["delivery_options"][0]["dates"][0], "time_window_id": "evening" });
}

#[tokio::test]
async fn a_pickup_order_needs_no_home_address_and_a_courier_order_needs_its_street() {
    let server = TestServer::start().await;
    let cart = server.cart_of(&[("ceramic-mug-1", 2)]).await;
    let mut draft = anna_draft(&cart, "", "");
    courier_chosen(&server, &mut draft).await;
    let p = problem(place_quoted(&server, &draft, "courier-no-street").await, 422, "validation").await;
    let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["address.line", "address.postcode"], "a courier needs the street and the postcode");

    draft["delivery"] = json!({ "option_id": "pickup-point", "pickup_point_id": "pp-arbat" });
    let placed = json_ok(place_quoted(&server, &draft, "pickup-no-street").await, StatusCode::CREATED).await;
    let o = server.order(placed["number"].as_str().unwrap(), placed["access_token"].as_str().unwrap()).await;
    assert_eq!(o["delivery_address"]["line"], "Moscow, Arbat St 24", "the order goes to the point");
    assert_eq!(o["billing_address"]["line"], "", "and no home address was asked for");
}

#[tokio::test]
async fn a_refused_street_stops_a_courier_order_but_not_a_pickup_one() {
    let server = TestServer::start().await;
    let cart = server.cart_of(&[("ceramic-mug-1", 2)]).await;
    let mut draft = anna_draft(&cart, "а/я 15", "101000");
    courier_chosen(&server, &mut draft).await;
    let p = problem(place_quoted(&server, &draft, "courier-po-box").await, 422, "validation").await;
    let codes: Vec<(&str, &str)> =
        p["errors"].as_array().unwrap().iter().map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect();
    assert_eq!(codes, [("address.line", "po_box_refused")], "a courier does not go to a P.O. box");

    // The shopper then picks a point instead: what was typed in the street no longer matters.
    draft["delivery"] = json!({ "option_id": "pickup-point", "pickup_point_id": "pp-arbat" });
    let placed = json_ok(place_quoted(&server, &draft, "pickup-after-po-box").await, StatusCode::CREATED).await;
    let o = server.order(placed["number"].as_str().unwrap(), placed["access_token"].as_str().unwrap()).await;
    assert_eq!(o["delivery_address"]["line"], "Moscow, Arbat St 24");
}
