//! Seller contact: the widget shoppers use (a full page and a compact card other pages embed),
//! the contact form, and the editor where a seller sets it all up.
//!
//! What a shopper may see is decided by the backend; the editor's live preview runs the same
//! rules (`vitrina_core::contact`) in the browser, with the browser's time zones.

mod editor;
mod form;
mod guard;
mod page;
mod widget;
pub mod zones;

pub use editor::SellerEditorPage;
pub use form::{ContactForm, subject_for};
pub use page::{CompactContact, ContextQuery, SellerContactPage, SellerParams};
pub use widget::{ContactCard, Layout, response_time_words, when_text};

use crate::areas::RoutePath;
use crate::i18n::I18n;
use leptos::prelude::*;
use leptos_router::any_nested_route::IntoAnyNestedRoute;
use leptos_router::components::Route;
use vitrina_core::contact::code;
use vitrina_core::routes::Pattern;
use vitrina_core::validate::code as general;

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

/// A field-error code in words (codes come from the backend or from the same rules here).
pub fn validation_text(i18n: &I18n, c: &str) -> String {
    match c {
        general::REQUIRED => i18n.t("validation.required"),
        general::INVALID_EMAIL => i18n.t("validation.invalid_email"),
        general::INVALID_PHONE => i18n.t("validation.invalid_phone"),
        general::TOO_LONG => i18n.t("validation.too_long"),
        code::NO_CHANNEL => i18n.t("contact.validation.no_channel"),
        code::EMAIL_NO_WAY => i18n.t("contact.validation.email_no_way"),
        code::PHONE_WITHOUT_HOURS => i18n.t("contact.validation.phone_without_hours"),
        code::MESSAGES_WITHOUT_MESSENGERS => i18n.t("contact.validation.messages_without_messengers"),
        code::INVALID_TIME => i18n.t("contact.validation.invalid_time"),
        code::EMPTY_RANGE => i18n.t("contact.validation.empty_range"),
        code::OVERLAPPING_RANGES => i18n.t("contact.validation.overlapping_ranges"),
        code::INVALID_TIME_ZONE => i18n.t("contact.validation.invalid_time_zone"),
        code::INVALID_DATE => i18n.t("contact.validation.invalid_date"),
        code::DUPLICATE_DATE => i18n.t("contact.validation.duplicate_date"),
        code::INVALID_URL => i18n.t("contact.validation.invalid_url"),
        code::INVALID_TAX_ID => i18n.t("contact.validation.invalid_tax_id"),
        code::INVALID_HANDLE => i18n.t("contact.validation.invalid_handle"),
        code::AWAY_RETURN_IN_PAST => i18n.t("contact.validation.away_return_in_past"),
        code::TOO_MANY => i18n.t("contact.validation.too_many"),
        code::OUT_OF_RANGE => i18n.t("contact.validation.out_of_range"),
        code::SIGNATURE_TOO_MANY_LINES => i18n.t("contact.validation.signature_too_many_lines"),
        code::SIGNATURE_LINE_TOO_LONG => i18n.t("contact.validation.signature_line_too_long"),
        code::SIGNATURE_MISSING_NAME => i18n.t("contact.validation.signature_missing_name"),
        code::SIGNATURE_MISSING_COMPANY => i18n.t("contact.validation.signature_missing_company"),
        code::SIGNATURE_MISSING_WEBSITE => i18n.t("contact.validation.signature_missing_website"),
        code::SIGNATURE_MISSING_EMAIL => i18n.t("contact.validation.signature_missing_email"),
        code::FREE_MAILBOX => i18n.t("contact.validation.free_mailbox"),
        _ => i18n.t("validation.invalid"),
    }
}
