//! The demo sellers' contact settings: `demo-seller` with every channel (phone hours, a holiday,
//! messengers, a business identity), `form-only` with just a contact form for registered
//! customers, and `quiet-seller`, who takes no contact at all.

use crate::store::contact::save;
use vitrina_core::api::*;
use vitrina_core::civil::{Date, UnixSeconds};

fn range(start: &str, end: &str) -> TimeRange {
    TimeRange::new(start, end)
}

/// The coming Christmas days (closed) and New Year's Eve (short hours), from the year of `now`.
fn holidays(now: UnixSeconds) -> Vec<DateOverride> {
    let today = Date::from_days_since_epoch(now.div_euclid(86_400));
    let year = if (today.month, today.day) > (12, 26) { today.year + 1 } else { today.year };
    let date = |month: u8, day: u8| Date::new(year, month, day).map(|d| d.to_string()).unwrap_or_default();
    vec![
        DateOverride { date: date(12, 24), ranges: vec![], note: "Christmas Eve".into() },
        DateOverride { date: date(12, 25), ranges: vec![], note: "Christmas Day".into() },
        DateOverride { date: date(12, 26), ranges: vec![], note: "St Stephen's Day".into() },
        DateOverride { date: date(12, 31), ranges: vec![range("10:00", "12:00")], note: "New Year's Eve".into() },
    ]
}

/// A demo seller's settings as seeded (`None` for any other seller).
pub fn demo_settings(seller_id: &str, now: UnixSeconds) -> Option<ContactSettings> {
    let weekday = vec![range("09:00", "18:00")];
    match seller_id {
        "demo-seller" => Some(ContactSettings {
            accepts_contact: true,
            time_zone: "Europe/Bratislava".into(),
            messages: MessagesChannel {
                enabled: true,
                audience: Audience::Everyone,
                messengers: vec![
                    Messenger {
                        kind: MessengerKind::Telegram,
                        handle: "@severny_veter".into(),
                    },
                    Messenger {
                        kind: MessengerKind::Whatsapp,
                        handle: "+421 905 123 456".into(),
                    },
                ],
            },
            email: EmailChannel {
                enabled: true,
                audience: Audience::Everyone,
                address: "marek@severny-veter.example".into(),
                show_address: true,
                contact_form: true,
            },
            phone: PhoneChannel {
                enabled: true,
                audience: Audience::Everyone,
                number: "+421 905 123 456".into(),
                action: PhoneAction::Call,
            },
            postal: PostalChannel {
                enabled: true,
                audience: Audience::Verified,
                address: "Severny Veter s.r.o.\nHlavná 12\n811 01 Bratislava\nSlovakia".into(),
            },
            hours: WeeklyHours {
                mon: weekday.clone(),
                tue: weekday.clone(),
                wed: weekday.clone(),
                thu: weekday.clone(),
                fri: weekday,
                sat: vec![range("10:00", "14:00")],
                sun: vec![],
            },
            overrides: holidays(now),
            identity: Identity {
                full_name: "Marek Horváth".into(),
                nickname: String::new(),
                legal_entity: "Severny Veter s.r.o.".into(),
                tax_id: "SK2120123456".into(),
                website: "https://severny-veter.example".into(),
            },
            response_time_hours: 24,
            away: Away::default(),
            presence: Default::default(),
            signature: "Marek Horváth, owner\nSeverny Veter s.r.o. · Home & Apparel\nhttps://severny-veter.example\nmarek@severny-veter.example · +421 905 123 456".into(),
        }),
        "form-only" => Some(ContactSettings {
            accepts_contact: true,
            time_zone: "Europe/Moscow".into(),
            email: EmailChannel {
                enabled: true,
                audience: Audience::Registered,
                address: "irina@lavka-masterov.example".into(),
                show_address: false,
                contact_form: true,
            },
            identity: Identity {
                full_name: "Irina Sokolova".into(),
                website: "https://lavka-masterov.example".into(),
                ..Identity::default()
            },
            response_time_hours: 48,
            ..ContactSettings::default()
        }),
        "quiet-seller" => Some(ContactSettings {
            accepts_contact: false,
            time_zone: "Europe/Kyiv".into(),
            response_time_hours: 24,
            ..ContactSettings::default()
        }),
        _ => None,
    }
}

pub(super) fn seed_contact(tx: &rusqlite::Transaction<'_>, now: UnixSeconds) -> Result<(), rusqlite::Error> {
    for seller in ["demo-seller", "form-only", "quiet-seller"] {
        if let Some(settings) = demo_settings(seller, now) {
            save(tx, seller, &settings, now, None).map_err(|e| rusqlite::Error::ToSqlConversionFailure(format!("{:?}", e.0).into()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tz::TzDatabase;
    use vitrina_core::contact::rules::check_settings;

    #[test]
    fn every_demo_seller_keeps_the_rules() {
        let now = vitrina_core::civil::parse_rfc3339("2026-11-22T10:00:00Z").unwrap().0;
        for seller in ["demo-seller", "form-only", "quiet-seller"] {
            let report = check_settings(&demo_settings(seller, now).unwrap(), now, &TzDatabase);
            assert!(report.is_ok(), "{seller}: {:?}", report.errors);
        }
    }

    #[test]
    fn the_holidays_are_the_coming_ones() {
        let late = vitrina_core::civil::parse_rfc3339("2026-12-28T10:00:00Z").unwrap().0;
        assert_eq!(holidays(late)[0].date, "2027-12-24");
        let early = vitrina_core::civil::parse_rfc3339("2026-12-20T10:00:00Z").unwrap().0;
        assert_eq!(holidays(early)[0].date, "2026-12-24");
    }
}
