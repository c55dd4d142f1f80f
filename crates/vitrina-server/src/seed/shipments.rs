//! The demo shipments, each built to show one situation a shopper meets when tracking a parcel.

use crate::clock::{DAY, HOUR};
use rusqlite::params;
use vitrina_core::civil::{Date, UnixSeconds, format_rfc3339_with_offset};

/// Where an event happened: the place and its zone (None: the carrier gave no zone).
#[derive(Clone, Copy)]
struct Place(&'static str, Option<(&'static str, i32)>);

const SHENZHEN: Place = Place("Shenzhen, CN", Some(("Asia/Shanghai", 480)));
const SHEREMETYEVO: Place = Place("Москва, СВХ Шереметьево", Some(("Europe/Moscow", 180)));
const MOSCOW: Place = Place("Москва", Some(("Europe/Moscow", 180)));
const SAMARA: Place = Place("Самара", Some(("Europe/Samara", 240)));
const KAZAN: Place = Place("Казань", Some(("Europe/Moscow", 180)));
const UNZONED: Place = Place("Контакт-центр", None);
const ISTANBUL: Place = Place("Istanbul, TR", Some(("Europe/Istanbul", 180)));
const DUBAI: Place = Place("Dubai hub, AE", Some(("Asia/Dubai", 240)));
const MOSCOW_EN: Place = Place("Moscow, RU", Some(("Europe/Moscow", 180)));

const PONY_EXPRESS: &str = "pony-express";
const LYNX_COURIER: &str = "lynx-courier";

/// The seller who ships every demo parcel.
const DEMO_SELLER: &str = "demo-seller";
/// A demo order with several shipments, from two carriers, shown together on its page.
pub const DEMO_ORDER_WITH_SHIPMENTS: &str = "DEMO-1001";

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
    /// The carrier's table (`vitrina_core::tracking::carriers`).
    carrier: &'static str,
    order_number: Option<&'static str>,
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
        ShipmentSpec {
            number: "PX1000000001",
            carrier: PONY_EXPRESS,
            order_number: None,
            planned_in_days: Some(-3),
            estimate_in_days: Some((-4, -2)),
            attempts_left: None,
            events: vec![
                pre(-12 * d),
                ev(-12 * d + 2 * h, UNZONED, "Оферта отправлена"),
                ev(-11 * d, UNZONED, "Оферта подтверждена"),
                intl(-10 * d),
                ev(-8 * d, SHEREMETYEVO, "Прибыл на СВХ"),
                ev(-8 * d + 3 * h, SHEREMETYEVO, "Передано на оформление таможенное"),
                ev(-7 * d, SHEREMETYEVO, "Выпущено таможней"),
                ev(-7 * d + 2 * h, SHEREMETYEVO, "Убыл со склада СВХ"),
                ev(-6 * d, MOSCOW, "Отправление поступило на терминал"),
                ev(-5 * d, MOSCOW, "Отправление убыло с терминала"),
                ev(-4 * d, SAMARA, "Отправление поступило на терминал"),
                ev(-3 * d, SAMARA, "Отправление будет доставлено сегодня"),
                ev(-3 * d + 5 * h, SAMARA, "Доставлено получателю"),
            ],
        },
        ShipmentSpec {
            number: "PX1000000002",
            carrier: PONY_EXPRESS,
            order_number: None,
            planned_in_days: Some(6),
            estimate_in_days: Some((5, 9)),
            attempts_left: None,
            events: vec![
                pre(-9 * d),
                intl(-8 * d),
                ev(-3 * d, SHEREMETYEVO, "Прибыл на СВХ"),
                ev(-3 * d + h, UNZONED, "Оферта отправлена"),
            ],
        },
        ShipmentSpec {
            number: "PX1000000003",
            carrier: PONY_EXPRESS,
            order_number: None,
            planned_in_days: None,
            estimate_in_days: None,
            attempts_left: None,
            events: vec![
                pre(-25 * d),
                intl(-24 * d),
                ev(-18 * d, SHEREMETYEVO, "Прибыл на СВХ"),
                ev(-18 * d + h, UNZONED, "Оферта отправлена"),
                ev(-4 * d, SHEREMETYEVO, "Истек срок подтверждения оферты получателем"),
                ev(-3 * d, SHEREMETYEVO, "Осуществляется возврат отправления по инструкции клиента"),
                ev(-2 * d, SHEREMETYEVO, "Возврат убыл со склада"),
            ],
        },
        ShipmentSpec {
            number: "PX1000000004",
            carrier: PONY_EXPRESS,
            order_number: None,
            planned_in_days: Some(-14),
            estimate_in_days: Some((-16, -14)),
            attempts_left: None,
            events: vec![
                pre(-30 * d),
                ev(-29 * d, UNZONED, "Оферта отправлена"),
                ev(-29 * d + 3 * h, UNZONED, "Оферта подтверждена"),
                intl(-28 * d),
                ev(-24 * d, SHEREMETYEVO, "Прибыл на СВХ"),
                ev(-23 * d, SHEREMETYEVO, "Выпущено таможней"),
                ev(-22 * d, SHEREMETYEVO, "Убыл со склада СВХ"),
                ev(-20 * d, MOSCOW, "Отправление поступило на терминал"),
            ],
        },
        ShipmentSpec {
            number: "PX1000000005",
            carrier: PONY_EXPRESS,
            order_number: None,
            planned_in_days: Some(5),
            estimate_in_days: Some((4, 8)),
            attempts_left: None,
            events: vec![
                pre(-10 * d),
                ev(-10 * d + 2 * h, UNZONED, "Оферта отправлена"),
                ev(-9 * d, UNZONED, "Оферта подтверждена"),
                intl(-8 * d),
                ev(-2 * d, SHEREMETYEVO, "Прибыл на СВХ"),
                ev(-2 * d + 4 * h, SHEREMETYEVO, "Передано на оформление таможенное"),
                ev(-d, SHEREMETYEVO, "Задержано таможней — требуется оплата таможенных платежей"),
            ],
        },
        ShipmentSpec {
            number: "PX1000000006",
            carrier: PONY_EXPRESS,
            order_number: None,
            planned_in_days: Some(1),
            estimate_in_days: Some((1, 2)),
            attempts_left: Some(2),
            events: vec![
                pre(-9 * d),
                intl(-8 * d),
                ev(-6 * d, SHEREMETYEVO, "Прибыл на СВХ"),
                ev(-5 * d, SHEREMETYEVO, "Выпущено таможней"),
                ev(-4 * d, MOSCOW, "Отправление поступило на терминал"),
                ev(-3 * d, KAZAN, "Отправление поступило на терминал"),
                ev(-2 * d, KAZAN, "Отправление будет доставлено сегодня"),
                ev(-2 * d + 6 * h, KAZAN, "Доставка не осуществлена — офис/квартира закрыты"),
                ev(-d, KAZAN, "Дата доставки изменена по просьбе получателя"),
            ],
        },
        ShipmentSpec {
            number: "PX1000000007",
            carrier: PONY_EXPRESS,
            order_number: None,
            planned_in_days: Some(3),
            estimate_in_days: Some((2, 4)),
            attempts_left: None,
            events: vec![
                pre(-6 * d),
                intl(-5 * d),
                ev(-3 * d, MOSCOW, "Отправление поступило на терминал"),
                // A status no carrier table maps: it must still be shown, raw.
                ev(-d, MOSCOW, "Передано партнёрской службе доставки (код 77)"),
            ],
        },
        ShipmentSpec {
            number: "PX1000000008",
            carrier: PONY_EXPRESS,
            order_number: Some(DEMO_ORDER_WITH_SHIPMENTS),
            planned_in_days: Some(0),
            estimate_in_days: Some((-1, 0)),
            attempts_left: None,
            events: vec![
                pre(-8 * d),
                intl(-7 * d),
                ev(-4 * d, MOSCOW, "Отправление поступило на терминал"),
                ev(-3 * d, MOSCOW, "Отправление убыло с терминала"),
                ev(-d, KAZAN, "Получите отправление в пункте выдачи заказов"),
            ],
        },
        ShipmentSpec {
            number: "PX1000000009",
            carrier: PONY_EXPRESS,
            order_number: None,
            planned_in_days: Some(4),
            estimate_in_days: Some((3, 6)),
            attempts_left: None,
            events: thousand_events(),
        },
        ShipmentSpec {
            number: "PX1000000010",
            carrier: PONY_EXPRESS,
            order_number: None,
            planned_in_days: Some(-1),
            estimate_in_days: Some((-2, -1)),
            attempts_left: None,
            events: vec![
                pre(-7 * d),
                intl(-6 * d),
                ev(-3 * d, MOSCOW, "Отправление поступило на терминал"),
                ev(-d, MOSCOW, "Отправление будет доставлено сегодня"),
                ev(-d + 4 * h, MOSCOW, "Доставлено получателю"),
                // A stray scan after delivery: it must not hide the delivery.
                ev(-d + 6 * h, MOSCOW, "Отправление будет доставлено сегодня"),
            ],
        },
    ]
}

/// The second carrier's parcels: its statuses are in English, and its table is all it needs.
fn lynx_courier_shipments() -> Vec<ShipmentSpec> {
    let d = DAY;
    let h = HOUR;
    vec![
        ShipmentSpec {
            number: "LX1000000001",
            carrier: LYNX_COURIER,
            order_number: Some(DEMO_ORDER_WITH_SHIPMENTS),
            planned_in_days: Some(0),
            estimate_in_days: Some((0, 1)),
            attempts_left: None,
            events: vec![
                ev(-5 * d, ISTANBUL, "Shipment information received"),
                ev(-5 * d + 6 * h, ISTANBUL, "Picked up by courier"),
                ev(-4 * d, ISTANBUL, "Departed sorting centre Istanbul"),
                ev(-3 * d, DUBAI, "Arrived at sorting centre Dubai"),
                ev(-3 * d + 8 * h, DUBAI, "In transit"),
                ev(-2 * d, MOSCOW_EN, "Arrived at customs"),
                ev(-2 * d + 5 * h, MOSCOW_EN, "Customs clearance in progress"),
                ev(-d, MOSCOW_EN, "Released by customs"),
                ev(-2 * h, MOSCOW_EN, "Out for delivery"),
            ],
        },
        ShipmentSpec {
            number: "LX1000000002",
            carrier: LYNX_COURIER,
            order_number: Some(DEMO_ORDER_WITH_SHIPMENTS),
            planned_in_days: Some(-1),
            estimate_in_days: Some((-2, -1)),
            attempts_left: None,
            events: vec![
                ev(-6 * d, ISTANBUL, "Shipment information received"),
                ev(-5 * d, ISTANBUL, "Departed sorting centre Istanbul"),
                ev(-3 * d, MOSCOW_EN, "Arrived at customs"),
                ev(-2 * d, MOSCOW_EN, "Released by customs"),
                ev(-d - 5 * h, MOSCOW_EN, "Out for delivery"),
                ev(-d - 2 * h, MOSCOW_EN, "Delivered to neighbour"),
            ],
        },
        // A failed attempt at a carrier that states no redelivery rules: nothing is promised.
        ShipmentSpec {
            number: "LX1000000003",
            carrier: LYNX_COURIER,
            order_number: None,
            planned_in_days: Some(0),
            estimate_in_days: Some((0, 1)),
            attempts_left: None,
            events: vec![
                ev(-3 * d, ISTANBUL, "Shipment information received"),
                ev(-2 * d, ISTANBUL, "Departed sorting centre Istanbul"),
                ev(-5 * h, MOSCOW_EN, "Out for delivery"),
                ev(-2 * h, MOSCOW_EN, "Delivery attempted - recipient not at home"),
            ],
        },
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

pub(super) fn seed_shipments(tx: &rusqlite::Transaction<'_>, now: UnixSeconds) -> Result<(), rusqlite::Error> {
    let today = Date::from_days_since_epoch(now.div_euclid(DAY));
    let day = |offset: i64| today.add_days(offset).to_string();
    for s in demo_shipments().into_iter().chain(lynx_courier_shipments()) {
        let estimate = s.estimate_in_days;
        tx.execute(
            "INSERT INTO shipments (tracking_number, carrier, planned_date, estimate_earliest, estimate_latest, attempts_left, created_at, seller_id, order_number)
             VALUES (?1, ?7, ?2, ?3, ?4, ?5, ?6, ?8, ?9)",
            params![
                s.number,
                s.planned_in_days.map(day),
                estimate.map(|(a, _)| day(a)),
                estimate.map(|(_, b)| day(b)),
                s.attempts_left,
                now + s.events.first().map(|e| e.at).unwrap_or(0),
                s.carrier,
                DEMO_SELLER,
                s.order_number,
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
