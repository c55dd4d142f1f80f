//! What the shopper has entered during checkout. Every change is kept in `sessionStorage` at
//! once, so a reload, Back/Forward, a network error or a failing backend loses nothing. Card
//! data is never here: cards are entered on the payment gateway's page.

use crate::storage::{self, Store};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use vitrina_core::api::{Address, CheckoutDraft, Consents, ContactDetails, DeliveryChoice, Recipient};
use vitrina_core::civil::Date;
use vitrina_core::validate;

const STORAGE_KEY: &str = "vitrina.checkout";

/// The entries, as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Entries {
    pub email: String,
    pub phone: String,
    pub name: String,
    pub someone_else: bool,
    pub recipient_name: String,
    pub recipient_phone: String,
    pub country: String,
    pub city: String,
    pub line: String,
    pub postcode: String,
    pub delivery_option: Option<String>,
    pub delivery_date: Option<String>,
    pub time_window: Option<String>,
    pub pickup_point: Option<String>,
    pub payment_method: Option<String>,
    pub promo_code: Option<String>,
    pub accept_terms: bool,
    pub personal_data: bool,
    pub marketing: bool,
    /// The current attempt to place the order: its idempotency key and the body it was for.
    /// A retry of the same attempt reuses the key, so it can never make a second order.
    pub attempt: Option<(String, String)>,
}

/// The checkout's entries as signals, saved on every change.
#[derive(Clone, Copy)]
pub struct CheckoutState {
    pub entries: RwSignal<Entries>,
    /// The country the store's description starts the delivery form with.
    default_country: StoredValue<String>,
}

impl CheckoutState {
    pub fn new(default_country: &str) -> Self {
        let mut stored: Entries = storage::get_json(Store::Session, STORAGE_KEY).unwrap_or_default();
        if stored.country.is_empty() {
            stored.country = default_country.into();
        }
        let entries = RwSignal::new(stored);
        Effect::new(move |_| entries.with(|e| storage::set_json(Store::Session, STORAGE_KEY, e)));
        CheckoutState { entries, default_country: StoredValue::new(default_country.into()) }
    }

    /// Forgets everything (after the order is placed).
    pub fn clear(&self) {
        self.entries.set(Entries { country: self.default_country.get_value(), ..Entries::default() });
    }

    /// A two-way signal for one text entry, for form fields.
    pub fn field(&self, get: fn(&Entries) -> &String, set: fn(&mut Entries) -> &mut String) -> RwSignal<String> {
        let entries = self.entries;
        let field = RwSignal::new(entries.with_untracked(|e| get(e).clone()));
        Effect::new(move |_| {
            let value = field.get();
            if entries.with_untracked(|e| get(e) != &value) {
                entries.update(|e| *set(e) = value);
            }
        });
        Effect::new(move |_| {
            let stored = entries.with(|e| get(e).clone());
            if field.with_untracked(|v| v != &stored) {
                field.set(stored);
            }
        });
        field
    }
}

impl Entries {
    pub fn contact_errors(&self) -> Vec<(&'static str, &'static str)> {
        let mut errors = Vec::new();
        if let Err(code) = validate::email(&self.email) {
            errors.push(("email", code));
        }
        if let Err(code) = validate::phone_as_typed(&self.phone) {
            errors.push(("phone", code));
        }
        if let Err(code) = validate::required_text(&self.name, 100) {
            errors.push(("name", code));
        }
        if self.someone_else {
            if let Err(code) = validate::required_text(&self.recipient_name, 100) {
                errors.push(("recipient-name", code));
            }
            if let Err(code) = validate::phone_as_typed(&self.recipient_phone) {
                errors.push(("recipient-phone", code));
            }
        }
        errors
    }

    /// Errors the app can see in the address without asking the backend (which checks it again,
    /// with the carrier's refusals).
    pub fn address_errors(&self) -> Vec<(&'static str, &'static str)> {
        let mut errors = Vec::new();
        if let Err(code) = validate::required_text(&self.city, 100) {
            errors.push(("city", code));
        }
        match validate::required_text(&self.line, 200) {
            Err(code) => errors.push(("address-line", code)),
            Ok(line) => {
                if let Some(reason) = vitrina_core::checkout::refused_address(&line) {
                    errors.push(("address-line", reason));
                }
            }
        }
        if self.postcode.trim().is_empty() {
            errors.push(("postcode", validate::code::REQUIRED));
        }
        errors
    }

    pub fn address_complete(&self) -> bool {
        self.address_errors().is_empty()
    }

    pub fn draft(&self, cart_id: &str) -> CheckoutDraft {
        let contact = (!self.email.trim().is_empty() || !self.phone.trim().is_empty() || !self.name.trim().is_empty())
            .then(|| ContactDetails { email: self.email.trim().into(), phone: self.phone.trim().into(), name: self.name.trim().into() });
        let address = self.address_complete().then(|| Address {
            country: self.country.clone(),
            city: self.city.trim().into(),
            line: self.line.trim().into(),
            postcode: self.postcode.trim().into(),
        });
        CheckoutDraft {
            cart_id: cart_id.to_owned(),
            contact,
            recipient: self
                .someone_else
                .then(|| Recipient { name: self.recipient_name.trim().into(), phone: self.recipient_phone.trim().into() }),
            address,
            delivery: self.delivery_option.clone().map(|option_id| DeliveryChoice {
                option_id,
                date: self.delivery_date.as_deref().and_then(Date::parse),
                time_window_id: self.time_window.clone(),
                pickup_point_id: self.pickup_point.clone(),
            }),
            payment_method: self.payment_method.clone(),
            promo_code: self.promo_code.clone(),
        }
    }

    pub fn consents(&self, terms_version: &str) -> Consents {
        Consents {
            terms_version: if self.accept_terms { terms_version.to_owned() } else { String::new() },
            personal_data: self.personal_data,
            marketing: self.marketing,
        }
    }
}
