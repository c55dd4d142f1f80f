//! `/checkout/review`: everything on one screen with a way back to each step, the consents, the
//! store's order limits explained before the button, and placing the order exactly once.

use super::delivery::date_range_text;
use super::payment::promo_message;
use crate::api::{Api, ApiError};
use crate::checkout::cart_store::CartStore;
use crate::checkout::layout::{CheckoutLayout, Step};
use crate::checkout::quote::QuoteView;
use crate::checkout::state::CheckoutState;
use crate::i18n::use_i18n;
use crate::ui::intl::{format_date, format_money, region_name};
use crate::ui::words::{delivery_kind_label, payment_label};
use crate::ui::{CheckboxField, ErrorNotice, ErrorSummary, Loading, MoneyText, PageHeading, SummaryEntry, TotalsTable, validation_message};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use vitrina_core::api::{LimitStatus, PlaceOrder, PromoStatus, Quote};
use vitrina_core::routes::Page;
use vitrina_core::{FieldError, Money, ProblemKind};

/// Why the button cannot place the order right now (the first reason that applies).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Blocked {
    Checking,
    BelowMinimum,
    AboveMaximum,
    Consents,
    ConfirmTotal,
    Placing,
}

/// The step a field of the order belongs to, for "edit" links from the error summary.
fn step_of(field: &str) -> Step {
    match field.split('.').next().unwrap_or("") {
        "contact" | "recipient" => Step::Contact,
        "address" | "delivery" => Step::Delivery,
        "payment_method" | "promo_code" => Step::Payment,
        "cart" => Step::Cart,
        _ => Step::Review,
    }
}

#[component]
pub fn ReviewStep() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let state = expect_context::<CheckoutState>();
    let cart = expect_context::<CartStore>();
    let navigate = use_navigate();
    let quote = QuoteView::new(|e, cart_id| e.draft(cart_id));
    // The total the shopper has seen and accepts; a later, different total must be confirmed.
    let accepted = RwSignal::new(None::<Money>);
    Effect::new(move |_| {
        if let Some(q) = quote.quote.get()
            && accepted.get_untracked().is_none()
        {
            accepted.set(Some(q.totals.total));
        }
    });
    let current_total = move || quote.quote.with(|q| q.as_ref().map(|q| q.totals.total.clone()));
    let total_changed = move || matches!((accepted.get(), current_total()), (Some(a), Some(c)) if a != c);
    let placing = RwSignal::new(false);
    let place_error = RwSignal::new(None::<ApiError>);
    let server_errors = RwSignal::new(Vec::<FieldError>::new());
    let attempts = RwSignal::new(0u32);

    let blocked = Memo::new(move |_| {
        if placing.get() {
            return Some(Blocked::Placing);
        }
        let Some(q) = quote.quote.get() else { return Some(Blocked::Checking) };
        if quote.pending.get() {
            return Some(Blocked::Checking);
        }
        match q.limits.status {
            LimitStatus::BelowMinimum => return Some(Blocked::BelowMinimum),
            LimitStatus::AboveMaximum => return Some(Blocked::AboveMaximum),
            _ => {}
        }
        if !state.entries.with(|e| e.accept_terms && e.personal_data) {
            return Some(Blocked::Consents);
        }
        if total_changed() {
            return Some(Blocked::ConfirmTotal);
        }
        None
    });
    let blocked_text = move || {
        let q = quote.quote.get();
        blocked.get().map(|b| match b {
            Blocked::Checking => i18n.t("review.blocked.checking"),
            Blocked::Placing => i18n.t("review.blocked.placing"),
            Blocked::Consents => i18n.t("review.blocked.consents"),
            Blocked::ConfirmTotal => i18n.t("review.blocked.confirm_total"),
            Blocked::BelowMinimum | Blocked::AboveMaximum => q.map(|q| limit_text(&i18n, &q)).unwrap_or_default(),
        })
    };

    let place = Callback::new(move |()| {
        // The quote's cart: a second tab whose cart was just ordered by the first still places (and
        // gets that same order back).
        let Some(cart_id) = quote.quote.with_untracked(|q| q.as_ref().map(|q| q.cart.id.clone())) else { return };
        let Some(expected) = accepted.get_untracked() else { return };
        placing.set(true);
        place_error.set(None);
        server_errors.set(Vec::new());
        attempts.update(|n| *n += 1);
        let api = api.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            let entries = state.entries.get_untracked();
            let draft = entries.draft(&cart_id);
            // The total is checked with the backend once more, right before placing.
            match api.quote(&draft).await {
                Ok(fresh) if fresh.totals.total != expected => {
                    quote.quote.set(Some(fresh));
                    placing.set(false);
                    return;
                }
                Ok(fresh) => quote.quote.set(Some(fresh)),
                Err(e) => {
                    place_error.set(Some(e));
                    placing.set(false);
                    return;
                }
            }
            let terms = quote.quote.try_with_untracked(|q| q.as_ref().map(|q| q.terms_version.clone())).flatten().unwrap_or_default();
            let body = PlaceOrder { draft, consents: entries.consents(&terms), expected_total: expected };
            let body_json = serde_json::to_string(&body).unwrap_or_default();
            // A retry of this same order reuses its key; a changed order is a new attempt.
            let key = match entries.attempt {
                Some((key, json)) if json == body_json => key,
                _ => {
                    let key = crate::api::random_key();
                    state.entries.update(|e| e.attempt = Some((key.clone(), body_json)));
                    key
                }
            };
            match api.place_order(&body, &key).await {
                Ok(placed) => {
                    state.clear();
                    cart.finished();
                    let order_url = Page::Order { number: placed.number.clone(), token: placed.access_token.clone() }.href();
                    // Off to the payment page when there is one; its address must be a web page.
                    // Otherwise (or if it is not) the order's page, which can start the payment again.
                    let gateway = placed.payment.redirect_url.as_deref().and_then(|url| api.web_page(url));
                    match gateway.zip(web_sys::window()) {
                        Some((url, window)) => {
                            let _ = window.location().assign(&url);
                        }
                        None => navigate(&order_url, Default::default()),
                    }
                }
                Err(e) => {
                    match e.problem_kind() {
                        Some(ProblemKind::PriceChanged) => quote.retry(),
                        Some(ProblemKind::Validation) => server_errors.set(e.problem().map(|p| p.errors.clone()).unwrap_or_default()),
                        _ => {}
                    }
                    if e.problem_kind() != Some(ProblemKind::Validation) {
                        place_error.set(Some(e));
                    }
                    placing.set(false);
                }
            }
        });
    });
    // Pressed while the latest prices are still being checked: place as soon as they are in.
    let place_when_checked = quote.when_settled(move || {
        if blocked.get_untracked().is_none() {
            place.run(());
        }
    });
    let press = move || match blocked.get_untracked() {
        None => place.run(()),
        Some(Blocked::Checking) => place_when_checked.run(()),
        Some(_) => {}
    };
    let summary = Signal::derive(move || {
        server_errors
            .get()
            .into_iter()
            .map(|e| SummaryEntry {
                field_id: format!("edit-{}", step_of(&e.field).page().href().trim_start_matches('/').replace('/', "-")),
                message: validation_message(&i18n, &e.code),
            })
            .collect::<Vec<_>>()
    });

    view! {
        <CheckoutLayout step=Step::Review quote=quote>
            <PageHeading key="checkout.review.title"/>
            <ErrorSummary entries=summary attempt=attempts/>
            {move || quote.error.get().map(|e| view! { <ErrorNotice error=e on_retry=move || quote.retry()/> })}
            {move || match quote.quote.get() {
                None if quote.loading() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(q) => view! { <ReviewSections quote=q/> }.into_any(),
            }}
            <section class="review__section" aria-labelledby="consents-heading">
                <h2 id="consents-heading">{move || i18n.t("review.consents")}</h2>
                <CheckboxField id="accept-terms" label="review.accept_terms" required=true
                    checked=Signal::derive(move || state.entries.with(|e| e.accept_terms))
                    on_change=Callback::new(move |v| state.entries.update(|e| e.accept_terms = v))/>
                <p class="muted field__note">{move || quote.quote.get().map(|q| view! {
                    <crate::ui::TermsLink version=q.terms_version/>
                })}</p>
                <CheckboxField id="personal-data" label="review.personal_data" required=true
                    checked=Signal::derive(move || state.entries.with(|e| e.personal_data))
                    on_change=Callback::new(move |v| state.entries.update(|e| e.personal_data = v))/>
                <CheckboxField id="marketing" label="review.marketing"
                    checked=Signal::derive(move || state.entries.with(|e| e.marketing))
                    on_change=Callback::new(move |v| state.entries.update(|e| e.marketing = v))/>
            </section>
            {move || total_changed().then(|| {
                let old = accepted.get().map(|m| format_money(&m, i18n.get())).unwrap_or_default();
                let new = current_total().map(|m| format_money(&m, i18n.get())).unwrap_or_default();
                view! {
                    <div class="notice notice--warning" role="alert" data-testid="price-changed">
                        <p>{i18n.tf("review.total_changed", &[("old", &old), ("new", &new)])}</p>
                        <button type="button" class="button button--secondary" on:click=move |_| accepted.set(current_total())>
                            {i18n.tf("review.confirm_total", &[("total", &new)])}
                        </button>
                    </div>
                }
            })}
            {move || place_error.get().map(|e| match too_many_orders(&e) {
                // The store's limit on new orders: say how long, in the shopper's words; pressing
                // "Place order" again then works (the entries are kept).
                Some(minutes) => view! {
                    <div class="notice notice--error" role="alert" data-testid="too-many-orders">
                        <p>{i18n.tp("review.too_many_orders", minutes)}</p>
                    </div>
                }.into_any(),
                None => view! { <ErrorNotice error=e on_retry=move || place.run(())/> }.into_any(),
            })}
            <div class="review__place">
                <button type="button" class="button button--primary button--large" data-testid="place-order"
                    aria-disabled=move || if blocked.get().is_some() { "true" } else { "false" }
                    aria-describedby="place-order-reason"
                    on:click=move |_| press()>
                    {move || if placing.get() { i18n.t("review.placing") } else { i18n.t("review.place") }}
                    {move || current_total().map(|t| view! { " · " <MoneyText money=t/> })}
                </button>
                <p id="place-order-reason" class="review__reason" aria-live="polite">{blocked_text}</p>
            </div>
        </CheckoutLayout>
    }
}

/// Minutes until another order may be placed, when placing was refused for too many orders.
fn too_many_orders(error: &ApiError) -> Option<i64> {
    (error.status() == Some(429)).then(|| error.retry_after_seconds().unwrap_or(60).div_ceil(60).max(1) as i64)
}

/// The store's limits, explained: how much more is needed, or how much too much.
fn limit_text(i18n: &crate::i18n::I18n, q: &Quote) -> String {
    let locale = i18n.get();
    let basis = q.cart.subtotal.amount_minor
        - q.promo
            .as_ref()
            .filter(|p| p.status == PromoStatus::Applied && p.applies_to == Some(vitrina_core::api::PromoTarget::Items))
            .map(|p| p.saving.amount_minor)
            .unwrap_or(0);
    let currency = q.limits.min_total.currency.clone();
    match q.limits.status {
        LimitStatus::BelowMinimum => {
            let missing = Money { amount_minor: q.limits.min_total.amount_minor - basis, currency };
            i18n.tf(
                "review.below_minimum",
                &[("min", &format_money(&q.limits.min_total, locale)), ("missing", &format_money(&missing, locale))],
            )
        }
        LimitStatus::AboveMaximum => {
            let excess = Money { amount_minor: basis - q.limits.max_total.amount_minor, currency };
            i18n.tf(
                "review.above_maximum",
                &[("max", &format_money(&q.limits.max_total, locale)), ("excess", &format_money(&excess, locale))],
            )
        }
        _ => String::new(),
    }
}

/// Contact, delivery, payment and items, each with a way back to change it.
#[component]
fn ReviewSections(quote: Quote) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<CheckoutState>();
    let e = state.entries.get_untracked();
    let option = e.delivery_option.as_ref().and_then(|id| quote.delivery_options.iter().find(|o| &o.id == id)).cloned();
    let method = e.payment_method.as_ref().and_then(|id| quote.payment_methods.iter().find(|m| &m.id == id)).cloned();
    let point = option.as_ref().and_then(|o| e.pickup_point.as_ref().and_then(|id| o.pickup_points.iter().find(|p| &p.id == id))).cloned();
    let window = option.as_ref().and_then(|o| e.time_window.as_ref().and_then(|id| o.time_windows.iter().find(|w| &w.id == id))).cloned();
    let address = format!("{}, {}, {}", e.line.trim(), e.city.trim(), e.postcode.trim());
    let country = e.country.clone();
    let totals = quote.totals.clone();
    let promo = quote.promo.clone();
    let promo_code = promo.as_ref().filter(|p| p.status == PromoStatus::Applied).map(|p| p.code.clone());
    let limits_explained = quote.limits.status != LimitStatus::Ok;
    let limit = limits_explained.then(|| limit_text(&i18n, &quote));
    let edit = move |step: Step, key: &'static str| {
        let id = format!("edit-{}", step.page().href().trim_start_matches('/').replace('/', "-"));
        view! { <A href=step.page().href() attr:id=id attr:class="review__edit">{move || i18n.t(key)}</A> }
    };
    view! {
        <section class="review__section" aria-labelledby="review-contact">
            <div class="review__head"><h2 id="review-contact">{move || i18n.t("review.contact")}</h2>{edit(Step::Contact, "review.edit_contact")}</div>
            // Phones as the store read them (`8 912…` shown back as `+7 912…`), else as typed.
            <p data-testid="review-contact">{e.name.clone()} <br/> {e.email.clone()} <br/> {quote.contact_phone.clone().unwrap_or(e.phone.clone())}</p>
            {e.someone_else.then(|| view! { <p>{move || i18n.t("review.recipient")} ": " {e.recipient_name.clone()} ", " {quote.recipient_phone.clone().unwrap_or(e.recipient_phone.clone())}</p> })}
        </section>
        <section class="review__section" aria-labelledby="review-delivery">
            <div class="review__head"><h2 id="review-delivery">{move || i18n.t("review.delivery")}</h2>{edit(Step::Delivery, "review.edit_delivery")}</div>
            <p data-testid="review-address">{address} <br/> {move || region_name(&country, i18n.get())}</p>
            {option.map(|o| {
                let kind = o.kind;
                let carrier = o.carrier.clone();
                let range = { let o = o.clone(); move || date_range_text(&i18n, &o) };
                view! {
                    <p data-testid="review-delivery-method">{move || delivery_kind_label(&i18n, kind)} " · " {carrier} <br/> {range}</p>
                    {e.delivery_date.clone().filter(|_| !o.dates.is_empty()).map(|d| view! {
                        <p>{move || format_date(&d, i18n.get(), "full")} {window.clone().map(|w| format!(", {}–{}", w.from, w.to))}</p>
                    })}
                    {point.map(|p| { let days = i64::from(p.storage_days); view! {
                        <p>{p.name} <br/> {p.address} <br/> {p.opening_hours} <br/> {move || i18n.tp("delivery.storage", days)}</p>
                    }})}
                }
            })}
        </section>
        <section class="review__section" aria-labelledby="review-payment">
            <div class="review__head"><h2 id="review-payment">{move || i18n.t("review.payment")}</h2>{edit(Step::Payment, "review.edit_payment")}</div>
            <p data-testid="review-payment-method">{method.map(|m| { let kind = m.kind; move || payment_label(&i18n, kind) })}</p>
            {promo.map(|p| view! { <p>{move || promo_message(&i18n, &p)}</p> })}
        </section>
        <section class="review__section" aria-labelledby="review-items">
            <div class="review__head"><h2 id="review-items">{move || i18n.t("review.items")}</h2>{edit(Step::Cart, "review.edit_cart")}</div>
            <ul class="review__items">
                {quote.cart.lines.into_iter().map(|l| view! {
                    <li><span>{l.name} {(!l.variant_label.is_empty()).then(|| format!(" · {}", l.variant_label))} " × " {l.quantity}</span> <MoneyText money=l.line_total/></li>
                }).collect_view()}
            </ul>
            <TotalsTable totals=totals promo_code=promo_code/>
            {limit.map(|text| view! { <p class="notice notice--warning" data-testid="order-limit">{text}</p> })}
        </section>
    }
}
