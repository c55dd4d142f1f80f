//! Signing in: a cookie-based session for shoppers and sellers.
//!
//! The session itself is an `HttpOnly` cookie the app never reads; the app learns who is signed
//! in from `GET /api/session`.

use serde::{Deserialize, Serialize};

/// `POST /api/session`: sign in with email and password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignIn {
    pub email: String,
    pub password: String,
    /// The language the account's emails are written in from now on (a BCP 47 tag such as
    /// `sk`); without it the request's `Accept-Language` decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

/// The signed-in account, as the app may know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub email: String,
    /// The name the account goes by.
    #[serde(default)]
    pub display_name: String,
    /// Whether the owner has confirmed the email address.
    #[serde(default)]
    pub email_verified: bool,
    /// The seller (store) this account manages, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seller_id: Option<String>,
}

/// `GET /api/session`: who is signed in on this browser (`account` is absent when nobody is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<Account>,
}
