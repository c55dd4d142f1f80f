//! The contact widget: a seller's channels as one shopper may use them now, who the seller is,
//! and when they can be reached. The public page, the compact card other pages embed, and the
//! editor's preview all show a [`SellerContact`] through this one component.

use super::identity::identity_view;
use crate::account::Session;
use crate::i18n::{I18n, use_i18n};
use crate::ui::intl::{format_date, format_date_time};
use leptos::prelude::*;
use vitrina_core::api::{Access, ChannelKind, MessageContext, Messenger, MessengerKind, PhoneAction, PublicChannel, SellerContact};
use vitrina_core::contact::obfuscate;
use vitrina_core::routes::Page;

/// How much of the widget to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The contact page: every channel, the seller's identity, the hours.
    Full,
    /// Embedded in another page (an order, a parcel): the channels in brief and a link onward.
    Compact,
    /// The editor's preview: like the page, one heading level lower, links inert.
    Preview,
}

/// "within a day", "within 4 hours" — the seller's typical response time in words.
pub fn response_time_words(i18n: &I18n, hours: u32) -> String {
    if hours >= 24 && hours.is_multiple_of(24) {
        i18n.tp("contact.within_days", i64::from(hours / 24))
    } else {
        i18n.tp("contact.within_hours", i64::from(hours.max(1)))
    }
}

/// An instant in the seller's wall-clock time and, when it differs, in the viewer's own.
pub fn when_text(i18n: &I18n, instant: &str, seller_zone: &str) -> String {
    let locale = i18n.get();
    let theirs = format_date_time(instant, locale, Some(seller_zone));
    let yours = format_date_time(instant, locale, None);
    if theirs == yours { theirs } else { i18n.tf("contact.when_both", &[("seller", &theirs), ("zone", seller_zone), ("yours", &yours)]) }
}

/// The link a messenger account opens, when the service has web links.
fn messenger_href(m: &Messenger) -> Option<String> {
    let digits: String = m.handle.chars().filter(char::is_ascii_digit).collect();
    let name = m.handle.trim().trim_start_matches('@');
    match m.kind {
        MessengerKind::Telegram => Some(format!("https://t.me/{name}")),
        MessengerKind::Whatsapp => Some(format!("https://wa.me/{digits}")),
        MessengerKind::Viber => Some(format!("viber://chat?number=%2B{digits}")),
        MessengerKind::Signal => Some(format!("https://signal.me/#p/+{digits}")),
        MessengerKind::Skype => Some(format!("skype:{name}?chat")),
        MessengerKind::Unknown => None,
    }
}

fn channel_title(i18n: &I18n, kind: ChannelKind) -> String {
    match kind {
        ChannelKind::Messages => i18n.t("contact.channel.messages"),
        ChannelKind::Email => i18n.t("contact.channel.email"),
        ChannelKind::ContactForm => i18n.t("contact.channel.form"),
        ChannelKind::Phone => i18n.t("contact.channel.phone"),
        ChannelKind::Postal => i18n.t("contact.channel.postal"),
        ChannelKind::Unknown => i18n.t("contact.channel.unknown"),
    }
}

/// What a shopper who may not use a channel can do about it.
#[component]
fn AccessNote(access: Access, layout: Layout) -> impl IntoView {
    let i18n = use_i18n();
    // Optional, so a page can embed the widget without the app's session (a test, a preview).
    let account = use_context::<Session>().map(|s| s.account);
    let here = || {
        web_sys::window()
            .map(|w| w.location())
            .map(|l| format!("{}{}", l.pathname().unwrap_or_default(), l.search().unwrap_or_default()))
            .unwrap_or_else(|| "/".to_owned())
    };
    match access {
        Access::Open => ().into_any(),
        Access::SignIn => view! {
            <p class="contact-channel__access">
                {i18n.text("contact.access.sign_in")} " "
                {(layout != Layout::Preview).then(|| view! {
                    <a href=Page::SignIn { return_to: here() }.href()>{i18n.text("contact.access.sign_in_link")}</a>
                })}
            </p>
        }
        .into_any(),
        Access::VerifyEmail | Access::Unknown => view! {
            <p class="contact-channel__access">
                {i18n.text("contact.access.verify")} " "
                {move || account.and_then(|a| a.get()).filter(|_| layout != Layout::Preview).map(|a| i18n.tf("contact.access.verify_how", &[("email", &a.email)]))}
            </p>
        }
        .into_any(),
    }
}

/// One channel.
#[component]
fn ChannelItem(
    channel: PublicChannel,
    #[prop(into)] seller_id: String,
    #[prop(into)] zone: String,
    response_time_hours: u32,
    layout: Layout,
    context: MessageContext,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = channel.kind;
    let access = channel.access;
    let title = move || channel_title(&i18n, kind);
    let open = access == Access::Open;
    let body = match kind {
        ChannelKind::Messages => {
            let zone = zone.clone();
            let now = channel.available_now == Some(true);
            let next = channel.next_window.clone();
            let messengers = channel.messengers.clone();
            view! {
                <p class="contact-channel__status" data-testid="messages-status">
                    {move || if now {
                        i18n.t("contact.messages.online")
                    } else {
                        i18n.tf("contact.messages.offline", &[("within", &response_time_words(&i18n, response_time_hours))])
                    }}
                    {next.map(|w| { let zone = zone.clone(); view! { " " {move || i18n.tf("contact.messages.online_from", &[("when", &when_text(&i18n, &w.starts_at, &zone))])} } })}
                </p>
                {(open && !messengers.is_empty()).then(|| view! {
                    <ul class="contact-channel__messengers">
                        {messengers.into_iter().map(|m| {
                            let label = format!("{}: {}", m.kind.name(), m.handle.trim());
                            match messenger_href(&m).filter(|_| layout != Layout::Preview) {
                                Some(href) => view! { <li><a href=href rel="noopener">{label}</a></li> }.into_any(),
                                None => view! { <li>{label}</li> }.into_any(),
                            }
                        }).collect_view()}
                    </ul>
                })}
            }
            .into_any()
        }
        ChannelKind::Email => {
            // Decoded here, in the browser: the address is in neither the page nor the response.
            // A backend that does not encode it sends it plainly.
            let address = channel.email_encoded.as_deref().and_then(obfuscate::decode).or_else(|| channel.email.clone());
            address
                .map(|address| {
                    let href = format!("mailto:{address}");
                    view! {
                        <p class="contact-channel__value">
                            {if layout == Layout::Preview {
                                view! { <span data-testid="seller-email">{address}</span> }.into_any()
                            } else {
                                view! { <a href=href data-testid="seller-email">{address}</a> }.into_any()
                            }}
                        </p>
                    }
                    .into_any()
                })
                .unwrap_or_else(|| ().into_any())
        }
        ChannelKind::ContactForm => {
            if !open {
                ().into_any()
            } else {
                match layout {
                    Layout::Full => view! {
                        <p><a href="#contact-form">{i18n.text("contact.form.go")}</a></p>
                    }
                    .into_any(),
                    Layout::Compact => {
                        let href = format!(
                            "{}#contact-form",
                            Page::SellerContact { seller_id: seller_id.clone(), context: context.clone() }.href()
                        );
                        view! { <p><a href=href>{i18n.text("contact.form.go")}</a></p> }.into_any()
                    }
                    Layout::Preview => view! { <p>{i18n.text("contact.form.below")}</p> }.into_any(),
                }
            }
        }
        ChannelKind::Phone => {
            let zone = zone.clone();
            let next = channel.next_window.clone();
            let until = channel.available_until.clone();
            match channel.phone.clone() {
                Some(phone) => {
                    let (href, action_key) = match phone.action {
                        PhoneAction::Sms => (format!("sms:{}", phone.e164), "sms"),
                        _ => (format!("tel:{}", phone.e164), "call"),
                    };
                    let number = phone.display.clone();
                    let label = {
                        let number = number.clone();
                        move || {
                            if action_key == "sms" {
                                i18n.tf("contact.phone.sms", &[("number", &number)])
                            } else {
                                i18n.tf("contact.phone.call", &[("number", &number)])
                            }
                        }
                    };
                    view! {
                        <p class="contact-channel__value" data-testid="seller-phone">{number}</p>
                        <p>
                            {if layout == Layout::Preview {
                                view! { <span class="contact-channel__action">{label}</span> }.into_any()
                            } else {
                                view! { <a class="button button--secondary contact-channel__action" href=href>{label}</a> }.into_any()
                            }}
                        </p>
                        <p class="muted">
                            {move || if action_key == "sms" { i18n.t("contact.phone.prefers_sms") } else { i18n.t("contact.phone.prefers_call") }}
                            {until.map(|t| { let zone = zone.clone(); view! { " " {move || i18n.tf("contact.phone.until", &[("when", &when_text(&i18n, &t, &zone))])} } })}
                        </p>
                    }
                    .into_any()
                }
                None if open => {
                    let sms = channel.phone_action == Some(PhoneAction::Sms);
                    view! {
                        <p class="contact-channel__status" data-testid="phone-hidden">
                            {i18n.text("contact.phone.hidden")} " "
                            {move || match &next {
                                Some(w) if sms => i18n.tf("contact.phone.sms_from", &[("when", &when_text(&i18n, &w.starts_at, &zone))]),
                                Some(w) => i18n.tf("contact.phone.calls_from", &[("when", &when_text(&i18n, &w.starts_at, &zone))]),
                                None => i18n.t("contact.phone.no_hours"),
                            }}
                        </p>
                    }
                    .into_any()
                }
                None => ().into_any(),
            }
        }
        ChannelKind::Postal => channel
            .postal_address
            .clone()
            .map(|address| view! { <address class="contact-channel__address">{address}</address> }.into_any())
            .unwrap_or_else(|| ().into_any()),
        ChannelKind::Unknown => ().into_any(),
    };
    view! {
        <li class="contact-channel" class:contact-channel--closed=!open data-channel=channel_name(kind)>
            <p class="contact-channel__title"><strong>{title}</strong></p>
            <AccessNote access=access layout=layout/>
            {body}
        </li>
    }
}

/// A channel's name in the page's markup (`data-channel`), for styles and tests.
fn channel_name(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Messages => "messages",
        ChannelKind::Email => "email",
        ChannelKind::ContactForm => "contactform",
        ChannelKind::Phone => "phone",
        ChannelKind::Postal => "postal",
        ChannelKind::Unknown => "unknown",
    }
}

/// The seller's channels, identity, hours and absence, as `contact` describes them.
#[component]
pub fn ContactCard(
    /// What the shopper may use right now.
    contact: SellerContact,
    /// How much to show.
    layout: Layout,
    /// What the shopper was looking at (an order, a parcel): carried to the form.
    #[prop(optional)]
    context: MessageContext,
) -> impl IntoView {
    let i18n = use_i18n();
    let c = contact;
    let seller = c.seller_name.clone();
    let away = c.away.clone().map(|a| {
        let seller = seller.clone();
        view! {
            <div class="notice notice--warning contact-away" role="status" data-testid="away-notice">
                <p>{move || i18n.tf("contact.away", &[("seller", &seller), ("date", &format_date(&a.until, i18n.get(), "long"))])}</p>
                {(!a.note.is_empty()).then(|| view! { <p>{a.note.clone()}</p> })}
                <p>{i18n.text("contact.away.reply_after")}</p>
            </div>
        }
    });
    if !c.accepts_contact {
        let name = seller.clone();
        return view! {
            <div class="contact-card contact-card--quiet" data-testid="contact-card">
                <p class="contact-quiet"><strong>{move || i18n.tf("contact.quiet", &[("seller", &name)])}</strong></p>
                <p>{i18n.text("contact.quiet.instead")}</p>
                <ul class="link-list">
                    <li>{i18n.text("contact.quiet.order")} " " <a href=Page::OrderLookup.href()>{i18n.text("contact.quiet.order_link")}</a></li>
                    <li>{i18n.text("contact.quiet.parcel")} " " <a href=Page::TrackLookup.href()>{i18n.text("contact.quiet.parcel_link")}</a></li>
                    <li>{i18n.text("contact.quiet.support")} " " <a href=super::receipt::store_help_href()>{i18n.text("contact.receipt.help_link")}</a></li>
                </ul>
            </div>
        }
        .into_any();
    }
    let channels = c
        .channels
        .iter()
        .filter(|ch| ch.kind != ChannelKind::Unknown)
        .cloned()
        .map(|channel| {
            view! {
                <ChannelItem channel=channel seller_id=c.seller_id.clone() zone=c.time_zone.clone()
                    response_time_hours=c.response_time_hours layout=layout context=context.clone()/>
            }
        })
        .collect_view();
    let compact = layout == Layout::Compact;
    let identity = (!compact).then(|| identity_view(&i18n, &c, layout));
    let link = compact.then(|| {
        let href = Page::SellerContact { seller_id: c.seller_id.clone(), context: context.clone() }.href();
        view! { <p><a href=href>{i18n.text("contact.all_ways")}</a></p> }
    });
    let channels_heading = i18n.text("contact.channels");
    view! {
        <div class="contact-card" class:contact-card--compact=compact data-testid="contact-card">
            {away}
            {match layout {
                Layout::Full => view! { <h2>{channels_heading}</h2> }.into_any(),
                Layout::Preview => view! { <h3>{channels_heading}</h3> }.into_any(),
                Layout::Compact => ().into_any(),
            }}
            <ul class="contact-card__channels">{channels}</ul>
            {identity}
            {link}
        </div>
    }
    .into_any()
}
