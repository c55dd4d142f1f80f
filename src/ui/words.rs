//! The contract's enums in the shopper's words, for every feature that shows them (the checkout
//! offers a way to pay; the order page says which one was chosen).

use crate::i18n::I18n;
use vitrina_core::api::{DeliveryKind, IdDocument, PaymentKind};

/// "Card online", "Cash on delivery" …
pub fn payment_label(i18n: &I18n, kind: PaymentKind) -> String {
    match kind {
        PaymentKind::CardOnline => i18n.t("payment.kind.card_online"),
        PaymentKind::CashOnDelivery => i18n.t("payment.kind.cash_on_delivery"),
        PaymentKind::CardOnDelivery => i18n.t("payment.kind.card_on_delivery"),
        PaymentKind::Unknown => i18n.t("payment.kind.unknown"),
    }
}

/// "Courier", "Pickup point" …
pub fn delivery_kind_label(i18n: &I18n, kind: DeliveryKind) -> String {
    match kind {
        DeliveryKind::Courier => i18n.t("delivery.kind.courier"),
        DeliveryKind::PickupPoint => i18n.t("delivery.kind.pickup_point"),
        DeliveryKind::ParcelLocker => i18n.t("delivery.kind.parcel_locker"),
        DeliveryKind::SellerShop => i18n.t("delivery.kind.seller_shop"),
        DeliveryKind::Unknown => i18n.t("delivery.kind.unknown"),
    }
}

/// "Passport", "Driving licence" …: what a courier or pickup point accepts as identity.
pub fn id_document_label(i18n: &I18n, document: IdDocument) -> String {
    match document {
        IdDocument::NationalPassport => i18n.t("delivery.id.national_passport"),
        IdDocument::DrivingLicence => i18n.t("delivery.id.driving_licence"),
        IdDocument::SeamansPassport => i18n.t("delivery.id.seamans_passport"),
        IdDocument::MilitaryId => i18n.t("delivery.id.military_id"),
        IdDocument::ForeignPassport => i18n.t("delivery.id.foreign_passport"),
        IdDocument::ForeignNationalId => i18n.t("delivery.id.foreign_national_id"),
        IdDocument::Unknown => i18n.t("delivery.id.unknown"),
    }
}
