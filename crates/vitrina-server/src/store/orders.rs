//! Orders: the row written when one is placed, its lines and history, its status, what changes
//! after placing (lines cancelled or asked back, totals, substitutes), and the order as its page
//! reads it.
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
use crate::store::{payments, refunds, shipments, substitutions};
use rusqlite::{OptionalExtension, Transaction, params};
use vitrina_core::api::{
    Address, CartLine, Consents, DeliveryKind, DeliveryOption, LineQuantity, Order, OrderDelivery, OrderEvent, OrderEventKind, OrderLine,
    OrderPayment, OrderSeller, OrderShipment, OrderStatus, PaymentKind, PaymentMethod, PaymentStatus, PaymentStep, Person, PickupPoint,
    PlacedOrder, Totals,
};
use vitrina_core::civil::{Date, UnixSeconds, format_rfc3339_utc};
use vitrina_core::order::lines::{Discount, PricedLine};
use vitrina_core::order::{CancellationFacts, OrderRules};
use vitrina_core::{Currency, Money};

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
    /// How the promo discount follows the lines when some are cancelled.
    pub discount: Discount,
    pub totals: &'a Totals,
    pub consents: &'a Consents,
    /// The shopper's note for the courier.
    pub courier_note: Option<&'a str>,
    /// When an online payment must have been made by.
    pub pay_by: Option<UnixSeconds>,
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
            terms_version, personal_data_consent, marketing_consent, status, courier_note, pay_by, discount_kind, discount_percent,
            region)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
            ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, 'created', ?38, ?39, ?40, ?41, ?42)",
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
            order.courier_note,
            order.pay_by,
            discount_text(order.discount).0,
            discount_text(order.discount).1,
            order.address.region,
        ],
    )?;
    Ok(())
}

/// A discount as its two columns.
fn discount_text(discount: Discount) -> (&'static str, i64) {
    match discount {
        Discount::None => ("none", 0),
        Discount::ItemsPercent(percent) => ("items_percent", percent),
        Discount::Delivery => ("delivery", 0),
    }
}

fn discount_of(kind: &str, percent: i64) -> Discount {
    match kind {
        "items_percent" => Discount::ItemsPercent(percent),
        "delivery" => Discount::Delivery,
        _ => Discount::None,
    }
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

/// Forgets idempotency keys (of placing and of later actions) older than `before` (a retry comes
/// within minutes, not a day later); how many.
pub fn purge_keys(tx: &Transaction<'_>, before: UnixSeconds) -> ApiResult<usize> {
    Ok(tx.execute("DELETE FROM idempotency_keys WHERE created_at < ?1", [before])? + super::keys::purge(tx, before)?)
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

/// Whom order `number` was placed by: the customer's name and e-mail, as its page names them.
pub fn addressee(tx: &Transaction<'_>, number: i64) -> ApiResult<(String, String)> {
    Ok(tx.query_row("SELECT name, email FROM orders WHERE number = ?1", params![number], |r| Ok((r.get(0)?, r.get(1)?)))?)
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
    record_event(tx, number, at, kind, &[], None)
}

/// Appends to the order's history an event about some lines (and the money it moved).
pub fn add_event_about(
    tx: &Transaction<'_>,
    number: i64,
    at: UnixSeconds,
    kind: OrderEventKind,
    lines: &[LineQuantity],
    amount: Option<&Money>,
) -> ApiResult<()> {
    record_event(tx, number, at, &to_text(&kind), lines, amount)
}

fn record_event(
    tx: &Transaction<'_>,
    number: i64,
    at: UnixSeconds,
    kind: &str,
    lines: &[LineQuantity],
    amount: Option<&Money>,
) -> ApiResult<()> {
    let lines_json = if lines.is_empty() { None } else { Some(serde_json::to_string(lines).map_err(ApiError::internal)?) };
    tx.execute(
        "INSERT INTO order_events (order_number, seq, at, kind, lines_json, amount_minor)
         VALUES (?1, (SELECT COALESCE(MAX(seq) + 1, 0) FROM order_events WHERE order_number = ?1), ?2, ?3, ?4, ?5)",
        params![number, at, kind, lines_json, amount.map(|m| m.amount_minor)],
    )?;
    Ok(())
}

/// Moves the order to `status` at `at`, recording it in the history. Handing over to the carrier
/// gives the order its shipment; each step after that is a scan by the carrier.
pub fn set_status(tx: &Transaction<'_>, store: &Profile, number: i64, status: OrderStatus, at: UnixSeconds) -> ApiResult<()> {
    let text = to_text(&status);
    tx.execute("UPDATE orders SET status = ?1 WHERE number = ?2", params![text, number])?;
    add_event(tx, number, at, &text)?;
    let [handed, with_courier, ready, delivered] = store.shipments.scans;
    let scan = match status {
        OrderStatus::HandedToCarrier => Some(handed),
        OrderStatus::WithCourier => Some(with_courier),
        OrderStatus::ReadyForPickup => Some(ready),
        OrderStatus::Received => Some(delivered),
        _ => None,
    };
    if let Some(scan) = scan {
        let tracking = shipments::ensure_for_order(tx, store, number, at)?;
        shipments::carrier_scan(tx, store, &tracking, at, scan)?;
    }
    Ok(())
}

/// One line of an order as stored.
#[derive(Debug, Clone)]
pub struct StoredLine {
    pub position: i64,
    pub product_id: String,
    pub variant_id: String,
    pub seller_id: String,
    pub name: String,
    pub variant_label: String,
    pub unit_price: Money,
    /// Still ordered.
    pub quantity: u32,
    pub cancelled: u32,
    pub return_requested: u32,
}

impl StoredLine {
    /// The line's id on the wire.
    pub fn id(&self) -> String {
        line_id(self.position)
    }

    /// The line as its money sees it.
    pub fn priced(&self) -> PricedLine {
        PricedLine { id: self.id(), unit_price: self.unit_price.clone(), quantity: self.quantity }
    }

    /// Name and variant, as a shopper reads them (`Linen shirt, M · White`).
    pub fn title(&self) -> String {
        if self.variant_label.is_empty() { self.name.clone() } else { format!("{}, {}", self.name, self.variant_label) }
    }
}

/// A line's id on the wire: its place in the order, counted from 1.
pub fn line_id(position: i64) -> String {
    (position + 1).to_string()
}

/// The line a wire id names.
pub fn line_position(id: &str) -> Option<i64> {
    id.parse::<i64>().ok().filter(|n| *n >= 1 && n.to_string() == id).map(|n| n - 1)
}

/// Everything the rules after placing decide on.
#[derive(Debug, Clone)]
pub struct OrderState {
    pub number: i64,
    pub status: OrderStatus,
    pub delivery_kind: DeliveryKind,
    pub payment_kind: PaymentKind,
    pub payment_status: PaymentStatus,
    pub pay_by: Option<UnixSeconds>,
    pub currency: Currency,
    /// The delivery fee charged now.
    pub delivery: Money,
    pub discount: Discount,
    pub totals: Totals,
    pub lines: Vec<StoredLine>,
    pub pickup_point: Option<PickupPoint>,
    /// When the shopper received it, and when it reached the pickup point.
    pub received_at: Option<UnixSeconds>,
    pub ready_at: Option<UnixSeconds>,
}

impl OrderState {
    /// Whether the shopper has paid: online, or (after receipt) on delivery.
    pub fn paid(&self) -> bool {
        self.payment_status == PaymentStatus::Paid
            || (self.status == OrderStatus::Received && self.payment_status == PaymentStatus::PayOnDelivery)
    }

    /// The lines as their money sees them.
    pub fn priced_lines(&self) -> Vec<PricedLine> {
        self.lines.iter().map(StoredLine::priced).collect()
    }

    /// What the cancellation rules need to know.
    pub fn cancellation_facts(&self) -> CancellationFacts {
        CancellationFacts {
            status: self.status,
            received_at: self.received_at,
            items_left: self.lines.iter().map(|l| l.quantity).sum(),
            returnable: self.lines.iter().map(|l| l.quantity.saturating_sub(l.return_requested)).sum(),
            paid: self.paid(),
        }
    }

    /// The last day to collect, once the parcel waits at the point (a day of the store's calendar).
    pub fn collect_by(&self, store: &Profile) -> Option<Date> {
        let point = self.pickup_point.as_ref().filter(|_| self.delivery_kind.is_collected())?;
        let ready = self.ready_at.filter(|_| self.status == OrderStatus::ReadyForPickup)?;
        Some(vitrina_core::order::collect_by(ready, point.storage_days, store.utc_offset_minutes(ready)))
    }
}

/// When the order last reached `kind` in its history.
fn last_event_at(tx: &Transaction<'_>, number: i64, kind: &str) -> ApiResult<Option<UnixSeconds>> {
    Ok(tx.query_row("SELECT MAX(at) FROM order_events WHERE order_number = ?1 AND kind = ?2", params![number, kind], |r| r.get(0))?)
}

/// The order's lines, in order.
pub fn lines(tx: &Transaction<'_>, number: i64, currency: &Currency) -> ApiResult<Vec<StoredLine>> {
    let mut stmt = tx.prepare(
        "SELECT position, product_id, variant_id, seller_id, name, variant_label, unit_price_minor, quantity, cancelled_quantity,
                return_requested_quantity
         FROM order_lines WHERE order_number = ?1 ORDER BY position",
    )?;
    let lines = stmt
        .query_map([number], |r| {
            Ok(StoredLine {
                position: r.get(0)?,
                product_id: r.get(1)?,
                variant_id: r.get(2)?,
                seller_id: r.get(3)?,
                name: r.get(4)?,
                variant_label: r.get(5)?,
                unit_price: Money { amount_minor: r.get(6)?, currency: currency.clone() },
                quantity: r.get(7)?,
                cancelled: r.get(8)?,
                return_requested: r.get(9)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(lines)
}

/// The order's state, if there is such an order.
pub fn state(tx: &Transaction<'_>, number: i64) -> ApiResult<Option<OrderState>> {
    let row = tx
        .query_row(
            "SELECT status, delivery_kind, payment_kind, payment_status, pay_by, currency, delivery_minor, discount_kind, discount_percent,
                    items_minor, discount_minor, total_minor, vat_minor, vat_rate_percent, pickup_point_json
             FROM orders WHERE number = ?1",
            [number],
            |r| {
                let currency = Currency::new(&r.get::<_, String>(5)?);
                let money = |minor: i64| Money { amount_minor: minor, currency: currency.clone() };
                let delivery = money(r.get(6)?);
                Ok(OrderState {
                    number,
                    status: from_text(&r.get::<_, String>(0)?).unwrap_or(OrderStatus::Unknown),
                    delivery_kind: from_text(&r.get::<_, String>(1)?).unwrap_or(DeliveryKind::Unknown),
                    payment_kind: from_text(&r.get::<_, String>(2)?).unwrap_or(PaymentKind::Unknown),
                    payment_status: from_text(&r.get::<_, String>(3)?).unwrap_or(PaymentStatus::Unknown),
                    pay_by: r.get(4)?,
                    discount: discount_of(&r.get::<_, String>(7)?, r.get(8)?),
                    totals: Totals {
                        items: money(r.get(9)?),
                        delivery: Some(delivery.clone()),
                        discount: money(r.get(10)?),
                        total: money(r.get(11)?),
                        vat_included: money(r.get(12)?),
                        vat_rate_percent: r.get(13)?,
                    },
                    delivery,
                    currency,
                    lines: Vec::new(),
                    pickup_point: r.get::<_, Option<String>>(14)?.and_then(|j| serde_json::from_str::<PickupPoint>(&j).ok()),
                    received_at: None,
                    ready_at: None,
                })
            },
        )
        .optional()?;
    let Some(mut state) = row else {
        return Ok(None);
    };
    state.lines = lines(tx, number, &state.currency)?;
    state.received_at = last_event_at(tx, number, "received")?;
    state.ready_at = last_event_at(tx, number, "ready_for_pickup")?;
    Ok(Some(state))
}

/// Takes `quantity` off a line as cancelled.
pub fn cancel_quantity(tx: &Transaction<'_>, number: i64, position: i64, quantity: u32) -> ApiResult<()> {
    tx.execute(
        "UPDATE order_lines SET quantity = quantity - ?3, cancelled_quantity = cancelled_quantity + ?3,
                line_total_minor = unit_price_minor * (quantity - ?3)
         WHERE order_number = ?1 AND position = ?2 AND quantity >= ?3",
        params![number, position, quantity],
    )?;
    Ok(())
}

/// Counts `quantity` of a received line as asked to be returned.
pub fn request_return(tx: &Transaction<'_>, number: i64, position: i64, quantity: u32) -> ApiResult<()> {
    tx.execute(
        "UPDATE order_lines SET return_requested_quantity = return_requested_quantity + ?3 WHERE order_number = ?1 AND position = ?2",
        params![number, position, quantity],
    )?;
    Ok(())
}

/// An item that takes a line's place.
pub struct Replacement<'a> {
    pub product_id: &'a str,
    pub variant_id: &'a str,
    pub seller_id: &'a str,
    pub sku: &'a str,
    pub name: &'a str,
    pub variant_label: &'a str,
    pub unit_price: &'a Money,
    /// What it replaces, as the shopper reads it.
    pub replaces: &'a str,
}

/// Puts `item` in a line's place, at the same quantity.
pub fn replace_line(tx: &Transaction<'_>, number: i64, position: i64, item: &Replacement<'_>) -> ApiResult<()> {
    tx.execute(
        "UPDATE order_lines SET product_id = ?3, variant_id = ?4, seller_id = ?5, sku = ?6, name = ?7, variant_label = ?8,
                unit_price_minor = ?9, line_total_minor = ?9 * quantity, replaces = ?10
         WHERE order_number = ?1 AND position = ?2",
        params![
            number,
            position,
            item.product_id,
            item.variant_id,
            item.seller_id,
            item.sku,
            item.name,
            item.variant_label,
            item.unit_price.amount_minor,
            item.replaces
        ],
    )?;
    Ok(())
}

/// Records the order's money as it now is.
pub fn set_totals(tx: &Transaction<'_>, number: i64, totals: &Totals) -> ApiResult<()> {
    tx.execute(
        "UPDATE orders SET items_minor = ?2, delivery_minor = ?3, discount_minor = ?4, total_minor = ?5, vat_minor = ?6 WHERE number = ?1",
        params![
            number,
            totals.items.amount_minor,
            totals.delivery.as_ref().map(|d| d.amount_minor).unwrap_or(0),
            totals.discount.amount_minor,
            totals.total.amount_minor,
            totals.vat_included.amount_minor
        ],
    )?;
    Ok(())
}

/// Orders that may have a deadline to settle by `now`: an online payment due and overdue, a
/// substitution overdue, or a parcel waiting at a point.
pub fn with_deadlines(tx: &Transaction<'_>, now: UnixSeconds) -> ApiResult<Vec<i64>> {
    let mut stmt = tx.prepare(
        "SELECT number FROM orders WHERE payment_status IN ('awaiting_payment', 'declined') AND pay_by < ?1 AND status <> 'cancelled'
         UNION SELECT order_number FROM substitutions WHERE status = 'proposed' AND answer_by < ?1
         UNION SELECT number FROM orders WHERE status = 'ready_for_pickup'
         ORDER BY 1",
    )?;
    let numbers = stmt.query_map([now], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
    Ok(numbers)
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

/// Reads the whole order as the contract describes it, with what the shopper may do about it now
/// under the store's `rules`.
pub fn load_order(tx: &Transaction<'_>, store: &Profile, number: i64, now: UnixSeconds, rules: &OrderRules) -> ApiResult<Order> {
    struct Row {
        created_at: i64,
        email: String,
        phone: String,
        name: String,
        recipient: Option<Person>,
        address: Address,
        delivery: OrderDelivery,
        promo_code: Option<String>,
        terms_version: String,
    }
    let state = state(tx, number)?.ok_or_else(|| ApiError::not_found("No such order."))?;
    let row = tx.query_row(
        "SELECT created_at, email, phone, name, recipient_name, recipient_phone, country, city, address_line, postcode,
                carrier, service_level, dispatch_date, earliest, latest, delivery_date, time_window, promo_code, terms_version,
                courier_note, region
         FROM orders WHERE number = ?1",
        [number],
        |r| {
            let date = |text: String| Date::parse(&text).unwrap_or(Date { year: 1970, month: 1, day: 1 });
            let recipient = match (r.get::<_, Option<String>>(4)?, r.get::<_, Option<String>>(5)?) {
                (Some(name), Some(phone)) => Some(Person { name, phone }),
                _ => None,
            };
            let kind = state.delivery_kind;
            Ok(Row {
                created_at: r.get(0)?,
                email: r.get(1)?,
                phone: r.get(2)?,
                name: r.get(3)?,
                recipient,
                address: Address { country: r.get(6)?, city: r.get(7)?, line: r.get(8)?, postcode: r.get(9)?, region: r.get("region")? },
                delivery: OrderDelivery {
                    kind,
                    carrier: r.get(10)?,
                    service_level: r.get(11)?,
                    dispatch_date: date(r.get(12)?),
                    earliest: date(r.get(13)?),
                    latest: date(r.get(14)?),
                    date: r.get::<_, Option<String>>(15)?.and_then(|d| Date::parse(&d)),
                    time_window: r.get(16)?,
                    pickup_point: state.pickup_point.clone(),
                    note: r.get(19)?,
                    collect_by: state.collect_by(store),
                    id_documents: if kind == DeliveryKind::ParcelLocker { Vec::new() } else { policy::ID_DOCUMENTS.to_vec() },
                },
                promo_code: r.get(17)?,
                terms_version: r.get(18)?,
            })
        },
    )?;
    let replaced: Vec<(i64, String, Option<String>)> = tx
        .prepare("SELECT position, sku, replaces FROM order_lines WHERE order_number = ?1 ORDER BY position")?
        .query_map([number], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut proposals = substitutions::of_order(tx, number, state.paid())?;
    let lines = state
        .lines
        .iter()
        .map(|line| {
            let (sku, replaces) =
                replaced.iter().find(|(p, _, _)| *p == line.position).map(|(_, s, r)| (s.clone(), r.clone())).unwrap_or_default();
            let line_total = line.unit_price.checked_mul(i64::from(line.quantity))?;
            Ok(OrderLine {
                id: line.id(),
                image_url: image_url(&line.product_id),
                product_id: line.product_id.clone(),
                name: line.name.clone(),
                sku,
                variant_label: line.variant_label.clone(),
                quantity: line.quantity,
                unit_price: line.unit_price.clone(),
                line_total,
                seller_id: line.seller_id.clone(),
                cancelled_quantity: line.cancelled,
                return_requested_quantity: line.return_requested,
                replaces,
                substitution: proposals.remove(&line.position),
            })
        })
        .collect::<Result<Vec<_>, vitrina_core::money::MoneyError>>()?;
    let history = tx
        .prepare("SELECT at, kind, lines_json, amount_minor FROM order_events WHERE order_number = ?1 ORDER BY seq")?
        .query_map([number], |r| {
            Ok(OrderEvent {
                at: format_rfc3339_utc(r.get(0)?),
                kind: from_text(&r.get::<_, String>(1)?).unwrap_or(OrderEventKind::Unknown),
                lines: r.get::<_, Option<String>>(2)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default(),
                amount: r.get::<_, Option<i64>>(3)?.map(|minor| Money { amount_minor: minor, currency: state.currency.clone() }),
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
    // The order's language: its e-mails are written in it, and the method is named in it.
    let language = locale(tx, number)?;
    let cancellation = vitrina_core::order::cancellation(&state.cancellation_facts(), now, store.utc_offset_minutes(now), rules);
    let payable = vitrina_core::order::is_payable(state.status, state.payment_status, state.pay_by, now);
    let pay_by = state.pay_by.filter(|_| vitrina_core::order::payment_due(state.payment_status) && state.status != OrderStatus::Cancelled);
    let customer = Person { name: row.name, phone: row.phone };
    // A parcel collected at a point is delivered to the point's address, not the shopper's.
    let delivery_address = match &row.delivery.pickup_point {
        Some(point) if state.delivery_kind.is_collected() => Address {
            country: row.address.country.clone(),
            city: String::new(),
            line: point.address.clone(),
            postcode: String::new(),
            region: String::new(),
        },
        _ => row.address.clone(),
    };
    Ok(Order {
        number: number.to_string(),
        created_at: format_rfc3339_utc(row.created_at),
        email: row.email,
        recipient: row.recipient.unwrap_or_else(|| customer.clone()),
        customer,
        billing_address: row.address,
        delivery_address,
        lines,
        totals: state.totals.clone(),
        promo_code: row.promo_code,
        payment: OrderPayment {
            kind: state.payment_kind,
            name: Some(policy::payment_words(state.payment_kind, &language).0.to_owned()),
            status: state.payment_status,
            payable,
            pay_by: pay_by.map(format_rfc3339_utc),
        },
        delivery: row.delivery,
        status: state.status,
        history,
        shipments,
        sellers,
        cancellation,
        refunds: refunds::of_order(tx, number)?,
        seller_confirms_within_hours: policy::SELLER_CONFIRMS_WITHIN_HOURS,
        terms_version: row.terms_version,
        locale: language,
        as_of: Some(format_rfc3339_utc(now)),
    })
}

/// The language the shopper placed the order in (`en` for orders from before languages).
pub fn locale(tx: &Transaction<'_>, number: i64) -> ApiResult<String> {
    Ok(tx.query_row("SELECT locale FROM orders WHERE number = ?1", [number], |r| r.get(0))?)
}

pub fn set_locale(tx: &Transaction<'_>, number: i64, locale: &str) -> ApiResult<()> {
    tx.execute("UPDATE orders SET locale = ?2 WHERE number = ?1", params![number, locale])?;
    Ok(())
}

/// The order's pickup code, made on first asking: six digits the shopper gives at the pickup
/// point or the locker (it acts as their signature).
pub fn pickup_code(tx: &Transaction<'_>, number: i64) -> ApiResult<String> {
    let existing: Option<String> = tx.query_row("SELECT pickup_code FROM orders WHERE number = ?1", [number], |r| r.get(0))?;
    if let Some(code) = existing {
        return Ok(code);
    }
    let code = ids::random_digits(6);
    tx.execute("UPDATE orders SET pickup_code = ?2 WHERE number = ?1", params![number, code])?;
    Ok(code)
}

/// When the order reached `kind` last (an event of its history), if it did.
pub fn event_at(tx: &Transaction<'_>, number: i64, kind: &str) -> ApiResult<Option<UnixSeconds>> {
    Ok(tx.query_row("SELECT MAX(at) FROM order_events WHERE order_number = ?1 AND kind = ?2", params![number, kind], |r| r.get(0))?)
}
