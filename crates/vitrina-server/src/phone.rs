//! Phone numbers as shoppers type them in their country (`8 912 345-67-89` in Russia,
//! `0905 123 456` in Slovakia), read with Google's libphonenumber metadata (the `phonenumber`
//! crate) and written back in the full international form.
//!
//! Foundation: used by the domain; uses only `vitrina_core`.

use vitrina_core::FieldCode;

/// A number the store can call: E.164 for keeping (`+79123456789`), and the international form
/// a person reads (`+7 912 345-67-89`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub e164: String,
    pub international: String,
}

/// Reads `value` as a number dialled in `country` (ISO 3166-1 alpha-2) — or in any country when
/// it starts with `+` or `00` — and refuses what is no valid number there, with the field-error code.
pub fn normalise(value: &str, country: &str) -> Result<Phone, FieldCode> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldCode::Required);
    }
    if value.chars().count() > 40 {
        return Err(FieldCode::InvalidPhone);
    }
    // An international prefix typed as 00 reads as +, whatever the country's own exit code.
    let value = match value.strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None => value.to_owned(),
    };
    let region = country.parse::<phonenumber::country::Id>().ok();
    let number = phonenumber::parse(region, &value).map_err(|_| FieldCode::InvalidPhone)?;
    if !number.is_valid() {
        return Err(FieldCode::InvalidPhone);
    }
    Ok(Phone {
        e164: number.format().mode(phonenumber::Mode::E164).to_string(),
        international: number.format().mode(phonenumber::Mode::International).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::normalise;
    use vitrina_core::FieldCode;

    #[test]
    fn numbers_typed_the_countrys_way_become_international() {
        let ru = normalise("8 912 345-67-89", "RU").unwrap();
        assert_eq!((ru.international.as_str(), ru.e164.as_str()), ("+7 912 345-67-89", "+79123456789"));
        assert_eq!(normalise("0905 123 456", "SK").unwrap().international, "+421 905 123 456");
        assert_eq!(normalise("+7 912 345-67-89", "SK").unwrap().e164, "+79123456789", "a + number ignores the country");
        assert_eq!(normalise("00421 905 123 456", "RU").unwrap().e164, "+421905123456");
        assert_eq!(normalise("(8) 912 345 67 89", "RU").unwrap().e164, "+79123456789");
    }

    #[test]
    fn nonsense_is_refused_with_a_code() {
        assert_eq!(normalise("", "RU"), Err(FieldCode::Required));
        for nonsense in ["hello", "8 912", "+0 123 456 789", "0905 123 456 789 000", "12345678901234567890123456789012345678901"] {
            assert_eq!(normalise(nonsense, "RU").map(|p| p.e164), Err(FieldCode::InvalidPhone), "{nonsense}");
        }
        assert!(normalise("0905 123 456", "RU").is_err(), "a Slovak mobile is no Russian number");
    }
}
