//! The server's clock. Tests may move it (with `--test-hooks`); time keeps running from there,
//! unless a host test holds it still to read a deadline to the second.
//!
//! Foundation: used by every layer; uses only `vitrina_core`.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};
use vitrina_core::civil::UnixSeconds;

/// Seconds in an hour and in a day (days here are 24 hours: the demo data's spacing, not calendar days).
pub const HOUR: i64 = 3_600;
pub const DAY: i64 = 86_400;

#[derive(Clone)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
    /// The moment the clock is held at, or [`RUNNING`].
    held_at: Arc<AtomicI64>,
}

/// `held_at` when the clock runs.
const RUNNING: i64 = i64::MIN;

impl Default for Clock {
    fn default() -> Self {
        Clock { offset_seconds: Arc::default(), held_at: Arc::new(AtomicI64::new(RUNNING)) }
    }
}

impl Clock {
    /// Seconds since the Unix epoch, as this server sees it.
    pub fn now(&self) -> UnixSeconds {
        match self.held_at.load(Ordering::Relaxed) {
            RUNNING => system_now() + self.offset_seconds.load(Ordering::Relaxed),
            held => held,
        }
    }

    /// Makes `now()` answer `at` from this moment on, running on from there.
    pub fn set(&self, at: UnixSeconds) {
        self.offset_seconds.store(at - system_now(), Ordering::Relaxed);
        self.held_at.store(RUNNING, Ordering::Relaxed);
    }

    /// Makes `now()` answer `at` until the clock is set again: a test that reads a deadline to
    /// the second must not see the clock run on while a busy machine works.
    pub fn hold(&self, at: UnixSeconds) {
        self.held_at.store(at, Ordering::Relaxed);
    }
}

fn system_now() -> UnixSeconds {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
