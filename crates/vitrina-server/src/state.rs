//! What every handler can reach.

use crate::clock::Clock;
use crate::db::Db;
use crate::options::ServerOptions;
use crate::ratelimit::RateLimiter;
use crate::routes::contact::ContactLimits;
use crate::routes::session::SignInLimits;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    pub options: Arc<ServerOptions>,
    pub limits: Limits,
    /// The contact form's limits per sender and per network address.
    pub contact_limits: ContactLimits,
    /// Sign-in attempts per email address.
    pub sign_in_limits: SignInLimits,
}

/// The server's rate limits for guest order lookups.
#[derive(Clone)]
pub struct Limits {
    /// Guest order lookups per order number (guessing the email of one order).
    pub lookup_by_order: RateLimiter,
    /// Guest order lookups per client address (guessing many orders).
    pub lookup_by_ip: RateLimiter,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { lookup_by_order: RateLimiter::new(5, 600), lookup_by_ip: RateLimiter::new(20, 600) }
    }
}
