//! Requests a shopper may repeat after their answer was lost on the way (a cancellation, a
//! message to a seller, a line added to a cart), each under its `Idempotency-Key`: a repeat is
//! answered from what the first did, never carried out twice; a key used for another request is
//! refused. The key is remembered in the transaction that carries the request out, so a request
//! that fails leaves it unused.

use crate::error::{ApiError, ApiResult};
use crate::store::keys;
use rusqlite::Transaction;
use sha2::{Digest, Sha256};
use vitrina_core::ProblemKind;
use vitrina_core::civil::UnixSeconds;

/// A request's `Idempotency-Key`, where it has one, and its fingerprint (`request_hash`).
pub type Keyed<'a> = Option<(&'a str, &'a str)>;

/// A stable fingerprint of a request's body (SHA-256 of its JSON), to tell a repeated request
/// from a different one under the same key.
pub fn fingerprint(body: &impl serde::Serialize) -> String {
    let json = serde_json::to_vec(body).unwrap_or_default();
    Sha256::digest(&json).iter().map(|b| format!("{b:02x}")).collect()
}

/// The fingerprint of a request: its endpoint's name and what it asks for.
pub fn request_hash(endpoint: &str, body: &impl serde::Serialize) -> String {
    fingerprint(&(endpoint, body))
}

/// What the request under `key` did the first time, when this is a repeat of it.
pub fn earlier_outcome(tx: &Transaction<'_>, key: Keyed<'_>) -> ApiResult<Option<String>> {
    let Some((key, hash)) = key else { return Ok(None) };
    match keys::seen(tx, key)? {
        Some((seen, outcome)) if seen == hash => Ok(Some(outcome)),
        Some(_) => Err(ApiError::new(ProblemKind::IdempotencyKeyReused)),
        None => Ok(None),
    }
}

/// Remembers what the request under `key` did (nothing without a key).
pub fn remember(tx: &Transaction<'_>, key: Keyed<'_>, outcome: &str, now: UnixSeconds) -> ApiResult<()> {
    match key {
        Some((key, hash)) => keys::remember(tx, key, hash, outcome, now),
        None => Ok(()),
    }
}
