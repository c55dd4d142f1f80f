//! Signing in and out: an `HttpOnly`, `SameSite=Lax` cookie naming a session stored in SQLite.
//!
//! The app never sees the token; it asks `GET /api/session` who is signed in. `SameSite=Lax`
//! keeps other sites from sending the cookie with their forms, and every state-changing request
//! is JSON, which a cross-site form cannot send. Answers here are never stored (`api.rs`).
//!
//! Over HTTPS (`--public-url https://…`, or `X-Forwarded-Proto: https` behind `--trust-proxy`)
//! the cookie is `Secure` and named `__Host-vitrina_session`: the browser then sends it only over
//! HTTPS, and no sibling subdomain can set one of that name. Over plain HTTP (`make run`) it keeps
//! its plain name, which a browser would not store with the prefix.

use crate::error::ApiResult;
use crate::http::extract::{ApiJson, ClientIp, Https};
use crate::ids;
use crate::state::AppState;
use crate::{domain, store};
use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use vitrina_core::api::{SessionState, SignIn};

/// The session cookie's name over plain HTTP.
pub const COOKIE: &str = "vitrina_session";
/// Its name over HTTPS.
pub const SECURE_COOKIE: &str = "__Host-vitrina_session";

/// The session token the request's cookie carries, if any.
pub struct SessionToken(pub Option<String>);

impl FromRequestParts<AppState> for SessionToken {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(SessionToken(session_token(&parts.headers, Https::of(state, &parts.headers))))
    }
}

/// Whether the request carries a session token under either of this server's cookie names (set
/// over HTTP or HTTPS); whether it is still good, only the session check can say.
pub fn carries_session(headers: &HeaderMap) -> bool {
    session_token(headers, false).is_some() || session_token(headers, true).is_some()
}

/// Who the request's session signs in, for the page the server writes (`None`: nobody, or no
/// answer from the store in time for the page). The cookie is read at once, the store asked only
/// when the answer is awaited (for a page, not for the app's files).
pub fn signed_in(state: &AppState, headers: &HeaderMap) -> impl Future<Output = Option<vitrina_core::api::Account>> + use<> {
    let token = session_token(headers, Https::of(state, headers));
    let state = state.clone();
    async move {
        let token = token?;
        let now = state.clock.now();
        state.db.run(move |tx| store::sessions::account_for_token(tx, Some(&token), now)).await.ok().flatten()
    }
}

fn session_token(headers: &HeaderMap, https: bool) -> Option<String> {
    let jar = CookieJar::from_headers(headers);
    jar.get(if https { SECURE_COOKIE } else { COOKIE }).map(|c| c.value().trim().to_owned()).filter(|v| !v.is_empty() && v.len() <= 128)
}

/// The session cookie carrying `token` for `max_age_seconds` (0 clears it).
fn session_cookie(token: String, max_age_seconds: i64, https: bool) -> Cookie<'static> {
    Cookie::build((if https { SECURE_COOKIE } else { COOKIE }, token))
        .path("/")
        .http_only(true)
        .secure(https)
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::seconds(max_age_seconds))
        .build()
}

/// Who is signed in on this browser.
#[utoipa::path(get, path = "/api/session", tag = "account",
    responses((status = 200, description = "The signed-in account, or none (also once the session has expired, or gone unused for 12 hours)", body = SessionState)))]
pub async fn current_session(State(state): State<AppState>, SessionToken(token): SessionToken) -> ApiResult<Json<SessionState>> {
    let now = state.clock.now();
    let account = state.db.run(move |tx| store::sessions::account_for_token(tx, token.as_deref(), now)).await?;
    Ok(Json(SessionState { account }))
}

/// Signs in with email and password; the answer sets the session cookie (a new session each
/// time; the one the browser had before ends).
#[utoipa::path(post, path = "/api/session", tag = "account",
    request_body = SignIn,
    responses(
        (status = 200, description = "Signed in; `Set-Cookie` carries the session: `vitrina_session`, or over HTTPS `__Host-vitrina_session` with `Secure`", body = SessionState),
        (status = 401, description = "Wrong email or password (`invalid-credentials`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "Email or password missing (`validation`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 429, description = "Too many failed attempts for this account, or from this network (`rate-limited`, with `Retry-After`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn sign_in(
    State(state): State<AppState>,
    client: ClientIp,
    Https(https): Https,
    SessionToken(previous): SessionToken,
    headers: axum::http::HeaderMap,
    ApiJson(body): ApiJson<SignIn>,
) -> ApiResult<(CookieJar, Json<SessionState>)> {
    let now = state.clock.now();
    // The account's emails are written in the language it last signed in with.
    let locale =
        crate::intl::negotiate(body.locale.as_deref(), crate::http::extract::accept_language(&headers), vitrina_core::locale::Locale::En);
    let email = domain::session::sign_in_email(&body)?;
    // The network first: a client trying one password on many accounts meets it before any
    // per-account count is kept for its made-up addresses.
    let network = client.key();
    state.limits.sign_in_per_ip.admit(&network, now)?;
    state.limits.sign_in.admit(&email, now)?;
    let token = ids::token();
    let account = domain::session::sign_in(&state, email.clone(), body.password, previous, token.clone(), locale, now).await?;
    // Only failures count, against the network (a busy office signs in all day) and against the
    // account (its owner signing in on a phone, a laptop and again after signing out is not
    // guessing).
    state.limits.sign_in_per_ip.forgive(&network, now);
    state.limits.sign_in.forgive(&email, now);
    Ok((CookieJar::new().add(session_cookie(token, domain::session::SESSION_SECONDS, https)), Json(SessionState { account })))
}

/// Signs out: ends the session and clears the cookie.
#[utoipa::path(delete, path = "/api/session", tag = "account",
    responses((status = 200, description = "Signed out (also when nobody was signed in): nobody is signed in now", body = SessionState)))]
pub async fn sign_out(
    State(state): State<AppState>,
    Https(https): Https,
    SessionToken(token): SessionToken,
) -> ApiResult<(CookieJar, Json<SessionState>)> {
    if let Some(token) = token {
        state.db.run(move |tx| store::sessions::close(tx, &token)).await?;
    }
    Ok((CookieJar::new().add(session_cookie(String::new(), 0, https)), Json(SessionState::default())))
}

/// Signs out everywhere: ends every session of the signed-in account (on every browser and
/// device), and clears this browser's cookie.
#[utoipa::path(delete, path = "/api/sessions", tag = "account",
    responses((status = 200, description = "Every session of the account has ended (also when nobody was signed in): nobody is signed in now", body = SessionState)))]
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    Https(https): Https,
    SessionToken(token): SessionToken,
) -> ApiResult<(CookieJar, Json<SessionState>)> {
    if let Some(token) = token {
        state.db.run(move |tx| store::sessions::close_all(tx, &token)).await?;
    }
    Ok((CookieJar::new().add(session_cookie(String::new(), 0, https)), Json(SessionState::default())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderValue, header};

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; vitrina_session=abc; b=2"));
        assert_eq!(session_token(&headers, false).as_deref(), Some("abc"));
        assert_eq!(session_token(&headers, true), None, "over HTTPS only the prefixed cookie counts");
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("vitrina_session="));
        assert_eq!(session_token(&headers, false), None);
    }

    #[test]
    fn the_cookie_is_http_only_and_same_site() {
        let c = session_cookie("abc".into(), 60, false).to_string();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Path=/") && c.contains("Max-Age=60"), "{c}");
        assert!(!c.contains("Secure"), "{c}");
        let secure = session_cookie("abc".into(), 60, true).to_string();
        assert!(secure.starts_with("__Host-vitrina_session=abc;") && secure.contains("Secure") && secure.contains("Path=/"), "{secure}");
        let cleared = session_cookie(String::new(), 0, false).to_string();
        assert!(cleared.starts_with("vitrina_session=;") && cleared.contains("Max-Age=0"), "{cleared}");
    }
}
