//! Turning whatever a backend answered into a typed value or a typed error.
//!
//! The app's HTTP client hands every response to [`decode_response`]; nothing a backend sends
//! can make it panic, and every failure keeps enough to be explained to a person.

use crate::json::{self, Decode};
use crate::{Problem, ProblemKind};

/// Why a request to the backend did not produce what was asked for.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The browser is offline.
    #[error("offline")]
    Offline,
    /// No answer within the time limit.
    #[error("timed out")]
    Timeout,
    /// The request failed without an HTTP answer (refused, reset, blocked).
    #[error("network error: {0}")]
    Network(String),
    /// The backend answered with an error status, with its problem details when it sent them.
    #[error("HTTP {status}")]
    Status { status: u16, problem: Option<Problem>, retry_after_seconds: Option<u64> },
    /// The backend answered successfully but with something that is not the expected JSON.
    #[error("unexpected response: {0}")]
    Undecodable(String),
}

impl ApiError {
    /// The kind of problem, for errors that carry one; transport failures are `None`.
    pub fn problem_kind(&self) -> Option<ProblemKind> {
        match self {
            ApiError::Status { problem: Some(p), .. } => Some(p.kind()),
            _ => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::Status { problem, .. } => problem.as_ref(),
            _ => None,
        }
    }

    /// Whether repeating the same request may succeed (the backend or the network may recover).
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Offline | ApiError::Timeout | ApiError::Network(_) => true,
            ApiError::Status { status, .. } => {
                matches!(status, 408 | 425 | 429 | 500 | 502 | 503 | 504)
            }
            ApiError::Undecodable(_) => false,
        }
    }

    /// Seconds the backend asked us to wait before retrying, if it said.
    pub fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            ApiError::Status { retry_after_seconds, problem, .. } => {
                retry_after_seconds.or_else(|| problem.as_ref().and_then(|p| p.retry_after_seconds))
            }
            _ => None,
        }
    }
}

/// Responses larger than this are refused rather than decoded (a backend gone wrong). A parcel's
/// whole history may be long (forty thousand events come to about 10 MB, and the tracking page
/// opens them), so the limit is well above that.
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Whether a response announced (`Content-Length`) as `length` bytes is refused unread: a
/// compressed body is never shorter than its length on the wire, so this never refuses an answer
/// [`decode_response`] would take.
pub fn announced_too_large(length: Option<&str>) -> Option<ApiError> {
    let length = length?.trim().parse::<u64>().ok()?;
    (length > MAX_RESPONSE_BYTES as u64).then(|| too_large(length))
}

fn too_large(length: u64) -> ApiError {
    ApiError::Undecodable(format!("response of {length} bytes is too large"))
}

/// Decodes a response: `T` from a 2xx JSON body, else a typed [`ApiError`].
///
/// `content_type` is the response's `Content-Type` header, `retry_after` its `Retry-After`.
pub fn decode_response<T: Decode>(status: u16, content_type: Option<&str>, retry_after: Option<&str>, body: &str) -> Result<T, ApiError> {
    if body.len() > MAX_RESPONSE_BYTES {
        return Err(too_large(body.len() as u64));
    }
    let media_type = content_type.unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let is_json = media_type == "application/json" || media_type.ends_with("+json");
    if !(200..300).contains(&status) {
        let problem = if is_json { json::from_str::<Problem>(body).ok() } else { None };
        let retry_after_seconds = retry_after.and_then(|v| v.trim().parse::<u64>().ok());
        return Err(ApiError::Status { status, problem, retry_after_seconds });
    }
    if !is_json {
        let shown = if media_type.is_empty() { "no content type" } else { media_type.as_str() };
        return Err(ApiError::Undecodable(format!("expected JSON, got {shown}")));
    }
    if body.trim().is_empty() {
        return Err(ApiError::Undecodable("empty body".into()));
    }
    json::from_str(body).map_err(|e| ApiError::Undecodable(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Health;

    fn decode(status: u16, ct: Option<&str>, body: &str) -> Result<Health, ApiError> {
        decode_response(status, ct, None, body)
    }

    #[test]
    fn an_answer_over_the_limit_is_refused_and_one_at_it_is_read() {
        let padding = "x".repeat(MAX_RESPONSE_BYTES);
        let huge = format!(r#"{{"status":"ok","version":"1","padding":"{padding}"}}"#);
        assert!(matches!(decode(200, Some("application/json"), &huge), Err(ApiError::Undecodable(_))));
        let at_limit = format!(r#"{{"status":"ok","version":"{}"}}"#, "1".repeat(MAX_RESPONSE_BYTES - 28));
        assert_eq!(at_limit.len(), MAX_RESPONSE_BYTES);
        assert!(decode(200, Some("application/json"), &at_limit).is_ok());
    }

    #[test]
    fn an_announced_length_over_the_limit_is_refused_unread() {
        assert!(matches!(announced_too_large(Some("20000000")), Some(ApiError::Undecodable(_))));
        assert_eq!(announced_too_large(Some("10485760")), None, "ten megabytes of a parcel's history are read");
        assert_eq!(announced_too_large(Some(&MAX_RESPONSE_BYTES.to_string())), None);
        assert_eq!(announced_too_large(Some("280000")), None);
        assert_eq!(announced_too_large(Some("not a number")), None);
        assert_eq!(announced_too_large(None), None);
    }

    #[test]
    fn a_good_response_decodes() {
        let h = decode(200, Some("application/json; charset=utf-8"), r#"{"status":"ok","version":"1"}"#).unwrap();
        assert_eq!(h.status, "ok");
    }

    #[test]
    fn a_problem_response_keeps_its_kind_and_retry_after() {
        let body = r#"{"type":"urn:vitrina:problem:rate-limited","title":"Too many","status":429}"#;
        let err = decode_response::<Health>(429, Some("application/problem+json"), Some("30"), body).unwrap_err();
        assert_eq!(err.problem_kind(), Some(ProblemKind::RateLimited));
        assert_eq!(err.retry_after_seconds(), Some(30));
        assert!(err.is_transient());
    }

    #[test]
    fn an_error_page_in_html_is_an_error_without_details() {
        let err = decode(502, Some("text/html"), "<h1>Bad gateway</h1>").unwrap_err();
        assert_eq!(err, ApiError::Status { status: 502, problem: None, retry_after_seconds: None });
    }

    #[test]
    fn bodies_that_are_not_the_expected_json_are_undecodable() {
        for (ct, body) in [
            (Some("application/json"), ""),
            (Some("application/json"), r#"{"status":"ok","vers"#),
            (Some("application/json"), r#"{"status":1}"#),
            (Some("application/json"), "[]"),
            (Some("text/plain"), r#"{"status":"ok","version":"1"}"#),
            (None, r#"{"status":"ok","version":"1"}"#),
        ] {
            assert!(matches!(decode(200, ct, body), Err(ApiError::Undecodable(_))), "{ct:?} {body}");
        }
    }

    #[test]
    fn a_garbled_problem_still_reports_the_status() {
        let err = decode(500, Some("application/problem+json"), "{not json").unwrap_err();
        assert_eq!(err.status(), Some(500));
        assert!(err.problem().is_none());
    }
}
