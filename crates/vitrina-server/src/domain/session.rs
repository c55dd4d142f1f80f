//! Signing in with an email address and a password (Argon2id), which opens a session.

use crate::auth::{hash_password, needs_rehash};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::sessions;
use rusqlite::Transaction;
use vitrina_core::api::{Account, SignIn};
use vitrina_core::civil::UnixSeconds;
use vitrina_core::{FieldError, ProblemKind};

/// A session lasts this long after signing in (if used at least every `sessions::IDLE_SECONDS`).
pub const SESSION_SECONDS: i64 = 30 * 86_400;

/// The email address to sign in with (trimmed, case-folded), once both fields are filled in.
pub fn sign_in_email(body: &SignIn) -> ApiResult<String> {
    let email = vitrina_core::validate::email_key(&body.email);
    let mut errors = Vec::new();
    if email.is_empty() {
        errors.push(FieldError::new("email", "required", "Fill this in."));
    }
    if body.password.is_empty() {
        errors.push(FieldError::new("password", "required", "Fill this in."));
    }
    if errors.is_empty() { Ok(email) } else { Err(ApiError::validation(errors)) }
}

/// The account signed in with `token`, if it owns `seller_id`: 401 (`unauthorized`) without a
/// session, 403 (`forbidden`) for anyone else; each with the words of the place that asks.
pub fn seller_account(
    tx: &Transaction<'_>,
    token: Option<&str>,
    seller_id: &str,
    now: UnixSeconds,
    sign_in_to: &str,
    only_the_seller: &str,
) -> ApiResult<Account> {
    let account = sessions::account_for_token(tx, token, now)?.ok_or_else(|| ApiError::detail(ProblemKind::Unauthorized, sign_in_to))?;
    if account.seller_id.as_deref() != Some(seller_id) {
        return Err(ApiError::detail(ProblemKind::Forbidden, only_the_seller));
    }
    Ok(account)
}

/// Opens a session with `token` if the password is the account's, and ends the session the
/// browser had before (`previous`), so that a session id known before signing in is worth
/// nothing after. The account signed in.
///
/// The password is checked on the blocking pool, outside the database lock (Argon2 takes tens of
/// milliseconds on purpose), and an unknown address costs the same check as a wrong password.
pub async fn sign_in(
    state: &AppState,
    email: String,
    password: String,
    previous: Option<String>,
    token: String,
    locale: vitrina_core::locale::Locale,
    now: UnixSeconds,
) -> ApiResult<Option<Account>> {
    let lookup = email.clone();
    let stored = state.db.run(move |tx| sessions::password_hash(tx, &lookup)).await?;
    let passwords = state.passwords.clone();
    let (opens, rehash) = tokio::task::spawn_blocking(move || {
        let opens = passwords.check(&password, stored.as_deref());
        // An account hashed with older parameters is hashed again with today's.
        let rehash = (opens && stored.as_deref().is_some_and(needs_rehash)).then(|| hash_password(&password));
        (opens, rehash)
    })
    .await
    .map_err(ApiError::internal)?;
    // The same answer for an unknown address and a wrong password.
    if !opens {
        return Err(ApiError::new(ProblemKind::InvalidCredentials));
    }
    state
        .db
        .run(move |tx| {
            if let Some(previous) = previous {
                sessions::close(tx, &previous)?;
            }
            if let Some(hash) = rehash {
                sessions::set_password_hash(tx, &email, &hash)?;
            }
            sessions::open(tx, &token, &email, now, now + SESSION_SECONDS)?;
            sessions::set_locale(tx, &email, locale.tag())?;
            sessions::account_for_token(tx, Some(&token), now)
        })
        .await
}
