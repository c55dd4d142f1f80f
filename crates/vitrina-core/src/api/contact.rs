//! Seller contact: the settings a seller edits, what a shopper is shown, and the contact form.
//!
//! The settings are stored and sent as one document with a version number, so that a save made
//! from a stale copy can be refused instead of silently overwriting a newer one. What a shopper
//! is shown ([`SellerContact`]) is decided by the backend for that shopper and that moment: a
//! channel the shopper may not use, or a phone outside its hours, carries no contact details.

use serde::{Deserialize, Serialize};

/// Who may use a channel (help centre: everyone, registered customers, or registered customers
/// with a verified email address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[default]
    Everyone,
    /// Signed-in customers.
    Registered,
    /// Signed-in customers whose email address is verified.
    Verified,
    /// A value this app does not know; treated as the strictest.
    #[serde(other)]
    Unknown,
}

/// What the seller prefers a shopper to do with the phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PhoneAction {
    #[default]
    Call,
    Sms,
    #[serde(other)]
    Unknown,
}

/// An instant-messaging service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessengerKind {
    #[default]
    Telegram,
    Whatsapp,
    Viber,
    Signal,
    Skype,
    #[serde(other)]
    Unknown,
}

impl MessengerKind {
    /// The services a seller can choose from (the app's select lists these).
    pub const ALL: [MessengerKind; 5] =
        [MessengerKind::Telegram, MessengerKind::Whatsapp, MessengerKind::Viber, MessengerKind::Signal, MessengerKind::Skype];

    /// The service's own name (not translated).
    pub fn name(self) -> &'static str {
        match self {
            MessengerKind::Telegram => "Telegram",
            MessengerKind::Whatsapp => "WhatsApp",
            MessengerKind::Viber => "Viber",
            MessengerKind::Signal => "Signal",
            MessengerKind::Skype => "Skype",
            MessengerKind::Unknown => "",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            MessengerKind::Telegram => "telegram",
            MessengerKind::Whatsapp => "whatsapp",
            MessengerKind::Viber => "viber",
            MessengerKind::Signal => "signal",
            MessengerKind::Skype => "skype",
            MessengerKind::Unknown => "unknown",
        }
    }

    pub fn from_slug(slug: &str) -> MessengerKind {
        MessengerKind::ALL.into_iter().find(|k| k.slug() == slug).unwrap_or(MessengerKind::Unknown)
    }
}

/// One range of hours on a day, wall-clock time in the seller's zone (`HH:MM`). An `end` at or
/// before `start` runs past midnight into the next day (`22:00`–`02:00`); `00:00` or `24:00` as
/// the end means midnight (`00:00`–`00:00` is the whole day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeRange {
    #[cfg_attr(feature = "openapi", schema(example = "09:00"))]
    pub start: String,
    #[cfg_attr(feature = "openapi", schema(example = "18:00"))]
    pub end: String,
}

impl TimeRange {
    pub fn new(start: &str, end: &str) -> TimeRange {
        TimeRange { start: start.to_owned(), end: end.to_owned() }
    }
}

/// The weekly schedule: for each day, the ranges that start on it (none: not reachable that day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeeklyHours {
    #[serde(default)]
    pub mon: Vec<TimeRange>,
    #[serde(default)]
    pub tue: Vec<TimeRange>,
    #[serde(default)]
    pub wed: Vec<TimeRange>,
    #[serde(default)]
    pub thu: Vec<TimeRange>,
    #[serde(default)]
    pub fri: Vec<TimeRange>,
    #[serde(default)]
    pub sat: Vec<TimeRange>,
    #[serde(default)]
    pub sun: Vec<TimeRange>,
}

/// A date whose hours differ from the week's (a holiday: no ranges, closed all day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DateOverride {
    /// `YYYY-MM-DD`, in the seller's zone.
    #[cfg_attr(feature = "openapi", schema(example = "2026-12-24"))]
    pub date: String,
    /// The hours that day; empty means not reachable at all.
    #[serde(default)]
    pub ranges: Vec<TimeRange>,
    /// What the day is ("Christmas Eve"), shown to shoppers.
    #[serde(default)]
    pub note: String,
}

/// A messenger account the seller really uses (seed 001: list only those you use).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Messenger {
    pub kind: MessengerKind,
    /// The user name or number on that service.
    pub handle: String,
}

/// Instant messages, through the messengers the seller lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessagesChannel {
    pub enabled: bool,
    #[serde(default)]
    pub audience: Audience,
    #[serde(default)]
    pub messengers: Vec<Messenger>,
}

/// Email: the address shown publicly (protected from harvesters), a contact form that forwards
/// to it, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailChannel {
    pub enabled: bool,
    #[serde(default)]
    pub audience: Audience,
    /// Where messages go; shown to shoppers only when `show_address` is on.
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub show_address: bool,
    #[serde(default)]
    pub contact_form: bool,
}

/// The phone, shown only during the contact hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhoneChannel {
    pub enabled: bool,
    #[serde(default)]
    pub audience: Audience,
    /// In full international form, as the seller writes it (`+421 905 123 456`).
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub action: PhoneAction,
}

/// A postal address for letters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostalChannel {
    pub enabled: bool,
    #[serde(default)]
    pub audience: Audience,
    /// Several lines.
    #[serde(default)]
    pub address: String,
}

/// Who the seller is (seed 001: full name; legal entity and tax id for a business; a site).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Identity {
    #[serde(default)]
    pub full_name: String,
    /// The name the seller is known by, shown beside the full name.
    #[serde(default)]
    pub nickname: String,
    /// The company's registered name, for a business.
    #[serde(default)]
    pub legal_entity: String,
    #[serde(default)]
    pub tax_id: String,
    /// `https://…`
    #[serde(default)]
    pub website: String,
}

/// A real absence of several days (seed 001), with the date of return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Away {
    pub enabled: bool,
    /// The day the seller is back (`YYYY-MM-DD`, seller's zone); away mode ends by itself then.
    #[serde(default)]
    pub until: String,
    /// Other ways to reach the business meanwhile, or anything else useful.
    #[serde(default)]
    pub note: String,
}

/// The seller's own "available now / away now" switch (seed 001: a seller who is busy sets
/// themselves away; one shown as available answers within minutes). It lasts until the end of
/// the hours of the day it was set on (midnight, on a day without hours), then the schedule
/// decides again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PresenceState {
    /// No switch: available during the hours.
    #[default]
    Schedule,
    /// Available now, answering within minutes.
    Available,
    /// Busy or away for the rest of the day's hours.
    Away,
    #[serde(other)]
    Unknown,
}

/// The switch as saved: its state and when it was set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Presence {
    #[serde(default)]
    pub state: PresenceState,
    /// When the seller set it (RFC 3339); the backend stamps it when the state changes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub set_at: String,
}

/// Everything a seller sets about being contacted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactSettings {
    /// `false`: the seller takes no contact at all (the channels below are kept but not shown).
    pub accepts_contact: bool,
    /// The IANA time zone the hours are in (`Europe/Bratislava`).
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub messages: MessagesChannel,
    #[serde(default)]
    pub email: EmailChannel,
    #[serde(default)]
    pub phone: PhoneChannel,
    #[serde(default)]
    pub postal: PostalChannel,
    /// When the phone is shown and messages are answered at once.
    #[serde(default)]
    pub hours: WeeklyHours,
    /// Dates with other hours (holidays).
    #[serde(default)]
    pub overrides: Vec<DateOverride>,
    #[serde(default)]
    pub identity: Identity,
    /// How soon the seller typically replies, in hours.
    #[serde(default = "default_response_time")]
    pub response_time_hours: u32,
    #[serde(default)]
    pub away: Away,
    /// The seller's own "available now / away now" switch for messages.
    #[serde(default)]
    pub presence: Presence,
    /// The signature under the seller's emails (seed 003: at most 6 lines of at most 70
    /// characters: name, company, site, email). Empty: one is made from the identity.
    #[serde(default)]
    pub signature: String,
}

fn default_response_time() -> u32 {
    24
}

/// `GET /api/sellers/{seller_id}/contact-settings`: the settings as last saved, and their version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactSettingsDocument {
    pub seller_id: String,
    pub seller_name: String,
    /// Increases with every save; a save must name the version it was based on.
    pub version: u64,
    pub settings: ContactSettings,
    /// Advice that does not stop a save (`free_mailbox`), as field problems.
    #[serde(default)]
    pub warnings: Vec<crate::FieldError>,
    /// When the settings were last saved (RFC 3339), if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

/// `PUT /api/sellers/{seller_id}/contact-settings`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveContactSettings {
    /// The version the edit started from; a different current version refuses the save (412).
    pub version: u64,
    pub settings: ContactSettings,
}

/// A way to reach the seller, as one shopper sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    Messages,
    Email,
    ContactForm,
    Phone,
    Postal,
    #[serde(other)]
    Unknown,
}

/// Whether this shopper may use a channel, and if not, what would let them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Access {
    Open,
    /// Only for signed-in customers: signing in opens it.
    SignIn,
    /// Only for customers with a verified email: verifying it opens it.
    VerifyEmail,
    #[serde(other)]
    Unknown,
}

/// A phone number as a shopper may use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhoneNumber {
    /// As the seller writes it, with its country code (`+421 905 123 456`).
    pub display: String,
    /// E.164, for `tel:` and `sms:` links (`+421905123456`).
    pub e164: String,
    pub action: PhoneAction,
}

/// A span of time the seller can be reached (RFC 3339 instants).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactWindow {
    pub starts_at: String,
    pub ends_at: String,
}

/// One channel for one shopper at one moment. Details are present only when `access` is `open`
/// (and, for the phone, only during the hours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicChannel {
    pub kind: ChannelKind,
    pub audience: Audience,
    pub access: Access,
    /// The email address, encoded so that harvesters scanning responses do not find it: `x1:`
    /// and then, in lowercase hex, the address's UTF-8 bytes in reverse order, each XORed with
    /// `0x5a` (`a@b.c` is `x1:3974381a3b`). Not encryption, only a shape a
    /// harvester does not look for; the app decodes it in the browser into a `mailto:` link.
    /// A backend may send [`PublicChannel::email`] instead; the app takes either.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_encoded: Option<String>,
    /// The email address as it is, for a backend that does not encode it (`email_encoded` wins
    /// when both are sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<PhoneNumber>,
    /// For the phone: what the seller prefers, also while the number itself is not shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_action: Option<PhoneAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_address: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messengers: Vec<Messenger>,
    /// For scheduled channels (phone, messages): reachable at this moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_now: Option<bool>,
    /// While reachable: until when (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_until: Option<String>,
    /// While not reachable: the next time it will be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_window: Option<ContactWindow>,
}

/// The seller's absence, as shoppers are told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AwayNotice {
    /// The day the seller is back (`YYYY-MM-DD`).
    pub until: String,
    #[serde(default)]
    pub note: String,
}

/// `GET /api/sellers/{seller_id}/contact`: how this shopper can reach the seller right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerContact {
    pub seller_id: String,
    pub seller_name: String,
    /// `false`: the seller takes no contact; `channels` is empty.
    pub accepts_contact: bool,
    pub identity: Identity,
    /// The messengers the seller uses (names only; the handles are in the messages channel).
    #[serde(default)]
    pub messengers_used: Vec<MessengerKind>,
    pub time_zone: String,
    pub response_time_hours: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub away: Option<AwayNotice>,
    /// The weekly hours, wall-clock time in `time_zone`.
    pub hours: WeeklyHours,
    /// Date overrides from today on.
    #[serde(default)]
    pub overrides: Vec<DateOverride>,
    pub channels: Vec<PublicChannel>,
    /// The moment this answer describes (RFC 3339).
    pub as_of: String,
}

/// Where a message comes from: an order or a shipment the shopper is asking about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageContext {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment: Option<String>,
}

/// `POST /api/sellers/{seller_id}/messages`: the contact form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewContactMessage {
    pub subject: String,
    pub message: String,
    /// Where the seller's reply goes.
    #[cfg_attr(feature = "openapi", schema(format = Email))]
    pub reply_to: String,
    #[serde(default)]
    pub context: MessageContext,
    /// Must stay empty: a field people never see, which form-filling robots fill in.
    #[serde(default)]
    pub website: String,
    /// The sender's language (a BCP 47 tag such as `ru`); without it the request's
    /// `Accept-Language` decides. The store writes its emails about the message in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

/// The automatic acknowledgement (seed 003): the message arrived, and when to expect a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageReceipt {
    /// The reference number the sender can quote (seed 002: a request nobody can name is a
    /// request forgotten).
    pub id: String,
    /// RFC 3339.
    pub received_at: String,
    pub response_time_hours: u32,
    /// When a reply can be expected at the latest (RFC 3339).
    pub reply_expected_by: String,
    /// Set when the seller is away: the reply comes after the return.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub away: Option<AwayNotice>,
    /// Where an acknowledgement email went, if one did: only to the signed-in sender's own
    /// verified address (anyone else gets this answer only, never an email).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledgement_sent_to: Option<String>,
    /// The store's help pages (seed 002: the auto-reply points there for faster help).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help_url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_a_newer_backend_adds_decode_as_unknown() {
        let channel: PublicChannel =
            serde_json::from_str(r#"{"kind":"fax","audience":"premium","access":"pay_first","phone_action":"carrier_pigeon"}"#).unwrap();
        assert_eq!(channel.kind, ChannelKind::Unknown);
        assert_eq!(channel.audience, Audience::Unknown);
        assert_eq!(channel.access, Access::Unknown);
        assert_eq!(channel.phone_action, Some(PhoneAction::Unknown));
        let m: Messenger = serde_json::from_str(r#"{"kind":"icq","handle":"123"}"#).unwrap();
        assert_eq!(m.kind, MessengerKind::Unknown);
    }

    #[test]
    fn settings_missing_optional_parts_decode_with_defaults() {
        let s: ContactSettings = serde_json::from_str(r#"{"accepts_contact":false}"#).unwrap();
        assert!(!s.accepts_contact);
        assert_eq!(s.response_time_hours, 24);
        assert!(s.hours.is_empty());
    }
}
