//! What a seller may save and what a shopper may send. The backend refuses what breaks these
//! rules; the editor and the form show the same messages at the field before anything is sent.

use super::schedule::{RangeError, Span, overlapping, weekday_key, weekly_overlaps};
use super::signature;
use super::zone::{TimeZones, local_date};
use super::{code, schedule};
use crate::FieldError;
use crate::api::{Audience, ContactSettings, MessageContext, MessengerKind, NewContactMessage, TimeRange};
use crate::civil::{Date, UnixSeconds, Weekday};
use crate::validate::{self, code as general};

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
    fn error(&mut self, field: impl Into<String>, code: &str) {
        let field = field.into();
        self.errors.push(FieldError::new(&field, code, english(code)));
    }

    /// The first error on `field`, if any.
    pub fn error_on(&self, field: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == field)
    }

    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// The English text of a code, for developers and clients without translations.
pub fn english(code: &str) -> &'static str {
    match code {
        general::REQUIRED => "Fill this in.",
        general::INVALID_EMAIL => "Not an email address.",
        general::INVALID_PHONE => "Give the phone number with its country code (+421 …).",
        general::TOO_LONG => "This is too long.",
        code::NO_CHANNEL => "Turn on at least one way to reach you, or choose no contact at all.",
        code::EMAIL_NO_WAY => "Show the address, offer the contact form, or both.",
        code::PHONE_WITHOUT_HOURS => "The phone is shown only during your hours; set some hours.",
        code::MESSAGES_WITHOUT_MESSENGERS => "Add the messenger you use for instant messages.",
        code::INVALID_TIME => "Give a time as HH:MM.",
        code::EMPTY_RANGE => "The range starts and ends at the same time.",
        code::OVERLAPPING_RANGES => "This range overlaps another one.",
        code::INVALID_TIME_ZONE => "Not a known time zone.",
        code::INVALID_DATE => "Give a date as YYYY-MM-DD.",
        code::DUPLICATE_DATE => "This date is already listed.",
        code::INVALID_URL => "Give the full address of the site, starting with https://.",
        code::INVALID_TAX_ID => "Not a tax identification number.",
        code::INVALID_HANDLE => "Not a user name or number on this service.",
        code::AWAY_RETURN_IN_PAST => "The return date must be after today.",
        code::TOO_MANY => "There are too many of these.",
        code::OUT_OF_RANGE => "This value is out of range.",
        code::SIGNATURE_TOO_MANY_LINES => "A signature has at most 6 lines.",
        code::SIGNATURE_LINE_TOO_LONG => "A signature line has at most 70 characters.",
        code::SIGNATURE_MISSING_NAME => "The signature should give your full name.",
        code::SIGNATURE_MISSING_COMPANY => "The signature should give your company's name.",
        code::SIGNATURE_MISSING_WEBSITE => "The signature should give your site.",
        code::SIGNATURE_MISSING_EMAIL => "The signature should give your email address.",
        code::FREE_MAILBOX => "An address on a free mailbox service looks less trustworthy to customers.",
        _ => "This value is not valid.",
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
        let domain = domain.to_lowercase();
        FREE_MAILBOX_DOMAINS.contains(&domain.as_str())
    })
}

fn check_text(report: &mut Report, field: &str, value: &str, required: bool, max: usize) {
    if value.trim().is_empty() {
        if required {
            report.error(field, general::REQUIRED);
        }
    } else if value.trim().chars().count() > max {
        report.error(field, general::TOO_LONG);
    }
}

fn check_range(report: &mut Report, field: &str, range: &TimeRange) {
    match Span::of(range) {
        Ok(_) => {}
        Err(RangeError::InvalidTime) => report.error(field, code::INVALID_TIME),
        Err(RangeError::Empty) => report.error(field, code::EMPTY_RANGE),
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
        && host.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.' || c == ':')
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
        MessengerKind::Whatsapp | MessengerKind::Viber | MessengerKind::Signal => validate::international_phone(handle).is_ok(),
        MessengerKind::Telegram => {
            let name = handle.trim_start_matches('@');
            (5..=32).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        MessengerKind::Skype => !handle.is_empty() && handle.len() <= 100 && !handle.contains(char::is_whitespace),
        MessengerKind::Unknown => false,
    }
}

/// Checks everything a seller saves. `now` and the zones place "today" in the seller's zone
/// (a return date must be after it).
pub fn check_settings(s: &ContactSettings, now: UnixSeconds, tz: &dyn TimeZones) -> Report {
    let mut report = Report::default();
    let on = |enabled: bool| s.accepts_contact && enabled;

    if s.accepts_contact && !(s.messages.enabled || s.email.enabled || s.phone.enabled || s.postal.enabled) {
        report.error("accepts_contact", code::NO_CHANNEL);
    }

    // The zone.
    if s.time_zone.trim().is_empty() {
        report.error("time_zone", general::REQUIRED);
    } else if s.time_zone.len() > 64 || !tz.is_known(s.time_zone.trim()) {
        report.error("time_zone", code::INVALID_TIME_ZONE);
    }

    // Audiences a seller may choose.
    for (field, audience) in [
        ("messages.audience", s.messages.audience),
        ("email.audience", s.email.audience),
        ("phone.audience", s.phone.audience),
        ("postal.audience", s.postal.audience),
    ] {
        if audience == Audience::Unknown {
            report.error(field, general::INVALID);
        }
    }

    // Instant messages.
    if on(s.messages.enabled) && s.messages.messengers.is_empty() {
        report.error("messages.messengers", code::MESSAGES_WITHOUT_MESSENGERS);
    }
    if s.messages.messengers.len() > MAX_MESSENGERS {
        report.error("messages.messengers", code::TOO_MANY);
    }
    for (i, m) in s.messages.messengers.iter().enumerate() {
        let field = format!("messages.messengers.{i}.handle");
        if m.handle.trim().is_empty() {
            report.error(field, general::REQUIRED);
        } else if !is_handle(m.kind, &m.handle) {
            report.error(field, code::INVALID_HANDLE);
        }
    }

    // Email.
    let address = s.email.address.trim();
    if address.is_empty() {
        if on(s.email.enabled) {
            report.error("email.address", general::REQUIRED);
        }
    } else if let Err(c) = validate::email(address) {
        report.error("email.address", c);
    } else if is_free_mailbox(address) {
        report.warnings.push(FieldError::new("email.address", code::FREE_MAILBOX, english(code::FREE_MAILBOX)));
    }
    if on(s.email.enabled) && !s.email.show_address && !s.email.contact_form {
        report.error("email.show_address", code::EMAIL_NO_WAY);
    }

    // Phone.
    if s.phone.number.trim().is_empty() {
        if on(s.phone.enabled) {
            report.error("phone.number", general::REQUIRED);
        }
    } else if let Err(c) = validate::international_phone(&s.phone.number) {
        report.error("phone.number", c);
    }
    if on(s.phone.enabled) && s.hours.is_empty() {
        report.error("phone.enabled", code::PHONE_WITHOUT_HOURS);
    }

    // Postal address.
    check_text(&mut report, "postal.address", &s.postal.address, on(s.postal.enabled), 500);
    if s.postal.address.lines().count() > 8 {
        report.error("postal.address", general::TOO_LONG);
    }

    // Weekly hours.
    for day in Weekday::ALL {
        let ranges = s.hours.day(day);
        let key = weekday_key(day);
        if ranges.len() > MAX_RANGES_PER_DAY {
            report.error(format!("hours.{key}"), code::TOO_MANY);
        }
        for (i, range) in ranges.iter().enumerate() {
            check_range(&mut report, &format!("hours.{key}.{i}"), range);
        }
    }
    for (day, i) in weekly_overlaps(&s.hours) {
        report.error(format!("hours.{}.{i}", weekday_key(day)), code::OVERLAPPING_RANGES);
    }

    // Date overrides.
    if s.overrides.len() > MAX_OVERRIDES {
        report.error("overrides", code::TOO_MANY);
    }
    let mut dates: Vec<Date> = Vec::new();
    for (i, o) in s.overrides.iter().enumerate() {
        let field = format!("overrides.{i}.date");
        if o.date.trim().is_empty() {
            report.error(field, general::REQUIRED);
        } else {
            match Date::parse(o.date.trim()) {
                None => report.error(field, code::INVALID_DATE),
                Some(d) if dates.contains(&d) => report.error(field, code::DUPLICATE_DATE),
                Some(d) => dates.push(d),
            }
        }
        if o.ranges.len() > MAX_RANGES_PER_DAY {
            report.error(format!("overrides.{i}.ranges"), code::TOO_MANY);
        }
        for (j, range) in o.ranges.iter().enumerate() {
            check_range(&mut report, &format!("overrides.{i}.ranges.{j}"), range);
        }
        for j in overlapping(&o.ranges) {
            report.error(format!("overrides.{i}.ranges.{j}"), code::OVERLAPPING_RANGES);
        }
        check_text(&mut report, &format!("overrides.{i}.note"), &o.note, false, 100);
    }

    // Identity (seed 001: the full name is a must; a business gives its name and tax id).
    let id = &s.identity;
    check_text(&mut report, "identity.full_name", &id.full_name, s.accepts_contact, 100);
    check_text(&mut report, "identity.nickname", &id.nickname, false, 60);
    check_text(&mut report, "identity.legal_entity", &id.legal_entity, false, 150);
    if id.tax_id.trim().is_empty() {
        if !id.legal_entity.trim().is_empty() {
            report.error("identity.tax_id", general::REQUIRED);
        }
    } else if !is_tax_id(&id.tax_id) {
        report.error("identity.tax_id", code::INVALID_TAX_ID);
    }
    if !id.website.trim().is_empty() {
        if id.website.trim().len() > 200 {
            report.error("identity.website", general::TOO_LONG);
        } else if !is_website(&id.website) {
            report.error("identity.website", code::INVALID_URL);
        }
    }

    // Response time.
    if !(1..=MAX_RESPONSE_TIME_HOURS).contains(&s.response_time_hours) {
        report.error("response_time_hours", code::OUT_OF_RANGE);
    }

    // Away (seed 001: a real absence, with the date of return).
    if s.away.enabled {
        let until = s.away.until.trim();
        if until.is_empty() {
            report.error("away.until", general::REQUIRED);
        } else {
            match Date::parse(until) {
                None => report.error("away.until", code::INVALID_DATE),
                Some(date) => {
                    let today =
                        local_date(tz, s.time_zone.trim(), now).unwrap_or_else(|| Date::from_days_since_epoch(now.div_euclid(86_400)));
                    if date <= today {
                        report.error("away.until", code::AWAY_RETURN_IN_PAST);
                    }
                }
            }
        }
    }
    check_text(&mut report, "away.note", &s.away.note, false, 500);

    // Signature (seed 003).
    for c in signature::check(&s.signature, &s.identity, &s.email.address) {
        report.error("signature", c);
    }
    report
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
    let mut take = |field: &str, result: Result<String, &'static str>| match result {
        Ok(v) => v,
        Err(c) => {
            errors.push(FieldError::new(field, c, english(c)));
            String::new()
        }
    };
    let subject = take("subject", validate::required_text(&m.subject, MAX_SUBJECT_CHARS));
    let message = take("message", validate::required_text(&m.message, MAX_MESSAGE_CHARS));
    // One mailbox, kept as its bare address: a name pasted with it is dropped, and nothing that
    // could break a header or send the mail elsewhere gets through.
    let reply_to = take(
        "reply_to",
        crate::mailbox::Mailbox::parse(&m.reply_to).map(|m| m.address().to_owned()).map_err(|e| match e {
            crate::mailbox::MailboxError::Empty => validate::code::REQUIRED,
            crate::mailbox::MailboxError::TooLong => validate::code::TOO_LONG,
            crate::mailbox::MailboxError::Invalid => validate::code::INVALID_EMAIL,
        }),
    );
    let mut context = MessageContext::default();
    for (field, value, slot) in
        [("context.order", &m.context.order, &mut context.order), ("context.shipment", &m.context.shipment, &mut context.shipment)]
    {
        if let Some(v) = value {
            match clean_reference(v) {
                Some(clean) => *slot = Some(clean),
                None => errors.push(FieldError::new(field, general::INVALID, english(general::INVALID))),
            }
        }
    }
    if errors.is_empty() { Ok(CheckedMessage { subject, message, reply_to, context }) } else { Err(errors) }
}

/// Whether a day's list of ranges would be valid (for the editor's quick check while typing).
pub fn day_is_valid(ranges: &[TimeRange]) -> bool {
    ranges.iter().all(|r| schedule::Span::of(r).is_ok()) && overlapping(ranges).is_empty()
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

    fn codes(s: &ContactSettings) -> Vec<(String, String)> {
        check_settings(s, now(), &Tz).errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    fn one(field: &str, code: &str) -> Vec<(String, String)> {
        vec![(field.to_owned(), code.to_owned())]
    }

    #[test]
    fn good_settings_pass() {
        assert_eq!(codes(&good()), vec![]);
    }

    #[test]
    fn the_phone_must_be_international() {
        let mut s = good();
        s.phone.number = "0905 123 456".into();
        assert_eq!(codes(&s), one("phone.number", general::INVALID_PHONE));
        s.phone.number = String::new();
        assert_eq!(codes(&s), one("phone.number", general::REQUIRED));
        s.phone.enabled = false;
        assert_eq!(codes(&s), vec![], "a phone that is off needs no number");
    }

    #[test]
    fn the_email_must_be_an_address() {
        let mut s = good();
        s.email.address = "marek at severny-veter".into();
        assert_eq!(codes(&s), one("email.address", general::INVALID_EMAIL));
    }

    #[test]
    fn a_free_mailbox_is_a_warning_not_an_error() {
        let mut s = good();
        s.email.address = "marek.horvath@Gmail.com".into();
        s.signature = String::new();
        let report = check_settings(&s, now(), &Tz);
        assert!(report.is_ok());
        assert_eq!(report.warnings.len(), 1);
        assert_eq!(report.warnings[0].code, code::FREE_MAILBOX);
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
                ("hours.tue.0".into(), code::EMPTY_RANGE.into()),
                ("hours.wed.0".into(), code::INVALID_TIME.into()),
                ("hours.mon.1".into(), code::OVERLAPPING_RANGES.into()),
            ]
        );
    }

    #[test]
    fn an_overnight_range_that_runs_into_the_next_days_hours_overlaps_them() {
        let mut s = good();
        s.hours.mon = vec![TimeRange::new("20:00", "10:00")];
        assert_eq!(codes(&s), one("hours.tue.0", code::OVERLAPPING_RANGES));
        s.hours.mon = vec![TimeRange::new("20:00", "02:00")];
        assert_eq!(codes(&s), vec![], "Monday night to Tuesday 02:00 is fine");
    }

    #[test]
    fn the_phone_needs_hours() {
        let mut s = good();
        s.hours = WeeklyHours::default();
        assert_eq!(codes(&s), one("phone.enabled", code::PHONE_WITHOUT_HOURS));
    }

    #[test]
    fn taking_contact_needs_a_channel_and_no_contact_needs_none() {
        let mut s = good();
        s.messages.enabled = false;
        s.email.enabled = false;
        s.phone.enabled = false;
        s.postal.enabled = false;
        assert_eq!(codes(&s), one("accepts_contact", code::NO_CHANNEL));
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
        assert_eq!(codes(&s), one("email.show_address", code::EMAIL_NO_WAY));
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
                ("overrides.1.date".into(), code::DUPLICATE_DATE.into()),
                ("overrides.2.date".into(), code::INVALID_DATE.into()),
                ("overrides.3.ranges.1".into(), code::OVERLAPPING_RANGES.into()),
            ]
        );
    }

    #[test]
    fn the_time_zone_must_be_known() {
        let mut s = good();
        s.time_zone = "Europe/Atlantis".into();
        assert_eq!(codes(&s), one("time_zone", code::INVALID_TIME_ZONE));
    }

    #[test]
    fn a_business_gives_its_tax_id_and_a_site_is_a_full_address() {
        let mut s = good();
        s.identity.tax_id = String::new();
        s.identity.website = "severny-veter.example".into();
        assert_eq!(
            codes(&s),
            vec![("identity.tax_id".into(), general::REQUIRED.into()), ("identity.website".into(), code::INVALID_URL.into()),]
        );
    }

    #[test]
    fn messengers_need_a_real_handle() {
        let mut s = good();
        s.messages.messengers.push(Messenger { kind: MessengerKind::Whatsapp, handle: "905 123".into() });
        assert_eq!(codes(&s), one("messages.messengers.1.handle", code::INVALID_HANDLE));
        s.messages.messengers.clear();
        assert_eq!(codes(&s), one("messages.messengers", code::MESSAGES_WITHOUT_MESSENGERS));
    }

    #[test]
    fn away_needs_a_return_date_after_today_in_the_sellers_zone() {
        let mut s = good();
        s.away = Away { enabled: true, until: "2026-11-22".into(), note: String::new() };
        assert_eq!(codes(&s), one("away.until", code::AWAY_RETURN_IN_PAST));
        s.away.until = "2026-11-30".into();
        assert_eq!(codes(&s), vec![]);
        s.away.until = String::new();
        assert_eq!(codes(&s), one("away.until", general::REQUIRED));
    }

    #[test]
    fn a_signature_breaking_seed_003_is_refused() {
        let mut s = good();
        s.signature = "Thanks!".into();
        let found = codes(&s);
        assert!(found.contains(&("signature".into(), code::SIGNATURE_MISSING_NAME.into())));
        assert!(found.contains(&("signature".into(), code::SIGNATURE_MISSING_EMAIL.into())));
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
        let fields: Vec<(String, String)> = check_message(&bad).unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            fields,
            vec![
                ("subject".into(), general::REQUIRED.into()),
                ("message".into(), general::TOO_LONG.into()),
                ("reply_to".into(), general::INVALID_EMAIL.into()),
                ("context.order".into(), general::INVALID.into()),
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
