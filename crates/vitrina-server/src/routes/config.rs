use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use vitrina_core::api::AppConfig;

/// The app's runtime configuration. Another deployment serves its own static `config.json`.
#[utoipa::path(get, path = "/config.json", tag = "platform",
    responses((status = 200, description = "Where the API is and how the store presents itself", body = AppConfig)))]
pub async fn app_config(State(state): State<AppState>) -> impl IntoResponse {
    let config = AppConfig {
        api_base_url: "/api".into(),
        store_name: state.options.store_name.clone(),
        default_locale: "en".into(),
        currency: "RUB".into(),
        request_timeout_ms: vitrina_core::api::DEFAULT_REQUEST_TIMEOUT_MS,
    };
    ([(header::CACHE_CONTROL, "no-cache")], Json(config))
}
