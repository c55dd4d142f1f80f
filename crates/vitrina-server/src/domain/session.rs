//! Signing in with an email address and a password (Argon2id), which opens a session.

use crate::auth::verify_password;
use crate::error::{ApiError, ApiResult};
use crate::store::sessions;
use rusqlite::Transaction;
use vitrina_core::api::{Account, SignIn};
use vitrina_core::civil::UnixSeconds;
use vitrina_core::{FieldError, ProblemKind};

/// A session lasts this long after signing in.
pub const SESSION_SECONDS: i64 = 30 * 86_400;

/// The email address to sign in with (trimmed, in lower case), once both fields are filled in.
pub fn sign_in_email(body: &SignIn) -> ApiResult<String> {
    let email = body.email.trim().to_lowercase();
    let mut errors = Vec::new();
    if email.is_empty() {
        errors.push(FieldError::new("email", "required", "Fill this in."));
    }
    if body.password.is_empty() {
        errors.push(FieldError::new("password", "required", "Fill this in."));
    }
    if errors.is_empty() { Ok(email) } else { Err(ApiError::validation(errors)) }
}

/// Opens a session with `token` if the password is the account's; the account signed in.
pub fn sign_in(tx: &Transaction<'_>, email: &str, password: &str, token: &str, now: UnixSeconds) -> ApiResult<Option<Account>> {
    let stored = sessions::password_hash(tx, email)?;
    // The same answer for an unknown address and a wrong password.
    if !stored.is_some_and(|h| verify_password(password, &h)) {
        return Err(ApiError::new(ProblemKind::InvalidCredentials));
    }
    sessions::open(tx, token, email, now, now + SESSION_SECONDS)?;
    sessions::account_for_token(tx, Some(token), now)
}
