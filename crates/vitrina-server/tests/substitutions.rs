//! Substitutions over real HTTP: the seller proposes for a line of theirs (with their session, or
//! the demo's test hook), the shopper accepts or declines per line before the store's deadline,
//! an unanswered one does what the store set; totals, refunds, stock and history follow.

mod common;

use common::{NewOrder, TestServer, history, json_ok, minor, problem};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The moment an RFC 3339 time of an answer names.
fn at(time: &Value) -> vitrina_core::civil::UnixSeconds {
    vitrina_core::civil::parse_rfc3339(time.as_str().expect("a time")).expect("an RFC 3339 time").0
}

/// A linen shirt M · White ×2 (line 1), a mug (line 2, another seller's), a merino sweater (line
/// 3): 6 980.00 + 790.00 + 5 990.00, courier 390.00.
const THREE_LINES: NewOrder<'static> = NewOrder {
    items: &[("linen-shirt-2", 2), ("ceramic-mug-1", 1), ("merino-sweater-2", 1)],
    delivery: "courier",
    payment: "cash-on-delivery",
    promo: None,
    note: None,
};

/// The demo's hook proposes `variant` (or removal) for a line, as its seller would.
async fn propose(server: &TestServer, number: &str, line: &str, variant: Option<&str>) -> reqwest::Response {
    server.post(&format!("/api/test/orders/{number}/lines/{line}/substitution"), &json!({ "variant_id": variant })).await
}

async fn answer(server: &TestServer, number: &str, token: &str, line: &str, accept: bool) -> reqwest::Response {
    server.post(&format!("/api/orders/{number}/lines/{line}/substitution"), &json!({ "access_token": token, "accept": accept })).await
}

async fn sign_in(server: &TestServer, email: &str) -> String {
    let response = server.post("/api/session", &json!({ "email": email, "password": "demo" })).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned()
}

async fn seller_proposes(
    server: &TestServer,
    seller: &str,
    cookie: Option<&str>,
    number: &str,
    line: &str,
    body: Value,
) -> reqwest::Response {
    let mut request =
        server.client.post(server.url(&format!("/api/sellers/{seller}/orders/{number}/lines/{line}/substitution"))).json(&body);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

fn total(order: &Value) -> i64 {
    minor(&order["totals"]["total"])
}

#[tokio::test]
async fn only_the_lines_seller_proposes_with_their_session() {
    let server = TestServer::start().await;
    let (number, token) = server.place(THREE_LINES).await;
    let navy = json!({ "variant_id": "linen-shirt-4" });
    problem(seller_proposes(&server, "demo-seller", None, &number, "1", navy.clone()).await, 401, "unauthorized").await;
    let shopper = sign_in(&server, "shopper@example.com").await;
    problem(seller_proposes(&server, "demo-seller", Some(&shopper), &number, "1", navy.clone()).await, 403, "forbidden").await;
    let seller = sign_in(&server, "seller@example.com").await;
    problem(seller_proposes(&server, "form-only", Some(&seller), &number, "2", navy.clone()).await, 403, "forbidden").await;
    // The mug is another seller's line, and an order that does not exist is the same answer.
    let other = seller_proposes(&server, "demo-seller", Some(&seller), &number, "2", json!({})).await;
    let unknown = seller_proposes(&server, "demo-seller", Some(&seller), "999999", "1", json!({})).await;
    assert_eq!(problem(other, 404, "not-found").await, problem(unknown, 404, "not-found").await);
    assert_eq!(history(&server.order(&number, &token).await), ["created"], "nothing was proposed");

    let proposal = json_ok(seller_proposes(&server, "demo-seller", Some(&seller), &number, "1", navy).await, StatusCode::CREATED).await;
    assert_eq!(proposal["kind"], "other_variant");
    assert_eq!(proposal["status"], "proposed");
    assert_eq!(proposal["substitute"]["variant_label"], "M · Navy");
    assert_eq!(proposal["quantity"], 2);
    assert_eq!(minor(&proposal["price_difference"]), 20_000, "3 590.00 instead of 3 490.00, twice");
    assert_eq!(proposal["if_unanswered"], "cancel_order");
    let o = server.order(&number, &token).await;
    assert_eq!(o["lines"][0]["substitution"], proposal);
    let event = o["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((event["kind"].as_str(), &event["lines"]), (Some("substitution_proposed"), &json!([{ "line_id": "1", "quantity": 2 }])));
}

#[tokio::test]
async fn one_substitute_accepted_one_declined_and_a_third_left_to_lapse_cancels_the_order() {
    let server = TestServer::start().await;
    server.set_clock("2026-11-20T09:00:00Z").await;
    let (number, token) = server.place(NewOrder { payment: "card-online", ..THREE_LINES }).await;
    server.approve_payment(&number).await;
    let paid = total(&server.order(&number, &token).await);
    assert_eq!(paid, 698_000 + 79_000 + 599_000 + 39_000);

    // The seller lacks the white shirts and offers navy ones (dearer: the order is paid, so at
    // the price paid), and lacks the sweater in M and offers L (the same price).
    let navy = json_ok(propose(&server, &number, "1", Some("linen-shirt-4")).await, StatusCode::CREATED).await;
    assert_eq!((minor(&navy["substitute"]["unit_price"]), minor(&navy["price_difference"])), (349_000, 0));
    // Thirty minutes from the proposal, on a clock that runs on from 09:00 while the test works.
    let answer_by = at(&navy["answer_by"]);
    assert!((at(&json!("2026-11-20T09:30:00Z"))..at(&json!("2026-11-20T09:31:00Z"))).contains(&answer_by), "{}", navy["answer_by"]);
    json_ok(propose(&server, &number, "3", Some("merino-sweater-3")).await, StatusCode::CREATED).await;
    problem(propose(&server, &number, "3", Some("merino-sweater-1")).await, 409, "substitution-not-allowed").await;
    assert_eq!(server.move_order(&number, "handed_to_carrier").await, StatusCode::CONFLICT, "not while the shopper decides");

    let o = json_ok(answer(&server, &number, &token, "1", true).await, StatusCode::OK).await;
    let shirt = &o["lines"][0];
    assert_eq!((shirt["variant_label"].as_str(), shirt["sku"].as_str()), (Some("M · Navy"), Some("LISH-004")));
    assert_eq!(shirt["replaces"], "Linen shirt, M · White");
    assert_eq!(shirt["substitution"]["status"], "accepted");
    assert_eq!(total(&o), paid, "the same money");
    assert_eq!(server.stock("linen-shirt", "linen-shirt-4").await, 3, "the navy shirts are taken from stock");
    assert_eq!(server.stock("linen-shirt", "linen-shirt-2").await, 18, "the white ones the seller lacks stay off sale");

    let o = json_ok(answer(&server, &number, &token, "3", false).await, StatusCode::OK).await;
    assert_eq!((o["lines"][2]["quantity"].as_u64(), o["lines"][2]["cancelled_quantity"].as_u64()), (Some(0), Some(1)));
    assert_eq!(total(&o), paid - 599_000);
    assert_eq!(o["refunds"][0]["amount"], json!({ "amount_minor": 599_000, "currency": "RUB" }));
    assert_eq!(o["refunds"][0]["reason"], "substitution");
    assert_eq!(history(&o)[history(&o).len() - 2..], ["substitution_declined", "refunded"]);
    assert_eq!(o["status"], "created", "the rest goes ahead");
    problem(answer(&server, &number, &token, "3", true).await, 409, "substitution-closed").await;

    // The mug: proposed removed, and nobody answers within 30 minutes — the whole order goes.
    server.set_clock("2026-11-20T10:00:00Z").await;
    let mug = json_ok(propose(&server, &number, "2", None).await, StatusCode::CREATED).await;
    // Read against its own deadline: the server's clock runs on while a busy machine works.
    let answer_by = at(&mug["answer_by"]);
    server.set_clock(&vitrina_core::civil::format_rfc3339_utc(answer_by - 5)).await;
    assert_eq!(server.order(&number, &token).await["status"], "created", "not before its time");
    server.set_clock(&vitrina_core::civil::format_rfc3339_utc(answer_by + 1)).await;
    let o = server.order(&number, &token).await;
    assert_eq!(o["status"], "cancelled");
    assert_eq!(o["lines"][1]["substitution"]["status"], "expired");
    assert_eq!(history(&o)[history(&o).len() - 3..], ["substitution_expired", "cancelled", "refunded"]);
    assert_eq!(o["history"].as_array().unwrap()[history(&o).len() - 3]["lines"], json!([{ "line_id": "2", "quantity": 1 }]));
    assert_eq!(total(&o), 0);
    let refunded: i64 = o["refunds"].as_array().unwrap().iter().map(|r| minor(&r["amount"])).sum();
    assert_eq!(refunded, paid, "everything paid came back");
    assert_eq!(server.stock("linen-shirt", "linen-shirt-4").await, 5, "the navy shirts go back on sale");
    assert_eq!(server.stock("ceramic-mug", "ceramic-mug-1").await, 29, "the mug the seller lacks does not");
    problem(answer(&server, &number, &token, "2", true).await, 409, "substitution-closed").await;
}

#[tokio::test]
async fn on_an_unpaid_order_a_dearer_substitute_costs_more_and_the_totals_follow() {
    let server = TestServer::start().await;
    let (number, token) = server.place(NewOrder { promo: Some("WELCOME10"), ..THREE_LINES }).await;
    let before = server.order(&number, &token).await;
    let proposal = json_ok(propose(&server, &number, "1", Some("linen-shirt-4")).await, StatusCode::CREATED).await;
    assert_eq!(minor(&proposal["price_difference"]), 20_000);
    let o = json_ok(answer(&server, &number, &token, "1", true).await, StatusCode::OK).await;
    // Items 7 180.00 + 790.00 + 5 990.00 = 13 960.00; −1 396.00; +390.00 = 12 954.00.
    assert_eq!(minor(&o["totals"]["items"]), minor(&before["totals"]["items"]) + 20_000);
    assert_eq!(minor(&o["totals"]["discount"]), 139_600);
    assert_eq!(total(&o), 1_295_400);
    assert_eq!(minor(&o["totals"]["vat_included"]), 215_900);
    assert_eq!(o["refunds"], json!([]));
}

#[tokio::test]
async fn an_answer_repeated_under_its_key_is_the_answer_given_not_closed() {
    let server = TestServer::start().await;
    let (number, token) = server.place(THREE_LINES).await;
    json_ok(propose(&server, &number, "1", Some("linen-shirt-4")).await, StatusCode::CREATED).await;
    let path = format!("/api/orders/{number}/lines/1/substitution");
    let answers = |accept: bool| json!({ "access_token": token, "accept": accept });
    let (yes, no) = (answers(true), answers(false));
    let keyed = |key: &'static str, accept: bool| server.post_with_key(&path, if accept { &yes } else { &no }, key);
    let first = json_ok(keyed("answer-1", true).await, StatusCode::OK).await;
    // Its answer was lost; the shopper presses again: the order as the answer left it.
    let again = json_ok(keyed("answer-1", true).await, StatusCode::OK).await;
    assert_eq!(again["lines"], first["lines"]);
    assert_eq!(again["totals"], first["totals"]);
    // Another answer under that key is refused; without the key the proposal is closed.
    problem(keyed("answer-1", false).await, 422, "idempotency-key-reused").await;
    problem(answer(&server, &number, &token, "1", true).await, 409, "substitution-closed").await;
}

#[tokio::test]
async fn with_the_store_dropping_only_the_line_an_unanswered_removal_leaves_the_rest() {
    let server = TestServer::start_with(tempfile::tempdir().unwrap(), |o| {
        o.order_rules.if_unanswered = vitrina_core::api::UnansweredSubstitution::RemoveLine;
        o.order_rules.substitution_minutes = 10;
    })
    .await;
    server.set_clock("2026-11-20T09:00:00Z").await;
    let (number, token) = server.place(THREE_LINES).await;
    let proposal = json_ok(propose(&server, &number, "2", None).await, StatusCode::CREATED).await;
    assert_eq!((proposal["kind"].as_str(), proposal["if_unanswered"].as_str()), (Some("removal"), Some("remove_line")));
    // The store's ten minutes, from a proposal made a moment after 09:00 on a clock that runs on.
    let answer_by = at(&proposal["answer_by"]);
    assert!((at(&json!("2026-11-20T09:10:00Z"))..at(&json!("2026-11-20T09:11:00Z"))).contains(&answer_by), "{}", proposal["answer_by"]);
    assert_eq!(minor(&proposal["price_difference"]), -79_000);
    server.set_clock(&vitrina_core::civil::format_rfc3339_utc(answer_by + 1)).await;
    let o = server.order(&number, &token).await;
    assert_eq!(o["status"], "created");
    assert_eq!(o["lines"][1]["quantity"], 0);
    assert_eq!(history(&o).last().map(String::as_str), Some("substitution_expired"));
    assert_eq!(total(&o), 698_000 + 599_000 + 39_000);
}

#[tokio::test]
async fn a_removal_accepted_cancels_the_line_and_proposals_stop_once_the_carrier_has_it() {
    let server = TestServer::start().await;
    let (number, token) = server.place(THREE_LINES).await;
    json_ok(propose(&server, &number, "3", None).await, StatusCode::CREATED).await;
    let o = json_ok(answer(&server, &number, &token, "3", true).await, StatusCode::OK).await;
    assert_eq!(o["lines"][2]["cancelled_quantity"], 1);
    assert_eq!(history(&o).last().map(String::as_str), Some("substitution_accepted"));
    problem(propose(&server, &number, "1", Some("linen-shirt-2")).await, 409, "substitution-not-allowed").await;
    problem(propose(&server, &number, "1", Some("no-such-variant")).await, 422, "validation").await;
    assert_eq!(server.move_order(&number, "handed_to_carrier").await, StatusCode::NO_CONTENT);
    let p = problem(propose(&server, &number, "1", Some("linen-shirt-4")).await, 409, "substitution-not-allowed").await;
    assert!(p["detail"].as_str().unwrap().contains("left the seller"), "{p}");
    problem(answer(&server, &number, &token, "1", true).await, 409, "substitution-closed").await;
    // A wrong token is answered exactly as an order that does not exist.
    let wrong = answer(&server, &number, "wrong-token", "1", true).await;
    let unknown = answer(&server, "999999", &token, "1", true).await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    assert_eq!(wrong.text().await.unwrap(), unknown.text().await.unwrap());
}
