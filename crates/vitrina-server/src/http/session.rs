//! Signing in and out: an `HttpOnly`, `SameSite=Lax` cookie naming a session stored in SQLite.
//!
//! The app never sees the token; it asks `GET /api/session` who is signed in. `SameSite=Lax`
//! keeps other sites from sending the cookie with their forms, and every state-changing request
//! is JSON, which a cross-site form cannot send. Answers here are never stored (`api.rs`).

use crate::error::ApiResult;
use crate::http::extract::ApiJson;
use crate::ids;
use crate::state::AppState;
use crate::{domain, store};
use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use vitrina_core::api::{SessionState, SignIn};

/// The session cookie's name.
pub const COOKIE: &str = "vitrina_session";

/// The session token the request's cookie carries, if any.
pub struct SessionToken(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for SessionToken {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(SessionToken(session_token(&parts.headers)))
    }
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    let jar = CookieJar::from_headers(headers);
    jar.get(COOKIE).map(|c| c.value().trim().to_owned()).filter(|v| !v.is_empty() && v.len() <= 128)
}

/// The session cookie carrying `token` for `max_age_seconds` (0 clears it).
fn session_cookie(token: String, max_age_seconds: i64) -> Cookie<'static> {
    Cookie::build((COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::seconds(max_age_seconds))
        .build()
}

/// Who is signed in on this browser.
#[utoipa::path(get, path = "/api/session", tag = "account",
    responses((status = 200, description = "The signed-in account, or none", body = SessionState)))]
pub async fn current_session(State(state): State<AppState>, SessionToken(token): SessionToken) -> ApiResult<Json<SessionState>> {
    let now = state.clock.now();
    let account = state.db.run(move |tx| store::sessions::account_for_token(tx, token.as_deref(), now)).await?;
    Ok(Json(SessionState { account }))
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
pub async fn sign_in(State(state): State<AppState>, ApiJson(body): ApiJson<SignIn>) -> ApiResult<(CookieJar, Json<SessionState>)> {
    let now = state.clock.now();
    let email = domain::session::sign_in_email(&body)?;
    state.limits.sign_in.admit(&email, now)?;
    let token = ids::token();
    let session = token.clone();
    let account = state.db.run(move |tx| domain::session::sign_in(tx, &email, &body.password, &session, now)).await?;
    Ok((CookieJar::new().add(session_cookie(token, domain::session::SESSION_SECONDS)), Json(SessionState { account })))
}

/// Signs out: ends the session and clears the cookie.
#[utoipa::path(delete, path = "/api/session", tag = "account",
    responses((status = 200, description = "Signed out (also when nobody was signed in): nobody is signed in now", body = SessionState)))]
pub async fn sign_out(State(state): State<AppState>, SessionToken(token): SessionToken) -> ApiResult<(CookieJar, Json<SessionState>)> {
    if let Some(token) = token {
        state.db.run(move |tx| store::sessions::close(tx, &token)).await?;
    }
    Ok((CookieJar::new().add(session_cookie(String::new(), 0)), Json(SessionState::default())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderValue, header};

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
        let c = session_cookie("abc".into(), 60).to_string();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Path=/") && c.contains("Max-Age=60"), "{c}");
        let cleared = session_cookie(String::new(), 0).to_string();
        assert!(cleared.starts_with("vitrina_session=;") && cleared.contains("Max-Age=0"), "{cleared}");
    }
}
