//! Field rules shared by the app (to explain at the field) and the server (to enforce).
//! Each returns the stable code the contract uses in `FieldError::code`.

/// Stable field-error codes (the app words them as `validation.{code}`).
pub mod code {
    pub const REQUIRED: &str = "required";
    pub const INVALID_EMAIL: &str = "invalid_email";
    pub const INVALID_PHONE: &str = "invalid_phone";
    pub const TOO_LONG: &str = "too_long";
    pub const INVALID: &str = "invalid";
}

/// A practical email check: one `@`, something before it, a dotted domain after it, no spaces.
/// (Whether the mailbox exists is for the confirmation email to find out.)
pub fn email(value: &str) -> Result<String, &'static str> {
    let value = value.trim();
    if value.is_empty() {
        return Err(code::REQUIRED);
    }
    if value.len() > 254 {
        return Err(code::TOO_LONG);
    }
    let Some((local, domain)) = value.rsplit_once('@') else {
        return Err(code::INVALID_EMAIL);
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if local.is_empty() || local.len() > 64 || local.contains('@') || value.chars().any(char::is_whitespace) || !domain_ok {
        return Err(code::INVALID_EMAIL);
    }
    Ok(value.to_owned())
}

/// The form an email address is compared in: trimmed and case-folded over all of Unicode, so
/// `ÉVA@example.com` and `éva@example.com` are one address (SQL's `lower()` folds ASCII only).
/// Final sigma folds as sigma does, as Unicode case folding has it.
pub fn email_key(value: &str) -> String {
    value.trim().to_lowercase().replace('ς', "σ")
}

/// A phone number in full international form (seed 001: always with the country code), returned
/// as E.164 (`+79123456789`). Spaces, dashes, dots and brackets are allowed while typing; a
/// leading `00` counts as `+`. A number without its country code is refused, not guessed.
pub fn international_phone(value: &str) -> Result<String, &'static str> {
    let value = value.trim();
    if value.is_empty() {
        return Err(code::REQUIRED);
    }
    let rest = if let Some(r) = value.strip_prefix('+') {
        r
    } else if let Some(r) = value.strip_prefix("00") {
        r
    } else {
        return Err(code::INVALID_PHONE);
    };
    let mut digits = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return Err(code::INVALID_PHONE),
        }
    }
    // E.164: at most 15 digits; the shortest real numbers with country code have 8.
    if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
        return Err(code::INVALID_PHONE);
    }
    Ok(format!("+{digits}"))
}

/// A phone number as a person types it in their own country (`8 912 345-67-89`, `0905 123 456`)
/// or internationally (`+7 …`): digits with the usual separators, 6 to 15 of them. Only the
/// shape is checked here; the backend reads it with the country's numbering plan and answers the
/// full international form.
pub fn phone_as_typed(value: &str) -> Result<String, &'static str> {
    let value = value.trim();
    if value.is_empty() {
        return Err(code::REQUIRED);
    }
    let rest = value.strip_prefix('+').unwrap_or(value);
    let mut digits = 0;
    for c in rest.chars() {
        match c {
            '0'..='9' => digits += 1,
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return Err(code::INVALID_PHONE),
        }
    }
    if !(6..=15).contains(&digits) {
        return Err(code::INVALID_PHONE);
    }
    Ok(value.to_owned())
}

/// Text that must be present and at most `max` characters; returns it trimmed.
pub fn required_text(value: &str, max: usize) -> Result<String, &'static str> {
    let value = value.trim();
    if value.is_empty() {
        Err(code::REQUIRED)
    } else if value.chars().count() > max {
        Err(code::TOO_LONG)
    } else {
        Ok(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_keys_fold_case_across_unicode() {
        assert_eq!(email_key(" ÉVA@Example.com "), email_key("éva@example.com"));
        assert_eq!(email_key("Почта@Пример.РФ"), "почта@пример.рф");
        assert_eq!(email_key("ΟΔΟΣ@x.gr"), email_key("οδοσ@x.gr"));
    }

    #[test]
    fn phones_as_typed_need_only_the_shape_of_a_number() {
        assert!(phone_as_typed("8 912 345-67-89").is_ok());
        assert!(phone_as_typed("0905 123 456").is_ok());
        assert!(phone_as_typed("+7 (912) 345.67.89").is_ok());
        assert_eq!(phone_as_typed(" "), Err(code::REQUIRED));
        for bad in ["12345", "call me", "+7 912 345 67 89 12345", "8-912-abc"] {
            assert_eq!(phone_as_typed(bad), Err(code::INVALID_PHONE), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert_eq!(email(" anna@example.com "), Ok("anna@example.com".into()));
        assert_eq!(email("почта@пример.рф"), Ok("почта@пример.рф".into()));
        for bad in ["anna", "anna@", "@example.com", "anna@example", "an na@example.com", "anna@exa..mple.com", "a@b@c.com"] {
            assert_eq!(email(bad), Err(code::INVALID_EMAIL), "{bad}");
        }
        assert_eq!(email("  "), Err(code::REQUIRED));
    }

    #[test]
    fn phones_need_their_country_code() {
        assert_eq!(international_phone("+7 (912) 345-67-89"), Ok("+79123456789".into()));
        assert_eq!(international_phone("00421 905 123 456"), Ok("+421905123456".into()));
        assert_eq!(international_phone("+380 67 123 45 67"), Ok("+380671234567".into()));
        assert_eq!(international_phone("8 912 345 67 89"), Err(code::INVALID_PHONE), "no country code");
        assert_eq!(international_phone("+7 912"), Err(code::INVALID_PHONE), "too short");
        assert_eq!(international_phone("+1234567890123456"), Err(code::INVALID_PHONE), "too long");
        assert_eq!(international_phone("+7 912 ABC 67 89"), Err(code::INVALID_PHONE));
        assert_eq!(international_phone(""), Err(code::REQUIRED));
    }

    #[test]
    fn required_text_counts_characters_not_bytes() {
        assert_eq!(required_text("  Анна  ", 4), Ok("Анна".into()));
        assert_eq!(required_text("Анна", 3), Err(code::TOO_LONG));
        assert_eq!(required_text(" ", 3), Err(code::REQUIRED));
    }
}
