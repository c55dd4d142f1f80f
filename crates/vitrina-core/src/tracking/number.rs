//! What a tracking number looks like, for the lookup form (to explain at the field) and the
//! backend (to refuse). Carriers' formats differ (`PX1000000001`, `RR123456789RU`,
//! `1Z999AA10123456784`), so the rule is their common shape, not one carrier's.

use crate::FieldCode;

/// Reads a tracking number as typed or pasted: spaces are dropped and letters made upper case.
/// It must then be 8–35 letters and digits, with at least four digits.
pub fn tracking_number(input: &str) -> Result<String, FieldCode> {
    let number: String = input.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if number.is_empty() {
        return Err(FieldCode::Required);
    }
    let digits = number.bytes().filter(u8::is_ascii_digit).count();
    if !(8..=35).contains(&number.len()) || !number.bytes().all(|b| b.is_ascii_alphanumeric()) || digits < 4 {
        return Err(FieldCode::InvalidTrackingNumber);
    }
    Ok(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_type_them_are_accepted() {
        assert_eq!(tracking_number("PX1000000001"), Ok("PX1000000001".into()));
        assert_eq!(tracking_number(" px 1000 000 001 "), Ok("PX1000000001".into()));
        assert_eq!(tracking_number("RR123456789RU"), Ok("RR123456789RU".into()));
        assert_eq!(tracking_number("1Z999AA10123456784"), Ok("1Z999AA10123456784".into()));
    }

    #[test]
    fn what_cannot_be_a_tracking_number_is_refused() {
        assert_eq!(tracking_number("   "), Err(FieldCode::Required));
        for bad in [
            "PX1",
            "hello world",
            "PX10000000<b>",
            "PX-1000000001",
            "ПХ1000000001",
            "ABCDEFGHIJK",
            "1234567890123456789012345678901234567",
            "../../etc/passwd",
        ] {
            assert_eq!(tracking_number(bad), Err(FieldCode::InvalidTrackingNumber), "{bad}");
        }
    }
}
