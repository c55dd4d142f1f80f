//! One vocabulary for fields: the codes a refused field carries ([`FieldCode`]) and the rules
//! for single values that the app runs at the field (to explain) and a backend runs again (to
//! enforce). Each rule returns the cleaned value or the code saying what is wrong.

mod code;

pub use code::FieldCode;

/// A practical email check: one `@`, something before it, a dotted domain after it, no spaces.
/// (Whether the mailbox exists is for the confirmation email to find out.)
pub fn email(value: &str) -> Result<String, FieldCode> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldCode::Required);
    }
    if value.len() > 254 {
        return Err(FieldCode::TooLong);
    }
    let Some((local, domain)) = value.rsplit_once('@') else {
        return Err(FieldCode::InvalidEmail);
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.chars().all(|c| crate::text::is_alphanumeric(c) || c == '-' || c == '.');
    if local.is_empty() || local.len() > 64 || local.contains('@') || value.chars().any(char::is_whitespace) || !domain_ok {
        return Err(FieldCode::InvalidEmail);
    }
    Ok(value.to_owned())
}

/// A phone number in full international form (seed 001: always with the country code), returned
/// as E.164 (`+79123456789`). Spaces, dashes, dots and brackets are allowed while typing; a
/// leading `00` counts as `+`. A number without its country code is refused, not guessed.
pub fn international_phone(value: &str) -> Result<String, FieldCode> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldCode::Required);
    }
    let rest = if let Some(r) = value.strip_prefix('+') {
        r
    } else if let Some(r) = value.strip_prefix("00") {
        r
    } else {
        return Err(FieldCode::InvalidPhone);
    };
    let mut digits = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return Err(FieldCode::InvalidPhone),
        }
    }
    // E.164: at most 15 digits; the shortest real numbers with country code have 8.
    if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
        return Err(FieldCode::InvalidPhone);
    }
    Ok(format!("+{digits}"))
}

/// A phone number as a person types it in their own country (`8 912 345-67-89`, `0905 123 456`)
/// or internationally (`+7 …`): digits with the usual separators, 6 to 15 of them. Only the
/// shape is checked here; the backend reads it with the country's numbering plan and answers the
/// full international form.
pub fn phone_as_typed(value: &str) -> Result<String, FieldCode> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldCode::Required);
    }
    let rest = value.strip_prefix('+').unwrap_or(value);
    let mut digits = 0;
    for c in rest.chars() {
        match c {
            '0'..='9' => digits += 1,
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return Err(FieldCode::InvalidPhone),
        }
    }
    if !(6..=15).contains(&digits) {
        return Err(FieldCode::InvalidPhone);
    }
    Ok(value.to_owned())
}

/// Text that must be present and at most `max` characters; returns it trimmed.
pub fn required_text(value: &str, max: usize) -> Result<String, FieldCode> {
    let value = value.trim();
    if value.is_empty() {
        Err(FieldCode::Required)
    } else if value.chars().count() > max {
        Err(FieldCode::TooLong)
    } else {
        Ok(value.to_owned())
    }
}

/// Text that may be empty but is at most `max` characters.
pub fn optional_text(value: &str, max: usize) -> Result<(), FieldCode> {
    if value.trim().chars().count() > max { Err(FieldCode::TooLong) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(email(" anna@example.com "), Ok("anna@example.com".into()));
        assert_eq!(email("почта@пример.рф"), Ok("почта@пример.рф".into()));
        for bad in ["anna", "anna@", "@example.com", "anna@example", "an na@example.com", "anna@exa..mple.com", "a@b@c.com"] {
            assert_eq!(email(bad), Err(FieldCode::InvalidEmail), "{bad}");
        }
        assert_eq!(email("  "), Err(FieldCode::Required));
    }

    #[test]
    fn phones_need_their_country_code() {
        assert_eq!(international_phone("+7 (912) 345-67-89"), Ok("+79123456789".into()));
        assert_eq!(international_phone("00421 905 123 456"), Ok("+421905123456".into()));
        assert_eq!(international_phone("+380 67 123 45 67"), Ok("+380671234567".into()));
        assert_eq!(international_phone("8 912 345 67 89"), Err(FieldCode::InvalidPhone), "no country code");
        assert_eq!(international_phone("+7 912"), Err(FieldCode::InvalidPhone), "too short");
        assert_eq!(international_phone("+1234567890123456"), Err(FieldCode::InvalidPhone), "too long");
        assert_eq!(international_phone("+7 912 ABC 67 89"), Err(FieldCode::InvalidPhone));
        assert_eq!(international_phone(""), Err(FieldCode::Required));
    }

    #[test]
    fn phones_as_typed_need_only_the_shape_of_a_number() {
        assert!(phone_as_typed("8 912 345-67-89").is_ok());
        assert!(phone_as_typed("0905 123 456").is_ok());
        assert!(phone_as_typed("+7 (912) 345.67.89").is_ok());
        assert_eq!(phone_as_typed(" "), Err(FieldCode::Required));
        for bad in ["12345", "call me", "+7 912 345 67 89 12345", "8-912-abc"] {
            assert_eq!(phone_as_typed(bad), Err(FieldCode::InvalidPhone), "{bad}");
        }
    }

    #[test]
    fn required_text_counts_characters_not_bytes() {
        assert_eq!(required_text("  Анна  ", 4), Ok("Анна".into()));
        assert_eq!(required_text("Анна", 3), Err(FieldCode::TooLong));
        assert_eq!(required_text(" ", 3), Err(FieldCode::Required));
        assert_eq!(optional_text(" ", 3), Ok(()));
        assert_eq!(optional_text("Анна", 3), Err(FieldCode::TooLong));
    }
}
