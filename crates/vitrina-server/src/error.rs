//! The server's one error type: a problem document (RFC 9457) with a stable `type` from
//! `vitrina_core::ProblemKind`. Every layer returns it; `http::error` sends it as
//! `application/problem+json`. Internal details (SQL, paths, panics) are logged, never sent.
//!
//! Foundation: used by every layer; uses only `vitrina_core`.

use vitrina_core::{FieldError, Problem, ProblemKind};

/// A failure as the client will be told about it.
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

    /// Not enough of a variant in stock: which, and how many are left.
    pub fn out_of_stock(variant_id: &str, available: i64) -> Self {
        ApiError(Problem::out_of_stock(variant_id, available))
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
        tracing::error!("internal error: {cause}");
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
