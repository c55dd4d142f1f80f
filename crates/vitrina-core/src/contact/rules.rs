//! What a seller may save and what a shopper may send. The backend refuses what breaks these
//! rules; the editor and the form show the same messages at the field before anything is sent.

use super::paths;
use super::schedule::{RangeError, Span, overlapping, weekly_overlaps};
use super::signature;
use super::zone::{TimeZones, local_date};
use crate::FieldError;
use crate::api::{
    Audience, Away, ContactSettings, DateOverride, EmailChannel, Identity, MessageContext, MessagesChannel, MessengerKind,
    NewContactMessage, PhoneChannel, PostalChannel, TimeRange, WeeklyHours,
};
use crate::civil::{Date, UnixSeconds, Weekday};
use crate::field::{self, FieldCode};

pub const MAX_RANGES_PER_DAY: usize = 4;
pub const MAX_OVERRIDES: usize = 60;
pub const MAX_MESSENGERS: usize = 6;
pub const MAX_RESPONSE_TIME_HOURS: u32 = 168;
pub const MAX_SUBJECT_CHARS: usize = 150;
pub const MAX_MESSAGE_CHARS: usize = 5000;

/// The outcome of checking settings: errors refuse the save, warnings only advise.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub errors: Vec<FieldError>,
    pub warnings: Vec<FieldError>,
}

impl Report {
    fn error(&mut self, field: impl Into<String>, code: FieldCode) {
        self.errors.push(FieldError::of(field, code));
    }

    /// The first error on `field`, if any.
    pub fn error_on(&self, field: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == field)
    }

    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Free mailbox services (seed 003: customers trust a business address more). Not exhaustive.
const FREE_MAILBOX_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "gmx.com",
    "gmx.net",
    "gmx.de",
    "web.de",
    "mail.com",
    "proton.me",
    "protonmail.com",
    "yandex.ru",
    "yandex.com",
    "ya.ru",
    "mail.ru",
    "bk.ru",
    "list.ru",
    "inbox.ru",
    "rambler.ru",
    "ukr.net",
    "i.ua",
    "meta.ua",
    "seznam.cz",
    "centrum.sk",
    "azet.sk",
    "zoznam.sk",
    "post.sk",
    "atlas.sk",
    "centrum.cz",
];

/// Whether an address is on a free mailbox service.
pub fn is_free_mailbox(address: &str) -> bool {
    address.trim().rsplit_once('@').is_some_and(|(_, domain)| {
        let domain = crate::text::lowercase(domain);
        FREE_MAILBOX_DOMAINS.contains(&domain.as_str())
    })
}

fn check_text(report: &mut Report, field: &str, value: &str, required: bool, max: usize) {
    let result = if required { field::required_text(value, max).map(drop) } else { field::optional_text(value, max) };
    if let Err(code) = result {
        report.error(field, code);
    }
}

fn check_range(report: &mut Report, field: String, range: &TimeRange) {
    match Span::of(range) {
        Ok(_) => {}
        Err(RangeError::InvalidTime) => report.error(field, FieldCode::InvalidTime),
        Err(RangeError::Empty) => report.error(field, FieldCode::EmptyRange),
    }
}

fn is_website(value: &str) -> bool {
    let value = value.trim();
    let Some(rest) = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        && host.chars().all(|c| crate::text::is_alphanumeric(c) || c == '-' || c == '.' || c == ':')
}

fn is_tax_id(value: &str) -> bool {
    let value = value.trim();
    let len = value.chars().count();
    (4..=20).contains(&len)
        && value.chars().any(|c| c.is_ascii_digit())
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
}

fn is_handle(kind: MessengerKind, handle: &str) -> bool {
    let handle = handle.trim();
    match kind {
        MessengerKind::Whatsapp | MessengerKind::Viber | MessengerKind::Signal => field::international_phone(handle).is_ok(),
        MessengerKind::Telegram => {
            let name = handle.trim_start_matches('@');
            (5..=32).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        MessengerKind::Skype => !handle.is_empty() && handle.len() <= 100 && !handle.contains(char::is_whitespace),
        MessengerKind::Unknown => false,
    }
}

/// Checks everything a seller saves. `now` and the zones place "today" in the seller's zone
/// (a return date must be after it). One checker per section, in the order the editor shows them.
pub fn check_settings(s: &ContactSettings, now: UnixSeconds, tz: &dyn TimeZones) -> Report {
    let mut report = Report::default();
    // A channel that is on while the seller takes contact at all.
    let on = |enabled: bool| s.accepts_contact && enabled;
    check_reachable(&mut report, s);
    check_time_zone(&mut report, &s.time_zone, tz);
    check_audiences(&mut report, s);
    check_messages(&mut report, &s.messages, on(s.messages.enabled));
    check_email(&mut report, &s.email, on(s.email.enabled));
    check_phone(&mut report, &s.phone, on(s.phone.enabled), &s.hours);
    check_postal(&mut report, &s.postal, on(s.postal.enabled));
    check_hours(&mut report, &s.hours);
    check_overrides(&mut report, &s.overrides);
    check_identity(&mut report, &s.identity, s.accepts_contact);
    check_response_time(&mut report, s.response_time_hours);
    check_away(&mut report, &s.away, &s.time_zone, now, tz);
    check_signature(&mut report, s);
    report
}

/// Taking contact needs a way to be reached.
fn check_reachable(report: &mut Report, s: &ContactSettings) {
    if s.accepts_contact && !(s.messages.enabled || s.email.enabled || s.phone.enabled || s.postal.enabled) {
        report.error(paths::ACCEPTS_CONTACT, FieldCode::NoChannel);
    }
}

fn check_time_zone(report: &mut Report, zone: &str, tz: &dyn TimeZones) {
    if zone.trim().is_empty() {
        report.error(paths::TIME_ZONE, FieldCode::Required);
    } else if zone.len() > 64 || !tz.is_known(zone.trim()) {
        report.error(paths::TIME_ZONE, FieldCode::InvalidTimeZone);
    }
}

/// Only the audiences a seller may choose.
fn check_audiences(report: &mut Report, s: &ContactSettings) {
    for (field, audience) in [
        (paths::MESSAGES_AUDIENCE, s.messages.audience),
        (paths::EMAIL_AUDIENCE, s.email.audience),
        (paths::PHONE_AUDIENCE, s.phone.audience),
        (paths::POSTAL_AUDIENCE, s.postal.audience),
    ] {
        if audience == Audience::Unknown {
            report.error(field, FieldCode::Invalid);
        }
    }
}

fn check_messages(report: &mut Report, messages: &MessagesChannel, on: bool) {
    if on && messages.messengers.is_empty() {
        report.error(paths::MESSENGERS, FieldCode::MessagesWithoutMessengers);
    }
    if messages.messengers.len() > MAX_MESSENGERS {
        report.error(paths::MESSENGERS, FieldCode::TooMany);
    }
    for (i, m) in messages.messengers.iter().enumerate() {
        if m.handle.trim().is_empty() {
            report.error(paths::messenger_handle(i), FieldCode::Required);
        } else if !is_handle(m.kind, &m.handle) {
            report.error(paths::messenger_handle(i), FieldCode::InvalidHandle);
        }
    }
}

fn check_email(report: &mut Report, email: &EmailChannel, on: bool) {
    let address = email.address.trim();
    if address.is_empty() {
        if on {
            report.error(paths::EMAIL_ADDRESS, FieldCode::Required);
        }
    } else if let Err(code) = field::email(address) {
        report.error(paths::EMAIL_ADDRESS, code);
    } else if is_free_mailbox(address) {
        report.warnings.push(FieldError::of(paths::EMAIL_ADDRESS, FieldCode::FreeMailbox));
    }
    if on && !email.show_address && !email.contact_form {
        report.error(paths::EMAIL_SHOW_ADDRESS, FieldCode::EmailNoWay);
    }
}

/// The phone is shown only during the hours, so it needs some.
fn check_phone(report: &mut Report, phone: &PhoneChannel, on: bool, hours: &WeeklyHours) {
    if phone.number.trim().is_empty() {
        if on {
            report.error(paths::PHONE_NUMBER, FieldCode::Required);
        }
    } else if let Err(code) = field::international_phone(&phone.number) {
        report.error(paths::PHONE_NUMBER, code);
    }
    if on && hours.is_empty() {
        report.error(paths::PHONE_ENABLED, FieldCode::PhoneWithoutHours);
    }
}

fn check_postal(report: &mut Report, postal: &PostalChannel, on: bool) {
    check_text(report, paths::POSTAL_ADDRESS, &postal.address, on, 500);
    if postal.address.lines().count() > 8 {
        report.error(paths::POSTAL_ADDRESS, FieldCode::TooLong);
    }
}

/// Each day's ranges are real times, not empty, and overlap none of the week's (an overnight
/// range runs into the next day).
fn check_hours(report: &mut Report, hours: &WeeklyHours) {
    for day in Weekday::ALL {
        let ranges = hours.day(day);
        if ranges.len() > MAX_RANGES_PER_DAY {
            report.error(paths::hours_day(day), FieldCode::TooMany);
        }
        for (i, range) in ranges.iter().enumerate() {
            check_range(report, paths::hours_range(day, i), range);
        }
    }
    for (day, i) in weekly_overlaps(hours) {
        report.error(paths::hours_range(day, i), FieldCode::OverlappingRanges);
    }
}

/// Special dates are real, listed once, with ranges like a day's.
fn check_overrides(report: &mut Report, overrides: &[DateOverride]) {
    if overrides.len() > MAX_OVERRIDES {
        report.error(paths::OVERRIDES, FieldCode::TooMany);
    }
    let mut dates: Vec<Date> = Vec::new();
    for (i, o) in overrides.iter().enumerate() {
        if o.date.trim().is_empty() {
            report.error(paths::override_date(i), FieldCode::Required);
        } else {
            match Date::parse(o.date.trim()) {
                None => report.error(paths::override_date(i), FieldCode::InvalidDate),
                Some(d) if dates.contains(&d) => report.error(paths::override_date(i), FieldCode::DuplicateDate),
                Some(d) => dates.push(d),
            }
        }
        if o.ranges.len() > MAX_RANGES_PER_DAY {
            report.error(paths::override_ranges(i), FieldCode::TooMany);
        }
        for (j, range) in o.ranges.iter().enumerate() {
            check_range(report, paths::override_range(i, j), range);
        }
        for j in overlapping(&o.ranges) {
            report.error(paths::override_range(i, j), FieldCode::OverlappingRanges);
        }
        check_text(report, &paths::override_note(i), &o.note, false, 100);
    }
}

/// Seed 001: the full name is a must; a business gives its name and tax id.
fn check_identity(report: &mut Report, id: &Identity, accepts_contact: bool) {
    check_text(report, paths::FULL_NAME, &id.full_name, accepts_contact, 100);
    check_text(report, paths::NICKNAME, &id.nickname, false, 60);
    check_text(report, paths::LEGAL_ENTITY, &id.legal_entity, false, 150);
    if id.tax_id.trim().is_empty() {
        if !id.legal_entity.trim().is_empty() {
            report.error(paths::TAX_ID, FieldCode::Required);
        }
    } else if !is_tax_id(&id.tax_id) {
        report.error(paths::TAX_ID, FieldCode::InvalidTaxId);
    }
    if !id.website.trim().is_empty() {
        if id.website.trim().len() > 200 {
            report.error(paths::WEBSITE, FieldCode::TooLong);
        } else if !is_website(&id.website) {
            report.error(paths::WEBSITE, FieldCode::InvalidUrl);
        }
    }
}

fn check_response_time(report: &mut Report, hours: u32) {
    if !(1..=MAX_RESPONSE_TIME_HOURS).contains(&hours) {
        report.error(paths::RESPONSE_TIME_HOURS, FieldCode::OutOfRange);
    }
}

/// Seed 001: away is a real absence, with the date of return, after today in the seller's zone.
fn check_away(report: &mut Report, away: &Away, zone: &str, now: UnixSeconds, tz: &dyn TimeZones) {
    if away.enabled {
        let until = away.until.trim();
        if until.is_empty() {
            report.error(paths::AWAY_UNTIL, FieldCode::Required);
        } else {
            match Date::parse(until) {
                None => report.error(paths::AWAY_UNTIL, FieldCode::InvalidDate),
                Some(date) => {
                    let today = local_date(tz, zone.trim(), now).unwrap_or_else(|| Date::from_days_since_epoch(now.div_euclid(86_400)));
                    if date <= today {
                        report.error(paths::AWAY_UNTIL, FieldCode::AwayReturnInPast);
                    }
                }
            }
        }
    }
    check_text(report, paths::AWAY_NOTE, &away.note, false, 500);
}

/// Seed 003: the signature's form and what it must give.
fn check_signature(report: &mut Report, s: &ContactSettings) {
    for code in signature::check(&s.signature, &s.identity, &s.email.address) {
        report.error(paths::SIGNATURE, code);
    }
}

/// A contact-form message as the backend stores it: trimmed and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedMessage {
    pub subject: String,
    pub message: String,
    pub reply_to: String,
    pub context: MessageContext,
}

/// An order number or tracking number from a link: letters, digits and dashes, at most 40.
pub fn clean_reference(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty() && value.len() <= 40 && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')).then(|| value.to_owned())
}

impl MessageContext {
    /// The context a link names (`?order=1042`, `?shipment=PX1000000004`); anything that is
    /// not a plausible reference is dropped rather than echoed.
    pub fn from_link(order: Option<&str>, shipment: Option<&str>) -> MessageContext {
        MessageContext { order: order.and_then(clean_reference), shipment: shipment.and_then(clean_reference) }
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_none() && self.shipment.is_none()
    }
}

/// Checks a contact-form message (the honeypot is the backend's business, not a field rule).
pub fn check_message(m: &NewContactMessage) -> Result<CheckedMessage, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut take = |field: &str, result: Result<String, FieldCode>| match result {
        Ok(v) => v,
        Err(code) => {
            errors.push(FieldError::of(field, code));
            String::new()
        }
    };
    let subject = take(paths::SUBJECT, field::required_text(&m.subject, MAX_SUBJECT_CHARS));
    let message = take(paths::MESSAGE, field::required_text(&m.message, MAX_MESSAGE_CHARS));
    // One mailbox, kept as its bare address: a name pasted with it is dropped, and nothing that
    // could break a header or send the mail elsewhere gets through.
    let reply_to = take(
        paths::REPLY_TO,
        crate::mailbox::Mailbox::parse(&m.reply_to).map(|m| m.address().to_owned()).map_err(|e| match e {
            crate::mailbox::MailboxError::Empty => FieldCode::Required,
            crate::mailbox::MailboxError::TooLong => FieldCode::TooLong,
            crate::mailbox::MailboxError::Invalid => FieldCode::InvalidEmail,
        }),
    );
    let mut context = MessageContext::default();
    for (field, value, slot) in [
        (paths::CONTEXT_ORDER, &m.context.order, &mut context.order),
        (paths::CONTEXT_SHIPMENT, &m.context.shipment, &mut context.shipment),
    ] {
        if let Some(v) = value {
            match clean_reference(v) {
                Some(clean) => *slot = Some(clean),
                None => errors.push(FieldError::of(field, FieldCode::Invalid)),
            }
        }
    }
    if errors.is_empty() { Ok(CheckedMessage { subject, message, reply_to, context }) } else { Err(errors) }
}

/// Whether a day's list of ranges would be valid (for the editor's quick check while typing).
pub fn day_is_valid(ranges: &[TimeRange]) -> bool {
    ranges.iter().all(|r| Span::of(r).is_ok()) && overlapping(ranges).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::*;
    use crate::contact::test_zones::Tz;

    fn now() -> UnixSeconds {
        crate::civil::parse_rfc3339("2026-11-22T10:00:00Z").unwrap().0
    }

    /// Settings that pass every rule.
    fn good() -> ContactSettings {
        let day = vec![TimeRange::new("09:00", "18:00")];
        ContactSettings {
            accepts_contact: true,
            time_zone: "Europe/Bratislava".into(),
            messages: MessagesChannel {
                enabled: true,
                audience: Audience::Everyone,
                messengers: vec![Messenger { kind: MessengerKind::Telegram, handle: "@severny_veter".into() }],
            },
            email: EmailChannel {
                enabled: true,
                audience: Audience::Everyone,
                address: "marek@severny-veter.example".into(),
                show_address: true,
                contact_form: true,
            },
            phone: PhoneChannel {
                enabled: true,
                audience: Audience::Everyone,
                number: "+421 905 123 456".into(),
                action: PhoneAction::Call,
            },
            postal: PostalChannel { enabled: true, audience: Audience::Verified, address: "Hlavná 12\n811 01 Bratislava".into() },
            hours: WeeklyHours { mon: day.clone(), tue: day.clone(), wed: day, ..Default::default() },
            overrides: vec![DateOverride { date: "2026-12-24".into(), ranges: vec![], note: "Christmas Eve".into() }],
            identity: Identity {
                full_name: "Marek Horváth".into(),
                nickname: String::new(),
                legal_entity: "Severny Veter s.r.o.".into(),
                tax_id: "SK2120123456".into(),
                website: "https://severny-veter.example".into(),
            },
            response_time_hours: 24,
            away: Away::default(),
            presence: Presence::default(),
            signature: String::new(),
        }
    }

    fn codes(s: &ContactSettings) -> Vec<(String, FieldCode)> {
        check_settings(s, now(), &Tz).errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    fn one(field: &str, code: FieldCode) -> Vec<(String, FieldCode)> {
        vec![(field.to_owned(), code)]
    }

    #[test]
    fn good_settings_pass() {
        assert_eq!(codes(&good()), vec![]);
    }

    #[test]
    fn the_phone_must_be_international() {
        let mut s = good();
        s.phone.number = "0905 123 456".into();
        assert_eq!(codes(&s), one("phone.number", FieldCode::InvalidPhone));
        s.phone.number = String::new();
        assert_eq!(codes(&s), one("phone.number", FieldCode::Required));
        s.phone.enabled = false;
        assert_eq!(codes(&s), vec![], "a phone that is off needs no number");
    }

    #[test]
    fn the_email_must_be_an_address() {
        let mut s = good();
        s.email.address = "marek at severny-veter".into();
        assert_eq!(codes(&s), one("email.address", FieldCode::InvalidEmail));
    }

    #[test]
    fn a_free_mailbox_is_a_warning_not_an_error() {
        let mut s = good();
        s.email.address = "marek.horvath@Gmail.com".into();
        s.signature = String::new();
        let report = check_settings(&s, now(), &Tz);
        assert!(report.is_ok());
        assert_eq!(report.warnings.len(), 1);
        assert_eq!(report.warnings[0].code, FieldCode::FreeMailbox);
        assert!(is_free_mailbox("x@mail.ru") && is_free_mailbox("x@azet.sk"));
        assert!(!is_free_mailbox("marek@severny-veter.example"));
    }

    #[test]
    fn overlapping_and_empty_ranges_are_refused_where_they_are() {
        let mut s = good();
        s.hours.mon = vec![TimeRange::new("09:00", "13:00"), TimeRange::new("12:00", "18:00")];
        s.hours.tue = vec![TimeRange::new("10:00", "10:00")];
        s.hours.wed = vec![TimeRange::new("10:00", "25:00")];
        assert_eq!(
            codes(&s),
            vec![
                ("hours.tue.0".into(), FieldCode::EmptyRange),
                ("hours.wed.0".into(), FieldCode::InvalidTime),
                ("hours.mon.1".into(), FieldCode::OverlappingRanges),
            ]
        );
    }

    #[test]
    fn an_overnight_range_that_runs_into_the_next_days_hours_overlaps_them() {
        let mut s = good();
        s.hours.mon = vec![TimeRange::new("20:00", "10:00")];
        assert_eq!(codes(&s), one("hours.tue.0", FieldCode::OverlappingRanges));
        s.hours.mon = vec![TimeRange::new("20:00", "02:00")];
        assert_eq!(codes(&s), vec![], "Monday night to Tuesday 02:00 is fine");
    }

    #[test]
    fn the_phone_needs_hours() {
        let mut s = good();
        s.hours = WeeklyHours::default();
        assert_eq!(codes(&s), one("phone.enabled", FieldCode::PhoneWithoutHours));
    }

    #[test]
    fn taking_contact_needs_a_channel_and_no_contact_needs_none() {
        let mut s = good();
        s.messages.enabled = false;
        s.email.enabled = false;
        s.phone.enabled = false;
        s.postal.enabled = false;
        assert_eq!(codes(&s), one("accepts_contact", FieldCode::NoChannel));
        s.accepts_contact = false;
        s.identity = Identity::default();
        s.signature = String::new();
        assert_eq!(codes(&s), vec![]);
    }

    #[test]
    fn email_needs_the_address_shown_or_the_form() {
        let mut s = good();
        s.email.show_address = false;
        s.email.contact_form = false;
        assert_eq!(codes(&s), one("email.show_address", FieldCode::EmailNoWay));
    }

    #[test]
    fn dates_of_overrides_must_be_real_and_listed_once() {
        let mut s = good();
        s.overrides.push(DateOverride { date: "2026-12-24".into(), ..Default::default() });
        s.overrides.push(DateOverride { date: "2026-02-30".into(), ..Default::default() });
        s.overrides.push(DateOverride {
            date: "2026-12-31".into(),
            ranges: vec![TimeRange::new("10:00", "12:00"), TimeRange::new("11:00", "13:00")],
            note: String::new(),
        });
        assert_eq!(
            codes(&s),
            vec![
                ("overrides.1.date".into(), FieldCode::DuplicateDate),
                ("overrides.2.date".into(), FieldCode::InvalidDate),
                ("overrides.3.ranges.1".into(), FieldCode::OverlappingRanges),
            ]
        );
    }

    #[test]
    fn the_time_zone_must_be_known() {
        let mut s = good();
        s.time_zone = "Europe/Atlantis".into();
        assert_eq!(codes(&s), one("time_zone", FieldCode::InvalidTimeZone));
    }

    #[test]
    fn a_business_gives_its_tax_id_and_a_site_is_a_full_address() {
        let mut s = good();
        s.identity.tax_id = String::new();
        s.identity.website = "severny-veter.example".into();
        assert_eq!(codes(&s), vec![("identity.tax_id".into(), FieldCode::Required), ("identity.website".into(), FieldCode::InvalidUrl),]);
    }

    #[test]
    fn messengers_need_a_real_handle() {
        let mut s = good();
        s.messages.messengers.push(Messenger { kind: MessengerKind::Whatsapp, handle: "905 123".into() });
        assert_eq!(codes(&s), one("messages.messengers.1.handle", FieldCode::InvalidHandle));
        s.messages.messengers.clear();
        assert_eq!(codes(&s), one("messages.messengers", FieldCode::MessagesWithoutMessengers));
    }

    #[test]
    fn away_needs_a_return_date_after_today_in_the_sellers_zone() {
        let mut s = good();
        s.away = Away { enabled: true, until: "2026-11-22".into(), note: String::new() };
        assert_eq!(codes(&s), one("away.until", FieldCode::AwayReturnInPast));
        s.away.until = "2026-11-30".into();
        assert_eq!(codes(&s), vec![]);
        s.away.until = String::new();
        assert_eq!(codes(&s), one("away.until", FieldCode::Required));
    }

    #[test]
    fn a_signature_breaking_seed_003_is_refused() {
        let mut s = good();
        s.signature = "Thanks!".into();
        let found = codes(&s);
        assert!(found.contains(&("signature".into(), FieldCode::SignatureMissingName)));
        assert!(found.contains(&("signature".into(), FieldCode::SignatureMissingEmail)));
    }

    #[test]
    fn a_message_needs_subject_text_and_a_reply_address() {
        let m = NewContactMessage {
            subject: "  Order 1042 ".into(),
            message: "Where is my parcel?".into(),
            reply_to: "anna@example.com".into(),
            context: MessageContext { order: Some("1042".into()), shipment: None },
            website: String::new(),
            locale: None,
        };
        let checked = check_message(&m).unwrap();
        assert_eq!(checked.subject, "Order 1042");
        assert_eq!(checked.context.order.as_deref(), Some("1042"));
        let bad = NewContactMessage {
            subject: String::new(),
            message: "x".repeat(MAX_MESSAGE_CHARS + 1),
            reply_to: "anna".into(),
            context: MessageContext { order: Some("<script>".into()), shipment: None },
            website: String::new(),
            locale: None,
        };
        let fields: Vec<(String, FieldCode)> = check_message(&bad).unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            fields,
            vec![
                ("subject".into(), FieldCode::Required),
                ("message".into(), FieldCode::TooLong),
                ("reply_to".into(), FieldCode::InvalidEmail),
                ("context.order".into(), FieldCode::Invalid),
            ]
        );
    }

    #[test]
    fn a_link_context_keeps_only_plausible_references() {
        let c = MessageContext::from_link(Some("1042"), Some("PX1000000004"));
        assert_eq!(c.order.as_deref(), Some("1042"));
        assert_eq!(c.shipment.as_deref(), Some("PX1000000004"));
        let c = MessageContext::from_link(Some("<img src=x>"), Some(""));
        assert!(c.is_empty());
    }
}
