//! `/orders/lookup`: a guest finds an order by its number and the email it was placed with.

use crate::api::{Api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::{ErrorNotice, ErrorSummary, PageHeading, SummaryEntry, TextField, validation_message};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use vitrina_core::routes::Page;
use vitrina_core::validate;

#[component]
pub fn LookupPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let order_number = expect_context::<crate::ui::StoreInfo>().config.order_number.clone();
    let navigate = use_navigate();
    let number = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let attempts = RwSignal::new(0u32);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let errors = Memo::new(move |_| {
        let mut errors = Vec::new();
        let n = number.get();
        if n.trim().is_empty() {
            errors.push(("order-number", "required"));
        } else if !order_number.accepts(n.trim().trim_start_matches('#')) {
            errors.push(("order-number", "invalid_order_number"));
        }
        if let Err(code) = validate::email(&email.get()) {
            errors.push(("order-email", code));
        }
        errors
    });
    let message = move |field: &'static str| {
        Signal::derive(move || {
            (attempts.get() > 0)
                .then(|| errors.get().into_iter().find(|(f, _)| *f == field).map(|(_, c)| validation_message(&i18n, c)))
                .flatten()
        })
    };
    let summary = Signal::derive(move || {
        if attempts.get() == 0 {
            return Vec::new();
        }
        errors.get().into_iter().map(|(f, c)| SummaryEntry { field_id: f.into(), message: validation_message(&i18n, c) }).collect()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempts.update(|n| *n += 1);
        if !errors.get_untracked().is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let api = api.clone();
        let navigate = navigate.clone();
        let (n, e) = (number.get_untracked().trim().trim_start_matches('#').to_owned(), email.get_untracked().trim().to_owned());
        spawn_local(async move {
            match api.lookup_order(&n, &e).await {
                Ok(access) => navigate(&Page::Order { number: access.number, token: access.access_token }.href(), Default::default()),
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="page page--narrow">
            <PageHeading key="lookup.title"/>
            <p>{move || i18n.t("lookup.intro")}</p>
            <form class="form" novalidate on:submit=submit>
                <ErrorSummary entries=summary attempt=attempts/>
                <TextField id="order-number" label="lookup.number" hint="lookup.number_hint" value=number error=message("order-number")
                    inputmode="numeric" autocomplete="off" required=true maxlength=20u32/>
                <TextField id="order-email" label="lookup.email" value=email error=message("order-email")
                    input_type="email" inputmode="email" autocomplete="email" required=true maxlength=254u32/>
                <div aria-live="polite">
                    {move || failure.get().map(|e| match e.status() {
                        Some(404) => view! { <div class="notice notice--error" role="alert"><p>{i18n.t("lookup.not_found")}</p></div> }.into_any(),
                        _ => view! { <ErrorNotice error=e/> }.into_any(),
                    })}
                </div>
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || busy.get()>{move || i18n.t("lookup.submit")}</button>
                </div>
            </form>
        </section>
    }
}
