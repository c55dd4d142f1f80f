//! The phone: the number, calls or text messages, and who may see it (only during the hours).

use super::audience::AudienceSelect;
use crate::contact::editor::draft::{Draft, Issues, field_id, lens};
use crate::i18n::use_i18n;
use crate::ui::{Check, FieldLayout, FormField, Radio, TextInput};
use leptos::prelude::*;
use vitrina_core::api::PhoneAction;
use vitrina_core::contact::paths;

/// Offering the phone, its number, and whether calls or text messages are preferred.
#[component]
pub(in crate::contact::editor) fn PhoneSection(draft: Draft, issues: Issues) -> impl IntoView {
    let i18n = use_i18n();
    let accepts = draft.accepts_contact();
    let action = lens!(draft, phone.action);
    view! {
        <fieldset class="editor__section" prop:disabled=move || !accepts.get()>
            <legend><h2>{i18n.text("editor.section.phone")}</h2></legend>
            <FormField id=field_id(paths::PHONE_ENABLED) label="editor.phone.enabled" layout=FieldLayout::Check class="field field--check"
                error=issues.signal(paths::PHONE_ENABLED)>
                <Check checked=lens!(draft, phone.enabled)/>
            </FormField>
            <FormField id=field_id(paths::PHONE_NUMBER) label="editor.phone.number" hint="editor.phone.number_hint" optional=true
                error=issues.signal(paths::PHONE_NUMBER) on_blur=issues.touched.on_blur(paths::PHONE_NUMBER)>
                <TextInput value=lens!(draft, phone.number) input_type="tel" autocomplete="tel" inputmode="tel" maxlength=30/>
            </FormField>
            <FormField id="cs-phone-action" name="phone-action" label="editor.phone.action" layout=FieldLayout::Group class="field">
                <div class="field--check">
                    <Radio id="cs-phone-action-call" checked=Signal::derive(move || action.get() != PhoneAction::Sms)
                        on_select=move || action.set(PhoneAction::Call)/>
                    <label for="cs-phone-action-call">{i18n.text("editor.phone.call")}</label>
                </div>
                <div class="field--check">
                    <Radio id="cs-phone-action-sms" checked=Signal::derive(move || action.get() == PhoneAction::Sms)
                        on_select=move || action.set(PhoneAction::Sms)/>
                    <label for="cs-phone-action-sms">{i18n.text("editor.phone.sms")}</label>
                </div>
            </FormField>
            <AudienceSelect id=field_id(paths::PHONE_AUDIENCE) value=lens!(draft, phone.audience)/>
            <p class="field__hint">{i18n.text("editor.phone.hours_hint")}</p>
        </fieldset>
    }
}
