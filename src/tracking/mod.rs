//! Shipment tracking: the lookup form and the timeline.

use crate::ui::UnavailablePage;
use leptos::prelude::*;

#[component]
pub fn TrackLookupPage() -> impl IntoView {
    view! { <UnavailablePage key="track.title"/> }
}

#[component]
pub fn TrackingPage() -> impl IntoView {
    view! { <UnavailablePage key="track.title"/> }
}
