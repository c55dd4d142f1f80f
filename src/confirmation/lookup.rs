//! `/orders/lookup`: a guest finds an order by its number and the email it was placed with.

use crate::api::Api;
use crate::i18n::use_i18n;
use crate::router::use_navigate;
use crate::ui::{ErrorNotice, ErrorSummary, FormField, PageHeading, SummaryEntry, TextInput, Touched, field_code_words};
use leptos::prelude::*;
use vitrina_core::api::{OrderNumberCharacters, OrderNumberFormat};
use vitrina_core::routes::Page;
use vitrina_core::{FieldCode, field};

/// What is wrong with the number and the address, by field id.
fn lookup_errors(format: &OrderNumberFormat, number: &str, email: &str) -> Vec<(&'static str, FieldCode)> {
    let mut errors = Vec::new();
    if number.trim().is_empty() {
        errors.push(("order-number", FieldCode::Required));
    } else if !format.accepts(number.trim().trim_start_matches('#')) {
        errors.push(("order-number", FieldCode::InvalidOrderNumber));
    }
    if let Err(code) = field::email(email) {
        errors.push(("order-email", code));
    }
    errors
}

#[component]
pub fn LookupPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let order_number = expect_context::<crate::ui::StoreInfo>().config.order_number.clone();
    let navigate = use_navigate();
    let number = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let touched = Touched::new();
    // The store's own numbers: one as the example, a numeric keyboard only where they are digits.
    let example = {
        let example = order_number.example.clone();
        Some(Signal::derive(move || i18n.tf("lookup.number_hint", &[("example", &example)])))
    };
    let inputmode = if order_number.characters == OrderNumberCharacters::Digits { "numeric" } else { "text" };
    // With room for a `#` typed before it.
    let max_length = order_number.max_length.saturating_add(1);
    let errors = Memo::new(move |_| lookup_errors(&order_number, &number.get(), &email.get()));
    let message = move |field: &'static str| {
        Signal::derive(move || {
            touched
                .submitted()
                .then(|| errors.with(|errs| errs.iter().find(|(f, _)| *f == field).map(|(_, code)| field_code_words(&i18n, *code))))
                .flatten()
        })
    };
    let summary = Signal::derive(move || {
        if !touched.submitted() {
            return Vec::new();
        }
        errors.get().into_iter().map(|(f, code)| SummaryEntry { field_id: f.into(), message: field_code_words(&i18n, code) }).collect()
    });
    let lookup = Action::new_local(move |(n, e): &(String, String)| {
        let api = api.clone();
        let (n, e) = (n.clone(), e.clone());
        async move {
            let result = api.lookup_order(&n, &e).await;
            if let Ok(access) = &result {
                navigate.push(&Page::Order { number: access.number.clone(), token: access.access_token.clone() }.href());
            }
            result.map(drop)
        }
    });
    let busy = move || lookup.pending().get();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.attempt();
        if !errors.with_untracked(Vec::is_empty) || lookup.pending().get_untracked() {
            return;
        }
        lookup.clear();
        let (n, e) = (number.get_untracked().trim().trim_start_matches('#').to_owned(), email.get_untracked().trim().to_owned());
        lookup.dispatch_local((n, e));
    };
    view! {
        <section class="page page--narrow">
            <PageHeading key="lookup.title"/>
            <p>{i18n.text("lookup.intro")}</p>
            <form class="form" novalidate on:submit=submit>
                <ErrorSummary entries=summary attempt=touched.attempts()/>
                <FormField id="order-number" label="lookup.number" hint_text=example error=message("order-number") required=true>
                    <TextInput value=number inputmode=inputmode autocomplete="off" maxlength=max_length/>
                </FormField>
                <FormField id="order-email" label="lookup.email" error=message("order-email") required=true>
                    <TextInput value=email input_type="email" inputmode="email" autocomplete="email" maxlength=254/>
                </FormField>
                <div aria-live="polite">
                    {move || lookup.value().get().and_then(Result::err).map(|e| match e.status() {
                        Some(404) => view! { <div class="notice notice--error" role="alert"><p>{i18n.t("lookup.not_found")}</p></div> }.into_any(),
                        _ => view! { <ErrorNotice error=e/> }.into_any(),
                    })}
                </div>
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=busy>{i18n.text("lookup.submit")}</button>
                </div>
            </form>
        </section>
    }
}
