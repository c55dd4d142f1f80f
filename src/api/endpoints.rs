//! One typed function per endpoint of the contract.

use super::{Api, ApiError};
use gloo_net::http::Method;
use vitrina_core::api::{AddCartLine, Cart, ProductList, UpdateCartLine};
use vitrina_core::api::{
    ContactSettingsDocument, MessageReceipt, NewContactMessage, SaveContactSettings, SellerContact,
    SessionState, SignIn,
};

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
}

/// Signing in, and the seller contact widget, settings and form.
impl Api {
    pub async fn session(&self) -> Result<SessionState, ApiError> {
        self.get("/session").await
    }

    pub async fn sign_in(&self, credentials: &SignIn) -> Result<SessionState, ApiError> {
        self.send(Method::POST, "/session", Some(credentials), &[])
            .await
    }

    pub async fn sign_out(&self) -> Result<SessionState, ApiError> {
        self.send::<(), _>(Method::DELETE, "/session", None, &[])
            .await
    }

    pub async fn seller_contact(&self, seller_id: &str) -> Result<SellerContact, ApiError> {
        self.get(&format!("/sellers/{}/contact", segment(seller_id)))
            .await
    }

    pub async fn contact_settings(
        &self,
        seller_id: &str,
    ) -> Result<ContactSettingsDocument, ApiError> {
        self.get(&format!("/sellers/{}/contact-settings", segment(seller_id)))
            .await
    }

    pub async fn save_contact_settings(
        &self,
        seller_id: &str,
        save: &SaveContactSettings,
    ) -> Result<ContactSettingsDocument, ApiError> {
        let path = format!("/sellers/{}/contact-settings", segment(seller_id));
        self.send(Method::PUT, &path, Some(save), &[]).await
    }

    pub async fn send_contact_message(
        &self,
        seller_id: &str,
        message: &NewContactMessage,
    ) -> Result<MessageReceipt, ApiError> {
        let path = format!("/sellers/{}/messages", segment(seller_id));
        self.send(Method::POST, &path, Some(message), &[]).await
    }
}
