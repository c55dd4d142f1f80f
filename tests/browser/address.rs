//! The delivery address drawn from the country's format as the store sends it: fields, order
//! (the place first, the street for a courier), names, optional marks, the postcode's example
//! and keyboard, and the check by its pattern.

use crate::{Mounted, mount, next_frame, provide_store, store_config};
use leptos::prelude::*;
use vitrina::checkout::{CheckoutState, Entries, PlaceFields, StreetFields};
use vitrina::ui::Touched;
use vitrina_core::api::{AddressFormat, AppConfig, DeliveryKind, GoogleAddressRecord};
use vitrina_core::checkout::EntryErrors;
use vitrina_core::locale::Locale;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

/// A format as the data set writes it (`fmt`, `require`, `zip`, …).
fn format(country: &str, record: &str) -> AddressFormat {
    let record: GoogleAddressRecord = serde_json::from_str(record).expect("a record");
    AddressFormat::from_google(country, &record)
}

/// Mounts the address fields for `country` with the store's `config`, a courier chosen (so the
/// street is asked too), checked as the delivery step checks them (by the country's format, the
/// postcode by the browser's RegExp).
fn mount_address(locale: Locale, config: AppConfig, country: &'static str) -> Mounted {
    mount_for(locale, config, country, DeliveryKind::Courier)
}

/// Mounts the address fields for `country`, the way to receive being `kind`.
fn mount_for(locale: Locale, config: AppConfig, country: &'static str, kind: DeliveryKind) -> Mounted {
    mount(locale, move || {
        provide_store(&config);
        let state = CheckoutState::new(country);
        state.entries.set(Entries { country: country.into(), delivery_kind: Some(kind), ..Entries::default() });
        provide_context(state);
        let touched = Touched::new();
        let format = config.address_format(country);
        let errors = Signal::derive(move || -> EntryErrors {
            state.entries.with(|e| e.address_errors_by(&format, vitrina::checkout::postcode_fits))
        });
        let street = (kind == DeliveryKind::Courier).then(|| view! { <StreetFields errors=errors touched=touched/> });
        view! { <form><PlaceFields errors=errors touched=touched/>{street}</form> }
    })
}

/// The ids of the address's text fields, in the order shown.
fn field_order(m: &Mounted) -> Vec<String> {
    m.query_all("form input.field__input").iter().map(|i| i.id()).collect()
}

/// Types `value` into the field and leaves it, as a shopper does.
async fn type_and_leave(m: &Mounted, id: &str, value: &str) {
    let input: web_sys::HtmlInputElement = m.query(&format!("#{id}")).unwrap_or_else(|| panic!("#{id}")).unchecked_into();
    input.focus().expect("focus");
    input.set_value(value);
    let event = web_sys::Event::new("input").expect("an input event");
    input.dispatch_event(&event).expect("dispatched");
    input.blur().expect("blur");
    leptos::task::tick().await;
    next_frame().await;
}

fn label_of(m: &Mounted, id: &str) -> String {
    m.query(&format!("label[for={id}]")).map(|l| crate::normalise_spaces(&l.inner_text())).unwrap_or_default()
}

fn error_of(m: &Mounted, id: &str) -> Option<String> {
    m.query(&format!("#{id}-error")).map(|e| e.inner_text())
}

#[wasm_bindgen_test]
async fn the_slovak_form_has_a_psc_with_a_space_and_no_numeric_keyboard() {
    let m = mount_address(Locale::Sk, store_config(), "SK");
    leptos::task::tick().await;
    // Google's format for Slovakia: %A%n%Z %C — street, then PSČ and town; no region. The
    // place comes first (PSČ and town, in that order), the courier's street after it.
    assert_eq!(field_order(&m), ["postcode", "city", "address-line"]);
    assert!(m.query("#region").is_none());
    assert!(label_of(&m, "postcode").starts_with("PSČ"), "{}", label_of(&m, "postcode"));
    let postcode = m.query("#postcode").expect("the PSČ");
    assert_ne!(postcode.get_attribute("inputmode").as_deref(), Some("numeric"), "811 01 has a space");
    assert!(m.query("#postcode-hint").is_some_and(|h| h.inner_text().contains("010 01")), "a real PSČ as the example");
    assert!(postcode.get_attribute("aria-describedby").is_some_and(|d| d.contains("postcode-hint")));

    type_and_leave(&m, "postcode", "811 01").await;
    assert_eq!(error_of(&m, "postcode"), None, "811 01 is a Slovak PSČ");
    type_and_leave(&m, "postcode", "8110").await;
    assert!(error_of(&m, "postcode").is_some(), "8110 is not");
    assert_eq!(postcode.get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn the_russian_form_asks_the_oblast_and_offers_digits_for_the_postcode() {
    let m = mount_address(Locale::En, store_config(), "RU");
    leptos::task::tick().await;
    assert_eq!(field_order(&m), ["city", "region", "postcode", "address-line"]);
    assert!(label_of(&m, "region").contains("oblast"), "{}", label_of(&m, "region"));
    assert_eq!(m.query("#postcode").and_then(|p| p.get_attribute("inputmode")).as_deref(), Some("numeric"));
    type_and_leave(&m, "region", "").await;
    assert!(error_of(&m, "region").is_some(), "Russia's format requires the oblast for a courier");
}

#[wasm_bindgen_test]
async fn a_pickup_shopper_is_asked_the_place_only_and_no_oblast() {
    let m = mount_for(Locale::En, store_config(), "RU", DeliveryKind::PickupPoint);
    leptos::task::tick().await;
    assert_eq!(field_order(&m), ["city", "region", "postcode"], "no street");
    type_and_leave(&m, "city", "Москва").await;
    type_and_leave(&m, "region", "").await;
    assert_eq!(error_of(&m, "region"), None, "a point needs no oblast");
    type_and_leave(&m, "postcode", "1010").await;
    assert!(error_of(&m, "postcode").is_some(), "a postcode given is of the country's pattern all the same");
}

#[wasm_bindgen_test]
async fn a_postcode_with_letters_is_checked_by_the_pattern_the_store_sends() {
    let mut config = store_config();
    config.countries.push("GB".into());
    config.address_formats.push(format(
        "GB",
        r#"{"fmt":"%N%n%O%n%A%n%C%n%Z","require":"ACZ","zip":"GIR ?0AA|(?:[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2})","zipex":"EC1Y 8SY,GIR 0AA,M2 5BQ"}"#,
    ));
    config.address_formats.push(format(
        "US",
        r#"{"fmt":"%N%n%O%n%A%n%C, %S %Z","require":"ACSZ","zip_name_type":"zip","state_name_type":"state","zip":"(\\d{5})(?:[ \\-](\\d{4}))?","zipex":"95014,22162-1010"}"#,
    ));
    let m = mount_address(Locale::En, config.clone(), "GB");
    leptos::task::tick().await;
    assert_eq!(field_order(&m), ["city", "postcode", "address-line"]);
    assert_ne!(m.query("#postcode").and_then(|p| p.get_attribute("inputmode")).as_deref(), Some("numeric"));
    type_and_leave(&m, "postcode", "SW1A 1AA").await;
    assert_eq!(error_of(&m, "postcode"), None);
    type_and_leave(&m, "postcode", "12345").await;
    assert!(error_of(&m, "postcode").is_some(), "no British postcode");

    let us = mount_address(Locale::En, config, "US");
    leptos::task::tick().await;
    assert_eq!((label_of(&us, "region").as_str(), label_of(&us, "postcode").as_str()), ("State", "ZIP code"));
    type_and_leave(&us, "postcode", "22162-1010").await;
    assert_eq!(error_of(&us, "postcode"), None);
}
