//! Time zones from the tz database compiled into the server (`chrono-tz`), for the rules in
//! `vitrina_core::contact` that need a seller's wall clock. The app asks the browser instead.
//!
//! Foundation: used by every layer; uses only `vitrina_core` and the tz database.

use chrono::{Offset, TimeZone};
use vitrina_core::civil::UnixSeconds;
use vitrina_core::contact::TimeZones;

/// The tz database, as [`TimeZones`].
pub struct TzDatabase;

impl TimeZones for TzDatabase {
    fn offset_minutes(&self, zone: &str, at: UnixSeconds) -> Option<i32> {
        let tz: chrono_tz::Tz = zone.trim().parse().ok()?;
        let utc = chrono::DateTime::from_timestamp(at, 0)?.naive_utc();
        Some(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc() / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tz_database_knows_summer_time() {
        let winter = vitrina_core::civil::parse_rfc3339("2026-01-15T12:00:00Z").unwrap().0;
        let summer = vitrina_core::civil::parse_rfc3339("2026-07-15T12:00:00Z").unwrap().0;
        assert_eq!(TzDatabase.offset_minutes("Europe/Bratislava", winter), Some(60));
        assert_eq!(TzDatabase.offset_minutes("Europe/Bratislava", summer), Some(120));
        assert_eq!(TzDatabase.offset_minutes("Europe/Moscow", summer), Some(180));
        assert_eq!(TzDatabase.offset_minutes("Mars/Base", summer), None);
    }
}
