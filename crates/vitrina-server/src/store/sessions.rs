//! Accounts and their sessions. A session is kept under the SHA-256 of its token, so the table
//! alone cannot sign anyone in.

use crate::error::ApiResult;
use rusqlite::{OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};
use vitrina_core::api::Account;
use vitrina_core::civil::UnixSeconds;

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The account signed in with `token`, if the session is live.
pub fn account_for_token(tx: &Transaction<'_>, token: Option<&str>, now: UnixSeconds) -> ApiResult<Option<Account>> {
    let Some(token) = token else {
        return Ok(None);
    };
    let account = tx
        .query_row(
            "SELECT a.email, a.display_name, a.email_verified, a.seller_id
             FROM sessions s JOIN accounts a ON a.email = s.account_email
             WHERE s.token_hash = ?1 AND s.expires_at > ?2",
            params![token_hash(token), now],
            |r| Ok(Account { email: r.get(0)?, display_name: r.get(1)?, email_verified: r.get(2)?, seller_id: r.get(3)? }),
        )
        .optional()?;
    Ok(account)
}

/// The stored password hash (a PHC string) of an account, if there is one with this email.
pub fn password_hash(tx: &Transaction<'_>, email: &str) -> ApiResult<Option<String>> {
    Ok(tx.query_row("SELECT password_hash FROM accounts WHERE email = ?1", [email], |r| r.get(0)).optional()?)
}

/// Starts a session with `token` for the account, until `expires_at`; ended sessions are deleted.
pub fn open(tx: &Transaction<'_>, token: &str, email: &str, now: UnixSeconds, expires_at: UnixSeconds) -> ApiResult<()> {
    tx.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now])?;
    tx.execute(
        "INSERT INTO sessions (token_hash, account_email, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![token_hash(token), email, now, expires_at],
    )?;
    Ok(())
}

/// Ends the session with `token` (nothing happens if there is none).
pub fn close(tx: &Transaction<'_>, token: &str) -> ApiResult<()> {
    tx.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash(token)])?;
    Ok(())
}
