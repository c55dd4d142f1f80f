//! The controls a [`super::FormField`] serves. Each takes its value as a [`Model`] and reads its
//! id, `required`, `aria-invalid` and `aria-describedby` from the field around it.

use super::{Model, use_field};
use leptos::prelude::*;

/// A one-line input: text, email, phone, password, URL (and, through [`DateInput`], dates
/// and times).
#[component]
pub fn TextInput(
    /// The value, read and written in place.
    #[prop(into)]
    value: Model<String>,
    /// The input type (`text`, `email`, `tel`, `password`, `url`).
    #[prop(default = "text")]
    input_type: &'static str,
    /// Autofill token (`email`, `tel`, `name`, `street-address`, …).
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Virtual keyboard (`text`, `email`, `tel`, `numeric`, …).
    #[prop(default = "text")]
    inputmode: &'static str,
    /// Longest accepted value.
    #[prop(optional)]
    maxlength: Option<u32>,
    /// Its own id, for a second control in a field (the end of a range).
    #[prop(optional, into)]
    id: Option<String>,
    /// Its own name, for a control in a group whose legend does not name it.
    #[prop(optional, into)]
    label: Option<Signal<String>>,
    /// Extra classes.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let field = use_field();
    let (invalid, described, blurred) = (field.clone(), field.clone(), field.clone());
    let id = id.unwrap_or_else(|| field.id.clone());
    view! {
        <input class=format!("field__input {class}").trim_end().to_owned() id=id.clone() name=id type=input_type
            autocomplete=autocomplete inputmode=inputmode required=field.required maxlength=maxlength.map(|m| m.to_string())
            aria-label=move || label.map(|l| l.get())
            aria-invalid=move || invalid.invalid() aria-describedby=move || described.described_by()
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
            on:blur=move |_| blurred.blurred()/>
    }
}

/// A date, a time or both (`date`, `time`, `datetime-local`), as the browser's picker gives it
/// (`2026-11-23`, `09:00`, `2026-11-23T10:00`).
#[component]
pub fn DateInput(
    /// The value, read and written in place.
    #[prop(into)]
    value: Model<String>,
    /// `date`, `time` or `datetime-local`.
    #[prop(default = "date")]
    input_type: &'static str,
    /// Its own id, for a second control in a field (the end of a range).
    #[prop(optional, into)]
    id: Option<String>,
    /// Its own name, for a control in a group whose legend does not name it.
    #[prop(optional, into)]
    label: Option<Signal<String>>,
    /// Extra classes.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    TextInput(TextInputProps { value, input_type, autocomplete: "off", inputmode: "text", maxlength: None, id, label, class })
}

/// Several lines of text.
#[component]
pub fn TextArea(
    /// The value, read and written in place.
    #[prop(into)]
    value: Model<String>,
    #[prop(default = 6)] rows: u32,
    /// Longest accepted value.
    #[prop(optional)]
    maxlength: Option<u32>,
    /// Autofill token.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Extra classes (`field__input--mono` for text whose lines are counted).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let field = use_field();
    let (invalid, described, blurred) = (field.clone(), field.clone(), field.clone());
    view! {
        <textarea class=format!("field__input field__input--area {class}").trim_end().to_owned() id=field.id.clone()
            name=field.id.clone() rows=rows maxlength=maxlength.map(|m| m.to_string()) required=field.required inputmode="text"
            autocomplete=autocomplete
            aria-invalid=move || invalid.invalid() aria-describedby=move || described.described_by()
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
            on:blur=move |_| blurred.blurred()></textarea>
    }
}

/// A value a [`Select`] offers: how it is written in its option's `value`.
pub trait Choice: Clone + PartialEq + Send + Sync + 'static {
    fn key(&self) -> String;
}

impl Choice for String {
    fn key(&self) -> String {
        self.clone()
    }
}

impl Choice for u32 {
    fn key(&self) -> String {
        self.to_string()
    }
}

impl Choice for &'static str {
    fn key(&self) -> String {
        (*self).to_owned()
    }
}

/// One of a list of values.
#[component]
pub fn Select<T: Choice>(
    /// The chosen value, read and written in place.
    #[prop(into)]
    value: Model<T>,
    /// The values offered, in order.
    #[prop(into)]
    options: Signal<Vec<T>>,
    /// Each value in words.
    #[prop(into)]
    label: Callback<T, String>,
    /// Autofill token (`country`).
    #[prop(default = "off")]
    autocomplete: &'static str,
) -> impl IntoView {
    // Only this conversion depends on `T`; the select itself is built once for every kind of value.
    let listed = Signal::derive(move || options.with(|all| all.iter().map(|o| (o.key(), label.run(o.clone()))).collect()));
    let chosen = Signal::derive(move || value.get().key());
    let choose = Callback::new(move |key: String| {
        if let Some(choice) = options.with_untracked(|all| all.iter().find(|o| o.key() == key).cloned()) {
            value.set(choice);
        }
    });
    select(listed, chosen, choose, autocomplete)
}

/// The `<select>` of a [`Select`]: options as (value, words), the chosen value, and choosing.
fn select(options: Signal<Vec<(String, String)>>, chosen: Signal<String>, choose: Callback<String>, autocomplete: &'static str) -> AnyView {
    let field = use_field();
    let (invalid, described, blurred) = (field.clone(), field.clone(), field.clone());
    view! {
        <select class="field__input" id=field.id.clone() name=field.id.clone() autocomplete=autocomplete required=field.required
            aria-invalid=move || invalid.invalid() aria-describedby=move || described.described_by()
            on:change=move |ev| choose.run(event_target_value(&ev)) on:blur=move |_| blurred.blurred()>
            {move || options.get().into_iter().map(|(key, words)| {
                let selected = { let key = key.clone(); move || chosen.with(|c| *c == key) };
                view! { <option value=key prop:selected=selected>{words}</option> }
            }).collect_view()}
        </select>
    }
    .into_any()
}

/// A checkbox (in a field laid out as [`super::FieldLayout::Check`]).
#[component]
pub fn Check(
    /// Whether it is ticked, read and written in place.
    #[prop(into)]
    checked: Model<bool>,
) -> impl IntoView {
    let field = use_field();
    let (invalid, described) = (field.clone(), field.clone());
    view! {
        <input type="checkbox" class="field__checkbox" id=field.id.clone() name=field.id.clone() required=field.required
            aria-invalid=move || invalid.invalid() aria-describedby=move || described.described_by()
            prop:checked=move || checked.get()
            on:change=move |ev| checked.set(event_target_checked(&ev))/>
    }
}

/// One radio of a group (in a field laid out as [`super::FieldLayout::Group`], which carries the
/// name and the message); its label, which may hold more than words, follows it.
#[component]
pub fn Radio(
    /// The radio's own id (its label's `for`).
    #[prop(into)]
    id: String,
    /// Whether this is the chosen one.
    #[prop(into)]
    checked: Signal<bool>,
    /// Choosing it.
    #[prop(into)]
    on_select: Callback<()>,
    /// The `value` attribute, when it matters to someone.
    #[prop(optional, into)]
    value: Option<String>,
) -> impl IntoView {
    let field = use_field();
    view! {
        <input type="radio" id=id name=field.name.clone() value=value prop:checked=move || checked.get()
            on:change=move |_| on_select.run(())/>
    }
}
