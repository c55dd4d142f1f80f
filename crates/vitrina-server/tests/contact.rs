//! Seller contact over real HTTP: signing in, the widget each shopper sees, the hours, the
//! seller's settings (who may read and save them, stale saves), and the contact form.

mod common;

use common::{TestServer, json_ok, problem, retry_after_within};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

/// A signed-in browser: the session cookie it was given.
struct Session(String);

async fn sign_in(server: &TestServer, email: &str) -> Session {
    Session(server.sign_in(email).await)
}

async fn get_as(server: &TestServer, session: Option<&Session>, path: &str) -> Response {
    let mut request = server.client.get(server.url(path));
    if let Some(s) = session {
        request = request.header("cookie", &s.0);
    }
    request.send().await.expect("request")
}

async fn send_as(server: &TestServer, session: Option<&Session>, method: reqwest::Method, path: &str, body: &Value) -> Response {
    let mut request = server.client.request(method, server.url(path)).json(body);
    if let Some(s) = session {
        request = request.header("cookie", &s.0);
    }
    request.send().await.expect("request")
}

async fn set_clock(server: &TestServer, now: &str) {
    let response = server.post("/api/test/clock", &json!({ "now": now })).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

async fn contact(server: &TestServer, session: Option<&Session>, seller: &str) -> Value {
    json_ok(get_as(server, session, &format!("/api/sellers/{seller}/contact")).await, StatusCode::OK).await
}

fn channel<'a>(contact: &'a Value, kind: &str) -> &'a Value {
    contact["channels"].as_array().unwrap().iter().find(|c| c["kind"] == kind).unwrap_or_else(|| panic!("no {kind} channel in {contact}"))
}

const SETTINGS: &str = "/api/sellers/demo-seller/contact-settings";

async fn settings_doc(server: &TestServer, seller: &Session) -> Value {
    json_ok(get_as(server, Some(seller), SETTINGS).await, StatusCode::OK).await
}

async fn save(server: &TestServer, seller: &Session, version: &Value, settings: &Value) -> Response {
    send_as(server, Some(seller), reqwest::Method::PUT, SETTINGS, &json!({ "version": version, "settings": settings })).await
}

// Monday 23 November 2026, 10:00 in Bratislava (UTC+1), and the evening of the same day.
const MONDAY_MORNING: &str = "2026-11-23T09:00:00Z";
const MONDAY_EVENING: &str = "2026-11-23T19:30:00Z";

#[tokio::test]
async fn signing_in_sets_an_http_only_cookie_and_signing_out_ends_the_session() {
    let server = TestServer::start().await;
    let anonymous = json_ok(server.get("/api/session").await, StatusCode::OK).await;
    assert_eq!(anonymous, json!({}));

    let response = server.post("/api/session", &json!({ "email": "Shopper@Example.com", "password": "demo" })).await;
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("vitrina_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    let body = json_ok(response, StatusCode::OK).await;
    assert_eq!(body["account"]["email"], "shopper@example.com");
    assert_eq!(body["account"]["email_verified"], true);

    let session = Session(cookie.split(';').next().unwrap().to_owned());
    let me = json_ok(get_as(&server, Some(&session), "/api/session").await, StatusCode::OK).await;
    assert_eq!(me["account"]["display_name"], "Anna Petrova");

    let out = send_as(&server, Some(&session), reqwest::Method::DELETE, "/api/session", &json!({})).await;
    assert_eq!(out.status(), StatusCode::OK);
    assert!(out.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    let me = json_ok(get_as(&server, Some(&session), "/api/session").await, StatusCode::OK).await;
    assert_eq!(me, json!({}), "the old cookie no longer signs anyone in");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_refusal() {
    let server = TestServer::start().await;
    for (email, password) in [("shopper@example.com", "wrong"), ("nobody@example.com", "demo")] {
        let response = server.post("/api/session", &json!({ "email": email, "password": password })).await;
        assert!(response.headers().get("set-cookie").is_none());
        problem(response, 401, "invalid-credentials").await;
    }
}

#[tokio::test]
async fn guessing_passwords_is_slowed_down_per_address() {
    let server = TestServer::start().await;
    for _ in 0..10 {
        let r = server.post("/api/session", &json!({ "email": "new@example.com", "password": "guess" })).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = server.post("/api/session", &json!({ "email": "new@example.com", "password": "demo" })).await;
    let body = problem(r, 429, "rate-limited").await;
    assert!(body["retry_after_seconds"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn signing_in_with_the_right_password_again_and_again_is_not_guessing() {
    let server = TestServer::start().await;
    // More sign-ins than the address's attempts in one window, each with the right password.
    for _ in 0..12 {
        sign_in(&server, "shopper@example.com").await;
    }
    // The failures still count: ten, then not even the right password.
    for _ in 0..10 {
        let r = server.post("/api/session", &json!({ "email": "shopper@example.com", "password": "guess" })).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = server.post("/api/session", &json!({ "email": "shopper@example.com", "password": "demo" })).await;
    problem(r, 429, "rate-limited").await;
}

#[tokio::test]
async fn the_demo_seller_shows_each_shopper_what_they_may_use() {
    let server = TestServer::start().await;
    set_clock(&server, MONDAY_MORNING).await;

    let anonymous = contact(&server, None, "demo-seller").await;
    assert_eq!(anonymous["seller_name"], "Severny Veter Home & Apparel");
    assert_eq!(anonymous["identity"]["legal_entity"], "Severny Veter s.r.o.");
    assert_eq!(anonymous["identity"]["tax_id"], "SK2120123456");
    assert_eq!(anonymous["messengers_used"], json!(["telegram", "whatsapp"]));
    let kinds: Vec<&str> = anonymous["channels"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["messages", "email", "contact_form", "phone", "postal"]);
    assert_eq!(channel(&anonymous, "postal")["access"], "sign_in");
    assert!(channel(&anonymous, "postal").get("postal_address").is_none());
    assert_eq!(channel(&anonymous, "messages")["available_now"], true);
    assert_eq!(channel(&anonymous, "messages")["messengers"][0]["handle"], "@severny_veter");

    let new = sign_in(&server, "new@example.com").await;
    let unverified = contact(&server, Some(&new), "demo-seller").await;
    assert_eq!(channel(&unverified, "postal")["access"], "verify_email");
    assert!(channel(&unverified, "postal").get("postal_address").is_none());

    let anna = sign_in(&server, "shopper@example.com").await;
    let verified = contact(&server, Some(&anna), "demo-seller").await;
    assert_eq!(channel(&verified, "postal")["access"], "open");
    assert!(channel(&verified, "postal")["postal_address"].as_str().unwrap().contains("811 01 Bratislava"));
}

#[tokio::test]
async fn the_email_address_is_never_in_the_answer_as_plain_text() {
    let server = TestServer::start().await;
    let response = get_as(&server, None, "/api/sellers/demo-seller/contact").await;
    assert_eq!(response.headers()["cache-control"], "no-store");
    let text = response.text().await.unwrap();
    assert!(!text.contains("marek@"), "{text}");
    assert!(!text.contains("@severny-veter"), "{text}");
    let body: Value = serde_json::from_str(&text).unwrap();
    let encoded = channel(&body, "email")["email_encoded"].as_str().unwrap();
    assert_eq!(vitrina_core::contact::obfuscate::decode(encoded).as_deref(), Some("marek@severny-veter.example"));
}

#[tokio::test]
async fn inside_the_hours_the_phone_is_shown_with_its_international_code() {
    let server = TestServer::start().await;
    set_clock(&server, MONDAY_MORNING).await;
    let body = contact(&server, None, "demo-seller").await;
    let phone = channel(&body, "phone");
    assert_eq!(phone["available_now"], true);
    assert_eq!(phone["phone"]["display"], "+421 905 123 456");
    assert_eq!(phone["phone"]["e164"], "+421905123456");
    assert_eq!(phone["phone"]["action"], "call");
    assert_eq!(phone["available_until"], "2026-11-23T17:00:00Z", "18:00 in Bratislava");
}

#[tokio::test]
async fn outside_the_hours_the_number_is_not_in_the_response_and_the_next_window_is() {
    let server = TestServer::start().await;
    set_clock(&server, MONDAY_EVENING).await;
    let response = get_as(&server, None, "/api/sellers/demo-seller/contact").await;
    let text = response.text().await.unwrap();
    assert!(!text.contains("905"), "no trace of the number: {text}");
    let body: Value = serde_json::from_str(&text).unwrap();
    let phone = channel(&body, "phone");
    assert_eq!(phone["available_now"], false);
    assert_eq!(phone["next_window"]["starts_at"], "2026-11-24T08:00:00Z", "Tuesday 09:00 there");
    assert_eq!(channel(&body, "messages")["available_now"], false);

    // Saturday afternoon: the next window is on Monday, across the weekend.
    set_clock(&server, "2026-11-28T14:30:00Z").await;
    let body = contact(&server, None, "demo-seller").await;
    assert_eq!(channel(&body, "phone")["next_window"]["starts_at"], "2026-11-30T08:00:00Z");
}

#[tokio::test]
async fn the_seller_that_takes_no_contact_offers_no_channel() {
    let server = TestServer::start().await;
    let anna = sign_in(&server, "shopper@example.com").await;
    let body = contact(&server, Some(&anna), "quiet-seller").await;
    assert_eq!(body["accepts_contact"], false);
    assert_eq!(body["channels"], json!([]));
    let r = send_as(
        &server,
        None,
        reqwest::Method::POST,
        "/api/sellers/quiet-seller/messages",
        &json!({ "subject": "Hello", "message": "Hi", "reply_to": "anna@example.com" }),
    )
    .await;
    problem(r, 409, "contact-unavailable").await;
}

#[tokio::test]
async fn the_form_only_seller_takes_messages_from_registered_customers_only() {
    let server = TestServer::start().await;
    let body = contact(&server, None, "form-only").await;
    let kinds: Vec<&str> = body["channels"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["contact_form"]);
    assert_eq!(channel(&body, "contact_form")["access"], "sign_in");
    assert!(!serde_json::to_string(&body).unwrap().contains("irina@"));

    let message = json!({ "subject": "Belt sizes", "message": "Is 100 cm true to size?", "reply_to": "oleh@example.com" });
    let path = "/api/sellers/form-only/messages";
    let r = send_as(&server, None, reqwest::Method::POST, path, &message).await;
    problem(r, 401, "unauthorized").await;

    let new = sign_in(&server, "new@example.com").await;
    let body = contact(&server, Some(&new), "form-only").await;
    assert_eq!(channel(&body, "contact_form")["access"], "open");
    let r = send_as(&server, Some(&new), reqwest::Method::POST, path, &message).await;
    assert_eq!(r.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn only_the_seller_who_owns_the_store_may_read_or_save_its_settings() {
    let server = TestServer::start().await;
    problem(get_as(&server, None, SETTINGS).await, 401, "unauthorized").await;
    let anna = sign_in(&server, "shopper@example.com").await;
    problem(get_as(&server, Some(&anna), SETTINGS).await, 403, "forbidden").await;
    let r = save(&server, &anna, &json!(1), &json!({ "accepts_contact": false })).await;
    problem(r, 403, "forbidden").await;
    let r =
        send_as(&server, None, reqwest::Method::PUT, SETTINGS, &json!({ "version": 1, "settings": { "accepts_contact": false } })).await;
    problem(r, 401, "unauthorized").await;

    let marek = sign_in(&server, "seller@example.com").await;
    problem(get_as(&server, Some(&marek), "/api/sellers/form-only/contact-settings").await, 403, "forbidden").await;
    let doc = settings_doc(&server, &marek).await;
    assert_eq!(doc["seller_id"], "demo-seller");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["settings"]["email"]["address"], "marek@severny-veter.example");
    assert_eq!(doc["settings"]["time_zone"], "Europe/Bratislava");
}

#[tokio::test]
async fn a_save_changes_what_shoppers_see_and_a_stale_save_is_refused() {
    let server = TestServer::start().await;
    set_clock(&server, MONDAY_MORNING).await;
    let marek = sign_in(&server, "seller@example.com").await;
    let first_tab = settings_doc(&server, &marek).await;
    let second_tab = first_tab.clone();

    let mut settings = first_tab["settings"].clone();
    settings["phone"]["action"] = json!("sms");
    settings["postal"]["audience"] = json!("everyone");
    let saved = json_ok(save(&server, &marek, &first_tab["version"], &settings).await, StatusCode::OK).await;
    assert_eq!(saved["version"], 2);
    let shown = contact(&server, None, "demo-seller").await;
    assert_eq!(channel(&shown, "phone")["phone"]["action"], "sms");
    assert_eq!(channel(&shown, "postal")["access"], "open");

    // The second tab still holds version 1: its save is refused and changes nothing.
    let mut stale = second_tab["settings"].clone();
    stale["accepts_contact"] = json!(false);
    let r = save(&server, &marek, &second_tab["version"], &stale).await;
    let body = problem(r, 412, "version-conflict").await;
    assert!(body["detail"].as_str().unwrap().contains("version 2"));
    let now = settings_doc(&server, &marek).await;
    assert_eq!(now["version"], 2);
    assert_eq!(now["settings"]["accepts_contact"], true);
    assert_eq!(now["settings"]["phone"]["action"], "sms");
}

#[tokio::test]
async fn the_away_switch_is_stamped_by_the_server_and_runs_out_with_the_days_hours() {
    let server = TestServer::start().await;
    set_clock(&server, MONDAY_MORNING).await;
    let marek = sign_in(&server, "seller@example.com").await;
    let doc = settings_doc(&server, &marek).await;
    assert_eq!(doc["settings"]["presence"]["state"], "schedule");

    // The browser's idea of the time never counts: the server's clock stamps the switch.
    let mut settings = doc["settings"].clone();
    settings["presence"] = json!({ "state": "away", "set_at": "2000-01-01T00:00:00Z" });
    let saved = json_ok(save(&server, &marek, &doc["version"], &settings).await, StatusCode::OK).await;
    assert_eq!(saved["settings"]["presence"]["state"], "away");
    // The test clock runs on from where it was set.
    let stamped = saved["settings"]["presence"]["set_at"].as_str().unwrap().to_owned();
    let at = |s: &str| vitrina_core::civil::parse_rfc3339(s).unwrap().0;
    assert!((0..60).contains(&(at(&stamped) - at(MONDAY_MORNING))), "stamped when saved: {stamped}");
    let shown = contact(&server, None, "demo-seller").await;
    assert_eq!(channel(&shown, "messages")["available_now"], false, "away inside the hours");

    // Saving something else an hour later keeps the switch's time: it cannot outlive the day.
    set_clock(&server, "2026-11-23T10:00:00Z").await;
    let mut settings = saved["settings"].clone();
    settings["phone"]["action"] = json!("sms");
    settings["presence"]["set_at"] = json!("2026-11-23T10:00:00Z");
    let again = json_ok(save(&server, &marek, &saved["version"], &settings).await, StatusCode::OK).await;
    assert_eq!(again["settings"]["presence"]["set_at"], stamped.as_str());

    // After the day's hours it has run out: the editor shows the hours deciding again.
    set_clock(&server, MONDAY_EVENING).await;
    let doc = settings_doc(&server, &marek).await;
    assert_eq!(doc["settings"]["presence"]["state"], "schedule");

    // "Available now" in the evening, outside the hours, opens the messages until midnight there.
    let mut settings = doc["settings"].clone();
    settings["presence"] = json!({ "state": "available" });
    json_ok(save(&server, &marek, &doc["version"], &settings).await, StatusCode::OK).await;
    let messages = channel(&contact(&server, None, "demo-seller").await, "messages").clone();
    assert_eq!(messages["available_now"], true);
    assert_eq!(messages["available_until"], "2026-11-23T23:00:00Z", "midnight in Bratislava");
    set_clock(&server, "2026-11-23T23:30:00Z").await;
    assert_eq!(channel(&contact(&server, None, "demo-seller").await, "messages")["available_now"], false);
}

#[tokio::test]
async fn the_backend_refuses_settings_that_break_the_rules_field_by_field() {
    let server = TestServer::start().await;
    let marek = sign_in(&server, "seller@example.com").await;
    let doc = settings_doc(&server, &marek).await;
    let mut settings = doc["settings"].clone();
    settings["phone"]["number"] = json!("0905 123 456");
    settings["hours"]["mon"] = json!([{ "start": "09:00", "end": "13:00" }, { "start": "12:00", "end": "18:00" }]);
    settings["hours"]["tue"] = json!([{ "start": "10:00", "end": "10:00" }]);
    settings["time_zone"] = json!("Europe/Atlantis");
    let body = problem(save(&server, &marek, &doc["version"], &settings).await, 422, "validation").await;
    let found: Vec<(String, String)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_owned(), e["code"].as_str().unwrap().to_owned()))
        .collect();
    for expected in [
        ("time_zone", "invalid_time_zone"),
        ("phone.number", "invalid_phone"),
        ("hours.tue.0", "empty_range"),
        ("hours.mon.1", "overlapping_ranges"),
    ] {
        assert!(found.contains(&(expected.0.into(), expected.1.into())), "{expected:?} in {found:?}");
    }

    // The phone needs hours.
    let mut settings = doc["settings"].clone();
    settings["hours"] = json!({});
    let body = problem(save(&server, &marek, &doc["version"], &settings).await, 422, "validation").await;
    assert_eq!(body["errors"][0]["field"], "phone.enabled");
    assert_eq!(body["errors"][0]["code"], "phone_without_hours");
    assert_eq!(settings_doc(&server, &marek).await["version"], 1, "nothing was saved");
}

#[tokio::test]
async fn a_free_mailbox_is_saved_with_a_warning() {
    let server = TestServer::start().await;
    let marek = sign_in(&server, "seller@example.com").await;
    let doc = settings_doc(&server, &marek).await;
    let mut settings = doc["settings"].clone();
    settings["email"]["address"] = json!("severny.veter@gmail.com");
    settings["signature"] = json!("");
    let saved = json_ok(save(&server, &marek, &doc["version"], &settings).await, StatusCode::OK).await;
    assert_eq!(saved["warnings"][0]["field"], "email.address");
    assert_eq!(saved["warnings"][0]["code"], "free_mailbox");
}

#[tokio::test]
async fn a_holiday_override_hides_the_phone_and_the_next_window_skips_the_closed_days() {
    let server = TestServer::start().await;
    let marek = sign_in(&server, "seller@example.com").await;
    let doc = settings_doc(&server, &marek).await;
    let mut settings = doc["settings"].clone();
    settings["overrides"] = json!([
        { "date": "2026-12-24", "ranges": [], "note": "Christmas Eve" },
        { "date": "2026-12-25", "ranges": [], "note": "Christmas Day" },
    ]);
    json_ok(save(&server, &marek, &doc["version"], &settings).await, StatusCode::OK).await;
    set_clock(&server, "2026-12-24T09:00:00Z").await; // a Thursday, 10:00 there
    let body = contact(&server, None, "demo-seller").await;
    let phone = channel(&body, "phone");
    assert_eq!(phone["available_now"], false);
    assert!(phone.get("phone").is_none());
    // Friday 25th closed too; Saturday 26th 10:00–14:00.
    assert_eq!(phone["next_window"]["starts_at"], "2026-12-26T09:00:00Z");
    assert_eq!(body["overrides"][0]["note"], "Christmas Eve");
}

/// An email of the outbox, read by a mail parser: its subject, addresses and text part.
struct Mail {
    subject: String,
    to: String,
    reply_to: Option<String>,
    text: String,
    html: String,
}

impl Mail {
    /// Everything a person reads: headers as decoded and the text.
    fn contains(&self, what: &str) -> bool {
        self.subject.contains(what) || self.to.contains(what) || self.text.contains(what)
    }
}

/// The email in `dir` whose file name contains `part`.
fn read_email(dir: &std::path::Path, part: &str) -> Option<Mail> {
    let entry = std::fs::read_dir(dir).ok()?.filter_map(Result::ok).find(|e| e.file_name().to_string_lossy().contains(part))?;
    let raw = std::fs::read(entry.path()).ok()?;
    let parsed = mail_parser::MessageParser::default().parse(&raw)?;
    let address = |a: Option<&mail_parser::Address>| {
        a.and_then(|a| a.first()).map(|a| format!("{} <{}>", a.name().unwrap_or_default(), a.address().unwrap_or_default()))
    };
    Some(Mail {
        subject: parsed.subject().unwrap_or_default().to_owned(),
        to: address(parsed.to()).unwrap_or_default(),
        reply_to: address(parsed.reply_to()),
        text: parsed.body_text(0)?.into_owned(),
        html: parsed.body_html(0)?.into_owned(),
    })
}

fn eml_count(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

#[tokio::test]
async fn a_message_is_stored_forwarded_to_the_seller_with_the_signature_and_acknowledged() {
    let server = TestServer::start().await;
    let anna = sign_in(&server, "shopper@example.com").await;
    set_clock(&server, MONDAY_EVENING).await;
    let r = send_as(
        &server,
        Some(&anna),
        reqwest::Method::POST,
        "/api/sellers/demo-seller/messages",
        &json!({
            "subject": "Order 1042",
            "message": "Hello! When will my order ship?",
            "reply_to": "shopper@example.com",
            "context": { "order": "1042" },
            "website": ""
        }),
    )
    .await;
    let receipt = json_ok(r, StatusCode::CREATED).await;
    // The clock keeps running from where the test set it.
    let instant = |v: &Value| vitrina_core::civil::parse_rfc3339(v.as_str().unwrap()).unwrap().0;
    let received = instant(&receipt["received_at"]);
    assert!((0..60).contains(&(received - instant(&json!(MONDAY_EVENING)))));
    assert_eq!(receipt["response_time_hours"], 24);
    // Within a day, in working days: Monday evening's message is due by the end of Tuesday's
    // hours (18:00 in Bratislava).
    assert_eq!(receipt["reply_expected_by"], "2026-11-24T17:00:00Z");
    assert!(receipt.get("away").is_none());
    // A reference number a person can quote; the acknowledgement went to the sender's own
    // verified address.
    assert!(receipt["id"].as_str().unwrap().len() == 9, "{receipt}");
    assert_eq!(receipt["acknowledgement_sent_to"], "shopper@example.com");

    let stored: (String, String, Option<String>) = rusqlite::Connection::open(server.db_path())
        .unwrap()
        .query_row(
            "SELECT subject, account_email, order_number FROM contact_messages WHERE id = ?1",
            [receipt["id"].as_str().unwrap()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(stored, ("Order 1042".into(), "shopper@example.com".into(), Some("1042".into())));

    let outbox = server.dir.path().join("outbox");
    let to_seller = read_email(&outbox, "to-seller").expect("the seller's copy");
    assert_eq!(to_seller.to, "Severny Veter Home & Apparel <marek@severny-veter.example>");
    assert_eq!(to_seller.reply_to.as_deref(), Some(" <shopper@example.com>"));
    assert_eq!(to_seller.subject, "Order 1042");
    assert!(to_seller.contains("About order: 1042"));
    assert!(to_seller.contains("Hello! When will my order ship?"));
    // What was checked, said exactly: the account, its verified address, and the reply address.
    assert!(
        to_seller.contains("From: shopper@example.com, signed in, with an email address the store has verified."),
        "{}",
        to_seller.text
    );
    assert!(!to_seller.contains("nobody checked"));
    assert!(to_seller.contains(&format!("Reference number: {}", receipt["id"].as_str().unwrap())));
    // Seed 003's signature between two horizontal lines: name, company, site, email.
    let rule = vitrina_core::contact::signature::RULE;
    let framed = to_seller.text.split(rule).nth(1).expect("a framed signature");
    for line in ["Marek Horváth", "Severny Veter s.r.o.", "https://severny-veter.example", "marek@severny-veter.example"] {
        assert!(framed.contains(line), "{line} in {framed}");
    }
    assert!(framed.trim().lines().count() <= 6);
    assert!(framed.lines().all(|l| l.chars().count() <= 70));

    let ack = read_email(&outbox, "acknowledgement").expect("the acknowledgement");
    assert!(ack.to.ends_with("<shopper@example.com>"), "{}", ack.to);
    assert!(ack.subject.contains(receipt["id"].as_str().unwrap()), "{}", ack.subject);
    assert!(ack.contains("has arrived"));
    assert!(ack.contains("within 1 working day"), "{}", ack.text);
    assert!(ack.contains("Tuesday, November 24, 2026") && ack.contains("6:00") && ack.contains("Europe/Bratislava"), "{}", ack.text);
    assert!(ack.html.contains("<!doctype html>") && ack.html.contains("width=device-width"));
}

#[tokio::test]
async fn a_message_to_an_away_seller_is_acknowledged_with_the_return_date() {
    let server = TestServer::start().await;
    set_clock(&server, MONDAY_MORNING).await;
    let marek = sign_in(&server, "seller@example.com").await;
    let doc = settings_doc(&server, &marek).await;
    let mut settings = doc["settings"].clone();
    settings["away"] = json!({ "enabled": true, "until": "2026-11-30", "note": "Orders still ship daily." });
    json_ok(save(&server, &marek, &doc["version"], &settings).await, StatusCode::OK).await;

    let shown = contact(&server, None, "demo-seller").await;
    assert_eq!(shown["away"]["until"], "2026-11-30");
    assert!(channel(&shown, "phone").get("phone").is_none(), "no phone while away");
    let r = send_as(
        &server,
        None,
        reqwest::Method::POST,
        "/api/sellers/demo-seller/messages",
        &json!({ "subject": "Hello", "message": "A question", "reply_to": "visitor@example.com" }),
    )
    .await;
    let receipt = json_ok(r, StatusCode::CREATED).await;
    assert_eq!(receipt["away"]["until"], "2026-11-30");
    // Back on Monday 30th; within a day counts from there: the end of Tuesday's hours.
    assert_eq!(receipt["reply_expected_by"], "2026-12-01T17:00:00Z");
    // Nobody signed in: the answer on the page is the acknowledgement, no email is.
    assert!(receipt.get("acknowledgement_sent_to").is_none());
    assert!(read_email(&server.dir.path().join("outbox"), "acknowledgement").is_none());

    // A signed-in sender with a verified address gets it by email, with the return date.
    let anna = sign_in(&server, "shopper@example.com").await;
    let r = send_as(
        &server,
        Some(&anna),
        reqwest::Method::POST,
        "/api/sellers/demo-seller/messages",
        &json!({ "subject": "Hello", "message": "A question", "reply_to": "shopper@example.com" }),
    )
    .await;
    json_ok(r, StatusCode::CREATED).await;
    let ack = read_email(&server.dir.path().join("outbox"), "acknowledgement").unwrap();
    assert!(ack.contains("is away until November 30, 2026"), "{}", ack.text);
    assert!(ack.contains("Orders still ship daily."), "{}", ack.text);
}

#[tokio::test]
async fn the_form_checks_its_fields() {
    let server = TestServer::start().await;
    let r = send_as(
        &server,
        None,
        reqwest::Method::POST,
        "/api/sellers/demo-seller/messages",
        &json!({ "subject": " ", "message": "", "reply_to": "not-an-address" }),
    )
    .await;
    let body = problem(r, 422, "validation").await;
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["subject", "message", "reply_to"]);
}

#[tokio::test]
async fn a_filled_honeypot_gets_an_ordinary_answer_but_the_message_goes_nowhere() {
    let server = TestServer::start().await;
    let r = send_as(
        &server,
        None,
        reqwest::Method::POST,
        "/api/sellers/demo-seller/messages",
        &json!({ "subject": "Cheap watches", "message": "Buy now", "reply_to": "bot@spam.example", "website": "http://spam.example" }),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(eml_count(&server.dir.path().join("outbox")), 0);
    let stored: i64 =
        rusqlite::Connection::open(server.db_path()).unwrap().query_row("SELECT COUNT(*) FROM contact_messages", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, 0);
}

fn message_from(sender: &str) -> Value {
    json!({ "subject": "Question", "message": "Do you ship to Košice?", "reply_to": sender })
}

#[tokio::test]
async fn one_sender_may_send_three_messages_in_fifteen_minutes() {
    let server = TestServer::start().await;
    set_clock(&server, MONDAY_MORNING).await;
    let path = "/api/sellers/demo-seller/messages";
    for _ in 0..3 {
        let r = send_as(&server, None, reqwest::Method::POST, path, &message_from("eager@example.com")).await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let r = send_as(&server, None, reqwest::Method::POST, path, &message_from("Eager@Example.com")).await;
    let wait = retry_after_within(&r, 900);
    let body = problem(r, 429, "rate-limited").await;
    assert_eq!(body["retry_after_seconds"], wait);
    // Someone else is not affected, and the sender may write again after the window.
    let r = send_as(&server, None, reqwest::Method::POST, path, &message_from("calm@example.com")).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    set_clock(&server, "2026-11-23T09:15:01Z").await;
    let r = send_as(&server, None, reqwest::Method::POST, path, &message_from("eager@example.com")).await;
    assert_eq!(r.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_message_repeated_under_its_idempotency_key_is_sent_once_and_answered_as_the_first_time() {
    let server = TestServer::start().await;
    set_clock(&server, MONDAY_MORNING).await;
    let path = "/api/sellers/demo-seller/messages";
    let key = "9b2f6c1e-4d0a-4f7e-8a51-2c3d4e5f6a7b";
    let first = server.post_with_key(path, &message_from("once@example.com"), key).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    // Its answer was lost; the shopper presses Send again, with the same key, twice, and then
    // after the sender's limit (three in fifteen minutes) would have refused a new message.
    for _ in 0..3 {
        let again = server.post_with_key(path, &message_from("once@example.com"), key).await;
        assert_eq!(again.status(), StatusCode::CREATED);
        assert_eq!(again.json::<Value>().await.unwrap(), first, "the first answer, the same reference number");
    }
    let stored: i64 =
        rusqlite::Connection::open(server.db_path()).unwrap().query_row("SELECT COUNT(*) FROM contact_messages", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, 1);
    assert_eq!(eml_count(&server.dir.path().join("outbox")), 1, "one copy to the seller");
    // The repeats did not count against the sender: two more new messages are let through.
    for _ in 0..2 {
        let r = send_as(&server, None, reqwest::Method::POST, path, &message_from("once@example.com")).await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    // The key of that message, with another text: refused, and nothing sent.
    let other = json!({ "subject": "Question", "message": "Another question", "reply_to": "once@example.com" });
    problem(server.post_with_key(path, &other, key).await, 422, "idempotency-key-reused").await;
    problem(server.post_with_key(path, &message_from("once@example.com"), "bad\tkey").await, 400, "idempotency-key-missing").await;
    // A robot's message repeated is answered as a person's is: the same receipt, still nothing sent.
    let robot =
        json!({ "subject": "Cheap watches", "message": "Buy now", "reply_to": "bot@spam.example", "website": "http://spam.example" });
    let first = json_ok(server.post_with_key(path, &robot, "robot-key").await, StatusCode::CREATED).await;
    let again = json_ok(server.post_with_key(path, &robot, "robot-key").await, StatusCode::CREATED).await;
    assert_eq!(again, first);
    assert_eq!(eml_count(&server.dir.path().join("outbox")), 3, "the person's three messages to the seller, none from the robot");
}

#[tokio::test]
async fn one_network_address_may_send_ten_messages_an_hour() {
    let server = TestServer::start().await;
    set_clock(&server, MONDAY_MORNING).await;
    let path = "/api/sellers/demo-seller/messages";
    for i in 0..10 {
        let r = send_as(&server, None, reqwest::Method::POST, path, &message_from(&format!("person{i}@example.com"))).await;
        assert_eq!(r.status(), StatusCode::CREATED, "message {i}");
    }
    let r = send_as(&server, None, reqwest::Method::POST, path, &message_from("person10@example.com")).await;
    problem(r, 429, "rate-limited").await;
}

#[tokio::test]
async fn an_unknown_seller_is_not_found() {
    let server = TestServer::start().await;
    problem(server.get("/api/sellers/nobody/contact").await, 404, "not-found").await;
}

#[tokio::test]
async fn the_form_cannot_mail_anyone_else_nor_reveal_what_the_seller_hid() {
    let server = TestServer::start().await;
    let outbox = server.dir.path().join("outbox");
    // Outside the hours (03:00 in Bratislava): the page withholds the phone.
    set_clock(&server, "2026-11-24T02:00:00Z").await;
    let send = |reply_to: &'static str, session: Option<Session>| {
        let server = &server;
        async move {
            send_as(
                server,
                session.as_ref(),
                reqwest::Method::POST,
                "/api/sellers/demo-seller/messages",
                &json!({ "subject": "Your account is locked", "message": "Verify at https://evil.example", "reply_to": reply_to }),
            )
            .await
        }
    };
    // Display-name and case variants of one mailbox are one sender: the fourth is refused.
    for variant in ["victim@example.com", "a <victim@example.com>", "\"b\" <Victim@Example.com>"] {
        let receipt = json_ok(send(variant, None).await, StatusCode::CREATED).await;
        assert!(receipt.get("acknowledgement_sent_to").is_none(), "nobody signed in: no email to {variant}");
    }
    assert_eq!(send("c<VICTIM@example.com>", None).await.status(), StatusCode::TOO_MANY_REQUESTS);
    // What could break a header or route the mail elsewhere is not an address at all.
    for broken in ["a<victim2@example.com", "x\\\"y@example.com", "a,b@example.com"] {
        problem(send(broken, None).await, 422, "validation").await;
    }
    // Not one acknowledgement went out: the victim's mailbox got nothing.
    let names: Vec<String> =
        std::fs::read_dir(&outbox).unwrap().filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| n.ends_with("-to-seller.eml")), "{names:?}");
    // The seller is told that nothing was checked, and the reply address is the bare mailbox.
    let to_seller = read_email(&outbox, "to-seller").unwrap();
    assert!(to_seller.contains("Nothing about the sender was checked"), "{}", to_seller.text);
    assert!(to_seller.contains("nobody checked"));

    // A verified shopper typing someone else's address to reply to: still no acknowledgement
    // there, and the seller reads which address was verified and which was not.
    let anna = sign_in(&server, "shopper@example.com").await;
    let receipt = json_ok(send("ceo@bank.example", Some(anna)).await, StatusCode::CREATED).await;
    assert!(receipt.get("acknowledgement_sent_to").is_none());
    let id = receipt["id"].as_str().unwrap();
    let to_seller = read_email(&outbox, &format!("{id}-to-seller")).unwrap();
    assert!(to_seller.contains("From: shopper@example.com, signed in, with an email address the store has verified."));
    assert!(to_seller.contains("Replies go to ceo@bank.example, an address the sender typed and nobody checked."), "{}", to_seller.text);

    // To the shopper's own verified address: acknowledged, without the number the page hides at
    // this hour and with only what the page shows this shopper.
    let anna = sign_in(&server, "shopper@example.com").await;
    let receipt = json_ok(send("shopper@example.com", Some(anna)).await, StatusCode::CREATED).await;
    assert_eq!(receipt["acknowledgement_sent_to"], "shopper@example.com");
    let ack = read_email(&outbox, &format!("{}-acknowledgement", receipt["id"].as_str().unwrap())).unwrap();
    assert!(!ack.text.contains("905") && !ack.html.contains("905"), "the phone outside its hours: {}", ack.text);
    assert!(ack.contains(receipt["id"].as_str().unwrap()), "the reference number");
}

#[tokio::test]
async fn a_hidden_address_never_appears_in_an_acknowledgement() {
    let server = TestServer::start().await;
    let outbox = server.dir.path().join("outbox");
    // `form-only` hides its address (show_address: false) and takes messages from signed-in customers.
    let anna = sign_in(&server, "shopper@example.com").await;
    let r = send_as(
        &server,
        Some(&anna),
        reqwest::Method::POST,
        "/api/sellers/form-only/messages",
        &json!({ "subject": "hi", "message": "hi", "reply_to": "shopper@example.com" }),
    )
    .await;
    let receipt = json_ok(r, StatusCode::CREATED).await;
    assert_eq!(receipt["acknowledgement_sent_to"], "shopper@example.com");
    let ack = read_email(&outbox, "acknowledgement").unwrap();
    assert!(!ack.text.contains("irina@") && !ack.html.contains("irina@"), "{}", ack.text);
    assert!(ack.contains("Irina Sokolova"), "the signature is there, without the address: {}", ack.text);
}
