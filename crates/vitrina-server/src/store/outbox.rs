//! The outbox table: every email the store sends, from the moment its event is committed until
//! it is delivered (see `migrations/007_messages.sql`, whose trigger adds a row for each order
//! event in the event's own transaction).

use crate::error::ApiResult;
use rusqlite::{OptionalExtension, Transaction, params};
use vitrina_core::civil::UnixSeconds;

/// A row still to be written from its event (`message` is `None`) or to be delivered.
#[derive(Debug, Clone)]
pub struct Waiting {
    pub id: i64,
    pub name: String,
    pub created_at: UnixSeconds,
    pub order_number: Option<i64>,
    pub event_kind: Option<String>,
    /// The event's place in the order's history (`order_events.seq`).
    pub event_seq: Option<i64>,
    pub message: Option<Vec<u8>>,
}

/// The rows waiting, oldest first, at most `limit`.
pub fn waiting(tx: &Transaction<'_>, limit: usize) -> ApiResult<Vec<Waiting>> {
    let mut stmt = tx.prepare(
        "SELECT o.id, o.name, o.created_at, o.order_number, o.event_kind, CASE WHEN o.state = 'ready' THEN o.message END, e.seq
         FROM outbox o
         LEFT JOIN order_events e ON e.order_number = o.order_number
             AND o.name = 'order-' || e.order_number || '-' || e.seq || '-' || e.kind
         WHERE o.state IN ('pending', 'ready') AND o.attempts < 10 ORDER BY o.id LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit as i64], |r| {
            Ok(Waiting {
                id: r.get(0)?,
                name: r.get(1)?,
                created_at: r.get(2)?,
                order_number: r.get(3)?,
                event_kind: r.get(4)?,
                message: r.get(5)?,
                event_seq: r.get(6)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Adds an email that is written already (the contact form's, a verification link).
pub fn insert_ready(tx: &Transaction<'_>, name: &str, now: UnixSeconds, message: &[u8]) -> ApiResult<()> {
    tx.execute("INSERT INTO outbox (name, created_at, state, message) VALUES (?1, ?2, 'ready', ?3)", params![name, now, message])?;
    Ok(())
}

/// Keeps the message written for a pending row; from now on it is sent exactly as it is.
pub fn set_ready(tx: &Transaction<'_>, id: i64, message: &[u8]) -> ApiResult<bool> {
    Ok(tx.execute("UPDATE outbox SET state = 'ready', message = ?2 WHERE id = ?1 AND state = 'pending'", params![id, message])? == 1)
}

/// The row's event sends no email.
pub fn set_none(tx: &Transaction<'_>, id: i64) -> ApiResult<()> {
    tx.execute("UPDATE outbox SET state = 'none' WHERE id = ?1 AND state = 'pending'", [id])?;
    Ok(())
}

pub fn set_delivered(tx: &Transaction<'_>, id: i64, at: UnixSeconds) -> ApiResult<()> {
    tx.execute("UPDATE outbox SET state = 'delivered', delivered_at = ?2 WHERE id = ?1 AND state = 'ready'", params![id, at])?;
    Ok(())
}

/// Remembers why writing or delivering failed; the row stays waiting and is tried again.
pub fn note_failure(tx: &Transaction<'_>, id: i64, error: &str) -> ApiResult<()> {
    tx.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE id = ?1", params![id, error])?;
    Ok(())
}

/// The state of the row named `name` (for tests and the purge).
pub fn state_of(tx: &Transaction<'_>, name: &str) -> ApiResult<Option<String>> {
    Ok(tx.query_row("SELECT state FROM outbox WHERE name = ?1", [name], |r| r.get(0)).optional()?)
}
