//! The review step's decisions: whether the order can be placed now (and if not, the first
//! reason why), how far the total is from the store's limits, and which idempotency key an
//! attempt to place carries, so that a retry can never make a second order.

use crate::Money;
use crate::ProblemKind;
use crate::api::{ApiError, CartLine, LimitStatus, PromoStatus, PromoTarget, Quote};

/// Why the order cannot be placed right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// It is being placed.
    Placing,
    /// The latest prices are still being checked.
    Checking,
    BelowMinimum,
    AboveMaximum,
    /// The terms and the processing of personal data are not both accepted.
    Consents,
    /// The total differs from the one the shopper accepted; the new one must be confirmed.
    ConfirmTotal,
}

/// What the review step knows when it decides.
#[derive(Debug, Clone, Copy)]
pub struct ReviewState<'a> {
    pub placing: bool,
    /// The latest quote, if one has arrived.
    pub quote: Option<&'a Quote>,
    /// A newer quote is on its way.
    pub quote_pending: bool,
    /// The terms and the processing of personal data are both accepted.
    pub consents_given: bool,
    /// The total the shopper accepted.
    pub accepted_total: Option<&'a Money>,
}

/// Whether a later total differs from the accepted one.
pub fn total_changed(accepted: Option<&Money>, current: Option<&Money>) -> bool {
    matches!((accepted, current), (Some(a), Some(c)) if a != c)
}

/// The first reason the order cannot be placed now, if any.
pub fn blocked(s: ReviewState<'_>) -> Option<Blocked> {
    if s.placing {
        return Some(Blocked::Placing);
    }
    let quote = match s.quote {
        Some(q) if !s.quote_pending => q,
        _ => return Some(Blocked::Checking),
    };
    match quote.limits.status {
        LimitStatus::BelowMinimum => return Some(Blocked::BelowMinimum),
        LimitStatus::AboveMaximum => return Some(Blocked::AboveMaximum),
        _ => {}
    }
    if !s.consents_given {
        return Some(Blocked::Consents);
    }
    total_changed(s.accepted_total, Some(&quote.totals.total)).then_some(Blocked::ConfirmTotal)
}

/// How much is missing to the store's smallest order, or how much is over its largest, counted
/// as the store counts it: the items after a promo on them, before delivery.
pub fn limit_gap(quote: &Quote) -> Option<Money> {
    let items_promo = quote
        .promo
        .as_ref()
        .filter(|p| p.status == PromoStatus::Applied && p.applies_to == Some(PromoTarget::Items))
        .map(|p| p.saving.amount_minor)
        .unwrap_or(0);
    let basis = quote.cart.subtotal.amount_minor - items_promo;
    let limits = &quote.limits;
    let amount = match limits.status {
        LimitStatus::BelowMinimum => limits.min_total.amount_minor - basis,
        LimitStatus::AboveMaximum => basis - limits.max_total.amount_minor,
        _ => return None,
    };
    Some(Money { amount_minor: amount, currency: limits.min_total.currency.clone() })
}

/// The idempotency key for sending `body` (placing an order, cancelling some of it): the previous
/// attempt's when it was for exactly this body (a retry after a failure or a lost answer gets the
/// same outcome back, not a second one), else a fresh one (a changed request is a new attempt).
/// Returns the key and whether it is a new attempt.
pub fn attempt_key(previous: Option<&(String, String)>, body: &str, fresh: impl FnOnce() -> String) -> (String, bool) {
    match previous {
        Some((key, sent)) if sent == body => (key.clone(), false),
        _ => (fresh(), true),
    }
}

/// Minutes until another order may be placed, when placing was refused for too many orders in a
/// short time (429): the store's `Retry-After` rounded up to whole minutes, at least one, and a
/// minute when it does not say.
pub fn minutes_until_next_order(error: &ApiError) -> Option<i64> {
    (error.status() == Some(429)).then(|| error.retry_after_seconds().unwrap_or(60).div_ceil(60).max(1) as i64)
}

/// The item of `quote`'s cart there is not enough of, named as the cart shows it ("Linen shirt ·
/// M · White", in the language the cart was asked in), and how many are left, when placing was
/// refused for it (`out-of-stock` naming a variant the cart holds); `None` for any other failure,
/// or when the backend did not say which item.
pub fn short_line(error: &ApiError, quote: &Quote) -> Option<(String, u32)> {
    let short = error.problem().filter(|p| p.kind() == ProblemKind::OutOfStock)?.stock.as_ref()?;
    let line = quote.cart.lines.iter().find(|line| line.variant_id == short.variant_id)?;
    Some((item_name(line), short.available))
}

fn item_name(line: &CartLine) -> String {
    match line.variant_label.as_str() {
        "" => line.name.clone(),
        label => format!("{} · {label}", line.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Problem;

    fn quote() -> Quote {
        serde_json::from_str(include_str!("../../tests/samples/quote.json")).unwrap()
    }

    fn rub(amount_minor: i64) -> Money {
        Money::new(amount_minor, "RUB")
    }

    #[test]
    fn the_line_that_ran_short_is_found_by_the_variant_the_problem_names() {
        let q = quote();
        let refused = |problem: Problem| ApiError::Status { status: 409, problem: Some(problem), retry_after_seconds: None };
        assert_eq!(short_line(&refused(Problem::out_of_stock("ceramic-mug-1", 1)), &q), Some(("Ceramic mug · Sage".to_owned(), 1)));
        assert_eq!(short_line(&refused(Problem::out_of_stock("ceramic-mug-1", 0)), &q).map(|(_, left)| left), Some(0));
        // A variant the cart does not hold, no variant named, another kind: nothing to name.
        assert!(short_line(&refused(Problem::out_of_stock("tea-set-1", 1)), &q).is_none());
        assert!(short_line(&refused(Problem::new(ProblemKind::OutOfStock)), &q).is_none());
        assert!(short_line(&refused(Problem::new(ProblemKind::PriceChanged)), &q).is_none());
        assert!(short_line(&ApiError::Timeout, &q).is_none());
    }

    #[test]
    fn the_first_reason_not_to_place_is_the_one_given() {
        let q = quote();
        let total = q.totals.total.clone();
        let other = rub(1);
        let mut below = quote();
        below.limits.status = LimitStatus::BelowMinimum;
        let mut above = quote();
        above.limits.status = LimitStatus::AboveMaximum;
        let ready =
            ReviewState { placing: false, quote: Some(&q), quote_pending: false, consents_given: true, accepted_total: Some(&total) };
        let table = [
            ("ready", ready, None),
            ("being placed", ReviewState { placing: true, ..ready }, Some(Blocked::Placing)),
            ("no quote yet", ReviewState { quote: None, ..ready }, Some(Blocked::Checking)),
            ("a newer quote on its way", ReviewState { quote_pending: true, ..ready }, Some(Blocked::Checking)),
            ("below the minimum", ReviewState { quote: Some(&below), ..ready }, Some(Blocked::BelowMinimum)),
            (
                "above the maximum, consents missing too",
                ReviewState { quote: Some(&above), consents_given: false, ..ready },
                Some(Blocked::AboveMaximum),
            ),
            ("consents missing", ReviewState { consents_given: false, ..ready }, Some(Blocked::Consents)),
            ("the total changed", ReviewState { accepted_total: Some(&other), ..ready }, Some(Blocked::ConfirmTotal)),
            ("no total accepted yet", ReviewState { accepted_total: None, ..ready }, None),
        ];
        for (case, state, expected) in table {
            assert_eq!(blocked(state), expected, "{case}");
        }
    }

    #[test]
    fn the_gap_to_the_limits_counts_items_after_their_promo() {
        let mut q = quote();
        assert_eq!(limit_gap(&q), None);
        // Items 7 770 ₽ with 777 ₽ off: 6 993 ₽ against a 10 000 ₽ minimum.
        q.limits.status = LimitStatus::BelowMinimum;
        q.limits.min_total = rub(1_000_000);
        assert_eq!(limit_gap(&q), Some(rub(1_000_000 - (777_000 - 77_700))));
        q.limits.status = LimitStatus::AboveMaximum;
        q.limits.max_total = rub(500_000);
        assert_eq!(limit_gap(&q), Some(rub(777_000 - 77_700 - 500_000)));
        q.promo = None;
        assert_eq!(limit_gap(&q), Some(rub(777_000 - 500_000)));
    }

    #[test]
    fn a_retry_of_the_same_order_reuses_its_key_and_a_changed_order_gets_a_new_one() {
        let previous = ("key-1".to_owned(), r#"{"total":100}"#.to_owned());
        let table = [
            ("the first attempt", None, r#"{"total":100}"#, ("key-new", true)),
            ("the same order again", Some(&previous), r#"{"total":100}"#, ("key-1", false)),
            ("a changed order", Some(&previous), r#"{"total":101}"#, ("key-new", true)),
        ];
        for (case, before, body, (key, new)) in table {
            assert_eq!(attempt_key(before, body, || "key-new".to_owned()), (key.to_owned(), new), "{case}");
        }
    }

    #[test]
    fn only_a_different_total_counts_as_changed() {
        assert!(!total_changed(None, Some(&rub(1))));
        assert!(!total_changed(Some(&rub(1)), None));
        assert!(!total_changed(Some(&rub(1)), Some(&rub(1))));
        assert!(total_changed(Some(&rub(1)), Some(&rub(2))));
    }

    #[test]
    fn too_many_orders_says_the_wait_in_whole_minutes() {
        let refused = |status: u16, retry_after_seconds: Option<u64>| ApiError::Status { status, problem: None, retry_after_seconds };
        let table = [
            ("no Retry-After: a minute", refused(429, None), Some(1)),
            ("under a minute: one", refused(429, Some(5)), Some(1)),
            ("exactly two minutes", refused(429, Some(120)), Some(2)),
            ("a second more: the next minute", refused(429, Some(121)), Some(3)),
            ("no wait said as zero: still one", refused(429, Some(0)), Some(1)),
            ("another refusal: not this", refused(409, Some(30)), None),
            ("no answer at all: not this", ApiError::Offline, None),
        ];
        for (case, error, minutes) in table {
            assert_eq!(minutes_until_next_order(&error), minutes, "{case}");
        }
    }
}
