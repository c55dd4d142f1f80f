//! Checkout: the shopper's entries, the backend's quote (delivery options, payment methods,
//! totals, limits), and placing the order. The backend decides every price; the app shows them.

use crate::civil::Date;
use crate::{FieldError, Money};
use serde::{Deserialize, Serialize};

use super::Cart;

/// The shopper's contact details. `name` is as on the ID document (couriers may check it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactDetails {
    pub email: String,
    /// Full international format (`+7 912 345-67-89`).
    pub phone: String,
    pub name: String,
}

/// Someone else who receives the parcel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recipient {
    pub name: String,
    pub phone: String,
}

/// A delivery address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    /// ISO 3166-1 alpha-2 code (`RU`).
    pub country: String,
    pub city: String,
    /// Street, house, flat, in one line.
    pub line: String,
    pub postcode: String,
    /// The region, state or oblast, where the country's address format has one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
}

/// The delivery the shopper chose.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryChoice {
    /// `DeliveryOption::id`.
    pub option_id: String,
    /// For a courier: the chosen day, one of `DeliveryOption::dates`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub date: Option<Date>,
    /// For a courier: one of `DeliveryOption::time_windows`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_window_id: Option<String>,
    /// For a pickup point or locker: one of `DeliveryOption::pickup_points`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup_point_id: Option<String>,
    /// For a courier: a note (entrance, floor, intercom, a pass for a restricted territory; for
    /// bulky goods the floor and the freight lift), at most 500 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Everything the shopper has entered so far. Sent whole for a quote and to place the order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckoutDraft {
    pub cart_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactDetails>,
    /// Present when someone else receives the parcel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Recipient>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<DeliveryChoice>,
    /// `PaymentMethod::id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promo_code: Option<String>,
}

/// How a delivery reaches the shopper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryKind {
    Courier,
    PickupPoint,
    ParcelLocker,
    SellerShop,
    #[serde(other)]
    Unknown,
}

impl DeliveryKind {
    /// Whether the shopper collects the parcel (pickup point, parcel locker, shop) rather than
    /// a courier bringing it.
    pub fn is_collected(self) -> bool {
        matches!(self, DeliveryKind::PickupPoint | DeliveryKind::ParcelLocker | DeliveryKind::SellerShop)
    }
}

/// An identity document a courier or a pickup point accepts at handover (seed 002 l.246–247:
/// "паспорт гражданина РФ, водительские права, паспорт моряка, военный билет, паспорт
/// иностранного гражданина, документ, удостоверяющий личность иностранного гражданина").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdDocument {
    /// The country's own passport (in Russia the internal passport).
    NationalPassport,
    DrivingLicence,
    SeamansPassport,
    MilitaryId,
    ForeignPassport,
    /// Another identity document of a foreign citizen.
    ForeignNationalId,
    #[serde(other)]
    Unknown,
}

/// A courier's time window on the chosen day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeWindow {
    pub id: String,
    /// Local time `HH:MM`.
    pub from: String,
    pub to: String,
}

/// A pickup point, parcel locker or shop where the shopper collects the parcel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupPoint {
    pub id: String,
    pub name: String,
    pub address: String,
    /// Opening hours as the operator states them.
    pub opening_hours: String,
    /// How many days the parcel is kept before it goes back.
    pub storage_days: u32,
    /// For a parcel locker: problems with the contents must be reported within this many hours
    /// of opening the cell; after that the parcel counts as accepted (seed 002, 4.8.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_problems_within_hours: Option<u32>,
}

/// One way to deliver this cart to this address, with its price and dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryOption {
    pub id: String,
    pub kind: DeliveryKind,
    /// Who delivers (`Pony Express`).
    pub carrier: String,
    /// The service level in the carrier's words (`Courier, 1–3 days`).
    pub service_level: String,
    /// The price before any promo code.
    pub price: Money,
    /// When the parcel leaves the warehouse.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub dispatch_date: Date,
    /// Earliest and latest delivery (or ready-for-pickup) date.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub earliest: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub latest: Date,
    /// Days the shopper may choose (couriers).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub dates: Vec<Date>,
    #[serde(default)]
    pub time_windows: Vec<TimeWindow>,
    #[serde(default)]
    pub pickup_points: Vec<PickupPoint>,
    /// The identity documents accepted at handover (none for a locker, which opens with a code).
    #[serde(default)]
    pub id_documents: Vec<IdDocument>,
}

/// How the shopper pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    /// Online by card, on the payment gateway's page.
    CardOnline,
    /// Cash to the courier or at the pickup point.
    CashOnDelivery,
    /// Card at the courier's terminal.
    CardOnDelivery,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentMethod {
    pub id: String,
    /// What kind of payment it is; a kind this contract does not know decodes as `unknown` and
    /// is still offered, by its `name`.
    pub kind: PaymentKind,
    /// Its name as the store words it, in the language the request asked for (`Accept-Language`)
    /// where the store has it; absent, a client words the kind itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A line about it (when it is paid, what it takes), in the same language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PromoStatus {
    Applied,
    /// No such code.
    Invalid,
    /// The code's validity has ended.
    Expired,
    /// A valid code that does not apply to this order (e.g. free delivery before a delivery is chosen).
    NotApplicable,
    #[serde(other)]
    Unknown,
}

/// What a promo code discounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PromoTarget {
    Items,
    Delivery,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PromoResult {
    pub code: String,
    pub status: PromoStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<PromoTarget>,
    /// How much it takes off (zero unless applied).
    pub saving: Money,
}

/// The money, as the backend computes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Totals {
    pub items: Money,
    /// `None` until a delivery option is chosen.
    #[serde(default)]
    pub delivery: Option<Money>,
    /// The promo saving, as a positive amount.
    pub discount: Money,
    pub total: Money,
    /// VAT contained in the total.
    pub vat_included: Money,
    pub vat_rate_percent: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LimitStatus {
    Ok,
    BelowMinimum,
    AboveMaximum,
    #[serde(other)]
    Unknown,
}

/// The store's smallest and largest order (on the total to pay).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLimits {
    pub min_total: Money,
    pub max_total: Money,
    pub status: LimitStatus,
}

/// `POST /api/checkout/quote`: what this cart and these entries allow, and what it costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub cart: Cart,
    /// Problems with the address (e.g. a P.O. box the carrier refuses), with the reason as a code.
    #[serde(default)]
    pub address_errors: Vec<FieldError>,
    /// Empty until a deliverable address is given.
    #[serde(default)]
    pub delivery_options: Vec<DeliveryOption>,
    /// What can be used to pay for this order now.
    #[serde(default)]
    pub payment_methods: Vec<PaymentMethod>,
    #[serde(default)]
    pub promo: Option<PromoResult>,
    pub totals: Totals,
    pub limits: OrderLimits,
    /// Bulky goods: delivery conditions apply (vehicle access, freight lift, no carrying into the flat).
    #[serde(default)]
    pub bulky: bool,
    /// Something in the cart is beyond what the carrier takes even as bulky goods (an item over
    /// 120 kg): only collection from the seller, where offered, remains.
    #[serde(default)]
    pub oversize: bool,
    /// The version of the offer and terms the shopper accepts by placing the order.
    pub terms_version: String,
    /// The contact's phone as the store reads it, in full international form (`+7 912 345-67-89`
    /// for `8 912 345-67-89` typed in Russia); absent when none was given or it is no number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_phone: Option<String>,
    /// The same for the recipient's phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_phone: Option<String>,
}

/// The shopper's consents on the review step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consents {
    /// The terms version the shopper accepted (must be the current one).
    pub terms_version: String,
    /// Consent to processing personal data for this order (required).
    pub personal_data: bool,
    /// Optional marketing consent; never pre-ticked.
    #[serde(default)]
    pub marketing: bool,
}

/// `POST /api/orders` (with an `Idempotency-Key` header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceOrder {
    pub draft: CheckoutDraft,
    pub consents: Consents,
    /// The total the shopper saw; a different current total is refused (`price-changed`).
    pub expected_total: Money,
    /// The shopper's language (a BCP 47 tag such as `ru`); without it the request's
    /// `Accept-Language` decides. Every email about the order is written in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

/// Where the payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Paid,
    AwaitingPayment,
    Declined,
    /// Paid to the courier or at pickup.
    PayOnDelivery,
    Refunded,
    /// Not paid within the time the store allows: the order was cancelled, nothing was charged.
    Expired,
    /// The order was cancelled before it was paid: nothing was charged.
    Cancelled,
    #[serde(other)]
    Unknown,
}

/// What happens after placing: go to the gateway, or nothing to pay now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentStep {
    pub status: PaymentStatus,
    /// The gateway page to send the shopper to, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
}

/// The placed order (and, for a repeated request, the same one again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlacedOrder {
    pub number: String,
    /// The unguessable token that opens the order page (`/orders/{number}?token=…`).
    pub access_token: String,
    pub payment: PaymentStep,
}

/// `POST /api/orders/{number}/payments`: start (another) online card payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartPayment {
    pub access_token: String,
}
