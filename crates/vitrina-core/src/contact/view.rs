//! What one shopper is shown at one moment: the backend answers with this, and the seller's
//! editor computes the same in the browser for its preview.

use super::audience::Viewer;
use super::obfuscate;
use super::schedule::{Schedule, Window};
use super::zone::{TimeZones, from_local, local_date};
use crate::api::{
    Access, AwayNotice, ChannelKind, ContactSettings, ContactWindow, PhoneNumber, PresenceState, PublicChannel, SellerContact,
};
use crate::civil::{Date, UnixSeconds, format_rfc3339_utc, parse_rfc3339};
use crate::field;

/// The date in the seller's zone (UTC when the zone is unknown).
pub fn seller_today(settings: &ContactSettings, now: UnixSeconds, tz: &dyn TimeZones) -> Date {
    local_date(tz, &settings.time_zone, now).unwrap_or_else(|| Date::from_days_since_epoch(now.div_euclid(86_400)))
}

/// The return date while the seller is away; away mode ends by itself on that date.
pub fn away_until(settings: &ContactSettings, today: Date) -> Option<Date> {
    if !settings.away.enabled {
        return None;
    }
    Date::parse(settings.away.until.trim()).filter(|until| *until > today)
}

/// The instant the seller is back: the start of the return date in their zone.
fn return_instant(settings: &ContactSettings, until: Date, tz: &dyn TimeZones) -> UnixSeconds {
    let midnight = until.days_since_epoch() * 86_400;
    from_local(tz, &settings.time_zone, midnight).unwrap_or(midnight)
}

/// When the scheduled channels can be used: the window running at `now` (if any) and the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Availability {
    pub open_now: bool,
    /// The window `now` is in, or the next one (after the return, while away).
    pub window: Option<Window>,
}

/// The scheduled channels' availability at `now`, away mode included (no phone while away).
pub fn availability(settings: &ContactSettings, now: UnixSeconds, tz: &dyn TimeZones) -> Availability {
    let today = seller_today(settings, now, tz);
    let from = match away_until(settings, today) {
        Some(until) => now.max(return_instant(settings, until, tz)),
        None => now,
    };
    let window = Schedule::of(settings).window_at_or_after(tz, from);
    Availability { open_now: window.is_some_and(|w| w.start <= now), window }
}

/// When a reply to a message sent at `now` can be expected (seed 001: answer within a day, but
/// weekends and holidays do not count). The clock starts at `now`, or at the return while the
/// seller is away, and runs only in the seller's working time:
///
/// - each whole day of the response time is one working day (a date with hours, after the
///   holiday overrides): the reply comes by the end of that day's hours, so a message sent on
///   Friday evening to a seller who replies "within a day" is due by the end of Monday's hours;
/// - hours beyond whole days are counted inside the hours (4 hours from Monday 16:00, with
///   hours 09:00–18:00, is Tuesday 11:00).
///
/// A seller with no hours at all (or an unknown zone) is taken at the calendar's word.
pub fn reply_expected_by(settings: &ContactSettings, now: UnixSeconds, tz: &dyn TimeZones) -> UnixSeconds {
    let today = seller_today(settings, now, tz);
    let from = match away_until(settings, today) {
        Some(until) => now.max(return_instant(settings, until, tz)),
        None => now,
    };
    let hours = i64::from(settings.response_time_hours.max(1));
    let calendar = from + hours * 3600;
    let schedule = Schedule::of(settings);
    let Some(start_date) = local_date(tz, &settings.time_zone, from) else { return calendar };
    let mut from = from;
    let whole_days = hours / 24;
    if whole_days > 0 {
        let mut counted = 0;
        let mut date = start_date;
        let mut end_of_day = None;
        for _ in 0..HORIZON_DAYS {
            date = date.add_days(1);
            let windows = schedule.windows_starting_on(tz, date);
            if let Some(end) = windows.iter().map(|w| w.end).max() {
                counted += 1;
                if counted == whole_days {
                    end_of_day = Some(end);
                    break;
                }
            }
        }
        let Some(end) = end_of_day else { return calendar };
        from = end;
    }
    let mut remaining = (hours % 24) * 3600;
    if remaining == 0 {
        return from;
    }
    let mut at = from;
    for _ in 0..HORIZON_DAYS * 4 {
        let Some(window) = schedule.window_at_or_after(tz, at) else { return calendar };
        let start = window.start.max(at);
        if window.end - start >= remaining {
            return start + remaining;
        }
        remaining -= window.end - start;
        at = window.end;
    }
    calendar
}

/// How far ahead a reply time looks for working days (holidays may close many in a row).
const HORIZON_DAYS: usize = 400;

/// The seller's own switch while it is in force at `now`: from when it was set until the end of
/// the hours of that day in the seller's zone (until midnight when that day has no hours left).
pub fn presence_at(settings: &ContactSettings, now: UnixSeconds, tz: &dyn TimeZones) -> Option<(PresenceState, UnixSeconds)> {
    let presence = &settings.presence;
    if !matches!(presence.state, PresenceState::Available | PresenceState::Away) {
        return None;
    }
    let (set_at, _) = parse_rfc3339(presence.set_at.trim())?;
    let date = local_date(tz, &settings.time_zone, set_at)?;
    let end_of_hours = Schedule::of(settings).windows_starting_on(tz, date).iter().map(|w| w.end).max();
    let midnight = from_local(tz, &settings.time_zone, date.add_days(1).days_since_epoch() * 86_400)?;
    let expires = end_of_hours.filter(|end| *end > set_at).unwrap_or(midnight);
    (set_at <= now && now < expires).then_some((presence.state, expires))
}

/// Whether messages are answered at once at `now`: during the hours unless the seller set
/// themselves away, and outside them only while the seller set themselves available.
pub fn messages_availability(settings: &ContactSettings, now: UnixSeconds, tz: &dyn TimeZones) -> Availability {
    let scheduled = availability(settings, now, tz);
    if away_until(settings, seller_today(settings, now, tz)).is_some() {
        return scheduled;
    }
    match presence_at(settings, now, tz) {
        Some((PresenceState::Available, expires)) => Availability { open_now: true, window: Some(Window { start: now, end: expires }) },
        Some((PresenceState::Away, expires)) => {
            Availability { open_now: false, window: Schedule::of(settings).window_at_or_after(tz, expires) }
        }
        _ => scheduled,
    }
}

/// The away notice shoppers see, while away.
pub fn away_notice(settings: &ContactSettings, now: UnixSeconds, tz: &dyn TimeZones) -> Option<AwayNotice> {
    away_until(settings, seller_today(settings, now, tz))
        .map(|until| AwayNotice { until: until.to_string(), note: settings.away.note.trim().to_owned() })
}

fn channel(kind: ChannelKind, audience: crate::api::Audience, viewer: Viewer) -> PublicChannel {
    PublicChannel {
        kind,
        audience,
        access: audience.access_for(viewer),
        email_encoded: None,
        email: None,
        phone: None,
        phone_action: None,
        postal_address: None,
        messengers: Vec::new(),
        available_now: None,
        available_until: None,
        next_window: None,
    }
}

fn with_schedule(mut c: PublicChannel, a: Availability) -> PublicChannel {
    c.available_now = Some(a.open_now);
    match a.window {
        Some(w) if a.open_now => c.available_until = Some(format_rfc3339_utc(w.end)),
        Some(w) => c.next_window = Some(ContactWindow { starts_at: format_rfc3339_utc(w.start), ends_at: format_rfc3339_utc(w.end) }),
        None => {}
    }
    c
}

/// How `viewer` can reach the seller at `now`. A channel the viewer may not use carries no
/// details, only what would open it; the phone number is left out entirely outside the hours.
pub fn public_view(
    seller_id: &str,
    seller_name: &str,
    settings: &ContactSettings,
    viewer: Viewer,
    now: UnixSeconds,
    tz: &dyn TimeZones,
) -> SellerContact {
    let today = seller_today(settings, now, tz);
    let mut overrides: Vec<_> =
        settings.overrides.iter().filter(|o| Date::parse(o.date.trim()).is_some_and(|d| d >= today)).cloned().collect();
    overrides.sort_by(|a, b| a.date.cmp(&b.date));
    let mut channels = Vec::new();
    let accepts = settings.accepts_contact;
    let a = availability(settings, now, tz);

    let m = &settings.messages;
    if accepts && m.enabled {
        let mut c = with_schedule(channel(ChannelKind::Messages, m.audience, viewer), messages_availability(settings, now, tz));
        if c.access == Access::Open {
            // A messenger reached by the phone number gives the number away: outside the
            // hours (or to someone who may not see the phone) it is left out with the phone.
            let phone = field::international_phone(&settings.phone.number).ok();
            let phone_shown = settings.phone.enabled && a.open_now && settings.phone.audience.access_for(viewer) == Access::Open;
            c.messengers = m
                .messengers
                .iter()
                .filter(|messenger| phone_shown || phone.is_none() || field::international_phone(&messenger.handle).ok() != phone)
                .cloned()
                .collect();
        }
        channels.push(c);
    }
    let e = &settings.email;
    let address_ok = field::email(&e.address).is_ok();
    if accepts && e.enabled && e.show_address && address_ok {
        let mut c = channel(ChannelKind::Email, e.audience, viewer);
        if c.access == Access::Open {
            c.email_encoded = Some(obfuscate::encode(e.address.trim()));
        }
        channels.push(c);
    }
    if accepts && e.enabled && e.contact_form && address_ok {
        channels.push(channel(ChannelKind::ContactForm, e.audience, viewer));
    }
    let p = &settings.phone;
    if accepts && p.enabled {
        let mut c = with_schedule(channel(ChannelKind::Phone, p.audience, viewer), a);
        c.phone_action = Some(p.action);
        if c.access == Access::Open
            && a.open_now
            && let Ok(e164) = field::international_phone(&p.number)
        {
            c.phone = Some(PhoneNumber { display: p.number.trim().to_owned(), e164, action: p.action });
        }
        channels.push(c);
    }
    let post = &settings.postal;
    if accepts && post.enabled {
        let mut c = channel(ChannelKind::Postal, post.audience, viewer);
        if c.access == Access::Open {
            c.postal_address = Some(post.address.trim().to_owned());
        }
        channels.push(c);
    }

    SellerContact {
        seller_id: seller_id.to_owned(),
        seller_name: seller_name.to_owned(),
        accepts_contact: accepts,
        identity: settings.identity.clone(),
        messengers_used: if accepts && m.enabled { m.messengers.iter().map(|m| m.kind).collect() } else { Vec::new() },
        time_zone: settings.time_zone.clone(),
        response_time_hours: settings.response_time_hours,
        away: if accepts { away_notice(settings, now, tz) } else { None },
        hours: settings.hours.clone(),
        overrides,
        channels,
        as_of: format_rfc3339_utc(now),
    }
}

impl SellerContact {
    /// The channel of a kind, if the seller offers it.
    pub fn channel(&self, kind: ChannelKind) -> Option<&PublicChannel> {
        self.channels.iter().find(|c| c.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::*;
    use crate::civil::parse_rfc3339;
    use crate::contact::test_zones::Tz;

    fn utc(s: &str) -> UnixSeconds {
        parse_rfc3339(s).unwrap().0
    }

    fn settings() -> ContactSettings {
        let day = vec![TimeRange::new("09:00", "18:00")];
        ContactSettings {
            accepts_contact: true,
            time_zone: "Europe/Bratislava".into(),
            messages: MessagesChannel {
                enabled: true,
                audience: Audience::Everyone,
                messengers: vec![Messenger { kind: MessengerKind::Telegram, handle: "severny_veter".into() }],
            },
            email: EmailChannel {
                enabled: true,
                audience: Audience::Registered,
                address: "marek@severny-veter.example".into(),
                show_address: true,
                contact_form: true,
            },
            phone: PhoneChannel {
                enabled: true,
                audience: Audience::Everyone,
                number: "+421 905 123 456".into(),
                action: PhoneAction::Sms,
            },
            postal: PostalChannel { enabled: true, audience: Audience::Verified, address: "Hlavná 12\n811 01 Bratislava".into() },
            hours: WeeklyHours { mon: day.clone(), tue: day, ..Default::default() },
            overrides: vec![
                DateOverride { date: "2026-11-01".into(), ranges: vec![], note: "past".into() },
                DateOverride { date: "2026-12-24".into(), ranges: vec![], note: "Christmas Eve".into() },
            ],
            identity: Identity { full_name: "Marek Horváth".into(), ..Default::default() },
            response_time_hours: 24,
            away: Away::default(),
            presence: Presence::default(),
            signature: String::new(),
        }
    }

    const MONDAY_10: &str = "2026-11-23T09:00:00Z";
    const MONDAY_20: &str = "2026-11-23T19:00:00Z";

    fn view(s: &ContactSettings, viewer: Viewer, at: &str) -> SellerContact {
        public_view("demo-seller", "Severny Veter", s, viewer, utc(at), &Tz)
    }

    #[test]
    fn inside_the_hours_the_phone_is_given_with_its_action() {
        let v = view(&settings(), Viewer::Anonymous, MONDAY_10);
        let phone = v.channel(ChannelKind::Phone).unwrap();
        assert_eq!(phone.available_now, Some(true));
        assert_eq!(
            phone.phone,
            Some(PhoneNumber { display: "+421 905 123 456".into(), e164: "+421905123456".into(), action: PhoneAction::Sms })
        );
        assert_eq!(phone.available_until.as_deref(), Some("2026-11-23T17:00:00Z"));
        let messages = v.channel(ChannelKind::Messages).unwrap();
        assert_eq!(messages.available_now, Some(true));
    }

    #[test]
    fn outside_the_hours_the_number_is_not_in_the_answer_at_all() {
        let v = view(&settings(), Viewer::Customer { verified: true }, MONDAY_20);
        let phone = v.channel(ChannelKind::Phone).unwrap();
        assert_eq!(phone.phone, None);
        assert_eq!(phone.available_now, Some(false));
        assert_eq!(
            phone.next_window,
            Some(ContactWindow { starts_at: "2026-11-24T08:00:00Z".into(), ends_at: "2026-11-24T17:00:00Z".into() })
        );
        let json = serde_json::to_string(&v).unwrap();
        assert!(!json.contains("905"), "{json}");
    }

    #[test]
    fn a_messenger_reached_by_the_phone_number_is_hidden_with_the_phone() {
        let mut s = settings();
        s.messages.messengers.push(Messenger { kind: MessengerKind::Whatsapp, handle: "+421905123456".into() });
        let kinds = |v: &SellerContact| -> Vec<MessengerKind> {
            v.channel(ChannelKind::Messages).unwrap().messengers.iter().map(|m| m.kind).collect()
        };
        let open = view(&s, Viewer::Anonymous, MONDAY_10);
        assert_eq!(kinds(&open), vec![MessengerKind::Telegram, MessengerKind::Whatsapp]);
        let closed = view(&s, Viewer::Anonymous, MONDAY_20);
        assert_eq!(kinds(&closed), vec![MessengerKind::Telegram]);
        assert!(!serde_json::to_string(&closed).unwrap().contains("905"));
    }

    #[test]
    fn each_channel_follows_its_audience() {
        let anonymous = view(&settings(), Viewer::Anonymous, MONDAY_10);
        let email = anonymous.channel(ChannelKind::Email).unwrap();
        assert_eq!(email.access, Access::SignIn);
        assert_eq!(email.email_encoded, None);
        assert_eq!(anonymous.channel(ChannelKind::ContactForm).unwrap().access, Access::SignIn);
        assert_eq!(anonymous.channel(ChannelKind::Postal).unwrap().postal_address, None);

        let unverified = view(&settings(), Viewer::Customer { verified: false }, MONDAY_10);
        let email = unverified.channel(ChannelKind::Email).unwrap();
        assert_eq!(email.access, Access::Open);
        let encoded = email.email_encoded.as_deref().unwrap();
        assert_eq!(obfuscate::decode(encoded).as_deref(), Some("marek@severny-veter.example"));
        let postal = unverified.channel(ChannelKind::Postal).unwrap();
        assert_eq!(postal.access, Access::VerifyEmail);
        assert_eq!(postal.postal_address, None);

        let verified = view(&settings(), Viewer::Customer { verified: true }, MONDAY_10);
        assert_eq!(verified.channel(ChannelKind::Postal).unwrap().postal_address.as_deref(), Some("Hlavná 12\n811 01 Bratislava"));
    }

    #[test]
    fn the_plain_address_never_appears_in_the_answer() {
        let v = view(&settings(), Viewer::Customer { verified: true }, MONDAY_10);
        let json = serde_json::to_string(&v).unwrap();
        assert!(!json.contains("marek@"), "{json}");
        assert!(!json.contains("severny-veter.example"), "{json}");
    }

    #[test]
    fn a_seller_who_takes_no_contact_shows_no_channel() {
        let mut s = settings();
        s.accepts_contact = false;
        let v = view(&s, Viewer::Customer { verified: true }, MONDAY_10);
        assert!(!v.accepts_contact);
        assert!(v.channels.is_empty());
        assert!(v.messengers_used.is_empty());
    }

    #[test]
    fn only_overrides_from_today_on_are_shown() {
        let v = view(&settings(), Viewer::Anonymous, MONDAY_10);
        let dates: Vec<&str> = v.overrides.iter().map(|o| o.date.as_str()).collect();
        assert_eq!(dates, vec!["2026-12-24"]);
    }

    #[test]
    fn while_away_the_phone_waits_for_the_return_and_replies_are_expected_after_it() {
        let mut s = settings();
        s.away = Away { enabled: true, until: "2026-11-26".into(), note: "Orders still ship.".into() };
        let v = view(&s, Viewer::Anonymous, MONDAY_10);
        assert_eq!(v.away, Some(AwayNotice { until: "2026-11-26".into(), note: "Orders still ship.".into() }));
        let phone = v.channel(ChannelKind::Phone).unwrap();
        assert_eq!(phone.phone, None);
        assert_eq!(phone.available_now, Some(false));
        // Thursday 26 Nov has no hours; the next is Monday 30 Nov 09:00.
        assert_eq!(phone.next_window.as_ref().unwrap().starts_at, "2026-11-30T08:00:00Z");
        // Back on Thursday the 26th; the next working day after it is Monday the 30th (the
        // settings have hours on Mondays and Tuesdays only), by the end of its hours.
        assert_eq!(reply_expected_by(&s, utc(MONDAY_10), &Tz), utc("2026-11-30T17:00:00Z"));
        // On the return date away mode has ended by itself.
        let v = view(&s, Viewer::Anonymous, "2026-11-26T09:00:00Z");
        assert_eq!(v.away, None);
    }

    #[test]
    fn a_reply_is_expected_within_the_response_time() {
        // Within a day: by the end of the next working day's hours (Tuesday 18:00 Bratislava).
        assert_eq!(reply_expected_by(&settings(), utc(MONDAY_20), &Tz), utc("2026-11-24T17:00:00Z"));
    }

    /// Monday to Friday 09:00–18:00 in Bratislava (UTC+1 in November), Christmas Eve off.
    fn weekdays() -> ContactSettings {
        let day = vec![TimeRange::new("09:00", "18:00")];
        let mut s = settings();
        s.hours = WeeklyHours { mon: day.clone(), tue: day.clone(), wed: day.clone(), thu: day.clone(), fri: day, ..Default::default() };
        s
    }

    #[test]
    fn reply_times_count_working_time_only_skipping_weekends_and_holidays() {
        // (sent at, response time in hours, due by) — all UTC; local time is one hour ahead.
        let cases = [
            // Friday evening, "within a day": Monday, by the end of its hours.
            ("2026-11-27T18:30:00Z", 24, "2026-11-30T17:00:00Z"),
            // Friday morning: the next working day is Monday too.
            ("2026-11-27T08:00:00Z", 24, "2026-11-30T17:00:00Z"),
            // Saturday: Monday.
            ("2026-11-28T12:00:00Z", 24, "2026-11-30T17:00:00Z"),
            // Wednesday 23 Dec: Thursday the 24th is a holiday, so Friday the 25th.
            ("2026-12-23T10:00:00Z", 24, "2026-12-25T17:00:00Z"),
            // Two days from Thursday: Friday, then Monday.
            ("2026-11-26T10:00:00Z", 48, "2026-11-30T17:00:00Z"),
            // Four working hours from Monday 16:00: two on Monday, two on Tuesday from 09:00.
            ("2026-11-23T15:00:00Z", 4, "2026-11-24T10:00:00Z"),
            // Four hours inside the hours stay four hours.
            ("2026-11-23T09:00:00Z", 4, "2026-11-23T13:00:00Z"),
            // Four hours from Friday night: Monday 13:00.
            ("2026-11-27T21:00:00Z", 4, "2026-11-30T12:00:00Z"),
            // A day and two hours from Friday evening: Monday's end, then Tuesday 11:00.
            ("2026-11-27T18:30:00Z", 26, "2026-12-01T10:00:00Z"),
        ];
        let mut s = weekdays();
        s.overrides = vec![DateOverride { date: "2026-12-24".into(), ranges: vec![], note: "Christmas Eve".into() }];
        for (sent, hours, due) in cases {
            s.response_time_hours = hours;
            assert_eq!(format_rfc3339_utc(reply_expected_by(&s, utc(sent), &Tz)), due, "sent {sent}, within {hours} h");
        }
    }

    #[test]
    fn a_seller_without_hours_is_taken_at_the_calendars_word() {
        let mut s = settings();
        s.hours = WeeklyHours::default();
        assert_eq!(reply_expected_by(&s, utc(MONDAY_20), &Tz), utc("2026-11-24T19:00:00Z"));
    }

    fn messages(v: &SellerContact) -> &PublicChannel {
        v.channel(ChannelKind::Messages).unwrap()
    }

    #[test]
    fn away_now_holds_until_the_end_of_the_days_hours() {
        let mut s = weekdays();
        s.presence = Presence { state: PresenceState::Away, set_at: "2026-11-23T09:30:00Z".into() };
        let busy = view(&s, Viewer::Anonymous, "2026-11-23T12:00:00Z");
        assert_eq!(messages(&busy).available_now, Some(false));
        // The next time it is answered at once: Tuesday's hours.
        assert_eq!(messages(&busy).next_window.as_ref().unwrap().starts_at, "2026-11-24T08:00:00Z");
        // The phone keeps its hours: the switch is about messages answered at once.
        assert_eq!(busy.channel(ChannelKind::Phone).unwrap().available_now, Some(true));
        // Tuesday the switch has expired and the schedule decides again.
        let tuesday = view(&s, Viewer::Anonymous, "2026-11-24T09:00:00Z");
        assert_eq!(messages(&tuesday).available_now, Some(true));
    }

    #[test]
    fn available_now_may_reach_past_the_hours_until_midnight_only() {
        let mut s = weekdays();
        s.presence = Presence { state: PresenceState::Available, set_at: "2026-11-23T18:00:00Z".into() };
        let evening = view(&s, Viewer::Anonymous, "2026-11-23T20:00:00Z");
        assert_eq!(messages(&evening).available_now, Some(true));
        // Set after the day's hours ended: it lasts until midnight in Bratislava.
        assert_eq!(messages(&evening).available_until.as_deref(), Some("2026-11-23T23:00:00Z"));
        assert_eq!(messages(&view(&s, Viewer::Anonymous, "2026-11-23T23:30:00Z")).available_now, Some(false));
        // Without a switch the evening is outside the hours.
        s.presence = Presence::default();
        assert_eq!(messages(&view(&s, Viewer::Anonymous, "2026-11-23T20:00:00Z")).available_now, Some(false));
    }
}
