//! Online card payments: each attempt is a row, `pending` until the gateway approves or declines
//! it, or the store voids it (the order was cancelled or expired, or its total changed).

use crate::error::ApiResult;
use crate::ids;
use rusqlite::{OptionalExtension, Transaction, params};
use vitrina_core::Money;
use vitrina_core::civil::UnixSeconds;
use vitrina_core::routes::{Page, encode_component};

/// The gateway page of a payment, carrying where the shopper comes back to: the order's page
/// (with the token, which the store keeps only as a hash and so cannot write again later).
pub fn gateway_url(payment_id: &str, number: i64, token: &str) -> String {
    let back = Page::Order { number: number.to_string(), token: token.to_owned() }.href();
    format!("/gateway/{payment_id}?return={}", encode_component(&back))
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

/// Voids the order's pending payments: the order can no longer be paid (cancelled, expired), or
/// its total changed and the next attempt is for the new amount.
pub fn void_pending(tx: &Transaction<'_>, number: i64, now: UnixSeconds) -> ApiResult<()> {
    tx.execute(
        "UPDATE payments SET status = 'void', decided_at = ?1 WHERE order_number = ?2 AND status = 'pending'",
        params![now, number],
    )?;
    Ok(())
}

/// A payment as the gateway shows it.
pub struct Payment {
    pub order_number: i64,
    pub amount: Money,
    /// `pending`, `approved`, `declined` or `void`.
    pub status: String,
}

/// A payment, if there is one with this id.
pub fn load(tx: &Transaction<'_>, payment_id: &str) -> ApiResult<Option<Payment>> {
    Ok(tx
        .query_row("SELECT order_number, amount_minor, currency, status FROM payments WHERE id = ?1", [payment_id], |r| {
            Ok(Payment { order_number: r.get(0)?, amount: Money::new(r.get(1)?, &r.get::<_, String>(2)?), status: r.get(3)? })
        })
        .optional()?)
}

/// Records the gateway's decision (`approved` or `declined`) on a payment.
pub fn decide(tx: &Transaction<'_>, payment_id: &str, status: &str, now: UnixSeconds) -> ApiResult<()> {
    tx.execute("UPDATE payments SET status = ?1, decided_at = ?2 WHERE id = ?3", params![status, now, payment_id])?;
    Ok(())
}
