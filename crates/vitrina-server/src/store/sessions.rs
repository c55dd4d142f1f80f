//! Accounts and their sessions. A session is kept under the SHA-256 of its token, so the table
//! alone cannot sign anyone in. It ends at its expiry, or sooner when unused for
//! [`IDLE_SECONDS`].

use crate::error::ApiResult;
use crate::ids::digest;
use rusqlite::{OptionalExtension, Transaction, params};
use vitrina_core::api::Account;
use vitrina_core::civil::UnixSeconds;

/// A session unused this long has ended (a browser left signed in on a shared computer).
pub const IDLE_SECONDS: i64 = 12 * 3_600;
/// How stale `last_seen_at` may get before a request writes it again (most requests only read).
const SEEN_GRANULARITY_SECONDS: i64 = 300;

/// The account signed in with `token`, if the session is live; the session counts as used now.
pub fn account_for_token(tx: &Transaction<'_>, token: Option<&str>, now: UnixSeconds) -> ApiResult<Option<Account>> {
    let Some(token) = token else {
        return Ok(None);
    };
    let hash = digest(token);
    let found = tx
        .query_row(
            "SELECT a.email, a.display_name, a.email_verified, a.seller_id, s.last_seen_at
             FROM sessions s JOIN accounts a ON a.email = s.account_email
             WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND s.last_seen_at + ?3 > ?2",
            params![hash, now, IDLE_SECONDS],
            |r| {
                let account = Account { email: r.get(0)?, display_name: r.get(1)?, email_verified: r.get(2)?, seller_id: r.get(3)? };
                Ok((account, r.get::<_, i64>(4)?))
            },
        )
        .optional()?;
    let Some((account, last_seen)) = found else {
        return Ok(None);
    };
    if now - last_seen >= SEEN_GRANULARITY_SECONDS {
        tx.execute("UPDATE sessions SET last_seen_at = ?1 WHERE token_hash = ?2", params![now, hash])?;
    }
    Ok(Some(account))
}

/// The stored password hash (a PHC string) of an account, if there is one with this email.
pub fn password_hash(tx: &Transaction<'_>, email: &str) -> ApiResult<Option<String>> {
    Ok(tx.query_row("SELECT password_hash FROM accounts WHERE email = ?1", [email], |r| r.get(0)).optional()?)
}

/// Replaces an account's password hash (the same password, hashed with today's parameters).
pub fn set_password_hash(tx: &Transaction<'_>, email: &str, hash: &str) -> ApiResult<()> {
    tx.execute("UPDATE accounts SET password_hash = ?1 WHERE email = ?2", params![hash, email])?;
    Ok(())
}

/// Starts a session with `token` for the account, until `expires_at`.
pub fn open(tx: &Transaction<'_>, token: &str, email: &str, now: UnixSeconds, expires_at: UnixSeconds) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO sessions (token_hash, account_email, created_at, expires_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?3)",
        params![digest(token), email, now, expires_at],
    )?;
    Ok(())
}

/// Ends the session with `token` (nothing happens if there is none).
pub fn close(tx: &Transaction<'_>, token: &str) -> ApiResult<()> {
    tx.execute("DELETE FROM sessions WHERE token_hash = ?1", [digest(token)])?;
    Ok(())
}

/// Ends every session of the account signed in with `token`; how many there were.
pub fn close_all(tx: &Transaction<'_>, token: &str) -> ApiResult<usize> {
    Ok(tx.execute(
        "DELETE FROM sessions WHERE account_email = (SELECT account_email FROM sessions WHERE token_hash = ?1)",
        [digest(token)],
    )?)
}

/// Deletes sessions that have ended, by expiry or by idleness; how many.
pub fn purge(tx: &Transaction<'_>, now: UnixSeconds) -> ApiResult<usize> {
    Ok(tx.execute("DELETE FROM sessions WHERE expires_at <= ?1 OR last_seen_at <= ?2", params![now, now - IDLE_SECONDS])?)
}

/// The language the account's emails are written in (the one it last signed in with).
pub fn set_locale(tx: &Transaction<'_>, email: &str, locale: &str) -> ApiResult<()> {
    tx.execute("UPDATE accounts SET locale = ?2 WHERE email = ?1", rusqlite::params![email, locale])?;
    Ok(())
}

/// The language of the account that manages `seller_id`, if it ever signed in with one.
pub fn seller_locale(tx: &Transaction<'_>, seller_id: &str) -> ApiResult<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(tx
        .query_row("SELECT locale FROM accounts WHERE seller_id = ?1 AND locale IS NOT NULL LIMIT 1", [seller_id], |r| r.get(0))
        .optional()?)
}
