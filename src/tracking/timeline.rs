//! The journey, newest first: each event's time and place, the carrier's own words (marked in
//! their language), and what they mean. Long journeys open with the newest events and the rest
//! one click away, so a thousand events (or a backend gone wrong) cost nothing until asked for.

use super::time::{EventTimeText, ZoneMode, ZoneSetting};
use super::view::SeverityLabel;
use super::words::{action_text, carrier_name, phase_label};
use super::{carrier_language, clip};
use crate::i18n::use_i18n;
use crate::ui::focus_element;
use crate::ui::intl::viewer_time_zone;
use leptos::prelude::*;
use std::sync::Arc;
use vitrina_core::api::{Phase, Shipment, TrackingEvent};

/// How many of the newest events are shown before the shopper asks for all.
pub const FIRST_EVENTS: usize = 20;
/// After "show all", the rest appear this many per animation frame, so the page keeps answering
/// to scrolling and typing however long the journey is.
const ROWS_PER_FRAME: usize = 25;

/// The events of a shipment, newest first, with the switch between time zones.
#[component]
pub fn Timeline(
    /// The shipment whose events to show.
    #[prop(into)]
    shipment: Signal<Arc<Shipment>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Batches of older events shown after "show all", added one per frame.
    let batches = RwSignal::new(0usize);
    let expanding = RwSignal::new(false);
    // Re-render the list only when the journey changed, not on every refresh.
    let journey = Memo::new(move |_| shipment.with(|s| (s.events.len(), s.events.first().cloned(), s.carrier.clone())));
    let rows = move |from: usize, to: usize| {
        let s = shipment.get_untracked();
        let to = to.min(s.events.len());
        let lang = carrier_language(&s);
        let carrier = carrier_name(&i18n, &s);
        s.events[from.min(to)..to]
            .iter()
            .enumerate()
            .map(|(i, e)| {
                view! { <EventRow event=e.clone() lang=lang.clone() carrier=carrier.clone() first_hidden={from + i == FIRST_EVENTS}/> }
            })
            .collect_view()
    };
    let list = move || {
        journey.track();
        let total = shipment.with_untracked(|s| s.events.len());
        if total == 0 {
            return view! { <p class="timeline__empty">{move || i18n.t("track.timeline.empty")}</p> }.into_any();
        }
        let batch_count = (total.saturating_sub(FIRST_EVENTS)).div_ceil(ROWS_PER_FRAME);
        let show_all = move |_| {
            expanding.set(true);
            grow(batches, batch_count);
        };
        view! {
            <ol class="timeline__events" aria-label=move || i18n.tp("track.timeline.count", total as i64)>
                {rows(0, FIRST_EVENTS)}
                <For each=move || 0..batches.get() key=|k| *k let:k>
                    {rows(FIRST_EVENTS + k * ROWS_PER_FRAME, FIRST_EVENTS + (k + 1) * ROWS_PER_FRAME)}
                </For>
            </ol>
            {move || (total > FIRST_EVENTS && !expanding.get()).then(|| view! {
                <button type="button" class="button button--secondary timeline__more" data-testid="show-all-events" on:click=show_all>
                    {move || i18n.tp("track.timeline.show_all", total as i64)}
                </button>
            })}
        }
        .into_any()
    };
    view! {
        <section class="timeline" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{move || i18n.t("track.timeline.title")}</h2>
            <ZoneSwitch/>
            {list}
        </section>
    }
}

/// Adds one batch of rows per animation frame until `target`; after the first, focus goes to
/// the first event the shopper had not seen.
fn grow(batches: RwSignal<usize>, target: usize) {
    request_animation_frame(move || {
        let Some(done) = batches.try_update(|b| {
            *b += 1;
            *b
        }) else {
            return; // the timeline is gone
        };
        if done == 1 {
            request_animation_frame(|| focus_element("timeline-first-hidden"));
        }
        if done < target {
            grow(batches, target);
        }
    });
}

/// One switch for every time on the page: each event's own local time, or the viewer's zone.
#[component]
fn ZoneSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let Some(ZoneSetting(mode)) = use_context::<ZoneSetting>() else {
        return ().into_any();
    };
    let zone = viewer_time_zone();
    view! {
        <fieldset class="zone-switch">
            <legend>{move || i18n.t("track.zone.legend")}</legend>
            <label class="zone-switch__option">
                <input type="radio" name="zone-mode" value="event"
                    prop:checked=move || mode.get() == ZoneMode::EventZone
                    on:change=move |_| mode.set(ZoneMode::EventZone)/>
                " " {move || i18n.t("track.zone.event")}
            </label>
            <label class="zone-switch__option">
                <input type="radio" name="zone-mode" value="viewer"
                    prop:checked=move || mode.get() == ZoneMode::ViewerZone
                    on:change=move |_| mode.set(ZoneMode::ViewerZone)/>
                " " {move || i18n.tf("track.zone.viewer", &[("zone", &zone)])}
            </label>
        </fieldset>
    }
    .into_any()
}

/// One event: when, where, the carrier's words, and what they mean.
#[component]
fn EventRow(
    event: TrackingEvent,
    /// The language of the carrier's words (`ru`), when known.
    lang: Option<String>,
    carrier: String,
    /// The first event hidden before "show all": focus goes there after expanding.
    first_hidden: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let severity = event.severity;
    let phase = event.phase;
    let action = event.action;
    let raw = clip(&event.raw_status, 500);
    let location = clip(&event.location, 200);
    let class =
        format!("event event--{}{}", super::words::severity_class(severity), if phase == Phase::Unknown { " event--unknown" } else { "" });
    view! {
        <li class=class data-testid="tracking-event" id=first_hidden.then_some("timeline-first-hidden") tabindex=first_hidden.then_some("-1")>
            <p class="event__when"><EventTimeText time=event.time.clone()/></p>
            <p class="event__status">
                {if raw.trim().is_empty() {
                    view! { <span class="muted">{move || i18n.t("track.timeline.no_words")}</span> }.into_any()
                } else {
                    view! { <span lang=lang>{raw}</span> }.into_any()
                }}
            </p>
            <p class="event__meta">
                <span class="event__phase">{move || phase_label(&i18n, phase)}</span>
                " " <SeverityLabel severity=severity/>
                {(!location.trim().is_empty()).then(|| view! { " · " <span class="event__place">{location}</span> })}
            </p>
            {event.after_delivery.then(|| view! { <p class="event__note muted">{move || i18n.t("track.timeline.after_delivery")}</p> })}
            {move || action_text(&i18n, action, &carrier).map(|text| view! { <p class="event__action">{text}</p> })}
        </li>
    }
}
