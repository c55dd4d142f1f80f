//! The demo store, written on first start. Identifiers here are stable: the README, the test
//! suites and shared links rely on them.

pub mod contact;
mod shipments;
mod store;

use rusqlite::Connection;
use vitrina_core::civil::UnixSeconds;

pub(crate) const DAY: i64 = 86_400;
pub(crate) const HOUR: i64 = 3_600;

/// Writes the demo store if the database has never been seeded. Returns whether it did.
pub fn seed_if_empty(conn: &mut Connection, now: UnixSeconds) -> Result<bool, rusqlite::Error> {
    let seeded: Option<String> = conn.query_row("SELECT value FROM meta WHERE key = 'seeded_at'", [], |r| r.get(0)).ok();
    if seeded.is_some() {
        return Ok(false);
    }
    let tx = conn.transaction()?;
    store::seed_sellers(&tx)?;
    store::seed_products(&tx)?;
    store::seed_accounts(&tx)?;
    store::seed_promo_codes(&tx, now)?;
    shipments::seed_shipments(&tx, now)?;
    contact::seed_contact(&tx, now)?;
    tx.execute("INSERT INTO meta (key, value) VALUES ('seeded_at', ?1)", [now.to_string()])?;
    tx.commit()?;
    Ok(true)
}

/// The demo accounts, all with the password `demo`: (email, name, verified, owns seller).
pub const DEMO_ACCOUNTS: &[(&str, &str, bool, Option<&str>)] = &[
    ("shopper@example.com", "Anna Petrova", true, None),
    ("new@example.com", "Oleh Kovalenko", false, None),
    ("seller@example.com", "Marek Horváth", true, Some("demo-seller")),
];

pub const DEMO_PASSWORD: &str = "demo";
