//! What happens to an order after it is placed, over real HTTP: cancelling lines or the whole
//! order until the shopper has it (in transit too), returns within 7 days after receipt, refunds
//! by the original method to the kopeck, stock that follows, payment deadlines, the last day to
//! collect, and the facts of handover.

mod common;

use common::{NewOrder, TestServer, history, json_ok, minor, problem};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Two linen shirts (3 490.00), a mug (790.00), courier 390.00, WELCOME10: 7 383.00.
const WELCOME: NewOrder<'static> = NewOrder {
    items: &[("linen-shirt-2", 2), ("ceramic-mug-1", 1)],
    delivery: "courier",
    payment: "card-online",
    promo: Some("WELCOME10"),
    note: None,
};

async fn cancel(server: &TestServer, number: &str, token: &str, lines: Value) -> reqwest::Response {
    server.post(&format!("/api/orders/{number}/cancellation"), &json!({ "access_token": token, "lines": lines })).await
}

fn totals(order: &Value) -> [i64; 5] {
    let t = &order["totals"];
    [minor(&t["items"]), minor(&t["delivery"]), minor(&t["discount"]), minor(&t["total"]), minor(&t["vat_included"])]
}

#[tokio::test]
async fn a_shirt_cancelled_while_the_courier_has_the_parcel_is_refunded_to_the_card_to_the_kopeck() {
    let server = TestServer::start().await;
    let (number, token) = server.place(WELCOME).await;
    server.approve_payment(&number).await;
    assert_eq!(server.move_order(&number, "handed_to_carrier").await, StatusCode::NO_CONTENT);
    assert_eq!(server.move_order(&number, "with_courier").await, StatusCode::NO_CONTENT);
    assert_eq!(server.stock("linen-shirt", "linen-shirt-2").await, 18);
    let before = server.order(&number, &token).await;
    assert_eq!(totals(&before), [777_000, 39_000, 77_700, 738_300, 123_050]);
    assert_eq!(before["cancellation"]["kind"], "cancel");
    assert_eq!(before["cancellation"]["by_line"], true);
    assert_eq!(before["cancellation"]["carrier_returns"], true);
    assert_eq!(before["cancellation"]["delivery_fee"], "retained", "paid, and the carrier has it");

    let o = json_ok(cancel(&server, &number, &token, json!([{ "line_id": "1", "quantity": 1 }])).await, StatusCode::OK).await;
    assert_eq!(o["status"], "with_courier", "the rest is still coming");
    assert_eq!((o["lines"][0]["quantity"].as_u64(), o["lines"][0]["cancelled_quantity"].as_u64()), (Some(1), Some(1)));
    assert_eq!(minor(&o["lines"][0]["line_total"]), 349_000);
    // Items 4 280.00, WELCOME10 −428.00, delivery 390.00: 4 242.00, of it VAT 707.00.
    assert_eq!(totals(&o), [428_000, 39_000, 42_800, 424_200, 70_700]);
    assert_eq!(
        o["refunds"],
        json!([{ "at": o["refunds"][0]["at"], "amount": { "amount_minor": 314_100, "currency": "RUB" }, "method": "card_online", "reason": "cancellation", "delivery_fee": null }])
    );
    assert_eq!(o["payment"]["status"], "paid");
    let kinds = history(&o);
    assert_eq!(kinds[kinds.len() - 3..], ["lines_cancelled", "return_to_sender", "refunded"]);
    let events = o["history"].as_array().unwrap();
    assert_eq!(events[events.len() - 3]["lines"], json!([{ "line_id": "1", "quantity": 1 }]));
    assert_eq!(minor(&events[events.len() - 1]["amount"]), 314_100);
    assert_eq!(server.stock("linen-shirt", "linen-shirt-2").await, 19, "the cancelled shirt is back on sale");

    // Then the rest: the carrier carried it, so the paid delivery fee is kept; the goods come back.
    let o = json_ok(cancel(&server, &number, &token, json!([])).await, StatusCode::OK).await;
    assert_eq!(o["status"], "cancelled");
    assert_eq!(totals(&o), [0, 39_000, 0, 39_000, 6_500]);
    assert_eq!(minor(&o["refunds"][1]["amount"]), 385_200);
    assert_eq!(o["refunds"][1]["delivery_fee"], "retained");
    assert_eq!(minor(&o["refunds"][0]["amount"]) + minor(&o["refunds"][1]["amount"]) + 39_000, 738_300, "every kopeck accounted for");
    assert_eq!(o["cancellation"]["blocked_by"], "cancelled");
    assert_eq!(server.stock("linen-shirt", "linen-shirt-2").await, 20);
    assert_eq!(server.stock("ceramic-mug", "ceramic-mug-1").await, 30);
    let parcel = o["shipments"][0]["tracking_number"].as_str().unwrap();
    let shipment = server.get(&format!("/api/shipments/{parcel}")).await.text().await.unwrap();
    assert!(shipment.contains("Осуществляется возврат отправления по инструкции клиента"), "{shipment}");
}

#[tokio::test]
async fn a_paid_order_cancelled_before_the_carrier_has_it_refunds_everything_with_the_delivery() {
    let server = TestServer::start().await;
    let (number, token) = server.place(WELCOME).await;
    server.approve_payment(&number).await;
    server.move_order(&number, "confirmed_by_seller").await;
    assert_eq!(server.order(&number, &token).await["cancellation"]["delivery_fee"], "refunded");
    let o = json_ok(cancel(&server, &number, &token, json!([])).await, StatusCode::OK).await;
    assert_eq!(o["status"], "cancelled");
    assert_eq!(totals(&o), [0, 0, 0, 0, 0]);
    assert_eq!(minor(&o["refunds"][0]["amount"]), 738_300);
    assert_eq!(o["refunds"][0]["delivery_fee"], "refunded");
    assert_eq!(o["payment"]["status"], "refunded");
    assert!(!history(&o).contains(&"return_to_sender".to_owned()), "the carrier never had it");
}

#[tokio::test]
async fn an_order_paid_on_delivery_cancelled_in_part_owes_less_and_nothing_is_refunded() {
    let server = TestServer::start().await;
    let (number, token) = server.place(NewOrder { payment: "cash-on-delivery", ..WELCOME }).await;
    let o = json_ok(cancel(&server, &number, &token, json!([{ "line_id": "2", "quantity": 1 }])).await, StatusCode::OK).await;
    // Items 6 980.00 − 698.00 + 390.00 = 6 672.00, to pay at the door.
    assert_eq!(totals(&o), [698_000, 39_000, 69_800, 667_200, 111_200]);
    assert_eq!(o["refunds"], json!([]));
    assert_eq!(o["payment"]["status"], "pay_on_delivery");
    assert_eq!(history(&o).last().map(String::as_str), Some("lines_cancelled"));
    assert_eq!(o["lines"][1]["quantity"], 0);
}

#[tokio::test]
async fn a_request_for_lines_the_order_does_not_have_changes_nothing() {
    let server = TestServer::start().await;
    let (number, token) = server.place(NewOrder::default()).await;
    // Everything but the moment of the view.
    let now_aside = |mut o: Value| {
        o["as_of"] = Value::Null;
        o
    };
    let before = now_aside(server.order(&number, &token).await);
    for lines in [
        json!([{ "line_id": "9", "quantity": 1 }]),
        json!([{ "line_id": "1", "quantity": 3 }]),
        json!([{ "line_id": "1", "quantity": 0 }]),
        json!([{ "line_id": "1", "quantity": 2 }, { "line_id": "1", "quantity": 1 }]),
    ] {
        problem(cancel(&server, &number, &token, lines.clone()).await, 422, "validation").await;
    }
    assert_eq!(now_aside(server.order(&number, &token).await), before);
}

#[tokio::test]
async fn a_received_order_may_be_returned_on_the_seventh_day_and_not_on_the_eighth_in_the_stores_time() {
    let server = TestServer::start().await;
    // Received at 15:00 Moscow time on 10 November: the 17th is the 7th day.
    server.set_clock("2026-11-10T12:00:00Z").await;
    let (first, token1) = server.place(NewOrder::default()).await;
    let (second, token2) = server.place(NewOrder::default()).await;
    for number in [&first, &second] {
        assert_eq!(server.move_order(number, "received").await, StatusCode::NO_CONTENT);
    }
    server.set_clock("2026-11-17T20:59:00Z").await; // 23:59 in Moscow, day 7
    let o = server.order(&first, &token1).await;
    assert_eq!(o["cancellation"]["kind"], "return");
    assert_eq!(o["cancellation"]["until"], "2026-11-17T20:59:59Z");
    let o = json_ok(cancel(&server, &first, &token1, json!([{ "line_id": "2", "quantity": 1 }])).await, StatusCode::OK).await;
    assert_eq!(o["status"], "received");
    assert_eq!(o["lines"][1]["return_requested_quantity"], 1);
    assert_eq!(o["history"].as_array().unwrap().last().unwrap()["lines"], json!([{ "line_id": "2", "quantity": 1 }]));
    assert_eq!(o["cancellation"]["allowed"], true, "the shirts may still be asked back");

    server.set_clock("2026-11-17T21:00:00Z").await; // midnight in Moscow: day 8
    let o = server.order(&second, &token2).await;
    assert_eq!((o["cancellation"]["allowed"].as_bool(), o["cancellation"]["blocked_by"].as_str()), (Some(false), Some("window_closed")));
    let p = problem(cancel(&server, &second, &token2, json!([])).await, 409, "cancellation-not-allowed").await;
    assert!(p["detail"].as_str().unwrap().contains("7 days"));
}

#[tokio::test]
async fn an_unpaid_card_order_never_goes_to_the_carrier_and_expires_after_the_hour_releasing_its_stock() {
    let server = TestServer::start().await;
    // Held: the deadline is read to the second.
    server.hold_clock("2026-11-20T09:00:00Z");
    let (number, token) = server.place(NewOrder { payment: "card-online", ..NewOrder::default() }).await;
    let gateway: String = rusqlite::Connection::open(server.db_path())
        .unwrap()
        .query_row("SELECT id FROM payments WHERE order_number = ?1", [&number], |r| r.get(0))
        .unwrap();
    assert_eq!(server.stock("linen-shirt", "linen-shirt-2").await, 18);
    let o = server.order(&number, &token).await;
    assert_eq!(
        o["payment"],
        json!({ "kind": "card_online", "name": "Card online", "status": "awaiting_payment", "payable": true, "pay_by": "2026-11-20T10:00:00Z" })
    );

    // The seller may confirm it, but not hand it over, however long it waits.
    assert_eq!(server.move_order(&number, "confirmed_by_seller").await, StatusCode::NO_CONTENT);
    for status in ["handed_to_carrier", "with_courier", "received"] {
        assert_eq!(server.move_order(&number, status).await, StatusCode::CONFLICT, "{status}");
    }
    let state = server.state.clone();
    let later = vitrina_core::civil::parse_rfc3339("2026-11-20T09:59:00Z").unwrap().0;
    let moved = state
        .db
        .run(move |tx| vitrina_server::domain::progress::advance_all(tx, &vitrina_server::policy::RU, later + 10 * 3600))
        .await
        .unwrap();
    assert_eq!(moved, 0, "the back office does not ship it either");

    server.hold_clock("2026-11-20T10:00:00Z");
    assert_eq!(server.order(&number, &token).await["payment"]["payable"], true, "still payable at the last second");
    server.hold_clock("2026-11-20T10:00:01Z");
    let o = server.order(&number, &token).await;
    assert_eq!(o["status"], "cancelled");
    assert_eq!(
        o["payment"],
        json!({ "kind": "card_online", "name": "Card online", "status": "expired", "payable": false, "pay_by": null })
    );
    assert_eq!(history(&o)[history(&o).len() - 2..], ["payment_expired", "cancelled"]);
    assert_eq!(o["refunds"], json!([]), "nothing was charged");
    assert_eq!(server.stock("linen-shirt", "linen-shirt-2").await, 20, "the stock is released");
    assert_eq!(server.stock("ceramic-mug", "ceramic-mug-1").await, 30);

    // It cannot be paid any more, neither from the order page nor at the bank.
    problem(server.post(&format!("/api/orders/{number}/payments"), &json!({ "access_token": token })).await, 409, "payment-closed").await;
    let page = server.get(&format!("/gateway/{gateway}")).await.text().await.unwrap();
    assert!(page.contains("can no longer be paid") && !page.contains("Approve"), "{page}");
    let no_redirects = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = no_redirects.post(server.url(&format!("/gateway/{gateway}"))).form(&[("decision", "approve")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(server.order(&number, &token).await["payment"]["status"], "expired");
}

#[tokio::test]
async fn a_cancelled_order_cannot_be_paid_and_the_bank_refuses() {
    let server = TestServer::start().await;
    let (number, token) = server.place(NewOrder { payment: "card-online", ..NewOrder::default() }).await;
    let placed_payment: String = rusqlite::Connection::open(server.db_path())
        .unwrap()
        .query_row("SELECT id FROM payments WHERE order_number = ?1", [&number], |r| r.get(0))
        .unwrap();
    json_ok(cancel(&server, &number, &token, json!([])).await, StatusCode::OK).await;
    let o = server.order(&number, &token).await;
    assert_eq!((o["payment"]["status"].as_str(), o["payment"]["payable"].as_bool()), (Some("cancelled"), Some(false)));
    problem(server.post(&format!("/api/orders/{number}/payments"), &json!({ "access_token": token })).await, 409, "payment-closed").await;
    let page = server.get(&format!("/gateway/{placed_payment}")).await.text().await.unwrap();
    assert!(page.contains("can no longer be paid") && !page.contains("Approve"), "{page}");
}

#[tokio::test]
async fn the_store_sets_the_time_to_pay() {
    let server = TestServer::start_with(tempfile::tempdir().unwrap(), |o| o.order_rules.payment_minutes = 15).await;
    server.hold_clock("2026-11-20T09:00:00Z");
    let (number, token) = server.place(NewOrder { payment: "card-online", ..NewOrder::default() }).await;
    assert_eq!(server.order(&number, &token).await["payment"]["pay_by"], "2026-11-20T09:15:00Z");
    server.hold_clock("2026-11-20T09:15:01Z");
    assert_eq!(server.order(&number, &token).await["payment"]["status"], "expired");
}

#[tokio::test]
async fn a_paid_card_order_goes_to_the_carrier() {
    let server = TestServer::start().await;
    let (number, token) = server.place(NewOrder { payment: "card-online", ..NewOrder::default() }).await;
    server.approve_payment(&number).await;
    assert_eq!(server.move_order(&number, "handed_to_carrier").await, StatusCode::NO_CONTENT);
    let o = server.order(&number, &token).await;
    assert_eq!(o["payment"], json!({ "kind": "card_online", "name": "Card online", "status": "paid", "payable": false, "pay_by": null }));
}

#[tokio::test]
async fn a_parcel_not_collected_by_its_last_day_is_refused_and_the_prepayment_refunded() {
    let server = TestServer::start().await;
    server.set_clock("2026-11-20T09:00:00Z").await;
    let (number, token) = server.place(NewOrder { delivery: "pickup-point", payment: "card-online", promo: None, ..WELCOME }).await;
    server.approve_payment(&number).await;
    let o = server.order(&number, &token).await;
    assert_eq!(o["delivery_address"]["line"], o["delivery"]["pickup_point"]["address"], "delivered to the point, not to a home");
    assert_eq!(o["delivery"]["collect_by"], Value::Null, "not before the parcel is there");
    assert_eq!(o["delivery"]["id_documents"].as_array().map(Vec::len), Some(6));
    server.move_order(&number, "handed_to_carrier").await;
    // Arrives at 23:30 Moscow time on the 21st; the point keeps it 7 days.
    server.set_clock("2026-11-21T20:30:00Z").await;
    assert_eq!(server.move_order(&number, "ready_for_pickup").await, StatusCode::NO_CONTENT);
    let o = server.order(&number, &token).await;
    assert_eq!(o["status"], "ready_for_pickup");
    assert_eq!(o["delivery"]["collect_by"], "2026-11-28");
    server.hold_clock("2026-11-28T20:59:59Z");
    assert_eq!(server.order(&number, &token).await["status"], "ready_for_pickup", "the last day is not over");
    server.hold_clock("2026-11-28T21:00:00Z");
    let o = server.order(&number, &token).await;
    assert_eq!(o["status"], "cancelled");
    assert_eq!(history(&o)[history(&o).len() - 3..], ["not_collected", "cancelled", "refunded"]);
    // 6 980.00 + 790.00 of goods back; the pickup fee (199.00) paid the carrier.
    assert_eq!(o["refunds"][0]["amount"], json!({ "amount_minor": 777_000, "currency": "RUB" }));
    assert_eq!((o["refunds"][0]["reason"].as_str(), o["refunds"][0]["delivery_fee"].as_str()), (Some("not_collected"), Some("retained")));
    let parcel = o["shipments"][0]["tracking_number"].as_str().unwrap();
    let shipment = server.get(&format!("/api/shipments/{parcel}")).await.text().await.unwrap();
    assert!(shipment.contains("Получите отправление в пункте выдачи заказов") && shipment.contains("Получатель отказался от отправления"));
}

#[tokio::test]
async fn a_locker_opens_with_a_code_and_its_problems_are_reported_within_two_hours() {
    let server = TestServer::start().await;
    let (number, token) = server.place(NewOrder { delivery: "parcel-locker", payment: "card-online", ..NewOrder::default() }).await;
    let o = server.order(&number, &token).await;
    assert_eq!(o["delivery"]["pickup_point"]["report_problems_within_hours"], 2);
    assert_eq!(o["delivery"]["id_documents"], json!([]), "a locker checks no document: it opens with the code");
    // The tracking page's "ready for pickup" says the same, and nothing about the person.
    server.set_clock("2026-11-20T09:00:00Z").await;
    server.approve_payment(&number).await;
    server.move_order(&number, "handed_to_carrier").await;
    server.move_order(&number, "ready_for_pickup").await;
    let parcel = server.order(&number, &token).await["shipments"][0]["tracking_number"].as_str().unwrap().to_owned();
    let shipment = json_ok(server.get(&format!("/api/shipments/{parcel}")).await, StatusCode::OK).await;
    assert_eq!(shipment["current"]["phase"], "ready_for_pickup");
    assert_eq!(
        shipment["collection"],
        json!({ "kind": "parcel_locker", "storage_days": 3, "collect_by": "2026-11-23", "report_problems_within_hours": 2 })
    );
    assert_eq!(shipment["order_number"], Value::Null);
}

#[tokio::test]
async fn the_couriers_note_reaches_the_order_and_a_pickup_order_has_none() {
    let server = TestServer::start().await;
    let note = "Подъезд 2, этаж 5, домофон 512; пропуск заказан";
    let (number, token) = server.place(NewOrder { note: Some(note), ..NewOrder::default() }).await;
    assert_eq!(server.order(&number, &token).await["delivery"]["note"], note);
    let (number, token) = server.place(NewOrder { delivery: "pickup-point", note: Some(note), ..NewOrder::default() }).await;
    assert_eq!(server.order(&number, &token).await["delivery"]["note"], Value::Null);
}
