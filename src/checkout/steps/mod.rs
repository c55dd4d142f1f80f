//! The checkout steps after the cart. Each validates its own fields (by the rules in
//! `vitrina_core::checkout::entries`), keeps every entry across reloads, and moves focus to the
//! error summary when something needs attention.

mod contact;
mod delivery;
mod payment;
mod review;

pub use contact::ContactStep;
pub use delivery::DeliveryStep;
pub use payment::{PaymentChoice, PaymentStep};
pub use review::ReviewStep;

use crate::i18n::I18n;
use crate::ui::{SummaryEntry, Touched, field_code_words};
use vitrina_core::FieldCode;
use vitrina_core::checkout::{EntryErrors, EntryField};

/// The element id of a field (the error summary links to it; tests find fields by it).
pub(crate) fn field_id(field: EntryField) -> &'static str {
    match field {
        EntryField::Email => "email",
        EntryField::Phone => "phone",
        EntryField::Name => "name",
        EntryField::RecipientName => "recipient-name",
        EntryField::RecipientPhone => "recipient-phone",
        EntryField::Country => "country",
        EntryField::City => "city",
        EntryField::AddressLine => "address-line",
        EntryField::Postcode => "postcode",
        EntryField::Region => "region",
        EntryField::DeliveryOption => "delivery-options",
        EntryField::DeliveryDate => "delivery-date",
        EntryField::TimeWindow => "time-window",
        EntryField::PickupPoint => "pickup-point",
        EntryField::CourierNote => "courier-note",
        EntryField::PaymentMethod => "payment-methods",
    }
}

/// A code in the checkout's words: a phone is typed here as the shopper dials it (the backend
/// adds the country code), so an unreadable one is not asked for its country code.
fn words(i18n: &I18n, code: FieldCode) -> String {
    match code {
        FieldCode::InvalidPhone => i18n.t("checkout.contact.invalid_phone"),
        _ => field_code_words(i18n, code),
    }
}

/// The message at `field`, in words, if it shows now (tracked).
pub(crate) fn message(i18n: &I18n, touched: Touched, errors: &EntryErrors, field: EntryField) -> Option<String> {
    let code = errors.iter().find(|(f, _)| *f == field).map(|(_, code)| *code)?;
    touched.shows(field_id(field)).then(|| words(i18n, code))
}

/// The error summary: every message, once a submit was tried (tracked).
pub(crate) fn summary(i18n: &I18n, touched: Touched, errors: &EntryErrors) -> Vec<SummaryEntry> {
    if !touched.submitted() {
        return Vec::new();
    }
    errors.iter().map(|(field, code)| SummaryEntry { field_id: field_id(*field).to_owned(), message: words(i18n, *code) }).collect()
}
