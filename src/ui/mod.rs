//! Shared UI pieces: money and dates through `Intl`, form fields, error notices, loading states,
//! the quantity stepper, page titles and focus. Features use these; they never reach into each other.

pub mod error;
pub mod field;
pub mod form;
pub mod intl;
pub mod page;
pub mod quantity;
pub mod totals;
pub mod words;

pub use error::{ErrorNotice, error_text};
pub use field::{
    Check, DateInput, FieldLayout, FormField, Model, Radio, Select, TextArea, TextInput, Touched, field_code_key, field_code_words,
};
pub use form::{ErrorSummary, SummaryEntry, focus_element};
pub use page::{Loading, NotFound, PageHeading, SentLeads, StoreInfo, TermsLink, set_title};
pub use quantity::QuantityStepper;
pub use totals::TotalsTable;

use leptos::prelude::*;
use vitrina_core::Money;

/// An amount of money in the shopper's language, e.g. "3 490,00 ₽".
#[component]
pub fn MoneyText(
    /// The amount.
    #[prop(into)]
    money: Signal<Money>,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    move || intl::format_money(&money.get(), i18n.get())
}
