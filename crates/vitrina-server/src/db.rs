//! The SQLite database: one file, opened once, migrated and seeded on first start.
//!
//! SQLite serialises writers anyway, so the server holds one connection behind a mutex and runs
//! each unit of work on the blocking pool; a unit of work is one transaction, handed to the
//! functions of `store` and `domain`.
//!
//! Foundation: used by every layer; uses `error` and `ids`.

use crate::error::{ApiError, ApiResult};
use crate::ids;
use rusqlite::Connection;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Each entry moves the schema one version forward; `PRAGMA user_version` records how far.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/001_store.sql"),
    include_str!("../migrations/002_checkout.sql"),
    include_str!("../migrations/003_tracking.sql"),
    include_str!("../migrations/004_contact.sql"),
    include_str!("../migrations/005_security.sql"),
    include_str!("../migrations/006_orders.sql"),
    include_str!("../migrations/007_messages.sql"),
    include_str!("../migrations/008_address_region.sql"),
    include_str!("../migrations/009_product_names.sql"),
    include_str!("../migrations/010_variant_labels.sql"),
    include_str!("../migrations/011_action_keys.sql"),
    include_str!("../migrations/012_request_keys.sql"),
];

#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (or creates) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Db, rusqlite::Error> {
        let conn = Connection::open(path)?;
        // WAL with full sync: an order that got a success response survives a crash.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;",
        )?;
        add_functions(&conn)?;
        migrate(&conn)?;
        Ok(Db { conn: Arc::new(Mutex::new(conn)) })
    }

    /// Runs `work` inside one transaction on the blocking pool; an `Err` rolls it back.
    pub async fn run<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> ApiResult<T> + Send + 'static,
    {
        let conn = self.conn.clone();
        // What the work logs belongs to the request (or job) that asked for it.
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || {
            let _in_span = span.enter();
            // A panic in another request must not take the database down with it.
            let mut conn = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let tx = conn.transaction()?;
            let value = work(&tx)?;
            tx.commit()?;
            Ok(value)
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Synchronous access for start-up work (seeding) before the server listens.
    pub fn with_conn<T>(&self, work: impl FnOnce(&mut Connection) -> T) -> T {
        let mut conn = self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        work(&mut conn)
    }
}

/// SQL functions the migrations use to bring old rows to today's form: `sha256_hex(text)`
/// ([`ids::digest`]) and `email_key(text)` (`vitrina_core::validate::email_key`).
fn add_functions(conn: &Connection) -> Result<(), rusqlite::Error> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("sha256_hex", 1, flags, |ctx| Ok(ids::digest(&ctx.get::<String>(0)?)))?;
    conn.create_scalar_function("email_key", 1, flags, |ctx| Ok(vitrina_core::validate::email_key(&ctx.get::<String>(0)?)))
}

fn migrate(conn: &Connection) -> Result<(), rusqlite::Error> {
    let version: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        conn.execute_batch(&format!("BEGIN; {sql}; PRAGMA user_version = {}; COMMIT;", i + 1))?;
    }
    Ok(())
}
