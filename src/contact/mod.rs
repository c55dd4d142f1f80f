//! Seller contact: the widget shoppers use (a full page and a compact card other pages embed),
//! the contact form, and the editor where a seller sets it all up.
//!
//! What a shopper may see is decided by the backend; the editor's live preview runs the same
//! rules (`vitrina_core::contact`) in the browser, with the browser's time zones.

mod editor;
mod form;
mod guard;
mod identity;
mod page;
mod receipt;
mod widget;
pub mod zones;

pub use editor::{SellerEditorPage, SettingsEditor};
pub use form::{ContactForm, subject_for};
pub use page::{CompactContact, ContextQuery, SellerContactPage, SellerParams};
pub use receipt::Acknowledgement;
pub use widget::{ContactCard, Layout, response_time_words, when_text};

use crate::areas::RoutePath;
use leptos::prelude::*;
use leptos_router::any_nested_route::IntoAnyNestedRoute;
use leptos_router::components::Route;
use vitrina_core::routes::Pattern;

/// A seller's contact page and the seller's editor.
#[component(transparent)]
pub fn ContactRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <Route path=RoutePath(Pattern::SellerContact) view=SellerContactPage/>
        <Route path=RoutePath(Pattern::SellerEditor) view=SellerEditorPage/>
    }
    .into_inner()
    .into_any_nested_route()
}
