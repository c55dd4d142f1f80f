//! Placing orders exactly once, paying again, and cancelling.
//!
//! Exactly once: each attempt carries an `Idempotency-Key`; the same key with the same body gets
//! the same order back, with a different body it is refused. A cart becomes at most one order:
//! finishing the same checkout in a second tab returns the first tab's order (with a token of its
//! own: the store keeps tokens only as hashes).
//!
//! Not without limit: each new attempt counts against the client's network and the order's email
//! (`ratelimit::Limits`), so that nobody can take the whole stock with orders never paid.

use crate::domain::checkout::{build_quote, limit_problem, order_errors};
use crate::domain::emails;
use crate::error::{ApiError, ApiResult};
use crate::outbox;
use crate::phone;
use crate::policy;
use crate::state::AppState;
use crate::store::orders::{self, NewOrder};
use crate::store::{carts, catalog, payments};
use rusqlite::Transaction;
use sha2::{Digest, Sha256};
use vitrina_core::api::{
    Address, CancellationBlock, DeliveryKind, Order, OrderStatus, PaymentKind, PaymentStatus, PaymentStep, Person, PlaceOrder, PlacedOrder,
};
use vitrina_core::civil::UnixSeconds;
use vitrina_core::{FieldError, ProblemKind};

/// An order as placing answers it: newly placed, or placed before by the same attempt or cart.
pub struct Placed {
    pub order: PlacedOrder,
    /// Whether this request placed it.
    pub new: bool,
}

/// A stable fingerprint of the request body (SHA-256 of its JSON), to tell a repeated request
/// from a different one under the same key.
pub fn request_hash(body: &PlaceOrder) -> String {
    let json = serde_json::to_vec(body).unwrap_or_default();
    Sha256::digest(&json).iter().map(|b| format!("{b:02x}")).collect()
}

/// Places the order of `body` under `key` (with fingerprint `hash`), exactly once. A repeated
/// request is answered as before; any other attempt must first be let through by `admit` (the
/// rate limits), even one that finds its cart already ordered.
pub fn place(
    tx: &Transaction<'_>,
    key: &str,
    hash: &str,
    body: &PlaceOrder,
    store: &policy::Profile,
    now: UnixSeconds,
    admit: impl FnOnce(&PlaceOrder) -> ApiResult<()>,
) -> ApiResult<Placed> {
    if let Some((seen_hash, number, token)) = orders::seen_key(tx, key)? {
        if seen_hash != hash {
            return Err(ApiError::new(ProblemKind::IdempotencyKeyReused));
        }
        let token = match token {
            Some(token) => token,
            None => orders::issue_token(tx, number, now)?,
        };
        return Ok(Placed { order: orders::placed_order(tx, number, token)?, new: false });
    }
    admit(body)?;
    if let Some(number) = carts::order_of(tx, &body.draft.cart_id)? {
        let token = orders::issue_token(tx, number, now)?;
        orders::remember_key(tx, key, hash, number, &token, now)?;
        return Ok(Placed { order: orders::placed_order(tx, number, token)?, new: false });
    }

    let draft = &body.draft;
    let quote = build_quote(tx, store, store.default_locale, draft, now)?;
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
        if !catalog::take_stock(tx, &line.variant_id, line.quantity)? {
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
    let payment_status =
        if payment.kind == PaymentKind::CardOnline { PaymentStatus::AwaitingPayment } else { PaymentStatus::PayOnDelivery };
    let number = orders::next_number(tx)?;
    orders::insert(
        tx,
        &NewOrder {
            number,
            cart_id: &draft.cart_id,
            placed_at: now,
            email: contact.email.trim(),
            customer: Person { name: contact.name.trim().to_owned(), phone: e164(&contact.phone, &address.country) },
            recipient: draft.recipient.as_ref().map(|r| Person { name: r.name.trim().to_owned(), phone: e164(&r.phone, &address.country) }),
            address: Address {
                country: address.country.clone(),
                city: address.city.trim().to_owned(),
                line: address.line.trim().to_owned(),
                postcode: address.postcode.trim().to_owned(),
                region: address.region.trim().to_owned(),
            },
            delivery: option,
            delivery_date: choice.date.filter(|_| option.kind == DeliveryKind::Courier),
            time_window: choice
                .time_window_id
                .as_ref()
                .and_then(|id| option.time_windows.iter().find(|w| &w.id == id))
                .map(|w| format!("{}–{}", w.from, w.to)),
            pickup_point: choice.pickup_point_id.as_ref().and_then(|id| option.pickup_points.iter().find(|p| &p.id == id)),
            payment,
            payment_status,
            promo_code: quote.promo.as_ref().map(|p| p.code.as_str()),
            totals: &quote.totals,
            consents: &body.consents,
        },
    )?;
    for (position, line) in quote.cart.lines.iter().enumerate() {
        orders::insert_line(tx, number, position, line, &catalog::seller_of(tx, &line.product_id)?)?;
    }
    orders::add_event(tx, number, now, "created")?;
    if payment.kind == PaymentKind::CardOnline {
        payments::open(tx, number, now)?;
    }
    carts::mark_ordered(tx, &draft.cart_id, number)?;
    let token = orders::issue_token(tx, number, now)?;
    orders::remember_key(tx, key, hash, number, &token, now)?;
    Ok(Placed { order: orders::placed_order(tx, number, token)?, new: true })
}

/// Writes the confirmation email of a newly placed order to the outbox. A failure to write is
/// logged, not returned: the order stands either way.
pub async fn send_confirmation(state: &AppState, placed: &PlacedOrder) {
    let Ok(number) = placed.number.parse::<i64>() else { return };
    let now = state.clock.now();
    let store = policy::profile(state.options.store);
    let Ok(order) = state.db.run(move |tx| orders::load_order(tx, store, number, now)).await else { return };
    let public = state.options.public_url.clone().unwrap_or_else(|| format!("http://{}:{}", state.options.host, state.options.port));
    let order_url = format!("{}/orders/{}?token={}", public.trim_end_matches('/'), placed.number, placed.access_token);
    let email = emails::order_confirmation(&order, state.options.store_name(), &order_url, &public);
    if let Err(e) = outbox::write(&state.options.outbox_dir, &format!("order-{}-confirmation", placed.number), &email, now) {
        tracing::warn!(order = number, "could not write the order confirmation: {e}");
    }
}

/// Starts another online card payment for an order whose payment is still due or was declined.
pub fn start_payment(tx: &Transaction<'_>, number: &str, token: &str, now: UnixSeconds) -> ApiResult<PaymentStep> {
    let number = orders::authorised_order(tx, number, token)?;
    let (kind, status) = orders::payment(tx, number)?;
    if kind != PaymentKind::CardOnline || !matches!(status, PaymentStatus::AwaitingPayment | PaymentStatus::Declined) {
        return Err(ApiError::new(ProblemKind::PaymentNotNeeded));
    }
    payments::decline_pending(tx, number, now)?;
    let id = payments::open(tx, number, now)?;
    orders::set_payment_status(tx, number, PaymentStatus::AwaitingPayment)?;
    Ok(PaymentStep { status: PaymentStatus::AwaitingPayment, redirect_url: Some(payments::gateway_url(&id, number, token)) })
}

/// Asks to cancel the order: before handover it is cancelled at once (any payment refunded to the
/// card it came from, the items back in stock); after receipt it becomes a return request, within
/// 7 days (`vitrina_core::order::cancellation`).
pub fn request_cancellation(
    tx: &Transaction<'_>,
    store: &policy::Profile,
    number: &str,
    token: &str,
    now: UnixSeconds,
) -> ApiResult<Order> {
    let number = orders::authorised_order(tx, number, token)?;
    let (status, received_at, requested) = orders::cancellation_facts(tx, number)?;
    let (allowed, _) = vitrina_core::order::cancellation(status, received_at, requested, now, store.utc_offset_minutes(now));
    if let Err(block) = allowed {
        let detail = match block {
            CancellationBlock::HandedOver => "The order is with the carrier; it can be returned once received.",
            CancellationBlock::WindowClosed => "More than 7 days have passed since the order was received.",
            CancellationBlock::AlreadyRequested => "A cancellation has already been requested.",
            _ => "The order is already cancelled.",
        };
        return Err(ApiError::detail(ProblemKind::CancellationNotAllowed, detail));
    }
    orders::add_event(tx, number, now, "cancellation_requested")?;
    if status != OrderStatus::Received {
        orders::set_status(tx, store, number, OrderStatus::Cancelled, now)?;
        if orders::payment(tx, number)?.1 == PaymentStatus::Paid {
            orders::set_payment_status(tx, number, PaymentStatus::Refunded)?;
            orders::add_event(tx, number, now, "refunded")?;
        }
        orders::return_to_stock(tx, number)?;
    }
    orders::load_order(tx, store, number, now)
}

/// A number as the store keeps it (checked by `checkout::order_errors` before an order is placed).
fn e164(typed: &str, country: &str) -> String {
    phone::normalise(typed, country).map(|p| p.e164).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_tells_different_bodies_apart_and_repeats_for_the_same() {
        let body: PlaceOrder = serde_json::from_value(serde_json::json!({
            "draft": { "cart_id": "c1" },
            "consents": { "terms_version": "2026-10-01", "personal_data": true },
            "expected_total": { "amount_minor": 100, "currency": "RUB" },
        }))
        .unwrap();
        let mut other = body.clone();
        other.draft.cart_id = "c2".into();
        assert_eq!(request_hash(&body), request_hash(&body.clone()));
        assert_ne!(request_hash(&body), request_hash(&other));
        assert_eq!(request_hash(&body).len(), 64);
    }
}
