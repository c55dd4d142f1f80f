//! Order rules: when a cancellation may be requested, and how the reference store moves an
//! order along.

use crate::api::{CancellationBlock, OrderStatus, PaymentStatus};
use crate::civil::{Date, UnixSeconds};

/// Days after receipt during which the shopper may still ask to cancel (return) the order
/// (seed 002, the marketplace terms: "в течение 7 дней после получения").
pub const CANCEL_DAYS_AFTER_RECEIPT: i64 = 7;

/// Whether the order can be paid now: its payment is due (or a declined one may be retried) and
/// the order is still going ahead. A payment gateway's approval of anything else changes nothing.
pub fn is_payable(status: OrderStatus, payment: PaymentStatus) -> bool {
    !matches!(status, OrderStatus::Cancelled | OrderStatus::Unknown)
        && matches!(payment, PaymentStatus::AwaitingPayment | PaymentStatus::Declined)
}

/// Whether a cancellation may be requested now, and the last moment it may (`until`).
///
/// Before the order is handed to the carrier: always. On its way: no (it can be returned once
/// received). After receipt: until the end of the 7th calendar day after the day of receipt, in
/// the store's time zone (`utc_offset_minutes`).
pub fn cancellation(
    status: OrderStatus,
    received_at: Option<UnixSeconds>,
    already_requested: bool,
    now: UnixSeconds,
    utc_offset_minutes: i32,
) -> (Result<(), CancellationBlock>, Option<UnixSeconds>) {
    if status == OrderStatus::Cancelled {
        return (Err(CancellationBlock::Cancelled), None);
    }
    if already_requested {
        return (Err(CancellationBlock::AlreadyRequested), None);
    }
    match status {
        OrderStatus::Created | OrderStatus::SentToSeller | OrderStatus::ConfirmedBySeller => (Ok(()), None),
        OrderStatus::HandedToCarrier | OrderStatus::WithCourier => (Err(CancellationBlock::HandedOver), None),
        OrderStatus::Received => {
            let offset = i64::from(utc_offset_minutes) * 60;
            let received = received_at.unwrap_or(now);
            let day = Date::from_days_since_epoch((received + offset).div_euclid(86_400));
            let last_day = day.add_days(CANCEL_DAYS_AFTER_RECEIPT);
            let until = last_day.add_days(1).days_since_epoch() * 86_400 - offset - 1;
            if now <= until { (Ok(()), Some(until)) } else { (Err(CancellationBlock::WindowClosed), Some(until)) }
        }
        _ => (Err(CancellationBlock::Unknown), None),
    }
}

/// The reference store moves each order one step along after it has rested this long in a
/// status (seconds): the seller sees it within a minute, confirms within half an hour, hands it
/// to the carrier within four hours; the courier has it the next day and delivers it that day.
pub fn auto_progress(status: OrderStatus, seconds_in_status: i64) -> Option<OrderStatus> {
    let (after, next) = match status {
        OrderStatus::Created => (60, OrderStatus::SentToSeller),
        OrderStatus::SentToSeller => (30 * 60, OrderStatus::ConfirmedBySeller),
        OrderStatus::ConfirmedBySeller => (4 * 3600, OrderStatus::HandedToCarrier),
        OrderStatus::HandedToCarrier => (24 * 3600, OrderStatus::WithCourier),
        OrderStatus::WithCourier => (6 * 3600, OrderStatus::Received),
        _ => return None,
    };
    (seconds_in_status >= after).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil::parse_rfc3339;

    const MOSCOW: i32 = 180;

    fn at(s: &str) -> UnixSeconds {
        parse_rfc3339(s).unwrap().0
    }

    #[test]
    fn before_handover_a_cancellation_is_always_possible() {
        for status in [OrderStatus::Created, OrderStatus::SentToSeller, OrderStatus::ConfirmedBySeller] {
            assert_eq!(cancellation(status, None, false, 0, MOSCOW).0, Ok(()));
        }
    }

    #[test]
    fn on_its_way_it_cannot_be_cancelled() {
        assert_eq!(cancellation(OrderStatus::WithCourier, None, false, 0, MOSCOW).0, Err(CancellationBlock::HandedOver));
    }

    #[test]
    fn day_seven_after_receipt_is_still_in_the_window_and_day_eight_is_not() {
        let received = at("2026-11-10T15:00:00+03:00");
        let (ok, until) = cancellation(OrderStatus::Received, Some(received), false, at("2026-11-17T23:59:59+03:00"), MOSCOW);
        assert_eq!(ok, Ok(()));
        assert_eq!(until, Some(at("2026-11-17T23:59:59+03:00")));
        let (closed, _) = cancellation(OrderStatus::Received, Some(received), false, at("2026-11-18T00:00:00+03:00"), MOSCOW);
        assert_eq!(closed, Err(CancellationBlock::WindowClosed));
    }

    #[test]
    fn the_days_are_counted_in_the_stores_time_zone() {
        // Received at 22:30 UTC on the 10th: already the 11th in Moscow, so day 7 is the 18th.
        let received = at("2026-11-10T22:30:00Z");
        let (ok, until) = cancellation(OrderStatus::Received, Some(received), false, at("2026-11-18T12:00:00+03:00"), MOSCOW);
        assert_eq!(ok, Ok(()));
        assert_eq!(until, Some(at("2026-11-18T23:59:59+03:00")));
        let (in_utc, _) = cancellation(OrderStatus::Received, Some(received), false, at("2026-11-18T12:00:00+03:00"), 0);
        assert_eq!(in_utc, Err(CancellationBlock::WindowClosed), "in UTC the receipt day is the 10th");
    }

    #[test]
    fn a_second_request_or_a_cancelled_order_is_refused() {
        assert_eq!(cancellation(OrderStatus::Created, None, true, 0, MOSCOW).0, Err(CancellationBlock::AlreadyRequested));
        assert_eq!(cancellation(OrderStatus::Cancelled, None, false, 0, MOSCOW).0, Err(CancellationBlock::Cancelled));
    }

    #[test]
    fn only_a_due_payment_of_a_live_order_can_be_paid() {
        assert!(is_payable(OrderStatus::Created, PaymentStatus::AwaitingPayment));
        assert!(is_payable(OrderStatus::SentToSeller, PaymentStatus::Declined));
        assert!(!is_payable(OrderStatus::Cancelled, PaymentStatus::AwaitingPayment));
        assert!(!is_payable(OrderStatus::Created, PaymentStatus::Paid));
        assert!(!is_payable(OrderStatus::Created, PaymentStatus::Refunded));
        assert!(!is_payable(OrderStatus::Created, PaymentStatus::PayOnDelivery));
    }

    #[test]
    fn orders_move_along_one_step_at_a_time() {
        assert_eq!(auto_progress(OrderStatus::Created, 59), None);
        assert_eq!(auto_progress(OrderStatus::Created, 60), Some(OrderStatus::SentToSeller));
        assert_eq!(auto_progress(OrderStatus::SentToSeller, 1800), Some(OrderStatus::ConfirmedBySeller));
        assert_eq!(auto_progress(OrderStatus::Received, i64::MAX), None);
        assert_eq!(auto_progress(OrderStatus::Cancelled, i64::MAX), None);
    }
}
