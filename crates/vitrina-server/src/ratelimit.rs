//! Every rate limit of the server, in one place: [`Limits`], owned by the app state. Fixed windows
//! per key (an email address, an IP, an order number), in memory, counted on the server's clock
//! (so the test hooks that move it move the windows too). Enough for one reference server; a real
//! deployment would share the counts.
//!
//! Foundation: used by the HTTP layer; uses `error`.

use crate::error::{ApiError, ApiResult};
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Arc, Mutex};
use vitrina_core::civil::UnixSeconds;
use vitrina_core::contact::limits;

/// Guest order lookups per order number in each window (guessing the email of one order).
const LOOKUPS_PER_ORDER: u32 = 5;
/// Guest order lookups per client address in each window (guessing many orders).
const LOOKUPS_PER_IP: u32 = 20;
const LOOKUP_WINDOW_SECONDS: i64 = 600;

/// The server's limiters, one per thing counted.
#[derive(Clone)]
pub struct Limits {
    /// Guest order lookups per order number.
    pub lookup_by_order: RateLimiter,
    /// Guest order lookups per client address.
    pub lookup_by_ip: RateLimiter,
    /// Contact-form messages per sender address.
    pub contact_per_sender: RateLimiter,
    /// Contact-form messages per client address.
    pub contact_per_ip: RateLimiter,
    /// Sign-in attempts per email address, so passwords cannot be guessed at speed.
    pub sign_in: RateLimiter,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            lookup_by_order: RateLimiter::new(LOOKUPS_PER_ORDER, LOOKUP_WINDOW_SECONDS),
            lookup_by_ip: RateLimiter::new(LOOKUPS_PER_IP, LOOKUP_WINDOW_SECONDS),
            contact_per_sender: RateLimiter::new(limits::PER_SENDER, limits::PER_SENDER_WINDOW_SECONDS),
            contact_per_ip: RateLimiter::new(limits::PER_IP, limits::PER_IP_WINDOW_SECONDS),
            sign_in: RateLimiter::new(limits::SIGN_IN_ATTEMPTS, limits::SIGN_IN_WINDOW_SECONDS),
        }
    }
}

/// At most `limit` attempts per key in each `window_seconds`.
///
/// Keys come from requests (an email address, an order number), so they are kept as 64-bit
/// hashes under a per-process random key: a client sending long or ever-new keys costs the same
/// few bytes per key, and cannot aim a collision at someone else's count.
#[derive(Clone)]
pub struct RateLimiter {
    limit: u32,
    window_seconds: i64,
    hasher: RandomState,
    counts: Arc<Mutex<HashMap<u64, (UnixSeconds, u32)>>>,
}

impl RateLimiter {
    pub fn new(limit: u32, window_seconds: i64) -> Self {
        RateLimiter { limit, window_seconds, hasher: RandomState::new(), counts: Arc::new(Mutex::new(HashMap::new())) }
    }

    /// Counts an attempt for `key` at `now`. `Err(seconds)` says how long until the next is allowed.
    pub fn check(&self, key: &str, now: UnixSeconds) -> Result<(), u64> {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if counts.len() > 100_000 {
            counts.retain(|_, (start, _)| now - *start < self.window_seconds);
        }
        let entry = counts.entry(self.hasher.hash_one(key)).or_insert((now, 0));
        if now - entry.0 >= self.window_seconds {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            return Err((entry.0 + self.window_seconds - now).max(1) as u64);
        }
        entry.1 += 1;
        Ok(())
    }

    /// [`check`](Self::check), refused as a `rate-limited` problem with its `Retry-After`.
    pub fn admit(&self, key: &str, now: UnixSeconds) -> ApiResult<()> {
        self.check(key, now).map_err(ApiError::rate_limited)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_holds_within_a_window_and_resets_after_it() {
        let limiter = RateLimiter::new(3, 60);
        for _ in 0..3 {
            assert_eq!(limiter.check("a", 1000), Ok(()));
        }
        assert_eq!(limiter.check("a", 1010), Err(50));
        assert_eq!(limiter.check("b", 1010), Ok(()), "other keys are not affected");
        assert_eq!(limiter.check("a", 1060), Ok(()));
    }
}
