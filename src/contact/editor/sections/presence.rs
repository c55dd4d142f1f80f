//! Right now: the seller's own "available now / away now" switch (seed 001: set yourself away
//! when busy). It lasts until the end of the day's hours; then the hours decide again.

use crate::contact::editor::draft::{Draft, lens};
use crate::i18n::use_i18n;
use crate::ui::{FieldLayout, FormField, Radio};
use leptos::prelude::*;
use vitrina_core::api::{Presence, PresenceState};
use vitrina_core::civil::{UnixSeconds, format_rfc3339_utc};
use vitrina_core::contact::paths;

/// The three positions of the switch, each a radio; choosing one stamps it with `now` so the
/// preview shows it at once (the backend stamps it again with its own clock when it is saved).
#[component]
pub(in crate::contact::editor) fn PresenceSection(
    draft: Draft,
    /// The editor's "now".
    #[prop(into)]
    now: Signal<UnixSeconds>,
) -> impl IntoView {
    let i18n = use_i18n();
    let accepts = draft.accepts_contact();
    let presence = lens!(draft, presence);
    let id = |s: PresenceState| format!("cs-presence-{}", key(s));
    let choices = [
        (PresenceState::Schedule, "editor.presence.schedule"),
        (PresenceState::Available, "editor.presence.available"),
        (PresenceState::Away, "editor.presence.away"),
    ];
    view! {
        <fieldset class="editor__section" prop:disabled=move || !accepts.get()>
            <legend><h2>{i18n.text("editor.section.presence")}</h2></legend>
            <p class="field__hint">{i18n.text("editor.presence.hint")}</p>
            <FormField id=id(PresenceState::Schedule) name=paths::PRESENCE_STATE layout=FieldLayout::Group>
                {choices.into_iter().map(|(choice, label)| view! {
                    <div class="field field--check">
                        <Radio id=id(choice) value=key(choice).to_owned() checked=Signal::derive(move || presence.with(|p| p.state == choice))
                            on_select=move || presence.set(switched(choice, now.get_untracked()))/>
                        <label for=id(choice)>{move || i18n.t(label)}</label>
                    </div>
                }).collect_view()}
            </FormField>
        </fieldset>
    }
}

/// The switch turned to `state` at `now` (the hours need no time).
fn switched(state: PresenceState, now: UnixSeconds) -> Presence {
    match state {
        PresenceState::Available | PresenceState::Away => Presence { state, set_at: format_rfc3339_utc(now) },
        _ => Presence::default(),
    }
}

fn key(state: PresenceState) -> &'static str {
    match state {
        PresenceState::Available => "available",
        PresenceState::Away => "away",
        _ => "schedule",
    }
}
