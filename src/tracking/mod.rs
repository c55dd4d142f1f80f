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

use crate::areas::Route;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use vitrina_core::api::{MessageContext, Shipment};
use vitrina_core::routes::{Page, Pattern};

/// The lookup (with an order's shipments) and a shipment's page.
pub const ROUTES: &[Route] =
    &[(Pattern::TrackLookup, || view! { <TrackLookupPage/> }.into_any()), (Pattern::Tracking, || view! { <TrackingPage/> }.into_any())];

/// "Contact the seller about this shipment", when the backend says who the seller is.
#[component]
pub fn ContactSellerLink(
    shipment: std::sync::Arc<Shipment>,
    /// Key of the link's words.
    key: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let seller = shipment.seller_id.clone().filter(|s| !s.trim().is_empty())?;
    // The seller's contact page, with the tracking number as the subject's context.
    let context = MessageContext { order: None, shipment: Some(shipment.tracking_number.clone()) };
    let href = Page::SellerContact { seller_id: seller.trim().to_owned(), context }.href();
    Some(view! {
        <p class="contact-seller"><a href=href data-testid="contact-seller">{move || i18n.t(key)}</a></p>
    })
}

/// The seller's compact contact card, about this shipment.
#[component]
pub fn ShipmentSellerContact(shipment: std::sync::Arc<Shipment>) -> impl IntoView {
    let seller = shipment.seller_id.clone().filter(|s| !s.trim().is_empty())?;
    let context = MessageContext { order: None, shipment: Some(shipment.tracking_number.clone()) };
    Some(view! { <crate::contact::CompactContact seller_id=seller.trim().to_owned() context=context/> })
}

pub use vitrina_core::tracking::{carrier_language, clip};
