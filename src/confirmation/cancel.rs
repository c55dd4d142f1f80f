//! Cancelling from the order's page (seed 002, Yanina 7.9): until the shopper has the order,
//! in transit included, the whole order or chosen items (and how many of each) are cancelled at
//! once, refunded by the original method, and a parcel on its way is called back; after receipt,
//! a return of all or some items is asked for, until the end of the 7th day. What happens to the
//! delivery fee is said before the shopper decides. Or why none of this is possible now.

use super::order_page::OrderContext;
use super::sections::{ctx, with_order};
use crate::api::{Api, ApiError, RequestKey};
use crate::i18n::{I18n, use_i18n};
use crate::ui::field::{FieldLayout, FormField, Model, Select};
use crate::ui::intl::format_date_time;
use crate::ui::{ErrorNotice, MoneyText};
use leptos::prelude::*;
use std::collections::BTreeMap;
use vitrina_core::api::{CancellationBlock, CancellationKind, DeliveryFeeOutcome, LineQuantity, MAX_LINE_QUANTITY, Order, RefundReason};
use wasm_bindgen::JsCast;

/// What of each line may be cancelled (or asked back) now: (line id, its name, how many).
fn choosable(o: &Order) -> Vec<(String, String, u32)> {
    let returning = o.cancellation.kind == Some(CancellationKind::Return);
    o.lines
        .iter()
        .map(|l| {
            let left = if returning { l.quantity.saturating_sub(l.return_requested_quantity) } else { l.quantity };
            let name = if l.variant_label.is_empty() { l.name.clone() } else { format!("{}, {}", l.name, l.variant_label) };
            (l.id.clone(), name, left)
        })
        .filter(|(_, _, left)| *left > 0)
        .collect()
}

fn fee_text(i18n: &I18n, kind: Option<CancellationKind>, fee: Option<DeliveryFeeOutcome>) -> Option<String> {
    Some(match (kind?, fee?) {
        (CancellationKind::Return, _) => i18n.t("order.cancel.fee.return"),
        (_, DeliveryFeeOutcome::Refunded) => i18n.t("order.cancel.fee.refunded"),
        (_, DeliveryFeeOutcome::Retained) => i18n.t("order.cancel.fee.retained"),
        _ => return None,
    })
}

/// Cancel or return the whole order or chosen items, or why not.
#[component]
pub(crate) fn CancelOrder() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let OrderContext { order, token } = ctx();
    let confirming = RwSignal::new(false);
    let choosing = RwSignal::new(false);
    let chosen = RwSignal::new(BTreeMap::<String, u32>::new());
    let nothing_chosen = RwSignal::new(false);
    // Pressing again after a failure (or a lost answer) repeats the request's key.
    let attempt = RequestKey::default();
    let request = Action::new_local(move |lines: &Vec<LineQuantity>| {
        let (api, token, lines) = (api.clone(), token.get_untracked(), lines.clone());
        let number = order.with_untracked(|o| o.as_ref().map(|o| o.number.clone())).unwrap_or_default();
        let kind = order.with_untracked(|o| o.as_ref().and_then(|o| o.cancellation.kind));
        let key = attempt.for_request(lines.iter().map(|l| format!("{}\u{1f}{}\u{1e}", l.line_id, l.quantity)).collect());
        async move {
            let updated = api.request_cancellation(&number, &token, lines, &key).await;
            attempt.settle(&updated);
            let updated = updated?;
            order.try_set(Some(updated));
            confirming.try_set(false);
            choosing.try_set(false);
            chosen.try_set(BTreeMap::new());
            Ok::<Option<CancellationKind>, ApiError>(kind)
        }
    });
    let last = StoredValue::new(Vec::<LineQuantity>::new());
    let send = Callback::new(move |lines: Vec<LineQuantity>| {
        last.set_value(lines.clone());
        request.clear();
        request.dispatch_local(lines);
    });
    let busy = move || request.pending().get();
    let submit_chosen = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lines: Vec<LineQuantity> = chosen
            .get_untracked()
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(line_id, quantity)| LineQuantity { line_id, quantity })
            .collect();
        nothing_chosen.set(lines.is_empty());
        if lines.is_empty() {
            // The group says what is missing; focus goes there, so it is heard.
            if let Some(group) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("cancel-lines")) {
                let _ = group.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        } else {
            send.run(lines);
        }
    };
    view! {
        <section class="order-section no-print" aria-labelledby="cancel-heading">
            <h2 id="cancel-heading">{i18n.text("order.cancel_title")}</h2>
            {with_order(move |o| {
                let c = o.cancellation.clone();
                if !c.allowed {
                    let reason = match c.blocked_by {
                        // When the time ran out is the store's rule, and the order says it.
                        Some(CancellationBlock::WindowClosed) => match &c.until {
                            Some(until) => i18n.tf("order.cancel_blocked.window_closed", &[("date", &format_date_time(until, i18n.get(), None))]),
                            None => i18n.t("order.cancel_blocked.window_closed_undated"),
                        },
                        Some(CancellationBlock::AlreadyRequested) => i18n.t("order.cancel_blocked.requested"),
                        Some(CancellationBlock::Cancelled) => i18n.t("order.cancel_blocked.cancelled"),
                        _ => i18n.t("order.cancel_blocked.unknown"),
                    };
                    return view! {
                        <button type="button" class="button button--secondary" disabled=true aria-describedby="cancel-reason">{i18n.t("order.cancel")}</button>
                        <p id="cancel-reason" data-testid="cancel-reason">{reason}</p>
                    }.into_any();
                }
                let returning = c.kind == Some(CancellationKind::Return);
                let intro = match &c.until {
                    Some(until) if returning => i18n.tf("order.return.intro", &[("date", &format_date_time(until, i18n.get(), None))]),
                    _ => i18n.t("order.cancel.intro"),
                };
                let lines = choosable(&o);
                let several = lines.len() > 1 || lines.iter().any(|(_, _, n)| *n > 1);
                let (whole_key, some_key, confirm_key, yes_key, chosen_key) = if returning {
                    ("order.return", "order.return.some", "order.return.confirm", "order.return.yes", "order.return.chosen")
                } else {
                    ("order.cancel", "order.cancel.some", "order.cancel_confirm", "order.cancel_yes", "order.cancel.chosen")
                };
                view! {
                    <p data-testid="cancel-intro">{intro}</p>
                    {c.carrier_returns.then(|| view! { <p data-testid="cancel-carrier">{i18n.t("order.cancel.carrier_returns")}</p> })}
                    {fee_text(&i18n, c.kind, c.delivery_fee).map(|t| view! { <p data-testid="cancel-fee">{t}</p> })}
                    {move || if confirming.get() {
                        view! {
                            <div class="notice notice--warning" role="alert">
                                <p>{i18n.t(confirm_key)}</p>
                                <button type="button" class="button button--primary" disabled=busy on:click=move |_| send.run(Vec::new())>{i18n.t(yes_key)}</button>
                                " "
                                <button type="button" class="button button--secondary" on:click=move |_| confirming.set(false)>{i18n.t("order.cancel_no")}</button>
                            </div>
                        }.into_any()
                    } else if choosing.get() {
                        let rows = lines.clone().into_iter().map(|(id, name, left)| {
                            let (get_key, set_key) = (id.clone(), id.clone());
                            let quantity = Model::new(
                                move || chosen.with(|c| c.get(&get_key).copied().unwrap_or(0)),
                                move |n: u32| { chosen.update(|c| { c.insert(set_key.clone(), n); }); nothing_chosen.set(false); },
                            );
                            // A line holds at most the cart's 99; a backend that says more is not believed.
                            let counts: Vec<u32> = (0..=left.min(MAX_LINE_QUANTITY)).collect();
                            view! {
                                <FormField id=format!("cancel-line-{id}") label_text=name class="field cancel-lines__line">
                                    <Select value=quantity options=counts label=Callback::new(|n: u32| n.to_string())/>
                                </FormField>
                            }
                        }).collect_view();
                        let none_chosen = Signal::derive(move || nothing_chosen.get().then(|| i18n.t("order.cancel.none_chosen")));
                        view! {
                            <form class="cancel-lines" on:submit=submit_chosen novalidate=true>
                                <FormField id="cancel-lines" label="order.cancel.which" layout=FieldLayout::Group error=none_chosen>
                                    {rows}
                                </FormField>
                                <button type="submit" class="button button--primary" disabled=busy>{i18n.t(chosen_key)}</button>
                                " "
                                <button type="button" class="button button--secondary" on:click=move |_| { choosing.set(false); nothing_chosen.set(false); }>{i18n.t("order.cancel_no")}</button>
                            </form>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class="button button--secondary" on:click=move |_| confirming.set(true)>{i18n.t(whole_key)}</button>
                            " "
                            {several.then(|| view! {
                                <button type="button" class="button button--secondary" on:click=move |_| choosing.set(true)>{i18n.t(some_key)}</button>
                            })}
                        }.into_any()
                    }}
                }.into_any()
            })}
            <p role="status" data-testid="cancel-done">
                {move || request.value().get().and_then(Result::ok).map(|kind| {
                    i18n.t(if kind == Some(CancellationKind::Return) { "order.return.done" } else { "order.cancel.done" })
                })}
            </p>
            {move || request.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e on_retry=move || send.run(last.get_value())/> })}
        </section>
    }
}

/// Money sent back, each with how and why; nothing when none was.
#[component]
pub(crate) fn Refunds() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {with_order(move |o| (!o.refunds.is_empty()).then(|| view! {
            <div class="refunds" data-testid="refunds">
                <h3>{i18n.t("order.refunds")}</h3>
                <ul>
                    {o.refunds.iter().map(|r| {
                        let method = crate::ui::words::payment_label(&i18n, r.method);
                        let why = match r.reason {
                            RefundReason::Cancellation => i18n.t("order.refund.cancellation"),
                            RefundReason::Substitution => i18n.t("order.refund.substitution"),
                            RefundReason::NotCollected => i18n.t("order.refund.not_collected"),
                            RefundReason::Unknown => String::new(),
                        };
                        let fee = match r.delivery_fee {
                            Some(DeliveryFeeOutcome::Retained) => Some(i18n.t("order.refund.fee_retained")),
                            Some(DeliveryFeeOutcome::Refunded) => Some(i18n.t("order.refund.fee_refunded")),
                            _ => None,
                        };
                        view! {
                            <li data-testid="refund">
                                <strong><MoneyText money=r.amount.clone()/></strong>
                                " " {i18n.tf("order.refund.to", &[("method", &method), ("date", &format_date_time(&r.at, i18n.get(), None))])}
                                {(!why.is_empty()).then(|| format!(" {why}"))}
                                {fee.map(|f| format!(" {f}"))}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        }))}
    }
}
