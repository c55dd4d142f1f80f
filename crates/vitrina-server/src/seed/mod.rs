//! The demo store, written on first start. Identifiers here are stable: the README, the test
//! suites and shared links rely on them.
//!
//! Beside the domain layer: uses `store` (and the foundation), never `http`.

pub mod contact;
mod shipments;
mod shop;

pub use shop::{DEMO_ACCOUNTS, DEMO_PASSWORD, renew_demo_passwords};

use rusqlite::Connection;
use vitrina_core::civil::UnixSeconds;

/// Writes the demo store if the database has never been seeded. Returns whether it did.
pub fn seed_if_empty(conn: &mut Connection, store: &crate::policy::Profile, now: UnixSeconds) -> Result<bool, rusqlite::Error> {
    let seeded: Option<String> = conn.query_row("SELECT value FROM meta WHERE key = 'seeded_at'", [], |r| r.get(0)).ok();
    if seeded.is_some() {
        return Ok(false);
    }
    let tx = conn.transaction()?;
    shop::seed_sellers(&tx, store)?;
    shop::seed_products(&tx, store)?;
    shop::seed_accounts(&tx)?;
    shop::seed_promo_codes(&tx, now)?;
    shipments::seed_shipments(&tx, now)?;
    contact::seed_contact(&tx, now)?;
    tx.execute("INSERT INTO meta (key, value) VALUES ('seeded_at', ?1)", [now.to_string()])?;
    tx.commit()?;
    Ok(true)
}
