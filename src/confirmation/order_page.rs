//! `/orders/{number}?token=…`: the order, from the number at the top to the way to cancel.

use super::cancel::CancelOrder;
use super::sections::{AcceptedTerms, Addresses, DeliveryFacts, Items, NextSteps, PaymentFacts, Shipments, StatusTimeline, TalkToSeller};
use super::substitutions::SubstitutionProposals;
use crate::api::Api;
use crate::i18n::use_i18n;
use crate::router::{A, use_address};
use crate::ui::{ErrorNotice, Loading, PageHeading, SentLeads};
use leptos::prelude::*;
use vitrina_core::api::Order;
use vitrina_core::routes::{ORDER_LEADS, Page};

/// The order, shared by the page's sections (a cancellation or a payment updates it in place).
#[derive(Clone, Copy)]
pub(crate) struct OrderContext {
    pub order: RwSignal<Option<Order>>,
    pub token: Signal<String>,
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    // The order's number, and the token that opens it.
    let address = use_address(|page| match page {
        Page::Order { number, token } => Some((number.clone(), token.clone())),
        _ => None,
    });
    let number = Memo::new(move |_| address.with(|(number, _)| number.clone()));
    let token = Signal::derive(move || address.with(|(_, token)| token.clone()));
    let order = RwSignal::new(None::<Order>);
    provide_context(OrderContext { order, token });
    let asked = api.clone();
    let loaded = LocalResource::new(move || {
        let (api, number, token) = (api.clone(), number.get(), token.get());
        async move {
            if token.is_empty() {
                // Without its token an order is not shown: the same answer as an unknown order.
                return Err(crate::api::ApiError::Status { status: 404, problem: None, retry_after_seconds: None });
            }
            api.order(&number, &token).await
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(o)) = loaded.get() {
            order.set(Some(o));
        }
    });
    // The store words part of an order in the language it is asked in (its payment method's
    // name): after a switch of language the order is asked again, and what it says is updated in
    // place (the page is not rebuilt, nothing the shopper has open or typed is lost).
    Effect::new(move |previous: Option<vitrina_core::locale::Locale>| {
        let locale = i18n.get();
        if previous.is_some_and(|p| p != locale) && order.with_untracked(Option::is_some) {
            let (api, number, token) = (asked.clone(), number.get_untracked(), token.get_untracked());
            leptos::task::spawn_local(async move {
                if let Ok(o) = api.order(&number, &token).await {
                    let _ = order.try_set(Some(o));
                }
            });
        }
        locale
    });
    let heading = Signal::derive(move || i18n.tf("order.heading", &[("number", &number.get())]));
    let sent = use_context::<SentLeads>().unwrap_or_default();
    view! {
        <section class="page order-page">
            {move || match loaded.get() {
                // The heading stands where the loaded order's will (as the page's static outline
                // has it), so nothing moves when the order comes.
                None => view! {
                    <div class="order-page__head"><PageHeading text=heading/></div>
                    // What the page as sent named under the heading, until the order has come.
                    {ORDER_LEADS.map(|lead| {
                        let here = Page::Order { number: number.get(), token: token.get() };
                        sent.text(&here, lead.key, i18n.get()).map(|text| view! { <p class=lead.class>{text}</p> })
                    })}
                    <Loading/>
                }.into_any(),
                Some(Err(e)) if e.status() == Some(404) => view! {
                    <div class="page--narrow">
                        <PageHeading key="order.not_found_title"/>
                        <p>{i18n.text("order.not_found")}</p>
                        <A href=Page::OrderLookup.href() attr:class="button">{i18n.text("order.find")}</A>
                    </div>
                }.into_any(),
                Some(Err(e)) => view! {
                    <PageHeading text=heading/>
                    <ErrorNotice error=e on_retry=move || loaded.refetch()/>
                }.into_any(),
                Some(Ok(_)) => view! {
                    <div class="order-page__head">
                        <PageHeading text=heading/>
                        <button type="button" class="button button--secondary no-print" on:click=move |_| {
                            if let Some(w) = web_sys::window() { let _ = w.print(); }
                        }>{i18n.text("order.print")}</button>
                    </div>
                    {move || order.get().map(|o| view! {
                        // The leads of the page as sent (`ORDER_LEADS`; the words' keys written
                        // out, so the area's words have them).
                        <p class="order-page__thanks" data-testid="order-thanks">{i18n.tf("order.thanks", &[("name", &o.customer.name)])}</p>
                        <p class="order-page__email" data-testid="order-email">{i18n.tf("order.email_sent", &[("email", &o.email)])}</p>
                    })}
                    <SubstitutionProposals/>
                    <PaymentFacts/>
                    <StatusTimeline/>
                    <NextSteps/>
                    <Shipments/>
                    <Items/>
                    <DeliveryFacts/>
                    <Addresses/>
                    <AcceptedTerms/>
                    <TalkToSeller/>
                    <CancelOrder/>
                }.into_any(),
            }}
        </section>
    }
}
