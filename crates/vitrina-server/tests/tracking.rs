//! Shipment tracking over real HTTP, on the demo shipments (each built for one situation).

mod common;

use common::{TestServer, json_ok, problem};
use reqwest::StatusCode;
use serde_json::Value;

async fn shipment(server: &TestServer, number: &str) -> Value {
    json_ok(server.get(&format!("/api/shipments/{number}")).await, StatusCode::OK).await
}

fn raw_statuses(shipment: &Value) -> Vec<&str> {
    shipment["events"].as_array().unwrap().iter().map(|e| e["raw_status"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_delivered_parcel_shows_its_journey_newest_first_in_the_carriers_words() {
    let server = TestServer::start().await;
    let s = shipment(&server, "PX1000000001").await;
    assert_eq!(s["carrier"]["name"], "Pony Express");
    assert_eq!(s["carrier"]["language"], "ru");
    assert_eq!(s["current"]["phase"], "delivered");
    assert_eq!(s["current"]["severity"], "final");
    assert_eq!(s["current"]["final"], true);
    assert_eq!(s["event_count"], 13);
    let statuses = raw_statuses(&s);
    assert_eq!(statuses[0], "Доставлено получателю");
    assert_eq!(statuses[12], "Получен предварительный заказ");
    let first = &s["events"][12];
    assert_eq!(first["phase"], "info_received");
    assert_eq!(first["location"], "Shenzhen, CN");
    assert_eq!(first["time"]["time_zone"], "Asia/Shanghai");
    assert_eq!(first["time"]["utc_offset_minutes"], 480);
    // The offer was sent from the contact centre, whose times come without a zone.
    let offer_sent = s["events"].as_array().unwrap().iter().find(|e| e["raw_status"] == "Оферта отправлена").unwrap();
    assert!(offer_sent["time"]["utc_offset_minutes"].is_null());
    assert_eq!(s["customs_offer"]["state"], "confirmed");
    assert!(s["stall"].is_null(), "a delivered parcel is never late");
    assert_eq!(s["seller_id"], "demo-seller");
}

#[tokio::test]
async fn a_pending_customs_offer_has_its_deadline_fourteen_days_after_arrival() {
    let server = TestServer::start().await;
    let s = shipment(&server, "PX1000000002").await;
    let offer = &s["customs_offer"];
    assert_eq!(offer["state"], "awaiting");
    assert_eq!(s["current"]["action"], "confirm_offer");
    assert_eq!(s["current"]["severity"], "action_needed");
    let arrival = offer["arrived_at_customs"]["local"].as_str().unwrap();
    let arrival_date = vitrina_core::civil::Date::parse(&arrival[..10]).unwrap();
    assert_eq!(offer["deadline_date"], arrival_date.add_days(14).to_string());
    // Arrived three days ago: eleven days are left (give or take the seconds of the test).
    let left = offer["seconds_left"].as_i64().unwrap();
    assert!((11 * 86_400 - 60..=11 * 86_400).contains(&left), "{left}");
}

#[tokio::test]
async fn an_expired_offer_sends_the_parcel_back() {
    let server = TestServer::start().await;
    let s = shipment(&server, "PX1000000003").await;
    assert_eq!(s["customs_offer"]["state"], "expired");
    assert_eq!(s["current"]["phase"], "returning");
    assert_eq!(s["current"]["action"], "contact_seller");
    assert_eq!(s["current"]["final"], false);
}

#[tokio::test]
async fn a_stalled_parcel_says_how_long_it_has_been_quiet_and_how_late_it_is() {
    let server = TestServer::start().await;
    let s = shipment(&server, "PX1000000004").await;
    assert_eq!(s["stall"]["no_update_days"], 20);
    // 14 days by the seeding day; 15 in the hours when Moscow is already a day ahead of UTC.
    let late = s["stall"]["planned_date_passed_days"].as_u64().unwrap();
    assert!((14..=15).contains(&late), "{late}");
    assert!(s["planned_date"].is_string());
    assert!(s["last_event"]["local"].is_string());
    assert_eq!(s["current"]["raw_status"], "Отправление поступило на терминал");
}

#[tokio::test]
async fn the_server_clock_moves_the_stall_and_the_offer_countdown() {
    let server = TestServer::start().await;
    let before = shipment(&server, "PX1000000002").await;
    assert!(before["stall"].is_null());
    let now = vitrina_core::civil::parse_rfc3339(before["as_of"].as_str().unwrap()).unwrap().0;
    server.state.clock.set(now + 12 * 86_400);
    let after = shipment(&server, "PX1000000002").await;
    assert!(after["customs_offer"]["seconds_left"].as_i64().unwrap() < 0);
    assert_eq!(after["stall"]["no_update_days"], 14);
}

#[tokio::test]
async fn duties_to_pay_a_failed_attempt_and_a_pickup_point_each_say_what_to_do() {
    let server = TestServer::start().await;
    let duties = shipment(&server, "PX1000000005").await;
    assert_eq!(duties["current"]["action"], "pay_duties");
    assert_eq!(duties["current"]["phase"], "customs");

    let attempt = shipment(&server, "PX1000000006").await;
    let attempts = &attempt["delivery_attempts"];
    assert_eq!(attempts["failed"], 1);
    assert_eq!(attempts["attempts_left"], 2);
    assert_eq!(attempts["rescheduled"], true);
    assert_eq!(attempts["last_failed"]["raw_status"], "Доставка не осуществлена — офис/квартира закрыты");
    assert_eq!(attempt["current"]["progress"], "out_for_delivery");

    let pickup = shipment(&server, "PX1000000008").await;
    assert_eq!(pickup["current"]["phase"], "ready_for_pickup");
    assert_eq!(pickup["current"]["action"], "collect_at_pickup_point");
}

#[tokio::test]
async fn an_unmapped_status_is_sent_raw_as_unknown() {
    let server = TestServer::start().await;
    let s = shipment(&server, "PX1000000007").await;
    assert_eq!(s["current"]["phase"], "unknown");
    assert_eq!(s["current"]["raw_status"], "Передано партнёрской службе доставки (код 77)");
    assert_eq!(s["events"][0]["phase"], "unknown");
    assert_eq!(s["events"][0]["severity"], "unknown");
    assert_eq!(s["current"]["progress"], "in_transit");
}

#[tokio::test]
async fn a_thousand_events_all_come_newest_first() {
    let server = TestServer::start().await;
    let s = shipment(&server, "PX1000000009").await;
    assert_eq!(s["event_count"], 1000);
    let statuses = raw_statuses(&s);
    assert_eq!(statuses.len(), 1000);
    assert_eq!(statuses[999], "Получен предварительный заказ");
}

#[tokio::test]
async fn a_delivery_is_not_hidden_by_a_later_scan() {
    let server = TestServer::start().await;
    let s = shipment(&server, "PX1000000010").await;
    assert_eq!(s["current"]["phase"], "delivered");
    assert_eq!(s["current"]["final"], true);
    assert_eq!(s["events"][0]["raw_status"], "Отправление будет доставлено сегодня");
    assert_eq!(s["events"][0]["after_delivery"], true);
    assert_eq!(s["events"][1]["after_delivery"], false);
}

#[tokio::test]
async fn the_second_carrier_speaks_english_and_is_read_from_its_own_table() {
    let server = TestServer::start().await;
    let s = shipment(&server, "LX1000000001").await;
    assert_eq!(s["carrier"]["name"], "Lynx Courier");
    assert_eq!(s["carrier"]["language"], "en");
    assert_eq!(s["current"]["phase"], "out_for_delivery");
    assert_eq!(s["events"][0]["raw_status"], "Out for delivery");
    assert!(s["events"].as_array().unwrap().iter().all(|e| e["phase"] != "unknown"));
}

#[tokio::test]
async fn numbers_are_read_as_people_type_them() {
    let server = TestServer::start().await;
    let s = shipment(&server, "px%201000000001").await;
    assert_eq!(s["tracking_number"], "PX1000000001");
}

#[tokio::test]
async fn an_unknown_number_is_not_found_yet_and_a_malformed_one_is_refused() {
    let server = TestServer::start().await;
    let missing = problem(server.get("/api/shipments/PX9999999999").await, 404, "shipment-not-found").await;
    assert!(missing["detail"].as_str().unwrap().contains("a day or two"));
    let malformed = problem(server.get("/api/shipments/PX1").await, 422, "validation").await;
    assert_eq!(malformed["errors"][0]["field"], "tracking_number");
    assert_eq!(malformed["errors"][0]["code"], "invalid_tracking_number");
    problem(server.get("/api/shipments/%3Cscript%3E").await, 422, "validation").await;
}

#[tokio::test]
async fn an_orders_shipments_are_listed_together_without_their_events() {
    let server = TestServer::start().await;
    let list = json_ok(server.get("/api/shipments?order=DEMO-1001").await, StatusCode::OK).await;
    let shipments = list["shipments"].as_array().unwrap();
    let numbers: Vec<&str> = shipments.iter().map(|s| s["tracking_number"].as_str().unwrap()).collect();
    assert_eq!(numbers.len(), 3, "{numbers:?}");
    for number in ["PX1000000008", "LX1000000001", "LX1000000002"] {
        assert!(numbers.contains(&number), "{number} in {numbers:?}");
    }
    for s in shipments {
        assert_eq!(s["events"].as_array().unwrap().len(), 0);
        assert!(s["event_count"].as_u64().unwrap() > 0);
        assert_eq!(s["order_number"], "DEMO-1001");
    }
    let delivered = shipments.iter().find(|s| s["tracking_number"] == "LX1000000002").unwrap();
    assert_eq!(delivered["current"]["phase"], "delivered");

    let none = json_ok(server.get("/api/shipments?order=NO-SUCH-ORDER").await, StatusCode::OK).await;
    assert_eq!(none["shipments"].as_array().unwrap().len(), 0);
    problem(server.get("/api/shipments").await, 400, "bad-request").await;
    problem(server.get("/api/shipments?order=%20").await, 422, "validation").await;
}

#[tokio::test]
async fn a_store_seeded_before_shipments_had_sellers_gets_them_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../migrations/001_store.sql")).unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO meta (key, value) VALUES ('seeded_at', '0');
             INSERT INTO sellers (id, display_name) VALUES ('demo-seller', 'Demo');
             INSERT INTO shipments (tracking_number, carrier, created_at) VALUES ('PX1000000001', 'pony-express', 0);",
        )
        .unwrap();
    }
    let server = TestServer::start_in(dir).await;
    let s = shipment(&server, "PX1000000001").await;
    assert_eq!(s["seller_id"], "demo-seller");
    assert_eq!(s["event_count"], 0);
    assert_eq!(s["current"]["phase"], "unknown");
}
