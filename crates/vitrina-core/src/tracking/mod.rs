//! Shipment tracking rules: carrier statuses read through per-carrier tables, the current state
//! ("delivered" wins), stalled shipments, the customs-offer deadline, delivery attempts, the
//! tracking-number format and how often an open page looks again.
//!
//! The reference backend builds the view the contract sends with [`shipment_view`]; everything
//! here is plain data and arithmetic, tested on the host.

pub mod carriers;
mod number;
mod refresh;
mod time;
mod view;

pub use carriers::{CarrierTable, Milestone, StatusMeaning, carrier};
pub use number::tracking_number;
pub use refresh::{FIRST_REFRESH_SECONDS, MAX_REFRESH_SECONDS, next_refresh_seconds};
pub use time::{PlaceZone, utc_offset_label};
pub use view::{CarrierEvent, ShipmentRecord, shipment_view};

/// Text cut to `max` characters (a backend gone wrong can send megabytes in one field).
pub fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// The language the carrier words its statuses in (`ru`), where it names a well-formed tag: a
/// page marks the carrier's own words with it.
pub fn carrier_language(shipment: &crate::api::Shipment) -> Option<String> {
    let tag = shipment.carrier.language.as_deref()?.trim();
    let ok = (2..=35).contains(&tag.len())
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    ok.then(|| tag.to_owned())
}

/// A shipment that is not finished and has had no event for this many days is stalled. A week:
/// the longest quiet legs of a normal journey (a flight to customs) take four to six days, and
/// the seed's complaint (seed 002 l.185–194) is a status frozen for weeks.
pub const STALL_AFTER_DAYS: i64 = 7;
