//! A placed order as its page shows it, guest lookup, cancellation and return requests, and the
//! seller's substitutions with the shopper's answers.

use super::{Address, DeliveryKind, IdDocument, PaymentKind, PaymentStatus, PickupPoint, Totals};
use crate::Money;
use crate::civil::Date;
use serde::{Deserialize, Serialize};

/// Where the order is (the marketplace's statuses, seed 002 l.195–276).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Created,
    SentToSeller,
    ConfirmedBySeller,
    HandedToCarrier,
    WithCourier,
    /// Waiting at the pickup point, parcel locker or shop (instead of "with courier").
    ReadyForPickup,
    Received,
    Cancelled,
    #[serde(other)]
    Unknown,
}

impl OrderStatus {
    /// The normal course of a courier order, in order.
    pub const COURSE: [OrderStatus; 6] = [
        OrderStatus::Created,
        OrderStatus::SentToSeller,
        OrderStatus::ConfirmedBySeller,
        OrderStatus::HandedToCarrier,
        OrderStatus::WithCourier,
        OrderStatus::Received,
    ];

    /// The normal course of an order delivered by `kind`: one collected by the shopper waits at
    /// the point where a courier order is with the courier.
    pub fn course(kind: DeliveryKind) -> [OrderStatus; 6] {
        let mut course = Self::COURSE;
        if kind.is_collected() {
            course[4] = OrderStatus::ReadyForPickup;
        }
        course
    }

    /// Whether the parcel has left the seller but the shopper does not have it yet.
    pub fn in_transit(self) -> bool {
        matches!(self, OrderStatus::HandedToCarrier | OrderStatus::WithCourier | OrderStatus::ReadyForPickup)
    }
}

/// Something that happened to the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderEventKind {
    Created,
    SentToSeller,
    ConfirmedBySeller,
    HandedToCarrier,
    WithCourier,
    Received,
    PaymentApproved,
    PaymentDeclined,
    /// The order was not paid in time: it is cancelled and its goods are back on sale.
    PaymentExpired,
    /// The whole order was cancelled at the shopper's request.
    CancellationRequested,
    Cancelled,
    Refunded,
    /// Some lines (or part of a line's quantity) were cancelled at the shopper's request.
    LinesCancelled,
    /// The carrier was told to bring the parcel back to the seller.
    ReturnToSender,
    /// After receipt, the shopper asked to return lines (`lines`).
    ReturnRequested,
    /// The parcel is waiting at the pickup point, parcel locker or shop.
    ReadyForPickup,
    /// The parcel was not collected in time: the order counts as refused.
    NotCollected,
    /// The seller proposed a substitute (or removal) for a line.
    SubstitutionProposed,
    SubstitutionAccepted,
    SubstitutionDeclined,
    /// Nobody answered the proposal in time.
    SubstitutionExpired,
    #[serde(other)]
    Unknown,
}

/// A line, and how many of it, that an event concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineQuantity {
    /// `OrderLine::id`.
    pub line_id: String,
    pub quantity: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderEvent {
    /// When (RFC 3339).
    pub at: String,
    pub kind: OrderEventKind,
    /// The lines it concerns (cancelled, asked to be returned, substituted), when it concerns some.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LineQuantity>,
    /// The money it moved (a refund), when it moved some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLine {
    /// Names the line in cancellation, return and substitution requests.
    #[serde(default)]
    pub id: String,
    pub product_id: String,
    pub name: String,
    pub sku: String,
    #[serde(default)]
    pub variant_label: String,
    pub image_url: String,
    /// How many are still ordered (cancelled ones are not counted).
    pub quantity: u32,
    pub unit_price: Money,
    /// `quantity` × `unit_price`.
    pub line_total: Money,
    pub seller_id: String,
    /// How many of this line were cancelled.
    #[serde(default)]
    pub cancelled_quantity: u32,
    /// How many the shopper asked to return after receipt.
    #[serde(default)]
    pub return_requested_quantity: u32,
    /// What this line replaced, when it is an accepted substitute (`Linen shirt, M · White`).
    #[serde(default)]
    pub replaces: Option<String>,
    /// The seller's latest proposal for this line, when there is one.
    #[serde(default)]
    pub substitution: Option<Substitution>,
}

/// What the seller proposes instead of an item they cannot send (seed 002 l.811–820: the same
/// item in another size or colour first; l.226: an equivalent offer of another seller).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubstitutionKind {
    /// The same item in another size or colour.
    OtherVariant,
    /// Another item of the same seller.
    OtherItem,
    /// The same or an equivalent item from another seller.
    OtherSeller,
    /// No substitute: the line is removed and refunded.
    Removal,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubstitutionStatus {
    /// Awaiting the shopper's answer until `answer_by`.
    Proposed,
    Accepted,
    /// Declined: the line is cancelled and refunded, the rest of the order goes ahead.
    Declined,
    /// Not answered in time: `if_unanswered` happened.
    Expired,
    #[serde(other)]
    Unknown,
}

/// What the store does when a proposal is not answered in time (the store's setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnansweredSubstitution {
    /// The whole order is cancelled and refunded (seed 002 l.419, 9.2.1).
    CancelOrder,
    /// Only the line is removed and refunded.
    RemoveLine,
    #[serde(other)]
    Unknown,
}

/// The item offered instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubstituteItem {
    pub product_id: String,
    pub name: String,
    pub sku: String,
    #[serde(default)]
    pub variant_label: String,
    pub image_url: String,
    /// What one costs the shopper.
    pub unit_price: Money,
    pub seller_id: String,
}

/// A seller's proposal for one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Substitution {
    pub kind: SubstitutionKind,
    pub status: SubstitutionStatus,
    /// Absent for a removal.
    #[serde(default)]
    pub substitute: Option<SubstituteItem>,
    /// How many the substitute replaces (the line's quantity).
    pub quantity: u32,
    /// What the line costs more (positive) or less (negative) with the substitute; for a removal,
    /// minus the line's total.
    pub price_difference: Money,
    /// RFC 3339.
    pub proposed_at: String,
    /// The shopper's answer is awaited until then (RFC 3339).
    pub answer_by: String,
    /// What happens if nobody answers by `answer_by`.
    pub if_unanswered: UnansweredSubstitution,
}

/// A person and a phone number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    pub name: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderDelivery {
    pub kind: DeliveryKind,
    pub carrier: String,
    pub service_level: String,
    /// Expected dispatch from the warehouse.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub dispatch_date: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub earliest: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub latest: Date,
    /// The courier day chosen at checkout.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub date: Option<Date>,
    /// The courier time window chosen at checkout (`09:00–13:00`).
    #[serde(default)]
    pub time_window: Option<String>,
    /// Where to collect (pickup point, locker, shop).
    #[serde(default)]
    pub pickup_point: Option<PickupPoint>,
    /// The shopper's note for the courier (entrance, floor, intercom, a pass).
    #[serde(default)]
    pub note: Option<String>,
    /// Once the parcel waits at the point: the last day to collect it (the point's local date).
    /// Not collected by then counts as refusing the order; prepaid money is refunded by the
    /// original method (seed 002, Yanina 7.2).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub collect_by: Option<Date>,
    /// The identity documents the courier or the point accepts at handover (seed 002 l.246–247).
    #[serde(default)]
    pub id_documents: Vec<IdDocument>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderPayment {
    pub kind: PaymentKind,
    /// The method's name as the store words it (in the language the app asks in, else the
    /// order's); the app names the kinds it knows itself when a backend sends none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub status: PaymentStatus,
    /// Whether the order can be paid online now (then "Pay now" is offered).
    #[serde(default)]
    pub payable: bool,
    /// While an online payment is awaited: the moment the order expires unpaid (RFC 3339); it is
    /// then cancelled and its goods go back on sale.
    #[serde(default)]
    pub pay_by: Option<String>,
}

/// Why a cancellation or return cannot be requested now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CancellationBlock {
    /// More than 7 days have passed since it was received.
    WindowClosed,
    /// A return of everything has already been asked for.
    AlreadyRequested,
    Cancelled,
    #[serde(other)]
    Unknown,
}

/// Until the shopper has the order it is cancelled; afterwards it is returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CancellationKind {
    /// Before handover to the shopper (in transit included): cancelled at once, refunded at once.
    Cancel,
    /// Within 7 days after receipt: a return request; refunded once the seller has the goods back.
    Return,
    #[serde(other)]
    Unknown,
}

/// What happens to the delivery fee when the whole order is cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryFeeOutcome {
    /// Paid, and refunded with the goods.
    Refunded,
    /// Paid, and kept: the carrier has already carried the parcel (seed 002, 4.10).
    Retained,
    /// Nothing was paid, and nothing is owed.
    NotCharged,
    #[serde(other)]
    Unknown,
}

/// Whether the shopper may cancel (or return) the order or some of its lines, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cancellation {
    pub allowed: bool,
    #[serde(default)]
    pub blocked_by: Option<CancellationBlock>,
    /// The last moment a request is accepted, when there is one (RFC 3339).
    #[serde(default)]
    pub until: Option<String>,
    /// Whether a request now cancels or asks to return.
    #[serde(default)]
    pub kind: Option<CancellationKind>,
    /// Whether single lines, and part of a line's quantity, may be chosen.
    #[serde(default)]
    pub by_line: bool,
    /// For a cancellation now: whether the carrier has the parcel and will be told to bring it back.
    #[serde(default)]
    pub carrier_returns: bool,
    /// For a cancellation of the whole order now: what happens to the delivery fee.
    #[serde(default)]
    pub delivery_fee: Option<DeliveryFeeOutcome>,
}

/// Why money went back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundReason {
    /// The shopper cancelled the order or some lines.
    Cancellation,
    /// A substitution: declined, a removal, a cheaper substitute, or none answered in time.
    Substitution,
    /// The parcel was not collected in time.
    NotCollected,
    #[serde(other)]
    Unknown,
}

/// Money sent back to the shopper, by the method it was paid with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Refund {
    /// RFC 3339.
    pub at: String,
    pub amount: Money,
    /// How it goes back: the way it was paid.
    pub method: PaymentKind,
    pub reason: RefundReason,
    /// When the whole order was cancelled: what happened to the delivery fee.
    #[serde(default)]
    pub delivery_fee: Option<DeliveryFeeOutcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderSeller {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderShipment {
    pub tracking_number: String,
    pub carrier: String,
}

/// `GET /api/orders/{number}?token=…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub number: String,
    /// RFC 3339.
    pub created_at: String,
    /// Where the confirmation email went.
    pub email: String,
    pub customer: Person,
    /// Who receives the parcel (the customer, unless someone else was named).
    pub recipient: Person,
    pub billing_address: Address,
    pub delivery_address: Address,
    pub lines: Vec<OrderLine>,
    pub totals: Totals,
    #[serde(default)]
    pub promo_code: Option<String>,
    pub payment: OrderPayment,
    pub delivery: OrderDelivery,
    pub status: OrderStatus,
    /// Oldest first.
    pub history: Vec<OrderEvent>,
    #[serde(default)]
    pub shipments: Vec<OrderShipment>,
    pub sellers: Vec<OrderSeller>,
    pub cancellation: Cancellation,
    /// Money sent back, oldest first.
    #[serde(default)]
    pub refunds: Vec<Refund>,
    /// How long sellers usually take to confirm an order, in hours.
    pub seller_confirms_within_hours: u32,
    pub terms_version: String,
    /// The language the store writes to the shopper about this order (`en`, `ru`, `uk`, `sk`).
    #[serde(default)]
    pub locale: String,
    /// The moment this view was computed (RFC 3339): countdowns to `pay_by` and `answer_by` count
    /// from it, by the backend's clock rather than the device's.
    #[serde(default)]
    pub as_of: Option<String>,
}

/// `POST /api/orders/lookup`: find an order by its number and the email it was placed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLookup {
    pub number: String,
    pub email: String,
}

/// What opens an order's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderAccess {
    pub number: String,
    pub access_token: String,
}

/// `POST /api/orders/{number}/cancellation`: cancel (before receipt) or ask to return (within 7
/// days after), the whole order or chosen lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancellationRequest {
    pub access_token: String,
    /// The lines and how many of each; empty for the whole order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LineQuantity>,
}

/// `POST /api/orders/{number}/lines/{line_id}/substitution`: the shopper's answer to a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubstitutionAnswer {
    pub access_token: String,
    /// `true` takes the substitute (or the removal); `false` declines: the line is cancelled.
    pub accept: bool,
}

/// `POST /api/sellers/{seller_id}/orders/{number}/lines/{line_id}/substitution`: the seller
/// cannot send a line and proposes what instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubstitutionOffer {
    /// The variant offered instead (another size or colour first); absent to propose removing
    /// the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant_id: Option<String>,
}
