//! The sections of the order page. Each reads the order from [`OrderContext`].

use super::order_page::OrderContext;
use crate::api::{Api, ApiError};
use crate::i18n::{I18n, use_i18n};
use crate::router::A;
use crate::ui::intl::{format_date, format_date_time, region_name};
use crate::ui::{ErrorNotice, MoneyText, TotalsTable};
use leptos::prelude::*;
use vitrina_core::api::{Address, DeliveryKind, MessageContext, Order, OrderEventKind, OrderStatus, PaymentStatus};
use vitrina_core::routes::Page;

pub(super) fn ctx() -> OrderContext {
    expect_context::<OrderContext>()
}

/// Renders `f(order)` whenever the order is there.
pub(super) fn with_order<V: IntoView + 'static>(f: impl Fn(Order) -> V + Send + Sync + 'static) -> impl IntoView {
    let order = ctx().order;
    move || order.get().map(&f)
}

/// Renders `f(part)` whenever the order is there, and again only when that part of it changes: a
/// section that asks the backend for more (the parcels' progress, the sellers' cards) is not made
/// anew, showing "Loading…" and asking again, when a cancellation, a payment or a deadline
/// updates the order.
fn with_order_part<T, V>(part: impl Fn(&Order) -> T + Send + Sync + 'static, f: impl Fn(T) -> V + Send + Sync + 'static) -> impl IntoView
where
    T: PartialEq + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let order = ctx().order;
    let part = Memo::new(move |_| order.with(|o| o.as_ref().map(&part)));
    move || part.get().map(&f)
}

pub(crate) fn status_label(i18n: &I18n, status: OrderStatus) -> String {
    match status {
        OrderStatus::Created => i18n.t("order.status.created"),
        OrderStatus::SentToSeller => i18n.t("order.status.sent_to_seller"),
        OrderStatus::ConfirmedBySeller => i18n.t("order.status.confirmed_by_seller"),
        OrderStatus::HandedToCarrier => i18n.t("order.status.handed_to_carrier"),
        OrderStatus::WithCourier => i18n.t("order.status.with_courier"),
        OrderStatus::ReadyForPickup => i18n.t("order.status.ready_for_pickup"),
        OrderStatus::Received => i18n.t("order.status.received"),
        OrderStatus::Cancelled => i18n.t("order.status.cancelled"),
        OrderStatus::Unknown => i18n.t("order.status.unknown"),
    }
}

fn event_label(i18n: &I18n, kind: OrderEventKind) -> String {
    match kind {
        OrderEventKind::Created => i18n.t("order.status.created"),
        OrderEventKind::SentToSeller => i18n.t("order.status.sent_to_seller"),
        OrderEventKind::ConfirmedBySeller => i18n.t("order.status.confirmed_by_seller"),
        OrderEventKind::HandedToCarrier => i18n.t("order.status.handed_to_carrier"),
        OrderEventKind::WithCourier => i18n.t("order.status.with_courier"),
        OrderEventKind::Received => i18n.t("order.status.received"),
        OrderEventKind::PaymentApproved => i18n.t("order.event.payment_approved"),
        OrderEventKind::PaymentDeclined => i18n.t("order.event.payment_declined"),
        OrderEventKind::CancellationRequested => i18n.t("order.event.cancellation_requested"),
        OrderEventKind::Cancelled => i18n.t("order.status.cancelled"),
        OrderEventKind::Refunded => i18n.t("order.event.refunded"),
        OrderEventKind::PaymentExpired => i18n.t("order.event.payment_expired"),
        OrderEventKind::LinesCancelled => i18n.t("order.event.lines_cancelled"),
        OrderEventKind::ReturnToSender => i18n.t("order.event.return_to_sender"),
        OrderEventKind::ReturnRequested => i18n.t("order.event.return_requested"),
        OrderEventKind::ReadyForPickup => i18n.t("order.status.ready_for_pickup"),
        OrderEventKind::NotCollected => i18n.t("order.event.not_collected"),
        OrderEventKind::SubstitutionProposed => i18n.t("order.event.substitution_proposed"),
        OrderEventKind::SubstitutionAccepted => i18n.t("order.event.substitution_accepted"),
        OrderEventKind::SubstitutionDeclined => i18n.t("order.event.substitution_declined"),
        OrderEventKind::SubstitutionExpired => i18n.t("order.event.substitution_expired"),
        OrderEventKind::Unknown => i18n.t("order.status.unknown"),
    }
}

fn status_event(status: OrderStatus) -> OrderEventKind {
    match status {
        OrderStatus::Created => OrderEventKind::Created,
        OrderStatus::SentToSeller => OrderEventKind::SentToSeller,
        OrderStatus::ConfirmedBySeller => OrderEventKind::ConfirmedBySeller,
        OrderStatus::HandedToCarrier => OrderEventKind::HandedToCarrier,
        OrderStatus::WithCourier => OrderEventKind::WithCourier,
        OrderStatus::ReadyForPickup => OrderEventKind::ReadyForPickup,
        OrderStatus::Received => OrderEventKind::Received,
        OrderStatus::Cancelled => OrderEventKind::Cancelled,
        OrderStatus::Unknown => OrderEventKind::Unknown,
    }
}

/// Payment method and status, the totals charged, and "pay again" for a declined card.
#[component]
pub(crate) fn PaymentFacts() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let OrderContext { order, token } = ctx();
    // Starts a payment; `Ok(true)` when the browser is on its way to the payment page.
    let start = Action::new_local(move |number: &String| {
        let (api, number, token) = (api.clone(), number.clone(), token.get_untracked());
        async move {
            let step = api.start_payment(&number, &token).await?;
            match step.redirect_url.as_deref().map(|url| api.web_page(url)).zip(web_sys::window()) {
                Some((Some(url), window)) => {
                    let _ = window.location().assign(&url);
                    Ok(true)
                }
                // A payment page that is not a web address is not followed.
                Some((None, _)) => Err(ApiError::Undecodable("the payment page is not a web address".into())),
                None => Ok(false),
            }
        }
    });
    let pay = Callback::new(move |()| {
        if let Some(number) = order.with_untracked(|o| o.as_ref().map(|o| o.number.clone())) {
            start.clear();
            start.dispatch_local(number);
        }
    });
    // Still busy while the browser leaves for the payment page.
    let busy = move || start.pending().get() || start.value().with(|v| matches!(v, Some(Ok(true))));
    let failure = move || start.value().get().and_then(Result::err);
    let pay_button = move |key: &'static str| {
        view! {
            <button type="button" class="button button--primary no-print" disabled=busy on:click=move |_| pay.run(())>
                {move || i18n.t(key)}
            </button>
        }
    };
    view! {
        <section class="order-section" aria-labelledby="payment-heading">
            <h2 id="payment-heading">{i18n.text("order.payment")}</h2>
            {with_order(move |o| {
                // The store's name for its method; the app's words for the kinds it knows otherwise.
                let method = o.payment.name.clone().unwrap_or_else(|| crate::ui::words::payment_label(&i18n, o.payment.kind));
                let (status_key, class) = match o.payment.status {
                    PaymentStatus::Paid => ("order.payment_status.paid", "notice--success"),
                    PaymentStatus::AwaitingPayment => ("order.payment_status.awaiting", "notice--info"),
                    PaymentStatus::Declined => ("order.payment_status.declined", "notice--error"),
                    PaymentStatus::PayOnDelivery => ("order.payment_status.on_delivery", "notice--info"),
                    PaymentStatus::Refunded => ("order.payment_status.refunded", "notice--info"),
                    PaymentStatus::Expired => ("order.payment_status.expired", "notice--warning"),
                    PaymentStatus::Cancelled => ("order.payment_status.cancelled", "notice--info"),
                    PaymentStatus::Unknown => ("order.payment_status.unknown", "notice--info"),
                };
                // "Pay now" only while the backend says the order can be paid.
                let action = match o.payment.status {
                    PaymentStatus::Declined if o.payment.payable => Some(pay_button("order.pay_again")),
                    PaymentStatus::AwaitingPayment if o.payment.payable => Some(pay_button("order.pay_now")),
                    _ => None,
                };
                let pay_by = o.payment.pay_by.clone().filter(|_| o.payment.payable).map(|by| view! {
                    <p data-testid="pay-by">
                        {i18n.tf("order.pay_by", &[("time", &format_date_time(&by, i18n.get(), None))])} " "
                        <super::deadline::Countdown until=by test_id="pay-countdown"/>
                    </p>
                });
                let role = if o.payment.status == PaymentStatus::Declined { "alert" } else { "status" };
                view! {
                    <p data-testid="payment-method">{method}</p>
                    <div class=format!("notice {class}") role=role data-testid="payment-status">
                        <p>{i18n.t(status_key)}</p>
                        {pay_by}
                        {action}
                    </div>
                    <TotalsTable totals=o.totals.clone() promo_code=o.promo_code.clone() total_label="totals.total_charged"/>
                    <super::cancel::Refunds/>
                }
            })}
            {move || failure().map(|e| view! { <ErrorNotice error=e on_retry=move || pay.run(())/> })}
        </section>
    }
}

/// The course of the order as a small timeline, with the wait for the seller explained, and
/// everything that happened to it.
#[component]
pub(crate) fn StatusTimeline() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="order-section" aria-labelledby="status-heading">
            <h2 id="status-heading">{i18n.text("order.status_title")}</h2>
            {with_order(move |o| {
                let reached_at = |status: OrderStatus| o.history.iter().find(|e| e.kind == status_event(status)).map(|e| e.at.clone());
                let current = o.status;
                let cancelled = current == OrderStatus::Cancelled;
                let steps = OrderStatus::course(o.delivery.kind).into_iter().map(|step| {
                    let at = reached_at(step);
                    let state = if step == current { "current" } else if at.is_some() { "done" } else { "upcoming" };
                    let label = status_label(&i18n, step);
                    view! {
                        <li class=format!("progress__step progress__step--{state}") aria-current=(step == current).then_some("step")>
                            <span class="progress__label">{label}</span>
                            {at.map(|at| view! { <span class="progress__time">{format_date_time(&at, i18n.get(), None)}</span> })}
                        </li>
                    }
                }).collect_view();
                let waiting = matches!(current, OrderStatus::Created | OrderStatus::SentToSeller).then(|| {
                    let hours = i64::from(o.seller_confirms_within_hours);
                    view! {
                        <div class="notice notice--info" data-testid="waiting-for-seller">
                            <p><strong>{i18n.t("order.waiting.title")}</strong></p>
                            <p>{i18n.t("order.waiting.body")} " " {i18n.tp("order.waiting.usually", hours)}</p>
                        </div>
                    }
                });
                view! {
                    <p class="order-status" data-testid="order-status">{i18n.t("order.current_status")} " " <strong>{status_label(&i18n, current)}</strong></p>
                    {cancelled.then(|| view! { <div class="notice notice--warning"><p>{i18n.t("order.cancelled_note")}</p></div> })}
                    {(!cancelled).then(|| view! { <ol class="progress" aria-label=i18n.t("order.status_title")>{steps}</ol> })}
                    {waiting}
                    <h3>{i18n.t("order.history")}</h3>
                    <ul class="history" data-testid="order-history">
                        {o.history.iter().rev().map(|e| view! {
                            <li><span class="history__time">{format_date_time(&e.at, i18n.get(), None)}</span> " — " {event_label(&i18n, e.kind)}</li>
                        }).collect_view()}
                    </ul>
                }
            })}
        </section>
    }
}

/// "What happens next", in plain words for where the order is.
#[component]
pub(crate) fn NextSteps() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="order-section" aria-labelledby="next-heading">
            <h2 id="next-heading">{i18n.text("order.next")}</h2>
            {with_order(move |o| {
                let locale = i18n.get();
                let d = &o.delivery;
                let range = [("from", format_date(&d.earliest.to_string(), locale, "long")), ("to", format_date(&d.latest.to_string(), locale, "long"))];
                let collect = matches!(d.kind, DeliveryKind::PickupPoint | DeliveryKind::ParcelLocker | DeliveryKind::SellerShop);
                let text = match o.status {
                    OrderStatus::Created | OrderStatus::SentToSeller => i18n.t("order.next.confirm"),
                    OrderStatus::ConfirmedBySeller => i18n.tf("order.next.packing", &[("date", &format_date(&d.dispatch_date.to_string(), locale, "long"))]),
                    OrderStatus::HandedToCarrier => i18n.tf("order.next.in_transit", &[("from", &range[0].1), ("to", &range[1].1)]),
                    OrderStatus::ReadyForPickup if collect => match d.collect_by {
                        Some(day) => i18n.tf("order.next.ready_for_pickup", &[("date", &format_date(&day.to_string(), locale, "long"))]),
                        None => i18n.t("order.next.collect"),
                    },
                    OrderStatus::WithCourier if collect => i18n.t("order.next.collect"),
                    OrderStatus::WithCourier | OrderStatus::ReadyForPickup => i18n.t("order.next.courier"),
                    OrderStatus::Received => match &o.cancellation.until {
                        Some(until) if o.cancellation.allowed => i18n.tf("order.next.received_return", &[("date", &format_date_time(until, locale, None))]),
                        _ => i18n.t("order.next.received"),
                    },
                    OrderStatus::Cancelled => i18n.t("order.next.cancelled"),
                    OrderStatus::Unknown => i18n.t("order.next.unknown"),
                };
                view! { <p data-testid="next-steps">{text}</p> }
            })}
        </section>
    }
}

/// Tracking links, once the order has shipments.
#[component]
pub(crate) fn Shipments() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="order-section" aria-labelledby="tracking-heading">
            <h2 id="tracking-heading">{i18n.text("order.tracking")}</h2>
            {with_order_part(|o| (o.number.clone(), o.shipments.clone()), move |(number, shipments)| {
                if shipments.is_empty() {
                    view! { <p class="muted">{i18n.t("order.tracking_later")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="link-list" data-testid="order-shipments">
                            {shipments.into_iter().map(|s| view! {
                                <li><A href=Page::Tracking { number: s.tracking_number.clone() }.href()>{i18n.tf("order.track_shipment", &[("number", &s.tracking_number), ("carrier", &s.carrier)])}</A></li>
                            }).collect_view()}
                        </ul>
                        <crate::tracking::OrderShipments order_number=number token=Some(ctx().token.get_untracked())/>
                    }.into_any()
                }
            })}
        </section>
    }
}

/// The items: picture, name, SKU, variant, quantity, price each and line total.
#[component]
pub(crate) fn Items() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    view! {
        <section class="order-section" aria-labelledby="items-heading">
            <h2 id="items-heading">{i18n.text("order.items")}</h2>
            {with_order(move |o| view! {
                <ul class="order-items">
                    {o.lines.into_iter().map(|l| view! {
                        <li class="order-item" data-testid="order-line">
                            <img class="order-item__image" src=api.web_page(&l.image_url) alt="" width="64" height="64" loading="lazy"/>
                            <div>
                                <p class="order-item__name">{l.name.clone()}</p>
                                {(!l.variant_label.is_empty()).then(|| view! { <p>{l.variant_label.clone()}</p> })}
                                <p class="muted">{i18n.t("cart.sku")} " " {l.sku.clone()}</p>
                                <p>{i18n.tf("order.quantity", &[("n", &l.quantity.to_string())])} " × " <MoneyText money=l.unit_price.clone()/></p>
                                {l.replaces.clone().map(|was| view! { <p class="muted" data-testid="line-replaces">{i18n.tf("order.line.replaces", &[("item", &was)])}</p> })}
                                {(l.cancelled_quantity > 0).then(|| view! {
                                    <p data-testid="line-cancelled">{i18n.tf("order.line.cancelled", &[("n", &l.cancelled_quantity.to_string())])}</p>
                                })}
                                {(l.return_requested_quantity > 0).then(|| view! {
                                    <p data-testid="line-return">{i18n.tf("order.line.return_requested", &[("n", &l.return_requested_quantity.to_string())])}</p>
                                })}
                            </div>
                            <p class="order-item__total"><MoneyText money=l.line_total.clone()/></p>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// Carrier, service, dates, and for collection: where, when, for how long, and the pickup code.
#[component]
pub(crate) fn DeliveryFacts() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="order-section" aria-labelledby="delivery-heading">
            <h2 id="delivery-heading">{i18n.text("order.delivery")}</h2>
            {with_order(move |o| {
                let locale = i18n.get();
                let d = o.delivery.clone();
                let date = |x: vitrina_core::civil::Date| format_date(&x.to_string(), locale, "long");
                let kind = crate::ui::words::delivery_kind_label(&i18n, d.kind);
                let handover = view! { <super::handover::HandoverFacts delivery=d.clone() status=o.status/> };
                view! {
                    <dl class="facts" data-testid="order-delivery">
                        <dt>{i18n.t("order.carrier")}</dt><dd>{d.carrier.clone()}</dd>
                        <dt>{i18n.t("order.service")}</dt><dd>{kind} " (" {d.service_level.clone()} ")"</dd>
                        <dt>{i18n.t("order.dispatch")}</dt><dd>{date(d.dispatch_date)}</dd>
                        <dt>{i18n.t("order.expected")}</dt><dd>{if d.earliest == d.latest { date(d.earliest) } else { format!("{} – {}", date(d.earliest), date(d.latest)) }}</dd>
                        {d.date.map(|day| view! { <dt>{i18n.t("order.chosen_day")}</dt><dd>{date(day)} {d.time_window.clone().map(|w| format!(", {w}"))}</dd> })}
                    </dl>
                    {handover}
                    {d.pickup_point.clone().map(|p| {
                        let days = i64::from(p.storage_days);
                        let code_note = matches!(d.kind, DeliveryKind::PickupPoint | DeliveryKind::ParcelLocker);
                        view! {
                            <div class="pickup" data-testid="order-pickup">
                                <p><strong>{p.name}</strong><br/>{p.address}<br/>{i18n.t("delivery.hours")} ": " {p.opening_hours}<br/>{i18n.tp("delivery.storage", days)}</p>
                                {code_note.then(|| view! { <p>{i18n.t("order.pickup_code")}</p> })}
                                {p.report_problems_within_hours.map(|hours| view! {
                                    <p data-testid="locker-report">{i18n.tp("delivery.locker_report", i64::from(hours))}</p>
                                })}
                            </div>
                        }
                    })}
                }
            })}
        </section>
    }
}

fn address_lines(i18n: &I18n, a: &Address) -> impl IntoView + use<> {
    let country = region_name(&a.country, i18n.get());
    let region = (!a.region.is_empty()).then(|| view! { {a.region.clone()} <br/> });
    view! { {a.line.clone()} <br/> {format!("{} {}", a.postcode, a.city)} <br/> {region} {country} }
}

/// Billing and delivery addresses (both, even when equal), recipient and phone.
#[component]
pub(crate) fn Addresses() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="order-section order-addresses" aria-labelledby="addresses-heading">
            <h2 id="addresses-heading">{i18n.text("order.addresses")}</h2>
            {with_order(move |o| view! {
                <div class="order-addresses__grid">
                    <div data-testid="delivery-address"><h3>{i18n.t("order.delivery_address")}</h3><p>{address_lines(&i18n, &o.delivery_address)}</p></div>
                    <div data-testid="billing-address"><h3>{i18n.t("order.billing_address")}</h3><p>{o.customer.name.clone()}<br/>{address_lines(&i18n, &o.billing_address)}</p></div>
                    <div data-testid="recipient"><h3>{i18n.t("order.recipient")}</h3><p>{o.recipient.name.clone()}<br/>{o.recipient.phone.clone()}</p></div>
                </div>
            })}
        </section>
    }
}

/// The version of the terms the shopper accepted with this order, to open and read.
#[component]
pub(crate) fn AcceptedTerms() -> impl IntoView {
    view! {
        {with_order(move |o| view! {
            <p class="muted order-terms" data-testid="order-terms"><crate::ui::TermsLink version=o.terms_version.clone()/></p>
        })}
    }
}

/// A way to write to each seller of the order, with the order number as context.
#[component]
pub(crate) fn TalkToSeller() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="order-section no-print" aria-labelledby="seller-heading">
            <h2 id="seller-heading">{i18n.text("order.contact_seller")}</h2>
            {with_order_part(|o| (o.number.clone(), o.sellers.clone()), move |(number, sellers)| view! {
                <ul class="link-list">
                    {sellers.clone().into_iter().map(|s| {
                        let context = MessageContext { order: Some(number.clone()), shipment: None };
                        let href = Page::SellerContact { seller_id: s.id.clone(), context }.href();
                        view! {
                            <li><A href=href>{i18n.tf("order.write_to", &[("seller", &s.name)])}</A></li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
