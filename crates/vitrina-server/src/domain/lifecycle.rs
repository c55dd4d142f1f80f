//! What happens to an order after it is placed: lines cancelled or the whole order (at the
//! shopper's request, unpaid in time, not collected, a substitution unanswered), the money and
//! the stock that follow, refunds by the method the order was paid with, the carrier told to
//! bring back what it has; the deadlines settled; the order moved along as the seller and the
//! carrier move it.
//!
//! Every step is written to the order's history (`OrderEventKind`), with the lines it concerns
//! and the money it moved, so that whatever tells the shopper (the order page, an email) reads
//! the same facts.

use crate::error::{ApiError, ApiResult};
use crate::policy::Profile;
use crate::store::orders::{self, OrderState};
use crate::store::{catalog, payments, refunds, shipments, substitutions};
use rusqlite::Transaction;
use std::collections::BTreeMap;
use vitrina_core::api::{
    DeliveryFeeOutcome, LineQuantity, OrderEventKind, OrderStatus, PaymentStatus, RefundReason, SubstitutionStatus, UnansweredSubstitution,
};
use vitrina_core::civil::UnixSeconds;
use vitrina_core::order::lines::{self, LineChangeError};
use vitrina_core::order::{self as rules, OrderRules};
use vitrina_core::{FieldCode, FieldError, Money, ProblemKind};

/// Why lines, or the whole order, are cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The shopper asked.
    Shopper,
    /// An online payment was not made in time.
    PaymentExpired,
    /// The parcel was not collected from the point in time.
    NotCollected,
    /// The shopper declined a substitution (or accepted a removal): the seller has no such item.
    SubstitutionDeclined,
    /// Nobody answered a substitution in time.
    SubstitutionUnanswered,
}

impl Cause {
    fn refund_reason(self) -> RefundReason {
        match self {
            Cause::Shopper | Cause::PaymentExpired => RefundReason::Cancellation,
            Cause::NotCollected => RefundReason::NotCollected,
            Cause::SubstitutionDeclined | Cause::SubstitutionUnanswered => RefundReason::Substitution,
        }
    }
}

/// The order's state; an order that does not exist is not found.
pub fn state(tx: &Transaction<'_>, number: i64) -> ApiResult<OrderState> {
    orders::state(tx, number)?.ok_or_else(|| ApiError::not_found("No such order."))
}

/// A refused change to the lines, as the client is told.
fn line_problem(e: LineChangeError) -> ApiError {
    match e {
        LineChangeError::Money(e) => e.into(),
        e => ApiError::validation(vec![FieldError::new("lines", FieldCode::QuantityOutOfRange, &sentence(&e))]),
    }
}

/// A rule's refusal as a sentence for the problem's detail.
pub fn sentence(e: &impl std::fmt::Display) -> String {
    let text = e.to_string();
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).chain(['.']).collect()).unwrap_or_default()
}

/// What is still ordered of each line, by position.
pub fn still_ordered(state: &OrderState) -> Vec<(i64, u32)> {
    state.lines.iter().map(|l| (l.position, l.quantity)).collect()
}

/// What of each received line has not been asked back yet, by position.
pub fn returnable(state: &OrderState) -> Vec<(i64, u32)> {
    state.lines.iter().map(|l| (l.position, l.quantity.saturating_sub(l.return_requested))).collect()
}

/// The quantities `request` asks for by line position, checked against what is `left`; an empty
/// request asks for everything left.
pub fn resolve(left: &[(i64, u32)], request: &[LineQuantity]) -> ApiResult<BTreeMap<i64, u32>> {
    if request.is_empty() {
        return Ok(left.iter().copied().filter(|(_, quantity)| *quantity > 0).collect());
    }
    let named: Vec<(String, u32)> = left.iter().map(|(position, quantity)| (orders::line_id(*position), *quantity)).collect();
    let wanted = lines::requested(&named, request).map_err(line_problem)?;
    Ok(wanted.into_iter().filter_map(|(id, quantity)| Some((orders::line_position(&id)?, quantity))).collect())
}

fn about(quantities: &BTreeMap<i64, u32>) -> Vec<LineQuantity> {
    quantities.iter().map(|(position, quantity)| LineQuantity { line_id: orders::line_id(*position), quantity: *quantity }).collect()
}

/// Records the shopper's request to return `quantities` of received lines.
pub fn request_return(tx: &Transaction<'_>, number: i64, quantities: &BTreeMap<i64, u32>, now: UnixSeconds) -> ApiResult<()> {
    for (position, quantity) in quantities {
        orders::request_return(tx, number, *position, *quantity)?;
    }
    orders::add_event_about(tx, number, now, OrderEventKind::ReturnRequested, &about(quantities), None)
}

/// Every line with what is left of it.
fn everything(state: &OrderState) -> BTreeMap<i64, u32> {
    resolve(&still_ordered(state), &[]).unwrap_or_default()
}

/// Cancels `quantities` (by line position) of the order; when that is everything left, the
/// whole order is cancelled. The totals, VAT and discount follow; what was paid for the
/// cancelled part is refunded by the original method; the items go back on sale, except those of
/// the lines the seller said it lacks (`lacking`); the carrier is told to bring back what it has.
// The store and its order rules travel beside the order's own facts.
#[allow(clippy::too_many_arguments)]
pub fn cancel(
    tx: &Transaction<'_>,
    store: &Profile,
    state: &OrderState,
    quantities: &BTreeMap<i64, u32>,
    cause: Cause,
    lacking: &[i64],
    now: UnixSeconds,
    rules: &OrderRules,
) -> ApiResult<()> {
    if quantities.is_empty() {
        return Ok(());
    }
    let whole = state.lines.iter().all(|l| l.quantity == quantities.get(&l.position).copied().unwrap_or(0));
    let request = about(quantities);
    let remaining = lines::take_off(&state.priced_lines(), &request).map_err(line_problem)?;
    let paid = state.paid();
    let fee = whole.then(|| rules::delivery_fee_on_cancel(state.status, paid, rules));
    let delivery = match fee {
        Some(DeliveryFeeOutcome::Retained) | None => state.delivery.clone(),
        Some(_) => Money::zero(&state.currency),
    };
    let after = lines::totals_of(&state.currency, &remaining, Some(&delivery), state.discount, state.totals.vat_rate_percent)?;

    for line in &state.lines {
        let Some(&quantity) = quantities.get(&line.position) else { continue };
        orders::cancel_quantity(tx, state.number, line.position, quantity)?;
        if !lacking.contains(&line.position) {
            catalog::restock(tx, &line.variant_id, quantity)?;
        }
    }
    orders::set_totals(tx, state.number, &after)?;

    let lead = match cause {
        Cause::Shopper if whole => OrderEventKind::CancellationRequested,
        Cause::Shopper => OrderEventKind::LinesCancelled,
        Cause::PaymentExpired => OrderEventKind::PaymentExpired,
        Cause::NotCollected => OrderEventKind::NotCollected,
        Cause::SubstitutionDeclined => OrderEventKind::SubstitutionDeclined,
        Cause::SubstitutionUnanswered => OrderEventKind::SubstitutionExpired,
    };
    // A decline is recorded by the answer itself (with its line); a lapse names the lines
    // nobody answered for.
    let about: Vec<LineQuantity> = match cause {
        Cause::SubstitutionUnanswered => {
            request.iter().filter(|l| orders::line_position(&l.line_id).is_some_and(|p| lacking.contains(&p))).cloned().collect()
        }
        _ => request.clone(),
    };
    if cause != Cause::SubstitutionDeclined {
        orders::add_event_about(tx, state.number, now, lead, &about, None)?;
    }
    if state.status.in_transit() && cause != Cause::NotCollected {
        orders::add_event_about(tx, state.number, now, OrderEventKind::ReturnToSender, &request, None)?;
        if whole {
            scan(tx, store, state.number, now, store.shipments.returning)?;
        }
    }
    if cause == Cause::NotCollected {
        scan(tx, store, state.number, now, store.shipments.refused)?;
    }
    if whole {
        orders::set_status(tx, store, state.number, OrderStatus::Cancelled, now)?;
    }

    if paid {
        let amount = lines::refund(&state.totals, &after)?;
        if amount.amount_minor > 0 {
            refunds::record(tx, state.number, now, &amount, state.payment_kind, cause.refund_reason(), fee)?;
            orders::add_event_about(tx, state.number, now, OrderEventKind::Refunded, &[], Some(&amount))?;
        }
        if after.total.is_zero() && state.payment_status == PaymentStatus::Paid {
            orders::set_payment_status(tx, state.number, PaymentStatus::Refunded)?;
        }
    } else {
        // Nothing was taken: a payment still open is for an amount that no longer holds.
        payments::void_pending(tx, state.number, now)?;
        if whole {
            let status = if cause == Cause::PaymentExpired { PaymentStatus::Expired } else { PaymentStatus::Cancelled };
            orders::set_payment_status(tx, state.number, status)?;
        }
    }
    Ok(())
}

/// Cancels the whole order (what is left of it).
pub fn cancel_order(
    tx: &Transaction<'_>,
    store: &Profile,
    state: &OrderState,
    cause: Cause,
    now: UnixSeconds,
    rules: &OrderRules,
) -> ApiResult<()> {
    cancel(tx, store, state, &everything(state), cause, &[], now, rules)
}

/// A scan by the carrier on the order's parcel, if it has one.
fn scan(tx: &Transaction<'_>, store: &Profile, number: i64, at: UnixSeconds, status: &str) -> ApiResult<()> {
    if let Some(tracking) = shipments::numbers_of_order(tx, &number.to_string())?.into_iter().next() {
        shipments::carrier_scan(tx, store, &tracking, at, status)?;
    }
    Ok(())
}

/// Applies the order's deadlines that have passed by `now`: an online payment not made in time
/// (the order expires and its goods go back on sale), substitutions nobody answered (the store's
/// `if_unanswered`), a parcel not collected by its last day (refused, prepaid money refunded).
pub fn settle(tx: &Transaction<'_>, store: &Profile, number: i64, now: UnixSeconds, rules: &OrderRules) -> ApiResult<()> {
    let Some(state) = orders::state(tx, number)? else { return Ok(()) };
    if state.status == OrderStatus::Cancelled {
        return Ok(());
    }
    if rules::payment_expired(state.status, state.payment_status, state.pay_by, now) {
        expire_proposals(tx, number, now)?;
        return cancel_order(tx, store, &state, Cause::PaymentExpired, now, rules);
    }
    let overdue: Vec<_> = substitutions::all_awaiting(tx, number)?
        .into_iter()
        .filter(|p| vitrina_core::order::substitution::is_overdue(p.answer_by, now))
        .collect();
    if !overdue.is_empty() {
        for proposal in &overdue {
            substitutions::answer(tx, number, proposal, SubstitutionStatus::Expired, None, now)?;
        }
        let lacking: Vec<i64> = overdue.iter().map(|p| p.position).collect();
        // The whole order goes (seed 002 l.419, 9.2.1), unless the store only drops the line.
        let whole = overdue.iter().any(|p| p.if_unanswered != UnansweredSubstitution::RemoveLine);
        let quantities = if whole {
            expire_proposals(tx, number, now)?;
            everything(&state)
        } else {
            everything(&state).into_iter().filter(|(position, _)| lacking.contains(position)).collect()
        };
        return cancel(tx, store, &state, &quantities, Cause::SubstitutionUnanswered, &lacking, now, rules);
    }
    if state.collect_by(store).is_some_and(|last_day| rules::collection_lapsed(last_day, now, store.utc_offset_minutes(now))) {
        return cancel_order(tx, store, &state, Cause::NotCollected, now, rules);
    }
    Ok(())
}

/// Marks every proposal of the order still awaiting an answer as lapsed.
fn expire_proposals(tx: &Transaction<'_>, number: i64, now: UnixSeconds) -> ApiResult<()> {
    for proposal in substitutions::all_awaiting(tx, number)? {
        substitutions::answer(tx, number, &proposal, SubstitutionStatus::Expired, None, now)?;
    }
    Ok(())
}

/// Settles every order with a deadline that may have passed; how many were looked at.
pub fn settle_all(tx: &Transaction<'_>, store: &Profile, now: UnixSeconds, rules: &OrderRules) -> ApiResult<usize> {
    let numbers = orders::with_deadlines(tx, now)?;
    for number in &numbers {
        settle(tx, store, *number, now, rules)?;
    }
    Ok(numbers.len())
}

/// Whether the order may go to the carrier now: paid (or paid on delivery) and no substitution
/// awaiting the shopper's answer.
pub fn may_ship(tx: &Transaction<'_>, state: &OrderState) -> ApiResult<bool> {
    Ok(rules::may_hand_to_carrier(state.payment_status, !substitutions::all_awaiting(tx, state.number)?.is_empty()))
}

/// Moves the order to `status` at `at`, as the seller or the carrier does. A cancelled order
/// stays cancelled; an order goes to the carrier (or further) only once it may.
pub fn move_to(tx: &Transaction<'_>, store: &Profile, number: i64, status: OrderStatus, at: UnixSeconds) -> ApiResult<()> {
    let state = state(tx, number)?;
    if state.status == OrderStatus::Cancelled {
        return Err(ApiError::detail(ProblemKind::Conflict, "The order is cancelled."));
    }
    let leaving =
        (status.in_transit() || status == OrderStatus::Received) && !(state.status.in_transit() || state.status == OrderStatus::Received);
    if leaving && !may_ship(tx, &state)? {
        return Err(ApiError::detail(
            ProblemKind::Conflict,
            "The order goes to the carrier only once it is paid and no substitution awaits an answer.",
        ));
    }
    orders::set_status(tx, store, number, status, at)
}
