//! The tracking contract's values in the shopper's words.

use crate::i18n::I18n;
use vitrina_core::api::{Action, Phase, Severity, Shipment};

/// A phase's name ("In transit"); an unknown one is "Unknown status".
pub fn phase_label(i18n: &I18n, phase: Phase) -> String {
    match phase {
        Phase::InfoReceived => i18n.t("track.phase.info_received"),
        Phase::InTransit => i18n.t("track.phase.in_transit"),
        Phase::Customs => i18n.t("track.phase.customs"),
        Phase::OutForDelivery => i18n.t("track.phase.out_for_delivery"),
        Phase::ReadyForPickup => i18n.t("track.phase.ready_for_pickup"),
        Phase::Delivered => i18n.t("track.phase.delivered"),
        Phase::AttemptFailed => i18n.t("track.phase.attempt_failed"),
        Phase::Exception => i18n.t("track.phase.exception"),
        Phase::Returning => i18n.t("track.phase.returning"),
        Phase::Expired => i18n.t("track.phase.expired"),
        Phase::Unknown => i18n.t("track.phase.unknown"),
    }
}

/// How much an event asks of the shopper, in words.
pub fn severity_label(i18n: &I18n, severity: Severity) -> String {
    match severity {
        Severity::Normal => i18n.t("track.severity.normal"),
        Severity::ActionNeeded => i18n.t("track.severity.action_needed"),
        Severity::Problem => i18n.t("track.severity.problem"),
        Severity::Final => i18n.t("track.severity.final"),
        Severity::Unknown => i18n.t("track.severity.unknown"),
    }
}

/// The CSS modifier for a severity.
pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Normal => "normal",
        Severity::ActionNeeded => "action",
        Severity::Problem => "problem",
        Severity::Final => "final",
        Severity::Unknown => "unknown",
    }
}

/// What the shopper can do, or `None` when there is nothing to do.
pub fn action_text(i18n: &I18n, action: Action, carrier: &str) -> Option<String> {
    let args = [("carrier", carrier)];
    Some(match action {
        Action::None | Action::Unknown => return None,
        Action::ConfirmOffer => i18n.tf("track.action.confirm_offer", &args),
        Action::PayDuties => i18n.tf("track.action.pay_duties", &args),
        Action::SendDocuments => i18n.tf("track.action.send_documents", &args),
        Action::PickDeliveryDate => i18n.tf("track.action.pick_delivery_date", &args),
        Action::ExpectCall => i18n.tf("track.action.expect_call", &args),
        Action::CollectAtPickupPoint => i18n.t("track.action.collect_at_pickup_point"),
        Action::ContactCarrier => i18n.tf("track.action.contact_carrier", &args),
        Action::ContactSeller => i18n.t("track.action.contact_seller"),
    })
}

/// Whether the action is done on the carrier's own site (so the page links to it).
pub fn action_is_at_carrier(action: Action) -> bool {
    matches!(action, Action::ConfirmOffer | Action::PayDuties | Action::SendDocuments | Action::PickDeliveryDate | Action::ContactCarrier)
}

/// Where the shipment stands, in one sentence.
pub fn state_sentence(i18n: &I18n, shipment: &Shipment) -> String {
    let current = &shipment.current;
    if shipment.event_count == 0 && shipment.events.is_empty() {
        return i18n.t("track.state.no_events");
    }
    let carrier = carrier_name(i18n, shipment);
    let args = [("carrier", carrier.as_str())];
    match current.phase {
        Phase::InfoReceived => i18n.tf("track.state.info_received", &args),
        Phase::InTransit => i18n.t("track.state.in_transit"),
        Phase::Customs => i18n.t("track.state.customs"),
        Phase::OutForDelivery => i18n.t("track.state.out_for_delivery"),
        Phase::ReadyForPickup => i18n.t("track.state.ready_for_pickup"),
        Phase::Delivered => i18n.t("track.state.delivered"),
        Phase::AttemptFailed => i18n.t("track.state.attempt_failed"),
        Phase::Exception => i18n.tf("track.state.exception", &args),
        Phase::Returning => i18n.t("track.state.returning"),
        Phase::Expired => i18n.t("track.state.expired"),
        Phase::Unknown => i18n.tf("track.state.unknown", &args),
    }
}

/// The carrier's name, or "the carrier" when the backend sent none.
pub fn carrier_name(i18n: &I18n, shipment: &Shipment) -> String {
    [&shipment.carrier.name, &shipment.carrier.id]
        .into_iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| i18n.t("track.carrier_fallback"))
}
