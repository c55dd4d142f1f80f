//! The payment gateway's decision, as the store receives and checks it (seed 002, the Sberbank
//! flow: the bank decides, the store records the outcome and shows it).
//!
//! The decision reaches the store through the shopper's browser, so the store believes only what
//! the gateway signed: an HMAC-SHA256, under the key the two share, over the payment's id, its
//! amount, its currency and the outcome. It then checks the amount against the payment it opened
//! and the order against `vitrina_core::order::is_payable`, and records a decision only for a
//! payment still pending: a forged decision is refused, and one replayed changes nothing.

use crate::domain::lifecycle;
use crate::error::{ApiError, ApiResult};
use crate::policy::Profile;
use crate::store::{orders, payments};
use hmac::{Hmac, Mac};
use rusqlite::Transaction;
use sha2::Sha256;
use vitrina_core::ProblemKind;
use vitrina_core::api::PaymentStatus;
use vitrina_core::civil::UnixSeconds;
use vitrina_core::order::OrderRules;

/// What the gateway decided about one payment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Decision {
    pub payment_id: String,
    /// The amount the gateway charged (or refused), in minor units, and its currency.
    pub amount_minor: i64,
    pub currency: String,
    /// `approved` or `declined`.
    pub outcome: String,
}

impl Decision {
    /// The gateway's signature over the decision (hex).
    pub fn sign(&self, key: &[u8]) -> String {
        self.mac(key).finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether `signature` is the gateway's over this decision (compared in constant time).
    pub fn is_signed(&self, key: &[u8], signature: &str) -> bool {
        let bytes: Option<Vec<u8>> =
            (0..signature.len() / 2).map(|i| u8::from_str_radix(signature.get(2 * i..2 * i + 2)?, 16).ok()).collect();
        bytes.is_some_and(|bytes| signature.len() == 64 && self.mac(key).verify_slice(&bytes).is_ok())
    }

    fn mac(&self, key: &[u8]) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes a key of any length");
        // One field per line: no field can run into the next (ids, amounts and codes have no newline).
        mac.update(format!("{}\n{}\n{}\n{}", self.payment_id, self.amount_minor, self.currency, self.outcome).as_bytes());
        mac
    }
}

/// What recording a decision did.
#[derive(Debug, PartialEq, Eq)]
pub enum Recorded {
    /// The payment and its order now show the outcome.
    Recorded,
    /// Nothing changed: the payment was already decided (a replay), or its order cannot be paid
    /// now (cancelled, expired unpaid, or paid another way).
    Unchanged,
}

/// Whether the payment `payment_id` may be paid now: it is pending and its order payable (the
/// order's passed deadlines applied first). The gateway's page offers to pay only then.
pub fn may_pay(tx: &Transaction<'_>, store: &Profile, payment_id: &str, now: UnixSeconds, rules: &OrderRules) -> ApiResult<bool> {
    let payment = payments::load(tx, payment_id)?.ok_or_else(|| ApiError::not_found("No such payment."))?;
    lifecycle::settle(tx, store, payment.order_number, now, rules)?;
    let state = lifecycle::state(tx, payment.order_number)?;
    let pending = payments::load(tx, payment_id)?.is_some_and(|p| p.status == "pending");
    Ok(pending && vitrina_core::order::is_payable(state.status, state.payment_status, state.pay_by, now))
}

/// Records the gateway's signed decision on the payment, the order's payment status and its
/// history, after checking the signature, the amount and the order's state.
pub fn record(
    tx: &Transaction<'_>,
    store: &Profile,
    key: &[u8],
    decision: &Decision,
    signature: &str,
    now: UnixSeconds,
    rules: &OrderRules,
) -> ApiResult<Recorded> {
    if !decision.is_signed(key, signature) {
        return Err(ApiError::detail(ProblemKind::Forbidden, "The payment decision is not signed by the gateway."));
    }
    let payment = payments::load(tx, &decision.payment_id)?.ok_or_else(|| ApiError::not_found("No such payment."))?;
    if payment.amount.amount_minor != decision.amount_minor || payment.amount.currency.code() != decision.currency {
        return Err(ApiError::detail(ProblemKind::Forbidden, "The decision is for another amount than the payment's."));
    }
    if !may_pay(tx, store, &decision.payment_id, now, rules)? {
        return Ok(Recorded::Unchanged);
    }
    let (decided, order_status, event) = match decision.outcome.as_str() {
        "approved" => ("approved", PaymentStatus::Paid, "payment_approved"),
        "declined" => ("declined", PaymentStatus::Declined, "payment_declined"),
        _ => return Err(ApiError::bad_request("The outcome is approved or declined.")),
    };
    payments::decide(tx, &decision.payment_id, decided, now)?;
    orders::set_payment_status(tx, payment.order_number, order_status)?;
    orders::add_event(tx, payment.order_number, now, event)?;
    Ok(Recorded::Recorded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_covers_every_field_and_needs_the_key() {
        let decision = Decision { payment_id: "p1".into(), amount_minor: 438000, currency: "RUB".into(), outcome: "approved".into() };
        let signature = decision.sign(b"key");
        assert!(decision.is_signed(b"key", &signature));
        assert!(!decision.is_signed(b"other key", &signature));
        assert!(!decision.is_signed(b"key", &signature[..62]));
        assert!(!decision.is_signed(b"key", "zz"));
        for changed in [
            Decision { payment_id: "p2".into(), ..decision.clone() },
            Decision { amount_minor: 1, ..decision.clone() },
            Decision { currency: "EUR".into(), ..decision.clone() },
            Decision { outcome: "declined".into(), ..decision.clone() },
        ] {
            assert!(!changed.is_signed(b"key", &signature), "{changed:?}");
        }
    }
}
