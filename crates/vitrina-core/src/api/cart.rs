//! The cart: it lives on the backend; the app keeps only its id.

use crate::Money;
use serde::{Deserialize, Serialize};

/// Most of one variant a cart may hold.
pub const MAX_LINE_QUANTITY: u32 = 99;

/// A shopping cart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cart {
    /// Unguessable identifier; whoever has it can use the cart.
    pub id: String,
    pub lines: Vec<CartLine>,
    /// Sum of the lines, before delivery and discounts.
    pub subtotal: Money,
    /// Number of items (sum of quantities).
    pub item_count: u32,
    /// Whether anything in the cart is bulky (delivery conditions apply).
    #[serde(default)]
    pub bulky: bool,
    /// Whether something in it is beyond what the carrier takes even as bulky goods (over 120 kg).
    #[serde(default)]
    pub oversize: bool,
    /// When the cart expires if left untouched (RFC 3339).
    pub expires_at: String,
}

/// One product variant in the cart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartLine {
    pub id: String,
    pub product_id: String,
    pub variant_id: String,
    pub sku: String,
    pub name: String,
    #[serde(default)]
    pub variant_label: String,
    pub image_url: String,
    pub unit_price: Money,
    pub quantity: u32,
    pub line_total: Money,
    /// The most the shopper can set the quantity to (stock, and the per-line limit).
    pub max_quantity: u32,
}

/// `POST /api/carts/{cart_id}/lines`: adds a variant (or more of one already in the cart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddCartLine {
    pub variant_id: String,
    /// How many to add (the line may hold at most 99).
    #[serde(default = "one")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 99))]
    pub quantity: u32,
}

fn one() -> u32 {
    1
}

/// `PATCH /api/carts/{cart_id}/lines/{line_id}`: sets a line's quantity (0 removes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateCartLine {
    /// The line's new quantity, at most 99; 0 removes the line.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 99))]
    pub quantity: u32,
}
