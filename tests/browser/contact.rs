//! Seller contact in the browser: time zones from `Intl`, the widget as a shopper sees it, and
//! the contact form's own checks.

use crate::{Mounted, mount, next_frame, provide_session};
use leptos::prelude::*;
use vitrina::contact::zones::BrowserZones;
use vitrina::contact::{Acknowledgement, ContactCard, ContactForm, Layout, SettingsEditor, response_time_words, subject_for};
use vitrina::router::Router;
use vitrina_core::api::*;
use vitrina_core::civil::{UnixSeconds, parse_rfc3339};
use vitrina_core::contact::{Schedule, TimeZones, obfuscate};
use vitrina_core::locale::Locale;
use wasm_bindgen_test::wasm_bindgen_test;

fn utc(s: &str) -> UnixSeconds {
    parse_rfc3339(s).expect("a timestamp").0
}

fn contact() -> SellerContact {
    SellerContact {
        seller_id: "demo-seller".into(),
        seller_name: "Severny Veter".into(),
        accepts_contact: true,
        identity: Identity {
            full_name: "Marek Horváth".into(),
            legal_entity: "Severny Veter s.r.o.".into(),
            tax_id: "SK2120123456".into(),
            ..Identity::default()
        },
        messengers_used: vec![MessengerKind::Telegram],
        time_zone: "Europe/Bratislava".into(),
        response_time_hours: 24,
        away: None,
        hours: WeeklyHours { mon: vec![TimeRange::new("09:00", "18:00")], ..WeeklyHours::default() },
        overrides: vec![],
        channels: vec![],
        as_of: "2026-11-23T19:30:00Z".into(),
    }
}

fn channel(kind: ChannelKind, access: Access) -> PublicChannel {
    PublicChannel {
        kind,
        audience: Audience::Everyone,
        access,
        email_encoded: None,
        email: None,
        phone: None,
        phone_action: None,
        postal_address: None,
        messengers: vec![],
        available_now: None,
        available_until: None,
        next_window: None,
    }
}

fn card(c: SellerContact, account: Option<Account>) -> Mounted {
    mount(Locale::En, move || {
        provide_session(account);
        view! { <Router><ContactCard contact=c layout=Layout::Full/></Router> }
    })
}

#[wasm_bindgen_test]
fn the_browser_knows_summer_and_winter_time_of_any_zone() {
    let winter = utc("2026-01-15T12:00:00Z");
    let summer = utc("2026-07-15T12:00:00Z");
    assert_eq!(BrowserZones.offset_minutes("Europe/Bratislava", winter), Some(60));
    assert_eq!(BrowserZones.offset_minutes("Europe/Bratislava", summer), Some(120));
    assert_eq!(BrowserZones.offset_minutes("Europe/Moscow", summer), Some(180));
    assert_eq!(BrowserZones.offset_minutes("America/St_Johns", winter), Some(-210));
    assert_eq!(BrowserZones.offset_minutes("Mars/Olympus", winter), None);
    assert_eq!(BrowserZones.offset_minutes("", winter), None);
}

#[wasm_bindgen_test]
fn the_preview_finds_the_same_next_window_across_a_daylight_saving_change_as_the_server() {
    let hours = WeeklyHours { mon: vec![TimeRange::new("09:00", "18:00")], ..WeeklyHours::default() };
    let schedule = Schedule { zone: "Europe/Bratislava", hours: &hours, overrides: &[] };
    // Saturday before the spring change: Monday 09:00 is then 07:00 UTC, not 08:00.
    let next = schedule.next_window(&BrowserZones, utc("2026-03-28T14:00:00Z")).expect("a window");
    assert_eq!(next.start, utc("2026-03-30T07:00:00Z"));
    assert!(schedule.is_open(&BrowserZones, utc("2026-03-30T08:00:00Z")));
}

#[wasm_bindgen_test]
async fn outside_the_hours_the_phone_says_when_it_can_be_called_in_the_sellers_zone() {
    let mut c = contact();
    let mut phone = channel(ChannelKind::Phone, Access::Open);
    phone.phone_action = Some(PhoneAction::Call);
    phone.available_now = Some(false);
    phone.next_window = Some(ContactWindow { starts_at: "2026-11-24T08:00:00Z".into(), ends_at: "2026-11-24T17:00:00Z".into() });
    c.channels.push(phone);
    let m = card(c, None);
    leptos::task::tick().await;
    let text = m.text();
    assert!(text.contains("The number is shown during the seller's hours only."), "{text}");
    assert!(text.contains("Calls from Nov 24, 2026, 9:00 AM (seller's time, Europe/Bratislava)"), "{text}");
    assert!(m.query("[data-testid=seller-phone]").is_none());
}

#[wasm_bindgen_test]
async fn inside_the_hours_the_phone_is_a_link_for_the_preferred_action() {
    let mut c = contact();
    let mut phone = channel(ChannelKind::Phone, Access::Open);
    phone.phone = Some(PhoneNumber { display: "+421 905 123 456".into(), e164: "+421905123456".into(), action: PhoneAction::Sms });
    phone.available_now = Some(true);
    c.channels.push(phone);
    let m = card(c, None);
    leptos::task::tick().await;
    let link = m.query("a.contact-channel__action").expect("an action link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("sms:+421905123456"));
    assert_eq!(link.inner_text(), "Send an SMS to +421 905 123 456");
}

#[wasm_bindgen_test]
async fn an_encoded_address_becomes_a_readable_mailto_link_in_the_browser() {
    let mut c = contact();
    let mut email = channel(ChannelKind::Email, Access::Open);
    email.email_encoded = Some(obfuscate::encode("marek@severny-veter.example"));
    c.channels.push(email);
    let m = card(c, None);
    leptos::task::tick().await;
    let link = m.query("[data-testid=seller-email]").expect("the address");
    assert_eq!(link.inner_text(), "marek@severny-veter.example");
    assert_eq!(link.get_attribute("href").as_deref(), Some("mailto:marek@severny-veter.example"));
}

#[wasm_bindgen_test]
async fn a_plain_address_from_a_backend_that_does_not_encode_is_shown_too() {
    let mut c = contact();
    let mut email = channel(ChannelKind::Email, Access::Open);
    email.email = Some("jana@dielna.example".into());
    c.channels.push(email);
    let m = card(c, None);
    leptos::task::tick().await;
    let link = m.query("[data-testid=seller-email]").expect("the address");
    assert_eq!(link.get_attribute("href").as_deref(), Some("mailto:jana@dielna.example"));
}

#[wasm_bindgen_test]
async fn a_shopper_who_may_not_use_a_channel_is_told_the_way_forward() {
    let mut c = contact();
    c.channels.push(channel(ChannelKind::Postal, Access::VerifyEmail));
    let account = Account { email: "new@example.com".into(), display_name: "Oleh".into(), email_verified: false, seller_id: None };
    let m = card(c.clone(), Some(account));
    leptos::task::tick().await;
    let text = m.text();
    assert!(text.contains("Only for customers with a verified email address."), "{text}");
    // No verification link is sent by the reference backend, so none is promised: the way forward
    // is another channel.
    assert!(text.contains("Your address new@example.com is not verified yet"), "{text}");
    assert!(!text.contains("link we sent"), "{text}");

    let mut c = contact();
    c.channels.push(channel(ChannelKind::Postal, Access::SignIn));
    let m = card(c, None);
    leptos::task::tick().await;
    let link = m.query(".contact-channel__access a").expect("a sign-in link");
    assert!(link.get_attribute("href").unwrap_or_default().starts_with("/sign-in?return="));
}

#[wasm_bindgen_test]
async fn a_seller_who_takes_no_contact_says_so_and_suggests_other_ways() {
    let mut c = contact();
    c.accepts_contact = false;
    let m = card(c, None);
    leptos::task::tick().await;
    let text = m.text();
    assert!(text.contains("Severny Veter does not take messages or calls."), "{text}");
    assert!(m.query("a[href='/orders/lookup']").is_some());
    assert!(m.query("[data-channel]").is_none());
}

#[wasm_bindgen_test]
async fn an_away_seller_gives_the_return_date() {
    let mut c = contact();
    c.away = Some(AwayNotice { until: "2026-11-30".into(), note: "Orders still ship daily.".into() });
    let m = card(c, None);
    leptos::task::tick().await;
    let text = m.text();
    assert!(text.contains("Severny Veter is away until November 30, 2026."), "{text}");
    assert!(text.contains("Orders still ship daily."), "{text}");
}

#[wasm_bindgen_test]
async fn the_subject_follows_the_order_or_the_parcel_in_the_shoppers_language() {
    let m = mount(Locale::En, || ());
    let order = MessageContext::from_link(Some("1042"), None);
    let parcel = MessageContext::from_link(None, Some("PX1000000004"));
    assert_eq!(subject_for(&m.i18n, &order), "Order 1042");
    assert_eq!(subject_for(&m.i18n, &parcel), "Shipment PX1000000004");
    assert_eq!(subject_for(&m.i18n, &MessageContext::default()), "");
    m.i18n.locale.set(Locale::Ru);
    assert_eq!(subject_for(&m.i18n, &order), "Заказ 1042");
}

#[wasm_bindgen_test]
async fn response_times_are_words_in_each_language() {
    let m = mount(Locale::En, || ());
    assert_eq!(response_time_words(&m.i18n, 24), "within a day");
    assert_eq!(response_time_words(&m.i18n, 48), "within 2 days");
    assert_eq!(response_time_words(&m.i18n, 4), "within 4 hours");
    m.i18n.locale.set(Locale::Ru);
    assert_eq!(response_time_words(&m.i18n, 48), "в течение 2 дней");
    m.i18n.locale.set(Locale::Sk);
    assert_eq!(response_time_words(&m.i18n, 1), "do hodiny");
    assert_eq!(response_time_words(&m.i18n, 72), "do 3 dní");
}

#[wasm_bindgen_test]
async fn the_form_points_at_each_missing_field_before_anything_is_sent() {
    let account = Account { email: "shopper@example.com".into(), display_name: "Anna".into(), email_verified: true, seller_id: None };
    let m = mount(Locale::En, move || {
        provide_session(Some(account));
        view! { <ContactForm seller_id="demo-seller" seller_name="Severny Veter" context=MessageContext::from_link(Some("1042"), None)/> }
    });
    leptos::task::tick().await;
    let subject = m.query("#contact-subject").expect("the subject");
    assert_eq!(js_sys::Reflect::get(&subject, &"value".into()).ok().and_then(|v| v.as_string()).as_deref(), Some("Order 1042"));
    let reply_to = m.query("#contact-reply-to").expect("the reply address");
    assert_eq!(js_sys::Reflect::get(&reply_to, &"value".into()).ok().and_then(|v| v.as_string()).as_deref(), Some("shopper@example.com"));
    m.query("button[type=submit]").expect("the send button").click();
    leptos::task::tick().await;
    let summary = m.query(".error-summary").expect("the summary");
    assert!(!summary.has_attribute("hidden"));
    assert!(summary.inner_text().contains("Fill this in."), "{}", summary.inner_text());
    let message = m.query("#contact-message").expect("the message");
    assert_eq!(message.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(message.get_attribute("aria-describedby").as_deref(), Some("contact-message-hint contact-message-error"));
    // The honeypot is there for robots, hidden from people and assistive technology.
    let trap = m.query(".contact-form__trap").expect("the trap");
    assert_eq!(trap.get_attribute("aria-hidden").as_deref(), Some("true"));
    assert!(m.query("[data-testid=contact-receipt]").is_some_and(|r| r.has_attribute("hidden")));
}

#[wasm_bindgen_test]
async fn the_compact_card_links_to_the_form_with_the_order_it_was_shown_with() {
    let mut c = contact();
    c.channels.push(channel(ChannelKind::ContactForm, Access::Open));
    let context = MessageContext::from_link(Some("1042"), None);
    let m = mount(Locale::En, move || {
        provide_session(None);
        view! { <Router><ContactCard contact=c layout=Layout::Compact context=context/></Router> }
    });
    leptos::task::tick().await;
    let write = m.query("[data-channel=contactform] a").expect("a link to the form");
    assert_eq!(write.get_attribute("href").as_deref(), Some("/sellers/demo-seller/contact?order=1042#contact-form"));
    assert_eq!(write.inner_text(), "Write a message");
    let text = m.text();
    assert!(text.contains("All the ways to reach the seller"), "{text}");
    assert!(!text.contains("Who you are dealing with"), "the compact card leaves the details to the page");
}

/// Settings that offer instant messages and nothing else, with no hours at all: only the
/// seller's own switch can make them "available now".
fn messages_only() -> ContactSettingsDocument {
    let settings = ContactSettings {
        accepts_contact: true,
        time_zone: "Europe/Bratislava".into(),
        messages: MessagesChannel {
            enabled: true,
            audience: Audience::Everyone,
            messengers: vec![Messenger { kind: MessengerKind::Telegram, handle: "@severny_veter".into() }],
        },
        response_time_hours: 24,
        ..ContactSettings::default()
    };
    ContactSettingsDocument {
        seller_id: "demo-seller".into(),
        seller_name: "Severny Veter".into(),
        version: 1,
        settings,
        warnings: vec![],
        updated_at: None,
    }
}

/// The editor, in English, on [`messages_only`].
async fn editor_with_messages_only() -> Mounted {
    let m = mount(Locale::En, move || {
        provide_context(crate::api());
        view! { <Router><SettingsEditor document=messages_only() reload=|| ()/></Router> }
    });
    leptos::task::tick().await;
    m
}

#[wasm_bindgen_test]
async fn the_sellers_own_switch_decides_available_now_in_the_preview() {
    let m = editor_with_messages_only().await;
    let status = || m.query("[data-testid=editor-preview] [data-testid=messages-status]").expect("the messages' status").inner_text();
    let choose = |state: &str| m.query(&format!("#cs-presence-{state}")).unwrap_or_else(|| panic!("#cs-presence-{state}")).click();
    assert!(
        m.query("#cs-presence-schedule")
            .is_some_and(|r| js_sys::Reflect::get(&r, &"checked".into()).ok().and_then(|v| v.as_bool()) == Some(true))
    );
    assert!(!status().contains("Available now"), "no hours, no switch: {}", status());

    choose("available");
    leptos::task::tick().await;
    assert!(status().contains("Available now"), "{}", status());
    assert!(m.text().contains("You have unsaved changes."), "the switch is saved with the settings");

    choose("away");
    leptos::task::tick().await;
    assert!(!status().contains("Available now"), "{}", status());
    assert!(status().contains("within a day"), "{}", status());

    choose("schedule");
    leptos::task::tick().await;
    assert!(!status().contains("Available now"), "{}", status());
}

/// Types `value` into the control `#id` as a seller does.
async fn type_into(m: &Mounted, id: &str, value: &str) {
    let input = m.query(&format!("#{id}")).unwrap_or_else(|| panic!("#{id}"));
    js_sys::Reflect::set(&input, &"value".into(), &value.into()).expect("a value");
    input.dispatch_event(&web_sys::Event::new("input").expect("an input event")).expect("dispatched");
    leptos::task::tick().await;
}

/// What the control `#id` holds, if it is there.
fn value_of(m: &Mounted, id: &str) -> Option<String> {
    let control = m.query(&format!("#{id}"))?;
    js_sys::Reflect::get(&control, &"value".into()).ok()?.as_string()
}

/// Clicks the first button that reads `words`.
fn click_button(m: &Mounted, words: &str) {
    let button = m.query_all("button").into_iter().find(|b| b.inner_text().trim() == words);
    button.unwrap_or_else(|| panic!("a button reading {words:?}")).click();
}

#[wasm_bindgen_test]
async fn a_sellers_messengers_and_suggested_signature_follow_into_the_form_and_the_preview() {
    let m = editor_with_messages_only().await;
    let preview = || m.query("[data-testid=editor-preview]").expect("the preview").inner_text();
    let handle = |i: usize| value_of(&m, &format!("cs-messages-messengers-{i}-handle"));
    assert!(preview().contains("Telegram: @severny_veter"), "{}", preview());
    assert!(!m.text().contains("You have unsaved changes."));

    type_into(&m, "cs-messages-messengers-0-handle", "@veter_shop").await;
    assert!(preview().contains("Telegram: @veter_shop"), "{}", preview());
    assert!(m.text().contains("You have unsaved changes."));

    // A second row, then the first removed: the row left shows the second messenger.
    click_button(&m, &m.i18n.t("editor.messenger.add"));
    leptos::task::tick().await;
    type_into(&m, "cs-messages-messengers-1-handle", "+421905123456").await;
    click_button(&m, &m.i18n.t("editor.messenger.remove"));
    leptos::task::tick().await;
    next_frame().await;
    assert_eq!(handle(0).as_deref(), Some("+421905123456"));
    assert_eq!(handle(1), None);
    assert!(!preview().contains("@veter_shop"), "{}", preview());

    click_button(&m, &m.i18n.t("editor.signature.suggest"));
    leptos::task::tick().await;
    let signature = value_of(&m, "cs-signature").expect("the signature");
    assert!(signature.contains("Severny Veter"), "{signature:?}");
}

fn receipt() -> MessageReceipt {
    MessageReceipt {
        id: "MSG-7K4Q-2M9X".into(),
        received_at: "2026-11-27T18:10:00Z".into(),
        response_time_hours: 24,
        reply_expected_by: "2026-11-30T08:00:00Z".into(),
        away: None,
        acknowledgement_sent_to: None,
        help_url: None,
    }
}

#[wasm_bindgen_test]
async fn the_acknowledgement_gives_the_reference_number_and_the_help_pages() {
    let m = mount(Locale::En, move || view! { <Acknowledgement receipt=receipt() seller_name="Severny Veter" on_another=|| ()/> });
    leptos::task::tick().await;
    assert_eq!(m.query("[data-testid=contact-reference]").expect("the reference").inner_text(), "MSG-7K4Q-2M9X");
    let text = m.text();
    assert!(text.contains("Reference number: MSG-7K4Q-2M9X. Quote it if you write again about this."), "{text}");
    // No e-mail went, so none is promised.
    assert!(!text.contains("sent to"), "{text}");
    // With no help pages named anywhere, the store's own tracking help.
    assert_eq!(m.query("[data-testid=contact-help]").and_then(|a| a.get_attribute("href")).as_deref(), Some("/track"));
}

#[wasm_bindgen_test]
async fn the_acknowledgement_mentions_an_email_only_when_one_went_and_links_the_stores_help_pages() {
    use vitrina::ui::StoreInfo;
    let mut sent = receipt();
    sent.acknowledgement_sent_to = Some("shopper@example.com".into());
    // A backend's help address that is no web page is never a link.
    sent.help_url = Some("javascript:alert(1)".into());
    let m = mount(Locale::Ru, move || {
        provide_context(crate::api());
        let mut config = crate::store_config();
        config.help_url = "https://help.example/shop".into();
        provide_context(StoreInfo::new(&config));
        view! { <Acknowledgement receipt=sent seller_name="Severny Veter" on_another=|| ()/> }
    });
    leptos::task::tick().await;
    let text = m.text();
    assert!(text.contains("Номер обращения: MSG-7K4Q-2M9X"), "{text}");
    assert!(text.contains("Подтверждение отправлено на shopper@example.com."), "{text}");
    let help = m.query("[data-testid=contact-help]").expect("the help link");
    assert_eq!(help.get_attribute("href").as_deref(), Some("https://help.example/shop"));
    assert_eq!(help.inner_text(), "Открыть страницы помощи");
}
