//! Who the seller is (seed 001: the full name; a business's name and tax ID; the site), and how
//! soon they usually reply.

use crate::contact::editor::draft::{Draft, Issues, field_id, lens};
use crate::contact::response_time_words;
use crate::i18n::use_i18n;
use crate::ui::{FormField, Select, TextInput};
use leptos::prelude::*;
use vitrina_core::contact::paths;

/// The reply times offered (a saved one outside the list is offered too).
const REPLY_WITHIN_HOURS: [u32; 8] = [1, 2, 4, 8, 12, 24, 48, 72];

/// Name, nickname, company, tax ID, site, and the usual reply time.
#[component]
pub(in crate::contact::editor) fn IdentitySection(draft: Draft, issues: Issues) -> impl IntoView {
    let i18n = use_i18n();
    let response = lens!(draft, response_time_hours);
    let choices = Signal::derive(move || {
        let current = response.get();
        let mut list = REPLY_WITHIN_HOURS.to_vec();
        if !list.contains(&current) {
            list.push(current);
            list.sort_unstable();
        }
        list
    });
    let error = move |path: &'static str| issues.signal(path);
    let left = move |path: &'static str| issues.touched.on_blur(path);
    view! {
        <fieldset class="editor__section">
            <legend><h2>{i18n.text("editor.section.identity")}</h2></legend>
            <p class="field__hint">{i18n.text("editor.identity.hint")}</p>
            <FormField id=field_id(paths::FULL_NAME) label="editor.identity.full_name" optional=true error=error(paths::FULL_NAME)
                on_blur=left(paths::FULL_NAME)>
                <TextInput value=lens!(draft, identity.full_name) autocomplete="name" maxlength=100/>
            </FormField>
            <FormField id=field_id(paths::NICKNAME) label="editor.identity.nickname" optional=true error=error(paths::NICKNAME)>
                <TextInput value=lens!(draft, identity.nickname) autocomplete="nickname" maxlength=60/>
            </FormField>
            <FormField id=field_id(paths::LEGAL_ENTITY) label="editor.identity.legal_entity" hint="editor.identity.legal_entity_hint"
                optional=true error=error(paths::LEGAL_ENTITY) on_blur=left(paths::LEGAL_ENTITY)>
                <TextInput value=lens!(draft, identity.legal_entity) autocomplete="organization" maxlength=150/>
            </FormField>
            <FormField id=field_id(paths::TAX_ID) label="editor.identity.tax_id" optional=true error=error(paths::TAX_ID)
                on_blur=left(paths::TAX_ID)>
                <TextInput value=lens!(draft, identity.tax_id) maxlength=20/>
            </FormField>
            <FormField id=field_id(paths::WEBSITE) label="editor.identity.website" optional=true error=error(paths::WEBSITE)
                on_blur=left(paths::WEBSITE)>
                <TextInput value=lens!(draft, identity.website) input_type="url" autocomplete="url" inputmode="url" maxlength=200/>
            </FormField>
            <FormField id=field_id(paths::RESPONSE_TIME_HOURS) label="editor.identity.response_time">
                <Select value=response options=choices label=move |hours: u32| response_time_words(&i18n, hours)/>
                <p class="field__hint">{i18n.text("editor.identity.response_time_hint")}</p>
            </FormField>
        </fieldset>
    }
}
