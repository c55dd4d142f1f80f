//! Forgetting what has run out, so that the database does not grow for ever with what nobody can
//! use any more: carts untouched for their lifetime (and their lines), sessions that have ended
//! (expired, or idle), and idempotency keys older than a day (a retry comes within minutes).
//! Orders, messages and their histories are the store's records and are kept.

use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::{carts, orders, sessions};
use rusqlite::Transaction;
use std::time::Duration;
use vitrina_core::civil::UnixSeconds;

/// How long an idempotency key is remembered.
pub const KEY_LIFETIME_SECONDS: i64 = 86_400;

/// What one purge deleted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub carts: usize,
    pub sessions: usize,
    pub keys: usize,
}

/// Runs [`purge`] at start and then every 10 minutes for the life of the server.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            let now = state.clock.now();
            match state.db.run(move |tx| purge(tx, now)).await {
                Ok(purged) if purged != Purged::default() => tracing::info!(?purged, "purged what has run out"),
                Ok(_) => {}
                Err(e) => tracing::warn!("purging failed: {}", e.0.title),
            }
        }
    });
}

/// Deletes expired carts, ended sessions and old idempotency keys; what it deleted.
pub fn purge(tx: &Transaction<'_>, now: UnixSeconds) -> ApiResult<Purged> {
    Ok(Purged {
        carts: carts::purge(tx, now)?,
        sessions: sessions::purge(tx, now)?,
        keys: orders::purge_keys(tx, now - KEY_LIFETIME_SECONDS)?,
    })
}
