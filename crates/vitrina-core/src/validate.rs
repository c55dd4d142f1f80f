//! The field rules as they were before [`crate::field`], returning codes as text. Kept only so
//! that code not yet moved over compiles; use [`crate::field`] and [`crate::FieldCode`].

use crate::field;

/// Field-error codes as text; each is [`crate::FieldCode::as_str`] of its code.
pub mod code {
    use crate::FieldCode;

    #[deprecated(note = "use FieldCode::Required")]
    pub const REQUIRED: &str = FieldCode::Required.as_str();
    #[deprecated(note = "use FieldCode::InvalidEmail")]
    pub const INVALID_EMAIL: &str = FieldCode::InvalidEmail.as_str();
    #[deprecated(note = "use FieldCode::InvalidPhone")]
    pub const INVALID_PHONE: &str = FieldCode::InvalidPhone.as_str();
    #[deprecated(note = "use FieldCode::TooLong")]
    pub const TOO_LONG: &str = FieldCode::TooLong.as_str();
    #[deprecated(note = "use FieldCode::Invalid")]
    pub const INVALID: &str = FieldCode::Invalid.as_str();
}

#[deprecated(note = "use vitrina_core::field::email")]
pub fn email(value: &str) -> Result<String, &'static str> {
    field::email(value).map_err(crate::FieldCode::as_str)
}

#[deprecated(note = "use vitrina_core::field::international_phone")]
pub fn international_phone(value: &str) -> Result<String, &'static str> {
    field::international_phone(value).map_err(crate::FieldCode::as_str)
}

#[deprecated(note = "use vitrina_core::field::required_text")]
pub fn required_text(value: &str, max: usize) -> Result<String, &'static str> {
    field::required_text(value, max).map_err(crate::FieldCode::as_str)
}
