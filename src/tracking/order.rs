//! An order's shipments together: what another feature (the order page) shows with
//! `tracking::OrderShipments`, and `/track?order=…` shows on its own.

use super::view::{SeverityLabel, estimate_text};
use super::words::{carrier_name, phase_label, state_sentence};
use crate::api::Api;
use crate::i18n::use_i18n;
use crate::ui::{ErrorNotice, Loading};
use leptos::prelude::*;
use vitrina_core::api::{Phase, Severity, Shipment};
use vitrina_core::routes::Page;

/// Every shipment of one order, each with where it stands and a link to its journey.
#[component]
pub fn OrderShipments(
    /// The order's number.
    #[prop(into)]
    order_number: String,
    /// The order's access token (the store's own orders need it).
    #[prop(default = None)]
    token: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let order = order_number.clone();
    let list = LocalResource::new(move || {
        let api = api.clone();
        let order = order.clone();
        let token = token.clone();
        async move { api.order_shipments(&order, token.as_deref()).await }
    });
    let title_order = super::clip(&order_number, 64);
    view! {
        <section class="order-shipments" aria-labelledby="order-shipments-heading">
            <h2 id="order-shipments-heading">{move || i18n.tf("track.order.title", &[("order", &title_order)])}</h2>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || list.get().map(|result| match result {
                    Ok(l) if l.shipments.is_empty() => view! { <p>{i18n.text("track.order.none")}</p> }.into_any(),
                    Ok(l) => view! {
                        <ul class="order-shipments__list">
                            {l.shipments.into_iter().map(|s| view! { <OrderShipmentRow shipment=s/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e on_retry=move || list.refetch()/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn OrderShipmentRow(shipment: Shipment) -> impl IntoView {
    let i18n = use_i18n();
    let s = shipment;
    let href = Page::Tracking { number: s.tracking_number.clone() }.href();
    let number = super::clip(&s.tracking_number, 60);
    let carrier = carrier_name(&i18n, &s);
    let phase = s.current.phase;
    let severity = s.current.severity;
    let summary = {
        let s = s.clone();
        move || {
            let sentence = state_sentence(&i18n, &s);
            match (phase, estimate_text(&i18n, &s)) {
                (Phase::Delivered, _) | (_, None) => sentence,
                (_, Some(dates)) => format!("{sentence} {}", i18n.tf("track.estimated_delivery", &[("dates", &dates)])),
            }
        }
    };
    view! {
        <li class="order-shipment" data-testid="order-shipment">
            <p class="order-shipment__head">
                <a href=href>{number}</a>
                <span class="muted">" · " {carrier}</span>
            </p>
            <p>
                <span class="event__phase">{move || phase_label(&i18n, phase)}</span>
                {(severity != Severity::Normal && severity != Severity::Unknown).then(|| view! { " " <SeverityLabel severity=severity/> })}
            </p>
            <p>{summary}</p>
        </li>
    }
}
