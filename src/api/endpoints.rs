//! One typed function per endpoint of the contract.

use super::{Api, ApiError};
use gloo_net::http::Method;
use vitrina_core::api::{
    AddCartLine, CancellationRequest, Cart, CheckoutDraft, LineQuantity, Order, OrderAccess, OrderLookup, PaymentStep, PlaceOrder,
    PlacedOrder, ProductList, Quote, Shipment, ShipmentList, StartPayment, SubstitutionAnswer, UpdateCartLine,
};
use vitrina_core::api::{
    ContactSettingsDocument, MessageReceipt, NewContactMessage, SaveContactSettings, SellerContact, SessionState, SignIn,
};

/// Percent-encodes a value for use as one path segment (or query value).
pub fn segment(value: &str) -> String {
    vitrina_core::routes::encode_component(value)
}

/// The one field of a [`Cart`] the header's badge reads (the others are skipped unread).
#[derive(Debug, Clone, Copy, vitrina_core::json::Decode)]
pub struct CartItemCount {
    pub item_count: u32,
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

    /// Only the cart's number of items (for the header's badge outside the shop).
    pub async fn cart_count(&self, cart_id: &str) -> Result<CartItemCount, ApiError> {
        self.get(&format!("/carts/{}", segment(cart_id))).await
    }

    /// Adds a line under `idempotency_key` (the same for a retry of the same addition).
    pub async fn add_to_cart(&self, cart_id: &str, line: &AddCartLine, idempotency_key: &str) -> Result<Cart, ApiError> {
        let path = format!("/carts/{}/lines", segment(cart_id));
        self.send(Method::POST, &path, Some(line), &[("Idempotency-Key", idempotency_key)]).await
    }

    pub async fn set_quantity(&self, cart_id: &str, line_id: &str, quantity: u32) -> Result<Cart, ApiError> {
        let path = format!("/carts/{}/lines/{}", segment(cart_id), segment(line_id));
        self.send(Method::PATCH, &path, Some(&UpdateCartLine { quantity }), &[]).await
    }

    pub async fn remove_line(&self, cart_id: &str, line_id: &str) -> Result<Cart, ApiError> {
        let path = format!("/carts/{}/lines/{}", segment(cart_id), segment(line_id));
        self.send::<(), _>(Method::DELETE, &path, None, &[]).await
    }

    pub async fn quote(&self, draft: &CheckoutDraft) -> Result<Quote, ApiError> {
        self.send(Method::POST, "/checkout/quote", Some(draft), &[]).await
    }

    /// Places the order; `idempotency_key` identifies this attempt (repeat it to retry safely).
    pub async fn place_order(&self, order: &PlaceOrder, idempotency_key: &str) -> Result<PlacedOrder, ApiError> {
        self.send(Method::POST, "/orders", Some(order), &[("Idempotency-Key", idempotency_key)]).await
    }

    pub async fn start_payment(&self, number: &str, access_token: &str) -> Result<PaymentStep, ApiError> {
        let body = StartPayment { access_token: access_token.to_owned() };
        self.send(Method::POST, &format!("/orders/{}/payments", segment(number)), Some(&body), &[]).await
    }

    pub async fn order(&self, number: &str, token: &str) -> Result<Order, ApiError> {
        self.get(&format!("/orders/{}?token={}", segment(number), segment(token))).await
    }

    pub async fn lookup_order(&self, number: &str, email: &str) -> Result<OrderAccess, ApiError> {
        let body = OrderLookup { number: number.to_owned(), email: email.to_owned() };
        self.send(Method::POST, "/orders/lookup", Some(&body), &[]).await
    }

    /// Cancels (or, after receipt, asks to return) the chosen `lines`, or the whole order when
    /// there are none; `idempotency_key` identifies the shopper's request (repeat it to retry
    /// safely: one carried out whose answer was lost is not carried out twice).
    pub async fn request_cancellation(
        &self,
        number: &str,
        token: &str,
        lines: Vec<LineQuantity>,
        idempotency_key: &str,
    ) -> Result<Order, ApiError> {
        let body = CancellationRequest { access_token: token.to_owned(), lines };
        self.send(Method::POST, &format!("/orders/{}/cancellation", segment(number)), Some(&body), &[("Idempotency-Key", idempotency_key)])
            .await
    }

    /// Accepts or declines the seller's proposal for a line; `idempotency_key` as for a
    /// cancellation.
    pub async fn answer_substitution(
        &self,
        number: &str,
        line_id: &str,
        token: &str,
        accept: bool,
        idempotency_key: &str,
    ) -> Result<Order, ApiError> {
        let body = SubstitutionAnswer { access_token: token.to_owned(), accept };
        let path = format!("/orders/{}/lines/{}/substitution", segment(number), segment(line_id));
        self.send(Method::POST, &path, Some(&body), &[("Idempotency-Key", idempotency_key)]).await
    }

    /// A shipment's journey, read into phases (`GET /shipments/{tracking_number}`).
    pub async fn shipment(&self, tracking_number: &str) -> Result<Shipment, ApiError> {
        self.get(&format!("/shipments/{}", segment(tracking_number))).await
    }

    /// The shipments of an order, without their events (`GET /shipments?order=`); the order's
    /// access token opens a store order's list.
    pub async fn order_shipments(&self, order_number: &str, token: Option<&str>) -> Result<ShipmentList, ApiError> {
        let token = token.map(|t| format!("&token={}", segment(t))).unwrap_or_default();
        self.get(&format!("/shipments?order={}{token}", segment(order_number))).await
    }
}

/// Signing in, and the seller contact widget, settings and form.
impl Api {
    pub async fn session(&self) -> Result<SessionState, ApiError> {
        self.get("/session").await
    }

    pub async fn sign_in(&self, credentials: &SignIn) -> Result<SessionState, ApiError> {
        self.send(Method::POST, "/session", Some(credentials), &[]).await
    }

    pub async fn sign_out(&self) -> Result<SessionState, ApiError> {
        self.send::<(), _>(Method::DELETE, "/session", None, &[]).await
    }

    pub async fn seller_contact(&self, seller_id: &str) -> Result<SellerContact, ApiError> {
        self.get(&format!("/sellers/{}/contact", segment(seller_id))).await
    }

    pub async fn contact_settings(&self, seller_id: &str) -> Result<ContactSettingsDocument, ApiError> {
        self.get(&format!("/sellers/{}/contact-settings", segment(seller_id))).await
    }

    pub async fn save_contact_settings(&self, seller_id: &str, save: &SaveContactSettings) -> Result<ContactSettingsDocument, ApiError> {
        let path = format!("/sellers/{}/contact-settings", segment(seller_id));
        self.send(Method::PUT, &path, Some(save), &[]).await
    }

    /// Sends a message under `idempotency_key` (the same for a retry of the same message).
    pub async fn send_contact_message(
        &self,
        seller_id: &str,
        message: &NewContactMessage,
        idempotency_key: &str,
    ) -> Result<MessageReceipt, ApiError> {
        let path = format!("/sellers/{}/messages", segment(seller_id));
        self.send(Method::POST, &path, Some(message), &[("Idempotency-Key", idempotency_key)]).await
    }
}
