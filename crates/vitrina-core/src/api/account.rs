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

impl Account {
    /// What a page calls the account: the name it goes by, else its e-mail address.
    pub fn shown_name(&self) -> &str {
        if self.display_name.trim().is_empty() { &self.email } else { &self.display_name }
    }
}

/// `GET /api/session`: who is signed in on this browser (`account` is absent when nobody is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<Account>,
}

#[cfg(test)]
mod tests {
    use super::Account;

    #[test]
    fn an_account_is_called_by_its_name_else_by_its_email() {
        let account =
            |name: &str| Account { email: "anna@example.com".into(), display_name: name.into(), email_verified: true, seller_id: None };
        assert_eq!(account("Anna Nováková").shown_name(), "Anna Nováková");
        assert_eq!(account("").shown_name(), "anna@example.com");
        assert_eq!(account("  ").shown_name(), "anna@example.com");
    }
}
