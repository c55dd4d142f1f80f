//! schema.org structured data for the contact page: the seller as an `Organization` with a
//! `ContactPoint` whose `hoursAvailable` lists the weekly hours and the date overrides.
//!
//! Built from what the shopper was shown, so it never reveals more (no phone outside the hours,
//! no email address at all: that stays protected from harvesters).

use super::schedule::{Span, format_time};
use crate::api::{ChannelKind, SellerContact, TimeRange};
use crate::civil::Weekday;

/// A JSON object written straight as text, member by member: the page needs only the text, and
/// writing it so keeps serde_json's `Value` and its maps out of the app.
struct Object(String);

impl Object {
    fn new() -> Self {
        Object(String::from("{"))
    }

    fn key(&mut self, key: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        push_string(&mut self.0, key);
        self.0.push(':');
    }

    /// A string member.
    fn text(mut self, key: &str, value: &str) -> Self {
        self.key(key);
        push_string(&mut self.0, value);
        self
    }

    /// A member whose value is already JSON.
    fn json(mut self, key: &str, value: &str) -> Self {
        self.key(key);
        self.0.push_str(value);
        self
    }

    fn end(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// `value` as a JSON string, with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026` so
/// that nothing a seller typed can close the script element it is written into.
fn push_string(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || matches!(c, '<' | '>' | '&') => {
                let n = c as usize;
                out.push_str("\\u00");
                out.push(HEX[n >> 4] as char);
                out.push(HEX[n & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON array of already written values.
fn array(items: &[String]) -> String {
    format!("[{}]", items.join(","))
}

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

/// One `OpeningHoursSpecification`: on a weekday, or on one date only.
fn hours_spec(when: Result<Weekday, &str>, opens: &str, closes: &str) -> String {
    let spec = Object::new().text("@type", "OpeningHoursSpecification");
    let spec = match when {
        Ok(day) => spec.text("dayOfWeek", day_uri(day)),
        Err(date) => spec.text("validFrom", date).text("validThrough", date),
    };
    spec.text("opens", opens).text("closes", closes).end()
}

/// The `Organization` with its `ContactPoint`, as the text of a `<script type="application/ld+json">`:
/// `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`, so nothing a seller typed can
/// close the script element.
pub fn organization(contact: &SellerContact) -> String {
    let mut org = Object::new().text("@context", "https://schema.org").text("@type", "Organization").text("name", &contact.seller_name);
    let id = &contact.identity;
    for (key, value) in [("legalName", &id.legal_entity), ("taxID", &id.tax_id), ("url", &id.website)] {
        if !value.trim().is_empty() {
            org = org.text(key, value.trim());
        }
    }
    if contact.accepts_contact && !contact.channels.is_empty() {
        let mut hours = Vec::new();
        for day in Weekday::ALL {
            for range in contact.hours.day(day) {
                if let Some((opens, closes)) = opens_closes(range) {
                    hours.push(hours_spec(Ok(day), &opens, &closes));
                }
            }
        }
        for o in &contact.overrides {
            if o.ranges.is_empty() {
                // A closed day: opens and closes at midnight, for that date only.
                hours.push(hours_spec(Err(&o.date), "00:00", "00:00"));
            }
            for range in &o.ranges {
                if let Some((opens, closes)) = opens_closes(range) {
                    hours.push(hours_spec(Err(&o.date), &opens, &closes));
                }
            }
        }
        let mut point = Object::new().text("@type", "ContactPoint").text("contactType", "customer service");
        if !id.full_name.trim().is_empty() {
            point = point.text("name", id.full_name.trim());
        }
        if let Some(phone) = contact.channel(ChannelKind::Phone).and_then(|c| c.phone.as_ref()) {
            point = point.text("telephone", &phone.e164);
        }
        let point = point.json("hoursAvailable", &array(&hours)).end();
        org = org.json("contactPoint", &array(&[point]));
    }
    org.end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::*;
    use serde_json::Value;

    /// The organization as JSON, read back.
    fn org(contact: &SellerContact) -> Value {
        serde_json::from_str(&organization(contact)).unwrap()
    }

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
        let org = org(&contact());
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
        assert!(org(&c)["contactPoint"][0].get("telephone").is_none());
    }

    #[test]
    fn the_script_text_cannot_close_the_script_element_and_still_parses() {
        let text = organization(&contact());
        assert!(!text.contains('<'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "Severny Veter </script><script>alert(1)</script>");
    }

    #[test]
    fn quotes_backslashes_control_characters_and_other_scripts_are_written_as_json() {
        let mut c = contact();
        c.seller_name = "Quote \" backslash \\ line\nbreak \u{1} tab\t Příbor 北风 🙂".into();
        assert_eq!(org(&c)["name"], c.seller_name);
    }

    #[test]
    fn a_seller_who_takes_no_contact_has_no_contact_point() {
        let mut c = contact();
        c.accepts_contact = false;
        c.channels.clear();
        assert!(org(&c).get("contactPoint").is_none());
    }
}
