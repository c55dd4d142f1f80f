//! Form pieces: a labelled field with its hint and error, and the error summary that screen
//! readers announce. Messages are already in the shopper's language when they arrive here.

use crate::i18n::use_i18n;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A labelled input. The error, when present, is tied to the input (`aria-describedby`,
/// `aria-invalid`) and shown right under it.
#[component]
pub fn TextField(
    /// The input's id (also what the error summary links to).
    #[prop(into)]
    id: String,
    /// Key of the label text.
    label: &'static str,
    /// The value, kept in sync both ways.
    value: RwSignal<String>,
    /// The error message for this field, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Key of a hint shown under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The input type (`text`, `email`, `tel`, …).
    #[prop(default = "text")]
    input_type: &'static str,
    /// Autofill token (`email`, `tel`, `name`, `street-address`, …).
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Virtual keyboard (`text`, `email`, `tel`, `numeric`, …).
    #[prop(default = "text")]
    inputmode: &'static str,
    #[prop(optional)] required: bool,
    /// Longest accepted value.
    #[prop(optional)]
    maxlength: Option<u32>,
    /// Called when the field loses focus (to validate it then).
    #[prop(optional, into)]
    on_blur: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <label class="field__label" for=id.clone()>
                {move || i18n.t(label)}
                {(!required).then(|| view! { <span class="field__optional">" " {move || i18n.t("form.optional")}</span> })}
            </label>
            {hint.map(|h| view! { <span class="field__hint" id=hint_id.clone()>{move || i18n.t(h)}</span> })}
            <input class="field__input" id=id.clone() name=id.clone() type=input_type autocomplete=autocomplete inputmode=inputmode
                required=required maxlength=maxlength.map(|m| m.to_string())
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:blur=move |_| { if let Some(cb) = on_blur { cb.run(()) } } />
            {move || error.get().map(|message| view! { <p class="field__error" id=error_id.clone()>{message}</p> })}
        </div>
    }
}

/// One entry of the error summary: the field's id and the message.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryEntry {
    pub field_id: String,
    pub message: String,
}

/// The list of problems at the top of a form. It is a `role="alert"` region, and takes focus
/// each time `attempt` changes while it has entries (that is, after each failed submit).
#[component]
pub fn ErrorSummary(
    #[prop(into)] entries: Signal<Vec<SummaryEntry>>,
    /// Increments on each submit attempt.
    #[prop(into)]
    attempt: Signal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<html::Div>::new();
    Effect::new(move |previous: Option<u32>| {
        let current = attempt.get();
        if previous.is_some_and(|p| p != current)
            && !entries.get_untracked().is_empty()
            && let Some(el) = node.get_untracked()
        {
            let _ = el.focus();
        }
        current
    });
    view! {
        <div class="error-summary" role="alert" tabindex="-1" node_ref=node hidden=move || entries.get().is_empty()>
            <h2 class="error-summary__title">{move || i18n.t("form.summary_title")}</h2>
            <ul>
                {move || entries.get().into_iter().map(|entry| {
                    let target = entry.field_id.clone();
                    view! {
                        <li><a href=format!("#{}", entry.field_id) on:click=move |ev| {
                            ev.prevent_default();
                            focus_element(&target);
                        }>{entry.message}</a></li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// Moves focus to the element with `id` (and scrolls it into view).
pub fn focus_element(id: &str) {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(el) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// A field-error code (from `vitrina_core::validate`, the checkout rules or a backend's problem
/// document) in the shopper's words. Unknown codes get a general message.
pub fn validation_message(i18n: &crate::i18n::I18n, code: &str) -> String {
    match code {
        "required" => i18n.t("validation.required"),
        "invalid_email" => i18n.t("validation.invalid_email"),
        "invalid_phone" => i18n.t("validation.invalid_phone"),
        "too_long" => i18n.t("validation.too_long"),
        "invalid_postcode" => i18n.t("validation.invalid_postcode"),
        "unsupported_country" => i18n.t("validation.unsupported_country"),
        "po_box_refused" => i18n.t("validation.po_box_refused"),
        "poste_restante_refused" => i18n.t("validation.poste_restante_refused"),
        "military_unit_refused" => i18n.t("validation.military_unit_refused"),
        "unknown_option" => i18n.t("validation.unknown_option"),
        "promo_invalid" => i18n.t("validation.promo_invalid"),
        "promo_expired" => i18n.t("validation.promo_expired"),
        "promo_not_applicable" => i18n.t("validation.promo_not_applicable"),
        "terms_outdated" => i18n.t("validation.terms_outdated"),
        "empty_cart" => i18n.t("validation.empty_cart"),
        "invalid_order_number" => i18n.t("validation.invalid_order_number"),
        _ => i18n.t("validation.invalid"),
    }
}

/// A checkbox with its label (and an optional error under it).
#[component]
pub fn CheckboxField(
    #[prop(into)] id: String,
    /// Key of the label text.
    label: &'static str,
    checked: Signal<bool>,
    on_change: Callback<bool>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <div class="field field--checkbox">
            <input type="checkbox" id=id.clone() class="field__checkbox" required=required
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described
                prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))/>
            <label for=id>{move || i18n.t(label)}</label>
            {move || error.get().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
        </div>
    }
}
