//! The checkout steps after the cart. Each validates its own fields, keeps every entry across
//! reloads, and moves focus to the error summary when something needs attention.

mod contact;
mod delivery;
mod payment;
mod review;

pub use contact::ContactStep;
pub use delivery::DeliveryStep;
pub use payment::PaymentStep;
pub use review::ReviewStep;

use crate::i18n::I18n;
use crate::ui::{SummaryEntry, validation_message};
use leptos::prelude::*;
use std::collections::HashSet;

/// Which fields to show errors for: those the shopper has left, and all after a submit attempt.
#[derive(Clone, Copy)]
pub(crate) struct Shown {
    touched: RwSignal<HashSet<&'static str>>,
    pub attempts: RwSignal<u32>,
}

impl Shown {
    pub fn new() -> Self {
        Shown { touched: RwSignal::new(HashSet::new()), attempts: RwSignal::new(0) }
    }

    pub fn touch(&self, field: &'static str) {
        self.touched.update(|t| {
            t.insert(field);
        });
    }

    /// The message for `field` among `errors` (field id, code), if it should be shown now.
    pub fn message<C: AsRef<str>>(&self, i18n: &I18n, errors: &[(&'static str, C)], field: &str) -> Option<String> {
        let visible = self.attempts.get() > 0 || self.touched.with(|t| t.contains(field));
        errors.iter().find(|(f, _)| *f == field).filter(|_| visible).map(|(_, code)| validation_message(i18n, code.as_ref()))
    }

    /// Summary entries for all errors (shown only after an attempt).
    pub fn summary<C: AsRef<str>>(&self, i18n: &I18n, errors: &[(&'static str, C)]) -> Vec<SummaryEntry> {
        if self.attempts.get() == 0 {
            return Vec::new();
        }
        errors
            .iter()
            .map(|(field, code)| SummaryEntry { field_id: (*field).to_owned(), message: validation_message(i18n, code.as_ref()) })
            .collect()
    }
}
