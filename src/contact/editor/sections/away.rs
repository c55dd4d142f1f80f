//! Away: a real absence of several days (seed 001), with the date of return.

use crate::contact::editor::draft::{Draft, Issues, field_id, lens};
use crate::i18n::use_i18n;
use crate::ui::{Check, DateInput, FieldLayout, FormField, TextInput};
use leptos::prelude::*;
use vitrina_core::contact::paths;

/// Being away, until when, and a note for shoppers meanwhile.
#[component]
pub(in crate::contact::editor) fn AwaySection(draft: Draft, issues: Issues) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="editor__section">
            <legend><h2>{i18n.text("editor.section.away")}</h2></legend>
            <p class="field__hint">{i18n.text("editor.away.hint")}</p>
            <FormField id=field_id(paths::AWAY_ENABLED) label="editor.away.enabled" layout=FieldLayout::Check class="field field--check">
                <Check checked=lens!(draft, away.enabled)/>
            </FormField>
            <FormField id=field_id(paths::AWAY_UNTIL) label="editor.away.until" error=issues.signal(paths::AWAY_UNTIL)
                on_blur=issues.touched.on_blur(paths::AWAY_UNTIL)>
                <DateInput value=lens!(draft, away.until)/>
            </FormField>
            <FormField id=field_id(paths::AWAY_NOTE) label="editor.away.note" hint="editor.away.note_hint" optional=true
                error=issues.signal(paths::AWAY_NOTE)>
                <TextInput value=lens!(draft, away.note) maxlength=500/>
            </FormField>
        </fieldset>
    }
}
