use super::*;
use crate::civil::parse_rfc3339;

const MOSCOW: i32 = 180;

fn at(s: &str) -> UnixSeconds {
    parse_rfc3339(s).unwrap().0
}

fn facts(status: OrderStatus) -> CancellationFacts {
    CancellationFacts { status, received_at: None, items_left: 3, returnable: 0, paid: false }
}

fn rules() -> OrderRules {
    OrderRules::default()
}

fn received(at: UnixSeconds) -> CancellationFacts {
    CancellationFacts { status: OrderStatus::Received, received_at: Some(at), items_left: 3, returnable: 3, paid: true }
}

#[test]
fn until_the_shopper_has_it_the_order_can_be_cancelled_whole_or_by_line_in_transit_included() {
    for status in [
        OrderStatus::Created,
        OrderStatus::SentToSeller,
        OrderStatus::ConfirmedBySeller,
        OrderStatus::HandedToCarrier,
        OrderStatus::WithCourier,
        OrderStatus::ReadyForPickup,
    ] {
        let c = cancellation(&facts(status), 0, MOSCOW, &rules());
        assert!(c.allowed, "{status:?}");
        assert_eq!(c.kind, Some(CancellationKind::Cancel), "{status:?}");
        assert!(c.by_line, "{status:?}");
        assert_eq!(c.until, None, "no deadline before receipt: {status:?}");
        assert_eq!(c.carrier_returns, status.in_transit(), "the carrier brings back only what it has: {status:?}");
    }
}

#[test]
fn the_delivery_fee_comes_back_before_the_carrier_has_it_and_is_kept_after() {
    let cases = [
        (OrderStatus::ConfirmedBySeller, true, DeliveryFeeOutcome::Refunded),
        (OrderStatus::HandedToCarrier, true, DeliveryFeeOutcome::Retained),
        (OrderStatus::WithCourier, true, DeliveryFeeOutcome::Retained),
        (OrderStatus::ReadyForPickup, true, DeliveryFeeOutcome::Retained),
        (OrderStatus::WithCourier, false, DeliveryFeeOutcome::NotCharged),
        (OrderStatus::Created, false, DeliveryFeeOutcome::NotCharged),
    ];
    for (status, paid, outcome) in cases {
        assert_eq!(delivery_fee_on_cancel(status, paid, &rules()), outcome, "{status:?} paid {paid}");
        let c = cancellation(&CancellationFacts { paid, ..facts(status) }, 0, MOSCOW, &rules());
        assert_eq!(c.delivery_fee, Some(outcome), "{status:?} paid {paid}");
    }
    let generous = OrderRules { refund_delivery_in_transit: true, ..rules() };
    assert_eq!(delivery_fee_on_cancel(OrderStatus::WithCourier, true, &generous), DeliveryFeeOutcome::Refunded);
}

#[test]
fn day_seven_after_receipt_is_still_in_the_window_and_day_eight_is_not() {
    let got = at("2026-11-10T15:00:00+03:00");
    let c = cancellation(&received(got), at("2026-11-17T23:59:59+03:00"), MOSCOW, &rules());
    assert!(c.allowed);
    assert_eq!(c.kind, Some(CancellationKind::Return));
    assert_eq!(c.until.as_deref(), Some("2026-11-17T20:59:59Z"));
    assert!(!c.carrier_returns);
    assert_eq!(c.delivery_fee, Some(DeliveryFeeOutcome::Retained), "a return does not give back the delivery (seed 002, 3.4)");
    let closed = cancellation(&received(got), at("2026-11-18T00:00:00+03:00"), MOSCOW, &rules());
    assert_eq!((closed.allowed, closed.blocked_by), (false, Some(CancellationBlock::WindowClosed)));
}

#[test]
fn the_days_are_counted_in_the_stores_time_zone() {
    // Received at 22:30 UTC on the 10th: already the 11th in Moscow, so day 7 is the 18th.
    let got = at("2026-11-10T22:30:00Z");
    let c = cancellation(&received(got), at("2026-11-18T12:00:00+03:00"), MOSCOW, &rules());
    assert!(c.allowed);
    assert_eq!(c.until.as_deref(), Some("2026-11-18T20:59:59Z"));
    let in_utc = cancellation(&received(got), at("2026-11-18T12:00:00+03:00"), 0, &rules());
    assert_eq!(in_utc.blocked_by, Some(CancellationBlock::WindowClosed), "in UTC the receipt day is the 10th");
}

#[test]
fn once_everything_is_asked_back_or_cancelled_nothing_more_can_be() {
    let all_asked = CancellationFacts { returnable: 0, ..received(at("2026-11-10T15:00:00+03:00")) };
    let c = cancellation(&all_asked, at("2026-11-11T12:00:00+03:00"), MOSCOW, &rules());
    assert_eq!(c.blocked_by, Some(CancellationBlock::AlreadyRequested));
    assert_eq!(cancellation(&facts(OrderStatus::Cancelled), 0, MOSCOW, &rules()).blocked_by, Some(CancellationBlock::Cancelled));
    let emptied = CancellationFacts { items_left: 0, ..facts(OrderStatus::WithCourier) };
    assert_eq!(cancellation(&emptied, 0, MOSCOW, &rules()).blocked_by, Some(CancellationBlock::Cancelled));
}

#[test]
fn only_a_due_payment_of_a_live_order_can_be_paid_and_only_in_time() {
    let by = Some(1_000);
    assert!(is_payable(OrderStatus::Created, PaymentStatus::AwaitingPayment, by, 1_000));
    assert!(is_payable(OrderStatus::SentToSeller, PaymentStatus::Declined, by, 0));
    assert!(is_payable(OrderStatus::Created, PaymentStatus::AwaitingPayment, None, i64::MAX), "a backend without a deadline");
    assert!(!is_payable(OrderStatus::Created, PaymentStatus::AwaitingPayment, by, 1_001), "the deadline has passed");
    assert!(!is_payable(OrderStatus::Cancelled, PaymentStatus::AwaitingPayment, by, 0));
    for status in
        [PaymentStatus::Paid, PaymentStatus::Refunded, PaymentStatus::PayOnDelivery, PaymentStatus::Expired, PaymentStatus::Cancelled]
    {
        assert!(!is_payable(OrderStatus::Created, status, by, 0), "{status:?}");
    }
}

#[test]
fn an_unpaid_card_order_expires_after_the_stores_minutes() {
    let by = pay_by(PaymentKind::CardOnline, 10_000, &rules());
    assert_eq!(by, Some(10_000 + 3_600), "60 minutes unless the store says otherwise");
    assert_eq!(pay_by(PaymentKind::CardOnline, 0, &OrderRules { payment_minutes: 15, ..rules() }), Some(900));
    assert_eq!(pay_by(PaymentKind::CashOnDelivery, 10_000, &rules()), None);
    assert!(!payment_expired(OrderStatus::Created, PaymentStatus::AwaitingPayment, by, 13_600));
    assert!(payment_expired(OrderStatus::Created, PaymentStatus::AwaitingPayment, by, 13_601));
    assert!(payment_expired(OrderStatus::ConfirmedBySeller, PaymentStatus::Declined, by, 13_601), "a declined card had its chance");
    assert!(!payment_expired(OrderStatus::Created, PaymentStatus::Paid, by, 13_601));
    assert!(!payment_expired(OrderStatus::Cancelled, PaymentStatus::AwaitingPayment, by, 13_601));
}

#[test]
fn nothing_unpaid_or_awaiting_a_substitution_goes_to_the_carrier() {
    assert!(may_hand_to_carrier(PaymentStatus::Paid, false));
    assert!(may_hand_to_carrier(PaymentStatus::PayOnDelivery, false));
    for unpaid in [PaymentStatus::AwaitingPayment, PaymentStatus::Declined, PaymentStatus::Expired, PaymentStatus::Cancelled] {
        assert!(!may_hand_to_carrier(unpaid, false), "{unpaid:?}");
    }
    assert!(!may_hand_to_carrier(PaymentStatus::Paid, true));
    assert_eq!(auto_progress(OrderStatus::ConfirmedBySeller, DeliveryKind::Courier, i64::MAX, false), None);
}

#[test]
fn orders_move_along_one_step_at_a_time() {
    let courier = DeliveryKind::Courier;
    assert_eq!(auto_progress(OrderStatus::Created, courier, 59, true), None);
    assert_eq!(auto_progress(OrderStatus::Created, courier, 60, true), Some(OrderStatus::SentToSeller));
    assert_eq!(auto_progress(OrderStatus::SentToSeller, courier, 1800, true), Some(OrderStatus::ConfirmedBySeller));
    assert_eq!(auto_progress(OrderStatus::ConfirmedBySeller, courier, 4 * 3600, true), Some(OrderStatus::HandedToCarrier));
    assert_eq!(auto_progress(OrderStatus::HandedToCarrier, courier, 86_400, true), Some(OrderStatus::WithCourier));
    assert_eq!(auto_progress(OrderStatus::Received, courier, i64::MAX, true), None);
    assert_eq!(auto_progress(OrderStatus::Cancelled, courier, i64::MAX, true), None);
}

#[test]
fn a_collected_order_waits_at_the_point_instead_of_with_a_courier() {
    for kind in [DeliveryKind::PickupPoint, DeliveryKind::ParcelLocker, DeliveryKind::SellerShop] {
        assert_eq!(auto_progress(OrderStatus::HandedToCarrier, kind, 86_400, true), Some(OrderStatus::ReadyForPickup));
        assert_eq!(auto_progress(OrderStatus::ReadyForPickup, kind, 86_400, true), Some(OrderStatus::Received));
        assert_eq!(OrderStatus::course(kind)[4], OrderStatus::ReadyForPickup);
    }
    assert_eq!(OrderStatus::course(DeliveryKind::Courier), OrderStatus::COURSE);
}

#[test]
fn the_last_day_to_collect_counts_the_storage_days_on_the_points_calendar() {
    // Arrived 23:30 Moscow time on the 10th (20:30 UTC): kept 7 days, so the 17th is the last.
    let ready = at("2026-11-10T23:30:00+03:00");
    let last = collect_by(ready, 7, MOSCOW);
    assert_eq!(last, Date::new(2026, 11, 17).unwrap());
    assert!(!collection_lapsed(last, at("2026-11-17T23:59:59+03:00"), MOSCOW));
    assert!(collection_lapsed(last, at("2026-11-18T00:00:00+03:00"), MOSCOW));
    assert_eq!(collect_by(at("2026-11-10T22:30:00Z"), 3, MOSCOW), Date::new(2026, 11, 14).unwrap(), "already the 11th in Moscow");
}
