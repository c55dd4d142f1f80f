//! Every rate limit of the server, in one place: [`Limits`], owned by the app state. Fixed windows
//! per key (an email address, a client network, an order number), in memory, counted on the
//! server's clock (so the test hooks that move it move the windows too). Enough for one reference
//! server; a real deployment would share the counts.
//!
//! Memory is bounded and no request ever walks a whole map: see [`RateLimiter`].
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
/// Guest order lookups per client network in each window (guessing many orders).
const LOOKUPS_PER_IP: u32 = 20;
const LOOKUP_WINDOW_SECONDS: i64 = 600;
/// Failed sign-ins per client network in each window (one password tried on many accounts).
const SIGN_IN_FAILURES_PER_IP: u32 = 30;
/// The window of the order limits (`--order-limit` orders per client network and per email).
pub const ORDER_WINDOW_SECONDS: i64 = 600;
/// New carts per client network for each order it may place in the same window: a shopper
/// starts a cart per device or tab and leaves some, but nobody needs thousands (each is a row
/// kept for 30 days).
const CARTS_PER_ORDER: u32 = 10;

/// The server's limiters, one per thing counted.
#[derive(Clone)]
pub struct Limits {
    /// Guest order lookups per order number.
    pub lookup_by_order: RateLimiter,
    /// Guest order lookups per client network.
    pub lookup_by_ip: RateLimiter,
    /// Contact-form messages per sender address.
    pub contact_per_sender: RateLimiter,
    /// Contact-form messages per client network.
    pub contact_per_ip: RateLimiter,
    /// Failed sign-ins per email address, so passwords cannot be guessed at speed.
    pub sign_in: RateLimiter,
    /// Failed sign-ins per client network, so one password cannot be tried on every account.
    pub sign_in_per_ip: RateLimiter,
    /// New orders per client network: placing takes stock, so nobody may empty the shelves.
    pub orders_per_client: RateLimiter,
    /// New orders per email address (folded), from whichever networks.
    pub orders_per_email: RateLimiter,
    /// New carts per client network (ten for each order it may place in the window).
    pub carts_per_client: RateLimiter,
}

impl Limits {
    /// The limits, with `orders` new orders per client network and per email in each window.
    pub fn new(orders: u32) -> Self {
        Limits {
            lookup_by_order: RateLimiter::new(LOOKUPS_PER_ORDER, LOOKUP_WINDOW_SECONDS),
            lookup_by_ip: RateLimiter::new(LOOKUPS_PER_IP, LOOKUP_WINDOW_SECONDS),
            contact_per_sender: RateLimiter::new(limits::PER_SENDER, limits::PER_SENDER_WINDOW_SECONDS),
            contact_per_ip: RateLimiter::new(limits::PER_IP, limits::PER_IP_WINDOW_SECONDS),
            sign_in: RateLimiter::new(limits::SIGN_IN_ATTEMPTS, limits::SIGN_IN_WINDOW_SECONDS),
            sign_in_per_ip: RateLimiter::new(SIGN_IN_FAILURES_PER_IP, limits::SIGN_IN_WINDOW_SECONDS),
            orders_per_client: RateLimiter::new(orders, ORDER_WINDOW_SECONDS),
            orders_per_email: RateLimiter::new(orders, ORDER_WINDOW_SECONDS),
            carts_per_client: RateLimiter::new(orders.saturating_mul(CARTS_PER_ORDER), ORDER_WINDOW_SECONDS),
        }
    }
}

/// Shards of a limiter: checks of different keys rarely wait for each other.
const SHARDS: usize = 16;
/// Keys one shard holds per generation; a limiter holds at most `2 × SHARDS ×` this many
/// (about 130,000 keys, a few megabytes), however many keys clients invent.
const KEYS_PER_SHARD: usize = 4096;

/// At most `limit` attempts per key in each `window_seconds`.
///
/// Keys come from requests (an email address, an order number), so they are kept as 64-bit
/// hashes under a per-process random key: a client sending long or ever-new keys costs the same
/// few bytes per key, and cannot aim a collision at someone else's count.
///
/// Each shard keeps two generations of counts: the current one, and the one before. A new
/// generation starts when the window has passed since the current one began (every count in
/// the old one has then expired, or moves over when its key is seen again), or when the current
/// one is full. Dropping a generation frees one allocation, so every check is O(1) and nothing
/// sweeps a map under its lock. When clients flood a limiter with more distinct keys than it
/// holds, the oldest counts are forgotten early: the limits per client network are checked
/// before the limits per typed key, so one client cannot do that.
#[derive(Clone)]
pub struct RateLimiter {
    limit: u32,
    window_seconds: i64,
    hasher: RandomState,
    shards: Arc<[Mutex<Shard>]>,
}

#[derive(Default)]
struct Shard {
    started: UnixSeconds,
    current: HashMap<u64, Count>,
    previous: HashMap<u64, Count>,
}

/// A key's window: when it began and how many attempts it has had.
#[derive(Clone, Copy)]
struct Count {
    since: UnixSeconds,
    attempts: u32,
}

impl Shard {
    /// The count of `key`, in the current generation (started afresh if needed).
    fn count(&mut self, key: u64, now: UnixSeconds, window_seconds: i64) -> &mut Count {
        if now - self.started >= window_seconds || self.current.len() >= KEYS_PER_SHARD {
            self.previous = std::mem::take(&mut self.current);
            self.started = now;
        }
        if !self.current.contains_key(&key) {
            let carried = self.previous.remove(&key).unwrap_or(Count { since: now, attempts: 0 });
            self.current.insert(key, carried);
        }
        let count = self.current.entry(key).or_insert(Count { since: now, attempts: 0 });
        if now - count.since >= window_seconds {
            *count = Count { since: now, attempts: 0 };
        }
        count
    }
}

impl RateLimiter {
    pub fn new(limit: u32, window_seconds: i64) -> Self {
        let shards = (0..SHARDS).map(|_| Mutex::new(Shard::default())).collect();
        RateLimiter { limit, window_seconds, hasher: RandomState::new(), shards }
    }

    fn shard(&self, key: &str) -> (u64, std::sync::MutexGuard<'_, Shard>) {
        let hash = self.hasher.hash_one(key);
        let shard = &self.shards[(hash % SHARDS as u64) as usize];
        // A panic elsewhere while counting leaves counts that are still counts.
        (hash, shard.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Counts an attempt for `key` at `now`. `Err(seconds)` says how long until the next is allowed.
    pub fn check(&self, key: &str, now: UnixSeconds) -> Result<(), u64> {
        let (hash, mut shard) = self.shard(key);
        let count = shard.count(hash, now, self.window_seconds);
        if count.attempts >= self.limit {
            return Err((count.since + self.window_seconds - now).max(1) as u64);
        }
        count.attempts += 1;
        Ok(())
    }

    /// Takes back one attempt of `key` (one that turned out not to count, such as a sign-in with
    /// the right password).
    pub fn forgive(&self, key: &str, now: UnixSeconds) {
        let (hash, mut shard) = self.shard(key);
        let count = shard.count(hash, now, self.window_seconds);
        count.attempts = count.attempts.saturating_sub(1);
    }

    /// [`check`](Self::check), refused as a `rate-limited` problem with its `Retry-After`.
    pub fn admit(&self, key: &str, now: UnixSeconds) -> ApiResult<()> {
        self.check(key, now).map_err(ApiError::rate_limited)
    }

    /// How many keys the limiter holds now (for tests of its bound).
    pub fn keys(&self) -> usize {
        self.shards.iter().map(|s| s.lock().map(|s| s.current.len() + s.previous.len()).unwrap_or(0)).sum()
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

    #[test]
    fn a_count_survives_a_new_generation_until_its_window_ends() {
        let limiter = RateLimiter::new(2, 60);
        assert_eq!(limiter.check("a", 1000), Ok(()));
        assert_eq!(limiter.check("a", 1030), Ok(()));
        // Another key at 1061 starts a new generation; "a"'s window (1000–1060) has ended.
        assert_eq!(limiter.check("b", 1061), Ok(()));
        assert_eq!(limiter.check("a", 1061), Ok(()));
        assert_eq!(limiter.check("a", 1100), Ok(()));
        // "c" starts a generation at 1121; "a"'s count (window 1061–1121) moves over with it.
        assert_eq!(limiter.check("c", 1121), Ok(()));
        assert_eq!(limiter.check("a", 1120), Err(1), "a request that was in flight, read a moment late");
    }

    #[test]
    fn forgiven_attempts_do_not_count() {
        let limiter = RateLimiter::new(1, 60);
        assert_eq!(limiter.check("a", 1000), Ok(()));
        limiter.forgive("a", 1001);
        assert_eq!(limiter.check("a", 1002), Ok(()));
        assert!(limiter.check("a", 1003).is_err());
    }

    #[test]
    fn memory_stays_bounded_however_many_keys_arrive() {
        let limiter = RateLimiter::new(5, 600);
        for i in 0..200_000 {
            assert_eq!(limiter.check(&format!("client-{i}"), 1000), Ok(()));
        }
        assert!(limiter.keys() <= 2 * SHARDS * KEYS_PER_SHARD, "{} keys held", limiter.keys());
        // The newest keys are still counted.
        for _ in 0..4 {
            assert_eq!(limiter.check("client-199999", 1000), Ok(()));
        }
        assert!(limiter.check("client-199999", 1000).is_err());
    }
}
