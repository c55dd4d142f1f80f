//! Seller contact rules: who may use which channel, when the seller can be reached, what a
//! shopper is shown, what a seller may save, and the signature under the seller's emails.
//!
//! The backend decides what a shopper sees ([`view::public_view`]) and refuses settings that
//! break a rule ([`rules::check_settings`]); the seller's editor runs the very same functions in
//! the browser for its live preview and its field messages, so the two never disagree.

pub mod audience;
pub mod jsonld;
pub mod obfuscate;
pub mod paths;
pub mod rules;
pub mod schedule;
pub mod signature;
pub mod view;
pub mod zone;

pub use audience::Viewer;
pub use schedule::{Schedule, Window};
pub use zone::{FixedOffset, TimeZones};

/// How many messages the contact form takes, so that a seller is not flooded and a person is
/// never refused for writing once or twice: per sender address and per network address.
pub mod limits {
    /// Messages from one reply-to address…
    pub const PER_SENDER: u32 = 3;
    /// …in this many seconds.
    pub const PER_SENDER_WINDOW_SECONDS: i64 = 15 * 60;
    /// Messages from one network address…
    pub const PER_IP: u32 = 10;
    /// …in this many seconds.
    pub const PER_IP_WINDOW_SECONDS: i64 = 60 * 60;
    /// Failed sign-ins for one email address in [`SIGN_IN_WINDOW_SECONDS`].
    pub const SIGN_IN_ATTEMPTS: u32 = 10;
    pub const SIGN_IN_WINDOW_SECONDS: i64 = 15 * 60;
}

/// Real time zones for the tests, from the tz database (a test-only dependency; the app asks
/// the browser and the server has its own copy).
#[cfg(test)]
pub(crate) mod test_zones {
    use super::zone::TimeZones;
    use crate::civil::UnixSeconds;
    use chrono::{Offset, TimeZone};

    pub struct Tz;

    impl TimeZones for Tz {
        fn offset_minutes(&self, zone: &str, at: UnixSeconds) -> Option<i32> {
            let tz: chrono_tz::Tz = zone.parse().ok()?;
            let utc = chrono::DateTime::from_timestamp(at, 0)?.naive_utc();
            Some(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc() / 60)
        }
    }
}
