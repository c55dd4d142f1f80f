//! Email: the address, shown (protected from harvesters), behind a contact form, or both.

use super::audience::AudienceSelect;
use crate::contact::editor::draft::{Draft, Issues, field_id, lens};
use crate::i18n::use_i18n;
use crate::ui::{Check, FieldLayout, FormField, TextInput, field_code_words};
use leptos::prelude::*;
use vitrina_core::contact::paths;
use vitrina_core::{FieldCode, FieldError};

/// Offering email, the address, and how shoppers reach it.
#[component]
pub(in crate::contact::editor) fn EmailSection(
    draft: Draft,
    issues: Issues,
    /// The rules' advice (a free mailbox), which does not stop a save.
    warnings: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let accepts = draft.accepts_contact();
    let free_mailbox = move || warnings.with(|w| w.iter().any(|w| w.field == paths::EMAIL_ADDRESS && w.code == FieldCode::FreeMailbox));
    view! {
        <fieldset class="editor__section" prop:disabled=move || !accepts.get()>
            <legend><h2>{i18n.text("editor.section.email")}</h2></legend>
            <FormField id=field_id(paths::EMAIL_ENABLED) label="editor.email.enabled" layout=FieldLayout::Check class="field field--check">
                <Check checked=lens!(draft, email.enabled)/>
            </FormField>
            <FormField id=field_id(paths::EMAIL_ADDRESS) label="editor.email.address" hint="editor.email.address_hint" optional=true
                error=issues.signal(paths::EMAIL_ADDRESS) on_blur=issues.touched.on_blur(paths::EMAIL_ADDRESS)>
                <TextInput value=lens!(draft, email.address) input_type="email" autocomplete="email" inputmode="email" maxlength=254/>
            </FormField>
            {move || free_mailbox().then(|| view! {
                <p class="field__warning" data-testid="free-mailbox-warning">{field_code_words(&i18n, FieldCode::FreeMailbox)}</p>
            })}
            <FormField id=field_id(paths::EMAIL_SHOW_ADDRESS) label="editor.email.show" layout=FieldLayout::Check class="field field--check"
                error=issues.signal(paths::EMAIL_SHOW_ADDRESS)>
                <Check checked=lens!(draft, email.show_address)/>
            </FormField>
            <FormField id=field_id(paths::EMAIL_CONTACT_FORM) label="editor.email.form" layout=FieldLayout::Check class="field field--check">
                <Check checked=lens!(draft, email.contact_form)/>
            </FormField>
            <AudienceSelect id=field_id(paths::EMAIL_AUDIENCE) value=lens!(draft, email.audience)/>
        </fieldset>
    }
}
