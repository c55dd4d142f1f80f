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
pub use page::{CompactContact, SellerContactPage};
pub use receipt::Acknowledgement;
pub use widget::{ContactCard, Layout, response_time_words, when_text};

use crate::areas::Route;
use leptos::prelude::*;
use vitrina_core::routes::Pattern;

/// A seller's contact page.
pub const CONTACT_ROUTES: &[Route] = &[(Pattern::SellerContact, || view! { <SellerContactPage/> }.into_any())];

/// The seller's editor (an area of its own with signing in: see `vitrina_core::routes::Area`).
pub const EDITOR_ROUTES: &[Route] = &[(Pattern::SellerEditor, || view! { <SellerEditorPage/> }.into_any())];
