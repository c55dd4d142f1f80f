//! The weekly hours and the time zone they are in.

use super::ranges::RangesEditor;
use crate::contact::editor::draft::{Draft, Issues, day_ranges, field_id, lens};
use crate::contact::zones::known_zones;
use crate::i18n::use_i18n;
use crate::ui::intl::weekday_name;
use crate::ui::{FormField, Select};
use leptos::prelude::*;
use vitrina_core::civil::Weekday;
use vitrina_core::contact::paths;
use vitrina_core::contact::schedule::weekday_key;

/// The time zone (from the browser's list) and each weekday's ranges.
#[component]
pub(in crate::contact::editor) fn HoursSection(draft: Draft, issues: Issues) -> impl IntoView {
    let i18n = use_i18n();
    let zone = lens!(draft, time_zone);
    let zones = StoredValue::new(known_zones());
    // The saved zone stays choosable even when this browser does not list it.
    let options = Signal::derive(move || {
        let current = zone.get();
        let mut list = zones.get_value();
        if !current.is_empty() && !list.contains(&current) {
            list.insert(0, current);
        }
        list
    });
    view! {
        <fieldset class="editor__section">
            <legend><h2>{i18n.text("editor.section.hours")}</h2></legend>
            <p class="field__hint">{i18n.text("editor.hours.hint")}</p>
            <FormField id=field_id(paths::TIME_ZONE) label="editor.hours.zone" error=issues.signal(paths::TIME_ZONE)>
                <Select value=zone options=options label=|z: String| z/>
            </FormField>
            <div class="hours">
                {Weekday::ALL.into_iter().map(|day| {
                    let name = Signal::derive(move || weekday_name(day, i18n.get()));
                    view! {
                        <div class="hours__day" data-day=weekday_key(day)>
                            <p class="hours__name"><strong>{move || name.get()}</strong></p>
                            <RangesEditor path=paths::hours_day(day) day=name ranges=day_ranges(draft, day) issues=issues/>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}
