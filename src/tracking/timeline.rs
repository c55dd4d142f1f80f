//! The journey, newest first: each event's time and place, the carrier's own words (marked in
//! their language), and what they mean. Long journeys open with the newest events and the rest
//! one click away, so a thousand events (or a backend gone wrong) cost nothing until asked for.

use super::time::{ZoneMode, ZoneSetting, shown_time};
use super::words::{action_text, carrier_name, phase_label};
use super::{carrier_language, clip};
use crate::i18n::use_i18n;
use crate::ui::intl::viewer_time_zone;
use crate::ui::{FieldLayout, FormField, Radio, focus_element};
use leptos::prelude::*;
use std::sync::Arc;
use vitrina_core::api::{Phase, Shipment, TrackingEvent};

/// How many of the newest events are shown before the shopper asks for all.
pub const FIRST_EVENTS: usize = 20;
/// After "show all", the rest appear this many per animation frame: a thousand-event journey
/// (measured by `make bench`) comes in one frame, and a backend gone wrong with tens of
/// thousands still leaves the page answering between batches.
const ROWS_PER_FRAME: usize = 1000;

/// The events of a shipment, newest first, with the switch between time zones.
#[component]
pub fn Timeline(
    /// The shipment whose events to show.
    #[prop(into)]
    shipment: Signal<Arc<Shipment>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let expanding = RwSignal::new(false);
    // Re-render the list only when the journey changed, not on every refresh.
    let journey = Memo::new(move |_| shipment.with(|s| (s.events.len(), s.events.first().cloned(), s.carrier.clone())));
    let zone_mode = use_context::<ZoneSetting>().map(|s| s.0);
    // Rows are plain text: the list is rebuilt when the language or the time zone setting
    // changes, so a thousand rows carry no reactive parts of their own.
    let rows = move |from: usize, to: usize| {
        let s = shipment.get_untracked();
        let to = to.min(s.events.len());
        let lang = carrier_language(&s);
        let carrier = carrier_name(&i18n, &s);
        let mode = zone_mode.map(|m| m.get_untracked()).unwrap_or_default();
        s.events[from.min(to)..to]
            .iter()
            .enumerate()
            .map(|(i, e)| event_row(&i18n, e, lang.clone(), &carrier, mode, from + i == FIRST_EVENTS))
            .collect_view()
    };
    let list_node = NodeRef::<leptos::html::Ol>::new();
    let list = move || {
        journey.track();
        i18n.locale.track();
        if let Some(mode) = zone_mode {
            mode.track();
        }
        let total = shipment.with_untracked(|s| s.events.len());
        if total == 0 {
            return view! { <p class="timeline__empty">{i18n.text("track.timeline.empty")}</p> }.into_any();
        }
        // Everything past the first rows, added after them; a list built anew (a language or
        // zone switch, news) after the shopper asked for all shows all again, without moving the
        // focus.
        let rest = move |focus: bool| {
            let s = shipment.get_untracked();
            let lang = carrier_language(&s);
            let carrier = carrier_name(&i18n, &s);
            let mode = zone_mode.map(|m| m.get_untracked()).unwrap_or_default();
            let chunks: Vec<String> = s.events[FIRST_EVENTS.min(s.events.len())..]
                .chunks(ROWS_PER_FRAME)
                .enumerate()
                .map(|(k, events)| {
                    events
                        .iter()
                        .enumerate()
                        .map(|(i, e)| event_row_html(&i18n, e, lang.as_deref(), &carrier, mode, k == 0 && i == 0))
                        .collect()
                })
                .collect();
            append_rows(list_node, chunks, focus);
        };
        if expanding.get_untracked() {
            rest(false);
        }
        let show_all = move |_| {
            expanding.set(true);
            rest(true);
        };
        view! {
            <ol class="timeline__events" node_ref=list_node aria-label=move || i18n.tp("track.timeline.count", total as i64)>
                {rows(0, FIRST_EVENTS)}
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
            <h2 id="timeline-heading">{i18n.text("track.timeline.title")}</h2>
            <ZoneSwitch/>
            {list}
        </section>
    }
}

/// Appends the older events, one chunk per animation frame; after the first, focus goes to the
/// first event the shopper had not seen (when `focus`). The rows are built as one string per
/// chunk and added in one step: a thousand rows made element by element cost several frames.
/// Every text in them is escaped ([`escape`]), so what a carrier wrote stays text.
fn append_rows(list: NodeRef<leptos::html::Ol>, chunks: Vec<String>, focus: bool) {
    request_animation_frame(move || {
        let Some(ol) = list.get_untracked() else { return }; // the timeline is gone
        // A list built anew keeps its element and its first rows (updated in place): the rows
        // added before, in the language and zone of then, go (and the focus, if one had it,
        // comes back to their first).
        let had_focus = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|a| a.has_attribute("data-added") && ol.contains(Some(&a)));
        while let Ok(Some(added)) = ol.query_selector(":scope > [data-added]") {
            added.remove();
        }
        let Some(first) = chunks.first() else { return };
        let _ = ol.insert_adjacent_html("beforeend", first);
        if focus || had_focus {
            request_animation_frame(|| focus_element("timeline-first-hidden"));
        }
        append_more(ol, chunks, 1);
    });
}

/// The chunks after the first, into the list they began in: one built anew meanwhile (and so no
/// longer in the page) is left alone, its successor having begun its own.
fn append_more(ol: web_sys::HtmlOListElement, chunks: Vec<String>, next: usize) {
    if next >= chunks.len() {
        return;
    }
    request_animation_frame(move || {
        let Some(chunk) = chunks.get(next).filter(|_| ol.is_connected()) else { return };
        let _ = ol.insert_adjacent_html("beforeend", chunk);
        append_more(ol, chunks, next + 1);
    });
}

/// Text made safe to place in HTML (element content or a quoted attribute).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The same row as [`event_row`], as HTML with every text escaped.
fn event_row_html(
    i18n: &crate::i18n::I18n,
    event: &TrackingEvent,
    lang: Option<&str>,
    carrier: &str,
    mode: ZoneMode,
    first_hidden: bool,
) -> String {
    let severity = super::words::severity_class(event.severity);
    let unknown = if event.phase == Phase::Unknown { " event--unknown" } else { "" };
    let shown = shown_time(i18n, &event.time, mode);
    let raw = clip(&event.raw_status, 500);
    let status = if raw.trim().is_empty() {
        format!(r#"<span class="muted">{}</span>"#, escape(&i18n.t("track.timeline.no_words")))
    } else {
        match lang {
            Some(lang) => format!(r#"<span lang="{}">{}</span>"#, escape(lang), escape(&raw)),
            None => format!("<span>{}</span>", escape(&raw)),
        }
    };
    let location = clip(&event.location, 200);
    let place =
        if location.trim().is_empty() { String::new() } else { format!(r#" · <span class="event__place">{}</span>"#, escape(&location)) };
    let note = if event.after_delivery {
        format!(r#"<p class="event__note muted">{}</p>"#, escape(&i18n.t("track.timeline.after_delivery")))
    } else {
        String::new()
    };
    let action =
        action_text(i18n, event.action, carrier).map(|t| format!(r#"<p class="event__action">{}</p>"#, escape(&t))).unwrap_or_default();
    let focus = if first_hidden { r#" id="timeline-first-hidden" tabindex="-1""# } else { "" };
    format!(
        r#"<li class="event event--{severity}{unknown}" data-testid="tracking-event" data-added{focus}><p class="event__when"><time{datetime}>{text}</time> <span class="event-time__zone">({zone})</span></p><p class="event__status">{status}</p><p class="event__meta"><span class="event__phase">{phase}</span> <span class="severity severity--{severity}">{severity_label}</span>{place}</p>{note}{action}</li>"#,
        datetime = shown.datetime.as_deref().map(|d| format!(r#" datetime="{}""#, escape(d))).unwrap_or_default(),
        text = escape(&shown.text),
        zone = escape(&shown.zone),
        phase = escape(&phase_label(i18n, event.phase)),
        severity_label = escape(&super::words::severity_label(i18n, event.severity)),
    )
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
        <FormField id="zone-mode" name="zone-mode" label="track.zone.legend" layout=FieldLayout::Group class="zone-switch">
            <label class="zone-switch__option">
                <Radio id="zone-mode-event" value="event" checked=Signal::derive(move || mode.get() == ZoneMode::EventZone)
                    on_select=move || mode.set(ZoneMode::EventZone)/>
                " " {i18n.text("track.zone.event")}
            </label>
            <label class="zone-switch__option">
                <Radio id="zone-mode-viewer" value="viewer" checked=Signal::derive(move || mode.get() == ZoneMode::ViewerZone)
                    on_select=move || mode.set(ZoneMode::ViewerZone)/>
                " " {move || i18n.tf("track.zone.viewer", &[("zone", &zone)])}
            </label>
        </FormField>
    }
    .into_any()
}

/// One event: when, where, the carrier's words, and what they mean (plain text, see `rows`).
fn event_row(
    i18n: &crate::i18n::I18n,
    event: &TrackingEvent,
    lang: Option<String>,
    carrier: &str,
    mode: ZoneMode,
    first_hidden: bool,
) -> impl IntoView + use<> {
    let severity = event.severity;
    let phase = event.phase;
    let raw = clip(&event.raw_status, 500);
    let location = clip(&event.location, 200);
    let class =
        format!("event event--{}{}", super::words::severity_class(severity), if phase == Phase::Unknown { " event--unknown" } else { "" });
    let shown = shown_time(i18n, &event.time, mode);
    let status = if raw.trim().is_empty() {
        view! { <span class="muted">{i18n.t("track.timeline.no_words")}</span> }.into_any()
    } else {
        view! { <span lang=lang>{raw}</span> }.into_any()
    };
    view! {
        <li class=class data-testid="tracking-event" id=first_hidden.then_some("timeline-first-hidden") tabindex=first_hidden.then_some("-1")>
            <p class="event__when">
                <time datetime=shown.datetime>{shown.text}</time> " " <span class="event-time__zone">"(" {shown.zone} ")"</span>
            </p>
            <p class="event__status">{status}</p>
            <p class="event__meta">
                <span class="event__phase">{phase_label(i18n, phase)}</span>
                " " <span class=format!("severity severity--{}", super::words::severity_class(severity))>{super::words::severity_label(i18n, severity)}</span>
                {(!location.trim().is_empty()).then(|| view! { " · " <span class="event__place">{location}</span> })}
            </p>
            {event.after_delivery.then(|| view! { <p class="event__note muted">{i18n.t("track.timeline.after_delivery")}</p> })}
            {action_text(i18n, event.action, carrier).map(|text| view! { <p class="event__action">{text}</p> })}
        </li>
    }
}
