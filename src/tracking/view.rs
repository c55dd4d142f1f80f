//! One shipment on screen: the progress bar, where it stands in one sentence, what the shopper
//! can do, the panels for the situations that need more (a stall, the customs offer, a failed
//! delivery), and the timeline. Everything comes from the backend's view; nothing here decides.

use super::offer::CustomsOfferPanel;
use super::time::{EventTimeText, ZoneMode, ZoneSetting};
use super::timeline::Timeline;
use super::words::{action_is_at_carrier, action_text, carrier_name, phase_label, severity_class, severity_label, state_sentence};
use super::{ContactSellerLink, carrier_language, clip};
use crate::i18n::{I18n, use_i18n};
use crate::ui::intl::format_date;
use leptos::prelude::*;
use std::sync::Arc;
use vitrina_core::api::{Phase, Severity, Shipment};
use vitrina_core::routes::safe_external_url;

/// A shipment's whole page body, from the backend's view of it. Mounted on its own by the browser
/// tests (it needs only the language context).
#[component]
pub fn ShipmentView(
    /// The shipment; a new value (a refresh) updates the page in place.
    #[prop(into)]
    shipment: Signal<Arc<Shipment>>,
) -> impl IntoView {
    provide_context(ZoneSetting(RwSignal::new(ZoneMode::EventZone)));
    provide_context(LiveShipment(shipment));
    // A refresh that only moves the moment of the view (and so the countdown) must not rebuild
    // the panels: a help answer the shopper opened stays open, focus stays where it was.
    let meaning = Memo::new(move |_| shipment.with(|s| without_the_moment(s)));
    view! {
        <div class="shipment">
            {move || {
                meaning.track();
                let s = shipment.get_untracked();
                view! {
                    <ShipmentSummary shipment=s.clone()/>
                    <StallPanel shipment=s.clone()/>
                    <CustomsOfferPanel shipment=s.clone()/>
                    <DeliveryAttemptPanel shipment=s/>
                }
            }}
            <Timeline shipment=shipment/>
            // The seller's card comes with an answer of its own, after the shipment's: last on the
            // page, so its arrival moves nothing the shopper is reading (the summary's link leads
            // to it).
            {move || {
                meaning.track();
                view! { <super::ShipmentSellerContact shipment=shipment.get_untracked()/> }
            }}
        </div>
    }
}

/// The shipment as shown, for the parts that read the moment of the view (the countdown).
#[derive(Clone, Copy)]
pub struct LiveShipment(pub Signal<Arc<Shipment>>);

/// What the page shows of a shipment, leaving out what changes with every look: the moment of
/// the view and the seconds left. The events count by their number and the newest one.
fn without_the_moment(s: &Shipment) -> Shipment {
    Shipment {
        as_of: None,
        customs_offer: s.customs_offer.clone().map(|mut o| {
            o.seconds_left = None;
            o
        }),
        events: s.events.first().cloned().into_iter().collect(),
        tracking_number: s.tracking_number.clone(),
        carrier: s.carrier.clone(),
        seller_id: s.seller_id.clone(),
        order_number: s.order_number.clone(),
        current: s.current.clone(),
        estimated_delivery: s.estimated_delivery.clone(),
        planned_date: s.planned_date.clone(),
        last_event: s.last_event.clone(),
        stall: s.stall.clone(),
        delivery_attempts: s.delivery_attempts.clone(),
        collection: s.collection.clone(),
        event_count: s.event_count.max(s.events.len() as u32),
    }
}

/// The number and carrier, the progress bar, the current state and the delivery estimate.
#[component]
fn ShipmentSummary(shipment: Arc<Shipment>) -> impl IntoView {
    let i18n = use_i18n();
    let s = shipment;
    let carrier = carrier_name(&i18n, &s);
    let lang = carrier_language(&s);
    let website = s.carrier.website.as_deref().and_then(safe_external_url);
    let current = s.current.clone();
    let severity = current.severity;
    let sentence = {
        let s = s.clone();
        move || state_sentence(&i18n, &s)
    };
    let action = {
        let carrier = carrier.clone();
        move || action_text(&i18n, current.action, &carrier)
    };
    let link_carrier = carrier.clone();
    let carrier_link = website.clone().filter(|_| action_is_at_carrier(s.current.action));
    let stray_after_delivery = s.events.iter().any(|e| e.after_delivery);
    let has_raw = !current.raw_status.trim().is_empty();
    view! {
        <section class="shipment__summary" aria-labelledby="shipment-state-heading">
            <p class="shipment__id">
                <span class="muted">{i18n.text("track.number_label")} " "</span>
                <strong data-testid="tracking-number">{clip(&s.tracking_number, 60)}</strong>
                <span class="muted">" · " {i18n.text("track.carrier_label")} " "</span>
                {match website.clone() {
                    Some(url) => view! { <a href=url rel="noopener noreferrer" target="_blank">{carrier.clone()}</a> }.into_any(),
                    None => view! { <span>{carrier.clone()}</span> }.into_any(),
                }}
            </p>
            <h2 id="shipment-state-heading" class="visually-hidden">{i18n.text("track.state.heading")}</h2>
            <PhaseBar progress=s.current.progress current=s.current.phase/>
            <p class=format!("shipment__state shipment__state--{}", severity_class(severity)) data-testid="shipment-state">
                {sentence}
                {matches!(severity, Severity::ActionNeeded | Severity::Problem | Severity::Final).then(|| view! {
                    " " <SeverityLabel severity=severity/>
                })}
            </p>
            {has_raw.then(|| {
                let time = current.time.clone();
                let location = current.location.clone();
                view! {
                    <p class="shipment__raw">
                        <span class="muted">{i18n.text("track.carriers_words")} " "</span>
                        <q lang=lang.clone()>{clip(&current.raw_status, 500)}</q>
                        {(!location.trim().is_empty()).then(|| view! { " · " <span>{clip(&location, 200)}</span> })}
                        {time.map(|t| view! { " · " <EventTimeText time=t/> })}
                    </p>
                }
            })}
            {move || action().map(|text| view! {
                <p class="shipment__action">
                    <strong>{i18n.t("track.what_you_can_do")}</strong> " " {text}
                    {carrier_link.clone().map(|url| view! {
                        " " <a href=url rel="noopener noreferrer" target="_blank">{i18n.tf("track.open_carrier_site", &[("carrier", &link_carrier)])}</a>
                    })}
                </p>
            })}
            {stray_after_delivery.then(|| view! { <p class="muted" data-testid="delivered-wins">{i18n.text("track.delivered_wins")}</p> })}
            <DeliveryDate shipment=s.clone()/>
            <Collection shipment=s.clone()/>
            <ContactSellerLink shipment=s.clone() key="track.contact_seller_any"/>
        </section>
    }
}

/// While the parcel waits at a pickup point, locker or shop: the last day to collect it and what
/// happens otherwise, and for a locker how soon a problem with the contents must be reported.
#[component]
fn Collection(shipment: Arc<Shipment>) -> impl IntoView {
    let i18n = use_i18n();
    let waiting = shipment.current.phase == Phase::ReadyForPickup && !shipment.current.is_final;
    let Some(c) = shipment.collection.clone().filter(|_| waiting) else { return ().into_any() };
    view! {
        <div class="notice notice--info shipment__collection" data-testid="collection">
            {c.collect_by.map(|day| view! {
                <p><strong>{move || i18n.tf("order.collect_by", &[("date", &format_date(&day, i18n.get(), "long"))])}</strong> " "
                {i18n.text("order.collect_by.consequence")}</p>
            })}
            {c.report_problems_within_hours.map(|hours| view! {
                <p data-testid="locker-report">{move || i18n.tp("delivery.locker_report", i64::from(hours))}</p>
            })}
        </div>
    }
    .into_any()
}

/// "Delivered on …", or the estimate, or the planned date.
#[component]
fn DeliveryDate(shipment: Arc<Shipment>) -> impl IntoView {
    let i18n = use_i18n();
    let s = shipment;
    if s.current.phase == Phase::Delivered {
        let time = s.current.time.clone();
        return view! {
            <p class="shipment__delivery" data-testid="delivery-date">
                <strong>{i18n.text("track.delivered_at")}</strong> " "
                {time.map(|t| view! { <EventTimeText time=t/> })}
            </p>
        }
        .into_any();
    }
    let overdue = s.stall.as_ref().is_some_and(|st| st.planned_date_passed_days.is_some());
    view! {
        <p class="shipment__delivery" data-testid="delivery-date">
            {move || match estimate_text(&i18n, &s) {
                // A date in the past is not an estimate any more: say so rather than repeat it.
                Some(range) if overdue => i18n.tf("track.estimate_passed", &[("dates", &range)]),
                Some(range) => i18n.tf("track.estimated_delivery", &[("dates", &range)]),
                None => i18n.t("track.no_estimate"),
            }}
        </p>
    }
    .into_any()
}

/// The estimated delivery as dates in the shopper's language ("24–27 Nov 2026" style, or one
/// date), or the planned date when there is no estimate.
pub fn estimate_text(i18n: &I18n, s: &Shipment) -> Option<String> {
    let locale = i18n.get();
    match (&s.estimated_delivery, &s.planned_date) {
        (Some(range), _) if !range.earliest.is_empty() => {
            let earliest = format_date(&range.earliest, locale, "medium");
            if range.latest.is_empty() || range.latest == range.earliest {
                Some(earliest)
            } else {
                Some(format!("{earliest} – {}", format_date(&range.latest, locale, "medium")))
            }
        }
        (_, Some(planned)) if !planned.is_empty() => Some(format_date(planned, locale, "medium")),
        _ => None,
    }
}

/// Progress by phase: five steps, the ones reached marked, the current one named for screen
/// readers; a detour (failed attempt, problem, return, expiry) marks the current step.
#[component]
pub fn PhaseBar(
    /// The furthest step reached.
    progress: Phase,
    /// The current phase (a detour shows on the step reached).
    current: Phase,
) -> impl IntoView {
    let i18n = use_i18n();
    let reached = progress.progress_step();
    let detour = current.progress_step().is_none() && current != Phase::Unknown;
    let steps = Phase::PROGRESS.into_iter().enumerate().map(move |(i, phase)| {
        // The delivery step is named after how the parcel is handed over.
        let phase = if i == 3 && progress == Phase::ReadyForPickup {
            Phase::ReadyForPickup
        } else {
            phase
        };
        let state = match reached {
            Some(r) if i < r => "done",
            Some(r) if i == r && detour => "detour",
            Some(r) if i == r => "current",
            _ => "todo",
        };
        view! {
            <li class=format!("phase-bar__step phase-bar__step--{state}") aria-current=(state == "current" || state == "detour").then_some("step")>
                <span class="phase-bar__label">{move || phase_label(&i18n, phase)}</span>
                <span class="visually-hidden">
                    {move || match state {
                        "done" => i18n.t("track.bar.done"),
                        "current" | "detour" => i18n.t("track.bar.current"),
                        _ => i18n.t("track.bar.todo"),
                    }}
                </span>
            </li>
        }
    });
    view! {
        <ol class="phase-bar" aria-label=i18n.text("track.bar.label") data-testid="phase-bar">
            {steps.collect_view()}
        </ol>
        {detour.then(|| view! {
            <p class="phase-bar__detour">{move || phase_label(&i18n, current)}</p>
        })}
    }
}

/// "No update for N days" and "planned date passed", with both dates side by side and a way to
/// ask the seller (seed 002 l.185–194: a status frozen for weeks while the planned date passed).
#[component]
fn StallPanel(shipment: Arc<Shipment>) -> impl IntoView {
    let i18n = use_i18n();
    let s = shipment;
    let stall = s.stall.clone().filter(|st| st.no_update_days.is_some() || st.planned_date_passed_days.is_some());
    stall.map(|stall| {
        let quiet = stall.no_update_days;
        let late = stall.planned_date_passed_days;
        let last = s.last_event.clone();
        let planned = s.planned_date.clone().filter(|d| !d.is_empty());
        view! {
            <section class="panel panel--problem stall" aria-labelledby="stall-heading" data-testid="stall-panel">
                <h2 id="stall-heading">
                    {move || match (quiet, late) {
                        (Some(days), _) => i18n.tp("track.stall.no_update", i64::from(days)),
                        (None, _) => i18n.t("track.stall.planned_passed"),
                    }}
                </h2>
                {(quiet.is_some() && late.is_some()).then(|| view! {
                    <p class="stall__also"><strong>{i18n.text("track.stall.planned_passed")}</strong></p>
                })}
                <dl class="stall__dates">
                    <div class="stall__date">
                        <dt>{i18n.text("track.stall.last_event")}</dt>
                        <dd data-testid="stall-last-event">{match last {
                            Some(t) => view! { <EventTimeText time=t/> }.into_any(),
                            None => view! { {i18n.text("track.stall.none")} }.into_any(),
                        }}</dd>
                    </div>
                    <div class="stall__date">
                        <dt>{i18n.text("track.stall.planned")}</dt>
                        <dd data-testid="stall-planned">{move || match &planned {
                            Some(d) => format_date(d, i18n.get(), "long"),
                            None => i18n.t("track.stall.none"),
                        }}</dd>
                    </div>
                </dl>
                <p>{i18n.text("track.stall.explain")}</p>
                <ContactSellerLink shipment=s.clone() key="track.contact_seller_stall"/>
            </section>
        }
    })
}

/// After a failed delivery: what happened, what happens next, how many attempts are left.
#[component]
fn DeliveryAttemptPanel(shipment: Arc<Shipment>) -> impl IntoView {
    let i18n = use_i18n();
    let s = shipment;
    let attempts = s.delivery_attempts.clone().filter(|a| a.failed > 0 && !s.current.is_final);
    attempts.map(|attempts| {
    let carrier = carrier_name(&i18n, &s);
    let lang = carrier_language(&s);
    let failed = attempts.last_failed.clone();
    let rescheduled = attempts.rescheduled;
    let left = attempts.attempts_left;
    // What comes next is the carrier's own rule; a carrier that states none gets no promise.
    let rules = &s.carrier.rules;
    let next = rules.redelivery_attempts.zip(rules.courier_wait_minutes);
    view! {
        <section class="panel panel--action attempts" aria-labelledby="attempts-heading" data-testid="attempts-panel">
            <h2 id="attempts-heading">{i18n.text("track.attempts.title")}</h2>
            {failed.map(|e| view! {
                <p>
                    <EventTimeText time=e.time.clone()/> ": "
                    <q lang=lang.clone()>{clip(&e.raw_status, 500)}</q>
                </p>
            })}
            <p>
                {move || if rescheduled {
                    i18n.t("track.attempts.rescheduled")
                } else {
                    i18n.tf("track.attempts.pick_date", &[("carrier", &carrier)])
                }}
            </p>
            {next.map(|(attempts, minutes)| view! {
                <p data-testid="attempts-next">{move || i18n.tf("track.attempts.next", &[
                    ("attempts", &attempts.to_string()),
                    ("minutes", &minutes.to_string()),
                ])}</p>
            })}
            {left.map(|n| view! {
                <p class="attempts__left" data-testid="attempts-left"><strong>{move || i18n.tp("track.attempts.left", i64::from(n))}</strong></p>
            })}
        </section>
    }
    })
}

/// An event's severity as a small label.
#[component]
pub fn SeverityLabel(severity: Severity) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("severity severity--{}", severity_class(severity))>{move || severity_label(&i18n, severity)}</span>
    }
}
