//! The JSON contract between the app and any backend, one module per area.
//!
//! Field names are the wire names. Enums that a backend may extend decode unknown values to an
//! `Unknown` variant instead of failing, so a newer backend never breaks an older app.

pub mod account;
pub mod address;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod config;
pub mod contact;
pub mod order;
pub mod response;
pub mod tracking;

pub use account::*;
pub use address::*;
pub use cart::*;
pub use catalog::*;
pub use checkout::*;
pub use config::*;
pub use contact::*;
pub use order::*;
pub use response::{ApiError, announced_too_large, decode_response};
pub use tracking::*;

use serde::{Deserialize, Serialize};

/// `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `ok` when the server and its database answer.
    pub status: String,
    /// The server's version.
    pub version: String,
}
