//! Time zones without a time-zone database.
//!
//! The rules need one fact about a zone: its UTC offset at an instant. The server answers it
//! from a tz database; the app asks the browser (`Intl.DateTimeFormat`), so the app ships no
//! database and the editor's preview is computed on the spot. Everything else — wall-clock time
//! to instant, across daylight-saving changes — is derived here from that one question.

use crate::civil::{Date, UnixSeconds};

/// Answers "what is the UTC offset of zone `zone` at instant `at`".
pub trait TimeZones {
    /// Minutes east of UTC (`+120` for Bratislava in summer), or `None` for an unknown zone.
    fn offset_minutes(&self, zone: &str, at: UnixSeconds) -> Option<i32>;

    /// Whether `zone` is a zone these rules know.
    fn is_known(&self, zone: &str) -> bool {
        !zone.trim().is_empty() && self.offset_minutes(zone, 0).is_some()
    }
}

/// Every zone at one fixed offset (tests, and `UTC`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedOffset(pub i32);

impl TimeZones for FixedOffset {
    fn offset_minutes(&self, _zone: &str, _at: UnixSeconds) -> Option<i32> {
        Some(self.0)
    }
}

/// Wall-clock time in a zone, as seconds since 1970-01-01T00:00 *of that wall clock*.
pub type LocalSeconds = i64;

/// The wall-clock time in `zone` at instant `at`.
pub fn to_local(tz: &dyn TimeZones, zone: &str, at: UnixSeconds) -> Option<LocalSeconds> {
    Some(at + i64::from(tz.offset_minutes(zone, at)?) * 60)
}

/// The calendar date in `zone` at instant `at`.
pub fn local_date(tz: &dyn TimeZones, zone: &str, at: UnixSeconds) -> Option<Date> {
    to_local(tz, zone, at).map(|l| Date::from_days_since_epoch(l.div_euclid(86_400)))
}

/// The instant a wall-clock time in `zone` names. A time skipped by a change to summer time is
/// moved forward by the length of the gap (02:30 on the night clocks jump 02:00→03:00 is 03:30);
/// a time that happens twice when clocks go back is the earlier of the two. (The same choices as
/// JavaScript's `Temporal` "compatible" disambiguation.)
pub fn from_local(tz: &dyn TimeZones, zone: &str, local: LocalSeconds) -> Option<UnixSeconds> {
    // The offsets in force a day either side cover any one transition around `local`.
    let before = tz.offset_minutes(zone, local - 86_400)?;
    let after = tz.offset_minutes(zone, local + 86_400)?;
    let candidate = |offset: i32| -> Option<UnixSeconds> {
        let t = local - i64::from(offset) * 60;
        (tz.offset_minutes(zone, t)? == offset).then_some(t)
    };
    match (candidate(before), candidate(after)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (Some(a), None) => Some(a),
        (None, Some(b)) => Some(b),
        // In a gap: read the wall clock with the offset from before the jump.
        (None, None) => Some(local - i64::from(before) * 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::test_zones::Tz;

    fn local(date: &str, h: i64, m: i64) -> LocalSeconds {
        Date::parse(date).unwrap().days_since_epoch() * 86_400 + h * 3600 + m * 60
    }

    fn utc(s: &str) -> UnixSeconds {
        crate::civil::parse_rfc3339(s).unwrap().0
    }

    #[test]
    fn a_plain_wall_clock_time_is_one_instant() {
        let t = from_local(&Tz, "Europe/Bratislava", local("2026-11-23", 9, 0));
        assert_eq!(t, Some(utc("2026-11-23T08:00:00Z")));
        let t = from_local(&Tz, "Europe/Bratislava", local("2026-07-01", 9, 0));
        assert_eq!(t, Some(utc("2026-07-01T07:00:00Z")));
    }

    #[test]
    fn a_time_skipped_in_spring_moves_forward_by_the_gap() {
        // 2026-03-29: Bratislava jumps from 02:00 CET to 03:00 CEST.
        let t = from_local(&Tz, "Europe/Bratislava", local("2026-03-29", 2, 30));
        assert_eq!(t, Some(utc("2026-03-29T01:30:00Z")), "03:30 CEST");
        let t = from_local(&Tz, "Europe/Bratislava", local("2026-03-29", 2, 0));
        assert_eq!(t, Some(utc("2026-03-29T01:00:00Z")), "03:00 CEST");
    }

    #[test]
    fn a_time_repeated_in_autumn_is_the_first_of_the_two() {
        // 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
        let t = from_local(&Tz, "Europe/Bratislava", local("2026-10-25", 2, 30));
        assert_eq!(t, Some(utc("2026-10-25T00:30:00Z")));
    }

    #[test]
    fn an_unknown_zone_is_none() {
        assert_eq!(from_local(&Tz, "Mars/Olympus", 0), None);
        assert!(!Tz.is_known("Mars/Olympus"));
        assert!(!Tz.is_known(""));
        assert!(Tz.is_known("America/New_York"));
    }
}
