//! The domain layer: what the reference store decides, as units of work over a transaction (a
//! quote, placing an order exactly once, cancelling and what else happens to an order afterwards,
//! substitutions, signing in, a seller's settings, the emails it writes, the back office moving
//! orders along). The pure rules shared with the app stay in
//! `vitrina_core`; this layer applies them to what `store` reads and writes.
//!
//! May use: `store`, the foundation modules and `vitrina_core`. Never `http` (`tests/layers.rs`
//! checks): nothing here knows about requests, headers or status codes.

pub mod carts;
pub mod checkout;
pub mod contact;
pub mod emails;
pub mod gateway;
pub mod keys;
pub mod lifecycle;
pub mod mailer;
pub mod orders;
pub mod progress;
pub mod purge;
pub mod session;
pub mod substitutions;
