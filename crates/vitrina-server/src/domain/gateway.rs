//! What the simulated payment gateway's decision does to a payment and its order (seed 002, the
//! Sberbank flow: the bank decides, the store records the outcome and shows it).

use crate::error::{ApiError, ApiResult};
use crate::store::{orders, payments};
use rusqlite::Transaction;
use vitrina_core::api::PaymentStatus;
use vitrina_core::civil::UnixSeconds;

/// Records the shopper's approval or refusal of a pending payment on the payment, the order's
/// payment status and its history. A payment already decided stays as it was.
pub fn decide(tx: &Transaction<'_>, payment_id: &str, approve: bool, now: UnixSeconds) -> ApiResult<()> {
    let payment = payments::load(tx, payment_id)?.ok_or_else(|| ApiError::not_found("No such payment."))?;
    if payment.status != "pending" {
        return Ok(());
    }
    let (decision, order_status, event) = if approve {
        ("approved", PaymentStatus::Paid, "payment_approved")
    } else {
        ("declined", PaymentStatus::Declined, "payment_declined")
    };
    payments::decide(tx, payment_id, decision, now)?;
    orders::set_payment_status(tx, payment.order_number, order_status)?;
    orders::add_event(tx, payment.order_number, now, event)
}
