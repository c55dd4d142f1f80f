//! The signature under the seller's emails (seed 003), with its line count as it is typed and a
//! way to make one from the seller's details.

use crate::contact::editor::draft::{Draft, Issues, field_id, lens};
use crate::i18n::use_i18n;
use crate::ui::{FormField, TextArea};
use leptos::prelude::*;
use vitrina_core::contact::{paths, signature};

/// The signature, its counts, and "fill in from my details".
#[component]
pub(in crate::contact::editor) fn SignatureSection(
    draft: Draft,
    issues: Issues,
    /// The store's name, for a suggested signature without a company.
    seller_name: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = lens!(draft, signature);
    let counts = Signal::derive(move || {
        let text = text.get();
        let lines = signature::lines(&text);
        let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        i18n.tf(
            "editor.signature.count",
            &[
                ("lines", &lines.len().to_string()),
                ("max_lines", &signature::MAX_LINES.to_string()),
                ("longest", &longest.to_string()),
                ("max_chars", &signature::MAX_LINE_CHARS.to_string()),
            ],
        )
    });
    let suggest = move |_| {
        let suggested = draft.with_untracked(|s| {
            let phone = if s.phone.enabled { s.phone.number.as_str() } else { "" };
            signature::suggest(&s.identity, &seller_name.get_untracked(), &s.email.address, phone)
        });
        text.set(suggested);
    };
    view! {
        <fieldset class="editor__section">
            <legend><h2>{i18n.text("editor.section.signature")}</h2></legend>
            <FormField id=field_id(paths::SIGNATURE) label="editor.signature.label" hint="editor.signature.hint" note=counts
                error=issues.signal(paths::SIGNATURE) on_blur=issues.touched.on_blur(paths::SIGNATURE)>
                <TextArea value=text class="field__input--mono"/>
            </FormField>
            <button type="button" class="button button--secondary" on:click=suggest>{i18n.text("editor.signature.suggest")}</button>
        </fieldset>
    }
}
