//! The shipment page's components with what a backend might really send: missing fields, values
//! this app does not know, megabytes of events, markup in the carrier's words.

use crate::{Mounted, mount};
use leptos::prelude::*;
use std::sync::Arc;
use vitrina::tracking::{FIRST_EVENTS, ShipmentView};
use vitrina_core::api::{ApiError, Shipment, decode_response};
use vitrina_core::locale::Locale;
use wasm_bindgen_test::wasm_bindgen_test;

/// Decodes a backend's answer exactly as the app's HTTP client does.
fn decode(json: &str) -> Result<Shipment, ApiError> {
    decode_response(200, Some("application/json"), None, json)
}

async fn show(locale: Locale, shipment: Shipment) -> Mounted {
    let m = mount(locale, move || view! { <ShipmentView shipment=Arc::new(shipment)/> });
    leptos::task::tick().await;
    m
}

fn event_json(i: usize, raw_status: &str) -> String {
    format!(
        r#"{{"time":{{"local":"2026-11-{:02}T10:{:02}:00","utc_offset_minutes":180,"time_zone":"Europe/Moscow"}},"location":"Москва, терминал {i}","raw_status":"{raw_status}","phase":"in_transit","severity":"normal","action":"none"}}"#,
        i % 28 + 1,
        i % 60
    )
}

#[wasm_bindgen_test]
async fn markup_in_the_carriers_words_is_shown_as_text_never_run() {
    let hostile = r#"<img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b>"#;
    let json = format!(
        r#"{{"tracking_number":"PX1<i>x</i>","carrier":{{"name":"<b>Pony</b>","website":"javascript:alert(3)","language":"ru\" onmouseover=\"alert(4)"}},
            "current":{{"phase":"in_transit","raw_status":{raw},"location":"<u>here</u>"}},
            "event_count":1,"events":[{{"raw_status":{raw},"location":"<u>here</u>","phase":"in_transit","time":{{"local":"2026-11-20T10:00:00"}}}}]}}"#,
        raw = serde_json::to_string(hostile).unwrap()
    );
    let m = show(Locale::En, decode(&json).expect("decodes")).await;
    let text = m.text();
    assert!(text.contains(hostile), "{text}");
    assert!(text.contains("<b>Pony</b>"));
    assert!(text.contains("PX1<i>x</i>"));
    assert!(m.query("img").is_none(), "no element was made from the carrier's words");
    assert!(m.query("script").is_none());
    assert!(m.query("b").is_none());
    assert!(m.query("u").is_none());
    // A link that is not a web address is not a link; a language that is not a tag is not used.
    assert!(m.query("a[href^='javascript']").is_none());
    assert!(m.query("[onmouseover]").is_none());
    assert!(m.query_all("[lang]").is_empty());
}

#[wasm_bindgen_test]
async fn missing_fields_and_unknown_values_still_make_a_page() {
    let json = r#"{
        "tracking_number": "PX1000000077",
        "current": {"phase": "teleported", "severity": "apocalyptic", "action": "dance"},
        "customs_offer": {"state": "pondering"},
        "stall": {},
        "delivery_attempts": {"failed": 0},
        "events": [
            {},
            {"phase": "wormhole", "severity": "meh", "action": "sing", "raw_status": "Посылка в червоточине",
             "time": {"local": "yesterday", "utc_offset_minutes": 99999, "time_zone": "Mars/Olympus"}},
            {"time": {"local": "2026-11-20T10:00:00", "time_zone": "Europe/Moscow"}, "raw_status": "Без смещения"}
        ]
    }"#;
    let m = show(Locale::En, decode(json).expect("decodes")).await;
    let text = m.text();
    assert!(text.contains("Посылка в червоточине"), "{text}");
    assert!(text.contains("Unknown status"));
    assert!(text.contains("(the carrier gave no words)"), "an event without words is still listed");
    assert!(text.contains("time not given"));
    assert!(text.contains("yesterday"), "an unreadable time is shown as sent");
    assert!(text.contains("Europe/Moscow, offset not given"));
    assert_eq!(m.query_all("[data-testid=tracking-event]").len(), 3);
    // Values nobody knows open no panel and invent no action.
    assert!(m.query("[data-testid=offer-panel]").is_none());
    assert!(m.query("[data-testid=stall-panel]").is_none());
    assert!(m.query("[data-testid=attempts-panel]").is_none());
    assert!(!text.contains("What you can do"));
}

#[wasm_bindgen_test]
async fn an_undecodable_answer_is_an_error_not_a_panic() {
    for body in ["", "[]", r#"{"events": []}"#, r#"{"tracking_number": 7}"#, "<html>Bad gateway</html>"] {
        assert!(matches!(decode(body), Err(ApiError::Undecodable(_))), "{body}");
    }
}

#[wasm_bindgen_test]
async fn ten_megabytes_of_events_open_with_the_newest_and_offer_the_rest() {
    let count = 40_000;
    let mut json = String::with_capacity(11 * 1024 * 1024);
    json.push_str(r#"{"tracking_number":"PX1000000099","carrier":{"name":"Pony Express","language":"ru"},"event_count":40000,"events":["#);
    let filler = "Отправление поступило на терминал ".repeat(3);
    for i in 0..count {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&event_json(i, &filler));
    }
    json.push_str("]}");
    assert!(json.len() > 10 * 1024 * 1024, "{} bytes", json.len());

    let shipment = decode(&json).expect("10 MB decodes");
    assert_eq!(shipment.events.len(), count);
    let m = show(Locale::En, shipment).await;
    assert_eq!(m.query_all("[data-testid=tracking-event]").len(), FIRST_EVENTS);
    let more = m.query("[data-testid=show-all-events]").expect("a way to the rest");
    assert_eq!(more.inner_text(), "Show all 40,000 events");
}

#[wasm_bindgen_test]
async fn a_megabyte_of_words_in_one_event_is_cut_short() {
    let long = "Ж".repeat(1_000_000);
    let json = format!(r#"{{"tracking_number":"PX1000000098","events":[{}]}}"#, event_json(1, &long));
    let m = show(Locale::En, decode(&json).unwrap()).await;
    let status = m.query(".event__status").unwrap().inner_text();
    assert!(status.chars().count() <= 501, "{}", status.chars().count());
    assert!(status.ends_with('…'));
}

#[wasm_bindgen_test]
async fn the_zone_switch_moves_zoned_times_and_labels_the_rest() {
    let json = r#"{"tracking_number":"PX1000000097","carrier":{"name":"Pony Express","language":"ru"},"events":[
        {"time":{"local":"2026-11-20T12:00:00"},"raw_status":"Оферта отправлена","phase":"customs"},
        {"time":{"local":"2026-11-19T16:30:00","utc_offset_minutes":480,"time_zone":"Asia/Shanghai"},"raw_status":"Начало международной транспортировки","phase":"in_transit"}
    ]}"#;
    let m = show(Locale::En, decode(json).unwrap()).await;
    let whens = || m.query_all(".event__when").iter().map(|e| crate::normalise_spaces(&e.inner_text())).collect::<Vec<_>>();
    let before = whens();
    assert!(before[0].contains("12:00") && before[0].contains("time zone not given"), "{before:?}");
    assert!(before[1].contains("4:30") && before[1].contains("Asia/Shanghai, UTC+8"), "{before:?}");

    m.query("input[value=viewer]").expect("the switch").click();
    leptos::task::tick().await;
    let after = whens();
    assert_eq!(after[0], before[0], "a time without a zone cannot be moved");
    assert_ne!(after[1], before[1]);
    assert!(after[1].contains("your time"), "{after:?}");
}

#[wasm_bindgen_test]
async fn the_offer_countdown_follows_the_languages_plural_rules() {
    let json = r#"{"tracking_number":"PX1000000002","carrier":{"name":"Pony Express","website":"https://client.ponyexpress.ru/"},
        "current":{"phase":"customs","severity":"action_needed","action":"confirm_offer","raw_status":"Оферта отправлена"},
        "customs_offer":{"state":"awaiting","deadline_date":"2026-12-03","seconds_left":432000},
        "events":[{"raw_status":"Оферта отправлена","phase":"customs"}]}"#;
    let m = show(Locale::Ru, decode(json).unwrap()).await;
    assert_eq!(m.query("[data-testid=offer-countdown]").unwrap().inner_text(), "осталось 5 дней");
    assert!(m.text().contains("«кем выдан»"));
    let link = m.query("a[href='https://client.ponyexpress.ru/']");
    assert!(link.is_some(), "the carrier's own page is linked");
    m.i18n.locale.set(Locale::Uk);
    leptos::task::tick().await;
    assert_eq!(m.query("[data-testid=offer-countdown]").unwrap().inner_text(), "залишилося 5 днів");
}

#[wasm_bindgen_test]
async fn a_refresh_moves_the_countdown_without_closing_the_help_the_shopper_opened() {
    let json = r#"{"tracking_number":"PX1000000002","carrier":{"name":"Pony Express"},
        "current":{"phase":"customs","severity":"action_needed","action":"confirm_offer","raw_status":"Оферта отправлена"},
        "customs_offer":{"state":"awaiting","deadline_date":"2026-12-03","seconds_left":950400},
        "events":[{"raw_status":"Оферта отправлена","phase":"customs"}]}"#;
    let first = decode(json).unwrap();
    let shipment = RwSignal::new(Arc::new(first.clone()));
    let m = mount(Locale::En, move || view! { <ShipmentView shipment=shipment/> });
    leptos::task::tick().await;
    let countdown = || m.query("[data-testid=offer-countdown]").unwrap().inner_text();
    assert_eq!(countdown(), "11 days left");
    let help = m.query("[data-testid=offer-help]").unwrap();
    help.set_attribute("open", "").unwrap();

    let mut later = first;
    later.as_of = Some("2026-11-23T09:00:00Z".into());
    if let Some(offer) = later.customs_offer.as_mut() {
        offer.seconds_left = Some(864_000);
    }
    shipment.set(Arc::new(later));
    leptos::task::tick().await;
    assert_eq!(countdown(), "10 days left");
    let help_now = m.query("[data-testid=offer-help]").unwrap();
    assert!(help_now.has_attribute("open"), "the opened answer stays open");
}

#[wasm_bindgen_test]
async fn events_shown_after_show_all_keep_the_carriers_markup_as_text() {
    let hostile = r#"<img src=x onerror=alert(1)>&amp;<script>alert(2)</script>"#;
    let events: Vec<String> = (0..30).map(|i| event_json(i, if i == 25 { "HOSTILE" } else { "Передано в транзит" })).collect();
    let json = format!(
        r#"{{"tracking_number":"PX1000000098","carrier":{{"name":"Pony Express","language":"ru"}},"event_count":30,"events":[{}]}}"#,
        events.join(",")
    )
    .replace("\"HOSTILE\"", &serde_json::to_string(hostile).unwrap())
    .replace("терминал 27", "<u>терминал</u> \\\" onmouseover=\\\"x");
    let m = show(Locale::En, decode(&json).expect("decodes")).await;
    m.query("[data-testid=show-all-events]").expect("show all").click();
    for _ in 0..10 {
        if m.query_all("[data-testid=tracking-event]").len() == 30 {
            break;
        }
        crate::next_frame().await;
    }
    assert_eq!(m.query_all("[data-testid=tracking-event]").len(), 30, "every event is shown");
    let text = m.text();
    assert!(text.contains(hostile), "{text}");
    assert!(text.contains("<u>терминал</u> \" onmouseover=\"x"));
    assert!(m.query("img").is_none() && m.query("script").is_none() && m.query("u").is_none());
    assert!(m.query("[onmouseover]").is_none());
    assert_eq!(m.query_all("[lang=ru]").len(), 30, "the carrier's words keep their language");
}
