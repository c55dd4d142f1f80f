//! Signing in and out: an `HttpOnly`, `SameSite=Lax` cookie naming a session stored in SQLite.
//!
//! The app never sees the token; it asks `GET /api/session` who is signed in. `SameSite=Lax`
//! keeps other sites from sending the cookie with their forms, and every state-changing request
//! is JSON, which a cross-site form cannot send.

use crate::auth::verify_password;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::ids;
use crate::ratelimit::RateLimiter;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rusqlite::{OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};
use vitrina_core::api::{Account, SessionState, SignIn};
use vitrina_core::civil::UnixSeconds;
use vitrina_core::contact::limits;
use vitrina_core::{FieldError, ProblemKind};

pub const COOKIE: &str = "vitrina_session";
/// A session lasts this long after signing in.
pub const SESSION_SECONDS: i64 = 30 * 86_400;

/// Sign-in attempts per email address, so passwords cannot be guessed at speed.
#[derive(Clone)]
pub struct SignInLimits(pub RateLimiter);

impl Default for SignInLimits {
    fn default() -> Self {
        SignInLimits(RateLimiter::new(limits::SIGN_IN_ATTEMPTS, limits::SIGN_IN_WINDOW_SECONDS))
    }
}

fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The session token the request's cookie carries, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 128)
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
            params![hash(token), now],
            |r| Ok(Account { email: r.get(0)?, display_name: r.get(1)?, email_verified: r.get(2)?, seller_id: r.get(3)? }),
        )
        .optional()?;
    Ok(account)
}

fn cookie(token: &str, max_age: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}"))
        .unwrap_or_else(|_| HeaderValue::from_static("vitrina_session=; Path=/; Max-Age=0"))
}

fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Who is signed in on this browser.
#[utoipa::path(get, path = "/api/session", tag = "account",
    responses((status = 200, description = "The signed-in account, or none", body = SessionState)))]
pub async fn current_session(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let now = state.clock.now();
    let token = session_token(&headers);
    let account = state.db.run(move |tx| account_for_token(tx, token.as_deref(), now)).await?;
    Ok(no_store(Json(SessionState { account }).into_response()))
}

/// Signs in with email and password; the answer sets the session cookie.
#[utoipa::path(post, path = "/api/session", tag = "account",
    request_body = SignIn,
    responses(
        (status = 200, description = "Signed in; `Set-Cookie` carries the session", body = SessionState),
        (status = 401, description = "Wrong email or password (`invalid-credentials`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "Email or password missing (`validation`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 429, description = "Too many attempts (`rate-limited`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn sign_in(State(state): State<AppState>, ApiJson(body): ApiJson<SignIn>) -> ApiResult<Response> {
    let now = state.clock.now();
    let email = body.email.trim().to_lowercase();
    let mut errors = Vec::new();
    if email.is_empty() {
        errors.push(FieldError::new("email", "required", "Fill this in."));
    }
    if body.password.is_empty() {
        errors.push(FieldError::new("password", "required", "Fill this in."));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    state.sign_in_limits.0.check(&email, now).map_err(ApiError::rate_limited)?;
    let token = ids::token();
    let token_hash = hash(&token);
    let password = body.password;
    let session = token.clone();
    let account = state
        .db
        .run(move |tx| {
            let stored: Option<String> =
                tx.query_row("SELECT password_hash FROM accounts WHERE email = ?1", [&email], |r| r.get(0)).optional()?;
            // The same answer for an unknown address and a wrong password.
            if !stored.is_some_and(|h| verify_password(&password, &h)) {
                return Err(ApiError::new(ProblemKind::InvalidCredentials));
            }
            tx.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now])?;
            tx.execute(
                "INSERT INTO sessions (token_hash, account_email, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![token_hash, email, now, now + SESSION_SECONDS],
            )?;
            account_for_token(tx, Some(&session), now)
        })
        .await?;
    let mut response = no_store(Json(SessionState { account }).into_response());
    response.headers_mut().insert(header::SET_COOKIE, cookie(&token, SESSION_SECONDS));
    Ok(response)
}

/// Signs out: ends the session and clears the cookie.
#[utoipa::path(delete, path = "/api/session", tag = "account",
    responses((status = 200, description = "Signed out (also when nobody was signed in): nobody is signed in now", body = SessionState)))]
pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    if let Some(token) = session_token(&headers) {
        state
            .db
            .run(move |tx| {
                tx.execute("DELETE FROM sessions WHERE token_hash = ?1", [hash(&token)])?;
                Ok(())
            })
            .await?;
    }
    let mut response = no_store(Json(SessionState::default()).into_response());
    response.headers_mut().insert(header::SET_COOKIE, cookie("", 0));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; vitrina_session=abc; b=2"));
        assert_eq!(session_token(&headers).as_deref(), Some("abc"));
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("vitrina_session="));
        assert_eq!(session_token(&headers), None);
    }

    #[test]
    fn the_cookie_is_http_only_and_same_site() {
        let c = cookie("abc", 60);
        let c = c.to_str().unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Path=/"));
    }
}
