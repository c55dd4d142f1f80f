//! Signing in.

use crate::ui::UnavailablePage;
use leptos::prelude::*;

#[component]
pub fn SignInPage() -> impl IntoView {
    view! { <UnavailablePage key="sign_in.title"/> }
}
