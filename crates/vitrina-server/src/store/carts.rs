//! Carts and their lines. A cart is kept for 30 days after its last change; after that it is
//! not found, and the purge (`domain::purge`) deletes it.

use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::policy::PARCEL_LIMITS;
use crate::store::catalog::{self, image_url};
use rusqlite::{OptionalExtension, Transaction, params};
use vitrina_core::api::{Cart, CartLine, MAX_LINE_QUANTITY};
use vitrina_core::civil::{UnixSeconds, format_rfc3339_utc};
use vitrina_core::parcel::ParcelClass;
use vitrina_core::{Currency, Money, ProblemKind};

/// How long an untouched cart is kept.
pub const CART_LIFETIME_SECONDS: i64 = 30 * 86_400;

/// The store's currency: the one its catalogue is priced in (every price of a store is in one).
fn store_currency(tx: &Transaction<'_>) -> ApiResult<Currency> {
    let code: Option<String> = tx.query_row("SELECT currency FROM variants ORDER BY rowid LIMIT 1", [], |r| r.get(0)).optional()?;
    Ok(Currency::new(code.as_deref().unwrap_or("XXX")))
}

/// Creates an empty cart; returns its id.
pub fn create(tx: &Transaction<'_>, now: UnixSeconds) -> ApiResult<String> {
    let id = ids::token();
    tx.execute("INSERT INTO carts (id, created_at, updated_at) VALUES (?1, ?2, ?2)", params![id, now])?;
    Ok(id)
}

/// Finds a live cart and records that it was used now; an expired cart is deleted and not found.
pub fn touch(tx: &Transaction<'_>, cart_id: &str, now: UnixSeconds) -> ApiResult<()> {
    let updated_at = live_cart_updated_at(tx, cart_id, now)?;
    if updated_at != now {
        tx.execute("UPDATE carts SET updated_at = ?1 WHERE id = ?2", params![now, cart_id])?;
    }
    Ok(())
}

fn live_cart_updated_at(tx: &Transaction<'_>, cart_id: &str, now: UnixSeconds) -> ApiResult<UnixSeconds> {
    let updated_at: Option<i64> = tx.query_row("SELECT updated_at FROM carts WHERE id = ?1", [cart_id], |r| r.get(0)).optional()?;
    // An expired cart is not deleted here: the refusal rolls the transaction back anyway.
    match updated_at {
        Some(t) if t + CART_LIFETIME_SECONDS > now => Ok(t),
        _ => Err(ApiError::new(ProblemKind::CartNotFound)),
    }
}

/// Deletes carts untouched for their lifetime, with their lines; how many.
pub fn purge(tx: &Transaction<'_>, now: UnixSeconds) -> ApiResult<usize> {
    Ok(tx.execute("DELETE FROM carts WHERE updated_at <= ?1", [now - CART_LIFETIME_SECONDS])?)
}

/// Reads a cart as the contract describes it.
pub fn load_cart(tx: &Transaction<'_>, cart_id: &str, now: UnixSeconds, language: &str) -> ApiResult<Cart> {
    let updated_at = live_cart_updated_at(tx, cart_id, now)?;
    let mut stmt = tx.prepare(&format!(
        "SELECT l.id, p.id, v.id, v.sku, {}, {}, v.price_minor, v.currency, l.quantity, v.stock,
                p.weight_g, p.length_cm, p.width_cm, p.height_cm
         FROM cart_lines l JOIN variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id
         WHERE l.cart_id = ?1 ORDER BY l.added_at, l.rowid",
        catalog::product_name_in("?2"),
        catalog::variant_label_in("?2"),
    ))?;
    let mut rows = stmt.query(params![cart_id, language])?;
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
    let class = PARCEL_LIMITS.cart(sizes);
    let currency = store_currency(tx)?;
    let subtotal = Money::sum(&currency, lines.iter().map(|l| &l.line_total))?;
    Ok(Cart {
        id: cart_id.to_owned(),
        item_count: lines.iter().map(|l| l.quantity).sum(),
        bulky: class != ParcelClass::Standard,
        oversize: class == ParcelClass::Oversize,
        lines,
        subtotal,
        expires_at: format_rfc3339_utc(updated_at + CART_LIFETIME_SECONDS),
    })
}

/// How many of a variant the cart holds (0 if none).
pub fn quantity_of(tx: &Transaction<'_>, cart_id: &str, variant_id: &str) -> ApiResult<i64> {
    let quantity: Option<i64> = tx
        .query_row("SELECT quantity FROM cart_lines WHERE cart_id = ?1 AND variant_id = ?2", params![cart_id, variant_id], |r| r.get(0))
        .optional()?;
    Ok(quantity.unwrap_or(0))
}

/// Puts `quantity` of a variant in the cart: a new line, or the new quantity of its line.
pub fn put_variant(tx: &Transaction<'_>, cart_id: &str, variant_id: &str, quantity: i64, now: UnixSeconds) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO cart_lines (id, cart_id, variant_id, quantity, added_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = excluded.quantity",
        params![ids::random_hex(8), cart_id, variant_id, quantity, now],
    )?;
    Ok(())
}

/// The variant on a line of this cart and its stock; `None` if the cart has no such line.
pub fn line_stock(tx: &Transaction<'_>, cart_id: &str, line_id: &str) -> ApiResult<Option<(String, i64)>> {
    Ok(tx
        .query_row(
            "SELECT v.id, v.stock FROM cart_lines l JOIN variants v ON v.id = l.variant_id WHERE l.id = ?1 AND l.cart_id = ?2",
            params![line_id, cart_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Sets the quantity of a line.
pub fn set_line_quantity(tx: &Transaction<'_>, line_id: &str, quantity: u32) -> ApiResult<()> {
    tx.execute("UPDATE cart_lines SET quantity = ?1 WHERE id = ?2", params![quantity, line_id])?;
    Ok(())
}

/// Removes a line from the cart (nothing happens if it is not there).
pub fn remove_line(tx: &Transaction<'_>, cart_id: &str, line_id: &str) -> ApiResult<()> {
    tx.execute("DELETE FROM cart_lines WHERE id = ?1 AND cart_id = ?2", params![line_id, cart_id])?;
    Ok(())
}

/// The order this cart became, if it did.
pub fn order_of(tx: &Transaction<'_>, cart_id: &str) -> ApiResult<Option<i64>> {
    Ok(tx.query_row("SELECT order_number FROM carts WHERE id = ?1", [cart_id], |r| r.get(0)).optional()?.flatten())
}

/// Records that the cart became order `number` (a cart becomes at most one order).
pub fn mark_ordered(tx: &Transaction<'_>, cart_id: &str, number: i64) -> ApiResult<()> {
    tx.execute("UPDATE carts SET order_number = ?1 WHERE id = ?2", params![number, cart_id])?;
    Ok(())
}
