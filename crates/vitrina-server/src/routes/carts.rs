//! Carts: created on the first "add to cart", kept for 30 days after their last change.

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::ids;
use crate::routes::catalog::{image_url, is_bulky_cart};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::{OptionalExtension, Transaction, params};
use vitrina_core::api::{AddCartLine, Cart, CartLine, MAX_LINE_QUANTITY, UpdateCartLine};
use vitrina_core::civil::{UnixSeconds, format_rfc3339_utc};
use vitrina_core::{Currency, FieldError, Money, ProblemKind};

/// How long an untouched cart is kept.
pub const CART_LIFETIME_SECONDS: i64 = 30 * 86_400;

/// The store's currency; every price in the demo store is in it.
pub const STORE_CURRENCY: &str = "RUB";

/// Creates an empty cart.
#[utoipa::path(post, path = "/api/carts", tag = "cart",
    responses((status = 201, description = "A new, empty cart", body = Cart)))]
pub async fn create_cart(State(state): State<AppState>) -> ApiResult<(StatusCode, Json<Cart>)> {
    let now = state.clock.now();
    let cart = state
        .db
        .run(move |tx| {
            let id = ids::token();
            tx.execute("INSERT INTO carts (id, created_at, updated_at) VALUES (?1, ?2, ?2)", params![id, now])?;
            load_cart(tx, &id, now)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(cart)))
}

/// A cart with its lines and subtotal.
#[utoipa::path(get, path = "/api/carts/{cart_id}", tag = "cart",
    params(("cart_id" = String, Path, description = "The cart's id")),
    responses(
        (status = 200, description = "The cart", body = Cart),
        (status = 404, description = "Unknown or expired cart (`cart-not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn get_cart(State(state): State<AppState>, ApiPath(cart_id): ApiPath<String>) -> ApiResult<Json<Cart>> {
    let now = state.clock.now();
    Ok(Json(state.db.run(move |tx| load_cart(tx, &cart_id, now)).await?))
}

/// Adds a variant to the cart, or more of it if it is already there.
#[utoipa::path(post, path = "/api/carts/{cart_id}/lines", tag = "cart",
    params(("cart_id" = String, Path, description = "The cart's id")),
    request_body = AddCartLine,
    responses(
        (status = 200, description = "The updated cart", body = Cart),
        (status = 404, description = "Unknown cart (`cart-not-found`) or variant (`product-not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "Not enough in stock (`out-of-stock`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "Quantity out of range (`validation`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn add_line(
    State(state): State<AppState>,
    ApiPath(cart_id): ApiPath<String>,
    ApiJson(body): ApiJson<AddCartLine>,
) -> ApiResult<Json<Cart>> {
    let now = state.clock.now();
    let cart = state
        .db
        .run(move |tx| {
            touch_cart(tx, &cart_id, now)?;
            let stock: i64 = tx
                .query_row("SELECT stock FROM variants WHERE id = ?1", [&body.variant_id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| ApiError::detail(ProblemKind::ProductNotFound, "No such product variant."))?;
            let current: i64 = tx
                .query_row(
                    "SELECT quantity FROM cart_lines WHERE cart_id = ?1 AND variant_id = ?2",
                    params![cart_id, body.variant_id],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or(0);
            // Adding nothing is a mistake of the caller's, not a no-op to accept.
            check_quantity(i64::from(body.quantity), i64::MAX)?;
            let wanted = current + i64::from(body.quantity);
            check_quantity(wanted, stock)?;
            tx.execute(
                "INSERT INTO cart_lines (id, cart_id, variant_id, quantity, added_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = excluded.quantity",
                params![ids::random_hex(8), cart_id, body.variant_id, wanted, now],
            )?;
            load_cart(tx, &cart_id, now)
        })
        .await?;
    Ok(Json(cart))
}

/// Sets a line's quantity; 0 removes the line.
#[utoipa::path(patch, path = "/api/carts/{cart_id}/lines/{line_id}", tag = "cart",
    params(("cart_id" = String, Path, description = "The cart's id"), ("line_id" = String, Path, description = "The line's id")),
    request_body = UpdateCartLine,
    responses(
        (status = 200, description = "The updated cart", body = Cart),
        (status = 404, description = "Unknown cart or line", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "Not enough in stock (`out-of-stock`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "Quantity out of range (`validation`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn update_line(
    State(state): State<AppState>,
    ApiPath((cart_id, line_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<UpdateCartLine>,
) -> ApiResult<Json<Cart>> {
    let now = state.clock.now();
    let cart = state
        .db
        .run(move |tx| {
            touch_cart(tx, &cart_id, now)?;
            let stock: i64 = tx
                .query_row(
                    "SELECT v.stock FROM cart_lines l JOIN variants v ON v.id = l.variant_id WHERE l.id = ?1 AND l.cart_id = ?2",
                    params![line_id, cart_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| ApiError::not_found("This item is no longer in the cart."))?;
            if body.quantity == 0 {
                tx.execute("DELETE FROM cart_lines WHERE id = ?1", [&line_id])?;
            } else {
                check_quantity(i64::from(body.quantity), stock)?;
                tx.execute("UPDATE cart_lines SET quantity = ?1 WHERE id = ?2", params![body.quantity, line_id])?;
            }
            load_cart(tx, &cart_id, now)
        })
        .await?;
    Ok(Json(cart))
}

/// Removes a line.
#[utoipa::path(delete, path = "/api/carts/{cart_id}/lines/{line_id}", tag = "cart",
    params(("cart_id" = String, Path, description = "The cart's id"), ("line_id" = String, Path, description = "The line's id")),
    responses(
        (status = 200, description = "The updated cart", body = Cart),
        (status = 404, description = "Unknown cart (`cart-not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn remove_line(State(state): State<AppState>, ApiPath((cart_id, line_id)): ApiPath<(String, String)>) -> ApiResult<Json<Cart>> {
    let now = state.clock.now();
    let cart = state
        .db
        .run(move |tx| {
            touch_cart(tx, &cart_id, now)?;
            // Removing a line that is already gone is not an error: the shopper wanted it gone.
            tx.execute("DELETE FROM cart_lines WHERE id = ?1 AND cart_id = ?2", params![line_id, cart_id])?;
            load_cart(tx, &cart_id, now)
        })
        .await?;
    Ok(Json(cart))
}

fn check_quantity(wanted: i64, stock: i64) -> ApiResult<()> {
    if wanted < 1 || wanted > i64::from(MAX_LINE_QUANTITY) {
        return Err(ApiError::validation(vec![FieldError::new(
            "quantity",
            "quantity_out_of_range",
            &format!("Quantity must be between 1 and {MAX_LINE_QUANTITY}."),
        )]));
    }
    if wanted > stock {
        return Err(ApiError::detail(ProblemKind::OutOfStock, format!("Only {} left in stock.", stock.max(0))));
    }
    Ok(())
}

/// Finds a live cart and records that it was used now; an expired cart is deleted and not found.
fn touch_cart(tx: &Transaction<'_>, cart_id: &str, now: UnixSeconds) -> ApiResult<()> {
    let updated_at = live_cart_updated_at(tx, cart_id, now)?;
    if updated_at != now {
        tx.execute("UPDATE carts SET updated_at = ?1 WHERE id = ?2", params![now, cart_id])?;
    }
    Ok(())
}

fn live_cart_updated_at(tx: &Transaction<'_>, cart_id: &str, now: UnixSeconds) -> ApiResult<UnixSeconds> {
    let updated_at: Option<i64> = tx.query_row("SELECT updated_at FROM carts WHERE id = ?1", [cart_id], |r| r.get(0)).optional()?;
    match updated_at {
        Some(t) if t + CART_LIFETIME_SECONDS > now => Ok(t),
        Some(_) => {
            tx.execute("DELETE FROM carts WHERE id = ?1", [cart_id])?;
            Err(ApiError::new(ProblemKind::CartNotFound))
        }
        None => Err(ApiError::new(ProblemKind::CartNotFound)),
    }
}

/// Reads a cart as the contract describes it.
pub fn load_cart(tx: &Transaction<'_>, cart_id: &str, now: UnixSeconds) -> ApiResult<Cart> {
    let updated_at = live_cart_updated_at(tx, cart_id, now)?;
    let mut stmt = tx.prepare(
        "SELECT l.id, p.id, v.id, v.sku, p.name, v.label, v.price_minor, v.currency, l.quantity, v.stock,
                p.weight_g, p.length_cm, p.width_cm, p.height_cm
         FROM cart_lines l JOIN variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id
         WHERE l.cart_id = ?1 ORDER BY l.added_at, l.rowid",
    )?;
    let mut rows = stmt.query([cart_id])?;
    let mut lines = Vec::new();
    let mut sizes = Vec::new();
    while let Some(r) = rows.next()? {
        let product_id: String = r.get(1)?;
        let unit_price = Money::new(r.get(6)?, &r.get::<_, String>(7)?);
        let quantity: u32 = r.get(8)?;
        let stock: i64 = r.get(9)?;
        sizes.push((r.get(10)?, [r.get(11)?, r.get(12)?, r.get(13)?], i64::from(quantity)));
        lines.push(CartLine {
            id: r.get(0)?,
            image_url: image_url(&product_id),
            product_id,
            variant_id: r.get(2)?,
            sku: r.get(3)?,
            name: r.get(4)?,
            variant_label: r.get(5)?,
            line_total: unit_price.checked_mul(i64::from(quantity))?,
            unit_price,
            quantity,
            max_quantity: stock.clamp(0, i64::from(MAX_LINE_QUANTITY)) as u32,
        });
    }
    let currency = Currency::new(STORE_CURRENCY);
    let subtotal = Money::sum(&currency, lines.iter().map(|l| &l.line_total))?;
    Ok(Cart {
        id: cart_id.to_owned(),
        item_count: lines.iter().map(|l| l.quantity).sum(),
        bulky: is_bulky_cart(sizes),
        lines,
        subtotal,
        expires_at: format_rfc3339_utc(updated_at + CART_LIFETIME_SECONDS),
    })
}
