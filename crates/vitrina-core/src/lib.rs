//! Vitrina's JSON contract and the storefront rules that need no browser.
//!
//! Everything here compiles for both the app (WebAssembly) and the reference server (host), so
//! the two can never disagree about a type, and every rule is tested with plain `cargo test`.
//! The types are the contract: `openapi.json` is generated from them by the server.

// `#[derive(Decode)]` names this crate by its path, also inside it.
extern crate self as vitrina_core;

pub mod api;
pub mod checkout;
pub mod civil;
pub mod contact;
pub mod field;
pub mod json;
pub mod locale;
pub mod mailbox;
pub mod money;
pub mod order;
pub mod parcel;
pub mod problem;
pub mod routes;
pub mod text;
pub mod tracking;
pub mod validate;

pub use field::FieldCode;
pub use money::{Currency, Money};
pub use problem::{FieldError, Problem, ProblemKind, StockShortfall};
