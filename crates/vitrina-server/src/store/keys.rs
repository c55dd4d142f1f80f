//! The `Idempotency-Key`s of requests a shopper may repeat (`migrations/012_request_keys.sql`):
//! each key's request fingerprint and what the request did, kept for a day.

use crate::error::ApiResult;
use crate::ids;
use rusqlite::{OptionalExtension, Transaction, params};
use vitrina_core::civil::UnixSeconds;

/// What `key` was used for before, if it was: the request's fingerprint and its outcome.
pub fn seen(tx: &Transaction<'_>, key: &str) -> ApiResult<Option<(String, String)>> {
    Ok(tx
        .query_row("SELECT request_hash, outcome FROM request_keys WHERE key_hash = ?1", [ids::digest(key)], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Remembers that `key`, with a request of fingerprint `hash`, had `outcome`.
pub fn remember(tx: &Transaction<'_>, key: &str, hash: &str, outcome: &str, now: UnixSeconds) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO request_keys (key_hash, request_hash, outcome, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![ids::digest(key), hash, outcome, now],
    )?;
    Ok(())
}

/// Forgets the keys older than `before` (a retry comes within minutes, not a day later); how many.
pub fn purge(tx: &Transaction<'_>, before: UnixSeconds) -> ApiResult<usize> {
    Ok(tx.execute("DELETE FROM request_keys WHERE created_at < ?1", [before])?)
}
