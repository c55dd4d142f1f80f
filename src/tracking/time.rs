//! Event times on screen: in the event's own local time with its zone, or in the viewer's zone.
//! Formatting is the browser's `Intl` (via `ui::intl`); the arithmetic is `vitrina_core`'s.

use crate::i18n::I18n;
use crate::ui::intl::{format_date_time, viewer_time_zone};
use leptos::prelude::*;
use vitrina_core::api::EventTime;
use vitrina_core::tracking::PlaceZone;

/// Which clock the times are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ZoneMode {
    /// Each event in the local time of its place, with its zone.
    #[default]
    EventZone,
    /// Every event (that has a zone) in the viewer's own zone.
    ViewerZone,
}

/// The shared switch between the two, for every time on the shipment's page.
#[derive(Debug, Clone, Copy)]
pub struct ZoneSetting(pub RwSignal<ZoneMode>);

/// A time as shown: the text, what zone it is in, and the `datetime` attribute.
pub struct ShownTime {
    pub text: String,
    pub zone: String,
    pub datetime: Option<String>,
}

/// How `time` reads in `mode`.
pub fn shown_time(i18n: &I18n, time: &EventTime, mode: ZoneMode) -> ShownTime {
    let locale = i18n.get();
    let Some(wall_clock) = time.wall_clock_rfc3339() else {
        // Not a time we can read: show what the carrier sent, as text.
        let text = if time.local.trim().is_empty() { i18n.t("track.time.missing") } else { time.local.clone() };
        return ShownTime { text, zone: String::new(), datetime: None };
    };
    let in_place = || format_date_time(&wall_clock, locale, Some("UTC"));
    let place_zone = || match time.place_zone() {
        PlaceZone::Known(zone) => zone,
        PlaceZone::WithoutOffset(zone) => i18n.tf("track.time.zone_without_offset", &[("zone", zone)]),
        PlaceZone::Unknown => i18n.t("track.time.no_zone"),
    };
    let datetime = time.datetime_attribute();
    match (mode, time.rfc3339()) {
        (ZoneMode::ViewerZone, Some(instant)) => ShownTime {
            text: format_date_time(&instant, locale, None),
            zone: i18n.tf("track.time.your_zone", &[("zone", &viewer_time_zone())]),
            datetime,
        },
        _ => ShownTime { text: in_place(), zone: place_zone(), datetime },
    }
}

/// A time in the setting the page is in (each event's place, or the viewer's zone).
#[component]
pub fn EventTimeText(
    /// The time as the carrier reported it.
    time: EventTime,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let mode = use_context::<ZoneSetting>().map(|s| s.0);
    move || {
        let shown = shown_time(&i18n, &time, mode.map(|m| m.get()).unwrap_or_default());
        view! {
            <time datetime=shown.datetime>{shown.text}</time>
            " "
            <span class="event-time__zone">"(" {shown.zone} ")"</span>
        }
    }
}
