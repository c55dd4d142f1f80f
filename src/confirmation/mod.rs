//! Order confirmation: the order page and the guest lookup.

use crate::ui::UnavailablePage;
use leptos::prelude::*;

#[component]
pub fn OrderPage() -> impl IntoView {
    view! { <UnavailablePage key="order.title"/> }
}

#[component]
pub fn LookupPage() -> impl IntoView {
    view! { <UnavailablePage key="lookup.title"/> }
}
