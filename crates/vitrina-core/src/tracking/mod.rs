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
pub use time::utc_offset_label;
pub use view::{CarrierEvent, ShipmentRecord, shipment_view};

/// Days the shopper has to confirm the customs offer, counted from the parcel's arrival at
/// customs (seed 002 l.131: "срок подтверждения оферты — 14 дней с момента прибытия вашего
/// отправление на таможню").
pub const OFFER_CONFIRMATION_DAYS: i64 = 14;

/// Wrong entries the carrier's offer form accepts; one more blocks the link (seed 002 l.133–134:
/// "ввели данные более четырех раз — неверно. Ссылка заблокирована").
pub const OFFER_WRONG_TRIES_ALLOWED: u32 = 4;

/// A shipment that is not finished and has had no event for this many days is stalled. A week:
/// the longest quiet legs of a normal journey (a flight to customs) take four to six days, and
/// the seed's complaint (seed 002 l.185–194) is a status frozen for weeks.
pub const STALL_AFTER_DAYS: i64 = 7;

/// After a failed delivery the courier tries again up to three more times, each time on a date
/// agreed with the recipient (seed 002 l.257, the marketplace terms, 4.10).
pub const REDELIVERY_ATTEMPTS: u32 = 3;

/// How long the courier waits at the door (seed 002 l.248, the marketplace terms, 4.5).
pub const COURIER_WAIT_MINUTES: u32 = 15;
