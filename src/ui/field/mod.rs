//! One field wrapper for every form control. [`FormField`] gives a control its label, hint,
//! message and "(optional)" mark, and hands the control (through context, as thaw's `Field`
//! does) the ids and state it wires into `aria-invalid` and `aria-describedby`; so no control can
//! show a message that assistive technology does not hear.
//!
//! ```ignore
//! <FormField id="email" label="checkout.contact.email" error=message required=true>
//!     <TextInput value=state.email() input_type="email" autocomplete="email"/>
//! </FormField>
//! ```

mod controls;
mod model;
mod touched;
mod words;

pub use controls::{Check, Choice, DateInput, Radio, Select, TextArea, TextInput};
pub use model::Model;
pub use touched::Touched;
pub use words::{field_code_key, field_code_words};

use crate::i18n::use_i18n;
use leptos::context::Provider;
use leptos::prelude::*;

/// How a field lays out its label, control and message.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FieldLayout {
    /// Label, hint, the control, its message: text, text areas, selects, dates.
    #[default]
    Stacked,
    /// A checkbox, then its label.
    Check,
    /// Several controls under one message: a radio group (its legend is the label, and the
    /// group is what the error summary focuses), or the two times of a range (no legend: the
    /// controls name themselves, and the first takes the field's id).
    Group,
}

/// What a control inside a [`FormField`] needs to wire itself.
#[derive(Clone)]
pub struct FieldContext {
    /// The control's id (in a group with a legend: the group's).
    pub id: String,
    /// The `name` of a group's radios.
    pub name: String,
    hint_id: Option<String>,
    note_id: Option<String>,
    error_id: String,
    /// The message, when there is one.
    pub error: Signal<Option<String>>,
    pub required: bool,
    on_blur: Option<Callback<()>>,
}

impl FieldContext {
    /// `aria-describedby`: the hint, the note and the message, those that are there (tracked).
    pub fn described_by(&self) -> Option<String> {
        let error = self.error.with(Option::is_some).then(|| self.error_id.clone());
        let ids: Vec<String> = [self.hint_id.clone(), self.note_id.clone(), error].into_iter().flatten().collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    /// `aria-invalid` (tracked).
    pub fn invalid(&self) -> &'static str {
        if self.error.with(Option::is_some) { "true" } else { "false" }
    }

    /// To call when the control loses focus.
    pub fn blurred(&self) {
        if let Some(on_blur) = self.on_blur {
            on_blur.run(());
        }
    }
}

/// The [`FieldContext`] of the field this control is in.
pub fn use_field() -> FieldContext {
    expect_context::<FieldContext>()
}

/// A form field: label, hint and message around one control (or a group of radios), tied to it
/// for assistive technology. The control is the child and reads everything it needs from here.
#[component]
pub fn FormField(
    /// The control's id, which the error summary links to; the hint and the message are
    /// `{id}-hint` and `{id}-error`.
    #[prop(into)]
    id: String,
    /// Key of the label (a group's legend). A group without one is named by its surroundings.
    #[prop(optional)]
    label: Option<&'static str>,
    /// The label as given, when it is data rather than words of the app (an item's name).
    #[prop(optional, into)]
    label_text: Option<Signal<String>>,
    /// Key of a hint shown under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// A hint in words (from the store's data), when not a key; shown the same way.
    #[prop(optional_no_strip, into)]
    hint_text: Option<Signal<String>>,
    /// What is wrong with the value, in words, when something is.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// The field must be filled in.
    #[prop(optional)]
    required: bool,
    /// Says "(optional)" beside the label.
    #[prop(optional)]
    optional: bool,
    /// Live text under the control that describes it too (a counter), `{id}-note`.
    #[prop(optional, into)]
    note: Option<Signal<String>>,
    /// Called when the control loses focus (to check it then).
    #[prop(optional, into)]
    on_blur: Option<Callback<()>>,
    /// How label, control and message are laid out.
    #[prop(optional)]
    layout: FieldLayout,
    /// The wrapper's classes, when not the layout's own.
    #[prop(optional)]
    class: Option<&'static str>,
    /// The `name` of a group's radios (by default the id).
    #[prop(optional)]
    name: Option<&'static str>,
    /// The control.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let context = FieldContext {
        name: name.map(str::to_owned).unwrap_or_else(|| id.clone()),
        hint_id: (hint.is_some() || hint_text.is_some()).then(|| format!("{id}-hint")),
        note_id: note.map(|_| format!("{id}-note")),
        error_id: format!("{id}-error"),
        error,
        required,
        on_blur,
        id,
    };
    let FieldContext { id, hint_id, note_id, error_id, .. } = context.clone();
    // Scoped to the control (a component has no scope of its own): a field beside this one, or
    // a control created later inside this one, never finds the other's context.
    let provided = context.clone();
    let children = move || view! { <Provider value=provided>{children()}</Provider> };
    let has_label = label.is_some() || label_text.is_some();
    let label_text = move || match (label, label_text) {
        (Some(key), _) => i18n.t(key),
        (None, Some(text)) => text.get(),
        (None, None) => String::new(),
    };
    let hint_words = move || match (hint, hint_text) {
        (Some(key), _) => i18n.t(key),
        (None, Some(text)) => text.get(),
        (None, None) => String::new(),
    };
    let hint = hint_id.map(|hint_id| view! { <span class="field__hint" id=hint_id>{hint_words}</span> });
    let note = note.zip(note_id).map(|(text, note_id)| view! { <p class="muted" id=note_id aria-live="polite">{text}</p> });
    let message = move || error.get().map(|text| view! { <p class="field__error" id=error_id.clone()>{text}</p> });
    if layout == FieldLayout::Check {
        return view! {
            <div class=class.unwrap_or("field field--checkbox")>
                {children()}
                <label for=id>{label_text}</label>
                {message}
            </div>
        }
        .into_any();
    }
    // The hint above the control, a note and the message below it.
    let body = view! { {hint} {children()} {note} {message} };
    match (layout, has_label) {
        (FieldLayout::Group, true) => view! {
            <fieldset class=class.unwrap_or("fieldset") id=id tabindex="-1" aria-describedby=move || context.described_by()>
                <legend>{label_text}</legend>
                {body}
            </fieldset>
        }
        .into_any(),
        (FieldLayout::Group, false) => view! {
            <div role="group" class=class aria-describedby=move || context.described_by()>{body}</div>
        }
        .into_any(),
        _ => view! {
            <div class=class.unwrap_or("field") class:field--invalid=move || error.with(Option::is_some)>
                <label class="field__label" for=id>
                    {label_text}
                    {optional.then(|| view! { <span class="field__optional">" " {i18n.text("form.optional")}</span> })}
                </label>
                {body}
            </div>
        }
        .into_any(),
    }
}
