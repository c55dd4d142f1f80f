use crate::error::ApiResult;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use vitrina_core::api::Health;

/// Whether the server and its database answer.
#[utoipa::path(get, path = "/api/health", tag = "platform",
    responses((status = 200, description = "The server is up", body = Health)))]
pub async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    state.db.run(|tx| Ok(tx.query_row("SELECT 1", [], |_| Ok(()))?)).await?;
    Ok(Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() }))
}
