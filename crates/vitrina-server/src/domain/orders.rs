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
use crate::domain::lifecycle::{self, Cause};
use crate::error::{ApiError, ApiResult};
use crate::phone;
use crate::policy;
use crate::store::orders::{self, NewOrder};
use crate::store::{carts, catalog, payments, promos};
use rusqlite::Transaction;
use vitrina_core::api::{
    Address, CancellationBlock, CancellationKind, DeliveryKind, LineQuantity, Order, PaymentKind, PaymentStatus, PaymentStep, Person,
    PlaceOrder, PlacedOrder, PromoStatus, PromoTarget,
};
use vitrina_core::civil::UnixSeconds;

use vitrina_core::order::OrderRules;
use vitrina_core::order::lines::Discount;
use vitrina_core::{FieldCode, FieldError, ProblemKind};

/// An order as placing answers it: newly placed, or placed before by the same attempt or cart.
pub struct Placed {
    pub order: PlacedOrder,
    /// Whether this request placed it.
    pub new: bool,
}

/// A stable fingerprint of the request body, to tell a repeated request from a different one
/// under the same key.
pub use super::keys::fingerprint as request_hash;

/// Places the order of `body` under `key` (with fingerprint `hash`), exactly once. A repeated
/// request is answered as before; any other attempt must first be let through by `admit` (the
/// rate limits), even one that finds its cart already ordered.
// The store and its order rules travel beside the order's own facts.
#[allow(clippy::too_many_arguments)]
pub fn place(
    tx: &Transaction<'_>,
    key: &str,
    hash: &str,
    body: &PlaceOrder,
    store: &policy::Profile,
    now: UnixSeconds,
    rules: &OrderRules,
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
    // Worded in the shopper's language: the order keeps its way to receive and point as shown.
    let quote = build_quote(tx, store, store.language(body.locale.as_deref()), draft, now)?;
    if quote.cart.lines.is_empty() {
        return Err(ApiError::validation(vec![FieldError::new("cart", "empty_cart", "The cart is empty.")]));
    }
    let mut errors = order_errors(draft, &body.consents, &quote);
    if draft
        .delivery
        .as_ref()
        .and_then(|d| d.note.as_ref())
        .is_some_and(|note| note.trim().chars().count() > vitrina_core::checkout::entries::MAX_COURIER_NOTE_CHARS)
    {
        errors.push(FieldError::of("delivery.note", FieldCode::TooLong));
    }
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
            let left = catalog::stock(tx, &line.variant_id)?.unwrap_or(0);
            return Err(ApiError::out_of_stock(&line.variant_id, left));
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
    let discount = match quote.promo.as_ref().filter(|p| p.status == PromoStatus::Applied).map(|p| (p.applies_to, &p.code)) {
        Some((Some(PromoTarget::Items), code)) => Discount::ItemsPercent(promos::rule(tx, code)?.map(|r| r.percent).unwrap_or(0)),
        Some((Some(PromoTarget::Delivery), _)) => Discount::Delivery,
        _ => Discount::None,
    };
    let courier_note = choice.note.as_deref().map(str::trim).filter(|n| !n.is_empty() && option.kind == DeliveryKind::Courier);
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
            discount,
            totals: &quote.totals,
            consents: &body.consents,
            courier_note,
            pay_by: vitrina_core::order::pay_by(payment.kind, now, rules),
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

/// The order `token` opens, with the deadlines that have passed by `now` applied, so whatever is
/// asked of it next meets the order as it stands.
pub(crate) fn opened(
    tx: &Transaction<'_>,
    store: &policy::Profile,
    number: &str,
    token: &str,
    now: UnixSeconds,
    rules: &OrderRules,
) -> ApiResult<i64> {
    let number = orders::authorised_order(tx, number, token)?;
    lifecycle::settle(tx, store, number, now, rules)?;
    Ok(number)
}

/// The order `token` opens, as its page shows it now (its passed deadlines applied first).
pub fn view(
    tx: &Transaction<'_>,
    store: &policy::Profile,
    number: &str,
    token: &str,
    now: UnixSeconds,
    rules: &OrderRules,
) -> ApiResult<Order> {
    let number = opened(tx, store, number, token, now, rules)?;
    orders::load_order(tx, store, number, now, rules)
}

/// Starts another online card payment for an order whose payment is still due or was declined,
/// while it may be paid: a cancelled order, or one whose time to pay has run out, may not.
pub fn start_payment(
    tx: &Transaction<'_>,
    store: &policy::Profile,
    number: &str,
    token: &str,
    now: UnixSeconds,
    rules: &OrderRules,
) -> ApiResult<PaymentStep> {
    let number = opened(tx, store, number, token, now, rules)?;
    let state = lifecycle::state(tx, number)?;
    if state.payment_kind != PaymentKind::CardOnline {
        return Err(ApiError::new(ProblemKind::PaymentNotNeeded));
    }
    if !vitrina_core::order::is_payable(state.status, state.payment_status, state.pay_by, now) {
        return Err(match state.payment_status {
            PaymentStatus::Expired => ApiError::detail(ProblemKind::PaymentClosed, "The time to pay has run out; the order was cancelled."),
            PaymentStatus::Cancelled => ApiError::detail(ProblemKind::PaymentClosed, "The order was cancelled."),
            _ => ApiError::new(ProblemKind::PaymentNotNeeded),
        });
    }
    payments::decline_pending(tx, number, now)?;
    let id = payments::open(tx, number, now)?;
    orders::set_payment_status(tx, number, PaymentStatus::AwaitingPayment)?;
    Ok(PaymentStep { status: PaymentStatus::AwaitingPayment, redirect_url: Some(payments::gateway_url(&id, number, token)) })
}

/// Cancels (until the shopper has the order, in transit included) or asks to return (within 7
/// days after receipt) the whole order or the chosen `lines` (`vitrina_core::order::cancellation`).
/// A cancellation takes effect at once: refunded by the original method, the items back on sale,
/// the carrier told to bring back what it has. A return request is recorded; the money goes back
/// once the seller has the goods.
// The store and its order rules travel beside the request's own facts.
#[allow(clippy::too_many_arguments)]
pub fn request_cancellation(
    tx: &Transaction<'_>,
    store: &policy::Profile,
    number: &str,
    token: &str,
    lines: &[LineQuantity],
    key: Option<(&str, &str)>,
    now: UnixSeconds,
    rules: &OrderRules,
) -> ApiResult<Order> {
    let number = opened(tx, store, number, token, now, rules)?;
    if carried_out(tx, key, number, now)? {
        return orders::load_order(tx, store, number, now, rules);
    }
    let state = lifecycle::state(tx, number)?;
    let window = vitrina_core::order::cancellation(&state.cancellation_facts(), now, store.utc_offset_minutes(now), rules);
    if !window.allowed {
        let detail = match window.blocked_by {
            Some(CancellationBlock::WindowClosed) => "More than 7 days have passed since the order was received.",
            Some(CancellationBlock::AlreadyRequested) => "A return of everything in the order has already been requested.",
            _ => "The order is already cancelled.",
        };
        return Err(ApiError::detail(ProblemKind::CancellationNotAllowed, detail));
    }
    match window.kind {
        Some(CancellationKind::Return) => {
            let quantities = lifecycle::resolve(&lifecycle::returnable(&state), lines)?;
            lifecycle::request_return(tx, number, &quantities, now)?;
        }
        _ => {
            let quantities = lifecycle::resolve(&lifecycle::still_ordered(&state), lines)?;
            lifecycle::cancel(tx, store, &state, &quantities, Cause::Shopper, &[], now, rules)?;
        }
    }
    orders::load_order(tx, store, number, now, rules)
}

/// Whether a request that changes order `number`, under `key` (the request's `Idempotency-Key`
/// and its fingerprint), was carried out before: a retry whose first answer was lost on the way,
/// to be answered with the order as it is now. The same key for another request is refused; a
/// new key is remembered with the change (in the same transaction, so a request that fails
/// leaves it unused).
pub fn carried_out(tx: &Transaction<'_>, key: Option<(&str, &str)>, number: i64, now: UnixSeconds) -> ApiResult<bool> {
    let number = number.to_string();
    match super::keys::earlier_outcome(tx, key)? {
        Some(changed) if changed == number => Ok(true),
        Some(_) => Err(ApiError::new(ProblemKind::IdempotencyKeyReused)),
        None => super::keys::remember(tx, key, &number, now).map(|()| false),
    }
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
