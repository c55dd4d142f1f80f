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
    Router::new()
        .route("/api/test/clock", post(set_clock))
        .route("/api/test/prices", post(set_price))
        .route("/api/test/stock", post(set_stock))
        .route("/api/test/orders/{number}/status", post(set_order_status))
        .route("/api/test/orders", axum::routing::get(list_orders))
        .route("/api/test/bench-cart", post(bench_cart))
}

#[derive(Deserialize)]
struct SetClock {
    /// RFC 3339 instant the server's clock should read from now on.
    now: String,
}

async fn set_clock(State(state): State<AppState>, ApiJson(body): ApiJson<SetClock>) -> ApiResult<StatusCode> {
    let (at, _) = parse_rfc3339(&body.now).ok_or_else(|| ApiError::bad_request("now must be an RFC 3339 instant"))?;
    state.clock.set(at);
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct SetPrice {
    variant_id: String,
    price_minor: i64,
}

/// Changes a variant's price (to test what the checkout does when a price changes under it).
async fn set_price(State(state): State<AppState>, ApiJson(body): ApiJson<SetPrice>) -> ApiResult<StatusCode> {
    state
        .db
        .run(move |tx| {
            let changed =
                tx.execute("UPDATE variants SET price_minor = ?1 WHERE id = ?2", rusqlite::params![body.price_minor, body.variant_id])?;
            if changed == 0 { Err(ApiError::not_found("No such variant.")) } else { Ok(()) }
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct SetStock {
    variant_id: String,
    stock: i64,
}

/// Sets a variant's stock (so that a load run does not sell the demo store out).
async fn set_stock(State(state): State<AppState>, ApiJson(body): ApiJson<SetStock>) -> ApiResult<StatusCode> {
    state
        .db
        .run(move |tx| {
            let changed = tx.execute("UPDATE variants SET stock = ?1 WHERE id = ?2", rusqlite::params![body.stock, body.variant_id])?;
            if changed == 0 { Err(ApiError::not_found("No such variant.")) } else { Ok(()) }
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct SetOrderStatus {
    status: vitrina_core::api::OrderStatus,
    /// When it happened (RFC 3339); now if absent.
    at: Option<String>,
    /// Or: how many days before the server's now it happened.
    days_ago: Option<i64>,
}

/// Moves an order to a status, as the seller or the carrier would.
async fn set_order_status(
    State(state): State<AppState>,
    crate::extract::ApiPath(number): crate::extract::ApiPath<i64>,
    ApiJson(body): ApiJson<SetOrderStatus>,
) -> ApiResult<StatusCode> {
    let at = match (&body.at, body.days_ago) {
        (Some(text), _) => parse_rfc3339(text).ok_or_else(|| ApiError::bad_request("at must be an RFC 3339 instant"))?.0,
        (None, Some(days)) => state.clock.now() - days * 86_400,
        (None, None) => state.clock.now(),
    };
    state.db.run(move |tx| crate::routes::order_view::set_status(tx, number, body.status, at)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every order: number, payment status and the cart it came from (to count a test's orders).
async fn list_orders(State(state): State<AppState>) -> ApiResult<axum::Json<Vec<(i64, String, String)>>> {
    let rows = state
        .db
        .run(|tx| {
            let mut stmt = tx.prepare("SELECT number, payment_status, cart_id FROM orders ORDER BY number")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await?;
    Ok(axum::Json(rows))
}

#[derive(Deserialize)]
struct BenchCart {
    lines: u32,
}

/// A cart of `lines` different items (for measuring a long cart): a product with that many
/// variants is added to the catalog once.
async fn bench_cart(State(state): State<AppState>, ApiJson(body): ApiJson<BenchCart>) -> ApiResult<axum::Json<serde_json::Value>> {
    let lines = body.lines.clamp(1, 500);
    let now = state.clock.now();
    let id = state
        .db
        .run(move |tx| {
            tx.execute(
                "INSERT OR IGNORE INTO products (id, seller_id, name, description, colour, weight_g, length_cm, width_cm, height_cm, position)
                 VALUES ('bench-swatch', 'demo-seller', 'Fabric swatch', 'A sample for measuring long carts.', '#cccccc', 10, 10, 10, 1, 999)",
                [],
            )?;
            for i in 0..lines {
                tx.execute(
                    "INSERT OR IGNORE INTO variants (id, product_id, sku, label, price_minor, currency, stock, position)
                     VALUES (?1, 'bench-swatch', ?2, ?3, 10000, 'RUB', 999, ?4)",
                    rusqlite::params![format!("bench-swatch-{i}"), format!("BENCH-{i:03}"), format!("Shade {i}"), i],
                )?;
            }
            let cart = crate::ids::token();
            tx.execute("INSERT INTO carts (id, created_at, updated_at) VALUES (?1, ?2, ?2)", rusqlite::params![cart, now])?;
            for i in 0..lines {
                tx.execute(
                    "INSERT INTO cart_lines (id, cart_id, variant_id, quantity, added_at) VALUES (?1, ?2, ?3, 1, ?4)",
                    rusqlite::params![crate::ids::random_hex(8), cart, format!("bench-swatch-{i}"), now],
                )?;
            }
            Ok(cart)
        })
        .await?;
    Ok(axum::Json(serde_json::json!({ "cart_id": id })))
}
