//! Placing orders, exactly once, and starting online payments for them.
//!
//! Exactly once: each attempt carries an `Idempotency-Key`; the same key with the same body gets
//! the same order back, with a different body it is refused. A cart becomes at most one order:
//! finishing the same checkout in a second tab returns the first tab's order.

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::ids;
use crate::routes::checkout::{build_quote, limit_problem, order_errors};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use rusqlite::{OptionalExtension, Transaction, params};
use vitrina_core::api::{DeliveryKind, PaymentKind, PaymentStatus, PaymentStep, PlaceOrder, PlacedOrder, StartPayment};
use vitrina_core::civil::UnixSeconds;
use vitrina_core::{FieldError, ProblemKind};

/// The first order number the store gives out.
const FIRST_ORDER_NUMBER: i64 = 1042;

/// Places the order.
#[utoipa::path(post, path = "/api/orders", tag = "checkout",
    params(("Idempotency-Key" = String, Header, min_length = 1, max_length = 200, pattern = "^[!-~]([ -~]*[!-~])?$",
        description = "A fresh random key per attempt to place (e.g. a UUID); repeat it to retry the same attempt safely. \
At most 200 printable ASCII characters, without spaces at either end")),
    request_body = PlaceOrder,
    responses(
        (status = 201, description = "The order was placed", body = PlacedOrder),
        (status = 200, description = "The same order again: a repeated request, or this cart was already ordered", body = PlacedOrder),
        (status = 400, description = "No Idempotency-Key (`idempotency-key-missing`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 404, description = "Unknown or expired cart (`cart-not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "The total changed (`price-changed`) or stock ran out (`out-of-stock`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "Fields need attention (`validation`), limits not met (`order-limit`), or the key was used for another request (`idempotency-key-reused`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn place_order(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PlaceOrder>,
) -> ApiResult<(StatusCode, Json<PlacedOrder>)> {
    let key = idempotency_key(&headers).ok_or_else(|| ApiError::new(ProblemKind::IdempotencyKeyMissing))?;
    let hash = request_hash(&body);
    let now = state.clock.now();
    let (status, placed) = state.db.run(move |tx| place(tx, &key, &hash, &body, now)).await?;
    if status == StatusCode::CREATED {
        send_confirmation(&state, &placed).await;
    }
    Ok((status, Json(placed)))
}

/// The request's `Idempotency-Key`: 1 to 200 printable ASCII characters (HTTP drops spaces at
/// either end).
fn idempotency_key(headers: &HeaderMap) -> Option<String> {
    let key = headers.get("idempotency-key")?.to_str().ok()?.trim();
    let printable = key.bytes().all(|b| (b' '..=b'~').contains(&b));
    (printable && !key.is_empty() && key.len() <= 200).then(|| key.to_owned())
}

fn place(tx: &Transaction<'_>, key: &str, hash: &str, body: &PlaceOrder, now: UnixSeconds) -> ApiResult<(StatusCode, PlacedOrder)> {
    let seen: Option<(String, i64)> = tx
        .query_row("SELECT request_hash, order_number FROM idempotency_keys WHERE key = ?1", [key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((seen_hash, number)) = seen {
        if seen_hash != hash {
            return Err(ApiError::new(ProblemKind::IdempotencyKeyReused));
        }
        return Ok((StatusCode::OK, placed_order(tx, number)?));
    }
    let already: Option<i64> =
        tx.query_row("SELECT order_number FROM carts WHERE id = ?1", [&body.draft.cart_id], |r| r.get(0)).optional()?.flatten();
    if let Some(number) = already {
        remember_key(tx, key, hash, number, now)?;
        return Ok((StatusCode::OK, placed_order(tx, number)?));
    }

    let draft = &body.draft;
    let quote = build_quote(tx, draft, now)?;
    if quote.cart.lines.is_empty() {
        return Err(ApiError::validation(vec![FieldError::new("cart", "empty_cart", "The cart is empty.")]));
    }
    let errors = order_errors(draft, &body.consents, &quote);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    if let Some(problem) = limit_problem(&quote) {
        return Err(problem);
    }
    if quote.totals.total != body.expected_total {
        return Err(ApiError::detail(ProblemKind::PriceChanged, format!("The total is now {}.", quote.totals.total)));
    }
    for line in &quote.cart.lines {
        let taken =
            tx.execute("UPDATE variants SET stock = stock - ?1 WHERE id = ?2 AND stock >= ?1", params![line.quantity, line.variant_id])?;
        if taken == 0 {
            return Err(ApiError::detail(
                ProblemKind::OutOfStock,
                format!("{} {} is no longer in stock in that quantity.", line.name, line.variant_label),
            ));
        }
    }

    // Everything below is validated: the unwraps of `Option`s are replaced by defaults only to
    // keep the types simple.
    let contact = draft.contact.clone().unwrap_or_default();
    let address = draft.address.clone().unwrap_or_default();
    let choice = draft.delivery.clone().unwrap_or_default();
    let option =
        quote.delivery_options.iter().find(|o| o.id == choice.option_id).ok_or_else(|| ApiError::internal("chosen delivery vanished"))?;
    let payment_id = draft.payment_method.clone().unwrap_or_default();
    let payment = quote.payment_methods.iter().find(|m| m.id == payment_id).ok_or_else(|| ApiError::internal("chosen payment vanished"))?;
    let window = choice
        .time_window_id
        .as_ref()
        .and_then(|id| option.time_windows.iter().find(|w| &w.id == id))
        .map(|w| format!("{}–{}", w.from, w.to));
    let point = choice.pickup_point_id.as_ref().and_then(|id| option.pickup_points.iter().find(|p| &p.id == id));
    let point_json = point.map(serde_json::to_string).transpose().map_err(ApiError::internal)?;
    let payment_status =
        if payment.kind == PaymentKind::CardOnline { PaymentStatus::AwaitingPayment } else { PaymentStatus::PayOnDelivery };
    let number: i64 = tx.query_row("SELECT COALESCE(MAX(number) + 1, ?1) FROM orders", [FIRST_ORDER_NUMBER], |r| r.get(0))?;
    let totals = &quote.totals;
    tx.execute(
        "INSERT INTO orders (number, access_token, cart_id, created_at, email, phone, name, recipient_name, recipient_phone,
            country, city, address_line, postcode, delivery_option_id, delivery_kind, carrier, service_level, dispatch_date,
            earliest, latest, delivery_date, time_window, pickup_point_json, payment_method, payment_kind, payment_status,
            promo_code, currency, items_minor, delivery_minor, discount_minor, total_minor, vat_minor, vat_rate_percent,
            terms_version, personal_data_consent, marketing_consent, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
            ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, 'created')",
        params![
            number,
            ids::token(),
            draft.cart_id,
            now,
            contact.email.trim(),
            vitrina_core::validate::international_phone(&contact.phone).unwrap_or_default(),
            contact.name.trim(),
            draft.recipient.as_ref().map(|r| r.name.trim().to_owned()),
            draft.recipient.as_ref().map(|r| vitrina_core::validate::international_phone(&r.phone).unwrap_or_default()),
            address.country,
            address.city.trim(),
            address.line.trim(),
            address.postcode.trim(),
            option.id,
            enum_text(&option.kind),
            option.carrier,
            option.service_level,
            option.dispatch_date.to_string(),
            option.earliest.to_string(),
            option.latest.to_string(),
            choice.date.filter(|_| option.kind == DeliveryKind::Courier).map(|d| d.to_string()),
            window,
            point_json,
            payment.id,
            enum_text(&payment.kind),
            enum_text(&payment_status),
            quote.promo.as_ref().map(|p| p.code.clone()),
            totals.total.currency.code(),
            totals.items.amount_minor,
            totals.delivery.as_ref().map(|d| d.amount_minor).unwrap_or(0),
            totals.discount.amount_minor,
            totals.total.amount_minor,
            totals.vat_included.amount_minor,
            totals.vat_rate_percent,
            body.consents.terms_version,
            body.consents.personal_data,
            body.consents.marketing,
        ],
    )?;
    for (position, line) in quote.cart.lines.iter().enumerate() {
        let seller: String = tx.query_row("SELECT seller_id FROM products WHERE id = ?1", [&line.product_id], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO order_lines (order_number, position, product_id, variant_id, seller_id, sku, name, variant_label,
                unit_price_minor, quantity, line_total_minor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                number,
                position as i64,
                line.product_id,
                line.variant_id,
                seller,
                line.sku,
                line.name,
                line.variant_label,
                line.unit_price.amount_minor,
                line.quantity,
                line.line_total.amount_minor
            ],
        )?;
    }
    add_event(tx, number, now, "created")?;
    if payment.kind == PaymentKind::CardOnline {
        new_payment(tx, number, now)?;
    }
    tx.execute("UPDATE carts SET order_number = ?1 WHERE id = ?2", params![number, draft.cart_id])?;
    remember_key(tx, key, hash, number, now)?;
    Ok((StatusCode::CREATED, placed_order(tx, number)?))
}

/// Writes the confirmation email of a newly placed order to the outbox. A failure to write is
/// logged, not returned: the order stands either way.
async fn send_confirmation(state: &AppState, placed: &PlacedOrder) {
    let Ok(number) = placed.number.parse::<i64>() else { return };
    let now = state.clock.now();
    let Ok(order) = state.db.run(move |tx| crate::routes::order_view::load_order(tx, number, now)).await else { return };
    let public = state.options.public_url.clone().unwrap_or_else(|| format!("http://{}:{}", state.options.host, state.options.port));
    let order_url = format!("{}/orders/{}?token={}", public.trim_end_matches('/'), placed.number, placed.access_token);
    let email = crate::emails::order_confirmation(&order, &state.options.store_name, &order_url, &public);
    if let Err(e) = crate::outbox::write(&state.options.outbox_dir, &format!("order-{}-confirmation", placed.number), &email, now) {
        eprintln!("vitrina-server: could not write the confirmation of order {}: {e}", placed.number);
    }
}

fn remember_key(tx: &Transaction<'_>, key: &str, hash: &str, number: i64, now: UnixSeconds) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO idempotency_keys (key, request_hash, order_number, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![key, hash, number, now],
    )?;
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

/// Opens a new online payment attempt for the order's total; returns its id.
fn new_payment(tx: &Transaction<'_>, number: i64, now: UnixSeconds) -> ApiResult<String> {
    let id = ids::token();
    tx.execute(
        "INSERT INTO payments (id, order_number, created_at, amount_minor, currency, status)
         SELECT ?1, number, ?2, total_minor, currency, 'pending' FROM orders WHERE number = ?3",
        params![id, now, number],
    )?;
    Ok(id)
}

/// The gateway page of a payment.
pub fn gateway_url(payment_id: &str) -> String {
    format!("/gateway/{payment_id}")
}

/// The placed order as the checkout sees it: number, token, and what to do about payment.
fn placed_order(tx: &Transaction<'_>, number: i64) -> ApiResult<PlacedOrder> {
    let (token, status): (String, String) =
        tx.query_row("SELECT access_token, payment_status FROM orders WHERE number = ?1", [number], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let status: PaymentStatus = serde_json::from_value(serde_json::Value::String(status)).unwrap_or(PaymentStatus::Unknown);
    let pending: Option<String> = tx
        .query_row(
            "SELECT id FROM payments WHERE order_number = ?1 AND status = 'pending' ORDER BY created_at DESC LIMIT 1",
            [number],
            |r| r.get(0),
        )
        .optional()?;
    let redirect_url = pending.filter(|_| status == PaymentStatus::AwaitingPayment).map(|id| gateway_url(&id));
    Ok(PlacedOrder { number: number.to_string(), access_token: token, payment: PaymentStep { status, redirect_url } })
}

/// Starts another online card payment for an order whose payment is still due or was declined.
#[utoipa::path(post, path = "/api/orders/{number}/payments", tag = "orders",
    params(("number" = String, Path, description = "The order number")),
    request_body = StartPayment,
    responses(
        (status = 201, description = "Go to the gateway", body = PaymentStep),
        (status = 404, description = "No such order, or a wrong token (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "Nothing to pay online (`payment-not-needed`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn start_payment(
    State(state): State<AppState>,
    ApiPath(number): ApiPath<String>,
    ApiJson(body): ApiJson<StartPayment>,
) -> ApiResult<(StatusCode, Json<PaymentStep>)> {
    let now = state.clock.now();
    let step = state
        .db
        .run(move |tx| {
            let number = authorised_order(tx, &number, &body.access_token)?;
            let (kind, status): (String, String) =
                tx.query_row("SELECT payment_kind, payment_status FROM orders WHERE number = ?1", [number], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            if kind != enum_text(&PaymentKind::CardOnline) || !matches!(status.as_str(), "awaiting_payment" | "declined") {
                return Err(ApiError::new(ProblemKind::PaymentNotNeeded));
            }
            tx.execute(
                "UPDATE payments SET status = 'declined', decided_at = ?1 WHERE order_number = ?2 AND status = 'pending'",
                params![now, number],
            )?;
            let id = new_payment(tx, number, now)?;
            tx.execute("UPDATE orders SET payment_status = 'awaiting_payment' WHERE number = ?1", [number])?;
            Ok(PaymentStep { status: PaymentStatus::AwaitingPayment, redirect_url: Some(gateway_url(&id)) })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(step)))
}

/// The order number if `token` opens it; otherwise exactly the answer for an order that does not exist.
pub fn authorised_order(tx: &Transaction<'_>, number: &str, token: &str) -> ApiResult<i64> {
    let not_found = || ApiError::not_found("No such order.");
    let number: i64 = number.trim().parse().map_err(|_| not_found())?;
    let stored: Option<String> = tx.query_row("SELECT access_token FROM orders WHERE number = ?1", [number], |r| r.get(0)).optional()?;
    match stored {
        Some(stored) if constant_time_eq(stored.as_bytes(), token.as_bytes()) => Ok(number),
        _ => Err(not_found()),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The wire name of a contract enum (`card_online`), for storage.
pub fn enum_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// A stable fingerprint of the request body (FNV-1a over its canonical JSON), to tell a repeated
/// request from a different one under the same key.
fn request_hash(body: &PlaceOrder) -> String {
    let json = serde_json::to_vec(body).unwrap_or_default();
    let hash = json.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3));
    format!("{hash:016x}")
}
