//! Whether customers can contact the seller at all.

use crate::contact::editor::draft::{Draft, Issues, field_id};
use crate::i18n::use_i18n;
use crate::ui::{FieldLayout, FormField, Radio};
use leptos::prelude::*;
use vitrina_core::contact::paths;

/// Taking contact, or none at all (the page then says so and suggests other ways).
#[component]
pub(in crate::contact::editor) fn ContactWaySection(draft: Draft, issues: Issues) -> impl IntoView {
    let i18n = use_i18n();
    let accepts = draft.accepts_contact();
    let (yes, no) = (field_id(paths::ACCEPTS_CONTACT), format!("{}-no", field_id(paths::ACCEPTS_CONTACT)));
    view! {
        <fieldset class="editor__section">
            <legend><h2>{i18n.text("editor.section.contact")}</h2></legend>
            <FormField id=yes.clone() name="accepts" layout=FieldLayout::Group error=issues.signal(paths::ACCEPTS_CONTACT)>
                <div class="field field--check">
                    <Radio id=yes.clone() checked=Signal::derive(move || accepts.get()) on_select=move || accepts.set(true)/>
                    <label for=yes>{i18n.text("editor.accepts.yes")}</label>
                </div>
                <div class="field field--check">
                    <Radio id=no.clone() checked=Signal::derive(move || !accepts.get()) on_select=move || accepts.set(false)/>
                    <label for=no>{i18n.text("editor.accepts.no")}</label>
                </div>
            </FormField>
        </fieldset>
    }
}
