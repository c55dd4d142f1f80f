//! The stable codes a field error carries (`FieldError::code` on the wire). One list for the
//! whole contract: the app turns each into words in the shopper's language with one exhaustive
//! match, so a new code cannot go unworded; the English here is for developers and clients
//! without translations.

use serde::{Deserialize, Serialize};

macro_rules! field_codes {
    ($( $(#[$doc:meta])* $variant:ident => ($code:literal, $english:literal) ),+ $(,)?) => {
        /// Why a field was refused (or, for [`FieldCode::FreeMailbox`], only advised against).
        /// A code this contract does not know (from another backend) decodes as
        /// [`FieldCode::Other`] and is worded as "not valid".
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
        #[serde(rename_all = "snake_case")]
        pub enum FieldCode {
            $( $(#[$doc])* $variant, )+
            /// A code this contract does not define.
            #[serde(other)]
            Other,
        }

        impl FieldCode {
            /// Every code the contract defines (not [`FieldCode::Other`]).
            pub const ALL: &'static [FieldCode] = &[$( FieldCode::$variant, )+];

            /// The code as it travels (`invalid_phone`).
            pub const fn as_str(self) -> &'static str {
                match self { $( FieldCode::$variant => $code, )+ FieldCode::Other => "other" }
            }

            /// The English explanation, for developers and clients without translations.
            pub const fn english(self) -> &'static str {
                match self { $( FieldCode::$variant => $english, )+ FieldCode::Other => "This value is not valid." }
            }

            /// Reads a code; one this contract does not define is [`FieldCode::Other`].
            pub fn from_code(code: &str) -> FieldCode {
                match code { $( $code => FieldCode::$variant, )+ _ => FieldCode::Other }
            }
        }
    };
}

field_codes! {
    // Any field.
    Required => ("required", "Fill this in."),
    Invalid => ("invalid", "This value is not valid."),
    TooLong => ("too_long", "This is too long."),
    InvalidEmail => ("invalid_email", "Not an email address."),
    InvalidPhone => ("invalid_phone", "Give the phone number with its country code (+421 …)."),
    // Checkout.
    UnsupportedCountry => ("unsupported_country", "We do not deliver to this country."),
    InvalidPostcode => ("invalid_postcode", "This postcode does not have the right form for the country."),
    /// The carrier delivers to a door, not to a P.O. box (а/я).
    PoBoxRefused => ("po_box_refused", "The carrier does not deliver to P.O. boxes (а/я). Give a street address."),
    /// …nor poste restante (до востребования).
    PosteRestanteRefused => (
        "poste_restante_refused",
        "The carrier does not deliver poste restante (до востребования). Give a street address or choose a pickup point."
    ),
    /// …nor to a military unit (в/ч).
    MilitaryUnitRefused => ("military_unit_refused", "The carrier does not deliver to military units (в/ч). Give a civilian address."),
    /// …nor to a correctional institution (исправительное учреждение).
    CorrectionalInstitutionRefused => (
        "correctional_institution_refused",
        "The carrier does not deliver to correctional institutions (исправительные учреждения). Give another address."
    ),
    UnknownOption => ("unknown_option", "This choice is not available for this order."),
    PromoInvalid => ("promo_invalid", "There is no such promo code."),
    PromoExpired => ("promo_expired", "This promo code has expired."),
    PromoNotApplicable => ("promo_not_applicable", "This promo code does not apply to this order."),
    TermsOutdated => ("terms_outdated", "The terms have changed; read and accept the current version."),
    EmptyCart => ("empty_cart", "The cart is empty."),
    QuantityOutOfRange => ("quantity_out_of_range", "This quantity cannot be ordered."),
    // Orders and parcels.
    InvalidOrderNumber => ("invalid_order_number", "An order number is digits only."),
    InvalidTrackingNumber => ("invalid_tracking_number", "Not a tracking number: 8 to 35 letters and digits, at least four of them digits."),
    // The seller's contact settings.
    NoChannel => ("no_channel", "Turn on at least one way to reach you, or choose no contact at all."),
    EmailNoWay => ("email_no_way", "Show the address, offer the contact form, or both."),
    PhoneWithoutHours => ("phone_without_hours", "The phone is shown only during your hours; set some hours."),
    MessagesWithoutMessengers => ("messages_without_messengers", "Add the messenger you use for instant messages."),
    InvalidTime => ("invalid_time", "Give a time as HH:MM."),
    EmptyRange => ("empty_range", "The range starts and ends at the same time."),
    OverlappingRanges => ("overlapping_ranges", "This range overlaps another one."),
    InvalidTimeZone => ("invalid_time_zone", "Not a known time zone."),
    InvalidDate => ("invalid_date", "Give a date as YYYY-MM-DD."),
    DuplicateDate => ("duplicate_date", "This date is already listed."),
    InvalidUrl => ("invalid_url", "Give the full address of the site, starting with https://."),
    InvalidTaxId => ("invalid_tax_id", "Not a tax identification number."),
    InvalidHandle => ("invalid_handle", "Not a user name or number on this service."),
    AwayReturnInPast => ("away_return_in_past", "The return date must be after today."),
    TooMany => ("too_many", "There are too many of these."),
    OutOfRange => ("out_of_range", "This value is out of range."),
    SignatureTooManyLines => ("signature_too_many_lines", "A signature has at most 6 lines."),
    SignatureLineTooLong => ("signature_line_too_long", "A signature line has at most 70 characters."),
    SignatureMissingName => ("signature_missing_name", "The signature should give your full name."),
    SignatureMissingCompany => ("signature_missing_company", "The signature should give your company's name."),
    SignatureMissingWebsite => ("signature_missing_website", "The signature should give your site."),
    SignatureMissingEmail => ("signature_missing_email", "The signature should give your email address."),
    /// A warning, not a refusal (seed 003: a free mailbox looks untrustworthy to customers).
    FreeMailbox => ("free_mailbox", "An address on a free mailbox service looks less trustworthy to customers."),
}

impl From<&str> for FieldCode {
    fn from(code: &str) -> Self {
        FieldCode::from_code(code)
    }
}

impl std::fmt::Display for FieldCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for FieldCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_travels_as_its_own_snake_case_name_and_reads_back() {
        for code in FieldCode::ALL {
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()), "{code:?}");
            assert_eq!(serde_json::from_str::<FieldCode>(&json).unwrap(), *code);
            assert_eq!(FieldCode::from_code(code.as_str()), *code);
            assert!(!code.english().is_empty());
        }
    }

    #[test]
    fn a_code_from_another_backend_is_other() {
        assert_eq!(serde_json::from_str::<FieldCode>("\"must_be_purple\"").unwrap(), FieldCode::Other);
        assert_eq!(FieldCode::from("must_be_purple"), FieldCode::Other);
        assert_eq!(FieldCode::Other.english(), FieldCode::Invalid.english());
    }

    #[test]
    fn codes_keep_the_names_clients_already_know() {
        let table = [
            (FieldCode::Required, "required"),
            (FieldCode::InvalidEmail, "invalid_email"),
            (FieldCode::PoBoxRefused, "po_box_refused"),
            (FieldCode::SignatureMissingEmail, "signature_missing_email"),
            (FieldCode::InvalidTrackingNumber, "invalid_tracking_number"),
        ];
        for (code, wire) in table {
            assert_eq!(code.as_str(), wire);
        }
    }
}
