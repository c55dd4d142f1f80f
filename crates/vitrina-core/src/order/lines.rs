//! An order's money after a change to its lines (cancelled, returned, substituted): the totals
//! are computed again from what is still ordered, exactly as at checkout, so the VAT and the
//! discount follow and a refund is the difference of two totals, to the kopeck.

use crate::api::{LineQuantity, Totals};
use crate::money::MoneyError;
use crate::{Currency, Money};
use std::collections::BTreeMap;

/// How an order's promo discount follows its lines (fixed when the order was placed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discount {
    None,
    /// A percentage off the items (`WELCOME10`): it shrinks with them.
    ItemsPercent(i64),
    /// The delivery fee (`FREESHIP`): whatever of it is charged.
    Delivery,
}

/// One line of an order as its money sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedLine {
    pub id: String,
    pub unit_price: Money,
    /// How many are still ordered.
    pub quantity: u32,
}

/// Why a change to the lines cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineChangeError {
    #[error("the order has no line {0}")]
    UnknownLine(String),
    #[error("line {line_id} has only {left} left")]
    TooMany { line_id: String, left: u32 },
    #[error("no quantity was given")]
    Nothing,
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// The totals of an order of these lines with this delivery fee (`None`: none charged).
pub fn totals_of(
    currency: &Currency,
    lines: &[PricedLine],
    delivery: Option<&Money>,
    discount: Discount,
    vat_rate_percent: u32,
) -> Result<Totals, MoneyError> {
    let items = lines
        .iter()
        .try_fold(Money::zero(currency), |sum, line| sum.checked_add(&line.unit_price.checked_mul(i64::from(line.quantity))?))?;
    let delivery = delivery.cloned().unwrap_or_else(|| Money::zero(currency));
    let saving = match discount {
        Discount::None => Money::zero(currency),
        Discount::ItemsPercent(percent) => items.percent(percent)?,
        Discount::Delivery => delivery.clone(),
    };
    crate::checkout::totals(&items, Some(&delivery), &saving, vat_rate_percent)
}

/// The requested quantities per line, summed (a line named twice counts twice), each checked
/// against what the line still has (`left`). An empty request, or a zero, asks for nothing.
pub fn requested(left: &[(String, u32)], request: &[LineQuantity]) -> Result<BTreeMap<String, u32>, LineChangeError> {
    let mut wanted: BTreeMap<String, u32> = BTreeMap::new();
    for item in request {
        if item.quantity == 0 {
            return Err(LineChangeError::Nothing);
        }
        let sum = wanted.entry(item.line_id.clone()).or_default();
        *sum = sum.saturating_add(item.quantity);
    }
    if wanted.is_empty() {
        return Err(LineChangeError::Nothing);
    }
    for (line_id, quantity) in &wanted {
        let available =
            left.iter().find(|(id, _)| id == line_id).map(|(_, n)| *n).ok_or_else(|| LineChangeError::UnknownLine(line_id.clone()))?;
        if *quantity > available {
            return Err(LineChangeError::TooMany { line_id: line_id.clone(), left: available });
        }
    }
    Ok(wanted)
}

/// The lines after taking `request` off them (a line may drop to zero).
pub fn take_off(lines: &[PricedLine], request: &[LineQuantity]) -> Result<Vec<PricedLine>, LineChangeError> {
    let left: Vec<(String, u32)> = lines.iter().map(|l| (l.id.clone(), l.quantity)).collect();
    let wanted = requested(&left, request)?;
    Ok(lines.iter().map(|l| PricedLine { quantity: l.quantity - wanted.get(&l.id).copied().unwrap_or(0), ..l.clone() }).collect())
}

/// What goes back to a shopper who paid `before` when the total becomes `after` (never below
/// zero: a total that grows is not a refund).
pub fn refund(before: &Totals, after: &Totals) -> Result<Money, MoneyError> {
    let difference = before.total.checked_sub(&after.total)?;
    Ok(if difference.amount_minor > 0 { difference } else { Money::zero(&before.total.currency) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rub(minor: i64) -> Money {
        Money::new(minor, "RUB")
    }

    fn line(id: &str, unit: i64, quantity: u32) -> PricedLine {
        PricedLine { id: id.into(), unit_price: rub(unit), quantity }
    }

    fn ask(id: &str, quantity: u32) -> LineQuantity {
        LineQuantity { line_id: id.into(), quantity }
    }

    /// Two shirts at 3 490.00 and a mug at 790.00, courier 390.00, WELCOME10 (the server's tests'
    /// order): 7 383.00 in all.
    fn order() -> Vec<PricedLine> {
        vec![line("1", 349_000, 2), line("2", 79_000, 1)]
    }

    fn currency() -> Currency {
        Currency::new("RUB")
    }

    #[test]
    fn the_totals_of_the_placed_order_are_those_of_its_checkout() {
        let t = totals_of(&currency(), &order(), Some(&rub(39_000)), Discount::ItemsPercent(10), 20).unwrap();
        assert_eq!(t.items, rub(777_000));
        assert_eq!(t.discount, rub(77_700));
        assert_eq!(t.total, rub(738_300));
        assert_eq!(t.vat_included, rub(123_050));
    }

    #[test]
    fn cancelling_one_of_two_shirts_refunds_its_price_less_its_share_of_the_discount_to_the_kopeck() {
        let before = totals_of(&currency(), &order(), Some(&rub(39_000)), Discount::ItemsPercent(10), 20).unwrap();
        let lines = take_off(&order(), &[ask("1", 1)]).unwrap();
        assert_eq!(lines[0].quantity, 1);
        let after = totals_of(&currency(), &lines, Some(&rub(39_000)), Discount::ItemsPercent(10), 20).unwrap();
        // Items 4 280.00, −428.00, delivery 390.00 = 4 242.00; VAT 20/120 of it = 707.00.
        assert_eq!(after.items, rub(428_000));
        assert_eq!(after.discount, rub(42_800));
        assert_eq!(after.total, rub(424_200));
        assert_eq!(after.vat_included, rub(70_700));
        assert_eq!(refund(&before, &after).unwrap(), rub(314_100));
    }

    #[test]
    fn odd_kopecks_round_the_same_way_as_at_checkout() {
        // 3 × 333.33 = 999.99; 10 % off = 100.00 (99.999 rounded); one cancelled: 666.66 − 66.67.
        let lines = vec![line("1", 33_333, 3)];
        let before = totals_of(&currency(), &lines, None, Discount::ItemsPercent(10), 20).unwrap();
        assert_eq!(before.total, rub(89_999));
        let after = totals_of(&currency(), &take_off(&lines, &[ask("1", 1)]).unwrap(), None, Discount::ItemsPercent(10), 20).unwrap();
        assert_eq!(after.total, rub(59_999));
        assert_eq!(after.vat_included, rub(10_000));
        assert_eq!(refund(&before, &after).unwrap(), rub(30_000));
    }

    #[test]
    fn a_free_delivery_code_follows_the_fee_that_is_charged() {
        let kept = totals_of(&currency(), &[], Some(&rub(39_000)), Discount::Delivery, 20).unwrap();
        assert_eq!((kept.discount.amount_minor, kept.total.amount_minor), (39_000, 0));
        let none = totals_of(&currency(), &[], None, Discount::Delivery, 20).unwrap();
        assert_eq!((none.delivery, none.total.amount_minor), (Some(rub(0)), 0));
    }

    #[test]
    fn the_whole_order_cancelled_in_transit_keeps_only_the_delivery_fee() {
        let before = totals_of(&currency(), &order(), Some(&rub(39_000)), Discount::ItemsPercent(10), 20).unwrap();
        let none = take_off(&order(), &[ask("1", 2), ask("2", 1)]).unwrap();
        let after = totals_of(&currency(), &none, Some(&rub(39_000)), Discount::ItemsPercent(10), 20).unwrap();
        assert_eq!(after.total, rub(39_000));
        assert_eq!(after.vat_included, rub(6_500));
        assert_eq!(refund(&before, &after).unwrap(), rub(699_300));
    }

    #[test]
    fn requests_are_checked_against_what_is_left() {
        assert_eq!(take_off(&order(), &[]), Err(LineChangeError::Nothing));
        assert_eq!(take_off(&order(), &[ask("1", 0)]), Err(LineChangeError::Nothing));
        assert_eq!(take_off(&order(), &[ask("9", 1)]), Err(LineChangeError::UnknownLine("9".into())));
        assert_eq!(take_off(&order(), &[ask("1", 3)]), Err(LineChangeError::TooMany { line_id: "1".into(), left: 2 }));
        assert_eq!(
            take_off(&order(), &[ask("1", 1), ask("1", 2)]),
            Err(LineChangeError::TooMany { line_id: "1".into(), left: 2 }),
            "a line named twice counts twice"
        );
    }

    #[test]
    fn a_total_that_grows_refunds_nothing() {
        let small = totals_of(&currency(), &[line("1", 100, 1)], None, Discount::None, 20).unwrap();
        let large = totals_of(&currency(), &[line("1", 200, 1)], None, Discount::None, 20).unwrap();
        assert_eq!(refund(&small, &large).unwrap(), rub(0));
    }
}
