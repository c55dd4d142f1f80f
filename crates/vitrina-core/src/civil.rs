//! Calendar dates and instants without a date library: the app stays small, and the rules that
//! count days (delivery estimates, the cancellation window, customs deadlines) are plain integer
//! arithmetic that is tested on the host.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Day of the week, Monday first (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

    /// 0 for Monday … 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Sat | Weekday::Sun)
    }
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before it). Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The date `days` days after 1970-01-01. Hinnant's `civil_from_days`.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.days_since_epoch() + 3).rem_euclid(7) as usize]
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if !s.is_ascii() || b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date (YYYY-MM-DD): \"{s}\"")))
    }
}

impl crate::json::Decode for Date {
    fn decode(value: &crate::json::Value) -> Result<Date, crate::json::DecodeError> {
        let s = String::decode(value)?;
        Date::parse(&s).ok_or_else(|| crate::json::DecodeError::custom(format!("not a date (YYYY-MM-DD): \"{s}\"")))
    }
}

/// An instant: seconds since the Unix epoch, UTC.
pub type UnixSeconds = i64;

/// Writes an instant as RFC 3339 in UTC (`2026-11-22T09:05:00Z`).
pub fn format_rfc3339_utc(t: UnixSeconds) -> String {
    format_rfc3339_with_offset(t, 0)
}

/// Writes an instant as RFC 3339 local time at a fixed UTC offset in minutes (`…T12:05:00+03:00`).
pub fn format_rfc3339_with_offset(t: UnixSeconds, offset_minutes: i32) -> String {
    let local = t + i64::from(offset_minutes) * 60;
    let date = Date::from_days_since_epoch(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    let time = format!("{}T{:02}:{:02}:{:02}", date, secs / 3600, secs % 3600 / 60, secs % 60);
    if offset_minutes == 0 {
        return format!("{time}Z");
    }
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let abs = offset_minutes.unsigned_abs();
    format!("{time}{sign}{:02}:{:02}", abs / 60, abs % 60)
}

/// Reads an RFC 3339 timestamp (`2026-11-22T12:05:00+03:00`, `…Z`, optional fraction) into the
/// instant and the offset it was written with, in minutes.
pub fn parse_rfc3339(s: &str) -> Option<(UnixSeconds, i32)> {
    let s = s.trim();
    if !s.is_ascii() || s.len() < 20 || !matches!(s.as_bytes()[10], b'T' | b't' | b' ') {
        return None;
    }
    let date = Date::parse(&s[..10])?;
    let rest = &s[11..];
    let b = rest.as_bytes();
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let hh: i64 = rest[0..2].parse().ok()?;
    let mm: i64 = rest[3..5].parse().ok()?;
    let ss: i64 = rest[6..8].parse().ok()?;
    if hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let mut zone = &rest[8..];
    if let Some(frac) = zone.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        zone = &frac[digits..];
    }
    let offset = match zone {
        "Z" | "z" => 0,
        _ => {
            let zb = zone.as_bytes();
            if zb.len() != 6 || zb[3] != b':' || !matches!(zb[0], b'+' | b'-') {
                return None;
            }
            let h: i32 = zone[1..3].parse().ok()?;
            let m: i32 = zone[4..6].parse().ok()?;
            if h > 23 || m > 59 {
                return None;
            }
            if zb[0] == b'-' { -(h * 60 + m) } else { h * 60 + m }
        }
    };
    let local = date.days_since_epoch() * 86_400 + hh * 3600 + mm * 60 + ss;
    Some((local - i64::from(offset) * 60, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_across_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11017);
    }

    #[test]
    fn weekdays() {
        assert_eq!(Date::new(2026, 11, 22).unwrap().weekday(), Weekday::Sun);
        assert_eq!(Date::new(2024, 2, 29).unwrap().weekday(), Weekday::Thu);
        assert_eq!(Date::new(1969, 12, 31).unwrap().weekday(), Weekday::Wed);
    }

    #[test]
    fn invalid_dates_are_refused() {
        assert_eq!(Date::new(2026, 2, 29), None);
        assert_eq!(Date::parse("2026-13-01"), None);
        assert_eq!(Date::parse("2026-1-01"), None);
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
    }

    #[test]
    fn rfc3339_round_trips_with_its_offset() {
        let (t, off) = parse_rfc3339("2026-11-22T12:05:00+03:00").unwrap();
        assert_eq!(off, 180);
        assert_eq!(format_rfc3339_utc(t), "2026-11-22T09:05:00Z");
        assert_eq!(format_rfc3339_with_offset(t, off), "2026-11-22T12:05:00+03:00");
        assert_eq!(parse_rfc3339("2026-11-22T09:05:00.123Z"), Some((t, 0)));
        assert_eq!(format_rfc3339_with_offset(t, -90), "2026-11-22T07:35:00-01:30");
    }

    #[test]
    fn malformed_timestamps_are_none_not_a_panic() {
        for s in [
            "",
            "2026-11-22",
            "2026-11-22T25:00:00Z",
            "2026-11-22T10:00:00",
            "2026-11-22T10:00:00+3:00",
            "2026-11-22T10:00:00.Z",
            "ééééééééééééééééééééé",
            "2026-11-22T10:00:0é+03:00",
        ] {
            assert_eq!(parse_rfc3339(s), None, "{s}");
        }
    }
}
