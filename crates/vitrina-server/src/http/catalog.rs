//! The catalog: products, their variants, and their pictures (drawn as SVG, so the demo store
//! needs no image files).

use crate::error::{ApiError, ApiResult};
use crate::http::extract::{ApiPath, Language};
use crate::state::AppState;
use crate::store::catalog;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use vitrina_core::ProblemKind;
use vitrina_core::api::{Product, ProductList};

/// Every product, in catalog order.
#[utoipa::path(get, path = "/api/products", tag = "catalog",
    params(("Accept-Language" = Option<String>, Header, description = "The language to name the products in (`sk`, `en-GB,en;q=0.9`); the store's default when it has none of them")),
    responses((status = 200, description = "The catalog", body = ProductList)))]
pub async fn list_products(State(state): State<AppState>, Language(language): Language) -> ApiResult<Json<ProductList>> {
    let products = state.db.run(move |tx| catalog::load_products(tx, None, language)).await?;
    Ok(Json(ProductList { products }))
}

/// One product.
#[utoipa::path(get, path = "/api/products/{product_id}", tag = "catalog",
    params(("product_id" = String, Path, description = "The product's id"), ("Accept-Language" = Option<String>, Header, description = "The language to name the products in (`sk`, `en-GB,en;q=0.9`); the store's default when it has none of them")),
    responses(
        (status = 200, description = "The product", body = Product),
        (status = 404, description = "No such product", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn get_product(
    State(state): State<AppState>,
    Language(language): Language,
    ApiPath(product_id): ApiPath<String>,
) -> ApiResult<Json<Product>> {
    let mut products = state.db.run(move |tx| catalog::load_products(tx, Some(&product_id), language)).await?;
    products.pop().map(Json).ok_or_else(|| ApiError::new(ProblemKind::ProductNotFound))
}

/// A product's picture.
#[utoipa::path(get, path = "/api/images/{file}", tag = "catalog",
    params(("file" = String, Path, description = "`{product_id}.svg`")),
    responses(
        (status = 200, description = "The picture", content_type = "image/svg+xml", body = String),
        (status = 404, description = "No such picture", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn product_image(State(state): State<AppState>, ApiPath(file): ApiPath<String>) -> ApiResult<impl IntoResponse> {
    let no_picture = || ApiError::not_found("No such picture.");
    let product_id = file.strip_suffix(".svg").ok_or_else(no_picture)?.to_owned();
    let (name, colour) = state.db.run(move |tx| catalog::picture(tx, &product_id)).await?.ok_or_else(no_picture)?;
    let initials: String = name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect();
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img"><title>{title}</title><rect width="400" height="400" fill="{colour}"/><circle cx="200" cy="180" r="110" fill="#ffffff" fill-opacity="0.35"/><text x="200" y="215" font-family="sans-serif" font-size="96" text-anchor="middle" fill="#1d1d1f" fill-opacity="0.8">{initials}</text></svg>"##,
        title = escape_xml(&name),
        colour = escape_xml(&colour),
        initials = escape_xml(&initials),
    );
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], svg))
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
