//! Shipments and the events their carriers reported, kept as reported (local times, raw status
//! texts); `vitrina_core::tracking` reads them.

use crate::error::ApiResult;
use crate::ids;
use crate::policy::Profile;
use rusqlite::{OptionalExtension, Transaction, params};
use vitrina_core::api::EventTime;
use vitrina_core::civil::{Date, UnixSeconds, format_rfc3339_with_offset};
use vitrina_core::tracking::{CarrierEvent, ShipmentRecord};

/// Reads a shipment and its events as stored (the current state needs every event).
pub fn load(tx: &Transaction<'_>, number: &str) -> ApiResult<Option<ShipmentRecord>> {
    let row = tx
        .query_row(
            "SELECT carrier, seller_id, order_number, planned_date, estimate_earliest, estimate_latest, attempts_left
             FROM shipments WHERE tracking_number = ?1",
            [number],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<i64>>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((carrier_id, seller_id, order_number, planned, earliest, latest, attempts_left)) = row else {
        return Ok(None);
    };
    let date = |d: Option<String>| d.as_deref().and_then(Date::parse);
    let mut events = Vec::new();
    let mut stmt = tx.prepare(
        "SELECT seq, local_time, utc_offset_minutes, time_zone, location, raw_status
         FROM shipment_events WHERE tracking_number = ?1 ORDER BY seq",
    )?;
    let mut rows = stmt.query([number])?;
    while let Some(r) = rows.next()? {
        events.push(CarrierEvent {
            seq: r.get(0)?,
            time: EventTime { local: r.get(1)?, utc_offset_minutes: r.get(2)?, time_zone: r.get(3)? },
            location: r.get(4)?,
            raw_status: r.get(5)?,
        });
    }
    Ok(Some(ShipmentRecord {
        tracking_number: number.to_owned(),
        carrier_id,
        seller_id,
        order_number,
        planned_date: date(planned),
        estimate: date(earliest).zip(date(latest)),
        attempts_left: attempts_left.and_then(|n| u32::try_from(n).ok()),
        events,
    }))
}

/// The tracking numbers of an order's shipments (the store's own orders or another reference
/// the carrier knows), oldest first.
pub fn numbers_of_order(tx: &Transaction<'_>, order: &str) -> ApiResult<Vec<String>> {
    Ok(tx
        .prepare("SELECT tracking_number FROM shipments WHERE order_number = ?1 ORDER BY created_at, tracking_number")?
        .query_map([order], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// The store order's parcel at the store's carrier, created when the seller hands it over;
/// returns its tracking number.
///
/// The number is random (`PX` and ten digits, as Pony Express writes them), never derived from
/// the order's: anyone can ask about any tracking number, so counting through them must not
/// count through the store's orders.
pub fn ensure_for_order(tx: &Transaction<'_>, store: &Profile, number: i64, at: UnixSeconds) -> ApiResult<String> {
    if let Some(tracking) = numbers_of_order(tx, &number.to_string())?.into_iter().next() {
        return Ok(tracking);
    }
    loop {
        let tracking = format!("{}{}", store.shipments.prefix, ids::random_digits(10));
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO shipments (tracking_number, carrier, planned_date, estimate_earliest, estimate_latest, created_at, seller_id, order_number)
             SELECT ?1, ?4, latest, earliest, latest, ?2,
                    (SELECT seller_id FROM order_lines WHERE order_number = number ORDER BY position LIMIT 1), CAST(number AS TEXT)
             FROM orders WHERE number = ?3",
            params![tracking, at, number, store.shipments.id],
        )?;
        // Taken by another parcel (one in ten billion): draw again.
        if inserted == 1 {
            return Ok(tracking);
        }
    }
}

/// A carrier event on the shipment, at the store's place and in its time, as its carrier reports.
pub fn carrier_scan(tx: &Transaction<'_>, store: &Profile, tracking: &str, at: UnixSeconds, status: &str) -> ApiResult<()> {
    let offset = store.utc_offset_minutes(at);
    let local = format_rfc3339_with_offset(at, offset);
    tx.execute(
        "INSERT INTO shipment_events (tracking_number, seq, local_time, utc_offset_minutes, time_zone, location, raw_status)
         VALUES (?1, (SELECT COALESCE(MAX(seq) + 1, 0) FROM shipment_events WHERE tracking_number = ?1), ?2, ?3, ?4, ?5, ?6)",
        params![tracking, &local[..19], offset, store.time_zone, store.home_city, status],
    )?;
    Ok(())
}
