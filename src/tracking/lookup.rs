//! `/track`: the lookup form, and an order's shipments together when the URL names the order
//! (`/track?order=…`, the link an order page gives).

use super::order::OrderShipments;
use crate::i18n::use_i18n;
use crate::router::{use_address, use_navigate};
use crate::ui::{ErrorSummary, FormField, PageHeading, SummaryEntry, TextInput, field_code_words};
use leptos::prelude::*;
use vitrina_core::FieldCode;
use vitrina_core::routes::Page;
use vitrina_core::tracking::tracking_number;

/// The field's id (the error summary links to it).
const FIELD_ID: &str = "tracking-number";

#[component]
pub fn TrackLookupPage() -> impl IntoView {
    let i18n = use_i18n();
    // An order's shipments (`Page::OrderTracking`): its number, and the token that opens it
    // when the link has one.
    let address = use_address(|page| match page {
        Page::OrderTracking { order, token } => Some(Some((order.clone(), token.clone()))),
        Page::TrackLookup => Some(None),
        _ => None,
    });
    let order = move || address.with(|a| a.as_ref().map(|(order, _)| order.trim()).filter(|o| !o.is_empty()).map(str::to_owned));
    view! {
        <section class="page page--narrow track-lookup">
            <PageHeading key="track.title"/>
            <p class="muted">{i18n.text("track.lookup.intro")}</p>
            <LookupForm/>
            {move || order().map(|o| {
                let token = address.with_untracked(|a| a.as_ref().and_then(|(_, token)| token.clone()));
                view! { <OrderShipments order_number=o token=token/> }
            })}
        </section>
    }
}

/// A labelled tracking-number field: a malformed number is explained at the field (and in the
/// summary, which takes focus); a well-formed one opens its tracking page.
#[component]
pub fn LookupForm(
    /// What the field starts with (the number the shopper tried).
    #[prop(optional, into)]
    initial: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let value = RwSignal::new(initial);
    let problem = RwSignal::new(None::<FieldCode>);
    let attempt = RwSignal::new(0u32);
    // An empty field is asked for by name ("Enter a tracking number"), not "Fill this in".
    let message = Signal::derive(move || {
        problem.get().map(|code| if code == FieldCode::Required { i18n.t("track.lookup.required") } else { field_code_words(&i18n, code) })
    });
    let entries =
        Signal::derive(move || message.get().map(|message| vec![SummaryEntry { field_id: FIELD_ID.into(), message }]).unwrap_or_default());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match tracking_number(&value.get_untracked()) {
            Ok(number) => {
                problem.set(None);
                navigate.push(&Page::Tracking { number }.href());
            }
            Err(c) => {
                problem.set(Some(c));
                attempt.update(|a| *a += 1);
            }
        }
    };
    // Once a problem is shown, leaving the field checks again (so a fix clears it at once).
    let on_blur = Callback::new(move |_| {
        if problem.get_untracked().is_some() {
            problem.set(tracking_number(&value.get_untracked()).err());
        }
    });
    view! {
        <form class="track-lookup__form" novalidate on:submit=on_submit>
            <ErrorSummary entries=entries attempt=attempt/>
            <FormField id=FIELD_ID label="track.lookup.label" hint="track.lookup.hint" error=message required=true on_blur=on_blur>
                <TextInput value=value maxlength=60/>
            </FormField>
            <button type="submit" class="button button--primary">{i18n.text("track.lookup.submit")}</button>
        </form>
    }
}
