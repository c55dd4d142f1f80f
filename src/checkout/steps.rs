//! The checkout steps after the cart.

use crate::ui::UnavailablePage;
use leptos::prelude::*;

#[component]
pub fn ContactStep() -> impl IntoView {
    view! { <UnavailablePage key="checkout.contact.title"/> }
}

#[component]
pub fn DeliveryStep() -> impl IntoView {
    view! { <UnavailablePage key="checkout.delivery.title"/> }
}

#[component]
pub fn PaymentStep() -> impl IntoView {
    view! { <UnavailablePage key="checkout.payment.title"/> }
}

#[component]
pub fn ReviewStep() -> impl IntoView {
    view! { <UnavailablePage key="checkout.review.title"/> }
}
