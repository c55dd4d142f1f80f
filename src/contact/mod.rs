//! Seller contact: the widget shoppers use and the editor sellers use.

use crate::ui::UnavailablePage;
use leptos::prelude::*;

#[component]
pub fn SellerContactPage() -> impl IntoView {
    view! { <UnavailablePage key="contact.title"/> }
}

#[component]
pub fn SellerEditorPage() -> impl IntoView {
    view! { <UnavailablePage key="editor.title"/> }
}
