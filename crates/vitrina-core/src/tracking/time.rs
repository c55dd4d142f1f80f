//! Event times: the carrier's wall-clock time at the place, with the place's offset when known.

use crate::api::EventTime;
use crate::civil::{Date, UnixSeconds, format_rfc3339_with_offset, parse_rfc3339};

impl EventTime {
    /// An event time from its wall clock (`YYYY-MM-DDTHH:MM:SS`) and, when known, its zone.
    pub fn new(local: &str, utc_offset_minutes: Option<i32>, time_zone: Option<&str>) -> Self {
        EventTime { local: local.to_owned(), utc_offset_minutes, time_zone: time_zone.map(str::to_owned) }
    }

    /// The wall-clock reading as seconds, as if it were UTC (a time with no zone attached).
    pub fn wall_clock(&self) -> Option<UnixSeconds> {
        let local = self.local.get(..19)?;
        parse_rfc3339(&format!("{local}Z")).map(|(t, _)| t)
    }

    /// The wall-clock reading as RFC 3339 in UTC: what to format "in UTC" to show the carrier's
    /// local time unchanged.
    pub fn wall_clock_rfc3339(&self) -> Option<String> {
        self.wall_clock().map(crate::civil::format_rfc3339_utc)
    }

    /// The instant, when the carrier said which zone the time is in.
    pub fn instant(&self) -> Option<UnixSeconds> {
        Some(self.wall_clock()? - i64::from(self.utc_offset_minutes?) * 60)
    }

    /// The instant, or for a time without a zone the wall clock read as UTC: hours off at most,
    /// which is good enough to count days and to order events.
    pub fn approximate_instant(&self) -> Option<UnixSeconds> {
        self.instant().or_else(|| self.wall_clock())
    }

    /// RFC 3339 with the place's offset (`2026-11-22T12:05:00+03:00`), when the zone is known.
    pub fn rfc3339(&self) -> Option<String> {
        Some(format_rfc3339_with_offset(self.instant()?, self.utc_offset_minutes?))
    }

    /// The time as an HTML `datetime` attribute: RFC 3339 with its offset where the zone is known,
    /// else the wall clock alone (`2026-11-22T12:05:00`).
    pub fn datetime_attribute(&self) -> Option<String> {
        self.rfc3339().or_else(|| Some(self.local.get(..19)?.to_owned()))
    }

    /// Minutes past midnight on the wall clock.
    pub fn minutes_of_day(&self) -> Option<u32> {
        Some((self.wall_clock()?.rem_euclid(86_400) / 60) as u32)
    }

    /// The calendar date at the place.
    pub fn local_date(&self) -> Option<Date> {
        Some(Date::from_days_since_epoch(self.wall_clock()?.div_euclid(86_400)))
    }
}

/// What zone an event's time is given in, as a page names it beside the time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceZone<'a> {
    /// The zone and its offset (`Europe/Samara, UTC+4`), or the offset alone (`UTC+4`).
    Known(String),
    /// A zone the carrier named without its offset.
    WithoutOffset(&'a str),
    /// The carrier gave no zone.
    Unknown,
}

impl EventTime {
    /// The zone the wall-clock time is in, as shown beside it.
    pub fn place_zone(&self) -> PlaceZone<'_> {
        let zone = self.time_zone.as_deref().map(str::trim).filter(|z| !z.is_empty());
        match (zone, self.utc_offset_minutes) {
            (Some(zone), Some(offset)) => PlaceZone::Known(format!("{zone}, {}", utc_offset_label(offset))),
            (None, Some(offset)) => PlaceZone::Known(utc_offset_label(offset)),
            (Some(zone), None) => PlaceZone::WithoutOffset(zone),
            (None, None) => PlaceZone::Unknown,
        }
    }
}

/// An offset from UTC as people write it: `UTC+3`, `UTC+5:30`, `UTC−4`, `UTC`.
pub fn utc_offset_label(minutes: i32) -> String {
    if minutes == 0 {
        return "UTC".to_owned();
    }
    let sign = if minutes < 0 { '\u{2212}' } else { '+' };
    let abs = minutes.unsigned_abs();
    match abs % 60 {
        0 => format!("UTC{sign}{}", abs / 60),
        m => format!("UTC{sign}{}:{m:02}", abs / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zoned_time_is_an_instant_and_an_unzoned_one_is_only_a_wall_clock() {
        let moscow = EventTime::new("2026-11-22T12:05:00", Some(180), Some("Europe/Moscow"));
        assert_eq!(moscow.rfc3339().as_deref(), Some("2026-11-22T12:05:00+03:00"));
        assert_eq!(moscow.instant(), parse_rfc3339("2026-11-22T09:05:00Z").map(|(t, _)| t));
        let unzoned = EventTime::new("2026-11-22T12:05:00", None, None);
        assert_eq!(unzoned.instant(), None);
        assert_eq!(unzoned.rfc3339(), None);
        assert_eq!(unzoned.wall_clock_rfc3339().as_deref(), Some("2026-11-22T12:05:00Z"));
        assert_eq!(unzoned.local_date(), Date::new(2026, 11, 22));
    }

    #[test]
    fn garbage_times_are_none_not_a_panic() {
        for local in ["", "yesterday", "2026-11-22", "2026-11-22T1", "ёёёёёёёёёёёёёёёёёёёё"] {
            let t = EventTime::new(local, Some(180), None);
            assert_eq!(t.approximate_instant(), None, "{local}");
            assert_eq!(t.local_date(), None);
        }
    }

    #[test]
    fn offsets_read_as_people_write_them() {
        assert_eq!(utc_offset_label(180), "UTC+3");
        assert_eq!(utc_offset_label(330), "UTC+5:30");
        assert_eq!(utc_offset_label(-240), "UTC\u{2212}4");
        assert_eq!(utc_offset_label(0), "UTC");
    }
}
