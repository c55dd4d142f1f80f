//! Products as the catalog page shows them.

use crate::Money;
use serde::{Deserialize, Serialize};

/// A product with its purchasable variants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    /// Stable identifier, also used in URLs (`linen-shirt`).
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// URL of the product's picture.
    pub image_url: String,
    /// The seller who ships it.
    pub seller_id: String,
    /// The lowest variant price ("from …").
    pub price_from: Money,
    /// At least one variant; a product without options has one variant with an empty label.
    pub variants: Vec<Variant>,
    /// Heavy or large goods with their own delivery conditions.
    #[serde(default)]
    pub bulky: bool,
}

/// One purchasable version of a product (a size, a colour).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Variant {
    pub id: String,
    /// Stock-keeping unit shown to the shopper.
    pub sku: String,
    /// Size and/or colour in words (`M · Navy`), in the language asked for (`Accept-Language`) where
    /// the backend has it; empty when the product has no options.
    #[serde(default)]
    pub label: String,
    pub price: Money,
    /// How many can still be ordered.
    pub available: u32,
}

/// `GET /api/products`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductList {
    pub products: Vec<Product>,
}
