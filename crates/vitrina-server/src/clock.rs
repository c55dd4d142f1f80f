//! The server's clock. Tests may move it (with `--test-hooks`); time keeps running from there.
//!
//! Foundation: used by every layer; uses only `vitrina_core`.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};
use vitrina_core::civil::UnixSeconds;

/// Seconds in an hour and in a day (days here are 24 hours: the demo data's spacing, not calendar days).
pub const HOUR: i64 = 3_600;
pub const DAY: i64 = 86_400;

#[derive(Clone, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    /// Seconds since the Unix epoch, as this server sees it.
    pub fn now(&self) -> UnixSeconds {
        system_now() + self.offset_seconds.load(Ordering::Relaxed)
    }

    /// Makes `now()` answer `at` from this moment on.
    pub fn set(&self, at: UnixSeconds) {
        self.offset_seconds.store(at - system_now(), Ordering::Relaxed);
    }
}

fn system_now() -> UnixSeconds {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
