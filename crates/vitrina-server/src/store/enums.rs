//! Contract enums kept in text columns by their wire names (`card_online`, `handed_to_carrier`), so
//! the database reads as the JSON contract does.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The wire name of a contract enum, for storage.
pub fn to_text<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// A contract enum from its stored wire name (a name this build does not know reads as the
/// enum's `Unknown`; `None` only for a type without one).
pub fn from_text<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use vitrina_core::api::{OrderStatus, PaymentKind};

    #[test]
    fn an_enum_is_stored_by_its_wire_name_and_read_back() {
        assert_eq!(to_text(&PaymentKind::CardOnline), "card_online");
        assert_eq!(from_text::<OrderStatus>("handed_to_carrier"), Some(OrderStatus::HandedToCarrier));
        assert_eq!(from_text::<OrderStatus>("teleported"), Some(OrderStatus::Unknown), "a name from the future");
        assert_eq!(from_text::<PaymentKind>(""), Some(PaymentKind::Unknown));
    }
}
