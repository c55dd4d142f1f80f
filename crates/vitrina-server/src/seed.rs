//! The demo store, written on first start. Identifiers here are stable: the README, the test
//! suites and shared links rely on them.

use crate::auth::hash_password;
use rusqlite::{Connection, params};
use vitrina_core::civil::{Date, UnixSeconds, format_rfc3339_with_offset};

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;

/// Writes the demo store if the database has never been seeded. Returns whether it did.
pub fn seed_if_empty(conn: &mut Connection, now: UnixSeconds) -> Result<bool, rusqlite::Error> {
    let seeded: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = 'seeded_at'", [], |r| r.get(0)).ok();
    if seeded.is_some() {
        return Ok(false);
    }
    let tx = conn.transaction()?;
    seed_sellers(&tx)?;
    seed_products(&tx)?;
    seed_accounts(&tx)?;
    seed_promo_codes(&tx, now)?;
    seed_shipments(&tx, now)?;
    tx.execute("INSERT INTO meta (key, value) VALUES ('seeded_at', ?1)", [now.to_string()])?;
    tx.commit()?;
    Ok(true)
}

/// The demo accounts, all with the password `demo`: (email, name, verified, owns seller).
pub const DEMO_ACCOUNTS: &[(&str, &str, bool, Option<&str>)] = &[
    ("shopper@example.com", "Anna Petrova", true, None),
    ("new@example.com", "Oleh Kovalenko", false, None),
    ("seller@example.com", "Marek Horváth", true, Some("demo-seller")),
];

pub const DEMO_PASSWORD: &str = "demo";

fn seed_sellers(tx: &rusqlite::Transaction<'_>) -> Result<(), rusqlite::Error> {
    for (id, name) in [
        ("demo-seller", "Severny Veter Home & Apparel"),
        ("form-only", "Lavka Masterov"),
        ("quiet-seller", "Tikhaya Gavan Furniture"),
    ] {
        tx.execute("INSERT INTO sellers (id, display_name) VALUES (?1, ?2)", params![id, name])?;
    }
    Ok(())
}

struct DemoProduct {
    id: &'static str,
    seller: &'static str,
    name: &'static str,
    description: &'static str,
    colour: &'static str,
    weight_g: i64,
    dims_cm: [i64; 3],
    /// (label, price in kopecks, stock)
    variants: &'static [(&'static str, i64, i64)],
}

const PRODUCTS: &[DemoProduct] = &[
    DemoProduct { id: "linen-shirt", seller: "demo-seller", name: "Linen shirt", description: "Washed linen, relaxed fit.", colour: "#d9c8a9", weight_g: 300, dims_cm: [35, 25, 4],
        variants: &[("S · White", 349000, 12), ("M · White", 349000, 20), ("L · White", 349000, 8), ("M · Navy", 359000, 5)] },
    DemoProduct { id: "merino-sweater", seller: "demo-seller", name: "Merino sweater", description: "Fine merino wool, crew neck.", colour: "#6b7f99", weight_g: 450, dims_cm: [35, 30, 6],
        variants: &[("S · Grey", 599000, 6), ("M · Grey", 599000, 9), ("L · Grey", 599000, 3)] },
    DemoProduct { id: "denim-jacket", seller: "demo-seller", name: "Denim jacket", description: "Heavy selvedge denim.", colour: "#3d5a80", weight_g: 900, dims_cm: [40, 32, 8],
        variants: &[("M · Indigo", 799000, 4), ("L · Indigo", 799000, 4)] },
    DemoProduct { id: "canvas-sneakers", seller: "demo-seller", name: "Canvas sneakers", description: "Cotton canvas, natural rubber sole.", colour: "#e07a5f", weight_g: 800, dims_cm: [33, 21, 12],
        variants: &[("39", 449000, 5), ("41", 449000, 7), ("43", 449000, 2)] },
    DemoProduct { id: "leather-belt", seller: "form-only", name: "Leather belt", description: "Vegetable-tanned leather, brass buckle.", colour: "#8d5b4c", weight_g: 200, dims_cm: [20, 15, 5],
        variants: &[("90 cm", 199000, 10), ("100 cm", 199000, 10), ("110 cm", 199000, 10)] },
    DemoProduct { id: "wool-socks", seller: "form-only", name: "Wool socks, 3 pairs", description: "Warm and hard-wearing.", colour: "#a8dadc", weight_g: 150, dims_cm: [20, 12, 4],
        variants: &[("36–40", 69000, 40), ("41–45", 69000, 40)] },
    DemoProduct { id: "rain-jacket", seller: "demo-seller", name: "Rain jacket", description: "Waterproof, breathable, packable.", colour: "#f2cc8f", weight_g: 500, dims_cm: [30, 25, 6],
        variants: &[("M · Yellow", 899000, 6), ("M · Olive", 899000, 6), ("L · Olive", 899000, 3)] },
    DemoProduct { id: "ceramic-mug", seller: "form-only", name: "Ceramic mug", description: "Hand-thrown stoneware, 350 ml.", colour: "#81b29a", weight_g: 400, dims_cm: [12, 12, 11],
        variants: &[("Sage", 79000, 30), ("Sand", 79000, 30)] },
    DemoProduct { id: "tea-set", seller: "demo-seller", name: "Porcelain tea set", description: "Teapot and four cups.", colour: "#f4f1de", weight_g: 1800, dims_cm: [40, 30, 20],
        variants: &[("", 329000, 4)] },
    DemoProduct { id: "wall-clock", seller: "demo-seller", name: "Wall clock", description: "Silent sweep movement, 30 cm.", colour: "#264653", weight_g: 700, dims_cm: [32, 32, 6],
        variants: &[("Black", 249000, 9), ("Oak", 269000, 4)] },
    DemoProduct { id: "desk-lamp", seller: "demo-seller", name: "Desk lamp", description: "Adjustable arm, warm LED.", colour: "#2a9d8f", weight_g: 1200, dims_cm: [45, 20, 15],
        variants: &[("Graphite", 399000, 7)] },
    DemoProduct { id: "throw-blanket", seller: "demo-seller", name: "Throw blanket", description: "Wool and cotton, 130 × 170 cm.", colour: "#e9c46a", weight_g: 1100, dims_cm: [40, 30, 12],
        variants: &[("Mustard", 299000, 11), ("Charcoal", 299000, 11)] },
    DemoProduct { id: "oak-wardrobe", seller: "quiet-seller", name: "Oak wardrobe", description: "Solid oak, two doors, delivered assembled. 95 kg.", colour: "#9c6644", weight_g: 95_000, dims_cm: [200, 120, 60],
        variants: &[("", 4999000, 2)] },
    DemoProduct { id: "field-notebook", seller: "quiet-seller", name: "Field notebook", description: "Dot grid, 96 pages.", colour: "#bc6c25", weight_g: 120, dims_cm: [21, 15, 1],
        variants: &[("A5", 49000, 100), ("A6", 39000, 100)] },
];

fn seed_products(tx: &rusqlite::Transaction<'_>) -> Result<(), rusqlite::Error> {
    for (position, p) in PRODUCTS.iter().enumerate() {
        tx.execute(
            "INSERT INTO products (id, seller_id, name, description, colour, weight_g, length_cm, width_cm, height_cm, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![p.id, p.seller, p.name, p.description, p.colour, p.weight_g, p.dims_cm[0], p.dims_cm[1], p.dims_cm[2], position as i64],
        )?;
        for (i, (label, price, stock)) in p.variants.iter().enumerate() {
            let variant_id = format!("{}-{}", p.id, i + 1);
            let sku = format!("{}-{:03}", p.id.split('-').map(|w| &w[..2]).collect::<String>().to_uppercase(), i + 1);
            tx.execute(
                "INSERT INTO variants (id, product_id, sku, label, price_minor, currency, stock, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'RUB', ?6, ?7)",
                params![variant_id, p.id, sku, label, price, stock, i as i64],
            )?;
        }
    }
    Ok(())
}

fn seed_accounts(tx: &rusqlite::Transaction<'_>) -> Result<(), rusqlite::Error> {
    for (email, name, verified, seller) in DEMO_ACCOUNTS {
        tx.execute(
            "INSERT INTO accounts (email, password_hash, display_name, email_verified, seller_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![email, hash_password(DEMO_PASSWORD), name, verified, seller],
        )?;
    }
    Ok(())
}

fn seed_promo_codes(tx: &rusqlite::Transaction<'_>, now: UnixSeconds) -> Result<(), rusqlite::Error> {
    let far_future = now + 3650 * DAY;
    let expired_end = Date::new(2020, 12, 31).map(|d| d.days_since_epoch() * DAY + DAY - 1).unwrap_or(0);
    for (code, kind, percent, from, until) in [
        ("WELCOME10", "items_percent", 10, 0, far_future),
        ("FREESHIP", "free_delivery", 0, 0, far_future),
        ("EXPIRED2020", "items_percent", 20, 0, expired_end),
    ] {
        tx.execute(
            "INSERT INTO promo_codes (code, kind, percent, valid_from, valid_until) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![code, kind, percent, from, until],
        )?;
    }
    Ok(())
}

/// Where an event happened: the place and its zone (None: the carrier gave no zone).
#[derive(Clone, Copy)]
struct Place(&'static str, Option<(&'static str, i32)>);

const SHENZHEN: Place = Place("Shenzhen, CN", Some(("Asia/Shanghai", 480)));
const SHEREMETYEVO: Place = Place("Москва, СВХ Шереметьево", Some(("Europe/Moscow", 180)));
const MOSCOW: Place = Place("Москва", Some(("Europe/Moscow", 180)));
const SAMARA: Place = Place("Самара", Some(("Europe/Samara", 240)));
const KAZAN: Place = Place("Казань", Some(("Europe/Moscow", 180)));
const UNZONED: Place = Place("Контакт-центр", None);

struct EventSpec {
    /// Seconds relative to the time of seeding.
    at: i64,
    place: Place,
    status: &'static str,
}

fn ev(at: i64, place: Place, status: &'static str) -> EventSpec {
    EventSpec { at, place, status }
}

struct ShipmentSpec {
    number: &'static str,
    /// Planned delivery date, in days relative to the seeding day.
    planned_in_days: Option<i64>,
    /// Estimated delivery (earliest, latest), in days relative to the seeding day.
    estimate_in_days: Option<(i64, i64)>,
    attempts_left: Option<i64>,
    events: Vec<EventSpec>,
}

/// The ten demo shipments, each built to show one situation (see the README).
fn demo_shipments() -> Vec<ShipmentSpec> {
    let d = DAY;
    let h = HOUR;
    let pre = |at| ev(at, SHENZHEN, "Получен предварительный заказ");
    let intl = |at| ev(at, SHENZHEN, "Начало международной транспортировки");
    vec![
        ShipmentSpec { number: "PX1000000001", planned_in_days: Some(-3), estimate_in_days: Some((-4, -2)), attempts_left: None, events: vec![
            pre(-12 * d), ev(-12 * d + 2 * h, UNZONED, "Оферта отправлена"), ev(-11 * d, UNZONED, "Оферта подтверждена"),
            intl(-10 * d), ev(-8 * d, SHEREMETYEVO, "Прибыл на СВХ"), ev(-8 * d + 3 * h, SHEREMETYEVO, "Передано на оформление таможенное"),
            ev(-7 * d, SHEREMETYEVO, "Выпущено таможней"), ev(-7 * d + 2 * h, SHEREMETYEVO, "Убыл со склада СВХ"),
            ev(-6 * d, MOSCOW, "Отправление поступило на терминал"), ev(-5 * d, MOSCOW, "Отправление убыло с терминала"),
            ev(-4 * d, SAMARA, "Отправление поступило на терминал"), ev(-3 * d, SAMARA, "Отправление будет доставлено сегодня"),
            ev(-3 * d + 5 * h, SAMARA, "Доставлено получателю"),
        ] },
        ShipmentSpec { number: "PX1000000002", planned_in_days: Some(6), estimate_in_days: Some((5, 9)), attempts_left: None, events: vec![
            pre(-9 * d), intl(-8 * d), ev(-3 * d, SHEREMETYEVO, "Прибыл на СВХ"), ev(-3 * d + h, UNZONED, "Оферта отправлена"),
        ] },
        ShipmentSpec { number: "PX1000000003", planned_in_days: None, estimate_in_days: None, attempts_left: None, events: vec![
            pre(-25 * d), intl(-24 * d), ev(-18 * d, SHEREMETYEVO, "Прибыл на СВХ"), ev(-18 * d + h, UNZONED, "Оферта отправлена"),
            ev(-4 * d, SHEREMETYEVO, "Истек срок подтверждения оферты получателем"),
            ev(-3 * d, SHEREMETYEVO, "Осуществляется возврат отправления по инструкции клиента"),
            ev(-2 * d, SHEREMETYEVO, "Возврат убыл со склада"),
        ] },
        ShipmentSpec { number: "PX1000000004", planned_in_days: Some(-14), estimate_in_days: Some((-16, -14)), attempts_left: None, events: vec![
            pre(-30 * d), ev(-29 * d, UNZONED, "Оферта отправлена"), ev(-29 * d + 3 * h, UNZONED, "Оферта подтверждена"),
            intl(-28 * d), ev(-24 * d, SHEREMETYEVO, "Прибыл на СВХ"), ev(-23 * d, SHEREMETYEVO, "Выпущено таможней"),
            ev(-22 * d, SHEREMETYEVO, "Убыл со склада СВХ"), ev(-20 * d, MOSCOW, "Отправление поступило на терминал"),
        ] },
        ShipmentSpec { number: "PX1000000005", planned_in_days: Some(5), estimate_in_days: Some((4, 8)), attempts_left: None, events: vec![
            pre(-10 * d), ev(-10 * d + 2 * h, UNZONED, "Оферта отправлена"), ev(-9 * d, UNZONED, "Оферта подтверждена"), intl(-8 * d),
            ev(-2 * d, SHEREMETYEVO, "Прибыл на СВХ"), ev(-2 * d + 4 * h, SHEREMETYEVO, "Передано на оформление таможенное"),
            ev(-d, SHEREMETYEVO, "Задержано таможней — требуется оплата таможенных платежей"),
        ] },
        ShipmentSpec { number: "PX1000000006", planned_in_days: Some(1), estimate_in_days: Some((1, 2)), attempts_left: Some(2), events: vec![
            pre(-9 * d), intl(-8 * d), ev(-6 * d, SHEREMETYEVO, "Прибыл на СВХ"), ev(-5 * d, SHEREMETYEVO, "Выпущено таможней"),
            ev(-4 * d, MOSCOW, "Отправление поступило на терминал"), ev(-3 * d, KAZAN, "Отправление поступило на терминал"),
            ev(-2 * d, KAZAN, "Отправление будет доставлено сегодня"), ev(-2 * d + 6 * h, KAZAN, "Доставка не осуществлена — офис/квартира закрыты"),
            ev(-d, KAZAN, "Дата доставки изменена по просьбе получателя"),
        ] },
        ShipmentSpec { number: "PX1000000007", planned_in_days: Some(3), estimate_in_days: Some((2, 4)), attempts_left: None, events: vec![
            pre(-6 * d), intl(-5 * d), ev(-3 * d, MOSCOW, "Отправление поступило на терминал"),
            // A status no carrier table maps: it must still be shown, raw.
            ev(-d, MOSCOW, "Передано партнёрской службе доставки (код 77)"),
        ] },
        ShipmentSpec { number: "PX1000000008", planned_in_days: Some(0), estimate_in_days: Some((-1, 0)), attempts_left: None, events: vec![
            pre(-8 * d), intl(-7 * d), ev(-4 * d, MOSCOW, "Отправление поступило на терминал"), ev(-3 * d, MOSCOW, "Отправление убыло с терминала"),
            ev(-d, KAZAN, "Получите отправление в пункте выдачи заказов"),
        ] },
        ShipmentSpec { number: "PX1000000009", planned_in_days: Some(4), estimate_in_days: Some((3, 6)), attempts_left: None, events: thousand_events() },
        ShipmentSpec { number: "PX1000000010", planned_in_days: Some(-1), estimate_in_days: Some((-2, -1)), attempts_left: None, events: vec![
            pre(-7 * d), intl(-6 * d), ev(-3 * d, MOSCOW, "Отправление поступило на терминал"), ev(-d, MOSCOW, "Отправление будет доставлено сегодня"),
            ev(-d + 4 * h, MOSCOW, "Доставлено получателю"),
            // A stray scan after delivery: it must not hide the delivery.
            ev(-d + 6 * h, MOSCOW, "Отправление будет доставлено сегодня"),
        ] },
    ]
}

/// `PX1000000009`: a long haul of terminal scans, 1,000 events over 50 days, still in transit.
fn thousand_events() -> Vec<EventSpec> {
    const HUBS: [Place; 4] = [MOSCOW, KAZAN, SAMARA, SHEREMETYEVO];
    const SCANS: [&str; 4] = [
        "Отправление поступило на терминал",
        "Отправление готово к убытию с терминала",
        "Отправление убыло с терминала",
        "Передано в транзит",
    ];
    let start = -50 * DAY;
    let step = 50 * DAY / 1000;
    (0..1000)
        .map(|i| {
            let status = if i == 0 { "Получен предварительный заказ" } else { SCANS[i % 4] };
            ev(start + step * i as i64, HUBS[(i / 4) % 4], status)
        })
        .collect()
}

fn seed_shipments(tx: &rusqlite::Transaction<'_>, now: UnixSeconds) -> Result<(), rusqlite::Error> {
    let today = Date::from_days_since_epoch(now.div_euclid(DAY));
    let day = |offset: i64| today.add_days(offset).to_string();
    for s in demo_shipments() {
        let estimate = s.estimate_in_days;
        tx.execute(
            "INSERT INTO shipments (tracking_number, carrier, planned_date, estimate_earliest, estimate_latest, attempts_left, created_at)
             VALUES (?1, 'pony-express', ?2, ?3, ?4, ?5, ?6)",
            params![
                s.number,
                s.planned_in_days.map(day),
                estimate.map(|(a, _)| day(a)),
                estimate.map(|(_, b)| day(b)),
                s.attempts_left,
                now + s.events.first().map(|e| e.at).unwrap_or(0),
            ],
        )?;
        for (seq, e) in s.events.iter().enumerate() {
            let offset = e.place.1.map(|(_, minutes)| minutes);
            // The carrier reports wall-clock time at the place; an unzoned event is read as Moscow time.
            let local = format_rfc3339_with_offset(now + e.at, offset.unwrap_or(180));
            tx.execute(
                "INSERT INTO shipment_events (tracking_number, seq, local_time, utc_offset_minutes, time_zone, location, raw_status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![s.number, seq as i64, &local[..19], offset, e.place.1.map(|(zone, _)| zone), e.place.0, e.status],
            )?;
        }
    }
    Ok(())
}
