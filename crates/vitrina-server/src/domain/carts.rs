//! Changing a cart: every change is checked against the stock and the largest quantity a line
//! may have, and counts as using the cart (it is kept 30 days after its last change). The cart
//! answered names its items in the language asked.

use crate::domain::keys::{self, Keyed};
use crate::error::{ApiError, ApiResult};
use crate::store::{carts, catalog};
use rusqlite::Transaction;
use vitrina_core::api::{AddCartLine, Cart, MAX_LINE_QUANTITY};
use vitrina_core::civil::UnixSeconds;
use vitrina_core::{FieldError, ProblemKind};

/// A new, empty cart.
pub fn create(tx: &Transaction<'_>, now: UnixSeconds, language: &str) -> ApiResult<Cart> {
    let id = carts::create(tx, now)?;
    carts::load_cart(tx, &id, now, language)
}

/// Adds a variant to the cart, or more of it if it is already there. A repeat of an addition
/// under its `key` (its answer lost on the way) is answered with the cart as it is now: the
/// shopper's retry does not add the quantity twice.
pub fn add_line(
    tx: &Transaction<'_>,
    cart_id: &str,
    line: &AddCartLine,
    key: Keyed<'_>,
    now: UnixSeconds,
    language: &str,
) -> ApiResult<Cart> {
    carts::touch(tx, cart_id, now)?;
    if keys::earlier_outcome(tx, key)?.is_some() {
        return carts::load_cart(tx, cart_id, now, language);
    }
    keys::remember(tx, key, cart_id, now)?;
    let stock =
        catalog::stock(tx, &line.variant_id)?.ok_or_else(|| ApiError::detail(ProblemKind::ProductNotFound, "No such product variant."))?;
    let current = carts::quantity_of(tx, cart_id, &line.variant_id)?;
    // Adding nothing is a mistake of the caller's, not a no-op to accept.
    check_quantity(&line.variant_id, i64::from(line.quantity), i64::MAX)?;
    let wanted = current + i64::from(line.quantity);
    check_quantity(&line.variant_id, wanted, stock)?;
    carts::put_variant(tx, cart_id, &line.variant_id, wanted, now)?;
    carts::load_cart(tx, cart_id, now, language)
}

/// Sets a line's quantity; 0 removes the line.
pub fn update_line(tx: &Transaction<'_>, cart_id: &str, line_id: &str, quantity: u32, now: UnixSeconds, language: &str) -> ApiResult<Cart> {
    carts::touch(tx, cart_id, now)?;
    let (variant_id, stock) =
        carts::line_stock(tx, cart_id, line_id)?.ok_or_else(|| ApiError::not_found("This item is no longer in the cart."))?;
    if quantity == 0 {
        carts::remove_line(tx, cart_id, line_id)?;
    } else {
        check_quantity(&variant_id, i64::from(quantity), stock)?;
        carts::set_line_quantity(tx, line_id, quantity)?;
    }
    carts::load_cart(tx, cart_id, now, language)
}

/// Removes a line. A line that is already gone is no error: the shopper wanted it gone.
pub fn remove_line(tx: &Transaction<'_>, cart_id: &str, line_id: &str, now: UnixSeconds, language: &str) -> ApiResult<Cart> {
    carts::touch(tx, cart_id, now)?;
    carts::remove_line(tx, cart_id, line_id)?;
    carts::load_cart(tx, cart_id, now, language)
}

fn check_quantity(variant_id: &str, wanted: i64, stock: i64) -> ApiResult<()> {
    if wanted < 1 || wanted > i64::from(MAX_LINE_QUANTITY) {
        return Err(ApiError::validation(vec![FieldError::new(
            "quantity",
            "quantity_out_of_range",
            &format!("Quantity must be between 1 and {MAX_LINE_QUANTITY}."),
        )]));
    }
    if wanted > stock {
        return Err(ApiError::out_of_stock(variant_id, stock));
    }
    Ok(())
}
