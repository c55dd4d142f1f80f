//! A placed order as its page shows it, guest lookup, and cancellation requests.

use super::{Address, DeliveryKind, PaymentKind, PaymentStatus, PickupPoint, Totals};
use crate::Money;
use crate::civil::Date;
use serde::{Deserialize, Serialize};

/// Where the order is (the marketplace's statuses, seed 002 l.195–276).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Created,
    SentToSeller,
    ConfirmedBySeller,
    HandedToCarrier,
    WithCourier,
    Received,
    Cancelled,
    #[serde(other)]
    Unknown,
}

impl OrderStatus {
    /// The normal course of an order, in order.
    pub const COURSE: [OrderStatus; 6] = [
        OrderStatus::Created,
        OrderStatus::SentToSeller,
        OrderStatus::ConfirmedBySeller,
        OrderStatus::HandedToCarrier,
        OrderStatus::WithCourier,
        OrderStatus::Received,
    ];
}

/// Something that happened to the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    CancellationRequested,
    Cancelled,
    Refunded,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderEvent {
    /// When (RFC 3339).
    pub at: String,
    pub kind: OrderEventKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLine {
    pub product_id: String,
    pub name: String,
    pub sku: String,
    #[serde(default)]
    pub variant_label: String,
    pub image_url: String,
    pub quantity: u32,
    pub unit_price: Money,
    pub line_total: Money,
    pub seller_id: String,
}

/// A person and a phone number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    pub name: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderPayment {
    pub kind: PaymentKind,
    pub status: PaymentStatus,
}

/// Why a cancellation cannot be requested now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CancellationBlock {
    /// The parcel is on its way; it can be returned once received.
    HandedOver,
    /// More than 7 days have passed since it was received.
    WindowClosed,
    AlreadyRequested,
    Cancelled,
    #[serde(other)]
    Unknown,
}

/// Whether the shopper may ask to cancel (or return) the order, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cancellation {
    pub allowed: bool,
    #[serde(default)]
    pub blocked_by: Option<CancellationBlock>,
    /// The last moment a request is accepted, when there is one (RFC 3339).
    #[serde(default)]
    pub until: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderSeller {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderShipment {
    pub tracking_number: String,
    pub carrier: String,
}

/// `GET /api/orders/{number}?token=…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// How long sellers usually take to confirm an order, in hours.
    pub seller_confirms_within_hours: u32,
    pub terms_version: String,
    /// The language the store writes to the shopper about this order (`en`, `ru`, `uk`, `sk`).
    #[serde(default)]
    pub locale: String,
}

/// `POST /api/orders/lookup`: find an order by its number and the email it was placed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLookup {
    pub number: String,
    pub email: String,
}

/// What opens an order's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderAccess {
    pub number: String,
    pub access_token: String,
}

/// `POST /api/orders/{number}/cancellation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancellationRequest {
    pub access_token: String,
}
