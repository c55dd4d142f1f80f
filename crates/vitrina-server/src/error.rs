//! Every failure leaves the server as `application/problem+json` with a stable `type`.
//! Internal details (SQL, paths, panics) are logged, never sent.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use vitrina_core::{FieldError, Problem, ProblemKind, problem::PROBLEM_JSON};

/// An error a handler returns; it becomes a problem response.
#[derive(Debug)]
pub struct ApiError(pub Problem);

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(kind: ProblemKind) -> Self {
        ApiError(Problem::new(kind))
    }

    pub fn detail(kind: ProblemKind, detail: impl Into<String>) -> Self {
        ApiError(Problem::new(kind).with_detail(detail))
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        ApiError::detail(ProblemKind::NotFound, detail)
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        ApiError::detail(ProblemKind::BadRequest, detail)
    }

    /// A 422 listing each field that needs attention.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        ApiError(Problem::new(ProblemKind::Validation).with_errors(errors))
    }

    pub fn rate_limited(retry_after_seconds: u64) -> Self {
        ApiError(
            Problem::new(ProblemKind::RateLimited)
                .with_detail(format!("Too many attempts; try again in {retry_after_seconds} seconds."))
                .with_retry_after(retry_after_seconds),
        )
    }

    /// An unexpected failure: logged here with its cause, sent without it.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        eprintln!("vitrina-server: internal error: {cause}");
        ApiError::new(ProblemKind::Internal)
    }

    pub fn kind(&self) -> ProblemKind {
        self.0.kind()
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::internal(format!("database: {e}"))
    }
}

impl From<vitrina_core::money::MoneyError> for ApiError {
    fn from(e: vitrina_core::money::MoneyError) -> Self {
        ApiError::internal(format!("money: {e}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        problem_response(self.0)
    }
}

/// Writes a problem document with its status, media type and `Retry-After`.
pub fn problem_response(problem: Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let retry_after = problem.retry_after_seconds;
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(seconds) = retry_after {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}
