//! A postal address for letters.

use super::audience::AudienceSelect;
use crate::contact::editor::draft::{Draft, Issues, field_id, lens};
use crate::i18n::use_i18n;
use crate::ui::{Check, FieldLayout, FormField, TextArea};
use leptos::prelude::*;
use vitrina_core::contact::paths;

/// Offering a postal address, and to whom.
#[component]
pub(in crate::contact::editor) fn PostalSection(draft: Draft, issues: Issues) -> impl IntoView {
    let i18n = use_i18n();
    let accepts = draft.accepts_contact();
    view! {
        <fieldset class="editor__section" prop:disabled=move || !accepts.get()>
            <legend><h2>{i18n.text("editor.section.postal")}</h2></legend>
            <FormField id=field_id(paths::POSTAL_ENABLED) label="editor.postal.enabled" layout=FieldLayout::Check class="field field--check">
                <Check checked=lens!(draft, postal.enabled)/>
            </FormField>
            <FormField id=field_id(paths::POSTAL_ADDRESS) label="editor.postal.address" error=issues.signal(paths::POSTAL_ADDRESS)
                on_blur=issues.touched.on_blur(paths::POSTAL_ADDRESS)>
                <TextArea value=lens!(draft, postal.address) rows=4 maxlength=500 autocomplete="street-address"/>
            </FormField>
            <AudienceSelect id=field_id(paths::POSTAL_AUDIENCE) value=lens!(draft, postal.audience)/>
        </fieldset>
    }
}
