//! The storage layer: every SQL query of the server, as plain functions over the transaction that
//! [`Db::run`](crate::db::Db::run) opens for one unit of work. Each module reads and writes one
//! part of the schema (`migrations/`) and speaks in contract types or plain rows; what the rows
//! mean for a shopper or a seller is decided in `domain`.
//!
//! May use: the foundation modules (`db`, `error`, `ids`, `policy`, `clock`), other `store`
//! modules and `vitrina_core`. Never `domain`, `seed` or `http` (`tests/layers.rs` checks).

pub mod carts;
pub mod catalog;
pub mod contact;
pub mod enums;
pub mod keys;
pub mod orders;
pub mod outbox;
pub mod payments;
pub mod promos;
pub mod refunds;
pub mod sessions;
pub mod shipments;
pub mod substitutions;

use crate::error::ApiResult;
use rusqlite::Transaction;

/// Whether the database answers a query.
pub fn ping(tx: &Transaction<'_>) -> ApiResult<()> {
    Ok(tx.query_row("SELECT 1", [], |_| Ok(()))?)
}
