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

fn point(id: &str, name: &str, address: &str, hours: &str, storage_days: u32) -> PickupPoint {
    PickupPoint {
        id: id.into(),
        name: name.into(),
        address: address.into(),
        opening_hours: hours.into(),
        storage_days,
        report_problems_within_hours: None,
    }
}

pub fn pickup_points() -> Vec<PickupPoint> {
    vec![
        point(
            "pp-tverskaya",
            "Pony Express pickup point «Tverskaya»",
            "Moscow, Tverskaya St 12",
            "Mon–Fri 09:00–21:00, Sat–Sun 10:00–18:00",
            7,
        ),
        point("pp-kazan", "Pony Express pickup point «Kremlyovskaya»", "Kazan, Kremlyovskaya St 8", "Mon–Sat 10:00–20:00", 7),
    ]
}

pub fn parcel_lockers() -> Vec<PickupPoint> {
    let mut locker = point("pl-paveletskaya", "Parcel locker at Paveletskaya station", "Moscow, Paveletskaya Sq 1", "24/7", 3);
    locker.report_problems_within_hours = Some(LOCKER_REPORT_HOURS);
    vec![locker]
}

pub fn seller_shops() -> Vec<PickupPoint> {
    vec![point("shop-myasnitskaya", "Severny Veter showroom", "Moscow, Myasnitskaya St 24", "Mon–Sat 11:00–20:00", 14)]
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
