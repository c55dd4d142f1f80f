//! Substitutions: the seller cannot send a line and proposes another size or colour, another
//! item, the same item from another seller, or removing the line (seed 002 l.226, l.419 9.2.1,
//! l.811–820); the shopper accepts or declines before the store's deadline.

use crate::Money;
use crate::api::{OrderStatus, SubstitutionKind};
use crate::civil::UnixSeconds;
use crate::money::MoneyError;

use super::OrderRules;

/// The item a line holds, or is offered instead: which product, and whose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offered<'a> {
    pub product_id: &'a str,
    pub variant_id: &'a str,
    pub seller_id: &'a str,
}

/// Why a proposal cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProposalError {
    #[error("the order has left the seller, or is cancelled")]
    TooLate,
    #[error("the line is already awaiting an answer")]
    Awaiting,
    #[error("the substitute is the very item of the line")]
    SameItem,
    #[error("nothing of the line is left to substitute")]
    NothingLeft,
}

/// What kind of proposal `substitute` is for a line holding `original` (`None`: removal).
pub fn kind_of(original: Offered<'_>, substitute: Option<Offered<'_>>) -> Result<SubstitutionKind, ProposalError> {
    Ok(match substitute {
        None => SubstitutionKind::Removal,
        Some(s) if s.variant_id == original.variant_id => return Err(ProposalError::SameItem),
        Some(s) if s.seller_id != original.seller_id => SubstitutionKind::OtherSeller,
        Some(s) if s.product_id == original.product_id => SubstitutionKind::OtherVariant,
        Some(_) => SubstitutionKind::OtherItem,
    })
}

/// Whether the seller may propose for a line now: before the order leaves for the carrier, with
/// something of the line left and no earlier proposal awaiting an answer.
pub fn may_propose(status: OrderStatus, quantity_left: u32, awaiting: bool) -> Result<(), ProposalError> {
    if !matches!(status, OrderStatus::Created | OrderStatus::SentToSeller | OrderStatus::ConfirmedBySeller) {
        return Err(ProposalError::TooLate);
    }
    if quantity_left == 0 {
        return Err(ProposalError::NothingLeft);
    }
    if awaiting {
        return Err(ProposalError::Awaiting);
    }
    Ok(())
}

/// The moment the shopper's answer to a proposal made at `proposed_at` is due.
pub fn answer_by(proposed_at: UnixSeconds, rules: &OrderRules) -> UnixSeconds {
    proposed_at + i64::from(rules.substitution_minutes) * 60
}

/// Whether the answer is overdue.
pub fn is_overdue(answer_by: UnixSeconds, now: UnixSeconds) -> bool {
    now > answer_by
}

/// What one substitute costs the shopper: its own price, except that once the order is paid a
/// dearer substitute comes at the price already paid (the money has been taken; the store does
/// not ask for more after the fact). A cheaper one is always cheaper.
pub fn charged_unit_price(original: &Money, substitute: &Money, paid: bool) -> Money {
    if paid && substitute.amount_minor > original.amount_minor { original.clone() } else { substitute.clone() }
}

/// What the line costs more (positive) or less (negative) with the substitute at `charged` each
/// (`None`: removal, minus the whole line).
pub fn price_difference(original: &Money, charged: Option<&Money>, quantity: u32) -> Result<Money, MoneyError> {
    let zero = Money::zero(&original.currency);
    charged.unwrap_or(&zero).checked_sub(original)?.checked_mul(i64::from(quantity))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item<'a>(product_id: &'a str, variant_id: &'a str, seller_id: &'a str) -> Offered<'a> {
        Offered { product_id, variant_id, seller_id }
    }

    #[test]
    fn the_kind_of_a_proposal_is_read_from_the_items() {
        let shirt = item("linen-shirt", "linen-shirt-2", "demo-seller");
        let cases = [
            (Some(item("linen-shirt", "linen-shirt-3", "demo-seller")), Ok(SubstitutionKind::OtherVariant)),
            (Some(item("merino-sweater", "merino-sweater-1", "demo-seller")), Ok(SubstitutionKind::OtherItem)),
            (Some(item("linen-shirt-b", "linen-shirt-b-1", "form-only")), Ok(SubstitutionKind::OtherSeller)),
            (None, Ok(SubstitutionKind::Removal)),
            (Some(shirt), Err(ProposalError::SameItem)),
        ];
        for (substitute, expected) in cases {
            assert_eq!(kind_of(shirt, substitute), expected, "{substitute:?}");
        }
    }

    #[test]
    fn proposals_are_made_before_the_order_leaves_and_one_at_a_time() {
        for status in [OrderStatus::Created, OrderStatus::SentToSeller, OrderStatus::ConfirmedBySeller] {
            assert_eq!(may_propose(status, 1, false), Ok(()), "{status:?}");
        }
        for status in [OrderStatus::HandedToCarrier, OrderStatus::WithCourier, OrderStatus::Received, OrderStatus::Cancelled] {
            assert_eq!(may_propose(status, 1, false), Err(ProposalError::TooLate), "{status:?}");
        }
        assert_eq!(may_propose(OrderStatus::Created, 1, true), Err(ProposalError::Awaiting));
        assert_eq!(may_propose(OrderStatus::Created, 0, false), Err(ProposalError::NothingLeft));
    }

    #[test]
    fn the_answer_is_due_after_the_stores_minutes_and_not_a_second_later() {
        let rules = OrderRules::default();
        let due = answer_by(1_000, &rules);
        assert_eq!(due, 1_000 + 30 * 60);
        assert!(!is_overdue(due, due));
        assert!(is_overdue(due, due + 1));
        let strict = OrderRules { substitution_minutes: 5, ..OrderRules::default() };
        assert_eq!(answer_by(1_000, &strict), 1_300);
    }

    #[test]
    fn a_dearer_substitute_costs_more_only_while_nothing_is_paid() {
        let (shirt, navy) = (Money::new(349_000, "RUB"), Money::new(359_000, "RUB"));
        assert_eq!(charged_unit_price(&shirt, &navy, false), navy);
        assert_eq!(charged_unit_price(&shirt, &navy, true), shirt);
        let cheaper = Money::new(299_000, "RUB");
        assert_eq!(charged_unit_price(&shirt, &cheaper, true), cheaper);
        assert_eq!(price_difference(&shirt, Some(&navy), 2).unwrap(), Money::new(20_000, "RUB"));
        assert_eq!(price_difference(&shirt, Some(&cheaper), 2).unwrap(), Money::new(-100_000, "RUB"));
        assert_eq!(price_difference(&shirt, None, 2).unwrap(), Money::new(-698_000, "RUB"), "a removal takes the whole line off");
    }
}
