//! The store's emails follow the order, each in the shopper's language, parsed as a mail client
//! would; and an email committed with its order is delivered exactly once, even when the server
//! is killed before delivering it.

mod common;

use common::{TestServer, json_ok};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::path::Path;

/// A server reached over HTTP: in this process or the binary.
struct Remote {
    base: String,
    client: reqwest::Client,
}

impl Remote {
    fn of(server: &TestServer) -> Remote {
        Remote { base: server.base.clone(), client: server.client.clone() }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client.post(self.url(path)).json(body).send().await.expect("request")
    }
}

/// Places an order paid by card, in `locale` (named in the body, or only through
/// `Accept-Language`), and returns (number, token). It goes by courier, or with `pickup` to the
/// first pickup point.
async fn place_order(server: &Remote, locale: &str, in_body: bool) -> (String, String) {
    place(server, locale, in_body, false).await
}

async fn place(server: &Remote, locale: &str, in_body: bool, pickup: bool) -> (String, String) {
    let cart = json_ok(server.client.post(server.url("/api/carts")).send().await.unwrap(), StatusCode::CREATED).await;
    let cart = cart["id"].as_str().unwrap().to_owned();
    json_ok(
        server.post(&format!("/api/carts/{cart}/lines"), &json!({ "variant_id": "linen-shirt-2", "quantity": 2 })).await,
        StatusCode::OK,
    )
    .await;
    json_ok(
        server.post(&format!("/api/carts/{cart}/lines"), &json!({ "variant_id": "ceramic-mug-1", "quantity": 1 })).await,
        StatusCode::OK,
    )
    .await;
    let mut draft = json!({
        "cart_id": cart,
        "contact": { "email": "anna@example.com", "phone": "+7 912 345-67-89", "name": "Анна Петрова" },
        "address": { "country": "RU", "city": "Москва", "line": "ул. Ленина, д. 5, кв. 12", "postcode": "101000", "region": "Москва" },
        "payment_method": "card-online",
        "promo_code": "WELCOME10",
    });
    let q = json_ok(server.post("/api/checkout/quote", &draft).await, StatusCode::OK).await;
    draft["delivery"] = if pickup {
        let option = q["delivery_options"].as_array().unwrap().iter().find(|o| o["kind"] == "pickup_point").expect("a pickup option");
        json!({ "option_id": option["id"], "pickup_point_id": option["pickup_points"][0]["id"] })
    } else {
        json!({ "option_id": "courier", "date": q["delivery_options"][0]["dates"][0], "time_window_id": "evening" })
    };
    let q = json_ok(server.post("/api/checkout/quote", &draft).await, StatusCode::OK).await;
    let mut body = json!({ "draft": draft, "consents": { "terms_version": q["terms_version"], "personal_data": true }, "expected_total": q["totals"]["total"] });
    if in_body {
        body["locale"] = json!(locale);
    }
    let key = format!("k-{locale}-{}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos());
    let placed = server
        .client
        .post(server.url("/api/orders"))
        .header("Idempotency-Key", key)
        .header("Accept-Language", if in_body { "en-GB, en;q=0.9".to_owned() } else { format!("de-DE, {locale};q=0.8") })
        .json(&body)
        .send()
        .await
        .unwrap();
    let placed = json_ok(placed, StatusCode::CREATED).await;
    (placed["number"].as_str().unwrap().to_owned(), placed["access_token"].as_str().unwrap().to_owned())
}

async fn set_status(server: &TestServer, number: &str, status: &str) {
    let r = server.post(&format!("/api/test/orders/{number}/status"), &json!({ "status": status })).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
}

/// An email of the outbox as a mail client reads it.
#[derive(Debug)]
struct Mail {
    name: String,
    subject: String,
    language: String,
    text: String,
    html: String,
}

/// Every email in the outbox about order `number`, in the order they were written.
fn emails_of(dir: &Path, number: &str) -> Vec<Mail> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.retain(|n| n.starts_with(&format!("order-{number}-")) && n.ends_with(".eml"));
    names.sort_by_key(|n| n.split('-').nth(2).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0));
    names
        .into_iter()
        .map(|name| {
            let raw = std::fs::read(dir.join(&name)).unwrap();
            let m = mail_parser::MessageParser::default().parse(&raw).expect("a MIME message");
            Mail {
                subject: m.subject().unwrap_or_default().to_owned(),
                language: m.header_raw("Content-Language").unwrap_or_default().trim().to_owned(),
                text: m.body_text(0).expect("a text part").replace(['\u{a0}', '\u{202f}'], " "),
                html: m.body_html(0).expect("an HTML part").into_owned(),
                name,
            }
        })
        .collect()
}

/// What each language must show: (locale, confirmation subject start, total as written, dispatch
/// words, cancel words, shipped subject words, delivered words, cancelled words).
type Expected = (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str);

const LANGUAGES: [Expected; 4] = [
    (
        "en",
        "Order 1042 received, awaiting payment",
        "₽7,383.00",
        "Expected dispatch:",
        "Request cancellation",
        "is on its way",
        "delivered",
        "cancelled",
    ),
    (
        "ru",
        "Заказ 1042 принят и ожидает оплаты",
        "7 383,00 ₽",
        "Ожидаемая дата отправки:",
        "Отменить заказ",
        "в пути",
        "доставлен",
        "отменён",
    ),
    (
        "uk",
        "Замовлення 1042 прийнято й очікує на оплату",
        "7 383,00 ₽",
        "Очікувана дата відправлення:",
        "Скасувати замовлення",
        "в дорозі",
        "доставлено",
        "скасовано",
    ),
    (
        "sk",
        "Objednávka 1042 prijatá, čaká na platbu",
        "7 383,00 ₽",
        "Predpokladané odoslanie:",
        "Požiadať o zrušenie",
        "je na ceste",
        "doručená",
        "zrušená",
    ),
];

#[tokio::test]
async fn every_email_of_an_order_is_in_the_shoppers_language_and_comes_when_its_step_does() {
    for (i, (locale, subject, total, dispatch, cancel, shipped, delivered, cancelled)) in LANGUAGES.into_iter().enumerate() {
        let server = TestServer::start().await;
        // Half the languages named in the order, half only by the browser's Accept-Language.
        let (number, _) = place_order(&Remote::of(&server), locale, i % 2 == 0).await;
        let outbox = server.dir.path().join("outbox");
        let mails = emails_of(&outbox, &number);
        assert_eq!(mails.len(), 1, "{locale}: only the confirmation so far: {mails:?}");
        let confirmation = &mails[0];
        assert!(confirmation.subject.starts_with(subject), "{locale}: {}", confirmation.subject);
        assert_eq!(confirmation.language, locale);
        assert!(confirmation.text.contains(total), "{locale}: money as the language writes it: {}", confirmation.text);
        assert!(confirmation.text.contains(dispatch), "{locale}: {}", confirmation.text);
        assert!(confirmation.text.contains(cancel), "{locale}: how to cancel: {}", confirmation.text);
        assert!(confirmation.html.contains(&format!("lang=\"{locale}\"")));
        // The order page says which language the store writes in.
        let order =
            json_ok(server.get(&format!("/api/orders/{number}?token={}", extract_token(&confirmation.text))).await, StatusCode::OK).await;
        assert_eq!(order["locale"], locale);

        // A card order goes to the carrier only once paid.
        server.approve_payment(&number).await;
        for status in ["sent_to_seller", "confirmed_by_seller", "handed_to_carrier", "with_courier", "received"] {
            set_status(&server, &number, status).await;
        }
        let mails = emails_of(&outbox, &number);
        let kinds: Vec<&str> = mails.iter().filter_map(|m| m.name.trim_end_matches(".eml").splitn(4, '-').nth(3)).collect();
        // No email for "sent to the seller" or a courier "with courier": nothing the shopper waits for.
        assert_eq!(kinds, ["created", "payment_approved", "confirmed_by_seller", "handed_to_carrier", "received"], "{locale}");
        assert!(mails[3].subject.contains(shipped), "{locale}: {}", mails[3].subject);
        assert!(mails[3].text.contains("/track/PX"), "{locale}: the tracking link: {}", mails[3].text);
        assert!(mails[4].subject.contains(delivered), "{locale}: {}", mails[4].subject);
        assert!(mails.iter().all(|m| m.language == locale));

        let (second, token) = place_order(&Remote::of(&server), locale, i % 2 == 1).await;
        let r = server.post(&format!("/api/orders/{second}/cancellation"), &json!({ "access_token": token })).await;
        json_ok(r, StatusCode::OK).await;
        let mails = emails_of(&outbox, &second);
        assert_eq!(mails.len(), 2, "{locale}: {mails:?}");
        assert!(mails[1].subject.contains(cancelled), "{locale}: {}", mails[1].subject);
    }
}

#[tokio::test]
async fn an_order_at_the_pickup_point_brings_its_code_the_rule_for_it_and_the_last_day() {
    let server = TestServer::start().await;
    // Monday 23 November 2026, noon in Moscow; the point keeps parcels for 7 days.
    let r = server.post("/api/test/clock", &json!({ "now": "2026-11-23T09:00:00Z" })).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (number, _) = place(&Remote::of(&server), "ru", true, true).await;
    let outbox = server.dir.path().join("outbox");
    let confirmation = &emails_of(&outbox, &number)[0];
    assert!(!confirmation.text.contains("Код получения"), "no code before the parcel is there: {}", confirmation.text);

    server.approve_payment(&number).await;
    for status in ["sent_to_seller", "confirmed_by_seller", "handed_to_carrier", "ready_for_pickup"] {
        set_status(&server, &number, status).await;
    }
    let mails = emails_of(&outbox, &number);
    let ready = mails.iter().find(|m| m.name.ends_with("-ready_for_pickup.eml")).unwrap_or_else(|| panic!("the pickup email: {mails:?}"));
    assert_eq!(ready.language, "ru");
    assert!(ready.subject.contains(&format!("Заказ {number} ждёт вас в пункте выдачи")), "{}", ready.subject);
    let code = ready.text.split("Код получения: ").nth(1).and_then(|rest| rest.split_whitespace().next()).unwrap_or_default();
    assert!(!code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric()), "the pickup code: {}", ready.text);
    assert!(ready.text.contains("он заменяет вашу подпись"), "the rule for the code: {}", ready.text);
    assert!(ready.text.contains("Заберите заказ до 30 ноября 2026"), "the last day, as Russian writes it: {}", ready.text);
    assert!(ready.html.contains(code), "the code is in both parts");
    assert!(
        !mails.iter().any(|m| m.name.ends_with("-handed_to_carrier.eml") && m.text.contains(code)),
        "only the pickup email has the code"
    );
}

fn extract_token(text: &str) -> String {
    text.split_whitespace().find_map(|w| w.split("token=").nth(1)).expect("the order link").to_owned()
}

/// The server binary on `dir`, with extra arguments; returns it and its address.
fn start_binary(dir: &Path, extra: &[&str]) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vitrina-server"))
        .args(["--port", "0", "--db"])
        .arg(dir.join("store.sqlite"))
        .arg("--outbox")
        .arg(dir.join("outbox"))
        .args(["--test-hooks", "--no-auto-progress"])
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the server binary");
    let stdout = child.stdout.take().unwrap();
    let mut lines = std::io::BufReader::new(stdout).lines();
    let base = lines
        .find_map(|l| l.ok().and_then(|l| l.strip_prefix("Vitrina is at ").map(|s| s.trim_end_matches('/').to_owned())))
        .expect("the server's address");
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, base)
}

fn outbox_state(dir: &Path, name: &str) -> Option<String> {
    rusqlite::Connection::open(dir.join("store.sqlite"))
        .unwrap()
        .query_row("SELECT state FROM outbox WHERE name = ?1", [name], |r| r.get(0))
        .ok()
}

#[tokio::test]
async fn a_confirmation_committed_before_a_crash_is_delivered_once_after_the_restart() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox");
    // The sender is held: the order commits with its email, which is then not delivered.
    let (mut held, base) = start_binary(dir.path(), &["--hold-mail"]);
    let (number, _) = place_order(&Remote { base, client: reqwest::Client::new() }, "ru", true).await;
    let name = format!("order-{number}-0-created");
    assert_eq!(outbox_state(dir.path(), &name).as_deref(), Some("pending"), "committed with the order");
    assert!(emails_of(&outbox, &number).is_empty(), "not delivered yet");
    // Killed between committing and delivering.
    held.kill().unwrap();
    held.wait().unwrap();

    let (mut again, _) = start_binary(dir.path(), &[]);
    // Started means the outbox was flushed: the email is there, once.
    let mails = emails_of(&outbox, &number);
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].subject.starts_with("Заказ 1042"), "{}", mails[0].subject);
    assert_eq!(outbox_state(dir.path(), &name).as_deref(), Some("delivered"));
    again.kill().unwrap();
    again.wait().unwrap();

    // Killed after delivering but before marking it: delivered again, it is the same one file.
    rusqlite::Connection::open(dir.path().join("store.sqlite"))
        .unwrap()
        .execute("UPDATE outbox SET state = 'ready' WHERE name = ?1", [&name])
        .unwrap();
    let before = std::fs::read(outbox.join(format!("{name}.eml"))).unwrap();
    let (mut third, _) = start_binary(dir.path(), &[]);
    assert_eq!(emails_of(&outbox, &number).len(), 1);
    assert_eq!(std::fs::read(outbox.join(format!("{name}.eml"))).unwrap(), before, "the very same message");
    third.kill().unwrap();
    third.wait().unwrap();
}

#[tokio::test]
async fn the_slovak_stores_emails_speak_of_its_money_carrier_payment_name_and_days() {
    let server = TestServer::start_with(tempfile::tempdir().unwrap(), |o| o.store = vitrina_server::options::StoreId::Sk).await;
    // 23:30 in Bratislava on Monday 23 November 2026, already the 24th in Moscow.
    let r = server.post("/api/test/clock", &json!({ "now": "2026-11-23T22:30:00Z" })).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let cart = server.cart_of(&[("desk-lamp-1", 1)]).await;
    let mut draft = json!({
        "cart_id": cart,
        "contact": { "email": "jana@example.sk", "phone": "0905 123 456", "name": "Jana Nováková" },
        "address": { "country": "SK", "city": "Bratislava", "line": "Obchodná 5", "postcode": "811 01" },
        "payment_method": "cash-on-delivery",
    });
    let q = json_ok(server.post("/api/checkout/quote", &draft).await, StatusCode::OK).await;
    draft["delivery"] = json!({ "option_id": "courier", "date": q["delivery_options"][0]["dates"][0], "time_window_id": "evening" });
    let q = json_ok(server.post("/api/checkout/quote", &draft).await, StatusCode::OK).await;
    let body = json!({ "draft": draft, "consents": { "terms_version": q["terms_version"], "personal_data": true }, "expected_total": q["totals"]["total"] });
    let placed = server
        .client
        .post(server.url("/api/orders"))
        .header("Idempotency-Key", "sk-emails")
        .header("Accept-Language", "sk-SK, sk;q=0.9")
        .json(&body)
        .send()
        .await
        .unwrap();
    let placed = json_ok(placed, StatusCode::CREATED).await;
    let number = placed["number"].as_str().unwrap().to_owned();
    let outbox = server.dir.path().join("outbox");

    let confirmation = &emails_of(&outbox, &number)[0];
    assert_eq!(confirmation.language, "sk");
    assert!(confirmation.subject.contains("Vitrina Demo Obchod"), "the store's own name: {}", confirmation.subject);
    assert!(confirmation.text.contains('€') && !confirmation.text.contains('₽'), "its money: {}", confirmation.text);
    assert!(
        confirmation.text.contains("Lynx Courier") && !confirmation.text.contains("Pony Express"),
        "its carrier: {}",
        confirmation.text
    );
    assert!(confirmation.text.contains("Dobierka v hotovosti"), "the payment method by the backend's name: {}", confirmation.text);
    assert!(confirmation.text.contains("811 01"), "the address as typed: {}", confirmation.text);

    for status in ["sent_to_seller", "confirmed_by_seller", "handed_to_carrier", "with_courier", "received"] {
        set_status(&server, &number, status).await;
    }
    let mails = emails_of(&outbox, &number);
    let shipped = mails.iter().find(|m| m.name.ends_with("-handed_to_carrier.eml")).expect("the shipped email");
    assert!(shipped.text.contains("/track/LX"), "its carrier's parcel number: {}", shipped.text);
    let delivered = mails.iter().find(|m| m.name.ends_with("-received.eml")).expect("the delivered email");
    assert!(
        delivered.text.contains("23. 11. 2026") || delivered.text.contains("23. novembra 2026"),
        "Bratislava's day: {}",
        delivered.text
    );
    assert!(!delivered.text.contains("24. 11. 2026") && !delivered.text.contains("24. novembra 2026"), "not Moscow's: {}", delivered.text);
}
