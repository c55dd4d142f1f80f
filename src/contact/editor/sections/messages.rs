//! Instant messages: the messengers the seller really uses, one row each.

use super::audience::AudienceSelect;
use crate::contact::editor::draft::{Draft, Issues, field_id, item, lens};
use crate::i18n::use_i18n;
use crate::ui::field::Choice;
use crate::ui::{Check, FieldLayout, FormField, Select, TextInput};
use leptos::prelude::*;
use vitrina_core::api::{Messenger, MessengerKind};
use vitrina_core::contact::paths;

impl Choice for MessengerKind {
    fn key(&self) -> String {
        self.slug().to_owned()
    }
}

/// Offering instant messages, to whom, and through which messengers.
#[component]
pub(in crate::contact::editor) fn MessagesSection(draft: Draft, issues: Issues) -> impl IntoView {
    let i18n = use_i18n();
    let accepts = draft.accepts_contact();
    let messengers = lens!(draft, messages.messengers);
    let count = Memo::new(move |_| messengers.with(Vec::len));
    view! {
        <fieldset class="editor__section" prop:disabled=move || !accepts.get()>
            <legend><h2>{i18n.text("editor.section.messages")}</h2></legend>
            <FormField id=field_id(paths::MESSAGES_ENABLED) label="editor.messages.enabled" layout=FieldLayout::Check class="field field--check">
                <Check checked=lens!(draft, messages.enabled)/>
            </FormField>
            <p class="field__hint">{i18n.text("editor.messages.hint")}</p>
            <AudienceSelect id=field_id(paths::MESSAGES_AUDIENCE) value=lens!(draft, messages.audience)/>
            <FormField id=field_id(paths::MESSENGERS) layout=FieldLayout::Group error=issues.signal(paths::MESSENGERS)>
                <ul class="editor__rows">
                    <For each=move || 0..count.get() key=|i| *i let:i>
                        {
                            let handle = paths::messenger_handle(i);
                            view! {
                                <li class="editor__row">
                                    <FormField id=format!("cs-messenger-kind-{i}") label="editor.messenger.kind">
                                        <Select value=item(messengers, i, |m| m.kind, |m, kind| m.kind = kind) options=MessengerKind::ALL.to_vec()
                                            label=|kind: MessengerKind| kind.name().to_owned()/>
                                    </FormField>
                                    <FormField id=field_id(&handle) label="editor.messenger.handle" error=issues.signal(handle.clone())
                                        on_blur=issues.touched.on_blur(handle)>
                                        <TextInput value=item(messengers, i, |m| m.handle.clone(), |m, handle| m.handle = handle) maxlength=100/>
                                    </FormField>
                                    <button type="button" class="button button--link" on:click=move |_| messengers.update(|all| { if i < all.len() { all.remove(i); } })>
                                        {i18n.text("editor.messenger.remove")}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
                // The list's own message (none yet, too many) is the group's; the summary links to the button.
                <button type="button" class="button button--secondary" id=field_id(paths::MESSENGERS)
                    on:click=move |_| messengers.update(|all| all.push(Messenger { kind: MessengerKind::Telegram, handle: String::new() }))>
                    {i18n.text("editor.messenger.add")}
                </button>
            </FormField>
        </fieldset>
    }
}
