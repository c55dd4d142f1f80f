//! The catalog: products and their variants.

use crate::error::{ApiError, ApiResult};
use crate::extract::ApiPath;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use rusqlite::Transaction;
use vitrina_core::Money;
use vitrina_core::api::{Product, ProductList, Variant};

/// Bulky goods (PRODUCT.md §1.3): an item over 25 kg, a side over 100 cm, or sides summing over 150 cm.
pub fn is_bulky_item(weight_g: i64, dims_cm: [i64; 3]) -> bool {
    weight_g > 25_000 || dims_cm.iter().any(|&side| side > 100) || dims_cm.iter().sum::<i64>() > 150
}

/// A bulky cart as a whole (PRODUCT.md §1.3): over 65 kg, or over 2 m³, or any bulky item.
pub fn is_bulky_cart(items: impl IntoIterator<Item = (i64, [i64; 3], i64)>) -> bool {
    let (mut weight_g, mut volume_cm3, mut any_bulky) = (0i64, 0i64, false);
    for (item_weight_g, dims_cm, quantity) in items {
        any_bulky |= is_bulky_item(item_weight_g, dims_cm);
        weight_g = weight_g.saturating_add(item_weight_g.saturating_mul(quantity));
        volume_cm3 = volume_cm3.saturating_add((dims_cm[0] * dims_cm[1] * dims_cm[2]).saturating_mul(quantity));
    }
    any_bulky || weight_g > 65_000 || volume_cm3 > 2_000_000
}

/// The URL the app loads a product's picture from.
pub fn image_url(product_id: &str) -> String {
    format!("/api/images/{product_id}.svg")
}

/// Every product, in catalog order.
#[utoipa::path(get, path = "/api/products", tag = "catalog",
    responses((status = 200, description = "The catalog", body = ProductList)))]
pub async fn list_products(State(state): State<AppState>) -> ApiResult<Json<ProductList>> {
    let products = state.db.run(|tx| load_products(tx, None)).await?;
    Ok(Json(ProductList { products }))
}

/// One product.
#[utoipa::path(get, path = "/api/products/{product_id}", tag = "catalog",
    params(("product_id" = String, Path, description = "The product's id")),
    responses(
        (status = 200, description = "The product", body = Product),
        (status = 404, description = "No such product", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn get_product(State(state): State<AppState>, ApiPath(product_id): ApiPath<String>) -> ApiResult<Json<Product>> {
    let mut products = state.db.run(move |tx| load_products(tx, Some(&product_id))).await?;
    products.pop().map(Json).ok_or_else(|| ApiError::new(vitrina_core::ProblemKind::ProductNotFound))
}

fn load_products(tx: &Transaction<'_>, only: Option<&str>) -> ApiResult<Vec<Product>> {
    let mut stmt = tx.prepare(
        "SELECT p.id, p.name, p.description, p.seller_id, p.weight_g, p.length_cm, p.width_cm, p.height_cm,
                v.id, v.sku, v.label, v.price_minor, v.currency, v.stock
         FROM products p JOIN variants v ON v.product_id = p.id
         WHERE ?1 IS NULL OR p.id = ?1
         ORDER BY p.position, v.position",
    )?;
    let mut rows = stmt.query([only])?;
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
                bulky: is_bulky_item(r.get(4)?, [r.get(5)?, r.get(6)?, r.get(7)?]),
                price_from: variant.price.clone(),
                variants: vec![variant],
            }),
        }
    }
    Ok(products)
}

#[cfg(test)]
mod tests {
    use super::{is_bulky_cart, is_bulky_item};

    #[test]
    fn bulky_is_heavy_or_long_or_large_in_sum() {
        assert!(is_bulky_item(95_000, [200, 120, 60]));
        assert!(is_bulky_item(25_001, [10, 10, 10]));
        assert!(!is_bulky_item(25_000, [100, 30, 20]));
        assert!(is_bulky_item(1_000, [101, 10, 10]));
        assert!(is_bulky_item(1_000, [80, 40, 31]));
        assert!(!is_bulky_item(1_000, [80, 40, 30]));
    }

    #[test]
    fn many_small_items_make_a_bulky_cart() {
        assert!(!is_bulky_cart([(1_000, [30, 30, 30], 2)]));
        assert!(is_bulky_cart([(1_000, [30, 30, 30], 66)]), "66 kg");
        assert!(is_bulky_cart([(100, [50, 50, 50], 17)]), "over 2 m³");
        assert!(is_bulky_cart([(95_000, [200, 120, 60], 1)]));
    }
}
