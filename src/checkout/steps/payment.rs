//! `/checkout/payment`: the ways to pay the backend offers for this order now, and the promo code.

use super::{message, summary};
use crate::checkout::layout::{CheckoutLayout, Step};
use crate::checkout::quote::QuoteView;
use crate::checkout::state::CheckoutState;
use crate::i18n::{I18n, use_i18n};
use crate::router::use_navigate;
use crate::ui::words::payment_label;
use crate::ui::{ErrorNotice, ErrorSummary, FieldLayout, FormField, Loading, MoneyText, PageHeading, Radio, TextInput, Touched};
use leptos::prelude::*;
use vitrina_core::api::{PaymentKind, PaymentMethod, PromoResult, PromoStatus, PromoTarget};
use vitrina_core::checkout::EntryField;
use vitrina_core::checkout::entries::EntriesStoreFields;

fn payment_hint(i18n: &I18n, kind: PaymentKind) -> String {
    match kind {
        PaymentKind::CardOnline => i18n.t("payment.hint.card_online"),
        PaymentKind::CashOnDelivery => i18n.t("payment.hint.cash_on_delivery"),
        PaymentKind::CardOnDelivery => i18n.t("payment.hint.card_on_delivery"),
        PaymentKind::Unknown => String::new(),
    }
}

/// The payment step's form.
#[component]
pub fn PaymentStep() -> impl IntoView {
    let i18n = use_i18n();
    let entries = expect_context::<CheckoutState>().entries;
    let navigate = use_navigate();
    let touched = Touched::new();
    let quote = QuoteView::new(|e, cart_id| e.draft(cart_id));
    let errors = Memo::new(move |_| quote.quote.with(|q| entries.with(|e| e.payment_errors(q.as_ref()))));
    let chosen = entries.payment_method();
    // A choice the backend no longer offers (e.g. after the total grew) is dropped.
    Effect::new(move |_| {
        let Some(q) = quote.quote.get() else { return };
        if quote.pending.get() {
            return;
        }
        if let Some(id) = chosen.get_untracked()
            && !q.payment_methods.iter().any(|m| m.id == id)
        {
            chosen.set(None);
        }
    });
    let proceed = quote.when_settled(move || {
        touched.attempt();
        let ready = quote.quote.with_untracked(|q| q.is_some()) && errors.with_untracked(Vec::is_empty);
        if ready && chosen.with_untracked(Option::is_some) {
            navigate.push(&Step::Review.page().href());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        proceed.run(());
    };
    let error = Signal::derive(move || errors.with(|e| message(&i18n, touched, e, EntryField::PaymentMethod)));
    view! {
        <CheckoutLayout step=Step::Payment quote=quote>
            <PageHeading key="checkout.payment.title"/>
            <form class="form" novalidate on:submit=on_submit>
                <ErrorSummary entries=Signal::derive(move || errors.with(|e| summary(&i18n, touched, e))) attempt=touched.attempts()/>
                <FormField id="payment-methods" name="payment-method" label="payment.method" layout=FieldLayout::Group error=error>
                    {move || {
                        if let Some(e) = quote.error.get() {
                            return view! { <ErrorNotice error=e on_retry=move || quote.retry()/> }.into_any();
                        }
                        match quote.quote.get() {
                            None if quote.loading() => view! { <Loading/> }.into_any(),
                            None => ().into_any(),
                            Some(q) => q.payment_methods.into_iter().map(|m| {
                                let id = m.id.clone();
                                let checked = { let id = id.clone(); Signal::derive(move || chosen.with(|c| c.as_deref() == Some(id.as_str()))) };
                                view! { <PaymentChoice method=m checked=checked on_select=Callback::new(move |()| chosen.set(Some(id.clone())))/> }
                            }).collect_view().into_any(),
                        }
                    }}
                    <p class="muted">{i18n.text("payment.no_card_here")}</p>
                </FormField>
                <PromoCode quote=quote/>
                <div class="form__actions">
                    <button type="submit" class="button button--primary">{i18n.text("checkout.payment.continue")}</button>
                </div>
            </form>
        </CheckoutLayout>
    }
}

/// One way to pay: a radio with the method's name and line as the backend words them, or the
/// app's words for its kind when it sends none. A kind the app does not know is offered too.
#[component]
pub fn PaymentChoice(
    /// The method as offered.
    method: PaymentMethod,
    /// Whether it is the one chosen.
    #[prop(into)]
    checked: Signal<bool>,
    /// Chooses it.
    on_select: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let input_id = format!("payment-{}", method.id);
    let PaymentMethod { id, kind, name, description } = method;
    let title = move || name.clone().unwrap_or_else(|| payment_label(&i18n, kind));
    let line = move || description.clone().unwrap_or_else(|| payment_hint(&i18n, kind));
    view! {
        <div class="choice" data-testid="payment-method">
            <Radio id=input_id.clone() value=id checked=checked on_select=on_select/>
            <label for=input_id class="choice__label">
                <span class="choice__title">{title}</span>
                <span class="choice__meta">{line}</span>
            </label>
        </div>
    }
}

/// What the backend said about the promo code, in words.
pub(crate) fn promo_message(i18n: &I18n, promo: &PromoResult) -> String {
    match (promo.status, promo.applies_to) {
        (PromoStatus::Applied, Some(PromoTarget::Delivery)) => i18n.tf("promo.applied_delivery", &[("code", &promo.code)]),
        (PromoStatus::Applied, _) => i18n.tf("promo.applied_items", &[("code", &promo.code)]),
        (PromoStatus::Expired, _) => i18n.tf("promo.expired", &[("code", &promo.code)]),
        (PromoStatus::NotApplicable, _) => i18n.tf("promo.not_applicable", &[("code", &promo.code)]),
        _ => i18n.tf("promo.invalid", &[("code", &promo.code)]),
    }
}

/// Apply or remove a promo code; the backend says whether it counts and what it saves.
#[component]
pub(crate) fn PromoCode(quote: QuoteView) -> impl IntoView {
    let i18n = use_i18n();
    let promo_code = expect_context::<CheckoutState>().entries.promo_code();
    // What is typed before "Apply" is not an entry yet.
    let typed = RwSignal::new(String::new());
    let applied = move || promo_code.get();
    let apply = move |_| {
        let code = vitrina_core::text::uppercase(typed.get_untracked().trim());
        if !code.is_empty() {
            promo_code.set(Some(code));
            typed.set(String::new());
        }
    };
    let remove = move |_| promo_code.set(None);
    let result = move || {
        let code = applied()?;
        let promo = quote.quote.get()?.promo?;
        (promo.code == code && !quote.pending.get()).then_some(promo)
    };
    view! {
        <fieldset class="fieldset promo">
            <legend>{i18n.text("promo.title")}</legend>
            {move || match applied() {
                None => view! {
                    <FormField id="promo-code" label="promo.label" class="promo__entry">
                        <div class="promo__row">
                            <TextInput value=typed maxlength=40 attr:autocapitalize="characters"
                                on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); apply(()) }/>
                            <button type="button" class="button button--secondary" on:click=move |_| apply(())>{i18n.text("promo.apply")}</button>
                        </div>
                    </FormField>
                }.into_any(),
                Some(code) => view! {
                    <div class="promo__applied">
                        <p role="status" data-testid="promo-status">{move || match result() {
                            Some(promo) => {
                                let saving = (promo.status == PromoStatus::Applied).then(|| promo.saving.clone());
                                view! {
                                    <span class:promo--bad=promo.status != PromoStatus::Applied>{promo_message(&i18n, &promo)}</span>
                                    {saving.map(|s| view! { " " <MoneyText money=s/> })}
                                }.into_any()
                            }
                            None => view! { <span class="muted">{i18n.tf("promo.checking", &[("code", &code)])}</span> }.into_any(),
                        }}</p>
                        <button type="button" class="button button--link" on:click=remove>{i18n.text("promo.remove")}</button>
                    </div>
                }.into_any(),
            }}
        </fieldset>
    }
}
