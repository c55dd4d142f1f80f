//! Shipment tracking: the lookup form (`/track`), a shipment's journey (`/track/{number}`), and
//! an order's shipments together ([`OrderShipments`], for the order page).
//!
//! The backend sends each shipment already read into phases (see `vitrina_core::tracking`), so
//! this folder only shows: the phase bar, the state in one sentence, the panels for situations
//! that need the shopper (a stall, the customs offer, a failed delivery) and the timeline.

mod lookup;
mod offer;
mod order;
mod page;
mod time;
mod timeline;
mod view;
mod words;

pub use lookup::{LookupForm, TrackLookupPage};
pub use order::OrderShipments;
pub use page::TrackingPage;
pub use time::{ZoneMode, ZoneSetting};
pub use timeline::{FIRST_EVENTS, Timeline};
pub use view::{PhaseBar, ShipmentView};

use crate::i18n::use_i18n;
use leptos::prelude::*;
use vitrina_core::api::Shipment;

/// The app's URL of a shipment's tracking page.
pub fn tracking_url(tracking_number: &str) -> String {
    format!("/track/{}", String::from(js_sys::encode_uri_component(tracking_number)))
}

/// The contact widget's URL for a question about this shipment (the seller's contact page, with
/// the tracking number as the subject's context).
pub fn seller_contact_url(seller_id: &str, tracking_number: &str) -> String {
    format!(
        "/sellers/{}/contact?shipment={}",
        String::from(js_sys::encode_uri_component(seller_id)),
        String::from(js_sys::encode_uri_component(tracking_number))
    )
}

/// "Contact the seller about this shipment", when the backend says who the seller is.
#[component]
pub fn ContactSellerLink(
    shipment: std::sync::Arc<Shipment>,
    /// Key of the link's words.
    key: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let seller = shipment.seller_id.clone().filter(|s| !s.trim().is_empty())?;
    let href = seller_contact_url(seller.trim(), &shipment.tracking_number);
    Some(view! {
        <p class="contact-seller"><a href=href data-testid="contact-seller">{move || i18n.t(key)}</a></p>
    })
}

/// The seller's compact contact card, about this shipment.
#[component]
pub fn ShipmentSellerContact(shipment: std::sync::Arc<Shipment>) -> impl IntoView {
    let seller = shipment.seller_id.clone().filter(|s| !s.trim().is_empty())?;
    let context = vitrina_core::api::MessageContext { order: None, shipment: Some(shipment.tracking_number.clone()) };
    Some(view! { <crate::contact::CompactContact seller_id=seller.trim().to_owned() context=context/> })
}

/// A link the backend sent, if it is a web address (never `javascript:` or the like).
pub fn safe_external_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    (web && url.len() <= 2048 && !url.chars().any(|c| c.is_whitespace() || c.is_control())).then(|| url.to_owned())
}

/// The carrier's language as an HTML `lang` value, if it looks like a language tag.
pub fn carrier_language(shipment: &Shipment) -> Option<String> {
    let tag = shipment.carrier.language.as_deref()?.trim();
    let ok = (2..=35).contains(&tag.len())
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    ok.then(|| tag.to_owned())
}

/// Text cut to `max` characters (a backend gone wrong can send megabytes in one field).
pub fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}
