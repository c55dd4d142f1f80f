//! Orders: the row written when one is placed, its lines and history, its status, and the order
//! as its page reads it.
//!
//! Access: an order opens only with one of its access tokens. [`authorised_order`] answers
//! anything else exactly as for an order that does not exist, so the answers reveal nothing about
//! which exist. Tokens are kept as SHA-256 hashes (`order_tokens`): a copy of the database opens
//! no order through the API. An order gets a token when placed and a new one at each lookup.

use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::policy::{self, Profile};
use crate::store::catalog::image_url;
use crate::store::enums::{from_text, to_text};
use crate::store::{payments, shipments};
use rusqlite::{OptionalExtension, Transaction, params};
use vitrina_core::Money;
use vitrina_core::api::{
    Address, Cancellation, CartLine, Consents, DeliveryKind, DeliveryOption, Order, OrderDelivery, OrderEvent, OrderEventKind, OrderLine,
    OrderPayment, OrderSeller, OrderShipment, OrderStatus, PaymentKind, PaymentMethod, PaymentStatus, PaymentStep, Person, PickupPoint,
    PlacedOrder, Totals,
};
use vitrina_core::civil::{Date, UnixSeconds, format_rfc3339_utc};

/// The first order number the store gives out.
const FIRST_ORDER_NUMBER: i64 = 1042;

/// An order as it is written when placed: everything checked, names and numbers already in the
/// form they are kept in.
pub struct NewOrder<'a> {
    pub number: i64,
    pub cart_id: &'a str,
    pub placed_at: UnixSeconds,
    pub email: &'a str,
    pub customer: Person,
    pub recipient: Option<Person>,
    pub address: Address,
    pub delivery: &'a DeliveryOption,
    /// The courier's day, for a courier.
    pub delivery_date: Option<Date>,
    /// The courier's time window as the shopper reads it (`18:00–22:00`).
    pub time_window: Option<String>,
    pub pickup_point: Option<&'a PickupPoint>,
    pub payment: &'a PaymentMethod,
    pub payment_status: PaymentStatus,
    pub promo_code: Option<&'a str>,
    pub totals: &'a Totals,
    pub consents: &'a Consents,
}

/// The number the next order gets.
pub fn next_number(tx: &Transaction<'_>) -> ApiResult<i64> {
    Ok(tx.query_row("SELECT COALESCE(MAX(number) + 1, ?1) FROM orders", [FIRST_ORDER_NUMBER], |r| r.get(0))?)
}

/// Writes a new order, in status `created`.
pub fn insert(tx: &Transaction<'_>, order: &NewOrder<'_>) -> ApiResult<()> {
    let point_json = order.pickup_point.map(serde_json::to_string).transpose().map_err(ApiError::internal)?;
    let (delivery, totals, consents) = (order.delivery, order.totals, order.consents);
    tx.execute(
        "INSERT INTO orders (number, email_key, cart_id, created_at, email, phone, name, recipient_name, recipient_phone,
            country, city, address_line, postcode, delivery_option_id, delivery_kind, carrier, service_level, dispatch_date,
            earliest, latest, delivery_date, time_window, pickup_point_json, payment_method, payment_kind, payment_status,
            promo_code, currency, items_minor, delivery_minor, discount_minor, total_minor, vat_minor, vat_rate_percent,
            terms_version, personal_data_consent, marketing_consent, status, region)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
            ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, 'created', ?38)",
        params![
            order.number,
            vitrina_core::validate::email_key(order.email),
            order.cart_id,
            order.placed_at,
            order.email,
            order.customer.phone,
            order.customer.name,
            order.recipient.as_ref().map(|r| &r.name),
            order.recipient.as_ref().map(|r| &r.phone),
            order.address.country,
            order.address.city,
            order.address.line,
            order.address.postcode,
            delivery.id,
            to_text(&delivery.kind),
            delivery.carrier,
            delivery.service_level,
            delivery.dispatch_date.to_string(),
            delivery.earliest.to_string(),
            delivery.latest.to_string(),
            order.delivery_date.map(|d| d.to_string()),
            order.time_window,
            point_json,
            order.payment.id,
            to_text(&order.payment.kind),
            to_text(&order.payment_status),
            order.promo_code,
            totals.total.currency.code(),
            totals.items.amount_minor,
            totals.delivery.as_ref().map(|d| d.amount_minor).unwrap_or(0),
            totals.discount.amount_minor,
            totals.total.amount_minor,
            totals.vat_included.amount_minor,
            totals.vat_rate_percent,
            consents.terms_version,
            consents.personal_data,
            consents.marketing,
            order.address.region,
        ],
    )?;
    Ok(())
}

/// Writes one line of a new order, with the price it was sold at.
pub fn insert_line(tx: &Transaction<'_>, number: i64, position: usize, line: &CartLine, seller_id: &str) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO order_lines (order_number, position, product_id, variant_id, seller_id, sku, name, variant_label,
            unit_price_minor, quantity, line_total_minor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            number,
            position as i64,
            line.product_id,
            line.variant_id,
            seller_id,
            line.sku,
            line.name,
            line.variant_label,
            line.unit_price.amount_minor,
            line.quantity,
            line.line_total.amount_minor
        ],
    )?;
    Ok(())
}

/// A new access token for the order (kept as its hash); returned once, here.
pub fn issue_token(tx: &Transaction<'_>, number: i64, now: UnixSeconds) -> ApiResult<String> {
    let token = ids::token();
    tx.execute(
        "INSERT INTO order_tokens (token_hash, order_number, created_at) VALUES (?1, ?2, ?3)",
        params![ids::digest(&token), number, now],
    )?;
    Ok(token)
}

/// What an `Idempotency-Key` seen before led to: the request's fingerprint, the order, and the
/// token its answer carried (unsealed with the key itself).
pub fn seen_key(tx: &Transaction<'_>, key: &str) -> ApiResult<Option<(String, i64, Option<String>)>> {
    let row: Option<(String, i64, String)> = tx
        .query_row("SELECT request_hash, order_number, sealed_token FROM idempotency_keys WHERE key_hash = ?1", [ids::digest(key)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(row.map(|(hash, number, sealed)| (hash, number, ids::seal(&sealed, key))))
}

/// Remembers that `key`, with a request of fingerprint `hash`, led to order `number` with `token`.
pub fn remember_key(tx: &Transaction<'_>, key: &str, hash: &str, number: i64, token: &str, now: UnixSeconds) -> ApiResult<()> {
    let sealed = ids::seal(token, key).ok_or_else(|| ApiError::internal("an order token that is not 32 hex digits"))?;
    tx.execute(
        "INSERT INTO idempotency_keys (key_hash, request_hash, order_number, sealed_token, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![ids::digest(key), hash, number, sealed, now],
    )?;
    Ok(())
}

/// Forgets idempotency keys older than `before` (a retry comes within minutes, not a day later);
/// how many.
pub fn purge_keys(tx: &Transaction<'_>, before: UnixSeconds) -> ApiResult<usize> {
    Ok(tx.execute("DELETE FROM idempotency_keys WHERE created_at < ?1", [before])?)
}

/// The placed order as the checkout sees it: number, `token`, and what to do about payment.
pub fn placed_order(tx: &Transaction<'_>, number: i64, token: String) -> ApiResult<PlacedOrder> {
    let status: String = tx.query_row("SELECT payment_status FROM orders WHERE number = ?1", [number], |r| r.get(0))?;
    let status: PaymentStatus = from_text(&status).unwrap_or(PaymentStatus::Unknown);
    let pending = payments::pending(tx, number)?;
    let redirect_url = pending.filter(|_| status == PaymentStatus::AwaitingPayment).map(|id| payments::gateway_url(&id, number, &token));
    Ok(PlacedOrder { number: number.to_string(), access_token: token, payment: PaymentStep { status, redirect_url } })
}

/// The order number if `token` opens it; otherwise exactly the answer for an order that does not exist.
pub fn authorised_order(tx: &Transaction<'_>, number: &str, token: &str) -> ApiResult<i64> {
    let not_found = || ApiError::not_found("No such order.");
    let number: i64 = number.trim().parse().map_err(|_| not_found())?;
    // Found by the token's hash: how long a wrong token took says nothing about the right one.
    let opens: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM order_tokens WHERE token_hash = ?1 AND order_number = ?2)",
        params![ids::digest(token), number],
        |r| r.get(0),
    )?;
    if opens { Ok(number) } else { Err(not_found()) }
}

/// Whether order `number` was placed with this email (compared case-folded, over all of Unicode).
pub fn placed_with_email(tx: &Transaction<'_>, number: i64, email: &str) -> ApiResult<bool> {
    Ok(tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM orders WHERE number = ?1 AND email_key = ?2)",
        params![number, vitrina_core::validate::email_key(email)],
        |r| r.get(0),
    )?)
}

/// Whether `reference` is the number of one of the store's own orders (written as the store
/// writes it: `1042`, not `01042`), found by its key rather than by reading every order.
pub fn is_store_order(tx: &Transaction<'_>, reference: &str) -> ApiResult<bool> {
    let Some(number) = reference.parse::<i64>().ok().filter(|n| n.to_string() == reference) else {
        return Ok(false);
    };
    Ok(tx.query_row("SELECT EXISTS (SELECT 1 FROM orders WHERE number = ?1)", [number], |r| r.get(0))?)
}

/// How the order is paid for, and where that payment stands.
pub fn payment(tx: &Transaction<'_>, number: i64) -> ApiResult<(PaymentKind, PaymentStatus)> {
    let (kind, status): (String, String) =
        tx.query_row("SELECT payment_kind, payment_status FROM orders WHERE number = ?1", [number], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((from_text(&kind).unwrap_or(PaymentKind::Unknown), from_text(&status).unwrap_or(PaymentStatus::Unknown)))
}

/// Where the order stands, and where its payment does.
pub fn status_and_payment(tx: &Transaction<'_>, number: i64) -> ApiResult<(OrderStatus, PaymentStatus)> {
    let (status, payment): (String, String) =
        tx.query_row("SELECT status, payment_status FROM orders WHERE number = ?1", [number], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((from_text(&status).unwrap_or(OrderStatus::Unknown), from_text(&payment).unwrap_or(PaymentStatus::Unknown)))
}

/// Records where the order's payment stands.
pub fn set_payment_status(tx: &Transaction<'_>, number: i64, status: PaymentStatus) -> ApiResult<()> {
    tx.execute("UPDATE orders SET payment_status = ?1 WHERE number = ?2", params![to_text(&status), number])?;
    Ok(())
}

/// Appends to the order's history.
pub fn add_event(tx: &Transaction<'_>, number: i64, at: UnixSeconds, kind: &str) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO order_events (order_number, seq, at, kind)
         VALUES (?1, (SELECT COALESCE(MAX(seq) + 1, 0) FROM order_events WHERE order_number = ?1), ?2, ?3)",
        params![number, at, kind],
    )?;
    Ok(())
}

/// Moves the order to `status` at `at`, recording it in the history. Handing over to the carrier
/// gives the order its shipment; each step after that is a scan by the carrier.
pub fn set_status(tx: &Transaction<'_>, store: &Profile, number: i64, status: OrderStatus, at: UnixSeconds) -> ApiResult<()> {
    let text = to_text(&status);
    tx.execute("UPDATE orders SET status = ?1 WHERE number = ?2", params![text, number])?;
    add_event(tx, number, at, &text)?;
    let [handed, with_courier, delivered] = store.shipments.scans;
    let scan = match status {
        OrderStatus::HandedToCarrier => Some(handed),
        OrderStatus::WithCourier => Some(with_courier),
        OrderStatus::Received => Some(delivered),
        _ => None,
    };
    if let Some(scan) = scan {
        let tracking = shipments::ensure_for_order(tx, store, number, at)?;
        shipments::carrier_scan(tx, store, &tracking, at, scan)?;
    }
    Ok(())
}

/// Puts the order's items back in stock (it was cancelled before it left).
pub fn return_to_stock(tx: &Transaction<'_>, number: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE variants SET stock = stock + (SELECT COALESCE(SUM(quantity), 0) FROM order_lines l WHERE l.order_number = ?1 AND l.variant_id = variants.id)
         WHERE id IN (SELECT variant_id FROM order_lines WHERE order_number = ?1)",
        [number],
    )?;
    Ok(())
}

/// What cancelling depends on: the status, when the order was received (if it was), and whether
/// a cancellation was already requested.
pub fn cancellation_facts(tx: &Transaction<'_>, number: i64) -> ApiResult<(OrderStatus, Option<UnixSeconds>, bool)> {
    let status: String = tx.query_row("SELECT status FROM orders WHERE number = ?1", [number], |r| r.get(0))?;
    let received_at: Option<i64> =
        tx.query_row("SELECT MAX(at) FROM order_events WHERE order_number = ?1 AND kind = 'received'", [number], |r| r.get(0))?;
    let requested: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM order_events WHERE order_number = ?1 AND kind = 'cancellation_requested')",
        [number],
        |r| r.get(0),
    )?;
    Ok((from_text(&status).unwrap_or(OrderStatus::Unknown), received_at, requested))
}

/// Every order still on its way, with its status and when it reached that status.
pub fn in_progress(tx: &Transaction<'_>) -> ApiResult<Vec<(i64, OrderStatus, Option<UnixSeconds>)>> {
    let mut stmt = tx.prepare(
        "SELECT o.number, o.status, (SELECT MAX(at) FROM order_events e WHERE e.order_number = o.number AND e.kind = o.status)
         FROM orders o WHERE o.status NOT IN ('received', 'cancelled')",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<i64>>(2)?)))?
        .filter_map(Result::ok)
        .filter_map(|(number, status, since)| Some((number, from_text(&status)?, since)))
        .collect();
    Ok(rows)
}

/// Every order: number, payment status and the cart it came from.
pub fn list(tx: &Transaction<'_>) -> ApiResult<Vec<(i64, String, String)>> {
    let mut stmt = tx.prepare("SELECT number, payment_status, cart_id FROM orders ORDER BY number")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Reads the whole order as the contract describes it.
pub fn load_order(tx: &Transaction<'_>, store: &Profile, number: i64, now: UnixSeconds) -> ApiResult<Order> {
    struct Row {
        created_at: i64,
        email: String,
        phone: String,
        name: String,
        recipient: Option<Person>,
        address: Address,
        delivery: OrderDelivery,
        payment: OrderPayment,
        promo_code: Option<String>,
        totals: Totals,
        terms_version: String,
        status: OrderStatus,
    }
    let row = tx.query_row(
        "SELECT created_at, email, phone, name, recipient_name, recipient_phone, country, city, address_line, postcode,
                delivery_kind, carrier, service_level, dispatch_date, earliest, latest, delivery_date, time_window, pickup_point_json,
                payment_kind, payment_status, promo_code, currency, items_minor, delivery_minor, discount_minor, total_minor, vat_minor,
                vat_rate_percent, terms_version, status, region
         FROM orders WHERE number = ?1",
        [number],
        |r| {
            let currency: String = r.get(22)?;
            let money = |minor: i64| Money::new(minor, &currency);
            let date = |text: String| Date::parse(&text).unwrap_or(Date { year: 1970, month: 1, day: 1 });
            let recipient = match (r.get::<_, Option<String>>(4)?, r.get::<_, Option<String>>(5)?) {
                (Some(name), Some(phone)) => Some(Person { name, phone }),
                _ => None,
            };
            Ok(Row {
                created_at: r.get(0)?,
                email: r.get(1)?,
                phone: r.get(2)?,
                name: r.get(3)?,
                recipient,
                address: Address { country: r.get(6)?, city: r.get(7)?, line: r.get(8)?, postcode: r.get(9)?, region: r.get("region")? },
                delivery: OrderDelivery {
                    kind: from_text(&r.get::<_, String>(10)?).unwrap_or(DeliveryKind::Unknown),
                    carrier: r.get(11)?,
                    service_level: r.get(12)?,
                    dispatch_date: date(r.get(13)?),
                    earliest: date(r.get(14)?),
                    latest: date(r.get(15)?),
                    date: r.get::<_, Option<String>>(16)?.and_then(|d| Date::parse(&d)),
                    time_window: r.get(17)?,
                    pickup_point: r.get::<_, Option<String>>(18)?.and_then(|j| serde_json::from_str::<PickupPoint>(&j).ok()),
                },
                payment: OrderPayment {
                    kind: from_text(&r.get::<_, String>(19)?).unwrap_or(PaymentKind::Unknown),
                    status: from_text(&r.get::<_, String>(20)?).unwrap_or(PaymentStatus::Unknown),
                },
                promo_code: r.get(21)?,
                totals: Totals {
                    items: money(r.get(23)?),
                    delivery: Some(money(r.get(24)?)),
                    discount: money(r.get(25)?),
                    total: money(r.get(26)?),
                    vat_included: money(r.get(27)?),
                    vat_rate_percent: r.get(28)?,
                },
                terms_version: r.get(29)?,
                status: from_text(&r.get::<_, String>(30)?).unwrap_or(OrderStatus::Unknown),
            })
        },
    )?;
    let mut stmt = tx.prepare(
        "SELECT product_id, name, sku, variant_label, quantity, unit_price_minor, line_total_minor, seller_id
         FROM order_lines WHERE order_number = ?1 ORDER BY position",
    )?;
    let currency = row.totals.total.currency.code().to_owned();
    let lines = stmt
        .query_map([number], |r| {
            let product_id: String = r.get(0)?;
            Ok(OrderLine {
                image_url: image_url(&product_id),
                product_id,
                name: r.get(1)?,
                sku: r.get(2)?,
                variant_label: r.get(3)?,
                quantity: r.get(4)?,
                unit_price: Money::new(r.get(5)?, &currency),
                line_total: Money::new(r.get(6)?, &currency),
                seller_id: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let history = tx
        .prepare("SELECT at, kind FROM order_events WHERE order_number = ?1 ORDER BY seq")?
        .query_map([number], |r| {
            Ok(OrderEvent {
                at: format_rfc3339_utc(r.get(0)?),
                kind: from_text(&r.get::<_, String>(1)?).unwrap_or(OrderEventKind::Unknown),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let shipments = shipments::numbers_of_order(tx, &number.to_string())?
        .into_iter()
        .map(|tracking_number| OrderShipment { tracking_number, carrier: store.carrier.to_owned() })
        .collect();
    let sellers = tx
        .prepare("SELECT DISTINCT s.id, s.display_name FROM order_lines l JOIN sellers s ON s.id = l.seller_id WHERE l.order_number = ?1 ORDER BY s.id")?
        .query_map([number], |r| Ok(OrderSeller { id: r.get(0)?, name: r.get(1)? }))?
        .collect::<Result<Vec<_>, _>>()?;
    let (status, received_at, requested) = cancellation_facts(tx, number)?;
    let (allowed, until) = vitrina_core::order::cancellation(status, received_at, requested, now, store.utc_offset_minutes(now));
    let customer = Person { name: row.name, phone: row.phone };
    Ok(Order {
        number: number.to_string(),
        created_at: format_rfc3339_utc(row.created_at),
        email: row.email,
        recipient: row.recipient.unwrap_or_else(|| customer.clone()),
        customer,
        billing_address: row.address.clone(),
        delivery_address: row.address,
        lines,
        totals: row.totals,
        promo_code: row.promo_code,
        payment: row.payment,
        delivery: row.delivery,
        status: row.status,
        history,
        shipments,
        sellers,
        cancellation: Cancellation { allowed: allowed.is_ok(), blocked_by: allowed.err(), until: until.map(format_rfc3339_utc) },
        seller_confirms_within_hours: policy::SELLER_CONFIRMS_WITHIN_HOURS,
        terms_version: row.terms_version,
    })
}
