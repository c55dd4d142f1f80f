//! Shipment tracking: a shipment's journey as the carrier reported it, read into phases.
//!
//! The backend sends the normalised view (see `crate::tracking::shipment_view`): every event keeps
//! the carrier's own words and gets a [`Phase`], a [`Severity`] and, where the shopper can do
//! something, an [`Action`]; the shipment gets its current state, the customs offer, stall flags
//! and delivery attempts. Nearly every field has a default, so a backend that leaves a field out,
//! or sends a value this app does not know, still produces a page, never a failure.

use serde::{Deserialize, Serialize};

/// Where a shipment is on its way. The first six are the way to the recipient, in order (out for
/// delivery and ready for pickup share a step of the progress bar); the rest are detours from it.
/// A client treats any value it does not know as `unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The store has told the carrier about the parcel.
    InfoReceived,
    /// Moving between the carrier's terminals, or across borders.
    InTransit,
    /// At customs: arrived, being cleared, or waiting for the shopper (offer, duties, documents).
    Customs,
    /// With the courier, to be delivered today.
    OutForDelivery,
    /// Waiting at a pickup point or parcel locker.
    ReadyForPickup,
    /// Handed to the recipient.
    Delivered,
    /// The courier came and could not deliver.
    AttemptFailed,
    /// Something stopped the parcel (held, address to clarify, pickup point closed).
    Exception,
    /// On its way back to the sender.
    Returning,
    /// A deadline for the shopper passed (the customs offer was not confirmed in time).
    Expired,
    /// A status no carrier table maps, or a value this app does not know.
    #[default]
    #[serde(other)]
    Unknown,
}

impl Phase {
    /// The progress bar's steps. `OutForDelivery` and `ReadyForPickup` share one step.
    pub const PROGRESS: [Phase; 5] = [Phase::InfoReceived, Phase::InTransit, Phase::Customs, Phase::OutForDelivery, Phase::Delivered];

    /// The step of the progress bar this phase stands on (0-based), or `None` for a detour.
    pub fn progress_step(self) -> Option<usize> {
        match self {
            Phase::InfoReceived => Some(0),
            Phase::InTransit => Some(1),
            Phase::Customs => Some(2),
            Phase::OutForDelivery | Phase::ReadyForPickup => Some(3),
            Phase::Delivered => Some(4),
            _ => None,
        }
    }
}

/// How much an event asks of the shopper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// All is well; nothing to do.
    Normal,
    /// The shopper has to do something for the parcel to move on.
    ActionNeeded,
    /// Something went wrong.
    Problem,
    /// The journey is over (delivered, or returned to the sender).
    Final,
    #[default]
    #[serde(other)]
    Unknown,
}

/// What the shopper can do about an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Nothing to do.
    #[default]
    None,
    /// Confirm the customs offer with passport and tax id, on the carrier's own page.
    ConfirmOffer,
    /// Pay the customs duties.
    PayDuties,
    /// Send customs the documents it asked for.
    SendDocuments,
    /// Agree a (new) delivery date with the carrier.
    PickDeliveryDate,
    /// Expect a call from the carrier.
    ExpectCall,
    /// Collect the parcel at the pickup point.
    CollectAtPickupPoint,
    /// Get in touch with the carrier.
    ContactCarrier,
    /// Ask the store (refund, reshipment, a trace request).
    ContactSeller,
    #[serde(other)]
    Unknown,
}

/// When an event happened, as the carrier reported it: the wall-clock time at the place, and
/// the place's UTC offset and time zone when the carrier said them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventTime {
    /// Wall-clock time at the place, `YYYY-MM-DDTHH:MM:SS` (no offset).
    #[serde(default)]
    pub local: String,
    /// The place's offset from UTC in minutes at that moment; absent when the carrier gave no zone.
    #[serde(default)]
    pub utc_offset_minutes: Option<i32>,
    /// The place's IANA time zone (`Europe/Moscow`), when known.
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// A carrier.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CarrierInfo {
    /// Stable identifier (`pony-express`).
    #[serde(default)]
    pub id: String,
    /// The carrier's name as shoppers know it.
    #[serde(default)]
    pub name: String,
    /// The carrier's own site for its customers, where offers are confirmed and duties paid.
    #[serde(default)]
    pub website: Option<String>,
    /// The language of the carrier's status texts (BCP 47), so they can be marked as such.
    #[serde(default)]
    pub language: Option<String>,
    /// The carrier's own rules the shopper should know; each is absent where the carrier has none.
    #[serde(default)]
    pub rules: CarrierRules,
}

/// A carrier's rules, as it states them: the app explains only what is given here.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CarrierRules {
    /// Days to confirm a customs offer, counted from the parcel's arrival at customs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_confirmation_days: Option<u32>,
    /// Wrong entries the carrier's offer form accepts before it blocks the link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_wrong_tries_allowed: Option<u32>,
    /// Where a recipient looks up the tax number the customs offer asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_number_lookup_url: Option<String>,
    /// After a failed delivery, how many more times the courier comes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redelivery_attempts: Option<u32>,
    /// How long the courier waits at the door, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courier_wait_minutes: Option<u32>,
}

/// One event of the journey.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackingEvent {
    #[serde(default)]
    pub time: EventTime,
    /// Where it happened, in the carrier's words.
    #[serde(default)]
    pub location: String,
    /// The carrier's own words, unchanged.
    #[serde(default)]
    pub raw_status: String,
    #[serde(default)]
    pub phase: Phase,
    #[serde(default)]
    pub severity: Severity,
    #[serde(default)]
    pub action: Action,
    /// Recorded after the shipment was delivered (a stray scan): shown, but it changes nothing.
    #[serde(default)]
    pub after_delivery: bool,
}

/// Where the shipment stands now.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentState {
    /// The current phase (a delivery wins over any later event).
    #[serde(default)]
    pub phase: Phase,
    #[serde(default)]
    pub severity: Severity,
    #[serde(default)]
    pub action: Action,
    /// The carrier's words for the event that sets the current state.
    #[serde(default)]
    pub raw_status: String,
    /// Where that event happened.
    #[serde(default)]
    pub location: String,
    /// When that event happened.
    #[serde(default)]
    pub time: Option<EventTime>,
    /// The furthest step of the progress bar the shipment has reached.
    #[serde(default)]
    pub progress: Phase,
    /// The journey is over: nothing more will happen, so there is no need to look again.
    #[serde(default, rename = "final")]
    pub is_final: bool,
}

/// A range of calendar dates (`YYYY-MM-DD`), both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DateRange {
    #[serde(default)]
    pub earliest: String,
    #[serde(default)]
    pub latest: String,
}

/// The shipment has gone quiet: each member is present when that state holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stall {
    /// Whole days since the last event, when that is long enough to be a stall.
    #[serde(default)]
    pub no_update_days: Option<u32>,
    /// Whole days since the planned delivery date passed without a delivery.
    #[serde(default)]
    pub planned_date_passed_days: Option<u32>,
}

/// Where the customs offer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OfferState {
    /// Sent to the shopper, who has not confirmed it yet.
    Awaiting,
    /// Confirmed; customs can clear the parcel.
    Confirmed,
    /// Not confirmed in time.
    Expired,
    #[default]
    #[serde(other)]
    Unknown,
}

/// The customs offer: the shopper confirms it with passport and tax id on the carrier's page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomsOffer {
    #[serde(default)]
    pub state: OfferState,
    /// When the parcel arrived at customs (the deadline counts from then); absent before.
    #[serde(default)]
    pub arrived_at_customs: Option<EventTime>,
    /// The last day to confirm (`YYYY-MM-DD`, at customs' place).
    #[serde(default)]
    pub deadline_date: Option<String>,
    /// The moment the deadline passes (RFC 3339).
    #[serde(default)]
    pub deadline_at: Option<String>,
    /// Seconds from `Shipment::as_of` to the deadline; negative once it has passed.
    #[serde(default)]
    pub seconds_left: Option<i64>,
}

/// Failed delivery attempts, and what comes next.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryAttempts {
    /// How many attempts failed.
    #[serde(default)]
    pub failed: u32,
    /// The latest failed attempt.
    #[serde(default)]
    pub last_failed: Option<TrackingEvent>,
    /// A new delivery date has been agreed since the latest failure.
    #[serde(default)]
    pub rescheduled: bool,
    /// How many more attempts the courier will make, when the backend knows.
    #[serde(default)]
    pub attempts_left: Option<u32>,
}

/// Collecting a parcel: nothing here names the person or the point (anyone may ask about a
/// tracking number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Collection {
    pub kind: crate::api::DeliveryKind,
    /// How many days the point keeps the parcel.
    pub storage_days: u32,
    /// Once the parcel waits at the point: the last day to collect it (`YYYY-MM-DD`); not
    /// collected by then counts as refusing the order, and prepaid money is refunded.
    #[serde(default)]
    pub collect_by: Option<String>,
    /// For a parcel locker: problems with the contents are reported within this many hours of
    /// opening the cell.
    #[serde(default)]
    pub report_problems_within_hours: Option<u32>,
}

/// `GET /api/shipments/{tracking_number}`: a shipment and its journey.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Shipment {
    pub tracking_number: String,
    #[serde(default)]
    pub carrier: CarrierInfo,
    /// The seller who shipped it (for "contact the seller about this shipment").
    #[serde(default)]
    pub seller_id: Option<String>,
    /// The order it belongs to.
    #[serde(default)]
    pub order_number: Option<String>,
    /// The moment this view was computed (RFC 3339); countdowns and stalls count from it.
    #[serde(default)]
    pub as_of: Option<String>,
    #[serde(default)]
    pub current: CurrentState,
    /// The carrier's estimate, when it gave one.
    #[serde(default)]
    pub estimated_delivery: Option<DateRange>,
    /// The carrier's planned delivery date (`YYYY-MM-DD`).
    #[serde(default)]
    pub planned_date: Option<String>,
    /// When the latest event happened.
    #[serde(default)]
    pub last_event: Option<EventTime>,
    /// Present when the shipment has gone quiet or is late.
    #[serde(default)]
    pub stall: Option<Stall>,
    /// Present when the carrier asked for a customs offer.
    #[serde(default)]
    pub customs_offer: Option<CustomsOffer>,
    /// Present after a failed delivery attempt.
    #[serde(default)]
    pub delivery_attempts: Option<DeliveryAttempts>,
    /// For a parcel the shopper collects (from a pickup point, parcel locker or shop), when the
    /// backend knows: how it is kept and until when.
    #[serde(default)]
    pub collection: Option<Collection>,
    /// How many events the journey has (lists of shipments send no events, only this count).
    #[serde(default)]
    pub event_count: u32,
    /// The events, newest first.
    #[serde(default)]
    pub events: Vec<TrackingEvent>,
}

/// `GET /api/shipments?order={order_number}`: the shipments of one order, without their events.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipmentList {
    #[serde(default)]
    pub shipments: Vec<Shipment>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_a_newer_backend_invents_decode_as_unknown() {
        let event: TrackingEvent =
            serde_json::from_str(r#"{"phase": "teleported", "severity": "catastrophic", "action": "pray", "raw_status": "x"}"#).unwrap();
        assert_eq!(event.phase, Phase::Unknown);
        assert_eq!(event.severity, Severity::Unknown);
        assert_eq!(event.action, Action::Unknown);
    }

    #[test]
    fn a_shipment_with_almost_nothing_in_it_still_decodes() {
        let s: Shipment =
            serde_json::from_str(r#"{"tracking_number": "PX1", "events": [{}, {"time": {}}], "customs_offer": {"state": "awaiting"}}"#)
                .unwrap();
        assert_eq!(s.events.len(), 2);
        assert_eq!(s.events[0].raw_status, "");
        assert_eq!(s.current.phase, Phase::Unknown);
        assert_eq!(s.customs_offer.unwrap().state, OfferState::Awaiting);
    }

    #[test]
    fn the_final_flag_is_called_final_on_the_wire() {
        let state = CurrentState { is_final: true, ..CurrentState::default() };
        assert_eq!(serde_json::to_value(&state).unwrap()["final"], true);
    }

    #[test]
    fn pickup_and_out_for_delivery_share_a_step_and_detours_have_none() {
        assert_eq!(Phase::ReadyForPickup.progress_step(), Phase::OutForDelivery.progress_step());
        assert_eq!(Phase::Returning.progress_step(), None);
        assert_eq!(Phase::Delivered.progress_step(), Some(4));
    }
}
