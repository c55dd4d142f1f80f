//! The catalog: products, their variants, prices and stock.

use crate::error::ApiResult;
use crate::policy::PARCEL_LIMITS;
use rusqlite::{OptionalExtension, Transaction, params};
use vitrina_core::Money;
use vitrina_core::api::{Product, Variant};
use vitrina_core::parcel::ParcelClass;

/// The URL the app loads a product's picture from.
pub fn image_url(product_id: &str) -> String {
    format!("/api/images/{product_id}.svg")
}

/// SQL for the name of the product `p` in `language` (a parameter or a column), else its own
/// (`products.name`, the catalogue's language).
pub fn product_name_in(language: &str) -> String {
    format!("COALESCE((SELECT n.name FROM product_names n WHERE n.product_id = p.id AND n.locale = {language}), p.name)")
}

/// SQL for the label of the variant `v` in `language` (a parameter or a column), else its own.
pub fn variant_label_in(language: &str) -> String {
    format!("COALESCE((SELECT t.label FROM variant_labels t WHERE t.variant_id = v.id AND t.locale = {language}), v.label)")
}

/// Every product in catalog order, or only the one with id `only`, named in `language` where the
/// catalogue has a name in it.
pub fn load_products(tx: &Transaction<'_>, only: Option<&str>, language: &str) -> ApiResult<Vec<Product>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT p.id, {name}, p.description, p.seller_id, p.weight_g, p.length_cm, p.width_cm, p.height_cm,
                v.id, v.sku, {label}, v.price_minor, v.currency, v.stock
         FROM products p JOIN variants v ON v.product_id = p.id
         WHERE ?1 IS NULL OR p.id = ?1
         ORDER BY p.position, v.position",
        name = product_name_in("?2"),
        label = variant_label_in("?2"),
    ))?;
    let mut rows = stmt.query(rusqlite::params![only, language])?;
    let mut products: Vec<Product> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let variant = Variant {
            id: r.get(8)?,
            sku: r.get(9)?,
            label: r.get(10)?,
            price: Money::new(r.get(11)?, &r.get::<_, String>(12)?),
            available: r.get::<_, i64>(13)?.max(0) as u32,
        };
        match products.last_mut() {
            Some(p) if p.id == id => {
                if variant.price.amount_minor < p.price_from.amount_minor {
                    p.price_from = variant.price.clone();
                }
                p.variants.push(variant);
            }
            _ => products.push(Product {
                image_url: image_url(&id),
                id,
                name: r.get(1)?,
                description: r.get(2)?,
                seller_id: r.get(3)?,
                bulky: PARCEL_LIMITS.item(r.get(4)?, [r.get(5)?, r.get(6)?, r.get(7)?]) != ParcelClass::Standard,
                price_from: variant.price.clone(),
                variants: vec![variant],
            }),
        }
    }
    Ok(products)
}

/// A product's name and colour, which its picture is drawn from.
pub fn picture(tx: &Transaction<'_>, product_id: &str) -> ApiResult<Option<(String, String)>> {
    Ok(tx.query_row("SELECT name, colour FROM products WHERE id = ?1", [product_id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

/// The seller who sells a product.
pub fn seller_of(tx: &Transaction<'_>, product_id: &str) -> ApiResult<String> {
    Ok(tx.query_row("SELECT seller_id FROM products WHERE id = ?1", [product_id], |r| r.get(0))?)
}

/// How many of a variant are in stock; `None` if there is no such variant.
pub fn stock(tx: &Transaction<'_>, variant_id: &str) -> ApiResult<Option<i64>> {
    Ok(tx.query_row("SELECT stock FROM variants WHERE id = ?1", [variant_id], |r| r.get(0)).optional()?)
}

/// Takes `quantity` of a variant out of stock if that many are there; whether it did.
pub fn take_stock(tx: &Transaction<'_>, variant_id: &str, quantity: u32) -> ApiResult<bool> {
    let taken = tx.execute("UPDATE variants SET stock = stock - ?1 WHERE id = ?2 AND stock >= ?1", params![quantity, variant_id])?;
    Ok(taken > 0)
}

/// Puts `quantity` of a variant back in stock (an order that will not take it after all).
pub fn restock(tx: &Transaction<'_>, variant_id: &str, quantity: u32) -> ApiResult<()> {
    tx.execute("UPDATE variants SET stock = stock + ?1 WHERE id = ?2", params![quantity, variant_id])?;
    Ok(())
}

/// A variant as a line of an order would hold it.
pub struct VariantItem {
    pub variant_id: String,
    pub product_id: String,
    pub seller_id: String,
    pub sku: String,
    pub name: String,
    pub label: String,
    pub price: Money,
    pub stock: i64,
}

/// A variant with its product, if there is one with this id, named in `language` where the
/// catalogue has its words.
pub fn variant_item(tx: &Transaction<'_>, variant_id: &str, language: &str) -> ApiResult<Option<VariantItem>> {
    Ok(tx
        .query_row(
            &format!(
                "SELECT v.id, p.id, p.seller_id, v.sku, {}, {}, v.price_minor, v.currency, v.stock
                 FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?1",
                product_name_in("?2"),
                variant_label_in("?2"),
            ),
            [variant_id, language],
            |r| {
                Ok(VariantItem {
                    variant_id: r.get(0)?,
                    product_id: r.get(1)?,
                    seller_id: r.get(2)?,
                    sku: r.get(3)?,
                    name: r.get(4)?,
                    label: r.get(5)?,
                    price: Money::new(r.get(6)?, &r.get::<_, String>(7)?),
                    stock: r.get(8)?,
                })
            },
        )
        .optional()?)
}

/// Sets a variant's price; whether the variant exists.
pub fn set_price(tx: &Transaction<'_>, variant_id: &str, price_minor: i64) -> ApiResult<bool> {
    Ok(tx.execute("UPDATE variants SET price_minor = ?1 WHERE id = ?2", params![price_minor, variant_id])? > 0)
}

/// Sets a variant's stock; whether the variant exists.
pub fn set_stock(tx: &Transaction<'_>, variant_id: &str, stock: i64) -> ApiResult<bool> {
    Ok(tx.execute("UPDATE variants SET stock = ?1 WHERE id = ?2", params![stock, variant_id])? > 0)
}

/// The variant ids of the fabric swatch that a long cart for measuring is made of: the product
/// and its first `count` variants are added to the catalog once.
pub fn bench_swatches(tx: &Transaction<'_>, count: u32) -> ApiResult<Vec<String>> {
    tx.execute(
        "INSERT OR IGNORE INTO products (id, seller_id, name, description, colour, weight_g, length_cm, width_cm, height_cm, position)
         VALUES ('bench-swatch', 'demo-seller', 'Fabric swatch', 'A sample for measuring long carts.', '#cccccc', 10, 10, 10, 1, 999)",
        [],
    )?;
    let mut ids = Vec::new();
    for i in 0..count {
        let id = format!("bench-swatch-{i}");
        tx.execute(
            "INSERT OR IGNORE INTO variants (id, product_id, sku, label, price_minor, currency, stock, position)
             VALUES (?1, 'bench-swatch', ?2, ?3, 10000, 'RUB', 999, ?4)",
            params![id, format!("BENCH-{i:03}"), format!("Shade {i}"), i],
        )?;
        ids.push(id);
    }
    Ok(ids)
}
