//! Request extractors whose rejections are problem documents, not axum's plain-text messages.
//!
//! What a rejection says is about the request only: which field or parameter, and what was
//! expected, in plain words. Never the framework's wording, Rust type names or source positions.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;
use vitrina_core::{FieldError, ProblemKind};

/// Largest request body the API accepts.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A JSON request body.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        if !is_json(req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok())) {
            return Err(ApiError::detail(ProblemKind::UnsupportedMediaType, "Send the body as application/json."));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::detail(ProblemKind::PayloadTooLarge, format!("Bodies are limited to {MAX_BODY_BYTES} bytes."))
            } else {
                ApiError::bad_request("The body could not be read.")
            }
        })?;
        decode_json(&bytes).map(ApiJson)
    }
}

/// `application/json` or any `+json` type, with or without parameters.
fn is_json(content_type: Option<&str>) -> bool {
    let media_type = content_type.unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    media_type == "application/json" || (media_type.starts_with("application/") && media_type.ends_with("+json"))
}

/// Reads a JSON body: malformed JSON is a 400; JSON of the wrong shape a 422 naming the field.
pub fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let not_json = || ApiError::bad_request("The body is not valid JSON.");
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => ApiError::validation(vec![field_error(&path, &inner.to_string())]),
            _ => not_json(),
        }
    })?;
    // Anything after the value (`{…} x`) makes the body something other than one JSON document.
    deserializer.end().map_err(|_| not_json())?;
    Ok(value)
}

/// One field's problem from serde's message: a missing field is `required` at its own path;
/// anything else is `invalid` at the path where it was found.
fn field_error(path: &str, message: &str) -> FieldError {
    let message = plain(message);
    let at = |field: &str| if path == "." || path.is_empty() { field.to_owned() } else { format!("{path}.{field}") };
    if let Some(field) = message.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`')) {
        return FieldError::of(at(field), vitrina_core::FieldCode::Required);
    }
    let field = if path == "." { "" } else { path };
    FieldError::new(field, "invalid", &format!("{}.", capitalised(&message)))
}

/// serde's message without its source position and with Rust's names for numbers and types
/// put in words.
pub fn plain(message: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(at) if message[at..].contains(" column ") => &message[..at],
        _ => message,
    };
    let mut words: Vec<String> = Vec::new();
    let mut tokens = message.split(' ').peekable();
    while let Some(token) = tokens.next() {
        let (core, tail) = match token.find([',', ';']) {
            Some(i) => (&token[..i], &token[i..]),
            None => (token, ""),
        };
        let replaced = match core {
            "u8" => Some("a whole number from 0 to 255"),
            "u16" => Some("a whole number from 0 to 65535"),
            "u32" => Some("a whole number from 0 to 4294967295"),
            "u64" | "usize" => Some("a whole number from 0 up"),
            "i8" | "i16" | "i32" | "i64" | "isize" => Some("a whole number"),
            "f32" | "f64" => Some("a number"),
            "struct" | "enum" if words.last().is_some_and(|w| w == "expected") => {
                // `expected struct CheckoutDraft` names a Rust type: say what the JSON should be.
                tokens.next();
                Some(if core == "struct" { "an object" } else { "one of the allowed values" })
            }
            _ => None,
        };
        match replaced {
            Some(text) => words.push(format!("{text}{tail}")),
            None => words.push(token.to_owned()),
        }
    }
    words.join(" ")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Path parameters.
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| ApiPath(v))
            .map_err(|_| ApiError::bad_request("A part of this address is not valid here."))
    }
}

/// Query-string parameters.
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        serde_urlencoded::from_str(query).map(ApiQuery).map_err(|e| {
            let message = plain(&e.to_string());
            let detail = match message.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`')) {
                Some(name) => format!("The query parameter `{name}` is missing."),
                None => format!("The query string is not valid: {message}."),
            };
            ApiError::bad_request(detail)
        })
    }
}

/// The client's network, for the rate limits: its IP address, with an IPv6 address cut to its
/// /64 (one host usually holds a whole /64, and could otherwise rotate through it). Behind a
/// reverse proxy (`--trust-proxy`) it is the address the proxy appended last to
/// `X-Forwarded-For`; otherwise the peer of the connection, and never that header.
pub struct ClientIp(pub Option<std::net::IpAddr>);

impl ClientIp {
    /// The key the rate limits count this client under; every client whose address is unknown
    /// (the router embedded without connection info) shares one, so the limits still hold.
    pub fn key(&self) -> String {
        self.0.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
    }
}

/// The store's language a request asks for (`Accept-Language`; the store's default when it asks
/// for none the store has), which the backend words its texts in.
pub struct Language(pub &'static str);

impl FromRequestParts<AppState> for Language {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Language(crate::policy::profile(state.options.store).language(accept_language(&parts.headers))))
    }
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip());
        let forwarded = state.options.trust_proxy.then(|| forwarded_for(&parts.headers)).flatten();
        Ok(ClientIp(forwarded.or(peer).map(network)))
    }
}

/// The last address of `X-Forwarded-For`: the one the trusted proxy itself appended (the ones
/// before it are whatever the client wrote).
fn forwarded_for(headers: &axum::http::HeaderMap) -> Option<std::net::IpAddr> {
    let last = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).last()?;
    let last = last.trim();
    last.parse().ok().or_else(|| last.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

/// An IPv4 address as it is; an IPv6 address as its /64 (an IPv4-mapped one as the IPv4).
fn network(ip: std::net::IpAddr) -> std::net::IpAddr {
    match ip {
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => std::net::IpAddr::V4(v4),
            None => std::net::IpAddr::V6(std::net::Ipv6Addr::from(u128::from(v6) & !((1u128 << 64) - 1))),
        },
        v4 => v4,
    }
}

/// Whether the shopper's connection is HTTPS: the store's `--public-url` is `https://`, or,
/// behind a trusted proxy, it says so in `X-Forwarded-Proto`.
pub struct Https(pub bool);

impl Https {
    pub fn of(state: &AppState, headers: &axum::http::HeaderMap) -> bool {
        let proto = || headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()).and_then(|v| v.split(',').next_back());
        state.options.public_https() || (state.options.trust_proxy && proto().is_some_and(|p| p.trim().eq_ignore_ascii_case("https")))
    }
}

impl FromRequestParts<AppState> for Https {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Https(Https::of(state, &parts.headers)))
    }
}

/// The request's `Accept-Language`, if readable.
pub fn accept_language(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers.get(axum::http::header::ACCEPT_LANGUAGE)?.to_str().ok()
}

/// The request's `Idempotency-Key`: 1 to 200 printable ASCII characters (HTTP drops spaces at
/// either end).
pub fn idempotency_key(headers: &HeaderMap) -> Option<String> {
    let key = headers.get("idempotency-key")?.to_str().ok()?.trim();
    let printable = key.bytes().all(|b| (b' '..=b'~').contains(&b));
    (printable && !key.is_empty() && key.len() <= 200).then(|| key.to_owned())
}

/// The `Idempotency-Key` of a request a shopper may repeat (a change to an order, a message, a
/// line added to a cart), where it has one (1 to 200 printable ASCII characters, else refused).
pub fn action_key(headers: &HeaderMap) -> ApiResult<Option<String>> {
    match headers.get("idempotency-key") {
        Some(_) => idempotency_key(headers).map(Some).ok_or_else(|| ApiError::new(ProblemKind::IdempotencyKeyMissing)),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        quantity: u32,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        inner: Inner,
    }

    fn field(body: &str) -> FieldError {
        let error = decode_json::<Outer>(body.as_bytes()).unwrap_err();
        assert_eq!(error.kind(), ProblemKind::Validation, "{body}");
        error.0.errors[0].clone()
    }

    #[test]
    fn a_wrong_shape_names_the_field_in_words() {
        let e = field(r#"{"name": "a", "inner": {"quantity": -1}}"#);
        assert_eq!((e.field.as_str(), e.code.as_str()), ("inner.quantity", "invalid"));
        assert_eq!(e.message, "Invalid value: integer `-1`, expected a whole number from 0 to 4294967295.");
        let e = field(r#"{"name": "a", "inner": {}}"#);
        assert_eq!((e.field.as_str(), e.code.as_str()), ("inner.quantity", "required"));
        let e = field(r#"{"inner": {"quantity": 1}}"#);
        assert_eq!(e.field, "name");
        let e = field(r#"[]"#);
        assert_eq!(e.field, "");
        assert!(!e.message.contains("Outer"), "{}", e.message);
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        for body in ["", "{", r#"{"name": "a", "inner": {"quantity": 1}} x"#, "\u{0}", "nul"] {
            let error = decode_json::<Outer>(body.as_bytes()).unwrap_err();
            assert_eq!(error.kind(), ProblemKind::BadRequest, "{body:?}");
        }
    }

    #[test]
    fn serde_wording_loses_positions_and_rust_names() {
        assert_eq!(
            plain("invalid type: string \"x\", expected u32 at line 1 column 9"),
            "invalid type: string \"x\", expected a whole number from 0 to 4294967295"
        );
        assert_eq!(plain("invalid type: map, expected struct CheckoutDraft"), "invalid type: map, expected an object");
        assert_eq!(plain("invalid type: integer `5`, expected a string"), "invalid type: integer `5`, expected a string");
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_slash_64() {
        let a: std::net::IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: std::net::IpAddr = "2001:db8:1:2:ffff:1:2:3".parse().unwrap();
        assert_eq!(network(a), network(b));
        assert_eq!(network(a).to_string(), "2001:db8:1:2::");
        assert_ne!(network(a), network("2001:db8:1:3::1".parse().unwrap()));
        assert_eq!(network("::ffff:192.0.2.7".parse().unwrap()).to_string(), "192.0.2.7");
        assert_eq!(network("192.0.2.7".parse().unwrap()).to_string(), "192.0.2.7");
    }

    #[test]
    fn the_proxys_own_entry_of_x_forwarded_for_counts() {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("x-forwarded-for", "6.6.6.6, 203.0.113.9".parse().unwrap());
        assert_eq!(forwarded_for(&headers), Some("203.0.113.9".parse().unwrap()));
        headers.insert("x-forwarded-for", "garbage".parse().unwrap());
        assert_eq!(forwarded_for(&headers), None);
    }

    #[test]
    fn json_media_types() {
        assert!(is_json(Some("application/json")));
        assert!(is_json(Some("Application/JSON; charset=utf-8")));
        assert!(is_json(Some("application/merge-patch+json")));
        assert!(!is_json(Some("text/plain")));
        assert!(!is_json(Some("application/jsonx")));
        assert!(!is_json(None));
    }
}
