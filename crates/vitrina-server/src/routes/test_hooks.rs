//! `/api/test/*`: levers for the test suites, mounted only with `--test-hooks`, and not part of
//! the contract (so not in the OpenAPI document).

use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use serde::Deserialize;
use vitrina_core::civil::parse_rfc3339;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/test/clock", post(set_clock))
}

#[derive(Deserialize)]
struct SetClock {
    /// RFC 3339 instant the server's clock should read from now on.
    now: String,
}

async fn set_clock(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<SetClock>,
) -> ApiResult<StatusCode> {
    let (at, _) = parse_rfc3339(&body.now)
        .ok_or_else(|| ApiError::bad_request("now must be an RFC 3339 instant"))?;
    state.clock.set(at);
    Ok(StatusCode::NO_CONTENT)
}
