//! Order rules after placing: when the shopper may cancel (the whole order or single lines) or
//! return it, what happens to the delivery fee, when an order can be paid and when an unpaid one
//! expires, when it may go to the carrier, how long a pickup point keeps it, and how the
//! reference store moves an order along. Line arithmetic is in [`lines`], the seller's
//! substitutions in [`substitution`].

pub mod lines;
pub mod substitution;

use crate::api::{
    Cancellation, CancellationBlock, CancellationKind, DeliveryFeeOutcome, DeliveryKind, OrderStatus, PaymentKind, PaymentStatus,
    UnansweredSubstitution,
};
use crate::civil::{Date, UnixSeconds, format_rfc3339_utc};

/// Days after receipt during which the shopper may still return the order or some of its items
/// (seed 002, Yanina 7.9: "а после передачи Товара — в течение 7 (семи) дней").
pub const RETURN_DAYS_AFTER_RECEIPT: i64 = 7;

/// What a store decides about its orders after they are placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRules {
    /// How long an order paid by card online stays payable (the seed's Sberbank flow takes the
    /// payment right after placing, l.374); then it expires and its goods go back on sale.
    pub payment_minutes: u32,
    /// How long the shopper has to answer a substitution (seed 002 l.419, 9.2.1: the store calls
    /// within 30 minutes).
    pub substitution_minutes: u32,
    /// What happens when nobody answers a substitution in time (9.2.1: the order is cancelled
    /// in full).
    pub if_unanswered: UnansweredSubstitution,
    /// Whether a prepaid delivery fee is refunded when the order is cancelled (or not collected)
    /// after the carrier has it. The marketplace terms keep it: the shopper may refuse the
    /// delivery "при условии оплаты фактически понесенных расходов" (seed 002, 4.10).
    pub refund_delivery_in_transit: bool,
}

impl Default for OrderRules {
    fn default() -> Self {
        OrderRules {
            payment_minutes: 60,
            substitution_minutes: 30,
            if_unanswered: UnansweredSubstitution::CancelOrder,
            refund_delivery_in_transit: false,
        }
    }
}

/// What the cancellation rules depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancellationFacts {
    pub status: OrderStatus,
    /// When the shopper received it, if they have.
    pub received_at: Option<UnixSeconds>,
    /// Items still ordered (cancelled ones not counted).
    pub items_left: u32,
    /// Received items not yet asked to be returned.
    pub returnable: u32,
    /// Whether the shopper has paid (online; after receipt also on delivery).
    pub paid: bool,
}

/// The calendar day of instant `t` where the clock is `utc_offset_minutes` ahead of UTC.
pub fn local_day(t: UnixSeconds, utc_offset_minutes: i32) -> Date {
    Date::from_days_since_epoch((t + i64::from(utc_offset_minutes) * 60).div_euclid(86_400))
}

/// The last second of `day` where the clock is `utc_offset_minutes` ahead of UTC.
pub fn end_of_day(day: Date, utc_offset_minutes: i32) -> UnixSeconds {
    day.add_days(1).days_since_epoch() * 86_400 - i64::from(utc_offset_minutes) * 60 - 1
}

/// The last moment a return may be asked for: the end of the 7th calendar day after the day of
/// receipt, in the store's time zone.
pub fn return_until(received_at: UnixSeconds, utc_offset_minutes: i32) -> UnixSeconds {
    end_of_day(local_day(received_at, utc_offset_minutes).add_days(RETURN_DAYS_AFTER_RECEIPT), utc_offset_minutes)
}

/// What happens to the delivery fee when the whole order is cancelled (or refused) now.
pub fn delivery_fee_on_cancel(status: OrderStatus, paid: bool, rules: &OrderRules) -> DeliveryFeeOutcome {
    if !paid {
        DeliveryFeeOutcome::NotCharged
    } else if (status.in_transit() || status == OrderStatus::Received) && !rules.refund_delivery_in_transit {
        DeliveryFeeOutcome::Retained
    } else {
        DeliveryFeeOutcome::Refunded
    }
}

/// Whether the shopper may cancel or return now, which it is, and until when.
///
/// Until the shopper has the order (signing for it), in transit included, it may be cancelled,
/// whole or by line, at once; the carrier is told to bring a parcel it has back. After receipt,
/// a return may be asked for until the end of the 7th day (seed 002, Yanina 7.9).
pub fn cancellation(facts: &CancellationFacts, now: UnixSeconds, utc_offset_minutes: i32, rules: &OrderRules) -> Cancellation {
    let blocked = |block: CancellationBlock, until: Option<UnixSeconds>| Cancellation {
        allowed: false,
        blocked_by: Some(block),
        until: until.map(format_rfc3339_utc),
        kind: None,
        by_line: false,
        carrier_returns: false,
        delivery_fee: None,
    };
    match facts.status {
        OrderStatus::Cancelled => blocked(CancellationBlock::Cancelled, None),
        OrderStatus::Unknown => blocked(CancellationBlock::Unknown, None),
        _ if facts.items_left == 0 => blocked(CancellationBlock::Cancelled, None),
        OrderStatus::Received => {
            let until = return_until(facts.received_at.unwrap_or(now), utc_offset_minutes);
            if now > until {
                blocked(CancellationBlock::WindowClosed, Some(until))
            } else if facts.returnable == 0 {
                blocked(CancellationBlock::AlreadyRequested, Some(until))
            } else {
                Cancellation {
                    allowed: true,
                    blocked_by: None,
                    until: Some(format_rfc3339_utc(until)),
                    kind: Some(CancellationKind::Return),
                    by_line: true,
                    carrier_returns: false,
                    delivery_fee: Some(delivery_fee_on_cancel(facts.status, true, rules)),
                }
            }
        }
        status => Cancellation {
            allowed: true,
            blocked_by: None,
            until: None,
            kind: Some(CancellationKind::Cancel),
            by_line: true,
            carrier_returns: status.in_transit(),
            delivery_fee: Some(delivery_fee_on_cancel(status, facts.paid, rules)),
        },
    }
}

/// When an order placed at `placed_at` and paid by `kind` must be paid by, if it is paid online.
pub fn pay_by(kind: PaymentKind, placed_at: UnixSeconds, rules: &OrderRules) -> Option<UnixSeconds> {
    (kind == PaymentKind::CardOnline).then(|| placed_at + i64::from(rules.payment_minutes) * 60)
}

/// Whether a payment is still awaited (due, or declined and open to another try).
pub fn payment_due(payment: PaymentStatus) -> bool {
    matches!(payment, PaymentStatus::AwaitingPayment | PaymentStatus::Declined)
}

/// Whether the order can be paid now: its payment is due, the order is going ahead and, when it
/// has one, the deadline has not passed. A gateway's approval of anything else changes nothing.
pub fn is_payable(status: OrderStatus, payment: PaymentStatus, pay_by: Option<UnixSeconds>, now: UnixSeconds) -> bool {
    !matches!(status, OrderStatus::Cancelled | OrderStatus::Unknown) && payment_due(payment) && pay_by.is_none_or(|by| now <= by)
}

/// Whether an unpaid order's time to pay has run out (it is then cancelled, its stock released).
pub fn payment_expired(status: OrderStatus, payment: PaymentStatus, pay_by: Option<UnixSeconds>, now: UnixSeconds) -> bool {
    status != OrderStatus::Cancelled && payment_due(payment) && pay_by.is_some_and(|by| now > by)
}

/// Whether the seller may hand the order to the carrier: an order paid by card online only once
/// paid (the Sberbank flow fulfils after authorisation, seed 002 l.374), and none while the
/// shopper has a substitution to answer.
pub fn may_hand_to_carrier(payment: PaymentStatus, substitution_awaited: bool) -> bool {
    matches!(payment, PaymentStatus::Paid | PaymentStatus::PayOnDelivery) && !substitution_awaited
}

/// The last day to collect a parcel that reached the point at `ready_at` and is kept
/// `storage_days` days (the point's local calendar).
pub fn collect_by(ready_at: UnixSeconds, storage_days: u32, utc_offset_minutes: i32) -> Date {
    local_day(ready_at, utc_offset_minutes).add_days(i64::from(storage_days))
}

/// Whether the last day to collect has passed: not collected in time counts as refusing the
/// order, and prepaid money is refunded (seed 002, Yanina 7.2).
pub fn collection_lapsed(collect_by: Date, now: UnixSeconds, utc_offset_minutes: i32) -> bool {
    now > end_of_day(collect_by, utc_offset_minutes)
}

/// The reference store moves each order one step along after it has rested this long in a
/// status (seconds): the seller sees it within a minute, confirms within half an hour, hands it
/// to the carrier within four hours (once it may: [`may_hand_to_carrier`]); the courier has it
/// the next day and delivers it that day, or it waits at the point and the shopper collects it
/// the next day.
pub fn auto_progress(status: OrderStatus, kind: DeliveryKind, seconds_in_status: i64, may_ship: bool) -> Option<OrderStatus> {
    let (after, next) = match status {
        OrderStatus::Created => (60, OrderStatus::SentToSeller),
        OrderStatus::SentToSeller => (30 * 60, OrderStatus::ConfirmedBySeller),
        OrderStatus::ConfirmedBySeller if may_ship => (4 * 3600, OrderStatus::HandedToCarrier),
        OrderStatus::HandedToCarrier if kind.is_collected() => (24 * 3600, OrderStatus::ReadyForPickup),
        OrderStatus::HandedToCarrier => (24 * 3600, OrderStatus::WithCourier),
        OrderStatus::WithCourier => (6 * 3600, OrderStatus::Received),
        OrderStatus::ReadyForPickup => (24 * 3600, OrderStatus::Received),
        _ => return None,
    };
    (seconds_in_status >= after).then_some(next)
}

#[cfg(test)]
mod tests;
