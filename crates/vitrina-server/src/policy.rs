//! The demo store's policies: delivery methods and prices, pickup points, cut-off time, order
//! limits, VAT, the current terms, what counts as bulky and how soon sellers confirm. A real store
//! would keep these in its own configuration.
//!
//! Foundation: used by every layer; uses only `vitrina_core`.

// Amounts in kopecks are grouped as roubles and kopecks: `1_000_00` is 1 000.00 RUB.
#![allow(clippy::inconsistent_digit_grouping)]

use vitrina_core::api::{IdDocument, PickupPoint, TimeWindow};
use vitrina_core::parcel::ParcelLimits;

/// The store's time zone as a UTC offset (Moscow has had no daylight saving since 2014).
pub const STORE_UTC_OFFSET_MINUTES: i32 = 180;
/// The same zone by name, for times the store writes with their zone (an email's deadlines).
pub const STORE_TIME_ZONE: &str = "Europe/Moscow";
/// Orders placed before 14:00 store time on a business day leave the same day.
pub const CUTOFF_MINUTES: u32 = 14 * 60;
pub const VAT_RATE_PERCENT: u32 = 20;
/// The offer and terms the shopper accepts by placing an order; recorded on each order.
pub const TERMS_VERSION: &str = "2026-10-01";
/// Smallest and largest order, on the items after any discount, in kopecks.
pub const MIN_ORDER_MINOR: i64 = 1_000_00;
pub const MAX_ORDER_MINOR: i64 = 500_000_00;
/// Above this total, payment on delivery is not offered (the courier carries no more cash).
pub const MAX_PAY_ON_DELIVERY_MINOR: i64 = 100_000_00;
/// Countries the carrier delivers to, with the postcode length each uses.
pub const COUNTRIES: &[(&str, usize)] = &[("RU", 6), ("BY", 6), ("KZ", 6), ("UA", 5), ("SK", 5)];
pub const CARRIER: &str = "Pony Express";
/// Sellers of the demo store usually confirm an order within this many hours.
pub const SELLER_CONFIRMS_WITHIN_HOURS: u32 = 2;

/// A delivery method: its price, and its business days after dispatch.
pub struct Method {
    pub id: &'static str,
    pub service_level: &'static str,
    pub price_minor: i64,
    pub min_days: u32,
    pub max_days: u32,
}

pub const COURIER: Method = Method { id: "courier", service_level: "Courier to the door", price_minor: 390_00, min_days: 1, max_days: 3 };
pub const BULKY_COURIER: Method =
    Method { id: "courier", service_level: "Bulky goods courier", price_minor: 2_990_00, min_days: 2, max_days: 5 };
pub const INTERNATIONAL_COURIER: Method =
    Method { id: "courier", service_level: "International courier", price_minor: 1_490_00, min_days: 5, max_days: 10 };
pub const PICKUP_POINT: Method =
    Method { id: "pickup-point", service_level: "Pickup point", price_minor: 199_00, min_days: 2, max_days: 4 };
pub const PARCEL_LOCKER: Method =
    Method { id: "parcel-locker", service_level: "Parcel locker", price_minor: 149_00, min_days: 2, max_days: 4 };
pub const SELLER_SHOP: Method =
    Method { id: "seller-shop", service_level: "Collect from the seller's shop", price_minor: 0, min_days: 1, max_days: 1 };

pub fn time_windows() -> Vec<TimeWindow> {
    [("morning", "09:00", "13:00"), ("afternoon", "13:00", "18:00"), ("evening", "18:00", "22:00")]
        .into_iter()
        .map(|(id, from, to)| TimeWindow { id: id.into(), from: from.into(), to: to.into() })
        .collect()
}

/// A city the carrier serves with points: the names a shopper may write it by (compared
/// case-folded, without a leading «г.»), and the beginnings of its postcodes.
pub struct Place {
    pub names: &'static [&'static str],
    pub postcode_prefixes: &'static [&'static str],
}

pub const MOSCOW: Place = Place { names: &["москва", "moscow", "moskva"], postcode_prefixes: &["10", "11", "12"] };
pub const KAZAN: Place = Place { names: &["казань", "kazan"], postcode_prefixes: &["420"] };

impl Place {
    /// Whether a shopper who gave `city` and `postcode` is in this place (either is enough).
    pub fn holds(&self, city: &str, postcode: &str) -> bool {
        let city = city.trim().to_lowercase();
        let city = city.strip_prefix("г.").unwrap_or(&city).trim();
        let postcode: String = postcode.chars().filter(|c| !c.is_whitespace()).collect();
        self.names.contains(&city) || (!postcode.is_empty() && self.postcode_prefixes.iter().any(|p| postcode.starts_with(p)))
    }
}

fn point(place: &'static Place, id: &str, name: &str, address: &str, hours: &str, storage_days: u32) -> (&'static Place, PickupPoint) {
    let point = PickupPoint {
        id: id.into(),
        name: name.into(),
        address: address.into(),
        opening_hours: hours.into(),
        storage_days,
        report_problems_within_hours: None,
    };
    (place, point)
}

/// The points of a place the shopper gave (city or postcode), of those listed.
fn in_place(points: Vec<(&'static Place, PickupPoint)>, city: &str, postcode: &str) -> Vec<PickupPoint> {
    points.into_iter().filter(|(place, _)| place.holds(city, postcode)).map(|(_, point)| point).collect()
}

/// The carrier's pickup points in the shopper's place.
pub fn pickup_points(city: &str, postcode: &str) -> Vec<PickupPoint> {
    const WEEKDAYS_AND_WEEKEND: &str = "Mon–Fri 09:00–21:00, Sat–Sun 10:00–18:00";
    let points = vec![
        point(&MOSCOW, "pp-tverskaya", "Pony Express pickup point «Tverskaya»", "Moscow, Tverskaya St 12", WEEKDAYS_AND_WEEKEND, 7),
        point(&MOSCOW, "pp-arbat", "Pony Express pickup point «Arbat»", "Moscow, Arbat St 24", "Mon–Sun 10:00–22:00", 7),
        point(&MOSCOW, "pp-taganka", "Pony Express pickup point «Taganka»", "Moscow, Marksistskaya St 3", "Mon–Sat 09:00–20:00", 5),
        point(&MOSCOW, "pp-sokol", "Pony Express pickup point «Sokol»", "Moscow, Leningradsky Ave 77", WEEKDAYS_AND_WEEKEND, 7),
        point(&KAZAN, "pp-kazan", "Pony Express pickup point «Kremlyovskaya»", "Kazan, Kremlyovskaya St 8", "Mon–Sat 10:00–20:00", 7),
    ];
    in_place(points, city, postcode)
}

/// The carrier's parcel lockers in the shopper's place (problems reported within two hours).
pub fn parcel_lockers(city: &str, postcode: &str) -> Vec<PickupPoint> {
    let lockers = vec![
        point(&MOSCOW, "pl-paveletskaya", "Parcel locker at Paveletskaya station", "Moscow, Paveletskaya Sq 1", "24/7", 3),
        point(&MOSCOW, "pl-belorusskaya", "Parcel locker at Belorusskaya station", "Moscow, Tverskaya Zastava Sq 7", "24/7", 3),
    ];
    in_place(lockers, city, postcode)
        .into_iter()
        .map(|locker| PickupPoint { report_problems_within_hours: Some(LOCKER_REPORT_HOURS), ..locker })
        .collect()
}

/// The seller's own shops in the shopper's place.
pub fn seller_shops(city: &str, postcode: &str) -> Vec<PickupPoint> {
    let shops =
        vec![point(&MOSCOW, "shop-myasnitskaya", "Severny Veter showroom", "Moscow, Myasnitskaya St 24", "Mon–Sat 11:00–20:00", 14)];
    in_place(shops, city, postcode)
}

/// What the carrier counts as bulky goods and what it does not take (the marketplace terms).
pub const PARCEL_LIMITS: ParcelLimits = ParcelLimits::MARKETPLACE;

/// The identity documents the carrier's couriers and pickup points accept at handover (seed 002,
/// 4.4); a parcel locker opens with the pickup code instead.
pub const ID_DOCUMENTS: &[IdDocument] = &[
    IdDocument::NationalPassport,
    IdDocument::DrivingLicence,
    IdDocument::SeamansPassport,
    IdDocument::MilitaryId,
    IdDocument::ForeignPassport,
    IdDocument::ForeignNationalId,
];

/// Problems with a locker's contents are reported within this many hours of opening the cell
/// (seed 002, 4.8.3).
pub const LOCKER_REPORT_HOURS: u32 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_found_by_its_name_as_people_write_it_or_by_its_postcode() {
        for (city, postcode) in [("Москва", ""), (" г. Москва ", ""), ("MOSCOW", ""), ("", "101000"), ("", "125 009"), ("Моск", "123456")]
        {
            assert!(MOSCOW.holds(city, postcode), "{city:?} {postcode:?}");
        }
        for (city, postcode) in [("Казань", ""), ("Тверь", "170000"), ("", ""), ("Новая Москва", "")] {
            assert!(!MOSCOW.holds(city, postcode), "{city:?} {postcode:?}");
        }
        assert!(KAZAN.holds("казань", ""));
        assert!(!KAZAN.holds("Москва", "101000"));
    }

    #[test]
    fn the_points_listed_are_those_of_the_shoppers_place() {
        let moscow: Vec<String> = pickup_points("Москва", "").into_iter().map(|p| p.id).collect();
        assert_eq!(moscow, ["pp-tverskaya", "pp-arbat", "pp-taganka", "pp-sokol"]);
        assert_eq!(pickup_points("", "420111").len(), 1);
        assert!(pickup_points("Тверь", "170000").is_empty());
        assert!(parcel_lockers("Москва", "").iter().all(|l| l.report_problems_within_hours == Some(2)));
        assert!(parcel_lockers("Казань", "").is_empty());
        assert_eq!(seller_shops("", "101000").len(), 1);
    }
}
