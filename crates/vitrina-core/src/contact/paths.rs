//! Where a field error points in the seller's settings and in a contact-form message: the dotted
//! paths of `FieldError::field`. The rules build them here and the editor finds its messages
//! with the same functions, so the two cannot drift apart.

use super::schedule::weekday_key;
use crate::civil::Weekday;

// Settings.
pub const ACCEPTS_CONTACT: &str = "accepts_contact";
pub const TIME_ZONE: &str = "time_zone";
pub const MESSAGES_ENABLED: &str = "messages.enabled";
pub const MESSAGES_AUDIENCE: &str = "messages.audience";
pub const MESSENGERS: &str = "messages.messengers";
pub const EMAIL_ENABLED: &str = "email.enabled";
pub const EMAIL_AUDIENCE: &str = "email.audience";
pub const EMAIL_ADDRESS: &str = "email.address";
pub const EMAIL_SHOW_ADDRESS: &str = "email.show_address";
pub const EMAIL_CONTACT_FORM: &str = "email.contact_form";
pub const PHONE_ENABLED: &str = "phone.enabled";
pub const PHONE_AUDIENCE: &str = "phone.audience";
pub const PHONE_NUMBER: &str = "phone.number";
pub const POSTAL_ENABLED: &str = "postal.enabled";
pub const POSTAL_AUDIENCE: &str = "postal.audience";
pub const POSTAL_ADDRESS: &str = "postal.address";
pub const OVERRIDES: &str = "overrides";
pub const FULL_NAME: &str = "identity.full_name";
pub const NICKNAME: &str = "identity.nickname";
pub const LEGAL_ENTITY: &str = "identity.legal_entity";
pub const TAX_ID: &str = "identity.tax_id";
pub const WEBSITE: &str = "identity.website";
pub const RESPONSE_TIME_HOURS: &str = "response_time_hours";
pub const AWAY_ENABLED: &str = "away.enabled";
pub const AWAY_UNTIL: &str = "away.until";
pub const AWAY_NOTE: &str = "away.note";
pub const PRESENCE_STATE: &str = "presence.state";
pub const SIGNATURE: &str = "signature";

/// The handle of the `i`-th messenger (`messages.messengers.1.handle`).
pub fn messenger_handle(i: usize) -> String {
    format!("{MESSENGERS}.{i}.handle")
}

/// A day's list of ranges (`hours.mon`).
pub fn hours_day(day: Weekday) -> String {
    format!("hours.{}", weekday_key(day))
}

/// The `i`-th range of a day (`hours.mon.1`).
pub fn hours_range(day: Weekday, i: usize) -> String {
    format!("{}.{i}", hours_day(day))
}

/// The date of the `i`-th special date (`overrides.0.date`).
pub fn override_date(i: usize) -> String {
    format!("{OVERRIDES}.{i}.date")
}

/// The `i`-th special date's list of ranges (`overrides.0.ranges`).
pub fn override_ranges(i: usize) -> String {
    format!("{OVERRIDES}.{i}.ranges")
}

/// The `j`-th range of the `i`-th special date (`overrides.0.ranges.1`).
pub fn override_range(i: usize, j: usize) -> String {
    format!("{}.{j}", override_ranges(i))
}

/// The note of the `i`-th special date (`overrides.0.note`).
pub fn override_note(i: usize) -> String {
    format!("{OVERRIDES}.{i}.note")
}

// A contact-form message.
pub const SUBJECT: &str = "subject";
pub const MESSAGE: &str = "message";
pub const REPLY_TO: &str = "reply_to";
pub const CONTEXT_ORDER: &str = "context.order";
pub const CONTEXT_SHIPMENT: &str = "context.shipment";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_the_settings_fields_as_the_contract_spells_them() {
        let table = [
            (messenger_handle(1), "messages.messengers.1.handle"),
            (hours_day(Weekday::Mon), "hours.mon"),
            (hours_range(Weekday::Sun, 2), "hours.sun.2"),
            (override_date(0), "overrides.0.date"),
            (override_ranges(3), "overrides.3.ranges"),
            (override_range(3, 1), "overrides.3.ranges.1"),
            (override_note(4), "overrides.4.note"),
        ];
        for (path, expected) in table {
            assert_eq!(path, expected);
        }
    }
}
