//! Carts: created on the first "add to cart", kept for 30 days after their last change.

use crate::domain::{carts, keys};
use crate::error::ApiResult;
use crate::http::extract::{ApiJson, ApiPath, ClientIp, Language, action_key};
use crate::state::AppState;
use crate::store::carts::load_cart;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use vitrina_core::api::{AddCartLine, Cart, UpdateCartLine};

/// Creates an empty cart; at most ten per order a client network may place (`--order-limit`) in
/// 10 minutes.
#[utoipa::path(post, path = "/api/carts", tag = "cart",
    params(("Accept-Language" = Option<String>, Header, description = "The language to name the products in (`sk`, `en-GB,en;q=0.9`); the store's default when it has none of them")),
    responses(
        (status = 201, description = "A new, empty cart", body = Cart),
        (status = 429, description = "Too many new carts from this network in 10 minutes (`rate-limited`, with `Retry-After`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn create_cart(
    State(state): State<AppState>,
    client: ClientIp,
    Language(language): Language,
) -> ApiResult<(StatusCode, Json<Cart>)> {
    let now = state.clock.now();
    state.limits.carts_per_client.admit(&client.key(), now)?;
    let cart = state.db.run(move |tx| carts::create(tx, now, language)).await?;
    Ok((StatusCode::CREATED, Json(cart)))
}

/// A cart with its lines and subtotal.
#[utoipa::path(get, path = "/api/carts/{cart_id}", tag = "cart",
    params(("Accept-Language" = Option<String>, Header, description = "The language to name the products in (`sk`, `en-GB,en;q=0.9`); the store's default when it has none of them"), ("cart_id" = String, Path, description = "The cart's id")),
    responses(
        (status = 200, description = "The cart", body = Cart),
        (status = 404, description = "Unknown or expired cart (`cart-not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn get_cart(
    State(state): State<AppState>,
    Language(language): Language,
    ApiPath(cart_id): ApiPath<String>,
) -> ApiResult<Json<Cart>> {
    let now = state.clock.now();
    Ok(Json(state.db.run(move |tx| load_cart(tx, &cart_id, now, language)).await?))
}

/// The `Idempotency-Key` header of an addition to a cart.
const ADD_KEY_DOC: &str = "Optional: a fresh random key per addition the shopper makes; repeat it to retry that addition safely. A \
repeat whose first attempt was carried out (its answer lost on the way) is answered with the cart as it is now, instead of adding \
the quantity twice";

/// Adds a variant to the cart, or more of it if it is already there.
#[utoipa::path(post, path = "/api/carts/{cart_id}/lines", tag = "cart",
    params(("Accept-Language" = Option<String>, Header, description = "The language to name the products in (`sk`, `en-GB,en;q=0.9`); the store's default when it has none of them"), ("cart_id" = String, Path, description = "The cart's id"),
        ("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 200, pattern = "^[!-~]([ -~]*[!-~])?$", description = ADD_KEY_DOC)),
    request_body = AddCartLine,
    responses(
        (status = 200, description = "The updated cart", body = Cart),
        (status = 400, description = "An Idempotency-Key that is not 1 to 200 printable characters (`idempotency-key-missing`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 404, description = "Unknown cart (`cart-not-found`) or variant (`product-not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "Not enough in stock (`out-of-stock`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "Quantity out of range (`validation`), or the key was used for another request (`idempotency-key-reused`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn add_line(
    State(state): State<AppState>,
    Language(language): Language,
    ApiPath(cart_id): ApiPath<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<AddCartLine>,
) -> ApiResult<Json<Cart>> {
    let key = action_key(&headers)?;
    let hash = keys::request_hash("cart-line", &(&cart_id, &body));
    let now = state.clock.now();
    Ok(Json(state.db.run(move |tx| carts::add_line(tx, &cart_id, &body, key.as_deref().map(|k| (k, hash.as_str())), now, language)).await?))
}

/// Sets a line's quantity; 0 removes the line.
#[utoipa::path(patch, path = "/api/carts/{cart_id}/lines/{line_id}", tag = "cart",
    params(("Accept-Language" = Option<String>, Header, description = "The language to name the products in (`sk`, `en-GB,en;q=0.9`); the store's default when it has none of them"), ("cart_id" = String, Path, description = "The cart's id"), ("line_id" = String, Path, description = "The line's id")),
    request_body = UpdateCartLine,
    responses(
        (status = 200, description = "The updated cart", body = Cart),
        (status = 404, description = "Unknown cart or line", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "Not enough in stock (`out-of-stock`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "Quantity out of range (`validation`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn update_line(
    State(state): State<AppState>,
    Language(language): Language,
    ApiPath((cart_id, line_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<UpdateCartLine>,
) -> ApiResult<Json<Cart>> {
    let now = state.clock.now();
    Ok(Json(state.db.run(move |tx| carts::update_line(tx, &cart_id, &line_id, body.quantity, now, language)).await?))
}

/// Removes a line.
#[utoipa::path(delete, path = "/api/carts/{cart_id}/lines/{line_id}", tag = "cart",
    params(("Accept-Language" = Option<String>, Header, description = "The language to name the products in (`sk`, `en-GB,en;q=0.9`); the store's default when it has none of them"), ("cart_id" = String, Path, description = "The cart's id"), ("line_id" = String, Path, description = "The line's id")),
    responses(
        (status = 200, description = "The updated cart", body = Cart),
        (status = 404, description = "Unknown cart (`cart-not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn remove_line(
    State(state): State<AppState>,
    Language(language): Language,
    ApiPath((cart_id, line_id)): ApiPath<(String, String)>,
) -> ApiResult<Json<Cart>> {
    let now = state.clock.now();
    Ok(Json(state.db.run(move |tx| carts::remove_line(tx, &cart_id, &line_id, now, language)).await?))
}
