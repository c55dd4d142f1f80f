//! One typed function per endpoint of the contract.

use super::{Api, ApiError};
use gloo_net::http::Method;
use vitrina_core::api::{AddCartLine, Cart, ProductList, Shipment, ShipmentList, UpdateCartLine};

/// Percent-encodes a value for use as one path segment.
pub fn segment(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

impl Api {
    pub async fn products(&self) -> Result<ProductList, ApiError> {
        self.get("/products").await
    }

    pub async fn create_cart(&self) -> Result<Cart, ApiError> {
        self.send::<(), _>(Method::POST, "/carts", None, &[]).await
    }

    pub async fn cart(&self, cart_id: &str) -> Result<Cart, ApiError> {
        self.get(&format!("/carts/{}", segment(cart_id))).await
    }

    pub async fn add_to_cart(&self, cart_id: &str, line: &AddCartLine) -> Result<Cart, ApiError> {
        self.send(
            Method::POST,
            &format!("/carts/{}/lines", segment(cart_id)),
            Some(line),
            &[],
        )
        .await
    }

    pub async fn set_quantity(
        &self,
        cart_id: &str,
        line_id: &str,
        quantity: u32,
    ) -> Result<Cart, ApiError> {
        let path = format!("/carts/{}/lines/{}", segment(cart_id), segment(line_id));
        self.send(
            Method::PATCH,
            &path,
            Some(&UpdateCartLine { quantity }),
            &[],
        )
        .await
    }

    pub async fn remove_line(&self, cart_id: &str, line_id: &str) -> Result<Cart, ApiError> {
        let path = format!("/carts/{}/lines/{}", segment(cart_id), segment(line_id));
        self.send::<(), _>(Method::DELETE, &path, None, &[]).await
    }

    /// A shipment's journey, read into phases (`GET /shipments/{tracking_number}`).
    pub async fn shipment(&self, tracking_number: &str) -> Result<Shipment, ApiError> {
        self.get(&format!("/shipments/{}", segment(tracking_number)))
            .await
    }

    /// The shipments of an order, without their events (`GET /shipments?order=`).
    pub async fn order_shipments(&self, order_number: &str) -> Result<ShipmentList, ApiError> {
        self.get(&format!("/shipments?order={}", segment(order_number)))
            .await
    }
}
