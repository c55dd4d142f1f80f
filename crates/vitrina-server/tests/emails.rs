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
        "RUB 7,383.00",
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
        "7 383,00 RUB",
        "Очікувана дата відправлення:",
        "Скасувати замовлення",
        "в дорозі",
        "доставлено",
        "скасовано",
    ),
    (
        "sk",
        "Objednávka 1042 prijatá, čaká na platbu",
        "7 383,00 RUB",
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
        // Monday 23 November 2026, 09:00 in Moscow: before the cut-off, so it leaves today.
        server.set_clock("2026-11-23T06:00:00Z").await;
        // Half the languages named in the order, half only by the browser's Accept-Language.
        let (number, _) = place_order(&Remote::of(&server), locale, i % 2 == 0).await;
        let outbox = server.dir.path().join("outbox");
        let mails = emails_of(&outbox, &number);
        assert_eq!(mails.len(), 1, "{locale}: only the confirmation so far: {mails:?}");
        let confirmation = &mails[0];
        assert!(confirmation.subject.starts_with(subject), "{locale}: {}", confirmation.subject);
        assert_eq!(confirmation.language, locale);
        assert!(confirmation.text.contains(total), "{locale}: money as the language writes it: {}", confirmation.text);
        let today = ["November 23, 2026", "23 ноября 2026 г.", "23 листопада 2026 р.", "23. novembra 2026"][i];
        assert!(confirmation.text.contains(&format!("{dispatch} {today}")), "{locale}: the dispatch date: {}", confirmation.text);
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
    let (mut held, base, _) = common::start_binary(dir.path(), &["--hold-mail"]);
    let (number, _) = place_order(&Remote { base, client: reqwest::Client::new() }, "ru", true).await;
    let name = format!("order-{number}-0-created");
    assert_eq!(outbox_state(dir.path(), &name).as_deref(), Some("pending"), "committed with the order");
    assert!(emails_of(&outbox, &number).is_empty(), "not delivered yet");
    // Killed between committing and delivering.
    held.kill().unwrap();
    held.wait().unwrap();

    let (mut again, _, _) = common::start_binary(dir.path(), &[]);
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
    let (mut third, _, _) = common::start_binary(dir.path(), &[]);
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

/// The kind of event each email of `mails` is about (`created`, `lines_cancelled`, …).
fn kinds(mails: &[Mail]) -> Vec<&str> {
    mails.iter().filter_map(|m| m.name.trim_end_matches(".eml").splitn(4, '-').nth(3)).collect()
}

/// The email about the order's event `kind`; fails when there is none.
fn email_of<'a>(mails: &'a [Mail], kind: &str) -> &'a Mail {
    let suffix = format!("-{kind}.eml");
    mails.iter().find(|m| m.name.ends_with(&suffix)).unwrap_or_else(|| panic!("the {kind} email: {:?}", kinds(mails)))
}

/// A line of the order as its page names it (`Linen shirt (M · White)`), in the order's language.
async fn line_title(server: &TestServer, number: &str, token: &str, line_id: &str) -> String {
    let order = server.order(number, token).await;
    let line = order["lines"].as_array().unwrap().iter().find(|l| l["id"] == line_id).unwrap_or_else(|| panic!("line {line_id}: {order}"));
    format!("{} ({})", line["name"].as_str().unwrap(), line["variant_label"].as_str().unwrap())
}

/// Roubles as `locale` writes them (CLDR's no-break spaces read as plain ones).
fn rub(locale: &str, minor: i64) -> String {
    let (whole, cents) = (minor / 100, minor % 100);
    let digits = whole.to_string();
    let mut groups = Vec::new();
    let mut end = digits.len();
    while end > 3 {
        groups.insert(0, &digits[end - 3..end]);
        end -= 3;
    }
    groups.insert(0, &digits[..end]);
    // The symbol as the browser's Intl writes it on the page: `₽` in Russian, the code elsewhere.
    match locale {
        "en" => format!("RUB {}.{cents:02}", groups.join(",")),
        "ru" => format!("{},{cents:02} ₽", groups.join(" ")),
        _ => format!("{},{cents:02} RUB", groups.join(" ")),
    }
}

/// What each language says in the emails of the steps after placing: (locale, substitution
/// subject, lines-cancelled subject, return subject, expired subject, not-collected subject,
/// a word of the last day's month, a word of "nothing was charged").
type AfterPlacing = (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str);

const AFTER_PLACING: [AfterPlacing; 4] = [
    (
        "en",
        "the seller asks about an item",
        "Items cancelled from order",
        "Return request for order",
        "not paid in time",
        "was not collected",
        "November 30, 2026",
        "Nothing was charged",
    ),
    (
        "ru",
        "продавец спрашивает о товаре",
        "Товары из заказа",
        "Заявка на возврат по заказу",
        "не оплачен вовремя",
        "не был получен",
        "30 ноября 2026",
        "ничего не списано",
    ),
    (
        "uk",
        "продавець питає про товар",
        "Товари із замовлення",
        "Заявку на повернення за замовленням",
        "не оплачено вчасно",
        "не отримано",
        "30 листопада 2026",
        "нічого не списано",
    ),
    (
        "sk",
        "predajca sa pýta na položku",
        "Položky z objednávky",
        "Žiadosť o vrátenie k objednávke",
        "nebola včas zaplatená",
        "nebola vyzdvihnutá",
        "30. novembra 2026",
        "nič nestiahlo",
    ),
];

#[tokio::test]
async fn a_substitution_proposal_says_what_instead_what_it_costs_how_to_answer_and_by_when() {
    for (locale, subject, ..) in AFTER_PLACING {
        let server = TestServer::start().await;
        // Monday 23 November 2026, 12:00 in Moscow: the answer is due by 12:30 there.
        server.set_clock("2026-11-23T09:00:00Z").await;
        let (number, token) = place_order(&Remote::of(&server), locale, true).await;
        let shirt = line_title(&server, &number, &token, "1").await;
        let r = server.post(&format!("/api/test/orders/{number}/lines/1/substitution"), &json!({ "variant_id": "linen-shirt-4" })).await;
        let proposal = json_ok(r, StatusCode::CREATED).await;
        let substitute =
            format!("{} ({})", proposal["substitute"]["name"].as_str().unwrap(), proposal["substitute"]["variant_label"].as_str().unwrap());
        let named = match locale {
            "ru" => "Льняная рубашка (M · Тёмно-синий)",
            "uk" => "Лляна сорочка (M · Темно-синій)",
            "sk" => "Ľanová košeľa (M · Tmavomodrá)",
            _ => "Linen shirt (M · Navy)",
        };
        assert_eq!(substitute, named, "the substitute is named in the order's language");
        assert!(shirt.starts_with(named.split(" (").next().unwrap()), "{locale}: the line it replaces too: {shirt}");
        let mails = emails_of(&server.dir.path().join("outbox"), &number);
        let mail = email_of(&mails, "substitution_proposed");
        assert_eq!(mail.language, locale);
        assert!(mail.subject.contains(subject) && mail.subject.contains(&number), "{locale}: {}", mail.subject);
        for fact in [&format!("{shirt} × 2"), &substitute, &rub(locale, 359_000), &rub(locale, 20_000), "12:30", "Europe/Moscow"] {
            assert!(mail.text.contains(fact), "{locale}: {fact:?} in {}", mail.text);
        }
        assert!(mail.text.contains(&format!("/orders/{number}?token=")), "{locale}: where to answer: {}", mail.text);
        assert!(mail.html.contains(&substitute) && mail.html.contains(&format!("lang=\"{locale}\"")), "{locale}: {}", mail.html);
        let unanswered = ["whole order is cancelled", "весь заказ отменяется", "усе замовлення скасовується", "celá objednávka sa zruší"];
        assert!(unanswered.iter().any(|w| mail.text.contains(w)), "{locale}: what happens without an answer: {}", mail.text);
    }
}

#[tokio::test]
async fn cancelled_items_name_the_lines_and_the_refund_in_one_email() {
    for (locale, _, subject, ..) in AFTER_PLACING {
        let server = TestServer::start().await;
        let (number, token) = place_order(&Remote::of(&server), locale, true).await;
        server.approve_payment(&number).await;
        set_status(&server, &number, "handed_to_carrier").await;
        let (shirt, mug) = (line_title(&server, &number, &token, "1").await, line_title(&server, &number, &token, "2").await);
        let lines = json!([{ "line_id": "1", "quantity": 1 }]);
        let r = server.post(&format!("/api/orders/{number}/cancellation"), &json!({ "access_token": token, "lines": lines })).await;
        json_ok(r, StatusCode::OK).await;
        let mails = emails_of(&server.dir.path().join("outbox"), &number);
        // The refund is told in the cancellation's own email, not in a second one.
        assert_eq!(kinds(&mails), ["created", "payment_approved", "handed_to_carrier", "lines_cancelled"], "{locale}");
        let mail = email_of(&mails, "lines_cancelled");
        assert!(mail.subject.contains(subject) && mail.subject.contains(&number), "{locale}: {}", mail.subject);
        // Items 4 280.00, WELCOME10 −428.00, delivery 390.00: 4 242.00; 3 141.00 back to the card.
        for fact in [&format!("{shirt} × 1"), &rub(locale, 314_100), &rub(locale, 424_200)] {
            assert!(mail.text.contains(fact), "{locale}: {fact:?} in {}", mail.text);
        }
        assert!(!mail.text.contains(&mug), "{locale}: only the cancelled line: {}", mail.text);
        let carrier = ["told to bring the cancelled items back", "поручено вернуть", "доручено повернути", "vrátiť zrušené položky"];
        assert!(carrier.iter().any(|w| mail.text.contains(w)), "{locale}: the carrier brings them back: {}", mail.text);
    }

    // Unpaid, nothing is refunded and the email says the card was not charged.
    let server = TestServer::start().await;
    let (number, token) = place_order(&Remote::of(&server), "ru", true).await;
    let mug = line_title(&server, &number, &token, "2").await;
    let lines = json!([{ "line_id": "2", "quantity": 1 }]);
    json_ok(
        server.post(&format!("/api/orders/{number}/cancellation"), &json!({ "access_token": token, "lines": lines })).await,
        StatusCode::OK,
    )
    .await;
    let mails = emails_of(&server.dir.path().join("outbox"), &number);
    let mail = email_of(&mails, "lines_cancelled");
    assert!(mail.text.contains(&format!("{mug} × 1")), "{}", mail.text);
    assert!(mail.text.contains("С вашей карты ничего не списано"), "{}", mail.text);
    assert!(!mail.text.contains("возвращается на карту"), "{}", mail.text);
}

#[tokio::test]
async fn a_return_request_names_the_lines_and_what_happens_next() {
    for (locale, _, _, subject, ..) in AFTER_PLACING {
        let server = TestServer::start().await;
        let (number, token) = place_order(&Remote::of(&server), locale, true).await;
        server.approve_payment(&number).await;
        for status in ["handed_to_carrier", "received"] {
            set_status(&server, &number, status).await;
        }
        let (shirt, mug) = (line_title(&server, &number, &token, "1").await, line_title(&server, &number, &token, "2").await);
        let lines = json!([{ "line_id": "2", "quantity": 1 }]);
        let r = server.post(&format!("/api/orders/{number}/cancellation"), &json!({ "access_token": token, "lines": lines })).await;
        json_ok(r, StatusCode::OK).await;
        let mails = emails_of(&server.dir.path().join("outbox"), &number);
        let mail = email_of(&mails, "return_requested");
        assert!(mail.subject.contains(subject) && mail.subject.contains(&number), "{locale}: {}", mail.subject);
        assert!(mail.text.contains(&format!("{mug} × 1")) && !mail.text.contains(&shirt), "{locale}: {}", mail.text);
        let next = [
            ("Send the items back to the seller", "Once the seller has the items"),
            ("Отправьте товары обратно продавцу", "Когда товары будут у продавца"),
            ("Надішліть товари назад продавцеві", "Щойно товари будуть у продавця"),
            ("Pošlite tovar späť predajcovi", "Keď bude mať predajca tovar späť"),
        ];
        assert!(next.iter().any(|(send, refund)| mail.text.contains(send) && mail.text.contains(refund)), "{locale}: {}", mail.text);
    }
}

#[tokio::test]
async fn an_unpaid_card_order_that_expires_says_so_once_with_nothing_charged() {
    for (locale, _, _, _, subject, _, _, nothing) in AFTER_PLACING {
        let server = TestServer::start().await;
        // Placed at 12:00 Moscow time: to be paid by 13:00 there.
        server.set_clock("2026-11-23T09:00:00Z").await;
        let (number, _) = place_order(&Remote::of(&server), locale, true).await;
        server.set_clock("2026-11-23T10:05:00Z").await;
        let mails = emails_of(&server.dir.path().join("outbox"), &number);
        // One email for the step: the expiry, not a second "cancelled".
        assert_eq!(kinds(&mails), ["created", "payment_expired"], "{locale}");
        // The confirmation said by when, and what happens after.
        let confirmation = email_of(&mails, "created");
        assert!(confirmation.text.contains(if locale == "en" { "1:00 PM" } else { "13:00" }), "{locale}: {}", confirmation.text);
        let mail = email_of(&mails, "payment_expired");
        assert!(mail.subject.contains(subject) && mail.subject.contains(&number), "{locale}: {}", mail.subject);
        assert!(
            mail.text.contains(if locale == "en" { "1:00 PM" } else { "13:00" }) && mail.text.contains("Europe/Moscow"),
            "{locale}: by when: {}",
            mail.text
        );
        assert!(mail.text.to_lowercase().contains(&nothing.to_lowercase()), "{locale}: {}", mail.text);
        let on_sale = ["went back on sale", "снова в продаже", "знову в продажу", "opäť v predaji"];
        assert!(on_sale.iter().any(|w| mail.text.contains(w)), "{locale}: the items are released: {}", mail.text);
    }
}

#[tokio::test]
async fn a_parcel_not_collected_by_its_last_day_is_refused_and_refunded_in_one_email() {
    for (locale, _, _, _, _, subject, last_day, _) in AFTER_PLACING {
        let server = TestServer::start().await;
        // Ready on Monday 23 November 2026; the point keeps parcels for 7 days: until the 30th.
        server.set_clock("2026-11-23T09:00:00Z").await;
        let (number, token) = place(&Remote::of(&server), locale, true, true).await;
        server.approve_payment(&number).await;
        for status in ["handed_to_carrier", "ready_for_pickup"] {
            set_status(&server, &number, status).await;
        }
        server.set_clock("2026-12-01T09:00:00Z").await;
        let order = server.order(&number, &token).await;
        let refunded = order["refunds"][0]["amount"]["amount_minor"].as_i64().expect("a refund");
        let point = order["delivery"]["pickup_point"]["name"].as_str().unwrap().to_owned();
        let mails = emails_of(&server.dir.path().join("outbox"), &number);
        assert_eq!(kinds(&mails), ["created", "payment_approved", "handed_to_carrier", "ready_for_pickup", "not_collected"], "{locale}");
        let mail = email_of(&mails, "not_collected");
        assert!(mail.subject.contains(subject) && mail.subject.contains(&number), "{locale}: {}", mail.subject);
        for fact in [point.as_str(), last_day, &rub(locale, refunded)] {
            assert!(mail.text.contains(fact), "{locale}: {fact:?} in {}", mail.text);
        }
        let back = ["goes back to the seller", "возвращается продавцу", "повертається продавцеві", "vracia predajcovi"];
        assert!(back.iter().any(|w| mail.text.contains(w)), "{locale}: what happens to it: {}", mail.text);
    }
}

#[tokio::test]
async fn a_refund_email_names_the_refund_not_the_order_total() {
    let server = TestServer::start().await;
    let (number, token) = place_order(&Remote::of(&server), "en", true).await;
    server.approve_payment(&number).await;
    // The seller proposes to remove the mug; the shopper accepts: 790.00 less 10 % back.
    let r = server.post(&format!("/api/test/orders/{number}/lines/2/substitution"), &json!({})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = server.post(&format!("/api/orders/{number}/lines/2/substitution"), &json!({ "access_token": token, "accept": true })).await;
    let order = json_ok(r, StatusCode::OK).await;
    let refunded = order["refunds"][0]["amount"]["amount_minor"].as_i64().expect("a refund");
    let mails = emails_of(&server.dir.path().join("outbox"), &number);
    let mail = email_of(&mails, "refunded");
    assert!(mail.text.contains(&format!("{} for order {number} is refunded", rub("en", refunded))), "{}", mail.text);
}

/// The help link of an email's text ("Help pages: …").
fn help_link_of(mail: &Mail) -> String {
    mail.text.lines().find_map(|l| l.strip_prefix("Help pages: ")).unwrap_or_else(|| panic!("a help link: {}", mail.text)).to_owned()
}

#[tokio::test]
async fn order_emails_link_the_help_pages_the_app_links() {
    for (named, expected) in
        [(None, "/track"), (Some("https://help.example/shop"), "https://help.example/shop"), (Some("javascript:alert(1)"), "/track")]
    {
        let dir = tempfile::tempdir().unwrap();
        let server = TestServer::start_with(dir, |o| o.help_url = named.map(str::to_owned)).await;
        let config = json_ok(server.get("/config.json").await, StatusCode::OK).await;
        assert_eq!(config["help_url"], expected, "{named:?}");
        let (number, _) = place_order(&Remote::of(&server), "en", true).await;
        let mails = emails_of(&server.dir.path().join("outbox"), &number);
        let link = help_link_of(&mails[0]);
        // The app's own page is linked on the store's address, as every link of an email is.
        assert!(link.starts_with("http") && link.ends_with(expected), "{named:?}: {link}");
        assert!(mails[0].html.contains(">Help pages</a>"), "{named:?}: {}", mails[0].html);
    }
}

/// One round of the store's back office at `at` (the server's clock set there): deadlines
/// applied and orders moved one step along, as its 15-second round does, and the e-mails sent.
async fn back_office_at(server: &TestServer, at: &str) {
    server.set_clock(at).await;
    let state = server.state.clone();
    let (now, rules) = (state.clock.now(), state.options.order_rules.clone());
    state
        .db
        .run(move |tx| vitrina_server::domain::progress::settle_and_advance(tx, &vitrina_server::policy::RU, now, &rules, true))
        .await
        .expect("a round");
    vitrina_server::domain::mailer::flush(&state).await;
}

#[tokio::test]
async fn as_the_clock_moves_an_order_along_each_step_sends_its_email_in_the_shoppers_language() {
    for (i, (locale, _, _, _, _, shipped, delivered, _)) in LANGUAGES.into_iter().enumerate() {
        let pickup = i % 2 == 1;
        let server = TestServer::start().await;
        // Monday 23 November 2026, 09:00 in Moscow.
        server.set_clock("2026-11-23T06:00:00Z").await;
        let (number, _) = place(&Remote::of(&server), locale, true, pickup).await;
        server.approve_payment(&number).await;
        let outbox = server.dir.path().join("outbox");
        // Seen after a minute, confirmed after half an hour, handed over within four hours, with
        // the courier (or at the point) the next day, delivered (or collected) after that.
        for at in ["2026-11-23T06:02:00Z", "2026-11-23T06:40:00Z", "2026-11-23T11:00:00Z", "2026-11-24T12:00:00Z", "2026-11-25T13:00:00Z"] {
            back_office_at(&server, at).await;
        }
        let mails = emails_of(&outbox, &number);
        let expected: &[&str] = if pickup {
            &["created", "payment_approved", "confirmed_by_seller", "handed_to_carrier", "ready_for_pickup", "received"]
        } else {
            &["created", "payment_approved", "confirmed_by_seller", "handed_to_carrier", "received"]
        };
        assert_eq!(kinds(&mails), expected, "{locale}");
        assert!(mails.iter().all(|m| m.language == locale), "{locale}");
        assert!(email_of(&mails, "handed_to_carrier").subject.contains(shipped), "{locale}");
        assert!(email_of(&mails, "received").subject.contains(delivered), "{locale}");
        if pickup {
            let ready = email_of(&mails, "ready_for_pickup");
            // At the point on Tuesday the 24th, kept 7 days: until 1 December.
            assert!(
                ["December 1, 2026", "1 декабря 2026", "1 грудня 2026", "1. decembra 2026"].iter().any(|d| ready.text.contains(d)),
                "{locale}: {}",
                ready.text
            );
        }
    }
}

#[tokio::test]
async fn a_proposal_nobody_answers_removes_its_line_and_says_so_with_the_refund() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_with(dir, |o| o.order_rules.if_unanswered = vitrina_core::api::UnansweredSubstitution::RemoveLine).await;
    server.set_clock("2026-11-23T09:00:00Z").await;
    let (number, token) = place_order(&Remote::of(&server), "uk", true).await;
    let (shirt, mug) = (line_title(&server, &number, &token, "1").await, line_title(&server, &number, &token, "2").await);
    server.approve_payment(&number).await;
    let r = server.post(&format!("/api/test/orders/{number}/lines/2/substitution"), &json!({})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let removal = email_of(&emails_of(&server.dir.path().join("outbox"), &number), "substitution_proposed").text.clone();
    assert!(removal.contains("Прибрати його із замовлення"), "{removal}");
    assert!(removal.contains("цей товар прибирається із замовлення"), "what happens without an answer: {removal}");

    server.set_clock("2026-11-23T09:35:00Z").await;
    let mails = emails_of(&server.dir.path().join("outbox"), &number);
    // One email for the step: the line removed with its refund, no separate refund email.
    assert_eq!(kinds(&mails), ["created", "payment_approved", "substitution_proposed", "substitution_expired"]);
    let mail = email_of(&mails, "substitution_expired");
    assert!(mail.subject.contains(&format!("Замовлення {number}: товар прибрано")), "{}", mail.subject);
    assert!(mail.text.contains(&format!("{mug} × 1")) && !mail.text.contains(&shirt), "{}", mail.text);
    // 790.00 less its 10 % share of the discount: 711.00 back to the card.
    assert!(mail.text.contains("711,00 RUB повертається на картку"), "{}", mail.text);
}
