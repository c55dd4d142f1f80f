//! When the seller can be reached: a weekly schedule in the seller's zone, ranges that may run
//! past midnight, and dates with other hours (holidays). Help centre: outside the hours the
//! number is not shown and the shopper is told when the seller can be reached next.
//!
//! The schedule is turned into concrete windows (pairs of instants) day by day in the seller's
//! wall-clock time, so a daylight-saving change moves nothing: Monday 09:00 stays 09:00 there.

use super::zone::{TimeZones, from_local, local_date};
use crate::api::{ContactSettings, DateOverride, TimeRange, WeeklyHours};
use crate::civil::{Date, UnixSeconds, Weekday};

const DAY_MINUTES: u32 = 24 * 60;

/// Reads `HH:MM` (00:00–24:00) as minutes after midnight.
pub fn parse_time(s: &str) -> Option<u32> {
    let s = s.trim();
    let (h, m) = s.split_once(':')?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if h.is_empty() || h.len() > 2 || m.len() != 2 || !digits(h) || !digits(m) {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// Writes minutes after midnight as `HH:MM`.
pub fn format_time(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A range as minutes from the start of its day; `end` is beyond 1440 when it runs past midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// Why a range is not usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeError {
    /// A time is not `HH:MM`.
    InvalidTime,
    /// Start and end are the same moment.
    Empty,
}

impl Span {
    /// The span a range names: an end at or before the start runs into the next day.
    pub fn of(range: &TimeRange) -> Result<Span, RangeError> {
        let start = parse_time(&range.start).ok_or(RangeError::InvalidTime)?;
        let end = parse_time(&range.end).ok_or(RangeError::InvalidTime)?;
        if start == DAY_MINUTES {
            return Err(RangeError::InvalidTime);
        }
        let end = if end == 0 { DAY_MINUTES } else { end };
        if end == start {
            return Err(RangeError::Empty);
        }
        let end = if end < start { end + DAY_MINUTES } else { end };
        Ok(Span { start, end })
    }

    pub fn crosses_midnight(self) -> bool {
        self.end > DAY_MINUTES
    }

    fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl WeeklyHours {
    pub fn day(&self, day: Weekday) -> &Vec<TimeRange> {
        match day {
            Weekday::Mon => &self.mon,
            Weekday::Tue => &self.tue,
            Weekday::Wed => &self.wed,
            Weekday::Thu => &self.thu,
            Weekday::Fri => &self.fri,
            Weekday::Sat => &self.sat,
            Weekday::Sun => &self.sun,
        }
    }

    pub fn day_mut(&mut self, day: Weekday) -> &mut Vec<TimeRange> {
        match day {
            Weekday::Mon => &mut self.mon,
            Weekday::Tue => &mut self.tue,
            Weekday::Wed => &mut self.wed,
            Weekday::Thu => &mut self.thu,
            Weekday::Fri => &mut self.fri,
            Weekday::Sat => &mut self.sat,
            Weekday::Sun => &mut self.sun,
        }
    }

    /// Whether any day has a range.
    pub fn is_empty(&self) -> bool {
        Weekday::ALL.iter().all(|d| self.day(*d).is_empty())
    }
}

/// The wire name of a weekday (`mon`), as in [`WeeklyHours`] and field paths.
pub fn weekday_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// Which ranges of a list overlap one that comes earlier in it (their indexes). Ranges that
/// cannot be read are left to the range check.
pub fn overlapping(ranges: &[TimeRange]) -> Vec<usize> {
    let spans: Vec<Option<Span>> = ranges.iter().map(|r| Span::of(r).ok()).collect();
    let mut out = Vec::new();
    for (i, a) in spans.iter().enumerate() {
        let Some(a) = a else { continue };
        if spans[..i].iter().flatten().any(|b| a.overlaps(*b)) {
            out.push(i);
        }
    }
    out
}

/// Overlaps across the whole week, ranges running past midnight included (Monday 22:00–02:00
/// and Tuesday 01:00–05:00 overlap): (day, index) of each range that overlaps an earlier one.
pub fn weekly_overlaps(hours: &WeeklyHours) -> Vec<(Weekday, usize)> {
    const WEEK: i64 = 7 * DAY_MINUTES as i64;
    let mut seen: Vec<(i64, i64)> = Vec::new();
    let mut out = Vec::new();
    for day in Weekday::ALL {
        let base = day.index() as i64 * i64::from(DAY_MINUTES);
        for (i, range) in hours.day(day).iter().enumerate() {
            let Ok(span) = Span::of(range) else { continue };
            let (start, end) = (base + i64::from(span.start), base + i64::from(span.end));
            // Sunday night runs into Monday: compare each range a week earlier and later too.
            let clash = seen.iter().any(|&(s, e)| [-WEEK, 0, WEEK].iter().any(|shift| start + shift < e && s < end + shift));
            if clash {
                out.push((day, i));
            }
            seen.push((start, end));
        }
    }
    out
}

/// The ranges that apply on a date: its override if it has one, else its weekday's.
pub fn ranges_on<'a>(hours: &'a WeeklyHours, overrides: &'a [DateOverride], date: Date) -> &'a [TimeRange] {
    match overrides.iter().find(|o| Date::parse(&o.date) == Some(date)) {
        Some(o) => &o.ranges,
        None => hours.day(date.weekday()),
    }
}

/// A span of time the seller can be reached: `[start, end)` in Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: UnixSeconds,
    pub end: UnixSeconds,
}

/// The schedule of one seller: hours, overrides and zone.
#[derive(Debug, Clone, Copy)]
pub struct Schedule<'a> {
    pub zone: &'a str,
    pub hours: &'a WeeklyHours,
    pub overrides: &'a [DateOverride],
}

/// How far ahead to look for the next window (overrides may close many days in a row).
const HORIZON_DAYS: i64 = 400;

impl<'a> Schedule<'a> {
    pub fn of(settings: &'a ContactSettings) -> Schedule<'a> {
        Schedule { zone: &settings.time_zone, hours: &settings.hours, overrides: &settings.overrides }
    }

    /// The windows of ranges that start on `date` (a range belongs to the day it starts on, so
    /// a Friday 22:00–02:00 range still runs into a Saturday holiday).
    pub fn windows_starting_on(&self, tz: &dyn TimeZones, date: Date) -> Vec<Window> {
        let midnight = date.days_since_epoch() * 86_400;
        let mut out = Vec::new();
        for range in ranges_on(self.hours, self.overrides, date) {
            let Ok(span) = Span::of(range) else { continue };
            let start = from_local(tz, self.zone, midnight + i64::from(span.start) * 60);
            let end = from_local(tz, self.zone, midnight + i64::from(span.end) * 60);
            if let (Some(start), Some(end)) = (start, end)
                && end > start
            {
                out.push(Window { start, end });
            }
        }
        out
    }

    /// The first window that has not ended by `at` — the one `at` is in, or the next — with
    /// touching windows joined (Monday 18:00–24:00 and Tuesday 00:00–08:00 are one evening).
    /// `None` when the schedule has no hours in the coming year, or the zone is unknown.
    pub fn window_at_or_after(&self, tz: &dyn TimeZones, at: UnixSeconds) -> Option<Window> {
        let today = local_date(tz, self.zone, at)?;
        let mut current: Option<Window> = None;
        // Yesterday's ranges may still be running.
        for offset in -1..=HORIZON_DAYS {
            let date = today.add_days(offset);
            let mut windows = self.windows_starting_on(tz, date);
            windows.sort_by_key(|w| w.start);
            for w in windows {
                match current {
                    Some(ref mut c) if w.start <= c.end => c.end = c.end.max(w.end),
                    Some(c) => return Some(c),
                    None if w.end > at => current = Some(w),
                    None => {}
                }
            }
            // Nothing later today can join the window found: ranges of the next day start
            // after this day's midnight, which the window may still reach; so look one more day.
            if let Some(c) = current {
                let next_midnight = from_local(tz, self.zone, date.add_days(1).days_since_epoch() * 86_400)?;
                if c.end < next_midnight {
                    return Some(c);
                }
            }
        }
        current
    }

    /// Whether the seller can be reached at `at`.
    pub fn is_open(&self, tz: &dyn TimeZones, at: UnixSeconds) -> bool {
        self.window_at_or_after(tz, at).is_some_and(|w| w.start <= at)
    }

    /// The next window that starts after `at` when the seller cannot be reached at `at`, or
    /// the one running now.
    pub fn next_window(&self, tz: &dyn TimeZones, at: UnixSeconds) -> Option<Window> {
        self.window_at_or_after(tz, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::test_zones::Tz;
    use crate::contact::zone::FixedOffset;

    fn utc(s: &str) -> UnixSeconds {
        crate::civil::parse_rfc3339(s).unwrap().0
    }

    fn r(start: &str, end: &str) -> TimeRange {
        TimeRange::new(start, end)
    }

    /// Monday to Friday 09:00–18:00, Saturday 10:00–14:00.
    fn office() -> WeeklyHours {
        let day = vec![r("09:00", "18:00")];
        WeeklyHours {
            mon: day.clone(),
            tue: day.clone(),
            wed: day.clone(),
            thu: day.clone(),
            fri: day,
            sat: vec![r("10:00", "14:00")],
            sun: vec![],
        }
    }

    fn schedule<'a>(hours: &'a WeeklyHours, overrides: &'a [DateOverride]) -> Schedule<'a> {
        Schedule { zone: "Europe/Bratislava", hours, overrides }
    }

    #[test]
    fn times_are_read_strictly() {
        assert_eq!(parse_time("09:30"), Some(570));
        assert_eq!(parse_time("9:30"), Some(570));
        assert_eq!(parse_time("24:00"), Some(1440));
        for bad in ["24:01", "09:60", "0930", "", "ab:cd", "09:3", "-1:00", "+9:00"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(format_time(570), "09:30");
    }

    #[test]
    fn a_range_ending_before_it_starts_runs_past_midnight() {
        assert_eq!(Span::of(&r("22:00", "02:00")), Ok(Span { start: 1320, end: 1560 }));
        assert!(Span::of(&r("22:00", "02:00")).unwrap().crosses_midnight());
        assert_eq!(Span::of(&r("22:00", "00:00")), Ok(Span { start: 1320, end: 1440 }));
        assert_eq!(Span::of(&r("22:00", "24:00")), Ok(Span { start: 1320, end: 1440 }));
        assert_eq!(Span::of(&r("09:00", "09:00")), Err(RangeError::Empty));
        // Midnight to midnight is the whole day.
        assert_eq!(Span::of(&r("00:00", "00:00")), Ok(Span { start: 0, end: 1440 }));
        assert_eq!(Span::of(&r("9", "10:00")), Err(RangeError::InvalidTime));
    }

    #[test]
    fn inside_the_hours_the_seller_is_reachable_until_the_range_ends() {
        let hours = office();
        let s = schedule(&hours, &[]);
        // Monday 23 Nov 2026, 10:00 in Bratislava (CET, UTC+1).
        let at = utc("2026-11-23T09:00:00Z");
        assert!(s.is_open(&Tz, at));
        assert_eq!(s.next_window(&Tz, at), Some(Window { start: utc("2026-11-23T08:00:00Z"), end: utc("2026-11-23T17:00:00Z") }));
    }

    #[test]
    fn outside_the_hours_the_next_window_is_the_next_morning() {
        let hours = office();
        let s = schedule(&hours, &[]);
        let at = utc("2026-11-24T19:30:00Z"); // Tuesday 20:30 in Bratislava
        assert!(!s.is_open(&Tz, at));
        assert_eq!(s.next_window(&Tz, at).unwrap().start, utc("2026-11-25T08:00:00Z"));
    }

    #[test]
    fn the_next_window_after_saturday_afternoon_is_monday_across_the_week_boundary() {
        let hours = office();
        let s = schedule(&hours, &[]);
        let at = utc("2026-11-28T15:00:00Z"); // Saturday 16:00
        let next = s.next_window(&Tz, at).unwrap();
        assert_eq!(next.start, utc("2026-11-30T08:00:00Z"), "Monday 09:00");
        // And from Sunday night to Monday morning of the next week.
        let hours = WeeklyHours { mon: vec![r("09:00", "12:00")], ..Default::default() };
        let s = schedule(&hours, &[]);
        let at = utc("2026-11-24T09:00:00Z"); // Tuesday: the next is six days away
        assert_eq!(s.next_window(&Tz, at).unwrap().start, utc("2026-11-30T08:00:00Z"));
    }

    #[test]
    fn an_overnight_range_is_open_after_midnight_on_the_next_day() {
        let hours = WeeklyHours { fri: vec![r("22:00", "02:00")], ..Default::default() };
        let s = schedule(&hours, &[]);
        // Saturday 01:30 in Bratislava belongs to Friday's range.
        let at = utc("2026-11-28T00:30:00Z");
        assert!(s.is_open(&Tz, at));
        assert_eq!(s.next_window(&Tz, at).unwrap().end, utc("2026-11-28T01:00:00Z"));
        // Saturday 02:30: closed until next Friday 22:00.
        let at = utc("2026-11-28T01:30:00Z");
        assert!(!s.is_open(&Tz, at));
        assert_eq!(s.next_window(&Tz, at).unwrap().start, utc("2026-12-04T21:00:00Z"));
    }

    #[test]
    fn sunday_night_runs_into_monday_across_the_week_boundary() {
        let hours = WeeklyHours { sun: vec![r("20:00", "03:00")], ..Default::default() };
        let s = schedule(&hours, &[]);
        assert!(s.is_open(&Tz, utc("2026-11-30T01:00:00Z")), "Monday 02:00");
        assert!(!s.is_open(&Tz, utc("2026-11-30T02:30:00Z")), "Monday 03:30");
    }

    #[test]
    fn touching_ranges_make_one_window() {
        let hours = WeeklyHours { mon: vec![r("18:00", "24:00")], tue: vec![r("00:00", "08:00")], ..Default::default() };
        let s = schedule(&hours, &[]);
        let w = s.next_window(&Tz, utc("2026-11-23T18:00:00Z")).unwrap();
        assert_eq!(w, Window { start: utc("2026-11-23T17:00:00Z"), end: utc("2026-11-24T07:00:00Z") });
    }

    #[test]
    fn a_holiday_override_closes_the_day_and_the_next_window_skips_it() {
        let hours = office();
        let holiday = [DateOverride { date: "2026-12-24".into(), ranges: vec![], note: "Christmas Eve".into() }];
        let s = schedule(&hours, &holiday);
        // Thursday 24 Dec 2026, 10:00: an ordinary Thursday would be open.
        let at = utc("2026-12-24T09:00:00Z");
        assert!(!s.is_open(&Tz, at));
        assert_eq!(s.next_window(&Tz, at).unwrap().start, utc("2026-12-25T08:00:00Z"));
        // The day before is untouched.
        assert!(s.is_open(&Tz, utc("2026-12-23T09:00:00Z")));
    }

    #[test]
    fn an_override_can_give_a_day_short_hours() {
        let hours = office();
        let short = [DateOverride { date: "2026-12-31".into(), ranges: vec![r("10:00", "12:00")], note: String::new() }];
        let s = schedule(&hours, &short);
        assert!(s.is_open(&Tz, utc("2026-12-31T09:30:00Z")));
        assert!(!s.is_open(&Tz, utc("2026-12-31T12:00:00Z")), "13:00");
        assert!(!s.is_open(&Tz, utc("2026-12-31T08:30:00Z")), "09:30");
    }

    #[test]
    fn the_next_window_across_the_spring_change_is_at_the_same_wall_clock_time() {
        let hours = office();
        let s = schedule(&hours, &[]);
        // Saturday 28 Mar 2026, 15:00 CET; clocks go forward on Sunday 29 Mar.
        let at = utc("2026-03-28T14:00:00Z");
        let next = s.next_window(&Tz, at).unwrap();
        // Monday 30 Mar 09:00 CEST is 07:00 UTC, not 08:00.
        assert_eq!(next.start, utc("2026-03-30T07:00:00Z"));
        assert_eq!(next.end, utc("2026-03-30T16:00:00Z"));
    }

    #[test]
    fn the_next_window_across_the_autumn_change_is_at_the_same_wall_clock_time() {
        let hours = office();
        let s = schedule(&hours, &[]);
        let at = utc("2026-10-24T13:00:00Z"); // Saturday 15:00 CEST
        assert_eq!(s.next_window(&Tz, at).unwrap().start, utc("2026-10-26T08:00:00Z"));
    }

    #[test]
    fn a_night_range_over_the_spring_change_is_an_hour_shorter() {
        let hours = WeeklyHours { sat: vec![r("22:00", "06:00")], ..Default::default() };
        let s = schedule(&hours, &[]);
        let w = s.next_window(&Tz, utc("2026-03-28T12:00:00Z")).unwrap();
        assert_eq!(w.start, utc("2026-03-28T21:00:00Z"));
        assert_eq!(w.end, utc("2026-03-29T04:00:00Z"), "06:00 CEST");
        assert_eq!(w.end - w.start, 7 * 3600);
    }

    #[test]
    fn a_schedule_without_hours_has_no_window() {
        let hours = WeeklyHours::default();
        let s = schedule(&hours, &[]);
        assert_eq!(s.next_window(&Tz, utc("2026-11-23T09:00:00Z")), None);
        assert!(!s.is_open(&Tz, utc("2026-11-23T09:00:00Z")));
    }

    #[test]
    fn an_unknown_zone_has_no_window() {
        let hours = office();
        let s = Schedule { zone: "Nowhere/Atlantis", hours: &hours, overrides: &[] };
        assert_eq!(s.next_window(&Tz, utc("2026-11-23T09:00:00Z")), None);
    }

    #[test]
    fn a_fixed_offset_zone_works_without_a_database() {
        let hours = office();
        let s = Schedule { zone: "UTC", hours: &hours, overrides: &[] };
        assert!(s.is_open(&FixedOffset(0), utc("2026-11-23T09:00:00Z")));
        assert!(!s.is_open(&FixedOffset(0), utc("2026-11-23T08:59:59Z")));
    }

    #[test]
    fn overlaps_are_found_within_a_day_and_across_midnight() {
        assert_eq!(overlapping(&[r("09:00", "12:00"), r("11:00", "13:00")]), vec![1]);
        assert_eq!(overlapping(&[r("09:00", "12:00"), r("12:00", "13:00")]), Vec::<usize>::new());
        assert_eq!(overlapping(&[r("22:00", "02:00"), r("23:00", "23:30")]), vec![1]);
        let hours = WeeklyHours {
            mon: vec![r("00:30", "03:00"), r("22:00", "02:00")],
            tue: vec![r("01:00", "05:00")],
            sun: vec![r("23:00", "01:00")],
            ..Default::default()
        };
        assert_eq!(weekly_overlaps(&hours), vec![(Weekday::Tue, 0), (Weekday::Sun, 0)]);
        assert!(weekly_overlaps(&office()).is_empty());
    }
}
