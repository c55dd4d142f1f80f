//! Request extractors whose rejections are problem documents, not axum's plain-text messages.
//!
//! What a rejection says is about the request only: which field or parameter, and what was
//! expected, in plain words. Never the framework's wording, Rust type names or source positions.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
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

/// The client's IP address, when the server knows it (it does when served with connection info:
/// `serve` and the tests do). Rate limits count per address with it.
pub struct ClientIp(pub Option<std::net::IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let info = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>();
        Ok(ClientIp(info.map(|c| c.0.ip())))
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
    fn json_media_types() {
        assert!(is_json(Some("application/json")));
        assert!(is_json(Some("Application/JSON; charset=utf-8")));
        assert!(is_json(Some("application/merge-patch+json")));
        assert!(!is_json(Some("text/plain")));
        assert!(!is_json(Some("application/jsonx")));
        assert!(!is_json(None));
    }
}
