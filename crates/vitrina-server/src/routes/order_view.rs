//! The order page's data, guest lookup, and cancellation requests.
//!
//! Access: an order opens only with its access token (or, for lookup, its number with the email
//! it was placed with). Anything else is answered exactly as for an order that does not exist,
//! so the answers reveal nothing about which orders exist.

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery, ClientIp};
use crate::policy;
use crate::routes::catalog::image_url;
use crate::routes::orders::{add_event, authorised_order};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Deserialize;
use vitrina_core::api::{
    Address, Cancellation, CancellationRequest, Order, OrderAccess, OrderDelivery, OrderEvent, OrderEventKind, OrderLine, OrderLookup,
    OrderPayment, OrderSeller, OrderShipment, OrderStatus, Person, PickupPoint, Totals,
};
use vitrina_core::civil::{Date, UnixSeconds, format_rfc3339_utc};
use vitrina_core::{Money, ProblemKind};

/// Sellers of the demo store usually confirm an order within this many hours.
pub const SELLER_CONFIRMS_WITHIN_HOURS: u32 = 2;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TokenQuery {
    /// The order's access token, from its URL.
    #[serde(default)]
    #[param(required = false)]
    token: String,
}

/// An order, for its page.
#[utoipa::path(get, path = "/api/orders/{number}", tag = "orders",
    params(("number" = String, Path, description = "The order number"), TokenQuery),
    responses(
        (status = 200, description = "The order", body = Order),
        (status = 404, description = "No such order, or a missing or wrong token (the same answer) (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn get_order(
    State(state): State<AppState>,
    ApiPath(number): ApiPath<String>,
    ApiQuery(query): ApiQuery<TokenQuery>,
) -> ApiResult<Json<Order>> {
    let now = state.clock.now();
    let order = state
        .db
        .run(move |tx| {
            let number = authorised_order(tx, &number, &query.token)?;
            load_order(tx, number, now)
        })
        .await?;
    Ok(Json(order))
}

/// Finds an order by number and email (guests have no account). Rate-limited per order number
/// and per client address.
#[utoipa::path(post, path = "/api/orders/lookup", tag = "orders",
    request_body = OrderLookup,
    responses(
        (status = 200, description = "The order's number and access token", body = OrderAccess),
        (status = 404, description = "No order with this number and email (whichever is wrong) (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 429, description = "Too many tries; `retry_after_seconds` says when to try again (`rate-limited`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn lookup(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<OrderLookup>,
) -> ApiResult<Json<OrderAccess>> {
    let now = state.clock.now();
    let not_found = || ApiError::not_found("No order with this number and email.");
    if let Some(ip) = ip {
        state.limits.lookup_by_ip.check(&ip.to_string(), now).map_err(ApiError::rate_limited)?;
    }
    // Counted per order, however its number is written: "01042" and "+1042" are order 1042 too.
    // What is not a number is no order; it costs the client's address a try, and nothing else.
    let number = body.number.trim().trim_start_matches('#').parse::<i64>().map_err(|_| not_found())?;
    state.limits.lookup_by_order.check(&number.to_string(), now).map_err(ApiError::rate_limited)?;
    let email = body.email.trim().to_lowercase();
    let access = state
        .db
        .run(move |tx| {
            let found: Option<(i64, String)> = tx
                .query_row("SELECT number, access_token FROM orders WHERE number = ?1 AND lower(email) = ?2", params![number, email], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            found.map(|(number, access_token)| OrderAccess { number: number.to_string(), access_token }).ok_or_else(not_found)
        })
        .await?;
    Ok(Json(access))
}

/// Asks to cancel the order: before handover it is cancelled at once (and any payment refunded
/// to the card it came from); after receipt it becomes a return request, within 7 days.
#[utoipa::path(post, path = "/api/orders/{number}/cancellation", tag = "orders",
    params(("number" = String, Path, description = "The order number")),
    request_body = CancellationRequest,
    responses(
        (status = 200, description = "The order, with the request in its history", body = Order),
        (status = 404, description = "No such order, or a wrong token (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "Not possible now; `detail` says why (`cancellation-not-allowed`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn request_cancellation(
    State(state): State<AppState>,
    ApiPath(number): ApiPath<String>,
    ApiJson(body): ApiJson<CancellationRequest>,
) -> ApiResult<Json<Order>> {
    let now = state.clock.now();
    let order = state
        .db
        .run(move |tx| {
            let number = authorised_order(tx, &number, &body.access_token)?;
            let (status, received_at, requested) = cancellation_facts(tx, number)?;
            let (allowed, _) = vitrina_core::order::cancellation(status, received_at, requested, now, policy::STORE_UTC_OFFSET_MINUTES);
            if let Err(block) = allowed {
                let detail = match block {
                    vitrina_core::api::CancellationBlock::HandedOver => "The order is with the carrier; it can be returned once received.",
                    vitrina_core::api::CancellationBlock::WindowClosed => "More than 7 days have passed since the order was received.",
                    vitrina_core::api::CancellationBlock::AlreadyRequested => "A cancellation has already been requested.",
                    _ => "The order is already cancelled.",
                };
                return Err(ApiError::detail(ProblemKind::CancellationNotAllowed, detail));
            }
            add_event(tx, number, now, "cancellation_requested")?;
            if status != OrderStatus::Received {
                set_status(tx, number, OrderStatus::Cancelled, now)?;
                let paid: bool = tx.query_row("SELECT payment_status = 'paid' FROM orders WHERE number = ?1", [number], |r| r.get(0))?;
                if paid {
                    tx.execute("UPDATE orders SET payment_status = 'refunded' WHERE number = ?1", [number])?;
                    add_event(tx, number, now, "refunded")?;
                }
                tx.execute(
                    "UPDATE variants SET stock = stock + (SELECT COALESCE(SUM(quantity), 0) FROM order_lines l WHERE l.order_number = ?1 AND l.variant_id = variants.id)
                     WHERE id IN (SELECT variant_id FROM order_lines WHERE order_number = ?1)",
                    [number],
                )?;
            }
            load_order(tx, number, now)
        })
        .await?;
    Ok(Json(order))
}

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

fn cancellation_facts(tx: &Transaction<'_>, number: i64) -> ApiResult<(OrderStatus, Option<UnixSeconds>, bool)> {
    let status: String = tx.query_row("SELECT status FROM orders WHERE number = ?1", [number], |r| r.get(0))?;
    let received_at: Option<i64> =
        tx.query_row("SELECT MAX(at) FROM order_events WHERE order_number = ?1 AND kind = 'received'", [number], |r| r.get(0))?;
    let requested: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM order_events WHERE order_number = ?1 AND kind = 'cancellation_requested')",
        [number],
        |r| r.get(0),
    )?;
    Ok((parse(&status).unwrap_or(OrderStatus::Unknown), received_at, requested))
}

/// Moves the order to `status` at `at`, recording it in the history. Handing over to the carrier
/// gives the order its shipment.
pub fn set_status(tx: &Transaction<'_>, number: i64, status: OrderStatus, at: UnixSeconds) -> ApiResult<()> {
    let text = crate::routes::orders::enum_text(&status);
    tx.execute("UPDATE orders SET status = ?1 WHERE number = ?2", params![text, number])?;
    add_event(tx, number, at, &text)?;
    let scan = match status {
        OrderStatus::HandedToCarrier => Some("Отправление поступило на терминал"),
        OrderStatus::WithCourier => Some("Отправление будет доставлено сегодня"),
        OrderStatus::Received => Some("Доставлено получателю"),
        _ => None,
    };
    if let Some(scan) = scan {
        let tracking = ensure_shipment(tx, number, at)?;
        carrier_scan(tx, &tracking, at, scan)?;
    }
    Ok(())
}

/// The order's parcel at the carrier (Pony Express), created when the seller hands it over.
fn ensure_shipment(tx: &Transaction<'_>, number: i64, at: UnixSeconds) -> ApiResult<String> {
    let tracking = format!("PX{:010}", 2_000_000_000 + number);
    tx.execute(
        "INSERT OR IGNORE INTO shipments (tracking_number, carrier, planned_date, estimate_earliest, estimate_latest, created_at, seller_id, order_number)
         SELECT ?1, 'pony-express', latest, earliest, latest, ?2,
                (SELECT seller_id FROM order_lines WHERE order_number = number ORDER BY position LIMIT 1), CAST(number AS TEXT)
         FROM orders WHERE number = ?3",
        params![tracking, at, number],
    )?;
    Ok(tracking)
}

/// A carrier event on the shipment, in Moscow time, as Pony Express reports.
fn carrier_scan(tx: &Transaction<'_>, tracking: &str, at: UnixSeconds, status: &str) -> ApiResult<()> {
    let local = vitrina_core::civil::format_rfc3339_with_offset(at, policy::STORE_UTC_OFFSET_MINUTES);
    tx.execute(
        "INSERT INTO shipment_events (tracking_number, seq, local_time, utc_offset_minutes, time_zone, location, raw_status)
         VALUES (?1, (SELECT COALESCE(MAX(seq) + 1, 0) FROM shipment_events WHERE tracking_number = ?1), ?2, ?3, 'Europe/Moscow', 'Москва', ?4)",
        params![tracking, &local[..19], policy::STORE_UTC_OFFSET_MINUTES, status],
    )?;
    Ok(())
}

/// Reads the whole order as the contract describes it.
pub fn load_order(tx: &Transaction<'_>, number: i64, now: UnixSeconds) -> ApiResult<Order> {
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
                vat_rate_percent, terms_version, status
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
                address: Address { country: r.get(6)?, city: r.get(7)?, line: r.get(8)?, postcode: r.get(9)? },
                delivery: OrderDelivery {
                    kind: parse(&r.get::<_, String>(10)?).unwrap_or(vitrina_core::api::DeliveryKind::Unknown),
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
                    kind: parse(&r.get::<_, String>(19)?).unwrap_or(vitrina_core::api::PaymentKind::Unknown),
                    status: parse(&r.get::<_, String>(20)?).unwrap_or(vitrina_core::api::PaymentStatus::Unknown),
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
                status: parse(&r.get::<_, String>(30)?).unwrap_or(OrderStatus::Unknown),
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
            Ok(OrderEvent { at: format_rfc3339_utc(r.get(0)?), kind: parse(&r.get::<_, String>(1)?).unwrap_or(OrderEventKind::Unknown) })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let shipments = tx
        .prepare("SELECT tracking_number FROM shipments WHERE order_number = CAST(?1 AS TEXT) ORDER BY created_at, tracking_number")?
        .query_map([number], |r| Ok(OrderShipment { tracking_number: r.get(0)?, carrier: policy::CARRIER.to_owned() }))?
        .collect::<Result<Vec<_>, _>>()?;
    let sellers = tx
        .prepare("SELECT DISTINCT s.id, s.display_name FROM order_lines l JOIN sellers s ON s.id = l.seller_id WHERE l.order_number = ?1 ORDER BY s.id")?
        .query_map([number], |r| Ok(OrderSeller { id: r.get(0)?, name: r.get(1)? }))?
        .collect::<Result<Vec<_>, _>>()?;
    let (status, received_at, requested) = cancellation_facts(tx, number)?;
    let (allowed, until) = vitrina_core::order::cancellation(status, received_at, requested, now, policy::STORE_UTC_OFFSET_MINUTES);
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
        seller_confirms_within_hours: SELLER_CONFIRMS_WITHIN_HOURS,
        terms_version: row.terms_version,
    })
}
