//! Online card payments: each attempt is a row, `pending` until the gateway approves or declines
//! it.

use crate::error::ApiResult;
use crate::ids;
use rusqlite::{OptionalExtension, Transaction, params};
use vitrina_core::Money;
use vitrina_core::civil::UnixSeconds;

/// The gateway page of a payment.
pub fn gateway_url(payment_id: &str) -> String {
    format!("/gateway/{payment_id}")
}

/// Opens a new payment attempt for the order's total; returns its id.
pub fn open(tx: &Transaction<'_>, number: i64, now: UnixSeconds) -> ApiResult<String> {
    let id = ids::token();
    tx.execute(
        "INSERT INTO payments (id, order_number, created_at, amount_minor, currency, status)
         SELECT ?1, number, ?2, total_minor, currency, 'pending' FROM orders WHERE number = ?3",
        params![id, now, number],
    )?;
    Ok(id)
}

/// The order's newest pending payment, if any.
pub fn pending(tx: &Transaction<'_>, number: i64) -> ApiResult<Option<String>> {
    Ok(tx
        .query_row(
            "SELECT id FROM payments WHERE order_number = ?1 AND status = 'pending' ORDER BY created_at DESC LIMIT 1",
            [number],
            |r| r.get(0),
        )
        .optional()?)
}

/// Declines the order's pending payments (a new attempt replaces them).
pub fn decline_pending(tx: &Transaction<'_>, number: i64, now: UnixSeconds) -> ApiResult<()> {
    tx.execute(
        "UPDATE payments SET status = 'declined', decided_at = ?1 WHERE order_number = ?2 AND status = 'pending'",
        params![now, number],
    )?;
    Ok(())
}

/// A payment as the gateway shows it.
pub struct Payment {
    pub order_number: i64,
    pub amount: Money,
    /// `pending`, `approved` or `declined`.
    pub status: String,
    /// The order's access token, for the way back to the order page.
    pub order_token: String,
}

/// A payment, if there is one with this id.
pub fn load(tx: &Transaction<'_>, payment_id: &str) -> ApiResult<Option<Payment>> {
    Ok(tx
        .query_row(
            "SELECT p.order_number, p.amount_minor, p.currency, p.status, o.access_token
             FROM payments p JOIN orders o ON o.number = p.order_number WHERE p.id = ?1",
            [payment_id],
            |r| {
                Ok(Payment {
                    order_number: r.get(0)?,
                    amount: Money::new(r.get(1)?, &r.get::<_, String>(2)?),
                    status: r.get(3)?,
                    order_token: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// Records the gateway's decision (`approved` or `declined`) on a payment.
pub fn decide(tx: &Transaction<'_>, payment_id: &str, status: &str, now: UnixSeconds) -> ApiResult<()> {
    tx.execute("UPDATE payments SET status = ?1, decided_at = ?2 WHERE id = ?3", params![status, now, payment_id])?;
    Ok(())
}
