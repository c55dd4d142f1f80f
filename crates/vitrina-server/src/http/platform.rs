//! The platform: whether the server answers, and the app's runtime configuration.

use crate::error::ApiResult;
use crate::state::AppState;
use crate::store;
use axum::Json;
use axum::extract::State;
use vitrina_core::api::{AppConfig, Health};

/// Whether the server and its database answer.
#[utoipa::path(get, path = "/api/health", tag = "platform",
    responses((status = 200, description = "The server is up", body = Health)))]
pub async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    state.db.run(store::ping).await?;
    Ok(Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() }))
}

/// The app's runtime configuration. Another deployment serves its own static `config.json`.
#[utoipa::path(get, path = "/config.json", tag = "platform",
    responses((status = 200, description = "Where the API is and how the store presents itself", body = AppConfig)))]
pub async fn app_config(State(state): State<AppState>) -> Json<AppConfig> {
    Json(AppConfig {
        api_base_url: "/api".into(),
        store_name: state.options.store_name.clone(),
        default_locale: "en".into(),
        currency: "RUB".into(),
        request_timeout_ms: vitrina_core::api::DEFAULT_REQUEST_TIMEOUT_MS,
        help_url: state.options.help_link(),
    })
}
