//! Money sent back to shoppers: each refund a row, by the method the order was paid with.

use crate::error::ApiResult;
use crate::store::enums::{from_text, to_text};
use rusqlite::{Transaction, params};
use vitrina_core::Money;
use vitrina_core::api::{DeliveryFeeOutcome, PaymentKind, Refund, RefundReason};
use vitrina_core::civil::{UnixSeconds, format_rfc3339_utc};

/// Records a refund of `amount` to the order's shopper.
pub fn record(
    tx: &Transaction<'_>,
    number: i64,
    at: UnixSeconds,
    amount: &Money,
    method: PaymentKind,
    reason: RefundReason,
    delivery_fee: Option<DeliveryFeeOutcome>,
) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO refunds (order_number, seq, at, amount_minor, currency, method, reason, delivery_fee)
         VALUES (?1, (SELECT COALESCE(MAX(seq) + 1, 0) FROM refunds WHERE order_number = ?1), ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            number,
            at,
            amount.amount_minor,
            amount.currency.code(),
            to_text(&method),
            to_text(&reason),
            delivery_fee.map(|f| to_text(&f))
        ],
    )?;
    Ok(())
}

/// The order's refunds, oldest first.
pub fn of_order(tx: &Transaction<'_>, number: i64) -> ApiResult<Vec<Refund>> {
    let mut stmt =
        tx.prepare("SELECT at, amount_minor, currency, method, reason, delivery_fee FROM refunds WHERE order_number = ?1 ORDER BY seq")?;
    let refunds = stmt
        .query_map([number], |r| {
            Ok(Refund {
                at: format_rfc3339_utc(r.get(0)?),
                amount: Money::new(r.get(1)?, &r.get::<_, String>(2)?),
                method: from_text(&r.get::<_, String>(3)?).unwrap_or(PaymentKind::Unknown),
                reason: from_text(&r.get::<_, String>(4)?).unwrap_or(RefundReason::Unknown),
                delivery_fee: r.get::<_, Option<String>>(5)?.and_then(|f| from_text(&f)),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(refunds)
}
