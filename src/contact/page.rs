//! `/sellers/{seller_id}/contact`: the full widget, the contact form, and the seller's
//! schema.org `ContactPoint`; and the compact card the order and tracking pages embed.

use super::form::ContactForm;
use super::widget::{ContactCard, Layout};
use crate::account::Session;
use crate::api::{Api, ApiError};
use crate::i18n::use_i18n;
use crate::router::use_address;
use crate::ui::{ErrorNotice, Loading, PageHeading};
use leptos::prelude::*;
use vitrina_core::api::{Access, ChannelKind, MessageContext, SellerContact};
use vitrina_core::contact::jsonld;
use vitrina_core::routes::Page;

const JSON_LD_ID: &str = "seller-contact-jsonld";

/// Puts the seller's structured data in the document's head while the page is shown. The JSON is
/// set as the script's text (never parsed as HTML), with `<` escaped so it cannot end the script.
fn set_json_ld(contact: Option<&SellerContact>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(old) = document.get_element_by_id(JSON_LD_ID) {
        old.remove();
    }
    let (Some(contact), Some(head)) = (contact, document.head()) else {
        return;
    };
    if let Ok(script) = document.create_element("script") {
        let _ = script.set_attribute("type", "application/ld+json");
        script.set_id(JSON_LD_ID);
        script.set_text_content(Some(jsonld::organization(contact).as_str()));
        let _ = head.append_child(&script);
    }
}

/// Loads what the shopper may see of a seller: at once (the backend knows who is signed in from
/// the session cookie, so the page never waits for the app's own session check, nor for its
/// retries), and again when someone signs in or out on this page.
fn contact_resource(seller_id: Signal<String>) -> LocalResource<Option<Result<SellerContact, ApiError>>> {
    let api = expect_context::<Api>();
    // Without the app's session (an embedding page's test), the shopper counts as anonymous.
    let session = use_context::<Session>();
    // Who is signed in, once the session is known (`None` before).
    let who = Memo::new(move |_| session.and_then(|s| s.loaded.get().then(|| s.account.get().map(|a| (a.email, a.email_verified)))));
    let resource = LocalResource::new(move || {
        let id = seller_id.get();
        let api = api.clone();
        async move { Some(api.seller_contact(&id).await) }
    });
    // The first answer of the session check changes nothing the backend did not already know;
    // a change after it (signing in or out) does.
    Effect::new(move |known: Option<Option<Option<(String, bool)>>>| {
        let now = who.get();
        if let (Some(Some(before)), Some(_)) = (&known, &now)
            && Some(before) != now.as_ref()
        {
            resource.refetch();
        }
        now
    });
    resource
}

#[component]
pub fn SellerContactPage() -> impl IntoView {
    let i18n = use_i18n();
    // The seller, and what the shopper was looking at when they followed the link
    // (`?order=…`, `?shipment=…`).
    let address = use_address(|page| match page {
        Page::SellerContact { seller_id, context } => Some((seller_id.clone(), context.clone())),
        _ => None,
    });
    let seller_id = Signal::derive(move || address.with(|(seller_id, _)| seller_id.clone()));
    let context = Memo::new(move |_| address.with(|(_, c)| MessageContext::from_link(c.order.as_deref(), c.shipment.as_deref())));
    let contact = contact_resource(seller_id);
    Effect::new(move |_| {
        let current = contact.get().flatten().and_then(Result::ok);
        set_json_ld(current.as_ref());
    });
    on_cleanup(|| set_json_ld(None));

    view! {
        <section class="page contact-page">
            <PageHeading key="contact.title"/>
            {move || match contact.get().flatten() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <ErrorNotice error=e on_retry=move || contact.refetch()/> }.into_any(),
                Some(Ok(c)) => {
                    let form = c.channel(ChannelKind::ContactForm).filter(|f| f.access == Access::Open).map(|_| {
                        view! { <ContactForm seller_id=c.seller_id.clone() seller_name=c.seller_name.clone() context=context.get_untracked()/> }
                    });
                    view! {
                        <p class="contact-page__seller" data-testid="seller-name">{c.seller_name.clone()}</p>
                        {context.get().order.map(|order| view! { <p class="muted">{move || i18n.tf("contact.about_order", &[("number", &order)])}</p> })}
                        {context.get().shipment.map(|number| view! { <p class="muted">{move || i18n.tf("contact.about_shipment", &[("number", &number)])}</p> })}
                        <div class="contact-page__layout">
                            <ContactCard contact=c.clone() layout=Layout::Full context=context.get_untracked()/>
                            {form}
                        </div>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// A compact contact card for another page (an order, a parcel): the seller's channels in brief
/// and a link to the full contact page that carries `context` on to the form's subject.
#[component]
pub fn CompactContact(
    /// The seller to contact.
    #[prop(into)]
    seller_id: String,
    /// What the shopper is looking at (`order`, `shipment`).
    #[prop(optional)]
    context: MessageContext,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = seller_id.clone();
    let contact = contact_resource(Signal::derive(move || id.clone()));
    // One card per seller may share a page (an order from two sellers).
    let title_id = format!("contact-compact-{seller_id}");
    let labelled_by = title_id.clone();
    view! {
        <section class="contact-compact" aria-labelledby=labelled_by data-testid="contact-compact">
            <h2 id=title_id>{move || match contact.get().flatten().and_then(Result::ok) {
                Some(c) => i18n.tf("contact.compact.title", &[("seller", &c.seller_name)]),
                None => i18n.t("contact.title"),
            }}</h2>
            {move || match contact.get().flatten() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <ErrorNotice error=e on_retry=move || contact.refetch()/> }.into_any(),
                Some(Ok(c)) => view! { <ContactCard contact=c layout=Layout::Compact context=context.clone()/> }.into_any(),
            }}
        </section>
    }
}
