//! The error summary at the top of a form, which screen readers announce and which links to each
//! field (the fields themselves are in [`super::field`]). Messages arrive here in words.

use crate::i18n::use_i18n;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
            <h2 class="error-summary__title">{i18n.text("form.summary_title")}</h2>
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
