//! `/checkout/review`: everything on one screen with a way back to each step, the consents, the
//! store's order limits explained before the button, and placing the order exactly once.

use super::delivery::date_range_text;
use super::payment::promo_message;
use crate::api::Api;
use crate::checkout::cart_store::CartStore;
use crate::checkout::layout::{CheckoutLayout, Step};
use crate::checkout::place::{NotPlaced, place_order};
use crate::checkout::quote::QuoteView;
use crate::checkout::state::CheckoutState;
use crate::i18n::use_i18n;
use crate::router::{A, use_navigate};
use crate::ui::intl::{format_date, format_money, region_name};
use crate::ui::words::{delivery_kind_label, payment_label};
use crate::ui::{
    Check, ErrorNotice, ErrorSummary, FieldLayout, FormField, Loading, MoneyText, PageHeading, SummaryEntry, TotalsTable, Touched,
    field_code_words,
};
use leptos::prelude::*;
use vitrina_core::Money;
use vitrina_core::api::{LimitStatus, PromoStatus, Quote};
use vitrina_core::checkout::entries::EntriesStoreFields;
use vitrina_core::checkout::review::{Blocked, ReviewState, blocked, limit_gap, minutes_until_next_order, short_line, total_changed};
use vitrina_core::routes::Page;

/// The review step: everything entered, the consents, and the button that places the order.
#[component]
pub fn ReviewStep() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let state = expect_context::<CheckoutState>();
    let entries = state.entries;
    let cart = expect_context::<CartStore>();
    let navigate = use_navigate();
    let quote = QuoteView::new(|e, cart_id| e.draft(cart_id));
    let current_total = move || quote.quote.with(|q| q.as_ref().map(|q| q.totals.total.clone()));
    // The total the shopper accepts: the first one shown, or the one confirmed since; a later,
    // different total must be confirmed before placing.
    let confirmed = RwSignal::new(None::<Money>);
    let accepted =
        Memo::new(move |seen: Option<&Option<Money>>| confirmed.get().or_else(|| seen.cloned().flatten()).or_else(current_total));
    let total_changed = move || accepted.with(|a| total_changed(a.as_ref(), current_total().as_ref()));
    let touched = Touched::new();
    // Whether the first quote, or a failure to get it or its cart, is in.
    let answered = Memo::new(move |_| !quote.loading());

    let place = Action::new_local(move |(cart_id, accepted): &(String, Money)| {
        let (api, cart_id, accepted) = (api.clone(), cart_id.clone(), accepted.clone());
        async move {
            let placed = place_order(&api, state, quote, &cart_id, accepted, i18n.locale.get_untracked()).await?;
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
                None => navigate.push(&order_url),
            }
            Ok::<(), NotPlaced>(())
        }
    });
    // Placing, and still so while the browser leaves for the order or the payment page.
    let placing = move || place.pending().get() || place.value().with(|v| matches!(v, Some(Ok(()))));
    let blocked = Memo::new(move |_| {
        let consents_given = entries.accept_terms().get() && entries.personal_data().get();
        quote.quote.with(|q| {
            accepted.with(|accepted| {
                blocked(ReviewState {
                    placing: placing(),
                    quote: q.as_ref(),
                    quote_pending: quote.pending.get(),
                    consents_given,
                    accepted_total: accepted.as_ref(),
                })
            })
        })
    });
    let blocked_text = move || {
        blocked.get().map(|b| match b {
            Blocked::Checking => i18n.t("review.blocked.checking"),
            Blocked::Placing => i18n.t("review.blocked.placing"),
            Blocked::Consents => i18n.t("review.blocked.consents"),
            Blocked::ConfirmTotal => i18n.t("review.blocked.confirm_total"),
            Blocked::BelowMinimum | Blocked::AboveMaximum => {
                quote.quote.with(|q| q.as_ref().map(|q| limit_text(&i18n, q))).unwrap_or_default()
            }
        })
    };

    let start = Callback::new(move |()| {
        // The quote's cart: a second tab whose cart was just ordered by the first still places (and
        // gets that same order back).
        let Some(cart_id) = quote.quote.with_untracked(|q| q.as_ref().map(|q| q.cart.id.clone())) else { return };
        let Some(total) = accepted.get_untracked() else { return };
        place.clear();
        touched.attempt();
        place.dispatch_local((cart_id, total));
    });
    // Pressed while the latest prices are still being checked: place as soon as they are in.
    let place_when_checked = quote.when_settled(move || {
        if blocked.get_untracked().is_none() {
            start.run(());
        }
    });
    let press = move || match blocked.get_untracked() {
        None => start.run(()),
        Some(Blocked::Checking) => place_when_checked.run(()),
        Some(_) => {}
    };
    let failure = move || {
        place.value().with(|v| match v {
            Some(Err(NotPlaced::Failed(e))) => Some(e.clone()),
            _ => None,
        })
    };
    let summary = Signal::derive(move || {
        place.value().with(|v| match v {
            Some(Err(NotPlaced::Refused(fields))) => fields
                .iter()
                .map(|e| SummaryEntry { field_id: edit_link_id(Step::of_order_field(&e.field)), message: field_code_words(&i18n, e.code) })
                .collect(),
            _ => Vec::new(),
        })
    });

    view! {
        <CheckoutLayout step=Step::Review quote=quote>
            <PageHeading key="checkout.review.title"/>
            <ErrorSummary entries=summary attempt=touched.attempts()/>
            {move || quote.error.get().map(|e| view! { <ErrorNotice error=e on_retry=move || quote.retry()/> })}
            {move || match quote.quote.get() {
                None if quote.loading() => view! { <Loading/> }.into_any(),
                None => ().into_any(),
                Some(q) => view! { <ReviewSections quote=q/> }.into_any(),
            }}
            // The consents come with the first answer (or its failure), not before: the order's
            // sections are then in place above them, so a tap meant for a box is not moved off it
            // by sections arriving (the mouse-down on the box, the mouse-up on what pushed it down).
            {move || answered.get().then(|| view! {
                <section class="review__section" aria-labelledby="consents-heading">
                    <h2 id="consents-heading">{i18n.text("review.consents")}</h2>
                    <FormField id="accept-terms" label="review.accept_terms" layout=FieldLayout::Check required=true>
                        <Check checked=entries.accept_terms()/>
                    </FormField>
                    <p class="muted field__note">{move || quote.quote.get().map(|q| view! {
                        <crate::ui::TermsLink version=q.terms_version/>
                    })}</p>
                    <FormField id="personal-data" label="review.personal_data" layout=FieldLayout::Check required=true>
                        <Check checked=entries.personal_data()/>
                    </FormField>
                    <FormField id="marketing" label="review.marketing" layout=FieldLayout::Check>
                        <Check checked=entries.marketing()/>
                    </FormField>
                </section>
            })}
            {move || total_changed().then(|| {
                let old = accepted.get().map(|m| format_money(&m, i18n.get())).unwrap_or_default();
                let new = current_total().map(|m| format_money(&m, i18n.get())).unwrap_or_default();
                view! {
                    <div class="notice notice--warning" role="alert" data-testid="price-changed">
                        <p>{i18n.tf("review.total_changed", &[("old", &old), ("new", &new)])}</p>
                        <button type="button" class="button button--secondary" on:click=move |_| confirmed.set(current_total())>
                            {i18n.tf("review.confirm_total", &[("total", &new)])}
                        </button>
                    </div>
                }
            })}
            {move || failure().map(|e| {
                // An item that ran short meanwhile: named as the cart names it, with how many are
                // left and the way to the cart (the entries are kept for the way back).
                let short = quote.quote.with(|q| q.as_ref().and_then(|q| short_line(&e, q)));
                match (minutes_until_next_order(&e), short) {
                    // The store's limit on new orders: say how long, in the shopper's words;
                    // pressing "Place order" again then works (the entries are kept).
                    (Some(minutes), _) => view! {
                        <div class="notice notice--error" role="alert" data-testid="too-many-orders">
                            <p>{i18n.tp("review.too_many_orders", minutes)}</p>
                        </div>
                    }.into_any(),
                    (None, Some((item, left))) => {
                        let text = match left {
                            0 => i18n.tf("review.sold_out", &[("item", &item)]),
                            n => i18n.tf("review.out_of_stock", &[("item", &item), ("available", &n.to_string())]),
                        };
                        view! {
                            <div class="notice notice--error" role="alert" data-testid="out-of-stock">
                                <p>{text}</p>
                                <A href=Page::Cart.href() attr:class="button button--secondary">{i18n.text("review.change_cart")}</A>
                            </div>
                        }.into_any()
                    }
                    (None, None) => view! { <ErrorNotice error=e on_retry=move || start.run(())/> }.into_any(),
                }
            })}
            <div class="review__place">
                <button type="button" class="button button--primary button--large" data-testid="place-order"
                    aria-disabled=move || if blocked.get().is_some() { "true" } else { "false" }
                    aria-describedby="place-order-reason"
                    on:click=move |_| press()>
                    {move || if placing() { i18n.t("review.placing") } else { i18n.t("review.place") }}
                    {move || current_total().map(|t| view! { " · " <MoneyText money=t/> })}
                </button>
                <p id="place-order-reason" class="review__reason" aria-live="polite">{blocked_text}</p>
            </div>
        </CheckoutLayout>
    }
}

/// The id of the "change" link of a step's section (where the summary sends a refused field).
fn edit_link_id(step: Step) -> String {
    format!("edit-{}", step.page().href().trim_start_matches('/').replace('/', "-"))
}

/// The store's limits, explained: how much more is needed, or how much too much.
fn limit_text(i18n: &crate::i18n::I18n, q: &Quote) -> String {
    let locale = i18n.get();
    let Some(gap) = limit_gap(q) else { return String::new() };
    let gap = format_money(&gap, locale);
    match q.limits.status {
        LimitStatus::BelowMinimum => {
            i18n.tf("review.below_minimum", &[("min", &format_money(&q.limits.min_total, locale)), ("missing", &gap)])
        }
        _ => i18n.tf("review.above_maximum", &[("max", &format_money(&q.limits.max_total, locale)), ("excess", &gap)]),
    }
}

/// Contact, delivery, payment and items, each with a way back to change it.
#[component]
fn ReviewSections(quote: Quote) -> impl IntoView {
    let i18n = use_i18n();
    let e = expect_context::<CheckoutState>().entries.get_untracked();
    let option = e.delivery_option.as_ref().and_then(|id| quote.delivery_options.iter().find(|o| &o.id == id)).cloned();
    let method = e.payment_method.as_ref().and_then(|id| quote.payment_methods.iter().find(|m| &m.id == id)).cloned();
    let point = option.as_ref().and_then(|o| e.pickup_point.as_ref().and_then(|id| o.pickup_points.iter().find(|p| &p.id == id))).cloned();
    let window = option.as_ref().and_then(|o| e.time_window.as_ref().and_then(|id| o.time_windows.iter().find(|w| &w.id == id))).cloned();
    // The street only for a courier; collecting, the place is enough.
    let courier = e.needs_street_address();
    let address = [if courier { e.line.trim() } else { "" }, e.city.trim(), e.region.trim(), e.postcode.trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let note = Some(e.courier_note.trim().to_owned()).filter(|n| courier && !n.is_empty());
    let country = e.country.clone();
    let totals = quote.totals.clone();
    let promo = quote.promo.clone();
    let promo_code = promo.as_ref().filter(|p| p.status == PromoStatus::Applied).map(|p| p.code.clone());
    let limits_explained = quote.limits.status != LimitStatus::Ok;
    let limit = limits_explained.then(|| limit_text(&i18n, &quote));
    let edit = move |step: Step, key: &'static str| {
        view! { <A href=step.page().href() attr:id=edit_link_id(step) attr:class="review__edit">{move || i18n.t(key)}</A> }
    };
    view! {
        <section class="review__section" aria-labelledby="review-contact">
            <div class="review__head"><h2 id="review-contact">{i18n.text("review.contact")}</h2>{edit(Step::Contact, "review.edit_contact")}</div>
            // Phones as the store read them (`8 912…` shown back as `+7 912…`), else as typed.
            <p data-testid="review-contact">{e.name.clone()} <br/> {e.email.clone()} <br/> {quote.contact_phone.clone().unwrap_or(e.phone.clone())}</p>
            {e.someone_else.then(|| view! { <p>{i18n.text("review.recipient")} ": " {e.recipient_name.clone()} ", " {quote.recipient_phone.clone().unwrap_or(e.recipient_phone.clone())}</p> })}
        </section>
        <section class="review__section" aria-labelledby="review-delivery">
            <div class="review__head"><h2 id="review-delivery">{i18n.text("review.delivery")}</h2>{edit(Step::Delivery, "review.edit_delivery")}</div>
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
                    {note.map(|n| view! { <p data-testid="review-note">{i18n.text("delivery.note")} ": " {n.clone()}</p> })}
                    {point.map(|p| { let days = i64::from(p.storage_days); view! {
                        <p>{p.name} <br/> {p.address} <br/> {p.opening_hours} <br/> {move || i18n.tp("delivery.storage", days)}</p>
                    }})}
                }
            })}
        </section>
        <section class="review__section" aria-labelledby="review-payment">
            <div class="review__head"><h2 id="review-payment">{i18n.text("review.payment")}</h2>{edit(Step::Payment, "review.edit_payment")}</div>
            <p data-testid="review-payment-method">{method.map(|m| { let (kind, name) = (m.kind, m.name); move || name.clone().unwrap_or_else(|| payment_label(&i18n, kind)) })}</p>
            {promo.map(|p| view! { <p>{move || promo_message(&i18n, &p)}</p> })}
        </section>
        <section class="review__section" aria-labelledby="review-items">
            <div class="review__head"><h2 id="review-items">{i18n.text("review.items")}</h2>{edit(Step::Cart, "review.edit_cart")}</div>
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
