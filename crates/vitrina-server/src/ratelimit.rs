//! Fixed-window rate limits per key (an email address, an IP, an order number), in memory.
//! Enough for one reference server; a real deployment would share the counts.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use vitrina_core::civil::UnixSeconds;

/// At most `limit` attempts per key in each `window_seconds`.
#[derive(Clone)]
pub struct RateLimiter {
    limit: u32,
    window_seconds: i64,
    counts: Arc<Mutex<HashMap<String, (UnixSeconds, u32)>>>,
}

impl RateLimiter {
    pub fn new(limit: u32, window_seconds: i64) -> Self {
        RateLimiter { limit, window_seconds, counts: Arc::new(Mutex::new(HashMap::new())) }
    }

    /// Counts an attempt for `key` at `now`. `Err(seconds)` says how long until the next is allowed.
    pub fn check(&self, key: &str, now: UnixSeconds) -> Result<(), u64> {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if counts.len() > 100_000 {
            counts.retain(|_, (start, _)| now - *start < self.window_seconds);
        }
        let entry = counts.entry(key.to_owned()).or_insert((now, 0));
        if now - entry.0 >= self.window_seconds {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            return Err((entry.0 + self.window_seconds - now).max(1) as u64);
        }
        entry.1 += 1;
        Ok(())
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
