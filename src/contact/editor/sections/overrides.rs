//! Special dates: holidays and other days with hours of their own.

use super::ranges::RangesEditor;
use crate::contact::editor::draft::{Draft, Issues, field_id, item, lens};
use crate::i18n::use_i18n;
use crate::ui::{DateInput, FormField, TextInput};
use leptos::prelude::*;
use vitrina_core::api::DateOverride;
use vitrina_core::contact::paths;

/// The list of special dates, each with its date, what it is, and its hours.
#[component]
pub(in crate::contact::editor) fn OverridesSection(draft: Draft, issues: Issues) -> impl IntoView {
    let i18n = use_i18n();
    let rows = lens!(draft, overrides);
    let count = Memo::new(move |_| rows.with(Vec::len));
    view! {
        <fieldset class="editor__section">
            <legend><h2>{i18n.text("editor.section.overrides")}</h2></legend>
            <p class="field__hint">{i18n.text("editor.overrides.hint")}</p>
            <ul class="editor__rows">
                <For each=move || 0..count.get() key=|i| *i let:i>
                    {
                        let date = item(rows, i, |o| o.date.clone(), |o, date| o.date = date);
                        let label = Signal::derive(move || { let d = date.get(); if d.is_empty() { i18n.t("editor.overrides.new") } else { d } });
                        let note = paths::override_note(i);
                        view! {
                            <li class="editor__row editor__row--override">
                                <FormField id=field_id(&paths::override_date(i)) label="editor.overrides.date" error=issues.signal(paths::override_date(i))
                                    on_blur=issues.touched.on_blur(paths::override_date(i))>
                                    <DateInput value=date/>
                                </FormField>
                                <FormField id=field_id(&note) label="editor.overrides.note" error=issues.signal(note.clone())>
                                    <TextInput value=item(rows, i, |o| o.note.clone(), |o, note| o.note = note) maxlength=100/>
                                </FormField>
                                <p class="field__hint">{i18n.text("editor.overrides.closed_hint")}</p>
                                <RangesEditor path=paths::override_ranges(i) day=label ranges=item(rows, i, |o| o.ranges.clone(), |o, r| o.ranges = r)
                                    issues=issues/>
                                <button type="button" class="button button--link" on:click=move |_| rows.update(|all| { if i < all.len() { all.remove(i); } })>
                                    {i18n.text("editor.overrides.remove")}
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <button type="button" class="button button--secondary" id=field_id(paths::OVERRIDES)
                on:click=move |_| rows.update(|all| all.push(DateOverride::default()))>
                {i18n.text("editor.overrides.add")}
            </button>
        </fieldset>
    }
}
