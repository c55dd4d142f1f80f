//! What the shopper has entered during checkout: one store of [`Entries`], the single source of
//! truth every step's controls read and write. Every change is kept in `sessionStorage` at once,
//! so a reload, Back/Forward, a network error or a failing backend loses nothing. Card data is
//! never here: cards are entered on the payment gateway's page.

use crate::storage;
use leptos::prelude::*;
use reactive_stores::Store;
pub use vitrina_core::checkout::Entries;

const STORAGE_KEY: &str = "vitrina.checkout";

/// The checkout's entries, saved on every change.
#[derive(Clone, Copy)]
pub struct CheckoutState {
    pub entries: Store<Entries>,
    /// The country the store's description starts the delivery form with.
    default_country: StoredValue<String>,
}

impl CheckoutState {
    pub fn new(default_country: &str) -> Self {
        let mut stored: Entries = storage::get_json(storage::Store::Session, STORAGE_KEY).unwrap_or_default();
        if stored.country.is_empty() {
            stored.country = default_country.into();
        }
        let entries = Store::new(stored);
        // Storage is outside the reactive world: keeping it in step is what an effect is for.
        Effect::new(move |_| entries.with(|e| storage::set_json(storage::Store::Session, STORAGE_KEY, e)));
        CheckoutState { entries, default_country: StoredValue::new(default_country.into()) }
    }

    /// Forgets everything (after the order is placed).
    pub fn clear(&self) {
        self.entries.set(Entries { country: self.default_country.get_value(), ..Entries::default() });
    }
}
