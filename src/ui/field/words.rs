//! Field-error codes in the shopper's words: one exhaustive table, so a code added to the
//! contract does not compile until it has its words.

use crate::i18n::I18n;
use vitrina_core::FieldCode;

/// The locale key of a code's words.
pub fn field_code_key(code: FieldCode) -> &'static str {
    match code {
        FieldCode::Required => "validation.required",
        FieldCode::Invalid | FieldCode::Other => "validation.invalid",
        FieldCode::TooLong => "validation.too_long",
        FieldCode::InvalidEmail => "validation.invalid_email",
        FieldCode::InvalidPhone => "validation.invalid_phone",
        FieldCode::UnsupportedCountry => "validation.unsupported_country",
        FieldCode::InvalidPostcode => "validation.invalid_postcode",
        FieldCode::PoBoxRefused => "validation.po_box_refused",
        FieldCode::PosteRestanteRefused => "validation.poste_restante_refused",
        FieldCode::MilitaryUnitRefused => "validation.military_unit_refused",
        FieldCode::CorrectionalInstitutionRefused => "validation.correctional_institution_refused",
        FieldCode::UnknownOption => "validation.unknown_option",
        FieldCode::PromoInvalid => "validation.promo_invalid",
        FieldCode::PromoExpired => "validation.promo_expired",
        FieldCode::PromoNotApplicable => "validation.promo_not_applicable",
        FieldCode::TermsOutdated => "validation.terms_outdated",
        FieldCode::EmptyCart => "validation.empty_cart",
        FieldCode::QuantityOutOfRange => "validation.invalid",
        FieldCode::InvalidOrderNumber => "validation.invalid_order_number",
        FieldCode::InvalidTrackingNumber => "track.lookup.invalid",
        FieldCode::NoChannel => "contact.validation.no_channel",
        FieldCode::EmailNoWay => "contact.validation.email_no_way",
        FieldCode::PhoneWithoutHours => "contact.validation.phone_without_hours",
        FieldCode::MessagesWithoutMessengers => "contact.validation.messages_without_messengers",
        FieldCode::InvalidTime => "contact.validation.invalid_time",
        FieldCode::EmptyRange => "contact.validation.empty_range",
        FieldCode::OverlappingRanges => "contact.validation.overlapping_ranges",
        FieldCode::InvalidTimeZone => "contact.validation.invalid_time_zone",
        FieldCode::InvalidDate => "contact.validation.invalid_date",
        FieldCode::DuplicateDate => "contact.validation.duplicate_date",
        FieldCode::InvalidUrl => "contact.validation.invalid_url",
        FieldCode::InvalidTaxId => "contact.validation.invalid_tax_id",
        FieldCode::InvalidHandle => "contact.validation.invalid_handle",
        FieldCode::AwayReturnInPast => "contact.validation.away_return_in_past",
        FieldCode::TooMany => "contact.validation.too_many",
        FieldCode::OutOfRange => "contact.validation.out_of_range",
        FieldCode::SignatureTooManyLines => "contact.validation.signature_too_many_lines",
        FieldCode::SignatureLineTooLong => "contact.validation.signature_line_too_long",
        FieldCode::SignatureMissingName => "contact.validation.signature_missing_name",
        FieldCode::SignatureMissingCompany => "contact.validation.signature_missing_company",
        FieldCode::SignatureMissingWebsite => "contact.validation.signature_missing_website",
        FieldCode::SignatureMissingEmail => "contact.validation.signature_missing_email",
        FieldCode::FreeMailbox => "contact.validation.free_mailbox",
    }
}

/// A field-error code (from the rules here or a backend's problem document) in the shopper's
/// words (tracked: follows the language).
pub fn field_code_words(i18n: &I18n, code: FieldCode) -> String {
    i18n.t(field_code_key(code))
}
