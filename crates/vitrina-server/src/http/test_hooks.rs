//! `/api/test/*`: levers for the test suites, mounted only with `--test-hooks`, and not part of
//! the contract (so not in the OpenAPI document). They change the store through `store` and
//! `seed` like everything else.

use crate::domain::{lifecycle, substitutions};
use crate::error::{ApiError, ApiResult};
use crate::http::extract::{ApiJson, ApiPath};
use crate::seed::contact::demo_settings;
use crate::state::AppState;
use crate::store::{carts, catalog, contact, orders};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use vitrina_core::api::{Substitution, SubstitutionOffer};
use vitrina_core::civil::parse_rfc3339;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/test/clock", post(set_clock))
        .route("/api/test/prices", post(set_price))
        .route("/api/test/stock", post(set_stock))
        .route("/api/test/orders/{number}/status", post(set_order_status))
        .route("/api/test/orders/{number}/lines/{line_id}/substitution", post(propose_substitution))
        .route("/api/test/orders", get(list_orders))
        .route("/api/test/bench-cart", post(bench_cart))
        .route("/api/test/contact/{seller_id}/reset", post(reset_demo_settings))
        .route("/api/test/limits", get(limit_keys))
        .route("/api/test/mail", post(hold_mail))
}

/// How many keys the lookup limiters hold (the flood test reads that they stay bounded).
async fn limit_keys(State(state): State<AppState>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "lookup_by_ip": state.limits.lookup_by_ip.keys(),
        "lookup_by_order": state.limits.lookup_by_order.keys(),
    }))
}

#[derive(Deserialize)]
struct HoldMail {
    held: bool,
}

/// Holds the outbox (emails stay committed, none is delivered) or lets it go, delivering
/// everything held.
async fn hold_mail(State(state): State<AppState>, ApiJson(body): ApiJson<HoldMail>) -> StatusCode {
    state.mail.hold(body.held);
    crate::domain::mailer::flush(&state).await;
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct SetClock {
    /// RFC 3339 instant the server's clock should read from now on.
    now: String,
}

/// Sets the clock, and lets the back office apply the deadlines that time has passed (as its
/// 15-second round would), so that a test reads their outcome at once.
async fn set_clock(State(state): State<AppState>, ApiJson(body): ApiJson<SetClock>) -> ApiResult<StatusCode> {
    let (at, _) = parse_rfc3339(&body.now).ok_or_else(|| ApiError::bad_request("now must be an RFC 3339 instant"))?;
    state.clock.set(at);
    let rules = state.options.order_rules.clone();
    let store = crate::policy::profile(state.options.store);
    state.db.run(move |tx| lifecycle::settle_all(tx, store, at, &rules)).await?;
    crate::domain::mailer::flush(&state).await;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct SetPrice {
    variant_id: String,
    price_minor: i64,
}

/// Changes a variant's price (to test what the checkout does when a price changes under it).
async fn set_price(State(state): State<AppState>, ApiJson(body): ApiJson<SetPrice>) -> ApiResult<StatusCode> {
    let changed = state.db.run(move |tx| catalog::set_price(tx, &body.variant_id, body.price_minor)).await?;
    if !changed {
        return Err(ApiError::not_found("No such variant."));
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct SetStock {
    variant_id: String,
    stock: i64,
}

/// Sets a variant's stock (so that a load run does not sell the demo store out).
async fn set_stock(State(state): State<AppState>, ApiJson(body): ApiJson<SetStock>) -> ApiResult<StatusCode> {
    let changed = state.db.run(move |tx| catalog::set_stock(tx, &body.variant_id, body.stock)).await?;
    if !changed {
        return Err(ApiError::not_found("No such variant."));
    }
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

/// Moves an order to a status, as the seller or the carrier would (and, like them, not to the
/// carrier while it is unpaid or awaits an answer to a substitution: 409).
async fn set_order_status(
    State(state): State<AppState>,
    ApiPath(number): ApiPath<i64>,
    ApiJson(body): ApiJson<SetOrderStatus>,
) -> ApiResult<StatusCode> {
    let at = match (&body.at, body.days_ago) {
        (Some(text), _) => parse_rfc3339(text).ok_or_else(|| ApiError::bad_request("at must be an RFC 3339 instant"))?.0,
        (None, Some(days)) => state.clock.now() - days * 86_400,
        (None, None) => state.clock.now(),
    };
    let store = crate::policy::profile(state.options.store);
    state.db.run(move |tx| lifecycle::move_to(tx, store, number, body.status, at)).await?;
    // The email the step sends goes out before the answer, so a suite can read it next.
    crate::domain::mailer::flush(&state).await;
    Ok(StatusCode::NO_CONTENT)
}

/// The demo seller proposes a substitute (`variant_id`) or removal (none) for a line, without
/// signing in: what `POST /api/sellers/{seller_id}/orders/{number}/lines/{line_id}/substitution`
/// does for the line's seller.
async fn propose_substitution(
    State(state): State<AppState>,
    ApiPath((number, line_id)): ApiPath<(i64, String)>,
    ApiJson(offer): ApiJson<SubstitutionOffer>,
) -> ApiResult<(StatusCode, Json<Substitution>)> {
    let position = orders::line_position(&line_id).ok_or_else(|| ApiError::not_found("No such line."))?;
    let now = state.clock.now();
    let rules = state.options.order_rules.clone();
    let store = crate::policy::profile(state.options.store);
    let proposal = state.db.run(move |tx| substitutions::propose(tx, store, number, position, &offer, now, &rules)).await?;
    crate::domain::mailer::flush(&state).await;
    Ok((StatusCode::CREATED, Json(proposal)))
}

/// Every order: number, payment status and the cart it came from (to count a test's orders).
async fn list_orders(State(state): State<AppState>) -> ApiResult<Json<Vec<(i64, String, String)>>> {
    Ok(Json(state.db.run(orders::list).await?))
}

#[derive(Deserialize)]
struct BenchCart {
    lines: u32,
}

/// A cart of `lines` different items (for measuring a long cart): a product with that many
/// variants is added to the catalog once.
async fn bench_cart(State(state): State<AppState>, ApiJson(body): ApiJson<BenchCart>) -> ApiResult<Json<serde_json::Value>> {
    let lines = body.lines.clamp(1, 500);
    let now = state.clock.now();
    let id = state
        .db
        .run(move |tx| {
            let variants = catalog::bench_swatches(tx, lines)?;
            let cart = carts::create(tx, now)?;
            for variant in variants {
                carts::put_variant(tx, &cart, &variant, 1, now)?;
            }
            Ok(cart)
        })
        .await?;
    Ok(Json(serde_json::json!({ "cart_id": id })))
}

/// Puts a demo seller's contact settings back as seeded.
async fn reset_demo_settings(State(state): State<AppState>, ApiPath(seller_id): ApiPath<String>) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    state
        .db
        .run(move |tx| {
            let settings = demo_settings(&seller_id, now).ok_or_else(|| ApiError::not_found("Not a demo seller."))?;
            contact::save(tx, &seller_id, &settings, now, None)?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
