//! Every message a form shows is announced with its field: each control marked invalid names, in
//! `aria-describedby`, an element that holds its message, and no message on show is tied to
//! nothing. Each form is rendered with mistakes, the way a person meets them after "submit".

use crate::{Mounted, api, mount, next_frame, provide_session, provide_store, store_config};
use leptos::prelude::*;
use std::collections::HashSet;
use vitrina::account::SignInPage;
use vitrina::checkout::{CartStore, CheckoutState, ContactStep, DeliveryStep};
use vitrina::confirmation::LookupPage;
use vitrina::contact::{ContactForm, SettingsEditor};
use vitrina::router::Router;
use vitrina::tracking::LookupForm;
use vitrina_core::api::OrderNumberCharacters;
use vitrina_core::api::*;
use vitrina_core::locale::Locale;
use wasm_bindgen_test::wasm_bindgen_test;

/// The element with `id` inside the mounted view.
fn by_id(m: &Mounted, id: &str) -> Option<web_sys::HtmlElement> {
    m.query(&format!("[id=\"{id}\"]"))
}

/// Fails unless every invalid control names its message and every message is named by a field.
fn assert_messages_are_announced(m: &Mounted, form: &str) {
    let invalid = m.query_all("[aria-invalid=true]");
    assert!(!invalid.is_empty(), "{form}: no field is marked invalid");
    for control in &invalid {
        let ids = control.get_attribute("aria-describedby").unwrap_or_default();
        let announced = ids
            .split_whitespace()
            .filter_map(|id| by_id(m, id))
            .any(|e| e.get_attribute("class").is_some_and(|c| c.contains("field__error")) && !e.inner_text().trim().is_empty());
        assert!(announced, "{form}: #{} is invalid, but its aria-describedby ({ids:?}) names no message", control.id());
    }
    let described: HashSet<String> = m
        .query_all("[aria-describedby]")
        .iter()
        .flat_map(|e| e.get_attribute("aria-describedby").unwrap_or_default().split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    let messages = m.query_all(".field__error");
    assert!(!messages.is_empty(), "{form}: no message is shown");
    for message in messages {
        assert!(described.contains(&message.id()), "{form}: the message {:?} is tied to no field", message.inner_text());
    }
}

async fn submit(m: &Mounted) {
    m.query("button[type=submit]").expect("a submit button").click();
    leptos::task::tick().await;
    next_frame().await;
}

#[wasm_bindgen_test]
async fn the_contact_form_announces_each_missing_field() {
    let m = mount(Locale::En, || {
        provide_session(None);
        view! { <ContactForm seller_id="demo-seller" seller_name="Severny Veter" context=MessageContext::default()/> }
    });
    leptos::task::tick().await;
    submit(&m).await;
    assert_messages_are_announced(&m, "contact form");
}

#[wasm_bindgen_test]
async fn the_sign_in_form_announces_each_missing_field() {
    let m = mount(Locale::En, || {
        provide_session(None);
        view! { <Router><SignInPage/></Router> }
    });
    leptos::task::tick().await;
    submit(&m).await;
    assert_messages_are_announced(&m, "sign-in");
}

#[wasm_bindgen_test]
async fn the_order_lookup_announces_each_mistake() {
    let m = mount(Locale::Ru, || {
        provide_store(&store_config());
        provide_context(api());
        view! { <Router><LookupPage/></Router> }
    });
    leptos::task::tick().await;
    submit(&m).await;
    assert_messages_are_announced(&m, "order lookup");
}

#[wasm_bindgen_test]
async fn the_order_lookup_shows_the_stores_own_numbers() {
    let mut config = store_config();
    config.order_number = vitrina_core::api::OrderNumberFormat {
        example: "DEMO-1001".into(),
        characters: OrderNumberCharacters::Alphanumeric,
        max_length: 12,
    };
    let m = mount(Locale::En, move || {
        provide_store(&config);
        provide_context(api());
        view! { <Router><LookupPage/></Router> }
    });
    leptos::task::tick().await;
    assert!(m.query("#order-number-hint").is_some_and(|h| h.inner_text().contains("DEMO-1001")), "the store's example");
    let input = m.query("#order-number").expect("the number field");
    assert_eq!(input.get_attribute("inputmode").as_deref(), Some("text"), "letters, so no numeric keyboard");
    assert_eq!(input.get_attribute("maxlength").as_deref(), Some("13"));
}

#[wasm_bindgen_test]
async fn the_tracking_lookup_announces_a_number_that_cannot_be_one() {
    let m = mount(Locale::Sk, || view! { <Router><LookupForm initial="PX1"/></Router> });
    leptos::task::tick().await;
    submit(&m).await;
    assert_messages_are_announced(&m, "tracking lookup");
}

/// Provides what the checkout's steps ask for (a cart that is not loaded: no quote is asked).
fn provide_checkout() {
    let api = api();
    provide_context(api.clone());
    provide_context(CartStore::new(api));
    let config = store_config();
    provide_store(&config);
    // Fresh entries: another test may have left some in the session's storage.
    let state = CheckoutState::new(&config.default_country);
    state.clear();
    provide_context(state);
}

#[wasm_bindgen_test]
async fn the_checkouts_contact_step_announces_each_field_that_needs_something() {
    let m = mount(Locale::En, || {
        provide_checkout();
        view! { <Router><ContactStep/></Router> }
    });
    leptos::task::tick().await;
    m.query("#someone-else").expect("the someone-else box").click();
    leptos::task::tick().await;
    submit(&m).await;
    assert!(m.query("#recipient-phone").is_some_and(|p| p.get_attribute("aria-invalid").as_deref() == Some("true")));
    assert_messages_are_announced(&m, "checkout contact step");
}

#[wasm_bindgen_test]
async fn the_checkouts_address_announces_each_field_left_empty() {
    let m = mount(Locale::Ru, || {
        provide_checkout();
        view! { <Router><DeliveryStep/></Router> }
    });
    leptos::task::tick().await;
    // Only the place is asked for until a courier is chosen.
    for id in ["city", "region", "postcode"] {
        let input = m.query(&format!("#{id}")).unwrap_or_else(|| panic!("#{id}"));
        input.focus().expect("focus");
        input.blur().expect("blur");
    }
    leptos::task::tick().await;
    next_frame().await;
    assert_messages_are_announced(&m, "checkout address");
}

/// Settings that break a rule in every section.
fn broken_settings() -> ContactSettings {
    let range = |start: &str, end: &str| TimeRange::new(start, end);
    ContactSettings {
        accepts_contact: true,
        time_zone: "Europe/Bratislava".into(),
        messages: MessagesChannel {
            enabled: true,
            audience: Audience::Everyone,
            messengers: vec![Messenger { kind: MessengerKind::Whatsapp, handle: "905 123".into() }],
        },
        email: EmailChannel { enabled: true, address: "marek at home".into(), ..EmailChannel::default() },
        phone: PhoneChannel { enabled: true, number: "0905 123 456".into(), ..PhoneChannel::default() },
        postal: PostalChannel { enabled: true, audience: Audience::Everyone, address: String::new() },
        hours: WeeklyHours {
            mon: vec![range("09:00", "13:00"), range("12:00", "18:00")],
            tue: vec![range("10:00", "10:00")],
            wed: (8..13).map(|h| range(&format!("{h:02}:00"), &format!("{h:02}:30"))).collect(),
            ..WeeklyHours::default()
        },
        overrides: vec![DateOverride { date: String::new(), ranges: vec![range("10:00", "25:00")], note: String::new() }],
        identity: Identity { legal_entity: "Severny Veter s.r.o.".into(), website: "severny-veter".into(), ..Identity::default() },
        response_time_hours: 24,
        away: Away { enabled: true, until: "2020-01-01".into(), note: String::new() },
        presence: Presence::default(),
        signature: "Thanks!".into(),
    }
}

#[wasm_bindgen_test]
async fn the_sellers_editor_announces_every_refused_setting() {
    let document = ContactSettingsDocument {
        seller_id: "demo-seller".into(),
        seller_name: "Severny Veter".into(),
        version: 1,
        settings: broken_settings(),
        warnings: vec![],
        updated_at: None,
    };
    let m = mount(Locale::Uk, move || {
        provide_context(api());
        view! { <Router><SettingsEditor document=document reload=|| ()/></Router> }
    });
    leptos::task::tick().await;
    submit(&m).await;
    assert!(m.query(".error-summary").is_some_and(|s| !s.has_attribute("hidden")), "the summary lists the mistakes");
    for id in ["cs-phone-number", "cs-hours-mon-1", "cs-hours-tue-0", "cs-overrides-0-date", "cs-away-until", "cs-signature"] {
        let control = by_id(&m, id).unwrap_or_else(|| panic!("#{id}"));
        assert_eq!(control.get_attribute("aria-invalid").as_deref(), Some("true"), "#{id}");
    }
    assert_messages_are_announced(&m, "editor");
}

#[wasm_bindgen_test]
async fn a_control_created_later_belongs_to_its_own_field_not_the_one_beside_it() {
    use vitrina::ui::{FieldLayout, FormField, Radio, TextInput};
    let shown = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let m = mount(Locale::En, move || {
        view! {
            <FormField id="payment-methods" name="payment-method" label="payment.method" layout=FieldLayout::Group>
                {move || shown.get().then(|| view! { <Radio id="payment-cash" checked=Signal::derive(|| false) on_select=|| ()/> })}
            </FormField>
            <FormField id="promo-code" label="promo.label">
                <TextInput value=typed/>
            </FormField>
        }
    });
    leptos::task::tick().await;
    shown.set(true);
    leptos::task::tick().await;
    let radio = m.query("#payment-cash").expect("the radio, once there");
    assert_eq!(radio.get_attribute("name").as_deref(), Some("payment-method"));
}
