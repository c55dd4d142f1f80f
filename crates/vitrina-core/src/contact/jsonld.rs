//! schema.org structured data for the contact page: the seller as an `Organization` with a
//! `ContactPoint` whose `hoursAvailable` lists the weekly hours and the date overrides.
//!
//! Built from what the shopper was shown, so it never reveals more (no phone outside the hours,
//! no email address at all: that stays protected from harvesters).

use super::schedule::{Span, format_time};
use crate::api::{ChannelKind, SellerContact, TimeRange};
use crate::civil::Weekday;
use serde_json::{Value, json};

fn day_uri(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "https://schema.org/Monday",
        Weekday::Tue => "https://schema.org/Tuesday",
        Weekday::Wed => "https://schema.org/Wednesday",
        Weekday::Thu => "https://schema.org/Thursday",
        Weekday::Fri => "https://schema.org/Friday",
        Weekday::Sat => "https://schema.org/Saturday",
        Weekday::Sun => "https://schema.org/Sunday",
    }
}

/// `opens`/`closes` of a range; a range past midnight closes "earlier" than it opens, which
/// schema.org reads as the next day.
fn opens_closes(range: &TimeRange) -> Option<(String, String)> {
    let span = Span::of(range).ok()?;
    Some((format_time(span.start), format_time(span.end % (24 * 60))))
}

/// The `Organization` with its `ContactPoint`.
pub fn organization(contact: &SellerContact) -> Value {
    let mut org = serde_json::Map::new();
    org.insert("@context".into(), json!("https://schema.org"));
    org.insert("@type".into(), json!("Organization"));
    org.insert("name".into(), json!(contact.seller_name));
    let id = &contact.identity;
    for (key, value) in [("legalName", &id.legal_entity), ("taxID", &id.tax_id), ("url", &id.website)] {
        if !value.trim().is_empty() {
            org.insert(key.into(), json!(value.trim()));
        }
    }
    if contact.accepts_contact && !contact.channels.is_empty() {
        let mut hours = Vec::new();
        for day in Weekday::ALL {
            for range in contact.hours.day(day) {
                if let Some((opens, closes)) = opens_closes(range) {
                    hours.push(json!({
                        "@type": "OpeningHoursSpecification",
                        "dayOfWeek": day_uri(day),
                        "opens": opens,
                        "closes": closes,
                    }));
                }
            }
        }
        for o in &contact.overrides {
            if o.ranges.is_empty() {
                // A closed day: opens and closes at midnight, for that date only.
                hours.push(json!({
                    "@type": "OpeningHoursSpecification",
                    "validFrom": o.date,
                    "validThrough": o.date,
                    "opens": "00:00",
                    "closes": "00:00",
                }));
            }
            for range in &o.ranges {
                if let Some((opens, closes)) = opens_closes(range) {
                    hours.push(json!({
                        "@type": "OpeningHoursSpecification",
                        "validFrom": o.date,
                        "validThrough": o.date,
                        "opens": opens,
                        "closes": closes,
                    }));
                }
            }
        }
        let mut point = serde_json::Map::new();
        point.insert("@type".into(), json!("ContactPoint"));
        point.insert("contactType".into(), json!("customer service"));
        if !id.full_name.trim().is_empty() {
            point.insert("name".into(), json!(id.full_name.trim()));
        }
        if let Some(phone) = contact.channel(ChannelKind::Phone).and_then(|c| c.phone.as_ref()) {
            point.insert("telephone".into(), json!(phone.e164));
        }
        point.insert("hoursAvailable".into(), Value::Array(hours));
        org.insert("contactPoint".into(), json!([point]));
    }
    Value::Object(org)
}

/// JSON for the inside of a `<script type="application/ld+json">`: `<`, `>` and `&` are written
/// as `\u003c`, `\u003e`, `\u0026`, so nothing a seller typed can close the script element.
pub fn script_text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::*;

    fn contact() -> SellerContact {
        SellerContact {
            seller_id: "demo-seller".into(),
            seller_name: "Severny Veter </script><script>alert(1)</script>".into(),
            accepts_contact: true,
            identity: Identity {
                full_name: "Marek Horváth".into(),
                legal_entity: "Severny Veter s.r.o.".into(),
                tax_id: "SK2120123456".into(),
                website: "https://severny-veter.example".into(),
                nickname: String::new(),
            },
            messengers_used: vec![],
            time_zone: "Europe/Bratislava".into(),
            response_time_hours: 24,
            away: None,
            hours: WeeklyHours {
                mon: vec![TimeRange::new("09:00", "18:00")],
                fri: vec![TimeRange::new("22:00", "02:00")],
                ..Default::default()
            },
            overrides: vec![DateOverride { date: "2026-12-24".into(), ranges: vec![], note: "Christmas Eve".into() }],
            channels: vec![PublicChannel {
                kind: ChannelKind::Phone,
                audience: Audience::Everyone,
                access: Access::Open,
                email_encoded: None,
                email: None,
                phone: Some(PhoneNumber { display: "+421 905 123 456".into(), e164: "+421905123456".into(), action: PhoneAction::Call }),
                phone_action: Some(PhoneAction::Call),
                postal_address: None,
                messengers: vec![],
                available_now: Some(true),
                available_until: None,
                next_window: None,
            }],
            as_of: "2026-11-23T09:00:00Z".into(),
        }
    }

    #[test]
    fn the_contact_point_lists_weekly_hours_and_the_holiday() {
        let org = organization(&contact());
        assert_eq!(org["@type"], "Organization");
        assert_eq!(org["taxID"], "SK2120123456");
        let point = &org["contactPoint"][0];
        assert_eq!(point["@type"], "ContactPoint");
        assert_eq!(point["telephone"], "+421905123456");
        let hours = point["hoursAvailable"].as_array().unwrap();
        assert_eq!(hours.len(), 3);
        assert_eq!(hours[0]["dayOfWeek"], "https://schema.org/Monday");
        assert_eq!((hours[0]["opens"].as_str(), hours[0]["closes"].as_str()), (Some("09:00"), Some("18:00")));
        assert_eq!((hours[1]["opens"].as_str(), hours[1]["closes"].as_str()), (Some("22:00"), Some("02:00")));
        assert_eq!(hours[2]["validFrom"], "2026-12-24");
        assert_eq!(hours[2]["closes"], "00:00");
    }

    #[test]
    fn without_the_phone_in_the_answer_there_is_no_telephone() {
        let mut c = contact();
        c.channels[0].phone = None;
        assert!(organization(&c)["contactPoint"][0].get("telephone").is_none());
    }

    #[test]
    fn the_script_text_cannot_close_the_script_element_and_still_parses() {
        let text = script_text(&organization(&contact()));
        assert!(!text.contains('<'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "Severny Veter </script><script>alert(1)</script>");
    }

    #[test]
    fn a_seller_who_takes_no_contact_has_no_contact_point() {
        let mut c = contact();
        c.accepts_contact = false;
        c.channels.clear();
        assert!(organization(&c).get("contactPoint").is_none());
    }
}
