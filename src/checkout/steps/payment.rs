//! `/checkout/payment`: the ways to pay the backend offers for this order now, and the promo code.

use super::Shown;
use crate::checkout::layout::{CheckoutLayout, Step};
use crate::checkout::quote::QuoteView;
use crate::checkout::state::CheckoutState;
use crate::i18n::{I18n, use_i18n};
use crate::ui::words::payment_label;
use crate::ui::{ErrorNotice, ErrorSummary, Loading, MoneyText, PageHeading};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use vitrina_core::api::{PaymentKind, PromoResult, PromoStatus, PromoTarget};

fn payment_hint(i18n: &I18n, kind: PaymentKind) -> String {
    match kind {
        PaymentKind::CardOnline => i18n.t("payment.hint.card_online"),
        PaymentKind::CashOnDelivery => i18n.t("payment.hint.cash_on_delivery"),
        PaymentKind::CardOnDelivery => i18n.t("payment.hint.card_on_delivery"),
        PaymentKind::Unknown => String::new(),
    }
}

#[component]
pub fn PaymentStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<CheckoutState>();
    let navigate = use_navigate();
    let shown = Shown::new();
    let quote = QuoteView::new(|e, cart_id| e.draft(cart_id));
    let errors = Memo::new(move |_| {
        let methods = quote.quote.get().map(|q| q.payment_methods).unwrap_or_default();
        let chosen = state.entries.with(|e| e.payment_method.clone());
        match chosen {
            Some(id) if methods.iter().any(|m| m.id == id) => Vec::new(),
            _ if methods.is_empty() => Vec::new(),
            _ => vec![("payment-methods", "required")],
        }
    });
    // A choice the backend no longer offers (e.g. after the total grew) is dropped.
    Effect::new(move |_| {
        let Some(q) = quote.quote.get() else { return };
        if quote.pending.get() {
            return;
        }
        let chosen = state.entries.with_untracked(|e| e.payment_method.clone());
        if let Some(id) = chosen
            && !q.payment_methods.iter().any(|m| m.id == id)
        {
            state.entries.update(|e| e.payment_method = None);
        }
    });
    let proceed = quote.when_settled(move || {
        shown.attempts.update(|n| *n += 1);
        let ready = quote.quote.with_untracked(|q| q.is_some()) && errors.get_untracked().is_empty();
        if ready && state.entries.with_untracked(|e| e.payment_method.is_some()) {
            navigate(&Step::Review.page().href(), Default::default());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        proceed.run(());
    };
    view! {
        <CheckoutLayout step=Step::Payment quote=quote>
            <PageHeading key="checkout.payment.title"/>
            <form class="form" novalidate on:submit=on_submit>
                <ErrorSummary entries=Signal::derive(move || errors.with(|e| shown.summary(&i18n, e))) attempt=shown.attempts/>
                <fieldset class="fieldset" id="payment-methods" tabindex="-1">
                    <legend>{move || i18n.t("payment.method")}</legend>
                    {move || {
                        if let Some(e) = quote.error.get() {
                            return view! { <ErrorNotice error=e on_retry=move || quote.retry()/> }.into_any();
                        }
                        match quote.quote.get() {
                            None if quote.loading() => view! { <Loading/> }.into_any(),
                            None => ().into_any(),
                            Some(q) => q.payment_methods.into_iter().map(|m| {
                                let input_id = format!("payment-{}", m.id);
                                let id = m.id.clone();
                                let checked = { let id = id.clone(); move || state.entries.with(|e| e.payment_method.as_deref() == Some(id.as_str())) };
                                let kind = m.kind;
                                view! {
                                    <div class="choice" data-testid="payment-method">
                                        <input type="radio" name="payment-method" id=input_id.clone() prop:checked=checked
                                            on:change=move |_| state.entries.update(|e| e.payment_method = Some(id.clone()))/>
                                        <label for=input_id class="choice__label">
                                            <span class="choice__title">{move || payment_label(&i18n, kind)}</span>
                                            <span class="choice__meta">{move || payment_hint(&i18n, kind)}</span>
                                        </label>
                                    </div>
                                }
                            }).collect_view().into_any(),
                        }
                    }}
                    {move || errors.with(|e| shown.message(&i18n, e, "payment-methods")).map(|m| view! { <p class="field__error">{m}</p> })}
                    <p class="muted">{move || i18n.t("payment.no_card_here")}</p>
                </fieldset>
                <PromoCode quote=quote/>
                <div class="form__actions">
                    <button type="submit" class="button button--primary">{move || i18n.t("checkout.payment.continue")}</button>
                </div>
            </form>
        </CheckoutLayout>
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
    let state = expect_context::<CheckoutState>();
    let typed = RwSignal::new(String::new());
    let applied = move || state.entries.with(|e| e.promo_code.clone());
    let apply = move |_| {
        let code = typed.get_untracked().trim().to_uppercase();
        if !code.is_empty() {
            state.entries.update(|e| e.promo_code = Some(code));
            typed.set(String::new());
        }
    };
    let remove = move |_| state.entries.update(|e| e.promo_code = None);
    let result = move || {
        let code = applied()?;
        let promo = quote.quote.get()?.promo?;
        (promo.code == code && !quote.pending.get()).then_some(promo)
    };
    view! {
        <fieldset class="fieldset promo">
            <legend>{move || i18n.t("promo.title")}</legend>
            {move || match applied() {
                None => view! {
                    <div class="promo__entry">
                        <label class="field__label" for="promo-code">{move || i18n.t("promo.label")}</label>
                        <div class="promo__row">
                            <input id="promo-code" class="field__input" autocomplete="off" autocapitalize="characters" inputmode="text" maxlength="40"
                                prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))
                                on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); apply(()) }/>
                            <button type="button" class="button button--secondary" on:click=move |_| apply(())>{move || i18n.t("promo.apply")}</button>
                        </div>
                    </div>
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
                        <button type="button" class="button button--link" on:click=remove>{move || i18n.t("promo.remove")}</button>
                    </div>
                }.into_any(),
            }}
        </fieldset>
    }
}
